"""One test (or a few) per Vale rule kind, after Vale's feature files (rewritten with our own texts)."""

from __future__ import annotations

from vale_helpers import lint


def test_existence_reports_each_token_with_vale_message_and_position(tmp_path):
    out = lint(
        tmp_path,
        {
            "T/Hedge": """\
        extends: existence
        message: "Consider removing '%s'."
        level: warning
        ignorecase: true
        tokens:
          - basically
          - sort of
        """
        },
        "# Notes\n\nIt was basically fine.\n\nSort of odd, basically.\n",
    )
    assert out == [
        "test.md:3:8:T.Hedge:Consider removing 'basically'.",
        "test.md:5:1:T.Hedge:Consider removing 'Sort of'.",
        "test.md:5:14:T.Hedge:Consider removing 'basically'.",
    ]


def test_existence_word_boundaries_nonword_raw_and_exceptions(tmp_path):
    out = lint(
        tmp_path,
        {
            "T/Word": """\
            extends: existence
            message: "'%s'"
            tokens: [cat]
            exceptions: [Cat]
            """,
            "T/Bang": """\
            extends: existence
            message: "Bang: '%s'"
            nonword: true
            tokens: ['!{2,}']
            """,
            "T/Passive": """\
            extends: existence
            message: "'%s' may be passive."
            ignorecase: true
            raw: ['\\b(?:was|were)\\s+']
            tokens: ['\\w+ed']
            """,
        },
        "The cat sat; a catalogue; Cat food!!\n\nThe ball was kicked.\n",
    )
    assert out == [
        "test.md:1:5:T.Word:'cat'",
        "test.md:1:35:T.Bang:Bang: '!!'",
        "test.md:3:10:T.Passive:'was kicked' may be passive.",
    ]


def test_substitution_suggests_the_preferred_form_and_skips_the_right_one(tmp_path):
    out = lint(
        tmp_path,
        {
            "T/Terms": """\
        extends: substitution
        message: "Use '%s' instead of '%s'."
        level: error
        ignorecase: true
        swap:
          java script: JavaScript
          e-mail: email
          (?:log in|login) to: log in to
        """
        },
        "We write java script and JavaScript.\n\nSend an E-mail, then login to the site.\n",
    )
    assert out == [
        "test.md:1:10:T.Terms:Use 'JavaScript' instead of 'java script'.",
        "test.md:3:9:T.Terms:Use 'email' instead of 'E-mail'.",
        "test.md:3:22:T.Terms:Use 'log in to' instead of 'login to'.",
    ]


def test_substitution_replace_action_lists_options_once_quoted(tmp_path):
    out = lint(
        tmp_path,
        {
            "T/Phone": """\
        extends: substitution
        message: "Use '%s' instead of '%s'."
        action:
          name: replace
        swap:
          cell phone: phone|mobile phone
        """
        },
        "Bring a cell phone.\n",
    )
    assert out == ["test.md:1:9:T.Phone:Use 'phone' or 'mobile phone' instead of 'cell phone'."]


def test_occurrence_max_and_min(tmp_path):
    out = lint(
        tmp_path,
        {
            "T/Commas": """\
            extends: occurrence
            message: "More than two commas (%s)."
            scope: sentence
            max: 2
            token: ','
            """,
            "T/Intro": """\
            extends: occurrence
            message: "No summary heading."
            scope: raw
            min: 1
            token: '## Summary'
            """,
        },
        "# Doc\n\nOne, two, three, four. Fine, this one.\n",
    )
    assert out == [
        "test.md:1:1:T.Intro:No summary heading.",
        "test.md:3:4:T.Commas:More than two commas (3).",
    ]


def test_repetition_flags_the_pair_but_not_across_sentences(tmp_path):
    out = lint(
        tmp_path,
        {
            "T/Rep": """\
        extends: repetition
        message: "'%s' is repeated!"
        ignorecase: true
        alpha: true
        tokens: ['[^\\s]+']
        """
        },
        "This is is a test.\n\nI know that. That is all.\n\nThe the end; 42 42.\n",
    )
    assert out == [
        "test.md:1:6:T.Rep:'is' is repeated!",
        "test.md:5:1:T.Rep:'the' is repeated!",
    ]


def test_consistency_reports_the_second_spelling_in_a_file(tmp_path):
    out = lint(
        tmp_path,
        {
            "T/Spelling": """\
        extends: consistency
        message: "Inconsistent spelling of '%s'."
        ignorecase: true
        either:
          colour: color
        """
        },
        "The colour is nice.\n\nAnother color here.\n",
    )
    assert out == ["test.md:3:9:T.Spelling:Inconsistent spelling of 'color'."]


