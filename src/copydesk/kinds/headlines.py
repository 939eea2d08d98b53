"""Headline kinds: a headline repeated in one draft, the same headline on two drafts, case-style drift.

Similarity comes from :mod:`copydesk.analysis.headlines` (normalisation of case, quotes, ``U.S.``, outlet
suffixes; token overlap plus a character ratio), tuned on human-scored headline pairs.
"""

from __future__ import annotations

import re

from ..diagnostics import Finding, Located
from ..rules import Kind, Option
from ._common import KindError

#: Scopes that carry a draft's headline: its title, top-level headings and plain-text headline lines.
HEADLINE_SCOPES = ("frontmatter.title", "heading.h1", "heading.h2", "heading.plain")


def _span(block):
    text = block.text
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    return block.source_span(lead, lead + len(body)), body


#: Front-matter keys that make a page a redirect stub: its title names another page, not this one.
REDIRECT_KEYS = ("redirect_to", "redirect_url", "redirect_from_to", "external_url")


def is_redirect_stub(doc) -> bool:
    """A page that only forwards readers elsewhere (``redirect_to``, ``layout: redirect``) or has no body."""
    fm = doc.frontmatter or {}
    if any(fm.get(k) for k in REDIRECT_KEYS):
        return True
    if str(fm.get("layout", "")).strip().lower() in ("redirect", "redirected"):
        return True
    if fm and not any(b.scope.split(".", 1)[0] != "frontmatter" and b.text.strip() for b in doc.blocks):
        return True  # front matter only: nothing on the page repeats the title
    return False


_QUESTION_WORDS = frozenset(
    "what why how who whom whose when where which is are was were does do did can could should will would".split()
)


#: Question words that take a contracted "is" ("What's", "Whats").
_CONTRACTED = frozenset("what who where how when why".split())


def question_lead(text: str) -> str | None:
    """How a headline asks, if it does: its question word and the word after it ('what is', 'how to',
    'how can'), '?' for another question, None for a statement. 'What is X?' and 'An introduction to
    X' head different things; so do 'What is X?' and 'What are the costs of X?', or 'How to start X'
    and 'How do I get started with X?'."""
    words = [w.strip("\"'“‘”’(?:").lower() for w in text.split()]
    if words:
        # A contracted question word ("Who's", "What’s") asks as "Who is" does.
        m = re.match(r"(.*?)['’](s|re|ve|d|ll)$", words[0])
        first = m.group(1) if m else words[0]
        contraction = m.group(2) if m is not None else None
        if first.endswith("s") and first[:-1] in _CONTRACTED:
            first, contraction = first[:-1], "s"  # "Whats changed": the apostrophe left out
        if first in _QUESTION_WORDS:
            if contraction in ("s", "re"):
                return f"{first} {'is' if contraction == 's' else 'are'}"  # "What's new" asks "What is new"
            # "Why we're leaving" asks as "Why we left" does: the second word without its contraction.
            second = [re.sub(r"['’](?:s|re|ve|d|ll|m)$", "", w) for w in words[1:2]]
            return " ".join([first, *second])
    return "?" if text.rstrip().rstrip("\"'”’)").endswith("?") else None


class _Cand:
    """One headline candidate: where it stands (source span, line), its role, its features once.

    ``level`` is the heading level (0: not a heading), ``parent`` the index in ``doc.blocks`` of the
    nearest heading above it of a higher level (sections repeat their sub-headings: "Steps to take"
    under each topic), ``words`` its normalised words with the small ones kept ("before the meeting" /
    "after the meeting" differ only there) and ``lead`` its question word.
    """

    __slots__ = (
        "start",
        "end",
        "text",
        "line",
        "role",
        "feats",
        "level",
        "parent",
        "words",
        "lead",
        "outline",
        "head_norms",
        "fwords",
        "revisit",
        "meta",
        "part",
        "qualified",
        "divider",
        "keys",
        "lookups",
        "gerund",
        "howto",
        "label",
    )

    def __init__(self, start, end, text, line, role, feats, level=0, parent=-1, canon=None):
        from ..analysis.headlines import _stem

        self.start, self.end, self.text, self.line, self.role, self.feats = (
            start,
            end,
            text,
            line,
            role,
            feats,
        )
        self.level, self.parent = level, parent
        self.outline: tuple = ()  # the headings right under it, for parallel sections
        canon = canon or {}
        self.words = frozenset(canon.get(s, s) for s in map(_stem, feats.norm.split()))
        self.lead = question_lead(text)
        self.head_norms: tuple = ()  # normalised text before a trailing " – Suffix" (or two), if any
        # The small words that tell two otherwise alike headings apart ("Before the vote" / "After the vote").
        self.fwords = frozenset(w for w in feats.norm.split() if w in _CONTRAST_WORDS)
        self.revisit = None  # content tokens left when a revisit phrase ("recap") is taken off
        self.meta = False  # the front-matter title or an HTML <title>: not printed on the page
        self.part = 0  # how many part dividers ("Part 2: ...") come before it
        self.divider = False  # it opens a numbered part itself ("Day 3: Read the runbooks")
        self.keys: frozenset = frozenset()  # spelling keys of a sub-heading (see spelling_keys)
        self.lookups: frozenset = frozenset()  # the keys under which it finds earlier sub-headings
        # Led by a verb in -ing ("Installing the CLI"): it says what "How to install the CLI" says.
        first = text.split(None, 1)[0] if text.strip() else ""
        self.gerund = self.lead is None and len(first) >= 6 and first.isalpha() and first.endswith("ing")
        self.howto = None  # for a "How to ..." heading, the features of its words after "How to"
        self.qualified = None  # normalised text before a trailing ", qualifier" or "(qualifier)", if any
        self.label = False  # a line set in bold, italics or capitals: a label, not a headline set apart


