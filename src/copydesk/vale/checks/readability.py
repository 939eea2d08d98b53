"""``extends: readability``: the average grade of the listed ``metrics`` must not exceed ``grade``."""

from __future__ import annotations

from .. import ValeError
from .base import Alert, Check, format_message

_METRICS = {
    "Gunning Fog": "gunning_fog",
    "Coleman-Liau": "coleman_liau_index",
    "Flesch-Kincaid": "flesch_kincaid_grade",
    "SMOG": "smog_index",
    "Automated Readability": "automated_readability_index",
}


class Readability(Check):
    kind = "readability"
    keys = {"metrics", "grade"}
    per_document = True
    default_scope = ("summary",)

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        self.metrics = self.str_list("metrics")
        for m in self.metrics:
            if m not in _METRICS:
                raise ValeError(
                    self.path, self.line("metrics"), f"unknown metric {m!r} (known: {', '.join(_METRICS)})"
                )
        self.grade = float(self.opt("grade", 8, (int, float)))

    def run_document(self, blocks, state: dict):
        from ...analysis.readability import compute_counts, metrics

        text = "\n\n".join(b.text for b in blocks if b.scope in ("paragraph", "list", "blockquote"))
        if not text.strip() or not self.metrics:
            return []
        values = metrics(compute_counts(text))
        grade = sum(values[_METRICS[m]] for m in self.metrics) / len(self.metrics)
        if grade > self.grade:
            return [(None, Alert(-1, -1, format_message(self.message, f"{grade:.2f}")))]
        return []
