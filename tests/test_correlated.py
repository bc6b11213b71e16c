"""Correlated and coarse correlated equilibria: known values, exact certificates, hypothesis laws."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from gametheory import AlgebraicEquilibrium, DegenerateGameWarning, Game
from gametheory.errors import InvalidProfileError, NotSupportedError
from gametheory.solvers.correlated import (
    coarse_correlated_equilibria,
    correlated_constraints,
    correlated_equilibria,
    correlated_violation,
    product_distribution,
)
from gametheory.solvers.polynomial import polynomial_equilibria

CHICKEN = Game.from_bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], strategies=(("Dare", "Chicken"),) * 2)


def maxmin_value(game: Game, i: int) -> float:
    """Player i's maxmin value against opponents who may correlate: max_x min_{s_-i} Σ_k x_k u_i(k, s_-i).

    By the minimax theorem this is a lower bound on i's payoff in every coarse correlated
    (hence every correlated) equilibrium: i could always play the fixed strategy
    that best answers the distribution of the others' recommendations.
    """
    u = np.moveaxis(np.asarray(game.payoffs[i], dtype=float), i, 0).reshape(game.shape[i], -1)
    n, m = u.shape
    c = np.zeros(n + 1)
    c[-1] = -1.0
    A = np.hstack([-u.T, np.ones((m, 1))])  # v - Σ x_k u_k(s) <= 0
    res = linprog(c, A_ub=A, b_ub=np.zeros(m), A_eq=[[1.0] * n + [0.0]], b_eq=[1.0],
                  bounds=[(0, None)] * n + [(None, None)], method="highs")
    assert res.status == 0
    return -res.fun


def test_chicken_welfare_optimum_is_aumanns():
    res = correlated_equilibria(CHICKEN)
    assert res.certified and res.value == Fraction(21, 2)
    assert dict(res.optimum.distribution) == {(0, 1): Fraction(1, 4), (1, 0): Fraction(1, 4), (1, 1): Fraction(1, 2)}
    assert res.optimum.violation == 0  # the constraint that binds holds with equality
    # better than any Nash equilibrium's welfare: 9 at the pure ones, 28/3 at the mixed one (Dare 1/3)
    nash_best = max(sum(e.payoffs) for e in polynomial_equilibria(CHICKEN))
    assert nash_best == Fraction(28, 3) and res.value > nash_best
    # player objective and weights
    assert correlated_equilibria(CHICKEN, "Player 1").value == 7
    assert correlated_equilibria(CHICKEN, [1, 0]).value == 7
    # the coarse set is larger
    assert coarse_correlated_equilibria(CHICKEN).value >= res.value


def test_constraints_and_violation():
    G, labels = correlated_constraints(CHICKEN)
    assert G.shape == (4, 4) and labels[0] == "Player 1: Dare -> Chicken"
    Gc, labels_c = correlated_constraints(CHICKEN, coarse=True)
    assert Gc.shape == (4, 4) and labels_c[1] == "Player 1: -> Chicken"
    assert correlated_violation(CHICKEN, [0, 0, 0, 1]) == 1  # (Chicken, Chicken) for sure: Dare gains 1


def test_vertices_of_chicken_polytope():
    res = correlated_equilibria(CHICKEN, vertices=True)
    verts = res.vertices
    # every vertex is exact, feasible and distinct; the optimum and the three Nash equilibria are among them
    assert all(v.violation <= 0 for v in verts)
    dists = {v.distribution for v in verts}
    assert len(dists) == len(verts)
    assert res.optimum.distribution in dists
    for e in polynomial_equilibria(CHICKEN):
        p = product_distribution(CHICKEN, e.profile)
        assert tuple(((s, q) for s, q in zip(np.ndindex(2, 2), p) if q > 0)) in dists
    # a 2x2 game with three Nash equilibria: the CE polytope is the hull of those and two more points
    # (Calvó-Armengol 2006, "The set of correlated equilibria of 2x2 games")
    assert len(verts) == 5
    # independent completeness check: random linear objectives are maximised at one of the vertices
    G, _ = correlated_constraints(CHICKEN)
    Gf = np.asarray(G, dtype=float)
    V = np.array([[float(x) for x in v.as_array().reshape(-1)] for v in verts])
    rng = np.random.default_rng(0)
    for _ in range(40):
        c = rng.normal(size=4)
        lp = linprog(-c, A_ub=Gf, b_ub=np.zeros(len(Gf)), A_eq=np.ones((1, 4)), b_eq=[1.0], bounds=[(0, None)] * 4)
        assert abs(-lp.fun - max(V @ c)) <= 1e-9


def test_float_game_and_errors():
    rng = np.random.default_rng(1)
    g = Game(rng.normal(size=(3, 2, 3, 2)))
    res = correlated_equilibria(g)
    assert not res.exact and res.optimum.violation <= 1e-9
    with pytest.raises(InvalidProfileError):
        correlated_equilibria(CHICKEN, [1, 2, 3])
    with pytest.raises(NotSupportedError):
        correlated_equilibria(Game(np.zeros((3, 4, 4, 4), dtype=int)), vertices=True)


def _games(draw_shape):
    @st.composite
    def strat(draw):
        shape = draw(draw_shape)
        n = int(np.prod(shape)) * len(shape)
        xs = draw(st.lists(st.integers(-5, 5), min_size=n, max_size=n))
        return Game(np.array(xs).reshape(len(shape), *shape))

    return strat()


SHAPES = st.sampled_from([(2, 2), (2, 3), (3, 3), (2, 2, 2)])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_games(SHAPES), st.sampled_from(["welfare", 0, 1, None]))
def test_law_ce_and_cce_payoffs_at_least_maxmin(game, objective):
    bounds = [maxmin_value(game, i) for i in range(game.num_players)]
    for solver in (correlated_equilibria, coarse_correlated_equilibria):
        res = solver(game, objective)
        assert res.optimum.violation <= 0  # exact
        assert abs(sum(p for _, p in res.optimum.distribution) - 1) == 0
        for i, v in enumerate(res.optimum.payoffs):
            assert float(v) >= bounds[i] - 1e-9
    assert correlated_equilibria(game, objective).value <= coarse_correlated_equilibria(game, objective).value


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_games(st.sampled_from([(2, 2), (2, 3)])))
def test_law_every_vertex_payoff_at_least_maxmin(game):
    bounds = [maxmin_value(game, i) for i in range(game.num_players)]
    for v in correlated_equilibria(game, vertices=True).vertices:
        assert v.violation <= 0
        assert all(float(x) >= bounds[i] - 1e-9 for i, x in enumerate(v.payoffs))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_games(st.sampled_from([(2, 2), (2, 3), (2, 2, 2)])))
def test_law_nash_product_distributions_satisfy_ce_constraints(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        sol = polynomial_equilibria(game)
    for e in sol:
        if isinstance(e, AlgebraicEquilibrium):
            p = [float(x) for x in product_distribution(game.to_float(), e.profile)]
            assert correlated_violation(game.to_float(), p) <= 1e-12
        else:
            assert correlated_violation(game, product_distribution(game, e.profile)) <= 0
            assert correlated_violation(game, product_distribution(game, e.profile), coarse=True) <= 0
