"""``repetition``: the same word twice in a row ("the the"), across spaces and line breaks; with
``max_words`` above 1, also a run of two or more words printed twice ("of them of them")."""

from __future__ import annotations

import operator
import re
from bisect import bisect_right
from itertools import compress, repeat

from ..analysis.pos import _CLOSED
from ..matching import PatternError, compile_pattern, compile_tokens
from ..rules import Kind, Option
from ._common import KindError, compile_exceptions, finding, quotation_ranges, text_edit

#: Determiners, pronouns, prepositions, conjunctions, modals and auxiliaries: doubled, a slip anywhere.
_FUNCTION_WORDS = frozenset(_CLOSED) | frozenset(
    "is are was were be been being am has have had do does did not and but or nor of".split()
)

_WORD = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
# A word, a gap of spaces with at most one line break, and the same word again (case-insensitively).
# This pattern is the kind's own, not user input, so Python's re (with its back-reference) is safe here.
# The gap is possessive (no backtracking into it), which keeps long runs of spaces linear. The first word
# is atomic too: a shorter piece of it is always followed by a letter or an apostrophe, so the gap after
# it would be empty and fail its look-behind; not retrying those pieces halves the cost.
_REPEAT = re.compile(
    rf"(?<![\w'’])((?>{_WORD}))((?>[ \t]*+\n?+[ \t]*+))(?<=[ \t\n])(\1)(?![\w'’])", re.IGNORECASE
)


