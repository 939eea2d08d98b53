"""Evidence shapes for the sourcing detector: how a statistic is written, and what counts as its source.

:mod:`copydesk.analysis.sourcing` finds statistics about a population and unnamed studies; this module
holds the grammar it needs for them, kept apart from the attribution families:

* **statistic shapes** beyond "N% of <people>": a count inside the noun phrase ("one child in five",
  "three adults in ten"), a share of the population's own time or money ("knowledge workers lose close
  to a third of their week"), and a change or a ratio with a population ("the number of renters has
  doubled", "teenagers are twice as likely to ...");
* **data named as a source**: a poll, survey, study, report, census or data set used as a noun ("a
  county survey", "data from the ONS", "figures released in May") or a verb of counting ("were
  surveyed"), not a verb or a passing word ("agreed to study the idea", "the most sensitive data a
  clinic holds");
* **places are not sources**: an acronym that names a country or a bloc ("UK", "US", "EU") says where
  a figure is about, not where it comes from.

Every repetition is bounded or runs over disjoint character classes, so matching is linear.
"""

from __future__ import annotations

import re

__all__ = [
    "CITATION_RE",
    "CHANGE_KEY",
    "INNER_KEY",
    "SHARE_OF_OWN_KEY",
    "change_pattern",
    "data_offsets",
    "data_sources",
    "inner_count_pattern",
    "names_data",
    "own_product",
    "place_acronym",
    "share_of_own_pattern",
    "singular_nouns",
]

NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|\d{1,3}(?:,\d{3})*"
)
# The count of a ratio ("one child in five", "three adults in ten"); "1,800 state employees in 82 counties"
# is a count of people in places, which the look-ahead after the pattern also keeps out.
_SMALL_NUMBER = r"one|two|three|four|five|six|seven|eight|nine|\d{1,2}"
# "12 inspectors in 82 counties" counts people in places: no ratio.
_PLACE_NOUNS = (
    r"counties|states|cities|towns|villages|countries|districts|offices|schools|sites|locations|regions|"
    r"provinces|areas|places|communities|hospitals|branches|stores|shops|clinics|wards|parishes|boroughs|"
    r"departments|agencies|teams|units|years|months|weeks|days"
)
# "close to", "almost", ...: the hedges a figure may carry before it.
APPROX = (
    r"nearly|almost|about|roughly|around|approximately|more\s+than|over|under|less\s+than|fewer\s+than|"
    r"just\s+over|just\s+under|close\s+to|some|at\s+least|up\s+to|well\s+over|barely|only|just|as\s+many\s+as|"
    r"as\s+much\s+as|an\s+estimated"
)
# A proportion written out: "a third", "two-thirds", "half", "40 percent", "a fifth".
_FRACTION = (
    r"\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|(?:one|two|three|four|five|six|seven|eight|nine)[-\s]"
    r"(?:thirds?|quarters?|fourths?|fifths?|sixths?|eighths?|tenths?)|half|a\s+third|a\s+quarter|"
    r"a\s+fifth|a\s+tenth|a\s+sixth"
)

_IRREGULAR_SINGULAR = {
    "children": "child",
    "people": "person",
    "men": "man",
    "women": "woman",
    "folk": "folk",
}

# Keywords (in the lowercased text) that a paragraph needs before each shape is tried.
INNER_KEY = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+[a-z][\w-]*\s+")
SHARE_OF_OWN_KEY = re.compile(
    r"(?:\d\s*(?:%|percent\b|per\s+cent\b)|\b(?:half|thirds?|quarters?|fourths?|fifths?|sixths?|eighths?|"
    r"tenths?))\s+of\s+(?:their|its)\b"
)
CHANGE_KEY = re.compile(
    r"\b(?:doubled|tripled|trebled|quadrupled|halved|twice|times|share|proportion|percentage)\b"
)
# What a share moved to or stands at: "has fallen to 30 percent", "rose by a third", "stands at 41%".
_SHARE_MOVES = (
    r"(?:has|have|had)\s+(?:(?:now|since|already|steadily|sharply)\s+)?(?:risen|fallen|dropped|climbed|grown|"
    r"increased|decreased|declined|jumped|shrunk|slipped|reached|doubled|halved)|rose|fell|dropped|climbed|grew|"
    r"increased|decreased|declined|jumped|shrank|slipped|reached|is|was|are|were|stands|stood|hit|hits|sits|sat"
)


