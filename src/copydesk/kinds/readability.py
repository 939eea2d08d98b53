"""Readability kinds (textstat's formulas, computed once per text from shared counts)."""

from __future__ import annotations

import functools
import re

from ..diagnostics import Finding
from ..rules import Kind, Option
from ..vocab import AUDIENCES, BODY_SCOPES, SCORE_NAMES, unknown_audience
from ._common import KindError, finding, quotation_ranges

LABELS = {
    "flesch_reading_ease": "Flesch reading ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning fog",
    "smog_index": "SMOG",
    "coleman_liau_index": "Coleman-Liau",
    "automated_readability_index": "ARI",
}


@functools.cache
def _rd():
    """The readability analysis module, imported on first use; the per-block checks call it through this
    (a ``from ... import`` in a function costs about a microsecond each time it runs)."""
    from ..analysis import readability

    return readability


_CLOSING_QUOTES = frozenset('"\u201d\u00bb')


def _quoted_share(text: str, words) -> float:
    """The share of ``text``'s words (its ``WordIndex``) that lie inside double quotation marks."""
    if '"' not in text and "\u201c" not in text and "\u00ab" not in text:
        return 0.0
    total = len(words)
    if not total:
        return 0.0
    n = len(text)
    # A quotation left open runs to the end of the block there; here it counts for nothing (an opening
    # mark closed by the other style, '“stalking"', is no quotation of a source).
    quoted = sum(words.count(a, b) for a, b in quotation_ranges(text) if b < n or text[-1] in _CLOSING_QUOTES)
    return quoted / total


def _anchor_block(blocks):
    """The block a whole-draft finding is placed on: the first with a line of running prose (five words
    or more), not an image, a shortcode or a one-word caption; else the first block."""
    for b in blocks:
        if any(_has_words(line, 5) for line in b.text.split("\n")):
            return b
    return blocks[0]


def _has_words(line: str, n: int = 1) -> bool:
    """Whether ``line`` has ``n`` or more words (whitespace-separated tokens with a letter in them). The
    tokens are read one at a time: a line may be a whole 20 MB draft, and five words are enough."""
    for m in _TOKEN_RE.finditer(line):
        w = m.group()
        if w.isalpha() or any(map(str.isalpha, w)):
            n -= 1
            if n <= 0:
                return True
    return False


_TOKEN_RE = re.compile(r"\S+")


def _first_line_span(block):
    """The block's first line with words on it (an image or a shortcode before it is only a placeholder)."""
    pos = 0
    for line in block.text.split("\n"):
        if _has_words(line):
            lead = len(line) - len(line.lstrip())
            return block.source_span(pos + lead, pos + len(line.rstrip()))
        pos += len(line) + 1
    first = block.text.split("\n", 1)[0]
    return block.source_span(0, len(first.rstrip()) or 1)


