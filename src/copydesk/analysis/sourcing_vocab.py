"""Vocabularies of the sourcing detector: defaults from the built-in YAML, edits from user rules.

Every word list and pattern of :mod:`copydesk.analysis.sourcing` is data. The defaults live in the
built-in rule files ``rules/sourcing/*.yml`` (each key is defined in exactly one of them); a rule or a
config override may set any key:

* a list replaces the default (``group_nouns: [experts, critics]``);
* a mapping edits it: ``{add: [...], remove: [...]}`` (either part may be left out).

Entries are words or phrases; a space in a phrase matches any run of whitespace, line breaks included.
Verb entries are base forms with optional irregular forms after slashes (``say/said``,
``show/showed/shown``); :func:`verb_forms` derives every tense. ``own_method_patterns`` holds regular
expressions (checked for linear-time safety like every other pack pattern).
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Every vocabulary key, with the rule file that holds its default and a one-line help.
VOCAB_KEYS: dict[str, tuple[str, str]] = {
    "quantifiers": ("WeaselSource", "determiners that make a plural noun an unnamed group"),
    "bare_quantifiers": ("WeaselSource", "quantifiers that stand alone as a subject (some, others)"),
    "group_nouns": ("WeaselSource", "plural nouns that are a vague source without a quantifier"),
    "reporting_verbs": ("WeaselSource", "speech verbs, base form (irregular forms after '/')"),
    "belief_verbs": ("WeaselSource", "belief and attitude verbs, base form"),
    "agent_verbs": ("WeaselSource", "participles whose 'by' agent may be an unnamed group"),
    "opinion_nouns": ("WeaselSource", "what an agent phrase shares or echoes to be a claim (view)"),
    "generic_modifiers": ("WeaselSource", "capitalised words that name nobody (American, Democratic)"),
    "participant_nouns": ("WeaselSource", "nouns for a group the writer observed (participants)"),
    "plural_subject_verbs": ("WeaselSource", "verbs that make any bare plural person noun a vague source"),
    "person_suffixes": ("WeaselSource", "endings of plural nouns for people (riders, economists)"),
    "person_nouns": ("WeaselSource", "plural nouns for people that no ending marks (nurses, coaches)"),
    "stance_adjectives": (
        "WeaselSource",
        "adjectives of conviction that report a belief before a clause (are convinced that)",
    ),
    "procedure_verbs": (
        "WeaselSource",
        "verbs that describe a step of a procedure in the simple present (applicants confirm that)",
    ),
    "resident_nouns": (
        "WeaselSource",
        "plural nouns for the people of a place: a capitalised word before them is the place (Dunmere locals)",
    ),
    "place_nouns": (
        "WeaselSource",
        "nouns that make the capitalised words before them a place, not a body (the Orchard district)",
    ),
    "defined_group_nouns": (
        "WeaselSource",
        "plural nouns for a group defined by an event or study (attendees)",
    ),
    "impersonal_verbs": ("PassiveAttribution", "participles of impersonal attribution (believed)"),
    "impersonal_adverbs": ("PassiveAttribution", "adverbs of impersonal attribution (widely)"),
    "adverb_verbs": ("PassiveAttribution", "participles flagged after an impersonal adverb (expected)"),
    "perception_verbs": ("PassiveAttribution", "participles flagged before 'as' (seen as)"),
    "hedge_adverbs": ("PassiveAttribution", "adverbs that attribute to no one (reportedly)"),
    "impersonal_phrases": (
        "PassiveAttribution",
        "set phrases that attribute a claim to no one (word is that, it is no secret that)",
    ),
    "criticism_nouns": (
        "PassiveAttribution",
        "what a subject draws, faces or comes under with no critic named (criticism)",
    ),
    "report_nouns": ("PassiveAttribution", "nouns after 'according to' that name no one (reports)"),
    "anonymous_nouns": ("AnonymousSource", "source nouns that need a name or description"),
    "staff_nouns": ("AnonymousSource", "staff nouns that point back to a named principal"),
    "ranks": ("AnonymousSource", "modifiers that say nothing about whom a source works for"),
    "anonymity_markers": ("AnonymousSource", "phrases that describe an anonymous source"),
    "role_modifiers": (
        "AnonymousSource",
        "modifiers that make a source noun a role in a procedure (authorized)",
    ),
    "single_source_nouns": (
        "AnonymousSource",
        "singular nouns for a person who is an unnamed source after a, an or one (a worker at the site said)",
    ),
    "anonymity_reasons": (
        "AnonymousSource",
        "phrases giving a reason for anonymity (any noun is then a source)",
    ),
    "study_nouns": ("UnnamedStudy", "nouns for studies and research"),
    "evidence_verbs": ("UnnamedStudy", "what a study does (show, find/found)"),
    "online_result_nouns": (
        "UnnamedStudy",
        "results that are an unnamed study when they went round online with no publisher (figures)",
    ),
    "online_places": ("UnnamedStudy", "where results go round with no publisher (online, on social media)"),
    "hearsay_verbs": (
        "UnnamedStudy",
        "how the writer met a claim without making it (a survey I came across; not one I ran)",
    ),
    "survey_nouns": ("UnnamedSurvey", "nouns for polls and surveys"),
    "population_nouns": ("UnsourcedStatistic", "populations a statistic may be about"),
    "population_suffixes": ("UnsourcedStatistic", "endings of plural nouns that are populations"),
    "measure_nouns": (
        "UnsourcedStatistic",
        "measures of a population whose change by an amount is a statistic (rates, cases, crime)",
    ),
    "source_words": ("UnsourcedStatistic", "words that give a statistic its source"),
    "own_method_patterns": ("UnsourcedStatistic", "regular expressions for the draft's own data"),
    "audience_nouns": (
        "UnsourcedStatistic",
        "a product's audience, whose figures are the writer's own metrics",
    ),
}
PATTERN_KEYS = frozenset({"own_method_patterns"})

Vocabulary = dict[str, tuple[str, ...]]


class VocabularyError(ValueError):
    """A malformed vocabulary value; ``key`` names the offending option."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key


