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


def manifest_from_dir(root, reader="source"):
    """Walk a host directory (never following symlinks) into a manifest."""
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
                if t == "f":
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
