"""proselint's checks as copydesk runs them (the table of checks, copydesk.analysis.prose_table, with the
engines of copydesk.analysis.style) give proselint's own findings, as its API (LintFile) reports them."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.analysis.prose_table import TableChecker
from copydesk.analysis.style import CheckInfo, StyleHit, list_checks, relax_pattern


@pytest.fixture(scope="module")
def checker() -> TableChecker:
    return TableChecker()


@pytest.fixture(scope="module")
def proselint_spans():
    """proselint's own findings for a text, as sorted (start, end, check id), computed via its API."""
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(__register__)
    config = dict(DEFAULT)
    config["max_errors"] = 10**6

    def spans(text: str) -> list[tuple[int, int, str]]:
        # proselint lints "\n" + text + "\n"; shift back by one
        found = {
            (r.check_result.span[0] - 1, r.check_result.span[1] - 1, r.check_result.check_path)
            for r in LintFile("<test>", text).lint(config)
        }
        return sorted(found)

    return spans


# (sentence, a check id it must trigger). Each pair exercises a different kind of proselint check.
SENTENCES = [
    ("Wait for it... the bus came late.", "typography.symbols.ellipsis"),  # ExistenceSimple, RE2
    ("Our new office is very bright.", "weasel_words.very"),  # Python-regex pattern with look-ahead
    ("She packed a a spare umbrella.", "lexical_illusions"),  # back-reference pattern
    ("But the committee voted again.\n\nAnd then it rained.", "misc.but"),  # function check
    ('The memo called it "a minor delay" twice.', "typography.symbols.curly_quotes"),  # allowed in quotes
    ("The train leaves at 7 pm daily.", "dates_times.am_pm.lowercase_periods"),  # case-sensitive RE2
    ("Their offer was the most perfect we saw.", "uncomparables"),  # function with a Python-regex engine
    ("He jumped off of the ladder.", "misc.preferred_forms"),  # strict word padding (look-arounds)
    ("The labour bill changed labor law, and labor unions cheered.", "spelling.consistency"),  # pairs
    ("What a finish!!!", "typography.punctuation.hyperbole"),
    ("Please enter your PIN number below.", "redundancy.ras_syndrome"),  # preferred forms from a set
    ("Fixing the typo was low-hanging fruit for us.", "industrial_language.corporate_speak"),  # Existence
    ("A widely-read column ran today.", "misc.phrasal_adjectives.ly"),  # check with a start offset
    ("He waxed poetically about his garden.", "misc.waxed"),  # function check
    ("A bunch of crows gathered on the fence.", "terms.venery"),  # function check
    ("Call me on tuesday about it.", "misc.capitalization.days"),  # case-sensitive preferred forms
    ("Fashion in the 1970's was loud.", "dates_times.dates.decade_apostrophes"),  # two overlapping hits
    ("Stop.  Look. Listen. Go.", "typography.punctuation.spacing"),  # consistency of two regexes
]


@pytest.mark.parametrize(("text", "expected_check"), SENTENCES)
def test_hits_equal_proselint(checker, proselint_spans, text, expected_check):
    ours = [(h.start, h.end, h.check_id) for h in checker.check(text)]
    theirs = proselint_spans(text)
    assert expected_check in {c for _, _, c in theirs}, "the sample no longer triggers the check"
    assert ours == theirs


def test_exact_offsets_and_fields(checker):
    text = "Our new office is very bright."
    hits = checker.check(text)
    assert len(hits) == 1
    hit = hits[0]
    assert isinstance(hit, StyleHit)
    assert (hit.start, hit.end, hit.check_id) == (18, 22, "weasel_words.very")
    assert text[hit.start : hit.end] == "very"
    assert hit.replacement is None

    (hit,) = checker.check("Please enter your PIN number below.")
    assert (hit.start, hit.end, hit.check_id, hit.replacement) == (18, 28, "redundancy.ras_syndrome", "PIN")


def test_findings_inside_quotations_are_dropped(checker, proselint_spans):
    text = 'Her note said "the soup is very hot" and nothing else.'
    ours = [(h.start, h.end, h.check_id) for h in checker.check(text)]
    assert ours == proselint_spans(text)
    assert "weasel_words.very" not in {c for _, _, c in ours}


def test_object_replacement_character_is_a_non_word(checker, proselint_spans):
    text = "Run \ufffc to very quickly finish the the job. Read the \ufffc the next day."
    ours = [(h.start, h.end, h.check_id) for h in checker.check(text)]
    assert ours == proselint_spans(text)
    # a masked span between two equal words does not make a repetition
    assert ours == [(9, 13, "weasel_words.very"), (29, 36, "lexical_illusions")]


def test_empty_and_clean_text(checker):
    assert checker.check("") == []
    assert checker.check_blocks([]) == []
    assert checker.check("The committee met on Monday and approved the budget.") == []


def test_hits_sorted_and_unique(checker):
    text = "Fashion in the 1970's was loud. It was very, very loud... Truly!!!"
    hits = checker.check(text)
    assert hits == sorted(set(hits))
    assert [(h.start, h.end) for h in hits if h.check_id == "dates_times.dates.decade_apostrophes"] == [
        (15, 21),
        (17, 21),
    ]


def test_enable_by_prefix(proselint_spans):
    text = "Wait for it... the bus came at 7 pm. Our office is very bright."
    only_typo = TableChecker(enabled={"typography"})
    hits = only_typo.check(text)
    assert [(h.start, h.end, h.check_id) for h in hits] == [(11, 14, "typography.symbols.ellipsis")]
    assert all(c.startswith("typography.") for c in only_typo.check_ids)


