"""Vague sourcing: claims attributed to nobody in particular.

``find_vague_sourcing`` finds the attributions an editor circles when a claim leans on an unnamed
authority, by the structure of the clause rather than by fixed phrases:

* **unnamed groups** (``weasel-source``): a subject with no name, number, organisation or description
  governing a reporting or belief verb in any tense - a quantifier and any plural noun ("many
  economists expect"), a quantifier with a vague place ("many in the shipping trade believe"), a
  group noun with plain modifiers ("cardiology experts have warned"), a bare quantifier ("some say",
  "not everyone agrees"), an inverted tag ("..., say critics") or an agent phrase ("a view shared by
  many policymakers");
* **impersonal attribution** (``passive-attribution``): "it is widely believed", "is said to", "it has
  been reported", "is seen as", "reportedly", "according to reports";
* **anonymous sources** (``anonymous-source``): "sources said", "federal officials say", with nothing
  about who they are; described ones ("two people familiar with the talks") are reported apart
  (``anonymous-described``), since newsroom standards allow them when the reason is given;
* **unnamed studies and polls** (``unnamed-study``, ``unnamed-survey``);
* **statistics about a population with no source** (``unsourced-statistic``): "nearly 40% of
  Americans", "one in five renters", with no source in the sentence, the sentence before, the
  paragraph or the draft's own method.

Referents are resolved cheaply: a bare quantifier ("Others said") after a group the text introduced
("Twelve participants ...") or after first-person reporting ("we interviewed ...") points back to it;
first person ("we found", "our analytics") is a source; quotations are someone else's words.

Every word list comes from a vocabulary (:mod:`copydesk.analysis.sourcing_vocab`; the defaults live in
the built-in rule files). Patterns are compiled once per vocabulary. Each family first looks for its
keywords in an ASCII-lowercased copy of the paragraph and only runs its subject patterns in a window
around them, so the cost follows the number of candidate words, not the length of the text. Every
repetition is bounded or runs over disjoint character classes, so matching is linear.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from copydesk.analysis import evidence
from copydesk.analysis.sentences import split_sentences
from copydesk.analysis.sourcing_vocab import Vocabulary, builtin_vocabulary, present_forms, verb_forms
from copydesk.regexcache import deferring_re

__all__ = [
    "CATEGORIES",
    "Finding",
    "compile_vocabulary",
    "find_document_sourcing",
    "find_vague_sourcing",
    "own_method",
]


class Finding(NamedTuple):
    start: int
    end: int
    category: str
    quote: str


CATEGORIES: dict[str, str] = {
    "weasel-source": "claim attributed to an unnamed group (experts, critics, some, many); say who",
    "passive-attribution": "impersonal attribution (it is believed, reportedly); say who believes or reported it",
    "anonymous-source": "unnamed source or officials with no affiliation or reason for anonymity; describe the source",
    "anonymous-described": "source described but not named; check the story says why anonymity was granted",
    "unnamed-study": "study or research cited without naming it; give the study, its authors or publication",
    "unnamed-survey": "poll or survey cited without saying who ran it; name the pollster or link the survey",
    "unsourced-statistic": "statistic about a group with no source nearby; say where the figure comes from",
    "unsourced-generalisation": "claim about most of a group with no source nearby; say who measured it or soften it",
}

_OBJ = "\ufffc"  # masked link/code placeholder: opaque, but a link next to a claim counts as a citation

# ---------------------------------------------------------------------------------------------------
# Grammar (closed word classes; the open vocabularies are data, see sourcing_vocab)

_AUX = (
    r"have|has|had|would|will|may|might|could|also|long|often|generally|widely|now|still|increasingly|"
    r"privately|publicly|repeatedly|openly|already|always|even|too|frequently|sometimes|usually|"
    r"continue\s+to|continues\s+to|tend\s+to|tends\s+to|seem\s+to|seems\s+to|appear\s+to|appears\s+to|"
    r"do|does|did|quietly|loudly|rightly|wrongly|strongly|firmly|further|likewise|reportedly"
)
_AUXES = rf"(?:(?i:{_AUX})\s+){{0,3}}"
_MODAL_RE = re.compile(r"\b(?:might|may|could|would)\b", re.I)
_NEGATED_RE = re.compile(r"\b(?:do|does|did)\s*$", re.I)

# Words that may directly precede a clause-initial subject.
_CLAUSE_OPENERS = frozenset(
    """
    and but or nor yet so while whereas although though as because since if when where whether that after before
    what how why who whom which than however now today still even also indeed instead meanwhile moreover
    furthermore thus hence therefore then already increasingly nevertheless nonetheless rather privately
    publicly
    """.split()
)
# Function words that cannot be a pre-noun modifier (keeps "and critics say" from grabbing "and").
_NOT_MODIFIER_WORDS = (
    "and|or|but|the|a|an|that|which|who|whom|whose|of|to|in|on|at|by|for|with|from|as|is|are|was|"
    "were|be|been|have|has|had|it|its|this|these|those|their|his|her|our|your|my|we|they|he|she|i|you|"
    "not|no|so|than|then|there|here|when|while|if|because|say|says|said|other|others|some|many|most|"
    "all|both|each|every|such|what|how|why|where|do|does|did|also|even|just|only|very"
).split("|")
# Only ever inside a negative look-ahead, where the order of the words does not matter: written as a
# tree of their shared beginnings (evidence.trie_alternation), which the engine tries far faster at
# every candidate modifier than 90 words in turn.
_NOT_MODIFIER = rf"(?:{evidence.trie_alternation(_NOT_MODIFIER_WORDS)})\b"
# Not a determiner, preposition or conjunction (a verb or a noun phrase's last word cannot be one).
_NOT_DET = r"(?!(?:a|an|the|to|of|in|on|at|for|with|and|or|but|their|its|his|her|this|that|these|those|by|from|our|your|my)\b)"
_MOD = rf"(?!(?i:{_NOT_MODIFIER}))(?:[A-Za-z\u00c0-\u00ff][a-z\u00df-\u00ff-]+|U\.S\.|[A-Z]{{2,4}})"
# Plural nouns that do not end in "s".
_IRREGULAR_PLURALS = r"people|men|women|children|folk"
# Lowercase words ending in "s" that are not plural nouns.
_NOT_PLURAL = frozenset(
    """
    is was has does goes this thus us its his hers ours yours theirs always perhaps various numerous
    previous serious obvious famous nervous anxious curious dangerous less unless across whereas yes
    news gas bus plus series species means politics economics ethics physics analysis basis crisis
    thesis status campus census virus focus bonus lens alias atlas canvas chaos corps
    """.split()
)
# Endings of capitalised words that are common adjectives or nouns, not names ("Cardiology experts").
_COMMON_SUFFIX_RE = re.compile(
    r"(?:ology|ologists?|ical|al|ic|ics|ive|ary|ory|ing|ion|ions|ity|ment|ous|ful|less|ish|ian|ese|ern|"
    r"ist|ists|ent|ant|ance|ence|ure|ness|ship|age|ery|ate)$",
    re.I,
)

_ORG_WORDS = (
    r"Department|Dept|Agency|Institute|Institution|University|College|School|Center|Centre|Bureau|"
    r"Office|Commission|Council|Administration|Foundation|Association|Ministry|Service|Board|Authority|"
    r"Corporation|Company|Committee|Court|Police|Congress|Senate|Pentagon|Census|Survey|Organization|"
    r"Organisation|Society|Laboratory|Laboratories|Hospital|Clinic|Fund|Bank|Reserve|Fed|Party|Campaign|"
    r"Group|Trust|Project|Coalition|Alliance|Network|Times|Post|Journal|News|Press|Reuters|Gallup|Pew|"
    r"Academy|Academies|Forum|Lab|Labs|Inc|Corp|Ltd|LLC|Cabinet|Parliament|Government|Embassy|Army|Navy|"
    r"Force|Guard|House|Secretariat|Kremlin"
)
_ORG_RE = re.compile(rf"\b(?:{_ORG_WORDS})\b|\b[A-Z]{{2,6}}s?\b|\b(?:[A-Z]\.){{2,4}}")

# Speech attributed to someone in the same sentence: a passive inside it is the speaker's hedge.
_NAMED_SPEECH_RE = re.compile(r"\b(?:said|says|told|writes|wrote|according\s+to)\b", re.I)
_SPEECH = r"said|says|told|noted|notes|added|adds|argued|argues|explained|insisted|claimed|wrote|writes|warned|stressed"
# The finding sits in someone else's reported speech: "He noted that experts say ...", "..., Smith said."
_SPEECH_BEFORE_RE = re.compile(
    rf"\b(?:{_SPEECH})\b(?:\s+[\w’'-]+){{0,3}}?\s+that\b|\b(?:{_SPEECH})\s*[,:]", re.I
)
# "According to Ham, many disagreed ...": the sentence is a named person's account.
_ACCORDING_NAMED_RE = re.compile(r"\b(?i:according\s+to)\s+(?:the\s+)?[A-Z][^,;.]{0,60},")
_SPEECH_AFTER_RE = re.compile(
    rf",\s*(?:(?:[A-Z][\w.’'-]*|of|the)\s+){{1,5}}(?:{_SPEECH})\b|,\s*(?:he|she|they|I|we)\s+(?:{_SPEECH})\b|"
    rf",\s*(?:{_SPEECH})\s+[A-Z]|\baccording\s+to\s+(?:the\s+)?[A-Z]"
)
# "..., including Sen. Ward," / "such as Dr. Chen" / "like Lawrence Summers": the group is exemplified.
_EXEMPLIFIED_RE = re.compile(
    r"\b(?:including|such\s+as|like|among\s+them|led\s+by|notably)\s+(?:the\s+)?[A-Z]"
)
# "Ward and other security experts": a named person heads the group.
_SINGULAR_BARE_RE = re.compile(r"not\s+everyone|everyone|everybody|not\s+everybody|no\s+one|nobody")
_LAST_WORD_RE = re.compile(r"[a-z]+$")
# Verbs that take a plain object in another sense ("maintain the servers", "note the date"): they report
# speech only when a clause, a quotation or punctuation follows.
_NP_OBJECT_VERBS = frozenset(
    """
    maintain maintains maintained hold holds held note notes noted charge charges charged claim claims
    claimed question questions questioned observe observes observed add adds added explain explains
    explained confirm confirms confirmed reveal reveals revealed indicate indicates indicated disclose
    discloses disclosed feel feels felt report reports reported calculate calculates calculated accept accepts accepted
    recall recalls recalled signal signals signalled signaled
    """.split()
)
_CLAUSE_NEXT_RE = re.compile(
    r"\s*(?:that\b|[,:;.!?“\"—–]|$|(?:he|she|they|it|we|you|i|there|this|these|those|his|her|their|our)\b|"
    r"(?:whether|if)\b(?!\s+to\b))",  # an indirect question ("have questioned whether ..."), not "whether to"
    re.I,
)
# A clause without "that": a short subject and a finite auxiliary ("fear the works will drive ...").
_ZERO_THAT_RE = re.compile(
    r"\s+(?:(?:the|a|an|this|that|these|those|its|their|his|her|our|some|many|most|more|[\w’'-]+)\s+){1,4}?"
    r"(?:will|would|could|can|may|might|should|must|is|are|was|were|has|have|had|won['’]t|can['’]t)\b",
    re.I,
)
_NOUN_CLAUSE_RE = re.compile(r"\b(?:what|whatever|how)\s+$", re.I)
# A paragraph opening with a bold speaker name ("**Dr. Barry**:", "**Kat:**") is a transcript of that speaker.
_SPEAKER_RE = re.compile(
    r"\A\s*(?:\*\*|__)(?:Dr\.\s+|Mr\.\s+|Ms\.\s+|Mrs\.\s+)?[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'.-]*){0,3}"
    r"(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s"
)
_SURVEY_CONTEXT_RE = re.compile(r"\b(?:respondents?|surveyed|survey|poll(?:ed)?)\b", re.I)
_NAMED_BEFORE_RE = re.compile(r"[A-Z][\w’'.-]+\s+(?:and|&)\s*$")
# A counted group introduced before ("Twelve participants", "40 residents", "a dozen riders").
_COUNTED_GROUP_RE = re.compile(
    r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|dozens?|hundreds|a\s+dozen|a\s+handful)\s+(?:of\s+)?(?:[a-z][\w-]*\s+){0,2}(?P<noun>[a-z][\w-]*s|[a-z]*(?:people|men|women|children))\b",
    re.I,
)
_FIRST_PERSON_VERBS = r"asked|interviewed|surveyed|spoke|talked|met|heard|polled|invited|visited|tested|observed|watched|recruited"
_FIRST_PERSON_REPORT_RE = re.compile(rf"\b(?:we|I)\s+(?:\w+\s+)?(?:{_FIRST_PERSON_VERBS})\b", re.I)
# The writer's own report of a group: "we asked owners", "I talked to 12 nurses", "we interviewed the riders".
_GROUP_REPORT_LOW_RE = re.compile(
    rf"\b(?:we|i)\s+(?:\w+\s+)?(?:{_FIRST_PERSON_VERBS})\s+(?:(?:to|with)\s+)?"
    r"(?:(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozens\s+of|several|many|some|"
    r"a\s+few|a\s+dozen|a\s+handful\s+of|a\s+number\s+of|a\s+group\s+of|our|the|their|other)\s+)?"
    r"(?:[a-z-]+\s+)?(?:[a-z-]+s|people|men|women|children|staff|folks)\b"
)
NEAR = "near"  # own_research: the writer reports one person's interview, which sources claims only near it
_FIRST_PERSON_REPORT_LOW_RE = re.compile(
    rf"\b(?:we|i)\s+(?:\w+\s+)?(?:{_FIRST_PERSON_VERBS})\b"
)  # the same, for lowercased text
_OWN_RE = re.compile(
    r"\b(?i:our|your|my|their|his|her|its|the|this|that|these|those|user|internal|own|staff)\b"
)
_FIRST_PERSON_RE = re.compile(r"\b(?:we|our|us)\b", re.I)

_PASSIVE_BE = r"is|was|'s|’s|has\s+been|had\s+been|has\s+long\s+been|is\s+being|have\s+been|had\s+long\s+been"

_ANON_DET_WORDS = (
    r"a|an|one|two|three|four|five|six|seven|eight|several|some|multiple|numerous|various|many|a\s+few|"
    r"few|another|both|\d+|a\s+number\s+of|a\s+handful\s+of|a\s+couple\s+of|the|his|her|their"
)
_PERSON_NOUNS = frozenset("person people individual individuals".split())
# "described the injury as serious": a claim through an "as" complement (anonymous sources only).
# A word that ends a place after a preposition is no determiner: "someone at the counter said" (the verb
# is "said", not the noun "counter" read as a verb after "the").
_NOT_DET = r"(?!(?i:the|a|an|its|their|this|that|these|those|our|his|her|my|your)\s)"
_DESCRIBE_FORMS = (
    r"describe|describes|described|characteri[sz]ed?|characteri[sz]es|portray|portrays|portrayed"
)
_DESCRIBE_WORDS = frozenset(
    "describe describes described characterise characterised characterises characterize characterized "
    "characterizes portray portrays portrayed".split()
)
_DESCRIBE_RE = re.compile(rf"(?:{_DESCRIBE_FORMS})$", re.I)
_AS_COMPLEMENT_RE = re.compile(r"\s+(?:[\w’'-]+\s+){1,6}?as\s", re.I)
_UNNAMED_RANKS = frozenset(("unnamed", "anonymous", "unidentified"))
# A place or affiliation after the noun of a source with a reason for anonymity: "a pharmacist at one
# of the town's largest branches, who ...".
_ANON_PLACE = r"(?:\s+(?i:at|in|of|from|with|on|for|inside|within)\s+[^,.;:!?()\n]{1,60}?)?"
# What the source knows, right after the noun: "familiar with", "acquainted with", "briefed on", "close
# to", "knowledgeable about", "privy to" - a participle or adjective and a preposition describe the source.
_KNOWS_WORDS = (
    r"(?:(?:[a-z]+(?:ed|iar|ant|ent|able)|close|privy|aware|party|near)\s+(?:with|to|on|about|of|in|at)\b|"
    r"with\s+(?:(?:direct|detailed|first-?hand|inside|intimate|some)\s+)?(?:knowledge|understanding)\s+(?:of|about)\b)"
)
_KNOWS = rf"\s+(?i:{_KNOWS_WORDS})"
_KNOWS_LOW = rf"\s+{_KNOWS_WORDS}"
_KNOWS_RE = re.compile(_KNOWS)
# Where the source was, ending the sentence or clause: "..., said one GOP source in the room."
_ANON_WHERE = r"\s+(?i:in|at|inside|within|among)\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+\s*(?:[.,;:!?)—–]|$)"
# A lowercase affiliation after the noun of a subject: "elected officials from both parties say".
_ANON_FROM = r"\s+(?i:from|in|at|with|inside|within|for|to)\s+(?:[a-z][\w’'-]*\s+){0,3}?[a-z][\w’'-]*\s+"
# Research write-ups quote participants, who are anonymous by design.
_RESEARCH_WORDS = (
    r"participants?|interviews?|interviewed|interviewees?|interviewing|respondents?|usability|attendees?|"
    r"focus\s+groups?|user\s+research|research\s+sessions?"
)
_RESEARCH_CONTEXT = re.compile(rf"\b(?:{_RESEARCH_WORDS})\b", re.IGNORECASE)
_RESEARCH_CONTEXT_LOW = re.compile(_RESEARCH_CONTEXT.pattern)  # for lowercased text

# Words that turn a study noun into a modifier: "research firm", "poll workers", "study group".
_NOT_HEAD = (
    r"firms?|groups?|centers?|centres?|institutes?|teams?|company|companies|organi[sz]ations?|assistants?|"
    r"associates?|directors?|projects?|programs?|programmes?|arms?|units?|labs?|methods?|questions?|"
    r"results|findings|shops?|outfits?|agency|agencies|services?|fellows?|scientists?|staff|stations?|"
    r"workers?|takers?|numbers|averages?|aggregators?|places?|sites?|booths?|data|participants?|"
    r"subjects?|design|funding|grants?|papers?|areas?|topics?|interests?|tax|taxes|committees?|panels?"
)
_STUDY_DETS = (
    r"a|an|one|another|some|several|many|numerous|multiple|recent|new|other|various|previous|past|"
    r"earlier|independent|countless|a\s+growing\s+body\s+of|a\s+body\s+of|a\s+wealth\s+of|"
    r"a\s+large\s+body\s+of|a\s+number\s+of|a\s+series\s+of|a\s+handful\s+of|a\s+spate\s+of|"
    r"mounting|growing|more|most|latest|early|the\s+latest|the\s+most\s+recent|the\s+newest|"
    r"(?:a|an|one|another)\s+(?:new\s+|recent\s+)?piece\s+of"
)
# A study is named by who ran or printed it ("published in The Lancet", "conducted by the county",
# "a university study"); "published last year" or "released in May" names nobody.
_STUDY_NAMED_RE = re.compile(
    r"\b(?i:published|conducted|commissioned|released|led|funded|sponsored|carried\s+out|run|done|paid\s+for)"
    r"\s+(?:[\w’'-]+\s+){0,3}?(?i:by|in|for|at|with)\s+(?:(?i:the|a|an)\s+)?(?:[A-Z]|(?i:journal|university|"
    r"institute)\b)|\b(?i:journal|university|institute)\b|\b(?i:by|from)\s+(?:(?i:the|their|its|his|her)\s|[A-Z])"
)
# A poll or study named in the paragraph ("a Quinnipiac University poll", "in a Fox poll"): a vague
# "polls show" beside it summarises the named source.
_NAMED_EVIDENCE_RE = re.compile(
    r"\b(?i:a|an|the|in|by|from|of|latest|recent|new)\s+[A-Z][\w/&.’'-]*(?:\s+[A-Z][\w/&.’'-]*){0,3}\s+"
    r"(?:[a-z]+\s+){0,2}(?:polls?|polling|surveys?|stud(?:y|ies)|analys[ie]s|research)\b"
)
_TRAILING_CITATION_RE = re.compile(
    r"\baccording\s+to\s+(?:the\s+)?[A-Z]|\((?:[^()]{0,80}\b(?:19|20)\d\d|[A-Z][^()]{0,80})\)"
)

_NUM_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"a\s+hundred|one\s+hundred|hundred|\d+"
)
# A percentage in figures or in words ("80%", "eighty per cent", "twenty-five percent").
_TENS = r"ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_PERCENT = (
    rf"\d+(?:\.\d+)?\s*(?:%|(?i:percent|per\s+cent)\b)|"
    rf"(?i:(?:{_TENS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?\s+(?:percent|per\s+cent))\b"
)
_PROPORTION = (
    rf"{_PERCENT}|(?i:(?:one|two|three|four|five|six|seven|eight|nine)[-\s]"
    rf"(?:thirds?|quarters?|fourths?|fifths?|sixths?|eighths?|tenths?))|(?i:half|a\s+third|a\s+quarter|a\s+fifth|a\s+tenth|a\s+(?:slim\s+|narrow\s+|"
    rf"clear\s+|large\s+|solid\s+|vast\s+|small\s+|bare\s+)?(?:majority|plurality|minority))|"
    rf"(?i:(?:{_NUM_WORD})\s+(?:in|out\s+of)\s+(?:every\s+)?(?:{_NUM_WORD}))"
)
_APPROX = (
    r"nearly|almost|about|roughly|around|approximately|more\s+than|over|under|less\s+than|fewer\s+than|"
    r"just\s+over|just\s+under|close\s+to|some|at\s+least|up\s+to|well\s+over|barely|only|just"
)
# A figure about a group ("40 percent of", "one child in five"), not a change ("bills fell by 11 percent"):
# what makes a later statistic part of a run.
_RUN_RE = re.compile(
    rf"(?<![\w.,])(?:(?:{_PROPORTION})\s+of|(?i:(?:{_NUM_WORD})\s+(?:[a-z]+\s+)?(?:in|out\s+of)\s+(?:every\s+)?"
    rf"(?:{_NUM_WORD})))\b"
)
# Where a statistic can start (in the lowercased text): a percentage, a fraction, a majority, "N in N".
_STAT_KEY = re.compile(
    r"\d\s*(?:%|percent\b|per\s+cent\b)|(?:ten|ty|ty-[a-z]+)\s+(?:percent|per\s+cent)\b|\b(?:half|thirds?|quarters?|fourths?|fifths?|sixths?|eighths?|tenths?|majority|"
    r"plurality|"
    r"minority)\b|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of)\s"
)

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _lower(text: str) -> str:
    """``text`` lowercased with every offset kept.

    ``str.lower`` is fast but may lengthen a few characters ("İ"); when it does, only ASCII letters are
    lowercased (slower, the same length by construction)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_PREV_WORD_RE = re.compile(r"([\w’'-]+)\s*$")
_BOUNDARY_CHARS = frozenset(",;:—–([\"“”'‘’" + _OBJ)
_QUOTE_CLOSERS = {"“": "”", "«": "»", "„": "“"}
_QUOTE_OPEN_RE = re.compile("[“«„\"]|''|``")
_CAPITAL_RE = re.compile(r"[A-Z][\w’'&.-]*")
_NEXT_WORD_RE = re.compile(r"(?<![\w’'-])[\w’'-]")
_AGENT_ANCHOR = re.compile(r"\b(?:by|according\s+to)\s")
_WORD_RE = re.compile(r"[a-z0-9]+")
# Every byte but a lowercase ASCII letter or digit becomes a space: the runs _WORD_RE finds are then the
# words ``str.split`` gives, made in C in one pass (a character beyond ASCII is first encoded as "?").
_NOT_WORD_BYTES = bytes(
    c if chr(c).isascii() and (chr(c).islower() or chr(c).isdigit()) else 32 for c in range(256)
)


def _word_runs(low: str) -> str:
    """``low`` (lowercased text) with every character that is not an ASCII letter or digit replaced by a
    space, at the same offsets: its ``split()`` gives ``_WORD_RE.findall(low)``."""
    return low.encode("ascii", "replace").translate(_NOT_WORD_BYTES).decode("ascii")


def _word_set(low: str) -> set[str]:
    """``set(_word_runs(low).split())``; the runs of a text over 1M characters are split a window at a
    time, each cut at a space (a word never crosses it), so a one-line draft never holds a list of all
    its words (about 60 bytes each)."""
    runs = _word_runs(low)
    if len(runs) <= _CUE_WINDOW:
        return set(runs.split())
    out: set[str] = set()
    start, n = 0, len(runs)
    while start < n:
        end = runs.find(" ", start + _CUE_WINDOW)
        end = n if end < 0 else end
        out.update(runs[start:end].split())
        start = end
    return out


_DIGIT_RE = re.compile(r"\d")
_DIGITS_RE = re.compile(r"\d+")
# The characters beyond ASCII that ``re.IGNORECASE`` matches to an ASCII letter (tests check the list).
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
_FOLDS_TO_ASCII_RE = re.compile(f"[{_FOLDS_TO_ASCII}]")

_CONTEXT = 600  # characters of sentence context examined on either side of a finding
_WINDOW_BEFORE = 100  # longest determiner + modifier run before a head noun
_WINDOW_AFTER = 160  # longest post-modifier + auxiliaries + verb after it (and the look-aheads)

_GRAMMAR_INITIALS = frozenset(
    """
    it there reports media news press according by based citing published unconfirmed initial early a an
    two three four five six seven eight nine ten several multiple numerous both his her their
    one another more the not few plenty legal medical health political economic independent outside
    foreign security industry financial climate environmental public military intelligence education
    conservative liberal progressive prominent leading top senior academic scientific local national
    international global longtime veteran former policy market tech technology privacy energy nutrition
    mental
    """.split()
)


#: The alternations made in earlier runs (entries joined by newlines -> ``_alt``'s text), kept in the
#: per-user cache with the signature of this code (``kinds.sourcing`` installs it while the rules are set
#: up; ``copydesk.compiled.CompiledStore.derived``), and whether this process added to it.
_ALT_MEMO: list = [None, False]


def _alt(words) -> str:
    """A regex alternation of words or phrases (longest first); a space matches any whitespace."""
    # Longest first, then alphabetical: the same pattern text in every process (a set's order changes with
    # the hash seed), so compiled patterns can be kept between runs (copydesk.regexcache).
    items = sorted({w.lower() for w in words if w}, key=lambda w: (-len(w), w))
    if not items:
        return r"(?!x)x"  # an empty vocabulary matches nothing
    memo = _ALT_MEMO[0]
    if memo is not None:
        key = "\n".join(items)
        out = memo.get(key)
        if out is None:
            out = memo[key] = _alt_of(items)
            _ALT_MEMO[1] = True
        return out
    return _alt_of(items)


def _alt_of(items: list[str]) -> str:
    if all(w.isascii() and not any(c.isspace() and c != " " for c in w) for w in items):
        return evidence.trie_alternation(items)  # (the same matches, shorter: see there)
    return "|".join(r"\s+".join(re.escape(part) for part in w.split(" ")) for w in items)


def _singular(noun: str) -> str:
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun[:-1]
    return noun


class _Anchor:
    """A keyword regex and the words one of which a paragraph must hold for it to match at all.

    ``firsts``, when given, are the words every match starts with, as a whole word (the regex starts
    with ``\\b`` and each keyword's first word is followed by white space or ``\\b``), and ``digits`` says
    a match may also start at a run of digits: :meth:`hits` then tries the regex only there (found with
    ``str.find``) and gives what ``finditer`` gives, without trying every position of the paragraph.
    """

    __slots__ = ("regex", "needs", "firsts", "digits")

    def __init__(
        self,
        regex: re.Pattern[str],
        needs: frozenset[str] | None,
        firsts: frozenset[str] | None = None,
        digits: bool = False,
    ) -> None:
        self.regex = regex
        self.needs = needs
        self.firsts = firsts
        self.digits = digits

    def finditer(self, text: str):
        return self.regex.finditer(text)

    def hits(self, p: _Paragraph) -> list[tuple[int, int]]:
        """``[(m.start(), m.end()) for m in self.finditer(p.low)]``."""
        low = p.low
        if self.firsts is None or p.exotic:
            return [(a.start(), a.end()) for a in self.regex.finditer(low)]
        starts = [i for w in self.firsts.intersection(p.words) for i in p.positions(w)]
        if self.digits and p.has_digit:
            starts += [m.start() for m in _DIGITS_RE.finditer(low)]
        starts.sort()
        found = []
        match = self.regex.match
        end = 0
        for i in starts:
            if i < end:
                continue  # inside the last match: finditer goes on after it
            m = match(low, i)
            if m is not None:
                found.append((i, m.end()))
                end = max(m.end(), i + 1)
        return found


