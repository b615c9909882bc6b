"""The delivery kit: a Sphinx builder (`heard-kit`) that writes, for each module of one edition,
the editable files a trainer sends, hands out and presents from. It works on resolved
doctrees, so Heard's nodes are known by type and the edition is the build's own
(`app.config.heard_edition`): a learner kit is made from learner doctrees, which never hold
trainer-only text.

    kit/EDITION/MODULE/MODULE-handout.docx         learner handout: outcomes, handout
                                                   section, reflection questions, CPD prompt
    kit/EDITION/MODULE/MODULE-slides.pptx          slides; speaker notes in the trainer kit
    kit/EDITION/MODULE/MODULE-joining.docx         joining instructions, sent in advance
    kit/EDITION/MODULE/MODULE-certificate.docx     certificate of attendance and CPD record
    kit/EDITION/MODULE/MODULE-materials.pdf        the materials pack: worksheets, checklists,
                                                   cards to cut and large story cards
    kit/trainer/MODULE/MODULE-session-plan.docx    the whole module page (trainer only)
    kit/trainer/evaluation-form.docx               the evaluation form (trainer only)
    kit/trainer/programmes/PROGRAMME-joining.docx  joining instructions per programme

`heard build --format kit` runs it for both editions and zips each folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util import logging

from .. import __version__, stamp
from ..organisation import placeholder, value
from ..sphinxext.screen import drop_screen_only
from . import blocks as b
from .materials import Item, write_pack
from .slides import Slide, lines_of, write_pptx
from .word import write_docx

LOGGER = logging.getLogger(__name__)
HANDOUT_SECTIONS = ("Learner handout",)
FRAMEWORK_NAMES = {"pcf": "Professional Capabilities Framework (PCF)",
                   "swe": "Social Work England professional standards"}


def section(blocks: list[b.Block], title: str) -> list[b.Block]:
    """The blocks under the heading `title`, up to the next heading at its level or above."""
    found: list[b.Block] = []
    level = None
    for item in blocks:
        if isinstance(item, b.Heading) and level is not None and item.level <= level:
            break
        if level is not None:
            found.append(item)
        elif isinstance(item, b.Heading) and item.text == title:
            level = item.level
    return found


def boxes(blocks: list[b.Block], kind: str) -> list[b.Box]:
    return [item for item in b.walk(blocks) if isinstance(item, b.Box) and item.kind == kind]


def minutes(total: int) -> str:
    hours, mins = divmod(total, 60)
    parts = ([f"{hours} hour" + ("s" if hours > 1 else "")] if hours else []) + \
        ([f"{mins} minute" + ("s" if mins > 1 else "")] if mins else [])
    return " and ".join(parts)


def certificate_hours(total: int) -> str:
    """`1 hour and 10 minutes (1.2 hours)`; whole hours need no decimal: `1 hour`."""
    if total % 60 == 0:
        return minutes(total)
    decimal = f"{total / 60:.3g}"
    return f"{minutes(total)} ({decimal} hour{'' if decimal == '1' else 's'})"


FACTS = re.compile(r"^\d+ minutes · ")


def instructions(activity: b.Box) -> list[b.Block]:
    """An activity's learner-facing blocks: without its timing and materials lines (the
    slide's title and notes say those) and without any trainer-only box."""
    return [item for item in activity.blocks
            if not (isinstance(item, b.Para) and (FACTS.match(item.text)
                                                  or item.text.startswith("Materials: ")))
            and not (isinstance(item, b.Box) and item.kind in b.TRAINER_KINDS)]


