"""Derived figures: an arithmetic expression over ranged inputs, with honest uncertainty.

An expression such as ``pay * troops * months * (1 - kept)`` is parsed with Python's ``ast``
and checked against a whitelist — numbers, names, ``+ - * / **``, unary minus, parentheses,
``min``/``max`` — and then evaluated by walking the tree: never ``eval``, so a figure's text
cannot run code.

Each input has a low, best and high value (a claim's quantity with its range, or a constant).
The figure gets:

- ``best``: the expression at every input's best value;
- ``low``/``high`` by **interval arithmetic**: exact when every input occurs once in the
  expression (its interval extension is then the true range) and no division is by an interval
  holding 0; when an input occurs twice, the range is taken over the corners of the box of
  inputs (exact for an expression monotone in each input) widened by the Monte Carlo draws
  (an extreme inside the box), and is flagged ``corners``;
- a **distribution summary** by Monte Carlo: each input drawn from a triangular distribution
  (low, best, high) — the least-assuming shape a low/best/high gives — with a fixed seed, so
  the same figure always gives the same percentiles.

Examples
--------
>>> f = derive("pay * troops * months * (1 - kept)",
...            {"pay": (2000, 2000, 2000), "troops": (10000, 11000, 12000),
...             "months": (12, 12, 12), "kept": (0.7, 0.8, 0.9)})
>>> round(f.low), round(f.best), round(f.high), f.range_method
(24000000, 52800000, 86400000, 'interval')
"""

from __future__ import annotations

import ast
import itertools
import operator
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from frontcheck.errors import InputError

__all__ = ["Expression", "parse_expression", "Derived", "derive", "SEED", "SAMPLES", "PERCENTILES"]

SEED = 20241104
SAMPLES = 100_000
PERCENTILES = (5, 25, 50, 75, 95)
MAX_EXPRESSION_CHARS = 500

Value = float | np.ndarray
"""An input's or a figure's value: one number, or NumPy's array of the Monte Carlo draws."""

_BINARY: dict[type[ast.operator], Callable[[Value, Value], Value]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.Pow: operator.pow}
_FUNCTIONS = {"min": np.minimum, "max": np.maximum}


@dataclass(frozen=True, slots=True)
class Expression:
    """A checked expression: its text, its tree and the input names it uses (in order)."""

    text: str
    tree: ast.expr
    names: tuple[str, ...]

    def evaluate(self, values: Mapping[str, Value]) -> Value:
        """The expression at ``values`` (floats or NumPy arrays, elementwise)."""
        return _evaluate(self.tree, values)


def parse_expression(text: str, field: str = "--expr") -> Expression:
    """``text`` checked against the whitelist; ``InputError`` naming what is not allowed.

    >>> parse_expression("max(a, 2) * -b").names
    ('a', 'b')
    >>> parse_expression("__import__('os')")
    Traceback (most recent call last):
    ...
    frontcheck.errors.InputError: --expr: '__import__' is not a function here (only min, max)
    """
    if len(text) > MAX_EXPRESSION_CHARS:
        raise InputError(None, f"longer than {MAX_EXPRESSION_CHARS} characters", field=field)
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as exc:
        raise InputError(None, f"not an arithmetic expression ({exc.msg})", field=field) from None
    names: list[str] = []
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        _check(node, field)
        if isinstance(node, ast.Name) and id(node) not in called:
            if node.id in _FUNCTIONS:
                raise InputError(None, f"{node.id!r} is a function: {node.id}(a, b)", field=field)
            names.append(node.id)
    return Expression(text.strip(), tree, tuple(dict.fromkeys(names)))


def _check(node: ast.AST, field: str) -> None:
    if isinstance(node, ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
        if name not in _FUNCTIONS or node.keywords or not node.args:
            raise InputError(None, f"{name!r} is not a function here (only min, max)", field=field)
        return
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise InputError(None, f"{node.value!r} is not a number", field=field)
        return
    if isinstance(node, ast.BinOp) and type(node.op) not in _BINARY:
        raise InputError(None, f"the operator {ast.unparse(node)!r} is not allowed "
                               "(only + - * / **)", field=field)
    if isinstance(node, ast.UnaryOp) and not isinstance(node.op, (ast.USub, ast.UAdd)):
        raise InputError(None, f"{ast.unparse(node)!r} is not allowed (only unary minus)",
                         field=field)
    allowed = (ast.BinOp, ast.UnaryOp, ast.Name, ast.Load, ast.operator, ast.unaryop)
    if not isinstance(node, allowed):
        raise InputError(None, f"{type(node).__name__.lower()} is not allowed in a figure "
                               f"({ast.unparse(node)!r})", field=field)


def _evaluate(node: ast.expr, values: Mapping[str, Value]) -> Value:
    # The tree passed ``_check``: numbers, names, unary and binary operators, min/max calls.
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return np.float64(node.value)
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, values)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_evaluate(node.left, values), _evaluate(node.right, values))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [_evaluate(a, values) for a in node.args]
        result = args[0]
        for arg in args[1:]:
            result = _FUNCTIONS[node.func.id](result, arg)
        return result
    raise _unchecked(node)


def _unchecked(node: ast.expr) -> TypeError:
    """A node ``_check`` does not let through: reaching it is a bug, not bad input."""
    return TypeError(f"unchecked node in a figure's expression: {ast.dump(node)}")


