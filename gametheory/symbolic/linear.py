"""Linear systems with parameter coefficients, solved by Gauss–Jordan elimination.

Unlike ``sympy.linsolve``, which silently assumes every symbolic pivot is nonzero
and drops overdetermined systems that are consistent only on a surface, this
solver *records* what it assumes: the pivots it divides by (``nonzero``), and the
equations the parameters must satisfy for an overdetermined system to be
consistent (``equations``). Columns without pivot are free unknowns (a continuum).

Examples
--------
>>> import sympy
>>> a, x, y = sympy.symbols("a x y")
>>> sol = solve_linear([[1, 1], [a, -1], [1, -1]], [1, 0, 0], (x, y))
>>> sol.values, sol.equations, sol.free
({x: 1/2, y: 1/2}, (a - 1,), ())
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import sympy

from .conditions import sign_of_number, sign_on_domain
from .parameters import Parameter

__all__ = ["LinearSolution", "solve_linear", "is_zero"]


def is_zero(e: sympy.Expr) -> bool:
    """Exact test that a rational function (or algebraic constant) is identically zero.

    Examples
    --------
    >>> a = sympy.Symbol("a")
    >>> is_zero(a / (a + 1) - 1 + 1 / (a + 1)), is_zero(sympy.sqrt(2) ** 2 - 2), is_zero(a)
    (True, True, False)
    """
    if e == 0:
        return True
    if e.is_number:
        return sign_of_number(e) == 0
    e = sympy.cancel(sympy.together(e))
    if e == 0:
        return True
    if e.has(sympy.Pow) and any(not p.exp.is_Integer for p in e.atoms(sympy.Pow)):
        return sympy.simplify(e) == 0
    return False


@dataclass(frozen=True)
class LinearSolution:
    """The solution of a parametric linear system.

    Attributes
    ----------
    values : dict
        Each unknown as an expression in the parameters and the free unknowns.
    free : tuple of Symbol
        Unknowns left free (the solution set is an affine family in them).
    nonzero : tuple of Expr
        Pivots divided by: the formulas hold where these are nonzero.
    equations : tuple of Expr
        Expressions in the parameters that must vanish (overdetermined systems).

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> solve_linear([[1, 1]], [1], (x, y)).free
    (y,)
    """

    values: dict
    free: tuple
    nonzero: tuple
    equations: tuple


def _as_expr(v: object) -> sympy.Expr:
    # numbers and expressions only: no text is ever turned into an expression here
    if isinstance(v, sympy.Basic):
        return v
    if isinstance(v, int):
        return sympy.Integer(v)
    raise TypeError(f"{v!r} is not a sympy expression or an integer")


def _numerator(e: sympy.Expr) -> sympy.Expr:
    return sympy.factor(sympy.fraction(sympy.together(sympy.cancel(sympy.together(e))))[0])


def _provably_nonzero(e: sympy.Expr, params: Sequence[Parameter]) -> bool:
    if e.is_nonzero:
        return True
    factors = sympy.Mul.make_args(sympy.factor(e))
    return all(
        f.is_number or f.is_nonzero or sign_on_domain(sympy.expand(f), params) in ("pos", "neg") for f in factors
    )


def _pivot_rank(e: sympy.Expr, params: Sequence[Parameter]) -> tuple:
    if e.is_number:
        return (0, 0)
    # a pivot n/d needs n != 0 (d != 0 was assumed when it arose)
    return (1 if _provably_nonzero(_numerator(e), params) else 2, sympy.count_ops(e))


def solve_linear(
    matrix: Sequence[Sequence[sympy.Expr]],
    rhs: Sequence[sympy.Expr],
    unknowns: Sequence[sympy.Symbol],
    params: Sequence[Parameter] = (),
) -> LinearSolution | None:
    """Solve ``matrix @ unknowns = rhs`` for generic parameter values, recording assumptions.

    Returns ``None`` when the system is inconsistent for every parameter value.

    Examples
    --------
    >>> V, C = sympy.symbols("V C", positive=True)
    >>> y1, y2, u = sympy.symbols("y1 y2 u")
    >>> sol = solve_linear([[(V - C) / 2, V, -1], [0, V / 2, -1], [1, 1, 0]], [0, 0, 1], (y1, y2, u))
    >>> sol.values[y1], sol.nonzero
    (V/C, ())
    >>> solve_linear([[1], [1]], [0, 1], (y1,)) is None
    True
    """
    from sympy.polys.constructor import construct_domain

    flat = [_as_expr(v) for row in matrix for v in row] + [_as_expr(b) for b in rhs]
    K, elems = construct_domain(flat, field=True, extension=True)
    width = len(unknowns)
    rows = [elems[k * width : (k + 1) * width] + [elems[len(matrix) * width + k]] for k in range(len(matrix))]
    n = width
    nonzero: list[sympy.Expr] = []
    pivots: list[int] = []
    to_expr = K.to_sympy

    def rank(e) -> tuple:
        if K.is_Numerical or (hasattr(e, "numer") and e.numer.is_ground and e.denom.is_ground):
            return (0, 0)
        ex = to_expr(e)
        if ex.is_number:
            return (0, 0)
        return (1 if _provably_nonzero(_numerator(ex), params) else 2, len(str(ex)))

    r = 0
    for c in range(n):
        candidates = [k for k in range(r, len(rows)) if not K.is_zero(rows[k][c])]
        if not candidates:
            continue
        ranks = {}
        for k in candidates:
            ranks[k] = rank(rows[k][c])
            if ranks[k][0] == 0:
                break
        k = min(ranks, key=ranks.get)
        rows[r], rows[k] = rows[k], rows[r]
        piv = rows[r][c]
        if ranks[k][0] == 2:
            nonzero.append(_numerator(to_expr(piv)))
        rows[r] = [v / piv for v in rows[r]]
        for k2 in range(len(rows)):
            if k2 != r and not K.is_zero(rows[k2][c]):
                f = rows[k2][c]
                rows[k2] = [a - f * b for a, b in zip(rows[k2], rows[r])]
        pivots.append(c)
        r += 1
    equations = []
    for k in range(r, len(rows)):
        b = rows[k][n]
        if K.is_zero(b):
            continue
        bx = to_expr(b)
        if bx.is_number and sign_of_number(bx) != 0:
            if not nonzero:
                return None
            # inconsistent wherever the assumed pivots are nonzero; callers still split on them
            equations.append(sympy.Integer(1))
            continue
        if bx.is_number:
            continue
        eq = _numerator(bx)
        equations.append(-eq if eq.could_extract_minus_sign() else eq)
    free = tuple(unknowns[c] for c in range(n) if c not in pivots)
    values = {}
    for row_index, c in enumerate(pivots):
        row = rows[row_index]
        expr = to_expr(row[n]) - sum(to_expr(row[f]) * unknowns[f] for f in range(n) if f not in pivots)
        values[unknowns[c]] = sympy.cancel(expr) if not free else sympy.expand(expr)
    for f in free:
        values[f] = f
    return LinearSolution(values=values, free=free, nonzero=tuple(nonzero), equations=tuple(equations))
