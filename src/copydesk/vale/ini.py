"""Reading a Vale configuration file (``.vale.ini``), found the way Vale finds it.

Vale's file is INI-like: global keys first, then ``[formats]`` (extension associations) and one section
per glob (``[*]``, ``[*.md]``, ``[*.{md,txt}]``, ``[docs/**/*.md]``). A file is governed by every section
whose glob matches it, in the order they are written (a later section overrides an earlier one's rule
levels and adds its styles).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import ValeError

#: Names Vale looks for, in order, in the working folder and then upward.
INI_NAMES = (".vale.ini", "_vale.ini", "vale.ini", ".vale", "_vale")
LEVELS = ("suggestion", "warning", "error")

#: Global keys copydesk reads; other known Vale keys are accepted and reported as not supported.
GLOBAL_KEYS = {
    "stylespath",
    "minalertlevel",
    "vocab",
    "packages",
    "ignoredscopes",
    "skippedscopes",
    "ignoredclasses",
    "wordtemplate",
    "blockignores",
    "tokenignores",
}
IGNORED_GLOBAL_KEYS = {"nlpendpoint", "lang", "spelling"}
SECTION_LIST_KEYS = {"basedonstyles", "blockignores", "tokenignores", "ignoredscopes", "skippedscopes"}
SECTION_KEYS = SECTION_LIST_KEYS | {"transform", "lang", "commentdelimiters", "ignoredclasses"}


@dataclass
class Section:
    glob: str
    line: int
    matcher: re.Pattern
    styles: list[str] = field(default_factory=list)
    #: ``Style.Rule`` or ``Style`` -> "NO", "YES" or a level, with the line it was set on.
    rules: dict[str, tuple[str, int]] = field(default_factory=dict)
    block_ignores: list[tuple[str, int]] = field(default_factory=list)
    token_ignores: list[tuple[str, int]] = field(default_factory=list)
    ignored_scopes: list[str] | None = None
    skipped_scopes: list[str] | None = None
    ignored_classes: list[str] | None = None
    transform: str = ""

    def matches(self, rel: str, absolute: str) -> bool:
        return bool(
            self.matcher.fullmatch(rel)
            or self.matcher.fullmatch(absolute)
            or self.matcher.fullmatch(os.path.basename(rel))
        )


@dataclass
class ValeConfig:
    path: str
    root: str
    styles_path: str = ""
    min_level: str = "suggestion"
    vocab: list[str] = field(default_factory=list)
    packages: list[str] = field(default_factory=list)
    ignored_scopes: list[str] = field(default_factory=lambda: ["code", "tt"])
    skipped_scopes: list[str] = field(default_factory=lambda: ["script", "style", "pre", "figure"])
    ignored_classes: list[str] = field(default_factory=list)
    word_template: str = ""
    block_ignores: list[tuple[str, int]] = field(default_factory=list)
    token_ignores: list[tuple[str, int]] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    #: Keys read but not acted on (reported once as notices).
    unsupported: list[str] = field(default_factory=list)

    def sections_for(self, rel: str, absolute: str) -> list[Section]:
        rel = rel.replace(os.sep, "/")
        absolute = absolute.replace(os.sep, "/")
        return [s for s in self.sections if s.matches(rel, absolute)]


def glob_to_regex(glob: str) -> str:
    """A Vale section glob as a regular expression: ``*`` and ``**`` match any characters (as in Vale,
    whose globs have no separator), ``?`` one, ``{a,b}`` alternatives, ``[...]`` a class, ``!`` negates."""
    out: list[str] = []
    i, n = 0, len(glob)
    depth = 0
    while i < n:
        c = glob[i]
        if c == "*":
            while i + 1 < n and glob[i + 1] == "*":
                i += 1
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "{":
            depth += 1
            out.append("(?:")
        elif c == "}" and depth:
            depth -= 1
            out.append(")")
        elif c == "," and depth:
            out.append("|")
        elif c == "[":
            j = glob.find("]", i + 1)
            if j < 0:
                out.append(re.escape(c))
            else:
                body = glob[i + 1 : j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = j
        elif c == "\\" and i + 1 < n:
            out.append(re.escape(glob[i + 1]))
            i += 1
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out) + ")" * depth


def _compile_glob(glob: str, path: str, line: int) -> re.Pattern:
    negate = glob.startswith("!")
    body = glob_to_regex(glob[1:] if negate else glob)
    try:
        rx = re.compile(f"(?:(?!(?:{body})$).*)" if negate else body, re.DOTALL)
    except re.error as exc:
        raise ValeError(path, line, f"invalid section glob [{glob}]: {exc}") from None
    return rx


def _split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def find_ini(start: Path) -> Path | None:
    """``$VALE_CONFIG_PATH``, else the nearest Vale config upward from ``start``."""
    env = os.environ.get("VALE_CONFIG_PATH")
    if env and Path(env).is_file():
        return Path(env)
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in INI_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


_SECTION = re.compile(r"^\[(.*)\]\s*(?:[#;].*)?$")


def parse_ini(text: str, path: str) -> ValeConfig:
    root = str(Path(path).resolve().parent)
    cfg = ValeConfig(path=path, root=root)
    current: Section | None = None
    in_formats = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        m = _SECTION.match(line)
        if m:
            name = m.group(1).strip()
            if name.lower() == "formats":
                in_formats, current = True, None
                continue
            in_formats = False
            current = Section(glob=name, line=lineno, matcher=_compile_glob(name, path, lineno))
            cfg.sections.append(current)
            continue
        if "=" not in line:
            raise ValeError(path, lineno, f"expected 'key = value' or a [section], got {line!r}")
        key, _, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        lk = key.lower()
        if in_formats:
            cfg.formats[key.lower().lstrip(".")] = value.lower().lstrip(".")
            continue
        if current is None:
            _global(cfg, lk, key, value, path, lineno)
        else:
            _section_key(cfg, current, lk, key, value, path, lineno)
    return cfg


def _global(cfg: ValeConfig, lk: str, key: str, value: str, path: str, lineno: int) -> None:
    cfg.lines[lk] = lineno
    if lk == "stylespath":
        cfg.styles_path = value
    elif lk == "minalertlevel":
        if value.lower() not in LEVELS:
            raise ValeError(path, lineno, f"MinAlertLevel must be one of {', '.join(LEVELS)}, got {value!r}")
        cfg.min_level = value.lower()
    elif lk == "vocab":
        cfg.vocab = _split_list(value)
    elif lk == "packages":
        cfg.packages = _split_list(value)
    elif lk == "ignoredscopes":
        cfg.ignored_scopes = _split_list(value)
    elif lk == "skippedscopes":
        cfg.skipped_scopes = _split_list(value)
    elif lk == "wordtemplate":
        cfg.word_template = value
    elif lk == "blockignores":
        cfg.block_ignores += [(v, lineno) for v in _split_list(value)]
    elif lk == "tokenignores":
        cfg.token_ignores += [(v, lineno) for v in _split_list(value)]
    elif lk == "ignoredclasses":
        cfg.ignored_classes = _split_list(value)
    elif lk in IGNORED_GLOBAL_KEYS:
        cfg.unsupported.append(f"{path}:{lineno}: {key} is not supported by copydesk and was ignored")
    else:
        raise ValeError(path, lineno, f"unknown Vale setting '{key}'")


def _section_key(
    cfg: ValeConfig, sec: Section, lk: str, key: str, value: str, path: str, lineno: int
) -> None:
    if lk == "basedonstyles":
        sec.styles += [s for s in _split_list(value) if s not in sec.styles]
    elif lk == "blockignores":
        sec.block_ignores += [(v, lineno) for v in _split_list(value)]
    elif lk == "tokenignores":
        sec.token_ignores += [(v, lineno) for v in _split_list(value)]
    elif lk == "ignoredscopes":
        sec.ignored_scopes = _split_list(value)
    elif lk == "skippedscopes":
        sec.skipped_scopes = _split_list(value)
    elif lk == "transform":
        sec.transform = value
        cfg.unsupported.append(
            f"{path}:{lineno}: Transform (XSLT) applies to XML formats, which copydesk does not read; ignored"
        )
    elif lk == "ignoredclasses":
        sec.ignored_classes = _split_list(value)
    elif lk in ("lang", "commentdelimiters"):
        cfg.unsupported.append(f"{path}:{lineno}: {key} is not supported by copydesk and was ignored")
    else:
        setting = value.strip()
        norm = setting.upper() if setting.upper() in ("YES", "NO") else setting.lower()
        if norm in ("YES", "NO") + LEVELS:
            sec.rules[key] = (norm, lineno)
        elif "." in key:
            raise ValeError(
                path,
                lineno,
                f"'{key}' must be YES, NO or a level (suggestion, warning, error), got {value!r}",
            )
        else:
            cfg.unsupported.append(f"{path}:{lineno}: {key} is not supported by copydesk and was ignored")


def load_ini(path: Path) -> ValeConfig:
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValeError(shown, 1, "Vale configuration file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValeError(shown, 1, f"cannot read Vale configuration ({exc})") from None
    return parse_ini(text, shown)


def styles_dir(cfg: ValeConfig) -> Path:
    base = Path(os.path.expanduser(cfg.styles_path or "styles"))
    return base if base.is_absolute() else Path(cfg.root) / base
