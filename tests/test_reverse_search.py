"""Reverse search (bounded-memory all-equilibria enumeration): same sets as the breadth-first
search and pygambit, streaming, timeout, long-run warning, memory cap, interpreted kernels."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import textwrap
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import DegenerateGameWarning, Game, solve
from gametheory.errors import LongRunWarning
from gametheory.solvers import enumerate_equilibria
from gametheory.solvers import reverse_search as rs
from gametheory.solvers.enumeration import REVERSE_SEARCH_MIN_STRATEGIES

gbt = pytest.importorskip("pygambit")


def quiet(fn, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return fn(*args, **kw)


def keys(sol):
    return sorted(tuple(tuple(round(float(p), 9) for p in v) for v in e.profile) for e in sol)


def random_game(n: int, seed: int, hi: int = 100, m: int | None = None) -> Game:
    rng = np.random.default_rng(seed)
    m = n if m is None else m
    return Game.from_bimatrix(rng.integers(0, hi, (m, n)).tolist(), rng.integers(0, hi, (m, n)).tolist())


@st.composite
def small_games(draw):
    m = draw(st.integers(1, 6))
    n = draw(st.integers(1, 6))
    hi = draw(st.sampled_from([2, 3, 5, 100]))  # few values: many ties, degenerate games
    vals = st.integers(0, hi - 1)
    A = draw(st.lists(st.lists(vals, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(vals, min_size=n, max_size=n), min_size=m, max_size=m))
    return Game.from_bimatrix(A, B)


@settings(max_examples=150)
@given(small_games())
def test_same_equilibria_and_components_as_breadth_first_search_exact(game):
    bfs = quiet(enumerate_equilibria, game)
    rev = quiet(rs.reverse_search_equilibria, game)
    assert bfs.parameters.get("algorithm") is None and rev.parameters["algorithm"] == "reverse_search"
    assert [e.profile for e in rev] == [e.profile for e in bfs]  # exact, same order
    assert len(rev.components) == len(bfs.components)
    assert rev.complete and rev.exact


@settings(max_examples=60)
@given(small_games())
def test_same_equilibria_as_breadth_first_search_float(game):
    g = game.to_float()
    assert keys(quiet(rs.reverse_search_equilibria, g)) == keys(quiet(enumerate_equilibria, g))


@pytest.mark.parametrize("seed", range(4))
def test_equals_pygambit_exact_enumeration(seed):
    game = random_game(6, seed, hi=4)  # ties: degenerate vertices, pass two runs
    A, B = (np.asarray(game.payoffs[i], dtype=object) for i in range(2))
    res = gbt.nash.enummixed_solve(gbt.Game.from_arrays(A, B), rational=True)
    theirs = {tuple(tuple(Fraction(p) for _, p in s) for _, s in eq.mixed_strategies()) for eq in res.equilibria}
    ours = quiet(rs.reverse_search_equilibria, game)
    assert {e.profile for e in ours} == theirs


def test_large_games_take_the_reverse_search_with_the_same_result(monkeypatch):
    from gametheory.solvers import enumeration

    game = random_game(13, 13)
    assert sum(game.shape) >= REVERSE_SEARCH_MIN_STRATEGIES
    sol = quiet(enumerate_equilibria, game)
    assert sol.parameters["algorithm"] == "reverse_search" and sol.complete
    assert all(e.regret == 0 for e in sol)
    monkeypatch.setattr(enumeration, "REVERSE_SEARCH_MIN_STRATEGIES", 10**6)  # the breadth-first search
    bfs = quiet(enumerate_equilibria, game)
    assert "algorithm" not in bfs.parameters
    assert [e.profile for e in bfs] == [e.profile for e in sol]


def test_rectangular_and_wide_games():
    for m, n in [(2, 40), (40, 2), (3, 30)]:
        g = random_game(n, m * n, m=m)
        a = quiet(rs.reverse_search_equilibria, g)
        assert a.complete and len(a) >= 1
        assert [e.profile for e in a] == [e.profile for e in quiet(enumerate_equilibria, g)]  # breadth-first
        assert keys(a) == keys(quiet(rs.reverse_search_equilibria, g.to_float()))


def test_stream_yields_verified_equilibria_as_found():
    game = random_game(7, 3, hi=5)
    stream = rs.stream_equilibria(game)
    first = next(stream)
    assert first.regret == 0
    rest = list(stream)
    assert {e.profile for e in [first, *rest]} == {e.profile for e in quiet(enumerate_equilibria, game)}


def test_timeout_returns_what_was_found_marked_incomplete():
    game = random_game(16, 16)
    sol = quiet(enumerate_equilibria, game, timeout=0.05, progress=False)
    assert not sol.complete
    assert any("time limit" in note for note in sol.notes)
    assert all(e.regret == 0 for e in sol)  # everything listed is a verified equilibrium
    full = quiet(rs.reverse_search_equilibria, random_game(12, 5), progress=False)
    part = quiet(rs.reverse_search_equilibria, random_game(12, 5), timeout=0.0, progress=False)
    assert {e.profile for e in part} <= {e.profile for e in full}


def test_solve_passes_timeout_through():
    sol = quiet(solve, random_game(16, 16), timeout=0.05)
    assert sol.method == "enumerate_equilibria" and not sol.complete


def test_long_run_warning_names_the_alternatives(monkeypatch):
    monkeypatch.setattr(rs, "WARN_SECONDS", 0.0)
    monkeypatch.setattr(rs, "_CHUNK", 50)
    with pytest.warns(LongRunWarning, match="lemke_howson") as record:
        quiet(rs.reverse_search_equilibria, random_game(8, 2), progress=False)
    message = str(record[0].message)
    assert "timeout" in message and "upper bound theorem" in message


def test_no_long_run_warning_for_quick_games():
    with warnings.catch_warnings():
        warnings.simplefilter("error", LongRunWarning)
        quiet(rs.reverse_search_equilibria, random_game(8, 2), progress=False)


def test_search_path_is_all_it_keeps():
    # memory: the arrays of the search are one path deep, whatever the number of bases
    game = random_game(12, 7)
    A, B, certified = rs._polytope_data(game, 0.0)
    lp, _ = rs._label_maps(12, 12)
    search = rs._Search(np.ascontiguousarray(B.T), certified, 0.0, lp)
    run: dict = {}
    for _ in rs._run(search, A, 1e-7, np.zeros((0, search.words), dtype=np.int64), None, lambda s: None, run):
        pass
    assert run["done"] and search.bases > 1000
    assert search.depth_capacity <= 256 < search.bases


@settings(max_examples=40)
@given(small_games())
def test_bases_visited_never_exceed_the_upper_bound_theorem(game):
    m, n = game.shape
    A, B, certified = rs._polytope_data(game, 0.0)
    lp, lq = rs._label_maps(m, n)
    bound_p, bound_q = rs.max_bases(game)
    for C, labels, bound, other in ((B.T, lp, bound_p, A), (A, lq, bound_q, np.zeros((0, 1)))):
        search = rs._Search(np.ascontiguousarray(C), certified, 0.0, labels)
        list(rs._run(search, other, 1e-7, np.zeros((0, search.words), dtype=np.int64), None, lambda s: None, {}))
        assert 1 <= search.bases <= bound


def test_upper_bound_theorem_values():
    # 2f - 4 for simple 3-polytopes; duals of cyclic polytopes attain the bound
    assert [rs.upper_bound_vertices(d, f) for d, f in [(2, 7), (3, 7), (4, 6), (4, 8), (1, 2)]] == [7, 10, 9, 20, 2]


@contextlib.contextmanager
def interpreted_kernels():
    """Run the kernels as plain Python (the path taken without numba)."""
    from gametheory.solvers import _revsearch_kernel as K

    names = ["_decide", "_decide_float", "_fallback", "_float_ratio", "_pivot", "_label_words", "_partner", "search"]
    saved = {name: getattr(K, name) for name in names}
    try:
        for name in names:
            setattr(K, name, getattr(saved[name], "py_func", saved[name]))
        yield
    finally:
        for name, fn in saved.items():
            setattr(K, name, fn)


@pytest.mark.parametrize("seed", range(3))
def test_interpreted_kernels_give_the_same_result(seed):
    game = random_game(5, seed, hi=4)
    compiled = quiet(rs.reverse_search_equilibria, game)
    with interpreted_kernels():
        plain = quiet(rs.reverse_search_equilibria, game)
        plain_float = quiet(rs.reverse_search_equilibria, game.to_float())
    assert [e.profile for e in plain] == [e.profile for e in compiled]
    assert keys(plain_float) == keys(compiled)


def test_exact_decisions_of_a_tied_basis():
    # C with two rows tying on the first ratio: the lexicographic rule decides exactly
    C = np.array([[1, 2], [1, 3]], dtype=np.int64)
    vals, errs, child, leave, zero, ok = rs._exact_basis(C, np.array([2, 3]), np.array([0, 1]))
    assert ok and vals.shape == (3, 3) and not zero.any()
    # column z0: ratios 1/1 and 1/1 tie; the perturbed right-hand sides are 1 + eps (row 0) and
    # 1 + eps^2 (row 1), so row 1 leaves. Column z1: 1/2 > 1/3, row 1 leaves.
    assert list(leave) == [1, 1]
    # entering z0 gives the basis {z0, s0}, whose smallest improving index is z1 (its reduced cost
    # 1 - 1*3 < 0), so its parent is not the origin; entering z1 gives {s0, z1}, a child (3 - 1 >= 0)
    assert list(child) == [False, True]


def test_huge_exact_payoffs_use_the_breadth_first_search():
    g = Game.from_bimatrix([[2**60, 0], [0, 1]], [[1, 0], [0, 2**60]])
    assert not rs.supports_reverse_search(g)
    assert len(quiet(enumerate_equilibria, g, timeout=5)) == 3


@pytest.mark.slow
def test_never_killed_under_a_memory_cap(tmp_path):
    # a 20x20 game under a 1.5 GB address-space cap: stops at the timeout with what it found
    script = textwrap.dedent(
        """
        import resource, warnings
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))
        import numpy as np
        from gametheory import Game, solve
        warnings.simplefilter("ignore")
        rng = np.random.default_rng(20)
        g = Game.from_bimatrix(rng.integers(0, 100, (20, 20)).tolist(), rng.integers(0, 100, (20, 20)).tolist())
        sol = solve(g, timeout=3, progress=False)
        print(len(sol), sol.complete, all(e.regret == 0 for e in sol))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    count, complete, verified = out.stdout.split()
    assert complete == "False" and verified == "True"


def test_cli_solve_timeout_prints_what_was_found(tmp_path, capsys):
    import json

    from gametheory import write_nfg
    from gametheory.cli import main

    path = tmp_path / "big.nfg"
    write_nfg(random_game(16, 16), str(path))
    assert main(["solve", str(path), "--timeout", "0.2", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["complete"] is False and any("time limit" in n for n in doc["notes"])
    assert main(["solve", str(path), "--timeout", "-1"]) == 2


def test_nplayer_timeout_stops_between_support_profiles():
    from gametheory.solvers import polynomial_equilibria

    rng = np.random.default_rng(3)
    g = Game(rng.integers(0, 9, size=(3, 2, 2, 3)).tolist())
    full = polynomial_equilibria(g)
    stopped = polynomial_equilibria(g, timeout=0.0)
    assert full.complete and not stopped.complete and "time limit" in stopped.notes[0]
    assert len(stopped) == 0  # no support profile was started
    assert quiet(solve, g, timeout=0.0).complete is False
