"""pareto_optimal: fixed cases and a brute-force oracle."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings

from gametheory import Game, NotSupportedError, pareto_optimal

from _found_strategies import games


def test_prisoners_dilemma_equilibrium_is_not_pareto_optimal():
    pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    res = pareto_optimal(pd)
    assert res.labels() == [("C", "C"), ("C", "D"), ("D", "C")]
    assert ("D", "D") not in res and ("C", "C") in res
    assert res.payoffs[0] == (F(3), F(3))


def test_ties_are_all_kept_and_floats_use_the_tolerance():
    g = Game.from_bimatrix([[1, 1], [0, 1]], [[1, 1], [0, 1]])
    assert pareto_optimal(g).profiles == ((0, 0), (0, 1), (1, 1))
    h = Game.from_bimatrix([[1.0, 1.0 + 1e-12]], [[1.0, 1.0]])
    assert pareto_optimal(h).profiles == ((0, 0), (0, 1))  # 1e-12 is within tolerance: a tie
    assert pareto_optimal(h, tol=0.0).profiles == ((0, 1),)


def brute(game):
    P = [tuple(game.payoffs[(slice(None), *s)].tolist()) for s in np.ndindex(*game.shape)]
    out = []
    for k, s in enumerate(np.ndindex(*game.shape)):
        if not any(all(a >= b for a, b in zip(q, P[k])) and any(a > b for a, b in zip(q, P[k])) for q in P):
            out.append(s)
    return tuple(out)


@settings(max_examples=60, deadline=None)
@given(games(max_players=4, max_profiles=300))
def test_matches_brute_force(game):
    res = pareto_optimal(game)
    assert res.profiles == brute(game)
    assert pareto_optimal(game.to_float()).profiles == res.profiles


def test_large_game_matches_blockwise_definition():
    rng = np.random.default_rng(5)
    g = Game(rng.integers(0, 6, size=(3, 9, 9, 9)))
    assert pareto_optimal(g).profiles == brute(g)


def test_exports_and_bad_input():
    res = pareto_optimal(Game.from_bimatrix([[1]], [[2]], players=("A", "B")))
    assert res.to_dict()["outcomes"] == [{"profile": {"A": "1", "B": "1"}, "payoffs": {"A": "1", "B": "2"}}]
    assert "<table" in res._repr_html_() and "Pareto-optimal" in str(res)
    with pytest.raises(NotSupportedError):
        pareto_optimal(np.zeros((2, 2, 2)))


@settings(max_examples=15, deadline=None)
@given(games(max_players=3))
def test_every_result_type_displays_and_serialises(game):
    import json

    from gametheory import iterated_elimination, pure_equilibria, security_strategies

    for g in (game, game.to_float()):
        for res in (pareto_optimal(g), iterated_elimination(g), iterated_elimination(g, strict=False),
                    security_strategies(g), pure_equilibria(g)):
            assert str(res).startswith(res.method)
            html = res._repr_html_()
            assert "<table" in html or "no strategy" in html
            json.dumps(res.to_dict())
