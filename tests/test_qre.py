"""Logit QRE: fixed-point checks, pygambit's logit_solve / logit_solve_lambda as oracles."""

from __future__ import annotations

import numpy as np
import pygambit as gbt
import pytest

from gametheory import Game
from gametheory.errors import InvalidProfileError
from gametheory.solvers.polynomial import polynomial_equilibria
from gametheory.solvers.qre import logit_qre, logit_response, qre_residual, trace_qre


def _gambit(game: Game) -> gbt.Game:
    return gbt.Game.from_arrays(*[np.asarray(game.payoffs[i], dtype=float) for i in range(game.num_players)])


def _direct_fixed_point_error(game: Game, sigma, lam: float) -> float:
    """Independent check: σ_ik = exp(λ u_ik) / Σ_l exp(λ u_il) with u computed by einsum."""
    A = np.asarray(game.payoffs, dtype=float)
    letters = "abcdefgh"[: game.num_players]
    worst = 0.0
    for i in range(game.num_players):
        spec = letters + "," + ",".join(letters[j] for j in range(game.num_players) if j != i) + "->" + letters[i]
        u = np.einsum(spec, A[i], *[np.asarray(sigma[j]) for j in range(game.num_players) if j != i])
        e = np.exp(lam * (u - u.max()))
        worst = max(worst, float(np.max(np.abs(e / e.sum() - np.asarray(sigma[i])))))
    return worst


GAMES = [((2, 2, 2), 11), ((2, 2, 3), 12), ((3, 3), 13), ((2, 3, 2), 14)]


@pytest.mark.parametrize("shape,seed", GAMES)
@pytest.mark.parametrize("lam", [0.0, 0.05, 0.3, 1.0])
def test_qre_is_a_fixed_point_and_matches_gambit(shape, seed, lam):
    rng = np.random.default_rng(seed)
    game = Game(rng.integers(-10, 11, size=(len(shape), *shape)))
    q = logit_qre(game, lam)
    assert _direct_fixed_point_error(game, q.profile, lam) <= 1e-10
    assert q.residual <= 1e-10 and qre_residual(game, q.profile, lam) == q.residual
    if lam > 0:
        theirs = gbt.qre.logit_solve_lambda(_gambit(game), [lam])[0]
        assert abs(theirs.lam - lam) <= 1e-8  # Gambit lands on λ only approximately
        flat = np.array([float(theirs.profile[s]) for p in theirs.game.players for s in p.strategies])
        ours = np.concatenate([np.asarray(v) for v in q.profile])
        assert np.max(np.abs(ours - flat)) <= 1e-8


@pytest.mark.parametrize("shape,seed", [((2, 2), 1), ((3, 3), 2), ((2, 2, 2), 3), ((2, 2, 2), 4), ((2, 2, 3), 5),
                                        ((3, 3, 3), 6)])
def test_trace_limit_matches_logit_solve(shape, seed):
    rng = np.random.default_rng(seed)
    game = Game(rng.integers(-100, 101, size=(len(shape), *shape)))
    path = trace_qre(game)
    assert path.lams[0] == 0.0 and path.profiles[0] == tuple(tuple([1.0 / n] * n) for n in shape)
    assert path.limit is not None
    gg = _gambit(game)
    res = gbt.nash.logit_solve(gg)
    theirs = np.array([float(res.equilibria[0][s]) for p in gg.players for s in p.strategies])
    ours = np.concatenate([np.asarray(v, dtype=float) for v in path.limit.profile])
    assert np.max(np.abs(ours - theirs)) <= 1e-5  # logit_solve stops at regret 1e-8 × payoff range
    # our limit is exact and is one of the game's equilibria
    assert max(game.regret(path.limit.profile)) == 0 or max(game.to_float().regret(path.limit.profile)) <= 1e-12
    if np.prod(shape) <= 12:  # full enumeration is slow for 3x3x3
        allq = [np.concatenate([np.asarray(v, dtype=float) for v in e.profile]) for e in polynomial_equilibria(game)]
        assert min(np.max(np.abs(ours - a)) for a in allq) <= 1e-12


def test_points_on_the_path_are_qre():
    rng = np.random.default_rng(9)
    game = Game(rng.integers(-5, 6, size=(3, 2, 2, 2)))
    path = trace_qre(game)
    for lam, prof in list(zip(path.lams, path.profiles))[:: max(1, len(path) // 10)]:
        assert _direct_fixed_point_error(game, prof, lam) <= 1e-9


def test_uniform_at_zero_and_matching_pennies():
    mp = Game.zero_sum([[1, -1], [-1, 1]])
    assert logit_qre(mp, 0.0).profile == ((0.5, 0.5), (0.5, 0.5))
    assert logit_qre(mp, 7.0).profile == ((0.5, 0.5), (0.5, 0.5))
    assert logit_response(mp, ((1.0, 0.0), (1.0, 0.0)), 0.0) == ((0.5, 0.5), (0.5, 0.5))
    with pytest.raises(InvalidProfileError):
        logit_qre(mp, -1.0)


def test_plot_returns_axes_with_one_line_per_strategy():
    game = Game.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]], title="Stag hunt")
    ax = trace_qre(game).plot()
    assert len(ax.get_lines()) == 4 and "Stag hunt" in ax.get_title()
    ax.figure.savefig(__import__("io").BytesIO(), format="png")  # renders with Agg


def test_limit_inside_a_continuum_is_polished_to_an_equilibrium():
    rng = np.random.default_rng(0)
    game = Game(rng.integers(-5, 6, size=(3, 1, 2, 2)))  # player 2 is indifferent: a segment of equilibria
    path = trace_qre(game)
    assert path.limit is not None and max(game.to_float().regret(path.limit.profile)) <= 1e-12
    ours = np.concatenate([np.asarray(v, dtype=float) for v in path.limit.profile])
    assert np.max(np.abs(ours - np.concatenate([np.asarray(v) for v in path.profiles[-1]]))) <= 1e-6
    gg = _gambit(game)
    res = gbt.nash.logit_solve(gg)
    theirs = np.array([float(res.equilibria[0][s]) for p in gg.players for s in p.strategies])
    assert np.max(np.abs(ours - theirs)) <= 1e-5