def headline_candidates(
    doc, scope, lexicon, min_words: int, min_subheading_words: int | None = None, revisit=()
):
    """Every line of a draft that reads as a headline, in order, with its role.

    Roles: ``title`` (front-matter title, h1, the first plain-text headline), ``masthead`` (h1 and
    headline-like lines before the first body paragraph, including a headline restated on the very next
    line of a plain-text draft with no blank line between), ``heading`` (h2 and below anywhere, a later
    h1) and ``echo`` (a one-line, headline-shaped paragraph further down, which can repeat a headline but
    is never compared with other headings). A heading below the headline with fewer than ``min_words``
    but at least ``min_subheading_words`` words ("Breaking changes") has the role ``short`` once the
    body has begun: it is compared only with other sub-headings, and only for the same words.
    """
    from ..analysis.headlines import _features, _tokens_of_normalized, normalize_headline, without_suffix
    from ..parsers.text import is_byline_line, is_headline_line

    def headline_line(line: str) -> bool:
        # A line led by a tag ("<p>The district is banning ...<br>") is body copy with its markup left
        # in, not a headline: a tag is no heading marker (a raw <h2> aside).
        return is_headline_line(line) and not _TAG_LED_RE.match(line)

    src = doc.source
    out: list[_Cand] = []
    skip_title = is_redirect_stub(doc)
    in_masthead = True
    seen_title = False
    open_headings: list[tuple[int, int]] = []  # (level, block index) of the headings above
    # Raw HTML headings in Markdown (<h2 id="...">) are section boundaries too: (start, level, id).
    html_heads = [
        (s, int(m.group(1)), -2 - k, _html_part(doc.text, m.end(), e))
        for k, (s, e) in enumerate(doc.ranges("html_block"))
        if (m := _HTML_HEADING_RE.match(doc.text, s, e))
    ]
    hh = 0
    part = 0  # part dividers seen ("Part 2: Reporting requirements"): a guide's parallel parts
    # A template container ({{< accordion kicker="Day 2" >}} ... {{< /accordion >}}) holds a part too:
    # the headings of two containers are parallel sections ("Second session" on each day).
    containers = _container_starts(doc)
    cc = 0

    def open_heading(level: int, ident: int) -> int:
        while open_headings and open_headings[-1][0] >= level:
            open_headings.pop()
        parent = open_headings[-1][1] if open_headings else -1
        open_headings.append((level, ident))
        return parent

    def add(block, lo: int, hi: int, role: str, parent: int = -1) -> None:
        text = block.text[lo:hi]
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        n_words = len(body.split())
        if n_words < min_words:
            if role != "heading" or min_subheading_words is None or n_words < min_subheading_words:
                return
            if in_masthead:
                return  # a short heading before the body is the draft's title block, not a section
            role = "short"
        s, e = block.source_span(lo + lead, lo + lead + len(body))
        feats = _features(body, lexicon)
        cand = _Cand(s, e, body, src.line_of(s), role, feats, block.level, parent, lexicon.canon)
        cand.meta = block.scope == "frontmatter.title"
        if role == "echo":
            raw = re.sub(r"^<p\b[^>]*>\s*", "", src.line_text(cand.line).strip())
            cand.label = raw.startswith(_EMPHASIS_OPENERS) or (body.upper() == body and body.lower() != body)
        if cand.lead == "how to":
            rest = _HOW_TO_RE.sub("", body, count=1)
            cand.howto = _features(rest, lexicon) if rest.strip() else None
        cand.part = part
        cand.divider = block.is_heading and _PART_DIVIDER_RE.match(body) is not None
        if block.is_heading:
            cand.outline = outline_below(doc.blocks, bi)
        if role in ("heading", "short"):
            cand.keys = spelling_keys(body, feats.norm, lexicon.canon)
            cand.lookups = frozenset(_key_lookups(cand.keys))
            m = _QUALIFIER_RE.match(body)
            if m is not None and len((m.group(2) or m.group(3)).split()) <= 4:
                cand.qualified = normalize_headline(m.group(1), lexicon.outlet_words) or None
        head = without_suffix(body)
        if head is not None:
            # Up to two suffixes ("Power cut hits city centre – Live updates – The Times").
            second = without_suffix(head)
            cand.head_norms = tuple(
                normalize_headline(h, lexicon.outlet_words) for h in (head, second) if h is not None
            )
        if revisit and role in ("heading", "short"):
            norm = feats.norm
            for phrase in revisit:
                if norm.endswith(" " + phrase):
                    rest = norm[: -len(phrase) - 1]
                elif norm.startswith(phrase + " "):
                    rest = norm[len(phrase) + 1 :]
                else:
                    continue
                canon = lexicon.canon or {}
                toks = frozenset(canon.get(t, t) for t in _tokens_of_normalized(rest, lexicon))
                if toks:
                    cand.revisit = toks
                break
        out.append(cand)

    plain_text = doc.format == "text"
    for bi, block in enumerate(doc.blocks):
        root = block.scope.split(".", 1)[0]
        if html_heads and block.runs:
            at = block.source_extent[0]
            while hh < len(html_heads) and html_heads[hh][0] < at:
                open_heading(html_heads[hh][1], html_heads[hh][2])
                part += html_heads[hh][3]
                hh += 1
        if containers and block.runs:
            at = block.source_extent[0]
            while cc < len(containers) and containers[cc] < at:
                part += 1
                cc += 1
        if block.scope == "frontmatter.title":
            if not skip_title and block.matches_scope(scope):
                add(block, 0, len(block.text), "title")
                seen_title = True
            continue
        if block.is_heading:
            level = block.level or 1
            parent = open_heading(level, bi)
            if _PART_DIVIDER_RE.match(block.text):
                part += 1
            if not block.matches_scope(scope):
                continue
            if block.scope == "heading.plain" and _TAG_LED_RE.match(block.text):
                continue
            # Plain-text headline lines carry no level a writer chose: before the body they are all
            # masthead lines. In Markdown and HTML only an h1 is a headline; an h2 starts a section.
            top = block.scope == "heading.plain" or (block.scope == "heading.h1" and level == 1)
            if top and (in_masthead or not seen_title):
                add(block, 0, len(block.text), "title" if not seen_title else "masthead", parent)
                seen_title = True
            else:
                add(block, 0, len(block.text), "heading", parent)
            continue
        if root not in ("paragraph", "list_item", "blockquote", "table_cell"):
            continue
        text = block.text
        if root == "paragraph" and in_masthead and plain_text:
            # A plain-text masthead can be several headline lines with no blank line between them
            # (in Markdown, lines of one paragraph are one wrapped paragraph).
            lines = text.split("\n")
            k = 0
            while k < len(lines) and headline_line(lines[k]):
                k += 1
            # One headline line counts as the title when more headline lines follow, a headline came
            # before, or a byline or dateline follows it ("Posted by ... on 21 February").
            if k and (out or k >= 2 or (k < len(lines) and is_byline_line(lines[k]))):
                pos = 0
                for ln in lines[:k]:
                    add(block, pos, pos + len(ln), "masthead" if seen_title else "title")
                    seen_title = True
                    pos += len(ln) + 1
            if k == len(lines):
                continue  # headline lines only: the masthead goes on
            in_masthead = False
            continue
        if root == "paragraph" and "\n" not in text.strip() and headline_line(text) and out:
            add(block, 0, len(text), "echo")
            continue
        in_masthead = False
    return out


_HOW_TO_RE = re.compile(r"\s*how\s+to\s+", re.I)
_HTML_HEADING_RE = re.compile(r"\s*<h([1-6])\b", re.I)
#: A sub-heading with a qualifier set off at its end: "What worked, in the end", "Costs (continued)".
_QUALIFIER_RE = re.compile(r"(.*?\w.*?)\s*(?:,\s*([^,()]*\w[^,()]*)|\(([^()]*\w[^()]*)\))\s*$")
#: A line that starts with an HTML tag other than a heading's (``<p>``, ``<br>``, ``</div>``).
_TAG_LED_RE = re.compile(r"\s*</?(?!h[1-6]\b)[A-Za-z][\w-]*(?:\s[^<>]*)?/?>", re.I)
_TAG_RE = re.compile(r"<[^<>]*>")
_SHORTCODE_RE = re.compile(r"\{\{[<%]-?\s*(/?)\s*([\w-]+)")


def _html_part(text: str, start: int, end: int) -> bool:
    """The raw HTML heading whose tag name ends at ``start`` opens a numbered part ("Part 2: ...")."""
    gt = text.find(">", start, end)
    inner = _TAG_RE.sub(" ", text[gt + 1 : min(end, gt + 400)]) if gt >= 0 else ""
    return _PART_DIVIDER_RE.match(inner) is not None


def _container_starts(doc) -> list[int]:
    """Offsets of the template containers that hold a section: a paired shortcode such as
    ``{{< accordion ... >}}`` ... ``{{< /accordion >}}`` (Hugo, Liquid-like syntax) with a heading
    inside. A container without a heading (``{{< note >}}``) is a box in the text, not a part."""
    spans = doc.ranges("template")
    if not spans:
        return []
    import bisect

    text = doc.text
    opened: dict[str, list[int]] = {}
    pairs = []
    for s, e in spans:
        m = _SHORTCODE_RE.match(text, s, e)
        if m is None:
            continue
        if m.group(1):
            stack = opened.get(m.group(2))
            if stack:
                pairs.append((stack.pop(), s))
        else:
            opened.setdefault(m.group(2), []).append(s)
    if not pairs:
        return []
    heads = [b.source_extent[0] for b in doc.blocks if b.is_heading and b.runs]
    out = []
    for lo, hi in pairs:
        i = bisect.bisect_right(heads, lo)
        if i < len(heads) and heads[i] < hi:
            out.append(lo)
    return sorted(out)


#: A heading that opens a numbered part of a long guide ("Part 2: Reporting Requirements", "Chapter IV",
#: "Module 3 - Testing"). Two parts often give their sections the same names (metrics described in part
#: one, implemented in part two): a sub-heading repeated in another part is a parallel section.
_PART_DIVIDER_RE = re.compile(
    r"\s*(?:part|chapter|module|unit|book|volume|section|phase|stage|lesson|session|day|week)\s+"
    r"(?:\d+|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.I,
)


