"""Shared code for the libimapi conformance tools: the manifest format.

A manifest describes one directory tree as one reader sees it:

    {
      "format":  "libimapi-manifest/1",
      "hash":    "md5",                # algorithm of every "hash" field
      "reader":  "source" | "kernel" | ...,
      "options": "ro,norock,...",      # kernel only: the mount options
      "entries": [                     # sorted by the UTF-8 bytes of "path"
        {"path": "dir",          "type": "d", "mode": "0755"},
        {"path": "dir/file.txt", "type": "f", "mode": "0644",
         "size": 12, "hash": "<hex digest>"},
        {"path": "link",         "type": "l", "mode": "0777",
         "target": "dir/file.txt"}
      ]
    }

* "path" is relative to the tree root, '/'-separated, without a leading "./";
  the root itself is not listed.  Paths are the exact bytes the reader gave,
  decoded as UTF-8; bytes that are not valid UTF-8 are kept with Python's
  "surrogateescape" (U+DC80..U+DCFF) so nothing is lost.  JSON is written with
  ensure_ascii, so the file itself is pure ASCII.
* "type": f = regular file, d = directory, l = symbolic link, o = other
  (device, fifo, socket: reported, never expected).
* "mode": permission bits (mode & 0o7777) as 4 octal digits.
* "size"/"hash": regular files only; "target": symbolic links only.
* "mtime" (integer seconds since the epoch) is present when the reader
  reports it; comparisons ignore it unless asked to.

The hash algorithm is MD5.  It is not used for security, only to detect any
difference in content, and it is the fastest of busybox's digests inside the
TCG-emulated guest that kernel_manifest.py boots (measured figures are in
kernel_manifest.py).
"""

import hashlib
import json
import os
import stat

FORMAT = "libimapi-manifest/1"
HASH_ALGO = "md5"
CHUNK = 1 << 20


def new_hash():
    return hashlib.new(HASH_ALGO)


def fs_decode(b):
    """bytes -> str, exactly reversible (surrogateescape)."""
    return b.decode("utf-8", "surrogateescape")


def fs_encode(s):
    return s.encode("utf-8", "surrogateescape")


def path_sort_key(p):
    return fs_encode(p)


class HashWriter:
    """File-like sink that hashes and counts whatever is written to it."""

    def __init__(self):
        self.h = new_hash()
        self.size = 0

    def write(self, data):
        self.h.update(data)
        self.size += len(data)
        return len(data)

    def flush(self):
        pass

    def hexdigest(self):
        return self.h.hexdigest()


def hash_stream(fp, limit=None):
    """Hash fp until EOF (or `limit` bytes). Returns (size, hexdigest)."""
    h = new_hash()
    n = 0
    while True:
        want = CHUNK if limit is None else min(CHUNK, limit - n)
        if want <= 0:
            break
        b = fp.read(want)
        if not b:
            break
        h.update(b)
        n += len(b)
    return n, h.hexdigest()


_ZERO = bytes(CHUNK)


def hash_file(path):
    """Hash a host file; holes of sparse files are fed as zeros without reading."""
    h = new_hash()
    n = 0
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        pos = 0
        while pos < size:
            try:
                data_start = os.lseek(fd, pos, os.SEEK_DATA)
            except OSError:          # no more data: the rest is a hole
                data_start = size
            while pos < data_start:  # hole
                k = min(CHUNK, data_start - pos)
                h.update(_ZERO[:k])
                pos += k
            if pos >= size:
                break
            try:
                hole = os.lseek(fd, pos, os.SEEK_HOLE)
            except OSError:
                hole = size
            os.lseek(fd, pos, os.SEEK_SET)
            while pos < hole:
                b = os.read(fd, min(CHUNK, hole - pos))
                if not b:
                    raise IOError("%s: short read at %d" % (path, pos))
                h.update(b)
                pos += len(b)
        n = pos
    finally:
        os.close(fd)
    return n, h.hexdigest()


# Files at least this big are compared with the source byte for byte instead
# of hashed, when a reference tree is given (see manifest_from_dir).
BIG_FILE = 64 << 20


def _data_ranges(fd, size):
    """[(start, end)] of the regions of fd that hold data (the rest are holes)."""
    out = []
    pos = 0
    while pos < size:
        try:
            start = os.lseek(fd, pos, os.SEEK_DATA)
        except OSError:          # no more data
            break
        try:
            end = os.lseek(fd, start, os.SEEK_HOLE)
        except OSError:
            end = size
        out.append((start, min(end, size)))
        pos = end
    return out


def _merge(ranges):
    out = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _read(fd, ranges, pos, n):
    """n bytes at pos, holes (what ranges leave out) as zeros, without reading them."""
    parts = [(max(s, pos), min(e, pos + n)) for s, e in ranges if s < pos + n and e > pos]
    if not parts:
        return _ZERO[:n]
    if parts == [(pos, pos + n)]:
        return os.pread(fd, n, pos)
    buf = bytearray(n)
    for lo, hi in parts:
        buf[lo - pos:hi - pos] = os.pread(fd, hi - lo, lo)
    return bytes(buf)


