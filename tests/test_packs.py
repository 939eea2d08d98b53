"""Every rule documents and tests itself: each YAML example of every built-in pack runs here."""

from __future__ import annotations

import pytest

from copydesk.engine import Linter
from copydesk.examples import run_example

RULES = Linter().rules
CASES = [
    pytest.param(rule, kind, i, ex, id=f"{rule.id}-{kind}-{i}")
    for rule in RULES
    for kind in ("fail", "pass")
    for i, ex in enumerate(rule.examples.get(kind, []))
]


@pytest.mark.parametrize("rule, kind, index, example", CASES)
def test_rule_example(rule, kind, index, example):
    diags = run_example(rule, example)
    if kind == "fail":
        assert diags, f"{rule.id}: fail example {index} produced no finding"
        for d in diags:
            assert d.rule == rule.id and d.line >= 1 and d.column >= 1
            assert d.message and "%s" not in d.message
    else:
        assert diags == [], (
            f"{rule.id}: pass example {index} produced {[(d.line, d.column, d.message) for d in diags]}"
        )


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_docs_link_and_examples(rule):
    assert rule.description, f"{rule.id} has no description"
    assert rule.link, f"{rule.id} has no link"
    assert rule.examples.get("fail"), f"{rule.id} has no failing example"
    assert rule.examples.get("pass"), f"{rule.id} has no passing example"


def test_every_builtin_pack_is_present():
    packs = {r.pack for r in RULES}
    assert {"headlines", "hygiene", "readability"} <= packs


def test_rules_reference_is_up_to_date():
    from conftest import REPO
    from copydesk.docgen import builtin_rules, render_all

    docs = REPO / "docs" / "rules"
    for name, text in render_all(builtin_rules()).items():
        page = docs / name
        assert page.is_file(), f"docs/rules/{name} is missing: run python -m copydesk.docgen"
        assert page.read_text(encoding="utf-8") == text, (
            f"docs/rules/{name} is stale: run python -m copydesk.docgen"
        )


def test_docgen_check_writes_nothing_and_options_are_not_folders(tmp_path, monkeypatch):
    from copydesk import docgen

    monkeypatch.chdir(tmp_path)
    assert docgen.main(["--check", str(tmp_path / "pages")]) == 1  # nothing there yet: stale, and not created
    assert not (tmp_path / "pages").exists()
    assert docgen.main(["--bogus"]) == 2
    assert list(tmp_path.iterdir()) == []
    assert docgen.main([str(tmp_path / "pages")]) == 0
    assert docgen.main(["--check", str(tmp_path / "pages")]) == 0
