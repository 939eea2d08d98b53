"""Safe and bounded on every input (issue 13): no file written that was not asked for, nothing read outside
the folders given, an untrusted cache, output safe for its reader, only regular files as drafts, processes
that end together. See docs/reliability.md, "Safety".

Every case asserts the exit code and what the user is told, and, where files are involved, that no file
outside the report changed (``_snapshot``) and that nothing outside the checked folder was read
(``reads``).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import copydesk.api
from copydesk.cli import main

DOUBLED = "hygiene.Doubled"
POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")


def run(args, input=None, env=None, cache=False):
    extra = [] if cache else ["--no-cache"]
    return CliRunner().invoke(main, ["check", *extra, "--jobs", "1", *args], input=input, env=env)


def run_json(args, input=None, env=None, cache=False):
    res = run(["--format", "json", *args], input=input, env=env, cache=cache)
    return res, json.loads(res.stdout)


def hits(data, rule=DOUBLED):
    return [(d["path"], d["line"], d["column"]) for d in data["diagnostics"] if d["rule"] == rule]


def _snapshot(root: Path) -> dict:
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_symlink() or not p.is_file():
            continue
        out[p] = (p.read_bytes(), p.stat().st_mtime_ns)
    return out


@pytest.fixture
def reads(monkeypatch):
    """Every path copydesk opens as a draft, resolved."""
    seen: list[str] = []
    real = copydesk.api.read_bytes

    def recording(path, shown, *args, **kwargs):
        seen.append(os.path.realpath(path))
        return real(path, shown, *args, **kwargs)

    monkeypatch.setattr(copydesk.api, "read_bytes", recording)
    return seen


def _inside(path: str, root: Path) -> bool:
    root_s = os.path.realpath(root)
    return path == root_s or path.startswith(root_s + os.sep)


# ---------------------------------------------------------------------------------------------------------
# 1. Writes not asked for


def test_file_names_after_double_dash_are_never_options_or_stdin(tmp_path, monkeypatch):
    """The hook's command line: `copydesk check -- NAMES`. A staged `--output=README.md` is a draft."""
    monkeypatch.chdir(tmp_path)
    Path("README.md").write_text("# Read me\n\nFine.\n")
    Path("--output=README.md").write_text("The the planted file.\n")
    Path("-").write_text("A file named dash: the the end.\n")
    Path("notes.md").write_text("Notes.\n")
    before = _snapshot(tmp_path)
    res, data = run_json(["--", "--output=README.md", "notes.md", "-"], input="stdin is not read: the the\n")
    assert res.exit_code == 1
    assert sorted(hits(data)) == [("-", 1, 20), ("--output=README.md", 1, 1)]
    assert _snapshot(tmp_path) == before  # README.md untouched, nothing written
    # Before '--', '-' is stdin; './-' is the file anywhere.
    res, data = run_json(["--stdin-filename", "in.md", "-", "./-"], input="From stdin: the the end.\n")
    assert sorted(hits(data)) == [("-", 1, 20), ("in.md", 1, 13)]
    assert res.exit_code == 1


def test_an_option_after_double_dash_is_refused_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("Fine.\n")
    res = run(["--", "--fail-level", "error", "a.md"])
    assert res.exit_code == 2
    assert res.stderr == (
        "copydesk: error: '--fail-level' comes after '--', so it is read as a file name, and there is no such "
        "file; put options before '--' (in a pre-commit hook: in `entry:`, or in .copydesk.yaml)\n"
    )


@POSIX
def test_cache_folder_that_is_a_symlink_is_refused(tmp_path, monkeypatch):
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (outside / "keep.md").write_text("Outside.\n")
    monkeypatch.chdir(project)
    monkeypatch.delenv("COPYDESK_NO_CACHE")
    Path("a.md").write_text("The the end.\n")
    os.symlink(outside, ".copydesk_cache")
    before = _snapshot(tmp_path)
    res = CliRunner().invoke(main, ["check", "--jobs", "1", "--format", "json", "a.md"])
    assert res.exit_code == 1
    assert hits(json.loads(res.stdout)) == [("a.md", 1, 1)]
    assert res.stderr == f"copydesk: notice: result cache not used: {project / '.copydesk_cache'} is a symlink\n"
    assert sorted(p.name for p in outside.iterdir()) == ["keep.md"]  # no .gitignore, no v1/
    assert _snapshot(tmp_path) == before


