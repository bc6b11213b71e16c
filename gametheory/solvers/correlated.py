"""Correlated and coarse correlated equilibria by linear programming, verified exactly for exact games.

A *correlated equilibrium* (Aumann 1974) is a distribution ``p`` over pure
profiles — a mediator's recommendations — such that no player gains by
disobeying a recommendation:

    Σ_{s_-i} p(k, s_-i) [u_i(j, s_-i) - u_i(k, s_-i)] <= 0   for all players i, strategies k != j.

A *coarse correlated equilibrium* (Moulin & Vial 1978; Hannan) only asks that no
player gains by committing to a fixed strategy before hearing the recommendation:

    Σ_s p(s) [u_i(j, s_-i) - u_i(s)] <= 0   for all players i and strategies j.

Both sets are polytopes. The LP is solved with HiGHS (dual simplex, so the answer
is a vertex). For exact games the vertex is then recomputed **exactly** from its
active constraints over the rationals, checked against every constraint, and its
optimality certified by an exact dual solution (recovered the same way) with equal
objective value. When that fails the float answer is returned with a note.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.solvers.correlated import correlated_equilibria
>>> chicken = Game.from_bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], strategies=(("Dare", "Chicken"),) * 2)
>>> res = correlated_equilibria(chicken)          # welfare-maximising
>>> res.value, res.certified
(Fraction(21, 2), True)
>>> print(res.optimum)
(Dare, Chicken) 1/4, (Chicken, Dare) 1/4, (Chicken, Chicken) 1/2  payoffs (21/4, 21/4)
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from .. import exact as _exact
from ..errors import InvalidProfileError, NotSupportedError, SolverError
from ..game import Game
from ..profiles import MixedProfile

__all__ = [
    "CorrelatedEquilibrium",
    "CorrelatedSolution",
    "correlated_equilibria",
    "coarse_correlated_equilibria",
    "correlated_constraints",
    "correlated_violation",
    "product_distribution",
    "MAX_VERTEX_SYSTEMS",
]

#: Largest number of candidate bases examined when enumerating the polytope's vertices.
MAX_VERTEX_SYSTEMS = 100_000


def correlated_constraints(game: Game, *, coarse: bool = False) -> tuple[np.ndarray, list[str]]:
    """The incentive constraints ``G p <= 0`` over pure profiles in row-major order.

    Returns the matrix ``G`` (Fractions for exact games, floats otherwise; one row per
    constraint) and a label for each row, e.g. ``"Row: Up -> Down"`` (obey ``Up``
    rather than switch to ``Down``) or ``"Row: -> Down"`` for coarse constraints.

    Examples
    --------
    >>> from gametheory import Game
    >>> G, labels = correlated_constraints(Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    >>> G.shape, labels[0]
    ((4, 4), 'Player 1: 1 -> 2')
    >>> [int(v) for v in G[0]]
    [-1, 1, 0, 0]
    """
    pay = game.payoffs
    shape = game.shape
    rows, labels = [], []
    for i in range(game.num_players):
        u = pay[i]
        # gains[j]: payoff of switching to j minus the payoff obtained, over the profile grid
        gains = [np.broadcast_to(np.take(u, [j], axis=i), u.shape) - u for j in range(shape[i])]
        if coarse:
            for j in range(shape[i]):
                rows.append(gains[j].reshape(-1))
                labels.append(f"{game.players[i]}: -> {game.strategies[i][j]}")
            continue
        for k in range(shape[i]):
            mask = np.zeros(shape[i], dtype=bool)
            mask[k] = True
            sel = np.broadcast_to(mask.reshape([-1 if a == i else 1 for a in range(len(shape))]), u.shape)
            for j in range(shape[i]):
                if j != k:
                    rows.append(np.where(sel, gains[j], 0 if game.exact else 0.0).reshape(-1))
                    labels.append(f"{game.players[i]}: {game.strategies[i][k]} -> {game.strategies[i][j]}")
    dtype = object if game.exact else np.float64
    G = np.array(rows, dtype=dtype).reshape(len(rows), math.prod(shape))
    if game.exact:
        G = np.vectorize(lambda v: Fraction(v), otypes=[object])(G) if G.size else G
    return G, labels


def product_distribution(game: Game, profile: MixedProfile) -> np.ndarray:
    """The distribution over pure profiles of independent mixed strategies (row-major).

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.zero_sum([[1, -1], [-1, 1]])
    >>> product_distribution(g, ((Fraction(1, 2), Fraction(1, 2)), (1, 0))).tolist()
    [Fraction(1, 2), Fraction(0, 1), Fraction(1, 2), Fraction(0, 1)]
    """
    out = []
    for s in np.ndindex(*game.shape):
        p: Any = Fraction(1) if all(isinstance(v, (int, Fraction)) for vec in profile for v in vec) else 1.0
        for i, k in enumerate(s):
            p = p * (Fraction(profile[i][k]) if isinstance(profile[i][k], int) else profile[i][k])
        out.append(p)
    return np.array(out, dtype=object)


def correlated_violation(game: Game, distribution: Sequence[Any], *, coarse: bool = False) -> Any:
    """The largest incentive-constraint value ``max (G p)`` (<= 0 means an equilibrium); exact when possible.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> correlated_violation(g, [Fraction(1, 2), 0, 0, Fraction(1, 2)])
    Fraction(-1, 2)
    """
    G, _ = correlated_constraints(game, coarse=coarse)
    p = np.asarray(list(distribution), dtype=object)
    if G.shape[0] == 0:
        return Fraction(0) if game.exact else 0.0
    vals = [sum(a * b for a, b in zip(row, p)) for row in G]
    return max(vals)


@dataclass(frozen=True)
class CorrelatedEquilibrium:
    """A (coarse) correlated equilibrium: a distribution over pure profiles.

    Attributes
    ----------
    distribution : tuple of ((pure profile), probability)
        Profiles with positive probability, row-major order.
    payoffs : tuple
        Each player's expected payoff.
    violation : number
        ``max (G p)`` over the incentive constraints: ``<= 0`` (exact for exact results).
    coarse : bool
        Whether the coarse constraints were used.
    """

    game: Game = field(repr=False, compare=False)
    distribution: tuple[tuple[tuple[int, ...], Any], ...]
    payoffs: tuple
    violation: Any
    coarse: bool = False

    def as_array(self) -> np.ndarray:
        """The distribution as an array of the game's shape."""
        arr = np.zeros(self.game.shape, dtype=object if self.game.exact else np.float64)
        if self.game.exact:
            arr.flat = [Fraction(0)] * arr.size
        for s, p in self.distribution:
            arr[s] = p
        return arr

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form with labels."""
        g = self.game
        return {
            "kind": "coarse correlated" if self.coarse else "correlated",
            "distribution": [
                {"profile": {g.players[i]: g.strategies[i][k] for i, k in enumerate(s)}, "probability": _exact.json_number(p)}
                for s, p in self.distribution
            ],
            "payoffs": {p: _exact.json_number(v) for p, v in zip(g.players, self.payoffs)},
            "violation": _exact.json_number(self.violation),
        }

    def __str__(self) -> str:
        g = self.game
        parts = [
            "(" + ", ".join(g.strategies[i][k] for i, k in enumerate(s)) + f") {_exact.format_number(p)}"
            for s, p in self.distribution
        ]
        pay = ", ".join(_exact.format_number(v) for v in self.payoffs)
        return ", ".join(parts) + f"  payoffs ({pay})"


@dataclass(frozen=True)
class CorrelatedSolution:
    """Result of :func:`correlated_equilibria` / :func:`coarse_correlated_equilibria`.

    Attributes
    ----------
    optimum : CorrelatedEquilibrium
        An optimal (coarse) correlated equilibrium for ``objective``.
    value : number
        The optimal objective value.
    objective : str
        What was maximised (``"welfare"``, ``"payoff of Russia"``, ``"weights (...)"``, ``"none"``).
    certified : bool
        ``True`` when feasibility *and* optimality were checked in exact arithmetic.
    vertices : tuple of CorrelatedEquilibrium or None
        Every vertex of the polytope (when requested), exact for exact games.
    """

    game: Game = field(repr=False)
    kind: str
    objective: str
    optimum: CorrelatedEquilibrium
    value: Any
    certified: bool
    exact: bool
    vertices: tuple[CorrelatedEquilibrium, ...] | None = None
    elapsed: float = 0.0
    notes: tuple[str, ...] = ()

    def __str__(self) -> str:
        head = f"{self.kind} equilibrium maximising {self.objective}: value {_exact.format_number(self.value)}"
        head += " (certified exactly)" if self.certified else (" (exact)" if self.exact else " (float)")
        lines = [head, f"  {self.optimum}"]
        if self.vertices is not None:
            lines.append(f"  polytope vertices: {len(self.vertices)}")
        lines += [f"  note: {t}" for t in self.notes]
        return "\n".join(lines)


# -- exact linear algebra ------------------------------------------------------------------
def _solve_unique(rows: list[list[Fraction]], rhs: list[Fraction], n: int) -> list[Fraction] | None:
    """Unique solution of ``rows x = rhs`` over Q, or ``None`` (singular or inconsistent)."""
    return _exact.solve_rational(rows, rhs, n)[1]


def _exact_vertex(A_ub: list[list[Fraction]], A_eq: list[list[Fraction]], b_eq: list[Fraction],
                  nonneg: list[bool], x: np.ndarray, eps: float = 1e-9) -> list[Fraction] | None:
    """Recover the exact vertex near ``x`` of ``{A_ub x <= 0, A_eq x = b_eq, x_j >= 0 where nonneg}``."""
    n = len(x)
    rows, rhs = [list(r) for r in A_eq], list(b_eq)
    for r in A_ub:
        if abs(sum(float(a) * v for a, v in zip(r, x))) <= eps:
            rows.append(list(r))
            rhs.append(Fraction(0))
    for j in range(n):
        if nonneg[j] and abs(x[j]) <= eps:
            rows.append([Fraction(int(k == j)) for k in range(n)])
            rhs.append(Fraction(0))
    sol = _solve_unique(rows, rhs, n)
    if sol is None:
        return None
    if any(nonneg[j] and sol[j] < 0 for j in range(n)):
        return None
    if any(sum(a * v for a, v in zip(r, sol)) > 0 for r in A_ub):
        return None
    if any(sum(a * v for a, v in zip(r, sol)) != b for r, b in zip(A_eq, b_eq)):
        return None
    return sol


def _objective(game: Game, objective: Any) -> tuple[np.ndarray, str]:
    """Per-profile objective coefficients (exact when the game is) and a description."""
    pay = game.payoffs.reshape(game.num_players, -1)
    if objective is None or (isinstance(objective, str) and objective == "none"):
        return np.array([0] * pay.shape[1], dtype=object if game.exact else np.float64), "none (any equilibrium)"
    if isinstance(objective, str) and objective == "welfare":
        return pay.sum(axis=0), "welfare (sum of payoffs)"
    if isinstance(objective, (str, int, np.integer)) and not isinstance(objective, bool):
        i = game.player_index(objective)
        return pay[i], f"payoff of {game.players[i]}"
    weights = list(objective)
    if len(weights) != game.num_players:
        raise InvalidProfileError(f"objective weights need one number per player ({game.num_players})")
    w = [_exact.to_number(v) for v in weights]
    if not game.exact or any(isinstance(v, float) for v in w):
        w = [float(v) for v in w]
        return np.asarray(pay, dtype=np.float64).T @ np.array(w), f"weights {tuple(w)}"
    return np.array([sum(wi * pay[i][s] for i, wi in enumerate(w)) for s in range(pay.shape[1])], dtype=object), \
        "weights (" + ", ".join(_exact.format_number(v) for v in w) + ")"


def _make(game: Game, p: Sequence[Any], coarse: bool) -> CorrelatedEquilibrium:
    profiles = list(np.ndindex(*game.shape))
    pay = game.payoffs.reshape(game.num_players, -1)
    payoffs = tuple(sum(pay[i][k] * p[k] for k in range(len(p))) for i in range(game.num_players))
    if not game.exact:
        payoffs = tuple(float(v) for v in payoffs)
    dist = tuple((tuple(int(v) for v in profiles[k]), p[k]) for k in range(len(p)) if p[k] > 0)
    return CorrelatedEquilibrium(game=game, distribution=dist, payoffs=payoffs,
                                 violation=correlated_violation(game, p, coarse=coarse), coarse=coarse)


def _solve(game: Game, objective: Any, coarse: bool, vertices: bool) -> CorrelatedSolution:
    from scipy.optimize import linprog

    started = time.perf_counter()
    G, _labels = correlated_constraints(game, coarse=coarse)
    c, desc = _objective(game, objective)
    n = G.shape[1]
    m = G.shape[0]
    Gf = np.asarray(G, dtype=np.float64).reshape(m, n)
    cf = np.asarray(c, dtype=np.float64)
    res = linprog(-cf, A_ub=Gf if m else None, b_ub=np.zeros(m) if m else None, A_eq=np.ones((1, n)), b_eq=[1.0],
                  bounds=[(0, None)] * n, method="highs-ds")
    if res.status != 0:
        raise SolverError(f"the LP solver failed: {res.message}")
    notes: list[str] = []
    kind = "coarse correlated" if coarse else "correlated"
    certified = False
    if game.exact:
        A_ub = [list(r) for r in G]
        ones = [[Fraction(1)] * n]
        x = _exact_vertex(A_ub, ones, [Fraction(1)], [True] * n, res.x)
        if x is None:
            notes.append("the LP vertex could not be recovered exactly; float solution returned")
            p = [float(v) if v > 1e-12 else 0.0 for v in res.x]
            value = float(cf @ res.x)
            eq = _make(game.to_float(), p, coarse)
            eq = CorrelatedEquilibrium(game=game, distribution=eq.distribution, payoffs=eq.payoffs,
                                       violation=eq.violation, coarse=coarse)
        else:
            p = x
            value = sum(ci * xi for ci, xi in zip(c, x))
            eq = _make(game, p, coarse)
            if eq.violation > 0:  # pragma: no cover - _exact_vertex checked feasibility
                raise SolverError("exact correlated equilibrium violates a constraint")
            certified = _certify_dual(G, c, value, m, n)
            if not certified:
                notes.append("feasibility verified exactly; optimality only to the LP solver's tolerance")
    else:
        p = [float(v) if v > 1e-12 else 0.0 for v in res.x]
        total = sum(p)
        p = [v / total for v in p]
        value = float(cf @ np.array(p))
        eq = _make(game, p, coarse)
        if eq.violation > 1e-7 * (float(np.ptp(game.payoffs)) or 1.0):
            raise SolverError(f"the LP solution violates a constraint by {eq.violation:g}")
    verts = _vertices(game, G, coarse) if vertices else None
    return CorrelatedSolution(game=game, kind=kind, objective=desc, optimum=eq, value=value, certified=certified,
                              exact=game.exact, vertices=verts, elapsed=time.perf_counter() - started,
                              notes=tuple(notes))


def _certify_dual(G: np.ndarray, c: np.ndarray, value: Any, m: int, n: int) -> bool:
    """Exact optimality: find y >= 0, t with G^T y + t·1 >= c and t = value (weak duality closes the gap)."""
    from scipy.optimize import linprog

    # dual: min t  s.t.  -(G^T y) - t <= -c,  y >= 0, t free
    Gf = np.asarray(G, dtype=np.float64).reshape(m, n)
    cf = np.asarray(c, dtype=np.float64)
    A = np.hstack([-Gf.T, -np.ones((n, 1))])
    obj = np.zeros(m + 1)
    obj[-1] = 1.0
    res = linprog(obj, A_ub=A, b_ub=-cf, bounds=[(0, None)] * m + [(None, None)], method="highs-ds")
    if res.status != 0:
        return False
    A_ex = [[-G[r][j] for r in range(m)] + [Fraction(-1)] for j in range(n)]
    # recover the dual vertex exactly: the rows are A z <= -c, i.e. A z + c <= 0
    rows_shift = [row + [Fraction(cj)] for row, cj in zip(A_ex, c)]
    z = _exact_vertex_affine(rows_shift, [True] * m + [False], res.x)
    if z is None:
        return False
    return z[-1] == value


def _exact_vertex_affine(rows: list[list[Fraction]], nonneg: list[bool], x: np.ndarray, eps: float = 1e-9):
    """Like :func:`_exact_vertex` for ``a·x + a0 <= 0`` rows (last entry ``a0``), no equalities."""
    n = len(x)
    eqs, rhs = [], []
    for r in rows:
        if abs(sum(float(a) * v for a, v in zip(r[:-1], x)) + float(r[-1])) <= eps:
            eqs.append(r[:-1])
            rhs.append(-r[-1])
    for j in range(n):
        if nonneg[j] and abs(x[j]) <= eps:
            eqs.append([Fraction(int(k == j)) for k in range(n)])
            rhs.append(Fraction(0))
    sol = _solve_unique(eqs, rhs, n)
    if sol is None:
        return None
    if any(nonneg[j] and sol[j] < 0 for j in range(n)):
        return None
    if any(sum(a * v for a, v in zip(r[:-1], sol)) + r[-1] > 0 for r in rows):
        return None
    return sol


def _vertices(game: Game, G: np.ndarray, coarse: bool) -> tuple[CorrelatedEquilibrium, ...]:
    """Every vertex of ``{G p <= 0, p >= 0, Σ p = 1}`` by exact basis enumeration (small games only)."""
    n = G.shape[1]
    m = G.shape[0]
    exact = game.exact
    rows = [list(r) for r in G] if exact else [[Fraction(float(v)) for v in r] for r in G]
    ineq = rows + [[Fraction(-int(k == j)) for k in range(n)] for j in range(n)]  # -p_j <= 0
    count = math.comb(len(ineq), n - 1)
    if count > MAX_VERTEX_SYSTEMS:
        raise NotSupportedError(
            f"vertex enumeration would examine {count} bases (limit {MAX_VERTEX_SYSTEMS}); the game is too large"
        )
    found: dict[tuple, list[Fraction]] = {}
    ones = [Fraction(1)] * n
    F = np.array([[float(v) for v in r] for r in ineq])
    scale = float(np.abs(F).max()) or 1.0
    combos = itertools.combinations(range(len(ineq)), n - 1)
    screened: set = set()
    # float screening in batches (singular bases and clearly infeasible points are skipped),
    # then every surviving candidate is recomputed and checked exactly
    while True:
        chunk = list(itertools.islice(combos, 4096))
        if not chunk:
            break
        batch = np.array(chunk, dtype=np.intp).reshape(len(chunk), n - 1)
        mats = np.concatenate([np.ones((len(batch), 1, n)), F[batch]], axis=1)
        svals = np.linalg.svd(mats, compute_uv=False)
        good = svals[:, -1] > 1e-9 * svals[:, 0]
        if not good.any():
            continue
        rhs = np.zeros((int(good.sum()), n, 1))
        rhs[:, 0, 0] = 1.0
        xs = np.linalg.solve(mats[good], rhs)[..., 0]
        feasible = (F @ xs.T <= 1e-7 * scale).all(axis=0)
        for tight, x in zip(batch[good][feasible], xs[feasible]):
            key = tuple(np.round(x, 9))
            if key in screened:
                continue  # a degenerate vertex has many bases
            screened.add(key)
            sol = _solve_unique([ones] + [ineq[k] for k in tight], [Fraction(1)] + [Fraction(0)] * (n - 1), n)
            if sol is None or tuple(sol) in found:
                continue
            if all(sum(a * v for a, v in zip(r, sol)) <= 0 for r in ineq):
                found[tuple(sol)] = sol
    out = []
    for sol in sorted(found):
        p = list(sol) if exact else [float(v) for v in sol]
        out.append(_make(game, p, coarse))
    return tuple(out)


def correlated_equilibria(game: Game, objective: Any = "welfare", *, vertices: bool = False) -> CorrelatedSolution:
    """An optimal correlated equilibrium by LP, exactly verified for exact games.

    Parameters
    ----------
    game : Game
        Any number of players.
    objective : "welfare", player label or index, sequence of weights, or None
        What to maximise: the sum of payoffs, one player's payoff, a weighted sum,
        or nothing (any correlated equilibrium).
    vertices : bool
        Also enumerate every vertex of the correlated equilibrium polytope (exact basis
        enumeration; raises :class:`NotSupportedError` above ``MAX_VERTEX_SYSTEMS`` bases).

    Returns
    -------
    CorrelatedSolution

    References
    ----------
    Aumann, R. J. (1974). Subjectivity and correlation in randomized strategies.
    *Journal of Mathematical Economics* 1(1), 67–96.
    Papadimitriou, C. H. & Roughgarden, T. (2008). Computing correlated equilibria in
    multi-player games. *Journal of the ACM* 55(3), 14.

    Examples
    --------
    >>> from gametheory import Game
    >>> bos = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Ann", "Bob"))
    >>> correlated_equilibria(bos, "Ann").value
    Fraction(2, 1)
    >>> len(correlated_equilibria(bos, vertices=True).vertices)
    5
    """
    return _solve(game, objective, coarse=False, vertices=vertices)


def coarse_correlated_equilibria(game: Game, objective: Any = "welfare", *, vertices: bool = False) -> CorrelatedSolution:
    """An optimal coarse correlated equilibrium by LP, exactly verified for exact games.

    Parameters are those of :func:`correlated_equilibria`. Every correlated
    equilibrium is coarse correlated, so the optimum is at least as high.

    References
    ----------
    Moulin, H. & Vial, J.-P. (1978). Strategically zero-sum games: the class of games whose
    completely mixed equilibria cannot be improved upon. *International Journal of Game
    Theory* 7(3–4), 201–221.

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> coarse_correlated_equilibria(pd).value    # dominant strategies leave no room
    Fraction(2, 1)
    """
    return _solve(game, objective, coarse=True, vertices=vertices)
