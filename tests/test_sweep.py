"""Sweeps and Monte Carlo: rows equal point-by-point solves; a real Dask LocalCluster gives exactly
the serial result; Parquet streaming; figures; the CLI."""

from __future__ import annotations

import warnings
from fractions import Fraction

import pytest
from pathlib import Path

import gametheory as gt
from gametheory.cli import main
from gametheory.sweep import (
    SweepError,
    frequency_figure,
    linspace,
    monte_carlo,
    parse_range,
    read_sweep,
    region_figure,
    sweep,
)

distributed = pytest.importorskip("dask.distributed")


LEGACY = Path(__file__).resolve().parent / "data" / "legacy"  # normal-form fixtures (the first sub-games)


@pytest.fixture(scope="module")
def cluster():
    # two single-threaded in-process workers on loopback: a real scheduler, cheap to start here
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cl = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                                      host="127.0.0.1", dashboard_address=None)
    yield cl
    cl.close()


def solve_point(name, params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return gt.solve(gt.load(name, params=params)).to_dict()


def test_rows_are_the_point_by_point_solutions():
    table = sweep(str(LEGACY / "sanctions.toml"), grid={"relief": "0:6:4", "pressure": [1, 3]}, scheduler="serial", progress=False)
    assert table["point"].nunique() == 8
    for point, part in table.groupby("point"):
        params = {"relief": part["relief"].iloc[0], "pressure": part["pressure"].iloc[0]}
        doc = solve_point(str(LEGACY / "sanctions.toml"), params)
        assert len(part) == len(doc["equilibria"]) == part["n_equilibria"].iloc[0]
        for (_, row), eq in zip(part.iterrows(), doc["equilibria"]):
            for player, value in eq["payoffs"].items():
                expected = Fraction(value) if isinstance(value, str) else value
                assert row[f"payoff {player}"] == expected
        assert all(isinstance(v, Fraction) for v in part["relief"])


def test_distributed_equals_serial_exactly(cluster):
    grid = {"relief": linspace(0, 6, 5), "war_gain": [2, "7/2"]}
    serial = sweep(str(LEGACY / "sanctions.toml"), grid=grid, scheduler="serial", progress=False)
    with distributed.Client(cluster) as client:
        on_cluster = sweep(str(LEGACY / "sanctions.toml"), grid=grid, scheduler=client, progress=False)
    assert on_cluster.equals(serial)
    # by address, as for a remote cluster
    by_address = sweep(str(LEGACY / "sanctions.toml"), grid=grid, scheduler=cluster.scheduler_address, progress=False)
    assert by_address.equals(serial)


def test_monte_carlo_distributed_equals_serial_and_is_reproducible(cluster):
    dists = {"relief": ("uniform", 0, 6), "pressure": ("choice", [1, 2, 3])}
    serial = monte_carlo(str(LEGACY / "sanctions.toml"), dists, n=30, seed=7, scheduler="serial", progress=False)
    with distributed.Client(cluster) as client:
        on_cluster = monte_carlo(str(LEGACY / "sanctions.toml"), dists, n=30, seed=7, scheduler=client, progress=False)
    assert on_cluster.equals(serial)
    again = monte_carlo(str(LEGACY / "sanctions.toml"), dists, n=30, seed=7, scheduler="serial", progress=False)
    assert again.equals(serial)
    relief = serial.drop_duplicates("point")["relief"]
    assert all(isinstance(v, Fraction) and 0 <= v <= 6 and (v * 10**6).denominator == 1 for v in relief)


def test_streams_to_parquet_and_reads_back_the_same_table(tmp_path, cluster):
    grid = {"relief": "0:6:13"}
    serial = sweep(str(LEGACY / "sanctions.toml"), grid=grid, scheduler="serial", progress=False)
    out = tmp_path / "sweep.parquet"
    with distributed.Client(cluster) as client:
        path = sweep(str(LEGACY / "sanctions.toml"), grid=grid, scheduler=client, out=out, progress=False)
    assert path == out and not list(tmp_path.glob("*.partial"))
    back = read_sweep(out)
    assert list(back.columns) == list(serial.columns)
    for col in serial.columns:
        assert list(back[col]) == list(serial[col]), col


@pytest.mark.slow
def test_composed_scenario_sweeps_through_the_public_api():
    table = sweep("negotiations", grid={"war_cost": [2, 3]}, scheduler="serial", progress=False)
    for point, part in table.groupby("point"):
        doc = solve_point("negotiations", {"war_cost": part["war_cost"].iloc[0]})
        assert len(part) == len(doc["equilibria"])
        assert " → " in part["outcome"].iloc[0]  # the path of play
        assert list(part["complete"].unique()) == [doc["complete"]]


def test_figures_and_errors():
    table = sweep(str(LEGACY / "sanctions.toml"), grid={"relief": "0:6:4", "pressure": "1:3:3"}, scheduler="serial", progress=False)
    assert len(region_figure(table, "relief", "pressure").axes) == 1
    assert len(region_figure(table, "relief").axes) == 1
    assert len(frequency_figure(table).axes) == 1
    with pytest.raises(SweepError, match="unknown parameter"):
        sweep(str(LEGACY / "sanctions.toml"), grid={"nope": [1]}, scheduler="serial")
    with pytest.raises(SweepError, match="distribution"):
        monte_carlo(str(LEGACY / "sanctions.toml"), {"relief": ("lognormal", 1)}, n=2, scheduler="serial")
    with pytest.raises(SweepError):
        parse_range("3:1:4")
    with pytest.raises(SweepError):
        sweep(str(LEGACY / "sanctions.toml"), grid={"relief": "0:6:4"}, scheduler=42)


def test_cli_sweep_grid_and_samples(tmp_path, capsys):
    out = tmp_path / "grid.parquet"
    assert main(["sweep", str(LEGACY / "sanctions.toml"), "--param", "relief=0:6:4", "--param", "pressure=2",
                 "--scheduler", "serial", "--out", str(out)]) == 0
    table = read_sweep(out)
    assert table["point"].nunique() == 4 and set(table["pressure"]) == {Fraction(2)}
    assert "4 points" in capsys.readouterr().out
    out2 = tmp_path / "mc.parquet"
    assert main(["sweep", str(LEGACY / "sanctions.toml"), "--param", "relief=0:6", "--samples", "5", "--scheduler", "serial",
                 "--out", str(out2)]) == 0
    assert read_sweep(out2)["point"].nunique() == 5
    assert main(["sweep", str(LEGACY / "sanctions.toml"), "--param", "relief=0:6", "--out", str(out2)]) == 2  # grid needs :N