class Readability(Kind):
    analysis_parts = frozenset(("counts", "proper_complex", "sentences", "words"))
    name = "readability"
    default_message = "Hard to read for a %s audience: %s. Shorten sentences and prefer shorter words."
    default_scope = BODY_SCOPES
    options = {
        "per": Option(
            "str", "document", "judge the whole draft or each paragraph", choices=("document", "paragraph")
        ),
        "audience": Option("str", "", f"{', '.join(AUDIENCES)} (default: the config's audience)"),
        "thresholds": Option("map", {}, "per-metric limits overriding the audience's"),
        "min_words": Option("int", 100, "judge only texts of at least this many words"),
        "min_failing": Option("int", 2, "report only when at least this many metrics agree"),
        "dense_share": Option(
            "number", 0.0, "share of words of three or more syllables that makes a text jargon-dense (0: off)"
        ),
        "dense_min_words": Option("int", 30, "judge jargon-dense texts from this many words"),
        "dense_min_failing": Option("int", 4, "metrics that must agree on a jargon-dense text"),
        "set_aside_share": Option(
            "number",
            0.0,
            "per document: set aside jargon-dense paragraphs (this share of long words) before judging (0: off)",
        ),
        "outliers_only": Option(
            "bool", False, "per paragraph: report only when the rest of the draft reads within the limits"
        ),
        "rest_min_failing": Option("int", 2, "metrics that must agree to call the rest of the draft hard"),
        "stand_out": Option(
            "number", 0.0, "in a draft hard throughout, still report a paragraph this many grades harder"
        ),
        "min_excess": Option(
            "number",
            0.0,
            "at least one failing grade-scale metric must be past its limit by this many grades (0: off)",
        ),
        "max_quoted_share": Option(
            "number",
            0.0,
            "per paragraph: a paragraph with at least this share of its words inside quotation marks is "
            "the quoted source's wording, which the writer cannot plain-language: not judged (0: off)",
        ),
        "min_pair_excess": Option(
            "number",
            0.0,
            "the two grade-scale metrics furthest past their limits must be more than this many grades past "
            "them together (0: off); one metric past by a grade and another just over is the formulas' noise",
        ),
        "min_families": Option(
            "int",
            1,
            "the failing metrics must come from this many of the three families (syllables: Flesch and "
            "Flesch-Kincaid; long words: fog and SMOG; letters: Coleman-Liau and ARI)",
        ),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        self.thresholds = {}
        for k, v in self.opts["thresholds"].items():
            if k not in SCORE_NAMES:
                raise KindError("thresholds", f"unknown metric {k!r} (known: {', '.join(SCORE_NAMES)})")
            try:
                self.thresholds[k] = float(v)
            except ValueError:
                raise KindError("thresholds", f"threshold for {k} must be a number") from None
        aud = self.opts["audience"]
        if aud and unknown_audience(aud):
            raise KindError("audience", unknown_audience(aud))
        #: Per paragraph, each block is judged on its own (against the draft's total counts when
        #: ``outliers_only``, which ``start`` adds up first).
        self.per_block = self.opts["per"] == "paragraph"

    def _judge(self, counts, audience: str, proper=None):
        """The failing metrics of a text (nothing when too few agree). ``proper`` gives the text's
        capitalised long words (names) on demand, for the jargon-density test."""
        rd = _rd()
        check_audience, metrics = rd.check_audience, rd.metrics
        dense = is_jargon_dense(counts, self.opts["dense_share"], self.opts["dense_min_words"], proper)
        if counts.words < self.opts["min_words"] and not dense:
            return []
        values = metrics(counts)
        values.pop("words", None)  # the word minimum is this rule's own min_words, checked above
        need = self.opts["min_failing"]
        if dense:
            need = min(need, self.opts["dense_min_failing"])
        return self._agree(check_audience(values, audience, self.thresholds, need))

    def _agree(self, bad):
        """``bad`` when its metrics span ``min_families`` families (two metrics that read the same count,
        fog and SMOG both counting words of three or more syllables, are one piece of evidence, not two)
        and one grade-scale metric is ``min_excess`` grades past its limit."""
        if bad and len({FAMILIES.get(name, name) for name, _v, _l in bad}) < self.opts["min_families"]:
            return []
        excess = self.opts["min_excess"]
        if (
            bad
            and excess > 0
            and not any(n != "flesch_reading_ease" and v - lim >= excess for n, v, lim in bad)
        ):
            return []  # every grade within a grade of its limit: inside the formulas' own error
        pair = self.opts["min_pair_excess"]
        if bad and pair > 0:
            over = sorted((v - lim for n, v, lim in bad if n != "flesch_reading_ease"), reverse=True)
            if sum(over[:2]) <= pair:
                return []  # two grades together barely past: the formulas' own error again
        return bad

    def check(self, doc, ctx):
        audience = self.opts["audience"] or ctx.config.audience
        blocks = self.blocks(doc)
        if not blocks:
            return []
        out = []
        if self.opts["per"] == "document":
            judged = self._set_aside(ctx, blocks)
            bad = self._judge(
                ctx.analysis.total_counts(judged),
                audience,
                lambda: sum(ctx.analysis.block(b).proper_complex for b in judged),
            )
            if bad:
                s, e = _first_line_span(_anchor_block(blocks))
                out.append(Finding(s, e, (audience, _describe(bad))))
            return out
        return self.check_blocks(doc, ctx)

    def start(self, doc, ctx):
        audience = self.opts["audience"] or ctx.config.audience
        blocks = self.blocks(doc) if self.opts["outliers_only"] else None
        return audience, ctx.analysis.total_counts(blocks) if blocks else None

    def check_block(self, b, ctx, state):
        audience, total = state
        ba = ctx.analysis.block(b)
        c = ba.counts
        share = self.opts["dense_share"]
        if c.words < self.opts["min_words"] and (
            share <= 0 or c.words < max(self.opts["dense_min_words"], 1) or c.complex_words / c.words < share
        ):
            return ()  # too short to judge, and not jargon-dense: what _judge finds first, without a call
        bad = self._judge(c, audience, lambda ba=ba: ba.proper_complex)
        if (
            bad
            and self.opts["max_quoted_share"] > 0
            and _quoted_share(b.text, ba.words) >= self.opts["max_quoted_share"]
        ):
            return ()  # mostly a quotation (a statute, a speaker): its wording is not the writer's to change
        if bad and total is not None and self._rest_is_hard(total, c, audience):
            return ()  # hard throughout: the draft's own finding (GradeLevel) says so once
        if bad:
            s, e = _first_line_span(b)
            return (Finding(s, e, (audience, _describe(bad))),)
        return ()

    def _set_aside(self, ctx, blocks):
        """The blocks to judge a whole draft on: without its jargon-dense paragraphs (``set_aside_share``
        of long words, at least ``dense_min_words``), which ``ParagraphGrade`` reports on their own,
        unless they make up half the draft or more (then the draft is hard throughout)."""
        share = self.opts["set_aside_share"]
        if share <= 0:
            return blocks
        block_of = ctx.analysis.block
        counts = [block_of(b).counts for b in blocks]
        dense_min = max(self.opts["dense_min_words"], 1)
        dense = [
            c.words >= dense_min
            and c.complex_words / c.words >= share  # (the first tests of is_jargon_dense, without a call)
            and is_jargon_dense(
                c, share, self.opts["dense_min_words"], lambda b=b: block_of(b).proper_complex
            )
            for b, c in zip(blocks, counts, strict=True)
        ]
        total = sum(c.words for c in counts)
        aside = sum(c.words for c, d in zip(counts, dense, strict=True) if d)
        if not aside or aside * 2 >= total:
            return blocks
        return [b for b, d in zip(blocks, dense, strict=True) if not d]

    def _rest_is_hard(self, total, part, audience: str) -> bool:
        """Whether the draft without ``part`` is hard by ``rest_min_failing`` metrics (drafts shorter than
        ``min_words`` words without it are not judged, unless that rest is jargon-dense too in a draft of
        ``min_words`` or more: otherwise ``part`` stands out) and ``part`` is not
        ``stand_out`` Flesch-Kincaid grades harder than that rest (a rest already ``stand_out`` grades past
        the limit leaves nothing to stand out from: the draft's own finding covers every paragraph)."""
        from ..analysis.readability import TextCounts, check_audience, metrics

        rest = TextCounts(*(a - b for a, b in zip(_fields(total), _fields(part), strict=True)))
        if rest.sentences < 1:
            return False
        if rest.words < self.opts["min_words"] and not (
            # a short draft judged as a whole whose other paragraphs are jargon-dense too
            total.words >= self.opts["min_words"]
            and is_jargon_dense(rest, self.opts["dense_share"], self.opts["dense_min_words"])
        ):
            return False
        values = metrics(rest)
        values.pop("words", None)
        if not self._agree(check_audience(values, audience, self.thresholds, self.opts["rest_min_failing"])):
            return False
        margin = self.opts["stand_out"]
        if margin <= 0:
            return True
        from ..analysis.readability import AUDIENCES

        limit = self.thresholds.get("flesch_kincaid_grade", AUDIENCES[audience].get("flesch_kincaid_grade"))
        rest_grade = values["flesch_kincaid_grade"]
        if limit is not None and rest_grade >= limit + margin:
            return True  # the rest is far past the limit itself: the draft's finding says it all
        grade = metrics(part)["flesch_kincaid_grade"]
        return grade < rest_grade + margin


def _fields(c) -> tuple[int, ...]:
    from ..analysis.readability import _astuple

    return _astuple(c)


#: The three families of the six metrics: each family reads the same counts (syllables per word and words
#: per sentence; words of three or more syllables; letters per word).
FAMILIES = {
    "flesch_reading_ease": "syllables",
    "flesch_kincaid_grade": "syllables",
    "gunning_fog": "long words",
    "smog_index": "long words",
    "coleman_liau_index": "letters",
    "automated_readability_index": "letters",
}


def is_jargon_dense(counts, share: float, min_words: int, proper=None) -> bool:
    """A text thick with long words (three or more syllables: the Latinate nouns of officialese,
    "implementation", "reconsideration") even when its sentences are short or it is a short paragraph.
    Names and titles are not jargon (Gunning left proper nouns out of his hard words): ``proper``, when
    given, is called for the count of capitalised long words mid-sentence, which are then not counted."""
    if share <= 0 or counts.words < max(min_words, 1):
        return False
    if counts.complex_words / counts.words < share:
        return False
    if proper is None:
        return True
    return (counts.complex_words - proper()) / counts.words >= share


def _describe(bad) -> str:
    parts = []
    for name, value, limit in bad:
        rel = "below" if name == "flesch_reading_ease" else "above"
        parts.append(f"{LABELS.get(name, name)} {value:.1f} ({rel} {limit:g})")
    return ", ".join(parts)


class SentenceLength(Kind):
    analysis_parts = frozenset(("sentences", "words"))
    name = "sentence_length"
    default_message = "Sentence of %s words (limit %s): split it."
    default_scope = BODY_SCOPES
    options = {"max_words": Option("int", 40, "longest sentence allowed, in words")}
    per_block = True

    def check(self, doc, ctx):
        return self.check_blocks(doc, ctx)

    def start(self, doc, ctx):
        return doc

    def check_block(self, b, ctx, state):
        ba = ctx.analysis.block(b)
        limit = self.opts["max_words"]
        out = []
        for s0, e0, n0 in _rd().long_sentences(b.text, limit, sentences=ba.sentences, words=ba.words):
            parts = _emphasis_breaks(state, b, s0, e0)
            for s, e in parts:
                n = n0 if len(parts) == 1 else ba.words.count(s, e)
                label = _run_in_label(state, b, s)
                if label:
                    n -= len(ba.words_in(s, label))
                if n > limit:
                    out.append(finding(b, s, e, (n, limit)))
        return out


#: Emphasis closing at the end of a source line, and emphasis opening at the start of one (after a
#: container prefix: indentation, '>' or a list marker).
_EMPH_END_RE = re.compile(r"(?:\*{1,3}|_{1,3}|</(?:em|strong|b|i|cite)>)[ \t]*$", re.IGNORECASE)
_EMPH_START_RE = re.compile(
    r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:(?:\*{1,3}|_{1,3})(?=\S)|<(?:em|strong|b|i|cite)\b[^<>]*>)",
    re.IGNORECASE,
)


