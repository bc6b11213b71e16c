"""The bundled games: they load, validate and solve; the assumption register quotes the brief
verbatim; the models behave as their descriptions say; the README is current; the wheel ships them."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import zipfile
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import gametheory as gt
from gametheory import library, solve
from gametheory.io.spec import loads_spec

REPO = Path(__file__).resolve().parents[1]
FOUR = ("nato_membership", "sanctions", "troop_mission", "resource_deal")
TREES = FOUR + ("negotiations",)


@pytest.fixture(scope="module")
def brief(brief_text) -> str:
    return brief_text


def test_names_are_the_four_sub_games_the_scenario_and_the_cosenders():
    assert set(TREES) | {"cosenders"} == set(library.names())
    assert library.names() == sorted(library.names())
    for name in FOUR:
        assert library.path(name).name == f"{name}.toml"
        assert library.path(f"{name}.toml") == library.path(name)


@pytest.mark.parametrize("name", FOUR)
def test_each_sub_game_loads_validates_and_solves(name):
    from gametheory.sequential.outcomes import equilibrium_outcomes

    spec = library.spec(name)
    game = library.load(name)
    assert isinstance(game, gt.ExtensiveGame) and game.exact
    assert spec.metadata.description.strip() and spec.key_parameters and spec.sources
    out = equilibrium_outcomes(game)
    assert out.complete and out.total >= 1
    for g in out.groups:
        assert g.representative.regret == 0 and g.story()
    assert spec.assumption_violations() == []


@pytest.mark.parametrize("name", library.names())
def test_every_default_has_a_source(name, brief):
    """Defaults are quoted from the brief or marked as modelling choices."""
    for p in library.spec(name).parameters:
        assert p.meaning and p.low <= p.default <= p.high
        assert p.source, f"{name}: parameter {p.name} has no source"
        assert p.source.startswith(("brief: ", "modelling choice")), p.source
        if p.source.startswith("brief: "):
            quoted = p.source[len("brief: "):].split(" (")[0]
            assert quoted in brief, f"{name}: {p.name}: {quoted!r} is not in the brief"


@pytest.mark.parametrize("name", library.names())
def test_register_quotes_the_brief_verbatim_and_says_why(name, brief):
    spec = library.spec(name)
    for a in spec.assumptions:
        if a.basis == "brief":
            assert a.quote and a.quote in brief, f"{name} {a.id}: quote is not verbatim from the brief: {a.quote!r}"
            assert a.why and len(a.why) < 160, f"{name} {a.id}: the register says why in one line"
        else:
            assert a.basis == "modelling choice"
            if a.quote:
                assert a.quote in brief
    assert {a.player for a in spec.assumptions} == set(spec.players), f"{name}: a player without an assumption"
    assert any(a.prefers is not None for a in spec.assumptions), f"{name}: no machine-checked preference"


@pytest.mark.parametrize("name", FOUR)
def test_each_valued_file_declares_one_scale_per_player(name):
    spec = library.spec(name)
    value = spec.composition["value"]
    assert set(value) == set(spec.players)
    scales = [a for a in spec.assumptions if a.statement.startswith("One scale for")]
    assert {a.player for a in scales} == set(spec.players)


@pytest.mark.parametrize("name", TREES)
def test_every_move_is_narrated(name):
    spec = library.spec(name)
    for node_name, node in spec.composition["nodes"].items():
        for edge in node.get("actions", []):
            assert edge.get("says"), f"{name}: {node_name}: action {edge['action']!r} has no sentence"
        if node.get("kind") == "stage":  # pragma: no cover - the bundled trees have no stages
            for edge in node.get("outcomes", []):
                assert edge.get("says")


# -- the models behave as their descriptions say (claims checked across parameter regions) -------------
def _paths(name, params=None):
    from gametheory.sequential.outcomes import equilibrium_outcomes

    return [g.story() for g in equilibrium_outcomes(library.load(name, params)).groups]


def test_nato_commitment_problem_and_the_declaration():
    """A declaration works only when Russia, settling for the four regions, values the neutrality it
    buys above fighting on: credibility > (p_war + shift war_block - war_cost - regions) / shift; the US
    prefers it to constitutional neutrality only while it concedes less: credibility < constitution."""
    from gametheory.sequential.regions import outcome_thresholds

    spec = library.spec("nato_membership")
    v = spec.parameter_values()
    low = (v["p_war"] + v["shift"] * v["war_block"] - v["war_cost"] - v["regions"]) / v["shift"]
    th = outcome_thresholds("nato_membership", "credibility", solve_regions=False)
    assert th.values == (low, v["constitution"]) == (Fraction(23, 54), Fraction(2, 3))
    assert "neutrality treaty" in _paths("nato_membership", {"credibility": low / 2})[0]
    assert "declares" in _paths("nato_membership", {"credibility": (low + v["constitution"]) / 2})[0]
    # fighting on is how Russia resists an open door
    assert "Russia fights on" in _paths("nato_membership", {"war_cost": 0, "credibility": 0, "constitution": 0})[0]


def test_sanctions_relief_and_snap_back():
    # unconditional relief that the EU also lets lapse invites a resumed war when relief is worth little
    assert "Russia rebuilds and resumes the war" not in _paths("sanctions")[0]
    weak = _paths("sanctions", {"relief": "1/10"})[0]
    assert "conditional" in weak  # the US makes relief conditional: snap-back deters
    # state is carried: resuming after conditional relief loses it (relief snaps back)
    game = library.load("sanctions")
    ends = {game.history(p.index): dict(p.node.outcome) for p in game.positions if getattr(p.node, "outcome", None)}
    cond = ends[("Conditional relief", "Renew", "Resume the war")]
    assert cond["us_relief"] == 0 and cond["eu_relief"] == 0 and cond["war"] == 1
    free = ends[("Lift sanctions now", "Block renewal", "Resume the war")]
    assert free["us_relief"] == 1 and free["eu_relief"] == 1


def test_troop_mission_needs_a_european_tripwire_that_fights():
    from gametheory.sequential.regions import outcome_thresholds

    th = outcome_thresholds("troop_mission", "reputation", solve_regions=False)
    assert Fraction(2) in th.values  # Europe defends exactly when withdrawing costs more than fighting
    game = library.load("troop_mission")
    ends = [dict(p.node.outcome) for p in game.positions if getattr(p.node, "outcome", None)]
    withdrawn = [o for o in ends if o["withdrawn"] == 1]
    assert withdrawn and all(o["war"] == 1 for o in withdrawn)  # a withdrawal is charged the war's damage


def test_resource_deal_trust_game():
    assert _paths("resource_deal")[0].startswith("Ukraine signs a deal giving the US 50% of the revenue against")
    as_proposed = library.load("resource_deal")
    from gametheory.sequential.outcomes import equilibrium_outcomes

    rep = equilibrium_outcomes(as_proposed).groups[0].representative
    # after a deal signed as proposed the US walks away (off the path, but in every equilibrium)
    assert rep.strategy()["/Sign as proposed"]["US"] == "Walk away"
    # the narration follows the share
    assert "25% of the revenue" in " ".join(_paths("resource_deal", {"share": "1/4"}))


# -- comparison with pygambit on the normal-form game ---------------------------------------------------
def test_cosenders_equilibria_agree_with_pygambit():
    gbt = pytest.importorskip("pygambit")
    game = library.load("cosenders")
    G = gbt.Game.from_arrays(np.array(game.payoffs[0], dtype=object), np.array(game.payoffs[1], dtype=object))
    theirs = set()
    for e in gbt.nash.enummixed_solve(G, rational=True).equilibria:
        theirs.add(tuple(tuple(Fraction(str(e[s])) for s in p.strategies) for p in G.players))
    ours = {tuple(tuple(v) for v in eq.profile) for eq in solve(game)}
    assert ours == theirs and len(ours) == 3


# -- games/README.md --------------------------------------------------------------------------------------
def test_readme_equilibria_are_current():
    assert not library.update_readme(REPO / "games" / "README.md", check=True), (
        "games/README.md is stale: run `python -m gametheory.library --readme`"
    )


def test_readme_example_is_a_valid_game(brief):
    text = (REPO / "games" / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", text, re.S)
    assert block
    spec = loads_spec(block.group(1), file="README example")
    assert spec.build().shape == (2, 2)
    assert all(a.quote in brief for a in spec.assumptions if a.quote)
    # the valued tree example in the README loads and solves as it says
    blocks = re.findall(r"```toml\n(.*?)```", text, re.S)
    valued = [b for b in blocks if "[composition.state" in b]
    assert valued, "the README shows a valued composition"
    from gametheory.io.spec import loads

    sol = gt.solve(loads(valued[0]))
    assert len(sol) == 1 and "conditional" in sol[0].narrative() and "complies" in sol[0].narrative()


def test_update_readme_rewrites_only_the_generated_section(tmp_path):
    f = tmp_path / "README.md"
    f.write_text(f"# head\n\n{library.BEGIN}\nSTALE-TEXT\n{library.END}\ntail\n", encoding="utf-8")
    assert library.update_readme(f, check=True)
    assert "STALE-TEXT" in f.read_text()
    assert library.update_readme(f)
    text = f.read_text()
    assert text.startswith("# head\n") and text.endswith("tail\n") and "STALE-TEXT" not in text
    assert "sanctions" in text and not library.update_readme(f)
    g = tmp_path / "bad.md"
    g.write_text("no markers")
    with pytest.raises(gt.SpecError, match="markers"):
        library.update_readme(g)


def test_library_main(capsys):
    assert library._main([]) == 0
    assert "sanctions" in capsys.readouterr().out
    assert library._main(["--check"]) == 0


# -- installed wheel ---------------------------------------------------------------------------------------
def test_search_path_prefers_the_installed_copy(tmp_path, monkeypatch):
    installed = tmp_path / "_games"
    installed.mkdir()
    (installed / "only_here.toml").write_text(library.path("cosenders").read_text(encoding="utf-8"))
    monkeypatch.setattr(library, "SEARCH_PATH", (installed, REPO / "games"))
    assert library.names() == ["only_here"]
    assert library.load("only_here").players == ("US", "EU")
    monkeypatch.setattr(library, "SEARCH_PATH", (tmp_path / "nope", tmp_path / "nada"))
    with pytest.raises(gt.SpecError, match="bundled games are missing"):
        library.names()


def test_wheel_ships_the_games_and_they_load(tmp_path):
    pytest.importorskip("hatchling")
    out = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path / "dist")],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    wheel = next((tmp_path / "dist").glob("*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        for game in TREES + ("cosenders",):
            assert f"gametheory/_games/{game}.toml" in names
        z.extractall(tmp_path / "site")
    code = (
        "import gametheory, gametheory.library as L; "
        "assert L.games_dir().name == '_games', L.games_dir(); "
        "print(L.names(), gametheory.load('cosenders').shape, gametheory.load('negotiations').num_positions > 1000)"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert "'troop_mission'" in run.stdout and "(2, 2) True" in run.stdout


# -- one scale across the files, and no unreachable parameters --------------------------------------------
def test_the_scenario_passes_every_sub_game_parameter_with_the_same_declaration():
    scenario = library.spec("negotiations")
    mine = {p.name: p for p in scenario.parameters}
    for name in FOUR:
        for p in library.spec(name).parameters:
            assert p.name in mine, f"{name}.{p.name} is not reachable from the scenario"
            q = mine[p.name]
            assert (q.default, q.low, q.high, q.meaning, q.source) == (p.default, p.low, p.high, p.meaning, p.source), \
                f"{name}.{p.name} is declared differently in the scenario"


@pytest.mark.parametrize("name", FOUR)
def test_each_sub_game_values_outcomes_on_the_scenarios_scale(name):
    """A sub-game's scale is the scenario's, with the attributes it does not have at their initial values, up
    to a constant (a change of units is admissible; what matters is how outcomes are compared)."""
    import sympy

    from gametheory.io.expressions import parse_expression, to_sympy

    scenario, sub = library.spec("negotiations"), library.spec(name)
    attrs = scenario.composition["state"]
    names = set(scenario.parameter_names) | set(attrs)
    symbols = {n: sympy.Symbol(n) for n in names}
    absent = {symbols[a]: to_sympy(parse_expression(str(body["initial"]), tuple(names)), symbols)
              for a, body in attrs.items() if a not in sub.composition["state"]}
    for player, text in sub.composition["value"].items():
        theirs = to_sympy(parse_expression(text, tuple(names)), symbols)
        ours = to_sympy(parse_expression(scenario.composition["value"][player], tuple(names)), symbols)
        diff = sympy.expand(ours.xreplace(absent) - theirs)
        assert not (diff.free_symbols & {symbols[a] for a in attrs}), f"{name}: {player}'s scale differs by {diff}"
