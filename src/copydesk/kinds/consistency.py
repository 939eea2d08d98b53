"""``consistency``: two spellings of one term in the same document (``e-mail`` and ``email``).

The spelling used less often is reported at each of its occurrences (on a tie, the one that appears
second), with the message naming the other.

Besides the listed pairs, ``derive`` finds pairs no list has, by how English spellings vary: each word of
the draft is brought to one form per family (``our-or``: colour/color, ``ise-ize``: organise/organize,
``yse-yze``: analyse/analyze, ``re-er``: centre/center, ``doubled-l``: travelled/traveled,
``amme-am``: programme/program, ``compound``: co-worker/coworker, work space/workspace), and words of one
form written two ways are a pair. ``derive_exceptions`` lists pairs that are two words, not two spellings
(timbre/timber); ``compound_stop`` lists words that never join a closed compound when written apart
(every day/everyday, set up/setup); a hyphenated word and its closed form are one term whatever their
parts (off-line/offline), unless ``derive_exceptions`` lists them (re-sign/resign).
"""

from __future__ import annotations

import re

from ..matching import PatternError, compile_tokens
from ..rules import Kind, Option
from ._common import KindError, finding, text_edit

# A word as prose writes it: not part of a domain, an address, a path, a hashtag or a handle.
_WORD_RE = re.compile(r"(?<![\w\-#@./])[A-Za-z]+(?:-[A-Za-z]+)*(?![\w\-@/]|\.\w)")
# Two neighbouring words with one space between them ("work space"), overlapping: every pair is seen.
_PAIR_RE = re.compile(r"(?<![\w\-#@./])([A-Za-z]+)(?= ([A-Za-z]+)(?![\w\-@/]|\.\w))")
# Identifiers and names keep their own spelling: CODEOWNERS, iPhone, GitHub.
_ODD_CASE_RE = re.compile(r"[A-Za-z][A-Z]|^[A-Z]+$")


def _rule(pattern: str, repl: str):
    rx = re.compile(pattern)
    return lambda w: rx.sub(repl, w, count=1)


# Every ending some family rewrites (a cheap test before the rewrites run).
_ANY_FAMILY_RE = re.compile(
    r"(?:our(?:s|ed|ing|ite|ites|able|ful|less|er|ers|ism|ist)?|is(?:e|es|ed|ing|ation|ations|er|ers)"
    r"|ys(?:e|es|ed|ing|er|ers)|res?|ll(?:ed|ing|er|ers|or|ors)|ammes?)$"
)

#: Each family brings a word to one form (the American one); two words of one form are one term.
DERIVE_FAMILIES = {
    "our-or": _rule(r"(?<=[a-z]{3})our(?=(?:s|ed|ing|ite|ites|able|ful|less|er|ers|ism|ist)?$)", "or"),
    "ise-ize": _rule(r"(?<=[a-z]{3})is(?=(?:e|es|ed|ing|ation|ations|er|ers)$)", "iz"),
    "yse-yze": _rule(r"(?<=[a-z]{2})ys(?=(?:e|es|ed|ing|er|ers)$)", "yz"),
    "re-er": _rule(r"(?<=[a-z]{2}[bcdfghjklmnpqstvwxz])re(?=s?$)", "er"),
    "doubled-l": _rule(r"(?<=[a-z]{3}[aeiou])ll(?=(?:ed|ing|er|ers|or|ors)$)", "l"),
    "amme-am": _rule(r"(?<=[a-z]{3})amme(?=s?$)", "am"),
    "compound": None,
}


