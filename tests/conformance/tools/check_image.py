#!/usr/bin/python3
"""Check an ISO 9660 image against the source tree it was made from, with
independent readers (none written here), per namespace.

    check_image.py --image IMG --source DIR|MANIFEST.json
                   --expect iso9660[,joliet][,rockridge]
                   [--kernel [--kernel-json FILE]] [--kernel-opts OPTS]... [--readers LIST]
                   [--json REPORT] [--max-diffs N] [-v]

Exit status: 0 when every reader agrees with the source in every expected
namespace; 1 when any reader disagrees, fails, or prints nothing useful
(every difference is printed: reader, namespace, path, expected vs got);
2 on usage errors.  A reader is SKIPPED only for a documented limitation,
and the reason is printed.

Namespaces and what is asserted
  rockridge  exact names (bytes), types, sizes, content hashes, symlink
             targets, permission bits (files and directories).  A top-level
             relocation directory (rr_moved / RR_MOVED / .rr_moved) is
             tolerated as an extra entry, its contents are not compared
             (readers that ignore RE show the relocated directories there a
             second time).
             Readers: xorriso (-read_fs nojoliet), isoinfo -R, pycdlib (Rock
             Ridge names), bsdtar (iso9660:!joliet), iso-info --no-joliet +
             iso-read, 7z (only when the image has no Joliet: 7-Zip prefers
             Joliet), kernel (default mount options).
  joliet     symlinks absent; names exact when the source name is at most
             64 UTF-16 code units and has no character Joliet forbids
             (* / : ; ? \\ and U+0000-U+001F); longer or illegal names may be
             shortened/substituted by the writer: any name that keeps the
             first 48 code units (illegal characters as '_') is accepted, if
             contents (size + hash) match one to one within the directory.
             Every Joliet name must be at most 64 code units.  Permissions
             are not compared (Joliet has none).
             Readers: isoinfo -J, iso-info (Joliet is its default), 7z,
             pycdlib (Joliet names), xorriso (-read_fs norock), bsdtar
             (iso9660:!rockridge), kernel (norock).
  iso9660    names are mangled, so per directory: number of entries, the
             multiset of (size, hash) of files, subdirectories matched by
             content.  With rockridge expected, symlinks appear as empty
             files, and directories deeper than 8 levels may be relocated
             into a top-level RR_MOVED (an empty placeholder file stays at
             the original place); without rockridge, symlinks must be absent.
             Readers: isoinfo (no -R/-J), iso-info --no-joliet
             --no-rock-ridge, pycdlib (ISO names), xorriso (-read_fs
             ecma119), bsdtar (iso9660:!joliet,!rockridge), kernel
             (norock,nojoliet).
  structure  (pycdlib, always): the image parses; Joliet / Rock Ridge are
             present exactly when expected; the Rock Ridge ER identifier;
             ISO 9660 names are d-characters with ";1"-style versions and at
             most 30 characters (8.3 at --iso-level 1); directory depth at
             most 8 (ECMA-119 6.8.2.1); unique names per directory; Joliet
             names at most 64 code units, no unpaired surrogates, no
             forbidden characters.

Reader limitations found (and how they are handled; see the README next to
this file for the evidence):
  * isoinfo -J prints Joliet names in an 8-bit charset (there is no UTF-8
    choice in -j): every UTF-16 code unit above U+00FF becomes '_' (so a
    non-BMP character becomes "__").  Names are compared after that same
    transformation; where two names collide after it, they are matched by
    content and their contents are not extracted (isoinfo -x would return
    the first of them for both).
  * isoinfo and iso-info list a multi-extent file (> 4 GiB - 2 KiB) as one
    entry per extent, and isoinfo -x / iso-read return only one extent:
    their extents are summed for the size, the content is not hashed.
  * iso-info (libcdio) aborts a Joliet directory listing at the first
    surrogate pair (iconv UCS-2): skipped for Joliet when the source has
    non-BMP names.  Its Rock Ridge names are cut to what fits in the first
    NM entry (long names continued in a CE area are truncated): a truncated
    name is accepted when it is a byte prefix (>= 64 bytes) of the source
    name.  iso-read looks files up by Rock Ridge name when Rock Ridge is
    present (so it cannot address Joliet names) and fails for names that do
    not fit one NM entry: contents are hashed in the rockridge namespace
    only, for files it can address.
  * pycdlib 1.12's rr_path lookup of a multi-extent file returns the last
    extent only; the checker reads contents through the directory records'
    inodes instead, which is correct.  pycdlib's own walk() lists relocated
    directories twice; the checker follows CL/RE itself.
  * 7z shows Rock Ridge only when there is no Joliet.
  * The kernel with norock/nojoliet fabricates permissions (0555): modes are
    only compared for Rock Ridge.
"""

import argparse
import collections
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import unicodedata

sys.dont_write_bytecode = True      # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import manifest_lib as ml  # noqa: E402

RR, JOLIET, ISO = "rockridge", "joliet", "iso9660"
NAMESPACES = (ISO, JOLIET, RR)
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
HERE = os.path.dirname(os.path.abspath(__file__))
RELOC_RE = re.compile(r"^\.?rr_moved$", re.I)
# --relocation: what the image may do with directories deeper than 8 levels.
#   tolerated  a top-level relocation directory may appear (legacy default)
#   none       no relocation directory in any namespace; the ISO 9660 tree may be
#              deeper than ECMA-119's 8 levels (noted, not a difference)
#   hidden     relocation is marked RE, so readers that honour RE show none in
#              the Rock Ridge view; RE_BLIND readers may still show it
RELOCATION = {"policy": "tolerated"}
LIBARCHIVE_UTF16_PATH_MAX = 1024   # libarchive's UTF16_NAME_MAX, for Joliet paths


def joliet_path_bytes(path):
    """UTF-16 bytes of a source path as Joliet records it (names cut to 64 units)."""
    units = [min(len(c.encode("utf-16-be", "surrogatepass")) // 2, 64)
             for c in path.split("/") if c]
    return 2 * (sum(units) + max(0, len(units) - 1))
RE_BLIND = ("isoinfo", "iso-info")      # list an RE-marked relocation directory
JOLIET_MAX = 64           # UTF-16 code units (Joliet specification)
JOLIET_KEEP = 48          # a shortened Joliet name must keep this many units
JOLIET_FORBIDDEN = set("*/:;?\\") | {chr(c) for c in range(0x20)}
LIBCDIO_MIN_PREFIX = 64   # bytes a truncated libcdio Rock Ridge name must keep


class ReaderFailed(Exception):
    pass


class ReaderSkipped(Exception):
    pass


def show(name):
    """Printable form of a name: UTF-8, undecodable bytes as \\xNN."""
    b = name.encode("utf-8", "surrogateescape") if _encodable(name) else None
    if b is None:
        return name.encode("utf-8", "backslashreplace").decode("ascii", "replace")
    return b.decode("utf-8", "backslashreplace")


def _encodable(s):
    try:
        s.encode("utf-8", "surrogateescape")
        return True
    except UnicodeEncodeError:
        return False


def u16len(s):
    try:
        return len(s.encode("utf-16-be", "surrogatepass")) // 2
    except UnicodeEncodeError:
        return len(s) * 2


def has_non_bmp(s):
    return any(ord(c) > 0xFFFF for c in s)


def run(cmd, timeout=900, check=True, input=None):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV,
                           timeout=timeout, input=input)
    except FileNotFoundError:
        raise ReaderFailed("%s is not installed" % cmd[0])
    except subprocess.TimeoutExpired:
        raise ReaderFailed("%s timed out after %ds" % (" ".join(cmd[:3]), timeout))
    if check and p.returncode != 0:
        raise ReaderFailed("%s exited %d: %s" % (" ".join(cmd[:4]), p.returncode,
                                                 p.stderr.decode("utf-8", "replace").strip()[-800:]))
    return p


# ------------------------------------------------------------------ trees

class Node:
    __slots__ = ("name", "type", "mode", "size", "hash", "target", "children", "extra")

    def __init__(self, name, typ, mode=None, size=None, digest=None, target=None):
        self.name = name
        self.type = typ
        self.mode = mode
        self.size = size
        self.hash = digest
        self.target = target
        self.children = [] if typ == "d" else None
        self.extra = {}

    def child(self, name):
        for c in self.children:
            if c.name == name:
                return c
        return None


def tree_from_entries(entries, order=None):
    """entries: iterable of (path, type, mode, size, hash, target). Missing
    parent directories are created (mode None); a later entry for an existing
    directory path only fills in its mode."""
    root = Node("", "d")
    dirs = {"": root}
    for path, typ, mode, size, digest, target in entries:
        parts = path.split("/")
        node = root
        for i, part in enumerate(parts[:-1]):
            sub = "/".join(parts[:i + 1])
            n = dirs.get(sub)
            if n is None:
                n = Node(part, "d")
                node.children.append(n)
                dirs[sub] = n
            node = n
        if typ == "d" and path in dirs:
            if dirs[path].mode is None:
                dirs[path].mode = mode
            continue
        n = Node(parts[-1], typ, mode, size, digest, target)
        node.children.append(n)
        if order is not None:
            order.append(n)
        if typ == "d":
            dirs[path] = n
    return root


def tree_from_manifest(m):
    ents = []
    for e in m["entries"]:
        mode = int(e["mode"], 8) if e.get("mode") is not None else None
        ents.append((e["path"], e["type"], mode, e.get("size"), e.get("hash"), e.get("target")))
    return tree_from_entries(ents)


def iter_tree(node, prefix=""):
    for c in node.children:
        p = prefix + "/" + c.name if prefix else c.name
        yield p, c
        if c.type == "d":
            yield from iter_tree(c, p)


