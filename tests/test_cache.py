"""The result cache: same output, keyed by content and rules, corrupt entries rebuilt."""

from __future__ import annotations

import json

from click.testing import CliRunner

from copydesk.cli import main


def run(args):
    return CliRunner().invoke(main, args)


def test_second_run_reads_the_cache_and_gives_identical_output(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.md").write_text("# Storm Hits Coast\n\nThe the storm hit.\n")
    (drafts / "b.md").write_text("# Storm hits coast\n\nExperts say it was bad.\n")
    cache = tmp_path / "cache"
    first = run(["check", "--format", "json", "--cache-dir", str(cache), str(drafts)])
    entries = sorted(p.name for p in (cache / "v1").rglob("*.json"))
    assert len(entries) == 2
    assert (cache / ".gitignore").read_text().strip().endswith("*")
    second = run(["check", "--format", "json", "--cache-dir", str(cache), str(drafts)])
    assert first.exit_code == second.exit_code == 1
    assert first.output == second.output
    rules = {d["rule"] for d in json.loads(second.output)["diagnostics"]}
    assert {"hygiene.Doubled", "headlines.DuplicateAcrossFiles", "sourcing.WeaselSource"} <= rules


def test_changed_content_misses_and_corrupt_entries_are_rebuilt(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text("The the end.\n")
    cache = tmp_path / "cache"
    run(["check", "--cache-dir", str(cache), str(draft)])
    (entry,) = list((cache / "v1").rglob("*.json"))
    entry.write_text("{not json")
    res = run(["check", "--format", "json", "--cache-dir", str(cache), str(draft)])
    assert [d["line"] for d in json.loads(res.output)["diagnostics"] if d["rule"] == "hygiene.Doubled"] == [1]
    assert json.loads(entry.read_text())["format"] == 1  # rewritten
    draft.write_text("Clean end.\n\nThe the end.\n")
    res = run(["check", "--format", "json", "--cache-dir", str(cache), str(draft)])
    assert [d["line"] for d in json.loads(res.output)["diagnostics"] if d["rule"] == "hygiene.Doubled"] == [3]


def test_no_cache_writes_nothing(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text("Fine.\n")
    cache = tmp_path / "cache"
    run(["check", "--no-cache", "--cache-dir", str(cache), str(draft)])
    assert not cache.exists()
