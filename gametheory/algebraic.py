"""Exact real algebraic numbers for equilibria that are not rational.

Games with three or more players can have equilibria whose probabilities are
irrational (roots of polynomials), so they cannot be :class:`~fractions.Fraction`.
The polynomial solver represents every coordinate of such an equilibrium in one
number field ``Q(θ)``: ``θ`` is the real root number ``index`` (ascending) of an
irreducible polynomial ``f`` over the rationals, and each coordinate is a
polynomial ``q(θ)`` of degree below ``deg f``. This gives

* **exact signs**: ``q(θ) = 0`` exactly when ``f`` divides ``q``; otherwise ``q(θ)``
  is non-zero and its sign is found by rational interval arithmetic on an
  isolating interval of ``θ`` refined until the interval excludes 0 (no floats);
* **certified floats**: the interval of ``q(θ)`` is narrowed below ``1e-18``
  relative width before it is rounded to the nearest ``float``;
* **exact display**: the minimal polynomial of ``q(θ)`` (a resultant) and its
  root index give a sympy ``Rational``, a radical (degree 2) or a ``CRootOf``.

:class:`AlgebraicEquilibrium` is an :class:`~gametheory.Equilibrium` whose
``profile`` and ``payoffs`` hold those certified floats (so every display and
exporter keeps working) and whose ``exact_profile`` / ``exact_payoffs`` hold the
exact sympy numbers.

Examples
--------
>>> import sympy as sp
>>> t = sp.Symbol("t")
>>> r = RealAlgebraic(sp.Poly(t**2 - 2, t), 1)   # θ = √2
>>> r.sign(sp.Poly(t - 1, t)), r.sign(sp.Poly(t**2 - 2, t))   # √2 - 1 > 0; θ² - 2 = 0
(1, 0)
>>> r.approx(sp.Poly(t, t))
1.4142135623730951
>>> r.exact(sp.Poly(t / 2, t))
sqrt(2)/2
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ._lazy import lazy_module
from . import exact as _exact
from .profiles import format_profile
from .solution import Equilibrium

sp = lazy_module("sympy")  # imported on first use: ``import gametheory`` stays light

__all__ = ["RealAlgebraic", "AlgebraicEquilibrium", "DeferredExact", "to_fraction", "format_algebraic"]


def to_fraction(value: Any) -> Fraction:
    """A sympy or Python rational as a :class:`~fractions.Fraction`.

    Examples
    --------
    >>> to_fraction(sp.Rational(2, 3))
    Fraction(2, 3)
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    value = sp.Rational(value)
    return Fraction(int(value.p), int(value.q))


def _interval_mul(a: tuple[Fraction, Fraction], b: tuple[Fraction, Fraction]) -> tuple[Fraction, Fraction]:
    prods = (a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1])
    return min(prods), max(prods)


def _horner(coeffs: list[Fraction], x: tuple[Fraction, Fraction]) -> tuple[Fraction, Fraction]:
    """Interval enclosing ``sum c_k x^(n-k)`` for all x in the interval (coefficients high first)."""
    lo = hi = Fraction(0)
    for c in coeffs:
        lo, hi = _interval_mul((lo, hi), x)
        lo, hi = lo + c, hi + c
    return lo, hi


