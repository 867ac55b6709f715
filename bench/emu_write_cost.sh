#!/usr/bin/env bash
# bench/emu_write_cost.sh BUILD_DIR [WORKDIR]: imapi_bench_emu_write in process
# and through the LD_PRELOAD shim (docs/performance.md). Never fails on timings.
set -uo pipefail
build=$(realpath "$1") work=${2:-/tmp/imapi-bench-emu-write}
mkdir -p "$work/sg"
"$build/bench/imapi_bench_emu_write" "$work"
LD_PRELOAD=$build/src/emu_preload/libimapi-emu-preload.so IMAPI_EMU_DRIVES="emu:bd-r?dir=$work/sg&polls=0" \
  "$build/bench/imapi_bench_emu_write" "$work" --device /dev/sr0 --disc "$work/sg"
