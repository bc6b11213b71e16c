"""Fast sweeps of valued trees (gametheory.sequential.parametric): the same rows as load + solve at
every point, breakpoints of the outcome included; a swept parameter in an ``if``; fallbacks; a real
Dask LocalCluster gives exactly the serial result."""

from __future__ import annotations

import warnings
from fractions import Fraction

import pytest

from gametheory.sequential import outcome_thresholds, parametric
from gametheory.sequential.parametric import Poly, TraceError, spe_rows_at, tree_template
from gametheory.sweep import linspace, monte_carlo, sweep

distributed = pytest.importorskip("dask.distributed")


def assert_same_table(fast, public):
    assert list(fast.columns) == list(public.columns)
    assert len(fast) == len(public)
    for col in public.columns:
        assert fast[col].tolist() == public[col].tolist(), col
    for col in [c for c in public.columns if c.startswith("payoff ")]:
        assert all(isinstance(v, Fraction) for v in fast[col])


def around(values, lo, hi):
    """The breakpoints, with a point on each side of each (inside [lo, hi])."""
    out = set()
    for v in values:
        for x in (v - Fraction(1, 97), v, v + Fraction(1, 97)):
            if lo <= x <= hi:
                out.add(x)
    return sorted(out)


@pytest.mark.parametrize("name, parameter, other", [
    ("resource_deal", "share", {"guarantee_value": [1, "3/2"]}),
    ("sanctions", "relief", {"us_gain": [0, 1]}),
    ("nato_membership", "credibility", {"shift": [3, "9/2"]}),
    ("troop_mission", "resolve_reduced", {"reputation": [0, 1, 3]}),
])
def test_fast_path_equals_load_and_solve_at_breakpoints(name, parameter, other):
    spec = __import__("gametheory").library.spec(name)
    p = spec.parameter(parameter)
    cuts = list(outcome_thresholds(name, parameter).values)
    values = around(cuts, p.low, p.high) + [p.low, p.high]
    grid = {parameter: sorted(set(values)), **other}
    parametric._CACHE.clear()
    fast = sweep(name, grid, scheduler="serial", progress=False)
    public = sweep(name, grid, scheduler="serial", progress=False, fast=False)
    assert_same_table(fast, public)
    assert parametric._CACHE, "the fast path served the sweep"
    if cuts:  # the outcome changes across the grid, and ties at a breakpoint list several equilibria
        assert fast.drop_duplicates("point")["outcome_set"].nunique() > 1


def test_template_polynomials_and_verified_rows():
    t = tree_template("resource_deal", {"share": Fraction(1, 2)}, ("share",))
    assert any(type(q) is Poly for q in t.polys) and t.concept == "subgame-perfect"
    eqs, complete = spe_rows_at(t, {"share": Fraction(5, 12)})  # a breakpoint: a tie
    assert complete and len(eqs) >= 2
    assert spe_rows_at(t, {"share": Fraction(2)}) is None  # outside the declared range: the public path says why
    assert spe_rows_at(t, {"share": 0.5}) is None  # floats: the public path


def test_poly_is_exact_and_refuses_what_it_cannot_follow():
    x, y = Poly.symbol("x", Fraction(1, 2)), Poly.symbol("y", 3)
    p = (x + 1) * (y - x) / 2
    assert p({"x": Fraction(1, 3), "y": 2}) == Fraction(4, 3) * Fraction(5, 3) / 2
    assert p.at0 == Fraction(3, 2) * Fraction(5, 2) / 2
    assert x - x == 0 and (x * 0) == 0 and (x + 1) - x == 1
    assert x == Poly.symbol("x", 5) and x != y and x != 0
    for bad in (lambda: x < 1, lambda: float(x), lambda: 1 / x, lambda: x / y, lambda: Fraction(1) + 0.5 * x):
        with pytest.raises((TraceError, TypeError)):
            bad()


GATED = '''
title = "A gate on a parameter"
players = ["A", "B"]
[parameters.open]
default = 1
range = [0, 1]
meaning = "1 when B may answer (the answer exists only then)"
[parameters.gain]
default = 1
range = [-2, 2]
meaning = "what A gains by going"
[composition]
root = "a"
[composition.state.went]
initial = 0
meaning = "1 when A went"
[composition.state.hit]
initial = 0
meaning = "1 when B hit back"
[composition.value]
A = "gain * went - 2 * hit"
B = "hit * (1 - open / 2) - went"
[composition.nodes.a]
kind = "decision"
player = "A"
[[composition.nodes.a.actions]]
action = "Go"
set = { went = 1 }
next = "b"
[[composition.nodes.a.actions]]
action = "Stay"
[composition.nodes.b]
kind = "decision"
player = "B"
if = "open"
[[composition.nodes.b.actions]]
action = "Hit back"
set = { hit = 1 }
[[composition.nodes.b.actions]]
action = "Let it be"
'''


