"""Large inputs: compact document parts, bounded work per window, and reports streamed file by file.

The full-size cases (20 MB and 50 MB drafts, a 20 MB line, 100,000 rows...) are measured by
``bench/bench_large_inputs.py``; these tests hold the design at a size the suite affords.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import copydesk.api
from copydesk import lint_text
from copydesk.analysis import style
from copydesk.analysis.markup import check_html
from copydesk.api import lint_paths
from copydesk.cli import main
from copydesk.document import Runs, TextBuilder
from copydesk.parsers import parse
from copydesk.parsers.markdown import BlockToken, BlockTokens, _parser
from copydesk.source import from_text

DOUBLED = "hygiene.Doubled"


def _check(args):
    return CliRunner().invoke(main, ["check", "--no-cache", "--jobs", "1", *args])


# ------------------------------------------------------------------------------------------ streaming


def test_each_file_is_handed_over_before_the_next_is_linted(tmp_path, monkeypatch):
    """``lint_paths(on_result=...)`` gives a file's result as soon as it is checked, in report order."""
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the first.\n")
    Path("b.md").write_text("The the second.\n")
    events = []
    real = copydesk.api._lint_one

    def linting(job):
        events.append(("lint", job[1]))
        return real(job)

    monkeypatch.setattr(copydesk.api, "_lint_one", linting)

    def on_result(fr):
        events.append(("result", fr.path, [(d.rule, d.line, d.column) for d in fr.diagnostics]))

    report = lint_paths(["b.md", "a.md"], jobs=1, on_result=on_result)
    assert events == [
        ("lint", "a.md"),
        ("result", "a.md", [(DOUBLED, 1, 1)]),
        ("lint", "b.md"),
        ("result", "b.md", [(DOUBLED, 1, 1)]),
    ]
    assert [f.path for f in report.files] == ["a.md", "b.md"]


def test_a_missing_file_is_handed_over_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the first.\n")
    seen = []
    lint_paths(["a.md", "gone.md"], jobs=1, on_result=lambda fr: seen.append((fr.path, fr.errors)))
    assert seen == [("gone.md", ["gone.md: no such file or folder"]), ("a.md", [])]


