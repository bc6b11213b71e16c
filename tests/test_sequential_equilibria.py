"""Assessments, sequential and perfect Bayesian equilibria: Selten's horse, beer-quiche, the Article 5
resolve game (exact threshold), Kreps-Wilson consistency, and the logit QRE limit on Gambit's catalog."""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pygambit as gbt
import pytest
from hypothesis import HealthCheck, given, settings

import gametheory as gt
from gametheory.errors import NotSupportedError
from gametheory.extensive import (
    Assessment,
    bayes_beliefs,
    beer_quiche,
    kreps_wilson_consistency,
    logit_sequential_equilibrium,
    nash_equilibria,
    nash_regret,
    perfect_bayesian_equilibria,
    signalling_game,
)
from gametheory.extensive.behaviour import uniform_behaviour

from extensive_trees import hidden_information_games

CATALOG = sorted(str(p) for p in (Path(gbt.__file__).parent / "catalog_data").rglob("*.efg"))
HORSE = next(p for p in CATALOG if p.endswith("selten1975/fig1.efg"))


def horse():
    # Player 1 and player 2 each pass (R) or stop; player 3 cannot tell which of them stopped
    g = gt.read_efg(HORSE)
    assert [h.player for h in g.infosets] == ["Player 1", "Player 2", "Player 3"]
    assert [len(h.nodes) for h in g.infosets] == [1, 1, 2]
    return g


# -- Selten's horse --------------------------------------------------------------------------------------
def test_horse_sequential_equilibria_are_exactly_the_pass_pass_family():
    g = horse()
    # player 3 plays L with probability p; believing player 2 stopped with probability mu
    for p, mu in [(1, F(2, 3)), (1, 1), (F(3, 4), F(2, 3)), (F(9, 10), F(2, 3))]:
        a = Assessment(g, ((1, 0), (1, 0), (1 - p, p)), ((1,), (1,), (mu, 1 - mu)))
        assert a.sequential_regret() == 0 and a.consistency().consistent and a.is_sequential_equilibrium()
    # player 3 must play L at least 3/4 (else player 2 stops), and believe player 2 stopped at least 2/3
    assert not Assessment(g, ((1, 0), (1, 0), (F(1, 3), F(2, 3))), ((1,), (1,), (F(2, 3), F(1, 3)))).is_sequential_equilibrium()
    assert Assessment(g, ((1, 0), (1, 0), (0, 1)), ((1,), (1,), (F(1, 2), F(1, 2)))).sequential_regret() == F(1, 2)


def test_horse_nash_equilibrium_that_is_not_sequential():
    g = horse()
    stop_first = ((0, 1), (1, 0), (1, 0))  # 1 stops at once, 2 would pass, 3 plays R
    assert nash_regret(g.flat, stop_first) == 0
    # player 3's set is reached, so Bayes fixes the beliefs; player 2 would gain 3 by stopping
    mu = bayes_beliefs(g.flat, stop_first)
    assert mu[2] == (0, 1)
    assert Assessment(g, stop_first, ((1,), (1,), mu[2])).sequential_regret() == 3
    # among the Nash equilibria listed, exactly those in the pass-pass family admit sequential beliefs
    for eq in nash_equilibria(g):
        assert eq.regret == 0
        b = eq.profile
        passes = b[0] == (1, 0) and b[1] == (1, 0)
        if not passes:
            # any beliefs where Bayes is silent: player 2's singleton is certain; try both extremes for player 3
            for guess in ((1, 0), (0, 1)):
                mu = tuple(m if m is not None else ((1,) if len(h.nodes) == 1 else guess)
                           for h, m in zip(g.infosets, bayes_beliefs(g.flat, b)))
                assert Assessment(g, b, mu).sequential_regret() > 0


def test_horse_logit_limit_is_an_exact_sequential_equilibrium():
    sol = logit_sequential_equilibrium(horse())
    assert sol.concept == "sequential" and sol.exact
    eq = sol[0]
    assert eq.profile[0] == (1, 0) and eq.profile[1] == (1, 0)
    assert Assessment(horse(), eq.profile, eq.beliefs).is_sequential_equilibrium()
    assert "Player 3" in eq.to_dict()["beliefs"]


# -- Kreps-Wilson consistency ---------------------------------------------------------------------------
def test_consistency_ties_beliefs_across_one_information_set():
    g = gt.read_efg(HORSE)
    # both passes vanish: player 3's beliefs are free
    for mu in [(0, 1), (1, 0), (F(1, 7), F(6, 7))]:
        assert kreps_wilson_consistency(g, ((1, 0), (1, 0), (1, 0)), ((1,), (1,), mu)).consistent
    # 1 stops surely: Bayes' rule applies and forces player 3's beliefs
    assert not kreps_wilson_consistency(g, ((0, 1), (1, 0), (1, 0)), ((1,), (1,), (F(1, 2), F(1, 2)))).consistent


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hidden_information_games(players=("A", "B")))
def test_bayes_beliefs_of_completely_mixed_play_are_consistent(game):
    b = uniform_behaviour(game.flat)
    mu = bayes_beliefs(game.flat, b)
    assert all(m is not None for m in mu)
    assert kreps_wilson_consistency(game, b, mu).consistent
    # moving weight off Bayes' rule at a reached set with two or more nodes is inconsistent
    for k, m in enumerate(mu):
        if len(m) > 1 and m[0] != 1:
            bad = list(mu)
            bad[k] = (F(1),) + (F(0),) * (len(m) - 1)
            assert not kreps_wilson_consistency(game, b, bad).consistent
            break


