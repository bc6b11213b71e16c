"""Nothing crashes, nothing lies, nothing is lost: the reproducers of issue 16 and fuzzing.

Each reproducer was an untyped crash, a hang, a false acceptance or a lost file before the
hardening; here each must give a verified answer or one of the project's errors naming the
file and the problem. The fuzz tests feed loaders and ``load_result`` random and mutated
inputs: only :class:`~gametheory.errors.GameTheoryError` may escape, and whatever loads
back from a result file is a verified equilibrium of the stored game.
"""

from __future__ import annotations

import copy
import io
import json
import os
import pickle
import resource
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import limits
from gametheory.cli import main
from gametheory.errors import GameTheoryError, OutputError, SpecError
from gametheory.io.expressions import MAX_OPERATIONS_DEPTH, evaluate, parse_expression, to_sympy, to_text
from gametheory.io.spec import loads, loads_spec
from gametheory.provenance import load_result, result_to_json

TWO_BY_TWO = 'title = "t"\nplayers = ["A", "B"]\n[strategies]\nA = ["x", "y"]\nB = ["u", "v"]\n[payoffs]\n'


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> bool:
    lines = [line for line in err.splitlines() if line.strip()]
    return len(lines) == 1 and lines[0].startswith("gametheory: error: ") and "internal error" not in err


# -- expressions and numbers -------------------------------------------------------------------
def test_long_sums_evaluate_without_recursion():
    n = MAX_OPERATIONS_DEPTH  # operations; the tree is that deep
    e = parse_expression("+".join(["1"] * (n + 1)))
    assert evaluate(e) == n + 1
    assert to_text(e) == " + ".join(["1"] * (n + 1))
    assert to_sympy(e, {}) == n + 1
    assert pickle.loads(pickle.dumps(e)) == e  # deep, but within what Python can pickle and compare


def test_986_terms_get_a_clear_error_not_a_recursion_error(tmp_path, capsys):
    f = tmp_path / "chain.toml"
    f.write_text('title="t"\nplayers=["A"]\n[strategies]\nA=["x"]\n[payoffs]\nA=["' + "+".join(["1"] * 986) + '"]\n')
    code, _, err = run(capsys, "solve", str(f))
    assert code == 2 and one_line_error(err)
    assert "chain.toml" in err and "payoffs.A[0]" in err and f"more than {MAX_OPERATIONS_DEPTH} operations" in err


@pytest.mark.parametrize("literal", ["9" * 1999, "0." + "1" * 1500])
def test_number_literals_beyond_the_bit_bound_are_refused(literal):
    with pytest.raises(SpecError, match="4096 bits"):
        loads_spec(TWO_BY_TWO + f'A = [["{literal}", 0], [0, 1]]\nB = [[1, 0], [0, 1]]\n', file="lit.toml")


@pytest.mark.parametrize("number", ["1e999999999", "0." + "1" * 5000, "1" * 1300])
def test_toml_numbers_beyond_the_bound_are_refused_everywhere(number):
    # in payoffs, and in parts of the file the composer reads (checked when the TOML is parsed)
    with pytest.raises(SpecError, match="too large for exact arithmetic"):
        loads_spec(TWO_BY_TWO + f"A = [[{number}, 0], [0, 1]]\nB = [[1, 0], [0, 1]]\n", file="big.toml")
    with pytest.raises(SpecError, match=r"c\.toml: composition\.probability: .*too large"):
        loads_spec(f'title = "c"\n[composition]\nprobability = {number}\n', file="c.toml")


def test_exact_game_with_payoff_1e308_solves_exactly():
    g = loads(TWO_BY_TWO + "A = [[1e308, 0], [0, 1]]\nB = [[1, 0], [0, 1]]\n")
    sol = gt.solve(g)
    assert sol.complete and len(sol) == 3 and all(e.regret == 0 for e in sol)
    assert sol.equilibria[0].payoffs[0] == 10**308


