"""Sentence and word segmentation with offsets.

Every function here returns spans as ``(start, end)`` offsets into the string it was given, so callers
can map findings back to the source through the document model without searching text again.
"""

from __future__ import annotations

import bisect
import re
from itertools import islice

# Abbreviations that end with a period but rarely end a sentence. Lower-cased, without the final period.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt insp
    inc ltd co corp bros dept univ assn est approx vs etc al cf ca fig figs no nos vol vols pp ed eds
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    e.g i.e u.s u.k u.n a.m p.m d.c u.s.a n.y l.a ph.d
    ave blvd rd hwy
    """.split()
)

_match_start, _match_end = re.Match.start, re.Match.end
_WORD_RE = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
# A sentence ends at ., ! or ? (possibly repeated), followed by closing quotes/brackets, then whitespace.
_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
# A full stop with no space after it, between a lower-case word and a capitalised word that ends at a
# space or a comma, or has an apostrophe ("... platform.This makes", "... Office.Each week", "...
# beneficial.You've just"): two sentences typed together.
# Domains, file names and identifiers (data.gov, README.md, Node.js, System.Out.println) do not match.
# '.' first, so re scans for it fast.
_GLUED_RE = re.compile(r"\.(?<=[a-z][a-z]\.)(?=[A-Z][a-z]*(?:['’][a-z]+)?[\s,;:])")
_NEXT_START_RE = re.compile(r"\s+[\"'“‘(\[]*([A-Z0-9\u00C0-\u024F]|[^\x00-\x7F])")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` closes a known abbreviation or a single initial."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    token = text[start:dot].lower()
    if not token:
        return False
    if token in ABBREVIATIONS:
        return True
    # Single initials ("J. R. R. Tolkien") and dotted acronyms ("U.S.").
    if len(token) == 1 and token.isalpha():
        return text[start].isupper()
    return bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))


_LOWER_NEXT_RE = re.compile(r"[ \t]*\n?[ \t]*[a-z]")
_WORD_BEFORE_RE = re.compile(r"[A-Za-z]{2,}$")


#: Abbreviations that close a list and so usually the sentence: before a capitalised word they end it
#: ("... ease of use, design, etc. Qualitative tests ...").
LIST_END_ABBREVIATIONS = frozenset({"etc"})


def _ends_a_list(text: str, dot: int) -> bool:
    return text[max(0, dot - 3) : dot].lower() in LIST_END_ABBREVIATIONS and (
        dot < 4 or not text[dot - 4].isalpha()
    )


def _lower_start_ends(text: str, dot: int, end: int) -> bool:
    """A full stop followed by a word in lower case still ends the sentence ("... on files. vim and vi
    ...") when it closes an ordinary word of two or more letters (abbreviations are ruled out after)."""
    if not _LOWER_NEXT_RE.match(text, end):
        return False
    return _WORD_BEFORE_RE.search(text, max(0, dot - 40), dot) is not None and (
        dot < 3 or text[dot - 3 : dot] != "..."
    )


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans, whitespace trimmed.

    A blank line (two newlines) always ends a sentence. Periods after known abbreviations, initials and
    dotted acronyms do not end one unless the next word starts a new line. A full stop after an ordinary
    word ends a sentence even when the next one starts in lower case (a command, a product name).
    """
    spans: list[tuple[int, int]] = []
    if "." in text and _GLUED_RE.search(text):
        # Sentences typed together without a space are split there first, each part on its own.
        last = 0
        for m in _GLUED_RE.finditer(text):
            if _is_abbreviation(text, m.start()):
                continue
            spans.extend((a + last, b + last) for a, b in _split(text[last : m.end()]))
            last = m.end()
        spans.extend((a + last, b + last) for a, b in _split(text[last:]))
        return spans
    return _split(text)


def split_line_units(text: str) -> list[tuple[int, int]]:
    """:func:`split_sentences` for a plain-text draft, where a line break can end a unit with no mark:
    a short line with no closing punctuation and no sentence end inside, followed by a line that does
    not start in lower case (a list typed as lines, "Day 1: 19 km", or a heading line over its
    paragraph), is its own unit, and so is a line ending in a colon (it introduces the lines below).
    In a block with no sentence end at all (a masthead: headline, byline, dateline, share line) such a
    line is a unit whatever its length; a line whose full stop is followed by a tag left in the text
    ("July 15.<br>") ends a unit too. Wrapped prose, whose lines are long or run on in lower case, is
    read as before."""
    if "\n" not in text:
        return split_sentences(text)
    # A block with no sentence end at all is no run of prose (a masthead: headline, byline, dateline and
    # share line; an address): each of its lines is a unit, however long.
    any_length = _END_RE.search(text) is None
    spans: list[tuple[int, int]] = []
    last = 0
    pos = 0
    n = len(text)
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            break
        line = text[pos:nl].strip()
        nxt = nl + 1
        first = text[nxt : nxt + 40].lstrip(" \t")[:1]
        if line and first not in ("", "\n") and not first.islower() and _ends_line_unit(line, any_length):
            spans.extend((a + last, b + last) for a, b in split_sentences(text[last:nl]))
            last = nxt
        pos = nxt
    if last < n:
        spans.extend((a + last, b + last) for a, b in split_sentences(text[last:]))
    return spans


#: Longest line (in words) that ends a unit with no punctuation when another line follows it.
LINE_UNIT_MAX_WORDS = 8
_LINE_OPEN_END = ",;-–—([{/&+"


# HTML tags left at the end of a plain-text line ("... on Monday, July 15.<br>").
_TRAILING_TAGS_RE = re.compile(r"(?:</?[A-Za-z][^<>\n]{0,200}>)+$")


def _ends_line_unit(line: str, any_length: bool = False) -> bool:
    if line[-1] == ">" and (m := _TRAILING_TAGS_RE.search(line)) and m.start() > 0:
        # A sentence end hidden by a tag left in the text ends the unit at the line break.
        return line[m.start() - 1] in ".!?…" or _ends_line_unit(line[: m.start()].rstrip(), any_length)
    last = line[-1]
    if last == ":":
        return True
    if last in ".!?…" or last in "\"'”’)]" or last in _LINE_OPEN_END:
        return False  # a sentence end (split as usual) or a line that runs on
    # Short, and not the tail of a wrapped sentence ("... our data. It went well").
    return (any_length or len(line.split()) <= LINE_UNIT_MAX_WORDS) and _END_RE.search(line) is None


def _split(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    pos = 0
    para = -2  # position of the next blank line; -2 = not looked up yet, -1 = none left
    while pos < n:
        m = _END_RE.search(text, pos)
        if para == -2 or (para != -1 and para < pos):
            para = text.find("\n\n", pos)  # looked up again only once passed, keeping this linear
        if para != -1 and (m is None or para < m.start()):
            _push(text, start, para, spans)
            start = pos = para + 2
            continue
        if m is None:
            break
        end = m.end()
        punct = text[m.start()]
        nxt = _NEXT_START_RE.match(text, end)
        if end >= n:
            _push(text, start, end, spans)
            start = pos = end
            continue
        if nxt is None and not (
            punct == "." and m.end() - m.start() == 1 and _lower_start_ends(text, m.start(), end)
        ):
            pos = end
            continue
        if (
            punct == "."
            and m.end() - m.start() == 1
            and _is_abbreviation(text, m.start())
            and not (nxt is not None and _ends_a_list(text, m.start()))
        ):
            pos = end
            continue
        _push(text, start, end, spans)
        start = pos = end
    _push(text, start, n, spans)
    return spans


def _push(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    kept = piece.strip()  # str.strip() removes exactly the characters str.isspace() accepts
    if kept:
        start += len(piece) - len(piece.lstrip())
        spans.append((start, start + len(kept)))


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of words (letters and digits, with inner apostrophes, hyphens and periods)."""
    return [m.span() for m in _WORD_RE.finditer(text, start, len(text) if end is None else end)]


class WordIndex:
    """A text's word spans kept compactly (two integer arrays instead of a tuple per word): on a large draft
    the words of every block stay in memory for all rules, and tuples cost about ten times as much."""

    __slots__ = ("starts", "ends")

    def __init__(self, text: str) -> None:
        from array import array

        # Matches taken a few thousand at a time and their offsets appended by C-level maps: faster than
        # two appends per word, and a huge block never holds more than one chunk of match objects.
        if len(text) <= 1 << 16:  # a paragraph: its matches at once
            found = list(_WORD_RE.finditer(text))
            self.starts = array("q", map(_match_start, found))
            self.ends = array("q", map(_match_end, found))
            return
        self.starts = array("q")
        self.ends = array("q")
        found = _WORD_RE.finditer(text)
        while chunk := list(islice(found, 4096)):
            self.starts.extend(map(_match_start, chunk))
            self.ends.extend(map(_match_end, chunk))

    def __len__(self) -> int:
        return len(self.starts)

    def spans(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends, strict=True))

    def count(self, start: int, end: int) -> int:
        """How many words ``between(start, end)`` would list, without listing them."""
        i = bisect.bisect_left(self.starts, start)
        return bisect.bisect_left(self.starts, end, i) - i

    def between(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end, i)
        return list(zip(self.starts[i:j], self.ends[i:j], strict=True))


def words_between(words, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``words`` (a text's ``word_spans`` in order, or its ``WordIndex``) that lie in
    ``[start, end)``, found by bisection: the same spans as ``word_spans(text, start, end)`` when ``start``
    and ``end`` fall between words (sentence bounds do), without scanning the text again."""
    if isinstance(words, WordIndex):
        return words.between(start, end)
    i = bisect.bisect_left(words, (start, -1))
    j = bisect.bisect_left(words, (end, -1), i)
    return words[i:j]