class _WordAnchor:
    """Keywords found by set lookups on the paragraph's words instead of a regex alternation.

    ``firsts`` holds the first word of every entry ("a" of "a handful of"), ``needs`` one necessary
    word per entry; ``ends`` optional word endings ("-ers" of "riders"). :func:`_anchored` asks the
    paragraph where its words are (``str.find`` per present word) and tries the family's gate at each:
    the gate starts with the full alternation, so a phrase is still checked whole there. ``slack`` is the
    longest entry, so the searched window reaches as far as after a regex hit.
    """

    __slots__ = ("firsts", "needs", "ends", "slack")

    def __init__(
        self,
        firsts: frozenset[str],
        needs: frozenset[str] | None,
        ends: tuple[str, ...] = (),
        slack: int = 0,
    ) -> None:
        self.firsts = firsts
        self.needs = needs
        self.ends = ends
        self.slack = slack

    def words_in(self, words: frozenset[str]) -> list[str]:
        found = list(self.firsts.intersection(words))
        if self.ends:
            found += [w for w in words if w.endswith(self.ends) and w not in self.firsts]
        return found


class _PhraseAnchor:
    """Keywords of a few phrases, each found at the whole-word places of its first word (``str.find``)
    and checked there by its own regex: the hits ``regex.finditer`` of the alternation of the phrases
    between word boundaries would give, without trying every position of the paragraph."""

    __slots__ = ("phrases", "needs")

    def __init__(self, phrases: dict[str, re.Pattern[str]]) -> None:
        self.phrases = phrases  # first word -> the phrase's regex (from that word, in lowercased text)
        self.needs = frozenset(phrases)

    def hits(self, p: _Paragraph) -> list[tuple[int, int]]:
        low = p.low
        found = []
        for word in self.needs.intersection(p.words):
            match = self.phrases[word].match
            for i in p.positions(word):
                m = match(low, i)
                if m is not None:
                    found.append((i, m.end()))
        found.sort()
        return found


# "by " and "according to ": _AGENT_ANCHOR's hits (\b(?:by|according\s+to)\s in lowercased text).
_AGENT_PHRASES = _PhraseAnchor({"by": re.compile(r"by\s"), "according": re.compile(r"according\s+to\s")})


class _Patterns:
    """Every pattern of the detector, compiled from one vocabulary, each on first use: a draft opens only
    the few whose keywords it holds (``re`` here compiles lazily: ``copydesk.regexcache.deferring_re``).
    Tell patterns apart by identity with the objects held here (``pattern is pt.hedge``), never through a
    match's ``m.re``: that is the compiled pattern, not the object held here."""

    def __init__(self, v: Vocabulary) -> None:
        re = deferring_re  # every re.compile below is deferred to the pattern's first use
        quant = _alt(v["quantifiers"])
        bare = _alt(v["bare_quantifiers"])
        groups = tuple(v["group_nouns"])
        group = _alt(groups)
        singular = _alt(_singular(g) for g in groups)
        all_verbs = [f for e in v["reporting_verbs"] + v["belief_verbs"] for f in verb_forms(e)]
        verbs = _alt(all_verbs)
        inverted_verbs = _alt(
            f
            for e in v["reporting_verbs"] + v["belief_verbs"]
            for f in verb_forms(e)
            if not f.endswith("ing")
        )
        self.generic_modifiers = frozenset(w.lower() for w in v["generic_modifiers"])
        hearsay = _alt(f for e in v["hearsay_verbs"] for f in verb_forms(e))
        gen_mods = _alt(v["generic_modifiers"])
        mod = rf"(?:{_MOD}|(?i:{gen_mods}))"
        self.participants = re.compile(rf"\b(?:{_alt(v['participant_nouns'])})\b", re.I)

        self.weasel_subject = re.compile(
            rf"(?P<span>(?:(?i:{quant})\s+)?(?:{mod}\s+){{0,3}}(?P<noun>(?i:{group}))"
            rf"(?:\s+of(?:\s+[\w’'-]+){{1,3}}?)?\s+(?P<aux>{_AUXES})(?i:{verbs}))\b",
        )
        # A plain place or a short relative clause may follow the group: "several shop owners on the
        # street have complained", "many people who live along the creek doubt".
        self.present = frozenset(
            " ".join(f.split()) for e in v["reporting_verbs"] + v["belief_verbs"] for f in present_forms(e)
        )
        # The post-modifiers of a subject noun phrase, between its head noun and its verb: a place or a
        # group (a preposition and a noun phrase, with a second one or an "of" phrase after it: "on
        # several blocks of the old district", "on the night shift at the clinic"), a relative clause
        # ("who fish the lake"; with no pronoun after a first or second person: "on the forums I
        # follow", "you talk to at any garage") or a participle phrase ("coming down from the summit",
        # "based in the city"). A noun phrase never ends in a determiner ("at the counter insist", not
        # "at the" + "counter").
        word = r"[\w’'.&-]+"
        np_end = r"(?!(?i:the|a|an|this|that|these|those|his|her|its|our|their|my|your)\s)[\w’'.&-]+"
        place = (
            rf"(?i:in|on|at|of|across|around|throughout|from|along|near|among|within|inside|outside)"
            rf"\s+(?:{word}\s+){{0,3}}?{np_end}"
            rf"(?:\s+(?i:of|in|on|at|across|around|throughout|along|near|outside)\s+(?:{word}\s+){{0,3}}?{np_end})?"
        )
        zero_rel = rf"(?i:i|you|we)\s+(?:{word}\s+){{0,3}}?{np_end}"
        participle = (
            rf"(?:[a-z]+ing|based|(?:familiar|close|involved|acquainted|briefed)\s+(?:with|to|in|on))"
            rf"\s+(?:{word}\s+){{0,4}}?{np_end}"
        )
        # A non-restrictive relative clause between commas: "Commuters on the east side, who depend on
        # buses, have grumbled that ...".
        aside = r",\s+(?i:who|whose|including|among\s+them|many\s+of\s+whom|some\s+of\s+whom)\s+[^,.;:!?()\n]{1,100}?,"
        relative = r"(?i:who|that)\s+(?:[\w’'-]+\s+){0,6}?[\w’'-]+"
        post = rf"(?P<post>\s+(?:{place}(?:\s+{zero_rel})?|{relative}|{zero_rel}|{participle})(?:{aside})?|{aside})?"
        # A place adverb may stand for the place: "gamers online", "curators elsewhere".
        place_adverb = r"\s+(?i:online|elsewhere|locally|abroad|nationwide|overseas|worldwide)"
        post_place = (
            rf"(?P<post>(?:\s+{place}(?:\s+{zero_rel})?|{place_adverb}|\s+{relative}|\s+{zero_rel}|"
            rf"\s+{participle})?(?:{aside})?)"
        )
        # "are warning that", "have been complaining", "are increasingly worried that": a form of "be"
        # before an -ing form or an adjective of conviction (checked in _weasel: never a participle).
        stance = _alt(v["stance_adjectives"])
        be = (
            r"(?:are|were|is|was|have\s+been|has\s+been|had\s+been|will\s+be|been|be)\s+"
            r"(?:(?:[a-z]+ly|already|now|still|also|long)\s+)?"
        )
        self.weasel_quant_any = re.compile(
            rf"(?P<span>(?i:{quant})\s+(?:{mod}\s+){{0,2}}(?P<noun>[a-z][a-z-]*[a-z]s|[a-z]*(?:{_IRREGULAR_PLURALS})|(?i:{_alt(v['person_nouns'])})){post}"
            rf"\s+(?P<aux>{_AUXES}(?:(?i:{be}))?)(?P<verb>(?i:{verbs}|{stance})))\b",
        )
        # Any plural noun for a person, bare at the start of a clause, with a verb only people use and a
        # clause after it: "Riders fear they ...", "Seasoned frontend developers will tell you that ...".
        plural_verbs = _alt([f for e in v["plural_subject_verbs"] for f in verb_forms(e)] + all_verbs)
        # Any reporting or belief verb after a perfect or a catenative ("insurers have suggested that",
        # "locals tend to say"): checked in _plural_subject, which asks for a clause after it.
        self.people_verbs = frozenset(
            " ".join(f.split()) for e in v["plural_subject_verbs"] for f in verb_forms(e)
        )
        person = "|".join(re.escape(x.lower()) for x in v["person_suffixes"]) or r"(?!x)x"
        residents = _alt(v["resident_nouns"])
        person_nouns = _alt(v["person_nouns"])
        self.stance = frozenset(w.lower() for w in v["stance_adjectives"])
        self.procedure = frozenset(f for e in v["procedure_verbs"] for f in present_forms(e))
        self.weasel_plural = re.compile(
            rf"(?P<span>(?:{mod}\s+){{0,3}}(?P<noun>[A-Za-z][a-z-]*(?:{person})|(?i:{_IRREGULAR_PLURALS}|{residents}|{group}|{person_nouns})){post_place}"
            rf"\s+(?P<aux>{_AUXES}(?:(?i:{be}))?)(?P<verb>(?i:{plural_verbs}|{stance})))\b",
        )
        people = {
            w.lower()
            for key in (
                "person_nouns",
                "group_nouns",
                "participant_nouns",
                "population_nouns",
                "anonymous_nouns",
                "staff_nouns",
            )
            for w in v[key]
        }
        # A counted group is people when its noun is a listed one or ends like an agent noun ("riders",
        # "economists", "trainees"); "-ors" and "-ents" name things as often as people ("colors", "documents").
        self._person_re = re.compile(rf"(?:ers|ists|ians|ees|eers|{_IRREGULAR_PLURALS})$")
        self.is_person = lambda noun: noun.lower() in people or bool(self._person_re.search(noun.lower()))
        self.people_lexicon = frozenset(people) | {w.lower() for w in v["resident_nouns"]}
        self.resident_nouns = frozenset(w.lower() for w in v["resident_nouns"])
        self.verb_words = frozenset(w for f in all_verbs for w in f.lower().split()[:1])
        self.belief_forms = frozenset(f for e in v["belief_verbs"] for f in verb_forms(e))
        self.not_plural_subject = frozenset(
            w.lower()
            for key in (
                "quantifiers",
                "bare_quantifiers",
                "report_nouns",
                "study_nouns",
                "survey_nouns",
                "anonymous_nouns",
                "staff_nouns",
                "defined_group_nouns",
            )
            for w in v[key]
        )
        # Any word ending like a plural for people (and the irregular plurals): found by word endings. A
        # listed group noun may take a place too ("skeptics in the trade").
        self.plural_anchor = _WordAnchor(
            frozenset(_IRREGULAR_PLURALS.split("|"))
            | {w.lower() for w in v["resident_nouns"]}
            | {w.lower() for w in v["person_nouns"]}
            | {w.lower() for w in groups},
            None,
            ends=tuple(x.lower() for x in v["person_suffixes"]),
        )
        self.weasel_quant_place = re.compile(
            rf"(?P<span>(?i:{bare})\s+(?:(?i:in|at|on|among|within|across|inside|around|throughout)\s+|"
            rf"(?i:who)\s+(?:[\w’'.&-]+\s+){{0,3}}?(?i:in|at|on|for|with|near|across|around|inside)\s+)"
            rf"(?:[\w’'.&-]+\s+){{0,5}}?(?P<aux>{_AUXES})(?i:{verbs}))\b",
        )
        self.weasel_singular = re.compile(
            rf"(?P<span>(?i:one|an|another)\s+(?:{mod}\s+){{0,2}}(?i:{singular})\s+(?P<aux>{_AUXES})(?i:{verbs}))\b",
        )
        self.weasel_bare = re.compile(
            rf"(?P<span>(?i:{bare})\s+(?P<aux>{_AUXES}(?:(?i:is|are|was|were)\s+)?)(?i:{verbs}|{stance}))\b"
        )
        self.weasel_inverted = re.compile(
            rf"(?P<span>(?i:{inverted_verbs})\s+(?:(?i:{quant})\s+)?(?:{mod}\s+){{0,2}}"
            rf"(?i:{group}|{bare}))(?:\s+of\s+(?:[a-z][\w’'-]*\s+){{0,3}}?[a-z][\w’'-]*)?"
            rf"(?=\s*(?:[.,;:!?)—–]|$))",
        )
        self.weasel_agent = re.compile(
            rf"(?P<span>(?P<lead>\b(?i:{_alt(v['agent_verbs'])})\s+by|"
            rf"\b(?i:according\s+to))\s+(?:(?P<q>(?i:{quant}))(?P<qnoun>(?:\s+{_MOD}){{0,2}}\s+[a-z][a-z-]+s)?|"
            rf"(?:{mod}\s+){{0,2}}(?i:{group})|"
            rf"(?:{mod}\s+){{0,2}}(?P<pnoun>[a-z][a-z-]*(?:{person})|(?i:{residents}|{person_nouns})))\b(?![’'])(?!-))",
        )
        # A bare plural for people after a reporting clause: "..., librarians anticipate.", "..., oyster
        # growers are convinced." (the reported clause comes first).
        self.weasel_plural_inverted = re.compile(
            rf"(?P<span>(?:{mod}\s+){{0,2}}(?P<noun>[A-Za-z][a-z-]*(?:{person})|(?i:{_IRREGULAR_PLURALS}|{residents}|{person_nouns}))"
            rf"\s+(?P<aux>{_AUXES}(?:(?i:{be}))?)(?P<verb>(?i:{inverted_verbs}|{stance})))(?=\s*(?:[.;!?)]|$))",
        )
        self.plural_inverted_gate = re.compile(
            rf"[a-z-]+\s+{_AUXES.replace('(?i:', '(?:')}(?:{be})?(?:{inverted_verbs}|{stance})\s*(?:[.;!?)]|$)"
        )
        # A view held among a bare plural for people: "there is a widespread view among dentists that",
        # "among landlords, the consensus is that".
        opinions = _alt(v["opinion_nouns"])
        self.opinion_among = re.compile(
            rf"(?P<span>\b(?i:{opinions})\s+(?:(?i:is|was|has\s+been)\s+)?(?i:among|across)\s+"
            rf"(?:{mod}\s+){{0,2}}(?P<noun>[a-z][a-z-]*(?:{person})|(?i:{residents}|{person_nouns}|{group})))\b"
            rf"|(?P<span2>\b(?i:among)\s+(?:{mod}\s+){{0,2}}(?P<noun2>[a-z][a-z-]*(?:{person})|(?i:{residents}|{person_nouns}|{group}))"
            rf"\s*,\s+(?i:the|a)\s+(?:[a-z]+\s+)?(?i:{opinions})\s+(?i:is|was|has\s+been|seems\s+to\s+be))\b",
        )
        self.person_ends = tuple(x.lower() for x in v["person_suffixes"])
        self.as_verbs = frozenset("believed considered seen regarded viewed described".split())
        # weasel_agent needs "<agent verb> by" or "according to" (whole words; see _may_match).
        self.agent_needs = (({"by"}, _heads(v["agent_verbs"])), ({"according"}, {"to"}))
        self.opinion = re.compile(rf"\b(?:{_alt(v['opinion_nouns'])})\b")

        adv = _alt(v["impersonal_adverbs"])
        imp = _alt(v["impersonal_verbs"])
        adv_verbs = _alt(v["adverb_verbs"])
        self.it_passive = re.compile(
            rf"(?P<span>\b(?i:it)\s+(?i:{_PASSIVE_BE})\s+"
            rf"(?:(?i:{adv})\s+(?i:{imp}|{adv_verbs})|(?i:{imp})(?=\s*(?:that\b|,)))|"
            rf"\b(?i:there\s+(?:are|were|have\s+been)\s+(?:unconfirmed\s+|widespread\s+|persistent\s+)?"
            rf"(?i:{_alt(v['report_nouns'])})\s+that))\b",
        )
        self.subj_passive = re.compile(
            rf"(?P<span>\b(?i:is|are|was|were|been|being)\s+(?:(?i:not)\s+)?(?:(?i:{adv})\s+)?(?i:{imp})\s+to)"
            rf"(?=\s+(?P<next>[\w’'-]+))",
        )
        self.subj_passive_adv = re.compile(
            rf"(?P<span>\b(?i:is|are|was|were|been|being)\s+(?i:{adv})\s+(?i:{adv_verbs}))\b",
        )
        self.perception_as = re.compile(
            rf"(?P<span>\b(?i:is|are|was|were|been)\s+(?:(?i:{adv})\s+)?(?i:{_alt(v['perception_verbs'])}))"
            rf"\s+as\b",
        )
        self.hedge = re.compile(rf"(?P<span>\b(?i:{_alt(v['hedge_adverbs'])}))\b")
        # Set phrases that put a claim in nobody's mouth ("word is that", "it is no secret that") and
        # criticism with no critic ("has drawn sharp criticism", "came under withering criticism").
        self.impersonal_phrase = re.compile(rf"(?P<span>\b(?i:{_alt(v['impersonal_phrases'])}))\b")
        self.criticism = re.compile(
            rf"(?P<span>\b(?i:drew|draws|draw|drawn|drawing|faced|faces|face|facing|attracted|attracts|"
            rf"attracting|(?:came|comes|come|coming)\s+under)\s+(?:(?!(?i:less|more|little|no|any|far)\b)[a-z]+\s+){{0,2}}?"
            rf"(?i:{_alt(v['criticism_nouns'])}))\b"
        )
        reports = _alt(v["report_nouns"])
        self.according_reports = re.compile(
            rf"(?P<span>\b(?:(?i:according\s+to)\s+(?:(?i:some|many|most|several|various|numerous|multiple|"
            rf"unconfirmed|media|news|press|published|recent|local|early|initial)\s+){{0,2}}(?i:{reports})|"
            rf"(?i:by\s+(?:some|many|most|several|all)\s+(?:accounts|estimates))|"
            rf"(?i:(?:media|news|press|published|unconfirmed|initial|early)\s+)?(?i:reports)\s+"
            rf"(?i:say|said|suggest|suggested|indicate|indicated|claim|claimed)))\b",
        )
        # What a paragraph must hold for each pattern above to match anywhere in it, read off the
        # pattern: alternatives of conjunctions of word sets (a word of each set must be among the
        # paragraph's words). Those words stand whole in every match (after \b or white space, before
        # white space or \b), so a paragraph without them is not searched (see _may_match).
        imp_h, adv_h = _heads(v["impersonal_verbs"]), _heads(v["impersonal_adverbs"])
        adv_verbs_h, reports_h = _heads(v["adverb_verbs"]), _heads(v["report_nouns"])
        either = None if imp_h is None or adv_verbs_h is None else imp_h | adv_verbs_h
        self.passive_needs = {
            id(self.it_passive): (
                ({"it"}, either),
                ({"there"}, {"that"}, reports_h),
            ),
            id(self.subj_passive): (({"to"}, imp_h),),
            id(self.subj_passive_adv): ((adv_h, adv_verbs_h),),
            id(self.perception_as): (({"as"}, _heads(v["perception_verbs"])),),
            id(self.hedge): ((_heads(v["hedge_adverbs"]),),),
            id(self.impersonal_phrase): (
                (_first_words(v["impersonal_phrases"]), _phrase_keys(v["impersonal_phrases"])),
            ),
            id(self.criticism): ((_phrase_keys(v["criticism_nouns"]),),),
            id(self.according_reports): (
                ({"according"}, reports_h),
                ({"by"}, {"accounts", "estimates"}),
                ({"reports"}, set("say said suggest suggested indicate indicated claim claimed".split())),
            ),
        }

        anon_nouns = tuple(v["anonymous_nouns"]) + tuple(v["staff_nouns"])
        markers = _alt(v["anonymity_markers"])
        self.staff = frozenset(n.lower() for n in v["staff_nouns"])
        self.anonymous_heads = frozenset(n.lower() for n in anon_nouns)
        # After a group, a possessive, an acronym or "the" and a capital names a body ("researchers in
        # Stanford's lab", "economists in the Treasury"); a capital before a place noun is a place ("on
        # several blocks of the Orchard district").
        self.named_post = re.compile(
            rf"['’]s\b|\b[A-Z]{{2,6}}s?\b|\b(?i:the)\s+[A-Z]"
            rf"(?![\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){{0,2}}\s+(?i:{_alt(v['place_nouns'])})\b)"
        )
        # After "I" or "we" in a subject: the writer came across the claim, did not make it.
        self.hearsay = re.compile(
            rf"(?:[’']\w+)?\s+(?:(?i:have|had|once|recently|just|also)\s+){{0,2}}(?i:{hearsay})\b"
        )
        self.roles = frozenset(w.lower() for w in v["role_modifiers"])
        anon = _alt(anon_nouns)
        ranks = _alt(v["ranks"])
        rank_or_gen = rf"(?:(?i:{ranks})|(?i:{gen_mods})|and|{_MOD})"
        self.anon_subject = re.compile(
            rf"(?P<span>(?:(?P<det>(?i:{_ANON_DET_WORDS}))\s+)?(?P<rank>(?:{rank_or_gen}\s+){{0,4}})"
            rf"(?P<noun>(?i:{anon}))(?P<desc>\s+(?:(?i:who|that|{markers})\b)[^.;:!?]{{0,120}}?(?:,|\s)|{_ANON_FROM})?"
            rf"(?P<post>\s*(?:(?i:also|later|privately|previously|have|has|had|earlier|"
            rf"would|will|now|still|repeatedly)\s+){{0,2}})(?i:{verbs}))\b",
        )
        self.anon_inverted = re.compile(
            rf"(?P<span>(?i:said|says|told|added|according\s+to)\s+(?:(?P<det>(?i:{_ANON_DET_WORDS}))\s+)?"
            rf"(?P<rank>(?:{rank_or_gen}\s+){{0,4}})(?P<noun>(?i:{anon})))\b"
            rf"(?=(?P<tail>\s*(?:[.,;:!?)—–]|$)|\s+(?:who|with)\b|{_KNOWS}|{_ANON_WHERE}))",
        )
        self.described = re.compile(rf"\b(?:{_alt(v['anonymity_markers'])})\b", re.I)
        # Any person with a stated reason for anonymity: "two county employees who were not authorized
        # to speak publicly said".
        reasons = _alt(v["anonymity_reasons"])
        self.anon_reason = re.compile(
            rf"(?P<span>(?P<det>(?i:{_ANON_DET_WORDS}))\s+(?P<rank>(?:{rank_or_gen}\s+){{0,3}})"
            rf"(?P<noun>[a-z][a-z-]*[a-z]){_ANON_PLACE}"
            rf"(?P<desc>,?\s+(?i:who|that|speaking|talking)\s+(?:[^.;:!?]{{0,100}}?\s)?(?i:{reasons})\b"
            rf"[^.;:!?]{{0,100}}?(?:,|\s))\s*(?:(?i:also|later|have|has|had)\s+){{0,2}}(?i:{verbs}))\b",
        )
        # The same after the verb: "..., said a port employee who requested anonymity."
        self.anon_reason_inverted = re.compile(
            rf"(?P<span>(?i:said|says|told|added|according\s+to)\s+(?P<det>(?i:{_ANON_DET_WORDS}))\s+"
            rf"(?P<rank>(?:{rank_or_gen}\s+){{0,3}})(?P<noun>[a-z][a-z-]*[a-z]){_ANON_PLACE}"
            rf"(?P<desc>,?\s+(?i:who|that|speaking|talking)\s+(?:[^.;:!?]{{0,100}}?\s)?(?i:{reasons})))\b",
        )
        self.reason_anchor = re.compile(rf"\b(?:{reasons})\b")
        # Any unnamed person, whatever the noun, that the sentence describes by what it knows or where it
        # stands ("an investor briefed on the round said", "a parent with ties to the board said"), calls
        # unnamed ("an unnamed scout for a rival side said") or quotes on a stated reason after the verb
        # ("a developer at the studio told me off the record that ..."). Listed nouns without any of that
        # are judged by anon_single and anon_subject.
        anon_dets = _ANON_DET_WORDS.replace("|the|his|her|their", "")
        self.anon_any = re.compile(
            rf"(?P<span>\b(?P<det>(?i:{anon_dets}))\s+(?P<rank>(?:{rank_or_gen}\s+){{0,3}}?)"
            rf"(?P<noun>[a-z][a-z-]*[a-z])(?P<place>{_ANON_PLACE})"
            rf"(?P<desc>,?\s+(?i:{markers})\s+(?:[\w’'-]+\s+){{0,5}}?[\w’'-]+,?)?"
            rf"\s+(?:(?i:also|later|privately|then|previously|has|had|have|would|will|now)\s+){{0,2}}"
            rf"(?P<verb>(?i:{verbs}|{_DESCRIBE_FORMS})))\b"
            rf"(?P<after>(?:\s+(?i:me|us|him|her|them|reporters|the\s+[a-z]+))?\s+(?i:{reasons})\b)?",
        )
        self.not_anon_any = (
            frozenset(
                w.lower()
                for key in ("study_nouns", "survey_nouns", "report_nouns", "online_result_nouns")
                for w in v[key]
            )
            | _DOCUMENT_NOUNS
        )
        # "someone inside the company told me", "somebody who worked on the set described ... as":
        # an unnamed person by place or by what they did.
        self.someone = re.compile(
            rf"(?P<span>\b(?i:someone|somebody)(?P<desc>\s+(?i:inside|at|in|within|from|on|close\s+to)\s+"
            rf"(?:[\w’'-]+\s+){{0,3}}?{_NOT_DET}[\w’'-]+|\s+(?i:who)\s+(?:[\w’'-]+\s+){{1,6}}?[\w’'-]+,?)"
            rf"\s+(?:(?i:also|later|privately|then|has|had|have)\s+){{0,2}}(?P<verb>(?i:{verbs}|{_DESCRIBE_FORMS})))\b",
        )
        # One unnamed person with a verb of saying: "a worker at the site said", "one executive at a rival
        # firm said"; after the verb: "..., according to a county employee with knowledge of ...".
        singles = _alt(v["single_source_nouns"])
        single_place = (
            r"(?:\s+(?i:at|of|from|for|in|on|with|inside|within|close\s+to)\s+(?:(?i:the|a|an|its|their|this|that)\s+)?(?:[\w’'-]+\s+){0,3}?"
            + _NOT_DET
            + r"[\w’'-]+)?"
        )
        single_who = r"(?:,\s+(?i:who|whom)\s+[^,.;:!?]{1,100}?,)?"
        self.anon_single = re.compile(
            rf"(?P<span>\b(?P<det>(?i:a|an|one|another))\s+(?P<rank>(?:{rank_or_gen}\s+){{0,3}})(?P<noun>(?i:{singles}))"
            rf"(?P<desc>{single_place}{single_who})\s+(?:(?i:also|later|privately|then|previously|has|had|would)\s+){{0,2}}"
            rf"(?P<verb>(?i:{_SINGLE_VERBS})))\b",
        )
        self.anon_single_inverted = re.compile(
            rf"(?P<span>\b(?i:said|says|told|added|according\s+to)\s+(?P<det>(?i:a|an|one|another))\s+"
            rf"(?P<rank>(?:{rank_or_gen}\s+){{0,3}})(?P<noun>(?i:{singles})))\b"
            rf"(?=(?P<desc>{single_place}(?:{_KNOWS}(?:\s+[\w’'-]+){{1,4}}?)?)\s*(?:[.,;:!?)—–]|$))",
        )

        # A pronoun described by what it knows: "Those close to him say", "someone familiar with the plan said".
        self.pronoun_knows = re.compile(
            rf"(?P<span>\b(?i:those|someone|somebody){_KNOWS}\s+(?:[\w’'-]+\s+){{0,4}}?"
            rf"(?:(?i:also|later|have|has|had)\s+){{0,2}}(?i:{verbs}))\b",
        )

        studies = _alt(v["study_nouns"])
        surveys = _alt(v["survey_nouns"])
        self.survey_nouns = frozenset(n.lower() for n in v["survey_nouns"])
        ev_verbs = _alt(f for e in v["evidence_verbs"] for f in verb_forms(e))
        self.bare_study = frozenset(
            n.lower() for n in v["study_nouns"] + v["survey_nouns"] if n.endswith("s")
        )
        self.bare_study |= {"research", "polling"} & {n.lower() for n in v["study_nouns"] + v["survey_nouns"]}
        # Results of any kind that went round online with no publisher ("figures circulating online
        # suggest", "results posted on social media show") are an unnamed study.
        online_nouns = _alt(v["online_result_nouns"])
        online = (
            rf"(?=\s+(?i:published|posted|circulating|circulated|shared|floating\s+around|going\s+around|"
            rf"doing\s+the\s+rounds|making\s+the\s+rounds|appearing)\s+(?i:{_alt(v['online_places'])})\b|"
            rf"\s+I\s+(?:(?i:have|had|once|recently|just|also)\s+){{0,2}}(?i:{hearsay})\b)"
        )
        self.online_nouns = frozenset(n.lower() for n in v["online_result_nouns"])
        self.bare_study |= self.online_nouns
        self.went_online = re.compile(online[3:-1])  # the same, as a match after the noun
        # (the last noun of a compound: "one benchmark study found" is a study, not a benchmark)
        study_heads = (
            rf"(?:(?i:{studies}|{surveys})|(?i:{online_nouns}){online})(?!\s+(?i:{studies}|{surveys})\b)"
        )
        self.evidence_subject = re.compile(
            rf"(?P<span>(?P<det>(?:(?i:{_STUDY_DETS})\s+){{0,3}})(?P<mods>(?:[\w’'.-]+\s+){{0,3}}?)"
            rf"(?P<noun>{study_heads})\b(?!\s+(?i:{_NOT_HEAD})\b)"
            rf"(?P<post>[^.;:!?\n]{{0,80}}?)\s+"
            rf"(?:(?i:have|has|had|also|consistently|repeatedly|now|clearly|generally|all|recently)\s+){{0,2}}"
            rf"(?P<verb>(?i:{ev_verbs})))\b",
        )
        self.according_evidence = re.compile(
            rf"(?P<span>\b(?i:according\s+to|citing)\s+(?P<det>(?:(?i:{_STUDY_DETS})\s+){{0,3}})"
            rf"(?P<mods>(?:[\w’'.-]+\s+){{0,3}}?)(?P<noun>{study_heads})\b"
            rf"(?!\s+(?i:{_NOT_HEAD})\b))(?P<post>[^.;:!?\n]{{0,80}})",
        )

        pops = _alt(v["population_nouns"])
        suffixes = "|".join(re.escape(s.lower()) for s in v["population_suffixes"]) or r"(?!x)x"
        self.statistic = re.compile(
            rf"(?P<span>(?:\b(?i:{_APPROX})\s+)?(?<![\w.,])(?:(?:{_PROPORTION})\s+of|"
            rf"(?i:(?:{_NUM_WORD})\s+(?:in|out\s+of)\s+(?:every\s+)?(?:{_NUM_WORD})))\s+(?:(?i:all|the|u\.s\.|american|"
            rf"registered|likely|eligible|young|older|adult|working|low-income|black|white|hispanic|latino|female|"
            rf"male|local|rural|urban|college|those|these|surveyed|polled|its|their|our)\s+|"
            rf"(?!(?i:{_NOT_MODIFIER}))[a-z][a-z-]+\s+|"
            rf"[A-Za-z][\w-]*['’]s\s+|[A-Z]{{2,5}}\s+|[A-Z][a-z]+\s+){{0,3}}?"
            rf"(?:(?i:{pops})|[A-Za-z][a-z-]*(?:{suffixes})|(?P<plural>[a-z][a-z-]*(?:{person}))))\b"
        )
        # Shapes of a statistic beyond "N% of <people>" (analysis/evidence.py).
        self.statistic_inner = re.compile(
            evidence.inner_count_pattern(v["population_nouns"], v["population_suffixes"])
        )
        self.statistic_own_share = re.compile(
            evidence.share_of_own_pattern(
                v["population_nouns"], v["population_suffixes"], v["person_suffixes"]
            )
        )
        # A bare percentage of any plural as the subject of a finished event ("More than 80% of stolen
        # bikes were never recovered"): a measured figure, whatever the things counted.
        self.statistic_figure = re.compile(
            rf"(?P<span>(?:\b(?i:{_APPROX})\s+)?(?<![\w.,])\d+(?:\.\d+)?\s*(?:%|(?i:percent|per\s+cent)\b)\s+of\s+"
            rf"(?:(?!(?i:{_NOT_MODIFIER}))[a-z][a-z-]+\s+){{0,2}}(?P<things>[a-z][a-z-]*[a-z]s))"
            rf"(?=\s+(?P<verb>(?:(?:were|was|had|have|has)\s+(?:(?:never|not|already|also|still)\s+)?)?[a-z]+ed)\b)"
        )
        # A ratio of any plural as the subject of its clause ("Roughly three in ten bogs in the county had
        # to cut back"): "N in M" is a share whatever is counted. A place after the noun may come first.
        self.statistic_ratio = re.compile(
            rf"(?P<span>(?:\b(?i:{_APPROX})\s+)?(?<![\w.,])(?i:(?:{_NUM_WORD})\s+(?:in|out\s+of)\s+(?:every\s+)?"
            rf"(?:{_NUM_WORD}))\s+(?:(?!(?i:{_NOT_MODIFIER}))[a-z][a-z-]+\s+){{0,2}}?(?P<things>[a-z][a-z-]*[a-z]s))"
            rf"(?=(?:\s+(?:in|on|at|across|along|near|around|within|from)\s+(?:[\w’'-]+\s+){{0,3}}?[\w’'-]+)?"
            rf"\s+(?P<verb>(?:(?:were|was|had|have|has|are|is|will|would|could|can|did|do|now|still|also|never|"
            rf"already|not)\s+)*[a-z]+)\b)"
        )
        # A measure that moved by an amount, as the subject of its clause ("Crime fell 12 percent last year",
        # "Food prices have gone up by more than a quarter", "Scooter injuries have tripled since then",
        # "Homelessness in the city is up 30 percent"): a trend someone measured.
        amount = (
            r"(?:by\s+)?(?:(?:about|around|almost|nearly|roughly|more\s+than|over|some|just\s+over|just\s+under|"
            r"up\s+to|an\s+estimated|below|above|under)\s+){0,2}"
            r"(?:\d[\d,.]*\s*(?:%|percent\b|per\s+cent\b)|a\s+(?:third|quarter|fifth|tenth)\b|half\b|"
            r"two-thirds\b|three-quarters\b)"
        )
        moved = (
            r"rose|risen|rises|fell|fallen|falls|dropped|drops|climbed|climbs|increased|increases|decreased|"
            r"decreases|declined|declines|grew|grown|grows|jumped|jumps|soared|soars|plunged|plunges|plummeted|"
            r"slipped|slips|surged|surges|shrunk|shrank|shrinks|gone\s+up|gone\s+down|went\s+up|went\s+down|"
            r"hit|hits|reached|reaches"
        )
        self.statistic_trend = re.compile(
            rf"(?P<span>(?P<subj>(?!{_TREND_STOP}\b)[A-Za-z][\w’'-]*(?:\s+(?!{_TREND_STOP}\b)[\w’'-]+){{0,6}}?)\s+"
            rf"(?:(?:has|have|had)\s+(?:(?:now|already|steadily|sharply|more\s+than|nearly|almost|roughly|about)\s+)*"
            rf"(?:been\s+)?)?(?:(?:now|steadily|sharply|quietly|already)\s+)*"
            rf"(?P<verb>(?:{moved})\s+{amount}|(?:doubled|tripled|trebled|quadrupled|halved)\b|"
            rf"(?:is|are|was|were)\s+(?:now\s+)?(?:up|down)\s+{amount}|"
            # "have risen steadily every year for two decades", "has fallen since 2010": a trend over a span
            rf"(?:risen|fallen|grown|climbed|declined|dropped|increased|decreased|soared|plunged)\s+"
            rf"(?:(?:steadily|sharply|rapidly|every\s+year|each\s+year|year\s+on\s+year)\s+){{0,2}}"
            rf"(?:(?:for|over|in)\s+(?:the\s+(?:past|last)\s+)?(?:\d+|two|three|four|five|six|ten|a|several)\s+"
            rf"(?:years|decades|decade|year)|since\s+(?:\d{{4}}|the\s+\d{{4}}s))\b|"
            # "are 13 percent more productive than ...": a measured comparison
            rf"(?:is|are|was|were)\s+{amount}\s+(?:more|less|fewer|likelier|cheaper|faster|slower)\b))"
        )
        self.statistic_change = re.compile(
            evidence.change_pattern(v["population_nouns"], v["population_suffixes"])
        )
        # A share of anything as the subject of its clause, with a finite verb after it ("About 80% of data
        # breaches involve ...", "Over a third of the town's shops have changed hands", "The majority of
        # users never change ..."): a measured figure, whatever is counted. A fraction needs a word of
        # approximation ("more than half of"); "Half of the 40 seats" (a number in it) is a count.
        fraction = r"half|a\s+third|a\s+quarter|a\s+fifth|a\s+tenth|(?:one|two|three|four)[-\s](?:thirds?|quarters?|fifths?|tenths?)"
        self.statistic_subject = re.compile(
            rf"(?P<span>(?:(?:\b(?i:{_APPROX})\s+)?(?<![\w.,])(?:{_PERCENT})|"
            rf"\b(?i:{_APPROX})\s+(?i:{fraction})|(?<![\w.,-])(?i:{fraction})(?=\s+of\s+(?i:all|the|[A-Za-z][\w-]*['’]s)\s)|"
            rf"\b(?i:the\s+(?:vast\s+|overwhelming\s+|great\s+)?(?:majority|bulk)))\s+of\s+"
            rf"(?:(?i:the|all)\s+|[A-Za-z][\w-]*['’]s\s+|(?!(?i:{_NOT_MODIFIER}))[a-z][a-z-]+\s+|(?<=of\s)[A-Z][a-z]+(?<!s)\s+){{0,3}}?(?!(?i:{_NOT_MODIFIER}))(?P<things>[a-z][a-z-]*[a-z]))"
            rf"(?=(?:\s+(?:in|on|at|across|along|near|around|within|from)\s+(?:[\w’'-]+\s+){{0,3}}?[\w’'-]+)?"
            rf"\s+(?P<verb>(?:(?:were|was|had|have|has|are|is|will|would|could|can|did|do|does|now|still|also|never|"
            rf"already|not|only|ever|often|rarely|typically|usually|actually)\s+)+[a-z]+|(?![a-z]+ing\b)[a-z]+)\b(?![’'-]))"
        )
        self.audience = frozenset(w.lower() for w in v["audience_nouns"])
        # What a trend must be about to be a statistic: a population, or a measure of one (a rate, cases).
        self.measure_nouns = frozenset(w.lower() for w in v["measure_nouns"])
        self.population_heads = frozenset(w.lower() for w in v["population_nouns"])
        self.population_ends = tuple(x.lower() for x in v["population_suffixes"])
        # "Most <plural>" (or "nearly all", "the majority of") as the subject of a present-tense clause, and
        # "the average/typical <noun>" or "nearly every <noun>" with a present verb: a claim about a whole
        # population that someone must have measured ("Most integrations hit the limit in their first week").
        self.generalisation = re.compile(
            rf"(?P<span>(?:\b(?i:most|nearly\s+all|almost\s+all|virtually\s+all)\s+(?!of\b)"
            rf"(?:(?!(?i:{_NOT_MODIFIER}))[a-z][a-z-]+\s+){{0,2}}?(?!(?i:{_NOT_MODIFIER}))(?P<plural>[a-z][a-z-]*[a-z]s|people|men|women|children)"
            rf"|\b(?i:the\s+(?:average|typical)|(?:nearly|almost|virtually)\s+every)\s+"
            rf"(?:(?!(?i:{_NOT_MODIFIER}))[a-z][a-z-]+\s+){{0,2}}?(?!(?i:{_NOT_MODIFIER}))(?P<single>[a-z][a-z-]*[a-z])))"
            rf"(?P<post>\s+(?:who|that)\s+(?:[\w’'-]+\s+){{1,5}}?(?=[a-z]+\s)|\s+(?:in|on|at|across|from)\s+(?:[\w’'-]+\s+){{0,3}}?{_NOT_DET}[\w’'-]+)?"
            rf"(?P<aux>\s+(?:(?:now|still|also|already|never|rarely|often|usually|typically|only|do|does|have|has|don['’]t|doesn['’]t|never)\s+){{0,2}})?"
            rf"{_NOT_DET}(?P<verb>[a-z]+)\b(?![’'-])"
        )
        self.stat_source = re.compile(
            rf"\b(?:{_alt(v['source_words'])})\b|\ufffc|\((?:[^()]{{0,60}}\b(?:19|20)\d\d)\)", re.I
        )
        from copydesk.matching import PatternError, compile_pattern

        self.own_method = [compile_pattern(p, ignorecase=True) for p in v["own_method_patterns"]]
        # The same as one alternation, so a draft is searched once, not once per pattern (each search of
        # RE2's Python wrapper copies the text); the list stays for a pattern RE2 refuses in company.
        self.own_method_any = None
        if len(self.own_method) > 1:
            try:
                self.own_method_any = compile_pattern(
                    "|".join(f"(?:{p})" for p in v["own_method_patterns"]), ignorecase=True
                )
            except PatternError:
                pass

        # Words of the patterns may be capitalised at the start of a sentence without naming anyone.
        words = set()
        for key in (
            "quantifiers",
            "bare_quantifiers",
            "group_nouns",
            "anonymous_nouns",
            "staff_nouns",
            "ranks",
            "study_nouns",
            "survey_nouns",
            "online_result_nouns",
            "impersonal_adverbs",
            "generic_modifiers",
            "population_nouns",
        ):
            for entry in v[key]:
                words.update(entry.lower().split())
        words |= {w[:-1] for w in words if w.endswith("s")}
        self.initial_words = (
            frozenset(words) | _GRAMMAR_INITIALS | set(_APPROX.replace(r"\s+", " ").replace("|", " ").split())
        )

        def anchor(*alts: str, needs: frozenset[str] | None = None, firsts=None) -> _Anchor:
            """A keyword search over the lowercased paragraph (skipped when none of ``needs`` is in it);
            ``firsts``: the first words of its keywords (see _Anchor)."""
            return _Anchor(re.compile(rf"\b(?:{'|'.join(alts)})\b"), needs, firsts)

        def word_anchor(*lists, needs: frozenset[str] | None = None) -> _WordAnchor:
            """Keywords by word lookups: the first word of every entry of ``lists``."""
            firsts, slack = set(), 0
            for entries in lists:
                for e in entries:
                    words = re.findall(r"[a-z0-9]+", e.lower())
                    if words:
                        firsts.add(words[0])
                        slack = max(slack, len(e))
            return _WordAnchor(frozenset(firsts), needs, slack=slack)

        def gate(pattern: str) -> re.Pattern[str]:
            """What must follow at a keyword for its window to be searched (one anchored attempt)."""
            return re.compile(pattern)

        def keys(*lists) -> frozenset[str]:
            """One necessary word per entry (its longest): a family runs only if one is in the paragraph."""
            return _phrase_keys(e for entries in lists for e in entries)

        self.kw_weasel = keys(groups, [_singular(g) for g in groups], v["quantifiers"], v["bare_quantifiers"])
        self.kw_agent = frozenset({"by", "according"})
        self.kw_it_agent = frozenset(w.lower() for w in v["agent_verbs"])
        # Judging participles ("dismissed by commuters as ..."): their agent may be any plural for people.
        self.kw_judging = frozenset(
            w.lower().split()[0] for w in v["agent_verbs"] if w.lower().split()[0] in _JUDGING_PARTICIPLES
        )
        # The last word of every verb form the inverted plural family can end in ("..., growers fear.").
        # (present forms: the simple past after the clause reports a crowd, "..., residents said.")
        self.inverted_last = frozenset(
            f.lower().split()[-1] for e in v["reporting_verbs"] + v["belief_verbs"] for f in present_forms(e)
        ) | {w.lower() for w in v["stance_adjectives"]}
        self.kw_opinion = keys(v["opinion_nouns"])
        self.kw_plural = keys(
            f
            for e in v["reporting_verbs"] + v["belief_verbs"] + v["plural_subject_verbs"]
            for f in verb_forms(e)
        ) | keys(v["stance_adjectives"])
        # One word of every verb form a clause family can end in (the first: "point" of "point out").
        self.kw_verbs = (  # one necessary word of every verb form ("slip" of "let slip", not "let")
            keys(
                f
                for e in v["reporting_verbs"] + v["belief_verbs"] + v["plural_subject_verbs"]
                for f in verb_forms(e)
            )
            | {"according"}
            | keys(v["stance_adjectives"])
        )
        # The first word of every verb form a clause can end in, for the window test of _anchored (None
        # when a form does not start with a word followed by a space or its end: then no window is ruled out).
        self.verb_heads = _heads(
            [
                f
                for e in v["reporting_verbs"] + v["belief_verbs"] + v["plural_subject_verbs"]
                for f in verb_forms(e)
            ]
            + list(v["stance_adjectives"])
        )
        self.evidence_verb_heads = _heads(f for e in v["evidence_verbs"] for f in verb_forms(e))
        self.evidence_forms = frozenset(
            " ".join(f.lower().split()) for e in v["evidence_verbs"] for f in verb_forms(e)
        )
        self.speech_forms = frozenset(
            " ".join(f.lower().split())
            for e in v["reporting_verbs"] + v["belief_verbs"]
            for f in verb_forms(e)
        )
        self.kw_evidence_verbs = frozenset(
            re.findall(r"[a-z0-9]+", f.lower())[0]
            for e in v["evidence_verbs"]
            for f in verb_forms(e)
            if re.search(r"[a-z0-9]", f.lower())
        ) | {"according", "citing"}
        self.kw_passive = keys(
            v["impersonal_verbs"],
            v["adverb_verbs"],
            v["perception_verbs"],
            v["hedge_adverbs"],
            v["report_nouns"],
            v["criticism_nouns"],
        ) | {"reports", "accounts", "estimates"}
        self.kw_phrase_firsts = _first_words(v["impersonal_phrases"])
        self.kw_phrase_keys = _phrase_keys(v["impersonal_phrases"])
        self.kw_anon = keys(anon_nouns)
        self.kw_single = keys(v["single_source_nouns"])
        self.kw_reason = keys(v["anonymity_reasons"])
        self.kw_anon_any = keys(v["anonymity_markers"], v["anonymity_reasons"]) | {"unnamed", "unidentified"}
        self.anon_any_anchor = anchor(
            _alt(v["anonymity_markers"]),
            _alt(v["anonymity_reasons"]),
            "unnamed|unidentified",
            needs=self.kw_anon_any,
            firsts=_heads(
                list(v["anonymity_markers"]) + list(v["anonymity_reasons"]) + ["unnamed", "unidentified"]
            ),
        )
        self.kw_evidence = keys(v["study_nouns"], v["survey_nouns"])
        # Results of another kind are a study only online or heard of: their paragraph must hold a word
        # of the places or of the hearsay verbs too.
        self.kw_online_nouns = keys(v["online_result_nouns"])
        self.kw_online_cues = frozenset(  # the last word of each place ("web" of "on the web")
            re.findall(r"[a-z0-9]+", e.lower())[-1]
            for e in v["online_places"]
            if re.search(r"[a-z0-9]", e.lower())
        )
        self.kw_hearsay = frozenset(
            re.findall(r"[a-z0-9]+", f.lower())[0] for e in v["hearsay_verbs"] for f in verb_forms(e)
        )
        singulars = [_singular(g) for g in groups]
        self.group_anchor = word_anchor(groups, singulars, needs=keys(groups, singulars))
        self.quant_anchor = word_anchor(v["quantifiers"], needs=keys(v["quantifiers"]))
        self.bare_anchor = word_anchor(v["bare_quantifiers"], needs=keys(v["bare_quantifiers"]))
        self.inverted_anchor = word_anchor(
            groups, v["bare_quantifiers"], needs=keys(groups, v["bare_quantifiers"])
        )
        self.anon_anchor = word_anchor(anon_nouns, needs=self.kw_anon)
        self.evidence_anchor = anchor(
            studies, surveys, needs=self.kw_evidence, firsts=_heads(v["study_nouns"] + v["survey_nouns"])
        )
        # The same with the results that count only online or heard of, for a paragraph that has a word of
        # those places or verbs (most paragraphs with "data" or "results" have none: not searched there).
        self.evidence_online_anchor = anchor(
            studies,
            surveys,
            online_nouns,
            needs=self.kw_evidence | self.kw_online_nouns,
            firsts=_heads(v["study_nouns"] + v["survey_nouns"] + v["online_result_nouns"]),
        )
        self.subject_gate = re.compile(
            rf"(?:{group}|{singular})(?:\s+of(?:\s+[\w’'-]+){{1,3}}?)?\s+{_AUXES}(?:{verbs})\b",
        )
        low_post = post.replace("(?P<post>", "(?:").replace("(?i:", "(?:")
        self.quant_gate = re.compile(
            rf"(?:{quant})\s+(?:[\w.’'-]+\s+){{0,2}}(?:[a-z][a-z-]*[a-z]s|[a-z]*(?:{_IRREGULAR_PLURALS})|{_alt(w.lower() for w in v['person_nouns'])}){low_post}"
            rf"\s+{_AUXES}(?:{be})?(?:{verbs}|{stance})\b",
        )
        low_place = post_place.replace("(?P<post>", "(?:").replace("(?i:", "(?:")
        self.plural_gate = re.compile(
            rf"[a-z-]+{low_place}\s+{_AUXES.replace('(?i:', '(?:')}(?:{be})?(?:{plural_verbs}|{stance})\b"
        )
        self.place_gate = re.compile(
            rf"(?:{bare})\s+(?:in|at|on|among|within|across|inside|around|throughout|who)\s"
        )
        self.bare_gate = re.compile(
            rf"(?:{bare})\s+{_AUXES.replace('(?i:', '(?:')}(?:(?:is|are|was|were)\s+)?(?:{verbs}|{stance})\b"
        )
        self.inverted_gate = re.compile(
            rf"(?:{group}|{bare})(?:\s+of\s+(?:[a-z][\w’'-]*\s+){{0,3}}?[a-z][\w’'-]*)?\s*(?:[.,;:!?)—–]|$)",
        )
        self.anon_subject_gate = re.compile(
            rf"(?:{anon})(?:\s+(?:who|that|{markers})\b[^.;:!?]{{0,120}}?(?:,|\s)|{_ANON_FROM.replace('(?i:', '(?:')})?\s*"
            rf"(?:(?:also|later|privately|previously|have|has|had|earlier|would|will|now|still|repeatedly)\s+){{0,2}}"
            rf"(?:{verbs})\b",
        )
        self.anon_inverted_gate = re.compile(
            rf"(?:{anon})(?:\s*(?:[.,;:!?)—–]|$)|\s+(?:who|with)\b|{_KNOWS_LOW}|{_ANON_WHERE.replace('(?i:', '(?:')})",
        )


