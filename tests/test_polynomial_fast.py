"""The fast N-player enumeration: catalog games with known counts, pygambit's enumpoly_solve as
oracle, the structured elimination against the general Gröbner method, pruning and exclusion laws,
exact certificates and the number-field arithmetic behind them."""

from __future__ import annotations

import pickle
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pygambit as gbt
import pytest
import sympy as sp
from flint import fmpq, fmpq_poly, fmpz_poly
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory import AlgebraicEquilibrium, DegenerateGameWarning, Game, load, solve
from gametheory.solvers import polynomial as poly
from gametheory.solvers._number_field import positive_real_roots, real_roots
from gametheory.solvers._support_exclusion import excluded_by_subdivision
from gametheory.solvers._support_pruning import all_support_profiles, surviving_supports
from gametheory.solvers._support_systems import NeedsGeneralMethod, support_candidates, verify_candidate
from gametheory.solvers.polynomial import polynomial_equilibria

DATA = Path(__file__).parent / "data" / "gambit"


def _flat(profile) -> np.ndarray:
    return np.concatenate([np.asarray([float(p) for p in v]) for v in profile])


def _gambit(game: Game) -> gbt.Game:
    return gbt.Game.from_arrays(*[np.vectorize(lambda v: gbt.Rational(v.numerator, v.denominator), otypes=[object])(
        game.payoffs[i]) for i in range(game.num_players)])


def _check_against_enumpoly(game: Game, sol) -> int:
    """Every enumpoly equilibrium is one of ours; every extra one of ours is confirmed by pygambit's regret."""
    gg = _gambit(game)
    theirs = [np.array([float(e[s]) for p in gg.players for s in p.strategies])
              for e in gbt.nash.enumpoly_solve(gg, maxregret=1e-10).equilibria]
    ours = [_flat(e.profile) for e in sol]
    for t in theirs:
        assert min(np.max(np.abs(t - o)) for o in ours) <= 1e-8, f"enumpoly equilibrium {t} not found"
    for o in ours:
        if min((np.max(np.abs(t - o)) for t in theirs), default=1.0) > 1e-8:
            prof = gg.mixed_strategy_profile([[float(p) for p in v] for v in np.split(o, np.cumsum(game.shape)[:-1])])
            assert float(prof.max_regret()) <= 1e-9
    return len(theirs)


def _exact_indifference(game: Game, eq) -> None:
    """Check an exact profile (Fractions or sympy numbers) in exact arithmetic: regret exactly 0."""
    x = eq.exact_profile if isinstance(eq, AlgebraicEquilibrium) else eq.profile
    n = game.num_players
    for i in range(n):
        vals = []
        for k in range(game.shape[i]):
            total = 0
            for s in np.ndindex(*game.shape):
                if s[i] != k:
                    continue
                w = sp.Rational(1)
                for j in range(n):
                    if j != i:
                        w *= sp.nsimplify(x[j][s[j]]) if isinstance(x[j][s[j]], Fraction) else x[j][s[j]]
                p = game.payoffs[(i, *s)]
                total += sp.Rational(p.numerator, p.denominator) * w
            vals.append(sp.expand(total))
        best = vals[eq.supports[i][0]]
        for k in eq.supports[i]:
            assert sp.simplify(vals[k] - best) == 0
        for k in range(game.shape[i]):
            if k not in eq.supports[i]:
                assert float(sp.N(vals[k] - best, 50)) < 0 or sp.simplify(vals[k] - best) == 0


# -- Gambit's example games ----------------------------------------------------------------------

def test_mckelvey_mclennan_file_nine_equilibria():
    game = load(DATA / "2x2x2.nfg")
    sol = polynomial_equilibria(game)
    assert sol.complete and len(sol) == 9
    assert sum(e.pure for e in sol) == 4 and sum(all(len(s) == 2 for s in e.supports) for e in sol) == 2
    assert all(e.regret == 0 and all(isinstance(p, Fraction) for v in e.profile for p in v) for e in sol)
    assert _check_against_enumpoly(game, sol) == 9


def test_3x3x3_file_five_equilibria_one_irrational_certified():
    game = load(DATA / "3x3x3.nfg")
    sol = polynomial_equilibria(game)
    assert sol.complete and len(sol) == 5  # the file's title: five equilibria, two pure
    assert sum(e.pure for e in sol) == 2
    algebraic = [e for e in sol if isinstance(e, AlgebraicEquilibrium)]
    assert len(algebraic) == 1
    eq = algebraic[0]
    assert "sqrt(37404292371517189681)" in str(eq.primitive_element)
    _exact_indifference(game, eq)
    assert np.max(np.abs(_flat(eq.profile) - np.array([float(v) for vec in eq.exact_profile for v in vec]))) < 1e-15
    # pygambit's enumpoly finds four of them
    assert _check_against_enumpoly(game, sol) == 4


