"""Round 7 sourcing classes, generalised by structure: bare plurals for people with any reporting or belief
verb (progressive, adjective of conviction, after the clause), a view held "among" a group, one unnamed
person of a place, shares of anything as a subject, and claims about "most" of a population.

Every sentence below was written for these tests (a marina, a seed library, a bus depot, a hospice, a
bakery co-operative, a ski lift, a code forge); none reuses the wording of the labeled drafts, the sentence
bank or the rule examples. Each positive asserts the rule id, line and column, in Markdown, HTML or plain
text; each class has a quiet case of the same shape next to it.
"""

from __future__ import annotations

from copydesk import lint_text


def hits(text: str, path: str = "post.md") -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith("sourcing.")]


# --- Bare plurals for people, any reporting verb with a clause ----------------------------------------


def test_bare_plural_with_any_reporting_verb_and_a_clause():
    text = "# Marina\n\nThe pontoon was rebuilt in March.\n\nSailmakers maintain that the new cleats are too small.\n"
    assert hits(text) == [("sourcing.WeaselSource", 5, 1)]


def test_bare_plural_with_a_thing_noun_and_a_procedure_verb_stays_quiet():
    # "-ments" are not people, and "confirm that" in the simple present is a step of a procedure.
    quiet = (
        "# Loans\n\nSeed packets list the sowing month.\n\nRequirements stress that borrowers return seed.\n\n"
        "Volunteers confirm that each packet is labelled before it goes on the shelf.\n"
    )
    assert hits(quiet) == []


def test_progressive_and_adjective_of_conviction_in_html():
    html = (
        "<h1>Depot</h1>\n<p>The night route was cut in June.</p>\n"
        "<p>Drivers are warning that the spare buses will not last the winter.</p>\n"
        "<p>Cleaners are increasingly convinced the depot will close.</p>\n"
    )
    assert hits(html, "depot.html") == [("sourcing.WeaselSource", 3, 4), ("sourcing.WeaselSource", 4, 4)]


def test_past_progressive_and_passive_are_not_a_vague_source():
    quiet = (
        "# Depot\n\nThe night route was cut in June.\n\nMechanics were warning drivers about ice all week.\n\n"
        "Conductors are needed on the early shift.\n"
    )
    assert hits(quiet) == []


def test_bare_plural_after_its_clause_in_plain_text():
    text = "Hospice hours\n\nThe hospice will cut its evening visits next year, carers fear.\n"
    assert hits(text, "hospice.txt") == [("sourcing.WeaselSource", 3, 52)]


def test_bare_plural_after_its_clause_in_the_simple_past_is_a_crowd():
    quiet = "Hospice hours\n\nThe hospice will cut its evening visits next year, carers said.\n"
    assert hits(quiet, "hospice.txt") == []


def test_according_to_a_bare_plural_for_people():
    text = "# Lift\n\nThe chair lift stops whenever the wind rises, according to cyclists.\n"
    assert hits(text) == [("sourcing.WeaselSource", 3, 47)]


def test_according_to_a_defined_group_is_quiet():
    quiet = "# Lift\n\nThe lift was closed for an hour, according to organizers.\n"
    assert hits(quiet) == []


def test_view_held_among_a_group():
    text = "# Co-op\n\nThere is a growing belief among bakers that rye flour will double in price.\n"
    assert hits(text) == [("sourcing.WeaselSource", 3, 20)]


def test_view_among_a_named_group_is_quiet():
    quiet = (
        "# Co-op\n\nThere is a growing belief among bakers at Halvern Mills that rye will double in price.\n"
    )
    assert hits(quiet) == []


def test_impersonal_passive_with_a_vague_agent():
    text = "# Co-op\n\nIt has been argued by some members of the trade that the levy is unfair.\n"
    assert hits(text) == [("sourcing.WeaselSource", 3, 13)]


# --- One unnamed person of a place --------------------------------------------------------------------


