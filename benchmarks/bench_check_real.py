"""Time `heard check` on the real curriculum grown to N real-size modules.

Usage: python benchmarks/bench_check_real.py [N ...] [--runs 3]

The curriculum is copied, then each of its real modules is copied again with a new id, title
and heading (and listed in the modules toctree) until there are N modules. For each N:
- cold: the project's check cache deleted before each run (the readability scores are kept,
  as on an author's machine; `--no-score-cache` drops those too);
- warm: nothing changed since the last check;
- peak memory: the largest resident set of any `heard check` process (getrusage).
Each figure is the best of --runs whole-process runs, as wall time and as CPU time (the
process and its parsing workers), since a shared machine's load inflates wall time.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARTS = ("index.md", "conf.py", "docs", "modules", "case_stories", "notebooks", "trainer_kit")
TOCTREE = re.compile(r"(```\{toctree\}\n(?::[^\n]*\n)*\n?)")


def grow(root: Path, n: int) -> int:
    """Copy the curriculum into root and grow it to n modules; return the number of files."""
    for part in PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("_build", ".*"))
        else:
            shutil.copy(source, root / part)
    modules = sorted(p for p in (root / "modules").glob("*.md")
                     if p.name != "index.md" and p.read_text().startswith("---\nid:"))
    names, material_names = [], []
    for copy in range(n - len(modules)):
        original = modules[copy % len(modules)]
        text = original.read_text(encoding="utf-8")
        old_id = re.search(r"^id: (.+)$", text, re.M).group(1)
        old_title = re.search(r"^title: \"?(.*?)\"?$", text, re.M).group(1)
        new_id, new_title = f"{old_id}-copy-{copy}", f"{old_title} (copy {copy})"
        text = text.replace(f"id: {old_id}\n", f"id: {new_id}\n", 1)
        text = re.sub(r"^title: .*$", f'title: "{new_title}"', text, count=1, flags=re.M)
        text = text.replace(f"\n# {old_title}\n", f"\n# {new_title}\n", 1)
        (root / "modules" / f"{new_id}.md").write_text(text, encoding="utf-8")
        names.append(new_id)
        # The module's printed materials go with it, so the copy is as complete as the
        # original (no H043 "no {material} provides" for every copy).
        materials = root / "modules" / "materials" / f"{old_id}.md"
        if materials.exists():
            (materials.parent / f"{new_id}.md").write_text(
                materials.read_text(encoding="utf-8").replace(
                    f"{{module}}`{old_id}`", f"{{module}}`{new_id}`").replace(
                    f":module: {old_id}\n", f":module: {new_id}\n"), encoding="utf-8")
            material_names.append(new_id)
    index = root / "modules" / "index.md"
    index.write_text(TOCTREE.sub(lambda m: m.group(1) + "".join(f"{x}\n" for x in names),
                                 index.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    if material_names:
        index = root / "modules" / "materials" / "index.md"
        index.write_text(TOCTREE.sub(lambda m: m.group(1) + "".join(
            f"{x}\n" for x in material_names), index.read_text(encoding="utf-8"), count=1),
            encoding="utf-8")
    return sum(1 for _ in root.rglob("*.md")) + sum(1 for _ in root.rglob("*.ipynb"))


def run_check(root: Path, env: dict) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (the process and its workers) and peak resident MB of one
    `heard check` process. CPU time says more than wall time on a shared, busy machine."""
    command = [sys.executable, "-m", "heard.cli", "check", str(root), "--today", "2026-11-22"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed, cpu, after.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-score-cache", action="store_true",
                        help="also start each cold run without the readability scores")
    args = parser.parse_args()
    print(f"{'modules':>8} {'files':>6} {'cold s':>7} {'cold cpu':>9} {'warm s':>7} "
          f"{'warm cpu':>9} {'peak MiB':>8}   (load average {os.getloadavg()[0]:.1f})")
    for n in args.sizes:
        root = Path(tempfile.mkdtemp(prefix=f"heard-real-{n}-"))
        scores = Path(tempfile.mkdtemp(prefix="heard-scores-"))
        env = {**os.environ, "XDG_CACHE_HOME": str(scores)}
        try:
            files = grow(root, n)
            run_check(root, env)  # fill the readability scores once
            cold, warm, peak = [], [], 0.0
            for _ in range(args.runs):
                shutil.rmtree(root / ".heard_cache", ignore_errors=True)
                if args.no_score_cache:
                    shutil.rmtree(scores / "heard", ignore_errors=True)
                cold.append(run_check(root, env)[:2])
            for _ in range(args.runs):
                seconds, cpu, peak = run_check(root, env)
                warm.append((seconds, cpu))
            print(f"{n:>8} {files:>6} {min(cold)[0]:>7.2f} {min(c for _s, c in cold):>9.2f} "
                  f"{min(warm)[0]:>7.2f} {min(c for _s, c in warm):>9.2f} {peak:>8.0f}   "
                  f"(load average {os.getloadavg()[0]:.1f})", flush=True)
        finally:
            shutil.rmtree(root)
            shutil.rmtree(scores)


if __name__ == "__main__":
    main()
