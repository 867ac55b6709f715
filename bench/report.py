#!/usr/bin/python3
"""Summarise bench/run.sh results as a text or markdown table.

  report.py --results results.tsv --meta meta.tsv --workdir DIR --format text|markdown

results.tsv: tree tool round rc wall_s user_s sys_s maxrss_kib image_bytes volume_bytes
meta.tsv:    key<TAB>value lines (machine, versions, skipped tools, runtimes)
DIR/tree-X.json: source tree statistics written by gentree.py

Every figure is the median over the successful runs of that tool, taken per
metric. Targets are evaluated for information only: nothing here fails.
"""
import argparse
import json
import os
import statistics
import sys

MIB = 1 << 20
TOOLS = ["cat", "tar", "imapi", "genisoimage", "xorriso"]
TREE_TITLES = {
    "a": "(a) 8 files x 256 MiB, incompressible",
    "b": "(b) 100,000 files of 0-8 KiB in 1,000 directories",
}


def tree_title(t, trees):
    if t == "c" and t in trees:
        n = trees[t]["file_count"]
        return f"(c) {n:,} files of 0-1 KiB in {trees[t]['dir_count']:,} directories"
    return TREE_TITLES.get(t, t)

TARGET_A_MAX = 1.10   # imapi wall / cat wall
TARGET_B_SPEED = 2.0  # genisoimage wall / imapi wall
TARGET_B_RSS = 0.5    # imapi peak RSS / genisoimage peak RSS
TARGET_C_TAR = 1.5    # imapi wall / tar wall
TARGET_C_RSS_MB = 200  # imapi peak RSS, MB (10^6 bytes), for 1,000,000 files


def load(args):
    meta = {}
    with open(args.meta) as f:
        for line in f:
            if "\t" in line:
                k, v = line.rstrip("\n").split("\t", 1)
                meta[k] = v
    runs = []
    with open(args.results) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) != 10:
                continue
            runs.append(dict(tree=p[0], tool=p[1], round=int(p[2]), rc=int(p[3]),
                             wall=float(p[4]), user=float(p[5]), sys=float(p[6]),
                             rss=int(p[7]), size=int(p[8]), vol=int(p[9])))
    trees = {}
    for t in sorted({r["tree"] for r in runs} | {k[7:] for k in meta if k.startswith("cached_")}):
        path = meta.get(f"tree_json_{t}") or os.path.join(args.workdir, f"tree-{t}.json")
        if os.path.isfile(path):
            with open(path) as f:
                trees[t] = json.load(f)
    return meta, runs, trees


def size_check(tool, sizes, vols, tree, udf=False):
    """Is the output size plausible for this tree? Returns a short verdict."""
    if not sizes:
        return "no output"
    if len(set(sizes)) > 1:
        note = f"; size varies between runs ({min(sizes)}..{max(sizes)})"
    else:
        note = ""
    size = sizes[-1]
    if tree is None:
        return "unknown tree" + note
    if tool == "tar":
        # A 512-byte header per member, data rounded up to 512 bytes, the end blocks.
        members = tree["file_count"] + tree["dir_count"] + 1
        ok = tree["total_bytes"] <= size <= tree["total_bytes"] + members * 1024 + (1 << 20)
        return ("ok, data + headers" if ok else
                f"SUSPICIOUS: {size} bytes for {tree['total_bytes']} bytes of data") + note
    if tool == "cat":
        ok = size == tree["total_bytes"]
        return ("ok, = source bytes" if ok else
                f"SUSPICIOUS: {size} bytes, source has {tree['total_bytes']}") + note
    # An ISO image holds 16 sectors of system area, every file rounded up to
    # 2048-byte sectors, and metadata: generously, 1 KiB per file for the
    # ISO 9660 + Joliet + Rock Ridge records and 8 KiB per directory (path
    # tables, directory extents, CE areas) plus 16 MiB of padding and slack.
    low = tree["sector_rounded_bytes"] + 16 * 2048
    high = low + 16 * MIB + tree["file_count"] * 1024 + tree["dir_count"] * 8192
    if udf:
        # UDF adds a 2048-byte file entry per file and directory, and 2.50's
        # mirror may repeat them: up to two more sectors each, plus its fixed area.
        high += 2 * 2048 * (tree["file_count"] + tree["dir_count"]) + 2 * MIB
    vol = vols[-1]
    if vol == 0:
        return "SUSPICIOUS: no ISO 9660 primary volume descriptor" + note
    if not low <= size <= high:
        return f"SUSPICIOUS: {size} bytes, expected {low}..{high}" + note
    if vol > size:
        return f"SUSPICIOUS: volume says {vol} bytes, file has {size}" + note
    over = (size - tree["sector_rounded_bytes"]) / MIB
    return f"ok, data + {over:.1f} MiB" + note


