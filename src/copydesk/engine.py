"""The engine: rules from packs and config, run over documents, turned into sorted, suppressed diagnostics.

Rules yield plain ``Finding``s (source offsets and message arguments); the engine attaches the rule id,
severity and link, converts offsets to line and column, applies inline suppressions and the level filter,
de-duplicates and sorts, all in one place.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from .analysis.shared import Analysis, AnalysisSettings
from .config import Config, ConfigError
from .diagnostics import LEVEL_RANK, LEVELS, Diagnostic, FileResult, Finding, Located, sort_key
from .document import Document, scope_matches
from .parsers import parse
from .rules import RULE_SUFFIXES, Rule, RuleError, builtin_packs_dir, discover_packs, load_pack
from .source import Source
from .suppress import parse_suppressions, unknown_rule_notices

#: CPU seconds one rule (or the parser) may spend on one file: a base plus an allowance per million
#: characters, so that a pathological input cannot stall a run forever while a large ordinary file (rules
#: take about a second per million characters) is never stopped. ``COPYDESK_TIME_LIMIT`` overrides the
#: base (seconds; 0 turns the limit off).
TIME_LIMIT_BASE = 30.0
TIME_LIMIT_PER_MILLION_CHARS = 20.0


class TimeLimitExceeded(BaseException):
    """Raised inside a rule or parser that ran past its time limit.

    A ``BaseException`` so that a rule's own ``except Exception`` cannot swallow it.
    """


def time_limit_for(n_chars: int, base: float | None = None) -> float:
    """The time limit for a rule on a text of ``n_chars`` characters (0: no limit)."""
    if base is None:
        env = os.environ.get("COPYDESK_TIME_LIMIT", "").strip()
        try:
            base = float(env) if env else TIME_LIMIT_BASE
        except ValueError:
            base = TIME_LIMIT_BASE
    if base <= 0:
        return 0.0
    return base + TIME_LIMIT_PER_MILLION_CHARS * n_chars / 1_000_000


def _can_time() -> bool:
    """A CPU-time alarm is usable: POSIX, main thread, and nobody else using the virtual timer."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    if signal.getitimer(signal.ITIMER_VIRTUAL)[0] > 0:
        return False
    return signal.getsignal(signal.SIGVTALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)


@contextmanager
def time_limit(seconds: float):
    """Raise ``TimeLimitExceeded`` in the body once it has used ``seconds`` of CPU time (a no-op when 0
    or where CPU-time alarms are unavailable: Windows, threads other than the main one)."""
    if not seconds or not _can_time():
        yield
        return

    def _alarm(signum, frame):
        raise TimeLimitExceeded()

    previous = signal.signal(signal.SIGVTALRM, _alarm)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        finally:
            signal.signal(signal.SIGVTALRM, previous)


class _RuleGuard:
    """The CPU-time limit of every rule run on one file, with one alarm for the whole file.

    A ``time_limit`` per rule cost about 15 microseconds a rule (a handler installed and removed, the timer
    armed and disarmed): a millisecond per file for the default packs. Here the timer is armed once per
    file; each rule only notes how much of it was left when it started (one ``getitimer`` call). Only when
    the alarm fires does the handler work out whether the running rule has used its own limit (then it
    raises ``TimeLimitExceeded`` in the rule) or re-arms the timer for the rest of that rule's allowance.
    Between rules (outside ``start``/``stop``) an alarm only re-arms the timer. A no-op where CPU-time
    alarms are unavailable, as ``time_limit`` is.
    """

    def __init__(self, limit: float) -> None:
        self.enabled = bool(limit) and _can_time()
        self.limit = limit
        self.active = False
        self.left_at_start = 0.0
        self.previous = None

    def __enter__(self) -> _RuleGuard:
        if self.enabled:
            self.previous = signal.signal(signal.SIGVTALRM, self._alarm)
            signal.setitimer(signal.ITIMER_VIRTUAL, self.limit)
        return self

    def __exit__(self, *exc) -> None:
        self.active = False
        if self.enabled:
            try:
                signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            finally:
                signal.signal(signal.SIGVTALRM, self.previous)

    def start(self, limit: float) -> None:
        """A rule with ``limit`` seconds of CPU starts now."""
        self.limit = limit
        if self.enabled:
            left = signal.getitimer(signal.ITIMER_VIRTUAL)[0]
            if left <= 0:  # pragma: no cover - the handler always re-arms
                signal.setitimer(signal.ITIMER_VIRTUAL, limit)
                left = limit
            self.left_at_start = left
        self.active = True

    def stop(self) -> None:
        self.active = False

    def _alarm(self, signum, frame) -> None:
        if not self.active:
            signal.setitimer(signal.ITIMER_VIRTUAL, self.limit)
            return
        used = self.left_at_start  # the timer ran down from there to 0 while this rule ran
        if used >= self.limit * 0.999:
            self.active = False
            raise TimeLimitExceeded()
        signal.setitimer(signal.ITIMER_VIRTUAL, self.limit - used)
        self.left_at_start = self.limit  # when it fires again, the rule has used all of its limit


