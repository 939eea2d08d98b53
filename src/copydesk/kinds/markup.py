"""``markup``: broken HTML, tags mangled into prose, broken Markdown (see :mod:`copydesk.analysis.markup`).

Each check runs once per document (cached) over the raw source, with code, template tags, front matter,
comments and URLs blanked out (same length, so offsets stay exact); each rule reports the problem codes
it names.
"""

from __future__ import annotations

from ..diagnostics import Finding
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
            ranges = sorted((s, e) for s, e in doc.ranges("html"))
            if ranges:
                found = [p for p in m.check_html(text, ranges, fragment=True) if p.code != "mangled-tag"]
    elif check == "mangled":
        if fmt == "html":
            found = [p for p in m.check_html(text, fragment=False) if p.code == "mangled-tag"]
        else:
            found = m.find_mangled_tags(_blank(text, doc.ranges(*_BLANKED)))
    elif check == "markdown" and fmt == "markdown":
        found = m.check_markdown(text, doc.ranges(*_BLANKED))
    cache[check] = found
    return found


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
            raise KindError("codes", f"unknown codes {unknown} for check {self.opts['check']} (known: {', '.join(known)})")
        self.codes = frozenset(codes)

    def check(self, doc, ctx):
        return [
            Finding(p.start, max(p.end, p.start + 1), (p.message,))
            for p in _problems(doc, ctx, self.opts["check"])
            if p.code in self.codes
        ]


KINDS = [Markup]
