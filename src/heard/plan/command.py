"""`heard plan`: the command-line face of the session planner.

Exit codes: 0 a plan was made; 1 the request cannot be met (the message names the nearest
feasible alternative); 2 the command was called wrongly (argparse, or a bad value).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml
from pydantic import ValidationError

from .request import AUDIENCES, PlanError, Request, start_minutes

FORMATS = ("text", "json", "html", "pdf", "docx", "programme")


def _clock(text: str) -> str:
    try:
        start_minutes(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of minutes") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} minutes: give a number above 0")
    return value


EXIT_CODES = """exit status:
  0  a run sheet was made (parts that did not fit are listed under "Not covered")
  1  the request cannot be met (too short, a required co-trainer not available, an unknown
     id, a saved plan that no longer fits); the message gives the nearest feasible request
  2  the command was used wrongly: an unknown option, a time like 25:00, a missing folder"""


def _write(sheet, files, failure: str) -> bool:
    """Write the run sheet in each (format, path); say why not, without a traceback."""
    from . import output

    try:
        for kind, path in files:
            output.WRITERS[kind](sheet, path)
    except ImportError as exc:
        print(f"heard plan: {exc.name} is not installed: pip install -e '.[site]'",
              file=sys.stderr)
        return False
    except OSError as exc:
        print(f"heard plan: {failure}: {exc.strerror}", file=sys.stderr)
        return False
    return True


def add_parser(sub) -> None:
    plan = sub.add_parser("plan", help="plan a timed session (a run sheet)",
                          description="Choose modules and activities for the time, audience "
                          "and goals you have, and print a run sheet with breaks.",
                          epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    plan.add_argument("--minutes", type=_positive, help="minutes available, breaks included")
    plan.add_argument("--start", type=_clock, help="start time, HH:MM (default 09:30)")
    plan.add_argument("--audience", choices=AUDIENCES, help="who the session is for")
    plan.add_argument("--co-trainer", action=argparse.BooleanOptionalAction, default=None,
                      help="a co-trainer with lived experience is available")
    plan.add_argument("--cover", default=None,
                      help="comma-separated ids: modules, quality items (list:item), lists, "
                           "PCF domains or SWE standards (pcf:id, swe:id), or story themes")
    plan.add_argument("--max-stretch", type=_positive,
                      help="longest stretch without a break, minutes (default 75)")
    plan.add_argument("--break-minutes", type=_positive, help="length of a break (default 15)")
    plan.add_argument("--format", choices=FORMATS, default="text",
                      help="text (default) or json print to the terminal; html, pdf and docx "
                           "write a file (see --output); programme prints the sessions of a "
                           "programme page")
    plan.add_argument("--output", "-o", help="write the run sheet to this file")
    plan.add_argument("--files", metavar="DIR", help="also write run-sheet.html, .pdf, .docx "
                      "and .json into this folder (made if missing)")
    plan.add_argument("--from", dest="saved", metavar="PLAN.yaml",
                      help="rebuild a saved plan (flags given here override it)")
    plan.add_argument("--save", metavar="PLAN.yaml", help="save the request and the chosen "
                      "activities as YAML, to rebuild later")
    plan.add_argument("--update-programme", metavar="PAGE.md",
                      help="rewrite the `duration` and `sessions` of this programme page "
                           "from the plan (they must end its front matter)")
    plan.add_argument("--list", action="store_true", help="list every id --cover accepts")
    plan.add_argument("--root", default=".", help="the curriculum folder (default: .)")
    plan.set_defaults(func=cmd_plan)


def build_request(args, default_audience: str | None = None) -> Request:
    """The request from a saved plan and the flags; the organisation profile's audience
    (heard.toml `[edition] audience`) stands in when neither gives one."""
    data: dict = {}
    if args.saved:
        path = Path(args.saved)
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise PlanError(f"{path}: cannot read the saved plan ({exc})") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f":{mark.line + 1}" if mark else ""
            problem = getattr(exc, "problem", None) or "a syntax error"
            raise PlanError(f"{path}{where}: not valid YAML ({problem}); fix that line or the "
                            "one before it") from None
        if not isinstance(loaded, dict):
            raise PlanError(f"{path}:1: a saved plan is a set of fields (minutes, audience...)")
        data.update(loaded)
    for flag, key in (("minutes", "minutes"), ("start", "start"), ("audience", "audience"),
                      ("co_trainer", "co_trainer"), ("max_stretch", "max_stretch"),
                      ("break_minutes", "break_minutes")):
        if getattr(args, flag) is not None:
            data[key] = getattr(args, flag)
    if args.cover is not None:
        data["cover"] = [c.strip() for c in args.cover.split(",") if c.strip()]
        data.pop("modules", None)  # a new goal means a new choice
    if "audience" not in data and default_audience:
        data["audience"] = default_audience
    for needed in ("minutes", "audience"):
        if needed not in data:
            raise PlanError(f"give --{needed}" + (" (or --from a saved plan)" if not args.saved
                                                 else f"; {args.saved} has no `{needed}`"))
    try:
        return Request.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        where = f"{args.saved}:{field_line(Path(args.saved), first['loc'])}: " \
            if args.saved else ""
        raise PlanError(f"{where}`{field}`: {first['msg']}") from None


def field_line(path: Path, loc: tuple) -> int:
    """The line of a saved plan's field (or of its nearest enclosing field), for messages."""
    node = yaml.compose(path.read_text(encoding="utf-8"))
    line = 1
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            found = [(k, v) for k, v in node.value if k.value == key]
            if not found:
                break
            line, node = found[0][0].start_mark.line + 1, found[0][1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) \
                and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def saved_yaml(sheet) -> str:
    req = sheet.request
    modules = []
    for row in sheet.rows:
        if row.kind == "activity" and row.module:
            if not modules or modules[-1]["module"] != row.module:
                modules.append({"module": row.module, "activities": []})
            modules[-1]["activities"].append(row.title)
    data = req.model_dump(exclude={"modules"}, exclude_defaults=True)
    data.update(minutes=req.minutes, audience=req.audience, modules=modules)
    header = "# A saved session plan: rebuild it with `heard plan --from THIS-FILE`.\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=96)


