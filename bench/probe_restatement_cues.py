"""Probe: do position and role cues separate a heading that restates the title from a section heading?

Usage::

    python bench/probe_restatement_cues.py [--sets tests/data/blind1 ...] [--corpus DIR] [--bank DIR]
        [--dump PAIRS.tsv]

Pairs (title, later heading) come from three places:

* the labelled dev sets: every title against every later heading of each draft, a pair positive when a
  ``headlines/paraphrase`` label sits on the heading's line (pairs on other headline labels are left out:
  those are lexical repeats, found already);
* a folder of published, edited drafts (``--corpus``, e.g. ``../shared/corpus/small``): every title
  against every later heading, taken as distinct (a finding there is probably false);
* a bank's ``headlines.tsv`` (``--bank``): ``paraphrase`` against ``title_section`` rows; a bank pair has
  no position, so only the word cues are scored there.

For each pair it computes the word cues the rule reads (content words shared after stemming and
synonym groups, related words from the shipped WordNet table, shared names and figures, the weighted
coverage both ways, the heading's words the title lacks) and the position cues a copy desk uses (body
paragraphs between the title and the heading, whether it is the first heading, the last heading, and
its place among the draft's headings). It prints each cue's distribution for the positive and negative
pairs and, for a few scoring rules, how many pairs of each kind they flag. A measuring stick only.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))


def repeated_kind():
    from copydesk.config import Config
    from copydesk.engine import load_rules

    for rule in load_rules(Config(rules={})):
        if rule.id == "headlines.Repeated":
            return rule
    raise SystemExit("headlines.Repeated not found")


def doc_of(path: Path):
    from copydesk.parsers import parse
    from copydesk.source import from_text

    return parse(from_text(path.read_text(encoding="utf-8"), path=str(path)))


def labels_of(path: Path) -> dict[int, str]:
    out: dict[int, str] = {}
    lab = path.with_suffix(".labels.tsv")
    if not lab.is_file():
        return out
    for raw in lab.read_text(encoding="utf-8").splitlines():
        parts = raw.split("\t")
        if len(parts) < 3 or parts[1].strip() != "headlines":
            continue
        a, _, b = parts[0].strip().partition("-")
        for n in range(int(a), int(b or a) + 1):
            out[n] = parts[2].strip()
    return out


def draft_pairs(rule, path: Path, labelled: bool):
    """(title cand, heading cand, position dict, label) for every title x later heading of a draft."""
    from copydesk.kinds.headlines import headline_candidates

    kind = rule.checker
    doc = doc_of(path)
    cands = headline_candidates(
        doc,
        rule.scope,
        kind.lexicon,
        kind.opts["min_words"],
        kind.opts["min_subheading_words"] or None,
        kind.revisit,
    )
    labels = labels_of(path) if labelled else {}
    titles = [c for c in cands if c.role in ("title", "masthead")]
    heads = [c for c in cands if c.role == "heading"]
    if not titles or not heads:
        return
    # Body paragraphs (by start line) to count what lies between the title and a heading.
    paras = sorted(
        doc.source.line_of(b.source_extent[0])
        for b in doc.blocks
        if b.scope.split(".", 1)[0] in ("paragraph", "list_item", "blockquote", "table_cell") and b.runs
    )
    for t in titles:
        later = [h for h in heads if h.line > t.line]
        for k, h in enumerate(later):
            prev_line = later[k - 1].line if k else t.line
            others = sorted(
                len(o.text.split()) for o in cands if o is not h and o.role in ("heading", "short")
            )
            median = others[len(others) // 2] if others else 0
            pos = {
                "longer_than_siblings": (len(h.text.split()) - median) if others else None,
                "paras_before": sum(1 for p in paras if t.line < p < h.line),
                "paras_since_prev": sum(1 for p in paras if prev_line < p < h.line),
                "first": k == 0,
                "last": k == len(later) - 1,
                "index": k,
                "n_heads": len(later),
                "paras_after": sum(1 for p in paras if p > h.line),
            }
            cls = labels.get(h.line)
            if cls is not None and cls != "paraphrase":
                continue
            yield t, h, pos, cls == "paraphrase", f"{path.parent.name}/{path.name}:{h.line}"


def word_cues(kind, title, heading) -> dict:
    from copydesk.analysis.headlines import _features, related_pairs
    from copydesk.kinds.headlines import as_pair, restates_title

    common = kind.common_words
    pair = as_pair(title, heading)
    fa, fb = pair if pair is not None else (title.feats, heading.feats)
    ta, tb = fa.tokens, fb.tokens
    shared = ta & tb
    rest_a = {t for t in ta - shared if not t[:1].isdigit()}
    rest_b = {t for t in tb - shared if not t[:1].isdigit()}
    rel = related_pairs(rest_b, rest_a) if rest_a and rest_b else []
    in_b = shared | {x for x, _ in rel}
    in_a = shared | {y for _, y in rel}

    def weight(tokens) -> float:
        return sum(0.5 if t in common else 1.0 for t in tokens)

    ents_a = fa.names | fa.numbers
    ents_b = fb.names | fb.numbers
    _ = _features
    from copydesk.analysis.headlines import _opposed
    from copydesk.kinds.headlines import _LABELED_RE, _numbers_clash

    # The rule's structural gates, before any word is counted: two statements (or a how-to against a
    # heading led by a verb in -ing), a heading of four words or more that is no labelled item, and no
    # figures, names or opposite words that tell two events apart.
    gated = (
        pair is not None
        and not (title.lead is not None and title.lead == heading.lead)
        and len(heading.text.split()) >= 4
        and not _LABELED_RE.match(heading.text)
        and not (fa.numbers and fb.numbers and _numbers_clash(fa.numbers, fb.numbers))
        and not ((fa.names - tb) and (fb.names - ta))
        and not (fa.polar and fb.polar and _opposed(fa.polar, fb.polar))
    )
    return {
        "gated": gated,
        "statement_pair": pair is not None,
        "shared": len(shared),
        "related": len(rel),
        "matched": len(in_b),
        "cover_h": weight(in_b) / weight(tb) if tb else 0.0,
        "cover_t": weight(in_a) / weight(ta) if ta else 0.0,
        "new_words": len(tb - in_b),
        "new_rare": sum(1 for t in tb - in_b if t not in common),
        "shared_ents": len(ents_a & ents_b),
        "title_ents": len(ents_a),
        "n_h": len(tb),
        "n_t": len(ta),
        "rule": restates_title(
            title, heading, kind.opts["paraphrase_min_shared"], common, kind.lexicon.canon, True
        ),
        **{f"v_{name}": variant(kind, title, heading, **kw) for name, kw in VARIANTS.items()},
    }


#: Variants of the rule's restatement test, by name: keyword arguments of :func:`variant`.
VARIANTS = {
    "base": {},
    "names_spread": {"names_out_of_run": True},
    "cover40": {"cover_h": 0.40},
    "cover40_names": {"cover_h": 0.40, "names_out_of_run": True},
    "ents2": {"min_shared_with_entity": 2},
    "ents2_names": {"min_shared_with_entity": 2, "names_out_of_run": True},
    "first": {"first_word_not_name": True},
    "same_lead": {"same_lead": True},
    "first_2": {"first_word_not_name": True, "min_shared": 2},
}
#: With ``--vectors DIR``: the same test, words whose vectors have a cosine of at least T counting as shared.
VECTOR_VARIANTS = {
    "vec60": {"vector_cos": 0.6},
    "vec70": {"vector_cos": 0.7},
    "vec80": {"vector_cos": 0.8},
    "first_vec60": {"vector_cos": 0.6, "first_word_not_name": True},
    "first_vec70": {"vector_cos": 0.7, "first_word_not_name": True},
    "first_vec80": {"vector_cos": 0.8, "first_word_not_name": True},
    "first_vec70_2": {"vector_cos": 0.7, "first_word_not_name": True, "min_shared": 2},
    "first_vec75": {"vector_cos": 0.75, "first_word_not_name": True},
    "first_vec85": {"vector_cos": 0.85, "first_word_not_name": True},
    "first_vec90": {"vector_cos": 0.9, "first_word_not_name": True},
    "fv70_c6": {"vector_cos": 0.7, "first_word_not_name": True, "cover_h": 0.6, "cover_t": 0.5},
    "fv75_c6": {"vector_cos": 0.75, "first_word_not_name": True, "cover_h": 0.6, "cover_t": 0.5},
    "fv80_c6": {"vector_cos": 0.8, "first_word_not_name": True, "cover_h": 0.6, "cover_t": 0.5},
    "fv70_c7": {"vector_cos": 0.7, "first_word_not_name": True, "cover_h": 0.7, "cover_t": 0.6},
    "fv75_c7": {"vector_cos": 0.75, "first_word_not_name": True, "cover_h": 0.7, "cover_t": 0.6},
}
_VECTORS: list = []
_TRACE: list = []  # with --trace: (title, heading, vector pairs) of each pair a vector variant reads


def load_vectors(folder: Path, top: int = 100000) -> None:
    import numpy as np

    words = folder.joinpath("words.txt").read_text(encoding="utf-8").split("\n")[:top]
    vecs = np.load(folder / "vecs.npy", mmap_mode="r")[:top].astype("float32")
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    _VECTORS[:] = [{w: i for i, w in enumerate(words) if w}, vecs]


def vector_pairs(feats_b, feats_a, rest_b, rest_a, cos: float) -> list[tuple[str, str]]:
    """Pairs (token of b, token of a), each used once, whose words' vectors have a cosine >= ``cos``."""
    from copydesk.analysis.headlines import _stem

    index, vecs = _VECTORS

    def surface(feats, rest):
        out = {}
        for w in feats.norm.split():
            t = (feats.lexicon.canon or {}).get(_stem(w), _stem(w)) if feats.lexicon else _stem(w)
            if t in rest and w in index and t not in out:
                out[t] = vecs[index[w]]
        return out

    sb, sa = surface(feats_b, rest_b), surface(feats_a, rest_a)
    cands = sorted(((float(vb @ va), tb, ta) for tb, vb in sb.items() for ta, va in sa.items()), reverse=True)
    used_a, used_b, out = set(), set(), []
    for c, tb, ta in cands:
        if c >= cos and tb not in used_b and ta not in used_a:
            used_a.add(ta)
            used_b.add(tb)
            out.append((tb, ta))
    return out


