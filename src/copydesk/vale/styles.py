"""Loading Vale styles: a style is a folder of YAML rules under the StylesPath; ``Vale`` is built in.

A rule's id is ``Style.FileStem``. ``extends`` names a rule kind (or another rule, ``Style.Rule``, whose
settings it inherits). Unknown kinds and keys are errors with file:line.
"""

from __future__ import annotations

from pathlib import Path

from ..yamlload import YamlError, load_yaml
from . import ValeError
from .checks import KINDS
from .checks.base import Check, LoadContext
from .regex import ValeUnsupported

MAX_RULE_BYTES = 8 << 20

#: Vale's built-in style. ``Terms`` and ``Avoid`` are filled from the vocabularies.
BUILTIN = {
    "Vale.Spelling": {
        "extends": "spelling",
        "message": "Did you really mean '%s'?",
        "level": "error",
        "scope": "text",
        "action": {"name": "suggest", "params": ["spellings"]},
    },
    "Vale.Repetition": {
        "extends": "repetition",
        "message": "'%s' is repeated!",
        "level": "error",
        "scope": "text",
        "ignorecase": True,
        "alpha": True,
        "action": {"name": "edit", "params": ["truncate", " "]},
        "tokens": [r"[^\s.!?]+"],
    },
    "Vale.Terms": {
        "extends": "substitution",
        "message": "Use '%s' instead of '%s'.",
        "level": "error",
        "scope": "text",
        "ignorecase": True,
        "swap": {},
        "vocab": False,
    },
    "Vale.Avoid": {
        "extends": "existence",
        "message": "Avoid using '%s'.",
        "level": "error",
        "scope": "text",
        "ignorecase": False,
        "tokens": [],
        "vocab": False,
    },
}


def read_vocab(styles: Path, name: str, path: str, line: int) -> tuple[list[str], list[str]]:
    """``accept.txt`` and ``reject.txt`` of a vocabulary (Vale 3 and Vale 2 layouts)."""
    for folder in (styles / "config" / "vocabularies" / name, styles / "Vocab" / name):
        if folder.is_dir():
            return _terms(folder / "accept.txt"), _terms(folder / "reject.txt")
    raise ValeError(
        path, line, f"vocabulary '{name}' not found (looked in {styles / 'config' / 'vocabularies'})"
    )


def _terms(p: Path) -> list[str]:
    if not p.is_file():
        return []
    out = []
    for raw in p.read_text(encoding="utf-8-sig", errors="replace").splitlines():
        t = raw.strip()
        if t and not t.startswith("#"):
            out.append(t)
    return out


class StyleSet:
    """Every style folder under a StylesPath, loaded on demand and cached."""

    def __init__(self, styles_path: Path | None, ctx: LoadContext) -> None:
        self.root = styles_path
        self.ctx = ctx
        self._styles: dict[str, dict[str, Check]] = {}
        self._data: dict[str, tuple[dict, str]] = {}
        #: Rules not loaded because a pattern needs what RE2 lacks: one message each (file:line).
        self.skipped: list[str] = []

    def style_names(self) -> list[str]:
        if self.root is None or not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and p.name not in ("config", "Vocab"))

    def has_style(self, name: str) -> bool:
        return name == "Vale" or (self.root is not None and (self.root / name).is_dir())

    def style(self, name: str, where: tuple[str, int]) -> dict[str, Check]:
        if name in self._styles:
            return self._styles[name]
        if name == "Vale":
            rules = self._builtin()
        else:
            if not self.has_style(name):
                raise ValeError(where[0], where[1], f"style '{name}' not found in StylesPath {self.root}")
            rules = {}
            for f in sorted((self.root / name).iterdir()):
                if f.suffix in (".yml", ".yaml") and f.is_file():
                    rid = f"{name}.{f.stem}"
                    try:
                        rules[rid] = self.build(rid, *self._read(rid, f))
                    except ValeUnsupported as exc:
                        self.skipped.append(f"{exc}; rule {rid} skipped")
        self._styles[name] = rules
        return rules

    def rule(self, rid: str, where: tuple[str, int]) -> Check | None:
        style = rid.split(".", 1)[0]
        rules = self.style(style, where)
        if rid not in rules:
            if any(f"rule {rid} skipped" in s for s in self.skipped):
                return None
            raise ValeError(where[0], where[1], f"rule '{rid}' not found in style '{style}'")
        return rules[rid]

    def _read(self, rid: str, f: Path) -> tuple[dict, str]:
        shown = str(f)
        try:
            if f.stat().st_size > MAX_RULE_BYTES:
                raise ValeError(shown, 1, "rule file is too large")
            text = f.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValeError(shown, 1, f"cannot read rule ({exc})") from None
        try:
            data = load_yaml(text, shown)
        except YamlError as exc:
            raise ValeError(exc.path, exc.line, exc.message) from None
        if not isinstance(data, dict):
            raise ValeError(shown, 1, "a Vale rule must be a YAML mapping")
        self._data[rid] = (data, shown)
        return data, shown

    def _inherited(self, data: dict, path: str, seen: tuple = ()) -> dict:
        parent = str(data.get("extends", ""))
        if "." not in parent:
            return data
        if parent in seen:
            raise ValeError(path, 1, f"rule inheritance loops through '{parent}'")
        style, _, stem = parent.partition(".")
        if self.root is None:
            raise ValeError(path, 1, f"cannot extend '{parent}': no StylesPath")
        f = next(
            (
                self.root / style / (stem + s)
                for s in (".yml", ".yaml")
                if (self.root / style / (stem + s)).is_file()
            ),
            None,
        )
        if f is None:
            raise ValeError(
                path, getattr(data, "lines", {}).get("extends", 1), f"rule '{parent}' to extend was not found"
            )
        base, _ = self._data.get(parent) or self._read(parent, f)
        merged = dict(self._inherited(base, str(f), seen + (parent,)))
        for k, v in data.items():
            if k != "extends":
                merged[k] = v
        return merged

    def build(self, rid: str, data: dict, path: str) -> Check:
        lines = dict(getattr(data, "lines", {}) or {})
        data = self._inherited(data, path)
        kind = data.get("extends")
        if kind is None:
            raise ValeError(path, 1, "missing the required 'extends' key")
        cls = KINDS.get(str(kind))
        if cls is None:
            raise ValeError(
                path,
                lines.get("extends", 1),
                f"'extends' must be one of {', '.join(sorted(KINDS))}, got {kind!r}",
            )
        if "message" not in data and kind != "script":
            raise ValeError(path, 1, "missing the required 'message' key")
        return cls(rid, data, path, lines, self.ctx)

    def _builtin(self) -> dict[str, Check]:
        out = {}
        for rid, data in BUILTIN.items():
            data = dict(data)
            if rid == "Vale.Terms":
                data["swap"] = {t: t for t in self.ctx.accepted}
                if not self.ctx.accepted:
                    continue
            if rid == "Vale.Avoid":
                data["tokens"] = list(self.ctx.rejected)
                if not self.ctx.rejected:
                    continue
            out[rid] = KINDS[data["extends"]](rid, data, "<Vale built-in style>", {}, self.ctx)
        return out
