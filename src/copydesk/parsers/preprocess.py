"""Pre-processing shared by the parsers: front matter and template syntax, found and masked before the
Markdown, HTML or plain-text parser sees the draft (offsets and line breaks are kept)."""

from __future__ import annotations

import bisect
import re

from ..document import PLACEHOLDER, Block, TextBuilder

_FM_OPEN = re.compile(r"(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)")
# Blank lines before the opening fence: Hugo reads front matter after them, and a site's drafts carry
# them (an editor's stray newline); without this the YAML below is read as Markdown ("# comment": an h1).
_LEADING_BLANK = re.compile(r"(?:[ \t]*(?:\r\n|\r|\n))*")
#: Longest template tag (``{{ x }}``, ``{% x %}``...) and Liquid raw/comment/highlight block, in characters.
TEMPLATE_TAG_MAX = 4000
TEMPLATE_BLOCK_MAX = 200_000
_TEMPLATE_START = re.compile(r"\{(?=[{%#])")
_BLOCK_OPEN = re.compile(r"\{%-?\s*(raw|comment|highlight)\b")
_BLOCK_END = re.compile(r"\{%-?\s*end(raw|comment|highlight)\s*-?%\}")
_FM_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(.*)$")  # the value is right-stripped in code


def opens_frontmatter(text: str) -> bool:
    """The file starts with a front-matter fence (``---`` or ``+++`` on a line of its own), blank lines
    before it allowed."""
    return _FM_OPEN.match(text, _LEADING_BLANK.match(text).end()) is not None


def find_frontmatter(text: str) -> tuple[int, int, int, int] | None:
    """Locate YAML (``---``) or TOML (``+++``) front matter at the top of a file.

    Returns ``(start, body_start, body_end, end)`` offsets, or None when there is none or it is never
    closed (an unterminated block is then treated as ordinary text). Blank lines before the opening
    fence are allowed (as Hugo allows them); ``start`` is then 0 all the same, the blank lines being part
    of the masked range.
    """
    m = _FM_OPEN.match(text, _LEADING_BLANK.match(text).end())
    if not m:
        return None
    fence = m.group(1)
    closers = (fence, "...") if fence == "---" else (fence,)
    pos = m.end()
    body_start = pos
    n = len(text)
    while pos <= n:
        nl = _next_break(text, pos)
        line = text[pos : nl[0]]
        if line.rstrip() in closers:
            return 0, body_start, pos, nl[1]
        if nl[1] == pos or nl[0] >= n:
            break
        pos = nl[1]
    return None


def _next_break(text: str, pos: int) -> tuple[int, int]:
    """(end of line, start of next line) from ``pos``."""
    n = len(text)
    nl = text.find("\n", pos)
    eol = n if nl < 0 else nl
    cr = text.find("\r", pos, eol)
    if cr >= 0:
        return cr, cr + 2 if cr + 1 < n and text[cr + 1] == "\n" else cr + 1
    return (n, n) if nl < 0 else (nl, nl + 1)


def frontmatter_blocks(text: str, body_start: int, body_end: int) -> tuple[list[Block], dict]:
    """Blocks for top-level scalar front-matter fields, mapped to the value's exact characters."""
    blocks: list[Block] = []
    fields: dict = {}
    pos = body_start
    while pos < body_end:
        eol, nxt = _next_break(text, pos)
        eol = min(eol, body_end)
        line = text[pos:eol]
        m = _FM_FIELD.match(line)
        if m and not line[:1].isspace():
            key, value = m.group(1), m.group(2).rstrip(" \t")
            vstart = pos + m.start(2)
            if value and value[0] in "\"'" and len(value) >= 2 and value[-1] == value[0]:
                value = value[1:-1]
                vstart += 1
            if value and value[0] not in "[{|>&*!#":
                fields[key] = value
                tb = TextBuilder()
                tb.add(value, vstart, mask_urls=True)
                blk = tb.build(f"frontmatter.{key.lower()}", key=key)
                if blk:
                    blocks.append(blk)
        if nxt == pos:
            break
        pos = nxt
    return blocks, fields


def _all(text: str, token: str) -> list[int]:
    out = []
    i = text.find(token)
    while i >= 0:
        out.append(i)
        i = text.find(token, i + 1)
    return out