def count(node):
    f = d = l = 0
    for _, c in iter_tree(node):
        if c.type == "f":
            f += 1
        elif c.type == "d":
            d += 1
        elif c.type == "l":
            l += 1
    return f, d, l


def expected_tree(src, ns, expect):
    """The source as it should appear in namespace ns."""
    def conv(n):
        if n.type == "l":
            if ns == RR:
                return Node(n.name, "l", n.mode, target=n.target)
            if ns == ISO and RR in expect:
                # the directory record that carries the RR SL entry
                return Node(n.name, "f", None, 0, ml.new_hash().hexdigest())
            return None
        c = Node(n.name, n.type, n.mode if ns == RR else None, n.size, n.hash, n.target)
        if n.type == "d":
            for ch in n.children:
                cc = conv(ch)
                if cc is not None:
                    c.children.append(cc)
        return c
    return conv(src)


# ------------------------------------------------------------------ views

class View:
    def __init__(self, reader, ns, root, modes=False, names=None):
        self.reader = reader
        self.ns = ns
        self.root = root
        self.modes = modes            # reader reports real permission bits
        self.names = names or NameModel()
        self.notes = []
        self.hashed = 0
        self.unhashed = []            # (path, reason)


class NameModel:
    """How a reader displays a namespace's names.

    display(src) -> the exact name expected, or None when the writer may
    shorten it; compatible(src, got) -> may `got` stand for `src`."""

    def display(self, src):
        return src

    def compatible(self, src, got):
        return False

    def check_image_name(self, got):
        return None


class IsoNames(NameModel):
    def display(self, src):
        return None

    def compatible(self, src, got):
        return True


def latin1_tx(s):
    """isoinfo -J: each UTF-16 unit above U+00FF printed as '_'."""
    out = []
    for c in s:
        if ord(c) <= 0xFF:
            out.append(c)
        else:
            out.append("_" * (2 if ord(c) > 0xFFFF else 1))
    return "".join(out)


class JolietNames(NameModel):
    default_keep = JOLIET_KEEP
    def __init__(self, tx=None, reader_shows_raw=True):
        self.tx = tx or (lambda s: s)
        self.raw = reader_shows_raw
        self.keep = JolietNames.default_keep

    @staticmethod
    def legal(src):
        return u16len(src) <= JOLIET_MAX and not (set(src) & JOLIET_FORBIDDEN)

    def display(self, src):
        return self.tx(src) if self.legal(src) else None

    def compatible(self, src, got):
        keep = []
        n = 0
        for c in src:
            w = 2 if ord(c) > 0xFFFF else 1
            if n + w > self.keep:
                break
            keep.append("_" if c in JOLIET_FORBIDDEN else c)
            n += w
        if got.startswith(self.tx("".join(keep))):
            return True
        # A writer that keeps Joliet names unique without regard to case (as
        # Windows and Linux look them up) renames all but one of a group of
        # names equal but for case: "stem~N.ext", stem a prefix of the source's.
        m = re.match(r"^(.*)~[0-9]+(\.[^.]*)?$", got)
        if not m:
            return False
        stem, ext = m.group(1), m.group(2) or ""
        want = "".join("_" if c in JOLIET_FORBIDDEN else c for c in src)
        want_stem, want_ext = (want.rsplit(".", 1)[0], "." + want.rsplit(".", 1)[1]) if "." in want[1:] else (want, "")
        return bool(stem) and self.tx(want_stem).startswith(stem) and self.tx(want_ext) == ext

    def check_image_name(self, got):
        if not self.raw:
            return None
        if u16len(got) > JOLIET_MAX:
            return "Joliet name is %d UTF-16 code units (limit %d)" % (u16len(got), JOLIET_MAX)
        if any(0xD800 <= ord(c) <= 0xDFFF for c in got) or "\ufffd" in got:
            return "Joliet name has an unpaired surrogate / undecodable unit"
        return None


class TruncatedRRNames(NameModel):
    """Readers that keep only the part of a Rock Ridge name in the first NM
    entry (libcdio, 7-Zip): a byte prefix of >= 64 bytes is accepted."""

    def compatible(self, src, got):
        g = ml.fs_encode(got) if _encodable(got) else b""
        return len(g) >= LIBCDIO_MIN_PREFIX and ml.fs_encode(src).startswith(g)


# ------------------------------------------------------------------ comparison

class Comparer:
    def __init__(self, view, expect, max_diffs):
        self.v = view
        self.expect = expect
        self.diffs = []
        self.max = max_diffs
        self._sig = {}
        self.reloc = None
        self.reloc_used = set()

    def diff(self, path, what):
        self.diffs.append("%s: %s" % (show(path) if path else "/", what))

    def sig_match(self, s, i):
        """Does image node i carry the same content as source node s (names
        ignored, recursively)?"""
        if s.type != i.type:
            return False
        if s.type == "f":
            return (i.size is None or i.size == s.size) and (i.hash is None or i.hash == s.hash)
        if s.type == "l":
            return s.target == i.target
        if s.type != "d":
            return True
        if len(s.children) != len(i.children):
            return False
        ifl = [c for c in i.children if c.type != "d"]
        sfl = [c for c in s.children if c.type != "d"]
        with_hash = all(c.hash is not None for c in ifl if c.type == "f")
        if collections.Counter(self.key(c, with_hash) for c in sfl) != \
                collections.Counter(self.key(c, with_hash) for c in ifl):
            return False
        rest = [c for c in i.children if c.type == "d"]
        for sc in (c for c in s.children if c.type == "d"):
            for k, ic in enumerate(rest):
                if self.sig_match(sc, ic):
                    del rest[k]
                    break
            else:
                return False
        return True

    def run(self, exp_root):
        img = self.v.root
        if self.v.ns == ISO and RR in self.expect and RELOCATION["policy"] != "none":
            for c in img.children:
                if c.type == "d" and RELOC_RE.match(c.name):
                    self.reloc = c
                    break
        self.compare_dir(exp_root, img, "", top=True)
        if self.reloc is not None:
            for c in self.reloc.children:
                if id(c) not in self.reloc_used:
                    self.diff(self.reloc.name + "/" + c.name,
                              "unexpected entry in the relocation directory")
        return self.diffs

    def key(self, n, with_hash=True):
        if n.type == "f":
            return ("f", n.size, n.hash if with_hash else None)
        if n.type == "l":
            return ("l", n.target)
        return (n.type,)

    def trial(self, sc, ic):
        """Number of differences comparing sc with ic (nothing recorded)."""
        mark = len(self.diffs)
        used = set(self.reloc_used)
        notes = list(self.v.notes)
        self.compare_node(sc, ic, "")
        score = len(self.diffs) - mark
        del self.diffs[mark:]
        self.reloc_used = used
        self.v.notes[:] = notes
        return score

    def compare_dir(self, s_dir, i_dir, path, top=False):
        names = self.v.names
        ns = self.v.ns
        s_rest = list(s_dir.children)
        i_rest = list(i_dir.children)
        pairs = []
        for ic in i_dir.children:
            msg = names.check_image_name(ic.name)
            if msg:
                self.diff(join(path, ic.name), msg)
        policy = RELOCATION["policy"]
        if top and policy != "tolerated":
            for ic in list(i_rest):
                if ic.type == "d" and RELOC_RE.match(ic.name) and not s_dir.child(ic.name):
                    blind = self.v.reader.startswith(RE_BLIND)
                    if policy == "none" or (ns == RR and not blind):
                        self.diff(ic.name, "relocation directory present (--relocation %s)" % policy)
                        i_rest.remove(ic)
                    elif ns == RR:
                        i_rest.remove(ic)
                        self.v.notes.append("relocation directory '%s' shown: %s ignores RE" %
                                            (ic.name, self.v.reader))
        if top and policy != "none":         # tolerated extras at the top level
            for ic in list(i_rest):
                if ic.type == "d" and RELOC_RE.match(ic.name) and not s_dir.child(ic.name):
                    if ns == RR or (ns == ISO and ic is self.reloc):
                        i_rest.remove(ic)
                        if ns == RR:
                            self.v.notes.append("relocation directory '%s' present in the Rock "
                                                "Ridge view (tolerated, not compared)" % ic.name)

        def take(sc, ic):
            pairs.append((sc, ic))
            used_s.add(id(sc))
            used_i.add(id(ic))
        used_s = set()
        used_i = set()
        # 1. exact names
        disp = {}
        dcount = collections.Counter()
        for sc in s_rest:
            d = names.display(sc.name)
            if d is not None:
                disp[id(sc)] = d
                dcount[d] += 1
        if ns == JOLIET:
            # Names equal but for case: only the first (in byte order) is
            # expected verbatim; the others may be renamed (see JolietNames).
            folded = collections.defaultdict(list)
            for sc in s_rest:
                if id(sc) in disp:
                    folded[disp[id(sc)].casefold()].append(sc)
            for group in folded.values():
                if len(group) > 1:
                    for sc in sorted(group, key=lambda x: x.name.encode("utf-8", "surrogateescape"))[1:]:
                        dcount[disp.pop(id(sc))] -= 1
        by_name = collections.defaultdict(list)
        for ic in i_rest:
            by_name[ic.name].append(ic)
        for sc in s_rest:
            d = disp.get(id(sc))
            if d is not None and dcount[d] == 1 and by_name.get(d):
                take(sc, by_name[d].pop(0))
        s_rest = [x for x in s_rest if id(x) not in used_s]
        i_rest = [x for x in i_rest if id(x) not in used_i]
        # 2. files and links: compatible name + same content (bucketed)
        full = collections.defaultdict(list)
        by_size = collections.defaultdict(list)
        for ic in i_rest:
            if ic.type in ("f", "l"):
                if ic.type == "f" and ic.hash is None:
                    by_size[ic.size].append(ic)
                else:
                    full[self.key(ic)].append(ic)
        for sc in sorted((x for x in s_rest if x.type in ("f", "l")), key=sortkey):
            for cands in (full.get(self.key(sc), ()),
                          by_size.get(sc.size, ()) if sc.type == "f" else ()):
                hit = next((ic for ic in cands if id(ic) not in used_i
                            and names.compatible(sc.name, ic.name)), None)
                if hit is not None:
                    take(sc, hit)
                    break
        s_rest = [x for x in s_rest if id(x) not in used_s]
        i_rest = [x for x in i_rest if id(x) not in used_i]
        # 2'. directories: compatible name + same content
        for sc in sorted((x for x in s_rest if x.type == "d"), key=sortkey):
            hit = next((ic for ic in i_rest if ic.type == "d" and id(ic) not in used_i
                        and names.compatible(sc.name, ic.name) and self.sig_match(sc, ic)), None)
            if hit is not None:
                take(sc, hit)
        s_rest = [x for x in s_rest if id(x) not in used_s]
        i_rest = [x for x in i_rest if id(x) not in used_i]
        # 3. relocated directories (ISO namespace with Rock Ridge)
        if self.reloc is not None:
            for sc in [x for x in s_rest if x.type == "d"]:
                for rc in self.reloc.children:
                    if id(rc) in self.reloc_used or rc.type != "d" or not self.sig_match(sc, rc):
                        continue
                    self.reloc_used.add(id(rc))
                    used_s.add(id(sc))
                    pairs.append((sc, rc))
                    ph = next((ic for ic in i_rest if ic.type == "f" and not ic.size
                               and id(ic) not in used_i), None)
                    if ph is not None:
                        used_i.add(id(ph))
                    else:
                        self.diff(join(path, sc.name), "relocated directory has no placeholder"
                                  " entry at its original place")
                    break
            s_rest = [x for x in s_rest if id(x) not in used_s]
            i_rest = [x for x in i_rest if id(x) not in used_i]
        # 4. what is left: pair by name compatibility and type, reporting
        #    content differences; in the ISO namespace (no names) directories
        #    are paired by fewest differences, files only when unambiguous
        if ns == ISO:
            s_dirs = [x for x in s_rest if x.type == "d"]
            i_dirs = [x for x in i_rest if x.type == "d"]
            if s_dirs and i_dirs and len(s_dirs) * len(i_dirs) <= 400:
                for sc in s_dirs:
                    free = [ic for ic in i_dirs if id(ic) not in used_i]
                    if not free:
                        break
                    best = min(free, key=lambda ic: self.trial(sc, ic))
                    take(sc, best)
            for t in ("f", "l"):
                sf = [x for x in s_rest if x.type == t and id(x) not in used_s]
                jf = [x for x in i_rest if x.type == t and id(x) not in used_i]
                if len(sf) == 1 and len(jf) == 1:
                    take(sf[0], jf[0])
        else:
            for sc in sorted(s_rest, key=sortkey):
                hit = next((ic for ic in i_rest if id(ic) not in used_i and ic.type == sc.type
                            and names.compatible(sc.name, ic.name)), None)
                if hit is not None:
                    take(sc, hit)
        if ns != ISO:
            # same content under a name that is not acceptable: say so
            for sc in sorted(s_rest, key=sortkey):
                if id(sc) in used_s:
                    continue
                hit = next((ic for ic in i_rest if id(ic) not in used_i and ic.type == sc.type
                            and self.sig_match(sc, ic)), None)
                if hit is not None:
                    want = names.display(sc.name)
                    self.diff(join(path, sc.name), "name: expected %s, got %s" % (
                        show(want) if want is not None else "a shortening keeping the first %d "
                        "UTF-16 units" % JolietNames.default_keep, show(hit.name)))
                    take(sc, hit)
        for sc in s_rest:
            if id(sc) not in used_s:
                self.diff(join(path, sc.name), "missing (%s)" % describe(sc))
        for ic in i_rest:
            if id(ic) not in used_i:
                self.diff(join(path, ic.name), "unexpected entry (%s)" % describe(ic))
        for sc, ic in pairs:
            self.compare_node(sc, ic, join(path, ic.name if ns == ISO else sc.name))

    def compare_node(self, s, i, path):
        if s.type != i.type:
            self.diff(path, "type: expected %s, got %s" % (tname(s.type), tname(i.type)))
            return
        if self.v.modes and self.v.ns == RR and s.type != "l" and s.mode is not None:
            if i.mode is None:
                self.diff(path, "no permission bits reported")
            elif (i.mode & 0o7777) != (s.mode & 0o7777):
                self.diff(path, "mode: expected %04o, got %04o" % (s.mode & 0o7777, i.mode & 0o7777))
        if s.type == "f" and i.extra.get("unverifiable"):
            pass
        elif s.type == "f":
            if i.size is None:
                self.diff(path, "no size reported")
            elif i.size != s.size:
                self.diff(path, "size: expected %d, got %d" % (s.size, i.size))
            if i.hash is not None and i.hash != s.hash:
                self.diff(path, "content: expected %s %s, got %s" % (ml.HASH_ALGO, s.hash, i.hash))
        elif s.type == "l":
            if i.target != s.target:
                self.diff(path, "symlink target: expected %r, got %r"
                          % (show(s.target), show(i.target or "")))
        elif s.type == "d":
            self.compare_dir(s, i, path)


