"""Bayesian games: Bayes-Nash equilibria through the ex-ante and the agent forms, against the tree."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.bayesian import BayesianGame, bayes_nash_equilibria
from gametheory.errors import InvalidGameError
from gametheory.extensive import nash_equilibria, nash_regret


@st.composite
def bayesian_games(draw, n_players=2):
    players = ("A", "B", "C")[:n_players]
    types = tuple(tuple(f"t{k}" for k in range(draw(st.integers(1, 2)))) for _ in players)
    actions = tuple(tuple(f"a{k}" for k in range(draw(st.integers(1, 2)))) for _ in players)
    profiles = list(itertools.product(*types))
    weights = draw(st.lists(st.integers(0, 3), min_size=len(profiles), max_size=len(profiles)).filter(any))
    prior = {p: F(w, sum(weights)) for p, w in zip(profiles, weights) if w}
    table = {(tp, ap): tuple(draw(st.integers(-3, 3)) for _ in players)
             for tp in prior for ap in itertools.product(*actions)}
    return BayesianGame(players, types, prior, actions, table)


def behaviour_on_tree(g: BayesianGame, eq) -> tuple:
    tree = g.tree()
    out = []
    for h in tree.infosets:
        i = g.players.index(h.player)
        t = h.name.split(" is ", 1)[1]
        out.append(tuple(eq.strategy[i][t]))
    return tree, tuple(out)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bayesian_games())
def test_bayes_nash_equilibria_are_nash_equilibria_of_the_tree_and_agree_across_forms(g):
    ex = bayes_nash_equilibria(g, form="ex_ante")
    ag = bayes_nash_equilibria(g, form="agent")
    assert len(ex) >= 1 and len(ag) >= 1
    for eq in list(ex) + list(ag):
        assert eq.regret == 0 == g.interim_regret(eq.strategy)
        tree, beh = behaviour_on_tree(g, eq)
        assert nash_regret(tree.flat, beh) == 0
    # pure equilibria: the two forms find the same
    pure = lambda sol: {tuple(sorted((i, t, v) for i, s in enumerate(e.strategy) for t, v in s.items()))  # noqa: E731
                        for e in sol if all(q in (0, 1) for s in e.strategy for v in s.values() for q in v)}
    assert pure(ex) == pure(ag)
    # every Nash equilibrium of the tree is a Bayes-Nash equilibrium
    tree = g.tree()
    for eq in nash_equilibria(tree):
        strategy = [dict() for _ in g.players]
        for h, vec in zip(tree.infosets, eq.profile):
            strategy[g.players.index(h.player)][h.name.split(" is ", 1)[1]] = vec
        for i in range(len(g.players)):
            for t in g.types[i]:
                strategy[i].setdefault(t, (1,) + (0,) * (len(g.actions[i]) - 1))
        assert g.interim_regret(strategy) == 0


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bayesian_games(n_players=3))
def test_three_players_through_the_agent_form(g):
    sol = bayes_nash_equilibria(g)
    assert sol.method.startswith("agent form")
    for eq in sol:
        # irrational equilibria (three players) come as certified floats
        assert eq.regret == 0 if sol.exact and all(not isinstance(q, float) for s in eq.strategy
                                                   for v in s.values() for q in v) else eq.regret <= 1e-9


def test_entry_deterrence_with_a_private_cost():
    # the incumbent's cost of fighting is private: high (fights are costly) with probability p
    def pay(t, a):
        enter, fight = a[0] == "Enter", a[1] == "Fight"
        if not enter:
            return (0, 2)
        if fight:
            return (-1, -1 if t[1] == "high" else 1)
        return (1, 0)

    for p, entry in [(F(1, 3), "Stay out"), (F(3, 4), "Enter")]:
        g = BayesianGame(("Entrant", "Incumbent"), (("-",), ("high", "low")), {("-", "high"): p, ("-", "low"): 1 - p},
                         (("Enter", "Stay out"), ("Fight", "Accommodate")), pay)
        sol = bayes_nash_equilibria(g)
        # the low-cost incumbent fights, the high-cost one accommodates; entry pays iff p > 1/2
        sure = [e for e in sol if e.strategy[1]["high"] == (0, 1) and e.strategy[1]["low"] == (1, 0)]
        assert [e.strategy[0]["-"] for e in sure] == [(1, 0) if entry == "Enter" else (0, 1)]
        assert "Incumbent (high): Accommodate" in sure[0].describe()


def test_bad_bayesian_games_are_refused():
    with pytest.raises(InvalidGameError, match="sum to"):
        BayesianGame(("A",), (("x",),), {("x",): "1/2"}, (("a",),), lambda t, a: (0,))
    with pytest.raises(InvalidGameError, match="not a type profile"):
        BayesianGame(("A",), (("x",),), {("y",): 1}, (("a",),), lambda t, a: (0,))
    assert gt.BayesianGame is BayesianGame