# Two or three words, the same gap, and the same words again: a phrase printed twice ("of them of them").
# The words of the phrase are atomic and the gaps between them single runs of spaces or tabs, so each
# start position tries at most two phrase lengths before it moves on; a second word equal to the first
# ends the attempt at once ("the the the" is the one-word repeat).
_REPEAT_PHRASE = re.compile(
    rf"(?<![\w'’])(?P<run>(?P<w1>(?>{_WORD}))[ \t]++(?!(?P=w1)(?![\w'’]))(?>{_WORD})(?:[ \t]++(?>{_WORD}))?)"
    rf"((?>[ \t]*+\n?+[ \t]*+))(?<=[ \t\n])(?P<again>(?P=run))(?![\w'’])",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")


class Repetition(Kind):
    analysis_parts = frozenset()
    name = "repetition"
    default_message = "'%s' is repeated."
    options = {
        "tokens": Option("list", [], "only check these words or regular expressions (default: every word)"),
        "alpha": Option("bool", True, "only letters count as words"),
        "particles": Option(
            "list", [], "words that may be printed twice when the first ends a phrasal verb ('jumping in in')"
        ),
        "phrasal_verbs": Option(
            "list", [], "regular expressions for the word before a doubled particle that make it legitimate"
        ),
        "max_words": Option(
            "int", 1, "longest run of words (1-3) reported when printed twice in a row ('of them of them')"
        ),
        "links": Option(
            "list",
            [],
            "words that join a word to itself ('place to place'): a two-word run ending in one is kept",
        ),
        "intensifiers": Option(
            "list", [], "degree words doubled for emphasis before another word ('a far far better way')"
        ),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        self.only = None
        if self.opts["tokens"]:
            try:
                self.only = compile_tokens(self.opts["tokens"], ignorecase=True)
            except PatternError as exc:
                raise KindError("tokens", str(exc)) from None
        self.exceptions = compile_exceptions(rule)
        self.ignorecase = rule.raw.get("ignorecase", True)
        if not 1 <= self.opts["max_words"] <= 3:
            raise KindError("max_words", "max_words must be 1, 2 or 3")
        self.particles = frozenset(p.lower() for p in self.opts["particles"])
        self.links = frozenset(w.lower() for w in self.opts["links"])
        self.intensifiers = frozenset(w.lower() for w in self.opts["intensifiers"])
        self.phrasal = None
        if self.particles and self.opts["phrasal_verbs"]:
            body = "|".join(f"(?:{p})" for p in self.opts["phrasal_verbs"])
            try:
                self.phrasal = compile_pattern(f"^(?:{body})$", ignorecase=True)
            except PatternError as exc:
                raise KindError("phrasal_verbs", str(exc)) from None

    def check(self, doc, ctx):
        out = []
        # The engine keeps at most twice its per-rule cap of findings and only counts the rest: those need
        # no fix edit (mapping the edit to source offsets is most of the cost on a line of one repeated word).
        cap = getattr(getattr(ctx, "config", None), "max_findings", 0) or 0
        fix_budget = 2 * cap if cap else None
        max_words = self.opts["max_words"] if self.only is None else 1
        blocks = self.blocks(doc)
        for block, (word_twice, run_twice) in zip(blocks, _blocks_may_repeat(blocks, max_words), strict=True):
            if not (word_twice or run_twice):
                continue
            text = block.text
            pos = 0
            quotes = None  # the block's direct quotations, found at its first candidate that needs them
            while word_twice:
                m = _REPEAT.search(text, pos)
                if m is None:
                    break
                a, b = m.group(1), m.group(3)
                # Continue from the second word so "the the the" reports two pairs.
                pos = m.start(3)
                if not self.ignorecase and a != b:
                    continue
                if self.only is not None and not self.only.search(a):
                    continue
                if self.exceptions is not None and self.exceptions.search(f"{a} {b}".lower()):
                    continue
                if self._phrasal_double(text, m.start(1), a):
                    continue
                if a.lower() in self.intensifiers and _NEXT_WORD.match(text, m.end(3)):
                    continue  # "a far far better way", "very very old": emphasis before the word it grades
                if _glosses_quoted(text, m.start(1), a):
                    continue  # '"PIN number" (personal identification number number)': a mention spelled out
                if _may_be_spoken_emphasis(a):
                    if quotes is None:
                        quotes = _quotations(text)
                    if _inside(quotes, m.start(1)):
                        continue  # '"it would be a big big problem," she said': the speaker's own emphasis
                if _marked_apart(block, doc, (m.span(1), m.span(3))):
                    continue  # "_and_ or _or_": a word mentioned as a word, set off by markup
                if _starts_name(text, m.end(3)):
                    continue  # "the Project Open Data data.json file": the second copy starts a file name
                if "\n" in m.group(2) and _masthead_break(doc, block, text, m.end(3)):
                    continue
                # The fix keeps the first word (and its capital) and deletes the gap and the repeat.
                f = finding(block, m.start(1), m.end(3), (b,))
                if fix_budget is None or len(out) < fix_budget:
                    f = f._replace(fix=text_edit(block, doc, m.end(1), m.end(3), ""))
                out.append(f)
            if run_twice:
                self._phrases(block, doc, text, out, fix_budget)
        return out

    def _phrases(self, block, doc, text, out, fix_budget) -> None:
        """Runs of two or three words printed twice in a row ("of them of them", "in the in the")."""
        pos = 0
        while True:
            m = _REPEAT_PHRASE.search(text, pos)
            if m is None:
                return
            run, again = m.span("run"), m.span("again")
            pos = again[0]
            words = _SPACES.split(m.group("run").lower())
            if not self.ignorecase and m.group("run") != m.group("again"):
                continue
            phrase = " ".join(words)
            if not _SPACES.sub(" ", text.lower()).replace(phrase, "").strip(" .,;:!?"):
                continue  # the whole block is the phrase over and over: a placeholder ("list item list item")
            if self.exceptions is not None and self.exceptions.search(f"{phrase} {phrase}"):
                continue
            # "again and again and again", "step by step by step", "organization of organizations of
            # organizations": the run goes on with its own words on either side, a figure of speech.
            before = _PREV_WORD.search(text, 0, run[0])
            if before is not None and _same_word(before.group(1), words[-1]):
                continue
            after = _NEXT_WORD.match(text, again[1])
            if after is not None and _same_word(after.group(1), words[0]):
                continue
            if len(words) == 2 and words[1] in self.links:
                continue  # "from place to place to ...", "time to time to": a word, a link, the word again
            if _starts_name(text, again[1]):
                continue  # the second copy starts a domain name ("at GitHub at github.com")
            src_s, src_e = block.source_span(run[0], again[1])
            if doc.text[src_s:src_e] != text[run[0] : again[1]]:
                continue  # markup between the copies: a mention ("the Lab *the Lab*") or a link's text
            if "\n" in text[run[1] : again[0]] and _masthead_break(doc, block, text, again[1]):
                continue
            f = finding(block, run[0], again[1], (m.group("again"),))
            if fix_budget is None or len(out) < fix_budget:
                f = f._replace(fix=text_edit(block, doc, run[1], again[1], ""))
            out.append(f)

    def _phrasal_double(self, text: str, start: int, word: str) -> bool:
        """'jumping in in the middle', 'logged on on Monday': the first copy ends a phrasal verb, the
        second starts a phrase. Judged by the word before the pair (``phrasal_verbs``)."""
        if self.phrasal is None or word.lower() not in self.particles:
            return False
        before = _PREV_WORD.search(text, 0, start)
        return before is not None and self.phrasal.search(before.group(1)) is not None


_TOKEN = re.compile(_WORD)
#: Letters whose lower case in a word (``str.lower``) differs from the one-character lower case the regex
#: engine compares back-references with: capital I with a dot above, and capital sigma (final form).
_CASE_ODD = re.compile("[\u0130\u03a3]")
#: A character other than ASCII, a no-break space or typographic quotes, dashes and ellipsis.
_NOT_PLAIN = re.compile("[^\x00-\x7f\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026]")
_PLAIN_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)*")


def _may_repeat(text: str, max_words: int) -> tuple[bool, bool]:
    """(whether ``_REPEAT`` can match in ``text``, whether ``_REPEAT_PHRASE`` can), from one C-level pass.

    Both patterns' words are whole ``_WORD`` tokens of the text (each copy starts where no letter or
    apostrophe precedes it, after a gap of spaces, and its words are atomic), consecutive, and equal once
    lower-cased: a word printed twice is token ``i`` equal to token ``i + 1``; a run of ``k`` words printed
    twice is tokens ``i .. i + k - 1`` equal to tokens ``i + k .. i + 2k - 1``. Most blocks have no such
    tokens, and then neither regex (which tries every position) needs to run."""
    if max_words < 2:
        max_words = 0
    if text.isascii() or not _NOT_PLAIN.search(text):
        # ASCII letters only (with typographic punctuation, which is no letter): the same tokens, from the
        # lower-cased text and a cheaper pattern
        if len(text) > _LIST_CHARS:
            return _may_repeat_streamed(map(re.Match.group, _PLAIN_TOKEN.finditer(text.lower())), max_words)
        words = _PLAIN_TOKEN.findall(text.lower())
    elif _CASE_ODD.search(text):
        return True, max_words > 1
    else:
        if len(text) > _LIST_CHARS:
            tokens = map(str.lower, map(re.Match.group, _TOKEN.finditer(text)))
            return _may_repeat_streamed(tokens, max_words)
        words = list(map(str.lower, _TOKEN.findall(text)))
    eq, both = operator.eq, operator.and_
    once = any(map(eq, words[1:], words))
    runs = False
    if max_words >= 2:  # (lazy maps: the first pair found ends the scan)
        runs = any(map(both, map(eq, words[2:], words), map(eq, words[3:], words[1:])))
        if not runs and max_words >= 3:
            pairs = map(both, map(eq, words[3:], words), map(eq, words[4:], words[1:]))
            runs = any(map(both, pairs, map(eq, words[5:], words[2:])))
    return once, runs


#: A text longer than this (characters) has its tokens read one at a time by ``_may_repeat`` instead of
#: listed (a 20 MB line is 3 million tokens: a list of them, and its shifted copies, is hundreds of MB).
_LIST_CHARS = 1 << 20


def _may_repeat_streamed(words, max_words: int) -> tuple[bool, bool]:
    """``_may_repeat``'s two answers from an iterator of the lower-cased tokens, keeping the last five."""
    once = runs = False
    w1 = w2 = w3 = w4 = w5 = None  # the tokens 1, 2, ... before the current one
    for w in words:
        if not once and w == w1:
            once = True
        if max_words >= 2 and not runs:
            if w1 is not None and w == w2 and w1 == w3:
                runs = True  # tokens i, i+1 equal to i+2, i+3
            elif max_words >= 3 and w == w3 and w1 == w4 and w2 == w5 and w5 is not None:
                runs = True  # tokens i..i+2 equal to i+3..i+5
        if once and (runs or max_words < 2):
            break
        w1, w2, w3, w4, w5 = w, w1, w2, w3, w4
    return once, runs


#: Bytes table of the draft-wide gate: ASCII letters lower-cased, the apostrophe and the block separator
#: (``\x00``) kept, every other byte a space.
_GATE_TABLE = bytes(
    b + 32 if 65 <= b <= 90 else b if 97 <= b <= 122 or b in (0, 39) else 32 for b in range(256)
)
_NO = (False, False)


def _blocks_may_repeat(blocks, max_words: int) -> list[tuple[bool, bool]]:
    """:func:`_may_repeat` for each block, from one C-level pass over all of them.

    When the blocks hold only ASCII and the typographic characters ``_may_repeat`` calls plain, their texts
    are joined by a ``\\x00`` token and tokenized as bytes: the curly apostrophe made straight, ASCII
    letters lower-cased, letters and apostrophes kept, every other byte a separator. Each word of a match
    of either pattern is such a token exactly (no letter or apostrophe touches it outside, and inside it
    only letters and apostrophes), the words are consecutive tokens of one block (no ``\\x00`` between
    them), and equal once lower-cased: a repeat is token ``i`` equal to token ``i + k`` for the ``k``
    tokens of a run. Tokens with an apostrophe at an edge or digits as separators only add candidates.
    Otherwise each block is judged on its own."""
    out: list[tuple[bool, bool]] = []
    for group in _groups(blocks, _GATE_CHARS):  # (what one pass builds stays bounded on a long draft)
        out.extend(_group_may_repeat(group, max_words))
    return out


#: Characters of blocks the draft-wide gate reads in one pass.
_GATE_CHARS = 1 << 18


def _groups(blocks, size: int):
    """Consecutive blocks in groups of about ``size`` characters (a block is never split)."""
    group, n = [], 0
    for b in blocks:
        if group and n + len(b.text) > size:
            yield group
            group, n = [], 0
        group.append(b)
        n += len(b.text) + 3
    if group:
        yield group


def _group_may_repeat(blocks, max_words: int) -> list[tuple[bool, bool]]:
    texts = [b.text for b in blocks]
    joined = "\n\x00\n".join(texts)
    if joined.count("\x00") != len(texts) - 1 or not (joined.isascii() or not _NOT_PLAIN.search(joined)):
        return [_may_repeat(text, max_words) for text in texts]  # (a NUL in a text, or other characters)
    raw = joined.replace("\u2019", "'").encode("utf-8", "surrogatepass").translate(_GATE_TABLE)
    words = raw.split()
    n = len(words)
    out = [_NO] * len(texts)
    eq = operator.eq
    cut = b"\x00"
    seps = list(compress(range(n), map(eq, words, repeat(cut))))  # token index of each block separator
    for i in compress(range(n - 1), map(eq, words[1:], words)):
        if words[i] != cut:
            k = bisect_right(seps, i)
            out[k] = (True, out[k][1])
    if max_words >= 2:
        for size in range(2, min(max_words, 3) + 1):
            same = set(compress(range(n - size), map(eq, words[size:], words)))
            for i in same:
                if all(i + j in same for j in range(1, size)) and cut not in words[i : i + size]:
                    k = bisect_right(seps, i)
                    out[k] = (out[k][0], True)
    return out


_MENTION_TAG_BEFORE = re.compile(r"<(?:em|i|b|strong|code|q|var)\b[^<>]*>$", re.IGNORECASE)
_OPENERS = frozenset("_*`'\"\u2018\u201c>")
_CLOSERS = frozenset("_*`'\"\u2019\u201d<")
_QUOTE_PAIRS = frozenset({('"', '"'), ("'", "'"), ("\u201c", "\u201d"), ("\u2018", "\u2019")})


def _marked_apart(block, doc, copies) -> bool:
    """One of the two copies is set off on its own by emphasis, code or quotation marks ("_and_ or _or_",
    "is <em>is</em>"), or the pair is quoted as a phrase ('"done done"'): a mention, not a slip. A copy
    that merely starts a link or a longer emphasis ("the [the Plain Language Community]") is still a
    slip. ``copies``: the two words' text spans."""
    raw = doc.text
    # The pair itself in quotation marks ('what "done done" means'): a phrase mentioned, not a slip.
    ps, pe = block.source_span(copies[0][0], copies[1][1])
    before, after = raw[ps - 1 : ps] if ps else "", raw[pe : pe + 1]
    if (before, after) in _QUOTE_PAIRS:
        return True
    if (
        before not in _OPENERS
        and after not in _CLOSERS
        and raw[ps:pe] == block.text[copies[0][0] : copies[1][1]]
    ):
        return False  # typed plain, with nothing around it (most pairs: one source lookup)
    for s, e in copies:
        ss, se = block.source_span(s, e)
        before, after = raw[ss - 1 : ss] if ss else "", raw[se : se + 1]
        if before and before == after and before in "_*`'\"":
            return True
        if (before, after) in (("\u2018", "\u2019"), ("\u201c", "\u201d")):
            return True
        if (
            before == ">"
            and raw.startswith("</", se)
            and _MENTION_TAG_BEFORE.search(raw, max(0, ss - 40), ss)
        ):
            return True
    return False


def _may_be_spoken_emphasis(word: str) -> bool:
    """A content word doubled inside a direct quotation ('"a big big problem"') is a speaker repeating a
    word for emphasis, which a writer keeps as said (with :func:`_inside` the block's quotations). A
    function word doubled there ("the the", "to to") is still a slip of the keyboard."""
    return len(word) >= 3 and word.lower() not in _FUNCTION_WORDS


def _quotations(text: str) -> list[tuple[int, int]]:
    """A block's direct quotations (none without a straight or opening curly double quote), found once
    per block: looked for at every doubled word, they made a line of one repeated word quadratic."""
    return quotation_ranges(text) if '"' in text or "\u201c" in text else []


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """``pos`` lies strictly inside one of ``spans`` (in order, not overlapping)."""
    k = bisect_right(spans, (pos,)) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1]