def test_coord333_thirteen_rational_equilibria():
    game = load(DATA / "coord333.nfg")
    sol = polynomial_equilibria(game)
    assert sol.complete and len(sol) == 13 and sum(e.pure for e in sol) == 9
    mixed = sorted(tuple(sorted(set(e.profile[0]) - {0})) for e in sol if not e.pure)
    assert mixed == [(Fraction(1, 3),), (Fraction(1, 2),), (Fraction(1, 2),), (Fraction(1, 2),)]
    for e in sol:
        _exact_indifference(game, e)
    assert _check_against_enumpoly(game, sol) == 13


def test_five_player_file_solved_completely():
    game = load(DATA / "2x2x2x2x2.nfg")
    sol = polynomial_equilibria(game)
    assert sol.complete and len(sol) == 5  # the file's title: five equilibria
    assert sol.parameters["general_method"] == 0
    assert _check_against_enumpoly(game, sol) <= 5
    fgame = game.to_float()
    for e in sol:
        assert max(fgame.regret(e.profile)) <= 1e-12
    # solve() now reaches five players with two strategies each
    via_solve = solve(game)
    assert via_solve.method == "polynomial_equilibria" and via_solve.complete and len(via_solve) == 5


# -- random games against pygambit and against the general method --------------------------------

def _games(shape, lo, hi):
    n = int(np.prod(shape)) * len(shape)
    return st.lists(st.integers(lo, hi), min_size=n, max_size=n).map(
        lambda xs: Game(np.array(xs).reshape(len(shape), *shape)))


def _distinct_games(shape):
    """Games whose payoffs are distinct for each player (no ties: generic in practice)."""
    size = int(np.prod(shape))
    player = st.lists(st.integers(-1000, 1000), min_size=size, max_size=size, unique=True)
    return st.lists(player, min_size=len(shape), max_size=len(shape)).map(
        lambda ps: Game(np.array(ps).reshape(len(shape), *shape)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(2, 2, 2), (2, 2, 3)]).flatmap(_distinct_games))
def test_law_random_games_match_enumpoly(game):
    sol = polynomial_equilibria(game)
    assert sol.complete
    assert _check_against_enumpoly(game, sol) <= len(sol)  # never fewer than pygambit


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(2, 2, 2), (2, 2, 3), (2, 3, 3)]).flatmap(lambda s: _games(s, -3, 3)))
def test_law_structured_elimination_equals_groebner_support_by_support(game):
    """On every surviving support the structured method lists exactly what the general one does."""
    arr = poly._exact_payoffs(game)
    ints, scales = poly._integer_payoffs(game, arr)
    for support in surviving_supports(np.stack(ints)):
        try:
            cands = support_candidates(ints, support)
        except NeedsGeneralMethod:
            continue
        ours = []
        for c in cands:
            v = verify_candidate(ints, support, c)
            if v is not None:
                ours.append(poly._equilibrium(game, support, v, scales))
        theirs, finite = poly._solve_support(game, arr, support)
        if not finite:
            continue
        key = lambda e: tuple(round(float(p), 12) for vec in e.profile for p in vec)  # noqa: E731
        assert sorted(map(key, ours)) == sorted(map(key, theirs)), support
        for e in ours:
            if not isinstance(e, AlgebraicEquilibrium):
                assert max(game.regret(e.profile)) == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(2, 2, 2), (2, 3, 2), (3, 3, 2)]).flatmap(lambda s: _games(s, -2, 2)))
def test_law_pruning_equals_conditional_dominance(game):
    arr = poly._exact_payoffs(game)
    old = [s for s in all_support_profiles(game.shape) if not poly._conditionally_dominated(arr, s)]
    assert list(surviving_supports(game.integer_payoffs)) == old


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_games((2, 2, 2), -3, 3))
def test_law_exclusion_never_hides_an_equilibrium(game):
    arr = poly._exact_payoffs(game)
    ints, _ = poly._integer_payoffs(game, arr)
    floats = [x.astype(float) for x in ints]
    for support in all_support_profiles(game.shape):
        if sum(len(s) > 1 for s in support) >= 2 and excluded_by_subdivision(floats, support):
            eqs, _ = poly._solve_support(game, arr, support)
            assert eqs == [], support


