#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (the main build may use g++) in a
# build directory of their own, and runs each for a fixed number of
# executions from its seed corpus. CTest calls this, so fuzzing is part of
# every test run; without clang and libFuzzer it says so and exits 77, which
# the CTest entry declares as its SKIP_RETURN_CODE (reported as skipped, not passed).
# Usage: run_fuzz.sh SOURCE_DIR BUILD_DIR [RUNS]
set -euo pipefail
src=$1; build=$2; runs=${3:-100000}
cxx=$(command -v clang++-14 || command -v clang++ || true)
cc=$(command -v clang-14 || command -v clang || true)
if [ -z "$cxx" ] || [ -z "$cc" ]; then
  echo "fuzz: clang not installed; skipped"
  exit 77
fi
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_CXX_COMPILER="$cxx" -DIMAPI_FUZZ_RUNS="$runs" > "$build.configure.log" 2>&1 ||
  { cat "$build.configure.log"; exit 1; }
targets=$(cmake --build "$build" --target help | sed -n 's/^\(fuzz_[a-z_0-9]*\):.*/\1/p' | sort -u)
if [ -z "$targets" ]; then
  echo "fuzz: libFuzzer (libclang-rt-14-dev) not available to clang; skipped"
  exit 77
fi
cmake --build "$build" --target $targets > "$build.build.log" 2>&1 || { tail -50 "$build.build.log"; exit 1; }
status=0
for t in $targets; do
  start=$(date +%s)
  if ctest --test-dir "$build" -R "^fuzz: $t " --output-on-failure > "$build.$t.log" 2>&1; then
    echo "fuzz: $t: $runs executions, no finding ($(( $(date +%s) - start )) s)"
  else
    echo "fuzz: $t: FAILED"; tail -60 "$build.$t.log"; status=1
  fi
done
exit $status
