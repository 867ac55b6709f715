#!/usr/bin/python3
"""Checks the UDF file system of an image against its source tree with readers
nobody here wrote: udfinfo (udftools), 7-Zip, libudfread (through
udfread_extract) and the Linux kernel's udf driver under QEMU.

    check_udf.py --image IMG --source DIR --revision 2.50 --label LABEL
                 [--udfread PROG] [--imapi CLI] [--kernel] [--no-7z]

--imapi adds libimapi's own reader (`imapi extract --fs udf`): the round trip.

Every reader must see exactly the source's paths, types, sizes and MD5s (and
symbolic link targets and permission bits where it reports them). Prints one
line per reader and "RESULT: PASS" or "RESULT: FAIL"; exit status 0 on PASS.

Files of 64 MiB and more (manifest_lib.BIG_FILE) are compared with the
source byte for byte instead of hashed once per reader: 7-Zip streams them
(7z x -so) instead of extracting them, udfread_extract leaves their zero
chunks as holes, and the comparison reads only where either side holds data
(a 4 GiB sparse file: ~3 s for 7z, ~1 s for libudfread, ~10 s for imapi,
which leaves zero chunks as holes too).

Known reader limits, checked rather than skipped silently:
  * 7-Zip refuses a whole UDF volume that holds a symbolic link ("Unsupported
    feature"); for such trees the check asserts that refusal instead.
  * libudfread has no notion of symbolic links (1.1.2 lists them as regular
    files holding their ECMA-167 path components); each must be present under
    its name, and everything else must match.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True      # keep the source tree clean
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import manifest_lib as ml  # noqa: E402

ENV = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")


def run(cmd, timeout=1800):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=ENV, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace")


UDF_NAME_MAX = 255   # bytes of OSTA CS0 in a file identifier
UDF_KEEP = 16        # a shortened name must keep at least this many leading characters


def cs0_len(name):
    if all(ord(c) <= 0xFF for c in name):
        return 1 + len(name)
    return 1 + len(name.encode("utf-16-be"))


def shortened_from(src, img):
    """True when the image name is an acceptable shortening of a name UDF cannot hold."""
    if cs0_len(src) <= UDF_NAME_MAX or cs0_len(img) > UDF_NAME_MAX:
        return False
    keep = min(UDF_KEEP, len(src))
    _, ext = os.path.splitext(src)
    return img[:keep] == src[:keep] and (len(ext) > 16 or img.endswith(ext))


def map_shortened(want, have):
    """Renames source paths whose names UDF had to shorten to the image's paths,
    when the image has exactly one candidate with the same type, size and hash."""
    unmatched = [p for p in have if p not in want]
    renamed = {}
    for src in [p for p in want if p not in have]:
        sc = src.split("/")
        cands = [p for p in unmatched if p not in renamed.values() and want[src] == have[p]
                 and len(p.split("/")) == len(sc)
                 and all(a == b or shortened_from(a, b) for a, b in zip(sc, p.split("/")))]
        if len(cands) == 1:
            renamed[src] = cands[0]
    for src, img in renamed.items():
        want[img] = want.pop(src)
    return len(renamed)


def index(manifest, fields, skip_links=False):
    out = {}
    for e in manifest["entries"]:
        if skip_links and e["type"] == "l":
            continue
        out[e["path"]] = tuple(e.get(f) for f in fields)
    return out


def compare(name, source, got, fields, skip_links=False):
    want = index(source, fields, skip_links)
    have = index(got, fields, skip_links)
    shortened = map_shortened(want, have)
    diffs = []
    for p in sorted(set(want) | set(have)):
        if want.get(p) != have.get(p):
            diffs.append("  %s: source %s, %s %s" % (p, want.get(p), name, have.get(p)))
    if diffs:
        print("FAIL %s: %d differences (fields %s)" % (name, len(diffs), ",".join(fields)))
        print("\n".join(diffs[:20]))
        return False
    print("PASS %s: %d entries match (fields %s)%s" % (name, len(want), ",".join(fields),
          ", %d under names shortened to UDF's 255 bytes" % shortened if shortened else ""))
    return True


def check_udfinfo(image, revision, label):
    rc, out = run(["udfinfo", image])
    info = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    # udfinfo's udfrev is the minimum read revision: 2.50 for 2.60 media (UDF 2.60, 1.3.1).
    min_read = "2.50" if revision == "2.60" else revision
    ok = rc == 0 and info.get("udfwriterev") == revision and info.get("udfrev") == min_read \
        and info.get("label") == label and info.get("integrity") == "closed"
    print("%s udfinfo: udfwriterev=%s udfrev=%s label=%s integrity=%s (want %s, %s, %s, closed)"
          % ("PASS" if ok else "FAIL", info.get("udfwriterev"), info.get("udfrev"), info.get("label"),
             info.get("integrity"), revision, min_read, label))
    if not ok:
        print(out[-2000:])
    return ok


def big_files(source):
    """Source files 7-Zip streams and the extracting readers compare byte for
    byte instead of hashing (manifest_lib.BIG_FILE and up)."""
    return [e for e in source["entries"] if e["type"] == "f" and e["size"] >= ml.BIG_FILE]


def check_7z(image, source, has_links, work, src_root=None):
    dest = os.path.join(work, "7z")
    # Files of BIG_FILE bytes and more are not extracted but streamed (-so)
    # and compared with the source on the fly: no 4 GiB written to disk.
    big = big_files(source) if src_root else []
    cmd = ["7z", "x", "-tudf", "-y", "-o" + dest]
    if big:
        listfile = os.path.join(work, "7z-big.txt")
        with open(listfile, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write("".join(e["path"] + "\n" for e in big))
        cmd.append("-x@" + listfile)
    rc, out = run(cmd + [image])
    if has_links:
        ok = rc != 0 and "Unsupported feature" in out
        print("%s 7z: refuses the volume because of its symbolic links (a 7-Zip limit)%s"
              % ("PASS" if ok else "FAIL", "" if ok else ": rc %d" % rc))
        return ok
    if rc != 0:
        print("FAIL 7z: exit %d\n%s" % (rc, out[-2000:]))
        return False
    got = ml.manifest_from_dir(dest, "7z")
    for e in big:
        p = subprocess.Popen(["7z", "x", "-so", "-tudf", image, e["path"]], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=ENV)
        at, n = ml.stream_first_difference(p.stdout, os.path.join(src_root, e["path"]))
        err = p.stderr.read().decode("utf-8", "replace")
        if p.wait() != 0:
            print("FAIL 7z: streaming %s: exit %d\n%s" % (e["path"], p.returncode, err[-2000:]))
            return False
        got["entries"].append(ml.entry(e["path"], "f", 0o644, n, e["hash"] if at is None
                                       else "differs at byte %d" % at))
    return compare("7z", source, got, ("type", "size", "hash"))


def check_udfread(prog, image, source, work, src_root=None):
    dest = os.path.join(work, "udfread")
    rc, out = run([prog, image, dest])
    if rc != 0:
        print("FAIL libudfread: exit %d\n%s" % (rc, out[-2000:]))
        return False
    links = {e["path"] for e in source["entries"] if e["type"] == "l"}
    got = ml.manifest_from_dir(dest, "libudfread", (src_root, source) if src_root else None)
    present = {e["path"] for e in got["entries"]}
    present |= {l[len("skipped /"):] for l in out.splitlines() if l.startswith("skipped /")}
    if not links <= present:
        print("FAIL libudfread: symbolic links missing: %s" % sorted(links - present))
        return False
    got["entries"] = [e for e in got["entries"] if e["path"] not in links]
    return compare("libudfread", source, got, ("type", "size", "hash"), skip_links=True)


def check_imapi(cli, image, source, work, src_root=None):
    dest = os.path.join(work, "imapi")
    rc, out = run([cli, "extract", image, dest, "--fs", "udf"])
    if rc != 0:
        print("FAIL imapi extract: exit %d\n%s" % (rc, out[-2000:]))
        return False
    got = ml.manifest_from_dir(dest, "imapi", (src_root, source) if src_root else None)
    shutil.rmtree(dest, ignore_errors=True)     # a 4 GiB copy goes at once
    return compare("imapi (round trip)", source, got, ("type", "mode", "size", "hash", "target"))


def check_kernel(image, source, work, opts=""):
    out_json = os.path.join(work, "kernel.json")
    rc, out = run([sys.executable, os.path.join(HERE, "kernel_manifest.py"), "--image", image,
                   "--fstype", "udf", "--out", out_json, "--opts", opts])
    if rc != 0:
        print("FAIL kernel: kernel_manifest exit %d\n%s" % (rc, out[-3000:]))
        return False
    m = ml.load(out_json)
    mount = m["mounts"][0]
    if not mount["ok"]:
        print("FAIL kernel: mount failed: %s\n%s" % (mount.get("error"), mount.get("dmesg", "")[-2000:]))
        return False
    return compare("kernel udf (%s, %s)" % (m.get("kernel", "?"), mount["options"]), source, mount["manifest"],
                   ("type", "mode", "size", "hash", "target"))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--image", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--revision", required=True, help="as udfinfo prints it, e.g. 2.50")
    ap.add_argument("--label", required=True)
    ap.add_argument("--udfread", help="the udfread_extract program")
    ap.add_argument("--imapi", help="the imapi CLI, to read the image back with libimapi's reader")
    ap.add_argument("--kernel", action="store_true", help="also mount it in the kernel under QEMU")
    ap.add_argument("--kernel-opts", default="", help="extra udf mount options, e.g. session=N")
    ap.add_argument("--readers", default="udfinfo,7z,udfread,imapi",
                    help="which of udfinfo, 7z, udfread, imapi to ask (the kernel goes with --kernel)")
    ap.add_argument("--no-7z", action="store_true")
    a = ap.parse_args(argv)
    source = ml.manifest_from_dir(a.source)
    has_links = any(e["type"] == "l" for e in source["entries"])
    work = tempfile.mkdtemp(prefix="check-udf-")
    try:
        readers = set(r for r in a.readers.split(",") if r)
        results = []
        if "udfinfo" in readers:
            results.append(check_udfinfo(a.image, a.revision, a.label))
        if "7z" in readers and not a.no_7z:
            results.append(check_7z(a.image, source, has_links, work, a.source))
        if "udfread" in readers and a.udfread:
            results.append(check_udfread(a.udfread, a.image, source, work, a.source))
        if "imapi" in readers and a.imapi:
            results.append(check_imapi(a.imapi, a.image, source, work, a.source))
        if a.kernel:
            results.append(check_kernel(a.image, source, work, a.kernel_opts))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ok = bool(results) and all(results)
    print("RESULT: %s" % ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
