#!/usr/bin/env bash
# `imapi burn` end to end on one emulated medium, in three scenarios:
#   closed   an image burned with --close: one closed session
#   multi    an image burned with --multi: one appendable session
#   append   on the multi disc, `imapi burn --tree` adds a second session (the
#            first one imported: both trees visible in the newest session)
# After each burn the disc is read back by programs nobody here wrote, through
# the LD_PRELOAD shim: xorriso (-check_media data_to= for the blocks,
# -osirrox -extract for the files), sg_dd (READ(10) over SG_IO), and by our own
# reader (imapi extract of the disc image); cdrskin -minfo and dvd+rw-mediainfo
# must report the expected state, sessions and free space (media_state.sh).
# On random-write media (DVD+RW, DVD-RAM, BD-RE, DVD-RW restricted overwrite)
# the disc is "overwritable" throughout, and the appended session's volume
# descriptors are copied to LBA 16 (growisofs -M style).
#
# Each scenario leaves a line in KERNEL_LIST for the one QEMU boot of
# kernel_burned.py: disc image, file system, mount options (sbsector= of the
# newest session on sequential media), and the directory the disc must match.
#
# Usage: imapi_burn.sh MEDIUM SHIM_SO IMAPI_CLI WORKDIR KERNEL_LIST
# Exit 77 (CTest SKIP) when xorriso, cdrskin, sg_dd or dvd+rw-mediainfo is missing.
set -uo pipefail
medium=$1 shim=$(realpath "$2") cli=$(realpath "$3") work=$4 kernel_list=$5
for t in xorriso cdrskin sg_dd dvd+rw-mediainfo; do command -v $t >/dev/null || { echo "SKIP: $t is not installed"; exit 77; }; done
rm -rf "$work"; mkdir -p "$work"; work=$(realpath "$work"); cd "$work" || exit 1
mkdir -p "$(dirname "$kernel_list")"; kernel_list=$(realpath -m "$kernel_list")
sed -i "\|^$medium-|d" "$kernel_list" 2>/dev/null || true
scenario=setup
fail() { echo "FAIL [$medium $scenario]: $*"; for f in "$work"/*.log; do [ -f "$f" ] && { echo "--- $f"; tail -n 15 "$f"; }; done; exit 1; }
. "$(dirname "$(realpath "${BASH_SOURCE[0]}")")/media_state.sh"

mkdir -p probe
if ! "$cli" emu create --media "$medium" "$work/probe" > probe.log 2>&1; then
  grep -q "$medium" probe.log && { echo "SKIP: the emulator has no $medium medium: $(cat probe.log)"; exit 77; }
  fail "imapi emu create --media $medium: $(cat probe.log)"
fi
case "$medium" in
  dvd+rw|dvd-ram|bd-re|bd-re-dl|dvd-rw-ro) random=1 ;;
  *) random=0 ;;
esac

# Two sessions' worth of incompressible files (and both, the appended disc's); the first is mastered by imapi mkiso.
. "$(dirname "$(realpath "${BASH_SOURCE[0]}")")/session_trees.sh"
make_session_trees
"$cli" mkiso -o s1.iso --volume ONE tree1 > mkiso.log 2>&1 || fail "imapi mkiso: $(cat mkiso.log)"

new_disc() {  # new_disc NAME: a blank emulated disc of the medium; sets URI, disc
  disc=$work/$1; mkdir -p "$disc"
  URI="emu:$medium?dir=$disc&polls=0"
}
on_drive() { local log=$1; shift; LD_PRELOAD=$shim IMAPI_EMU_DRIVES=$URI timeout 120 "$@" > "$work/$log.log" 2>&1; }
burn() {  # burn LOG ARGS...: imapi burn, which must succeed with its summary line
  local log=$1; shift
  timeout 300 "$cli" burn "$@" > "$work/$log.log" 2>&1 || fail "imapi burn $*: $(tail -n 3 "$work/$log.log")"
  grep -q "sectors written" "$work/$log.log" || fail "imapi burn printed no summary: $(cat "$work/$log.log")"
}

# The image's blocks at LBA, as xorriso -check_media and sg_dd read them through the drive.
expect_blocks() {  # expect_blocks LBA ISO
  local lba=$1 iso=$2 size blocks
  size=$(stat -c %s "$iso"); blocks=$(( size / 2048 ))
  cmp -s -n "$size" "$iso" <(tail -c +$(( lba * 2048 + 1 )) "$disc/disc.img") || fail "disc.img at LBA $lba differs from $iso"
  rm -f "$work/xorriso-blocks.bin"
  on_drive check_media xorriso -indev /dev/sr0 -check_media what=disc min_lba="$lba" max_lba=$(( lba + blocks - 1 )) \
    data_to="$work/xorriso-blocks.bin" -- || fail "xorriso -check_media"
  cmp -s -n "$size" "$iso" <(tail -c +$(( lba * 2048 + 1 )) "$work/xorriso-blocks.bin") ||
    fail "blocks xorriso read at LBA $lba differ from $iso"
  on_drive sg_dd sg_dd blk_sgio=1 if=/dev/sr0 of="$work/sg_dd.bin" bs=2048 skip="$lba" count="$blocks" || fail "sg_dd"
  cmp -s "$iso" "$work/sg_dd.bin" || fail "blocks sg_dd read at LBA $lba differ from $iso"
}
# Every file of DIR, as xorriso extracts the newest session through the drive, and as our reader
# extracts the disc image (whose LBA 16 is the newest session's on random-write media; on
# sequential media our reader gets a view of disc.img with the newest descriptors at LBA 16).
expect_tree() {  # expect_tree DIR [SESSION_LBA]
  local dir=$1 lba=${2:-0}
  rm -rf "$work/x-xorriso" "$work/x-imapi"
  on_drive extract xorriso -osirrox on -indev /dev/sr0 -extract / "$work/x-xorriso" || fail "xorriso -extract"
  diff -r "$dir" "$work/x-xorriso" > "$work/diff-xorriso.log" 2>&1 || fail "xorriso's extraction differs from $dir"
  local view=$disc/disc.img count
  if [ "$lba" != 0 ]; then
    # The newest session's volume descriptor set, up to its terminator, over the first one's
    # (which is as long: both were mastered with the same file systems).
    count=$(vd_count "$lba")
    [ "$count" -gt 0 ] && [ "$count" -le "$(vd_count 0)" ] || fail "volume descriptor sets: $count at $lba, $(vd_count 0) at 0"
    view=$work/view.img; cp --sparse=always "$disc/disc.img" "$view"
    dd if="$disc/disc.img" of="$view" bs=2048 skip=$(( lba + 16 )) seek=16 count="$count" conv=notrunc status=none
  fi
  "$cli" extract "$view" "$work/x-imapi" > "$work/extract.log" 2>&1 || fail "imapi extract: $(cat "$work/extract.log")"
  diff -r "$dir" "$work/x-imapi" > "$work/diff-imapi.log" 2>&1 || fail "our reader's extraction differs from $dir"
}
vd_count() {  # vd_count SESSION_LBA: blocks of the ISO 9660 volume descriptor set at SESSION_LBA + 16
  local i=0 type
  while [ $i -lt 64 ]; do
    type=$(tail -c +$(( (${1} + 16 + i) * 2048 + 1 )) "$disc/disc.img" | head -c 1 | od -An -tu1 | tr -d ' ')
    i=$((i + 1))
    [ "$type" = 255 ] && { echo $i; return; }
  done
  echo 0
}
kernel_entry() {  # kernel_entry SCENARIO OPTIONS DIR
  printf '%s-%s\t%s\tiso9660\t%s\t%s\n' "$medium" "$1" "$disc/disc.img" "$2" "$3" >> "$kernel_list"
}
state_after() {  # state_after STEP STATE SESSIONS (sequential), overwritable on random-write media
  if [ "$random" = 1 ]; then media_state "$1" overwritable 1; else media_state "$1" "$2" "$3"; fi
}

# ---- closed: one closed session -----------------------------------------
scenario=closed; new_disc closed
burn closed --close "$URI" s1.iso
expect_blocks 0 s1.iso
expect_tree tree1
state_after closed closed 1
"$cli" verify "$URI" s1.iso > verify.log 2>&1 || fail "imapi verify: $(cat verify.log)"
kernel_entry closed "" "$work/tree1"
echo "ok [$medium closed] $MS_SUMMARY"

# ---- multi: one appendable session, then append: a second one --------------
scenario=multi; new_disc multi
burn multi --multi "$URI" s1.iso
expect_blocks 0 s1.iso
expect_tree tree1
state_after multi appendable 1
nwa=$(ms_field "next writable address" "$work/ms-multi-imapi.txt")
[ "$random" = 1 ] || [ "$nwa" -gt 0 ] || fail "no next writable address after the appendable session"
echo "ok [$medium multi] $MS_SUMMARY"

scenario=append
burn append --multi --fs iso9660,joliet,rockridge --volume TWO "$URI" --tree tree2
state_after append appendable 2
if [ "$random" = 1 ]; then
  expect_tree both
  kernel_entry append "" "$work/both"
else
  start=$(sed -n 's/^  track \([0-9]*\) *start \([0-9]*\).*/\1 \2/p' "$work/ms-append-imapi.txt" | tail -n 1 | cut -d' ' -f2)
  [ "$start" = "$nwa" ] || fail "the second session starts at ${start:-?}, not at the NWA $nwa"
  [ "$(tail -c +$(( (nwa + 16) * 2048 + 2 )) "$disc/disc.img" | head -c 5)" = CD001 ] ||
    fail "no ISO 9660 volume descriptor at block 16 of the second session (LBA $((nwa + 16)))"
  expect_blocks 0 s1.iso  # the first session is untouched
  expect_tree both "$nwa"
  on_drive toc xorriso -indev /dev/sr0 -toc || fail "xorriso -toc"
  grep -q "Media summary: 2 session" "$work/toc.log" || fail "xorriso: $(grep 'Media summary' "$work/toc.log")"
  kernel_entry append "sbsector=$nwa" "$work/both"
fi
echo "ok [$medium append] $MS_SUMMARY"
echo "PASS [$medium]"
