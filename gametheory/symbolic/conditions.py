r"""Polynomial conditions on parameters: normal form, sign on a box, simplification, display.

A :class:`Condition` states ``q > 0``, ``q >= 0`` or ``q = 0`` for a polynomial
``q`` with integer coefficients and no common factor (its *primitive* form), so
equal conditions compare equal. A rational condition ``n/d > 0`` becomes
``n > 0`` when the sign of ``d`` is known on the parameter ranges, else
``n d > 0`` (the formula that produced it assumes ``d != 0`` anyway).

Conditions are printed the way one writes them in a paper: ``C > V``,
``p < 1/2``, ``a b >= c``.

Examples
--------
>>> import sympy
>>> from gametheory.symbolic.parameters import Parameter
>>> V, C = Parameter("V", positive=True), Parameter("C", positive=True)
>>> cond = make_condition(1 - V.symbol / C.symbol, ">", (V, C))
>>> str(cond), cond.latex()
('C > V', 'C > V')
>>> make_condition(V.symbol / C.symbol, ">", (V, C))   # always true for positive V, C
True
>>> print(make_condition(2 * V.symbol - 1, ">=", (V, C)))
V >= 1/2
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import sympy

from ..display.mathtext import math_latex, math_text
from .parameters import Parameter

__all__ = [
    "Condition",
    "make_condition",
    "simplify_conditions",
    "sign_on_domain",
    "sign_of_number",
    "conditions_latex",
]

_REL = {">": sympy.StrictGreaterThan, ">=": sympy.GreaterThan, "==": sympy.Eq}
_FLIP = {">": "<", ">=": "<=", "==": "="}
_LATEX = {">": ">", ">=": r"\geq", "==": "=", "<": "<", "<=": r"\leq", "=": "="}


def sign_of_number(x: sympy.Expr) -> int:
    """Exact sign (-1, 0, 1) of a real constant sympy expression (rational or algebraic).

    Examples
    --------
    >>> sign_of_number(sympy.sqrt(2) - sympy.Rational(3, 2)), sign_of_number(sympy.Integer(0))
    (-1, 0)
    """
    x = sympy.nsimplify(x) if x.is_Float else x
    if x.is_Rational:
        return int(bool(x > 0)) - int(bool(x < 0))
    if x.is_zero is None:
        x = sympy.simplify(x)
    if x.is_zero:
        return 0
    if x.is_zero is None:
        # decide zero exactly through the minimal polynomial (algebraic numbers)
        t = sympy.Dummy("t")
        try:
            if sympy.minimal_polynomial(x, t).as_expr() == t:
                return 0
        except (NotImplementedError, sympy.polys.polyerrors.PolynomialError):
            pass
    if x.is_positive:
        return 1
    if x.is_negative:
        return -1
    value = sympy.N(x, 50)
    return int(bool(value > 0)) - int(bool(value < 0))


def _params_of(expr: sympy.Expr, params: Sequence[Parameter]) -> list[Parameter]:
    free = expr.free_symbols
    return [p for p in params if p.symbol in free]


def _univariate_sign(q: sympy.Expr, p: Parameter) -> str | None:
    """Sign of a univariate polynomial over the parameter's interval, decided exactly."""
    x = p.symbol
    lo, hi = p.lower, p.upper
    poly = sympy.Poly(q, x)
    roots = sorted(set(sympy.real_roots(poly)), key=lambda r: sympy.N(r, 30))
    inner = [r for r in roots if (lo is None or r > lo) and (hi is None or r < hi)]
    if inner:
        return None
    # constant sign on the open interval: evaluate at an interior point
    if lo is not None and hi is not None:
        probe = (lo + hi) / 2 if hi > lo else lo
    elif lo is not None:
        probe = lo + 1
    elif hi is not None:
        probe = hi - 1
    else:
        probe = sympy.Integer(0)
    s = sign_of_number(q.subs(x, probe))
    at_ends = [r for r in roots if (lo is not None and r == lo and not p.lower_open) or (hi is not None and r == hi)]
    if s == 0:
        return "zero" if poly.is_zero else None
    if at_ends:
        return "nonneg" if s > 0 else "nonpos"
    return "pos" if s > 0 else "neg"


