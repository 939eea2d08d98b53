"""The two Markdown parsers give the same documents: markdown-it-pyrs's tree, converted by
``parsers.markdown_rs``, and markdown-it-py's tokens, both walked by the same walker. Where the two are
known to read a draft differently the fast path steps aside, and without markdown-it-pyrs every draft is
parsed by markdown-it-py."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk import lint_text
from copydesk.parsers import markdown, markdown_rs
from copydesk.source import from_text

needs_rs = pytest.mark.skipif(not markdown_rs.available(), reason="markdown-it-pyrs is not installed")


def _digest(doc) -> tuple:
    """Everything the checks read of a document."""
    return (
        [(b.scope, b.text, list(b.runs), b.level, b.key, list(b.links), b.extent) for b in doc.blocks],
        list(doc.masked),
        list(doc.comments),
        dict(doc.frontmatter),
        doc.frontmatter_range,
        list(doc.notices),
        list(doc.tokens or ()),
        doc.references,
    )


def _both(monkeypatch, text: str) -> tuple[tuple, tuple]:
    source = from_text(text, "draft.md")
    monkeypatch.setenv(markdown.BACKEND_VARIABLE, "py")
    slow = _digest(markdown.parse_markdown(source))
    monkeypatch.setenv(markdown.BACKEND_VARIABLE, "rs")
    fast = _digest(markdown.parse_markdown(source))
    return slow, fast


#: Pieces of drafts: block starts, inline syntax, Unicode spaces and symbols, template tags, line endings.
_PIECES = [
    "word",
    "two words",
    " ",
    "   ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "*",
    "**",
    "_",
    "~~",
    "`",
    "``",
    "# ",
    "> ",
    "- ",
    "1. ",
    "3) ",
    "[",
    "]",
    "(",
    ")",
    "[label]",
    "(https://example.org)",
    "<",
    ">",
    "<em>",
    "</em>",
    "&amp;",
    "&#169;",
    "\\",
    "\\_",
    "|",
    "| h1 | h2 |\n| --- | --- |\n",
    "---",
    "===",
    "```",
    "~~~",
    "    indented",
    "<section>",
    "<!-- note -->",
    "![alt](p.png)",
    "[label]: /target\n",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\u3000",
    "\x1c",
    "\x85",
    "\v",
    "é",
    "\u2019",
    "\u00ae",
    "{{< shortcode >}}",
    "{% tag %}",
    "https://example.org/a_b",
    "name@example.org",
    "\ud800",
]


@needs_rs
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map("".join))
def test_both_parsers_give_the_same_document(text):
    mp = pytest.MonkeyPatch()
    try:
        slow, fast = _both(mp, text)
    finally:
        mp.undo()
    assert fast == slow


def _record_answers(monkeypatch) -> list:
    """What the fast path answers for each draft parsed from now on: the reference labels, or None when
    markdown-it-py parses the draft."""
    answers: list = []
    real = markdown_rs.convert

    def recording(md_text, emit):
        answers.append(real(md_text, emit))
        return answers[-1]

    monkeypatch.setattr(markdown_rs, "convert", recording)
    return answers


@needs_rs
def test_a_plain_draft_takes_the_fast_path(monkeypatch):
    text = (
        "---\ntitle: A title\n---\n# Title\n\nA paragraph with *emphasis*, `code`, {{< tag >}} and a "
        "[link](https://example.org).\n\n- one\n- two\n\n> quoted\n\n| a | b |\n| --- | --- |\n| c | d |\n"
    )
    answers = _record_answers(monkeypatch)
    slow, fast = _both(monkeypatch, text)
    assert len(answers) == 1 and answers[0] is not None
    assert fast == slow


@needs_rs
@pytest.mark.parametrize(
    "text",
    [
        # a link label holding a backtick run that nothing closes (markdown-it.rs 0.4 panics)
        "See [the `option] here.\n",
        # emphasis next to a symbol (the placeholder of a template tag is one)
        "{{< figure >}}_Caption of the figure._\n",
        "Price\u00ae*note*\n",
        # a blockquote's paragraph continued lazily by an ordered item or a table line
        "> Quoted text\n2) not a list here\n",
        "> Quoted text\n| a | b |\n| --- | --- |\n",
        # a table row that does not start with '|', a header line without '|'
        "| a | b |\n| --- | --- |\n- item\n",
        "head\n|- \n",
        # Unicode spaces where one parser strips them and the other does not
        "\u00a0| a | b |\n| --- | --- |\n",
        # tilde runs of three or more next to strikethrough
        "~~struck~~~~ text\n",
        # a control character that Python counts as white space and CommonMark does not
        "<b>\x1c\n",
        # a table header that starts an HTML block
        "<div>x | b |\n|---|---|\n",
        # a lone surrogate (text given to the API): markdown-it-pyrs takes UTF-8 only
        "A \ud800 draft\n",
    ],
)
def test_shapes_the_parsers_read_differently_take_markdown_it_py(monkeypatch, text):
    answers = _record_answers(monkeypatch)
    slow, fast = _both(monkeypatch, text)
    assert answers == [None]
    assert fast == slow


@needs_rs
def test_a_large_draft_takes_markdown_it_py(monkeypatch):
    monkeypatch.setattr(markdown_rs, "MAX_FAST_CHARS", 100)
    assert markdown_rs.tokens_for("word " * 30) is None
    assert markdown_rs.tokens_for("word " * 10) is not None


def test_without_markdown_it_pyrs_every_draft_is_parsed_by_markdown_it_py(monkeypatch):
    monkeypatch.delenv(markdown.BACKEND_VARIABLE, raising=False)
    monkeypatch.setitem(sys.modules, "markdown_it_pyrs", None)  # import fails
    markdown._rs_available.cache_clear()
    try:
        assert markdown_rs.available() is False
        assert markdown.backend() == "py"
        called = []
        monkeypatch.setattr(markdown_rs, "tokens_for", lambda text: called.append(text))
        doc = markdown.parse_markdown(from_text("# Title\n\nSome *text* here.\n", "draft.md"))
        assert called == []
        assert [(b.scope, b.text) for b in doc.blocks] == [
            ("heading.h1", "Title"),
            ("paragraph", "Some text here."),
        ]
        diagnostics = lint_text("# A Title\n\nExperts say it works.\n", path="draft.md")
        assert any(d.rule == "sourcing.WeaselSource" and (d.line, d.column) == (3, 1) for d in diagnostics)
    finally:
        markdown._rs_available.cache_clear()


def test_the_variable_chooses_markdown_it_py(monkeypatch):
    monkeypatch.setenv(markdown.BACKEND_VARIABLE, "py")
    assert markdown.backend() == "py"
    called = []
    monkeypatch.setattr(markdown_rs, "tokens_for", lambda text: called.append(text))
    markdown.parse_markdown(from_text("Some *text*.\n", "draft.md"))
    assert called == []


@needs_rs
def test_the_default_is_markdown_it_pyrs_when_installed(monkeypatch):
    monkeypatch.delenv(markdown.BACKEND_VARIABLE, raising=False)
    assert markdown.backend() == "rs"
    monkeypatch.setenv(markdown.BACKEND_VARIABLE, "rs")
    assert markdown.backend() == "rs"


@needs_rs
def test_positions_of_findings_are_the_same_with_each_parser(monkeypatch):
    text = (
        "---\ntitle: Town votes\n---\n# Town votes on the wall\n\n"
        "Experts say the wall will fail. It is widely believed that   the the vote is close.\n\n"
        "| Name | Note |\n| --- | --- |\n| Ann | Critics say *so* |\n\n"
        "1. Many residents fear the cost.\n2. A [link] (https://example.org) here.\n"
    )
    found = {}
    for name in ("py", "rs"):
        monkeypatch.setenv(markdown.BACKEND_VARIABLE, name)
        found[name] = [
            (d.rule, d.line, d.column, d.end_line, d.end_column) for d in lint_text(text, path="d.md")
        ]
    assert found["rs"] == found["py"]
    assert ("sourcing.WeaselSource", 6, 1) in {(r, line, col) for r, line, col, _el, _ec in found["rs"]}


@needs_rs
@pytest.mark.parametrize(
    "text",
    [
        "> " * 300 + "deep",  # blockquotes nested on one line
        "".join("  " * i + "- item\n" for i in range(120)),  # lists nested by indentation
        "*" * 15_000 + "a" + "*" * 15_000,  # emphasis nested by its delimiters
        "![" * 25_000 + "a" + "](u)" * 25_000,  # images nested in their descriptions
    ],
)
def test_deep_nesting_takes_markdown_it_py(monkeypatch, text):
    """markdown-it.rs 0.4 has no nesting limit and a tree tens of thousands of levels deep crashes the
    process when freed: such drafts never reach it."""
    answers = _record_answers(monkeypatch)
    monkeypatch.setenv(markdown.BACKEND_VARIABLE, "rs")
    doc = markdown.parse_markdown(from_text(text, "draft.md"))
    assert answers == [None]
    assert doc.source.text == text


@needs_rs
def test_emphasis_nested_past_the_limit_takes_markdown_it_py(monkeypatch):
    text = "*" * 1_500 + "word" + "*" * 1_500 + "\n"
    answers = _record_answers(monkeypatch)
    slow, fast = _both(monkeypatch, text)
    assert answers == [None]
    assert fast == slow


@needs_rs
def test_a_fast_parse_given_up_part_way_starts_again_with_markdown_it_py(monkeypatch):
    """A node met after some tokens were walked (here: nesting past a lowered limit) sends the whole draft
    to markdown-it-py, and nothing of the partial walk is left in the document."""
    monkeypatch.setattr(markdown_rs, "MAX_FAST_LEVEL", 1)
    text = (
        "Intro with a `code` span and https://example.org.\n\n- outer\n  - inner\n    - innermost\n\nEnd.\n"
    )
    answers = _record_answers(monkeypatch)
    slow, fast = _both(monkeypatch, text)
    assert fast == slow
    assert answers == [None]
    monkeypatch.setenv(markdown.BACKEND_VARIABLE, "rs")
    walked = []
    real = markdown_rs.convert
    monkeypatch.setattr(
        markdown_rs, "convert", lambda md_text, emit: real(md_text, lambda t: walked.append(t) or emit(t))
    )
    doc = markdown.parse_markdown(from_text(text, "draft.md"))
    assert walked and sum(1 for _s, _e, kind in doc.masked if kind == "code_span") == 1


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30))
def test_reference_labels_compare_as_markdown_it_compares_them(label):
    from markdown_it.common.utils import normalizeReference

    from copydesk.parsers.mdtokens import normalize_label

    assert normalize_label(label) == normalizeReference(label)


@pytest.mark.parametrize(
    "label", ["  Two\t\nwords ", "STRASSE", "Straße", "ǅ", "\u00a0a\u2028b\u3000", "\x1cx\x1f"]
)
def test_reference_label_examples(label):
    from markdown_it.common.utils import normalizeReference

    from copydesk.parsers.mdtokens import normalize_label

    assert normalize_label(label) == normalizeReference(label)


@needs_rs
def test_a_tag_line_before_a_list_keeps_the_fast_path(monkeypatch):
    """Only a line that opens with '>' (after blanks and list markers) is a blockquote line: a tag's '>'
    before a list leaves the draft on the fast path."""
    text = "<span>Partner with agencies</span>\n- first item\n- second item\n\n> quoted\n"
    answers = _record_answers(monkeypatch)
    slow, fast = _both(monkeypatch, text)
    assert answers[0] is not None
    assert fast == slow
