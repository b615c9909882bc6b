"""Which pages go in a cartridge, in which course section, for whom.

Sections, in order: "About this course"; one section per module, in the curriculum's order
(the module page, its assessment page, and the sources it cites that have a web address);
then the stories, the frameworks, the notebook exercises, and the glossary and sources. The
trainer cartridge adds, for instructors only, the trainer edition's version of every page
whose content differs (trainer notes, suggested answers, marking guidance) and the trainer
kit. The authors' documentation is about the toolkit, not the course, and is left out.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from lxml import html as lxml_html

from .. import model
from ..curriculum import Curriculum
from . import manifest as mf
from .package import Entry, Planned
from .pages import Built, main_of, title_of

ABOUT = ("index", "modules/index", "modules/coverage", "modules/assessment/index")
GROUPS = (("case_stories/", "Stories"), ("docs/frameworks/", "Frameworks"),
          ("notebooks/", "Notebook exercises"), ("docs/glossary", "Glossary and sources"),
          ("docs/sources", "Glossary and sources"), ("trainer_kit/", "Trainer kit"))
ASSESSMENT_PREFIX = "modules/assessment/"
ANSWER_KEY_PREFIX = "trainer_kit/assessment/"

# Hooks that add files to a module's section: hook(module_id, edition) -> entries. The
# cartridge's own knowledge-check export registers here; so can handouts (see handouts.py).
ModuleFiles = Callable[[str, str], list[Entry]]


def reading_order(cur: Curriculum) -> list[str]:
    return cur.reading_order()


def main_text(built: Built, docname: str) -> str:
    main = main_of(lxml_html.parse(str(built.folder / f"{docname}.html")))
    return " ".join(main.text_content().split()) if main is not None else ""


def has_trainer_version(learner: Built, trainer: Built, docname: str) -> bool:
    """The trainer edition shows more on this page than the learner edition does."""
    return trainer.exists(docname) and main_text(trainer, docname) != main_text(learner,
                                                                                docname)


def cited_sources(cur: Curriculum, docnames: list[str]) -> list[model.Source]:
    """Sources cited with {source} on these pages (as learners see them), or on an
    assessment's reading list, that have a web address, in the order first cited."""
    found: dict[str, model.Source] = {}
    for docname in docnames:
        doc = cur.document(docname)
        cited = [ref.target for ref in doc.roles if ref.role == "source"] if doc else []
        cited += getattr(doc.meta, "reading", []) if doc else []  # an assessment's reading
        for source_id in cited:
            source = cur.sources.get(source_id)
            if source and source.url and source.id not in found:
                found[source.id] = source
    return list(found.values())


def weblink_entries(sources: list[model.Source]) -> list[Entry]:
    return [Entry("weblink", f"Source: {source.title}", path=f"weblinks/{source.id}.xml",
                  data=mf.weblink(source.title, source.url), url=source.url)
            for source in sources]


def _module_entries(module: model.Module, docname: str, learner_cur: Curriculum,
                    learner: Built, trainer: Built | None, edition: str,
                    hooks: list[ModuleFiles]) -> list[Entry]:
    pages = [docname] + [d for d in (f"{ASSESSMENT_PREFIX}{module.id}",) if learner.exists(d)]
    entries = [Entry("page", title_of(learner, d), docname=d) for d in pages]
    if trainer is not None:
        entries += [Entry("trainer-page", f"{title_of(trainer, d)} (trainer version)",
                          docname=d, role=mf.INSTRUCTOR)
                    for d in pages if has_trainer_version(learner, trainer, d)]
        key = f"{ANSWER_KEY_PREFIX}{module.id}"
        if trainer.exists(key):
            entries.append(Entry("trainer-page", title_of(trainer, key), docname=key,
                                 role=mf.INSTRUCTOR))
    for hook in hooks:
        entries += hook(module.id, edition)
    entries += weblink_entries(cited_sources(learner_cur, pages))
    return entries


def group_of(docname: str) -> str | None:
    if docname in ABOUT:
        return "About this course"
    return next((title for prefix, title in GROUPS if docname.startswith(prefix)), None)


def edition_plan(learner_cur: Curriculum, trainer_cur: Curriculum | None, learner: Built,
                 trainer: Built | None, hooks: list[ModuleFiles] = ()) -> list[Planned]:
    """The whole edition: the learner pages, plus (with a trainer build) the trainer
    versions and the trainer kit, for instructors."""
    edition = "trainer" if trainer else "learner"
    modules = {doc.docname: doc.meta for doc in learner_cur.modules.values()}
    order = reading_order(learner_cur)
    sections: dict[str, Planned] = {"About this course": Planned("About this course")}
    for docname in order:
        if docname in modules:
            meta = modules[docname]
            sections[docname] = Planned(meta.title, _module_entries(
                meta, docname, learner_cur, learner, trainer, edition, list(hooks)))
    for docname in order:
        group = group_of(docname)
        if group is None or docname in modules or not learner.exists(docname):
            continue
        planned = sections.setdefault(group, Planned(group))
        planned.entries.append(Entry("page", title_of(learner, docname), docname=docname))
        if trainer is not None and has_trainer_version(learner, trainer, docname):
            planned.entries.append(Entry("trainer-page",
                                         f"{title_of(trainer, docname)} (trainer version)",
                                         docname=docname, role=mf.INSTRUCTOR))
    if trainer is not None and trainer_cur is not None:
        kit = Planned("Trainer kit")
        for docname in reading_order(trainer_cur):
            if group_of(docname) == "Trainer kit" and trainer.exists(docname):
                kit.entries.append(Entry("trainer-page", title_of(trainer, docname),
                                         docname=docname, role=mf.INSTRUCTOR))
        sections["Trainer kit"] = kit
    return [planned for planned in sections.values() if planned.entries]


def linked_pages(built: Built, docname: str) -> list[str]:
    """Pages of the edition that a page links to, in the order it links them."""
    main = main_of(lxml_html.parse(str(built.folder / f"{docname}.html")))
    found: list[str] = []
    for href in main.xpath(".//a/@href") if main is not None else ():
        path = href.split("#")[0]
        if not path.endswith(".html") or ":" in path:
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))
        target = target[: -len(".html")]
        if target not in found and target != docname and built.exists(target):
            found.append(target)
    return found


def module_plan(module_id: str, learner_cur: Curriculum, learner: Built,
                trainer: Built | None, hooks: list[ModuleFiles] = ()) -> list[Planned]:
    """One module: its section, then a "Background" section with the pages it links to
    (stories, quality lists, frameworks, glossary, sources). Links from those pages to
    pages outside this cartridge become plain words."""
    doc = learner_cur.modules[module_id]
    edition = "trainer" if trainer else "learner"
    section = Planned(doc.meta.title, _module_entries(doc.meta, doc.docname, learner_cur,
                                                      learner, trainer, edition, list(hooks)))
    own = {e.docname for e in section.entries if e.kind == "page"}
    background = Planned("Background")
    for page in list(own):
        for target in linked_pages(learner, page):
            if target in own or target in {e.docname for e in background.entries} \
                    or group_of(target) in (None, "Trainer kit", "About this course"):
                continue
            background.entries.append(Entry("page", title_of(learner, target), docname=target))
    return [planned for planned in (section, background) if planned.entries]
