r"""LaTeX for MathJax (Jupyter's ``_repr_latex_``): payoff matrices and equilibrium tables.

Paper-ready output (booktabs, ``sgame``, TikZ) lives in :mod:`gametheory.io.latex`.

Examples
--------
>>> from gametheory import Game
>>> print(game_latex(Game.from_bimatrix([["1/2", 0]], [[1, 2]], strategies=(("T",), ("l", "r")))))
$\begin{array}{r|cc} & \text{l} & \text{r} \\ \hline \text{T} & \frac{1}{2}, 1 & 0, 2 \end{array}$
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from .. import exact as _exact

if TYPE_CHECKING:
    from ..game import Game
    from ..solution import Solution

__all__ = ["game_latex", "solution_latex", "latex_text"]

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
            "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\~{}"}


def latex_text(s: str) -> str:
    r"""Escape a label for ``\text{...}``.

    Examples
    --------
    >>> latex_text("A&B_1")
    'A\\&B\\_1'
    """
    return "".join(_SPECIAL.get(ch, ch) for ch in s)


def _matrix(game: "Game", tail: tuple[int, ...]) -> str:
    cols = game.shape[1] if game.num_players > 1 else 1
    head = " & " + " & ".join(
        rf"\text{{{latex_text(s)}}}" for s in (game.strategies[1] if game.num_players > 1 else ["payoff"])
    )
    rows = []
    for r, rs in enumerate(game.strategies[0]):
        cells = []
        for c in range(cols):
            prof = (r, c, *tail) if game.num_players > 1 else (r,)
            cells.append(", ".join(_exact.latex_number(game.payoffs[(i, *prof)]) for i in range(game.num_players)))
        rows.append(rf"\text{{{latex_text(rs)}}} & " + " & ".join(cells))
    return rf"\begin{{array}}{{r|{'c' * cols}}}{head} \\ \hline " + r" \\ ".join(rows) + r" \end{array}"


def game_latex(game: "Game") -> str:
    """The payoff matrices as a MathJax ``array`` (one per profile of players 3..N)."""
    parts = []
    for tail in itertools.product(*[range(n) for n in game.shape[2:]]):
        m = _matrix(game, tail)
        if tail:
            cond = ", ".join(latex_text(game.strategies[j + 2][t]) for j, t in enumerate(tail))
            m = rf"\underset{{\text{{{cond}}}}}{{{m}}}"
        parts.append(m)
    return "$" + r" \quad ".join(parts) + "$"


def solution_latex(sol: "Solution") -> str:
    """The equilibria as a MathJax ``array`` with exact fractions."""
    g = sol.game
    head = " & ".join(rf"\text{{{latex_text(p)}}}" for p in g.players) + " & " + " & ".join(
        rf"u_{{\text{{{latex_text(p)}}}}}" for p in g.players
    )
    rows = []
    for eq in sol.equilibria:
        strat = []
        for i in range(g.num_players):
            d = eq.strategy(i)
            strat.append(
                ", ".join(
                    rf"\text{{{latex_text(s)}}}" if p == 1 else rf"{_exact.latex_number(p)}\,\text{{{latex_text(s)}}}"
                    for s, p in d.items()
                )
            )
        rows.append(" & ".join(strat + [_exact.latex_number(v) for v in eq.payoffs]))
    body = r" \\ ".join(rows) if rows else r"\text{no equilibrium found}"
    return rf"$\begin{{array}}{{{'l' * (2 * g.num_players)}}}{head} \\ \hline {body} \end{{array}}$"
