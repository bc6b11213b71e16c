"""gametheory.strategies: validity of what is drawn, argument checking, and shrinking."""

from fractions import Fraction
from types import SimpleNamespace

import numpy as np
import pytest
from pathlib import Path
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from gametheory import Game, pure_equilibria
from gametheory.assumptions import check, payoff_bound, prefers
from gametheory.profiles import regrets
from gametheory.strategies import (
    bimatrix_games,
    games,
    games_satisfying,
    mixed_strategies,
    ordinal_games,
    parameter_values,
    perturbations,
    profiles,
    zero_sum_games,
)

FAST = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
FIND = settings(max_examples=2000, deadline=None, database=None, derandomize=True)


# -- shrinking: deliberately false properties yield minimal games ------------------------------


LEGACY = Path(__file__).resolve().parent / "data" / "legacy"  # normal-form fixtures (the first sub-games)


def test_false_property_every_game_has_a_pure_equilibrium_shrinks_to_minimal_game():
    # the same property over games() (up to 3 players) is shown and checked in docs/property_testing.md
    g = find(bimatrix_games(), lambda g: len(pure_equilibria(g)) == 0, settings=FIND)
    # the smallest games without a pure equilibrium: two players, 2x2, payoffs in {-1, 0, 1},
    # and only four non-zero payoffs (each player needs a strict preference in both rows/columns)
    assert g.num_players == 2 and g.shape == (2, 2)
    assert max(abs(v) for v in g.payoffs.flat) <= 1
    assert sum(v != 0 for v in g.payoffs.flat) == 4
    assert len(pure_equilibria(g)) == 0


def test_false_property_unique_equilibrium_shrinks_to_two_strategy_zero_game():
    g = find(games(), lambda g: len(pure_equilibria(g)) != 1, settings=FIND)
    # two equilibria need two strategies for someone; all payoffs zero (every profile an equilibrium)
    assert g.num_players == 2 and sorted(g.shape) == [1, 2]
    assert all(v == 0 for v in g.payoffs.flat)


def test_false_property_over_bimatrix_games_shrinks_payoffs():
    # "the row player's payoff at (0, 0) never exceeds 5": minimal counterexample is a 1x1 game with A = 6
    g = find(bimatrix_games(), lambda g: g.payoffs[0, 0, 0] > 5, settings=FIND)
    assert g.shape == (1, 1) and g.payoffs.tolist() == [[[6]], [[0]]]


def test_ordinal_shrinks_toward_identity_order():
    g = find(ordinal_games(), lambda g: True, settings=FIND)
    assert g.payoffs.tolist() == [[[1, 2], [3, 4]], [[1, 2], [3, 4]]]


# -- validity ------------------------------------------------------------------------------------


@FAST
@given(games())
def test_games_are_valid_and_small(g):
    assert 2 <= g.num_players <= 3 and all(1 <= n <= 3 for n in g.shape) and g.exact


@FAST
@given(games(players=st.just(3), strategies=(2, 1, 3), payoffs=st.floats(-1, 1)))
def test_games_respect_shape_and_payoff_strategy(g):
    assert g.shape == (2, 1, 3) and not g.exact and np.all(np.abs(g.payoffs) <= 1)


@FAST
@given(zero_sum_games())
def test_zero_sum(g):
    assert g.is_zero_sum


@FAST
@given(ordinal_games(players=3, strategies=2), ordinal_games(strategies=(2, 3), ties=True))
def test_ordinal_games(strict, weak):
    for i in range(3):
        assert sorted(strict.payoffs[i].flat) == list(range(1, 9))
    for i in range(2):
        ranks = sorted(set(weak.payoffs[i].flat))
        assert ranks == list(range(1, len(ranks) + 1))


@FAST
@given(st.integers(1, 5).flatmap(lambda n: st.tuples(st.just(n), mixed_strategies(n))), mixed_strategies(3, exact=False))
def test_mixed_strategies(np_pair, floats):
    n, p = np_pair
    assert len(p) == n and sum(p) == 1 and all(isinstance(x, Fraction) and x >= 0 for x in p)
    assert abs(sum(floats) - 1) < 1e-12 and all(x >= 0 for x in floats)


@FAST
@given(games().flatmap(lambda g: st.tuples(st.just(g), profiles(g), profiles(g, pure=True))))
def test_profiles_fit_their_game_and_regret_is_nonnegative(triple):
    g, sigma, pure = triple
    assert len(sigma) == g.num_players and all(len(v) == n for v, n in zip(sigma, g.shape))
    assert all(r >= 0 for r in regrets(g, sigma))
    assert all(0 <= s < n for s, n in zip(pure, g.shape))


PD = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "Russia"))


@FAST
@given(perturbations(PD, max_change="1/2"), perturbations(PD, max_change=0.25, players=["Russia"]))
def test_perturbations_stay_within_bounds(exact, floats):
    assert exact.exact and exact.players == PD.players
    assert max(abs(a - b) for a, b in zip(exact.payoffs.flat, PD.payoffs.flat)) <= Fraction(1, 2)
    assert not floats.exact
    assert np.array_equal(floats.payoffs[0], PD.payoffs[0].astype(float))
    assert np.all(np.abs(floats.payoffs[1] - PD.payoffs[1].astype(float)) <= 0.25)


