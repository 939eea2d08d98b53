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
    "County officials said the detour would end soon.",
    "Pentagon officials said the exercise was routine.",
    "The Parks Bureau announced new hours. Officials said the change saves money.",
    "An official who was not authorised to speak publicly said the talks had stalled.",
    "Two people familiar with the talks said a deal was close.",
    "Officials said, speaking on condition of anonymity, that the drill was routine.",
    "Sources close to the negotiations said the deal was done.",
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
    "Some agencies say they lack the staff to comply.",
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


def test_polnear_dev_precision(bench) -> None:
    root = SHARED / "dev" / "polnear"
    if not (root / "dev").is_dir():
        pytest.skip("PolNeAR dev split not available")
    res = bench.eval_polnear(root, "dev", 0)
    assert res["findings"] >= 10
    assert res["precision_judged"] >= 0.8
    assert res["precision_strict"] >= 0.8


def test_polnear_train_judged_precision(bench) -> None:
    root = SHARED / "dev" / "polnear"
    if not (root / "train").is_dir():
        pytest.skip("PolNeAR train split not available")
    res = bench.eval_polnear(root, "train", 0)
    assert res["findings"] >= 100
    assert res["precision_judged"] >= 0.8


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
