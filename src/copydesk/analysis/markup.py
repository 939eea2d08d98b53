"""Malformed markup: broken HTML, scraped tag residue in prose, and broken Markdown syntax.

Every function takes a string and returns ``list[Problem]`` sorted by start offset. Offsets index the string
given; ``end`` is exclusive. Nothing here recurses or backtracks, so run time is linear in the input (HTML
nested 10,000 deep is fine).

``check_html(text, ranges=None, *, fragment=True)``
    A small position-keeping HTML tokenizer that follows the WHATWG tokenizer for the data state, tags,
    attributes, character references, comments and raw-text elements, plus a simplified tree builder (a stack
    of open elements with HTML's optional end tags and void elements). Codes:

    ``unclosed-element``  a non-void element that is never closed (optional end tags such as p, li, td, tr,
                          option, dt, dd, thead/tbody, html/head/body are honoured), or a non-void start tag
                          written as self-closing (``<div/>``), which HTML does not close.
    ``stray-end-tag``     an end tag with no open element of that name (``</p>`` after the p was closed
                          implicitly by a block, ``</br>``, ``</img>``, ``</>``).
    ``misnested``         ``<b><i>…</b>…</i>``: reported at the end tag that closes the outer element early.
    ``unterminated-tag``  a start or end tag with no ``>`` before the next ``<`` (outside quoted attribute
                          values) or before the end of the input / range.
    ``duplicate-attribute``
    ``unescaped-ampersand`` exactly the ampersands the HTML tokenizer reports as parse errors: ``&name;`` that
                          is not a known reference, a legacy reference without ``;`` (``&copy2024``; in attribute
                          values only when followed by neither ``=`` nor a letter/digit, as the spec says),
                          ``&#`` without digits, and ``&#39`` without ``;``. ``AT&T``, ``R&D``, ``Q&A`` and
                          ``?a=1&b=2`` are *not* errors in HTML5 and are not reported. Inside one attribute
                          value only the first is reported (with a count), so a long URL gives one finding.
    ``unescaped-lt``      ``<`` in text that cannot start a tag (``x < 3``, ``<3``, ``<`` at the end): the
                          tokenizer's ``invalid-first-character-of-tag-name`` / ``eof-before-tag-name``; also a
                          Markdown autolink ``<https://…>`` inside HTML, which browsers read as a tag.
    ``double-escaped-entity`` ``&amp;nbsp;``, ``&amp;amp;``, ``&amp;#39;`` (``&amp;`` followed by a complete,
                          valid reference ending in ``;``) glued to text on at least one side
                          (``don&amp;#39;t``, ``AT&amp;amp;T``, ``a&amp;nbsp;b``, ``?x=1&amp;amp;y=2``). A
                          reference standing alone between spaces or tags (a table cell holding
                          ``&amp;ntilde;``) is how pages *show* entity codes, so it is not reported.
    Extensions (documented here because the brief's list had no slot for them):
    ``malformed-attribute`` attribute syntax errors: ``<a href="x"title="y">``, a quote or ``=`` where a name
                          should start, ``"'=`` inside an unquoted value, ``<a href=>``, a stray ``/`` inside a
                          tag, attributes or ``/`` on an end tag.
    ``invalid-character-reference`` numeric references to NUL, surrogates, code points above U+10FFFF,
                          noncharacters and control characters (``&#150;`` is a Windows-1252 code: the message
                          suggests the real code point).
    ``unclosed-comment``  ``<!--`` with no ``-->``: everything after it disappears.
    ``mangled-tag``       ``< b >`` or ``</ p>`` inside HTML (same shape as ``find_mangled_tags``).

    The contents of script, style, xmp, iframe, noembed and noframes (raw text) are skipped; textarea and
    title (escapable raw text) are checked only for character references; comments, doctypes, ``<?…>`` and
    ``<!…>`` are skipped. Inside svg and math, ``<x/>`` closes and there are no optional end tags.
    Template tags ``{{…}}`` and ``{%…%}`` (Hugo, Liquid, Jinja; closed within 4,000 characters) are opaque
    wherever they appear: in text, between attributes and inside quoted or unquoted attribute values.
    ``ranges`` (Markdown: the spans of HTML blocks and inline HTML) are tokenized one by one but share a
    single stack of open elements, so ``<details>`` in one block and ``</details>`` in another match. With
    ``fragment=False`` the whole text is one document (``ranges`` is ignored).

``find_mangled_tags(text)`` (code ``mangled-tag``)
    HTML tags broken by copy-paste or scraping in prose of any format. Only a closed list of common HTML
    element names counts, in lower case. Two shapes:

    * bracketed: ``<`` + spaces + name + optional spaces + ``>`` (``< b >``, ``< br >``, ``< /li >``), or ``</``
      + spaces + name (``</ p>``). Valid tags such as ``<b >`` or ``</p >`` are not reported.
    * bare: a name (optionally after ``/``) directly before ``>`` with no ``<`` (``li>``, ``ul >``, ``h2 >``,
      ``/p>``), not glued to a preceding word, not followed by ``=``, ``>`` or ``}`` (``>=``, ``>>``,
      ``{{< x >}}``), and not in a CSS child-combinator shape (``ul > li``, ``div > .x``).

    Policy for names that are also ordinary words or single letters (a, b, i, p, q, s, u, table, form, code,
    header, span, hr, …): in either shape they need tag-like context on *both* sides: on the left the line
    start (after indentation or a bullet), sentence punctuation, or another mangled tag; on the right the line
    end, a capital letter, a quotation mark, a bullet, ``<``, or another mangled tag. So ``if b > a``,
    ``p > 0.05``, ``a < b > c`` and ``Plan B > Plan A`` (upper case) are never reported, while
    ``Policy: b > Cities share…``, ``region . p >`` and a line holding only ``p >`` are. Unambiguous names
    (li, ul, ol, h1-h6, br, em, div, td, tr, th, dd, dt, …) only need the right side not to be a digit; so
    does an ambiguous name written with its slash (``/p>``) when the right side passes the test above.
    Email quoting (``> text``), arrows (``->``, ``=>``), comparisons (``>=``, ``<=``), ``<3``, Hugo and Liquid
    tags (``{{< x >}}``, ``{{% x %}}``, ``{% x %}``) have no name directly before ``>`` or are excluded above.

``check_markdown(source, masked)``
    Raw Markdown. ``masked`` spans (code blocks, code spans, front matter, template tags) are treated as
    opaque (replaced by U+FFFC, newlines kept). markdown-it-py parses the masked text for the blocks
    (paragraphs, headings, table rows, reference definitions) and, when the source has fence characters, the
    source itself for fences; all positions come from line maps over the original string. Codes:

    ``unclosed-fence``     a ``````` or ``~~~`` fence that markdown-it closes only at the end of the document or
                           its container; reported on the opening fence line.
    ``unclosed-emphasis``  ``**`` or ``__`` (runs of 2 or 3) that can open emphasis (CommonMark flanking rules;
                           ``**`` must also not be glued to a preceding letter or digit) and has no closer in
                           the same paragraph / heading / table cell. Single ``*``/``_`` are never reported
                           (bullets, ``2 * 3``, footnote stars, ``snake_case``).
    ``link-space``         ``[text] (https://…)``: the destination must look like a URL or path.
    ``unclosed-link``      ``[text](url`` with no balancing ``)`` before the end of the paragraph.
    ``undefined-reference`` ``[text][ref]`` or ``[text][]`` with no definition (normalised like CommonMark);
                           shortcut ``[text]`` and footnotes ``[^1]`` are skipped, as are labels that are
                           masked or glued to a preceding word (``a[i][j]``).
    ``empty-link``         ``[](url)`` (not images: ``![](x)`` is a decorative image) and ``[text]()``.
    ``heading-no-space``   ``#Heading`` as the first line of a paragraph: ``##x`` with a letter, or ``#`` +
                           a capitalised (or numbered) line of 2+ words that is at most 12 words and does not
                           end with ``.`` or ``,``; a CamelCase first word (``#OpenData rocks``) is a hashtag,
                           as are ``#hashtag`` mid-line and ``#!shebang``. A single capitalised word
                           (``#Errors``) is a heading when it is a paragraph of its own in a draft that has
                           ``#`` headings; elsewhere it may be a hashtag.
"""

from __future__ import annotations

import bisect
import re
import string
import unicodedata
from html.entities import html5 as _HTML5_ENTITIES
from typing import NamedTuple

from ..parsers.mdtokens import normalize_label
from ..parsers.preprocess import fill_except


class Problem(NamedTuple):
    start: int
    end: int
    code: str
    message: str


# --------------------------------------------------------------------------------------------------------
# Shared vocabulary
# --------------------------------------------------------------------------------------------------------

VOID_ELEMENTS = frozenset(
    "area base basefont bgsound br col embed frame hr image img input keygen link meta param source track "
    "wbr".split()
)
RAWTEXT_ELEMENTS = frozenset("script style xmp iframe noembed noframes".split())
RCDATA_ELEMENTS = frozenset(("textarea", "title"))
FOREIGN_ROOTS = frozenset(("svg", "math"))

_BLOCKS_CLOSING_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr listing main menu nav ol p plaintext pre search section summary table "
    "ul xmp li dd dt".split()
)
BLOCKS_CLOSING_P = _BLOCKS_CLOSING_P
_TABLE_SECTIONS = frozenset(("tbody", "thead", "tfoot"))
# Elements whose end tag may be omitted, mapped to the start tags that close them implicitly. Any end tag of
# an enclosing element also closes them silently.
_CLOSED_BY_START: dict[str, frozenset[str]] = {
    "p": _BLOCKS_CLOSING_P,
    "li": frozenset(("li",)),
    "dt": frozenset(("dt", "dd")),
    "dd": frozenset(("dt", "dd")),
    "option": frozenset(("option", "optgroup")),
    "optgroup": frozenset(("optgroup",)),
    "tr": frozenset(("tr",)) | _TABLE_SECTIONS,
    "td": frozenset(("td", "th", "tr")) | _TABLE_SECTIONS,
    "th": frozenset(("td", "th", "tr")) | _TABLE_SECTIONS,
    "thead": _TABLE_SECTIONS,
    "tbody": _TABLE_SECTIONS,
    "tfoot": _TABLE_SECTIONS,
    "colgroup": frozenset(("thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup")),
    "caption": frozenset(("thead", "tbody", "tfoot", "tr", "td", "th", "colgroup", "col")),
    "rb": frozenset(("rb", "rt", "rtc", "rp")),
    "rt": frozenset(("rb", "rt", "rtc", "rp")),
    "rtc": frozenset(("rb", "rtc", "rp")),
    "rp": frozenset(("rb", "rt", "rtc", "rp")),
    "head": frozenset(("body",)),
    "html": frozenset(),
    "body": frozenset(),
}
OPTIONAL_END = frozenset(_CLOSED_BY_START)
# End tags that are fine without a matching start tag (implied elements).
_IMPLIED_ELEMENTS = frozenset(("html", "head", "body", "tbody"))
_SCAN_LIMIT = 16  # how far down the stack an implied close may look (keeps adversarial input linear)

