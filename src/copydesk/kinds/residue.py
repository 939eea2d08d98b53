"""``residue``: lines a scraper or a CMS left in the copy, found by their shape as well as by a list.

A residue line stands alone (a line of its own) and is short. Three shapes, each from word lists in the
rule's YAML:

* a known whole line (``lines``: "Exit mobile version", "Advertisement", "Continue reading below");
* a teaser: a label from ``teaser_labels`` ("Also read", "Related", "Don't miss"), a separator (``:``,
  ``|``, ``»``, a dash) and a short title, where the title is not a link the author made (in Markdown and
  HTML a linked "Related: [report](...)" is the author's own cross-reference);
* a call to action: a line that starts with one of ``cta_starts`` ("Subscribe", "Sign up", "Get ...")
  and names one of ``cta_objects`` ("newsletter", "inbox"), at most ``max_words`` words, with no link;
  short questions may come first ("Enjoyed this post? Subscribe to ..."), and then the line may run to
  ``cta_max_words`` and end in a link whose text is itself a call ("[Sign up now](...)");
* a share or navigation bar: two or more items between bars, dots or bullets, every one of them one of
  ``nav_items`` ("Share on X | Email this post | Print", "Print this page | Back to top"), the first
  one possibly after a label that is itself one ("Share this article: Facebook | X | Email");
* a count a page template prints (``count_items``: "47 Comments"), alone or as one item of a byline
  ("By A. Writer | May 2 | 47 Comments": only the count is reported);
* a site notice (``notice_starts``: "We use cookies ..."): a block that starts with one, at most
  ``notice_max_words`` words.

Headings an author wrote in Markdown or HTML ("## Related posts" above a list of links) are not lines a
scraper left: the default scope leaves them out (plain-text headline lines are still judged).
"""

from __future__ import annotations

import functools
import re

from ..matching import PatternError, compile_pattern
from ..rules import Kind, Option
from ._common import _M_FLAG_RE, KindError, _anchored, delete_line, finding

_SEP = r"[ \t]*(?:[:|»›>→–—]+|-{1,2})[ \t]*"
# Between the items of a share bar or a byline: a bar, a middle dot, a bullet, or a spaced slash.
_ITEM_SEP = re.compile(r"[ \t]*[|·•][ \t]*|[ \t]+/[ \t]+")
# Short questions before a call to action ("Enjoyed this post? Subscribe to ..."), at most six words each.
_LEAD_QUESTIONS = re.compile(r"^[ \t]*(?:[^.?!\s]+(?:[ \t]+[^.?!\s]+){0,5}\?[ \t]+)+")
# The longest share bar written without separators, in words ("Share on Facebook Tweet Email Print").
_NAV_RUN_WORDS = 10
# The most words of a widget's heading ("Most popular this week"), and of a lone button ("Listen to this
# article", "Show all comments (41)").
_WIDGET_WORDS = 6
_LONE_WORDS = 5
# A separator a breadcrumb or menu line needs (a quick test before the menu pattern).
_MENU_SEP = re.compile(r"[›»>/|•·]|\s[-–]\s")
_LINK_RE = re.compile(r"\ufffc|https?://|www\.")


# The tags that open right before a text in HTML (``<div class="share"><a href="x">``), none closing between.
_OPEN_TAGS = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b([^<>]*)>\s*(?=(?:<[a-zA-Z][^<>]*>\s*)*$)")
_CLASS_ATTR = re.compile(r"""\b(?:class|id|aria-label|data-[\w-]+)\s*=\s*["']?([^"'<>]*)""", re.IGNORECASE)
_CLASS_WORDS = re.compile(r"[\s_-]+")
# A Markdown link the parser left as text (a "javascript:" target): "[Print this page](javascript:...)".
_RAW_MD_LINK = re.compile(r"^[ \t]*\[([^\[\]]+)\]\([^()\s]*(?:\([^()]*\))?[^()\s]*\)[ \t]*$")
# What is kept at the edges of a button's text besides letters and figures; icons, arrows and emoji go
# ("💬 23 Comments", "Next article →").
_KEPT = frozenset("(+)_\ufffc")  # (a masked URL or address is content, not decoration)


