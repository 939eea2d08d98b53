"""Plain text to a Document: paragraphs split on blank lines, headline candidates and bullet lists.

Scraped copy and wire text mark headlines no other way than by standing alone: a short line with no
sentence-ending punctuation, between blank lines or first in the file, becomes a ``heading.plain`` block.
Lines that start with a bullet (``•``, ``-``, ``*``, ``1.``) become list items.
"""

from __future__ import annotations

import re

from ..document import Document, TextBuilder
from ..source import Source
from .preprocess import mask_templates

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_BULLET = re.compile(r"[ \t]*(?:[•●◦▪▫‣⁃·∙*+\-–—]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])[ \t]+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?;:,…][\"'”’)\]]*\s*$")
_LABEL_LIST = re.compile(r"^\s*[\w ]{1,30}:\s+[^,]+,[^,]+,")
# A second sentence inside the line ("... release. The full changelog is at ..."): prose, not a headline.
# The word before the stop has two lower-case letters, so "U.S. Senate" and "Dr. Ruiz" stay headlines.
_INNER_SENTENCE = re.compile(r"[a-z]{2}[.!?][\"'”’)]*\s+[\"'“‘(]?[A-Z]")
_URL = re.compile(r"https?://|www\.", re.I)
#: Markup left at the end of a line: whole or broken closing and opening tags ("</p>", "</p", "/p>", "<br>").
_TRAILING_TAG = re.compile(r"(?:\s*(?:</?[A-Za-z][\w-]*\s*/?>?|/[A-Za-z][\w-]*>))+\s*$")
# A byline or a dateline standing alone: "By Dana Whit", "Posted on 3 August 2026 by ...", "Updated: May 2".
_BYLINE = re.compile(
    r"\s*(?:By[ \t]+[A-Z][\w'’.-]*[ \t]+[A-Z]|(?:Posted|Published|Released|Updated|Last updated|Filed)\b[^\n]{0,80}?(?:\d|\bby[ \t]+[A-Z]))"
)
_DIRECTIVE = re.compile(r"^\s*copydesk-(?:disable|enable)")

#: Longest line, in words, that can still be a headline candidate.
HEADLINE_MAX_WORDS = 20


def is_headline_line(line: str) -> bool:
    """A line shaped like a headline: short, with letters, no sentence-ending punctuation, no second
    sentence or web address inside, and not a byline or dateline ("By Dana Whit", "Posted on 3 May")."""
    return _is_headline(line)


def is_byline_line(line: str) -> bool:
    """A byline or dateline standing alone ("By Dana Whit", "Posted by the maintainers on 3 May")."""
    return _BYLINE.match(line) is not None


def _is_headline(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 200:
        return False
    words = s.split()
    if len(words) > HEADLINE_MAX_WORDS:
        return False
    if _SENTENCE_END.search(s) or _LABEL_LIST.match(s):
        return False
    if "<" in s[-8:] or s.endswith(">"):
        # A sentence with markup left after its stop ("... by Sunday.</p>", "... by Sunday./p>") is prose.
        bare = _TRAILING_TAG.sub("", s)
        if bare != s and _SENTENCE_END.search(bare):
            return False
    if _INNER_SENTENCE.search(s) or _URL.search(s) or _BYLINE.match(s):
        return False
    return any(ch.isalpha() for ch in s)


def parse_text(source: Source) -> Document:
    text = source.text
    masked: list[tuple[int, int, str]] = []
    work = mask_templates(text, masked)
    lines: list[tuple[int, int]] = []  # (start, end-without-break)
    for m in _LINE.finditer(work):
        if m.start() == m.end():
            break
        content = m.group(0).rstrip("\r\n")
        lines.append((m.start(), m.start() + len(content)))
    blocks = []
    comments = []
    para: list[tuple[int, int]] = []
    first_para = True

    def flush() -> None:
        nonlocal first_para
        if not para:
            return
        if (
            len(para) == 1
            and not _BULLET.match(work, para[0][0])
            and _is_headline(work[para[0][0] : para[0][1]])
        ):
            s, e = para[0]
            blk = _build([(s, e)], work, "heading.plain")
            if blk:
                blk.level = 1 if first_para else 2
                blocks.append(blk)
        else:
            group: list[tuple[int, int]] = []
            group_scope = "paragraph"
            for s, e in para:
                bm = _BULLET.match(work, s)
                if bm:
                    if group:
                        _add(blocks, _build(group, work, group_scope))
                    group = [(bm.end(), e)]
                    group_scope = "list_item"
                else:
                    if group_scope == "list_item" and group and not work[s : s + 1].isspace():
                        _add(blocks, _build(group, work, group_scope))
                        group = []
                        group_scope = "paragraph"
                    group.append((s, e))
            if group:
                _add(blocks, _build(group, work, group_scope))
        first_para = False
        para.clear()

    for s, e in lines:
        line = work[s:e]
        if not line.strip():
            flush()
            continue
        if _DIRECTIVE.match(line):
            flush()
            comments.append((s, e, line.strip()))
            continue
        para.append((s, e))
    flush()
    for b in blocks:
        masked.extend(getattr(b, "urls", ()))
    return Document(source, blocks, sorted(masked), {}, None, comments)


def _add(blocks: list, blk) -> None:
    if blk is not None:
        blocks.append(blk)


def _build(lines: list[tuple[int, int]], work: str, scope: str):
    tb = TextBuilder()
    for i, (s, e) in enumerate(lines):
        while s < e and work[s] in " \t":
            s += 1
        if i:
            # The line break between lines is one newline in the prose.
            prev_end = lines[i - 1][1]
            tb.add("\n", prev_end, max(prev_end + 1, s))
        tb.add_source_text(work[s:e], s)
    blk = tb.build(scope)
    if blk is not None:
        blk.urls = tb.urls
    return blk
