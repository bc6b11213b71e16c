"""Composition files: the [composition] format, its errors, and the bundled negotiation scenario."""

from __future__ import annotations

import re
from fractions import Fraction as F

import pytest
from pathlib import Path

from gametheory.errors import SpecError
from gametheory.io.spec import load, load_spec, loads
from gametheory.sequential import (
    SequentialGame,
    Stage,
    one_shot_regret,
    reduced_normal_form,
    scenario_report,
    subgame_perfect_equilibria,
)

HEAD = '''
title = "t"
[parameters.cost]
default = 1
range = [0, 3]
meaning = "a cost"
'''

ENTRY = HEAD + '''
[composition]
root = "entry"
[composition.nodes.entry]
kind = "decision"
player = "Entrant"
[[composition.nodes.entry.actions]]
action = "Out"
payoffs = { Entrant = 0, Incumbent = 2 }
[[composition.nodes.entry.actions]]
action = "In"
next = "reply"
[composition.nodes.reply]
kind = "decision"
player = "Incumbent"
[[composition.nodes.reply.actions]]
action = "Fight"
payoffs = { Entrant = "-cost", Incumbent = "-cost" }
[[composition.nodes.reply.actions]]
action = "Cooperate"
payoffs = { Entrant = 1, Incumbent = "1/2" }
'''


def test_composition_builds_and_passes_parameters():
    game = loads(ENTRY)
    assert isinstance(game, SequentialGame) and game.exact
    sol = subgame_perfect_equilibria(game)
    assert [eq.strategy() for eq in sol] == [{"/": {"Entrant": "In"}, "/In": {"Incumbent": "Cooperate"}}]
    # a high enough cost of fighting changes nothing (fighting hurts the incumbent too)
    assert subgame_perfect_equilibria(loads(ENTRY, {"cost": 3}))[0].payoffs == (1, F(1, 2))
    with pytest.raises(SpecError, match="outside the declared range"):
        loads(ENTRY, {"cost": 9})


@pytest.mark.parametrize("change, message", [
    (('next = "reply"', 'next = "nowhere"'), r"composition.nodes.entry.actions\[1\].next: unknown node 'nowhere'"),
    (('action = "Fight"\npayoffs = { Entrant = "-cost", Incumbent = "-cost" }', 'action = "Fight"\nnext = "entry"'),
     "cycle: entry -> reply -> entry"),
    (('kind = "decision"\nplayer = "Incumbent"', 'kind = "dance"\nplayer = "Incumbent"'), "expected one of stage"),
    (('payoffs = { Entrant = 1, Incumbent = "1/2" }', 'payoffs = { Entrant = "1/0", Incumbent = 1 }'), "division by zero|divid"),
    (('payoffs = { Entrant = 1, Incumbent = "1/2" }', 'payoffs = { Entrant = "__import__", Incumbent = 1 }'), "Entrant"),
    (('action = "Out"', 'action = "In"'), "duplicate action 'In'"),
    (('action = "Out"\npayoffs', 'action = "Out"\nnext = "reply"\npayoffs'), "either next"),
])
def test_composition_errors_name_the_key(change, message):
    old, new = change
    assert old in ENTRY
    with pytest.raises(SpecError, match=message):
        loads(ENTRY.replace(old, new, 1))


def test_unreachable_node_is_an_error():
    text = ENTRY + '\n[composition.nodes.orphan]\nkind = "terminal"\npayoffs = { Entrant = 1 }\n'
    with pytest.raises(SpecError, match="not reachable from the root: orphan"):
        loads(text)


#: A normal-form fixture (the first, table version of the resource deal) played as a stage.
LEGACY_DEAL = (Path(__file__).resolve().parent / "data" / "legacy" / "resource_deal.toml").as_posix()

STAGE = HEAD + '''
[composition]
root = "frame"
[composition.nodes.frame]
kind = "stage"
game = "LEGACY_DEAL"
params = { share = "cost / 3" }
[[composition.nodes.frame.outcomes]]
profile = ["Back Ukraine", ["Sign as proposed", "Sign for guarantees"]]
next = "after"
says = "a deal with US backing"
[[composition.nodes.frame.outcomes]]
profile = ["*", "*"]
payoffs = { Ukraine = -1 }
[composition.nodes.after]
kind = "decision"
player = "Ukraine"
[[composition.nodes.after.actions]]
action = "Celebrate"
payoffs = { Ukraine = 1 }
'''.replace("LEGACY_DEAL", LEGACY_DEAL)


