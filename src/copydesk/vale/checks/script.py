"""``extends: script``: Tengo scripts are not run by copydesk. The rule is loaded (so a style with one is
accepted) and reported once as skipped."""

from __future__ import annotations

from .base import Check


class Script(Check):
    kind = "script"
    keys = {"script"}
    per_document = True
    skipped = True

    def run_document(self, blocks, state: dict):
        return []
