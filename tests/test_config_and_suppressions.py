from __future__ import annotations

import json

from click.testing import CliRunner

from copydesk import lint_text
from copydesk.cli import main
from copydesk.config import Config, find_config, load_config


def rules_of(text, path="d.md", config=None):
    return [(d.rule, d.line) for d in lint_text(text, path, config) if d.rule == "hygiene.Doubled"]


def test_disable_enable_and_next_line():
    text = (
        "A the the.\n\n<!-- copydesk-disable hygiene.Doubled -->\n\nB the the.\n\n<!-- copydesk-enable hygiene.Doubled -->\n\n"
        "C the the.\n\n<!-- copydesk-disable-next-line hygiene -->\nD the the.\n\nE the the. <!-- copydesk-disable-line -->\n"
    )
    assert rules_of(text) == [("hygiene.Doubled", 1), ("hygiene.Doubled", 9)]


def test_blanket_disable_with_partial_enable():
    text = (
        "<!-- copydesk-disable -->\n\nA the the.\n\n<!-- copydesk-enable hygiene.Doubled -->\n\nB the the.\n"
    )
    assert rules_of(text) == [("hygiene.Doubled", 7)]


def test_plain_text_next_line_directive():
    text = "Some Headline Here\n\ncopydesk-disable-next-line hygiene.Doubled\nThe the end.\n\nThe the end.\n"
    assert rules_of(text, "d.txt") == [("hygiene.Doubled", 6)]


def test_html_suppression():
    html = "<p>A the the.</p>\n<!-- copydesk-disable-next-line -->\n<p>B the the.</p>\n"
    assert rules_of(html, "d.html") == [("hygiene.Doubled", 1)]


def test_config_discovery_and_rule_overrides(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.copydesk]\nrules = { "hygiene.Doubled" = "error" }\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub) is None  # outside a repository only the folder itself is looked at
    (tmp_path / ".git").mkdir()  # discovery goes upward to the repository root
    assert find_config(sub) == tmp_path / "pyproject.toml"
    cfg = load_config(cwd=sub)
    diags = [d for d in lint_text("The the end.\n", "x.md", cfg) if d.rule == "hygiene.Doubled"]
    assert [d.severity for d in diags] == ["error"]
    yaml_cfg = tmp_path / "a" / ".copydesk.yaml"
    yaml_cfg.write_text("rules:\n  hygiene: off\n")
    assert find_config(sub) == yaml_cfg
    assert rules_of("The the end.\n", "x.md", load_config(cwd=sub)) == []


def test_packs_selection_and_options(tmp_path):
    cfg = Config(
        packs=["hygiene"], rules={"hygiene.Doubled": {"level": "suggestion", "exceptions": ["the the"]}}
    )
    assert rules_of("The the end.\n", "x.md", cfg) == []
    cfg = Config(packs=["hygiene"])
    diags = lint_text("The the end.\n", "x.md", cfg)
    assert {d.rule.split(".")[0] for d in diags} == {"hygiene"}


def test_bad_option_override_is_exit_2(tmp_path):
    cfg = tmp_path / ".copydesk.yaml"
    cfg.write_text("rules:\n  readability.SentenceLength:\n    max_words: lots\n")
    (tmp_path / "d.md").write_text("Hi.\n")
    res = CliRunner().invoke(main, ["check", "--config", str(cfg), str(tmp_path / "d.md")])
    assert res.exit_code == 2
    assert ".copydesk.yaml:2:" in res.output and "max_words" in res.output


def test_exclude_and_gitignore(tmp_path):
    (tmp_path / "keep.md").write_text("The the end.\n")
    (tmp_path / "skip").mkdir()
    (tmp_path / "skip" / "x.md").write_text("The the end.\n")
    (tmp_path / "ignored.md").write_text("The the end.\n")
    (tmp_path / ".gitignore").write_text("ignored.md\n")
    cfg = tmp_path / ".copydesk.yaml"
    cfg.write_text("exclude: ['skip/**']\npacks: [hygiene]\n")
    res = CliRunner().invoke(main, ["check", "--config", str(cfg), "--format", "json", str(tmp_path)])
    paths = {d["path"].rsplit("/", 1)[-1] for d in json.loads(res.output)["diagnostics"]}
    assert paths == {"keep.md"}
