#!/usr/bin/python3
"""The UDF conformance matrix: trees x UDF revisions x forms, every image
judged by readers nobody here wrote.

    udf_matrix.py --imapi CLI --udfread PROG --work DIR
                  [--trees deep,unicode,...] [--revisions 1.02,...]
                  [--forms udf,bridge] [--kernel subset|all|none]
                  [--keep] [--json REPORT]

For every cell (tree, revision, form) the image is mastered with the imapi CLI
(`imapi mkiso --fs udf` or `--fs iso9660,joliet,rockridge,udf`,
`--udf-revision R --volume CONFORMANCE`, SOURCE_DATE_EPOCH fixed), then:

  udfinfo     reports the revision (udfwriterev, and udfrev = the minimum read
              revision: 2.50 for 2.60), the label, a closed integrity;
  7z          extracts the UDF tree (files of 64 MiB and more are streamed
              with -so and compared with the source as they come);
  libudfread  reads every file (udfread_extract);
  imapi       libimapi's own reader (`imapi extract --fs udf`);
  kernel-udf  the Linux kernel's udf driver under QEMU (the cells chosen by
              --kernel, see KERNEL_CELLS);
  iso         the ISO 9660 / Joliet / Rock Ridge side of a bridge, through
              check_image.py (xorriso, isoinfo, libcdio, 7z, bsdtar and
              pycdlib, whose 1.11 cannot parse the two partition maps of 2.50
              and 2.60: left out there, test_udf_conformance.cpp pins that);
  kernel-iso  the same side mounted by the kernel's isofs.

Each reader's names, types, sizes and MD5s must be the source's, and modes and
symbolic link targets where the reader reports them (see check_udf.py for what
7-Zip and libudfread cannot show). All the kernel's work is done in as few
boots as kernel_manifest.py can (one, up to 96 images), started as soon as
those images are mastered and running while the other readers work. An image
is deleted as soon as its readers are done.

Output: one line per check, "[tree revision form] PASS|FAIL reader: ...", a
table of the cells, then a "FAILED: tree=... revision=... form=...
reader=...: why" line per failure and "RESULT: PASS" or "RESULT: FAIL".
Exit status 0 on PASS, 1 on FAIL, 2 on usage errors.
"""

import argparse
import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True      # keep the source tree clean
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_udf  # noqa: E402
import manifest_lib as ml  # noqa: E402

PY = "/usr/bin/python3"
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", SOURCE_DATE_EPOCH="1700000000")
LABEL = "CONFORMANCE"
TREES = ("deep", "wide10k", "unicode", "longnames", "mixed", "bigfile")
REVISIONS = ("1.02", "1.50", "2.00", "2.01", "2.50", "2.60")
FORMS = ("udf", "bridge")
BRIDGE_FS = "iso9660,joliet,rockridge,udf"
ISO_READERS = "xorriso,isoinfo,libcdio,7z,bsdtar,pycdlib"
METADATA_PARTITION = ("2.50", "2.60")   # two partition maps: pycdlib 1.11 cannot open them

