"""`heard build --format kit`: each edition's site with its module pages listing the kit as
downloads, the kit inside it (out/EDITION/kit/), and a copy of the kit as one folder and one
zip per edition (out/kit/EDITION/, out/kit/heard-kit-EDITION.zip) to send to trainers.

The kit builder shares each edition's doctrees with its HTML build (out/.doctrees/EDITION),
so after `heard build` or `make print` nothing is read again; the builder is found through the
`sphinx.builders` entry point, so the project's configuration stays as it is.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .build import PrintError


def sphinx(argv: list[str], what: str) -> None:
    from sphinx.cmd.build import build_main

    if build_main(argv) != 0:
        raise PrintError(f"the {what} did not build")


def build_kit(root: Path, out: Path, *, edition: str = "both", jobs: str = "1",
              strict: bool = False, doctrees: dict[str, Path] | None = None,
              site: bool = True) -> list[Path]:
    """Build the kit of each edition and zip it; return the zips. With `site`, build the
    edition's HTML too, with the downloads listed, and put the kit inside it. `doctrees`
    names each edition's doctree folder when it is not out/.doctrees/EDITION."""
    editions = ("learner", "trainer") if edition == "both" else (edition,)
    zips = []
    for name in editions:
        flags = (["-W", "-n"] if strict else []) + (["-t", "trainer"] if name == "trainer"
                                                     else [])
        doctree_dir = str((doctrees or {}).get(name, out / ".doctrees" / name))
        html = out / name
        if site:
            print(f"heard build: {name} edition, listing its kit -> {html}", file=sys.stderr)
            sphinx([*flags, "-b", "html", "-D", "heard_kit_links=1", "-d", doctree_dir,
                    "-j", jobs, "-q", str(root), str(html)], f"{name} edition")
        target = html / "kit" if site else out / "kit" / name
        if target.exists():
            shutil.rmtree(target)  # a module removed since the last build leaves no files
        print(f"heard build: {name} kit -> {target}", file=sys.stderr)
        sphinx([*flags, "-b", "heard-kit", "-d", doctree_dir, "-j", jobs, "-q", str(root),
                str(target)], f"{name} kit")
        for leftover in target.glob(".buildinfo*"):
            leftover.unlink()
        copy = out / "kit" / name
        if site:
            if copy.exists():
                shutil.rmtree(copy)
            shutil.copytree(target, copy)
        zips.append(Path(shutil.make_archive(str(out / "kit" / f"heard-kit-{name}"), "zip",
                                             copy)))
    return zips
