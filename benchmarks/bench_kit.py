"""Delivery kit benchmark: how long the kit adds to `make print`, and how big its files are.

Usage: python benchmarks/bench_kit.py [--root .] [--out _build/bench-kit] [--fresh]

`make print` leaves each edition's doctrees in OUT/.doctrees/EDITION; `make kit` then only
rewrites the two sites (their module pages list the kit) and writes the kit. This measures
that step as a whole process, `heard build --format kit --strict`, after plain HTML builds
(made first, untimed; --fresh starts from nothing), and splits it into its parts by timing
`-b heard-kit` alone for each edition. Then it sums the sizes of
the kit's files by kind and reports the zips' sizes.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HEARD = [sys.executable, "-m", "heard.cli"]
LOAD = 0.0


CPU: dict[str, float] = {}


def run(argv: list[str], name: str = "") -> float:
    """Wall time of a whole process; its CPU time (user + system) goes in CPU[name], which
    shows what the step costs when other work shares the machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[name] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall


def kind_of(path: Path) -> str:
    stem = path.stem
    for kind in ("session-plan", "handout", "slides", "materials", "joining", "certificate"):
        if stem.endswith(kind):
            return f"{kind}{path.suffix}"
    return path.name if path.parent.name != "programmes" else f"programme joining{path.suffix}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=".")
    parser.add_argument("--out", default="_build/bench-kit")
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    root, out = Path(args.root).resolve(), Path(args.out).resolve()
    if args.fresh and out.exists():
        shutil.rmtree(out)
    global LOAD
    LOAD = os.getloadavg()[0]
    # The state `make print` leaves: both editions built, without the kit's download lists.
    print("building both editions first (untimed)...", file=sys.stderr)
    run([*HEARD, "build", "--strict", "--root", str(root), "--out", str(out)])
    whole = run([*HEARD, "build", "--format", "kit", "--strict", "--root", str(root),
                 "--out", str(out)], "whole")
    kit_only = {}
    for edition in ("learner", "trainer"):
        tags = ["-t", "trainer"] if edition == "trainer" else []
        kit_only[edition] = run([sys.executable, "-m", "sphinx", *tags, "-b", "heard-kit", "-q",
                                 "-d", str(out / ".doctrees" / edition), str(root),
                                 str(out / "bench-kit-only" / edition)], edition)
    print(f"load average before: {LOAD:.1f} on {os.cpu_count()} cores")
    print(f"heard build --format kit (both editions, after the HTML builds): {whole:.1f} s "
          f"wall, {CPU['whole']:.1f} s CPU")
    for edition, seconds in kit_only.items():
        print(f"  the kit builder alone, {edition}: {seconds:.1f} s wall, "
              f"{CPU[edition]:.1f} s CPU")
    sizes: dict[str, list[int]] = defaultdict(list)
    for path in sorted((out / "kit" / "trainer").rglob("*.*")):
        sizes[kind_of(path)].append(path.stat().st_size)
    print("file sizes, trainer kit (KB): kind, files, median, largest")
    for kind, found in sorted(sizes.items()):
        print(f"  {kind}: {len(found)}, {statistics.median(found) / 1024:.0f},"
              f" {max(found) / 1024:.0f}")
    for edition in ("learner", "trainer"):
        zipped = out / "kit" / f"heard-kit-{edition}.zip"
        print(f"{zipped.name}: {zipped.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