def _where(exc: BaseException) -> str:
    import traceback  # only when a rule fails

    tb = traceback.extract_tb(exc.__traceback__)
    return f"{tb[-1].filename}:{tb[-1].lineno}" if tb else "?"


@dataclass
class LintContext:
    """What a rule kind may use besides the document: the settings and the document's shared analysis."""

    config: Config
    analysis: Analysis

    @property
    def audience(self) -> str:
        return self.config.audience


def analysis_settings(rules: list[Rule]) -> AnalysisSettings:
    """Unite what every rule asks of the shared analysis (``Kind.analysis_needs``)."""
    merged: dict[str, set] = {}
    for rule in rules:
        for key, values in rule.checker.analysis_needs().items():
            merged.setdefault(key, set()).update(values)
    if merged.get("style_disabled"):
        # A check one rule leaves out may be another rule's (style.Typography leaves straight quotes to
        # style.SmartPunctuation): only what no rule reports is turned off in the shared checker.
        def covered(check_id: str, prefixes) -> bool:
            return any(check_id == p or check_id.startswith(p + ".") for p in prefixes)

        needs = [r.checker.analysis_needs() for r in rules if r.kind == "proselint"]
        merged["style_disabled"] = {
            d
            for d in merged["style_disabled"]
            if not any(
                covered(d, n.get("style_checks", ())) and not covered(d, n.get("style_disabled", ()))
                for n in needs
            )
        }
    return AnalysisSettings(**{k: frozenset(v) for k, v in merged.items()})


def _outside(path: Path, root: Path) -> bool:
    """Whether ``path``, after every symlink, lies outside ``root`` (a symlink loop counts as outside)."""
    try:
        path.resolve().relative_to(root.resolve())
        return False
    except (ValueError, RuntimeError, OSError):
        return True


