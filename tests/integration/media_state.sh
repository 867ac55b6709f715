# Sourced, not run: compares the media state libimapi reports of the disc in an
# emulated drive (`imapi info URI`, i.e. the recorder C ABI) with what two
# independent programs report of the same disc through the LD_PRELOAD shim:
# `cdrskin -minfo` (libburn) and, for DVD and BD media, `dvd+rw-mediainfo`
# (dvd+rw-tools). Used by emu_burn.sh after every burn and by
# recorder_media_info.sh.
#
# The sourcing script defines: shim (the preload library), cli (imapi), URI
# (the drive), work (a directory for the outputs) and fail MESSAGE (exits).
#
#   media_state STEP STATE SESSIONS
#
# STATE is imapi's word (blank, appendable, closed, overwritable) and SESSIONS
# the sessions holding data as imapi counts them; both must be what imapi says.
# "overwritable-unformatted" is imapi's "overwritable" for a blank DVD+RW or
# BD-RE that was never formatted (the tools call that disc blank).
# Then every fact is compared, exactly, with each tool's view:
#
# fact          imapi info              cdrskin -minfo                     dvd+rw-mediainfo
# ------------  ----------------------  ---------------------------------  -------------------------------------------
# media         media, current profile  Mounted media type                 Mounted Media (profile, name): table below
# disc state    blank                   disk status: empty                 Disc status: blank
#               appendable              incomplete/appendable              appendable
#               closed                  complete                           complete
#               overwritable, formatted complete                           complete (DVD-RAM: other, MMC's 11b)
#               overwritable, blank     empty                              blank  (unformatted DVD+RW / BD-RE)
# session state (imapi keeps none)      session status: complete on closed State of Last Session: empty on a blank
#                                       and formatted media, else empty:   disc or after a closed session, incomplete
#                                       libburn derives it from the disc   while a session has tracks but is open,
#                                       status, it is not the drive's      complete on closed and formatted media
# sessions      sessions with data      number of sessions                 Number of Sessions (both print READ DISC
#                                       INFORMATION's count) = imapi + 1 exactly when the last session is empty
#                                       (a blank disc, or the session offered after a closed one: cdrskin's last
#                                       track-table row is a Blank track in a session of its own); an open session
#                                       holding tracks counts once in all three. And the sessions of cdrskin's
#                                       non-Blank track-table rows = imapi (sequential media)
# next writable next writable address   Next writable address              the last track's Next Writable Address
#   (blank and appendable discs: the invisible or open track, READ TRACK INFORMATION FFh)
# free sectors  free sectors            Remaining writable size            the last track's Free Blocks
#   closed:     0 (no NWA)              neither line is printed            last track: no NWA, Free Blocks 0
#   formatted:  total = free = the      the one Data row's Size            READ FORMAT CAPACITIES' current descriptor
#               formatted capacity                                         ("formatted: N*2048") and READ CAPACITY
#   blank random: free = total = the    one Blank row, size 0              "unformatted: N*2048" (current descriptor)
#               unformatted capacity
# toc           toc: / track / lead-out the rows of the track table but Blank
#               lines (READ TOC format 0) and Apdbl (open), by number and
#                                       start; lead-out = last one's end + 1
#               formatted overwritable media: one track at 0; blank: none
# total sectors closed: READ CAPACITY   Last session leadout start address READ CAPACITY
# capacity      blank/appendable:       (only READ TRACK INFORMATION)      NWA + free end at the end of the user area
#               NWA + free                                                 as another command gives it (READ DVD
#                                                                          STRUCTURE 00h / 20h, READ FORMAT
#                                                                          CAPACITIES on BD); NWA >= READ CAPACITY
#
# dvd+rw-mediainfo does not handle CD media: on CD it must exit non-zero with
# ":-( non-DVD media mounted", and the CD comparison is imapi against cdrskin.

