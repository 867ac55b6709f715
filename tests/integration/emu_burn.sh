#!/usr/bin/env bash
# Real, unmodified burning programs write onto an emulated drive through the
# LD_PRELOAD shim; the test then reads the disc back (through the emulator's
# SG_IO path with sg_dd, and through the image file) and checks the bytes, and
# after every burn (and after the failed ones) the media state: what imapi info
# (libimapi's C ABI) reports must agree with cdrskin -minfo and, on DVD and BD,
# dvd+rw-mediainfo (media_state.sh).
#
# Usage: emu_burn.sh SCENARIO SHIM_SO IMAPI_CLI WORKDIR
# Exit 77 (CTest SKIP) when a client the scenario needs is not installed.
set -uo pipefail
scenario=$1 shim=$(realpath "$2") cli=$(realpath "$3") work=$4
rm -rf "$work"; mkdir -p "$work"; cd "$work" || exit 1
disc=$work/disc
mkdir -p "$disc"

fail() { echo "FAIL [$scenario]: $*"; for f in "$work"/*.log; do [ -f "$f" ] && { echo "--- $f"; tail -n 25 "$f"; }; done; echo "--- disc.state"; cat "$disc/disc.state" 2>/dev/null; exit 1; }
need() { for t in "$@"; do command -v "$t" >/dev/null || { echo "SKIP: $t is not installed"; exit 77; }; done; }

# A medium and its fault knobs. Long operations (BLANK/FORMAT/CLOSE with IMMED)
# report progress for one poll in the scenarios that exercise the clients'
# polling loops, and finish at once elsewhere: each poll costs a client-side
# sleep of about a second.
case "$scenario" in
  growisofs-dvd+r|growisofs-bd-re|cdrskin-cd-rw-blank|cdrskin-bd-re-format|format-*|xorriso-dvd+r-*) polls=1 ;;
  *) polls=0 ;;
esac
uri() { echo "emu:$1?dir=$disc&polls=$polls${2:+&$2}"; }  # a later polls= overrides the first
URI=""
on_drive() {  # on_drive LOG CMD ARGS...: runs a client with the emulated drive as /dev/sr0
  local log=$1; shift
  LD_PRELOAD=$shim IMAPI_EMU_DRIVES=$URI timeout 120 "$@" >"$work/$log.log" 2>&1
}

# Source trees and images: two sessions' worth of small files (incompressible, a few MB).
mkdir -p tree1/sub tree2
head -c 2500000 /dev/urandom > tree1/big.bin
head -c 70000 /dev/urandom > tree1/sub/small.bin
echo "session one" > tree1/readme.txt
head -c 900000 /dev/urandom > tree2/second.bin
make_iso() { xorriso -as mkisofs -quiet -R -J -o "$1" "$2" 2>/dev/null || fail "xorriso -as mkisofs $2"; }

sha_of_range() {  # sha_of_range FILE OFFSET_BLOCKS BYTES
  tail -c +$(( $2 * 2048 + 1 )) "$1" | head -c "$3" | sha256sum | cut -d' ' -f1
}
# The image's bytes at LBA must equal the ISO, both in disc.img and read over SG_IO (READ(10)).
expect_data_at() {  # expect_data_at LBA ISO
  local lba=$1 iso=$2 size want got blocks
  size=$(stat -c %s "$iso"); blocks=$(( size / 2048 ))
  want=$(sha256sum < "$iso" | cut -d' ' -f1)
  got=$(sha_of_range "$disc/disc.img" "$lba" "$size")
  [ "$want" = "$got" ] || fail "disc.img at LBA $lba differs from $iso"
  LD_PRELOAD=$shim IMAPI_EMU_DRIVES=$URI sg_dd blk_sgio=1 if=/dev/sr0 of="$work/readback.bin" bs=2048 skip="$lba" count="$blocks" \
    >"$work/sg_dd.log" 2>&1 || fail "sg_dd could not read $blocks blocks at LBA $lba through the drive"
  got=$(sha256sum < "$work/readback.bin" | cut -d' ' -f1)
  [ "$want" = "$got" ] || fail "blocks read through the drive at LBA $lba differ from $iso"
}
# media_state STEP STATE SESSIONS: imapi info, cdrskin -minfo and dvd+rw-mediainfo on the disc.
. "$(dirname "$(realpath "${BASH_SOURCE[0]}")")/media_state.sh"
# Number of sessions as xorriso reads the TOC.
expect_sessions() {
  on_drive toc xorriso -indev /dev/sr0 -toc || fail "xorriso -toc"
  grep -q "Media summary: $1 session" "$work/toc.log" || fail "expected $1 session(s): $(grep 'Media summary' "$work/toc.log")"
}
expect_files() {  # the ISO tree as xorriso -indev sees it on the emulated disc
  on_drive ls xorriso -indev /dev/sr0 -find / -type f || fail "xorriso -indev -find"
  for f in "$@"; do grep -q "'$f'" "$work/ls.log" || fail "xorriso does not see $f on the disc"; done
}
# The files as extracted from the disc through the drive (xorriso -osirrox) equal their sources byte
# for byte: expect_same_files DISC_PATH=SOURCE...
expect_same_files() {
  rm -rf "$work/out"
  on_drive extract xorriso -osirrox on -indev /dev/sr0 -extract / "$work/out" || fail "xorriso -osirrox -extract"
  local pair
  for pair in "$@"; do
    cmp -s "$work/out${pair%%=*}" "${pair#*=}" || fail "${pair%%=*} read back from the disc differs from ${pair#*=}"
  done
}
# Blocks [FROM, TO) are the same in disc.img and read through the drive (READ(10) over SG_IO).
expect_same_range() {  # expect_same_range FROM TO
  local from=$1 to=$2 want got
  [ "$to" -gt "$from" ] || fail "empty range $from..$to"
  want=$(sha_of_range "$disc/disc.img" "$from" $(( (to - from) * 2048 )))
  LD_PRELOAD=$shim IMAPI_EMU_DRIVES=$URI sg_dd blk_sgio=1 if=/dev/sr0 of="$work/range.bin" bs=2048 skip="$from" count=$(( to - from )) \
    >"$work/sg_dd.log" 2>&1 || fail "sg_dd could not read LBA $from..$to through the drive"
  got=$(sha256sum < "$work/range.bin" | cut -d' ' -f1)
  [ "$want" = "$got" ] || fail "LBA $from..$to read through the drive differs from disc.img"
}
msinfo_next() { on_drive msinfo cdrskin dev=/dev/sr0 -msinfo; tail -n 1 "$work/msinfo.log" | cut -d, -f2; }

make_iso s1.iso tree1
case "$scenario" in
  growisofs-dvd+r|growisofs-dvd-r|growisofs-dvd+rw|growisofs-dvd-ram|growisofs-bd-r|growisofs-bd-re|growisofs-dvd-rw|growisofs-dvd+r-dl)
    need growisofs cdrskin xorriso sg_dd dvd+rw-mediainfo
    medium=${scenario#growisofs-}; URI=$(uri "$medium")
    on_drive burn1 growisofs -Z /dev/sr0=s1.iso || fail "growisofs -Z"
    expect_data_at 0 s1.iso
    case "$medium" in
      dvd+r|dvd-r|dvd-rw|dvd+r-dl) media_state burn1 appendable 1; expect_sessions 1 ;;
      bd-r) media_state burn1 appendable 1 ;;  # the session is left open (below): it holds the track
      *) media_state burn1 overwritable 1 ;;   # DVD+RW, DVD-RAM, BD-RE: formatted on the way
    esac
    # Debian's growisofs leaves a BD-R session open after -Z (CLOSE TRACK only) and
    # -M then takes the start of that session's first track as the next address, so
    # appending to BD-R is exercised with xorriso (cdrskin-bd-r) instead.
    [ "$medium" = bd-r ] && { expect_files /big.bin; echo "PASS [$scenario]"; exit 0; }
    # -M appends a session (on overwritable media growisofs grows the one ISO
    # session in place, rewriting its volume descriptors at LBA 16).
    start2=$(ms_field "next writable address" "$work/ms-burn1-imapi.txt")
    on_drive burn2 growisofs -M /dev/sr0 -R -J tree2 || fail "growisofs -M"
    expect_files /big.bin /sub/small.bin /readme.txt /second.bin
    # Not only there: every file of both sessions reads back byte for byte.
    expect_same_files /big.bin=tree1/big.bin /sub/small.bin=tree1/sub/small.bin /readme.txt=tree1/readme.txt \
      /second.bin=tree2/second.bin
    case "$medium" in
      dvd+r|dvd-r|dvd-rw|dvd+r-dl)
        expect_data_at 0 s1.iso  # the first session is untouched
        expect_sessions 2; media_state burn2 appendable 2
        # The second session: from the NWA before -M to its lead-out, an ISO 9660 volume
        # descriptor set at its block 16, and the same bytes in disc.img and through the drive.
        end2=$(sed -n 's/^  lead-out 170 start \([0-9]*\).*/\1/p' "$work/ms-burn2-imapi.txt")
        [ "$(sed -n 's/^  track 2   start \([0-9]*\).*/\1/p' "$work/ms-burn2-imapi.txt")" = "$start2" ] ||
          fail "the second session does not start at the NWA $start2 imapi reported before -M"
        [ "$(tail -c +$(( (start2 + 16) * 2048 + 2 )) "$disc/disc.img" | head -c 5)" = CD001 ] ||
          fail "no ISO 9660 volume descriptor at block 16 of the second session (LBA $((start2 + 16)))"
        expect_same_range "$start2" "$end2" ;;
      *) media_state burn2 overwritable 1 ;;
    esac
    ;;
  cdrskin-cd-r-tao|cdrskin-cd-r-sao|cdrskin-dvd+r|cdrskin-dvd-r-dao|cdrskin-bd-r)
    need cdrskin xorriso sg_dd dvd+rw-mediainfo
    case "$scenario" in
      cdrskin-cd-r-tao) URI=$(uri cd-r); mode=-tao ;;
      cdrskin-cd-r-sao) URI=$(uri cd-r); mode=-sao ;;
      cdrskin-dvd+r) URI=$(uri dvd+r); mode="" ;;
      cdrskin-dvd-r-dao) URI=$(uri dvd-r); mode=-sao ;;
      cdrskin-bd-r) URI=$(uri bd-r); mode="" ;;
    esac
    # This one burns an image made by libimapi's own CLI.
    "$cli" mkiso -o cli.iso tree1 >/dev/null 2>&1 || fail "imapi mkiso"
    on_drive burn cdrskin -v dev=/dev/sr0 $mode cli.iso || fail "cdrskin $mode"
    expect_data_at 0 cli.iso
    media_state burn closed 1
    expect_sessions 1
    expect_files /big.bin /sub/small.bin
    ;;
  cdrskin-cd-r-multisession)
    need cdrskin xorriso sg_dd dvd+rw-mediainfo
    URI=$(uri cd-r)
    on_drive burn1 cdrskin -v dev=/dev/sr0 -tao -multi s1.iso || fail "cdrskin -multi"
    media_state burn1 appendable 1
    next=$(msinfo_next)
    [ "$next" = "$(( $(stat -c %s s1.iso) / 2048 + 11400 ))" ] || fail "msinfo next session start $next (lead-out + lead-in + pregap expected)"
    on_drive burn2 xorriso -dev /dev/sr0 -map tree2 /s2 -commit || fail "xorriso appending a CD session"
    expect_sessions 2
    media_state burn2 appendable 2
    expect_files /big.bin /s2/second.bin
    expect_data_at 0 s1.iso
    ;;
  cdrskin-cd-rw-blank)
    need cdrskin xorriso sg_dd dvd+rw-mediainfo
    URI=$(uri cd-rw)
    on_drive burn cdrskin -v dev=/dev/sr0 -tao -multi s1.iso || fail "cdrskin on CD-RW"
    expect_data_at 0 s1.iso
    media_state burn appendable 1
    on_drive blank cdrskin -v dev=/dev/sr0 blank=fast || fail "cdrskin blank=fast"
    grep -q "blanking done" "$work/blank.log" || fail "cdrskin did not report blanking done"
    media_state blank blank 0
    on_drive burn2 cdrskin -v dev=/dev/sr0 -tao s1.iso || fail "cdrskin after blanking"
    expect_data_at 0 s1.iso
    media_state burn2 closed 1
    ;;
  xorriso-dvd+r-two-sessions|xorriso-bd-r-two-sessions)
    need xorriso cdrskin sg_dd dvd+rw-mediainfo
    medium=${scenario#xorriso-}; URI=$(uri "${medium%-two-sessions}")
    on_drive burn1 xorriso -outdev /dev/sr0 -map tree1 /one -commit || fail "xorriso first session"
    media_state burn1 appendable 1
    on_drive burn2 xorriso -dev /dev/sr0 -map tree2 /two -commit || fail "xorriso second session"
    expect_sessions 2
    media_state burn2 appendable 2
    expect_files /one/big.bin /one/sub/small.bin /two/second.bin
    on_drive extract xorriso -osirrox on -indev /dev/sr0 -extract / "$work/out" || fail "xorriso -extract"
    cmp -s tree1/big.bin out/one/big.bin && cmp -s tree2/second.bin out/two/second.bin || fail "extracted files differ"
    ;;
  wodim-cd-r-tao|wodim-cd-r-dao)
    need wodim cdrskin xorriso sg_dd dvd+rw-mediainfo
    URI=$(uri cd-r)
    on_drive burn wodim -v dev=/dev/sr0 "-${scenario#wodim-cd-r-}" s1.iso || fail "wodim -${scenario#wodim-cd-r-}"
    expect_data_at 0 s1.iso
    media_state burn closed 1
    expect_sessions 1
    # The drive is also /dev/scd0: wodim's device scan finds it there, and commands reach it.
    on_drive devices wodim --devices  # its exit status is not success even when it lists drives
    grep -q "dev='/dev/scd0'.*'IMAPI' *'EMULATED DRIVE'" "$work/devices.log" || fail "wodim --devices does not list /dev/scd0"
    on_drive atip wodim -atip dev=/dev/scd0 || fail "wodim -atip dev=/dev/scd0"
    grep -q "ATIP start of lead out: 359849" "$work/atip.log" || fail "wodim -atip through /dev/scd0: $(grep ATIP "$work/atip.log")"
    ;;
  cdrskin-bd-re-format)
    need cdrskin sg_dd dvd+rw-mediainfo
    URI=$(uri bd-re)
    if on_drive burn0 cdrskin -v dev=/dev/sr0 s1.iso; then fail "cdrskin wrote to an unformatted BD-RE"; fi
    grep -q "not properly formatted" "$work/burn0.log" || fail "cdrskin did not see an unformatted BD-RE"
    media_state refused overwritable-unformatted 1
    on_drive format cdrskin -v dev=/dev/sr0 blank=format_if_needed || fail "cdrskin blank=format_if_needed"
    grep -q '^formatted 1' "$disc/disc.state" || fail "the BD-RE is not formatted"
    on_drive burn cdrskin -v dev=/dev/sr0 s1.iso || fail "cdrskin on the formatted BD-RE"
    expect_data_at 0 s1.iso
    media_state burn overwritable 1
    ;;
  cdrskin-dvd-rw-format-overwrite)
    need cdrskin growisofs sg_dd dvd+rw-mediainfo
    # Quick format (FORMAT UNIT 15h) turns sequential DVD-RW (profile 14h) into restricted overwrite (13h).
    URI=$(uri dvd-rw polls=0)
    on_drive format cdrskin -v dev=/dev/sr0 blank=format_overwrite || fail "cdrskin blank=format_overwrite"
    grep -q '^media dvd-rw-ro' "$disc/disc.state" || fail "the DVD-RW is not in restricted overwrite mode"
    on_drive burn growisofs -Z /dev/sr0=s1.iso || fail "growisofs on restricted-overwrite DVD-RW"
    expect_data_at 0 s1.iso
    media_state burn overwritable 1
    ;;
  format-dvd+rw|format-bd-re)
    need dvd+rw-format growisofs sg_dd cdrskin dvd+rw-mediainfo
    URI=$(uri "${scenario#format-}")
    on_drive format dvd+rw-format -force /dev/sr0 || fail "dvd+rw-format"
    grep -q '^formatted 1' "$disc/disc.state" || fail "the medium is not formatted"
    on_drive burn growisofs -Z /dev/sr0=s1.iso || fail "growisofs after formatting"
    expect_data_at 0 s1.iso
    media_state burn overwritable 1
    ;;
  dummy-cd-r-tao|dummy-dvd-r-dao)
    need cdrskin wodim dvd+rw-mediainfo
    # Test write: the clients go through the whole burn, the disc stays blank.
    case "$scenario" in
      dummy-cd-r-tao) URI=$(uri cd-r); mode=-tao ;;
      dummy-dvd-r-dao) URI=$(uri dvd-r); mode=-sao ;;
    esac
    on_drive burn cdrskin -v -dummy dev=/dev/sr0 $mode s1.iso || fail "cdrskin -dummy $mode"
    media_state burn blank 0
    [ "$scenario" = dummy-cd-r-tao ] && { on_drive burn2 wodim -v -dummy dev=/dev/sr0 -tao s1.iso || fail "wodim -dummy"; media_state burn2 blank 0; }
    [ ! -s "$disc/disc.img" ] || fail "a test write recorded data"
    ;;
  throttle-dvd+r)
    need cdrskin sg_dd dvd+rw-mediainfo
    # Real-time drive buffer: 2.4x DVD (3.3 MB/s) and a 1 MiB buffer hold the burn to the medium's pace.
    URI=$(uri dvd+r "throttle=1&speed=2.4&buffer=1M")
    start=$(date +%s%N)
    on_drive burn cdrskin -v dev=/dev/sr0 s1.iso || fail "cdrskin with a throttled drive"
    elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    min_ms=$(( ( $(stat -c %s s1.iso) - 1048576 ) * 1000 / 3324000 ))
    [ "$elapsed_ms" -ge "$min_ms" ] || fail "burn took $elapsed_ms ms, faster than 2.4x allows ($min_ms ms)"
    expect_data_at 0 s1.iso
    media_state burn closed 1
    ;;
  underrun-cd-r)
    need sg_raw
    # 4x CD (704 kB/s) and a 64 KiB buffer: 32 KiB drain in about 47 ms. The host stalls for
    # half a second between two WRITEs of one track: one buffer underrun, linked over with BUFE
    # (on by default), and imapi info reports it.
    URI=$(uri cd-r "throttle=1&speed=4&buffer=64K")
    head -c 32768 /dev/urandom > blocks.bin
    on_drive write1 sg_raw -s 32768 -i blocks.bin /dev/sr0 2a 00 00 00 00 00 00 00 10 00 || fail "sg_raw WRITE(10) at 0"
    "$cli" info "$URI" > info1.txt || fail "imapi info"
    grep -q '^buffer underruns: 0$' info1.txt || fail "imapi info before the stall: $(grep underruns info1.txt)"
    sleep 0.5
    on_drive write2 sg_raw -s 32768 -i blocks.bin /dev/sr0 2a 00 00 00 00 10 00 00 10 00 || fail "sg_raw WRITE(10) at 16"
    "$cli" info "$URI" > info2.txt || fail "imapi info"
    grep -q '^buffer underruns: 1$' info2.txt || fail "imapi info after the stall: $(grep underruns info2.txt)"
    grep -qE '^buffer [0-9]+ [0-9]+ 1 ' "$disc/disc.state" || fail "disc.state does not count the underrun"
    ;;
  fault-long-write-in-progress)
    need cdrskin growisofs sg_dd dvd+rw-mediainfo
    # Every 7th WRITE is refused once with 02/04/08; the clients retry and the data arrives intact.
    URI=$(uri dvd+r long_write_every=7)
    on_drive burn cdrskin -v dev=/dev/sr0 s1.iso || fail "cdrskin with 02/04/08 on every 7th WRITE"
    expect_data_at 0 s1.iso
    media_state burn closed 1
    rm -rf "$disc"; mkdir -p "$disc"
    on_drive burn2 growisofs -Z /dev/sr0=s1.iso || fail "growisofs with 02/04/08 on every 7th WRITE"
    expect_data_at 0 s1.iso
    media_state burn2 appendable 1
    ;;
  fault-write-error)
    need cdrskin dvd+rw-mediainfo
    URI=$(uri dvd+r write_error_lba=800)
    if on_drive burn cdrskin -v dev=/dev/sr0 s1.iso; then fail "cdrskin succeeded despite a write error"; fi
    grep -q "3 0C 00" "$work/burn.log" || fail "cdrskin did not report the 03/0C/00 write error"
    # Consistent afterwards: the reserved track holds the 800 blocks before the bad one; the disc stays
    # appendable with that track's session open (one session, its state incomplete), and the next
    # track starts after the reservation.
    grep -qE '^track 1 0 [0-9]+ 800 reserved' "$disc/disc.state" || fail "track state after the write error"
    URI=$(uri dvd+r)
    media_state write-error appendable 1
    grep -q '^ Next Writable Address: *800\*2KB' "$work/ms-write-error-mediainfo.txt" ||
      fail "the reserved track's next writable address is not 800 (the first block not written)"
    ;;
  fault-power-loss)
    need cdrskin dvd+rw-mediainfo
    # Power fails at LBA 800: what was not synchronized is lost with the drive's cache
    # (cdrskin never synchronized, so even the reservation is gone) and the tray is empty.
    URI=$(uri dvd+r power_loss_at_lba=800)
    if on_drive burn cdrskin -v dev=/dev/sr0 s1.iso; then fail "cdrskin succeeded despite a power loss"; fi
    grep -q "3A 00" "$work/burn.log" || fail "cdrskin did not see the medium vanish"
    grep -q '^medium 0 ' "$disc/disc.state" || fail "the tray is not empty after the power loss"
    # The next process (libburn loads the tray) finds the disc as of the last SYNCHRONIZE CACHE: blank.
    URI=$(uri dvd+r)
    media_state power-loss blank 0
    ;;
  wodim-cd-r-fix)
    need wodim cdrskin xorriso sg_dd dvd+rw-mediainfo
    # -nofix leaves the session open; -fix then closes it (page 05h with track mode 0 and block
    # type 0, then CLOSE SESSION), and the data stays readable.
    URI=$(uri cd-r)
    on_drive burn wodim -v dev=/dev/sr0 -tao -nofix s1.iso || fail "wodim -tao -nofix"
    expect_data_at 0 s1.iso
    media_state nofix appendable 1
    on_drive fix wodim -v dev=/dev/sr0 -fix || fail "wodim -fix"
    media_state fix closed 1
    expect_sessions 1
    expect_data_at 0 s1.iso
    ;;
  sparse-bd-r-dl)
    need growisofs cdrskin xorriso sg_dd dvd+rw-mediainfo
    # An image that is mostly zeros (a 256 MiB sparse file in it) burned by growisofs onto
    # BD-R DL: the zero blocks stay holes in disc.img, and the disc reads back byte for byte.
    URI=$(uri bd-r-dl)
    mkdir -p sparse; truncate -s 256M sparse/zeros.bin; cp tree1/readme.txt sparse/
    make_iso sparse.iso sparse
    on_drive burn growisofs -Z /dev/sr0=sparse.iso || fail "growisofs -Z sparse.iso"
    expect_data_at 0 sparse.iso
    allocated=$(( $(stat -c %b "$disc/disc.img") * $(stat -c %B "$disc/disc.img") ))
    [ "$allocated" -lt $(( 16 << 20 )) ] || fail "disc.img holds $allocated bytes on disk for a 256 MiB image of zeros"
    media_state burn appendable 1
    ;;
  fault-removal-cd-r)
    need cdrskin xorriso sg_dd dvd+rw-mediainfo
    # The medium leaves the drive at LBA 800 of a TAO track. When it is back, the track is
    # damaged (READ TRACK INFORMATION: Damage 1, NWA_V 0): libburn sees it, refuses to write
    # onto it, xorriso -close_damaged closes it, and the next burn starts a new track and session.
    URI=$(uri cd-r remove_at_lba=800)
    if on_drive burn cdrskin -v dev=/dev/sr0 -tao -multi s1.iso; then fail "cdrskin succeeded despite the removal"; fi
    grep -q "3A 00" "$work/burn.log" || fail "cdrskin did not see the medium vanish"
    URI=$(uri cd-r)
    on_drive toc xorriso -outdev /dev/sr0 -toc
    grep -q "but next track is damaged" "$work/toc.log" || fail "xorriso: $(grep 'Media status' "$work/toc.log")"
    # cdrskin's WRITEs at the old NWA are refused (05/21/02); its clean-up may close the track, at 800.
    if on_drive burn2 cdrskin -v dev=/dev/sr0 -tao -multi s1.iso; then fail "cdrskin wrote onto the damaged track"; fi
    grep -q "5 21 02" "$work/burn2.log" || fail "cdrskin's writes onto the damaged track were not refused"
    grep -qE '^track 1 0 (0 800 damaged|800 800 complete) ' "$disc/disc.state" ||
      fail "the damaged track grew: $(grep ^track "$disc/disc.state")"
    on_drive close xorriso -outdev /dev/sr0 -close_damaged as_needed || fail "xorriso -close_damaged"
    grep -qE '^track 1 0 800 800 complete' "$disc/disc.state" || fail "the damaged track was not closed at 800 blocks"
    media_state closed-damaged appendable 1
    next=$(msinfo_next)
    on_drive burn3 cdrskin -v dev=/dev/sr0 -tao -multi s1.iso || fail "cdrskin after -close_damaged"
    expect_data_at "$next" s1.iso
    expect_sessions 2
    media_state burn3 appendable 2
    ;;
  write-protected-dvd-ram)
    need growisofs cdrskin xorriso dvd+rw-mediainfo
    # growisofs writes DVD-RAM through the block device (pwrite64), not SG_IO: the shim's
    # descriptor must not let it past the write protection. The open for writing fails EROFS
    # as the sr driver's does; a non-blocking open's writes fail EIO.
    URI=$(uri dvd-ram wp=1)
    if on_drive burn growisofs -Z /dev/sr0=s1.iso; then fail "growisofs wrote to a write-protected DVD-RAM"; fi
    grep -q "Read-only file system" "$work/burn.log" || fail "growisofs was not refused the open for writing"
    if LD_PRELOAD=$shim IMAPI_EMU_DRIVES=$URI dd if=s1.iso of=/dev/sr0 bs=32k count=4 conv=notrunc oflag=nonblock \
      >"$work/dd.log" 2>&1; then fail "dd wrote to a write-protected DVD-RAM"; fi
    grep -q "Input/output error" "$work/dd.log" || fail "dd's write was not refused with EIO"
    [ ! -s "$disc/disc.img" ] || fail "data reached a write-protected disc"
    media_state refused overwritable 1
    ;;
  sparse-dvd-ram)
    need growisofs cdrskin xorriso sg_dd dvd+rw-mediainfo
    # The block-device writes growisofs makes on DVD-RAM keep zero blocks as holes too.
    URI=$(uri dvd-ram)
    mkdir -p sparse; truncate -s 64M sparse/zeros.bin; cp tree1/readme.txt sparse/
    make_iso sparse.iso sparse
    on_drive burn growisofs -Z /dev/sr0=sparse.iso || fail "growisofs -Z sparse.iso"
    expect_data_at 0 sparse.iso
    allocated=$(( $(stat -c %b "$disc/disc.img") * $(stat -c %B "$disc/disc.img") ))
    echo "disc.img: $(stat -c %s "$disc/disc.img") bytes, $allocated allocated"
    [ "$allocated" -lt $(( 16 << 20 )) ] || fail "disc.img holds $allocated bytes on disk for a 64 MiB image of zeros"
    media_state burn overwritable 1
    ;;
  write-protected-dvd+r)
    need cdrskin growisofs xorriso dvd+rw-mediainfo
    # wp=1: every burner is refused (07/27/00) and the disc stays blank for all three readers.
    URI=$(uri dvd+r wp=1)
    if on_drive burn cdrskin -v dev=/dev/sr0 s1.iso; then fail "cdrskin wrote to a write-protected DVD+R"; fi
    if on_drive burn2 growisofs -Z /dev/sr0=s1.iso; then fail "growisofs wrote to a write-protected DVD+R"; fi
    if on_drive burn3 xorriso -outdev /dev/sr0 -map tree1 /one -commit; then fail "xorriso wrote to a write-protected DVD+R"; fi
    [ ! -s "$disc/disc.img" ] || fail "data reached a write-protected disc"
    media_state refused blank 0
    on_drive toc xorriso -indev /dev/sr0 -toc
    grep -q "Media status : is blank" "$work/toc.log" || fail "xorriso: $(grep 'Media status' "$work/toc.log")"
    ;;
  multilayer-bd-r-dl|multilayer-bd-re-dl|multilayer-bd-r-tl|multilayer-bd-r-ql)
    need cdrskin growisofs xorriso sg_dd sg_raw dvd+rw-mediainfo
    # BD-R/RE DL (2 x 12,219,392 blocks) and BDXL TL (3 x 16,292,864) and QL (4 x 15,625,216):
    # the capacity imapi reports, the layers of READ DISC STRUCTURE's Disc Information, then
    # cdrskin and (on a fresh disc) growisofs burn and the disc reads back byte for byte.
    medium=${scenario#multilayer-}; URI=$(uri "$medium")
    case "$medium" in
      bd-r-dl|bd-re-dl) layers=2 total=24438784 formatted=23652352 ;;
      bd-r-tl) layers=3 total=48878592 formatted=47698944 ;;
      bd-r-ql) layers=4 total=62500864 formatted=60928000 ;;
    esac
    "$cli" info "$URI" > info0.txt || fail "imapi info"
    grep -q "^total sectors: $total$" info0.txt || fail "blank $medium: $(grep 'total sectors' info0.txt), $total expected"
    on_drive di sg_raw -r 4100 -o di.bin /dev/sr0 ad 01 00 00 00 00 00 00 10 04 00 00 || fail "READ DISC STRUCTURE (BD, Disc Information)"
    for ((l = 0; l < layers; ++l)); do
      unit=$(od -An -tx1 -j $(( 4 + l * 112 )) -N 13 di.bin | tr -d ' \n')
      [ "${unit:0:4}" = 4449 ] && [ "${unit:24:2}" = "${layers}0" ] && [ "${unit:6:2}" = "$(printf %02x $(( layers << 3 | l )))" ] ||
        fail "Disc Information unit $l of $medium: $unit (DI, $layers layers, layer $l expected)"
    done
    [ "$(od -An -tx1 -j $(( 4 + layers * 112 )) -N 2 di.bin | tr -d ' \n')" = 0000 ] || fail "more DI units than layers"
    if [ "$medium" = bd-re-dl ]; then
      on_drive format cdrskin -v dev=/dev/sr0 blank=format_if_needed || fail "cdrskin blank=format_if_needed"
      on_drive burn cdrskin -v dev=/dev/sr0 s1.iso || fail "cdrskin on $medium"
      expect_data_at 0 s1.iso
      media_state burn overwritable 1
      grep -q "^total sectors: $formatted$" "$work/ms-burn-imapi.txt" || fail "formatted $medium: $(grep 'total sectors' "$work/ms-burn-imapi.txt")"
    else
      on_drive burn cdrskin -v dev=/dev/sr0 s1.iso || fail "cdrskin on $medium"
      expect_data_at 0 s1.iso
      media_state burn closed 1
      expect_files /big.bin /sub/small.bin
    fi
    # growisofs on a fresh disc formats it (BD-R: SRM with spares; BD-RE: default) and writes.
    rm -rf "$disc"; mkdir -p "$disc"
    on_drive burn2 growisofs -Z /dev/sr0=s1.iso || fail "growisofs -Z on $medium"
    expect_data_at 0 s1.iso
    if [ "$medium" = bd-re-dl ]; then media_state burn2 overwritable 1; else media_state burn2 appendable 1; fi
    expect_files /big.bin /sub/small.bin
    ;;
  *)
    echo "unknown scenario $scenario"; exit 2 ;;
esac
echo "PASS [$scenario]"