def sign_on_domain(q: sympy.Expr, params: Sequence[Parameter]) -> str | None:
    """The sign of ``q`` everywhere on the parameters' ranges, when it can be proven.

    Returns ``"pos"``, ``"nonneg"``, ``"neg"``, ``"nonpos"``, ``"zero"`` or ``None``
    (not constant in sign, or not proven). Exact: uses sympy's assumptions after
    shifting each parameter to its lower (or upper) bound, vertex checks for
    multilinear polynomials on bounded boxes, and real roots for one parameter.

    Examples
    --------
    >>> p = Parameter("p", low=0, high=1)
    >>> sign_on_domain(2 - p.symbol, [p]), sign_on_domain(p.symbol - sympy.Rational(1, 2), [p])
    ('pos', None)
    >>> sign_on_domain(p.symbol * (1 - p.symbol), [p])
    'nonneg'
    """
    return _sign_cached(sympy.expand(q), tuple(params))


@functools.lru_cache(maxsize=8192)
def _sign_cached(q: sympy.Expr, params: tuple[Parameter, ...]) -> str | None:
    if q.is_number:
        s = sign_of_number(q)
        return {1: "pos", 0: "zero", -1: "neg"}[s]
    used = _params_of(q, params)
    if len(used) != len(q.free_symbols):
        return None  # free symbols that are not parameters
    # one parameter: exact roots
    if len(used) == 1:
        return _univariate_sign(q, used[0])
    # multilinear on a bounded box: extremes are at the vertices
    bounded = all(p.lower is not None and p.upper is not None for p in used)
    if bounded and all(sympy.degree(q, p.symbol) <= 1 for p in used):
        values = [
            sympy.expand(q.xreplace({p.symbol: v for p, v in zip(used, corner)}))
            for corner in itertools.product(*[(p.lower, p.upper) for p in used])
        ]
        signs = {sign_of_number(v) for v in values}
        if signs == {1}:
            return "pos"
        if signs == {-1}:
            return "neg"
        if signs <= {0, 1} and signs != {0}:
            return "nonneg"
        if signs <= {0, -1} and signs != {0}:
            return "nonpos"
        if signs != {0}:
            return None
    # sympy's assumptions after shifting each parameter to its bound
    shift = {}
    for p in used:
        lo, hi = p.lower, p.upper
        if lo is not None:
            t = sympy.Dummy(p.name, positive=True) if p.lower_open else sympy.Dummy(p.name, nonnegative=True)
            shift[p.symbol] = lo + t
        elif hi is not None:
            shift[p.symbol] = hi - sympy.Dummy(p.name, nonnegative=True)
    shifted = sympy.expand(q.xreplace(shift))
    if shifted.is_positive:
        return "pos"
    if shifted.is_negative:
        return "neg"
    if shifted.is_nonnegative:
        return "nonneg"
    if shifted.is_nonpositive:
        return "nonpos"
    return None


