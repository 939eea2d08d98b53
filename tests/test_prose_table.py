"""The table of proselint's checks (copydesk.analysis.prose_table): same findings as running proselint's own
check objects one by one (tests/proselint_reference.py), a pre-filter that never drops a finding, and a
persisted table that is plain, validated data."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk import lint_text
from copydesk.analysis import prose_gate, prose_table
from proselint_reference import ProselintReference
from test_analysis_style import SENTENCES

REPO = Path(__file__).resolve().parent.parent
DRAFTS = sorted((REPO / "tests" / "data" / "blind1").glob("*.md")) + [REPO / "samples" / "draft.md"]


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Each test gets its own cache folder and no table in memory."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    prose_table.forget_table()
    yield tmp_path / "cache" / "copydesk"
    prose_table.forget_table()


@pytest.fixture(scope="module")
def reference() -> ProselintReference:
    """proselint's own check objects, each run on every text: the findings the table must reproduce."""
    return ProselintReference()


def _table_file(folder: Path) -> Path:
    (path,) = folder.glob("proselint-table-*.json")
    return path


# ---------------------------------------------------------------------------------------- same findings


@pytest.mark.parametrize(("text", "expected_check"), SENTENCES)
def test_sentences_same_hits_as_proselint_objects(reference, text, expected_check):
    ours = prose_table.TableChecker().check(text)
    assert expected_check in {h.check_id for h in ours}
    assert ours == reference.check(text)


def test_exact_hit_fields():
    hits = prose_table.TableChecker().check("Please enter your PIN number below. He waxed poetically.")
    assert [(h.start, h.end, h.check_id, h.replacement) for h in hits] == [
        (18, 28, "redundancy.ras_syndrome", "PIN"),
        (39, 55, "misc.waxed", "waxed poetic"),
    ]
    assert hits[1].message == "The modifier following 'waxed' must be an adj.: 'waxed poetic' is correct."


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_drafts_same_hits_as_proselint_objects(reference, draft):
    text = draft.read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if b.strip()]
    assert prose_table.TableChecker().check(text) == reference.check(text)
    assert prose_table.TableChecker().check_blocks(blocks) == reference.check_blocks(blocks)


def test_selection_and_unknown_ids(reference):
    text = "At the end of the day, we will leverage our synergy. I would argue that it is very unique."
    chosen = {"cliches", "industrial_language"}
    ours = prose_table.TableChecker(enabled=chosen, disabled={"cliches.misc.write_good"}).check(text)
    theirs = ProselintReference(enabled=chosen, disabled={"cliches.misc.write_good"}).check(text)
    assert ours == theirs
    assert {h.check_id.split(".")[0] for h in ours} == {"cliches", "industrial_language"}
    with pytest.raises(ValueError, match="no.such"):
        prose_table.TableChecker(enabled={"no.such"})


def test_text_folding_onto_ascii_letters_is_not_prefiltered(reference):
    # KELVIN SIGN folds to "k" under both engines: "\u212ank" could be a hit the word filter cannot see
    text = "The \u212aid was in a bunch of crows. Call me on tuesday."
    assert prose_gate.text_atoms(text) is None
    assert prose_table.TableChecker().check(text) == reference.check(text)


_PIECES = [
    "very unique",
    "the the",
    "But",
    "\n\nBut",
    "PIN number",
    "off of",
    "a bunch of crows",
    "labour",
    "labor",
    "1970's",
    "!!!",
    "...",
    "7 pm",
    "tuesday",
    "leverage",
    "synergy",
    "at the end of the day",
    "waxed",
    "poetically",
    "obviously",
    "utilize",
    "center",
    "centre",
    "Private industry",
    "_Private industry",
    "most perfect",
    "at most perfect",
    "But",
    "Butter",
    "group of lions",
    "increasingly inevitable",
    "waxes eloquently",
    '"',
    "\u201c",
    "\u201d",
    "'",
    "-",
    "_",
    "\u212a",
    "\u00e9",
    "TODO",
    "irregardless",
    "could care less",
    "in the near future",
    "very",
    "really",
    "x",
    "2",
    " ",
    "\n",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30), st.sampled_from(["", " ", "-", "_"]))
