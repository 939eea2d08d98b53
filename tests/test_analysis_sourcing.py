"""Tests for copydesk.analysis.sourcing (vague sourcing / unattributed claims)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from copydesk.analysis.sourcing import CATEGORIES, Finding, find_vague_sourcing

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def spans(text: str, **kwargs) -> list[tuple[int, int, str, str]]:
    return [(f.start, f.end, f.category, f.quote) for f in find_vague_sourcing(text, **kwargs)]


def expect(text: str, phrase: str, category: str, occurrence: int = 0) -> tuple[int, int, str, str]:
    """The finding expected for ``phrase`` (its ``occurrence``-th appearance) in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return (start, start + len(phrase), category, phrase)


# --------------------------------------------------------------------------------------------------
# Must flag: one vague phrase per sentence, exact span and category.

MUST_FLAG = [
    ("Engineers are worried, and experts say the overpass could fail.", "experts say", "weasel-source"),
    ("Critics argue that the new parking fee hurts small shops.", "Critics argue", "weasel-source"),
    ("Observers note that attendance has dropped for three seasons.", "Observers note", "weasel-source"),
    (
        "Analysts have long maintained that the port is overbuilt.",
        "Analysts have long maintained",
        "weasel-source",
    ),
    ("Many believe the ferry schedule was changed for political reasons.", "Many believe", "weasel-source"),
    ("Some say the orchard should be turned into housing.", "Some say", "weasel-source"),
    (
        "The library plan, some legal experts warn, breaks the lease.",
        "some legal experts warn",
        "weasel-source",
    ),
    (
        "Critics of the rezoning contend that rents will climb.",
        "Critics of the rezoning contend",
        "weasel-source",
    ),
    ("The tunnel will flood within a decade, say critics.", "say critics", "weasel-source"),
    (
        "Raising the cap is a position shared by many policymakers who study pensions.",
        "shared by many policymakers",
        "weasel-source",
    ),
    (
        "The hatchery is failing, according to some biologists.",
        "according to some biologists",
        "weasel-source",
    ),
    ("It is widely believed that the quarry will reopen.", "It is widely believed", "passive-attribution"),
    ("It has been reported that the clinic lost its licence.", "It has been reported", "passive-attribution"),
    ("It is said that the well never runs dry.", "It is said", "passive-attribution"),
    (
        "The plant will close next spring, according to reports.",
        "according to reports",
        "passive-attribution",
    ),
    ("The treasurer is said to have resigned in protest.", "is said to", "passive-attribution"),
    ("The old mill reportedly burned down twice.", "reportedly", "passive-attribution"),
    ("The statue is widely regarded as the town's symbol.", "is widely regarded", "passive-attribution"),
    ("Sources said the merger talks collapsed on Friday.", "Sources said", "anonymous-source"),
    ("Officials said the reservoir is half empty.", "Officials said", "anonymous-source"),
    ("A senior official said the convoy was delayed.", "A senior official said", "anonymous-source"),
    ("The vote was postponed, one source said.", "one source said", "anonymous-source"),
    ("Studies show that green roofs lower summer temperatures.", "Studies show", "unnamed-study"),
    ("Research suggests the vaccine protects older adults.", "Research suggests", "unnamed-study"),
    (
        "Several studies have found that later school start times help.",
        "Several studies have found",
        "unnamed-study",
    ),
    ("A recent poll found most commuters favour the new line.", "A recent poll found", "unnamed-survey"),
    ("Polls show the incumbent trailing in the suburbs.", "Polls show", "unnamed-survey"),
    (
        "A recent survey of 1,400 parents found broad support.",
        "A recent survey of 1,400 parents found",
        "unnamed-survey",
    ),
    (
        "Nearly two-thirds of residents oppose the landfill.",
        "Nearly two-thirds of residents",
        "unsourced-statistic",
    ),
    ("About 40 percent of drivers ignore the limit.", "About 40 percent of drivers", "unsourced-statistic"),
    ("One in five adults skips breakfast.", "One in five adults", "unsourced-statistic"),
]


@pytest.mark.parametrize(("text", "phrase", "category"), MUST_FLAG)
def test_must_flag(text: str, phrase: str, category: str) -> None:
    assert spans(text) == [expect(text, phrase, category)]


