"""The ``copydesk`` command: a plain ``check`` runs without importing click; all else goes to click.

See ``copydesk.checkrun``: the same ``run_check`` serves both ways, and a command line the fast parser does
not read exactly as click would (help, other commands, mistakes) is handed to ``copydesk.cli.main``
untouched, so usage messages, exit codes and behaviour are click's.

Start-up (imports, rule packs, proselint's table) allocates some hundred thousand objects that all live as
long as the run, and the cyclic garbage collector would traverse them again and again while they are made
(about a tenth of a one-draft run's CPU). The collector is therefore off until the rules are loaded; then
what exists is frozen (``gc.freeze``: never traversed again, as it would never be freed) and collection
resumes for the drafts.
"""

from __future__ import annotations

import gc
import sys


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
    finally:
        gc.enable()  # (a run that ends before its rules are loaded)
    sys.exit(EXIT_OK)


def started() -> None:
    """The rules are loaded: keep what start-up built out of every later collection, and collect again."""
    gc.freeze()
    gc.enable()


if __name__ == "__main__":  # pragma: no cover
    main()
