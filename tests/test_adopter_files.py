"""The files an adopting organisation expects: licences, notice, citation, Read the Docs, CI
workflow, pre-commit hooks, changelog and one version everywhere. All offline: the schemas
come from check-jsonschema's vendored copies or from tests/schemas."""

from __future__ import annotations

import copy
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, ROOTS

import heard
from heard.cli import parser
from heard.curriculum import Curriculum

BIN = Path(sys.executable).parent


def run(*argv: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def check_jsonschema(*argv: str) -> tuple[int, str]:
    """check-jsonschema, run in this process (its command line, without a new interpreter)."""
    from check_jsonschema import main
    from click.testing import CliRunner

    result = CliRunner().invoke(main, [*argv], catch_exceptions=False)
    return result.exit_code, result.output


def vendored_schema(name: str) -> dict:
    """A schema check-jsonschema ships, e.g. readthedocs or github-workflows."""
    path = files("check_jsonschema") / "builtin_schemas" / "vendor" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def words(text: str) -> str:
    return " ".join(text.split())


# -- licences and the third-party notice ---------------------------------------------------


def licence_text(spdx: str) -> str:
    from identify.vendor.licenses import LICENSES  # the SPDX texts pre-commit's identify ships

    return dict(LICENSES)[spdx]


def test_licence_files_match_the_readme_and_name_the_licensor():
    mit = words(licence_text("MIT")).replace("[year] [fullname]", "2026 The Heard contributors")
    assert words((REPO / "LICENSE").read_text()) == mit
    content = words((REPO / "LICENSE-content").read_text())
    assert words(licence_text("CC-BY-4.0")) in content
    assert "The Heard contributors" in content and "NOTICE.md" in content
    readme = (REPO / "README.md").read_text()
    assert "CC BY 4.0" in readme and "MIT" in readme


def test_the_notice_names_every_list_and_framework_taken_from_a_source():
    notice = (REPO / "NOTICE.md").read_text()
    cur = Curriculum.load(REPO)
    taken = [*cur.lists.values(), *cur.frameworks.values()]
    assert len(taken) >= 5
    missing = [(doc.path, doc.meta.source) for doc in taken
               if f"`{doc.path}`" not in notice or f"`{doc.meta.source}`" not in notice]
    assert missing == []


def test_a_quality_list_page_marks_its_third_party_material(make_app, curriculum):
    app = make_app("html", srcdir=curriculum, freshenv=True)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    html = (Path(app.outdir) / "case_stories/lists/qualities.html").read_text()
    notice = re.search(r'<p class="heard-third-party">(.*?)</p>', html, re.S)
    assert notice, "no third-party notice on the list page"
    assert "Third-party material" in notice.group(1) and "sources.html#source-" in notice.group(1)


# -- citation --------------------------------------------------------------------------------


def test_citation_file_is_valid_cff_and_carries_the_version():
    # The Citation File Format 1.2.0 schema, as cffconvert ships it (cffconvert itself cannot
    # be installed beside the notebook stack; .pre-commit-config.yaml runs it on its own).
    schema = REPO / "tests" / "schemas" / "citation-cff-1.2.0.json"
    code, output = check_jsonschema("--default-filetype", "yaml", "--schemafile", str(schema),
                                    str(REPO / "CITATION.cff"))
    assert code == 0, output
    data = yaml.safe_load((REPO / "CITATION.cff").read_text())
    assert data["version"] == heard.__version__
    assert data["authors"] == [{"name": "The Heard contributors"}]


def test_citation_schema_rejects_a_broken_file(tmp_path):
    broken = tmp_path / "CITATION.cff"
    broken.write_text((REPO / "CITATION.cff").read_text().replace("title:", "titel:"))
    code, output = check_jsonschema("--default-filetype", "yaml", "--schemafile",
                                    str(REPO / "tests/schemas/citation-cff-1.2.0.json"),
                                    str(broken))
    assert code == 1 and "titel" in output


# -- Read the Docs -----------------------------------------------------------------------------


def test_read_the_docs_config_builds_the_learner_edition():
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text())
    schema = copy.deepcopy(vendored_schema("readthedocs"))
    # The vendored schema's lists of operating systems and Python versions are years old
    # (ubuntu-20.04, Python 3.10 at most) and Heard needs Python 3.11, so only those two
    # lists are relaxed; every field name and shape is still checked.
    for choice in schema["properties"]["build"]["anyOf"]:
        fields = choice.get("properties", {})
        fields.get("os", {}).pop("enum", None)
        fields.get("tools", {}).get("properties", {}).get("python", {}).pop("enum", None)
    jsonschema.validate(config, schema)
    assert config["sphinx"]["configuration"] == "conf.py" and config["sphinx"]["fail_on_warning"]
    assert "trainer" not in json.dumps(config)  # the learner edition only
    assert re.fullmatch(r"3\.(1[1-9])", config["build"]["tools"]["python"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**config, "sphinx": {"configuraton": "conf.py"}}, schema)


