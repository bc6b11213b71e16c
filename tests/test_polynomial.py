"""N-player polynomial enumeration: fixed games, pygambit's enumpoly_solve as oracle, hypothesis laws."""

from __future__ import annotations

import io
import warnings
from fractions import Fraction

import numpy as np
import pygambit as gbt
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory import AlgebraicEquilibrium, DegenerateGameWarning, Game, pure_equilibria
from gametheory.errors import NotSupportedError
from gametheory.solvers.polynomial import polynomial_equilibria, support_equilibria

# McKelvey & McLennan (1997) 2x2x2 game, in Gambit's .nfg format (outcomes: player 1 varies fastest)
MM_NFG = """NFG 1 R "McKelvey-McLennan 2x2x2" { "Player 1" "Player 2" "Player 3" }
{ { "1" "2" } { "1" "2" } { "1" "2" } }
""
{
{ "" 9, 8, 12 } { "" 0, 0, 0 } { "" 0, 0, 0 } { "" 9, 8, 2 }
{ "" 0, 0, 0 } { "" 3, 4, 6 } { "" 3, 4, 6 } { "" 0, 0, 0 }
}
1 2 3 4 5 6 7 8
"""

# Nau's 2x2x2 game: 3 pure equilibria, 2 partly mixed, a continuum of totally mixed equilibria
NAU_OUTCOMES = [(0, 0, 2), (3, 0, 0), (0, 3, 0), (0, 0, 0), (1, 1, 0), (0, 0, 0), (0, 0, 0), (0, 0, 3)]


def _from_outcomes(outcomes, shape):
    arr = np.zeros((len(shape), *shape), dtype=int)
    for o, pay in enumerate(outcomes):
        s, rest = [], o
        for n in shape:  # Gambit order: first player fastest
            s.append(rest % n)
            rest //= n
        for i, v in enumerate(pay):
            arr[(i, *s)] = v
    return arr


def _gambit_game(game: Game) -> gbt.Game:
    return gbt.Game.from_arrays(*[np.vectorize(lambda v: gbt.Rational(v.numerator, v.denominator) if isinstance(
        v, Fraction) else float(v), otypes=[object])(game.payoffs[i]) for i in range(game.num_players)])


def _flat(profile) -> np.ndarray:
    return np.concatenate([np.asarray([float(p) for p in v]) for v in profile])


def _gambit_profiles(gg: gbt.Game, eqs) -> list[np.ndarray]:
    return [np.array([float(e[s]) for p in gg.players for s in p.strategies]) for e in eqs]


def _compare_with_enumpoly(game: Game, sol) -> tuple[int, int]:
    """Every enumpoly equilibrium is one of ours within 1e-9; any extra of ours is confirmed by pygambit's regret."""
    gg = _gambit_game(game)
    theirs = _gambit_profiles(gg, gbt.nash.enumpoly_solve(gg, maxregret=1e-10).equilibria)
    ours = [_flat(e.profile) for e in sol]
    for t in theirs:
        assert min(np.max(np.abs(t - o)) for o in ours) <= 1e-9, f"enumpoly equilibrium {t} not found"
    extra = 0
    for o in ours:
        if min((np.max(np.abs(t - o)) for t in theirs), default=1.0) > 1e-9:
            extra += 1
            # the oracle confirms that what it missed is an equilibrium
            prof = gg.mixed_strategy_profile([[float(p) for p in v] for v in
                                              np.split(o, np.cumsum(game.shape)[:-1])])
            assert float(prof.max_regret()) <= 1e-12
    return len(theirs), extra


def test_mckelvey_mclennan_nine_equilibria_match_enumpoly():
    gg = gbt.read_nfg(io.StringIO(MM_NFG))
    arr = np.array([np.vectorize(float)(a) for a in gg.to_arrays()]).astype(int)
    game = Game(arr)
    assert np.array_equal(game.payoffs[2].astype(int), [[[12, 0], [0, 6]], [[0, 6], [2, 0]]])
    sol = polynomial_equilibria(game)
    assert sol.complete and sol.exact
    assert len(sol) == 9  # the maximal number for 2x2x2 games (McKelvey & McLennan 1997)
    n_theirs, extra = _compare_with_enumpoly(game, sol)
    assert n_theirs == 9 and extra == 0
    assert all(e.regret == 0 and all(isinstance(p, Fraction) for v in e.profile for p in v) for e in sol)
    # two totally mixed equilibria, as in the paper's title
    assert sum(all(len(s) == 2 for s in e.supports) for e in sol) == 2


def test_irrational_equilibrium_exact_and_certified():
    g = Game([[[[1, 3], [0, 1]], [[0, 0], [1, 2]]], [[[2, 1], [0, 3]], [[3, 0], [0, 1]]],
              [[[0, 3], [2, 2]], [[1, 2], [3, 0]]]])
    sol = polynomial_equilibria(g)
    assert sol.complete and len(sol) == 1
    eq = sol[0]
    assert isinstance(eq, AlgebraicEquilibrium)
    # exact values: 11/3 - sqrt(82)/3 etc.; check the exact profile sums to 1 and is an equilibrium exactly
    for vec in eq.exact_profile:
        assert sp.simplify(sum(vec) - 1) == 0
    x = eq.exact_profile
    for i in range(3):
        vals = []
        for k in range(2):
            total = 0
            for s in np.ndindex(2, 2, 2):
                if s[i] != k:
                    continue
                w = 1
                for j in range(3):
                    if j != i:
                        w *= x[j][s[j]]
                total += int(g.payoffs[(i, *s)]) * w
            vals.append(total)
        assert sp.simplify(vals[0] - vals[1]) == 0  # indifference holds exactly
    assert np.max(np.abs(_flat(eq.profile) - np.array([float(v) for vec in x for v in vec]))) <= 1e-15
    assert _compare_with_enumpoly(g, sol) == (1, 0)
    assert "sqrt(82)" in str(eq) and eq.to_dict()["exact_regret"] == "0"