class RealAlgebraic:
    """The real root number ``index`` (ascending) of an irreducible polynomial ``f`` over Q.

    Elements of ``Q(θ)`` are given as sympy ``Poly`` objects in the same generator as ``f``.

    Parameters
    ----------
    f : sympy.Poly
        Irreducible over the rationals, univariate.
    index : int
        Which real root, counting from the smallest (the ``CRootOf`` convention).

    Examples
    --------
    >>> t = sp.Symbol("t")
    >>> RealAlgebraic(sp.Poly(t**3 - 3*t + 1, t), 0).approx(sp.Poly(t, t))
    -1.8793852415718169
    """

    def __init__(self, f: sp.Poly, index: int) -> None:
        self.f = f.monic() if f.get_domain().is_Field else f.to_field().monic()
        self.index = index
        self.gen = f.gen
        if self.f.degree() == 1:
            root = to_fraction(-self.f.all_coeffs()[1])
            self._interval = (root, root)
        else:
            ivs = self.f.intervals()
            (a, b), _ = ivs[index]
            self._interval = (to_fraction(a), to_fraction(b))

    @property
    def rational(self) -> bool:
        """``True`` when θ is rational (``f`` has degree 1)."""
        return self.f.degree() == 1

    @property
    def expr(self) -> sp.Expr:
        """θ as an exact sympy number."""
        return self.exact(sp.Poly(self.gen, self.gen))

    def _refine(self, width: Fraction) -> None:
        a, b = self._interval
        if a == b or b - a <= width:
            return
        a2, b2 = self.f.refine_root(sp.Rational(a.numerator, a.denominator), sp.Rational(b.numerator, b.denominator),
                                    eps=sp.Rational(width.numerator, width.denominator))
        self._interval = (to_fraction(a2), to_fraction(b2))

    def reduce(self, q: sp.Poly) -> sp.Poly:
        """``q`` modulo ``f`` (the canonical representative in ``Q(θ)``)."""
        return sp.Poly(q, self.gen, domain="QQ").rem(self.f)

    def interval(self, q: sp.Poly, width: Fraction = Fraction(1, 10**20)) -> tuple[Fraction, Fraction]:
        """A rational interval containing ``q(θ)``, with θ's interval refined to ``width``."""
        q = self.reduce(q)
        coeffs = [to_fraction(c) for c in q.all_coeffs()]
        self._refine(width)
        return _horner(coeffs, self._interval)

    def sign(self, q: sp.Poly) -> int:
        """The exact sign of ``q(θ)``: 0 iff ``f`` divides ``q``, else refined until certain."""
        q = self.reduce(q)
        if q.is_zero:
            return 0
        width = Fraction(1, 10**6)
        while True:
            lo, hi = self.interval(q, width)
            if lo > 0:
                return 1
            if hi < 0:
                return -1
            width /= 10**6

    def fraction(self, q: sp.Poly) -> Fraction:
        """``q(θ)`` as a Fraction (θ must be rational)."""
        if not self.rational:
            raise ValueError("θ is irrational")
        return _horner([to_fraction(c) for c in self.reduce(q).all_coeffs()], self._interval)[0]

    def approx(self, q: sp.Poly) -> float:
        """``q(θ)`` rounded to a float from an interval of relative width below ``1e-18``."""
        if self.rational:
            return float(self.fraction(q))
        if self.reduce(q).is_zero:
            return 0.0
        width = Fraction(1, 10**20)
        while True:
            lo, hi = self.interval(q, width)
            scale = max(abs(lo), abs(hi), Fraction(1, 10**300))
            if hi - lo <= scale * Fraction(1, 10**18):
                return float((lo + hi) / 2)
            width /= 10**10

    def exact(self, q: sp.Poly) -> sp.Expr:
        """``q(θ)`` as an exact sympy number: ``Rational``, radical (degree 2) or ``CRootOf``."""
        q = self.reduce(q)
        if q.degree() <= 0:
            return sp.Rational(q.LC()) if not q.is_zero else sp.Integer(0)
        y = sp.Dummy("y")
        res = sp.Poly(sp.resultant(self.f.as_expr(), y - q.as_expr(), self.gen), y)
        _, factors = sp.factor_list(res)
        # f irreducible: the resultant is a power of the minimal polynomial of q(θ)
        h = sp.Poly(factors[0][0], y)
        if h.degree() == 1:
            return -h.all_coeffs()[1] / h.all_coeffs()[0]
        width = Fraction(1, 10**20)
        while True:
            lo, hi = self.interval(q, width)
            hits = []
            for k, ((a, b), _) in enumerate(h.intervals(eps=sp.Rational(1, 10**10))):
                a, b = to_fraction(a), to_fraction(b)
                if not (b < lo or a > hi):
                    hits.append(k)
            if len(hits) == 1:
                k = hits[0]
                z = sp.Symbol("x")
                return sp.rootof(h.as_expr().subs(y, z), k, radicals=h.degree() == 2)
            width /= 10**10


def format_algebraic(value: Any, digits: int = 6) -> str:
    """Text for an exact algebraic number: ``2/3``, ``2/3 - sqrt(7)/3`` or ``CRootOf(...) ≈ 0.4``.

    Examples
    --------
    >>> format_algebraic(sp.Rational(2, 3)), format_algebraic(sp.sqrt(2) / 2)
    ('2/3', 'sqrt(2)/2')
    """
    if isinstance(value, (Fraction, int)) or getattr(value, "is_Rational", False):
        return _exact.format_number(to_fraction(value))
    text = str(value)
    if "CRootOf" in text:
        text += f" ≈ {_exact.format_number(float(value), digits)}"
    return text


class DeferredExact:
    """The exact values of an :class:`AlgebraicEquilibrium`, built on first access.

    Solvers verify an irrational equilibrium exactly in its number field and may hand
    over its exact sympy form as a recipe instead of sympy numbers (building radicals
    and ``CRootOf`` objects costs more than the verification). Subclasses implement
    :meth:`build`; they must be picklable (plain data).
    """

    def build(self) -> dict[str, Any]:  # pragma: no cover - abstract
        """``{"exact_profile": ..., "exact_payoffs": ..., "primitive_element": ...}``."""
        raise NotImplementedError

    def describe(self) -> str | None:
        """A short text for displays when building the sympy values would be slow (``None``: build them)."""
        return None


