#!/usr/bin/env bash
# imapi mkiso -o OUT interrupted: SIGINT and SIGTERM cancel the write and leave
# neither OUT nor OUT.imapi-*; SIGKILL leaves no OUT.imapi-* where the file
# system has O_TMPFILE (the partial image has no name until it is complete).
# Usage: test_cli_signals.sh IMAPI_BINARY WORKDIR
set -uo pipefail
imapi=$(realpath "$1"); work=$2
rm -rf "$work"; mkdir -p "$work/src"; cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
# A large sparse source: copying it takes seconds, so the signal lands mid-write.
truncate -s 24G src/big.bin
echo small > src/small.txt
for sig in INT TERM KILL; do
  rm -f out.iso out.iso.imapi-*
  "$imapi" mkiso -o out.iso src & pid=$!
  # Wait until the write has started (the process holds the output open).
  for _ in $(seq 1 200); do
    ls -l /proc/$pid/fd 2>/dev/null | grep -q "$work/out.iso\|$work/#" && break
    sleep 0.05
  done
  sleep 0.3
  kill -0 $pid 2>/dev/null || fail "SIG$sig: mkiso ended before the signal (make the source larger)"
  kill -$sig $pid
  wait $pid; rc=$?
  want=$((128 + $(kill -l $sig)))
  [ $rc -eq $want ] || fail "SIG$sig: exit status $rc, expected $want"
  left=$(ls -a | grep -c 'out\.iso')
  [ "$left" -eq 0 ] || fail "SIG$sig left: $(ls -a | grep 'out\.iso')"
  echo "ok: SIG$sig during mkiso left nothing (exit $rc)"
done
# Uninterrupted, the image is complete and named.
"$imapi" mkiso -o small.iso --fs iso9660,rockridge "$work/src/small.txt" || fail "mkiso of a small file"
[ -s small.iso ] || fail "no small.iso"
ls -a | grep -q 'imapi-' && fail "a temporary name was left: $(ls -a)"
# A FIFO as SOURCE: the command's own wording, not the API's ("AddTree").
mkfifo fifo
"$imapi" mkiso -o fifo.iso fifo 2> err.txt && fail "a FIFO SOURCE succeeded"
grep -q 'FIFO' err.txt || fail "FIFO error: $(cat err.txt)"
grep -q 'AddTree' err.txt && fail "FIFO error uses API wording: $(cat err.txt)"
echo PASS
