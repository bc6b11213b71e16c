"""pure_equilibria: fixed cases, invariance laws, brute force and pygambit as oracles."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import Game, NotSupportedError, SolverError, pure_equilibria
from gametheory.solution import make_pure_solution

from _found_strategies import games, pure_set


def labels(sol):
    return sorted(tuple(eq.game.strategies[i][s[0]] for i, s in enumerate(eq.supports)) for eq in sol)


def test_prisoners_dilemma():
    pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    sol = pure_equilibria(pd)
    assert labels(sol) == [("D", "D")]
    assert sol.complete and sol.exact
    assert sol[0].payoffs == (F(1), F(1)) and sol[0].regret == 0 and isinstance(sol[0].regret, F)


def test_matching_pennies_has_none_and_coordination_has_two():
    assert len(pure_equilibria(Game.zero_sum([[1, -1], [-1, 1]]))) == 0
    bos = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=(("O", "F"), ("O", "F")))
    assert labels(pure_equilibria(bos)) == [("F", "F"), ("O", "O")]


def test_all_ties_every_profile_is_an_equilibrium():
    g = Game(np.zeros((3, 2, 3, 2), dtype=int))
    assert pure_set(pure_equilibria(g)) == set(np.ndindex(2, 3, 2))


def test_fraction_payoffs_and_float_games_agree():
    g = Game.from_bimatrix([["1/3", "1/2"], ["2/3", "1/4"]], [["1/7", "1/5"], ["1/6", "1/9"]])
    # row: col 1 -> 2/3 (row 2), col 2 -> 1/2 (row 1); col: row 1 -> 1/5 (col 2), row 2 -> 1/6 (col 1)
    assert pure_set(pure_equilibria(g)) == {(0, 1), (1, 0)}
    h = g.to_float()
    sol = pure_equilibria(h)
    assert pure_set(sol) == {(0, 1), (1, 0)} and not sol.exact
    assert all(isinstance(p, float) for eq in sol for v in eq.profile for p in v)


def brute_force(game):
    return {s for s in np.ndindex(*game.shape) if game.is_equilibrium(s)}


@settings(max_examples=60, deadline=None)
@given(games(max_players=3))
def test_matches_brute_force_definition(game):
    assert pure_set(pure_equilibria(game)) == brute_force(game)


@settings(max_examples=40, deadline=None)
@given(games(), st.data())
def test_invariant_under_affine_change_of_one_players_payoffs(game, data):
    i = data.draw(st.integers(0, game.num_players - 1))
    shift = data.draw(st.fractions(min_value=-10, max_value=10, max_denominator=7))
    scale = data.draw(st.fractions(min_value=F(1, 7), max_value=10, max_denominator=7))
    arr = game.payoffs.copy()
    arr[i] = arr[i] * scale + shift
    assert pure_set(pure_equilibria(game.with_payoffs(arr))) == pure_set(pure_equilibria(game))


@settings(max_examples=40, deadline=None)
@given(games(), st.data())
def test_permuting_a_players_strategies_permutes_the_equilibria(game, data):
    i = data.draw(st.integers(0, game.num_players - 1))
    order = data.draw(st.permutations(range(game.shape[i])))
    permuted = game.permute_strategies(i, order)
    # new index k of player i is old strategy order[k]
    mapped = {tuple(order[s] if j == i else s for j, s in enumerate(p)) for p in pure_set(pure_equilibria(permuted))}
    assert mapped == pure_set(pure_equilibria(game))


@settings(max_examples=30, deadline=None)
@given(games(min_players=2), st.data())
def test_permuting_players_permutes_the_equilibria(game, data):
    order = data.draw(st.permutations(range(game.num_players)))
    permuted = game.permute_players(order)
    back = {tuple(p[order.index(j)] for j in range(game.num_players)) for p in pure_set(pure_equilibria(permuted))}
    assert back == pure_set(pure_equilibria(game))


def test_against_pygambit_on_random_three_player_games():
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(7)
    for _ in range(25):
        shape = tuple(int(k) for k in rng.integers(2, 5, size=3))
        arr = rng.integers(-3, 4, size=(3, *shape))  # small range: many ties and several equilibria
        ours = pure_set(pure_equilibria(Game(arr)))
        gg = gbt.Game.from_arrays(*[arr[i] for i in range(3)])
        theirs = set()
        for eq in gbt.nash.enumpure_solve(gg).equilibria:
            theirs.add(tuple(int(np.argmax([float(eq[s]) for s in p.strategies])) for p in gg.players))
        assert ours == theirs


def test_pure_solution_verifier_rejects_non_equilibria():
    g = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    with pytest.raises(SolverError, match="not an equilibrium"):
        make_pure_solution(g, "test", np.array([[1, 0]]), complete=True, started=0.0)
    with pytest.raises(SolverError):
        make_pure_solution(g.to_float(), "test", np.array([[0, 1]]), complete=True, started=0.0)


def test_bad_inputs():
    with pytest.raises(NotSupportedError, match="expected a gametheory.Game"):
        pure_equilibria([[1, 2], [3, 4]])
