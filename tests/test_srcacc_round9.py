"""Round 9 sourcing classes: the subject noun phrase with its post-modifiers (places, a relative clause with or
without its pronoun, a participle phrase) before a reporting or belief verb; unnamed people described by what
they know, called unnamed, or quoted on a reason for anonymity before or after the verb; studies the writer
only came across, results that went round online, studies with plain modifiers; impersonal set phrases and
criticism with no critic; and the writer's own research silencing a group only near it.

Every sentence below was written for these tests (an angling club, a canal towpath, a ferry, a clinic, an
auction house, an allotment, a foundry); none reuses the wording of the labeled drafts, the sentence banks or
the rule examples. Each positive asserts the rule id, line and column in Markdown, HTML or plain text; each
class has a quiet case of the same shape next to it.
"""

from __future__ import annotations

from copydesk import lint_text


def hits(text: str, path: str = "post.md") -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith("sourcing.")]


# --- Post-modifiers between the group and its verb ------------------------------------------------------


def test_a_place_and_a_relative_clause_without_its_pronoun():
    text = "# Reservoir\n\nThe water rose in March.\n\nAnglers on the message boards I read maintain that the lake is overstocked.\n"
    assert hits(text) == [("sourcing.WeaselSource", 5, 1)]


def test_the_writer_s_own_interviews_in_the_relative_clause_stay_quiet():
    quiet = (
        "# Reservoir\n\nThe water rose in March.\n\nAnglers I interviewed at the weir maintain that the lake is "
        "overstocked.\n\nAnglers at the Tarnbeck Angling Club maintain that the lake is overstocked.\n"
    )
    assert hits(quiet) == []


def test_two_places_with_a_place_name_before_a_place_noun_in_plain_text():
    text = (
        "Bins\n\nCollections moved to Thursdays.\n\n"
        "Shop owners on two streets of the Millbrook quarter have complained that the bins overflow.\n"
    )
    assert hits(text, "bins.txt") == [("sourcing.WeaselSource", 5, 1)]


def test_a_body_after_the_group_names_it():
    quiet = "Bins\n\nCollections moved to Thursdays.\n\nLibrarians at the Millbrook Library have complained that the bins overflow.\n"
    assert hits(quiet, "bins.txt") == []


def test_a_participle_phrase_after_the_group_in_html():
    html = (
        "<h1>Towpath</h1>\n<p>The towpath reopened in June.</p>\n"
        "<p>Cyclists using the towpath at night insist that the surface is dangerous.</p>\n"
    )
    assert hits(html, "towpath.html") == [("sourcing.WeaselSource", 3, 4)]


def test_a_participle_phrase_without_a_reporting_verb_stays_quiet():
    quiet = "<h1>Towpath</h1>\n<p>Cyclists using the towpath at night must carry lights.</p>\n"
    assert hits(quiet, "towpath.html") == []


def test_a_quantified_group_at_an_unnamed_organisation():
    text = "# Clinic\n\nThe rota changed in May.\n\nSeveral nurses at the clinic contend that the new rota is unsafe.\n"
    assert hits(text) == [("sourcing.WeaselSource", 5, 1)]


def test_a_quantified_group_at_a_named_organisation_stays_quiet():
    quiet = "# Clinic\n\nThe rota changed in May.\n\nSeveral nurses at St Aldric's Clinic contend that the new rota is unsafe.\n"
    assert hits(quiet) == []


def test_the_last_word_of_a_firm_s_name_is_no_name_of_its_own():
    text = (
        "# Flour\n\nThe loaf comes from Harbour Lane Bakers.\n\n"
        "Bakers across the county have long argued that flour is too dear.\n"
    )
    assert hits(text) == [("sourcing.WeaselSource", 5, 1)]


def test_a_capitalised_plural_the_draft_uses_alone_mid_sentence_is_a_name():
    quiet = (
        "# Path\n\nThe petition came in on Monday, said Walkers, the warden.\n\n"
        "Walkers insist that the path must stay open.\n"
    )
    assert hits(quiet) == []


def test_a_quantified_group_with_a_stance_adjective_in_plain_text():
    text = "Derby\n\nThe match is on Sunday.\n\nMany supporters are convinced the referee favours the visitors.\n"
    assert hits(text, "derby.txt") == [("sourcing.WeaselSource", 5, 1)]


def test_a_quantified_group_in_the_past_progressive_stays_quiet():
    quiet = "Derby\n\nThe match is on Sunday.\n\nMany supporters were waiting at the gate.\n"
    assert hits(quiet, "derby.txt") == []


# --- Unnamed single sources: a reason, what they know, "unnamed", "someone" ------------------------------


def test_according_to_a_source_who_requested_anonymity_at_the_start():
    text = "# Wards\n\nThe wing closed in May.\n\nAccording to a porter who requested anonymity, the lifts failed twice.\n"
    assert hits(text) == [("sourcing.DescribedAnonymousSource", 5, 1)]


