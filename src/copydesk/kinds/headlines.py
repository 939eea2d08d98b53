"""Headline kinds: a headline repeated in one draft, the same headline on two drafts, case-style drift.

Similarity comes from :mod:`copydesk.analysis.headlines` (normalisation of case, quotes, ``U.S.``, outlet
suffixes; token overlap plus a character ratio), tuned on human-scored headline pairs.
"""

from __future__ import annotations

from ..diagnostics import Finding, Located
from ..rules import Kind, Option
from ._common import KindError
from .capitalization import sentence_case_ratio, title_case_ratio

#: Scopes that carry a draft's headline: its title, top-level headings and plain-text headline lines.
HEADLINE_SCOPES = ("frontmatter.title", "heading.h1", "heading.h2", "heading.plain")


def _span(block):
    text = block.text
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    return block.source_span(lead, lead + len(body)), body


class Repeated(Kind):
    """Near-repeats are judged by where they stand.

    In the masthead (the title and headline-like lines before the first body paragraph, where scraped
    copy prints its headline two or three times) the lower ``threshold`` applies; further down, where
    sibling sub-headings legitimately share words ("What is X?" / "Why X matters"), a heading must reach
    ``body_threshold`` to count as a repeat.
    """

    name = "headline_repeat"
    default_message = "Headline repeats line %s ('%s', %s%% similar); keep one."
    default_scope = HEADLINE_SCOPES
    options = {
        "threshold": Option("number", 0.6, "similarity (0-1) for repeats among the masthead's headlines"),
        "body_threshold": Option("number", 0.8, "similarity (0-1) for repeats further down the draft"),
        "min_words": Option("int", 3, "ignore headings shorter than this many words"),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        for key in ("threshold", "body_threshold"):
            if not 0 < self.opts[key] <= 1:
                raise KindError(key, f"{key} must be between 0 and 1")

    def check(self, doc, ctx):
        from ..analysis.headlines import headline_similarity
        from ..parsers.text import is_headline_line

        seen: list[tuple[object, str, int]] = []  # (block, text, line)
        title_echoed = False
        in_masthead = True
        out = []
        src = doc.source
        for block in doc.blocks:
            in_scope = block.matches_scope(self.rule.scope)
            one_line = block.scope == "paragraph" and "\n" not in block.text.strip()
            # A one-line paragraph shaped like a headline can repeat one, but is never the original.
            echo = not in_scope and one_line and is_headline_line(block.text)
            if not in_scope and not echo:
                if block.scope.split(".", 1)[0] in ("paragraph", "list_item", "blockquote", "table_cell"):
                    in_masthead = False
                continue
            if echo and not seen:
                continue
            (s, e), body = _span(block)
            if len(body.split()) < self.opts["min_words"]:
                continue
            line = src.line_of(s)
            threshold = self.opts["threshold"] if in_masthead else self.opts["body_threshold"]
            best = None
            for prev, prev_text, prev_line in seen:
                score = headline_similarity(prev_text, body)
                if score >= threshold and (best is None or score >= best[0]):
                    best = (score, prev, prev_text, prev_line)
            if best is not None:
                score, prev, prev_text, prev_line = best
                # The front-matter title echoed once by the first heading is the normal Markdown layout.
                if prev.scope == "frontmatter.title" and not title_echoed and block.scope != "frontmatter.title":
                    title_echoed = True
                    seen.append((block, body, line))
                    continue
                out.append(Finding(s, e, (prev_line, _short(prev_text), int(round(score * 100)))))
                continue
            if in_scope:
                seen.append((block, body, line))
        return out


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def draft_title(doc):
    """The headline of a draft: front-matter title, else the first h1, else the first plain headline."""
    for scope in ("frontmatter.title", "heading.h1", "heading.plain"):
        for b in doc.blocks:
            if b.scope == scope and b.text.strip():
                return b
    return None


class DuplicateAcrossFiles(Kind):
    name = "headline_duplicate"
    default_message = "Same headline as %s:%s ('%s', %s%% similar); give this draft its own."
    default_scope = ("frontmatter.title", "heading.h1", "heading.plain")
    cross_file = True
    options = {
        "threshold": Option("number", 0.8, "similarity (0-1) from which two drafts' headlines count as the same"),
        "min_words": Option("int", 2, "ignore headlines shorter than this many words"),
    }

    def collect(self, doc):
        block = draft_title(doc)
        if block is None:
            return None
        (s, e), body = _span(block)
        if len(body.split()) < self.opts["min_words"]:
            return None
        src = doc.source
        return (body, *src.position(s), *src.position(e))

    def check(self, doc, ctx):  # single-file runs have nothing to compare
        return []

    def finalize(self, items):
        from ..analysis.headlines import HeadlineIndex

        index = HeadlineIndex()
        facts = {}
        for path, data in sorted(items, key=lambda it: it[0]):
            index.add(path, data[0])
            facts[path] = data
        out = []
        reported = set()
        for a, b, score in index.pairs(self.opts["threshold"]):
            if b in reported or a == b:
                continue
            reported.add(b)
            body, line, col, end_line, end_col = facts[b]
            out.append(Located(b, line, col, end_line, end_col, (a, facts[a][1], _short(facts[a][0]), int(round(score * 100)))))
        return out


class CaseStyle(Kind):
    name = "heading_case"
    default_message = "Heading in %s while most headings here use %s; pick one style."
    default_scope = ("heading",)
    options = {"min_words": Option("int", 4, "only judge headings of at least this many words")}

    def check(self, doc, ctx):
        styled = []
        for block in self.blocks(doc):
            (s, e), body = _span(block)
            words = body.split()
            if len(words) < self.opts["min_words"]:
                continue
            t = title_case_ratio(body, set())
            c = sentence_case_ratio(body, set())
            if t >= 0.99 and c < 0.7:
                styled.append(("title case", s, e))
            elif c >= 0.99 and t < 0.7:
                styled.append(("sentence case", s, e))
        kinds = [k for k, _, _ in styled]
        if len(set(kinds)) < 2:
            return []
        n_title = kinds.count("title case")
        n_sent = kinds.count("sentence case")
        majority = "title case" if n_title > n_sent else "sentence case" if n_sent > n_title else kinds[0]
        return [Finding(s, e, (k, majority)) for k, s, e in styled if k != majority]


KINDS = [Repeated, DuplicateAcrossFiles, CaseStyle]
