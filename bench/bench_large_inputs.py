"""Time and peak memory of ``copydesk check`` on large and pathological generated drafts.

Usage::

    python bench/bench_large_inputs.py [--workdir DIR] [--only NAME ...] [--copydesk PATH]

Every input is generated here (no data set is needed): a 50 MB Markdown draft of ordinary paragraphs,
a 5 MB draft that is one single line, HTML nested 10,000 elements deep, 100,000 top-level headings,
100,000 section headings with paragraphs, and a 5 MB draft with CRLF line endings; and the hostile cases of
issue 13: ``/dev/zero`` as stdin and as a named file, a FIFO nobody writes to, a folder holding a symlink to
``/``, a draft over the size limit, 2/4/8 MB of proselint-annotation text, a 100,000-row table, a 20 MB
line, a user rule that matches every character, a NUL byte in the middle of a draft, deep blockquote and
list nesting.

Each is checked in its own process, measured with ``/usr/bin/time`` (CPU time = user + system, and peak
RSS), or ``resource.getrusage(RUSAGE_CHILDREN)`` where that program is missing; the machine is shared, so
wall time is printed but not trusted.
The table printed at the end is what ``docs/reliability.md`` quotes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parents[1]
#: Real posts (../shared/corpus/18f and digitalgov) for the joined-posts cases; skipped when absent.
CORPUS = REPO.parent / "shared" / "corpus"

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


def corpus_posts() -> list[Path]:
    """The 18f and digitalgov posts, in sorted order (empty when the corpus is absent)."""
    return sorted(p for d in ("18f", "digitalgov") for p in (CORPUS / d).rglob("*.md") if p.is_file())


def gen_joined(size: int) -> str | None:
    """Real posts joined into one Markdown draft of about ``size`` bytes of UTF-8 (front matter removed; the
    posts are taken again from the start when the corpus is smaller). None without the corpus."""
    sys.path.insert(0, str(REPO / "src"))
    from copydesk.parsers.preprocess import find_frontmatter

    posts = corpus_posts()
    if not posts:
        return None
    parts = []
    n = 0
    while True:
        for p in posts:
            text = p.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
            fm = find_frontmatter(text)
            if fm:
                text = text[fm[3] :]
            chunk = text.strip("\n") + "\n\n"
            size_of = len(chunk.encode("utf-8"))
            if n + size_of > size:
                return "".join(parts)
            parts.append(chunk)
            n += size_of


def gen_repeated_word(size: int) -> str:
    """One line of one word repeated (``hygiene.Doubled`` matches at every word)."""
    return "buffalo " * (size // 8)


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


def gen_annotations(size: int) -> str:
    """Prose full of writer's notes (proselint's annotations check), the ``style.Annotations`` worst case."""
    para = "We will fix this later. TODO: check the figure. FIXME the quote, and XXX the date.\n\n"
    return para * (size // len(para) + 1)


def gen_table(rows: int) -> str:
    head = "| Name | Town | Votes | Share |\n| --- | --- | --- | --- |\n"
    return head + "".join(f"| Person {i} | Town {i % 97} | {i * 7} | {i % 100}% |\n" for i in range(rows))


def gen_nul_middle(size: int) -> str:
    half = gen_big_markdown(size // 2)
    return half + "A paragraph with a NUL \0 byte, the the doubled word after it.\n\n" + half


def gen_deep_quotes(depth: int) -> str:
    return "> " * depth + "Deep text: the the end.\n"


def gen_deep_lists(depth: int) -> str:
    return "".join("  " * i + "- item\n" for i in range(depth)) + "  " * depth + "- Deep: the the end.\n"


EVERY_CHAR_RULE = "extends: existence\nmessage: \"'%s'\"\nlevel: warning\nraw: ['.']\n"


MB = 1024 * 1024

CASES = {
    "tiny.md": lambda: "# A title\n\nOne short paragraph.\n",
    "joined-2MB.md": lambda: gen_joined(2 * MB),
    "joined-4MB.md": lambda: gen_joined(4 * MB),
    "joined-8MB.md": lambda: gen_joined(8 * MB),
    "joined-20MB.md": lambda: gen_joined(20 * MB),
    "joined-50MB.md": lambda: gen_joined(50 * 1000 * 1000),
    "repeated-word-5MB.md": lambda: gen_repeated_word(5 * MB),
    "single-line-20MB.md": lambda: gen_single_line(20 * MB),
    "table-100000-rows.md": lambda: gen_table(100_000),
    "every-char-rule-1MB.md": lambda: gen_big_markdown(MB),
    "headings-100000.md": lambda: gen_headings(100_000),
    "sections-100000.md": lambda: gen_sections(100_000),
    "big-50MB.md": lambda: gen_big_markdown(50 * 1000 * 1000),
    "single-line-5MB.md": lambda: gen_single_line(5 * MB),
    "crlf-5MB.md": lambda: gen_big_markdown(5 * MB).replace("\n", "\r\n"),
    "deep-10000.html": lambda: gen_deep_html(10_000),
    "annotations-2MB.md": lambda: gen_annotations(2 * MB),
    "annotations-4MB.md": lambda: gen_annotations(4 * MB),
    "annotations-8MB.md": lambda: gen_annotations(8 * MB),
    "nul-in-middle-1MB.md": lambda: gen_nul_middle(MB),
    "blockquotes-100-deep.md": lambda: gen_deep_quotes(100),
    "lists-50-deep.md": lambda: gen_deep_lists(50),
    "over-limit-60MB.md": lambda: gen_big_markdown(60 * MB),
}
#: Run by default (the others with --only or --all): the cases of issues 9 and 13 that have targets.
DEFAULT = (
    "tiny.md",
    "joined-2MB.md",
    "joined-4MB.md",
    "joined-8MB.md",
    "joined-20MB.md",
    "joined-50MB.md",
    "repeated-word-5MB.md",
    "single-line-20MB.md",
    "table-100000-rows.md",
    "every-char-rule-1MB.md",
    "headings-100000.md",
    "sections-100000.md",
    "nul-in-middle-1MB.md",
    "blockquotes-100-deep.md",
    "lists-50-deep.md",
)

#: Cases that are not a generated file: how each is set up (returns the path or arguments to check and
#: what stdin is), in ``special``.
SPECIAL = ("stdin-dev-zero", "named-dev-zero", "fifo-without-writer", "walk-symlink-to-root")


class Run(NamedTuple):
    code: int
    wall: float
    cpu: float  #: user + system seconds of the copydesk process
    rss_kib: int  #: peak resident set size
    findings: int | None  #: diagnostics in the JSON report (None when it could not be read)
    messages: list[str]  #: stderr lines (internal errors, notices)


def measure(copydesk: str, targets: list[str], *, stdin=None, extra=(), report: Path | None = None) -> Run:
    """One ``copydesk check --no-cache --format json --jobs 1`` run of its own.

    With ``/usr/bin/time`` the figures are the copydesk process's own (time forks a small process, so the
    child's peak is not inflated by this script's memory); otherwise they come from ``getrusage`` of the
    children, where the peak is the largest child so far."""
    out = str(report) if report is not None else os.devnull
    cmd = [copydesk, "check", "--no-cache", "--format", "json", "--jobs", "1", "--output", out, *extra]
    cmd += targets
    timer = Path("/usr/bin/time")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    if timer.exists():
        cmd = [str(timer), "-f", "@@%M %U %S", *cmd]
    res = subprocess.run(cmd, capture_output=True, text=True, stdin=stdin, timeout=7200)
    elapsed = time.perf_counter() - t0
    messages = [m for m in res.stderr.strip().splitlines() if not m.startswith("Command exited with")]
    findings = None
    if report is not None:
        try:
            findings = len(json.loads(report.read_text(encoding="utf-8"))["diagnostics"])
        except (OSError, ValueError, KeyError, TypeError):
            findings = None
    if messages and messages[-1].startswith("@@"):
        rss_s, user, system = messages.pop()[2:].split()
        return Run(res.returncode, elapsed, float(user) + float(system), int(rss_s), findings, messages)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(res.returncode, elapsed, cpu, after.ru_maxrss, findings, messages)


def special(name: str, workdir: Path):
    """(targets, stdin, extra args, size in MB) for the cases that are not one generated file."""
    if name == "stdin-dev-zero":
        return ["-"], open("/dev/zero", "rb"), (), 0.0
    if name == "named-dev-zero":
        return ["/dev/zero"], None, (), 0.0
    if name == "fifo-without-writer":
        fifo = workdir / "pipe.md"
        if not fifo.exists():
            os.mkfifo(fifo)
        return [str(fifo)], None, (), 0.0
    if name == "walk-symlink-to-root":
        folder = workdir / "walk"
        folder.mkdir(exist_ok=True)
        (folder / "a.md").write_text("The the end.\n")
        link = folder / "root"
        if not link.is_symlink():
            os.symlink("/", link)
        return [str(folder)], None, (), 0.0
    raise KeyError(name)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workdir", help="where to write the generated drafts (default: a temporary folder)")
    ap.add_argument("--only", nargs="*", help="case names to run (default: the cases with targets)")
    ap.add_argument("--all", action="store_true", help="run every case, the hostile special ones included")
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
    # Without /usr/bin/time the peak RSS is the largest child so far (a case below an earlier peak prints
    # "<=").
    timed = Path("/usr/bin/time").exists()
    if args.only:
        names = [n for n in (*SPECIAL, *CASES) if n in args.only]
    elif args.all:
        names = [*SPECIAL, *CASES]
    else:
        names = list(DEFAULT)
    peak_so_far = 0
    baseline_kib = None  # the peak of a run on a tiny draft: what any run costs
    for name in names:
        extra: tuple = ()
        stdin = None
        report = None
        if name in CASES:
            text = CASES[name]()
            if text is None:
                print(f"{name:<24} skipped: no corpus at {CORPUS}", flush=True)
                continue
            path = workdir / name
            path.write_bytes(text.encode("utf-8"))
            del text
            size_mb = path.stat().st_size / MB
            targets = [str(path)]
            report = workdir / "report.json"
            if name.startswith("every-char-rule"):
                pack = workdir / "packs" / "every"
                pack.mkdir(parents=True, exist_ok=True)
                (pack / "Char.yml").write_text(EVERY_CHAR_RULE)
                extra = ("--packs-path", str(workdir / "packs"))
        else:
            targets, stdin, extra, size_mb = special(name, workdir)
        try:
            run = measure(args.copydesk, targets, stdin=stdin, extra=extra, report=report)
        finally:
            if stdin is not None:
                stdin.close()
        if name == "tiny.md":
            baseline_kib = run.rss_kib
        shown_rss = (
            f"{run.rss_kib / 1024:.0f}"
            if timed or run.rss_kib > peak_so_far
            else f"<= {run.rss_kib / 1024:.0f}"
        )
        peak_so_far = max(peak_so_far, run.rss_kib)
        # Peak memory as a multiple of the draft's size, and the same above a tiny draft's peak (what the
        # draft itself costs, without the interpreter, the rules and their data).
        multiple = run.rss_kib / 1024 / size_mb if size_mb >= 0.1 else None
        above = (run.rss_kib - baseline_kib) / 1024 / size_mb if baseline_kib and size_mb >= 0.1 else None
        stopped = [m for m in run.messages if "internal error" in m]
        capped = [m for m in run.messages if "more finding" in m]
        rows.append((name, size_mb, run, shown_rss, multiple, above, stopped))
        print(
            f"{name:<24} {size_mb:8.1f} MB  exit {run.code}  {run.cpu:7.1f} s CPU  {run.wall:7.1f} s wall  "
            f"peak RSS {shown_rss} MiB"
            + (
                f" ({multiple:.0f}x the draft, {above:.0f}x above a tiny draft's)"
                if multiple and above
                else ""
            )
            + (f"  {run.findings} findings" if run.findings is not None else ""),
            flush=True,
        )
        for m in (stopped or run.messages[:1]) + capped[:3]:
            print(f"    {m}", flush=True)
        if not args.workdir and name in CASES:
            (workdir / name).unlink()
    print()
    print(
        "| input | size | exit | CPU time (s) | peak RSS (MiB) | x draft | x draft above a tiny draft | findings |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, size_mb, run, shown_rss, multiple, above, stopped in rows:
        mult = f"{multiple:.0f}" if multiple else ""
        abv = f"{above:.0f}" if above else ""
        found = "" if run.findings is None else str(run.findings)
        note = " (a rule stopped)" if stopped else ""
        print(
            f"| {name} | {size_mb:.1f} MB | {run.code} | {run.cpu:.1f}{note} | {shown_rss} | {mult} | {abv} | "
            f"{found} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
