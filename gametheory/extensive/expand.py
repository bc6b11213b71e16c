"""Stages expanded into decisions: a tree without simultaneous-move shortcuts, for independent checks.

A :class:`~gametheory.extensive.Stage` is sugar for a simultaneous move. Its extensive
form is a sequence of decisions, one per stage player, where each player after the
first moves in an information set that hides the earlier players' moves; the stage
payoffs are added to every terminal below it. :func:`expand_stages` builds that tree
(the same game: same reduced normal form, same subgames outside the stages) and maps
an equilibrium of the original tree onto it, so that a result can be re-checked by the
general machinery of information sets (subgame regret, sequential rationality) instead
of the stage solver that produced it.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.sequential import Stage, SequentialGame, subgame_perfect_equilibria
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("A", "B"))
>>> g = SequentialGame(Stage(pd, {"*": {}}))
>>> ex = expand_stages(g)
>>> [(h.player, len(h.nodes)) for h in ex.game.infosets]
[('A', 1), ('B', 2)]
>>> from gametheory.extensive.behaviour import subgame_regret
>>> subgame_regret(ex.game.flat, ex.behaviour(subgame_perfect_equilibria(g)[0]))
Fraction(0, 1)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InvalidGameError
from .game import Chance, Decision, ExtensiveGame, Stage, Terminal

__all__ = ["ExpandedTree", "expand_stages"]


class ExpandedTree:
    """A tree with every stage expanded into decisions, and the map from the original's positions.

    Attributes
    ----------
    original : ExtensiveGame
    game : ExtensiveGame
        The expanded tree.
    keys : dict
        For each stage position of the original and each stage player, the information-set key
        of that player's move in the expanded tree.
    """

    def __init__(self, original: ExtensiveGame, game: ExtensiveGame, keys: dict, decision_keys: dict) -> None:
        self.original = original
        self.game = game
        self.keys = keys
        self.decision_keys = decision_keys

    def behaviour(self, eq: Any) -> tuple:
        """The behaviour (one probability vector per information set of the expanded tree) of an equilibrium
        of the original tree (a :class:`~gametheory.extensive.TreeEquilibrium`)."""
        by_key: dict[tuple[str, str], tuple] = {}
        orig = self.original
        for pos in orig.positions:
            node = pos.node
            c = eq.choices[pos.index]
            if type(node) is Decision:
                vec = tuple(Fraction(int(a == c)) for a in range(len(node.actions))) if isinstance(c, int) else tuple(c)
                by_key[(node.player, self.decision_keys[pos.index])] = vec
            elif type(node) is Stage:
                for i, p in enumerate(node.players):
                    by_key[(p, self.keys[(pos.index, p)])] = tuple(c[i])
        out = []
        for h in self.game.infosets:
            vec = by_key.get((h.player, h.name))
            if vec is None:
                raise InvalidGameError(f"expanded tree: no choice recorded for {h.player} at {h.name!r}")
            out.append(vec)
        return tuple(out)


def expand_stages(game: ExtensiveGame) -> ExpandedTree:
    """The tree with every stage replaced by its players' decisions in information sets (see the module docstring).

    Every decision keeps (or is given) an information-set key, so that the equilibria of
    the original map onto the expansion (:meth:`ExpandedTree.behaviour`).
    """
    if not isinstance(game, ExtensiveGame):
        raise InvalidGameError(f"expected an ExtensiveGame, got {type(game).__name__}")
    if game.discount != 1:
        raise InvalidGameError("stages of a discounted tree are rounds: expand the undiscounted tree")
    positions = game.positions
    keys: dict[tuple[int, str], str] = {}
    decision_keys: dict[int, str] = {}

    def add(pay: dict, extra: dict) -> dict:
        out = dict(pay)
        for p, v in extra.items():
            out[p] = out.get(p, 0) + v
        return out

    def build(k: int, acc: dict) -> Any:
        pos = positions[k]
        node = pos.node
        t = type(node)
        if t is Terminal:
            return Terminal(add(dict(node.payoffs), acc), label=node.label, narration=node.narration,
                            outcome=node.outcome)
        if t is Chance:
            return Chance({o: (q, build(c, acc)) for o, q, c in zip(node.outcomes, node.probabilities, pos.children)},
                          label=node.label, narration=dict(node.narration))
        if t is Decision:
            key = node.infoset if node.infoset is not None else f"~{game.node_id(k)}"
            decision_keys[k] = key
            return Decision(node.player, {a: build(c, acc) for a, c in zip(node.actions, pos.children)},
                            label=node.label, narration=dict(node.narration), infoset=key)
        g = node.game
        given = dict(node.infosets)
        for p in node.players:
            keys[(k, p)] = given.get(p, f"~{game.node_id(k)}:{p}")

        def level(i: int, prefix: tuple[int, ...]) -> Any:
            if i == len(node.players):
                flat = int(np.ravel_multi_index(prefix, g.shape))
                stage_pay = {p: g.payoffs[(j, *prefix)] for j, p in enumerate(node.players)}
                return build(pos.children[flat], add(acc, stage_pay))
            p = node.players[i]
            return Decision(p, {s: level(i + 1, prefix + (j,)) for j, s in enumerate(g.strategies[i])},
                            label=node.label, infoset=keys[(k, p)])

        return level(0, ())

    tree = ExtensiveGame(build(0, {}), players=game.players, title=game.title, description=game.description)
    return ExpandedTree(game, tree, keys, decision_keys)
