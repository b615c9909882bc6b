"""`heard build --format kit`: the delivery kit of each edition, one folder and one zip each.

The kit builder shares each edition's doctrees with its HTML build (out/.doctrees/EDITION),
so after `heard build` the kit only writes files; the builder is found through the
`sphinx.builders` entry point, so the project's configuration stays as it is.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .build import PrintError


def build_kit(root: Path, out: Path, *, edition: str = "both", jobs: str = "1",
              strict: bool = False, doctrees: dict[str, Path] | None = None) -> list[Path]:
    """Build the kit of each edition into out/kit/EDITION and zip it as
    out/kit/heard-kit-EDITION.zip; return the zips. `doctrees` names each edition's doctree
    folder when it is not out/.doctrees/EDITION (the tests share their HTML builds')."""
    from sphinx.cmd.build import build_main

    editions = ("learner", "trainer") if edition == "both" else (edition,)
    zips = []
    for name in editions:
        target = out / "kit" / name
        if target.exists():
            shutil.rmtree(target)  # a module removed since the last build leaves no files
        doctree_dir = (doctrees or {}).get(name, out / ".doctrees" / name)
        argv = ["-b", "heard-kit", "-d", str(doctree_dir), "-j", jobs, "-q",
                str(root), str(target)]
        if strict:
            argv[:0] = ["-W", "-n"]
        if name == "trainer":
            argv[:0] = ["-t", "trainer"]
        print(f"heard build: {name} kit -> {target}", file=sys.stderr)
        if build_main(argv) != 0:
            raise PrintError(f"the {name} kit did not build")
        for leftover in target.glob(".buildinfo*"):
            leftover.unlink()
        zips.append(Path(shutil.make_archive(str(out / "kit" / f"heard-kit-{name}"), "zip",
                                             target)))
    return zips
