"""Behaviour of the analytic packs beyond their YAML examples: positions and the quiet cases."""

from __future__ import annotations

from copydesk import lint_text
from copydesk.api import lint_paths
from copydesk.config import Config

SEED_LIKE = (
    "Ferry Service Resumes After Storm Damage Repairs\n\n"
    "ferry service resumes after storm repairs – Harbor Daily\n\n"
    "Harbor Ferry Service Resumes Following Storm Damage Repair Work\n\n"
    "The ferry left the dock at 7 a.m. on Monday, the first crossing in three weeks.\n\n"
    "    ul >\n\n"
    "Crews fixed the ramp , officials from the port authority said .\n\n"
    "Exit mobile version\n"
)


def found(text, path, prefix):
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith(prefix)]


def test_scraped_text_draft_is_read_like_an_editor_would():
    assert found(SEED_LIKE, "story.txt", "headlines.Repeated") == [
        ("headlines.Repeated", 3, 1),
        ("headlines.Repeated", 5, 1),
    ]
    assert found(SEED_LIKE, "story.txt", "markup.") == [("markup.MangledTag", 9, 5)]
    assert found(SEED_LIKE, "story.txt", "hygiene.Residue") == [("hygiene.Residue", 13, 1)]
    spaces = found(SEED_LIKE, "story.txt", "hygiene.SpaceBefore")
    line = SEED_LIKE.splitlines()[10]
    assert spaces == [
        ("hygiene.SpaceBeforePunctuation", 11, line.index(" ,") + 1),
        ("hygiene.SpaceBeforePunctuation", 11, line.index(" .") + 1),
    ]
    assert found(SEED_LIKE, "story.txt", "sourcing.") == []  # "officials from the port authority" is named


def test_sibling_subheadings_are_not_repeats():
    md = (
        "# An introduction to digital governance\n\nIntro text here.\n\n"
        "## What is digital governance?\n\nText.\n\n### Metrics\n\nText.\n\n"
        "## Why is digital governance important?\n\nText.\n\n### Metrics\n\nText.\n"
    )  # the same label under two sections (twice in a row under one parent is a repeat: test_headacc_round8)
    assert found(md, "a.md", "headlines.Repeated") == []
    md2 = md + "\n## An introduction to digital governance\n"
    assert found(md2, "a.md", "headlines.Repeated") == [("headlines.Repeated", md2.count("\n"), 4)]


def test_duplicate_titles_across_files(tmp_path):
    body = "Some text that differs between the two posts about {}.\n"
    (tmp_path / "a.md").write_text("---\ntitle: How to Write a Grant Proposal\n---\n" + body.format("apples"))
    (tmp_path / "b.md").write_text("# How to write a grant proposal\n\n" + body.format("oranges"))
    shared = " ".join(f"word{i}" for i in range(200))
    (tmp_path / "c.md").write_text("# Budget Hearing Set for Monday Night\n\n" + shared + "\n")
    (tmp_path / "d.md").write_text(
        "# Budget hearing set for Monday night\n\n" + shared + "\n"
    )  # a cross-post
    (tmp_path / "_index.md").write_text("# How to Write a Grant Proposal\n")
    report = lint_paths([str(tmp_path)], Config(packs=["headlines"]))
    dups = [
        (d.path.rsplit("/", 1)[-1], d.line, d.column)
        for d in report.diagnostics
        if d.rule == "headlines.DuplicateAcrossFiles"
    ]
    assert dups == [("b.md", 1, 3)]


def test_series_prefix_is_not_a_shared_title(tmp_path):
    titles = [
        "Trends on Tuesday: Phones Get Bigger",
        "Trends on Tuesday: Cars Become Phones",
        "Trends on Tuesday: Watches Rise",
    ]
    for i, t in enumerate(titles):
        (tmp_path / f"{i}.md").write_text(f"# {t}\n\nText {i}.\n")
    report = lint_paths([str(tmp_path)], Config(packs=["headlines"]))
    assert [d for d in report.diagnostics if d.rule == "headlines.DuplicateAcrossFiles"] == []


def test_markdown_paragraph_html_is_checked_per_paragraph():
    md = 'Some <span style="x">text here.</p>\n\n<p>Second para <b>bold</b></p>\n\nAs a <type of person>, I want it.\n'
    got = [(d.line, d.column, d.message) for d in lint_text(md, "a.md") if d.rule.startswith("markup.")]
    assert [(line, col) for line, col, _ in got] == [(1, 6), (5, 6)]
    assert "&lt;type of person&gt;" in got[1][2]


def test_a_linked_claim_is_cited():
    md = "The [experts say](https://example.gov/report) the bridge is unsafe.\n\nExperts say it is safe.\n"
    assert found(md, "a.md", "sourcing.") == [("sourcing.WeaselSource", 3, 1)]


def test_mangled_tags_are_not_found_in_prose_arrows_or_templates():
    md = 'If a > b then x < 3 -> done.\n\n{{< figure src="a.png" >}}\n\n{% include note.html %}\n\nUse `ul > li` here.\n'
    assert found(md, "a.md", "markup.") == []


def test_blockquotes_are_quotations():
    md = "> Experts say the plan will fail.\n\nExperts say the plan will work.\n"
    assert found(md, "a.md", "sourcing.") == [("sourcing.WeaselSource", 3, 1)]


def test_lone_cr_and_long_space_runs():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an internal error in a rule would be a LintWarning
        assert lint_text("\rx", "a.md") == []
        diags = lint_text("# T\r\rThe the end.\r", "a.md")
    assert [(d.rule, d.line, d.column) for d in diags if d.rule == "hygiene.Doubled"] == [
        ("hygiene.Doubled", 3, 1)
    ]
