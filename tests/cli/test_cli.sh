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
help=$("$imapi" help)  # read whole: grep -q stops early and pipefail would report imapi's SIGPIPE
grep -q 'mkiso' <<< "$help" || fail "help"
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
# --symlinks: record (the default) keeps the link, follow adds the target, skip leaves it out.
mkdir -p links/dir && echo "target bytes" > links/data.txt && ln -s data.txt links/link.txt && ln -s dir links/dir_link
"$imapi" mkiso -o follow.iso --symlinks follow links || fail "mkiso --symlinks follow"
"$imapi" extract follow.iso follow-x || fail "extract of the follow image"
[ -f follow-x/link.txt ] && [ ! -L follow-x/link.txt ] || fail "follow: link.txt is not a file"
cmp -s follow-x/link.txt links/data.txt || fail "follow: link.txt does not hold the target's bytes"
[ -d follow-x/dir_link ] && [ ! -L follow-x/dir_link ] || fail "follow: dir_link is not a directory"
"$imapi" mkiso -o skip.iso --symlinks skip links || fail "mkiso --symlinks skip"
"$imapi" ls skip.iso | grep -q 'link' && fail "skip: a link is in the image"
"$imapi" ls skip.iso | grep -q '/data.txt$' || fail "skip: data.txt is missing"
"$imapi" mkiso -o record.iso links || fail "mkiso with links recorded"
"$imapi" extract record.iso record-x || fail "extract of the record image"
[ "$(readlink record-x/link.txt)" = data.txt ] || fail "record: link.txt is not the link"
"$imapi" mkiso -o x.iso --symlinks sometimes links 2> err.txt; [ $? -eq 2 ] || fail "bad --symlinks exit code"
grep -q 'record, follow or skip' err.txt || fail "bad --symlinks message: $(cat err.txt)"
grep -q -- '--symlinks' err.txt || fail "mkiso usage lacks --symlinks: $(cat err.txt)"
ln -s nowhere links/dangling
"$imapi" mkiso -o dangling.iso --symlinks follow links 2> err.txt && fail "follow of a dangling link succeeded"
grep -q 'links/dangling' err.txt || fail "dangling error does not name the link: $(cat err.txt)"
# What AddTree cannot store is named on stderr (never stdout, which may be the image) and left out; exit 0.
mkdir -p odd/sub && echo kept > odd/keep.txt && mkfifo odd/pipe && ln -s keep.txt odd/sub/link
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' odd/sub/sock || fail "cannot make a socket"
"$imapi" mkiso -o odd.iso odd 2> err.txt || fail "mkiso of a tree with a FIFO and a socket: $(cat err.txt)"
[ "$(cat err.txt)" = "imapi: skipped 2 entries an image cannot hold: FIFO 'odd/pipe', socket 'odd/sub/sock'" ] ||
  fail "skipped note: $(cat err.txt)"
"$imapi" mkiso -o - odd > odd-stdout.iso 2> err2.txt || fail "mkiso -o - of the tree with a FIFO"
cmp -s odd.iso odd-stdout.iso || fail "the skipped note reached stdout"
cmp -s err.txt err2.txt || fail "the note differs with -o -: $(cat err2.txt)"
"$imapi" ls odd.iso > odd.txt || fail "ls odd.iso"
[ "$(sed 's/.* \//\//' odd.txt | sort | tr '\n' ' ')" = "/keep.txt /sub /sub/link -> keep.txt " ] ||
  fail "odd.iso holds $(tr '\n' ' ' < odd.txt)"
"$imapi" mkiso -o odd-skip.iso --symlinks skip odd 2> err.txt || fail "mkiso --symlinks skip of the odd tree"
[ "$(sed -n 2p err.txt)" = "imapi: skipped 1 symbolic link (--symlinks skip): 'odd/sub/link'" ] ||
  fail "skipped link note: $(cat err.txt)"
"$imapi" ls odd-skip.iso | grep -q 'link' && fail "odd-skip.iso holds the skipped link"
# Many of a kind: the count, three paths and how many more.
mkdir -p fifos && for i in 1 2 3 4 5; do mkfifo "fifos/p$i"; done
"$imapi" mkiso -o fifos.iso fifos 2> err.txt || fail "mkiso of five FIFOs"
[ "$(cat err.txt)" = "imapi: skipped 5 entries an image cannot hold: 5 FIFOs 'fifos/p1', 'fifos/p2', 'fifos/p3' and 2 more" ] ||
  fail "five FIFOs note: $(cat err.txt)"
"$imapi" mkiso -o quiet.iso links/dir 2> err.txt || fail "mkiso of a plain tree"
[ ! -s err.txt ] || fail "a tree with nothing skipped printed: $(cat err.txt)"
echo "1 passed, 0 failed"
