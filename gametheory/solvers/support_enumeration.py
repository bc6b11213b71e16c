"""Support enumeration: the textbook method, for teaching and cross-checks.

For every pair of supports ``(I, J)`` (all non-empty subsets, sizes may differ)
solve the indifference conditions

    A[I, J] y_J = u 1,  sum(y_J) = 1        B[I, J]^T x_I = v 1,  sum(x_I) = 1

and keep the solutions that are positive on the supports and best responses
against each other. Exact games are solved in rational arithmetic.

What it finds in degenerate games: when a support pair's system has a unique
solution it is tested as above; when it has *many* solutions (a degenerate
game: equilibria may form a continuum, or an extreme equilibrium's strategy is
not pinned down by the other player's support) the pair is skipped, and the
result says so with ``complete=False`` and a note. Every equilibrium lies either
in a pair with unique solutions (and is returned) or in a skipped pair, so
``complete=True`` (no pair skipped) means all equilibria are listed. For a
complete answer on degenerate games use
:func:`~gametheory.solvers.enumerate_equilibria`.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.solvers import support_enumeration
>>> sol = support_enumeration(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
>>> len(sol), sol.complete
(3, True)
"""

from __future__ import annotations

import itertools
import time
from fractions import Fraction
from typing import Sequence

import numpy as np

from ..game import Game
from ..exact import solve_rational
from ..solution import Solution, make_solution
from .enumeration import _require_bimatrix

__all__ = ["support_enumeration"]


def _solve_float(M: np.ndarray, b: np.ndarray, tol: float) -> tuple[str, np.ndarray | None]:
    rank = np.linalg.matrix_rank(M, tol=tol * 1e3)
    rank_aug = np.linalg.matrix_rank(np.hstack([M, b[:, None]]), tol=tol * 1e3)
    if rank_aug > rank:
        return "none", None
    if rank < M.shape[1]:
        return "many", None
    z = np.linalg.lstsq(M, b, rcond=None)[0]
    return "unique", z


def _indifference(mat, rows_idx: Sequence[int], cols_idx: Sequence[int], exact: bool, tol: float):
    """Solve ``mat[rows, cols] w = t 1, sum(w) = 1`` for ``(w, t)``."""
    k = len(cols_idx)
    if exact:
        M = [[mat[i][j] for j in cols_idx] + [Fraction(-1)] for i in rows_idx]
        M.append([Fraction(1)] * k + [Fraction(0)])
        b = [Fraction(0)] * len(rows_idx) + [Fraction(1)]
        return solve_rational(M, b)
    M = np.hstack([mat[np.ix_(rows_idx, cols_idx)], -np.ones((len(rows_idx), 1))])
    M = np.vstack([M, np.r_[np.ones(k), 0.0]])
    b = np.r_[np.zeros(len(rows_idx)), 1.0]
    return _solve_float(M, b, tol)


def _subsets(n: int):
    for size in range(1, n + 1):
        yield from itertools.combinations(range(n), size)


def support_enumeration(game: Game, *, tol: float | None = None) -> Solution:
    """Equilibria of a two-player game by enumerating all pairs of supports.

    Parameters
    ----------
    game : Game
        A two-player game; exact games are solved in rational arithmetic.
    tol : float, optional
        Tolerance for float games (default ``game.tol``).

    Returns
    -------
    Solution
        ``complete=True`` when no support pair had a continuum of indifference
        solutions (then every equilibrium is listed; always so for nondegenerate
        games); otherwise ``complete=False`` with a note naming the skipped pairs.
        The work grows like ``4**max(m, n)``: meant for small games.

    References
    ----------
    Nisan, N., Roughgarden, T., Tardos, É. and Vazirani, V. (eds.) (2007).
    *Algorithmic Game Theory*, ch. 3 (von Stengel), section 3.4.

    Examples
    --------
    A degenerate game: one pair of supports is skipped and the result says so.

    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> sol = support_enumeration(g)
    >>> len(sol), sol.complete
    (2, False)
    >>> print(sol.notes[0])
    degenerate game: 1 support pair(s) have a continuum of indifference solutions and were skipped, e.g. ({1}, {1, 2}); use enumerate_equilibria for every extreme equilibrium
    """
    started = time.perf_counter()
    _require_bimatrix(game, "support_enumeration")
    exact = game.exact
    tol = game.tol if tol is None else tol
    m, n = game.shape
    if exact:
        A = game.payoffs[0].tolist()
        B = game.payoffs[1].tolist()
        Bt = [list(col) for col in zip(*B)]
    else:
        A = np.asarray(game.payoffs[0], dtype=np.float64)
        B = np.asarray(game.payoffs[1], dtype=np.float64)
        Bt = B.T
    profiles = []
    skipped = []
    for I in _subsets(m):
        for J in _subsets(n):
            ys, ysol = _indifference(A, I, J, exact, tol)
            if ys == "none":
                continue
            xs, xsol = _indifference(Bt, J, I, exact, tol)
            if xs == "none":
                continue
            if ys == "many" or xs == "many":
                skipped.append((I, J))
                continue
            yJ, u = ysol[:-1], ysol[-1]
            xI, v = xsol[:-1], xsol[-1]
            if exact:
                if min(yJ) <= 0 or min(xI) <= 0:
                    continue
                y = [Fraction(0)] * n
                x = [Fraction(0)] * m
            else:
                if min(yJ) <= tol or min(xI) <= tol:
                    continue
                y = [0.0] * n
                x = [0.0] * m
            for j, p in zip(J, yJ):
                y[j] = p if exact else float(p)
            for i, p in zip(I, xI):
                x[i] = p if exact else float(p)
            row_vals = [sum(a * q for a, q in zip(A[i], y)) for i in range(m)]
            col_vals = [sum(B[i][j] * x[i] for i in range(m)) for j in range(n)]
            slack = 0 if exact else tol
            if max(row_vals) > u + slack or max(col_vals) > v + slack:
                continue
            profiles.append((tuple(x), tuple(y)))
    notes = []
    if skipped:
        show = ", ".join(
            "({" + ", ".join(str(i + 1) for i in I) + "}, {" + ", ".join(str(j + 1) for j in J) + "})"
            for I, J in skipped[:3]
        )
        notes.append(
            f"degenerate game: {len(skipped)} support pair(s) have a continuum of indifference solutions "
            f"and were skipped, e.g. {show}; use enumerate_equilibria for every extreme equilibrium"
        )
    return make_solution(
        game,
        "support_enumeration",
        profiles,
        complete=not skipped,
        started=started,
        parameters={"tol": tol},
        tol=tol,
        notes=notes,
    )
