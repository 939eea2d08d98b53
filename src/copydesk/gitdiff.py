"""``--diff-from REF``: the lines changed since a git revision, for pull-request CI.

git runs as a child process with an argument list (never through a shell), with external diff drivers and
text conversion off, so what a repository's config says cannot run a program. The changed lines of each
file are read from ``git diff --unified=0 REF`` (the work tree against REF: committed, staged and unstaged
changes); a file added since REF has every line changed.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class GitError(Exception):
    pass


def _git(args: list[str], cwd: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_EXTERNAL")}
    try:
        res = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, timeout=120, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (--diff-from needs it)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than 120 s") from None
    if res.returncode != 0:
        msg = res.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {msg[-1] if msg else f'exit {res.returncode}'}")
    return res.stdout.decode("utf-8", "surrogateescape")


def repo_root(cwd: str = ".") -> Path:
    return Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())


def changed_lines(ref: str, cwd: str = ".") -> dict[str, set[int]]:
    """Repository-relative path -> lines (1-based, in the current file) added or changed since ``ref``."""
    if ref.startswith("-"):
        raise GitError(f"--diff-from {ref!r}: a revision cannot start with '-'")
    _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    out = _git(
        [
            "-c", "core.quotePath=false",
            "diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-textconv", "--diff-filter=AMRC",
            "--no-prefix", ref, "--",
        ],
        cwd,
    )  # fmt: skip
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in out.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else changed.setdefault(name, set())
        elif line.startswith("@@") and current is not None:
            m = _HUNK.match(line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
                current.update(range(start, start + count))
    return changed


def tracked_files(cwd: str = ".") -> list[str]:
    """Repository-relative paths of every tracked file."""
    out = _git(["-c", "core.quotePath=false", "ls-files", "-z"], cwd)
    return [n for n in out.split("\0") if n]


def keep_changed(report, changed: dict[str, set[int]], root: Path) -> int:
    """Drop findings not on changed lines (a finding spanning lines counts when any of them changed);
    returns how many were dropped."""
    dropped = 0
    real_root = os.path.realpath(root)
    for fr in report.files:
        try:
            rel = os.path.relpath(os.path.realpath(fr.path), real_root).replace(os.sep, "/")
        except ValueError:
            rel = fr.path
        lines = changed.get(rel, set())
        keep = [
            d for d in fr.diagnostics if any(n in lines for n in range(d.line, max(d.line, d.end_line) + 1))
        ]
        dropped += len(fr.diagnostics) - len(keep)
        fr.diagnostics = keep
    return dropped
