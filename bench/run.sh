#!/usr/bin/env bash
# bench/run.sh: image-creation benchmark of the `imapi` CLI against cat,
# genisoimage and xorriso. Method and targets: docs/performance.md.
#
#   bench/run.sh [--imapi PATH] [--workdir DIR] [--only a|b|c|a,b,...] [--keep]
#                [--runs N] [--warmup N] [--markdown FILE] [--seed S]
#                [--imapi-args "ARGS"] [--udf] [--c-files N] [--tools LIST]
# --udf: the UDF 2.50 bridge workload (imapi --fs iso9660,joliet,rockridge,udf
# --udf-revision 2.50 against genisoimage -J -R -udf; xorriso writes no UDF).
#
# Trees (generated once, cached in the work directory):
#   a  8 files x 256 MiB of incompressible data (2 GiB)
#   b  100,000 files of 0..8 KiB (seeded random sizes) in 1,000 directories
#   c  1,000,000 files of 0..1 KiB in 10,000 directories (--c-files N: N files,
#      N/100 directories, for the linearity runs); only with --only c
# For each tree: warm the page cache, then N rounds of
#   cat (all files into one file; tree c: tar cf) | imapi mkiso | genisoimage |
#   xorriso -as mkisofs
# (tools interleaved within a round), output on the work directory's disk,
# output deleted and `sync` run before every run. Medians are reported.
# --warmup N (default 1) untimed rounds come first; --runs N (default 3).
# --tools LIST (e.g. tar,imapi): only these tools (the linearity runs of (c)).
#
# The benchmark never fails on timings. It exits non-zero only when it cannot
# run at all (bad arguments, missing /usr/bin/time or python3, not enough disk).
set -euo pipefail
export LC_ALL=C   # '.' as decimal point in $EPOCHREALTIME and printf

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
PY=/usr/bin/python3
GNU_TIME=/usr/bin/time
# A run that takes longer than this is killed and reported as failed (exit 124),
# so that a hanging development build cannot stall the benchmark.
RUN_TIMEOUT=${BENCH_RUN_TIMEOUT:-900}

IMAPI=""; IMAPI_GIVEN=0
IMAPI_ARGS="--fs iso9660,joliet,rockridge"
UDF=0
WORKDIR=/tmp/imapi-bench
ONLY=""
KEEP=0
RUNS=3
WARMUP=1
MARKDOWN=""
SEED=20240601
C_FILES=1000000
ONLY_TOOLS=""

usage() { sed -n '2,/^set /p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "bench: error: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --imapi)      [ $# -ge 2 ] || die "--imapi needs a path"; IMAPI=$2; IMAPI_GIVEN=1; shift 2 ;;
    --imapi-args) [ $# -ge 2 ] || die "--imapi-args needs a value"; IMAPI_ARGS=$2; shift 2 ;;
    --workdir)    [ $# -ge 2 ] || die "--workdir needs a directory"; WORKDIR=$2; shift 2 ;;
    --only)       [ $# -ge 2 ] || die "--only needs a tree: a, b, c or a list such as a,b"; ONLY=$2; shift 2
                  [[ "$ONLY" =~ ^[abc](,[abc])*$ ]] || die "--only takes a, b, c or a comma list of them" ;;
    --tools)      [ $# -ge 2 ] || die "--tools needs a comma list"; ONLY_TOOLS=",$2,"; shift 2 ;;
    --c-files)    [ $# -ge 2 ] || die "--c-files needs a number"; C_FILES=$2; shift 2
                  [[ "$C_FILES" =~ ^[1-9][0-9]*00$ ]] || die "--c-files takes a positive multiple of 100" ;;
    --keep)       KEEP=1; shift ;;
    --udf)        UDF=1; IMAPI_ARGS="--fs iso9660,joliet,rockridge,udf --udf-revision 2.50"; shift ;;
    --runs)       [ $# -ge 2 ] || die "--runs needs a number"; RUNS=$2; shift 2
                  [[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs takes a positive integer" ;;
    --warmup)     [ $# -ge 2 ] || die "--warmup needs a number"; WARMUP=$2; shift 2
                  [[ "$WARMUP" =~ ^[0-9]+$ ]] || die "--warmup takes a non-negative integer" ;;
    --markdown)   [ $# -ge 2 ] || die "--markdown needs a file"; MARKDOWN=$2; shift 2 ;;
    --seed)       [ $# -ge 2 ] || die "--seed needs a value"; SEED=$2; shift 2 ;;
    -h|--help)    usage; exit 0 ;;
    *)            usage >&2; die "unknown argument: $1" ;;
  esac
done

[ -x "$PY" ] || die "$PY not found (the harness uses the system python, stdlib only)"
[ -x "$GNU_TIME" ] || die "$GNU_TIME not found: apt-get install time"

TREES=(a b); [ -n "$ONLY" ] && IFS=, read -r -a TREES <<<"$ONLY"
# Tree c compares with tar (its sequential-reading floor) instead of cat.
tools_of() { case $1 in c) echo tar imapi genisoimage xorriso ;; *) echo cat imapi genisoimage xorriso ;; esac; }
# Where a tree lives: tree c carries its size in its name, so that the 250k,
# 500k and 1M trees of the linearity runs are all cached side by side.
tree_dir() { case $1 in c) echo "$WORKDIR/tree-c-$C_FILES" ;; *) echo "$WORKDIR/tree-$1" ;; esac; }