def singular_nouns(plurals) -> list[str]:
    """Singular forms of plural population nouns ("children" -> "child", "renters" -> "renter")."""
    out = []
    for p in plurals:
        p = p.lower()
        if " " in p:
            continue  # "young people", "the public": no singular counting form
        if p in _IRREGULAR_SINGULAR:
            out.append(_IRREGULAR_SINGULAR[p])
        elif p.endswith("ies") and len(p) > 4:
            out.append(p[:-3] + "y")
        elif p.endswith(("ches", "shes", "sses", "xes")):
            out.append(p[:-2])
        elif p.endswith("s") and not p.endswith("ss"):
            out.append(p[:-1])
    return out


def _alt(words) -> str:
    items = sorted({w.lower() for w in words if w}, key=lambda w: (-len(w), w))
    if not items:
        return r"(?!x)x"
    if all(w.isascii() and not any(c.isspace() and c != " " for c in w) for w in items):
        return trie_alternation(items)  # (the same matches, shorter)
    return "|".join(r"\s+".join(re.escape(part) for part in w.split(" ")) for w in items)


#: A space of a phrase (any run of white space) stands as this character while the entries are sorted: it
#: sorts after every ASCII character, so a space's branch comes last, as it always has.
_SPACE = "\uffff"
#: ``re.escape`` of one character (what it escapes since Python 3.7), and the space's ``\s+``, for
#: ``str.translate``.
_ESCAPE = {**{c: "\\" + chr(c) for c in b"()[]{}?*+-|^$\\.&~# \t\n\r\v\f"}, ord(_SPACE): r"\s+"}


def trie_alternation(items: list[str]) -> str:
    """The alternation of ``items`` (lowercase ASCII words and phrases) written as a tree of their
    shared beginnings: "say|says|said|saying" becomes "sa(?:y(?:ing|s)?|id)".

    It matches what the flat alternation, longest first, matches, in the same order of preference: at
    one place in a text only entries that are beginnings of one another can all match, and the tree tries
    the longer first (its optional endings are greedy), as the flat list does. It is far shorter, so
    Python compiles it several times faster (the verb forms alone are 400 entries in a dozen patterns),
    and the regex engine tries one branch per letter instead of every entry in turn.

    The tree is read off the sorted entries (the entries under one node are a run of them): a branch
    that holds one entry is the rest of that entry, escaped in one ``str.translate``. Built as a tree of
    dictionaries, one node per character, this was a tenth of a one-draft run."""
    words = sorted({w.replace(" ", _SPACE) for w in items})
    return _emit(words, 0) if words else ""


def _emit(words: list[str], depth: int) -> str:
    """The pattern of the node that ``words`` (sorted, distinct, sharing their first ``depth`` characters)
    lie under."""
    ends = len(words[0]) == depth  # an entry ends at this node (it sorts first)
    i = 1 if ends else 0
    n = len(words)
    branches = []
    while i < n:
        c = words[i][depth]
        j = i + 1
        while j < n and words[j][depth] == c:
            j += 1
        if j == i + 1:
            branches.append(words[i][depth:].translate(_ESCAPE))
        else:
            branches.append(c.translate(_ESCAPE) + _emit(words[i:j], depth + 1))
        i = j
    if not branches:
        return ""
    inner = "|".join(branches)
    if ends:  # an entry ends here: the longer ones (the branches, greedy) are tried first
        if len(branches) == 1 and len(branches[0]) == 1:
            return branches[0] + "?"
        return "(?:" + inner + ")?"
    return inner if len(branches) == 1 else "(?:" + inner + ")"


