"""Linear-programming solvers: security (maxmin) strategies and zero-sum values.

A player's *security level* is the most it can guarantee itself whatever the
others do: ``max_x min_t x @ U[:, t]``, where ``x`` is a mixed strategy of the
player and ``t`` runs over the others' joint pure profiles (a minimum of a
multilinear payoff over the others' mixed strategies is reached at a pure
profile, so this is the guarantee against every mixed or correlated play too).
In a two-player zero-sum game both players' security levels meet at the
*value* (von Neumann's minimax theorem) and the maxmin strategies form the
equilibria.

Both are solved with HiGHS; exact games then get exact rational answers,
certified by a primal and a dual solution with equal values
(see :mod:`gametheory.solvers._exact_lp`).

Examples
--------
>>> from gametheory import Game
>>> rps = Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], players=("Ann", "Bob"),
...                     strategies=(("R", "P", "S"),) * 2)
>>> print(zero_sum_value(rps))
zero_sum_value: value 0 to Ann (exact)
  Ann: R 1/3, P 1/3, S 1/3
  Bob: R 1/3, P 1/3, S 1/3
"""

from __future__ import annotations

import html as _html
import time
from dataclasses import dataclass, field
from typing import Any, Iterator

import numpy as np

from .. import exact as _exact
from ..errors import NotSupportedError
from ..game import Game
from ._checks import check_game as _check_game
from ..solution import Equilibrium, make_equilibrium, package_version
from ._exact_lp import matrix_game

__all__ = ["SecurityStrategy", "SecurityResult", "ZeroSumValue", "security_strategies", "zero_sum_value"]


def _mixture_text(labels: tuple[str, ...], probs: tuple) -> str:
    played = [(s, p) for s, p in zip(labels, probs) if p != 0]
    if len(played) == 1 and played[0][1] == 1:
        return played[0][0]
    return ", ".join(f"{s} {_exact.format_number(p)}" for s, p in played)


