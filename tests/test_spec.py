"""TOML game files: validation with precise messages, parameters, dump/load, fuzzing."""

from __future__ import annotations

import dataclasses
import io
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import Game, SpecError
from gametheory.io import spec as spec_mod
from gametheory.io.spec import GameSpec, Parameter, dump, load, load_spec, loads, loads_spec

BASE = """\
title = "Test game"
description = "A test."
authors = ["A. Analyst"]
version = "1"
citation = "Analyst (2025)"
players = ["US", "Russia"]
key_parameters = ["cost"]

[strategies]
US = ["Concede", "Hold"]
Russia = ["Ceasefire", "Fight"]

[parameters.cost]
default = 2
range = [0, 5]
meaning = "Russia's cost of war"

[payoffs]
US = [[2, 0], [3, 1]]
Russia = [[3, "4 - cost"], [1, "2 - cost/2"]]

[[assumptions]]
id = "R1"
player = "Russia"
statement = "Russia prefers a ceasefire with a concession to war against a firm US."
basis = "brief"
quote = "Russia will strive"
prefers = ["Concede", "Ceasefire"]
over = [["Hold", "Fight"]]

[[sources]]
citation = "Fearon 1995"
"""


def error_of(text: str) -> SpecError:
    with pytest.raises(SpecError) as info:
        loads_spec(text, file="t.toml")
    return info.value


def test_base_loads():
    spec = loads_spec(BASE)
    assert spec.players == ("US", "Russia")
    assert spec.strategies == (("Concede", "Hold"), ("Ceasefire", "Fight"))
    assert spec.parameters == (Parameter("cost", Fraction(2), Fraction(0), Fraction(5), "Russia's cost of war"),)
    assert spec.key_parameters == ("cost",)
    assert spec.metadata.authors == ("A. Analyst",)
    g = spec.build()
    assert g.exact and g.title == "Test game"
    assert g[("Hold", "Fight")] == (Fraction(1), Fraction(1))
    assert g[("Concede", "Fight")] == (Fraction(0), Fraction(2))


def test_parameter_overrides():
    spec = loads_spec(BASE)
    assert spec.build({"cost": "1/3"})[("Hold", "Fight")][1] == Fraction(11, 6)
    assert spec.build({"cost": Fraction(5)})[("Concede", "Fight")][1] == Fraction(-1)
    assert spec.build({"cost": 0})[("Concede", "Fight")][1] == 4
    g = spec.build({"cost": 0.5})
    assert not g.exact and g.payoffs[1][0][1] == 3.5
    # loads() and load() take params too
    assert loads(BASE, params={"cost": 1})[("Concede", "Fight")][1] == 3


@pytest.mark.parametrize(
    "params, words",
    [
        ({"cost": 6}, "params.cost: value 6 is outside the declared range [0, 5]"),
        ({"cost": "-1/2"}, "params.cost: value -1/2 is outside"),
        ({"cost": float("nan")}, "params.cost: nan is not a finite number"),
        ({"cost": float("inf")}, "params.cost: inf is not a finite number"),
        ({"cost": True}, "params.cost: True is not a number"),
        ({"cost": None}, "params.cost: None is not a number"),
        ({"cost": "abc"}, "params.cost: expected a number"),
        ({"cost": "__import__('os')"}, "params.cost: expected a number"),
        ({"costs": 1}, "params.costs: unknown parameter 'costs'; declared: cost"),
    ],
)
def test_bad_overrides(params, words):
    spec = loads_spec(BASE, file="t.toml")
    with pytest.raises(SpecError) as info:
        spec.build(params)
    assert str(info.value) == "t.toml: " + words or words in str(info.value)
    assert words in str(info.value)