@pytest.mark.parametrize("shape,seed", [((2, 2, 2), s) for s in range(6)] + [((2, 2, 3), s) for s in range(4)])
def test_random_games_match_enumpoly(shape, seed):
    rng = np.random.default_rng(1000 + seed)
    game = Game(rng.integers(-1000, 1001, size=(3, *shape)))  # wide range: ties are unlikely
    sol = polynomial_equilibria(game)
    assert sol.complete
    n_theirs, extra = _compare_with_enumpoly(game, sol)
    assert len(sol) == n_theirs + extra
    assert len(sol) % 2 == 1  # generic games have an odd number of equilibria (Wilson 1971)


def test_enumpoly_misses_an_equilibrium_that_we_find_and_pygambit_confirms():
    arr = [[[[2, -7, -3], [3, 5, -2]], [[-9, 4, 0], [3, -6, -1]]],
           [[[7, 7, -3], [3, -8, 6]], [[-4, -3, 9], [1, 7, -6]]],
           [[[5, 9, -8], [-5, -7, -5]], [[-4, -8, 8], [-5, 8, 5]]]]
    game = Game(arr)
    sol = polynomial_equilibria(game)
    assert sol.complete and len(sol) == 5
    n_theirs, extra = _compare_with_enumpoly(game, sol)
    assert extra == len(sol) - n_theirs


def test_float_game_matches_enumpoly():
    rng = np.random.default_rng(7)
    game = Game(rng.normal(size=(3, 2, 2, 2)))
    sol = polynomial_equilibria(game)
    assert not sol.exact and sol.complete
    _compare_with_enumpoly(game, sol)
    assert all(isinstance(p, float) for e in sol for v in e.profile for p in v)


def test_nau_game_continuum_reported_not_hidden():
    game = Game(_from_outcomes(NAU_OUTCOMES, (2, 2, 2)))
    with pytest.warns(DegenerateGameWarning):
        sol = polynomial_equilibria(game)
    assert not sol.complete
    assert any("infinitely many" in n for n in sol.notes)
    pures = {tuple(tuple(v) for v in e.profile) for e in pure_equilibria(game)}
    assert len(pures) == 3 and pures <= {tuple(tuple(v) for v in e.profile) for e in sol}
    # the two partly mixed equilibria are endpoints of segments ending at pure equilibria
    assert len(sol.components) == 2
    for comp in sol.components:
        assert len(comp.extreme) == 2 and sum(e.pure for e in comp.extreme) == 1
        mixed = [e for e in comp.extreme if not e.pure][0]
        assert sorted(mixed.profile[2]) == [Fraction(1, 4), Fraction(3, 4)]


def test_two_player_and_linear_continuum():
    mp = Game.zero_sum([[1, -1], [-1, 1]])
    sol = polynomial_equilibria(mp)
    assert [e.profile for e in sol] == [((Fraction(1, 2),) * 2,) * 2]
    tie = Game.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    sol = polynomial_equilibria(tie)
    assert sol.complete and len(sol.components) == 1 and len(sol) == 2


def test_support_equilibria_and_limits():
    g = Game.zero_sum([[1, -1], [-1, 1]])
    eqs, finite = support_equilibria(g, [(0,), (0, 1)])
    assert eqs == [] and finite
    with pytest.raises(NotSupportedError):
        polynomial_equilibria(Game(np.zeros((3, 6, 6, 6), dtype=int)), max_support_profiles=1000)


def _small_games(shape):
    n = int(np.prod(shape)) * len(shape)
    return st.lists(st.integers(-3, 3), min_size=n, max_size=n).map(
        lambda xs: Game(np.array(xs).reshape(len(shape), *shape)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_small_games((2, 2, 2)))
def test_law_every_equilibrium_verified_and_pure_ones_included(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        sol = polynomial_equilibria(game)
    fgame = game.to_float()
    for e in sol:
        if isinstance(e, AlgebraicEquilibrium):
            assert max(fgame.regret(e.profile)) <= 1e-12
        else:
            assert max(game.regret(e.profile)) == 0
    found = {tuple(tuple(v) for v in e.profile) for e in sol}
    assert {tuple(tuple(v) for v in e.profile) for e in pure_equilibria(game)} <= found
    assert len(found) == len(sol)  # no duplicates


@pytest.mark.parametrize("seed", range(4))
def test_two_player_games_match_enummixed_exactly(seed):
    rng = np.random.default_rng(500 + seed)
    A, B = rng.integers(-50, 51, size=(2, 3, 4))
    game = Game.from_bimatrix(A, B)
    sol = polynomial_equilibria(game)
    gg = gbt.Game.from_arrays(A, B)
    theirs = {tuple(Fraction(str(e[s])) for p in gg.players for s in p.strategies)
              for e in gbt.nash.enummixed_solve(gg, rational=True).equilibria}
    ours = {tuple(p for v in e.profile for p in v) for e in sol}
    assert sol.complete and ours == theirs


def test_all_zero_game_is_one_linear_component():
    game = Game(np.zeros((3, 2, 2, 2), dtype=int))
    sol = polynomial_equilibria(game)  # every profile is an equilibrium: the whole cube
    assert sol.complete and len(sol) == 8 and all(e.pure for e in sol)
    assert len(sol.components) == 1 and len(sol.components[0].extreme) == 8