ms_trim() { sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//'; }
ms_field() { sed -n "s/^$1: *//p" "$2" | head -n 1 | ms_trim; }             # ms_field NAME FILE (imapi, cdrskin)
ms_dvdfield() { sed -n "s/^ $1: *//p" "$2" | head -n 1 | ms_trim; }         # ms_dvdfield NAME FILE (dvd+rw-mediainfo)
ms_blocks() { sed -n 's/^\([0-9]*\)\*.*/\1/p'; }                             # "2064*2KB" -> 2064
# A field of dvd+rw-mediainfo's last READ TRACK INFORMATION block, "" when that block lacks it.
ms_last_track() {
  awk -v f=" $1:" '/^READ TRACK INFORMATION\[#/ { v = ""; next }
                   index($0, f) == 1 { v = substr($0, length(f) + 1); gsub(/^ +| +$/, "", v) }
                   END { print v }' "$2"
}

# imapi's current profile -> imapi's media name | cdrskin's media type | dvd+rw-mediainfo's Mounted Media.
ms_media_names() {
  case "$1" in
    0009h) echo "CD-R|CD-R|" ;;
    000Ah) echo "CD-RW|CD-RW|" ;;
    0011h) echo "DVD-R|DVD-R sequential recording|11h, DVD-R Sequential" ;;
    0012h) echo "DVD-RAM|DVD-RAM|12h, DVD-RAM" ;;
    0013h) echo "DVD-RW|DVD-RW restricted overwrite|13h, DVD-RW Restricted Overwrite" ;;
    0014h) echo "DVD-RW|DVD-RW sequential recording|14h, DVD-RW Sequential" ;;
    001Ah) echo "DVD+RW|DVD+RW|1Ah, DVD+RW" ;;
    001Bh) echo "DVD+R|DVD+R|1Bh, DVD+R" ;;
    002Bh) echo "DVD+R DL|DVD+R/DL|2Bh, DVD+R Double Layer" ;;
    0041h) echo "BD-R|BD-R sequential recording|41h, BD-R SRM" ;;
    0043h) echo "BD-RE|BD-RE|43h, BD-RE" ;;
    *) echo "" ;;
  esac
}

# The one-line summary of the last media_state call, per tool (for reports).
MS_SUMMARY=""

