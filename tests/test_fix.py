"""--fix and --diff: which findings carry an edit, where edits never go, idempotence, atomic writes that keep
the file's mode, the exit code, the result cache, and the property that fixing never adds a finding."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.cli import main
from copydesk.config import Config
from copydesk.diagnostics import Edit
from copydesk.fixer import apply, plan

HYGIENE = Config(packs=["hygiene", "markup"])


def run(args, input=None):
    return CliRunner().invoke(main, args, input=input)


def fixes(text: str, path: str = "draft.md", config: Config = HYGIENE) -> dict[str, list]:
    out: dict[str, list] = {}
    for d in copydesk.lint_text(text, path=path, config=config):
        if d.fix is not None:
            out.setdefault(d.rule, []).append(d.fix)
    return out


def fixed(text: str, path: str = "draft.md", config: Config = HYGIENE) -> str:
    from copydesk.api import get_linter
    from copydesk.fixer import fix_text

    return fix_text(text, path, get_linter(config)).fixed


# ---------------------------------------------------------------------------------------------------------
# What each rule's edit does


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("We went to the the market.\n", "We went to the market.\n"),
        ("The the vote was close.\n", "The vote was close.\n"),
        # across a line break: the repeat and the break go, the rest of the line follows
        ("We saw the\nthe dog run.\n", "We saw the dog run.\n"),
        ("three the the the times\n", "three the times\n"),  # two rounds
        ("The vote was close.  It passed.\n", "The vote was close. It passed.\n"),
        ("Ultimately , the plan failed .\n", "Ultimately, the plan failed.\n"),
        ("It passed ; barely !\n", "It passed; barely!\n"),
        ("The council met.\n\nAdvertisement\n\nIt voted.\n", "The council met.\n\nIt voted.\n"),
        ("The council met.\n\n- Share this article\n- It voted.\n", "The council met.\n\n- It voted.\n"),
        (
            "US troops left. U.S. officials spoke. U.S. aid arrived.\n",
            "U.S. troops left. U.S. officials spoke. U.S. aid arrived.\n",
        ),
        # the majority is US: "U.S." before a lower-case word becomes "US"
        (
            "The US army and the US navy met U.S. officials here.\n",
            "The US army and the US navy met US officials here.\n",
        ),
        # "in the US." becomes "in the U.S." (one period, not two)
        ("U.S. aid. U.S. troops. They left the US.\n", "U.S. aid. U.S. troops. They left the U.S.\n"),
    ],
)
def test_fixes_in_markdown(text, want):
    assert fixed(text) == want
    assert fixed(want) == want  # idempotent


def test_us_before_a_capital_is_left_for_the_writer():
    # "the U.S. Then" may end a sentence: writing "US" would lose the period, so no edit.
    text = "The US army. The US navy. They met in the U.S. Then they left.\n"
    assert fixed(text) == text
    diags = copydesk.lint_text(text, config=HYGIENE)
    d = next(d for d in diags if d.rule == "hygiene.USAbbreviation")
    assert (d.line, d.column, d.fix) == (1, 43, None)


def test_markup_fixes_where_the_intended_tag_is_certain():
    html = "<p>We don&amp;#39;t know.</ p>\n"
    assert fixed(html, "page.html") == "<p>We don&#39;t know.</p>\n"
    # a bare fragment ("b >") has no certain intent: reported, not fixed
    text = "  < b > Water policy: b > Cities share river data.\n"
    found = fixes(text, "draft.txt")
    assert "markup.MangledTag" not in found
    assert fixed(text, "draft.txt") == text


def test_residue_inside_a_sentence_is_not_deleted():
    text = "The council met.\n\nAdvertisement and more text\n"
    assert fixed(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "```\nthe the code  block\n```\n",
        "Run `the the` now.\n",
        "---\ntitle: the the title\n---\n\nClean body.\n",
        "See https://example.com/the the end.\n".replace("the the end", "the%20the"),
        '{{< figure caption="the the" >}}\n\nClean body.\n',
        "{% include the the %}\n\nClean body.\n",
        'She said "we saw the the boats".\n',
        "She said “we saw the the boats”.\n",
        "> We saw the the boats.\n",
        "<!-- the the -->\n\nClean body.\n",
    ],
)
def test_never_edits_code_front_matter_urls_templates_or_quotations(text):
    assert fixed(text) == text


def test_overlapping_edits_resolve_the_same_way_every_time():
    from copydesk.diagnostics import Diagnostic
    from copydesk.parsers import parse
    from copydesk.source import from_text

    doc = parse(from_text("abcdef\n", "x.md"))

    def diag(rule, edit):
        return Diagnostic("x.md", 1, edit.start + 1, rule, fix=edit)

    a, b, c = Edit(0, 3, "X"), Edit(2, 5, "Y"), Edit(0, 1, "Z")
    for order in ([a, b, c], [c, b, a], [b, a, c]):
        edits = plan([diag(f"r.{i}", e) for i, e in enumerate(order)], doc)
        # the earliest start wins, then the shorter edit; an edit overlapping a kept one is dropped
        assert edits == [c, b] or edits == [Edit(0, 1, "Z"), Edit(2, 5, "Y")]
        assert apply("abcdef\n", edits) == "ZbYf\n"


# ---------------------------------------------------------------------------------------------------------
# The command line


DRAFT = "# Market day\n\nWe went to the the market.  It was busy .\n\nStudies show it is the best market.\n"
FIXED = "# Market day\n\nWe went to the market. It was busy.\n\nStudies show it is the best market.\n"


def test_fix_writes_keeps_the_mode_and_reports_what_remains(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    draft = tmp_path / "a.md"
    draft.write_text(DRAFT, encoding="utf-8")
    os.chmod(draft, 0o640)
    res = run(["check", "--fix", "-f", "concise", "a.md"])
    assert draft.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    # What remains: the unnamed study (a warning), so the exit code is still 1.
    assert res.exit_code == 1, res.output
    assert "a.md:5:1: warning sourcing.UnnamedStudy" in res.output
    assert "hygiene." not in res.output
    assert "fixed 3 problems in 1 file" in res.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary file left behind
    # A second run changes nothing.
    again = run(["check", "--fix", "a.md"])
    assert draft.read_text(encoding="utf-8") == FIXED and "fixed" not in again.stderr


def test_fix_exit_code_is_zero_when_nothing_remains(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("# Day\n\nWe went to the the market.\n", encoding="utf-8")
    assert run(["check", "--fix", "a.md"]).exit_code == 0
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "# Day\n\nWe went to the market.\n"


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    draft = tmp_path / "a.md"
    draft.write_text(DRAFT, encoding="utf-8")
    before = draft.stat().st_mtime_ns
    res = run(["check", "--diff", "a.md"])
    assert res.exit_code == 1
    assert res.stdout.startswith("--- a/a.md\n+++ b/a.md\n@@ -1,5 +1,5 @@\n")
    assert "-We went to the the market.  It was busy .\n+We went to the market. It was busy.\n" in res.stdout
    assert draft.read_text(encoding="utf-8") == DRAFT and draft.stat().st_mtime_ns == before
    draft.write_text(FIXED, encoding="utf-8")
    clean = run(["check", "--diff", "a.md"])
    assert clean.exit_code == 0 and clean.stdout == ""


def test_fix_and_diff_together_is_a_usage_error(tmp_path):
    res = run(["check", "--fix", "--diff", str(tmp_path)])
    assert res.exit_code == 2 and "do not go together" in res.stderr


def test_a_file_not_in_utf8_is_never_rewritten(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = "We went to the the café.\n".encode("latin-1")
    (tmp_path / "a.txt").write_bytes(data)
    res = run(["check", "--fix", "a.txt"])
    assert (tmp_path / "a.txt").read_bytes() == data
    assert "a.txt: not fixed: not a regular UTF-8 file" in res.stderr
    assert res.exit_code == 1


def test_a_byte_order_mark_and_crlf_line_ends_are_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_bytes(b"\xef\xbb\xbf# Day\r\n\r\nWe went to the the market.\r\n")
    run(["check", "--fix", "a.md"])
    assert (tmp_path / "a.md").read_bytes() == b"\xef\xbb\xbf# Day\r\n\r\nWe went to the market.\r\n"


def test_the_result_cache_keeps_fixes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COPYDESK_NO_CACHE", raising=False)
    draft = tmp_path / "a.md"
    draft.write_text(DRAFT, encoding="utf-8")
    cache = tmp_path / "cache"
    first = run(["check", "--cache-dir", str(cache), "-f", "json", "a.md"])
    assert first.exit_code == 1 and any(cache.rglob("*.json"))
    res = run(["check", "--cache-dir", str(cache), "--fix", "a.md"])  # served from the cache
    assert draft.read_text(encoding="utf-8") == FIXED, res.output


def test_fix_follows_a_symlink_and_keeps_it(tmp_path, monkeypatch):
    if not hasattr(os, "symlink"):
        pytest.skip("no symlinks")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real.md").write_text("# Day\n\nWe went to the the market.\n", encoding="utf-8")
    os.symlink("real.md", tmp_path / "link.md")
    run(["check", "--fix", "link.md"])
    assert os.path.islink(tmp_path / "link.md")
    assert (tmp_path / "real.md").read_text(encoding="utf-8") == "# Day\n\nWe went to the market.\n"


# ---------------------------------------------------------------------------------------------------------
# Property: fixing, then checking, never adds a finding


WORDS = ["the", "The", "vote", "US", "U.S.", "Advertisement", "was", "close", "a", "market", "said", "it"]
PIECES = st.sampled_from(
    WORDS
    + [
        " ",
        "  ",
        " ,",
        " .",
        ".",
        "\n",
        "\n\n",
        "`code`",
        '"',
        "“",
        "”",
        "- ",
        "# ",
        "<b>",
        "< b >",
        "&amp;#39;",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=40), st.sampled_from(["draft.md", "draft.txt", "page.html"]))
def test_fixing_never_adds_a_finding(pieces, path):
    text = "".join(pieces)
    config = Config(packs=["hygiene", "markup", "headlines"])
    before = copydesk.lint_text(text, path=path, config=config)
    after_text = fixed(text, path, config)
    after = copydesk.lint_text(after_text, path=path, config=config)
    count = lambda ds: {r: sum(1 for d in ds if d.rule == r) for r in {d.rule for d in ds}}  # noqa: E731
    cb, ca = count(before), count(after)
    for rule, n in ca.items():
        assert n <= cb.get(rule, 0), (rule, text, after_text)
    assert fixed(after_text, path, config) == after_text  # and a second run changes nothing
