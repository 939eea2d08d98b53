"""Cross-file checks against the whole repository when only some drafts are checked.

A pre-commit hook sees only the staged drafts and ``--diff-from`` only the changed ones, so a new draft
that reuses the title of a committed one would pass. In those runs the cross-file rules (the title
comparison of ``headlines.DuplicateAcrossFiles``) also get the facts of every other tracked draft: from
the result cache when the file is unchanged since a run filled it, else by parsing it and collecting
only those facts (no other rule runs on it). Findings land only on the drafts being checked: the new
draft is the one that must change.
"""

from __future__ import annotations

import os

from .diagnostics import FileResult

#: Prefix of the cache key of a draft's facts alone (collected without checking the draft).
FACTS_ONLY = "\0facts-only\0"


def in_precommit() -> bool:
    """Running as a pre-commit hook (pre-commit sets ``PRE_COMMIT=1`` for its hooks)."""
    return os.environ.get("PRE_COMMIT") == "1"


def context_drafts(checked: list[str], config) -> list[tuple[str, str]]:
    """(filesystem path, display path) of every tracked draft that is not being checked, with the
    config's include and exclude globs applied; [] outside a git work tree."""
    from .files import discover
    from .gitdiff import GitError, repo_root, tracked_files
    from .source import FORMATS

    try:
        root = repo_root()
        tracked = tracked_files(str(root))
    except GitError:
        return []
    seen = {os.path.realpath(p) for p in checked}
    names = []
    for rel in tracked:
        full = root / rel
        if full.suffix.lower() not in FORMATS or os.path.realpath(full) in seen or not full.is_file():
            continue
        names.append(os.path.relpath(full))
    if not names:
        return []
    pairs, _errors = discover(names, include=config.include, exclude=config.exclude, root=config.root)
    if config.include:  # discover applies include only to walked folders; named files must match too
        from .files import _match_any

        pairs = [(fs, shown) for fs, shown in pairs if _match_any(shown, config.include)]
    return pairs


def context_results(linter, pairs: list[tuple[str, str]], cache_dir) -> list[tuple[FileResult, dict]]:
    """Cross-file facts of the context drafts, as (empty result, facts) pairs for the engine."""
    from .source import SourceError, from_bytes, read_bytes

    rules = linter.cross_file_rules
    if not rules:
        return []
    cache = None
    if cache_dir:
        from .cache import cache_for

        cache = cache_for(linter, str(cache_dir))
    out = []
    for fs, shown in pairs:
        try:
            data = read_bytes(fs, shown)
            source = from_bytes(data, shown)
        except (SourceError, OSError):
            continue
        facts = None
        facts_key = None
        if cache is not None:
            # A full result of an earlier check, else facts stored by an earlier run of this function
            # (their own key, so a facts-only entry is never taken for a checked file's result).
            try:
                facts_key = cache.key(FACTS_ONLY + shown, data)
                for key in (cache.key(shown, data), facts_key):
                    hit = cache.get(key, source.text, path=shown)
                    if hit is not None:
                        facts = hit[1]
                        break
            except Exception:  # a damaged or planted entry only costs speed
                facts = None
        if facts is None:
            facts = linter.collect_only(source)
            if cache is not None and facts_key is not None:
                try:
                    cache.put(facts_key, FileResult(shown), facts)
                except Exception:  # pragma: no cover - a cache that cannot be written only costs speed
                    pass
        out.append((FileResult(shown, text=None), facts))
    return out


def with_repository(linter, results, config, cache_dir):
    """``results`` plus the context drafts' facts, and the set of display paths findings may land on."""
    checked = [fr.path for fr, _ in results]
    pairs = context_drafts(checked, config)
    return results + context_results(linter, pairs, cache_dir), {fr.path for fr, _ in results}


__all__ = ["context_drafts", "context_results", "in_precommit", "with_repository"]
