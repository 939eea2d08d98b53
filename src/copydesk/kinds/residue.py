"""``residue``: lines a scraper or a CMS left in the copy, found by their shape as well as by a list.

A residue line stands alone (a line of its own) and is short. Three shapes, each from word lists in the
rule's YAML:

* a known whole line (``lines``: "Exit mobile version", "Advertisement", "Continue reading below");
* a teaser: a label from ``teaser_labels`` ("Also read", "Related", "Don't miss"), a separator (``:``,
  ``|``, ``»``, a dash) and a short title, where the title is not a link the author made (in Markdown and
  HTML a linked "Related: [report](...)" is the author's own cross-reference);
* a call to action: a line that starts with one of ``cta_starts`` ("Subscribe", "Sign up", "Get ...")
  and names one of ``cta_objects`` ("newsletter", "inbox"), at most ``max_words`` words, with no link.

Headings an author wrote in Markdown or HTML ("## Related posts" above a list of links) are not lines a
scraper left: the default scope leaves them out (plain-text headline lines are still judged).
"""

from __future__ import annotations

import re

from ..matching import PatternError, compile_pattern
from ..rules import Kind, Option
from ._common import KindError, finding

_SEP = r"[ \t]*(?:[:|»›>→–—]+|-{1,2})[ \t]*"
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


class Residue(Kind):
    name = "residue"
    default_message = "Scraper or CMS residue: '%s'; delete this line."
    default_scope = ("paragraph", "list_item", "blockquote", "table_cell", "heading.plain")
    options = {
        "lines": Option("list", [], "whole lines that are residue (regular expressions, case-insensitive)"),
        "teaser_labels": Option("list", [], "labels that start a teaser line ('also read', 'related')"),
        "cta_starts": Option("list", [], "words that start a call to action ('subscribe', 'sign up')"),
        "cta_objects": Option("list", [], "what a call to action asks for ('newsletter', 'inbox')"),
        "max_words": Option("int", 16, "longest teaser or call-to-action line, in words"),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        o = self.opts
        if o["max_words"] < 1:
            raise KindError("max_words", "max_words must be at least 1")
        self.whole = _compile(rf"^[ \t]*(?:{_alternation(o['lines'])})[ \t]*$", "lines")
        self.teaser = _compile(
            rf"^[ \t]*(?:{_alternation(o['teaser_labels'])}){_SEP}(?P<title>\S.*)$", "teaser_labels"
        )
        self.cta_start = _compile(rf"^[ \t]*(?:{_alternation(o['cta_starts'])})\b", "cta_starts")
        self.cta_object = _compile(rf"\b(?:{_alternation(o['cta_objects'])})\b", "cta_objects")

    def residue_line(self, line: str, linked: bool) -> bool:
        """True when ``line`` (one line of prose) has the shape of scraper residue."""
        if self.whole.match(line):
            return True
        if linked or len(line.split()) > self.opts["max_words"]:
            return False
        m = self.teaser.match(line)
        if m and any(c.isalpha() for c in m.group("title")):
            return True
        start = self.cta_start.match(line)
        return bool(start and self.cta_object.search(line, start.end()))

    def check(self, doc, ctx):
        out = []
        # Plain text keeps a scraper's lines; in Markdown and HTML the lines of a paragraph are one
        # wrapped paragraph, so a "line" there is the whole block.
        by_line = doc.format == "text"
        for block in self.blocks(doc):
            text = block.text if by_line else block.text.replace("\n", " ")
            pos = 0
            for line in text.split("\n"):
                start, end = pos, pos + len(line)
                pos = end + 1
                body = line.strip()
                if not body:
                    continue
                linked = bool(_LINK_RE.search(line)) or any(
                    s < end and e > start for s, e in getattr(block, "links", ()) or ()
                )
                if self.residue_line(line, linked):
                    lead = len(line) - len(line.lstrip())
                    out.append(finding(block, start + lead, start + lead + len(body), (body,)))
        return out


KINDS = [Residue]
