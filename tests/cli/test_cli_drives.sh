#!/usr/bin/env bash
# The recorder commands: `emu create` prints a URI that `drives`, `info` and
# `eject` accept (by URI and by index through IMAPI_EMU_DRIVES); bad drives are
# one-line errors with exit 1, bad usage exit 2. Usage: test_cli_drives.sh IMAPI_BINARY WORKDIR
set -uo pipefail
imapi=$(realpath "$1"); work=$2
rm -rf "$work"; mkdir -p "$work"; cd "$work"
fail() { echo "FAIL: $*"; exit 1; }

bd=$("$imapi" emu create --media bd-r "$work/bd") || fail "emu create bd-r"
[ "$bd" = "emu:bd-r?dir=$work/bd" ] || fail "emu create printed '$bd'"
[ -f "$work/bd/disc.state" ] || fail "emu create left no disc in $work/bd"
dvd=$("$imapi" emu create --media dvd+r "$work/dvd") || fail "emu create dvd+r"
export IMAPI_EMU_DRIVES="$bd;$dvd"

"$imapi" drives > drives.txt || fail "drives"
grep -q "^0  $bd" drives.txt || fail "drives does not list the BD-R first: $(cat drives.txt)"
grep -q "media: BD-R, blank" drives.txt || fail "drives does not show a blank BD-R: $(cat drives.txt)"
grep -q "media: DVD+R, blank" drives.txt || fail "drives does not show a blank DVD+R: $(cat drives.txt)"
grep -q "IMAPI EMULATED DRIVE" drives.txt || fail "drives does not show the model"

"$imapi" info 0 > info.txt || fail "info 0"
grep -q "^current profiles: 0041h$" info.txt || fail "info: current profile $(cat info.txt)"
grep -q "^media: BD-R$" info.txt || fail "info: media"
grep -q "^media state: blank$" info.txt || fail "info: state"
grep -q "^free sectors: 12219392$" info.txt || fail "info: free sectors"
grep -q "^write speeds (kB/s): [0-9]" info.txt || fail "info: speeds"
grep -q "^features:.* 0041h" info.txt || fail "info: features"
"$imapi" info "$dvd" | grep -q "^media: DVD+R$" || fail "info by URI"

"$imapi" eject 1 || fail "eject 1"
"$imapi" info 1 | grep -q "^media state: no medium$" || fail "no medium after eject"
"$imapi" drives | grep -q "media: none, no medium" || fail "drives after eject"

"$imapi" info 9 2> err.txt; [ $? -eq 1 ] || fail "info 9: exit code"
[ "$(wc -l < err.txt)" -eq 1 ] || fail "error is not one line: $(cat err.txt)"
grep -q "out of range" err.txt || fail "info 9: $(cat err.txt)"
"$imapi" info linux-scsi:nowhere 2> err.txt; [ $? -eq 1 ] || fail "unknown ID: exit code"
grep -q "IMAPI_E_INVALIDARG" err.txt || fail "unknown ID: $(cat err.txt)"
"$imapi" emu create --media floppy "$work/fl" 2> err.txt; [ $? -eq 1 ] || fail "bad medium: exit code"
grep -q "floppy" err.txt || fail "bad medium error does not name it: $(cat err.txt)"
"$imapi" info 2> /dev/null; [ $? -eq 2 ] || fail "info without DRIVE: exit code"
"$imapi" emu create 2> /dev/null; [ $? -eq 2 ] || fail "emu create without DIR: exit code"
echo "1 passed, 0 failed"
