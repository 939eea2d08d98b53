"""``markup``: broken HTML, tags mangled into prose, broken Markdown (see :mod:`copydesk.analysis.markup`).

Each check runs once per document (cached) over the raw source, with code, template tags, front matter,
comments and URLs blanked out (same length, so offsets stay exact); each rule reports the problem codes
it names.
"""

from __future__ import annotations

import bisect
import re

from ..diagnostics import Edit, Finding
from ..rules import Kind, Option
from ._common import KindError

CHECKS = {
    "html": (
        "unclosed-element unclosed-comment stray-end-tag misnested unterminated-tag malformed-attribute "
        "duplicate-attribute unescaped-ampersand unescaped-lt double-escaped-entity invalid-character-reference"
    ).split(),
    "mangled": ["mangled-tag"],
    "markdown": "unclosed-fence unclosed-emphasis link-space unclosed-link empty-link undefined-reference heading-no-space".split(),
}
_BLANKED = ("code", "code_span", "template", "frontmatter", "comment", "url")

#: Element names of HTML (and the SVG/MathML roots). A "tag" with any other name in Markdown prose is
#: usually a placeholder such as ``<your name>`` that CommonMark passes through as HTML and hides.
HTML_ELEMENTS = frozenset(
    """a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite
    code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link
    main map mark menu meta meter nav noscript object ol optgroup option output p param picture pre progress
    q rp rt ruby s samp script search section select slot small source span strong style sub summary sup
    table tbody td template textarea tfoot th thead time title tr track u ul var video wbr svg math
    center font big tt strike acronym marquee nobr""".split()
)
_TAG_AT = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def _blank(text: str, ranges) -> str:
    if not ranges:
        return text
    parts = []
    pos = 0
    for s, e in sorted(ranges):
        if e <= pos:
            continue
        s = max(s, pos)
        parts.append(text[pos:s])
        parts.append("".join(ch if ch in "\r\n" else " " for ch in text[s:e]))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _problems(doc, ctx, check: str):
    cache = ctx.cache.setdefault("markup", {})
    if check in cache:
        return cache[check]
    from ..analysis import markup as m

    fmt = doc.format
    text = doc.text
    found = []
    if check == "html":
        if fmt == "html":
            found = [p for p in m.check_html(text, fragment=False) if p.code != "mangled-tag"]
        elif fmt == "markdown":
            found = _markdown_html(doc, m)
        # An unknown "&name;" inside an attribute value (a URL) is kept as written by browsers: not a
        # problem a reader sees, so it is not reported.
        found = [
            p
            for p in found
            if not (
                p.code == "unescaped-ampersand" and text.rfind("<", 0, p.start) > text.rfind(">", 0, p.start)
            )
        ]
    elif check == "mangled":
        if fmt == "html":
            found = [p for p in m.check_html(text, fragment=False) if p.code == "mangled-tag"]
        else:
            found = m.find_mangled_tags(_blank(text, doc.ranges(*_BLANKED)))
    elif check == "markdown" and fmt == "markdown":
        found = m.check_markdown(text, doc.ranges(*_BLANKED))
    cache[check] = found
    return found


def _markdown_html(doc, m) -> list:
    """Raw HTML in Markdown: HTML blocks share one stack of open elements (a ``<details>`` may open in
    one block and close in another); inline HTML is checked paragraph by paragraph, since Markdown wraps
    each paragraph in its own ``<p>`` (so a literal ``</p>`` there closes it) and the browser closes
    what a paragraph leaves open at its end."""
    text = doc.text
    blocks = doc.ranges("html_block")
    extents = sorted(b.source_extent for b in doc.blocks if b.runs and not b.scope.startswith("frontmatter"))
    starts = [s for s, _ in extents]
    groups: dict[int, list] = {}
    for s, e in doc.ranges("html"):
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and s < extents[i][1]:
            groups.setdefault(i, []).append((s, e))
    found = []
    if blocks:
        found.extend(m.check_html(text, blocks, fragment=True))
    for ranges in groups.values():
        for p in m.check_html(text, ranges, fragment=True):
            if p.code == "stray-end-tag" and text[p.start : p.start + 3].lower() == "</p":
                continue
            found.append(p)
    out = []
    for p in found:
        if p.code == "mangled-tag":
            continue
        tag = _TAG_AT.match(text, p.start)
        if (
            p.code in ("unclosed-element", "stray-end-tag")
            and tag
            and tag.group(1).lower() not in HTML_ELEMENTS
        ):
            end = text.find(">", p.start, p.start + 200)
            shown = text[p.start : end + 1] if end > 0 else tag.group(0)
            p = p._replace(
                code="unclosed-element",
                message=f"'{shown}' is read as an HTML tag and hidden from readers ('{tag.group(1)}' is no HTML "
                f"element): write &lt;{shown[1:-1]}&gt; or put it in a code span",
            )
        out.append(p)
    out.sort()
    return out


class Markup(Kind):
    name = "markup"
    default_message = "%s"
    default_scope = ("document",)
    options = {
        "check": Option("str", None, "html, mangled or markdown", choices=tuple(CHECKS), required=True),
        "codes": Option("list", [], "problem codes to report (default: every code of the check)"),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        known = CHECKS[self.opts["check"]]
        codes = self.opts["codes"] or known
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise KindError(
                "codes", f"unknown codes {unknown} for check {self.opts['check']} (known: {', '.join(known)})"
            )
        self.codes = frozenset(codes)

    def check(self, doc, ctx):
        return [
            Finding(p.start, max(p.end, p.start + 1), (p.message,), fix=_fix(doc, p))
            for p in _problems(doc, ctx, self.opts["check"])
            if p.code in self.codes
        ]


_SPACED_TAG = re.compile(r"<[ \t]*(/?)[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*(/?)[ \t]*>")
_DOUBLE_ESCAPED = re.compile(r"&amp;(#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")


def _fix(doc, p) -> Edit | None:
    """A fix where the intended markup is certain: a whole tag with stray spaces inside its brackets
    (``< b >``, ``</ p>``) in a format that renders tags, and an entity escaped twice (``&amp;#39;``)."""
    text = doc.text[p.start : p.end]
    if p.code == "mangled-tag" and doc.format in ("html", "markdown"):
        m = _SPACED_TAG.fullmatch(text)
        if m and m.group(2).lower() in HTML_ELEMENTS and not (m.group(1) and m.group(3)):
            fixed = f"<{m.group(1)}{m.group(2)}{m.group(3)}>"
            return Edit(p.start, p.end, fixed) if fixed != text else None
    if p.code == "double-escaped-entity":
        m = _DOUBLE_ESCAPED.match(text)
        if m:
            return Edit(p.start, p.start + 5, "&")
    return None


KINDS = [Markup]
