"""Every extreme equilibrium of a two-player game, and the equilibrium components.

Method (Avis, Rosenberg, Savani and von Stengel 2010): after shifting each
player's payoffs to be positive, the best-response polytopes

    P = {x in R^m : x >= 0, B^T x <= 1},     Q = {y in R^n : A y <= 1, y >= 0}

have labels ``0..m-1`` (row strategies: ``x_i = 0`` in P, best response ``(A y)_i = 1``
in Q) and ``m..m+n-1`` (column strategies). The extreme Nash equilibria are exactly
the *completely labelled* vertex pairs ``(x, y) != (0, 0)``, normalised. This holds for
degenerate games too, where vertices carry more labels than the dimension.

All vertices of P and Q are enumerated by :func:`._polytope.polytope_vertices`
(lexicographic breadth-first search, exact integer pivoting for exact games), and
pairs are matched through their label sets: complements are looked up in a hash
table and only degenerate vertices are compared against all others.

Components: the sets of equilibria that are products of convex hulls of extreme
strategies, maximal with that property (*maximal Nash subsets*), correspond to the
maximal bicliques of the bipartite graph linking compatible extreme strategies of
the two players; the connected components of that graph are the topological
components of the equilibrium set.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.solvers import enumerate_equilibria
>>> bos = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=(("Opera", "Fight"),) * 2)
>>> print(enumerate_equilibria(bos))
enumerate_equilibria: 3 equilibria (complete, exact)
  1. Player 1: Opera; Player 2: Opera  payoffs (2, 1)  regret 0
  2. Player 1: Opera 2/3, Fight 1/3; Player 2: Opera 1/3, Fight 2/3  payoffs (2/3, 2/3)  regret 0
  3. Player 1: Fight; Player 2: Fight  payoffs (1, 2)  regret 0
"""

from __future__ import annotations

import time
import warnings
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from .. import exact as _exact
from ..errors import DegenerateGameWarning, NotSupportedError
from ..game import Game
from ..solution import Component, Solution, make_solution
from ._polytope import polytope_vertices, vertex_point

__all__ = ["enumerate_equilibria", "best_response_polytopes"]


def _require_bimatrix(game: Game, who: str) -> None:
    if game.num_players != 2:
        raise NotSupportedError(f"{who} handles two-player games; this game has {game.num_players} players")


def best_response_polytopes(game: Game) -> tuple[np.ndarray, np.ndarray]:
    """Positive payoff matrices ``(A, B)`` with the same equilibria as the game.

    Exact games: integer matrices (each player's payoffs scaled to integers, then
    shifted so the smallest entry is 1). Float games: each player's payoffs mapped
    affinely onto ``[1, 2]``, which keeps tolerances meaningful.

    Examples
    --------
    >>> from gametheory import Game
    >>> A, B = best_response_polytopes(Game.from_bimatrix([[0, "1/2"]], [[-3, 3]]))
    >>> A.tolist(), B.tolist()
    ([[1, 2]], [[1, 7]])
    """
    _require_bimatrix(game, "best_response_polytopes")
    if game.exact:
        ip = game.comparable_payoffs  # the integer payoffs, cached on the game
        mats = [ip[i] - ip[i].min() + 1 for i in range(2)]
        if any(m.dtype == object for m in mats):
            mats = [m.astype(object) for m in mats]
        return mats[0], mats[1]
    out = []
    for i in range(2):
        a = np.asarray(game.payoffs[i], dtype=np.float64)
        lo, hi = a.min(), a.max()
        out.append((a - lo) / (hi - lo) + 1.0 if hi > lo else np.ones_like(a))
    return out[0], out[1]


def _popcount(v: int) -> int:
    return bin(v).count("1")


def _popcounts(masks: list[int]) -> np.ndarray:
    arr = np.array(masks, dtype=np.int64)
    return np.unpackbits(arr.view(np.uint8)).reshape(len(masks), 64).sum(axis=1)