_HEAD_RE = re.compile(r"[a-z0-9]+(?=\s|$)")


def _heads(forms) -> frozenset[str] | None:
    """The first word of each of ``forms`` (lowercased), or None when one does not start with a word of
    letters and digits followed by a space or its end (its first word may then be glued to the next)."""
    out = set()
    for f in forms:
        m = _HEAD_RE.match(f.lower())
        if m is None:
            return None
        out.add(m.group(0))
    return frozenset(out)


# Words too common to gate a paragraph on: a phrase's necessary word is another one of its words if it has one.
_COMMON_KEY_WORDS = frozenset(
    "the that this with from have been their there what which were they them than then into about across "
    "around give gave asked most some many other not let lets letting".split()
)


def _phrase_keys(entries) -> frozenset[str]:
    """One necessary word per phrase (its longest, passing over very common words), for a paragraph gate:
    any word of a phrase is necessary for it to match, so a rare one rules out most paragraphs."""
    out = set()
    for e in entries:
        words = re.findall(r"[a-z0-9]+", e.lower())
        if words:
            rare = [w for w in words if w not in _COMMON_KEY_WORDS] or words
            out.add(max(rare, key=len))
    return frozenset(out)


def _first_words(entries) -> frozenset[str]:
    """The first word (letters and digits) of each entry: "it" of "it's no secret that"."""
    return frozenset(w[0] for e in entries if (w := re.findall(r"[a-z0-9]+", e.lower())))


@lru_cache(maxsize=16)
def _compiled(key: tuple) -> _Patterns:
    return _Patterns(dict(key))


_LAST: list = [None, None]  # (vocabulary object, its patterns): the common case is one vocabulary


def compile_vocabulary(vocab: Vocabulary | None) -> _Patterns:
    """The compiled patterns of ``vocab`` (the built-in defaults when ``None``), cached."""
    v = builtin_vocabulary() if vocab is None else vocab
    if _LAST[0] is v:
        return _LAST[1]
    pt = _compiled(tuple(sorted((k, tuple(x)) for k, x in v.items())))
    _LAST[0], _LAST[1] = v, pt
    return pt


# ---------------------------------------------------------------------------------------------------
# Helpers


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges inside double quotation marks: curly, guillemets, straight, or doubled apostrophes ('').

    An unclosed quotation runs to the end of the paragraph (news style for quotes spanning paragraphs).
    """
    ranges: list[tuple[int, int]] = []
    n = len(text)
    m = _QUOTE_OPEN_RE.search(text)
    while m is not None:
        i, ch = m.start(), m.group(0)
        if ch in _QUOTE_CLOSERS:
            j = text.find(_QUOTE_CLOSERS[ch], i + 1)
        elif ch == '"':
            j = text.find('"', i + 1)
        else:
            j = text.find("''", i + 2)
            j = -1 if j == -1 else j + 1
        end = n if j == -1 else j + 1
        ranges.append((i, end))
        m = _QUOTE_OPEN_RE.search(text, end)
    return ranges


def _matches(
    pattern: re.Pattern[str], text: str, lo: int = 0, hi: int | None = None
) -> Iterator[re.Match[str]]:
    """Leftmost match at every word start where one begins, overlaps included."""
    pos = lo
    n = len(text) if hi is None else hi
    while pos < n:
        m = pattern.search(text, pos, n)
        if m is None:
            return
        yield m
        nxt = _NEXT_WORD_RE.search(text, m.start() + 1)
        if nxt is None:
            return
        pos = nxt.start()


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _anchored(
    pattern: re.Pattern[str], anchor, p: _Paragraph, gate=None, within: frozenset[str] | None = None
) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` in a window of the sentence around each hit of ``anchor``.

    When ``gate`` is given it must match at the keyword (in the lowercased text) for the window to be
    searched: most keywords ("some", "many") are not the head of a subject with a reporting verb, and
    one anchored attempt is far cheaper than a search of the window.

    ``within`` names words one of which every match of ``pattern`` holds as a whole word (its verb,
    after white space and before a word boundary): a window holding none of them is not searched, and
    a paragraph holding none of them is not looked at (see :meth:`_Paragraph.word_in`).
    """
    needs = getattr(anchor, "needs", None)
    if needs is not None and p.words.isdisjoint(needs):
        return
    if within is not None and not p.exotic:
        present = p.words.intersection(within)
        if not present:
            return
    else:
        present = None
    text = p.text
    for lo, hi in p.windows(anchor, gate):
        if present is not None and not p.word_in(present, lo, hi):
            continue
        yield from _matches(pattern, text, lo, hi)


def _clause_start(text: str, sent_start: int, pos: int) -> bool:
    """True when ``pos`` begins a clause: sentence start, after punctuation, or after a conjunction."""
    before = text[sent_start:pos].rstrip()
    if not before or before[-1] in _BOUNDARY_CHARS:
        return True
    m = _PREV_WORD_RE.search(before)
    return bool(m) and m.group(1).lower() in _CLAUSE_OPENERS


_NP_AND_RE = re.compile(r"[\w’')]\s+(?:and|or|&)(?:\s+(?:even|also|other))?\s*$", re.I)


def _coordinated(text: str, sent_start: int, pos: int) -> bool:
    """True when the subject is the second half of a coordinated noun phrase ("unions and some lawmakers").

    "X and some Y say" puts the claim in the mouth of X as well; a clause joined by ", and" is not that.
    """
    return bool(_NP_AND_RE.search(text, max(sent_start, pos - 60), pos))