@pytest.mark.parametrize("fmt", ["concise", "github", "text"])
def test_line_formats_write_the_first_file_before_the_second_is_linted(tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the first.\n")
    Path("b.md").write_text("The the second.\n")
    written_before_b = []
    real = copydesk.api._lint_one

    def linting(job):
        if job[1] == "b.md":
            sys.stdout.flush()
            written_before_b.append(sys.stdout.buffer.getvalue().decode())
        return real(job)

    monkeypatch.setattr(copydesk.api, "_lint_one", linting)
    res = _check(["--format", fmt, "a.md", "b.md"])
    assert res.exit_code == 1
    (before,) = written_before_b
    expected_a = {
        "concise": "a.md:1:1: warning hygiene.Doubled ",
        "github": "::warning file=a.md,line=1,endLine=1,col=1,endColumn=8,title=hygiene.Doubled::",
        "text": "a.md\n  1:1  warning  hygiene.Doubled  ",
    }[fmt]
    assert before.startswith(expected_a)
    assert "b.md" not in before
    assert res.stdout.startswith(before) and "b.md" in res.stdout[len(before) :]


@pytest.mark.parametrize("fmt", ["concise", "github", "text"])
def test_a_streamed_report_is_the_report_written_at_once(tmp_path, monkeypatch, fmt):
    """Written file by file to stdout or at once to --output, the report is the same."""
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("# One\n\nThe the first.  Double space.\n")
    Path("b.md").write_text("# Two\n\nNothing to see.\n")
    Path("c.md").write_text("<b>open\n\nThe the third.\n")
    streamed = _check(["--format", fmt, "a.md", "b.md", "c.md", "gone.md"])
    at_once = _check(["--format", fmt, "--output", "report.txt", "a.md", "b.md", "c.md", "gone.md"])
    assert streamed.exit_code == at_once.exit_code == 2  # gone.md
    report = Path("report.txt").read_text()
    # the missing file comes first when streamed (it is known before any draft is checked)
    gone = {
        "concise": "gone.md: error: gone.md: no such file or folder\n",
        "github": "::error file=gone.md,title=copydesk::gone.md: no such file or folder\n",
        "text": "gone.md\n  error: gone.md: no such file or folder\n\n",
    }[fmt]
    assert gone in report and streamed.stdout.startswith(gone)
    assert streamed.stdout == gone + report.replace(gone, "")


def test_cross_file_findings_follow_the_streamed_files(tmp_path, monkeypatch):
    """A cross-file finding is known only when every file is checked: it is written after them."""
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("# City council approves the new bridge budget\n\nThe the vote.\n")
    Path("b.md").write_text("# City council approves the new bridge budget\n\nThe the vote again.\n")
    res = _check(["--format", "concise", "a.md", "b.md"])
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert [line.split(" ")[2] for line in lines] == [DOUBLED, DOUBLED, "headlines.DuplicateAcrossFiles"]
    assert lines[2].startswith("b.md:1:3: warning headlines.DuplicateAcrossFiles Same headline as a.md:1")
    at_once = _check(["--format", "json", "a.md", "b.md"])
    rules = [(d["path"], d["rule"]) for d in json.loads(at_once.stdout)["diagnostics"]]
    assert rules == [("a.md", DOUBLED), ("b.md", "headlines.DuplicateAcrossFiles"), ("b.md", DOUBLED)]


def test_document_formats_are_not_streamed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the first.\n")
    Path("b.md").write_text("The the second.\n")
    written_before_b = []
    real = copydesk.api._lint_one

    def linting(job):
        if job[1] == "b.md":
            sys.stdout.flush()
            written_before_b.append(sys.stdout.buffer.getvalue())
        return real(job)

    monkeypatch.setattr(copydesk.api, "_lint_one", linting)
    res = _check(["--format", "json", "a.md", "b.md"])
    assert res.exit_code == 1 and written_before_b == [b""]
    assert [d["path"] for d in json.loads(res.stdout)["diagnostics"]] == ["a.md", "b.md"]


def test_streamed_text_keeps_the_level_filter_and_exit_code(tmp_path, monkeypatch):
    """Findings below --min-level that reach --fail-level are hidden per file and still fail the run."""
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the first.\n")
    res = _check(["--format", "concise", "--min-level", "error", "--fail-level", "warning", "a.md"])
    assert res.exit_code == 1
    assert res.stdout == ""


# ------------------------------------------------------------------------------- compact document parts


def test_block_tokens_keep_what_the_checks_read():
    text = "# Title\n\n> quote\n\n```py\ncode\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |\n"
    full = _parser().parse(text, {})
    kept = parse(from_text(text, "a.md")).tokens
    assert isinstance(kept, BlockTokens) and len(kept) == len(full)
    as_read = [
        BlockToken(t.type, t.tag, tuple(t.map) if t.map else None, t.markup, t.info, t.level, t.nesting)
        for t in full
    ]
    assert list(kept) == as_read
    assert (
        [kept[i] for i in range(len(kept))] == as_read
        and kept[-1] == as_read[-1]
        and kept[1:3] == as_read[1:3]
    )
    fence = next(t for t in kept if t.type == "fence")
    assert (fence.markup, fence.info, fence.map) == ("```", "py", (4, 7))


def test_compact_source_maps_place_spans_like_run_tuples():
    tb = TextBuilder()
    tb.add("Hello ", 10)
    tb.add_placeholder(16, 30)
    tb.add(" world", 30)
    tb.add("!", 50)
    block = tb.build("paragraph")
    assert isinstance(block.runs, Runs)
    assert list(block.runs) == [(0, 10, 16, True), (6, 16, 30, False), (7, 30, 36, True), (13, 50, 51, True)]
    assert [block.source_offset(i) for i in range(len(block.text))] == [
        *range(10, 16),
        16,
        *range(30, 36),
        50,
    ]
    assert block.source_span(6, 7) == (16, 30) and block.source_span(0, 14) == (10, 51)


def test_findings_on_a_large_draft_keep_their_positions():
    para = "The council met on Tuesday. The the vote is next month.\n\n"
    text = "# Budget\n\n" + para * 4000  # about 230 KB
    found = [(d.line, d.column) for d in lint_text(text, "big.md") if d.rule == DOUBLED]
    assert found == [(3 + 2 * i, 29) for i in range(1000)]  # the per-rule cap keeps the first 1,000


# ----------------------------------------------------------------------------- bounded work per window


def test_repeated_phrase_candidates_are_the_same_window_by_window(monkeypatch):
    """The lexical-illusion finder works in windows; its candidates are those of the whole text."""
    pattern = re.compile(r"(?<![A-Za-z'-])(\w+(?:\s+\w+){0,2})(\s+\1)+(?![A-Za-z'-])", re.IGNORECASE)
    words = ["the", "The", "a", "then", "theme", "x1", "1", "é", "éa", "İs", "is", "_", "ab", "abab"]
    import random

    rnd = random.Random(7)
    for _ in range(60):
        text = "".join(rnd.choice(words) + rnd.choice([" ", "  ", ", ", "\n", "-", "'"]) for _ in range(300))
        finder = style._PhraseRepeat(pattern, 3)
        whole = finder._candidates(text)
        monkeypatch.setattr(style._PhraseRepeat, "_WINDOW", 11)
        assert finder._candidates(text) == whole
        assert [m.span() for m in finder.finditer(text)] == [m.span() for m in pattern.finditer(text)]
        monkeypatch.undo()


def test_repeated_phrase_windows_stay_small(monkeypatch):
    pattern = re.compile(r"(?<![A-Za-z'-])(\w+(?:\s+\w+){0,2})(\s+\1)+(?![A-Za-z'-])", re.IGNORECASE)
    monkeypatch.setattr(style._PhraseRepeat, "_WINDOW", 1000)
    sizes = []
    real = style._PhraseRepeat._window_candidates

    def window(self, full, base, stop, same):
        sizes.append(stop - base)
        return real(self, full, base, stop, same)

    monkeypatch.setattr(style._PhraseRepeat, "_window_candidates", window)
    text = "word " * 20_000 + "the the end"
    finder = style._PhraseRepeat(pattern, 3)
    assert finder._candidates(text)[-1] == text.index("the the")
    assert len(sizes) > 90 and max(sizes) <= 1000 + 3 * 5 + 5


def test_html_checks_of_many_paragraphs_search_only_their_ranges():
    """Double-escaped entities are looked for in the given ranges only (each range on its own)."""
    text = "".join(f"<b>p{i}</b> x&amp;eacute;y\n\n" for i in range(50)) + '<a title="x&amp;eacute;y">x</a>\n'
    at = text.index('<a title="')
    tag = (at, at + len('<a title="x&amp;eacute;y">'))
    found = check_html(text, [tag, (at + 28, len(text))])
    assert [(p.start, p.code) for p in found if p.code == "double-escaped-entity"] == [
        (at + 11, "double-escaped-entity")
    ]
    first = text.index("x&amp;") + 1
    found = check_html(text, [(0, 30), tag])
    assert [p.start for p in found if p.code == "double-escaped-entity"] == [first, at + 11]


def test_doubled_words_past_the_cap_are_counted_without_building_fixes():
    """Past twice the per-rule cap the engine only counts findings; the kind builds no fix edit for them
    (the cost on a line of one repeated word), and the kept ones still carry their fix."""
    from types import SimpleNamespace

    from conftest import make_rule

    rule = make_rule({"extends": "repetition", "message": "'%s' twice"}, pack="hygiene", name="Doubled")
    doc = parse(from_text("the " * 12 + "end.\n", "d.md"))
    found = list(rule.checker.check(doc, SimpleNamespace(config=SimpleNamespace(max_findings=2))))
    assert len(found) == 11
    assert [f.fix is not None for f in found] == [True] * 4 + [False] * 7
    unbounded = list(rule.checker.check(doc, SimpleNamespace(config=SimpleNamespace(max_findings=0))))
    assert all(f.fix is not None for f in unbounded)
    assert [(f.start, f.end) for f in found] == [(f.start, f.end) for f in unbounded]


# ------------------------------------------------------------------------------- tables and released analysis


def _table(rows: int, odd_row: int, odd_cell: str) -> str:
    head = "| Name | Town | Votes | Note |\n| --- | --- | --- | --- |\n"
    body = [f"| Person {i} | Town {i % 97} | {i * 7} | Counted on time. |\n" for i in range(rows)]
    body[odd_row] = f"| Person {odd_row} | Town 1 | 5 | {odd_cell} |\n"
    return head + "".join(body)


def test_every_cell_of_a_2000_row_table_is_checked_at_its_place():
    """A 2,000-row table: each cell is a block (none skipped) and a finding in row 1,500 points at its own
    line and column, after the walk has let the parser's token objects go."""
    text = _table(2000, 1500, "The the count was late.")
    doc = parse(from_text(text, "t.md"))
    cells = [b for b in doc.blocks if b.scope == "table_cell"]
    assert len(cells) == 4 * 2001  # the header row's cells too
    assert sum(1 for t in doc.tokens if t.type == "td_open") == 4 * 2000
    line = 1500 + 3
    col = text.splitlines()[line - 1].index("The the") + 1
    found = [(d.rule, d.line, d.column) for d in lint_text(text, "t.md") if d.rule == DOUBLED]
    assert found == [(DOUBLED, line, col)]


def test_the_walk_lets_each_token_go_and_keeps_its_fields():
    from copydesk.parsers.markdown import _block_parse, _Walker

    text = "# Title\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n- item [link](http://x.org)\n"
    env: dict = {}
    tokens = _block_parse(text, env)
    expected = BlockTokens(tokens)
    walker = _Walker(text, [])
    walker.inline_env = env
    kept = walker.walk(tokens)
    assert tokens == [None] * len(tokens)  # no token object outlives the walk
    assert list(kept) == list(expected)
    assert [b.scope for b in walker.blocks] == [
        "heading.h1",
        "table_cell",
        "table_cell",
        "table_cell",
        "table_cell",
        "list_item",
    ]
    assert walker.blocks[-1].links == [(5, 9)] and walker.blocks[0].links == ()


def _walked_after_a_full_parse(text: str):
    """The blocks and block tokens as the walk makes them from markdown-it's whole parse (every token held
    at once, inline children parsed by markdown-it with every reference known): what the streaming parse
    must give."""
    from copydesk.parsers.markdown import _Walker

    walker = _Walker(text, [])
    kept = walker.walk(_parser().parse(text, {}))
    return [(b.scope, b.text, list(b.runs), list(b.links), b.extent) for b in walker.blocks], list(kept)


def _streamed(text: str):
    doc = parse(from_text(text, "a.md"))
    return [(b.scope, b.text, list(b.runs), list(b.links), b.extent) for b in doc.blocks], list(doc.tokens)


#: References used before their definitions, in a heading, a paragraph, a table, nested lists and a
#: blockquote, with labels that are never defined beside them ([sic], [x], task boxes).
LATE_REFERENCES = """# A title with [late] in it

Intro with a [link][late], [sic] and [x].

| a | b [late] |
| - | - |
| [late] cell | [other] two |
| plain | `code` |

- item one [late]
- [ ] item two
  > quoted [late] here
  1. nested [other] item

> [inner]: /inner

Use [inner] and [late] now.

[late]: http://example.com/late "Title"
[other]: <http://x.org>

After them: [late], [other] and [nothere].
"""


def test_references_defined_further_down_are_read_as_in_a_whole_parse():
    """The block parse hands each token to the walk as soon as its rule is done with it; an inline token
    that looks up a label defined only further down waits for the end of the parse (with the rest of its
    top-level block), so every block, link and source map is the one of markdown-it's whole parse."""
    assert _streamed(LATE_REFERENCES) == _walked_after_a_full_parse(LATE_REFERENCES)
    blocks = parse(from_text(LATE_REFERENCES, "a.md")).blocks
    intro = next(b for b in blocks if b.text.startswith("Intro"))
    assert intro.text == "Intro with a link, [sic] and [x]." and intro.links == [(13, 17)]
    assert [b.scope for b in blocks][:3] == ["heading.h1", "paragraph", "table_cell"]
    cell = next(b for b in blocks if b.text == "late cell")
    assert cell.scope == "table_cell" and cell.links == [(0, 4)]


def test_a_late_reference_in_a_table_keeps_every_finding_in_place():
    """A 2,000-row table whose row 10 uses a reference defined after the table (the rest of the table is
    walked at the end of the parse): a doubled word in row 1,500 is still found at its line and column,
    the paragraph after the table keeps its scope, and the blocks are those of a whole parse."""
    text = (
        _table(2000, 1500, "The the count was late.").replace("| Person 10 |", "| See [the list] |")
        + "\nAfter the table the the end.\n\n[the list]: /list\n"
    )
    assert _streamed(text) == _walked_after_a_full_parse(text)
    found = [(d.rule, d.line, d.column) for d in lint_text(text, "t.md") if d.rule == DOUBLED]
    line = 1500 + 3
    col = text.splitlines()[line - 1].index("The the") + 1
    after = text.splitlines().index("After the table the the end.") + 1
    assert found == [(DOUBLED, line, col), (DOUBLED, after, len("After the table ") + 1)]


def test_the_block_parse_holds_no_more_than_the_token_being_made(monkeypatch):
    """While markdown-it's block parse runs over a 2,000-row table (28,000 tokens), only the token its rule
    is still filling in is alive: each earlier one was handed to the walk and let go."""
    import gc

    from copydesk.parsers import markdown

    # The parse's block state and token classes (markdown-it's, pushing copydesk's lighter tokens).
    StateBlock = markdown._state_classes()[0]
    Token = markdown._Token

    alive: list[int] = []
    push = StateBlock.push

    def counting_push(self, *args):
        token = push(self, *args)
        if len(self.tokens) == 20_000:
            gc.collect()
            alive.append(sum(1 for o in gc.get_objects() if type(o) is Token))
        return token

    monkeypatch.setattr(StateBlock, "push", counting_push)
    monkeypatch.setenv(markdown.BACKEND_VARIABLE, "py")
    doc = parse(from_text(_table(2000, 1500, "The the count was late."), "t.md"))
    assert len(doc.tokens) > 20_000 and len(alive) == 1
    assert alive[0] <= 2


def test_the_fast_parse_holds_no_more_than_the_token_being_walked(monkeypatch):
    """The same on the fast path: each token made from markdown-it-pyrs's tree is walked and let go before
    the next one is made."""
    import gc

    from copydesk.parsers import markdown, markdown_rs

    if not markdown_rs.available():
        pytest.skip("markdown-it-pyrs is not installed")
    alive: list[int] = []
    row = markdown_rs._Convert.row
    calls = []

    def counting_row(self, *args):
        calls.append(1)
        if len(calls) == 1500:
            gc.collect()
            alive.append(sum(1 for o in gc.get_objects() if type(o) is markdown_rs.Tok))
        return row(self, *args)

    monkeypatch.setattr(markdown_rs._Convert, "row", counting_row)
    monkeypatch.setenv(markdown.BACKEND_VARIABLE, "rs")
    doc = parse(from_text(_table(2000, 1500, "The the count was late."), "t.md"))
    assert len(doc.tokens) > 20_000 and len(alive) == 1
    assert alive[0] <= 2


def test_container_line_maps_are_the_whole_parse_ones():
    """A container's end line is set by its rule after its closing token: the kept line maps of lists,
    items, blockquotes, tables and their bodies are markdown-it's."""
    text = "- a\n- b\n\n  > c\n  > d\n\n1. e\n\n| x |\n| - |\n| 1 |\n| 2 |\n\nend\n"
    full = _parser().parse(text, {})
    kept = parse(from_text(text, "a.md")).tokens
    assert [(t.type, t.map) for t in kept] == [(t.type, tuple(t.map) if t.map else None) for t in full]
    assert next(t.map for t in kept if t.type == "tbody_open") == (10, 12)


def test_analysis_parts_are_dropped_after_their_last_reader():
    """The engine drops per-block counts once the last readability rule ran, and the vague-sourcing results
    and sentences once the last sourcing rule ran; what a rule asks for again is computed again."""
    from copydesk.analysis.shared import BLOCK_PARTS, Analysis
    from copydesk.engine import Linter, _step_parts

    linter = Linter()
    plan, releases = linter.plan, linter.releases
    last_counts = max(k for k, s in enumerate(plan) if "counts" in _step_parts(s))
    assert "counts" in releases[last_counts + 1]
    assert sum("counts" in parts for parts in releases) == 1
    assert all(not (parts & _step_parts(plan[k])) for k, parts in enumerate(releases) if parts)

    doc = parse(from_text("Officials said the plan was approved. It was a very long day.\n", "a.md"))
    analysis = Analysis(doc)
    block = doc.blocks[0]
    counts, sentences = analysis.block(block).counts, analysis.block(block).sentences
    analysis.release({"counts"})
    assert analysis.block(block)._counts is None and analysis.block(block)._sentences is sentences
    assert analysis.block(block).counts == counts
    assert {"counts", "sentences", "words", "passive"} <= BLOCK_PARTS
    analysis.release(BLOCK_PARTS)  # every per-block part (readability's proper_complex included)
    assert analysis._blocks == {}
    assert analysis.block(block).sentences == sentences


def test_a_rule_without_declared_parts_keeps_every_part_until_it_ran():
    from copydesk.engine import release_plan

    class _Step:
        def __init__(self, parts):
            self.checker = type("K", (), {"analysis_parts": parts})()

    plan = [_Step(frozenset({"counts"})), _Step(None), _Step(frozenset({"style"}))]
    drops = release_plan(plan)
    assert drops[0] == frozenset() and drops[1] == frozenset()
    assert "counts" in drops[2] and "style" not in drops[2]


def test_spellings_are_found_across_a_long_draft():
    """The derived spelling families read the distinct words first and positions only for those that pair
    up: a spelling in paragraph 1,800 of 2,000 is still paired with one in paragraph 3."""
    paras = [f"Paragraph {i} says the meeting went well." for i in range(2000)]
    paras[3] = "The colour of the bridge was chosen."
    paras[1800] = "The color was chosen again, and the colour stayed, the colour."
    text = "\n\n".join(paras) + "\n"
    found = [(d.line, d.column) for d in lint_text(text, "a.md") if d.rule == "hygiene.Spellings"]
    assert found == [(1801 * 2 - 1, 5)]


def test_spaced_pairs_are_every_match_of_every_pair_pattern():
    """``_spaced_pairs`` (one scan of a text for all neighbouring pairs) finds exactly the places where the
    pair pattern of ``hygiene.Spellings`` (``_pair_re``, ignoring case) matches, overlapping ones included,
    for every pair of words of the text: texts mixing words, hyphens, digits, addresses, line breaks and
    the characters ``re`` folds to ASCII letters."""
    import random

    from copydesk.kinds.consistency import _pair_re, _spaced_pairs

    rng = random.Random(11)
    words = [
        "work",
        "Space",
        "WORK",
        "space",
        "ant",
        "x",
        "co-op",
        "\u017fpace",
        "wor\u212a",
        "\u0130nk",
        "3d",
        "a_b",
        "data",
    ]
    seps = [" ", "  ", "\n", ", ", "-", ". ", "/", "@", " .", ".x ", "#", " \u00e9"]
    for _ in range(300):
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 12)))
        got = sorted(_spaced_pairs(text))
        names = {w.lower() for w in re.findall(r"[A-Za-z]+", text)} | {"space", "work", "ink"}
        want = []
        for a in names:
            for b in names:
                rx = _pair_re(a, b)
                m = rx.search(text)
                while m is not None:
                    want.append((m.start(), a, b))
                    m = rx.search(text, m.start() + 1)
        assert got == sorted(want), text


