"""Pure-strategy Nash equilibria of N-player games, vectorised over the payoff array.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.solvers import pure_equilibria
>>> bos = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=(("Opera", "Fight"),) * 2)
>>> [eq.strategy(0) for eq in pure_equilibria(bos)]
[{'Opera': Fraction(1, 1)}, {'Fight': Fraction(1, 1)}]
"""

from __future__ import annotations

import time

import numpy as np

from ..game import Game
from ._checks import check_game
from ..solution import Solution, make_pure_solution

__all__ = ["pure_equilibria", "pure_best_response_mask"]


def pure_best_response_mask(game: Game, tol: float | None = None) -> np.ndarray:
    """Boolean array ``mask[i][s]``: is ``s_i`` a best response to ``s_{-i}`` for player ``i``.

    Exact games compare exactly (on integer-rescaled payoffs); float games within ``tol``.

    Examples
    --------
    >>> from gametheory import Game
    >>> pure_best_response_mask(Game.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]])).astype(int).tolist()
    [[[1, 0], [0, 1]], [[0, 1], [1, 0]]]
    """
    tol = game.tol if tol is None else tol
    arr = game.comparable_payoffs
    masks = []
    for i in range(game.num_players):
        a = arr[i]
        best = a.max(axis=i, keepdims=True)
        masks.append(a >= best - tol if tol else a == best)
    return np.stack(masks)


def pure_equilibria(game: Game, *, tol: float | None = None) -> Solution:
    """Every pure-strategy Nash equilibrium of an N-player game.

    A pure profile is an equilibrium when every player's strategy is a best
    response to the others'. The test is vectorised: for each player the maximum
    over its own axis is compared with its payoffs, and the players' masks are
    intersected, so no Python loop runs over the profiles.

    Parameters
    ----------
    game : Game
        Any number of players; exact or float.
    tol : float, optional
        Tolerance for float games (default ``game.tol``: 0 for exact games).

    Returns
    -------
    Solution
        ``complete=True``: all pure equilibria, in row-major order of profiles.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286–295.

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    >>> print(pure_equilibria(pd))
    pure_equilibria: 1 equilibrium (complete, exact)
      1. Player 1: D; Player 2: D  payoffs (1, 1)  regret 0
    >>> len(pure_equilibria(Game.zero_sum([[1, -1], [-1, 1]])))
    0
    """
    started = time.perf_counter()
    check_game(game)
    tol = game.tol if tol is None else tol
    arr = game.comparable_payoffs
    mask = None
    for i in range(game.num_players):  # intersect the players' best-response masks as they are made
        a = arr[i]
        best = a.max(axis=i, keepdims=True)
        br = a >= best - tol if tol else a == best
        mask = br if mask is None else mask & br
    # all found profiles verified together in one vectorised pass (exact integers for exact games)
    return make_pure_solution(
        game, "pure_equilibria", np.argwhere(mask), complete=True, started=started, parameters={"tol": tol}, tol=tol
    )