_I_FORMS = frozenset(("i", "i’m", "i'm", "i’ve", "i've", "i’d", "i'd"))


def _has_proper_word(pt: _Patterns, text: str, start: int, end: int, sent_start: int) -> bool:
    """True when a capitalised word within [start, end) looks like a name.

    Generic capitalised modifiers ("American", "Democratic") never name anyone. The first word of the
    sentence (or of a clause after a colon, dash or quote) is capitalised for grammar, so it only
    counts when it is not a word of the vocabularies and has no common-word ending ("Cardiology").
    """
    for m in _CAPITAL_RE.finditer(text, start, end):
        pos = m.start()
        if pos > 0 and text[pos - 1].isalnum():
            continue
        word = m.group(0).rstrip(".,")
        low = word.lower()
        if low in _I_FORMS:
            # The writer, not a name. What the writer only came across leaves its source unnamed
            # ("beekeepers on the forums I follow insist", "one survey I came across claimed"); what
            # the writer did is the writer's own ("riders I interviewed say", "a survey I ran found").
            if pt.hearsay.match(text, m.end()):
                continue
            return True
        if low in pt.generic_modifiers or m.group(0).lower() in pt.generic_modifiers:
            continue
        if "-" in low and all(part in pt.generic_modifiers for part in low.split("-")):
            continue  # "African-American", "Chinese-American": a compound of generic modifiers
        head = text[sent_start:pos].rstrip(" \"“‘'(")
        if (not head or head[-1] in ":—") and (low in pt.initial_words or _COMMON_SUFFIX_RE.search(low)):
            continue
        return True
    return False


class _Words:
    """What the word gates read of a paragraph: its text, lowercased text (same length and offsets) and
    word set, with two facts worked out on first use. :class:`_Paragraph` builds on it; the statistic
    gates use it alone, before a paragraph's state is made."""

    __slots__ = ("text", "low", "words", "_has_digit", "_exotic")

    def __init__(self, text: str, low: str, words: frozenset[str]) -> None:
        self.text = text
        self.low = low
        self.words = words
        self._has_digit: bool | None = None
        self._exotic: bool | None = None

    @property
    def has_digit(self) -> bool:
        """The paragraph holds a digit (any Unicode decimal digit, as ``\\d`` reads it)."""
        found = self._has_digit
        if found is None:
            found = self._has_digit = _DIGIT_RE.search(self.low) is not None
        return found

    @property
    def exotic(self) -> bool:
        """The text holds a character that matches an ASCII letter only case-insensitively (dotted or
        dotless i, long s, Kelvin sign): word-set gates do not see it, so they are not used here."""
        found = self._exotic
        if found is None:
            found = self._exotic = (
                not self.text.isascii() and _FOLDS_TO_ASCII_RE.search(self.text) is not None
            )
        return found


class _Paragraph(_Words):
    """Per-call state: the text, its sentences and quotations."""

    def __init__(
        self,
        text: str,
        previous_text: str,
        sentences: list[tuple[int, int]] | None = None,
        own_research: bool = False,
        prepared: tuple[str, frozenset[str]] | None = None,
    ) -> None:
        if prepared is None:
            low = _lower(text)  # same length and offsets as text
            prepared = (low, frozenset(_word_runs(low).split()))
        # (otherwise the same, made by the caller for the whole draft: find_document_sourcing)
        super().__init__(text, *prepared)
        self.own_research = own_research
        self._positions: dict[str, list[int]] = {}
        self.previous_text = previous_text
        self.sentences = (split_sentences(text) if sentences is None else sentences) or [(0, len(text))]
        self.sent_starts = [s for s, _ in self.sentences]
        self.quotes: list[tuple[int, int]] | None = None  # built on first use (most paragraphs need none)
        self.quote_starts: list[int] = []
        self._sourced: dict[int, bool] = {}
        self.linked = self.previous_linked = False
        self.survey_in_draft = False
        self.names = frozenset()
        self.own_method = False  # the draft states the writer's own method (sources figures about its sample)
        self.own_product = False  # the draft speaks of its own site or audience ("our users")
        self.lead_sources = False  # a list item whose lead-in is linked or names a source and ends in ":"
        self.links: tuple[tuple[int, int], ...] = ()
        self._hits: dict[int, list[tuple[int, int]]] = {}
        self._windows: dict[tuple[int, int], list[list[int]]] = {}
        self.draft_index = None  # the draft's words (_DraftWords), for a population named elsewhere

    def link_in(self, start: int, end: int) -> bool:
        """A hyperlink (or a masked link) lies within [start, end)."""
        return _OBJ in self.text[start:end] or any(ls < end and le > start for ls, le in self.links)

    def positions(self, word: str) -> list[int]:
        """Where ``word`` (one of :attr:`words`) stands as a whole word in the lowercased text."""
        found = self._positions.get(word)
        if found is None:
            found = self._positions[word] = evidence.word_positions(self.low, word)
        return found

    def word_in(self, words, lo: int, hi: int) -> bool:
        """One of ``words`` (words of :attr:`words`) stands whole within ``[lo, hi)``, or a word is cut at
        ``hi``: a search that ends there sees that word's head as a whole word, so it is not ruled out."""
        for w in words:
            last = hi - len(w)
            for i in self.positions(w):
                if lo <= i <= last:
                    return True
        low = self.low
        return 0 < hi < len(low) and _is_word_char(low[hi - 1]) and _is_word_char(low[hi])

    def windows(self, anchor, gate) -> list[list[int]]:
        """The windows of :func:`_anchored` for ``anchor`` and ``gate``, made once per paragraph (two
        families share the group nouns and their gate, two the bare quantifiers)."""
        key = (id(anchor), id(gate))
        windows = self._windows.get(key)
        if windows is not None:
            return windows
        text = self.text
        low = self.low
        hits = self._hits.get(id(anchor))
        if hits is None:
            if isinstance(anchor, _WordAnchor):
                hits = sorted(
                    (i, i + len(w) + anchor.slack)
                    for w in anchor.words_in(self.words)
                    for i in self.positions(w)
                )
            elif isinstance(anchor, (_PhraseAnchor, _Anchor)):
                hits = anchor.hits(self)
            else:
                hits = [(a.start(), a.end()) for a in anchor.finditer(low)]
            self._hits[id(anchor)] = hits
        windows = []
        for a_start, a_end in hits:
            if gate is not None and gate.match(low, a_start) is None:
                continue
            _, s, e = self.sentence(a_start)
            lo = max(s, a_start - _WINDOW_BEFORE)
            if lo > s:
                space = text.find(" ", lo, a_start)
                lo = a_start if space == -1 else space + 1
            hi = min(e, a_end + _WINDOW_AFTER)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        self._windows[key] = windows
        return windows

    def sentence(self, pos: int) -> tuple[int, int, int]:
        """(index, start, end) of the sentence holding ``pos``, clipped to ``_CONTEXT`` either side."""
        k = max(0, bisect.bisect_right(self.sent_starts, pos) - 1)
        s, e = self.sentences[k]
        return k, max(s, pos - _CONTEXT), min(max(e, pos), pos + _CONTEXT)

    def previous_sentence(self, k: int) -> str:
        if k > 0:
            s, e = self.sentences[k - 1]
            return self.text[max(s, e - _CONTEXT) : e]
        tail = self.previous_text[-800:].rstrip()
        spans = split_sentences(tail) if tail else []
        return tail[spans[-1][0] : spans[-1][1]] if spans else ""

    def before(self, k: int, pos: int, sentences: int = 2) -> str:
        """The text from ``sentences`` sentences before sentence ``k`` up to ``pos`` (bounded)."""
        s = self.sentences[max(0, k - sentences)][0]
        out = self.text[max(s, pos - 2 * _CONTEXT) : pos]
        if k < sentences:
            out = self.previous_text[-_CONTEXT:] + "\n" + out
        return out

    def research_near(self, pos: int) -> bool:
        """The writer reports their own interviews or tests of a group (``own_research`` True: anywhere in
        the draft, as a post about its user research does), or of one person (``NEAR``) in this paragraph
        before ``pos`` or the block before it: "I interviewed the harbour master" three paragraphs back is
        not the source of a new group's claim."""
        if not self.own_research:
            return False
        if self.own_research is not NEAR:
            return True
        near = self.text[max(0, pos - 2 * _CONTEXT) : pos] + "\n" + self.previous_text[-_CONTEXT:]
        return bool(
            _FIRST_PERSON_REPORT_RE.search(near)
            or (_RESEARCH_CONTEXT.search(near) and _FIRST_PERSON_RE.search(near))
        )

    def reported_speech(self, start: int, end: int) -> bool:
        """True when [start, end) lies in speech attributed to someone else in the same sentence."""
        _, s, e = self.sentence(start)
        return bool(
            _SPEECH_BEFORE_RE.search(self.text, s, start)
            or _SPEECH_AFTER_RE.search(self.text, end, e)
            or _ACCORDING_NAMED_RE.search(self.text, s, start)
        )

    def quoted(self, pos: int) -> bool:
        if self.quotes is None:
            self.quotes = _quoted_ranges(self.text)
            self.quote_starts = [s for s, _ in self.quotes]
        k = bisect.bisect_right(self.quote_starts, pos) - 1
        return k >= 0 and self.quotes[k][0] <= pos < self.quotes[k][1]


# ---------------------------------------------------------------------------------------------------
# Main entry point


def own_method(text: str, vocab: Vocabulary | None = None) -> bool:
    """True when ``text`` (a whole draft) states its own data ("we surveyed", "our analytics")."""
    return _own_method_in(compile_vocabulary(vocab), text)


def _own_method_in(pt: _Patterns, text: str, within: tuple[int, int] | None = None) -> bool:
    """One of the vocabulary's ``own_method_patterns`` matches in ``text`` (``within``: a match that
    starts in this range of ``text``)."""
    if within is None:
        if pt.own_method_any is not None:
            return pt.own_method_any.search(text) is not None
        return any(p.search(text) for p in pt.own_method)
    lo, hi = within
    for p in (pt.own_method_any,) if pt.own_method_any is not None else pt.own_method:
        m = p.search(text, lo)
        if m is not None and m.start() < hi:
            return True
    return False


def find_vague_sourcing(
    text: str,
    *,
    categories: set[str] | None = None,
    previous_text: str = "",
    vocab: Vocabulary | None = None,
    own_data: bool = False,
    sentences: list[tuple[int, int]] | None = None,
    own_research: bool = False,
    linked: bool = False,
    previous_linked: bool = False,
    survey_in_draft: bool = False,
    names=frozenset(),
    own_method_stated: bool = False,
    own_product: bool = False,
    lead_sources: bool = False,
    links=(),
    _prepared: tuple[str, frozenset[str]] | None = None,
    draft_index=None,
) -> list[Finding]:
    """Find vague attributions in one paragraph of prose.

    ``categories`` restricts the result to those keys of :data:`CATEGORIES` (all when ``None``).
    ``previous_text`` may carry the end of the previous paragraph (for referents and sources given
    just before). ``vocab`` is the vocabulary (the built-in defaults when ``None``); ``own_data`` says
    the draft states its own method, which sources its statistics. ``sentences`` are the text's
    sentence spans when the caller already has them (the shared analysis). ``own_research`` says the
    draft reports the writer's own interviews or tests, so a bare "many" or "some people" points back
    to those participants. ``linked`` says the paragraph holds a hyperlink, which sources its
    statistics, and ``previous_linked`` that the paragraph before (or the lead-in of a list) does;
    ``own_method_stated`` says the draft states its own method ("we surveyed"), which sources its
    figures about its own sample but not one about a country's population ("British households") or a
    habit in the present tense ("knowledge workers lose a third of their week");
    ``own_product`` says the draft speaks of its own site or audience ("our users"), so a figure about
    its ``audience_nouns`` is the writer's own metric; ``lead_sources`` says the paragraph is a list
    item whose lead-in is linked or names a source and ends with a colon, which sources every figure
    of the list; ``links`` are the paragraph's hyperlink spans (a link in a sentence cites it);
    ``draft_index`` (a :class:`_DraftWords` of the whole draft, or ``None``) tells whether a population is
    named anywhere else in the draft: a method stated elsewhere in the draft sources only figures about a
    group the draft speaks of, not one it never mentions again ("Two in three drivers" in a post whose
    own data are the reports it received);
    ``survey_in_draft`` says the draft names a survey or poll, which is where a figure about
    its "respondents" comes from; ``names`` are the capitalised words the draft uses mid-sentence (so
    "Sanders says" at the start of a sentence is a name, not a plural). A paragraph that opens with a speaker label ("Kat:") is a transcript
    and is not judged. Findings are sorted by offset and never overlap.
    """
    if categories is not None:
        unknown = set(categories) - CATEGORIES.keys()
        if unknown:
            raise ValueError(f"unknown vague-sourcing categories: {sorted(unknown)}")
    wanted = set(CATEGORIES) if categories is None else set(categories)
    if not wanted or not text.strip():
        return []
    pt = compile_vocabulary(vocab)
    # Each family needs its keywords: a subject word and a verb form for the clause families, a cue for
    # the others. Most paragraphs have none, so these set tests are all they cost: no paragraph state is
    # built for them. (A new family needs its own flag here, or it never runs.)
    if _prepared is None:
        low = _lower(text)  # same length and offsets as text
        _prepared = (low, frozenset(_word_runs(low).split()))
    words = _prepared[1]
    verb = not words.isdisjoint(pt.kw_verbs)
    clauses = agent = among = single = general = passive = anonymous = reason = evidence_ = statistics = False
    anonymous_any = False
    if "weasel-source" in wanted:
        clauses = verb and not (words.isdisjoint(pt.kw_weasel) and words.isdisjoint(pt.kw_plural))
        agent = not words.isdisjoint(pt.kw_agent) and (
            not words.isdisjoint(pt.kw_weasel)
            or ("according" in words and any(w.endswith(pt.person_ends) for w in words))
            or ("it" in words and not words.isdisjoint(pt.kw_it_agent))
            or (
                "by" in words
                and not words.isdisjoint(pt.kw_judging)
                and any(w.endswith(pt.person_ends) for w in words)
            )
        )
        among = ("among" in words or "across" in words) and not words.isdisjoint(pt.kw_opinion)
    if ("anonymous-source" in wanted or "anonymous-described" in wanted) and (
        verb or not words.isdisjoint(_DESCRIBE_WORDS)
    ):
        anonymous_any = not (words.isdisjoint(pt.kw_anon_any) and words.isdisjoint(_SOMEONE))
    if "passive-attribution" in wanted:
        passive = not words.isdisjoint(pt.kw_passive) or (
            not words.isdisjoint(pt.kw_phrase_keys) and not words.isdisjoint(pt.kw_phrase_firsts)
        )
    if ("anonymous-source" in wanted or "anonymous-described" in wanted) and verb:
        anonymous = not words.isdisjoint(pt.kw_anon)
        single = not words.isdisjoint(pt.kw_single) and not words.isdisjoint(_SINGLE_DETS)
        reason = "anonymous-described" in wanted and not (
            words.isdisjoint(pt.kw_reason) and words.isdisjoint(_PRONOUNS_KNOW)
        )
    if ("unnamed-study" in wanted or "unnamed-survey" in wanted) and (
        not words.isdisjoint(pt.kw_evidence) or _may_be_online(words, pt)
    ):
        evidence_ = not words.isdisjoint(pt.kw_evidence_verbs)
    gate = None
    if "unsourced-statistic" in wanted and not own_data:
        # _statistics finds nothing in a linked paragraph, nor where no shape's key can match.
        if not (_OBJ in text or linked or lead_sources):
            gate = _Words(text, *_prepared)
            statistics = _may_statistic(gate, pt)
    if "unsourced-generalisation" in wanted and not own_data and not (_OBJ in text or linked or lead_sources):
        general = (
            "most" in words
            or not words.isdisjoint(_AVERAGE_WORDS)
            or (not words.isdisjoint(_ALL_WORDS) and not words.isdisjoint(_NEARLY_WORDS))
        )
    if not (
        clauses
        or agent
        or among
        or single
        or general
        or passive
        or anonymous
        or reason
        or anonymous_any
        or evidence_
        or statistics
    ):
        return []
    if _SPEAKER_RE.match(text):
        return []  # a transcript line: the speaker's words, attributed by the label
    para = _Paragraph(text, previous_text, sentences, own_research, _prepared)
    if gate is not None:
        para._has_digit = gate._has_digit
    para.linked = linked
    para.previous_linked = previous_linked
    para.survey_in_draft = survey_in_draft
    para.names = names
    para.own_method = own_method_stated
    para.own_product = own_product
    para.lead_sources = lead_sources
    para.links = tuple(links)
    para.draft_index = draft_index
    found: list[tuple[int, int, str]] = []
    if clauses or agent or among:
        found += _weasel(para, pt, clauses, agent, among)
    if passive:
        found += _passive(para, pt)
    if anonymous:
        found += _anonymous(para, pt)
    if reason:
        found += _anonymous_reason(para, pt)
    if anonymous_any:
        found += _anonymous_any(para, pt)
    if single:
        found += _anonymous_single(para, pt)
    if general:
        found += _generalisations(para, pt)
    if evidence_:
        found += _evidence(para, pt)
    if statistics:
        found += _statistics(para, pt)
    findings = [
        Finding(s, e, cat, text[s:e])
        for s, e, cat in found
        if cat in wanted and not para.quoted(s) and not para.reported_speech(s, e)
    ]
    return _dedupe(findings)


#: Characters of a draft's body up to which :func:`find_document_sourcing` keeps each block's lowercased
#: text and word set from its first pass over the blocks (a few MB at most) instead of making them twice.
_PREPARED_CHARS = 1 << 18


def find_document_sourcing(
    blocks,
    sentences_of,
    vocab: Vocabulary | None = None,
    section_starts: frozenset[int] = frozenset(),
    links_of=None,
) -> dict[int, list[Finding]]:
    """Findings of every body block of one draft, keyed by ``id(block)`` (blocks with none are left out).

    ``blocks`` are the draft's body blocks in order (objects with ``.text``); ``sentences_of(block)``
    gives a block's sentence spans; ``section_starts`` holds the ids of blocks that follow a heading;
    ``links_of(block)`` gives a block's hyperlinks (a link is a citation). Each block sees the one
    before in its section (a source or a group named there); the items of a list also see the
    paragraph that leads into the list ("Other findings of the survey include:"). The draft's own
    method anywhere in it, a study, survey or data set it links to, or one it names earlier in the same
    section, sources its later statistics (a write-up of a study, a story on exit polls). A source
    named in another section, or a person or agency quoted earlier, does not: "according to the
    weather service" three paragraphs up is not where a figure about renters comes from.
    """
    own, research, surveyed, sources, product, same_length, prepared = _draft_cues(blocks, vocab)
    data_at = [at for at, according in sources if not according]
    cited_at = [at for at, _ in sources]  # with data cited "according to" a linked study
    found: dict[int, list[Finding]] = {}
    texts = [b.text for b in blocks]
    names = _Names(texts)
    draft_index = _DraftWords(texts, same_length) if own else None
    offset = 0
    previous = lead = ""
    in_list = data_linked = prev_linked = lead_linked = data_named = lead_names = False
    lead_judged = lead_heard_judged = pending = None
    lead_heard = False
    for i, b in enumerate(blocks):
        if prepared is not None:
            block_prepared = prepared[i]
        else:
            block_low = _lower(b.text)
            block_prepared = (block_low, frozenset(_word_set(block_low)))
        if id(b) in section_starts:
            previous = lead = ""
            in_list = prev_linked = lead_linked = data_named = False
        item = getattr(b, "scope", "").startswith("list_item")
        if item and not in_list:
            lead, lead_linked = previous, prev_linked
        context = f"{lead}\n{previous}" if item and lead and lead is not previous else previous
        spans = links_of(b) if links_of is not None else ()
        linked = bool(spans)
        if item and lead and not lead_linked and lead is not lead_judged:
            # Whether the lead-in names a source, judged once per list (not again for every item).
            lead_judged = lead
            lead_names = bool(
                lead.rstrip().endswith(":") and (evidence.names_data(lead) or _ORG_RE.search(lead))
            )
        lead_sources = item and bool(lead) and (lead_linked or lead_names)
        if item and lead and lead is not lead_heard_judged:
            # "Below are a few things we heard from colleagues:": the items report what the writer heard.
            lead_heard_judged = lead
            lead_heard = lead.rstrip().endswith(":") and bool(_FIRST_PERSON_REPORT_RE.search(lead[-300:]))
        hits = find_vague_sourcing(
            b.text,
            previous_text=context,
            vocab=vocab,
            own_data=data_linked or data_named,
            own_method_stated=own,
            own_product=product,
            lead_sources=bool(lead_sources),
            links=spans,
            sentences=sentences_of(b),
            own_research=research,
            linked=linked,
            previous_linked=prev_linked or (item and lead_linked),
            survey_in_draft=surveyed,
            names=names,
            _prepared=block_prepared,
            draft_index=draft_index,
        )
        if hits and item and lead and lead_heard:
            hits = [h for h in hits if h.category not in _ATTRIBUTIONS]
        if pending is not None and linked and id(b) not in section_starts:
            # "Many experts now recommend X. Below are a few of their articles:" and the links next.
            kept = [h for h in pending[1] if not _leads_into_next(pending[0], sentences_of(pending[0]), h)]
            if kept:
                found[id(pending[0])] = kept
            else:
                del found[id(pending[0])]
        pending = (b, hits) if hits and b.text.rstrip().endswith(":") else None
        if hits:  # most blocks have none: no empty list kept per block (a table's cells are many)
            found[id(b)] = hits
        in_list = item
        previous, prev_linked = b.text, linked
        end = offset + len(b.text)
        k = bisect.bisect_left(data_at, offset)
        data_here = k < len(data_at) and data_at[k] < end
        k = bisect.bisect_left(cited_at, offset)
        cited_here = k < len(cited_at) and cited_at[k] < end
        offset = end + 1
        data_linked = data_linked or (linked and cited_here)
        data_named = data_named or data_here
    return found


def _draft_cues(blocks, vocab: Vocabulary | None):
    """The draft-wide cues of :func:`find_document_sourcing`: whether the draft states its own method,
    reports its own research, names a survey; where it names data as a source (``(offset, cited)``,
    offsets in the blocks' texts joined by line breaks); whether it speaks of its own product; and
    whether lowercasing kept every length; and, for a draft of up to ``_PREPARED_CHARS`` characters, each
    block's lowercased text and word set (else None).

    A body longer than ``_CUE_WINDOW`` characters is read in windows (:func:`_windowed_cues`) instead of
    as one joined copy and its lowercase (a 20 MB draft with one emoji: two copies of 80 MB)."""
    if sum(len(b.text) + 1 for b in blocks) > _CUE_WINDOW + 1:
        return (*_windowed_cues([b.text for b in blocks], vocab), None)
    whole = "\n".join(b.text for b in blocks)
    low = whole.lower()  # one lowercased copy for the draft-wide cues
    # Lowercasing kept every length in the draft when it kept it in the whole: then a block's slice of
    # ``low`` is its own ``str.lower()``; else only ASCII letters are lowercased, in the draft as in each
    # block (``_DraftWords``).
    same_length = len(low) == len(whole)
    if not same_length:
        low = whole.translate(_ASCII_LOWER)
    # Each block's lowercased text and words (``_lower`` of the block alone, which is its slice of the
    # draft's when lowercasing kept every length) are made when the loop below reaches the block; their
    # union, the draft's words, which gates the draft-wide scans, is gathered block by block first. No
    # whole-draft copy but ``whole`` and ``low`` is made, and neither is kept for the loop: a long draft
    # held five such copies at once (a draft with an emoji holds 4 bytes per character).
    words_of = set()
    # A draft of up to ``_PREPARED_CHARS`` keeps each block's lowercased text and words from this pass for
    # the caller's block loop (a longer one makes them again there, one block at a time).
    prepared: list[tuple[str, frozenset[str]]] | None = None
    if len(whole) <= _PREPARED_CHARS:
        prepared = []
        for b in blocks:
            block_low = _lower(b.text)
            prepared.append((block_low, frozenset(_word_runs(block_low).split())))
            words_of.update(prepared[-1][1])
    else:
        for b in blocks:
            words_of.update(_word_runs(_lower(b.text)).split())
    # A character that folds to an ASCII letter (under re.IGNORECASE, or lowercased) is not seen by a
    # word set: such a draft is scanned whole, as before.
    folded = not whole.isascii() and _FOLDS_TO_ASCII_RE.search(whole) is not None
    draft_words = None if folded else frozenset(words_of)
    del words_of
    own = own_method(whole, vocab)
    # Research of the writer's own: "we", "our" and a research word in one sentence ("our usability
    # sessions", "we ran interviews"), not a news story's "in interviews" beside "our country" elsewhere.
    studied = _research_of_our_own(low, draft_words)
    research = studied or _search(_FIRST_PERSON_REPORT_LOW_RE, low, draft_words, _FIRST_PERSON_GATE)
    if research and not studied and not _search(_GROUP_REPORT_LOW_RE, low, draft_words, _FIRST_PERSON_GATE):
        research = NEAR  # "I interviewed the harbour master": one person, a source only near where it is said
    surveyed = _search(_SURVEY_NAMED_RE, low, draft_words, _SURVEY_GATE)
    # Offsets (in ``whole``) where a data source is mentioned; block i mentions one when one falls in it.
    sources = evidence.data_sources(whole, low, draft_words)
    product = evidence.own_product(whole, draft_words, low if same_length else None)
    del low, whole
    return own, research, surveyed, sources, product, same_length, prepared


#: A draft body (its blocks' texts joined by line breaks) longer than this many characters has its
#: draft-wide cues read in windows of about this size, each with ``_CUE_MARGIN`` characters of the
#: blocks on either side for context, instead of in one copy of the whole body and one of its lowercase.
_CUE_WINDOW = 1 << 20
_CUE_MARGIN = 1 << 16


def _windows(texts: list[str]):
    """``(first, last, start, stop)`` for each window of ``texts`` (blocks joined by line breaks): the
    window's text is ``texts[first:last]`` joined, and its main part, where a match must start to be
    counted, is ``[start, stop)`` of that text. Main parts are whole blocks (each with the line break
    after it), cover the body once, in order; the margins are whole blocks too, at least ``_CUE_MARGIN``
    characters on each side where the body has them, so every cue's look-behind and match read the same
    characters as in the joined body, unless a match or look-around reaches further than the margin."""
    n = len(texts)
    i = 0
    while i < n:
        j, size = i, 0
        while j < n and (j == i or size + len(texts[j]) + 1 <= _CUE_WINDOW):
            size += len(texts[j]) + 1
            j += 1
        first, before = i, 0
        while first > 0 and before < _CUE_MARGIN:
            first -= 1
            before += len(texts[first]) + 1
        last, after = j, 0
        while last < n and after < _CUE_MARGIN:
            after += len(texts[last]) + 1
            last += 1
        yield first, last, before, before + size
        i = j


def _windowed_cues(texts: list[str], vocab: Vocabulary | None):
    """:func:`_draft_cues` for a long body, read window by window (:func:`_windows`): each cue is the
    one of the joined body, found where a match starts in a window's main part. Lowercasing is per
    window, whose ends are block ends: a character's lowercase depends on its neighbours only within a
    word (the Greek final sigma), never across the line break between blocks."""
    # Lowercasing keeps the body's length only if it keeps every block's (no character lowercases to
    # nothing), and the draft's words are the union of the blocks' (as in _draft_cues).
    same_length = True
    words_of: set[str] = set()
    folded = False
    for text in texts:
        low = text.lower()
        if len(low) != len(text):
            same_length = False
            low = text.translate(_ASCII_LOWER)
        words_of.update(_word_set(low))
        folded = folded or (not text.isascii() and _FOLDS_TO_ASCII_RE.search(text) is not None)
    draft_words = None if folded else frozenset(words_of)
    del words_of
    pt = compile_vocabulary(vocab)
    own = reported = context = we_our = surveyed = product = False
    sources: list[tuple[int, bool]] = []
    offset = 0  # where the window's text starts in the joined body
    at_block = 0
    for first, last, start, stop in _windows(texts):
        while at_block < first:
            offset += len(texts[at_block]) + 1
            at_block += 1
        window = "\n".join(texts[first:last])
        low = window.lower() if same_length else window.translate(_ASCII_LOWER)
        span = (start, stop)
        own = own or _own_method_in(pt, window, span)
        reported = reported or _search(
            _FIRST_PERSON_REPORT_LOW_RE, low, draft_words, _FIRST_PERSON_GATE, span
        )
        context = context or _search(_RESEARCH_CONTEXT_LOW, low, draft_words, _RESEARCH_GATE, span)
        we_our = we_our or _search(_WE_OUR_RE, low, draft_words, _WE_OUR_GATE, span)
        surveyed = surveyed or _search(_SURVEY_NAMED_RE, low, draft_words, _SURVEY_GATE, span)
        sources.extend(
            (at + offset, cited) for at, cited in evidence.data_sources(window, low, draft_words, within=span)
        )
        product = product or evidence.own_product(
            window, draft_words, low if same_length else None, within=span
        )
    research = reported or (context and we_our)  # its own research stated anywhere in the draft
    return own, research, surveyed, sources, product, same_length


