#!/usr/bin/env bash
# `imapi erase` and `imapi format` end to end on one emulated medium, with
# cdrskin -minfo and dvd+rw-mediainfo (through the LD_PRELOAD shim) agreeing
# with `imapi info` after every step (media_state.sh):
#   cd-rw, dvd-rw              burned, quick-erased, burned again, full-erased
#                              (every block gone), burned again
#   dvd-rw-ro                  burned, quick-erased (back to sequential), burned again
#   dvd+rw, bd-re, bd-re-none, dvd-ram, bd-r, dvd-rw-format
#                              formatted (bd-re-none: --spares none, type 31h;
#                              bd-r: SRM with spare areas), then a burn whose
#                              blocks must be on the disc
#   refusals                   erase on DVD+R and BD-R, format on CD-R: IMAPI's
#                              not-supported code, and disc.state unchanged
# Usage: imapi_erase.sh SCENARIO SHIM_SO IMAPI_CLI WORKDIR
# Exit 77 (CTest SKIP) when cdrskin or dvd+rw-mediainfo is missing.
set -uo pipefail
scenario=$1 shim=$(realpath "$2") cli=$(realpath "$3") work=$4
for t in cdrskin dvd+rw-mediainfo; do command -v $t >/dev/null || { echo "SKIP: $t is not installed"; exit 77; }; done
rm -rf "$work"; mkdir -p "$work"; work=$(realpath "$work"); cd "$work" || exit 1
step=setup
fail() { echo "FAIL [$scenario $step]: $*"; for f in "$work"/*.log; do [ -f "$f" ] && { echo "--- $f"; tail -n 15 "$f"; }; done; exit 1; }
. "$(dirname "$(realpath "${BASH_SOURCE[0]}")")/media_state.sh"

mkdir -p tree; head -c 300000 /dev/urandom > tree/a.bin; head -c 70000 /dev/urandom > tree/b.bin
"$cli" mkiso -o s1.iso --volume ERASE tree > mkiso.log 2>&1 || fail "imapi mkiso: $(cat mkiso.log)"

new_disc() {  # new_disc MEDIUM: a blank emulated disc; sets URI, disc (two progress polls per long operation)
  disc=$work/disc-$1; mkdir -p "$disc"
  URI="emu:$1?dir=$disc&polls=2"
}
run_cli() {  # run_cli LOG ARGS...: imapi, which must succeed
  local log=$1; shift
  timeout 300 "$cli" "$@" > "$work/$log.log" 2>&1 || fail "imapi $*: $(tail -n 3 "$work/$log.log")"
}
burn() {  # burn STEP ARGS...: imapi burn of s1.iso, its blocks then at LBA 0 of disc.img
  step=$1; shift
  run_cli "$step" burn "$@" "$URI" s1.iso
  grep -q "sectors written" "$work/$step.log" || fail "imapi burn printed no summary"
  cmp -s -n "$(stat -c %s s1.iso)" s1.iso "$disc/disc.img" || fail "disc.img does not begin with s1.iso"
}
erase() {  # erase STEP [--full]: imapi erase with its progress lines and summary
  step=$1; shift
  run_cli "$step" erase --progress "$@" "$URI"
  grep -q "erased in" "$work/$step.log" || fail "imapi erase printed no summary: $(cat "$work/$step.log")"
  grep -q "erasing" "$work/$step.log" || fail "imapi erase --progress drew no progress"
}
format() {  # format STEP ARGS...
  step=$1; shift
  run_cli "$step" format --progress "$@" "$URI"
  grep -q "formatted in" "$work/$step.log" || fail "imapi format printed no summary: $(cat "$work/$step.log")"
}
total_sectors() { "$cli" info "$URI" | sed -n 's/^total sectors: *//p' | head -n 1; }

case "$scenario" in
  cd-rw|dvd-rw|dvd-rw-ro)
    new_disc "$scenario"
    if [ "$scenario" = dvd-rw-ro ]; then
      burn burned; media_state burned overwritable 1
    else
      burn burned --multi; media_state burned appendable 1
    fi
    erase quick-erased; media_state quick-erased blank 0
    [ "$scenario" = dvd-rw-ro ] && { "$cli" info "$URI" | grep -q "DVD-RW" && ! "$cli" info "$URI" | grep -qi "restricted" ||
                                    fail "the erased DVD-RW is not sequential: $("$cli" info "$URI" | head -n 5)"; }
    burn reburned --multi; media_state reburned appendable 1
    [ "$scenario" = dvd-rw-ro ] && { echo "ok [$scenario]"; exit 0; }  # the full erase is DVD-RW's (above)
    erase full-erased --full; media_state full-erased blank 0
    [ "$(stat -c %s "$disc/disc.img")" = 0 ] || fail "a full erase left $(stat -c %s "$disc/disc.img") bytes in disc.img"
    burn burned-after-full --multi; media_state burned-after-full appendable 1
    ;;
  dvd+rw|bd-re|dvd-ram)
    new_disc "$scenario"
    format formatted; media_state formatted overwritable 1
    [ "$scenario" = bd-re ] && { [ "$(total_sectors)" = 11826176 ] || fail "BD-RE with default spares: $(total_sectors) sectors"; }
    format formatted-full --full  # the state after it: checked after the burn that follows
    burn burned; media_state burned overwritable 1
    ;;
  bd-re-none)
    new_disc bd-re
    format formatted --spares none; media_state formatted overwritable 1
    [ "$(total_sectors)" = 12219392 ] || fail "BD-RE without spares: $(total_sectors) sectors, not the whole 12219392"
    burn burned; media_state burned overwritable 1
    ;;
  bd-r)
    new_disc bd-r
    format formatted; media_state formatted blank 0
    [ "$(total_sectors)" = 11826176 ] || fail "BD-R SRM with spares: $(total_sectors) sectors"
    burn burned --multi; media_state burned appendable 1
    ;;
  dvd-rw-format)
    new_disc dvd-rw
    format formatted; media_state formatted overwritable 1
    burn burned; media_state burned overwritable 1
    ;;
  refusals)
    for m in dvd+r bd-r; do
      new_disc "$m"; "$cli" info "$URI" > /dev/null 2>&1; cp "$disc/disc.state" before.state
      step="erase $m"
      "$cli" erase "$URI" > "refuse-$m.log" 2>&1; rc=$?
      [ $rc = 1 ] || fail "imapi erase on $m exited $rc: $(cat "refuse-$m.log")"
      grep -q "IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED, 0xC0AA0909" "refuse-$m.log" || fail "no not-supported code: $(cat "refuse-$m.log")"
      cmp -s before.state "$disc/disc.state" || fail "the refused erase changed disc.state"
    done
    new_disc cd-r; "$cli" info "$URI" > /dev/null 2>&1; cp "$disc/disc.state" before.state; step="format cd-r"
    "$cli" format "$URI" > refuse-format.log 2>&1; rc=$?
    [ $rc = 1 ] && grep -q "IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED" refuse-format.log || fail "format on CD-R: exit $rc, $(cat refuse-format.log)"
    cmp -s before.state "$disc/disc.state" || fail "the refused format changed disc.state"
    step=usage; "$cli" erase > usage.log 2>&1; [ $? = 2 ] || fail "imapi erase without DRIVE is not a usage error"
    "$cli" format --spares some "$URI" > usage.log 2>&1; [ $? = 2 ] || fail "--spares some is not a usage error"
    ;;
  *) fail "unknown scenario" ;;
esac
echo "ok [$scenario]"