@dataclass(frozen=True)
class Condition:
    """``poly REL 0`` for a primitive integer polynomial ``poly`` in the parameters.

    Attributes
    ----------
    poly : sympy.Expr
        The polynomial (integer coefficients, content 1).
    relation : str
        ``">"``, ``">="`` or ``"=="``.

    Examples
    --------
    >>> C, V = sympy.symbols("C V", positive=True)
    >>> cond = Condition(C - V, ">=")
    >>> str(cond), cond.boundary()
    ('C >= V', Condition(poly=C - V, relation='=='))
    >>> cond.holds({C: 2, V: 2}), cond.holds({C: 1, V: 2})
    (True, False)
    """

    poly: sympy.Expr
    relation: str

    @property
    def strict(self) -> bool:
        """``True`` for ``>``."""
        return self.relation == ">"

    @property
    def equality(self) -> bool:
        """``True`` for ``=``: the condition holds only on a surface (a degenerate case)."""
        return self.relation == "=="

    @property
    def symbols(self) -> frozenset:
        """The parameters the condition involves."""
        return frozenset(self.poly.free_symbols)

    def as_relational(self) -> sympy.Basic:
        """The condition as a sympy relation ``poly REL 0``.

        Examples
        --------
        >>> C, V = sympy.symbols("C V", positive=True)
        >>> Condition(C - V, ">").as_relational()
        C - V > 0
        """
        return _REL[self.relation](self.poly, 0)

    def boundary(self) -> "Condition":
        """The equality ``poly = 0`` bounding this condition.

        Examples
        --------
        >>> C, V = sympy.symbols("C V", positive=True)
        >>> str(Condition(C - V, ">").boundary())
        'C = V'
        """
        return Condition(self.poly, "==")

    def holds(self, values: Mapping[Any, Any]) -> bool:
        """Whether the condition holds at exact parameter values ``{symbol or name: value}``.

        Parameters that are not given are left symbolic, which raises ``TypeError``
        when the truth value is not determined.

        Examples
        --------
        >>> C, V = sympy.symbols("C V", positive=True)
        >>> Condition(C - V, ">").holds({"C": 3, "V": 1})
        True
        """
        subs = {}
        names = {s.name: s for s in self.poly.free_symbols}
        for k, v in values.items():
            sym = names.get(k) if isinstance(k, str) else k
            if sym is not None:
                subs[sym] = v if isinstance(v, sympy.Basic) else sympy.Rational(str(v)) if not isinstance(v, int) else sympy.Integer(v)
        value = sympy.expand(self.poly.xreplace(subs))
        if not value.is_number:
            raise TypeError(f"condition {self} is not decided: {sorted(map(str, value.free_symbols))} not given")
        s = sign_of_number(value)
        return {">": s > 0, ">=": s >= 0, "==": s == 0}[self.relation]

    def _sides(self) -> tuple[sympy.Expr, str, sympy.Expr]:
        q = self.poly
        syms = sorted(q.free_symbols, key=lambda s: s.name)
        if len(syms) == 1 and sympy.degree(q, syms[0]) == 1:
            x = syms[0]
            a = q.coeff(x, 1)
            b = q.coeff(x, 0)
            rel = self.relation if a > 0 else _FLIP[self.relation]
            rel = {"==": "="}.get(rel, rel)
            return x, rel, -b / a
        pos = sympy.Add(*[t for t in sympy.Add.make_args(q) if t.could_extract_minus_sign() is False])
        neg = sympy.Add(*[-t for t in sympy.Add.make_args(q) if t.could_extract_minus_sign() is True])
        rel = {"==": "="}.get(self.relation, self.relation)
        return pos, rel, neg

    def __str__(self) -> str:
        lhs, rel, rhs = self._sides()
        return f"{math_text(lhs)} {rel} {math_text(rhs)}"

    def latex(self) -> str:
        r"""LaTeX form, e.g. ``C > V`` or ``p \leq \frac{1}{2}``.

        Examples
        --------
        >>> p = sympy.Symbol("p")
        >>> print(Condition(1 - 2 * p, ">=").latex())
        p \leq \frac{1}{2}
        """
        lhs, rel, rhs = self._sides()
        return f"{math_latex(lhs)} {_LATEX[rel]} {math_latex(rhs)}"

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"


def _primitive(q: sympy.Expr) -> sympy.Expr:
    syms = sorted(q.free_symbols, key=lambda s: s.name)
    poly = sympy.Poly(q, *syms)
    _, prim = poly.primitive()
    # clear rational coefficients to integers, keep the sign
    coeffs = prim.coeffs()
    den = math.lcm(*[int(sympy.Rational(c).q) for c in coeffs]) if coeffs else 1
    num = math.gcd(*[int(sympy.Rational(c).p) for c in coeffs]) if coeffs else 1
    return sympy.expand(prim.as_expr() * den / num)


def make_condition(expr: sympy.Expr, relation: str, params: Sequence[Parameter]) -> "Condition | bool":
    """Normalise ``expr REL 0`` to a :class:`Condition`, or ``True``/``False`` when decided.

    ``expr`` is a rational function of the parameters. It is decided (``True`` or
    ``False``) when its sign is proven on the parameter ranges.

    Examples
    --------
    >>> p = Parameter("p", low=0, high=1)
    >>> print(make_condition(3 * p.symbol - 1, ">", [p]))
    p > 1/3
    >>> make_condition(p.symbol - 2, ">=", [p])
    False
    """
    if relation not in _REL:
        raise ValueError(f"relation must be one of {list(_REL)}")
    expr = sympy.cancel(expr)
    num, den = sympy.fraction(expr)
    num, den = sympy.expand(num), sympy.expand(den)
    if den.is_number:
        q = num * sign_of_number(den)
    else:
        sd = sign_on_domain(den, params)
        if sd == "pos" or (sd == "nonneg" and relation != "=="):
            q = num  # den == 0 is excluded by the formula's own assumptions
        elif sd == "neg" or (sd == "nonpos" and relation != "=="):
            q = -num
        elif relation == "==":
            q = num
        else:
            q = sympy.expand(num * den)
    q = sympy.expand(q)
    if q.is_number:
        s = sign_of_number(q)
        return {">": s > 0, ">=": s >= 0, "==": s == 0}[relation]
    q = _primitive(q)
    if relation == "==" and q.could_extract_minus_sign():
        q = -q
    sign = sign_on_domain(q, params)
    if sign is not None:
        decided = {
            ">": {"pos": True, "neg": False, "nonpos": False, "zero": False},
            ">=": {"pos": True, "nonneg": True, "zero": True, "neg": False},
            "==": {"zero": True, "pos": False, "neg": False},
        }[relation].get(sign)
        if decided is not None:
            return decided
    return Condition(q, relation)


