"""All isolated Nash equilibria of small N-player games by support enumeration and exact polynomial algebra.

For every *support profile* ``(S_1, ..., S_N)`` the equilibria whose supports are
exactly those sets solve a square polynomial system: each player is indifferent
among the strategies of its support,

    U_i(k, σ_-i) = U_i(k_0, σ_-i)   for k in S_i \\ {k_0},   Σ_k σ_ik = 1,

which is multilinear of degree N - 1 in the other players' probabilities. Each
support profile goes through the cheapest method that decides it:

1. **Pruning** (:mod:`._support_pruning`): a support with a conditionally dominated
   strategy holds no equilibrium (Porter, Nudelman & Shoham 2008); bitmask tests.
2. **Structured exact elimination** (:mod:`._support_systems`): two mixing players
   with supports of equal size are solved linearly in terms of the others, whose one
   or two remaining unknowns come from a resultant; roots are isolated, signed and
   computed with exactly in the number field ``Q(θ)`` (:mod:`._number_field`, on
   python-flint), after a ball-arithmetic filter has skipped hopeless roots. One
   indifferent mixer against pure strategies gives a polytope, listed by its vertices.
3. **Certified subdivision** (:mod:`._support_exclusion`): supports beyond that
   structure are proved empty when corner bounds of the multilinear functions exclude
   every box of the probability region.
4. **Hidden-variable resultant** (:mod:`._support_resultant`): supports with three or
   more unknowns left (five players who all mix) are solved exactly: a Macaulay
   determinant gives a univariate polynomial that every solution's coordinate is a root
   of; the other coordinates come from the kernel at each root (modular, then checked
   exactly in ``Q(θ)``), with a rank certificate that no second solution shares the root.
5. **Gröbner bases** (sympy; grevlex, FGLM to lex, made radical when needed by
   Seidenberg's lemma, put in *shape position*) for what is left, optionally within a
   time budget (``general_budget``; a support left undecided makes ``complete=False``).

Each candidate is kept when every probability is strictly positive and no strategy
outside the support earns more — both decided **exactly** (in integers, or in ``Q(θ)``
for irrational equilibria, which become
:class:`~gametheory.algebraic.AlgebraicEquilibrium`).

Completeness: ``complete=True`` is returned only when every support system
examined was decided: its solutions with positive probabilities are finitely many
and all listed (the structured elimination finds every one; a zero-dimensional
ideal for the Gröbner method), it was proved empty, or it is *linear* (always so when a
single player mixes, and for every two-player game): its equilibria then form a
polytope, listed by its vertices, as a :class:`~gametheory.Component` when it has
more than one. When a support system is non-linear with a positive-dimensional
solution set (as in Nau's 2×2×2 game with a curve of totally mixed equilibria),
equilibria on it are not listed, ``complete`` is ``False``, a
:class:`~gametheory.DegenerateGameWarning` is issued and the notes name the supports.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.solvers.polynomial import polynomial_equilibria
>>> mm = Game([[[[9, 0], [0, 3]], [[0, 3], [9, 0]]], [[[8, 0], [0, 4]], [[0, 4], [8, 0]]],
...            [[[12, 0], [0, 6]], [[0, 6], [2, 0]]]], title="McKelvey-McLennan 2x2x2")
>>> sol = polynomial_equilibria(mm)
>>> len(sol), sol.complete
(9, True)
"""

from __future__ import annotations

import itertools
import math
import time
import warnings
from dataclasses import replace
from fractions import Fraction
from typing import Any, Iterator, Sequence

import numpy as np
from flint import fmpq, fmpq_poly

from .._lazy import lazy_module
from ..algebraic import AlgebraicEquilibrium, RealAlgebraic, to_fraction
from ..errors import DegenerateGameWarning, NotSupportedError, SolverError
from ..exact import solve_rational
from ..game import Game
from ..solution import Component, Equilibrium, Solution, make_equilibrium, package_version, payoff_scales
from ._number_field import DeferredFieldValues
from ._support_exclusion import excluded_by_subdivision
from ._support_pruning import all_support_profiles, surviving_supports
from ._support_resultant import hidden_variable_candidates
from ._support_systems import NeedsGeneralMethod, VerifiedProfile, support_candidates, verify_candidate

sp = lazy_module("sympy")  # imported on first use

__all__ = [
    "polynomial_equilibria",
    "enumerate_nplayer_equilibria",
    "support_equilibria",
    "support_profiles",
    "MAX_SUPPORT_PROFILES",
]

#: Largest number of support profiles enumerated before refusing (the game is too big).
MAX_SUPPORT_PROFILES = 200_000

Support = tuple[tuple[int, ...], ...]


def support_profiles(shape: Sequence[int]) -> Iterator[Support]:
    """All support profiles of a game with ``shape``, smallest total size first.

    Examples
    --------
    >>> list(support_profiles((1, 2)))
    [((0,), (0,)), ((0,), (1,)), ((0,), (0, 1))]
    """
    return iter(all_support_profiles(shape))