def test_params_must_be_a_mapping():
    with pytest.raises(SpecError, match="mapping"):
        loads_spec(BASE).build([("cost", 1)])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "old, new, key, words",
    [
        # unknown keys, at every level
        ('title = "Test game"', 'title = "Test game"\ncolour = "red"', "colour", "unknown key 'colour'"),
        ('meaning = "Russia\'s cost of war"', 'meaning = "x"\nstep = 1', "parameters.cost.step", "unknown key"),
        ('basis = "brief"', 'basis = "brief"\nweight = 1', "assumptions[0].weight", "unknown key"),
        ('citation = "Fearon 1995"', 'citation = "Fearon 1995"\nyear = 1995', "sources[0].year", "unknown key"),
        # missing and wrong players
        ('players = ["US", "Russia"]\n', "", "players", "missing"),
        ('players = ["US", "Russia"]', 'players = []', "players", "at least one player"),
        ('players = ["US", "Russia"]', 'players = ["US", "US"]', "players[1]", "duplicate player label 'US'"),
        ('players = ["US", "Russia"]', 'players = ["US", ""]', "players[1]", "must not be empty"),
        ('players = ["US", "Russia"]', 'players = ["US", 3]', "players[1]", "expected a string, got an integer"),
        ('players = ["US", "Russia"]', 'players = "US"', "players", "expected an array, got a string"),
        ('Russia = ["Ceasefire", "Fight"]', 'Russia = ["Ceasefire", "Fight"]\nEU = ["x"]', "strategies.EU", "'EU' is not a player"),
        ('Russia = ["Ceasefire", "Fight"]\n', "", "strategies.Russia", "missing: player 'Russia' has no strategies"),
        ('Russia = ["Ceasefire", "Fight"]', 'Russia = ["Fight", "Fight"]', "strategies.Russia[1]", "duplicate strategy label 'Fight'"),
        ('Russia = ["Ceasefire", "Fight"]', "Russia = []", "strategies.Russia", "at least one strategy"),
        ('title = "Test game"\n', "", "title", "missing"),
        ('title = "Test game"', "title = 3", "title", "expected a string"),
        ('authors = ["A. Analyst"]', 'authors = "A. Analyst"', "authors", "expected an array"),
        # ragged payoffs and wrong counts
        ('Russia = [[3, "4 - cost"], [1, "2 - cost/2"]]', 'Russia = [[3, "4 - cost"], [1]]', "payoffs.Russia[1]",
         "expected 2 entries (one per strategy of Russia), got 1"),
        ('Russia = [[3, "4 - cost"], [1, "2 - cost/2"]]', 'Russia = [[3, "4 - cost"], [1, 2, 3]]', "payoffs.Russia[1]",
         "got 3"),
        ('Russia = [[3, "4 - cost"], [1, "2 - cost/2"]]', 'Russia = [[3, "4 - cost"]]', "payoffs.Russia",
         "expected 2 entries (one per strategy of US), got 1"),
        ('Russia = [[3, "4 - cost"], [1, "2 - cost/2"]]', 'Russia = [[3, "4 - cost"], 1]', "payoffs.Russia[1]",
         "expected an array of 2 entries"),
        ('Russia = [[3, "4 - cost"], [1, "2 - cost/2"]]', 'Russia = [[3, [4]], [1, 2]]', "payoffs.Russia[0][1]",
         "expected a number or an expression, got an array"),
        ('Russia = [[3, "4 - cost"], [1, "2 - cost/2"]]\n', "", "payoffs.Russia", "missing: no payoffs for Russia"),
        ('US = [[2, 0], [3, 1]]', 'US = [[2, 0], [3, 1]]\nEU = [[0, 0], [0, 0]]', "payoffs.EU", "not a player"),
        # undeclared parameters and hostile expressions
        ('[1, "2 - cost/2"]', '[1, "2 - costs/2"]', "payoffs.Russia[1][1]", "column 5: unknown name 'costs'"),
        ('[1, "2 - cost/2"]', '[1, "__import__(\'os\').system(\'x\')"]', "payoffs.Russia[1][1]", "calls are not allowed"),
        ('[1, "2 - cost/2"]', '[1, "cost.real"]', "payoffs.Russia[1][1]", "attribute access"),
        ('[1, "2 - cost/2"]', '[1, "(lambda: 1)()"]', "payoffs.Russia[1][1]", "unknown name 'lambda'"),
        ('[1, "2 - cost/2"]', '[1, "1 / (cost - 2)"]', "payoffs.Russia[1][1]", "division by zero"),
        ('[1, "2 - cost/2"]', "[1, true]", "payoffs.Russia[1][1]", "got a boolean"),
        ('[1, "2 - cost/2"]', "[1, 1979-05-27]", "payoffs.Russia[1][1]", "got a date"),
        # non-finite and absurd numbers
        ('[1, "2 - cost/2"]', "[1, nan]", "payoffs.Russia[1][1]", "not a finite number"),
        ('[1, "2 - cost/2"]', "[1, inf]", "payoffs.Russia[1][1]", "not a finite number"),
        ('[1, "2 - cost/2"]', "[1, -inf]", "payoffs.Russia[1][1]", "not a finite number"),
        ('[1, "2 - cost/2"]', "[1, 1e99999999]", "payoffs.Russia[1][1]", "too large for exact arithmetic"),
        ('[1, "2 - cost/2"]', "[1, " + "9" * 2000 + "]", "payoffs.Russia[1][1]", "too large for exact arithmetic"),
        # parameters
        ("default = 2", "default = 7", "parameters.cost.default", "default 7 is outside the range [0, 5]"),
        ("range = [0, 5]", "range = [5, 0]", "parameters.cost.range", "low 5 is greater than high 0"),
        ("range = [0, 5]", "range = [0, 5, 6]", "parameters.cost.range", "expected [low, high]"),
        ("range = [0, 5]", "range = [0, inf]", "parameters.cost.range[1]", "not a finite number"),
        ("range = [0, 5]\n", "", "parameters.cost.range", "missing"),
        ('meaning = "Russia\'s cost of war"\n', "", "parameters.cost.meaning", "missing"),
        ("default = 2", 'default = "cost"', "parameters.cost.default", "unknown name 'cost'"),
        ("[parameters.cost]", '[parameters."2x"]', "parameters.2x", "must be an identifier"),
        ("[parameters.cost]", '[parameters."a b"]', 'parameters."a b"', "must be an identifier"),
        ('key_parameters = ["cost"]', 'key_parameters = ["p"]', "key_parameters[0]", "'p' is not a declared parameter"),
        ('key_parameters = ["cost"]', 'key_parameters = ["cost", "cost"]', "key_parameters[1]", "duplicate 'cost'"),
        # assumption register
        ('basis = "brief"', 'basis = "intuition"', "assumptions[0].basis", "must be one of 'brief', 'modelling choice'"),
        ('quote = "Russia will strive"\n', "", "assumptions[0].quote", "must quote it"),
        ('player = "Russia"', 'player = "China"', "assumptions[0].player", "'China' is not a player"),
        ('id = "R1"\n', "", "assumptions[0].id", "missing"),
        ('over = [["Hold", "Fight"]]', "", "assumptions[0].over", "give both prefers and over"),
        ('over = [["Hold", "Fight"]]', 'over = [["Hold"]]', "assumptions[0].over[0]", "one strategy per player (2), got 1"),
        ('over = [["Hold", "Fight"]]', 'over = [["Hold", "Retreat"]]', "assumptions[0].over[0][1]",
         "'Retreat' is not a strategy of Russia"),
        ('prefers = ["Concede", "Ceasefire"]', 'prefers = ["Hold", "Ceasefire"]', "assumptions[0].over[0]",
         "assumption 'R1' says Russia prefers ['Hold', 'Ceasefire'] to ['Hold', 'Fight'], but the payoffs at the "
         "default parameters give 1 <= 1"),
        ('citation = "Fearon 1995"\n', 'url = "x"\n', "sources[0].citation", "missing"),
    ],
)
def test_validation_errors_name_file_key_and_problem(old, new, key, words):
    assert old in BASE
    err = error_of(BASE.replace(old, new, 1))
    assert err.file == "t.toml"
    assert err.key == key, str(err)
    assert str(err).startswith(f"t.toml: {key}: ")
    assert words in str(err)


