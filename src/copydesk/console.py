"""What every command writes to the user: one-line messages on stderr, exit codes, and reports written to
stdout or ``--output`` (never over a draft being checked). Shared by ``copydesk.cli`` and
``copydesk.vale.cli``, so neither imports the other."""

from __future__ import annotations

import os
import sys
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143


_ANSI = None


def echo(message: str, *, err: bool = False, nl: bool = True) -> None:
    """Write to stdout (``err``: stderr) as ``click.echo`` does, without importing click when it is not
    loaded yet (the one-draft ``check`` path, ``copydesk.checkrun``): flushed at once, and ANSI styles
    removed unless the stream is a terminal. Once click is loaded (its commands, its test runner) this is
    ``click.echo``; so it is for a stream whose encoding click would replace (ASCII or none)."""
    stream = sys.stderr if err else sys.stdout
    if "click" in sys.modules or (stream is not None and _misconfigured(stream)):
        import click

        click.echo(message, err=err, nl=nl)
        return
    if stream is None:
        return
    out = message + "\n" if nl else message
    if out:
        if not _isatty(stream):
            global _ANSI
            if _ANSI is None:
                import re

                _ANSI = re.compile(r"\033\[[0-?]*[ -/]*[@-~]")  # click's strip_ansi
            out = _ANSI.sub("", out)
        stream.write(out)
    stream.flush()


def _misconfigured(stream) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "ascii"
    except LookupError:
        return True


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except Exception:
        return False


def _say(message: str) -> None:
    """One line on stderr, control characters shown escaped: a file name holding a line break or an
    escape sequence can neither start a CI workflow command (``::error::``) nor drive the terminal."""
    from .reporters._escape import one_line

    echo(one_line(message), err=True)


def _fail(message: str) -> None:
    _say(f"copydesk: error: {message}")
    sys.exit(EXIT_ERROR)


def _write(text: str, output: str | None) -> None:
    if not output:
        echo(text, nl=False)
        return
    from .fsutil import atomic_write

    try:
        atomic_write(Path(output), text)
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror or exc})")


def _same_file(a: str, b: str) -> bool:
    """Whether two names reach the same file: by resolved path, or by device and inode (hard links)."""
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
    except (OSError, ValueError):
        pass
    try:
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _refuse_output_naming_an_input(output: str, inputs: list[str]) -> None:
    """``--output`` must never replace a draft: one named on the command line, stdin's
    ``--stdin-filename``, or one found in a folder (``-o draft.md`` typed by mistake)."""
    for name in inputs:
        if _same_file(output, name):
            _fail(f"--output {output} is one of the drafts being checked; refusing to overwrite it")