def inner_count_pattern(population_nouns, population_suffixes) -> str:
    """The pattern text of "one child in five", "three adults in ten", "one pensioner in every four"."""
    singular = _alt(singular_nouns(population_nouns))
    plural = _alt(population_nouns)
    suffixes = "|".join(re.escape(s.lower()) for s in population_suffixes) or r"(?!x)x"
    sing_suffixes = "|".join(re.escape(s.lower()[:-1]) for s in population_suffixes if s.endswith("s"))
    noun = rf"(?:(?i:{singular}|{plural})|[a-z][a-z-]*(?:{suffixes})|[a-z][a-z-]*(?:{sing_suffixes or '(?!x)x'}))"
    return (
        rf"(?P<span>(?:\b(?i:{APPROX})\s+)?(?<![\w.,])(?i:{_SMALL_NUMBER})\s+(?:[a-z][a-z-]+\s+)?{noun}"
        rf"\s+(?i:in|out\s+of)\s+(?i:every\s+)?(?i:{NUMBER_WORDS}))\b(?!\s+(?i:{_PLACE_NOUNS})\b|[.,]\d)"
    )


def share_of_own_pattern(population_nouns, population_suffixes, person_suffixes) -> str:
    """The pattern text of a population as the subject spending a share of its own time or money: "Knowledge workers lose close
    to a third of their week", "Americans spend 30 percent of their income on rent"."""
    pops = _alt(population_nouns)
    suffixes = "|".join(re.escape(s.lower()) for s in population_suffixes) or r"(?!x)x"
    person = "|".join(re.escape(s.lower()) for s in person_suffixes) or r"(?!x)x"
    return (
        rf"(?P<span>(?P<subject>(?:[A-Za-z][a-z-]+\s+){{0,2}}?(?P<noun>(?i:{pops})|[A-Za-z][a-z-]*(?:{suffixes})|"
        rf"[a-z][a-z-]*(?:{person})))\s+(?P<verb>(?:[a-z]+\s+){{0,2}}?[a-z]+)\s+(?:(?i:{APPROX})\s+)?"
        rf"(?<![\w.,])(?i:{_FRACTION})\s+of\s+(?i:their|its)\s+[a-z][\w-]*)"
    )


def change_pattern(population_nouns, population_suffixes) -> str:
    """The pattern text of a change or a ratio about a population: "the number of renters in the city has doubled", "the share
    of homeowners ... has halved", "teenagers are twice as likely to ...", "three times as many drivers"."""
    pops = _alt(population_nouns)
    suffixes = "|".join(re.escape(s.lower()) for s in population_suffixes) or r"(?!x)x"
    noun = rf"(?:(?i:{pops})|[A-Za-z][a-z-]*(?:{suffixes}))"
    mods = r"(?:(?:[A-Za-z][a-z-]+|[A-Z]{2,5})\s+){0,3}?"
    times = rf"(?:twice|(?:{NUMBER_WORDS})\s+times)"
    return (
        rf"(?P<span>\b(?i:the\s+)?(?i:number|share|proportion|percentage|count)\s+of\s+{mods}{noun}\b"
        rf"[^.;:!?]{{0,60}}?\b(?i:has|have|had)\s+(?:(?i:more\s+than|nearly|almost|roughly|about)\s+)?"
        rf"(?i:doubled|tripled|trebled|quadrupled|halved)\b|"
        rf"\b(?i:the\s+)?(?i:share|proportion|percentage)\s+of\s+{mods}{noun}\b[^.;:!?]{{0,60}}?\s"
        rf"(?i:{_SHARE_MOVES})\s+(?:(?i:at|to|by|from|around|about|nearly|almost|roughly|just|over|under|more\s+than|"
        rf"less\s+than)\s+){{0,2}}(?:{_FRACTION})|"
        rf"\b{mods}{noun}\s+(?i:are|were)\s+(?:(?i:about|nearly|almost|roughly|more\s+than)\s+)?"
        rf"(?i:{times})\s+(?i:as\s+likely|more\s+likely)\b|"
        rf"\b(?i:{times})\s+as\s+many\s+{mods}{noun}\b)"
    )


