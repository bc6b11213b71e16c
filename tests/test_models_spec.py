"""Model files ([model] tables): loading, solving from the command line, and errors naming file and key."""

from __future__ import annotations

import json
import tomllib
from fractions import Fraction as F
from pathlib import Path

import pytest

import gametheory as gt
from gametheory.cli import main
from gametheory.errors import SpecError
from gametheory.io.spec import loads, loads_spec
from gametheory.models import ModelSolution, solve_model
from gametheory.models.spec import FAMILIES, build_model

MODELS = sorted((Path(__file__).resolve().parents[1] / "games" / "models").glob("*.toml"))


def test_every_family_has_a_model_file():
    families = {tomllib.loads(p.read_text(encoding="utf-8"))["model"]["family"] for p in MODELS}
    assert families == set(FAMILIES)


@pytest.mark.parametrize("path", MODELS, ids=[p.stem for p in MODELS])
def test_model_file_solves(path):
    model = gt.load(path)
    sol = solve_model(model)
    assert isinstance(sol, ModelSolution) and sol.exact and sol.summary
    assert all(e.regret == 0 for e in sol)
    spec = gt.load_spec(path)
    assert spec.model is not None and spec.players == tuple(model.players)


@pytest.mark.parametrize("path", MODELS, ids=[p.stem for p in MODELS])
def test_model_file_quotes_are_verbatim(path, brief_text):
    for a in gt.load_spec(path).assumptions:
        if a.basis == "brief":
            assert a.quote in brief_text, f"{path.name}: {a.id}: not a verbatim quote"


def test_brief_figures_from_the_files():
    base = Path(MODELS[0]).parent
    fearon = solve_model(gt.load(base / "bargaining_range.toml"))
    assert (fearon.values["range low"], fearon.values["range high"]) == (F(1, 2), F(4, 5))
    split = solve_model(gt.load(base / "resource_split.toml"))
    assert split.values["share US"] == F(5, 14)  # (1 - 9/10)/(1 - 4/5 * 9/10)
    # an impatient US gets less: lowering its discount factor lowers its share
    quick = solve_model(gt.load(base / "resource_split.toml", params={"delta_us": "1/2"}))
    assert quick.values["share US"] < split.values["share US"]
    cease = solve_model(gt.load(base / "ceasefire_repeated.toml", params={"gain": 8}))
    assert not cease.equilibria and cease.values["discount threshold"] == F(5, 7)


