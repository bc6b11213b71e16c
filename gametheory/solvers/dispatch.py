"""``solve(game)``: the default entry point, choosing a solver for the game.

* Two players: :func:`~gametheory.solvers.enumerate_equilibria`, every extreme
  equilibrium (exact for exact games) plus the equilibrium components;
  ``complete=True``.
* Three or more players: :func:`~gametheory.solvers.polynomial_equilibria`, every
  isolated equilibrium by support enumeration with exact polynomial solving
  (``complete`` says whether the method guarantees all of them), up to
  ``SOLVE_MAX_SUPPORT_PROFILES`` support profiles and ``SOLVE_MAX_PLAYERS`` players
  (3×3×3, 3×3×4, 2×2×3×3, five players with two strategies each). The slow general
  (Gröbner) method, needed only for supports that the fast exact methods cannot decide,
  gets ``SOLVE_GENERAL_BUDGET`` seconds (the exact hidden-variable resultant before it at most
  ``SOLVE_RESULTANT_BUDGET`` seconds per support); supports left undecided are named in a note
  and make ``complete=False``. Larger games fall back to every pure equilibrium, with
  ``complete=False`` and a note.
* A game tree (:class:`~gametheory.extensive.ExtensiveGame`):
  :func:`~gametheory.sequential.subgame_perfect_equilibria` (trees without perfect
  recall: the Nash equilibria of their normal form, with a note); trees whose hidden
  information is nature's alone (types seen by their holder only):
  :func:`~gametheory.extensive.nature.nature_sequential_equilibria`, every sequential
  equilibrium (each subgame perfect; subgame-perfect equilibria that rest on a choice
  no belief justifies are not listed).

Examples
--------
>>> from gametheory import Game, solve
>>> sol = solve(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
>>> sol.method, len(sol), sol.complete
('enumerate_equilibria', 3, True)
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from ..errors import SolverError
from ..game import Game
from ..solution import Solution

__all__ = ["solve", "SOLVE_MAX_SUPPORT_PROFILES", "SOLVE_MAX_PLAYERS", "SOLVE_GENERAL_BUDGET",
           "SOLVE_RESULTANT_BUDGET"]


def _timeout_kw(func, timeout: float | None) -> dict:
    import inspect

    return {"timeout": timeout} if timeout is not None and "timeout" in inspect.signature(func).parameters else {}

#: Largest number of support profiles ``solve`` enumerates for an N-player game (3×3×4 has
#: 735, 2×2×3×3 441, 3×3×3 343, 2×2×2×2×2 243: each solved in well under a second in
#: benchmarks/bench_nplayer.py); beyond it ``solve`` lists the pure equilibria with
#: ``complete=False`` and says how to ask for more.
SOLVE_MAX_SUPPORT_PROFILES = 735

#: Most players ``solve`` enumerates mixed equilibria for (six players with two strategies
#: each have 729 support profiles but take seconds: their totally mixed systems are beyond the
#: fast exact methods).
SOLVE_MAX_PLAYERS = 5

#: Seconds ``solve`` allows the general Gröbner method in total (``polynomial_equilibria``'s
#: ``general_budget``); supports it does not decide in time are named in a note.
SOLVE_GENERAL_BUDGET = 10.0

#: Seconds ``solve`` allows the hidden-variable resultant on one support (``polynomial_equilibria``'s
#: ``resultant_budget``); random five-player games needed 15–31 s for their totally mixed support (loaded 2-core machine).
SOLVE_RESULTANT_BUDGET = 50.0


#: Float games whose payoffs (per player) span more than this ratio of magnitudes are solved
#: through their exact twin: a fixed tolerance cannot tell ties from differences there.
WIDE_RANGE = 1e6


def _wide_range(game: Game) -> bool:
    for arr in game.payoffs:
        mags = np.abs(np.asarray(arr, dtype=float))
        nonzero = mags[mags > 0]
        if nonzero.size and nonzero.max() / nonzero.min() > WIDE_RANGE:
            return True
    return False


def _float_via_exact_twin(game: Game, why: str, timeout: float | None = None) -> Solution:
    """Solve a float two-player game exactly (every float is an exact binary fraction), then verify
    the equilibria, as floats, on the float game itself (regret within its scale-aware tolerance)."""
    from fractions import Fraction

    from ..solution import make_solution
    from .enumeration import enumerate_equilibria

    started = time.perf_counter()
    twin = Game([[[Fraction(float(v)) for v in row] for row in arr] for arr in game.payoffs],
                players=game.players, strategies=game.strategies, title=game.title)
    exact_sol = enumerate_equilibria(twin, warn=False, timeout=timeout)
    profiles = [tuple(tuple(float(p) for p in v) for v in e.profile) for e in exact_sol.equilibria]
    sol = make_solution(game, "enumerate_equilibria", profiles, complete=exact_sol.complete, started=started,
                        parameters={"tol": game.tol, "exact_twin": True},
                        notes=exact_sol.notes + (f"solved through the game's exact twin (each float payoff as "
                                                 f"the exact binary fraction it is) because {why}; the "
                                                 "equilibria are those of the float payoffs, rounded to floats",))
    if len(sol.equilibria) == len(exact_sol.equilibria):
        sol = replace(sol, components=exact_sol.components)
    return sol


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
    from ..extensive.game import ExtensiveGame as SequentialGame

    if isinstance(game, SequentialGame):
        if not game.perfect_recall:
            from ..extensive.nash import nash_equilibria

            return nash_equilibria(game)
        from ..sequential import subgame_perfect_equilibria

        if not game.subgame_at_every_position:
            from ..extensive.nature import delayed_tree, nature_sequential_equilibria

            if delayed_tree(game) is not None:
                # hidden information is nature's alone: the sequential equilibria (each subgame perfect)
                return nature_sequential_equilibria(game)
        return subgame_perfect_equilibria(game)
    if game.num_players == 2:
        from .enumeration import enumerate_equilibria, _warn_degenerate

        if not game.exact and _wide_range(game):
            sol = _float_via_exact_twin(game, "its payoffs span more than "
                                              f"{WIDE_RANGE:.0e} in magnitude", timeout)
        else:
            try:
                sol = enumerate_equilibria(game, warn=False, timeout=timeout, progress=progress)
            except SolverError as err:
                if game.exact:
                    raise
                sol = _float_via_exact_twin(game, f"the floating-point search failed ({err})", timeout)
        continua = sum(1 for c in sol.components if not c.isolated)
        if continua:
            _warn_degenerate(game, continua, stacklevel=3)
        return sol
    from ..errors import NotSupportedError
    from .polynomial import polynomial_equilibria

    try:
        if game.num_players > SOLVE_MAX_PLAYERS:
            raise NotSupportedError(f"{game.num_players} players exceed SOLVE_MAX_PLAYERS={SOLVE_MAX_PLAYERS}")
        return polynomial_equilibria(game, max_support_profiles=SOLVE_MAX_SUPPORT_PROFILES,
                                     general_budget=SOLVE_GENERAL_BUDGET,
                                     resultant_budget=SOLVE_RESULTANT_BUDGET,
                                     **_timeout_kw(polynomial_equilibria, timeout))
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
