#!/usr/bin/python3
"""Use the Linux kernel (Debian's own, booted in QEMU) as an independent
ISO 9660 / Joliet / Rock Ridge / UDF reader.

    kernel_manifest.py --image IMG [--image IMG]... [--fstype iso9660|udf]
                       [--opts OPTS]... [--out FILE] [--cache DIR]
    kernel_manifest.py --plan PLAN.json [--out FILE] ...

In ONE boot, the guest mounts each image (a read-only virtio disk) once per
--opts value, writes a manifest of the mounted tree, unmounts, and at the
end powers off.  Each --opts is a comma list of extra mount options, e.g.
--opts "" --opts norock --opts nojoliet --opts norock,nojoliet.  "ro" is
always added, and for iso9660 and udf "iocharset=utf8" too (so Joliet names
come out as UTF-8), unless the option set already names an iocharset.
Without any --opts, one mount with the default options is done.

--plan gives each image its own mounts, of either file system (a bridge:
udf, then iso9660 with several option sets), and optionally its time
budget in seconds:
    {"images": [{"image": "a.iso", "mounts": [{"fstype": "udf", "opts": ""},
                                              {"fstype": "iso9660", "opts": "norock"}],
                 "seconds": 120}, ...]}
A boot takes up to 96 images (see MAX_IMAGES_PER_BOOT); more are split over
as few boots as that allows (--max-per-boot lowers it).

Output (stdout, or --out FILE): JSON
    {"format": "libimapi-kernel-manifests/1", "kernel": "6.1.0-...",
     "accel": "kvm"|"tcg", "seconds": 12.3, "boots": [12.3],
     "images": [{"image": "/abs/a.iso",
                 "mounts": [ {"fstype": "udf", "options": "ro,iocharset=utf8", "ok": true,
                              "manifest": {<libimapi-manifest/1, see manifest_lib.py>}},
                             {"fstype": "iso9660", "options": "...", "ok": false,
                              "error": "mount: ...", "dmesg": "..."} ]},
                {"image": "/abs/b.iso", "error": "why the guest said nothing", "mounts": []}]}
With a single --image (and no --plan) the image's "mounts" and "fstype" and
"image" are also at the top level, as they were before several images could
share a boot.
Exit status: 0 when the guest ran to completion (even if a mount failed:
that is reported in "ok"/"error"), 1 when a mount failed and --strict is
given, 2 on usage errors, 3 when a boot failed or timed out, or the guest
reported nothing for an image (the JSON is still written, with "error" on
each image concerned).

How it works
  * The initramfs (cpio "newc", uncompressed) holds busybox-static, the
    modules virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev
    virtio_pci virtio_blk cdrom crc-itu-t isofs udf nls_utf8 (whichever of
    them exist as modules; dependencies and their order come from
    modules.dep; .ko.xz/.ko.zst/.ko.gz are decompressed) and /init.  It does
    not depend on the image or the options (those travel on the kernel
    command line), so it is built once and cached in --cache (default
    /tmp/libimapi-kernel-cache-UID), keyed by a hash of its contents.
  * Every disk is a virtio-blk device named by its serial: "out", a sparse
    scratch file, and img0, img1, ... the images (read-only), eight to a
    PCI slot as functions of multifunction devices.  The guest finds them
    by /sys/block/vd*/serial, so names and probe order do not matter.
  * The plan (per image: serial, file system and hex-encoded options of each
    mount) travels in the first MiB of the result disk: the kernel command
    line (2 KiB) cannot hold the options of dozens of images.
  * The guest's results travel over the result disk, each image's in its
    own area as soon as that image is done, with an index at the start
    written last; not over the serial console: kernel messages printed
    on the console can interleave with the output, the tty layer rewrites
    bytes, and a disk is byte-exact and faster.  Paths, stat lines, digests
    and symlink targets are hex-encoded (xxd -p) inside the guest, so names
    survive byte for byte whatever they contain.
  * The console (ttyS0) still shows progress markers (@@IMAPI ...), kept
    for diagnostics (--console-log FILE).
  * QEMU uses KVM when /dev/kvm can be opened, TCG otherwise (--accel).

Hash speed inside the guest (busybox 1.35 applets, 1.1 GB random file on
the virtio disk, Debian 6.1 kernel, TCG on this 2-core AMD EPYC host,
--smp 1; reproduce with --bench-hash):
    md5sum 11.8 s (93 MB/s), crc32 10.6 s, sha256sum 18.4 s, sha1sum 22.4 s,
    plain read (cat > /dev/null) 2.4 s; busybox-static has no cksum applet.
Hashing, not I/O, dominates, and md5sum is within 10% of crc32 (which is not
a real content hash) and 1.6x faster than sha256sum: MD5 is the manifest
hash.  A 4 GiB file therefore costs about 47 s per mount option set under
TCG.  With --smp 2 (default on a 2-core host) the guest runs two hashers
over different files (it cannot split one file).
Huge directories: the kernel looks each name up by scanning its directory
from the start (udf_find_entry, isofs_find_entry), so listing a directory
of n entries costs O(n^2): 10,240 files in one directory took 89 s per udf
mount and 35 s per isofs mount under TCG (the first find; the later passes
hit the dentry cache).

KVM: used when /dev/kvm opens AND a probe boot succeeds (the probe result
is cached in --cache, per host boot).  On this development host /dev/kvm
exists but is nested and cannot boot the kernel (QEMU asserts on MSR 0x10a
with -cpu host, hangs silently with the default CPU), hence the probe.
"""

