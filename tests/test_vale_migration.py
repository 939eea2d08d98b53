"""docs/vale.md's migration example, run as documented: a repository with a ``.vale.ini`` (unchanged from
the docs) and a small Google-like style, checked by the documented pre-commit hook (the real pre-commit,
on a snapshot of this checkout) and by the documented GitHub Actions step's command line.

The three files (``.vale.ini``, ``.pre-commit-config.yaml``, the workflow) are read from the docs, so the
docs cannot drift from what works.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from copydesk.cli import main
from test_precommit_hook import _git, _pre_commit, hook_repo  # noqa: F401 - a fixture, used by name

DOCS = Path(__file__).resolve().parents[1] / "docs" / "vale.md"

# A few rules in the Google style's manner (our own wording), enough to see the example work.
GOOGLE = {
    "We": """\
        extends: existence
        message: "Avoid first-person plural like '%s'."
        level: warning
        ignorecase: true
        tokens: [we, our, us]
        """,
    "Exclamation": """\
        extends: existence
        message: "Don't use exclamation points in text."
        level: error
        nonword: true
        tokens: ['\\w+!(?:\\s|$)']
        """,
    "Passive": """\
        extends: existence
        message: "In general, use active voice instead of passive voice ('%s')."
        level: suggestion
        tokens: ['was \\w+ed']
        """,
}
DRAFT = "# Getting started\n\nThe tool was installed by the team.\n\nWe ship it today!\n"


def _blocks(lang: str) -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.M | re.S)


def _docs_block(lang: str, marker: str) -> str:
    (found,) = [b for b in _blocks(lang) if marker in b]
    return found


def _make_repo(root: Path) -> None:
    import textwrap

    root.mkdir(parents=True)
    (root / ".vale.ini").write_text(_docs_block("ini", "StylesPath"), encoding="utf-8")
    for name, body in GOOGLE.items():
        p = root / "styles" / "Google" / f"{name}.yml"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(body), encoding="utf-8")
    vocab = root / "styles" / "config" / "vocabularies" / "Docs"
    vocab.mkdir(parents=True)
    (vocab / "accept.txt").write_text("copydesk\n", encoding="utf-8")
    (vocab / "reject.txt").write_text("", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "intro.md").write_text(DRAFT, encoding="utf-8")


def test_the_documented_vale_ini_and_workflow_command_work(tmp_path, monkeypatch):
    repo = tmp_path / "docs-repo"
    _make_repo(repo)
    workflow = yaml.safe_load(_docs_block("yaml", "uses: copydesk/copydesk"))
    (step,) = [s for s in workflow["jobs"]["prose"]["steps"] if s["uses"].startswith("copydesk/copydesk@")]
    args, paths = step["with"]["args"].split(), step["with"]["paths"].split()
    monkeypatch.chdir(repo)
    # As action.yml runs it: copydesk check ARGS --format github -- PATHS, on a GitHub runner.
    res = CliRunner().invoke(
        main, ["check", *args, "--format", "github", "--", *paths], env={"GITHUB_ACTIONS": "true"}
    )
    assert res.exit_code == 1, res.output  # an error-level finding, as Vale would fail
    lines = [ln for ln in res.stdout.splitlines() if ln.startswith("::")]
    assert [
        re.match(r"::(\w+) file=([^,]+),line=(\d+),endLine=\d+,col=(\d+)", ln).groups() for ln in lines
    ] == [
        ("warning", "docs/intro.md", "5", "1"),
        ("error", "docs/intro.md", "5", "12"),
    ]
    assert "Google.Exclamation" in lines[1] and "Google.We" in lines[0]
    # Google.Passive = NO in the documented .vale.ini: the passive sentence on line 3 is not reported.
    assert "Google.Passive" not in res.stdout


def test_the_documented_pre_commit_hook_runs_the_vale_configuration(hook_repo):  # noqa: F811
    repo, base, env, rev = hook_repo
    consumer = base / "vale-docs-repo"
    _make_repo(consumer)
    config = yaml.safe_load(_docs_block("yaml", "repos:"))
    (hook,) = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "https://github.com/copydesk/copydesk"
    config["repos"][0].update(repo=str(repo), rev=rev)  # the snapshot of this checkout instead
    (consumer / ".pre-commit-config.yaml").write_text(json.dumps(config), encoding="utf-8")
    _git(consumer, env, "init", "-q")
    _git(consumer, env, "add", "-A")
    res = _pre_commit(consumer, env, base)
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert f"- hook id: {hook['id']}" in out and "- exit code: 1" in out
    assert re.search(r"^docs/intro\.md\n  5:1  warning  Google\.We  ", out, re.M), out
    assert re.search(
        r"^  5:12  error  Google\.Exclamation  Don't use exclamation points in text\.", out, re.M
    ), out
    assert "Google.Passive" not in out


if os.name == "nt":  # pragma: no cover - pre-commit's python hooks on Windows are out of scope here
    pytestmark = pytest.mark.skip("POSIX only")
