"""Local editions in Sphinx: the organisation profile's `{org}` role, and the overlay's files.

config-inited (after the edition is set): load heard.toml and plan the overlay; add local/ to
the sources, leave out replaced and left-out files. builder-inited: hand both to the domain,
so the rules see them. source-read: re-point toctrees at replacements (overlay.retarget_text).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes

from .. import organisation, overlay


def on_config_inited(app, config) -> None:
    srcdir = Path(app.srcdir)
    loaded = organisation.load_profile(srcdir)
    plan = overlay.plan(srcdir, loaded.profile)
    app.heard_local = (loaded, plan)
    # A config value, so that Sphinx re-reads every page when the profile or overlay changes.
    config.heard_local = {
        "profile": loaded.profile.model_dump(mode="json") if loaded.profile else None,
        "replaced": plan.replaced, "left_out": plan.left_out, "index": plan.local_index}
    name = loaded.profile.organisation.name if loaded.profile else None
    config.html_context = {**config.html_context, "heard_organisation": name}
    logo = loaded.profile.organisation.logo if loaded.profile else None
    if logo and not config.html_logo and (srcdir / logo).is_file():
        config.html_logo = str(srcdir / logo)  # Sphinx copies it into _static
    if (srcdir / overlay.LOCAL).is_dir() and list(config.include_patterns) != ["**"]:
        config.include_patterns = [*config.include_patterns, f"{overlay.LOCAL}/**"]
    excluded = [path for path in plan.excluded if path not in config.exclude_patterns]
    if config.heard_edition == "learner":
        excluded += [f"{overlay.LOCAL}/trainer_kit", f"{overlay.LOCAL}/trainer_kit/**"]
    config.exclude_patterns = [*config.exclude_patterns, *excluded]


def on_builder_inited(app) -> None:
    app.env.get_domain("heard").set_local(*app.heard_local)


def on_source_read(app, docname, source) -> None:
    if Path(app.env.doc2path(docname)).suffix == ".md":
        source[0] = overlay.retarget_text(docname, source[0], app.heard_local[1])


def org_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{org}`safeguarding-lead`: the organisation's value, or a marked placeholder."""
    key = text.strip()
    loaded = inliner.document.settings.env.get_domain("heard").data.get("organisation")
    found = organisation.value(loaded.profile if loaded else None, key)
    if found is None:
        shown = organisation.placeholder(key)
        return [nodes.inline(rawtext, shown, classes=["heard-org", "heard-org-unset"])], []
    if found.startswith(("https://", "http://")):
        return [nodes.reference(rawtext, found, refuri=found, classes=["heard-org"])], []
    return [nodes.inline(rawtext, found, classes=["heard-org", f"heard-org-{key}"])], []


def setup_local(app) -> None:
    app.add_config_value("heard_local", None, "env")
    app.add_role("org", org_role)
    app.connect("config-inited", on_config_inited, priority=600)
    app.connect("builder-inited", on_builder_inited)
    app.connect("source-read", on_source_read, priority=400)  # before the record is loaded
