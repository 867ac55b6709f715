#!/usr/bin/env bash
# The imapi command's contract: images to a file and to standard output are
# identical, errors are one line naming the file with a non-zero exit, and
# --version/help answer. Usage: test_cli.sh IMAPI_BINARY SAMPLE_TREE WORKDIR
set -uo pipefail
imapi=$(realpath "$1"); tree=$(realpath "$2"); work=$3
rm -rf "$work"; mkdir -p "$work"; cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
export SOURCE_DATE_EPOCH=1700000000

"$imapi" --version | grep -q '^imapi 0\.' || fail "--version"
"$imapi" help | grep -q 'mkiso' || fail "help"
"$imapi" mkiso -o file.iso "$tree" || fail "mkiso to a file"
"$imapi" mkiso -o - "$tree" > stdout.iso || fail "mkiso to stdout"
cmp -s file.iso stdout.iso || fail "stdout image differs from file image"
xorriso -indev file.iso -find / -type f 2>/dev/null | grep -q "filler.bin" || fail "xorriso cannot see filler.bin"

"$imapi" mkiso -o missing.iso "$tree" /nonexistent/source 2> err.txt; rc=$?
[ $rc -ne 0 ] || fail "missing source did not fail"
[ "$(wc -l < err.txt)" -eq 1 ] || fail "error is not one line: $(cat err.txt)"
grep -q '/nonexistent/source' err.txt || fail "error does not name the file: $(cat err.txt)"
[ ! -e missing.iso ] || fail "an output was left behind"

"$imapi" mkiso -o big.iso --max-blocks 10 "$tree" 2> err.txt && fail "--max-blocks 10 succeeded"
grep -q 'IMAPI_E_IMAGE_SIZE_LIMIT' err.txt || fail "size limit error: $(cat err.txt)"

"$imapi" mkiso -o x.iso --iso-level 4 "$tree" 2> err.txt; [ $? -eq 2 ] || fail "bad option exit code"
"$imapi" mkiso -o /nonexistent-dir/x.iso "$tree" 2> err.txt && fail "unwritable output succeeded"
grep -q 'nonexistent-dir' err.txt || fail "output error does not name the path: $(cat err.txt)"
# Reading: ls, extract (byte-identical tree), check, and a corrupt image.
"$imapi" ls file.iso | grep -q '/data/filler.bin$' || fail "ls does not list filler.bin"
"$imapi" ls file.iso --fs joliet | grep -q 'readme-link' && fail "Joliet listing shows a symlink"
"$imapi" extract file.iso extracted || fail "extract"
diff -r --no-dereference extracted "$tree" > diff.txt || fail "extracted tree differs: $(head -5 diff.txt)"
"$imapi" check file.iso | grep -q valid || fail "check of a good image"
head -c 40960 file.iso > cut.iso
"$imapi" check cut.iso 2> err.txt && fail "check of a truncated image succeeded"
grep -q 'block' err.txt || fail "truncation error does not name a block: $(cat err.txt)"
echo "1 passed, 0 failed"
