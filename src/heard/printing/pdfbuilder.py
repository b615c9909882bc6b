"""The print builder, `heard-pdf`: the trainer pack (trainer edition) or the learner handouts
(learner edition), made from resolved doctrees and rendered to tagged PDFs by WeasyPrint.

It is Sphinx's single-file HTML builder with Heard's changes for paper:

- ids and internal links come from the single-file machinery: every document is addressed
  as `#doc-DOCNAME`, and this builder makes each id unique by prefixing it with its
  document's address, so a link to another page in the pack lands on that page;
- what is not for paper is dropped by node type: in a handout, the timetable table and the
  6W brief (and a section holding nothing else), which are for planning the session;
- the edition is the build's own (`app.config.heard_edition`); the learner edition's
  doctrees never hold trainer-only nodes, so a handout cannot hold any;
- links become useful on paper: a web link keeps its address, a citation of the source
  register carries the source's own address, a link to a page in the pack says its page,
  and a link to a page that is not in the file becomes plain text.

    print/trainer/heard-trainer-pack.pdf     (trainer edition)
    print/trainer/co-trainer-guide.pdf       (trainer edition: the co-trainer's own page,
    print/trainer/co-trainer-guide-large-print.pdf   which holds nothing trainer-only)
    print/learner/handouts/MODULE.pdf        (learner edition)
    print/learner/large-print/MODULE.pdf
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util import logging

from .. import __version__, stamp
from ..sphinxext.editions import TRAINER_FENCE
from ..sphinxext.screen import drop_screen_only
from .build import PACK_NAME, reading_order, write_pdf
from .document import document

LOGGER = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
PRINT_CSS = STATIC / "print.css"
LARGE_PRINT_CSS = STATIC / "large-print.css"
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
# Planning material: left out of learner handouts (Heard's own node classes).
HANDOUT_DROPS = ("heard-timetable", "heard-brief")
# The co-trainer's one-page guide: printed on its own, standard and large print, so a
# co-trainer gets it without the trainer pack.
CO_TRAINER_GUIDE = "trainer_kit/co-trainer-guide"


def doc_anchor(docname: str) -> str:
    return "doc-" + re.sub(r"[^a-z0-9]+", "-", docname.lower()).strip("-")


class PrintBuilder(SingleFileHTMLBuilder):
    name = "heard-pdf"
    epilog = "The print files are in %(outdir)s."
    copysource = False
    search = False

    def init(self) -> None:
        self.config.html_permalinks = False  # no "¶" after headings on paper
        super().init()
        self.written: list[Path] = []

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return f"#{doc_anchor(docname)}"

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def write_documents(self, _docnames) -> None:
        self.prepare_writing(set(self.env.all_docs))
        self.fignumbers: dict = {}  # the HTML writer numbers no figures or sections here
        self.secnumbers: dict = {}
        self.current_docname = self.config.root_doc
        self.cur = self.env.get_domain("heard").curriculum()
        self.order = reading_order(self.cur)
        if self.config.heard_edition == "trainer":
            self.write_pack()
            self.write_co_trainer_guide()
        else:
            self.write_handouts()

    def copy_assets(self) -> None:
        """Nothing beside the PDFs: no static files, search index or build info."""

    def finish(self) -> None:
        """Nothing beside the PDFs: no static files, search index or build info."""

    # -- shared ----------------------------------------------------------------------------

    def doctree(self, docname: str) -> nodes.document:
        """The resolved doctree; images by absolute file address, as pages are combined and
        nothing is copied beside the PDF."""
        tree = self.env.get_and_resolve_doctree(docname, self)
        drop_screen_only(tree)
        for image in tree.findall(nodes.image):
            uri = image["uri"]
            if not EXTERNAL.match(uri):
                image["uri"] = Path(self.srcdir, uri).resolve().as_uri()
            elif not uri.startswith(("data:", "file:")):
                LOGGER.warning(f"{docname}: embeds {uri}, which would load from another "
                               "server", location=docname)
        return tree

    def source_url(self, uri: str) -> str | None:
        """A citation of the source register -> the source's own address."""
        match = re.match(r"^#(doc-[^#]+)(?:#|--)source-(.+)$", uri)
        if self.cur.source_doc is None or match is None:
            return None
        if match.group(1) != doc_anchor(self.cur.source_doc.docname):
            return None
        source = self.cur.sources.get(match.group(2))
        return source.url if source is not None and source.url else None

    def render(self, node: nodes.Node) -> str:
        holder = nodes.container()
        holder += node
        return self.render_partial(holder)["fragment"]

    def write_pdf(self, document: str, target: Path) -> Path:
        # Only the print stylesheets and the images the pages use may be loaded: not other
        # files of the project (the trainer kit) nor of the computer.
        images = [Path(self.srcdir, name).resolve() for name in self.env.images]
        images += [logo] if (logo := self.logo()) else []
        self.written.append(write_pdf(document, target, strict=False, warn=LOGGER.warning,
                                      allowed=images))
        return target

    # -- the trainer pack ------------------------------------------------------------------

    def pack_plan(self) -> list[tuple[str, list[str]]]:
        cur, order = self.cur, self.order
        modules = {doc.docname for doc in cur.modules.values()}
        stories = {doc.docname for doc in cur.stories.values()}
        reference = [doc.docname for doc in (cur.glossary_doc, cur.source_doc) if doc]
        plan = [("Modules", [d for d in order if d in modules]),
                ("Stories", [d for d in order if d in stories]),
                ("Trainer kit", [d for d in order if d.split("/")[0] == "trainer_kit"]),
                ("Reference", [d for d in reference if d in order])]
        return [(title, docs) for title, docs in plan if docs]

    def write_pack(self) -> None:
        plan = self.pack_plan()
        in_pack = {doc_anchor(d) for _, docs in plan for d in docs}
        root = nodes.section(classes=["pack-body"])
        contents: list[tuple[int, str, str]] = []
        for number, (title, docnames) in enumerate(plan, 1):
            part_id = f"part-{number}"
            contents.append((1, title, part_id))
            part = nodes.section(ids=[part_id], classes=["part"])
            part += nodes.title(title, title, classes=["part-title"])
            for docname in docnames:
                page = self.pack_page(docname, in_pack)
                part += page
                contents.append((2, page_title(page), page["ids"][0]))
            root += part
        self.write_pdf(self.pack_document(self.render(root), contents),
                       Path(self.outdir, PACK_NAME))

    def pack_page(self, docname: str, in_pack: set[str]) -> nodes.section:
        """One page of the pack: its sections under one section addressed #doc-DOCNAME,
        every id prefixed with that address, every link fixed for paper."""
        tree = self.doctree(docname)
        prefix = doc_anchor(docname)
        for node in tree.findall(nodes.Element):
            if node.get("ids"):
                node["ids"] = [f"{prefix}--{i}" for i in node["ids"]]
        ids = {i for node in tree.findall(nodes.Element) for i in node.get("ids", [])}
        for ref in list(tree.findall(nodes.reference)):
            self.pack_link(ref, prefix, in_pack, ids)
        for rubric in tree.findall(nodes.rubric):  # headings set by level move down with
            if "heading-level" in rubric:          # the page's sections: under part and pack
                rubric["heading-level"] = min(int(rubric["heading-level"]) + 2, 6)
        page = nodes.section(ids=[prefix], classes=["doc"])
        sections = [child for child in tree.children if isinstance(child, nodes.section)]
        body = sections[0] if len(sections) == 1 else None
        if body is not None:  # the page's own title section: its title heads the page
            title = body.next_node(nodes.title)
            title["classes"].append("doc-title")
            page.extend(body.children)
            for child in tree.children:
                if child is not body:
                    page.insert(1, child)
        else:
            page.extend(tree.children)
        return page

    def pack_link(self, ref: nodes.reference, prefix: str, in_pack: set[str],
                  ids: set[str]) -> None:
        if "refid" in ref:
            target = f"{prefix}--{ref['refid']}"
            if target in ids:
                ref["refid"] = target
            else:
                unwrap(ref)
            return
        uri = ref.get("refuri", "")
        if EXTERNAL.match(uri):
            show_url(ref)
            return
        match = re.match(r"^#(doc-[^#]+)(?:#(.+))?$", uri)
        if match is None or match.group(1) not in in_pack:
            unwrap(ref)
            return
        page, fragment = match.groups()
        if page == prefix and fragment and f"{prefix}--{fragment}" not in ids:
            unwrap(ref)  # an anchor this page does not have
            return
        ref["refuri"] = f"#{page}--{fragment}" if fragment else f"#{page}"
        if page != prefix:
            ref["classes"].append("pageref")

    def pack_document(self, body: str, contents: list[tuple[int, str, str]]) -> str:
        project = self.config.project
        copyright = f"© {self.config.copyright}." if self.config.copyright else ""
        items = "".join(f'<li class="{"part" if level == 1 else "page"}"><a href="#{target}">'
                        f"{html.escape(title)}</a></li>" for level, title, target in contents)
        today = dt.date.today()
        logo = self.logo()
        name = self.cur.profile.organisation.name if self.cur.profile else None
        logo_html = (f'<img class="logo" src="{logo.as_uri()}" alt="{html.escape(name or "")}">'
                     if logo else "")
        cover = f"""
<section class="cover">{logo_html}
<h1>{html.escape(project)}: trainer pack</h1>
<p class="subtitle">Every module with its timetable, trainer notes and suggested answers; the
stories; and the trainer kit, with its guides, programmes and templates.</p>
<p class="warning"><strong>For trainers only.</strong> This pack holds trainer notes and
suggested answers. Do not give it to learners: print the learner handouts for them.</p>
<p class="colophon">Trainer edition, built on {today.day} {today:%B %Y} with heard
{__version__}. {html.escape(copyright)}</p>
</section>
<nav class="contents" aria-labelledby="contents"><h2 id="contents">Contents</h2>
<ul>{items}</ul></nav>
"""
        return document(
            f"{project}: trainer pack", f'<div class="pack">{cover}{body}</div>',
            css=[PRINT_CSS],
            description="Every Heard module with its timetable and trainer notes, the stories "
                        "and the trainer kit.",
            running="Trainer pack: not for learners", first_page_plain=True,
            keywords=["Heard", "social work", "trainer pack"], version=__version__,
            stamp=stamp(self.srcdir, self.config.heard_edition))

    def logo(self) -> Path | None:
        """The organisation profile's logo (heard.toml), for the trainer pack's cover."""
        profile = self.cur.profile
        path = profile.organisation.logo if profile else None
        found = Path(self.srcdir, path).resolve() if path else None
        return found if found and found.is_file() else None

    # -- learner handouts ------------------------------------------------------------------

    def write_handouts(self) -> None:
        modules = {doc.docname: doc for doc in self.cur.modules.values()}
        for docname in sorted(modules, key=lambda d: self.order.index(d)
                              if d in self.order else len(self.order)):
            meta = modules[docname].meta
            body = self.render(self.handout(docname))
            for large in (False, True):
                label = "Large print handout" if large else "Learner handout"
                folder = "large-print" if large else "handouts"
                self.write_sheet(body, meta.title, label, large, meta.summary,
                                 ["learner handout", meta.id],
                                 Path(self.outdir, folder, f"{meta.id}.pdf"))

    def write_sheet(self, body: str, title: str, label: str, large: bool, description: str,
                    keywords: list[str], target: Path) -> None:
        """One page rendered on its own (a handout, the co-trainer guide) as a PDF."""
        text = body.replace(
            "<!--handout-label-->",
            f'<p class="handout-label">{label}. Heard: an open course for social work.</p>', 1)
        page = document(
            f"{title} ({label.lower()})", f'<article class="handout">{text}</article>',
            css=[PRINT_CSS, *([LARGE_PRINT_CSS] if large else [])], description=description,
            running=label, keywords=["Heard", "social work", *keywords], version=__version__,
            stamp=stamp(self.srcdir, self.config.heard_edition))
        self.write_pdf(page, target)

    def write_co_trainer_guide(self) -> None:
        """The co-trainer's one-page guide, standard and large print, beside the pack."""
        if CO_TRAINER_GUIDE not in self.env.all_docs:
            return
        source = Path(self.env.doc2path(CO_TRAINER_GUIDE))
        if TRAINER_FENCE.search(source.read_text(encoding="utf-8")):
            # built from the trainer edition, it would show the block to the co-trainer
            LOGGER.warning(f"{CO_TRAINER_GUIDE}: the co-trainer guide holds a trainer-only "
                           "block, so it is not printed on its own; move that text to the "
                           "facilitator guide", location=CO_TRAINER_GUIDE)
            return
        body = self.render(self.handout(CO_TRAINER_GUIDE))
        title = self.env.titles[CO_TRAINER_GUIDE].astext()
        description = "The co-trainer's own guide to helping train social workers."
        for large in (False, True):
            label = "Large print co-trainer guide" if large else "Co-trainer guide"
            name = "co-trainer-guide" + ("-large-print" if large else "") + ".pdf"
            self.write_sheet(body, title, label, large, description, ["co-trainer guide"],
                             Path(self.outdir, name))

    def handout(self, docname: str) -> nodes.Element:
        """A module page as a learner handout, planning material dropped by node type."""
        tree = self.doctree(docname)
        root = tree.next_node(nodes.section)
        for node in list(tree.findall(nodes.Element)):
            if node.parent is None or not set(HANDOUT_DROPS) & set(node.get("classes", [])):
                continue
            section = node.parent
            while section is not None and not isinstance(section, nodes.section):
                section = section.parent
            holds_activity = section is not None and any(
                "heard-activity" in n.get("classes", []) for n in section.findall(nodes.Element))
            if section is not None and section is not root and not holds_activity:
                if section in section.parent.children:  # not already taken out for another
                    section.parent.remove(section)
            elif node in node.parent.children:
                node.parent.remove(node)
        ids = {i for node in tree.findall(nodes.Element) for i in node.get("ids", [])}
        prefix = doc_anchor(docname)
        for ref in list(tree.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            if "refid" in ref:
                if ref["refid"] not in ids:
                    unwrap(ref)
            elif EXTERNAL.match(uri):
                show_url(ref)
            elif (url := self.source_url(uri)) is not None:
                ref["refuri"] = url
                ref["classes"].append("show-url")
            elif (match := re.match(rf"^#{prefix}#(.+)$", uri)) and match.group(1) in ids:
                ref["refuri"] = f"#{match.group(1)}"
            else:
                unwrap(ref)
        if root is not None:
            title = root.next_node(nodes.title)
            title["classes"].append("doc-title")
            title.parent.insert(title.parent.index(title) + 1,
                                nodes.raw("", "<!--handout-label-->", format="html"))
        holder = nodes.container()
        holder.extend(tree.children)
        return holder


def page_title(page: nodes.section) -> str:
    title = page.next_node(nodes.title)
    return title.astext() if title is not None else page["ids"][0]


def unwrap(ref: nodes.reference) -> None:
    """A link that leads nowhere on paper becomes its text."""
    span = nodes.inline("", "", *ref.children, classes=ref.get("classes", []))
    ref.replace_self(span)


def show_url(ref: nodes.reference) -> None:
    """Print the address after the link text, unless the text is the address already."""
    uri = ref.get("refuri", "")
    if uri.startswith(("http://", "https://")) and \
            ref.astext().strip().rstrip("/") != uri.rstrip("/"):
        ref["classes"].append("show-url")


def setup(app):
    app.add_builder(PrintBuilder)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