def test_huge_integers_print_in_full(capsys):
    g = gt.Game.from_bimatrix([[10**5000, 0]], [[1, 0]])
    text = gt.exact.format_number(g.payoffs[0][0, 0])
    assert len(text) == 5001 and text == "1" + "0" * 5000


def test_decimals_over_4300_digits_are_refused_at_load(tmp_path, capsys):
    f = tmp_path / "dec.toml"
    f.write_text(TWO_BY_TWO + "A = [[0." + "1" * 5000 + ", 0], [0, 1]]\nB = [[1, 0], [0, 1]]\n")
    code, _, err = run(capsys, "show", str(f))
    assert code == 2 and one_line_error(err) and "dec.toml: payoffs.A[0][0]" in err and len(err) < 300


def test_byte_order_mark_is_accepted(tmp_path):
    f = tmp_path / "bom.toml"
    f.write_text(TWO_BY_TWO + "A = [[1, 0], [0, 1]]\nB = [[1, 0], [0, 1]]\n", encoding="utf-8-sig")
    assert gt.load(f).shape == (2, 2)


# -- files: sizes, special files, allocation -------------------------------------------------------
@pytest.mark.parametrize("command", ["show", "solve"])
def test_devices_and_fifos_are_refused_without_reading(tmp_path, capsys, command):
    code, _, err = run(capsys, command, "/dev/zero")
    assert code == 2 and "not a regular file" in err
    fifo = tmp_path / "game.toml"
    os.mkfifo(fifo)
    code, _, err = run(capsys, command, str(fifo))  # would block forever if opened
    assert code == 2 and "not a regular file" in err


def test_files_over_the_size_limit_are_refused(tmp_path):
    f = tmp_path / "huge.nfg"
    with open(f, "wb") as fh:
        fh.truncate(limits.MAX_FILE_BYTES + 1)
    with pytest.raises(SpecError, match="the limit is"):
        gt.load(f)


def test_gambit_header_cannot_make_us_allocate_before_the_payoffs_are_there(tmp_path):
    f = tmp_path / "hdr.nfg"
    f.write_text('NFG 1 R "t" { "A" "B" } { 2000 2000 }\n1 1\n')
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(SpecError, match="found the end of the file"):
        gt.load(f)
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 100, f"the reader grew by {grown_mib:.0f} MiB for a 40-byte file"


@pytest.mark.parametrize("digit", ["\u0661", "\uff15", "\u0967"])
def test_unicode_digits_are_not_numbers_in_gambit_files(digit):
    with pytest.raises(SpecError, match="expected a payoff"):
        gt.read_nfg(io.StringIO(f'NFG 1 R "t" {{ "A" "B" }} {{ 1 1 }}\n{digit} 1\n'))
    with pytest.raises(SpecError):
        gt.read_efg(io.StringIO(f'EFG 2 R "t" {{ "A" "B" }}\nt "" 1 "o" {{ {digit}, 1 }}\n'))


def test_many_labels_and_outcomes_validate_in_linear_time():
    labels = ", ".join(f'"s{k}"' for k in range(100_000))
    spec = loads_spec(f'title = "t"\nplayers = ["A", "B"]\n[strategies]\nA = [{labels}]\nB = ["u"]\n'
                      f'[payoffs]\nA = [{", ".join(["[0]"] * 100_000)}]\nB = [{", ".join(["[1]"] * 100_000)}]\n')
    assert spec.build().shape == (100_000, 1)
    rows = "\n".join(f'[[outcomes]]\nprofile = ["s{k}", "u"]\npayoffs = {{ A = {k}, B = 1 }}' for k in range(30_000))
    labels = ", ".join(f'"s{k}"' for k in range(30_000))
    spec = loads_spec(f'title = "t"\nplayers = ["A", "B"]\n[strategies]\nA = [{labels}]\nB = ["u"]\n{rows}\n')
    assert spec.build()[("s29999", "u")] == (29999, 1)


