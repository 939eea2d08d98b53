"""The pre-commit hook, end to end with the real pre-commit, the way a consumer repository uses it.

The hook repository is a snapshot of this checkout's working tree (tracked and untracked, not ignored files
under ``src/``, ``rules/`` and the packaging files) committed to a throwaway git repository, so uncommitted
changes are what gets tested. (``pre-commit try-repo`` would also pick up uncommitted changes, but only to
files git already tracks, and it installs into a fresh temporary store on every call.)

Each test makes a consumer repository whose ``.pre-commit-config.yaml`` points at the snapshot by path and
commit, and runs ``pre-commit run --all-files``. pre-commit builds a virtualenv and pip-installs copydesk into
it, which needs the package index and takes a while; ``PRE_COMMIT_HOME`` is one temporary folder for the
module, so that install happens once and the second test reuses it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NEEDED = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src/", "rules/")
NETWORK_TROUBLE = re.compile(
    r"NewConnectionError|Temporary failure in name resolution|Network is unreachable|"
    r"Could not find a version that satisfies|ConnectTimeoutError|ProxyError",
)

BAD = "# Market day\n\nWe went to the the market.\n"
GOOD = "# Market day\n\nWe went to the market and bought bread.\n"
NOTES = "Shopping list\n\nBread, apples and cheese.\n"
# Not a draft type: the hook must not be given this file, even though its comment doubles a word.
SCRIPT = "# the the\nprint('hello')\n"


def test_manifest_is_valid_and_matches_what_copydesk_reads():
    from identify import identify
    from pre_commit.clientlib import load_manifest

    from copydesk.source import FORMATS

    (hook,) = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "copydesk" and hook["language"] == "python"
    # The subcommand lives in entry: a consumer's args: replaces the hook's args. The entry ends with `--`,
    # so staged file names are never read as options (a file named `--output=README.md`) or stdin (`-`).
    assert hook["entry"].split() == ["copydesk", "check", "--"] and hook["args"] == []
    assert hook["require_serial"] is True and hook["pass_filenames"] is True
    assert set(hook["types_or"]) == {"markdown", "html", "plain-text"}
    assert set(hook["types_or"]) <= identify.ALL_TAGS
    uncovered = sorted(
        ext for ext in FORMATS if not identify.tags_from_filename("x" + ext) & set(hook["types_or"])
    )
    for ext in (".md", ".markdown", ".html", ".htm", ".txt"):
        assert ext not in uncovered
    # Extensions copydesk reads that identify does not tag: the docs must say how to add them.
    docs = (REPO / "docs" / "integrations.md").read_text(encoding="utf-8")
    for ext in uncovered:
        assert ext.lstrip(".") in docs, f"docs/integrations.md does not mention {ext}"


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "COPYDESK_CONFIG", "NO_COLOR")}
    env.update(
        PRE_COMMIT_HOME=str(home / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
        GIT_AUTHOR_NAME="copydesk tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="copydesk tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
        # No system or user git config (signing, hook paths, templates) leaks in.
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
    )
    return env


def _git(cwd: Path, env: dict, *args: str) -> str:
    res = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, f"git {' '.join(args)} failed:\n{res.stdout}\n{res.stderr}"
    return res.stdout


def _working_tree_files() -> list[str]:
    """The checkout's files that the package needs: tracked or untracked, not ignored."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8", "surrogateescape")
        names = [n for n in out.split("\0") if n]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (an unpacked sdist, say)
        names = [str(p.relative_to(REPO)).replace(os.sep, "/") for p in REPO.rglob("*") if p.is_file()]
    keep = []
    for name in sorted(set(names)):
        if not name.startswith(NEEDED) or "__pycache__" in name or name.endswith(".pyc"):
            continue
        if (REPO / name).is_file():  # deleted in the working tree but still tracked: leave out
            keep.append(name)
    return keep


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed: the pre-commit end-to-end test needs it")
    base = tmp_path_factory.mktemp("precommit")
    env = _env(base)
    repo = base / "copydesk-snapshot"
    repo.mkdir()
    files = _working_tree_files()
    assert ".pre-commit-hooks.yaml" in files and "pyproject.toml" in files
    for name in files:
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", "snapshot of the working tree")
    rev = _git(repo, env, "rev-parse", "HEAD").strip()
    return repo, base, env, rev


def _run_hook(hook_repo, name: str, drafts: dict[str, str]) -> subprocess.CompletedProcess:
    repo, base, env, rev = hook_repo
    consumer = base / name
    consumer.mkdir()
    config = f"repos:\n  - repo: {json.dumps(str(repo))}\n    rev: {rev}\n    hooks:\n      - id: copydesk\n"
    (consumer / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    # Only the built-in hygiene pack, so that other packs' tuning cannot change what this test sees.
    (consumer / ".copydesk.yaml").write_text("packs: [hygiene]\n", encoding="utf-8")
    for path, text in drafts.items():
        (consumer / path).write_text(text, encoding="utf-8")
    _git(consumer, env, "init", "-q")
    _git(consumer, env, "add", "-A")
    res = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=consumer,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    output = res.stdout + res.stderr
    if res.returncode not in (0, 1) or "An unexpected error has occurred" in output:
        log = base / "pre-commit-home" / "pre-commit.log"
        details = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        if NETWORK_TROUBLE.search(output + details):
            pytest.skip("pre-commit could not install copydesk: no access to the package index")
        pytest.fail(f"pre-commit did not run the hook (exit {res.returncode}):\n{output}\n{details}")
    return res


def test_hook_fails_on_a_doubled_word_and_names_the_place(hook_repo):
    res = _run_hook(
        hook_repo, "with-bad-draft", {"bad.md": BAD, "good.md": GOOD, "notes.txt": NOTES, "script.py": SCRIPT}
    )
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert re.search(r"^copydesk\.+Failed$", out, re.M), out
    assert "- hook id: copydesk" in out and "- exit code: 1" in out
    # The text report: the file, then line:column, level and rule id ("We went to " is 11 characters).
    assert re.search(r"^bad\.md\n  3:12  warning  hygiene\.Doubled  'the' is printed twice", out, re.M), out
    assert "1 problem (0 errors, 1 warning, 0 suggestions) in 3 files" in out  # bad.md, good.md, notes.txt
    assert "good.md" not in out and "notes.txt" not in out and "script.py" not in out


def test_hook_passes_on_clean_drafts(hook_repo):
    res = _run_hook(hook_repo, "clean-only", {"good.md": GOOD, "notes.txt": NOTES, "script.py": SCRIPT})
    out = res.stdout + res.stderr
    assert res.returncode == 0, out
    assert re.search(r"^copydesk\.+Passed$", out, re.M), out


def test_hook_reads_staged_names_as_files_never_as_options(hook_repo):
    """A staged draft named `--output=README.md` must be checked, not make the hook overwrite README.md."""
    readme = "# Read me\n\nA clean page about the market.\n"
    res = _run_hook(
        hook_repo,
        "option-like-names",
        {"README.md": readme, "--output=README.md": BAD, "good.md": GOOD},
    )
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert re.search(r"^--output=README\.md\n  3:12  warning  hygiene\.Doubled", out, re.M), out
    assert "in 3 files" in out
    repo, base, env, rev = hook_repo
    assert (base / "option-like-names" / "README.md").read_text(encoding="utf-8") == readme
