"""The command line: JSON contract, exit codes, stdin, rules/explain/stats, help."""

from __future__ import annotations

import json

from click.testing import CliRunner

from copydesk import __version__
from copydesk.cli import main

BAD = "# Title\n\nWe saw the the cat.\n"
CLEAN = "# Title\n\nWe saw the cat.\n"


def run(args, input=None):
    return CliRunner().invoke(main, args, input=input)


def test_version_and_help_document_every_command():
    assert run(["--version"]).output.strip() == f"copydesk {__version__}"
    out = run(["--help"]).output
    for cmd in ("check", "stats", "rules", "explain"):
        assert cmd in out
    assert "--format" in run(["check", "--help"]).output


def test_json_contract_and_exit_codes(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(BAD)
    clean = tmp_path / "clean.md"
    clean.write_text(CLEAN)
    res = run(["check", "--format", "json", str(tmp_path)])
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert data["version"] == 1
    d = [x for x in data["diagnostics"] if x["rule"] == "hygiene.Doubled"]
    assert len(d) == 1
    d = d[0]
    assert d["path"].endswith("bad.md")
    assert (d["line"], d["column"], d["end_line"], d["end_column"]) == (3, 8, 3, 15)
    assert d["severity"] == "warning" and isinstance(d["message"], str)
    assert data["summary"]["files"] == 2
    assert data["summary"]["diagnostics"] == len(data["diagnostics"])
    assert set(data["summary"]["by_severity"]) == {"error", "warning", "suggestion"}
    res = run(["check", "--format", "json", str(clean)])
    assert res.exit_code == 0 and json.loads(res.output)["diagnostics"] == []


def test_fail_level_and_min_level(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(BAD)
    assert run(["check", "--fail-level", "error", str(bad)]).exit_code == 0
    res = run(["check", "--min-level", "error", "--format", "json", str(bad)])
    assert all(d["severity"] == "error" for d in json.loads(res.stdout)["diagnostics"])


def test_stdin_with_filename():
    res = run(
        ["check", "-", "--stdin-filename", "story.txt", "--format", "json"],
        input="Short Headline Here\n\nThe the end.\n",
    )
    data = json.loads(res.output)
    hits = [
        (d["path"], d["rule"], d["line"], d["column"])
        for d in data["diagnostics"]
        if d["rule"] == "hygiene.Doubled"
    ]
    assert hits == [("story.txt", "hygiene.Doubled", 3, 1)]


def test_text_output_underlines_the_span(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(BAD)
    out = run(["check", "--no-color", str(bad)]).output
    lines = out.splitlines()
    i = next(k for k, ln in enumerate(lines) if "hygiene.Doubled" in ln)
    assert lines[i].strip().startswith("3:8  warning  hygiene.Doubled")
    assert lines[i + 1] == "    We saw the the cat."
    assert lines[i + 2] == "           ^^^^^^^"
    assert "\x1b[" not in out
    assert "problem" in lines[-1]


def test_missing_file_is_exit_2_without_traceback(tmp_path):
    res = run(["check", str(tmp_path / "nope.md")])
    assert res.exit_code == 2
    assert "no such file" in res.output and "Traceback" not in res.output


def test_unknown_format_is_exit_2(tmp_path):
    res = run(["check", "--format", "yaml", str(tmp_path)])
    assert res.exit_code == 2 and "unknown format" in res.output


def test_rules_and_explain():
    out = run(["rules"]).output
    assert "hygiene.Doubled" in out and "warning" in out
    data = json.loads(run(["rules", "--format", "json"]).output)
    assert any(r["id"] == "headlines.Repeated" for r in data["rules"])
    res = run(["explain", "hygiene.Doubled"])
    assert res.exit_code == 0
    assert "Flagged:" in res.output and "Not flagged:" in res.output
    # copydesk's own docs/rules/ pages are not installed: no link a user could not open (docs_url sets one)
    assert "docs/rules/hygiene.md" not in res.output
    res = run(["explain", "hygiene.Nope"])
    assert res.exit_code == 2 and "unknown rule" in res.output


def test_stats_json(tmp_path):
    (tmp_path / "a.md").write_text("# T\n\nThe cat sat on the mat. The dog ran to the park.\n")
    data = json.loads(run(["stats", "--format", "json", str(tmp_path)]).output)
    assert data["version"] == 1
    m = data["files"][0]["metrics"]
    assert m["words"] == 12 and m["sentences"] == 2
    for key in (
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "gunning_fog",
        "smog_index",
        "coleman_liau_index",
        "automated_readability_index",
    ):
        assert isinstance(m[key], float)


def test_output_file_is_written(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(BAD)
    out = tmp_path / "report.json"
    res = run(["check", "--format", "json", "--output", str(out), str(bad)])
    assert res.exit_code == 1
    assert json.loads(out.read_text())["summary"]["files"] == 1
    assert bad.read_text() == BAD  # the draft is never touched


def test_output_to_a_device_writes_through_it(tmp_path):
    import os
    import stat

    bad = tmp_path / "bad.md"
    bad.write_text(BAD)
    res = run(["check", "--format", "json", "--output", os.devnull, str(bad)])
    assert res.exit_code == 1
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)  # never renamed over


def test_progress_bar_only_on_a_terminal(tmp_path, monkeypatch):
    from copydesk import checkrun as cli  # where `check` runs (for click and for copydesk.entry)

    for i in range(60):
        (tmp_path / f"d{i}.md").write_text("Fine text.\n")
    monkeypatch.setattr(cli, "_stderr_is_tty", lambda: True)
    # A text report written file by file as files finish needs no bar: the findings are the progress.
    res = CliRunner().invoke(main, ["check", "--jobs", "1", str(tmp_path)])
    assert "Checking" not in res.output
    assert "No problems in 60 files." in res.output
    # A text report that needs the whole run first (here --diff) shows the bar meanwhile.
    res = CliRunner().invoke(main, ["check", "--jobs", "1", "--diff", str(tmp_path)])
    assert "Checking" in res.output  # click draws the bar itself only on a real terminal
    res = CliRunner().invoke(main, ["check", "--jobs", "1", "--format", "json", str(tmp_path)])
    assert "Checking" not in res.output
    monkeypatch.setattr(cli, "_stderr_is_tty", lambda: False)
    res = CliRunner().invoke(main, ["check", "--jobs", "1", str(tmp_path)])
    assert "Checking" not in res.output
