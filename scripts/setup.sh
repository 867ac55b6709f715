#!/usr/bin/env bash
# Set-up and main job: installs what is missing, builds libimapi, masters the
# embedded sample tree into an ISO 9660 + Joliet + Rock Ridge image, burns it
# onto an emulated BD-R (out/bd-r), verifies the disc against the image, and
# lists the disc with an independent reader, xorriso (libisofs), reading the
# emulated drive as /dev/sr0 through the LD_PRELOAD shim.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target imapi_cli imapi-emu-preload
imapi=build/cli/imapi
mkdir -p out
"$imapi" mkiso -o out/sample.iso --volume SAMPLE --progress examples/sample-tree
rm -rf out/bd-r
drive=$("$imapi" emu create --media bd-r out/bd-r)
echo "== burning out/sample.iso onto the emulated BD-R $drive:"
"$imapi" burn --progress --verify full "$drive" out/sample.iso
"$imapi" verify "$drive" out/sample.iso
echo "== the disc as xorriso (libisofs) reads it through the emulated drive:"
LD_PRELOAD=build/src/emu_preload/libimapi-emu-preload.so IMAPI_EMU_DRIVES="$drive" \
  xorriso -indev /dev/sr0 -find / -exec lsdl 2>/dev/null
