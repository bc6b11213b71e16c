"""Tests of enumerate_equilibria and solve(): exact peers, fixed games, laws."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import DegenerateGameWarning, Game, NotSupportedError, solve
from gametheory.solvers import enumerate_equilibria

gbt = pytest.importorskip("pygambit")
qe_gt = pytest.importorskip("quantecon.game_theory")

F = Fraction


def quiet(fn, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return fn(*args, **kw)


def profile_set(sol):
    return {tuple(tuple(v) for v in e.profile) for e in sol}


def gambit_exact(A, B):
    g = gbt.Game.from_arrays(np.asarray(A, dtype=object), np.asarray(B, dtype=object))
    res = gbt.nash.enummixed_solve(g, rational=True)
    # Gambit sometimes lists a profile twice: the set de-duplicates it
    return {
        tuple(tuple(F(p) for _, p in strat) for _, strat in eq.mixed_strategies()) for eq in res.equilibria
    }


def close_sets(ours, theirs, tol=1e-9):
    """Match two lists of float profiles one-to-one within ``tol``."""
    theirs = list(theirs)
    if len(ours) != len(theirs):
        return False
    for prof in ours:
        flat = np.concatenate([np.asarray(v, dtype=float) for v in prof])
        hit = [
            k
            for k, other in enumerate(theirs)
            if np.max(np.abs(flat - np.concatenate([np.asarray(v, dtype=float) for v in other]))) <= tol
        ]
        if len(hit) != 1:
            return False
        theirs.pop(hit[0])
    return True


# -- peers ------------------------------------------------------------------------


def test_500_random_small_integer_games_match_gambit_rational_enummixed():
    rng = np.random.default_rng(20250101)
    differing = []
    degenerate_seen = 0
    for _ in range(500):
        m, n = (int(v) for v in rng.integers(2, 6, size=2))
        A = rng.integers(0, 3, size=(m, n))
        B = rng.integers(0, 3, size=(m, n))
        sol = quiet(enumerate_equilibria, Game.from_bimatrix(A, B))
        assert sol.complete and sol.exact
        degenerate_seen += any(not c.isolated for c in sol.components)
        if profile_set(sol) != gambit_exact(A, B):
            differing.append((A.tolist(), B.tolist()))
    assert differing == []
    assert degenerate_seen > 50  # the sample really exercises degenerate games


def test_random_float_games_match_gambit_and_quantecon():
    rng = np.random.default_rng(7)
    for size in [(2, 2), (3, 3), (2, 5), (4, 3), (5, 5), (6, 6), (7, 5), (8, 8)]:
        for _ in range(3):
            A, B = rng.random(size), rng.random(size)
            ours = [e.profile for e in enumerate_equilibria(Game.from_bimatrix(A, B))]
            g = gbt.Game.from_arrays(A, B)
            gambit = {
                tuple(tuple(float(p) for _, p in strat) for _, strat in eq.mixed_strategies())
                for eq in gbt.nash.enummixed_solve(g, rational=False).equilibria
            }
            gambit = list({tuple(tuple(round(p, 12) for p in v) for v in prof) for prof in gambit})
            qe = qe_gt.vertex_enumeration(qe_gt.NormalFormGame((qe_gt.Player(A), qe_gt.Player(B.T))))
            assert close_sets(ours, gambit), (A, B)
            assert close_sets(ours, [(tuple(x), tuple(y)) for x, y in qe]), (A, B)


def test_float_path_on_degenerate_games_agrees_with_exact_path():
    rng = np.random.default_rng(31)
    for _ in range(80):
        m, n = (int(v) for v in rng.integers(1, 6, size=2))
        g = Game.from_bimatrix(rng.integers(0, 3, size=(m, n)), rng.integers(0, 3, size=(m, n)))
        exact = quiet(enumerate_equilibria, g)
        floats = quiet(enumerate_equilibria, g.to_float())
        assert not floats.exact and all(e.regret <= 1e-9 for e in floats)
        assert close_sets([e.profile for e in floats], [e.profile for e in exact])
        assert sorted(len(c.extreme) for c in floats.components) == sorted(len(c.extreme) for c in exact.components)


# -- fixed exact games ----------------------------------------------------------------


def test_von_stengel_degenerate_example_and_its_components():
    g = Game.from_bimatrix(
        [[3, 3], [2, 5], [0, 6]],
        [[3, 3], [2, 6], [3, 1]],
        players=("Row", "Column"),
        strategies=(("T", "M", "B"), ("l", "r")),
    )
    with pytest.warns(DegenerateGameWarning):
        sol = enumerate_equilibria(g)
    T = (F(1), F(0), F(0))
    assert profile_set(sol) == {
        (T, (F(1), F(0))),
        (T, (F(2, 3), F(1, 3))),
        ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }
    assert all(e.regret == 0 for e in sol)
    cont, iso = sol.components
    assert {e.profile for e in cont.extreme} == {(T, (F(1), F(0))), (T, (F(2, 3), F(1, 3)))}
    assert cont.points == ((T,), ((F(1), F(0)), (F(2, 3), F(1, 3))))
    assert cont.subsets == (((0,), (0, 1)),)
    assert cont.description == "Row plays T; Column mixes l with any probability in [2/3, 1] (r otherwise)"
    assert iso.isolated and iso.extreme[0].profile == ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))
    assert iso.extreme[0].payoffs == (F(4), F(8, 3))
    data = sol.to_dict()["components"]
    assert data[0]["extreme"] == [0, 1] and data[0]["subsets"] == [[[0], [0, 1]]]
    assert data[0]["description"].startswith("Row plays T")


def test_all_zero_game_every_pure_profile_is_extreme_and_one_component():
    g = Game.from_bimatrix(np.zeros((2, 3), dtype=int), np.zeros((2, 3), dtype=int))
    with pytest.warns(DegenerateGameWarning):
        sol = enumerate_equilibria(g)
    assert len(sol) == 6 and all(e.pure for e in sol)
    (comp,) = sol.components
    assert len(comp.extreme) == 6 and comp.subsets == (((0, 1), (0, 1, 2)),)
    assert comp.description == "Player 1 plays any mixed strategy; Player 2 plays any mixed strategy"


def test_continuum_where_column_is_indifferent():
    # Row's T strictly dominates; Column is indifferent against T
    g = Game.from_bimatrix([[1, 1], [0, 0]], [[5, 5], [0, 9]], players=("R", "C"), strategies=(("T", "B"), ("l", "r")))
    with pytest.warns(DegenerateGameWarning):
        sol = solve(g)
    assert profile_set(sol) == {((F(1), F(0)), (F(1), F(0))), ((F(1), F(0)), (F(0), F(1)))}
    (comp,) = sol.components
    assert comp.description == "R plays T; C plays any mixed strategy"
    assert "continuum: R plays T; C plays any mixed strategy" in str(sol)


def test_one_component_made_of_three_maximal_nash_subsets():
    # Column indifferent everywhere; Row: T best against l, B against r, both at y = 1/2
    g = Game.from_bimatrix([[1, 0], [0, 1]], [[0, 0], [0, 0]])
    with pytest.warns(DegenerateGameWarning):
        sol = enumerate_equilibria(g)
    (comp,) = sol.components
    half = (F(1, 2), F(1, 2))
    assert set(comp.points[0]) == {(F(1), F(0)), (F(0), F(1))}
    assert set(comp.points[1]) == {(F(1), F(0)), half, (F(0), F(1))}
    named = {
        (frozenset(comp.points[0][i] for i in xs), frozenset(comp.points[1][j] for j in ys))
        for xs, ys in comp.subsets
    }
    T, B, l, r = (F(1), F(0)), (F(0), F(1)), (F(1), F(0)), (F(0), F(1))
    assert named == {
        (frozenset({T}), frozenset({l, half})),
        (frozenset({T, B}), frozenset({half})),
        (frozenset({B}), frozenset({half, r})),
    }


def test_nondegenerate_game_gives_no_warning_and_isolated_components():
    with warnings.catch_warnings():
        warnings.simplefilter("error", DegenerateGameWarning)
        sol = solve(Game.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]]))
    assert len(sol) == 3 and all(c.isolated for c in sol.components) and sol.notes == ()


def test_large_payoffs_stay_exact():
    # 10**9: int64 pivoting must switch to Python integers before products overflow
    rng = np.random.default_rng(3)
    for scale in (10**3, 10**6, 10**9):
        A = rng.integers(-scale, scale, size=(6, 6)).tolist()
        B = rng.integers(-scale, scale, size=(6, 6)).tolist()
        sol = enumerate_equilibria(Game.from_bimatrix(A, B))
        assert profile_set(sol) == gambit_exact(A, B)
    # 10**18: beyond what Gambit's rational path accepts here; compare with QuantEcon's floats
    A = [[int(v) * 10**9 + 7 for v in row] for row in rng.integers(-(10**9), 10**9, size=(6, 6))]
    B = [[int(v) * 10**9 - 3 for v in row] for row in rng.integers(-(10**9), 10**9, size=(6, 6))]
    sol = enumerate_equilibria(Game.from_bimatrix(A, B))
    assert all(e.regret == 0 for e in sol) and len(sol) % 2 == 1
    Af, Bf = np.array(A, dtype=float), np.array(B, dtype=float)
    qe = qe_gt.vertex_enumeration(qe_gt.NormalFormGame((qe_gt.Player(Af), qe_gt.Player(Bf.T))))
    assert close_sets([e.profile for e in sol], [(tuple(x), tuple(y)) for x, y in qe])


def test_fraction_payoffs_and_one_strategy_players():
    g = Game.from_bimatrix([["1/2", "1/3", "1/4"]], [["1/3", "1/2", "1/2"]])
    sol = enumerate_equilibria(g, warn=False)
    assert profile_set(sol) == {((F(1),), (F(0), F(1), F(0))), ((F(1),), (F(0), F(0), F(1)))}
    assert len(sol.components) == 1


def test_not_two_players():
    with pytest.raises(NotSupportedError):
        enumerate_equilibria(Game([[[[1]]]] * 3))


def test_solve_n_player_uses_polynomial_enumeration():
    # three-player pure coordination: both pure profiles, and everyone mixing 1/2 (each pure
    # strategy then pays 1/4); a pair playing different strategies leaves the third indifferent,
    # but one of the pair then gains by switching, so there is nothing else
    g = Game([[[[1, 0], [0, 0]], [[0, 0], [0, 1]]]] * 3)
    sol = solve(g)
    assert sol.method == "polynomial_equilibria" and sol.complete
    half = (Fraction(1, 2), Fraction(1, 2))
    assert sorted(e.profile for e in sol) == sorted([((1, 0),) * 3, ((0, 1),) * 3, (half,) * 3])


# -- laws -------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_nondegenerate_games_have_an_odd_number_of_equilibria(m, n, seed):
    rng = np.random.default_rng(seed)
    sol = enumerate_equilibria(Game.from_bimatrix(rng.random((m, n)), rng.random((m, n))))
    assert len(sol) % 2 == 1
    assert all(c.isolated for c in sol.components)


small_ints = st.integers(-3, 3)


@st.composite
def integer_bimatrices(draw, max_size=4):
    m = draw(st.integers(1, max_size))
    n = draw(st.integers(1, max_size))
    A = draw(st.lists(st.lists(small_ints, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(small_ints, min_size=n, max_size=n), min_size=m, max_size=m))
    return A, B


@settings(max_examples=60, deadline=None)
@given(integer_bimatrices(), st.fractions(min_value=F(1, 7), max_value=7), st.integers(-5, 5),
       st.fractions(min_value=F(1, 7), max_value=7), st.integers(-5, 5))
def test_invariant_under_positive_affine_transforms(AB, a, b, c, d):
    A, B = AB
    base = profile_set(quiet(enumerate_equilibria, Game.from_bimatrix(A, B)))
    A2 = [[a * v + b for v in row] for row in A]
    B2 = [[c * v + d for v in row] for row in B]
    assert profile_set(quiet(enumerate_equilibria, Game.from_bimatrix(A2, B2))) == base


@settings(max_examples=60, deadline=None)
@given(integer_bimatrices(), st.randoms(use_true_random=False))
def test_invariant_under_relabelling_strategies_and_players(AB, rnd):
    A, B = AB
    g = Game.from_bimatrix(A, B)
    base = profile_set(quiet(enumerate_equilibria, g))
    m, n = g.shape
    pr, pc = list(range(m)), list(range(n))
    rnd.shuffle(pr)
    rnd.shuffle(pc)
    h = g.permute_strategies(0, pr).permute_strategies(1, pc)
    permuted = {(tuple(x[k] for k in pr), tuple(y[k] for k in pc)) for x, y in base}
    assert profile_set(quiet(enumerate_equilibria, h)) == permuted
    swapped = profile_set(quiet(enumerate_equilibria, g.permute_players([1, 0])))
    assert swapped == {(y, x) for x, y in base}


def lp_value(A):
    """Value of the zero-sum game A (row maximises) by linear programming."""
    from scipy.optimize import linprog

    A = np.asarray(A, dtype=float)
    m, n = A.shape
    # max v s.t. A^T x >= v, sum x = 1, x >= 0
    c = np.zeros(m + 1)
    c[-1] = -1
    res = linprog(
        c,
        A_ub=np.hstack([-A.T, np.ones((n, 1))]),
        b_ub=np.zeros(n),
        A_eq=np.hstack([np.ones((1, m)), np.zeros((1, 1))]),
        b_eq=[1],
        bounds=[(0, None)] * m + [(None, None)],
    )
    assert res.status == 0
    return res.x[-1]


@settings(max_examples=40, deadline=None)
@given(integer_bimatrices(max_size=5))
def test_zero_sum_equilibrium_payoffs_equal_the_lp_value(AB):
    A, _ = AB
    sol = quiet(enumerate_equilibria, Game.zero_sum(A))
    value = lp_value(A)
    assert len(sol) >= 1
    for e in sol:
        assert abs(float(e.payoffs[0]) - value) <= 1e-9
        assert e.payoffs[0] == -e.payoffs[1]
    assert len({e.payoffs[0] for e in sol}) == 1  # exactly one value


def _exact_twin(game):
    """The same game with each float payoff converted to the exact rational it denotes."""
    from fractions import Fraction

    return Game(np.vectorize(Fraction, otypes=[object])(game.payoffs), players=game.players, strategies=game.strategies)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_float_path_agrees_with_exact_path_on_the_same_numbers(m, n, seed):
    # regression: the float shortcut once merged two vertices of Q whose label sets differed
    # (seed 45759, 2x3), returning a non-equilibrium that verification then rejected
    rng = np.random.default_rng(seed)
    g = Game.from_bimatrix(rng.random((m, n)), rng.random((m, n)))
    got = sorted(tuple(np.round(np.concatenate(e.profile).astype(float), 9)) for e in enumerate_equilibria(g))
    want = sorted(
        tuple(np.round(np.array([float(p) for v in e.profile for p in v]), 9)) for e in enumerate_equilibria(_exact_twin(g))
    )
    assert got == want


def test_float_shortcut_regression_seed_45759():
    rng = np.random.default_rng(45759)
    g = Game.from_bimatrix(rng.random((2, 3)), rng.random((2, 3)))
    sol = enumerate_equilibria(g)
    assert len(sol) == 3 and all(e.regret <= 1e-12 for e in sol)
