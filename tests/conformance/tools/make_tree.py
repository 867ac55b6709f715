#!/usr/bin/python3
"""Create a deterministic source tree for the ISO 9660 / Joliet / Rock Ridge
conformance tests.

    make_tree.py KIND DEST [--force]

KIND is one of:

  deep       directories nested 12 levels, files at depths 0,1,3,7,8,9,10,12
             (depth > 8 forces Rock Ridge deep-directory relocation).
  deep40     directories nested 40 levels (a file every 5 levels and at the
             bottom), plus a branch of 12 levels with one file per level.
  longpath   a file whose path is 1,000 bytes: 10 directories of 90-byte
             names (under 100 bytes, which libcdio lists) and a 90-byte file
             name, with a sibling file at each level.
  wide       5,000 files in one directory, many of which collide once mangled
             to upper-case 8.3 / level-2 names (file_long_name_0001.txt vs
             File_Long_Name_0001.TXT, abcdefgh0001.dat -> ABCDEFGH.DAT ...),
             plus a few files elsewhere.
  wide10k    the same kinds of names, 10,240 files in one directory.
  unicode    Cyrillic, Greek, CJK, Hangul, Hebrew, non-BMP (emoji, math
             letters), NFC vs NFD, names with spaces; files and directories.
  longnames  names of 200-250 bytes (ASCII, 2-, 3- and 4-byte UTF-8), files
             and directories, siblings sharing a long common prefix.
  mixed      empty files, an empty directory, a relative symlink to a file,
             a symlink to a directory, a symlink going up (..), modes 0755,
             0600 and 0750, nested directories.
  bigfile    a sparse file of 4 GiB + 12345 bytes with non-zero bytes at
             offsets 0, 2^32-1, 2^32 and at the end, plus one small file.
  big4g1     the same with a file of 4 GiB + 1 byte: its one byte past
             4 GiB (offset 2^32) is the end (issue 11's BD-R burn).

Contents are derived from a fixed seed and the file's path (SHA-256 in
counter mode), so every run produces byte-identical trees. Every entry
(files, directories, symlinks, DEST itself) gets mtime/atime
2024-01-02 03:04:05 UTC; modes are set explicitly (umask does not matter).
DEST must not exist or be an empty directory, unless --force is given (then
an existing DEST is removed first).
"""

import argparse
import calendar
import hashlib
import os
import shutil
import stat
import sys

FIXED_MTIME = calendar.timegm((2024, 1, 2, 3, 4, 5, 0, 0, 0))  # 1704164645
SEED = b"libimapi-conformance-v1"
KINDS = ("deep", "deep40", "longpath", "wide", "wide10k", "unicode", "longnames", "mixed", "bigfile", "big4g1")


def det_bytes(key, n):
    """n deterministic pseudo-random bytes derived from SEED and key."""
    out = bytearray()
    ctr = 0
    k = key.encode("utf-8", "surrogateescape") if isinstance(key, str) else key
    while len(out) < n:
        out += hashlib.sha256(SEED + b"\0" + k + b"\0" + ctr.to_bytes(8, "big")).digest()
        ctr += 1
    return bytes(out[:n])


def det_content(relpath, minlen=16, maxlen=300):
    """Distinct small content: a header naming the file + seeded bytes."""
    head = ("libimapi test file: %s\n" % relpath).encode("utf-8", "surrogateescape")
    r = det_bytes("len:" + relpath, 2)
    n = minlen + int.from_bytes(r, "big") % (maxlen - minlen + 1)
    return head + det_bytes("data:" + relpath, n)


class Builder:
    def __init__(self, root):
        self.root = root
        self.dirs = []      # for post-order mtime fix-up
        self.nfiles = 0

    def _abs(self, rel):
        return os.path.join(self.root, rel) if rel else self.root

    def mkdir(self, rel, mode=0o755):
        # Create (and register for the mtime fix-up) every missing component.
        parts = rel.split("/")
        for i in range(1, len(parts) + 1):
            sub = "/".join(parts[:i])
            p = self._abs(sub)
            if not os.path.isdir(p):
                os.mkdir(p)
                os.chmod(p, 0o755)
                self.dirs.append(p)
        os.chmod(self._abs(rel), mode)

    def file(self, rel, data=None, mode=0o644):
        parent = os.path.dirname(rel)
        if parent and not os.path.isdir(self._abs(parent)):
            self.mkdir(parent)
        p = self._abs(rel)
        if data is None:
            data = det_content(rel)
        with open(p, "wb") as f:
            f.write(data)
        os.chmod(p, mode)
        os.utime(p, (FIXED_MTIME, FIXED_MTIME))
        self.nfiles += 1

    def symlink(self, rel, target):
        p = self._abs(rel)
        os.symlink(target, p)
        os.utime(p, (FIXED_MTIME, FIXED_MTIME), follow_symlinks=False)

    def finish(self):
        # Deepest first, so setting a child's time does not touch the parent
        # afterwards (it would not anyway: utime does not change the parent).
        for p in sorted(set(self.dirs + [self.root]), key=lambda s: -s.count(os.sep)):
            os.utime(p, (FIXED_MTIME, FIXED_MTIME))