_ENTITIES = frozenset(_HTML5_ENTITIES)
_LEGACY_ENTITIES = frozenset(name for name in _HTML5_ENTITIES if not name.endswith(";"))
_MAX_LEGACY = max(len(name) for name in _LEGACY_ENTITIES)

_WS = "\t\n\f\r "
_ALNUM_RE = re.compile(r"[A-Za-z0-9]+")
_DEC_RE = re.compile(r"[0-9]+")
_HEX_RE = re.compile(r"[0-9A-Fa-f]+")
_DATA_SPECIAL_RE = re.compile(r"[<&]|\{[{%]")
_TEMPLATE_OPEN_RE = re.compile(r"\{[{%]")
_TEMPLATE_WINDOW = 4000  # a template tag longer than this is not one (keeps the scan linear)
_TAG_NAME_RE = re.compile(r"[^\t\n\f\r />]+")
_ATTR_NAME_RE = re.compile(r"[^\t\n\f\r />=<]+")
_UNQUOTED_VALUE_RE = re.compile(r"[^\t\n\f\r ><]+")
_SPACES_RE = re.compile(r"[\t\n\f\r ]*")
_COMMENT_END_RE = re.compile(r"--!?>")
_DOUBLE_ESCAPED_RE = re.compile(r"&amp;(#[0-9]{1,8};|#[xX][0-9A-Fa-f]{1,8};|[A-Za-z][A-Za-z0-9]{1,31};)")
_AUTOLINK_RE = re.compile(r"<(?:https?|ftp|mailto):[^\s<>\"']*>", re.IGNORECASE)
_RAW_END_CACHE: dict[str, re.Pattern[str]] = {}

# Names recognised by find_mangled_tags. Unambiguous names are not English words or single letters.
UNAMBIGUOUS_TAGS = frozenset(
    "li ul ol h1 h2 h3 h4 h5 h6 br em div td tr th tbody thead tfoot blockquote dl dt dd img sup strong "
    "figcaption iframe noscript nav tt kbd abbr dfn samp".split()
)
AMBIGUOUS_TAGS = frozenset(
    "a b i p q s u hr sub span table form header footer section article aside main code pre small big "
    "center figure label button title font mark cite caption option select summary details address body "
    "html head del ins strike video audio source picture input link meta style script".split()
)
KNOWN_TAGS = UNAMBIGUOUS_TAGS | AMBIGUOUS_TAGS


def _quote(text: str, start: int, end: int, limit: int = 40) -> str:
    """The source text of a span for a message, on one line and shortened."""
    frag = text[start:end].replace("\n", " ")
    if len(frag) > limit:
        frag = frag[: limit - 1] + "…"
    return frag


# --------------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------------


class _Open:
    __slots__ = ("name", "start", "end")

    def __init__(self, name: str, start: int, end: int) -> None:
        self.name = name
        self.start = start
        self.end = end


class _Dangling:
    """An element popped because an ancestor closed first; a later end tag may still claim it."""

    __slots__ = ("elem", "floor", "closer_start", "closer_end", "closer_name", "claimed", "expired")

    def __init__(self, elem: _Open, closer_start: int, closer_end: int, closer_name: str) -> None:
        self.elem = elem
        self.floor = 0
        self.closer_start = closer_start
        self.closer_end = closer_end
        self.closer_name = closer_name
        self.claimed = False
        self.expired = False


