"""Rule packs: YAML files under ``rules/<pack>/<Rule>.yml``, each one rule of one kind.

Loading validates everything up front (unknown kind, unknown key, wrong type, bad pattern, bad message)
and reports ``file:line: what is wrong``. A loaded ``Rule`` carries its compiled checker.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from .diagnostics import LEVELS, Finding, ValueRecord
from .errors import RuleError
from .fsutil import package_modules
from .vocab import ALL_SCOPES, RULE_SCOPES
from .yamlload import LineDict, YamlError, line_of, load_yaml

COMMON_KEYS = {
    "extends",
    "message",
    "level",
    "scope",
    "description",
    "link",
    "ignorecase",
    "nonword",
    "exceptions",
    "examples",
    "superseded_by",
    "typography",
}
RULE_SUFFIXES = (".yml", ".yaml")
MAX_RULE_FILE_BYTES = 8 << 20


# ---------------------------------------------------------------------------------------------------------
# Options of rule kinds


class Option:
    """One option of a rule kind: its type (str, bool, int, number, list, dict, map, any), default, help,
    allowed values and whether a rule must set it. Immutable. (Written out rather than made by
    ``dataclasses.dataclass``, which compiles its methods' source on every start; it behaves as the frozen
    dataclass it was.)"""

    __slots__ = ("type", "default", "help", "choices", "required")

    def __init__(
        self, type: str, default: Any = None, help: str = "", choices: tuple = (), required: bool = False
    ) -> None:
        for name, value in zip(self.__slots__, (type, default, help, choices, required), strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field '{name}'")

    def _key(self) -> tuple:
        return (self.type, self.default, self.help, self.choices, self.required)

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._key() == other._key()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self):
        return (Option, self._key())

    def __repr__(self) -> str:
        return (
            f"Option(type={self.type!r}, default={self.default!r}, help={self.help!r}, "
            f"choices={self.choices!r}, required={self.required!r})"
        )

    def coerce(self, value: Any) -> Any:
        t = self.type
        if t == "bool":
            if not isinstance(value, bool):
                raise ValueError(f"expected true or false, got {value!r}")
        elif t == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"expected a whole number, got {value!r}")
        elif t == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"expected a number, got {value!r}")
            value = float(value)
        elif t == "str":
            if not isinstance(value, str):
                raise ValueError(f"expected a string, got {value!r}")
        elif t == "list":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
                raise ValueError("expected a list of strings")
            if any(isinstance(v, bool) for v in value):
                # YAML reads a bare on/off/yes/no as true/false: a word list wants the word.
                raise ValueError("expected a list of strings; quote words such as 'on', 'off', 'yes', 'no'")
            value = [str(v) for v in value]
        elif t in ("dict", "map"):
            if not isinstance(value, dict):
                raise ValueError("expected a mapping")
            value = {str(k): ("" if v is None else str(v)) for k, v in value.items()}
        if self.choices and value not in self.choices:
            raise ValueError(f"expected one of {', '.join(map(str, self.choices))}, got {value!r}")
        return value


class Kind:
    """Base class of rule kinds. A kind compiles its options once and checks documents.

    Subclasses set ``name``, ``options`` and ``default_scope`` and implement ``check``; cross-file kinds
    also implement ``collect`` (per file, picklable result) and ``finalize`` (over all files).
    """

    name: ClassVar[str] = ""
    options: ClassVar[dict[str, Option]] = {}
    default_scope: ClassVar[tuple[str, ...]] = ("prose",)
    default_message: ClassVar[str] = "%s"
    cross_file: ClassVar[bool] = False
    #: Rules whose checkers share one object here run together, once per file (``engine.RuleBatch``:
    #: ``batch.check_rules(doc, ctx, ids)`` returns each rule's findings); None: the rule runs alone.
    batch: object | None = None
    #: Parts of the shared analysis the kind reads (``analysis.shared.ANALYSIS_PARTS``); None: any of them.
    #: Once no rule left to run on a file reads a part, the engine drops it (a large draft's per-block
    #: counts, sentences and words need not outlive the last rule that reads them).
    analysis_parts: ClassVar[frozenset | None] = None
    #: A per-block kind reads each of its blocks on its own (``start``, then ``check_block`` for each block
    #: in order, then ``finish``): the engine runs such rules together, a run of blocks at a time, and
    #: drops those blocks' analysis before the next run (``engine.BlockPass``). ``check`` does the same for
    #: one rule. An instance may set it from its options.
    per_block: bool = False

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.opts = rule.options

    def start(self, doc, ctx):
        """A per-block kind's state for one document (what ``check_block`` and ``finish`` share)."""
        return None

    def check_block(self, block, ctx, state) -> list[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def finish(self, doc, ctx, state) -> list[Finding]:
        """A per-block kind's findings about the whole document, once every block was read."""
        return []

    def check_blocks(self, doc, ctx) -> list[Finding]:
        """``check`` of a per-block kind: ``start``, each block, ``finish``."""
        state = self.start(doc, ctx)
        out: list[Finding] = []
        for b in self.blocks(doc):
            out.extend(self.check_block(b, ctx, state))
        out.extend(self.finish(doc, ctx, state))
        return out

    def check(self, doc, ctx) -> list[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def collect(self, doc, ctx):
        """Per-file facts of a cross-file kind (picklable; None: nothing to compare)."""
        return None

    def analysis_needs(self) -> dict:
        """Rule-set-wide inputs this rule asks of the shared analysis (``AnalysisSettings`` fields, as sets
        that the engine unites over all rules)."""
        return {}

    def finalize(
        self, items: list[tuple[str, Any]], focus: set[str] | None = None
    ) -> list[tuple[str, Finding]]:
        return []

    # helpers
    def blocks(self, doc):
        return doc.blocks_in(self.rule.scope)


@lru_cache(maxsize=1)
def kinds() -> dict[str, type[Kind]]:
    """Discover rule kinds: every module in ``copydesk.kinds`` defining ``KINDS``."""
    from . import kinds as pkg

    found: dict[str, type[Kind]] = {}
    for name in package_modules(pkg.__path__):
        mod = importlib.import_module(f"{pkg.__name__}.{name}")
        for cls in getattr(mod, "KINDS", ()):
            found[cls.name] = cls
    return found


# ---------------------------------------------------------------------------------------------------------
# Rules


_NEW: list = []  # (a default standing for "a new empty list or mapping"; never used as a value)


class Rule(ValueRecord):
    """One loaded rule: its id, kind, message, level, scope, options and checker. (Written out rather than
    made by ``dataclasses.dataclass``, which compiles its methods' source on every start; it behaves as
    the dataclass it was: the same constructor, equality and ``repr``, which leaves out ``raw`` and
    ``checker``.)"""

    FIELDS = (
        "id pack name kind message level scope description link ignorecase nonword exceptions superseded_by "
        "examples options path line raw checker"
    ).split()
    _SHOWN = FIELDS[:-2]

    def __init__(
        self,
        id: str,
        pack: str,
        name: str,
        kind: str,
        message: str,
        level: str,
        scope: tuple[str, ...],
        description: str = "",
        link: str = "",
        ignorecase: bool = False,
        nonword: bool = False,
        exceptions: list[str] = _NEW,
        superseded_by: tuple[str, ...] = (),
        examples: dict = _NEW,  # type: ignore[assignment]
        options: dict = _NEW,  # type: ignore[assignment]
        path: str = "",
        line: int = 1,
        raw: dict = _NEW,  # type: ignore[assignment]
        checker: Kind | None = None,
    ) -> None:
        self.id = id
        self.pack = pack
        self.name = name
        self.kind = kind
        self.message = message
        self.level = level
        self.scope = scope
        self.description = description
        self.link = link
        self.ignorecase = ignorecase
        self.nonword = nonword
        self.exceptions = [] if exceptions is _NEW else exceptions
        #: Rule ids (or packs) whose finding on an overlapping span makes this rule's finding redundant.
        self.superseded_by = superseded_by
        self.examples = {} if examples is _NEW else examples
        self.options = {} if options is _NEW else options
        self.path = path
        self.line = line
        self.raw = {} if raw is _NEW else raw
        self.checker = checker

    def format_message(self, args: tuple) -> str:
        return format_message(self.message, args)

    def with_overrides(self, overrides: dict, source: str, line: int) -> Rule:
        """A copy of this rule with config overrides (level, message, scope, kind options) applied."""
        raw = dict(self.raw)
        raw.update(merge_list_overrides(self.raw, overrides, kinds().get(self.kind)))
        return build_rule(raw, pack=self.pack, name=self.name, path=source, line=line, lines={})


def merge_list_overrides(base: dict, overrides: dict, kind) -> dict:
    """Config overrides of list options: a list replaces the rule's list; ``{add: [...], remove: [...]}``
    extends it (word lists such as synonyms, residue lines or exceptions stay data a newsroom tunes)."""
    out = dict(overrides)
    for key, value in overrides.items():
        opt = kind.options.get(key) if kind is not None else None
        is_list = (opt is not None and opt.type == "list") or key == "exceptions"
        if not is_list or not isinstance(value, dict):
            continue
        if not set(value) <= {"add", "remove"}:
            continue  # left for the option's own check, which names the wrong type
        current = base.get(key, opt.default if opt is not None else [])
        current = [current] if isinstance(current, str) else list(current or [])
        add, remove = value.get("add") or [], value.get("remove") or []
        add = [add] if isinstance(add, str) else add
        remove = [remove] if isinstance(remove, str) else remove
        if not isinstance(add, list) or not isinstance(remove, list):
            continue
        drop = {str(r) for r in remove}
        out[key] = [v for v in current if str(v) not in drop] + [a for a in add if a not in current]
    return out


def format_message(template: str, args: tuple) -> str:
    """Fill ``%s`` placeholders; missing arguments become empty, extra ones are dropped."""
    n = template.replace("%%", "").count("%s")
    values = tuple(str(a) for a in args)[:n]
    values = values + ("",) * (n - len(values))
    try:
        return template % values
    except (TypeError, ValueError):
        return template


def build_rule(
    data: dict, *, pack: str, name: str, path: str, line: int = 1, lines: dict | None = None
) -> Rule:
    """Validate a rule mapping and compile its checker."""
    lines = lines if lines is not None else getattr(data, "lines", {})

    def where(key: str) -> int:
        return lines.get(key, line) if lines else line

    if not isinstance(data, dict):
        raise RuleError(path, line, "a rule file must be a YAML mapping of keys to values")
    kind_name = data.get("extends")
    registry = kinds()
    if not kind_name:
        raise RuleError(path, line, f"missing 'extends' (one of: {', '.join(sorted(registry))})")
    if kind_name not in registry:
        raise RuleError(
            path,
            where("extends"),
            f"unknown rule kind 'extends: {kind_name}' (known: {', '.join(sorted(registry))})",
        )
    kind = registry[kind_name]
    for key in data:
        if key not in COMMON_KEYS and key not in kind.options:
            allowed = sorted(COMMON_KEYS | set(kind.options))
            raise RuleError(
                path,
                where(key),
                f"unknown key '{key}' for a rule of kind {kind_name} (allowed: {', '.join(allowed)})",
            )
    level = data.get("level", "warning")
    if level not in LEVELS:
        raise RuleError(path, where("level"), f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    message = data.get("message", kind.default_message)
    if not isinstance(message, str):
        raise RuleError(path, where("message"), "message must be a string")
    try:
        message.replace("%%", "").replace("%s", "") % ()
    except (TypeError, ValueError):
        raise RuleError(
            path, where("message"), "message may only use %s placeholders (write %% for a literal %)"
        ) from None
    scope = data.get("scope", list(kind.default_scope))
    if isinstance(scope, tuple):
        scope = list(scope)
    if isinstance(scope, str):
        scope = [scope]
    if not isinstance(scope, list) or not all(isinstance(s, str) for s in scope):
        raise RuleError(path, where("scope"), "scope must be a string or a list of strings")
    for s in scope:
        root = s.split(".", 1)[0]
        if root not in ALL_SCOPES + RULE_SCOPES:
            raise RuleError(
                path, where("scope"), f"unknown scope {s!r} (known: prose, {', '.join(ALL_SCOPES)}, document)"
            )
    for key in ("description", "link"):
        if key in data and not isinstance(data[key], str):
            raise RuleError(path, where(key), f"{key} must be a string")
    for key in ("ignorecase", "nonword"):
        if key in data and not isinstance(data[key], bool):
            raise RuleError(path, where(key), f"{key} must be true or false")
    exceptions = data.get("exceptions", [])
    if isinstance(exceptions, str):
        exceptions = [exceptions]
    if not isinstance(exceptions, list) or not all(isinstance(e, str) for e in exceptions):
        raise RuleError(path, where("exceptions"), "exceptions must be a list of strings")
    superseded = data.get("superseded_by", [])
    if isinstance(superseded, str):
        superseded = [superseded]
    if not isinstance(superseded, list) or not all(isinstance(x, str) for x in superseded):
        raise RuleError(path, where("superseded_by"), "superseded_by must be a list of rule ids")
    if data.get("typography", "any") not in ("any", "literal"):
        raise RuleError(
            path,
            where("typography"),
            "typography must be any or literal (literal: the rule is quiet on sites "
            "whose renderer makes quotes and dashes typographic)",
        )
    examples = data.get("examples", {}) or {}
    if not isinstance(examples, dict) or not set(examples) <= {"fail", "pass"}:
        raise RuleError(path, where("examples"), "examples must be a mapping with 'fail' and 'pass' lists")
    for k, v in examples.items():
        if not isinstance(v, list):
            raise RuleError(path, where("examples"), f"examples.{k} must be a list")
    options = {}
    for key, opt in kind.options.items():
        if key in data:
            try:
                options[key] = opt.coerce(data[key])
            except ValueError as exc:
                raise RuleError(path, where(key), f"{key}: {exc}") from None
        elif opt.required:
            raise RuleError(path, line, f"a rule of kind {kind_name} needs '{key}' ({opt.help})")
        else:
            options[key] = opt.default
    rule = Rule(
        id=f"{pack}.{name}",
        pack=pack,
        name=name,
        kind=kind_name,
        message=message,
        level=level,
        scope=tuple(scope),
        description=(data.get("description") or "").strip(),
        link=data.get("link", "") or "",
        ignorecase=bool(data.get("ignorecase", False)),
        nonword=bool(data.get("nonword", False)),
        exceptions=list(exceptions),
        superseded_by=tuple(superseded),
        examples=examples,
        options=options,
        path=path,
        line=line,
        raw=dict(data),
    )
    try:
        rule.checker = kind(rule)
    except RuleError:
        raise
    except ValueError as exc:  # PatternError and option problems found while compiling
        key = getattr(exc, "key", None)
        raise RuleError(path, where(key) if key else line, str(exc)) from None
    except (RecursionError, MemoryError):
        raise RuleError(path, line, "rule is nested too deeply or too large to compile") from None
    except Exception as exc:  # a kind that fails on odd options must still name the rule file
        raise RuleError(path, line, f"cannot compile this rule: {type(exc).__name__}: {exc}") from None
    return rule


#: The store of kept rule files of the run being set up (``compiled.CompiledStore``), for modules that read a
#: built-in rule file's data themselves (the sourcing vocabulary).
_KEPT: list = [None]


def read_rule_mapping(path: Path, shown: str | None = None):
    """The parsed YAML of a rule file, from the kept rule files when they hold it."""
    raw = Path(path).read_bytes()
    kept = _KEPT[0]
    data = kept.lookup(raw) if kept is not None else None
    if data is None:
        data = _shipped(raw)
        if data is None:
            text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
            data = load_yaml(text, shown or str(path))
        if kept is not None:
            kept.remember(raw, data)
    return data


def _shipped(raw: bytes):
    """The parse of a rule file with these bytes from the index shipped with the built-in packs (see
    ``compiled.shipped_lookup``), or None."""
    from .compiled import shipped_lookup

    return shipped_lookup(raw, builtin_packs_dir())


def load_rule_file(path: Path, pack: str, kept=None) -> Rule:
    """One rule from its YAML file. ``kept`` (a ``compiled.CompiledStore``) may supply the file's parsed
    data from an earlier run, found by the hash of the file's bytes; it is validated like fresh YAML."""
    shown = str(path)
    try:
        if path.stat().st_size > MAX_RULE_FILE_BYTES:
            raise RuleError(shown, 1, "rule file is too large")
        raw = path.read_bytes()
        if len(raw) > MAX_RULE_FILE_BYTES:
            raise RuleError(shown, 1, "rule file is too large")
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text would
    except UnicodeDecodeError:
        raise RuleError(shown, 1, "rule file is not valid UTF-8") from None
    except OSError as exc:
        raise RuleError(shown, 1, f"cannot read rule file ({exc.strerror or exc})") from None
    data = kept.lookup(raw) if kept is not None else None
    if data is None:
        data = _shipped(raw)
        if data is None:
            try:
                data = load_yaml(text, shown)
            except YamlError as exc:
                raise RuleError(exc.path, exc.line, exc.message) from None
        if kept is not None:
            kept.remember(raw, data)
    if data is None:
        raise RuleError(shown, 1, "rule file is empty")
    if not isinstance(data, LineDict):
        raise RuleError(shown, 1, "a rule file must be a YAML mapping of keys to values")
    rule = build_rule(data, pack=pack, name=path.stem, path=shown, line=data.line or 1, lines=data.lines)
    if "message" not in data:
        # A pack's rule must say what is wrong in its own words (the kind's generic text would not).
        raise RuleError(
            shown, data.line or 1, "missing 'message' (what a finding of this rule tells the writer)"
        )
    return rule


def builtin_packs_dir() -> Path:
    """The built-in packs: inside the installed package, or ``rules/`` of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "rules"


def discover_packs(dirs: list[Path]) -> dict[str, Path]:
    """Map pack name -> folder for every pack folder in ``dirs``; later folders override earlier ones."""
    packs: dict[str, Path] = {}
    for d in dirs:
        if not d.is_dir():
            continue
        for sub in _listing(d):
            if (
                sub.is_dir()
                and not sub.name.startswith((".", "_"))
                and any(f.suffix in RULE_SUFFIXES for f in _listing(sub))
            ):
                packs[sub.name] = sub
    return packs


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        raise RuleError(str(folder), 1, f"cannot read rule pack folder ({exc.strerror or exc})") from None


def load_pack(name: str, folder: Path, kept=None) -> list[Rule]:
    rules = []
    previous, _KEPT[0] = _KEPT[0], kept
    try:
        for f in _listing(folder):
            if f.suffix in RULE_SUFFIXES and f.is_file():
                rules.append(load_rule_file(f, name, kept))
    finally:
        _KEPT[0] = previous
    return rules


def get(mapping: Any, key: str, default: Any = None) -> Any:
    return mapping.get(key, default) if isinstance(mapping, dict) else default


__all__ = [
    "Kind",
    "Option",
    "Rule",
    "RuleError",
    "build_rule",
    "builtin_packs_dir",
    "discover_packs",
    "format_message",
    "kinds",
    "line_of",
    "load_pack",
    "load_rule_file",
]