# -- beer-quiche --------------------------------------------------------------------------------------
def test_beer_quiche_two_families_only_beer_survives_the_intuitive_criterion():
    sol = perfect_bayesian_equilibria(beer_quiche())
    assert sol.complete
    fams = sol.families()
    assert [dict(k) for k in fams] == [{"strong": ("Beer",), "weak": ("Beer",)},
                                       {"strong": ("Quiche",), "weak": ("Quiche",)}]
    beer, quiche = fams.values()
    assert all(c.intuitive for c in beer) and not any(c.intuitive for c in quiche)
    assert all(c.kind == "pooling" for c in sol)
    # off the path of quiche-pooling, beer is met by a duel believing the sender weak with probability >= 1/2
    pure = next(c for c in quiche if c.uses["Beer"] == ("Duel",))
    assert pure.off_path["Beer"].interval == ("weak", F(1, 2), 1)
    assert "equilibrium-dominated for weak" in pure.intuitive_reason
    # D1 keeps only beer-pooling with a sure duel after quiche
    assert [(dict(c.sends), c.uses["Quiche"]) for c in sol if c.d1] == [
        ({"strong": ("Beer",), "weak": ("Beer",)}, ("Duel",))]
    for c in sol:
        eq = c.representative
        assert Assessment(beer_quiche(), eq.profile, eq.beliefs).is_sequential_equilibrium()
        assert eq.payoffs[0] == F(9, 10) * c.payoffs["strong"] + F(1, 10) * c.payoffs["weak"]


def test_perfect_bayesian_equilibria_refuses_other_trees():
    with pytest.raises(NotSupportedError, match="not a signalling game"):
        perfect_bayesian_equilibria(horse())


# -- the Article 5 resolve game: the challenge threshold on the prior -----------------------------------
def resolve(prior, war_cost=2):
    def pay(t, m, r):
        if m == "Hold":
            return 0, 0
        if r == "Stand aside":
            return 2, -1
        return (F(1, 2), -war_cost) if t == "resolute" else (-1, 1)

    return signalling_game("Russia", "NATO", {"resolute": prior, "irresolute": 1 - F(prior)}, ["Test", "Hold"],
                           {"Test": ["Invoke Article 5", "Stand aside"], "Hold": []}, pay)


@pytest.mark.parametrize("war_cost", [2, 3])
def test_resolve_game_challenge_threshold_is_exact(war_cost):
    threshold = F(2, 1 + war_cost)  # NATO defends iff P(resolute | test) <= (1 + 1) / (1 + war_cost)
    below, at, above = threshold - F(1, 20), threshold, threshold + F(1, 20)
    lo = perfect_bayesian_equilibria(resolve(below, war_cost))
    assert [c.kind for c in lo] == ["semi-separating"]
    eq = lo[0].representative
    # the irresolute type bluffs so that NATO's posterior is exactly the threshold; NATO defends with 2/3
    assert eq.beliefs[1] == (threshold, 1 - threshold)
    assert eq.profile[1] == (F(2, 3), F(1, 3))
    hi = perfect_bayesian_equilibria(resolve(above, war_cost))
    assert [(c.kind, c.messages(), c.uses["Test"]) for c in hi] == [
        ("pooling", {"resolute": "Test", "irresolute": "Test"}, ("Stand aside",))]
    edge = perfect_bayesian_equilibria(resolve(at, war_cost))
    assert all(c.kind == "pooling" for c in edge) and len(edge) >= 1


def test_resolve_game_file_matches_the_constructor(tmp_path):
    from test_extensive import load_text, readme_composition

    game = load_text(readme_composition(), tmp_path)
    sol = perfect_bayesian_equilibria(game)
    assert [c.kind for c in sol] == ["semi-separating"]
    assert sol[0].representative.profile == gt.solve(game)[0].profile


# -- the logit QRE limit on every catalog tree with perfect recall --------------------------------------
@pytest.mark.parametrize("path", [p for p in CATALOG if gt.read_efg(p).perfect_recall],
                         ids=[Path(p).stem for p in CATALOG if gt.read_efg(p).perfect_recall])
def test_logit_limit_on_the_catalog_is_verified(path):
    game = gt.read_efg(path)
    sol = logit_sequential_equilibrium(game)
    eq = sol[0]
    if sol.exact:
        assert sol.concept == "sequential" and eq.regret == 0
        assert Assessment(game, eq.profile, eq.beliefs).is_sequential_equilibrium()
    else:
        assert sol.concept == "logit QRE limit" and eq.regret < 1e-6
