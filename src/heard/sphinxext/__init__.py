"""The Heard Sphinx extension: editions, consent, directives, roles, generated pages and the
checker's rules as located warnings (so `sphinx-build -W` fails on any problem).

Event order (see Sphinx's event docs): config-inited (edition, exclusions) → builder-inited
(withdrawn stories) → env-get-outdated (remember what pages showed) → source-read (load the
record) → env-get-updated (rewrite pages that show what changed) → env-check-consistency (rules).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docutils import nodes
from sphinx.roles import XRefRole
from sphinx.util import logging

from .. import __version__, loader
from ..rules import Context, run_rules
from .assets import prune_assets
from .dependencies import Dependencies
from .directives import setup_directives
from .domain import ROLES, HeardDomain
from .furo_fixes import OneIdPerTable
from .notebooks import setup_notebooks
from .render import FillPlaceholders
from .search_text import setup_search_text

LOGGER = logging.getLogger("heard")
THEME_DIR = Path(__file__).parent / "theme" / "heard"
# The toolkit's own documentation (for authors, not learners): in the trainer edition only.
TOOLKIT_DOCS = ["docs/index.md", "docs/authoring/**", "docs/reference/**", "docs/performance.md"]


class HeardRole(XRefRole):
    """`{story}`id`` and friends: cross-references resolved by the Heard domain."""

    def run(self):
        self.refdomain, self.reftype = "heard", self.name
        self.classes = ["xref", "heard", self.name]
        return self.create_xref_node()


def domain(env) -> HeardDomain:
    return env.get_domain("heard")


def withdrawn_stories(srcdir: Path) -> dict[str, str]:
    """Stories whose consent is withdrawn: id -> path. Read from front matter only."""
    found = {}
    for path in sorted((srcdir / "case_stories").glob("*.md")):
        doc = loader.load_file(srcdir, path, edition="learner")
        meta = doc.meta
        if meta is not None and getattr(meta, "kind", "") == "story" \
                and meta.consent.status == "withdrawn":
            found[meta.id] = doc.path
    return found


def on_config_inited(app, config) -> None:
    if app.tags.has("trainer"):
        config.heard_edition = "trainer"
    if config.heard_edition not in ("learner", "trainer"):
        raise ValueError(f"heard_edition must be learner or trainer, not {config.heard_edition!r}")
    app.tags.add(config.heard_edition)
    config.html_context = {**config.html_context, "heard_edition": config.heard_edition}
    excluded = list(config.exclude_patterns)
    srcdir = Path(app.srcdir)
    excluded += [path for path in withdrawn_stories(srcdir).values() if path not in excluded]
    if config.heard_edition == "learner":
        # Nothing trainer-only may reach the learner tree: no trainer kit, and no copies of
        # the raw sources (they hold the trainer notes that the directives leave out).
        excluded += ["trainer_kit", "trainer_kit/**", *TOOLKIT_DOCS]
        config.html_copy_source = False
        config.html_show_sourcelink = False
    config.exclude_patterns = excluded


def on_builder_inited(app) -> None:
    domain(app.env).set_withdrawn(withdrawn_stories(Path(app.srcdir)))


def on_source_read(app, docname, source) -> None:
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".md":
        return
    rel = path.relative_to(app.srcdir).as_posix()
    doc = loader.load_text(rel, source[0], edition=app.config.heard_edition)
    domain(app.env).note_document(doc)
    for problem in doc.problems:
        warn(app, problem)


def warn(app, problem) -> None:
    message = f"{problem.code} {problem.message}" + (f" (fix: {problem.hint})" if problem.hint
                                                      else "")
    LOGGER.warning(message, type="heard", subtype=problem.code,
                   location=f"{Path(app.srcdir, problem.path)}:{problem.line}")


def today(config) -> dt.date:
    value = config.heard_today
    return dt.date.fromisoformat(str(value)) if value else dt.date.today()


def on_check_consistency(app, env) -> None:
    cur = domain(env).curriculum()
    ctx = Context(today=today(app.config), in_sphinx=True)
    loaded = {p for doc in cur.documents for p in doc.problems}
    for problem in run_rules(cur, ctx):
        if problem not in loaded:  # already reported when the file was read
            warn(app, problem)


def setup(app):
    app.add_config_value("heard_edition", "learner", "env", types=frozenset({str}))
    app.add_config_value("heard_today", None, "env")
    app.add_domain(HeardDomain)
    for role in ROLES:
        app.add_role(role, HeardRole(innernodeclass=nodes.inline))
    setup_directives(app)
    app.add_post_transform(FillPlaceholders)
    app.add_post_transform(OneIdPerTable)
    app.add_html_theme("heard", str(THEME_DIR))
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("source-read", on_source_read)
    app.connect("env-check-consistency", on_check_consistency)
    app.connect("html-page-context", prune_assets)
    Dependencies(app).connect()
    setup_notebooks(app)
    setup_search_text(app)
    return {"version": __version__, "env_version": 1, "parallel_read_safe": True,
            "parallel_write_safe": True}
