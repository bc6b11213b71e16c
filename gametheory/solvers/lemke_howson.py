"""The Lemke–Howson algorithm: one equilibrium of a two-player game by complementary pivoting.

Two tableaux, one per best-response polytope (see
:mod:`gametheory.solvers.enumeration`): ``B^T x + s = 1`` with labels ``i`` for
``x_i`` and ``m + j`` for ``s_j``, and ``r + A y = 1`` with labels ``i`` for ``r_i`` and
``m + j`` for ``y_j``. Starting from the artificial equilibrium ``(0, 0)``, the
variable with the *missing label* enters; afterwards the variable whose label
just became duplicate enters the other tableau, until the missing label is picked
up again. The lexicographic minimum-ratio test makes every step well defined in
degenerate games; exact games use fraction-free integer pivoting (exact to the
last digit), float games normalised pivots with a tolerance.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.solvers import lemke_howson
>>> g = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
>>> print(lemke_howson(g, initial_label=0))
lemke_howson: 1 equilibrium (not necessarily complete, exact)
  1. Player 1: 1; Player 2: 1  payoffs (3, 3)  regret 0
"""

from __future__ import annotations

import time
from fractions import Fraction

import numpy as np

from ..errors import InvalidProfileError, SolverError
from ..game import Game
from ..solution import Solution, make_solution
from . import _lh_compiled
from ._jit import worth_compiling
from ._polytope import _SAFE, _argmin_ratio, _exact_tournament
from .enumeration import _normalise, _require_bimatrix, best_response_polytopes

__all__ = ["lemke_howson", "lemke_howson_all"]


class _Tableau:
    """One system ``M z = 1`` in basic form; ``lex`` are the columns of the initial basis."""

    def __init__(self, M: np.ndarray, first_basic: int, exact: bool, tol: float) -> None:
        rows, nvar = M.shape
        dtype = (object if M.dtype == object else np.int64) if exact else np.float64
        self.T = np.zeros((rows, nvar + 1), dtype=dtype)
        self.T[:, :nvar] = M
        self.T[:, -1] = 1
        self.D = 1 if exact else 1.0
        self.basic = list(range(first_basic, first_basic + rows))
        self.lex = list(range(first_basic, first_basic + rows))
        self.exact = exact
        self.tol = tol

    def pivot_in(self, var: int) -> int:
        """Bring ``var`` into the basis; return the variable that leaves."""
        T = self.T
        if not self.exact:
            return self._pivot_float(var)
        if T.dtype != object and np.abs(T).max() >= _SAFE:
            T = self.T = T.astype(object)
        col = T[:, var]
        num = T[:, -1][None, :]
        den = col[None, :]
        cand = den > 0 if self.exact else den > self.tol
        if not cand.any():
            raise SolverError("Lemke–Howson: unbounded ray (payoffs must be shifted positive)")
        best, ties = _argmin_ratio(num, den, cand, self.exact, self.tol)
        for c in self.lex:  # lexicographic tie-break: rows of the basis inverse (may be negative)
            if ties.sum() <= 1:
                break
            best, ties = _exact_tournament(T[:, c][None, :], den, ties)
        r = int(best[0])
        p = T[r, var]
        if self.exact:
            new = (T * p - np.outer(T[:, var], T[r])) // self.D
            new[r] = T[r]
            self.D = p
        else:
            rown = T[r] / p
            new = T - np.outer(T[:, var], rown)
            new[r] = rown
        self.T = new
        leaving = self.basic[r]
        self.basic[r] = var
        return leaving

    def _pivot_float(self, var: int) -> int:
        T, tol = self.T, self.tol
        col = T[:, var].copy()
        pos = col > tol
        if not pos.any():
            raise SolverError("Lemke–Howson: unbounded ray (payoffs must be shifted positive)")
        ratios = np.full(col.shape[0], np.inf)
        ratios[pos] = T[pos, -1] / col[pos]
        r = int(ratios.argmin())
        mn = ratios[r]
        if np.count_nonzero(ratios <= mn + tol * (1.0 + mn)) > 1:  # degenerate step: lexicographic rule
            # the rule of _argmin_ratio, on the tied rows only (in row order: argmin is the first minimum)
            rows = np.nonzero(pos)[0]
            cden = col[rows]
            vals = T[rows, -1] / cden
            k = int(vals.argmin())
            r, mn = int(rows[k]), vals[k]
            keep = vals <= mn + tol * (1.0 + abs(mn))
            rows, cden = rows[keep], cden[keep]
            for c in self.lex:
                if len(rows) <= 1:
                    break
                vals = T[rows, c] / cden
                k = int(vals.argmin())
                r, mn = int(rows[k]), vals[k]
                keep = vals <= mn + tol * (1.0 + abs(mn))
                rows, cden = rows[keep], cden[keep]
        rown = T[r] / col[r]
        T -= col[:, None] * rown
        T[r] = rown
        leaving = self.basic[r]
        self.basic[r] = var
        return leaving

    def values(self, lo: int, hi: int) -> np.ndarray:
        """Numerators of variables ``lo..hi-1`` (0 when non-basic)."""
        out = np.zeros(hi - lo, dtype=object if self.exact else np.float64)
        if self.exact:
            out[:] = 0
        for r, v in enumerate(self.basic):
            if lo <= v < hi:
                out[v - lo] = self.T[r, -1]
        if not self.exact:
            out[out < self.tol] = 0.0
        return out


