"""Argument checks shared by the solvers."""

from __future__ import annotations

from typing import Any

from ..errors import NotSupportedError
from ..game import Game

__all__ = ["check_game"]


def check_game(game: Any) -> None:
    """Raise :class:`NotSupportedError` unless ``game`` is a :class:`Game`.

    Examples
    --------
    >>> check_game([[1, 2]])
    Traceback (most recent call last):
    ...
    gametheory.errors.NotSupportedError: expected a gametheory.Game, got list
    """
    if not isinstance(game, Game):
        raise NotSupportedError(f"expected a gametheory.Game, got {type(game).__name__}")
