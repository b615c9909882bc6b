"""`heard explain CODE`: each rule's purpose, an example of what it finds, and the fix."""

from __future__ import annotations

# code -> (an example of what the rule finds, how to fix it)
EXAMPLES: dict[str, tuple[str, str]] = {
    "H001": ("a page saved in Windows-1252, so `é` is the byte 0xe9",
             "save the file as UTF-8 in your editor"),
    "H002": ("modules/new.md holds nothing but spaces", "add front matter and content, or delete it"),
    "H003": ("title: Emily: judged, then heard   (a second colon); or `recorded: 2026-02-30`; "
             "or a key given twice", "quote values with a colon; use real dates; keep one of "
             "each field; no & anchors or * aliases"),
    "H004": ("front matter that is a list (- a, - b) instead of fields",
             "write each field on its own line as `name: value`"),
    "H005": ("a 5 MB page of list items", "split it into several pages"),
    "H006": ("```{six-w-brief} with no closing ``` line, so it takes in the trainer notes after it",
             "end each block with a line holding only its opening marker (``` or :::)"),
    "H010": ("a story with no `consent:`; or a programme whose `kind: programme` was deleted",
             "add the missing field; `heard new` writes a complete template"),
    "H011": ("`colour: blue` in a story's front matter", "remove it, or correct its spelling"),
    "H012": ("`duration: forty`, `kind: [story]`, `audience: lerners`",
             "use the form the content model gives (docs/authoring/content-model.md)"),
    "H013": ("```{activity} with no :format: option", "add the option the directive needs"),
    "H014": ("```{activty} Talk in pairs", "correct the name; the message suggests the closest one"),
    "H015": ("{qualty}`suffolk-key-qualities:honest`", "correct the role's name"),
    "H016": ("```{suggested-answers} indented four spaces, or ```suggested-answers without "
             "braces, or ```{trainer-notes} My title",
             "start the block at the left margin as ```{suggested-answers}, with no title"),
    "H017": ("::: blocks nested 30 deep", "close blocks before opening new ones"),
    "H018": ("```{include} ../trainer_kit/day-plan.md on a learner page",
             "link to the page instead, or put the include in a {trainer-only} block"),
    "H019": ('<img src="file:///home/me/photo.png">', "use a relative path to a file in the "
             "curriculum, or a public web address"),
    "H020": ("two stories with `id: emily-and-kirsty`", "give each its own id"),
    "H030": ("{story}`emily-and-kirsti`", "use an id that exists; check the spelling"),
    "H040": ("activities of 20 + 40 minutes in a module whose `duration` is 45",
             "make the activities add up to the duration"),
    "H041": ("a programme of 75 minutes whose sessions add up to 90",
             "change a session, a module or the duration"),
    "H050": ("a quality item that no module lists in `teaches`", "teach it in a module"),
    "H051": ("a story that no module lists in `stories`", "use it in a module"),
    "H052": ("a PCF domain no module lists in `pcf`", "map it to a module that covers it"),
    "H060": ("a module still listing a story whose consent is withdrawn",
             "remove the story from the page, or renew its consent"),
    "H061": ("consent.review_by: 2026-01-01 checked in March 2026",
             "check the consent, then set new recorded and review_by dates"),
    "H063": ("a {fact} whose :review-by: has passed", "check the fact, then set new dates"),
    "H070": ("a 6W brief with no :why: answer", "answer each 6W question"),
    "H080": ("`ASYE` used with no glossary entry and not written out first",
             "add it to docs/glossary.md, or write it out in full the first time"),
    "H081": ("a learner page with a Flesch reading ease of 42",
             "use shorter sentences and everyday words, or declare plain_language_exception"),
    "H090": ("outcome: Understand the role of trust", "start with a verb you could observe"),
    "H100": ("a page listed in no toctree", "list it in its folder's index.md toctree"),
    "H110": ("a story with content notes whose {content-note} comes after its first section",
             "put a {content-note} right after the title"),
    "H120": ("a module with no {cpd-prompt}", "add the missing block"),
    "H121": ("`title: The alpha story` with the heading `# The beta story`",
             "make the heading and the title the same"),
    "H130": ("summary: TODO one or two plain sentences on what the story is about.",
             "write what the TODO asks for in its place; the message repeats the instruction"),
    "H140": ("a notebook cut short by a failed save, or with a cell missing its `source`",
             "open and save it again in Jupyter, or restore it from version control"),
    "H141": ("a notebook saved with an R kernel", "choose the Python 3 kernel and save"),
    "H142": ("plt.show() in a notebook, or show_chart(fig) with no alt=",
             "use show_chart(fig, alt=\"what the chart shows, with its numbers\")"),
    "H143": ('figures["looked-after-2022"] when the story has no such figure',
             "use the id of a figure in the story's `figures:` list"),
    "H180": ("a module for students and managers with `levels` only for asye",
             "add `levels:` entries for fheq-6, fheq-7 and advanced"),
    "H181": ("`level: asye` with `pcf_level: end-of-last-placement`",
             "map ASYE outcomes at pcf_level asye"),
    "H182": ("`swe: [\"3.5\"]` when 3.5 is not among the checked points in docs/frameworks/swe.md",
             "cite a listed number, or check the standard and add it to swe.md"),
    "H183": ("fheq-6 outcome: Describe what families said about trust",
             "start with a verb from the level's list, e.g. Analyse, Evaluate, Justify"),
    "H184": ("a module for students with a {cpd-prompt} but no {portfolio-reflection}",
             "add a {portfolio-reflection} block for students"),
}


def explain(code: str) -> str | None:
    """The text `heard explain CODE` prints, or None for an unknown code."""
    from . import LOAD_CODES, RULES

    code = code.upper()
    rule = next((r for r in RULES if r.code == code), None)
    if rule is not None:
        name, summary = rule.name, rule.summary
    elif code in LOAD_CODES:
        name, summary = LOAD_CODES[code]
    else:
        return None
    example, fix = EXAMPLES.get(code, ("", ""))
    lines = [f"{code} {name}", "", summary]
    if example:
        lines += ["", f"Example: {example}"]
    if fix:
        lines += ["", f"Fix: {fix}"]
    lines += ["", "Select or ignore it with --select/--ignore, or in [tool.heard] in "
              "pyproject.toml (docs/reference/configuration.md)."]
    return "\n".join(lines)