def _glosses_quoted(text: str, start: int, word: str) -> bool:
    """The pair sits in parentheses that spell out a quoted term ending in the same word ('"PIN number"
    (personal identification number number)'): a style note showing a redundancy, a mention, not a
    slip. ``start``: where the pair starts in ``text``."""
    paren = text.rfind("(", max(0, start - 120), start)
    if paren < 0 or ")" in text[paren:start]:
        return False
    before = text[max(0, paren - 80) : paren].rstrip()
    if not before or before[-1] not in "\"\u201d'":
        return False
    inner = len(before) - 1
    open_at = max(before.rfind('"', 0, inner), before.rfind("\u201c", 0, inner), before.rfind("'", 0, inner))
    if open_at < 0:
        return False
    quoted = before[open_at + 1 : -1].strip(" ,.").lower().split()
    return bool(quoted) and quoted[-1] == word.lower()


def _masthead_break(doc, block, text: str, end: int) -> bool:
    """A repeat across the line break between two lines of a plain-text draft's masthead: every line of
    the draft's first block up to the second copy is shaped like a headline (a title, then an outlet
    line that starts with the place the title ends on: "... at Saltmarsh Bay" / "Saltmarsh Bay
    Chronicle"). Two lines of a title block, not a slip."""
    if doc.format != "text" or not doc.blocks or doc.blocks[0] is not block:
        return False
    from ..parsers.text import is_headline_line

    line_end = text.find("\n", end)
    lines = text[: len(text) if line_end < 0 else line_end].split("\n")
    return len(lines) >= 2 and all(is_headline_line(ln) for ln in lines)


def _starts_name(text: str, end: int) -> bool:
    """The copy ending at ``end`` runs on, with no space, into a file, domain or path name or an e-mail
    address ("data.json", "search.gov", "docs/", "info@"): a '.', '/' or '@' with a letter or digit after
    it. A name that starts with the word before it is no doubled word ("Open Data data.json Validator")."""
    return end + 1 < len(text) and text[end] in "./@" and text[end + 1].isalnum()


def _same_word(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or a + "s" == b or a == b + "s"


_NEXT_WORD = re.compile(r"[ \t\n]+([^\W\d_]+(?:['’][^\W\d_]+)*)")
_PREV_WORD = re.compile(r"([^\W\d_]+(?:['’][^\W\d_]+)*)[ \t\n]+$")

KINDS = [Repetition]
