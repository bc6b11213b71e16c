"""The compiled float vertex search returns exactly what the numpy search returns."""

import numpy as np
import pytest

from gametheory.solvers import _bfs_compiled, _polytope


@pytest.mark.parametrize("seed", range(3))
def test_compiled_search_is_the_numpy_search(seed, monkeypatch):
    pytest.importorskip("numba")
    rng = np.random.default_rng(seed)
    for trial in range(16):
        k, d = (int(v) for v in rng.integers(3, 11, size=2))
        hi = (2, 4, 100, 0)[trial % 4]  # small ranges: degenerate vertices and lexicographic ties
        C = rng.random((k, d)) + 1 if hi == 0 else (rng.integers(0, hi, size=(k, d)).astype(float) + 1) / hi
        monkeypatch.setattr(_bfs_compiled, "MIN_VARIABLES", 10**9)
        ref = _polytope._bfs(C, exact=False, tol=1e-9)
        monkeypatch.setattr(_bfs_compiled, "MIN_VARIABLES", 0)
        got = _polytope._bfs(C, exact=False, tol=1e-9)
        assert got.masks == ref.masks
        assert np.array_equal(got.coords, ref.coords) and np.array_equal(got.denoms, ref.denoms)
        assert got.bases == ref.bases


def test_compiled_search_bound(monkeypatch):
    pytest.importorskip("numba")
    monkeypatch.setattr(_bfs_compiled, "MIN_VARIABLES", 0)
    monkeypatch.setattr(_polytope, "MAX_BASES", 5)
    with pytest.raises(Exception, match="more than 5 vertices"):
        _polytope._bfs(np.random.default_rng(1).random((6, 6)) + 1, exact=False)


@pytest.mark.parametrize("seed", range(3))
def test_compiled_certified_search_is_the_numpy_search(seed, monkeypatch):
    pytest.importorskip("numba")
    rng = np.random.default_rng(100 + seed)
    compared = 0
    for trial in range(12):
        k, d = (int(v) for v in rng.integers(3, 10, size=2))
        hi = (3, 10, 100, 1000)[trial % 4]  # small ranges: doubtful bases decided exactly
        C = rng.integers(0, hi, size=(k, d)).astype(np.int64) + 1
        monkeypatch.setattr(_bfs_compiled, "MIN_VARIABLES", 10**9)
        ref = _polytope._certified_float_vertices(C)
        monkeypatch.setattr(_bfs_compiled, "MIN_VARIABLES", 0)
        got = _polytope._certified_float_vertices(C)
        assert (got is None) == (ref is None)
        if ref is None:
            continue
        compared += 1
        assert got.masks == ref.masks and got.bases == ref.bases
        assert np.array_equal(got.basis, ref.basis)
        # and the exact vertex set, from the exact integer search
        assert sorted(got.masks) == sorted(_polytope._bfs(C, exact=True).masks)
    assert compared >= 6