def _emphasis_breaks(doc, b, s: int, e: int) -> list[tuple[int, int]]:
    """The sentence ``[s, e)`` of ``b.text`` cut at each line break that ends an emphasised line typed
    with no full stop: the source line ends with emphasis closing and it, or the next line, opens with
    emphasis (a name in bold over its bio, "**NELSON A. COLON**" / "At the VA, ..."; an italic byline
    over an italic series note). Such a line is a unit of its own, not words of the next sentence.
    Without such a break, ``[(s, e)]``."""
    text = b.text
    nl = text.find("\n", s, e)
    if nl < 0:
        return [(s, e)]
    source = doc.text
    parts = []
    start = s
    while nl >= 0:
        before = text[start:nl].rstrip()
        if before and before[-1] not in ".!?:;,":
            src = b.source_offset(nl - 1)
            line_start = source.rfind("\n", 0, src) + 1
            line_end = source.find("\n", src)
            if line_end >= 0 and _EMPH_END_RE.search(source, line_start, line_end):
                next_end = source.find("\n", line_end + 1)
                if _EMPH_START_RE.match(source, line_start, line_end) or _EMPH_START_RE.match(
                    source, line_end + 1, len(source) if next_end < 0 else next_end
                ):
                    parts.append((start, start + len(before)))
                    start = nl + 1
                    while start < e and text[start].isspace():
                        start += 1
        nl = text.find("\n", nl + 1, e)
    parts.append((start, e))
    return parts