def _strings(key: str, value, what: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise VocabularyError(key, f"{what} must be a list of words or phrases")
    out = []
    for v in value:
        s = " ".join(str(v).split())
        if not s:
            raise VocabularyError(key, f"{what} has an empty entry")
        out.append(s)
    return out


def resolve(key: str, value, default: tuple[str, ...]) -> tuple[str, ...]:
    """Apply a rule's value for ``key`` to ``default``: a list replaces, ``{add, remove}`` edits."""
    if value is None:
        return default
    if isinstance(value, dict):
        unknown = set(value) - {"add", "remove"}
        if unknown:
            raise VocabularyError(
                key,
                f"unknown edit {sorted(map(str, unknown))[0]!r} (a list replaces; a mapping may have add, remove)",
            )
        add = _strings(key, value.get("add") or [], "add")
        remove = {r.lower() for r in _strings(key, value.get("remove") or [], "remove")}
        kept = [d for d in default if d.lower() not in remove]
        return tuple(dict.fromkeys(kept + add))
    return tuple(dict.fromkeys(_strings(key, value, "the value")))


@lru_cache(maxsize=1)
def builtin_vocabulary() -> Vocabulary:
    """The default vocabulary: every key of :data:`VOCAB_KEYS` from the built-in sourcing rule files."""
    from ..rules import builtin_packs_dir, read_rule_mapping

    folder = builtin_packs_dir() / "sourcing"
    vocab: Vocabulary = {}
    for key, (stem, _) in VOCAB_KEYS.items():
        path = folder / f"{stem}.yml"
        data = _load(str(path), read_rule_mapping)
        if key not in data:
            raise RuntimeError(f"built-in rule {path} lacks the vocabulary key {key!r}")
        vocab[key] = resolve(key, data[key], ())
    return vocab


@lru_cache(maxsize=8)
def _load(path: str, read) -> dict:
    return read(path) or {}  # rules.read_rule_mapping: the kept parse of the file when there is one


def vocabulary_from_options(options: dict) -> Vocabulary:
    """The defaults with a rule's vocabulary options applied (keys it leaves out keep the default)."""
    base = builtin_vocabulary()
    return {key: resolve(key, options.get(key), base[key]) for key in VOCAB_KEYS}


# ---------------------------------------------------------------------------------------------------
# Verb forms


_IRREGULAR_ING = {"lie": "lying", "die": "dying"}


def _third(v: str) -> str:
    if re.search(r"(?:s|sh|ch|x|z|o)$", v):
        return v + "es"
    if re.search(r"[^aeiou]y$", v):
        return v[:-1] + "ies"
    return v + "s"


def _past(v: str) -> str:
    if v.endswith("e"):
        return v + "d"
    if re.search(r"[^aeiou]y$", v):
        return v[:-1] + "ied"
    if re.search(r"(?:^|[^aeiou])[aeiou][bdgmnprt]$", v) and len(v) <= 4:
        return v + v[-1] + "ed"  # "stop", "plan": short words double the last consonant
    return v + "ed"


def _ing(v: str) -> str:
    if v in _IRREGULAR_ING:
        return _IRREGULAR_ING[v]
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        return v[:-1] + "ing"
    return v + "ing"


@lru_cache(maxsize=4096)  # (the detector's set-up asks for each entry's forms many times)
def verb_forms(entry: str) -> tuple[str, ...]:
    """Every form of a verb entry: ``"say/said"`` -> say, says, saying, said.

    A phrase ("point out") inflects its first word. Irregular forms after slashes replace the regular
    past; a form given there is used as is (for phrases, the whole phrase: ``tell us/told us``).
    """
    parts = [p.strip() for p in entry.split("/") if p.strip()]
    base = parts[0]
    words = base.split(" ")
    head, rest = words[0], " ".join(words[1:])
    tail = f" {rest}" if rest else ""
    forms = [base, _third(head) + tail, _ing(head) + tail]
    if len(parts) > 1:
        forms += [p if " " in p or not rest else f"{p}{tail}" for p in parts[1:]]
    else:
        forms.append(_past(head) + tail)
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=4096)
def present_forms(entry: str) -> tuple[str, ...]:
    """Base and third-person forms only (for subjects that report a crowd when used in the past)."""
    parts = [p.strip() for p in entry.split("/") if p.strip()]
    words = parts[0].split(" ")
    tail = " " + " ".join(words[1:]) if len(words) > 1 else ""
    return (parts[0], _third(words[0]) + tail)
