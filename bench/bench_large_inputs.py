"""Time and peak memory of ``copydesk check`` on large and pathological generated drafts.

Usage::

    python bench/bench_large_inputs.py [--workdir DIR] [--only NAME ...] [--copydesk PATH]

Every input is generated here (no data set is needed): a 50 MB Markdown draft of ordinary paragraphs,
a 5 MB draft that is one single line, HTML nested 10,000 elements deep, 100,000 top-level headings,
100,000 section headings with paragraphs, and a 5 MB draft with CRLF line endings. Each is checked in its own process with ``/usr/bin/time -f %M`` (peak RSS in KiB) when that
program exists, otherwise with ``resource.getrusage`` of the child. The table printed at the end is what
``docs/reliability.md`` quotes.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_PARA = (
    "The council met on Tuesday to discuss the budget for the coming year. Members asked the treasurer "
    "why the cost of the new bridge had risen, and she said the price of steel had gone up. "
    "A vote is expected next month after a public hearing at the library."
)


def gen_big_markdown(size: int) -> str:
    parts = []
    n = 0
    i = 0
    while n < size:
        if i % 20 == 0:
            chunk = f"## Section {i // 20}\n\n"
        else:
            chunk = f"{_PARA} Item {i}.\n\n"
        parts.append(chunk)
        n += len(chunk)
        i += 1
    return "".join(parts)


def gen_single_line(size: int) -> str:
    words = ("alpha", "beta", "the", "council", "said", "bridge", "steel,", "vote.", "Then")
    out = []
    n = 0
    i = 0
    while n < size:
        w = words[i % len(words)]
        out.append(w)
        n += len(w) + 1
        i += 1
    return " ".join(out)


def gen_deep_html(depth: int) -> str:
    return "<html><body>" + "<div><span>" * depth + "deep text" + "</span></div>" * depth + "</body></html>\n"


def gen_headings(count: int) -> str:
    """Top-level headings only: every one is a headline candidate (the worst case for repeat checks)."""
    return "".join(f"# Heading number {i}\n\n" for i in range(count))


def gen_sections(count: int) -> str:
    """A title, then section headings each followed by a short paragraph."""
    return "# Report\n\n" + "".join(f"## Section number {i}\n\nSome text for {i}.\n\n" for i in range(count))


CASES = {
    "big-50MB.md": lambda: gen_big_markdown(50 * 1024 * 1024),
    "single-line-5MB.md": lambda: gen_single_line(5 * 1024 * 1024),
    "deep-10000.html": lambda: gen_deep_html(10_000),
    "headings-100000.md": lambda: gen_headings(100_000),
    "sections-100000.md": lambda: gen_sections(100_000),
    "crlf-5MB.md": lambda: gen_big_markdown(5 * 1024 * 1024).replace("\n", "\r\n"),
}


def measure(copydesk: str, path: Path) -> tuple[int, float, int | None, str]:
    cmd = [
        copydesk,
        "check",
        "--no-cache",
        "--format",
        "json",
        "--jobs",
        "1",
        "--output",
        os.devnull,
        str(path),
    ]
    timer = shutil.which("time") if Path("/usr/bin/time").exists() else None
    t0 = time.perf_counter()
    if timer:
        res = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        lines = res.stderr.strip().splitlines()
        rss = int(lines[-1]) if lines and lines[-1].isdigit() else None
        messages = lines[:-1] if rss is not None else lines
    else:
        res = subprocess.run(cmd, capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        messages = res.stderr.strip().splitlines()
    return res.returncode, elapsed, rss, messages[0] if messages else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workdir", help="where to write the generated drafts (default: a temporary folder)")
    ap.add_argument("--only", nargs="*", help="case names to run (default: all)")
    ap.add_argument(
        "--copydesk", default=str(REPO / ".venv" / "bin" / "copydesk"), help="copydesk executable"
    )
    args = ap.parse_args(argv)
    if not Path(args.copydesk).exists():
        print(
            f"copydesk executable not found: {args.copydesk} (install with pip install -e .)", file=sys.stderr
        )
        return 2
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="copydesk-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, gen in CASES.items():
        if args.only and name not in args.only:
            continue
        path = workdir / name
        text = gen()
        path.write_bytes(text.encode("utf-8"))
        size_mb = path.stat().st_size / (1024 * 1024)
        code, elapsed, rss, message = measure(args.copydesk, path)
        rows.append((name, size_mb, code, elapsed, rss))
        print(
            f"{name:<22} {size_mb:8.1f} MB  exit {code}  {elapsed:7.1f} s  peak RSS {rss or '?'} KiB",
            flush=True,
        )
        if message:
            print(f"    {message}", flush=True)
        if not args.workdir:
            path.unlink()
    print()
    print("| input | size | exit | time (s) | peak RSS (MiB) |")
    print("| --- | --- | --- | --- | --- |")
    for name, size_mb, code, elapsed, rss in rows:
        mib = f"{rss / 1024:.0f}" if rss else "?"
        print(f"| {name} | {size_mb:.1f} MB | {code} | {elapsed:.1f} | {mib} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