def load_rules(config: Config, *, extra_pack_dirs: list[str] | None = None, kept=None) -> list[Rule]:
    """Every enabled rule, with config overrides applied, in a stable order. ``kept``: a
    ``compiled.CompiledStore`` that supplies rule files parsed in an earlier run."""
    root = Path(config.root)
    dirs = [builtin_packs_dir()]
    line = config.lines.get("packs_path", 1)
    for d in config.pack_dirs():
        if not d.is_dir():
            raise ConfigError(config.source, line, f"packs_path entry '{d}' is not a folder")
        if config.source != "<defaults>" and _outside(d, root) and not config.allow_outside_packs:
            raise ConfigError(
                config.source,
                line,
                f"packs_path entry '{d}' is outside the project folder {root}; set allow_outside_packs: true "
                "to load it",
            )
        dirs.append(d)
    for d in extra_pack_dirs or []:
        p = Path(d)
        if not p.is_dir():
            raise ConfigError("--packs-path", 1, f"'{d}' is not a folder")
        dirs.append(p)  # as given, so that messages name rule files the way the user wrote them
    available = discover_packs(dirs)
    if config.source != "<defaults>" and not config.allow_outside_packs:
        # A pack folder, or a rule file, inside a packs_path folder may itself be a symlink out of the project.
        consented = [builtin_packs_dir(), *(Path(d) for d in extra_pack_dirs or [])]
        for name, folder in available.items():
            if any(folder.parent == c for c in consented):
                continue
            for p in (folder, *(f for f in folder.iterdir() if f.suffix in RULE_SUFFIXES)):
                if _outside(p, root):
                    raise ConfigError(
                        config.source,
                        line,
                        f"pack '{name}': '{p}' leads outside the project folder {root} through a symlink; "
                        "set allow_outside_packs: true to load it",
                    )
    wanted = config.packs if config.packs is not None else sorted(available)
    for name in wanted:
        if name not in available:
            raise ConfigError(
                config.source,
                config.lines.get("packs", 1),
                f"packs: unknown pack '{name}' (available: {', '.join(sorted(available)) or 'none'})",
            )
    rules: list[Rule] = []
    for name in wanted:
        rules.extend(load_pack(name, available[name], kept))
    if config.vale_styles:  # Vale styles beside the packs (copydesk.vale.bridge), ids Style.Rule
        from .vale.bridge import vale_rules

        vline = config.lines.get("vale_styles", 1)
        for d in config.vale_style_dirs():
            # The same consent rule as packs_path: a style folder outside the project is read only when asked.
            if config.source != "<defaults>" and _outside(d, root) and not config.allow_outside_packs:
                raise ConfigError(
                    config.source,
                    vline,
                    f"vale_styles entry '{d}' is outside the project folder {root}; set allow_outside_packs: "
                    "true to load it",
                )
        vale = vale_rules(config.vale_style_dirs(), config.source, vline)
        rules.extend(vale)
        available.update({r.pack: None for r in vale})
    known_ids = {r.id for r in rules} | {r.pack for r in rules}
    all_available = set(available)
    for rid in config.rules:
        pack = rid.split(".", 1)[0]
        if rid in known_ids or rid in all_available or (pack in all_available and pack not in wanted):
            continue
        import difflib

        close = difflib.get_close_matches(rid, sorted(known_ids | all_available), n=1, cutoff=0.75)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise ConfigError(config.source, config.rule_lines.get(rid, 1), f"rules: unknown rule '{rid}'{hint}")
    out = []
    smart = config.effective_typography()[0] == "smart"
    for rule in rules:
        if smart and rule.raw.get("typography") == "literal":
            continue  # the site's renderer makes these characters typographic: readers never see them
        setting = config.rules.get(rule.id, config.rules.get(rule.pack))
        if setting is None or setting is True or setting == "on":
            out.append(rule)
            continue
        if setting is False or setting == "off":
            continue
        if isinstance(setting, str):
            setting = {"level": setting}
        setting = dict(setting)
        enabled = setting.pop("enabled", True)
        if enabled not in (True, False, "on", "off"):
            raise ConfigError(
                config.source,
                config.rule_lines.get(rule.id, config.rule_lines.get(rule.pack, 1)),
                f"rules.{rule.id}: 'enabled' must be true or false, got {enabled!r}",
            )
        if enabled is False or enabled == "off":
            continue
        if setting:
            line = config.rule_lines.get(rule.id, config.rule_lines.get(rule.pack, 1))
            try:
                rule = rule.with_overrides(setting, config.source, line)
            except RuleError as exc:
                raise ConfigError(config.source, line, f"rules.{rule.id}: {exc.message}") from None
        out.append(rule)
    return out


def parse_document(source: Source, result: FileResult, limit: float | None = None) -> Document | None:
    """Parse with the source's parser under the time limit; if it fails, read the file as plain text
    (None: not at all). Problems are noted in ``result.errors``. ``check`` and ``stats`` both parse here."""
    if limit is None:
        limit = time_limit_for(len(source.text))
    fallback = source.format != "text"
    then = "the file was checked as plain text" if fallback else "the file was not checked"
    try:
        with time_limit(limit):
            return parse(source)
    except TimeLimitExceeded:
        result.errors.append(
            f"internal error in the {source.format} parser: stopped after {limit:.1f} s of CPU time; {then}"
        )
    except Exception as exc:
        result.errors.append(
            f"internal error in the {source.format} parser: {type(exc).__name__}: {exc} ({_where(exc)}); {then}"
        )
    if not fallback:
        return None
    from .parsers.text import parse_text

    try:
        with time_limit(limit):
            return parse_text(source)
    except (Exception, TimeLimitExceeded) as exc:
        result.errors.append(f"internal error in the text parser: {type(exc).__name__}: {exc}; not checked")
        return None