def summarise(meta, runs, trees):
    rows = {}   # (tree, tool) -> dict
    for t in sorted(trees):
        for tool in TOOLS:
            rs = [r for r in runs if r["tree"] == t and r["tool"] == tool and r["round"] >= 1]
            ok = [r for r in rs if r["rc"] == 0]
            row = {"tree": t, "tool": tool, "n": len(rs), "ok": len(ok)}
            if f"skip_{tool}" in meta:
                row["status"] = "skipped: " + meta[f"skip_{tool}"]
            elif not rs:
                row["status"] = "not run"
            elif not ok:
                row["status"] = f"FAILED (exit {rs[-1]['rc']}; see logs/{t}-{tool}-*.log)"
            else:
                med = statistics.median
                row.update(
                    status="ok",
                    wall=med(r["wall"] for r in ok),
                    wall_min=min(r["wall"] for r in ok),
                    wall_max=max(r["wall"] for r in ok),
                    user=med(r["user"] for r in ok),
                    sys=med(r["sys"] for r in ok),
                    cpu=med(r["user"] + r["sys"] for r in ok),
                    rss=med(r["rss"] for r in ok) / 1024,
                    size=ok[-1]["size"] / MIB,
                    check=size_check(tool, [r["size"] for r in ok],
                                     [r["vol"] for r in ok], trees.get(t), meta.get("udf") == "1"))
            rows[(t, tool)] = row
    return rows


def ratios(rows, t, trees=None):
    """List of (label, value or None, target text) for tree t."""
    def get(tool, key):
        r = rows.get((t, tool))
        return r.get(key) if r and r["status"] == "ok" else None

    def div(a, b):
        return a / b if a is not None and b not in (None, 0) else None

    if t == "c":
        files = (trees or {}).get(t, {}).get("file_count")
        rss = get("imapi", "rss")
        mb = rss * MIB / 1e6 if rss is not None else None
        # The 200 MB target is for 1,000,000 files; smaller trees of the
        # linearity runs get their share of it.
        budget = TARGET_C_RSS_MB * (files / 1e6 if files else 1)
        return [
            ("imapi / tar, wall", div(get("imapi", "wall"), get("tar", "wall")), f"<= {TARGET_C_TAR:.2f}"),
            ("imapi / tar, wall, best runs", div(get("imapi", "wall_min"), get("tar", "wall_min")), ""),
            ("imapi / tar, CPU", div(get("imapi", "cpu"), get("tar", "cpu")), ""),
            ("imapi peak RSS, MB (10^6 bytes)", mb, f"<= {budget:.0f}"),
            ("imapi peak RSS, bytes a file", div(rss * MIB if rss is not None else None, files), ""),
            ("genisoimage / imapi, wall", div(get("genisoimage", "wall"), get("imapi", "wall")), ""),
            ("xorriso / imapi, wall", div(get("xorriso", "wall"), get("imapi", "wall")), ""),
            ("peak RSS imapi / genisoimage", div(get("imapi", "rss"), get("genisoimage", "rss")), ""),
            ("peak RSS imapi / xorriso", div(get("imapi", "rss"), get("xorriso", "rss")), ""),
        ]
    out = [
        ("imapi / cat, wall", div(get("imapi", "wall"), get("cat", "wall")),
         f"<= {TARGET_A_MAX:.2f}" if t == "a" else ""),
        ("imapi / cat, wall, best runs", div(get("imapi", "wall_min"), get("cat", "wall_min")), ""),
        ("imapi / cat, CPU", div(get("imapi", "cpu"), get("cat", "cpu")), ""),
        ("genisoimage / imapi, wall", div(get("genisoimage", "wall"), get("imapi", "wall")),
         f">= {TARGET_B_SPEED:.1f}" if t == "b" else ""),
        ("genisoimage / imapi, CPU", div(get("genisoimage", "cpu"), get("imapi", "cpu")), ""),
        ("xorriso / imapi, wall", div(get("xorriso", "wall"), get("imapi", "wall")), ""),
        ("xorriso / imapi, CPU", div(get("xorriso", "cpu"), get("imapi", "cpu")), ""),
        ("peak RSS imapi / genisoimage", div(get("imapi", "rss"), get("genisoimage", "rss")),
         f"<= {TARGET_B_RSS:.1f}" if t == "b" else ""),
    ]
    return out


def verdict(value, target):
    if not target:
        return ""
    if value is None:
        return "pending"
    op, num = target.split()
    good = value <= float(num) if op == "<=" else value >= float(num)
    return "met" if good else "NOT met"


def fmt(v, spec):
    return "pending" if v is None else format(v, spec)


def machine_line(meta):
    return (f"{meta.get('cpu', '?')}, {meta.get('cores', '?')} cores, "
            f"{meta.get('mem_gib', '?')} GiB RAM, {meta.get('os', '?')}, "
            f"kernel {meta.get('kernel', '?')}, output on {meta.get('fs', '?')}")


def versions_line(meta):
    v = [meta[k] for k in ("ver_cat", "ver_tar", "ver_genisoimage", "ver_xorriso", "ver_imapi") if meta.get(k)]
    return "; ".join(v)


