"""Where a finding's rule is documented.

Built-in rules carry links relative to copydesk's own docs (``docs/rules/hygiene.md#doubled``), which a
user who installed copydesk with pip cannot open. So a link in the output is either

- the rule's own ``link`` when it is an absolute URL (a team's pack may point at its style guide), or
- built from the config's ``docs_url`` (a team's published copy of the rule docs): a template with
  ``{rule}`` (``hygiene.Doubled``), ``{pack}``, ``{name}`` and ``{anchor}`` (``doubled``), or a base URL
  to which ``{pack}.md#{anchor}`` is added (the layout ``python -m copydesk.docgen`` writes), or
- nothing: text output then points at ``copydesk explain RULE``, which works offline, and machine
  formats leave the link out (no placeholder host).
"""

from __future__ import annotations

import re

_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_FIELDS = ("rule", "pack", "name", "anchor")


def is_absolute(link: str) -> bool:
    return bool(link) and _ABSOLUTE.match(link) is not None


def check_docs_url(value: str) -> str | None:
    """Why ``value`` is not a usable ``docs_url`` (None: it is)."""
    if not is_absolute(value) or not value.startswith(("http://", "https://")):
        return "docs_url must be an http(s) URL"
    for m in re.finditer(r"\{([^{}]*)\}", value):
        if m.group(1) not in _FIELDS:
            return f"docs_url: unknown placeholder {{{m.group(1)}}} (known: {', '.join('{' + f + '}' for f in _FIELDS)})"
    return None


def rule_url(rule_id: str, link: str, docs_url: str = "") -> str:
    """The URL to show for a rule, or "" when there is none."""
    if is_absolute(link):
        return link
    if not docs_url:
        return ""
    pack, _, name = rule_id.partition(".")
    values = {"rule": rule_id, "pack": pack, "name": name, "anchor": name.lower()}
    if "{" in docs_url:
        return docs_url.format(**values)
    return f"{docs_url.rstrip('/')}/{pack}.md#{values['anchor']}"
