#!/usr/bin/env bash
# Refreshes abi/libimapi.abi, the ABI baseline CTest compares the library with
# (abi/check_abi.sh). Run it after a deliberate ABI change: an incompatible one
# also needs IMAPI_ABI_MAJOR (the SONAME) bumped in include/imapi_c.h.
#   usage: abi/update-baseline.sh [BUILD_DIR]   (default: build; needs debug info,
#          e.g. the default RelWithDebInfo build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
lib="${1:-$here/../build}/libimapi.so"
# Only what the header exports, without paths, so the file is the same on any machine.
abidw --no-corpus-path --no-comp-dir-path --no-show-locs --no-elf-needed \
  --headers-dir "$here/../include" --drop-private-types --exported-interfaces-only \
  --out-file "$here/libimapi.abi" "$lib"
echo "wrote $here/libimapi.abi"
