#!/usr/bin/env bash
# Acceptance: what libimapi reports of a disc (imapi info, through the C ABI)
# agrees with what independent clients, cdrskin -minfo and dvd+rw-mediainfo
# through the LD_PRELOAD shim, report of the same emulated disc: blank, after
# an appendable session, after a second one, and after a closing burn.
#
# Usage: recorder_media_info.sh MEDIUM SHIM_SO IMAPI_CLI WORKDIR   (MEDIUM: dvd+r or bd-r)
# Exit 77 (CTest SKIP) when cdrskin or dvd+rw-mediainfo is not installed.
set -uo pipefail
medium=$1 shim=$(realpath "$2") cli=$(realpath "$3") work=$4
for t in cdrskin dvd+rw-mediainfo; do command -v $t >/dev/null || { echo "SKIP: $t is not installed"; exit 77; }; done
rm -rf "$work"; mkdir -p "$work"; work=$(realpath "$work"); cd "$work" || exit 1

fail() { echo "FAIL [$medium]: $*"; exit 1; }  # media_state prints the tools' outputs itself
URI=$("$cli" emu create --media "$medium" "$work/disc") || fail "imapi emu create"
URI="$URI&polls=0"
on_drive() { LD_PRELOAD=$shim IMAPI_EMU_DRIVES=$URI timeout 120 "$@"; }

# The comparison (facts, and how each tool counts them) lives in media_state.sh, shared with emu_burn.sh.
. "$(dirname "$(realpath "${BASH_SOURCE[0]}")")/media_state.sh"

mkdir -p tree1 tree2
head -c 3000000 /dev/urandom > tree1/one.bin
head -c 1000000 /dev/urandom > tree2/two.bin
"$cli" mkiso -o s1.iso tree1 >/dev/null 2>&1 || fail "imapi mkiso s1"
"$cli" mkiso -o s2.iso tree2 >/dev/null 2>&1 || fail "imapi mkiso s2"

media_state blank blank 0
on_drive cdrskin dev=/dev/sr0 -multi s1.iso > burn1.log 2>&1 || fail "cdrskin -multi (1): $(tail -5 burn1.log)"
media_state first-session appendable 1
on_drive cdrskin dev=/dev/sr0 -multi s2.iso > burn2.log 2>&1 || fail "cdrskin -multi (2): $(tail -5 burn2.log)"
media_state second-session appendable 2
on_drive cdrskin dev=/dev/sr0 s2.iso > burn3.log 2>&1 || fail "cdrskin closing burn: $(tail -5 burn3.log)"
media_state closed closed 3
echo "PASS [$medium]"