def _first_word(feats) -> frozenset[str]:
    """The token of a headline's first word when it is capitalised only because it comes first (not an
    acronym, not capitalised again further on)."""
    from copydesk.analysis.headlines import _stem

    if not feats.words:
        return frozenset()
    w = feats.words[0]
    if w.isupper() and len(w) > 1:
        return frozenset()
    s = _stem(w.lower().replace("'s", "").replace("’s", ""))
    canon = (feats.lexicon.canon or {}) if feats.lexicon else {}
    return frozenset({canon.get(s, s)})


def variant(
    kind,
    title,
    c,
    cover_h: float = 0.45,
    cover_t: float = 0.35,
    names_out_of_run: bool = False,
    min_shared_with_entity: int | None = None,
    vector_cos: float | None = None,
    first_word_not_name: bool = False,
    min_shared: int | None = None,
    same_lead: bool = False,
) -> bool:
    """The rule's restatement test (kinds/headlines.py ``restates_title``) with its knobs exposed."""
    from copydesk.analysis.headlines import _opposed, _stem, related_pairs
    from copydesk.kinds.headlines import _LABELED_RE, _numbers_clash, _word_run, as_pair

    min_shared = min_shared or kind.opts["paraphrase_min_shared"]
    common = kind.common_words
    canon = kind.lexicon.canon or {}
    pair = as_pair(title, c)
    if pair is None or (title.lead is not None and title.lead == c.lead and not same_lead):
        return False
    fa, fb = pair
    ta, tb = fa.tokens, fb.tokens
    shared = ta & tb
    if len(c.text.split()) < 4 or _LABELED_RE.match(c.text):
        return False
    ents = (fa.names | fa.numbers) & (fb.names | fb.numbers)
    need = min_shared
    if min_shared_with_entity is not None and ents:
        need = min_shared_with_entity
    if fa.numbers and fb.numbers and _numbers_clash(fa.numbers, fb.numbers):
        return False
    names_a, names_b = fa.names, fb.names
    if first_word_not_name:
        names_a, names_b = names_a - _first_word(fa), names_b - _first_word(fb)
    if (names_a - tb) and (names_b - ta):
        return False
    if fa.polar and fb.polar and _opposed(fa.polar, fb.polar):
        return False
    in_a, in_b = shared, shared
    if min(len(ta), len(tb)) >= need:
        rest_a = {t for t in ta - shared if not t[:1].isdigit()}
        rest_b = {t for t in tb - shared if not t[:1].isdigit()}
        pairs = related_pairs(rest_b, rest_a) if rest_a and rest_b else []
        if vector_cos is not None:
            left_b = rest_b - {x for x, _ in pairs}
            left_a = rest_a - {y for _, y in pairs}
            vp = vector_pairs(fb, fa, left_b, left_a, vector_cos)
            pairs = pairs + vp
            if vp and _TRACE:
                _TRACE.append((title.text, c.text, vp))
        if pairs:
            in_b = shared | {x for x, _ in pairs}
            in_a = shared | {y for _, y in pairs}
    if len(in_b) < need:
        return False

    def weight(tokens) -> float:
        return sum(0.5 if t in common else 1.0 for t in tokens)

    if weight(in_b) < cover_h * weight(tb) or weight(in_a) < cover_t * weight(ta):
        return False

    def words(feats) -> list[str]:
        return [canon.get(t, t) for t in map(_stem, feats.norm.split())]

    wc = words(fb)
    start, length = _word_run(wc, words(fa))
    run = set(wc[start : start + length]) & shared
    if names_out_of_run:
        run -= fa.names | fb.names | fa.numbers | fb.numbers
    return 2 * len(run) <= len(in_b)


