"""Time the Common Cartridge step of `heard build --format cc`, beyond the HTML build it reuses,
and report each cartridge's size.

Usage: python benchmarks/bench_cc.py [--html _build] [--runs 3]

The HTML editions must already be built in HTML/learner and HTML/trainer (`heard build`).
Each run is a fresh Python process that writes the cartridges into a temporary folder:
first the two edition cartridges alone, then everything `--format cc` writes (the edition
cartridges, one per module per edition, and the GIFT quiz files). The figures are the median
wall time of the runs. With --handouts, it also times, once, what `--format cc` adds when
no handouts are built yet: the learner handout PDFs and both editions' kits, made from a copy
of the HTML build's doctrees (cartridge/handouts.py, `make_handouts`). Targets (issue 16): each cartridge under 5 MB, and both built in under
30 s on two cores.
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

REPO = Path(__file__).resolve().parent.parent
STEP = """
import sys
from pathlib import Path
from heard.cartridge import build_cartridges
html, out, modules = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "all"
result = build_cartridges(Path(sys.argv[4]), {"learner": html / "learner",
                          "trainer": html / "trainer"}, out, modules=modules)
sys.exit(1 if result.problems else 0)
"""


HANDOUTS = """
import logging
import sys
from pathlib import Path
from heard import load
from heard.cartridge.handouts import make_handouts
logging.getLogger("weasyprint").setLevel(logging.WARNING)  # no page-by-page progress
root, out = Path(sys.argv[1]), Path(sys.argv[2])
make_handouts(root, out, sorted(load(root, "learner").modules), ("learner", "trainer"))
"""


def time_handouts(html: Path, folder: Path) -> float:
    shutil.copytree(html / ".doctrees", folder / ".doctrees")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", HANDOUTS, str(REPO), str(folder)], check=True)
    return time.perf_counter() - start


def run(html: Path, out: Path, scope: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", STEP, str(html), str(out), scope, str(REPO)],
                   check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--html", default=str(REPO / "_build"),
                        help="the folder holding the learner and trainer HTML builds")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--handouts", action="store_true",
                        help="also time building the handouts once, as --format cc does")
    args = parser.parse_args()
    html = Path(args.html).resolve()
    for edition in ("learner", "trainer"):
        if not (html / edition / "index.html").is_file():
            sys.exit(f"no {edition} build in {html}: run `heard build --out {html}` first")
    print(f"{'what':<34} {'median s':>9} {'min s':>7} {'max s':>7}")
    with tempfile.TemporaryDirectory(prefix="heard-bench-cc-") as folder:
        for scope, label in (("editions", "learner + trainer cartridges"),
                             ("all", "all cartridges (editions + modules)")):
            times = [run(html, Path(folder) / f"{scope}-{n}", scope) for n in range(args.runs)]
            print(f"{label:<34} {statistics.median(times):>9.2f} {min(times):>7.2f} "
                  f"{max(times):>7.2f}")
        if args.handouts:
            seconds = time_handouts(html, Path(folder) / "handouts")
            print(f"{'handouts (PDF + both kits), once':<34} {seconds:>9.2f}")
        print()
        print(f"{'cartridge':<52} {'size MB':>8}")
        built = Path(folder) / "all-0"
        for path in sorted(built.rglob("*.imscc")):
            print(f"{path.relative_to(built).as_posix():<60} {path.stat().st_size / 1e6:>8.2f}")


if __name__ == "__main__":
    main()
