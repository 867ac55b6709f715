#!/usr/bin/python3
"""Print the manifest of a directory tree on the host, in the same format
(and with the same hash algorithm) as kernel_manifest.py, to compare the two.

    source_manifest.py DIR [--out FILE] [--no-mtime]

Symlinks are listed, never followed.  The format is described in
manifest_lib.py (JSON, ASCII-only, entries sorted by the UTF-8 path bytes).
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True      # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import manifest_lib as ml  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("\n\n", 1)[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", metavar="DIR")
    ap.add_argument("--out", help="write the JSON here instead of stdout")
    ap.add_argument("--no-mtime", action="store_true", help="leave out mtime fields")
    a = ap.parse_args(argv)
    if not os.path.isdir(a.dir):
        print("source_manifest: %s is not a directory" % a.dir, file=sys.stderr)
        return 2
    m = ml.manifest_from_dir(a.dir)
    m["root"] = os.path.abspath(a.dir)
    if a.no_mtime:
        for e in m["entries"]:
            e.pop("mtime", None)
    text = ml.dumps(m)
    if a.out:
        with open(a.out, "w", encoding="ascii") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