# Findings that attribute a claim to someone (not the evidence families).
_ATTRIBUTIONS = frozenset(("weasel-source", "passive-attribution", "anonymous-source", "anonymous-described"))


def _leads_into_next(block, spans, f: Finding) -> bool:
    """A group or study finding in the sentence that ends the block with a colon, or the one before it,
    is sourced by the linked block that follows ("Many experts now recommend X. Here are two of their
    articles:" and the links)."""
    if f.category not in ("weasel-source", "unnamed-study"):
        return False
    spans = spans or [(0, len(block.text))]
    k = max(0, bisect.bisect_right([a for a, _ in spans], f.start) - 1)
    return k >= len(spans) - 2


class _Names:
    """The capitalised plural words a draft uses mid-sentence ("... said Sanders"), found on first use.

    ``texts`` are the draft's blocks' texts: a match lies in one block (its look-behind needs two
    characters of the same line before it), so reading block by block finds what reading the blocks
    joined by line breaks does, with no copy of the whole draft."""

    __slots__ = ("_texts", "_found")

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._found: frozenset[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._found is None:
            found: set[str] = set()
            for text in self._texts:
                found.update(_MID_CAPITAL_RE.findall(text))
            self._found = frozenset(found)
            self._texts = []
        return word in self._found


class _DraftWords:
    """How often each word occurs in a draft (lowercased), counted on first use.

    ``texts`` are the draft's blocks' texts, counted one at a time (a word never crosses a block's end);
    ``same_length``: lowercasing the whole draft kept every length, so each block is lowercased by
    ``str.lower`` (else only its ASCII letters are, as for the whole draft)."""

    __slots__ = ("_texts", "_same_length", "_counts")

    def __init__(self, texts: list[str], same_length: bool = True) -> None:
        self._texts = texts
        self._same_length = same_length
        self._counts: dict[str, int] | None = None

    def mentions(self, noun: str) -> int:
        """Occurrences of ``noun`` in its singular or plural form."""
        if self._counts is None:
            counts: dict[str, int] = {}
            get = counts.get
            for text in self._texts:
                low = text.lower() if self._same_length else text.translate(_ASCII_LOWER)
                for w in _WORD_RE.findall(low):
                    counts[w] = get(w, 0) + 1
            self._counts = counts
            self._texts = []
        noun = noun.lower()
        forms = {noun}
        if noun.endswith("ies"):
            forms |= {noun[:-3] + "y"}
        elif noun.endswith("es"):
            forms |= {noun[:-2], noun[:-1]}
        elif noun.endswith("s"):
            forms |= {noun[:-1]}
        else:
            forms |= {noun + "s", noun + "es"}
        return sum(self._counts.get(f, 0) for f in forms)


def _is_participant(pt: _Patterns, m: re.Match[str]) -> bool:
    """The subject's noun is one of the writer's observed groups (participants, users, people)."""
    noun = m.groupdict().get("noun")
    return bool(noun) and bool(pt.participants.fullmatch(noun.lower()))


_POSSESSIVE_NEXT_RE = re.compile(r"\s+(?:his|her|their|our|its)\b", re.I)
# A named person speaking: "Bakery owner Sunita Rao and photographer Elan Brooks both said".
_NAMED_SPEAKER_RE = re.compile(
    r"\b[A-Z][a-z]+\s+[A-Z][\w’'-]+(?:\s+(?:both|also|all))?\s+(?:said|says|told)\b"
)
_REFERRING_WORDS = frozenset(("the", "these", "those", "such", "other", "both", "all"))


def _has_referent(
    p: _Paragraph, pt: _Patterns, k: int, start: int, noun: str | None = None, mods: str = ""
) -> bool:
    """A bare quantifier points back to a group the text introduced: counted, observed or our own. With
    ``noun`` (a bare plural subject), only a counted group of the same noun is its referent ("Forty riders
    ... Riders fear"), not any count ("81 kilometers ... Locals warn"), and ``mods``, the subject's words
    before its noun, must describe that group too: "we turned away 23 vendors ... Longtime vendors insist"
    speaks of other vendors than the ones counted."""
    before = p.before(k, start)
    if noun:
        head = noun.lower().rstrip("s")
        wanted = [w for w in _WORD_RE.findall(mods.lower()) if w not in _REFERRING_WORDS]

        def same(c: re.Match[str]) -> bool:
            if c.group("noun").lower().rstrip("s") != head:
                return False
            counted = c.group(0).lower()
            return all(re.search(rf"\b{re.escape(w)}\b", counted) for w in wanted)
    else:

        def same(c: re.Match[str]) -> bool:
            return pt.is_person(c.group("noun"))

    return bool(
        any(same(c) for c in _COUNTED_GROUP_RE.finditer(before))
        or _FIRST_PERSON_REPORT_RE.search(before)
        or (pt.participants.search(before) and _RESEARCH_CONTEXT.search(before))
    )


_SURVEY_WORDS = r"surveys?|polls?|questionnaires?|study|studies|report"
_SURVEY_NAMED_RE = re.compile(rf"\b(?:{_SURVEY_WORDS})\b")  # lowercased text
_WE_OUR_RE = re.compile(r"\b(?:we|our)\b")  # lowercased text
# Gates of the draft-wide scans (lowercased text, whole words): a draft without one of these words
# cannot match the scan, so it is not run.
_FIRST_PERSON_GATE = (frozenset(("we", "i")), evidence.alternation_heads(_FIRST_PERSON_VERBS))
_RESEARCH_GATE = (evidence.alternation_heads(_RESEARCH_WORDS),)
_WE_OUR_GATE = (frozenset(("we", "our")),)
_SURVEY_GATE = (evidence.alternation_heads(_SURVEY_WORDS),)


_RESEARCH_HEADS = evidence.alternation_heads(_RESEARCH_WORDS)
_SENTENCE_STOPS_RE = re.compile(r"[.!?\n]")


def _research_of_our_own(low: str, words: frozenset[str] | None) -> bool:
    """ "We" or "our" and a research word in one sentence of the lowercased draft ``low`` ("our usability
    sessions", "we ran interviews"): looked for around each research word (rarer than "we")."""
    if words is not None and ("we" not in words and "our" not in words):
        return False
    if words is None or _RESEARCH_HEADS is None:
        return bool(re.search(rf"\b(?:we|our)\b[^.!?\n]{{0,100}}?\b(?:{_RESEARCH_WORDS})\b", low)) or bool(
            re.search(rf"\b(?:{_RESEARCH_WORDS})\b[^.!?\n]{{0,100}}?\b(?:we|our)\b", low)
        )
    for w in words & _RESEARCH_HEADS:
        for i in evidence.word_positions(low, w):
            if not _RESEARCH_CONTEXT_LOW.match(low, i):
                continue
            lo = max(0, i - 100)
            stops = [m.end() for m in _SENTENCE_STOPS_RE.finditer(low, lo, i)]
            lo = stops[-1] if stops else lo
            stop = _SENTENCE_STOPS_RE.search(low, i, i + 120)
            hi = stop.start() if stop else min(len(low), i + 120)
            if _WE_OUR_RE.search(low, lo, hi):
                return True
    return False


def _may(words: frozenset[str] | None, gate) -> bool:
    """False only when ``words`` (a draft's) miss every word of one of the sets of ``gate``."""
    return words is None or all(req is None or not words.isdisjoint(req) for req in gate)


def _search(
    regex: re.Pattern[str],
    low: str,
    words: frozenset[str] | None,
    gate,
    within: tuple[int, int] | None = None,
) -> bool:
    """``regex.search(low)``, for a regex whose every match starts at a whole word of ``gate[0]`` and
    holds a word of each other set of ``gate``: tried only at those words' places in ``low`` (found with
    ``str.find``) when the draft's ``words`` are known, instead of at every position. ``within``: only a
    match that starts in this range of ``low`` counts (a window of a longer text, with its margins)."""
    lo, hi = within if within is not None else (0, len(low))
    if words is None or gate[0] is None:
        m = regex.search(low, lo)
        return m is not None and m.start() < hi
    if not _may(words, gate):
        return False
    return any(
        regex.match(low, i) for w in words & gate[0] for i in evidence.word_positions(low, w) if lo <= i < hi
    )


_RESPONDENTS_RE = re.compile(r"\b(?:respondents|surveyed|polled|those\s+asked)\b", re.I)
_HOLDER_BEFORE_RE = re.compile(
    r"\b(?:for|to|among|within)\s+(?:(?:these|those|the|our|their|its|such|this|that)\s+[\w’'-]+|"
    r"(?:the\s+)?others\b)",
    re.I,
)
_MANDATIVE_RE = re.compile(
    r"\b(?:recommend|recommends|recommended|suggest|suggests|suggested|urge|urges|urged|propose|proposes|"
    r"proposed|request|requests|requested|ask|asks|asked|insist|insists|insisted)\s+that\s+$",
    re.I,
)
# The paragraph before reports a named report's findings ("..., says the report.").
_REPORT_SAYS_RE = re.compile(
    r"\b(?:says|said|according\s+to|found|finds|shows|showed)\s+(?:the|this|that|our)\s+(?:report|study|survey|poll|"
    r"analysis|research)\b|\b(?:the|this|that|our)\s+(?:report|study|survey|poll|analysis)\s+(?:says|said|found|finds|"
    r"shows|showed)\b",
    re.I,
)
_OWN_AND_RE = re.compile(r"\b(?:our|my)\s+(?:[\w’'-]+\s+){1,2}(?:and|&)\s+$", re.I)
_EVENT_RE = re.compile(
    r"\b(?:discussions?|exchanges?|panels?|meetings?|workshops?|listservs?|threads?|forums?|sessions?|"
    r"roundtables?|conversations?|webinars?|conferences?|summits?|hearings?|focus\s+groups?|consensus)\b",
    re.I,
)
# A capitalised plural after a lowercase word or a comma ("... said Sanders"); not the last word of a
# name of several capitalised words ("Copper Kettle Roasters", a firm), which names nobody on its own.
_MID_CAPITAL_RE = re.compile(r"(?:(?<![\w’'-])[a-z](?:[\w’'-]*[a-z])?|[,;]) ([A-Z][a-z]+s)\b")
_RELATIVE_BEFORE_RE = re.compile(r"\b(?:which|whom|whose|where|who|that)\s*$", re.I)
_ORG_WORD_RE = re.compile(rf"\b(?:{_ORG_WORDS})\b")
_ORG_WORD_ANY_RE = re.compile(rf"\b(?:{_ORG_WORDS}|firm|agency|ministry)\b", re.I)
# Organisation words that, written in lower case, are places or things more often than a body that
# speaks ("owners on the support forum", "members of the running group", "users on the network").
_LOWER_COMMON_ORG_WORDS = frozenset(
    "forum group network post times news press project campaign house force guard survey census lab labs".split()
)
_TRAILING_STUDY_RE = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}(?:study|survey|poll|report|analysis|census)\b", re.I
)
_SPOKE_TO_RE = re.compile(
    r"\s+(?:(?:who|whom|that)\s+)?(?:I|we)\s+(?:\w+\s+)?(?:spoke|talked|interviewed|asked|consulted|surveyed|met)\b",
    re.I,
)
_RULE_AFTER_RE = re.compile(
    r"\s+(?:(?:are|is|were|was)\s+(?:\w+ly\s+)?(?:required|allowed|entitled|permitted|obliged|obligated)\s+to|"
    r"(?:must|should|need\s+to|ought\s+to)\s+be)\b",
    re.I,
)
_DETERMINER_BEFORE_RE = re.compile(r"\b(?:that|this|these|those|the|our|their|its|his|her|your|my)\s+$", re.I)
_PERFECT_RE = re.compile(r"\b(?:have|has)\b", re.I)
_BE_AUX_RE = re.compile(r"\b(?:are|were|is|was|been|be)\b", re.I)
# A reported clause after the verb: "that", an indirect question, a pronoun subject, or a colon or quotation.
_CLAUSE_STRICT_RE = re.compile(
    r"\s+(?:that\b|(?:whether|if)\b(?!\s+to\b)|(?:he|she|they|it|we|you|i|there)\s)|\s*[:“\"]", re.I
)
# A clause without "that" led by a determiner: "claim the turbines are killing ..." (not "feel like they can").
_ZERO_THAT_DET_RE = re.compile(
    r"\s+(?:the|a|an|this|these|those|its|their|his|her|our)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:will|would|could|can|may|might|should|must|is|are|was|were|has|have|had)\b",
    re.I,
)
# A clause without "that" whose verb is in the past: "suspect the landlord doubled the rent".
_ZERO_THAT_PAST_RE = re.compile(
    r"\s+(?:the|a|an|this|these|those|its|their|his|her|our)\s+(?:[\w’'-]+\s+){0,2}?[a-z]+ed\s+"
    r"(?:the|a|an|its|their|his|her|our|up|out|in|on|by|too|so|far)\b",
    re.I,
)
# The same with any verb form: "feel the council took far too long" (an irregular past, read in the lexicon).
_ZERO_THAT_ANY_RE = re.compile(
    r"\s+(?:the|a|an|this|these|those|its|their|his|her|our)\s+((?:[\w’'-]+\s+){0,2}?)([a-z]+)\s+"
    r"(?:the|a|an|its|their|his|her|our|up|out|in|on|by|too|so|far|much|away|back|down|off|them|us|it|him|me)\b",
    re.I,
)


def _zero_that_irregular(text: str, after: int) -> bool:
    """A clause without "that" whose verb is a past form the lexicon knows first as a past tense ("took",
    "went", "kept"): "feel the council took far too long to start"."""
    m = _ZERO_THAT_ANY_RE.match(text, after)
    if m is None:
        return False
    from copydesk.analysis.pos import candidates

    return candidates(m.group(2).lower())[:1] == ("VBD",)


# A clause without "that" whose verb is in the present: "are convinced the referee favours the visitors".
_ZERO_THAT_PRESENT_RE = re.compile(
    r"\s+(?:the|a|an|this|that|its|their|his|her|our)\s+(?:[\w’'-]+\s+){0,2}?[a-z]+[^s\W]s\s+"
    r"(?:the|a|an|its|their|his|her|our|to|that|in|on|at|by)\b",
    re.I,
)
# What the writer watched happen before a group is quoted in the past: a test, its results, feedback.
_OBSERVED_RE = re.compile(r"\b(?:tested|testing|tests?|feedback|results|trials?|pilot|demos?|launch)\b", re.I)
# A reported clause after a verb in the simple past, a short adverbial between them allowed: "that",
# "whether"/"if" (not "whether to"), a quotation.
_PAST_CLAUSE_RE = re.compile(
    r"(?:\s+(?:[a-z]+ly|aloud|online|publicly|privately|again|(?:on|in|at)\s+(?:the\s+)?[a-z]+)){0,2}"
    r"\s+(?:that\b|(?:whether|if)\b(?!\s+to\b))|\s*[:,]\s*[“\"]|"
    r"(?<=told)\s+(?:the|a|an|local|city|county|state)\s+(?:[a-z]+\s+)?[a-z]+\s+that\b",  # "told the council that"
    re.I,
)
_PERFECT_OR_CATENATIVE_RE = re.compile(r"\b(?:have|has|had|tends?|seems?|appears?|continues?)\b", re.I)
# A plain object right after the verb: "most smart thermostats assume a modern boiler".
_NP_NEXT_RE = re.compile(r"\s+(?:a|an|the|its|their|this|these|those|every|each|no|any)\b", re.I)
_SUBORDINATE_RE = re.compile(r"\b(?:when|whenever|if|unless|once|until)\s*$", re.I)
_OF_ABOUT_RE = re.compile(r"\s+(?:about|of)\b", re.I)
_TOLD_US_RE = re.compile(r"\s+(?:us|me)\b", re.I)
_LIST_TAIL_RE = re.compile(r",\s+(?:and|or)\s+$", re.I)  # the last item of a list: ", or other signals"
_CONDITION_RE = re.compile(r"\b(?:if|when|whenever|unless|once|until)\b", re.I)
_WHETHER_TO_RE = re.compile(r"\s+(?:whether|if)\s+to\b", re.I)
_INITIAL_ADJECTIVE_RE = re.compile(r"(?:ed|ous|ful|al|ic|ive|ing|less|ish|ent|ant|time|term)$")


_PLACE_POST_RE = re.compile(r"\s+(?:in|on|across|around|throughout|near|along|outside)\s", re.I)


_SECOND_PREP_RE = re.compile(r"\s(?:in|on|at|of|across|around|throughout|along|near|outside|from)\s", re.I)


def _singular_of(noun: str) -> str:
    low = noun.lower()
    return low[:-3] + "y" if low.endswith("ies") else low[:-1] if low.endswith("s") else low


def _first_phrase(post: str) -> str:
    """A subject's post-modifier up to a second preposition: the group's own affiliation ("at the village
    school" of "parents of children at the village school" is the children's, not the parents')."""
    first = _SECOND_PREP_RE.search(post, 1)
    if first is None or not post.lstrip().lower().startswith(("of ",)):
        return post
    return post[: first.start()]


def _names_end(pt: _Patterns, m: re.Match[str], end: int) -> int:
    """Where a name in a group's subject may end: before a place after the noun ("observers in Virginia
    and around the country say": the place is named, the people are not); a possessive or an acronym
    there still names them ("researchers in Stanford's lab"), and so does "the" before a capital ("in
    the Treasury": a body), unless a place noun follows the name ("on several blocks of the Orchard
    district"); an organisation word was refused before."""
    post = m.groupdict().get("post")
    if not post or not _PLACE_POST_RE.match(post) or pt.named_post.search(post):
        return end
    return m.start("post")


def _plain_initial(pt: _Patterns, m: re.Match[str], text: str, s: int, plural: bool) -> int:
    """Where to start looking for a name in a generic plural subject ("Riders", "Seasoned developers").

    The first word of the sentence is capitalised for grammar: in a bare plural subject it is the head
    noun itself or a plain adjective. Other patterns leave this to :func:`_has_proper_word`.
    """
    start = m.start("span")
    if not plural:
        return start
    noun = m.group("noun")
    if noun[:1].islower():
        # A lowercase noun for people: capitalised words before it are a place or an affiliation
        # ("Dunmere locals", "Freight operators"), not the group's name; organisations were refused
        # before (_plural_subject), and a name heading the group is a coordination ("Ward and ...").
        from copydesk.analysis.pos import is_common_word

        residents = noun.lower() in pt.resident_nouns
        first = not text[s:start].strip(" \"“‘'(")  # the subject opens the sentence
        for w in _CAPITAL_RE.finditer(text, start, m.start("noun")):
            low = w.group(0).rstrip(".").lower()
            if low in pt.generic_modifiers or low.rstrip("s") in pt.generic_modifiers:
                continue
            if w.group(0).isupper() and len(w.group(0)) > 1:
                return start  # "NHS nurses": an organisation's acronym
            if residents:
                continue  # "Dunmere locals": the people of a place
            if not (first and w.start() == start and is_common_word(w.group(0))):
                # "Harvard economists" (a name qualifies the group) or a capital mid-sentence; only the
                # sentence's first word is capitalised for grammar ("Freight operators have warned").
                return start
        return m.start("noun")
    if text[s:start].strip(" \"“‘'("):
        return start
    first = re.match(r"[A-Za-z][\w-]*", text[start:])
    if first is None:
        return start
    low = first.group(0).lower()
    if low == noun.lower() or low in pt.initial_words or _INITIAL_ADJECTIVE_RE.search(low):
        return start + first.end()
    return start


def _plural_subject(p: _Paragraph, pt: _Patterns, m: re.Match[str], s: int) -> bool:
    """A bare plural subject is a vague source: a person noun, no referent, a clause after the verb."""
    noun = m.group("noun").lower()
    if noun in pt.not_plural_subject or noun in _NOT_PLURAL or noun.endswith("ments"):
        return False  # ("moments", "statements": never people)
    if m.group("noun")[0].isupper() and m.group("noun") in p.names:
        return False  # "Sanders says": the draft writes the word capitalised mid-sentence, so it is a name
    start, end = m.span("span")
    if _RELATIVE_BEFORE_RE.search(p.text, max(0, start - 12), start):
        return False  # "the case, in which students have alleged ...": the parties of something named
    if _ORG_WORD_RE.search(p.text, start, end):
        return False  # "Senate Republican leaders"
    if _ORG_WORD_ANY_RE.fullmatch(noun[:-3] + "y" if noun.endswith("ies") else noun[:-1]):
        return False  # "more departments have signaled that": organisations, not an unnamed crowd
    _, s, e = p.sentence(start)
    if _TRAILING_CITATION_RE.search(p.text, end, e) or _TRAILING_STUDY_RE.search(p.text, end, e):
        return False  # "Russians now say ..., a study by an influential sociologist concluded"
    verb = " ".join(m.group("verb").lower().split())
    after = m.end("span")
    zero_that = (
        _ZERO_THAT_RE.match(p.text, after)
        or _ZERO_THAT_PAST_RE.match(p.text, after)
        or _zero_that_irregular(p.text, after)
    )
    clause_next = _CLAUSE_NEXT_RE.match(p.text, after) or zero_that
    aux = m.group("aux")
    # Verbs beyond the people-only ones need a noun that is surely for people: listed or ending like an
    # agent noun ("-ers", "-ists"); "-ents" and "-ors" name things as often ("announcements stress that",
    # "indicators suggest that"), so with them the verb must be one that things do not do: a reporting or
    # belief verb that is no verb of evidence ("contributors point out that", "agents are wagering that"),
    # and the noun no "-ment" (an action's result: "statements", "announcements").
    surely_person = (
        pt.is_person(noun)
        or noun in pt.resident_nouns
        or (verb in pt.speech_forms and verb not in pt.evidence_forms and not noun.endswith("ments"))
    )
    if verb in pt.stance:
        # "are convinced that ...", "are worried the fund will ...": a belief only before a clause.
        return (
            surely_person and bool(_THAT_NEXT_RE.match(p.text, after) or zero_that) and _no_referent(p, pt, m)
        )
    if (verb in pt.belief_forms or verb in _NP_OBJECT_VERBS) and not clause_next:
        return False  # "drivers expect delays": an object, not a reported claim
    if (
        (verb in pt.belief_forms or verb in _NP_OBJECT_VERBS)
        and _POSSESSIVE_NEXT_RE.match(p.text, after)
        and not (zero_that or _ZERO_THAT_PRESENT_RE.match(p.text, after))
    ):
        return False  # "growers expect their smallest harvest": a possessive opens an object, not a clause
    if verb not in pt.people_verbs:
        # Other reporting verbs need a clause: "insurers have suggested that ...", "locals tend to say
        # that ...", "hikers report that ...", "elders maintain they were ..."; "reviewers confirm the
        # change" describes a procedure, and so does "applicants confirm that ..." in the simple present.
        if not (_PERFECT_OR_CATENATIVE_RE.search(aux) and clause_next):
            if not surely_person or not (_CLAUSE_STRICT_RE.match(p.text, after) or zero_that):
                return False
            if verb in pt.procedure and not _BE_AUX_RE.search(aux):
                return False
    return _no_referent(p, pt, m)


def _no_referent(p: _Paragraph, pt: _Patterns, m: re.Match[str]) -> bool:
    """No group counted before the subject and not the writer's own participants."""
    k = bisect.bisect_right(p.sent_starts, m.start("span")) - 1
    mods = p.text[m.start("span") : m.start("noun")]
    if _has_referent(p, pt, max(k, 0), m.start("span"), m.group("noun"), mods):
        return False  # "Forty riders ... Riders fear": the group the text counted
    if _is_participant(pt, m) and p.research_near(m.start("span")):
        return False
    return True