def test_spelled_apart_compounds_are_paired_across_a_long_draft():
    """A compound written closed in paragraph 5 and apart in paragraph 1,900 of 2,000 (with other closed
    words of the draft that could be written apart) is still one pair, reported at its minority spelling."""
    paras = [f"Paragraph {i} says the teamwork and the network went well." for i in range(2000)]
    paras[5] = "The workspace was busy, and the workspace was loud."
    paras[1900] = "We met in the work space at noon."
    text = "\n\n".join(paras) + "\n"
    found = [(d.line, d.column) for d in lint_text(text, "a.md") if d.rule == "hygiene.Spellings"]
    assert found == [(1901 * 2 - 1, 15)]


def test_draft_names_and_word_counts_read_block_by_block_are_those_of_the_joined_draft():
    """Vague sourcing reads the draft's mid-sentence names and word counts block by block (no copy of the
    whole draft kept through its loop): the same as from the blocks joined by line breaks, lowercased as
    the whole draft is (``str.lower`` when it keeps every length, else ASCII letters only: "İ")."""
    import random

    from copydesk.analysis.sourcing import _MID_CAPITAL_RE, _WORD_RE, _DraftWords, _lower, _Names

    rng = random.Random(5)
    words = [
        "said",
        "Sanders",
        "Officials",
        "the",
        "Users",
        "data",
        "\u0130stanbul",
        "CAF\u00c9S",
        "x,",
        "a;",
        "2024",
        "Reports",
        "\u00c9tudes",
        "of",
        "\u212aelvin",
    ]
    for _ in range(200):
        texts = [
            " ".join(rng.choice(words) for _ in range(rng.randint(0, 9))) + rng.choice(["", ".", " "])
            for _ in range(rng.randint(1, 6))
        ]
        whole = "\n".join(texts)
        names = _Names(list(texts))
        for w in set(words) | {"Sanders", "Users"}:
            assert (w in names) == (w in frozenset(_MID_CAPITAL_RE.findall(whole))), (texts, w)
        counts: dict[str, int] = {}
        for w in _WORD_RE.findall(_lower(whole)):
            counts[w] = counts.get(w, 0) + 1
        index = _DraftWords(list(texts), len(whole.lower()) == len(whole))
        for noun in ("data", "users", "reports", "istanbul", "stanbul", "kelvin", "elvin", "2024", "the"):
            forms = {noun, noun[:-1]} if noun.endswith("s") else {noun, noun + "s", noun + "es"}
            want = sum(counts.get(f, 0) for f in forms)
            assert index.mentions(noun) == want, (texts, noun)


