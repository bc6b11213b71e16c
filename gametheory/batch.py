"""Solve many games of one shape at once: every equilibrium, as one tidy table.

Robustness checks, Monte Carlo over uncertain payoffs and parameter sweeps solve
thousands of small games. Calling a solver per game spends most of its time in
Python overhead; :func:`solve_many` instead runs the vertex enumeration of the
best-response polytopes (the method of :func:`~gametheory.solvers.enumerate_equilibria`)
*across the whole stack*: for each candidate basis of the polytopes, one
fraction-free integer elimination over all games at once (numpy), then a join of
complementary label sets. Degenerate games are handled exactly (vertices with more
labels than the dimension are matched against every partner) and every equilibrium
is verified in integer arithmetic (regret exactly 0) before it is returned. Shapes
with too many candidate bases (and games with more than two players) are solved
one by one with :func:`~gametheory.solve`.

Examples
--------
>>> import numpy as np
>>> from gametheory.batch import solve_many
>>> pd_ = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]         # Prisoner's Dilemma
>>> bos = [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]         # Battle of the Sexes
>>> table = solve_many(np.array([pd_, bos]))
>>> print(table[["game", "equilibrium", "Player 1: 1", "Player 2: 1", "payoff Player 1"]].to_string(index=False))
 game  equilibrium Player 1: 1 Player 2: 1 payoff Player 1
    0            0           0           0               1
    1            0           1           1               2
    1            1         2/3         1/3             2/3
    1            2           0           0               1
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any, Iterable, Sequence

import numpy as np

from .errors import InvalidGameError, SolverError
from .game import Game

__all__ = ["solve_many", "MAX_BATCH_BASES"]

#: Shapes whose polytopes have at most this many candidate bases (``C(m + n, m)``) are
#: solved across the stack; larger ones game by game.
MAX_BATCH_BASES = 3432  # 7 x 7

_INT_LIMIT = 2**62


# -- input ---------------------------------------------------------------------------------------
def _lcm_scale(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Integer numerators of Fractions/ints and the common denominator (the LCM)."""
    fr = [Fraction(v) for v in values.ravel()]
    lcm = 1
    for f in fr:
        lcm = lcm * f.denominator // math.gcd(lcm, f.denominator)
    out = np.array([int(f * lcm) for f in fr], dtype=object).reshape(values.shape)
    return out, lcm


def _as_stack(games: Any) -> tuple[np.ndarray, np.ndarray | None, bool, Game | None, list | None]:
    """``(payoffs (G, 2, m, n), per-game-player scales or None, exact, first game, games list)``.

    Exact input becomes integers (each game's each player scaled by the LCM of the
    denominators, kept in ``scales`` to report the original payoffs); float input
    stays float.
    """
    if isinstance(games, np.ndarray) or (isinstance(games, (list, tuple)) and games and not isinstance(games[0], Game)):
        arr = np.asarray(games)
        if arr.ndim < 3:
            raise InvalidGameError(f"solve_many expects an array of shape (games, players, n_1, ..., n_N); got {arr.shape}")
        if arr.dtype.kind in "iu":
            if arr.size and int(np.abs(arr).max()) >= _INT_LIMIT:
                return arr.astype(object), None, True, None, None
            return arr.astype(np.int64), None, True, None, None
        if arr.dtype.kind == "f":
            if not np.all(np.isfinite(arr)):
                raise InvalidGameError("solve_many: payoffs must be finite (found NaN or infinity)")
            return arr.astype(np.float64), None, False, None, None
        if arr.dtype.kind == "b":
            raise InvalidGameError("solve_many: payoffs must be numbers, not booleans")
        if arr.dtype == object:
            G, N = arr.shape[:2]
            ints = np.empty(arr.shape, dtype=object)
            scales = np.ones((G, N), dtype=object)
            for g in range(G):
                for i in range(N):
                    try:
                        ints[g, i], scales[g, i] = _lcm_scale(arr[g, i])
                    except (TypeError, ValueError) as exc:
                        raise InvalidGameError(f"solve_many: game {g}: payoffs must be integers, fractions or floats ({exc})") from None
            return ints, scales, True, None, None
        raise InvalidGameError(f"solve_many: unsupported payoff type {arr.dtype}")
    games = list(games)
    if not games:
        raise InvalidGameError("solve_many needs at least one game")
    if not all(isinstance(g, Game) for g in games):
        raise InvalidGameError("solve_many expects Game objects or one payoff array")
    shape = games[0].shape
    if any(g.shape != shape for g in games):
        raise InvalidGameError(f"solve_many: every game must have the shape of the first, {shape}")
    exact = all(g.exact for g in games)
    if exact:
        ints = np.stack([np.asarray(g.integer_payoffs, dtype=object) for g in games])
        scales = np.array([[_lcm_scale(np.asarray(g.payoffs[i]))[1] for i in range(g.num_players)] for g in games],
                          dtype=object)
        if all(v < _INT_LIMIT for v in np.abs(ints).ravel()):
            ints = ints.astype(np.int64)
        return ints, scales, True, games[0], games
    return np.stack([np.asarray(g.payoffs, dtype=np.float64) for g in games]), None, False, games[0], games


