"""Notebook exercises under nbsphinx: alt text for charts, and re-running when their data changes.

Charts. nbsphinx 0.9 drops an image output's `alt` metadata (upstream pull request #646 adds
it), so the `<img>` would get its file name as alt text. We add the `:alt:` option to the
image in nbsphinx's template, from the output's metadata (`heard.notebook.show_chart` puts it
there) or, as nbconvert also allows, the cell's `alt` metadata. A notebook image that still has
no alt text is a warning, so a strict build fails on it.

Re-running. Sphinx re-reads, and so nbsphinx re-executes, a notebook only when the notebook
file changes. Our notebooks also read the curriculum through the toolkit, so we fingerprint
what the toolkit gives them (every record: front matter, activities, 6W briefs, facts) and the
toolkit code they run (not the Sphinx, print or command-line parts). When the fingerprint
changes, every notebook is read (and run) again. Prose edits do not change it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

from .. import loader

LOGGER = logging.getLogger("heard")
PACKAGE = Path(__file__).resolve().parent.parent
# Toolkit code that cannot change what a notebook prints: Sphinx, print builds, the command.
NOT_NOTEBOOK_CODE = ("sphinxext", "printing", "cli.py")

IMAGE_LINE = "    .. image:: {{ output.metadata.filenames[datatype] | posix_path }}\n"
ALT_OPTION = """\
{%- set heard_alt = output.metadata[datatype].alt if datatype in output.metadata else '' %}
{%- set heard_alt = heard_alt or cell.metadata.alt %}
{%- if heard_alt %}
        :alt: {{ heard_alt | replace('\\n', ' ') }}
{%- endif %}
"""


def add_alt_to_nbsphinx_template() -> bool:
    """Teach nbsphinx's template the `:alt:` option. False if the template has changed shape."""
    import nbsphinx

    template = nbsphinx.RST_TEMPLATE
    if "heard_alt" in template or "metadata[datatype].alt" in template:
        return True  # already done (by us, or by nbsphinx itself)
    if template.count(IMAGE_LINE) != 1:
        return False
    nbsphinx.RST_TEMPLATE = template.replace(IMAGE_LINE, IMAGE_LINE + ALT_OPTION)
    return True


def is_notebook(env, docname: str) -> bool:
    return Path(env.doc2path(docname)).suffix == ".ipynb"


# -- re-running notebooks when the curriculum changes -------------------------------------------


def _record(doc) -> dict:
    """What the toolkit's API shows of one document, without line numbers."""
    return {
        "path": doc.path,
        "meta": doc.meta.model_dump(mode="json") if doc.meta is not None else None,
        "activities": [(a.title, a.duration, a.format, list(a.materials))
                       for a in doc.activities],
        "briefs": [(b.role_title, b.answers) for b in doc.briefs],
        "facts": [(f.text, f.source, f.checked.isoformat(), f.review_by.isoformat())
                  for f in doc.facts],
    }


