"""Exact arithmetic in a real number field ``Q(θ)`` on python-flint, for the N-player solver.

``θ`` is one real root of an irreducible integer polynomial ``f``, kept with a rational
isolating interval ``(lo, hi)`` (exactly one root of ``f`` inside, ``f(lo)`` and ``f(hi)``
of opposite signs). An element of ``Q(θ)`` is an ``fmpq_poly`` of degree below ``deg f``
standing for its value at ``θ``. This gives, without floating point decisions:

* **exact zero test**: ``q(θ) = 0`` exactly when ``f`` divides ``q`` (``f`` is irreducible);
* **exact signs** of non-zero elements: ball arithmetic (arb) on the isolating interval,
  refined by exact bisection until the ball excludes 0;
* **certified floats**: the ball of ``q(θ)`` narrowed below ``1e-18`` relative radius;
* **exact display**: a sympy number (``Rational``, a radical when ``deg f = 2``, else a
  ``CRootOf`` of the minimal polynomial of ``q(θ)``), built only when asked for.

It is the flint counterpart of :class:`gametheory.algebraic.RealAlgebraic` (sympy), about
two orders of magnitude faster, which the solver needs because it decides thousands of
signs per game.

Examples
--------
>>> from flint import fmpz_poly, fmpq_poly
>>> field = real_roots(fmpz_poly([-2, 0, 1]))[-1]          # θ = √2, the larger root of t² - 2
>>> field.sign(fmpq_poly([-1, 1])), field.sign(fmpq_poly([-2, 0, 1]))   # θ - 1 > 0; θ² - 2 = 0
(1, 0)
>>> field.approx(fmpq_poly([0, 1]))
1.4142135623730951
>>> field.to_sympy(fmpq_poly([0, 1]) / 2)
sqrt(2)/2
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import flint
from flint import arb, arb_poly, fmpq, fmpq_poly, fmpz_poly

from .._lazy import lazy_module
from ..algebraic import DeferredExact

sp = lazy_module("sympy")

__all__ = ["RealField", "real_roots", "positive_real_roots", "to_fraction", "DeferredFieldValues"]

_PREC = 128  # working precision (bits) of ball evaluations; raised as needed


def to_fraction(x: Any) -> Fraction:
    """An ``fmpq`` (or ``fmpz``, int) as a :class:`~fractions.Fraction`.

    Examples
    --------
    >>> to_fraction(fmpq(2, 6))
    Fraction(1, 3)
    """
    if isinstance(x, fmpq):
        return Fraction(int(x.p), int(x.q))
    return Fraction(int(x))


def _fmpq_of_arb_end(x: arb, upper: bool) -> fmpq:
    """A rational lower (or upper) bound of an arb ball."""
    man, exp = x.mid().man_exp()
    rman, rexp = x.rad().man_exp()
    mid = fmpq(int(man)) * fmpq(2) ** int(exp) if int(exp) >= 0 else fmpq(int(man), 2 ** (-int(exp)))
    rad = fmpq(int(rman)) * fmpq(2) ** int(rexp) if int(rexp) >= 0 else fmpq(int(rman), 2 ** (-int(rexp)))
    return mid + rad if upper else mid - rad


class RealField:
    """``Q(θ)`` with ``θ`` the real root of irreducible ``f`` in ``(lo, hi)``.

    Parameters
    ----------
    f : flint.fmpz_poly
        Irreducible over Q.
    lo, hi : flint.fmpq
        An isolating interval: ``f(lo) * f(hi) < 0`` and no other root of ``f`` in it
        (``lo == hi`` when ``deg f = 1``).
    """

    __slots__ = ("f", "fq", "lo", "hi", "degree", "_sympy_theta", "_sympy_root", "_ball")

    def __init__(self, f: fmpz_poly, lo: fmpq, hi: fmpq) -> None:
        self.f = f
        self.fq = fmpq_poly(f)
        self.degree = f.degree()
        self.lo, self.hi = lo, hi
        self._sympy_theta = None
        self._sympy_root = None
        self._ball: tuple[int, arb] | None = None

    @property
    def rational(self) -> bool:
        """``True`` when ``θ`` is rational (``deg f = 1``)."""
        return self.degree == 1

    # -- arithmetic ------------------------------------------------------------------------
    def reduce(self, q: fmpq_poly) -> fmpq_poly:
        """``q`` modulo ``f``: the canonical representative."""
        return q % self.fq if q.degree() >= self.degree else q

    def mul(self, a: fmpq_poly, b: fmpq_poly) -> fmpq_poly:
        """The product in ``Q(θ)``."""
        return self.reduce(a * b)

    def inv(self, a: fmpq_poly) -> fmpq_poly:
        """The inverse of a non-zero element (extended Euclid with ``f``)."""
        if self.degree == 1:
            return fmpq_poly([1 / self.value(a)])
        g, s, _ = a.xgcd(self.fq)
        return self.reduce(s / g[0])

    def value(self, a: fmpq_poly) -> fmpq:
        """The exact rational value of ``a`` (``θ`` rational only)."""
        return a(self.lo) if a.degree() > 0 else (a[0] if a.degree() == 0 else fmpq(0))

    # -- signs and floats ----------------------------------------------------------------
    def _refine(self) -> None:
        """Halve the isolating interval 32 times by exact sign evaluation of ``f``."""
        lo, hi = self.lo, self.hi
        slo = self.fq(lo) > 0
        for _ in range(32):
            mid = (lo + hi) / 2
            v = self.fq(mid)
            if v == 0:
                lo = hi = mid
                break
            if (v > 0) == slo:
                lo = mid
            else:
                hi = mid
        self.lo, self.hi = lo, hi
        self._ball = None

    def ball(self, prec: int = _PREC) -> arb:
        """An arb ball containing ``θ`` at precision ``prec``."""
        if self._ball is not None and self._ball[0] >= prec:
            return self._ball[1]
        with flint.ctx.workprec(prec):
            b = arb(self.lo).union(arb(self.hi))
        self._ball = (prec, b)
        return b

    def _eval(self, a: fmpq_poly, prec: int) -> arb:
        with flint.ctx.workprec(prec):
            return arb_poly(a)(self.ball(prec))

    def sign(self, a: fmpq_poly) -> int:
        """The exact sign of ``a(θ)``: 0 iff ``f`` divides ``a``."""
        a = self.reduce(a)
        if a.is_zero():
            return 0
        if self.degree == 1:
            v = self.value(a)
            return (v > 0) - (v < 0)
        prec = _PREC
        while True:
            v = self._eval(a, prec)
            if v > 0:
                return 1
            if v < 0:
                return -1
            self._refine()
            prec += 64

    def approx(self, a: fmpq_poly) -> float:
        """``a(θ)`` rounded to a float from a ball of relative radius below ``1e-18``."""
        a = self.reduce(a)
        if a.is_zero():
            return 0.0
        if self.degree == 1:
            return float(to_fraction(self.value(a)))
        prec = _PREC
        while True:
            v = self._eval(a, prec)
            mid = abs(v.mid())
            if mid > 0 and v.rad() <= mid * arb(10) ** -18:
                return float(v.mid())
            self._refine()
            prec += 64

    def approx_ratio(self, a: fmpq_poly, b: fmpq_poly) -> float:
        """``a(θ) / b(θ)`` (``b(θ) != 0``) rounded to a float from a ball of relative radius below
        ``1e-18``, without inverting ``b`` in the field.

        Examples
        --------
        >>> field = real_roots(fmpz_poly([-2, 0, 1]))[-1]
        >>> field.approx_ratio(fmpq_poly([1]), fmpq_poly([0, 1]))     # 1/√2
        0.7071067811865476
        """
        a, b = self.reduce(a), self.reduce(b)
        if a.is_zero():
            return 0.0
        if self.degree == 1:
            return float(to_fraction(self.value(a) / self.value(b)))
        prec = _PREC
        while True:
            with flint.ctx.workprec(prec):
                den = self._eval(b, prec)
                if not 0 in den:
                    v = self._eval(a, prec) / den
                    mid = abs(v.mid())
                    if mid > 0 and v.rad() <= mid * arb(10) ** -18:
                        return float(v.mid())
            self._refine()
            prec += 64

    # -- exact display ---------------------------------------------------------------------
    def theta_sympy(self) -> Any:
        """``θ`` as an exact sympy number."""
        if self._sympy_theta is None:
            self._sympy_theta = self.to_sympy(fmpq_poly([0, 1]))
        return self._sympy_theta

    def to_sympy(self, a: fmpq_poly) -> Any:
        """``a(θ)`` as an exact sympy number: ``Rational``, radical (degree 2) or ``CRootOf``."""
        a = self.reduce(a)
        if a.degree() <= 0:
            v = a[0] if a.degree() == 0 else fmpq(0)
            return sp.Rational(int(v.p), int(v.q))
        if self.degree == 2:
            c, b, a2 = (fmpq(x) for x in self.f.coeffs())  # f = a2 t^2 + b t + c
            disc = b * b - 4 * a2 * c  # θ = (-b ± √disc) / (2 a2)
            s = 1 if self.sign(fmpq_poly([b, 2 * a2])) > 0 else -1  # sign of 2 a2 θ + b = ±√disc
            q0, q1 = a[0], a[1]
            # a(θ) = q0 + q1 θ = (q0 - q1 b / (2 a2)) + s q1 / (2 a2) √disc
            r0 = q0 - q1 * b / (2 * a2)
            r1 = s * q1 / (2 * a2)
            if self._sympy_root is None:
                dnum, dden = int(disc.p), int(disc.q)
                self._sympy_root = sp.sqrt(sp.Integer(dnum * dden)) / dden  # √disc, built once per field
            return sp.Rational(int(r0.p), int(r0.q)) + sp.Rational(int(r1.p), int(r1.q)) * self._sympy_root
        # minimal polynomial of a(θ): a factor of the characteristic polynomial of "times a"
        n = self.degree
        cols = []
        for k in range(n):
            col = self.reduce(a * fmpq_poly([0] * k + [1]))
            cols.append([col[j] for j in range(n)])
        mat = flint.fmpq_mat([[cols[k][j] for k in range(n)] for j in range(n)])
        charpoly = mat.charpoly()
        _, factors = charpoly.factor()
        target = self._eval(a, _PREC)
        for h, _ in factors:
            hz = h.numer() if isinstance(h, fmpq_poly) else h
            if not self.reduce(_compose(hz, a, self)).is_zero():
                continue  # not the minimal polynomial of a(θ)
            if hz.degree() == 1:
                c0, c1 = hz.coeffs()
                v = fmpq(-int(c0), int(c1))
                return sp.Rational(int(v.p), int(v.q))
            for k, root in enumerate(_real_root_balls(hz)):
                if root.overlaps(target):
                    x = sp.Symbol("x")
                    expr = sum(int(c) * x**j for j, c in enumerate(hz.coeffs()))
                    return sp.CRootOf(expr, k)
        raise ArithmeticError("no minimal polynomial found")  # pragma: no cover - f irreducible


def _compose(h: fmpz_poly, a: fmpq_poly, field: RealField) -> fmpq_poly:
    """``h(a)`` in ``Q(θ)`` (Horner, reduced at each step)."""
    out = fmpq_poly([0])
    for c in reversed(h.coeffs()):
        out = field.reduce(out * a + int(c))
    return out


def _real_root_balls(h: fmpz_poly) -> list[arb]:
    """Balls around the real roots of a square-free ``h``, ascending (real roots are returned exactly real)."""
    out = []
    with flint.ctx.workprec(_PREC):
        for r, _ in h.complex_roots():
            if r.imag == 0:
                out.append(r.real)
    out.sort(key=lambda b: float(b.mid()))
    return out


def real_roots(f: fmpz_poly, *, lower: fmpq | None = None) -> list[RealField]:
    """One :class:`RealField` per real root of the irreducible ``f`` (ascending), optionally
    only roots above ``lower`` (strictly; decided exactly).

    Examples
    --------
    >>> [r.approx(fmpq_poly([0, 1])) for r in real_roots(fmpz_poly([-2, 0, 1]))]
    [-1.4142135623730951, 1.4142135623730951]
    """
    if f.degree() == 1:
        c0, c1 = f.coeffs()
        v = fmpq(-int(c0), int(c1))
        if lower is not None and not v > lower:
            return []
        return [RealField(f, v, v)]
    out = []
    for b in _real_root_balls(f):
        lo, hi = _fmpq_of_arb_end(b, False), _fmpq_of_arb_end(b, True)
        field = RealField(f, lo, hi)
        if lower is not None:
            if hi <= lower:
                continue
            if lo <= lower:  # the interval straddles the bound: decide exactly
                if field.sign(fmpq_poly([-lower, 1])) <= 0:
                    continue
        out.append(field)
    return out


def _sign_changes(u: fmpz_poly) -> int:
    signs = [c > 0 for c in u.coeffs() if c != 0]
    return sum(a != b for a, b in zip(signs, signs[1:]))


def positive_real_roots(u: fmpz_poly) -> list[RealField]:
    """Every positive real root of a non-zero ``u``, one :class:`RealField` per root, grouped by
    irreducible factor (factored over Q by flint).

    Examples
    --------
    >>> [r.f for r in positive_real_roots(fmpz_poly([2, -3, 1]) * fmpz_poly([-2, 0, 1]))]
    [x + (-1), x + (-2), x^2 + (-2)]
    """
    if _sign_changes(u) == 0:
        return []  # Descartes' rule of signs: no positive root
    _, factors = u.factor()
    out = []
    for g, _ in sorted(factors, key=lambda fm: (fm[0].degree(), str(fm[0]))):
        if g.degree() < 1:
            continue
        if g.leading_coefficient() < 0:
            g = -g
        if _sign_changes(g) == 0:
            continue
        out.extend(real_roots(g, lower=fmpq(0)))
    out.sort(key=lambda r: (r.degree, float(r.lo)))
    return out


def _plain(q: fmpq_poly) -> list[tuple[int, int]]:
    return [(int(c.p), int(c.q)) for c in q.coeffs()]


def _flint(c: list[tuple[int, int]]) -> fmpq_poly:
    return fmpq_poly([fmpq(p, q) for p, q in c]) if c else fmpq_poly([0])


class DeferredFieldValues(DeferredExact):
    """An equilibrium's exact values as elements of ``Q(θ)``, turned into sympy numbers on demand.

    Plain integers only (picklable): the field's polynomial and isolating interval, and
    each value's coefficients.

    Examples
    --------
    >>> field = real_roots(fmpz_poly([-2, 0, 1]))[-1]
    >>> d = DeferredFieldValues(field, [[fmpq_poly([0, 1]) / 2]], [fmpq_poly([1, 1])])
    >>> d.build()["exact_profile"], d.build()["exact_payoffs"]
    (((sqrt(2)/2,),), (1 + sqrt(2),))
    """

    def __init__(self, field: RealField, profile: list[list[fmpq_poly]], payoffs: list[fmpq_poly],
                 denominators: list[fmpq_poly] | None = None,
                 payoff_denominators: list[fmpq_poly] | None = None) -> None:
        self.f = [int(c) for c in field.f.coeffs()]
        self.interval = ((int(field.lo.p), int(field.lo.q)), (int(field.hi.p), int(field.hi.q)))
        self.profile = [[_plain(field.reduce(x)) for x in vec] for vec in profile]
        self.payoffs = [_plain(field.reduce(x)) for x in payoffs]
        # unnormalised values (fields of high degree): divided by these when built
        self.denominators = None if denominators is None else [_plain(field.reduce(x)) for x in denominators]
        self.payoff_denominators = (None if payoff_denominators is None
                                    else [_plain(field.reduce(x)) for x in payoff_denominators])

    def describe(self) -> str | None:
        """For unnormalised values (fields of high degree): a short text, as building them is slow."""
        if getattr(self, "denominators", None) is None:
            return None
        return (f"algebraic numbers of degree up to {len(self.f) - 1}, verified exactly in Q(θ); "
                "reading exact_profile builds their sympy form (slow at this degree)")

    def build(self) -> dict[str, Any]:
        """The exact sympy profile, payoffs and primitive element."""
        (lp, lq), (hp, hq) = self.interval
        field = RealField(fmpz_poly(self.f), fmpq(lp, lq), fmpq(hp, hq))
        profile = [[_flint(x) for x in vec] for vec in self.profile]
        payoffs = [_flint(x) for x in self.payoffs]
        if getattr(self, "denominators", None) is not None:
            profile = [[field.mul(x, field.inv(_flint(d))) for x in vec] for vec, d in zip(profile, self.denominators)]
        if getattr(self, "payoff_denominators", None) is not None:
            payoffs = [field.mul(x, field.inv(_flint(d))) for x, d in zip(payoffs, self.payoff_denominators)]
        return {
            "exact_profile": tuple(tuple(field.to_sympy(x) for x in vec) for vec in profile),
            "exact_payoffs": tuple(field.to_sympy(x) for x in payoffs),
            "primitive_element": field.theta_sympy(),
        }