class _HtmlChecker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[Problem] = []
        self.stack: list[_Open] = []
        self.open_count: dict[str, int] = {}
        self.foreign = 0
        self.dangling: list[_Dangling] = []
        self.dangling_by_name: dict[str, list[_Dangling]] = {}
        self.implicitly_closed: dict[str, tuple[str, int]] = {}
        self.no_closer_until: dict[str, int] = {}
        # Where a tag that never ends swallowed the rest of its range (an attribute quote never closed):
        # the end tags of the elements open there are in the swallowed text, so they are not reported.
        self.swallowed_at = -1

    # ---- reporting ---------------------------------------------------------------------------------
    def report(self, start: int, end: int, code: str, message: str) -> None:
        self.problems.append(Problem(start, end, code, message))

    # ---- tokenizer -----------------------------------------------------------------------------------
    def scan(self, start: int, end: int) -> None:
        text = self.text
        i = start
        while i < end:
            m = _DATA_SPECIAL_RE.search(text, i, end)
            if m is None:
                return
            i = m.start()
            c = text[i]
            if c == "&":
                i = self.charref(i, end, in_attr=False)
            elif c == "{":
                i = self.template_end(i, end) or i + 2
            else:
                i = self.markup(i, end)

    def template_end(self, i: int, limit: int) -> int:
        """End of the Hugo/Liquid/Jinja tag ``{{…}}`` or ``{%…%}`` at ``i``, or 0 if it does not close."""
        t = self.text
        closer = "}}" if t[i + 1] == "{" else "%}"
        stop = min(limit, i + _TEMPLATE_WINDOW)
        # A failed search proved there is no closer before ``no_closer_until``: do not search that again.
        start = max(i + 2, self.no_closer_until.get(closer, 0))
        k = t.find(closer, start, stop) if start < stop else -1
        if k < 0:
            self.no_closer_until[closer] = max(self.no_closer_until.get(closer, 0), stop - 1)
            return 0
        return k + 2

    def quote_runs_on(self, open_at: int, close: int) -> bool:
        """A quoted value that only closes on a later line after swallowing a '>' and an end tag.

        The writer dropped the closing quote ('rel="x>text</a>'): the next quote on the page (often
        dialogue) closes it, and reading on from there gives a cascade of false attribute faults.
        """
        t = self.text
        line_end = t.find("\n", open_at, close)
        if line_end < 0:
            return False
        gt = t.find(">", open_at + 1, line_end)
        return gt >= 0 and t.find("</", gt, close) >= 0

    def find_quote(self, quote: str, start: int, limit: int) -> int:
        """Closing ``quote`` of an attribute value, skipping template tags inside it; -1 if none."""
        t = self.text
        pos = start
        while True:
            k = t.find(quote, pos, limit)
            m = _TEMPLATE_OPEN_RE.search(t, pos, limit if k < 0 else k)
            if m is None:
                return k
            end = self.template_end(m.start(), limit)
            pos = end if end else m.start() + 2

    def charref(self, i: int, limit: int, in_attr: bool) -> int:
        """Check the character reference starting with ``&`` at ``i``; return where scanning resumes."""
        t = self.text
        j = i + 1
        if j >= limit:
            return j
        c = t[j]
        if c == "#":
            k = j + 1
            hexa = k < limit and t[k] in "xX"
            if hexa:
                k += 1
            m = (_HEX_RE if hexa else _DEC_RE).match(t, k, limit)
            if m is None:
                self.report(
                    i,
                    k,
                    "unescaped-ampersand",
                    f"'{t[i:k]}' starts a numeric character reference but has no digits: "
                    f"write '&amp;{t[j:k]}' for a literal ampersand",
                )
                return k
            end = m.end()
            digits = m.group()
            significant = digits.lstrip("0")
            value = 0x110000 if len(significant) > 8 else int(significant or "0", 16 if hexa else 10)
            if end < limit and t[end] == ";":
                end += 1
            else:
                ref = t[i:end]
                self.report(
                    i,
                    end,
                    "unescaped-ampersand",
                    f"Character reference '{ref}' lacks its ';': write '{ref};'",
                )
            self.numeric_value(i, end, value)
            return end
        if not (c.isascii() and c.isalnum()):
            return j
        m = _ALNUM_RE.match(t, j, limit)
        assert m is not None
        word = m.group()
        end = m.end()
        semi = end < limit and t[end] == ";"
        if semi and word + ";" in _ENTITIES:
            return end + 1
        k = min(len(word), _MAX_LEGACY)
        while k > 0 and word[:k] not in _LEGACY_ENTITIES:
            k -= 1
        if k:
            after = j + k
            if in_attr and after < limit and (t[after] == "=" or (t[after].isascii() and t[after].isalnum())):
                return end
            name = word[:k]
            self.report(
                i,
                after,
                "unescaped-ampersand",
                f"'&{name}' is read as the character reference '&{name};' (missing ';'): write '&{name};' "
                f"for '{_HTML5_ENTITIES[name]}' or '&amp;{name}' for a literal ampersand",
            )
            return after
        if semi:
            self.report(
                i,
                end + 1,
                "unescaped-ampersand",
                f"'&{word};' is not a known character reference: write '&amp;{word};' for a literal "
                "ampersand or fix the entity name",
            )
            return end + 1
        return end

    def numeric_value(self, start: int, end: int, value: int) -> None:
        ref = self.text[start:end]
        why = ""
        if value == 0:
            why = "refers to NUL"
        elif value > 0x10FFFF:
            why = "is beyond U+10FFFF"
        elif 0xD800 <= value <= 0xDFFF:
            why = "refers to a surrogate code point"
        elif 0xFDD0 <= value <= 0xFDEF or (value & 0xFFFE) == 0xFFFE:
            why = "refers to a noncharacter"
        elif 0x80 <= value <= 0x9F:
            try:
                real = bytes([value]).decode("cp1252")
            except UnicodeDecodeError:
                why = "refers to a C1 control character"
            else:
                why = f"is a Windows-1252 code, not Unicode: write '&#{ord(real)};' ({real!r})"
        elif value == 0x0D or (value < 0x20 and value not in (0x09, 0x0A, 0x0C)) or value == 0x7F:
            why = "refers to a control character"
        if why:
            self.report(start, end, "invalid-character-reference", f"Character reference '{ref}' {why}")

    def markup(self, i: int, limit: int) -> int:
        """Handle the ``<`` at ``i``; return where scanning resumes."""
        t = self.text
        j = i + 1
        if j >= limit:
            self.report(i, j, "unescaped-lt", "A lone '<' ends the text: write '&lt;' or finish the tag")
            return j
        c = t[j]
        if c == "!":
            if t.startswith("<!--", i):
                if t.startswith("<!-->", i):
                    return i + 5
                if t.startswith("<!--->", i):
                    return i + 6
                m = _COMMENT_END_RE.search(t, i + 4, limit)
                if m is None:
                    self.report(
                        i,
                        i + 4,
                        "unclosed-comment",
                        "Comment '<!--' is never closed: add '-->' or everything after it is hidden",
                    )
                    return limit
                return m.end()
            if self.foreign and t.startswith("[CDATA[", j + 1):
                k = t.find("]]>", j + 8, limit)
                return limit if k < 0 else k + 3
            k = t.find(">", j, limit)  # doctype or bogus comment
            return limit if k < 0 else k + 1
        if c == "?":
            k = t.find(">", j, limit)
            return limit if k < 0 else k + 1
        if c == "/":
            k = j + 1
            if k >= limit:
                self.report(i, k, "unterminated-tag", "Unterminated end tag '</': add a tag name and '>'")
                return k
            c2 = t[k]
            if c2 == ">":
                self.report(
                    i, k + 1, "stray-end-tag", "Empty end tag '</>' is ignored by browsers: remove it"
                )
                return k + 1
            if c2.isascii() and c2.isalpha():
                return self.tag(i, k, limit, is_end=True)
            return self.bad_lt(i, limit, end_tag=True)
        if c.isascii() and c.isalpha():
            am = _AUTOLINK_RE.match(t, i, limit)
            if am is not None:
                self.report(
                    i,
                    am.end(),
                    "unescaped-lt",
                    f"'{_quote(t, i, am.end())}' is a Markdown autolink, but inside HTML it is read as a tag "
                    "and hidden: write an <a href=…> link or escape '<' as '&lt;'",
                )
                return am.end()
            return self.tag(i, j, limit, is_end=False)
        return self.bad_lt(i, limit)

    def bad_lt(self, i: int, limit: int, end_tag: bool = False) -> int:
        t = self.text
        m = _MANGLED_BRACKET_RE.match(t, i, limit)
        if m is not None and m.group("name").lower() in KNOWN_TAGS:
            self.report(i, m.end(), "mangled-tag", _bracket_message(t, i, m))
            return m.end()
        line_end = t.find("\n", i, min(limit, i + 12))
        shown = _quote(t, i, min(i + 12, limit if line_end < 0 else line_end)).rstrip()
        if end_tag:
            self.report(
                i,
                i + 2,
                "unescaped-lt",
                f"'</' in '{shown}' does not start an end tag (a letter must follow): write '&lt;/' or fix the tag",
            )
            return i + 2
        self.report(
            i,
            i + 1,
            "unescaped-lt",
            f"'<' in '{shown}' does not start a tag: write '&lt;'",
        )
        return i + 1

    def unterminated(self, i: int, stop: int, is_end: bool) -> None:
        t = self.text
        while stop > i and t[stop - 1] in _WS:
            stop -= 1
        frag = _quote(t, i, stop)
        kind = "end tag" if is_end else "tag"
        self.report(i, stop, "unterminated-tag", f"Unterminated {kind} '{frag}': add '>'")

    def tag(self, i: int, name_start: int, limit: int, is_end: bool) -> int:
        """Tokenize a start or end tag whose name starts at ``name_start``."""
        t = self.text
        m = _TAG_NAME_RE.match(t, name_start, limit)
        assert m is not None
        name_end = m.end()
        lt = t.find("<", name_start, name_end)
        if lt >= 0:  # '<' inside the name: the tag never got its '>'
            self.unterminated(i, lt, is_end)
            return lt
        name = t[name_start:name_end].lower()
        p = name_end
        seen: set[str] = set()
        self_closing = False
        end_attrs_at = -1
        while True:
            p = _SPACES_RE.match(t, p, limit).end()  # type: ignore[union-attr]
            if p >= limit:
                self.unterminated(i, p, is_end)
                return limit
            ch = t[p]
            if ch == ">":
                p += 1
                break
            if ch == "<":
                self.unterminated(i, p, is_end)
                return p
            if ch == "/":
                if p + 1 < limit and t[p + 1] == ">":
                    self_closing = True
                    p += 2
                    break
                self.report(
                    p,
                    p + 1,
                    "malformed-attribute",
                    f"Stray '/' inside tag '{_quote(t, i, p + 1)}': remove it",
                )
                p += 1
                continue
            if ch == "{" and p + 1 < limit and t[p + 1] in "{%":
                tend = self.template_end(p, limit)
                if tend:  # a template tag standing for attributes
                    p = tend
                    continue
            # attribute name
            a0 = p
            if is_end and end_attrs_at < 0:
                end_attrs_at = a0
            if ch == "=":
                self.report(
                    p,
                    p + 1,
                    "malformed-attribute",
                    f"'=' without an attribute name in '{_quote(t, i, p + 1)}'",
                )
                p += 1
            nm = _ATTR_NAME_RE.match(t, p, limit)
            if nm is not None:
                p = nm.end()
            attr = t[a0:p]
            for q in ('"', "'"):
                qi = attr.find(q)
                if qi >= 0:
                    self.report(
                        a0 + qi,
                        a0 + qi + 1,
                        "malformed-attribute",
                        f"Quote in attribute name '{_quote(t, a0, p)}': a value needs '=' before its quote, "
                        "or a quote is doubled",
                    )
                    break
            lname = attr.lower()
            if lname in seen and not is_end:
                self.report(
                    a0,
                    p,
                    "duplicate-attribute",
                    f"Duplicate attribute '{attr}' in '<{name}>': browsers keep only the first; remove one",
                )
            seen.add(lname)
            q0 = _SPACES_RE.match(t, p, limit).end()  # type: ignore[union-attr]
            if q0 >= limit or t[q0] != "=":
                continue
            p = _SPACES_RE.match(t, q0 + 1, limit).end()  # type: ignore[union-attr]
            if p >= limit:
                self.unterminated(i, p, is_end)
                return limit
            ch = t[p]
            if ch == ">":
                self.report(
                    a0,
                    p,
                    "malformed-attribute",
                    f"Attribute '{_quote(t, a0, p).strip()}' has '=' but no value: add a value or remove '='",
                )
                continue
            if ch in "\"'":
                close = self.find_quote(ch, p + 1, limit)
                if close < 0 or self.quote_runs_on(p, close):
                    frag = _quote(t, i, min(limit, p + 30))
                    why = (
                        "is never closed, so the tag never ends"
                        if close < 0
                        else "is not closed on its line, so the text and tags up to the next quote are read "
                        "as the value"
                    )
                    self.report(
                        i,
                        min(limit, p + 1),
                        "unterminated-tag",
                        f"Attribute value quote {ch} in '{frag}' {why}: add the closing {ch}",
                    )
                    self.swallowed_at = max(self.swallowed_at, i)
                    # A browser reads the rest of the page as this value. Read on as the writer meant it:
                    # the tag ends at the first '>' on the quote's line ('class='x">text'), so the end tags
                    # after it still pair up and a stray one is still seen (only a line's '>' is trusted).
                    line_end = t.find("\n", p, limit)
                    close = t.find(">", p + 1, limit if line_end < 0 else line_end)
                    if close < 0:
                        return limit
                    p = close
                    continue
                self.check_attr_refs(p + 1, close)
                p = close + 1
                if p < limit and t[p] not in _WS and t[p] not in "/><":
                    self.report(
                        p,
                        p + 1,
                        "malformed-attribute",
                        f"No space between attributes after '{_quote(t, a0, p)}': add a space",
                    )
                continue
            v0 = p
            tend = self.template_end(p, limit) if t.startswith(("{{", "{%"), p) else 0
            if tend:
                p = tend
            vm = _UNQUOTED_VALUE_RE.match(t, p, limit)
            if vm is not None or tend:
                p = vm.end() if vm is not None else p
                for k in range(tend or v0, p):
                    if t[k] in "\"'=`":
                        self.report(
                            k,
                            k + 1,
                            "malformed-attribute",
                            f"Character {t[k]!r} in the unquoted value '{t[v0:p]}': quote the whole value",
                        )
                        break
                self.check_attr_refs(v0, p)
        if is_end:
            if end_attrs_at >= 0:
                self.report(
                    end_attrs_at,
                    p - 1,
                    "malformed-attribute",
                    f"End tag '{_quote(t, i, p)}' cannot carry attributes: remove "
                    f"'{_quote(t, end_attrs_at, p - 1).strip()}'",
                )
            if self_closing:
                self.report(
                    p - 2, p - 1, "malformed-attribute", f"End tag '</{name}/>' cannot be self-closing"
                )
            self.end_tag(name, i, p)
            return p
        return self.start_tag(name, i, p, self_closing, limit)

    def check_attr_refs(self, start: int, end: int) -> None:
        """Character references in an attribute value: one unescaped-ampersand finding per value at most."""
        t = self.text
        k = t.find("&", start, end)
        if k < 0:
            return
        before = len(self.problems)
        while k >= 0:
            k = self.charref(k, end, in_attr=True)
            k = t.find("&", k, end)
        found = self.problems[before:]
        amps = [p for p in found if p.code == "unescaped-ampersand"]
        if len(amps) > 1:
            first = amps[0]
            more = len(amps) - 1
            found = [p for p in found if p.code != "unescaped-ampersand"] + [
                first._replace(message=f"{first.message} ({more} more in this attribute value)")
            ]
            self.problems[before:] = found

    # ---- tree ----------------------------------------------------------------------------------------
    def push(self, name: str, start: int, end: int) -> None:
        self.stack.append(_Open(name, start, end))
        self.open_count[name] = self.open_count.get(name, 0) + 1
        if name in FOREIGN_ROOTS:
            self.foreign += 1

    def pop(self) -> _Open:
        elem = self.stack.pop()
        self.open_count[elem.name] -= 1
        if elem.name in FOREIGN_ROOTS:
            self.foreign -= 1
        return elem

    def start_tag(self, name: str, start: int, end: int, self_closing: bool, limit: int) -> int:
        t = self.text
        if self.foreign:
            if not self_closing:
                self.push(name, start, end)
            return end
        if name in VOID_ELEMENTS:
            return end
        if self_closing and name not in FOREIGN_ROOTS:
            self.report(
                start,
                end,
                "unclosed-element",
                f"'{_quote(t, start, end)}' does not close itself in HTML: write '<{name}></{name}>'",
            )
            return end
        if self_closing:
            return end
        self.implied_close(name)
        self.push(name, start, end)
        if name in RAWTEXT_ELEMENTS or name in RCDATA_ELEMENTS:
            pat = _RAW_END_CACHE.get(name)
            if pat is None:
                pat = _RAW_END_CACHE[name] = re.compile("</" + name + r"(?=[\t\n\f\r />])", re.IGNORECASE)
            m = pat.search(t, end, limit)
            stop = limit if m is None else m.start()
            if name in RCDATA_ELEMENTS:
                k = t.find("&", end, stop)
                while k >= 0:
                    k = self.charref(k, stop, in_attr=False)
                    k = t.find("&", k, stop)
            return stop
        if name == "plaintext":
            return limit
        return end

    def implied_close(self, name: str) -> None:
        stack = self.stack
        while stack:
            idx = len(stack) - 1
            target = -1
            steps = 0
            while idx >= 0 and steps < _SCAN_LIMIT:
                top = stack[idx].name
                if top not in OPTIONAL_END:
                    break
                if name in _CLOSED_BY_START[top]:
                    target = idx
                    break
                idx -= 1
                steps += 1
            if target < 0:
                return
            while len(stack) > target:
                closed = self.pop()
                self.implicitly_closed[closed.name] = (name, closed.start)
            self.expire()

    def end_tag(self, name: str, start: int, end: int) -> None:
        t = self.text
        if self.open_count.get(name, 0) == 0:
            if self.claim(name):
                return
            if name in _IMPLIED_ELEMENTS or (name in _TABLE_SECTIONS and self.open_count.get("table", 0)):
                return
            frag = _quote(t, start, end)
            if name in VOID_ELEMENTS:
                msg = f"'{frag}' is not needed: <{name}> is a void element with no end tag; remove it"
            elif name in self.implicitly_closed:
                by, _pos = self.implicitly_closed[name]
                msg = (
                    f"Stray end tag '{frag}': the <{name}> was already closed implicitly by <{by}>; "
                    "remove it or restructure"
                )
            else:
                msg = f"Stray end tag '{frag}' has no open <{name}>: remove it or add the start tag"
            self.report(start, end, "stray-end-tag", msg)
            return
        popped: list[_Open] = []
        while True:
            elem = self.pop()
            if elem.name == name:
                break
            if elem.name not in OPTIONAL_END or self.foreign:
                popped.append(elem)
        self.expire()
        floor = len(self.stack)
        for elem in reversed(popped):  # outermost first, so the innermost is claimed first
            d = _Dangling(elem, start, end, name)
            d.floor = floor
            self.dangling.append(d)
            self.dangling_by_name.setdefault(elem.name, []).append(d)

    def claim(self, name: str) -> bool:
        entries = self.dangling_by_name.get(name)
        while entries:
            d = entries.pop()
            if d.claimed or d.expired:
                continue
            d.claimed = True
            t = self.text
            self.report(
                d.closer_start,
                d.closer_end,
                "misnested",
                f"'{_quote(t, d.closer_start, d.closer_end)}' closes <{d.closer_name}> while "
                f"'{_quote(t, d.elem.start, d.elem.end)}' opened inside it is still open (closed later): "
                f"nest them as '<{d.closer_name}><{name}>…</{name}></{d.closer_name}>'",
            )
            return True
        return False

    def expire(self) -> None:
        depth = len(self.stack)
        dangling = self.dangling
        while dangling and dangling[-1].floor > depth:
            d = dangling.pop()
            if not d.claimed:
                d.expired = True
                self.report_dangling(d)

    def report_dangling(self, d: _Dangling) -> None:
        t = self.text
        e = d.elem
        before = f" before '{_quote(t, d.closer_start, d.closer_end)}'"
        self.report(e.start, e.end, "unclosed-element", _unclosed_message(t, e.start, e.end, e.name, before))

    def finish(self) -> None:
        t = self.text
        for d in self.dangling:
            if not d.claimed and not d.expired:
                self.report_dangling(d)
        foreign_above = 0
        for elem in self.stack:
            if elem.name in FOREIGN_ROOTS:
                foreign_above += 1
            if elem.name in OPTIONAL_END and not foreign_above:
                continue
            if elem.start < self.swallowed_at:
                continue  # its end tag may be in the text an unterminated tag swallowed (reported there)
            self.report(
                elem.start,
                elem.end,
                "unclosed-element",
                _unclosed_message(t, elem.start, elem.end, elem.name),
            )


