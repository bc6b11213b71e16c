"""The compiled float Lemke–Howson path pivots exactly like the numpy path."""

import importlib

import numpy as np
import pytest

from gametheory import Game
from gametheory.solvers import _lh_compiled, lemke_howson

lh_module = importlib.import_module("gametheory.solvers.lemke_howson")


def _both(A, B, label, monkeypatch):
    monkeypatch.setattr(_lh_compiled, "MIN_STRATEGIES", 10**9)
    ref = lh_module._run(A, B, label, False, 1e-12, 100_000)
    monkeypatch.setattr(_lh_compiled, "MIN_STRATEGIES", 0)
    got = lh_module._run(A, B, label, False, 1e-12, 100_000)
    return ref, got


def test_compiled_path_is_the_numpy_path(monkeypatch):
    pytest.importorskip("numba")
    rng = np.random.default_rng(5)
    for trial in range(24):
        m, n = (int(v) for v in rng.integers(2, 30, size=2))
        hi = (2, 5, 100)[trial % 3]  # small ranges: many ties, lexicographic steps
        A = rng.integers(0, hi, size=(m, n)).astype(float) + 1
        B = rng.integers(0, hi, size=(m, n)).astype(float) + 1
        for label in {0, m + n - 1, int(rng.integers(0, m + n))}:
            (P1, Q1, s1), (P2, Q2, s2) = _both(A, B, label, monkeypatch)
            assert s1 == s2
            assert P1.basic == P2.basic and Q1.basic == Q2.basic
            assert np.array_equal(P1.T, P2.T) and np.array_equal(Q1.T, Q2.T)


def test_compiled_path_errors_like_numpy_path(monkeypatch):
    pytest.importorskip("numba")
    monkeypatch.setattr(_lh_compiled, "MIN_STRATEGIES", 0)
    rng = np.random.default_rng(9)
    A, B = rng.random((30, 25)), rng.random((30, 25))
    g = Game.from_bimatrix(A, B)
    with pytest.raises(Exception, match="max_iter=1 pivots"):
        lemke_howson(g, max_iter=1)
    sol = lemke_howson(g, initial_label=3)
    assert len(sol) == 1
