"""Time `heard build --strict` (both editions) with the notebook exercises, whole process.

Usage: python benchmarks/bench_notebooks.py [--runs 5]

On a copy of the curriculum in a temporary folder, it times:
- a first build, which runs every notebook (once per edition);
- rebuilds with no change, which should run no notebook;
- rebuilds after touching one notebook, which run that notebook again (once per edition).
Each rebuild figure is the median of several whole-process runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CURRICULUM = ["conf.py", "index.md", "docs", "modules", "case_stories", "notebooks", "trainer_kit"]
TOUCHED = "notebooks/counting-what-matters.ipynb"


def copy_curriculum(target: Path) -> None:
    for name in CURRICULUM:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "_build"))
        else:
            shutil.copy2(source, target / name)


def build(root: Path, out: Path) -> float:
    command = [sys.executable, "-m", "heard.cli", "build", "--strict", "--root", str(root),
               "--out", str(out)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stdout}\n{done.stderr}")
    return seconds


def executed(out: Path) -> int:
    """How many notebooks the last build ran: executed copies newer than the marker file."""
    marker = out / ".bench-marker"
    return sum(1 for path in out.glob(".doctrees/*/nbsphinx/**/*.ipynb")
               if path.stat().st_mtime > marker.stat().st_mtime)


def timed_runs(root: Path, out: Path, runs: int, before=None) -> tuple[list[float], list[int]]:
    times, counts = [], []
    for _ in range(runs):
        if before:
            before()
        (out / ".bench-marker").touch()
        time.sleep(0.05)  # so that a file written by the build is strictly newer
        times.append(build(root, out))
        counts.append(executed(out))
    return times, counts


def row(name: str, times: list[float], counts: list[int]) -> str:
    ran = ",".join(str(c) for c in counts)  # per run; a toolkit edit mid-run re-runs them all
    return (f"{name:<34} {len(times):>4} {statistics.median(times):>9.2f} {min(times):>7.2f} "
            f"{max(times):>7.2f}  {ran}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="heard-bench-notebooks-"))
    try:
        root, out = work / "curriculum", work / "out"
        root.mkdir()
        copy_curriculum(root)
        out.mkdir()
        notebooks = len(list((root / "notebooks").glob("*.ipynb")))
        print(f"{notebooks} notebooks, both editions, `heard build --strict`, whole process; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
        print(f"{'build':<34} {'runs':>4} {'median s':>9} {'min s':>7} {'max s':>7}  "
              f"notebooks run")
        first, counts = timed_runs(root, out, 1)
        print(row("first build (runs every notebook)", first, counts))
        times, counts = timed_runs(root, out, args.runs)
        print(row("rebuild, nothing changed", times, counts))
        times, counts = timed_runs(root, out, args.runs,
                                   before=lambda: (root / TOUCHED).touch())
        print(row("rebuild, one notebook touched", times, counts))
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