def test_duplicate_assumption_ids():
    extra = '\n[[assumptions]]\nid = "R1"\nplayer = "US"\nstatement = "s"\nbasis = "modelling choice"\n'
    err = error_of(BASE + extra)
    assert err.key == "assumptions[1].id" and "duplicate assumption id 'R1'" in str(err)


@pytest.mark.parametrize(
    "text, line, column",
    [
        ('title = "x\nplayers = 1', 1, 11),
        ('title = "x"\nplayers = [1,\n', 3, 1),
        ('title = "x"\ntitle = "y"\n', 2, 12),
        ('title = "x"\n[strategies\nUS = 1\n', 2, 12),
        ('title = "x"\nplayers = ["US"]\n= 3\n', 3, 1),
    ],
)
def test_syntax_errors_carry_line_and_column(text, line, column):
    err = error_of(text)
    assert (err.line, err.column) == (line, column), str(err)
    assert str(err).startswith(f"t.toml:{line}:{column}: TOML syntax error: ")


def test_composition_files_go_to_the_sequential_hook(monkeypatch, tmp_path):
    import sys
    import types

    text = 'title = "Composed"\n[parameters.x]\ndefault = 1\nrange = [0, 2]\nmeaning = "m"\n[composition]\nroot = "us_move"\n'
    spec = loads_spec(text)
    assert spec.composition == {"root": "us_move"} and spec.players == ()
    with pytest.raises(SpecError, match="composes sub-games"):
        spec.build()
    calls = []

    def build_sequential(raw, *, params=None, path=None):
        calls.append((raw, params, path))
        return "SEQUENTIAL"

    pkg = types.ModuleType("gametheory.sequential")
    mod = types.ModuleType("gametheory.sequential.spec")
    mod.build_sequential = build_sequential  # type: ignore[attr-defined]
    pkg.spec = mod  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "gametheory.sequential", pkg)
    monkeypatch.setitem(sys.modules, "gametheory.sequential.spec", mod)
    f = tmp_path / "composed.toml"
    f.write_text(text)
    assert load(f, params={"x": 2}) == "SEQUENTIAL"
    raw, params, path = calls[0]
    assert raw["composition"] == {"root": "us_move"} and params == {"x": 2} and path == str(f)


