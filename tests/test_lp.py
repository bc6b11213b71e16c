"""security_strategies / zero_sum_value: exact fixed cases, minimax laws, peers as oracles."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings

from gametheory import Game, NotSupportedError, security_strategies, zero_sum_value
from gametheory.solvers._exact_lp import simplex_max

from _found_strategies import games, zero_sum_games

THIRD = (F(1, 3),) * 3


def test_rock_paper_scissors():
    rps = Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], strategies=(("R", "P", "S"),) * 2)
    res = zero_sum_value(rps)
    assert res.value == 0 and isinstance(res.value, F)
    assert res.strategies == (THIRD, THIRD)
    assert res.equilibrium.regret == 0 and res.exact
    assert str(res).splitlines()[1].endswith("R 1/3, P 1/3, S 1/3")


def test_matching_pennies_and_a_biased_game():
    mp = zero_sum_value(Game.zero_sum([[1, -1], [-1, 1]]))
    assert mp.value == 0 and mp.strategies == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
    # row: 2p - (1-p) = -p + (1-p) -> p = 2/5, value 1/5; the column player likewise q = 2/5
    res = zero_sum_value(Game.zero_sum([[2, -1], [-1, 1]]))
    assert res.value == F(1, 5)
    assert res.strategies == ((F(2, 5), F(3, 5)), (F(2, 5), F(3, 5)))


def test_saddle_point_and_fraction_payoffs():
    res = zero_sum_value(Game.zero_sum([["1/2", "3/4"], ["1/3", "1/5"]]))
    assert res.value == F(1, 2) and res.strategies == ((1, 0), (1, 0))
    assert zero_sum_value(Game.zero_sum([[0, 0], [0, 0]])).value == 0


def test_prisoners_dilemma_security():
    pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "Russia"),
                            strategies=(("C", "D"), ("C", "D")))
    sec = security_strategies(pd)
    assert sec.levels == (F(1), F(1))
    assert sec["US"].as_dict() == {"D": F(1)} and sec["Russia"].punishment_dict() == {("D",): F(1)}


def test_mixed_security_strategy_in_a_non_zero_sum_game():
    # row payoffs [[3, 0], [0, 1]]: maxmin mixes 1/4, 3/4 and guarantees 3/4
    g = Game.from_bimatrix([[3, 0], [0, 1]], [[0, 0], [0, 0]])
    s = security_strategies(g)[0]
    assert s.strategy == (F(1, 4), F(3, 4)) and s.level == F(3, 4)


def check_security(game, res):
    """Independent exact check of each player's certificate on the payoff array."""
    for sec in res:
        i = sec.player
        U = np.moveaxis(game.payoffs[i], i, 0).reshape(game.shape[i], -1)
        x = np.array(sec.strategy, dtype=object)
        assert sum(sec.strategy) == 1 and min(sec.strategy) >= 0
        assert min((x @ U).tolist()) == sec.level  # x guarantees the level
        others = [n for j, n in enumerate(game.shape) if j != i]
        y = np.zeros(U.shape[1], dtype=object)
        y[:] = F(0)
        for prof, p in sec.punishment:
            y[np.ravel_multi_index(prof, others) if others else 0] += p
        assert sum(y.tolist()) == 1
        assert max((U @ y).tolist()) == sec.level  # the others hold it there


@settings(max_examples=40, deadline=None)
@given(games(min_players=1, max_players=3, max_strategies=4))
def test_security_certificates_exact(game):
    res = security_strategies(game)
    assert res.exact and all(isinstance(v, F) for v in res.levels)
    check_security(game, res)


@settings(max_examples=25, deadline=None)
@given(games(min_players=2, max_players=3, max_strategies=4))
def test_float_security_agrees_with_exact(game):
    exact = security_strategies(game).levels
    flt = security_strategies(game.to_float()).levels
    assert all(abs(float(a) - b) < 1e-9 for a, b in zip(exact, flt))


@settings(max_examples=60, deadline=None)
@given(zero_sum_games())
def test_value_between_pure_maxmin_and_minmax_and_equal_to_security_levels(game):
    A = game.payoffs[0]
    pure_maxmin = max(min(row) for row in A.tolist())
    pure_minmax = min(max(col) for col in A.T.tolist())
    res = zero_sum_value(game)
    assert pure_maxmin <= res.value <= pure_minmax
    sec = security_strategies(game)
    assert sec.levels == (res.value, -res.value)
    x, y = res.strategies
    assert min((np.array(x, dtype=object) @ A).tolist()) == res.value
    assert max((A @ np.array(y, dtype=object)).tolist()) == res.value


def test_value_against_pygambit_rational_equilibria():
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(3)
    for _ in range(10):
        A = rng.integers(-4, 5, size=(int(rng.integers(2, 5)), int(rng.integers(2, 5))))
        ours = zero_sum_value(Game.zero_sum(A)).value
        gg = gbt.Game.from_arrays(A, -A)
        for eq in gbt.nash.enummixed_solve(gg, rational=True).equilibria:
            assert F(str(eq.payoff(list(gg.players)[0]))) == ours  # every equilibrium pays the value


def test_float_zero_sum_game():
    res = zero_sum_value(Game.zero_sum([[2.0, -1.0], [-1.0, 1.0]]))
    assert not res.exact and abs(res.value - 0.2) < 1e-12
    assert res.equilibrium.regret <= 1e-9


def test_exact_simplex_warm_start_and_fallback():
    # a wrong hint (infeasible basis) must not change the optimum
    A, b, c = [[1, 2], [3, 1]], [4, 6], [1, 1]
    plain = simplex_max(A, b, c)
    for hint in ([0, 1], [2, 3], [0], [1, 0], [3]):
        assert simplex_max(A, b, c, basis_hint=hint).value == plain.value == F(14, 5)


def test_bad_inputs():
    with pytest.raises(NotSupportedError, match="zero-sum"):
        zero_sum_value(Game.from_bimatrix([[1, 0]], [[0, 0]]))
    with pytest.raises(NotSupportedError, match="two-player"):
        zero_sum_value(Game(np.zeros((3, 2, 2, 2), dtype=int)))
    with pytest.raises(NotSupportedError):
        security_strategies("not a game")


def test_exports():
    res = zero_sum_value(Game.zero_sum([[1, -1], [-1, 1]], players=("A", "B")))
    assert res.to_dict()["value"] == "0"
    assert "<table" in res._repr_html_()
    sec = security_strategies(Game(np.arange(24).reshape(3, 2, 2, 2)))
    assert len(sec.to_dict()["security"]) == 3 and "<table" in sec._repr_html_()
    assert "guarantees" in str(sec)
