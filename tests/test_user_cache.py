"""The per-user tables (syllables, hyphenation patterns, proselint's checks) and their opt-out."""

import os
import subprocess
import sys
from pathlib import Path

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
