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
_LINK_RE = re.compile(r"\ufffc|https?://|www\.")


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
_MAY_ALL = (True, True, True, True)  # every line-start pattern may match (see Residue._line_gates)
_MAY_NONE = (False, False, False, False)


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
    default_scope = ("paragraph", "list_item", "blockquote", "table_cell", "heading.plain")
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
        "count_items": Option("list", [], "counts a page template prints ('47 comments')"),
        "notice_starts": Option("list", [], "how a site notice starts ('we use cookies')"),
        "notice_max_words": Option("int", 60, "longest site notice, in words"),
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
        # The four line-start patterns as one, over a whole draft's lines at once (see _line_gates); None
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
        if linked and len(" ".join(link_texts).split()) * 2 >= len(line.split()):
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
        self, line: str, linked: bool, link_texts: list[str], in_list: bool = False, may=_MAY_ALL
    ) -> list[tuple[int, int]]:
        """Spans of ``line`` that are residue: the whole line, or the count items of a byline.
        ``may``: see :meth:`_line_gates`."""
        words = len(line.split())  # (the words of the stripped line: the same count)
        whole = [(len(line) - len(line.lstrip()), len(line.rstrip()))]
        if self.residue_line(line, linked, words, may) or self.cta(line, linked, link_texts, words, may):
            return whole
        if words <= self.opts["notice_max_words"] and may[3] and self.notice.match(line):
            return whole
        if linked or words > self.opts["max_words"]:
            return []
        items = self.items(line)
        if len(items) >= 2 and all(self.nav_item.match(line[a:b]) for a, b in _labelled(line, items)):
            return whole
        if len(items) == 1 and words <= _NAV_RUN_WORDS and self.nav_run.match(line):
            return whole
        if len(items) < 2 and in_list:
            return []  # "50 likes" as a list item is the author's figure, not a page template's count
        return [(a, b) for a, b in items if self.count_item.match(line[a:b])]

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
            block_links = getattr(block, "links", ()) or ()
            in_list = block.scope.split(".", 1)[0] in ("list_item", "table_cell")
            pos = 0
            for line in text.split("\n"):
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
                for a, b in self.residue_spans(line, linked, link_texts, in_list, may):
                    f = finding(block, start + a, start + b, (line[a:b],))
                    if (a, b) == (len(line) - len(line.lstrip()), len(line.rstrip())):
                        # The fix deletes the line when the residue fills it (no other text on it).
                        f = f._replace(fix=delete_line(doc, f.start, f.end))
                    out.append(f)
            at += len(text) + 1
        return out

    def _line_gates(self, joined: str) -> set[int] | None:
        """The offsets in ``joined`` (every line of a draft, joined by line breaks) of the lines that one of
        the patterns starting at a line's start (``whole``, ``teaser``, ``cta_start``, ``notice``) may
        match, from one search of the draft for any of them instead of four per line (each search of
        RE2's Python wrapper copies the text it is given); None where that cannot be told (every line is
        then tried).

        A pattern that matches a line alone matches at the line's start in ``joined`` read line by line
        (``(?m)``): its ``^`` and ``$`` hold there as at the line's edges, and a word boundary reads a
        line break as it reads the line's end; so the alternation of the four matches there too (maybe
        by another of them: the line is then tried with all four). A match that runs over a line break
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
