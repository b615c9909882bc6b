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
from . import editions, withdrawal
from .assessment import setup_assessment
from .assets import prune_assets
from .dependencies import Dependencies
from .local import setup_local
from .kitlinks import setup_kit_links
from .materials import setup_materials
from .navigation import setup_navigation
from .screen import setup_screen_only
from .directives import setup_directives
from .domain import ROLES, HeardDomain
from .furo_fixes import OneIdPerTable
from .notebooks import setup_notebooks
from .reading import setup_reading
from .render import FillPlaceholders
from .search_text import setup_search_text

LOGGER = logging.getLogger("heard")
THEME_DIR = Path(__file__).parent / "theme" / "heard"
# The toolkit's own documentation (for authors, not learners): in the trainer edition only.
TOOLKIT_DOCS = ["docs/index.md", "docs/authoring/**", "docs/reference/**", "docs/guides/**",
                "docs/performance.md", "docs/make-it-yours.md", "docs/learning-platforms.md"]


class HeardRole(XRefRole):
    """`{story}`id`` and friends: cross-references resolved by the Heard domain."""

    def run(self):
        self.refdomain, self.reftype = "heard", self.name
        self.classes = ["xref", "heard", self.name]
        return self.create_xref_node()


def domain(env) -> HeardDomain:
    return env.get_domain("heard")


EDITIONS = ("learner", "trainer")


def validate_config(config) -> None:
    """Check the heard_* settings once, with a clear warning and a safe fallback."""
    if config.heard_edition not in EDITIONS:
        LOGGER.warning(f"heard_edition must be 'learner' or 'trainer', not "
                       f"{config.heard_edition!r}; building the learner edition (fix: set "
                       "heard_edition in conf.py, or use `-t trainer`)",
                       type="heard", subtype="config")
        config.heard_edition = "learner"  # the safe one: it holds no trainer text
    value = config.heard_today
    if value is not None and not isinstance(value, dt.date):
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            LOGGER.warning(f"heard_today must be a date written YYYY-MM-DD, not {value!r}; "
                           "using today's date", type="heard", subtype="config")
            config.heard_today = None


def on_config_inited(app, config) -> None:
    if app.tags.has("trainer"):
        config.heard_edition = "trainer"
    validate_config(config)
    app.tags.add(config.heard_edition)
    # The toolkit's version is the curriculum's version: every page's footer shows it.
    config.version = config.version or __version__
    config.release = config.release or config.version
    config.html_context = {**config.html_context, "heard_edition": config.heard_edition}
    excluded = list(config.exclude_patterns)
    if config.heard_edition == "learner":
        # Nothing trainer-only may reach the learner tree: no trainer kit, and no copies of
        # the raw sources (they hold the trainer notes that the directives leave out).
        excluded += ["trainer_kit", "trainer_kit/**", *TOOLKIT_DOCS]
        config.html_copy_source = False
        config.html_show_sourcelink = False
    config.exclude_patterns = excluded


def on_source_read(app, docname, source) -> None:
    path = Path(app.env.doc2path(docname))
    rel = path.relative_to(app.srcdir).as_posix()
    plan = app.env.heard_withdrawal
    if docname in plan.withheld:
        doc = withdrawal.withhold(app, docname, rel, source)
    elif path.suffix != ".md":
        return
    else:
        source[0] = withdrawal.drop_toctree_entries(docname, source[0], plan.story_docnames)
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
    value = config.heard_today  # validated at config-inited
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)) if value else dt.date.today()


def on_check_consistency(app, env) -> None:
    cur = domain(env).curriculum()
    ctx = Context(today=today(app.config), in_sphinx=True)
    loaded = {p for doc in cur.documents for p in doc.problems}
    for problem in run_rules(cur, ctx):
        if problem in loaded:  # already reported when the file was read
            continue
        if problem.code in withdrawal.FOLLOW_UP_CODES:
            # The build already withholds or unlinks these; `heard check` lists them.
            LOGGER.info(f"{problem.path}:{problem.line}: {problem.code} {problem.message}")
            continue
        warn(app, problem)


def setup(app):
    app.add_config_value("heard_edition", "learner", "env", types=frozenset({str}))
    app.add_config_value("heard_today", None, "env")
    app.add_domain(HeardDomain)
    for role in ROLES:
        app.add_role(role, HeardRole(innernodeclass=nodes.inline))
    setup_directives(app)
    setup_assessment(app)
    setup_materials(app)
    setup_kit_links(app)
    setup_screen_only(app)
    app.add_post_transform(FillPlaceholders)
    app.add_post_transform(OneIdPerTable)
    app.add_html_theme("heard", str(THEME_DIR))
    app.connect("config-inited", on_config_inited)
    app.connect("config-inited", withdrawal.on_config_inited)
    app.connect("builder-inited", withdrawal.on_builder_inited)
    app.connect("env-get-outdated", withdrawal.outdated)
    # Before Sphinx's collectors (priority 500), so a refused download is never copied.
    app.connect("doctree-read", editions.on_doctree_read, priority=100)
    app.connect("include-read", editions.on_include_read)
    app.connect("source-read", on_source_read)
    app.connect("env-check-consistency", on_check_consistency)
    app.connect("html-page-context", prune_assets)
    Dependencies(app).connect()
    setup_notebooks(app)
    setup_local(app)
    setup_search_text(app)
    setup_reading(app)
    setup_navigation(app)
    return {"version": __version__, "env_version": 1, "parallel_read_safe": True,
            "parallel_write_safe": True}
