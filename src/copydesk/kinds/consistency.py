"""``consistency``: two spellings of one term in the same document (``e-mail`` and ``email``).

The spelling used less often is reported at each of its occurrences (on a tie, the one that appears
second), with the message naming the other.
"""

from __future__ import annotations

from ..matching import PatternError, compile_tokens
from ..rules import Kind, Option
from ._common import KindError, finding, text_edit


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

    def check(self, doc, ctx):
        out = []
        blocks = self.blocks(doc)
        if self.any_spelling is not None:
            search = self.any_spelling.search
            blocks = [blk for blk in blocks if search(blk.text)]
        for pa, pb in self.pairs:
            ha = [(blk, m.start(), m.end()) for blk in blocks for m in pa.finditer(blk.text)]
            if not ha:
                continue
            hb = [(blk, m.start(), m.end()) for blk in blocks for m in pb.finditer(blk.text)]
            if not hb:
                continue
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
