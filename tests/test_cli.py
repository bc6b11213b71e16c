"""The ``gametheory`` command: output, the JSON contract, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

import gametheory as gt
from gametheory import library
from gametheory.cli import DEMO_GAMES, JSON_CONTRACT_KEYS, main

REPO = Path(__file__).resolve().parents[1]
#: Normal-form fixtures (the first, table versions of the sub-games) for the normal-form output of the command.
LEGACY = {n: str(REPO / "tests" / "data" / "legacy" / f"{n}.toml")
          for n in ("sanctions", "resource_deal", "troop_mission", "nato_membership")}

TOML = """\
title = "Chicken"
players = ["US", "Russia"]
[strategies]
US = ["Swerve", "Straight"]
Russia = ["Swerve", "Straight"]
[parameters.crash]
default = -10
range = [-20, -1]
meaning = "cost of a collision"
[payoffs]
US = [[0, -1], [1, "crash"]]
Russia = [[0, 1], [-1, "crash"]]
"""


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list(capsys):
    code, out, err = run(capsys, "list")
    assert code == 0 and not err
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["name", "players", "strategies"]
    for name in library.names():
        assert any(line.startswith(name + " ") for line in lines)
    assert "2 x 2" in out and "sequential" in out and "US, EU, Russia" in out


def test_show_bundled(capsys):
    code, out, err = run(capsys, "show", LEGACY["sanctions"])
    assert code == 0
    spec = gt.load_spec(LEGACY["sanctions"])
    assert out.startswith(spec.title + "\n" + "=" * len(spec.title))
    for section in ("Players and strategies", "Parameters", "Payoffs", "Assumption register", "Sources"):
        assert section in out
    for a in spec.assumptions:
        assert f"{a.id} ({a.player}, {a.basis})" in out
    assert "Keep leverage" in out and "Tsebelis" in out
    code, out, err = run(capsys, "show", "sanctions")  # a game tree
    assert code == 0 and "Assumption register" in out and "Tsebelis" in out


def test_show_with_param_shows_value_and_default(capsys):
    code, out, _ = run(capsys, "show", "sanctions", "--param", "relief=5/2")
    assert code == 0
    row = next(line for line in out.splitlines() if line.strip().startswith("relief "))
    assert row.split()[:3] == ["relief", "5/2", "1"]


def test_solve_tree_prints_the_headline_first(capsys):
    code, out, _ = run(capsys, "solve", "resource_deal")
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("1 subgame-perfect equilibrium (complete, exact), 1 equilibrium outcome")
    assert "50% of the revenue" in out and out.index("Detail") > out.index("outcome 1")


def test_solve_table_has_labels_exact_values_and_sentences(capsys):
    code, out, _ = run(capsys, "solve", LEGACY["resource_deal"])
    assert code == 0
    spec = gt.load_spec(LEGACY["resource_deal"])
    assert "Back Ukraine" in out and "Sign for guarantees" in out and "1/2" in out and "3/2" in out
    sol = gt.solve(spec.build())
    for eq in sol:
        first_words = " ".join(spec.narrate(eq).split()[:6])
        assert first_words in " ".join(out.split())


def test_solve_json_contract(capsys):
    code, out, _ = run(capsys, "solve", LEGACY["sanctions"], "--format", "json", "--param", "us_gain=3/4")
    assert code == 0
    doc = json.loads(out)
    for key in JSON_CONTRACT_KEYS:
        assert key in doc
    assert doc["title"] == gt.load_spec(LEGACY["sanctions"]).title
    assert doc["players"] == ["US", "EU", "Russia"]
    assert doc["strategies"] == {"US": ["Keep leverage", "Lift now"], "EU": ["Keep leverage", "Lift now"],
                                 "Russia": ["Comply", "Violate"]}
    assert doc["exact"] is True and isinstance(doc["complete"], bool) and isinstance(doc["method"], str)
    assert isinstance(doc["components"], list)
    game = gt.load(LEGACY["sanctions"], params={"us_gain": "3/4"})
    assert len(doc["equilibria"]) >= 1
    for eq in doc["equilibria"]:
        assert set(eq["profile"]) == set(doc["players"])
        numbers = [v for d in eq["profile"].values() for v in d.values()] + list(eq["payoffs"].values())
        if doc["exact"]:  # exact numbers are strings "p/q" or "n"
            assert all(isinstance(v, str) for v in numbers)
            probs = {p: {s: Fraction(v) for s, v in d.items()} for p, d in eq["profile"].items()}
            assert game.is_equilibrium(probs)
            assert tuple(Fraction(eq["payoffs"][p]) for p in doc["players"]) == game.payoff(probs)
        else:  # floats are JSON numbers
            assert all(isinstance(v, float) for v in numbers)
            assert game.is_equilibrium(eq["profile"], tol=1e-6)
    assert doc["model"]["parameters"]["us_gain"] == "3/4"
    assert len(doc["narration"]) == len(doc["equilibria"])


def test_solve_json_float_game_uses_json_numbers(capsys, tmp_path):
    f = tmp_path / "chicken.toml"
    f.write_text(TOML)
    code, out, _ = run(capsys, "solve", str(f), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["exact"] is True and doc["equilibria"][0]["payoffs"]["US"] in {"1", "-1"}
    # A game with float payoffs (written from Python) gives JSON numbers.
    g = gt.Game.from_bimatrix([[0.5, 0.0]], [[1.0, 0.0]], players=("A", "B"))
    doc = gt.solve(g).to_dict()
    assert isinstance(doc["equilibria"][0]["payoffs"]["A"], float)


def test_solve_latex(capsys):
    code, out, _ = run(capsys, "solve", LEGACY["resource_deal"], "--format", "latex")
    assert code == 0 and out.startswith("$\\begin{array}") and "\\text{Sign for guarantees}" in out
    assert "\\frac{1}{2}" in out


def test_solve_methods(capsys):
    code, out, _ = run(capsys, "solve", LEGACY["sanctions"], "--method", "pure")
    assert code == 0 and "method pure_equilibria" in out
    code, out, _ = run(capsys, "solve", LEGACY["sanctions"], "--method", "pure_equilibria", "--format", "json")
    assert json.loads(out)["method"] == "pure_equilibria"
    code, out, err = run(capsys, "solve", LEGACY["sanctions"], "--method", "astrology")
    assert code == 2 and "unknown method 'astrology'" in err and "pure_equilibria" in err


def test_solve_a_toml_path_with_params(capsys, tmp_path):
    f = tmp_path / "chicken.toml"
    f.write_text(TOML)
    code, out, _ = run(capsys, "solve", str(f), "--param", "crash=-2")
    assert code == 0 and "Chicken" in out and "Straight" in out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["solve", "no_such_game"], "no_such_game: no such bundled game"),
        (["solve", "missing/game.toml"], "missing/game.toml: cannot read the file"),
        (["solve", "sanctions", "--param", "relief=99"], "sanctions.toml: params.relief: value 99 is outside"),
        (["solve", "sanctions", "--param", "relief"], "--param expects NAME=VALUE"),
        (["solve", "sanctions", "--param", "nope=1"], "params.nope: unknown parameter 'nope'"),
        (["solve", "sanctions", "--param", "relief=1", "--param", "relief=2"], "--param relief given twice"),
        (["show", "sanctions", "--param", "relief=os.system"], "params.relief: expected a number"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert not out
    assert err.count("\n") == 1 and err.startswith("gametheory: error: ")
    assert words in err
    assert "Traceback" not in err


def test_bad_game_file_names_file_and_place(capsys, tmp_path):
    f = tmp_path / "broken.toml"
    f.write_text(TOML.replace('"crash"]]\nRussia', '"crash"]]\nRussia').replace('[-1, "crash"]]', '[-1]]'))
    code, _, err = run(capsys, "solve", str(f))
    assert code == 2 and f"{f}: payoffs.Russia[1]: expected 2 entries" in err
    f.write_text(TOML.replace('title = "Chicken"', 'title = "Chicken'))
    code, _, err = run(capsys, "show", str(f))
    assert code == 2 and f"{f}:1:17: TOML syntax error" in err
    f.write_text(TOML.replace('"crash"]]\nRussia', '"__import__(\'os\')"]]\nRussia'))
    code, _, err = run(capsys, "solve", str(f))
    assert code == 2 and "payoffs.US[1][1]: column 1: calls are not allowed" in err


def test_debug_shows_the_traceback(capsys):
    with pytest.raises(gt.SpecError):
        main(["--debug", "solve", "no_such_game"])


def test_usage_errors_exit_2(capsys):
    code, _, err = run(capsys, "solve")
    assert code == 2 and "usage:" in err
    code, _, err = run(capsys, "export", "sanctions", "--to", "pdf")
    assert code == 2 and "invalid choice" in err
    code, _, _ = run(capsys, "--help")
    assert code == 0


def test_export_json_latex_toml(capsys, tmp_path):
    code, out, _ = run(capsys, "export", LEGACY["troop_mission"], "--to", "json", "--param", "backstop=1/3")
    assert code == 0
    doc = json.loads(out)
    game = gt.load(LEGACY["troop_mission"], params={"backstop": "1/3"})
    assert doc["players"] == list(game.players) and doc["exact"] is True
    assert Fraction(doc["payoffs"]["Europe"][1][1][0]) == game.payoffs[0][1][1][0] == Fraction(-10, 3)
    assert doc["parameters"]["backstop"] == "1/3"
    code, out, _ = run(capsys, "export", LEGACY["resource_deal"], "--to", "latex")
    assert code == 0 and "\\text{Walk away}" in out
    target = tmp_path / "copy.toml"
    code, out, _ = run(capsys, "export", LEGACY["resource_deal"], "--to", "toml", "-o", str(target))
    assert code == 0 and not out
    assert gt.load_spec(target).build() == gt.load(LEGACY["resource_deal"])
    assert gt.load_spec(target).assumptions == gt.load_spec(LEGACY["resource_deal"]).assumptions


def test_export_gambit_formats(capsys, tmp_path):
    try:
        from gametheory.io import gambit  # noqa: F401
    except ImportError:
        code, _, err = run(capsys, "export", LEGACY["sanctions"], "--to", "nfg")
        assert code == 2 and "gametheory.io.gambit" in err
        return
    code, out, _ = run(capsys, "export", LEGACY["sanctions"], "--to", "nfg")
    assert code == 0 and out.startswith("NFG 1 R")
    f = tmp_path / "sanctions.nfg"
    f.write_text(out)
    assert gt.load(f).payoffs.tolist() == gt.load(LEGACY["sanctions"]).payoffs.tolist()


def test_solve_nfg_written_by_pygambit_matches_pygambit(capsys, tmp_path):
    """`gametheory solve` on a pygambit .nfg prints pygambit's exact equilibria (needs the gambit and
    enumeration branches: the reader lives in gametheory.io.gambit)."""
    gbt = pytest.importorskip("pygambit")
    pytest.importorskip("gametheory.io.gambit", reason="the .nfg reader lands with the Gambit interchange branch")
    import numpy as np

    rng = np.random.default_rng(4)
    A = rng.integers(-5, 6, size=(3, 3)).astype(object)
    B = rng.integers(-5, 6, size=(3, 3)).astype(object)
    G = gbt.Game.from_arrays(A, B, title="random 3x3")
    f = tmp_path / "random.nfg"
    f.write_text(G.to_nfg())
    theirs = {
        tuple(tuple(Fraction(str(e[s])) for s in p.strategies) for p in G.players)
        for e in gbt.nash.enummixed_solve(G, rational=True).equilibria
    }
    code, out, _ = run(capsys, "solve", str(f), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    ours = set()
    for eq in doc["equilibria"]:
        ours.add(tuple(
            tuple(Fraction(eq["profile"][p].get(s, "0")) for s in doc["strategies"][p]) for p in doc["players"]
        ))
    assert ours == theirs


@pytest.mark.slow
def test_demo_prints_the_four_sub_games_and_ends_with_the_scenario_conclusion(capsys):
    import re

    from gametheory.sequential.outcomes import equilibrium_outcomes
    from gametheory.sequential.regions import outcome_thresholds

    code, out, _ = run(capsys, "demo")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) < 150
    assert all(len(line) <= 112 for line in lines)
    assert re.search(r"\d\.\d", out) is None  # exact numbers throughout: fractions, no decimals
    flat = " ".join(out.split())
    for name in DEMO_GAMES:
        spec = library.spec(name)
        assert f"/4  {name} ==" in out and " ".join(spec.title.upper().split()) in flat
        res = equilibrium_outcomes(library.load(name))
        assert res.headline() in flat
        for g in res.groups:
            assert " ".join(g.story().split()[:8]) in flat, (name, g.story())
        for p in spec.key_parameters:  # the thresholds printed are the exact ones
            values = outcome_thresholds(name, p, solve_regions=False).values
            assert values, f"{name}: key parameter {p} changes nothing in its range"
            assert f"{p}: the outcome changes at " + " and ".join(gt.exact.format_number(v) for v in values) in flat
    # the composed scenario: its counts from the public result API, then the conclusion and the pointers
    res = equilibrium_outcomes(gt.load("negotiations"))
    assert res.headline() in flat
    tail = out[out.index("Conclusion"):]
    assert f"the {res.total} sequential equilibri" in tail and "gametheory report negotiations" in tail
    assert lines[-2].startswith("Detail: gametheory solve negotiations")
    assert set(DEMO_GAMES) == {"nato_membership", "sanctions", "troop_mission", "resource_deal"}


def test_python_dash_m_entry_point(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    ok = subprocess.run([sys.executable, "-m", "gametheory", "solve", "resource_deal", "--format", "json"],
                        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["players"] == ["US", "Ukraine"]
    bad = subprocess.run([sys.executable, "-m", "gametheory", "solve", "resource_deal", "--param", "share=7"],
                         capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "params.share: value 7 is outside the declared range [0, 1]" in bad.stderr
