"""The `heard` command: check the curriculum, write its schema, scaffold files, build it."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .problems import escaped

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called: exit 2 with the message."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-22") from None


def _existing_folder(name: str) -> Path:
    """--root or a path argument: it must exist, or the command would write somewhere else."""
    path = Path(name)
    if not path.exists():
        raise UsageError(f"{escaped(name)}: no such folder")
    return path.resolve()


def find_root(path: Path) -> Path:
    """The curriculum root: the folder itself, or the nearest one above with a conf.py."""
    for folder in [path, *path.parents] if path.is_dir() else path.parents:
        if (folder / "conf.py").is_file() or (folder / "index.md").is_file() and any(
                (folder / name).is_dir() for name in ("modules", "case_stories")):
            return folder
    return path if path.is_dir() else path.parent


# -- check ---------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    from . import cache, loader, organisation, overlay, settings
    from .curriculum import Curriculum
    from .rules import Context, run_rules
    from .rules.sources import awaiting_review

    target = Path(args.path)
    if not target.exists():
        raise UsageError(f"{escaped(args.path)}: no such file or folder")
    root = _existing_folder(args.root) if args.root else find_root(target.resolve())
    profile = organisation.load_profile(root)
    plan = overlay.plan(root, profile.profile)
    sources = loader.read_sources(root, plan.files)
    if not sources:
        raise UsageError(f"{root}: no curriculum here (no index.md, and nothing in "
                         f"{', '.join(loader.SOURCE_DIRS)}); give the curriculum folder")
    try:
        chosen = settings.selection(root, args.select, args.ignore)
    except settings.SettingsError as exc:
        raise UsageError(str(exc)) from None
    today = args.today or dt.date.today()
    store = None if args.no_cache else cache.CheckCache(root)
    profile_path = root / organisation.PROFILE_FILE
    run_key = cache.digest("\n".join(
        [store.stamp if store else "", today.isoformat(), repr(chosen), repr(plan.excluded),
         cache.digest(profile_path.read_bytes()) if profile_path.is_file() else ""]
        + [f"{rel}:{cache.digest(raw) if isinstance(raw, bytes) else raw!r}"
           for rel, raw in sources]).encode())
    cached = store.results(run_key) if store else None
    cur = None
    if cached is None or args.verbose:
        cur = Curriculum.load(root, "trainer", store, sources, plan=plan, profile=profile)
        gc.freeze()  # the records live as long as this process: the collector can skip them
    if cached is None:
        problems = [p for p in run_rules(cur, Context(today=today)) if chosen.wants(p.code)]
        awaiting = awaiting_review(cur)
        if store:
            store.save_results(run_key, (problems, awaiting))
    else:
        problems, awaiting = cached
    if target.is_file():  # report on this file only; rules still see the whole curriculum
        rel = target.resolve().relative_to(root).as_posix()
        problems = [p for p in problems if p.path == rel]
    if args.verbose:
        report_local(cur)
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in problems], indent=2))
    else:
        for problem in problems:
            print(problem.as_github() if args.format == "github" else problem.as_text())
        if args.format == "text":
            summary = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}" if problems \
                else "no problems"
            print(f"heard check: {summary} in {len(sources)} files", file=sys.stderr)
            if awaiting:  # `status: not-yet` is honest, not an error: a reminder, not a problem
                print(f"heard check: {len(awaiting)} module{'s' if len(awaiting) != 1 else ''} "
                      f"awaiting lived-experience review: {', '.join(awaiting)}",
                      file=sys.stderr)
    failing = problems if args.strict else [p for p in problems if p.severity != "warning"]
    return EXIT_PROBLEMS if failing else EXIT_OK


def report_local(cur) -> None:
    """What the organisation's edition changes, so no replacement is ever silent."""
    plan = cur.overlay
    if cur.organisation and cur.organisation.exists:
        print("heard check: organisation profile heard.toml", file=sys.stderr)
    for upstream, local in sorted(plan.replaced.items()) if plan else ():
        print(f"heard check: {local} replaces {upstream}", file=sys.stderr)
    for ident, path in sorted(cur.left_out.items()):
        print(f"heard check: {path} (`{ident}`) is left out by heard.toml", file=sys.stderr)


def cmd_explain(args: argparse.Namespace) -> int:
    from .rules.explain import explain
    from .settings import all_codes

    if not args.code:
        for code, name in sorted(all_codes().items()):
            print(f"{code}  {name}")
        return EXIT_OK
    text = explain(args.code)
    if text is None:
        raise UsageError(f"no rule has the code {escaped(args.code)!r}; `heard explain` "
                         "lists them")
    print(text)
    return EXIT_OK


# -- schema --------------------------------------------------------------------------------


def _run_sheet_schema() -> dict:
    from .plan.output import schema

    return schema()


# Schemas of files that are not front matter, by the name `heard schema --kind` takes.
def _profile_schema() -> dict:
    from .organisation import Profile

    return Profile.model_json_schema()


OTHER_SCHEMAS = {
    "run-sheet": _run_sheet_schema,  # heard plan --format json
    "profile": _profile_schema,  # heard.toml, the organisation profile
}


