"""Configuration: ``.copydesk.yaml`` or ``pyproject.toml [tool.copydesk]``, found upward from the working
directory up to the repository root (the nearest folder holding ``.git``); outside a repository only the
working directory itself is looked at. ``--config FILE`` (or the ``COPYDESK_CONFIG`` environment variable)
wins.

Every key is validated on load; a mistake is a ``ConfigError`` naming the file, line and key.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .diagnostics import LEVELS, ValueRecord
from .errors import ConfigError, RuleError
from .source import DEFAULT_MAX_FILE_SIZE, parse_size
from .vocab import AUDIENCES, DEFAULT_AUDIENCE, unknown_audience
from .yamlload import YamlError, line_of, load_yaml

CONFIG_NAMES = (".copydesk.yaml", ".copydesk.yml")

KEYS = {
    "packs": "list of enabled packs (default: every built-in pack and every pack in packs_path)",
    "packs_path": "list of folders holding your own rule packs",
    "rules": "per-rule (or per-pack) settings: off, on, a level, or a mapping of options",
    "include": "glob patterns of files to check when walking folders",
    "exclude": "glob patterns of files and folders to skip",
    "min_level": "lowest level to show: suggestion, warning or error",
    "fail_level": "lowest level that makes the exit code 1",
    "audience": "readability audience: " + ", ".join(AUDIENCES[:-1]) + " or " + AUDIENCES[-1],
    "allow_outside_packs": "allow packs_path entries outside the project folder",
    "typography": "auto (detect from the site's config), smart (the renderer makes quotes curly) or literal",
    "docs_url": "where your team publishes the rule docs (a URL, may use {rule} {pack} {name} {anchor})",
    "vale_styles": "list of Vale style folders (or StylesPaths) whose rules run beside the packs, as Style.Rule",
    "max_file_size": "largest draft to read, as bytes or with a unit (50MB, 512kB); 0 for no limit",
    "max_findings": "most findings shown per rule per file (default 1000; 0 for no limit)",
}


__all__ = ["AUDIENCES", "Config", "ConfigError", "RuleError", "load_config"]


_NEW: list = []  # (a default standing for "a new empty list or mapping"; never used as a value)


class Config(ValueRecord):
    """The effective configuration of a run. (Written out rather than made by ``dataclasses.dataclass``,
    which compiles the source of its methods on every start; it behaves as the dataclass it was: the same
    constructor, equality and ``repr``.)"""

    FIELDS = (
        "packs packs_path rules include exclude min_level fail_level audience allow_outside_packs docs_url "
        "typography vale_styles max_file_size max_findings source root rule_lines lines"
    ).split()

    def __init__(
        self,
        packs: list[str] | None = None,
        packs_path: list[str] = _NEW,
        rules: dict = _NEW,  # type: ignore[assignment]
        include: list[str] = _NEW,
        exclude: list[str] = _NEW,
        min_level: str = "suggestion",
        fail_level: str = "warning",
        audience: str = DEFAULT_AUDIENCE,
        allow_outside_packs: bool = False,
        docs_url: str = "",
        typography: str = "auto",
        vale_styles: list[str] = _NEW,
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
        max_findings: int = 1000,
        source: str = "<defaults>",
        root: str = ".",
        rule_lines: dict = _NEW,  # type: ignore[assignment]
        lines: dict = _NEW,  # type: ignore[assignment]
    ) -> None:
        self.packs = packs
        self.packs_path = [] if packs_path is _NEW else packs_path
        self.rules = {} if rules is _NEW else rules
        self.include = [] if include is _NEW else include
        self.exclude = [] if exclude is _NEW else exclude
        self.min_level = min_level
        self.fail_level = fail_level
        self.audience = audience
        self.allow_outside_packs = allow_outside_packs
        #: A team's published rule docs (see ``copydesk.links``); "" when none.
        self.docs_url = docs_url
        #: auto, smart or literal (see ``copydesk.typography``).
        self.typography = typography
        #: Vale style folders (or StylesPaths) whose rules run beside copydesk's packs.
        self.vale_styles = [] if vale_styles is _NEW else vale_styles
        #: The largest draft read, in bytes (0: no limit).
        self.max_file_size = max_file_size
        #: The most findings shown per rule per file (0: no limit); the rest are counted in a notice.
        self.max_findings = max_findings
        #: Where the config came from (for messages) and the folder relative paths are resolved against.
        self.source = source
        self.root = root
        #: Line of each rule override in the config file (for error messages).
        self.rule_lines = {} if rule_lines is _NEW else rule_lines
        #: Line of each top-level key in the config file (for error messages).
        self.lines = {} if lines is _NEW else lines
        problem = unknown_audience(self.audience)
        if problem:  # the same refusal as a config file's, for configs built in Python
            raise ConfigError(self.source, 1, f"audience: {problem}")

    def key(self) -> str:
        """A stable digest of the effective configuration (for caches and per-process rule reuse)."""
        keys = (
            "packs",
            "packs_path",
            "rules",
            "min_level",
            "audience",
            "root",
            "allow_outside_packs",
            "source",
            "docs_url",
            "vale_styles",
            "max_findings",
        )
        data = {k: getattr(self, k) for k in keys}
        data["typography"] = self.effective_typography()[0]
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]

    def effective_typography(self) -> tuple[str, str]:
        """(``smart`` or ``literal``, why), detected once from the site's config when ``auto``."""
        cached = self.__dict__.get("_typography")
        if cached is None or cached[0] != (self.typography, self.root):
            from .typography import resolve

            cached = self.__dict__["_typography"] = (
                (self.typography, self.root),
                resolve(self.typography, self.root),
            )
        return cached[1]

    def vale_style_dirs(self) -> list[Path]:
        root = Path(self.root)
        out = []
        for p in self.vale_styles:
            path = Path(os.path.expanduser(p))
            out.append(path if path.is_absolute() else (root / path).resolve())
        return out

    def pack_dirs(self) -> list[Path]:
        root = Path(self.root)
        dirs = []
        for p in self.packs_path:
            path = Path(os.path.expanduser(p))
            if not path.is_absolute():
                path = root / path
            try:
                path = path.resolve(strict=False)
            except (RuntimeError, OSError) as exc:  # a symlink loop
                raise ConfigError(
                    self.source, self.lines.get("packs_path", 1), f"packs_path entry '{p}': {_why(exc)}"
                ) from None
            dirs.append(path)
        return dirs