# -- vertices of a stack of polytopes -------------------------------------------------------------
def _ff_solve(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fraction-free Gauss–Jordan on ``M z = 1`` for a stack ``M`` (G, t, t) of integer matrices.

    Returns numerators ``(G, t)`` and positive denominators ``(G,)`` with ``z = num / den``;
    ``den == 0`` marks a singular system. Every division is exact (entries are minors).
    """
    G, t, _ = M.shape
    A = np.concatenate([M, np.ones((G, t, 1), dtype=M.dtype)], axis=2)
    prev = np.ones(G, dtype=M.dtype)
    singular = np.zeros(G, dtype=bool)
    idx = np.arange(G)
    for c in range(t):
        nz = A[:, c:, c] != 0
        has = nz.any(axis=1)
        singular |= ~has
        r = c + np.argmax(nz, axis=1)
        swap = r != c
        if swap.any():
            rows = idx[swap]
            tmp = A[rows, c].copy()
            A[rows, c] = A[rows, r[swap]]
            A[rows, r[swap]] = tmp
        p = A[:, c, c].copy()
        p[singular] = 1
        pc = A[:, c, :].copy()
        col = A[:, :, c].copy()
        A = (A * p[:, None, None] - col[:, :, None] * pc[:, None, :]) // prev[:, None, None]
        A[:, c, :] = pc
        prev = p
    den = prev.copy()
    num = A[:, :, t].copy()
    neg = den < 0
    num[neg] = -num[neg]
    den[neg] = -den[neg]
    den[singular] = 0
    return num, den


def _float_solve(M: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    G, t, _ = M.shape
    den = np.ones(G)
    num = np.zeros((G, t))
    if t == 0:
        return num, den
    ok = np.abs(np.linalg.det(M)) > tol
    if ok.any():
        with np.errstate(all="ignore"):
            cond = np.linalg.cond(M[ok])
        good = np.nonzero(ok)[0][cond < 1e12]
        ok[:] = False
        ok[good] = True
        if len(good):
            num[good] = np.linalg.solve(M[good], np.ones((len(good), t, 1)))[:, :, 0]
    den[~ok] = 0
    return num, den


def _vertices(C: np.ndarray, exact: bool, tol: float) -> dict[str, np.ndarray]:
    """Every vertex of ``{z >= 0 : C_g z <= 1}`` for each matrix ``C_g`` of the stack (G, k, d).

    Returns arrays over all vertices: ``game``, ``mask`` (bit ``i < d``: ``z_i = 0``; bit
    ``d + j``: constraint ``j`` tight), ``num`` (V, d) and ``den`` (V,), de-duplicated
    per game by label set.
    """
    G, k, d = C.shape
    games, masks, nums, dens = [], [], [], []
    for t in range(0, min(k, d) + 1):
        for T in itertools.combinations(range(k), t):
            Tl = list(T)
            for F in itertools.combinations(range(d), t):
                Fl = list(F)
                if t:
                    M = C[:, Tl][:, :, Fl]
                    num, den = _ff_solve(M) if exact else _float_solve(M, tol)
                else:
                    num, den = np.zeros((G, 0), dtype=C.dtype), np.ones(G, dtype=C.dtype)
                ok = den != 0
                if exact:
                    ok &= (num >= 0).all(axis=1)
                else:
                    ok &= (num >= -tol).all(axis=1)
                if not ok.any():
                    continue
                g = np.nonzero(ok)[0]
                z = np.zeros((len(g), d), dtype=C.dtype)
                z[:, Fl] = num[g]
                Dg = den[g]
                lhs = (C[g] * z[:, None, :]).sum(axis=2)  # (C z) * den
                if exact:
                    feasible = (lhs <= Dg[:, None]).all(axis=1)
                    tight = lhs == Dg[:, None]
                    zero = z == 0
                else:
                    feasible = (lhs <= 1 + tol).all(axis=1)
                    tight = lhs >= 1 - tol
                    zero = z <= tol
                    z = np.where(zero, 0.0, z)
                if not feasible.any():
                    continue
                sel = np.nonzero(feasible)[0]
                bits = np.concatenate([zero[sel], tight[sel]], axis=1).astype(np.int64)
                mask = bits @ (np.int64(1) << np.arange(d + k, dtype=np.int64))
                games.append(g[sel])
                masks.append(mask)
                nums.append(z[sel])
                dens.append(Dg[sel])
    game = np.concatenate(games)
    mask = np.concatenate(masks)
    num = np.concatenate(nums)
    den = np.concatenate(dens)
    key = game.astype(np.int64) * (np.int64(1) << (d + k)) + mask
    _, first = np.unique(key, return_index=True)
    first = np.sort(first)
    return {"game": game[first], "mask": mask[first], "num": num[first], "den": den[first]}


def _popcount(a: np.ndarray) -> np.ndarray:
    return np.unpackbits(a.astype(np.int64).view(np.uint8).reshape(-1, 8), axis=1).sum(axis=1)


# -- the batch solver ------------------------------------------------------------------------------
def _pairs(vp: dict, vq: dict, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices ``(i, j)`` of completely labelled vertex pairs (same game), origin excluded."""
    full = (1 << (m + n)) - 1
    low_n = (1 << n) - 1
    lq = (vq["mask"] >> n) | ((vq["mask"] & low_n) << m)  # Q labels in P's numbering
    shift = np.int64(1) << (m + n)
    kp = vp["game"].astype(np.int64) * shift + (full ^ vp["mask"])
    kq = vq["game"].astype(np.int64) * shift + lq
    order = np.argsort(kq, kind="stable")
    pos = np.searchsorted(kq[order], kp)
    pos_c = np.minimum(pos, len(kq) - 1)
    hit = kq[order][pos_c] == kp
    ii = [np.nonzero(hit)[0]]
    jj = [order[pos_c[hit]]]
    # degenerate vertices (more labels than the dimension) can pair with several partners
    deg_games = np.union1d(vp["game"][_popcount(vp["mask"]) > m], vq["game"][_popcount(lq) > n])
    if len(deg_games):
        for g in deg_games.tolist():
            pi = np.nonzero(vp["game"] == g)[0]
            qj = np.nonzero(vq["game"] == g)[0]
            cover = (vp["mask"][pi][:, None] | lq[qj][None, :]) == full
            a, b = np.nonzero(cover)
            ii.append(pi[a])
            jj.append(qj[b])
    i = np.concatenate(ii)
    j = np.concatenate(jj)
    pairs = np.unique(np.stack([i, j], axis=1), axis=0) if len(i) else np.zeros((0, 2), dtype=np.int64)
    origin = (vp["mask"][pairs[:, 0]] == (1 << m) - 1) & (lq[pairs[:, 1]] == full ^ ((1 << m) - 1))
    pairs = pairs[~origin]
    return pairs[:, 0], pairs[:, 1]


def _components(game_of: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Component index of each equilibrium within its game (pairs sharing a vertex are connected)."""
    comp = np.zeros(len(i), dtype=np.int64)
    for g in np.unique(game_of).tolist():
        rows = np.nonzero(game_of == g)[0]
        parent: dict = {}

        def find(a):
            while parent.setdefault(a, a) != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for r in rows:
            parent[find(("x", int(i[r])))] = find(("y", int(j[r])))
        roots: dict = {}
        for r in rows:
            comp[r] = roots.setdefault(find(("x", int(i[r]))), len(roots))
    return comp


def _labels(first: Game | None, shape: Sequence[int]) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    if first is not None:
        return first.players, first.strategies
    probe = Game(np.zeros((len(shape),) + tuple(shape), dtype=np.int64))
    return probe.players, probe.strategies


def solve_many(games: Any, *, tol: float | None = None, progress: bool | None = None) -> Any:
    """Every equilibrium of each game in a stack, as one tidy ``pandas.DataFrame``.

    Parameters
    ----------
    games : array or sequence of Game
        A payoff array of shape ``(games, players, n_1, ..., n_N)`` (integers or
        ``Fraction`` objects give exact results, floats give floats), or
        :class:`~gametheory.Game` objects of one shape.
    tol : float, optional
        Tolerance for float games (default ``gametheory.exact.DEFAULT_TOL``).
    progress : bool, optional
        Progress bar when games are solved one by one (large shapes, N players).

    Returns
    -------
    pandas.DataFrame
        One row per equilibrium: ``game`` (position in the input), ``equilibrium``
        (order within the game, as :func:`~gametheory.solve` lists them), a column
        ``"<player>: <strategy>"`` per strategy with its probability, ``"payoff <player>"``
        per player, and ``component`` (equilibria of one game sharing a component
        have the same number; a continuum shows as one component with several
        extreme equilibria). Exact input keeps exact values (``Fraction`` objects in
        ``object`` columns); ``DataFrame.attrs`` records ``exact``, ``complete``
        (every extreme equilibrium of every game, always true here) and ``method``.

    Raises
    ------
    InvalidGameError
        For games of different shapes, non-finite or non-numeric payoffs.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> table = solve_many(rng.integers(0, 10, size=(1000, 2, 2, 2)))
    >>> table["game"].nunique(), table.attrs["exact"], table.attrs["complete"]
    (1000, True, True)
    >>> table.groupby("game").size().value_counts().sort_index().to_dict()   # games by number of equilibria
    {1: 664, 2: 167, 3: 168, 4: 1}
    """
    from .exact import DEFAULT_TOL

    pay, scales, exact, first, game_list = _as_stack(games)
    G = pay.shape[0]
    shape = tuple(pay.shape[2:])
    N = pay.shape[1]
    if N != len(shape):
        raise InvalidGameError(f"solve_many: payoffs of shape {pay.shape} do not fit {N} players")
    tol = DEFAULT_TOL if tol is None else float(tol)
    players, strategies = _labels(first, shape)
    if N != 2 or math.comb(sum(shape), shape[0]) > MAX_BATCH_BASES or G == 0:
        return _one_by_one(pay, scales, exact, game_list, players, strategies, tol, progress)
    m, n = shape
    A = pay[:, 0]
    B = pay[:, 1]
    if exact:
        big = max(int(np.abs(A).max()), int(np.abs(B).max())) + 1
        # entries of the eliminations are minors of size <= min(m, n) + 1 of [C | 1] after the shift
        dtype = np.int64 if math.factorial(min(m, n) + 1) * (2 * big + 1) ** (min(m, n) + 1) < _INT_LIMIT else object
        A = A.astype(dtype)
        B = B.astype(dtype)
        Ap = A - A.reshape(G, -1).min(axis=1)[:, None, None] + 1
        Bp = B - B.reshape(G, -1).min(axis=1)[:, None, None] + 1
    else:
        def unit(X):
            lo = X.reshape(G, -1).min(axis=1)[:, None, None]
            hi = X.reshape(G, -1).max(axis=1)[:, None, None]
            span = np.where(hi > lo, hi - lo, 1.0)
            return np.where(hi > lo, (X - lo) / span + 1.0, 1.0)

        Ap, Bp = unit(A), unit(B)
    work_tol = max(tol, 1e-12)
    vp = _vertices(np.ascontiguousarray(Bp.transpose(0, 2, 1)), exact, work_tol)
    vq = _vertices(np.ascontiguousarray(Ap), exact, work_tol)
    i, j = _pairs(vp, vq, m, n)
    g = vp["game"][i]
    X, Y = vp["num"][i], vq["num"][j]
    sx, sy = X.sum(axis=1), Y.sum(axis=1)
    # verification on the original payoffs: no strategy does better than the equilibrium payoff
    AY = (A[g] * Y[:, None, :]).sum(axis=2)
    BX = (B[g] * X[:, :, None]).sum(axis=1)
    u1 = (X * AY).sum(axis=1)
    u2 = (Y * BX).sum(axis=1)
    if exact:
        ok = (AY.max(axis=1) * sx == u1) & (BX.max(axis=1) * sy == u2)
    else:
        regret1 = AY.max(axis=1) / sy - u1 / (sx * sy)
        regret2 = BX.max(axis=1) / sx - u2 / (sx * sy)
        ok = (regret1 <= tol) & (regret2 <= tol)
    if not ok.all():
        raise SolverError(f"solve_many: {int((~ok).sum())} candidate profile(s) failed verification (a solver bug)")
    # order: by game, then as enumerate_equilibria (descending x, then descending y)
    cache: dict = {}
    xf = _fractions(X, sx, cache) if exact else [tuple(row) for row in (X / sx[:, None]).tolist()]
    yf = _fractions(Y, sy, cache) if exact else [tuple(row) for row in (Y / sy[:, None]).tolist()]
    order = np.argsort(g, kind="stable")
    gs = g[order]
    starts = np.r_[0, np.nonzero(np.diff(gs))[0] + 1] if len(gs) else np.zeros(0, dtype=np.int64)
    ends = np.r_[starts[1:], len(gs)] if len(gs) else starts
    order = order.tolist()
    for a_, b_ in zip(starts.tolist(), ends.tolist()):
        if b_ - a_ > 1:  # distinct equilibria: descending (x, y) is the reverse of ascending
            if exact:
                order[a_:b_] = sorted(order[a_:b_], key=lambda r: (xf[r], yf[r]), reverse=True)
            else:
                order[a_:b_] = sorted(order[a_:b_], key=lambda r: (tuple(round(v, 9) for v in xf[r]),
                                                                    tuple(round(v, 9) for v in yf[r])), reverse=True)
    g = g[order]
    i, j = i[order], j[order]
    xf = [xf[r] for r in order]
    yf = [yf[r] for r in order]
    u1, u2, sx, sy = u1[order], u2[order], sx[order], sy[order]
    eq_index = np.zeros(len(g), dtype=np.int64)
    if len(g):
        starts = np.r_[0, np.nonzero(np.diff(g))[0] + 1]
        counts = np.diff(np.r_[starts, len(g)])
        eq_index = np.arange(len(g)) - np.repeat(starts, counts)
    if exact:
        s1 = scales[g, 0] if scales is not None else np.ones(len(g), dtype=object)
        s2 = scales[g, 1] if scales is not None else np.ones(len(g), dtype=object)
        p1 = _fraction_list(u1, sx * sy * s1, cache)
        p2 = _fraction_list(u2, sx * sy * s2, cache)
    else:
        p1 = (u1 / (sx * sy)).tolist()
        p2 = (u2 / (sx * sy)).tolist()
    rows: dict[str, Any] = {"game": g.astype(np.int64), "equilibrium": eq_index}
    for k_, s in enumerate(strategies[0]):
        rows[f"{players[0]}: {s}"] = [x[k_] for x in xf]
    for k_, s in enumerate(strategies[1]):
        rows[f"{players[1]}: {s}"] = [y[k_] for y in yf]
    rows[f"payoff {players[0]}"] = p1
    rows[f"payoff {players[1]}"] = p2
    rows["component"] = _component_column(g, i, j, vp, vq, m, n)
    return _finish(rows, exact, G, "vertex enumeration across the stack")


def _fraction_list(num: np.ndarray, den: np.ndarray, cache: dict) -> list:
    """``Fraction(num[r], den[r])`` for each r (den > 0), reusing equal values through ``cache``."""
    num = np.asarray(num)
    den = np.asarray(den)
    if num.dtype != object and den.dtype != object:
        gcd = np.gcd(num, den)
        pairs = zip((num // gcd).tolist(), (den // gcd).tolist())
    else:
        pairs = zip((int(v) for v in num), (int(v) for v in den))
    out = []
    for key in pairs:
        f = cache.get(key)
        if f is None:
            f = cache[key] = Fraction(*key)
        out.append(f)
    return out


def _fractions(num: np.ndarray, den: np.ndarray, cache: dict) -> list[tuple]:
    """Rows of ``num / den[:, None]`` as tuples of Fractions."""
    R, c = num.shape
    flat = _fraction_list(num.ravel(), np.repeat(den, c), cache)
    return [tuple(flat[r * c : (r + 1) * c]) for r in range(R)]


def _component_column(g, i, j, vp, vq, m, n) -> np.ndarray:
    comp = np.zeros(len(g), dtype=np.int64)
    if not len(g):
        return comp
    # only games with a vertex in two equilibria can have a non-trivial component
    shared = np.zeros(len(g), dtype=bool)
    for col in (i, j):
        key = g.astype(np.int64) * (np.int64(1) << 32) + col
        _, inv, cnt = np.unique(key, return_inverse=True, return_counts=True)
        shared |= cnt[inv] > 1
    starts = np.r_[0, np.nonzero(np.diff(g))[0] + 1]
    counts = np.diff(np.r_[starts, len(g)])
    comp = np.arange(len(g)) - np.repeat(starts, counts)
    games_shared = np.unique(g[shared])
    if len(games_shared):
        rows = np.isin(g, games_shared)
        comp[rows] = _components(g[rows], i[rows], j[rows])
    return comp


def _finish(rows: dict, exact: bool, G: int, how: str):
    import pandas as pd

    table = pd.DataFrame(rows)
    table.attrs.update({"method": "solve_many", "algorithm": how, "exact": exact, "complete": True, "games": G})
    return table


def _one_by_one(pay, scales, exact, game_list, players, strategies, tol, progress):
    """Larger shapes and N players: :func:`~gametheory.solve` per game, in the same table."""
    from .progress import progress_bar
    from .solvers.dispatch import solve

    G = pay.shape[0]
    rows: dict[str, list] = {"game": [], "equilibrium": []}
    cols = [f"{p}: {s}" for p, strat in zip(players, strategies) for s in strat]
    pcols = [f"payoff {p}" for p in players]
    for c in cols + pcols + ["component"]:
        rows[c] = []
    complete = True
    bar = None if progress is False else progress_bar(total=G, desc="solve_many", unit="games", force=progress is True)
    try:
        for gi in range(G):
            if game_list is not None:
                game = game_list[gi]
            elif exact:
                vals = pay[gi].astype(object)
                if scales is not None:
                    vals = np.stack([vals[p] / Fraction(int(scales[gi, p])) for p in range(vals.shape[0])])
                game = Game(vals, players=players, strategies=strategies)
            else:
                game = Game(pay[gi], players=players, strategies=strategies)
            import warnings

            from .errors import DegenerateGameWarning

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DegenerateGameWarning)
                sol = solve(game)
            complete &= bool(sol.complete)
            comp_of = {}
            for c_idx, comp in enumerate(getattr(sol, "components", ()) or ()):
                for e in comp.extreme:
                    comp_of[id(e)] = c_idx
            for k_, eq in enumerate(sol.equilibria):
                rows["game"].append(gi)
                rows["equilibrium"].append(k_)
                flat = [p for v in eq.profile for p in v]
                for c, v in zip(cols, flat):
                    rows[c].append(v)
                for c, v in zip(pcols, eq.payoffs):
                    rows[c].append(v)
                rows["component"].append(comp_of.get(id(eq), k_))
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    table = _finish(rows, exact, G, "solve() per game")
    table.attrs["complete"] = complete
    return table