def _exact_payoffs(game: Game) -> np.ndarray:
    """An object array of Fractions (exact games as they are; float games converted exactly)."""
    if game.exact:
        return game.payoffs
    out = np.empty(game.payoffs.shape, dtype=object)
    out.flat = [Fraction(float(v)) for v in game.payoffs.flat]
    return out


def _conditionally_dominated(arr: np.ndarray, support: Support) -> bool:
    """Some support strategy is weakly beaten by a pure strategy against the others' supports.

    "Weakly beaten" means never better and worse against at least one profile of the
    others' supports. On this support profile every such profile has positive
    probability, so the strategy earns strictly less in expectation and is never a
    best response: the support profile holds no equilibrium (conditional dominance,
    Porter, Nudelman & Shoham 2008).
    """
    n = len(support)
    for i in range(n):
        idx = [support[j] if j != i else list(range(arr.shape[i + 1])) for j in range(n)]
        sub = arr[i][np.ix_(*idx)]
        sub = np.moveaxis(sub, i, 0).reshape(sub.shape[i], -1)
        for k in support[i]:
            row = sub[k]
            for j in range(sub.shape[0]):
                if j != k and all(a >= b for a, b in zip(sub[j], row)) and any(a > b for a, b in zip(sub[j], row)):
                    return True
    return False


class _System:
    """The indifference system of one support profile, built in a sympy polynomial ring over Q."""

    def __init__(self, arr: np.ndarray, support: Support) -> None:
        self.arr = arr
        self.support = support
        self.n = len(support)
        names = [f"x{i}_{k}" for i, s in enumerate(support) for k in s[1:]]
        # ring arithmetic (sparse dicts) is far faster than building and expanding expressions
        self.R, *gens = sp.ring(names or ["unused_"], sp.QQ)
        gens = gens if names else []
        self.vars: list[sp.Symbol] = list(self.R.symbols) if names else []
        self.prob: list[dict[int, Any]] = []
        pos = 0
        for i, s in enumerate(support):
            vs = gens[pos : pos + len(s) - 1]
            pos += len(s) - 1
            probs = {k: v for k, v in zip(s[1:], vs)}
            probs[s[0]] = self.R.one - sum(vs, self.R.zero)
            self.prob.append(probs)
        self._cache: dict[tuple[int, int], Any] = {}

    def utility(self, i: int, k: int) -> Any:
        """Player i's expected payoff from pure strategy k against the others' support mixtures (ring element)."""
        if (i, k) in self._cache:
            return self._cache[(i, k)]
        others = [j for j in range(self.n) if j != i]
        total = self.R.zero
        for combo in itertools.product(*(self.support[j] for j in others)):
            idx = [0] * self.n
            idx[i] = k
            for j, s in zip(others, combo):
                idx[j] = s
            a = self.arr[(i, *idx)]
            if a != 0:
                weight = self.R(sp.QQ(a.numerator, a.denominator))
                for j, s in zip(others, combo):
                    weight = weight * self.prob[j][s]
                total += weight
        self._cache[(i, k)] = total
        return total

    def equations(self) -> list[Any]:
        """Ring elements that must vanish: indifference within each support."""
        return [self.utility(i, k) - self.utility(i, s[0]) for i, s in enumerate(self.support) for k in s[1:]]

    def inequalities(self) -> list[Any]:
        """Ring elements that must be <= 0: outside strategy payoff minus support payoff."""
        return [
            self.utility(i, j) - self.utility(i, s[0])
            for i, s in enumerate(self.support)
            for j in range(self.arr.shape[i + 1])
            if j not in s
        ]

    def to_t(self, e: Any, gs: list[sp.Poly], t: sp.Symbol) -> sp.Poly:
        """Substitute ``v_j = g_j(t)`` into a ring element: a univariate Poly in ``t``."""
        out = sp.Poly(0, t, domain="QQ")
        powers: dict[tuple[int, int], sp.Poly] = {}
        for monom, coeff in e.terms():
            term = sp.Poly(sp.QQ.to_sympy(coeff), t, domain="QQ")
            for j, ex in enumerate(monom[: len(gs)]):
                if ex:
                    if (j, ex) not in powers:
                        powers[(j, ex)] = gs[j] ** ex
                    term = term * powers[(j, ex)]
            out = out + term
        return out


def _univariate_last(eqs: list[sp.Expr], gens: list[sp.Symbol]) -> sp.Poly:
    """The univariate polynomial in ``gens[-1]`` of the lex basis of a zero-dimensional ideal."""
    G = sp.groebner(eqs, *gens, order="grevlex").fglm("lex")
    last = G.exprs[-1]
    return sp.Poly(last, gens[-1])