class Linter:
    """A compiled rule set; cheap to reuse for many files."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        rules: list[Rule] | None = None,
        extra_pack_dirs=None,
        kept=None,
    ) -> None:
        self.config = config or Config()
        if rules is None:
            rules = load_rules(self.config, extra_pack_dirs=extra_pack_dirs, kept=kept)
        self.rules = rules
        self.min_rank = LEVEL_RANK[self.config.min_level]
        from .links import rule_url

        #: The URL shown for each rule ("" when there is none; see ``copydesk.links``).
        self.links = {r.id: rule_url(r.id, r.link, self.config.docs_url) for r in self.rules}
        #: CPU seconds a rule may spend on one file; None: ``time_limit_for`` the file's size; 0: no limit.
        self.time_limit: float | None = None
        self.settings = analysis_settings(self.rules)

    def warm_up(self) -> None:
        """Load what every draft needs once per process (syllable data, the proselint checker, the
        parsers), by linting a small built-in sample; a process pool forked after this shares it."""
        if getattr(self, "_warm", False):
            return
        self._warm = True
        from .source import from_text

        sample = (
            "---\ntitle: A sample draft\n---\n# A sample draft\n\nExperts say the plan was approved "
            "very quickly, according to officials. It is unprecedented.\n\n<p>An <b>HTML</b> part.</p>\n"
        )
        try:
            self.lint_source(from_text(sample, "warm-up.md"), collect=True)
            self.lint_source(from_text("<p>A sample page.</p>", "warm-up.html"))
        except Exception:  # pragma: no cover - warming is an optimisation only
            pass

    @property
    def known_names(self) -> frozenset:
        """Rule ids and pack names a suppression may name: every rule of the run, every rule the config
        mentions, and every built-in rule (a directive for a rule switched off is not a mistake)."""
        names = self.__dict__.get("_known_names")
        if names is None:
            found = {r.id for r in self.rules} | {r.pack for r in self.rules} | set(self.config.rules)
            found.update(self.config.packs or ())
            for pack, folder in discover_packs([builtin_packs_dir()]).items():
                found.add(pack)
                found.update(f"{pack}.{f.stem}" for f in folder.iterdir() if f.suffix in (".yml", ".yaml"))
            names = self.__dict__["_known_names"] = frozenset(found)
        return names

    @property
    def plan(self) -> list:
        """The order rules run in: each rule alone, or a ``RuleBatch`` where rules share one batch object
        (worked out once per rule list)."""
        cached = self.__dict__.get("_plan")
        if cached is None or cached[0] is not self.rules:
            cached = self.__dict__["_plan"] = (self.rules, block_pass_plan(plan_rules(self.rules)))
        return cached[1]

    @property
    def releases(self) -> list[frozenset]:
        """Per step of ``plan``: the parts of the shared analysis to drop before it runs, because only the
        steps before it read them (``release_plan``)."""
        plan = self.plan
        cached = self.__dict__.get("_releases")
        if cached is None or cached[0] is not plan:
            cached = self.__dict__["_releases"] = (plan, release_plan(plan))
        return cached[1]

    @property
    def cross_file_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.checker is not None and r.checker.cross_file]

    def lint_source(self, source: Source, *, collect: bool = False) -> tuple[FileResult, dict]:
        """Lint one source. Returns the file's result and, when ``collect``, its cross-file facts.

        Nothing raised by a parser or a rule escapes: a crash, or a rule that runs past its time limit
        (``time_limit_for``), becomes an internal error of this file naming the rule, and the remaining
        rules still run. When the Markdown or HTML parser fails the file is checked as plain text.
        """
        result = FileResult(source.path, text=source.text, notices=list(source.notices))
        limit = self.time_limit if self.time_limit is not None else time_limit_for(len(source.text))
        doc = self._parse(source, result, limit)
        if doc is None:
            return result, {}
        result.notices.extend(n for n in getattr(doc, "notices", ()) if n not in result.notices)
        ctx = LintContext(self.config, Analysis(doc, self.settings))
        # Suppression comments first, so that findings past the per-rule cap are only counted.
        try:
            with time_limit(limit):
                suppressions = parse_suppressions(doc)
        except (Exception, TimeLimitExceeded) as exc:
            result.errors.append(f"internal error reading suppression comments: {type(exc).__name__}: {exc}")
            suppressions = None
        cap = self.config.max_findings
        overflow: dict[str, int] = {}
        found: list[Diagnostic] = []
        facts: dict = {}
        timed_out: set[type] = set()  # kinds with a rule that ran out of time on this file
        releases = self.releases
        with _RuleGuard(limit) as guard:  # one CPU-time alarm for all the rules, each with its own limit
            for step, rule in enumerate(self.plan):
                if releases[step]:  # what only the rules before this one read (a large draft's memory)
                    ctx.analysis.release(releases[step])
                if isinstance(rule, BlockPass):  # per-block rules, a run of blocks at a time
                    found.extend(
                        self._run_block_pass(rule, doc, ctx, result, limit, suppressions, overflow, guard)
                    )
                    continue
                if isinstance(rule, RuleBatch):  # rules that run together, in one pass (Vale styles)
                    found.extend(
                        self._run_batch(rule, doc, ctx, result, limit, suppressions, overflow, guard)
                    )
                    continue
                kind = rule.checker
                # Rules of one kind may share its analysis, and so its cost: once one of them ran out of
                # time, the others get a tenth of the limit (enough for those that do not share the slow part).
                rule_limit = min(limit, max(1.0, limit / 10)) if type(kind) in timed_out else limit
                try:
                    guard.start(rule_limit)
                    if kind.cross_file:
                        if collect:
                            facts[rule.id] = kind.collect(doc, ctx)
                        continue
                    # Offsets become positions here, inside the guard: a malformed finding is this rule's
                    # bug. Past twice the cap (a margin for duplicates and suppressed lines), findings are
                    # only counted: a rule that matches every character costs no memory per match.
                    kept: list[Diagnostic] = []
                    extra = 0
                    for f in kind.check(doc, ctx):
                        if cap and len(kept) >= 2 * cap:
                            extra += self._shown(doc.source, rule, f, suppressions)
                        else:
                            kept.append(self.to_diagnostic(doc.source, rule, f))
                    guard.stop()
                    found.extend(kept)
                    if extra:
                        overflow[rule.id] = extra
                except TimeLimitExceeded:
                    guard.stop()
                    timed_out.add(type(kind))
                    result.errors.append(
                        f"internal error in rule {rule.id}: stopped after {rule_limit:.1f} s of CPU time on this "
                        "file (its findings here are dropped; please report this file)"
                    )
                except Exception as exc:  # a bug in one rule must not stop the others
                    guard.stop()
                    result.errors.append(
                        f"internal error in rule {rule.id}: {type(exc).__name__}: {exc} ({_where(exc)})"
                    )
                finally:
                    guard.stop()
        result.diagnostics = self._filter(
            drop_superseded(found, self.rules), suppressions, result.notices, overflow
        )
        if suppressions:
            result.notices.extend(unknown_rule_notices(doc, self.known_names))
        if collect and suppressions is not None:
            facts["__suppressions__"] = suppressions
        return result, facts

    def _run_batch(
        self, batch, doc, ctx, result, limit, suppressions, overflow, guard: _RuleGuard | None = None
    ) -> list[Diagnostic]:
        """Run a ``RuleBatch`` under one time guard (the file's ``guard``, else its own): one call returns
        every member rule's findings, which then become diagnostics of their own rule (id, level, link, cap,
        suppressions), as for a rule run alone. A crash or time-out drops the whole batch's findings on this
        file."""
        cap = self.config.max_findings
        out: list[Diagnostic] = []
        try:
            with _RuleGuard(limit) if guard is None else nullcontext(guard) as active:
                active.start(limit)
                try:
                    by_id = batch.runner.check_rules(doc, ctx, batch.ids)
                    for rule in batch.rules:
                        kept = extra = 0
                        for f in by_id.get(rule.id, ()):
                            if cap and kept >= 2 * cap:  # past twice the cap, only counted (as for one rule)
                                extra += self._shown(doc.source, rule, f, suppressions)
                            else:
                                out.append(self.to_diagnostic(doc.source, rule, f))
                                kept += 1
                        if extra:
                            overflow[rule.id] = extra
                finally:
                    active.stop()
        except TimeLimitExceeded:
            result.errors.append(
                f"internal error in rules {batch.name}: stopped after {limit:.1f} s of CPU time on this file "
                "(their findings here are dropped; please report this file)"
            )
            return []
        except Exception as exc:  # a bug in one batch must not stop the other rules
            result.errors.append(
                f"internal error in rules {batch.name}: {type(exc).__name__}: {exc} ({_where(exc)})"
            )
            return []
        return out

    def _run_block_pass(
        self, bp: BlockPass, doc, ctx, result, limit, suppressions, overflow, guard: _RuleGuard
    ) -> list[Diagnostic]:
        """Run the per-block rules of ``bp`` over the document a run of blocks at a time (``BlockPass``):
        each rule reads the run's blocks (``check_block``), then the run's analysis is dropped, so that
        only one run's sentences, words and counts are alive however long the draft. Each rule keeps its
        own CPU-time limit (the time of its calls added up), findings cap and error, as when it runs
        alone; findings come out in the same order."""
        import time

        cap = self.config.max_findings
        rules = list(bp.rules)
        states: dict[str, object] = {}
        kept: dict[str, list[Diagnostic]] = {r.id: [] for r in rules}
        extra: dict[str, int] = {}
        used: dict[str, float] = dict.fromkeys(kept, 0.0)
        dead: set[str] = set()

        def call(rule, fn, *args) -> None:
            """One guarded call of a rule's ``start``, ``check_block`` loop or ``finish``."""
            left = limit - used[rule.id] if limit else 0.0
            t0 = time.process_time()
            try:
                guard.start(max(left, 0.001) if limit else 0.0)
                out = fn(*args)
                if out is None:
                    return
                mine = kept[rule.id]
                for f in out:
                    if cap and len(mine) >= 2 * cap:
                        extra[rule.id] = extra.get(rule.id, 0) + self._shown(
                            doc.source, rule, f, suppressions
                        )
                    else:
                        mine.append(self.to_diagnostic(doc.source, rule, f))
            except TimeLimitExceeded:
                dead.add(rule.id)
                result.errors.append(
                    f"internal error in rule {rule.id}: stopped after {limit:.1f} s of CPU time on this "
                    "file (its findings here are dropped; please report this file)"
                )
            except Exception as exc:  # a bug in one rule must not stop the others
                dead.add(rule.id)
                result.errors.append(
                    f"internal error in rule {rule.id}: {type(exc).__name__}: {exc} ({_where(exc)})"
                )
            finally:
                guard.stop()
                used[rule.id] += time.process_time() - t0

        def start(rule):
            states[rule.id] = rule.checker.start(doc, ctx)

        def blocks_of(rule, chunk):
            kind, scope, state = rule.checker, rule.scope, states[rule.id]
            out = []
            for b in chunk:
                if scope_matches(b.scope, scope):
                    out.extend(kind.check_block(b, ctx, state))
            return out

        for rule in rules:
            call(rule, start, rule)
        release = bp.release
        for chunk in _block_runs(doc.blocks, bp.run_blocks, bp.run_chars):
            for rule in rules:
                if rule.id not in dead:
                    call(rule, blocks_of, rule, chunk)
            if release:
                ctx.analysis.release_blocks(chunk, release)
        for rule in rules:
            if rule.id not in dead:
                call(rule, rule.checker.finish, doc, ctx, states[rule.id])
        out: list[Diagnostic] = []
        for rule in rules:
            if rule.id in dead:
                continue
            out.extend(kept[rule.id])
            if extra.get(rule.id):
                overflow[rule.id] = extra[rule.id]
        return out

    def _parse(self, source: Source, result: FileResult, limit: float) -> Document | None:
        return parse_document(source, result, limit)

    def collect_only(self, source: Source) -> dict:
        """The cross-file facts of one draft, with no other rule run (for drafts that are only compared
        with, not checked: the rest of the repository in a pre-commit or ``--diff-from`` run)."""
        rules = self.cross_file_rules
        if not rules:
            return {}
        result = FileResult(source.path, text=source.text)
        limit = self.time_limit if self.time_limit is not None else time_limit_for(len(source.text))
        doc = self._parse(source, result, limit)
        if doc is None:
            return {}
        ctx = LintContext(self.config, Analysis(doc, self.settings))
        facts = {}
        for rule in rules:
            try:
                with time_limit(limit):
                    facts[rule.id] = rule.checker.collect(doc, ctx)
            except (Exception, TimeLimitExceeded):
                continue  # a draft whose facts cannot be read is simply not compared
        return facts

    def finalize(self, results: list[tuple[FileResult, dict]], focus: set[str] | None = None) -> list[str]:
        """Run the cross-file rules over every file's collected facts.

        Their findings join each file's diagnostics through the same level filter, inline suppressions,
        de-duplication and sort as per-file findings (``_filter``). A crash or time-out in a cross-file rule
        concerns the run, not one file: it is returned as a run-level error (``Report.errors``).

        ``focus``: the display paths being checked when ``results`` also holds drafts that are only
        compared with (the rest of the repository); a finding then lands on a focused draft.
        """
        rules = self.cross_file_rules
        errors: list[str] = []
        if not rules:
            return errors
        by_path = {fr.path: (fr, facts) for fr, facts in results}
        added: dict[str, list[Diagnostic]] = {}
        for rule in rules:
            items = [(fr.path, facts[rule.id]) for fr, facts in results if facts.get(rule.id) is not None]
            limit = self.time_limit if self.time_limit is not None else time_limit_for(10_000 * len(items))
            try:
                with time_limit(limit):
                    located = (
                        rule.checker.finalize(items)
                        if focus is None
                        else rule.checker.finalize(items, focus=focus)
                    )
                    for loc in located:
                        if loc.path in by_path:
                            added.setdefault(loc.path, []).append(self.located_to_diagnostic(rule, loc))
            except TimeLimitExceeded:
                errors.append(
                    f"internal error in cross-file rule {rule.id}: stopped after {limit:.1f} s of CPU time "
                    "(its findings are dropped; please report this)"
                )
            except Exception as exc:  # a bug in one rule must not stop the run
                errors.append(
                    f"internal error in cross-file rule {rule.id}: {type(exc).__name__}: {exc} ({_where(exc)})"
                )
        for path, diagnostics in added.items():
            fr, facts = by_path[path]
            fr.diagnostics = self._filter(
                fr.diagnostics + diagnostics, facts.get("__suppressions__"), fr.notices
            )
        return errors

    def located_to_diagnostic(self, rule: Rule, loc: Located) -> Diagnostic:
        """A cross-file finding, already placed by line and column, as a diagnostic."""
        message = loc.message if loc.message is not None else rule.format_message(loc.args)
        return Diagnostic(
            path=loc.path,
            line=loc.line,
            column=loc.column,
            rule=rule.id,
            end_line=loc.end_line,
            end_column=loc.end_column,
            severity=rule.level,
            message=message,
            link=self.links.get(rule.id, ""),
        )

    def to_diagnostic(self, source: Source, rule: Rule, f: Finding) -> Diagnostic:
        n = len(source.text)
        start = max(0, min(f.start, n))
        end = max(start, min(f.end, n))
        line, col = source.position(start)
        end_line, end_col = source.position(end)
        message = f.message if f.message is not None else rule.format_message(f.args)
        severity = f.level or rule.level
        if severity not in LEVEL_RANK:
            raise ValueError(f"finding with unknown level {severity!r}")
        return Diagnostic(
            path=source.path,
            line=line,
            column=col,
            rule=rule.id,
            end_line=end_line,
            end_column=end_col,
            severity=severity,
            message=message,
            offset=start,
            end_offset=end,
            link=self.links.get(rule.id, ""),
            fix=f.fix,
        )

    def _shown(self, source: Source, rule: Rule, f: Finding, suppressions) -> int:
        """1 if a finding past the cap would have been shown (level and suppressions), else 0."""
        if LEVEL_RANK.get(f.level or rule.level, 0) < self.min_rank:
            return 0
        line = source.line_of(max(0, min(f.start, len(source.text))))
        return 0 if suppressions and suppressions.suppresses(rule.id, line) else 1

    def _filter(
        self,
        diagnostics: list[Diagnostic],
        suppressions,
        notices: list[str] | None = None,
        overflow: dict[str, int] | None = None,
    ) -> list[Diagnostic]:
        """Level filter, inline suppressions, de-duplication, the per-rule cap and sorting.

        At most ``max_findings`` findings per rule per file are kept (the first by position); how many more
        there were is said in a notice added to ``notices`` (``overflow`` counts findings a rule yielded
        past the cap that were never turned into diagnostics)."""
        out = {}
        for d in diagnostics:
            if LEVEL_RANK[d.severity] < self.min_rank:
                continue
            if suppressions and suppressions.suppresses(d.rule, d.line):
                continue
            out.setdefault((d.line, d.column, d.end_line, d.end_column, d.rule, d.message), d)
        kept = sorted(out.values(), key=sort_key)
        cap = self.config.max_findings
        if not cap or notices is None:
            return kept
        counts: dict[str, int] = {}
        for d in kept:
            counts[d.rule] = counts.get(d.rule, 0) + 1
        over = {r for r, n in counts.items() if n > cap} | set(overflow or ())
        if not over:
            return kept
        seen: dict[str, int] = {}
        capped = []
        for d in kept:
            n = seen[d.rule] = seen.get(d.rule, 0) + 1
            if n <= cap:
                capped.append(d)
        for rule_id in sorted(over):
            dropped = max(0, counts.get(rule_id, 0) - cap) + (overflow or {}).get(rule_id, 0)
            notices.append(
                f"{rule_id}: {dropped} more finding{'s' if dropped != 1 else ''} not shown (at most {cap} per "
                "rule per file; max_findings in the config changes the limit)"
            )
        return capped


