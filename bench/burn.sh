#!/usr/bin/env bash
# bench/burn.sh: burning benchmarks (d), (e) and (f) of docs/performance.md:
# `imapi burn` against cdrskin and growisofs (through the LD_PRELOAD shim)
# onto emulated BD-R discs, and `cp` of the same image.
#
#   bench/burn.sh [--imapi PATH] [--shim PATH] [--workdir DIR] [--only d|e|f]
#                 [--runs N] [--warmup N] [--d-mib N] [--e-mib N] [--speed X] [--tools LIST] [--markdown FILE]
#
#   d  a 2 GiB image (--d-mib) to an unthrottled emulated BD-R: imapi burn
#      --verify none, imapi burn (its default, --verify quick), cdrskin,
#      growisofs, and cp of the image into a file on the same disk;
#      --warmup (default 1) untimed rounds, then N rounds (--runs, default 3),
#      tools interleaved, medians reported.
#   e  an emulated BD-R at 12x (--speed) with throttle=1 and a 4 MiB drive
#      buffer; the image (--e-mib, default 1024 MiB) piped from
#      bench/stall_producer.py (300 ms stall every 2 s) into imapi burn -,
#      cdrskin - (tsize=) and growisofs -Z /dev/sr0=/dev/stdin (tracksize);
#      underruns as the emulated drive counts them (imapi info; for imapi
#      also the count its summary line reports, the engine's), speed over
#      the burn's wall time and over the tool's own writing time where it
#      reports one (imapi burn's summary line, cdrskin's "Writing time").
#   f  imapi burn --tree of bench (b)'s 100,000 small files at 12x, throttled
#      as in (e): underruns and speed.
# Trees and images are made once and cached in the work directory (default
# /tmp/imapi-bench, shared with bench/run.sh). Every disc.img is deleted after
# its run. The benchmark never fails on a figure; it exits non-zero only when
# it cannot run (bad arguments, missing tools or disk space).
set -euo pipefail
export LC_ALL=C

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
PY=/usr/bin/python3
IMAPI=$REPO/build/cli/imapi
SHIM=$REPO/build/src/emu_preload/libimapi-emu-preload.so
WORKDIR=/tmp/imapi-bench
ONLY=""
RUNS=3
WARMUP=1
D_MIB=2048
E_MIB=1024
SPEED=12
MARKDOWN=""
TOOLS=""   # ,LIST, of the tools to run (default: all)
RUN_TIMEOUT=${BENCH_RUN_TIMEOUT:-1200}

