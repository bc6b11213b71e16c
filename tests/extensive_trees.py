"""Hypothesis strategies for random game trees with hidden information (perfect recall by construction),
and helpers comparing our results with pygambit's."""

from __future__ import annotations

import io
import warnings
from fractions import Fraction

from hypothesis import strategies as st

from gametheory import write_efg
from gametheory.extensive import Chance, Decision, ExtensiveGame, Terminal
from gametheory.io.gambit import GambitLabelWarning


@st.composite
def hidden_information_games(draw, players=("A", "B"), max_depth=4, max_nodes=40, chance=True):
    """A random tree: chance moves, decisions in information sets, integer payoffs.

    A decision's information set is keyed by the mover's own earlier moves (their
    keys and actions) and a random signal, so nodes of one set share the mover's
    history: perfect recall holds by construction, yet the mover cannot tell apart
    nodes reached by different moves of others or of chance.
    """
    budget = [max_nodes]
    actions_of: dict[str, int] = {}

    def node(depth: int, own: dict) -> object:
        budget[0] -= 1
        kinds = ["t"] if depth >= max_depth or budget[0] <= 0 else ["t", "d", "d", "d"] + (["c"] if chance else [])
        kind = draw(st.sampled_from(kinds))
        if kind == "t":
            return Terminal({p: draw(st.integers(-4, 4)) for p in players})
        if kind == "c":
            k = draw(st.integers(2, 3))
            weights = draw(st.lists(st.integers(1, 3), min_size=k, max_size=k))
            return Chance({f"n{j}": (Fraction(w, sum(weights)), node(depth + 1, own)) for j, w in enumerate(weights)})
        p = draw(st.sampled_from(players))
        signal = draw(st.integers(0, 1))
        key = f"{p}|{'.'.join(own.get(p, ()))}|{signal}"
        n_act = actions_of.setdefault(key, draw(st.integers(2, 3)))
        kids = {}
        for a in range(n_act):
            mine = dict(own)
            mine[p] = own.get(p, ()) + (f"{key}>{a}",)
            kids[f"a{a}"] = node(depth + 1, mine)
        return Decision(p, kids, infoset=key)

    root = node(0, {})
    return ExtensiveGame(root, players=players)


def gambit_game(gbt, game: ExtensiveGame):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GambitLabelWarning)
        return gbt.read_efg(io.StringIO(write_efg(game)))


def gambit_outcomes(efg, profile) -> tuple:
    """Probability of each terminal node of a pygambit tree (pre-order) under a behaviour profile."""
    out = []
    stack = [efg.root]
    while stack:
        node = stack.pop()
        if node.is_terminal:
            out.append(Fraction(str(profile.realiz_prob(node))))
        stack.extend(reversed(list(node.children)))
    return tuple(out)


def our_outcomes(game: ExtensiveGame, eq) -> tuple:
    """Probability of each terminal (pre-order of the expanded tree) under one of our equilibria."""
    from gametheory.extensive import outcome_probabilities

    probs = outcome_probabilities(game.flat, eq.profile)
    return tuple(probs[z] for z in sorted(probs))


def gambit_profile(gbt, efg, game, behaviour):
    """A pygambit behaviour profile with our behaviour (one vector per information set) at every node."""
    flat = game.flat
    prof = efg.mixed_behavior_profile(rational=True)
    stack = [(0, efg.root)]
    while stack:
        x, node = stack.pop()
        if flat.kind[x] == 2:
            for a, p in zip(list(node.infoset.actions), behaviour[flat.infoset_of[x]]):
                p = Fraction(p)
                prof[a] = gbt.Rational(p.numerator, p.denominator)
        stack.extend(zip(flat.children[x], list(node.children)))
    return prof