@dataclass
class RuleBatch:
    """Rules whose checkers share one ``batch`` object (``Kind.batch``): the engine calls
    ``runner.check_rules(doc, ctx, ids)`` once per file, under one time guard, for all of them."""

    runner: object
    rules: list[Rule]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)

    @property
    def name(self) -> str:
        packs = sorted({r.pack for r in self.rules})
        return ", ".join(f"{p}.*" for p in packs)


def plan_rules(rules: list[Rule]) -> list:
    """The rules in order, those that share a batch object gathered into one ``RuleBatch`` at the place of
    the first of them (a batch with one rule runs alone, as any rule)."""
    batches: dict[int, RuleBatch] = {}
    plan: list = []
    for rule in rules:
        runner = getattr(rule.checker, "batch", None)
        if runner is None or getattr(rule.checker, "cross_file", False):
            plan.append(rule)
            continue
        b = batches.get(id(runner))
        if b is None:
            b = batches[id(runner)] = RuleBatch(runner, [])
            plan.append(b)
        b.rules.append(rule)
    return [b.rules[0] if isinstance(b, RuleBatch) and len(b.rules) == 1 else b for b in plan]


@dataclass
class BlockPass:
    """Per-block rules (``Kind.per_block``) run together over the document, a run of blocks at a time
    (``Linter._run_block_pass``): ``release`` names the per-block analysis parts no later step reads,
    dropped for each run of blocks once the rules have read it."""

    rules: list[Rule]
    release: frozenset = frozenset()
    #: A run is at most this many blocks and about this many characters of text.
    run_blocks: int = 256
    run_chars: int = 256_000