def test_random_texts_same_hits(reference, pieces, glue):
    text = glue.join(pieces)
    assert prose_table.TableChecker().check(text) == reference.check(text)


# ------------------------------------------------------------------------------ ungated units, one pass

_UNGATED_TEXTS = [
    "The meeting ran from 10 am to 12 p.m. in the 1990's, up to 50% or more!!! Wow! It's a 3 x 4 grid...",
    'She said "hello there" and left.  Then the colour and the color clashed.Suddenly, obviously, many kudos.',
    "Nothing here but plain words without any digits or marks",
    "Caf\u00e9 at 7pm \u2014 \u201cquoted\u201d \u2026 and 12 noon. Really?? Yes. No!",
]


@pytest.mark.parametrize("text", _UNGATED_TEXTS)
def test_ungated_units_searched_in_one_pass_same_hits(reference, text, monkeypatch):
    checker = prose_table.TableChecker()
    ran = []
    real = prose_table._run_unit

    def counted(u, *args, **kwargs):
        ran.append(_unit_key(u))
        return real(u, *args, **kwargs)

    monkeypatch.setattr(prose_table, "_run_unit", counted)
    hits = checker.check(text)
    assert hits == reference.check(text)
    sets = checker._ungated
    assert sets, "the RE2 sets of the ungated units were built"
    ungated = {k for _found, owners in sets for k in owners if k is not None}
    absent = checker._absent_ungated(text.encode("utf-8"))
    assert absent and absent <= ungated  # every text lacks some of them: those are not run
    merged = [{**checker._groups[u["g"]], **u} for u in checker._units]
    assert not {_unit_key(merged[k]) for k in absent} & set(ran)
    # A pass that fails (no sentinel in its answer) skips nothing: every unit runs, same hits.
    ran.clear()
    monkeypatch.setattr(checker, "_ungated", tuple((_NoAnswer(), owners) for _f, owners in sets))
    assert checker._absent_ungated(text.encode("utf-8")) == set()
    assert checker.check(text) == hits
    assert len(ran) >= len(ungated - absent)


def _unit_key(u: dict) -> tuple:
    return (u["id"], u.get("pattern"), tuple(u.get("pair") or ()))


class _NoAnswer:
    """An RE2 set whose pass failed (RE2 gives no match at all, not even the sentinel's)."""

    def Match(self, _text):  # noqa: N802 - RE2's name
        return []


# --------------------------------------------------------------------------------------------- pre-filter


@pytest.mark.parametrize(
    ("pattern", "ignorecase", "matching_text"),
    [
        (r"\bleverage our synergy\b", True, "We LEVERAGE our synergy."),
        (r"(?<![A-Za-z'-])(?:off of)(?![A-Za-z'-])", True, "jumped off of it"),
        (r"(?:^|\W)(?:very|really)\s+unique(?![A-Za-z'-])", True, "really  unique"),
        (r"(^|^\n|\n\n)But\b", False, "x\n\nBut then"),
        (r"center", True, "epicenter"),
        (r"\bin (?:the )?(?:near|foreseeable) future\b", True, "in foreseeable future"),
        (r"\b\d0's\b", True, "the 70's"),
    ],
)
def test_requirement_is_met_by_matching_text(pattern, ignorecase, matching_text):
    import re

    assert re.search(pattern, matching_text, re.IGNORECASE if ignorecase else 0)
    req = prose_gate.requirement(pattern, ignorecase)
    assert req is not None
    words, lowered = prose_gate.text_atoms(matching_text)
    assert prose_gate.satisfied(req, words, lowered)