def _why(exc: BaseException) -> str:
    if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == 40:  # ELOOP
        return "a symlink loop"
    return getattr(exc, "strerror", None) or str(exc)


def _as_list(value, key: str, src: str, line: int) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(src, line, f"'{key}' must be a list of strings")
    return list(value)


def config_from_mapping(data, source: str, root: str) -> Config:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(source, 1, "configuration must be a mapping of keys to values")
    cfg = Config(source=source, root=root)
    for key, value in data.items():
        line = line_of(data, key)
        cfg.lines[key] = line
        if key not in KEYS:
            raise ConfigError(source, line, f"unknown configuration key '{key}' (known: {', '.join(KEYS)})")
        if key == "packs":
            cfg.packs = _as_list(value, key, source, line)
        elif key in ("packs_path", "include", "exclude", "vale_styles"):
            setattr(cfg, key, _as_list(value, key, source, line))
        elif key in ("min_level", "fail_level"):
            if value not in LEVELS:
                raise ConfigError(source, line, f"'{key}' must be one of {', '.join(LEVELS)}, got {value!r}")
            setattr(cfg, key, value)
        elif key == "audience":
            problem = unknown_audience(value)
            if problem:
                raise ConfigError(source, line, f"audience: {problem}")
            cfg.audience = value
        elif key == "max_file_size":
            try:
                if isinstance(value, bool) or not isinstance(value, (int, str)):
                    raise ValueError("expected a number of bytes or a size such as 50MB")
                cfg.max_file_size = parse_size(value)
            except ValueError as exc:
                raise ConfigError(source, line, f"'max_file_size': {exc}") from None
        elif key == "max_findings":
            if type(value) is not int or value < 0:
                raise ConfigError(
                    source, line, f"'max_findings' must be a whole number (0: no limit), got {value!r}"
                )
            cfg.max_findings = value
        elif key == "allow_outside_packs":
            if not isinstance(value, bool):
                raise ConfigError(source, line, "'allow_outside_packs' must be true or false")
            cfg.allow_outside_packs = value
        elif key == "typography":
            from .typography import SETTINGS

            if value not in SETTINGS:
                raise ConfigError(
                    source, line, f"'typography' must be one of {', '.join(SETTINGS)}, got {value!r}"
                )
            cfg.typography = value
        elif key == "docs_url":
            from .links import check_docs_url

            problem = check_docs_url(value) if isinstance(value, str) else "docs_url must be a URL"
            if problem:
                raise ConfigError(source, line, problem)
            cfg.docs_url = value
        elif key == "rules":
            if value is None:
                value = {}
            if not isinstance(value, dict):
                raise ConfigError(source, line, "'rules' must map rule ids (or pack names) to settings")
            for rid, setting in value.items():
                rline = line_of(value, rid, line)
                if not isinstance(rid, str):
                    raise ConfigError(source, rline, f"rule id {rid!r} must be a string")
                if not (setting is None or isinstance(setting, (bool, str, dict))):
                    raise ConfigError(source, rline, f"rules.{rid}: expected off, on, a level or a mapping")
                if isinstance(setting, str) and setting not in LEVELS + ("off", "on"):
                    raise ConfigError(
                        source, rline, f"rules.{rid}: expected off, on or a level, got {setting!r}"
                    )
                cfg.rules[rid] = dict(setting) if isinstance(setting, dict) else setting
                cfg.rule_lines[rid] = rline
    return cfg


