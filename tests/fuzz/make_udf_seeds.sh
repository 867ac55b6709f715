#!/usr/bin/env bash
# Regenerates tests/fuzz/corpus/udf: UDF images of a small tree made by the
# CLI, cut down to the sectors fuzz_udf_reader lays its input over.
# Usage: make_udf_seeds.sh IMAPI_CLI
set -euo pipefail
cli=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree/sub/deeper" "$here/corpus/udf"
printf 'hello\n' > "$work/tree/a.txt"
printf 'deeper\n' > "$work/tree/sub/deeper/b.txt"
: > "$work/tree/empty"
ln -s ../a.txt "$work/tree/sub/link"
export SOURCE_DATE_EPOCH=1700000000
for rev in 1.02 2.01 2.50; do
  "$cli" mkiso -o "$work/img" --fs udf --udf-revision "$rev" "$work/tree" >/dev/null
  out="$here/corpus/udf/udf-$rev"
  : > "$out"
  for range in 16:3 32:6 64:1 256:1 257:40; do
    dd if="$work/img" bs=2048 skip="${range%:*}" count="${range#*:}" status=none >> "$out"
  done
done