# ------------------------------------------------------------------------------------------ block pass


def _long_table(rows: int) -> str:
    """A table whose cells hold long sentences, runs of long words and passive sentences, then prose."""
    long_cell = " ".join(["the council members voted"] * 12) + "."
    head = "| Name | Note |\n| --- | --- |\n"
    body = []
    for i in range(rows):
        if i % 50 == 7:
            note = long_cell
        elif i % 50 == 19:
            note = "Intergovernmental administrative reorganization considerations abound."
        elif i % 3 == 0:
            note = f"Counted on day {i}."
        else:
            note = "The board approved the budget."
        body.append(f"| Person {i} | {note} |\n")
    prose = "The report was written by the clerk. It was read aloud by the mayor.\n\n" * 5
    return head + "".join(body) + "\n" + prose


def test_per_block_rules_run_together_after_the_other_readers_of_the_block_analysis():
    """The readability rules that read each block on its own form one ``BlockPass``, placed after the last
    other rule that reads the per-block analysis; the pass may drop every block part (no later rule reads
    one), and the document-wide grade (``readability.GradeLevel``) stays a rule of its own."""
    from copydesk.analysis.shared import BLOCK_PARTS
    from copydesk.engine import BlockPass, Linter, _step_parts

    plan = Linter().plan
    (k,) = [k for k, s in enumerate(plan) if isinstance(s, BlockPass)]
    ids = {r.id for r in plan[k].rules}
    assert {
        "readability.SentenceLength",
        "readability.ParagraphLength",
        "readability.LongWordRun",
        "readability.ParagraphGrade",
    } <= ids
    # the document-wide grade and the passive share (its gate reads every block first) run before the pass
    before = {getattr(s, "id", None) for s in plan[:k]}
    assert {"readability.GradeLevel", "readability.PassiveVoice"} <= before and not ids & before
    assert not any(_step_parts(s) & BLOCK_PARTS for s in plan[k + 1 :])
    assert plan[k].release == BLOCK_PARTS