import argparse
import binascii
import glob
import gzip
import hashlib
import json
import lzma
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True      # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import manifest_lib as ml  # noqa: E402

WANTED_MODULES = ["virtio_ring", "virtio", "virtio_pci_legacy_dev", "virtio_pci_modern_dev",
                  "virtio_pci", "virtio_blk", "cdrom", "crc-itu-t", "isofs", "udf", "nls_utf8"]
BUSYBOX = "/bin/busybox"
OUT_DISK_SIZE = 8 << 30      # sparse: only what the guest writes takes space
INITRD_VERSION = "5"   # bump when the layout or /init changes

GUEST_HASHES = {"md5": "md5sum", "sha1": "sha1sum", "sha256": "sha256sum"}

# /init runs in the guest (busybox ash).  Parameters arrive as environment
# variables from the kernel command line (IMAPI_*=...; values hex-encoded so
# any character survives).
INIT = r"""#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
say() { read up rest < /proc/uptime; echo "@@IMAPI $up $*" > /dev/console; }
unhex() { printf '%s' "$1" | xxd -r -p; }
say boot
for m in $(cat /modules.list); do
  insmod "/lib/modules/$m" 2>/tmp/insmod.err || say "insmod-failed $m $(cat /tmp/insmod.err)"
done
# Every disk is a virtio disk named by its serial: "out" (results, and the
# plan before the guest overwrites it) and img0, img1, ... (the images).
i=0
while [ "$(ls -d /sys/block/vd* 2>/dev/null | wc -l)" -lt "$IMAPI_NDISKS" ] && [ $i -lt 600 ]; do
  sleep 0.1; i=$((i+1))
done
OUTDEV=
for b in /sys/block/vd*; do
  s=$(cat "$b/serial" 2>/dev/null)
  case "$s" in
    out) OUTDEV=/dev/${b##*/} ;;
    img[0-9]*) eval "DEV_$s=/dev/${b##*/}" ;;
  esac
done
if [ -z "$OUTDEV" ]; then say "FATAL no result disk"; poweroff -f; fi
# The plan: one line per image, "imgN fstype:hexopts fstype:hexopts ...".
dd if=$OUTDEV bs=65536 count=16 2>/dev/null | tr -d '\000' > /tmp/plan
HASH=$(unhex "$IMAPI_HASH")
JOBS=${IMAPI_JOBS:-1}
BENCH=$(unhex "$IMAPI_BENCH")
OUT=/tmp/out
rec() { echo "@@$*" >> $OUT; }
hexsec() { xxd -p >> $OUT; echo >> $OUT; }
: > /tmp/index
pos=16                      # in 64 KiB units: results start after the first MiB
exec 3< /tmp/plan
while read -r serial mounts <&3; do
  case "$serial" in img[0-9]*) ;; *) continue ;; esac
  : > $OUT
  rec "IMAGE $serial"
  eval "dev=\$DEV_$serial"
  if [ -z "$dev" ] || [ ! -b "$dev" ]; then
    rec "FATAL no-disk-$serial"
  else
    n=0
    for m in $mounts; do
      FSTYPE=${m%%:*}
      ohex=${m#*:}
      opts=$(unhex "$ohex")
      n=$((n+1))
      say "mount $serial $n $FSTYPE $opts"
      rec "MOUNT $n $ohex $FSTYPE"
      dmesg -c > /dev/null
      if mount -t "$FSTYPE" -o "$opts" "$dev" /mnt 2>/tmp/mount.err; then
        rec "OK"
        cd /mnt
        rec "PATHS"; find . -print0 | hexsec
        say "stat $serial $n"
        rec "STAT"; find . -exec stat -c '%f %s %Y %n' {} + 2>/tmp/stat.err | hexsec
        rec "STATERR"; hexsec < /tmp/stat.err
        rec "LINKS"
        find . -type l -exec sh -c 'for f do printf "%s\0" "$f"; readlink -n "$f"; printf "\0"; done' sh {} + | hexsec
        say "hash $serial $n"
        if [ -n "$BENCH" ]; then
          for h in $BENCH; do
            big=$(find . -type f -size +1000000k | head -n 1)
            read t0 rest < /proc/uptime
            if [ "$h" = cat ]; then cat "$big" > /dev/null; else $h "$big" > /dev/null; fi
            read t1 rest < /proc/uptime
            rec "BENCH $h $t0 $t1"
            say "bench $h $t0 $t1"
          done
        fi
        rec "HASH"
        # JOBS hashers in parallel (xargs -P); each batch writes its own file
        # (named by the PID of its shell) so outputs never interleave.
        rm -rf /tmp/h /tmp/he; mkdir /tmp/h /tmp/he
        find . -type f -print0 | xargs -0 -r -P "$JOBS" -n 64 \
          sh -c '"$0" "$@" > /tmp/h/$$ 2> /tmp/he/$$' "$HASH"
        cat /tmp/h/* 2>/dev/null | hexsec
        rec "HASHERR"; cat /tmp/he/* 2>/dev/null | hexsec
        cd /
        umount /mnt || rec "UMOUNT-FAILED"
      else
        rec "FAIL"; hexsec < /tmp/mount.err
      fi
      rec "DMESG"; dmesg | hexsec
      rec "END $n"
    done
  fi
  rec "DONE"
  # Each image's results go to the result disk as soon as they are complete
  # (the guest's RAM holds one image's at a time).
  sz=$(wc -c < $OUT)
  dd if=$OUT of=$OUTDEV bs=65536 seek=$pos conv=notrunc 2>/dev/null
  echo "$serial $((pos * 65536)) $sz" >> /tmp/index
  pos=$((pos + (sz + 65535) / 65536))
done
say "writing results"
sz=$(wc -c < /tmp/index)
{ printf 'IMAPI-OUT2 %012d\n' "$sz"; cat /tmp/index; } | dd of=$OUTDEV bs=65536 conv=notrunc,fsync 2>/dev/null
sync
say "done"
poweroff -f
"""


