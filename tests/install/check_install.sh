#!/usr/bin/env bash
# Installs the build into a scratch prefix, then builds two consumers against
# it: one with CMake's find_package(imapi), one with pkg-config.
set -euo pipefail
build_dir=$1; src_dir=$2; work=$3
rm -rf "$work"; mkdir -p "$work"
cmake --install "$build_dir" --prefix "$work/prefix" > "$work/install.log"
test -f "$work/prefix/include/imapi_c.h"
cmake -S "$src_dir/tests/install/consumer" -B "$work/cmake-consumer" -DCMAKE_PREFIX_PATH="$work/prefix" > /dev/null
cmake --build "$work/cmake-consumer" > /dev/null
LD_LIBRARY_PATH="$work/prefix/lib" "$work/cmake-consumer/consumer"
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig"
cc -o "$work/pc-consumer" "$src_dir/tests/install/consumer/main.c" $(pkg-config --cflags --libs imapi)
LD_LIBRARY_PATH="$work/prefix/lib" "$work/pc-consumer"
