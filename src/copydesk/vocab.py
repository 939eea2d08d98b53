"""Names shared across the pipeline, defined once: audiences, block scopes and metric names.

A leaf module (it imports nothing from copydesk), so the config loader, the document model, the analysis
and the rule kinds all validate against the same lists.
"""

from __future__ import annotations

#: Readability audiences, from the easiest reading to the hardest. Their thresholds live in
#: :mod:`copydesk.analysis.readability`; config, rule options and docs accept exactly these names.
AUDIENCES = ("children", "plain", "general", "technical")
DEFAULT_AUDIENCE = "general"

#: Scopes of prose blocks. ``heading.plain`` is a headline candidate in plain text.
PROSE_SCOPES = ("heading", "paragraph", "list_item", "blockquote", "table_cell")
ALL_SCOPES = PROSE_SCOPES + ("frontmatter", "html_block", "code")
#: Scope names a rule may use besides the block scopes: all prose, all prose text, the whole draft.
RULE_SCOPES = ("prose", "text", "document")
#: The body prose that readability counts and metrics judge (headings and front matter left out).
BODY_SCOPES = ("paragraph", "list_item", "blockquote", "table_cell")

#: Counts of a text (see ``analysis.readability.TextCounts``) and the readability scores computed from them.
COUNT_NAMES = (
    "words",
    "sentences",
    "syllables",
    "letters",
    "chars",
    "polysyllables",
    "complex_words",
    "long_words",
)
SCORE_NAMES = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
)


def unknown_audience(value: object) -> str | None:
    """The one message for an audience that is not known (None when ``value`` is a known audience)."""
    if value in AUDIENCES:
        return None
    return f"unknown audience {value!r} (known: {', '.join(AUDIENCES)})"