usage() { sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "bench: error: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --imapi) [ $# -ge 2 ] || die "--imapi needs a path"; IMAPI=$2; shift 2 ;;
    --shim) [ $# -ge 2 ] || die "--shim needs a path"; SHIM=$2; shift 2 ;;
    --workdir) [ $# -ge 2 ] || die "--workdir needs a directory"; WORKDIR=$2; shift 2 ;;
    --only) [ $# -ge 2 ] || die "--only needs d, e or f"; ONLY=$2; shift 2
            [[ "$ONLY" =~ ^[def]$ ]] || die "--only takes d, e or f" ;;
    --runs) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "--runs takes a positive integer"; RUNS=$2; shift 2 ;;
    --warmup) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || die "--warmup takes a number"; WARMUP=$2; shift 2 ;;
    --d-mib) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "--d-mib takes a size in MiB"; D_MIB=$2; shift 2 ;;
    --e-mib) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "--e-mib takes a size in MiB"; E_MIB=$2; shift 2 ;;
    --speed) [ $# -ge 2 ] || die "--speed needs a value"; SPEED=$2; shift 2 ;;
    --markdown) [ $# -ge 2 ] || die "--markdown needs a file"; MARKDOWN=$2; shift 2 ;;
    --tools) [ $# -ge 2 ] || die "--tools needs a comma list"; TOOLS=",$2,"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[ -x "$IMAPI" ] || die "no imapi binary at $IMAPI (build it, or pass --imapi)"
[ -f "$SHIM" ] || die "no shim at $SHIM (build the imapi-emu-preload target, or pass --shim)"
for t in cdrskin growisofs xorriso; do command -v $t >/dev/null || die "$t is not installed (scripts/install-deps.sh)"; done
IMAPI=$(realpath "$IMAPI"); SHIM=$(realpath "$SHIM")
mkdir -p "$WORKDIR"; WORKDIR=$(realpath "$WORKDIR")
OUT=$WORKDIR/burn; mkdir -p "$OUT"
RESULTS=$OUT/results.tsv; : > "$RESULTS"
PARTS=(d e f); [ -n "$ONLY" ] && PARTS=("$ONLY")

avail_mib() { df --output=avail -m "$WORKDIR" | tail -1 | tr -d ' '; }
need_mib() { [ "$(avail_mib)" -ge "$1" ] || die "need $1 MiB free in $WORKDIR, have $(avail_mib)"; }
now() { echo "$EPOCHREALTIME"; }
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'; }
record() { printf '%s\n' "$*" | tr ' ' '\t' >> "$RESULTS"; }  # part tool round wall underruns tool_write_s bytes [engine_underruns]
engine_underruns() { sed -n 's/.* \([0-9]*\) underruns,.*/\1/p' "$1" | tail -n 1; }  # what imapi burn's summary says

# An image of SIZE MiB of incompressible data (one file, ISO 9660), cached.
image_of() {  # image_of MIB -> path
  local mib=$1 img=$WORKDIR/burn-image-$1.iso
  if [ ! -f "$img" ]; then
    need_mib $(( mib * 2 + 256 ))
    mkdir -p "$WORKDIR/burn-src-$mib"
    head -c $(( mib * 1048576 - 1048576 )) /dev/urandom > "$WORKDIR/burn-src-$mib/data.bin"
    "$IMAPI" mkiso -o "$img" --volume BENCH "$WORKDIR/burn-src-$mib" >/dev/null
    rm -rf "$WORKDIR/burn-src-$mib"
  fi
  echo "$img"
}
fresh_disc() { rm -rf "$OUT/disc"; mkdir -p "$OUT/disc"; }
underruns() { "$IMAPI" info "$1" | sed -n 's/^buffer underruns: //p'; }
on_drive() { LD_PRELOAD=$SHIM IMAPI_EMU_DRIVES=$1 timeout "$RUN_TIMEOUT" "${@:2}"; }
check_disc() {  # check_disc IMAGE: the burned bytes equal the image
  local size; size=$(stat -c %s "$1")
  cmp -s -n "$size" "$1" "$OUT/disc/disc.img" || echo "bench: WARNING: the disc does not hold the image after the run above"
}

# run_burn PART TOOL ROUND URI IMAGE|- FEED: FEED is "file" or "pipe".
run_burn() {
  [ -z "$TOOLS" ] || [[ "$TOOLS" == *",$2,"* ]] || return 0
  local part=$1 tool=$2 round=$3 uri=$4 img=$5 feed=$6 log=$OUT/$1-$2-$3.log t wall rc=0 own="" size blocks
  size=$(stat -c %s "$img"); blocks=$(( size / 2048 ))
  : > "$log"
  fresh_disc; sync
  t=$(now)
  case "$tool/$feed" in
    cp/file) cp "$img" "$OUT/disc/copy.img" > "$log" 2>&1 || rc=$? ;;
    imapi-noverify/file) timeout "$RUN_TIMEOUT" "$IMAPI" burn --verify none "$uri" "$img" > "$log" 2>&1 || rc=$? ;;
    imapi/file) timeout "$RUN_TIMEOUT" "$IMAPI" burn "$uri" "$img" > "$log" 2>&1 || rc=$? ;;
    cdrskin/file) on_drive "$uri" cdrskin -v dev=/dev/sr0 "$img" > "$log" 2>&1 || rc=$? ;;
    growisofs/file) on_drive "$uri" growisofs -Z /dev/sr0="$img" > "$log" 2>&1 || rc=$? ;;
    imapi/pipe) "$PY" "$BENCH_DIR/stall_producer.py" "$img" 2>> "$log" |
                  timeout "$RUN_TIMEOUT" "$IMAPI" burn --verify none "$uri" - >> "$log" 2>&1 || rc=$? ;;
    cdrskin/pipe) "$PY" "$BENCH_DIR/stall_producer.py" "$img" 2>> "$log" |
                    on_drive "$uri" cdrskin -v dev=/dev/sr0 tsize="$size" - >> "$log" 2>&1 || rc=$? ;;
    growisofs/pipe) "$PY" "$BENCH_DIR/stall_producer.py" "$img" 2>> "$log" |
                      on_drive "$uri" growisofs -use-the-force-luke=tracksize:"$blocks" -Z /dev/sr0=/dev/stdin >> "$log" 2>&1 || rc=$? ;;
    *) die "no such run: $tool/$feed" ;;
  esac
  wall=$(since "$t")
  [ "$rc" = 0 ] || { echo "bench: $part $tool round $round FAILED (exit $rc), see $log"; tail -n 3 "$log" | sed 's/^/    /'; record "$part" "$tool" "$round" fail - - "$size"; return; }
  case "$tool" in
    imapi*) own=$(sed -n 's/.* written in \([0-9.]*\) s .*/\1/p' "$log" | tail -n 1) ;;
    cdrskin) own=$(sed -n 's/^Writing *time: *\([0-9.]*\)s.*/\1/p' "$log" | tail -n 1) ;;
  esac
  local u="-"; [ "$tool" = cp ] || { u=$(underruns "$uri"); check_disc "$img"; }
  local eu=-; [[ "$tool" == imapi* ]] && eu=$(engine_underruns "$log")
  record "$part" "$tool" "$round" "$wall" "${u:--}" "${own:--}" "$size" "${eu:--}"
  echo "bench: $part $tool round $round: $wall s wall${own:+, $own s writing}, underruns ${u:--}"
  rm -rf "$OUT/disc"
}

