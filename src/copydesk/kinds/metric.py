"""``metric``: a formula over a text's counts, compared with a threshold.

Names available in ``formula``: the counts ``words``, ``sentences``, ``syllables``, ``letters``, ``chars``,
``polysyllables``, ``complex_words``, ``long_words``, ``paragraphs``, ``headings``, and the readability scores
``flesch_reading_ease``, ``flesch_kincaid_grade``, ``gunning_fog``, ``smog_index``, ``coleman_liau_index``,
``automated_readability_index``. Operators: ``+ - * /``, parentheses, numbers, ``min()``, ``max()``.
With ``scope: document`` the formula runs once over all body prose; otherwise once per block in scope.
"""

from __future__ import annotations

import ast
import operator

from ..diagnostics import Finding
from ..rules import Kind, Option
from ..vocab import COUNT_NAMES, SCORE_NAMES
from ._common import KindError

NAMES = COUNT_NAMES + SCORE_NAMES + ("paragraphs", "headings")
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_CMP = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}


def compile_formula(formula: str):
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError as exc:
        raise KindError("formula", f"formula {formula!r} is not valid: {exc.msg}") from None
    used: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if node.id not in NAMES and node.id not in ("min", "max"):
                raise KindError("formula", f"unknown name {node.id!r} in formula (known: {', '.join(NAMES)})")
            used.add(node.id)
        elif not isinstance(
            node,
            (
                ast.Expression,
                ast.BinOp,
                ast.UnaryOp,
                ast.USub,
                ast.UAdd,
                ast.Constant,
                ast.Call,
                ast.Load,
                *_OPS,
            ),
        ):
            raise KindError(
                "formula", f"formula {formula!r} may only use numbers, names, + - * / and min/max"
            )
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise KindError("formula", "formula constants must be numbers")
        if isinstance(node, ast.Call) and not (
            isinstance(node.func, ast.Name) and node.func.id in ("min", "max")
        ):
            raise KindError("formula", "only min() and max() may be called in a formula")

    def evaluate(env: dict) -> float:
        def ev(node):
            if isinstance(node, ast.Expression):
                return ev(node.body)
            if isinstance(node, ast.Constant):
                return float(node.value)
            if isinstance(node, ast.Name):
                return float(env[node.id])
            if isinstance(node, ast.UnaryOp):
                v = ev(node.operand)
                return -v if isinstance(node.op, ast.USub) else v
            if isinstance(node, ast.BinOp):
                a, b = ev(node.left), ev(node.right)
                if isinstance(node.op, ast.Div) and b == 0:
                    return 0.0
                return _OPS[type(node.op)](a, b)
            if isinstance(node, ast.Call):
                args = [ev(a) for a in node.args]
                return (min if node.func.id == "min" else max)(args) if args else 0.0
            raise ValueError("bad formula")

        return ev(tree)

    return evaluate, used


def parse_condition(cond: str):
    cond = cond.strip()
    for op in (">=", "<=", "==", "!=", ">", "<"):
        if cond.startswith(op):
            try:
                return _CMP[op], float(cond[len(op) :].strip()), op
            except ValueError:
                break
    raise KindError("condition", f"condition {cond!r} must look like '> 10' (operators: > >= < <= == !=)")


def env_for(counts, used: set[str], extra: dict) -> dict:
    env = {name: getattr(counts, name) for name in COUNT_NAMES}
    if used & set(SCORE_NAMES):
        from ..analysis.readability import metrics

        env.update(metrics(counts))
    env.update(extra)
    return env


class Metric(Kind):
    analysis_parts = frozenset(("counts",))
    name = "metric"
    default_message = "%s is %s (limit: %s)."
    default_scope = ("document",)
    options = {
        "formula": Option("str", None, "arithmetic over counts and scores", required=True),
        "condition": Option("str", None, "comparison that reports a problem, e.g. '> 10'", required=True),
        "min_words": Option("int", 0, "skip texts with fewer words than this"),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        self.evaluate, self.used = compile_formula(self.opts["formula"])
        self.cmp, self.limit, self.op = parse_condition(self.opts["condition"])

    def _report(self, value: float) -> bool:
        return self.cmp(value, self.limit)

    def check(self, doc, ctx):
        out = []
        if "document" in self.rule.scope:
            body = ctx.analysis.body
            if not body:
                return out
            total = ctx.analysis.body_counts
            env = env_for(total, self.used, {"paragraphs": len(body), "headings": len(doc.headings())})
            if total.words < self.opts["min_words"]:
                return out
            value = self.evaluate(env)
            if self._report(value):
                first = body[0]
                s, e = first.source_span(0, len(first.text.split("\n", 1)[0]))
                out.append(
                    Finding(s, e, (self.opts["formula"], _fmt(value), f"{self.op} {_fmt(self.limit)}"))
                )
            return out
        words_only = self.used <= _WORD_ONLY  # e.g. a headline's length: no syllables need counting
        for b in self.blocks(doc):
            ba = ctx.analysis.block(b)
            extra = {"paragraphs": 1, "headings": int(b.is_heading)}
            if words_only:
                n = ba.word_count
                if n < self.opts["min_words"]:
                    continue
                value = self.evaluate({"words": n, **extra})
            else:
                c = ba.counts
                if c.words < self.opts["min_words"]:
                    continue
                value = self.evaluate(env_for(c, self.used, extra))
            if self._report(value):
                s, e = b.source_span(0, len(b.text.split("\n", 1)[0]))
                out.append(
                    Finding(s, e, (self.opts["formula"], _fmt(value), f"{self.op} {_fmt(self.limit)}"))
                )
        return out


#: Names a formula may use that need only the word count of a block.
_WORD_ONLY = frozenset(("words", "paragraphs", "headings"))


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"


KINDS = [Metric]