#: A short label ending in a colon at the start of a sentence ("Program: EDX developed ...", "NF: We").
_LABEL_RE = re.compile(r"[^\s.!?:][^.!?:\n]{0,60}?(?=:\s+\S)")
#: Bold or strong markup that opens right before a label (its end: "**", "__", "<strong>", "<b ...>").
_BOLD_BEFORE_RE = re.compile(r"(?:\*\*|__|<(?:strong|b)(?:\s[^<>]*)?>)$", re.IGNORECASE)
#: Bold or strong markup that closes right before the label's colon, or right after it.
_BOLD_AT_COLON_RE = re.compile(r"(?:\*\*|__|</(?:strong|b)>)$", re.IGNORECASE)
_BOLD_AFTER_COLON_RE = re.compile(r"(?:\*\*|__|</(?:strong|b)>)", re.IGNORECASE)


def _run_in_label(doc, b, s: int) -> int:
    """Where the run-in label at the start of the sentence at ``s`` ends (its colon), or 0: a short
    phrase set in bold before a colon (a list item's "**Program**: EDX developed ...", a speaker's
    "**NF:** We face ..."), which is a heading run into the paragraph, not words of its sentence."""
    m = _LABEL_RE.match(b.text, s)
    if m is None or len(m.group().split()) > 6:
        return 0
    source = doc.text
    start = b.source_offset(s)
    if not _BOLD_BEFORE_RE.search(source, max(0, start - 40), start):
        return 0
    colon = b.source_offset(m.end())
    if source[colon : colon + 1] != ":":
        return 0
    if _BOLD_AT_COLON_RE.search(source, max(0, colon - 10), colon) or _BOLD_AFTER_COLON_RE.match(
        source, colon + 1
    ):
        return m.end()
    return 0