def build_deep(b):
    # Chain level01/level02/.../level12, files at selected depths.
    # A file at "depth d" lives in a directory that is d levels below DEST.
    file_depths = {0, 1, 3, 7, 8, 9, 10, 12}
    path = ""
    b.file("f_at_depth_00.txt")
    for d in range(1, 13):
        path = os.path.join(path, "level%02d" % d) if path else "level%02d" % d
        b.mkdir(path)
        if d in file_depths:
            b.file(os.path.join(path, "f_at_depth_%02d.txt" % d))
    # A second deep branch with an empty directory at depth 10 and two files
    # with identical contents at depth 9 (content multiset, not set).
    side = "side/" + "/".join("s%d" % i for i in range(1, 11))  # depth 11
    b.mkdir(side)
    b.mkdir("side/s1/s2/s3/s4/s5/s6/s7/s8/empty_at_depth_10")
    same = b"identical content at depth 10\n"
    b.file("side/s1/s2/s3/s4/s5/s6/s7/s8/s9/same_a.txt", same)
    b.file("side/s1/s2/s3/s4/s5/s6/s7/s8/s9/same_b.txt", same)
    b.file(side + "/leaf.txt")


def build_deep40(b):
    path = ""
    b.file("top.txt")
    for d in range(1, 41):
        path = os.path.join(path, "d%02d" % d) if path else "d%02d" % d
        b.mkdir(path)
        if d % 5 == 0 or d == 40:
            b.file(os.path.join(path, "f%02d.txt" % d))
    path = ""
    for d in range(1, 13):
        path = os.path.join(path, "b%02d" % d) if path else "b%02d" % d
        b.mkdir(path)
        b.file(os.path.join(path, "g%02d.dat" % d))


def build_longpath(b):
    path = ""
    for d in range(1, 11):
        name = ("level%02d_" % d) + "abcdefghij" * 8 + "x" * 2   # 90 bytes
        path = os.path.join(path, name) if path else name
        b.mkdir(path)
        b.file(os.path.join(path, "s%02d.txt" % d))
    leaf = "file_" + "0123456789" * 8 + "end.t"                  # 90 bytes
    b.file(os.path.join(path, leaf))
    assert len(os.path.join(path, leaf).encode()) == 1000


def build_wide(b, per_kind=1250):
    b.mkdir("many")
    names = []
    for k in range(per_kind):
        names.append("file_long_name_%04d.txt" % k)
        names.append("File_Long_Name_%04d.TXT" % k)   # collides with the above
    for k in range(per_kind):
        names.append("abcdefgh%04d.dat" % k)           # 8.3: ABCDEFGH.DAT
    for k in range(per_kind):
        names.append(("multi.dot.name.%04d.tar.gz" % k) if k % 2 else ("nodot%04d" % k))
    assert len(names) == 4 * per_kind and len(set(names)) == len(names)
    for n in names:
        b.file("many/" + n, det_content("many/" + n, 8, 64))
    b.file("README.txt")
    b.file("other/FILE_LONG_NAME_0001.TXT")
    b.file("other/file_long_name_0001.txt")
    b.file("other/sub/x.y.z")


UNICODE_FILES = [
    "Привет мир.txt",                       # Cyrillic + space
    "日本語ファイル.txt",                    # CJK + kana
    "中文目录/文件.txt",                     # CJK directory and file
    "😀.txt",                               # non-BMP only
    "smile_😀_face.txt",                    # non-BMP inside ASCII
    "🎉🎊 party/balloon 🎈.txt",             # non-BMP directory with space
    "mixed_Ωμέγα_Жж_中_😀_ok.txt",          # mixed scripts
    "café_nfc.txt",                         # precomposed é (NFC)
    "cafe\u0301_nfd.txt",                   # e + combining acute (NFD)
    "Ünïcödé/ß_straße.txt",                 # Latin-1 range, sharp s
    "Ärger.txt",                            # differs from the next only by case
    "ärger.txt",
    "한국어.txt",                            # Hangul
    "עברית.txt",                            # Hebrew (RTL)
    "math_𝔘𝔫𝔦𝔠𝔬𝔡𝔢.txt",                    # non-BMP letters (U+1D518..)
    "name with  two spaces.txt",
    "Ελληνικά/Κατάλογος/αρχείο.txt",        # nested Greek directories
]


def build_wide10k(b):
    build_wide(b, per_kind=2560)


def build_unicode(b):
    for rel in UNICODE_FILES:
        b.file(rel)
    b.mkdir("空の目录")                      # empty CJK directory
    b.mkdir("📁")                           # empty non-BMP directory


