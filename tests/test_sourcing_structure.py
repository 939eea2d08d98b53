"""Round 4 sourcing classes, read by structure rather than by word list.

Groups: any reporting or belief verb after a perfect or a catenative ("have hinted that", "tend to
say"), nouns for people beyond agent suffixes (nominalised adjectives: "locals", "regulars"), a
capitalised common word or a place before the group, and a comma aside between group and verb.
Anonymity: a reason given after the verb, a placed or affiliated source, a source described by what
it knows ("acquainted with", "briefed on"), a pronoun so described ("those close to her say").
False alarms: products and things with a plain object, and people the draft has just counted.

Every draft below was written for these tests (a ferry, a bakery, a county road, a mine and a
library); none reuses the wording of the blind drafts, the rule examples or the issue. Each positive
test checks the rule id, line and column; each false-alarm class is a negative test of its own.
"""

from __future__ import annotations

from copydesk import lint_text


def hits(text: str, path: str = "story.md") -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith("sourcing.")]


GROUPS_MD = """\
# Ferry fares rise in spring

The operator confirmed the new fares on Tuesday.

Hauliers have speculated that they will move freight to the night sailing.

Weekday regulars insist that the crossing is slower than it was.

Kilbride locals tend to say that the winter timetable is a myth.

Cyclists on the lower deck, who pay the same fare as cars, have complained that the racks are full.

Ticket agents have long argued that the kiosk loses money.
"""


def test_groups_by_structure_in_markdown():
    text = GROUPS_MD
    assert hits(text) == [
        ("sourcing.WeaselSource", 5, 1),  # "speculate" is not a people-only verb: perfect + clause
        ("sourcing.WeaselSource", 7, 1),  # a nominalised adjective, capitalised common word first
        ("sourcing.WeaselSource", 9, 1),  # a place before the people of the place, catenative
        ("sourcing.WeaselSource", 11, 1),  # place, then a comma aside, then the verb
        ("sourcing.WeaselSource", 13, 1),  # "have long argued"
    ]


GROUPS_HTML = """\
<html><body>
<h1>Bakery queue on Mill Street</h1>
<p>The bakery opened at six.</p>
<p>Customers near the back door, who had waited an hour,
have grumbled that the new oven is too small.</p>
<p>Most bread machines assume a steady kitchen temperature.</p>
</body></html>
"""


def test_groups_across_lines_in_html_and_things_are_not_sources():
    # The aside and the verb are on the next line; "bread machines" with a plain object is a product.
    assert hits(GROUPS_HTML, "queue.html") == [("sourcing.WeaselSource", 4, 4)]


def test_a_name_or_organisation_before_the_group_still_names_it():
    text = (
        "# Survey\n\nThe council met.\n\n"
        "Stanford geologists have suggested that the slope is stable.\n\n"
        "NHS nurses have suggested that the ward should reopen.\n\n"
        "Our engineers have suggested that the slope is stable.\n"
    )
    assert hits(text) == []


def test_reporting_verbs_without_perfect_or_catenative_do_not_make_a_group():
    # "stress" is not a people-only verb; with "also" it describes documents, not a crowd's claim.
    text = "# Jobs\n\nJob announcements also stress that applicants must hold a licence.\n"
    assert hits(text) == []


ANON_TXT = """\
County road closure

The county closed Ridge Road on Monday after a culvert failed, said a
road crew member who asked not to be identified.

A clerk at the county's main permit office, who spoke on condition of
anonymity because she was not cleared to talk, said the permits were held back.

Engineers are weighing a full rebuild, according to individuals acquainted with
the contract discussions.

Those close to the commissioner say that the vote will be delayed.
"""


def test_anonymity_by_structure_in_plain_text():
    text = ANON_TXT
    lines = text.splitlines()
    assert hits(text, "road.txt") == [
        ("sourcing.DescribedAnonymousSource", 3, lines[2].index("said a") + 1),  # reason after the verb
        ("sourcing.DescribedAnonymousSource", 6, 1),  # placed source, reason across a line break
        ("sourcing.DescribedAnonymousSource", 9, lines[8].index("according") + 1),  # what they know
        ("sourcing.DescribedAnonymousSource", 12, 1),  # a pronoun described by what it knows
    ]


def test_affiliated_and_placed_sources_are_unattributed():
    text = (
        "# Mine\n\nThe mine closed.\n\n"
        "Senior officials from both unions say the pension fund is short.\n\n"
        "The shaft was sealed in March, said one source in the room.\n"
    )
    lines = text.splitlines()
    assert hits(text) == [
        ("sourcing.AnonymousSource", 5, 1),
        ("sourcing.AnonymousSource", 7, lines[6].index("said one") + 1),
    ]


def test_an_organisation_after_the_source_names_it():
    text = "# Mine\n\nThe mine closed.\n\nOfficials at the state mining board say the shaft is sealed.\n"
    assert hits(text) == []


def test_counted_people_are_not_anonymous_sources():
    text = (
        "# Library hours\n\n"
        "- In our reader survey, 31 of the 40 people asked said they wanted later hours.\n\n"
        "Three people said they would rather keep the Sunday opening.\n"
    )
    assert hits(text) == []


def test_uncounted_people_are_still_anonymous_sources():
    text = (
        "# Library hours\n\nThe library will open later.\n\nThree people said the Sunday opening is gone.\n"
    )
    assert hits(text) == [("sourcing.AnonymousSource", 5, 1)]


def test_a_verb_ending_in_ed_is_not_a_description():
    # "announced on" is the verb and its adjunct, not "familiar with"-style knowledge.
    text = "# Arrest\n\nThe march ended.\n\nOfficials announced on Friday that the curfew ends.\n"
    assert hits(text) == []


def test_a_belief_clause_without_that_and_an_object_that_is_not_one():
    text = (
        "# Roadworks\n\nThe council began the works.\n\n"
        "Stallholders fear the closure will keep shoppers away.\n\n"
        "Stallholders expect deliveries at dawn.\n"
    )
    assert hits(text) == [("sourcing.WeaselSource", 5, 1)]


def test_of_phrases_residents_and_participle_reasons():
    text = (
        "# Estate lifts\n\nThe lifts failed again.\n\n"
        "Tenants of the east block have long complained that the repairs never last.\n\n"
        "Neighbours say the night work keeps them awake.\n\n"
        "Two caretakers, speaking on condition of anonymity, said the parts were never ordered.\n"
    )
    assert hits(text) == [
        ("sourcing.WeaselSource", 5, 1),
        ("sourcing.WeaselSource", 7, 1),
        ("sourcing.DescribedAnonymousSource", 9, 1),
    ]


def test_a_description_naming_an_organisation_is_still_a_description():
    text = (
        "# Budget\n\nThe board met.\n\n"
        "A person with knowledge of the board's closed sessions said the vote is set.\n"
    )
    assert hits(text) == [("sourcing.DescribedAnonymousSource", 5, 1)]