def _linear_bound(c: Condition) -> tuple[sympy.Symbol, str, sympy.Expr] | None:
    syms = list(c.poly.free_symbols)
    if len(syms) != 1 or sympy.degree(c.poly, syms[0]) != 1:
        return None
    x = syms[0]
    a, b = c.poly.coeff(x, 1), c.poly.coeff(x, 0)
    bound = -b / a
    if c.relation == "==":
        return x, "=", bound
    side = "lower" if a > 0 else "upper"
    return x, side + (">" if c.strict else ">="), bound


def _univariate_set(conds: Sequence[Condition], p: Parameter) -> "list[tuple] | None":
    """The exact solution set of one-parameter conditions within the parameter's range.

    Returns a list of pieces ``(low, low_closed, high, high_closed)`` (``None`` = unbounded),
    or ``None`` when a root is not decidable.
    """
    x = p.symbol
    roots: list = []
    for c in conds:
        roots += [r for r in sympy.real_roots(sympy.Poly(c.poly, x))]
    lo, hi = p.lower, p.upper
    pts = sorted(
        {r for r in roots if (lo is None or sign_of_number(r - lo) > 0) and (hi is None or sign_of_number(hi - r) > 0)},
        key=lambda r: sympy.N(r, 50),
    )
    uniq: list = []
    for r in pts:
        if not uniq or sign_of_number(r - uniq[-1]) != 0:
            uniq.append(r)

    def ok(v: sympy.Expr) -> bool:
        for c in conds:
            s = sign_of_number(sympy.expand(c.poly.xreplace({x: v})))
            if not {">": s > 0, ">=": s >= 0, "==": s == 0}[c.relation]:
                return False
        return True

    from .witness import rational_between

    left = lo if lo is not None else (uniq[0] if uniq else sympy.Integer(0)) - 1
    right = hi if hi is not None else (uniq[-1] if uniq else sympy.Integer(0)) + 1
    edges = [left] + uniq + [right]
    # alternate: open interval pieces and points (the points are the roots and closed range ends)
    pieces: list[tuple] = []
    if lo is not None and not p.lower_open and ok(lo):
        pieces.append((lo, True, lo, True))
    for k, (a, b) in enumerate(zip(edges, edges[1:])):
        if sign_of_number(b - a) > 0 and ok(rational_between(a, b)):
            pieces.append((None if (k == 0 and lo is None) else a, False, None if (k == len(edges) - 2 and hi is None) else b, False))
        if k < len(uniq) and ok(uniq[k]):
            pieces.append((uniq[k], True, uniq[k], True))
    if hi is not None and ok(hi):
        pieces.append((hi, True, hi, True))
    # merge touching pieces
    merged: list[list] = []
    for piece in pieces:
        if merged:
            a = merged[-1]
            if a[2] is not None and piece[0] is not None and sign_of_number(a[2] - piece[0]) == 0 and (a[3] or piece[1]):
                a[2], a[3] = piece[2], piece[3]
                continue
        merged.append(list(piece))
    return [tuple(m) for m in merged]


def _bounds_conditions(piece: tuple, p: Parameter) -> "list[Condition] | None":
    low, low_closed, high, high_closed = piece
    x = p.symbol
    out = []
    if low is not None and high is not None and sign_of_number(high - low) == 0:
        return [Condition(_primitive(x - low), "==")] if low.is_Rational else None
    if low is not None and not (p.lower is not None and sign_of_number(low - p.lower) == 0 and (low_closed or p.lower_open)):
        if not low.is_Rational:
            return None
        out.append(Condition(_primitive(x - low), ">=" if low_closed else ">"))
    if high is not None and not (p.upper is not None and sign_of_number(high - p.upper) == 0 and high_closed):
        if not high.is_Rational:
            return None
        out.append(Condition(_primitive(high - x), ">=" if high_closed else ">"))
    return out


