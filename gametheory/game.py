"""The normal-form game: N players, labelled strategies, one payoff array.

Conventions (see ``DESIGN.md``): ``payoffs[i][s_1, ..., s_N]`` is player ``i``'s
payoff, one array of shape ``(N, n_1, ..., n_N)``; the row player comes first.
Numbers follow :mod:`gametheory.exact`: exact input gives an exact game whose
payoffs are :class:`~fractions.Fraction`, float input a float game.

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                         players=("Row", "Column"),
...                         strategies=(("Cooperate", "Defect"), ("Cooperate", "Defect")),
...                         title="Prisoner's Dilemma")
>>> pd
Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=('Row', 'Column'), strategies=(('Cooperate', 'Defect'), ('Cooperate', 'Defect')), title="Prisoner's Dilemma")
>>> pd[("Defect", "Defect")]
(Fraction(1, 1), Fraction(1, 1))
>>> pd.best_responses("Row", {"Column": "Cooperate"})
('Defect',)
>>> pd.is_equilibrium(("Defect", "Defect"))
True
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cached_property
from typing import Any, Iterator, Mapping, Sequence

import numpy as np

from . import exact as _exact
from .errors import InvalidGameError, InvalidNumberError, InvalidProfileError

__all__ = ["Game", "MAX_ENTRIES", "REPR_ENTRIES"]

#: Largest number of payoff entries (players × profiles) a Game accepts.
MAX_ENTRIES = 10**7
#: Games with at most this many payoff entries show every payoff in their ``repr``.
REPR_ENTRIES = 64

PlayerKey = int | str
StrategyKey = int | str


def _labels(given: Sequence[Any] | None, n: int, default: Any, what: str) -> tuple[str, ...]:
    if given is None:
        return tuple(default(k) for k in range(n))
    if isinstance(given, str):
        raise InvalidGameError(f"{what} must be a sequence of labels, not the string {given!r}")
    labels = tuple(given)
    if len(labels) != n:
        raise InvalidGameError(f"{what}: expected {n} labels, got {len(labels)}")
    out = []
    for lab in labels:
        if not isinstance(lab, (str, int)) or isinstance(lab, bool):
            raise InvalidGameError(f"{what}: label {lab!r} is not a string")
        out.append(str(lab))
    if len(set(out)) != len(out):
        dup = sorted({x for x in out if out.count(x) > 1})
        raise InvalidGameError(f"{what}: duplicate labels {dup}")
    return tuple(out)


def _shape_of(payoffs: Any) -> tuple[int, ...]:
    """Shape of a nested list, raising on ragged input (numpy would make objects)."""
    if isinstance(payoffs, np.ndarray):
        return payoffs.shape
    shape = []
    level = [payoffs]
    while True:
        seqs = [isinstance(x, (list, tuple, np.ndarray)) for x in level]
        if not any(seqs):
            return tuple(shape)
        if not all(seqs):
            raise InvalidGameError(f"ragged payoffs: at depth {len(shape)} some entries are lists and some are numbers")
        lengths = {len(x) for x in level}
        if len(lengths) != 1:
            raise InvalidGameError(f"ragged payoffs: at depth {len(shape)} lists have lengths {sorted(lengths)}")
        shape.append(lengths.pop())
        level = [y for x in level for y in x]
        if not level:
            return tuple(shape)


class Game:
    """An immutable N-player normal-form game with labelled players and strategies.

    Parameters
    ----------
    payoffs : array_like
        Shape ``(N, n_1, ..., n_N)``: ``payoffs[i][s]`` is player ``i``'s payoff at
        the pure profile ``s``. Entries follow :mod:`gametheory.exact`.
    players : sequence of str, optional
        Player labels, default ``"Player 1"``, ``"Player 2"``, ...
    strategies : sequence of sequences of str, optional
        Strategy labels per player, default ``"1"``, ``"2"``, ...
    title : str, optional
        A name shown in displays and exports.

    Raises
    ------
    InvalidGameError
        Ragged or wrongly shaped payoffs, NaN/inf, non-numeric entries, duplicate
        labels, a player without strategies, more than ``MAX_ENTRIES`` entries.

    Examples
    --------
    >>> g = Game([[[1, 0], [0, 1]], [[0, 1], [1, 0]]], title="Matching Pennies")
    >>> g.players, g.strategies
    (('Player 1', 'Player 2'), (('1', '2'), ('1', '2')))
    >>> g.exact, g.shape, g.num_players
    (True, (2, 2), 2)
    >>> Game([[[1, 2]], [[1]]])
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: ragged payoffs: at depth 2 lists have lengths [1, 2]
    """

    __slots__ = ("_payoffs", "_players", "_strategies", "_title", "_kind", "__dict__")

    def __init__(
        self,
        payoffs: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str | None = None,
    ) -> None:
        shape = _shape_of(payoffs)
        if len(shape) < 2:
            raise InvalidGameError(
                f"payoffs must have shape (N, n_1, ..., n_N); got an array of {len(shape)} dimension(s)"
            )
        n = shape[0]
        if n < 1:
            raise InvalidGameError("a game needs at least one player")
        if len(shape) != n + 1:
            raise InvalidGameError(
                f"payoffs of shape {shape}: {n} players need {n + 1} dimensions (N, n_1, ..., n_N), got {len(shape)}"
            )
        for i, k in enumerate(shape[1:]):
            if k < 1:
                raise InvalidGameError(f"player {i + 1} has no strategy")
        if math.prod(shape) > MAX_ENTRIES:
            raise InvalidGameError(f"payoffs have {math.prod(shape)} entries; the limit is {MAX_ENTRIES}")
        try:
            arr, kind = _exact.convert_array(payoffs)
        except InvalidNumberError as err:
            raise InvalidGameError(f"invalid payoff: {err}") from None
        arr.flags.writeable = False
        self._payoffs = arr
        self._kind = kind
        self._players = _labels(players, n, lambda k: f"Player {k + 1}", "players")
        if strategies is None:
            strategies = [None] * n
        elif isinstance(strategies, str) or len(strategies) != n:
            raise InvalidGameError(f"strategies: expected one label list for each of the {n} players")
        self._strategies = tuple(
            _labels(s, shape[i + 1], lambda k: str(k + 1), f"strategies of {self._players[i]}")
            for i, s in enumerate(strategies)
        )
        if title is not None and not isinstance(title, str):
            raise InvalidGameError(f"title must be a string, not {type(title).__name__}")
        self._title = title

    # -- constructors -------------------------------------------------------------
    @classmethod
    def from_bimatrix(
        cls,
        A: Any,
        B: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str | None = None,
    ) -> "Game":
        """Two-player game from the row player's matrix ``A`` and the column player's ``B``.

        Examples
        --------
        >>> Game.from_bimatrix([[1, 0]], [[0, 1]]).shape
        (1, 2)
        """
        sa, sb = _shape_of(A), _shape_of(B)
        if len(sa) != 2 or sa != sb:
            raise InvalidGameError(f"A and B must be matrices of one shape; got {sa} and {sb}")
        if isinstance(A, np.ndarray) and isinstance(B, np.ndarray) and A.dtype.kind in "fiu" and B.dtype.kind in "fiu":
            # numeric arrays: one stacked array converts in bulk (same values and kind as entry by entry)
            both_int = A.dtype.kind in "iu" and B.dtype.kind in "iu"
            if not both_int or np.result_type(A, B).kind in "iu":
                return cls(np.stack([A, B]), players=players, strategies=strategies, title=title)
        return cls([A, B], players=players, strategies=strategies, title=title)

    @classmethod
    def zero_sum(
        cls,
        A: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str | None = None,
    ) -> "Game":
        """Two-player zero-sum game: the row player gets ``A``, the column player ``-A``.

        Examples
        --------
        >>> g = Game.zero_sum([[1, -1], [-1, 1]])
        >>> g[0, 1]
        (Fraction(-1, 1), Fraction(1, 1))
        >>> g.is_zero_sum
        True
        """
        sa = _shape_of(A)
        if len(sa) != 2:
            raise InvalidGameError(f"A must be a matrix; got shape {sa}")
        try:
            arr, _ = _exact.convert_array(A)
        except InvalidNumberError as err:
            raise InvalidGameError(f"invalid payoff: {err}") from None
        return cls(np.stack([arr, -arr]), players=players, strategies=strategies, title=title)

    # -- basic properties ---------------------------------------------------------
    @property
    def payoffs(self) -> np.ndarray:
        """The read-only payoff array of shape ``(N, n_1, ..., n_N)``."""
        return self._payoffs

    @property
    def players(self) -> tuple[str, ...]:
        """Player labels."""
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        """Strategy labels, one tuple per player."""
        return self._strategies

    @property
    def title(self) -> str | None:
        """The game's title, if any."""
        return self._title

    @property
    def num_players(self) -> int:
        """Number of players ``N``."""
        return len(self._players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Numbers of strategies ``(n_1, ..., n_N)``."""
        return self._payoffs.shape[1:]

    @property
    def exact(self) -> bool:
        """``True`` when payoffs are exact ``Fraction`` values."""
        return self._kind == "exact"

    @property
    def kind(self) -> str:
        """``"exact"`` or ``"float"`` (see :mod:`gametheory.exact`)."""
        return self._kind

    @property
    def tol(self) -> float:
        """Tolerance used for this game's comparisons: 0 for exact, ``DEFAULT_TOL`` for float."""
        return 0.0 if self.exact else _exact.DEFAULT_TOL

    @cached_property
    def is_zero_sum(self) -> bool:
        """``True`` for a two-player game whose payoffs sum to zero at every profile."""
        if self.num_players != 2:
            return False
        total = self._payoffs[0] + self._payoffs[1]
        if self.exact:
            return all(v == 0 for v in total.flat)
        return bool(np.all(np.abs(total) <= _exact.DEFAULT_TOL))

    def payoff_array(self, player: PlayerKey) -> np.ndarray:
        """The payoff array of one player, shape ``(n_1, ..., n_N)``.

        Examples
        --------
        >>> Game.zero_sum([[1, 2]], players=("R", "C")).payoff_array("C").tolist()
        [[Fraction(-1, 1), Fraction(-2, 1)]]
        """
        return self._payoffs[self.player_index(player)]

    @cached_property
    def integer_payoffs(self) -> np.ndarray:
        """Per-player integer rescaling of an exact game (same best responses and equilibria).

        Each player's payoffs are multiplied by the LCM of their denominators;
        ``int64`` when it fits. Raises for float games.
        """
        if not self.exact:
            raise InvalidGameError("integer_payoffs is defined for exact games only")
        parts = [_exact.integer_scaled(self._payoffs[i]) for i in range(self.num_players)]
        if all(p.dtype == np.int64 for p in parts):
            return np.stack(parts)
        return np.stack([p.astype(object) for p in parts])

    @cached_property
    def comparable_payoffs(self) -> np.ndarray:
        """A numeric array with the same per-player order as ``payoffs``, for fast comparisons.

        ``integer_payoffs`` for exact games, the float array for float games.
        """
        return self.integer_payoffs if self.exact else self._payoffs

    # -- labels and indices -------------------------------------------------------
    def player_index(self, player: PlayerKey) -> int:
        """Index of a player given by label or integer.

        Examples
        --------
        >>> g = Game.zero_sum([[0]], players=("US", "Russia"))
        >>> g.player_index("Russia"), g.player_index(0)
        (1, 0)
        """
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if 0 <= player < self.num_players:
                return int(player)
            raise InvalidProfileError(f"player index {player} out of range 0..{self.num_players - 1}")
        try:
            return self._players.index(player)
        except ValueError:
            raise InvalidProfileError(f"unknown player {player!r}; players are {list(self._players)}") from None

    def strategy_index(self, player: PlayerKey, strategy: StrategyKey) -> int:
        """Index of one of ``player``'s strategies given by label or integer.

        Examples
        --------
        >>> g = Game.zero_sum([[0, 1]], strategies=(("T",), ("l", "r")))
        >>> g.strategy_index(1, "r")
        1
        """
        i = self.player_index(player)
        labels = self._strategies[i]
        if isinstance(strategy, (int, np.integer)) and not isinstance(strategy, bool):
            if 0 <= strategy < len(labels):
                return int(strategy)
            raise InvalidProfileError(
                f"strategy index {strategy} out of range for {self._players[i]} (0..{len(labels) - 1})"
            )
        try:
            return labels.index(strategy)
        except ValueError:
            raise InvalidProfileError(
                f"unknown strategy {strategy!r} of {self._players[i]}; strategies are {list(labels)}"
            ) from None

    def pure_profile(self, profile: Any) -> tuple[int, ...]:
        """Normalise a pure profile (labels, indices or ``{player: strategy}``) to indices.

        Examples
        --------
        >>> g = Game.zero_sum([[0, 1]], players=("R", "C"), strategies=(("T",), ("l", "r")))
        >>> g.pure_profile(("T", "r")), g.pure_profile({"C": "r", "R": 0})
        ((0, 1), (0, 1))
        """
        if isinstance(profile, Mapping):
            idx: list[int | None] = [None] * self.num_players
            for p, s in profile.items():
                idx[self.player_index(p)] = self.strategy_index(p, s)
            if any(v is None for v in idx):
                missing = [self._players[k] for k, v in enumerate(idx) if v is None]
                raise InvalidProfileError(f"profile misses players {missing}")
            return tuple(idx)  # type: ignore[arg-type]
        if isinstance(profile, (str, bytes)) or not isinstance(profile, Sequence | np.ndarray):
            raise InvalidProfileError(f"a pure profile is a sequence of strategies, got {profile!r}")
        if len(profile) != self.num_players:
            raise InvalidProfileError(f"profile has {len(profile)} entries for {self.num_players} players")
        return tuple(self.strategy_index(i, s) for i, s in enumerate(profile))

    def __getitem__(self, profile: Any) -> tuple:
        """Payoffs at a pure profile given by labels or indices."""
        if not isinstance(profile, tuple | list | Mapping):
            profile = (profile,)
        s = self.pure_profile(profile)
        return tuple(self._payoffs[(i, *s)] for i in range(self.num_players))

    # -- payoffs of profiles --------------------------------------------------------
    def payoff(self, profile: Any) -> tuple:
        """Expected payoffs of every player at a pure or mixed profile.

        Parameters
        ----------
        profile
            Pure: a sequence of strategies (labels or indices) or ``{player: strategy}``.
            Mixed: a sequence of probability vectors, or ``{player: {strategy: prob}}``;
            missing strategies have probability 0. Pure and mixed entries may be combined.

        Returns
        -------
        tuple
            One payoff per player; exact for exact games and exact probabilities.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> mp = Game.zero_sum([[1, -1], [-1, 1]], players=("R", "C"))
        >>> mp.payoff([[F(1, 2), F(1, 2)], [1, 0]])
        (Fraction(0, 1), Fraction(0, 1))
        >>> mp.payoff({"R": "1", "C": {"1": "1/4", "2": "3/4"}})
        (Fraction(-1, 2), Fraction(1, 2))
        """
        from .profiles import expected_payoffs, mixed_profile

        return expected_payoffs(self, mixed_profile(self, profile))

    def best_responses(self, player: PlayerKey, profile: Any) -> tuple[str, ...]:
        """Labels of ``player``'s pure best responses to the other players' (mixed) strategies.

        ``profile`` gives the others' strategies; an entry for ``player`` itself is ignored
        and may be omitted when ``profile`` is a mapping. Ties within the game's tolerance
        are all returned.

        Examples
        --------
        >>> mp = Game.zero_sum([[1, -1], [-1, 1]], players=("R", "C"), strategies=(("H", "T"), ("H", "T")))
        >>> mp.best_responses("R", {"C": "T"}), mp.best_responses("C", {"R": {"H": "1/2", "T": "1/2"}})
        (('T',), ('H', 'T'))
        """
        from .profiles import best_response_indices, mixed_profile

        i = self.player_index(player)
        if isinstance(profile, Mapping) and self._players[i] not in profile and i not in profile:
            profile = {**profile, self._players[i]: 0}
        sigma = mixed_profile(self, profile)
        return tuple(self._strategies[i][k] for k in best_response_indices(self, i, sigma))

    def regret(self, profile: Any) -> tuple:
        """Each player's regret: best-response payoff minus current payoff (``>= 0``).

        Examples
        --------
        >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> pd.regret((0, 0))
        (Fraction(2, 1), Fraction(2, 1))
        """
        from .profiles import mixed_profile, regrets

        return regrets(self, mixed_profile(self, profile))

    def is_equilibrium(self, profile: Any, tol: float | None = None) -> bool:
        """Whether no player gains more than ``tol`` by deviating.

        By default ``tol`` is 0 when game and profile are exact, ``DEFAULT_TOL`` otherwise.

        Examples
        --------
        >>> mp = Game.zero_sum([[1, -1], [-1, 1]])
        >>> mp.is_equilibrium([["1/2", "1/2"], ["1/2", "1/2"]]), mp.is_equilibrium((0, 0))
        (True, False)
        """
        r = self.regret(profile)
        if tol is None:
            tol = 0 if all(isinstance(v, Fraction) for v in r) else _exact.DEFAULT_TOL
        return max(r) <= tol

    # -- derived games --------------------------------------------------------------
    def restrict(self, strategies: Sequence[Sequence[StrategyKey]]) -> "Game":
        """The subgame where each player keeps only the given strategies (in the given order).

        Examples
        --------
        >>> g = Game.from_bimatrix([[1, 2], [3, 4]], [[0, 0], [0, 0]], strategies=(("a", "b"), ("x", "y")))
        >>> g.restrict([["b"], ["y", "x"]]).payoff_array(0).tolist()
        [[Fraction(4, 1), Fraction(3, 1)]]
        """
        if len(strategies) != self.num_players:
            raise InvalidProfileError(f"restrict needs one strategy list per player ({self.num_players})")
        idx = [[self.strategy_index(i, s) for s in keep] for i, keep in enumerate(strategies)]
        for i, keep in enumerate(idx):
            if not keep:
                raise InvalidGameError(f"restrict: {self._players[i]} would have no strategy")
        arr = self._payoffs[np.ix_(range(self.num_players), *idx)]
        return Game(
            arr,
            players=self._players,
            strategies=[[self._strategies[i][k] for k in keep] for i, keep in enumerate(idx)],
            title=self._title,
        )

    def permute_strategies(self, player: PlayerKey, order: Sequence[StrategyKey]) -> "Game":
        """The same game with ``player``'s strategies listed in ``order``.

        Examples
        --------
        >>> g = Game.from_bimatrix([[1, 2]], [[3, 4]])
        >>> g.permute_strategies(1, [1, 0]).payoff_array(0).tolist()
        [[Fraction(2, 1), Fraction(1, 1)]]
        """
        i = self.player_index(player)
        if sorted(self.strategy_index(i, s) for s in order) != list(range(self.shape[i])):
            raise InvalidProfileError(f"order must list each strategy of {self._players[i]} once")
        keep = [list(range(n)) for n in self.shape]
        keep[i] = list(order)
        return self.restrict(keep)

    def permute_players(self, order: Sequence[PlayerKey]) -> "Game":
        """The same game with players listed in ``order`` (axes and payoff rows moved together).

        Examples
        --------
        >>> g = Game.from_bimatrix([[1, 2]], [[3, 4]], players=("R", "C"))
        >>> h = g.permute_players(["C", "R"])
        >>> h.players, h.shape, h[(1, 0)]
        (('C', 'R'), (2, 1), (Fraction(4, 1), Fraction(2, 1)))
        """
        perm = [self.player_index(p) for p in order]
        if sorted(perm) != list(range(self.num_players)):
            raise InvalidProfileError("order must list each player once")
        arr = self._payoffs[perm].transpose(0, *[p + 1 for p in perm])
        return Game(
            arr,
            players=[self._players[p] for p in perm],
            strategies=[self._strategies[p] for p in perm],
            title=self._title,
        )

    def to_float(self) -> "Game":
        """A float copy of this game.

        Examples
        --------
        >>> Game.zero_sum([["1/2"]]).to_float().payoffs.dtype
        dtype('float64')
        """
        return Game(
            self._payoffs.astype(np.float64), players=self._players, strategies=self._strategies, title=self._title
        )

    def with_payoffs(self, payoffs: Any) -> "Game":
        """A game with the same labels and title but other payoffs of the same shape."""
        new = Game(payoffs, players=self._players, strategies=self._strategies, title=self._title)
        if new.payoffs.shape != self._payoffs.shape:
            raise InvalidGameError(f"payoffs of shape {new.payoffs.shape}, expected {self._payoffs.shape}")
        return new

    def pure_profiles(self) -> Iterator[tuple[int, ...]]:
        """Iterate over all pure profiles as index tuples (row-major order)."""
        return iter(np.ndindex(*self.shape))

    # -- equality, hashing, display -------------------------------------------------
    def _key(self) -> tuple:
        return (self._kind, self._players, self._strategies, self._title, self._payoffs.shape, tuple(self._payoffs.flat))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Game):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        """Small games (up to :data:`REPR_ENTRIES` payoffs) as a constructor call with every payoff.

        So that a counterexample printed by hypothesis (or a traceback) shows the
        game itself and can be pasted back to rebuild it; larger games as a summary.

        Examples
        --------
        >>> Game.from_bimatrix([[1, "1/2"]], [[0, 2.5]], players=("A", "B"))
        Game([[[1.0, 0.5]], [[0.0, 2.5]]], players=('A', 'B'), strategies=(('1',), ('1', '2')))
        >>> Game.zero_sum([[1, -1], [-1, 1]], title="Pennies")
        Game([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], players=('Player 1', 'Player 2'), strategies=(('1', '2'), ('1', '2')), title='Pennies')
        """
        if self._payoffs.size > REPR_ENTRIES:
            name = f"'{self._title}'" if self._title else "untitled"
            return f"Game({name}, players={self._players}, shape={self.shape}, {self._kind})"

        def cell(v: Any) -> str:
            if isinstance(v, Fraction):
                return str(v.numerator) if v.denominator == 1 else f"'{v}'"
            return repr(float(v))

        def nested(arr: Any) -> str:
            if not isinstance(arr, np.ndarray):
                return cell(arr)
            return "[" + ", ".join(nested(a) for a in arr) + "]"

        title = f", title={self._title!r}" if self._title else ""
        return f"Game({nested(self._payoffs)}, players={self._players!r}, strategies={self._strategies!r}{title})"

    def __str__(self) -> str:
        from .display.text import game_table

        return game_table(self)

    def _repr_html_(self) -> str:
        from .display.html import game_html

        return game_html(self)

    def _repr_latex_(self) -> str:
        from .display.latex import game_latex

        return game_latex(self)
