"""``copydesk check --vale-compat``: lint files the way Vale would, with a project's ``.vale.ini``.

Only the styles and rules the Vale configuration names run; ids are ``Style.Rule``; messages, levels,
lines and columns (1-based, code points) follow Vale. Files are parsed once by copydesk's parsers (exact
source maps); the scopes adapter turns their blocks into Vale's.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import LEVEL_RANK, Diagnostic, FileResult, Report, sort_key
from ..source import DEFAULT_MAX_FILE_SIZE, BinaryFileError, Source, SourceError, decode, read_bytes
from . import ValeError
from .checks.base import Alert, Check, LoadContext
from .comments import parse_directives
from .ini import ValeConfig, find_ini, load_ini, styles_dir
from .regex import compile_vale, translate
from .scopes import ValeBlock, blocks_for, raw_block, scope_matches, sentences
from .styles import StyleSet, read_vocab

#: File extension -> copydesk parser. reStructuredText, AsciiDoc and Org are read as plain text.
FORMATS = {
    "md": "markdown",
    "markdown": "markdown",
    "mdown": "markdown",
    "mkd": "markdown",
    "mdx": "markdown",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
    "txt": "text",
    "text": "text",
    "rst": "text",
    "adoc": "text",
    "asciidoc": "text",
    "org": "text",
}
_ALIASES = {"md": "markdown", "html": "html", "txt": "text", "rst": "text", "adoc": "text", "org": "text"}
#: Source-code extensions: Vale lints the comments of such files; copydesk does not (a notice says so).
CODE_EXTENSIONS = frozenset(
    "py rs go js jsx ts tsx c cc cpp cxx h hpp java rb php cs swift kt kts scala sh bash zsh css scss less "
    "jl lua r sql tf proto ex exs groovy hs pl pm clj cljs dart erl elm ml vue svelte yml yaml json toml "
    "xml dita xsl".split()
)


class Prefilter:
    """One RE2 pass over a block says which pattern rules can match it at all (an RE2 ``Set`` of every
    existence and substitution rule's program), so a style of hundreds of rules costs one scan per block
    plus the rules that do match."""

    def __init__(self, checks: list[Check]) -> None:
        import re2

        opts = re2.Options()
        opts.max_mem = 256 << 20
        self.set = re2.Set.SearchSet(opts)
        self.index: dict[int, int] = {}
        for i, c in enumerate(checks):
            text = getattr(c, "pattern_text", None)
            if not getattr(c, "prefilter", False) or not text:
                continue
            try:
                self.index[self.set.Add(translate(text))] = i
            except Exception:  # kept out of the pre-filter: the rule then always runs
                continue
        self.filtered = frozenset(self.index.values())
        #: (checks, scopes wanted, per-scope rule lists), computed on the first file of a selection.
        self.plan: tuple | None = None
        self.ok = bool(self.index)
        if self.ok:
            try:
                self.set.Compile()  # returns None; raises when the set is too large for RE2's memory
            except Exception:
                self.ok = False
        if not self.ok:
            self.filtered = frozenset()

    def hits(self, text: str) -> list[int]:
        """Indices (into the checks) of the pre-filtered rules whose pattern matches somewhere in ``text``."""
        index = self.index
        return [index[k] for k in (self.set.Match(text) or ())]


@dataclass
class Selection:
    """The rules that apply to one file (from every section whose glob matches it)."""

    checks: list[Check] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)
    token_ignores: list = field(default_factory=list)
    block_ignores: list = field(default_factory=list)
    prefilter: Prefilter | None = None
    ignored_scopes: tuple[str, ...] = ()
    skipped_scopes: tuple[str, ...] = ()
    ignored_classes: tuple[str, ...] = ()


class ValeProject:
    def __init__(self, cfg: ValeConfig, *, min_level: str | None = None) -> None:
        self.cfg = cfg
        self.min_level = min_level or cfg.min_level
        self.styles_root = styles_dir(cfg) if cfg.styles_path else None
        if cfg.styles_path and not self.styles_root.is_dir():
            raise ValeError(
                cfg.path, cfg.lines.get("stylespath", 1), f"StylesPath '{cfg.styles_path}' is not a folder"
            )
        for pkg in cfg.packages:
            name = Path(pkg.rstrip("/")).name
            name = name[:-4] if name.endswith(".zip") else name
            if self.styles_root is None or not (self.styles_root / name).exists():
                raise ValeError(
                    cfg.path,
                    cfg.lines.get("packages", 1),
                    f"package '{name}' is not synced into the StylesPath; run 'vale sync' once (copydesk never "
                    "downloads packages)",
                )
        accepted: list[str] = []
        rejected: list[str] = []
        for name in cfg.vocab:
            if self.styles_root is None:
                raise ValeError(cfg.path, cfg.lines.get("vocab", 1), f"Vocab '{name}' needs a StylesPath")
            a, r = read_vocab(self.styles_root, name, cfg.path, cfg.lines.get("vocab", 1))
            accepted += a
            rejected += r
        self.ctx = LoadContext(
            accepted=accepted,
            rejected=rejected,
            word_template=cfg.word_template,
            styles_path=str(self.styles_root or cfg.root),
        )
        self.styles = StyleSet(self.styles_root, self.ctx)
        self.global_token = [compile_vale(p, cfg.path, ln) for p, ln in cfg.token_ignores]
        self.global_block = [compile_vale(p, cfg.path, ln) for p, ln in cfg.block_ignores]
        self._notices: list[str] = list(cfg.unsupported)
        self._selections: dict[tuple, Selection] = {}
        self._skipped_scripts: set[str] = set()
        self._code_noted: set[str] = set()

    @property
    def notices(self) -> list[str]:
        return self._notices + self.styles.skipped

    @classmethod
    def load(cls, explicit: str | None = None, cwd: Path | None = None, *, min_level: str | None = None):
        cwd = cwd or Path.cwd()
        path = Path(explicit) if explicit else find_ini(cwd)
        if path is None:
            raise ValeError(
                str(cwd),
                1,
                "no Vale configuration found (.vale.ini, _vale.ini or vale.ini in this "
                "folder or above; or pass --vale-config FILE)",
            )
        return cls(load_ini(path), min_level=min_level)

    def validate(self) -> None:
        """Load every style and rule the configuration names, so that mistakes show before any file."""
        for sec in self.cfg.sections:
            self._select((sec,))

    def selection_for(self, rel: str, absolute: str) -> Selection:
        secs = tuple(self.cfg.sections_for(rel, absolute))
        return self._select(secs)

    def _select(self, secs: tuple) -> Selection:
        key = tuple(id(s) for s in secs)
        sel = self._selections.get(key)
        if sel is not None:
            return sel
        enabled: dict[str, str] = {}
        checks: dict[str, Check] = {}
        for sec in secs:
            where = (self.cfg.path, sec.line)
            for style in sec.styles:
                for rid, chk in self.styles.style(style, where).items():
                    checks[rid], enabled[rid] = chk, chk.level
            for name, (value, line) in sec.rules.items():
                where = (self.cfg.path, line)
                if "." not in name:  # a whole style
                    if value == "NO":
                        for rid in [r for r in enabled if r.split(".", 1)[0] == name]:
                            del enabled[rid]
                    else:
                        for rid, chk in self.styles.style(name, where).items():
                            checks[rid] = chk
                            enabled[rid] = chk.level if value == "YES" else value
                    continue
                if value == "NO":
                    enabled.pop(name, None)
                    continue
                chk = self.styles.rule(name, where)
                if chk is None:  # skipped: its pattern needs what RE2 lacks (reported as a notice)
                    continue
                checks[name] = chk
                enabled[name] = chk.level if value == "YES" else value
        sel = Selection()
        floor = LEVEL_RANK[self.min_level]
        for rid in sorted(enabled):
            if LEVEL_RANK[enabled[rid]] < floor:
                continue
            chk = checks[rid]
            if getattr(chk, "skipped", False):
                if rid not in self._skipped_scripts:
                    self._skipped_scripts.add(rid)
                    self._notices.append(
                        f"{chk.path}: {rid} is a script rule (Tengo), which copydesk does not run; skipped"
                    )
                continue
            sel.checks.append(chk)
            sel.levels[rid] = enabled[rid]
        sel.token_ignores = list(self.global_token)
        sel.block_ignores = list(self.global_block)
        for sec in secs:
            sel.token_ignores += [compile_vale(p, self.cfg.path, ln) for p, ln in sec.token_ignores]
            sel.block_ignores += [compile_vale(p, self.cfg.path, ln) for p, ln in sec.block_ignores]
        ignored = list(self.cfg.ignored_scopes)
        for sec in secs:
            if sec.ignored_scopes is not None:
                ignored = list(sec.ignored_scopes)
        sel.ignored_scopes = tuple(ignored)
        skipped = list(self.cfg.skipped_scopes)
        for sec in secs:
            if sec.skipped_scopes is not None:
                skipped = list(sec.skipped_scopes)
        sel.skipped_scopes = tuple(skipped)
        classes = list(self.cfg.ignored_classes)
        for sec in secs:
            if sec.ignored_classes is not None:
                classes = list(sec.ignored_classes)
        sel.ignored_classes = tuple(classes)
        sel.prefilter = Prefilter(sel.checks)
        self._selections[key] = sel
        return sel

    # -- linting -------------------------------------------------------------------------------------
    def format_of(self, path: str) -> str | None:
        ext = Path(path).suffix.lower().lstrip(".")
        if ext in CODE_EXTENSIONS:
            if ext in self.cfg.formats and ext not in self._code_noted:
                self._code_noted.add(ext)
                self._notices.append(
                    f"{self.cfg.path}: [formats] {ext} = {self.cfg.formats[ext]}: copydesk does "
                    f"not lint comments in source code; .{ext} files were skipped"
                )
            return None
        target = self.cfg.formats.get(ext)
        if target:
            return _ALIASES.get(target, FORMATS.get(target))
        return FORMATS.get(ext)

    def lint_source(self, source: Source, absolute: str | None = None) -> FileResult:
        result = FileResult(source.path, text=source.text, notices=list(source.notices))
        absolute = absolute or os.path.abspath(source.path)
        sel = self.selection_for(source.path, absolute)
        if not sel.checks:
            return result
        from ..parsers import parse

        try:
            doc = parse(source)
        except Exception as exc:  # the parser failed: lint it as plain text rather than not at all
            from ..parsers.text import parse_text

            result.errors.append(
                f"internal error in the {source.format} parser: {type(exc).__name__}: {exc}; "
                "the file was checked as plain text"
            )
            doc = parse_text(source)
        result.diagnostics = self.lint_document(doc, sel)
        return result

    def lint_document(self, doc, sel: Selection) -> list[Diagnostic]:
        found = run_checks(
            doc,
            sel.checks,
            token_ignores=sel.token_ignores,
            block_ignores=sel.block_ignores,
            ignored_scopes=sel.ignored_scopes,
            skipped_scopes=sel.skipped_scopes,
            ignored_classes=sel.ignored_classes,
            prefilter=sel.prefilter,
        )
        directives = parse_directives(doc.comments) if doc.comments else None
        source = doc.source
        out: dict[tuple, Diagnostic] = {}
        for chk, s, e, message, raw in found:
            if directives and not raw and directives.disabled(chk.id, s, source.text[s:e]):
                continue
            line, col = source.position(s)
            end_line, end_col = source.position(e)
            d = Diagnostic(
                path=source.path,
                line=line,
                column=col,
                rule=chk.id,
                end_line=end_line,
                end_column=end_col,
                severity=sel.levels[chk.id],
                message=message,
                offset=s,
                end_offset=e,
                link=chk.link,
            )
            out.setdefault((line, col, chk.id, message), d)
        return sorted(out.values(), key=sort_key)


def run_checks(
    doc,
    checks: list[Check],
    *,
    token_ignores=(),
    block_ignores=(),
    ignored_scopes=("code", "tt"),
    skipped_scopes=("script", "style", "pre", "figure"),
    ignored_classes=(),
    prefilter: Prefilter | None = None,
    blocks: list[ValeBlock] | None = None,
):
    """Run Vale checks over a document: ``(check, source start, source end, message, raw scope)`` each.

    Block by block (as Vale does, so state such as ``consistency``'s shared across a file's blocks), the
    pre-filter first telling which pattern rules can match the block at all; document-level kinds last.
    """
    if blocks is None:
        blocks = blocks_for(
            doc,
            token_ignores=list(token_ignores),
            block_ignores=list(block_ignores),
            ignored_scopes=tuple(ignored_scopes),
            skipped_scopes=tuple(skipped_scopes),
            ignored_classes=tuple(ignored_classes),
        )
    plan = prefilter.plan if prefilter is not None else None
    if plan is None or plan[0] is not checks:
        plan = (
            checks,
            {p.strip().lstrip("~") for c in checks for part in c.scope for p in part.split("&")},
            {},
        )
        if prefilter is not None:
            prefilter.plan = plan
    _, wanted, by_scope = plan
    units: list[ValeBlock] = list(blocks)
    if "sentence" in wanted:
        for b in blocks:
            if b.scope not in ("alt", "link"):
                units.extend(sentences(b))
    if "raw" in wanted:
        units.append(raw_block(doc))
    state: dict = {"pre": sum(1 for _s, _e, k in doc.masked if k == "code")}
    found: list[tuple[Check, ValeBlock | None, Alert]] = []
    filtered = prefilter.filtered if prefilter is not None and prefilter.ok else frozenset()
    for unit in units:
        # Per scope (the same for every file of a selection): the rules that always run, and those the
        # pre-filter decides about, by index.
        entry = by_scope.get(unit.scope)
        if entry is None:
            here = [
                (i, c) for i, c in enumerate(checks) if not c.per_document and _in_scope(unit.scope, c.scope)
            ]
            entry = by_scope[unit.scope] = (
                [c for i, c in here if i not in filtered or unit.scope == "raw"],
                {i: c for i, c in here if i in filtered and unit.scope != "raw"},
            )
        always, gated = entry
        for chk in always:
            for a in chk.run(unit, state):
                found.append((chk, unit, a))
        if gated:
            for i in sorted(prefilter.hits(unit.text)):
                chk = gated.get(i)
                if chk is not None:
                    for a in chk.run(unit, state):
                        found.append((chk, unit, a))
    for chk in checks:
        if chk.per_document:
            for unit, a in chk.run_document(blocks, state):
                found.append((chk, unit, a))
    out = []
    for chk, unit, a in found:
        if a.start < 0 or unit is None:
            s = e = 0
        else:
            s, e = unit.source_span(a.start, a.end)
        out.append((chk, s, e, a.message, unit is not None and unit.scope == "raw"))
    return out


_RST_LITERAL = re.compile(r"``[^`\n]+``")
_RST_DIRECTIVE = re.compile(r"^\s*\.\. [\w:-]+::")


def mask_rst(text: str) -> str:
    """reStructuredText read as plain text: literal blocks (after ``::``) and directive bodies are blanked
    and ````x```` literals masked (same length, line breaks kept), so only prose is linted."""
    from ..document import PLACEHOLDER
    from ..parsers.preprocess import blank

    out = []
    literal = False
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if literal:
            if not body.strip():
                out.append(line)
                continue
            if body[:1].isspace():
                out.append(blank(body) + line[len(body) :])
                continue
            literal = False
        directive = _RST_DIRECTIVE.match(body)
        if body.endswith("::") or directive:
            literal = True
            out.append(blank(body) + line[len(body) :] if directive else line)
            continue
        out.append(line)
    return _RST_LITERAL.sub(lambda m: PLACEHOLDER * len(m.group(0)), "".join(out))


def _in_scope(block_scope: str, scopes: tuple[str, ...]) -> bool:
    for s in scopes:
        if "&" in s:
            if all(scope_matches(block_scope, (p.strip(),)) for p in s.split("&")):
                return True
        elif scope_matches(block_scope, (s,)):
            return True
    return False


def discover(
    project: ValeProject, paths: list[str], *, skip: list[str] | None = None
) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """``(filesystem path, display path)`` for every file Vale would lint under ``paths``, errors, and
    notices. The walk is copydesk's (``files.discover``: symlinks out of a folder are not followed, FIFOs,
    devices and sockets met on the way are skipped with a notice, ``skip`` is left out) with Vale's
    formats and without ``.gitignore`` (Vale does not read it); the StylesPath is not walked."""
    from ..files import discover as walk

    notices: list[str] = []
    pairs, errors = walk(
        paths,
        skip=skip,
        notices=notices,
        accept=lambda name: project.format_of(name) is not None,
        gitignore=False,
    )
    if project.styles_root is not None and pairs:
        # Files under the StylesPath are left out, unless the path given is itself inside it.
        root = os.path.realpath(project.styles_root)

        def inside(path: str, folder: str) -> bool:
            return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)

        given = [os.path.realpath(p) for p in paths]
        asked = [g for g in given if inside(g, root)]

        def keep(fs: str) -> bool:
            real = os.path.realpath(fs)
            return not inside(real, root) or any(inside(real, g) for g in asked)

        pairs = [(fs, shown) for fs, shown in pairs if keep(fs)]
    return pairs, errors, notices


def lint_paths(
    project: ValeProject,
    paths: list[str],
    *,
    stdin: tuple[str, bytes] | None = None,
    max_file_size: int | None = DEFAULT_MAX_FILE_SIZE,
    skip: list[str] | None = None,
) -> Report:
    """Lint files and folders (and ``stdin``: a display name and its bytes, already read within
    ``max_file_size``). A file larger than ``max_file_size`` bytes (0 or None: no limit), or one that is not
    a regular file, is an error of that file; the others are still checked."""
    report = Report()
    pairs, errors, walk_notices = discover(project, paths, skip=skip)
    for e in errors:
        report.files.append(FileResult(e.split(":", 1)[0], errors=[e]))
    report.run_notices.extend(walk_notices)
    jobs: list[tuple[str, str, bytes | None]] = [(fs, shown, None) for fs, shown in pairs]
    if stdin is not None:
        jobs.append(("-", stdin[0], stdin[1]))
    for fs, shown, data in jobs:
        try:
            if data is None:
                data = read_bytes(fs, shown, max_file_size)
            text, notices = decode(data, shown)
        except BinaryFileError as exc:
            report.files.append(FileResult(shown, notices=[str(exc)]))
            continue
        except SourceError as exc:
            report.files.append(FileResult(shown, errors=[str(exc)]))
            continue
        fmt = project.format_of(shown) or "text"
        source = Source(shown, text, fmt, notices)
        if shown.lower().endswith(".rst"):
            source = Source(shown, mask_rst(text), fmt, notices)
        try:
            result = project.lint_source(source, os.path.abspath(fs) if fs != "-" else None)
            result.text = text
        except ValeError:
            raise
        except Exception as exc:  # a bug in one rule must not lose the other files
            result = FileResult(shown, errors=[f"{shown}: internal error: {type(exc).__name__}: {exc}"])
        report.files.append(result)
    report.files.sort(key=lambda f: f.path)
    return report