def _weasel(
    p: _Paragraph, pt: _Patterns, clauses: bool = True, agent: bool = True, among: bool = False
) -> list[tuple[int, int, str]]:
    text = p.text
    out = []
    families = (
        (pt.weasel_subject, pt.group_anchor, pt.subject_gate),
        (pt.weasel_quant_any, pt.quant_anchor, pt.quant_gate),
        (pt.weasel_quant_place, pt.bare_anchor, pt.place_gate),
        (pt.weasel_singular, pt.group_anchor, pt.subject_gate),
        (pt.weasel_bare, pt.bare_anchor, pt.bare_gate),
        (pt.weasel_plural, pt.plural_anchor, pt.plural_gate),
    )
    for pattern, anchor, gate in families if clauses else ():
        # Each of these patterns ends in a verb form after white space and before a word boundary.
        for m in _anchored(pattern, anchor, p, gate, pt.verb_heads):
            start, end = m.span("span")
            k, s, e = p.sentence(start)
            aux = m.group("aux") or ""
            if _MODAL_RE.search(aux):
                continue  # "some might say": the writer's own hypothetical aside
            if pattern is pt.weasel_quant_any or pattern is pt.weasel_plural:
                said = " ".join(m.group("verb").lower().split())
                be = _BE_AUX_RE.search(aux)
                if be:
                    if be.group(0).lower() in ("were", "was") or not (
                        said.endswith("ing") or said in pt.stance
                    ):
                        continue  # "are said to" is a passive; "were warning" reports a crowd
                elif said in pt.stance:
                    continue  # "residents convinced ...": an adjective needs "be"
                elif said not in pt.present and not _PERFECT_RE.search(aux):
                    # "residents complained" reports a crowd; "have complained" claims; so does a group
                    # a quantifier leaves unnamed before a reported clause, in any tense ("a handful of
                    # users grumbled on the forum that ...", "a few members wondered aloud whether ...").
                    if pattern is not pt.weasel_quant_any or not _PAST_CLAUSE_RE.match(text, m.end("span")):
                        continue
                    before = p.before(k, start)
                    if (
                        m.group("noun").lower() in pt.not_plural_subject
                        or _EVENT_RE.search(before)
                        or _RESEARCH_CONTEXT.search(before)
                        or _OBSERVED_RE.search(before)
                        or _FIRST_PERSON_RE.search(before)
                    ):
                        continue  # "The form was tested ... several people noted that": those who took part
                if pattern is pt.weasel_plural:
                    if not _plural_subject(p, pt, m, s):
                        continue
                post = m.group("post")
                if post and _RELATIVE_VERB_NEXT_RE.search(post):
                    continue  # "moments that you just can't predict": the verb is the relative clause's
                if post and _SURVEY_CONTEXT_RE.search(post):
                    continue  # "customers who reply to the satisfaction survey say": its respondents
                if (
                    pattern is pt.weasel_quant_any
                    and post
                    and not pt.is_person(m.group("noun"))
                    and re.match(r"\s+(?:I|we|you)\s", post, re.I)
                ):
                    continue  # "a lot of times you have news reports": things, not people, before "you"
                first_pp = _first_phrase(post) if post else ""
                if first_pp and any(
                    not _vague_institution(first_pp, o)
                    and o.group(0) not in _LOWER_COMMON_ORG_WORDS
                    and (
                        pattern is pt.weasel_plural
                        or o.group(0)[0].isupper()
                        or m.group("noun").lower() in pt.anonymous_heads
                    )
                    for o in _ORG_WORD_ANY_RE.finditer(first_pp)
                ):
                    continue  # "engineers at the state transportation department say": an organisation
                    # speaks; "some consultants at the hospital contend" leaves the people unnamed (a
                    # capitalised name there is still a name: _has_proper_word)
            verb = _LAST_WORD_RE.search(p.low, start, end)
            verb_word = verb.group(0) if verb else ""
            if aux.strip() and verb_word.endswith("s") and not verb_word.endswith("ss"):
                continue  # "others had questions": after an auxiliary a verb is never in the -s form
            if pattern is pt.weasel_bare and p.low.startswith("those", start):
                continue  # "those considering a move": "those" heads a group only with "who" or a place
            if pattern is pt.weasel_bare:
                be = _BE_AUX_RE.search(aux)
                if (be is not None) != (verb_word in pt.stance) or (
                    be and be.group(0).lower() in ("was", "were")
                ):
                    continue  # "some are said to": a passive; "not everyone is convinced that": a belief
            if verb_word in pt.stance and not (
                _THAT_NEXT_RE.match(text, end)
                or _ZERO_THAT_RE.match(text, end)
                or _ZERO_THAT_PAST_RE.match(text, end)
                or _ZERO_THAT_PRESENT_RE.match(text, end)
            ):
                continue  # "some are certain to leave": an adjective of conviction reports a belief before a clause
            if verb_word in _NP_OBJECT_VERBS and not (
                _CLAUSE_NEXT_RE.match(text, end)
                or _ZERO_THAT_DET_RE.match(text, end)
                or _ZERO_THAT_PAST_RE.match(text, end)
                or _zero_that_irregular(text, end)
            ):
                continue  # "agencies maintain the data": these verbs report speech only before a clause
            if verb_word in ("regard", "regards", "regarded", "regarding") and not re.search(
                r"\bas\b", text[end:e]
            ):
                continue  # "regard X as Y" is a belief; without "as" the verb only looks or concerns
            if verb_word in _FIND_FORMS and (
                not _THAT_NEXT_RE.match(text, end)
                or (m.groupdict().get("noun") and not pt.is_person(m.group("noun")))
            ):
                continue  # "many find snippets helpful", "have found a way": a finding only before "that",
                # and only people's ("several studies have found" is a study, judged by UnnamedStudy)
            if _NEGATED_RE.search(aux):
                continue  # "some do not say" is not matched; "some do say" is rare and emphatic
            if pattern is pt.weasel_quant_any and m.group("noun").lower() in _NOT_PLURAL:
                continue
            if pattern is pt.weasel_quant_any and _ORG_WORD_ANY_RE.fullmatch(_singular_of(m.group("noun"))):
                continue  # "many agencies expressed concern": organisations that took part, not a crowd
            if (
                pattern is pt.weasel_quant_any
                and (verb_word in pt.belief_forms or verb_word in _NP_OBJECT_VERBS)
                and not pt.is_person(m.group("noun"))
                and _NP_NEXT_RE.match(text, end)
            ):
                continue  # "most smart thermostats assume a modern boiler": a thing's design, not a belief
            if not _clause_start(text, s, start):
                continue
            if _SUBORDINATE_RE.search(text, max(s, start - 12), start):
                continue  # "When designers say 'discovery', they mean ...": a condition, not a claim
            if _LIST_TAIL_RE.search(text, max(s, start - 8), start) and _CONDITION_RE.search(
                text, max(s, start - 160), start
            ):
                continue  # "if page views, error reports, or other signals reveal ...": a condition's subjects
            if _MANDATIVE_RE.search(text, max(s, start - 30), start):
                continue  # "we recommend that other agencies consider ...": what they should do, not a claim
            if _WHETHER_TO_RE.match(text, end):
                continue  # "many teams wonder whether to migrate": a choice weighed, not a claim
            if verb_word in ("think", "thinks", "thought", "thinking") and _OF_ABOUT_RE.match(text, end):
                continue  # "many people think about retirement": a topic, not a belief
            if (
                pattern is pt.weasel_plural or pattern is pt.weasel_quant_any or pattern is pt.weasel_bare
            ) and _TOLD_US_RE.match(text, end):
                continue  # "vendors have told us", "some told me": the writer's own reporting, not a crowd
            if _has_proper_word(
                pt,
                text,
                _plain_initial(pt, m, text, s, pattern is pt.weasel_plural),
                _names_end(pt, m, end),
                s,
            ):
                continue
            if _coordinated(text, s, start):
                continue
            if _OBJ in text[s:e] or _EXEMPLIFIED_RE.search(text, end, e):
                continue
            if _NAMED_BEFORE_RE.search(text, max(s, start - 40), start):
                continue  # "Ward and other security experts say": a named person leads the group
            if (pattern is pt.weasel_bare or pattern is pt.weasel_quant_place) and (
                _has_referent(p, pt, k, start) or _EVENT_RE.search(p.before(k, start, 1))
            ):
                continue  # "Two commissioners, A and B, asked ... Others on the commission said": the rest of them;
                # "In an exchange on the listserv ... most agreed": those who took part
            if pattern is pt.weasel_bare and not _SINGULAR_BARE_RE.match(p.low, start):
                verb = _LAST_WORD_RE.search(p.low, start, end)
                if verb and verb.group(0).endswith("s") and not verb.group(0).endswith("ss"):
                    continue  # "many questions": a plural quantifier takes "question", so this is a noun
            if (pattern is pt.weasel_bare or _is_participant(pt, m)) and p.research_near(start):
                continue  # the writer's own interviews or tests: "many people feel" reports them
            if (
                pattern is pt.weasel_bare
                and p.own_research
                and _NAMED_SPEAKER_RE.search(p.before(k, start, 1))
            ):
                continue  # "We asked owners ... Rao and Brooks both said ... Others said": the rest of those asked
            if _NOUN_CLAUSE_RE.search(text, max(s, start - 12), start):
                continue  # "what others assume you are": a noun clause, not a claim
            if (
                pattern is pt.weasel_quant_any
                and _has_referent(p, pt, k, start)
                and (
                    _FIRST_PERSON_RE.search(p.before(k, start))
                    or _FIRST_PERSON_REPORT_RE.search(p.before(k, start))
                )
            ):
                continue
            if pattern is pt.weasel_bare and _paired_saying(p, k, start, end):
                continue  # "Some say you should ... Others say you should ...": two phrasings of a maxim
            out.append((start, end, "weasel-source"))

    for m in _anchored(pt.weasel_inverted, pt.inverted_anchor, p, pt.inverted_gate) if clauses else ():
        start, end = m.span("span")
        k, s, e = p.sentence(start)
        before = text[s:start].rstrip()
        if not before or before[-1] not in ",”\"—–'":
            continue
        if (
            _OBJ in text[s:e]
            or _has_proper_word(pt, text, start, end, s)
            or _EXEMPLIFIED_RE.search(text, end, e)
        ):
            continue
        if _has_referent(p, pt, k, start) and not pt.group_anchor.search(p.low, start, end):
            continue
        out.append((start, end, "weasel-source"))

    inverted_plural = clauses and _verb_ends_a_sentence(p, pt)
    for m in (
        _anchored(pt.weasel_plural_inverted, pt.plural_anchor, p, pt.plural_inverted_gate)
        if inverted_plural
        else ()
    ):
        start, end = m.span("span")
        k, s, e = p.sentence(start)
        before = text[s:start].rstrip()
        if not before or before[-1] not in ",—–":
            continue  # "..., librarians anticipate.": the reported clause comes first
        if not _inverted_plural_ok(p, pt, m, k, s, e):
            continue
        out.append((start, end, "weasel-source"))

    for m in pt.opinion_among.finditer(text) if among else ():
        which = "span" if m.group("span") else "span2"
        start, end = m.span(which)
        k, s, e = p.sentence(start)
        noun = (m.group("noun") or m.group("noun2")).lower()
        if noun in pt.not_plural_subject or noun in _NOT_PLURAL:
            continue
        if (
            _OBJ in text[s:e]
            or _has_proper_word(pt, text, start, end, s)
            or _EXEMPLIFIED_RE.search(text, end, e)
        ):
            continue
        if _has_referent(p, pt, k, start) or re.match(
            r"\s*,?\s*(?:at|from|with|in|of)\s+(?:the\s+)?[A-Z]", text[end:]
        ):
            continue  # "a belief among bakers at Halvern Mills": a named group
        out.append((start, end, "weasel-source"))

    agent = agent and _may_match(p, pt.agent_needs)
    for m in _anchored(pt.weasel_agent, _AGENT_PHRASES, p) if agent else ():
        start, end = m.span("span")
        k, s, e = p.sentence(start)
        after = text[end:e]
        if m.group("pnoun"):
            noun = m.group("pnoun").lower()
            if noun in pt.not_plural_subject or noun in _NOT_PLURAL or _has_referent(p, pt, k, start):
                continue  # "according to prosecutors", "according to members": a defined group
            judging = m.group("lead").split()[0].lower() in pt.kw_judging
            if not (
                noun in pt.people_lexicon
                or noun.endswith(_STRICT_PERSON_ENDS)
                or (judging and pt.is_person(noun))
            ):
                continue  # "according to board papers", "internal rosters": "-ers" names things too
                # (not what judges: "dismissed by hauliers as ...")
        if m.group("q") and not m.group("qnoun"):
            if not re.match(r"\s*(?:[.,;:!?)—–]|$)|\s+to\s+be\b", after):
                continue
        if _SPOKE_TO_RE.match(after):
            continue  # "echoed by a number of tax experts I spoke to": the writer's own interviews
        lead = m.group("lead").split()[0].lower()
        if lead in pt.as_verbs and not re.match(r"(?:\s+[a-z][\w-]*){0,3}?\s+as\b|\s+to\s+be\b", after):
            continue  # "seen by many" is literal unless it goes on "... as ..." ("considered by many to be")
        if (
            lead not in pt.as_verbs
            and lead != "according"
            and (
                lead not in pt.kw_judging
                or not pt.is_person(m.group("qnoun") or m.group("pnoun") or "experts")
            )
            and not pt.opinion.search(p.low, max(s, start - 60), start)
            and not _IT_PASSIVE_BEFORE_RE.search(text, max(s, start - 40), start)
        ):
            continue  # "solutions shared by other designers" shares things; "a view shared by many" a claim
        if re.match(r"\s*,?\s*(?:at|from|with|in|of)\s+(?:the\s+)?[A-Z]", after):
            continue
        if (
            _OBJ in text[s:e]
            or _EXEMPLIFIED_RE.search(text, end, e)
            or _has_proper_word(pt, text, start, end, s)
            or _linked_quote_follows(p, e)
        ):
            continue
        out.append((start, end, "weasel-source"))
    return out


# Participles that pass on what they act on ("a view shared by many", "concerns voiced by residents"): their
# agent is a source only of an opinion noun before them ("solutions shared by other designers" shares
# things). Other agent participles judge or predict their subject ("dismissed by skeptics as a tax", "is
# opposed by a lot of cyclists", "a landslide is being forecast by pundits"): a claim whatever it is.
_CONVEYING_PARTICIPLES = frozenset(
    "shared held expressed voiced echoed reported noted suggested said".split()
)
# The participles that judge (of the agent verbs a pack lists): "expected by users", "seen by users as a
# provider" describe, and stay with the opinion-noun test.
_JUDGING_PARTICIPLES = frozenset(
    "disputed questioned criticized criticised praised dismissed derided opposed forecast predicted branded "
    "blasted condemned frowned doubted contested challenged".split()
)

_STRICT_PERSON_ENDS = ("ists", "ians", "ees", "eers", "men", "women", "people", "folk", "folks")


def _verb_ends_a_sentence(p: _Paragraph, pt: _Patterns) -> bool:
    """Some sentence of the paragraph ends in a reporting or belief verb ("..., growers fear."): the only
    place the inverted plural family can match. One look at each sentence's last word."""
    if p.words.isdisjoint(pt.inverted_last):
        return False
    low = p.low
    for s, e in p.sentences:
        tail = low[max(s, e - 40) : e].rstrip(" \n.!?;)\"”’'").rsplit(None, 1)
        if tail and tail[-1] in pt.inverted_last:
            return True
    return False


_IT_PASSIVE_BEFORE_RE = re.compile(r"\bit\s+(?:is|was|has\s+been|had\s+been)\s+(?:[a-z]+ly\s+)?$", re.I)


def _inverted_plural_ok(p: _Paragraph, pt: _Patterns, m: re.Match[str], k: int, s: int, e: int) -> bool:
    """A bare plural for people after its reported clause is a vague source in the present, perfect or
    with an adjective of conviction ("..., growers are convinced."); in the simple past it reports a crowd
    ("..., residents said.")."""
    text = p.text
    start, end = m.span("span")
    noun = m.group("noun").lower()
    if noun in pt.not_plural_subject or noun in _NOT_PLURAL:
        return False
    said = " ".join(m.group("verb").lower().split())
    if said not in pt.people_verbs and not (pt.is_person(noun) or noun in pt.resident_nouns):
        return False  # "-ents" and "-ors" name things as often as people
    aux = m.group("aux") or ""
    be = _BE_AUX_RE.search(aux)
    if _MODAL_RE.search(aux) or _NEGATED_RE.search(aux):
        return False
    if be:
        if be.group(0).lower() in ("were", "was") or said not in pt.stance:
            return False
    elif said in pt.stance:
        return False
    elif said not in pt.present and not _PERFECT_RE.search(aux):
        return False
    if _OBJ in text[s:e] or _has_proper_word(pt, text, start, end, s) or _EXEMPLIFIED_RE.search(text, end, e):
        return False
    if _has_referent(p, pt, k, start):
        return False
    return not (_is_participant(pt, m) and p.research_near(m.start("span")))


# "Some say" / "Others say" opening a sentence, and a maxim after the verb: a generic "you" or "one" as
# its subject, or an imperative ("Some say measure twice").
_PAIR_OPEN_RE = re.compile(r"[\s\"“‘'(*_]*(some|others|other\s+people|some\s+people)\s+([a-z]+)\b", re.I)
_PAIR_HALF_RE = re.compile(r"[;—–]\s*(?:and\s+|but\s+|while\s+)?((?:some|others)\s)", re.I)
_MAXIM_RE = re.compile(
    r"\s*,?\s*(?:that\s+)?(?:you|one|we)\s+(?:should|must|ought|need|have\s+to|can)\b", re.I
)


def _paired_saying(p: _Paragraph, k: int, start: int, end: int) -> bool:
    """A "Some say ..." sentence paired with an "Others say ..." one next to it, each giving advice in the
    generic second person: a saying offered in two versions, not a claim attributed to a crowd."""
    if not _MAXIM_RE.match(p.text, end):
        return False
    here = _PAIR_OPEN_RE.match(p.text, start)
    if here is None or here.start(1) != start:
        return False
    first = here.group(1).lower().startswith("some")
    ss, se = p.sentences[k]
    if first:
        half = _PAIR_HALF_RE.search(p.text, end, se)
    else:
        half = _PAIR_HALF_RE.search(p.text, max(ss, start - 12), start + 7)
        half = half if half is not None and half.start(1) == start else None
    if half is not None:  # both halves in one sentence: "Some say ...; others say ..."
        s, e = (half.start(1), se) if first else (ss, start)
        other = _PAIR_OPEN_RE.match(p.text, s, e)
    else:
        j = k + 1 if first else k - 1
        if not 0 <= j < len(p.sentences):
            return False
        s, e = p.sentences[j]
        other = _PAIR_OPEN_RE.match(p.text, s, e)
    if other is None or other.group(1).lower().startswith("some") == first:
        return False
    return (
        other.group(2).lower() == here.group(2).lower()
        and _MAXIM_RE.match(p.text, other.end(), e) is not None
    )


_FIND_FORMS = frozenset(("find", "finds", "found", "finding"))
_THAT_NEXT_RE = re.compile(r"\s+that\b", re.I)


def _linked_quote_follows(p: _Paragraph, end: int) -> bool:
    """The next sentence quotes the group's words with a link to where they were said ("... according to
    some analysts. “[Most proofs of concept ...](https://...)”")."""
    k = bisect.bisect_right(p.sent_starts, end)
    if k >= len(p.sentences):
        return False
    s, e = p.sentences[k]
    return bool(_QUOTE_OPEN_RE.match(p.text, s)) and p.link_in(s, e)


_NOT_INFINITIVE = frozenset(
    """
    the a an him her them me us you his their its my our your this that these those police reporters
    someone anyone everyone
    """.split()
)


def _may_match(p: _Paragraph, needs) -> bool:
    """False only when no alternative of ``needs`` (tuples of word sets, each to meet the paragraph's
    words; None: any paragraph) is met, so the pattern they were read from cannot match the paragraph."""
    if p.exotic:
        return True
    words = p.words
    for alternative in needs:
        if all(req is None or not words.isdisjoint(req) for req in alternative):
            return True
    return False


def _passive(p: _Paragraph, pt: _Patterns) -> list[tuple[int, int, str]]:
    text = p.text
    out = []
    needs = pt.passive_needs
    for pattern in (
        pt.it_passive,
        pt.subj_passive,
        pt.subj_passive_adv,
        pt.perception_as,
        pt.hedge,
        pt.impersonal_phrase,
        pt.criticism,
    ):
        if not _may_match(p, needs[id(pattern)]):
            continue
        for m in _matches(pattern, text):
            start, end = m.span("span")
            _, s, e = p.sentence(start)
            if _OBJ in text[s:e]:
                continue
            if _NAMED_SPEECH_RE.search(text[s:start]) or _NAMED_SPEECH_RE.search(text, end, e):
                continue  # inside someone's reported speech: their hedge, not the writer's
            if pattern is pt.criticism and re.match(
                r"\s*,?\s+(?:from|by|over\s+(?:a|an|the)\s+[A-Z])", text[end:e]
            ):
                continue  # "drew criticism from the union": the critic is named there
            if pattern is pt.subj_passive and m.group("next").lower() in _NOT_INFINITIVE:
                continue  # "what was said to the press"
            if pattern is pt.subj_passive and m.group("next").lower() not in ("be", "have", "been", "date"):
                if not re.search(
                    r"\b(?:said|believed|thought|rumou?red|reputed|understood|alleged|reported|claimed)\s+to$",
                    p.low[start:end],
                ):
                    continue  # "options were suggested to replace it": a proposal, not an attribution
            if pattern is pt.it_passive and re.match(r"\s*(?:if|when|unless|where)\b", text[s:start], re.I):
                continue  # "If no code is shown, it is assumed that ...": a stated convention
            if pattern in (pt.perception_as, pt.subj_passive_adv) and (
                _SURVEY_CONTEXT_RE.search(text[s:e] + " " + p.previous_text[-_CONTEXT:])
                or _REPORT_SAYS_RE.search(p.previous_text[-_CONTEXT:])
            ):
                continue  # "was often viewed as" among survey results: the respondents' view
            if (
                pattern is pt.hedge
                and s == 0
                and e == len(text)
                and e - s < 120
                and not text.rstrip().endswith((".", "!", "?"))
            ):
                continue  # a headline: its attribution is in the story
            if pattern in (pt.perception_as, pt.subj_passive_adv) and _HOLDER_BEFORE_RE.search(
                text, s, start
            ):
                continue  # "For these agencies, the move is seen as ...": the holders of the view are named
            if pattern in (pt.perception_as, pt.subj_passive_adv) and _holder_follows(p, e):
                continue  # "... is seen as necessary. Dana Ortiz, the county's IT lead, believes ...": named next
            if _AS_A_TEXT_RE.match(text, end) and _TEXT_SUBJECT_RE.search(text[s:start]):
                continue  # "This is often read as a fable about greed": how a story is read, not a claim
            if pattern is pt.perception_as:
                if re.search(r"\bby\b", text[end:e]) and re.search(
                    r"\bby\s+(?!(?:some|many|most|several|others)\b)", text[end : min(e, end + 80)], re.I
                ):
                    continue
            elif pattern is not pt.hedge and re.match(
                r"\s*,?\s*by\s+(?!(?:some|many|most|several|others)\b)", text[end:e], re.I
            ):
                continue  # an agent follows: "it is believed by the county engineer"
            out.append((start, end, "passive-attribution"))

    for m in _matches(pt.according_reports, text) if _may_match(p, needs[id(pt.according_reports)]) else ():
        start, end = m.span("span")
        _, s, e = p.sentence(start)
        after = text[end : end + 80]
        if _OBJ in text[s:e] or _has_proper_word(pt, text, start, end, s):
            continue
        if re.match(r"\s*,?\s*(?:by|from|in|at|of|on|with)\s+(?:the\s+)?[A-Z\u00c0-\u024f]", after):
            continue
        out.append((start, end, "passive-attribution"))
    return out


# The complement of "is seen as" names a kind of text: the sentence says how a story or a phrase is read.
_AS_A_TEXT_RE = re.compile(
    r"(?:\s+as)?\s+(?:an?|the)\s+(?:[a-z-]+\s+)?(?:parables?|fables?|allegor(?:y|ies)|metaphors?|myths?|proverbs?|"
    r"sayings?|idioms?|stor(?:y|ies)|tales?|jokes?|puns?|euphemisms?|figures?\s+of\s+speech)\b",
    re.I,
)
# The subject of such a sentence: a pronoun pointing back or a text ("the story", "the line", "the phrase").
_TEXT_SUBJECT_RE = re.compile(
    r"^\W*(?:this|it|that)\s*$|\b(?:story|stories|tale|phrase|line|passage|scene|poem|song|saying|verse|"
    r"fable|parable|episode|anecdote|quote|quotation|image)\b",
    re.I,
)
# A holder of a view named at the start of the next sentence with a verb of belief or speech: "Dana Ortiz,
# the county's IT lead, believes ...". The first word may be a determiner ("The Hartwell Foundation argues").
_HOLDER_NAMED_RE = re.compile(
    r"(?:The\s+)?(?!(?:Some|Many|Most|Others|Several|Few|Critics|Experts|Observers|Analysts|They|We|It|This|That|"
    r"These|Those|But|And|Still|Yet|However|On|In|For)\b)[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,4}\b"
    r"[^.!?]{0,160}?\b(?:believes|believed|says|said|argues|argued|thinks|thought|contends|contended|maintains|"
    r"maintained|agrees|agreed|notes|noted|insists|insisted|considers|considered|sees|saw|views|viewed)\b"
)


def _holder_follows(p: _Paragraph, end: int) -> bool:
    """The next sentence opens with a named person or body who holds or states the view."""
    k = bisect.bisect_right(p.sent_starts, end)
    if k >= len(p.sentences):
        return False
    s, e = p.sentences[k]
    s += len(p.text[s:e]) - len(p.text[s:e].lstrip(" \"“‘'(*_"))
    return _HOLDER_NAMED_RE.match(p.text, s, e) is not None


def _anonymous(p: _Paragraph, pt: _Patterns) -> list[tuple[int, int, str]]:
    text = p.text
    out = []
    for pattern, gate in ((pt.anon_subject, pt.anon_subject_gate), (pt.anon_inverted, pt.anon_inverted_gate)):
        for m in _anchored(pattern, pt.anon_anchor, p, gate):
            start, end = m.span("span")
            k, s, e = p.sentence(start)
            noun = m.group("noun").lower()
            det = " ".join((m.group("det") or "").lower().split())
            rank = " ".join((m.group("rank") or "").lower().split())
            if det in ("his", "her", "their") and noun not in pt.staff:
                continue  # "their sources" is rare; "his aides said" is an unnamed aide of a named person
            if pt.roles and not pt.roles.isdisjoint(rank.split()):
                continue  # "an authorized person has signed": a role in a procedure, not a source
            if det == "the" or rank.startswith("and") or rank.endswith("and"):
                continue  # "the officials" points back; "and" only joins modifiers
            if det in ("a", "an", "one", "another") and (noun.endswith("s") or noun in ("police", "people")):
                continue  # "a police report", "a sources page": a plural after "a" modifies a noun
            after = text[end:e]
            described = bool(pt.described.search(text, start, min(e, end + 120))) or bool(
                pt.described.search(text, s, start)
            )
            desc = m.groupdict().get("desc") or ""
            # "Sources" and "insiders" stay unnamed wherever they work ("sources inside the ministry say",
            # "sources at the Port Authority"), and so does anyone the sentence calls unnamed.
            unnamed = noun.startswith(("source", "insider")) or not _UNNAMED_RANKS.isdisjoint(rank.split())
            if desc and not unnamed and re.match(r"\s+(?i:for)\b", desc):
                continue  # "a spokesperson for the airline said": speaks for the body named before
            if (
                desc
                and not unnamed
                and re.match(r"\s+(?i:from|in|at|with|inside|within)\b", desc)
                and _ORG_WORD_ANY_RE.search(desc)
                and not pt.described.search(desc)
            ):
                continue  # "officials at the state water board": an organisation, even in lower case
            if (
                desc
                and re.match(r"\s+(?:who|that)\b", desc)
                and not pt.described.search(desc)
                and (not _RELATIVE_HAS_VERB_RE.match(desc) or _MODAL_END_RE.search(desc))
            ):
                continue  # "a person who feels welcomed": the verb belongs to the relative clause (not
                # "a person who has read the draft said": the relative has its own verb and object)
            kn = _KNOWS_RE.match(text, m.end("noun"))
            knows = bool(kn) and kn.group(0).split()[0].lower() not in pt.verb_words  # not "announced on"
            if pattern is pt.anon_subject and re.match(r"\s+(?:who|with)\b", text[m.end("noun") :]):
                described = True
            described = described or knows
            counted = bool(re.fullmatch(r"\d+|one|two|three|four|five|six|a|an", det))
            if noun in _PERSON_NOUNS and not ((det and (described or counted)) or knows):
                continue  # "people said" / "many people said" reports a crowd, not a source
            if noun in _PERSON_NOUNS and counted and not described and _has_referent(p, pt, k, start):
                continue  # "22 of the 27 people said ... Two people said": some of the people counted
            if noun in _PERSON_NOUNS and (
                _RESEARCH_CONTEXT.search(text)
                or _RESEARCH_CONTEXT.search(p.previous_text[-1500:])
                or (not described and p.research_near(start))
            ):
                continue  # "one person said" among interview or test participants: anonymous by design
            if noun in pt.staff and not (det or rank):
                continue  # bare "aides said" points back to someone already named
            if pattern is pt.anon_subject:
                if not _clause_start(text, s, start) or _coordinated(text, s, start):
                    continue
                verb = _LAST_WORD_RE.search(p.low, start, end)
                if (
                    verb
                    and verb.group(0) in _NP_OBJECT_VERBS
                    and not _CLAUSE_NEXT_RE.match(text, end)
                    and not _ZERO_THAT_RE.match(text, end)
                ):
                    continue  # "police have added patrols": a plain object, not speech ("sources indicate
                    # the manager will leave" is a clause without "that")
            else:
                before = text[s:start].rstrip()
                if (not before or before[-1] not in ",”\"—–'") and not _ACCORDING_START_RE.match(text, start):
                    continue
            if _has_proper_word(pt, text, start, end, s):
                continue
            sentence = text[s:e]
            if _OBJ in sentence:
                continue
            if not unnamed and re.match(
                r"\s*,?\s*(?:at|of|from|for|with|in|inside|within)\s+(?:the\s+)?[A-Z]", text[m.end("noun") :]
            ):
                continue  # "officials at the Department of Transportation"
            if noun in pt.staff and _has_proper_word(pt, text, s, e, s) and not det:
                continue  # "Clinton, a top aide said, ..." -- the aide's principal is named
            official = noun.startswith(("official", "spokes", "author", "police", "investig")) or (
                noun.startswith("source") and rank.split() == ["official"]
            )
            if not described and not det and official and (not rank or rank.split() == ["official"]):
                # "Officials said" (or "official sources explain") right after a named agency: that
                # agency's officials.
                if _ORG_RE.search(p.previous_sentence(k)) or _ORG_RE.search(text, s + 1, start):
                    continue
            if (
                not described
                and re.search(r"\b(?:spoke|speaking|talked)\b", after)
                and "anonym" in after.lower()
            ):
                described = True
            out.append((start, end, "anonymous-described" if described else "anonymous-source"))
    return out


def _counted_before(p: _Paragraph, k: int, s: int, noun: str) -> bool:
    """The sentences before sentence ``k`` count a group of ``noun`` ("Three engineers ...")."""
    head = noun.lower()
    return any(
        c.group("noun").lower() in (head + "s", head + "es", _plural_of(head))
        for c in _COUNTED_GROUP_RE.finditer(p.before(k, s))
    ) or bool(_FIRST_PERSON_REPORT_RE.search(p.before(k, s)))