def sortkey(n):
    return ml.fs_encode(n.name) if _encodable(n.name) else n.name.encode("utf-8", "surrogatepass")


def join(a, b):
    return a + "/" + b if a else b


def tname(t):
    return {"f": "file", "d": "directory", "l": "symlink"}.get(t, "other(%s)" % t)


def describe(n):
    if n.type == "f":
        return "file, %s bytes" % n.size
    if n.type == "l":
        return "symlink -> %s" % show(n.target or "")
    if n.type == "d":
        return "directory, %d entries" % len(n.children)
    return tname(n.type)


# ------------------------------------------------------------------ streaming helpers

def hash_exact(fp, size):
    """Hash exactly `size` bytes from fp; returns (hexdigest, got_bytes)."""
    h = ml.new_hash()
    left = size
    while left > 0:
        b = fp.read(min(ml.CHUNK, left))
        if not b:
            break
        h.update(b)
        left -= len(b)
    return h.hexdigest(), size - left


def split_stream(fp, files, what):
    """files: list of Node in stream order; fills .hash. Raises on short/long."""
    for n in files:
        dg, got = hash_exact(fp, n.size)
        if got != n.size:
            raise ReaderFailed("%s: content stream ended inside %s (%d of %d bytes)"
                               % (what, show(n.name), got, n.size))
        n.hash = dg
    extra = fp.read(1)
    if extra:
        raise ReaderFailed("%s: content stream is longer than the listed sizes" % what)


# ------------------------------------------------------------------ readers

LSDL_RE = re.compile(rb"^([-dlbcpsS?][-rwxsStTlL]{9})\s+(\d+)\s+(\S+)\s+(\S+)\s+(\d+)\s+"
                     rb"(\w{3})\s+(\d+)\s+([\d:]+)\s+(.*)$")
BSL = {b"a": 7, b"b": 8, b"e": 27, b"f": 12, b"n": 10, b"r": 13, b"t": 9, b"v": 11,
       b"\\": 92, b"'": 39, b'"': 34}


def xorriso_unescape(b):
    out = bytearray()
    i = 0
    while i < len(b):
        c = b[i:i + 1]
        if c != b"\\" or i + 1 >= len(b):
            out += c
            i += 1
            continue
        n = b[i + 1:i + 2]
        if n in BSL:
            out.append(BSL[n])
            i += 2
        elif n == b"x" and re.match(rb"[0-9a-fA-F]{2}", b[i + 2:i + 4]):
            out.append(int(b[i + 2:i + 4], 16))
            i += 4
        elif re.match(rb"[0-7]{3}", b[i + 1:i + 4]):
            out.append(int(b[i + 1:i + 4], 8) & 0xFF)
            i += 4
        elif n == b"c" and i + 2 < len(b):
            out.append(b[i + 2] & 0x1F)
            i += 3
        else:
            out += c
            i += 1
    return bytes(out)


def parse_quoted(s, pos):
    """Shell-quoted word starting at s[pos] ('..' and ".." segments)."""
    out = bytearray()
    while pos < len(s) and s[pos:pos + 1] in (b"'", b'"'):
        q = s[pos:pos + 1]
        end = s.find(q, pos + 1)
        if end < 0:
            raise ValueError("unterminated quote")
        seg = s[pos + 1:end]
        out += xorriso_unescape(seg) if q == b"'" else seg
        pos = end + 1
    return bytes(out), pos


def lsdl_type(c):
    return {"-": "f", "d": "d", "l": "l"}.get(c, "o")


def perm_bits(s):
    """'rwxr-xr-x' (9 chars, with s/S/t/T) -> int."""
    m = 0
    bits = [0o400, 0o200, 0o100, 0o40, 0o20, 0o10, 0o4, 0o2, 0o1]
    for k, ch in enumerate(s[:9]):
        if ch in "rwxst":
            m |= bits[k]
    if s[2] in "sS":
        m |= 0o4000
    if s[5] in "sS":
        m |= 0o2000
    if s[8] in "tT":
        m |= 0o1000
    return m


