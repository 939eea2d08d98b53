"""Round 6 of the style family's speed work skips work, never findings: the passive gate over a whole draft
gives each block the spans a pass over the block alone gives; PassiveVoice's bound on the passive sentences
decides only drafts it cannot change; RE2 units read the text as UTF-8 bytes and report the same offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_rule
from copydesk.analysis import readability, shared
from copydesk.analysis.shared import Analysis
from copydesk.kinds.readability import wilson_lower
from copydesk.parsers import parse
from copydesk.source import from_text

PARAGRAPHS = [
    "It was taken. They're often asked. It isn’t  quickly  approved.",
    "The cat sat on the mat. We walk home.",
    "This is being reviewed, and it was not quickly approved by anyone.",
    "The door was closed İ was taken. It was made.",
    "\u00e7a \u2014 \u201cit was taken\u201d and we\u2019re asked",
    "Nothing here at all",
    "It was",
    "written by someone who was",
    "x_is taken; ibis taken; is, taken; we are all set; we are used to it.",
]


def _gates(text: str) -> list[tuple[str, list | None]]:
    doc = parse(from_text(text, "draft.md"))
    analysis = Analysis(doc)
    analysis.passive_gate(doc.blocks)
    return [(b.text, analysis.block(b)._passive_gate) for b in doc.blocks]


def _alone(block_text: str) -> list[tuple[int, int]]:
    lower = readability._lower_same_length(block_text)
    return [(0, len(block_text))] if lower is None else readability._passive_spans(lower)


def test_passive_gate_over_the_draft_equals_the_gate_per_block():
    found = _gates("\n\n".join(PARAGRAPHS))
    assert len(found) == len(PARAGRAPHS)
    for text, gate in found:
        assert gate == _alone(text), text
    # an auxiliary at the end of one block and a participle at the start of the next make no span
    assert [gate for _t, gate in _gates("It was\n\nwritten down.")] == [[], []]
    assert _gates("It was taken.")[0][1] == [(3, 12)]


def test_passive_gate_leaves_blocks_it_cleared_without_analysis(monkeypatch):
    calls = []
    monkeypatch.setattr(shared, "_passive_voice", lambda: lambda *a, **k: calls.append(a[0]) or [])
    doc = parse(from_text("The cat sat.\n\nIt was taken.\n", "draft.md"))
    analysis = Analysis(doc)
    analysis.passive_gate(doc.blocks)
    assert [analysis.block(b).passive for b in doc.blocks] == [[], []]
    assert calls == ["It was taken."]  # the block with no span was never analysed


_WORDS = st.sampled_from(
    "the of it was were is been being taken moved fired not quickly they’re we're "
    "İ Σ \u212a don't a_b 12 \ud800".split()
)
_GAPS = st.sampled_from([" ", "  ", "\n", ", ", ". ", "\n\n", "\u00a0", "’"])


@st.composite
def _drafts(draw):
    parts = []
    for _ in range(draw(st.integers(1, 20))):
        parts.append(draw(_WORDS))
        parts.append(draw(_GAPS))
    return "".join(parts)


@settings(max_examples=200, deadline=None)
@given(_drafts())
def test_passive_gate_over_generated_drafts(text):
    for block_text, gate in _gates(text):
        if "\ud800" in text:  # a lone surrogate: the gate falls back to everything, never to less
            alone = _alone(block_text)
            assert gate == alone or gate == [(0, len(block_text))]
        else:
            assert gate == _alone(block_text), block_text


PASSIVE = {"extends": "passive_voice", "max_density": 0.25, "min_sentences": 8, "confidence": 0.95}


def _passive_findings(text: str, monkeypatch=None, bound: bool = True):
    if not bound:
        monkeypatch.setattr(
            shared.BlockAnalysis, "passive_sentences_at_most", lambda self: len(self.sentences)
        )
    return [(d.rule, d.line, d.column, d.end_column, d.message) for d in run_rule(PASSIVE, text)]


DRAFTS = [
    "The road was closed. The bridge was inspected. The report was written. The mayor was told. "
    "The plan was changed. The money was found. Work was started. The crew is paid.\n",
    "Crews closed the road. An engineer inspected the bridge. She wrote a report. The mayor read it. "
    "The council changed the plan. The state found money. Work started. The crew was paid.\n",
    "It was taken. We ran. It was made. We sat. It was said. We ate. It was sold. We left. We came.\n",
    "It was closed. The door was open. It is located here. They were tired. We got married. "
    "The files were moved. Was it done? It was.\n",
]


def test_passive_bound_changes_no_finding(monkeypatch):
    with_bound = [_passive_findings(d) for d in DRAFTS]
    with monkeypatch.context() as m:
        without = [_passive_findings(d, m, bound=False) for d in DRAFTS]
    assert with_bound == without
    rule_id, line, column, end_column, message = with_bound[0][0]
    assert (rule_id, line, column, end_column) == ("test.Rule", 1, 10, 20)
    assert message == "100% of sentences are passive (limit 25%), e.g. 'was closed'; say who does what."
    assert with_bound[1] == [] and with_bound[2] == []


def test_passive_bound_skips_the_analysis_of_a_draft_under_the_limit(monkeypatch):
    calls = []
    real = readability._passive_in
    monkeypatch.setattr(readability, "_passive_in", lambda *a: calls.append(a[1]) or real(*a))
    assert _passive_findings(DRAFTS[1]) == []
    assert calls == []  # one sentence of eight can hold a passive: under a quarter without looking


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 400), st.data())
def test_wilson_lower_grows_with_the_hits(n, data):
    hits = data.draw(st.integers(0, n - 1))
    for confidence in (0.0, 0.9, 0.95, 0.99):
        assert wilson_lower(hits, n, confidence) <= wilson_lower(hits + 1, n, confidence)


_UNI = st.lists(
    st.sampled_from([*"ab 1!?.xm\u2014\u2019\u201c\u00e9\u00a0\n", "am", "pm", "12", "   "]), max_size=30
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_UNI)
def test_re2_units_on_utf8_bytes_give_the_str_offsets(text):
    from copydesk.analysis import prose_table

    content = f"\n{text}\n"
    unit = {"engine": "re2", "ci": True, "ml": False}
    utf8 = content.encode("utf-8")
    for pattern in (r"\w!", r"\w*(?:!|\?){2,}", r"\d{1,2} ?[ap]m", r"\. {3}", r"\x{2014}\w", "."):
        as_str = list(prose_table._matches(unit, pattern, content, None))
        assert list(prose_table._matches(unit, pattern, content, None, utf8)) == as_str, pattern


def _blocks_of(text: str):
    return parse(from_text(text, "draft.md")).blocks


@settings(max_examples=300, deadline=None)
@given(_drafts())
def test_repetition_gate_over_the_draft_keeps_every_match(text):
    from copydesk.kinds import repetition

    blocks = _blocks_of(text.replace("\ud800", "\u2019"))
    for max_words in (1, 2, 3):
        got = repetition._blocks_may_repeat(blocks, max_words)
        for block, flags in zip(blocks, got, strict=True):
            # a block the draft-wide gate clears has no match of either pattern
            if not flags[0]:
                assert repetition._REPEAT.search(block.text) is None
            if not flags[1] and max_words > 1:
                assert repetition._REPEAT_PHRASE.search(block.text) is None


def test_repetition_gate_over_the_draft_on_edge_cases():
    from copydesk.kinds import repetition

    text = (
        "We saw the the cat.\n\nno repeat here\n\nof them of them\n\nend with the\n\nthe start\n\n"
        "It’s it’s here; don't don't; rock 'n' roll.\n\n'tis 'tis and dogs' dogs\n\nin the park in the park"
    )
    blocks = _blocks_of(text)
    assert repetition._blocks_may_repeat(blocks, 3) == [
        (True, False),
        (False, False),
        (False, True),
        (False, False),  # "the" ends one block and starts the next: no repeat in either
        (False, False),
        (True, False),
        (True, False),
        (False, True),
    ]
    assert repetition._blocks_may_repeat(blocks, 1)[2] == (False, False)
    # a text with other characters, or a NUL, is judged block by block
    odd = _blocks_of("Ünïcödé ünïcödé words.\n\nthe the\n\nno")
    assert repetition._blocks_may_repeat(odd, 3) == [repetition._may_repeat(b.text, 3) for b in odd]
    assert repetition._blocks_may_repeat([], 3) == []


_QUOTED = st.lists(
    st.sampled_from([*"ab_1 ,.-\n\u00e9\u2014", '"', "'", "\u2018", "\u2019", "\u201c", "\u201d", "it’s"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_QUOTED)
def test_quote_spans_equal_proselints_finder(text):
    import re

    from copydesk.analysis import prose_table

    checker = prose_table.TableChecker()
    marks = re.escape("".join(sorted({*checker._straight, *(c for p in checker._curly_pairs for c in p)})))
    finder = re.compile(rf"(?:\B[{marks}]|[{marks}]\B)")  # proselint's own pattern

    class Reference(prose_table.TableChecker):
        def __init__(self):
            self.__dict__.update(checker.__dict__)
            self._quote_re = finder

        def _quote_spans(self, text):
            # the loop as it was before round 6: every mark the finder matches
            spans, opened = [], None
            for m in finder.finditer(text):
                mark, at = m.group(0), m.start()
                if opened is None:
                    if text[at - 1] in self._separators:
                        opened = (mark, at)
                    continue
                pair = {opened[0], mark}
                matching = (opened[0] in self._straight and opened[0] == mark) or pair in self._curly_pairs
                if matching and at + 1 < len(text) and text[at + 1] in self._separators:
                    spans.append((opened[1], at))
                    opened = None
            return spans

    padded = f"\n{text}\n"
    assert checker._quote_spans(padded) == Reference()._quote_spans(padded)
    assert checker._quote_spans(text) == Reference()._quote_spans(text)
    assert checker._quote_spans('He said "it is done" and left.') == [(8, 19)]
