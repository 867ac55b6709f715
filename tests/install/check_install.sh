#!/usr/bin/env bash
# Installs the build into a scratch prefix, then checks that what is installed
# works as installed: the CLI and the consumers below run WITHOUT
# LD_LIBRARY_PATH. Consumers (each builds a Unicode tree into a bridge image
# with progress, reads it back, opens an emulated drive and checks one error's
# message): C with CMake's find_package(imapi) and with pkg-config, Java from
# the installed jar, C# from the installed nupkg through a local feed, Rust
# with pkg-config (IMAPI_LIB_DIR unset). A language whose toolchain is absent
# is skipped with a note.
#   check_install.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -euo pipefail
build_dir=$1; src_dir=$2; work=$3
here="$src_dir/tests/install"
unset LD_LIBRARY_PATH IMAPI_LIB_DIR
rm -rf "$work"; mkdir -p "$work"
prefix="$work/prefix"
cmake --install "$build_dir" --prefix "$prefix" > "$work/install.log"
libdir=$(sed -n 's/^libdir=\${prefix}\///p' "$prefix"/lib*/pkgconfig/imapi.pc)
for f in include/imapi_c.h "$libdir/libimapi.so.0" "$libdir/libimapi-emu-preload.so" bin/imapi; do
  test -e "$prefix/$f" || { echo "not installed: $f"; exit 1; }
done

# The tree: Unicode names, known contents.
tree="$work/tree"
mkdir -p "$tree/Кириллица" "$tree/emoji 😀"
printf 'привет 世界\n' > "$tree/Кириллица/中文.txt"
head -c 300000 /dev/urandom > "$tree/emoji 😀/data.bin"

# The CLI finds its library through its RUNPATH ($ORIGIN/../lib).
"$prefix/bin/imapi" mkiso -o "$work/cli.iso" "$tree" > /dev/null
xorriso -indev "$work/cli.iso" -find / -name '中文.txt' 2>/dev/null | grep -q '中文.txt'

run() {  # NAME COMMAND...: a fresh emulated drive each
  local name=$1; shift
  rm -rf "$work/emu-$name"; mkdir -p "$work/emu-$name"
  "$@" "$tree" "$work/$name.iso" "$work/emu-$name"
  xorriso -indev "$work/$name.iso" -find / -name 'data.bin' -exec lsdl 2>/dev/null | grep -q ' 300000 '
  echo "install: $name consumer OK"
}

cmake -S "$here/consumer" -B "$work/cmake-consumer" -DCMAKE_PREFIX_PATH="$prefix" > /dev/null
cmake --build "$work/cmake-consumer" > /dev/null
run c-cmake "$work/cmake-consumer/consumer"

export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
cc -o "$work/pc-consumer" "$here/consumer/main.c" $(pkg-config --cflags --libs imapi)
run c-pkgconfig "$work/pc-consumer"

if command -v javac > /dev/null && [ -f "$prefix/share/java/imapi.jar" ]; then
  javac -encoding UTF-8 -cp "$prefix/share/java/imapi.jar" -d "$work/java" "$here/java/Consumer.java"
  run java java -cp "$prefix/share/java/imapi.jar:$work/java" Consumer
else
  echo "install: no JDK or no jar; Java consumer skipped"
fi

if command -v cargo > /dev/null; then
  rm -rf "$work/rust"; cp -r "$here/rust" "$work/rust"
  sed -i "s|@IMAPI_CRATE@|$src_dir/bindings/rust/imapi|" "$work/rust/Cargo.toml"
  # pkg-config's libdir, also as the program's run-time path (what the README shows).
  RUSTFLAGS="-C link-arg=-Wl,-rpath,$(pkg-config --variable=libdir imapi)" CARGO_TARGET_DIR="$work/rust/target" \
    cargo build --offline -q --manifest-path "$work/rust/Cargo.toml"
  run rust "$work/rust/target/debug/consumer"
else
  echo "install: no cargo; Rust consumer skipped"
fi

nupkg=$(ls "$prefix"/share/imapi/Imapi.*.nupkg 2>/dev/null | head -n1 || true)
if command -v dotnet > /dev/null && [ -n "$nupkg" ]; then
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false
  version=$(basename "$nupkg" .nupkg); version=${version#Imapi.}
  cs="$work/csharp"; rm -rf "$cs"; cp -r "$here/csharp" "$cs"
  # The project's own nuget.config: the installed folder feed plus the offline cache.
  cat > "$cs/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="offline" value="/opt/nuget/packages" /></packageSources></configuration>
XML
  dotnet nuget add source "$prefix/share/imapi" --name imapi-installed --configfile "$cs/nuget.config" > /dev/null
  NUGET_PACKAGES="$cs/packages" dotnet build "$cs/Consumer.csproj" -c Release -v q --nologo -p:ImapiVersion="$version" -o "$cs/bin" > "$cs/build.log" || { cat "$cs/build.log"; exit 1; }
  run csharp dotnet "$cs/bin/Consumer.dll"
else
  echo "install: no dotnet or no nupkg; C# consumer skipped"
fi
