"""Learning dynamics: the wrappers give nashpy's numbers, reproducibly, behind the Game type."""

from __future__ import annotations

import io

import nashpy
import numpy as np
import pytest

from gametheory import Game
from gametheory.dynamics import (
    asymmetric_replicator_dynamics,
    fictitious_play,
    replicator_dynamics,
    stochastic_fictitious_play,
)
from gametheory.errors import InvalidProfileError, NotSupportedError

MP = Game.zero_sum([[1, -1], [-1, 1]], players=("Row", "Col"), title="Matching pennies")
RPS = Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
HAWK_DOVE = Game.from_bimatrix([[0, 3], [1, 2]], [[0, 1], [3, 2]])


def test_fictitious_play_is_nashpys_and_converges_in_zero_sum():
    traj = fictitious_play(RPS, iterations=3000, seed=3)
    np.random.seed(3)
    counts = list(nashpy.Game(np.asarray(RPS.payoffs[0], float), np.asarray(RPS.payoffs[1], float))
                  .fictitious_play(iterations=3000))
    last = counts[-1]
    assert np.allclose(traj.strategies[0][-1], last[0] / last[0].sum())
    assert len(traj) == 3000 and traj.times[0] == 1
    # Robinson (1951): empirical play converges to the equilibrium (1/3, 1/3, 1/3) in zero-sum games
    assert max(abs(p - 1 / 3) for v in traj.final for p in v) < 0.05


def test_seed_reproducible_and_global_state_restored():
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    a = stochastic_fictitious_play(MP, iterations=500, seed=5)
    b = stochastic_fictitious_play(MP, iterations=500, seed=5)
    assert np.array_equal(a.strategies[0], b.strategies[0])
    assert np.array_equal(np.random.get_state()[1], before)


def test_replicator_dynamics_match_nashpy_and_find_the_ess():
    tp = np.linspace(0, 20, 200)
    traj = replicator_dynamics(HAWK_DOVE, y0=[0.9, 0.1], timepoints=tp)
    ref = nashpy.Game(np.asarray(HAWK_DOVE.payoffs[0], float)).replicator_dynamics(y0=np.array([0.9, 0.1]),
                                                                                   timepoints=tp)
    assert np.allclose(traj.strategies[0], ref)
    assert abs(traj.final[0][0] - 0.5) < 1e-3  # the mixed ESS of hawk-dove: hawk 1/2


def test_asymmetric_replicator_matches_nashpy():
    A = np.array([[3.0, 0.0], [5.0, 1.0]])
    B = np.array([[3.0, 5.0], [0.0, 1.0]])
    tp = np.linspace(0, 5, 50)
    traj = asymmetric_replicator_dynamics(Game.from_bimatrix(A, B), x0=[0.7, 0.3], y0={"1": 0.4, "2": 0.6},
                                          timepoints=tp)
    xs, ys = nashpy.Game(A, B).asymmetric_replicator_dynamics(x0=np.array([0.7, 0.3]), y0=np.array([0.4, 0.6]),
                                                              timepoints=tp)
    assert np.allclose(traj.strategies[0], xs) and np.allclose(traj.strategies[1], ys)


def test_errors():
    three = Game(np.zeros((3, 2, 2, 2), dtype=int))
    with pytest.raises(NotSupportedError):
        fictitious_play(three)
    with pytest.raises(NotSupportedError):
        replicator_dynamics(Game.from_bimatrix([[3, 0], [5, 1]], [[3, 0], [5, 1]]))
    with pytest.raises(InvalidProfileError):
        fictitious_play(MP, iterations=0)
    with pytest.raises(InvalidProfileError):
        replicator_dynamics(HAWK_DOVE, timepoints=[1, 0])


def test_plots_render():
    ax = fictitious_play(MP, iterations=100).plot()
    assert len(ax.get_lines()) == 4 and ax.get_xlabel() == "iteration" and "Matching pennies" in ax.get_title()
    ax.figure.savefig(io.BytesIO(), format="png")
    ax = replicator_dynamics(HAWK_DOVE).plot()
    assert len(ax.get_lines()) == 2 and ax.get_xlabel() == "time"