def test_composition_files_leave_their_own_keys_to_the_composer():
    text = (
        'title = "Composed"\nplayers = ["US", "Russia"]\nstages = ["a", "b"]\n[payoffs]\nend = { US = 1 }\n'
        '[[assumptions]]\nid = "A"\nplayer = "US"\nstatement = "s"\nbasis = "modelling choice"\n'
        'prefers = ["keep"]\nover = [["concede"]]\n[composition]\nroot = "x"\n'
    )
    spec = loads_spec(text)
    assert spec.raw["stages"] == ["a", "b"] and spec.raw["payoffs"] == {"end": {"US": 1}}
    assert spec.assumptions[0].prefers == ("keep",) and spec.assumptions[0].over == (("concede",),)
    with pytest.raises(SpecError) as info:
        loads_spec(text.replace('player = "US"', 'player = "China"'))
    assert info.value.key == "assumptions[0].player"


def test_dump_of_a_composition_file_keeps_its_tables():
    text = (
        'title = "Composed"\nplayers = ["US", "Russia"]\nnote = 1979-05-27\n[parameters.x]\ndefault = 0.5\n'
        'range = [0, 2]\nmeaning = "m"\n[composition]\nroot = "us"\nflags = [true, false]\n'
        '[[composition.nodes]]\nid = "us"\nplayer = "US"\nmoves = { keep = "russia", concede = "end" }\n'
        '[[composition.nodes]]\nid = "russia"\nchance = [0.25, "1/3"]\n[composition.meta.deep]\nx = -1\n'
    )
    spec = loads_spec(text)
    again = loads_spec(dump(spec))
    assert again.raw == spec.raw and again.composition == spec.composition
    assert again.parameters == spec.parameters


def test_composition_without_composer_is_a_spec_error(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "gametheory.sequential.spec", None)  # makes the import fail
    with pytest.raises(SpecError, match="composition"):
        loads('title = "C"\n[composition]\nroot = "x"\n')


