"""Learning and evolutionary dynamics for two-player games, through nashpy, with trajectory plots.

The algorithms are nashpy's (Knight & Campbell 2018); this module only puts them
behind :class:`~gametheory.Game` (labels, exact payoffs as floats), makes random
runs reproducible with ``seed`` (nashpy draws from numpy's global generator, whose
state is saved and restored around the call), and returns a frozen
:class:`Trajectory` that can be plotted. nashpy implements these dynamics for two
players only; other games raise :class:`~gametheory.NotSupportedError`.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.dynamics import fictitious_play
>>> mp = Game.zero_sum([[1, -1], [-1, 1]], players=("Row", "Col"))
>>> traj = fictitious_play(mp, iterations=2000, seed=1)
>>> [round(p, 1) for p in traj.final[0]]    # empirical frequencies approach (1/2, 1/2)
[0.5, 0.5]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from .errors import InvalidProfileError, NotSupportedError
from .game import Game
from .profiles import MixedProfile, mixed_profile

__all__ = [
    "Trajectory",
    "fictitious_play",
    "stochastic_fictitious_play",
    "replicator_dynamics",
    "asymmetric_replicator_dynamics",
    "plot_trajectory",
]


@dataclass(frozen=True, eq=False)
class Trajectory:
    """A path of mixed strategies produced by a learning or evolutionary dynamic.

    Attributes
    ----------
    method : str
        The dynamic (``"fictitious_play"``, ...).
    times : numpy.ndarray
        Iteration numbers or time points, one per row.
    strategies : tuple of numpy.ndarray
        One array per population/player, shape ``(len(times), n_i)``: empirical play
        frequencies (fictitious play) or population shares (replicator dynamics).
    parameters : dict
        The arguments used (seed, step sizes, ...).
    """

    game: Game = field(repr=False)
    method: str
    times: np.ndarray = field(repr=False)
    strategies: tuple[np.ndarray, ...] = field(repr=False)
    parameters: dict = field(default_factory=dict)

    @property
    def final(self) -> MixedProfile:
        """The last point, one probability vector per player (floats)."""
        return tuple(tuple(float(p) for p in s[-1]) for s in self.strategies)

    def __len__(self) -> int:
        return len(self.times)

    def plot(self, ax: Any = None) -> Any:
        """Plot the trajectory (see :func:`plot_trajectory`)."""
        return plot_trajectory(self, ax=ax)


def plot_trajectory(traj: Trajectory, ax: Any = None) -> Any:
    """Plot each strategy's share over time and return the matplotlib axes.

    Builds a :class:`matplotlib.figure.Figure` directly when ``ax`` is not given, so it
    works without a display (the Agg canvas renders it).

    Examples
    --------
    >>> from gametheory import Game
    >>> ax = plot_trajectory(asymmetric_replicator_dynamics(Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])))
    >>> ax.get_ylabel(), len(ax.get_lines())
    ('probability', 4)
    """
    if ax is None:
        from matplotlib.figure import Figure

        ax = Figure(figsize=(6, 4)).subplots()
    g = traj.game
    players = g.players if len(traj.strategies) == g.num_players else ("population",)
    for i, shares in enumerate(traj.strategies):
        for k in range(shares.shape[1]):
            ax.plot(traj.times, shares[:, k], label=f"{players[i]}: {g.strategies[i][k]}")
    ax.set_xlabel("iteration" if "fictitious" in traj.method else "time")
    ax.set_ylabel("probability")
    ax.set_title(traj.method.replace("_", " ") + (f": {g.title}" if g.title else ""))
    ax.legend(fontsize="small")
    return ax


def _nashpy_game(game: Game, symmetric: bool = False):
    import nashpy

    if game.num_players != 2:
        raise NotSupportedError(f"nashpy's learning dynamics need two players; the game has {game.num_players}")
    A = np.asarray(game.payoffs[0], dtype=np.float64)
    B = np.asarray(game.payoffs[1], dtype=np.float64)
    if symmetric:
        if A.shape[0] != A.shape[1] or not np.allclose(A, B.T, rtol=0, atol=game.tol):
            raise NotSupportedError("replicator_dynamics needs a symmetric game (B = A transposed); "
                                    "use asymmetric_replicator_dynamics")
        return nashpy.Game(A)
    return nashpy.Game(A, B)


def _seeded(seed: int | None, run: Callable[[], Any]) -> Any:
    """Run with numpy's global generator seeded, restoring its state afterwards."""
    if seed is None:
        return run()
    state = np.random.get_state()
    try:
        np.random.seed(seed)
        return run()
    finally:
        np.random.set_state(state)


def _frequencies(counts: list[Sequence[np.ndarray]]) -> tuple[np.ndarray, ...]:
    out = []
    for i in range(2):
        arr = np.array([np.asarray(c[i], dtype=np.float64) for c in counts])
        out.append(arr / arr.sum(axis=1, keepdims=True))
    return tuple(out)


def _check_iterations(iterations: int) -> None:
    if not isinstance(iterations, (int, np.integer)) or iterations < 1:
        raise InvalidProfileError(f"iterations must be a positive integer, got {iterations!r}")


