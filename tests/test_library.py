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


@pytest.fixture(scope="module")
def brief(brief_text) -> str:
    return brief_text


def test_names_are_the_four_sub_games():
    assert set(FOUR) <= set(library.names())
    assert library.names() == sorted(library.names())
    for name in FOUR:
        assert library.path(name).name == f"{name}.toml"
        assert library.path(f"{name}.toml") == library.path(name)


@pytest.mark.parametrize("name", FOUR)
def test_each_game_loads_validates_and_solves(name):
    spec = library.spec(name)
    game = library.load(name)
    assert game == spec.build() == gt.load(name)
    assert game.exact
    assert all(2 <= n <= 4 for n in game.shape), "small enough to read: 2-4 strategies per player"
    assert spec.metadata.description.strip() and spec.key_parameters and spec.sources
    for p in spec.parameters:
        assert p.meaning and p.low <= p.default <= p.high
    sol = solve(game)
    assert len(sol) >= 1
    for eq in sol:
        assert game.is_equilibrium(eq.profile)
        assert eq.regret == 0
        assert spec.narrate(eq)
    assert spec.assumption_violations() == []


@pytest.mark.parametrize("name", FOUR)
def test_register_quotes_the_brief_verbatim_for_every_player(name, brief):
    spec = library.spec(name)
    quoted_players = set()
    for a in spec.assumptions:
        if a.basis == "brief":
            assert a.quote and a.quote in brief, f"{name} {a.id}: quote is not verbatim from the brief: {a.quote!r}"
            quoted_players.add(a.player)
        else:
            assert a.basis == "modelling choice"
            if a.quote:
                assert a.quote in brief
    assert quoted_players == set(spec.players), f"{name}: players without a quote: {set(spec.players) - quoted_players}"
    # every player's preferences are machine-checked somewhere
    checked = {a.player for a in spec.assumptions if a.prefers is not None}
    assert checked == set(spec.players)


@pytest.mark.parametrize("name", FOUR)
def test_every_outcome_is_narrated(name):
    spec = library.spec(name)
    described = {o.profile for o in spec.outcomes if o.says}
    assert described == set(itertools.product(*spec.strategies))
    assert spec.mixed_narration


def pure_equilibria_set(name, params=None):
    game = library.load(name, params)
    return {tuple(game.strategies[i][s[0]] for i, s in enumerate(eq.supports)) for eq in solve(game) if eq.pure}


# -- the models behave as their descriptions say (claims checked across parameter regions) -------------
def test_nato_commitment_problem():
    eqs = pure_equilibria_set("nato_membership")
    assert ("Neutrality treaty", "Cease if treaty") in eqs
    assert not any(us == "Declaration" for us, _ in eqs)  # a revocable declaration does not suffice
    # a credible declaration (credibility > 1 - war_cost/shift = 1/3) is enough
    assert ("Declaration", "Cease if declaration") in pure_equilibria_set("nato_membership", {"credibility": "1/2"})
    # a costly treaty (concession > 4): the US keeps the door open and war goes on
    eqs = pure_equilibria_set("nato_membership", {"concession": "9/2"})
    assert eqs and all(us == "Open door" for us, _ in eqs)
    # war is costlier than the shift: Russia ceases even with an open door
    assert ("Open door", "Cease regardless") in pure_equilibria_set("nato_membership", {"war_cost": 4})


def test_sanctions_stag_hunt_and_inspection_logic():
    eqs = pure_equilibria_set("sanctions")
    assert ("Keep leverage", "Keep leverage", "Comply") in eqs
    assert ("Lift now", "Lift now", "Violate") in eqs
    # a US that values early relief above leverage: no pure equilibrium with compliance
    assert not any(r == "Comply" for *_, r in pure_equilibria_set("sanctions", {"us_gain": 2}))
    # weak coordinated pressure (relief < war_gain - pressure): Russia violates whatever the senders do
    assert not any(r == "Comply" for *_, r in pure_equilibria_set("sanctions", {"pressure": 0}))


def test_troop_mission_needs_a_credible_backstop():
    good = ("Deploy tripwire", "Respect", "Back mission")
    assert good in pure_equilibria_set("troop_mission")
    assert good not in pure_equilibria_set("troop_mission", {"backstop": "1/5"})  # below 1/4
    assert good not in pure_equilibria_set("troop_mission", {"us_value": -1})
    assert good in pure_equilibria_set("troop_mission", {"backstop": "1/5", "war_cost": 3})  # 3 + 4/5 > 3


def test_resource_deal_trust_game():
    eqs = pure_equilibria_set("resource_deal")
    assert eqs == {("Back Ukraine", "Sign for guarantees"), ("Walk away", "Sign as proposed")}
    # the US share must cover the cost of support (4 * share > support_cost)
    assert ("Back Ukraine", "Sign for guarantees") not in pure_equilibria_set("resource_deal", {"share": "1/4"})
    # if the US stake exceeds its cost of support, even an unconditional deal keeps the US engaged
    assert ("Walk away", "Sign as proposed") not in pure_equilibria_set("resource_deal", {"stake": 2})
    # holding out is never a best reply of Ukraine
    g = library.load("resource_deal")
    assert all("Hold out" not in g.best_responses("Ukraine", {"US": s}) for s in g.strategies[0])


# -- comparison with pygambit on the two-player games ---------------------------------------------------
@pytest.mark.parametrize("name", ["nato_membership", "resource_deal"])
def test_pure_equilibria_agree_with_pygambit(name):
    gbt = pytest.importorskip("pygambit")
    game = library.load(name)
    G = gbt.Game.from_arrays(
        np.array(game.payoffs[0], dtype=object), np.array(game.payoffs[1], dtype=object)
    )
    theirs = set()
    for e in gbt.nash.enummixed_solve(G, rational=True).equilibria:
        prof = [[Fraction(str(e[s])) for s in p.strategies] for p in G.players]
        if all(sorted(v)[-1] == 1 for v in prof):
            theirs.add(tuple(game.strategies[i][v.index(1)] for i, v in enumerate(prof)))
    assert pure_equilibria_set(name) == theirs


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
    (installed / "only_here.toml").write_text(library.path("sanctions").read_text(encoding="utf-8"))
    monkeypatch.setattr(library, "SEARCH_PATH", (installed, REPO / "games"))
    assert library.names() == ["only_here"]
    assert library.load("only_here").players == ("US", "EU", "Russia")
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
        for game in FOUR:
            assert f"gametheory/_games/{game}.toml" in names
        z.extractall(tmp_path / "site")
    code = (
        "import gametheory, gametheory.library as L; "
        "assert L.games_dir().name == '_games', L.games_dir(); "
        "print(L.names(), gametheory.load('sanctions').shape)"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert "'troop_mission'" in run.stdout and "(2, 2, 2)" in run.stdout