def schema_for(kind: str | None) -> dict:
    from .model import KIND_MODELS

    if kind in OTHER_SCHEMAS:
        return OTHER_SCHEMAS[kind]()
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
        try:
            out.mkdir(parents=True, exist_ok=True)
            for kind in [k for k in KIND_MODELS if k != "page"]:
                (out / f"{kind}.schema.json").write_text(
                    json.dumps(schema_for(kind), indent=2) + "\n")
            (out / "heard.schema.json").write_text(json.dumps(schema_for(None), indent=2) + "\n")
            for name in OTHER_SCHEMAS:
                (out / f"{name}.schema.json").write_text(
                    json.dumps(schema_for(name), indent=2) + "\n")
        except OSError as exc:
            raise UsageError(f"cannot write to {out}: {exc.strerror}") from None
        print(f"wrote {len(KIND_MODELS) + len(OTHER_SCHEMAS)} schema files to {out}", file=sys.stderr)
    else:
        print(json.dumps(schema_for(args.kind), indent=2))
    return EXIT_OK


# -- new -----------------------------------------------------------------------------------

MAX_ID_LENGTH = 80  # ids become file names and URLs; 80 leaves room under every OS limit
SCAFFOLDS = {"story": ("case_stories", "story.md"), "module": ("modules", "module.md")}


def cmd_new(args: argparse.Namespace) -> int:
    import re
    from importlib.resources import files

    from .model import ID_PATTERN

    # fullmatch: `$` in re.match would accept a name ending in a newline.
    if not re.fullmatch(ID_PATTERN.strip("^$"), args.slug) or len(args.slug) > MAX_ID_LENGTH:
        raise UsageError(f"`{escaped(args.slug[:80])}` is not a valid id: use lower-case words "
                         f"joined by hyphens, at most {MAX_ID_LENGTH} characters, e.g. "
                         "my-local-story")
    folder, template = SCAFFOLDS[args.kind]
    if args.local:  # an organisation's own file, in the overlay (see heard.overlay)
        folder = f"local/{folder}"
    root = find_root(_existing_folder(args.root))
    target = root / folder / f"{args.slug}.md"
    if target.exists() or target.is_symlink():
        print(f"{target}: already exists; nothing was written. Choose another id, or edit "
              "the file.", file=sys.stderr)
        return EXIT_PROBLEMS
    today = args.today or dt.date.today()
    if today.year >= dt.MAXYEAR:
        raise UsageError(f"--today {today} leaves no room for a review date a year later")
    text = (files("heard") / "templates" / template).read_text(encoding="utf-8")
    text = text.replace("{id}", args.slug).replace("{title}", args.slug.replace("-", " ").capitalize())
    text = text.replace("{today}", today.isoformat()).replace(
        "{review_by}", today.replace(year=today.year + 1).isoformat() if not (
            today.month == 2 and today.day == 29) else f"{today.year + 1}-02-28")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(text)
    except OSError as exc:
        print(f"{target}: cannot write the file ({exc.strerror}); nothing was written. Check "
              f"that {folder}/ is a folder you can write to.", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"created {target.relative_to(root)}")
    print(f"next: fill in the TODO parts, add {args.slug} to {folder}/index.md's toctree, "
          "and run `heard check`.")
    return EXIT_OK


# -- build ---------------------------------------------------------------------------------


def cmd_build(args: argparse.Namespace) -> int:
    root = find_root(_existing_folder(args.root))
    if args.format == "cc":
        return build_cc(args, root)
    if args.format != "html":
        return build_print(args, root)
    editions = ("learner", "trainer") if args.edition == "both" else (args.edition,)
    return build_html(args, root, editions)


def build_html(args: argparse.Namespace, root: Path, editions: tuple[str, ...]) -> int:
    from sphinx.cmd.build import build_main

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


