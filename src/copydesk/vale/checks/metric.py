"""``extends: metric``: a ``formula`` over document counts compared with a ``condition``.

Variables: ``words``, ``sentences``, ``characters``, ``syllables``, ``complex_words``, ``long_words``,
``polysyllabic_words``, ``paragraphs``, ``list``, ``blockquote``, ``pre``, ``heading.h1`` ... ``heading.h6``.
The formula is arithmetic only (``+ - * / ( )``, numbers, variables): it is parsed, never evaluated as code.
"""

from __future__ import annotations

import ast
import operator
import re

from .. import ValeError
from .base import Alert, Check, format_message

_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_CONDITION = re.compile(r"^\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")
_CMP = {
    ">": operator.gt,
    "<": operator.lt,
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}


def _names(expr: str) -> str:
    """Dotted variable names (``heading.h2``) as plain identifiers for the parser."""
    return re.sub(r"\b([a-z_]+)\.([a-z0-9_]+)\b", r"\1__\2", expr)


def evaluate(tree: ast.AST, env: dict[str, float]) -> float:
    if isinstance(tree, ast.Expression):
        return evaluate(tree.body, env)
    if isinstance(tree, ast.Constant) and isinstance(tree.value, (int, float)):
        return float(tree.value)
    if isinstance(tree, ast.Name):
        return float(env.get(tree.id, 0.0))
    if isinstance(tree, ast.BinOp) and type(tree.op) in _OPS:
        left, right = evaluate(tree.left, env), evaluate(tree.right, env)
        if isinstance(tree.op, ast.Div) and right == 0:
            return 0.0
        return _OPS[type(tree.op)](left, right)
    if isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.USub):
        return -evaluate(tree.operand, env)
    raise ValueError("unsupported expression")


def _check_tree(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if not isinstance(
            node, (ast.Expression, ast.Constant, ast.Name, ast.BinOp, ast.UnaryOp, ast.Load, ast.USub, *_OPS)
        ):
            return False
    return True


def document_counts(blocks) -> dict[str, float]:
    from ...analysis.readability import compute_counts

    env: dict[str, float] = {}
    prose = []
    for b in blocks:
        if b.scope.startswith("heading."):
            key = "heading__" + b.scope.split(".", 1)[1]
            env[key] = env.get(key, 0) + 1
        elif b.scope == "list":
            env["list"] = env.get("list", 0) + 1
        elif b.scope == "blockquote":
            env["blockquote"] = env.get("blockquote", 0) + 1
        if b.scope in ("paragraph", "list", "blockquote", "table.cell"):
            prose.append(b.text)
            if b.scope == "paragraph":
                env["paragraphs"] = env.get("paragraphs", 0) + 1
    counts = compute_counts("\n\n".join(prose)) if prose else None
    if counts is not None:
        env.update(
            words=counts.words,
            sentences=counts.sentences,
            characters=counts.chars,
            syllables=counts.syllables,
            complex_words=counts.complex_words,
            long_words=counts.long_words,
            polysyllabic_words=counts.polysyllables,
        )
    return env


class Metric(Check):
    kind = "metric"
    keys = {"formula", "condition"}
    per_document = True

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        formula = str(self.opt("formula", "", str))
        try:
            self.tree = ast.parse(_names(formula), mode="eval")
        except SyntaxError:
            raise ValeError(self.path, self.line("formula"), f"invalid formula {formula!r}") from None
        if not _check_tree(self.tree):
            raise ValeError(
                self.path,
                self.line("formula"),
                f"formula {formula!r} may only use numbers, variables and + - * / ( )",
            )
        cond = str(self.opt("condition", "", str))
        m = _CONDITION.match(cond)
        if not m:
            raise ValeError(
                self.path, self.line("condition"), f"condition must look like '> 10', got {cond!r}"
            )
        self.op, self.limit = _CMP[m.group(1)], float(m.group(2))
        self.pre_count = 0

    def run_document(self, blocks, state: dict):
        env = dict(state.get("metric_env") or {})
        if not env:
            env = document_counts(blocks)
            env["pre"] = state.get("pre", 0)
            state["metric_env"] = env
        value = evaluate(self.tree, env)
        if self.op(value, self.limit):
            return [(None, Alert(-1, -1, format_message(self.message, f"{value:.2f}")))]
        return []