def test_stage_from_a_bundled_sub_game_with_grouped_outcomes():
    game = loads(STAGE)
    stage = game.root
    assert isinstance(stage, Stage) and stage.players == ("US", "Ukraine")
    # share = cost/3 = 1/3 was passed down to the sub-game
    assert stage.game[("Walk away", "Sign as proposed")][0] == 4 * F(1, 3) - F(1, 2)
    assert stage.child_index == (0, 0, 1, 1, 1, 1)
    sol = subgame_perfect_equilibria(game)
    assert sol.exact and sol.complete
    for eq in sol:
        assert eq.regret == 0
    rnf = reduced_normal_form(game)
    from gametheory.sequential import reduced_strategy_profile

    for eq in sol:
        assert max(rnf.regret(reduced_strategy_profile(game, eq))) == 0
    # the composition's says narrates its grouped outcomes; the sub-game's own says the rest
    from gametheory.extensive.result import _stage_text

    assert _stage_text(stage, 0) == "a deal with US backing" == _stage_text(stage, 1)
    assert _stage_text(stage, 5).startswith("Ukraine refuses the deal and the US withdraws support")


@pytest.mark.parametrize("old, new, message", [
    ('profile = ["*", "*"]', 'profile = ["*", "Maybe"]', "'Maybe' is not a strategy of Ukraine"),
    ('profile = ["*", "*"]', 'profile = ["*"]', "expected one entry per player"),
    ('share = "cost / 3"', 'bogus = 1', "has no parameter 'bogus'"),
    ('share = "cost / 3"', 'share = "cost * 3"', "outside the declared range"),
    (f'game = "{LEGACY_DEAL}"', 'game = "no_such_game"', "cannot load sub-game"),
])
def test_stage_errors(old, new, message):
    assert old in STAGE
    with pytest.raises(SpecError, match=message):
        loads(STAGE.replace(old, new, 1))


def test_unmapped_stage_outcomes_are_reported():
    text = STAGE.replace('[[composition.nodes.frame.outcomes]]\nprofile = ["*", "*"]\npayoffs = { Ukraine = -1 }\n', "")
    with pytest.raises(SpecError, match=r"outcomes not mapped: \(Back Ukraine, Hold out\)"):
        loads(text)


# -- the bundled scenario ------------------------------------------------------------------------


def test_negotiations_scenario_solves_and_every_equilibrium_is_certified():
    from gametheory import solve
    from gametheory.extensive.assessment import Assessment

    game = load("negotiations")
    assert game.players == ("US", "Russia", "Ukraine", "Europe", "EU")
    sol = solve(game)
    assert sol.concept == "sequential" and sol.complete and sol.exact and len(sol) == 1
    for eq in sol:
        assert eq.regret == 0
        assert sum(p for _, p in eq.stories()) == 1
        behaviour = [tuple(v) for v in eq.profile]
        assert Assessment(game, behaviour, eq.belief_system()).is_sequential_equilibrium()
        # the first moves are the resource deal: Ukraine signs, the US answers
        assert set(eq.strategy()["/"]) == {"Ukraine"}
    d = sol.to_dict()
    assert all({"profile", "payoffs", "path", "strategy", "beliefs"} <= set(e) for e in d["equilibria"])


def test_scenario_assumption_register_quotes_every_brief_assumption():
    quoted = [a for a in load_spec("negotiations").assumptions if a.basis == "brief"]
    assert len(quoted) >= 6
    assert all(a.quote and a.why for a in quoted)


def test_scenario_assumption_register_quotes_the_brief_verbatim(brief_text):
    for a in load_spec("negotiations").assumptions:
        if a.basis == "brief":
            assert a.quote in brief_text, a.id


def test_scenario_report_gives_the_headline_then_every_equilibrium():
    from gametheory.sequential.outcomes import equilibrium_outcomes

    text = scenario_report()
    out = equilibrium_outcomes(load("negotiations"))
    assert out.headline() in text and text.index(out.headline()) < text.index("Every equilibrium")
    assert "SPE 1: expected payoffs" in text and "Assumption register" in text and "why: " in text
    assert re.search(r"play \(probability [0-9/]+\): Ukraine signs", text)


def test_scenario_exports_to_an_efg_that_pygambit_reads_with_the_same_spe_payoffs():
    import io

    gbt = pytest.importorskip("pygambit")
    from test_sequential import gambit_profile

    from gametheory import write_efg

    game = load("negotiations")
    efg = gbt.read_efg(io.StringIO(write_efg(game)))
    players = {p.label: p for p in efg.players}
    assert set(players) == set(game.players)
    from gametheory import solve

    for eq in solve(game):
        prof = gambit_profile(gbt, efg, game, eq.profile)
        # (pygambit's max_regret on this 4-player tree exhausts memory; the small
        # composed games of test_sequential.py are checked with it)
        assert [F(str(prof.payoff(players[p]))) for p in game.players] == list(eq.payoffs)