def _shape_from_lex(exprs: list[sp.Expr], vs: list[sp.Symbol], t: sp.Symbol) -> tuple[list[sp.Poly], sp.Poly] | None:
    """``(gs, p)`` when a lex basis in ``(*vs, t)`` reads ``{v_j - g_j(t)}, p(t)`` with ``p`` square-free."""
    polys = [sp.Poly(e, *vs, t) for e in exprs]
    if len(polys) != len(vs) + 1:
        return None
    gs: list[sp.Poly] = []
    for v, P in zip(vs, polys[:-1]):
        lead = P.coeff_monomial(v)
        if lead == 0:
            return None
        rest = sp.expand(v - P.as_expr() / lead)
        if rest.free_symbols - {t}:
            return None
        gs.append(sp.Poly(rest, t, domain="QQ"))
    p = sp.Poly(polys[-1].as_expr(), t, domain="QQ")
    if p.free_symbols - {t} or sp.gcd(p, p.diff(t)).degree() != 0:
        return None
    return gs, p


def _shape_position(G: Any, vs: list[sp.Symbol], t: sp.Symbol) -> tuple[list[sp.Poly], sp.Poly] | None:
    """Shape position of a zero-dimensional ideal given by its grevlex basis ``G``.

    First the last variable itself is tried as separating (often enough for
    generic games), then linear forms ``t = Σ c_j v_j``. ``None`` when the ideal
    is not radical (no square-free shape basis exists).
    """
    lex = G.fglm("lex")
    natural = _shape_from_lex([e.subs(vs[-1], t) for e in lex.exprs], vs[:-1], t)
    if natural is not None:
        gs, p = natural
        return gs + [sp.Poly(t, t, domain="QQ")], p
    primes = [1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47]
    for attempt in range(6):
        coeffs = [primes[(j * (attempt + 1) + attempt) % len(primes)] * (-1) ** (j * attempt) for j in range(len(vs))]
        form = sum(c * v for c, v in zip(coeffs, vs))
        L = sp.groebner(list(G.exprs) + [t - form], *vs, t, order="grevlex").fglm("lex")
        shaped = _shape_from_lex(list(L.exprs), vs, t)
        if shaped is not None:
            return shaped
    return None


def _radical(eqs: list[sp.Expr], vs: list[sp.Symbol]) -> list[sp.Expr]:
    """Seidenberg: adding the square-free part of each variable's eliminant makes a 0-dim ideal radical."""
    extra = []
    for k, v in enumerate(vs):
        order = vs[:k] + vs[k + 1 :] + [v]
        p = _univariate_last(eqs, order)
        extra.append(sp.Poly(p, v).sqf_part().as_expr())
    return eqs + extra


def _candidates(system: _System) -> tuple[list[tuple[RealAlgebraic, list[sp.Poly]]], bool]:
    """Real solutions of the indifference system as (θ, [g_j]) with v_j = g_j(θ); flag: zero-dimensional."""
    vs = system.vars
    t = sp.Symbol("t_")
    if not vs:
        one = RealAlgebraic(sp.Poly(t, t), 0)  # θ = 0, no variables
        return [(one, [])], True
    eqs = [e for e in system.equations() if e != 0]
    if any(e.is_ground for e in eqs):
        return [], True  # a non-zero constant: no solution
    exprs = [e.as_expr() for e in eqs]
    if len(eqs) < len(vs):
        if exprs and sp.groebner(exprs, *vs, order="grevlex").exprs == [1]:
            return [], True
        return [], False
    G = sp.groebner(exprs, *vs, order="grevlex")
    if G.exprs == [1]:
        return [], True
    if not G.is_zero_dimensional:
        return [], False
    shaped = _shape_position(G, vs, t)
    if shaped is None:
        shaped = _shape_position(sp.groebner(_radical(list(G.exprs), vs), *vs, order="grevlex"), vs, t)
    if shaped is None:  # pragma: no cover - generic forms separate the points of a radical ideal
        raise SolverError(f"could not put the system of support {system.support} in shape position")
    gs, p = shaped
    out = []
    for fac, _ in p.factor_list()[1]:
        fac = sp.Poly(fac, t, domain="QQ")
        nreal = fac.count_roots() if fac.degree() > 1 else 1
        for r in range(nreal):
            out.append((RealAlgebraic(fac, r), gs))
    return out, True


