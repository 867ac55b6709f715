#!/usr/bin/env bash
# `imapi burn DRIVE -` with a pipe of unknown size that holds no ISO 9660
# volume and is longer than the CLI's read-ahead: burned to its end (its last
# partial sector padded with zeros), verified in full against the hashes taken
# while writing, and read back through the LD_PRELOAD shim by sg_dd (an
# independent reader) with the same SHA-256 as what went into the pipe.
# A pipe longer than the disc's free space fails with IMAPI's code and leaves
# the disc appendable. Usage: test_cli_burn_pipe.sh IMAPI_BINARY PRELOAD WORKDIR
set -uo pipefail
imapi=$(realpath "$1"); preload=$(realpath "$2"); work=$3
rm -rf "$work"; mkdir -p "$work"; cd "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
command -v openssl > /dev/null || { echo "openssl is not installed: skipped"; exit 0; }

# A reproducible pseudo-random stream of $1 bytes (AES-CTR of zeros: fast, and
# the same every time, so its hash is taken from a second run, not a file).
# (openssl ends on SIGPIPE when head has its bytes: only head's status counts.)
stream() {
  openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f -iv 0 -in /dev/zero 2>/dev/null | head -c "$1"
  return "${PIPESTATUS[1]}"
}

n=$(( 300 * 1024 * 1024 + 1000 ))  # 300 MiB and a partial sector
sectors=$(( (n + 2047) / 2048 ))
mkdir -p d0
bd="emu:bd-r?dir=$work/d0&polls=0"
stream "$n" | "$imapi" burn --verify full "$bd" - 2> burn.txt; rc=${PIPESTATUS[1]}
[ "$rc" -eq 0 ] || fail "burn of a $n-byte pipe: exit $rc: $(cat burn.txt)"
grep -q "$sectors sectors written" burn.txt || fail "expected $sectors sectors written: $(cat burn.txt)"
grep -q "verified (full)" burn.txt || fail "no full verification: $(cat burn.txt)"

want=$(stream "$n" | sha256sum | cut -d' ' -f1)
if command -v sg_dd > /dev/null; then
  got=$(LD_PRELOAD="$preload" IMAPI_EMU_DRIVES="$bd" sg_dd if=/dev/sr0 of=/dev/stdout bs=2048 count="$sectors" 2>sg_dd.txt |
        head -c "$n" | sha256sum | cut -d' ' -f1)
  [ "$got" = "$want" ] || fail "sg_dd through the shim read back $got, the pipe was $want ($(cat sg_dd.txt))"
  pad=$(LD_PRELOAD="$preload" IMAPI_EMU_DRIVES="$bd" sg_dd if=/dev/sr0 of=/dev/stdout bs=2048 skip=$(( sectors - 1 )) count=1 2>/dev/null |
        tail -c $(( sectors * 2048 - n )) | tr -d '\0' | wc -c)
  [ "$pad" -eq 0 ] || fail "the last sector is not padded with zeros"
else
  echo "sg_dd is not installed: comparing the emulator's disc image instead"
fi
got=$(head -c "$n" d0/disc.img | sha256sum | cut -d' ' -f1)
[ "$got" = "$want" ] || fail "the disc image holds $got, the pipe was $want"
"$imapi" info "$bd" | grep -q "^media state: appendable$" || fail "the pipe's burn left $("$imapi" info "$bd" | grep 'media state')"
rm -f d0/disc.img

# ---- a pipe longer than the free space: IMAPI's code, the disc still usable ----
mkdir -p d1
cd_uri="emu:cd-r?dir=$work/d1&polls=0"
# Endless zeros (stored as holes by the emulator): imapi stops reading when
# the disc is full, and cat then gets SIGPIPE.
cat /dev/zero | "$imapi" burn --verify none "$cd_uri" - 2> err.txt; rc=${PIPESTATUS[1]}
[ "$rc" -eq 1 ] || fail "a pipe longer than the CD-R: exit $rc ($(cat err.txt))"
[ "$(wc -l < err.txt)" -eq 1 ] || fail "not one line: $(cat err.txt)"
grep -q "IMAPI_E_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA" err.txt || fail "not the too-large code: $(cat err.txt)"
# What was written is closed as a session of its own (cdrskin reads the disc's
# state; the disc has no room left for a third one).
if command -v cdrskin > /dev/null; then
  LD_PRELOAD="$preload" IMAPI_EMU_DRIVES="$cd_uri" timeout 120 cdrskin dev=/dev/sr0 -minfo > minfo.txt 2>&1
  grep -q "^disk status: *incomplete/appendable" minfo.txt || fail "cdrskin -minfo after the failed burn: $(grep status minfo.txt)"
  grep -q "^number of sessions: *2" minfo.txt || fail "cdrskin -minfo after the failed burn: $(grep sessions minfo.txt)"
fi
rm -f d1/disc.img
echo "1 passed, 0 failed"