class Consistency(Kind):
    name = "consistency"
    default_message = "Inconsistent spelling: '%s' here, '%s' elsewhere in this draft; use one."
    options = {
        "either": Option(
            "map", {}, "pairs of spellings (regular expressions) that must not both appear", required=True
        ),
        "max_reports": Option("int", 0, "report at most this many occurrences per pair (0: every one)"),
        "fix": Option("bool", False, "fix each minority spelling to the draft's majority form"),
        "labels": Option(
            "map", {}, "how the message names a matched text (for marks that cannot be quoted, like ')"
        ),
        "derive": Option(
            "list", [], f"spelling families to find pairs in by rule ({', '.join(DERIVE_FAMILIES)})"
        ),
        "derive_exceptions": Option("list", [], "pairs 'a b' that are two words, not two spellings"),
        "compound_stop": Option(
            "list", [], "words that never join a closed compound ('every' day, set 'up')"
        ),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        self.pairs = []
        for a, b in self.opts["either"].items():
            if not b:
                raise KindError("either", f"'{a}' needs a second spelling")
            try:
                pa = compile_tokens([a], ignorecase=rule.ignorecase, nonword=rule.nonword)
                pb = compile_tokens([b], ignorecase=rule.ignorecase, nonword=rule.nonword)
            except PatternError as exc:
                raise KindError("either", str(exc)) from None
            self.pairs.append((pa, pb))
        # Most blocks hold none of the spellings: one search for all of them skips those blocks. Exact,
        # since a match of one pair's pattern is a match of the alternation of all (same boundaries).
        self.any_spelling = None
        if len(self.pairs) > 1:
            spellings = [t for pair in self.opts["either"].items() for t in pair]
            try:
                self.any_spelling = compile_tokens(
                    spellings, ignorecase=rule.ignorecase, nonword=rule.nonword
                )
            except PatternError:  # too large as one program: search pair by pair
                self.any_spelling = None
        unknown = [f for f in self.opts["derive"] if f not in DERIVE_FAMILIES]
        if unknown:
            raise KindError(
                "derive", f"unknown spelling families {unknown} (known: {', '.join(DERIVE_FAMILIES)})"
            )
        self.rewrites = [DERIVE_FAMILIES[f] for f in self.opts["derive"] if f != "compound"]
        self.compound = "compound" in self.opts["derive"]
        self.exceptions = set()
        for pair in self.opts["derive_exceptions"]:
            words = pair.lower().split()
            if len(words) != 2:
                raise KindError("derive_exceptions", f"'{pair}' must be two words separated by a space")
            self.exceptions.add(frozenset(words))
        self.compound_stop = frozenset(w.lower() for w in self.opts["compound_stop"])

    def _may_have_pairs(self, blocks) -> bool:
        """A quick test on distinct words only: True whenever :meth:`derived_groups` can find a pair
        (and sometimes when it then does not)."""
        raw: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        for blk in blocks:
            raw.update(_WORD_RE.findall(blk.text))
            if self.compound:
                pairs.update(_PAIR_RE.findall(blk.text))
        forms = {w.lower() for w in raw}
        closed = {w for w in forms if "-" not in w}
        for f in forms:
            if "-" in f:
                if self.compound and f.replace("-", "") in closed:
                    return True
            elif _ANY_FAMILY_RE.search(f):
                for rewrite in self.rewrites:
                    key = rewrite(f)
                    if key != f and key in forms:
                        return True
        stop = self.compound_stop
        for a, b in pairs:
            a, b = a.lower(), b.lower()
            if len(a) >= 3 and len(b) >= 3 and a + b in closed and a not in stop and b not in stop:
                return True
        return False

    def derived_groups(self, blocks):
        """Occurrences of words written two ways, grouped: [[(blk, s, e), ...] per spelling, ...]."""
        if not self.rewrites and not self.compound:
            return []
        if not self._may_have_pairs(blocks):
            return []  # most drafts: decided on their distinct words, without positions
        by_form: dict[str, list] = {}
        words_of = []  # per block: (start, end, lower-case word) in order, for neighbouring pairs
        for blk in blocks:
            text = blk.text
            words = []
            for m in _WORD_RE.finditer(text):
                w = m.group()
                if not w.islower() and len(w) > 1 and any(_ODD_CASE_RE.search(p) for p in w.split("-")):
                    continue
                lw = w.lower()
                by_form.setdefault(lw, []).append((blk, m.start(), m.end()))
                words.append((m.start(), m.end(), lw))
            words_of.append((blk, text, words))
        groups: dict[str, dict[str, list]] = {}

        def add(key: str, form: str, hits) -> None:
            groups.setdefault(key, {}).setdefault(form, []).extend(hits)

        closed = {w for w in by_form if "-" not in w}
        for form, hits in by_form.items():
            if "-" in form:
                if self.compound:
                    joined = form.replace("-", "")
                    if joined in closed:
                        add(joined, form, hits)
                        add(joined, joined, by_form[joined])
                continue
            if not _ANY_FAMILY_RE.search(form):
                continue  # no ending any family rewrites
            for rewrite in self.rewrites:
                key = rewrite(form)
                if key != form and key in by_form:
                    add(key, form, hits)
                    add(key, key, by_form[key])
        if self.compound:
            stop = self.compound_stop
            for blk, text, words in words_of:
                for (s1, e1, a), (s2, e2, b) in zip(words, words[1:], strict=False):
                    if s2 != e1 + 1 or text[e1] != " " or len(a) < 3 or len(b) < 3:
                        continue
                    joined = a + b
                    if joined in closed and "-" not in joined and a not in stop and b not in stop:
                        add(joined, f"{a} {b}", [(blk, s1, e2)])
                        add(joined, joined, by_form[joined])
        out = []
        for forms in groups.values():
            if len(forms) < 2:
                continue
            names = list(forms)
            if any(frozenset((x, y)) in self.exceptions for x in names for y in names if x != y):
                continue
            spellings = []
            for hits in forms.values():
                # The same occurrence can come in twice (through two rewrites): keep it once, in order.
                uniq = {(id(h[0]), h[1]): h for h in hits}
                spellings.append(sorted(uniq.values(), key=lambda h: h[0].source_offset(h[1])))
            out.append(spellings)
        return out

    def check(self, doc, ctx):
        out = []
        blocks = self.blocks(doc)
        pair_blocks = blocks
        if self.any_spelling is not None:
            search = self.any_spelling.search
            pair_blocks = [blk for blk in blocks if search(blk.text)]
        found = []
        listed: set = set()
        for pa, pb in self.pairs:
            ha = [(blk, m.start(), m.end()) for blk in pair_blocks for m in pa.finditer(blk.text)]
            if not ha:
                continue
            hb = [(blk, m.start(), m.end()) for blk in pair_blocks for m in pb.finditer(blk.text)]
            if not hb:
                continue
            found.append((ha, hb))
            listed.update((id(h[0]), h[1]) for h in (*ha, *hb))
        for group in self.derived_groups(blocks):
            if any((id(h[0]), h[1]) in listed for hits in group for h in hits):
                continue  # a listed pair already judges these words
            group.sort(key=len, reverse=True)
            found.append((group[0], [h for hits in group[1:] for h in hits]))
        for ha, hb in found:
            first_a = ha[0][0].source_offset(ha[0][1])
            first_b = hb[0][0].source_offset(hb[0][1])
            if len(ha) < len(hb) or (len(ha) == len(hb) and first_a > first_b):
                minority, majority = ha, hb
            else:
                minority, majority = hb, ha
            labels = self.opts["labels"]
            other = majority[0][0].text[majority[0][1] : majority[0][2]]
            other = labels.get(other, other)
            if self.opts["max_reports"]:
                minority = minority[: self.opts["max_reports"]]
            for blk, s, e in minority:
                f = finding(blk, s, e, (labels.get(blk.text[s:e], blk.text[s:e]), other))
                if self.opts["fix"] and len(ha) != len(hb):  # a tie has no majority to follow
                    f = f._replace(fix=self._to_majority(doc, blk, s, e, majority))
                out.append(f)
        return out

    @staticmethod
    def _to_majority(doc, blk, s, e, majority):
        """The edit that writes the majority's form here, unless a trailing period makes it unsure: ``US.``
        ends a sentence (``U.S.`` then stands for both), and ``U.S.`` before a capital may end one."""
        mblk, ms, me = majority[0]
        target = mblk.text[ms:me]
        if target.lower() != target and len({mblk.text[a:b] for mblk, a, b in majority}) > 1:
            return None  # the majority is itself written several ways: no one form to copy
        here = blk.text[s:e]
        after = blk.text[e : e + 2]
        if here.endswith(".") and not target.endswith("."):
            # "the U.S. Then" may end a sentence: only fix before a lower-case word or a comma.
            if not (after[:1] in ",;:)" and after[:1] or (after[:1] == " " and after[1:2].islower())):
                return None
        if target.endswith(".") and not here.endswith(".") and after[:1] == ".":
            e += 1  # "in the US." becomes "in the U.S.", not "U.S.."
        return text_edit(blk, doc, s, e, target)


KINDS = [Consistency]