@POSIX
def test_cache_subfolders_planted_as_symlinks_are_never_followed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("drafts").mkdir()
    Path("drafts/a.md").write_text("The the end.\n")
    Path("elsewhere").mkdir()
    Path("elsewhere/victim.md").write_text("Do not touch.\n")
    (tmp_path / "cache" / "v1").mkdir(parents=True)
    for i in range(256):  # every entry folder a key can land in
        os.symlink(tmp_path / "elsewhere", tmp_path / "cache" / "v1" / f"{i:02x}")
    before = _snapshot(tmp_path / "elsewhere")
    for _ in range(2):
        res = run_json(["drafts"], cache=True, env={"COPYDESK_CACHE_DIR": "cache"})[0]
        assert res.exit_code == 1
    assert _snapshot(tmp_path / "elsewhere") == before
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == ["victim.md"]


@POSIX
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_cache_folder_of_another_user_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the end.\n")
    Path("cache").mkdir()
    os.chown("cache", 65534, 65534)
    res = run(["--format", "json", "--cache-dir", "cache", "a.md"], cache=True)
    assert res.exit_code == 1
    assert "copydesk: notice: result cache not used: cache belongs to another user\n" in res.stderr
    assert list(Path("cache").iterdir()) == []


def test_cache_write_on_a_full_disk_leaves_no_temporary_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("drafts").mkdir()
    for i in range(5):
        Path(f"drafts/d{i}.md").write_text(f"Draft {i}: the the end.\n")
    import copydesk.cache as cache_mod

    def full(fd, raw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_mod, "write_all", full)
    res = run(["--format", "json", "--cache-dir", "cache", "drafts"], cache=True)
    assert res.exit_code == 1
    assert len(hits(json.loads(res.stdout))) == 5
    leftovers = [p for p in Path("cache").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    assert [p for p in Path("cache").rglob("*.json")] == []


def test_output_never_names_an_input_stdin_filename_included(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the end.\n")
    before = _snapshot(tmp_path)
    for args in (
        ["--stdin-filename", "a.md", "-o", "a.md", "-"],
        ["--stdin-filename", "a.md", "-o", "a.md", "-", "a.md"],
        ["--stdin-filename", "./sub/../a.md", "-o", "a.md", "-"],
        ["-o", str(tmp_path / "a.md"), "."],
    ):
        res = run(args, input="The the end.\n")
        assert res.exit_code == 2, args
        assert res.stderr.endswith("is one of the drafts being checked; refusing to overwrite it\n"), args
        assert _snapshot(tmp_path) == before
    os.link("a.md", "hard.txt")  # the same file under another name
    res = run(["-o", "hard.txt", "a.md"])
    assert res.exit_code == 2
    assert res.stderr == "copydesk: error: --output hard.txt is one of the drafts being checked; refusing to overwrite it\n"
    assert Path("a.md").read_text() == "The the end.\n"


@POSIX
def test_output_file_gets_the_umask_mode(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the end.\n")
    old = os.umask(0o022)
    try:
        res = run(["--format", "json", "-o", "report.json", "a.md"])
        assert res.exit_code == 1
        assert stat.S_IMODE(os.stat("report.json").st_mode) == 0o644
        os.umask(0o077)
        os.chmod("report.json", 0o640)  # an existing report keeps its mode, as with `>`
        run(["--format", "json", "-o", "report.json", "a.md"])
        assert stat.S_IMODE(os.stat("report.json").st_mode) == 0o640
        run(["--format", "json", "-o", "new.json", "a.md"])
        assert stat.S_IMODE(os.stat("new.json").st_mode) == 0o600
    finally:
        os.umask(old)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "new.json", "report.json"]


def test_a_report_written_into_the_checked_folder_does_not_break_the_next_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the end.\n")
    for _ in range(2):
        res = run(["-o", "report.txt", "."])
        assert res.exit_code == 1, res.stderr
        assert res.stderr == ""
        report = Path("report.txt").read_text()
        assert report.startswith("a.md\n  1:1  warning  hygiene.Doubled")
        assert "in 1 file" in report  # report.txt itself is not checked