def test_cli_solves_a_model_file(capsys):
    path = str(MODELS[0].parent / "war_of_attrition.toml")
    assert main(["solve", path, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["family"] == "war of attrition" and doc["complete"] is True
    assert doc["values"]["expected costly periods"] == "9/7"
    assert main(["solve", path, "--param", "cost_ru=2"]) == 0
    assert "concession probability Ukraine = 2/5" in capsys.readouterr().out
    assert main(["solve", path, "--method", "attrition_hazards"]) == 0
    assert "hazard Russia" in capsys.readouterr().out


def test_cli_symbolic_model_report(capsys):
    path = str(MODELS[0].parent / "ceasefire_repeated.toml")
    assert main(["solve", path, "--symbolic"]) == 0
    out = capsys.readouterr().out
    assert "Equilibria of the repeated game model in delta" in out and "delta = 1/2" in out


def test_cli_errors_for_model_files(capsys):
    path = str(MODELS[0].parent / "war_of_attrition.toml")
    assert main(["export", path, "--to", "json"]) == 2
    assert "no payoff table to export" in capsys.readouterr().err
    assert main(["solve", path, "--param", "cost_ru=9"]) == 2
    assert "params.cost_ru: value 9 is outside the declared range" in capsys.readouterr().err
    assert main(["solve", path, "--method", "nope"]) == 2
    assert "unknown method 'nope'" in capsys.readouterr().err


BASE = '''
title = "t"
[parameters.d]
default = "1/2"
range = [0, 1]
meaning = "m"
[model]
'''


@pytest.mark.parametrize("body,key,problem", [
    ('family = "nope"', "model.family", "unknown family 'nope'"),
    ('players = ["A", "B"]', "model.family", "missing"),
    ('family = "war of attrition"\nvalues = 1', "model.costs", "missing"),
    ('family = "war of attrition"\nvalues = 1\ncosts = 1\nspeed = 2', "model.speed", "unknown key 'speed'"),
    ('family = "war of attrition"\nvalues = [1, 2, 3]\ncosts = 1', "model.values", "expected 2 entries"),
    ('family = "war of attrition"\nvalues = "x"\ncosts = 1', "model.values", "unknown name 'x'"),
    ('family = "war of attrition"\nvalues = true\ncosts = 1', "model.values", "expected a number"),
    ('family = "war of attrition"\nvalues = "-d"\ncosts = 1', "model", "is outside (0, oo)"),
    ('family = "chain store"\nmarkets = 0', "model.markets", "positive integer"),
    ('family = "nash bargaining"\nsurplus = 1\npoints = [[0, 1]]', "model.surplus", "either surplus or points"),
    ('family = "nash bargaining"\npoints = [[0, 1, 2]]', "model.points[0]", "expected a pair"),
    ('family = "screening"\np = "d"\nproposer_cost = 1\ncosts = [0, 1]\nprobabilities = ["d", "1/4"]',
     "model", "probabilities sum to 3/4, not 1"),
    ('family = "repeated game"\nstrategy = "grim trigger"\ntarget = ["C", "C"]\ndelta = "d"\n'
     '[model.stage]\nplayers = ["A", "B"]\n[model.stage.strategies]\nA = ["C", "D"]\nB = ["C", "D"]\n'
     '[model.stage.payoffs]\nA = [[3, 0], [5]]\nB = [[3, 5], [0, 1]]', "model.stage.payoffs.A[1]", "expected 2 entries"),
    ('family = "repeated game"\nstrategy = "grim trigger"\ntarget = ["C", "X"]\ndelta = "d"\n'
     '[model.stage]\nplayers = ["A", "B"]\n[model.stage.strategies]\nA = ["C", "D"]\nB = ["C", "D"]\n'
     '[model.stage.payoffs]\nA = [[3, 0], [5, 1]]\nB = [[3, 5], [0, 1]]', "model.target[1]", "'X' is not a strategy of B"),
    ('family = "repeated game"\nstrategy = "always"\ntarget = ["C", "C"]\ndelta = "d"\n'
     '[model.stage]\nplayers = ["A", "B"]\n[model.stage.strategies]\nA = ["C", "D"]\nB = ["C", "D"]\n'
     '[model.stage.payoffs]\nA = [[3, 0], [5, 1]]\nB = [[3, 5], [0, 1]]', "model.strategy", "unknown strategy 'always'"),
])
def test_bad_model_tables_name_file_key_and_problem(body, key, problem):
    with pytest.raises(SpecError) as err:
        loads(BASE + body, file="m.toml")
    assert err.value.file == "m.toml" and err.value.key == key, str(err.value)
    assert problem in str(err.value)


def test_model_files_are_built_at_the_defaults_when_read():
    with pytest.raises(SpecError, match="m.toml: model: .*probabilities sum to 3/4"):
        loads_spec(BASE + 'family = "screening"\np = "d"\nproposer_cost = 1\ncosts = [0, 1]\n'
                   'probabilities = ["d", "1/4"]', file="m.toml")


def test_model_file_rejects_payoff_keys():
    with pytest.raises(SpecError, match="strategies: not allowed in a model file"):
        loads_spec(BASE + 'family = "war of attrition"\nvalues = 1\ncosts = 1\n[strategies]\nA = ["x"]')


def test_symbolic_build_keeps_parameter_ranges():
    spec = loads_spec(BASE + 'family = "alternating offers"\ndelta = ["d", "1/2"]')
    m = build_model(spec, symbolic=True)
    p = m.parameter("d")
    assert (p.low, p.high, p.default) == (0, 1, F(1, 2))
    with pytest.raises(SpecError, match="this file describes a model family"):
        spec.build()


@pytest.mark.parametrize("path", MODELS, ids=[p.stem for p in MODELS])
def test_result_records_round_trip_and_reverify(path, tmp_path):
    from gametheory.models import load_model_result

    sol = solve_model(gt.load(path))
    out = tmp_path / "result.json"
    sol.to_json(out)
    again = load_model_result(out)
    assert again.values == sol.values and [e.payoffs for e in again] == [e.payoffs for e in sol]


def test_tampered_result_records_are_refused():
    from gametheory.errors import SolverError
    from gametheory.models import load_model_result

    sol = solve_model(gt.load(MODELS[0].parent / "bargaining_range.toml"))
    doc = json.loads(sol.to_json())
    doc["equilibria"][0]["payoffs"]["Russia"] = "9/10"
    with pytest.raises(SolverError, match="differs from a fresh solve in 'equilibria'"):
        load_model_result(json.dumps(doc))
    with pytest.raises(SpecError, match="not a model result record"):
        load_model_result('{"title": "x"}')


def test_cli_report_refuses_model_files(capsys, tmp_path):
    path = str(MODELS[0].parent / "war_of_attrition.toml")
    assert main(["report", path, "--out", str(tmp_path / "paper")]) == 2
    assert "describes a model family" in capsys.readouterr().err
