"""The per-user tables (syllables, hyphenation patterns, proselint's checks, the kept rule packs and compiled
patterns) and their opt-out."""

import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from copydesk.rules import builtin_packs_dir

DRAFT = "# Council votes on the budget\n\nThe council approved the budget on Tuesday after a long debate.\n"


def _run(tmp_path: Path, **env) -> subprocess.CompletedProcess:
    draft = tmp_path / "work" / "draft.md"
    draft.parent.mkdir(exist_ok=True)
    draft.write_text(DRAFT)
    full = {k: v for k, v in os.environ.items() if k != "COPYDESK_NO_USER_CACHE"}
    full.update({"XDG_CACHE_HOME": str(tmp_path / "xdg"), **env})
    return subprocess.run(
        [sys.executable, "-m", "copydesk.cli", "check", "--no-cache", "--format", "json", str(draft)],
        capture_output=True,
        text=True,
        env=full,
        cwd=draft.parent,
    )


def test_tables_are_kept_in_the_user_cache_folder(tmp_path):
    res = _run(tmp_path)
    assert res.returncode in (0, 1), res.stderr
    kept = sorted(p.name for p in (tmp_path / "xdg" / "copydesk").iterdir())
    assert any(n.startswith("cmudict-") for n in kept)
    assert any(n.startswith("proselint-table-") for n in kept)
    assert list((tmp_path / "work").iterdir()) == [tmp_path / "work" / "draft.md"]  # --no-cache: nothing here


def test_no_user_cache_reads_and_writes_nothing_and_finds_the_same(tmp_path):
    kept = _run(tmp_path)
    (tmp_path / "xdg2").mkdir()
    off = _run(tmp_path, COPYDESK_NO_USER_CACHE="1", XDG_CACHE_HOME=str(tmp_path / "xdg2"))
    assert off.returncode == kept.returncode, off.stderr
    assert list((tmp_path / "xdg2").iterdir()) == []
    assert off.stdout == kept.stdout


# ------------------------------------------------------------------- rule packs kept in the per-user cache


def _check(tmp_path: Path, *args: str, module: str = "copydesk.entry", **env) -> subprocess.CompletedProcess:
    """``copydesk check -v --format json ARGS draft.md`` with the per-user cache in ``tmp_path/xdg``."""
    draft = tmp_path / "work" / "draft.md"
    draft.parent.mkdir(exist_ok=True)
    draft.write_text(DRAFT + "\nThe the vote was close. Experts say it was a a bad idea.\n")
    full = {k: v for k, v in os.environ.items() if k not in ("COPYDESK_NO_USER_CACHE", "COPYDESK_NO_CACHE")}
    full.update({"XDG_CACHE_HOME": str(tmp_path / "xdg"), **env})
    return subprocess.run(
        [sys.executable, "-m", module, "check", "-v", "--format", "json", *args, str(draft)],
        capture_output=True,
        text=True,
        env=full,
        cwd=draft.parent,
    )


def _packs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "xdg" / "copydesk" / "packs" / "v1" / "compiled"
    return {p.name.split("-")[0]: p for p in folder.glob("*.data")}


def _diagnostics(res: subprocess.CompletedProcess) -> list:
    import json

    assert res.returncode == 1, res.stderr
    return [(d["rule"], d["line"], d["column"]) for d in json.loads(res.stdout)["diagnostics"]]


@pytest.mark.parametrize("module", ["copydesk.entry", "copydesk.cli"])
def test_no_cache_runs_keep_the_packs_in_the_user_cache_and_read_them_back(tmp_path, module):
    n_rules = len(list(builtin_packs_dir().glob("*/*.yml")))
    cold = _check(tmp_path, "--no-cache", module=module)
    assert f"rule cache: 0 rule files from the cache, {n_rules} parsed;" in cold.stderr
    assert sorted(_packs(tmp_path)) == ["derived", "regex", "rules"]
    assert list((tmp_path / "work").iterdir()) == [tmp_path / "work" / "draft.md"]  # nothing in the project
    warm = _check(tmp_path, "--no-cache", module=module)
    assert f"rule cache: {n_rules} rule files from the cache, 0 parsed;" in warm.stderr
    assert re.search(r"; [1-9]\d* patterns from the cache, 0 compiled", warm.stderr), warm.stderr
    assert _diagnostics(warm) == _diagnostics(cold)
    assert ("hygiene.Doubled", 5, 1) in _diagnostics(warm)
    # The result cache (no --no-cache) keeps results in the project, and the packs stay in the user cache.
    with_results = _check(tmp_path, module=module)
    assert f"rule cache: {n_rules} rule files from the cache, 0 parsed;" in with_results.stderr
    assert not list((tmp_path / "work" / ".copydesk_cache" / "v1").glob("compiled"))
    assert _diagnostics(with_results) == _diagnostics(cold)