def log(msg):
    print("kernel_manifest: " + msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- initramfs

def newest_kernel():
    ks = sorted(glob.glob("/boot/vmlinuz-*"), key=lambda p: [int(x) if x.isdigit() else x
                                                             for x in re.split(r"(\d+)", p)])
    if not ks:
        raise SystemExit("kernel_manifest: no /boot/vmlinuz-* (install linux-image-amd64)")
    return ks[-1]


def kernel_version(vmlinuz):
    v = os.path.basename(vmlinuz)[len("vmlinuz-"):]
    if not os.path.isdir("/lib/modules/" + v):
        raise SystemExit("kernel_manifest: no /lib/modules/%s for %s" % (v, vmlinuz))
    return v


def module_closure(kver, wanted):
    """Module files for `wanted` (those that exist) plus dependencies, in load order."""
    moddir = "/lib/modules/" + kver
    deps = {}
    byname = {}
    with open(os.path.join(moddir, "modules.dep")) as f:
        for line in f:
            if ":" not in line:
                continue
            mod, rest = line.split(":", 1)
            deps[mod] = rest.split()
            name = re.sub(r"\.ko(\.(xz|zst|gz))?$", "", os.path.basename(mod))
            byname[name] = mod
            byname[name.replace("-", "_")] = mod
    builtin = set()
    try:
        with open(os.path.join(moddir, "modules.builtin")) as f:
            for line in f:
                builtin.add(re.sub(r"\.ko$", "", os.path.basename(line.strip())))
    except OSError:
        pass
    order = []
    missing = []

    def visit(mod, stackset):
        if mod in order:
            return
        if mod in stackset:
            raise SystemExit("kernel_manifest: dependency cycle at " + mod)
        stackset.add(mod)
        for d in deps.get(mod, []):
            visit(d, stackset)
        stackset.discard(mod)
        order.append(mod)

    for w in wanted:
        mod = byname.get(w) or byname.get(w.replace("-", "_"))
        if mod is None:
            if w not in builtin and w.replace("-", "_") not in builtin:
                missing.append(w)
            continue
        visit(mod, set())
    return moddir, order, missing


def read_module(path):
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".xz"):
        return lzma.decompress(data)
    if path.endswith(".gz"):
        return gzip.decompress(data)
    if path.endswith(".zst"):
        zstd = shutil.which("zstd")
        if not zstd:
            raise SystemExit("kernel_manifest: %s is zstd-compressed and zstd is missing" % path)
        return subprocess.run([zstd, "-dc", path], check=True, stdout=subprocess.PIPE).stdout
    return data


