"""Read YAML front matter safely: no aliases, bounded depth, no duplicate keys, real dates;
and explain what the content model refuses in it, as located problems with a fix.

PyYAML builds a node tree first; every hostile shape (recursive or exponential aliases,
very deep nesting, duplicate keys, impossible dates, a `!!timestamp` on a word) is found by
one walk over that tree, before any Python object is built. Each becomes a located Problem.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

import yaml
import yaml.reader

from collections.abc import Iterator

from pydantic import ValidationError

from .problems import Problem, escaped

MAX_DEPTH = 20  # the deepest real front matter is 4 levels
TIMESTAMP = "tag:yaml.org,2002:timestamp"
STRING = "tag:yaml.org,2002:str"
# C0 control characters except tab and newline, DEL, and C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_Loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
_DATES = yaml.SafeLoader("")  # only its timestamp constructor is used


@dataclass
class Parsed:
    data: object = None
    lines: dict[tuple, int] = field(default_factory=dict)  # field path -> line
    problems: list[Problem] = field(default_factory=list)


def read(text: str, path: str, first: int, what: str = "the front matter") -> Parsed:
    """Parse YAML whose first line is line `first` of the file at `path`."""
    result = Parsed()

    def problem(line: int, message: str, fix: str) -> None:
        result.problems.append(Problem(path, line, "H003", f"{what}: {message}", fix))

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            result.data = {}
            return result
        if _walk(node, first, result.lines, problem):
            result.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem(first + (mark.line if mark else 0), f"not valid YAML: {exc.problem or exc.context}",
                "check indentation and quote values that contain a colon, e.g. title: \"A: B\"")
    except yaml.reader.ReaderError as exc:
        problem(first + text.count("\n", 0, exc.position),
                f"character {ascii(chr(exc.character))} is not allowed in YAML",
                "delete the invisible character (retype the line if unsure)")
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, AttributeError,
            RecursionError) as exc:
        problem(first, f"not valid YAML: {str(exc).splitlines()[0] if str(exc) else exc!r}",
                "check the YAML between the --- lines")
    finally:
        loader.dispose()
    return result


def _walk(root: yaml.Node, first: int, lines: dict, problem) -> bool:
    """Note each field's line; report aliases, deep nesting, duplicate keys and bad dates.

    Iterative, so no input can exhaust the stack. Returns False if the YAML must be refused.
    """
    ok = True
    seen: set[int] = set()
    # Breadth first, each node with the line that mentions it (an alias's node is the node
    # it names, so its own mark is the anchor's line).
    queue: deque[tuple[yaml.Node, tuple, int, int]] = deque([(root, (), 1, first)])
    while queue:
        node, where, depth, line = queue.popleft()
        if id(node) in seen:  # the composer gives an alias the node it names
            problem(line, "anchors and aliases (& and *) are not allowed",
                    "write the value out in full where it is needed")
            return False
        seen.add(id(node))
        if depth > MAX_DEPTH:
            problem(line, f"nested more than {MAX_DEPTH} levels deep",
                    "front matter needs only a few levels; flatten the value")
            return False
        if isinstance(node, yaml.MappingNode):
            keys: dict[object, int] = {}
            for key, value in node.value:
                # A key that YAML reads as a number, date, null or merge (<<) is no field name.
                name = key.value if isinstance(key, yaml.ScalarNode) and key.tag == STRING \
                    else None
                key_line = first + key.start_mark.line
                if not isinstance(name, str):
                    problem(key_line, "a field name must be a plain word",
                            "write `name: value`, with a plain word as the name")
                    return False
                if name in keys:
                    problem(key_line, f"`{name}` is given twice, on lines {keys[name]} and "
                            f"{key_line}", "keep one of them and delete the other")
                    ok = False
                keys[name] = key_line
                lines[(*where, name)] = key_line
                queue.append((value, (*where, name), depth + 1, key_line))
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                item_line = max(line, first + value.start_mark.line)  # an alias: its mention
                if (*where, index) not in lines:
                    lines[(*where, index)] = item_line
                queue.append((value, (*where, index), depth + 1, item_line))
        elif node.tag == TIMESTAMP:
            try:
                _DATES.construct_yaml_timestamp(node)
            except Exception:  # noqa: BLE001 - PyYAML raises several kinds for a bad date
                printable = "".join(ch for ch in node.value[:40] if ch.isprintable())
                problem(line, f"{printable!r} is not a real date",
                        "write a date that exists, as YYYY-MM-DD (e.g. 2026-02-28)")
                ok = False
    return ok


def shown(value: object) -> str:
    """A value for a message: short, on one line, control characters escaped."""
    text = repr(value) if not isinstance(value, str) else f"`{escaped(value)}`"
    return text if len(text) <= 60 else text[:57] + "..."


def explain(doc, exc: ValidationError, directive: str | None = None,
            line: int | None = None) -> Iterator[Problem]:
    """Turn pydantic's errors about a Document's front matter (or one directive's options)
    into located problems with a fix.

    For a directive, fields are its options (`:name: value`) and the line is its own.
    """
    what = f"the {{{directive}}} directive" if directive else "the front matter"
    code_missing, code_extra, code_bad = ("H013",) * 3 if directive else ("H010", "H011", "H012")
    for err in exc.errors():
        loc = tuple(err["loc"])
        name = ".".join(str(part) for part in loc)
        where = line if line is not None else doc.line_of(*loc)
        kind = err["type"]
        if kind == "missing":
            add = f"`:{name}: ...` to the directive" if directive else f"`{name}: ...`"
            yield Problem(doc.path, where, code_missing, f"{what} is missing `{name}`",
                          f"add {add}; see docs/authoring/content-model.md")
        elif kind == "extra_forbidden":
            yield Problem(doc.path, where, code_extra, f"{what} has an unknown field `{name}`",
                          "remove it, or correct its spelling")
        elif kind == "string_pattern_mismatch" and CONTROL.search(
                str(err["input"])):
            yield Problem(doc.path, where, code_bad,
                          f"`{name}` holds a control character: {err['input']!r}",
                          "delete the invisible character (retype the text if unsure)")
        elif kind == "string_pattern_mismatch":
            yield Problem(doc.path, where, code_bad,
                          f"`{name}` is not a valid id: {err['input']!r}",
                          "use lower-case words joined by hyphens, e.g. emily-and-kirsty "
                          "(and list-id:item-id for a quality item)")
        else:
            got = err.get("input")
            value = f" (got {shown(got)})" if not isinstance(got, dict | list) else ""
            yield Problem(doc.path, where, code_bad, f"`{name}` in {what}: "
                          f"{err['msg'][0].lower()}{err['msg'][1:]}{value}",
                          "dates are YYYY-MM-DD, durations whole minutes; "
                          "see docs/authoring/content-model.md")
