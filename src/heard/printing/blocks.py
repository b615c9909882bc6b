"""A resolved Sphinx doctree as a short list of plain blocks (headings, paragraphs, lists,
tables, quotes and Heard's boxes), which the DOCX and PPTX writers lay out.

Working from the doctree, not from built HTML, means Heard's own nodes are known by type:
a trainer-only box is a box of kind `trainer-notes`, never a guess from a CSS class. The
learner edition's doctrees hold no trainer-only nodes at all (the directives drop them when
the page is read), so learner files are made from learner doctrees only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docutils import nodes

Run = tuple[str, bool, bool]  # text, bold, italic


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Para:
    runs: list[Run]

    @property
    def text(self) -> str:
        return "".join(run[0] for run in self.runs)


@dataclass
class ListBlock:
    ordered: bool
    items: list[list[Block]]


@dataclass
class Table:
    title: str
    header: list[list[str]]
    rows: list[list[str]]


@dataclass
class Quote:
    blocks: list[Block]


@dataclass
class Box:
    """One of Heard's boxes: kind is the directive's name (activity, trainer-notes,
    reflection, cpd, story-card, content-note, material...)."""

    kind: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


Block = Heading | Para | ListBlock | Table | Quote | Box

SKIP = (nodes.comment, nodes.target, nodes.substitution_definition, nodes.system_message,
        nodes.raw, nodes.image, nodes.figure, nodes.footnote, nodes.citation)
TRAINER_KINDS = {"trainer-only", "trainer-notes", "suggested-answers"}


def box_kind(node: nodes.Element) -> str | None:
    for name in node.get("classes", []):
        if name.startswith("heard-") and name not in ("heard-box", "heard-table"):
            return name.removeprefix("heard-")
    return None


def runs_of(node: nodes.Node, bold: bool = False, italic: bool = False) -> list[Run]:
    """The inline text of a node, with bold and italic kept."""
    if isinstance(node, nodes.Text):
        return [(str(node).replace("\n", " "), bold, italic)]
    if isinstance(node, SKIP) or isinstance(node, nodes.footnote_reference):
        return []
    bold = bold or isinstance(node, nodes.strong)
    italic = italic or isinstance(node, nodes.emphasis)
    found: list[Run] = []
    for child in node.children:
        found += runs_of(child, bold, italic)
    return found


def text_of(node: nodes.Node) -> str:
    return " ".join("".join(run[0] for run in runs_of(node)).split())


def blocks_of(node: nodes.Element, depth: int = 0) -> list[Block]:
    """The blocks of a node's children; `depth` is the section depth (the page title is 1)."""
    found: list[Block] = []
    for child in node.children:
        found += block(child, depth)
    return found


def block(node: nodes.Node, depth: int) -> list[Block]:
    if isinstance(node, SKIP) or not isinstance(node, nodes.Element):
        return []
    if isinstance(node, nodes.section):
        title = node.next_node(nodes.title)
        rest = [child for child in node.children if child is not title]
        heading = [Heading(depth + 1, text_of(title))] if title is not None else []
        return heading + [b for child in rest for b in block(child, depth + 1)]
    if isinstance(node, nodes.paragraph):
        runs = runs_of(node)
        return [Para(runs)] if "".join(r[0] for r in runs).strip() else []
    if isinstance(node, nodes.rubric):
        return [Heading(int(node.get("heading-level", depth + 1)), text_of(node))]
    if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
        return [ListBlock(isinstance(node, nodes.enumerated_list),
                          [blocks_of(item, depth) for item in node.children
                           if isinstance(item, nodes.list_item)])]
    if isinstance(node, nodes.definition_list):
        found: list[Block] = []
        for item in node.findall(nodes.definition_list_item):
            term = item.next_node(nodes.term)
            found.append(Para([(text_of(term), True, False)]))
            definition = item.next_node(nodes.definition)
            if definition is not None:
                found += blocks_of(definition, depth)
        return found
    if isinstance(node, nodes.table):
        return [table(node)]
    if isinstance(node, nodes.block_quote):
        return [Quote(blocks_of(node, depth))]
    if isinstance(node, (nodes.literal_block, nodes.line_block)):
        return [Para([(node.astext(), False, False)])]
    kind = box_kind(node)
    if kind and isinstance(node, (nodes.admonition, nodes.container, nodes.Admonition)):
        title_node = node.next_node(nodes.title) if isinstance(node, nodes.Admonition) \
            else None
        if title_node is None and isinstance(node, nodes.container):
            title_node = node.next_node(nodes.rubric)
        title = text_of(title_node) if title_node is not None else ""
        rest = [child for child in node.children if child is not title_node]
        inner = [b for child in rest for b in block(child, depth)]
        return [Box(kind, title, inner, list(node.get("ids", [])))]
    if isinstance(node, nodes.title):
        return [Heading(depth + 1, text_of(node))]
    return blocks_of(node, depth)


def table(node: nodes.table) -> Table:
    title = node.next_node(nodes.title)

    def rows(part) -> list[list[str]]:
        return [[text_of(entry) for entry in row.children] for row in part.findall(nodes.row)]

    head = node.next_node(nodes.thead)
    body = node.next_node(nodes.tbody)
    return Table(text_of(title) if title is not None and title.parent is node else "",
                 rows(head) if head is not None else [], rows(body) if body is not None else [])


def page_blocks(doctree: nodes.document) -> list[Block]:
    return blocks_of(doctree, 0)


def walk(blocks: list[Block]):
    """Every block, boxes and lists opened, depth first."""
    for item in blocks:
        yield item
        if isinstance(item, (Box, Quote)):
            yield from walk(item.blocks)
        elif isinstance(item, ListBlock):
            for entry in item.items:
                yield from walk(entry)


def plain_text(blocks: list[Block]) -> str:
    parts = []
    for item in walk(blocks):
        if isinstance(item, (Heading, Para)):
            parts.append(item.text)
        elif isinstance(item, Box):
            parts.append(item.title)
        elif isinstance(item, Table):
            parts += [item.title, *(" ".join(row) for row in item.header + item.rows)]
    return "\n".join(parts)
