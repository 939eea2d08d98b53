"""The ``copydesk`` command: a plain ``check`` runs without importing click; all else goes to click.

See ``copydesk.checkrun``: the same ``run_check`` serves both ways, and a command line the fast parser does
not read exactly as click would (help, other commands, mistakes) is handed to ``copydesk.cli.main``
untouched, so usage messages, exit codes and behaviour are click's.
"""

from __future__ import annotations

import sys

from .checkrun import guarded, parse_check_args, run_check
from .console import EXIT_OK


def main() -> None:
    args = parse_check_args(sys.argv[1:])
    if args is None:
        from .cli import main as click_main

        click_main()
        return
    guarded(lambda: run_check(**args))
    sys.exit(EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
