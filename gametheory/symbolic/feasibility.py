"""Exact feasibility of linear inequalities by Fourier–Motzkin elimination.

Used for continua of equilibria: once parameters have values, the conditions on the
free mixing weights are linear, and a point lies in a region when some weights
satisfy them. Works over any exactly ordered numbers sympy can sign (rationals,
algebraic numbers).

References
----------
Schrijver, A. (1986). *Theory of Linear and Integer Programming*, §12.2. Wiley.

Examples
--------
>>> import sympy
>>> t = sympy.Symbol("t")
>>> linear_feasible([(t - sympy.Rational(1, 2), ">"), (1 - t, ">=")], [t])
True
>>> linear_feasible([(t - 1, ">"), (1 - t, ">=")], [t])
False
>>> interval_of([(t, ">"), (sympy.Rational(2, 3) - t, ">=")], t)
(0, True, 2/3, False)
"""

from __future__ import annotations

from typing import Sequence

import sympy

from .conditions import sign_of_number

__all__ = ["linear_feasible", "interval_of", "linear_witness"]

Constraint = tuple[sympy.Expr, str]  # expr REL 0 with REL in ">", ">=", "=="


def _holds(value: sympy.Expr, rel: str) -> bool:
    s = sign_of_number(value)
    return {">": s > 0, ">=": s >= 0, "==": s == 0}[rel]


def linear_feasible(constraints: Sequence[Constraint], variables: Sequence[sympy.Symbol]) -> bool:
    """Whether some real values of ``variables`` satisfy every ``expr REL 0`` (exact).

    Each ``expr`` must be affine in ``variables`` with constant (number) coefficients.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> linear_feasible([(x + y - 1, "=="), (x, ">"), (y, ">")], [x, y])
    True
    >>> linear_feasible([(x - y, ">"), (y - x, ">")], [x, y])
    False
    """
    cons = [(sympy.expand(e), r) for e, r in constraints]
    for v in variables:
        # use an equality to eliminate v when there is one
        eq = next((c for c in cons if c[1] == "==" and sign_of_number(c[0].coeff(v, 1)) != 0), None)
        if eq is not None:
            a = eq[0].coeff(v, 1)
            value = sympy.expand(v - eq[0] / a)
            cons = [(sympy.expand(e.xreplace({v: value})), r) for e, r in cons if (e, r) != eq]
            continue
        lower, upper, rest = [], [], []
        for e, r in cons:
            a = e.coeff(v, 1)
            s = sign_of_number(a) if a.is_number else None
            if s is None:
                raise ValueError(f"{e} is not linear in {v} with constant coefficients")
            if s == 0:
                rest.append((e, r))
            elif r == "==":
                raise AssertionError("unreachable: equalities were eliminated")  # pragma: no cover
            else:
                # a v + b REL 0  ->  v REL' -b/a
                bound = sympy.expand(-(e - a * v) / a)
                (lower if s > 0 else upper).append((bound, r == ">"))
        for lo, s1 in lower:
            for hi, s2 in upper:
                rest.append((sympy.expand(hi - lo), ">" if (s1 or s2) else ">="))
        cons = rest
    return all(_holds(e, r) for e, r in cons)


def interval_of(constraints: Sequence[Constraint], variable: sympy.Symbol) -> tuple | None:
    """The interval of one variable allowed by linear constraints, or ``None`` if empty.

    Returns ``(low, low_open, high, high_open)`` with ``None`` for an unbounded side.

    Examples
    --------
    >>> t = sympy.Symbol("t")
    >>> interval_of([(t - 1, "=="), (t, ">=")], t)
    (1, False, 1, False)
    """
    if not linear_feasible(constraints, [variable]):
        return None
    low = high = None
    low_open = high_open = False
    for e, r in constraints:
        e = sympy.expand(e)
        a = e.coeff(variable, 1)
        s = sign_of_number(a)
        if s == 0:
            continue
        bound = sympy.expand(-(e - a * variable) / a)
        strict = r == ">"
        if r == "==":
            return (bound, False, bound, False)
        if s > 0 and (low is None or sign_of_number(bound - low) > 0 or (bound == low and strict)):
            low, low_open = bound, strict
        if s < 0 and (high is None or sign_of_number(high - bound) > 0 or (bound == high and strict)):
            high, high_open = bound, strict
    return (low, low_open, high, high_open)


def _pick(iv: tuple) -> sympy.Expr:
    low, low_open, high, high_open = iv
    if low is None and high is None:
        return sympy.Integer(0)
    if low is None:
        return sympy.floor(high) - 1
    if high is None:
        return sympy.floor(low) + 1
    if sign_of_number(high - low) == 0:
        return low
    from .witness import rational_between

    return rational_between(low, high)


def linear_witness(constraints: Sequence[Constraint], variables: Sequence[sympy.Symbol]) -> dict | None:
    """A point satisfying linear constraints exactly, or ``None`` when there is none.

    Fourier–Motzkin elimination, then back-substitution choosing each variable inside
    the interval its constraints leave (a rational point when the data are rational).

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> w = linear_witness([(x - y, ">"), (y, ">"), (3 - x, ">=")], [x, y])
    >>> w[x] > w[y] > 0 and w[x] <= 3
    True
    >>> linear_witness([(x - y, ">"), (y - x, ">=")], [x, y]) is None
    True
    """
    stages = [[(sympy.expand(e), r) for e, r in constraints]]
    for v in variables:
        cons = stages[-1]
        eq = next((c for c in cons if c[1] == "==" and sign_of_number(c[0].coeff(v, 1)) != 0), None)
        if eq is not None:
            a = eq[0].coeff(v, 1)
            value = sympy.expand(v - eq[0] / a)
            stages.append([(sympy.expand(e.xreplace({v: value})), r) for e, r in cons if (e, r) != eq])
            continue
        lower, upper, rest = [], [], []
        for e, r in cons:
            a = e.coeff(v, 1)
            s = sign_of_number(a)
            if s == 0:
                rest.append((e, r))
            else:
                bound = sympy.expand(-(e - a * v) / a)
                (lower if s > 0 else upper).append((bound, r == ">"))
        for lo, s1 in lower:
            for hi, s2 in upper:
                rest.append((sympy.expand(hi - lo), ">" if (s1 or s2) else ">="))
        stages.append(rest)
    if not all(_holds(e, r) for e, r in stages[-1]):
        return None
    point: dict = {}
    for k in range(len(variables) - 1, -1, -1):
        v = variables[k]
        cons = [(sympy.expand(e.xreplace(point)), r) for e, r in stages[k]]
        cons = [(e, r) for e, r in cons if v in e.free_symbols]
        iv = interval_of(cons, v) if cons else (None, False, None, False)
        if iv is None:
            return None
        point[v] = _pick(iv)
    return point