@pytest.mark.parametrize(
    "planted",
    [
        b"{not json",
        b'{"format": 1, "files": {"' + b"0" * 64 + b'": {"data": {"extends": "existence"}}}}',
        pickle.dumps(type("Boom", (), {"__reduce__": lambda self: (open, ("boom.txt", "w"))}).__call__()),
    ],
)
def test_a_planted_or_damaged_user_cache_entry_is_ignored_and_rebuilt(tmp_path, planted):
    import json

    n_rules = len(list(builtin_packs_dir().glob("*/*.yml")))
    clean = _diagnostics(_check(tmp_path, "--no-cache"))
    for path in _packs(tmp_path).values():
        path.write_bytes(planted)
    res = _check(tmp_path, "--no-cache")
    assert f"rule cache: 0 rule files from the cache, {n_rules} parsed;" in res.stderr
    assert "; 0 patterns from the cache" in res.stderr
    assert _diagnostics(res) == clean
    assert not (tmp_path / "work" / "boom.txt").exists()
    for path in _packs(tmp_path).values():
        assert json.loads(path.read_bytes())["format"] == 1  # rewritten as plain JSON
    assert f"rule cache: {n_rules} rule files from the cache" in _check(tmp_path, "--no-cache").stderr


def test_a_user_cache_folder_planted_as_a_symlink_is_never_used(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "xdg" / "copydesk").mkdir(parents=True)
    os.symlink(tmp_path / "elsewhere", tmp_path / "xdg" / "copydesk" / "packs")
    clean = _check(tmp_path, "--no-cache")
    assert _diagnostics(clean)
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--no-user-cache",), {}), ((), {"COPYDESK_NO_USER_CACHE": "1"})],
    ids=["option", "environment"],
)
@pytest.mark.parametrize("module", ["copydesk.entry", "copydesk.cli"])
def test_the_off_switch_reads_and_writes_nothing_in_the_user_cache(tmp_path, module, args, env):
    kept = _check(tmp_path, "--no-cache", module=module)
    assert _packs(tmp_path)
    for path in _packs(tmp_path).values():
        path.write_bytes(b"{not json")  # would be rewritten by any run that uses the folder
    before = {p: p.read_bytes() for p in (tmp_path / "xdg").rglob("*") if p.is_file()}
    off = _check(tmp_path, "--no-cache", *args, module=module, **env)
    assert "rule cache: off" in off.stderr
    assert {p: p.read_bytes() for p in (tmp_path / "xdg").rglob("*") if p.is_file()} == before
    assert _diagnostics(off) == _diagnostics(kept)
    (tmp_path / "fresh").mkdir()
    fresh = _check(tmp_path / "fresh", *args, **env)  # a user cache never used: not even made
    assert not (tmp_path / "fresh" / "xdg").exists()
    assert _diagnostics(fresh) == _diagnostics(kept)


def test_the_off_option_is_undone_when_run_check_returns(monkeypatch, tmp_path):
    from copydesk import checkrun

    monkeypatch.delenv("COPYDESK_NO_USER_CACHE", raising=False)
    seen = []
    monkeypatch.setattr(
        checkrun, "_run_check", lambda *a, **k: seen.append(os.environ.get("COPYDESK_NO_USER_CACHE"))
    )
    checkrun.run_check(no_user_cache=True)
    checkrun.run_check()
    assert seen == ["1", None]
    assert "COPYDESK_NO_USER_CACHE" not in os.environ
