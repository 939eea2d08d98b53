"""Sourcing vocabularies are data: defaults in rules/sourcing/*.yml, validated, extended or replaced."""

from __future__ import annotations

import json
import textwrap

import pytest
import yaml
from click.testing import CliRunner

from copydesk import lint_text
from copydesk.analysis.sourcing_vocab import VOCAB_KEYS, builtin_vocabulary, resolve
from copydesk.cli import main
from copydesk.config import Config
from copydesk.rules import builtin_packs_dir

NEWS = (
    "The shelter closed on Friday.\n\n"
    "Police said the fire started in a storage room. Insiders said the alarm had been\n"
    "switched off for a week.\n"
)


def sourcing_hits(text: str, config: Config | None = None, path: str = "story.md"):
    return [
        (d.rule, d.line, d.column)
        for d in lint_text(text, path, config=config)
        if d.rule.startswith("sourcing.")
    ]


def test_every_key_has_its_default_in_exactly_one_builtin_file():
    folder = builtin_packs_dir() / "sourcing"
    owners: dict[str, list[str]] = {}
    for f in sorted(folder.glob("*.yml")):
        for key in yaml.safe_load(f.read_text(encoding="utf-8")):
            if key in VOCAB_KEYS:
                owners.setdefault(key, []).append(f.stem)
    assert owners == {key: [stem] for key, (stem, _) in VOCAB_KEYS.items()}
    vocab = builtin_vocabulary()
    assert "experts" in vocab["group_nouns"] and "say/said" in vocab["reporting_verbs"]


def test_resolve_replaces_extends_and_trims():
    assert resolve("group_nouns", ["a", "b"], ("x",)) == ("a", "b")
    assert resolve("group_nouns", {"add": ["y"]}, ("x",)) == ("x", "y")
    assert resolve("group_nouns", {"remove": ["X"]}, ("x", "z")) == ("z",)
    assert resolve("group_nouns", None, ("x",)) == ("x",)
    assert resolve("group_nouns", "  two   words ", ()) == ("two words",)


def test_defaults_flag_police_and_skip_bare_insiders():
    assert sourcing_hits(NEWS) == [("sourcing.AnonymousSource", 3, 1)]


def test_config_override_edits_the_builtin_vocabulary(tmp_path):
    cfg = tmp_path / ".copydesk.yaml"
    cfg.write_text(
        "rules:\n"
        "  sourcing.AnonymousSource:\n"
        "    anonymous_nouns: {remove: [police]}\n"
        "  sourcing.WeaselSource:\n"
        "    group_nouns: {add: [insiders]}\n",
        encoding="utf-8",
    )
    res = CliRunner().invoke(
        main, ["check", "--no-cache", "--format", "json", "--config", str(cfg), _draft(tmp_path)]
    )
    hits = [
        (d["rule"], d["line"], d["column"])
        for d in json.loads(res.output)["diagnostics"]
        if d["rule"].startswith("sourcing.")
    ]
    insiders_col = NEWS.splitlines()[2].index("Insiders") + 1
    assert hits == [("sourcing.WeaselSource", 3, insiders_col)]
    assert res.exit_code == 1


def _draft(tmp_path) -> str:
    draft = tmp_path / "story.md"
    draft.write_text(NEWS, encoding="utf-8")
    return str(draft)


def test_newsroom_pack_worked_example(tmp_path):
    """The example of docs/rules/sourcing.md: a newsroom pack that accepts "police said", adds "insiders"."""
    pack = tmp_path / "packs" / "newsroom"
    pack.mkdir(parents=True)
    (pack / "Sources.yml").write_text(
        textwrap.dedent(
            """\
            extends: sourcing
            message: "Who is '%s'? %s."
            level: warning
            categories: [anonymous-source, weasel-source]
            description: House style - police said is attribution enough; insiders are not.
            link: https://example.org/stylebook#sourcing
            anonymous_nouns: {remove: [police]}
            group_nouns: {add: [insiders]}
            """
        ),
        encoding="utf-8",
    )
    cfg = tmp_path / ".copydesk.yaml"
    cfg.write_text(
        "packs_path: [packs]\nrules:\n  sourcing.AnonymousSource: off\n  sourcing.WeaselSource: off\n",
        encoding="utf-8",
    )
    res = CliRunner().invoke(
        main, ["check", "--no-cache", "--format", "json", "--config", str(cfg), _draft(tmp_path)]
    )
    data = json.loads(res.output)
    hits = [
        (d["rule"], d["line"], d["column"], d["message"])
        for d in data["diagnostics"]
        if d["rule"].startswith(("sourcing.", "newsroom."))
    ]
    col = NEWS.splitlines()[2].index("Insiders") + 1
    assert hits == [
        (
            "newsroom.Sources",
            3,
            col,
            "Who is 'Insiders said'? claim attributed to an unnamed group (experts, "
            "critics, some, many); say who.",
        )
    ]


@pytest.mark.parametrize(
    "body, line, needle",
    [
        ("group_nouns: 5\n", 3, "group_nouns: the value must be a list"),
        ("group_nouns: {append: [x]}\n", 3, "unknown edit 'append'"),
        ("group_nouns: {add: [x, [y]]}\n", 3, "add must be a list"),
        ("own_method_patterns: ['(we']\n", 3, "own_method_patterns"),
        ("insider_nouns: [x]\n", 3, "unknown key 'insider_nouns'"),
    ],
)
def test_bad_vocabulary_is_a_file_line_error(tmp_path, body, line, needle):
    pack = tmp_path / "packs" / "mine"
    pack.mkdir(parents=True)
    (pack / "Bad.yml").write_text("extends: sourcing\ncategories: [weasel-source]\n" + body, encoding="utf-8")
    res = CliRunner().invoke(
        main, ["check", "--no-cache", "--packs-path", str(tmp_path / "packs"), _draft(tmp_path)]
    )
    assert res.exit_code == 2, res.output
    assert f"Bad.yml:{line}:" in res.output and needle in res.output
    assert "Traceback" not in res.output


def test_bad_config_override_names_the_config_file(tmp_path):
    cfg = tmp_path / ".copydesk.yaml"
    cfg.write_text("rules:\n  sourcing.WeaselSource:\n    group_nouns: {plus: [x]}\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--no-cache", "--config", str(cfg), _draft(tmp_path)])
    assert res.exit_code == 2
    assert ".copydesk.yaml:2:" in res.output and "unknown edit 'plus'" in res.output


def test_seed_draft_keeps_its_sourcing_finding():
    from pathlib import Path

    seed = sorted((Path(__file__).resolve().parents[2] / "shared" / "examples").glob("000_*.txt"))
    if not seed:
        pytest.skip("../shared/examples is not available")
    text = seed[0].read_text(encoding="utf-8")
    hits = [d for d in lint_text(text, seed[0].name) if d.rule.startswith("sourcing.")]
    # line 25: "is often perceived domestically as an infringement" - perceived by whom?
    assert [(d.rule, d.line) for d in hits] == [
        ("sourcing.PassiveAttribution", 25),
        ("sourcing.WeaselSource", 29),
    ]
    assert "is often perceived" in hits[0].message and "many policymakers" in hits[1].message