def test_outcome_layout_equals_array_layout():
    text = """
title = "t"
players = ["A", "B"]
[strategies]
A = ["a1", "a2"]
B = ["b1", "b2"]
[[outcomes]]
profile = ["a1", "b1"]
payoffs = { A = 1, B = "1/2" }
says = "first"
[[outcomes]]
profile = ["a1", "b2"]
payoffs = { A = 0, B = 0 }
[[outcomes]]
profile = ["a2", "b1"]
payoffs = { A = 0.25, B = 0 }
[[outcomes]]
profile = ["a2", "b2"]
payoffs = { A = 2, B = 3 }
"""
    g = loads(text)
    assert g == Game([[[1, 0], ["1/4", 2]], [["1/2", 0], [0, 3]]], players=("A", "B"),
                     strategies=(("a1", "a2"), ("b1", "b2")), title="t")
    spec = loads_spec(text)
    assert spec.outcomes[0].says == "first"
    # a missing profile, a duplicate and both layouts at once are errors
    with pytest.raises(SpecError, match=r"no payoffs for the outcome \['a2', 'b2'\]"):
        loads_spec(text.rsplit("[[outcomes]]", 1)[0])
    with pytest.raises(SpecError, match="duplicate outcome"):
        loads_spec(text + '[[outcomes]]\nprofile = ["a1", "b1"]\n')
    with pytest.raises(SpecError, match="one layout"):
        loads_spec(text + "[payoffs]\nA = [[0, 0], [0, 0]]\nB = [[0, 0], [0, 0]]\n")
    with pytest.raises(SpecError) as info:
        loads_spec(text.replace('payoffs = { A = 2, B = 3 }', 'payoffs = { A = 2 }'))
    assert info.value.key == "outcomes[3].payoffs.B"
    with pytest.raises(SpecError) as info:
        loads_spec(text.replace("A = 2, B = 3", 'A = 2, B = "1 / (2 - 2)"'))
    assert info.value.key == "outcomes[3].payoffs.B" and "division by zero" in str(info.value)


def test_one_and_three_player_arrays():
    one = loads('title = "solo"\nplayers = ["A"]\n[strategies]\nA = ["x", "y"]\n[payoffs]\nA = [1, 2]\n')
    assert one.shape == (2,)
    three = loads(
        'title = "t"\nplayers = ["A", "B", "C"]\n[strategies]\nA = ["a", "b"]\nB = ["c"]\nC = ["d", "e", "f"]\n'
        "[payoffs]\nA = [[[1, 2, 3]], [[4, 5, 6]]]\nB = [[[0, 0, 0]], [[0, 0, 0]]]\nC = [[[1, 1, 1]], [[2, 2, 2]]]\n"
    )
    assert three.shape == (2, 1, 3) and three[("b", "c", "f")] == (6, 0, 2)


def test_assumption_violations_after_override():
    spec = loads_spec(BASE)
    assert spec.assumption_violations() == []
    bad = spec.assumption_violations({"cost": 5})  # Russia's payoff of (Hold, Fight) becomes -1/2: still fine
    assert bad == []
    text = BASE.replace('over = [["Hold", "Fight"]]', 'over = [["Concede", "Fight"]]').replace("default = 2", "default = 5")
    spec2 = loads_spec(text)
    assert spec2.assumption_violations() == []
    (a, prof), = spec2.assumption_violations({"cost": 0})
    assert a.id == "R1" and prof == ("Concede", "Fight")


def test_files_paths_and_names(tmp_path):
    f = tmp_path / "g.toml"
    f.write_text(BASE, encoding="utf-8")
    assert load_spec(f).path == str(f)
    assert load_spec(str(f)).build() == loads(BASE)
    with pytest.raises(SpecError) as info:
        load_spec(tmp_path / "missing.toml")
    assert "missing.toml" in str(info.value) and "cannot read" in str(info.value)
    (tmp_path / "bad.toml").write_bytes(b'title = "\xff"\n')
    with pytest.raises(SpecError, match="UTF-8"):
        load_spec(tmp_path / "bad.toml")
    with pytest.raises(SpecError, match="no such bundled game"):
        load("no_such_game")
    with pytest.raises(SpecError):
        load(42)  # type: ignore[arg-type]


def test_public_api_names():
    assert gt.load is load and gt.load_spec is load_spec and gt.dump is dump
    assert gt.load("sanctions").players == ("US", "EU", "Russia")


# -- dump and round trips ------------------------------------------------------------------------
def test_dump_spec_round_trip_keeps_everything():
    spec = loads_spec(BASE)
    text = dump(spec)
    again = loads_spec(text)
    assert again == spec
    assert again.payoffs[1][1][1].text == "2 - cost/2"


