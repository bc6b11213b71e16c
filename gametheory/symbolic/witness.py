"""Exact points inside regions: a witness that a conjunction of conditions is satisfiable.

A *witness* is a parameter point (exact rationals, or algebraic numbers on curves)
where every condition holds and every assumed-nonzero expression is nonzero. With
one parameter the search is exact and complete (it tests each root of the
conditions and a rational point between consecutive roots), so a region found empty
is empty. With more parameters equalities are solved for a parameter they are
linear in and the rest is sampled deterministically; finding no witness then does
not prove emptiness, and callers say so.

Examples
--------
>>> import sympy
>>> from gametheory.symbolic.parameters import Parameter
>>> from gametheory.symbolic.conditions import Condition
>>> p = Parameter("p", low=0, high=1)
>>> find_witness([Condition(2 * p.symbol**2 - 1, ">")], (), [p])
({p: 3/4}, True)
>>> find_witness([Condition(p.symbol**2 - 4, ">")], (), [p])
(None, True)
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction
from typing import Any, Mapping, Sequence

import sympy

from .conditions import Condition, sign_of_number
from .feasibility import linear_feasible, linear_witness
from .parameters import Parameter

__all__ = ["find_witness", "conditions_hold", "rational_between", "candidate_values"]


def rational_between(a: sympy.Expr, b: sympy.Expr) -> sympy.Rational:
    """A simple rational strictly between exact reals ``a < b``.

    Examples
    --------
    >>> rational_between(sympy.sqrt(2), sympy.Rational(3, 2))
    17/12
    """
    if a.is_Rational and b.is_Rational:
        mid = (a + b) / 2
        # prefer a short fraction: continued-fraction approximations of the midpoint
        for den in (1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 50, 100):
            r = sympy.Rational(round(mid * den), den)
            if a < r < b:
                return r
        return mid
    prec = 30
    while True:
        lo, hi = sympy.N(a, prec), sympy.N(b, prec)
        mid = sympy.Rational(str(sympy.N((lo + hi) / 2, prec)))
        for den in (1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 50, 100, 1000, 10**6):
            r = sympy.Rational(round(mid * den), den)
            if sign_of_number(r - a) > 0 and sign_of_number(b - r) > 0:
                return r
        if sign_of_number(mid - a) > 0 and sign_of_number(b - mid) > 0:
            return mid
        prec *= 2


def conditions_hold(
    conditions: Sequence[Condition],
    nonzero: Sequence[sympy.Expr],
    values: Mapping[sympy.Symbol, Any],
    free: Sequence[sympy.Symbol] = (),
) -> bool:
    """Whether all conditions hold (for some free weights) and no assumed-nonzero vanishes.

    Examples
    --------
    >>> a = sympy.Symbol("a")
    >>> conditions_hold([Condition(a - 1, ">")], [a - 2], {a: sympy.Integer(2)})
    False
    """
    for e in nonzero:
        v = sympy.expand(e.xreplace(dict(values)))
        if v.has(sympy.zoo, sympy.nan) or (v.is_number and sign_of_number(v) == 0):
            return False
    linear = []
    for c in conditions:
        v = sympy.expand(c.poly.xreplace(dict(values)))
        if v.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            return False
        if v.is_number:
            s = sign_of_number(v)
            if not {">": s > 0, ">=": s >= 0, "==": s == 0}[c.relation]:
                return False
        elif v.free_symbols <= set(free):
            linear.append((v, c.relation))
        else:
            missing = sorted(s.name for s in v.free_symbols - set(free))
            raise TypeError(f"no value for {missing}")
    return not linear or linear_feasible(linear, list(free))


def candidate_values(p: Parameter) -> list[sympy.Rational]:
    """Deterministic sample values of a parameter, spread over its range (defaults first).

    Examples
    --------
    >>> candidate_values(Parameter("p", low=0, high=1, default="1/2"))[:4]
    [1/2, 0, 1, 1/12]
    """
    out: list[sympy.Rational] = []
    if p.default is not None:
        out.append(sympy.Rational(p.default.numerator, p.default.denominator))
    lo, hi = p.lower, p.upper
    if lo is not None and hi is not None:
        out += [lo, hi] + [lo + (hi - lo) * sympy.Rational(k, 12) for k in range(1, 12)]
        out += [lo + (hi - lo) * sympy.Rational(k, 97) for k in (3, 17, 41, 59, 88)]
    elif lo is not None:
        steps = [sympy.Rational(s) for s in ("1/10", "1/3", "1/2", "1", "3/2", "2", "3", "5", "8", "13", "21", "50", "100")]
        out += [lo] + [lo + s for s in steps]
    elif hi is not None:
        steps = [sympy.Rational(s) for s in ("1/10", "1/3", "1/2", "1", "3/2", "2", "3", "5", "8", "13", "21", "50", "100")]
        out += [hi] + [hi - s for s in steps]
    else:
        out += [sympy.Rational(s) for s in ("0", "1", "-1", "1/2", "-1/2", "2", "-2", "3", "-3", "5", "-5", "10", "-10", "100", "-100")]
    seen, uniq = set(), []
    for v in out:
        if v not in seen and p.contains(v):
            seen.add(v)
            uniq.append(v)
    return uniq


def _univariate(conditions, nonzero, p: Parameter, fixed: dict, free) -> dict | None:
    x = p.symbol
    points: set = set()
    for e in [c.poly for c in conditions] + list(nonzero):
        e = sympy.expand(e.xreplace(fixed))
        if e.free_symbols - {x} - set(free):
            continue
        if x not in e.free_symbols:
            continue
        if e.free_symbols & set(free):
            # roots of each coefficient in the free weights bound where things change
            coeffs = [e.coeff(f, 1) for f in free] + [e.xreplace({f: 0 for f in free})]
        else:
            coeffs = [e]
        for c in coeffs:
            num, den = sympy.fraction(sympy.together(c))
            for part in (num, den):
                part = sympy.expand(part)
                if x in part.free_symbols:
                    points.update(r for r in sympy.real_roots(sympy.Poly(part, x)))
    lo, hi = p.lower, p.upper
    pts = sorted(
        [r for r in points if (lo is None or sign_of_number(r - lo) >= 0) and (hi is None or sign_of_number(hi - r) >= 0)],
        key=lambda r: sympy.N(r, 40),
    )
    uniq: list = []
    for r in pts:
        if not uniq or sign_of_number(r - uniq[-1]) != 0:
            uniq.append(r)
    probes: list = []
    if not uniq:
        probes = candidate_values(p)[:1] or [sympy.Integer(0)]
    else:
        left = uniq[0] - 1 if lo is None else lo
        right = uniq[-1] + 1 if hi is None else hi
        edges = [left] + uniq + [right]
        for a, b in zip(edges, edges[1:]):
            if sign_of_number(b - a) > 0:
                probes.append(rational_between(a, b))
        probes += uniq
        if lo is not None:
            probes.append(lo)
        if hi is not None:
            probes.append(hi)
    for v in probes:
        if not p.contains(v):
            continue
        vals = {**fixed, x: v}
        if conditions_hold(conditions, nonzero, vals, free):
            return vals
    return None


def find_witness(
    conditions: Sequence[Condition],
    nonzero: Sequence[sympy.Expr],
    params: Sequence[Parameter],
    free: Sequence[sympy.Symbol] = (),
    *,
    tries: int = 300,
    seed: int = 0,
) -> tuple[dict | None, bool]:
    """A parameter point where the conditions hold, and whether the search was exhaustive.

    Returns ``(witness, exhaustive)``. ``witness`` is ``{symbol: value}`` or ``None``;
    ``exhaustive`` is ``True`` when ``None`` proves the region empty.

    Examples
    --------
    >>> V, C = Parameter("V", positive=True), Parameter("C", positive=True)
    >>> w, _ = find_witness([Condition(C.symbol - V.symbol, ">")], (), [V, C])
    >>> w[C.symbol] > w[V.symbol]
    True
    """
    used = set().union(*(c.symbols for c in conditions), *(e.free_symbols for e in nonzero)) if conditions or nonzero else set()
    active = [p for p in params if p.symbol in used]
    fixed: dict = {}
    # all conditions linear in the parameters: decide exactly by Fourier-Motzkin
    if not free and active and all(
        sympy.Poly(c.poly, *[p.symbol for p in active]).total_degree() <= 1 for c in conditions
    ):
        cons = [(c.poly, c.relation) for c in conditions]
        for p in active:
            if p.lower is not None:
                cons.append((p.symbol - p.lower, ">" if p.lower_open else ">="))
            if p.upper is not None:
                cons.append((p.upper - p.symbol, ">="))
        defaults = {p.symbol: candidate_values(p)[0] for p in active if candidate_values(p)}
        if len(defaults) == len(active) and conditions_hold(conditions, nonzero, defaults):
            return defaults, True
        w = linear_witness(cons, [p.symbol for p in active])
        if w is None:
            return None, True
        if conditions_hold(conditions, nonzero, w):
            return w, True
    # solve equalities for a parameter they are linear in
    solved: dict[sympy.Symbol, sympy.Expr] = {}
    eqs = [c for c in conditions if c.equality and not (c.symbols & set(free))]
    for c in eqs:
        e = sympy.expand(c.poly.xreplace(solved))
        for p in active:
            x = p.symbol
            if x in e.free_symbols and x not in solved and sympy.degree(e, x) == 1:
                a = e.coeff(x, 1)
                if not a.is_number or sign_of_number(a) != 0:
                    value = sympy.cancel(x - e / a)
                    solved = {k: sympy.cancel(v.xreplace({x: value})) for k, v in solved.items()}
                    solved[x] = value
                    break
    rest = [p for p in active if p.symbol not in solved]
    if len(rest) == 1 and not solved:
        w = _univariate(conditions, nonzero, rest[0], fixed, free)
        return w, True
    if not rest and not solved:
        return ({} if conditions_hold(conditions, nonzero, {}, free) else None), True
    rng = random.Random(seed)
    pools = [candidate_values(p) for p in rest]

    def attempt(point: tuple) -> dict | None:
        vals = {p.symbol: v for p, v in zip(rest, point)}
        for x, e in solved.items():
            v = sympy.cancel(e.xreplace(vals))
            if not v.is_number or v.has(sympy.zoo, sympy.nan):
                return None
            vals[x] = v
        for p in active:
            if not p.contains(vals[p.symbol]):
                return None
        try:
            return vals if conditions_hold(conditions, nonzero, vals, free) else None
        except TypeError:
            return None

    total = 1
    for pool in pools:
        total *= len(pool)
    if total <= tries:
        candidates = itertools.product(*pools)
    else:
        firsts = [tuple(pool[0] for pool in pools)]
        candidates = itertools.chain(firsts, (tuple(rng.choice(pool) for pool in pools) for _ in range(tries)))
    for point in candidates:
        w = attempt(point)
        if w is not None:
            return w, False
    if len(rest) == 1:
        # one parameter left after solving the equalities: scan its line exactly
        sub = [Condition(sympy.expand(c.poly.xreplace(solved)), c.relation) for c in conditions]
        w = _univariate(sub, [e.xreplace(solved) for e in nonzero], rest[0], {}, free)
        if w is not None:
            full = attempt((w[rest[0].symbol],))
            if full is not None:
                return full, False
    elif len(rest) > 1 and not solved:
        # thin regions: fix all parameters but one at sample values and scan that line exactly
        bases = [tuple(pool[0] for pool in pools)] + [tuple(rng.choice(pool) for pool in pools) for _ in range(8)]
        for base in bases:
            for k, p in enumerate(rest):
                fixed_others = {q.symbol: v for j, (q, v) in enumerate(zip(rest, base)) if j != k}
                sub = [Condition(sympy.expand(c.poly.xreplace(fixed_others)), c.relation) for c in conditions]
                if any(c.poly.free_symbols - {p.symbol} - set(free) for c in sub):
                    continue
                try:
                    w = _univariate(sub, [e.xreplace(fixed_others) for e in nonzero], p, {}, free)
                except (TypeError, ValueError):
                    w = None
                if w is not None:
                    full = attempt(tuple(w[p.symbol] if j == k else v for j, v in enumerate(base)))
                    if full is not None:
                        return full, False
    return None, False


def as_fractions(values: Mapping[sympy.Symbol, sympy.Expr]) -> dict[str, Fraction | sympy.Expr]:
    """``{name: Fraction}`` for rational values (algebraic values stay sympy numbers)."""
    return {
        k.name: (Fraction(int(v.p), int(v.q)) if v.is_Rational else v) for k, v in values.items()
    }
