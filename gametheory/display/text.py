"""Plain-text tables of games, for terminals and ``print``.

Examples
--------
>>> from gametheory import Game
>>> print(game_table(Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Col"),
...                                     strategies=(("C", "D"), ("C", "D")), title="PD")))
PD
Row \\ Col  C        D
C           3, 3     0, 5*
D           5*, 0    1*, 1*
(* marks a best response)
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from .. import exact as _exact

if TYPE_CHECKING:
    from ..game import Game

__all__ = ["game_table"]


def _cell(game: "Game", mask, profile: tuple[int, ...]) -> str:
    parts = []
    for i in range(game.num_players):
        text = _exact.format_number(game.payoffs[(i, *profile)])
        parts.append(text + ("*" if mask[(i, *profile)] else ""))
    return ", ".join(parts)


def _grid(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def game_table(game: "Game") -> str:
    """The game as text: one payoff matrix per profile of players 3..N, best responses starred."""
    from ..solvers.pure import pure_best_response_mask

    mask = pure_best_response_mask(game)
    lines = [game.title] if game.title else []
    if game.num_players == 1:
        rows = [[game.players[0], "payoff"]] + [
            [s, _cell(game, mask, (k,))] for k, s in enumerate(game.strategies[0])
        ]
        return "\n".join(lines + _grid(rows) + ["(* marks a best response)"])
    rest = [range(n) for n in game.shape[2:]]
    for tail in itertools.product(*rest):
        if tail:
            lines.append(
                "when " + ", ".join(f"{game.players[j + 2]} plays {game.strategies[j + 2][t]}" for j, t in enumerate(tail))
            )
        header = [f"{game.players[0]} \\ {game.players[1]}"] + [s + "  " for s in game.strategies[1]]
        rows = [header]
        for r, rs in enumerate(game.strategies[0]):
            rows.append([rs] + [_cell(game, mask, (r, c, *tail)) + "  " for c in range(game.shape[1])])
        lines += _grid(rows)
    lines.append("(* marks a best response)")
    return "\n".join(lines)
