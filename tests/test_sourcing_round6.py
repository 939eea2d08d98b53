"""Round 6 sourcing classes: first-person reporting, sources given next to a claim, and shares of things.

Every draft below was written for these tests (a library workshop, a newsletter, a permit form, a help
desk, an orchard, a canal, a choir); none reuses the wording of the blind drafts, the corpus or the rule
examples. Each positive test checks the rule id, line and column; each false-alarm class has a negative
test of its own, next to a sentence of the same shape that still fires without its context.
"""

from __future__ import annotations

from copydesk import lint_text


def hits(text: str, path: str = "post.md") -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith("sourcing.")]


# --- Other genres: first-person reporting posts --------------------------------------------------------

WORKSHOP_MD = """\
# Notes from the catalogue workshop

Last Thursday we ran a two-hour workshop with fourteen branch librarians from across the county.

Nine of them had tried the new catalogue search before the session. Others said they had been waiting for training before switching over.

Most agreed that the old filters were easier to find. A few wanted the date filter moved back to the left.

One participant said the new layout "feels like a shopping site", which we took as a mixed review.

Some might say a workshop of fourteen people proves nothing. We think it is a good start.

Library consultants say that every catalogue redesign costs a year of lower use.
"""


def test_workshop_post_quiet_on_its_own_participants_but_not_on_outside_experts():
    # "Others said" and "Most agreed" point back to the fourteen librarians; "some might say" is the
    # writer's aside; only the consultants (line 13) are an unnamed group making a claim.
    assert hits(WORKSHOP_MD) == [("sourcing.WeaselSource", 13, 1)]


def test_the_same_groups_fire_without_the_workshop():
    text = "# Catalogue\n\nOthers said they had been waiting for training.\n\nMost agreed that the old filters were easier.\n"
    assert hits(text) == [("sourcing.WeaselSource", 3, 1), ("sourcing.WeaselSource", 5, 1)]


NEWSLETTER_MD = """\
# Six months of this newsletter

I started sending this newsletter in April, and I promised myself I would share the numbers.

The list now has 2,140 subscribers. According to my mailing tool's dashboard, about 41 percent of subscribers open a typical issue, and 27 percent of readers clicked at least one link in the September issue.

Roughly one in five new sign-ups came from the podcast interview I did in June.

Honestly, I expected the open rate to fall as the list grew. Some told me it would.

Studies show that shorter newsletters get more clicks, so I will try that next month.
"""


def test_newsletter_post_own_analytics_are_sourced_and_a_vague_study_is_not():
    # The dashboard sources the figures; "Some told me" is the writer's own reporting; "Studies show"
    # (line 11) cites nobody.
    assert hits(NEWSLETTER_MD) == [("sourcing.UnnamedStudy", 11, 1)]


PERMIT_HTML = """\
<html><body>
<h1>Field notes: testing the permit form with residents</h1>
<p>Over two weeks my colleague and I sat with 22 residents at the town hall while they filled in the new permit form.</p>
<p>Most of them finished in under five minutes. Several said the address step was confusing, and two people gave up at the payment page.</p>
<p>We asked everyone what they would change. Many suggested a progress bar; others wanted to save the form and come back later.</p>
<p>It could be argued that a town-hall setting is friendlier than a kitchen table at night.</p>
<p>Parking experts have long warned that permit schemes push cars into side streets.</p>
</body></html>
"""


def test_permit_field_notes_in_html():
    assert hits(PERMIT_HTML, "notes.html") == [("sourcing.WeaselSource", 7, 4)]


HELPDESK_TXT = """\
Quarterly report: our help desk, July to September

This quarter our help desk answered 3,480 tickets, up from 2,910 in the spring.

From our ticket system: 62 percent of tickets were closed within one working day, and three in ten tickets were about password resets.

We interviewed eight staff members who use the desk often. Some told us the new portal is slow on older laptops. Others said they prefer to phone.

Three in ten offices in the region still run the old portal.
"""


def test_helpdesk_report_in_plain_text():
    # The ticket system sources its own figures and the interviews source "Some"/"Others"; the last
    # figure is about offices in the region, which the report never measured (line 9).
    assert hits(HELPDESK_TXT, "report.txt") == [("sourcing.UnsourcedStatistic", 9, 1)]


# --- Recall: shares of things and vague institutions ---------------------------------------------------


