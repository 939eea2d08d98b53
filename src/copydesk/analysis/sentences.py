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
# A full stop with no space after it, between a word whose last two letters end in lower case (a plural
# acronym too: "APIs.Collecting") and a capitalised word that ends at a space or a comma, or has an
# apostrophe ("... platform.This makes", "... Office.Each week", "... beneficial.You've just"): two
# sentences typed together.
# Domains, file names and identifiers (data.gov, README.md, Node.js, System.Out.println) do not match.
# '.' first, so re scans for it fast.
_GLUED_RE = re.compile(r"\.(?<=[A-Za-z][a-z]\.)(?=[A-Z][a-z]*(?:['’][a-z]+)?[\s,;:])")
_NEXT_START_RE = re.compile(r"\s+[\"'“‘(\[]*([A-Z0-9\u00C0-\u024F]|[^\x00-\x7F])")


#: The longest abbreviation: a longer run of letters before a full stop is none (unless it is dotted).
_ABBREVIATION_MAX = max(map(len, ABBREVIATIONS))


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` closes a known abbreviation or a single initial."""
    start = dot
    # Without a full stop just before the last letter ("e.g", "u.s.a") the run can only be a listed
    # abbreviation without dots or an initial: past the longest one the word is read no further.
    stop = -1 if dot >= 2 and text[dot - 2] == "." else max(-1, dot - _ABBREVIATION_MAX - 2)
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
        if start == stop:
            return False
    token = text[start:dot].lower()
    if not token:
        return False
    if token in ABBREVIATIONS:
        return True
    # Single initials ("J. R. R. Tolkien") and dotted acronyms ("U.S."). A capital at the end of a
    # name with digits ("18F", "4K") is no initial.
    if len(token) == 1 and token.isalpha():
        return text[start].isupper() and not (start > 0 and text[start - 1].isalnum())
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


#: Words that go on a time of day after "a.m."/"p.m." (a day, a date, a time zone: "at 3 p.m. Monday",
#: "9 a.m. Eastern", "noon to 2 p.m. ET"); before any other capitalised word the abbreviation closes the
#: sentence too ("... from 8 a.m. to 1 p.m. Benefits are accepted ...").
TIME_CONTINUATIONS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec today tomorrow tonight
    et est edt ct cst cdt mt mst mdt pt pst pdt akst akdt hst gmt utc bst cet cest eet eest ist jst
    aest aedt nzst nzdt eastern central mountain pacific atlantic alaska hawaii greenwich local
    """.split()
)
_TIME_ABBREVIATION_RE = re.compile(r"(?<![\w.])[ap]\.m$", re.I)
_NEXT_WORD_RE = re.compile(r"\s+[\"'“‘(\[]*([A-Za-z]+)")


def _ends_a_time(text: str, dot: int, end: int) -> bool:
    """ "a.m."/"p.m." before a capitalised word that is no day, date or time zone ends the sentence."""
    if not _TIME_ABBREVIATION_RE.search(text, max(0, dot - 4), dot):
        return False
    word = _NEXT_WORD_RE.match(text, end)
    return word is not None and word.group(1).lower() not in TIME_CONTINUATIONS


#: Dotted place and body names ("U.S.", "D.C.") that end a sentence when the next word is one that opens
#: sentences and never goes on such a name ("... in the U.S. However, we ...").
PLACE_ABBREVIATIONS = frozenset({"u.s", "u.k", "u.n", "u.s.a", "d.c", "n.y", "l.a", "e.u"})
SENTENCE_STARTERS = frozenset(
    """
    however the this that these those there then thus therefore meanwhile also but and so yet still
    we i you he she it they our my your his her its their in on at for from with by as if when while
    after before since although though because once during today now here what why how where who
    """.split()
)
#: Abbreviations that mark a number and come before one ("No. 5", "Fig. 2", "Vol. 3", "pp. 10"): before a
#: word instead they are the word itself ("yes and no. We ...") and end the sentence.
NUMBER_MARKS = frozenset({"no", "nos", "fig", "figs", "vol", "vols", "pp"})


def _abbreviation_before(text: str, dot: int) -> str:
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    return text[start:dot].lower()


def _ends_before_starter(text: str, dot: int, end: int) -> bool:
    """A dotted place name ("U.S.") before a word that opens sentences ends the sentence."""
    if dot < 3 or text[dot - 2] != ".":
        return False
    if _abbreviation_before(text, dot) not in PLACE_ABBREVIATIONS:
        return False
    word = _NEXT_WORD_RE.match(text, end)
    return word is not None and word.group(1)[0].isupper() and word.group(1).lower() in SENTENCE_STARTERS


def _number_mark_without_number(text: str, dot: int, end: int) -> bool:
    """A number mark ("no.", "fig.") followed by a capitalised word, not a number, ends the sentence."""
    if _abbreviation_before(text, dot) not in NUMBER_MARKS:
        return False
    word = _NEXT_WORD_RE.match(text, end)
    # "Vol. II" is a number; a lone "I" is the pronoun ("... yes and no. I think ...")
    return word is not None and _ROMAN_RE.fullmatch(word.group(1)) is None


_ROMAN_RE = re.compile(r"[IVXLCDM]{2,}|[VX]")


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
            and not (
                nxt is not None
                and (
                    _ends_a_list(text, m.start())
                    or _ends_a_time(text, m.start(), end)
                    or _ends_before_starter(text, m.start(), end)
                    or _number_mark_without_number(text, m.start(), end)
                )
            )
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


#: What a word may hold between its first and last letter or digit (``_WORD_RE``): a word is exactly the
#: stretch from the first to the last letter or digit of a maximal run of these characters.
_RUN_CHAR_RE = re.compile(r"[\w'’.-]")
_ALNUM_RE = re.compile(r"[^\W_]")


def _continues_word(text: str, pos: int, end: int) -> bool:
    """Whether a scan for words that starts at ``pos`` would first find the tail of a word that starts
    before ``pos``: ``pos`` lies inside a run of word characters (``_RUN_CHAR_RE``) that holds a letter or
    digit before ``pos`` and another one from ``pos`` on (before ``end``). Sentence bounds usually follow a
    space, so this is one character test; it holds where sentences were typed together ("platform.This")."""
    if pos <= 0 or pos >= end or not _RUN_CHAR_RE.match(text, pos - 1) or not _RUN_CHAR_RE.match(text, pos):
        return False
    q = pos - 1
    while q >= 0 and _RUN_CHAR_RE.match(text, q):
        if _ALNUM_RE.match(text, q):
            break
        q -= 1
    else:
        return False  # no letter or digit before pos in the run: the word starts at or after pos
    if q < 0 or not _ALNUM_RE.match(text, q):
        return False
    q = pos
    while q < end and _RUN_CHAR_RE.match(text, q):
        if _ALNUM_RE.match(text, q):
            return True
        q += 1
    return False


class WordIndex:
    """A text's word spans (``word_spans``), built when first needed and kept compactly.

    Most readers need less than every span: how many words a block has (``len``), the words themselves
    (``spelled``, one flag per word), the words of one sentence (``between``, ``count``). Those are
    answered by a scan of the text or of the sentence (``findall``: no match object per word), and the two
    offset arrays (``starts``, ``ends``; two integer arrays instead of a tuple per word, since on a large
    draft the words of every block stay in memory) are built only when a reader asks for them."""

    __slots__ = ("text", "_starts", "_ends", "_n")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = self._ends = None
        self._n = -1

    def _build(self) -> None:
        from array import array

        text = self.text
        # Matches taken a few thousand at a time and their offsets appended by C-level maps: faster than
        # two appends per word, and a huge block never holds more than one chunk of match objects.
        if len(text) <= 1 << 16:  # a paragraph: its matches at once
            found = list(_WORD_RE.finditer(text))
            starts = array("q", map(_match_start, found))
            ends = array("q", map(_match_end, found))
        else:
            starts = array("q")
            ends = array("q")
            found = _WORD_RE.finditer(text)
            while chunk := list(islice(found, 4096)):
                starts.extend(map(_match_start, chunk))
                ends.extend(map(_match_end, chunk))
        self._starts, self._ends, self._n = starts, ends, len(starts)

    @property
    def starts(self):
        """Start offsets of the words (an integer array)."""
        if self._starts is None:
            self._build()
        return self._starts

    @property
    def ends(self):
        """End offsets of the words (an integer array)."""
        if self._ends is None:
            self._build()
        return self._ends

    def __len__(self) -> int:
        if self._n < 0:
            self._n = len(self._starts) if self._starts is not None else _count_words(self.text)
        return self._n

    def set_count(self, n: int) -> None:
        """Note how many words the text has, counted by the caller another way (its tokens' words)."""
        self._n = n

    def spelled(self) -> list[str]:
        """The words as strings, in order (one scan; not kept)."""
        if self._starts is not None:
            text = self.text
            return list(map(text.__getitem__, map(slice, self._starts, self._ends)))
        words = _WORD_RE.findall(self.text)
        self._n = len(words)
        return words

    def spans(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends, strict=True))

    def count(self, start: int, end: int) -> int:
        """How many words ``between(start, end)`` would list (those that start in ``[start, end)``),
        without listing them."""
        if self._starts is not None:
            i = bisect.bisect_left(self._starts, start)
            return bisect.bisect_left(self._starts, end, i) - i
        text = self.text
        end = min(end, len(text))
        if start >= end:
            return 0
        # A scan of [start, end) finds the same words, except the tail of a word begun before start;
        # a word running past end is cut there but still counted once, as it should be.
        n = len(_WORD_RE.findall(text, start, end))
        return n - 1 if n and _continues_word(text, start, end) else n

    def between(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans of the words that start in ``[start, end)`` (a sentence), each with its whole extent."""
        if self._starts is not None:
            i = bisect.bisect_left(self._starts, start)
            j = bisect.bisect_left(self._starts, end, i)
            return list(zip(self._starts[i:j], self._ends[i:j], strict=True))
        text = self.text
        end = min(end, len(text))
        if start >= end:
            return []
        found = [m.span() for m in _WORD_RE.finditer(text, start, end)]
        if found and _continues_word(text, start, end):
            del found[0]
        if found:  # the last word may run on past end ("platform.This"): its whole extent
            a, b = found[-1]
            if b == end or _RUN_CHAR_RE.match(text, b):
                found[-1] = _WORD_RE.match(text, a).span()
        return found


def _count_words(text: str) -> int:
    """How many words ``_WORD_RE`` finds in ``text`` (a huge text is counted a piece at a time, each piece
    cut at whitespace, so that no list of all its words is held at once)."""
    n = len(text)
    if n <= 1 << 16:
        return len(_WORD_RE.findall(text))
    total = pos = 0
    while pos < n:
        cut = n if pos + (1 << 16) >= n else _next_space(text, pos + (1 << 16))
        total += len(_WORD_RE.findall(text, pos, cut))
        pos = cut
    return total


_SPACE_RE = re.compile(r"\s")


def _next_space(text: str, pos: int) -> int:
    """The first whitespace offset at or after ``pos`` (the text's end when there is none)."""
    m = _SPACE_RE.search(text, pos)
    return m.start() if m else len(text)


def words_between(words, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``words`` (a text's ``word_spans`` in order, or its ``WordIndex``) that lie in
    ``[start, end)``, found by bisection: the same spans as ``word_spans(text, start, end)`` when ``start``
    and ``end`` fall between words (sentence bounds do), without scanning the text again."""
    if isinstance(words, WordIndex):
        return words.between(start, end)
    i = bisect.bisect_left(words, (start, -1))
    j = bisect.bisect_left(words, (end, -1), i)
    return words[i:j]
