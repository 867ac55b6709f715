#!/usr/bin/env bash
# Acceptance: what libimapi reports of a disc (imapi info, through the C ABI)
# agrees with what an independent client, cdrskin -minfo through the LD_PRELOAD
# shim, reports of the same emulated disc: blank, after an appendable session,
# after a second one, and after a closing burn.
#
# Usage: recorder_media_info.sh MEDIUM SHIM_SO IMAPI_CLI WORKDIR   (MEDIUM: dvd+r or bd-r)
# Exit 77 (CTest SKIP) when cdrskin is not installed.
set -uo pipefail
medium=$1 shim=$(realpath "$2") cli=$(realpath "$3") work=$4
command -v cdrskin >/dev/null || { echo "SKIP: cdrskin is not installed"; exit 77; }
rm -rf "$work"; mkdir -p "$work"; cd "$work" || exit 1

fail() { echo "FAIL [$medium]: $*"; for f in "$work"/*.txt; do [ -f "$f" ] && { echo "--- $f"; cat "$f"; }; done; exit 1; }
URI=$("$cli" emu create --media "$medium" "$work/disc") || fail "imapi emu create"
URI="$URI&polls=0"
on_drive() { LD_PRELOAD=$shim IMAPI_EMU_DRIVES=$URI timeout 120 "$@"; }

field() { sed -n "s/^$1: *//p" "$2" | head -n 1 | tr -d ' '; }   # field NAME FILE: its value, blanks removed

# Both views of the disc, then each fact compared. cdrskin's "number of sessions"
# counts the empty session an appendable disc offers; imapi counts sessions
# holding data, as IMAPI does: the sessions of non-blank tracks in its table.
compare() {  # compare STEP EXPECTED_STATE
  local step=$1 want=$2
  "$cli" info "$URI" > "imapi-$step.txt" || fail "$step: imapi info"
  on_drive cdrskin dev=/dev/sr0 -minfo > "minfo-$step.txt" 2>&1 || fail "$step: cdrskin -minfo"
  local state status
  state=$(field "media state" "imapi-$step.txt")
  [ "$state" = "$want" ] || fail "$step: imapi says '$state', expected '$want'"
  status=$(field "disk status" "minfo-$step.txt")
  case "$state/$status" in
    blank/empty | appendable/incomplete/appendable | closed/complete) ;;
    *) fail "$step: imapi says '$state', cdrskin says disk status '$status'" ;;
  esac
  # cdrskin may add the recording mode ("BD-R sequential recording").
  case "$(field "Mounted media type" "minfo-$step.txt")" in
    "$(field "media" "imapi-$step.txt")"*) ;;
    *) fail "$step: media type differs" ;;
  esac
  local sessions
  sessions=$(awk '/^====/ { t = 1; next } t && $1 ~ /^[0-9]+$/ && NF >= 6 && $3 != "Blank" { print $2 }' "minfo-$step.txt" | sort -u | wc -l)
  [ "$(field "sessions" "imapi-$step.txt")" = "$sessions" ] ||
    fail "$step: imapi counts $(field "sessions" "imapi-$step.txt") sessions, cdrskin's track table $sessions"
  if [ "$state" != closed ]; then
    [ "$(field "next writable address" "imapi-$step.txt")" = "$(field "Next writable address" "minfo-$step.txt")" ] ||
      fail "$step: next writable address differs"
    [ "$(field "free sectors" "imapi-$step.txt")" = "$(field "Remaining writable size" "minfo-$step.txt")" ] ||
      fail "$step: free sectors differ from cdrskin's remaining writable size"
  fi
  echo "ok [$medium] $step: $state, $sessions session(s)"
}

mkdir -p tree1 tree2
head -c 3000000 /dev/urandom > tree1/one.bin
head -c 1000000 /dev/urandom > tree2/two.bin
"$cli" mkiso -o s1.iso tree1 >/dev/null 2>&1 || fail "imapi mkiso s1"
"$cli" mkiso -o s2.iso tree2 >/dev/null 2>&1 || fail "imapi mkiso s2"

compare blank blank
on_drive cdrskin dev=/dev/sr0 -multi s1.iso > burn1.log 2>&1 || fail "cdrskin -multi (1): $(tail -5 burn1.log)"
compare first-session appendable
on_drive cdrskin dev=/dev/sr0 -multi s2.iso > burn2.log 2>&1 || fail "cdrskin -multi (2): $(tail -5 burn2.log)"
compare second-session appendable
on_drive cdrskin dev=/dev/sr0 s2.iso > burn3.log 2>&1 || fail "cdrskin closing burn: $(tail -5 burn3.log)"
compare closed closed
echo "PASS [$medium]"
