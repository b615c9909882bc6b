"""The EPUB of the learner edition: Sphinx's epub builder with Heard's metadata and styles,
checked with epubcheck.

Used as a Sphinx extension, added to the project's own list only for the EPUB build (see
`build.build_epub`), so the site's configuration stays as it is.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__

STATIC = Path(__file__).parent / "static"
BASENAME = "heard-learner"


def on_config_inited(app, config) -> None:
    if app.tags.has("trainer") or config.heard_edition != "learner":
        raise ValueError("the EPUB is of the learner edition only")
    config.version = config.version or __version__
    config.release = config.release or config.version
    config.epub_basename = BASENAME
    config.epub_title = f"{config.project}: learner edition"
    config.epub_author = config.author
    config.epub_publisher = config.author
    config.epub_contributor = config.author
    config.epub_copyright = config.copyright or config.author
    config.epub_language = "en-GB"
    config.epub_description = ("An open training course for social work, built from what "
                               "people who use services say good practice looks like.")
    # epubcheck wants the NCX's uid to be the OPF's identifier, and Sphinx writes epub_uid
    # to the one and epub_identifier to the other; an XML name serves as both.
    config.epub_identifier = config.epub_uid = f"heard-learner-edition-{config.version}"
    config.epub_scheme = "heard"
    config.epub_use_index = False
    config.epub_show_urls = "inline"  # the address after each external link, as on paper
    config.epub_tocdepth = 2
    config.epub_css_files = [*config.epub_css_files, "heard-epub.css"]
    config.html_static_path = [*config.html_static_path, str(STATIC / "epub")]
    # Sphinx's backup of an outdated build record is not part of the book.
    config.epub_exclude_files = [*config.epub_exclude_files, ".buildinfo.bak"]


def on_env_updated(app, env) -> list[str]:
    """Leave out the notebooks' own .ipynb files, which nbsphinx copies beside their pages:
    the pages hold their content, and EPUB has no media type for them."""
    notebooks = [f"{name}.ipynb" for name in sorted(env.found_docs)
                 if str(env.doc2path(name)).endswith(".ipynb")]
    app.config.epub_exclude_files = [*app.config.epub_exclude_files,
                                     *(n for n in notebooks
                                       if n not in app.config.epub_exclude_files)]
    return []


def setup(app):
    # Before Sphinx's own config-inited handler converts epub_css_files (priority 500).
    app.connect("config-inited", on_config_inited, priority=400)
    app.connect("env-updated", on_env_updated)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


# -- epubcheck -----------------------------------------------------------------------------


@dataclass
class EpubCheck:
    available: bool
    returncode: int = 0
    errors: list[str] = field(default_factory=list)  # ERROR and FATAL lines
    output: str = ""

    @property
    def ok(self) -> bool:
        return self.available and self.returncode == 0 and not self.errors


def epubcheck_command() -> list[str] | None:
    """How to run epubcheck here: Debian's is a jar, run with java when jars are not
    directly executable (binfmt_misc is not set up in every container)."""
    found = shutil.which("epubcheck")
    if found is None:
        return None
    real = Path(found).resolve()
    if real.suffix == ".jar":
        java = shutil.which("java")
        return [java, "-jar", str(real)] if java else None
    return [found]


def epubcheck(path: Path) -> EpubCheck:
    command = epubcheck_command()
    if command is None:
        return EpubCheck(available=False)
    result = subprocess.run([*command, str(path)], capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    errors = [line for line in output.splitlines() if line.startswith(("ERROR", "FATAL"))]
    return EpubCheck(True, result.returncode, errors, output)
