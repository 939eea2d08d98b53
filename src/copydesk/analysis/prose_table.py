"""proselint's checks as a table of plain data, kept between runs, and a checker that runs it.

proselint (>= 0.16) describes nearly all of its checks as data: word lists, patterns, substitutions and term
pairs, each with a regex engine (``Fast`` = RE2, ``Fancy`` = Python ``re``), a message and flags.  This
module extracts that data once into a *table* of **units**, each a self-contained piece of one check (one
item of an existence list, one substitution, one consistency pair), and runs the table the way copydesk's
Vale support runs a style:

* **One cheap pass per text** says which units can match: every unit carries the words (or substrings)
  that any match must contain (:mod:`copydesk.analysis.prose_gate`); the text's ``[a-z]+`` tokens are
  collected once and looked up in an index from word to units.  Only those units run.
* **A unit runs its own pattern** with the engine proselint would use, and builds proselint's result
  (message, replacement, offsets, exceptions, the ppm threshold, quotation filtering) the way proselint's
  check types do, so findings are proselint's.  A check that is a plain function (``uncomparables``,
  ``misc.but`` ...) or of a type the table does not describe stays a ``proselint`` unit: it is run through
  proselint's own check object, and proselint is imported only when such a unit's pre-filter (its words,
  then an RE2 pattern that every finding of the check matches) says it can match.

The table is built from proselint's registry the first time, then stored as JSON in the user cache folder
(``$XDG_CACHE_HOME/copydesk``, where the hyphenation patterns are kept), keyed by proselint's version and
installation record and by the digest of this module and its helpers.  Loading it imports no proselint
module.  The file is treated as untrusted: it is read without following symlinks, size-checked, parsed as
JSON (plain data, nothing in it can run code) and validated field by field; anything off and it is ignored
and rebuilt.  Written atomically: an exclusive temporary file, then a rename.  (The table holds regular
expressions; RE2 runs its patterns in linear time, and the few Python ``re`` ones come from proselint's
``Fancy`` checks.  The folder is the user's own cache, not the project's ``.copydesk_cache`` that a
cloned repository could carry.)
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from . import prose_gate
from .style import StyleChecker

__all__ = ["TABLE_FORMAT", "TableChecker", "build_table", "load_table", "table_checker_for", "table_path"]

#: Bump when the table's layout or meaning changes.
TABLE_FORMAT = 2
#: A table larger than this is not read (proselint 0.16's is about 0.4 MB).
TABLE_MAX_BYTES = 16 << 20
_MAX_UNITS = 200_000
_MAX_PATTERN = 100_000
_TYPES = ("existence", "preferred", "lookup", "consistency", "proselint")
_ENGINES = ("re2", "re")
_VERSION_FROM_DIST = re.compile(r"^proselint-([^-]+)\.dist-info$")


class Result(NamedTuple):
    """A finding as proselint's ``CheckResult`` carries it (the fields :class:`StyleChecker` reads)."""

    check_path: str
    message: str
    span: tuple[int, int]
    replacements: str | None


# --------------------------------------------------------------------------------------------------------
# Building the table from proselint's registry
# --------------------------------------------------------------------------------------------------------


def build_table() -> dict[str, Any]:
    """The table for the installed proselint (imports proselint)."""
    from .style import _default_flags, _registry, list_checks

    units: list[dict[str, Any]] = []
    lookups: list[dict[str, str]] = []
    groups: list[dict[str, Any]] = []
    for index, check in enumerate(_registry()):
        units.extend(_units_of(index, check, lookups, groups))

    from proselint.tools import CURLY_QUOTES, CURLY_SINGLE_QUOTES, SEPARATORS, STRAIGHT_QUOTES

    return {
        "format": TABLE_FORMAT,
        "checks": [[c.check_id, c.message, c.kind] for c in list_checks()],
        "defaults": {k: bool(v) for k, v in _default_flags().items()},
        "groups": groups,
        "units": units,
        "lookups": lookups,
        "quotes": {
            "straight": sorted(STRAIGHT_QUOTES),
            "curly": sorted(CURLY_QUOTES),
            "curly_single": sorted(CURLY_SINGLE_QUOTES),
            "separators": SEPARATORS,
        },
    }


