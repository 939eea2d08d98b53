"""Each simple rule kind on failing and passing text: rule id, line and column asserted."""

from conftest import run_rule


def where(diags):
    return [(d.rule, d.line, d.column, d.end_column) for d in diags]


def test_existence_tokens_one_alternation_with_word_boundaries():
    rule = {"extends": "existence", "tokens": ["very", "really"], "ignorecase": True, "message": "Drop '%s'."}
    diags = run_rule(rule, "# T\n\nIt is Very good and every day really fine.\n")
    assert where(diags) == [("test.Rule", 3, 7, 11), ("test.Rule", 3, 31, 37)]
    assert diags[0].message == "Drop 'Very'."
    assert run_rule(rule, "Everything is fine.\n") == []


def test_existence_raw_with_group_and_exceptions():
    rule = {
        "extends": "existence",
        "raw": [r"\w( +[,;])"],
        "group": 1,
        "nonword": True,
        "message": "Space before '%s'.",
    }
    diags = run_rule(rule, "Ultimately , we left ; fine.\n", "a.txt")
    assert where(diags) == [("test.Rule", 1, 11, 13), ("test.Rule", 1, 21, 23)]
    rule2 = {"extends": "existence", "tokens": ["cannot"], "exceptions": ["cannot"]}
    assert run_rule(rule2, "I cannot.\n") == []


def test_existence_skips_code_urls_and_templates():
    rule = {"extends": "existence", "tokens": ["foo"]}
    text = "Use `foo` and https://foo.example.com and {{< foo >}}.\n\n```\nfoo\n```\n"
    assert run_rule(rule, text) == []


def test_substitution_suggests_with_case():
    rule = {"extends": "substitution", "swap": {"utilize": "use", "in order to": "to"}, "ignorecase": True}
    diags = run_rule(rule, "We Utilize tools in order to win.\n")
    assert [(d.column, d.message) for d in diags] == [
        (4, "Use 'Use' instead of 'Utilize'."),
        (18, "Use 'to' instead of 'in order to'."),
    ]


def test_occurrence_max_per_paragraph():
    rule = {"extends": "occurrence", "token": "very", "max": 2, "message": "'%s' used %s times (max %s)."}
    diags = run_rule(rule, "very very good, very.\n\nvery nice.\n")
    assert where(diags) == [("test.Rule", 1, 17, 21)]
    assert diags[0].message == "'very' used 3 times (max 2)."


def test_repetition_across_line_break():
    rule = {"extends": "repetition", "message": "'%s' twice."}
    diags = run_rule(rule, "We saw the\nthe cat. It is is.\n")
    assert [(d.line, d.column, d.end_line, d.end_column) for d in diags] == [(1, 8, 2, 4), (2, 13, 2, 18)]
    assert run_rule(rule, "The cat. The dog.\n") == []


def test_consistency_flags_minority_spelling():
    rule = {"extends": "consistency", "either": {"e-mail": "email"}, "ignorecase": True}
    diags = run_rule(rule, "Send email.\n\nAn email or an e-mail.\n")
    assert where(diags) == [("test.Rule", 3, 16, 22)]
    assert "e-mail" in diags[0].message and "email" in diags[0].message
    assert run_rule(rule, "Send email. More email.\n") == []


def test_capitalization_title_and_sentence_case():
    title = {"extends": "capitalization", "match": "$title", "threshold": 1.0}
    diags = run_rule(title, "# A tale of two cities\n\n## A Tale of Two Cities\n")
    assert where(diags) == [("test.Rule", 1, 3, 23)]
    sentence = {"extends": "capitalization", "match": "$sentence"}
    diags = run_rule(
        sentence, "# How To Write Good Headlines Now\n\n## How to write good headlines for NASA\n"
    )
    assert [d.line for d in diags] == [1]


def test_metric_over_document_and_blocks():
    rule = {"extends": "metric", "formula": "words / sentences", "condition": "> 10", "scope": "paragraph"}
    long_para = "This sentence keeps going on and on with many more words than it needs to have here.\n"
    diags = run_rule(rule, "# T\n\nShort one. Short two.\n\n" + long_para)
    assert where(diags) == [("test.Rule", 5, 1, len(long_para.strip()) + 1)]
    doc_rule = {
        "extends": "metric",
        "formula": "flesch_kincaid_grade",
        "condition": "> 30",
        "scope": "document",
    }
    text = "Institutionalization necessitates multidimensional organizational reconceptualization.\n"
    assert [d.line for d in run_rule(doc_rule, text)] == [1]
    assert run_rule(doc_rule, "The cat sat. The dog ran.\n") == []
