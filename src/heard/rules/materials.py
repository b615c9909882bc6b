"""Rules about activity materials: everything an activity needs is provided, by the
curriculum itself or by a {material}, unless it is an everyday object."""

from __future__ import annotations

import re

from ..problems import Problem
from . import rule

# Things every training room has, or that the group makes on the day.
EVERYDAY = re.compile(r"\b(flipcharts?|sticky[- ]notes?|pens?|highlighters?|timers?|"
                      r"name labels|blank (?:paper|cards)|paper|slides?)\b"
                      r"|\bfrom (?:the welcome|earlier)\b", re.I)
# Things the curriculum already prints: story cards and stories, the learner handout, the
# CPD prompt, the frameworks and templates, and the quality lists.
CURRICULUM = re.compile(r"\b(story cards?|printed copies of the story|learner handout|"
                        r"CPD prompt|framework page|brief template)\b|\blists?$", re.I)


def needs_material(item: str) -> bool:
    """Whether an item of an activity's :materials: must be provided by a {material}."""
    plain = re.sub(r"\([^)]*\)", "", item).strip(" .")
    return not (EVERYDAY.search(plain) or CURRICULUM.search(plain))


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


@rule("H043", "material-not-provided", "An activity's materials name something that is "
      "neither provided by a {material} nor an everyday object.")
def materials_provided(cur, ctx):
    provided: dict[tuple[str, str], list[str]] = {}
    for doc in sorted(cur.documents, key=lambda d: d.path):
        for material in doc.materials:
            if material.module in cur.failed:
                continue  # one mistake, one error: the module's own problem says why
            module = cur.modules.get(material.module)
            if module is not None and module.incomplete:
                continue  # its activities could not all be read
            titles = {_norm(a.title) for a in module.activities} if module else set()
            if _norm(material.activity) not in titles:
                what = (f"activity {material.activity!r} of module `{material.module}`"
                        if module else f"module `{material.module}`")
                yield Problem(doc.path, material.line, "H043",
                              f"material {material.title!r} is for an unknown {what}",
                              "give :module: a module id and :activity: the title of one of "
                              "its activities")
                continue
            provided.setdefault((material.module, _norm(material.activity)), []).extend(
                _norm(phrase) for phrase in material.provides)
    for doc in sorted(cur.modules.values(), key=lambda d: d.path):
        for activity in doc.activities:
            phrases = provided.get((doc.id, _norm(activity.title)), [])
            for item in activity.materials:
                if needs_material(item) and not any(p in _norm(item) for p in phrases):
                    yield Problem(doc.path, activity.line, "H043",
                                  f"activity {activity.title!r} needs {item!r}, which no "
                                  "{material} provides",
                                  f"add a {{material}} with :module: {doc.id}, :activity: "
                                  f"{activity.title} and :provides: words from {item!r} "
                                  f"(in modules/materials/{doc.id}.md), or name an everyday "
                                  "object such as flipchart, pens or sticky notes")
