"""Readability precision and markup recall (issue 10, readmark round): one hard text is one finding,
metrics that read the same count are one piece of evidence, names are not jargon, a passive share needs
enough sentences, and two markup misses (a lone ``#Word`` heading, a stray end tag after a quote that never
closes). Drafts written for these tests in our own words; assertions name rule, line and column."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from copydesk import lint_text

REPO = Path(__file__).resolve().parents[1]


def found(text, path, prefix):
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith(prefix)]


def rules(text, path, prefix="readability."):
    return sorted({d.rule for d in lint_text(text, path) if d.rule.startswith(prefix)})


# --------------------------------------------------------------------------------------------------
# GradeLevel: agreement across metric families
# --------------------------------------------------------------------------------------------------

# Short sentences, short words, but three-syllable loan words in every sentence: Gunning fog and SMOG (both
# count words of three or more syllables) go just over 12 while Flesch, Flesch-Kincaid, Coleman-Liau and
# ARI read it as easy.
FAIR = """Fair opens on Friday

The rodeo and the safari ride open on the patio at noon. A coyote cameo and a karate show start the rodeo.
Stalls sell salami, lasagna and tequila by the patio gate. Kids can try origami and bikini races by the
rodeo barn. A piano aria plays while the rodeo crowd finds a patio seat. The safari ride runs past a coyote
den and a tequila bar. Tickets cost ten dollars, and the karate class is free for a rodeo fan. An origami
table sits by the salami stall on the patio. The lasagna stall shuts at six, and the tequila bar at ten.
Rain will not stop the rodeo or the safari ride, staff said. The fair runs for three days and ends with a
karate show. Bring a hat, since the sun on the patio gets hot.
"""

OFFICIALESE = """Notice on the consolidation of regional services

The consolidation of administrative responsibilities necessitates comprehensive reorganisation of
departmental functions. Implementation will proceed incrementally, notwithstanding considerable
operational complexity. Organisational stakeholders should anticipate substantive modifications to
established procedural arrangements and correspondingly revised institutional obligations.

Documentation requirements will be harmonised across participating jurisdictions. Correspondence
regarding individual determinations should be directed to the designated administrative authority.
Applications submitted subsequent to the consolidation date will be evaluated under the revised
regulatory framework, irrespective of preliminary eligibility determinations.

Transitional arrangements, where applicable, will be communicated individually to affected organisations.
Supplementary information concerning eligibility determinations is available on the departmental website.
Consequently, practitioners should familiarise themselves with the amended procedural documentation and
the associated interpretative guidance.
"""


def test_fog_and_smog_alone_do_not_make_a_draft_hard():
    for path in ("fair.txt", "fair.md"):
        assert found(FAIR, path, "readability.GradeLevel") == []


def test_metrics_from_several_families_still_report_the_draft():
    assert found(OFFICIALESE, "notice.txt", "readability.GradeLevel") == [("readability.GradeLevel", 3, 1)]


def test_draft_hard_throughout_is_one_finding():
    # every paragraph is jargon-dense: the draft's finding, no paragraph findings, no runs of long words
    assert rules(OFFICIALESE, "notice.txt") == ["readability.GradeLevel"]
    html = "<h1>Notice</h1>\n" + "".join(
        f"<p>{' '.join(p.split())}</p>\n" for p in OFFICIALESE.split("\n\n")[1:]
    )
    assert rules(html, "notice.html") == ["readability.GradeLevel"]


def test_min_families_is_configurable():
    from copydesk.config import Config

    config = Config(rules={"readability.GradeLevel": {"min_families": 1}})
    got = [(d.rule, d.line, d.column) for d in lint_text(FAIR, "fair.txt", config)]
    assert ("readability.GradeLevel", 3, 1) in got


# --------------------------------------------------------------------------------------------------
# ParagraphGrade and LongWordRun: names are not jargon; one finding per jargon paragraph
# --------------------------------------------------------------------------------------------------

STORM = """Storm hits the coast

The storm reached the coast on Monday night. Winds tore the roofs off two sheds. The harbour master closed
the port at six. Ferries stayed in the dock until noon. Crews cleared fallen trees from the main road by
Tuesday.