def test_disable_one_check():
    text = "Wait for it... our office is very bright."
    ids = {h.check_id for h in TableChecker(disabled={"weasel_words.very"}).check(text)}
    assert ids == {"typography.symbols.ellipsis"}
    ids = {h.check_id for h in TableChecker(disabled={"weasel_words", "typography.symbols"}).check(text)}
    assert ids == set()
    # disabled wins over enabled
    assert TableChecker(enabled={"typography"}, disabled={"typography"}).check(text) == []


def test_restricted_vocabulary_only_when_enabled():
    text = "The octopus pondered."
    assert TableChecker().check(text) == []
    assert "restricted.top1000" not in TableChecker().check_ids
    hits = TableChecker(enabled={"restricted.top1000"}).check(text)
    assert {h.check_id for h in hits} == {"restricted.top1000"}
    assert len(hits) == 2  # "octopus" and "pondered"


def test_unknown_check_id_rejected():
    with pytest.raises(ValueError, match="typograpy"):
        TableChecker(enabled={"typograpy"})
    with pytest.raises(ValueError):
        TableChecker(disabled={"weasel_words.vary"})


def test_list_checks():
    infos = list_checks()
    assert all(isinstance(i, CheckInfo) for i in infos)
    by_id = {i.check_id: i for i in infos}
    assert len(by_id) == len(infos)
    assert "typography.symbols.curly_quotes" in by_id
    assert by_id["lexical_illusions"].kind == "python-regex"
    assert by_id["weasel_words.very"].kind == "prefiltered"
    assert by_id["misc.but"].kind == "function"
    assert by_id["spelling.consistency"].kind == "consistency"
    assert by_id["typography.symbols.ellipsis"].kind == "pattern"
    assert by_id["restricted.top1000"].kind == "word-list"


def test_check_blocks_maps_offsets_per_block(checker):
    blocks = ["But the vote was close.", "Our office is very bright.", "Nothing here."]
    out = checker.check_blocks(blocks)
    assert [[(h.start, h.end, h.check_id) for h in hits] for hits in out] == [
        [(0, 3, "misc.but")],
        [(14, 18, "weasel_words.very")],
        [],
    ]


def test_check_blocks_consistency_is_document_wide(checker):
    # one "colour" against two "color": the minority spelling is flagged in its own block
    blocks = ["The colour faded.", "The color held.", "That color again."]
    out = checker.check_blocks(blocks)
    assert [[(h.start, h.end, h.check_id) for h in hits] for hits in out] == [
        [(4, 10, "spelling.consistency")],
        [],
        [],
    ]


def test_pickle_round_trip():
    sc = TableChecker(enabled={"typography", "weasel_words"}, disabled={"typography.symbols.curly_quotes"})
    clone = pickle.loads(pickle.dumps(sc))
    text = 'Wait for it... "a very odd day" and a very calm night.'
    assert clone.check(text) == sc.check(text)
    assert clone.check_ids == sc.check_ids


# --- the RE2 pre-filter: RE2 candidates confirmed by Python re give exactly Python's finditer --------------


def _fancy_patterns() -> list[tuple[str, bool]]:
    from proselint.checks import __register__
    from proselint.registry.checks.engine import Fancy, FancySet

    out = []
    for check in __register__:
        if isinstance(check.engine, Fancy):
            ct = check.check_type
            if hasattr(ct, "pattern"):
                out.append((ct.pattern, check.engine.opts.case_insensitive))
            elif hasattr(ct, "items"):
                joined = FancySet._construct_set(ct.padding, tuple(ct.items))
                out.append((joined, check.engine.opts.case_insensitive))
    out.append((r"(?<!at\s)\bmost\s+(?:unique|perfect|complete)\b", True))
    out.append((r"(?<![A-Za-z'-])(?:ne|off of|as follow)(?![A-Za-z'-])", True))
    out.append((r"(?<=\d)x(?=\s)", False))
    return out


FANCY = _fancy_patterns()
# words and characters where the engines differ: Unicode letters and spaces, case-folding oddities (K, ſ, ı)
_TOKENS = "a a the The off of very well ne né most unique at As follow x 2 19 kİ ı ſ K é ' - _ , . \ufffc"
_ALPHABET = st.sampled_from([*_TOKENS.split(" "), " ", " ", "  ", "\n", "\u00a0"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_prefiltered_engine_equals_python_re(text):
    from proselint.registry.checks.engine import RegexOptions

    from copydesk.analysis.style import _make_prefiltered_engine_class

    for pattern, ci in FANCY:
        engine = _make_prefiltered_engine_class()(RegexOptions(case_insensitive=ci))
        compiled = engine.compiled_pattern(pattern)
        padded = text + " " * 70  # long enough to take the pre-filtered path
        expected = [m.span() for m in re.compile(pattern, re.I if ci else 0).finditer(padded)]
        assert [m.span() for m in compiled.finditer(padded)] == expected, pattern


def test_relax_pattern_shapes():
    assert relax_pattern(r"\bvery(?! well)\b") == r"\bvery\b"
    assert relax_pattern(r"(a)\1") is None  # back-references have no RE2 relaxation
    assert relax_pattern(r"x?") is None  # may match empty
    # \b next to a letter that Python's IGNORECASE maps to non-ASCII (K, ſ, ı) is dropped, not kept
    assert relax_pattern(r"\bkudos\b", ignorecase=True) == "kudos"
    assert relax_pattern(r"\bkudos\b", ignorecase=False) == r"\bkudos\b"