def bank_pairs(rule, bank: Path):
    """Bank rows as (title cand, heading cand, None, positive, where): written as a small Markdown draft."""
    from copydesk.kinds.headlines import headline_candidates
    from copydesk.parsers import parse
    from copydesk.source import from_text

    kind = rule.checker
    path = bank / "headlines.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    for n, r in enumerate(rows, 2):
        cls = r["class"]
        if cls not in ("paraphrase", "title_section"):
            continue
        first, later = r.get("title") or r["first"], r.get("later_heading") or r["later"]
        text = f"# {first}\n\nThe story below was filed this morning.\n\n## {later}\n\nMore follows.\n"
        doc = parse(from_text(text, path="pair.md"))
        cands = headline_candidates(
            doc, rule.scope, kind.lexicon, kind.opts["min_words"], kind.opts["min_subheading_words"] or None
        )
        t = [c for c in cands if c.role == "title"]
        h = [c for c in cands if c.role == "heading"]
        if t and h:
            yield t[0], h[0], None, cls == "paraphrase", f"{bank.name}:{n}"


def summarise(rows, name: str) -> None:
    pos = [r for r in rows if r["positive"]]
    neg = [r for r in rows if not r["positive"]]
    print(f"\n== {name}: {len(pos)} positive, {len(neg)} negative pairs")
    if not rows:
        return
    keys = [k for k in rows[0] if k not in ("positive", "where", "title", "heading")]
    for k in keys:
        if k.startswith("v_"):
            continue
        cp = Counter(_bucket(r[k]) for r in pos)
        cn = Counter(_bucket(r[k]) for r in neg)
        vals = sorted(set(cp) | set(cn), key=str)
        cells = "  ".join(f"{v}:{cp.get(v, 0)}/{cn.get(v, 0)}" for v in vals)
        print(f"  {k:16} (pos/neg) {cells}")


