"""Welfare: Pareto-optimal pure outcomes.

A pure profile is *Pareto optimal* when no other pure profile gives every
player at least as much and some player more. Profiles with identical payoff
vectors are all kept (none improves on the others).

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "Russia"),
...                         strategies=(("C", "D"), ("C", "D")))
>>> print(pareto_optimal(pd))
pareto_optimal: 3 Pareto-optimal pure outcomes (exact)
  US: C; Russia: C  payoffs (3, 3)
  US: C; Russia: D  payoffs (0, 5)
  US: D; Russia: C  payoffs (5, 0)
"""

from __future__ import annotations

import html as _html
import time
from dataclasses import dataclass, field
from typing import Any, Iterator

import numpy as np

from .. import exact as _exact
from ..errors import InvalidProfileError
from ..game import Game
from ._checks import check_game as _check_game
from ..solution import package_version

__all__ = ["ParetoResult", "pareto_optimal"]

# profiles examined together against the running frontier
_BLOCK = 256


@dataclass(frozen=True)
class ParetoResult:
    """The Pareto-optimal pure outcomes of a game (the result of :func:`pareto_optimal`).

    Attributes
    ----------
    game : Game
        The game.
    profiles : tuple of tuple of int
        The Pareto-optimal pure profiles (strategy indices), in row-major order.
    payoffs : tuple of tuple
        Each profile's payoff vector.
    exact : bool
        Whether payoffs were compared exactly (else within ``game.tol``).
    """

    game: Game = field(repr=False)
    profiles: tuple[tuple[int, ...], ...]
    payoffs: tuple[tuple, ...]
    exact: bool
    elapsed: float = 0.0
    version: str = field(default_factory=package_version)
    method: str = "pareto_optimal"

    def __iter__(self) -> Iterator[tuple[int, ...]]:
        return iter(self.profiles)

    def __len__(self) -> int:
        return len(self.profiles)

    def __contains__(self, profile: object) -> bool:
        try:
            return self.game.pure_profile(profile) in self.profiles
        except InvalidProfileError:
            return False

    def labels(self) -> list[tuple[str, ...]]:
        """The profiles as strategy labels.

        Examples
        --------
        >>> from gametheory import Game
        >>> pareto_optimal(Game.from_bimatrix([[1, 0]], [[0, 1]], strategies=(("T",), ("L", "R")))).labels()
        [('T', 'L'), ('T', 'R')]
        """
        return [tuple(self.game.strategies[i][k] for i, k in enumerate(p)) for p in self.profiles]

    def _profile_text(self, p: tuple[int, ...]) -> str:
        return "; ".join(f"{pl}: {self.game.strategies[i][k]}" for i, (pl, k) in enumerate(zip(self.game.players, p)))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        g = self.game
        return {
            "title": g.title,
            "method": self.method,
            "exact": self.exact,
            "outcomes": [
                {
                    "profile": dict(zip(g.players, lab)),
                    "payoffs": {p: _exact.json_number(v) for p, v in zip(g.players, pay)},
                }
                for lab, pay in zip(self.labels(), self.payoffs)
            ],
            "elapsed": self.elapsed,
            "version": self.version,
        }

    def __str__(self) -> str:
        n = len(self.profiles)
        head = f"{self.method}: {n} Pareto-optimal pure outcome{'' if n == 1 else 's'} ({'exact' if self.exact else 'float'})"
        lines = [head] + [
            f"  {self._profile_text(p)}  payoffs ({', '.join(_exact.format_number(v) for v in pay)})"
            for p, pay in zip(self.profiles, self.payoffs)
        ]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = _html.escape
        g = self.game
        head = "".join(f"<th>{e(p)}</th>" for p in g.players) + "<th>payoffs</th>"
        rows = "".join(
            "<tr>"
            + "".join(f"<td>{e(g.strategies[i][k])}</td>" for i, k in enumerate(p))
            + f"<td>({', '.join(_exact.format_number(v) for v in pay)})</td></tr>"
            for p, pay in zip(self.profiles, self.payoffs)
        )
        title = f"<b>{e(g.title)}</b> " if g.title else ""
        return (
            f"<div>{title}<small>Pareto-optimal pure outcomes ({'exact' if self.exact else 'float'})</small></div>"
            f"<table><tr>{head}</tr>{rows}</table>"
        )