def fictitious_play(game: Game, iterations: int = 1000, *, seed: int | None = 0) -> Trajectory:
    """Fictitious play (Brown 1951): each player best-responds to the other's empirical play.

    Wraps :meth:`nashpy.Game.fictitious_play`; ties between best responses are broken
    at random by nashpy, reproducibly for a given ``seed``.

    Returns
    -------
    Trajectory
        Empirical frequencies after each of the ``iterations`` rounds.

    References
    ----------
    Brown, G. W. (1951). Iterative solution of games by fictitious play. In *Activity
    Analysis of Production and Allocation*, 374–376. Robinson, J. (1951). An iterative
    method of solving a game. *Annals of Mathematics* 54(2), 296–301.

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> fictitious_play(pd, iterations=50).final   # round 1 is a random tie-break
    ((0.02, 0.98), (0.0, 1.0))
    """
    _check_iterations(iterations)
    g = _nashpy_game(game)
    counts = _seeded(seed, lambda: list(g.fictitious_play(iterations=int(iterations))))[1:]
    freqs = _frequencies(counts)
    return Trajectory(game, "fictitious_play", np.arange(1, len(counts) + 1), freqs,
                      {"iterations": int(iterations), "seed": seed})


def stochastic_fictitious_play(game: Game, iterations: int = 1000, *, etha: float = 0.1,
                               epsilon_bar: float = 0.01, seed: int | None = 0) -> Trajectory:
    """Stochastic fictitious play (Fudenberg & Kreps 1993): smoothed best responses with noise.

    Wraps :meth:`nashpy.Game.stochastic_fictitious_play` (``etha``: softmax
    temperature; ``epsilon_bar``: bound of the payoff perturbations).

    References
    ----------
    Fudenberg, D. & Kreps, D. M. (1993). Learning mixed equilibria. *Games and Economic
    Behavior* 5(3), 320–367.

    Examples
    --------
    >>> from gametheory import Game
    >>> mp = Game.zero_sum([[1, -1], [-1, 1]])
    >>> traj = stochastic_fictitious_play(mp, iterations=3000, seed=2)
    >>> abs(traj.final[0][0] - 0.5) < 0.05
    True
    """
    _check_iterations(iterations)
    g = _nashpy_game(game)
    steps = _seeded(seed, lambda: list(g.stochastic_fictitious_play(iterations=int(iterations), etha=etha,
                                                                     epsilon_bar=epsilon_bar)))[1:]
    freqs = _frequencies([s[0] for s in steps])
    return Trajectory(game, "stochastic_fictitious_play", np.arange(1, len(steps) + 1), freqs,
                      {"iterations": int(iterations), "etha": etha, "epsilon_bar": epsilon_bar, "seed": seed})


def _timepoints(timepoints: Any) -> np.ndarray:
    if timepoints is None:
        return np.linspace(0, 10, 1000)
    tp = np.asarray(timepoints, dtype=np.float64)
    if tp.ndim != 1 or len(tp) < 2 or np.any(np.diff(tp) <= 0):
        raise InvalidProfileError("timepoints must be an increasing sequence of at least two times")
    return tp


def _start(game: Game, i: int, x0: Any) -> np.ndarray | None:
    if x0 is None:
        return None
    profile = [[1] + [0] * (n - 1) for n in game.shape]
    profile[i] = x0
    return np.asarray(mixed_profile(game, profile)[i], dtype=np.float64)


def replicator_dynamics(game: Game, y0: Any = None, timepoints: Any = None) -> Trajectory:
    """Single-population replicator dynamics of a symmetric two-player game.

    Wraps :meth:`nashpy.Game.replicator_dynamics` (Taylor & Jonker 1978): the share of
    a strategy grows at the rate its payoff exceeds the population average.
    ``y0`` defaults to uniform shares, ``timepoints`` to 1000 points on ``[0, 10]``.

    Raises
    ------
    NotSupportedError
        If the game is not symmetric (``B`` must equal ``A`` transposed).

    References
    ----------
    Taylor, P. D. & Jonker, L. B. (1978). Evolutionary stable strategies and game dynamics.
    *Mathematical Biosciences* 40(1–2), 145–156.

    Examples
    --------
    >>> from gametheory import Game
    >>> hawk_dove = Game.from_bimatrix([[0, 3], [1, 2]], [[0, 1], [3, 2]])
    >>> [round(p, 3) for p in replicator_dynamics(hawk_dove, timepoints=[0, 50]).final[0]]
    [0.5, 0.5]
    """
    g = _nashpy_game(game, symmetric=True)
    tp = _timepoints(timepoints)
    y = g.replicator_dynamics(y0=_start(game, 0, y0), timepoints=tp)
    return Trajectory(game, "replicator_dynamics", tp, (np.asarray(y),), {"y0": y0})


def asymmetric_replicator_dynamics(game: Game, x0: Any = None, y0: Any = None, timepoints: Any = None) -> Trajectory:
    """Two-population replicator dynamics of a bimatrix game.

    Wraps :meth:`nashpy.Game.asymmetric_replicator_dynamics`: each population's
    shares grow with their payoff against the other population.

    References
    ----------
    Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*.
    Cambridge University Press, ch. 10.

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> round(asymmetric_replicator_dynamics(pd, timepoints=[0, 30]).final[1][1], 3)   # Defect takes over
    1.0
    """
    g = _nashpy_game(game)
    tp = _timepoints(timepoints)
    xs, ys = g.asymmetric_replicator_dynamics(x0=_start(game, 0, x0), y0=_start(game, 1, y0), timepoints=tp)
    return Trajectory(game, "asymmetric_replicator_dynamics", tp, (np.asarray(xs), np.asarray(ys)),
                      {"x0": x0, "y0": y0})
