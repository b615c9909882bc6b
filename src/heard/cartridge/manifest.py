"""The cartridge's `imsmanifest.xml` (IMS Common Cartridge 1.1), written with lxml.

The shape follows what Moodle's importer reads (see the standards README): the 1.1
namespace as the default namespace of the root element, so it is in the first 500 bytes;
course metadata as LOM in the manifest; one organization with one untitled root item whose
children are the course sections; a title on every other item; and LOM
`intendedEndUserRole` Instructor on every resource meant for trainers only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM_MANIFEST = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
LOM_RESOURCE = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
WEBLINK = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"
WEBCONTENT, WEBLINK_TYPE = "webcontent", "imswl_xmlv1p1"
LEARNER, INSTRUCTOR = "Learner", "Instructor"
ROLES_VOCABULARY = "IMSGLC_CC_Rolesv1p1"


@dataclass
class Course:
    """The course as the manifest's LOM describes it."""

    identifier: str
    title: str
    description: str
    version: str
    date: str  # YYYY-MM-DD, when the cartridge was built
    language: str = "en-GB"
    keywords: list[str] = field(default_factory=list)
    publisher: str = "The Heard contributors"
    licence: str = ("Creative Commons Attribution 4.0 International (CC BY 4.0): "
                    "https://creativecommons.org/licenses/by/4.0/")


@dataclass
class Resource:
    identifier: str
    type: str
    files: list[str]
    href: str | None = None
    role: str = LEARNER
    dependencies: list[str] = field(default_factory=list)


@dataclass
class Item:
    title: str
    resource: str  # a Resource identifier


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)


def identifier(*parts: str) -> str:
    """An XML ID (letters, digits, _ . -; starts with a letter) made from readable parts."""
    text = "_".join(re.sub(r"[^A-Za-z0-9.-]+", "-", part).strip("-") for part in parts)
    return text if text[:1].isalpha() else f"i_{text}"


def _text(parent, tag: str, text: str, **attributes) -> etree._Element:
    element = etree.SubElement(parent, tag, **attributes)
    element.text = text
    return element


def _langstring(parent, tag: str, text: str, language: str) -> None:
    holder = etree.SubElement(parent, f"{{{LOM_MANIFEST}}}{tag}")
    _text(holder, f"{{{LOM_MANIFEST}}}string", text, language=language)


def course_metadata(parent, course: Course) -> None:
    m = LOM_MANIFEST
    metadata = etree.SubElement(parent, f"{{{CP}}}metadata")
    _text(metadata, f"{{{CP}}}schema", "IMS Common Cartridge")
    _text(metadata, f"{{{CP}}}schemaversion", "1.1.0")
    lom = etree.SubElement(metadata, f"{{{m}}}lom")
    general = etree.SubElement(lom, f"{{{m}}}general")
    ident = etree.SubElement(general, f"{{{m}}}identifier")
    _text(ident, f"{{{m}}}catalog", "Heard version")
    _text(ident, f"{{{m}}}entry", course.version)
    _langstring(general, "title", course.title, course.language)
    _text(general, f"{{{m}}}language", course.language)
    _langstring(general, "description", course.description, course.language)
    for keyword in course.keywords:
        _langstring(general, "keyword", keyword, course.language)
    life = etree.SubElement(lom, f"{{{m}}}lifeCycle")
    contribute = etree.SubElement(life, f"{{{m}}}contribute")
    role = etree.SubElement(contribute, f"{{{m}}}role")
    _text(role, f"{{{m}}}value", "publisher")
    _text(contribute, f"{{{m}}}entity", course.publisher)
    when = etree.SubElement(contribute, f"{{{m}}}date")
    _text(when, f"{{{m}}}dateTime", course.date)
    rights = etree.SubElement(lom, f"{{{m}}}rights")
    restricted = etree.SubElement(rights, f"{{{m}}}copyrightAndOtherRestrictions")
    _text(restricted, f"{{{m}}}value", "yes")
    _langstring(rights, "description", course.licence, course.language)


def role_metadata(parent, role: str) -> None:
    r = LOM_RESOURCE
    metadata = etree.SubElement(parent, f"{{{CP}}}metadata")
    lom = etree.SubElement(metadata, f"{{{r}}}lom")
    educational = etree.SubElement(lom, f"{{{r}}}educational")
    intended = etree.SubElement(educational, f"{{{r}}}intendedEndUserRole")
    _text(intended, f"{{{r}}}source", ROLES_VOCABULARY)
    _text(intended, f"{{{r}}}value", role)


def manifest(course: Course, sections: list[Section], resources: list[Resource]) -> bytes:
    """The manifest as UTF-8 bytes, with the 1.1 namespace on the root element."""
    root = etree.Element(f"{{{CP}}}manifest", nsmap={
        None: CP, "lomimscc": LOM_MANIFEST, "lom": LOM_RESOURCE}, identifier=course.identifier)
    course_metadata(root, course)
    organizations = etree.SubElement(root, f"{{{CP}}}organizations")
    organization = etree.SubElement(organizations, f"{{{CP}}}organization",
                                    identifier="organization", structure="rooted-hierarchy")
    top = etree.SubElement(organization, f"{{{CP}}}item", identifier="root")
    for number, section in enumerate(sections, 1):
        node = etree.SubElement(top, f"{{{CP}}}item", identifier=f"section_{number}")
        _text(node, f"{{{CP}}}title", section.title)
        for index, item in enumerate(section.items, 1):
            child = etree.SubElement(node, f"{{{CP}}}item",
                                     identifier=f"item_{number}_{index}",
                                     identifierref=item.resource)
            _text(child, f"{{{CP}}}title", item.title)
    holder = etree.SubElement(root, f"{{{CP}}}resources")
    for resource in resources:
        attributes = {"identifier": resource.identifier, "type": resource.type}
        if resource.href:
            attributes["href"] = resource.href
        node = etree.SubElement(holder, f"{{{CP}}}resource", **attributes)
        if resource.role != LEARNER:
            role_metadata(node, resource.role)
        for path in resource.files:
            etree.SubElement(node, f"{{{CP}}}file", href=path)
        for dependency in resource.dependencies:
            etree.SubElement(node, f"{{{CP}}}dependency", identifierref=dependency)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def weblink(title: str, url: str) -> bytes:
    """A web link file (imswl_xmlv1p1): Moodle makes it a URL activity."""
    root = etree.Element(f"{{{WEBLINK}}}webLink", nsmap={None: WEBLINK})
    _text(root, f"{{{WEBLINK}}}title", title)
    etree.SubElement(root, f"{{{WEBLINK}}}url", href=url, target="_blank")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