_DEFERRED = frozenset({"exact_profile", "exact_payoffs", "primitive_element"})


@dataclass(frozen=True)
class AlgebraicEquilibrium(Equilibrium):
    """An equilibrium of an exact game with irrational probabilities, verified exactly.

    ``profile``, ``payoffs`` and ``regret`` are floats (certified roundings of the
    exact values; ``regret`` is the regret of the rounded profile, about 1e-16).
    The exact numbers are in ``exact_profile`` and ``exact_payoffs`` (sympy);
    ``exact_regret`` is the exactly verified regret of the exact profile: 0.

    Attributes
    ----------
    exact_profile : tuple of tuple of sympy.Expr
        One exact probability vector per player.
    exact_payoffs : tuple of sympy.Expr
        Each player's exact expected payoff.
    primitive_element : sympy.Expr
        θ: every coordinate is a rational polynomial in it.
    exact_regret : int
        Always 0: the indifference equations hold exactly in ``Q(θ)`` and every
        best-response inequality was signed exactly.

    A solver may pass a :class:`DeferredExact` for ``exact_profile``,
    ``exact_payoffs`` and ``primitive_element``: the sympy numbers are then built
    the first time one of them is read (the exact verification is done before).
    """

    exact_profile: tuple = ()
    exact_payoffs: tuple = ()
    primitive_element: Any = None
    exact_regret: int = 0

    def __getattribute__(self, name: str) -> Any:
        if name in _DEFERRED:
            value = object.__getattribute__(self, "__dict__").get(name)
            if isinstance(value, DeferredExact):  # build the sympy values once, then keep them
                built = value.build()
                for key in _DEFERRED:
                    object.__setattr__(self, key, built[key])
                return built[name]
            return value
        return object.__getattribute__(self, name)

    def exact_strategy(self, player: int | str) -> dict[str, Any]:
        """``{strategy label: exact probability}`` of one player (positive probabilities only).

        Examples
        --------
        >>> from gametheory import Game
        >>> from gametheory.solvers.polynomial import polynomial_equilibria
        >>> g = Game([[[[1, 3], [0, 1]], [[0, 0], [1, 2]]], [[[2, 1], [0, 3]], [[3, 0], [0, 1]]],
        ...           [[[0, 3], [2, 2]], [[1, 2], [3, 0]]]])
        >>> eq = polynomial_equilibria(g)[0]
        >>> eq.exact_strategy(0)
        {'1': 11/3 - sqrt(82)/3, '2': -8/3 + sqrt(82)/3}
        >>> eq.profile[0]
        (0.6482049539541944, 0.3517950460458055)
        """
        i = self.game.player_index(player)
        return {self.game.strategies[i][k]: self.exact_profile[i][k] for k in self.supports[i]}

    def _description(self) -> str | None:
        """The deferred values' short description when building them would be slow, else ``None``."""
        value = object.__getattribute__(self, "__dict__").get("exact_profile")
        return value.describe() if isinstance(value, DeferredExact) else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: float profile plus the exact values as sympy strings (for numbers of
        high degree, whose sympy form is slow to build, a description of them instead)."""
        d = super().to_dict()
        described = self._description()
        if described is not None:
            d["exact_profile"] = described
            d["exact_payoffs"] = described
            d["exact_regret"] = "0"
            return d
        d["exact_profile"] = {
            p: {self.game.strategies[i][k]: str(self.exact_profile[i][k]) for k in self.supports[i]}
            for i, p in enumerate(self.game.players)
        }
        d["exact_payoffs"] = {p: str(v) for p, v in zip(self.game.players, self.exact_payoffs)}
        d["exact_regret"] = "0"
        return d

    def __str__(self) -> str:
        approx = format_profile(self.game, self.profile)
        described = self._description()
        if described is not None:
            pay = ", ".join(_exact.format_number(v) for v in self.payoffs)
            return f"{approx}  payoffs ≈ ({pay})  regret 0 (exact: {described})"
        exact = "; ".join(
            f"{p}: " + ", ".join(f"{self.game.strategies[i][k]} {format_algebraic(self.exact_profile[i][k])}"
                                 for k in self.supports[i])
            for i, p in enumerate(self.game.players)
        )
        pay = ", ".join(_exact.format_number(v) for v in self.payoffs)
        return f"{approx}  payoffs ≈ ({pay})  regret 0 (exact: {exact})"
