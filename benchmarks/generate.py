"""Write a synthetic curriculum of N modules in Heard's content model, for benchmarks.

Usage: python benchmarks/generate.py N OUT_DIR
Each module uses one story and teaches items of one quality list; every rule has work to do.
"""

from __future__ import annotations

import sys
from pathlib import Path

STORY = """---
id: story-{n}
title: "Story {n}"
summary: A synthetic story used to measure the toolkit.
voices: [parent]
setting: A children's services team
source: src-main
reuse:
  basis: published account
  status: active
  recorded: 2026-01-01
  review_by: 2030-01-01
  publisher: A made-up publisher
  published: "2025"
  licence: Made up for the benchmark.
  subject_contacted: false
content_notes: [risk of a child being removed]
themes: [trust]
---

# Story {n}

```{{content-note}}
This story talks about a child who might be removed.
```

## The story

{body}

```{{reflection-questions}}
1. What changed, and why?
2. What would you do the same?
```

```{{trainer-notes}}
Give people time. Let them step out if they need to.
```
"""

LIST = """---
id: list-{n}
title: "Qualities {n}"
source: src-main
voices: [young-person]
items:
{items}
---

# Qualities {n}

```{{quality-list}}
```
"""

MODULE = """---
id: module-{n}
title: "Module {n}"
summary: A synthetic module used to measure the toolkit.
audiences: [students, nqsw-asye]
duration: 90
outcomes:
  - Explain what helped the parent trust the worker.
  - Compare two ways of raising a worry with a family.
levels:
  - {{level: fheq-6, pcf_level: end-of-last-placement, outcomes: [{{text: Analyse what helped the parent trust the worker., pcf: [values-and-ethics], swe: ["2.1"]}}]}}
  - {{level: fheq-7, pcf_level: end-of-last-placement, outcomes: [{{text: Evaluate how honesty built the parent's trust., pcf: [values-and-ethics], swe: ["2.1"]}}]}}
  - {{level: asye, pcf_level: asye, outcomes: [{{text: Review how you build a parent's trust., pcf: [values-and-ethics], swe: ["2.1"]}}]}}
reading: [src-law, src-study]
pcf: [values-and-ethics]
swe: [trust-and-confidence]
stories: [story-{n}]
teaches: [{teaches}]
co_delivery: recommended
lived_experience_review: {{status: not-yet, note: A synthetic module nobody reviews.}}
---

# Module {n}

```{{module-overview}}
```

```{{timetable}}
```

```{{content-note}}
The story is about a child who might be removed.
```

````{{activity}} Read the story
:duration: 20
:format: story
:materials: Story card; pens

```{{story-card}} story-{n}
```
````

```{{activity}} Talk in pairs
:duration: 30
:format: pairs
:materials: Pens and blank paper

Discuss {{quality}}`list-{n}:item-1` and {{story}}`story-{n}` with a partner. {body}
```

```{{activity}} Plan together
:duration: 40
:format: small groups
:materials: Flipchart

{body}
```

```{{six-w-brief}}
:role-title: Co-trainer
:ask: Tell the story.
:why: So that people hear it first-hand.
```

```{{reflection-questions}}
1. What will you do differently?
```

```{{cpd-prompt}}
Record one change, and talk it through with a colleague.
```

```{{portfolio-reflection}}
Write for your portfolio what you would do differently, and why.
```

```{{trainer-notes}}
Keep time, and check in with the co-trainer after the story.
```
"""

BODY = ("A parent felt judged by one social worker and could not speak. The next worker listened, "
        "explained what she was there for, and kept her word. The parent began to trust her, and "
        "things changed for the family. ") * 3

FIXED = {
    "conf.py": 'extensions = ["myst_parser", "heard"]\nheard_today = "2026-11-22"\n',
    "docs/glossary.md": "---\nkind: glossary\nterms:\n  - term: 6W\n    expansion: the six Ws\n"
                        "    definition: Questions to answer first.\n"
                        "  - term: PCF\n    definition: The profession's framework.\n---\n\n# Glossary\n\n"
                        "```{glossary-terms}\n```\n",
    "docs/sources.md": "---\nkind: source-register\nsources:\n  - id: src-main\n"
                       "    publisher: A publisher\n    title: A source\n    type: report\n"
                       "    quality: research-report\n"
                       "  - id: src-law\n    publisher: Parliament\n    title: An Act\n"
                       "    type: legislation\n    quality: legislation\n"
                       "  - id: src-study\n    publisher: A journal\n    title: A study\n"
                       "    type: journal article\n    quality: peer-reviewed\n---\n\n"
                       "# Sources\n\n```{source-register}\n```\n",
    "docs/frameworks/six-w.md": "---\nkind: framework\nid: six-w\ntitle: The 6W framework\n"
                                "source: src-main\nitems:\n  - id: ask\n    name: What is asked?\n"
                                "  - id: why\n    name: Why?\n---\n\n# The 6W framework\n\n"
                                "```{framework-items}\n```\n",
    "docs/frameworks/pcf.md": "---\nkind: framework\nid: pcf\ntitle: PCF domains\nsource: src-main\n"
                              "items:\n  - id: values-and-ethics\n    name: Values and ethics\n---\n\n"
                              "# PCF domains\n\n```{framework-items}\n```\n",
    "docs/frameworks/swe.md": "---\nkind: framework\nid: swe\ntitle: Standards\nsource: src-main\n"
                              "items:\n  - id: trust-and-confidence\n    name: Trust\n    points:\n"
                              "      - number: \"2.1\"\n        text: Be honest.\n"
                              "        seen: the standards page\n---\n\n"
                              "# Standards\n\n```{framework-items}\n```\n",
}


def generate(n: int, out: Path) -> None:
    files = dict(FIXED)
    for i in range(1, n + 1):
        items = "\n".join(f"  - id: item-{k}\n    text: Quality {k} of list {i}" for k in (1, 2, 3))
        teaches = ", ".join(f"list-{i}:item-{k}" for k in (1, 2, 3))
        files[f"case_stories/story-{i}.md"] = STORY.format(n=i, body=BODY)
        files[f"case_stories/lists/list-{i}.md"] = LIST.format(n=i, items=items)
        files[f"modules/module-{i}.md"] = MODULE.format(n=i, teaches=teaches, body=BODY)
    toc = {"case_stories/index.md": ("Stories", "```{story-index}\n```\n", [f"story-{i}" for i in range(1, n + 1)] + ["lists/index"]),
           "case_stories/lists/index.md": ("Lists", "", [f"list-{i}" for i in range(1, n + 1)]),
           "modules/index.md": ("Modules", "```{module-index}\n```\n", [f"module-{i}" for i in range(1, n + 1)]),
           "docs/frameworks/index.md": ("Frameworks", "", ["six-w", "pcf", "swe"]),
           "index.md": ("Benchmark curriculum", "", ["modules/index", "case_stories/index",
                                                     "docs/frameworks/index", "docs/glossary",
                                                     "docs/sources"])}
    for path, (title, intro, entries) in toc.items():
        files[path] = f"# {title}\n\n{intro}\n```{{toctree}}\n" + "\n".join(entries) + "\n```\n"
    for rel, text in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
