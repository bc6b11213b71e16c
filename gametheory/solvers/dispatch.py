"""``solve(game)``: the default entry point, choosing a solver for the game.

Examples
--------
>>> from gametheory import Game, solve
>>> sol = solve(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
>>> sol.method, len(sol)
('pure_equilibria', 2)
"""

from __future__ import annotations

from ..game import Game
from ..solution import Solution

__all__ = ["solve"]


def solve(game: Game) -> Solution:
    """Solve a game with the best available method.

    Currently: every pure equilibrium (``complete`` then says only that all *pure*
    equilibria are listed: mixed equilibria may exist). Two-player games will get
    all extreme equilibria once vertex enumeration lands.

    Examples
    --------
    >>> from gametheory import Game
    >>> solve(Game.zero_sum([[1, -1], [-1, 1]])).complete
    False
    """
    from .pure import pure_equilibria

    sol = pure_equilibria(game)
    if all(n == 1 for n in game.shape):
        return sol
    from dataclasses import replace

    return replace(sol, complete=False, notes=sol.notes + ("mixed equilibria were not searched",))