def test_deep_nesting_is_refused_before_the_parser_recurses():
    with pytest.raises(SpecError, match="nested more than"):
        loads_spec('title = "t"\nx = ' + "[" * 5000 + "]" * 5000 + "\n", file="deep.toml")
    with pytest.raises(SpecError, match="nested more than"):
        load_result("[" * 100_000 + "]" * 100_000)


# -- saved results ---------------------------------------------------------------------------------------
@pytest.fixture()
def bos_result() -> dict:
    g = gt.Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("R", "C"),
                              strategies=(("a", "b"), ("a", "b")))
    return json.loads(result_to_json(gt.solve(g)))


def test_a_faithful_result_loads_back_verified(bos_result):
    sol = load_result(json.dumps(bos_result))
    assert len(sol) == 3 and all(e.regret == 0 for e in sol)


@pytest.mark.parametrize("profile, problem", [
    ({"R": {"a": "0", "b": "0"}, "C": {"a": "0", "b": "0"}}, "sum to 0"),
    ({"R": {"a": "1", "b": "1"}, "C": {"a": "1", "b": "1"}}, "sum to 2"),
    ({"R": {"a": "2", "b": "-1"}, "C": {"a": "1"}}, "negative probability"),
    ({"R": {"a": "1"}, "C": {"z": "1"}}, "unknown strategies"),
    ({"R": {"a": 0.5, "b": 0.5}, "C": {"a": "1"}}, "exact number"),
])
def test_results_that_are_not_equilibria_are_refused(bos_result, profile, problem):
    bos_result["result"]["equilibria"][0]["profile"] = profile
    with pytest.raises(SpecError, match=problem):
        load_result(json.dumps(bos_result))


def test_invented_payoffs_are_refused(bos_result):
    bos_result["result"]["equilibria"][0]["payoffs"] = {"R": "7", "C": "7"}
    with pytest.raises(SpecError, match="recorded payoffs"):
        load_result(json.dumps(bos_result))


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_in_float_results(value):
    g = gt.Game.from_bimatrix([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]])
    text = result_to_json(gt.solve(g))
    data = json.loads(text)
    p1 = data["game"]["canonical"]["players"][0]
    data["result"]["equilibria"][0]["profile"][p1] = {"Strategy 1": "__X__"}
    mutated = json.dumps(data).replace('"__X__"', value)
    with pytest.raises(SpecError, match="not a number a result may hold"):
        load_result(mutated)


@pytest.mark.parametrize("text", ["[1, 2]", "42", '"a string"', "null", "{}", '{"format": 3}'])
def test_json_that_is_not_a_result_is_not_taken_as_a_path(text):
    with pytest.raises(SpecError, match="not a gametheory result"):
        load_result(text)


def test_missing_result_file_is_a_spec_error(tmp_path):
    with pytest.raises(SpecError, match="cannot read the file"):
        load_result(tmp_path / "missing.json")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(data, list):
        for k, v in enumerate(data):
            yield from _paths(v, prefix + (k,))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_results_load_verified_or_raise_a_project_error(bos_result, data):
    doc = copy.deepcopy(bos_result)
    paths = list(_paths(doc))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths[1:]))
        parent = doc
        try:
            for k in path[:-1]:
                parent = parent[k]
            if data.draw(st.booleans()):
                parent[path[-1]] = data.draw(json_values)
            elif isinstance(parent, dict):
                del parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
    try:
        sol = load_result(json.dumps(doc))
    except GameTheoryError:
        return
    for eq in sol:  # whatever loads is a verified equilibrium of the stored game
        assert sol.game.is_equilibrium(eq.profile)
        for vec in eq.profile:
            assert sum(vec) == 1 and all(p >= 0 for p in vec)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300), kind=st.sampled_from(["toml", "nfg", "efg", "result"]))
