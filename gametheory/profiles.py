"""Pure and mixed strategy profiles: normalisation, expected payoffs, regret.

A *mixed profile* is a tuple with one probability vector (a tuple) per player.
Exact games with exact probabilities give exact payoffs; anything float gives floats.

Examples
--------
>>> from gametheory import Game
>>> from fractions import Fraction as F
>>> g = Game.zero_sum([[1, -1], [-1, 1]], players=("R", "C"), strategies=(("H", "T"), ("H", "T")))
>>> sigma = mixed_profile(g, {"R": "H", "C": {"H": "1/3", "T": "2/3"}})
>>> sigma
((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 3), Fraction(2, 3)))
>>> expected_payoffs(g, sigma)
(Fraction(-1, 3), Fraction(1, 3))
>>> regrets(g, sigma), supports(sigma)
((Fraction(2, 3), Fraction(2, 3)), ((0,), (0, 1)))
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np

from . import exact as _exact
from .errors import InvalidNumberError, InvalidProfileError

if TYPE_CHECKING:
    from .game import Game

__all__ = [
    "MixedProfile",
    "mixed_profile",
    "pure_to_mixed",
    "expected_payoffs",
    "strategy_payoffs",
    "best_response_indices",
    "regrets",
    "supports",
    "format_profile",
]

MixedProfile = tuple[tuple[_exact.Number, ...], ...]


def _is_strategy_key(x: Any) -> bool:
    return isinstance(x, (str, int, np.integer)) and not isinstance(x, bool)


def _vector(game: "Game", i: int, entry: Any) -> tuple:
    n = game.shape[i]
    if _is_strategy_key(entry):
        k = game.strategy_index(i, entry)
        return tuple(Fraction(int(j == k)) for j in range(n))
    if isinstance(entry, Mapping):
        vec: list[Any] = [Fraction(0)] * n
        for s, p in entry.items():
            vec[game.strategy_index(i, s)] = p
        entry = vec
    if isinstance(entry, (str, bytes)) or not isinstance(entry, Sequence | np.ndarray):
        raise InvalidProfileError(f"strategy of {game.players[i]} must be a strategy or a probability vector")
    if len(entry) != n:
        raise InvalidProfileError(f"{game.players[i]} has {n} strategies; got a vector of length {len(entry)}")
    try:
        vec = [_exact.to_number(p) for p in entry]
    except InvalidNumberError as err:
        raise InvalidProfileError(f"probability of {game.players[i]}: {err}") from None
    if any(isinstance(p, float) for p in vec):
        vec = [float(p) for p in vec]
        tol = 1e-9
    else:
        tol = 0
    if any(p < -tol for p in vec):
        raise InvalidProfileError(f"negative probability in the strategy of {game.players[i]}")
    total = sum(vec)
    if abs(total - 1) > tol:
        raise InvalidProfileError(f"probabilities of {game.players[i]} sum to {_exact.format_number(total)}, not 1")
    return tuple(vec)


def mixed_profile(game: "Game", profile: Any) -> MixedProfile:
    """Normalise any pure or mixed profile to one probability vector per player.

    Accepts a sequence with one entry per player or a mapping ``{player: entry}``;
    each entry is a strategy (label or index), a probability vector, or a mapping
    ``{strategy: probability}``.

    Raises
    ------
    InvalidProfileError
        Wrong length, unknown labels, negative probabilities or a sum other than 1.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[1, 2]], [[0, 0]])
    >>> mixed_profile(g, (0, [0.25, 0.75]))
    ((1.0,), (0.25, 0.75))
    >>> mixed_profile(g, (0, [1, 1]))
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidProfileError: probabilities of Player 2 sum to 2, not 1
    """
    if isinstance(profile, Mapping):
        entries: list[Any] = [None] * game.num_players
        for p, e in profile.items():
            entries[game.player_index(p)] = e
        if any(e is None for e in entries):
            missing = [game.players[k] for k, e in enumerate(entries) if e is None]
            raise InvalidProfileError(f"profile misses players {missing}")
    else:
        if isinstance(profile, (str, bytes)) or not isinstance(profile, Sequence | np.ndarray):
            raise InvalidProfileError(f"a profile is a sequence with one entry per player, got {profile!r}")
        entries = list(profile)
        if len(entries) != game.num_players:
            raise InvalidProfileError(f"profile has {len(entries)} entries for {game.num_players} players")
    vecs = [_vector(game, i, e) for i, e in enumerate(entries)]
    if any(isinstance(p, float) for v in vecs for p in v):
        vecs = [tuple(float(p) for p in v) for v in vecs]
    return tuple(vecs)


def pure_to_mixed(game: "Game", pure: Sequence[int]) -> MixedProfile:
    """The degenerate mixed profile of a pure profile given by indices.

    Examples
    --------
    >>> from gametheory import Game
    >>> pure_to_mixed(Game.from_bimatrix([[1, 2]], [[0, 0]]), (0, 1))
    ((Fraction(1, 1),), (Fraction(0, 1), Fraction(1, 1)))
    """
    return tuple(tuple(Fraction(int(j == s)) for j in range(n)) for s, n in zip(pure, game.shape))


def _floaty(game: "Game", sigma: MixedProfile) -> bool:
    return not game.exact or any(isinstance(p, float) for v in sigma for p in v)


def _contract(arr: np.ndarray, sigma: MixedProfile, skip: int | None, floaty: bool) -> np.ndarray:
    """Contract the strategy axes of ``arr`` (shape (N, n_1..n_N)) with every vector but ``skip``.

    Each contracted axis is first cut to the vector's support (dropping zero terms
    changes nothing, exactly), so pure and small-support profiles touch only the
    payoffs they use.
    """
    index: list[Any] = [range(arr.shape[0])]
    vecs: list[Any] = []
    for j, vec in enumerate(sigma):
        if j == skip:
            index.append(range(arr.shape[j + 1]))
            vecs.append(None)
        else:
            sup = [k for k, p in enumerate(vec) if p != 0]
            index.append(sup)
            vecs.append([vec[k] for k in sup])
    arr = arr[np.ix_(*index)]
    if floaty and arr.dtype == object:
        arr = arr.astype(np.float64)
    dtype = arr.dtype
    for j in range(len(sigma) - 1, -1, -1):
        if j == skip:
            continue
        v = np.array(vecs[j], dtype=dtype)
        axis = j + 1
        arr = np.moveaxis(arr, axis, -1) @ v
    return arr


def strategy_payoffs(game: "Game", player: int, sigma: MixedProfile) -> np.ndarray:
    """Payoff of each pure strategy of ``player`` against the others' mixed strategies.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.zero_sum([[1, -1], [-1, 1]])
    >>> strategy_payoffs(g, 0, ((1, 0), (Fraction(1, 4), Fraction(3, 4)))).tolist()
    [Fraction(-1, 2), Fraction(1, 2)]
    """
    out = _contract(game.payoffs[player : player + 1], sigma, skip=player, floaty=_floaty(game, sigma))
    return out[0]


def expected_payoffs(game: "Game", sigma: MixedProfile) -> tuple:
    """Expected payoff of every player at a normalised mixed profile.

    Examples
    --------
    >>> from gametheory import Game
    >>> expected_payoffs(Game.from_bimatrix([[1, 2]], [[3, 4]]), ((1,), (Fraction(1, 2), Fraction(1, 2))))
    (Fraction(3, 2), Fraction(7, 2))
    """
    out = _contract(game.payoffs, sigma, skip=None, floaty=_floaty(game, sigma))
    return tuple(out.tolist())


def best_response_indices(game: "Game", player: int, sigma: MixedProfile, tol: float | None = None) -> tuple[int, ...]:
    """Indices of ``player``'s pure best responses (within ``tol``; exact for exact games).

    Examples
    --------
    >>> from gametheory import Game
    >>> best_response_indices(Game.from_bimatrix([[1], [1], [0]], [[0], [0], [0]]), 0, ((1, 0, 0), (1,)))
    (0, 1)
    """
    vals = strategy_payoffs(game, player, sigma)
    floaty = vals.dtype != object
    tol = (_exact.DEFAULT_TOL if floaty else 0) if tol is None else tol
    best = max(vals.tolist())
    return tuple(k for k, v in enumerate(vals.tolist()) if v >= best - tol)


def regrets(game: "Game", sigma: MixedProfile) -> tuple:
    """Each player's regret at ``sigma``: best pure deviation payoff minus current payoff.

    Examples
    --------
    >>> from gametheory import Game
    >>> regrets(Game.from_bimatrix([[1], [2]], [[0], [0]]), ((1, 0), (1,)))
    (Fraction(1, 1), Fraction(0, 1))
    """
    out = []
    for i in range(game.num_players):
        vals = strategy_payoffs(game, i, sigma).tolist()
        current = sum(p * v for p, v in zip(sigma[i], vals))
        r = max(vals) - current
        if isinstance(r, float) and r < 0:
            r = 0.0  # rounding: a regret is never negative
        out.append(r)
    return tuple(out)


def supports(sigma: MixedProfile, tol: float = 0.0) -> tuple[tuple[int, ...], ...]:
    """Indices of strategies played with probability above ``tol``, per player.

    Examples
    --------
    >>> supports(((0.5, 0.5, 0.0), (1e-15, 1.0)), tol=1e-12)
    ((0, 1), (1,))
    """
    return tuple(tuple(k for k, p in enumerate(v) if p > tol) for v in sigma)


def format_profile(game: "Game", sigma: MixedProfile, digits: int = 6) -> str:
    """Human-readable profile with labels, e.g. ``Russia: Ceasefire 2/3, Continue 1/3``.

    Pure strategies are shown by name alone; zero-probability strategies are omitted.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.zero_sum([[1, -1], [-1, 1]], players=("R", "C"), strategies=(("H", "T"), ("H", "T")))
    >>> format_profile(g, ((1, 0), (Fraction(1, 3), Fraction(2, 3))))
    'R: H; C: H 1/3, T 2/3'
    """
    parts = []
    for i, vec in enumerate(sigma):
        played = [(game.strategies[i][k], p) for k, p in enumerate(vec) if p != 0]
        if len(played) == 1 and played[0][1] == 1:
            body = played[0][0]
        else:
            body = ", ".join(f"{s} {_exact.format_number(p, digits)}" for s, p in played)
        parts.append(f"{game.players[i]}: {body}")
    return "; ".join(parts)