def _match(lp: list[int], lq: list[int], m: int, n: int) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of vertices whose label sets cover all ``m + n`` labels."""
    full = (1 << (m + n)) - 1
    index = {mask: j for j, mask in enumerate(lq)}
    pairs = set()
    for i, mask in enumerate(lp):
        j = index.get(full ^ mask)
        if j is not None:
            pairs.add((i, j))
    # overlapping label sets need a degenerate vertex on one side
    if m + n <= 62:
        deg_p = np.nonzero(_popcounts(lp) > m)[0].tolist()
        deg_q = np.nonzero(_popcounts(lq) > n)[0].tolist()
    else:
        deg_p = [i for i, mask in enumerate(lp) if _popcount(mask) > m]
        deg_q = [j for j, mask in enumerate(lq) if _popcount(mask) > n]
    if deg_p or deg_q:
        if m + n <= 62:
            ap, aq = np.array(lp, dtype=np.int64), np.array(lq, dtype=np.int64)
            for rows, other, flip in ((deg_p, aq, False), (deg_q, ap, True)):
                mine = (aq if flip else ap)[rows] if rows else np.zeros(0, dtype=np.int64)
                for start in range(0, len(rows), 256):
                    hit = (mine[start : start + 256, None] | other[None, :]) == full
                    for a, b in zip(*np.nonzero(hit)):
                        r = rows[start + a]
                        pairs.add((int(b), r) if flip else (r, int(b)))
        else:
            for i in deg_p:
                pairs.update((i, j) for j, mq in enumerate(lq) if lp[i] | mq == full)
            for j in deg_q:
                pairs.update((i, j) for i, mp in enumerate(lp) if mp | lq[j] == full)
    return sorted(pairs)


def _complement_points(lp: list[int], A: np.ndarray, m: int, n: int, tol: float):
    """Float shortcut: the column strategies completing each vertex of P, by one batched solve.

    When every vertex of P carries exactly ``m`` labels, a partner ``y`` must have the
    ``n`` complementary labels, which pin it down by ``n`` linear equations. Solving
    them for all vertices at once replaces enumerating Q. Returns ``None`` (enumerate
    Q instead) when P has a degenerate vertex or a system is (nearly) singular.
    """
    if m + n > 62 or len(lp) < 2:
        return None
    masks = np.array(lp, dtype=np.int64)
    if np.any(_popcounts(lp) != m):
        return None
    keep = np.nonzero(masks != (1 << m) - 1)[0]
    bits = ((masks[keep, None] >> np.arange(m + n)) & 1).astype(bool)
    labels = np.nonzero(~bits)[1].reshape(len(keep), n)  # the complementary labels, n per vertex
    rows = np.vstack([A, np.eye(n)])  # label i < m: (A y)_i = 1; label m + j: y_j = 0
    M = rows[labels]
    rhs = (labels < m).astype(np.float64)
    sign, logdet = np.linalg.slogdet(M)
    scale = np.log(np.linalg.norm(M, axis=2)).sum(axis=1)
    if np.any(sign == 0):
        return None
    doubtful = logdet - scale < np.log(1e-8)  # cheap test first, the condition number where needed
    if doubtful.any() and np.linalg.cond(M[doubtful]).max() > 1e6:
        return None  # (nearly) singular: let the full enumeration decide
    Y = np.linalg.solve(M, rhs[:, :, None])[:, :, 0]
    AY = Y @ A.T
    ok = np.nonzero((Y >= -tol).all(axis=1) & (AY <= 1 + tol).all(axis=1) & (Y.sum(axis=1) > tol))[0]
    pairs, points, ids = [], {}, {}
    for v in ok:
        y = np.where(Y[v] <= tol, 0.0, Y[v])
        # the vertex's label set, in the labels' own numbering: tight row i is label i,
        # a zero y_j is label m + j (two namespaces mixed would merge distinct vertices)
        key = tuple(np.nonzero(AY[v] >= 1 - tol)[0]) + tuple(m + np.nonzero(y == 0)[0])
        j = ids.setdefault(key, len(ids))
        points.setdefault(j, y)
        pairs.append((int(keep[v]), j))
    return pairs, points, len(ids)


def _normalise(num, exact: bool) -> tuple:
    if exact:
        ints = [int(v) for v in num]
        total = sum(ints)
        return tuple(Fraction(v, total) for v in ints)
    vec = np.asarray(num, dtype=np.float64)
    vec = vec / vec.sum()
    return tuple(float(v) for v in vec)


def _maximal_bicliques(adj: dict[int, frozenset]) -> list[tuple[frozenset, frozenset]]:
    """Maximal bicliques ``(X, Y)`` of a bipartite graph given as ``x -> N(x)``.

    The closed column sets are the non-empty intersections of neighbourhoods; each
    gives the biclique ``({x : N(x) >= Y}, Y)``.
    """
    closed: set[frozenset] = set()
    frontier = {nb for nb in adj.values() if nb}
    while frontier:
        closed |= frontier
        new = set()
        for y_set in frontier:
            for nb in adj.values():
                inter = y_set & nb
                if inter and inter not in closed:
                    new.add(inter)
        frontier = new
    out = []
    for y_set in closed:
        x_set = frozenset(x for x, nb in adj.items() if y_set <= nb)
        out.append((x_set, y_set))
    # keep only maximal ones (closed sets are maximal by construction; dedupe by X too)
    uniq = {}
    for x_set, y_set in out:
        key = (x_set, y_set)
        uniq[key] = (x_set, y_set)
    return sorted(uniq.values(), key=lambda xy: (sorted(xy[0]), sorted(xy[1])))


def _describe_strategy_set(game: Game, player: int, points: Sequence[tuple]) -> str:
    """Plain words for the convex hull of ``points`` (mixed strategies of one player)."""
    name = game.players[player]
    labels = game.strategies[player]
    fmt = _exact.format_number
    if len(points) == 1:
        vec = points[0]
        played = [(labels[k], p) for k, p in enumerate(vec) if p != 0]
        if len(played) == 1:
            return f"{name} plays {played[0][0]}"
        return f"{name} mixes " + ", ".join(f"{s} {fmt(p)}" for s, p in played)
    used = sorted({k for vec in points for k, p in enumerate(vec) if p != 0})
    pure_points = {next(k for k, p in enumerate(vec) if p != 0) for vec in points if sum(p != 0 for p in vec) == 1}
    if len(labels) > 1 and pure_points == set(range(len(labels))) and len(points) == len(labels):
        return f"{name} plays any mixed strategy"
    if len(used) == 2:
        a, b = used
        lo = min(vec[a] for vec in points)
        hi = max(vec[a] for vec in points)
        return f"{name} mixes {labels[a]} with any probability in [{fmt(lo)}, {fmt(hi)}] ({labels[b]} otherwise)"
    hulls = []
    for vec in points:
        played = [(labels[k], p) for k, p in enumerate(vec) if p != 0]
        hulls.append(
            played[0][0] if len(played) == 1 else "(" + ", ".join(f"{s} {fmt(p)}" for s, p in played) + ")"
        )
    return f"{name} plays any mixture of " + "; ".join(hulls)


def _components(sol: Solution, pairs: list[tuple[int, int]], xs: list, ys: list, eq_index: dict) -> list[Component]:
    game = sol.game
    # union-find over x-vertices (0..) and y-vertices (offset)
    parent: dict = {}

    def find(a):
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i, j in pairs:
        parent[find(("x", i))] = find(("y", j))
    groups: dict = {}
    for i, j in pairs:
        groups.setdefault(find(("x", i)), []).append((i, j))
    comps = []
    for members in groups.values():
        xi = sorted({i for i, _ in members})
        yj = sorted({j for _, j in members})
        adj = {i: frozenset(j for a, j in members if a == i) for i in xi}
        bicl = _maximal_bicliques(adj)
        x_pos = {i: k for k, i in enumerate(xi)}
        y_pos = {j: k for k, j in enumerate(yj)}
        extreme = tuple(sol.equilibria[eq_index[(i, j)]] for i, j in sorted(members, key=lambda ij: eq_index[ij]))
        subsets = tuple(
            (tuple(sorted(x_pos[i] for i in xs_)), tuple(sorted(y_pos[j] for j in ys_))) for xs_, ys_ in bicl
        )
        points = (tuple(xs[i] for i in xi), tuple(ys[j] for j in yj))
        parts = []
        for xs_, ys_ in bicl:
            parts.append(
                _describe_strategy_set(game, 0, [xs[i] for i in sorted(xs_)])
                + "; "
                + _describe_strategy_set(game, 1, [ys[j] for j in sorted(ys_)])
            )
        description = parts[0] if len(parts) == 1 else " | or | ".join(parts)
        comps.append(Component(extreme=extreme, subsets=subsets, points=points, description=description))
    comps.sort(key=lambda c: sol.equilibria.index(c.extreme[0]))
    return comps


def _warn_degenerate(game: Game, continua: int, stacklevel: int = 2) -> None:
    """Issue the :class:`~gametheory.errors.DegenerateGameWarning` for ``continua`` non-trivial components."""
    warnings.warn(
        f"{game.title or 'the game'} is degenerate: {continua} equilibrium component(s) "
        "are continua; every extreme equilibrium is listed and Solution.components describes them",
        DegenerateGameWarning,
        stacklevel=stacklevel,
    )


#: Games with at least this many strategies in total (``m + n``) are searched by
#: :func:`~gametheory.solvers.reverse_search.reverse_search_equilibria` (bounded memory, streamed);
#: smaller ones by the breadth-first search, which is faster there.
REVERSE_SEARCH_MIN_STRATEGIES = 26


def enumerate_equilibria(
    game: Game,
    *,
    tol: float | None = None,
    warn: bool = True,
    timeout: float | None = None,
    progress: bool | None = None,
) -> Solution:
    """Every extreme Nash equilibrium of a two-player game, with the equilibrium components.

    Vertex enumeration of the best-response polytopes ``P`` and ``Q`` (see the
    module docstring); for exact games all arithmetic is exact (fraction-free
    integer pivoting) and probabilities are ``Fraction``; for float games the same
    search runs in floating point with tolerance ``tol`` and every result is then
    certified (regret at most ``tol``). Degenerate games are handled: the result
    lists every extreme equilibrium and ``Solution.components`` gives the maximal
    convex sets of equilibria (continua such as "Column mixes l with any
    probability in [2/3, 1]").

    Parameters
    ----------
    game : Game
        A two-player game, exact or float.
    tol : float, optional
        Tolerance for float games (default ``game.tol``); ignored for exact games.
    warn : bool, default True
        Issue a :class:`~gametheory.errors.DegenerateGameWarning` when the game has a
        component that is not a single equilibrium (a continuum of equilibria).
    timeout : float, optional
        Seconds after which to stop and return the equilibria found so far, with
        ``complete=False`` and a note (checked by the reverse search of large games;
        smaller games finish in about a second).
    progress : bool, optional
        Progress bar: ``True`` always, ``False`` never, default after a few seconds.

    Returns
    -------
    Solution
        ``complete=True``: all extreme equilibria; ``components`` set.

    Warns
    -----
    LongRunWarning
        When a large game's enumeration, a few seconds in, is projected to take long
        (the projection, ``timeout=`` and Lemke–Howson for one equilibrium as alternatives).

    Notes
    -----
    Games with ``m + n >= REVERSE_SEARCH_MIN_STRATEGIES`` are searched by
    :func:`~gametheory.solvers.reverse_search.reverse_search_equilibria`: memory stays
    bounded whatever the number of vertices, and the search can stop at ``timeout``.
    ``parameters["algorithm"]`` records which search ran.

    Raises
    ------
    NotSupportedError
        For games with other than two players.

    References
    ----------
    Avis, D., Rosenberg, G. D., Savani, R. and von Stengel, B. (2010). Enumeration of
    Nash equilibria for two-player games. *Economic Theory* 42, 9–37.

    von Stengel, B. (2002). Computing equilibria for two-person games. In *Handbook of
    Game Theory* vol. 3, ch. 45.

    Examples
    --------
    A degenerate game with a continuum (von Stengel's 3×2 example):

    >>> import warnings
    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]],
    ...                        players=("Row", "Column"), strategies=(("T", "M", "B"), ("l", "r")))
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     sol = enumerate_equilibria(g)
    >>> len(sol), len(sol.components)
    (3, 2)
    >>> print(sol.components[0].description)
    Row plays T; Column mixes l with any probability in [2/3, 1] (r otherwise)
    """
    started = time.perf_counter()
    _require_bimatrix(game, "enumerate_equilibria")
    exact = game.exact
    tol = game.tol if tol is None else tol
    work_tol = tol if not exact else 0.0
    m, n = game.shape
    if m + n >= REVERSE_SEARCH_MIN_STRATEGIES:
        from .reverse_search import reverse_search_equilibria, supports_reverse_search

        if supports_reverse_search(game):
            return reverse_search_equilibria(game, timeout=timeout, progress=progress, tol=tol, warn=warn)
    A, B = best_response_polytopes(game)
    vp = polytope_vertices(np.ascontiguousarray(B.T), exact=exact, tol=max(work_tol, 1e-12) if not exact else 0.0)
    lp = vp.masks  # bits: x_i (label i), then slack j (label m + j)
    origin_p, origin_q = (1 << m) - 1, ((1 << n) - 1) << m
    shortcut = None if exact else _complement_points(lp, A, m, n, max(work_tol, 1e-12))
    xs_cache: dict = {}
    ys_cache: dict = {}
    if shortcut is not None:
        pairs, ys_points, n_q = shortcut
        ys_cache = {j: _normalise(y, False) for j, y in ys_points.items()}
    else:
        vq = polytope_vertices(np.ascontiguousarray(A), exact=exact, tol=max(work_tol, 1e-12) if not exact else 0.0)
        low_n = (1 << n) - 1
        lq = [(mask >> n) | ((mask & low_n) << m) for mask in vq.masks]  # y_j -> m+j, slack i -> i
        n_q = len(lq)
        pairs = [(i, j) for i, j in _match(lp, lq, m, n) if not (lp[i] == origin_p and lq[j] == origin_q)]
        for _, j in pairs:
            if j not in ys_cache:
                ys_cache[j] = _normalise(vertex_point(vq, j)[0], exact)
    for i, _ in pairs:
        if i not in xs_cache:
            xs_cache[i] = _normalise(vertex_point(vp, i)[0], exact)
    profiles = [(xs_cache[i], ys_cache[j]) for i, j in pairs]
    return _solution_from_pairs(game, profiles, complete=True, started=started, tol=tol, parameters={"tol": tol},
                                warn=warn, stacklevel=4)


def _solution_from_pairs(
    game: Game,
    profiles: list,
    *,
    complete: bool,
    started: float,
    tol: float,
    parameters: dict,
    notes: Sequence[str] = (),
    warn: bool = True,
    stacklevel: int = 4,
) -> Solution:
    """Verify extreme equilibria ``(x, y)`` (normalised), order them, and add the components."""
    from dataclasses import replace

    from ..solution import _profile_key

    exact = game.exact
    xs: dict = {}
    ys: dict = {}
    pairs = set()
    for x, y in profiles:
        i = xs.setdefault(_profile_key(game, (x,)), len(xs))
        j = ys.setdefault(_profile_key(game, (y,)), len(ys))
        pairs.add((i, j))
    xs_cache = {i: key[0] for key, i in xs.items()}
    ys_cache = {j: key[0] for key, j in ys.items()}
    if not exact:  # the rounded keys stand for the first float point seen
        for x, y in profiles:
            xs_cache[xs[_profile_key(game, (x,))]] = x
            ys_cache[ys[_profile_key(game, (y,))]] = y
    def order(ij):  # descending probabilities (floats rounded, so tiny rounding differences do not reorder)
        x, y = xs_cache[ij[0]], ys_cache[ij[1]]
        if not exact:
            x, y = (round(v, 9) for v in x), (round(v, 9) for v in y)
        return tuple(-v for v in x), tuple(-v for v in y)

    pairs = sorted(pairs, key=order)
    ordered = [(xs_cache[i], ys_cache[j]) for i, j in pairs]
    sol = make_solution(
        game, "enumerate_equilibria", ordered, complete=complete, started=started, parameters=parameters, tol=tol,
        notes=tuple(notes),
    )
    where = {_profile_key(game, e.profile): k for k, e in enumerate(sol.equilibria)}
    eq_index = {ij: where[_profile_key(game, prof)] for ij, prof in zip(pairs, ordered)}
    comps = _components(sol, pairs, xs_cache, ys_cache, eq_index)
    extra = []
    continua = [c for c in comps if len(c.extreme) > 1]
    if continua:
        extra.append(
            f"degenerate game: {len(continua)} component(s) contain a continuum of equilibria "
            "(see Solution.components)"
        )
        if warn:
            _warn_degenerate(game, len(continua), stacklevel=stacklevel)
    return replace(sol, components=tuple(comps), notes=sol.notes + tuple(extra), elapsed=time.perf_counter() - started)