def _block_runs(blocks: list, most: int, chars: int):
    """``blocks`` in consecutive runs of at most ``most`` blocks and about ``chars`` characters."""
    run: list = []
    n = 0
    for b in blocks:
        run.append(b)
        n += len(b.text)
        if len(run) >= most or n >= chars:
            yield run
            run, n = [], 0
    if run:
        yield run


def _step_parts(step) -> frozenset:
    """The analysis parts a plan step reads (a kind that does not say, or a batch, may read any part)."""
    from .analysis.shared import ANALYSIS_PARTS

    if isinstance(step, RuleBatch):
        return ANALYSIS_PARTS
    if isinstance(step, BlockPass):
        return frozenset().union(*(_step_parts(r) for r in step.rules))
    declared = getattr(step.checker, "analysis_parts", None)
    return ANALYSIS_PARTS if declared is None else frozenset(declared)


def block_pass_plan(plan: list) -> list:
    """``plan`` with its per-block rules (``Kind.per_block``) gathered into one ``BlockPass``, placed after
    the last other step that reads the per-block analysis: what those steps computed for every block
    (the counts of the draft's grade, the sentences of vague sourcing) is reused by the pass, which then
    drops each run of blocks' analysis once its rules have read it. Findings do not depend on the order
    of rules (the engine sorts them)."""
    from .analysis.shared import BLOCK_PARTS

    per_block = [s for s in plan if isinstance(s, Rule) and getattr(s.checker, "per_block", False)]
    if not per_block:
        return plan
    rest = [s for s in plan if not (isinstance(s, Rule) and getattr(s.checker, "per_block", False))]
    at = 0
    for k, step in enumerate(rest):
        if _step_parts(step) & BLOCK_PARTS:
            at = k + 1
    later = frozenset().union(*(_step_parts(s) for s in rest[at:]))
    return [*rest[:at], BlockPass(per_block, BLOCK_PARTS - later), *rest[at:]]