#: A start tag typed in capitals with no attributes ('<H2>'): in prose, usually the tag's name mentioned.
_CAPS_TAG_RE = re.compile(r"<[A-Z][A-Z0-9]*>")


def _unclosed_message(text: str, start: int, end: int, name: str, before: str = "") -> str:
    """The message for an element never closed; a bare start tag in capitals ('headings like <H1> and
    <H2>') is most often the tag's name mentioned, which readers never see."""
    tag = _quote(text, start, end)
    if _CAPS_TAG_RE.fullmatch(text, start, end):
        return (
            f"'{tag}' is read as an HTML tag, hidden from readers and never closed: to show the tag's name "
            f"write &lt;{tag[1:-1]}&gt; or put it in a code span; else add '</{name}>'{before}"
        )
    return f"'{tag}' is never closed: add '</{name}>'{before}"


def _normalise_ranges(text: str, ranges: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    n = len(text)
    if ranges is None:
        return [(0, n)]
    out: list[tuple[int, int]] = []
    for s, e in sorted((max(0, s), min(n, e)) for s, e in ranges):
        if e <= s:
            continue
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def check_html(
    text: str, ranges: list[tuple[int, int]] | None = None, *, fragment: bool = True
) -> list[Problem]:
    """Well-formedness problems in HTML ``text`` (see the module docstring for codes and policies)."""
    checker = _HtmlChecker(text)
    spans = _normalise_ranges(text, None if not fragment else ranges)
    for s, e in spans:
        checker.scan(s, e)
    checker.finish()
    # Searched span by span (a match holds one '&', so none hides another): a Markdown draft checks each
    # paragraph's inline HTML on its own, and searching the whole text for each made that quadratic.
    for m in (m for s, e in spans for m in _DOUBLE_ESCAPED_RE.finditer(text, s, e)):
        ref = m.group(1)
        if ref[0] != "#" and ref not in _ENTITIES:
            continue
        if _standalone(text, m.start(), m.end()) and not _amp_between_words(text, m.start(), m.end(), ref):
            continue  # "&amp;ntilde;" alone in a cell or between spaces shows the code on purpose
        checker.report(
            m.start(),
            m.end(),
            "double-escaped-entity",
            f"'{m.group()}' is escaped twice and shows as '&{ref}': write '&{ref}'",
        )
    return sorted(set(checker.problems), key=lambda p: (p.start, p.end, p.code))


_CODE_OPEN_RE = re.compile(r"<(code|kbd|samp|pre|tt)\b", re.IGNORECASE)


def _amp_between_words(text: str, start: int, end: int, ref: str) -> bool:
    """'Traders &amp;amp; residents': an 'and' escaped twice, with spaces and words on both sides.

    A reference alone between spaces is usually a code shown on purpose, but '&amp;amp;' joining two words
    is the ampersand of the prose itself; only outside code, kbd, samp, pre and tt.
    """
    if ref != "amp;" or start < 2 or end + 1 >= len(text):
        return False
    if not (
        text[start - 1] == " " and text[end] == " " and text[start - 2].isalnum() and text[end + 1].isalnum()
    ):
        return False
    line0 = text.rfind("\n", 0, start) + 1
    before = text[line0:start]
    opened = [m.group(1).lower() for m in _CODE_OPEN_RE.finditer(before)]
    return not any(before.lower().rfind(f"</{n}") < before.lower().rfind(f"<{n}") for n in opened)


def _standalone(text: str, start: int, end: int) -> bool:
    """True when a reference stands alone between whitespace, tags or the ends of the text."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return (before.isspace() or before in ">\"'(") and (after.isspace() or after in "<\"').,;:")


# --------------------------------------------------------------------------------------------------------
# Mangled tags in prose
# --------------------------------------------------------------------------------------------------------

_HSPACE = "[ \\t\\u00a0]"
_MANGLED_BRACKET_RE = re.compile(
    rf"<(?:{_HSPACE}{{1,3}}(?P<s1>/)?{_HSPACE}{{0,3}}|(?P<s2>/){_HSPACE}{{1,3}})"
    rf"(?P<name>[A-Za-z][A-Za-z0-9]{{0,9}}){_HSPACE}{{0,3}}/?{_HSPACE}{{0,3}}>"
)
_BARE_RE = re.compile(rf"(?<![<\w/\-\ufffc&])(?P<slash>/)?(?P<name>[a-z][a-z0-9]{{0,9}}){_HSPACE}{{0,3}}>")
_AFTER_SPACES_RE = re.compile(rf"{_HSPACE}*")
_LEFT_OK = set('.!?:;,•·|)]"”’»–—*-')
_RIGHT_OK = set("\"'“‘«•·*<([–—")


def _bracket_message(text: str, start: int, m: re.Match[str]) -> str:
    slash = "/" if (m.group("s1") or m.group("s2")) else ""
    return f"Mangled tag '{_quote(text, start, m.end())}': write '<{slash}{m.group('name').lower()}>' or remove it"


def _left_context_ok(text: str, start: int) -> bool:
    k = start
    while k > 0 and text[k - 1] in " \t\u00a0":
        k -= 1
    if k == 0 or text[k - 1] in "\n\r":
        return True
    return text[k - 1] in _LEFT_OK or text[k - 1] == ">"


def _right_context_ok(text: str, end: int) -> bool:
    n = len(text)
    k = end
    while k < n and text[k] in " \t\u00a0":
        k += 1
    if k >= n or text[k] in "\n\r":
        return True
    c = text[k]
    return c.isupper() or c in _RIGHT_OK


def _right_is_number(text: str, end: int) -> bool:
    k = _AFTER_SPACES_RE.match(text, end).end()  # type: ignore[union-attr]
    return k < len(text) and (
        text[k].isdigit() or (text[k] in "+-.$" and k + 1 < len(text) and text[k + 1].isdigit())
    )


#: The longest text ``_BARE_RE`` matches: '/', a ten-character name, three spaces and '>'.
_BARE_MAX = 15


def _bare_tags(text: str):
    """The matches of ``_BARE_RE.finditer(text)``, found faster: every match ends at the first '>' after
    its name, so only the few characters before each '>' are searched (the pattern has no literal
    prefix, so a plain ``finditer`` tries every position of the draft). Its look-behind still sees the
    characters before the window."""
    end = 0  # where the previous match ended
    gt = text.find(">")
    while gt >= 0:
        m = _BARE_RE.search(text, max(end, gt - _BARE_MAX), gt + 1)
        if m is not None:
            yield m
            end = m.end()
        gt = text.find(">", gt + 1)


#: An escaped '<' (``&lt;``, ``&#60;``, ``&#x3c;``) ending where a bare tag name starts.
_ESCAPED_LT_RE = re.compile(r"&(?:lt|#0*60|#[xX]0*3[cC]);$", re.IGNORECASE)


def find_mangled_tags(text: str) -> list[Problem]:
    """Fragments of HTML tags broken by copy-paste or scrapers in prose (code ``mangled-tag``)."""
    # Each candidate: (start, end, name, strong, message)
    cands: list[tuple[int, int, str, bool, str]] = []
    taken: list[tuple[int, int]] = []
    for m in _MANGLED_BRACKET_RE.finditer(text):
        name = m.group("name")
        if name not in KNOWN_TAGS:
            continue
        s, e = m.start(), m.end()
        if (s > 0 and text[s - 1] in "{%") or (e < len(text) and text[e] in "}%"):
            continue
        if _right_is_number(text, e):
            continue
        strong = name in UNAMBIGUOUS_TAGS or len(name) > 1 and name not in AMBIGUOUS_TAGS
        cands.append((s, e, name, strong, _bracket_message(text, s, m)))
        taken.append((s, e))
    k = 0
    for m in _bare_tags(text):
        name = m.group("name")
        if name not in KNOWN_TAGS:
            continue
        s, e = m.start(), m.end()
        while k < len(taken) and taken[k][1] <= s:
            k += 1
        if k < len(taken) and taken[k][0] < e:
            continue  # inside a bracketed candidate
        if e < len(text) and text[e] in "=>-}%":
            continue  # >=, >>, ->, {{< x >}}, {% x %}
        # a '<' before the name (other than a finished tag) means "x < b > y" or a real tag
        j = s
        while j > 0 and text[j - 1] in " \t\u00a0":
            j -= 1
        if j > 0 and text[j - 1] in "<{%":
            continue
        if j > 0 and text[j - 1] == ";" and _ESCAPED_LT_RE.search(text, max(0, j - 6), j):
            continue  # '&lt;link>': a tag shown to readers with its '<' escaped, as meant
        if _right_is_number(text, e):
            continue
        after = _AFTER_SPACES_RE.match(text, e).end()  # type: ignore[union-attr]
        if after < len(text) and text[after] in ".#*:[":
            continue  # CSS selector: div > .class
        nxt = re.match(r"[a-z][a-z0-9]*\b", text[after : after + 12])
        if nxt is not None and nxt.group() in KNOWN_TAGS:
            follow = _AFTER_SPACES_RE.match(text, after + nxt.end()).end()  # type: ignore[union-attr]
            if follow >= len(text) or text[follow] != ">":
                continue  # CSS child combinator: ul > li
        # "/p>" glued to nothing on the left is tag-like enough when the right side looks like text.
        strong = name in UNAMBIGUOUS_TAGS or (m.group("slash") is not None and _right_context_ok(text, e))
        frag = text[s:e]
        slash = "/" if m.group("slash") else ""
        closing = f"'</{name}>'" if slash else f"'<{name}>' or '</{name}>'"
        msg = f"Mangled tag '{frag}' (broken {closing}): remove it or restore the tag"
        cands.append((s, e, name, strong, msg))
    cands.sort()
    accepted = [False] * len(cands)
    for idx, (s, e, _name, strong, _msg) in enumerate(cands):
        if strong:
            accepted[idx] = True
        elif _left_context_ok(text, s) and _right_context_ok(text, e):
            accepted[idx] = True
    # Ambiguous names next to an accepted neighbour on the same line (only spaces between) count as well.
    # One sweep to the right and one to the left propagate acceptance along a whole run of neighbours.
    for order in (range(len(cands)), range(len(cands) - 1, -1, -1)):
        for idx in order:
            s, e = cands[idx][0], cands[idx][1]
            if accepted[idx]:
                continue
            for nb in (idx - 1, idx + 1):
                if 0 <= nb < len(cands) and accepted[nb]:
                    a, b = (cands[nb][1], s) if nb < idx else (e, cands[nb][0])
                    if a <= b and text[a:b].strip(" \t\u00a0") == "":
                        side_ok = _left_context_ok(text, s) if nb > idx else _right_context_ok(text, e)
                        if side_ok or text[a:b] == "":
                            accepted[idx] = True
                            break
    return [
        Problem(s, e, "mangled-tag", msg)
        for (s, e, _n, _st, msg), ok in zip(cands, accepted, strict=True)
        if ok
    ]


# --------------------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------------------

OBJ = "\ufffc"
_PREFIX_RE = re.compile(
    r"[ \t]*(?:>[ \t]?[ \t]*)*(?:(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)?(?:\[[ xX]\][ \t]+)?"
)
_QUOTE_PREFIX_RE = re.compile(r"[ \t]*(?:>[ \t]?[ \t]*)*")
_LINK_SPACE_RE = re.compile(
    r"(?<![\\\w\]!])\[(?P<text>[^\[\]\n]{1,200})\][ \t]+\((?P<url>(?:https?://|mailto:|www\.|/|\./|\.\./|#)"
    r"[^\s()]*|\ufffc+)\)"
)
_EMPTY_TEXT_RE = re.compile(r"(?<![\\!\w\]])\[\]\((?P<url>[^()\s]+)\)")
_EMPTY_URL_RE = re.compile(r"(?<![\\\]])!?\[(?P<text>[^\[\]\n]+)\]\([ \t]*(?:<>)?[ \t]*\)")
_LINK_OPEN_RE = re.compile(r"(?<![\\\]])\[(?P<text>[^\[\]]{1,300})\]\(")
# A link whose destination opens with '<' and never closes it ('[text](<foo\\>)': an escaped '>' does not close).
_POINTY_OPEN_RE = re.compile(r"(?<![\\\]])\[(?P<text>[^\[\]\n]{1,300})\]\(<(?:[^<>\\\n]|\\.)*(?=[<\n]|$)")
_REF_LINK_RE = re.compile(
    r"(?<![\\\w\]])(?P<bang>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\[\]]{0,300}\]){1,300})\]\[(?P<label>[^\[\]]{0,999})\](?!\()"
)
_DESTINATION_RE = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:[ \t]+\"[^\"\n]*\")?\)")
#: What the emphasis check blanks (comments, tags, autolinks, URLs, e-mail addresses), each with a string
#: every match holds: a unit without it is not searched (the e-mail pattern opens with a look-behind, so
#: the regex engine would try it at every character).
_BLANK_RES = (
    ("<", re.compile(r"<!--.*?-->", re.S)),
    ("<", re.compile(r"</?[A-Za-z][^<>\n]*>")),
    ("<", re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>")),
    ("", re.compile(r"(?:https?|ftp)://[^\s<>()\[\]*]+|www\.[^\s<>()\[\]*]+")),
    ("@", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")),
)
_NON_SPACE_RE = re.compile(r"\S{0,300}")
_DELIM_RE = re.compile(r"\*+|_+")
_FENCE_LINE_RE = re.compile(r"[ \t>]*(`{3,}|~{3,})[ \t]*$")
_HEADING_RE = re.compile(r"(#{1,6})([^\s#!][^\n]*)")
_ASCII_PUNCT = frozenset(string.punctuation)


def _is_punct(c: str) -> bool:
    """CommonMark punctuation: ASCII punctuation or a Unicode P* / S* character (the mask mark excepted)."""
    if c in _ASCII_PUNCT:
        return True
    return c != OBJ and not c.isascii() and unicodedata.category(c)[0] in "PS"


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every character but ``\\n`` inside ``spans`` (in order, not overlapping) replaced by
    ``OBJ``."""
    if not spans:
        return text
    parts = []
    pos = 0
    for s, e in spans:
        if e <= s:
            continue
        parts.append(text[pos:s])
        parts.append(fill_except(text[s:e], OBJ, "\n"))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


class _Unit(NamedTuple):
    start: int
    end: int
    kind: str  # "paragraph", "heading", "cell"


def _masked_text(source: str, masked: list[tuple[int, int]]) -> str:
    if not masked:
        return source
    parts: list[str] = []
    append = parts.append
    find = source.find
    pos = 0
    n = len(source)
    for s, e in sorted(masked):
        s, e = max(s, pos), min(e, n)
        if e <= s:
            continue
        append(source[pos:s])
        if find("\n", s, e) < 0:  # most ranges (a URL, a code span) are one line
            append(OBJ * (e - s))
        else:
            append(fill_except(source[s:e], OBJ, "\n"))
        pos = e
    append(source[pos:])
    return "".join(parts)


_BREAK_RE = re.compile(r"\r\n|\r|\n")


def _line_starts(source: str) -> list[int]:
    """Line starts counting \\n, \\r\\n and a lone \\r as markdown-it does (its line maps index these;
    ``Source.line_starts`` counts the same)."""
    starts = [0]
    starts.extend(m.end() for m in _BREAK_RE.finditer(source))
    return starts


def _fences_and_inlines(tokens) -> tuple[list, list]:
    """The fence tokens, and each inline token with the token before it, in one pass over ``tokens`` (the
    document's ``BlockTokens`` make each item on access: there only those items are made, picked by
    their types)."""
    type_names = getattr(tokens, "type_names", None)
    if type_names is not None:
        types = type_names()
        fences = [tokens[i] for i, t in enumerate(types) if t == "fence"] if "fence" in types else []
        return fences, tokens.inlines()
    fences = []
    inlines = []
    parent = None
    for tok in tokens:
        if tok.type == "fence":
            fences.append(tok)
        elif tok.type == "inline" and parent is not None and tok.map is not None:
            inlines.append((parent.type, parent.markup, tok.map[0], tok.map[1]))
        parent = tok
    return fences, inlines


_MD_PARSER = None


def _md():
    """One CommonMark parser (tables on, raw HTML recognised), created on first use."""
    global _MD_PARSER
    if _MD_PARSER is None:
        from markdown_it import MarkdownIt

        _MD_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")
    return _MD_PARSER


def check_markdown(
    source: str,
    masked: list[tuple[int, int]],
    tokens: list | None = None,
    references: frozenset | set | None = None,
    line_starts=None,
) -> list[Problem]:
    """Broken Markdown syntax in raw ``source``; ``masked`` spans are ignored (see the module docstring).

    ``tokens`` and ``references`` are the block tokens and reference labels of the draft's one parse (the
    document keeps them; its text had front matter and template tags blanked, same length and lines);
    without them the source is parsed here. ``line_starts``: the source's line starts when the caller has
    them (``Source.line_starts``), else they are counted here.
    """
    problems: list[Problem] = []
    starts = _line_starts(source) if line_starts is None else line_starts
    n = len(source)

    def line_span(line: int) -> tuple[int, int]:
        s = starts[line] if line < len(starts) else n
        e = starts[line + 1] if line + 1 < len(starts) else n
        while e > s and source[e - 1] in "\r\n":
            e -= 1
        return s, e

    # 1. fences, on the original source
    masks = sorted(masked)
    mask_starts = [s for s, _e in masks]
    reach: list[int] = []  # reach[k]: the furthest end among masks[0..k]
    for _s, e in masks:
        reach.append(max(e, reach[-1]) if reach else e)
    work = _masked_text(source, masked)
    if tokens is None:  # no parse to reuse: fences from the source, the rest from the masked text
        env: dict = {}
        fence_tokens = _md().parse(source) if ("```" in source or "~~~" in source) else []
        tokens = _md().parse(work, env)
        references = frozenset(env.get("references", {}))
        fence_tokens = _fences_and_inlines(fence_tokens)[0]
        inline_tokens = _fences_and_inlines(tokens)[1]
    else:
        fence_tokens, inline_tokens = _fences_and_inlines(tokens)
    for tok in fence_tokens:
        if tok.map is None:
            continue
        first, last = tok.map
        ls, le = line_span(first)
        fence_at = source.find(tok.markup, ls, le)
        if fence_at < 0:
            continue
        k = bisect.bisect_left(mask_starts, ls)
        if k and reach[k - 1] > fence_at:
            continue  # inside front matter or a template tag
        closed = False
        if last - 1 > first:
            cs, ce = line_span(last - 1)
            fm = _FENCE_LINE_RE.match(source, cs, ce)
            closed = (
                fm is not None
                and fm.end() == ce
                and fm.group(1)[0] == tok.markup[0]
                and len(fm.group(1)) >= len(tok.markup)
            )
        if not closed:
            end = le
            while end > fence_at and source[end - 1] in " \t\r":
                end -= 1
            problems.append(
                Problem(
                    fence_at,
                    end,
                    "unclosed-fence",
                    f"Code fence '{_quote(source, fence_at, end)}' is never closed: add a closing "
                    f"'{tok.markup}' line after the code",
                )
            )

    # 2. everything else, on the masked text (same length and lines, so its line maps apply to the source).
    # Parsing the masked text matters: Hugo and Liquid replace template tags before Markdown sees them, so
    # "[id]: {{< ref "x" >}}" is a definition there.
    refs = references or frozenset()
    units: list[_Unit] = []
    seen_rows: set[int] = set()
    for parent_type, parent_markup, first, last in inline_tokens:
        if parent_type == "paragraph_open":
            units.append(_Unit(starts[first], line_span(last - 1)[1], "paragraph"))
        elif parent_type == "heading_open":
            if parent_markup in ("=", "-"):
                last -= 1
            if last > first:
                units.append(_Unit(starts[first], line_span(last - 1)[1], "heading"))
        elif parent_type in ("th_open", "td_open") and first not in seen_rows:
            seen_rows.add(first)
            ls, le = line_span(first)
            # the row's cells: split at each '|' not escaped by a backslash (found by jumps, not read
            # character by character)
            cell_start = ls
            k = work.find("|", ls, le)
            while k >= 0:
                if k == ls or work[k - 1] != "\\":
                    if k > cell_start:
                        units.append(_Unit(cell_start, k, "cell"))
                    cell_start = k + 1
                k = work.find("|", k + 1, le)
            units.append(_Unit(cell_start, le, "cell"))

    # A draft that marks its sections with '#' headings: there a lone '#Word' paragraph is one too.
    type_names = getattr(tokens, "type_names", None)
    if type_names is not None:  # the document's ``BlockTokens``: only the heading tokens are made
        atx = any(tokens[i].markup.startswith("#") for i, t in enumerate(type_names()) if t == "heading_open")
    else:
        atx = any(t.type == "heading_open" and t.markup.startswith("#") for t in tokens)
    for unit in units:
        _check_unit(work, unit, refs, normalize_label, problems, atx, source)
    problems.sort(key=lambda p: (p.start, p.end, p.code))
    return problems


#: A backslash with the character it escapes, or a parenthesis (for :func:`_unmatched_parens`).
_PAREN_OR_ESCAPE_RE = re.compile(r"\\[\s\S]?|[()]")


def _unmatched_parens(text: str) -> set[int]:
    """Positions of '(' that no later ')' closes (backslash escapes honoured)."""
    opened: list[int] = []
    for m in _PAREN_OR_ESCAPE_RE.finditer(text):
        c = m.group()
        if c == "(":
            opened.append(m.start())
        elif c == ")":
            if opened:
                opened.pop()
    return set(opened)


def _blank_prefix(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


#: Container prefixes (blockquote markers, list markers, indentation) at the start of every line.
#: Each opens with a look-ahead for a character a prefix can start with, so a line without a prefix is no
#: match (an empty match, which changes nothing, would cost a call of the replacement function).
_LINE_PREFIX_RE = re.compile(r"^(?=[ \t>*+\-\[]|\d)" + _PREFIX_RE.pattern, re.M)
_LINE_QUOTE_PREFIX_RE = re.compile(r"^(?=[ \t>])" + _QUOTE_PREFIX_RE.pattern, re.M)


def _check_unit(
    work: str,
    unit: _Unit,
    refs: set[str],
    normalize,
    problems: list[Problem],
    atx: bool = False,
    source: str | None = None,
) -> None:
    """``source``: the draft before masking (same length as ``work``), whose characters the emphasis
    check reads where a delimiter run touches a masked or blanked span."""
    base = unit.start
    local = work[unit.start : unit.end]
    # Each check below needs a character the unit may lack (blanking prefixes only turns characters into
    # spaces, so it adds none): a '[' for the links, a '*' or '_' for the emphasis, a '#' for the heading.
    if "[" not in local and "#" not in local and "*" not in local and "_" not in local:
        return
    heading_line: str | None = None
    if unit.kind == "paragraph":
        first = local.split("\n", 1)[0]
        qm = _QUOTE_PREFIX_RE.match(first)
        heading_line = first[qm.end() :] if qm else first
        heading_at = base + (qm.end() if qm else 0)
    # blank container prefixes (blockquote markers, list markers, indentation) on every line
    prefix_re = _LINE_PREFIX_RE if unit.kind == "paragraph" else _LINE_QUOTE_PREFIX_RE
    text = prefix_re.sub(_blank_prefix, local)

    # links: every link pattern needs a '[' and a ']'
    if "[" in text and "]" in text:
        _check_links(work, base, text, refs, normalize, problems)

    # emphasis: blank link destinations, HTML, autolinks, URLs and emails first. Only runs of two or three
    # delimiters are checked, and blanking never makes a run, so text without '**' or '__' has nothing here.
    if "**" in text or "__" in text:
        _check_emphasis(work, unit, text, problems, work if source is None else source)
    if "*" in text or "_" in text:
        _check_single_emphasis(work, unit, text, problems)

    # heading without a space
    if heading_line is not None:
        lone = atx and "\n" not in local.strip()
        _check_heading(work, heading_line, heading_at, problems, lone)


def _bracket_matches(rx: re.Pattern[str], text: str):
    """``rx.finditer(text)`` for a link pattern whose every match starts at a '[' (or at the '!' of '!['),
    trying only those places: the patterns open with a look-behind, which keeps the regex engine from
    skipping ahead to the bracket, so a plain ``finditer`` tries every character. A look-behind still
    sees the text before the place tried."""
    end = 0  # where the previous match ended (matches do not overlap)
    p = text.find("[")
    while p >= 0:
        m = None
        if p - 1 >= end and text[p - 1] == "!":
            m = rx.match(text, p - 1)
        if m is None:
            m = rx.match(text, p)
        if m is None:
            p = text.find("[", p + 1)
        else:
            yield m
            end = m.end()
            p = text.find("[", end)


def _check_links(work: str, base: int, text: str, refs, normalize, problems: list[Problem]) -> None:
    """Broken links of one unit (``text`` starts at ``base`` in ``work``). Each pattern is only searched
    when the text holds the brackets it needs (most paragraphs have no links)."""
    for m in _bracket_matches(_LINK_SPACE_RE, text):
        label = m.group("text").strip()
        if label in ("", "x", "X"):
            continue
        s, e = base + m.start(), base + m.end()
        problems.append(
            Problem(
                s,
                e,
                "link-space",
                f"'{_quote(work, s, e)}' is not a link because of the space between ']' and '(': remove the space",
            )
        )
    for m in _bracket_matches(_EMPTY_TEXT_RE, text) if "[](" in text else ():
        s, e = base + m.start(), base + m.end()
        problems.append(
            Problem(
                s,
                e,
                "empty-link",
                f"Link '{_quote(work, s, e)}' has no text: readers see nothing to click; add link text",
            )
        )
    for m in _bracket_matches(_EMPTY_URL_RE, text) if "](" in text else ():
        s, e = base + m.start(), base + m.end()
        problems.append(
            Problem(
                s,
                e,
                "empty-link",
                f"Link '{_quote(work, s, e)}' has an empty destination: add the URL",
            )
        )
    unmatched: set[int] | None = None  # computed on the first '[text](' only
    for m in _bracket_matches(_LINK_OPEN_RE, text) if "](" in text else ():
        if unmatched is None:
            unmatched = _unmatched_parens(text)
        if m.end() - 1 not in unmatched:
            continue
        dest_end = _NON_SPACE_RE.match(text, m.end()).end()  # type: ignore[union-attr]
        if dest_end == m.end():
            continue  # '[x](' then a space or line end: not clearly a link
        s, e = base + m.start(), base + dest_end
        problems.append(
            Problem(
                s,
                e,
                "unclosed-link",
                f"Link '{_quote(work, s, e)}' is never closed: add ')' after the URL",
            )
        )
    for m in _bracket_matches(_POINTY_OPEN_RE, text) if "](<" in text else ():
        s, e = base + m.start(), base + m.end()
        problems.append(
            Problem(
                s,
                e,
                "unclosed-link",
                f"Link '{_quote(work, s, e)}' opens its URL with '<' and never closes it: add an unescaped '>'",
            )
        )
    for m in _bracket_matches(_REF_LINK_RE, text) if "][" in text else ():
        label = m.group("label") or m.group("text")
        if label.startswith("^") or OBJ in label or not label.strip():
            continue
        if normalize(label) in refs:
            continue
        s, e = base + m.start(), base + m.end()
        problems.append(
            Problem(
                s,
                e,
                "undefined-reference",
                f"Reference link '{_quote(work, s, e)}' has no definition: add a line '[{label.strip()}]: URL'",
            )
        )


def _check_emphasis(
    work: str, unit: _Unit, text: str, problems: list[Problem], source: str | None = None
) -> None:
    """Bold runs (``**``, ``__``, ``***``) opened and never closed in one unit, by CommonMark's flanking
    rules. Link destinations, tags, autolinks, URLs and e-mail addresses are blanked first so their
    characters open and close nothing; the character next to a run is still read from ``source`` (the draft
    before masking and blanking, same length) when the run touches a blanked span, since CommonMark's
    flanking test sees the tag's '<' or '>', the code span's backtick, not a blank."""
    base = unit.start
    src = work if source is None else source
    etext = _blank_spans(text, [(m.start() + 1, m.end()) for m in _DESTINATION_RE.finditer(text)])
    for needle, rx in _BLANK_RES:
        if needle in etext:
            etext = _blank_spans(etext, [m.span() for m in rx.finditer(etext)])
    stacks: dict[str, list[int]] = {"*": [], "_": []}
    lengths: dict[int, int] = {}
    n = len(etext)
    for m in _DELIM_RE.finditer(etext):
        s, e = m.span()
        ch = etext[s]
        if s > 0 and etext[s - 1] == "\\":
            bs = s - 1
            while bs > 0 and etext[bs - 1] == "\\":
                bs -= 1
            if (s - bs) % 2 == 1:
                s += 1
        run = e - s
        if run < 2:
            continue
        before = etext[s - 1] if s > 0 else " "
        if before == OBJ:
            before = src[base + s - 1]
        after = etext[e] if e < n else " "
        if after == OBJ:
            after = src[base + e]
        left = not after.isspace() and (not _is_punct(after) or before.isspace() or _is_punct(before))
        right = not before.isspace() and (not _is_punct(before) or after.isspace() or _is_punct(after))
        if ch == "_":
            can_open = left and (not right or _is_punct(before))
            can_close = right and (not left or _is_punct(after))
        else:
            can_open = left and not before.isalnum()
            can_close = right
        stack = stacks[ch]
        if run > 3:
            # A run of four or more is not checked as an opener, but as a closer it closes as many open
            # runs as it holds ('**a **b****' is bold nested in bold, no literal asterisks). What is left
            # once every open run is closed shows as literal asterisks ('**Next******').
            if can_close and stack:
                left_over = run
                first = stack[0]
                while stack and left_over >= 2:
                    left_over -= lengths[stack.pop()]
                if left_over >= 2 and not stack:
                    problems.append(
                        Problem(
                            base + e - left_over,
                            base + e,
                            "unclosed-emphasis",
                            f"'{ch * run}' closes the bold text opened at "
                            f"'{_quote(work, base + first, base + min(first + 12, s))}' with {run - left_over} "
                            f"of its {run} marks; readers see the other {left_over} as literal "
                            f"'{ch}' characters: remove them",
                        )
                    )
            continue
        if can_close and stack:
            stack.pop()
        elif stack and _is_punct(before) and not after.isspace() and not _is_punct(after):
            # "**Blog—**An": meant to close, but CommonMark does not let '**' after punctuation close when
            # a letter follows, so both runs show as literal asterisks.
            opener = stack.pop()
            frag = _quote(work, base + s - 1, base + min(e + 3, n)).rstrip()
            problems.append(
                Problem(
                    base + opener,
                    base + e,
                    "unclosed-emphasis",
                    f"'{ch * run}' in '{frag}' cannot close the bold text opened at "
                    f"'{_quote(work, base + opener, base + min(opener + 12, e))}': after punctuation it needs a "
                    f"space or punctuation next; move it before '{before}' or add a space",
                )
            )
        elif can_open:
            stack.append(s)
            lengths[s] = run
    for ch, stack in stacks.items():
        for s in stack:
            run = lengths[s]
            line_end = etext.find("\n", s)
            stop = min(s + 30, n if line_end < 0 else line_end)
            frag = _quote(work, base + s, base + stop).rstrip()
            kind = "bold" if run == 2 else "bold italic"
            problems.append(
                Problem(
                    base + s,
                    base + s + run,
                    "unclosed-emphasis",
                    f"'{frag}' opens {kind} text with '{ch * run}' that is never closed in this "
                    f"{unit.kind}: add the closing '{ch * run}' or remove it",
                )
            )


# A single '*' that opens italic text: at the start of a line or after a space, a square bracket, an
# opening quote or a dash (after '(' it marks a note: "(*A helpful note: ...)"), with a letter, digit or
# quote next (so not '5 * 3', '*.txt', '**', a bullet or a
# footnote star after a word). A single '_' only at the start of a line ('_Editor's note: ...'), since
# '_id' and snake_case names are identifiers. Each branch starts with its mark and looks behind it
# (two characters: no character but an allowed one before the mark), so the regex engine skips ahead
# from one '*' or '_' to the next instead of trying a look-behind at every character of the unit.
_SINGLE_OPEN_RE = re.compile(
    r"\*(?<![^\s\[\"'“‘—–]\*)(?=[A-Za-z0-9\"'“‘])"
    r"|_(?<![^\n]_)(?=[A-Za-z])",
)
# A star after a word or figure that closes nothing on its line: a footnote mark ("from $20*").
_STAR_AFTER_RE = re.compile(r"(?<=[\w%$)\].,])\*(?![\w*])")
_STAR_BEFORE_RE = re.compile(r"(?<![\w*])\*(?=\w)")


#: An earlier line of the unit that starts with '*' right before a letter or digit (a bullet with no space).
_STAR_LINE_RE = re.compile(r"(?m)^[ \t]*\*(?=[A-Za-z0-9])")


def _has_footnote_star(work: str) -> bool:
    """True when some line of the draft has a star after a word or figure with no star opening a word
    before it on that line: a footnote mark, which a line starting with '*' explains."""
    for line in work.split("\n"):
        if "*" not in line:
            continue
        after = _STAR_AFTER_RE.search(line)
        if after is not None:
            before = _STAR_BEFORE_RE.search(line, 0, after.start())
            if before is None:
                return True
    return False


def _check_single_emphasis(work: str, unit: _Unit, text: str, problems: list[Problem]) -> None:
    """Italic text opened with a single '*' (or a line-initial '_') and never closed in its unit: no
    later '*' (or '_') at all in the unit, so markdown-it shows the mark as a literal character. A line
    that starts with '*' is a footnote when the draft has a footnote mark."""
    base = unit.start
    footnotes: bool | None = None
    for m in _SINGLE_OPEN_RE.finditer(text):
        s = m.start()
        ch = text[s]
        if text.find(ch, s + 1) >= 0:
            continue  # another mark later in the unit: a closer, or a case left to the bold check
        if s > 0 and text[s - 1] == "*" or text.startswith("**", s):
            continue
        line_start = s == 0 or text[s - 1] == "\n" or not text[:s].strip()
        if ch == "*" and line_start:
            if footnotes is None:
                footnotes = _has_footnote_star(work)
            if footnotes:
                continue
        # The mark must open a run of words: at least two words follow on its line.
        line_end = text.find("\n", s)
        rest = text[s + 1 : len(text) if line_end < 0 else line_end]
        if len(rest.split()) < 2 or OBJ in rest.split()[0]:
            continue
        frag = _quote(work, base + s, base + min(s + 30, s + 1 + len(rest))).rstrip()
        if ch == "*" and line_start and _STAR_LINE_RE.search(text, 0, s):
            # Lines typed '*Part A: ...' / '*Part B: ...': list items missing the space after the bullet.
            message = (
                f"'{frag}': lines that start with '*' and no space are no list, and readers see the "
                "asterisks: add a space after each '*' (or close the italic text)"
            )
        else:
            message = (
                f"'{frag}' opens italic text with '{ch}' that is never closed in this {unit.kind}: "
                f"add the closing '{ch}' or remove it"
            )
        problems.append(Problem(base + s, base + s + 1, "unclosed-emphasis", message))


def _check_heading(
    work: str, heading_line: str, heading_at: int, problems: list[Problem], lone: bool = False
) -> None:
    """``lone``: the line is a paragraph of its own in a draft with '#' headings, where a single
    capitalised word after '#' (``#Errors``) is a section heading too, not a hashtag."""
    hm = _HEADING_RE.match(heading_line)
    if hm is not None:
        hashes, rest = hm.group(1), hm.group(2).rstrip()
        words = rest.split()
        first = words[0] if words else ""
        ok = False
        if len(hashes) >= 2 and rest[:1].isalpha():
            ok = True
        elif (
            2 <= len(words) <= 12
            and (first[:1].isupper() or first[:1].isdigit())
            and not rest.endswith((".", ","))
            and not re.search(r"[a-z][A-Z]", first)
            and OBJ not in first
        ):
            ok = True
        elif lone and len(words) == 1 and first[:1].isupper() and first.isalpha() and first[1:].islower():
            ok = True
        if ok:
            s = heading_at
            e = s + len(hashes) + len(rest)
            problems.append(
                Problem(
                    s,
                    e,
                    "heading-no-space",
                    f"'{_quote(work, s, e, 30)}' is not a heading without a space after '{hashes}': "
                    f"write '{hashes} {_quote(rest, 0, len(rest), 24)}'",
                )
            )


# --------------------------------------------------------------------------------------------------------
# Tag-like text that reaches readers as text: Markdown that is not valid HTML, tags left in plain text,
# double-escaped entities outside HTML
# --------------------------------------------------------------------------------------------------------

# "<name rest>" on one line; "rest" stops at the next "<" or ">" (a '\<' escape is deliberate and skipped).
#: The look-behind comes after the literal '<' (see ``_CUT_END_RE``).
_LITERAL_TAG_RE = re.compile(r"<(?<!\\<)(/?)([A-Za-z][A-Za-z0-9+.-]*)([^<>\n]{0,200})(>?)")
_ATTR_EQ_RE = re.compile(r"\s[A-Za-z_:][-\w:.]*\s*=")
_GLUED_ATTR_RE = re.compile(r"=\s*(\"[^\"]*\"|'[^']*')[^\s/>]")


def _literal_reason(is_end: str, name: str, rest: str, closed: str, elements: frozenset[str]) -> str | None:
    """Why a '<...' the Markdown parser left as text was meant as markup, or None when it was prose."""
    if rest.startswith(":") and len(name) >= 1:
        if not closed:
            return None
        if any(c.isspace() for c in rest):
            return "an autolink cannot contain spaces (write %20 or use [text](url))"
        return "an autolink needs a scheme of two or more letters and no spaces (<https://...>)"
    if not is_end and name.lower() not in elements:
        if closed and not any(c.isspace() for c in rest) and ("@" in name + rest or "." in name):
            return "an autolink needs a scheme (<https://...>) or a valid e-mail address"
        return None
    if is_end:
        if name.lower() not in elements:
            return None
        if closed and rest.strip():
            return "an end tag cannot have attributes"
        return None
    if not closed and not _ATTR_EQ_RE.search(rest):
        return None
    if rest.count('"') % 2 or rest.count("'") % 2:
        return "its attribute quotes do not match"
    if _GLUED_ATTR_RE.search(rest):
        return "attributes need a space between them"
    if not closed:
        return "the tag is never closed with '>'"
    return "its attribute syntax is not valid HTML"


def find_literal_tags(text: str, elements: frozenset[str]) -> list[Problem]:
    """Tag-like text in Markdown prose that the parser did not take as HTML or an autolink.

    ``text`` has code, front matter, comments, template tags and everything the parser *did* read as
    HTML or an autolink blanked out (same length). What is left and starts like an HTML element with
    attributes (``<a href="x'>``, ``<a href='x'title=y>``), an end tag with attributes (``</a href="x">``)
    or an autolink (``<https://example.org/a b>``, ``<m:abc>``) is shown to readers as literal text.
    Prose such as ``a < b``, ``<3`` or ``<Ctrl+C>`` is left alone.
    """
    out = []
    for m in _LITERAL_TAG_RE.finditer(text):
        is_end, name, rest, closed = m.groups()
        why = _literal_reason(is_end, name, rest, closed, elements)
        if why is None:
            continue
        shown = _quote(text, m.start(), m.end())
        out.append(
            Problem(
                m.start(),
                m.end(),
                "literal-tag",
                f"'{shown}' is not valid HTML ({why}), so readers see it as text: fix it or escape '<' as '&lt;'",
            )
        )
    return out


_TEXT_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,9})\b([^<>\n]{0,200})(>|[ \t]*$)", re.M)


