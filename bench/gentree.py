#!/usr/bin/python3
"""Generate (once) the benchmark source trees for bench/run.sh.

  gentree.py a DIR [--seed N]   8 files x 256 MiB of incompressible data
  gentree.py b DIR [--seed N]   100,000 files of 0..8 KiB in 1,000 directories
  gentree.py c DIR [--seed N] [--files N]
                                1,000,000 files (or N, a multiple of 100) of
                                0..1 KiB, 100 to a directory (10,000 directories)

Standard library only (run it with /usr/bin/python3). The data comes from a
seeded random.Random, so a tree is byte-for-byte reproducible from its seed,
incompressible, and fully written (no holes: every byte is really allocated).

Next to DIR the script writes:
  DIR.list   the NUL-separated, sorted list of the files (input for cat/xargs)
  DIR.json   parameters and statistics (file count, byte totals, the total
             rounded up to 2048-byte sectors) used by the size plausibility check

If DIR.json exists and matches the requested parameters, and the tree looks
complete, nothing is regenerated: the trees are cached between runs.
"""
import argparse
import json
import os
import random
import shutil
import sys
import time

GENERATOR_VERSION = 1
SECTOR = 2048
MIB = 1 << 20

SPECS = {
    "a": {"kind": "big", "files": 8, "file_size": 256 * MIB},
    "b": {"kind": "small", "dirs": 1000, "files_per_dir": 100, "max_size": 8192},
    "c": {"kind": "small", "dirs": 10000, "files_per_dir": 100, "max_size": 1024},
}


def write_big(root, spec, seed):
    """8 large files; each has its own seeded stream so every file is unique."""
    chunk = 4 * MIB
    paths = []
    for i in range(spec["files"]):
        rng = random.Random(f"{seed}/a/{i}")
        path = os.path.join(root, f"big{i:02d}.bin")
        with open(path, "wb", buffering=0) as f:
            left = spec["file_size"]
            while left:
                n = min(chunk, left)
                f.write(rng.randbytes(n))
                left -= n
        paths.append(path)
    return paths


def write_small(root, spec, seed, which):
    """Directories of 100 files each, sizes uniform in [0, max_size]."""
    rng = random.Random(f"{seed}/{which}")
    width = len(str(spec["dirs"] - 1))
    paths = []
    for d in range(spec["dirs"]):
        dpath = os.path.join(root, f"d{d:0{width}d}")
        os.mkdir(dpath)
        for i in range(spec["files_per_dir"]):
            size = rng.randint(0, spec["max_size"])
            path = os.path.join(dpath, f"f{i:05d}.bin")
            with open(path, "wb", buffering=0) as f:
                if size:
                    f.write(rng.randbytes(size))
            paths.append(path)
    return paths


def stats_of(paths):
    total = 0
    sectors = 0
    for p in paths:
        n = os.stat(p).st_size
        total += n
        sectors += (n + SECTOR - 1) // SECTOR
    return total, sectors * SECTOR


def looks_complete(root, meta):
    """Cheap check that a cached tree is still there and has the right size."""
    listing = root + ".list"
    if not (os.path.isdir(root) and os.path.isfile(listing)):
        return False
    with open(listing, "rb") as f:
        paths = [p.decode() for p in f.read().split(b"\0") if p]
    if len(paths) != meta["file_count"]:
        return False
    # Stat a sample (all of tree a, every 97th file of tree b).
    step = 1 if len(paths) < 1000 else 97
    for p in paths[::step]:
        if not os.path.isfile(p):
            return False
    if step == 1:
        return stats_of(paths)[0] == meta["total_bytes"]
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("which", choices=sorted(SPECS))
    ap.add_argument("dir")
    ap.add_argument("--seed", default="20240601")
    ap.add_argument("--files", type=int, default=None,
                    help="tree c only: number of files, a multiple of 100 (default 1,000,000)")
    args = ap.parse_args()

    root = os.path.abspath(args.dir)
    spec = dict(SPECS[args.which])
    if args.files is not None:
        if args.which != "c" or args.files <= 0 or args.files % spec["files_per_dir"]:
            ap.error("--files is for tree c and takes a positive multiple of 100")
        spec["dirs"] = args.files // spec["files_per_dir"]
    want = {"generator_version": GENERATOR_VERSION, "tree": args.which,
            "seed": str(args.seed), "spec": spec}

    meta_path = root + ".json"
    if os.path.isfile(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
        if {k: meta.get(k) for k in want} == want and looks_complete(root, meta):
            print(f"gentree: tree {args.which} cached in {root} "
                  f"({meta['file_count']} files, {meta['total_bytes'] / MIB:.1f} MiB)")
            return 0
        print(f"gentree: cached tree {args.which} is stale or incomplete, regenerating")

    # Build into a temporary directory, then rename: an interrupted run never
    # leaves a half-written tree that looks valid.
    tmp = root + ".tmp"
    for p in (tmp, root):
        if os.path.exists(p):
            shutil.rmtree(p)
    for p in (meta_path, root + ".list"):
        if os.path.exists(p):
            os.remove(p)
    os.makedirs(tmp)
    t0 = time.monotonic()
    if spec["kind"] == "big":
        paths = write_big(tmp, spec, args.seed)
    else:
        paths = write_small(tmp, spec, args.seed, args.which)
    os.rename(tmp, root)
    paths = sorted(os.path.join(root, os.path.relpath(p, tmp)) for p in paths)
    total, rounded = stats_of(paths)
    dirs = spec.get("dirs", 0)
    if hasattr(os, "sync"):
        os.sync()   # a million new inodes: write them back now, not during the first timed run
    with open(root + ".list", "wb") as f:
        f.write(b"".join(p.encode() + b"\0" for p in paths))
    meta = dict(want, file_count=len(paths), dir_count=dirs, total_bytes=total,
                sector_rounded_bytes=rounded,
                generated_in_s=round(time.monotonic() - t0, 2))
    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=1)
    print(f"gentree: tree {args.which} generated in {root}: {len(paths)} files, "
          f"{total / MIB:.1f} MiB, {meta['generated_in_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