def xorriso_reader(img, ns, ctx):
    read_fs = {RR: "nojoliet", JOLIET: "norock", ISO: "ecma119"}[ns]
    base = ["xorriso", "-abort_on", "NEVER", "-return_with", "SORRY", "32",
            "-charset", "UTF-8", "-read_fs", read_fs, "-indev", img]
    p = run(base + ["-backslash_codes", "on", "-find", "/", "-exec", "lsdl", "--"], check=False)
    if p.returncode != 0:
        raise ReaderFailed("xorriso exited %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace")
                                                      .strip()[-800:]))
    ents = []
    for line in p.stdout.split(b"\n"):
        m = LSDL_RE.match(line)
        if not m:
            continue
        rest = m.group(9)
        name, pos = parse_quoted(rest, 0)
        target = None
        if rest[pos:pos + 4] == b" -> ":
            target, pos = parse_quoted(rest, pos + 4)
        if name == b"/":
            continue
        if not name.startswith(b"/"):
            raise ReaderFailed("xorriso: unexpected path %r" % name)
        mode_s = m.group(1).decode()
        typ = lsdl_type(mode_s[0])
        ents.append((ml.fs_decode(name[1:]), typ, perm_bits(mode_s[1:]),
                     int(m.group(5)) if typ == "f" else None, None,
                     ml.fs_decode(target) if target is not None else None))
    if not ents and ctx.src_nonempty:
        raise ReaderFailed("xorriso listed nothing: %s" % p.stderr.decode("utf-8", "replace")[-400:])
    root = tree_from_entries(ents)
    v = View("xorriso", ns, root, modes=(ns == RR), names=ns_names(ns))
    # contents: -concat to a pipe, in listing order, in batches
    files = [(p_, n) for p_, n in iter_tree(root) if n.type == "f"]
    batch = []
    size_sum = 0
    for i, (path, n) in enumerate(files):
        batch.append((path, n))
        size_sum += len(path) + 2
        if size_sum > 60000 or len(batch) >= 500 or i == len(files) - 1:
            xorriso_concat(base, batch)
            batch = []
            size_sum = 0
    v.hashed = len(files)
    return v


def xorriso_concat(base, batch):
    r, w = os.pipe()
    cmd = ["xorriso", "-osirrox", "on"] + base[1:] + ["-iso_rr_pattern", "off", "-concat",
                                                      "append", "/dev/fd/%d" % w]
    cmd += [ml.fs_encode("/" + p) for p, _ in batch] + ["--"]
    errf = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errf, pass_fds=(w,), env=ENV)
    os.close(w)
    err = None
    with os.fdopen(r, "rb", buffering=ml.CHUNK) as fp:
        try:
            split_stream(fp, [n for _, n in batch], "xorriso -concat")
        except ReaderFailed as e:
            err = e
            fp.read()
    rc = proc.wait()
    errf.seek(0)
    msg = errf.read().decode("utf-8", "replace")
    if rc != 0 or err:
        raise ReaderFailed("%s (xorriso exit %d) %s" % (err or "xorriso -concat failed", rc,
                                                        msg.strip()[-600:]))


def ns_names(ns):
    if ns == ISO:
        return IsoNames()
    if ns == JOLIET:
        return JolietNames()
    return NameModel()


def listing_tree(blocks, bfs, what):
    """Build a tree from an 'ls -lR'-like listing.

    blocks: [(header_text, [entry dict])] in output order.  Directory blocks
    are attributed to directory nodes in the reader's traversal order (BFS
    for isoinfo, DFS for iso-info), not by the header text, because names can
    collide after a reader's charset conversion.  Only entries with a real
    directory extent (size > 0) are listed by the readers; Rock Ridge CL
    placeholders (size 0) are not."""
    root = Node("", "d")
    pending = collections.deque([(root, "")])
    for header, entries in blocks:
        if not pending:
            raise ReaderFailed("%s: unexpected directory listing %s" % (what, show(header)))
        node, path = pending.popleft() if bfs else pending.pop()
        new_dirs = []
        merged = []
        for e in entries:
            prev = merged[-1] if merged else None
            if (prev is not None and prev["type"] == "f" and e["type"] == "f"
                    and prev["name"] == e["name"] and prev.get("more")):
                prev["size"] += e["size"]       # next extent of a multi-extent file
                prev["extents"] += 1
                prev["more"] = e.get("more")
                continue
            e["extents"] = 1
            merged.append(e)
        for e in merged:
            n = Node(e["name"], e["type"], e["mode"], e["size"], None, e.get("target"))
            n.extra["extents"] = e["extents"]
            n.extra["xpath"] = join(path, n.name)     # where the reader itself finds it
            node.children.append(n)
            if n.type == "d" and (e["size"] or 0) > 0:
                new_dirs.append((n, join(path, n.name)))
        if bfs:
            pending.extend(new_dirs)
        else:
            pending.extend(reversed(new_dirs))
    if pending:
        raise ReaderFailed("%s: no listing for directory %s" % (what, show(pending[0][1] or "/")))
    return root


def graft_relocated(root, view):
    """For readers that do not follow Rock Ridge CL links: put each relocated
    directory (found in the top-level relocation directory) back at its CL
    placeholder, matched by name."""
    reloc = next((c for c in root.children if c.type == "d" and RELOC_RE.match(c.name)), None)
    if reloc is None:
        return
    moved = 0
    for path, n in list(iter_tree(root)):
        if n.type != "d" or n.children or n.size != 0 or path.split("/")[0] == reloc.name:
            continue
        rc = next((c for c in reloc.children if c.type == "d" and c.name.lower() == n.name.lower()),
                  None)
        if rc is None:
            continue
        reloc.children.remove(rc)
        n.children = rc.children
        for _, sub in iter_tree(n):
            sub.extra["grafted"] = True
        moved += 1
    if moved:
        view.notes.append("reader does not follow Rock Ridge CL links: %d relocated director%s "
                          "re-attached by name from %s" % (moved, "y" if moved == 1 else "ies",
                                                          reloc.name))


ISOINFO_LINE = re.compile(rb"^([-dlbcps][-rwxsStT]{9})\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+"
                          rb"(\w{3})\s+(\d+)\s+(\d+)\s+\[")
MULTI_MIN = 1 << 30


