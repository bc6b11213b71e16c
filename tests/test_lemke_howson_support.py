"""Tests of lemke_howson, lemke_howson_all and support_enumeration (against peers and enumerate_equilibria)."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest

from gametheory import DegenerateGameWarning, Game, NotSupportedError, SolverError
from gametheory.errors import InvalidProfileError
from gametheory.solvers import enumerate_equilibria, lemke_howson, lemke_howson_all, support_enumeration

qe_gt = pytest.importorskip("quantecon.game_theory")
nash = pytest.importorskip("nashpy")


def all_extreme(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return {e.profile for e in enumerate_equilibria(game)}


def test_lemke_howson_every_label_reaches_an_extreme_equilibrium_in_degenerate_games():
    rng = np.random.default_rng(11)
    for _ in range(150):
        m, n = (int(v) for v in rng.integers(1, 6, size=2))
        g = Game.from_bimatrix(rng.integers(0, 3, size=(m, n)), rng.integers(0, 3, size=(m, n)))
        extreme = all_extreme(g)
        for label in range(m + n):
            sol = lemke_howson(g, label)
            assert not sol.complete and sol[0].regret == 0
            assert sol[0].profile in extreme
        assert {e.profile for e in lemke_howson_all(g)} <= extreme


def test_lemke_howson_float_matches_quantecon_path():
    rng = np.random.default_rng(12)
    for n in (3, 6, 10, 30):
        A, B = rng.random((n, n)), rng.random((n, n))
        g = Game.from_bimatrix(A, B)
        qgame = qe_gt.NormalFormGame((qe_gt.Player(A), qe_gt.Player(B.T)))
        for label in (0, n, 2 * n - 1):
            ours = lemke_howson(g, label)[0].profile
            x, y = qe_gt.lemke_howson(qgame, init_pivot=label)
            assert np.allclose(np.r_[ours[0], ours[1]], np.r_[x, y], atol=1e-9)


def test_lemke_howson_exact_large_game_is_exact():
    rng = np.random.default_rng(13)
    A, B = rng.integers(0, 1000, size=(25, 25)), rng.integers(0, 1000, size=(25, 25))
    sol = lemke_howson(Game.from_bimatrix(A, B), 7)
    assert sol[0].regret == 0 and isinstance(sol[0].profile[0][0], F)


def test_lemke_howson_iteration_bound_and_bad_label():
    g = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    # the path from label 1 needs more than one pivot
    with pytest.raises(SolverError, match="max_iter=1"):
        lemke_howson(g, 1, max_iter=1, restarts=0)
    with pytest.raises(SolverError, match="restarts from 4 other label"):
        lemke_howson(g, 1, max_iter=1)  # every path needs two pivots at least
    # with restarts the bound on the first path only moves the search to another label
    sol = lemke_howson(g, 1, max_iter=2)
    assert sol.parameters["requested_label"] == 1 and sol[0].regret == 0
    assert sol.parameters["initial_label"] == 1 or "did not finish" in sol.notes[0]
    with pytest.raises(InvalidProfileError):
        lemke_howson(g, 5)
    with pytest.raises(NotSupportedError):
        lemke_howson(Game([[[[1]]]] * 3))


def test_lemke_howson_all_can_miss_equilibria_and_says_so():
    # nashpy's docs game: 3 equilibria, all reachable; Shapley-type games hide some
    g = Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    sol = lemke_howson_all(g)
    assert not sol.complete and sol.notes
    assert {e.profile for e in sol} <= all_extreme(g)


def test_support_enumeration_matches_nashpy_and_enumeration_on_nondegenerate_games():
    rng = np.random.default_rng(14)
    for _ in range(25):
        m, n = (int(v) for v in rng.integers(1, 5, size=2))
        A, B = rng.random((m, n)), rng.random((m, n))
        sol = support_enumeration(Game.from_bimatrix(A, B))
        assert sol.complete
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # nashpy warns when it finds an even number
            theirs = list(nash.Game(A, B).support_enumeration(non_degenerate=False))
        assert len(sol) == len(enumerate_equilibria(Game.from_bimatrix(A, B)))
        assert len(sol) >= len(theirs)  # nashpy's float tolerance occasionally loses one
        for x, y in theirs:
            assert any(np.allclose(np.r_[e.profile[0], e.profile[1]], np.r_[x, y], atol=1e-9) for e in sol)


def test_support_enumeration_exact_complete_iff_no_skipped_pair():
    rng = np.random.default_rng(15)
    complete = 0
    for _ in range(150):
        m, n = (int(v) for v in rng.integers(2, 4, size=2))
        g = Game.from_bimatrix(rng.integers(0, 6, size=(m, n)), rng.integers(0, 6, size=(m, n)))
        sol = support_enumeration(g)
        assert all(e.regret == 0 for e in sol)
        if sol.complete:
            complete += 1
            assert {e.profile for e in sol} == all_extreme(g)
        else:
            assert "skipped" in sol.notes[0]
    assert 20 < complete < 150  # both branches exercised


def test_support_enumeration_unequal_supports_found():
    # Row indifferent between T and B against l; Column's l strictly dominant:
    # supports ({T}, {l}) and ({B}, {l}); the mixed rows form a continuum -> skipped pair noted
    g = Game.from_bimatrix([[1, 0], [1, 2]], [[2, 1], [2, 1]])
    sol = support_enumeration(g)
    assert {e.profile for e in sol} == {((F(1), F(0)), (F(1), F(0))), ((F(0), F(1)), (F(1), F(0)))}
    assert not sol.complete


def test_exact_lemke_howson_on_larger_degenerate_games_terminates_and_agrees_with_exact_pivoting():
    # m + n > 24: the path is followed in floats and the final bases solved exactly;
    # on these degenerate games it must reach the same equilibrium as exact lexicographic pivoting
    import importlib

    lh = importlib.import_module("gametheory.solvers.lemke_howson")
    rng = np.random.default_rng(16)
    for _ in range(6):
        A, B = rng.integers(0, 3, size=(13, 13)), rng.integers(0, 3, size=(13, 13))
        g = Game.from_bimatrix(A, B)
        a, b = lh.best_response_polytopes(g)
        for label in (0, 5, 20):
            sol = lemke_howson(g, label)
            P, Q, _ = lh._run(a, b, label, True, 0.0, 10**5)
            exact_path = (lh._normalise(P.values(0, 13), True), lh._normalise(Q.values(13, 26), True))
            assert sol[0].profile == exact_path and sol[0].regret == 0


@pytest.mark.slow
def test_lemke_howson_float_does_not_give_up_where_quantecon_succeeds():
    # a 200x200 integer game whose float path from label 0 cycles past 100,000 pivots
    import numpy as np

    qe = pytest.importorskip("quantecon.game_theory")
    rng = np.random.default_rng(200)
    rng.integers(0, 100, size=(200, 200)), rng.integers(0, 100, size=(200, 200))
    A, B = rng.integers(0, 100, size=(200, 200)), rng.integers(0, 100, size=(200, 200))
    sol = lemke_howson(Game.from_bimatrix(A.astype(float), B.astype(float)))
    assert sol.parameters["requested_label"] == 0 and sol.parameters["initial_label"] != 0
    assert sol[0].regret <= 1e-9 and "did not finish" in sol.notes[0]
    theirs = qe.lemke_howson(qe.NormalFormGame((qe.Player(A.astype(float)), qe.Player(B.T.astype(float)))))
    assert len(theirs) == 2  # the peer finds one too
