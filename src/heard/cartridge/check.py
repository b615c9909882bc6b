"""Checks of a built cartridge, as the learning platforms read it.

- schema_problems: the manifest against the IMS Common Cartridge 1.1 schemas that Moodle
  validates with (`cc11libxml2validator.xsd` and its imports), offline.
- weblink_problems: each web link file against the web link schema.
- schematron_problems: the Schematron rules embedded in those schemas (Moodle does not run
  them; they say, for example, that a web link resource names exactly one file).
- moodle_problems: what Moodle's importer relies on to recognise and lay out the course:
  the 1.1 namespace in the first 500 bytes, a course title, one untitled root item whose
  children are the sections, a title on every other item, every page an existing .html
  file, every file a resource names present, and no file in the package left unreferenced.

Each returns a list of problems as text (empty when the cartridge passes).
"""

from __future__ import annotations

import zipfile
from functools import lru_cache
from pathlib import Path

from lxml import etree, isoschematron

from .manifest import CP, LOM_MANIFEST, WEBCONTENT

VALIDATOR = "cc11libxml2validator.xsd"
WEBLINK_SCHEMA = "ccv1p1_imswl_v1p1.xsd"
SCHEMATRON_SCHEMAS = ("ccv1p1_imscp_v1p2_v1p0.xsd", "ccv1p1_lommanifest_v1p0.xsd")
MANIFEST = "imsmanifest.xml"
NS = {"cp": CP, "lomimscc": LOM_MANIFEST}


def read_package(path: Path) -> dict[str, bytes]:
    """Every file in a cartridge, by its path inside the zip."""
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()
                if not name.endswith("/")}


def _parser() -> etree.XMLParser:
    # no_network: an import that is not in the schema folder fails instead of downloading
    return etree.XMLParser(no_network=True, resolve_entities=False)


@lru_cache(maxsize=8)
def _schema(schema_dir: str, name: str = VALIDATOR) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(Path(schema_dir) / name), _parser()))


@lru_cache(maxsize=8)
def _schematron(path: str) -> isoschematron.Schematron:
    return isoschematron.Schematron(etree.parse(path, _parser()), validate_schema=False,
                                    store_report=True)


def _parse(manifest: bytes) -> etree._ElementTree | str:
    try:
        return etree.ElementTree(etree.fromstring(manifest, _parser()))
    except etree.XMLSyntaxError as exc:
        return f"{MANIFEST}: not well-formed XML: {exc}"


def schema_problems(manifest: bytes, schema_dir: Path) -> list[str]:
    tree = _parse(manifest)
    if isinstance(tree, str):
        return [tree]
    schema = _schema(str(schema_dir))
    if schema.validate(tree):
        return []
    return [f"{MANIFEST}:{error.line}: {error.message}" for error in schema.error_log]


def weblink_problems(files: dict[str, bytes], schema_dir: Path) -> list[str]:
    """Every web link file (imswl_xmlv1p1 resource) against the web link schema."""
    tree = _parse(files.get(MANIFEST, b""))
    if isinstance(tree, str):
        return [tree]
    schema = _schema(str(schema_dir), WEBLINK_SCHEMA)
    problems = []
    for resource in tree.iterfind("cp:resources/cp:resource[@type='imswl_xmlv1p1']", NS):
        for file in resource.iterfind("cp:file", NS):
            path = file.get("href")
            try:
                link = etree.ElementTree(etree.fromstring(files[path], _parser()))
            except (KeyError, etree.XMLSyntaxError) as exc:
                problems.append(f"{path}: cannot read the web link: {exc}")
                continue
            if not schema.validate(link):
                problems += [f"{path}:{e.line}: {e.message}" for e in schema.error_log]
    return problems


def schematron_problems(manifest: bytes, schema_dir: Path) -> list[str]:
    tree = _parse(manifest)
    if isinstance(tree, str):
        return [tree]
    problems = []
    for name in SCHEMATRON_SCHEMAS:
        rules = _schematron(str(schema_dir / name))
        if not rules.validate(tree):
            report = rules.validation_report
            for failed in report.iter("{http://purl.oclc.org/dsdl/svrl}failed-assert"):
                text = " ".join("".join(failed.itertext()).split())
                problems.append(f"{MANIFEST}: {name}: {failed.get('location')}: {text}")
    return problems


def moodle_problems(files: dict[str, bytes]) -> list[str]:
    """Moodle's detection facts (see the standards README), over the files of a package."""
    manifest = files.get(MANIFEST)
    if manifest is None:
        return [f"no {MANIFEST} at the top of the package"]
    problems = []
    if f'xmlns="{CP}"'.encode() not in manifest[:500]:
        problems.append(f"{MANIFEST}: the Common Cartridge 1.1 namespace is not in the first "
                        "500 bytes, so Moodle does not recognise the package")
    tree = _parse(manifest)
    if isinstance(tree, str):
        return [*problems, tree]
    title = tree.findtext("cp:metadata/lomimscc:lom/lomimscc:general/lomimscc:title/"
                          "lomimscc:string", namespaces=NS)
    if not (title or "").strip():
        problems.append(f"{MANIFEST}: no course title (LOM general/title): Moodle would call "
                        "the course \"Untitled Course\"")
    organizations = tree.findall("cp:organizations/cp:organization", NS)
    if len(organizations) != 1:
        problems.append(f"{MANIFEST}: {len(organizations)} organizations, not one")
    roots = organizations[0].findall("cp:item", NS) if organizations else []
    if len(roots) != 1:
        problems.append(f"{MANIFEST}: the organization has {len(roots)} root items, not one")
    for root in roots:
        if root.find("cp:title", NS) is not None:
            problems.append(f"{MANIFEST}: the root item has a title; Moodle wants it untitled")
        sections = root.findall("cp:item", NS)
        if not sections:
            problems.append(f"{MANIFEST}: the root item has no sections")
        for item in root.iter(f"{{{CP}}}item"):
            if item is not root and not (item.findtext("cp:title", namespaces=NS) or "").strip():
                problems.append(f"{MANIFEST}: item {item.get('identifier')} has no title")
    resources = {r.get("identifier"): r for r in tree.iterfind("cp:resources/cp:resource", NS)}
    for item in tree.iter(f"{{{CP}}}item"):
        ref = item.get("identifierref")
        if ref is not None and ref not in resources:
            problems.append(f"{MANIFEST}: item {item.get('identifier')} names resource {ref}, "
                            "which is not there")
    named: set[str] = set()
    for ident, resource in resources.items():
        href = resource.get("href")
        paths = [f.get("href") for f in resource.iterfind("cp:file", NS)]
        named.update(paths)
        if resource.get("type") == WEBCONTENT and href and href.endswith((".html", ".htm")) \
                and href not in files:
            problems.append(f"{MANIFEST}: page {href} of resource {ident} is not in the package")
        if href and href not in paths:
            problems.append(f"{MANIFEST}: resource {ident} does not list its own file {href}")
        for path in paths:
            if path not in files:
                problems.append(f"{MANIFEST}: resource {ident} names {path}, which is not in "
                                "the package")
    for path in sorted(set(files) - named - {MANIFEST}):
        problems.append(f"{path}: in the package but named by no resource")
    return problems
