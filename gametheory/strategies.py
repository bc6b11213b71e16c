"""Hypothesis strategies for games, profiles, perturbations and assumption-consistent payoffs.

The API follows hypothesis's own conventions: plural nouns, keyword-only
arguments, ``min_``/``max_`` bounds, strategies accepted as arguments, and
:class:`hypothesis.errors.InvalidArgument` for bad arguments (raised when the
strategy is created). Everything shrinks toward small, simple games: fewer
players and strategies, payoffs toward 0, orderings toward the first consistent
one, perturbations toward none, parameters toward their defaults.

Examples
--------
>>> from hypothesis import given, settings
>>> from gametheory import pure_equilibria
>>> from gametheory.strategies import ordinal_games
>>> @settings(max_examples=20, database=None)
... @given(ordinal_games())
... def test_at_most_two_pure_equilibria(game):
...     assert len(pure_equilibria(game)) <= 2
>>> test_at_most_two_pure_equilibria()
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Sequence

import numpy as np
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from . import exact as _exact
from .game import MAX_ENTRIES, Game

__all__ = [
    "games",
    "bimatrix_games",
    "zero_sum_games",
    "ordinal_games",
    "mixed_strategies",
    "profiles",
    "perturbations",
    "parameter_values",
    "games_satisfying",
]

#: Default payoff values: small integers, exact, shrinking toward 0.
DEFAULT_PAYOFFS = st.integers(min_value=-10, max_value=10)


def _check_int(name: str, value: Any, low: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise InvalidArgument(f"{name}={value!r} must be an integer")
    if value < low:
        raise InvalidArgument(f"{name}={value!r} must be at least {low}")
    return int(value)


def _count_strategy(name: str, value: Any, min_value: int, max_value: int) -> SearchStrategy[int]:
    """An int, a strategy of ints, or ``None`` (then ``min_value..max_value``)."""
    if value is None:
        _check_int(f"min_{name}", min_value)
        _check_int(f"max_{name}", max_value)
        if max_value < min_value:
            raise InvalidArgument(f"max_{name}={max_value} < min_{name}={min_value}")
        return st.integers(min_value=min_value, max_value=max_value)
    if isinstance(value, SearchStrategy):
        return value
    return st.just(_check_int(name, value))


def _check_strategy(name: str, value: Any) -> SearchStrategy:
    if not isinstance(value, SearchStrategy):
        raise InvalidArgument(f"{name}={value!r} must be a hypothesis strategy")
    return value


def _check_shape(n: int, shape: Sequence[int]) -> None:
    if n * math.prod(shape) > MAX_ENTRIES:
        raise InvalidArgument(f"a game of {n} players and shape {tuple(shape)} is too large")


def games(
    *,
    players: int | SearchStrategy[int] | None = None,
    strategies: int | Sequence[int] | SearchStrategy[int] | None = None,
    payoffs: SearchStrategy | None = None,
    min_players: int = 2,
    max_players: int = 3,
    min_strategies: int = 1,
    max_strategies: int = 3,
    title: str | None = None,
) -> SearchStrategy[Game]:
    """Normal-form games: a number of players, strategies per player and payoffs.

    Parameters
    ----------
    players : int or strategy of int, optional
        Number of players; default ``min_players..max_players`` (2..3).
    strategies : int, sequence of int, or strategy of int, optional
        Strategies per player: one number for all, a shape, or a strategy drawn for
        each player; default ``min_strategies..max_strategies`` (1..3) for each.
    payoffs : strategy, optional
        Payoff values (default integers -10..10, so games are exact). Use
        ``st.floats(...)`` for float games or ``st.fractions(...)`` for rationals.
    title : str, optional
        Title given to every game.

    Examples
    --------
    >>> from hypothesis import find
    >>> g = find(games(), lambda g: True)   # the simplest game there is
    >>> g.num_players, g.shape, g.payoffs.tolist()
    (2, (1, 1), [[[Fraction(0, 1)]], [[Fraction(0, 1)]]])
    >>> games(players=0)
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: players=0 must be at least 1
    """
    n_st = _count_strategy("players", players, min_players, max_players)
    if strategies is not None and not isinstance(strategies, (SearchStrategy, int, np.integer)):
        if isinstance(strategies, (str, bytes)) or not hasattr(strategies, "__iter__"):
            raise InvalidArgument(f"strategies={strategies!r} must be an integer, a sequence of integers or a strategy")
        shape = tuple(_check_int("strategies", k) for k in strategies)
        s_st: SearchStrategy | tuple = shape
        if players is not None and not isinstance(players, SearchStrategy) and len(shape) != players:
            raise InvalidArgument(f"strategies={shape} does not give one number for each of {players} players")
        n_st = st.just(len(shape))
    else:
        s_st = _count_strategy("strategies", strategies, min_strategies, max_strategies)
    pay = _check_strategy("payoffs", payoffs if payoffs is not None else DEFAULT_PAYOFFS)
    if title is not None and not isinstance(title, str):
        raise InvalidArgument(f"title={title!r} must be a string")

    # The first player's strategies are drawn as a list of blocks (each block holds every
    # payoff of the profiles where that strategy is played), so the shrinker can delete any
    # one of them, not only the last, without disturbing the others.
    free_first = strategies is None

    @st.composite
    def draw_game(draw: Any) -> Game:
        n = draw(n_st)
        if isinstance(s_st, tuple):
            if len(s_st) != n:
                raise InvalidArgument(f"strategies={s_st} does not give one number for each of {n} players")
            rest = s_st[1:]
        else:
            rest = tuple(draw(s_st) for _ in range(n - 1))
        block = st.lists(pay, min_size=n * math.prod(rest), max_size=n * math.prod(rest))
        if free_first:
            _check_shape(n, (max_strategies, *rest))
            blocks = draw(st.lists(block, min_size=min_strategies, max_size=max_strategies))
        else:
            k1 = s_st[0] if isinstance(s_st, tuple) else draw(s_st)
            _check_shape(n, (k1, *rest))
            blocks = draw(st.lists(block, min_size=k1, max_size=k1))
        arr = np.moveaxis(np.array(blocks, dtype=object).reshape((len(blocks), n, *rest)), 0, 1)
        if free_first or strategies is None:
            # One "keep" draw per strategy, shrinking toward 0 = drop: the shrinker can remove
            # any single strategy of any player in one step (generation drops about 1 in 4).
            keep = []
            for i in range(n):
                flags = [draw(st.integers(0, 3)) != 0 for _ in range(arr.shape[i + 1])]
                kept = [j for j, f in enumerate(flags) if f]
                for j in range(arr.shape[i + 1]):
                    if len(kept) >= min(min_strategies, arr.shape[i + 1]):
                        break
                    if j not in kept:
                        kept.append(j)
                keep.append(sorted(kept))
            arr = arr[np.ix_(range(n), *keep)]
        if players is None and strategies is None and n > min_players:
            # Likewise one "keep" draw per player: a dropped player is fixed at their first
            # strategy and removed, so a dummy player can be shrunk away in one step.
            flags = [draw(st.integers(0, 3)) != 0 for _ in range(n)]
            kept = [i for i, f in enumerate(flags) if f]
            for i in range(n):
                if len(kept) >= min_players:
                    break
                if i not in kept:
                    kept.append(i)
            kept.sort()
            index = tuple(slice(None) if i in kept else 0 for i in range(n))
            arr = arr[(kept, *index)] if len(kept) < n else arr
        return Game(arr, title=title)

    return draw_game()


def bimatrix_games(
    *,
    strategies: int | Sequence[int] | SearchStrategy[int] | None = None,
    payoffs: SearchStrategy | None = None,
    min_strategies: int = 1,
    max_strategies: int = 4,
) -> SearchStrategy[Game]:
    """Two-player games (row player first), shrinking toward 1×1 games with zero payoffs.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(bimatrix_games(min_strategies=2), lambda g: True).shape
    (2, 2)
    """
    if strategies is not None and not isinstance(strategies, (SearchStrategy, int, np.integer)):
        if len(tuple(strategies)) != 2:
            raise InvalidArgument(f"strategies={strategies!r} must give two numbers (rows, columns)")
    return games(
        players=2, strategies=strategies, payoffs=payoffs, min_strategies=min_strategies, max_strategies=max_strategies
    )


def zero_sum_games(
    *,
    strategies: int | Sequence[int] | SearchStrategy[int] | None = None,
    payoffs: SearchStrategy | None = None,
    min_strategies: int = 1,
    max_strategies: int = 4,
) -> SearchStrategy[Game]:
    """Two-player zero-sum games: the row player's matrix ``A``, the column player gets ``-A``.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(zero_sum_games(), lambda g: g.payoffs[0].flat[0] > 2).payoffs[0].tolist()
    [[Fraction(3, 1)]]
    """
    if strategies is None:
        s_st: Any = _count_strategy("strategies", None, min_strategies, max_strategies)
    elif isinstance(strategies, (SearchStrategy, int, np.integer)):
        s_st = _count_strategy("strategies", strategies, min_strategies, max_strategies)
    else:
        shape = tuple(_check_int("strategies", k) for k in strategies)
        if len(shape) != 2:
            raise InvalidArgument(f"strategies={strategies!r} must give two numbers (rows, columns)")
        s_st = shape
    pay = _check_strategy("payoffs", payoffs if payoffs is not None else DEFAULT_PAYOFFS)

    @st.composite
    def draw_game(draw: Any) -> Game:
        shape = s_st if isinstance(s_st, tuple) else (draw(s_st), draw(s_st))
        values = draw(st.lists(pay, min_size=math.prod(shape), max_size=math.prod(shape)))
        return Game.zero_sum(np.array(values, dtype=object).reshape(shape))

    return draw_game()


def _dense_ranks(values: Sequence[int]) -> list[int]:
    levels = sorted(set(values))
    return [levels.index(v) + 1 for v in values]


def ordinal_games(
    *,
    players: int | SearchStrategy[int] = 2,
    strategies: int | Sequence[int] | SearchStrategy[int] = 2,
    ties: bool = False,
) -> SearchStrategy[Game]:
    """Ordinal games: each player's payoffs are ranks ``1..K`` of the ``K`` outcomes (``K`` best).

    With ``ties=False`` every player's ranking is strict (a permutation); with
    ``ties=True`` outcomes may share a rank (dense ranks ``1..m``, ``m <= K``).
    The default draws strict ordinal 2×2 games (the 576 of :mod:`gametheory.taxonomy`).

    Examples
    --------
    >>> from hypothesis import find
    >>> g = find(ordinal_games(), lambda g: True)
    >>> sorted(g.payoffs[0].flat) == [1, 2, 3, 4]
    True
    >>> find(ordinal_games(ties=True), lambda g: True).payoffs[0].tolist()   # all tied
    [[Fraction(1, 1), Fraction(1, 1)], [Fraction(1, 1), Fraction(1, 1)]]
    """
    if not isinstance(ties, bool):
        raise InvalidArgument(f"ties={ties!r} must be True or False")
    n_st = _count_strategy("players", players, 1, 1)
    if isinstance(strategies, (SearchStrategy, int, np.integer)):
        s_st: Any = _count_strategy("strategies", strategies, 1, 1)
    else:
        s_st = tuple(_check_int("strategies", k) for k in strategies)

    @st.composite
    def draw_game(draw: Any) -> Game:
        n = draw(n_st)
        shape = s_st if isinstance(s_st, tuple) else tuple(draw(s_st) for _ in range(n))
        if len(shape) != n:
            raise InvalidArgument(f"strategies={shape} does not give one number for each of {n} players")
        _check_shape(n, shape)
        k = math.prod(shape)
        rows = []
        for _ in range(n):
            if ties:
                rows.append(_dense_ranks(draw(st.lists(st.integers(1, k), min_size=k, max_size=k))))
            else:
                rows.append([r + 1 for r in draw(st.permutations(range(k)))])
        return Game(np.array(rows, dtype=np.int64).reshape((n, *shape)))

    return draw_game()


def mixed_strategies(n: int, *, exact: bool = True, max_weight: int = 20) -> SearchStrategy[tuple]:
    """Probability vectors of length ``n`` (exact ``Fraction`` by default), shrinking toward pure strategy 1.

    Drawn as integer weights ``0..max_weight`` normalised to sum 1, so exact
    vectors have small denominators. ``exact=False`` gives floats summing to 1
    within rounding.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(mixed_strategies(3), lambda p: True)
    (Fraction(1, 1), Fraction(0, 1), Fraction(0, 1))
    >>> p = find(mixed_strategies(2), lambda p: 0 < p[0] < 1)
    >>> p, sum(p)
    ((Fraction(1, 2), Fraction(1, 2)), Fraction(1, 1))
    """
    n = _check_int("n", n)
    max_weight = _check_int("max_weight", max_weight)
    if not isinstance(exact, bool):
        raise InvalidArgument(f"exact={exact!r} must be True or False")

    @st.composite
    def draw_vector(draw: Any) -> tuple:
        w = draw(st.lists(st.integers(0, max_weight), min_size=n, max_size=n))
        # weights shrink toward 0; the leftover mass goes to the first strategy
        w[0] = w[0] + (1 if sum(w) == 0 else 0)
        total = sum(w)
        if exact:
            return tuple(Fraction(x, total) for x in w)
        return tuple(x / total for x in w)

    return draw_vector()


def profiles(game: Game, *, pure: bool = False) -> SearchStrategy[tuple]:
    """Strategy profiles of ``game``: mixed (tuple of probability vectors) or ``pure`` (tuple of indices).

    Mixed profiles are exact for exact games. Shrinks toward every player's first strategy.

    Examples
    --------
    >>> from hypothesis import find
    >>> g = Game.zero_sum([[1, -1], [-1, 1]])
    >>> find(profiles(g, pure=True), lambda s: True)
    (0, 0)
    >>> find(profiles(g), lambda s: True)
    ((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1)))
    """
    if not isinstance(game, Game):
        raise InvalidArgument(f"game={game!r} must be a Game")
    if pure:
        return st.tuples(*[st.integers(0, n - 1) for n in game.shape])
    return st.tuples(*[mixed_strategies(n, exact=game.exact) for n in game.shape])


def perturbations(
    game: Game, *, max_change: Any, players: Sequence[str | int] | None = None, max_denominator: int = 12
) -> SearchStrategy[Game]:
    """Games with every payoff moved by at most ``max_change``, shrinking toward ``game`` itself.

    Exact games stay exact when ``max_change`` is exact (changes are fractions with
    denominators up to ``max_denominator``); float games, or a float ``max_change``,
    give float games. ``players`` restricts the perturbation to some players' payoffs.

    Examples
    --------
    >>> from hypothesis import find
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> find(perturbations(pd, max_change=1), lambda g: True) == pd
    True
    >>> h = find(perturbations(pd, max_change="1/2"), lambda g: g.payoffs[0, 0, 0] != 3)
    >>> h.exact, abs(h.payoffs[0, 0, 0] - 3) <= Fraction(1, 2)
    (True, True)
    """
    if not isinstance(game, Game):
        raise InvalidArgument(f"game={game!r} must be a Game")
    try:
        m = _exact.to_number(max_change)
    except Exception:
        raise InvalidArgument(f"max_change={max_change!r} must be a number") from None
    if m < 0:
        raise InvalidArgument(f"max_change={max_change!r} must be non-negative")
    max_denominator = _check_int("max_denominator", max_denominator)
    which = range(game.num_players) if players is None else [game.player_index(p) for p in players]
    exact = game.exact and isinstance(m, Fraction)
    if exact:
        delta = st.fractions(min_value=-m, max_value=m, max_denominator=max_denominator)
    else:
        delta = st.floats(min_value=-float(m), max_value=float(m), allow_nan=False)
    base = game.payoffs if exact else game.payoffs.astype(np.float64)
    k = math.prod(game.shape)

    @st.composite
    def draw_game(draw: Any) -> Game:
        arr = base.copy()
        for i in which:
            d = draw(st.lists(delta, min_size=k, max_size=k))
            arr[i] = (arr[i].reshape(-1) + np.array(d, dtype=object if exact else np.float64)).reshape(game.shape)
        return game.with_payoffs(arr)

    return draw_game()


def _param_records(spec: Any) -> list:
    params = getattr(spec, "parameters", spec)
    if isinstance(params, dict):
        params = list(params.values())
    return list(params)


def parameter_values(spec: Any, *, max_denominator: int = 100) -> SearchStrategy[dict]:
    """Parameter assignments ``{name: value}`` inside each parameter's declared ``[low, high]``.

    ``spec`` is a game spec (its ``parameters``) or a sequence of records with
    ``name``, ``default``, ``low`` and ``high``. Exact bounds give exact fractions
    (denominators up to ``max_denominator``), float bounds give floats; values
    shrink toward the defaults. A parameter without bounds keeps its default.

    Examples
    --------
    >>> from types import SimpleNamespace as P
    >>> from hypothesis import find
    >>> ps = [P(name="cost", default=2, low=0, high=5), P(name="p", default="1/2", low=0, high=1)]
    >>> find(parameter_values(ps), lambda v: True)
    {'cost': Fraction(2, 1), 'p': Fraction(1, 2)}
    >>> v = find(parameter_values(ps), lambda v: v["cost"] > 4)
    >>> 4 < v["cost"] <= 5
    True
    """
    max_denominator = _check_int("max_denominator", max_denominator)
    out = {}
    for rec in _param_records(spec):
        get = rec.get if isinstance(rec, dict) else (lambda k, r=rec: getattr(r, k, None))
        name, default, low, high = get("name"), get("default"), get("low"), get("high")
        try:
            d = None if default is None else _exact.to_number(default)
            lo = None if low is None else _exact.to_number(low)
            hi = None if high is None else _exact.to_number(high)
        except Exception as err:
            raise InvalidArgument(f"parameter {name!r}: {err}") from None
        if lo is not None and hi is not None and lo > hi:
            raise InvalidArgument(f"parameter {name!r}: low {low!r} > high {high!r}")
        if d is not None and ((lo is not None and d < lo) or (hi is not None and d > hi)):
            raise InvalidArgument(f"parameter {name!r}: default {default!r} outside [{low}, {high}]")
        if lo is None or hi is None:
            if d is None:
                raise InvalidArgument(f"parameter {name!r} has neither a default nor a range")
            out[name] = st.just(d)
            continue
        if all(isinstance(v, Fraction) for v in (lo, hi)):
            inner = st.fractions(min_value=lo, max_value=hi, max_denominator=max_denominator)
        else:
            inner = st.floats(min_value=float(lo), max_value=float(hi), allow_nan=False)
        out[name] = inner if d is None else st.one_of(st.just(d), inner)
    return st.fixed_dictionaries(out)


def games_satisfying(
    spec_or_game: Any,
    assumptions: Any = None,
    *,
    cardinal: bool = False,
    max_gap: int = 5,
) -> SearchStrategy[Game]:
    """Games with the labels of ``spec_or_game`` whose payoffs satisfy the assumptions.

    Each player's outcomes are put in a random strict order consistent with that
    player's ordinal assumptions (a linear extension), drawn outcome by outcome
    from worst to best, so it shrinks toward the first consistent ordering. With
    ``cardinal=False`` the payoffs are the ranks ``1..K``; with ``cardinal=True``
    they are increasing integers with gaps ``1..max_gap`` along the order, and
    cardinal assumptions (margins, bounds) are enforced by filtering.

    Parameters
    ----------
    spec_or_game : Game, SequentialGame or game spec
        Supplies players and strategies (a spec is built at its defaults). For a
        SequentialGame the outcomes are its terminals, named by their histories; stage
        payoffs become 0 and each terminal gets the play's total.
    assumptions : iterable, optional
        Default: the spec's assumption register (none for a plain game).

    Examples
    --------
    >>> from hypothesis import find
    >>> from gametheory.assumptions import prefers, check
    >>> t = Game.zero_sum([[0, 0], [0, 0]], players=("US", "Russia"),
    ...                   strategies=(("Concede", "Hold"), ("Ceasefire", "Fight")))
    >>> A = [prefers("Russia", ("Hold", "Ceasefire"), over=("Concede", "Fight"))]
    >>> g = find(games_satisfying(t, A), lambda g: True)
    >>> check(g, A).ok, g.players
    (True, ('US', 'Russia'))
    """
    from .assumptions import _as_assumptions, _below_masks, _is_model, _num_outcomes, check, preference_pairs, rank_game, template_game

    if not isinstance(cardinal, bool):
        raise InvalidArgument(f"cardinal={cardinal!r} must be True or False")
    max_gap = _check_int("max_gap", max_gap)
    try:
        game = template_game(spec_or_game)
        if assumptions is None and not _is_model(spec_or_game):
            assumptions = spec_or_game
        items = _as_assumptions(assumptions)
        pairs = preference_pairs(game, items)
    except Exception as err:
        raise InvalidArgument(str(err)) from err
    needs_filter = any(getattr(a, "margin", None) is not None or not hasattr(a, "margin") for a in items)
    if needs_filter and not cardinal:
        raise InvalidArgument("cardinal assumptions (margins or bounds) need cardinal=True")
    k = _num_outcomes(game)
    masks = [_below_masks(k, ps) for ps in pairs]

    @st.composite
    def draw_game(draw: Any) -> Game:
        rows = []
        for below in masks:
            placed = 0
            values = [0] * k
            level = 0
            for r in range(1, k + 1):
                avail = [i for i in range(k) if not placed >> i & 1 and below[i] & ~placed == 0]
                i = avail[draw(st.integers(0, len(avail) - 1))]
                placed |= 1 << i
                level = level + (draw(st.integers(1, max_gap)) if cardinal else 1)
                values[i] = level
            rows.append(values)
        return rank_game(game, rows)

    strategy = draw_game()
    if cardinal and needs_filter:
        strategy = strategy.filter(lambda g: check(g, items).ok)
    return strategy
