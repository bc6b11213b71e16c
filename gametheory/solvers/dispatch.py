"""``solve(game)``: the default entry point, choosing a solver for the game.

* Two players: :func:`~gametheory.solvers.enumerate_equilibria`, every extreme
  equilibrium (exact for exact games) plus the equilibrium components;
  ``complete=True``.
* Three or more players: :func:`~gametheory.solvers.polynomial_equilibria`, every
  isolated equilibrium by support enumeration with exact polynomial solving
  (``complete`` says whether the method guarantees all of them). Games with more
  than ``SOLVE_MAX_SUPPORT_PROFILES`` support profiles fall back to every pure
  equilibrium, with ``complete=False`` and a note.
* A :class:`~gametheory.sequential.SequentialGame`:
  :func:`~gametheory.sequential.subgame_perfect_equilibria`.

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

__all__ = ["solve", "SOLVE_MAX_SUPPORT_PROFILES"]


def _timeout_kw(func, timeout: float | None) -> dict:
    import inspect

    return {"timeout": timeout} if timeout is not None and "timeout" in inspect.signature(func).parameters else {}

#: Largest number of support profiles ``solve`` enumerates for an N-player game (3×3×3 has
#: 343); beyond it the exact polynomial method takes minutes, so ``solve`` lists the pure
#: equilibria with ``complete=False`` and says how to ask for more.
SOLVE_MAX_SUPPORT_PROFILES = 343


def solve(game: Game, *, timeout: float | None = None, progress: bool | None = None) -> Solution:
    """Solve a game with the best available method.

    Parameters
    ----------
    game : Game
        Any game.
    timeout : float, optional
        Seconds after which an all-equilibria enumeration stops and returns what it
        found (``complete=False``, with a note): the reverse search of large two-player
        games, and the N-player polynomial enumeration between support profiles.
        Backward induction on sequential games is linear in the tree and runs to the end.
    progress : bool, optional
        Progress bar for long enumerations: ``True`` always, ``False`` never, default
        after a few seconds.

    Returns
    -------
    Solution
        Two-player games: all extreme equilibria and the components
        (``complete=True``). N-player games: all isolated equilibria when the
        polynomial method guarantees it, else what was found with ``complete=False``.
        Sequential games: a ``SequentialSolution`` of subgame-perfect equilibria.

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
    ('polynomial_equilibria', 3, True)
    """
    from ..sequential.nodes import SequentialGame

    if isinstance(game, SequentialGame):
        from ..sequential import subgame_perfect_equilibria

        return subgame_perfect_equilibria(game)
    if game.num_players == 2:
        from .enumeration import enumerate_equilibria, _warn_degenerate

        sol = enumerate_equilibria(game, warn=False, timeout=timeout, progress=progress)
        continua = sum(1 for c in sol.components if not c.isolated)
        if continua:
            _warn_degenerate(game, continua, stacklevel=3)
        return sol
    from ..errors import NotSupportedError
    from .polynomial import polynomial_equilibria

    try:
        return polynomial_equilibria(game, max_support_profiles=SOLVE_MAX_SUPPORT_PROFILES, **_timeout_kw(
            polynomial_equilibria, timeout))
    except NotSupportedError as err:
        # too many support profiles for a default call: say what was done instead
        from .pure import pure_equilibria

        sol = pure_equilibria(game)
        if all(n == 1 for n in game.shape):
            return sol
        return replace(
            sol,
            complete=False,
            notes=sol.notes
            + (
                f"only pure equilibria were searched ({err}); call polynomial_equilibria(game, "
                "max_support_profiles=...) to search mixed equilibria too (slow for large games)",
            ),
        )