def simplify_conditions(
    conditions: Iterable["Condition | bool"], params: Sequence[Parameter] = ()
) -> "tuple[Condition, ...] | bool":
    """Simplify a conjunction: drop ``True`` and duplicates, merge opposite and bound conditions.

    Returns ``False`` when the conjunction is contradictory (detected exactly for
    one-parameter linear bounds and opposite pairs), ``()`` when it always holds.

    Examples
    --------
    >>> C, V, p = sympy.symbols("C V p", positive=True)
    >>> simplify_conditions([Condition(C - V, ">="), Condition(V - C, ">=")])
    (Condition(poly=C - V, relation='=='),)
    >>> simplify_conditions([Condition(C - V, ">"), Condition(V - C, ">=")])
    False
    >>> [str(c) for c in simplify_conditions([Condition(2*p - 1, ">"), Condition(3*p - 2, ">="), Condition(p - 1, "<" and ">=")])]
    ['p >= 1']
    """
    conds: list[Condition] = []
    for c in conditions:
        if c is False:
            return False
        if c is True:
            continue
        if c not in conds:
            conds.append(c)
    # opposite pairs
    changed = True
    while changed:
        changed = False
        for a, b in itertools.combinations(conds, 2):
            if sympy.expand(a.poly + b.poly) != 0:
                continue
            if a.equality or b.equality:
                if a.strict or b.strict:
                    return False
                keep = a if a.equality else b
            elif a.strict or b.strict:
                return False
            else:
                keep = Condition(a.poly if not a.poly.could_extract_minus_sign() else b.poly, "==")
            conds = [c for c in conds if c not in (a, b)] + [keep]
            changed = True
            break
    # same polynomial, different relations: the strongest wins
    by_poly: dict[sympy.Expr, list[Condition]] = {}
    for c in conds:
        by_poly.setdefault(c.poly, []).append(c)
    conds = []
    for poly, group in by_poly.items():
        rels = {c.relation for c in group}
        if "==" in rels and ">" in rels:
            return False
        rel = "==" if "==" in rels else ">" if ">" in rels else ">="
        conds.append(Condition(poly, rel))
    # one-parameter linear bounds: keep the tightest lower and upper bound
    bounds: dict[sympy.Symbol, list[Condition]] = {}
    rest: list[Condition] = []
    for c in conds:
        (bounds.setdefault(next(iter(c.symbols)), []) if _linear_bound(c) else rest).append(c)
    for x, group in bounds.items():
        lower = upper = None  # (value, strict)
        equal = None
        for c in group:
            _, kind, value = _linear_bound(c)  # type: ignore[misc]
            if kind == "=":
                if equal is not None and equal != value:
                    return False
                equal = value
            elif kind.startswith("lower"):
                strict = kind.endswith(">")
                if lower is None or value > lower[0] or (value == lower[0] and strict):
                    lower = (value, strict)
            else:
                strict = kind.endswith(">")
                if upper is None or value < upper[0] or (value == upper[0] and strict):
                    upper = (value, strict)
        if equal is not None:
            if lower and (equal < lower[0] or (equal == lower[0] and lower[1])):
                return False
            if upper and (equal > upper[0] or (equal == upper[0] and upper[1])):
                return False
            rest.append(Condition(_primitive(x - equal), "=="))
            continue
        if lower and upper:
            if lower[0] > upper[0] or (lower[0] == upper[0] and (lower[1] or upper[1])):
                return False
            if lower[0] == upper[0]:
                rest.append(Condition(_primitive(x - lower[0]), "=="))
                continue
        if lower:
            rest.append(Condition(_primitive(x - lower[0]), ">" if lower[1] else ">="))
        if upper:
            rest.append(Condition(_primitive(upper[0] - x), ">" if upper[1] else ">="))
    # one parameter, any degree: the exact solution set within the parameter's range
    by_param = {p.symbol: p for p in params}
    groups: dict[sympy.Symbol, list[Condition]] = {}
    others: list[Condition] = []
    for c in rest:
        syms = c.symbols
        if len(syms) == 1 and next(iter(syms)) in by_param:
            groups.setdefault(next(iter(syms)), []).append(c)
        else:
            others.append(c)
    rest = others
    for x, group in groups.items():
        if len(group) == 1 and all(sympy.degree(c.poly, x) == 1 for c in group):
            rest += group
            continue
        pieces = _univariate_set(group, by_param[x])
        if pieces is not None and not pieces:
            return False
        simple = _bounds_conditions(pieces[0], by_param[x]) if pieces is not None and len(pieces) == 1 else None
        rest += group if simple is None else simple
    return tuple(sorted(rest, key=lambda c: (c.equality is False, sympy.default_sort_key(c.poly))))


def conditions_latex(conditions: Sequence[Condition]) -> str:
    r"""A conjunction in LaTeX, joined by ``\wedge``; ``\text{always}`` when empty.

    Examples
    --------
    >>> C, V = sympy.symbols("C V", positive=True)
    >>> conditions_latex([Condition(C - V, ">")])
    'C > V'
    """
    if not conditions:
        return r"\text{always}"
    return r" \wedge ".join(c.latex() for c in conditions)
