#!/usr/bin/env bash
# Compares the built libimapi.so with the committed baseline (abi/libimapi.abi).
# An incompatible change (a function removed, a signature or struct layout
# changed) fails: it needs a SONAME bump (IMAPI_ABI_MAJOR) and a new baseline
# (abi/update-baseline.sh). A compatible addition passes with a reminder.
#   usage: check_abi.sh LIBIMAPI_SO
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
abidiff --no-show-locs --headers-dir2 "$here/../include" "$here/libimapi.abi" "$1"
rc=$?
# abidiff's exit status is a bit field: 1 error, 2 usage, 4 ABI change, 8 incompatible change.
if (( rc & 3 )); then echo "abidiff failed (exit $rc)"; exit 1; fi
if (( rc & 8 )); then
  echo "INCOMPATIBLE ABI change against abi/libimapi.abi: bump IMAPI_ABI_MAJOR and run abi/update-baseline.sh"
  exit 1
fi
if (( rc & 4 )); then echo "compatible ABI change (additions): refresh the baseline with abi/update-baseline.sh"; fi
echo "ABI check: compatible with abi/libimapi.abi"
exit 0