class _NotExact(Exception):
    """Interval arithmetic cannot give an exact range here (division by an interval holding
    0, a power of a base that may be negative)."""


def _interval(node: ast.expr, ranges: Mapping[str, tuple[float, float]]) -> tuple[float, float]:
    """The range of the expression over the box ``ranges`` by interval arithmetic."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value), float(node.value)
    if isinstance(node, ast.Name):
        return ranges[node.id]
    if isinstance(node, ast.UnaryOp):
        low, high = _interval(node.operand, ranges)
        return (-high, -low) if isinstance(node.op, ast.USub) else (low, high)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        parts = [_interval(a, ranges) for a in node.args]
        pick = min if node.func.id == "min" else max
        return pick(p[0] for p in parts), pick(p[1] for p in parts)
    if not isinstance(node, ast.BinOp):
        raise _unchecked(node)
    (a, b), (c, d) = _interval(node.left, ranges), _interval(node.right, ranges)
    if isinstance(node.op, ast.Add):
        return a + c, b + d
    if isinstance(node.op, ast.Sub):
        return a - d, b - c
    if isinstance(node.op, ast.Div):
        if c <= 0 <= d:
            raise _NotExact
        c, d = 1 / d, 1 / c
    elif isinstance(node.op, ast.Pow) and a < 0:
        raise _NotExact
    combine = operator.pow if isinstance(node.op, ast.Pow) else operator.mul
    # x*y, x/y (as x*(1/y)) and x**y (x > 0) are monotone in each argument on the box: the
    # extremes lie at its corners.
    corners = [combine(x, y) for x in (a, b) for y in (c, d)]
    return min(corners), max(corners)


@dataclass(frozen=True, slots=True)
class Derived:
    """A derived figure: low/best/high, how the range was found, and the Monte Carlo summary."""

    low: float
    best: float
    high: float
    range_method: str                  # interval (exact), corners (exact if monotone)
    mean: float
    percentiles: dict[str, float]      # "p5", "p25", "p50", "p75", "p95"
    samples: int
    seed: int


def derive(text: str | Expression, inputs: Mapping[str, tuple[float, float, float]],
           samples: int = SAMPLES, seed: int = SEED) -> Derived:
    """The figure ``text`` over ``inputs`` (name → (low, best, high)); see the module
    docstring. ``InputError`` for a name without an input, an input whose values are out of
    order, or values the expression cannot take (a division by zero)."""
    expression = text if isinstance(text, Expression) else parse_expression(text)
    missing = [n for n in expression.names if n not in inputs]
    if missing:
        raise InputError(None, f"no input for {', '.join(missing)}: give --input NAME=CLAIM_ID "
                               "or NAME=NUMBER", field="--input")
    for name in expression.names:
        low, best, high = inputs[name]
        if not low <= best <= high:
            raise InputError(None, f"{name}: low {low:g}, best {best:g}, high {high:g} are not "
                                   "in order", field="--input")
    ranges = {n: (float(inputs[n][0]), float(inputs[n][2])) for n in expression.names}
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # NumPy scalars: a division by zero gives inf (refused below), not an exception
        best = float(expression.evaluate({n: np.float64(inputs[n][1]) for n in expression.names}))
        used_once = all(c == 1 for c in Counter(
            n.id for n in ast.walk(expression.tree) if isinstance(n, ast.Name)).values())
        try:
            low, high = _interval(expression.tree, ranges) if used_once else _corners(
                expression, ranges)
            method = "interval" if used_once else "corners"
        except _NotExact:
            low, high, method = *_corners(expression, ranges), "corners"
        draws = expression.evaluate(_draws(expression.names, inputs, samples, seed))
        draws = np.broadcast_to(np.asarray(draws, dtype=float), (samples,))
        if method == "corners" and np.isfinite(draws).all():
            # not monotone (a*(1-a)): an extreme inside the box shows in the draws
            low, high = min(low, float(draws.min())), max(high, float(draws.max()))
    if not all(np.isfinite([low, best, high])) or not np.isfinite(draws).all():
        raise InputError(None, f"{expression.text!r} has no finite value over the inputs' "
                               "ranges (a division by zero?)", field="--expr")
    percentiles = np.percentile(draws, PERCENTILES)
    return Derived(low, best, high, method, float(draws.mean()),
                   {f"p{p}": float(v) for p, v in zip(PERCENTILES, percentiles)}, samples, seed)


def _corners(expression: Expression, ranges: Mapping[str, tuple[float, float]]
             ) -> tuple[float, float]:
    names = list(ranges)
    grid = np.array(list(itertools.product(*(ranges[n] for n in names))), dtype=float)
    grid = grid.reshape(-1, len(names))
    values = np.asarray(expression.evaluate({n: grid[:, k] for k, n in enumerate(names)}), float)
    return float(values.min()), float(values.max())


def _draws(names: tuple[str, ...], inputs: Mapping[str, tuple[float, float, float]],
           samples: int, seed: int) -> dict[str, np.ndarray | float]:
    """Triangular draws per input, in the expression's order of names (so adding an input
    elsewhere does not reshuffle the others)."""
    rng = np.random.default_rng(seed)
    out: dict[str, np.ndarray | float] = {}
    for name in names:
        low, best, high = (float(v) for v in inputs[name])
        out[name] = rng.triangular(low, best, high, samples) if high > low else low
    return out