_ATTR_LIST_RE = re.compile(r"\s*\{[^{}]*\}\s*$")
_OUTLINE_WORD_RE = re.compile(r"[^\W_]+")


def outline_below(blocks, bi: int, limit: int = 12) -> tuple:
    """The texts of the headings directly inside heading ``blocks[bi]``'s section (up to ``limit``)."""
    level = blocks[bi].level or 1
    out = []
    for i in range(bi + 1, len(blocks)):  # by index: a slice would copy the rest of the draft per heading
        b = blocks[i]
        if not b.is_heading or b.scope == "frontmatter.title":
            continue
        if (b.level or 1) <= level:
            break
        # Compared as words: emphasis, punctuation and a trailing {#id .class} attribute list left out.
        text = _ATTR_LIST_RE.sub("", b.text.lower())
        out.append(" ".join(_OUTLINE_WORD_RE.findall(text)))
        if len(out) >= limit:
            break
    return tuple(out)


def same_section_repeat(a: _Cand, b: _Cand, min_overlap: float = 0.75) -> bool:
    """Two sub-headings that can be one printed twice: same level under the same parent heading, and
    their words, small ones included, mostly shared ("Before the meeting" / "After the meeting" are two
    sections)."""
    if a.level != b.level or a.parent != b.parent:
        return False
    if a.outline and a.outline == b.outline:
        return False  # parallel entries with the same outline ("Agencies" > Question, Answer; twice)
    union = a.words | b.words
    return bool(union) and len(a.words & b.words) / len(union) >= min_overlap


#: Small words, left out of the content words, that tell two headings with the same content words apart
#: when one has a word of a pair and the other its opposite ("Before the vote" / "After the vote").
_CONTRAST_PAIRS = (
    ("before", "after"), ("with", "without"), ("in", "out"), ("on", "off"), ("up", "down"),
    ("over", "under"), ("above", "below"), ("for", "against"), ("pre", "post"), ("inside", "outside"),
    ("into", "out"), ("to", "from"), ("during", "after"), ("during", "before"), ("more", "less"),
    ("most", "least"), ("first", "last"), ("old", "new"),
)  # fmt: skip
_CONTRAST_WORDS = frozenset(w for pair in _CONTRAST_PAIRS for w in pair) | {"am", "pm"}
#: "10:00 update" and "10:00 am update" are two times of a live blog: on one side only, these differ.
_CLOCK_WORDS = frozenset({"am", "pm"})


def _contrasted(a: frozenset[str], b: frozenset[str]) -> bool:
    """One side has a small word of a contrast pair that the other lacks, and the other its opposite."""
    if a == b:
        return False
    for x, y in _CONTRAST_PAIRS:
        if (x in a and x not in b and y in b and y not in a) or (
            y in a and y not in b and x in b and x not in a
        ):
            return True
    return False


def same_words(a: _Cand, b: _Cand) -> bool:
    """Two sub-headings at one level under one parent heading that are one heading printed twice in other
    order, spelling or voice: the same content words once word forms, British/American spellings,
    hyphens and synonym groups are folded ("Upgrade notes" / "Notes on upgrading", "Plan for quarry
    opposed by residents" / "Residents oppose quarry plan"), or the same words once spaces, hyphens and an
    outlet suffix are taken out ("Follow-up steps" / "Followup steps"). Both ask the same way (or neither
    asks), neither has a small word whose opposite the other has ("Before the vote" / "After the vote"),
    and two entries with the same outline of headings under them are parallel, not repeats."""
    pair = as_pair(a, b)
    if a.level != b.level or a.parent != b.parent or pair is None:
        return False
    if a.outline and a.outline == b.outline:
        return False
    fa, fb = pair
    if _contrasted(a.fwords, b.fwords) or (a.fwords ^ b.fwords) & _CLOCK_WORDS:
        return False  # "Before the vote" / "After the vote"; "10:00 update" / "10:00 am update"
    if len(fa.tokens) >= 2 and fa.tokens == fb.tokens:
        return True
    if fa.norm.replace(" ", "") == fb.norm.replace(" ", "") and any(ch.isalpha() for ch in fa.norm):
        return True
    return fa.norm in b.head_norms or fb.norm in a.head_norms


_ARTICLES = frozenset(("the", "a", "an"))
#: Small words left out of a heading's initials ("Questions and answers" -> "qa", "R&D").
_INITIALS_SKIP = frozenset(("and", "of", "the", "a", "an", "for", "to", "in", "on", "with"))
#: A heading that is one acronym: capitals with an ampersand between ("FAQ", "Q&A", "R&D"), a plural s.
_ACRONYM_HEADING_RE = re.compile(r"([A-Z](?:&?[A-Z]){1,5})s?")


def spelling_keys(text: str, norm: str, canon: dict | None) -> frozenset[str]:
    """Keys under which two spellings of one sub-heading meet: its words (a leading article and "and"
    out) stemmed, synonym groups folded and written together ("Set-up" / "Setup", "Log in" / "Login",
    "Data centre outages" / "Datacenter outages", "The verdict" / "Verdict", "Jewellery and watches" /
    "Jewelry & watches"), the same words run together before stemming ("Trouble-shooting" /
    "Troubleshooting"), and its initials against a heading that is one acronym ("Frequently Asked
    Questions" / "FAQ", "Research and development" / "R&D"). Keys start "w:" (words), "a:" (an acronym)
    or "i:" (initials); a word key meets the same word key, an acronym the same initials."""
    from ..analysis.headlines import _stem

    canon = canon or {}
    words = norm.split()
    while words and words[0] in _ARTICLES:
        words = words[1:]
    content = [w for w in words if w != "and"]
    if not content:
        return frozenset()
    keys = {"w:" + "".join(canon.get(t, t) for t in map(_stem, content))}
    joined = "".join(content)
    if len(content) > 1 and joined.isalpha():
        stem = _stem(joined)
        keys.add("w:" + canon.get(stem, stem))
    if len(content) >= 2 and all(w.isalpha() for w in content):
        keys.add("p:" + " ".join(w[:3] for w in content))  # clipped words: "Env vars"
    m = _ACRONYM_HEADING_RE.fullmatch(text.strip())
    if m is not None:
        keys.add("a:" + m.group(1).replace("&", "").lower())
    elif 2 <= len(words) <= 6:
        initials = "".join(w[0] for w in words if w not in _INITIALS_SKIP and w[0].isalpha())
        if len(initials) >= 2:
            keys.add("i:" + initials)
    return frozenset(keys)


def _key_lookups(keys: frozenset[str]) -> tuple[str, ...]:
    """The keys under which a heading with ``keys`` finds earlier headings: the same word keys, and
    initials for an acronym (an acronym for initials)."""
    flip = {"a": "i:", "i": "a:", "p": "p:"}
    return tuple(flip.get(k[0], "w:") + k[2:] for k in keys)


def spellings_meet(a: _Cand, b: _Cand) -> bool:
    """Two sub-headings that are one heading spelt two ways (see :func:`spelling_keys`), or with words
    clipped (:func:`clipped`)."""
    meet = a.keys & b.lookups
    if any(k[0] != "p" for k in meet):
        return True
    return bool(meet) and clipped(a.feats.norm, b.feats.norm)


