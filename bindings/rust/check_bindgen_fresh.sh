#!/usr/bin/env bash
# Fails when imapi-sys's committed bindings differ from a fresh bindgen run
# over include/imapi_c.h (run imapi-sys/regenerate.sh and commit the result).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
"$here/imapi-sys/regenerate.sh" "$fresh"
status=0
for f in bindings.rs status.rs; do
  if ! diff -u "$here/imapi-sys/src/$f" "$fresh/$f"; then
    echo "imapi-sys/src/$f is stale: run bindings/rust/imapi-sys/regenerate.sh and commit it" >&2
    status=1
  fi
done
exit $status