# A poll, survey, study, report, census or data set named as a source of figures, or a verb of counting.
_DATA_NOUNS = (
    r"polls?|polling|surveys?|study|studies|census|reports?|data|dataset|data\s+set|research|findings|"
    r"statistics|stats|analysis|analyses|figures|estimates|audit|tally|infographic|charts?|graphs?|tables?|"
    r"dashboards?|slides?"
)
_DATA_DETS = (
    r"a|an|the|this|that|these|those|its|their|his|her|our|new|recent|latest|annual|quarterly|monthly|"
    r"weekly|national|federal|state|official|government|independent|published|public|open|census|survey|"
    r"poll|household|population|labour|labor|employment|health|county|city|council|agency|department"
)
# Each alternative ends at the data word, so the search runs from a keyword hit backwards over a short
# slice instead of trying every word start of the draft.
_DATA_WORDS = _DATA_NOUNS.replace(r"data\s+set|", "")
_DATA_KEYS = rf"{_DATA_WORDS}|surveyed|polled|counted|tallied|calculated"
_DATA_KEY_RE = re.compile(rf"\b(?:{_DATA_KEYS})\b")  # lowercased text


def word_positions(low: str, word: str) -> list[int]:
    r"""Where ``word`` (letters and digits) stands as a whole word in ``low``: no word character (``\w``:
    a letter, digit or underscore) on either side, as ``\b`` reads it."""
    found = []
    n, size = len(word), len(low)
    find = low.find
    i = find(word)
    while i != -1:
        if i:
            c = low[i - 1]
            if c.isalnum() or c == "_":
                i = find(word, i + 1)
                continue
        j = i + n
        if j < size:
            c = low[j]
            if c.isalnum() or c == "_":
                i = find(word, i + 1)
                continue
        found.append(i)
        i = find(word, i + 1)
    return found


def alternation_heads(alternation: str) -> frozenset[str] | None:
    r"""The first word of every alternative of ``alternation`` when each is plain words joined by ``\s+``
    (a word may end in an optional ``s``: "polls?|polling|web\s+site"); None for anything else.

    A draft or paragraph whose words hold none of these cannot match the alternation between word
    boundaries, so its regex scan can be skipped (a set test instead of a scan of every position)."""
    out = set()
    for item in alternation.split("|"):
        m = re.fullmatch(r"([a-z]+)(s\?)?(?:\\s\+[a-z?\\+s]+)*", item)
        if m is None:
            return None
        out.add(m.group(1))
        if m.group(2):
            out.add(m.group(1) + "s")
    return frozenset(out)


#: The words one of which a text must hold for ``_DATA_KEY_RE`` to match in it.
DATA_KEY_WORDS = alternation_heads(_DATA_KEYS)
_COUNTING_VERBS = frozenset("surveyed polled counted tallied calculated".split())
_STRONG_NOUN_RE = re.compile(r"polls?|surveys?|study|studies|census|reports?|audit|dataset|statistics", re.I)
_BEFORE_DATA_RE = re.compile(
    # a determiner (and capitalised or numeric words: "a 2023 Pew survey") before the noun
    rf"\b(?i:{_DATA_DETS})\s+(?:(?:[A-Z0-9][\w.&’'-]*|(?i:{_DATA_DETS}))\s+){{0,4}}$|"
    # a name's data: "the ONS's figures", "Gallup's poll"
    rf"\b[A-Z][\w.&-]*['’]s\s+(?:[\w-]+\s+)?$"
)
# A poll, survey, study or report is a source with plain modifiers too ("the transit survey"); data,
# research or figures are not ("the most sensitive data").
_BEFORE_STRONG_RE = re.compile(
    r"\b(?i:a|an|the|this|that|its|their)\s+(?:(?!(?i:to|of|and|or|for|will|would|can|could|should|must)\s)"
    r"[a-z][\w’'-]*\s+){1,3}$"
)
# The noun with what a source does after it: "data from", "figures released", "studies show".
_AFTER_DATA_RE = re.compile(
    r"\s+(?i:from|by|of\s+\d|show|shows|showed|shown|suggest|suggests|suggested|found|find|finds|indicate|"
    r"indicates|indicated|estimate|estimates|estimated|released|published|compiled|collected|conducted|"
    r"gathered|reported)\b"
)
_ACCORDING_BEFORE_RE = re.compile(r"\baccording\s+to\s+(?:\S+\s+){0,3}$", re.I)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_LOOK_BACK = 90  # characters before a data word that its determiner and modifiers may take