def _solve_support(game: Game, arr: np.ndarray, support: Support) -> tuple[list[Equilibrium], bool]:
    """Equilibria with exactly this support (exact verification); flag False if the system is not 0-dim."""
    system = _System(arr, support)
    cands, zero_dim = _candidates(system)
    if not cands:
        return [], zero_dim
    t = cands[0][0].gen
    gs = cands[0][1]  # one shape basis per support: every candidate shares it
    prob_polys = [{k: system.to_t(e, gs, t) for k, e in system.prob[i].items()} for i in range(system.n)]
    ineq_polys = [system.to_t(e, gs, t) for e in system.inequalities()]
    found: list[Equilibrium] = []
    for theta, _gs in cands:
        if any(theta.sign(q) <= 0 for probs in prob_polys for q in probs.values()):
            continue  # a support strategy has zero or negative probability
        if any(theta.sign(q) > 0 for q in ineq_polys):
            continue  # an outside strategy pays strictly more
        shape = game.shape
        if theta.rational:
            profile = tuple(
                tuple(theta.fraction(prob_polys[i][k]) if k in prob_polys[i] else Fraction(0) for k in range(n))
                for i, n in enumerate(shape)
            )
            if game.exact:
                found.append(make_equilibrium(game, profile))
            else:
                fprof = tuple(tuple(float(p) for p in v) for v in profile)
                found.append(make_equilibrium(game, fprof))
            continue
        fprof = tuple(
            tuple(theta.approx(prob_polys[i][k]) if k in prob_polys[i] else 0.0 for k in range(n))
            for i, n in enumerate(shape)
        )
        # the float rounding must itself pass the float regret check
        checked = make_equilibrium(game.to_float() if game.exact else game, fprof, tol=1e-9)
        if not game.exact:
            found.append(make_equilibrium(game, fprof))
            continue
        exact_profile = tuple(
            tuple(theta.exact(prob_polys[i][k]) if k in prob_polys[i] else sp.Integer(0) for k in range(n))
            for i, n in enumerate(shape)
        )
        pay_polys = [system.to_t(system.utility(i, support[i][0]), gs, t) for i in range(system.n)]
        found.append(
            AlgebraicEquilibrium(
                game=game,
                profile=fprof,
                payoffs=tuple(theta.approx(q) for q in pay_polys),
                supports=support,
                regret=checked.regret,
                exact_profile=exact_profile,
                exact_payoffs=tuple(theta.exact(q) for q in pay_polys),
                primitive_element=theta.expr,
                exact_regret=0,
            )
        )
    return found, zero_dim


def _linear_rows(exprs: list[sp.Expr], vs: list[sp.Symbol]) -> list[tuple[list[Fraction], Fraction]] | None:
    """``(c, c0)`` with ``expr = c·v + c0`` for each expression, or ``None`` if one is not linear."""
    rows = []
    for e in exprs:
        P = sp.Poly(e, *vs) if vs else sp.Poly(e, sp.Symbol("_unused"))
        if P.total_degree() > 1:
            return None
        c = [to_fraction(P.coeff_monomial(v)) for v in vs]
        c0 = to_fraction(P.coeff_monomial(1))
        rows.append((c, c0))
    return rows


def _solve_exact(rows: list[tuple[list[Fraction], Fraction]], m: int) -> list[Fraction] | None:
    """The unique solution of ``c·x + c0 = 0`` for all rows (over Q), else ``None``."""
    return solve_rational([list(c) for c, _ in rows], [-c0 for _, c0 in rows], m)[1]


def _linear_piece(game: Game, system: _System) -> list[Equilibrium] | None:
    """Vertices of a positive-dimensional but linear support system's closed feasible polytope.

    The closure ``{indifference, probabilities >= 0, outside strategies <= support payoff}``
    is a polytope of equilibria; its vertices are returned (verified). ``None`` when
    the system is not linear (the piece cannot be described this way).
    """
    vs = system.vars
    eq_rows = _linear_rows([e.as_expr() for e in system.equations() if e != 0], vs)
    probs = [-e for i in range(system.n) for e in system.prob[i].values()]
    in_rows = _linear_rows([e.as_expr() for e in system.inequalities() + probs], vs)
    if eq_rows is None or in_rows is None:
        return None
    m = len(vs)
    found: dict[tuple, list[Fraction]] = {}
    eq_rank_rows = eq_rows
    for r in range(0, m + 1):
        for tight in itertools.combinations(range(len(in_rows)), r):
            rows = eq_rank_rows + [in_rows[k] for k in tight]
            if len(rows) < m:
                continue
            x = _solve_exact(rows, m)
            if x is None:
                continue
            if all(sum(c * v for c, v in zip(cs, x)) + c0 <= 0 for cs, c0 in in_rows):
                found.setdefault(tuple(x), x)
    out = []
    for x in found.values():
        value = dict(zip(vs, (sp.Rational(v.numerator, v.denominator) for v in x)))
        profile = tuple(
            tuple(to_fraction(system.prob[i][k].as_expr().subs(value)) if k in system.prob[i] else Fraction(0)
                  for k in range(n))
            for i, n in enumerate(game.shape)
        )
        if not game.exact:
            profile = tuple(tuple(float(p) for p in v) for v in profile)
        out.append(make_equilibrium(game, profile))
    return out


def support_equilibria(game: Game, support: Sequence[Sequence[int]]) -> tuple[list[Equilibrium], bool]:
    """Every equilibrium whose supports are exactly ``support``, verified exactly.

    Returns the equilibria and a flag that is ``True`` when the support's system has
    finitely many solutions (so the list is complete for this support).

    Examples
    --------
    >>> from gametheory import Game
    >>> mp = Game.zero_sum([[1, -1], [-1, 1]])
    >>> eqs, finite = support_equilibria(mp, [(0, 1), (0, 1)])
    >>> eqs[0].profile, finite
    (((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2))), True)
    """
    sup = tuple(tuple(sorted(int(k) for k in s)) for s in support)
    if len(sup) != game.num_players or any(not s for s in sup):
        raise NotSupportedError("support needs one non-empty strategy set per player")
    arr = _exact_payoffs(game)
    ints, scales = _integer_payoffs(game, arr)
    try:
        cands = support_candidates(ints, sup)
    except NeedsGeneralMethod:
        return _solve_support(game, arr, sup)
    found = [verify_candidate(ints, sup, c) for c in cands]
    return [_equilibrium(game, sup, v, scales) for v in found if v is not None], True


