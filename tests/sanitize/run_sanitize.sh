#!/usr/bin/env bash
# Configures BUILD_DIR with -DIMAPI_SANITIZE=address,undefined (the main
# build's compiler), builds the unit tests and the fuzz-corpus replays, and
# runs them with every sanitizer report fatal. CTest calls this (label
# "sanitize"), so every run of the README's test command includes it.
# ccache is used when installed, never required.
# Usage: run_sanitize.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1; build=$2
launcher=()
if command -v ccache > /dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
start=$(date +%s)
# Debug (-O0): the fastest to compile, and nothing optimised away from UBSan.
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DIMAPI_SANITIZE=address,undefined \
  "${launcher[@]}" > "$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
replays=$(cmake --build "$build" --target help | sed -n 's/^\(fuzz_[a-z_0-9]*_replay\):.*/\1/p' | sort -u)
cmake --build "$build" --target imapi_unit_tests $replays > "$build.build.log" 2>&1 ||
  { tail -60 "$build.build.log"; exit 1; }
built=$(date +%s)
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
if ! ctest --test-dir "$build" -R '^(unit:|fuzz corpus:)' -j "$(nproc)" --output-on-failure > "$build.test.log" 2>&1; then
  grep -E '^[0-9]+% tests passed|\(Failed\)|\(Subprocess aborted\)|\(SEGFAULT\)|\(Timeout\)' "$build.test.log" | head -40
  tail -120 "$build.test.log"
  exit 1
fi
done_at=$(date +%s)
grep -E '^[0-9]+% tests passed' "$build.test.log"
echo "sanitize: configure and build $(( built - start )) s, tests $(( done_at - built )) s"
