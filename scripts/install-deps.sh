#!/usr/bin/env bash
# Installs every Debian 12 package libimapi needs to build, test and validate.
# Idempotent: packages already present are skipped, so re-running is cheap.
set -euo pipefail

build_pkgs=(cmake ninja-build g++ pkg-config catch2 libboost-dev liburing-dev
            clang-14 libclang-rt-14-dev)  # clang + libFuzzer for tests/fuzz
validate_pkgs=(xorriso genisoimage p7zip-full python3-pycdlib libcdio-utils
               libarchive-tools udftools qemu-system-x86 linux-image-amd64
               busybox-static cpio time
               cdrskin growisofs wodim sg3-utils)  # real burners + sg_dd for tests/integration (emulated drive)

missing=()
for p in "${build_pkgs[@]}" "${validate_pkgs[@]}" "$@"; do
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