def test_a_source_who_asked_not_to_be_named_in_html():
    html = (
        "<h1>Ferry</h1>\n<p>The ferry sails at six.</p>\n"
        "<p>A deckhand who spoke on condition that she not be named said the crossing was cancelled.</p>\n"
    )
    assert hits(html, "ferry.html") == [("sourcing.DescribedAnonymousSource", 3, 4)]


def test_a_named_source_and_a_withheld_payment_stay_quiet():
    quiet = (
        "# Wards\n\nThe wing closed in May.\n\nAccording to a porter, Sam Okafor, the lifts failed twice.\n\n"
        "A tenant who withheld rent said the boiler failed.\n"
    )
    assert hits(quiet) == []


def test_any_noun_described_by_what_it_knows_in_plain_text():
    text = "Auction\n\nThe sale closed at noon.\n\nA buyer briefed on the auction said the reserve was too high.\n"
    assert hits(text, "auction.txt") == [("sourcing.DescribedAnonymousSource", 5, 1)]


def test_a_reason_after_the_verb():
    text = "# Studio\n\nThe game slipped to spring.\n\nA tester at the studio told me off the record that the build is unstable.\n"
    assert hits(text) == [("sourcing.DescribedAnonymousSource", 5, 1)]


def test_a_buyer_named_in_apposition_stays_quiet():
    quiet = (
        "Auction\n\nThe sale closed at noon.\n\n"
        "A buyer familiar with the lots, Jo Park, said the reserve was too high.\n"
    )
    assert hits(quiet, "auction.txt") == []


def test_anyone_the_sentence_calls_unnamed_in_html():
    html = "<h1>Ground</h1>\n<p>The gates opened at two.</p>\n<p>An unnamed steward at the ground said the gates opened late.</p>\n"
    assert hits(html, "ground.html") == [("sourcing.AnonymousSource", 3, 4)]


def test_someone_at_a_place_with_a_verb_of_saying():
    text = "# Council\n\nThe vote is on Friday.\n\nSomeone inside the council told me the vote is settled.\n"
    assert hits(text) == [("sourcing.AnonymousSource", 5, 1)]


def test_someone_generic_and_a_steward_without_speech_stay_quiet():
    quiet = (
        "# Council\n\nSomeone who has never cooked will find the recipe hard.\n\n"
        "An unnamed steward opened the gates late.\n"
    )
    assert hits(quiet) == []


def test_described_as_is_a_claim_of_an_unnamed_source():
    text = (
        "# Club\n\nThe striker limped off.\n\nOne source close to the club described the injury as serious.\n"
    )
    assert hits(text) == [("sourcing.DescribedAnonymousSource", 5, 1)]


# --- Studies: hearsay, online, plain modifiers -----------------------------------------------------------


def test_a_survey_the_writer_only_came_across():
    text = "# Bikes\n\nI ride to work.\n\nOne survey I came across claimed that cyclists rarely lock their wheels.\n"
    assert hits(text) == [("sourcing.UnnamedSurvey", 5, 1)]


def test_a_survey_the_writer_ran_stays_quiet():
    quiet = "# Bikes\n\nI ride to work.\n\nA survey I ran in May found that the club prefers evening rides.\n"
    assert hits(quiet) == []


def test_results_that_went_round_online_in_plain_text():
    text = "Ferry\n\nThe route is under review.\n\nFigures circulating online suggest that the ferry loses money.\n"
    assert hits(text, "ferry.txt") == [("sourcing.UnnamedStudy", 5, 1)]


def test_results_with_their_publisher_stay_quiet():
    quiet = "Ferry\n\nThe route is under review.\n\nFigures published online by the Harbour Board show that the ferry loses money.\n"
    assert hits(quiet, "ferry.txt") == []


def test_a_study_with_plain_modifiers_in_html():
    html = "<h1>Plots</h1>\n<p>The allotments reopen in April.</p>\n<p>Independent soil tests found lead in the beds.</p>\n"
    assert hits(html, "plots.html") == [("sourcing.UnnamedStudy", 3, 4)]


def test_the_writer_s_own_tests_and_a_named_lab_stay_quiet():
    quiet = (
        "<h1>Plots</h1>\n<p>We sampled every bed in March. Soil tests found lead in the beds.</p>\n"
        "<p>Harwell soil tests found lead in the beds.</p>\n"
    )
    assert hits(quiet, "plots.html") == []


# --- Impersonal set phrases and criticism with no critic -------------------------------------------------


def test_an_impersonal_set_phrase():
    text = "# Foundry\n\nThe furnace is cold.\n\nWord is that the foundry will close by winter.\n"
    assert hits(text) == [("sourcing.PassiveAttribution", 5, 1)]


def test_criticism_with_no_critic_in_plain_text():
    text = "Museum\n\nThe east wing shut in May.\n\nThe museum has drawn sharp criticism for the closure.\n"
    assert hits(text, "museum.txt") == [("sourcing.PassiveAttribution", 5, 16)]