def clipped(a: str, b: str) -> bool:
    """Two headings of two words or more, word for word alike but for words clipped on one side ("Env
    vars" / "Environment variables", "Config options" / "Configuration options"): each clipped word has
    three letters or more, under half the full word's, and starts it (a plural s aside); the other
    words are the same once stemmed. One-word headings are left alone ("Data" / "Database" head two
    sections)."""
    from ..analysis.headlines import _stem

    wa = [w for w in a.split() if w not in _ARTICLES and w != "and"]
    wb = [w for w in b.split() if w not in _ARTICLES and w != "and"]
    if len(wa) != len(wb) or len(wa) < 2:
        return False
    cut = 0
    for x, y in zip(wa, wb, strict=True):
        if _stem(x) == _stem(y):
            continue
        short, full = (x, y) if len(x) < len(y) else (y, x)
        if short.endswith("s") and not full.startswith(short):
            short = short[:-1]
        if len(short) < 3 or 2 * len(short) >= len(full) or not full.startswith(short):
            return False
        cut += 1
    return cut > 0


def _adjacent(cands, i: int, j: int) -> bool:
    """No sibling heading (same level, same parent) stands between candidates ``i`` and ``j``."""
    a = cands[j]
    return not any(cands[k].level == a.level and cands[k].parent == a.parent for k in range(i + 1, j))


def as_pair(a: _Cand, b: _Cand):
    """The features to compare two headlines by, or None when they ask different things: the same way
    of asking (or neither asks) compares them as written; "How to install the CLI" against "Installing
    the CLI" (a heading led by a verb in -ing says how to do it) compares the words after "How to"."""
    if a.lead == b.lead:
        return a.feats, b.feats
    if a.lead == "how to" and b.lead is None and b.gerund and a.howto is not None:
        return a.howto, b.feats
    if b.lead == "how to" and a.lead is None and a.gerund and b.howto is not None:
        return a.feats, b.howto
    return None


def _parallel(a: _Cand, b: _Cand) -> bool:
    """Not two headings of one section list: another level, parent or way of asking, the same outline
    under each (parallel entries), or a small word of opposite sense ("Before ..." / "After ...")."""
    if a.level != b.level or a.parent != b.parent or as_pair(a, b) is None:
        return True
    if a.outline and a.outline == b.outline:
        return True
    return _contrasted(a.fwords, b.fwords) or bool((a.fwords ^ b.fwords) & _CLOCK_WORDS)


def adds_title_words(a: _Cand, b: _Cand, title_tokens) -> bool:
    """Two sub-headings at one level under one parent heading where one is the other with words of the
    draft's own title added ("What changes for residents" / "What Changes for Alder Bay Residents" under
    a title about Alder Bay): words the whole draft is about tell no section from another. The shorter
    keeps two content words or more, and an added figure or date makes another section ("Costs in
    2025")."""
    if not title_tokens or a.level != b.level or a.parent != b.parent:
        return False
    # The same way of asking; the word after the question word may be one of the title's ("What
    # readers get" / "What Greenvale readers get").
    if (a.lead or "").split(" ", 1)[0] != (b.lead or "").split(" ", 1)[0]:
        return False
    if (a.outline and a.outline == b.outline) or _contrasted(a.fwords, b.fwords):
        return False
    ta, tb = a.feats.tokens, b.feats.tokens
    small, big = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if len(small) < 2 or not small < big:
        return False
    extra = big - small
    return extra <= title_tokens and not any(t[:1].isdigit() for t in extra)


#: Content words two sentence-like sub-headings must share to be one reworded (see reworded_statement).
_MIN_REWORDED = 4


def reworded_statement(a: _Cand, b: _Cand) -> bool:
    """Two sentence-like sub-headings at one level under one parent heading that say the same in
    another word order or voice, with at most one content word more or less ("Fire destroys historic
    barn near Greenleigh" / "Historic Greenleigh barn destroyed by fire"): both are statements, they
    share at least four content words (word forms and related words folded: "approves" / "approval"),
    one side has at most one content word the other lacks and the other none, the two are not the same
    words in the same order with a word inserted ("Image shortcode with alt tag" / "Legacy image
    shortcode with alt tag" names another thing), and the extra word is no figure or name."""
    if a.lead is not None or b.lead is not None or _parallel(a, b):
        return False
    ta, tb = a.feats.tokens, b.feats.tokens
    if min(len(ta), len(tb)) < _MIN_REWORDED - 1:
        return False
    shared = ta & tb
    only_a, only_b = ta - shared, tb - shared
    if len(only_a) + len(only_b) > 3 or len(shared) < _MIN_REWORDED - 2:
        return False
    if only_a and only_b:
        from ..analysis.headlines import related_pairs

        for x, y in related_pairs(only_a, only_b):
            only_a, only_b = only_a - {x}, only_b - {y}
            shared = shared | {x}
    if len(shared) < _MIN_REWORDED or (only_a and only_b) or len(only_a | only_b) > 1:
        return False
    extra = only_a | only_b
    if any(t[:1].isdigit() for t in extra) or extra & (a.feats.names | b.feats.names):
        return False
    # The same words in the same order with one word put in is a narrower thing, not a rewording.
    wa = [w for w in a.feats.norm.split() if w]
    wb = [w for w in b.feats.norm.split() if w]
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    it = iter(long_)
    return not all(w in it for w in short)


class _TokenIndex:
    """Candidates by content token (and by normalised text), so each new headline is compared only
    with earlier ones it shares a word with: a draft of thousands of headings stays near-linear."""

    def __init__(self, max_bucket: int = 200) -> None:
        self.by_token: dict[str, list[int]] = {}
        self.by_norm: dict[str, list[int]] = {}
        self.max_bucket = max_bucket

    def add(self, i: int, feats, keys=()) -> None:
        for t in feats.tokens:
            self.by_token.setdefault(t, []).append(i)
        self.by_norm.setdefault(feats.norm, []).append(i)
        for k in keys:
            self.by_norm.setdefault(k, []).append(i)  # spelling keys start "w:", "a:" or "i:": no norm does

    def candidates(self, feats, keys=()) -> set[int]:
        found = set(self.by_norm.get(feats.norm, ()))
        for k in keys:
            found.update(self.by_norm.get(k, ()))
        for t in feats.tokens:
            bucket = self.by_token.get(t, ())
            if len(bucket) <= self.max_bucket:
                found.update(bucket)
        return found


def frames_a_section(prev: _Cand, c: _Cand, section_words: frozenset[str]) -> bool:
    """A heading that takes the headline's subject and frames a section around it ("About the X",
    "Highlights of X", "Our new X"): it has a framing word the headline does not."""
    return bool((c.words - prev.words) & section_words)


def adds_light_noun(a: _Cand, b: _Cand, light_nouns: frozenset[str]) -> bool:
    """Two sub-headings at one level under one parent where one is the other with a light head noun
    added at the end ("The pilot" / "The pilot project"): a noun such as 'project' or 'scheme' that
    names the same thing in more words. Only a final noun from ``light_nouns`` counts: "The API" /
    "The API key" head two sections. The words kept may change number ("Diversions" / "Diversion
    routes") and the noun may follow "of" ("Timeline" / "Timeline of events")."""
    if not light_nouns or a.level != b.level or a.parent != b.parent or a.lead != b.lead:
        return False
    if a.outline and a.outline == b.outline:
        return False
    from ..analysis.headlines import _stem

    wa, wb = a.feats.norm.split(), b.feats.norm.split()
    short, long_ = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    if not (a.feats.tokens and b.feats.tokens) or not short:
        return False
    added = len(long_) - len(short)
    if added == 2 and long_[-2] == "of":
        pass
    elif added != 1:
        return False
    head = long_[: len(short)]
    if head != short and [_stem(w) for w in head] != [_stem(w) for w in short]:
        return False
    return _stem(long_[-1]) in light_nouns


#: A heading opened by a label or a number ("HHS: ...", "Day 3: ...", "2. ..."): an item of a list of
#: parallel sections, each taking one part of the title, not the title restated.
_LABELED_RE = re.compile(r"\s*(?:\d+[.):]|[^\s:]+\s*:|\w+\s+(?:\d+|[ivxlc]+)\s*[:.)-])", re.I)
#: Share of a heading's content words (weighted) that the title must have, and of the title's that the
#: heading must have, for a heading that shares ``paraphrase_min_shared`` words to restate the title.
_PARAPHRASE_COVER_HEADING = 0.45
_PARAPHRASE_COVER_TITLE = 0.35
#: Weight of a word of ``common_words`` (a word not on the list weighs 1).
_COMMON_WEIGHT = 0.5