# ---------------------------------------------------------------- machine
META=$OUT/meta.txt
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo), $(nproc) cores"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "imapi: $("$IMAPI" --version)"
  echo "cdrskin: $(cdrskin -version 2>/dev/null | sed -n 's/^Cdrecord-Clone version: *//p;s/^cdrskin version *: *//p' | head -n 1)"
  echo "growisofs: $(growisofs -version 2>&1 | head -n 1)"
} > "$META"
cat "$META"

for part in "${PARTS[@]}"; do
  case $part in
    d)
      img=$(image_of "$D_MIB"); need_mib $(( D_MIB * 2 + 256 ))
      uri="emu:bd-r?dir=$OUT/disc&polls=0"
      for round in $(seq $(( 1 - WARMUP )) "$RUNS"); do   # rounds <= 0: warm-up, not reported
        for tool in cp imapi-noverify imapi cdrskin growisofs; do run_burn d "$tool" "$round" "$uri" "$img" file; done
      done ;;
    e)
      img=$(image_of "$E_MIB"); need_mib $(( E_MIB + 256 ))
      uri="emu:bd-r?dir=$OUT/disc&polls=0&speed=$SPEED&throttle=1&buffer=4M"
      fresh_disc; offered=$("$IMAPI" info "$uri" | sed -n 's/^write speeds (kB\/s): //p'); rm -rf "$OUT/disc"
      echo "bench: (e) the emulated BD-R offers write speeds (kB/s): $offered"
      echo "e-offered: $offered" >> "$META"
      for round in $(seq 1 "$RUNS"); do
        for tool in imapi cdrskin growisofs; do run_burn e "$tool" "$round" "$uri" "$img" pipe; done
      done ;;
    f)
      tree=$WORKDIR/tree-b
      [ -f "$WORKDIR/tree-b.json" ] || "$PY" "$BENCH_DIR/gentree.py" b "$tree"
      uri="emu:bd-r?dir=$OUT/disc&polls=0&speed=$SPEED&throttle=1&buffer=4M"
      for round in $(seq 1 "$RUNS"); do
        fresh_disc; sync; log=$OUT/f-imapi-$round.log; t=$(now); rc=0
        timeout "$RUN_TIMEOUT" "$IMAPI" burn --verify none "$uri" --tree "$tree" > "$log" 2>&1 || rc=$?
        wall=$(since "$t")
        if [ "$rc" != 0 ]; then echo "bench: f round $round FAILED (exit $rc), see $log"; record f imapi "$round" fail - - 0
        else
          own=$(sed -n 's/.* written in \([0-9.]*\) s .*/\1/p' "$log" | tail -n 1)
          bytes=$(sed -n 's/.*: \([0-9]*\) sectors written in .*/\1/p' "$log" | tail -n 1); bytes=$(( ${bytes:-0} * 2048 ))
          u=$(underruns "$uri"); eu=$(engine_underruns "$log")
          record f imapi "$round" "$wall" "${u:--}" "${own:--}" "$bytes" "${eu:--}"
          echo "bench: f imapi round $round: $wall s wall, ${own:-?} s writing, underruns ${u:--}"
        fi
        rm -rf "$OUT/disc"
      done ;;
  esac
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$META"

