#!/usr/bin/env bash
# The `imapi burn` / `imapi verify` contract against emulated recorders: the
# command lines of the issue, exit 0 on success with the disc holding the
# image byte for byte, one-line errors (drive, action, reason, sense/LBA) with
# exit 1, usage errors with exit 2, standard input (a file and a pipe of
# unknown size), --tree onto an appendable disc, --eject, --dummy, --speed,
# verification finding a corrupted block and naming its LBA.
# Usage: test_cli_burn.sh IMAPI_BINARY SAMPLE_TREE WORKDIR
set -uo pipefail
imapi=$(realpath "$1"); sample=$(realpath "$2"); work=$3
rm -rf "$work"; mkdir -p "$work"; cd "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
disc() {  # disc MEDIUM [EXTRA]: a fresh emulated disc (runs in $(...): numbered by what exists); prints its URI
  local n; n=$(find "$work" -maxdepth 1 -name 'd[0-9]*' | wc -l)
  mkdir -p "$work/d$n"; echo "emu:$1?dir=$work/d$n&polls=0${2:-}"
}
dir_of() { local u=${1#*dir=}; echo "${u%%&*}"; }
one_line_error() {  # one_line_error FILE WORD...: exactly one line, naming each WORD
  local file=$1 w; shift
  [ "$(wc -l < "$file")" -eq 1 ] || fail "not one line: $(cat "$file")"
  grep -q "^imapi: error: " "$file" || fail "not an imapi error line: $(cat "$file")"
  for w in "$@"; do grep -qF -- "$w" "$file" || fail "the error does not name '$w': $(cat "$file")"; done
}

"$imapi" mkiso -o sample.iso --volume SAMPLE "$sample" 2>/dev/null || fail "mkiso"
size=$(stat -c %s sample.iso)

# ---- usage: exit 2 ----
for args in "" "--verify sometimes X Y" "--multi --close X Y" "--speed fast X Y" "--buffer lots X Y" "X" "X Y Z" \
            "--fs udf X Y" "--tree X" "--frobnicate X Y" "--symlinks follow X Y" "--symlinks never X --tree Y"; do
  # shellcheck disable=SC2086
  "$imapi" burn $args 2> err.txt; rc=$?
  [ $rc -eq 2 ] || fail "burn $args: exit $rc, expected 2"
  grep -q "^usage: imapi burn" err.txt || fail "burn $args: no usage line: $(cat err.txt)"
done
"$imapi" burn 2> err.txt; grep -q -- "--symlinks record|follow|skip" err.txt || fail "burn usage lacks --symlinks"
"$imapi" verify onlyone 2>/dev/null; [ $? -eq 2 ] || fail "verify with one argument: exit code"
# The help text is read whole first: `grep -q` would stop reading at its match,
# and a later write of imapi then fails with SIGPIPE, which pipefail reports.
help=$("$imapi" help)
grep -q "^  burn " <<< "$help" || fail "imapi help does not list burn"
grep -q "^  verify " <<< "$help" || fail "imapi help does not list verify"

# ---- a burn: exit 0, the disc holds the image, the summary line ----
bd=$(disc bd-r)
"$imapi" burn "$bd" sample.iso 2> burn.txt || fail "burn: $(cat burn.txt)"
grep -q "sectors written" burn.txt || fail "no summary line: $(cat burn.txt)"
grep -q "verified (quick)" burn.txt || fail "the default verification is not quick: $(cat burn.txt)"
cmp -s -n "$size" sample.iso "$(dir_of "$bd")/disc.img" || fail "the disc does not hold the image"
"$imapi" info "$bd" | grep -q "^media state: appendable$" || fail "an image burn left the disc $("$imapi" info "$bd" | grep 'media state')"

# ---- imapi verify: the last session against the image; a corrupted block is named ----
"$imapi" verify "$bd" sample.iso > verify.txt 2>&1 || fail "verify: $(cat verify.txt)"
grep -q "matches" verify.txt || fail "verify said: $(cat verify.txt)"
printf 'X' | dd of="$(dir_of "$bd")/disc.img" bs=1 seek=$(( 20 * 2048 + 100 )) conv=notrunc status=none
"$imapi" verify "$bd" sample.iso 2> err.txt; rc=$?
[ $rc -eq 1 ] || fail "verify of a corrupted disc: exit $rc"
one_line_error err.txt "$bd" IMAPI_E_BURN_VERIFICATION_FAILED "LBA 20"

# ---- standard input: a file, and a pipe whose size nobody knows ----
bd2=$(disc bd-r)
"$imapi" burn --verify none "$bd2" - < sample.iso 2> burn.txt || fail "burn - < file: $(cat burn.txt)"
cmp -s -n "$size" sample.iso "$(dir_of "$bd2")/disc.img" || fail "burn - < file: the disc does not hold the image"
bd3=$(disc bd-r)
cat sample.iso | "$imapi" burn --verify none "$bd3" - 2> burn.txt || fail "burn - from a pipe: $(cat burn.txt)"
cmp -s -n "$size" sample.iso "$(dir_of "$bd3")/disc.img" || fail "burn - from a pipe: the disc does not hold the image"
"$imapi" verify "$bd3" sample.iso > /dev/null 2>&1 || fail "verify after burning a pipe"

# A pipe longer than the read-ahead (32 MiB): its size comes from the ISO 9660 volume descriptor.
mkdir -p big; head -c 300000000 /dev/urandom > big/data.bin
"$imapi" mkiso -o big.iso big 2>/dev/null || fail "mkiso big"
rm -rf big
bd5=$(disc bd-r)
cat big.iso | "$imapi" burn --verify none "$bd5" - 2> burn.txt || fail "burn - from a 300 MB pipe: $(cat burn.txt)"
cmp -s -n "$(stat -c %s big.iso)" big.iso "$(dir_of "$bd5")/disc.img" || fail "burn - from a 300 MB pipe: the disc does not hold the image"
rm -f big.iso "$(dir_of "$bd5")/disc.img"

# ---- --tree onto the appendable disc: the previous session is imported ----
mkdir -p more; echo "added later" > more/later.txt
"$imapi" burn --close "$bd2" --tree more 2> burn.txt || fail "burn --tree on an appendable disc: $(cat burn.txt)"
"$imapi" info "$bd2" > info.txt
grep -q "^media state: closed$" info.txt || fail "--close left $(grep 'media state' info.txt)"
grep -q "^sessions: 2$" info.txt || fail "expected 2 sessions: $(grep sessions info.txt)"

# ---- --tree --symlinks follow: the link's target is burned as a file ----
mkdir -p linked && echo "followed bytes" > linked/data.txt && ln -s data.txt linked/link.txt && mkfifo linked/pipe
follow_uri=$(disc bd-r)
"$imapi" burn --symlinks follow "$follow_uri" --tree linked 2> burn.txt || fail "burn --symlinks follow --tree: $(cat burn.txt)"
grep -qx "imapi: skipped 1 entry an image cannot hold: FIFO 'linked/pipe'" burn.txt || fail "burn --tree: skipped note: $(cat burn.txt)"
7z l -tudf "$(dir_of "$follow_uri")/disc.img" 2>/dev/null | grep -q 'pipe' && fail "burn --tree: the FIFO is on the disc"
# A BD-R gets UDF alone, which 7-Zip reads only when it holds no link.
7z x -so -tudf "$(dir_of "$follow_uri")/disc.img" link.txt > followed.txt 2>/dev/null ||
  fail "7z cannot extract link.txt from the burned UDF disc"
cmp -s followed.txt linked/data.txt || fail "burn --symlinks follow: link.txt is not the target's bytes"

# ---- a closed disc, no medium, bad drive: one line naming drive, action, reason ----
"$imapi" burn "$bd2" sample.iso 2> err.txt; rc=$?
[ $rc -eq 1 ] || fail "burn onto a closed disc: exit $rc"
one_line_error err.txt "$bd2" "0x"
"$imapi" burn 9 sample.iso 2> err.txt; [ $? -eq 1 ] || fail "burn to drive 9: exit code"
one_line_error err.txt 9
# an emulated drive whose directory is missing: one line (drive, action, reason) from every drive command
nodir="emu:cd-r?dir=$work/no-such-dir&polls=0"
for cmd in "burn --multi $nodir sample.iso" "verify $nodir sample.iso" "info $nodir" "eject $nodir"; do
  # shellcheck disable=SC2086
  "$imapi" $cmd > /dev/null 2> err.txt; rc=$?
  [ $rc -eq 1 ] || fail "$cmd: exit $rc, expected 1"
  one_line_error err.txt "$nodir: opening the drive: " "directory does not exist" IMAPI_E_INVALIDARG
done
[ ! -e "$work/no-such-dir" ] || fail "a drive command created the emulated drive's missing directory"
"$imapi" burn "$(disc bd-r)" no-such.iso 2> err.txt; [ $? -eq 1 ] || fail "burn of a missing image: exit code"
one_line_error err.txt no-such.iso
head -c 1000 /dev/urandom > odd.bin
"$imapi" burn "$(disc bd-r)" odd.bin 2> err.txt; [ $? -eq 1 ] || fail "burn of 1000 bytes: exit code"
one_line_error err.txt IMAPI_E_DF2DATA_STREAM_NOT_SUPPORTED
truncate -s 800M big.bin
cd_uri=$(disc cd-r)
"$imapi" burn "$cd_uri" big.bin 2> err.txt; [ $? -eq 1 ] || fail "burn of 800 MB onto a CD-R: exit code"
one_line_error err.txt "$cd_uri" IMAPI_E_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA
"$imapi" info "$cd_uri" | grep -q "^media state: blank$" || fail "a refused burn changed the CD-R"
wp=$(disc dvd+r "&wp=1")
"$imapi" burn "$wp" sample.iso 2> err.txt; [ $? -eq 1 ] || fail "burn onto a write-protected disc: exit code"
one_line_error err.txt "$wp" "0x"

# ---- --eject, --dummy, --speed ----
bd4=$(disc bd-r)
"$imapi" burn --eject --verify none "$bd4" sample.iso 2> burn.txt || fail "burn --eject: $(cat burn.txt)"
"$imapi" info "$bd4" | grep -q "^media state: no medium$" || fail "--eject left the medium in"
cdr=$(disc cd-r)
"$imapi" burn --dummy "$cdr" sample.iso 2> burn.txt || fail "burn --dummy on CD-R: $(cat burn.txt)"
"$imapi" info "$cdr" | grep -q "^media state: blank$" || fail "a test write recorded something on the CD-R"
"$imapi" burn --dummy "$(disc bd-r)" sample.iso 2> err.txt; [ $? -eq 1 ] || fail "--dummy on BD-R: exit code"
one_line_error err.txt IMAPI_E_DF2DATA_MEDIA_IS_NOT_SUPPORTED
"$imapi" burn --speed 1000 --verify none "$(disc dvd+r)" sample.iso 2> burn.txt || fail "--speed 1000: $(cat burn.txt)"
grep -q "not offered" burn.txt || fail "--speed 1000 did not say it was adjusted: $(cat burn.txt)"
"$imapi" burn --speed max --buffer 8M --stream --verify full "$(disc bd-re)" sample.iso 2> burn.txt ||
  fail "--speed max --buffer 8M --stream --verify full on BD-RE: $(cat burn.txt)"
grep -q "verified (full)" burn.txt || fail "no full verification: $(cat burn.txt)"
echo "1 passed, 0 failed"