# --------------------------------------------------------------------------------------------------
# Must not flag.

MUST_NOT_FLAG = [
    "Maria Lopez, a county spokesperson, said the road would reopen on Monday.",
    "The road will reopen, said Dr. Chen of the state health department.",
    "Officials at the Department of Transportation said the detour would end soon.",
    "Fairfax County officials said the detour would end soon.",
    "Pentagon officials said the exercise was routine.",
    "The Parks Bureau announced new hours. Officials said the change saves money.",
    "“Experts say this all the time,” he joked.",
    '"Sources said the deal was done," she wrote.',
    "Some 400 people attended the hearing.",
    "A 2023 Pew Research Center survey found that 40 percent of adults use the app.",
    "A study published in The Lancet suggests the drug is effective.",
    "According to the Census Bureau, nearly two-thirds of residents rent their homes.",
    "The Census Bureau released new figures on Tuesday. Nearly two-thirds of residents rent.",
    "A Gallup poll found most voters undecided.",
    "Researchers at Stanford University say the model overfits.",
    "Experts, including Dr. Ana Ruiz, say the levee is sound.",
    "The study found that sleep improves memory.",
    "The official said the bridge would reopen.",
    "We asked experts for their views on the budget.",
    "We gave the proposal some thought.",
    "Many people said they enjoyed the festival.",
    "Based on user research, we simplified the form.",
    "Our research shows that shorter pages get read.",
    "The mayor said it is widely believed that the tax will pass.",
    "Studies show \ufffc that green roofs lower temperatures.",
    "The incident was reported to the police.",
    "It is expected that the portal will launch in May.",
    "Several million residents live in the basin.",
]


@pytest.mark.parametrize("text", MUST_NOT_FLAG)
def test_must_not_flag(text: str) -> None:
    assert spans(text) == []


# --------------------------------------------------------------------------------------------------
# Behaviour details


def test_finding_type_and_categories_dict() -> None:
    text = "Experts say the bridge is unsafe."
    (f,) = find_vague_sourcing(text)
    assert isinstance(f, Finding)
    assert f == Finding(0, 11, "weasel-source", "Experts say")
    assert set(CATEGORIES) == {
        "weasel-source",
        "passive-attribution",
        "anonymous-source",
        "unnamed-study",
        "unnamed-survey",
        "unsourced-statistic",
        "unsourced-generalisation",
        "anonymous-described",
    }
    assert all(isinstance(v, str) and v for v in CATEGORIES.values())


def test_several_findings_in_a_paragraph_are_sorted() -> None:
    text = "Sources said the plant will close. Studies show that such closures hurt towns. Some say it is overdue."
    assert spans(text) == [
        expect(text, "Sources said", "anonymous-source"),
        expect(text, "Studies show", "unnamed-study"),
        expect(text, "Some say", "weasel-source"),
    ]


def test_categories_filter() -> None:
    text = "Sources said the plant will close. Studies show that such closures hurt towns."
    assert spans(text, categories={"unnamed-study"}) == [expect(text, "Studies show", "unnamed-study")]
    assert spans(text, categories=set()) == []
    with pytest.raises(ValueError):
        find_vague_sourcing(text, categories={"no-such-category"})


def test_quoted_speech_is_skipped_but_narration_is_not() -> None:
    text = "“Critics argue about everything,” the chair said. Critics argue the fee is too high."
    assert spans(text) == [expect(text, "Critics argue", "weasel-source", occurrence=1)]


def test_doubled_apostrophe_quotes_are_skipped() -> None:
    assert spans("He said: ''Some say the river is cursed.''") == []


def test_unclosed_quote_runs_to_end_of_paragraph() -> None:
    assert spans("“Experts say we are ready, and the drills prove it.") == []


def test_statistic_with_source_in_previous_sentence() -> None:
    text = "A survey by the state transit office was released today. Nearly half of riders wait too long."
    assert spans(text) == []


def test_statistic_source_window() -> None:
    # Two sentences back is outside the sentence window, but a report/poll/survey/data mention earlier
    # in the paragraph marks a data passage whose source was given once, so it is accepted.
    text = "The county published its report. The board met twice. Nearly half of riders wait too long."
    assert spans(text) == []
    text = "The board met twice in June. It adjourned early. Nearly half of riders wait too long."
    assert spans(text) == [expect(text, "Nearly half of riders", "unsourced-statistic")]