def test_dump_to_path_and_file(tmp_path):
    spec = loads_spec(BASE)
    dump(spec, tmp_path / "out.toml")
    assert load_spec(tmp_path / "out.toml").build() == spec.build()
    buf = io.StringIO()
    assert dump(spec.build(), buf) is None
    assert loads(buf.getvalue()) == spec.build()
    with pytest.raises(SpecError):
        dump("not a game")


@pytest.mark.parametrize("name", gt.library.names())
def test_bundled_specs_round_trip(name):
    spec = gt.load_spec(name)
    assert loads_spec(dump(spec)) == dataclasses.replace(spec, path=None)


labels = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=8).filter(
    lambda s: s.strip() != ""
)


@st.composite
def games(draw):
    n = draw(st.integers(1, 3))
    shape = draw(st.lists(st.integers(1, 3), min_size=n, max_size=n))
    players = draw(st.lists(labels, min_size=n, max_size=n, unique=True))
    strategies = [draw(st.lists(labels, min_size=k, max_size=k, unique=True)) for k in shape]
    size = n * int(np.prod(shape))
    if draw(st.booleans()):
        values = draw(st.lists(st.fractions(min_value=-100, max_value=100, max_denominator=30), min_size=size,
                               max_size=size))
    else:
        values = draw(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=size, max_size=size))
    arr = np.empty(size, dtype=object)
    arr[:] = values
    title = draw(st.one_of(st.none(), labels))
    return Game(arr.reshape((n, *shape)), players=players, strategies=strategies, title=title)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games())
def test_dump_load_round_trip_of_games(g):
    back = loads(dump(g))
    assert back.players == g.players and back.strategies == g.strategies
    assert back.title == (g.title or "Untitled game")
    if g.exact:
        assert back == Game(g.payoffs, g.players, g.strategies, title=back.title)
    else:
        # floats are written with repr and read back exactly as those decimals
        assert back.exact
        assert [float(v) for v in back.payoffs.flat] == [float(v) for v in g.payoffs.flat]


# -- fuzzing: only SpecError may escape ----------------------------------------------------------
def _only_spec_error(text: str) -> None:
    try:
        spec = loads_spec(text)
        if spec.composition is None:
            spec.build()
            spec.assumption_violations()
    except SpecError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_fuzz_random_text(text):
    _only_spec_error(text)


TOML_ALPHABET = 'abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,=[]{}"\'\n #-+*/^()'


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=TOML_ALPHABET, max_size=200))
def test_fuzz_toml_like_text(text):
    _only_spec_error(text)


SOURCES = [BASE] + [gt.library.path(n).read_text(encoding="utf-8") for n in gt.library.names()]
TOKENS = ["[", "]", "{", "}", '"', "=", ",", "\n", "-", "1e999", "nan", "inf", "true", "1979-05-27", "0.5", "1/0",
          "cost", "x", "(", ")", "^", "**", "[[assumptions]]", "[payoffs]", "[strategies]", 'players = ["A"]', "", " "]


@st.composite
def mutated_sources(draw):
    text = draw(st.sampled_from(SOURCES))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 3))
        k = draw(st.integers(0, len(text)))
        if kind == 0:  # delete a span
            text = text[:k] + text[k + draw(st.integers(1, 30)):]
        elif kind == 1:  # insert a token
            text = text[:k] + draw(st.sampled_from(TOKENS)) + text[k:]
        elif kind == 2:  # replace a character
            text = text[:k] + draw(st.sampled_from(TOKENS)) + text[k + 1:]
        else:  # duplicate a line
            lines = text.split("\n")
            j = draw(st.integers(0, len(lines) - 1))
            lines.insert(j, lines[j])
            text = "\n".join(lines)
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_sources())
def test_fuzz_mutated_game_files(text):
    _only_spec_error(text)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(SOURCES), st.text(max_size=40))
def test_fuzz_payoff_expressions_in_files(source, expr):
    # Put arbitrary text where a payoff expression goes.
    import json

    target = '"4 - cost"' if source is BASE else None
    if target is None:
        return
    _only_spec_error(source.replace(target, json.dumps(expr, ensure_ascii=False), 1))


def test_spec_is_frozen():
    spec = loads_spec(BASE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.players = ("x",)  # type: ignore[misc]
    assert isinstance(spec, GameSpec)
    assert spec_mod.BASES == ("brief", "modelling choice")
