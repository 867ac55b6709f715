#!/usr/bin/python3
"""A source that stalls: copies FILE to standard output as fast as the reader
takes it, but stops for --stall-ms (default 300) every --every-ms (default
2000) of wall time, the way a slow network share or a busy disk starves a
burner. Benchmark (e) of docs/performance.md pipes every burner from it.

    stall_producer.py [--stall-ms N] [--every-ms N] [--chunk BYTES] FILE

The clock runs while the producer is blocked on a full pipe too, so a reader
that is slower than the source still sees one stall every --every-ms. On
exit it prints to standard error: bytes, stalls, seconds. Standard library
only (run it with /usr/bin/python3).
"""
import argparse
import os
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--stall-ms", type=int, default=300)
    ap.add_argument("--every-ms", type=int, default=2000)
    ap.add_argument("--chunk", type=int, default=256 * 1024)
    a = ap.parse_args()
    if a.stall_ms < 0 or a.every_ms <= 0 or a.chunk <= 0:
        ap.error("--stall-ms must be >= 0, --every-ms and --chunk > 0")

    out = sys.stdout.fileno()
    stalls = 0
    sent = 0
    start = time.monotonic()
    next_stall = start + a.every_ms / 1000.0
    try:
        with open(a.file, "rb", buffering=0) as f:
            while True:
                now = time.monotonic()
                if now >= next_stall:
                    time.sleep(a.stall_ms / 1000.0)
                    stalls += 1
                    next_stall = time.monotonic() + a.every_ms / 1000.0
                buf = f.read(a.chunk)
                if not buf:
                    break
                view = memoryview(buf)
                while view:
                    n = os.write(out, view)
                    view = view[n:]
                    sent += n
    except BrokenPipeError:
        print(f"stall_producer: the reader went away after {sent} bytes", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"stall_producer: {e}", file=sys.stderr)
        return 1
    took = time.monotonic() - start
    print(f"stall_producer: {sent} bytes, {stalls} stalls of {a.stall_ms} ms, {took:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
