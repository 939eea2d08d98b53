"""proselint's own checks, run one by one through proselint's code: the reference the table of checks
(copydesk.analysis.prose_table) must agree with.

Every selected check object of proselint's registry runs on every text, with proselint's own engines (no
gate, no pre-filter, no splitting of a check into parts); quotations are found and dropped as proselint's
``LintFile`` does. Slow, and only for tests.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from copydesk.analysis.style import StyleChecker, _default_flags, _is_selected, _registry


class ProselintReference(StyleChecker):
    """:class:`copydesk.analysis.style.StyleChecker`'s interface over proselint's own check objects."""

    def __init__(
        self, enabled: set[str] | None = None, disabled: set[str] | frozenset[str] = frozenset()
    ) -> None:
        from proselint.tools import QUOTE_PATTERN, check_matching_quotes, find_spans

        registry = _registry()
        paths = {c.path for c in registry}
        chosen = set(enabled or ()) | set(disabled)
        unknown = sorted(k for k in chosen if not any(p == k or p.startswith(k + ".") for p in paths))
        if unknown:
            raise ValueError(f"unknown proselint check id(s): {', '.join(unknown)}")
        defaults = _default_flags()
        self._checks = [c for c in registry if _is_selected(c.path, enabled, disabled, defaults)]
        self.check_ids = tuple(dict.fromkeys(c.path for c in self._checks))
        self._find_quotes = lambda content: find_spans(content, QUOTE_PATTERN, check_matching_quotes)

    def _results(self, content: str) -> list[Any]:
        results = [(res, c.flags.allow_quotes) for c in self._checks for res in c.check_with_flags(content)]
        if all(allow for _res, allow in results):
            return [res for res, _allow in results]
        bounds = [pos for span in self._find_quotes(content) for pos in span]
        return [res for res, allow in results if allow or bisect_left(bounds, res.span[0]) % 2 == 0]
