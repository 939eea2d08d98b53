"""Configuration: ``.copydesk.yaml`` or ``pyproject.toml [tool.copydesk]``, found upward from the working
directory; ``--config FILE`` (or the ``COPYDESK_CONFIG`` environment variable) wins.

Every key is validated on load; a mistake is a ``ConfigError`` naming the file, line and key.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import LEVELS
from .errors import ConfigError, RuleError
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
}


__all__ = ["AUDIENCES", "Config", "ConfigError", "RuleError", "load_config"]


@dataclass
class Config:
    packs: list[str] | None = None
    packs_path: list[str] = field(default_factory=list)
    rules: dict = field(default_factory=dict)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    min_level: str = "suggestion"
    fail_level: str = "warning"
    audience: str = DEFAULT_AUDIENCE
    allow_outside_packs: bool = False
    #: Where the config came from (for messages) and the folder relative paths are resolved against.
    source: str = "<defaults>"
    root: str = "."
    #: Line of each rule override in the config file (for error messages).
    rule_lines: dict = field(default_factory=dict)
    #: Line of each top-level key in the config file (for error messages).
    lines: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
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
        )
        data = {k: getattr(self, k) for k in keys}
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]

    def pack_dirs(self) -> list[Path]:
        root = Path(self.root)
        dirs = []
        for p in self.packs_path:
            path = Path(os.path.expanduser(p))
            if not path.is_absolute():
                path = (root / path).resolve()
            dirs.append(path)
        return dirs


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
        elif key in ("packs_path", "include", "exclude"):
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
        elif key == "allow_outside_packs":
            if not isinstance(value, bool):
                raise ConfigError(source, line, "'allow_outside_packs' must be true or false")
            cfg.allow_outside_packs = value
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
    return data.get("tool", {}).get("copydesk")


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


def find_config(start: Path) -> Path | None:
    """The nearest config upward from ``start``: a ``.copydesk.yaml`` or a pyproject with [tool.copydesk]."""
    start = start.resolve()
    for folder in (start, *start.parents):
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
