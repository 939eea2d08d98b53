"""Renderer-aware typography: does the site turn straight quotes, ``...`` and ``--`` into typographic ones?

Many static-site renderers do by default: Hugo's Goldmark ``typographer`` extension, Jekyll's kramdown
``smart_quotes``, Pandoc's (and so Quarto's) ``smart`` extension, MkDocs with ``smarty``. Readers of such
a site never see a straight quote, so rules about quote, apostrophe, ellipsis and dash characters only
add noise there. The config key ``typography`` is ``smart``, ``literal`` or ``auto`` (the default): auto
looks for the site's configuration in the config's folder and its parents (up to the git work tree's top)
and reads the renderer's setting; with no site configuration found, typography is literal.

Rules marked ``typography: literal`` in their YAML run only when typography is literal.
"""

from __future__ import annotations

import json
from pathlib import Path

SETTINGS = ("auto", "smart", "literal")

_HUGO_NAMES = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json")
_GENERIC_NAMES = ("config.toml", "config.yaml", "config.yml", "config.json")
_JEKYLL_NAMES = ("_config.yml", "_config.yaml")
_PANDOC_NAMES = ("_quarto.yml", "_quarto.yaml", "pandoc.yaml", ".pandoc/defaults.yaml")
_MKDOCS_NAMES = ("mkdocs.yml", "mkdocs.yaml")
_MAX_BYTES = 1 << 20


def _load(path: Path):
    """The parsed file (TOML, YAML or JSON), or None when it cannot be read or parsed."""
    try:
        if path.stat().st_size > _MAX_BYTES:
            return None
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        if path.suffix == ".toml":
            import tomllib

            return tomllib.loads(raw)
        if path.suffix == ".json":
            return json.loads(raw)
        import yaml

        # Jekyll and MkDocs configs may carry custom tags (!!python/name...): read them as plain data.
        class _Loader(yaml.SafeLoader):
            pass

        _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
        return yaml.load(raw, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except Exception:
        return None


def _get(data, *keys):
    for k in keys:
        if not isinstance(data, dict):
            return None
        # Hugo keys are case-insensitive.
        data = next((v for kk, v in data.items() if str(kk).lower() == k.lower()), None)
    return data


def _hugo(data, name: str) -> tuple[str, str]:
    handler = str(_get(data, "markup", "defaultMarkdownHandler") or "goldmark").lower()
    if handler == "blackfriday":
        smarty = _get(data, "blackfriday", "smartypants")
        if smarty is False:
            return "literal", f"{name}: Hugo with blackfriday smartypants off"
        return "smart", f"{name}: Hugo with blackfriday (smartypants on by default)"
    typographer = _get(data, "markup", "goldmark", "extensions", "typographer")
    if typographer is False or (isinstance(typographer, dict) and typographer.get("disable") is True):
        return "literal", f"{name}: Hugo with the Goldmark typographer off"
    return "smart", f"{name}: Hugo (Goldmark's typographer is on by default)"


def _jekyll(data, name: str) -> tuple[str, str]:
    markdown = str(_get(data, "markdown") or "kramdown").lower()
    if markdown != "kramdown":
        options = _get(data, "commonmark", "options") or []
        if isinstance(options, list) and any(str(o).upper() == "SMART" for o in options):
            return "smart", f"{name}: Jekyll with CommonMark's SMART option"
        return "literal", f"{name}: Jekyll with {markdown} (no smart quotes)"
    quotes = _get(data, "kramdown", "smart_quotes")
    if isinstance(quotes, str) and quotes.replace(" ", "").lower() == "apos,apos,quot,quot":
        return "literal", f"{name}: Jekyll with kramdown smart_quotes off"
    return "smart", f"{name}: Jekyll (kramdown smart quotes are on by default)"


def _pandoc(path: Path, name: str) -> tuple[str, str]:
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")[:_MAX_BYTES]
    except OSError:
        raw = ""
    if "-smart" in raw:
        return "literal", f"{name}: Pandoc with the smart extension off"
    return "smart", f"{name}: Pandoc (the smart extension is on by default for Markdown)"


def _mkdocs(data, name: str) -> tuple[str, str]:
    exts = _get(data, "markdown_extensions") or []
    names = []
    for e in exts if isinstance(exts, list) else []:
        names.extend(e.keys() if isinstance(e, dict) else [e])
    if any(str(n).split(".")[-1] in ("smarty", "smartsymbols") for n in names):
        return "smart", f"{name}: MkDocs with the smarty extension"
    return "literal", f"{name}: MkDocs without smarty"


def _detect_in(folder: Path) -> tuple[str, str] | None:
    for n in _HUGO_NAMES + tuple(f"config/_default/{x}" for x in _HUGO_NAMES + _GENERIC_NAMES):
        p = folder / n
        if p.is_file():
            return _hugo(_load(p) or {}, str(p))
    for n in _GENERIC_NAMES:
        p = folder / n
        if p.is_file():
            data = _load(p)
            if isinstance(data, dict) and _get(data, "baseURL") is not None:  # a Hugo site config
                return _hugo(data, str(p))
    for n in _JEKYLL_NAMES:
        p = folder / n
        if p.is_file():
            return _jekyll(_load(p) or {}, str(p))
    for n in _PANDOC_NAMES:
        p = folder / n
        if p.is_file():
            return _pandoc(p, str(p))
    for n in _MKDOCS_NAMES:
        p = folder / n
        if p.is_file():
            return _mkdocs(_load(p) or {}, str(p))
    return None


def detect(root: str | Path) -> tuple[str, str]:
    """(``smart`` or ``literal``, why) for the site around ``root``."""
    try:
        start = Path(root).resolve()
    except OSError:
        return "literal", "no site configuration found"
    for folder in (start, *start.parents):
        found = _detect_in(folder)
        if found:
            return found
        if (folder / ".git").exists():
            break
    return "literal", "no site configuration found (Hugo, Jekyll, Pandoc/Quarto or MkDocs)"


def resolve(setting: str, root: str | Path) -> tuple[str, str]:
    """The effective typography for a config's ``typography`` setting."""
    if setting in ("smart", "literal"):
        return setting, "set in the configuration"
    return detect(root)
