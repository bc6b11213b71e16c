"""Hypothesis strategies for random small sequential games, and an independent oracle.

Shared by the sequential tests. Trees are built from fresh node objects (no
sharing), so a subtree can be found and replaced by identity.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

from hypothesis import strategies as st

from gametheory import Game
from gametheory.sequential import Chance, Decision, SequentialGame, Stage, Terminal

PLAYERS = ("A", "B", "C")


@st.composite
def terminals(draw, players=PLAYERS, lo=-3, hi=3):
    return Terminal({p: draw(st.integers(lo, hi)) for p in players})


@st.composite
def probabilities(draw, n):
    weights = draw(st.lists(st.integers(0, 4), min_size=n, max_size=n).filter(lambda w: sum(w) > 0))
    total = sum(weights)
    return [Fraction(w, total) for w in weights]


@st.composite
def trees(draw, depth=3, perfect_information=False, allow_chance=True, lo=-3, hi=3):
    """A random tree node (terminals, decisions, chance and, unless perfect_information, stages)."""
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        return draw(terminals(lo=lo, hi=hi))
    kinds = ["decision"] * 3 + (["chance"] if allow_chance else []) + ([] if perfect_information else ["stage"] * 2)
    kind = draw(st.sampled_from(kinds))
    sub = trees(depth=depth - 1, perfect_information=perfect_information, allow_chance=allow_chance, lo=lo, hi=hi)
    if kind == "decision":
        n = draw(st.integers(1, 3))
        return Decision(draw(st.sampled_from(PLAYERS)), {f"a{k}": draw(sub) for k in range(n)})
    if kind == "chance":
        n = draw(st.integers(1, 3))
        probs = draw(probabilities(n))
        return Chance({f"c{k}": (p, draw(sub)) for k, p in enumerate(probs)})
    who = draw(st.sampled_from([("A", "B"), ("B", "C"), ("A", "C")]))
    shape = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    pay = [[[draw(st.integers(lo, hi)) for _ in range(shape[1])] for _ in range(shape[0])] for _ in range(2)]
    game = Game(pay, players=("row", "col"), strategies=(("u", "d")[: shape[0]], ("l", "r")[: shape[1]]))
    outcomes = {prof: draw(sub) for prof in product(game.strategies[0], game.strategies[1])}
    return Stage(game, outcomes, players={"row": who[0], "col": who[1]})


@st.composite
def sequential_games(draw, depth=3, perfect_information=False, allow_chance=True, discount=False):
    root = draw(trees(depth=depth, perfect_information=perfect_information, allow_chance=allow_chance))
    d = draw(st.sampled_from([Fraction(1), Fraction(1, 2), Fraction(2, 3)])) if discount else 1
    return SequentialGame(root, players=PLAYERS, discount=d)


def rebuild(node, replace_id, replacement):
    """A copy of the tree with the node object ``replace_id`` (by ``id``) replaced."""
    if id(node) == replace_id:
        return replacement
    if isinstance(node, Terminal):
        return node
    if isinstance(node, Decision):
        return Decision(node.player, {a: rebuild(c, replace_id, replacement) for a, c in zip(node.actions, node.children)})
    if isinstance(node, Chance):
        return Chance({o: (p, rebuild(c, replace_id, replacement))
                       for o, p, c in zip(node.outcomes, node.probabilities, node.children)})
    g = node.game
    kids = [rebuild(c, replace_id, replacement) for c in node.children]
    outcomes = {}
    for flat, prof in enumerate(product(*g.strategies)):
        outcomes[prof] = kids[node.child_index[flat]]
    return Stage(g, outcomes, players=dict(zip(g.players, node.players)))


def brute_force_spe_values(node, players, discount=Fraction(1)):
    """Set of SPE payoff vectors of a perfect-information tree (independent recursion)."""
    if isinstance(node, Terminal):
        return {tuple(node.payoff(p) for p in players)}
    child_sets = [brute_force_spe_values(c, players, discount) for c in node.children]
    out = set()
    for values in product(*child_sets):
        if isinstance(node, Chance):
            out.add(tuple(sum(p * v[i] for p, v in zip(node.probabilities, values)) for i in range(len(players))))
        else:
            i = players.index(node.player)
            best = max(v[i] for v in values)
            for v in values:
                if v[i] == best:
                    out.add(tuple(discount * x for x in v))
    return out
