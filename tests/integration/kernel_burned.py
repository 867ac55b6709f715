#!/usr/bin/python3
"""The Linux kernel as the reader of the discs `imapi burn` made (imapi_burn.sh).

    kernel_burned.py LIST [--out REPORT.json]

LIST has one line per burned disc, tab-separated:
    NAME  DISC_IMAGE  FSTYPE  MOUNT_OPTIONS  SOURCE_DIR
(MOUNT_OPTIONS: "sbsector=N" for the newest session of a multi-session
sequential disc, "session=N" for udf (N the session's start block, as the
kernel's udf driver takes it), or empty). Lines naming the same disc image
become mounts of that one disk. All discs are mounted in ONE QEMU boot
(kernel_manifest.py --plan); each mount's manifest must equal the source
directory's: the same paths, types, sizes and content hashes.
Exit 0 when every disc matches, 1 when one does not (each difference is
printed), 2 on usage errors, 3 when the boot failed.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.join(HERE, "..", "conformance", "tools")
sys.path.insert(0, TOOLS)
import manifest_lib  # noqa: E402


def comparable(manifest):
    return {e["path"]: (e["type"], e.get("size"), e.get("hash"), e.get("target")) for e in manifest["entries"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("list")
    ap.add_argument("--out")
    a = ap.parse_args()
    discs = []
    with open(a.list, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            name, image, fstype, opts, source = line.rstrip("\n").split("\t")
            discs.append({"name": name, "image": image, "fstype": fstype, "opts": opts, "source": source})
    if not discs:
        print("kernel_burned: the list is empty: no imapi burn test left a disc")
        return 2
    images = {}  # disc image -> its lines, in order: the mounts of one disk
    for d in discs:
        d["index"] = len(images.setdefault(os.path.abspath(d["image"]), []))
        images[os.path.abspath(d["image"])].append(d)
    plan = {"images": [{"image": image, "mounts": [{"fstype": d["fstype"], "opts": d["opts"]} for d in lines]}
                       for image, lines in images.items()]}
    with tempfile.TemporaryDirectory() as tmp:
        plan_path = os.path.join(tmp, "plan.json")
        out_path = os.path.join(tmp, "kernel.json")
        with open(plan_path, "w") as f:
            json.dump(plan, f)
        r = subprocess.run(["/usr/bin/python3", os.path.join(TOOLS, "kernel_manifest.py"), "--plan", plan_path,
                            "--out", out_path])
        if not os.path.exists(out_path):
            print(f"kernel_burned: kernel_manifest.py wrote no report (exit {r.returncode})")
            return 3
        report = json.load(open(out_path))
    if a.out:
        with open(a.out, "w") as f:
            json.dump(report, f, indent=1)
    by_image = {os.path.abspath(i["image"]): i for i in report["images"]}
    failed = False
    for d in discs:
        got = by_image.get(os.path.abspath(d["image"]))
        mounts = got.get("mounts", []) if got else []
        mount = mounts[d["index"]] if d["index"] < len(mounts) else None
        if not mount or not mount.get("ok"):
            why = (got or {}).get("error") or (mount.get("error") if mount else "no result")
            print(f"FAIL {d['name']}: the kernel did not mount {d['fstype']} ({d['opts'] or 'defaults'}): {why}")
            failed = True
            continue
        want = comparable(manifest_lib.manifest_from_dir(d["source"]))
        have = comparable(mount["manifest"])
        diffs = [p for p in sorted(set(want) | set(have)) if want.get(p) != have.get(p)]
        for p in diffs[:20]:
            print(f"FAIL {d['name']}: {p}: source {want.get(p)}, kernel {have.get(p)}")
        if diffs:
            failed = True
        else:
            print(f"ok {d['name']}: {len(want)} entries as the kernel's {d['fstype']} "
                  f"({d['opts'] or 'default options'}) reads them")
    if r.returncode == 3:
        return 3
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