class ParagraphLength(Kind):
    analysis_parts = frozenset(("sentences", "words"))
    name = "paragraph_length"
    default_message = "Dense paragraph: %s sentences and %s words (limits %s and %s); break it up."
    default_scope = ("paragraph", "blockquote")
    options = {
        "max_sentences": Option("int", 8, "most sentences in one paragraph"),
        "max_words": Option("int", 200, "most words in one paragraph"),
    }
    per_block = True

    def check(self, doc, ctx):
        return self.check_blocks(doc, ctx)

    def check_block(self, b, ctx, state):
        ba = ctx.analysis.block(b)
        n_sent = len(ba.sentences)
        if ba.line_units and n_sent > self.opts["max_sentences"]:
            # Lines of a plain-text list are units for sentence length, not sentences that make a
            # paragraph dense: count the sentences the punctuation ends.
            from ..analysis.sentences import split_sentences

            n_sent = len(split_sentences(b.text))
        n_words = len(ba.words)
        if n_sent > self.opts["max_sentences"] or n_words > self.opts["max_words"]:
            s, e = _first_line_span(b)
            return (Finding(s, e, (n_sent, n_words, self.opts["max_sentences"], self.opts["max_words"])),)
        return ()


class PassiveVoice(Kind):
    analysis_parts = frozenset(("passive", "sentences", "words"))
    name = "passive_voice"
    default_message = "%s%% of sentences are passive (limit %s%%), e.g. '%s'; say who does what."
    default_scope = BODY_SCOPES
    options = {
        "max_density": Option("number", 0.25, "largest share of passive sentences in the draft"),
        "min_sentences": Option("int", 8, "judge only drafts with at least this many sentences"),
        "confidence": Option(
            "number",
            0.0,
            "report only when the share is over the limit beyond chance at this one-sided confidence "
            "(Wilson lower bound; 0: the plain share)",
        ),
    }

    def check(self, doc, ctx):
        blocks = self.blocks(doc)
        analysis = ctx.analysis
        # A draft too short to judge needs no passive candidates.
        total = sum(len(analysis.block(b).sentences) for b in blocks)
        if total < self.opts["min_sentences"]:
            return []
        # At most the sentences the passive gate leaves (one pass over all blocks) can be passive: when
        # even they are not too many, the draft passes without the word-by-word analysis.
        analysis.passive_gate(blocks)
        at_most = sum(analysis.block(b).passive_sentences_at_most() for b in blocks)
        if at_most / total <= self.opts["max_density"]:
            return []
        # (with a margin below the limit, so that the bound never passes on a rounding difference)
        if wilson_lower(at_most, total, self.opts["confidence"]) < self.opts["max_density"] - 1e-9:
            return []
        total = passive = 0
        first = None
        for b in blocks:
            ba = analysis.block(b)
            hits = ba.passive
            if not hits:
                total += len(ba.sentences)
                continue
            for s, e in ba.sentences:
                total += 1
                inside = [h for h in hits if s <= h[0] < e]
                if inside:
                    passive += 1
                    if first is None:
                        first = (b, *inside[0])
        if total < self.opts["min_sentences"] or first is None:
            return []
        density = passive / total
        if density <= self.opts["max_density"]:
            return []
        if wilson_lower(passive, total, self.opts["confidence"]) <= self.opts["max_density"]:
            return []  # a few sentences more or less would bring it under the limit: not evidence
        b, s, e = first
        return [
            finding(
                b, s, e, (int(round(density * 100)), int(round(self.opts["max_density"] * 100)), b.text[s:e])
            )
        ]


