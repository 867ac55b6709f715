#!/usr/bin/env bash
# `imapi burn --tree --multi` twice on a sequential medium with the medium's
# default file systems (ChooseImageDefaultsForMediaType: UDF 2.50 on BD-R, the
# ISO 9660 + Joliet + UDF bridge on DVD+R): the second session imports the
# first, so its UDF volume holds both trees, and the first session stays
# readable on its own. Read back by programs nobody here wrote:
#   udfinfo --startblock=LBA (udftools) of each session: its label, file and
#     directory counts, UDF revision;
#   xorriso -osirrox -extract through the shim (the bridge's ISO 9660 side);
#   cdrskin -minfo and dvd+rw-mediainfo: two sessions, appendable (media_state.sh);
# and leaves the kernel's mounts to the one QEMU boot of kernel_burned.py
# (KERNEL_LIST): udf with session= of the newest session (the Linux udf driver
# takes the session's start block, as CDROMMULTISESSION would report it, and
# finds the VRS at +16 and the anchor at +256 of it) must show both trees; udf
# with the default options (session 0 on a disk that is no CD-ROM) the first
# tree; on the bridge, iso9660 with sbsector= of the newest session both trees.
#
# Usage: imapi_burn_udf_sessions.sh MEDIUM SHIM_SO IMAPI_CLI WORKDIR KERNEL_LIST
# Exit 77 (CTest SKIP) when xorriso, cdrskin, udfinfo or dvd+rw-mediainfo is missing.
set -uo pipefail
medium=$1 shim=$(realpath "$2") cli=$(realpath "$3") work=$4 kernel_list=$5
here=$(dirname "$(realpath "${BASH_SOURCE[0]}")")
for t in xorriso cdrskin udfinfo dvd+rw-mediainfo; do command -v $t >/dev/null || { echo "SKIP: $t is not installed"; exit 77; }; done
rm -rf "$work"; mkdir -p "$work"; work=$(realpath "$work"); cd "$work" || exit 1
mkdir -p "$(dirname "$kernel_list")"; kernel_list=$(realpath -m "$kernel_list")
name=udf-sessions-$medium
sed -i "\|^$name-|d" "$kernel_list" 2>/dev/null || true
scenario=setup
fail() { echo "FAIL [$name $scenario]: $*"; for f in "$work"/*.log; do [ -f "$f" ] && { echo "--- $f"; tail -n 15 "$f"; }; done; exit 1; }
. "$here/media_state.sh"
case "$medium" in
  bd-r) bridge=0 revision=2.50 ;;
  dvd+r) bridge=1 revision=1.02 ;;
  *) echo "usage: MEDIUM is bd-r or dvd+r"; exit 2 ;;
esac

. "$here/session_trees.sh"
make_session_trees

disc=$work/disc; mkdir -p "$disc"
URI="emu:$medium?dir=$disc&polls=0"
on_drive() { local log=$1; shift; LD_PRELOAD=$shim IMAPI_EMU_DRIVES=$URI timeout 120 "$@" > "$work/$log.log" 2>&1; }
burn() {  # burn LOG ARGS...
  local log=$1; shift
  timeout 300 "$cli" burn "$@" > "$work/$log.log" 2>&1 || fail "imapi burn $*: $(tail -n 3 "$work/$log.log")"
  grep -q "sectors written" "$work/$log.log" || fail "imapi burn printed no summary: $(cat "$work/$log.log")"
}
# What udfinfo (udftools) reads of the UDF volume whose session starts at LBA.
expect_udf() {  # expect_udf LBA LABEL FILES DIRS
  local lba=$1 f=$work/udfinfo-$1.txt
  udfinfo --startblock="$lba" "$disc/disc.img" > "$f" 2> "$work/udfinfo-$1.err" || fail "udfinfo --startblock=$lba: $(cat "$work/udfinfo-$1.err")"
  local wants=("label=$2" "numfiles=$3" "numdirs=$4" "udfrev=$revision")
  [ "$lba" = 0 ] || wants+=("startblock=$lba")  # udfinfo prints it only when given
  for want in "${wants[@]}"; do
    grep -qx "$want" "$f" || fail "udfinfo --startblock=$lba: no '$want' in: $(tr '\n' ' ' < "$f")"
  done
}
kernel_entry() {  # kernel_entry MOUNT FSTYPE OPTIONS DIR
  printf '%s-%s\t%s\t%s\t%s\t%s\n' "$name" "$1" "$disc/disc.img" "$2" "$3" "$4" >> "$kernel_list"
}

scenario=first
burn first --multi --volume ONE "$URI" --tree tree1
media_state first appendable 1
nwa=$(ms_field "next writable address" "$work/ms-first-imapi.txt")
[ "$nwa" -gt 0 ] || fail "no next writable address after the appendable session"
grep -q BEA01 <(dd if="$disc/disc.img" bs=2048 skip=$(( bridge ? 19 : 16 )) count=1 status=none) ||
  fail "no UDF volume recognition sequence in the first session (medium defaults)"
expect_udf 0 ONE 3 2
cp --sparse=always "$disc/disc.img" first.img

scenario=second
burn second --multi --volume TWO "$URI" --tree tree2
media_state second appendable 2
start=$(sed -n 's/^  track \([0-9]*\) *start \([0-9]*\).*/\1 \2/p' "$work/ms-second-imapi.txt" | tail -n 1 | cut -d' ' -f2)
[ "$start" = "$nwa" ] || fail "the second session starts at ${start:-?}, not at the NWA $nwa"
size1=$(stat -c %s first.img)  # the first session as it was burned
cmp -s -n "$size1" first.img "$disc/disc.img" || fail "the first session's blocks changed when the second was burned"
expect_udf "$nwa" TWO 5 3   # both trees: 5 files in the root, sub and more
expect_udf 0 ONE 3 2        # the first session, untouched
if [ "$bridge" = 1 ]; then
  rm -rf x-xorriso
  on_drive extract xorriso -osirrox on -indev /dev/sr0 -extract / "$work/x-xorriso" || fail "xorriso -extract"
  diff -r both x-xorriso > diff-xorriso.log 2>&1 || fail "xorriso's extraction of the newest session differs from both trees"
  kernel_entry iso-newest iso9660 "sbsector=$nwa" "$work/both"
fi
kernel_entry udf-newest udf "session=$nwa" "$work/both"
kernel_entry udf-first udf "" "$work/tree1"
echo "PASS [$name]: second session at $nwa; $MS_SUMMARY"