def test_a_2000_row_table_keeps_one_run_of_blocks_words_alive(monkeypatch):
    """In the block pass over a 2,000-row table (4,000 cells; the passive gate passes it), words and
    passive candidates are alive for at most one run of blocks at a time, every block's analysis is gone when the pass ends, and the
    findings (rule, line, column, message) are those of each rule run alone over the whole draft."""
    from copydesk import engine
    from copydesk.analysis import shared
    from copydesk.engine import BlockPass, Linter
    from copydesk.source import from_text as source_of

    text = _long_table(2000)
    linter = Linter()
    (bp,) = [s for s in linter.plan if isinstance(s, BlockPass)]
    seen: list[int] = []
    after: list[int] = []
    release_blocks = shared.Analysis.release_blocks

    def watching(self, blocks, parts):
        seen.append(
            sum(1 for ba in self._blocks.values() if ba._words is not None or ba._passive is not None)
        )
        release_blocks(self, blocks, parts)
        after.append(len(self._blocks))

    monkeypatch.setattr(shared.Analysis, "release_blocks", watching)
    result, _ = linter.lint_source(source_of(text, "t.md"))
    monkeypatch.undo()
    cells = 4000
    assert len(seen) >= cells // bp.run_blocks
    assert max(seen) <= bp.run_blocks
    assert after[-1] == 0

    monkeypatch.setattr(engine, "block_pass_plan", lambda plan: plan)  # each rule alone, whole draft
    alone, _ = Linter().lint_source(source_of(text, "t.md"))
    assert not alone.errors and not result.errors

    def key(d):
        return (d.rule, d.line, d.column, d.end_line, d.end_column, d.message)

    assert [key(d) for d in result.diagnostics] == [key(d) for d in alone.diagnostics]
    rules = {d.rule for d in result.diagnostics}
    assert {"readability.SentenceLength", "readability.LongWordRun"} <= rules
    first_long = next(d for d in result.diagnostics if d.rule == "readability.SentenceLength")
    assert (first_long.line, first_long.column) == (10, 14)  # row 7 (line 3 + 7), after "| Person 7 | "