class Cpio:
    """Minimal writer for the cpio 'newc' format the kernel unpacks."""

    def __init__(self):
        self.buf = bytearray()
        self.ino = 1

    def _pad(self):
        while len(self.buf) % 4:
            self.buf += b"\0"

    def add(self, name, mode, data=b"", rdev=(0, 0)):
        nameb = name.encode() + b"\0"
        fields = [self.ino, mode, 0, 0, 2 if stat.S_ISDIR(mode) else 1, 0, len(data),
                  0, 0, rdev[0], rdev[1], len(nameb), 0]
        self.ino += 1
        self.buf += b"070701" + b"".join(b"%08X" % v for v in fields)
        self.buf += nameb
        self._pad()
        self.buf += data
        self._pad()

    def dir(self, name, mode=0o755):
        self.add(name, stat.S_IFDIR | mode)

    def file(self, name, data, mode=0o644):
        self.add(name, stat.S_IFREG | mode, data)

    def symlink(self, name, target):
        self.add(name, stat.S_IFLNK | 0o777, target.encode())

    def chardev(self, name, major, minor, mode=0o600):
        self.add(name, stat.S_IFCHR | mode, rdev=(major, minor))

    def finish(self):
        self.add("TRAILER!!!", 0)
        while len(self.buf) % 512:
            self.buf += b"\0"
        return bytes(self.buf)


def build_initrd(kver, cache_dir):
    moddir, mods, missing = module_closure(kver, WANTED_MODULES)
    if missing:
        log("note: modules not found (neither loadable nor built in): " + " ".join(missing))
    if not os.path.exists(BUSYBOX):
        raise SystemExit("kernel_manifest: %s missing (install busybox-static)" % BUSYBOX)
    with open(BUSYBOX, "rb") as f:
        bb = f.read()
    c = Cpio()
    for d in ("bin", "dev", "proc", "sys", "mnt", "tmp", "lib", "lib/modules"):
        c.dir(d)
    c.chardev("dev/console", 5, 1)
    c.chardev("dev/null", 1, 3, 0o666)
    c.file("bin/busybox", bb, 0o755)
    c.symlink("bin/sh", "busybox")
    names = []
    for m in mods:
        data = read_module(os.path.join(moddir, m))
        base = re.sub(r"\.(xz|zst|gz)$", "", os.path.basename(m))
        c.file("lib/modules/" + base, data)
        names.append(base)
    c.file("modules.list", ("\n".join(names) + "\n").encode())
    c.file("init", INIT.encode(), 0o755)
    img = c.finish()
    key = hashlib.sha256(INITRD_VERSION.encode() + kver.encode() + img).hexdigest()[:20]
    os.makedirs(cache_dir, exist_ok=True)
    path = os.path.join(cache_dir, "initrd-%s-%s.cpio" % (kver, key))
    if not os.path.exists(path):
        tmp = path + ".tmp.%d" % os.getpid()
        with open(tmp, "wb") as f:
            f.write(img)
        os.replace(tmp, path)
        log("built %s (%d modules: %s)" % (path, len(names), " ".join(names)))
    return path


# ---------------------------------------------------------------- QEMU

def kvm_usable(kernel, initrd, cache_dir):
    """True when /dev/kvm opens and a probe boot under KVM completes.

    The answer is cached in cache_dir per host boot, kernel and initrd, since
    a failing probe costs its timeout."""
    try:
        fd = os.open("/dev/kvm", os.O_RDWR)
        os.close(fd)
    except OSError:
        return False
    try:
        with open("/proc/sys/kernel/random/boot_id") as f:
            boot = f.read().strip()
    except OSError:
        boot = "unknown"
    key = hashlib.sha256(("%s %s %s" % (boot, kernel, initrd)).encode()).hexdigest()[:16]
    marker = os.path.join(cache_dir, "kvm-probe-" + key)
    try:
        with open(marker) as f:
            return f.read().strip() == "ok"
    except OSError:
        pass
    work = tempfile.mkdtemp(prefix="kprobe-")
    try:
        dummy = os.path.join(work, "dummy.img")
        with open(dummy, "wb") as f:
            f.truncate(1 << 20)
        data, _, elapsed, timed_out, _ = run_guest([(dummy, [("iso9660", "ro")])], kernel, initrd, "kvm",
                                                   1, 1, 20)
        ok = data is not None and not timed_out and b"@@DONE" in b"".join(data.values())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log("KVM probe: %s (%.1fs)" % ("works" if ok else "does not boot the kernel, using TCG", elapsed))
    with open(marker, "w") as f:
        f.write("ok\n" if ok else "bad\n")
    return ok