def test_requirement_rejects_texts_without_the_words():
    req = prose_gate.requirement(r"\bleverage our synergy\b")
    assert req == [["leverage"], ["synergy"], ["our"], ["~leverage our synergy"]]
    # a whole word: "leveraged" does not hold the word "leverage"
    assert not prose_gate.satisfied(req, *prose_gate.text_atoms("they leveraged our synergy"))
    assert prose_gate.requirement(r"(?<![A-Za-z'-])(\w+)(\s+\1)+") is None  # nothing fixed: always runs
    assert prose_gate.requirement(r"\p{L}+ing") is None  # RE2-only syntax: no requirement
    # a look-behind class judged without case folding when a group turns folding off: [a-z] misses "A"
    assert prose_gate.requirement(r"(?-i:(?<![a-z]))foo\b") == [["~foo"]]
    assert prose_gate.requirement(r"(?<![a-z])foo\b") == [["foo"]]


# ----------------------------------------------------------------------------------------- persistence


def test_table_is_written_once_and_read_back(private_cache):
    first = prose_table.load_table()
    path = _table_file(private_cache)
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["table"] == first
    assert stored["key"][0] == prose_table.TABLE_FORMAT
    mtime = path.stat().st_mtime_ns
    prose_table.forget_table()
    assert prose_table.load_table() == first
    assert path.stat().st_mtime_ns == mtime  # read, not rebuilt
    assert not list(private_cache.glob(".*.tmp"))


def _plant(private_cache, mutate) -> Path:
    prose_table.load_table()
    path = _table_file(private_cache)
    payload = json.loads(path.read_text(encoding="utf-8"))
    raw = mutate(payload)
    path.write_bytes(raw if isinstance(raw, bytes) else json.dumps(raw).encode())
    prose_table.forget_table()
    return path


def _check_wrong(payload):
    payload["table"]["units"][0]["gate"] = [["word", 5]]
    return payload


def _lookup_out_of_range(payload):
    unit = next(u for u in payload["table"]["units"] if u["type"] == "lookup")
    unit["lookup"] = 10**6
    return payload


def _pickle_in_json(payload):
    payload["table"]["units"][0]["pattern"] = {"__reduce__": ["os.system", ["echo planted"]]}
    return payload


def _stale_key(payload):
    payload["key"][2][0] = "0.0.1"
    return payload


@pytest.mark.parametrize(
    "mutate",
    [
        lambda p: b"\x80\x04\x95 not json",
        lambda p: b"[" * 100_000,
        _check_wrong,
        _lookup_out_of_range,
        _pickle_in_json,
        _stale_key,
        lambda p: {**p, "table": {**p["table"], "format": 99}},
    ],
    ids=["garbage", "deep-nesting", "bad-atom", "bad-reference", "object-in-json", "stale-key", "format"],
)
def test_bad_table_is_ignored_and_rebuilt(private_cache, mutate, reference):
    path = _plant(private_cache, mutate)
    assert prose_table.read_table(path, prose_table._key()) is None
    table = prose_table.load_table()
    assert prose_table.validate_table(table)
    assert prose_table.read_table(path, prose_table._key()) == table  # rewritten, valid again
    text = "He jumped off of the ladder. Please enter your PIN number."
    assert prose_table.TableChecker().check(text) == reference.check(text)


def test_oversized_table_is_not_read(private_cache, monkeypatch):
    prose_table.load_table()
    path = _table_file(private_cache)
    monkeypatch.setattr(prose_table, "TABLE_MAX_BYTES", path.stat().st_size - 1)
    assert prose_table.read_table(path, prose_table._key()) is None


def test_symlinked_table_is_not_followed(private_cache, tmp_path):
    prose_table.load_table()
    path = _table_file(private_cache)
    elsewhere = tmp_path / "elsewhere.json"
    planted = path.read_bytes()
    elsewhere.write_bytes(planted)
    path.unlink()
    path.symlink_to(elsewhere)
    assert prose_table.read_table(path, prose_table._key()) is None
    prose_table.forget_table()
    prose_table.load_table()  # rebuilt: the link is replaced by a file, its target is left alone
    assert not path.is_symlink() and path.is_file()
    assert elsewhere.read_bytes() == planted


