"""Issue 9, round 7 (per-file CPU): each cheaper form gives exactly what the form it replaced gave.

The reference implementations below are the replaced code, kept here as the specification."""

from __future__ import annotations

import random
import re

import pytest

from copydesk.analysis import markup

# The pattern markup._SINGLE_OPEN_RE replaced (look-behinds first: sre tried them at every character).
_SINGLE_OPEN_REFERENCE = re.compile(
    r"(?:(?<=^)|(?<=[\s\[\"'“‘—–]))(?<![\\*])\*(?=[A-Za-z0-9\"'“‘])|(?:(?<=^)|(?<=\n))_(?=[A-Za-z])"
)
_PIECES = [
    "*",
    "_",
    "**",
    "\\",
    "\n",
    " ",
    "\t",
    "[",
    '"',
    "'",
    "“",
    "‘",
    "—",
    "–",
    "a",
    "Z",
    "9",
    ".",
    "x*",
    "(",
    "é",
]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 24))) for _ in range(n)]


@pytest.mark.parametrize(
    "text",
    [
        "*a",
        "x*a",
        "\n_a",
        "_a",
        " *9",
        "\\*a",
        "**a",
        "[*a",
        "—*a",
        "a_b",
        "\n*a",
        "\\ *a",
        '"*a',
        "\t*b",
        "*",
    ],
)
def test_single_open_marks_the_same_places_as_before(text):
    assert [m.span() for m in markup._SINGLE_OPEN_RE.finditer(text)] == [
        m.span() for m in _SINGLE_OPEN_REFERENCE.finditer(text)
    ]


def test_single_open_marks_the_same_places_on_random_text():
    for text in _random_texts(3000, 7):
        got = [m.span() for m in markup._SINGLE_OPEN_RE.finditer(text)]
        assert got == [m.span() for m in _SINGLE_OPEN_REFERENCE.finditer(text)], text


def test_unclosed_single_star_still_reported():
    problems = markup.check_markdown("Intro line\n\nThe *quick brown fox jumps.\n", [], None, None, None)
    found = [(p.start, p.code) for p in problems]
    assert (16, "unclosed-emphasis") in found


def test_compound_spelled_apart_and_closed_is_a_pair():
    from copydesk import lint_text

    text = "# Notes\n\nOur workspace is new.\n\nThe work space opens at nine. Each workspace has a desk.\n"
    found = [(d.rule, d.line, d.column) for d in lint_text(text, path="draft.md")]
    assert ("hygiene.Spellings", 5, 5) in found


def test_line_starts_same_as_a_search_for_line_breaks():
    from array import array

    from copydesk.source import _LINE_BREAK, _line_starts

    rng = random.Random(11)
    texts = ["", "a", "\n", "a\n", "\n\n", "a\nb", "a\r\nb\rc\n", "\r", "\r\n\r\n"]
    texts += [
        "".join(rng.choice(["ab", "\n", "\r", "\r\n", " "]) for _ in range(rng.randint(0, 14)))
        for _ in range(5000)
    ]
    for text in texts:
        expected = array("q", [0])
        expected.extend(m.end() for m in _LINE_BREAK.finditer(text))
        assert _line_starts(text) == expected, repr(text)


def test_positions_count_lines_after_each_break():
    from copydesk.source import Source

    src = Source("x.md", "one\ntwo\r\nthree\rfour", "markdown")
    assert [src.position(o) for o in (0, 4, 9, 15, 19)] == [(1, 1), (2, 1), (3, 1), (4, 1), (4, 5)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Mail **bob__x@example.com and more", [(12, "unclosed-emphasis")]),  # the e-mail's '__' is blanked
        ("Mail bob__x@example.com and __y__ ok", []),
        ("Go to https://x.com/a__b and __stop", [(36, "unclosed-emphasis")]),
        ("See <b>**</b> then", [(14, "unclosed-emphasis")]),
    ],
)
def test_emphasis_check_blanks_addresses_urls_and_tags(line, expected):
    problems = markup.check_markdown("Intro\n\n" + line + "\n", [], None, None, None)
    assert [(p.start, p.code) for p in problems] == expected
