"""Put pages, files and web links into a cartridge: the plan of sections, the package paths,
the resources, and the zip.

Package layout (every file but the manifest belongs to a resource):

    imsmanifest.xml
    web_resources/<docname>.html           a page as learners see it
    web_resources/trainer/<docname>.html   the trainer edition's version (instructors only)
    web_resources/_static/... _images/...  stylesheets, images and downloads the pages use
    weblinks/<source-id>.xml               a cited source's web address (a URL activity)
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem
from . import manifest as mf
from .pages import Built, convert, css_assets

PAGES = "web_resources"
TRAINER_BANNER = ("Trainer version: this page includes trainer notes and suggested answers. "
                  "It is for instructors only.")


@dataclass
class Entry:
    """One thing a section lists: a page, a trainer version of a page, a file or a link."""

    kind: str  # "page", "trainer-page", "file", "weblink"
    title: str
    docname: str = ""
    path: str = ""  # package path, for files and web links
    data: bytes = b""
    role: str = mf.LEARNER
    url: str = ""


@dataclass
class Planned:
    title: str
    entries: list[Entry] = field(default_factory=list)


class Packer:
    """Builds one cartridge: converts pages, collects files, then writes the zip."""

    def __init__(self, learner: Built, trainer: Built | None, plan: list[Planned]):
        self.learner, self.trainer, self.plan = learner, trainer, plan
        self.files: dict[str, bytes] = {}
        self.file_role: dict[str, str] = {}  # package path -> the widest role that needs it
        self.resources: list[mf.Resource] = []
        self.sections: list[mf.Section] = []
        self.problems: list[Problem] = []
        self.learner_pages = {e.docname for p in plan for e in p.entries if e.kind == "page"}
        self.trainer_pages = {e.docname for p in plan for e in p.entries
                              if e.kind == "trainer-page"}

    # -- paths ---------------------------------------------------------------------------

    def learner_path(self, docname: str) -> str | None:
        return f"{PAGES}/{docname}.html" if docname in self.learner_pages else None

    def trainer_path(self, docname: str) -> str | None:
        if docname in self.trainer_pages:
            return f"{PAGES}/trainer/{docname}.html"
        return self.learner_path(docname)

    def _asset(self, built: Built, path: str, role: str) -> str:
        data = (built.folder / path).read_bytes()
        target = f"{PAGES}/{path}"
        if target in self.files and self.files[target] != data:
            target = f"{PAGES}/trainer/{path}"  # the trainer build's file differs
        self._add_file(target, data, role)
        return target

    def _add_file(self, path: str, data: bytes, role: str) -> None:
        self.files[path] = data
        if self.file_role.get(path) != mf.LEARNER:
            self.file_role[path] = role

    # -- building ------------------------------------------------------------------------

    def _page(self, entry: Entry) -> str:
        trainer = entry.kind == "trainer-page"
        built = self.trainer if trainer else self.learner
        target = (self.trainer_path if trainer else self.learner_path)(entry.docname)
        assets: dict[str, str] = {}  # build path -> package path

        def asset_path(path: str) -> str:
            assets[path] = self._asset(built, path, entry.role)
            return assets[path]

        page = convert(built, entry.docname, target,
                       self.trainer_path if trainer else self.learner_path, asset_path,
                       banner=TRAINER_BANNER if trainer else "")
        for css in [a for a in list(assets) if a.endswith(".css")]:
            for extra in css_assets(built, css):
                asset_path(extra)
        self.problems.extend(page.problems)
        self._add_file(target, page.html, entry.role)
        resource = mf.Resource(mf.identifier("page", "trainer" if trainer else "learner",
                                             entry.docname),
                               mf.WEBCONTENT, [target], href=target, role=entry.role)
        resource.files += sorted(set(assets.values()))
        self.resources.append(resource)
        return resource.identifier

    def _other(self, entry: Entry) -> str:
        self._add_file(entry.path, entry.data, entry.role)
        if entry.kind == "weblink":
            resource = mf.Resource(mf.identifier("link", entry.path), mf.WEBLINK_TYPE,
                                   [entry.path], role=entry.role)
        else:
            resource = mf.Resource(mf.identifier("file", entry.path), mf.WEBCONTENT,
                                   [entry.path], href=entry.path, role=entry.role)
        self.resources.append(resource)
        return resource.identifier

    def build(self) -> None:
        done: dict[tuple[str, str], str] = {}
        for planned in self.plan:
            section = mf.Section(planned.title)
            for entry in planned.entries:
                key = (entry.kind, entry.docname or entry.path)
                if key not in done:
                    done[key] = self._page(entry) if "page" in entry.kind else self._other(entry)
                section.items.append(mf.Item(entry.title, done[key]))
            if section.items:
                self.sections.append(section)
        self._share_assets()

    def _share_assets(self) -> None:
        """A file many pages use is listed once, in a shared resource each page depends on
        (one for files learners see, one for files only instructors use)."""
        page_files = {r.href for r in self.resources}
        shared = {path for path in self.files if path not in page_files
                  and path.startswith(f"{PAGES}/")}
        groups = {mf.LEARNER: [], mf.INSTRUCTOR: []}
        for path in sorted(shared):
            groups[mf.LEARNER if self.file_role[path] == mf.LEARNER else mf.INSTRUCTOR].append(path)
        ids = {}
        for role, files in groups.items():
            if files:
                ids[role] = mf.identifier("shared", role.lower())
        for resource in self.resources:
            if resource.type != mf.WEBCONTENT:
                continue
            mine = [f for f in resource.files if f in shared]
            resource.files = [f for f in resource.files if f not in shared]
            needed = {mf.LEARNER if self.file_role[f] == mf.LEARNER else mf.INSTRUCTOR
                      for f in mine}
            resource.dependencies = [ids[role] for role in (mf.LEARNER, mf.INSTRUCTOR)
                                     if role in needed]
        for role, files in groups.items():
            if files:
                self.resources.append(mf.Resource(ids[role], mf.WEBCONTENT, files, role=role))

    def write(self, target: Path, course: mf.Course) -> Path:
        data = mf.manifest(course, self.sections, self.resources)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("imsmanifest.xml", data)
            for path in sorted(self.files):
                package.writestr(path, self.files[path])
        partial.replace(target)  # never leave half a cartridge where a whole one was
        return target