def _key(game: Game, eq: Equilibrium) -> tuple:
    return tuple(tuple(round(float(p), 12) for p in v) for v in eq.profile) if not game.exact or isinstance(
        eq, AlgebraicEquilibrium) else tuple(tuple(v) for v in eq.profile)


def _dedupe(game: Game, eqs: list[Equilibrium], pieces: list[tuple[Equilibrium, ...]]):
    """Drop repeated profiles (a vertex of a continuum can also be an equilibrium of a smaller support)."""
    first: dict[tuple, Equilibrium] = {}
    for e in eqs:
        first.setdefault(_key(game, e), e)
    unique = list(first.values())
    sets = [frozenset(_key(game, e) for e in p) for p in pieces]
    kept = []
    for k, p in enumerate(pieces):
        # a piece spanned by a subset of another piece's vertices lies inside that piece's hull
        if any((sets[k] < sets[m]) or (sets[k] == sets[m] and m < k) for m in range(len(pieces))):
            continue
        kept.append(tuple(first[_key(game, e)] for e in p))
    return unique, kept


def _integer_payoffs(game: Game, arr: np.ndarray) -> tuple[list[np.ndarray], list[Fraction]]:
    """Each player's payoffs as Python integers (times ``scale``, divided by their gcd), and the
    scales; kept on the (immutable) game for later calls."""
    cached = game.__dict__.get("_polynomial_integer_payoffs")
    if cached is None:
        cached = _integer_rescaling(arr)
        game.__dict__["_polynomial_integer_payoffs"] = cached
    return cached