def test_a_swept_parameter_in_an_if_gets_a_template_per_decision(tmp_path):
    path = tmp_path / "gated.toml"
    path.write_text(GATED)
    grid = {"open": [0, "1/2", 1], "gain": linspace(-2, 2, 9)}
    parametric._CACHE.clear()
    fast = sweep(str(path), grid, scheduler="serial", progress=False)
    public = sweep(str(path), grid, scheduler="serial", progress=False, fast=False)
    assert_same_table(fast, public)
    (templates,) = parametric._CACHE.values()
    assert len(templates) == 2  # open = 0 skips B's move; open = 1/2 and 1 keep it
    assert sorted(z for t in templates for _, z in t.conditions) == [False, True]
    # at open = 1/2 B is indifferent at gain 0... and the outcome moves with gain
    assert fast.drop_duplicates("point")["outcome_set"].nunique() >= 3


def test_untraceable_files_fall_back_to_the_public_path(tmp_path):
    path = tmp_path / "divides.toml"
    path.write_text(GATED.replace('B = "hit * (1 - open / 2) - went"', 'B = "hit / (1 + gain * gain) - went"'))
    grid = {"gain": [-1, 0, 1, 2]}
    parametric._CACHE.clear()
    fast = sweep(str(path), grid, scheduler="serial", progress=False)
    assert list(parametric._CACHE.values()) == [False]  # division by a swept parameter: not traced
    assert_same_table(fast, sweep(str(path), grid, scheduler="serial", progress=False, fast=False))
    # normal-form files are solved point by point as before
    table = sweep("cosenders", {"cost": [1, 2]}, scheduler="serial", progress=False)
    assert table["point"].nunique() == 2


def test_monte_carlo_fast_equals_public():
    dists = {"resolve_reduced": ("uniform", 0, 1), "reputation": ("choice", [0, 1, 2])}
    fast = monte_carlo("troop_mission", dists, n=12, seed=3, scheduler="serial", progress=False)
    public = monte_carlo("troop_mission", dists, n=12, seed=3, scheduler="serial", progress=False, fast=False)
    assert_same_table(fast, public)


def test_dask_local_cluster_gives_exactly_the_serial_result():
    grid = {"share": linspace(0, 1, 13), "guarantee_value": [1, "3/2", 2]}
    serial = sweep("resource_deal", grid, scheduler="serial", progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # worker processes on loopback: each traces the tree once and re-values it for its points
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                      dashboard_address=None) as cluster, distributed.Client(cluster) as client:
            on_cluster = sweep("resource_deal", grid, scheduler=client, progress=False)
    assert on_cluster.equals(serial)
    assert_same_table(serial, sweep("resource_deal", grid, scheduler="serial", progress=False, fast=False))


@pytest.mark.slow
def test_negotiations_fast_path_equals_load_and_solve():
    # two key parameters; a breakpoint of credibility (where the frame changes) included
    cuts = [Fraction(1, 4), Fraction(1, 2)]
    grid = {"credibility": cuts + [Fraction(9, 10)], "relief": [Fraction(1, 2), 3]}
    parametric._CACHE.clear()
    fast = sweep("negotiations", grid, scheduler="serial", progress=False)
    public = sweep("negotiations", grid, scheduler="serial", progress=False, fast=False)
    assert_same_table(fast, public)
    assert fast.drop_duplicates("point")["outcome_set"].nunique() > 1


def test_streamed_sweep_stopped_by_an_error_leaves_no_file(tmp_path, monkeypatch):
    import gametheory.sweep as sweep_module

    out = tmp_path / "s.parquet"
    monkeypatch.setattr(sweep_module, "ROW_GROUP", 2)  # several row groups written before the error
    calls = {"n": 0}
    real = sweep_module._solve_chunk

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("a worker died")
        return real(*args, **kwargs)

    monkeypatch.setattr(sweep_module, "_solve_chunk", failing)
    with pytest.raises(RuntimeError):
        sweep("resource_deal", {"share": linspace(0, 1, 40)}, scheduler="serial", out=out, progress=False)
    assert not out.exists() and not list(tmp_path.glob("*.partial"))
    monkeypatch.setattr(sweep_module, "_solve_chunk", real)
    sweep("resource_deal", {"share": linspace(0, 1, 40)}, scheduler="serial", out=out, progress=False)
    assert out.exists()