def wilson_lower(hits: int, n: int, confidence: float) -> float:
    """Lower bound of the Wilson score interval for a share of ``hits`` in ``n`` at a one-sided
    ``confidence`` (0 or less: the share itself). On 12 sentences, 4 passive (33%) is well within chance
    of a quarter; on 100 sentences, 33 is not."""
    if n <= 0:
        return 0.0
    p = hits / n
    if confidence <= 0:
        return p
    from statistics import NormalDist

    z = NormalDist().inv_cdf(min(confidence, 0.999999))
    z2 = z * z
    centre = p + z2 / (2 * n)
    spread = z * ((p * (1 - p) + z2 / (4 * n)) / n) ** 0.5
    return (centre - spread) / (1 + z2 / n)


class PolysyllableRun(Kind):
    analysis_parts = frozenset(("counts", "proper_complex", "sentences", "words"))  # counts: dense_share
    name = "polysyllable_run"
    default_message = "Run of long words: '%s'; use plainer words."
    default_scope = BODY_SCOPES
    options = {
        "min_syllables": Option("int", 4, "syllables that make a word long"),
        "min_run": Option("int", 3, "long words in a row that make a run"),
        "dense_share": Option(
            "number",
            0.0,
            "leave out paragraphs this thick with words of three or more syllables (0: off); the "
            "paragraph as a whole is the problem there",
        ),
        "dense_min_words": Option("int", 30, "judge density from this many words"),
        "acronym_terms": Option(
            "bool",
            False,
            "a run whose words' initials spell an acronym (or part of one) that the draft gives right after "
            "those words is a named term ('personally identifiable information (PII)'), not jargon",
        ),
    }

    per_block = True

    def check(self, doc, ctx):
        return self.check_blocks(doc, ctx)

    def start(self, doc, ctx):
        if not self.opts["acronym_terms"]:
            return None
        # The text just before each acronym (a bounded number of them), where a term given with its
        # acronym is written out: "personally identifiable information (PII)".
        text = doc.text
        windows: dict[str, list[str]] = {}
        kept = 0
        for m in _ACRONYM_RE.finditer(text):
            found = windows.setdefault(m.group(1), [])
            if len(found) < _WINDOWS_PER_ACRONYM:
                found.append(_SEPARATORS_RE.sub(" ", text[max(0, m.start() - 80) : m.start()].lower()))
                kept += 1
                if kept >= _WINDOWS_MAX:
                    break
        return (windows, {}) if windows else None

    def check_block(self, b, ctx, state):
        share, min_words = self.opts["dense_share"], self.opts["dense_min_words"]
        ba = ctx.analysis.block(b)
        if share > 0:
            c = ba.counts
            if (
                c.words >= max(min_words, 1)
                and c.complex_words / c.words >= share  # (is_jargon_dense's first tests, without a call)
                and is_jargon_dense(c, share, min_words, lambda ba=ba: ba.proper_complex)
            ):
                return ()  # a jargon-dense paragraph: reported whole (ParagraphGrade, GradeLevel), not run by run
        runs = _rd().polysyllable_runs(
            b.text,
            self.opts["min_syllables"],
            self.opts["min_run"],
            sentences=lambda ba=ba: ba.sentences,  # split only for a stretch of long words
            words=ba.words,
        )
        out = []
        for s, e in runs:
            if state and _names_an_acronym(b.text[s:e], *state):
                continue  # "Personally identifiable information (PII)": a term the draft names
            out.append(finding(b, s, e, (b.text[s:e],)))
        return out


