"""One entry point per solution concept for a game (``gametheory solve --solution ...``).

Examples
--------
>>> from gametheory.extensive import beer_quiche
>>> solve_concept(beer_quiche(), "spe").concept
'subgame-perfect'
>>> solve_concept(beer_quiche(), "sequential").classes[0].kind
'pooling'
"""

from __future__ import annotations

from typing import Any

from ..errors import InvalidGameError, NotSupportedError
from ..game import Game
from .game import ExtensiveGame

__all__ = ["SOLUTION_CONCEPTS", "solve_concept"]

#: The concepts ``solve_concept`` knows, with what each computes.
SOLUTION_CONCEPTS = {
    "nash": "Nash equilibria (trees: the sequence form for two players, else the reduced normal form)",
    "spe": "subgame-perfect equilibria (trees only)",
    "sequential": "sequential equilibria: every one when the hidden information is nature's alone (types seen by "
                  "their holder), every perfect Bayesian equilibrium of a signalling game by class, else one "
                  "sequential equilibrium as the logit QRE limit, verified exactly (trees only)",
    "qre": "the limit of the agent logit quantal response equilibrium (trees only)",
}


def solve_concept(game: Any, solution: str) -> Any:
    """Solve ``game`` for one solution concept (see :data:`SOLUTION_CONCEPTS`).

    Raises
    ------
    NotSupportedError
        When the concept does not apply to the game (a normal-form game and a tree
        concept; a tree without perfect recall and subgame perfection, sequential
        equilibria or the QRE).
    InvalidGameError
        For an unknown concept.
    """
    if solution not in SOLUTION_CONCEPTS:
        raise InvalidGameError(f"unknown solution concept {solution!r}; known: {', '.join(SOLUTION_CONCEPTS)}")
    if isinstance(game, Game):
        if solution != "nash":
            raise NotSupportedError(
                f"--solution {solution} applies to game trees; {game.title or 'this game'} is a normal-form game "
                "(use --solution nash)"
            )
        from ..solvers import solve

        return solve(game)
    if not isinstance(game, ExtensiveGame):
        raise InvalidGameError(f"expected a Game or an ExtensiveGame, got {type(game).__name__}")
    if solution == "nash":
        from .nash import nash_equilibria

        return nash_equilibria(game)
    if not game.perfect_recall:
        raise NotSupportedError(
            f"--solution {solution} needs a tree with perfect recall, and {game.title or 'this tree'} lacks it "
            f"({game.flat.recall_problem}); use --solution nash"
        )
    if solution == "spe":
        from ..sequential import subgame_perfect_equilibria

        return subgame_perfect_equilibria(game)
    if solution == "sequential":
        from .nature import delayed_tree, nature_sequential_equilibria
        from .signalling import as_signalling_game, perfect_bayesian_equilibria

        if not game.subgame_at_every_position and delayed_tree(game) is not None:
            return nature_sequential_equilibria(game)  # hidden draws of nature only: all of them, exactly

        try:
            as_signalling_game(game)
        except NotSupportedError:
            pass
        else:
            if game.exact:
                return perfect_bayesian_equilibria(game)
    from .logit import logit_sequential_equilibrium

    return logit_sequential_equilibrium(game)