def load_line(meta):
    parts = [f"before tree {k[12:]} {meta[k]}" for k in sorted(meta) if k.startswith("load_before_")]
    if meta.get("load_after"):
        parts.append(f"at the end {meta['load_after']}")
    return "; ".join(parts) or "not recorded"


def text_report(meta, rows, trees):
    out = []
    out.append(f"Machine: {machine_line(meta)}")
    out.append(f"Tools:   {versions_line(meta)}")
    out.append(f"Method:  warm cache, {meta.get('warmup', '?')} warm-up round(s), then median of "
               f"{meta.get('runs', '?')} runs per tool (tools interleaved), output deleted + "
               f"sync before each run; {meta.get('date', '')}")
    for t in sorted(trees):
        out.append("")
        out.append(f"{tree_title(t, trees)}  [source {trees[t]['total_bytes'] / MIB:.1f} MiB, "
                   f"{trees[t]['file_count']} files; cached {meta.get('cached_' + t, '?')}]")
        hdr = f"  {'tool':<12}{'runs':>5}{'wall s':>9}{'(min-max)':>15}{'user+sys s':>12}" \
              f"{'user':>8}{'sys':>8}{'peak RSS MiB':>14}{'output MiB':>12}  size check"
        out.append(hdr)
        out.append("  " + "-" * (len(hdr) + 10))
        for tool in TOOLS:
            r = rows[(t, tool)]
            if r["status"] == "not run":
                continue  # not a tool of this tree (cat for c, tar for a and b)
            if r["status"] != "ok":
                out.append(f"  {tool:<12}{r['ok']:>2}/{r['n']:<2} {r['status']}")
                continue
            rng = f"({r['wall_min']:.2f}-{r['wall_max']:.2f})"
            out.append(f"  {tool:<12}{r['ok']:>2}/{r['n']:<2}{r['wall']:>9.2f}{rng:>15}"
                       f"{r['cpu']:>12.2f}{r['user']:>8.2f}{r['sys']:>8.2f}{r['rss']:>14.1f}"
                       f"{r['size']:>12.1f}  {r['check']}")
        out.append("")
        for label, v, target in ratios(rows, t, trees):
            tgt = f"   target {target}: {verdict(v, target)}" if target else ""
            out.append(f"  {label:<30}{fmt(v, '>8.2f'):>8}{tgt}")
    out.append("")
    out.append(f"Load:    {load_line(meta)}")
    out.append(f"Runtime: total {meta.get('total_s', '?')} s (generation {meta.get('gen_s', '?')} s, "
               f"warming {meta.get('warm_s', '?')} s, runs {meta.get('runs_s', '?')} s)")
    for k in sorted(meta):
        if k.startswith("skip_"):
            out.append(f"NOTE: {k[5:]} not measured: {meta[k]}")
    return "\n".join(out)


def markdown_report(meta, rows, trees):
    out = []
    out.append(f"Measured {meta.get('date', '')} with `bench/run.sh --runs {meta.get('runs', '?')} --warmup {meta.get('warmup', '?')}`"
               f" on {machine_line(meta)}.  ")
    out.append(f"Tools: {versions_line(meta)}.  ")
    out.append(f"Warm cache, {meta.get('warmup', '?')} untimed warm-up round(s), then median of "
               f"{meta.get('runs', '?')} runs per tool (per metric). "
               f"Harness runtime {meta.get('total_s', '?')} s.  ")
    out.append(f"Load average (1, 5, 15 min): {load_line(meta)}.")
    for t in sorted(trees):
        out.append("")
        out.append(f"#### {tree_title(t, trees)}")
        out.append("")
        out.append("| tool | wall (s), median (min-max) | CPU user+sys (s) | peak RSS (MiB) | output (MiB) | output size check |")
        out.append("|---|---:|---:|---:|---:|---|")
        for tool in TOOLS:
            r = rows[(t, tool)]
            if r["status"] == "not run":
                continue
            name = f"`{tool}`"
            if r["status"] == "ok":
                out.append(f"| {name} | {r['wall']:.2f} ({r['wall_min']:.2f}-{r['wall_max']:.2f}) "
                           f"| {r['cpu']:.2f} | {r['rss']:.1f} | "
                           f"{r['size']:.1f} | {r['check']} |")
            else:
                if r["status"].startswith("skipped"):
                    out.append(f"| {name} | pending | pending | pending | pending | |")
                else:
                    out.append(f"| {name} | {r['status']} | - | - | - | |")
        out.append("")
        out.append("| ratio | value | target |")
        out.append("|---|---:|---|")
        for label, v, target in ratios(rows, t, trees):
            tgt = f"{target}: {verdict(v, target)}" if target else ""
            out.append(f"| {label} | {fmt(v, '.2f')} | {tgt} |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--meta", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--format", choices=["text", "markdown"], default="text")
    args = ap.parse_args()
    meta, runs, trees = load(args)
    rows = summarise(meta, runs, trees)
    print(text_report(meta, rows, trees) if args.format == "text"
          else markdown_report(meta, rows, trees))
    return 0


if __name__ == "__main__":
    sys.exit(main())