def test_ratio_of_things_as_a_subject():
    text = (
        "# Orchards\n\n"
        "Close to four in ten orchards in the valley lost their blossom to the April frost.\n\n"
        "## Water\n\n"
        "Two out of three ponds on the estate were dry by July.\n"
    )
    assert hits(text) == [("sourcing.UnsourcedStatistic", 3, 1), ("sourcing.UnsourcedStatistic", 7, 1)]


def test_ratio_of_things_not_a_subject_or_sourced():
    text = (
        "# Orchards\n\n"
        "The picking crew filled three in ten minutes.\n\n"
        "The county orchard census found that four in ten orchards lost their blossom.\n"
    )
    assert hits(text) == []


def test_vague_institution_is_no_source():
    md = (
        "# Canal\n\n"
        "Research from a university team suggests that the lock gates are wearing faster than expected.\n\n"
        "Engineers at a European institute say the towpath should close in winter.\n"
    )
    assert hits(md) == [("sourcing.UnnamedStudy", 3, 1), ("sourcing.WeaselSource", 5, 1)]
    html = "<p>A study published in a journal found that the water is cleaner.</p>\n"
    assert hits(html, "canal.html") == [("sourcing.UnnamedStudy", 1, 4)]


def test_named_institution_is_a_source():
    text = (
        "# Canal\n\n"
        "Research from the University of Dunmore suggests that the lock gates are wearing faster.\n\n"
        "A study published in the journal Waterways found that the water is cleaner.\n\n"
        "Engineers at the canal trust say the towpath should close in winter.\n"
    )
    assert hits(text) == []


# --- Precision: a source next to the claim -------------------------------------------------------------


def test_group_before_a_colon_lead_in_to_linked_articles():
    text = (
        "# Choir\n\n"
        "Many voice coaches now recommend shorter warm-ups. Here are two of their articles:\n\n"
        "[Warm-ups that fit a lunch break](https://example.org/warm)\n\n"
        "[Five minutes is enough](https://example.org/five)\n"
    )
    assert hits(text) == []
    unlinked = text.replace(
        "[Warm-ups that fit a lunch break](https://example.org/warm)", "Warm-ups"
    ).replace("[Five minutes is enough](https://example.org/five)", "Five minutes")
    assert hits(unlinked) == [("sourcing.WeaselSource", 3, 1)]


def test_list_items_under_a_lead_in_of_what_we_heard():
    text = (
        "# Recruiting\n\n"
        "Below are a few things we heard from colleagues at other agencies:\n\n"
        "* The hiring process is often considered slow.\n"
        "* Many candidates say the job titles are unclear.\n"
    )
    assert hits(text) == []
    plain = text.replace("we heard from colleagues at other agencies", "matter")
    assert hits(plain) == [("sourcing.PassiveAttribution", 5, 22), ("sourcing.WeaselSource", 6, 3)]


def test_perception_passive_with_its_holder_named_next():
    text = (
        "# Ferries\n\n"
        "A faster crossing is seen as essential for the island. Maren Holt, who chairs the ferry users' group, "
        "believes the timetable should change first.\n"
    )
    assert hits(text) == []
    alone = "# Ferries\n\nA faster crossing is seen as essential for the island.\n"
    assert hits(alone) == [("sourcing.PassiveAttribution", 3, 19)]


def test_a_story_read_as_a_parable_is_no_claim():
    text = "# Talk\n\nThe tale of the two wells is often read as a parable about sharing. This is a claim.\n"
    assert hits(text) == []
    claim = "# Talk\n\nThe new well is often seen as a threat to the old one.\n"
    assert hits(claim) == [("sourcing.PassiveAttribution", 3, 14)]


def test_paired_maxims_are_no_claim_but_paired_views_are():
    maxims = (
        "# Habits\n\nSome say you should plan the week on Sunday. Others say you should plan it on Friday.\n"
    )
    assert hits(maxims) == []
    views = "# Habits\n\nSome say the levy is unfair. Others say it is overdue.\n"
    assert hits(views) == [("sourcing.WeaselSource", 3, 1), ("sourcing.WeaselSource", 3, 30)]


def test_official_sources_after_a_named_agency():
    text = (
        "# Records\n\n"
        "A student asked the Bureau of Land Records (BLR) to publish the 1890 maps.\n\n"
        "Official sources explain that the maps are too fragile to scan.\n"
    )
    assert hits(text) == []
    alone = "# Records\n\nA student asked for the 1890 maps.\n\nOfficial sources explain that the maps are too fragile.\n"
    assert hits(alone) == [("sourcing.AnonymousSource", 5, 1)]