def test_a_per_block_rule_that_fails_in_the_pass_loses_only_its_own_findings(monkeypatch):
    """A crash in one per-block rule midway through the pass is that rule's internal error; the other
    rules of the pass keep every finding."""
    from copydesk.engine import Linter
    from copydesk.kinds.readability import PolysyllableRun
    from copydesk.source import from_text as source_of

    text = _long_table(600)
    before, _ = Linter().lint_source(source_of(text, "t.md"))
    calls = []
    original = PolysyllableRun.check_block

    def failing(self, b, ctx, state):
        calls.append(1)
        if len(calls) == 700:
            raise RuntimeError("boom")
        return original(self, b, ctx, state)

    monkeypatch.setattr(PolysyllableRun, "check_block", failing)
    result, _ = Linter().lint_source(source_of(text, "t.md"))
    assert len(result.errors) == 1 and "readability.LongWordRun: RuntimeError: boom" in result.errors[0]
    assert not any(d.rule == "readability.LongWordRun" for d in result.diagnostics)
    assert [d for d in before.diagnostics if d.rule != "readability.LongWordRun"] == result.diagnostics


def test_per_word_memos_hold_short_words_only():
    """The process-wide per-word memos of the readability counts keep at most their number of entries and
    no word longer than ``_MEMO_WORD_CHARS``: a 200,000-character "word" is counted, and not kept."""
    from copydesk.analysis import readability as r
    from copydesk.analysis.sentences import WordIndex, split_sentences

    long_word = "Abc" * 66_667
    text = f"The Administration met. {long_word} was said. Then {long_word.lower()} again."
    counts = r.compute_counts(text)
    assert counts.words == 9 and counts.long_words == 3
    assert r.compute_counts(text) == counts
    r.proper_complex_words(text, sentences=split_sentences(text), words=WordIndex(text))
    for memo in (r._WORD_FACTS, r._PROPER):
        assert memo and max(map(len, memo)) <= r._MEMO_WORD_CHARS
        assert long_word not in memo and long_word.lower() not in memo
    assert len(r._WORD_FACTS) <= r._WORD_FACTS_MAX and len(r._PROPER) <= r._WORD_MEMO_MAX