# The kernel mounts every cell of the small trees (a mount costs well under a
# second there). Two trees cost far more per mount under TCG, so the kernel
# takes one UDF-only and one bridged image of each, at different revision
# families (NSR02 = 1.02/1.50, NSR03 with one partition = 2.00/2.01, NSR03
# with the metadata partition = 2.50/2.60), and the other readers take all:
#  * wide10k: the kernel looks every name of a directory up by scanning it
#    from its start (udf_find_entry, isofs_find_entry), so listing 10,240
#    names is quadratic: measured 89 s per udf mount, 35 s per isofs mount.
#  * bigfile: md5sum in the guest runs at ~90 MB/s, ~47 s per mount of the
#    4 GiB file. The 1.02 UDF-only image has the file's five 1 GiB extents in
#    the one partition of NSR02; the 2.50 bridge has them in the physical
#    partition, its file entry in the metadata partition, and the ISO 9660
#    side's multi-extent records over the same blocks.
KERNEL_CELLS = {
    "wide10k": {("2.01", "udf"), ("2.60", "bridge")},
    "bigfile": {("1.02", "udf"), ("2.50", "bridge")},
}
# isofs mounts of a kernel bridge: Rock Ridge, Joliet, plain ISO 9660. For
# the two costly trees Rock Ridge only (the foundation tests mount the same
# ISO writer's Joliet and plain trees of wide and bigfile).
ISO_KERNEL_OPTS = {"wide10k": [""], "bigfile": [""]}
ISO_KERNEL_OPTS_DEFAULT = ["", "norock", "norock,nojoliet"]
# isoinfo and iso-read start one process per file: on the 10,240-file tree
# they extract an even spread of 256 (every reader still lists every name).
ISO_PER_FILE_MAX = {"wide10k": 256}
# The ISO side of the two costly trees' bridges. Every ISO reader checks
# them at two revisions: 2.01 (the newest pycdlib opens) and the kernel's
# bridge (2.60 for wide10k, 2.50 for bigfile: the metadata partition). The
# other four revisions, whose ISO extents lie elsewhere behind UDF
# structures of other sizes (the small trees check that placement with
# every reader at every revision), get fewer readers:
#  * wide10k: xorriso, which hashes all 10,240 files in each namespace, and
#    the isoinfo and libcdio listings (13-16 s a bridge with every reader,
#    ~40 s while the 4 GiB trees run beside it);
#  * bigfile: the isoinfo and libcdio listings, which sum a multi-extent
#    file's extents for its size: a content-reading reader hashes 4 GiB per
#    namespace (xorriso ~18 s for the three, bsdtar ~40 s, pycdlib ~30 s;
#    25-80 s a bridge with every reader, measured).
ISO_FULL_ONLY_AT = {"wide10k": (("2.01", "2.60"), "xorriso,isoinfo,libcdio"),
                    "bigfile": (("2.01", "2.50"), "isoinfo,libcdio")}


# The readers' copies of a tree (7z, libudfread, imapi, check_image.py's
# extractions) go to tmpfs when the tree holds little data and fits there:
# 10,240 files extracted and removed three times an image cost 0.3 s each
# there but 4.5 s on this ext4 disk once its journal is busy (measured; ~10 s
# beside the 4 GiB trees). Other trees (bigfile) use the work directory.
SHM = "/dev/shm"
SHM_MAX_BYTES = 256 << 20


def run(cmd, timeout=3600, env=ENV):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def sparse_copy(cmd, path):
    """Runs cmd, storing its standard output in path with zero chunks as holes."""
    zero = bytes(ml.CHUNK)
    with open(path, "wb") as f, tempfile.TemporaryFile() as err:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=ENV)
        size = 0
        while True:
            b = p.stdout.read(ml.CHUNK)
            if not b:
                break
            if b != zero[:len(b)]:
                f.seek(size)
                f.write(b)
            size += len(b)
        f.truncate(size)
        rc = p.wait()
        err.seek(0)
        return rc, err.read().decode("utf-8", "replace")


class Cell:
    def __init__(self, tree, revision, form, work):
        self.tree, self.revision, self.form = tree, revision, form
        self.image = os.path.join(work, "%s-%s%s.iso" % (tree, form, revision))
        self.kernel = False

    def __str__(self):
        return "%s %s %s" % (self.tree, self.revision, self.form)