def find_text_tags(text: str, elements: frozenset[str]) -> list[Problem]:
    """HTML tags left in a plain-text draft (which no browser renders, so readers see them).

    Reported: an opening tag never closed (``<b>`` with no ``</b>`` after it), an end tag with no
    opening one, and a tag cut off at the end of a line (``</p``, ``</li``). A tag with its partner
    (``<b>...</b>``) is reported once, at the opening tag, as markup left in the text.
    """
    tags = []
    for m in _TEXT_TAG_RE.finditer(text):
        is_end, name, rest, close = m.groups()
        lname = name.lower()
        if lname not in elements:
            continue
        if close != ">":
            # Cut off at a line end: an end tag, or an opening tag that is bare or has an attribute;
            # anything else ("<A: note") is prose.
            if is_end or _ATTR_EQ_RE.search(rest) or not rest.strip():
                end = m.start() + 1 + len(is_end) + len(name) + len(rest.rstrip())
                tags.append((m.start(), end, lname, "cut-end" if is_end else "cut"))
            continue
        if not is_end and rest and not rest[0].isspace() and rest[0] != "/":
            continue
        tags.append((m.start(), m.end(), lname, "end" if is_end else "open"))
    out = []
    open_stack: dict[str, list[int]] = {}
    paired: set[int] = set()
    for k, (_s, _e, name, kind) in enumerate(tags):
        if kind == "open" and name not in VOID_ELEMENTS:
            open_stack.setdefault(name, []).append(k)
        elif kind in ("end", "cut-end") and open_stack.get(name):
            paired.add(open_stack[name].pop())
            paired.add(k)
    for k, (s, e, name, kind) in enumerate(tags):
        shown = text[s:e].strip()
        if kind in ("cut", "cut-end"):
            msg = f"Tag '{shown}' is cut off at the end of the line and left in the text: remove it"
        elif k in paired:
            if kind == "end":
                continue
            msg = f"HTML tag '{shown}' left in a plain-text draft: readers see it; remove the markup"
        elif kind == "open" and name not in VOID_ELEMENTS:
            msg = f"'{shown}' is opened and never closed, and plain text shows it as is: remove it"
        elif kind == "open":
            msg = f"HTML tag '{shown}' left in a plain-text draft: readers see it; remove it"
        else:
            msg = f"End tag '{shown}' with no opening tag, left in the text: remove it"
        out.append(Problem(s, e, "text-tag", msg))
    return out