def _run(A: np.ndarray, B: np.ndarray, label: int, exact: bool, tol: float, max_iter: int):
    """Follow the path; return the final tableaux and the number of pivots."""
    m, n = A.shape
    dt = (object if A.dtype == object else np.int64) if exact else np.float64
    # P system: variables x_0..x_{m-1} (labels 0..m-1), s_0..s_{n-1} (labels m..m+n-1)
    P = _Tableau(np.hstack([np.asarray(B.T, dtype=dt), np.eye(n, dtype=dt)]), m, exact, tol)
    # Q system: variables r_0..r_{m-1} (labels 0..m-1), y_0..y_{n-1} (labels m..m+n-1)
    Q = _Tableau(np.hstack([np.eye(m, dtype=dt), np.asarray(A, dtype=dt)]), 0, exact, tol)
    # the variable with label l is column l in both systems
    if (not exact and m + n >= _lh_compiled.MIN_STRATEGIES and worth_compiling(m + n >= _lh_compiled.LOAD_STRATEGIES)
            and _lh_compiled.kernel() is not None):
        return _run_compiled(P, Q, label, m, tol, max_iter)
    tableau = P if label < m else Q
    entering = label
    for step in range(1, max_iter + 1):
        leaving = tableau.pivot_in(entering)
        if leaving == label:
            return P, Q, step
        tableau = Q if tableau is P else P
        entering = leaving
    raise SolverError(
        f"Lemke–Howson did not finish within max_iter={max_iter} pivots (label {label}); "
        "raise max_iter or try another initial_label"
    )


def _run_compiled(P: _Tableau, Q: _Tableau, label: int, m: int, tol: float, max_iter: int):
    """:func:`_run` for float games by the compiled kernel (same pivots, same floats)."""
    basic_p = np.array(P.basic, dtype=np.int64)
    basic_q = np.array(Q.basic, dtype=np.int64)
    steps = _lh_compiled.kernel()(
        P.T, Q.T, basic_p, basic_q, np.array(P.lex, dtype=np.int64), np.array(Q.lex, dtype=np.int64),
        label, m, float(tol), max_iter,
    )
    if steps == -1:
        raise SolverError("Lemke–Howson: unbounded ray (payoffs must be shifted positive)")
    if steps == -2:
        raise SolverError(
            f"Lemke–Howson did not finish within max_iter={max_iter} pivots (label {label}); "
            "raise max_iter or try another initial_label"
        )
    P.basic, Q.basic = basic_p.tolist(), basic_q.tolist()
    return P, Q, int(steps)