def template_spans(
    text: str, tag_max: int = TEMPLATE_TAG_MAX, block_max: int = TEMPLATE_BLOCK_MAX, open_max: int = 200
) -> list[tuple[int, int]]:
    """Source spans of template syntax, leftmost first, never overlapping.

    The same spans as the regular expression ``{{<.{0,T}?>}} | {{%.{0,T}?%}} | {%-?\\s*(raw|comment|
    highlight)\\b.{0,O}?%}.{0,B}?{%-?\\s*end\\1\\s*-?%} | {%.{0,T}?%} | {{.{0,T}?}} | {#.{0,T}?#}``
    (``T = tag_max``, ``B = block_max``, ``O = open_max``, dot matching newlines), found in time linear in the text: every
    closing token is located once and looked up by bisection, so an opener that never closes costs
    nothing however often it is repeated.
    """
    if "{" not in text:
        return []
    closers = {tok: _all(text, tok) for tok in (">}}", "%}}", "%}", "}}", "#}")}
    ends: dict[str, list[tuple[int, int]]] = {}
    for m in _BLOCK_END.finditer(text):
        ends.setdefault(m.group(1), []).append((m.start(), m.end()))

    def first(tok: str, lo: int, hi: int) -> int:
        found = closers[tok]
        k = bisect.bisect_left(found, lo)
        return found[k] if k < len(found) and found[k] <= hi else -1

    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _TEMPLATE_START.finditer(text):
        s = m.start()
        if s < pos:
            continue
        end = -1
        two = text[s : s + 3]
        if two.startswith("{{<"):
            c = first(">}}", s + 3, s + 3 + tag_max)
            end = c + 3 if c >= 0 else -1
        if end < 0 and two.startswith("{{%"):
            c = first("%}}", s + 3, s + 3 + tag_max)
            end = c + 3 if c >= 0 else -1
        if end < 0 and two.startswith("{%"):
            bm = _BLOCK_OPEN.match(text, s)
            if bm:
                name_end = bm.end()
                found = ends.get(bm.group(1), [])
                # Each '%}' that can close the opening tag, nearest first (the lazy match backtracks so).
                c = first("%}", name_end, name_end + open_max)
                while c >= 0 and end < 0:
                    k = bisect.bisect_left(found, (c + 2, -1))
                    if k < len(found) and found[k][0] <= c + 2 + block_max:
                        end = found[k][1]
                    else:
                        c = first("%}", c + 1, name_end + open_max)
            if end < 0:
                c = first("%}", s + 2, s + 2 + tag_max)
                end = c + 2 if c >= 0 else -1
        if end < 0 and two.startswith("{{"):
            c = first("}}", s + 2, s + 2 + tag_max)
            end = c + 2 if c >= 0 else -1
        if end < 0 and two.startswith("{#"):
            c = first("#}", s + 2, s + 2 + tag_max)
            end = c + 2 if c >= 0 else -1
        if end >= 0:
            spans.append((s, end))
            pos = end
    return spans


def mask_templates(text: str, masked: list[tuple[int, int, str]]) -> str:
    """Replace template tags with placeholders of the same length (line breaks kept).

    Hugo shortcodes ``{{< x >}}`` / ``{{% x %}}``, Liquid and Jinja ``{% x %}`` / ``{{ x }}`` / ``{# #}``;
    Liquid ``raw``, ``comment`` and ``highlight`` blocks are masked whole.
    """
    spans = template_spans(text)
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for s, e in spans:
        out.append(text[pos:s])
        out.append(_fill(text[s:e]))
        masked.append((s, e, "template"))
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _fill(chunk: str) -> str:
    return fill_except(chunk, PLACEHOLDER)


def blank(chunk: str) -> str:
    return fill_except(chunk, " ")


def fill_except(chunk: str, fill: str, keep: str = "\r\n") -> str:
    """Every character of ``chunk`` that is not in ``keep`` (by default: every character but the line
    breaks) replaced by ``fill``, in one ``str.translate`` over a table of the characters the chunk holds
    (no call per line or per character)."""
    if keep == "\r\n":  # the usual case, tested without a generator (this runs for every masked range)
        if "\n" not in chunk and "\r" not in chunk:
            return fill * len(chunk)
    elif not any(k in chunk for k in keep):
        return fill * len(chunk)
    return chunk.translate(dict.fromkeys(map(ord, set(chunk).difference(keep)), fill))