def test_unwritable_cache_folder_still_works(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    prose_table.forget_table()
    hits = prose_table.TableChecker().check("He jumped off of the ladder.")
    assert [h.check_id for h in hits] == ["misc.preferred_forms"]


# -------------------------------------------------------------------------------------- no import, warm


_CHILD = textwrap.dedent(
    """
    import sys
    from copydesk import lint_text
    result = lint_text(sys.argv[1], path="draft.md")
    rules = sorted({(d.rule, d.line, d.column) for d in result})
    print(repr((rules, any(m == "proselint" or m.startswith("proselint.") for m in sys.modules))))
    """
)


def _child(text: str, cache: Path) -> tuple[list, bool]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, text], env=env, capture_output=True, text=True, check=True, timeout=120
    )
    import ast

    return ast.literal_eval(out.stdout.strip().splitlines()[-1])


def test_warm_table_means_no_proselint_import(tmp_path):
    text = "# Notes\n\nWe will leverage our synergy at the end of the day.\n\nIt was a brief moment.\n"
    cold_rules, cold_imported = _child(text, tmp_path / "cache")
    assert cold_imported  # the first run builds the table from proselint's registry
    warm_rules, warm_imported = _child(text, tmp_path / "cache")
    assert not warm_imported
    assert warm_rules == cold_rules
    assert warm_rules == [
        ("style.Cliches", 3, 30),  # at the end of the day
        ("style.IndustrialLanguage", 3, 22),  # synergy
        ("style.IndustrialLanguage", 3, 30),
        ("style.Redundancy", 5, 10),  # brief moment
    ]


def test_function_checks_run_as_data_without_importing_proselint(tmp_path):
    _child("Warm-up.\n", tmp_path / "cache")
    text = (
        "A bunch of crows sat there.\n\nBut it was a very unique day, obviously.\n\n"
        "She waxed eloquently about it.\n"
    )
    rules, imported = _child(text, tmp_path / "cache")
    assert not imported  # venery, misc.but, uncomparables, greylist and waxed are table data now
    assert rules == [
        ("style.Misc", 3, 1),  # But at a paragraph start
        ("style.Misc", 3, 31),  # obviously
        ("style.Misc", 5, 5),  # waxed eloquently
        ("style.Terms", 1, 3),  # bunch of crows
        ("style.Uncomparables", 3, 14),  # very unique
        ("style.WeaselWords", 3, 14),  # very
    ]


def test_lint_text_same_findings_as_the_reference(monkeypatch):
    text = "# Notes\n\n" + "\n\n".join(sentence for sentence, _check in SENTENCES) + "\n"
    ours = [(d.rule, d.line, d.column, d.message) for d in lint_text(text, path="a.md")]

    # the same run with proselint's own check objects, each run on the whole text
    @functools.cache
    def reference_for(on: frozenset, off: frozenset) -> ProselintReference:
        return ProselintReference(enabled=set(on), disabled=set(off))

    monkeypatch.setattr(prose_table, "table_checker_for", reference_for)
    theirs = [(d.rule, d.line, d.column, d.message) for d in lint_text(text, path="a.md")]
    assert ours == theirs
    assert any(rule.startswith("style.") for rule, *_ in ours)


def test_checker_pickles_to_the_same_selection():
    import pickle

    checker = prose_table.TableChecker(enabled={"misc"}, disabled={"misc.but"})
    clone = pickle.loads(pickle.dumps(checker))
    assert clone.check_ids == checker.check_ids
    assert "misc.but" not in clone.check_ids
    text = "He jumped off of the ladder.\n\nBut then it rained."
    assert [h.check_id for h in clone.check(text)] == ["misc.preferred_forms"]