def data_sources(
    text: str,
    low: str | None = None,
    words: frozenset[str] | None = None,
    within: tuple[int, int] | None = None,
) -> list[tuple[int, bool]]:
    """``(offset, cited)`` for every place in ``text`` where data is named as a source of what follows
    (see :func:`names_data`); ``cited`` when it is cited "according to" for one claim. ``low`` is
    ``text`` lowercased with the same offsets, when the caller has it, and ``words`` the runs of ASCII
    letters and digits of ``low`` (a text without a data word is not scanned). ``within``: only the data
    words that start in this range of ``text`` (a window of a longer text, read with its margins)."""
    if low is None:
        low = text.lower()
        if len(low) != len(text):
            low = text.translate(_ASCII_LOWER)
    if words is not None and DATA_KEY_WORDS is not None:
        # The keys' whole-word occurrences, found word by word with str.find: the same hits in the same
        # order as _DATA_KEY_RE.finditer(low), whose \b-bounded plain words never overlap.
        hits = sorted((i, w) for w in words & DATA_KEY_WORDS for i in word_positions(low, w))
    else:
        hits = [(k.start(), k.group(0)) for k in _DATA_KEY_RE.finditer(low)]
    if within is not None:
        hits = [h for h in hits if within[0] <= h[0] < within[1]]
    out = []
    for start, word in hits:
        lo = max(0, start - _LOOK_BACK)
        if word in _COUNTING_VERBS:
            at = start
        else:
            m = _BEFORE_DATA_RE.search(text, lo, start)
            if m is None and _STRONG_NOUN_RE.fullmatch(word):
                m = _BEFORE_STRONG_RE.search(text, lo, start)
            if m is not None:
                at = m.start()
            elif _AFTER_DATA_RE.match(text, start + len(word)):
                at = start
            else:
                continue
        out.append((at, bool(_ACCORDING_BEFORE_RE.search(text, max(0, at - 20), at))))
    return out


def data_offsets(text: str, cited: bool = False, low: str | None = None) -> list[int]:
    """Offsets in ``text`` where data is named as a source of what follows (see :func:`names_data`).

    Data cited for one claim ("..., according to a report by the director") sources that claim only,
    as a person quoted for it does, so it is left out unless ``cited`` (a linked study sources the
    figures after it)."""
    return [at for at, according in data_sources(text, low) if cited or not according]


def names_data(text: str) -> bool:
    """True when ``text`` names data as a source ("a county survey", "data from the ONS", "we counted"),
    not when a data word is a verb or a passing noun ("agreed to study the idea", "sensitive data")."""
    return bool(data_offsets(text))


# Acronyms of places and blocs: where a figure is about, not who measured it.
_PLACE_ACRONYMS = frozenset("UK US USA EU UAE NYC DC LA SF NZ PRC DRC GB".split())


def place_acronym(word: str) -> bool:
    return word.rstrip("s").replace(".", "") in _PLACE_ACRONYMS


