"""``solve(game)``: the default entry point, choosing a solver for the game.

* Two players: :func:`~gametheory.solvers.enumerate_equilibria`, every extreme
  equilibrium (exact for exact games) plus the equilibrium components;
  ``complete=True``.
* Any other number of players: every pure equilibrium
  (:func:`~gametheory.solvers.pure_equilibria`); mixed equilibria are not searched
  yet, so ``complete=False`` and a note says so (unless every player has a single
  strategy).

Examples
--------
>>> from gametheory import Game, solve
>>> sol = solve(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
>>> sol.method, len(sol), sol.complete
('enumerate_equilibria', 3, True)
"""

from __future__ import annotations

from dataclasses import replace

from ..game import Game
from ..solution import Solution

__all__ = ["solve"]


def solve(game: Game) -> Solution:
    """Solve a game with the best available method.

    Parameters
    ----------
    game : Game
        Any game.

    Returns
    -------
    Solution
        Two-player games: all extreme equilibria and the components
        (``complete=True``). N-player games: the pure equilibria, with
        ``complete=False`` and a note that mixed equilibria were not searched.

    Warns
    -----
    DegenerateGameWarning
        When a two-player game has a continuum of equilibria (described in
        ``Solution.components``).

    Examples
    --------
    >>> from gametheory import Game
    >>> sol = solve(Game.zero_sum([[1, -1], [-1, 1]]))
    >>> sol.complete, sol[0].profile
    (True, ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2))))
    >>> three = Game([[[[1, 0], [0, 0]], [[0, 0], [0, 1]]]] * 3)
    >>> sol = solve(three)
    >>> sol.method, len(sol), sol.complete
    ('pure_equilibria', 2, False)
    """
    if game.num_players == 2:
        from .enumeration import enumerate_equilibria, _warn_degenerate

        sol = enumerate_equilibria(game, warn=False)
        continua = sum(1 for c in sol.components if not c.isolated)
        if continua:
            _warn_degenerate(game, continua, stacklevel=3)
        return sol
    from .pure import pure_equilibria

    sol = pure_equilibria(game)
    if all(n == 1 for n in game.shape):
        return sol
    return replace(
        sol,
        complete=False,
        notes=sol.notes + ("only pure equilibria were searched: mixed equilibria of N-player games may exist",),
    )
