"""The certified floating-point vertex search must agree exactly with the exact integer search."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np

from gametheory.solvers import _polytope as poly


def test_certified_float_search_equals_exact_search(monkeypatch):
    calls = {"exact_decisions": 0}
    original = poly._exact_decisions

    def counting(*args):
        calls["exact_decisions"] += 1
        return original(*args)

    monkeypatch.setattr(poly, "_exact_decisions", counting)
    rng = np.random.default_rng(2024)
    certified = gave_up = 0
    for hi in (3, 6, 100):  # small ranges: degenerate polytopes; 100: mostly simple ones
        for _ in range(120):
            k, d = (int(v) for v in rng.integers(1, 9, size=2))
            C = rng.integers(1, hi, size=(k, d))
            exact = poly._bfs(C, exact=True)
            fast = poly._certified_float_vertices(C)
            if fast is None:
                gave_up += 1
                continue
            certified += 1
            assert sorted(fast.masks) == sorted(exact.masks)
            where = {m: i for i, m in enumerate(exact.masks)}
            for v, mask in enumerate(fast.masks):
                z, den = poly.vertex_point(fast, v)
                z2, den2 = poly.vertex_point(exact, where[mask])
                assert [F(a, den) for a in z] == [F(int(a), int(den2)) for a in z2]
    assert certified > 300 and calls["exact_decisions"] > 0  # both kinds of decision exercised


def test_polytope_vertices_of_a_simplex_with_repeated_constraints():
    pv = poly.polytope_vertices(np.array([[1, 1], [1, 1]]), exact=True)
    points = {
        tuple(F(int(a), int(den)) for a in z) for z, den in (poly.vertex_point(pv, v) for v in range(len(pv.masks)))
    }
    assert points == {(0, 0), (1, 0), (0, 1)}


def test_too_many_bases_is_a_clear_error(monkeypatch):
    import pytest

    from gametheory import Game, SolverError
    from gametheory.solvers import enumerate_equilibria

    monkeypatch.setattr(poly, "MAX_BASES", 5)
    rng = np.random.default_rng(1)
    with pytest.raises(SolverError, match="lemke_howson"):
        enumerate_equilibria(Game.from_bimatrix(rng.random((5, 5)), rng.random((5, 5))))