The Meteorological Association of Pemberton Valley recorded gusts of ninety miles an hour. The Ravensworth
Community Emergency Committee opened the Saint Augustine Recreation Centre. Families from Kilmarnock
Terrace and Montgomery Avenue slept there.

Power came back to most homes by noon. The council said schools would open on Wednesday. Buses will run as
usual. The coast road stays shut while engineers check the sea wall. Residents can call the council for
help with damage.
"""

JARGON = """The meteorological observation infrastructure registered exceptional precipitation
intensities. Consequently, administrative coordination mechanisms necessitated emergency
operationalisation. Organisational communication deficiencies materially complicated evacuation
implementation across residential communities, particularly regarding vulnerable populations and
institutional accommodation availability."""


def test_a_paragraph_of_names_is_not_a_jargon_paragraph():
    for path in ("storm.txt", "storm.md"):
        assert found(STORM, path, "readability.ParagraphGrade") == []


def test_a_jargon_paragraph_is_one_finding_not_a_finding_per_run():
    paras = STORM.split("\n\n")
    text = "\n\n".join([paras[0], paras[1], JARGON, paras[3]])
    # a jargon paragraph in a plain draft: one ParagraphGrade finding, none of its four runs of long words
    got = found(text, "storm.md", "readability.")
    assert got == [("readability.ParagraphGrade", 7, 1)]


def test_a_run_of_long_words_in_plain_prose_is_still_reported():
    text = STORM.replace(
        "The council said schools would open on Wednesday.",
        "The council said institutionalizing multilateral interoperability matters.",
    )
    got = found(text, "storm.md", "readability.LongWordRun")
    assert got == [("readability.LongWordRun", 11, 57)]


# --------------------------------------------------------------------------------------------------
# PassiveVoice: the share must be over the limit beyond chance
# --------------------------------------------------------------------------------------------------

ACTIVE = [
    "Crews fixed the pump on Monday.",
    "The mayor visited the site.",
    "Engineers tested the water twice.",
    "The school reopened at nine.",
    "Drivers used the north road.",
    "The council met in the evening.",
    "Staff answered calls all day.",
    "Neighbours shared bottled water.",
]
PASSIVE = [
    "The pump was replaced.",
    "The valve was checked.",
    "The pipes were flushed.",
    "The tank was cleaned.",
    "The report was filed.",
]


def test_a_short_notice_a_little_over_the_share_is_quiet():
    # 5 passive sentences of 13 (38%): within chance of a quarter
    text = "Water notice\n\n" + " ".join(ACTIVE[:4] + PASSIVE + ACTIVE[4:]) + "\n"
    assert found(text, "notice.txt", "readability.PassiveVoice") == []


def test_a_long_draft_well_over_the_share_is_reported():
    # 20 passive sentences of 36 (56%)
    body = " ".join((ACTIVE * 2) + (PASSIVE * 4)) + "\n"
    got = found("Water notice\n\n" + body, "notice.txt", "readability.PassiveVoice")
    assert got == [("readability.PassiveVoice", 3, 1 + len(" ".join(ACTIVE * 2)) + len(" The pump "))]


def test_wilson_lower_bound():
    from copydesk.kinds.readability import wilson_lower

    assert wilson_lower(5, 13, 0.95) < 0.25 < 5 / 13
    assert wilson_lower(40, 100, 0.95) > 0.25
    assert wilson_lower(3, 10, 0) == pytest.approx(0.3)
    assert wilson_lower(0, 0, 0.95) == 0.0


# --------------------------------------------------------------------------------------------------
# Markup
# --------------------------------------------------------------------------------------------------


def test_lone_hash_word_is_a_heading_in_a_draft_with_hash_headings():
    text = "# Paging guide\n\nSome text.\n\n## Limits\n\nSixty a minute.\n\n#Errors\n\nRetry later.\n"
    assert found(text, "guide.md", "markup.HeadingSpace") == [("markup.HeadingSpace", 9, 1)]


@pytest.mark.parametrize(
    "text",
    [
        # no '#' headings in the draft: a lone '#Word' may be a hashtag
        "Notes from the day.\n\n#Caturday\n\nMore notes.\n",
        # not a paragraph of its own
        "## Notes\n\nA list of tags:\n#Caturday\n\nMore.\n",
        # CamelCase and capitals are tags
        "## Notes\n\nText.\n\n#OpenData\n\nMore.\n",
        "## Notes\n\nText.\n\n#NASA\n\nMore.\n",
    ],
)
def test_lone_hash_word_quiet_cases(text):
    assert found(text, "notes.md", "markup.HeadingSpace") == []


def test_stray_end_tag_after_an_attribute_quote_that_never_closes():
    text = (
        "<div>\n"
        '<p>See the <a href="https://example.org/grid" class=\'external">grid guide</a> for more.</p>\n'
        "<p>Test with long names.</p></li>\n"
        "</div>\n"
    )
    got = found(text, "cards.html", "markup.")
    assert ("markup.BrokenTag", 2, 12) in got
    assert ("markup.StrayEndTag", 3, 29) in got
    # the broken <a> is read as ending at its '>': its own </a> is not stray
    assert ("markup.StrayEndTag", 2, 81) not in got
    assert len(got) == 2


def test_quote_that_never_closes_with_no_gt_on_its_line_swallows_the_rest():
    text = "<p>See <a href='x\nmore text</a> and </li></p>\n"
    got = found(text, "page.html", "markup.")
    assert [r for r, _l, _c in got] == ["markup.BrokenTag"]


# --------------------------------------------------------------------------------------------------
# The scorer (bench/eval_drafts.py): what a label covers
# --------------------------------------------------------------------------------------------------


def _scorer():
    spec = importlib.util.spec_from_file_location("eval_drafts", REPO / "bench" / "eval_drafts.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_paragraph_label_covers_its_paragraph():
    ev = _scorer()
    md = "Title\n\nFirst line of the paragraph\nsecond line\nthird line\n\nNext paragraph\n"
    assert ev.paragraph_extent(md.splitlines(), 3, html=False) == 5
    assert ev.paragraph_extent(md.splitlines(), 2, html=False) == 2  # a blank line names no paragraph
    html = "<h2>Part</h2>\n<p>One paragraph on one line.</p>\n<p>Another.</p>\n"
    assert ev.paragraph_extent(html.splitlines(), 2, html=True) == 2
    html2 = "<p>A paragraph\nover two lines.</p>\n<p>Another.</p>\n"
    assert ev.paragraph_extent(html2.splitlines(), 1, html=True) == 2
    labels = [{"start": 3, "end": 3, "family": "readability", "class": "dense_paragraph", "note": ""}]
    ev.widen(labels, md, html=False)
    assert labels[0]["end"] == 5
    finding = {"rule": "readability.LongWordRun", "line": 4}
    assert ev.found_by(finding, labels[0]) and ev.covered_by(finding, labels[0], 2)


def test_hard_draft_label_covers_the_drafts_readability_findings_only_under_scorer_2():
    ev = _scorer()
    lab = {"start": 1, "end": 1, "family": "readability", "class": "hard_draft", "note": ""}
    run = {"rule": "readability.LongWordRun", "line": 14}
    assert ev.covered_by(run, lab, 2)
    assert not ev.covered_by(run, lab, 1)
    assert not ev.found_by(run, lab)  # the label is found by a whole-draft finding
    assert ev.found_by({"rule": "readability.GradeLevel", "line": 5}, lab)
    assert not ev.covered_by({"rule": "markup.BrokenTag", "line": 14}, lab, 2)


@pytest.mark.parametrize(("excess", "reported"), [(1, True), (2, False)])
def test_one_metric_must_be_clearly_past_its_limit(excess, reported):
    # FAIR: fog 13.4 (1.4 past 12) and SMOG 12.5 (0.5 past): clear by one grade, not by two
    from copydesk.config import Config

    config = Config(rules={"readability.GradeLevel": {"min_families": 1, "min_excess": excess}})
    got = [(d.rule, d.line, d.column) for d in lint_text(FAIR, "fair.txt", config)]
    assert (("readability.GradeLevel", 3, 1) in got) is reported