def _units_of(
    index: int, check: Any, lookups: list[dict[str, str]], groups: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The units of one of proselint's check objects (``index``: its place in the registry); what they
    share (id, message, engine and flags) goes to ``groups`` once."""
    from proselint.registry.checks.engine import Fancy

    from .style import _check_kind_name, relax_pattern

    name = _check_kind_name(check)
    if name == "function":
        as_data = _function_as_data(check)
        if as_data is not None:  # the same results from data units: proselint is not imported to run them
            out: list[dict[str, Any]] = []
            for data_check, extra in as_data:
                out.extend({**u, **extra} for u in _units_of(index, data_check, lookups, groups))
            return out
    fancy = isinstance(check.engine, Fancy)
    opts = check.engine.opts
    base = {
        "id": check.path,
        "msg": check.message,
        "engine": "re" if fancy else "re2",
        "ci": bool(opts.case_insensitive),
        "ml": bool(opts.multi_line),
        "offset": [int(check.offset[0]), int(check.offset[1])],
        "ppm": int(check.flags.ppm_threshold),
        "quotes": bool(check.flags.allow_quotes),
    }
    ci = base["ci"]
    ct = check.check_type
    groups.append(base)
    group = len(groups) - 1

    def unit(kind: str, gate_patterns: Iterable[str], **data: Any) -> dict[str, Any]:
        reqs = [prose_gate.requirement(p, ci) for p in gate_patterns]
        gate = None if not reqs or any(r is None for r in reqs) else [s for r in reqs for s in r]
        return {"g": group, "type": kind, "gate": gate, **data}

    def via_proselint() -> dict[str, Any]:
        gate, confirm = None, None
        core = _function_core(check) if name == "function" else None
        if core is not None:
            # an RE2 check's own pattern (misc.but) keeps its anchors; anything else is relaxed
            confirm = core if not fancy and _re2_compiles(core, ci) else relax_pattern(core, ci)
            if confirm is not None:
                gate = prose_gate.requirement(core, ci)
        # (no confirming pattern: the check runs on every text, through proselint's own code)
        return {"g": group, "type": "proselint", "index": index, "gate": gate, "confirm": confirm}

    parts: list[dict[str, Any]]
    if name in ("Existence", "ExistenceSimple"):
        if name == "Existence":
            pads = [ct.padding.format(item) for item in ct.items]
            exc_pads = [ct.padding.format(e) for e in ct.exceptions]
        else:
            pads = [ct.pattern]
            exc_pads = list(ct.exceptions)
        # proselint's exception test: RE2 full-match of any padded exception; Python re: a search for
        # the exceptions joined into one pattern (its FancySet).
        if not fancy:
            exc: dict[str, Any] = {"exc_full": exc_pads}
        elif name == "Existence":
            # (padded even when empty, as proselint's FancySet does: ``\b\b`` then excludes every hit)
            exc = {"exc_search": ct.padding.format(_joined(ct.exceptions))}
        else:
            exc = {"exc_search": _joined(exc_pads)}
        if fancy and name == "Existence":  # one joined pattern: leftmost-first alternation
            joined = ct.padding.format(_joined(ct.items))
            parts = [unit("existence", [joined], pattern=joined, **exc)]
        elif name == "Existence":
            # proselint's RE2 set says which padded items occur, then scans each such item *unpadded*
            parts = [
                unit("existence", [p], pattern=item, when=p, **exc)
                for item, p in zip(ct.items, pads, strict=True)
            ]
        else:
            parts = [unit("existence", [pads[0]], pattern=pads[0], **exc)]
    elif name == "PreferredForms":
        parts = [
            unit("preferred", [ct.padding.format(k)], pattern=ct.padding.format(k), replacement=v)
            for k, v in ct.items.items()
        ]
    elif name == "PreferredFormsSimple":
        lookups.append(dict(ct.items))
        ref = len(lookups) - 1
        pads = [ct.padding.format(k) for k in ct.items]
        if fancy:
            joined = ct.padding.format(_joined(list(ct.items)))
            parts = [unit("lookup", [joined], pattern=joined, lookup=ref)]
        else:  # as for Existence: the padded item gates, the bare item is scanned
            parts = [
                unit("lookup", [p], pattern=k, when=p, lookup=ref)
                for k, p in zip(ct.items, pads, strict=True)
            ]
    elif name == "Consistency":
        parts = [unit("consistency", list(pair), pair=list(pair)) for pair in ct.term_pairs]
    else:
        parts = [via_proselint()]
    if base["ppm"] and len(parts) > 1:  # the threshold counts the whole check's results, in order
        parts = [via_proselint()]
    return parts


def _re2_compiles(pattern: str, ci: bool) -> bool:
    try:
        _re2_pattern(pattern, ci, False)
    except Exception:  # re2.error, or a pattern RE2 cannot hold
        return False
    return True


def _joined(patterns: Sequence[str]) -> str:
    """proselint's ``Padding.safe_join``."""
    if not patterns:
        return ""
    return f"(?:{'|'.join(patterns)})" if len(patterns) > 1 else patterns[0]


def _function_as_data(check: Any) -> list[tuple[Any, dict[str, Any]]] | None:
    """A function check of proselint written as the data checks its body runs, each with fields to add to
    its units, or None for a function this module does not know (or a module missing the expected data).

    ``uncomparables`` runs an ``Existence`` of "<comparator> <uncomparable>" pairs (its Python-regex twin
    one with its own pattern, unpadded); ``misc.waxed`` and ``terms.venery`` a ``PreferredFormsSimple`` of
    their phrases, after a test for a word that each phrase holds (so the test changes nothing);
    ``misc.greylist`` one ``ExistenceSimple`` per term, its message naming it; ``misc.but`` an
    ``ExistenceSimple`` of its paragraph-start pattern whose span starts after the line breaks the match
    begins with (``nl``). The tests compare the results with proselint's own checks."""
    import sys
    from itertools import product

    from proselint.registry.checks import Padding, types
    from proselint.registry.checks.engine import Fancy

    from .style import relax_pattern

    module = sys.modules.get(getattr(check.check_type, "__module__", "") or "")
    if module is None:
        return None
    try:
        if check.path == "uncomparables":
            if isinstance(check.engine, Fancy):
                items = tuple(
                    rf"(?<!at\s)\b{comp}\s+{adj}\b"
                    for comp, adj in product(module.FANCY_COMPARATORS, module.UNCOMPARABLES)
                )
                ct: Any = types.Existence(items=items, padding=Padding.RAW)
            else:
                items = tuple(
                    rf"{comp}\s+{adj}"
                    for comp, adj in product(module.COMPARATORS, module.UNCOMPARABLES)
                    if (comp, adj) not in module.EXCEPTIONS
                )
                ct = types.Existence(items=items)
            # (its pairs are common words: one search for any comparator before any uncomparable, once
            # per text, saves running hundreds of units; the pattern proselint units were confirmed with)
            core = _function_core(check)
            fancy = isinstance(check.engine, Fancy)
            ci = bool(check.engine.opts.case_insensitive)
            pre = None
            if core is not None:
                pre = core if not fancy and _re2_compiles(core, ci) else relax_pattern(core, ci)
            return [(check._replace(check_type=ct), {} if pre is None else {"pre": pre})]
        if check.path == "misc.waxed":
            items = {
                f"{wax} {original}": f"{wax} {replacement}"
                for original, replacement in module.MODIFIERS.items()
                for wax in module.WAXES
            }
            return [(check._replace(check_type=types.PreferredFormsSimple(items=items)), {})]
        if check.path == "terms.venery":
            items = {
                f"{generic} of {animal}": f"{venery} of {animal}"
                for animal, venery in module.TERM_MAP
                for generic in module.GENERIC_TERMS
            }
            return [(check._replace(check_type=types.PreferredFormsSimple(items=items)), {})]
        if check.path == "misc.greylist":
            return [
                (
                    check._replace(
                        check_type=types.ExistenceSimple(pattern=term),
                        message=check.message.format(term, explanation),
                    ),
                    {},
                )
                for term, explanation in module.GREYLISTED_TERMS.items()
            ]
        if check.path == "misc.but":
            return [
                (check._replace(check_type=types.ExistenceSimple(pattern=str(module.PATTERN))), {"nl": True})
            ]
    except (AttributeError, TypeError, ValueError):
        return None
    return None


def _function_core(check: Any) -> str | None:
    """A Python pattern that every finding of a function check matches, from its module's data, or None.

    A function is opaque, so the pattern comes from what its module documents as necessary for a finding:
    ``uncomparables`` reports "<comparator> <uncomparable>", ``misc.waxed`` "<wax> <modifier>",
    ``terms.venery`` "<generic term> of <animal>", ``misc.greylist`` its listed terms and ``misc.but`` its
    paragraph-start pattern. Unknown functions, or modules missing the expected data, get None."""
    import sys

    module = sys.modules.get(getattr(check.check_type, "__module__", "") or "")
    if module is None:
        return None

    def alternation(words: Iterable[str]) -> str:
        return "(?:" + "|".join(words) + ")"

    # uncomparables, waxed and venery pad their phrases with word boundaries (``\b``), so the core does too
    try:
        if check.path == "uncomparables":
            comparators = (*module.COMPARATORS, *module.FANCY_COMPARATORS)
            return rf"\b{alternation(comparators)}\s+{alternation(module.UNCOMPARABLES)}\b"
        if check.path == "misc.waxed":
            return rf"\b{alternation(module.WAXES)} {alternation(map(re.escape, module.MODIFIERS))}\b"
        if check.path == "terms.venery":
            animals = (re.escape(animal) for animal, _venery in module.TERM_MAP)
            return rf"\b{alternation(module.GENERIC_TERMS)} of {alternation(animals)}\b"
        if check.path == "misc.greylist":
            return alternation(module.GREYLISTED_TERMS)
        if check.path == "misc.but":
            return str(module.PATTERN)
    except (AttributeError, TypeError):
        return None
    return None


# --------------------------------------------------------------------------------------------------------
# Validating a table read from disk
# --------------------------------------------------------------------------------------------------------


def _is_str(v: Any, limit: int = _MAX_PATTERN) -> bool:
    return isinstance(v, str) and len(v) <= limit


def _is_gate(v: Any) -> bool:
    if v is None:
        return True
    return (
        isinstance(v, list)
        and 0 < len(v) <= 64
        and all(
            isinstance(s, list)
            and 0 < len(s) <= 4096
            and all(type(a) is str and 0 < len(a) <= 200 and a.isascii() for a in s)
            for s in v
        )
    )


def _valid_group(u: Any) -> bool:
    return isinstance(u, dict) and (
        _is_str(u.get("id"), 200)
        and _is_str(u.get("msg"), 10_000)
        and u.get("engine") in _ENGINES
        and type(u.get("ci")) is bool
        and type(u.get("ml")) is bool
        and type(u.get("quotes")) is bool
        and type(u.get("ppm")) is int
        and 0 <= u["ppm"] <= 10**6
        and isinstance(u.get("offset"), list)
        and len(u["offset"]) == 2
        and all(type(x) is int and -1000 <= x <= 1000 for x in u["offset"])
    )


def _valid_unit(u: Any, n_lookups: int, n_groups: int, n_units: int) -> bool:
    if not isinstance(u, dict):
        return False
    kind = u.get("type")
    if kind not in _TYPES or type(u.get("g")) is not int or not 0 <= u["g"] < n_groups:
        return False
    if not _is_gate(u.get("gate")) or not (u.get("when") is None or (_is_str(u["when"]) and u["when"])):
        return False
    if u.get("nl", False) is not False and not (kind == "existence" and u["nl"] is True):
        return False
    if "pre" in u and not (kind != "proselint" and _is_str(u["pre"]) and u["pre"]):
        return False
    if kind == "existence":
        exc_ok = (
            "exc_full" in u and isinstance(u["exc_full"], list) and all(map(_is_str, u["exc_full"]))
        ) or ("exc_search" in u and _is_str(u["exc_search"]))
        return _is_str(u.get("pattern")) and bool(u["pattern"]) and exc_ok
    if kind == "preferred":
        return _is_str(u.get("pattern")) and bool(u["pattern"]) and _is_str(u.get("replacement"), 10_000)
    if kind == "lookup":
        ref = u.get("lookup")
        return _is_str(u.get("pattern")) and bool(u["pattern"]) and type(ref) is int and 0 <= ref < n_lookups
    if kind == "consistency":
        pair = u.get("pair")
        return isinstance(pair, list) and len(pair) == 2 and all(_is_str(p) and p for p in pair)
    idx = u.get("index")  # proselint
    confirm = u.get("confirm")
    return type(idx) is int and 0 <= idx < n_units and (confirm is None or _is_str(confirm))


def validate_table(table: Any) -> bool:
    """Whether ``table`` has the shape :func:`build_table` gives (types, sizes, references).

    The same checks as :func:`_valid_group` and :func:`_valid_unit` applied one by one, made column by
    column: the values of one field across every unit are gathered once and tested with C-level set, type
    and length look-ups (a table has thousands of units, and the one-by-one tests were a twentieth of a
    one-draft run)."""
    if not isinstance(table, dict) or table.get("format") != TABLE_FORMAT:
        return False
    checks, defaults, units = table.get("checks"), table.get("defaults"), table.get("units")
    lookups, quotes = table.get("lookups"), table.get("quotes")
    if not (isinstance(checks, list) and checks and len(checks) <= 10_000):
        return False
    for c in checks:
        if not (isinstance(c, list) and len(c) == 3 and all(_is_str(x, 10_000) for x in c)):
            return False
    if not (
        isinstance(defaults, dict) and all(_is_str(k, 200) and type(v) is bool for k, v in defaults.items())
    ):
        return False
    if not (isinstance(lookups, list) and all(isinstance(d, dict) for d in lookups)):
        return False
    for d in lookups:
        values = [v for v in d.values() if v is not None]
        if not (_all_str(d.keys(), _MAX_PATTERN) and _all_str(values, 10_000)):
            return False
    if not (isinstance(units, list) and units and len(units) <= _MAX_UNITS):
        return False
    groups = table.get("groups")
    if not (isinstance(groups, list) and all(_valid_group(g) for g in groups)):
        return False
    if not _valid_units(units, len(lookups), len(groups), _MAX_UNITS):
        return False
    known = {c[0] for c in checks}
    if any(g["id"] not in known for g in groups):
        return False
    if not isinstance(quotes, dict):
        return False
    for key in ("straight", "curly", "curly_single"):
        q = quotes.get(key)
        if not (isinstance(q, list) and all(_is_str(x, 1) and len(x) == 1 for x in q)):
            return False
    return _is_str(quotes.get("separators"), 100)


def _all_str(values: Iterable[Any], limit: int, lo: int = 0) -> bool:
    """Whether every value is a str of ``lo`` to ``limit`` characters (True for none)."""
    values = list(values)
    if not values:
        return True
    if not all(isinstance(v, str) for v in values):
        return False
    lengths = list(map(len, values))
    return lo <= min(lengths) and max(lengths) <= limit


def _all_int(values: list[Any], lo: int, hi: int) -> bool:
    """Whether every value is an int (not a bool) with ``lo <= v < hi`` (True for none)."""
    if not values:
        return True
    return set(map(type, values)) == {int} and lo <= min(values) and max(values) < hi


def _valid_units(units: list[Any], n_lookups: int, n_groups: int, n_units: int) -> bool:
    """``all(_valid_unit(u, ...) for u in units)``, field by field."""
    if set(map(type, units)) != {dict}:
        return False
    by_type: dict[Any, list[dict[str, Any]]] = {t: [] for t in _TYPES}
    for u in units:
        kind = u.get("type")
        group = by_type.get(kind) if type(kind) is str else None
        if group is None:
            return False
        group.append(u)
    if not _all_int([u.get("g") for u in units], 0, n_groups):
        return False
    # the gate: None, or 1-64 OR-sets of 1-4096 ASCII atoms of 1-200 characters
    gates = [g for u in units if (g := u.get("gate")) is not None]
    if gates:
        if set(map(type, gates)) != {list} or not (0 < min(map(len, gates)) and max(map(len, gates)) <= 64):
            return False
        or_sets = [s for g in gates for s in g]
        if set(map(type, or_sets)) != {list} or not (
            0 < min(map(len, or_sets)) and max(map(len, or_sets)) <= 4096
        ):
            return False
        atoms = [a for s in or_sets for a in s]
        if set(map(type, atoms)) != {str} or not (0 < min(map(len, atoms)) and max(map(len, atoms)) <= 200):
            return False
        if not "".join(atoms).isascii():
            return False
    if not _all_str([w for u in units if (w := u.get("when")) is not None], _MAX_PATTERN, 1):
        return False
    for u in units:
        if "nl" in u and u["nl"] is not False and not (u["type"] == "existence" and u["nl"] is True):
            return False
    pres = [u for u in units if "pre" in u]
    if any(u["type"] == "proselint" for u in pres) or not _all_str([u["pre"] for u in pres], _MAX_PATTERN, 1):
        return False
    with_pattern = by_type["existence"] + by_type["preferred"] + by_type["lookup"]
    if not _all_str([u.get("pattern") for u in with_pattern], _MAX_PATTERN, 1):
        return False
    exc_lists = []
    for u in by_type["existence"]:
        full = u.get("exc_full")
        if "exc_full" in u and isinstance(full, list):
            exc_lists.append(full)
        elif not ("exc_search" in u and _is_str(u["exc_search"])):
            return False
    if not _all_str([x for full in exc_lists for x in full], _MAX_PATTERN) and not all(
        _valid_unit(u, n_lookups, n_groups, n_units) for u in by_type["existence"]
    ):  # (a list with a bad item is still allowed when the unit has a good ``exc_search``)
        return False
    if not _all_str([u.get("replacement") for u in by_type["preferred"]], 10_000):
        return False
    if not _all_int([u.get("lookup") for u in by_type["lookup"]], 0, n_lookups):
        return False
    for u in by_type["consistency"]:
        pair = u.get("pair")
        if not (isinstance(pair, list) and len(pair) == 2 and _all_str(pair, _MAX_PATTERN, 1)):
            return False
    proselint = by_type["proselint"]
    if not _all_int([u.get("index") for u in proselint], 0, n_units):
        return False
    return _all_str([c for u in proselint if (c := u.get("confirm")) is not None], _MAX_PATTERN)


# --------------------------------------------------------------------------------------------------------
# Keeping the table between runs
# --------------------------------------------------------------------------------------------------------


def _proselint_signature() -> list[Any] | None:
    """proselint's version and installation record (size, mtime), found without importing it."""
    spec = importlib.util.find_spec("proselint")
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    try:
        infos = [e.name for e in os.scandir(package.parent) if _VERSION_FROM_DIST.match(e.name)]
    except OSError:
        return None
    if len(infos) != 1:
        return None
    version = _VERSION_FROM_DIST.match(infos[0]).group(1)  # type: ignore[union-attr]
    signature: list[Any] = [version, str(package)]
    for name in ("RECORD", "METADATA"):
        try:
            st = os.stat(package.parent / infos[0] / name)
        except OSError:
            continue
        signature += [name, st.st_size, st.st_mtime_ns]
    return signature


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of the code that builds and reads the table (this module and its helpers)."""
    from ..__about__ import __version__

    h = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for name in ("prose_table.py", "prose_gate.py", "style.py"):
        with contextlib.suppress(OSError):
            h.update((here / name).read_bytes())
    return h.hexdigest()


def table_path() -> Path | None:
    """Where the table is kept (None when there is no user cache folder)."""
    from .syllables import cache_dir

    directory = cache_dir()
    if directory is None:
        return None
    # The code's digest in the name: two copydesk versions sharing the folder keep one table each; and a
    # tag of where proselint is installed: two environments (whose installation records differ) would
    # otherwise each find the other's table stale and rebuild it on every alternate run.
    sig = _proselint_signature()
    where = hashlib.sha256(str(sig[1] if sig else "").encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return directory / f"proselint-table-v{TABLE_FORMAT}-{_code_digest()[:12]}-{where}.json"


def _key() -> list[Any] | None:
    sig = _proselint_signature()
    return None if sig is None else [TABLE_FORMAT, _code_digest(), sig]


def _read(path: Path) -> bytes | None:
    """The table file's bytes (see :func:`copydesk.fsutil.read_private`), None when it cannot be trusted."""
    from ..fsutil import read_private

    return read_private(path, TABLE_MAX_BYTES)


def _write(path: Path, raw: bytes) -> bool:
    """Write atomically (:func:`copydesk.fsutil.write_private`); False when the folder cannot be written."""
    from ..fsutil import write_private

    return write_private(path, raw)


def read_table(path: Path, key: list[Any]) -> dict[str, Any] | None:
    """The table stored at ``path`` for ``key``, or None when it is missing, stale or malformed."""
    raw = _read(path)
    if raw is None:
        return None
    try:
        payload = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(payload, dict) or payload.get("key") != key:
        return None
    table = payload.get("table")
    return table if validate_table(table) else None


_loaded: dict[str, Any] | None = None


def load_table() -> dict[str, Any]:
    """The table, once per process: from the cache folder when a valid one is there, else built (and
    stored for the next run)."""
    global _loaded
    if _loaded is None:
        key = _key()
        path = table_path()
        table = read_table(path, key) if key is not None and path is not None else None
        if table is None:
            table = build_table()
            if key is not None and path is not None:
                raw = json.dumps({"key": key, "table": table}, ensure_ascii=False, separators=(",", ":"))
                _write(path, raw.encode("utf-8"))
        _loaded = table
    return _loaded


def forget_table() -> None:
    """Drop the table kept in memory (tests)."""
    global _loaded
    _loaded = None
    table_checker_for.cache_clear()


# --------------------------------------------------------------------------------------------------------
# Running the table
# --------------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _re2_pattern(pattern: str, ci: bool, ml: bool) -> Any:
    """proselint's ``Fast`` engine: RE2 with its options."""
    import re2

    opts = re2.Options()
    opts.perl_classes = True
    opts.word_boundary = True
    opts.never_capture = True
    opts.case_sensitive = not ci
    opts.one_line = not ml
    return re2.compile(pattern, opts)


@functools.lru_cache(maxsize=1024)
def _py_pattern(pattern: str, ci: bool, ml: bool) -> Any:
    """proselint's ``Fancy`` engine (Python ``re``), with the RE2 pre-filtering of :mod:`.style`."""
    from .style import _PHRASE_REPEAT_SHAPE, _PhraseRepeat, _prefilter, _Prefiltered

    flags = (re.IGNORECASE if ci else 0) | (re.MULTILINE if ml else 0)
    py = re.compile(pattern, flags)
    shape = _PHRASE_REPEAT_SHAPE.fullmatch(pattern)
    if shape is not None:
        return _PhraseRepeat(py, int(shape.group(1)) + 1)
    got = _prefilter(pattern, ci)
    if got is None:
        return _Prefiltered(py, None, 0)
    import re2

    relaxed, lead = got
    opts = re2.Options()
    opts.case_sensitive = not ci
    opts.one_line = not ml
    opts.never_capture = True
    return _Prefiltered(py, re2.compile(relaxed, opts), lead)


def _compiled(u: dict[str, Any], pattern: str) -> Any:
    if u["engine"] == "re2":
        return _re2_pattern(pattern, u["ci"], u["ml"])
    return _py_pattern(pattern, u["ci"], u["ml"])


def _matches(
    u: dict[str, Any], pattern: str, content: str, raw: bytes | None, utf8: bytes | None = None
) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each match of a unit's pattern, as its engine's ``finditer`` gives them.

    RE2 is given the text as UTF-8 bytes (``raw`` when it is ASCII, else ``utf8``), encoded once per pass:
    given a str, the wrapper would encode the whole text and convert its offsets on every search. ASCII
    text has the same offsets in both; otherwise the few matches' byte offsets are converted to
    characters (:class:`.style._Utf8Index`, kept for the text the pass reads)."""
    if u["engine"] == "re2":
        compiled = _re2_pattern(pattern, u["ci"], u["ml"])
        if raw is not None:
            for m in compiled.finditer(raw):
                yield m.start(), m.end(), m.group(0).decode("ascii")
            return
        if utf8 is not None:
            index = None
            for m in compiled.finditer(utf8):
                if index is None:
                    from .style import _Utf8Index

                    index = _Utf8Index.of(content)
                s, e = index.to_char(m.start()), index.to_char(m.end())
                yield s, e, content[s:e]
            return
    else:
        compiled = _py_pattern(pattern, u["ci"], u["ml"])
    for m in compiled.finditer(content):
        yield m.start(), m.end(), m.group(0)


def _is_exception(u: dict[str, Any], text: str) -> bool:
    if "exc_full" in u:
        return any(_re2_pattern(e, u["ci"], u["ml"]).fullmatch(text) is not None for e in u["exc_full"])
    pattern = u["exc_search"]
    return bool(pattern) and _py_pattern(pattern, u["ci"], u["ml"]).search(text) is not None


def _run_unit(
    u: dict[str, Any],
    content: str,
    raw: bytes | None,
    lookups: list[dict[str, str]],
    utf8: bytes | None = None,
) -> list[Result]:
    """One unit's results over ``content``, as proselint's check type builds them, in proselint's order.

    ``utf8``: the content encoded once, for RE2's yes-or-no searches (the wrapper would encode a str on
    every call; a search's answer needs no offsets)."""
    if utf8 is None:
        utf8 = raw if raw is not None else content.encode("utf-8")
    kind = u["type"]
    path, msg = u["id"], u["msg"]
    lo, hi = u["offset"]
    out: list[Result] = []
    when = u.get("when")
    if when is not None:
        compiled = _compiled(u, when)
        if compiled.search(utf8 if u["engine"] == "re2" else content) is None:
            return out
    if kind == "existence":
        nl = u.get("nl", False)
        for s, e, text in _matches(u, u["pattern"], content, raw, utf8):
            m_text = text.strip()
            if not _is_exception(u, m_text):
                if nl:  # (misc.but: the span starts after the line breaks its match begins with)
                    s += text.count("\n", 0, 2)
                out.append(Result(path, msg.format(m_text), (s + lo, e + hi), None))
    elif kind == "preferred":
        repl = u["replacement"]
        for s, e, text in _matches(u, u["pattern"], content, raw, utf8):
            out.append(Result(path, msg.format(repl, text.strip()), (s + lo, e + hi), repl))
    elif kind == "lookup":
        items = lookups[u["lookup"]]
        for s, e, text in _matches(u, u["pattern"], content, raw, utf8):
            original = text.strip()
            repl = items.get(original.lower() if u["ci"] else original)
            out.append(Result(path, msg.format(repl, original), (s + lo, e + hi), repl))
    elif kind == "consistency":
        first, second = u["pair"]
        hay = utf8 if u["engine"] == "re2" else content
        if _compiled(u, first).search(hay) is None or _compiled(u, second).search(hay) is None:
            return out  # proselint reports a pair only when both terms occur
        a = list(_matches(u, first, content, raw, utf8))
        b = list(_matches(u, second, content, raw, utf8))
        # proselint flags every use of the rarer term (the first one on a tie), naming the other
        minority, majority = (b, first) if len(b) < len(a) else (a, second)
        if a and b:
            out = [Result(path, msg.format(majority, t), (s + lo, e + hi), majority) for s, e, t in minority]
    if u["ppm"] and out:
        out = _threshold(out, u["ppm"], len(content))
    return out


def _threshold(results: list[Result], ppm: int, length: int) -> list[Result]:
    """proselint's ppm threshold: one result, the n-th, when a check fires n times or more."""
    if not length:
        return results
    needed = max(-(-ppm * max(length, 1000) // 1_000_000), 2)
    if len(results) < needed:
        return []
    r = results[needed - 1]
    return [Result(r.check_path, f"{r.message} Surpassed {ppm} ppm.", r.span, None)]


class TableChecker(StyleChecker):
    """:class:`StyleChecker`'s interface (``check``, ``check_blocks``, ``check_ids``) over the table."""

    def __init__(
        self, enabled: set[str] | None = None, disabled: set[str] | frozenset[str] = frozenset()
    ) -> None:
        from .style import _is_selected

        table = load_table()
        self._enabled = None if enabled is None else frozenset(enabled)
        self._disabled = frozenset(disabled)
        paths = [c[0] for c in table["checks"]]

        def known(key: str) -> bool:
            return any(p == key or p.startswith(key + ".") for p in paths)

        unknown = sorted(k for k in (self._enabled or frozenset()) | self._disabled if not known(k))
        if unknown:
            raise ValueError(f"unknown proselint check id(s): {', '.join(unknown)}")
        defaults = table["defaults"]
        self._lookups = table["lookups"]
        groups = table["groups"]
        selected = [_is_selected(g["id"], self._enabled, self._disabled, defaults) for g in groups]
        # A unit's shared fields (its group) are merged in only when it runs.
        self._groups = groups
        units = [u for u in table["units"] if selected[u["g"]]]
        self._units = units
        self.check_ids = tuple(dict.fromkeys(groups[u["g"]]["id"] for u in units))
        self._always = [k for k, u in enumerate(units) if u["gate"] is None]
        # Each unit's remaining OR-sets (after the first, which indexes it), worked out the first time the
        # unit's first OR-set is met (``_rest_of``): a run meets a few hundred of the table's thousands of
        # units, and building every unit's sets up front was most of the checker's construction.
        self._rest: list[Any] = [None] * len(units)
        # (atoms are kept as bytes: a text's words and lower-cased text are taken as bytes, which is cheaper)
        self._index: dict[bytes, list[int]] = {}  # word -> units whose first OR-set holds it
        self._scan: list[tuple[int, Any]] = []  # units whose first OR-set has a substring: tested one by one
        index = self._index
        for k, u in enumerate(units):
            gate = u["gate"]
            if gate is None:
                continue
            first = gate[0]
            if any(a[0] == "~" for a in first):
                self._scan.append((k, _compiled_requirement(gate)))
            else:
                for atom in first:
                    key = atom.encode("ascii")
                    got = index.get(key)
                    if got is None:
                        index[key] = [k]
                    else:
                        got.append(k)
        q = table["quotes"]
        self._straight = frozenset(q["straight"])
        self._curly_pairs = (frozenset(q["curly"]), frozenset(q["curly_single"]))
        self._separators = q["separators"]
        marks = re.escape("".join(sorted({*q["straight"], *q["curly"], *q["curly_single"]})))
        # (proselint's finder is ``\B[marks]|[marks]\B``: every mark but one between two word characters;
        # the marks are found by their class alone, a scan that skips ahead, and that one case is tested)
        self._quote_re = re.compile(f"[{marks}]") if marks else None
        self._registry: tuple[Any, ...] | None = None
        # The substrings of the gate, found in one pass (an RE2 set) once this checker has read enough text
        # for that to pay: None = not built yet, False = not available (see ``_substrings_in``).
        self._needles: list[bytes] | None = None  # (``_needle_list``)
        self._needle_set: Any = None
        self._chars_read = 0
        # The RE2 units no word gates (``_always``, ``_scan``: digits, punctuation, a dozen run on every
        # text), searched for all at once: None = not built yet, () = not available (``_absent_ungated``).
        self._ungated: Any = None

    def _rest_of(self, k: int) -> tuple[frozenset[bytes], tuple[Any, ...]]:
        """Unit ``k``'s OR-sets after its first: the words of those that are one whole word each, which must
        all be present (one subset test), and the others (several words, or substrings), tested one by
        one. Worked out once per unit, on first use."""
        rest = self._rest[k]
        if rest is None:
            gate = self._units[k]["gate"]
            req = _compiled_requirement(gate[1:]) if gate else ()
            single = [len(whole) == 1 and not parts for whole, parts in req]
            rest = self._rest[k] = (
                frozenset(w for s, one in zip(req, single, strict=True) if one for w in s[0]),
                tuple(s for s, one in zip(req, single, strict=True) if not one),
            )
        return rest

    def _needle_list(self) -> list[bytes]:
        """Every substring of the gate (sorted): those of each unit's later OR-sets and of the scanned
        units' requirements."""
        if self._needles is None:
            rests = [self._rest_of(k) for k in range(len(self._units))]
            self._needles = sorted(
                {p for _needs, others in rests for _w, parts in others for p in parts}
                | {p for _k, req in self._scan for _w, parts in req for p in parts}
            )
        return self._needles

    def __reduce__(self) -> tuple[Any, ...]:
        return (TableChecker, (None if self._enabled is None else set(self._enabled), set(self._disabled)))

    # ----------------------------------------------------------------------------------------------------

    def _candidates(self, content: str, utf8: bytes | None = None) -> list[int]:
        """Units that can match ``content`` (sorted), from one pass over its words (``utf8``: its encoding)."""
        atoms = prose_gate.text_atoms_bytes(content, utf8)
        if atoms is None:  # a character folding onto an ASCII letter: no pre-filtering
            return list(range(len(self._units)))
        words, lowered = atoms
        present = self._substrings_in(lowered)
        has = lowered.__contains__ if present is None else present.__contains__
        rests, rest_of = self._rest, self._rest_of
        found = set(self._always)
        index = self._index
        # (prose_gate.satisfied, with each OR-set's whole words a frozenset and its substrings a tuple: the
        # tests of one OR-set are then a C-level set and substring look-up; the single words all at once)
        for word in words & index.keys():
            for k in index[word]:
                if k in found:
                    continue
                needs, others = rests[k] or rest_of(k)
                if not needs <= words:
                    continue
                for whole, parts in others:
                    if words.isdisjoint(whole) and not any(map(has, parts)):
                        break
                else:
                    found.add(k)
        for k, req in self._scan:
            for whole, parts in req:
                if words.isdisjoint(whole) and not any(map(has, parts)):
                    break
            else:
                found.add(k)
        return sorted(found)

    #: Characters read before the substrings of the gate are looked up in one pass. Building the set and
    #: warming its DFA up cost about 0.1 s, what testing them one by one costs over some 2 MB of text, so
    #: one draft or corpus/small (1.2 MB of prose) never builds it, and a larger run gains from there.
    NEEDLE_SET_AFTER = 2 << 20

    def _ungated_sets(self) -> tuple[tuple[Any, list[int | None]], ...]:
        """One RE2 set per pair of options (case, multi-line) of the patterns of the RE2 units that no
        word gates (each pattern with the options ``_re2_pattern`` gives it, a consistency unit's two
        terms both), with the sentinel ``(?:)`` (which matches every text) at index 0; beside each set,
        the unit of each of its patterns. Empty when a set cannot be built (each unit then runs)."""
        grouped: dict[tuple[bool, bool], list[int | None]] = {}
        patterns: dict[tuple[bool, bool], list[str]] = {}
        for k in sorted({*self._always, *(k for k, _req in self._scan)}):
            u = {**self._groups[self._units[k]["g"]], **self._units[k]}
            if u["engine"] != "re2" or u["type"] not in ("existence", "preferred", "lookup", "consistency"):
                continue
            terms = list(u["pair"]) if u["type"] == "consistency" else [u["pattern"]]
            key = (bool(u["ci"]), bool(u["ml"]))
            owners = grouped.setdefault(key, [None])
            for term in terms:
                owners.append(k)
                patterns.setdefault(key, ["(?:)"]).append(term)
        try:
            import re2

            sets = []
            for (ci, ml), owners in grouped.items():
                opts = re2.Options()
                opts.perl_classes = True
                opts.word_boundary = True
                opts.never_capture = True
                opts.case_sensitive = not ci
                opts.one_line = not ml
                opts.log_errors = False
                found = re2.Set.SearchSet(opts)
                for term in patterns[(ci, ml)]:
                    found.Add(term)
                found.Compile()
                sets.append((found, owners))
        except Exception:  # re2.error, or an older wrapper: every unit is searched on its own
            return ()
        return tuple(sets)

    def _absent_ungated(self, utf8: bytes) -> set[int]:
        """The units of :meth:`_ungated_sets` that cannot match ``utf8`` (a pattern of theirs, for a
        consistency unit either term, is found nowhere in it): one pass per set, instead of a search per
        unit. None are when a pass fails (no sentinel in its answer)."""
        sets = self._ungated
        if sets is None:
            sets = self._ungated = self._ungated_sets()
        absent: set[int] = set()
        for found, owners in sets:
            got = found.Match(utf8)
            if not got or 0 not in got:
                return set()
            hit = set(got)
            absent.update(k for i, k in enumerate(owners) if i and i not in hit)
        return absent

    def _substrings_in(self, lowered: bytes) -> frozenset[bytes] | None:
        """The gate's substrings that occur in ``lowered`` (all of them, from one RE2 pass over a set of
        literals), or None: not worth it yet, not available, or the pass failed (they are then tested one
        by one). A sentinel literal, always present, tells a pass that worked from one that did not."""
        if self._needle_set is None:
            self._chars_read += len(lowered)
            if self._chars_read < self.NEEDLE_SET_AFTER:
                return None
            self._needle_set = _literal_set(self._needle_list())
        if self._needle_set is False:
            return None
        got = self._needle_set.Match(b"\x00" + lowered)
        if not got or 0 not in got:
            return None
        needles = self._needle_list()
        return frozenset(needles[i - 1] for i in got if i)

    def _proselint_check(self, u: dict[str, Any]) -> Any:
        """proselint's own check object for a ``proselint`` unit (imports proselint on first use)."""
        from proselint.registry.checks.engine import Fancy

        from .style import _make_prefiltered_engine_class, _registry

        if self._registry is None:
            self._registry = _registry()
            self._engines: dict[Any, Any] = {}
        check = self._registry[u["index"]] if u["index"] < len(self._registry) else None
        if check is None or check.path != u["id"]:
            raise LookupError(f"proselint's registry no longer matches the table at {u['id']}")
        if isinstance(check.engine, Fancy):
            opts = check.engine.opts
            if opts not in self._engines:
                self._engines[opts] = _make_prefiltered_engine_class()(opts)
            check = check._replace(engine=self._engines[opts])
        return check

    def _results(self, content: str) -> list[Any]:
        """Results for ``content`` (already padded), quotation filtering applied."""
        try:
            utf8 = content.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: neither regex engine copes; replace one-for-one
            content = content.encode("utf-8", "replace").decode("utf-8")  # pragma: no cover
            utf8 = content.encode("utf-8")  # pragma: no cover
        raw = utf8 if content.isascii() else None
        results: list[tuple[Any, bool]] = []
        units, groups = self._units, self._groups
        confirmed: dict[str, bool] = {}  # a unit's "pre" pattern (shared by a check's units): found?
        absent = self._absent_ungated(utf8)  # (ungated units whose pattern is nowhere in the text)
        for k in self._candidates(content, utf8):
            if k in absent:
                continue
            u = {**groups[units[k]["g"]], **units[k]}
            allow = u["quotes"]
            pre = u.get("pre")
            if pre is not None:
                found_pre = confirmed.get(pre)
                if found_pre is None:
                    found_pre = confirmed[pre] = _re2_pattern(pre, u["ci"], u["ml"]).search(utf8) is not None
                if not found_pre:
                    continue
            if u["type"] == "proselint":
                confirm = u["confirm"]
                if confirm is not None and _re2_pattern(confirm, u["ci"], u["ml"]).search(utf8) is None:
                    continue
                found = self._proselint_check(u).check_with_flags(content)
            else:
                found = _run_unit(u, content, raw, self._lookups, utf8)
            results.extend((res, allow) for res in found)
        if not results:
            return []
        if all(allow for _res, allow in results):
            return [res for res, _allow in results]
        bounds = [pos for span in self._quote_spans(content) for pos in span]
        return [res for res, allow in results if allow or bisect_left(bounds, res.span[0]) % 2 == 0]

    def _quote_spans(self, text: str) -> list[tuple[int, int]]:
        """Quotations as proselint finds them: a quote mark after a separator opens one, the matching mark
        before a separator closes it (no nesting)."""
        spans: list[tuple[int, int]] = []
        if self._quote_re is None:
            return spans
        seps, straight = self._separators, self._straight
        opened: tuple[str, int] | None = None
        last = len(text) - 1
        for m in self._quote_re.finditer(text):
            mark, at = m.group(0), m.start()
            if 0 < at < last and _is_word(text[at - 1]) and _is_word(text[at + 1]):
                continue  # word boundaries on both sides (an apostrophe in a word): no quotation mark
            if opened is None:
                if text[at - 1] in seps:
                    opened = (mark, at)
                continue
            first = opened[0]
            pair = {first, mark}
            matching = (first in straight and first == mark) or pair in self._curly_pairs
            if matching and at + 1 < len(text) and text[at + 1] in seps:
                spans.append((opened[1], at))
                opened = None
        return spans


def _is_word(char: str) -> bool:
    """Python's ``\\w`` for one character of a str pattern (letters, digits and the underscore)."""
    return char.isalnum() or char == "_"


def _literal_set(needles: list[bytes]) -> Any:
    """An RE2 set of the literals ``\\x00`` (index 0, the sentinel) and ``needles`` (index 1..), or False."""
    try:
        import re2

        opts = re2.Options()
        opts.literal = True
        opts.log_errors = False
        opts.max_mem = 64 << 20
        found = re2.Set.SearchSet(opts)
        found.Add(b"\x00")
        for needle in needles:
            found.Add(needle)
        found.Compile()
    except Exception:  # re2.error, or an older wrapper: test the substrings one by one
        return False
    return found


def _compiled_requirement(req: list[list[str]]) -> tuple[tuple[frozenset[bytes], tuple[bytes, ...]], ...]:
    """A requirement of :mod:`.prose_gate` (OR-sets of atoms, all must hold) as (whole words, substrings)
    per OR-set, in bytes: one holds when a whole word is among the text's words or a substring is in its
    lower-cased text (:func:`.prose_gate.text_atoms_bytes`). Atoms are ASCII."""
    return tuple(
        (
            frozenset(a.encode("ascii") for a in or_set if a[0] != "~"),
            tuple(a[1:].encode("ascii") for a in or_set if a[0] == "~"),
        )
        for or_set in req
    )


@functools.lru_cache(maxsize=8)
def table_checker_for(enabled: frozenset, disabled: frozenset) -> TableChecker:
    """One table checker per set of enabled and disabled check ids, built once per process."""
    return TableChecker(enabled=set(enabled), disabled=set(disabled))


def known_check_ids() -> frozenset[str]:
    """Every proselint check id, from the table (no proselint import when the table is cached)."""
    return frozenset(c[0] for c in load_table()["checks"])


def check_infos() -> list[tuple[str, str, str]]:
    """(check id, proselint's message, how it is run) per check, from the table."""
    return [(c[0], c[1], c[2]) for c in load_table()["checks"]]