def isoinfo_reader(img, ns, ctx):
    flags = {RR: ["-R"], JOLIET: ["-J"], ISO: []}[ns]
    p = run(["isoinfo", "-i", img] + flags + ["-l"])
    dec = (lambda b: b.decode("latin-1")) if ns == JOLIET else ml.fs_decode
    blocks = []
    for line in p.stdout.split(b"\n"):
        if line.startswith(b"Directory listing of "):
            blocks.append((dec(line[len(b"Directory listing of "):]), []))
            continue
        m = ISOINFO_LINE.match(line)
        if not m or not blocks:
            continue
        # "[ extent flags]  name ": the name starts 14 columns after '[' (a
        # multi-extent flag 0x80 is printed sign-extended and overflows)
        br = line.index(b"[", m.end() - 1)
        flagtxt = line[br + 9:br + 13].strip().rstrip(b"]")
        name = line[br + 14:]
        if name.endswith(b" "):
            name = name[:-1]
        mode_s = m.group(1).decode()
        typ = lsdl_type(mode_s[0])
        target = None
        if typ == "l" and b" -> " in name:
            name, target = name.split(b" -> ", 1)
        if name in (b".", b".."):
            continue
        try:
            more = bool(int(flagtxt, 16) & 0x80)
        except ValueError:
            more = True
        blocks[-1][1].append(dict(name=dec(name), type=typ, size=int(m.group(5)),
                                  mode=perm_bits(mode_s[1:]) if ns == RR else None,
                                  target=dec(target) if target is not None else None,
                                  more=more and typ == "f"))
    if not blocks or (not any(b[1] for b in blocks) and ctx.src_nonempty):
        raise ReaderFailed("isoinfo %s -l listed nothing" % " ".join(flags))
    root = listing_tree(blocks, True, "isoinfo")
    names = {RR: NameModel(), JOLIET: JolietNames(latin1_tx, reader_shows_raw=False),
             ISO: IsoNames()}[ns]
    v = View("isoinfo" + ("" if not flags else " " + flags[0]), ns, root, modes=(ns == RR),
             names=names)
    if ns == RR:
        graft_relocated(root, v)
    # contents: isoinfo -x, one (quick) process per file, 4 at a time
    jobs = []
    enc = (lambda s: s.encode("latin-1")) if ns == JOLIET else ml.fs_encode
    for path, n, parent in iter_with_parent(root):
        if n.type != "f":
            continue
        if sum(1 for c in parent.children if c.name == n.name) > 1:
            v.unhashed.append((path, "several entries show this name: isoinfo -x cannot address "
                                     "each of them"))
        elif n.extra.get("extents", 1) > 1:
            v.unhashed.append((path, "multi-extent file (%d extents): isoinfo -x returns the last "
                                     "extent only" % n.extra["extents"]))
        else:
            jobs.append((path, n))
    jobs = limit_jobs(jobs, ctx, v, "isoinfo -x")

    def one(job):
        path, n = job
        pr = subprocess.Popen(["isoinfo", "-i", img] + flags + ["-x", b"/" + enc(n.extra["xpath"])],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
        dg, got = hash_exact(pr.stdout, n.size)
        rest = pr.stdout.read()
        err = pr.stderr.read()
        pr.wait()
        if got != n.size or rest:
            raise ReaderFailed("isoinfo -x %s gave %d bytes, its listing says %d %s"
                               % (show(path), got + len(rest), n.size,
                                  err.decode("utf-8", "replace")[:200]))
        n.hash = dg
    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        for f in [ex.submit(one, j) for j in jobs]:
            f.result()
    v.hashed = len(jobs)
    return v


def limit_jobs(jobs, ctx, view, what):
    """--per-file-max: spread a deterministic subset over the listing."""
    m = ctx.per_file_max
    if not m or len(jobs) <= m:
        return jobs
    step = len(jobs) / float(m)
    keep = [jobs[int(k * step)] for k in range(m)]
    view.notes.append("%s: contents of %d of %d files extracted (--per-file-max %d)"
                      % (what, len(keep), len(jobs), m))
    return keep


def iter_with_parent(node, prefix=""):
    for c in node.children:
        p = prefix + "/" + c.name if prefix else c.name
        yield p, c, node
        if c.type == "d":
            yield from iter_with_parent(c, p)


LIBCDIO_LINE = re.compile(rb"^  (?:([-dlbcps])|([-dlbcps][-rwxsStT]{9})\s+\d+\s+\d+\s+\d+)\s+"
                          rb"\[LSN\s+(\d+)\]\s+(\d+)\s+\w{3} \d+ \d+ [\d:]+  (.*)$")


def libcdio_reader(img, ns, ctx):
    if ns == JOLIET and ctx.src_non_bmp:
        raise ReaderSkipped("source has non-BMP names; libcdio converts Joliet with iconv UCS-2 "
                            "and aborts the directory at the first surrogate pair "
                            "('++ WARN: Iconv failed')")
    flags = {RR: ["--no-joliet"], JOLIET: [], ISO: ["--no-joliet", "--no-rock-ridge"]}[ns]
    p = run(["iso-info", "--no-header", "-i", img, "-l"] + flags)
    err = p.stderr.decode("utf-8", "replace") + "".join(
        l for l in p.stdout.decode("utf-8", "replace").splitlines(True) if "WARN" in l)
    if ctx.has_rr and re.search(rb"^  ---------- +0 0 0 \[LSN", p.stdout, re.M) and ns == RR:
        raise ReaderSkipped("libcdio does not read Rock Ridge entries continued in a CE area: "
                            "entries whose PX/NM were moved there show mode ---------- and "
                            "truncated names (here: %d)" % len(re.findall(
                                rb"^  ---------- +0 0 0 \[LSN", p.stdout, re.M)))
    if "Error getting above directory information" in err and ctx.has_rr and \
            (ctx.src_long_names or ctx.src_depth > 8):
        raise ReaderSkipped("iso-info cannot list directories whose Rock Ridge name does not fit "
                            "one NM entry, nor relocated directories (even with --no-rock-ridge): "
                            "'Error getting above directory information'")
    if "WARN" in err or "Error" in err:
        raise ReaderFailed("iso-info reported problems: " + err.strip()[:600])
    if ns == JOLIET and b"Joliet Level" not in p.stdout:
        raise ReaderFailed("iso-info found no Joliet extension")
    blocks = []
    for line in p.stdout.split(b"\n"):
        if line.startswith(b"/") and line.endswith(b":"):
            blocks.append((ml.fs_decode(line[:-1]), []))
            continue
        m = LIBCDIO_LINE.match(line)
        if not m or not blocks:
            continue
        name = m.group(5)
        if m.group(2):
            typ = lsdl_type(m.group(2)[:1].decode())
            mode = perm_bits(m.group(2)[1:].decode())
        else:
            typ = lsdl_type(m.group(1).decode())
            mode = None
        target = None
        if typ == "l" and b" -> " in name:
            name, target = name.split(b" -> ", 1)
        if name in (b".", b".."):
            continue
        size = int(m.group(4))
        # iso-info shows no flags: a non-final extent of a multi-extent file
        # is a whole number of blocks and (in practice) about 4 GiB
        more = typ == "f" and size % 2048 == 0 and size >= MULTI_MIN
        blocks[-1][1].append(dict(name=ml.fs_decode(name), type=typ, size=size,
                                  mode=mode if ns == RR else None, more=more,
                                  target=ml.fs_decode(target) if target is not None else None))
    if not blocks or (not any(b[1] for b in blocks) and ctx.src_nonempty):
        raise ReaderFailed("iso-info -l listed nothing")
    root = listing_tree(blocks, False, "iso-info")
    names = {RR: TruncatedRRNames(), JOLIET: JolietNames(), ISO: IsoNames()}[ns]
    v = View("iso-info" + (" " + " ".join(flags) if flags else ""), ns, root,
             modes=(ns == RR), names=names)
    if ns != RR:
        v.notes.append("contents not read: iso-read looks names up through Rock Ridge when "
                       "present, so it is used in the rockridge namespace only")
        return v
    graft_relocated(root, v)
    tmpd = tempfile.mkdtemp(prefix="isoread-", dir=ctx.tmp)
    try:
        jobs = []
        for path, n, parent in iter_with_parent(root):
            if n.type != "f":
                continue
            if n.extra.get("extents", 1) > 1:
                v.unhashed.append((path, "multi-extent file: listed once per extent, iso-read "
                                         "returns one extent"))
            elif sum(1 for c in parent.children if c.name == n.name) > 1:
                v.unhashed.append((path, "several entries show this name"))
            elif any(len(ml.fs_encode(part)) > 100 for part in path.split("/")):
                v.unhashed.append((path, "Rock Ridge name longer than libcdio's lookup handles"))
            else:
                jobs.append((path, n))
        jobs = limit_jobs(jobs, ctx, v, "iso-read")

        def one(job):
            path, n = job
            out = os.path.join(tmpd, "%d" % id(n))
            pr = subprocess.run(["iso-read", "-i", img, "-e", b"/" + ml.fs_encode(n.extra["xpath"]),
                                 "-o", out], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
            if (pr.returncode != 0 or not os.path.exists(out)) and n.extra.get("grafted"):
                v.unhashed.append((path, "relocated: iso-read cannot address it through rr_moved"))
                return
            if pr.returncode != 0 or not os.path.exists(out):
                raise ReaderFailed("iso-read -e %s failed: %s" % (show(path), pr.stderr.decode(
                    "utf-8", "replace").strip()[:300]))
            size, dg = ml.hash_file(out)
            os.unlink(out)
            if size != n.size:
                raise ReaderFailed("iso-read -e %s gave %d bytes, iso-info lists %d"
                                   % (show(path), size, n.size))
            n.hash = dg
        with concurrent.futures.ThreadPoolExecutor(4) as ex:
            for f in [ex.submit(one, j) for j in jobs]:
                f.result()
        v.hashed = len(jobs)
    finally:
        shutil.rmtree(tmpd, ignore_errors=True)
    return v


def sevenzip_namespace(ctx):
    if ctx.has_udf:
        return "udf"
    if ctx.has_joliet:
        return JOLIET
    if ctx.has_rr:
        return RR
    return ISO


def sevenzip_reader(img, ns, ctx):
    if sevenzip_namespace(ctx) != ns:
        raise ReaderSkipped("7z shows %s here (it prefers UDF, then Joliet, then Rock Ridge)"
                            % sevenzip_namespace(ctx))
    p = run(["7z", "l", "-slt", "-ba", "-sccUTF-8", img])
    ents = []
    for block in re.split(rb"\n\s*\n", p.stdout):
        f = {}
        for line in block.split(b"\n"):
            if b" = " in line:
                k, val = line.split(b" = ", 1)
                f[k.strip()] = val
            elif line.endswith(b" ="):
                f[line[:-2].strip()] = b""
        if b"Path" not in f:
            continue
        path = ml.fs_decode(f[b"Path"])
        if path.startswith("[BOOT]"):
            continue
        mode_s = f.get(b"Mode", b"").decode()
        link = f.get(b"Symbolic Link", b"")
        if f.get(b"Folder") == b"+":
            typ = "d"
        elif link or mode_s.startswith("l"):
            typ = "l"
        else:
            typ = "f"
        mode = perm_bits(mode_s[1:]) if len(mode_s) >= 10 else None
        size = int(f[b"Size"]) if typ == "f" and f.get(b"Size") else (0 if typ == "f" else None)
        ents.append((path, typ, mode, size, None, ml.fs_decode(link) if typ == "l" else None))
    if not ents and ctx.src_nonempty:
        raise ReaderFailed("7z l listed nothing")
    if ns == RR:
        nomode = [e[0] for e in ents if e[2] is None]
        if nomode:
            raise ReaderSkipped("7-Zip does not read Rock Ridge entries continued in a CE area: "
                                "%d entries show no mode and a truncated name (e.g. %s)"
                                % (len(nomode), show(nomode[0])[:60]))
    nodes = []
    root = tree_from_entries(ents, nodes)
    v = View("7z", ns, root, modes=(ns == RR),
             names=TruncatedRRNames() if ns == RR else ns_names(ns))
    # 7z x -so writes every file's data, in archive order
    order = [n for n in nodes if n.type == "f"]
    proc = subprocess.Popen(["7z", "x", "-so", "-sccUTF-8", img], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=ENV)
    err = None
    try:
        split_stream(proc.stdout, order, "7z x -so")
    except ReaderFailed as e:
        err = e
        proc.stdout.read()
    errb = proc.stderr.read()
    rc = proc.wait()
    if err or rc != 0:
        raise ReaderFailed("%s (7z exit %d) %s" % (err or "7z x failed", rc,
                                                  errb.decode("utf-8", "replace").strip()[-400:]))
    v.hashed = len(order)
    return v


def bsdtar_reader(img, ns, ctx):
    if ns == RR and RELOCATION["policy"] != "none" and ctx.src_depth > 15:
        raise ReaderSkipped("bsdtar cannot follow a relocated directory inside a relocated directory "
                            "('Failed to connect CL pointer to RE', also on xorriso's and genisoimage's "
                            "images); the source is %d levels deep" % ctx.src_depth)
    if ns != RR:
        return bsdtar_extract_reader(img, ns, ctx)
    # libarchive prefers Rock Ridge; its read options cannot be given in -c
    # mode, so the RR view is converted to a pax stream (exact names, modes,
    # link targets, contents, nothing written to disk)
    proc = subprocess.Popen(["bsdtar", "-cf", "-", "--format", "pax", "@" + img],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    errbuf = []
    t = threading.Thread(target=lambda: errbuf.append(proc.stderr.read()))
    t.start()
    ents = []
    hashes = {}
    n_hashed = 0
    try:
        with tarfile.open(fileobj=proc.stdout, mode="r|", encoding="utf-8",
                          errors="surrogateescape") as tf:
            for m in tf:
                name = m.name
                while name.startswith("./"):
                    name = name[2:]
                name = name.rstrip("/")
                if name in ("", "."):
                    continue
                if m.isdir():
                    ents.append((name, "d", m.mode, None, None, None))
                elif m.issym():
                    ents.append((name, "l", m.mode, None, None, m.linkname))
                elif m.islnk():
                    tgt = m.linkname.lstrip("./") if m.linkname.startswith("./") else m.linkname
                    size, dg = hashes.get(tgt, (None, None))
                    ents.append((name, "f", m.mode, size, dg, None))
                    hashes[name] = (size, dg)
                elif m.isreg():
                    f = tf.extractfile(m)
                    dg, got = hash_exact(f, m.size)
                    if got != m.size:
                        raise ReaderFailed("bsdtar: short content for %s" % show(name))
                    n_hashed += 1
                    hashes[name] = (m.size, dg)
                    ents.append((name, "f", m.mode, m.size, dg, None))
                else:
                    ents.append((name, "o", m.mode, None, None, None))
    except tarfile.TarError as e:
        proc.kill()
        t.join()
        raise ReaderFailed("bsdtar output unreadable: %s; %s" % (e, b"".join(errbuf).decode(
            "utf-8", "replace")[-400:]))
    rc = proc.wait()
    t.join()
    err = b"".join(errbuf).decode("utf-8", "replace").strip()
    if rc != 0:
        raise ReaderFailed("bsdtar exited %d: %s" % (rc, err[-600:]))
    if not ents and ctx.src_nonempty:
        raise ReaderFailed("bsdtar listed nothing: " + err[-300:])
    v = View("bsdtar", ns, tree_from_entries(ents), modes=(ns == RR), names=ns_names(ns))
    v.hashed = n_hashed
    if err:
        v.notes.append("bsdtar: " + err[:300])
    return v


def bsdtar_extract_reader(img, ns, ctx):
    """Joliet / plain views: bsdtar -x with read options into a temp dir."""
    if ns == JOLIET and ctx.src_joliet_path_bytes > LIBARCHIVE_UTF16_PATH_MAX:
        raise ReaderSkipped("bsdtar cannot build a Joliet path longer than %d UTF-16 bytes "
                            "(libarchive's UTF16_NAME_MAX: 'Pathname is too long'); the source's "
                            "longest Joliet path takes about %d" % (LIBARCHIVE_UTF16_PATH_MAX,
                                                                    ctx.src_joliet_path_bytes))
    opts = {JOLIET: "iso9660:!rockridge", ISO: "iso9660:!rockridge,iso9660:!joliet"}[ns]
    d = tempfile.mkdtemp(prefix="bsdtar-", dir=ctx.tmp)
    try:
        run(["bsdtar", "-x", "--options", opts, "-f", img, "-C", d])
        m = ml.manifest_from_dir(d)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    if not m["entries"] and ctx.src_nonempty:
        raise ReaderFailed("bsdtar extracted nothing")
    names = ns_names(ns)
    if ns == JOLIET:
        # libarchive normalizes names it converts from UTF-16 to NFC
        names = JolietNames(lambda x: unicodedata.normalize("NFC", x))
    v = View("bsdtar", ns, tree_from_manifest(m), modes=False, names=names)
    v.hashed = sum(1 for e in m["entries"] if e["type"] == "f")
    return v


def pycdlib_open(img):
    try:
        import pycdlib
    except ImportError:
        raise ReaderFailed("pycdlib is not importable (install python3-pycdlib, run with "
                           "/usr/bin/python3)")
    iso = pycdlib.PyCdlib()
    try:
        iso.open(img)
    except Exception as e:  # noqa: BLE001 - any parse error is a finding
        raise ReaderFailed("pycdlib cannot parse the image: %s: %s" % (type(e).__name__, e))
    return iso


def pycdlib_reader(img, ns, ctx):
    import pycdlib.pycdlibio as pio
    iso = pycdlib_open(img)        # one instance per thread: it seeks a shared fd
    if ns == RR and not iso.has_rock_ridge():
        raise ReaderFailed("pycdlib: no Rock Ridge in the image")
    if ns == JOLIET and not iso.has_joliet():
        raise ReaderFailed("pycdlib: no Joliet in the image")
    root_rec = iso.get_record(joliet_path="/") if ns == JOLIET else iso.get_record(iso_path="/")
    root = Node("", "d")
    v = View("pycdlib", ns, root, modes=(ns == RR), names=ns_names(ns))
    seen = set()
    cont = set()

    def name_of(c):
        if ns == JOLIET:
            return c.file_identifier().decode("utf-16-be", "surrogatepass")
        if ns == RR:
            if c.rock_ridge is None:
                return None
            return ml.fs_decode(c.rock_ridge.name())
        return c.file_identifier().decode("ascii", "surrogateescape")

    def visit(rec, node, path, depth):
        if depth > 64 or id(rec) in seen:
            raise ReaderFailed("pycdlib: directory loop at %s" % show(path))
        seen.add(id(rec))
        for c in rec.children:
            if c.is_dot() or c.is_dotdot() or id(c) in cont:
                continue
            rr = c.rock_ridge if ns == RR else None
            if ns == RR and rr is not None and rr.relocated_record():
                continue     # shown at its CL placeholder instead
            nm = name_of(c)
            if nm is None:
                nm = c.file_identifier().decode("ascii", "replace")
                v.notes.append("no Rock Ridge entry on %s" % show(join(path, nm)))
            p = join(path, nm)
            target_rec = c
            if rr is not None and rr.child_link_record_exists():
                target_rec = rr.cl_to_moved_dr
            if rr is not None and rr.is_symlink():
                n = Node(nm, "l", safe_mode(rr), target=ml.fs_decode(rr.symlink_path()))
                node.children.append(n)
            elif target_rec.is_dir():
                n = Node(nm, "d", safe_mode(target_rec.rock_ridge) if ns == RR else None)
                node.children.append(n)
                visit(target_rec, n, p, depth + 1)
            else:
                # a multi-extent file is a chain of records (data_continuation)
                chain = [c]
                while chain[-1].data_continuation is not None:
                    chain.append(chain[-1].data_continuation)
                    cont.add(id(chain[-1]))
                size = sum(r.get_data_length() for r in chain)
                n = Node(nm, "f", safe_mode(rr) if ns == RR else None, size)
                h = ml.new_hash()
                got = 0
                for r in chain:
                    if r.get_data_length() == 0:
                        continue
                    if r.inode is None:
                        raise ReaderFailed("pycdlib: %s has %d bytes but no data" % (show(p), size))
                    with pio.PyCdlibIO(r.inode, iso.logical_block_size) as f:
                        while True:
                            b = f.read(ml.CHUNK)
                            if not b:
                                break
                            h.update(b)
                            got += len(b)
                if got != size:
                    raise ReaderFailed("pycdlib: read %d of %d bytes of %s" % (got, size, show(p)))
                n.hash = h.hexdigest()
                v.hashed += 1
                if len(chain) > 1:
                    v.notes.append("%s: %d extents" % (show(p), len(chain)))
                node.children.append(n)
    visit(root_rec, root, "", 1)
    return v


def safe_mode(rr):
    if rr is None:
        return None
    try:
        return rr.get_file_mode() & 0o7777
    except Exception:  # noqa: BLE001 - no PX entry
        return None


# ------------------------------------------------------------------ structure (pycdlib)

ISO_FILE_RE = re.compile(r"^([A-Z0-9_]*)\.([A-Z0-9_]*);([0-9]{1,5})$")
ISO_DIR_RE = re.compile(r"^[A-Z0-9_]+$")


def structure_check(img, ctx, iso_level):
    diffs = []
    notes = []
    iso = ctx.pycdlib()
    has_rr = iso.has_rock_ridge()
    has_j = iso.has_joliet()
    for ns, present in ((RR, has_rr), (JOLIET, has_j)):
        if ns in ctx.expect and not present:
            diffs.append("image has no %s, but --expect lists it" % ns)
        if ns not in ctx.expect and present:
            diffs.append("image carries %s, but --expect does not list it" % ns)
    if iso.has_udf():
        notes.append("image also carries UDF (not checked here; 7z reads UDF when present)")
    if has_rr:
        notes.append("Rock Ridge version as detected by pycdlib: %s" % iso.rock_ridge)
        root = iso.get_record(iso_path="/")
        dot = root.children[0]
        ers = []
        rr = dot.rock_ridge
        for grp in (getattr(rr, "dr_entries", None), getattr(rr, "ce_entries", None)):
            er = getattr(grp, "er_record", None) if grp is not None else None
            if er is not None:
                ers.append(er.ext_id.decode("ascii", "replace"))
        if not ers:
            diffs.append("root '.' record has no SUSP ER entry (RRIP requires one)")
        else:
            notes.append("Rock Ridge ER identifier(s): %s" % ", ".join(ers))
            if not any(e in ("RRIP_1991A", "IEEE_P1282", "IEEE_1282") for e in ers):
                diffs.append("ER identifier %s is none of RRIP_1991A / IEEE_P1282 / IEEE_1282" % ers)
    # ISO 9660 names, depth, uniqueness
    maxlen = 8 if iso_level == 1 else 30
    maxdepth = [1]

    def visit_iso(rec, path, depth):
        maxdepth[0] = max(maxdepth[0], depth)
        seen = {}
        for c in rec.children:
            if c.is_dot() or c.is_dotdot():
                continue
            ident = c.file_identifier().decode("ascii", "replace")
            p = path + "/" + ident
            if iso_level == 4:      # ISO 9660:1999: any d1-character, up to 207 bytes
                ok = 0 < len(ident) <= 207
                key = ident.split(";")[0]
            elif c.is_dir():
                ok = ISO_DIR_RE.match(ident) and len(ident) <= (8 if iso_level == 1 else 31)
                key = ident
            else:
                m = ISO_FILE_RE.match(ident)
                ok = bool(m) and (m.group(1) or m.group(2))
                if ok and iso_level == 1:
                    ok = len(m.group(1)) <= 8 and len(m.group(2)) <= 3
                elif ok:
                    ok = len(m.group(1)) + len(m.group(2)) <= maxlen
                key = ident.split(";")[0]
            if not ok and c.rock_ridge is not None and c.rock_ridge.child_link_record_exists() \
                    and ISO_DIR_RE.match(ident):
                notes.append("Rock Ridge CL placeholders carry directory-style identifiers without "
                             "';1' (e.g. %s), as mkisofs writes them" % p)
                ok = True
            if not ok:
                diffs.append("ISO 9660 identifier %r is not a valid level-%d name" % (p, iso_level))
            if key in seen and not (c.file_flags & 0x80 or seen[key] & 0x80):
                diffs.append("ISO 9660 name %r appears twice in %s" % (ident, path or "/"))
            seen[key] = c.file_flags
            if c.is_dir():
                visit_iso(c, p, depth + 1)
    visit_iso(iso.get_record(iso_path="/"), "", 1)
    if maxdepth[0] > 8:
        evd2 = getattr(iso, "enhanced_vd", None)
        if evd2 is None and RELOCATION["policy"] == "none":
            notes.append("ISO 9660 directory hierarchy is %d levels deep, beyond ECMA-119 6.8.2.1's 8: "
                         "written in place on purpose (--relocation none)" % maxdepth[0])
        elif evd2 is None:
            diffs.append("ISO 9660 directory hierarchy is %d levels deep (ECMA-119 6.8.2.1 allows 8; "
                         "relocate deeper directories with Rock Ridge RE/CL)" % maxdepth[0])
        else:
            notes.append("ISO 9660 depth %d, allowed by the ISO 9660:1999 descriptor" % maxdepth[0])
    if has_j:
        casecoll = []

        def visit_j(rec, path):
            seen = {}
            folded = {}
            for c in rec.children:
                if c.is_dot() or c.is_dotdot():
                    continue
                raw = c.file_identifier()
                try:
                    nm = raw.decode("utf-16-be")
                except UnicodeDecodeError:
                    diffs.append("Joliet name %r in %s is not valid UTF-16 (unpaired surrogate?)"
                                 % (raw, path or "/"))
                    nm = raw.decode("utf-16-be", "surrogatepass")
                p = path + "/" + nm
                if len(raw) // 2 > JOLIET_MAX:
                    diffs.append("Joliet name %s is %d UTF-16 code units (limit %d)"
                                 % (show(p), len(raw) // 2, JOLIET_MAX))
                bad = set(nm) & JOLIET_FORBIDDEN
                if bad and not c.is_dir() and nm.endswith(";1") and not (set(nm[:-2]) & JOLIET_FORBIDDEN):
                    bad = set()
                if bad:
                    diffs.append("Joliet name %s has characters Joliet forbids: %r" % (show(p), sorted(bad)))
                if nm.endswith(";1"):
                    notes.append("Joliet names carry ';1' (e.g. %s); readers strip it" % show(p))
                key = nm[:-2] if nm.endswith(";1") else nm
                cf = key.casefold()
                if cf in folded and folded[cf] != key:
                    casecoll.append(p)
                folded[cf] = key
                if key in seen and not (seen[key] & 0x80):
                    diffs.append("Joliet name %s appears twice" % show(p))
                seen[key] = c.file_flags
                if c.is_dir():
                    visit_j(c, p)
        visit_j(iso.get_record(joliet_path="/"), "")
        if casecoll:
            notes.append("%d Joliet name(s) differ from a sibling only in case (e.g. %s): Windows "
                         "and Linux (check=relaxed) open only one of them" % (len(casecoll),
                                                                            show(casecoll[0])))
    return diffs, dedup(notes)


def dedup(xs):
    out = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out[:5] + (["... %d similar notes" % (len(out) - 5)] if len(out) > 5 else [])


# ------------------------------------------------------------------ kernel

def kernel_optsets(expect, user_opts):
    """[(mount options, namespace)]"""
    def ns_of(opts):
        parts = set(p for p in opts.split(",") if p)
        if "norock" in parts and "nojoliet" in parts:
            return ISO
        if "norock" in parts:
            return JOLIET if JOLIET in expect else ISO
        if RR in expect:
            return RR
        if JOLIET in expect and "nojoliet" not in parts:
            return JOLIET
        return ISO
    if user_opts:
        return [(o, ns_of(o)) for o in user_opts]
    sets = []
    if RR in expect:
        sets.append(("", RR))
    if JOLIET in expect:
        sets.append(("norock", JOLIET))
    sets.append(("norock,nojoliet", ISO))
    return sets


def mark_case_collisions(root, view):
    """Linux mounts Joliet with check=relaxed unless told otherwise (like
    Windows, it looks names up case-insensitively): of siblings whose names
    differ only in case, every one opens the same file, so their sizes and
    contents say nothing about the image."""
    n = 0
    for path, d in [("", root)] + [(p, x) for p, x in iter_tree(root) if x.type == "d"]:
        groups = collections.defaultdict(list)
        for c in d.children:
            groups[c.name.casefold()].append(c)
        for g in groups.values():
            if len(g) > 1:
                for c in g:
                    if c.type == "f":
                        c.extra["unverifiable"] = True
                        n += 1
                        if len(view.unhashed) < 3:
                            view.unhashed.append((join(path, c.name), "name differs from a "
                                                  "sibling's only in case"))
    if n:
        view.notes.append("%d file(s) not compared: Linux looks Joliet names up case-insensitively "
                          "(check=relaxed is the Joliet default, as on Windows), so names that "
                          "differ only in case all open one file" % n)


class KernelRun:
    """The kernel as a reader: boots kernel_manifest.py at once (it runs while
    the other readers do), or, with `done`, takes the result of a boot made
    before (kernel_manifest.py's single-image JSON, mounted with `optsets`)."""

    def __init__(self, img, optsets, tmp, verbose, done=None):
        self.optsets = optsets
        self.out = done or os.path.join(tmp, "kernel.json")
        self.log = os.path.join(tmp, "kernel.console")
        self.t0 = time.time()
        self.proc = None
        if done:
            return
        cmd = ["/usr/bin/python3", os.path.join(HERE, "kernel_manifest.py"), "--image", img, "--smp", "1",
               "--out", self.out, "--console-log", self.log]
        for o, _ in optsets:
            cmd += ["--opts=" + o]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)

    def views(self):
        rc, err = 0, ""
        if self.proc is not None:
            err = self.proc.stderr.read().decode("utf-8", "replace")
            rc = self.proc.wait()
        self.seconds = time.time() - self.t0
        if rc != 0 or not os.path.exists(self.out):
            raise ReaderFailed("kernel_manifest.py exited %d: %s" % (rc, err.strip()[-1500:]))
        with open(self.out) as f:
            res = json.load(f)
        if len(res["mounts"]) != len(self.optsets):
            raise ReaderFailed("%s holds %d mounts, %d option sets given"
                               % (self.out, len(res["mounts"]), len(self.optsets)))
        out = []
        for (opts, ns), m in zip(self.optsets, res["mounts"]):
            label = "kernel -o %s" % m["options"]
            if not m.get("manifest"):
                out.append((label, ns, ReaderFailed("%s: %s%s" % (label, m.get("error", "?"),
                                                                  "; dmesg: " + " | ".join(
                                                                      m["dmesg"].splitlines()[-8:])
                                                                  if m.get("dmesg") else ""))))
                continue
            root = tree_from_manifest(m["manifest"])
            v = View(label, ns, root, modes=(ns == RR), names=ns_names(ns))
            if ns == JOLIET and "check=s" not in m["options"]:
                mark_case_collisions(root, v)
            v.hashed = sum(1 for e in m["manifest"]["entries"] if e["type"] == "f")
            if not m["ok"]:
                out.append((label, ns, ReaderFailed("%s: %s" % (label, m.get("error")))))
                continue
            if m.get("dmesg"):
                v.notes.append("dmesg: " + " | ".join(l.strip() for l in m["dmesg"].splitlines()
                                                      if "ISO" in l or "isofs" in l or "UDF" in l
                                                      or "rror" in l)[-400:])
            out.append((label, ns, v))
        return out


# ------------------------------------------------------------------ main

READERS = {
    "xorriso": xorriso_reader,
    "isoinfo": isoinfo_reader,
    "pycdlib": pycdlib_reader,
    "bsdtar": bsdtar_reader,
    "libcdio": libcdio_reader,
    "7z": sevenzip_reader,
}
# Which readers check which namespace (the kernel is added with --kernel).
PLAN = {
    RR: ["xorriso", "isoinfo", "pycdlib", "bsdtar", "libcdio", "7z"],
    JOLIET: ["isoinfo", "libcdio", "7z", "pycdlib", "xorriso", "bsdtar"],
    ISO: ["isoinfo", "libcdio", "pycdlib", "xorriso", "bsdtar", "7z"],
}


class Ctx:
    pass


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("\n\n", 1)[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--image", required=True)
    ap.add_argument("--source", required=True, help="source directory, or a manifest JSON "
                    "written by source_manifest.py")
    ap.add_argument("--expect", required=True, help="comma list of iso9660, joliet, rockridge")
    ap.add_argument("--kernel", action="store_true", help="also boot the Linux kernel as a reader")
    ap.add_argument("--kernel-opts", action="append", default=None, metavar="OPTS",
                    help="mount option set for the kernel (repeatable; default: one per namespace: "
                         "'' for rockridge, norock for joliet, norock,nojoliet for iso9660)")
    ap.add_argument("--kernel-json", metavar="FILE",
                    help="with --kernel: do not boot, take this kernel_manifest.py result (one image, "
                         "mounted with the --kernel-opts sets, in their order)")
    ap.add_argument("--readers", default=",".join(READERS),
                    help="comma list among %s (default: all)" % ",".join(READERS))
    ap.add_argument("--iso-level", type=int, default=3, choices=[1, 2, 3, 4],
                    help="ISO 9660 interchange level the names must satisfy (default 3)")
    ap.add_argument("--joliet-keep", type=int, default=JOLIET_KEEP, metavar="N",
                    help="a shortened Joliet name must keep the first N UTF-16 code units of the "
                         "source name (default %(default)s)")
    ap.add_argument("--skip-ns", action="append", choices=NAMESPACES, metavar="NS",
                    help="expect NS on the image but compare no reader's view of it (e.g. iso9660 of a tree "
                         "relocated more than once: the checker re-attaches one level of relocation)")
    ap.add_argument("--relocation", choices=("tolerated", "none", "hidden"), default="tolerated",
                    help="deep directories: a relocation directory tolerated (default), forbidden in "
                         "every namespace (none), or hidden from Rock Ridge readers by RE (hidden)")
    ap.add_argument("--json", help="write a machine-readable report here")
    ap.add_argument("--max-diffs", type=int, default=25, help="differences shown per reader")
    ap.add_argument("--per-file-max", type=int, default=0, metavar="N",
                    help="isoinfo -x and iso-read start one process per file: extract at most N "
                         "files with them, evenly spread (default 0 = all)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                    help="readers run in parallel (default: %(default)s)")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)

    JolietNames.default_keep = a.joliet_keep
    RELOCATION["policy"] = a.relocation
    expect = set(x.strip() for x in a.expect.split(",") if x.strip())
    bad = expect - set(NAMESPACES)
    if bad or not expect:
        ap.error("--expect: unknown namespace(s) %s" % ",".join(sorted(bad)))
    if ISO not in expect:
        ap.error("--expect must include iso9660 (every image has the primary tree)")
    readers = [r.strip() for r in a.readers.split(",") if r.strip()]
    for r in readers:
        if r not in READERS:
            ap.error("--readers: unknown reader %s" % r)
    if not os.path.isfile(a.image):
        ap.error("no such image: %s" % a.image)

    t_start = time.time()
    tmp = tempfile.mkdtemp(prefix="check_image-")
    results = []     # dicts: reader, ns, status, diffs, notes, seconds
    try:
        kern = None
        if a.kernel:
            kern = KernelRun(a.image, kernel_optsets(expect, a.kernel_opts), tmp, a.verbose, a.kernel_json)
        if os.path.isdir(a.source):
            src_m = ml.manifest_from_dir(a.source)
        else:
            src_m = ml.load(a.source)
            if src_m.get("hash") != ml.HASH_ALGO:
                ap.error("--source manifest uses hash %r, expected %r" % (src_m.get("hash"),
                                                                          ml.HASH_ALGO))
        src = tree_from_manifest(src_m)
        ctx = Ctx()
        ctx.expect = expect
        ctx.tmp = tmp
        ctx.src_nonempty = bool(src.children)
        ctx.per_file_max = a.per_file_max
        ctx.src_non_bmp = any(has_non_bmp(p) for p, _ in iter_tree(src))
        ctx.src_long_names = any(len(ml.fs_encode(n.name)) > 100 for _, n in iter_tree(src)
                                 if _encodable(n.name))
        ctx.src_joliet_path_bytes = max([joliet_path_bytes(p) for p, _ in iter_tree(src)] or [0])
        ctx.src_depth = max([p.count("/") + 1 for p, n in iter_tree(src) if n.type == "d"] or [0])
        _iso = []

        def get_iso():
            if not _iso:
                _iso.append(pycdlib_open(a.image))
            return _iso[0]
        ctx.pycdlib = get_iso
        nf, nd, nl = count(src)
        print("check_image: %s\n  source %s: %d files, %d directories, %d symlinks; expect %s"
              % (a.image, a.source, nf, nd, nl, ",".join(n for n in NAMESPACES if n in expect)))

        # structure first (also tells 7z's namespace); it is pycdlib's, so it
        # goes with pycdlib when --readers leaves pycdlib out
        t0 = time.time()
        try:
            if "pycdlib" not in readers:
                raise ReaderSkipped("pycdlib is not among --readers")
            sd, sn = structure_check(a.image, ctx, a.iso_level)
            iso = get_iso()
            ctx.has_rr = iso.has_rock_ridge()
            ctx.has_joliet = iso.has_joliet()
            ctx.has_udf = iso.has_udf()
            results.append(dict(reader="pycdlib-structure", ns="structure",
                                status="FAIL" if sd else "PASS", diffs=sd, notes=sn,
                                seconds=time.time() - t0))
        except ReaderFailed as e:
            ctx.has_rr = RR in expect
            ctx.has_joliet = JOLIET in expect
            ctx.has_udf = False
            results.append(dict(reader="pycdlib-structure", ns="structure", status="FAIL",
                                diffs=[str(e)], notes=[], seconds=time.time() - t0))
        except ReaderSkipped as e:
            ctx.has_rr = RR in expect
            ctx.has_joliet = JOLIET in expect
            ctx.has_udf = True
            results.append(dict(reader="pycdlib-structure", ns="structure", status="SKIP",
                                diffs=[], notes=[str(e)], seconds=time.time() - t0))
        report(results[-1], a.max_diffs)

        def one(ns, r):
            t0 = time.time()
            res = dict(reader=r, ns=ns, diffs=[], notes=[])
            try:
                v = READERS[r](a.image, ns, ctx)
                res["reader"] = v.reader
                check_view(v, expected_tree(src, ns, expect), expect, res, a.max_diffs)
            except ReaderSkipped as e:
                res["status"] = "SKIP"
                res["notes"] = [str(e)]
            except ReaderFailed as e:
                res["status"] = "FAIL"
                res["diffs"] = ["reader failed: %s" % e]
            except Exception as e:  # noqa: BLE001 - a checker bug must not pass silently
                res["status"] = "FAIL"
                res["diffs"] = ["checker error: %s: %s" % (type(e).__name__, e)]
            res["seconds"] = time.time() - t0
            return res
        work = [(ns, r) for ns in (RR, JOLIET, ISO) if ns in expect and ns not in (a.skip_ns or [])
                for r in PLAN[ns] if r in readers]
        with concurrent.futures.ThreadPoolExecutor(max(1, a.jobs)) as ex:
            futs = [ex.submit(one, ns, r) for ns, r in work]
            for f in futs:          # report in plan order, as they complete
                res = f.result()
                results.append(res)
                report(res, a.max_diffs, a.verbose)
        if kern is not None:
            t0 = time.time()
            try:
                kviews = kern.views()
            except ReaderFailed as e:
                kviews = [("kernel", "all", e)]
            for label, ns, v in kviews:
                res = dict(reader=label, ns=ns, diffs=[], notes=[])
                if isinstance(v, Exception):
                    res["status"] = "FAIL"
                    res["diffs"] = ["reader failed: %s" % v]
                else:
                    check_view(v, expected_tree(src, ns, expect), expect, res, a.max_diffs)
                res["seconds"] = getattr(kern, "seconds", time.time() - t0)
                results.append(res)
                report(res, a.max_diffs, a.verbose)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    fails = [r for r in results if r["status"] == "FAIL"]
    total = time.time() - t_start
    print("RESULT: %s (%d checks: %d passed, %d failed, %d skipped) in %.1fs"
          % ("FAIL" if fails else "PASS", len(results),
             sum(r["status"] == "PASS" for r in results), len(fails),
             sum(r["status"] == "SKIP" for r in results), total))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"image": a.image, "expect": sorted(expect), "ok": not fails,
                       "seconds": round(total, 1), "results": results}, f, indent=1,
                      ensure_ascii=True, default=str)
    return 1 if fails else 0


def check_view(v, exp, expect, res, max_diffs):
    c = Comparer(v, expect, max_diffs)
    diffs = c.run(exp)
    res["diffs"] = diffs
    res["notes"] = dedup(v.notes)
    if v.unhashed:
        res["notes"].append("%d file(s) not content-checked: %s" % (
            len(v.unhashed), "; ".join("%s (%s)" % (show(p), why) for p, why in v.unhashed[:3])))
    f, d, l = count(v.root)
    res["summary"] = "%d files (%d hashed), %d dirs, %d symlinks" % (f, v.hashed, d, l)
    res["status"] = "FAIL" if diffs else "PASS"


def report(res, max_diffs, verbose=False):
    line = "[%s] %-10s %-28s %6.1fs" % (res["status"], res["ns"], res["reader"], res.get("seconds", 0))
    if res.get("summary"):
        line += "  " + res["summary"]
    print(line, flush=True)
    for d in res["diffs"][:max_diffs]:
        print("       - " + d)
    if len(res["diffs"]) > max_diffs:
        print("       ... and %d more differences" % (len(res["diffs"]) - max_diffs))
    if res["notes"] and (verbose or res["status"] != "PASS"):
        for n in res["notes"]:
            print("       note: " + n)
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
