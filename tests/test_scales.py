"""The declared scales: a change of units changes nothing; weights are reported where they matter."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import InvalidGameError
from gametheory.sequential import equilibrium_outcomes, outcome_thresholds, rescaled, scale_sensitivity

SUB_GAMES = ("nato_membership", "sanctions", "troop_mission", "resource_deal")
positive = st.fractions(min_value=Fraction(1, 10), max_value=10, max_denominator=12)
shift = st.fractions(min_value=-10, max_value=10, max_denominator=12)


def _outcomes(game):
    out = equilibrium_outcomes(game, details=False)
    return out.total, [(g.count, g.distribution) for g in out.groups], [g.payoffs for g in out.groups]


@settings(max_examples=12, deadline=None)
@given(name=st.sampled_from(SUB_GAMES), data=st.data())
def test_law_an_affine_change_of_any_actor_scale_keeps_every_equilibrium(name, data):
    game = gt.load(name)
    player = data.draw(st.sampled_from(game.players))
    a, b = data.draw(positive), data.draw(shift)
    total, groups, pays = _outcomes(game)
    total2, groups2, pays2 = _outcomes(rescaled(game, player, a, b))
    assert (total2, groups2) == (total, groups)  # same counts, same outcomes with the same probabilities
    i = game.players.index(player)
    for p, q in zip(pays, pays2):  # the payoffs move by the same change of units
        assert q[i] == a * p[i] + b and all(q[j] == p[j] for j in range(len(p)) if j != i)


def test_a_factor_that_is_not_positive_is_refused():
    game = gt.load("resource_deal")
    for a in (-1, 0):
        with pytest.raises(InvalidGameError, match="positive factor"):
            rescaled(game, "US", a, 0)


@pytest.mark.parametrize("name", ["resource_deal", "sanctions"])
def test_sensitivity_reports_each_weight_with_the_exact_thresholds_of_a_direct_scan(name):
    s = scale_sensitivity(name)
    assert s.affine_invariant and set(s.checked) == set(gt.load(name).players)
    assert s.weights, "every valued game has weights in its scales"
    for w in s.weights:
        assert w.breakpoints == outcome_thresholds(name, w.parameter, solve_regions=False).values
    text = str(s)
    assert "the same equilibria" in text
    assert any("the outcome changes at" in line for line in text.splitlines())


def test_sensitivity_refuses_a_parameter_outside_the_scales():
    with pytest.raises(InvalidGameError, match="not a weight of the scales"):
        scale_sensitivity("resource_deal", weights=["share"])