#: A one-line paragraph set as a headline with a kicker: words, a colon, words, no full stop at the end
#: ("Pool shut for June: swimmers sent to Kessock").
_KICKER_RE = re.compile(r"[^:.!?]*\w[^:.!?]*\s[^:.!?]*:\s+\S+\s[^:.!?]*\w")


#: How a line set in bold or italics opens in Markdown or HTML source.
_EMPHASIS_OPENERS = ("**", "__", "*", "_", "<strong", "<b>", "<em", "<i>", "<b ", "<i ")


#: Words of a kicker that points elsewhere or adds a note rather than heads the story ("Also read",
#: "See also", "Watch", "Editor's note", "Photo credit").
_POINTER_WORDS = frozenset(
    "read see watch listen related more also update updated note editor photo photos credit source via "
    "previously earlier recommended coverage background sponsored advertisement click subscribe".split()
)


def kicker_restates(title: _Cand, c: _Cand, common: frozenset[str]) -> bool:
    """A one-line paragraph further down set as a headline with a kicker ("Pool shut for June: swimmers
    sent to Kessock") that says the title again: a statement with words on both sides of one colon and
    no end stop, sharing two content words or more with the title, one of them no word of ``common``,
    and no figure that tells another event."""
    if c.label or not _KICKER_RE.fullmatch(c.text.strip()) or _LABELED_RE.match(c.text):
        return False
    if set(re.findall(r"[a-z]+", c.text.split(":", 1)[0].lower())) & _POINTER_WORDS:
        return False  # a pointer to another page or a note ("Also read: ...", "Editor's note: ...")
    if "?" in c.text or "?" in title.text:
        return False
    # A title led by "What we learned ..." or "How we ..." is a statement here too.
    fa, fb = as_pair(title, c) or (title.feats, c.feats)
    shared = fa.tokens & fb.tokens
    if len(shared) < 2 or not (shared - common):
        return False
    return not (fa.numbers and fb.numbers and _numbers_clash(fa.numbers, fb.numbers))


def _word_run(a: list[str], b: list[str]) -> tuple[int, int]:
    """Start in ``a`` and length of the longest run of words ``a`` and ``b`` have in the same order."""
    best = (0, 0)
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            if k > best[1]:
                best = (i, k)
    return best


