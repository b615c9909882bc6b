"""The overlay: an organisation's own files in `local/`, beside the upstream curriculum.

`local/` mirrors the upstream folders (local/modules/, local/case_stories/,
local/case_stories/lists/, local/docs/, local/trainer_kit/) and its files pass the same
checks. A local file replaces the upstream file with the same id (or, for a page without an
id, the same path below local/), except that a local glossary or source register joins
upstream's; the profile's leave-out lists drop modules and stories.
Upstream files are never edited: toctrees that name a replaced or left-out page are
re-pointed or trimmed as they are read (`retarget`), and local/index.md joins the root
toctree. `plan` is the one place that decides which files make up the curriculum.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import loader

LOCAL = "local"
# A local glossary or source register adds its terms or sources; it never replaces upstream's.
JOINING_KINDS = frozenset({"glossary", "source-register"})
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\s*$", re.S | re.M)
FIELD = re.compile(r"^(id|kind):\s*[\"']?([\w-]+)[\"']?\s*$", re.M)
TOCTREE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{toctree\}[^\n]*\n(?P<body>.*?)^(?P=fence)\s*$",
                     re.S | re.M)
ENTRY_TARGET = re.compile(r"<([^<>]+)>\s*$")


@dataclass
class Plan:
    root: Path
    files: list[Path]  # the effective source files, upstream first
    replaced: dict[str, str] = field(default_factory=dict)  # upstream path -> local path
    left_out: dict[str, str] = field(default_factory=dict)  # module or story id -> path
    unknown_left_out: list[str] = field(default_factory=list)  # ids no file has
    # Pages that go with a left-out module (its materials page), by path.
    left_out_pages: list[str] = field(default_factory=list)
    # docname -> the docname toctrees should name instead, or None to drop the entry
    toc_map: dict[str, str | None] = field(default_factory=dict)
    local_index: bool = False

    @property
    def excluded(self) -> list[str]:
        """Upstream paths that are not part of this edition (for Sphinx's exclude_patterns)."""
        return sorted({*self.replaced, *self.left_out.values(), *self.left_out_pages})


def _identity(path: Path, rel: str) -> tuple[str, str | None]:
    """(kind, id) from a file's front matter, read cheaply; kind from the folder if unset."""
    kind, ident = loader.default_kind(rel), None
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return kind, None
    match = FRONT_MATTER.match(head)
    if match:
        for name, val in FIELD.findall(match.group(1)):
            if name == "kind":
                kind = val
            else:
                ident = val
    return kind, ident


def local_files(root: Path) -> list[Path]:
    base = root / LOCAL
    if not base.is_dir():
        return []
    return [path for path in sorted(base.rglob("*"))
            if path.suffix in loader.SOURCE_SUFFIXES and path.is_file()
            and ".ipynb_checkpoints" not in path.parts and "_build" not in path.parts]


def plan(root: Path, profile=None) -> Plan:
    """Which files make up this organisation's edition of the curriculum under root."""
    upstream = loader.find_source_files(root)
    local = local_files(root)
    if not local and (profile is None or not (profile.edition.leave_out_modules
                                              or profile.edition.leave_out_stories)):
        return Plan(root=root, files=upstream)  # upstream as it is: nothing to read twice
    result = Plan(root=root, files=[])
    by_identity: dict[tuple[str, str], str] = {}
    rels = {path: path.relative_to(root).as_posix() for path in [*upstream, *local]}
    for path in upstream:
        kind, ident = _identity(path, rels[path])
        if ident:
            by_identity[(kind, ident)] = rels[path]
    for path in local:
        rel = rels[path]
        if rel == f"{LOCAL}/index.md":
            result.local_index = True
            continue
        kind, ident = _identity(path, rel)
        same_path = rel.removeprefix(f"{LOCAL}/")
        target = by_identity.get((kind, ident)) if ident else None
        if target is None and kind not in JOINING_KINDS and (root / same_path) in rels:
            target = same_path
        if target:
            result.replaced[target] = rel
            result.toc_map[_docname(target)] = _docname(rel)
    leave_out = {}
    if profile is not None:
        edition = profile.edition
        leave_out = {("module", i): i for i in edition.leave_out_modules}
        leave_out.update({("story", i): i for i in edition.leave_out_stories})
    found = set()
    for path in [*upstream, *local]:
        rel = rels[path]
        if rel in result.replaced:
            continue
        kind, ident = _identity(path, rel)
        materials_of = _materials_module(rel)  # a module's materials go wherever it goes
        if materials_of and ("module", materials_of) in leave_out:
            result.left_out_pages.append(rel)
            result.toc_map[_docname(rel)] = None
            continue
        if ident and (kind, ident) in leave_out:
            found.add((kind, ident))
            result.left_out[ident] = rel
            result.toc_map[_docname(rel)] = None
            for upstream_rel, local_rel in result.replaced.items():  # its replaced original
                if local_rel == rel:
                    result.toc_map[_docname(upstream_rel)] = None
            continue
        result.files.append(path)
    result.unknown_left_out = sorted(ident for key, ident in leave_out.items()
                                     if key not in found)
    return result


def _materials_module(rel: str) -> str | None:
    """The module whose materials page this is (modules/materials/ID.md), or None."""
    match = re.fullmatch(r"(?:local/)?modules/materials/([a-z0-9-]+)\.md", rel)
    return match.group(1) if match and match.group(1) != "index" else None


def _docname(rel: str) -> str:
    return rel.rsplit(".", 1)[0]


def _resolve(docname: str, entry: str) -> str:
    target = entry[1:] if entry.startswith("/") else posixpath.join(
        posixpath.dirname(docname), entry)
    return posixpath.normpath(target).removesuffix(".md").removesuffix(".ipynb")


def retarget_text(docname: str, text: str, overlay: Plan) -> str:
    """A page's Markdown with its toctrees re-pointed at replacements and trimmed of left-out
    pages; the root page gains local/index. For Sphinx's source-read event."""
    def fix(match: re.Match) -> str:
        lines = []
        for line in match.group("body").split("\n"):
            entry = line.strip()
            if entry and not entry.startswith(":") and not entry.startswith(("http:", "https:")):
                found = ENTRY_TARGET.search(entry)
                target = _resolve(docname, (found.group(1) if found else entry).strip())
                if target in overlay.toc_map:
                    new = overlay.toc_map[target]
                    if new is None:
                        continue
                    line = line.replace(f"<{found.group(1)}>", f"</{new}>") if found \
                        else line.replace(entry, f"/{new}")
            lines.append(line)
        return match.group(0).replace(match.group("body"), "\n".join(lines), 1)

    if overlay.toc_map:
        text = TOCTREE.sub(fix, text)
    if docname == loader.ROOT_DOC and overlay.local_index:
        text += f"\n\n```{{toctree}}\n:hidden:\n\n{LOCAL}/index\n```\n"
    return text


def retarget_documents(documents, overlay: Plan) -> None:
    """The same as retarget_text, on loaded documents' toctree entries (for `heard check`)."""
    for doc in documents:
        entries = []
        for target, line in doc.toctree:
            resolved = _resolve(doc.docname, target) if not target.startswith(
                ("http:", "https:")) and target != "self" else None
            if resolved in overlay.toc_map:
                if overlay.toc_map[resolved] is None:
                    continue
                target = f"/{overlay.toc_map[resolved]}"
            entries.append((target, line))
        if doc.docname == loader.ROOT_DOC and overlay.local_index:
            entries.append((f"/{LOCAL}/index", 1))
        doc.toctree[:] = entries
