"""The ``copydesk`` command: a plain ``check`` runs without importing click; all else goes to click.

See ``copydesk.checkrun``: the same ``run_check`` serves both ways, and a command line the fast parser does
not read exactly as click would (help, other commands, mistakes) is handed to ``copydesk.cli.main``
untouched, so usage messages, exit codes and behaviour are click's.

Start-up (imports, rule packs, proselint's table) allocates some hundred thousand objects that all live as
long as the run, and the cyclic garbage collector would traverse them again and again while they are made
(about a tenth of a one-draft run's CPU). The collector is therefore off until the rules are loaded; then
what exists is frozen (``gc.freeze``: never traversed again, as it would never be freed) and collection
resumes for the drafts. Frozen objects are also left out of the interpreter's collections at exit, which
otherwise traverse (and free one by one) everything a run built; the rest is frozen as the run ends.

The console script starts ``run``: once a ``check`` run has written its report (the output streams flushed,
every report and cache file written and closed), the process ends with ``os._exit`` instead of tearing down
the interpreter (which frees, one by one, every module, rule and table the run built: about a twentieth of
a one-draft run's CPU). Anything else ends the ordinary way: click's commands, a run that started worker
processes or threads, a flush that fails, and ``main`` called in process (tests, ``python -m``).
"""

from __future__ import annotations

import gc
import os
import sys

#: Set by ``main`` when the ``check`` command ran to its end without click.
_CHECK_RAN = [False]


def run() -> None:
    """The console script: ``main``, then a quick exit after a finished ``check`` run (see above)."""
    try:
        main()
        code = None
    except SystemExit as exc:
        code = exc.code
    if _CHECK_RAN[0] and (code is None or type(code) is int) and _quick_exit_is_safe():
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a closed or broken stream: the ordinary exit reports it
            sys.exit(code)
        os._exit(code or 0)
    sys.exit(code)


def _quick_exit_is_safe() -> bool:
    """Nothing is left for the interpreter's exit to finish: no other thread, no worker process."""
    if "concurrent.futures.process" in sys.modules or "multiprocessing" in sys.modules:
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def main() -> None:
    gc.disable()
    from .checkrun import guarded, parse_check_args, run_check
    from .console import EXIT_OK

    args = parse_check_args(sys.argv[1:])
    if args is None:
        gc.enable()
        from .cli import main as click_main

        click_main()
        return
    try:
        guarded(lambda: run_check(**args, after_start=started))
        _CHECK_RAN[0] = True  # (run_check ends with sys.exit: not reached)
    except SystemExit:
        _CHECK_RAN[0] = True
        raise
    finally:
        # The run is over (``run_check`` ends with ``sys.exit``): what is left is freed by the exit, so the
        # interpreter's last collections need not traverse it either.
        gc.freeze()
        gc.enable()
    sys.exit(EXIT_OK)


def started() -> None:
    """The rules are loaded: keep what start-up built out of every later collection, and collect again."""
    gc.freeze()
    gc.enable()


if __name__ == "__main__":  # pragma: no cover
    main()