media_state() {
  local step=$1 want_state=$2 want_sessions=$3
  local im="$work/ms-$step-imapi.txt" cs="$work/ms-$step-cdrskin.txt" dm="$work/ms-$step-mediainfo.txt"
  ms_fail() {
    echo "media state after '$step': $*"
    for f in "$im" "$cs" "$dm"; do [ -f "$f" ] && { echo "--- $f"; cat "$f"; }; done
    fail "media state after '$step': $*"
  }
  # cdrskin first: libburn loads the tray when it finds no medium (after fault-power-loss),
  # as the next program on a real drive would have it.
  LD_PRELOAD=$shim IMAPI_EMU_DRIVES=$URI timeout 120 cdrskin dev=/dev/sr0 -minfo > "$cs" 2>&1 ||
    ms_fail "cdrskin -minfo failed"
  "$cli" info "$URI" > "$im" 2>&1 || ms_fail "imapi info failed"

  # imapi's own view, against what the scenario expects.
  local state sessions profile free nwa total
  state=$(ms_field "media state" "$im"); sessions=$(ms_field "sessions" "$im")
  profile=$(ms_field "current profiles" "$im"); free=$(ms_field "free sectors" "$im")
  nwa=$(ms_field "next writable address" "$im"); total=$(ms_field "total sectors" "$im")
  [ "$state" = "${want_state%-unformatted}" ] || ms_fail "imapi says '$state', expected '$want_state'"
  [ "$sessions" = "$want_sessions" ] || ms_fail "imapi counts $sessions session(s), expected $want_sessions"

  # Media type.
  local names imapi_name cdrskin_name dvd_name
  names=$(ms_media_names "$profile")
  [ -n "$names" ] || ms_fail "no media names known for imapi's profile '$profile'"
  IFS='|' read -r imapi_name cdrskin_name dvd_name <<< "$names"
  [ "$(ms_field "media" "$im")" = "$imapi_name" ] || ms_fail "imapi names profile $profile '$(ms_field media "$im")'"
  [ "$(ms_field "Mounted media type" "$cs")" = "$cdrskin_name" ] ||
    ms_fail "cdrskin's media type '$(ms_field "Mounted media type" "$cs")', expected '$cdrskin_name'"

  # Overwritable media: formatted, or blank and unformatted (the caller knows which; imapi's
  # free sectors are the current format descriptor's capacity either way).
  local formatted=""
  case "$want_state" in
    overwritable) formatted=yes ;;
    overwritable-unformatted) formatted=no ;;
  esac

  # Disc state and session state, cdrskin.
  local want_status want_cdrskin_session
  case "$state/$formatted" in
    blank/) want_status=empty want_cdrskin_session=empty ;;
    appendable/) want_status=incomplete/appendable want_cdrskin_session=empty ;;
    closed/) want_status=complete want_cdrskin_session=complete ;;
    overwritable/yes) want_status=complete want_cdrskin_session=complete ;;
    overwritable/no) want_status=empty want_cdrskin_session=empty ;;
    *) ms_fail "unexpected imapi state '$state'" ;;
  esac
  [ "$(ms_field "disk status" "$cs")" = "$want_status" ] ||
    ms_fail "imapi says '$state', cdrskin's disk status is '$(ms_field "disk status" "$cs")' (expected '$want_status')"
  [ "$(ms_field "session status" "$cs")" = "$want_cdrskin_session" ] ||
    ms_fail "cdrskin's session status '$(ms_field "session status" "$cs")', expected '$want_cdrskin_session'"

  # Sessions: cdrskin's track table (sessions of rows that hold data) and its session count.
  local table_sessions drive_sessions rows
  table_sessions=$(awk '/^====/ { t = 1; next } t && $1 ~ /^[0-9]+$/ && NF >= 6 && $3 != "Blank" { print $2 }' "$cs" | sort -u | wc -l)
  rows=$(awk '/^====/ { t = 1; next } t && $1 ~ /^[0-9]+$/ && NF >= 6' "$cs")
  drive_sessions=$(ms_field "number of sessions" "$cs")

  # Addresses and sizes, cdrskin.
  local cs_nwa cs_free
  cs_nwa=$(ms_field "Next writable address" "$cs"); cs_free=$(ms_field "Remaining writable size" "$cs")
  case "$state" in
    blank|appendable)
      [ "$table_sessions" = "$sessions" ] || ms_fail "imapi counts $sessions session(s), cdrskin's track table $table_sessions"
      [ "$cs_nwa" = "$nwa" ] || ms_fail "next writable address: imapi $nwa, cdrskin $cs_nwa"
      [ "$cs_free" = "$free" ] || ms_fail "free sectors: imapi $free, cdrskin's remaining writable size $cs_free"
      ;;
    closed)
      [ "$table_sessions" = "$sessions" ] || ms_fail "imapi counts $sessions session(s), cdrskin's track table $table_sessions"
      [ "$free" = 0 ] && [ "$nwa" = 0 ] || ms_fail "closed disc: imapi reports $free free sectors at $nwa"
      [ -z "$cs_nwa$cs_free" ] || ms_fail "closed disc: cdrskin still offers $cs_free blocks at $cs_nwa"
      [ "$(ms_field "Last session leadout start address" "$cs")" = "$total" ] ||
        ms_fail "closed disc: imapi's $total sectors, cdrskin's last lead-out at $(ms_field "Last session leadout start address" "$cs")"
      ;;
    overwritable)
      [ "$sessions" = 1 ] || ms_fail "overwritable media: imapi counts $sessions sessions (one, as a random-access disc reads)"
      [ "$free" = "$total" ] || ms_fail "overwritable media: imapi's free sectors $free are not its total $total"
      [ "$(echo "$rows" | wc -l)" = 1 ] || ms_fail "overwritable media: cdrskin lists more than one track"
      if [ "$formatted" = yes ]; then
        [ "$(echo "$rows" | awk '{ print $3 "/" $4 "/" $6 }')" = "Data/0/$free" ] ||
          ms_fail "formatted media: cdrskin's track '$rows', imapi's capacity $free"
      else
        [ "$(echo "$rows" | awk '{ print $3 "/" $6 }')" = "Blank/0" ] || ms_fail "blank overwritable media: cdrskin's track '$rows'"
      fi
      ;;
  esac
  # The last session is empty when cdrskin's last row is a Blank track in a session of its own
  # (a blank disc, or the session offered after a closed one); READ DISC INFORMATION counts it
  # then, and only then, beyond the sessions imapi counts. An open session with tracks (a
  # partly written reservation, a BD-R session growisofs left open) is counted once.
  local last_empty=0
  if [ "$state" = blank ] || [ "$state" = appendable ]; then
    last_empty=$(awk '/^====/ { t = 1; next }
                      t && $1 ~ /^[0-9]+$/ && NF >= 6 { last = $2; blank = ($3 == "Blank"); if (!blank) data[$2] = 1 }
                      END { print (blank && !(last in data)) ? 1 : 0 }' "$cs")
  fi
  [ "$drive_sessions" = "$((sessions + last_empty))" ] ||
    ms_fail "imapi counts $sessions session(s), cdrskin $drive_sessions (last session empty: $last_empty)"
  # TOC (imapi info's READ TOC format 0 lines): on sequential media the tracks it lists, by number
  # and start, are cdrskin's recorded closed tracks (its table rows but Blank, the invisible
  # track, and Apdbl, an open track still taking writes), and the lead-out follows the last of
  # them (on a closed disc at imapi's total sectors); a blank disc has no TOC. Overwritable media
  # read as one track from LBA 0 once formatted.
  local toc_header toc_tracks toc_leadout want_tracks last_end
  toc_header=$(sed -n 's/^toc: //p' "$im")
  toc_tracks=$(awk '/^  track / { print $2 "/" $4 }' "$im" | tr '\n' ' ')
  toc_leadout=$(sed -n 's/^  lead-out 170 start \([0-9]*\).*/\1/p' "$im")
  case "$state/$formatted" in
    overwritable/yes)
      [ "$toc_header" = "tracks 1-1" ] && [ "$toc_tracks" = "1/0 " ] ||
        ms_fail "formatted media: imapi's TOC is '$toc_header' '$toc_tracks', not one track at 0"
      [ -n "$toc_leadout" ] && [ "$toc_leadout" -gt 0 ] && [ "$toc_leadout" -le "$total" ] ||
        ms_fail "formatted media: TOC lead-out '$toc_leadout' outside 1..$total"
      ;;
    overwritable/no)
      [ "$toc_header" = none ] || ms_fail "never formatted media: imapi's TOC is '$toc_header'" ;;
    *)
      want_tracks=$(awk '/^====/ { t = 1; next } t && $1 ~ /^[0-9]+$/ && NF >= 6 && $3 != "Blank" && $3 != "Apdbl" { print $1 "/" $4 }' "$cs" | tr '\n' ' ')
      [ "$toc_tracks" = "$want_tracks" ] ||
        ms_fail "TOC tracks (number/start): imapi '$toc_tracks', cdrskin's closed tracks '$want_tracks'"
      if [ -z "$want_tracks" ]; then
        [ "$toc_header" = none ] || ms_fail "no closed track, yet imapi's TOC is '$toc_header'"
      else
        last_end=$(awk '/^====/ { t = 1; next } t && $1 ~ /^[0-9]+$/ && NF >= 6 && $3 != "Blank" && $3 != "Apdbl" { e = $5 } END { print e }' "$cs")
        [ "$toc_header" = "tracks ${want_tracks%%/*}-$(echo "$want_tracks" | awk '{ split($NF, a, "/"); print a[1] }')" ] ||
          ms_fail "TOC header '$toc_header' for tracks '$want_tracks'"
        [ "$toc_leadout" = "$((last_end + 1))" ] || ms_fail "TOC lead-out at '$toc_leadout', cdrskin's last closed track ends at $last_end"
        [ "$state" != closed ] || [ "$toc_leadout" = "$total" ] || ms_fail "closed disc: TOC lead-out $toc_leadout, imapi's total $total"
      fi
      ;;
  esac
  MS_TOC="${toc_header:-none}${toc_leadout:+, lead-out $toc_leadout}"

  local cs_space=${cs_free:-none}
  [ "$state" = overwritable ] && cs_space="track of $(echo "$rows" | awk '{ print $6 }')"
  MS_SUMMARY="imapi $state/$sessions/$free (toc $MS_TOC), cdrskin $(ms_field "disk status" "$cs")/$drive_sessions/$cs_space"

  # dvd+rw-mediainfo: DVD and BD only.
  if [ -z "$dvd_name" ]; then
    if LD_PRELOAD=$shim IMAPI_EMU_DRIVES=$URI timeout 60 dvd+rw-mediainfo /dev/sr0 > "$dm" 2>&1; then
      ms_fail "dvd+rw-mediainfo accepted a CD"
    fi
    grep -q "non-DVD media mounted" "$dm" || ms_fail "dvd+rw-mediainfo did not refuse the CD as non-DVD media"
    MS_SUMMARY="$MS_SUMMARY, dvd+rw-mediainfo n/a (CD)"
    echo "ok [$step] $MS_SUMMARY"
    return 0
  fi
  LD_PRELOAD=$shim IMAPI_EMU_DRIVES=$URI timeout 60 dvd+rw-mediainfo /dev/sr0 > "$dm" 2>&1 || ms_fail "dvd+rw-mediainfo failed"
  grep -q '^:-' "$dm" && ms_fail "dvd+rw-mediainfo complains: $(grep '^:-' "$dm")"
  [ "$(ms_dvdfield "Mounted Media" "$dm")" = "$dvd_name" ] ||
    ms_fail "dvd+rw-mediainfo's mounted media '$(ms_dvdfield "Mounted Media" "$dm")', expected '$dvd_name'"
  local disc_status last_session dvd_sessions want_disc want_last
  disc_status=$(ms_dvdfield "Disc status" "$dm"); last_session=$(ms_dvdfield "State of Last Session" "$dm")
  dvd_sessions=$(ms_dvdfield "Number of Sessions" "$dm")
  case "$state/$formatted" in
    blank/) want_disc=blank want_last=empty ;;
    appendable/) want_disc=appendable want_last=incomplete
      [ "$last_empty" = 1 ] && want_last=empty ;;
    closed/) want_disc=complete want_last=complete ;;
    overwritable/yes) want_disc=complete want_last=complete
      [ "$profile" = 0012h ] && want_disc=other ;;
    overwritable/no) want_disc=blank want_last=empty ;;
  esac
  [ "$disc_status" = "$want_disc" ] || ms_fail "imapi says '$state', dvd+rw-mediainfo's disc status is '$disc_status' (expected '$want_disc')"
  [ "$last_session" = "$want_last" ] || ms_fail "dvd+rw-mediainfo's state of last session '$last_session', expected '$want_last'"
  [ "$dvd_sessions" = "$drive_sessions" ] || ms_fail "sessions: dvd+rw-mediainfo $dvd_sessions, cdrskin $drive_sessions"
  [ "$dvd_sessions" = "$((sessions + last_empty))" ] || ms_fail "sessions: dvd+rw-mediainfo $dvd_sessions, imapi $sessions"
  local dm_nwa dm_free dm_capacity current
  dm_nwa=$(ms_last_track "Next Writable Address" "$dm" | ms_blocks)
  dm_free=$(ms_last_track "Free Blocks" "$dm" | ms_blocks)
  dm_capacity=$(sed -n 's/^READ CAPACITY: *\([0-9]*\)\*.*/\1/p' "$dm")
  current=$(sed -n '/^READ FORMAT CAPACITIES:/ { n; s/^ \([a-z]*\):[[:space:]]*\([0-9]*\)\*.*/\1 \2/p; }' "$dm")
  case "$state/$formatted" in
    blank/|appendable/)
      [ "$dm_nwa" = "$nwa" ] || ms_fail "next writable address: imapi $nwa, dvd+rw-mediainfo $dm_nwa"
      [ "$dm_free" = "$free" ] || ms_fail "free sectors: imapi $free, dvd+rw-mediainfo's free blocks $dm_free"
      # The same capacity through other commands, as a drive gives it: NWA + free blocks (READ TRACK
      # INFORMATION) end where READ DVD STRUCTURE 00h puts the end of the data zone on single-layer
      # DVD ("Legacy lead-out at"), at twice the L0 data zone capacity of format 20h on DVD+R DL, and
      # at READ FORMAT CAPACITIES' current capacity on BD. The NWA lies past the recorded data (READ
      # CAPACITY, the last recorded block + 1).
      local end
      case "$profile" in
        002Bh) end=$(( $(ms_dvdfield "L0 Data Zone Capacity" "$dm" | ms_blocks) * 2 )) ;;
        004?h) end=${current#* } ;;
        *) end=$(ms_dvdfield "Legacy lead-out at" "$dm" | ms_blocks) ;;
      esac
      [ -n "$end" ] && [ "$((nwa + free))" = "$end" ] ||
        ms_fail "next writable address $nwa + $free free blocks do not end at the disc's capacity '$end'"
      [ "$nwa" -ge "${dm_capacity:-0}" ] || ms_fail "next writable address $nwa inside the recorded area (READ CAPACITY $dm_capacity)"
      ;;
    closed/)
      [ -z "$dm_nwa" ] && [ "$dm_free" = 0 ] || ms_fail "closed disc: dvd+rw-mediainfo's last track offers $dm_free blocks at '$dm_nwa'"
      [ "$dm_capacity" = "$total" ] || ms_fail "closed disc: imapi's $total sectors, READ CAPACITY $dm_capacity"
      ;;
    overwritable/yes)
      [ "$current" = "formatted $free" ] || ms_fail "formatted media: imapi's $free sectors, dvd+rw-mediainfo's current format '$current'"
      [ "$dm_capacity" = "$free" ] || ms_fail "formatted media: imapi's $free sectors, READ CAPACITY $dm_capacity"
      ;;
    overwritable/no)
      [ "$current" = "unformatted $free" ] || ms_fail "blank media: imapi's $free sectors, dvd+rw-mediainfo's current format '$current'"
      ;;
  esac
  local dm_space=$dm_free
  [ "$state" = overwritable ] && dm_space=$current
  MS_SUMMARY="$MS_SUMMARY, dvd+rw-mediainfo $disc_status/$dvd_sessions ($last_session)/$dm_space"
  echo "ok [$step] $MS_SUMMARY"
}