#: The look-behind (no '<' or backslash before the '</') comes after the literal '</', so the regex engine
#: jumps from one '</' to the next instead of trying every position.
_CUT_END_RE = re.compile(r"</(?<![<\\]</)([A-Za-z][A-Za-z0-9]{0,9})[ \t]*$", re.M)


def find_cut_end_tags(text: str, elements: frozenset[str]) -> list[Problem]:
    """An end tag cut off at the end of a line (``...the page.</p``) in Markdown prose, where it is no
    HTML (an end tag needs its ``>``) and readers see it as text (code ``mangled-tag``). ``text`` has
    code, URLs and comments blanked; raw HTML that does end with ``>`` is left to the HTML checks."""
    out = []
    for m in _CUT_END_RE.finditer(text):
        name = m.group(1).lower()
        if name not in elements:
            continue
        nxt = text[m.end() : m.end() + 2].lstrip("\r\n")
        if nxt.startswith(">"):
            continue  # "</p" and ">" on the next line: one end tag across a line break
        shown = m.group().rstrip()
        out.append(
            Problem(
                m.start(),
                m.start() + len(shown),
                "mangled-tag",
                f"Tag '{shown}' is cut off at the end of the line and shown as text: write '</{name}>' "
                "or remove it",
            )
        )
    return out


