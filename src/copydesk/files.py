"""Finding the drafts to check: explicit files, folders walked recursively, ``.gitignore`` and excludes."""

from __future__ import annotations

import fnmatch
import os
import stat
from pathlib import Path

from .source import FORMATS, not_a_draft

SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".copydesk_cache", ".tox"}
)


def _ignore_root(top: Path) -> Path:
    """The enclosing git work tree of ``top`` (where ``.gitignore`` patterns are anchored), else ``top``."""
    top = top.resolve()
    for folder in (top, *top.parents):
        if (folder / ".git").exists():
            return folder
    return top


def _gitignore_spec(root: Path):
    """Patterns of the ``.gitignore`` at ``root`` (nested ``.gitignore`` files are not read)."""
    f = root / ".gitignore"
    if not f.is_file():
        return None
    try:
        lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _match_any(rel: str, patterns: list[str]) -> bool:
    for pat in patterns:
        p = pat.rstrip("/")
        if fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel, p + "/*") or fnmatch.fnmatch(rel, "*/" + p):
            return True
        if p.startswith("**/") and fnmatch.fnmatch(rel, p[3:]):
            return True
        if "/" not in p and any(fnmatch.fnmatch(part, p) for part in rel.split("/")):
            return True
    return False


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def discover(
    paths: list[str],
    *,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    root: str | None = None,
    excluded: list[str] | None = None,
    notices: list[str] | None = None,
    skip: list[str] | None = None,
    accept=None,
    gitignore: bool = True,
) -> tuple[list[tuple[str, str]], list[str]]:
    """Expand paths into ``(filesystem path, display path)`` pairs, sorted, plus error messages.

    Files named explicitly are always checked (whatever their extension), except when excluded.
    Folders are walked for the known draft extensions, skipping hidden and vendored folders,
    ``.gitignore``d paths (of each walked folder's top) and ``exclude`` globs.

    The walk never leaves the folder it was given: a symlink (to a folder or a file) is followed only when
    its target is inside that folder, and each real folder is walked once. Links that lead outside, and
    FIFOs, devices and sockets met on the way, are skipped with a message added to ``notices``. Files in
    ``skip`` (the report being written, say) are left out of walks. ``accept(name)`` replaces the
    extension test for walked files (``--vale-compat`` has its own formats); ``gitignore=False`` walks
    without reading ``.gitignore`` (as Vale does).
    """
    include = include or []
    exclude = exclude or []
    # Globs are written relative to the config file's folder (``root``), wherever copydesk runs from.
    real_root = os.path.realpath(root) if root else None

    def from_root(path: Path) -> str | None:
        if real_root is None:
            return None
        rel = os.path.relpath(os.path.realpath(path), real_root)
        return None if rel == ".." or rel.startswith(".." + os.sep) else rel.replace(os.sep, "/")

    def matches(path: Path, rel: str, patterns: list[str]) -> bool:
        if _match_any(rel, patterns):
            return True
        anchored = from_root(path)
        return anchored is not None and _match_any(anchored, patterns)

    found: dict[str, str] = {}
    errors: list[str] = []
    notes = notices if notices is not None else []
    skipped: set[tuple[int, int]] = set()
    for s in skip or []:
        try:
            st = os.stat(s)
            skipped.add((st.st_dev, st.st_ino))
        except OSError:
            pass
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            top = p
            real_top = os.path.realpath(top)
            ignore_root = _ignore_root(top)
            spec = _gitignore_spec(ignore_root) if gitignore else None
            seen_dirs: set[tuple[int, int]] = set()

            def unreadable(exc: OSError, top: Path = top) -> None:
                where = _display(Path(exc.filename)) if exc.filename else str(top)
                errors.append(
                    f"{where}: cannot read folder ({exc.strerror or exc}); its drafts were not checked"
                )

            for dirpath, dirnames, filenames in os.walk(top, onerror=unreadable, followlinks=True):
                try:
                    st = os.stat(dirpath)
                    ident = (st.st_dev, st.st_ino)
                except OSError:
                    dirnames[:] = []
                    continue
                if ident in seen_dirs:  # symlink loop, or a second link to the same folder
                    dirnames[:] = []
                    continue
                seen_dirs.add(ident)
                keep = []
                # Real folders before links to them, so that a folder is shown under its own name.
                names = sorted(dirnames, key=lambda d: (os.path.islink(os.path.join(dirpath, d)), d))
                for d in names:
                    if d in SKIP_DIRS or d.startswith("."):
                        continue
                    sub = os.path.join(dirpath, d)
                    if os.path.islink(sub) and not _inside(os.path.realpath(sub), real_top):
                        notes.append(
                            f"{_display(Path(sub))}: symlink to a folder outside {_display(top)}; not followed"
                        )
                        continue
                    keep.append(d)
                dirnames[:] = keep
                for name in sorted(filenames):
                    full = Path(dirpath) / name
                    if not (accept(name) if accept is not None else Path(name).suffix.lower() in FORMATS):
                        continue
                    rel_top = full.relative_to(top).as_posix()
                    if spec is not None:
                        try:
                            rel_root = full.resolve().relative_to(ignore_root).as_posix()
                        except (ValueError, OSError, RuntimeError):
                            rel_root = rel_top
                        if spec.match_file(rel_root):
                            continue
                    shown = _display(full)
                    if exclude and (_match_any(rel_top, exclude) or matches(full, shown, exclude)):
                        continue
                    if include and not (_match_any(rel_top, include) or matches(full, shown, include)):
                        continue
                    try:
                        lst = os.lstat(full)
                    except OSError:
                        continue
                    if stat.S_ISLNK(lst.st_mode):
                        real = os.path.realpath(full)
                        if not _inside(real, real_top):
                            notes.append(f"{shown}: symlink to a file outside {_display(top)}; not read")
                            continue
                        try:
                            lst = os.stat(full)
                        except OSError:
                            pass  # a dangling link or a loop: reading it reports why
                    if not stat.S_ISLNK(lst.st_mode):
                        if (lst.st_dev, lst.st_ino) in skipped:
                            continue
                        why = not_a_draft(lst.st_mode)
                        if why is not None:
                            notes.append(f"{shown}: {why}; skipped")
                            continue
                    found.setdefault(str(full), shown)
        elif p.exists() or p.is_symlink():
            shown = _display(p)
            if exclude and matches(p, shown, exclude):
                if excluded is not None:
                    excluded.append(shown)
                continue
            found.setdefault(str(p), shown)
        else:
            try:
                os.stat(p)
                why = "no such file or folder"
            except FileNotFoundError:
                why = "no such file or folder"
            except OSError as exc:  # ENOTDIR (a path through a file), EACCES on a folder, ELOOP...
                why = f"cannot read ({exc.strerror or exc})"
            errors.append(f"{raw}: {why}")
    pairs = sorted(found.items(), key=lambda kv: kv[1])
    return pairs, errors


def _display(p: Path) -> str:
    """The path as reports show it. A file name that is not valid UTF-8 (``caf\\xe9.md`` written in
    Latin-1) is shown with its bytes escaped, so every reporter can print and encode it."""
    s = str(p)
    if s.startswith("./"):
        s = s[2:]
    s = s.replace(os.sep, "/")
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        s = s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return s
