"""``markup``: broken HTML, tags mangled into prose, broken Markdown (see :mod:`copydesk.analysis.markup`).

Each check runs once per document in the shared analysis (``Analysis.markup``) over the raw source, with
code, template tags, front matter, comments and URLs blanked out (same length, so offsets stay exact);
each rule reports the problem codes it names.
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
    "mangled": ["mangled-tag", "text-tag"],
    "markdown": (
        "unclosed-fence unclosed-emphasis link-space unclosed-link empty-link undefined-reference "
        "heading-no-space literal-tag"
    ).split(),
}


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
            Finding(p.start, max(p.end, p.start + 1), (p.message,))
            for p in ctx.analysis.markup(self.opts["check"])
            if p.code in self.codes
        ]


KINDS = [Markup]