# ---------------------------------------------------------------- report
"$PY" - "$RESULTS" "$META" "$SPEED" > "${MARKDOWN:-/dev/stdout}" <<'EOF'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
meta = open(sys.argv[2]).read().strip().splitlines()
speed = float(sys.argv[3])
BD1X = 4_495_000  # bytes/s
def med(xs):
    xs = [float(x) for x in xs if x not in ("-", "fail")]
    return statistics.median(xs) if xs else None
print("Machine and versions:\n")
for m in meta: print(f"- {m}")
for part, title in (("d", "(d) image to an unthrottled emulated BD-R (median of the timed rounds)"),
                    ("e", f"(e) {speed:g}x BD-R, throttle=1, 4 MiB drive buffer, source stalling 300 ms every 2 s"),
                    ("f", f"(f) --tree of 100,000 small files at {speed:g}x, throttled")):
    mine = [r for r in rows if r[0] == part and int(r[2]) > 0]
    if not mine: continue
    print(f"\n### {title}\n")
    print("| tool | runs ok | wall s (median) | MB/s over wall | writing s (own) | x while writing | underruns, the drive's (each run) | underruns, imapi's own count |")
    print("|---|---|---|---|---|---|---|---|")
    walls = {}
    for tool in dict.fromkeys(r[1] for r in mine):
        rs = [r for r in mine if r[1] == tool]
        ok = [r for r in rs if r[3] != "fail"]
        w = med(r[3] for r in ok); own = med(r[5] for r in ok)
        size = float(ok[0][6]) if ok else 0
        walls[tool] = w
        mbs = f"{size / w / 1e6:.1f}" if w else "-"
        x = f"{size / own / BD1X:.2f}x" if own else (f"{size / w / BD1X:.2f}x (wall)" if w and part != "d" else "-")
        print(f"| {tool} | {len(ok)}/{len(rs)} | {w if w is None else f'{w:.2f}'} | {mbs} | "
              f"{'-' if own is None else f'{own:.2f}'} | {x} | {', '.join(r[4] for r in rs)} | "
              f"{', '.join(r[7] if len(r) > 7 else '-' for r in rs)} |")
    if part == "d" and walls.get("cp"):
        print()
        for tool in ("imapi-noverify", "imapi", "cdrskin", "growisofs"):
            if walls.get(tool): print(f"- {tool} / cp = {walls[tool] / walls['cp']:.2f}")
EOF
echo "bench: raw results in $RESULTS"