def _load_toml(path: Path):
    import tomllib

    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), 1, f"invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(str(path), 1, f"cannot read ({exc.strerror or exc})") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(str(path), 1, "'tool' must be a table ([tool.copydesk]), not a value")
    section = tool.get("copydesk")
    if section is not None and not isinstance(section, dict):
        raise ConfigError(str(path), 1, "'tool.copydesk' must be a table ([tool.copydesk]), not a value")
    return section


def load_config_file(path: Path) -> Config:
    shown = str(path)
    if not path.is_file():
        raise ConfigError(shown, 1, "configuration file not found")
    root = str(path.resolve().parent)
    if path.suffix == ".toml":
        data = _load_toml(path)
        return config_from_mapping(data or {}, shown, root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(shown, 1, f"cannot read configuration ({exc})") from None
    try:
        data = load_yaml(text, shown)
    except YamlError as exc:
        raise ConfigError(exc.path, exc.line, exc.message) from None
    return config_from_mapping(data, shown, root)


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder, or a file in a worktree)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def search_folders(start: Path) -> list[Path]:
    """Where config discovery looks, nearest first: ``start`` and its parents up to the repository root;
    outside a repository ``start`` alone (a config in ``/tmp`` or ``$HOME`` never applies by accident)."""
    start = start.resolve()
    top = repository_root(start)
    if top is None:
        return [start]
    out = []
    for folder in (start, *start.parents):
        out.append(folder)
        if folder == top:
            break
    return out


def find_config(start: Path) -> Path | None:
    """The nearest config upward from ``start`` (see ``search_folders``): a ``.copydesk.yaml`` or a
    pyproject with [tool.copydesk]."""
    for folder in search_folders(start):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "[tool.copydesk" in pyproject.read_text(encoding="utf-8", errors="replace"):
                    return pyproject
            except OSError:
                pass
    return None


def describe_search(cwd: Path | None = None, explicit: str | None = None) -> str:
    """Which config file is used and why, for ``check --verbose``."""
    cwd = cwd or Path.cwd()
    if explicit:
        return f"config: {explicit} (--config)"
    env = os.environ.get("COPYDESK_CONFIG")
    if env:
        return f"config: {env} (COPYDESK_CONFIG)"
    folders = search_folders(cwd)
    found = find_config(cwd)
    where = (
        f"looked in {folders[0]}" + (f" up to the repository root {folders[-1]}" if len(folders) > 1 else "")
        if repository_root(cwd) is not None
        else f"looked in {folders[0]} only (not inside a git repository)"
    )
    if found is None:
        return f"config: none found ({where}); using the defaults"
    return f"config: {found} ({where})"


def load_config(explicit: str | None = None, cwd: Path | None = None) -> Config:
    """Explicit file, else $COPYDESK_CONFIG, else the nearest config upward from ``cwd``, else defaults."""
    cwd = cwd or Path.cwd()
    chosen = explicit or os.environ.get("COPYDESK_CONFIG")
    if chosen:
        return load_config_file(Path(chosen))
    found = find_config(cwd)
    if found is None:
        return Config(root=str(cwd.resolve()))
    return load_config_file(found)