def pareto_optimal(game: Game, *, tol: float | None = None) -> ParetoResult:
    """Every Pareto-optimal pure outcome of an N-player game.

    Profile ``q`` Pareto-dominates ``p`` when every player gets at least as much
    at ``q`` and some player more. The comparison is vectorised over blocks of
    profiles (no Python loop over pairs); exact games compare exactly (on
    per-player integer rescalings, which keep each player's order), float games
    within ``tol``.

    Parameters
    ----------
    game : Game
    tol : float, optional
        Tolerance for float games (default ``game.tol``).

    Returns
    -------
    ParetoResult

    References
    ----------
    Pareto, V. (1906). *Manuale di economia politica*. Mas-Colell, A., Whinston, M. D. &
    Green, J. R. (1995). *Microeconomic Theory*, §16.B (Pareto optimality).

    Examples
    --------
    >>> from gametheory import Game
    >>> res = pareto_optimal(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    >>> res.profiles, res.payoffs
    (((0, 0), (1, 1)), ((Fraction(2, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(2, 1))))
    """
    _check_game(game)
    started = time.perf_counter()
    tol = game.tol if tol is None else tol
    N = game.num_players
    P = game.comparable_payoffs.reshape(N, -1).T  # one row per profile
    total = P.shape[0]
    # A dominator is lexicographically larger, so in descending lexicographic order
    # a profile can only be dominated by earlier ones: keep a running frontier.
    if P.dtype == object:  # integers beyond int64: exact Python ints
        order = np.array(sorted(range(total), key=lambda k: tuple(P[k]), reverse=True), dtype=np.intp)
    else:
        order = np.lexsort(P.T[::-1])[::-1]
    front_idx: list[np.ndarray] = []
    front = P[:0]
    for start in range(0, total, _BLOCK):
        idx = order[start : start + _BLOCK]
        blk = P[idx]
        dom = _dominated_by_any(front, blk, tol) | _dominated_by_any(blk, blk, tol)
        front_idx.append(idx[~dom])
        front = np.concatenate([front, blk[~dom]])
    keep = np.sort(np.concatenate(front_idx)) if front_idx else np.zeros(0, dtype=np.intp)
    if tol:  # with a tolerance domination is not transitive: check survivors against every profile
        keep = keep[~_dominated_by_any(P, P[keep], tol)]
    profiles = tuple(tuple(int(k) for k in np.unravel_index(f, game.shape)) for f in keep)
    payoffs = tuple(tuple(game.payoffs[(i, *p)] for i in range(N)) for p in profiles)
    return ParetoResult(game, profiles, payoffs, game.exact, time.perf_counter() - started)


def _dominated_by_any(Q: np.ndarray, X: np.ndarray, tol: float) -> np.ndarray:
    """For each row ``x`` of ``X``: does some row of ``Q`` Pareto-dominate it (within ``tol``)?"""
    out = np.zeros(len(X), dtype=bool)
    if not len(Q) or not len(X):
        return out
    step = max(1, (1 << 22) // max(1, len(X) * Q.shape[1]))  # bound memory of the 3-d comparison
    for start in range(0, len(Q), step):
        diff = Q[start : start + step, None, :] - X[None, :, :]
        if tol:
            dom = (diff >= -tol).all(axis=2) & (diff > tol).any(axis=2)
        else:
            dom = (diff >= 0).all(axis=2) & (diff > 0).any(axis=2)
        out |= dom.any(axis=0)
    return out