def _plural_of(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


# A measure in the predicate: a number, a share, a frequency or a bound ("at least two", "within a month").
_QUANTITY_RE = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|twice|once|times|first|half|third|quarter|"
    r"percent|within|at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|every|per|daily|weekly|monthly|"
    r"a\s+(?:day|week|month|year))\b",
    re.I,
)
_CLAUSE_END_RE = re.compile(r"[,;:—–]")
_GENERAL_NOT_START_RE = re.compile(r"(?<!,)\s(?:and|or)\s+$", re.I)
_GENERAL_WORDS = frozenset(("most", "all", "average", "typical", "every"))
_AVERAGE_WORDS = frozenset(("average", "typical"))
_ALL_WORDS = frozenset(("all", "every"))
_NEARLY_WORDS = frozenset(("nearly", "almost", "virtually"))
_NOT_GENERAL_VERBS = frozenset(
    """
    are is were was be been being will would can could may might must should shall did had not and or but
    of to in on at by for with as than that who which the a an this these those
    """.split()
)


def _generalisations(p: _Paragraph, pt: _Patterns) -> list[tuple[int, int, str]]:
    """Claims about most of a population with no source: "Most teenagers get less than seven hours of
    sleep", "The average developer spends a fifth of the week waiting", "Nearly every household owns a bike"."""
    text = p.text
    if _OBJ in text or p.linked or p.lead_sources:
        return []
    out = []
    seen = -1
    for i in sorted(i for w in _GENERAL_WORDS.intersection(p.words) for i in p.positions(w)):
        # "most", "all", "every", "average", "typical": a match starts at the word or a word or two before.
        m = pt.generalisation.search(text, max(seen + 1, i - 12), min(len(text), i + 300))
        if m is None or m.start() > i:
            continue
        seen = m.start()
        start, end = m.span("span")
        k, s, e = p.sentence(start)
        if not _clause_start(text, s, start) or _GENERAL_NOT_START_RE.search(text, max(s, start - 12), start):
            continue  # "the most popular apps", "which most readers skip", "the biggest and most ..."
        verb = m.group("verb").lower()
        aux = (m.group("aux") or "").lower()
        plural = m.group("plural")
        noun = (plural or m.group("single") or "").lower()
        if noun in _NOT_PLURAL or verb in _NOT_GENERAL_VERBS:
            continue
        if verb in pt.verb_words or verb in pt.stance:
            continue  # "most economists expect": a vague source (WeaselSource), not a measured claim
        if plural:
            # A present plural verb ("travel", "run"); the past or the perfect reports an event ("most
            # states have passed the deadline").
            if evidence.past_form(verb) or verb in _MORE_PAST or "have" in aux.split():
                continue
            if not _PRESENT_PLURAL_RE.fullmatch(verb):
                continue
        elif not (verb.endswith("s") and not verb.endswith("ss") and not _NOT_PLURAL.__contains__(verb)):
            continue  # "the average developer spends": a present -s verb
        if p.own_product and noun in pt.audience:
            continue  # "most users return": the writer's own metrics
        clause_end = _CLAUSE_END_RE.search(text, m.end("verb"), e)
        person = noun if plural else _plural_of(noun)
        if not (pt.is_person(person) or person in pt.resident_nouns) and not _QUANTITY_RE.search(
            text, m.end("verb"), clause_end.start() if clause_end else e
        ):
            continue  # things: a claim only with a measure ("most integrations hit the limit within their
            # first week"); "most streets keep the same day" is the writer's own schedule
        if re.search(r"\b(?:your|our|my)\b", p.low[start : m.end("verb")]):
            continue
        if _mentions_source(pt, text[s:e]) or (k > 0 and _sourced(p, pt, k - 1)):
            continue
        lookback = max(0, s - _CONTEXT)
        if (
            evidence.names_data(text[lookback:s])
            or _ACCORDING_RE.search(text, lookback, s)
            or _introduces_data(p.previous_text[-1500:])
        ):
            continue
        if p.own_method or _own_method_in(pt, text) or p.own_research:
            continue  # the writer's own data or interviews
        if _has_proper_word(pt, text, start, m.end("verb"), s):
            continue
        out.append((start, m.end("verb"), "unsourced-generalisation"))
    return out


_MORE_PAST = frozenset(
    """
    slept sat stood rode drove spoke ate knew flew met sold won built began broke woke wore threw caught
    taught fought sought led fed hid held heard meant dealt struck swam sang rang drank shook forgot froze
    stole bit lit slid spun swore tore bore fled dug hung understood
    """.split()
)
_SINGLE_VERBS = (
    r"said|says|told|tells|added|adds|claimed|claims|insisted|insists|warned|warns|confirmed|confirms|"
    r"acknowledged|acknowledges|admitted|admits|described|describes|explained|explains|maintains|contends|"
    r"alleged|alleges|suggested|suggests|revealed|disclosed|conceded|concedes|let\s+slip"
)


def _anonymous_single(p: _Paragraph, pt: _Patterns) -> list[tuple[int, int, str]]:
    """One unnamed person of an institution or a place as a source ("a worker at the site said")."""
    text = p.text
    out = []
    for pattern in (pt.anon_single, pt.anon_single_inverted):
        for m in pattern.finditer(text):
            start, end = m.span("span")
            k, s, e = p.sentence(start)
            rank = " ".join((m.group("rank") or "").lower().split())
            if pt.roles and not pt.roles.isdisjoint(rank.split()):
                continue  # "a designated officer has confirmed": a role in a procedure
            if rank.startswith("and") or rank.endswith("and"):
                continue
            described = (
                bool(pt.described.search(text, start, min(e, end + 120)))
                or bool(_KNOWS_RE.match(text, m.end("noun")))
                or bool(pt.reason_anchor.search(m.group("desc") or ""))
            )
            # A described source stays unnamed whatever it works for ("a driver at the Dockside depot, who
            # asked not to be named, said"); otherwise a capitalised word names it.
            if not described and _has_proper_word(
                pt, text, start, m.end("desc") if pattern is pt.anon_single_inverted else end, s
            ):
                continue  # "a Google engineer", "a worker at the Ford plant": named
            if not described and re.match(
                r"\s*,?\s*(?:at|of|from|for|with|in|inside|within)\s+(?:the\s+)?[A-Z]", text[m.end("noun") :]
            ):
                continue
            if pattern is pt.anon_single:
                if not _clause_start(text, s, start) or _coordinated(text, s, start):
                    continue
                if m.group("verb").lower() in ("told", "tells") and not re.match(
                    r"\s+(?:the\s+|a\s+|an\s+)?(?:[A-Za-z]+\s+)?(?:reporters?|us|me|him|her|them|[A-Z])",
                    text[end:],
                ):
                    continue  # "a worker told the story": not a source telling someone
                if m.group("verb").lower() in ("described", "explained") and not re.search(
                    r"\bas\b|\bthat\b|\bhow\b", text[end : min(e, end + 80)]
                ):
                    continue  # "a worker explained the steps": not a claim
                if m.group("verb").lower() in ("describes", "explains") and not re.search(
                    r"\bas\b|\bthat\b", text[end : min(e, end + 80)]
                ):
                    continue  # "a program manager describes how to ...": an introduction, not a claim
            else:
                before = text[s:start].rstrip()
                if (not before or before[-1] not in ",”\"—–'") and not _ACCORDING_START_RE.match(text, start):
                    continue
                if _APPOSITIVE_NAME_RE.match(text, m.end("desc")):
                    continue  # "according to a porter, Sam Okafor, ...": named in apposition
            if _OBJ in text[s:e] or _counted_before(p, k, s, m.group("noun")):
                continue  # "Three engineers reviewed it. One engineer said": one of those counted
            if (
                p.research_near(start)
                or _RESEARCH_CONTEXT.search(text)
                or _RESEARCH_CONTEXT.search(p.previous_text[-1500:])
                or _FIRST_PERSON_RE.search(p.before(k, s))
            ):
                continue  # the writer's own interviews or staff ("Two managers told us ... One engineer said")
            out.append((start, end, "anonymous-described" if described else "anonymous-source"))
    return out


_PRONOUNS_KNOW = frozenset(("those", "someone", "somebody"))
# A post-modifier that ends where its own verb would follow ("that you just can't", "who will").
_RELATIVE_VERB_NEXT_RE = re.compile(
    r"(?:n['’]t|\b(?:can|cannot|could|will|would|may|might|should|must|do|does|did|just|also|to))\s*(?:,\s*)?$",
    re.I,
)
_MODAL_END_RE = re.compile(r"\b(?:may|might|can|could|will|would|should|must|do|does)\s*$", re.I)
_APPOSITIVE_NAME_RE = re.compile(
    r"\s*,\s+(?:Dr\.?\s+|Mr\.?\s+|Ms\.?\s+|Mrs\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+)+\s*[,.;]"
)
# A relative clause with a verb of its own and more after it ("who has read the draft ", "who worked on the
# set "), not only auxiliaries or adverbs before the main verb ("who also ", "who has long ").
_RELATIVE_HAS_VERB_RE = re.compile(
    rf"\s+(?:who|that)\s+(?:(?:{_AUX}|[a-z]+ly)\s+)*(?!(?:{_AUX})\b)[a-z]+\s+(?:[\w’'-]+\s+)*?[\w’'-]+[,\s]*$",
    re.I,
)
_SOMEONE = frozenset(("someone", "somebody"))
# Papers, not people: "a memo seen by staff said", "a letter familiar to readers" name no source.
_DOCUMENT_NOUNS = frozenset(
    "letter letters memo memos email emails document documents statement statements filing filings note notes "
    "message messages draft drafts post posts tweet tweets source-code".split()
)
# "According to one insider, the board met ...": the attribution opens the sentence.
_ACCORDING_START_RE = re.compile(r"according\s+to\s", re.I)
_SINGLE_DETS = frozenset(("a", "an", "one", "another"))


def _source_of(pattern) -> str:
    """The text of a pattern of :class:`_Patterns`, without compiling it when it was not yet."""
    args = getattr(pattern, "_args", None)  # a regexcache.Deferred
    return args[0] if args is not None else pattern.pattern


#: How pronoun_knows starts: a pronoun, then what it knows (``_KNOWS``). _may_pronoun_know reads this.
_PRONOUN_KNOWS_HEAD = rf"(?P<span>\b(?i:those|someone|somebody){_KNOWS}\s+"


def _may_pronoun_know(p: _Paragraph, pt: _Patterns) -> bool:
    """False only when ``pronoun_knows`` cannot match: none of its pronouns stands whole in the paragraph
    with what it knows (``_KNOWS``: "close to", "familiar with") right after it. A set test and one
    anchored attempt per pronoun instead of a search of the paragraph with the whole pattern (and its
    compilation, for most drafts). Only while the pattern starts as ``_PRONOUN_KNOWS_HEAD`` says."""
    present = p.words.intersection(_PRONOUNS_KNOW)
    if not present:
        return False
    if p.exotic or not _source_of(pt.pronoun_knows).startswith(_PRONOUN_KNOWS_HEAD):
        return True
    text = p.text
    match = _KNOWS_RE.match
    return any(match(text, i + len(w)) is not None for w in present for i in p.positions(w))


def _anonymous_any(p: _Paragraph, pt: _Patterns) -> list[tuple[int, int, str]]:
    """An unnamed person of any noun, described by what it knows, called unnamed, or quoted on a reason
    given after the verb; and "someone" with a place or a relative clause."""
    text = p.text
    out = []
    for m in _anchored(pt.anon_any, pt.anon_any_anchor, p) if not p.words.isdisjoint(pt.kw_anon_any) else ():
        start, end = m.span("span")
        k, s, e = p.sentence(start)
        rank = " ".join((m.group("rank") or "").lower().split())
        noun = m.group("noun").lower()
        unnamed = not _UNNAMED_RANKS.isdisjoint(rank.split())
        desc, after = m.group("desc"), m.group("after")
        if not desc and m.group("place") and pt.described.match(m.group("place").lstrip()):
            desc = m.group("place")  # "a parent with ties to the board": a marker read as a place
        if not (unnamed or desc or after):
            continue
        if (
            noun in _NOT_PLURAL
            or noun in pt.not_anon_any
            or (pt.roles and not pt.roles.isdisjoint(rank.split()))
        ):
            continue
        if rank.startswith("and") or rank.endswith("and"):
            continue
        if not _clause_start(text, s, start) or _coordinated(text, s, start) or _OBJ in text[s:e]:
            continue
        if not _anon_verb_claims(text, m.group("verb"), end):
            continue
        # A described source stays unnamed whatever it works for ("a Senate aide familiar with ..."); a
        # capitalised word after "the" or a name in apposition names the person.
        if _has_proper_word(pt, text, m.start("noun"), m.end("place"), s) and not (desc or unnamed):
            continue
        if re.search(r",\s+[A-Z][a-z]+\s+[A-Z][a-z]+,", text[start:end]):
            continue  # "a maintainer, Ana Ruiz, said": named in apposition
        if _counted_before(p, k, s, m.group("noun")) or p.research_near(start):
            continue
        out.append(
            (start, end, "anonymous-source" if unnamed and not (desc or after) else "anonymous-described")
        )
    for m in _matches(pt.someone, text) if not p.words.isdisjoint(_SOMEONE) else ():
        start, end = m.span("span")
        k, s, e = p.sentence(start)
        if not _clause_start(text, s, start) or _OBJ in text[s:e]:
            continue
        if not _anon_verb_claims(text, m.group("verb"), end):
            continue
        if _has_proper_word(pt, text, m.start("desc"), m.start("verb"), s):
            continue
        who = m.group("desc").lstrip().lower().startswith("who")
        out.append((start, end, "anonymous-described" if who else "anonymous-source"))
    return out


def _anon_verb_claims(text: str, verb: str, end: int) -> bool:
    """The verb of an anonymous source reports a claim: a clause, a quotation or punctuation after a verb
    that also takes a plain object, an "as" complement after "described"; "told" someone."""
    low = verb.lower()
    if re.search(
        r"\b(?:will|would|can|could|may|might|should|must|to)\s+$",
        text[max(0, end - len(verb) - 9) : end - len(verb)],
        re.I,
    ):
        return False  # "someone who has never used it will find ...": a generic or hypothetical person
    if low in _FIND_FORMS:
        return bool(_THAT_NEXT_RE.match(text, end))
    if _DESCRIBE_RE.match(low):
        return bool(_AS_COMPLEMENT_RE.match(text, end))
    if low in ("told", "tells", "tell") and not re.match(
        r"\s+(?:the\s+|a\s+|an\s+)?(?:[A-Za-z]+\s+)?(?:reporters?|us|me|him|her|them|[A-Z])", text[end:]
    ):
        return False
    if low in _NP_OBJECT_VERBS or low.split()[0] in ("expect", "expects", "expected"):
        return bool(_CLAUSE_NEXT_RE.match(text, end) or _ZERO_THAT_RE.match(text, end))
    return True


def _anonymous_reason(p: _Paragraph, pt: _Patterns) -> list[tuple[int, int, str]]:
    """Anyone whose anonymity the sentence explains, whatever the noun: described, not named."""
    text = p.text
    out = []
    reasons = not p.words.isdisjoint(pt.kw_reason)
    for m in _anchored(pt.anon_reason, pt.reason_anchor, p) if reasons else ():
        start, end = m.span("span")
        _, s, e = p.sentence(start)
        if m.group("det").lower() == "the" or not _clause_start(text, s, start):
            continue
        if _OBJ in text[s:e] or _has_proper_word(pt, text, start, m.end("noun"), s):
            continue  # a capitalised place after the noun ("at the Harbour Road yard") names no one
        out.append((start, end, "anonymous-described"))
    for m in _matches(pt.pronoun_knows, text) if _may_pronoun_know(p, pt) else ():
        start, end = m.span("span")
        _, s, e = p.sentence(start)
        if not _clause_start(text, s, start) or _OBJ in text[s:e]:
            continue
        if _has_proper_word(pt, text, _NEXT_WORD_RE.search(text, start + 1).start(), end, s):
            continue  # (the pronoun itself may be capitalised at the start of the sentence)
        out.append((start, end, "anonymous-described"))
    for m in _anchored(pt.anon_reason_inverted, pt.reason_anchor, p) if reasons else ():
        start, end = m.span("span")
        _, s, e = p.sentence(start)
        before = text[s:start].rstrip()
        if m.group("det").lower() == "the":
            continue
        if not (before and before[-1] in ",”\"—–'") and not (
            _ACCORDING_START_RE.match(text, start) and _clause_start(text, s, start)
        ):
            continue  # "..., said a clerk who requested anonymity"; "According to a clerk who ..., the"
        if _OBJ in text[s:e] or _has_proper_word(pt, text, start, m.start("desc"), s):
            continue
        out.append((start, end, "anonymous-described"))
    return out


# Mass nouns of study that stand bare after a modifier ("Data analysis has shown", "Scientific research").
# What a writer measures as often as cites: judged only when the writer has not just spoken of their own
# work, and never a software project's suites ("unit tests show that the parser ...").
_MEASURE_STUDY = frozenset("tests testing data benchmarks benchmark measurements".split())
_SUITE_MODS_RE = re.compile(
    r"\b(?i:unit|integration|regression|smoke|e2e|end-to-end|acceptance|automated|load|ci)\b"
)
_NOT_MODIFIER_SET = frozenset(_NOT_MODIFIER_WORDS)
# Modifiers that lend a bare study authority without naming it ("independent lab tests", "scientific
# research", "water testing", "data analysis"), unlike a kind of work a team does itself ("market research",
# "usability testing", "heat mapping tests").
_AUTHORITY_MODS = frozenset(
    "independent independently scientific academic medical clinical peer reviewed external third party outside "
    "university lab laboratory international large scale long term follow up extensive rigorous published "
    "government official expert environmental water soil air data statistical economic epidemiological "
    "genetic psychological sociological nutritional instant exit opinion snap straw national statewide nationwide "
    "public early latest".split()
)
_MASS_STUDY = frozenset("research analysis evidence testing data polling modelling modeling".split())


def _plain_study_mods(pt: _Patterns, text: str, s: int, start: int, mods: str) -> bool:
    """The modifiers before a bare study noun are plain words: lowercase, or the sentence's first word
    capitalised for grammar when it is a common word ("Independent", "Scientific", "Water"); no
    possessive, acronym or first person ("Harvard research", "NHS data", "Our lab tests")."""
    words = mods.split()
    if any(w.endswith(("'s", "’s")) or _OWN_RE.search(w) or w.lower() in _NOT_MODIFIER_SET for w in words):
        return False  # ("as research has shown": "as" opens the clause, it modifies nothing)
    for i, w in enumerate(words):
        if w[:1].islower():
            continue
        if i == 0 and not text[s:start].strip(" \"“‘'(") and w.isalpha() and not w.isupper():
            low = w.lower()
            if low in pt.initial_words or _COMMON_SUFFIX_RE.search(low):
                continue
            from copydesk.analysis.pos import is_common_word

            if is_common_word(w):
                continue
        return False
    return True


def _may_be_online(words: frozenset[str], pt: _Patterns) -> bool:
    """Results of another kind may be an unnamed study here: one of them with a word of the online places,
    or with "I" and a hearsay verb ("measurements I found on a forum")."""
    if words.isdisjoint(pt.kw_online_nouns):
        return False
    return not words.isdisjoint(pt.kw_online_cues) or ("i" in words and not words.isdisjoint(pt.kw_hearsay))


def _evidence(p: _Paragraph, pt: _Patterns) -> list[tuple[int, int, str]]:
    text = p.text
    out = []
    online = _may_be_online(p.words, pt)
    anchor = pt.evidence_online_anchor if online else pt.evidence_anchor
    for pattern, heads in ((pt.evidence_subject, pt.evidence_verb_heads), (pt.according_evidence, None)):
        # evidence_subject ends in an evidence verb after white space and before a word boundary.
        for m in _anchored(pattern, anchor, p, within=heads):
            start, end = m.span("span")
            _, s, e = p.sentence(start)
            noun = m.group("noun").lower()
            det = m.group("det").strip().lower()
            mods = m.group("mods")
            post = m.group("post")
            name_from = start
            if pattern is pt.evidence_subject:
                if not det:
                    if mods.strip():
                        # "Scientific research has proven", "Independent lab tests found", "Water testing
                        # ... detected": plain modifiers before a bare plural or mass noun of study name
                        # nobody (a capitalised name or a possessive still does: checked below).
                        if noun not in pt.bare_study and noun not in _MASS_STUDY:
                            continue
                        if not _plain_study_mods(pt, text, s, m.start("mods"), mods):
                            continue
                        if not all(w in _AUTHORITY_MODS for w in re.findall(r"[a-z]+", mods.lower())):
                            continue  # "market research revealed", "heat mapping tests": a team's own kind of work
                        if p.own_research or _FIRST_PERSON_LOW_RE.search(p.low, max(0, s - _CONTEXT), e):
                            continue  # "Usability testing revealed ...": the writer's own work
                    elif noun not in pt.bare_study and noun not in _MASS_STUDY or noun in ("testing", "data"):
                        continue  # ("Testing showed ...": a team's own tests, with nothing to say otherwise)
                    elif noun not in pt.bare_study and (
                        p.own_research or _FIRST_PERSON_LOW_RE.search(p.low, max(0, s - _CONTEXT), e)
                    ):
                        continue  # "Testing showed ...": the writer's own tests
                    if _DETERMINER_BEFORE_RE.search(text, max(s, start - 8), start):
                        continue  # "That research also helped us": a study named before
                    if _OWN_AND_RE.search(text, max(s, start - 40), start):
                        continue  # "Our experience and research shows": the writer's own
                    if not _clause_start(text, s, start):
                        continue
                    if mods.strip() and mods[:1].isupper():
                        name_from = m.start("mods") + len(mods.split()[0])  # "Water testing": checked plain
                elif not _clause_start(text, s, start):
                    continue
                else:
                    name_from = m.end(
                        "det"
                    )  # "New research from ...": a determiner is no name ("New York" is)
                if (
                    noun in {"evidence", "research", "polling"}
                    and re.fullmatch(r"(?:a|an|one|another)", det)
                    and not mods.lower().startswith("piece of")
                ):
                    continue  # "a research" is no English ("one piece of research found" is)
                if re.search(
                    r"\b(?:and|but|that|which|who|while|because|if|when|where|what|how|whether|why|is|are|was|"
                    r"were|be|as|can|could|will|would|may|might|should|must|to|us|we|our|helped|help|helps)\b|"
                    r",(?!\d)|[()]",
                    post,
                ):
                    continue  # the verb belongs to another clause
                if post.startswith("-"):
                    continue  # "evidence-based details ...": a compound, not the noun
                if m.group("verb").lower().endswith("ing"):
                    continue  # "data showing ...", "research finding ...": a participle, not a finding cited
                if re.search(
                    r"\b(?:to|may|might|could|would|should|must|can|will|needed|required|needs)\s*$",
                    text[start : m.start("verb")],
                    re.I,
                ):
                    continue  # "an experiment to demonstrate", "research may show": no finding is cited
                if re.match(r"\s+of\s+(?:the|our|these|this|their|its|those)\b", post, re.I) and not re.match(
                    r"\s+of\s+the\s+(?:(?:available|existing|published|scientific|medical)\s+)?"
                    r"(?:evidence|literature|research|studies|trials|data)\b",
                    post,
                    re.I,
                ):
                    continue  # "analysis of the responses": the writer's own data, named before (not "a
                    # review of the evidence": a study of studies)
                if (
                    noun in ("review", "reviews")
                    and re.match(r"\s+of\b", post)
                    and not re.match(
                        r"\s+of\s+(?:the\s+)?(?:(?:available|existing|published|scientific|medical)\s+)?"
                        r"(?:evidence|literature|research|studies|trials|data)\b",
                        post,
                    )
                ):
                    continue  # "a review of records indicates": the reporter's own reading of papers
                subject_end = m.start("verb")
            else:
                if not det and noun not in pt.bare_study:
                    continue  # "according to the report" points back to a report already named
                if (
                    (noun in _MEASURE_STUDY or noun in pt.online_nouns)
                    and mods.strip()
                    and not pt.went_online.match(text, m.end("noun"))
                ):
                    continue  # "according to exchange data", "according to police figures": a kind of source
                if _NAMED_CLAIMANT_RE.search(text, s, start):
                    continue  # "the amount Forbes predicts ..., according to a recent report": Forbes's report
                subject_end = m.end("post")
            if _SUBORDINATE_RE.search(text, max(s, start - 12), start):
                continue  # "If an agency's analysis concludes that ...": a condition
            if p.link_in(s, e) or _OWN_RE.search(mods):
                continue  # a link in the sentence is its citation
            if _example_follows(p, pt, e):
                continue  # "studies have found ... A study in the Harvard Law Review [link] found, for example"
            if _has_proper_word(pt, text, name_from, subject_end, s) or _names_institution(
                text, start, subject_end
            ):
                continue
            if _TRAILING_CITATION_RE.search(text, end, e):
                continue
            if re.search(r"\bcase\s+stud", text[max(0, start - 6) : end], re.IGNORECASE):
                continue
            if re.search(
                rf"\b(?:that|this|our)\s+{re.escape(noun)}\b", text[end:], re.I
            ) and _FIRST_PERSON_RE.search(text):
                continue  # "some research showed ... That research also helped us": the writer's own
            if _NAMED_EVIDENCE_RE.search(text) or _NAMED_EVIDENCE_RE.search(p.previous_text[-_CONTEXT:]):
                continue  # the paragraph (or the one before) names its poll or study
            if (
                noun in _MEASURE_STUDY
                and mods.strip()
                and not all(w in _AUTHORITY_MODS for w in re.findall(r"[a-z]+", mods.lower()))
            ):
                continue  # "recent heat mapping tests show": a team's own kind of test
            if noun in _MEASURE_STUDY and re.search(
                r"\b(?:after|when|before|until|once|since|as|because)\s+$",
                text[max(s, start - 10) : start],
                re.I,
            ):
                continue  # "work stopped after tests found metals in the silt": an event narrated
            if (
                noun in _MEASURE_STUDY
                and not pt.went_online.match(text, m.end("noun"))
                and (
                    p.research_near(start)
                    or _SUITE_MODS_RE.search(mods)
                    or _FIRST_PERSON_LOW_RE.search(p.low, max(0, s - _CONTEXT), s)
                    or _FIRST_PERSON_LOW_RE.search(p.previous_text[-_CONTEXT:].lower())
                )
            ):
                continue  # "We ran the suite twice. Integration tests show ...": the writer's own measurements
            category = "unnamed-survey" if noun in pt.survey_nouns else "unnamed-study"
            out.append((start, end, category))
    return out


