"""Certificates for subgame perfection: the one-shot deviation test.

In a finite game with perfect recall a profile is subgame perfect exactly when no
player gains from deviating at a single position and then following the profile
(the one-shot deviation principle). :func:`one_shot_regret` computes the largest
such gain over every position: exactly 0 for an SPE of an exact game. It walks
the expanded tree independently of the backward-induction code.

References
----------
Osborne, M. J. & Rubinstein, A. (1994). *A Course in Game Theory*, Lemma 98.2
(the one deviation property).

Examples
--------
>>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
>>> g = SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}}))
>>> one_shot_regret(g, subgame_perfect_equilibria(g)[0].choices)
Fraction(0, 1)
>>> one_shot_regret(g, (0, None, None))
Fraction(1, 1)
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..game import Game
from ..extensive.game import Chance, Decision, SequentialGame, Stage, Terminal

__all__ = ["one_shot_regret", "position_values"]


def position_values(game: SequentialGame, choices: Sequence[Any]) -> list[tuple]:
    """Expected payoffs of every player from each position on, under ``choices``.

    ``choices`` has one entry per position as in
    :attr:`SubgamePerfectEquilibrium.choices`.

    Examples
    --------
    >>> from gametheory.sequential import Chance, SequentialGame
    >>> position_values(SequentialGame(Chance({"a": ("1/2", {"A": 2}), "b": ("1/2", {"A": 0})})), [None] * 3)[0]
    (Fraction(1, 1),)
    """
    values, _ = _walk(game, choices)
    return values


def one_shot_regret(game: SequentialGame, choices: Sequence[Any]) -> Any:
    """The largest gain from a one-shot deviation at any position (0 for an SPE).

    At a decision: the best action's continuation value minus the chosen one's for
    the mover. At a stage: the largest regret of a stage player in the stage game
    whose payoffs are the stage payoffs plus the discounted continuation values.

    Examples
    --------
    >>> from gametheory import Game
    >>> from gametheory.sequential import Stage, SequentialGame
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("A", "B"))
    >>> g = SequentialGame(Stage(pd, {"*": {}}))
    >>> one_shot_regret(g, [((0, 1), (0, 1))] + [None] * 4), one_shot_regret(g, [((1, 0), (1, 0))] + [None] * 4)
    (Fraction(0, 1), Fraction(2, 1))
    """
    _, regret = _walk(game, choices)
    return regret


def _walk(game: SequentialGame, choices: Sequence[Any]) -> tuple[list[tuple], Any]:
    pos = game.positions
    if len(choices) != len(pos):
        raise ValueError(f"choices has {len(choices)} entries for {len(pos)} positions")
    players = game.players
    n = len(players)
    d = game.discount
    values: list[tuple] = [()] * len(pos)
    worst: Any = Fraction(0)
    for k in range(len(pos) - 1, -1, -1):
        node = pos[k].node
        kids = pos[k].children
        if isinstance(node, Terminal):
            values[k] = tuple(node.payoff(p) for p in players)
        elif isinstance(node, Chance):
            values[k] = tuple(sum((p * values[c][i] for p, c in zip(node.probabilities, kids)), Fraction(0))
                              for i in range(n))
        elif isinstance(node, Decision):
            i = players.index(node.player)
            best = max(values[c][i] for c in kids)
            c = choices[k]
            if isinstance(c, tuple):  # a mixed choice: its expected continuation
                chosen = tuple(sum((q * values[kid][j] for q, kid in zip(c, kids) if q != 0), Fraction(0))
                               for j in range(n))
            else:
                chosen = values[kids[c]]
            worst = max(worst, d * (best - chosen[i]))
            values[k] = tuple(d * x for x in chosen)
        else:
            g = node.game
            sigma = choices[k]
            totals = []
            for e, prof in enumerate(itertools.product(*[range(m) for m in g.shape])):
                stage = {pl: g.payoffs[(j, *prof)] for j, pl in enumerate(node.players)}
                totals.append(tuple(stage.get(pl, 0) + d * values[kids[e]][i] for i, pl in enumerate(players)))
            idx = [players.index(p) for p in node.players]
            arr = np.empty((len(idx), *g.shape), dtype=object)
            for e, prof in enumerate(itertools.product(*[range(m) for m in g.shape])):
                for j, i in enumerate(idx):
                    arr[(j, *prof)] = totals[e][i]
            worst = max(worst, max(Game(arr).regret(sigma)))
            probs = []
            for prof in itertools.product(*[range(m) for m in g.shape]):
                p: Any = Fraction(1)
                for j, s in enumerate(prof):
                    p = p * sigma[j][s]
                probs.append(p)
            values[k] = tuple(sum((p * t[i] for p, t in zip(probs, totals)), Fraction(0)) for i in range(n))
    return values, worst