def _solve_basis(M: np.ndarray, basic: list[int]) -> list | None:
    """Exact values of the basic variables of ``M z = 1`` (``None`` if singular)."""
    import flint

    k = M.shape[0]
    Bm = flint.fmpz_mat(k, k, [int(M[r, v]) for r in range(k) for v in basic])
    try:
        X = Bm.solve(flint.fmpz_mat(k, 1, [1] * k))
    except ZeroDivisionError:
        return None
    return [Fraction(int(X[r, 0].p), int(X[r, 0].q)) for r in range(k)]


def _exact_from_float_path(A: np.ndarray, B: np.ndarray, label: int, max_iter: int):
    """Follow the path in floats, then solve its final bases exactly.

    Returns the exact profile, or ``None`` when the final bases are not a
    feasible complementary pair in exact arithmetic (then the caller pivots exactly).
    """
    m, n = A.shape
    scale_a, scale_b = float(np.max(A)), float(np.max(B))
    P, Q, steps = _run(A.astype(np.float64) / scale_a, B.astype(np.float64) / scale_b, label, False, 1e-12, max_iter)
    MP = np.hstack([np.asarray(B.T, dtype=object), np.eye(n, dtype=int).astype(object)])
    MQ = np.hstack([np.eye(m, dtype=int).astype(object), np.asarray(A, dtype=object)])
    xs, ys = _solve_basis(MP, P.basic), _solve_basis(MQ, Q.basic)
    if xs is None or ys is None or min(xs) < 0 or min(ys) < 0:
        return None
    x = [Fraction(0)] * m
    y = [Fraction(0)] * n
    for v, val in zip(P.basic, xs):
        if v < m:
            x[v] = val
    for v, val in zip(Q.basic, ys):
        if v >= m:
            y[v - m] = val
    # complementarity: each label is zero in one of the systems
    zero_p = {v for v in range(m + n) if v not in P.basic} | {v for v, val in zip(P.basic, xs) if val == 0}
    zero_q = {v for v in range(m + n) if v not in Q.basic} | {v for v, val in zip(Q.basic, ys) if val == 0}
    if zero_p | zero_q != set(range(m + n)) or sum(x) == 0 or sum(y) == 0:
        return None
    return (tuple(v / sum(x) for v in x), tuple(v / sum(y) for v in y)), steps


def _path(game: Game, label: int, tol: float, max_iter: int) -> tuple[tuple, int]:
    m, n = game.shape
    A, B = best_response_polytopes(game)
    exact = game.exact
    if exact and m + n > 24:
        # long exact paths: integers grow with every pivot, so follow the path in floats and
        # solve the final bases exactly (verified below); exact pivoting if that fails
        try:
            found = _exact_from_float_path(A, B, label, max_iter)
        except SolverError:
            found = None
        if found is not None:
            return found
    P, Q, steps = _run(A, B, label, exact, tol, max_iter)
    x = P.values(0, m)
    y = Q.values(m, m + n)
    return (_normalise(x, exact), _normalise(y, exact)), steps


