#!/usr/bin/env bash
# Set-up and main job: installs what is missing, builds libimapi, masters the
# embedded sample tree into an ISO 9660 + Joliet + Rock Ridge image, and lists
# it with independent readers (xorriso and isoinfo), which nobody here wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target imapi_cli
mkdir -p out
build/cli/imapi mkiso -o out/sample.iso --volume SAMPLE --progress examples/sample-tree
echo "== out/sample.iso as xorriso (libisofs) reads it:"
xorriso -indev out/sample.iso -find / -exec lsdl 2>/dev/null
echo "== as isoinfo (cdrkit) reads its Rock Ridge tree:"
isoinfo -R -f -i out/sample.iso
