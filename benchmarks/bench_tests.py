"""Time the test suite as a whole process: wall clock, processor time (pytest and everything
it starts: Sphinx, Chromium, LibreOffice) and the machine's load average, which on a shared
machine says how far to trust the wall clock.

    python benchmarks/bench_tests.py                  # the fast tier: pytest -m "not site"
    python benchmarks/bench_tests.py --full           # the whole suite
    python benchmarks/bench_tests.py --workers 2      # the same with pytest-xdist, 2 workers

It prints pytest's own slowest-20 list too (`--durations=20`), for docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the whole suite, not the fast tier")
    parser.add_argument("--workers", type=int, default=0, help="pytest-xdist workers (0: none)")
    options = parser.parse_args()
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=20"]
    if not options.full:
        command += ["-m", "not site"]
    if options.workers:
        command += ["-n", str(options.workers)]
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - start
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = result.stdout.splitlines()
    slowest = next((i for i, line in enumerate(lines) if "slowest" in line), len(lines))
    print("\n".join(lines[slowest:]))
    print(f"\n{' '.join(command[2:])}")
    print(f"wall {wall:.1f} s, processor {used.ru_utime + used.ru_stime:.1f} s "
          f"(user {used.ru_utime:.1f} s, system {used.ru_stime:.1f} s), load average "
          f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after, {os.cpu_count()} cores")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