def _trim(line: str, a: int, b: int) -> tuple[int, int]:
    """``line[a:b]`` without the icons, arrows and spaces at its edges."""
    if a < b and line[a].isalnum() and line[b - 1].isalnum():
        return a, b  # (most items: nothing to trim)
    while a < b and not (line[a].isalnum() or line[a] in _KEPT):
        a += 1
    while b > a and not (line[b - 1].isalnum() or line[b - 1] in _KEPT):
        b -= 1
    return a, b


_BOLD_OPEN = re.compile(r"(?:\*\*|__|<(?:strong|b)(?:\s[^<>]*)?>)[ \t]*$", re.IGNORECASE)


def _bold_before(doc, block, i: int) -> bool:
    """The block's text at ``i`` is the first character inside bold markup (``**``, ``__``, ``<strong>``,
    ``<b>``) in the source."""
    src = block.source_offset(i)
    return bool(_BOLD_OPEN.search(doc.text, max(0, src - 40), src))


def _only_links(line: str, spans, start: int = 0) -> bool:
    """The text of ``line`` from ``start`` is link text, separators, icons and a label ending in a colon."""
    rest = list(line)
    for s, e in spans:
        for i in range(max(s, 0), min(e, len(rest))):
            rest[i] = " "
    left = "".join(rest[start:])
    left = _LABEL_BEFORE.sub(" ", left, count=1)
    return not any(c.isalnum() for c in left)


# A label before a bar of links ("Share:", "Get the app:"): at most four words and a colon.
_LABEL_BEFORE = re.compile(r"^[ \t]*[^\W\d][\w'’]*(?:[ \t]+[\w'’]+){0,3}[ \t]*:")


def _alternation(items: list[str]) -> str:
    # An empty list matches nothing: a character class no character is in.
    return "|".join(f"(?:{item})" for item in items) if items else r"[^\s\S]"


def _compile(pattern: str, key: str):
    """RE2, like every pattern from a rule pack: linear time whatever the pattern."""
    try:
        return compile_pattern(pattern, ignorecase=True)
    except PatternError as exc:
        raise KindError(key, str(exc)) from None


_LABEL_SEP = re.compile(r":[ \t]+")
_MAY_ALL = (True,) * 5  # every line-start pattern may match (see Residue._line_gates)
_MAY_NONE = (False,) * 5