def _first_mismatch(a, b, base):
    return base + next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))


def first_difference(path_a, path_b):
    """None when the two files hold the same bytes, else the first offset
    where they differ (or the shorter size). Holes read as zeros and are not
    read: comparing a 4 GiB sparse file with a sparse copy costs next to
    nothing, with a full copy one read of the copy."""
    fa = os.open(path_a, os.O_RDONLY)
    try:
        fb = os.open(path_b, os.O_RDONLY)
        try:
            size_a, size_b = os.fstat(fa).st_size, os.fstat(fb).st_size
            size = min(size_a, size_b)
            ra, rb = _data_ranges(fa, size), _data_ranges(fb, size)
            for start, end in _merge(ra + rb):
                pos = start
                while pos < end:
                    n = min(CHUNK, end - pos)
                    a, b = _read(fa, ra, pos, n), _read(fb, rb, pos, n)
                    if a != b:
                        return _first_mismatch(a, b, pos)
                    pos += n
            return None if size_a == size_b else size
        finally:
            os.close(fb)
    finally:
        os.close(fa)


def stream_first_difference(fp, path):
    """Like first_difference, for a stream (a pipe) against a file; returns
    (first differing offset or None, bytes read from the stream)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        ranges = _data_ranges(fd, size)
        pos = 0
        diff = None
        while True:
            b = fp.read(CHUNK)
            if not b:
                break
            if diff is None:
                want = _read(fd, ranges, pos, min(len(b), max(0, size - pos)))
                if b != want:
                    diff = _first_mismatch(b, want, pos)
            pos += len(b)
        if diff is None and pos != size:
            diff = min(pos, size)
        return diff, pos
    finally:
        os.close(fd)


def entry(path, typ, mode, size=None, digest=None, target=None, mtime=None):
    e = {"path": path, "type": typ, "mode": "%04o" % (mode & 0o7777)}
    if typ == "f":
        e["size"] = size
        e["hash"] = digest
    if typ == "l":
        e["target"] = target
    if mtime is not None:
        e["mtime"] = int(mtime)
    return e


def type_of_mode(m):
    if stat.S_ISREG(m):
        return "f"
    if stat.S_ISDIR(m):
        return "d"
    if stat.S_ISLNK(m):
        return "l"
    return "o"


def manifest_from_dir(root, reader="source", reference=None):
    """Walk a host directory (never following symlinks) into a manifest.

    reference: (source directory, its manifest). A regular file of at least
    BIG_FILE bytes whose size is the source file's is then compared with it
    byte for byte (first_difference) instead of hashed: when the bytes are
    the same it gets the source's digest (the digest of the same bytes), else
    "differs at byte N". A reader's copy of a 4 GiB file is so checked
    exactly, without hashing 4 GiB once per reader."""
    ref = {}
    if reference:
        ref_root, ref_m = reference
        ref = {e["path"]: (os.path.join(ref_root, e["path"]), e) for e in ref_m["entries"] if e["type"] == "f"}
    root_b = fs_encode(os.path.abspath(root))
    entries = []
    stack = [b""]
    while stack:
        rel = stack.pop()
        d = os.path.join(root_b, rel) if rel else root_b
        with os.scandir(d) as it:
            for de in it:
                relp = (rel + b"/" + de.name) if rel else de.name
                st = de.stat(follow_symlinks=False)
                t = type_of_mode(st.st_mode)
                ps = fs_decode(relp)
                if t == "f" and ps in ref and st.st_size >= BIG_FILE and st.st_size == ref[ps][1]["size"]:
                    at = first_difference(ref[ps][0], os.path.join(root_b, relp))
                    dg = ref[ps][1]["hash"] if at is None else "differs at byte %d" % at
                    entries.append(entry(ps, t, st.st_mode, st.st_size, dg, mtime=st.st_mtime))
                elif t == "f":
                    size, dg = hash_file(os.path.join(root_b, relp))
                    entries.append(entry(ps, t, st.st_mode, size, dg, mtime=st.st_mtime))
                elif t == "l":
                    entries.append(entry(ps, t, st.st_mode,
                                         target=fs_decode(os.readlink(os.path.join(root_b, relp))),
                                         mtime=st.st_mtime))
                else:
                    entries.append(entry(ps, t, st.st_mode, mtime=st.st_mtime))
                    if t == "d":
                        stack.append(relp)
    return make_manifest(entries, reader)


def make_manifest(entries, reader, **extra):
    entries = sorted(entries, key=lambda e: path_sort_key(e["path"]))
    m = {"format": FORMAT, "hash": HASH_ALGO, "reader": reader}
    m.update(extra)
    m["entries"] = entries
    return m


def dumps(obj):
    return json.dumps(obj, indent=1, sort_keys=False, ensure_ascii=True) + "\n"


def load(path):
    with open(path, "r", encoding="ascii") as f:
        return json.load(f)
