"""``proselint``: proselint's checks as rules, positions mapped through the document model.

All style rules of a run share one checker (built once per process from the union of their ``checks``,
which each rule declares through ``analysis_needs``, over the table of proselint's checks that
:mod:`copydesk.analysis.prose_table` keeps between runs) and one pass over the document's prose, made by the
shared analysis: the blocks are checked as one document, so proselint's
document-wide checks (spelling consistency, exclamation density) behave as in proselint, while code,
URLs and front matter never reach it. Each rule reports the hits of the proselint checks it names;
``disable`` turns off single checks (e.g. ``typography.symbols.curly_quotes``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..matching import PatternError, compile_pattern
from ..rules import Kind, Option
from ..vocab import PROSE_SCOPES
from ._common import KindError, finding, in_name

PROSE = PROSE_SCOPES


@lru_cache(maxsize=1)
def known_checks() -> frozenset:
    # From the persisted table of proselint's checks: no proselint import when it is cached.
    from ..analysis.prose_table import known_check_ids

    return known_check_ids()


def _covered(check_id: str, prefixes) -> bool:
    return any(check_id == p or check_id.startswith(p + ".") for p in prefixes)


class Proselint(Kind):
    analysis_parts = frozenset(("style",))
    name = "proselint"
    default_message = "%s"
    default_scope = PROSE
    options = {
        "checks": Option("list", [], "proselint check ids (or prefixes) this rule reports", required=True),
        "disable": Option("list", [], "proselint check ids (or prefixes) to leave out"),
        "skip_names": Option(
            "list",
            [],
            "proselint check ids (or prefixes) whose hits on a word inside a name are not reported (a "
            "capitalised word mid-sentence next to another: 'Center Centre' keeps its own spelling)",
        ),
        "not_before": Option(
            "list",
            [],
            "regular expressions: a hit that the text right after it matches is not reported (a repeat "
            "running on into a file name: 'Data data.json')",
        ),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        known = known_checks()
        for key in ("checks", "disable"):
            for cid in self.opts[key]:
                if not any(k == cid or k.startswith(cid + ".") for k in known):
                    raise KindError(
                        key,
                        f"unknown proselint check {cid!r} ('copydesk explain {rule.id}' lists this rule's "
                        "check ids)",
                    )
        self.checks = tuple(self.opts["checks"])
        self.disable = tuple(self.opts["disable"])
        self.skip_names = tuple(self.opts["skip_names"])
        self.not_before = None
        if self.opts["not_before"]:
            try:
                for p in self.opts["not_before"]:  # each alone first: an error names its own pattern
                    compile_pattern(p)
                self.not_before = compile_pattern("|".join(f"(?:{p})" for p in self.opts["not_before"]))
            except PatternError as exc:
                raise KindError("not_before", str(exc)) from None

    def analysis_needs(self) -> dict:
        return {"style_checks": set(self.checks), "style_disabled": set(self.disable)}

    def _reports(self, check_id: str) -> bool:
        """Whether this rule reports a check id (decided once per id: a draft can have many hits)."""
        cache = self.__dict__.setdefault("_report_cache", {})
        hit = cache.get(check_id)
        if hit is None:
            hit = cache[check_id] = _covered(check_id, self.checks) and not _covered(check_id, self.disable)
        return hit

    def check(self, doc, ctx):
        # A generator, so the engine's per-rule cap bounds what is kept.
        # Only blocks with a hit are listed: the scope is looked at only for those.
        scope = self.rule.scope
        for block, hits in ctx.analysis.style_hits():
            if not block.matches_scope(scope):
                continue
            for h in hits:
                if self._reports(h.check_id):
                    if self.not_before is not None and self.not_before.match(block.text[h.end : h.end + 80]):
                        continue
                    if (
                        self.skip_names
                        and _covered(h.check_id, self.skip_names)
                        and in_name(block, h.start, h.end)
                    ):
                        continue
                    yield finding(block, h.start, h.end, (tidy_message(h.message), h.check_id))


_NO_REPLACEMENT = re.compile(r"Use 'None' instead of ('[^']*')")
_DOUBLED = re.compile(r"\b(\w+) \1\b")


def tidy_message(message: str) -> str:
    """proselint's message with its known slips mended: a missing replacement printed as ``'None'`` and a
    word doubled by its templates (``is a a skunked term``)."""
    message = _NO_REPLACEMENT.sub(r"Cut the redundant words in \1", message)
    return _DOUBLED.sub(r"\1", message)


def checks_of(rule) -> list[tuple[str, str]]:
    """(check id, proselint's message) of every proselint check this rule reports, for ``explain``."""
    from ..analysis.prose_table import check_infos

    out = []
    for check_id, message, _how in check_infos():
        if _covered(check_id, rule.options["checks"]) and not _covered(check_id, rule.options["disable"]):
            out.append((check_id, tidy_message(message)))
    return sorted(out)


KINDS = [Proselint]
