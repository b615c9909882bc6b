"""Build benchmarks: a clean learner build against Sphinx's own floor, rebuilds, -j 2, page size.

Usage: python benchmarks/bench_build.py [--modules 100] [--runs 3]

Figures (each the median of --runs whole-process runs of sphinx-build, after a warm-up):
  floor       bare Sphinx + myst-parser on plain Markdown pages of the same number and size
  stack       the same pages with the site's extensions but no Heard content or extension
  heard       the synthetic Heard curriculum, with the real conf (all extensions, Heard theme)
  noop        a rebuild with nothing changed
  edit        a rebuild after editing one story's text; ratio edit / noop
  parallel    -j 2 against serial, and whether every page is the same
It also profiles one clean build to find the share of time spent in Heard's own code, and
sums the bytes a browser downloads for one learner page.
"""

from __future__ import annotations

import argparse
import cProfile
import filecmp
import io
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SITE_CONF = """extensions = ["myst_parser", "sphinx_design", "nbsphinx"{heard}]
html_theme = "{theme}"
myst_enable_extensions = ["colon_fence"]
nbsphinx_requirejs_path = ""
heard_today = "2026-11-22"
"""
FENCE = re.compile(r"^`{3,}.*$|^:[\w-]+:.*$", re.M)


def sphinx(src: Path, out: Path, *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", *extra, str(src),
                    str(out)], check=True, capture_output=True)
    return time.perf_counter() - start


def median_clean(src: Path, runs: int, *extra: str) -> float:
    times = []
    for index in range(runs + 1):  # the first run warms the disk cache and is not counted
        out = src.parent / f"{src.name}-out"
        shutil.rmtree(out, ignore_errors=True)
        elapsed = sphinx(src, out, "-E", *extra)
        if index:
            times.append(elapsed)
    return statistics.median(times)


def plain_copy(heard_src: Path, target: Path) -> None:
    """The same pages with every directive fence and option line turned into plain text."""
    for path in heard_src.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # no front matter
        text = FENCE.sub("", text).replace("{story}", "").replace("{quality}", "")
        dest = target / path.relative_to(heard_src)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    # keep the toctrees so every page is in the tree, as in the Heard build
    for index in heard_src.rglob("index.md"):
        dest = target / index.relative_to(heard_src)
        entries = re.findall(r"```\{toctree\}\n(.*?)```", index.read_text(), flags=re.S)
        dest.write_text("# Index\n\n" + "".join(f"```{{toctree}}\n{e}```\n" for e in entries))


def heard_share(src: Path) -> tuple[float, float]:
    """(total seconds, seconds inside Heard's hooks) for one profiled clean build."""
    from sphinx.cmd.build import build_main

    out = src.parent / "profiled"
    shutil.rmtree(out, ignore_errors=True)
    profile = cProfile.Profile()
    profile.enable()
    build_main(["-q", "-E", "-b", "html", str(src), str(out)])
    profile.disable()
    stats = pstats.Stats(profile, stream=io.StringIO())
    total = max(entry[3] for entry in stats.stats.values())  # the outermost call
    hooks = ("on_source_read", "on_check_consistency", "on_config_inited", "on_builder_inited",
             "remember", "dependants", "prune_assets")
    inside = 0.0
    for (filename, _line, name), (_cc, _nc, tottime, cumtime, _callers) in stats.stats.items():
        if "/heard/" not in filename:
            continue
        if name in hooks or (name == "run" and "render.py" in filename):
            inside += cumtime  # the hook and everything it calls (loader, rules, rendering)
        elif "directives.py" in filename:
            inside += tottime  # a directive's own work; parsing its body is MyST's
    return total, inside


def page_bytes(site: Path, page: str) -> dict[str, int]:
    html_path = site / page
    html = html_path.read_text(encoding="utf-8")
    sizes = {"html": len(html.encode())}
    for url in re.findall(r'(?:href|src)="([^"#?]+\.(?:css|js|woff2?|ttf|png|svg))', html):
        if "//" in url:
            continue
        asset = (html_path.parent / url).resolve()
        if asset.is_file():
            sizes[url.rsplit("/", 1)[-1]] = asset.stat().st_size
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="heard-build-bench-"))
    try:
        heard_src = work / "heard"
        generate(args.modules, heard_src)
        (heard_src / "conf.py").write_text(SITE_CONF.format(heard=', "heard"', theme="heard"))
        floor_src, stack_src = work / "floor", work / "stack"
        plain_copy(heard_src, floor_src)
        (floor_src / "conf.py").write_text('extensions = ["myst_parser"]\n')
        plain_copy(heard_src, stack_src)
        (stack_src / "conf.py").write_text(SITE_CONF.format(heard="", theme="alabaster"))
        pages = sum(1 for _ in heard_src.rglob("*.md"))
        print(f"{args.modules} modules, {pages} pages; medians of {args.runs} runs")

        floor = median_clean(floor_src, args.runs)
        stack = median_clean(stack_src, args.runs)
        heard = median_clean(heard_src, args.runs)
        print(f"clean build  floor {floor:6.2f} s   stack {stack:6.2f} s   heard {heard:6.2f} s"
              f"   heard/floor {heard / floor:4.2f}   heard/stack {heard / stack:4.2f}")

        total, inside = heard_share(heard_src)
        print(f"profiled build: {inside:.2f} s of {total:.2f} s in Heard's code "
              f"({100 * inside / total:.1f} %)")

        out = work / "incremental"
        sphinx(heard_src, out)
        noops, edits, rewritten = [], [], 0
        story = heard_src / "case_stories" / "story-1.md"
        for index in range(args.runs):
            noops.append(sphinx(heard_src, out))
            text = story.read_text(encoding="utf-8")
            story.write_text(text.replace("## The story", f"## The story\n\nEdit {index}."))
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html",
                                     str(heard_src), str(out)], check=True, capture_output=True,
                                    text=True)
            edits.append(time.perf_counter() - start)
            rewritten = len(re.findall(r"^writing output\.\.\. \[.*?\] (\S+)", result.stdout,
                                       flags=re.M))
        noop, edit = statistics.median(noops), statistics.median(edits)
        print(f"rebuild      no-op {noop:6.2f} s   one story edited {edit:6.2f} s   ratio "
              f"{edit / noop:4.2f}   pages rewritten {rewritten}")

        serial_out, parallel_out = work / "serial", work / "parallel"
        serial = statistics.median(
            sphinx(heard_src, serial_out, "-E") for _ in range(args.runs))
        parallel = statistics.median(
            sphinx(heard_src, parallel_out, "-E", "-j", "2") for _ in range(args.runs))
        different = [str(p.relative_to(serial_out)) for p in serial_out.rglob("*.html")
                     if not filecmp.cmp(p, parallel_out / p.relative_to(serial_out),
                                        shallow=False)]
        print(f"parallel     serial {serial:6.2f} s   -j 2 {parallel:6.2f} s   ratio "
              f"{parallel / serial:4.2f}   pages that differ {len(different)}")

        site = REPO / "_build" / "learner"
        if site.is_dir():
            for page in ("index.html", "modules/from-judged-to-heard.html"):
                sizes = page_bytes(site, page)
                print(f"page weight  {page}: {sum(sizes.values()) / 1000:.1f} KB "
                      + ", ".join(f"{k} {v / 1000:.1f}" for k, v in sizes.items()))
        else:
            print("page weight  (run `make site` first to measure the real learner pages)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