# -- the CI workflow for a fork ----------------------------------------------------------------

WORKFLOW = REPO / ".github" / "workflows" / "heard.yml"


def test_workflow_is_valid_for_github_actions(tmp_path):
    code, output = check_jsonschema("--builtin-schema", "vendor.github-workflows", str(WORKFLOW))
    assert code == 0, output
    broken = tmp_path / "heard.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "run-on:", 1))
    code, output = check_jsonschema("--builtin-schema", "vendor.github-workflows", str(broken))
    assert code == 1, output


def test_workflow_checks_builds_strictly_and_publishes_only_the_learner_edition():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    commands = [shlex.split(step["run"]) for step in steps if "run" in step]
    heard_calls = [argv[1:] for argv in commands if argv[0] == "heard"]
    for argv in heard_calls:  # every call the workflow makes is one the CLI accepts
        parser().parse_args(argv)
    assert ["check", ".", "--strict", "--format", "github"] in heard_calls
    build = next(argv for argv in heard_calls if argv[0] == "build")
    assert "--strict" in build and "--edition" not in build  # both editions
    pages = [step for step in steps if step.get("uses", "").startswith(
        "actions/upload-pages-artifact")]
    assert [step["with"]["path"] for step in pages] == ["_build/learner"]
    assert "deploy-pages" in json.dumps(workflow["jobs"]["publish"])


# -- pre-commit ------------------------------------------------------------------------------


def test_pre_commit_files_are_valid(tmp_path):
    from pre_commit.main import main as pre_commit

    assert pre_commit(["validate-manifest", str(REPO / ".pre-commit-hooks.yaml")]) == 0
    assert pre_commit(["validate-config", str(REPO / ".pre-commit-config.yaml")]) == 0
    broken = tmp_path / "hooks.yaml"
    broken.write_text((REPO / ".pre-commit-hooks.yaml").read_text().replace("entry:", "entri:"))
    assert pre_commit(["validate-manifest", str(broken)]) == 1


@pytest.fixture
def hooked_repository(tmp_path) -> tuple[Path, dict]:
    """A git repository holding the small curriculum, whose pre-commit config runs this
    repository's heard-check hook as published, except that it uses the toolkit already
    installed here (pre-commit would otherwise install it from the network)."""
    repo = tmp_path / "council"
    shutil.copytree(ROOTS / "test-curriculum", repo)
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["language"] == "python"
    config = {"repos": [{"repo": "local", "hooks": [{**hook, "language": "unsupported"}]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
           "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for argv in (["git", "init", "-q"], ["git", "add", "-A"]):
        assert run(*argv, cwd=repo, env=env).returncode == 0
    return repo, env


def test_pre_commit_runs_heard_check_on_a_curriculum(hooked_repository):
    repo, env = hooked_repository
    passing = run(str(BIN / "pre-commit"), "run", "--all-files", cwd=repo, env=env)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "heard check" in passing.stdout and "Passed" in passing.stdout
    story = repo / "case_stories" / "alpha.md"
    story.write_text(story.read_text().replace("source: ", "source: no-such-", 1))
    run("git", "add", "-A", cwd=repo, env=env)
    failing = run(str(BIN / "pre-commit"), "run", "--all-files", cwd=repo, env=env)
    assert failing.returncode == 1
    assert "case_stories/alpha.md" in failing.stdout and "no-such-" in failing.stdout


# -- one version everywhere --------------------------------------------------------------------


def test_one_version_in_the_package_changelog_and_citation():
    from importlib.metadata import version

    assert version("heard") == heard.__version__
    changelog = (REPO / "CHANGELOG.md").read_text()
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, re.M)
    assert released and released[0] == heard.__version__

# The site footer's version (and organisation) is tested in test_local.py.
