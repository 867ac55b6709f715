#!/usr/bin/env bash
# bench/emu_burn.sh: the cost of the emulated drive under real burners. A SIZE
# image of incompressible data is burned to an unthrottled emulated BD-R
# through the LD_PRELOAD shim by growisofs and by cdrskin, and copied with cp
# for comparison (all three on the work directory's disk). Prints wall-clock
# seconds per tool; never fails on timings (docs/performance.md).
#
#   bench/emu_burn.sh SHIM_SO [--workdir DIR] [--size MiB] [--runs N]
set -uo pipefail
export LC_ALL=C
shim=$(realpath "$1"); shift
work=/tmp/imapi-bench-emu size=1024 runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --workdir) work=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"; cd "$work" || exit 2
[ -s image.bin ] && [ "$(stat -c %s image.bin)" = $(( size * 1048576 )) ] ||
  head -c $(( size * 1048576 )) /dev/urandom > image.bin
cat image.bin > /dev/null  # warm the page cache
seconds() { local t0=$EPOCHREALTIME; "$@" >/dev/null 2>&1; local rc=$?; printf '%.2f' "$(echo "$EPOCHREALTIME - $t0" | bc)"; return $rc; }
burn() {  # burn TOOL ARGS...: a fresh BD-R each time
  rm -rf disc; mkdir disc
  LD_PRELOAD=$shim IMAPI_EMU_DRIVES="emu:bd-r?dir=$work/disc&polls=0" seconds "$@"
}
for r in $(seq "$runs"); do
  rm -f copy.bin; sync
  c=$(seconds cp image.bin copy.bin); rm -f copy.bin; sync
  g=$(burn growisofs -Z /dev/sr0=image.bin) || g="$g(failed)"
  cmp -s -n $(( size * 1048576 )) image.bin disc/disc.img || g="$g(differs)"
  sync
  k=$(burn cdrskin dev=/dev/sr0 image.bin) || k="$k(failed)"
  cmp -s -n $(( size * 1048576 )) image.bin disc/disc.img || k="$k(differs)"
  echo "run $r: ${size} MiB to an unthrottled emulated BD-R: growisofs ${g} s, cdrskin ${k} s, cp ${c} s"
done
rm -rf disc copy.bin