def hexs(s):
    return binascii.hexlify(s.encode()).decode()


def normalize_opts(fstype, opts):
    parts = [p for p in opts.split(",") if p]
    if "ro" not in parts:
        parts.insert(0, "ro")
    if fstype in ("iso9660", "udf") and not any(p.startswith("iocharset=") or p == "utf8" for p in parts):
        parts.append("iocharset=utf8")
    return ",".join(parts)


# PCI: slot 0 is the host bridge and slot 1 the PIIX3 of QEMU's "pc" machine
# (-nodefaults adds nothing else). The result disk takes slot 2; images are
# packed eight to a slot, as functions of multifunction devices, from slot 3
# on. The PCI bus would hold 232 so, but each virtio disk takes two MSI-X
# vectors of the guest's CPU: with one vCPU the 113th disk's probe fails
# (virtio_blk: probe failed with error -28, measured), so a boot takes at most
# 96 images (12 slots) and more are split over several boots.
FIRST_IMAGE_SLOT = 3
MAX_IMAGES_PER_BOOT = 96
PLAN_BYTES = 1 << 20       # the plan travels in the result disk's first MiB


def image_devices(i, path):
    slot, fn = FIRST_IMAGE_SLOT + i // 8, i % 8
    return ["-drive", "file=%s,if=none,id=img%d,format=raw,readonly=on" % (os.path.abspath(path), i),
            "-device", "virtio-blk-pci,drive=img%d,serial=img%d,addr=0x%x.%d%s"
            % (i, i, slot, fn, ",multifunction=on" if fn == 0 else "")]


