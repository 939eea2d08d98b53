"""``markup``: broken HTML, tags mangled into prose, broken Markdown (see :mod:`copydesk.analysis.markup`).

Each check runs once per document in the shared analysis (``Analysis.markup``) over the raw source, with
code, template tags, front matter, comments and URLs blanked out (same length, so offsets stay exact);
each rule reports the problem codes it names.
"""

from __future__ import annotations

import re

from ..analysis.shared import HTML_ELEMENTS
from ..diagnostics import Edit, Finding
from ..rules import Kind, Option
from ._common import KindError

CHECKS = {
    "html": (
        "unclosed-element unclosed-comment stray-end-tag misnested unterminated-tag malformed-attribute "
        "duplicate-attribute unescaped-ampersand unescaped-lt double-escaped-entity invalid-character-reference"
    ).split(),
    "mangled": ["mangled-tag", "text-tag"],
    "markdown": (
        "unclosed-fence unclosed-emphasis link-space unclosed-link empty-link undefined-reference "
        "heading-no-space literal-tag"
    ).split(),
}


class Markup(Kind):
    analysis_parts = frozenset(("markup",))
    name = "markup"
    default_message = "%s"
    default_scope = ("document",)
    options = {
        "check": Option("str", None, "html, mangled or markdown", choices=tuple(CHECKS), required=True),
        "codes": Option("list", [], "problem codes to report (default: every code of the check)"),
        "elements": Option(
            "list", [], "HTML element names (united over the markup rules; empty everywhere: built-in)"
        ),
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
        self.elements = frozenset(e.strip().lower() for e in self.opts["elements"] if e.strip())
        bad = [e for e in self.elements if not re.fullmatch(r"[a-z][a-z0-9-]*", e)]
        if bad:
            raise KindError("elements", f"not element names: {bad}")

    def analysis_needs(self) -> dict:
        return {"html_elements": set(self.elements)} if self.elements else {}

    def check(self, doc, ctx):
        return [
            Finding(
                p.start, max(p.end, p.start + 1), (p.message,), fix=_fix(doc, p, ctx.analysis.html_elements)
            )
            for p in ctx.analysis.markup(self.opts["check"])
            if p.code in self.codes
        ]


_SPACED_TAG = re.compile(r"<[ \t]*(/?)[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*(/?)[ \t]*>")
_DOUBLE_ESCAPED = re.compile(r"&amp;(#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")


def _fix(doc, p, elements=HTML_ELEMENTS) -> Edit | None:
    """A fix where the intended markup is certain: a whole tag with stray spaces inside its brackets
    (``< b >``, ``</ p>``) in a format that renders tags, and an entity escaped twice (``&amp;#39;``)."""
    text = doc.text[p.start : p.end]
    if p.code == "mangled-tag" and doc.format in ("html", "markdown"):
        m = _SPACED_TAG.fullmatch(text)
        if m and m.group(2).lower() in elements and not (m.group(1) and m.group(3)):
            fixed = f"<{m.group(1)}{m.group(2)}{m.group(3)}>"
            return Edit(p.start, p.end, fixed) if fixed != text else None
    if p.code == "double-escaped-entity":
        m = _DOUBLE_ESCAPED.match(text)
        if m:
            return Edit(p.start, p.start + 5, "&")
    return None


KINDS = [Markup]