def test_criticism_with_its_critic_stays_quiet():
    quiet = "Museum\n\nThe east wing shut in May.\n\nThe museum has drawn criticism from the Friends of the Gallery.\n"
    assert hits(quiet, "museum.txt") == []


# --- The writer's own research silences a group only near it ---------------------------------------------


def test_an_interview_three_paragraphs_back_does_not_source_a_new_group():
    text = (
        "# Quota\n\nIn May I interviewed the harbour master.\n\nThe quota was set in 2019.\n\n"
        "It has not changed since.\n\nMany fishermen believe the quota is too low.\n"
    )
    assert hits(text) == [("sourcing.WeaselSource", 9, 1)]


def test_the_group_the_writer_just_interviewed_stays_quiet():
    quiet = "# Quota\n\nIn May I interviewed forty fishermen on the quay. Many fishermen believe the quota is too low.\n"
    assert hits(quiet) == []


def test_a_sentence_led_by_a_named_account_is_reported_speech():
    quiet = "# Club\n\nAccording to Ortega, the club lost members because many disagreed with the fee.\n"
    assert hits(quiet) == []


# --- A measure that moved by an amount ------------------------------------------------------------------


def test_a_trend_with_no_source():
    text = "# Lanes\n\nThe lanes were resurfaced in 2019.\n\nThe county is quiet.\n\nBike thefts have tripled since then.\n"
    assert hits(text) == [("sourcing.UnsourcedStatistic", 7, 1)]


def test_a_trend_in_plain_text_and_html():
    assert hits(
        "Rents\n\nThe old town is busy.\n\nRents in the old town are up 30 percent on last year.\n", "r.txt"
    ) == [("sourcing.UnsourcedStatistic", 5, 1)]
    html = "<h1>Lanes</h1>\n<p>The lanes are narrow.</p>\n<p>Hedge cover along the lanes has dropped by a fifth since 1990.</p>\n"
    assert hits(html, "lanes.html") == [("sourcing.UnsourcedStatistic", 3, 4)]


def test_the_writer_s_own_measure_and_a_trend_with_its_source_stay_quiet():
    quiet = (
        "# Build\n\nIn our benchmark, build time dropped 40 percent after the upgrade.\n\n"
        "The county survey found that burglaries fell 12 percent last year.\n\nIt rose 5 percent in May.\n"
    )
    assert hits(quiet) == []


def test_a_trend_over_a_span_and_a_measured_comparison():
    text = "# Asthma\n\nThe clinic opened in 2001.\n\nAsthma rates have risen steadily every year for two decades.\n"
    assert hits(text) == [("sourcing.UnsourcedStatistic", 5, 1)]
    text = "Remote\n\nThe office reopened in May.\n\nRemote workers are 13 percent more productive than those in the office.\n"
    assert hits(text, "remote.txt") == [("sourcing.UnsourcedStatistic", 5, 1)]


def test_a_river_or_a_cost_that_rose_is_no_statistic_about_a_population():
    quiet = "# River\n\nThe river has risen since Monday.\n\nFuel costs have risen for three years.\n"
    assert hits(quiet) == []


# --- More shapes of the subject ------------------------------------------------------------------------


def test_an_organisation_deeper_in_the_post_modifier_is_not_the_group_s_own():
    text = "# Bus\n\nThe route changed in May.\n\nParents of pupils at the village school have long complained that the bus is late.\n"
    assert hits(text) == [("sourcing.WeaselSource", 5, 1)]
    quiet = "# Bus\n\nThe route changed in May.\n\nTeachers at the village school have long complained that the bus is late.\n"
    assert hits(quiet) == []


def test_a_bare_quantifier_with_a_relative_clause_and_an_aside_in_plain_text():
    text = (
        "Levy\n\nThe levy starts in June.\n\nMany who work in the trade believe the levy will double.\n\n"
        "Critics of the levy, including several bakers, argue that it will cost jobs.\n"
    )
    assert hits(text, "levy.txt") == [("sourcing.WeaselSource", 5, 1), ("sourcing.WeaselSource", 7, 1)]


def test_a_group_described_by_what_it_knows_and_a_phrase_verb_in_html():
    html = (
        "<h1>Bridge</h1>\n<p>The bridge reopens in May.</p>\n"
        "<p>Engineers familiar with the design have questioned whether the deck can carry buses.</p>\n"
        "<p>Local shopkeepers have voiced concern that the closure will drive customers away.</p>\n"
    )
    assert hits(html, "bridge.html") == [("sourcing.WeaselSource", 3, 4), ("sourcing.WeaselSource", 4, 4)]


def test_told_someone_that_after_a_quantified_group():
    text = "# Flood\n\nThe river rose overnight.\n\nSome farmers in the valley told the council that the banks had failed.\n"
    assert hits(text) == [("sourcing.WeaselSource", 5, 1)]
    quiet = "# Flood\n\nThe river rose overnight.\n\nSome farmers in the valley told the council about the banks.\n"
    assert hits(quiet) == []
