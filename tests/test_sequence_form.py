"""Nash equilibria of trees: the sequence form (every extreme equilibrium, exact Lemke) against pygambit,
on Gambit's catalog and on random trees with hidden information and chance."""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pygambit as gbt
import pytest
from hypothesis import HealthCheck, given, settings

import gametheory as gt
from gametheory.errors import NotSupportedError
from gametheory.extensive import (
    Decision,
    ExtensiveGame,
    nash_equilibria,
    nash_regret,
    sequence_form,
    sequence_form_equilibria,
    sequence_form_lemke,
)

from extensive_trees import gambit_game, gambit_outcomes, gambit_profile, hidden_information_games, our_outcomes

CATALOG = sorted(str(p) for p in (Path(gbt.__file__).parent / "catalog_data").rglob("*.efg"))
TWO_PLAYER = [p for p in CATALOG if len(gt.read_efg(p).players) == 2 and gt.read_efg(p).perfect_recall]


def assert_covers_gambit_lcp(game: ExtensiveGame, ours) -> None:
    """Every equilibrium pygambit's exact lcp_solve finds has a realization-equivalent one among ours,
    and pygambit confirms each of ours exactly (max regret 0)."""
    efg = gambit_game(gbt, game)
    mine = {our_outcomes(game, eq) for eq in ours}
    for eq in gbt.nash.lcp_solve(efg, rational=True).equilibria:
        assert gambit_outcomes(efg, eq) in mine
    for eq in ours:
        assert eq.regret == 0 == nash_regret(game.flat, eq.profile)
        assert gambit_profile(gbt, efg, game, eq.profile).max_regret() == 0


def test_catalog_has_two_player_trees():
    assert len(TWO_PLAYER) >= 20


@pytest.mark.parametrize("path", TWO_PLAYER, ids=[Path(p).stem for p in TWO_PLAYER])
def test_catalog_every_lcp_equilibrium_is_among_ours(path):
    game = gt.read_efg(path)
    sol = sequence_form_equilibria(game)
    assert sol.concept == "Nash" and sol.exact and len(sol) >= 1
    assert_covers_gambit_lcp(game, sol)
    # realization plans are plans (E x = e) and give the behaviour
    sf = sequence_form(game)
    for eq in sol:
        x, y = eq.realization
        assert (sf.E.dot(x) == [1] + [0] * (sf.E.shape[0] - 1)).all()
        assert (sf.F.dot(y) == [1] + [0] * (sf.F.shape[0] - 1)).all()
    one = sequence_form_lemke(game)
    assert len(one) == 1 and one[0].regret == 0 and not one.notes
    assert our_outcomes(game, one[0]) in {our_outcomes(game, eq) for eq in sol}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hidden_information_games(players=("A", "B")))
def test_random_two_player_trees_against_pygambit(game):
    if len({h.player for h in game.infosets}) < 2:
        return  # one mover: nothing two-player to compare
    assert game.perfect_recall
    sol = sequence_form_equilibria(game)
    assert_covers_gambit_lcp(game, sol)
    one = sequence_form_lemke(game)
    assert one[0].regret == 0 and our_outcomes(game, one[0]) in {our_outcomes(game, eq) for eq in sol}


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hidden_information_games(players=("A", "B", "C"), max_nodes=14, max_depth=3))
def test_random_three_player_trees_every_profile_has_exact_regret_zero(game):
    sol = nash_equilibria(game)
    efg = gambit_game(gbt, game)
    assert len(sol) >= 1 or not sol.complete
    for eq in sol:
        assert eq.regret == 0 == nash_regret(game.flat, eq.profile)
        assert gambit_profile(gbt, efg, game, eq.profile).max_regret() == 0


def test_the_sequence_form_of_matching_pennies():
    guess = lambda win: Decision("B", {"h": {"A": -win, "B": win}, "t": {"A": win, "B": -win}}, infoset="g")  # noqa: E731
    mp = ExtensiveGame(Decision("A", {"H": guess(1), "T": guess(-1)}))
    sf = sequence_form(mp)
    assert sf.F.tolist() == [[1, 0, 0], [-1, 1, 1]]
    assert [[str(v) for v in row] for row in sf.A] == [["0", "0", "0"], ["0", "-1", "1"], ["0", "1", "-1"]]
    sol = sequence_form_equilibria(mp)
    assert [e.realization for e in sol] == [((1, F(1, 2), F(1, 2)), (1, F(1, 2), F(1, 2)))]
    assert sol.complete


def test_sequence_form_needs_two_players_and_perfect_recall():
    with pytest.raises(NotSupportedError, match="two players"):
        sequence_form(ExtensiveGame(Decision("A", {"x": {}, "y": {}})))
    forget = ExtensiveGame(Decision("A", {"x": Decision("A", {"l": {"A": 1}, "r": {}}, infoset="h"),
                                          "y": Decision("A", {"l": {}, "r": {"A": 2}}, infoset="h")}))
    with pytest.raises(NotSupportedError, match="perfect recall"):
        sequence_form(forget)


def test_continua_are_reported_with_their_extreme_points():
    chain = ExtensiveGame(Decision("Entrant", {
        "Out": {"Entrant": 1, "Incumbent": 5},
        "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
                                     "Fight": {"Entrant": 0, "Incumbent": 0}})}))
    sol = nash_equilibria(chain)
    assert sol.method == "sequence form, vertex enumeration" and not sol.complete
    assert "continua" in sol.notes[0]
    fights = sorted(e.profile[1][1] for e in sol)
    assert fights == [0, F(1, 2), 1]  # cooperate; the continuum Out + fight with probability in [1/2, 1]