# A population qualified by a country or a people ("British households", "American teenagers", "U.S.
# adults") or followed by a place ("in the UK", "in Northmoor", "nationwide"): a claim about everyone
# there, which a writer's own test of a few dozen homes or teams does not measure.
_DEMONYM_RE = re.compile(r"(?<![\w.])(?:[A-Z][a-z]+(?:an|ans|ish|ese|ch|sh|i|is)|U\.S\.|US|UK|EU)(?![\w.])")
_PLACE_AFTER_RE = re.compile(
    r"\s+(?:(?:who|that)\s+\w+\s+)?(?:in|across|throughout)\s+(?:the\s+)?(?:[A-Z][\w.-]*|country|nation|world)|"
    r"\s+(?:nationwide|worldwide|globally|nationally)\b"
)
_PAST_IRREGULAR = frozenset(
    """
    was were had did spent lost saw got made took gave put cut kept left paid sent found said used told
    felt brought bought thought ran came went became grew fell rose chose wrote
    """.split()
)


def past_form(word: str) -> bool:
    """A verb in the simple past ("lost", "clicked"), by its ending or the irregular forms."""
    word = word.lower()
    return word.endswith("ed") or word in _PAST_IRREGULAR


def general_population(text: str, start: int, end: int, verb: str | None = None) -> bool:
    """True when the statistic at [start, end) is about a general population, not a writer's sample.

    The population is general when a country or a place qualifies it, or (for "<people> <verb> a share
    of their ...") when ``verb`` states a habit in the present tense ("Knowledge workers lose a third
    of their week"), not what a measured group did ("participants lost")."""
    span = text[start:end]
    first = re.match(r"\S+\s*", span)
    if _DEMONYM_RE.search(span, first.end() if first else 0) or _PLACE_AFTER_RE.match(text, end):
        return True
    if verb:
        word = verb.split()[0].lower()
        return not (word.endswith("ed") or word in _PAST_IRREGULAR)
    return False


# A citation after a figure: "(Slide 14)", "(p. 12)", "(Table 3)", "(source: ONS)", a footnote mark.
CITATION_RE = re.compile(
    r"\((?:slides?|p|pp|pages?|table|fig|figure|chart|exhibit|source|sources|see|via|data)\b[^()]{0,60}\)|"
    r"\[\^?\d{1,3}\]|\[\^[\w-]+\]|[\u00b9\u00b2\u00b3\u2070-\u2079]",
    re.I,
)

# The writer's own product or audience: its figures about "users" or "visitors" are the writer's metrics.
_OWN_PRODUCT_NOUNS = (
    r"site|website|web\s+site|app|apps|product|products|service|services|page|pages|"
    r"newsletter|platform|tool|tools|portal|blog|users|customers|readers|visitors|audience|subscribers|"
    r"members|community|analytics|traffic"
)
_OWN_PRODUCT_RE = re.compile(rf"\bour\s+(?:[\w-]+\s+)?(?:{_OWN_PRODUCT_NOUNS})\b", re.I)
_OWN_PRODUCT_WORDS = alternation_heads(_OWN_PRODUCT_NOUNS)


def own_product(
    text: str,
    words: frozenset[str] | None = None,
    low: str | None = None,
    within: tuple[int, int] | None = None,
) -> bool:
    """True when a draft speaks of its own site, product or audience ("our site", "our users").

    ``words`` are the runs of ASCII letters and digits of the lowercased text, when the caller has them
    and the text has no character that folds to an ASCII letter (``re.IGNORECASE``): a text without
    "our" and one of the nouns is then not scanned. ``low``: ``text.lower()``, when the caller has it
    (a long draft's copy is not made twice). ``within``: only a match that starts in this range of
    ``text`` counts (a window of a longer text, read with its margins)."""
    lo, hi = within if within is not None else (0, len(text))
    if words is not None and _OWN_PRODUCT_WORDS is not None:
        if "our" not in words or words.isdisjoint(_OWN_PRODUCT_WORDS):
            return False
        # Every match starts at a whole word "our" (in any case): try the pattern there only.
        if low is None:
            low = text.lower()
        if len(low) == len(text):
            return any(_OWN_PRODUCT_RE.match(text, i) for i in word_positions(low, "our") if lo <= i < hi)
    m = _OWN_PRODUCT_RE.search(text, lo)
    return m is not None and m.start() < hi