def release_plan(plan: list) -> list[frozenset]:
    """For each step of a plan, the analysis parts that some earlier step reads and no step from this one
    on does (``Kind.analysis_parts``; a kind that does not say, or a batch, may read any part)."""
    parts = _step_parts
    needed_from: list[frozenset] = [frozenset()] * (len(plan) + 1)
    for k in range(len(plan) - 1, -1, -1):
        needed_from[k] = needed_from[k + 1] | parts(plan[k])
    return [frozenset()] + [needed_from[k - 1] - needed_from[k] for k in range(1, len(plan))]


def drop_superseded(found: list[Diagnostic], rules: list[Rule]) -> list[Diagnostic]:
    """Drop a finding whose rule names (``superseded_by``) another rule that reported an overlapping span:
    one problem, one report (``The the`` is ``hygiene.Doubled``, not also ``style.LexicalIllusions``)."""
    by = {r.id: r.superseded_by for r in rules if r.superseded_by}
    if not by:
        return found
    spans: dict[str, list[tuple[int, int]]] = {}
    for d in found:
        spans.setdefault(d.rule, []).append((d.offset, d.end_offset))
        spans.setdefault(d.rule.split(".", 1)[0], []).append((d.offset, d.end_offset))
    out = []
    for d in found:
        others = by.get(d.rule, ())
        if any(s < d.end_offset and d.offset < e for o in others for s, e in spans.get(o, ())):
            continue
        out.append(d)
    return out


__all__ = ["LEVELS", "Linter", "LintContext", "load_rules"]