def test_degenerate_games_stay_honest():
    # Nau's game: a continuum of totally mixed equilibria is reported, not hidden
    outcomes = [(0, 0, 2), (3, 0, 0), (0, 3, 0), (0, 0, 0), (1, 1, 0), (0, 0, 0), (0, 0, 0), (0, 0, 3)]
    arr = np.zeros((3, 2, 2, 2), dtype=int)
    for o, pay in enumerate(outcomes):
        s = (o % 2, o // 2 % 2, o // 4)
        arr[(slice(None), *s)] = pay
    with pytest.warns(DegenerateGameWarning):
        sol = polynomial_equilibria(Game(arr))
    assert not sol.complete and sol.parameters["general_method"] >= 1


# -- exact results: deferred sympy values, pickling ---------------------------------------------

def test_irrational_equilibrium_deferred_exact_values_pickle():
    g = Game([[[[1, 3], [0, 1]], [[0, 0], [1, 2]]], [[[2, 1], [0, 3]], [[3, 0], [0, 1]]],
              [[[0, 3], [2, 2]], [[1, 2], [3, 0]]]])
    eq = polynomial_equilibria(g)[0]
    copy = pickle.loads(pickle.dumps(eq))
    assert isinstance(copy, AlgebraicEquilibrium)
    assert copy.exact_profile[0] == (sp.Rational(11, 3) - sp.sqrt(82) / 3, sp.Rational(-8, 3) + sp.sqrt(82) / 3)
    assert eq.exact_profile == copy.exact_profile and eq == copy
    assert eq.to_dict()["exact_profile"]["Player 1"]["1"] == "11/3 - sqrt(82)/3"
    _exact_indifference(g, eq)


# -- number fields --------------------------------------------------------------------------------

def test_number_field_signs_are_exact_near_zero():
    sqrt2 = real_roots(fmpz_poly([-2, 0, 1]))[-1]
    close = fmpq(14142135623730950488016887242097, 10**31)  # just above √2
    assert sqrt2.sign(fmpq_poly([close, -1])) == 1
    assert sqrt2.sign(fmpq_poly([-2, 0, 1])) == 0  # θ² - 2 is exactly zero
    assert sqrt2.sign(fmpq_poly([fmpq(-14142135623730950488016887242096, 10**31), 1])) == 1
    assert sqrt2.approx(fmpq_poly([0, 1])) == float(sp.sqrt(2).evalf(30))


def test_number_field_cubic_display_and_roots():
    # t^3 - 3t + 1: three real roots; the field of the middle one, and a value in it
    roots = real_roots(fmpz_poly([1, -3, 0, 1]))
    assert [round(r.approx(fmpq_poly([0, 1])), 9) for r in roots] == [-1.879385242, 0.347296355, 1.532088886]
    mid = roots[1]
    value = mid.to_sympy(fmpq_poly([0, 2]))  # 2θ: a root of t^3 - 12t + 8
    assert value.has(sp.CRootOf) and abs(float(value) - 2 * 0.3472963553338607) < 1e-12
    assert abs(complex(sp.N(value**3 - 12 * value + 8, 40))) < 1e-30
    assert [r.f for r in positive_real_roots(fmpz_poly([1, -3, 0, 1]) * fmpz_poly([-1, 2]))] == [
        fmpz_poly([-1, 2]), fmpz_poly([1, -3, 0, 1]), fmpz_poly([1, -3, 0, 1])]


# -- limits: the general method's budget, solve()'s reach -------------------------------------------

def _nau_game() -> Game:
    """Nau's 2×2×2 game: its totally mixed support holds a curve of equilibria (non-linear), which
    neither the structured elimination nor the hidden-variable resultant decides."""
    outcomes = [(0, 0, 2), (3, 0, 0), (0, 3, 0), (0, 0, 0), (1, 1, 0), (0, 0, 0), (0, 0, 0), (0, 0, 3)]
    arr = np.zeros((3, 2, 2, 2), dtype=int)
    for o, pay in enumerate(outcomes):
        arr[(slice(None), o % 2, o // 2 % 2, o // 4)] = pay
    return Game(arr)


def test_general_budget_leaves_supports_undecided_and_says_so():
    # (the random 2×2×3×3 game once used here is now decided without the general method:
    # tests/test_polynomial_fiveplayer.py)
    game = _nau_game()
    sol = polynomial_equilibria(game, general_budget=0.0)
    assert not sol.complete and sol.parameters["undecided"] >= 1
    assert any("not decided within the time allowed" in n and "hidden-variable resultant" in n for n in sol.notes)
    for e in sol:
        assert max(game.regret(e.profile)) == 0
    # what the budgeted run lists is part of what the unlimited run lists: nothing invented
    with pytest.warns(DegenerateGameWarning):
        full = polynomial_equilibria(game)
    assert {tuple(map(tuple, e.profile)) for e in sol} <= {tuple(map(tuple, e.profile)) for e in full}


def test_solve_reach_and_fallback():
    rng = np.random.default_rng(3)
    four = Game(rng.integers(-9, 10, size=(3, 4, 4, 4)))  # 3375 support profiles: beyond solve's reach
    sol = solve(four)
    assert not sol.complete and any("only pure equilibria" in n for n in sol.notes)
    six = Game(rng.integers(-9, 10, size=(6, 2, 2, 2, 2, 2, 2)))  # six players: beyond SOLVE_MAX_PLAYERS
    assert any("only pure equilibria" in n for n in solve(six).notes)
    three = Game(rng.integers(-1000, 1001, size=(3, 3, 3, 4)))  # 735 support profiles: solved
    sol = solve(three)
    assert sol.method == "polynomial_equilibria" and sol.complete


def test_one_player_ties_are_a_component():
    sol = polynomial_equilibria(Game([[1, 3, 3, 0]]))
    assert sol.complete and [e.profile[0] for e in sol] == [(0, 1, 0, 0), (0, 0, 1, 0)]
    assert len(sol.components) == 1 and len(sol.components[0].extreme) == 2
