"""Vague sourcing: claims attributed to nobody in particular.

``find_vague_sourcing`` looks for the phrases an editor circles when a claim leans on an unnamed
authority: "experts say", "it is widely believed", "sources said", "studies show", "a recent poll
found", "nearly two-thirds of residents ...". Each finding covers the vague attribution phrase itself
and carries a category from :data:`CATEGORIES`.

The detector is a set of compiled regular expressions for the phrase shapes plus cheap checks that
keep it quiet on properly sourced text:

* spans inside quotation marks are skipped (quoted speech is the speaker's wording, not the writer's);
* a subject must start a clause ("Experts say", ", critics argue", "but some believe"), so objects and
  modifiers ("we asked experts", "county officials said") are not taken for vague subjects;
* a capitalised word inside the phrase names someone ("Pentagon officials", "a Gallup poll");
* a source counts as described when an affiliation or reason is attached ("officials at the
  Department of Transportation", "people familiar with the talks", "an official who was not
  authorized to speak"), and officials count as identified when an organisation or acronym is named in
  the sentence or the one before;
* a study or poll counts as named when it carries a proper name, a journal, "published"/"conducted by",
  a parenthetical citation or a link (U+FFFC placeholder) in its sentence;
* a statistic counts as sourced when its sentence or the previous one (``previous_text`` supplies it
  for the first sentence) contains any attribution or source word (said, according to, survey, data,
  census, a link, an organisation ...), or when the paragraph before it or ``previous_text`` mentions
  a poll, survey, study, report or data; in a run of figures only the first one is judged;
* a finding inside speech attributed to someone else in the same sentence ("He noted that experts
  say ...", "..., Smith said.") is the speaker's wording and is skipped like a quotation.

Every repetition in the patterns is bounded or runs over disjoint character classes, so matching is
linear in the length of the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import NamedTuple

from copydesk.analysis.sentences import split_sentences

__all__ = ["CATEGORIES", "Finding", "find_vague_sourcing"]


class Finding(NamedTuple):
    start: int
    end: int
    category: str
    quote: str


CATEGORIES: dict[str, str] = {
    "weasel-source": "claim attributed to an unnamed group (experts, critics, some, many); say who",
    "passive-attribution": "impersonal attribution (it is believed, reportedly); say who believes or reported it",
    "anonymous-source": "unnamed source or officials with no affiliation or reason for anonymity; describe the source",
    "unnamed-study": "study or research cited without naming it; give the study, its authors or publication",
    "unnamed-survey": "poll or survey cited without saying who ran it; name the pollster or link the survey",
    "unsourced-statistic": "statistic about a group with no source nearby; say where the figure comes from",
}

_OBJ = "\ufffc"  # masked link/code placeholder: opaque, but a link next to a claim counts as a citation

# ---------------------------------------------------------------------------------------------------
# Vocabulary

_QUANT = (
    r"some|many|most|several|numerous|countless|certain|other|various|few|a\s+few|a\s+number\s+of|"
    r"a\s+lot\s+of|lots\s+of|plenty\s+of|a\s+(?:growing|small|large|handful|host|chorus)\s+(?:number\s+)?of|"
    r"an\s+increasing\s+number\s+of|more\s+and\s+more|a\s+majority\s+of"
)
# Group nouns whose bare plural is the textbook weasel subject.
_GROUP_NOUNS = (
    r"experts|critics|observers|analysts|commentators|pundits|scholars|historians|researchers|"
    r"scientists|economists|academics|specialists|strategists|skeptics|sceptics|detractors|opponents|"
    r"proponents|supporters|advocates|defenders|insiders|watchers|theorists|ethicists|psychologists|"
    r"doctors|physicians|lawyers"
)
_SINGULAR_GROUP = r"expert|critic|observer|analyst|commentator|pundit|scholar|historian|insider|strategist"
# Nouns that are weasels only after a quantifier ("many people believe").
_QUANT_ONLY_NOUNS = r"people|folks|americans|voters|parents|others"
# Bare quantifier pronouns used as a subject ("Some say", "Others argue").
_BARE_QUANT = r"some|many|most|others|several|few|a\s+few|plenty|countless"

_SAY_VERBS = (
    r"say|says|said|argue|argues|argued|claim|claims|claimed|believe|believes|believed|think|thinks|"
    r"suggest|suggests|suggested|note|notes|noted|contend|contends|contended|maintain|maintains|maintained|"
    r"insist|insists|insisted|warn|warns|warned|worry|worries|worried|fear|fears|feared|agree|agrees|agreed|"
    r"point\s+out|points\s+out|pointed\s+out|predict|predicts|predicted|speculate|speculates|speculated|"
    r"allege|alleges|alleged|assert|asserts|asserted|charge|charges|charged|caution|cautions|cautioned|"
    r"complain|complains|complained|question|questioned|doubt|doubted|wonder|wonders|wondered|"
    r"acknowledge|acknowledges|acknowledged|concede|concedes|conceded|recommend|recommends|recommended|"
    r"accuse|accuses|accused|blame|blames|blamed|forecast|forecasts|urge|urges|urged|"
    r"tell\s+us|told\s+us|will\s+tell\s+you|would\s+tell\s+you"
)
# Verbs that are unambiguous after a bare quantifier ("some thought", "most see" are often not speech).
_BARE_VERBS = (
    r"say|says|said|argue|argued|claim|claimed|believe|believed|think|suggest|suggested|contend|contended|"
    r"maintain|maintained|insist|insisted|fear|feared|worry|worried|speculate|speculated|allege|alleged|"
    r"assert|asserted|feel|felt|agree|agreed|doubt|doubted|wonder|wondered|"
    r"predict|predicted|point\s+out|pointed\s+out|urge|urged|accuse|accused|blame|blamed|expect|expected"
)
# "people" and the like take present-tense opinion verbs only: "many people said they liked it" reports.
_PEOPLE_VERBS = r"say|believe|think|feel|claim|argue|agree|fear|worry|suspect|assume|insist|contend"
_AUX = (
    r"have|has|had|would|will|may|might|could|also|long|often|generally|widely|now|still|increasingly|"
    r"privately|publicly|repeatedly|openly|already|always|even|too|frequently|sometimes|usually|"
    r"continue\s+to|continues\s+to|tend\s+to|tends\s+to|seem\s+to|seems\s+to|appear\s+to|appears\s+to"
)
_AUXES = rf"(?:(?i:{_AUX})\s+){{0,3}}"

# Words that may directly precede a clause-initial subject.
_CLAUSE_OPENERS = frozenset(
    """
    and but or nor yet so while whereas although though as because since if when where whether that
    what how why who whom which than however now today still even also indeed instead meanwhile moreover furthermore thus
    hence therefore then already increasingly nevertheless nonetheless rather
    """.split()
)
# Function words that cannot be a pre-noun modifier (keeps "and critics say" from grabbing "and").
_NOT_MODIFIER = (
    r"(?:and|or|but|the|a|an|that|which|who|whom|whose|of|to|in|on|at|by|for|with|from|as|is|are|was|"
    r"were|be|been|have|has|had|it|its|this|these|those|their|his|her|our|your|my|we|they|he|she|i|you|"
    r"not|no|so|than|then|there|here|when|while|if|because|say|says|said)\b"
)
_MOD = rf"(?!(?i:{_NOT_MODIFIER}))[A-Za-z][a-z-]+"
# Lowercase modifiers accepted when capitalised as the first word of a sentence ("Legal experts say").
_INITIAL_WORDS = frozenset(
    """
    legal medical health political economic independent outside foreign security industry financial
    climate environmental public military intelligence education conservative liberal progressive
    prominent leading top senior academic scientific local national international global longtime
    veteran former policy market tech technology privacy energy nutrition mental some many most several
    other others various numerous countless certain few experts critics observers analysts commentators
    pundits scholars historians researchers scientists economists academics specialists strategists
    skeptics sceptics detractors opponents proponents supporters advocates defenders insiders watchers
    theorists ethicists psychologists doctors physicians lawyers plenty people a an one another more
    """.split()
)

_ORG_WORDS = (
    r"Department|Dept|Agency|Institute|Institution|University|College|School|Center|Centre|Bureau|"
    r"Office|Commission|Council|Administration|Foundation|Association|Ministry|Service|Board|Authority|"
    r"Corporation|Company|Committee|Court|Police|Congress|Senate|Pentagon|Census|Survey|Organization|"
    r"Organisation|Society|Laboratory|Laboratories|Hospital|Clinic|Fund|Bank|Reserve|Fed|Party|Campaign|"
    r"Group|Trust|Project|Coalition|Alliance|Network|Times|Post|Journal|News|Press|Reuters|Gallup|Pew|"
    r"Academy|Academies|Forum|Lab|Labs|Inc|Corp|Ltd|LLC|Cabinet|Parliament|Government|Embassy|Army|Navy|"
    r"Force|Guard|House|Ministry|Secretariat"
)
_ORG_RE = re.compile(rf"\b(?:{_ORG_WORDS})\b|\b[A-Z]{{2,6}}s?\b|\b(?:[A-Z]\.){{2,4}}")

_DESCRIBED_RE = re.compile(
    r"\b(?:anonymity|anonymously|not\s+authori[sz]ed|unauthori[sz]ed|(?:declined|asked|requested)\s+not\s+to\s+be\s+"
    r"(?:named|identified)|not\s+permitted|familiar\s+with|knowledgeable\s+about|briefed\s+on|"
    r"close\s+to|with\s+(?:direct\s+)?knowledge\s+of|involved\s+in|privy\s+to)\b",
    re.I,
)
# Speech attributed to someone in the same sentence: a passive inside it is the speaker's hedge.
_NAMED_SPEECH_RE = re.compile(r"\b(?:said|says|told|writes|wrote|according\s+to)\b", re.I)
_SPEECH = r"said|says|told|noted|notes|added|adds|argued|argues|explained|insisted|claimed|wrote|writes|warned|stressed"
# The finding sits in someone else's reported speech: "He noted that experts say ...", "..., Smith said."
_SPEECH_BEFORE_RE = re.compile(
    rf"\b(?:{_SPEECH})\b(?:\s+[\w’'-]+){{0,3}}?\s+that\b|\b(?:{_SPEECH})\s*[,:]", re.I
)
_SPEECH_AFTER_RE = re.compile(
    rf",\s*(?:(?:[A-Z][\w.’'-]*|of|the)\s+){{1,5}}(?:{_SPEECH})\b|,\s*(?:he|she|they|I|we)\s+(?:{_SPEECH})\b|"
    rf",\s*(?:{_SPEECH})\s+[A-Z]|\baccording\s+to\s+(?:the\s+)?[A-Z]"
)
# "..., including Sen. Ward," / "such as Dr. Chen" / "like Lawrence Summers": the group is exemplified.
_EXEMPLIFIED_RE = re.compile(
    r"\b(?:including|such\s+as|like|among\s+them|led\s+by|notably)\s+(?:the\s+)?[A-Z]"
)

# ---------------------------------------------------------------------------------------------------
# Patterns. Each has a group "span" (the reported text).

_WEASEL_SUBJECT = re.compile(
    rf"(?P<span>(?:(?i:{_QUANT})\s+)?(?:{_MOD}\s+){{0,2}}(?P<noun>(?i:{_GROUP_NOUNS}))"
    rf"(?:\s+of(?:\s+[\w’'-]+){{1,3}}?)?\s+{_AUXES}(?i:{_SAY_VERBS}))\b"
)
_WEASEL_QUANT_NOUN = re.compile(
    rf"(?P<span>(?i:{_QUANT})\s+(?:{_MOD}\s+)?(?i:{_QUANT_ONLY_NOUNS})\s+{_AUXES}(?i:{_PEOPLE_VERBS}))\b"
)
_WEASEL_SINGULAR = re.compile(
    rf"(?P<span>(?i:one|an|another)\s+(?:{_MOD}\s+){{0,2}}(?i:{_SINGULAR_GROUP})\s+{_AUXES}(?i:{_SAY_VERBS}))\b"
)
_WEASEL_BARE = re.compile(rf"(?P<span>(?i:{_BARE_QUANT})\s+{_AUXES}(?i:{_BARE_VERBS}))\b")
# ", say critics" / "argue some experts" -- an inverted speech tag closing a clause.
_WEASEL_INVERTED = re.compile(
    rf"(?P<span>(?i:say|says|said|argue|argues|argued|contend|contends|claim|claims|note|notes|warn|warns|"
    rf"insist|insists|believe|believes|suggest|suggests)\s+(?:(?i:{_QUANT})\s+)?(?:{_MOD}\s+){{0,2}}"
    rf"(?i:{_GROUP_NOUNS}|{_BARE_QUANT}))(?:\s+of\s+(?:[a-z][\w’'-]*\s+){{0,3}}?[a-z][\w’'-]*)?"
    rf"(?=\s*(?:[.,;:!?)—–]|$))"
)
# "a view shared by many policymakers", "viewed by some as", "according to (some) experts"
_WEASEL_AGENT = re.compile(
    rf"(?P<span>(?P<lead>\b(?i:shared|held|expressed|voiced|echoed|disputed|questioned|criticized|"
    rf"criticised|praised|dismissed|derided|(?P<as>believed|considered|seen|regarded|viewed|described))\s+by|"
    rf"\b(?i:according\s+to))\s+(?:(?P<q>(?i:{_QUANT}))(?P<qnoun>(?:\s+{_MOD}){{0,2}}\s+[a-z][a-z-]+s)?|"
    rf"(?:{_MOD}\s+){{0,2}}(?i:{_GROUP_NOUNS}))\b)"
)

_PASSIVE_ADV = (
    r"widely|generally|commonly|often|sometimes|frequently|now|also|long|increasingly|still|broadly|"
    r"popularly|traditionally|universally|largely"
)
_PASSIVE_VERBS = (
    r"believed|thought|said|reported|claimed|alleged|rumou?red|argued|suggested|estimated|feared|"
    r"understood|assumed|whispered|speculated"
)
_PASSIVE_ADV_ONLY_VERBS = (
    r"known|accepted|considered|regarded|acknowledged|agreed|recognized|recognised|held|seen"
)
_IT_PASSIVE = re.compile(
    rf"(?P<span>\b(?i:it)\s+(?i:is|was|'s|’s|has\s+been|had\s+been|has\s+long\s+been|is\s+being)\s+"
    rf"(?:(?i:{_PASSIVE_ADV})\s+(?i:{_PASSIVE_VERBS}|{_PASSIVE_ADV_ONLY_VERBS})|"
    rf"(?i:{_PASSIVE_VERBS})(?=\s*(?:that\b|,)))|"
    rf"\b(?i:there\s+(?:are|were|have\s+been)\s+(?:unconfirmed\s+|widespread\s+|persistent\s+)?"
    rf"(?:reports|rumou?rs|claims|suggestions)\s+that))\b"
)
_SUBJ_PASSIVE = re.compile(
    rf"(?P<span>\b(?i:is|are|was|were|been|being)\s+(?:(?i:{_PASSIVE_ADV})\s+)?"
    rf"(?:(?i:said|believed|thought|rumou?red|reputed|understood|claimed)\s+to|"
    rf"(?i:reported|alleged)\s+to(?=\s+(?:be|have)\b)))(?=\s+(?P<next>[\w’'-]+))"
)
_SUBJ_PASSIVE_ADV = re.compile(
    r"(?P<span>\b(?i:is|are|was|were|been|being)\s+(?i:widely|generally|commonly|broadly|popularly|"
    r"universally)\s+(?i:regarded|considered|seen|viewed|acknowledged|accepted|believed|thought|"
    r"described|hailed|recognized|recognised|credited|blamed|known))\b"
)
_REPORTEDLY = re.compile(r"(?P<span>\b(?i:reportedly|purportedly|rumou?redly))\b")
_ACCORDING_REPORTS = re.compile(
    r"(?P<span>\b(?:(?i:according\s+to)\s+(?:(?i:some|many|most|several|various|numerous|multiple|"
    r"unconfirmed|media|news|press|published|recent|local|early|initial)\s+){0,2}(?i:reports|accounts)|"
    r"(?i:by\s+(?:some|many|most|several|all)\s+(?:accounts|estimates))|"
    r"(?i:(?:media|news|press|published|unconfirmed|initial|early)\s+)?(?i:reports)\s+"
    r"(?i:say|said|suggest|suggested|indicate|indicated|claim|claimed)))\b"
)

_ANON_NOUNS = (
    r"sources?|officials?|insiders?|person|people|individuals?|spokesm[ae]n|spokeswom[ae]n|"
    r"spokespersons?|spokespeople|aides?|staffers?|diplomats?|advisers?|advisors?"
)
_ANON_DETS = (
    r"a|an|one|two|three|four|five|six|several|some|multiple|numerous|other|various|many|a\s+few|few|"
    r"another|\d+"
)
# Ranks and credibility words: they say nothing about whom the source works for.
_ANON_RANKS = (
    r"senior|top|high-ranking|high-level|ranking|unnamed|anonymous|knowledgeable|informed|reliable|"
    r"well-placed|trusted|current|former|longtime|key|junior|mid-level"
)
_ANON_VERBS = (
    r"said|say|says|told|tell|tells|confirmed|confirm|confirms|added|indicated|revealed|disclosed|"
    r"acknowledged|suggested|claimed|insisted|warned|estimated|believe|believed"
)
_ANON_SUBJECT = re.compile(
    rf"(?P<span>(?:(?P<det>(?i:{_ANON_DETS}))\s+)?(?:(?P<rank>(?i:{_ANON_RANKS}))\s+){{0,2}}"
    rf"(?P<noun>(?i:{_ANON_NOUNS}))\s+(?:(?i:also|later|privately|previously|have|has|had|earlier)\s+){{0,2}}"
    rf"(?i:{_ANON_VERBS}))\b"
)
_ANON_INVERTED = re.compile(
    rf"(?P<span>(?i:said|says|told|added|according\s+to)\s+(?:(?P<det>(?i:{_ANON_DETS}))\s+)?"
    rf"(?:(?P<rank>(?i:{_ANON_RANKS}))\s+){{0,2}}(?P<noun>(?i:{_ANON_NOUNS})))\b"
    rf"(?=\s*(?:[.,;:!?)—–]|$))"
)
_PERSON_NOUNS = frozenset("person people individual individuals".split())
# Research write-ups quote participants, who are anonymous by design.
_RESEARCH_CONTEXT = re.compile(
    r"\b(?:participants?|interview(?:s|ed|ees?|ing)?|respondents?|usability|attendees?|focus\s+groups?|"
    r"user\s+research|research\s+sessions?)\b",
    re.IGNORECASE,
)
_STAFF_NOUNS = frozenset(
    """
    aide aides staffer staffers diplomat diplomats adviser advisers advisor advisors spokesman spokesmen
    spokeswoman spokeswomen spokesperson spokespersons spokespeople
    """.split()
)

_STUDY_NOUNS = r"studies|study|research|report|paper|analysis|analyses|experiment|trial|evidence"
_SURVEY_NOUNS = r"polls?|surveys?|polling"
_SURVEY_RE = re.compile(_SURVEY_NOUNS, re.I)
# Words that turn the noun into a modifier: "research firm", "poll workers", "study group".
_NOT_HEAD = (
    r"firms?|groups?|centers?|centres?|institutes?|teams?|company|companies|organi[sz]ations?|assistants?|"
    r"associates?|directors?|projects?|programs?|programmes?|arms?|units?|labs?|methods?|questions?|"
    r"results|findings|shops?|outfits?|agency|agencies|services?|fellows?|scientists?|staff|stations?|"
    r"workers?|takers?|numbers|averages?|aggregators?|places?|sites?|booths?|data|participants?|"
    r"subjects?|design|funding|grants?|papers?|areas?|topics?|interests?|tax|taxes|committees?|panels?"
)
_EVIDENCE_VERBS = (
    r"show|shows|showed|shown|suggest|suggests|suggested|find|finds|found|indicate|indicates|indicated|"
    r"prove|proves|proved|proven|demonstrate|demonstrates|demonstrated|confirm|confirms|confirmed|"
    r"reveal|reveals|revealed|conclude|concludes|concluded|point\s+to|points\s+to|pointed\s+to|"
    r"say|says|said|estimate|estimates|estimated|tell\s+us|tells\s+us|link|links|linked|put|puts"
)
_STUDY_DETS = (
    r"a|an|one|another|some|several|many|numerous|multiple|recent|new|other|various|previous|past|"
    r"earlier|independent|countless|a\s+growing\s+body\s+of|a\s+body\s+of|a\s+wealth\s+of|"
    r"a\s+large\s+body\s+of|a\s+number\s+of|a\s+series\s+of|a\s+handful\s+of|a\s+spate\s+of|"
    r"mounting|growing|more|most|latest|early|the\s+latest|the\s+most\s+recent|the\s+newest"
)
_BARE_STUDY_NOUNS = frozenset("studies research polls surveys polling analyses".split())
# Subject: determiners, up to three modifiers, the noun, a short post-modifier, then the verb.
_EVIDENCE_SUBJECT = re.compile(
    rf"(?P<span>(?P<det>(?:(?i:{_STUDY_DETS})\s+){{0,3}})(?P<mods>(?:[\w’'.-]+\s+){{0,3}}?)"
    rf"(?P<noun>(?i:{_STUDY_NOUNS}|{_SURVEY_NOUNS}))\b(?!\s+(?i:{_NOT_HEAD})\b)"
    rf"(?P<post>[^.;:!?\n]{{0,80}}?)\s+"
    rf"(?:(?i:have|has|had|also|consistently|repeatedly|now|clearly|generally|all|recently)\s+){{0,2}}"
    rf"(?P<verb>(?i:{_EVIDENCE_VERBS})))\b"
)
_ACCORDING_EVIDENCE = re.compile(
    rf"(?P<span>\b(?i:according\s+to|citing)\s+(?P<det>(?:(?i:{_STUDY_DETS})\s+){{0,3}})"
    rf"(?P<mods>(?:[\w’'.-]+\s+){{0,3}}?)(?P<noun>(?i:{_STUDY_NOUNS}|{_SURVEY_NOUNS}))\b"
    rf"(?!\s+(?i:{_NOT_HEAD})\b))(?P<post>[^.;:!?\n]{{0,80}})"
)
_OWN_RE = re.compile(r"\b(?i:our|your|my|their|his|her|its|the|this|that|these|those|user|internal|own)\b")
_STUDY_NAMED_RE = re.compile(
    r"\b(?:published|conducted|commissioned|released|led|funded|sponsored|carried\s+out|run|journal|"
    r"university|institute)\b|\bby\s+(?:the\s+)?[A-Z]|\bfrom\s+(?:the\s+)?[A-Z]",
    re.I,
)
_TRAILING_CITATION_RE = re.compile(
    r"\baccording\s+to\s+(?:the\s+)?[A-Z]|\((?:[^()]{0,80}\b(?:19|20)\d\d|[A-Z][^()]{0,80})\)"
)

_POP_NOUNS = (
    r"voters|residents|americans|adults|people|citizens|parents|children|kids|students|teachers|workers|"
    r"employees|consumers|households|patients|women|men|taxpayers|families|seniors|veterans|teens|"
    r"teenagers|youth|young\s+people|millennials|homeowners|renters|drivers|smokers|doctors|nurses|"
    r"physicians|businesses|companies|republicans|democrats|independents|britons|canadians|europeans|"
    r"girls|boys|immigrants|users|shoppers|readers|viewers|listeners|customers|respondents|members|"
    r"travelers|travellers|commuters|riders|passengers|tenants|retirees|graduates|applicants|farmers|owners|buyers|the\s+public|"
    r"the\s+population|the\s+electorate|the\s+country|the\s+nation|the\s+workforce|latinos|hispanics|"
    r"catholics|christians|evangelicals|muslims|jews|youngsters"
)
_NUM_WORD = r"one|two|three|four|five|six|seven|eight|nine|ten|\d+"
_PROPORTION = (
    rf"\d+(?:\.\d+)?\s*(?:%|(?i:percent|per\s+cent)\b)|(?i:(?:one|two|three|four)[-\s](?:thirds?|quarters?|"
    rf"fourths?|fifths?|tenths?))|(?i:half|a\s+third|a\s+quarter|a\s+fifth|a\s+tenth|a\s+(?:slim\s+|narrow\s+|"
    rf"clear\s+|large\s+|solid\s+|vast\s+|small\s+|bare\s+)?(?:majority|plurality|minority))|"
    rf"(?i:(?:{_NUM_WORD})\s+(?:in|out\s+of)\s+(?:{_NUM_WORD}))"
)
_APPROX = (
    r"nearly|almost|about|roughly|around|approximately|more\s+than|over|under|less\s+than|fewer\s+than|"
    r"just\s+over|just\s+under|close\s+to|some|at\s+least|up\s+to|well\s+over|barely|only|just"
)
_STATISTIC = re.compile(
    rf"(?P<span>(?:\b(?i:{_APPROX})\s+)?(?<![\w.,])(?:(?:{_PROPORTION})\s+of|"
    rf"(?i:(?:{_NUM_WORD})\s+(?:in|out\s+of)\s+(?:{_NUM_WORD})))\s+(?:(?i:all|the|u\.s\.|american|"
    rf"registered|likely|eligible|young|older|adult|working|low-income|black|white|hispanic|latino|female|"
    rf"male|local|rural|urban|college|those|these|surveyed|polled)\s+){{0,3}}"
    rf"(?i:{_POP_NOUNS}))\b"
)
_PROPORTION_RE = re.compile(rf"(?<![\w.,])(?:{_PROPORTION})")
# Any of these in the statistic's sentence or the one before gives it a source.
_STAT_SOURCE_RE = re.compile(
    r"\b(?:according|said|says|say|saying|told|tells|reported|reports|report|found|finds|find|shows?|"
    r"showed|estimates?|estimated|surveys?|surveyed|polls?|polled|polling|study|studies|data|census|"
    r"analysis|research|researchers|figures|statistics|respondents|interviewed|asked|published|"
    r"calculated|tally|count|counted|measured|recorded)\b|\ufffc|\((?:[^()]{0,60}\b(?:19|20)\d\d)\)",
    re.I,
)
# Any of these earlier in the paragraph, or in the previous one, means the passage reports a data set
# whose source was given once (news style: "A Quinnipiac poll released Tuesday found ... Just 30 percent").
_STAT_CONTEXT_RE = re.compile(
    r"\b(?:polls?|polling|surveys?|study|studies|census|report|data|according\s+to|exit\s+polls?)\b|\ufffc",
    re.I,
)

# Words of the patterns themselves may be capitalised at the start of a sentence without naming anyone.
_PATTERN_WORDS = frozenset(
    re.findall(
        r"[a-z]+",
        " ".join(
            (
                _QUANT,
                _GROUP_NOUNS,
                _SINGULAR_GROUP,
                _QUANT_ONLY_NOUNS,
                _BARE_QUANT,
                _ANON_NOUNS,
                _ANON_DETS,
                _ANON_RANKS,
                _STUDY_NOUNS,
                _SURVEY_NOUNS,
                _STUDY_DETS,
                _APPROX,
                _PASSIVE_ADV,
            )
        ).replace("\\s", " "),
    )
)
_INITIAL_WORDS = (
    _INITIAL_WORDS
    | _PATTERN_WORDS
    | {w[:-1] for w in _PATTERN_WORDS if w.endswith("s")}
    | set(
        """
        it there reports spokesman spokeswoman spokesperson media news press according by based citing
        published unconfirmed initial early
        """.split()
    )
)

# Anchors: keyword searches over an ASCII-lowercased copy of the paragraph (case-sensitive lowercase
# alternations are several times faster in ``re`` than case-insensitive ones).
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_GROUP_ANCHOR = re.compile(rf"\b(?:{_GROUP_NOUNS}|{_SINGULAR_GROUP})\b")
_QUANT_NOUN_ANCHOR = re.compile(rf"\b(?:{_QUANT_ONLY_NOUNS})\b")
_BARE_ANCHOR = re.compile(rf"\b(?:{_BARE_QUANT})\b")
_INVERTED_ANCHOR = re.compile(rf"\b(?:{_GROUP_NOUNS}|{_BARE_QUANT})\b")
_AGENT_ANCHOR = re.compile(r"\b(?:by|according\s+to)\s")
_ANON_ANCHOR = re.compile(rf"\b(?:{_ANON_NOUNS})\b")
_EVIDENCE_ANCHOR = re.compile(rf"\b(?:{_STUDY_NOUNS}|{_SURVEY_NOUNS})\b")
_STAT_ANCHOR = re.compile(
    r"\d|\b(?:half|thirds?|quarters?|fourths?|fifths?|tenths?|majority|plurality|minority)\b|"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out)\b"
)

_PREV_WORD_RE = re.compile(r"([\w’'-]+)\s*$")
_BOUNDARY_CHARS = frozenset(",;:—–([\"“”'‘’" + _OBJ)
_QUOTE_CLOSERS = {"“": "”", "«": "»", "„": "“"}
_CAPITAL_RE = re.compile(r"[A-Z][\w’'&.-]*")
_NEXT_WORD_RE = re.compile(r"(?<![\w’'-])[\w’'-]")


# ---------------------------------------------------------------------------------------------------
# Helpers


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges inside double quotation marks: curly, guillemets, straight, or doubled apostrophes ('').

    An unclosed quotation runs to the end of the paragraph (news style for quotes spanning paragraphs).
    """
    ranges: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _QUOTE_CLOSERS:
            j = text.find(_QUOTE_CLOSERS[ch], i + 1)
        elif ch == '"':
            j = text.find('"', i + 1)
        elif ch in "'`" and text.startswith(("''", "``"), i):
            j = text.find("''", i + 2)
            j = -1 if j == -1 else j + 1
        else:
            i += 1
            continue
        end = n if j == -1 else j + 1
        ranges.append((i, end))
        i = end
    return ranges


