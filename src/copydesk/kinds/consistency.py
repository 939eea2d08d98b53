"""``consistency``: two spellings of one term in the same document (``e-mail`` and ``email``).

The spelling used less often is reported at each of its occurrences (on a tie, the one that appears
second), with the message naming the other.
"""

from __future__ import annotations

from ..matching import PatternError, compile_tokens
from ..rules import Kind, Option
from ._common import KindError, finding


class Consistency(Kind):
    name = "consistency"
    default_message = "Inconsistent spelling: '%s' here, '%s' elsewhere in this draft; use one."
    options = {
        "either": Option(
            "map", {}, "pairs of spellings (regular expressions) that must not both appear", required=True
        ),
        "max_reports": Option("int", 0, "report at most this many occurrences per pair (0: every one)"),
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

    def check(self, doc, ctx):
        out = []
        blocks = self.blocks(doc)
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
            other = majority[0][0].text[majority[0][1] : majority[0][2]]
            if self.opts["max_reports"]:
                minority = minority[: self.opts["max_reports"]]
            for blk, s, e in minority:
                out.append(finding(blk, s, e, (blk.text[s:e], other)))
        return out


KINDS = [Consistency]