def cmd_plan(args) -> int:
    from ..cli import find_root
    from ..curriculum import Curriculum
    from . import output
    from .planner import make_plan
    from .request import catalogue

    if not Path(args.root).is_dir():
        print(f"heard plan: {args.root}: no such folder; --root names the curriculum folder",
              file=sys.stderr)
        return 2
    root = find_root(Path(args.root).resolve())
    cur = Curriculum.load(root)
    if args.list:
        for key, targets in sorted(catalogue(cur).items()):
            print(f"{key}\t{targets[0].label if targets else ''}")
        return 0
    try:
        profile = cur.profile
        request = build_request(args, profile.edition.audience if profile else None)
        sheet = make_plan(cur, request)
    except PlanError as exc:
        print(f"heard plan: {exc}", file=sys.stderr)
        return 1
    if args.update_programme:
        try:
            update_programme(Path(args.update_programme), output.as_programme(sheet, cur))
        except (ValueError, OSError) as exc:
            print(f"heard plan: {args.update_programme}: {exc}", file=sys.stderr)
            return 1
        print(f"heard plan: updated {args.update_programme}", file=sys.stderr)
        return 0
    if args.format in ("html", "pdf", "docx") and not args.output:
        args.output = f"run-sheet.{args.format}"
    if args.output:
        target = Path(args.output)
        if target.exists() and target.is_dir():
            print(f"heard plan: {target} is a folder; give a file name", file=sys.stderr)
            return 2
        if not _write(sheet, [(args.format, target)], f"cannot write {target}"):
            return 1
        print(f"heard plan: wrote {target}", file=sys.stderr)
    elif args.format == "json":
        print(output.as_json(sheet))
    elif args.format == "programme":
        try:
            print(output.as_programme(sheet, cur), end="")
        except ValueError as exc:
            print(f"heard plan: {exc}", file=sys.stderr)
            return 1
    else:
        print(output.as_text(sheet), end="")
    if args.files:
        folder = Path(args.files)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"heard plan: cannot write into {folder}: {exc.strerror}", file=sys.stderr)
            return 1
        files = [(kind, folder / f"run-sheet.{kind}") for kind in ("html", "pdf", "docx", "json")]
        if not _write(sheet, files, f"cannot write into {folder}"):
            return 1
        print(f"heard plan: wrote run-sheet.html, .pdf, .docx and .json into {folder}",
              file=sys.stderr)
    if args.save:
        try:
            Path(args.save).write_text(saved_yaml(sheet), encoding="utf-8")
        except OSError as exc:
            print(f"heard plan: cannot save to {args.save}: {exc.strerror}", file=sys.stderr)
            return 1
        print(f"heard plan: saved the plan to {args.save}", file=sys.stderr)
    return 0


def update_programme(page: Path, sessions_yaml: str) -> None:
    """Replace the closing `duration:` and `sessions:` of a programme page's front matter;
    ValueError, with nothing written, when the page is not laid out that way."""
    text = page.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\nkind: programme\n" not in text.split("\n---\n")[0]:
        raise ValueError("not a programme page (front matter with `kind: programme`)")
    end = text.index("\n---\n", 3)
    start = text.find("\nduration:", 0, end)
    if start < 0 or "\nsessions:" not in text[start:end]:
        raise ValueError("its front matter must end with `duration:` and then `sessions:`")
    page.write_text(text[:start + 1] + sessions_yaml.rstrip("\n") + text[end:], encoding="utf-8")
