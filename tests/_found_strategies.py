"""Small hypothesis strategies for the foundation tests (the public ``gametheory.strategies`` comes later)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import strategies as st

from gametheory import Game


@st.composite
def games(
    draw,
    *,
    min_players: int = 1,
    max_players: int = 3,
    min_strategies: int = 1,
    max_strategies: int = 4,
    min_value: int = -4,
    max_value: int = 4,
    max_profiles: int = 64,
) -> Game:
    """Exact games with small integer payoffs (many ties, so degenerate cases are common)."""
    n = draw(st.integers(min_players, max_players))
    shape: list[int] = []
    for _ in range(n):
        room = max(1, max_profiles // max(1, math.prod(shape)))
        shape.append(draw(st.integers(min_strategies, max(min_strategies, min(max_strategies, room)))))
    size = n * math.prod(shape)
    values = draw(st.lists(st.integers(min_value, max_value), min_size=size, max_size=size))
    return Game(np.array(values, dtype=np.int64).reshape((n, *shape)))


@st.composite
def zero_sum_games(draw, *, max_strategies: int = 5, min_value: int = -5, max_value: int = 5) -> Game:
    """Exact two-player zero-sum games."""
    m = draw(st.integers(1, max_strategies))
    n = draw(st.integers(1, max_strategies))
    values = draw(st.lists(st.integers(min_value, max_value), min_size=m * n, max_size=m * n))
    return Game.zero_sum(np.array(values, dtype=np.int64).reshape(m, n))


def pure_set(solution) -> set[tuple[int, ...]]:
    """The pure profiles (as index tuples) of a Solution of pure equilibria."""
    return {tuple(s[0] for s in eq.supports) for eq in solution}
