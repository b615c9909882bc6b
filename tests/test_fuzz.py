"""Property-based fuzzing of `heard check` (issue 12 §6), with Hypothesis.

Front matter and directive blocks of the small fixture curriculum are mutated (wrong types,
impossible dates, aliases, duplicate keys, control characters, unicode, long values, broken
and nested fences), and `heard check` must: exit 0 or 1, raise nothing, locate every problem
at a file of the curriculum and a line in it, and finish within a time bound.

By default each test runs a few hundred examples (fast tier). For a long run:
    HEARD_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py -p no:cacheprovider
The trainer-only leak fuzz builds with Sphinx, so it is marked `site` and runs
HEARD_FUZZ_BUILDS examples (default 6).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import ROOTS
from heard.cli import main

EXAMPLES = int(os.environ.get("HEARD_FUZZ_EXAMPLES", "200"))
BUILDS = int(os.environ.get("HEARD_FUZZ_BUILDS", "6"))
# CPU seconds for one whole check of the small curriculum: CPU time, not wall time, so a
# busy shared machine cannot fail the test, while a hang or a quadratic blow-up still does.
TIME_BOUND = 5.0
TARGETS = ("case_stories/alpha.md", "modules/heard.md", "trainer_kit/day.md")

HOSTILE_VALUES = [
    "[story]", "{a: 1}", "!!timestamp hello", "2026-02-30", "0000-01-01",
    "2026-01-01 25:00:00", "&a [*a]", "*nowhere", "[" * 200 + "]" * 200, '"\\x1f"',
    '"\\u2028line"', "null", "-1", "1e999", "0x1F", "yes", "~", "'", '"', "|", ">-",
    "Ünïcødé ☃ 𝔘", "x" * 5000, "[1, [2, [3, [4]]]]", "!!python/object:os.system ls",
    "@oops", "`tick`", "{{", "%TAG", "? complex key", "- - -",
]
FENCE_LINES = [
    "```", "````", ":::", "::::", "```{activty} Typo", "```{Suggested-Answers}",
    "```{trainer-notes} A title", "    ```{suggested-answers}", "```suggested-answers",
    ":::{note}", "```{toctree}", "```{fact}\n:checked: 2026-02-30", "---", "+++",
    "```{six-w-brief}\n:role-title: a\nmodules/x.md:1: H000 fake",
    '<img src="file:///etc/hostname">', "{story}`nobody`", "{unknownrole}`x`",
]

line_edits = st.one_of(
    st.tuples(st.just("value"), st.sampled_from(HOSTILE_VALUES)),
    st.tuples(st.just("value"), st.text(max_size=40)),
    st.tuples(st.just("duplicate"), st.none()),
    st.tuples(st.just("delete"), st.none()),
    st.tuples(st.just("insert"), st.sampled_from(FENCE_LINES)),
    st.tuples(st.just("insert"), st.text(max_size=60)),
    st.tuples(st.just("nest"), st.integers(min_value=2, max_value=400)),
)


def mutate(text: str, edits: list, positions: list[int]) -> str:
    lines = text.split("\n")
    for (kind, value), position in zip(edits, positions):
        index = position % max(1, len(lines))
        if kind == "value" and ":" in lines[index]:
            key = lines[index].split(":", 1)[0]
            lines[index] = f"{key}: {value}"
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "delete" and lines:
            del lines[index]
        elif kind == "insert":
            lines.insert(index, str(value))
        elif kind == "nest":
            depth = int(value)
            lines[index:index] = [":" * (depth + 3 - i) + "{note}" for i in range(depth)] + [
                "deep"] + [":" * (4 + i) for i in range(depth)]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def fuzz_root():
    folder = Path(tempfile.mkdtemp(prefix="heard-fuzz-"))
    shutil.copytree(ROOTS / "test-curriculum", folder / "curriculum")
    yield folder / "curriculum"
    shutil.rmtree(folder)


def check_mutant(root: Path, target: str, text: str) -> tuple[int, list, float]:
    original = (root / target).read_bytes()
    (root / target).write_text(text, encoding="utf-8", errors="surrogatepass")
    out, err = io.StringIO(), io.StringIO()
    start = time.process_time()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            # The check cache is on: unchanged files come from it, as for an author.
            status = main(["check", str(root), "--format", "json", "--today", "2026-11-22"])
    finally:
        (root / target).write_bytes(original)
    return status, json.loads(out.getvalue()), time.process_time() - start


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(target=st.sampled_from(TARGETS), edits=st.lists(line_edits, min_size=1, max_size=4),
       positions=st.lists(st.integers(min_value=0, max_value=80), min_size=4, max_size=4))
def test_mutated_curriculum_never_crashes(fuzz_root, target, edits, positions):
    text = mutate((fuzz_root / target).read_text(encoding="utf-8"), edits, positions)
    status, problems, seconds = check_mutant(fuzz_root, target, text)
    assert status in (0, 1)
    assert seconds < TIME_BOUND, f"{seconds:.1f} s"
    files = {p.relative_to(fuzz_root).as_posix() for p in fuzz_root.rglob("*.*")
             if ".heard_cache" not in p.parts}
    for problem in problems:
        assert problem["path"] in files, problem
        assert problem["line"] >= 1 and problem["hint"], problem
        assert "\n" not in problem["message"] or problem["message"].count("\n") == 0


# -- trainer-only text never reaches the learner build -------------------------------------

ANSWERS = "```{suggested-answers}\nTrainerprobe-answer honesty builds trust.\n```"
NOTES = "```{trainer-notes}\nTrainerprobe-module-note keep time.\n```"
def nested_in_a_note(block: str) -> str:
    return "````{note}\n" + block + "\n````"


def unchanged(block: str) -> str:
    return block


SHAPES = [
    lambda b: b.replace("suggested-answers", "Suggested-Answers"),
    lambda b: b.replace("suggested-answers", "SUGGESTED-ANSWERS"),
    lambda b: b.replace("suggested-answers", "suggested-answer"),
    lambda b: b.replace("trainer-notes", "trainer-note"),
    lambda b: b.replace("}\n", "} A title\n", 1),
    lambda b: "\n".join("    " + line for line in b.splitlines()),
    lambda b: b.replace("{", "", 1).replace("}", "", 1),
    lambda b: b.rsplit("\n```", 1)[0],
    lambda b: b.replace("```", ":::"),
    nested_in_a_note,
    lambda b: "```{six-w-brief}\n:role-title: Co\n\n" + b,
    lambda b: b.replace("```", "~~~"),
    unchanged,
]
BLOCK_SHAPES = st.sampled_from(SHAPES)


def _learner_tree_text(out: Path) -> str:
    return "\n".join(path.read_bytes().decode("utf-8", "replace") for path in out.rglob("*")
                     if path.is_file())


@pytest.mark.site
@settings(max_examples=BUILDS, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(answers=BLOCK_SHAPES, notes=BLOCK_SHAPES)
@example(answers=unchanged, notes=unchanged)  # the fixture itself must not leak
@example(answers=unchanged, notes=nested_in_a_note)  # legal nesting: check passes
def test_mutated_trainer_blocks_never_reach_the_learner_build(tmp_path_factory, answers, notes):
    """Either `heard check` stops the author (exit 1), or the learner tree, as plain
    sphinx-build writes it (doctrees and environment inside the output folder), holds no
    trainer-only text."""
    from sphinx.cmd.build import build_main

    root = tmp_path_factory.mktemp("leak") / "curriculum"
    shutil.copytree(ROOTS / "test-curriculum", root)
    module = root / "modules/heard.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace(ANSWERS, answers(ANSWERS)).replace(NOTES, notes(NOTES)),
                      encoding="utf-8")
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        status = main(["check", str(root), "--today", "2026-11-22", "--no-cache"])
        build_main(["-q", "-b", "html", str(root), str(root / "_build/learner")])
    assert status in (0, 1)
    if status == 0:
        assert "Trainerprobe" not in _learner_tree_text(root / "_build/learner")