def _fit(prefix, unit, suffix, nbytes):
    """prefix + unit*k + suffix with the largest k keeping len(utf8) <= nbytes."""
    s = prefix
    while len((s + unit + suffix).encode()) <= nbytes:
        s += unit
    for ch in unit:       # then single characters, to get close to nbytes
        if len((s + ch + suffix).encode()) > nbytes:
            break
        s += ch
    return s + suffix


def build_longnames(b):
    ascii_file = _fit("A_", "long_ascii_name_", ".txt", 240)
    ascii_dir = _fit("D_", "long_ascii_directory_", "", 200)
    cyr = _fit("Кириллица_", "длинноеимя", ".txt", 230)
    cjk = _fit("漢字", "長い名前のファイル", ".txt", 245)
    emoji = _fit("emoji_", "😀😁😂🤣", ".txt", 250)
    cjk_dir = _fit("目录", "很长的目录名称", "", 210)
    prefix = _fit("shared_prefix_", "0123456789", "", 200)
    for n in (ascii_file, ascii_dir, cyr, cjk, emoji, cjk_dir, prefix + "_one.txt"):
        assert len(n.encode()) >= 200 and len(n.encode()) <= 255, (n, len(n.encode()))
    b.file(ascii_file)
    b.file(cyr)
    b.file(cjk)
    b.file(emoji)
    # Siblings that only differ after 200 bytes: a shortening writer must
    # still keep them distinct.
    b.file(prefix + "_one.txt")
    b.file(prefix + "_two.txt")
    b.file(prefix + "_one.dat")
    b.file(ascii_dir + "/" + ascii_file)
    b.file(ascii_dir + "/short.txt")
    b.file(cjk_dir + "/" + cyr)
    b.file(cjk_dir + "/" + ascii_dir + "/" + emoji)
    b.file("short_dir/" + _fit("x", "y", ".bin", 201))


def build_mixed(b):
    b.file("empty.txt", b"")
    b.file("sub/empty_too", b"")
    b.file("sub/target.txt")
    b.file("sub/deeper/file.txt")
    b.symlink("link_to_file", "sub/target.txt")
    b.symlink("link_to_dir", "sub")
    b.symlink("sub/deeper/link_up", "../target.txt")
    b.file("run.sh", b"#!/bin/sh\necho libimapi\n", mode=0o755)
    b.file("private.txt", mode=0o600)
    b.file("nested/a/b/c/leaf.txt")
    b.mkdir("nested/a/b/c", 0o750)
    b.mkdir("emptydir")


BIG_SIZE = (1 << 32) + 12345


def build_bigfile(b, size=BIG_SIZE):
    p = os.path.join(b.root, "big.bin")
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.ftruncate(fd, size)
        os.pwrite(fd, b"BIGFILE-START-\x01\x02", 0)
        os.pwrite(fd, b"\xa5", (1 << 32) - 1)           # last byte below 4 GiB
        if size == (1 << 32) + 1:
            os.pwrite(fd, b"\x5a", 1 << 32)             # the one byte above 4 GiB
        else:
            os.pwrite(fd, b"\x5a\xc3\x3c\x96", 1 << 32)     # first bytes above 4 GiB
            os.pwrite(fd, b"-BIGFILE-END\n", size - 13)  # the very end
    finally:
        os.close(fd)
    os.chmod(p, 0o644)
    os.utime(p, (FIXED_MTIME, FIXED_MTIME))
    b.file("small.txt")


BUILDERS = {
    "deep": build_deep, "deep40": build_deep40, "longpath": build_longpath, "wide": build_wide, "wide10k": build_wide10k, "unicode": build_unicode,
    "longnames": build_longnames, "mixed": build_mixed, "bigfile": build_bigfile,
    "big4g1": lambda b: build_bigfile(b, (1 << 32) + 1),
}


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", metavar="KIND", choices=KINDS, help="one of: " + ", ".join(KINDS))
    ap.add_argument("dest", metavar="DEST", help="directory to create (becomes the tree root)")
    ap.add_argument("--force", action="store_true", help="remove DEST first if it exists")
    a = ap.parse_args(argv)

    dest = os.path.abspath(a.dest)
    if os.path.lexists(dest):
        if a.force:
            if os.path.isdir(dest) and not os.path.islink(dest):
                shutil.rmtree(dest)
            else:
                os.unlink(dest)
        elif not (os.path.isdir(dest) and not os.listdir(dest)):
            print("make_tree: %s exists and is not an empty directory (use --force)" % dest,
                  file=sys.stderr)
            return 2
    os.makedirs(dest, exist_ok=True)
    os.chmod(dest, 0o755)
    b = Builder(dest)
    BUILDERS[a.kind](b)
    b.finish()
    print("make_tree: %s tree in %s (%d files)" % (a.kind, dest, b.nfiles + (1 if a.kind in ("bigfile", "big4g1") else 0)),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
