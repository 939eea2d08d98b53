"""The per-user cache folder: data derived from the installed program, kept between runs like ``.pyc`` files.

``$XDG_CACHE_HOME/copydesk`` (absolute values only, per the XDG spec), else ``~/.cache/copydesk``. It holds
what every run of the same installation would otherwise rebuild: the syllable index and hyphenation
patterns (``analysis.syllables``), proselint's checks as a table (``analysis.prose_table``), the token facts
of the readability counts that a large run met (``analysis.readability``), and the rule
packs' parsed files and compiled regular-expression programs (``copydesk.compiled``, in ``packs/``). None
of it is a project's results (the kept word facts are functions of a word alone, whatever draft it came
from), so it is used with and without ``--no-cache`` (which is about the project's result cache). Everything read from it is plain data, size-checked and validated,
and ignored (then rebuilt) when anything is off.

``COPYDESK_NO_USER_CACHE`` (any non-empty value) or ``copydesk check --no-user-cache`` turns it off
entirely: nothing is read from or written to it, and every table is built in memory for the run.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_OFF = "COPYDESK_NO_USER_CACHE"
#: The sub-folder of the rule packs' kept data (a cache folder of its own: ``v1/stamp``, ``v1/compiled``).
PACKS = "packs"


def enabled() -> bool:
    return not os.environ.get(ENV_OFF)


def user_cache_dir() -> Path | None:
    """The per-user cache folder, or None when it is turned off or there is no home folder."""
    if not enabled():
        return None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "copydesk"
    try:
        return Path.home() / ".cache" / "copydesk"
    except (RuntimeError, KeyError, OSError):  # no home directory
        return None


def packs_dir() -> Path | None:
    """Where the rule packs' parsed files and compiled patterns are kept (``copydesk.compiled``), or None."""
    base = user_cache_dir()
    return None if base is None else base / PACKS


def turn_off() -> None:
    """Turn the per-user cache off for this process and the worker processes it starts."""
    os.environ[ENV_OFF] = "1"
