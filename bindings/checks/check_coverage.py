#!/usr/bin/python3
"""Every function libimapi exports must be reachable from every binding.

    check_coverage.py --lib libimapi.so --csharp-so libimapi_csharp.so
                      --java-so libimapi_java.so --bindings-dir bindings/

For each language, two layers are measured against the exported imapi_*
symbols (nm -D):
  generated  what the generated layer calls: the imapi_* symbols the SWIG
             wrapper libraries import (nm -u), and for Rust the functions
             declared in imapi-sys's committed bindgen output;
  idiomatic  what the hand-written API calls: ImapiNative.imapi_* in the C#
             and Java sources, sys::imapi_* in the Rust crate.
A function missing from either layer of any binding fails the check.
So does a status code of the header (IMAPI_E_*/IMAPI_S_*) that a binding's
status list lacks or numbers differently (C# ImapiStatus, Java ImapiStatus,
Rust imapi-sys status.rs).
Exit status: 0 all covered, 1 something missing, 2 usage errors.
"""
import argparse
import pathlib
import re
import subprocess
import sys


def nm(path, *flags):
    out = subprocess.run(["nm", "-D", *flags, path], check=True, capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[-1].startswith("imapi_"):
            names.add(parts[-1].split("@")[0])
    return names


def grep(root, pattern, glob):
    found = set()
    for f in pathlib.Path(root).rglob(glob):
        found.update(re.findall(pattern, f.read_text(encoding="utf-8")))
    return found


def check_status_codes(header, b):
    """Every status the header defines, by value, in each binding's list."""
    codes = {int(v, 16) for v in re.findall(r"^#define IMAPI_[ES]_\w+ IMAPI_STATUS_\((0x[0-9A-Fa-f]+)u\)",
                                             header.read_text(encoding="utf-8"), re.M)}
    def values(path, pattern):
        return {int(v, 16) & 0xFFFFFFFF for v in re.findall(pattern, path.read_text(encoding="utf-8"))}
    lists = {
        "C#": values(b / "csharp" / "Imapi" / "ImapiStatus.cs", r"=\s*(?:unchecked\(\(int\))?(0x[0-9A-Fa-f]+)"),
        "Java": values(b / "java" / "src" / "main" / "java" / "org" / "libimapi" / "ImapiStatus.java", r"=\s*(0x[0-9A-Fa-f]+);"),
        "Rust": values(b / "rust" / "imapi-sys" / "src" / "status.rs", r"=\s*(0x[0-9A-Fa-f]+)u32"),
    }
    failed = False
    for lang, have in lists.items():
        missing = sorted(codes - have)
        print(f"{lang:5} status codes {len(codes & have):4}/{len(codes)} = {100.0 * len(codes & have) / len(codes):5.1f}%")
        for m in missing:
            print(f"      missing status 0x{m:08X}")
            failed = True
    return failed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lib", required=True)
    ap.add_argument("--csharp-so")
    ap.add_argument("--java-so")
    ap.add_argument("--bindings-dir", required=True)
    ap.add_argument("--header", required=True, help="include/imapi_c.h")
    a = ap.parse_args()
    b = pathlib.Path(a.bindings_dir)

    exported = nm(a.lib, "--defined-only")
    if not exported:
        print(f"no imapi_* symbol exported by {a.lib}")
        return 2

    layers = {}
    if a.csharp_so:
        layers["C#"] = {
            "generated": nm(a.csharp_so, "--undefined-only"),
            "idiomatic": grep(b / "csharp" / "Imapi", r"\bImapiNative\.(imapi_\w+)", "*.cs"),
        }
    else:
        layers["C#"] = None
    if a.java_so:
        layers["Java"] = {
            "generated": nm(a.java_so, "--undefined-only"),
            "idiomatic": grep(b / "java" / "src" / "main", r"\bImapiNative(?:\.|::)(imapi_\w+)", "*.java"),
        }
    else:
        layers["Java"] = None
    # Rust: the crate names functions as sys::imapi_x(...) or passes them to its
    # accessor macros (getter!(name, imapi_x, T)); any token naming a declared
    # function counts (type names share the prefix, so they are filtered out).
    rust_declared = grep(b / "rust" / "imapi-sys" / "src", r"pub fn (imapi_\w+)\(", "bindings.rs")
    rust_tokens = grep(b / "rust" / "imapi" / "src", r"\b(imapi_[a-z0-9_]+)\b", "*.rs")
    rust_calls = grep(b / "rust" / "imapi" / "src", r"\bsys::(imapi_[a-z0-9_]+)\s*\(", "*.rs")
    layers["Rust"] = {
        "generated": rust_declared,
        "idiomatic": (rust_tokens & rust_declared) | rust_calls,
    }

    failed = False
    n = len(exported)
    print(f"exported imapi_* functions: {n}")
    for lang, l in layers.items():
        if l is None:
            print(f"{lang:5} NOT BUILT: 0.0% reachable")
            failed = True
            continue
        for layer in ("generated", "idiomatic"):
            reached = l[layer] & exported
            missing = sorted(exported - l[layer])
            stray = sorted(l[layer] - exported)
            pct = 100.0 * len(reached) / n
            print(f"{lang:5} {layer:9} {len(reached):4}/{n} = {pct:5.1f}%")
            for m in missing:
                print(f"      missing: {m}")
                failed = True
            for s in stray:
                print(f"      calls a function the library does not export: {s}")
                failed = True
    failed |= check_status_codes(pathlib.Path(a.header), b)
    print("RESULT:", "FAIL" if failed else "PASS: every exported function is reachable from C#, Java and Rust")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