def _labelled(line: str, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The items of a bar with a label before its first item split off ("Share this: Facebook | X"
    gives "Share this", "Facebook", "X"), so the label is judged as one more item."""
    if not items:
        return items
    a, b = items[0]
    m = _LABEL_SEP.search(line, a, b)
    if m is None:
        return items
    return [(a, m.start()), (m.end(), b), *items[1:]]


class Residue(Kind):
    analysis_parts = frozenset()
    name = "residue"
    default_message = "Scraper or CMS residue: '%s'; delete this line."
    default_scope = ("paragraph", "list_item", "blockquote", "table_cell", "heading")
    options = {
        "lines": Option("list", [], "whole lines that are residue (regular expressions, case-insensitive)"),
        "teaser_labels": Option("list", [], "labels that start a teaser line ('also read', 'related')"),
        "cta_starts": Option("list", [], "words that start a call to action ('subscribe', 'sign up')"),
        "cta_objects": Option("list", [], "what a call to action asks for ('newsletter', 'inbox')"),
        "max_words": Option("int", 16, "longest teaser or call-to-action line, in words"),
        "cta_max_words": Option(
            "int", 30, "longest call to action that opens with a short question or ends in a sign-up link"
        ),
        "nav_items": Option("list", [], "items of a share or navigation bar ('print', 'back to top')"),
        "count_items": Option(
            "list", [], "counts a page template prints, each with a figure ('47 comments')"
        ),
        "notice_starts": Option("list", [], "how a site notice starts ('we use cookies')"),
        "notice_max_words": Option("int", 60, "longest site notice, in words"),
        "widget_headings": Option(
            "list",
            [],
            "headings a page's recommendation widgets print ('you might also like'), in any format",
        ),
        "lone_buttons": Option(
            "list", [], "buttons that are residue even alone on a line ('print', 'copy link', '[Share](...)')"
        ),
        "menu_roots": Option("list", [], "the first item of a breadcrumb or menu line ('home')"),
        "widget_classes": Option(
            "list",
            [],
            "HTML class or id words of page widgets ('share', 'cookie'): short text inside is residue",
        ),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        o = self.opts
        if o["max_words"] < 1:
            raise KindError("max_words", "max_words must be at least 1")
        line_start = {
            "lines": rf"^[ \t]*(?:{_alternation(o['lines'])})[ \t]*$",
            "teaser_labels": rf"^[ \t]*(?:{_alternation(o['teaser_labels'])}){_SEP}(?P<title>\S.*)$",
            "cta_starts": rf"^[ \t]*(?:{_alternation(o['cta_starts'])})\b",
            "notice_starts": rf"^[ \t]*(?:{_alternation(o['notice_starts'])})\b",
            "widget_headings": rf"^[ \t]*(?:{_alternation(o['widget_headings'])})[ \t]*[:.!]?[ \t]*$",
        }
        self.whole = _compile(line_start["lines"], "lines")
        self.teaser = _compile(line_start["teaser_labels"], "teaser_labels")
        self.cta_start = _compile(line_start["cta_starts"], "cta_starts")
        self.cta_object = _compile(rf"\b(?:{_alternation(o['cta_objects'])})\b", "cta_objects")
        self.nav_item = _compile(rf"^(?:{_alternation(o['nav_items'])})$", "nav_items")
        # A bar without separators: two or more buttons side by side ("Share Tweet Email").
        nav = _alternation(o["nav_items"])
        self.nav_run = _compile(rf"^[ \t]*(?:{nav})(?:[ \t]+(?:{nav}))+[ \t]*$", "nav_items")
        self.count_item = _compile(rf"^(?:{_alternation(o['count_items'])})$", "count_items")
        self.notice = _compile(line_start["notice_starts"], "notice_starts")
        self.widget_heading = _compile(line_start["widget_headings"], "widget_headings")
        # A breadcrumb or menu: a root ("Home") and one to eight short items after arrows, bars or dashes.
        self.menu = _compile(
            rf"^[ \t]*(?:{_alternation(o['menu_roots'])})"
            r"(?:[ \t]*(?:[›»>/|•·]|[ \t][-–][ \t])[ \t]*[\w'’&]+(?:[ \t]+[\w'’&]+){0,2}){1,8}[ \t]*$",
            "menu_roots",
        )
        self.lone_button = _compile(rf"^(?:{_alternation(o['lone_buttons'])})$", "lone_buttons")
        self.widget_class = None
        if o["widget_classes"]:
            self.widget_class = _compile(rf"^(?:{_alternation(o['widget_classes'])})$", "widget_classes")
        # The five line-start patterns as one, over a whole draft's lines at once (see _line_gates); None
        # when a list holds an anchor or a multi-line flag of its own.
        self._draft_lines = None
        items = [_alternation(o[key]) for key in line_start]
        if not any(_anchored(item) or _M_FLAG_RE.search(item) for item in items):
            try:
                self._draft_lines = compile_pattern(
                    "(?m)" + "|".join(f"(?:{p})" for p in line_start.values()), ignorecase=True
                )
            except PatternError:
                pass  # (too large together, say): every line is tried with each pattern

    def cta(
        self, line: str, linked: bool, link_texts: list[str], words: int | None = None, may=_MAY_ALL
    ) -> bool:
        """A call to action, possibly after short questions and ending in a sign-up link. ``words`` is
        the number of words of ``line`` when the caller has counted them; ``may``: see :meth:`_line_gates`."""
        if words is None:
            words = len(line.split())
        # Word counts first: a long line (most lines of prose) is settled without a pattern.
        if not linked and words <= self.opts["max_words"] and may[2]:
            start = self.cta_start.match(line)
            if start:
                return bool(self.cta_object.search(line, start.end()))
        if words > self.opts["cta_max_words"]:
            return False
        lead = _LEAD_QUESTIONS.match(line)
        rest = line[lead.end() :] if lead else line
        if not lead and not linked:
            return False
        if linked and not (link_texts and all(self.cta_start.match(t) for t in link_texts)):
            return False  # a link the author made to something else: content
        if linked and len(" ".join(link_texts).split()) * 2 > len(line.split()):
            return False  # the line is mostly its link: an author's link to a sign-up page
        start = self.cta_start.match(rest)
        return bool(start and self.cta_object.search(rest, start.end()))

    def items(self, line: str):
        """The items of a line split at bars, dots and bullets: (start, end) pairs of stripped text."""
        pos = 0
        out = []
        for m in [*_ITEM_SEP.finditer(line), None]:
            end = m.start() if m is not None else len(line)
            seg = line[pos:end]
            lead = len(seg) - len(seg.lstrip())
            if seg.strip():
                out.append((pos + lead, pos + lead + len(seg.strip())))
            if m is not None:
                pos = m.end()
        return out

    def residue_line(self, line: str, linked: bool, words: int | None = None, may=_MAY_ALL) -> bool:
        """True when ``line`` (one line of prose) has the shape of scraper residue. ``words`` is the
        number of words of ``line`` when the caller has counted them; ``may`` (see :meth:`_line_gates`)
        tells which line-start patterns can match it at all."""
        if may[0] and self.whole.match(line):
            return True
        if not may[1] or linked or (len(line.split()) if words is None else words) > self.opts["max_words"]:
            return False
        m = self.teaser.match(line)
        return bool(m and any(c.isalpha() for c in m.group("title")))

    def residue_spans(
        self,
        line: str,
        linked: bool,
        link_texts: list[str],
        in_list: bool = False,
        may=_MAY_ALL,
        link_spans=(),
        alone: bool = False,
        marked=None,
    ) -> list[tuple[int, int]]:
        """Spans of ``line`` that are residue: the whole line, or the count items of a byline.
        ``may``: see :meth:`_line_gates`. ``link_spans``: the spans of ``line`` that are link text;
        ``alone``: the line stands on its own (a block of its own, or one of a stack of short lines), so a
        single button ("Print", "[Share](...)") may be judged; ``marked``: a function telling whether the
        line opens with bold markup (an author's label: "**Register**", or a template's teaser label:
        "**Related:** [...]")."""
        words = len(line.split())  # (the words of the stripped line: the same count)
        whole = [(len(line) - len(line.lstrip()), len(line.rstrip()))]
        if self.residue_line(line, linked, words, may) or self.cta(line, linked, link_texts, words, may):
            return whole
        if words <= self.opts["notice_max_words"] and may[3] and self.notice.match(line):
            return whole
        if words > self.opts["max_words"]:
            return []
        if not linked and may[4] and words <= _WIDGET_WORDS and self.widget_heading.match(line):
            return whole
        if _MENU_SEP.search(line) and self.menu.match(line):
            return whole
        if linked and self._linked_teaser(line, link_spans) and marked is not None and marked():
            return whole
        items = [_trim(line, a, b) for a, b in self.items(line)]
        items = [(a, b) for a, b in items if a < b]
        if not items:
            return []
        if len(items) >= 2 and all(self.nav_item.match(line[a:b]) for a, b in _labelled(line, items)):
            return whole
        if len(items) == 1 and "," in line and self._comma_bar(line, items[0]):
            return whole  # "Share: Facebook, X, Email"
        if len(items) == 1:
            a, b = items[0]
            if (
                1 < words <= _NAV_RUN_WORDS
                and (not linked or len(link_spans) > 1)
                and self.nav_run.match(line[a:b])
            ):
                return whole
            if (
                alone
                and words <= _LONE_WORDS
                and b - a > 2
                and (linked or not in_list)
                and not line.rstrip().endswith(":")
                and self.lone_button.match(line[a:b])
                and not (marked is not None and marked())
            ):
                return whole  # a button on its own: "Print", "[Share](...)", "Back to top ↑"
            if not linked and "?" in line and self._after_questions(line):
                return whole  # "Already a subscriber? Log in"
        if len(items) < 2 and in_list and not linked:
            return []  # "50 likes" as a list item is the author's figure, not a page template's count
        if not any(map(str.isdigit, line)):
            return []  # a count holds a figure
        return [(a, b) for a, b in items if self.count_item.match(line[a:b])]

    def _comma_bar(self, line: str, item: tuple[int, int]) -> bool:
        """A share bar written with commas after a label that is a button ("Share: Facebook, X, Email"):
        only judged as a bar, never for counts (a comma list in prose is the author's)."""
        parts = []
        for a, b in _labelled(line, [item]):
            pos = a
            for piece in [*line[a:b].split(","), None]:
                if piece is None:
                    break
                parts.append(_trim(line, pos, pos + len(piece)))
                pos += len(piece) + 1
        parts = [(a, b) for a, b in parts if a < b]
        return len(parts) >= 3 and all(self.nav_item.match(line[a:b]) for a, b in parts)

    def _after_questions(self, line: str) -> bool:
        """Short questions and then a button ("Already a subscriber? Log in")."""
        lead = _LEAD_QUESTIONS.match(line)
        if not lead:
            return False
        a, b = _trim(line, lead.end(), len(line))
        return a < b and bool(self.nav_item.match(line[a:b]))

    def _linked_teaser(self, line: str, link_spans) -> bool:
        """A teaser label set in bold and a linked headline ("**Related:** [Flood defences to get
        upgrade](...)", "<b>Read next:</b> <a>Derby ends in stalemate</a>"): the label is a teaser label
        other than "see also" (an author's cross-reference in docs), the rest of the line is link text,
        and that text is shaped like a headline (a capital or a figure first, at least three words). An
        author's plain "Related: [GSA press release on ...](...)" is content."""
        m = self.teaser.match(line)
        if m is None or not link_spans:
            return False
        at = m.start(self.teaser.groupindex["title"])  # (RE2's match takes a group's number only)
        label = line[:at].strip(" \t:|»›>→–—-").lower()
        if label.endswith("see also") or label.endswith("also see"):
            return False
        title = m.group("title").strip()
        if len(title.split()) < 3 or not (title[0].isupper() or title[0].isdigit()):
            return False
        return _only_links(line, link_spans, at)

    def check(self, doc, ctx):
        out = []
        # Plain text keeps a scraper's lines; in Markdown and HTML the lines of a paragraph are one
        # wrapped paragraph, so a "line" there is the whole block.
        by_line = doc.format == "text"
        blocks = self.blocks(doc)
        texts = [block.text if by_line else block.text.replace("\n", " ") for block in blocks]
        gates = self._line_gates("\n".join(texts))
        at = 0  # offset of the block's first line in the joined lines
        o = self.opts
        short_words = max(o["max_words"], o["cta_max_words"])  # the most words of a teaser, bar or call
        for block, text in zip(blocks, texts, strict=True):
            if block.scope.startswith("heading") and block.scope != "heading.plain":
                # A heading the author wrote: only a widget's own heading ("You might also like") is
                # residue; "## Related posts" above the author's links is content.
                if (
                    (gates is None or at in gates)
                    and len(text.split()) <= _WIDGET_WORDS
                    and self.widget_heading.match(text)
                ):
                    out.append(self._whole(doc, block, text, 0, len(text)))
                at += len(text) + 1
                continue
            block_links = getattr(block, "links", ()) or ()
            in_list = block.scope.split(".", 1)[0] in ("list_item", "table_cell")
            lines = text.split("\n")
            # A line stands alone when it is the block's only line, or one of a stack of short lines (no
            # wrapped prose among them; a long line ends the test at once).
            alone = len(lines) == 1 or all(len(ln) <= 60 and len(ln.split()) <= 6 for ln in lines)
            pos = 0
            for line in lines:
                start, end = pos, pos + len(line)
                pos = end + 1
                if not line or line.isspace():
                    continue
                if gates is None or at + start in gates:
                    may = _MAY_ALL
                else:  # no line-start pattern matches the line
                    may = _MAY_NONE
                    if len(line.split()) > short_words:
                        continue  # longer than any residue but a known line or a notice, which it is not
                links = [(s, e) for s, e in block_links if s < end and e > start] if block_links else []
                linked = bool(links) or bool(_LINK_RE.search(line))
                link_texts = [block.text[s:e].strip() for s, e in links]
                spans = [(max(s, start) - start, min(e, end) - start) for s, e in links] if links else []
                check_line = line
                if not links and doc.format == "markdown" and line.lstrip().startswith("["):
                    raw = _RAW_MD_LINK.match(line)  # "[Print](javascript:...)": a link the parser refused
                    if raw:
                        check_line = line[: raw.start(1)].replace("[", " ") + raw.group(1)
                        check_line += " " * (len(line) - len(check_line))
                        spans, linked = [(raw.start(1), raw.end(1))], True
                lead = len(line) - len(line.lstrip())
                # (asked only by a linked teaser and a lone button: most lines are neither)
                marked = functools.partial(_bold_before, doc, block, start + lead)
                found = self.residue_spans(check_line, linked, link_texts, in_list, may, spans, alone, marked)
                if not found and doc.format == "html" and alone and self._in_widget(doc, block, line):
                    found = [(len(line) - len(line.lstrip()), len(line.rstrip()))]
                for a, b in found:
                    if (a, b) == (len(line) - len(line.lstrip()), len(line.rstrip())):
                        out.append(self._whole(doc, block, line, start, start))
                    else:
                        out.append(finding(block, start + a, start + b, (line[a:b],)))
            at += len(text) + 1
        return out

    @staticmethod
    def _whole(doc, block, line: str, start: int, _unused: int):
        """A finding over the whole (stripped) line at ``start`` of the block, with a fix that deletes the
        line when the residue fills it (no other text on it)."""
        a, b = len(line) - len(line.lstrip()), len(line.rstrip())
        f = finding(block, start + a, start + b, (line[a:b].strip(),))
        return f._replace(fix=delete_line(doc, f.start, f.end))

    def _in_widget(self, doc, block, line: str) -> bool:
        """An HTML block whose short text sits in a page widget: a ``<button>``, or an element whose class or
        id names one of ``widget_classes`` ("share-btn", "cookie-banner", "newsletter-cta"), among the tags
        that open right before the text."""
        if self.widget_class is None or len(line.split()) > self.opts["max_words"]:
            return False
        raw = doc.text
        start = block.source_extent[0]
        k = len(block.text) - len(block.text.lstrip())
        if k < len(block.text):
            start = block.source_offset(k)
        head = raw[max(0, start - 400) : start]
        for tag in reversed(_OPEN_TAGS.findall(head)[-4:]):
            name, attrs = tag
            if name.lower() == "button":
                return True
            for value in _CLASS_ATTR.findall(attrs):
                for word in _CLASS_WORDS.split(value.lower()):
                    if word and self.widget_class.match(word):
                        return True
        return False

    def _line_gates(self, joined: str) -> set[int] | None:
        """The offsets in ``joined`` (every line of a draft, joined by line breaks) of the lines that one of
        the patterns starting at a line's start (``whole``, ``teaser``, ``cta_start``, ``notice``,
        ``widget_heading``) may match, from one search of the draft for any of them instead of five per
        line (each search of
        RE2's Python wrapper copies the text it is given); None where that cannot be told (every line is
        then tried).

        A pattern that matches a line alone matches at the line's start in ``joined`` read line by line
        (``(?m)``): its ``^`` and ``$`` hold there as at the line's edges, and a word boundary reads a
        line break as it reads the line's end; so the alternation of the five matches there too (maybe
        by another of them: the line is then tried with all five). A match that runs over a line break
        could hide the next line's match: then None."""
        if self._draft_lines is None:
            return None
        starts = set()
        for m in self._draft_lines.finditer(joined):
            s, e = m.span()
            if "\n" in joined[s:e]:
                return None
            starts.add(s)
        return starts


KINDS = [Residue]