def _numbers_clash(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sets of figures and dates that tell of different events: of one kind (years and calendar words;
    other figures), both sides have some and neither side's are all on the other. A year on one side
    and a count on the other ("first rise in seven years" / "first rise since 2017") do not clash."""
    for kind in (_is_date, lambda t: not _is_date(t)):
        xa, xb = {t for t in a if kind(t)}, {t for t in b if kind(t)}
        if xa and xb and not (xa <= xb or xb <= xa):
            return True
    return False


def _is_date(token: str) -> bool:
    return not token[:1].isdigit() or (len(token) == 4 and token[:2] in ("19", "20") and token.isdigit())


def restates_title(
    title: _Cand, c: _Cand, min_shared: int, common: frozenset[str], canon: dict, related: bool = False
) -> bool:
    """A heading further down that says again what the title says in other words ("Maplestead council
    caps e-scooter fleets at 600" / "Council limits rental scooter numbers to 600 per company").

    Both are statements (no question word), the heading is no labelled or numbered item of a list of
    sections ("HHS: ...", "Day 3: ..."), they share at least ``min_shared`` content words (word forms
    and synonym groups folded), those shared words weigh at least 0.45 of the heading's words and 0.35
    of the title's (a word of ``common`` weighs half: two headings of one site share "federal" or
    "data" more often than a name), neither has a figure, date, person or place the other contradicts
    nor a word whose opposite the other has, and the shared words are spread over the sentence rather
    than one phrase lifted from the title: at most half of them lie in the longest run of words the two
    have in the same order ("Accessible Video Players" under "508 Accessible Videos: Use Compliant Video
    Players" names a part of the title's subject)."""
    from ..analysis.headlines import _opposed

    pair = as_pair(title, c)
    if pair is None or (title.lead is not None and title.lead == c.lead):
        return False  # two questions; a how-to against a heading led by a verb in -ing is a statement
    fa, fb = pair
    ta, tb = fa.tokens, fb.tokens
    shared = ta & tb
    if len(c.text.split()) < 4 or _LABELED_RE.match(c.text):
        return False
    if len(shared) < min_shared and not related:
        return False
    # One template told of two events: different figures or dates, a person or place on each side that
    # the other lacks ("18 killed in Iraq" / "9 killed in Kirkuk"), or opposite words (wins / loses).
    if fa.numbers and fb.numbers and _numbers_clash(fa.numbers, fb.numbers):
        return False
    if (fa.names - tb) and (fb.names - ta):
        return False
    if fa.polar and fb.polar and _opposed(fa.polar, fb.polar):
        return False
    # Words of one sense or derivation in WordNet count as shared ("shut" / "closes", "closure" / "close").
    in_a, in_b = shared, shared
    pairs = []
    if related and min(len(ta), len(tb)) >= min_shared:
        from ..analysis.headlines import related_pairs

        rest_a = {t for t in ta - shared if not t[:1].isdigit()}
        rest_b = {t for t in tb - shared if not t[:1].isdigit()}
        pairs = related_pairs(rest_b, rest_a) if rest_a and rest_b else []
        if pairs:
            in_b = shared | {x for x, _ in pairs}
            in_a = shared | {y for _, y in pairs}
    if len(in_b) < min_shared:
        return False

    def weight(tokens) -> float:
        return sum(_COMMON_WEIGHT if t in common else 1.0 for t in tokens)

    if weight(in_b) < _PARAPHRASE_COVER_HEADING * weight(tb) or weight(
        in_a
    ) < _PARAPHRASE_COVER_TITLE * weight(ta):
        return False
    from ..analysis.headlines import _stem

    def words(feats) -> list[str]:
        return [canon.get(t, t) for t in map(_stem, feats.norm.split())]

    wc = words(fb)
    start, length = _word_run(wc, words(fa))
    return 2 * len(set(wc[start : start + length]) & shared) <= len(in_b)


def find_repeats(
    cands,
    opts,
    allow_title_echo: bool,
    plain_text: bool = True,
    section_words=frozenset(),
    light_nouns=frozenset(),
    common_words=frozenset(),
    canon=None,
    related: bool = False,
):
    """Tuples (earlier, later, score, restated) where the later candidate repeats the earlier one;
    ``restated`` is true for a heading found by :func:`restates_title` alone.

    * a masthead line or a title against every earlier title and masthead line at ``threshold``;
    * a heading or echo further down against the draft's titles and masthead lines at ``body_threshold``
      (a mid-article heading that rewords the headline, or repeats it with the outlet's name);
    * a heading against earlier headings at ``subheading_threshold`` (a sub-heading printed twice,
      re-cased or lightly reworded); sibling headings that merely share words stay below it;
    * a heading that restates the title in other words (:func:`restates_title`), when
      ``paraphrase_min_shared`` is set.
    """
    from collections import Counter

    from ..analysis.headlines import _similarity

    heads = _TokenIndex()  # titles and masthead lines
    subs = _TokenIndex()  # later headings
    # A sub-heading printed three times or more under one parent at one level is a recurring label of
    # the template ("Additional resources" after each topic), not a heading printed twice by mistake.
    recurring = Counter((c.parent, c.level, c.feats.norm) for c in cands if c.role in ("heading", "short"))
    min_shared = opts.get("paraphrase_min_shared") or 0
    canon = canon or {}
    out = []
    echoed = False
    title_tokens: set[str] = set()  # the content words of the draft's titles and masthead lines
    for j, c in enumerate(cands):
        best = None
        restated = False  # the best pair is a restatement in other words (below the threshold)
        if c.role in ("title", "masthead"):
            pools = ((heads, opts["threshold"]),)
        elif c.role == "short":
            # A two-word sub-heading repeats another only word for word (case and punctuation aside).
            pools = ((subs, 1.0),)
        elif c.role == "heading":
            pools = ((heads, opts["body_threshold"]), (subs, opts["subheading_threshold"]))
        else:
            # A one-line paragraph further down repeats a headline only when it is (nearly) the same
            # words; in Markdown and HTML it is more often a bold label or a link to the event.
            thr = (
                opts["body_threshold"]
                if plain_text
                else max(opts["body_threshold"], opts["subheading_threshold"])
            )
            pools = ((heads, thr),)
        label = c.role in ("heading", "short") and recurring[(c.parent, c.level, c.feats.norm)] >= 3
        for index, thr in pools:
            if label and index is subs:
                continue
            for i in index.candidates(c.feats, c.lookups if index is subs else ()):
                prev = cands[i]
                if (
                    index is subs
                    and len(c.text.split()) == 1
                    and prev.feats.norm == c.feats.norm
                    and not _adjacent(cands, i, j)
                ):
                    continue  # a one-word label again further on ("Break" in an agenda); twice in a row is a slip
                if index is heads and prev.feats.norm in c.head_norms:
                    score = 1.0  # the headline again with a suffix after a dash or bar, whatever it says
                    if best is None or score > best[2]:
                        best, restated = (i, j, score), False
                    continue
                if index is heads and c.feats.norm in prev.head_norms:
                    score = 1.0  # the headline had the suffix and this line is the headline alone
                    if best is None or score > best[2]:
                        best, restated = (i, j, score), False
                    continue
                if (
                    index is subs
                    and c.revisit is not None
                    and prev.level == c.level
                    and prev.revisit is None
                    and prev.feats.tokens == c.revisit
                    and prev.lead == c.lead
                ):
                    # An earlier sub-heading again with a word that says so ("Beer traps" / "Beer
                    # Traps, Revisited", "Changes to sailings" / "Sailing changes at a glance").
                    if best is None or 1.0 > best[2]:
                        best, restated = (i, j, 1.0), False
                    continue
                if index is subs and prev.part != c.part and not (prev.divider and c.divider):
                    continue  # the same section name in two numbered parts (a divider again is a repeat)
                if (
                    index is subs
                    and c.qualified is not None
                    and prev.qualified is None
                    and prev.level == c.level
                    and prev.parent == c.parent
                    and prev.feats.norm == c.qualified
                ):
                    # An earlier sub-heading again with a qualifier set off after it ("What worked" /
                    # "What Worked, in the End", "Costs" / "Costs (continued)").
                    if best is None or 1.0 > best[2]:
                        best, restated = (i, j, 1.0), False
                    continue
                if index is subs and (
                    (spellings_meet(prev, c) and not _parallel(prev, c))
                    or same_words(prev, c)
                    or adds_title_words(prev, c, title_tokens)
                    or reworded_statement(prev, c)
                ):
                    # The same sub-heading reordered, re-spelled or put in the passive ("Upgrade notes" /
                    # "Notes on upgrading", "Dialing in at home" / "Dialling in at home").
                    if best is None or 1.0 > best[2]:
                        best, restated = (i, j, 1.0), False
                    continue
                if index is subs and adds_light_noun(prev, c, light_nouns):
                    if best is None or 1.0 > best[2]:
                        best, restated = (i, j, 1.0), False
                    continue
                if (
                    index is heads
                    and min_shared
                    and (c.role == "echo" or (plain_text and c.role == "heading"))
                    and kicker_restates(cands[i], c, common_words)
                ):
                    # A line set as a headline with a kicker that says the title again in other words
                    # (a one-line paragraph, or a plain text's heading line: a Markdown or HTML heading
                    # with a colon is more often a section label, "Background: the old system").
                    score = _similarity(cands[i].feats, c.feats)
                    if best is None or score > best[2]:
                        best, restated = (i, j, score), score < thr
                    continue
                pair = as_pair(cands[i], c)
                if pair is None:
                    continue  # a question and a statement, or two questions, head different things
                if index is subs and not same_section_repeat(cands[i], c):
                    continue
                if "short" in (c.role, cands[i].role) and cands[i].feats.norm != c.feats.norm:
                    continue  # a two-word heading repeats or is repeated only word for word
                if (
                    index is heads
                    and c.role in ("heading", "echo")
                    and frames_a_section(cands[i], c, section_words)
                ):
                    continue
                score = _similarity(*pair)
                passed = score >= thr or (
                    index is heads
                    and min_shared
                    and c.role == "heading"
                    and restates_title(cands[i], c, min_shared, common_words, canon, related)
                )  # a restatement is reported with its word-level score, below the threshold
                if passed and (best is None or score > best[2] or (score == best[2] and i < best[0])):
                    best = (i, j, score)
                    restated = score < thr
        if best is not None:
            first = cands[best[0]]
            # An allowed layout: the front-matter title (or an HTML <title>) printed once more as the page's
            # first heading. An h1 printed again as an h2 is a repeat on the page itself.
            if allow_title_echo and not echoed and first.meta and c.role != "title":
                echoed = True
            else:
                out.append((*best, restated))
                continue
        if c.role in ("title", "masthead"):
            heads.add(j, c.feats)
            title_tokens.update(c.feats.tokens)
        elif c.role in ("heading", "short"):
            subs.add(j, c.feats, c.keys)
    return out


class Repeated(Kind):
    """A headline printed twice in one draft, by meaning rather than spelling.

    Titles come from every source a draft has (front matter, h1, the first lines of plain text, the
    headline-like lines before the first paragraph); later headings are compared with those titles and
    with each other. Similarity folds case, punctuation, outlet suffixes and word forms, and counts the
    synonym groups of ``synonyms`` as one word. See :func:`headline_candidates` and :func:`find_repeats`.
    """

    analysis_parts = frozenset()

    name = "headline_repeat"
    default_message = "Headline repeats line %s ('%s', %s%% similar); keep one."
    default_scope = ("frontmatter.title", "heading", "heading.plain")
    options = {
        "threshold": Option("number", 0.6, "similarity (0-1) for repeats among the masthead's headlines"),
        "body_threshold": Option(
            "number", 0.7, "similarity (0-1) between a heading further down and the draft's headline"
        ),
        "subheading_threshold": Option("number", 0.95, "similarity (0-1) between two headings further down"),
        "min_words": Option("int", 3, "ignore headings shorter than this many words"),
        "min_subheading_words": Option(
            "int", 2, "shorter sub-headings still count when printed twice word for word (0: never)"
        ),
        "allow_title_echo": Option(
            "bool", False, "allow the front-matter title once more as the first heading (off: as MD025)"
        ),
        "synonyms": Option("list", [], "synonym groups, one comma-separated group per entry"),
        "section_words": Option(
            "list", [], "words by which a heading frames a section around the headline's subject ('about')"
        ),
        "light_nouns": Option(
            "list",
            [],
            "head nouns that add no meaning to a sub-heading ('The pilot' / 'The pilot project')",
        ),
        "revisit_words": Option(
            "list",
            [],
            "words or phrases by which a later sub-heading returns to an earlier one ('revisited', 'recap')",
        ),
        "outlet_words": Option(
            "list", [], "words that mark a trailing ' - Name' as an outlet or site name (empty: built-in)"
        ),
        "stop_words": Option("list", [], "words left out when headlines are compared (empty: built-in)"),
        "opposites": Option(
            "list",
            [],
            "pairs of opposite words, 'open, close', that tell two headlines apart (empty: built-in)",
        ),
        "number_words": Option("map", {}, "number words read as digits, 'twelve: 12' (empty: built-in)"),
        "equivalents": Option(
            "list", [], "runs of words read as one word, 'twelve months = year' (a span said two ways)"
        ),
        "paraphrase_min_shared": Option(
            "int",
            3,
            "content words a heading must share with the title to restate it in other words (0: off)",
        ),
        "paraphrase_level": Option(
            "str", "suggestion", "level of a heading found restating the title in other words (by meaning)"
        ),
        "common_words": Option(
            "list", [], "words so common in a site's headlines that sharing one counts half ('federal')"
        ),
        "related_words": Option(
            "str",
            "wordnet",
            "words of one sense or derivation count as shared in a restatement: 'wordnet' (the table "
            "shipped with copydesk) or 'none'",
        ),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        from ..analysis.headlines import build_lexicon

        for key in ("threshold", "body_threshold", "subheading_threshold"):
            if not 0 < self.opts[key] <= 1:
                raise KindError(key, f"{key} must be between 0 and 1")
        try:
            self.lexicon = build_lexicon(
                self.opts["synonyms"],
                self.opts["outlet_words"],
                self.opts["stop_words"],
                self.opts["opposites"],
                self.opts["number_words"],
                self.opts["equivalents"],
            )
        except ValueError as exc:
            key = (
                "equivalents"
                if "equivalent" in str(exc)
                else "opposites"
                if "opposite" in str(exc)
                else "number_words"
                if "number" in str(exc)
                else "synonyms"
            )
            raise KindError(key, str(exc)) from None
        from ..analysis.headlines import _stem

        self.section_words = frozenset(
            _stem(w.strip().lower()) for w in self.opts["section_words"] if w.strip()
        )
        self.light_nouns = frozenset(_stem(w.strip().lower()) for w in self.opts["light_nouns"] if w.strip())
        from ..diagnostics import LEVELS

        if self.opts["paraphrase_level"] not in LEVELS:
            levels = ", ".join(LEVELS)
            raise KindError("paraphrase_level", f"paraphrase_level must be one of {levels}")
        if self.opts["related_words"] not in ("wordnet", "none"):
            raise KindError("related_words", "related_words must be 'wordnet' or 'none'")
        if self.opts["paraphrase_min_shared"] < 0:
            raise KindError("paraphrase_min_shared", "paraphrase_min_shared must be 0 or more")
        from ..analysis.headlines import _word_tokens

        canon = self.lexicon.canon or {}
        self.common_words = frozenset(
            canon.get(t, t) for w in self.opts["common_words"] for t in _word_tokens(str(w), self.lexicon)
        )
        from ..analysis.headlines import normalize_headline

        # Normalised like a heading, longest first so "in summary" is taken before "summary".
        phrases = {normalize_headline(str(w)) for w in self.opts["revisit_words"]} - {""}
        self.revisit = tuple(sorted(phrases, key=lambda p: (-len(p), p)))

    def check(self, doc, ctx):
        cands = headline_candidates(
            doc,
            self.rule.scope,
            self.lexicon,
            self.opts["min_words"],
            self.opts["min_subheading_words"] or None,
            self.revisit,
        )
        out = []
        # An HTML page's <title> names the browser tab and is not printed on the page: its h1 may echo it.
        echo_ok = self.opts["allow_title_echo"] or doc.format == "html"
        restated_level = self.opts["paraphrase_level"]
        for i, j, score, restated in find_repeats(
            cands,
            self.opts,
            echo_ok,
            doc.format == "text",
            self.section_words,
            self.light_nouns,
            self.common_words,
            self.lexicon.canon,
            self.opts["related_words"] == "wordnet",
        ):
            prev, c = cands[i], cands[j]
            args = (prev.line, _short(prev.text), int(round(score * 100)))
            out.append(Finding(c.start, c.end, args, level=restated_level if restated else None))
        return out


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


#: Front-matter keys by which a draft says it is a copy of a page published elsewhere.
SYNDICATION_KEYS = (
    "source_url",
    "canonical",
    "canonical_url",
    "canonicalURL",
    "canonicalUrl",
    "original_url",
)


def _shingles(text: str, size: int = 5, keep: int = 48) -> list[int]:
    """A small MinHash-style signature of a draft's body: the lowest hashes of its word 5-grams."""
    import zlib

    # The first 600 words with a letter or digit (lower-cased after the split: lower-casing never makes or
    # removes white space; ``isalnum`` first, since a word all of letters and digits needs no search),
    # encoded in one call (a 5-gram's bytes are its words' bytes joined), the 5-grams hashed in C.
    first = " ".join(text.split(None, 600)[:600]).lower().split(" ")
    kept = [w for w in first if w.isalnum() or _ALNUM.search(w)]
    if len(kept) < size:
        return []
    words = " ".join(kept).encode("utf-8", "replace").split(b" ")
    hashes = set(map(zlib.crc32, map(b" ".join, zip(*[words[k:] for k in range(size)], strict=False))))
    return sorted(hashes)[:keep]


_ALNUM = re.compile(r"[^\W_]")  # a character for which str.isalnum() is true


def _same_body(a: list[int], b: list[int]) -> bool:
    """True when two signatures say the bodies are mostly the same text (a deliberate cross-post)."""
    if len(a) < 20 or len(b) < 20:
        return False  # too little text to call it the same story
    k = min(len(a), len(b))
    union_lowest = sorted(set(a) | set(b))[:k]
    shared = len(set(union_lowest) & set(a) & set(b))
    return shared / k >= 0.5


class DuplicateAcrossFiles(Kind):
    """Titles compared across drafts through ``HeadlineIndex`` (token buckets, no pairwise blow-up).

    Not reported: a pair whose bodies are mostly the same text (a deliberate cross-post or syndicated
    copy: same story, same title), section index pages (``_index.md``, ``index.md``: they name a section
    and often mirror a page's title), and the shared part of series titles: a prefix before a colon that
    starts at least ``series_min`` titles ("Trends on Tuesday: ...") is dropped before comparing.
    """

    analysis_parts = frozenset()

    name = "headline_duplicate"
    default_message = "Same headline as %s:%s ('%s', %s%% similar); give this draft its own."
    default_scope = ("frontmatter.title", "heading.h1", "heading.plain")
    cross_file = True
    options = {
        "threshold": Option(
            "number", 0.9, "similarity (0-1) from which two drafts' headlines count as the same"
        ),
        "min_words": Option("int", 2, "ignore headlines shorter than this many words"),
        "skip_files": Option(
            "list", ["_index.*", "index.*"], "file name patterns never compared (section pages)"
        ),
        "series_min": Option(
            "int", 3, "titles sharing a 'Prefix:' at least this often are compared without it"
        ),
        "outlet_words": Option(
            "list", [], "words that mark a trailing ' - Name' as an outlet or site name (empty: built-in)"
        ),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        from ..analysis.headlines import build_lexicon

        self.lexicon = build_lexicon((), self.opts["outlet_words"])

    def collect(self, doc, ctx):
        import fnmatch

        name = doc.path.replace("\\", "/").rsplit("/", 1)[-1]
        if any(fnmatch.fnmatch(name, pat) for pat in self.opts["skip_files"]):
            return None
        if any(k in doc.frontmatter for k in SYNDICATION_KEYS):
            return None  # a syndicated copy declares its origin and keeps the original's title
        if is_redirect_stub(doc):
            return None  # a redirect stub's title names the page it forwards to
        block = ctx.analysis.title
        if block is None:
            return None
        (s, e), body = _span(block)
        if len(body.split()) < self.opts["min_words"]:
            return None
        src = doc.source
        text = " ".join(b.text for b in doc.blocks if b.scope in ("paragraph", "list_item", "blockquote"))
        return (body, *src.position(s), *src.position(e), _shingles(text))

    def check(self, doc, ctx):  # single-file runs have nothing to compare
        return []

    def finalize(self, items, focus=None):
        """Pairs of drafts with the same title; the later one (by path) gets the finding. With ``focus``
        (the drafts being checked, the others being the rest of the repository) a finding lands on the
        focused draft, and pairs of two unfocused drafts are not reported."""
        from collections import Counter

        from ..analysis.headlines import HeadlineIndex

        items = sorted(items, key=lambda it: it[0])
        prefixes = Counter(_series_prefix(data[0]) for _, data in items)
        index = HeadlineIndex(lexicon=self.lexicon)
        facts = {}
        dropped = {}  # path -> the series prefix taken off its title ("" for none)
        for path, data in items:
            title = data[0]
            prefix = _series_prefix(title)
            dropped[path] = ""
            if prefix and prefixes[prefix] >= self.opts["series_min"]:
                title = title.split(":", 1)[1].strip() or title
                dropped[path] = prefix
            index.add(path, title)
            facts[path] = data
        out = []
        reported = set()
        for a, b, score in index.pairs(self.opts["threshold"]):
            if focus is not None:
                if b not in focus and a in focus:
                    a, b = b, a  # the draft being checked is the one that must change
                elif b not in focus:
                    continue
            if b in reported or a == b:
                continue
            if dropped[a] != dropped[b]:
                continue  # a series prefix on one side tells them apart ("Webinar recap: X" / "X")
            if _same_body(facts[a][5], facts[b][5]):
                continue
            reported.add(b)
            body, line, col, end_line, end_col, _sig = facts[b]
            out.append(
                Located(
                    b,
                    line,
                    col,
                    end_line,
                    end_col,
                    (a, facts[a][1], _short(facts[a][0]), int(round(score * 100))),
                )
            )
        return out


def _series_prefix(title: str) -> str:
    head, sep, rest = title.partition(":")
    if not sep or not rest.strip() or len(head.split()) > 6:
        return ""
    return head.strip().lower()


def case_style(text: str) -> str | None:
    """``"title case"``, ``"sentence case"`` or None when the heading gives no clear evidence.

    The first word and the first word after a colon say nothing; acronyms, words with inner capitals or
    periods (``iPhone``, ``Login.gov``, ``.gov``) and numbers are skipped. Title case needs every other
    content word capitalised and a minor word (a, of, to...) in the heading, since a run of capitalised
    words alone may be a name ("Naval Air Systems Command"); people's names with their role ("Miatta
    Myers and Rebecca Refoy - Acquisitions") or three names or more in a list say nothing either.
    Sentence case needs a lower-case content word and few capitalised ones (names are allowed). Words in
    parentheses are not read, nor the capitalised words that spell an acronym given after them ("Chief
    Customer Officer (CCO)").
    """
    import re

    from ..analysis.casing import MINOR_WORDS
    from ..analysis.casing import has_inner_capital as _has_inner_capital
    from ..analysis.casing import is_acronym as _is_acronym

    content_upper = content_lower = minor = 0
    first = True
    # A run of capitalised words followed by its own acronym ("Hire a Chief Customer Officer (CCO)") is a
    # name, capitalised in either style: it says nothing.
    text = _NAMED_ACRONYM_RE.sub(_drop_named, text)
    # A parenthetical is a descriptor set beside the heading ("Tongal (GS partner via TopCoder)",
    # "Flickr (ToS)"), written in running-text case whatever the headings' style: it says nothing.
    text = _PARENTHETICAL_RE.sub(" ", text)
    # A product named by a brand word and a model code with a digit ("the Halden S2", "a Corvo M5") is
    # a name, capitalised in either style: it says nothing.
    text = _MODEL_NAME_RE.sub(" ", text)
    if _NAME_LIST_RE.match(text):
        return None  # people's names joined by "and" ("Miatta Myers and Rebecca Refoy - Acquisitions")
    for m in re.finditer(r"[^\s]+", text):
        raw = m.group()
        if first:
            first = raw.endswith(":")
            continue
        word = raw.strip("\"'“”‘’()[],;!?")
        clause_start = raw.endswith(":")
        if (
            not word
            or not word[0].isalpha()
            or "." in word
            or _is_acronym(word)
            or _has_inner_capital(word)
            or any(ch.isdigit() for ch in word)  # a code ("S2", "A4", "x86"), not a word of the style
        ):
            first = clause_start
            continue
        base = word.split("-", 1)[0]
        if base.lower() in ("am", "pm"):
            pass  # times ("2:00 pm") say nothing about the style
        elif base.lower() in MINOR_WORDS:
            minor += 1
        elif base[0].isupper():
            content_upper += 1
        else:
            content_lower += 1
        first = clause_start
    if minor and content_upper >= 2 and content_lower == 0:
        return "title case"
    if content_lower >= 1 and content_upper * 2 <= content_lower:
        return "sentence case"
    return None


_PARENTHETICAL_RE = re.compile(r"\([^()]*\)")
#: A brand word followed by a model code that starts with a capital and holds a digit ("Halden S2").
_MODEL_NAME_RE = re.compile(r"(?<![\w'’-])[A-Z][a-z'’-]+\s+[A-Z][A-Za-z]*\d[\w-]*(?![\w'’-])")
#: People named with their team or role: names of two or three capitalised words each joined by "and"
#: or "&" and a role after a dash ("Miatta Myers and Rebecca Refoy - Acquisitions"), or three names or
#: more in a comma list. Capitalised the same in either style. (Two capitalised pairs joined by "and"
#: alone, "National Security and Intelligence Portfolio", may be a title-cased phrase.)
_NAME = r"[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2}"
_NAME_LIST_RE = re.compile(
    rf"\s*{_NAME}\s+(?:and|&)\s+{_NAME}\s+[-–—|]\s*[A-Z][\w\s&/,-]*$"
    rf"|\s*{_NAME}(?:\s*,\s*{_NAME})+,?\s+(?:and|&)\s+{_NAME}\s*$"
)
_NAMED_ACRONYM_RE = re.compile(r"((?:[A-Z][\w'’-]*\s+){2,8})\(([A-Z]{2,8})s?\)")


def _drop_named(m: re.Match) -> str:
    """The capitalised words that spell the acronym after them, taken out (the rest kept)."""
    words, acronym = m.group(1).split(), m.group(2)
    n = len(acronym)
    if len(words) >= n and "".join(w[0] for w in words[-n:]) == acronym:
        return " ".join(words[:-n]) + " "
    return m.group(0)


class CaseStyle(Kind):
    analysis_parts = frozenset()
    name = "heading_case"
    default_message = "Heading in %s while most headings here use %s; pick one style."
    default_scope = ("heading",)
    options = {
        "min_words": Option("int", 4, "only judge headings of at least this many words"),
        "min_majority": Option(
            "int", 3, "report only when the majority style has at least this many headings"
        ),
        "title_apart": Option(
            "bool",
            True,
            "never report the page's title (its only h1, first): often styled apart from sections",
        ),
    }

    def check(self, doc, ctx):
        styled = []
        blocks = self.blocks(doc)
        title = None
        if self.opts["title_apart"]:
            tops = [b for b in blocks if (b.level or 1) == 1]
            if len(tops) == 1 and blocks and tops[0] is blocks[0]:
                # The page's one title (its only h1, or a plain text's first line) is often styled apart
                # from the section headings under it (a title-case h1 over sentence-case h2s): it counts
                # towards the draft's style but is not reported as the odd one out.
                title = blocks[0]
        for block in blocks:
            (s, e), body = _span(block)
            if len(body.split()) < self.opts["min_words"]:
                continue
            style = case_style(body)
            if style:
                styled.append((style, s, e, block is title))
        kinds = [k for k, _, _, _ in styled]
        n_title = kinds.count("title case")
        n_sent = kinds.count("sentence case")
        if not n_title or not n_sent or n_title == n_sent:
            return []
        majority = "title case" if n_title > n_sent else "sentence case"
        if max(n_title, n_sent) < self.opts["min_majority"]:
            return []
        return [
            Finding(s, e, (k, majority)) for k, s, e, is_title in styled if k != majority and not is_title
        ]


KINDS = [Repeated, DuplicateAcrossFiles, CaseStyle]