@pytest.mark.parametrize(
    "text",
    [
        "The council met. It voted?! Yes... 'Twas late, wasn't it? No words here . . . Then it's done.  End",
        "Über-große Straße. Le café d’été! Naïve ideas? Résumé… ends. Ça va. Fin " * 7,
        "no sentence end at all in this rather long text " * 9,
        "A. B. C. Do it now. " * 30 + "one two three four.",
        ". ! ? . . starts with punctuation. Then words follow here. " * 12,
    ],
)
def test_a_long_text_is_counted_window_by_window_to_the_same_counts(monkeypatch, text):
    """Readability counts of a text longer than ``_COUNT_WINDOW`` are the sums of its windows' counts,
    cut after a sentence end and before whitespace: the same counts, field by field, as one pass."""
    from copydesk.analysis import readability as r

    whole = r.compute_counts(text)
    monkeypatch.setattr(r, "_COUNT_WINDOW", 7)
    windows = r._windowed_counts(text)
    assert r.compute_counts(text) == windows == whole
    pieces = []
    monkeypatch.setattr(r, "_counts_of", lambda t, f=r._counts_of: pieces.append(t) or f(t))
    r.compute_counts(text)
    if "." in text[8:-8]:
        assert len(pieces) > 1
    assert "".join(pieces) == text


def test_repeat_prefilter_reads_a_long_texts_tokens_one_at_a_time(monkeypatch):
    """``hygiene.Doubled``'s quick test gives the same answers from tokens read one at a time (texts over
    ``_LIST_CHARS``) as from their list, for words, two-word and three-word runs, ASCII or not."""
    import random

    from copydesk.kinds import repetition

    rng = random.Random(7)
    vocab = ["a", "b", "the", "The", "ça", "Ça", "l’a"]
    texts = ["", "a", "a a", "a b a b", "a b c a b c", "the cat sat", "Ça ça", "l’a b l’a b"]
    texts += [" ".join(rng.choice(vocab) for _ in range(rng.randint(0, 12))) for _ in range(400)]
    seen = set()
    for text in texts:
        for max_words in (1, 2, 3):
            monkeypatch.setattr(repetition, "_LIST_CHARS", 1 << 30)
            listed = repetition._may_repeat(text, max_words)
            monkeypatch.setattr(repetition, "_LIST_CHARS", -1)
            assert repetition._may_repeat(text, max_words) == listed, (text, max_words)
            seen.add(listed)
    assert seen == {(False, False), (True, False), (False, True), (True, True)}
    line = "alpha beta gamma " * 70_000 + "delta delta"  # 1.2 M characters, one repeat at the end
    assert repetition._may_repeat(line, 3) == (True, True)


# ------------------------------------------------------- sourcing's draft-wide cues, read in windows

_CUE_PIECES = [
    "The council met on Tuesday.",
    "Last year we",  # ... and the next block goes on: a cue across the line break between blocks
    "surveyed 300 readers about the paper.",
    "Our users asked for a darker theme 😀.",
    "According to a 2023 Pew survey, most renters move within five years.",
    "Data from the census show the county grew.",
    "The figures released by the agency",
    "show a rise in rents.",
    "A study published in The Lancet found no effect.",
    "İstanbul and ΟΔΟΣ were on the agenda.",
    "In our research we looked at transit ridership.",
    "We",
    "our",
    "Studies show that coffee is good for you.",
    "Many experts now recommend the plan:",
    "- officials said the budget would pass",
]


class _Block:
    def __init__(self, text: str) -> None:
        self.text = text
        self.scope = "paragraph"


def _cue_blocks(seed: int, n: int) -> list[_Block]:
    import random

    rng = random.Random(seed)
    out = []
    for _ in range(n):
        k = rng.randrange(1, 4)
        out.append(_Block(" ".join(rng.choice(_CUE_PIECES) for _ in range(k))))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_sourcing_cues_read_in_windows_are_those_of_the_joined_draft(monkeypatch, seed):
    from copydesk.analysis import sourcing

    blocks = _cue_blocks(seed, 160)
    if seed % 3 == 0:  # some drafts with only a few cues: the draft-wide flags differ from draft to draft
        few = [b for b in blocks if "we" not in b.text.lower() or b.text == "Last year we"]
        blocks = few[:40] + blocks[:3]
    whole = sourcing._draft_cues(blocks, None)[:6]  # under the window: one joined copy, as before
    assert sum(len(b.text) + 1 for b in blocks) < sourcing._CUE_WINDOW
    monkeypatch.setattr(sourcing, "_CUE_WINDOW", 300)
    monkeypatch.setattr(sourcing, "_CUE_MARGIN", 150)
    assert len(list(sourcing._windows([b.text for b in blocks]))) > 5
    cues = sourcing._draft_cues(blocks, None)
    assert cues[:6] == whole
    assert cues[6] is None  # read in windows: the blocks' words are made again in the block loop