def test_fuzzed_text_raises_only_project_errors(text, kind):
    try:
        if kind == "toml":
            loads_spec(text)
        elif kind == "nfg":
            gt.read_nfg(io.StringIO(text))
        elif kind == "efg":
            gt.read_efg(io.StringIO(text))
        else:
            load_result("{" + text)
    except GameTheoryError:
        pass


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_game_files_raise_only_project_errors(data):
    from gametheory import library

    name = data.draw(st.sampled_from(["sanctions", "troop_mission", "resource_deal"]))
    text = library.path(name).read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        k = data.draw(st.integers(0, len(text)))
        piece = data.draw(st.sampled_from(["", "[", "]", '"', "1e999999999", "\u0661", "=", "\n", "{", "-",
                                           "9" * 50, "x", "[[", ".", "/0"]))
        cut = data.draw(st.integers(0, 3))
        text = text[:k] + piece + text[k + cut:]
    try:
        loads(text)
    except GameTheoryError:
        pass


# -- solving float games with extreme payoffs ----------------------------------------------------
def test_float_games_with_payoffs_of_1e8_solve_like_their_exact_twins():
    rng = np.random.default_rng(7)
    for _ in range(40):
        A = rng.integers(0, 5, (3, 3)).astype(float)
        B = rng.integers(0, 5, (3, 3)).astype(float)
        A[rng.integers(3), rng.integers(3)] *= 1e8
        B[rng.integers(3), rng.integers(3)] *= 1e-8
        sol = gt.solve(gt.Game.from_bimatrix(A, B))
        twin = gt.solve(gt.Game.from_bimatrix([[Fraction(x) for x in r] for r in A],
                                              [[Fraction(x) for x in r] for r in B]))
        assert len(sol) == len(twin)
        assert {tuple(tuple(round(p, 9) for p in v) for v in e.profile) for e in sol} == \
            {tuple(tuple(round(float(p), 9) for p in v) for v in e.profile) for e in twin}


# -- writing -----------------------------------------------------------------------------------------------
def test_export_refuses_to_overwrite_without_force_and_writes_atomically(tmp_path, capsys):
    out = tmp_path / "g.nfg"
    out.write_text("precious")
    code, _, err = run(capsys, "export", "resource_deal", "--to", "nfg", "-o", str(out))
    assert code == 2 and one_line_error(err) and "--force" in err and out.read_text() == "precious"
    code, _, _ = run(capsys, "export", "resource_deal", "--to", "nfg", "-o", str(out), "--force")
    assert code == 0 and out.read_text().startswith("NFG")
    assert [p.name for p in tmp_path.iterdir()] == ["g.nfg"]  # no temporary file left behind