def find_double_escaped(text: str) -> list[Problem]:
    """``&amp;nbsp;``, ``&amp;#8217;`` in prose outside HTML (Markdown, plain text): a second escape
    that shows the entity's code to readers. ``text`` has code blanked out."""
    out = []
    for m in _DOUBLE_ESCAPED_RE.finditer(text):
        ref = m.group(1)
        if ref[0] != "#" and ref not in _ENTITIES:
            continue
        out.append(
            Problem(
                m.start(),
                m.end(),
                "double-escaped-entity",
                f"'{m.group()}' is escaped twice, so readers see an entity code instead of the character: "
                f"write the character (or '&{ref}' where HTML is wanted)",
            )
        )
    return out


def add_new(found: list, extra: list) -> list:
    """``found`` plus the problems of ``extra`` that start where nothing in ``found`` does."""
    if not extra:
        return found
    starts = {p.start for p in found}
    return sorted([*found, *(p for p in extra if p.start not in starts)])


def _fill_keeping_breaks(segment: str, fill: str) -> str:
    """Every character of ``segment`` but line breaks replaced by ``fill``."""
    return fill_except(segment, fill)


def blank_ranges(text: str, ranges, fill: str = " ") -> str:
    """``text`` with every character inside ``ranges`` replaced by ``fill`` (line breaks kept, so offsets
    and lines stay where they were)."""
    if not ranges:
        return text
    parts = []
    append = parts.append
    find = text.find
    n = len(text)
    pos = 0
    for s, e in sorted(ranges):
        if e <= pos:
            continue
        if s < pos:
            s = pos
        append(text[pos:s])
        end = min(e, n)
        if end > s:
            if (
                find("\n", s, end) < 0 and find("\r", s, end) < 0
            ):  # most ranges (a URL, a code span) are one line
                append(fill * (end - s))
            else:
                append(fill_except(text[s:end], fill))
        pos = e
    append(text[pos:])
    return "".join(parts)