def test_conditional_needs_a_definition_for_each_acronym(tmp_path):
    out = lint(
        tmp_path,
        {
            "T/Acronyms": """\
        extends: conditional
        message: "'%s' has no definition."
        first: '\\b([A-Z]{3,5})\\b'
        second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
        exceptions: [API]
        """
        },
        "The World Health Organization (WHO) met.\n\nThe WHO and the NBA use an API.\n",
    )
    assert out == ["test.md:3:17:T.Acronyms:'NBA' has no definition."]


def test_capitalization_title_and_sentence_case(tmp_path):
    out = lint(
        tmp_path,
        {
            "T/Title": """\
            extends: capitalization
            message: "'%s' should be in title case ('%s')."
            scope: heading.h1
            match: $title
            """,
            "T/Sentence": """\
            extends: capitalization
            message: "'%s' should be sentence-cased."
            scope: heading.h2
            match: $sentence
            exceptions: [GitHub]
            """,
        },
        "# a guide to the tools of the trade\n\n## Using GitHub with care\n\n## Using The Other Tools\n",
    )
    assert out == [
        "test.md:1:3:T.Title:'a guide to the tools of the trade' should be in title case "
        "('A Guide to the Tools of the Trade').",
        "test.md:5:4:T.Sentence:'Using The Other Tools' should be sentence-cased.",
    ]


def test_capitalization_lower_upper_and_pattern(tmp_path):
    out = lint(
        tmp_path,
        {
            "T/Upper": """\
            extends: capitalization
            message: "'%s' must be upper case."
            scope: heading.h3
            match: $upper
            """,
            "T/Pattern": """\
            extends: capitalization
            message: "'%s' must start with a verb."
            scope: heading.h2
            match: '^(?:Install|Run|Use)\\b'
            """,
        },
        "## Install it\n\n## The tools\n\n### NOTE\n\n### Note\n",
    )
    assert out == [
        "test.md:3:4:T.Pattern:'The tools' must start with a verb.",
        "test.md:7:5:T.Upper:'Note' must be upper case.",
    ]


def test_metric_formula_and_condition(tmp_path):
    out = lint(
        tmp_path,
        {
            "T/Sections": """\
        extends: metric
        message: "This page has %s sections; split it."
        formula: heading.h2 + heading.h3
        condition: "> 2"
        """
        },
        "# A\n\n## B\n\n## C\n\n### D\n\ntext\n",
    )
    assert out == ["test.md:1:1:T.Sections:This page has 3.00 sections; split it."]


def test_spelling_builtin_dictionary_filters_and_ignore_file(tmp_path):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "words.txt").write_text("frobnicate\n", encoding="utf-8")
    out = lint(
        tmp_path,
        {
            "T/Spell": """\
        extends: spelling
        message: "Did you really mean '%s'?"
        ignore: [words.txt]
        filters: ['[pP]y.*\\b']
        """
        },
        "We frobnicate the recieve queue with PyTorch and pyenv.\n\nThe NASA MacBook is fine.\n",
    )
    assert out == ["test.md:1:19:T.Spell:Did you really mean 'recieve'?"]


def test_sequence_uses_part_of_speech_tags(tmp_path):
    out = lint(
        tmp_path,
        {
            "T/BeTo": """\
        extends: sequence
        message: "Did you mean '%[2]s %[3]s to %[4]s'?"
        tokens:
          - tag: MD
          - pattern: be
          - tag: JJ
          - tag: VB|VBP
        """
        },
        "It would be great write a story.\n\nIt would be great to write a story.\n",
    )
    assert out == ["test.md:1:4:T.BeTo:Did you mean 'be great to write'?"]


def test_readability_grade(tmp_path):
    hard = (
        "Institutional considerations notwithstanding, comprehensive organizational "
        "restructuring necessitates extraordinarily meticulous interdepartmental coordination.\n"
    )
    out = lint(
        tmp_path,
        {
            "T/Grade": """\
        extends: readability
        message: "Grade level %s is too high."
        grade: 8
        metrics: [Flesch-Kincaid]
        """
        },
        hard,
    )
    assert len(out) == 1 and out[0].startswith("test.md:1:1:T.Grade:Grade level ")


def test_script_rules_load_and_are_reported_once_as_skipped(tmp_path):
    from copydesk.vale.runner import ValeProject

    lint(
        tmp_path,
        {
            "T/Script": """\
        extends: script
        message: "Tengo"
        script: |
          text := import("text")
        """
        },
        "Hello.\n",
    )
    proj = ValeProject.load(str(tmp_path / ".vale.ini"))
    proj.validate()
    assert [n for n in proj.notices if "T.Script" in n and "skipped" in n]