def inputs_fingerprint(srcdir: Path) -> str:
    """A hash of the curriculum as notebooks see it (learner edition) and of the toolkit."""
    digest = hashlib.sha256()
    for doc in loader.load_curriculum(srcdir, edition="learner"):
        if not doc.path.endswith(".ipynb"):
            digest.update(json.dumps(_record(doc), sort_keys=True, default=str).encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] not in NOT_NOTEBOOK_CODE:
            digest.update(rel.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def outdated_notebooks(app, env, added, changed, removed) -> list[str]:
    new = inputs_fingerprint(Path(app.srcdir))
    old = getattr(env, "heard_notebook_inputs", None)
    env.heard_notebook_inputs = new
    if old is None or old == new:
        return []  # a fresh environment reads every notebook anyway
    return sorted(name for name in env.found_docs
                  if name not in added and is_notebook(env, name))


# -- each notebook runs once: a cache of learner runs -------------------------------------------
#
# A notebook's outputs depend only on its own cells, on the curriculum's records and the
# toolkit code (the fingerprint above), and on the libraries that run it. So a learner build
# keeps each executed notebook in the user's cache folder under a hash of all of these, and
# any later build (the trainer edition, the EPUB, a clean rebuild) shows those outputs
# instead of running the notebook again. Only learner runs are kept: they ran under the guard
# that keeps the trainer kit out (heard/guard.py), so they are safe in either edition.
# Delete ~/.cache/heard/notebooks/ to force a run.

CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "heard" / \
    "notebooks"
RUN_LIBRARIES = ("nbsphinx", "nbconvert", "ipykernel", "matplotlib", "numpy", "textstat")
FROM_CACHE = "heard_from_cache"


def run_key(env, source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8"))
    digest.update(str(getattr(env, "heard_notebook_inputs", "")).encode())
    digest.update(sys.version.encode())
    for name in RUN_LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()


def use_cached_run(app, docname, source) -> None:
    env = app.env
    if not is_notebook(env, docname) or docname in env.heard_withdrawal.withheld \
            or app.config.nbsphinx_execute == "never":
        return
    key = run_key(env, source[0])
    env.heard_notebook_runs = {**getattr(env, "heard_notebook_runs", {}), docname: key}
    cached = CACHE_DIR / f"{key}.ipynb"
    try:
        nb = json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    nb.setdefault("metadata", {}).setdefault("nbsphinx", {})["execute"] = "never"
    nb["metadata"][FROM_CACHE] = True
    source[0] = json.dumps(nb)


def keep_run(app, doctree) -> None:
    """After nbsphinx ran a learner notebook, keep its executed copy; tidy a cached one."""
    env = app.env
    docname = env.docname
    key = getattr(env, "heard_notebook_runs", {}).get(docname)
    if key is None or not is_notebook(env, docname):
        return
    executed = Path(env.nbsphinx_auxdir) / f"{docname}.ipynb"
    try:
        nb = json.loads(executed.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    meta = nb.get("metadata", {})
    if meta.pop(FROM_CACHE, False):  # the downloadable copy looks as if it had just run
        meta.get("nbsphinx", {}).pop("execute", None)
        if not meta.get("nbsphinx"):
            meta.pop("nbsphinx", None)
        executed.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    elif app.config.heard_edition == "learner":
        try:
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            temporary = CACHE_DIR / f"{key}.{os.getpid()}.tmp"
            temporary.write_text(json.dumps(nb), encoding="utf-8")
            temporary.replace(CACHE_DIR / f"{key}.ipynb")
        except OSError:
            pass  # no cache folder: notebooks simply run each time


# -- every chart has a text alternative --------------------------------------------------------


def check_alt_text(app, doctree) -> None:
    env = app.env
    if not is_notebook(env, env.docname):
        return
    for image in doctree.findall(nodes.image):
        if not str(image.get("alt", "")).strip():
            LOGGER.warning(
                "a notebook image has no text alternative; show charts with "
                "heard.notebook.show_chart(fig, alt=...), or give the cell `alt` metadata",
                type="heard", subtype="notebook-alt", location=image)


def on_config_inited(app, config) -> None:
    if "nbsphinx" not in config.extensions:
        return
    if not add_alt_to_nbsphinx_template():
        LOGGER.warning("nbsphinx's output template has changed, so chart alt text cannot be "
                       "added; update heard/sphinxext/notebooks.py", type="heard",
                       subtype="notebook-alt")
    if config.heard_edition == "learner":
        # Each learner notebook's kernel refuses to read the trainer kit (heard/guard.py).
        line = f"import heard.guard; heard.guard.learner_only({str(app.srcdir)!r})"
        config.nbsphinx_execute_arguments = [*config.nbsphinx_execute_arguments,
                                             f"--InteractiveShellApp.exec_lines={line}"]
    app.connect("env-get-outdated", outdated_notebooks)
    app.connect("source-read", use_cached_run)
    app.connect("doctree-read", keep_run)
    app.connect("doctree-read", check_alt_text)


def setup_notebooks(app) -> None:
    app.connect("config-inited", on_config_inited)