_POINTY_DESTINATION = re.compile(r"\]\(\s*$")


def literal_tag_problems(doc, elements: frozenset[str]) -> list[Problem]:
    """:func:`find_literal_tags` over a Markdown document: everything the parser read as code, HTML or an
    autolink is blanked first (a '<' left over is one the reader sees as text). Two shapes are left
    alone, since readers never see them as typed: a link destination in angle brackets (``[text](<url
    with spaces>)``) and a tag whose attribute holds a template tag (``<img src="{{ "/a.gif" | url
    }}">``), which the site generator fills in before Markdown runs."""
    text = doc.text
    if "<" not in text:
        return []  # every literal tag opens with one (blanking adds none)
    ranges = list(doc.ranges("code", "code_span", "template", "frontmatter", "comment", "html", "html_block"))
    ranges += [(s, e) for s, e in doc.ranges("url") if text.startswith("<", s)]
    templates = sorted(doc.ranges("template"))
    starts = [s for s, _ in templates]
    out = []
    for p in find_literal_tags(blank_ranges(text, ranges), elements):
        if _POINTY_DESTINATION.search(text, max(0, p.start - 3), p.start):
            continue
        k = bisect.bisect_left(starts, p.start)
        if k < len(starts) and starts[k] < p.end + 200 and text.find(">", p.start, starts[k]) < 0:
            continue  # a template tag inside the tag (before its first '>')
        out.append(p)
    return out


_ESCAPED_OPEN_RE = re.compile(r"&lt;([A-Za-z][A-Za-z0-9]{0,9})((?:\s[^&<>\n]{0,120})?)&gt;")


def find_escaped_tags(text: str, elements: frozenset[str]) -> list[Problem]:
    """A pair of tags escaped into text (``&lt;em&gt;word&lt;/em&gt;``): the markup was escaped once too
    often, so readers see the tags instead of the styling. Only an element's start tag with its end tag
    later on the same line counts (one tag named alone, ``the &lt;p&gt; element``, is how a tag is talked
    about). ``text`` has code blanked, so examples in code are left alone."""
    if "&lt;" not in text:
        return []
    out = []
    for m in _ESCAPED_OPEN_RE.finditer(text):
        name = m.group(1).lower()
        if name not in elements:
            continue
        line_end = text.find("\n", m.end())
        if line_end < 0:
            line_end = len(text)
        end_tag = re.compile(rf"&lt;/{re.escape(m.group(1))}\s*&gt;", re.IGNORECASE)
        em = end_tag.search(text, m.end(), line_end)
        if em is None or em.start() == m.end():
            continue
        out.append(
            Problem(
                m.start(),
                m.end(),
                "text-tag",
                f"Tags '&lt;{name}&gt;…&lt;/{name}&gt;' are escaped, so readers see '<{name}>' as text: "
                f"write the tags unescaped (or the format's own styling) or remove them",
            )
        )
    return out


_STYLE_SPAN_RE = re.compile(
    r"(?<=[\w,;:] )<span\s+(?:class|style)\s*=\s*(?:\"[^\"<>\n]*\"|'[^'<>\n]*')\s*>([^<>\n]{1,200})</span>",
    re.IGNORECASE,
)


def find_styling_spans(text: str) -> list[Problem]:
    """A ``<span class=…>`` or ``<span style=…>`` wrapping words in the middle of a Markdown sentence:
    rich-text editor residue. Markdown sites strip it or style it with a class the site does not have,
    so it is left-over markup, not formatting. ``text`` has code, HTML blocks and comments blanked; a
    span at the start of a line, inside link text or holding other tags is left alone."""
    if "<span" not in text and "<SPAN" not in text:
        return []
    out = []
    for m in _STYLE_SPAN_RE.finditer(text):
        if not m.group(1).strip():
            continue
        open_end = text.find(">", m.start()) + 1
        out.append(
            Problem(
                m.start(),
                open_end,
                "text-tag",
                f"'{_quote(text, m.start(), open_end)}' styles words inside a Markdown sentence: editor "
                "residue that Markdown sites strip or cannot style; remove the span and keep the words "
                "(or use *emphasis*)",
            )
        )
    return out
