"""Mini-round 9b sourcing classes: a place word after a determiner read as a verb ("someone at the
counter"), a single unnamed person of a listed everyday kind (a rider, a patron), a stated reason for
anonymity beside a capitalised place, a clause without "that" whose verb is an irregular past, and
"regard ... as" after an unnamed group.

Every sentence below was written for these tests (a tram shed, a bike workshop, a swimming baths, a
chandlery); none reuses the wording of the labeled drafts, the sentence banks or the rule examples. Each
positive asserts the rule id, line and column; each class has a quiet case of the same shape next to it.
"""

from __future__ import annotations

from copydesk import lint_text


def hits(text: str, path: str = "post.md") -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith("sourcing.")]


# --- A noun after "the" is never the verb of "someone at ..." --------------------------------------------


def test_someone_at_a_place_named_like_a_verb_who_only_acts_is_quiet():
    text = "# Shed\n\nA fitter rang in, someone at the counter logged the fault on a card, and the card went up.\n"
    assert hits(text) == []


def test_someone_at_a_place_named_like_a_verb_who_speaks_is_flagged():
    text = "# Shed\n\nTrams were late all week.\n\nSomeone at the counter said the fault was in the points.\n"
    assert hits(text) == [("sourcing.AnonymousSource", 5, 1)]


# --- A single unnamed person of an everyday kind ---------------------------------------------------------


def test_a_patron_at_a_place_with_a_verb_of_saying_is_flagged():
    text = "# Baths\n\nThe baths reopened on Monday.\n\nA patron at the deep end said the water was still cold.\n"
    assert hits(text) == [("sourcing.AnonymousSource", 5, 1)]


def test_a_rider_as_a_plain_subject_of_an_action_is_quiet():
    text = (
        "# Workshop\n\nThe workshop opens at nine.\n\nA rider must book a slot before bringing a bike in.\n"
    )
    assert hits(text) == []


# --- A reason for anonymity beside a capitalised place ---------------------------------------------------


def test_reason_for_anonymity_keeps_a_source_unnamed_beside_a_capitalised_place():
    html = (
        "<h1>Chandlery</h1>\n<p>Stock ran low in June.</p>\n"
        "<p>One rigger at the Saltmarsh yard, who asked not to be named, said orders had doubled.</p>\n"
    )
    assert hits(html, "chandlery.html") == [("sourcing.DescribedAnonymousSource", 3, 4)]


def test_capitalised_place_without_a_reason_still_names_the_source():
    html = "<h1>Chandlery</h1>\n<p>Stock ran low in June.</p>\n<p>One rigger at the Saltmarsh yard said orders had doubled.</p>\n"
    assert hits(html, "chandlery.html") == []


# --- A clause without "that" whose verb is an irregular past ---------------------------------------------


def test_bare_plural_feel_before_a_clause_in_an_irregular_past_is_flagged():
    text = "Tram shed\n\nThe shed roof leaked all winter.\n\nCommuters along the route feel the depot\nkept them waiting far too long.\n"
    assert hits(text, "shed.txt") == [("sourcing.WeaselSource", 5, 1)]


def test_bare_plural_feel_with_a_plain_object_is_quiet():
    text = "Tram shed\n\nThe shed roof leaked all winter.\n\nCommuters along the route feel the draught on the platform.\n"
    assert hits(text, "shed.txt") == []


# --- "regard ... as" after an unnamed group --------------------------------------------------------------


def test_quantified_group_regarding_something_as_a_judgement_is_flagged():
    text = "# Baths\n\nThe baths reopened.\n\nSeveral swimmers regard the new fee as a charge on the old.\n"
    assert hits(text) == [("sourcing.WeaselSource", 5, 1)]


def test_quantified_group_regarding_without_as_is_quiet():
    text = "# Baths\n\nThe baths reopened.\n\nMany swimmers regard the clock before the last length.\n"
    assert hits(text) == []