def lemke_howson(
    game: Game, initial_label: int = 0, *, tol: float | None = None, max_iter: int = 100_000, restarts: int = 12
) -> Solution:
    """One Nash equilibrium of a two-player game by the Lemke–Howson algorithm.

    Parameters
    ----------
    game : Game
        A two-player game, exact (exact pivoting, ``Fraction`` results) or float.
    initial_label : int, default 0
        The missing label: ``0..m-1`` are the row player's strategies,
        ``m..m+n-1`` the column player's.
    tol : float, optional
        Tolerance for float games (default ``game.tol``).
    max_iter : int, default 100000
        Bound on the number of pivots.
    restarts : int, default 12
        When the path from ``initial_label`` does not finish within ``max_iter``
        pivots (in floating point a long degenerate path can cycle), follow the paths
        from up to this many further labels (``max_iter // 5`` pivots each, at least 5000) before
        giving up; the result's ``parameters`` and ``notes`` say which label succeeded.

    Returns
    -------
    Solution
        One verified equilibrium, ``complete=False``; ``parameters`` records the
        label and the number of pivots.

    Raises
    ------
    SolverError
        When no path finished within its pivot bound.
    InvalidProfileError
        For a label outside ``0..m+n-1``.

    References
    ----------
    Lemke, C. E. and Howson, J. T. (1964). Equilibrium points of bimatrix games.
    *SIAM Journal on Applied Mathematics* 12, 413–423.

    von Stengel, B. (2002). Computing equilibria for two-person games. In *Handbook of
    Game Theory* vol. 3, ch. 45 (integer pivoting, lexicographic degeneracy resolution).

    Examples
    --------
    >>> from gametheory import Game
    >>> mp = Game.zero_sum([[1, -1], [-1, 1]])
    >>> lemke_howson(mp)[0].profile
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
    >>> x, y = lemke_howson(mp.to_float(), initial_label=3)[0].profile
    >>> [round(p, 12) for p in x + y]
    [0.5, 0.5, 0.5, 0.5]
    """
    started = time.perf_counter()
    _require_bimatrix(game, "lemke_howson")
    m, n = game.shape
    if not (isinstance(initial_label, (int, np.integer)) and 0 <= initial_label < m + n):
        raise InvalidProfileError(f"initial_label must be an integer in 0..{m + n - 1}, got {initial_label!r}")
    tol = game.tol if tol is None else tol
    work = max(tol, 1e-12) if not game.exact else 0.0
    label, notes = int(initial_label), []
    try:
        prof, steps = _path(game, label, work, max_iter)
    except SolverError as first:
        found = None
        budget = max_iter if max_iter < 5000 else max(5000, max_iter // 5)
        for k in range(1, min(restarts, m + n - 1) + 1):
            label = (int(initial_label) + k) % (m + n)
            try:
                found = _path(game, label, work, budget)
                break
            except SolverError:
                continue
        if found is None:
            raise SolverError(f"{first}; restarts from {min(restarts, m + n - 1)} other label(s) did not finish "
                              f"within {budget} pivots each either") from None
        prof, steps = found
        notes.append(f"the path from label {int(initial_label)} did not finish within {max_iter} pivots; "
                     f"the equilibrium is the end of the path from label {label}")
    return make_solution(
        game,
        "lemke_howson",
        [prof],
        complete=False,
        started=started,
        parameters={"initial_label": label, "requested_label": int(initial_label), "pivots": steps, "tol": tol},
        tol=tol,
        notes=tuple(notes),
    )


def lemke_howson_all(game: Game, *, tol: float | None = None, max_iter: int = 100_000) -> Solution:
    """The equilibria reached by Lemke–Howson from every initial label, without duplicates.

    Not necessarily all equilibria (``complete=False``): some equilibria are not
    reachable from the artificial equilibrium by any label (Shapley 1974). Use
    :func:`~gametheory.solvers.enumerate_equilibria` for all of them.

    Examples
    --------
    >>> from gametheory import Game
    >>> bos = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> sol = lemke_howson_all(bos)
    >>> len(sol), sol.complete
    (2, False)
    """
    started = time.perf_counter()
    _require_bimatrix(game, "lemke_howson_all")
    m, n = game.shape
    tol = game.tol if tol is None else tol
    work = max(tol, 1e-12) if not game.exact else 0.0
    profiles = [_path(game, k, work, max_iter)[0] for k in range(m + n)]
    return make_solution(
        game,
        "lemke_howson_all",
        profiles,
        complete=False,
        started=started,
        parameters={"tol": tol},
        tol=tol,
        notes=("Lemke–Howson from every initial label; equilibria unreachable this way may exist",),
    )
