"""The `heard` command: check the curriculum, write its schema, scaffold files, build it."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called: exit 2 with the message."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-22") from None


def find_root(path: Path) -> Path:
    """The curriculum root: the folder itself, or the nearest one above with a conf.py."""
    for folder in [path, *path.parents] if path.is_dir() else path.parents:
        if (folder / "conf.py").is_file() or (folder / "index.md").is_file() and any(
                (folder / name).is_dir() for name in ("modules", "case_stories")):
            return folder
    return path if path.is_dir() else path.parent


# -- check ---------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    from .curriculum import Curriculum
    from .rules import Context, run_rules

    target = Path(args.path)
    if not target.exists():
        raise UsageError(f"{args.path}: no such file or folder")
    root = find_root(target.resolve())
    cur = Curriculum.load(root)
    problems = run_rules(cur, Context(today=args.today or dt.date.today()))
    if target.is_file():  # report on this file only; rules still see the whole curriculum
        rel = target.resolve().relative_to(root).as_posix()
        problems = [p for p in problems if p.path == rel]
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in problems], indent=2))
    else:
        for problem in problems:
            print(problem.as_github() if args.format == "github" else problem.as_text())
        if args.format == "text":
            files = len(cur.documents)
            summary = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}" if problems \
                else "no problems"
            print(f"heard check: {summary} in {files} files", file=sys.stderr)
    return EXIT_PROBLEMS if problems else EXIT_OK


# -- schema --------------------------------------------------------------------------------


def schema_for(kind: str | None) -> dict:
    from .model import KIND_MODELS

    if kind:
        schema = KIND_MODELS[kind].model_json_schema()
    else:
        kinds = [m for name, m in KIND_MODELS.items() if name != "page"]
        schema = {"title": "Heard front matter", "anyOf": [], "$defs": {}}
        for model_cls in kinds:
            sub = model_cls.model_json_schema(ref_template="#/$defs/{model}")
            schema["$defs"].update(sub.pop("$defs", {}))
            schema["$defs"][model_cls.__name__] = sub
            schema["anyOf"].append({"$ref": f"#/$defs/{model_cls.__name__}"})
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def cmd_schema(args: argparse.Namespace) -> int:
    from .model import KIND_MODELS

    if args.output:
        out = Path(args.output)
        out.mkdir(parents=True, exist_ok=True)
        for kind in [k for k in KIND_MODELS if k != "page"]:
            (out / f"{kind}.schema.json").write_text(json.dumps(schema_for(kind), indent=2) + "\n")
        (out / "heard.schema.json").write_text(json.dumps(schema_for(None), indent=2) + "\n")
        print(f"wrote {len(KIND_MODELS)} schema files to {out}", file=sys.stderr)
    else:
        print(json.dumps(schema_for(args.kind), indent=2))
    return EXIT_OK


# -- new -----------------------------------------------------------------------------------

SCAFFOLDS = {"story": ("case_stories", "story.md"), "module": ("modules", "module.md")}


def cmd_new(args: argparse.Namespace) -> int:
    import re
    from importlib.resources import files

    from .model import ID_PATTERN

    if not re.match(ID_PATTERN, args.slug):
        raise UsageError(f"{args.slug!r} is not a valid id: use lower-case words joined by "
                         "hyphens, e.g. my-local-story")
    folder, template = SCAFFOLDS[args.kind]
    root = find_root(Path(args.root).resolve())
    target = root / folder / f"{args.slug}.md"
    if target.exists():
        print(f"{target}: already exists; nothing was written. Choose another id, or edit "
              "the file.", file=sys.stderr)
        return EXIT_PROBLEMS
    today = args.today or dt.date.today()
    text = (files("heard") / "templates" / template).read_text(encoding="utf-8")
    text = text.replace("{id}", args.slug).replace("{title}", args.slug.replace("-", " ").capitalize())
    text = text.replace("{today}", today.isoformat()).replace(
        "{review_by}", today.replace(year=today.year + 1).isoformat() if not (
            today.month == 2 and today.day == 29) else f"{today.year + 1}-02-28")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    print(f"created {target.relative_to(root)}")
    print(f"next: fill in the TODO parts, add {args.slug} to {folder}/index.md's toctree, "
          "and run `heard check`.")
    return EXIT_OK


# -- build ---------------------------------------------------------------------------------


def cmd_build(args: argparse.Namespace) -> int:
    from sphinx.cmd.build import build_main

    root = find_root(Path(args.root).resolve())
    if args.format != "html":
        return build_print(args, root)
    editions = ("learner", "trainer") if args.edition == "both" else (args.edition,)
    status = EXIT_OK
    for edition in editions:
        out = Path(args.out) / edition
        argv = ["-b", "html", "-d", str(Path(args.out) / ".doctrees" / edition), "-j", args.jobs,
                "-q", str(root), str(out)]
        if args.strict:
            argv[:0] = ["-W", "-n"]
        if edition == "trainer":
            argv[:0] = ["-t", "trainer"]
        print(f"heard build: {edition} edition -> {out}", file=sys.stderr)
        if build_main(argv) != 0:
            status = EXIT_PROBLEMS
    return status


def build_print(args: argparse.Namespace, root: Path) -> int:
    """`--format pdf|epub|kit`: the print outputs and the delivery kit (see heard.printing)."""
    if args.format == "epub" and args.edition == "trainer":
        raise UsageError("the EPUB is of the learner edition only: use --edition learner")
    try:
        from .printing import PrintError, build_epub, build_pdf
    except ImportError as exc:
        raise UsageError(f"{exc.name} is not installed: pip install -e '.[site]'") from None
    out = Path(args.out).resolve()
    try:
        if args.format == "kit":
            from .printing.kitbuild import build_kit

            written = build_kit(root, out, edition=args.edition, jobs=args.jobs,
                                strict=args.strict)
        elif args.format == "pdf":
            result = build_pdf(root, out, edition=args.edition, jobs=args.jobs,
                               strict=args.strict)
            written = result.pdfs
        else:
            written = [build_epub(root, out, jobs=args.jobs, strict=args.strict).epub]
    except PrintError as exc:
        print(f"heard build: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    for path in written:
        print(f"heard build: wrote {path}", file=sys.stderr)
    return EXIT_OK


# -- main ----------------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="heard", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="check the curriculum is complete")
    check.add_argument("path", nargs="?", default=".",
                       help="the curriculum folder, or one file in it (default: .)")
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    check.add_argument("--today", type=_date, help="check dates as of this day (YYYY-MM-DD)")
    check.set_defaults(func=cmd_check)

    schema = sub.add_parser("schema", help="write the JSON Schema of the front matter")
    schema.add_argument("--kind", choices=("story", "quality-list", "framework", "module",
                                           "glossary", "source-register"))
    schema.add_argument("--output", "-o", help="write one schema file per kind into this folder")
    schema.set_defaults(func=cmd_schema)

    new = sub.add_parser("new", help="create a story or module from a template")
    new.add_argument("kind", choices=sorted(SCAFFOLDS))
    new.add_argument("slug", help="the new id, e.g. my-local-story")
    new.add_argument("--root", default=".", help="the curriculum folder (default: .)")
    new.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    new.set_defaults(func=cmd_new)

    build = sub.add_parser("build", help="build the learner and trainer editions")
    build.add_argument("--edition", choices=("learner", "trainer", "both"), default="both")
    build.add_argument("--format", choices=("html", "pdf", "epub", "kit"), default="html",
                       help="html: the site (default); pdf: the trainer pack and learner "
                            "handouts; epub: the learner edition as an e-book; kit: each "
                            "edition's delivery kit (DOCX, PPTX, PDF), a folder and a zip")
    build.add_argument("--out", default="_build", help="output folder (default: _build)")
    build.add_argument("--root", default=".", help="the curriculum folder (default: .)")
    build.add_argument("--jobs", "-j", default="1",
                       help="parallel jobs (default: 1; on two cores -j 2 measured slower, "
                            "see docs/performance.md)")
    build.add_argument("--strict", action="store_true",
                       help="fail on any warning (-W -n), as CI does")
    build.set_defaults(func=cmd_build)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"heard {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