def test_statistic_uses_previous_text() -> None:
    text = "Nearly half of riders wait too long."
    assert spans(text) == [expect(text, "Nearly half of riders", "unsourced-statistic")]
    assert spans(text, previous_text="The transit agency surveyed riders in March.") == []


def test_run_of_figures_flags_only_the_first() -> None:
    text = "About 40 percent of renters moved last year. Nearly half of homeowners stayed put."
    assert spans(text) == [expect(text, "About 40 percent of renters", "unsourced-statistic")]


def test_object_placeholder_counts_as_citation_and_non_word() -> None:
    assert spans("Research suggests \ufffc the drug is effective.") == []
    text = "\ufffc\n\nExperts say the bridge is unsafe."
    assert spans(text) == [expect(text, "Experts say", "weasel-source")]


def test_capitalised_group_is_a_name() -> None:
    assert spans("Harvard economists say the tariff will backfire.") == []
    text = "Political scientists say turnout will fall."
    assert spans(text) == [expect(text, "Political scientists say", "weasel-source")]


def test_empty_and_whitespace() -> None:
    assert find_vague_sourcing("") == []
    assert find_vague_sourcing("   \n ") == []


def test_long_run_on_input_completes() -> None:
    # Behavioural check only (no timing): a long unpunctuated paragraph full of candidate nouns.
    text = "experts officials studies " * 3000
    assert find_vague_sourcing(text) == []


# --------------------------------------------------------------------------------------------------
# Development data (skipped when ../shared is absent)