def _matches(
    pattern: re.Pattern[str], text: str, lo: int = 0, hi: int | None = None
) -> Iterator[re.Match[str]]:
    """Leftmost match at every word start where one begins, overlaps included.

    ``finditer`` resumes after a match, so a match the caller rejects (say "what many analysts said",
    which starts on the wrong word) would hide the one that starts a word later ("many analysts said").
    """
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


def _anchored(pattern: re.Pattern[str], anchor: re.Pattern[str], p: _Paragraph) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` near the hits of ``anchor`` (a cheap keyword search for the head noun).

    The subject patterns start with optional modifiers, so running them over a whole paragraph tries
    every word as a start; searching only a window of the sentence around each head noun keeps the
    cost proportional to the number of candidate nouns. ``\\b`` and look-behinds still see the text
    before the window, so results are the same as a full search.
    """
    text = p.text
    windows: list[list[int]] = []
    for a in anchor.finditer(p.low):
        _, s, e = p.sentence(a.start())
        lo = max(s, a.start() - _WINDOW_BEFORE)
        if lo > s:
            space = text.find(" ", lo, a.start())
            lo = a.start() if space == -1 else space + 1
        hi = min(e, a.end() + _WINDOW_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)  # overlapping windows are searched once
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        yield from _matches(pattern, text, lo, hi)


_CONTEXT = 600  # characters of sentence context examined on either side of a finding
_WINDOW_BEFORE = 100  # longest determiner + modifier run before a head noun
_WINDOW_AFTER = 160  # longest post-modifier + auxiliaries + verb after it (and the look-aheads)


def _clause_start(text: str, sent_start: int, pos: int) -> bool:
    """True when ``pos`` begins a clause: sentence start, after punctuation, or after a conjunction."""
    before = text[sent_start:pos].rstrip()
    if not before or before[-1] in _BOUNDARY_CHARS:
        return True
    m = _PREV_WORD_RE.search(before)
    return bool(m) and m.group(1).lower() in _CLAUSE_OPENERS


def _has_proper_word(text: str, start: int, end: int, sent_start: int) -> bool:
    """True when a capitalised word within [start, end) looks like a name.

    The first word of the sentence (or of a clause after a colon/dash/quote) is capitalised for
    grammatical reasons, so it only counts when it is not a common lowercase word of these patterns.
    """
    for m in _CAPITAL_RE.finditer(text, start, end):
        pos = m.start()
        if pos > 0 and text[pos - 1].isalnum():
            continue
        head = text[sent_start:pos].rstrip(" \"“‘'(")
        if (not head or head[-1] in ":—") and m.group(0).lower().rstrip(".,") in _INITIAL_WORDS:
            continue
        return True
    return False


# ---------------------------------------------------------------------------------------------------
# Main entry point


class _Paragraph:
    """Per-call state: the text, its sentences and quotations."""

    def __init__(self, text: str, previous_text: str, sentences: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.low = text.translate(_ASCII_LOWER)  # same length and offsets as text
        self.previous_text = previous_text
        self.sentences = (split_sentences(text) if sentences is None else sentences) or [(0, len(text))]
        self.sent_starts = [s for s, _ in self.sentences]
        self.quotes = _quoted_ranges(text)
        self.quote_starts = [s for s, _ in self.quotes]
        self._sourced: dict[int, bool] = {}

    def sentence(self, pos: int) -> tuple[int, int, int]:
        """(index, start, end) of the sentence holding ``pos``.

        Clipped to ``_CONTEXT`` characters either side of ``pos`` so that the per-finding context checks
        stay bounded on run-on "sentences" (tables, lists without punctuation).
        """
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

    def has_source(self, k: int) -> bool:
        """Whether sentence ``k`` names any source (memoised: statistics often come in runs)."""
        if k not in self._sourced:
            s, e = self.sentences[k]
            self._sourced[k] = _mentions_source(self.text[s:e])
        return self._sourced[k]

    def reported_speech(self, start: int, end: int) -> bool:
        """True when [start, end) lies in speech attributed to someone else in the same sentence."""
        _, s, e = self.sentence(start)
        return bool(
            _SPEECH_BEFORE_RE.search(self.text, s, start) or _SPEECH_AFTER_RE.search(self.text, end, e)
        )

    def quoted(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quote_starts, pos) - 1
        return k >= 0 and self.quotes[k][0] <= pos < self.quotes[k][1]


def find_vague_sourcing(
    text: str,
    *,
    categories: set[str] | None = None,
    previous_text: str = "",
    sentences: list[tuple[int, int]] | None = None,
) -> list[Finding]:
    """Find vague attributions in one paragraph of prose.

    ``categories`` restricts the result to those keys of :data:`CATEGORIES` (all when ``None``).
    ``previous_text`` may carry the end of the previous paragraph; it is consulted when a finding in
    the first sentence needs the sentence before it (statistics, officials of a named agency).
    ``sentences`` are the text's sentence spans when the caller already has them (the shared analysis).
    Findings are sorted by offset and never overlap.
    """
    if categories is not None:
        unknown = set(categories) - CATEGORIES.keys()
        if unknown:
            raise ValueError(f"unknown vague-sourcing categories: {sorted(unknown)}")
    wanted = set(CATEGORIES) if categories is None else set(categories)
    if not wanted or not text.strip():
        return []
    para = _Paragraph(text, previous_text, sentences)
    found: list[tuple[int, int, str]] = []
    if "weasel-source" in wanted:
        found += _weasel(para)
    if "passive-attribution" in wanted or "anonymous-source" in wanted:
        found += _passive(para)
    if "anonymous-source" in wanted:
        found += _anonymous(para)
    if "unnamed-study" in wanted or "unnamed-survey" in wanted:
        found += _evidence(para)
    if "unsourced-statistic" in wanted:
        found += _statistics(para)
    findings = [
        Finding(s, e, cat, text[s:e])
        for s, e, cat in found
        if cat in wanted and not para.quoted(s) and not para.reported_speech(s, e)
    ]
    return _dedupe(findings)


def _weasel(p: _Paragraph) -> list[tuple[int, int, str]]:
    text = p.text
    out = []
    for pattern in (_WEASEL_SUBJECT, _WEASEL_QUANT_NOUN, _WEASEL_SINGULAR, _WEASEL_BARE):
        anchor = {_WEASEL_BARE: _BARE_ANCHOR, _WEASEL_QUANT_NOUN: _QUANT_NOUN_ANCHOR}.get(
            pattern, _GROUP_ANCHOR
        )
        matches = _anchored(pattern, anchor, p)
        for m in matches:
            start, end = m.span("span")
            _, s, e = p.sentence(start)
            if not _clause_start(text, s, start) or _has_proper_word(text, start, end, s):
                continue
            if _OBJ in text[s:e] or _EXEMPLIFIED_RE.search(text, end, e):
                continue
            out.append((start, end, "weasel-source"))

    for m in _anchored(_WEASEL_INVERTED, _INVERTED_ANCHOR, p):
        start, end = m.span("span")
        _, s, e = p.sentence(start)
        before = text[s:start].rstrip()
        if not before or before[-1] not in ",”\"—–'":
            continue
        if _OBJ in text[s:e] or _has_proper_word(text, start, end, s) or _EXEMPLIFIED_RE.search(text, end, e):
            continue
        out.append((start, end, "weasel-source"))

    for m in _anchored(_WEASEL_AGENT, _AGENT_ANCHOR, p):
        start, end = m.span("span")
        _, s, e = p.sentence(start)
        after = text[end:e]
        if m.group("q") and not m.group("qnoun"):
            # "according to some." is vague; "according to some Democrats" / "some of his rivals" is not
            # something this pattern can judge.
            if not re.match(r"\s*(?:[.,;:!?)—–]|$)", after):
                continue
        if m.group("as") and not re.match(r"(?:\s+[a-z][\w-]*){0,3}?\s+as\b", after):
            continue  # "seen by many" is literal unless it goes on "... as ..."
        if re.match(r"\s*,?\s*(?:at|from|with|in|of)\s+(?:the\s+)?[A-Z]", after):
            continue
        if _OBJ in text[s:e] or _EXEMPLIFIED_RE.search(text, end, e) or _has_proper_word(text, start, end, s):
            continue
        out.append((start, end, "weasel-source"))
    return out


def _passive(p: _Paragraph) -> list[tuple[int, int, str]]:
    text = p.text
    out = []
    for pattern in (_IT_PASSIVE, _SUBJ_PASSIVE, _SUBJ_PASSIVE_ADV, _REPORTEDLY):
        for m in _matches(pattern, text):
            start, end = m.span("span")
            _, s, e = p.sentence(start)
            if _OBJ in text[s:e]:
                continue
            if _NAMED_SPEECH_RE.search(text[s:start]) or _NAMED_SPEECH_RE.search(text, end, e):
                continue  # inside someone's reported speech: their hedge, not the writer's
            if pattern is _SUBJ_PASSIVE and m.group("next").lower() in _NOT_INFINITIVE:
                continue  # "what was said to the press"
            if pattern is not _REPORTEDLY and re.match(
                r"\s*,?\s*by\s+(?!(?:some|many|most|several|others)\b)", text[end:e], re.I
            ):
                continue  # an agent follows: "it is believed by the county engineer"
            out.append((start, end, "passive-attribution"))

    for m in _matches(_ACCORDING_REPORTS, text):
        start, end = m.span("span")
        _, s, e = p.sentence(start)
        after = text[end : end + 80]
        if _OBJ in text[s:e] or _has_proper_word(text, start, end, s):
            continue
        if re.match(r"\s*,?\s*(?:by|from|in|at|of|on|with)\s+(?:the\s+)?[A-Z\u00c0-\u024f]", after):
            continue
        out.append((start, end, "passive-attribution"))
    return out


_NOT_INFINITIVE = frozenset(
    """
    the a an him her them me us you his their its my our your this that these those police reporters
    someone anyone everyone
    """.split()
)


def _anonymous(p: _Paragraph) -> list[tuple[int, int, str]]:
    text = p.text
    out = []
    for pattern in (_ANON_SUBJECT, _ANON_INVERTED):
        for m in _anchored(pattern, _ANON_ANCHOR, p):
            start, end = m.span("span")
            k, s, e = p.sentence(start)
            noun = m.group("noun").lower()
            det = (m.group("det") or "").lower()
            rank = (m.group("rank") or "").lower()
            if noun in _PERSON_NOUNS and not re.fullmatch(r"\d+|one|two|three|four|five|six|a|an", det):
                continue  # "people said" / "many people said" reports a crowd, not a source
            if noun in _PERSON_NOUNS and (
                _RESEARCH_CONTEXT.search(text) or _RESEARCH_CONTEXT.search(p.previous_text[-1500:])
            ):
                continue  # "one person said" among interview or test participants: anonymous by design
            if noun in _STAFF_NOUNS and not (det or rank):
                continue  # bare "aides said" points back to someone already named
            if pattern is _ANON_SUBJECT:
                if not _clause_start(text, s, start):
                    continue
            else:
                before = text[s:start].rstrip()
                if not before or before[-1] not in ",”\"—–'":
                    continue
            if _has_proper_word(text, start, end, s):
                continue
            sentence = text[s:e]
            if _OBJ in sentence or _DESCRIBED_RE.search(sentence):
                continue
            if re.search(r"\bwho\b", text[end:e]) and pattern is _ANON_INVERTED:
                continue
            if noun.startswith(("official", "spokes")) or noun in _STAFF_NOUNS:
                # An agency named in this or the previous sentence tells whose officials or aides they are.
                if _ORG_RE.search(sentence, 1) or _ORG_RE.search(p.previous_sentence(k)):
                    continue
            if noun in _STAFF_NOUNS and _has_proper_word(text, s, e, s):
                continue  # "Clinton, a top aide said, ..." -- the aide's principal is named
            out.append((start, end, "anonymous-source"))
    return out


def _evidence(p: _Paragraph) -> list[tuple[int, int, str]]:
    text = p.text
    out = []
    for pattern in (_EVIDENCE_SUBJECT, _ACCORDING_EVIDENCE):
        for m in _anchored(pattern, _EVIDENCE_ANCHOR, p):
            start, end = m.span("span")
            _, s, e = p.sentence(start)
            noun = m.group("noun").lower()
            det = m.group("det").strip().lower()
            mods = m.group("mods")
            post = m.group("post")
            if pattern is _EVIDENCE_SUBJECT:
                if not det:
                    # Bare subject: plural/mass nouns only, unmodified, at a clause start.
                    if noun not in _BARE_STUDY_NOUNS or mods.strip():
                        continue
                    if not _clause_start(text, s, m.start("noun")):
                        continue
                elif not _clause_start(text, s, start):
                    continue
                if noun in {"evidence", "research", "polling"} and re.fullmatch(r"(?:a|an|one|another)", det):
                    continue
                if re.search(r"\b(?:and|but|that|which|who|while|because|if|when)\b|,(?!\d)|[()]", post):
                    continue  # the verb belongs to another clause
                subject_end = m.start("verb")
            else:
                if not det and noun not in _BARE_STUDY_NOUNS:
                    continue  # "according to the report" points back to a report already named
                subject_end = m.end("post")
            if _OBJ in text[s:e] or _OWN_RE.search(mods):
                continue  # "our research", "the polls", "user research": the writer's own or already named
            if _has_proper_word(text, start, subject_end, s) or _STUDY_NAMED_RE.search(
                text, start, subject_end
            ):
                continue
            if _TRAILING_CITATION_RE.search(text, end, e):
                continue
            if re.search(r"\bcase\s+stud", text[max(0, start - 6) : end], re.IGNORECASE):
                continue  # "use X as a case study": a worked example, not a cited study
            category = "unnamed-survey" if _SURVEY_RE.fullmatch(noun) else "unnamed-study"
            out.append((start, end, category))
    return out


def _statistics(p: _Paragraph) -> list[tuple[int, int, str]]:
    text = p.text
    out = []
    for m in _anchored(_STATISTIC, _STAT_ANCHOR, p):
        start, end = m.span("span")
        k, s, e = p.sentence(start)
        if p.has_source(k) or (k == 0 and _mentions_source(p.previous_sentence(0))):
            continue
        if k > 0 and p.has_source(k - 1):
            continue
        prev = p.previous_sentence(k)
        lookback = max(0, s - _CONTEXT)
        if _STAT_CONTEXT_RE.search(text, lookback, s) or _STAT_CONTEXT_RE.search(p.previous_text[-1500:]):
            continue
        if _PROPORTION_RE.search(text, lookback, start) or (prev and _PROPORTION_RE.search(prev)):
            continue  # a run of figures: only its first statistic needs the source

        out.append((start, end, "unsourced-statistic"))
    return out


def _mentions_source(sentence: str) -> bool:
    return bool(sentence) and bool(_STAT_SOURCE_RE.search(sentence) or _ORG_RE.search(sentence, 1))


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Sort by offset; drop any finding that overlaps one kept before it (the longer wins a tie)."""
    findings.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Finding] = []
    for f in findings:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out