def _integer_rescaling(arr: np.ndarray) -> tuple[list[np.ndarray], list[Fraction]]:
    ints, scales = [], []
    for i in range(arr.shape[0]):
        flat = list(arr[i].flat)
        lcm = 1
        for v in flat:
            lcm = lcm * v.denominator // math.gcd(lcm, v.denominator)
        vals = [int(v * lcm) for v in flat]
        g = 0
        for v in vals:
            g = math.gcd(g, v)
        g = g or 1
        out = np.empty(arr.shape[1:], dtype=object)
        out.flat = [v // g for v in vals]
        ints.append(out)
        scales.append(Fraction(lcm, g))
    return ints, scales


def _float_regret(game: Game, fprof: tuple[tuple[float, ...], ...]) -> float:
    """Largest regret of a float profile (numpy), checked against ``1e-9`` times the payoff scale."""
    pay = game.payoffs.astype(float) if game.exact else np.asarray(game.payoffs, dtype=float)
    scales = payoff_scales(game)
    worst = 0.0
    n = game.num_players
    for i in range(n):
        t = np.moveaxis(pay[i], i, 0)
        for j in reversed([j for j in range(n) if j != i]):
            t = t @ np.asarray(fprof[j])  # contract the last axis (players after i first)
        r = float(np.max(t) - np.dot(t, fprof[i]))
        if not r <= 1e-9 * scales[i]:
            raise SolverError(f"the certified rounding of an exact equilibrium has regret {r}")
        worst = max(worst, r)
    return worst


def _equilibrium(game: Game, support: Support, v: VerifiedProfile, scales: list[Fraction]) -> Equilibrium:
    """Wrap an exactly verified profile: Fractions when rational, an AlgebraicEquilibrium otherwise."""
    field = v.field
    if field.rational:
        profile = tuple(tuple(_fraction(field, p) for p in vec) for vec in v.probabilities)
        if not game.exact:
            return make_equilibrium(game, tuple(tuple(float(p) for p in vec) for vec in profile))
        payoffs = tuple(_fraction(field, u) / s for u, s in zip(v.payoffs, scales))
        return Equilibrium(game=game, profile=profile, payoffs=payoffs, supports=support, regret=Fraction(0))
    one = fmpq_poly([1])
    dens = v.denominators or (one,) * len(v.probabilities)
    pay_dens = v.payoff_denominators or (one,) * len(v.payoffs)
    fprof = tuple(tuple(field.approx_ratio(p, d) for p in vec) for vec, d in zip(v.probabilities, dens))
    if not game.exact:
        return make_equilibrium(game, fprof)
    regret = _float_regret(game, fprof)
    payoffs = [u * fmpq(s.denominator, s.numerator) for u, s in zip(v.payoffs, scales)]
    deferred = DeferredFieldValues(field, [list(vec) for vec in v.probabilities], payoffs,
                                   v.denominators, v.payoff_denominators)
    return AlgebraicEquilibrium(
        game=game,
        profile=fprof,
        payoffs=tuple(field.approx_ratio(u, d) for u, d in zip(payoffs, pay_dens)),
        supports=support,
        regret=regret,
        exact_profile=deferred,  # sympy numbers built on first access (the verification is done)
        exact_payoffs=deferred,
        primitive_element=deferred,
        exact_regret=0,
    )


def _fraction(field, x) -> Fraction:
    from ._number_field import to_fraction as fq

    return fq(field.value(x))


def _lone_mixer_vertices(game: Game, ints: list[np.ndarray], support: Support) -> list[Equilibrium]:
    """Vertices of the closed polytope of equilibria where one player, indifferent on its support,
    mixes and the others play their (pure) support strategies; each vertex verified exactly.

    Coordinates ``x``: the mixer's probabilities of its support strategies but the first. Rows
    ``c·x + c0 <= 0``: probabilities non-negative, and no other player gains by deviating.
    """
    (i,) = [j for j, s in enumerate(support) if len(s) > 1]
    pure = {j: s[0] for j, s in enumerate(support) if j != i}
    sup = support[i]
    d = len(sup) - 1

    def cell(j: int, own: int, k: int) -> int:  # player j's payoff when j plays own and i plays k
        idx = [pure.get(p, 0) for p in range(len(support))]
        idx[j], idx[i] = own, k
        return int(ints[j][tuple(idx)])

    idx_i = [pure.get(p, 0) for p in range(len(support))]
    u_i = [int(ints[i][tuple(idx_i[:i] + [o] + idx_i[i + 1:])]) for o in range(game.shape[i])]
    if any(u_i[o] > u_i[sup[0]] for o in range(game.shape[i]) if o not in sup):
        return []  # an outside strategy of the mixer pays more
    rows: list[tuple[list[Fraction], Fraction]] = []
    for k in range(d):
        rows.append(([Fraction(-1) if l == k else Fraction(0) for l in range(d)], Fraction(0)))
    rows.append(([Fraction(1)] * d, Fraction(-1)))
    for j in pure:
        for o in range(game.shape[j]):
            if o == pure[j]:
                continue
            diff = [cell(j, o, k) - cell(j, pure[j], k) for k in sup]
            rows.append(([Fraction(diff[l + 1] - diff[0]) for l in range(d)], Fraction(diff[0])))
    found: dict[tuple, list[Fraction]] = {}
    for tight in itertools.combinations(range(len(rows)), d):
        x = solve_rational([rows[t][0] for t in tight], [-rows[t][1] for t in tight], d)[1]
        if x is None:
            continue
        if all(sum((c * v for c, v in zip(cs, x)), Fraction(0)) + c0 <= 0 for cs, c0 in rows):
            found.setdefault(tuple(x), x)
    out = []
    for x in found.values():
        vec = [Fraction(0)] * game.shape[i]
        vec[sup[0]] = 1 - sum(x, Fraction(0))
        for l, k in enumerate(sup[1:]):
            vec[k] = x[l]
        profile = tuple(tuple(vec) if j == i else tuple(Fraction(int(k == pure[j])) for k in range(n))
                        for j, n in enumerate(game.shape))
        if not game.exact:
            profile = tuple(tuple(float(p) for p in v) for v in profile)
        out.append(make_equilibrium(game, profile))
    return out


def _earliest(*times: float | None) -> float | None:
    known = [t for t in times if t is not None]
    return min(known) if known else None


def _general_in_process(game: Game, arr: np.ndarray, support: Support):
    """The Gröbner method on one support: (equilibria, zero-dimensional?, polytope vertices or None)."""
    eqs, zero_dim = _solve_support(game, arr, support)
    vertices = None if zero_dim else _linear_piece(game, _System(arr, support))
    return eqs, zero_dim, vertices


def _general_child(conn, game: Game, arr: np.ndarray, support: Support) -> None:  # pragma: no cover - child
    try:
        conn.send(("ok", _general_in_process(game, arr, support)))
    except BaseException as err:  # report any failure to the parent, which re-raises it
        conn.send(("error", repr(err)))
    finally:
        conn.close()


def _general_support(game: Game, arr: np.ndarray, support: Support, deadline: float | None):
    """The general method on one support, stopped at ``deadline`` (``None`` then).

    With a deadline it runs in a child process (sympy cannot be interrupted), which is
    terminated when the time is up.
    """
    if deadline is None:
        return _general_in_process(game, arr, support)
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else methods[0])
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_general_child, args=(send, game, arr, support), daemon=True)
    proc.start()
    send.close()
    try:
        if not receive.poll(max(0.0, deadline - time.perf_counter())):
            return None
        status, payload = receive.recv()
    except EOFError:  # pragma: no cover - the child died without answering
        raise SolverError(f"the general method failed on support {support}") from None
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join()
        receive.close()
    if status != "ok":  # pragma: no cover - a failure inside the child
        raise SolverError(f"the general method failed on support {support}: {payload}")
    eqs, zero_dim, vertices = payload
    # the child's results refer to its copy of the game: attach ours
    rebind = lambda e: replace(e, game=game)  # noqa: E731
    return ([rebind(e) for e in eqs], zero_dim, None if vertices is None else [rebind(e) for e in vertices])