class KitBuilder(Builder):
    name = "heard-kit"
    format = "kit"
    epilog = "The delivery kit is in %(outdir)s."
    allow_parallel = False

    def init(self) -> None:
        self.written: list[Path] = []

    def get_outdated_docs(self) -> str:
        return "the delivery kit"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return f"{docname}.html"

    def prepare_writing(self, docnames) -> None:
        self.cur = self.env.get_domain("heard").curriculum()
        self.edition = self.config.heard_edition
        self.by_docname = {doc.docname: doc for doc in self.cur.modules.values()}
        self.material_docs = {doc.docname for doc in self.cur.documents if doc.materials}
        self.materials: dict[str, list[Item]] = {}
        # "Heard 0.1.0, learner edition, for Northshire County Council": in every kit file
        self.stamp = stamp(self.srcdir, self.edition)

    def write_documents(self, docnames) -> None:
        wanted = set(self.by_docname) | self.material_docs
        if self.edition == "trainer":
            wanted |= {name for name in self.env.found_docs
                       if name.endswith("templates/evaluation-form")}
        super().write_documents(wanted & set(self.env.found_docs))

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        if docname in self.material_docs:
            self.collect_materials(doctree)
            return
        drop_screen_only(doctree)
        page = b.page_blocks(doctree)
        if docname in self.by_docname:
            self.write_module(self.by_docname[docname], page)
        else:
            title = page[0].text if page and isinstance(page[0], b.Heading) else "Evaluation"
            self.keep(write_docx(Path(self.outdir, "evaluation-form.docx"), title,
                                 "Heard: evaluation form", [("", page[1:])], stamp=self.stamp))

    def keep(self, path: Path) -> Path:
        self.written.append(path)
        return path

    # -- one module ------------------------------------------------------------------------

    def write_module(self, doc, page: list[b.Block]) -> None:
        meta = doc.meta
        folder = Path(self.outdir, meta.id)
        trainer = self.edition == "trainer"
        outcomes = b.ListBlock(False, [[b.Para([(text, False, False)])]
                                       for text in meta.outcomes])
        handout = [("What this session is about", [b.Para([(meta.summary, False, False)])]),
                   ("Learning outcomes", [outcomes])]
        for title in HANDOUT_SECTIONS:
            handout.append((title, section(page, title)))
        for kind, title in (("reflection", "Reflection questions"), ("cpd", "CPD reflection"),
                            ("portfolio", "Portfolio reflection")):
            for box in boxes(page, kind):
                handout.append((title, box.blocks))
        keywords = f"Heard, social work, {meta.id}"
        self.keep(write_docx(folder / f"{meta.id}-handout.docx",
                             f"{meta.title}: learner handout", "Heard learner handout",
                             [item for item in handout if item[1]], keywords=keywords,
                             stamp=self.stamp))
        if trainer:
            body = page[1:] if page and isinstance(page[0], b.Heading) else page
            for item in b.walk(body):
                if isinstance(item, b.Heading):
                    item.level = max(item.level - 1, 1)
            self.keep(write_docx(folder / f"{meta.id}-session-plan.docx",
                                 f"{meta.title}: session plan", "Heard trainer session plan",
                                 [("", body)], keywords=keywords, stamp=self.stamp,
                                 intro=["Trainer edition: holds trainer notes and suggested "
                                        "answers. Do not give it to learners."]))
        self.keep(write_pptx(folder / f"{meta.id}-slides.pptx", meta.title, meta.summary,
                             self.slides(doc, page), notes=trainer,
                             title_notes="\n\n".join(b.plain_text(box.blocks) for box in
                                                     boxes(page, "trainer-notes")),
                             stamp=self.stamp))
        self.keep(self.joining(doc, page, folder / f"{meta.id}-joining.docx"))
        self.keep(self.certificate(doc, folder / f"{meta.id}-certificate.docx"))

    def slides(self, doc, page: list[b.Block]) -> list[Slide]:
        meta = doc.meta
        found = [Slide("What you will be able to do", [(0, text, 0) for text in meta.outcomes],
                       notes=f"{minutes(meta.duration)} in all.")]
        records = {activity.title: activity for activity in doc.activities}
        for activity in boxes(page, "activity"):
            record = records.get(activity.title)
            timing = f" ({record.duration} minutes)" if record else ""
            notes = ""
            if record:
                notes = (f"{record.duration} minutes, {record.format}. Materials: "
                         f"{'; '.join(record.materials)}.")
            trainer_boxes = [box for box in activity.blocks
                             if isinstance(box, b.Box) and box.kind in b.TRAINER_KINDS]
            notes += "".join("\n\n" + b.plain_text(box.blocks) for box in trainer_boxes)
            found.append(Slide(activity.title + timing, lines_of(instructions(activity)),
                               notes=notes))
        answers = "\n\n".join(b.plain_text(box.blocks)
                              for box in boxes(page, "suggested-answers"))
        for box in boxes(page, "reflection"):
            found.append(Slide("Reflection questions", lines_of(box.blocks), notes=answers))
        return found

    # -- around the session ----------------------------------------------------------------

    def content_notes(self, doc, page: list[b.Block]) -> list[str]:
        notes = [b.plain_text(box.blocks).replace("\n", " ") for box in
                 boxes(page, "content-note")]
        for story_id in doc.meta.stories:
            story = self.cur.stories.get(story_id)
            if story is not None and story.meta.content_notes:
                notes.append(f"The story “{story.meta.title}” includes: "
                             + ", ".join(story.meta.content_notes) + ".")
        return notes

    def joining(self, doc, page: list[b.Block], target: Path) -> Path:
        meta = doc.meta
        return write_docx(target, f"Joining instructions: {meta.title}",
                          "Heard joining instructions", joining_sections(
                              meta, self.content_notes(doc, page), self.cur.profile),
                          intro=[TO_TRAINERS], stamp=self.stamp)

    def certificate(self, doc, target: Path) -> Path:
        meta = doc.meta
        mapping = []
        for framework_id in ("pcf", "swe"):
            names = []
            for item_id in getattr(meta, framework_id):
                item = self.cur.framework_item(framework_id, item_id)
                names.append(item.name if item else item_id)
            if names:
                mapping.append([FRAMEWORK_NAMES[framework_id], "; ".join(names)])
        details = b.Table("", [], [["Name", "[Learner’s name]"],
                                   ["Session", meta.title],
                                   ["Date", "[Date of the session]"],
                                   ["Hours", certificate_hours(meta.duration)],
                                   ["Trainers", "[Names of the trainers]"],
                                   ["Organisation", org(self.cur.profile, "name")]])
        outcomes = b.ListBlock(False, [[b.Para([(text, False, False)])]
                                       for text in meta.outcomes])
        reflection = b.Table("", [["Question", "Your answer"]], [
            ["What did you learn?", ""],
            ["How will it change your practice?", ""],
            ["Who did you talk it through with (peer reflection), and what did they say?", ""],
        ])
        return write_docx(target, f"Certificate of attendance: {meta.title}",
                          "Heard certificate of attendance and CPD record", [
                              ("Attendance", [details]),
                              ("Learning outcomes", [outcomes]),
                              ("Professional frameworks", [b.Table("", [["Framework", "Items"]],
                                                                   mapping)]),
                              ("CPD record", [b.Para([(
                                  "Write your reflection here, then add it to your Social "
                                  "Work England CPD record. At least one of your CPD records "
                                  "each year must include peer reflection.", False, False)]),
                                  reflection]),
                          ], stamp=self.stamp)

    def collect_materials(self, doctree: nodes.document) -> None:
        for node in doctree.findall(nodes.container):
            if "heard-material" not in node["classes"]:
                continue
            title = node.next_node(nodes.rubric)
            facts = node.next_node(nodes.paragraph)
            content = [child for child in node.children if child not in (title, facts)]
            self.materials.setdefault(node["material_module"], []).append(Item(
                node["material_kind"], node["material_title"], node["material_activity"],
                [block for child in content for block in b.block(child, 0)]))

    def finish(self) -> None:
        modules = {doc.meta.id: doc for doc in self.cur.modules.values()}
        for module_id, items in sorted(self.materials.items()):
            module = modules.get(module_id)
            if module is not None:
                self.keep(write_pack(Path(self.outdir, module_id, f"{module_id}-materials.pdf"),
                                     module.meta.title, module_id, items,
                                     warn=LOGGER.warning, version=__version__,
                                     stamp=self.stamp))
        if self.edition == "trainer":
            for doc in self.cur.documents:
                meta = doc.meta
                if getattr(meta, "kind", "") == "programme":
                    self.keep(self.programme_joining(meta))

    def programme_joining(self, meta) -> Path:
        modules = {doc.meta.id: doc for doc in self.cur.modules.values()}
        rows, notes = [], []
        for session in meta.sessions:
            if session.module and session.module in modules:
                module = modules[session.module].meta
                rows.append([module.title, minutes(module.duration)])
                doctree = self.env.get_doctree(modules[session.module].docname)
                notes += self.content_notes(modules[session.module], b.page_blocks(doctree))
            elif session.minutes:
                rows.append([session.title, minutes(session.minutes)])
        return write_docx(
            Path(self.outdir, "programmes", f"{meta.id}-joining.docx"),
            f"Joining instructions: {meta.title}", "Heard joining instructions", [
                ("What the programme covers", [b.Para([(meta.summary, False, False)]),
                                               b.Table("", [["Part", "Time"]], rows)]),
                *joining_sections(None, notes, self.cur.profile)[1:]],
            intro=[TO_TRAINERS], stamp=self.stamp)


