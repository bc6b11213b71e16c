"""Nash equilibria of a game tree, as behaviour strategies with exact certificates.

:func:`nash_equilibria` solves the whole tree as one block
(:func:`~gametheory.extensive.blocks.block_equilibria`): two players by the
sequence form (every extreme equilibrium, Koller, Megiddo & von Stengel 1996),
more players through the reduced normal form (every isolated equilibrium the
polynomial method finds; ``complete`` says whether that is all). Each profile is
verified before it is returned: its largest gain from any deviation
(:func:`~gametheory.extensive.behaviour.nash_regret`) is exactly 0 for exact
games.

Games without perfect recall: behaviour strategies cannot express every mixed
strategy, so the equilibria are those of the (unreduced) normal form, returned as
a normal-form :class:`~gametheory.Solution` with a note.

Examples
--------
Selten's chain store: entry with cooperation, and a continuum where the entrant
stays out because the incumbent would fight with probability at least 1/2 (its two
extreme points are listed; only entry is subgame perfect).

>>> from gametheory.extensive import Decision, ExtensiveGame, nash_equilibria
>>> chain = ExtensiveGame(Decision("Entrant", {
...     "Out": {"Entrant": 1, "Incumbent": 5},
...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}))
>>> sol = nash_equilibria(chain)
>>> sol.concept, len(sol), sol.complete
('Nash', 3, False)
>>> sorted(e.profile for e in sol)   # (Out, In) and (Cooperate, Fight) probabilities
[((Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1))), ((Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1))), ((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 2), Fraction(1, 2)))]
"""

from __future__ import annotations

import time
from typing import Any

from .. import exact as _exact
from ..errors import InvalidGameError, SolverError
from .behaviour import nash_regret
from .blocks import block_equilibria
from .game import ExtensiveGame
from .normal_form import Block, reduced_normal_form
from .result import SequentialSolution, TreeEquilibrium, choices_from_behaviour

__all__ = ["nash_equilibria", "verified_equilibrium"]


def verified_equilibrium(game: ExtensiveGame, profile: tuple, regret_of: Any, *, exact: bool,
                         cls: type = TreeEquilibrium, what: str = "Nash equilibrium", **extra: Any) -> TreeEquilibrium:
    """Build a :class:`TreeEquilibrium` after checking its certificate ``regret_of(flat, profile)``.

    Raises
    ------
    SolverError
        When the certificate is not 0 (exact) or above the tolerance (floats): a bug.
    """
    from .behaviour import expected_payoffs

    flat = game.flat
    regret = regret_of(flat, profile)
    limit = 0 if exact else _exact.DEFAULT_TOL * 100
    if regret > limit:
        raise SolverError(f"a computed {what} has regret {_exact.format_number(regret)}: a bug, please report it")
    payoffs = expected_payoffs(flat, profile)
    return cls(game=game, choices=choices_from_behaviour(game, profile), payoffs=payoffs, regret=regret, **extra)


def nash_equilibria(game: ExtensiveGame) -> Any:
    """Nash equilibria of a tree in behaviour strategies, each exactly verified.

    Parameters
    ----------
    game : ExtensiveGame

    Returns
    -------
    SequentialSolution
        ``concept="Nash"``. Two players: every extreme equilibrium of the sequence
        form (``complete=True``; continua are represented by their extreme points,
        then ``complete=False`` with a note). More players: ``complete`` as the
        polynomial method states. Games without perfect recall: a normal-form
        :class:`~gametheory.Solution` of the game's strategic form.

    Examples
    --------
    Matching pennies in the tree: B guesses A's hidden coin.

    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> guess = lambda win: Decision("B", {"h": {"A": -win, "B": win}, "t": {"A": win, "B": -win}}, infoset="guess")
    >>> mp = ExtensiveGame(Decision("A", {"H": guess(1), "T": guess(-1)}))
    >>> sol = nash_equilibria(mp)
    >>> len(sol), sol[0].profile, sol[0].regret
    (1, ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2))), Fraction(0, 1))
    """
    if not isinstance(game, ExtensiveGame):
        raise InvalidGameError(f"expected an ExtensiveGame, got {type(game).__name__}")
    started = time.perf_counter()
    flat = game.flat
    if flat.recall_problem is not None:
        from ..solvers import solve
        from dataclasses import replace

        sol = solve(reduced_normal_form(game))
        return replace(sol, notes=sol.notes + (
            f"the tree lacks perfect recall ({flat.recall_problem}); its equilibria are given as mixed strategies "
            "of its normal form (each strategy names an action at every information set)",))
    found = block_equilibria(Block(flat))
    exact = game.exact and found.exact
    eqs = []
    for beh in found.behaviours:
        profile = tuple(beh[h] for h in range(len(flat.infosets)))
        extra = {}
        if getattr(found, "realizations", None):
            extra["realization"] = found.realizations[len(eqs)]
        eqs.append(verified_equilibrium(game, profile, nash_regret, exact=exact, **extra))
    notes = list(found.notes)
    if not eqs:
        notes.append("no equilibrium was found")
    return SequentialSolution(
        game=game,
        method=found.method,
        equilibria=tuple(eqs),
        complete=found.complete and bool(eqs),
        exact=exact,
        parameters={},
        elapsed=time.perf_counter() - started,
        notes=tuple(notes),
        concept="Nash",
    )
