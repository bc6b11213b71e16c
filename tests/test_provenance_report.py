"""Provenance records, load_result, the `report` bundle, `solve --symbolic` and cite() of game files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import warnings
from fractions import Fraction

import pytest
from pathlib import Path
from hypothesis import given, settings
from sequential_trees import trees

import gametheory
from gametheory import load_spec, Game, SpecError, cite, library, load, load_result, solve
from gametheory.cli import main
from gametheory.provenance import game_digest
from gametheory.sequential import Chance, Decision, SequentialGame, Stage, subgame_perfect_equilibria


@pytest.fixture(scope="module")
def negotiations_bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("negotiations")
    assert main(["report", "negotiations", "--out", str(out), "--no-thresholds"]) == 0
    return out


#: A normal-form fixture (the first, table version of the troop mission).
TROOP = str(Path(__file__).resolve().parent / "data" / "legacy" / "troop_mission.toml")


@pytest.fixture(scope="module")
def troop_bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("troop")
    assert main(["report", TROOP, "--out", str(out), "--param", "backstop=1/4",
                 "--figures", "pdf,png"]) == 0
    return out


# -- the bundle ---------------------------------------------------------------------------------------------
def test_report_bundle_of_a_normal_form_game(troop_bundle):
    files = {str(p.relative_to(troop_bundle)) for p in troop_bundle.rglob("*") if p.is_file()}
    assert {"REPORT.md", "result.json", "references.bib", "paper.tex", "tables/payoffs.tex", "tables/equilibria.tex",
            "figures/payoffs.pdf", "figures/payoffs.png"} <= files
    spec = load_spec(TROOP)
    assert {f"tables/thresholds_{p}.tex" for p in spec.key_parameters} <= files
    md = (troop_bundle / "REPORT.md").read_text()
    for p in spec.players:
        assert p in md
    for a in spec.assumptions:  # every assumption with its quote, verbatim
        assert f"**{a.id}**" in md
        if a.quote:
            assert a.quote in md
    assert "| `backstop` (key) | 1/4 |" in md
    assert "## Thresholds of the key parameters" in md and "### backstop" in md


def test_report_result_reads_back_and_matches_a_fresh_solve_exactly(troop_bundle):
    loaded = load_result(troop_bundle / "result.json", resolve=True)
    fresh = solve(load(TROOP, {"backstop": "1/4"}))
    assert loaded.game == fresh.game
    assert loaded.equilibria == fresh.equilibria  # profiles, payoffs, certificates: exact Fractions
    assert all(isinstance(v, Fraction) for eq in loaded.equilibria for v in eq.payoffs)
    assert (loaded.method, loaded.complete, loaded.exact) == (fresh.method, fresh.complete, fresh.exact)


def test_report_record_has_the_provenance_fields(troop_bundle):
    data = json.loads((troop_bundle / "result.json").read_text())
    path = Path(TROOP)
    assert data["version"] == gametheory.__version__
    assert data["method"] == data["result"]["method"]
    assert data["game"]["title"] == load_spec(TROOP).title
    assert data["game"]["source_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert data["game"]["sha256"] == game_digest(load(TROOP, {"backstop": "1/4"}))
    assert data["parameters"]["backstop"] == "1/4"
    assert set(data["parameters"]) == {p.name for p in load_spec(TROOP).parameters}
    created = dt.datetime.fromisoformat(data["created"])
    assert created.tzinfo is not None and abs(dt.datetime.now(dt.timezone.utc) - created) < dt.timedelta(hours=1)


def test_sequential_report_reads_back_and_matches_a_fresh_solve_exactly(negotiations_bundle):
    loaded = load_result(negotiations_bundle / "result.json", resolve=True)
    fresh = solve(load("negotiations"))
    assert [e.choices for e in loaded] == [e.choices for e in fresh]
    assert [e.payoffs for e in loaded] == [e.payoffs for e in fresh]
    assert all(e.regret == 0 for e in loaded)
    assert game_digest(loaded.game) == game_digest(fresh.game)
    md = (negotiations_bundle / "REPORT.md").read_text()
    assert "subgame-perfect equilibri" in md and "Thresholds were not computed for this bundle" in md
    assert (negotiations_bundle / "tables" / "tree.tex").read_text().count("[spe]") == len(fresh[0].path())


def test_tampered_sequential_result_is_rejected(negotiations_bundle):
    data = json.loads((negotiations_bundle / "result.json").read_text())
    eq = data["result"]["equilibria"][0]
    # Ukraine signs for guarantees on the path; holding out instead is strictly worse for it
    node = next(s["node"] for s in eq["path"] if s["kind"] == "decision" and s["name"] == "Ukraine")
    assert eq["strategy"][node] == {"Ukraine": "Sign for guarantees"}
    eq["strategy"][node] = {"Ukraine": "Hold out"}
    with pytest.raises(SpecError, match="deviat"):
        load_result(json.dumps(data))
    data = json.loads((negotiations_bundle / "result.json").read_text())
    data["result"]["equilibria"][0]["payoffs"]["US"] = "100"
    with pytest.raises(SpecError, match="recorded payoffs"):
        load_result(json.dumps(data))
    data = json.loads((negotiations_bundle / "result.json").read_text())
    data["game"]["source_text"] = data["game"]["source_text"].replace('default = "1/2"', 'default = "2/3"', 1)
    with pytest.raises(SpecError, match="SHA-256"):
        load_result(json.dumps(data))


def test_tampered_normal_form_result_is_rejected(troop_bundle):
    data = json.loads((troop_bundle / "result.json").read_text())
    data["game"]["canonical"]["payoffs"][0][0][0][0] = "99"
    with pytest.raises(SpecError, match="SHA-256"):
        load_result(json.dumps(data))


# -- to_json / load_result round trips --------------------------------------------------------------------------
def test_solution_to_json_round_trip_float_game(tmp_path):
    g = Game.from_bimatrix([[0.5, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 0.5]])
    sol = solve(g)
    path = tmp_path / "r.json"
    sol.to_json(path)
    back = load_result(path)
    assert not back.exact and len(back.equilibria) == len(sol.equilibria)
    for a, b in zip(back.equilibria, sol.equilibria):
        assert all(abs(x - y) <= 1e-12 for pa, pb in zip(a.profile, b.profile) for x, y in zip(pa, pb))


def test_sequential_to_json_with_chance_and_a_mixed_stage_rebuilds_from_the_canonical_form():
    pennies = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], players=("A", "B"))
    g = SequentialGame(Chance({"calm": ("1/3", {"A": 1, "B": 0}),
                               "crisis": ("2/3", Decision("A", {"fight": Stage(pennies, {"*": {}}),
                                                                "yield": {"A": "-1/2", "B": 1}}))}),
                       title="Chance, decision, mixed stage")
    sol = subgame_perfect_equilibria(g)
    back = load_result(sol.to_json(), resolve=True)
    assert [e.choices for e in back] == [e.choices for e in sol]
    assert [e.payoffs for e in back] == [e.payoffs for e in sol]
    # matching pennies at the stage: each mixes 1/2, value 0; so A fights (0 > -1/2): 1/3 * 1 + 2/3 * 0
    assert back[0].payoffs[0] == Fraction(1, 3)


@settings(max_examples=25, deadline=None)
@given(trees(depth=3))
def test_sequential_round_trip_on_random_trees(root):
    game = SequentialGame(root)
    sol = subgame_perfect_equilibria(game)
    back = load_result(sol.to_json())
    assert game_digest(back.game) == game_digest(game)
    assert [e.choices for e in back] == [e.choices for e in sol]
    assert [e.payoffs for e in back] == [e.payoffs for e in sol]


# -- command line --------------------------------------------------------------------------------------------------
def test_solve_symbolic_prints_the_symbolic_report(capsys):
    assert main(["solve", TROOP, "--symbolic"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(load_spec(TROOP).title) and "Thresholds in backstop" in out
    assert main(["solve", "resource_deal", "--symbolic"]) == 0  # a game tree: its exact regions
    out = capsys.readouterr().out
    assert "Equilibrium outcomes in share" in out and "5/12 < share < 7/8" in out


def test_report_rejects_unknown_figure_formats(tmp_path, capsys):
    assert main(["report", "sanctions", "--out", str(tmp_path), "--figures", "gif"]) == 2
    assert "--figures" in capsys.readouterr().err


# -- citation of game files ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", library.names())
def test_cite_a_game_gives_an_entry_for_each_of_its_sources(name):
    text = cite(name)
    keys = re.findall(r"^@\w+\{([^,]+),", text, flags=re.M)
    assert keys[0] == "gametheory" and keys[1] == f"game:{name}"
    assert {s.id for s in library.spec(name).sources} <= set(keys)
    assert len(keys) == len(set(keys))
    assert text.count("{") == text.count("}")


def test_cite_uses_the_work_the_file_cites_not_a_namesake():
    # sanctions.toml cites Tsebelis (1990) in Rationality and Society under the id tsebelis1990
    entry = next(e for e in cite("sanctions").split("\n\n") if e.startswith("@article{tsebelis1990,"))
    assert "Rationality and Society" in entry and "255--286" in entry
    # a composition also cites the canonical models of the sub-games it includes
    text = cite("negotiations")
    assert "@article{fearon1995," in text and "{krepswilson1982," in text