def test_unwritable_output_paths_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "export", "resource_deal", "--to", "nfg", "-o", str(tmp_path / "no" / "g.nfg"))
    assert code == 2 and one_line_error(err) and "does not exist" in err
    code, _, err = run(capsys, "export", "resource_deal", "--to", "nfg", "-o", str(tmp_path))
    assert code == 2 and one_line_error(err) and "is a directory" in err


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    from gametheory.io import files

    target = tmp_path / "r.json"
    target.write_text("old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(OutputError, match="No space left"):
        files.write_text_atomic(target, "new", force=True)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["r.json"]


# -- the command line: every method and format it lists ----------------------------------------------
def test_every_listed_method_works_or_exits_2_with_one_line(capsys):
    from gametheory.cli import METHODS

    for method in METHODS:
        for game in ("resource_deal", "sanctions", "negotiations"):
            code, out, err = run(capsys, "solve", game, "--method", method)
            assert code in (0, 2), (method, game, err)
            if code == 2:
                assert one_line_error(err), (method, game, err)
            else:
                assert f"method {method}" in out


def test_solve_help_names_the_methods(capsys):
    from gametheory.cli import METHODS

    assert main(["solve", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert all(m in out for m in METHODS)


@pytest.mark.parametrize("fmt", ["table", "json", "latex"])
def test_format_is_honoured_for_every_game_kind(capsys, fmt):
    for game in ("resource_deal", "negotiations"):
        code, out, err = run(capsys, "solve", game, "--format", fmt)
        assert code == 0, err
        if fmt == "json":
            json.loads(out)
        elif fmt == "latex":
            assert "\\begin{" in out and "\\end{" in out


# -- trees: deep compositions and Gambit files, every export format ----------------------------------
def _chain_composition(n: int) -> str:
    lines = ['title = "chain"', 'players = ["A", "B"]', "[composition]", 'root = "d0"']
    for k in range(n):
        end = f'next = "d{k + 1}"' if k + 1 < n else "payoffs = { A = 1, B = 1 }"
        lines += [f"[composition.nodes.d{k}]", 'kind = "decision"', f'player = "{"AB"[k % 2]}"',
                  f"[[composition.nodes.d{k}.actions]]", 'action = "go"', end,
                  f"[[composition.nodes.d{k}.actions]]", 'action = "stop"', "payoffs = { A = 0, B = 0 }"]
    return "\n".join(lines) + "\n"


def test_a_composition_chain_of_329_decisions_builds_and_solves(tmp_path, capsys):
    f = tmp_path / "chain.toml"
    f.write_text(_chain_composition(329))
    code, out, err = run(capsys, "solve", str(f))
    assert code == 0, err
    assert "1 subgame-perfect equilibrium" in out and out.count("chooses go") >= 329


def test_a_cycle_in_a_long_composition_is_reported(tmp_path):
    text = _chain_composition(300).replace("payoffs = { A = 1, B = 1 }", 'next = "d0"')
    with pytest.raises(SpecError, match="cycle: d0 -> d1 -> .* -> d0"):
        loads(text)


def _deep_efg(depth: int) -> str:
    seq = [f'p "" {1 + k % 2} {k + 1} "" {{ "go" "stop" }} 0' for k in range(depth)]
    seq.append(f't "" {depth + 1} "end" {{ 1, 1 }}')
    seq += [f't "" {k + 1} "s{k}" {{ 0, 0 }}' for k in reversed(range(depth))]
    return 'EFG 2 R "deep" { "A" "B" }\n' + "\n".join(seq) + "\n"


@pytest.mark.parametrize("command", ["show", "solve"])
def test_an_efg_248_levels_deep_shows_and_solves(tmp_path, capsys, command):
    f = tmp_path / "deep.efg"
    f.write_text(_deep_efg(248))
    code, out, err = run(capsys, command, str(f))
    assert code == 0, err


@pytest.mark.parametrize("fmt", ["nfg", "efg", "latex", "json", "toml"])
@pytest.mark.parametrize("game", ["troop_mission", "negotiations"])
def test_every_export_format_works_or_exits_2_for_every_game_kind(capsys, fmt, game):
    code, out, err = run(capsys, "export", game, "--to", fmt)
    assert code in (0, 2), err
    if code == 2:
        assert one_line_error(err)
        return
    if fmt == "json":
        assert json.loads(out)["players"]
    elif fmt in ("nfg", "efg"):
        assert out.startswith(fmt.upper())
    elif fmt == "toml":
        assert out.startswith("title")


def test_results_with_irrational_equilibria_load_back_verified():
    g = gt.Game([[[[1, 3], [0, 1]], [[0, 0], [1, 2]]], [[[2, 1], [0, 3]], [[3, 0], [0, 1]]],
                 [[[0, 3], [2, 2]], [[1, 2], [3, 0]]]], players=("US", "EU", "Russia"))
    sol = gt.solve(g)
    assert any(hasattr(e, "exact_profile") for e in sol)
    back = load_result(result_to_json(sol))
    assert [e.profile for e in back] == [e.profile for e in sol]
    assert all(getattr(e, "exact_regret", e.regret) == 0 for e in back)
    # a stored irrational profile that is not an equilibrium is refused
    data = json.loads(result_to_json(sol))
    k = next(i for i, e in enumerate(data["result"]["equilibria"]) if "exact_profile" in e)
    prof = data["result"]["equilibria"][k]["profile"]["US"]
    first = next(iter(prof))
    prof[first] = prof[first] + 1e-3
    with pytest.raises(SpecError, match="not among the game's exactly verified equilibria"):
        load_result(json.dumps(data))
