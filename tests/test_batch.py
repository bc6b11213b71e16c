"""solve_many: the same equilibria, order, payoffs and components as solving each game alone."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gametheory import DegenerateGameWarning, Game, InvalidGameError, solve
from gametheory.batch import solve_many


def per_game(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return solve(game)


def rows_of(table, g, width):
    part = table[table.game == g]
    return [tuple(part.iloc[r, 2 : 2 + width]) for r in range(len(part))], part


@st.composite
def stacks(draw):
    m = draw(st.integers(1, 4))
    n = draw(st.integers(1, 4))
    hi = draw(st.sampled_from([2, 3, 100]))
    G = draw(st.integers(1, 12))
    return draw(arrays(np.int64, (G, 2, m, n), elements=st.integers(-hi, hi)))


@settings(max_examples=80)
@given(stacks())
def test_each_game_as_solve_lists_it_exact(P):
    table = solve_many(P)
    m, n = P.shape[2:]
    assert table.attrs["exact"] and table.attrs["complete"]
    for g in range(len(P)):
        sol = per_game(Game.from_bimatrix(P[g, 0].tolist(), P[g, 1].tolist()))
        mine, part = rows_of(table, g, m + n)
        assert mine == [tuple(p for v in e.profile for p in v) for e in sol]
        assert list(part["payoff Player 1"]) == [e.payoffs[0] for e in sol]
        assert list(part["payoff Player 2"]) == [e.payoffs[1] for e in sol]
        assert all(isinstance(v, Fraction) for v in part["payoff Player 1"])
        assert part["component"].nunique() == len(sol.components)
        assert list(part["equilibrium"]) == list(range(len(sol)))


@settings(max_examples=40)
@given(stacks())
def test_each_game_as_solve_lists_it_float(P):
    table = solve_many(P.astype(float))
    m, n = P.shape[2:]
    assert not table.attrs["exact"]
    for g in range(len(P)):
        sol = per_game(Game.from_bimatrix(P[g, 0].astype(float), P[g, 1].astype(float)))
        mine, _ = rows_of(table, g, m + n)
        theirs = [tuple(p for v in e.profile for p in v) for e in sol]
        assert len(mine) == len(theirs)
        assert np.allclose(np.array(mine, dtype=float), np.array(theirs, dtype=float), atol=1e-9)


def test_games_with_labels_and_fractions_keep_exact_payoffs():
    g1 = Game.from_bimatrix([["1/2", 0], [0, "1/3"]], [["1/3", 0], [0, "1/2"]], players=("US", "EU"),
                            strategies=(("Lift", "Keep"), ("Lift", "Keep")))
    g2 = Game.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]], players=("US", "EU"),
                            strategies=(("Lift", "Keep"), ("Lift", "Keep")))
    table = solve_many([g1, g2])
    assert list(table.columns[:6]) == ["game", "equilibrium", "US: Lift", "US: Keep", "EU: Lift", "EU: Keep"]
    for k, game in enumerate((g1, g2)):
        sol = per_game(game)
        part = table[table.game == k]
        assert list(part["payoff US"]) == [e.payoffs[0] for e in sol]
        assert list(part["payoff EU"]) == [e.payoffs[1] for e in sol]


def test_continuum_is_one_component_with_several_extreme_equilibria():
    # von Stengel's 3x2 example: two components, one of them a segment
    P = np.array([[[[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]]])
    table = solve_many(P)
    assert len(table) == 3 and sorted(table["component"].value_counts().tolist()) == [1, 2]


def test_three_players_and_large_shapes_are_solved_game_by_game():
    rng = np.random.default_rng(0)
    three = rng.integers(0, 5, size=(3, 3, 2, 2, 2))
    table = solve_many(three, progress=False)
    assert table.attrs["algorithm"] == "solve() per game"
    for g in range(3):
        assert (table.game == g).sum() == len(per_game(Game(three[g].tolist())))
    big = rng.integers(0, 9, size=(2, 2, 8, 8))
    table = solve_many(big, progress=False)
    assert table.attrs["algorithm"] == "solve() per game"
    assert (table.game == 1).sum() == len(per_game(Game.from_bimatrix(big[1, 0].tolist(), big[1, 1].tolist())))


def test_bad_input_gets_clear_errors():
    with pytest.raises(InvalidGameError, match="shape"):
        solve_many([Game.from_bimatrix([[1]], [[1]]), Game.from_bimatrix([[1, 2]], [[1, 2]])])
    with pytest.raises(InvalidGameError, match="finite"):
        solve_many(np.array([[[[np.nan]], [[1.0]]]]))
    with pytest.raises(InvalidGameError):
        solve_many(np.zeros((3, 2)))