mkdir -p "$WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)
OUTDIR=$WORKDIR/out
LOGDIR=$WORKDIR/logs
mkdir -p "$OUTDIR" "$LOGDIR"
rm -f "$LOGDIR"/*.log "$OUTDIR"/*.iso "$OUTDIR"/*.out   # leftovers of an earlier run
RESULTS=$WORKDIR/results.tsv
META=$WORKDIR/meta.tsv
: >"$RESULTS"
: >"$META"
meta() { printf '%s\t%s\n' "$1" "$2" >>"$META"; }

T_START=$EPOCHREALTIME
elapsed_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.1f", b-a}'; }

# ---------------------------------------------------------------- tools
declare -A SKIP=()   # tool -> reason it is not measured

if [ "$IMAPI_GIVEN" = 0 ]; then
  for c in "$REPO/build/cli/imapi" "$REPO/build/imapi" "$REPO/build/bin/imapi" \
           "$REPO/build-release/cli/imapi"; do
    if [ -x "$c" ]; then IMAPI=$c; break; fi
  done
  [ -n "$IMAPI" ] || IMAPI=$(command -v imapi || true)
fi
if [ -z "$IMAPI" ]; then
  SKIP[imapi]="no imapi binary found (build it, or pass --imapi PATH)"
elif [ ! -f "$IMAPI" ] || [ ! -x "$IMAPI" ]; then
  SKIP[imapi]="imapi binary not found or not executable: $IMAPI"
else
  IMAPI=$(cd "$(dirname "$IMAPI")" && pwd)/$(basename "$IMAPI")
fi
command -v tar >/dev/null || SKIP[tar]="tar not installed"
command -v genisoimage >/dev/null || SKIP[genisoimage]="genisoimage not installed (apt-get install genisoimage)"
command -v xorriso >/dev/null || SKIP[xorriso]="xorriso not installed (apt-get install xorriso)"
[ "$UDF" = 0 ] || SKIP[xorriso]="xorriso writes no UDF"

for t in "${!SKIP[@]}"; do
  echo "bench: NOTE: $t rows skipped: ${SKIP[$t]}"
  meta "skip_$t" "${SKIP[$t]}"
done

# ---------------------------------------------------------------- machine
cpu_model=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)
mem_kib=$(awk '/^MemTotal/{print $2}' /proc/meminfo)
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta cpu "${cpu_model:-unknown}"
meta cores "$(nproc)"
meta mem_gib "$(awk -v k="$mem_kib" 'BEGIN{printf "%.1f", k/1048576}')"
meta os "$( . /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") ($(cat /etc/debian_version 2>/dev/null || echo '?'))"
meta kernel "$(uname -r)"
meta fs "$(findmnt -n -o FSTYPE -T "$WORKDIR" 2>/dev/null || stat -f -c %T "$WORKDIR") ($(df --output=source "$WORKDIR" | tail -1))"
meta runs "$RUNS"
meta udf "$UDF"
meta warmup "$WARMUP"
meta seed "$SEED"
meta c_files "$C_FILES"
meta workdir "$WORKDIR"
meta ver_cat "$(cat --version | head -1)"
[ -n "${SKIP[tar]:-}" ] || meta ver_tar "$(tar --version | head -1)"
[ -n "${SKIP[genisoimage]:-}" ] || meta ver_genisoimage "$(genisoimage --version 2>&1 | head -1)"
[ -n "${SKIP[xorriso]:-}" ] || meta ver_xorriso "$(xorriso -version 2>/dev/null | head -1)"
if [ -z "${SKIP[imapi]:-}" ]; then
  if v=$(timeout 10 "$IMAPI" --version 2>/dev/null </dev/null) && [ -n "$v" ]; then
    v=$(head -1 <<<"$v"); [[ "$v" == *imapi* ]] || v="imapi $v"
    meta ver_imapi "$v"
  else
    meta ver_imapi "imapi (version unknown)"
  fi
  meta imapi_path "$IMAPI"
  meta imapi_args "$IMAPI_ARGS"
fi

# ---------------------------------------------------------------- disk space
GIB=$((1 << 30)); MIB=$((1 << 20))
# Tree c: a 4 KiB ext4 block per file of at most 1 KiB; its images take about
# 2.3 KiB a file (one 2 KiB sector and the records), tar's about 1.5 KiB.
tree_bytes() { case $1 in a) echo $((2 * GIB + 64 * MIB)) ;; b) echo $((700 * MIB)) ;;
                          c) echo $((C_FILES * 4608 + 64 * MIB)) ;; esac; }
out_bytes()  { case $1 in a) echo $((2 * GIB + 128 * MIB)) ;; b) echo $((640 * MIB)) ;;
                          c) echo $((C_FILES * 2560 + 64 * MIB)) ;; esac; }
need=$((512 * MIB)); out_max=0
for tree in "${TREES[@]}"; do
  [ -f "$(tree_dir "$tree").json" ] || need=$((need + $(tree_bytes "$tree")))
  if [ "$KEEP" = 1 ]; then
    need=$((need + 4 * $(out_bytes "$tree")))
  elif [ "$(out_bytes "$tree")" -gt "$out_max" ]; then
    out_max=$(out_bytes "$tree")
  fi
done
need=$((need + out_max))
avail=$(df -B1 --output=avail "$WORKDIR" | tail -1 | tr -d ' ')
echo "bench: disk: $(df -h --output=source,size,used,avail,target "$WORKDIR" | tail -1)"
echo "bench: needs about $((need / MIB)) MiB free in $WORKDIR, $((avail / MIB)) MiB available"
[ "$avail" -ge "$need" ] || die "not enough free space in $WORKDIR (need $((need / MIB)) MiB, have $((avail / MIB)) MiB); use --workdir, --only or drop --keep"
if [ $(( (2 * GIB + 2 * GIB) / 1024 )) -gt "$mem_kib" ]; then
  echo "bench: WARNING: less RAM than tree (a) plus one output: the cache will not stay warm"
fi

# ---------------------------------------------------------------- trees
T_GEN=$EPOCHREALTIME
for tree in "${TREES[@]}"; do
  if [ "$tree" = c ]; then
    "$PY" "$BENCH_DIR/gentree.py" c "$(tree_dir c)" --seed "$SEED" --files "$C_FILES"
  else
    "$PY" "$BENCH_DIR/gentree.py" "$tree" "$(tree_dir "$tree")" --seed "$SEED"
  fi
  meta "tree_json_$tree" "$(tree_dir "$tree").json"
done
gen_s=$(elapsed_since "$T_GEN")

# ---------------------------------------------------------------- one run
# run_one TREE TOOL ROUND: times one command (ROUND 0 = warm-up, not reported),
# appends a line to $RESULTS:
# tree tool round rc wall_s user_s sys_s maxrss_kib image_bytes volume_bytes
run_one() {
  local tree=$1 tool=$2 round=$3
  local src list; src=$(tree_dir "$tree"); list=$src.list
  local out=$OUTDIR/$tree-$tool.iso log=$LOGDIR/$tree-$tool-$round.log tf=$LOGDIR/.time
  local -a cmd
  case $tool in
    cat)
      if [ "$(tr -cd '\0' <"$list" | wc -c)" -le 256 ]; then
        local -a files; mapfile -d '' files <"$list"; cmd=(cat "${files[@]}")
      else
        cmd=(xargs -0 -a "$list" cat)   # 100,000 paths exceed ARG_MAX
      fi
      out=$OUTDIR/$tree-cat.out ;;
    tar)         out=$OUTDIR/$tree-tar.out; cmd=(tar cf "$out" -C "$src" .) ;;
    imapi)       # shellcheck disable=SC2206  # IMAPI_ARGS is word-split on purpose
                 cmd=("$IMAPI" mkiso -o "$out" $IMAPI_ARGS "$src") ;;
    genisoimage) cmd=(genisoimage -quiet -J -R -o "$out" "$src")
                 [ "$UDF" = 0 ] || cmd=(genisoimage -quiet -J -R -udf -o "$out" "$src") ;;
    xorriso)     cmd=(xorriso -as mkisofs -quiet -J -R -o "$out" "$src") ;;
  esac

  rm -f "$out" "$tf"; sync
  local rc=0 t0 t1
  t0=$EPOCHREALTIME
  if [ "$tool" = cat ]; then
    timeout "$RUN_TIMEOUT" "$GNU_TIME" -f '%U %S %M' -o "$tf" "${cmd[@]}" \
      >"$out" 2>"$log" </dev/null || rc=$?
  else
    timeout "$RUN_TIMEOUT" "$GNU_TIME" -f '%U %S %M' -o "$tf" "${cmd[@]}" \
      >"$log" 2>&1 </dev/null || rc=$?
  fi
  t1=$EPOCHREALTIME

  local wall user=0 sys=0 rss=0 size=0 vol=0
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')
  # The last line of GNU time's output holds the figures; it is missing when
  # time itself was killed (timeout), and then the run counts as failed.
  if [ -s "$tf" ] && read -r user sys rss < <(tail -n 1 "$tf") &&
     [[ "$user $sys $rss" =~ ^[0-9.]+\ [0-9.]+\ [0-9]+$ ]]; then :; else
    user=0 sys=0 rss=0; [ "$rc" != 0 ] || rc=125
  fi
  [ -f "$out" ] && size=$(stat -c %s "$out")
  # ISO 9660 primary volume descriptor at sector 16: "CD001" at byte 1,
  # volume space size (both-endian 32-bit, little-endian half first) at byte 80.
  if [ "$tool" != cat ] && [ "$tool" != tar ] && [ "$size" -ge $((17 * 2048)) ] &&
     [ "$(dd if="$out" bs=1 skip=$((16 * 2048 + 1)) count=5 status=none)" = CD001 ]; then
    vol=$(( $(od -An -t u4 -j $((16 * 2048 + 80)) -N 4 "$out" | tr -d ' ') * 2048 ))
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$tree" "$tool" "$round" "$rc" "$wall" "$user" "$sys" "$rss" "$size" "$vol" >>"$RESULTS"
  local label="$round/$RUNS"; [ "$round" != 0 ] || label=warm-up
  printf 'bench: [%s %s] %-11s wall %7.2f s  cpu %7.2f s  rss %7.1f MiB  out %9.1f MiB%s\n' \
    "$tree" "$label" "$tool" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" \
    "$(awk -v r="$rss" 'BEGIN{print r/1024}')" "$(awk -v s="$size" 'BEGIN{print s/1048576}')" \
    "$([ "$rc" = 0 ] || echo "  EXIT $rc (see $log)")"
  [ "$rc" != 0 ] || rm -f "$log"   # keep the logs of failed runs only
  if [ "$KEEP" = 0 ] || [ "$round" -lt "$RUNS" ]; then rm -f "$out"; fi
}

# ---------------------------------------------------------------- runs
T_RUNS=$EPOCHREALTIME
warm_total=0
for tree in "${TREES[@]}"; do
  src=$(tree_dir "$tree"); list=$src.list
  # Warm cache: directory metadata (find) and all file data (cat).
  tw=$EPOCHREALTIME
  find "$src" >/dev/null
  xargs -0 -a "$list" cat >/dev/null
  cached=$(xargs -0 -a "$list" fincore -b -n -o RES,SIZE 2>/dev/null |
           awk -v pg="$(getconf PAGESIZE)" '{r+=$1; s+=int(($2+pg-1)/pg)*pg}
                END{if (s) printf "%.1f%%", 100*r/s; else print "?"}' || echo "?")
  ws=$(elapsed_since "$tw"); warm_total=$(awk -v a="$warm_total" -v b="$ws" 'BEGIN{print a+b}')
  echo "bench: tree $tree warmed in $ws s (page cache holds $cached of its data)"
  meta "cached_$tree" "$cached"
  meta "load_before_$tree" "$(cut -d' ' -f1-3 /proc/loadavg)"
  for ((r = 1 - WARMUP; r <= RUNS; r++)); do
    for tool in $(tools_of "$tree"); do
      [ -z "${SKIP[$tool]:-}" ] || continue
      [ -z "$ONLY_TOOLS" ] || [[ "$ONLY_TOOLS" == *",$tool,"* ]] || continue
      run_one "$tree" "$tool" "$((r < 1 ? 0 : r))"
    done
  done
done
meta "load_after" "$(cut -d' ' -f1-3 /proc/loadavg)"
runs_s=$(awk -v a="$(elapsed_since "$T_RUNS")" -v w="$warm_total" 'BEGIN{printf "%.1f", a-w}')
sync
[ "$KEEP" = 1 ] && echo "bench: outputs of the last round kept in $OUTDIR"

total_s=$(elapsed_since "$T_START")
meta total_s "$total_s"
meta gen_s "$gen_s"
meta warm_s "$warm_total"
meta runs_s "$runs_s"

# ---------------------------------------------------------------- report
report=("$PY" "$BENCH_DIR/report.py" --results "$RESULTS" --meta "$META" --workdir "$WORKDIR")
echo
"${report[@]}" --format text
echo
if [ -n "$MARKDOWN" ]; then
  "${report[@]}" --format markdown >"$MARKDOWN"
  echo "bench: markdown table written to $MARKDOWN"
else
  echo "----- markdown (paste into docs/performance.md) -----"
  "${report[@]}" --format markdown
  echo "----- end of markdown -----"
fi
echo "bench: total runtime ${total_s} s (tree generation ${gen_s} s, cache warming ${warm_total} s, timed runs and syncs ${runs_s} s)"
