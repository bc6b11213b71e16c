"""Issue 13's "must show": the bundled models' results hold up when checked independently.

* Every equilibrium reported for a bundled tree (and for a composition of normal-form stages) is
  subgame perfect in the tree with every stage expanded into its decisions, and, where the hidden
  information is nature's, sequentially rational with its beliefs there: no equilibrium rests on a
  move a player would not make.
* Every key parameter of every bundled game changes the equilibrium outcome somewhere in its
  declared range; every region the thresholds report is solved directly at its witness point (the
  solver raises if the parametric pass and the direct solve disagree), and again at a second
  rational point inside it.
* `gametheory solve negotiations` prints the headline first, and the result is complete.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

import gametheory as gt
from gametheory import library
from gametheory.cli import main
from gametheory.extensive.assessment import sequential_rationality_regret
from gametheory.extensive.behaviour import subgame_regret
from gametheory.extensive.expand import expand_stages
from gametheory.extensive.nature import _beliefs
from gametheory.sequential.outcomes import equilibrium_outcomes
from gametheory.sequential.regions import outcome_thresholds

LEGACY = Path(__file__).resolve().parent / "data" / "legacy"
TREES = [n for n in library.names() if library.spec(n).composition is not None]


def _check_expanded(game, sol):
    ex = expand_stages(game)
    for eq in sol:
        behaviour = ex.behaviour(eq)
        assert subgame_regret(ex.game.flat, behaviour) == 0
        if not ex.game.subgame_at_every_position:  # hidden draws of nature: sequentially rational too
            assert sequential_rationality_regret(ex.game, behaviour, _beliefs(ex.game, behaviour)) == 0
    return ex


@pytest.mark.parametrize("name", [n for n in TREES if n != "negotiations"])
def test_every_equilibrium_of_a_sub_game_is_subgame_perfect_with_stages_expanded(name):
    game = gt.load(name)
    sol = gt.solve(game)
    assert sol.complete and len(sol) >= 1
    _check_expanded(game, sol)


def test_a_composition_of_normal_form_stages_expands_to_the_same_subgame_perfect_equilibria():
    """The first version of the scenario played its sub-games as normal-form stages; every SPE the
    stage solver reports is subgame perfect in the tree with the stages expanded."""
    game = gt.load(LEGACY / "negotiations.toml")
    sol = gt.solve(game)
    ex = _check_expanded(game, sol)
    assert any(isinstance(p.node, gt.sequential.Stage) for p in game.positions)
    assert not any(isinstance(p.node, gt.sequential.Stage) for p in ex.game.positions)


@pytest.mark.slow
def test_the_scenario_re_solved_with_every_stage_expanded():
    """The composed scenario: its sub-games are included as trees (the sequences the brief
    describes); expanding any stage leaves a tree where every reported equilibrium is subgame
    perfect and sequentially rational given its beliefs."""
    game = gt.load("negotiations")
    sol = gt.solve(game)
    assert sol.concept == "sequential" and sol.complete and len(sol) == 1
    _check_expanded(game, sol)


# -- thresholds: every key parameter matters, every region checked --------------------------------------
def _second_witness(region):
    lo, hi = region.low, region.high
    if region.point or not (isinstance(lo, Fraction) and isinstance(hi, Fraction)):
        return None
    w = lo + (hi - lo) / 3
    return w if w != region.witness else lo + (hi - lo) * 2 / 3


def _check_regions(name, parameter, second=True):
    th = outcome_thresholds(name, parameter)  # each region solved directly at its witness (raises if not equal)
    assert th.values, f"{name}: the key parameter {parameter} changes no equilibrium outcome in its range"
    for r in th.regions if second else ():
        w = _second_witness(r)
        if w is None:
            continue
        again = equilibrium_outcomes(gt.load(name, {parameter: w}))
        assert again.total == r.total and len(again.groups) == len(r.outcomes), (name, parameter, str(w))
        assert sorted(g.count for g in again.groups) == sorted(o[2] for o in r.outcomes)
    return th


@pytest.mark.parametrize("name,parameter", [(n, p) for n in TREES if n != "negotiations"
                                            for p in library.spec(n).key_parameters])
def test_each_key_parameter_of_a_sub_game_changes_the_outcome_and_every_region_is_confirmed(name, parameter):
    _check_regions(name, parameter)


@pytest.mark.slow
@pytest.mark.parametrize("parameter", library.spec("negotiations").key_parameters)
def test_each_key_parameter_of_the_scenario_changes_the_outcome_and_every_region_is_confirmed(parameter):
    _check_regions("negotiations", parameter, second=False)  # one direct solve per region: 8,608 positions


@pytest.mark.parametrize("parameter", library.spec("cosenders").key_parameters)
def test_each_key_parameter_of_the_normal_form_game_changes_the_equilibria_and_every_region_is_confirmed(parameter):
    from gametheory.symbolic import symbolic_game, thresholds

    th = thresholds(symbolic_game("cosenders"), parameter)
    assert th.values
    for _, piece in th.pieces():
        if hasattr(piece, "value"):
            w = Fraction(str(piece.value))
        else:
            lo = Fraction(str(piece.low)) if piece.low is not None else Fraction(0)
            hi = Fraction(str(piece.high)) if piece.high is not None else lo + 2
            w = (lo + hi) / 2
        direct = gt.solve(gt.load("cosenders", {parameter: w}))
        assert len(direct.equilibria) == len(piece.equilibria), (parameter, str(w))


# -- the headline ------------------------------------------------------------------------------------------
def test_solve_negotiations_prints_the_headline_first_and_is_complete(capsys):
    assert main(["solve", "negotiations"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "1 sequential equilibrium (complete, exact), 1 equilibrium outcome:"
    assert out[1].startswith("  outcome 1 (equilibrium 1): Ukraine signs a deal giving the US 50% of the revenue")
    # under which conditions: the parameters it holds at, and where to see it change, before the detail
    assert out[2].startswith("  Conditions: every parameter at its default. Where the outcome changes with credibility")
    assert "gametheory solve negotiations --symbolic" in " ".join(out[2:5])
    assert out.index(next(line for line in out if line.startswith("Detail: "))) > 2
    assert any(line.startswith("Detail: ") for line in out)
    out = equilibrium_outcomes(gt.load("negotiations"))
    assert out.complete and out.total == 1