class Matrix:
    def __init__(self, a):
        self.a = a
        self.results = []        # dicts: cell, reader, ok, detail, seconds
        self.sources = {}        # tree -> (directory, manifest, manifest file)

    # ---------------------------------------------------------------- report

    def record(self, cell, reader, ok, detail, seconds):
        self.results.append(dict(tree=cell.tree, revision=cell.revision, form=cell.form, reader=reader,
                                 ok=bool(ok), detail=detail.strip(), seconds=round(seconds, 1)))
        lines = detail.strip().splitlines() or [""]
        if ok:
            lines = lines[:1]
        print("[%s] %s %s (%.1fs)%s" % (cell, "PASS" if ok else "FAIL", reader, seconds,
                                         "".join("\n    " + l for l in lines[:60])), flush=True)

    def captured(self, cell, reader, fn):
        """Runs a check_udf check (it prints its verdict) and records it."""
        t0 = time.time()
        buf = io.StringIO()
        try:
            with contextlib.redirect_stdout(buf):
                ok = fn()
        except Exception as e:  # noqa: BLE001 - a checker error must not pass
            ok = False
            buf.write("checker error: %s: %s" % (type(e).__name__, e))
        self.record(cell, reader, ok, buf.getvalue(), time.time() - t0)
        return ok

    # ---------------------------------------------------------------- steps

    def source(self, tree):
        if tree not in self.sources:
            d = os.path.join(self.a.work, "tree-" + tree)
            rc, out = run([PY, os.path.join(HERE, "make_tree.py"), "--force", tree, d])
            if rc != 0:
                raise SystemExit("udf_matrix: make_tree %s failed:\n%s" % (tree, out))
            m = ml.manifest_from_dir(d)
            path = os.path.join(self.a.work, "tree-%s.manifest.json" % tree)
            with open(path, "w", encoding="ascii") as f:
                f.write(ml.dumps(m))
            self.sources[tree] = (d, m, path)
        return self.sources[tree]

    def master(self, cell):
        d, m, _ = self.source(cell.tree)
        t0 = time.time()
        if os.path.exists(cell.image):
            os.remove(cell.image)
        args = ["mkiso", "--fs", "udf" if cell.form == "udf" else BRIDGE_FS, "--udf-revision", cell.revision,
                "--volume", LABEL, "--iso-level", "3", d]
        if any(e["type"] == "f" and e["size"] >= ml.BIG_FILE for e in m["entries"]):
            # A tree with a 4 GiB sparse file: the image goes to standard output
            # (the same bytes, -o -) and is stored sparse, its zero blocks as
            # holes, so a dozen 4 GiB images cost no 50 GiB of disk writes
            # (the kernel's writeback throttling then stalls everything else).
            rc, out = sparse_copy([self.a.imapi] + args[:1] + ["-o", "-"] + args[1:], cell.image)
        else:
            rc, out = run([self.a.imapi] + args[:1] + ["-o", cell.image] + args[1:])
        ok = rc == 0 and os.path.isfile(cell.image)
        self.record(cell, "mkiso", ok, "%d bytes" % os.path.getsize(cell.image) if ok
                    else "exit %d\n%s" % (rc, out[-3000:]), time.time() - t0)
        return ok

    def scratch(self, m):
        """tmpfs when the tree is small and two copies of it fit there four
        times over (a container's /dev/shm may hold 64 MiB only)."""
        pages = sum(4096 + -(-(e.get("size") or 0) // 4096) * 4096 for e in m["entries"])
        try:
            st = os.statvfs(SHM)
            free = st.f_bavail * st.f_frsize
        except OSError:
            return self.a.work
        if pages <= SHM_MAX_BYTES and 8 * pages <= free and os.access(SHM, os.W_OK):
            return SHM
        return self.a.work

    def host_checks(self, cell):
        d, m, mpath = self.source(cell.tree)
        has_links = any(e["type"] == "l" for e in m["entries"])
        scratch = self.scratch(m)
        work = tempfile.mkdtemp(prefix="udf-matrix-", dir=scratch)
        try:
            self.captured(cell, "udfinfo", lambda: check_udf.check_udfinfo(cell.image, cell.revision, LABEL))
            self.captured(cell, "7z", lambda: check_udf.check_7z(cell.image, m, has_links, work, d))
            shutil.rmtree(os.path.join(work, "7z"), ignore_errors=True)
            self.captured(cell, "libudfread",
                          lambda: check_udf.check_udfread(self.a.udfread, cell.image, m, work, d))
            shutil.rmtree(os.path.join(work, "udfread"), ignore_errors=True)
            self.captured(cell, "imapi", lambda: check_udf.check_imapi(self.a.imapi, cell.image, m, work, d))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if cell.form == "bridge":
            readers = ISO_READERS
            full_at, light = ISO_FULL_ONLY_AT.get(cell.tree, (REVISIONS, None))
            if cell.revision not in full_at:
                readers = light
            if cell.revision in METADATA_PARTITION:
                readers = readers.replace(",pycdlib", "")
            cmd = [PY, os.path.join(HERE, "check_image.py"), "--image", cell.image, "--source", mpath,
                   "--expect", "iso9660,joliet,rockridge", "--readers", readers, "--relocation", "none"]
            if cell.tree in ISO_PER_FILE_MAX:
                cmd += ["--per-file-max", str(ISO_PER_FILE_MAX[cell.tree])]
            self.check_image(cell, "iso (%s)" % readers, cmd, scratch)

    def check_image(self, cell, reader, cmd, scratch=None):
        t0 = time.time()
        rc, out = run(cmd, env=dict(ENV, TMPDIR=scratch or self.a.work))
        ok = rc == 0 and "RESULT: PASS" in out
        detail = out if not ok else next((l for l in out.splitlines() if l.startswith("RESULT:")), "")
        if not ok:   # the failing checks first, then the whole report
            detail = "\n".join([l for l in out.splitlines() if l.startswith("[FAIL]")] + [out[-4000:]])
        self.record(cell, reader, ok, detail, time.time() - t0)

    def iso_kernel_opts(self, cell):
        return ISO_KERNEL_OPTS.get(cell.tree, ISO_KERNEL_OPTS_DEFAULT)

    def budget(self, cell, mounts):
        """Seconds the guest may take for one image: per mount 10 s, hashing
        the whole image at 25 MB/s, and the quadratic name lookups (3 s per
        (entries of the largest directory / 1000)^2, ~3x what was measured)."""
        entries = self.source(cell.tree)[1]["entries"]
        per_dir = {}
        for e in entries:
            parent = e["path"].rpartition("/")[0]
            per_dir[parent] = per_dir.get(parent, 0) + 1
        widest = max(per_dir.values() or [0])
        return mounts * (10 + os.path.getsize(cell.image) / 25e6 + 3 * (widest / 1000) ** 2)

    def start_kernel(self, cells):
        plan = {"images": []}
        for c in cells:
            mounts = [{"fstype": "udf", "opts": ""}]
            if c.form == "bridge":
                mounts += [{"fstype": "iso9660", "opts": o} for o in self.iso_kernel_opts(c)]
            plan["images"].append({"image": c.image, "mounts": mounts,
                                   "seconds": round(self.budget(c, len(mounts)))})
        self.plan_path = os.path.join(self.a.work, "kernel-plan.json")
        self.kernel_out = os.path.join(self.a.work, "kernel-result.json")
        with open(self.plan_path, "w") as f:
            json.dump(plan, f, indent=1)
        if os.path.exists(self.kernel_out):
            os.remove(self.kernel_out)
        self.kernel_log = open(os.path.join(self.a.work, "kernel.log"), "w+")
        # One vCPU: the other readers run beside it on the host's other core.
        self.kernel_t0 = time.time()
        self.kernel_proc = subprocess.Popen(
            [PY, os.path.join(HERE, "kernel_manifest.py"), "--plan", self.plan_path, "--out", self.kernel_out,
             "--smp", "1", "--console-log", os.path.join(self.a.work, "kernel.console")],
            stdout=subprocess.DEVNULL, stderr=self.kernel_log, env=ENV)

    def finish_kernel(self, cells):
        rc = self.kernel_proc.wait()
        seconds = time.time() - self.kernel_t0
        self.kernel_log.seek(0)
        log = self.kernel_log.read()
        self.kernel_log.close()
        print("kernel: %d image(s) in %.1fs (kernel_manifest.py exit %d)\n    %s"
              % (len(cells), seconds, rc, "\n    ".join(log.strip().splitlines()[-4:])), flush=True)
        images = []
        if os.path.exists(self.kernel_out):
            with open(self.kernel_out) as f:
                res = json.load(f)
            images = res["images"]
        for i, c in enumerate(cells):
            img = images[i] if i < len(images) else {"error": "kernel_manifest.py exit %d, no result:\n%s"
                                                      % (rc, log[-3000:]), "mounts": []}
            if img.get("error") or not img["mounts"]:
                self.record(c, "kernel-udf", False, "no result: %s" % img.get("error"), seconds)
                continue
            mount = img["mounts"][0]
            self.kernel_udf(c, mount, res)
            if c.form == "bridge":
                one = {"format": res["format"], "kernel": res["kernel"], "accel": res["accel"],
                       "fstype": "iso9660", "image": img["image"], "mounts": img["mounts"][1:]}
                path = os.path.join(self.a.work, "kernel-iso-%d.json" % i)
                with open(path, "w", encoding="ascii") as f:
                    f.write(ml.dumps(one))
                opts = self.iso_kernel_opts(c)
                cmd = [PY, os.path.join(HERE, "check_image.py"), "--image", c.image, "--source",
                       self.source(c.tree)[2], "--expect", "iso9660,joliet,rockridge", "--readers", "",
                       "--relocation", "none", "--kernel", "--kernel-json", path] + ["--kernel-opts=" + o for o in opts]
                self.check_image(c, "kernel-iso (%s)" % ", ".join("-o " + (o or "defaults") for o in opts), cmd)
                os.remove(path)

    def kernel_udf(self, c, mount, res):
        label = "kernel-udf (%s, %s)" % (res.get("kernel", "?"), mount["options"])
        if not mount["ok"]:
            self.record(c, label, False, "%s\n%s" % (mount.get("error"), mount.get("dmesg", "")[-2000:]), 0)
            return
        m = self.source(c.tree)[1]
        self.captured(c, label, lambda: check_udf.compare("kernel udf", m, mount["manifest"],
                                                          ("type", "mode", "size", "hash", "target")))

    # ---------------------------------------------------------------- the run

    def run(self):
        a = self.a
        cells = [Cell(t, r, f, a.work) for t in a.trees for r in a.revisions for f in a.forms]
        for c in cells:
            if a.kernel == "all":
                c.kernel = True
            elif a.kernel == "subset":
                c.kernel = (c.revision, c.form) in KERNEL_CELLS[c.tree] if c.tree in KERNEL_CELLS else True
        t0 = time.time()
        # The kernel's images first, so its boot runs while the rest is checked.
        kcells = [c for c in cells if c.kernel and self.master(c)]
        if kcells:
            self.start_kernel(kcells)
        for c in cells:
            if c.kernel and c not in kcells:
                continue                            # its mastering failed (recorded)
            if not c.kernel and not self.master(c):
                continue
            self.host_checks(c)
            if not c.kernel and not a.keep:
                os.remove(c.image)
        if kcells:
            self.finish_kernel(kcells)
            if not a.keep:
                for c in kcells:
                    os.remove(c.image)
        return self.summary(cells, time.time() - t0)

    def summary(self, cells, seconds):
        print("\nUDF matrix: %d cells, %d checks in %.1fs" % (len(cells), len(self.results), seconds))
        by_cell = {}
        for r in self.results:
            by_cell.setdefault((r["tree"], r["revision"], r["form"]), []).append(r)
        print("%-10s %-5s %-7s %s" % ("tree", "rev", "form", "readers (+ passed, - failed)"))
        for c in cells:
            rs = by_cell.get((c.tree, c.revision, c.form), [])
            print("%-10s %-5s %-7s %s" % (c.tree, c.revision, c.form,
                                          " ".join(("+" if r["ok"] else "-") + r["reader"].split(" ")[0]
                                                   for r in rs)))
        fails = [r for r in self.results if not r["ok"]]
        for r in fails:
            lines = [l.strip() for l in r["detail"].splitlines() if l.strip()] or [""]
            at = next((i for i, l in enumerate(lines)
                       if l.startswith(("FAIL", "[FAIL]", "reader failed", "checker error"))), 0)
            why = " | ".join(lines[at:at + 2])   # the verdict and its first difference
            print("FAILED: tree=%s revision=%s form=%s reader=%s: %s"
                  % (r["tree"], r["revision"], r["form"], r["reader"], why[:500]))
        if self.a.json:
            with open(self.a.json, "w") as f:
                json.dump({"seconds": round(seconds, 1), "results": self.results}, f, indent=1)
        ok = bool(self.results) and not fails
        print("RESULT: %s" % ("PASS" if ok else "FAIL"))
        return 0 if ok else 1


def csv(choices):
    def parse(s):
        items = [x for x in s.split(",") if x]
        bad = [x for x in items if x not in choices]
        if bad or not items:
            raise argparse.ArgumentTypeError("choose among %s" % ",".join(choices))
        return items
    return parse


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("\n\n", 1)[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--imapi", required=True, help="the imapi CLI (masters, and reads back)")
    ap.add_argument("--udfread", required=True, help="the udfread_extract program")
    ap.add_argument("--work", required=True, help="directory for trees and images")
    ap.add_argument("--trees", type=csv(TREES), default=list(TREES))
    ap.add_argument("--revisions", type=csv(REVISIONS), default=list(REVISIONS))
    ap.add_argument("--forms", type=csv(FORMS), default=list(FORMS))
    ap.add_argument("--kernel", choices=("subset", "all", "none"), default="subset",
                    help="which cells the kernel mounts: subset (KERNEL_CELLS; the default), all, none")
    ap.add_argument("--keep", action="store_true", help="keep the images")
    ap.add_argument("--json", help="write every check's result here")
    a = ap.parse_args(argv)
    a.work = os.path.abspath(a.work)
    os.makedirs(a.work, exist_ok=True)
    return Matrix(a).run()


if __name__ == "__main__":
    sys.exit(main())