def test_small_perturbations_keep_strict_equilibria():
    # a law: a strict pure equilibrium with margin > 2 * max_change survives
    @FAST
    @given(perturbations(PD, max_change="1/2"))
    def law(g):
        assert g.is_equilibrium((1, 1))

    law()


PARAMS = [
    SimpleNamespace(name="cost", default=2, low=0, high=5, meaning="cost of war"),
    SimpleNamespace(name="p", default="1/2", low="1/4", high=1, meaning="probability"),
    SimpleNamespace(name="x", default=0.5, low=0.0, high=1.0, meaning="float"),
    {"name": "fixed", "default": 3, "low": None, "high": None},
]


@FAST
@given(parameter_values(PARAMS))
def test_parameter_values_inside_declared_ranges(v):
    assert set(v) == {"cost", "p", "x", "fixed"}
    assert 0 <= v["cost"] <= 5 and isinstance(v["cost"], Fraction)
    assert Fraction(1, 4) <= v["p"] <= 1
    assert 0.0 <= v["x"] <= 1.0 and isinstance(v["x"], float)
    assert v["fixed"] == 3


T = Game.zero_sum(np.zeros((2, 3), dtype=int), players=("US", "Russia"),
                  strategies=(("Concede", "Hold"), ("Ceasefire", "Fight", "Escalate")))
A = [
    prefers("Russia", ("Concede", "Ceasefire"), over=("Hold", "Fight")),
    prefers("Russia", ("Hold", "Fight"), over=("Hold", "Escalate")),
    prefers("US", ("Hold", "Ceasefire"), over=("Concede", "Ceasefire")),
]


@FAST
@given(games_satisfying(T, A), games_satisfying(T, A + [payoff_bound("US", ("Hold", "Fight"), high=3)], cardinal=True))
def test_games_satisfying_satisfy(g, h):
    assert check(g, A).ok and g.players == T.players and g.strategies == T.strategies
    assert sorted(g.payoffs[0].flat) == list(range(1, 7))
    assert check(h, A).ok and h.payoffs[0, 1, 1] <= 3


def test_games_satisfying_shrinks_to_first_consistent_order():
    g = find(games_satisfying(T, A), lambda g: True, settings=FIND)
    assert check(g, A).ok


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: games(players=0), "players"),
        (lambda: games(min_players=3, max_players=2), "max_players"),
        (lambda: games(payoffs=[1, 2]), "payoffs"),
        (lambda: games(players=2, strategies=(2, 2, 2)), "strategies"),
        (lambda: games(strategies=1.5), "strategies"),
        (lambda: bimatrix_games(strategies=(1, 2, 3)), "two numbers"),
        (lambda: zero_sum_games(strategies=(1,)), "two numbers"),
        (lambda: ordinal_games(ties="yes"), "ties"),
        (lambda: mixed_strategies(0), "n=0"),
        (lambda: profiles("not a game"), "Game"),
        (lambda: perturbations(PD, max_change=-1), "non-negative"),
        (lambda: perturbations(PD, max_change="x"), "number"),
        (lambda: parameter_values([SimpleNamespace(name="c", default=9, low=0, high=5)]), "outside"),
        (lambda: parameter_values([SimpleNamespace(name="c", default=1, low=5, high=0)]), "low"),
        (lambda: games_satisfying(T, [prefers("Nobody", ("Hold", "Fight"), over=("Hold", "Escalate"))]), "Nobody"),
        (lambda: games_satisfying(T, [payoff_bound("US", ("Hold", "Fight"), high=3)]), "cardinal=True"),
    ],
)
def test_invalid_arguments(make, match):
    with pytest.raises(InvalidArgument, match=match):
        make()


@FAST
@given(parameter_values(__import__("gametheory").load_spec(LEGACY / "nato_membership.toml")))
def test_parameter_values_of_a_bundled_spec_build_games(values):
    from gametheory import library

    spec = __import__("gametheory").load_spec(LEGACY / "nato_membership.toml")
    for p in spec.parameters:
        assert p.low <= values[p.name] <= p.high
    assert spec.build(values).shape == (3, 4)


def test_games_satisfying_a_bundled_spec_uses_its_register():
    from gametheory import library

    spec = __import__("gametheory").load_spec(LEGACY / "sanctions.toml")
    g = find(games_satisfying(spec), lambda g: True, settings=FIND)
    assert check(g, spec).ok and g.players == ("US", "EU", "Russia")


def test_a_failing_property_shows_the_counterexample_games_payoffs():
    """hypothesis reports the game with every payoff, as a call that rebuilds it."""
    from hypothesis import given, settings

    from gametheory import Game
    from gametheory.strategies import bimatrix_games

    @settings(max_examples=200, database=None, derandomize=True)
    @given(bimatrix_games(max_strategies=2))
    def no_payoff_above_five(game):
        assert game.payoffs.max() <= 5

    try:
        no_payoff_above_five()
    except AssertionError as err:
        report = "\n".join(getattr(err, "__notes__", []))
    else:
        raise AssertionError("the property should fail")
    assert "game=Game([[[" in report  # "Falsifying example:" or "Failing test case:", by version
    shown = report[report.index("Game("):]
    shown = shown[: shown.index("\n)") if "\n)" in shown else len(shown)]
    game = eval(shown.strip().rstrip(","), {"Game": Game})  # the repr rebuilds the counterexample
    assert game.payoffs.max() > 5 and game.payoffs.size <= 8