def build_cc(args: argparse.Namespace, root: Path) -> int:
    """`--format cc`: the HTML editions (Sphinx rebuilds only what changed), then a Common
    Cartridge per edition and per module from them (see heard.cartridge)."""
    try:
        from .cartridge import build_cartridges
    except ImportError as exc:
        raise UsageError(f"{exc.name} is not installed: pip install -e '.[site]'") from None
    # The trainer cartridge holds the learner pages too, so the learner edition is always built.
    html_editions = ("learner", "trainer") if args.edition != "learner" else ("learner",)
    if build_html(args, root, html_editions) != EXIT_OK:
        return EXIT_PROBLEMS
    out = Path(args.out).resolve()
    editions = ("learner", "trainer") if args.edition == "both" else (args.edition,)
    # The handouts each module's section holds, from the doctrees just built. Their renderer
    # warnings are printed but not fatal here: the same missing file or stray link is a
    # located cartridge problem below, which is what --strict reports and fails on.
    try:
        from . import load
        from .cartridge.handouts import make_handouts
        from .printing import PrintError

        make_handouts(root, out, sorted(load(root, "learner").modules), editions,
                      jobs=args.jobs)
    except PrintError as exc:
        print(f"heard build: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    result = build_cartridges(root, {e: out / e for e in html_editions}, out / "cc",
                              editions=editions, handouts=out, strict=args.strict)
    for problem in result.problems:
        print(problem.as_text(), file=sys.stderr)
    for path in result.cartridges + result.other:
        print(f"heard build: wrote {path}", file=sys.stderr)
    if result.problems and args.strict:
        print(f"heard build: {len(result.problems)} problems packaging pages; no cartridge "
              "was written (--strict)", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


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


EXIT_CODES = """exit status:
  0  no problems (or the command did what was asked)
  1  problems found, or nothing was written (a file already exists)
  2  the command was used wrongly: an unknown option, a folder that does not exist or holds
     no curriculum, a date that is not a date, a rule that does not exist
A closed pipe (heard check | head) ends quietly."""


def parser() -> argparse.ArgumentParser:
    from . import __version__
    from .model import KIND_MODELS

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text, epilog=EXIT_CODES,
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    def root_option(target: argparse.ArgumentParser, default: str | None = ".") -> None:
        target.add_argument("--root", default=default, metavar="DIR",
                            help="the curriculum folder (default: "
                                 + ("the current folder)" if default else "found from PATH)"))

    top = argparse.ArgumentParser(prog="heard", description=__doc__, epilog=EXIT_CODES,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--version", action="version", version=f"heard {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = command("check", "check the curriculum is complete, without Sphinx")
    check.add_argument("path", nargs="?", default=".", metavar="PATH",
                       help="a file to report on, or the curriculum folder (default: .)")
    root_option(check, default=None)
    check.add_argument("--format", choices=("text", "json", "github"), default="text",
                       help="text: path:line: CODE message and a fix (default); json: a list "
                            "of objects; github: GitHub Actions annotations")
    check.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                       help="judge review dates as of this day (default: today)")
    check.add_argument("--select", type=_codes, metavar="CODES",
                       help="only these rules: codes, prefixes or names, comma-separated "
                            "(e.g. H06,H080); replaces [tool.heard] select")
    check.add_argument("--ignore", type=_codes, metavar="CODES",
                       help="leave out these rules (same forms); replaces [tool.heard] ignore")
    check.add_argument("--no-cache", action="store_true",
                       help="neither read nor write .heard_cache/ (it is safe to delete)")
    check.add_argument("--verbose", "-v", action="store_true",
                       help="also say which local files replace upstream ones, and what the "
                            "organisation profile leaves out")
    check.add_argument("--strict", action="store_true",
                       help="fail on warnings too (an unset organisation profile value), as CI "
                            "does")
    check.set_defaults(func=cmd_check)

    explain = command("explain", "say what a rule finds, with an example and the fix")
    explain.add_argument("code", nargs="?", metavar="CODE",
                         help="a rule code such as H080 (default: list every rule)")
    explain.set_defaults(func=cmd_explain)

    schema = command("schema", "write the JSON Schema of the front matter")
    schema.add_argument("--kind",
                        choices=[k for k in KIND_MODELS if k != "page"] + list(OTHER_SCHEMAS),
                        help="one kind only (default: every kind in one schema)")
    schema.add_argument("--output", "-o", metavar="DIR",
                        help="write one schema file per kind into this folder")
    schema.set_defaults(func=cmd_schema)

    new = command("new", "create a story or module from a template")
    new.add_argument("kind", choices=sorted(SCAFFOLDS), help="what to create")
    new.add_argument("slug", metavar="ID", help="the new id, e.g. my-local-story")
    root_option(new)
    new.add_argument("--local", action="store_true",
                     help="write it into local/, the organisation's own folder")
    new.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    new.set_defaults(func=cmd_new)

    build = command("build", "build the learner and trainer editions with Sphinx")
    build.add_argument("--edition", choices=("learner", "trainer", "both"), default="both",
                       help="which edition to build (default: both)")
    build.add_argument("--format", choices=("html", "pdf", "epub", "kit", "cc"), default="html",
                       help="html: the site (default); pdf: the trainer pack, co-trainer guide "
                            "and learner handouts; epub: the learner edition as an e-book; kit: each "
                            "edition's delivery kit (DOCX, PPTX, PDF), a folder and a zip; cc: "
                            "IMS Common Cartridges for Moodle, Canvas and Blackboard")
    build.add_argument("--out", default="_build", metavar="DIR",
                       help="output folder (default: _build)")
    root_option(build)
    build.add_argument("--jobs", "-j", default="1", metavar="N",
                       help="parallel jobs (default: 1; on two cores -j 2 measured slower, "
                            "see docs/performance.md)")
    build.add_argument("--strict", action="store_true",
                       help="fail on any warning (-W -n), as CI does")
    build.set_defaults(func=cmd_build)

    from .plan.command import add_parser as add_plan_parser

    add_plan_parser(sub)
    return top


def _codes(text: str) -> list[str]:
    return [part for part in text.replace(",", " ").split() if part]


EXIT_PIPE = 141  # what a shell reports for a command ended by a closed pipe (128 + SIGPIPE)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"heard {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (heard check | head): stop quietly. Point stdout at devnull
        # so Python's own flush at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE


if __name__ == "__main__":
    sys.exit(main())