def run_guest(jobs_list, kernel, initrd, accel, smp, jobs, timeout, console_log=None, bench=""):
    """Boots once; jobs_list = [(image path, [(fstype, normalized options), ...]), ...].

    Returns ({image index: raw guest output of that image} or None, console
    text, seconds, timed out, QEMU's exit status)."""
    if len(jobs_list) > MAX_IMAGES_PER_BOOT:
        raise ValueError("at most %d images per boot" % MAX_IMAGES_PER_BOOT)
    qemu = shutil.which("qemu-system-x86_64")
    if not qemu:
        raise SystemExit("kernel_manifest: qemu-system-x86_64 missing (install qemu-system-x86)")
    work = tempfile.mkdtemp(prefix="kmanifest-")
    try:
        outdisk = os.path.join(work, "out.img")
        plan = "IMAPI-PLAN\n" + "".join(
            "img%d %s\n" % (i, " ".join("%s:%s" % (fs, hexs(o)) for fs, o in mounts))
            for i, (_, mounts) in enumerate(jobs_list)) + "END\n"
        if len(plan) > PLAN_BYTES:
            raise ValueError("the plan does not fit the result disk's first MiB")
        with open(outdisk, "wb") as f:
            f.write(plan.encode())
            f.truncate(OUT_DISK_SIZE)
        append = ("console=ttyS0 panic=-1 quiet loglevel=3 rdinit=/init "
                  "IMAPI_NDISKS=%d IMAPI_HASH=%s IMAPI_JOBS=%d IMAPI_BENCH=%s"
                  % (len(jobs_list) + 1, hexs(GUEST_HASHES[ml.HASH_ALGO]), jobs, hexs(bench)))
        cmd = [qemu, "-m", "512", "-smp", str(smp), "-nographic", "-no-reboot", "-nodefaults",
               "-serial", "stdio", "-display", "none",
               "-kernel", kernel, "-initrd", initrd, "-append", append,
               "-drive", "file=%s,if=none,id=out,format=raw" % outdisk,
               "-device", "virtio-blk-pci,drive=out,serial=out,addr=0x2"]
        for i, (path, _) in enumerate(jobs_list):
            cmd += image_devices(i, path)
        if accel == "kvm":
            cmd += ["-accel", "kvm"]
        else:
            cmd += ["-accel", "tcg,thread=multi" if smp > 1 else "tcg"]
        t0 = time.time()
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, start_new_session=True)
        try:
            console, _ = p.communicate(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            console, _ = p.communicate()
            timed_out = True
        elapsed = time.time() - t0
        console_text = console.decode("utf-8", "replace")
        if console_log:
            with open(console_log, "w") as f:
                f.write(console_text)
        data = None
        with open(outdisk, "rb") as f:
            m = re.match(rb"IMAPI-OUT2 (\d{12})\n", f.read(24))
            if m:
                data = {}
                for line in f.read(int(m.group(1))).decode().splitlines():
                    serial, offset, size = line.split()
                    f.seek(int(offset))
                    data[int(serial[len("img"):])] = f.read(int(size))
        return data, console_text, elapsed, timed_out, p.returncode
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------- parsing

def parse_output(data):
    """Split one image's guest output into per-mount dicts of raw sections."""
    mounts = []
    cur = None
    sec = None
    lines = data.split(b"\n")
    for line in lines:
        if line.startswith(b"@@"):
            parts = line[2:].split(b" ")
            tag = parts[0].decode()
            if tag == "MOUNT":
                cur = {"n": int(parts[1]), "options": binascii.unhexlify(parts[2]).decode(),
                       "fstype": parts[3].decode() if len(parts) > 3 else "",
                       "sections": {}, "status": None}
                mounts.append(cur)
                sec = None
            elif tag in ("OK", "FAIL"):
                cur["status"] = tag
                sec = tag
                cur["sections"][sec] = []
            elif tag in ("IMAGE", "END", "DONE", "FATAL", "UMOUNT-FAILED"):
                if tag == "UMOUNT-FAILED":
                    cur["umount_failed"] = True
                if tag == "FATAL":
                    raise RuntimeError("guest: " + line.decode("utf-8", "replace"))
                sec = None
            elif tag == "BENCH":
                cur.setdefault("bench", []).append((parts[1].decode(), float(parts[2]),
                                                    float(parts[3])))
            else:
                sec = tag
                cur["sections"][sec] = []
        elif sec is not None and line:
            cur["sections"][sec].append(line)
    for m in mounts:
        m["raw"] = {k: binascii.unhexlify(b"".join(v)) for k, v in m["sections"].items()}
        del m["sections"]
    return mounts


def strip_dot(p):
    if p == b".":
        return None
    if p.startswith(b"./"):
        return p[2:]
    raise ValueError("unexpected path from find: %r" % p)


def build_manifest(m):
    raw = m["raw"]
    paths = [p for p in raw["PATHS"].split(b"\0") if p]
    problems = []
    # STAT: "<rawmode hex> <size> <mtime> <name>\n", in the order of PATHS
    st = raw["STAT"]
    pos = 0
    info = {}
    for p in paths:
        mm = re.compile(rb"([0-9a-f]+) (\d+) (\d+) ").match(st, pos)
        if not mm or st[mm.end():mm.end() + len(p) + 1] != p + b"\n":
            problems.append("stat output out of step at %r" % p)
            break
        info[p] = (int(mm.group(1), 16), int(mm.group(2)), int(mm.group(3)))
        pos = mm.end() + len(p) + 1
    if raw.get("STATERR"):
        problems.append("stat: " + ml.fs_decode(raw["STATERR"]).strip())
    # LINKS: name\0target\0 ...
    lk = raw["LINKS"].split(b"\0")
    targets = {lk[i]: lk[i + 1] for i in range(0, len(lk) - 1, 2)}
    # HASH: "<digest>  <name>\n" (order may differ from PATHS with JOBS > 1)
    hs = raw["HASH"]
    files = [p for p in paths if p in info and stat.S_ISREG(info[p][0])]
    fileset = set(files)
    digests = {}
    pos = 0
    rx = re.compile(rb"([0-9a-f]+)  ")
    while pos < len(hs):
        mm = rx.match(hs, pos)
        if not mm:
            problems.append("hash output unparsable at byte %d" % pos)
            break
        # the name runs to the first "\n" after which the remainder parses,
        # preferring a name we know
        start = mm.end()
        end = hs.find(b"\n", start)
        while end != -1 and hs[start:end] not in fileset:
            end = hs.find(b"\n", end + 1)
        if end == -1:
            problems.append("hash output names an unknown file near byte %d" % pos)
            break
        digests[hs[start:end]] = mm.group(1).decode()
        pos = end + 1
    if raw.get("HASHERR"):
        problems.append("hash: " + ml.fs_decode(raw["HASHERR"]).strip())
    entries = []
    for p in paths:
        rel = strip_dot(p)
        if rel is None:
            continue
        if p not in info:
            problems.append("no stat for %s" % ml.fs_decode(rel))
            continue
        mode, size, mtime = info[p]
        t = ml.type_of_mode(mode)
        if t == "f":
            if p not in digests:
                problems.append("no digest for %s" % ml.fs_decode(rel))
            entries.append(ml.entry(ml.fs_decode(rel), t, mode, size, digests.get(p), mtime=mtime))
        elif t == "l":
            if p not in targets:
                problems.append("no link target for %s" % ml.fs_decode(rel))
            entries.append(ml.entry(ml.fs_decode(rel), t, mode,
                                    target=ml.fs_decode(targets.get(p, b"")), mtime=mtime))
        else:
            entries.append(ml.entry(ml.fs_decode(rel), t, mode, mtime=mtime))
    return entries, problems


def mount_result(m):
    r = {"fstype": m["fstype"], "options": m["options"]}
    if m["status"] == "OK":
        entries, problems = build_manifest(m)
        r["ok"] = not problems
        if problems:
            r["error"] = "; ".join(problems)
        r["manifest"] = ml.make_manifest(entries, "kernel", options=m["options"])
    else:
        r["ok"] = False
        r["error"] = "mount failed: " + ml.fs_decode(m["raw"].get("FAIL", b"")).strip()
    dm = ml.fs_decode(m["raw"].get("DMESG", b"")).strip()
    if dm:
        r["dmesg"] = dm
    if "bench" in m:
        r["bench"] = {h: round(t1 - t0, 2) for h, t0, t1 in m["bench"]}
    return r


def boot_timeout(jobs_list, accel, bench, budgets):
    """120 s, plus per image its budget from the plan or, by default, 30 s and
    the time to hash the whole image at a pessimistic rate per mount. The
    guest runs under TCG, which a busy host slows several times over, and a
    tree of many small files costs a process per file: a CI run with both
    cores taken timed out at 101 s on 4 mounts of 5,000 files, so the per-mount
    allowance is generous; a hang is still caught, minutes later."""
    rate = 300e6 if accel == "kvm" else 25e6     # bytes/s hashed, pessimistic
    t = 120.0
    for path, mounts in jobs_list:
        if budgets.get(path):
            t += budgets[path]
        else:
            t += len(mounts) * (30 + os.path.getsize(path) / rate) * (4 if bench else 1)
    return t


def boot(jobs_list, kernel, initrd, accel, smp, timeout, console_log, bench, budgets):
    """One boot for jobs_list; returns ([per-image result dicts], seconds, error or None)."""
    timeout = timeout or boot_timeout(jobs_list, accel, bench, budgets)
    log("booting %s (%s, smp %d): %d image(s), %d mount(s), timeout %ds"
        % (os.path.basename(kernel), accel, smp, len(jobs_list), sum(len(m) for _, m in jobs_list), timeout))
    # Under TCG on a loaded host the kernel's early timer check can fail before
    # /init runs ("IO-APIC + timer doesn't work"): that says nothing about the
    # images, so such a boot is retried (twice at most).
    for attempt in range(3):
        data, console, elapsed, timed_out, rc = run_guest(
            jobs_list, kernel, initrd, accel, smp, smp, timeout, console_log, bench)
        if data is not None or timed_out or "Kernel panic" not in console or "@@IMAPI" in console:
            break
        log("the guest kernel panicked while booting (attempt %d): retrying" % (attempt + 1))
    tail = "\n".join(console.splitlines()[-25:])
    if timed_out or data is None:
        err = "guest %s after %.1fs (qemu rc %s)" % ("timed out" if timed_out else "produced no result",
                                                     elapsed, rc)
        log("%s; console tail:\n%s" % (err, tail))
        return None, elapsed, err
    results = []
    error = None
    for i, (path, mounts) in enumerate(jobs_list):
        img = {"image": os.path.abspath(path)}
        try:
            if i not in data:
                raise RuntimeError("the guest reported nothing for this image")
            got = parse_output(data[i])
            if len(got) != len(mounts):
                raise RuntimeError("guest reported %d mounts, %d requested" % (len(got), len(mounts)))
            img["mounts"] = [mount_result(m) for m in got]
        except Exception as e:  # noqa: BLE001
            img["error"] = str(e)
            img["mounts"] = []
            error = error or "%s: %s" % (path, e)
            log("%s: %s" % (path, e))
        results.append(img)
    if error:
        log("console tail:\n" + tail)
    return results, elapsed, error


def read_plan(path, fstype, optsets, budgets):
    """[(image, [(fstype, options)])] from a --plan JSON file; each image's
    "seconds" (its time budget, when the plan gives one) goes to budgets."""
    with open(path) as f:
        plan = json.load(f)
    out = []
    for e in plan["images"]:
        if e.get("seconds"):
            budgets[e["image"]] = float(e["seconds"])
        mounts = e.get("mounts") or [{"fstype": fstype, "opts": o} for o in optsets]
        out.append((e["image"], [(m.get("fstype", fstype), normalize_opts(m.get("fstype", fstype), m.get("opts", "")))
                                 for m in mounts]))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("\n\n", 1)[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--image", action="append", default=[],
                    help="image file (raw, read-only); repeat to check several images in one boot")
    ap.add_argument("--plan", help="JSON file {\"images\": [{\"image\": PATH, \"mounts\": "
                    "[{\"fstype\": \"udf\", \"opts\": \"\"}, ...], \"seconds\": BUDGET}, ...]}: "
                    "each image with its own mounts (and, optionally, its time budget)")
    ap.add_argument("--fstype", default="iso9660", choices=["iso9660", "udf"])
    ap.add_argument("--opts", action="append", default=None, metavar="OPTS",
                    help="extra mount options for one mount (repeat for several mounts in one boot)")
    ap.add_argument("--out", help="write JSON here instead of stdout")
    ap.add_argument("--cache", default="/tmp/libimapi-kernel-cache-%d" % os.getuid(),
                    help="where the initramfs is cached (default %(default)s)")
    ap.add_argument("--kernel", help="vmlinuz to boot (default: newest /boot/vmlinuz-*)")
    ap.add_argument("--accel", choices=["auto", "kvm", "tcg"], default="auto")
    ap.add_argument("--smp", type=int, default=0, help="guest CPUs (default: 2 if the host has 2+)")
    ap.add_argument("--timeout", type=float, default=0,
                    help="seconds before QEMU is killed, per boot (default: from image sizes and accel)")
    ap.add_argument("--max-per-boot", type=int, default=MAX_IMAGES_PER_BOOT,
                    help="images per boot (default and most: %(default)s); more are split over boots")
    ap.add_argument("--console-log", help="save the guest console here (of the last boot)")
    ap.add_argument("--strict", action="store_true", help="exit 1 when any mount failed")
    ap.add_argument("--bench-hash", action="store_true",
                    help="time md5sum/sha1sum/sha256sum/crc32/cksum/cat on the first file > 1 GB")
    a = ap.parse_args(argv)

    optsets = a.opts if a.opts is not None else [""]
    budgets = {}
    if a.plan:
        jobs_list = read_plan(a.plan, a.fstype, optsets, budgets)
    else:
        jobs_list = [(img, [(a.fstype, normalize_opts(a.fstype, o)) for o in optsets]) for img in a.image]
    if not jobs_list:
        log("no image: give --image or --plan")
        return 2
    for img, _ in jobs_list:
        if not os.path.isfile(img):
            log("no such image: " + img)
            return 2
    if not 1 <= a.max_per_boot <= MAX_IMAGES_PER_BOOT:
        log("--max-per-boot must be 1..%d" % MAX_IMAGES_PER_BOOT)
        return 2
    kernel = a.kernel or newest_kernel()
    kver = kernel_version(kernel)
    initrd = build_initrd(kver, a.cache)
    accel = a.accel
    if accel == "auto":
        accel = "kvm" if kvm_usable(kernel, initrd, a.cache) else "tcg"
    smp = a.smp or min(2, os.cpu_count() or 1)
    bench = "md5sum sha1sum sha256sum crc32 cksum cat" if a.bench_hash else ""

    images = []
    boots = []
    failed_boot = False
    for k in range(0, len(jobs_list), a.max_per_boot):
        batch = jobs_list[k:k + a.max_per_boot]
        results, elapsed, error = boot(batch, kernel, initrd, accel, smp, a.timeout, a.console_log, bench,
                                       budgets)
        boots.append(round(elapsed, 1))
        if results is None:
            failed_boot = True
            results = [{"image": os.path.abspath(p), "error": error, "mounts": []} for p, _ in batch]
        elif error:
            failed_boot = True
        images += results
    result = {"format": "libimapi-kernel-manifests/1", "kernel": kver, "accel": accel,
              "seconds": round(sum(boots), 1), "boots": boots, "images": images}
    if len(jobs_list) == 1 and not a.plan:
        # The single-image form: its mounts at the top level, as before.
        result.update(fstype=a.fstype, image=images[0]["image"], mounts=images[0]["mounts"])
    any_fail = any(not m["ok"] for img in images for m in img["mounts"])
    text = ml.dumps(result)
    if a.out:
        with open(a.out, "w", encoding="ascii") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    log("done: %d image(s) in %d boot(s), %.1fs" % (len(images), len(boots), sum(boots)))
    if failed_boot:
        return 3
    return 1 if (any_fail and a.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
