#!/usr/bin/env bash
# Builds everything and runs every test (unit, conformance against independent
# readers and the Linux kernel under QEMU, bindings as they land) through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
cd build
ctest --output-on-failure -j "$(nproc)" "$@"