def _statistics(p: _Paragraph, pt: _Patterns) -> list[tuple[int, int, str]]:
    text = p.text
    if _OBJ in text or p.linked or p.lead_sources:
        return []  # a link in the paragraph is its citation; a list's lead-in that names one sources its items
    out = []
    for m, start, end, shape in _statistic_candidates(p, pt):
        k, s, e = p.sentence(start)
        if re.search(r"\b(?:your|our|my)\b", p.low[start:end]):
            continue  # "a majority of your users": the reader's own audience; "our users": the writer's data
        if re.search(r"\bof\s+(?:those|these)\b", p.low[start:end]):
            continue  # "75 percent of those people": a group the text described, with its source, before
        if _RULE_AFTER_RE.match(text, end):
            continue  # "40 percent of members are required to attend": a rule, not a measured figure
        if p.own_product and shape != "change" and _head_noun(text, start, end) in pt.audience:
            if not evidence.general_population(text, start, end):
                continue  # "25 percent of users return to our site": the writer's own metrics
        if evidence.CITATION_RE.search(text, end, e):
            continue  # "... in 61% of households (Slide 14)": a citation after the figure
        if p.survey_in_draft and _RESPONDENTS_RE.search(text, start, end):
            continue  # "24 percent of respondents": of the survey the draft names
        plural = m.groupdict().get("plural")
        if plural and (plural in _NOT_PLURAL or not _clause_start(text, s, start)):
            continue  # a plural for people is a population as the subject: "Roughly 80% of API clients ignore"
        if shape == "figure" and (m.group("things") in _NOT_PLURAL or not _clause_start(text, s, start)):
            continue  # a bare percentage is judged as the subject of its clause only
        if shape == "subject":
            verb = m.group("verb").split()
            if m.group("things") in _NOT_PLURAL or not _clause_start(text, s, start):
                continue  # a share is judged as the subject of its clause only
            if len(verb) == 1 and not (
                evidence.past_form(verb[0])
                or _PRESENT_PLURAL_RE.fullmatch(verb[0])
                or (verb[0].endswith("s") and not verb[0].endswith("ss"))
            ):
                continue  # the word after the noun is no verb
            if verb[-1] in _NOT_VERB_AFTER_SHARE:
                continue
            if "majority" in p.low[start:end] and not _plural_head(p.low, m.end("things"), m.group("things")):
                continue  # "the majority of time spent on testing", "of mobile traffic": a part, not a count
            if any(_ORG_RE.fullmatch(w.group(1)) for w in _POSSESSIVE_RE.finditer(text, start, end)):
                continue  # "34% of GSA's websites": the organisation's own things, counted by it
            np = p.low[start:end].split(" of ", 1)[-1]
            if (
                np.startswith("the ")
                and "'" not in np
                and "’" not in np
                and not _PLACE_AFTER_RE.match(text, end)
                and not _PARTICIPLE_PLACE_AFTER_RE.match(text, end)
                and m.group("things").lower() not in pt.resident_nouns
            ):
                continue  # "the majority of the comments": a set the text has defined, not a population
            if _own_before(p, k, s, m.group("things")):
                continue  # "We receive 21 submissions a month. 18% of submissions are valid": the writer's own data
        if shape == "ratio-things":
            verb = m.group("verb").split()
            if m.group("things") in _NOT_PLURAL or not _clause_start(text, s, start):
                continue  # a ratio of things is judged as the subject of its clause only
            if (
                len(verb) == 1
                and not evidence.past_form(verb[0])
                and not _PRESENT_PLURAL_RE.fullmatch(verb[0])
                and not (
                    _ONE_IN_RE.match(p.low, start) and verb[0].endswith("s") and verb[0] not in _NOT_PLURAL
                )
            ):
                continue  # the word after the noun is no verb: "three in ten bogs flooded" is; "in ten bogs ago" is not
        if shape == "trend":
            subj = m.group("subj")
            first = subj.split()[0].lower()
            if not _clause_start(text, s, start) or first in _TREND_NOT_SUBJECT or _DIGIT_RE.search(subj):
                continue  # "it rose 5%" points back; "in 2020 sales rose": judged from the subject's start
            if not re.search(r"[a-z]", subj.split()[-1]) or subj.split()[-1].lower() in _TREND_NOT_SUBJECT:
                continue
            head = _trend_head(subj)
            if not (
                head in pt.measure_nouns or head in pt.population_heads or head.endswith(pt.population_ends)
            ):
                continue  # "fuel costs have doubled", "bills fell by 11 percent": not a measure of a population
            if _FIRST_PERSON_LOW_RE.search(p.low, max(0, s - _CONTEXT), e) or _FIRST_PERSON_LOW_RE.search(
                p.previous_text[-_CONTEXT:].lower()
            ):
                continue  # "In our benchmark, build time dropped 40%": the writer's own measurement
            if (
                p.previous_linked
                or _TREND_DATA_RE.search(text, max(0, s - _CONTEXT), s)
                or _TREND_DATA_RE.search(p.previous_text[-_CONTEXT:])
            ):
                continue  # "... released their annual growth report. Overall, usage grew 76%": that report's figure
        if shape == "own-share":
            noun = m.group("noun").lower()
            if noun in _NOT_PLURAL or noun in pt.not_plural_subject or not _clause_start(text, s, start):
                continue  # "Knowledge workers lose a third of their week": the population is the subject
            if m.group("verb").split()[0].lower() in _NOT_OWN_SHARE_VERBS:
                continue  # "users are half of their ...", "members have a third of its seats"
        if k == 0 and (p.previous_linked or _introduces_data(p.previous_sentence(0))):
            continue  # "A county survey found:" / a link just before; not "..., according to the fire chief."
        # "Three in ten teenagers say they ...", "... commuters on the line say": the population's own
        # words cite nobody.
        end_own = _own_words_end(pt, text, end, e)
        if _mentions_source(pt, text[s:start] + " " * (end_own - start) + text[end_own:e]):
            continue  # a source in the sentence, outside the population ("80% of API clients" names none)
        if k > 0 and _sourced(p, pt, k - 1):
            continue
        prev = p.previous_sentence(k)
        lookback = max(0, s - _CONTEXT)
        if (
            evidence.names_data(text[lookback:s])
            or _ACCORDING_RE.search(text, lookback, s)
            or _introduces_data(p.previous_text[-1500:])
        ):
            continue  # data named earlier in the paragraph, or in the paragraph before
        local_method = _own_method_in(pt, text)
        if p.own_method or local_method:
            verb = m.group("verb") if shape == "own-share" else None
            if not evidence.general_population(text, start, end, verb) and (
                local_method or _sample_named(p, m, start, end)
            ):
                continue  # the draft states the writer's own data; "British households" are not its sample
        if _RUN_RE.search(text, lookback, start) or (prev and _RUN_RE.search(prev)):
            continue  # a run of figures about groups: only its first statistic needs the source
        out.append((start, end, "unsourced-statistic"))
    return out


def _plural_head(low: str, at: int, word: str) -> bool:
    """The noun phrase ending at ``word`` (or going on for a word or two: "search engine users") is plural."""
    for w in [word] + low[at : at + 40].split()[:2]:
        if w in ("is", "was", "has", "does", "are", "were", "have", "had"):
            return False
        if w.endswith("s") and not w.endswith("ss") and w not in _NOT_PLURAL:
            return True
    return False


_POSSESSIVE_RE = re.compile(r"\b([A-Z][\w&.-]*)['’]s\b")
_PLACE_AFTER_RE = re.compile(r"\s+(?:in|on|at|across|along|near|around|within|from)\s", re.I)
_FIRST_PERSON_LOW_RE = re.compile(r"\b(?:we|our|us|i|my)\b")
# A participle and a place after a share's noun: "40% of the food grown in the valley", "of the homes
# built along the coast" (a population the place defines, not a set the text counted).
_PARTICIPLE_PLACE_AFTER_RE = re.compile(
    r"\s+[a-z]+(?:ed|en|wn|nt|lt|ld)\s+(?:in|on|at|across|along|near|around|within|from|throughout)\s", re.I
)


def _own_before(p: _Paragraph, k: int, s: int, noun: str) -> bool:
    """The text before the sentence, in first person, counts the same things: the writer's own figures."""
    before = p.before(k, s).lower()
    head = noun.lower()
    stem = head[:-1] if head.endswith("s") else head
    return (
        bool(_FIRST_PERSON_LOW_RE.search(before)) and re.search(rf"\b{re.escape(stem)}", before) is not None
    )


_ONE_IN_RE = re.compile(
    r"(?:[a-z]+\s+){0,2}?one\s+(?:in|out\s+of)\s"
)  # "only one in six apprentices completes"
_NOT_VERB_AFTER_SHARE = frozenset(
    ("the", "a", "an", "of", "and", "or", "to", "than", "this", "that", "who", "which")
)
# A present-tense plural verb after a ratio of things: not an -s form or an -ing form, not a function word.
_PRESENT_PLURAL_RE = re.compile(
    r"(?!(?:the|a|an|of|and|or|to|in|on|at|by|for|with|than|ago)$)[a-z]+(?<!s)(?<!ing)(?<!ly)"
)


def _population_noun(m: re.Match[str], text: str, start: int, end: int) -> str:
    """The head noun of a statistic's population ("drivers" of "Two in three drivers")."""
    noun = m.groupdict().get("noun")
    if noun:
        return noun
    for w in reversed(_POP_WORD_RE.findall(text, start, end)):
        if w.lower() not in _NOT_POPULATION_WORDS:
            return w
    return ""


def _sample_named(p: _Paragraph, m: re.Match[str], start: int, end: int) -> bool:
    """With the method stated elsewhere in the draft: the figure's population is a group the draft names
    somewhere else (its sample), not one it mentions only here ("Two in three drivers" in a post whose
    own data are its web analytics)."""
    if p.draft_index is None:
        return True
    verb = m.groupdict().get("verb")
    tense = _TENSE_RE.match(" " + verb) if verb else _TENSE_RE.match(p.text, end)
    if tense and tense.group("aux") in (None, "had", "was", "were") and evidence.past_form(tense.group("v")):
        return True  # "Tenants lost a quarter of their heat": what the writer's own sample did
    noun = _population_noun(m, p.text, start, end)
    return not noun or p.draft_index.mentions(noun) > 1


_POP_WORD_RE = re.compile(r"[A-Za-z][a-z-]+")
# The verb after a statistic: an auxiliary says it is not the simple past ("have damaged", "will pay").
_TENSE_RE = re.compile(
    r"\s+(?:[a-z]+ly\s+)?(?:(?P<aux>have|has|had|was|were|will|would|do|does|are|is|can|could|may|might)\s+)?"
    r"(?:(?:[a-z]+ly|not|never|also|still)\s+)?(?P<v>[a-z]+)\b"
)
_NOT_POPULATION_WORDS = frozenset(
    f"""
    in of out every the all than more less fewer over under {_NUM_WORD.replace("|", " ")} eleven twelve twenty
    half third thirds quarter quarters fourth fourths fifth fifths sixth sixths eighth eighths tenth tenths
    percent cent per majority minority plurality
    """.split()
)


# An institution left unnamed: "a university team", "researchers at a European institute", "one
# think tank". A capitalised name ("Keele University") or a definite one ("the institute", named before)
# is a source.
_VAGUE_INSTITUTION_BEFORE_RE = re.compile(
    r"\b(?i:a|an|one|another|some|several|two|three|various)\s+(?:(?:[A-Z][a-z]+(?:an|ish|ese|ic)|[a-z][a-z-]+)\s+){0,2}$"
)


_INSTITUTION_WORDS = frozenset(("journal", "university", "institute"))


def _vague_institution(text: str, m: re.Match[str]) -> bool:
    """The institution word matched by ``m`` is a lowercase common noun after an indefinite determiner."""
    last = re.search(r"[a-z]+$", m.group(0))  # "published in a journal": its last word
    if last is None or (len(last.group(0)) < len(m.group(0)) and last.group(0) not in _INSTITUTION_WORDS):
        return False
    at = m.start() + last.start()
    return _VAGUE_INSTITUTION_BEFORE_RE.search(text, max(0, at - 40), at) is not None


def _names_institution(text: str, start: int, end: int) -> bool:
    """Who ran or printed a study is named between ``start`` and ``end`` ("published in The Lancet", "by
    the county", "Keele University"); "a university team" or "a European institute" names nobody."""
    return any(not _vague_institution(text, n) for n in _STUDY_NAMED_RE.finditer(text, start, end))


# A name with a verb of forecasting before "according to a report": whose forecast, so whose report, it is
# ("Bloomberg reports that ..., according to exit polls" still cites unnamed polls).
_NAMED_CLAIMANT_RE = re.compile(
    r"(?<![.!?]\s)(?<!^)\b[A-Z][\w&’'.-]+\s+(?:predicts|predicted|estimates|estimated|forecasts|forecast|projects|"
    r"projected)\b"
)


def _example_follows(p: _Paragraph, pt: _Patterns, end: int) -> bool:
    """The sentence after ``end`` names or links a study as an example of the vague one."""
    k = bisect.bisect_right(p.sent_starts, end)
    if k >= len(p.sentences):
        return False
    s, e = p.sentences[k]
    if not any(True for _ in pt.evidence_anchor.finditer(p.low[s:e])):
        return False
    return p.link_in(s, e) or bool(_NAMED_EVIDENCE_RE.search(p.text, s, e))


def _statistic_shapes(pt: _Patterns) -> tuple:
    """``(pattern, key, gate, within, shape)`` of every shape of a statistic (made once per vocabulary)."""
    entry = _SHAPES.get(id(pt))
    if entry is not None and entry[0] is pt:
        return entry[1]
    if len(_SHAPES) >= 32:
        _SHAPES.clear()
    shapes = (
        (pt.statistic, _STAT_KEY, _may_share, None, "share"),
        # "one child in five": "in" or "out of" between white space
        (pt.statistic_inner, _INNER_KEY, _may_ratio, _IN_OUT, "ratio"),
        (pt.statistic_own_share, evidence.SHARE_OF_OWN_KEY, _may_own_share, None, "own-share"),
        (pt.statistic_change, evidence.CHANGE_KEY, _may_change_pattern, None, "change"),
        (pt.statistic_figure, _FIGURE_KEY, _may_figure, None, "figure"),
        (pt.statistic_ratio, _STAT_KEY, _may_ratio_of_things, None, "ratio-things"),
        (pt.statistic_subject, _SUBJECT_KEY, _may_subject_share, None, "subject"),
        (pt.statistic_trend, _TREND_KEY, _may_trend, None, "trend"),
    )
    _SHAPES[id(pt)] = (pt, shapes)
    return shapes


_SHAPES: dict[int, tuple[_Patterns, tuple]] = {}  # id(patterns) -> (patterns, their statistic shapes)


def _may_statistic(p, pt: _Patterns) -> bool:
    """The key of some shape of a statistic may match in the paragraph (``p``: a :class:`_Paragraph` or
    :class:`_Words`); when none can, :func:`_statistic_candidates` finds nothing."""
    return any(may(p) for _, _, may, _, _ in _statistic_shapes(pt))


def _statistic_candidates(p: _Paragraph, pt: _Patterns) -> Iterator[tuple[re.Match[str], int, int, str]]:
    """Every statistic about a population in the paragraph, in any of its shapes, with its span and shape
    ("share", "ratio", "own-share", "change")."""
    for pattern, key, may, within, shape in _statistic_shapes(pt):
        if not may(p):
            continue  # the key cannot match here: a set test instead of a regex scan of the paragraph
        for m in _anchored(pattern, key, p, within=within):
            yield (m, *m.span("span"), shape)


_FIGURE_KEY = re.compile(r"\d\s*(?:%|percent\b|per\s+cent\b)\s+of\s")
# Gates of the statistic keys: what the lowercased paragraph must hold for each key regex (``_STAT_KEY``
# and evidence.INNER_KEY, SHARE_OF_OWN_KEY, CHANGE_KEY) to match at all. Each is a necessary condition read
# off the key's alternatives: a whole word of a key (bounded by ``\b`` or ``\s``) is a word of
# ``_Paragraph.words``; a digit is looked for only when no word settles it. Most paragraphs hold none of
# these, and a set test costs far less than the key's scan of every position. tests/test_sourcing_speed.py
# checks that every gate passes wherever its key matches.
_FRACTION_WORDS = frozenset(
    "half third thirds quarter quarters fourth fourths fifth fifths sixth sixths eighth eighths tenth tenths".split()
)
_MAJORITY_WORDS = _FRACTION_WORDS | {"majority", "plurality", "minority"}
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten".split())
_TENS_WORDS = frozenset(
    "ten twenty thirty forty fifty sixty seventy eighty ninety".split()
)  # "eighty per cent"
_IN_OUT = frozenset(("in", "out"))
_THEIR_ITS = frozenset(("their", "its"))


def _key_words(key: re.Pattern[str]) -> frozenset[str] | None:
    """The words of a key written ``\\b(?:word|word|...)\\b`` (plain words), read off its text; None for any
    other key (its gate then lets every paragraph through)."""
    m = re.fullmatch(r"\\b\(\?:(.*)\)\\b", key.pattern)
    return evidence.alternation_heads(m.group(1)) if m else None


def _read_from(key: re.Pattern[str], digest: str) -> bool:
    """Whether ``key`` is still the text a hand-read gate below was read from (a digest of it). A key
    changed since turns its gate off (every paragraph passes) until the gate is read again; a test fails
    meanwhile (tests/test_sourcing_speed.py), so a stale gate can cost time but never a finding."""
    return hashlib.sha256(key.pattern.encode()).hexdigest()[:16] == digest


_CHANGE_WORDS = _key_words(evidence.CHANGE_KEY)  # read off the key itself, so it follows the key's words
_SHARE_GATE = _read_from(_STAT_KEY, "add67592758d5a47")
_RATIO_GATE = _read_from(evidence.INNER_KEY, "1e2b582f22ee12d9")
_OWN_SHARE_GATE = _read_from(evidence.SHARE_OF_OWN_KEY, "2395d5b755132ee6")
# evidence.INNER_KEY starts at a number word or a run of digits: its hits found there only.
_INNER_KEY = _Anchor(evidence.INNER_KEY, None, _NUMBER_WORDS if _RATIO_GATE else None, digits=True)


def _percent(p: _Paragraph) -> bool:
    """A digit and a percent sign or "cent": the "N%", "N percent", "N per cent" alternatives; or "cent"
    and a word for tens ("eighty per cent")."""
    if "%" in p.low and p.has_digit:
        return True
    return "cent" in p.low and (p.has_digit or not p.words.isdisjoint(_TENS_WORDS))


def _may_share(p: _Paragraph) -> bool:
    if not _SHARE_GATE:
        return True
    words = p.words
    if not words.isdisjoint(_MAJORITY_WORDS):
        return True
    if not (p.has_digit or not words.isdisjoint(_NUMBER_WORDS) or not words.isdisjoint(_TENS_WORDS)):
        return False
    return not words.isdisjoint(_IN_OUT) or _percent(p)


def _may_ratio(p: _Paragraph) -> bool:
    return not _RATIO_GATE or not p.words.isdisjoint(_NUMBER_WORDS) or p.has_digit


def _may_own_share(p: _Paragraph) -> bool:
    if not _OWN_SHARE_GATE:
        return True
    words = p.words
    if "of" not in words or words.isdisjoint(_THEIR_ITS):
        return False
    return not words.isdisjoint(_FRACTION_WORDS) or _percent(p)


def _may_change(p: _Paragraph) -> bool:
    return _CHANGE_WORDS is None or not p.words.isdisjoint(_CHANGE_WORDS)


# The words every match of each alternative of evidence.change_pattern holds whole (read off its text; a
# digest of the text made with a fixed vocabulary turns this gate off when the pattern changes).
_CHANGE_GATE = hashlib.sha256(evidence.change_pattern(["people"], ["ers"]).encode()).hexdigest()[:16] == (
    "73c95f63f7be788f"
)
_MOVED_NOUNS = frozenset(("number", "share", "proportion", "percentage", "count"))
_SHARE_NOUNS = frozenset(("share", "proportion", "percentage"))
_PERFECT_WORDS = frozenset(("has", "have", "had"))
_MULTIPLIED = frozenset(("doubled", "tripled", "trebled", "quadrupled", "halved"))
_ARE_WERE = frozenset(("are", "were"))
_TWICE_TIMES = frozenset(("twice", "times"))
_FRACTION_PARTS = ("half", "third", "quarter", "fourth", "fifth", "sixth", "eighth", "tenth")


def _may_change_pattern(p) -> bool:
    """False only when ``statistic_change`` cannot match: its key's gate (:func:`_may_change`), then the
    words of one of its four alternatives ("the share of ... has doubled", "the share of ... rose to a
    third", "... are twice as likely", "three times as many ..."). Most paragraphs with a key word ("share",
    "times") hold none of them: the pattern is then neither searched nor compiled."""
    if not _may_change(p):
        return False
    if not _CHANGE_GATE or p.exotic:
        return True
    w = p.words
    if "of" in w:
        if not (w.isdisjoint(_MOVED_NOUNS) or w.isdisjoint(_PERFECT_WORDS) or w.isdisjoint(_MULTIPLIED)):
            return True
        if not w.isdisjoint(_SHARE_NOUNS):
            # A share moved to a fraction (evidence._FRACTION, whose words may begin longer words).
            low = p.low
            if any(part in low for part in _FRACTION_PARTS) or (
                ("%" in low or "cent" in low) and p.has_digit
            ):
                return True
    return not w.isdisjoint(_TWICE_TIMES) and (
        ("likely" in w and not w.isdisjoint(_ARE_WERE)) or ("as" in w and "many" in w)
    )


def _may_ratio_of_things(p: _Paragraph) -> bool:
    """ "N in M" or "N out of M": "in" or "out" and a number word or a digit."""
    words = p.words
    return not words.isdisjoint(_IN_OUT) and (p.has_digit or not words.isdisjoint(_NUMBER_WORDS))


_SUBJECT_KEY = re.compile(
    r"\d\s*(?:%|percent\b|per\s+cent\b)\s+of\s|(?:ten|ty|ty-[a-z]+)\s+(?:percent|per\s+cent)\s+of\s|"
    r"\b(?:half|third|quarter|fifth|tenth|thirds|quarters|fifths|tenths|majority|bulk)\s+of\s"
)
_SUBJECT_WORDS = frozenset(
    "half third quarter fifth tenth thirds quarters fifths tenths majority bulk".split()
)


def _may_subject_share(p: _Paragraph) -> bool:
    """A share as a subject: "of" and a percentage or a fraction or "majority"."""
    return "of" in p.words and (not p.words.isdisjoint(_SUBJECT_WORDS) or _percent(p))


# Words a trend's subject never holds: they open a clause or join two ("found that burglaries fell ...").
_TREND_STOP = (
    r"(?i:that|and|but|or|which|who|because|when|while|if|as|since|said|says|say|found|finds|shows|showed|show|"
    r"suggests|suggested|according|after|before|than|so)"
)
_TREND_PREPS = frozenset("in on at of for among across along from with within near around throughout".split())


def _trend_head(subj: str) -> str:
    """The head noun of a trend's subject: its last word before a preposition ("rates" of "vaccination
    rates among toddlers"), lowercased."""
    words = subj.lower().split()
    for i, w in enumerate(words):
        if i and w in _TREND_PREPS:
            return words[i - 1]
    return words[-1]


# A data word just before a trend: the trend reports those data ("their annual growth report ... usage grew").
_TREND_DATA_RE = re.compile(
    r"\b(?i:reports?|surveys?|study|studies|data|dataset|figures|statistics|stats|analysis|analytics|census|"
    r"polls?|index|estimates|research)\b"
)
# Subjects of a trend that point back or are no measure ("it rose", "this fell", "shares of X").
_TREND_NOT_SUBJECT = frozenset(
    "it its this that these those they he she which who what there here and or but shares stock stocks price "
    "index".split()
)
_TREND_KEY = re.compile(
    r"\d\s*(?:%|percent\b|per\s+cent\b)|\b(?:doubled|tripled|trebled|quadrupled|halved)\b|"
    r"\b(?:a\s+(?:third|quarter|fifth|tenth)|half|two-thirds|three-quarters)\b|"
    r"\b(?:risen|fallen|grown|climbed|declined|dropped|increased|decreased|soared|plunged)\b"
)
_COMPARED_WORDS = frozenset("more less fewer likelier cheaper faster slower".split())
_SPAN_MOVED_WORDS = frozenset(
    "risen fallen grown climbed declined dropped increased decreased soared plunged".split()
)
_SPAN_WORDS = frozenset("years decades decade year since".split())
_MULTIPLIED_WORDS = frozenset("doubled tripled trebled quadrupled halved".split())
_FRACTION_KEY_WORDS = frozenset(
    "third quarter fifth tenth half two-thirds three-quarters thirds quarters".split()
)
_MOVED_WORDS = frozenset(
    "rose risen rises fell fallen falls dropped drops climbed climbs increased increases decreased decreases "
    "declined declines grew grown grows jumped jumps soared soars plunged plunges plummeted slipped slips surged "
    "surges shrunk shrank shrinks gone went hit hits reached reaches up down".split()
)


def _may_trend(p: _Paragraph) -> bool:
    """A multiplying verb, or an amount (a percentage or a fraction) and a verb of moving or a comparison,
    or a perfect of moving over a span of years."""
    w = p.words
    if not w.isdisjoint(_MULTIPLIED_WORDS):
        return True
    if (_percent(p) or not w.isdisjoint(_FRACTION_KEY_WORDS)) and not (
        w.isdisjoint(_MOVED_WORDS) and w.isdisjoint(_COMPARED_WORDS)
    ):
        return True
    return not w.isdisjoint(_SPAN_MOVED_WORDS) and not w.isdisjoint(_SPAN_WORDS)


def _may_figure(p: _Paragraph) -> bool:
    """A bare percentage "N% of": a digit, a percent sign or "cent", and "of"."""
    return "of" in p.words and _percent(p)


def _head_noun(text: str, start: int, end: int) -> str:
    """The last word of a statistic's span (its population noun), lowercased."""
    m = _LAST_WORD_RE.search(text[start:end].lower())
    return m.group(0) if m else ""


def _introduces_data(text: str) -> bool:
    """The paragraph before names data as a source (a survey, study, figures) or leads in with a colon.

    A data word used as a verb or in passing ("agreed to study the idea", "the most sensitive data")
    names none. A placeholder there may be a code span as well as a bare URL, so links come from the
    block's own hyperlinks instead (``previous_linked``)."""
    return evidence.names_data(text) or text.rstrip().endswith(":")


def _sourced(p: _Paragraph, pt: _Patterns, k: int) -> bool:
    if k not in p._sourced:
        s, e = p.sentences[k]
        p._sourced[k] = _mentions_source(pt, p.text[s:e])
    return p._sourced[k]


def _mentions_source(pt: _Patterns, sentence: str) -> bool:
    """A source word, a link, a dated citation or an organisation in the sentence; a place's acronym
    ("in the UK", "U.S. adults") says what a figure is about, not who measured it."""
    if not sentence:
        return False
    if pt.stat_source.search(sentence):
        return True
    return any(
        not evidence.place_acronym(m.group(0)) and _org_as_source(sentence, m)
        for m in _ORG_RE.finditer(sentence, 1)
    )


# An acronym names a source unless it stands for a means or a medium: "servers still allow logins over
# SSH", "files served via HTTP" say what the figure is about, not who measured it.
_ACRONYM_MEANS_BEFORE_RE = re.compile(r"\b(?:over|via|using|through|into|onto)\s+(?:the\s+)?$", re.I)


def _org_as_source(sentence: str, m: re.Match[str]) -> bool:
    word = m.group(0)
    if not (word.isupper() and len(word.rstrip("s")) > 1) or "." in word:
        return True  # an organisation word ("Department", "Institute") or initials ("U.N."): a name
    return not _ACRONYM_MEANS_BEFORE_RE.search(sentence, max(0, m.start() - 20), m.start())


# Verbs after a population that make "<share> of their <noun>" a part, not a measured share of their time.
_NOT_OWN_SHARE_VERBS = frozenset("are is were was be been have has had make makes made".split())
_ACCORDING_RE = re.compile(r"\baccording\s+to\b", re.I)
# The verb of a statistic's own clause, after an adverb or auxiliary or two ("... teenagers now say").
_OWN_VERB_RE = re.compile(
    r"\s+(?:(?:[a-z]+ly|also|now|still|often|even|do|does|did|have|has|had|would|will|could|might|may)\s+){0,2}"
    r"([a-z]+)\b"
)
_PLACE_PREP_RE = re.compile(r"\s+(?:in|on|at|across|along|near|around|within|from)(?=\s)")
_NEXT_PLACE_WORD_RE = re.compile(r"\s+[\w’'-]+")


def _own_words_end(pt: _Patterns, text: str, end: int, e: int) -> int:
    """Where a population's own words end: after "say" ("Three in ten teenagers say"), also past a short
    place ("Eight in ten commuters on the line say"); ``end`` when the population says nothing."""
    said = _OWN_VERB_RE.match(text, end, e)
    if said and pt.stat_source.fullmatch(said.group(1)):
        return said.end()
    place = _PLACE_PREP_RE.match(text, end, e)
    pos = place.end() if place else -1
    for _ in range(4 if place else 0):
        word = _NEXT_PLACE_WORD_RE.match(text, pos, e)
        if word is None:
            break
        pos = word.end()
        said = _OWN_VERB_RE.match(text, pos, e)
        if said and pt.stat_source.fullmatch(said.group(1)):
            return said.end()
    return end


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Sort by offset; drop any finding that overlaps one kept before it (the longer wins a tie)."""
    findings.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Finding] = []
    for f in findings:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out