TO_TRAINERS = ("Trainers: add the date, time and place or online link where the square brackets "
               "are. The organisation's details come from its profile, heard.toml; any marked "
               "“to be set by your organisation” are not set there yet.")


def org(profile, key: str) -> str:
    """An organisation profile value, or the same marked placeholder the site shows."""
    found = value(profile, key)
    return placeholder(key) if found is None else found


def joining_sections(meta, notes: list[str], profile=None) -> list[tuple[str, list[b.Block]]]:
    def para(text: str) -> b.Para:
        return b.Para([(text, False, False)])

    def bullets(items: list[str]) -> b.ListBlock:
        return b.ListBlock(False, [[para(text)] for text in items])

    covers = []
    if meta is not None:
        covers = [para(meta.summary), para(f"The session lasts {minutes(meta.duration)}. "
                                           "By the end you will be able to:"),
                  bullets(list(meta.outcomes))]
    return [
        ("What the session covers", covers),
        ("When and where", [bullets(["Date: [date]", "Time: [start and finish times]",
                                     "Place or online link: [address or link]",
                                     f"Run by: {org(profile, 'name')}"])]),
        ("Who to contact", [bullets([
            f"About the course: {org(profile, 'contact')}, "
            f"email {org(profile, 'contact-email')}, phone {org(profile, 'contact-phone')}",
            f"If you are worried about someone's safety: the safeguarding lead, "
            f"{org(profile, 'safeguarding-lead')}"])]),
        ("Content notes", [para("The session talks about hard things. Read these notes so you "
                                "can prepare. You can step out at any time, and you can talk "
                                "to the trainers before the day if you would rather not take "
                                "part in something."),
                           bullets(notes or ["No content notes for this session."])]),
        ("Access and adjustments", [
            para("Tell us what would help you take part, and send this back before the "
                 "session. We will keep it private."),
            b.Table("", [["Question", "Your answer"]], [
                ["Your name", ""], ["Access needs (for example, step-free access, hearing "
                                    "loop, large print, breaks)", ""],
                ["Adjustments you would like", ""], ["Anything else we should know", ""]])]),
        ("What to bring", [bullets([
            "A pen. The trainers bring everything else the session needs.",
            "Your CPD record, if you want to add to it on the day.",
            "Never bring real case records or anything that could identify a person."])]),
    ]


def setup(app):
    app.add_builder(KitBuilder)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