def polynomial_equilibria(
    game: Game,
    *,
    max_support_profiles: int = MAX_SUPPORT_PROFILES,
    timeout: float | None = None,
    general_budget: float | None = None,
    resultant_budget: float | None = None,
) -> Solution:
    """All isolated Nash equilibria of a small N-player game, exactly.

    Enumerates support profiles (smallest first), discards those with a strategy
    that is conditionally strictly dominated, and solves each indifference system
    exactly with Gröbner bases (see the module docstring). Every equilibrium is
    verified: rational ones by :func:`~gametheory.solution.make_equilibrium` with
    exact regret 0; irrational ones exactly in ``Q(θ)`` and returned as
    :class:`~gametheory.algebraic.AlgebraicEquilibrium` (certified float
    ``profile`` + exact ``exact_profile``).

    Parameters
    ----------
    game : Game
        Any number of players. Float games are converted exactly to rationals (so
        the algebra runs on large integers and is slower) and results are floats,
        verified to ``game.tol``; payoffs that differ only by float rounding are
        treated as different, not as ties.
    max_support_profiles : int
        Refuse games with more support profiles than this.
    timeout : float, optional
        Seconds after which no further support profile is started (and the general
        method is stopped); the result then lists the equilibria found so far with
        ``complete=False`` and a note.
    general_budget : float, optional
        Seconds allowed in total for the general (Gröbner) method, which is needed only
        for support profiles that neither the structured elimination nor the box
        subdivision decides. Supports left undecided make ``complete=False`` and are
        named in a note. ``solve`` sets it; the default is no limit.
    resultant_budget : float, optional
        Seconds allowed per support for the hidden-variable resultant (the exact method for
        supports with three or more unknowns left after the linear elimination, tried before
        the general method). ``solve`` sets it; the default is no limit.

    Returns
    -------
    Solution
        ``complete=True`` when every support system had finitely many solutions or
        was linear (see the module docstring): then every isolated equilibrium is
        listed and every continuum is a listed component given by its vertices.

    Raises
    ------
    NotSupportedError
        The game has too many support profiles.

    References
    ----------
    McKelvey, R. D. & McLennan, A. (1997). The maximal number of regular totally mixed
    Nash equilibria. *Journal of Economic Theory* 72(2), 411–425.
    Datta, R. S. (2010). Finding all Nash equilibria of a finite game using polynomial
    algebra. *Economic Theory* 42(1), 55–96.
    Porter, R., Nudelman, E. & Shoham, Y. (2008). Simple search methods for finding a
    Nash equilibrium. *Games and Economic Behavior* 63(2), 642–662.
    Cox, D., Little, J. & O'Shea, D. (2015). *Ideals, Varieties, and Algorithms*, 4th ed.,
    ch. 2–3 (Gröbner bases, elimination) and Seidenberg's lemma (radical of 0-dim ideals).

    Examples
    --------
    >>> from gametheory import Game
    >>> mp = Game.zero_sum([[1, -1], [-1, 1]])
    >>> print(polynomial_equilibria(mp))
    polynomial_equilibria: 1 equilibrium (complete, exact)
      1. Player 1: 1 1/2, 2 1/2; Player 2: 1 1/2, 2 1/2  payoffs (0, 0)  regret 0
    >>> mm = Game([[[[9, 0], [0, 3]], [[0, 3], [9, 0]]], [[[8, 0], [0, 4]], [[0, 4], [8, 0]]],
    ...            [[[12, 0], [0, 6]], [[0, 6], [2, 0]]]])
    >>> sol = polynomial_equilibria(mm)
    >>> sum(e.pure for e in sol), sol.complete
    (4, True)
    """
    started = time.perf_counter()
    per_player = [2**n - 1 for n in game.shape]
    count = math.prod(per_player)
    if count > max_support_profiles:
        raise NotSupportedError(
            f"{count} support profiles exceed max_support_profiles={max_support_profiles}; the game is too large "
            "for polynomial enumeration"
        )
    arr = _exact_payoffs(game)
    ints, scales = _integer_payoffs(game, arr)
    equilibria: list[Equilibrium] = []
    positive_dim: list[Support] = []
    pieces: list[tuple[Equilibrium, ...]] = []
    general = 0
    excluded = 0
    by_resultant = 0
    fallback_reasons: dict[Support, str] = {}
    undecided: list[Support] = []
    general_deadline = None if general_budget is None else started + general_budget
    floats = None
    examined = 0
    stopped = False
    deadline = None if timeout is None else started + timeout
    for support in surviving_supports(np.stack(ints) if ints else arr):
        if deadline is not None and time.perf_counter() >= deadline:
            stopped = True
            break
        examined += 1
        try:
            cands = support_candidates(ints, support)
        except NeedsGeneralMethod:
            if sum(len(x) > 1 for x in support) == 1:
                # one indifferent mixer against pure strategies: a polytope, listed by its vertices
                vertices = _lone_mixer_vertices(game, ints, support)
                equilibria.extend(vertices)
                if len(vertices) > 1:
                    pieces.append(tuple(vertices))
                continue
            # the structured elimination cannot decide: first try to prove the support empty by
            # subdividing its probability box, else Gröbner bases over Q (slower, general)
            if floats is None:
                floats = [x.astype(float) for x in ints]
            if excluded_by_subdivision(floats, support):
                excluded += 1
                continue
            # many unknowns: the hidden-variable Macaulay resultant decides most such supports exactly
            try:
                own = None if resultant_budget is None else time.perf_counter() + resultant_budget
                cands = hidden_variable_candidates(ints, support, deadline=_earliest(deadline, own))
            except NeedsGeneralMethod as why:
                fallback_reasons[support] = str(why)
            else:
                by_resultant += 1
                for cand in cands:
                    verified = verify_candidate(ints, support, cand)
                    if verified is not None:
                        equilibria.append(_equilibrium(game, support, verified, scales))
                continue
            general += 1
            limit = _earliest(deadline, None if general_deadline is None else general_deadline)
            if limit is not None and time.perf_counter() >= limit:
                undecided.append(support)
                continue
            outcome = _general_support(game, arr, support, limit)
            if outcome is None:
                undecided.append(support)  # the general method ran out of time on this support
                continue
            eqs, zero_dim, vertices = outcome
            equilibria.extend(eqs)
            if not zero_dim:
                if vertices is None:
                    positive_dim.append(support)
                elif vertices:
                    equilibria.extend(vertices)
                    if len(vertices) > 1:
                        pieces.append(tuple(vertices))
            continue
        for cand in cands:
            verified = verify_candidate(ints, support, cand)
            if verified is not None:
                equilibria.append(_equilibrium(game, support, verified, scales))
    pruned = count - examined if not stopped else None
    equilibria, pieces = _dedupe(game, equilibria, pieces)
    notes = []
    if stopped:
        notes.append(
            f"stopped at the time limit ({timeout:g} s) after {examined} of {count} support profiles: the "
            "equilibria found so far, not necessarily all"
        )
    if pieces:
        notes.append(
            f"{len(pieces)} convex set(s) of equilibria (continua) found; each is listed as a component by its "
            "extreme equilibria (sets that touch belong to one connected component)"
        )
    if positive_dim:
        names = ["; ".join(f"{game.players[i]} {{{', '.join(game.strategies[i][k] for k in s)}}}"
                           for i, s in enumerate(sup)) for sup in positive_dim[:5]]
        more = f" and {len(positive_dim) - 5} more" if len(positive_dim) > 5 else ""
        notes.append(
            "the indifference system has infinitely many solutions on supports " + " | ".join(names) + more
            + "; equilibria there (possibly a continuum) are not listed"
        )
        warnings.warn(
            f"{len(positive_dim)} support profile(s) have positive-dimensional solution sets; "
            "the list of equilibria may be incomplete",
            DegenerateGameWarning,
            stacklevel=2,
        )
    if undecided:
        names = ["; ".join(f"{game.players[i]} {{{', '.join(game.strategies[i][k] for k in s)}}}"
                           for i, s in enumerate(sup)) for sup in undecided[:5]]
        more = f" and {len(undecided) - 5} more" if len(undecided) > 5 else ""
        why = sorted({fallback_reasons[sup] for sup in undecided if sup in fallback_reasons})
        notes.append(
            f"{len(undecided)} support profile(s) were not decided within the time allowed for the general "
            "(Gröbner) method: " + " | ".join(names) + more + "; equilibria with these supports may be missing "
            "(call polynomial_equilibria(game) without a time limit to decide them)"
            + (" [not decided by the hidden-variable resultant either: " + "; ".join(why) + "]" if why else "")
        )
    if any(isinstance(e, AlgebraicEquilibrium) for e in equilibria):
        notes.append("irrational equilibria: profile holds certified floats, exact_profile the exact algebraic numbers")
    return Solution(
        game=game,
        method="polynomial_equilibria",
        equilibria=tuple(equilibria),
        complete=not positive_dim and not stopped and not undecided,
        exact=game.exact,
        components=tuple(Component(extreme=p) for p in pieces),
        parameters={"support_profiles": count, "pruned": pruned, "general_method": general,
                    "hidden_variable_resultant": by_resultant,
                    "excluded_by_subdivision": excluded, "undecided": len(undecided),
                    **({"timeout": timeout} if timeout is not None else {}),
                    **({"general_budget": general_budget} if general_budget is not None else {}),
                    **({"resultant_budget": resultant_budget} if resultant_budget is not None else {})},
        elapsed=time.perf_counter() - started,
        version=package_version(),
        notes=tuple(notes),
    )


#: Alias under the name used by the dispatcher for games with three or more players.
enumerate_nplayer_equilibria = polynomial_equilibria
