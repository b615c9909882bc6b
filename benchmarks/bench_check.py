"""Time `heard check` on synthetic curricula of N modules (N = 10, 100, 1,000 by default).

Usage: python benchmarks/bench_check.py [N ...] [--runs 5]
Each figure is the median wall time of several whole-process runs, after one warm-up run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402


def time_check(root: Path, runs: int) -> list[float]:
    command = [sys.executable, "-m", "heard.cli", "check", str(root), "--today", "2026-11-22"]
    subprocess.run(command, check=True, capture_output=True)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 100, 1000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'modules':>8} {'files':>6} {'median s':>9} {'min s':>7} {'max s':>7}")
    for n in args.sizes:
        root = Path(tempfile.mkdtemp(prefix=f"heard-bench-{n}-"))
        try:
            generate(n, root)
            files = sum(1 for _ in root.rglob("*.md"))
            times = time_check(root, args.runs)
            print(f"{n:>8} {files:>6} {statistics.median(times):>9.3f} {min(times):>7.3f} "
                  f"{max(times):>7.3f}")
        finally:
            shutil.rmtree(root)


if __name__ == "__main__":
    main()