@dataclass(frozen=True)
class SecurityStrategy:
    """One player's maxmin (security) strategy and the level it guarantees.

    Attributes
    ----------
    game : Game
        The game (for labels).
    player : int
        Index of the player.
    strategy : tuple
        Probability of each of the player's strategies.
    level : number
        The security level: the most the player can guarantee itself.
    punishment : tuple of (tuple of int, number)
        A probability distribution over the others' joint pure profiles (strategy
        indices of the other players, in player order) that holds the player to
        ``level``: against it no strategy earns more. For two players it is the
        opponent's minmax strategy; for more it may be correlated.
    """

    game: Game = field(repr=False, compare=False)
    player: int
    strategy: tuple
    level: Any
    punishment: tuple[tuple[tuple[int, ...], Any], ...]

    @property
    def player_label(self) -> str:
        """The player's label."""
        return self.game.players[self.player]

    def as_dict(self) -> dict[str, Any]:
        """``{strategy label: probability}`` (positive probabilities only).

        Examples
        --------
        >>> from gametheory import Game
        >>> security_strategies(Game.zero_sum([[1, -1], [-1, 1]], strategies=(("H", "T"),) * 2))[0].as_dict()
        {'H': Fraction(1, 2), 'T': Fraction(1, 2)}
        """
        labels = self.game.strategies[self.player]
        return {labels[k]: p for k, p in enumerate(self.strategy) if p != 0}

    def punishment_dict(self) -> dict[tuple[str, ...], Any]:
        """``{others' strategy labels: probability}`` of the punishing distribution.

        Examples
        --------
        >>> from gametheory import Game
        >>> g = Game.from_bimatrix([[1, 0], [0, 1]], [[0, 0], [0, 0]], strategies=(("U", "D"), ("L", "R")))
        >>> security_strategies(g)[0].punishment_dict()
        {('L',): Fraction(1, 2), ('R',): Fraction(1, 2)}
        """
        others = [j for j in range(self.game.num_players) if j != self.player]
        return {
            tuple(self.game.strategies[j][k] for j, k in zip(others, prof)): p for prof, p in self.punishment
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (exact numbers as ``"p/q"`` strings)."""
        return {
            "player": self.player_label,
            "strategy": {s: _exact.json_number(p) for s, p in self.as_dict().items()},
            "level": _exact.json_number(self.level),
            "punishment": [
                {"profile": list(k), "probability": _exact.json_number(p)} for k, p in self.punishment_dict().items()
            ],
        }

    def __str__(self) -> str:
        labels = self.game.strategies[self.player]
        others = [self.game.players[j] for j in range(self.game.num_players) if j != self.player]
        pun = ", ".join(
            (f"({', '.join(k)})" if len(k) != 1 else k[0]) + ("" if p == 1 else f" {_exact.format_number(p)}")
            for k, p in self.punishment_dict().items()
        )
        level = _exact.format_number(self.level)
        text = f"{self.player_label}: guarantees {level} with {_mixture_text(labels, self.strategy)}"
        if others:
            text += f"; held to it by {', '.join(others)}: {pun}"
        return text


@dataclass(frozen=True)
class SecurityResult:
    """Security strategies of every player (the result of :func:`security_strategies`).

    Iterates over :class:`SecurityStrategy` objects; index by player label or integer.
    """

    game: Game = field(repr=False)
    strategies: tuple[SecurityStrategy, ...]
    exact: bool
    elapsed: float = 0.0
    version: str = field(default_factory=package_version)
    method: str = "security_strategies"

    @property
    def levels(self) -> tuple:
        """Security level of each player."""
        return tuple(s.level for s in self.strategies)

    def __iter__(self) -> Iterator[SecurityStrategy]:
        return iter(self.strategies)

    def __len__(self) -> int:
        return len(self.strategies)

    def __getitem__(self, player: int | str) -> SecurityStrategy:
        return self.strategies[self.game.player_index(player)]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "title": self.game.title,
            "method": self.method,
            "exact": self.exact,
            "security": [s.to_dict() for s in self.strategies],
            "elapsed": self.elapsed,
            "version": self.version,
        }

    def __str__(self) -> str:
        head = f"{self.method}: {'exact' if self.exact else 'float'}"
        return "\n".join([head] + [f"  {s}" for s in self.strategies])

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th>{_html.escape(s.player_label)}</th><td>{_exact.format_number(s.level)}</td>"
            f"<td>{_html.escape(_mixture_text(self.game.strategies[s.player], s.strategy))}</td></tr>"
            for s in self.strategies
        )
        title = f"<b>{_html.escape(self.game.title)}</b> " if self.game.title else ""
        return (
            f"<div>{title}<small>security strategies ({'exact' if self.exact else 'float'})</small></div>"
            f"<table><tr><th>player</th><th>security level</th><th>maxmin strategy</th></tr>{rows}</table>"
        )


@dataclass(frozen=True)
class ZeroSumValue:
    """Value and optimal strategies of a two-player zero-sum game.

    Attributes
    ----------
    game : Game
        The game.
    value : number
        What the first player can guarantee, and the second can hold it to.
    equilibrium : Equilibrium
        A pair of optimal (maxmin) strategies, verified as a Nash equilibrium.
        Optimal strategies need not be unique: this is one extreme pair.
    exact : bool
        Whether the arithmetic was exact.
    """

    game: Game = field(repr=False)
    value: Any
    equilibrium: Equilibrium
    exact: bool
    elapsed: float = 0.0
    version: str = field(default_factory=package_version)
    method: str = "zero_sum_value"

    @property
    def strategies(self) -> tuple[tuple, tuple]:
        """The optimal mixed strategies of the two players."""
        return self.equilibrium.profile  # type: ignore[return-value]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "title": self.game.title,
            "method": self.method,
            "exact": self.exact,
            "value": _exact.json_number(self.value),
            "equilibrium": self.equilibrium.to_dict(),
            "elapsed": self.elapsed,
            "version": self.version,
        }

    def __str__(self) -> str:
        g = self.game
        lines = [f"{self.method}: value {_exact.format_number(self.value)} to {g.players[0]} "
                 f"({'exact' if self.exact else 'float'})"]
        for i in range(2):
            lines.append(f"  {g.players[i]}: {_mixture_text(g.strategies[i], self.strategies[i])}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        g = self.game
        rows = "".join(
            f"<tr><th>{_html.escape(g.players[i])}</th>"
            f"<td>{_html.escape(_mixture_text(g.strategies[i], self.strategies[i]))}</td></tr>"
            for i in range(2)
        )
        title = f"<b>{_html.escape(g.title)}</b> " if g.title else ""
        return (
            f"<div>{title}<small>zero-sum value {_exact.format_number(self.value)} to "
            f"{_html.escape(g.players[0])} ({'exact' if self.exact else 'float'})</small></div>"
            f"<table><tr><th>player</th><th>optimal strategy</th></tr>{rows}</table>"
        )


def _player_matrix(game: Game, i: int) -> np.ndarray:
    """Player ``i``'s payoffs as a matrix: rows its strategies, columns the others' joint profiles."""
    return np.moveaxis(game.payoffs[i], i, 0).reshape(game.shape[i], -1)


def security_strategies(game: Game) -> SecurityResult:
    """Maxmin (security) strategy and security level of every player.

    Player ``i`` maximises ``min_t x @ U_i[:, t]`` over its mixed strategies ``x``,
    where ``t`` runs over the other players' joint pure profiles. Solved as a
    linear program with HiGHS; for exact games the answer is re-derived in
    rational arithmetic and verified (``min_t x @ U_i[:, t]`` equals the level,
    and the punishing distribution holds every strategy to it).

    Parameters
    ----------
    game : Game
        Any number of players, exact or float.

    Returns
    -------
    SecurityResult

    References
    ----------
    von Neumann, J. & Morgenstern, O. (1944). *Theory of Games and Economic Behavior*, §17.
    Maschler, M., Solan, E. & Zamir, S. (2013). *Game Theory*, §5.2 (maxmin strategies).

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "Russia"),
    ...                         strategies=(("C", "D"), ("C", "D")))
    >>> sec = security_strategies(pd)
    >>> sec.levels
    (Fraction(1, 1), Fraction(1, 1))
    >>> print(sec["US"])
    US: guarantees 1 with D; held to it by Russia: D
    """
    _check_game(game)
    started = time.perf_counter()
    out = []
    for i in range(game.num_players):
        others = [n for j, n in enumerate(game.shape) if j != i]
        sol = matrix_game(_player_matrix(game, i), exact=game.exact, tol=game.tol / 2)
        joint = list(np.ndindex(*others)) if others else [()]
        punishment = tuple((tuple(int(k) for k in joint[c]), q) for c, q in enumerate(sol.column) if q != 0)
        out.append(SecurityStrategy(game, i, sol.row, sol.value, punishment))
    return SecurityResult(game, tuple(out), game.exact, time.perf_counter() - started)


def zero_sum_value(game: Game) -> ZeroSumValue:
    """Value and a pair of optimal strategies of a two-player zero-sum game.

    Solved by linear programming (HiGHS); exact games get the exact rational
    value and strategies, verified: the first player's strategy guarantees at
    least the value against every column, the second's concedes at most the
    value against every row, and the pair is checked as a Nash equilibrium.

    Raises
    ------
    NotSupportedError
        If the game does not have two players or is not zero-sum.

    References
    ----------
    von Neumann, J. (1928). Zur Theorie der Gesellschaftsspiele. *Math. Annalen* 100, 295–320.
    Dantzig, G. B. (1951). A proof of the equivalence of the programming problem and the game problem.

    Examples
    --------
    >>> from gametheory import Game
    >>> mp = Game.zero_sum([[1, -1], [-1, 1]], strategies=(("H", "T"), ("H", "T")))
    >>> res = zero_sum_value(mp)
    >>> res.value, res.strategies
    (Fraction(0, 1), ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2))))
    >>> zero_sum_value(Game.from_bimatrix([[1]], [[1]]))
    Traceback (most recent call last):
    ...
    gametheory.errors.NotSupportedError: zero_sum_value needs a two-player zero-sum game; payoffs at profile (1, 1) sum to 2
    """
    _check_game(game)
    started = time.perf_counter()
    if game.num_players != 2:
        raise NotSupportedError(f"zero_sum_value needs a two-player game; this one has {game.num_players} players")
    if not game.is_zero_sum:
        total = game.payoffs[0] + game.payoffs[1]
        bad = next(s for s in np.ndindex(*game.shape) if abs(total[s]) > game.tol)
        where = ", ".join(game.strategies[i][bad[i]] for i in range(2))
        raise NotSupportedError(
            f"zero_sum_value needs a two-player zero-sum game; payoffs at profile ({where}) "
            f"sum to {_exact.format_number(total[bad])}"
        )
    # float games: the LP answer is verified to half the game's tolerance, leaving room for rounding
    sol = matrix_game(game.payoffs[0], exact=game.exact, tol=game.tol / 2)
    eq = make_equilibrium(game, (sol.row, sol.column))
    return ZeroSumValue(game, sol.value, eq, game.exact, time.perf_counter() - started)
