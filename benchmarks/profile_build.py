"""Where a clean build's time goes, beyond Heard's own functions.

Usage: python benchmarks/profile_build.py [SOURCE] [--trainer] [--no-notebooks] [--top N]

Builds SOURCE (default: this curriculum) once, clean, in this process under cProfile, then
prints: the share of time by package (own time of each function, summed by the package its
file belongs to); the slowest Sphinx and docutils transforms (cumulative); the slowest
functions below Sphinx's build driver (cumulative: where the next cost is); the notebooks'
share (nbsphinx's parser, which runs each notebook); and how many doctree nodes of each kind
the build made, from the pickled doctrees.
"""

from __future__ import annotations

import argparse
import cProfile
import collections
import pickle
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = re.compile(r"(?:site-packages|src)/([A-Za-z_][\w]*)")


def package_of(filename: str) -> str:
    if filename.startswith("<") or filename == "~":
        return "builtins"
    match = PACKAGE.search(filename)
    if match:
        return match.group(1)
    return "stdlib" if "/lib/python" in filename else "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", nargs="?", default=str(REPO))
    parser.add_argument("--trainer", action="store_true")
    parser.add_argument("--no-notebooks", action="store_true",
                        help="do not run notebooks (nbsphinx_execute=never)")
    parser.add_argument("--top", type=int, default=25,
                        help="how many of the slowest functions to list")
    args = parser.parse_args()
    from sphinx.cmd.build import build_main

    out = Path(tempfile.mkdtemp(prefix="heard-profile-"))
    argv = ["-q", "-E", "-b", "html", args.source, str(out)]
    if args.trainer:
        argv[:0] = ["-t", "trainer"]
    if args.no_notebooks:
        argv[:0] = ["-D", "nbsphinx_execute=never"]
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    code = build_main(argv)
    profile.disable()
    total = time.perf_counter() - start
    if code:
        sys.exit(f"the build failed ({code})")
    stats = pstats.Stats(profile)
    own: collections.Counter = collections.Counter()
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        own[package_of(filename)] += tottime
    profiled = sum(own.values())
    print(f"clean build of {args.source}: {total:.1f} s under the profiler "
          f"({profiled:.1f} s of function time)")
    print("\nown time by package:")
    for name, seconds in own.most_common(12):
        print(f"  {name:24} {seconds:7.2f} s  {100 * seconds / profiled:5.1f} %")

    def cumulative(predicate) -> list[tuple[float, str]]:
        found = []
        for (filename, line, name), (_cc, _nc, _tt, cumtime, _callers) in stats.stats.items():
            if predicate(filename, name):
                where = "/".join(Path(filename).parts[-2:])
                found.append((cumtime, f"{where}:{line} {name}"))
        return sorted(found, reverse=True)

    print("\nslowest transforms (cumulative, `apply` or `run` in a transforms module):")
    for seconds, where in cumulative(lambda f, n: "transform" in f and n in ("apply", "run"))[:10]:
        print(f"  {seconds:7.2f} s  {where}")
    # The driver's functions (build, read, write, emit) hold everything; list what they call.
    driver = ("sphinx/application.py", "sphinx/cmd/build.py", "builders/__init__.py",
              "sphinx/events.py", "sphinx/util/display.py")
    print("\nslowest functions below Sphinx's build driver (cumulative, libraries only):")
    for seconds, where in cumulative(lambda f, n: package_of(f) not in ("builtins", "stdlib")
                                     and not f.endswith(driver))[:args.top]:
        print(f"  {seconds:7.2f} s  {where}")
    notebooks = cumulative(lambda f, n: "nbsphinx" in f and n == "parse")
    share = notebooks[0][0] if notebooks else 0.0
    print(f"\nnotebooks (nbsphinx's parser, running each one): {share:.1f} s, "
          f"{100 * share / profiled:.1f} % of function time")
    print(f"Heard's own code, own time: {own['heard']:.2f} s "
          f"({100 * own['heard'] / profiled:.1f} %)")

    nodes_by_kind: collections.Counter = collections.Counter()
    pages = 0
    for path in (out / ".doctrees").rglob("*.doctree"):
        pages += 1
        with path.open("rb") as handle:
            tree = pickle.load(handle)
        for node in tree.findall():
            nodes_by_kind[type(node).__name__] += 1
    print(f"\ndoctree nodes: {sum(nodes_by_kind.values())} in {pages} pages; the commonest:")
    for name, count in nodes_by_kind.most_common(12):
        print(f"  {name:24} {count:7d}")


if __name__ == "__main__":
    main()