#: An acronym in the draft: two to eight capitals, a plural 's' aside ("PII", "FISMA", "APIs").
_ACRONYM_RE = re.compile(r"\b([A-Z]{2,8})s?\b")


_SEPARATORS_RE = re.compile(r"[\s\-–]+")
#: How many places before one acronym, and before all of them, are kept per draft (bounded work).
_WINDOWS_PER_ACRONYM = 20
_WINDOWS_MAX = 2000
#: Distinct runs looked up per draft.
_LOOKUPS_MAX = 500


def _names_an_acronym(run: str, windows: dict, memo: dict) -> bool:
    """The initials of ``run``'s words (a hyphen starts a word too) spell an acronym of the draft, or a
    stretch of one ("Information Security Modernization" in FISMA), and the draft writes the words out
    just before that acronym somewhere ("personally identifiable information (PII)", "... information,
    known as PII"): the run names a term. ``windows``: the text before each acronym; ``memo`` keeps the
    answer per run."""
    words = [w for w in _SEPARATORS_RE.split(run) if w]
    key = " ".join(words).lower()
    hit = memo.get(key)
    if hit is None:
        if len(memo) >= _LOOKUPS_MAX:
            return False  # (bounded work on a huge draft: the rest are reported as runs)
        initials = "".join(w[0] for w in words if w[0].isalpha()).upper()
        hit = len(initials) >= 2 and any(
            initials in acronym and any(key in w for w in found) for acronym, found in windows.items()
        )
        memo[key] = hit
    return hit


KINDS = [Readability, SentenceLength, ParagraphLength, PassiveVoice, PolysyllableRun]