def test_a_cue_split_across_a_window_boundary_is_still_found(monkeypatch):
    from copydesk.analysis import sourcing

    filler = [_Block("The council met on Tuesday and talked about roads.") for _ in range(30)]
    # "we" ends the last block of one window's main part, "surveyed" starts the next window's.
    blocks = [*filler[:5], _Block("Last year we"), _Block("surveyed 300 readers."), *filler[5:]]
    monkeypatch.setattr(sourcing, "_CUE_MARGIN", 60)
    cut = sum(len(b.text) + 1 for b in blocks[:6])
    monkeypatch.setattr(sourcing, "_CUE_WINDOW", cut)
    windows = list(sourcing._windows([b.text for b in blocks]))
    assert windows[0][:2] == (0, 8) and windows[1][0] < 6  # the main part ends after "we"; margins overlap
    own, research, surveyed, sources, product, same_length, _ = sourcing._draft_cues(blocks, None)
    assert research is True and own is True  # "we surveyed": the draft's own research and method
    monkeypatch.setattr(sourcing, "_CUE_WINDOW", 1 << 20)
    assert sourcing._draft_cues(blocks, None)[:2] == (True, True)


def test_sourcing_findings_of_a_long_draft_read_in_windows_are_the_whole_draft_ones(monkeypatch):
    from copydesk.analysis import sourcing

    blocks = _cue_blocks(99, 300)
    args = dict(sentences_of=lambda b: None, section_starts=frozenset(), links_of=lambda b: ())

    def found():
        out = sourcing.find_document_sourcing(blocks, **args)
        return {blocks.index(b): out[id(b)] for b in blocks if id(b) in out}

    whole = found()
    assert whole  # the draft has findings to compare
    monkeypatch.setattr(sourcing, "_CUE_WINDOW", 500)
    monkeypatch.setattr(sourcing, "_CUE_MARGIN", 200)
    assert found() == whole


def test_long_word_flags_read_window_by_window_are_the_whole_text_ones(monkeypatch):
    import random

    from copydesk.analysis import readability
    from copydesk.analysis.readability import _text_flags, _token_flags, polysyllable_runs
    from copydesk.analysis.sentences import WordIndex

    rng = random.Random(7)
    words = ["institutionalizing", "multilateral", "cooperation", "the", "vote.", "Then", "ab-cd", "x1y"]
    spaces = [" ", "  ", "\t", "\n", "\u2003", "\x1c", " \n "]
    texts = [
        "".join(rng.choice(words) + rng.choice(spaces) for _ in range(rng.randrange(1, 80)))
        for _ in range(60)
    ]
    texts.append("institutionalizing" * 5)  # no whitespace at all: one window
    whole = [(_token_flags(t.split(), 4), polysyllable_runs(t, words=WordIndex(t))) for t in texts]
    monkeypatch.setattr(readability, "_COUNT_WINDOW", 7)
    assert [(_text_flags(t, 4), polysyllable_runs(t, words=WordIndex(t))) for t in texts] == whole
    assert any(runs for _flags, runs in whole)


def test_the_word_set_of_a_long_text_read_window_by_window_is_the_whole_one(monkeypatch):
    import random

    from copydesk.analysis import sourcing

    rng = random.Random(3)
    pieces = ["survey", "we", "Data", "x1", "ab-cd", "’s", "é", "42", " ", "  ", ",", "\n", "."]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 200))).lower() for _ in range(50)]
    whole = [set(sourcing._word_runs(t).split()) for t in texts]
    monkeypatch.setattr(sourcing, "_CUE_WINDOW", 5)
    assert [sourcing._word_set(t) for t in texts] == whole


# ------------------------------------------------------------------------- doubled words, round 9


def test_doubled_words_between_and_inside_several_quotations_of_one_block():
    """The block's quotations are found once and looked up by position: a content word doubled inside
    the second quotation is emphasis, the same word doubled between two quotations is a slip."""
    text = (
        "\u201cWe sail at dawn,\u201d the skipper said, and the crew crew nodded. "
        '"It was a long long night," she added. "Calm seas," said the mate.\n'
    )
    assert [(d.rule, d.line, d.column) for d in lint_text(text, "q.md") if d.rule == DOUBLED] == [
        (DOUBLED, 1, 46)
    ]


def test_a_long_line_of_one_repeated_word_without_quotes_is_capped():
    """Every pair is a candidate; none is inside a quotation (there are none), and the findings stop at
    the per-rule cap with the rest counted."""
    report = lint_paths([], jobs=1, stdin=("-", "harbour " * 5000))
    (fr,) = report.files
    hits = [(d.line, d.column) for d in fr.diagnostics if d.rule == DOUBLED]
    assert len(hits) == 1000 and hits[:2] == [(1, 1), (1, 9)]
    assert any("hygiene.Doubled: 3999 more findings not shown" in n for n in fr.notices)