def variants_table(groups) -> None:
    names = [k for k in next(iter(groups.values()))[0] if k.startswith("v_")] if groups else []
    print("\nvariant               " + "  ".join(f"{g}(pos/neg)" for g in groups))
    for n in names:
        cells = []
        for rows in groups.values():
            p = sum(1 for r in rows if r["positive"] and r[n])
            q = sum(1 for r in rows if not r["positive"] and r[n])
            cells.append(f"{p}/{sum(r['positive'] for r in rows)} {q}/{sum(not r['positive'] for r in rows)}")
        print(f"  {n[2:]:20} " + "    ".join(cells))


def _bucket(v):
    if isinstance(v, float):
        return round(v * 10) / 10
    if isinstance(v, int) and not isinstance(v, bool):
        return min(v, 8)
    return v


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", nargs="*", type=Path, default=[])
    ap.add_argument("--corpus", type=Path, action="append", default=[])
    ap.add_argument("--bank", type=Path, action="append", default=[])
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--quiet", action="store_true", help="only the variants table")
    ap.add_argument(
        "--show", action="store_true", help="list the pairs a variant flags and the base does not"
    )
    ap.add_argument(
        "--vectors", type=Path, help="a folder with words.txt and vecs.npy (see the vectors probe)"
    )
    args = ap.parse_args(argv)
    if args.vectors:
        load_vectors(args.vectors)
        VARIANTS.update(VECTOR_VARIANTS)
    rule = repeated_kind()
    kind = rule.checker
    groups: dict[str, list] = defaultdict(list)
    sources = [("sets", p, True) for p in args.sets] + [("corpus", p, False) for p in args.corpus]
    for group, folder, labelled in sources:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".md", ".html", ".txt") or path.name.endswith(".labels.tsv"):
                continue
            if path.name.lower() == "readme.md":
                continue
            try:
                pairs = list(draft_pairs(rule, path, labelled))
            except Exception as exc:  # a probe: note it and go on
                print(f"skip {path}: {exc}", file=sys.stderr)
                continue
            for t, h, pos, positive, where in pairs:
                row = {"positive": positive, "where": where, "title": t.text, "heading": h.text}
                row.update(word_cues(kind, t, h))
                row.update(pos)
                groups[group].append(row)
    for bank in args.bank:
        for t, h, _, positive, where in bank_pairs(rule, bank):
            row = {"positive": positive, "where": where, "title": t.text, "heading": h.text}
            row.update(word_cues(kind, t, h))
            groups["bank"].append(row)
    if not args.quiet:
        for name, rows in groups.items():
            summarise(rows, name)
    variants_table(groups)
    if args.show:
        for rows in groups.values():
            for r in rows:
                flagged = [k[2:] for k in r if k.startswith("v_") and r[k]]
                if flagged and not r["v_base"]:
                    tag = "POS" if r["positive"] else "neg"
                    print(
                        f"  {tag} {r['where']} [{','.join(flagged)}] {r['title'][:60]!r} / {r['heading'][:60]!r}"
                    )
    if args.dump:
        with args.dump.open("w", encoding="utf-8", newline="") as fh:
            keys = sorted({k for rows in groups.values() for r in rows for k in r})
            w = csv.DictWriter(fh, ["group", *keys], delimiter="\t", extrasaction="ignore")
            w.writeheader()
            for name, rows in groups.items():
                for r in rows:
                    w.writerow({"group": name, **r})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