def _bench():
    path = REPO / "bench" / "eval_sourcing.py"
    spec = importlib.util.spec_from_file_location("eval_sourcing", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return _bench()


def test_polnear_dev_figures(bench) -> None:
    """Regression floor on PolNeAR dev, scored by score_polnear.py's definition (see docs/evaluation.md)."""
    root = SHARED / "dev" / "polnear"
    if not (root / "dev").is_dir() or not (root / "score_polnear.py").exists():
        pytest.skip("PolNeAR dev split not available")
    res = bench.eval_polnear(root, "dev", 0)
    assert res["findings"] >= 30
    assert res["recall"] >= 0.40
    assert res["precision"] >= 0.70
    assert res["f1"] >= 0.52


def test_uncertainty_precision(bench) -> None:
    path = SHARED / "dev" / "uncertainty" / "conll2010_wiki_dev.tsv"
    if not path.exists():
        pytest.skip("CoNLL-2010 sample not available")
    res = bench.eval_uncertainty(path, 0)
    assert res["flagged"] >= 20
    assert res["precision"] >= 0.8


def test_edited_corpus_is_quiet(bench) -> None:
    root = SHARED / "corpus" / "small"
    if not root.is_dir():
        pytest.skip("edited corpus not available")
    res = bench.eval_corpus(root, 0)
    assert res["files"] > 0
    assert res["per_file"] < 0.2


# --------------------------------------------------------------------------------------------------
# Structure, not lists: classes written for these tests with nouns and verbs the vocabulary does not
# spell out together.

STRUCTURAL_FLAG = [
    # a quantifier and any plural noun, any tense of a belief or reporting verb
    ("Many hydrologists expect the aquifer to shrink.", "Many hydrologists expect", "weasel-source"),
    ("Several beekeepers worry that the spray drifts.", "Several beekeepers worry", "weasel-source"),
    (
        "A handful of archivists insist the ledger is forged.",
        "A handful of archivists insist",
        "weasel-source",
    ),
    # a quantifier with a vague place
    (
        "Most in the ferry trade believe the fares will double.",
        "Most in the ferry trade believe",
        "weasel-source",
    ),
    # a bare group noun with plain modifiers, sentence-initial capital included
    (
        "Pediatric specialists have cautioned against the syrup.",
        "Pediatric specialists have cautioned",
        "weasel-source",
    ),
    ("Legislators predicted a long session.", "Legislators predicted", "weasel-source"),
    ("Historians have long disputed the date of the fire.", "Historians have long disputed", "weasel-source"),
    # bare quantifiers
    ("Not all agree that the levy is fair.", "Not all agree", "weasel-source"),
    # inverted order
    ("The levy is unfair, many shopkeepers complain.", "many shopkeepers complain", "weasel-source"),
    # across a line break
    (
        "The bridge was sound for decades, but\nforecasters\nwarn it is now failing.",
        "forecasters\nwarn",
        "weasel-source",
    ),
    # impersonal constructions
    ("It was long assumed that the wreck lay further north.", "It was long assumed", "passive-attribution"),
    ("The orchard is thought to be the oldest in the valley.", "is thought to", "passive-attribution"),
    ("The ferry is seen as a lifeline for the islands.", "is seen", "passive-attribution"),
    # anonymous sources with plain modifiers, and described ones
    ("The toll will rise in May, federal officials\nsaid.", "federal officials\nsaid", "anonymous-source"),
    ("His aides said the speech would be short.", "His aides said", "anonymous-source"),
    (
        "Three people briefed on the audit said the books were clean.",
        "Three people briefed on the audit said",
        "anonymous-described",
    ),
    # statistics about a population, by word ending as well as by list
    (
        "The fee starts in June. About 30 percent of pensioners rely on the bus.",
        "About 30 percent of pensioners",
        "unsourced-statistic",
    ),
    (
        "The fee starts in June. Nearly 40% of Canadians oppose it.",
        "Nearly 40% of Canadians",
        "unsourced-statistic",
    ),
]


@pytest.mark.parametrize(("text", "phrase", "category"), STRUCTURAL_FLAG)
def test_structural_flag(text: str, phrase: str, category: str) -> None:
    assert spans(text) == [expect(text, phrase, category)]


STRUCTURAL_PASS = [
    # a group the text introduced before is the source
    "Nine volunteers tried the new form. Others said the date field was confusing.",
    "We interviewed dozens of riders in March. Some said the late buses were the worst problem.",
    # first person and the writer's own data
    "In our survey of 300 readers, 27 percent of readers wanted shorter stories.",
    "We looked at a month of visits. About 27 percent of users clicked the banner.",
    # the writer's hypothetical aside
    "Some might say the delay was avoidable.",
    "One could argue the fee is too low.",
    # a named person heads the group, or the group is coordinated with a named one
    "Ward and other security experts say the lock is weak.",
    "The Teamsters and some drivers say the rule is unsafe.",
    # an agent follows the impersonal construction
    "The ferry is seen as a lifeline by the Island Council.",
    # organisations attached to officials
    "Officials at the state water board said the reservoir is full.",
    # quotations
    "“Many beekeepers worry about this,” Chen said.",
]


@pytest.mark.parametrize("text", STRUCTURAL_PASS)
def test_structural_pass(text: str) -> None:
    assert spans(text) == []


def test_statistic_sourced_by_draft_method_flag() -> None:
    text = "The fee starts in June. About 30 percent of pensioners rely on the bus."
    assert spans(text, own_data=True) == []


def test_custom_vocabulary_extends_and_replaces() -> None:
    from copydesk.analysis.sourcing_vocab import builtin_vocabulary, resolve

    base = builtin_vocabulary()
    text = "Insiders said the merger was off."
    assert spans(text) == []  # not a built-in bare group noun ("some insiders say" is caught by structure)
    vocab = dict(base, group_nouns=resolve("group_nouns", {"add": ["insiders"]}, base["group_nouns"]))
    assert spans(text, vocab=vocab) == [expect(text, "Insiders said", "weasel-source")]
    replaced = dict(base, group_nouns=resolve("group_nouns", ["insiders"], base["group_nouns"]))
    assert spans("Critics say the merger is off.", vocab=replaced) == []
    assert spans(text, vocab=replaced) == [expect(text, "Insiders said", "weasel-source")]


def test_verb_forms() -> None:
    from copydesk.analysis.sourcing_vocab import verb_forms

    assert set(verb_forms("say/said")) == {"say", "says", "saying", "said"}
    assert set(verb_forms("argue")) == {"argue", "argues", "arguing", "argued"}
    assert set(verb_forms("worry")) == {"worry", "worries", "worrying", "worried"}
    assert set(verb_forms("point out")) == {"point out", "points out", "pointing out", "pointed out"}
