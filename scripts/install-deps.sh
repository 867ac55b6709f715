#!/usr/bin/env bash
# Installs every Debian 12 package libimapi needs to build, test and validate.
# Idempotent: packages already present are skipped, so re-running is cheap.
set -euo pipefail

build_pkgs=(cmake ninja-build g++ pkg-config catch2 libboost-dev liburing-dev libxxhash-dev
            clang-14 libclang-rt-14-dev)  # clang + libFuzzer for tests/fuzz
validate_pkgs=(xorriso genisoimage p7zip-full python3-pycdlib libcdio-utils
               libarchive-tools udftools libudfread-dev qemu-system-x86 linux-image-amd64
               busybox-static cpio time
               cdrskin growisofs wodim sg3-utils  # real burners + sg_dd for tests/integration (emulated drive)
               dvd+rw-tools)  # dvd+rw-mediainfo / dvd+rw-format against the emulated drive
# Language bindings (bindings/): SWIG for C# and Java, a JDK and Debian's JUnit 5
# console launcher, bindgen for the Rust -sys crate, abigail-tools for the ABI
# check, unzip to inspect the NuGet package.
binding_pkgs=(swig bindgen abigail-tools openjdk-17-jdk-headless junit5 unzip)
# Rust: the rustup toolchain when the machine has one, else Debian's.
if ! command -v cargo >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/cargo" ]; then
  binding_pkgs+=(cargo)
fi
# The .NET SDK is not a Debian package: it comes with the machine image
# (dotnet + the offline NuGet folder /opt/nuget/packages). Say so if it is missing.
command -v dotnet >/dev/null 2>&1 ||
  echo "install-deps: warning: dotnet (the .NET SDK) is not installed; the C# binding will not be built" >&2

missing=()
for p in "${build_pkgs[@]}" "${validate_pkgs[@]}" "${binding_pkgs[@]}" "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
