"""Measure the session planner: coverage against exhaustive search, and time to plan.

Usage: python benchmarks/bench_plan.py [--root .] [--runs 5] [--synthetic 100]

1. On the real curriculum, for 60, 90, 120, 180, 240 and 360 minutes and each audience (with
   a co-trainer, asked to cover every quality item): the quality items the plan covers, the
   best any plan can cover, and the median time to plan. The best is found by exhaustive
   search: every subset of the usable modules, each run at its shortest (its story and one
   practice activity; the module that opens with its welcome), in every order, laid out with
   breaks by the planner's own layout. A subset that fits is possible; the best possible is
   the largest number of items such a subset covers.
2. On a synthetic curriculum of N modules (benchmarks/generate.py), the median time to plan a
   full day that covers a theme every module shares, and a mix of ids.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

import heard
from heard.plan import PlanError
from heard.plan.layout import DoesNotFit, lay_out
from heard.plan.optimise import eligible, options
from heard.plan.planner import make_plan
from heard.plan.request import AUDIENCES, Request, resolve

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

TARGETS = (60, 90, 120, 180, 240, 360)


def timed(func, runs: int):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        try:
            result = func()
        except PlanError as exc:
            result = exc
        times.append(time.perf_counter() - start)
    return result, statistics.median(times)


def best_possible(cur, request: Request) -> int:
    """The most targets any plan can cover, by exhaustive search over module subsets."""
    targets = resolve(cur, request.cover)
    docs, _ = eligible(cur, request)
    shortest = {d.id: min(options(d), key=lambda o: o.minutes) for d in docs}
    opener = {d.id: min((o for o in options(d) if o.opens), key=lambda o: o.minutes)
              for d in docs}
    best = 0
    for size in range(1, len(docs) + 1):
        for subset in itertools.combinations([d.id for d in docs], size):
            covers = sum(1 for t in targets if t.modules & set(subset))
            if covers <= best:
                continue
            work = sum(shortest[m].minutes for m in subset)
            breaks = -(-work // request.max_stretch) - 1  # a break may replace a change-over
            least = work + breaks * request.break_minutes + max(0, size - 1 - breaks) * \
                request.transition
            if least > request.minutes:
                continue  # cannot fit even at its shortest, with the fewest breaks
            if any(fits(cur, request, order, shortest, opener)
                   for order in itertools.permutations(subset)):
                best = covers
    return best


def fits(cur, request, order, shortest, opener) -> bool:
    chosen = [opener[order[0]], *(shortest[m] for m in order[1:])]
    try:
        lay_out(cur, request, chosen)
    except DoesNotFit:
        return False
    return True


def real(root: Path, runs: int) -> None:
    cur = heard.load(root)
    items = [ref for ref, *_ in cur.quality_items()]
    print(f"Real curriculum: {len(cur.modules)} modules, {len(items)} quality items to cover; "
          "with a co-trainer.")
    print(f"{'minutes':>7} {'audience':>11} {'covered':>8} {'best':>5} {'plan ms':>8}")
    for minutes in TARGETS:
        for audience in AUDIENCES:
            request = Request(minutes=minutes, audience=audience, co_trainer=True, cover=items)
            sheet, seconds = timed(lambda: make_plan(cur, request), runs)
            covered = 0 if isinstance(sheet, PlanError) else len(sheet.covered)
            best = best_possible(cur, request)
            flag = "" if covered == best else "  <- below the best"
            print(f"{minutes:>7} {audience:>11} {covered:>8} {best:>5} {seconds * 1000:>8.1f}"
                  f"{flag}")


def synthetic(n: int, runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix=f"heard-plan-{n}-") as folder:
        generate(n, Path(folder))
        cur = heard.load(folder)
        print(f"\nSynthetic curriculum: {len(cur.modules)} modules.")
        print(f"{'request':>44} {'rows':>5} {'covered':>8} {'plan ms':>8}")
        for label, cover in (("full day, cover theme trust (every module)", ["trust"]),
                             ("full day, cover 5 ids (items, list, module)",
                              ["list-3:item-1", "list-40:item-2", "module-77", "list-90",
                               "pcf:values-and-ethics"])):
            request = Request(minutes=360, audience="nqsw-asye", co_trainer=True, cover=cover)
            sheet, seconds = timed(lambda: make_plan(cur, request), runs)
            print(f"{label:>44} {len(sheet.rows):>5} {len(sheet.covered):>8} "
                  f"{seconds * 1000:>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=".", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--synthetic", type=int, default=100)
    args = parser.parse_args()
    real(args.root, args.runs)
    synthetic(args.synthetic, args.runs)


if __name__ == "__main__":
    main()
