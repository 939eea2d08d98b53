"""Vale compatibility: read a ``.vale.ini`` and Vale styles, and run their rules over copydesk's Documents.

Layout (one direction of data, as in the rest of copydesk):

- ``ini``: finds and reads ``.vale.ini`` (global keys, ``[formats]``, per-glob sections).
- ``styles``: loads a style folder's YAML rules and the built-in ``Vale`` style, and vocabularies.
- ``regex``: Vale's regular-expression dialect translated to RE2 (refused with file:line where impossible).
- ``checks/``: one module per Vale rule kind (existence, substitution, ...).
- ``scopes``: the one adapter from copydesk's ``Document`` blocks to Vale's scoped blocks.
- ``comments``: ``<!-- vale off -->`` and ``<!-- vale Style.Rule = NO -->`` directives.
- ``runner``: ``copydesk check --vale-compat`` (files, sections, levels, diagnostics).
- ``bridge``: Vale rules as copydesk rules, for ``vale_styles:`` in a copydesk config.
"""

from __future__ import annotations

from ..rules import RuleError


class ValeError(RuleError):
    """A mistake in a Vale configuration or style, reported as ``file:line: message`` (exit code 2)."""