def test_one_unnamed_worker_as_a_source():
    text = "# Forge\n\nThe outage lasted six hours.\n\nAn engineer at the data centre said a cooling fan had failed.\n"
    assert hits(text) == [("sourcing.AnonymousSource", 5, 1)]


def test_unnamed_person_with_what_they_know_after_according_to_in_html():
    html = "<p>The outage lasted six hours, according to a contractor with knowledge of the repairs.</p>\n"
    assert hits(html, "forge.html") == [("sourcing.DescribedAnonymousSource", 1, 33)]


def test_named_or_counted_single_person_is_quiet():
    quiet = (
        "# Forge\n\nAn engineer at Corvane Systems said a cooling fan had failed.\n\n"
        "Four technicians worked through the night. One technician said the fan was new.\n\n"
        "A volunteer explained the steps to the new members.\n"
    )
    assert hits(quiet) == []


# --- Shares of anything as the subject, and "most" of a population ------------------------------------


def test_share_of_things_as_a_subject_with_a_present_verb():
    text = "# Forge\n\nAround 60 percent of hosted repositories still use the default branch name.\n"
    assert hits(text) == [("sourcing.UnsourcedStatistic", 3, 1)]


def test_share_of_things_in_a_sentence_with_a_source_or_as_an_object_is_quiet():
    quiet = (
        "# Forge\n\nAround 60 percent of hosted repositories still use the default name, the 2024 forge census found.\n\n"
        "The grant pays about 60 percent of the hosting bill.\n\n"
        "Half of the 12 mirrors in the pool are offline for repairs.\n"
    )
    assert hits(quiet) == []


def test_acronym_that_is_no_source_does_not_source_a_share():
    # "over HTTP" names what the figure is about, not who measured it; "the FCC estimates" is a source.
    text = "# Forge\n\nRoughly 30 percent of small mirrors still serve files over HTTP.\n"
    assert hits(text) == [("sourcing.UnsourcedStatistic", 3, 1)]
    quiet = "# Forge\n\nRoughly 30 percent of small mirrors still serve files over HTTP, the FCC estimates.\n"
    assert hits(quiet) == []


def test_most_of_a_population_in_the_present_is_an_unsourced_generalisation():
    text = "Lift passes\n\nMost skiers buy a season pass before November.\n"
    assert hits(text, "lift.txt") == [("sourcing.UnsourcedGeneralisation", 3, 1)]


def test_typical_person_with_a_present_verb():
    text = "# Bakery\n\nThe typical customer orders two loaves a week.\n"
    assert hits(text) == [("sourcing.UnsourcedGeneralisation", 3, 1)]


def test_most_in_the_past_of_or_after_own_method_is_quiet():
    quiet = (
        "# Bakery\n\nMost loaves sold out by noon on Saturday.\n\n"
        "Most of the ovens are older than the building.\n\n"
        "The most popular loaves use rye.\n"
    )
    assert hits(quiet) == []
    own = "# Bakery\n\nWe surveyed 80 customers in May. Most customers order two loaves a week.\n"
    assert hits(own) == []


def test_unnamed_study_with_a_verb_of_claiming():
    text = "# Forge\n\nA recent hosting study claimed that mirrors waste half their bandwidth.\n"
    assert hits(text) == [("sourcing.UnnamedStudy", 3, 1)]


def test_vocabulary_person_nouns_can_be_extended(tmp_path):
    from copydesk.config import load_config_file

    cfg = tmp_path / ".copydesk.yaml"
    cfg.write_text(
        "rules:\n  sourcing.WeaselSource:\n    person_nouns: {add: [stewards]}\n", encoding="utf-8"
    )
    text = "# Ferry\n\nStewards insist that the channel is silting up.\n"
    assert hits(text) == []  # no ending marks "stewards" as people, and it is not listed by default
    config = load_config_file(cfg)
    found = [
        (d.rule, d.line, d.column)
        for d in lint_text(text, "ferry.md", config=config)
        if d.rule.startswith("sourcing.")
    ]
    assert found == [("sourcing.WeaselSource", 3, 1)]
