r"""Paper-ready LaTeX, dependency-free: payoff matrices, equilibrium tables, documents.

Matrices come as plain ``tabular`` (booktabs) or in the ``sgame`` package's
``game`` environment; equilibria as a booktabs table with exact ``\frac``.
:func:`latex_document` wraps pieces into a compilable standalone document that
loads exactly the packages they need.

Examples
--------
>>> from gametheory import Game, pure_equilibria
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "Russia"),
...                         strategies=(("C", "D"), ("C", "D")))
>>> print(matrix_sgame(pd))
\begin{game}{2}{2}[US][Russia]
      & C    & D    \\
C     & 3, 3 & 0, 5 \\
D     & 5, 0 & 1, 1
\end{game}
>>> "\\toprule" in equilibria_table(pure_equilibria(pd))
True
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Iterable

from .. import exact as _exact
from ..display.latex import latex_text

if TYPE_CHECKING:
    from ..game import Game
    from ..solution import Solution

__all__ = ["matrix_tabular", "matrix_sgame", "equilibria_table", "latex_document", "PACKAGES"]

#: LaTeX packages each output kind needs (used by :func:`latex_document`).
PACKAGES = {
    "tabular": ("booktabs",),
    "sgame": ("sgame",),
    "equilibria": ("booktabs", "amsmath"),
    "tikz": ("tikz",),
    "cases": ("amsmath",),
}


def _num(v: object) -> str:
    text = _exact.latex_number(v)
    return f"${text}$" if "\\" in text or text.startswith("-") else text


def _align(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return [" & ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def _slices(game: "Game") -> Iterable[tuple[tuple[int, ...], str]]:
    for tail in itertools.product(*[range(n) for n in game.shape[2:]]):
        label = ", ".join(
            f"{latex_text(game.players[j + 2])}: {latex_text(game.strategies[j + 2][t])}" for j, t in enumerate(tail)
        )
        yield tail, label


def _cells(game: "Game", r: int, c: int, tail: tuple[int, ...]) -> str:
    return ", ".join(_num(game.payoffs[(i, r, c, *tail)]) for i in range(game.num_players))


def matrix_tabular(game: "Game", *, caption: str | None = None) -> str:
    r"""The payoff matrix (one per profile of players 3..N) as a booktabs ``tabular``.

    Examples
    --------
    >>> from gametheory import Game
    >>> print(matrix_tabular(Game.from_bimatrix([["1/2", 0]], [[1, -2]], players=("A", "B"),
    ...                                         strategies=(("T",), ("l", "r")))))
    \begin{tabular}{l|cc}
    \toprule
    A \textbackslash{} B & l                 & r     \\
    \midrule
    T                    & $\frac{1}{2}$, 1 & 0, $-2$ \\
    \bottomrule
    \end{tabular}
    """
    if game.num_players < 2:
        raise ValueError("matrix_tabular needs at least two players")
    out = []
    for tail, label in _slices(game):
        rows = [[f"{latex_text(game.players[0])} \\textbackslash{{}} {latex_text(game.players[1])}"]
                + [latex_text(s) for s in game.strategies[1]]]
        for r, rs in enumerate(game.strategies[0]):
            rows.append([latex_text(rs)] + [_cells(game, r, c, tail) for c in range(game.shape[1])])
        lines = _align(rows)
        body = [f"\\begin{{tabular}}{{l|{'c' * game.shape[1]}}}", "\\toprule", lines[0] + " \\\\", "\\midrule"]
        body += [ln + " \\\\" for ln in lines[1:]] + ["\\bottomrule", "\\end{tabular}"]
        if label:
            body.insert(0, f"% {label}")
        out.append("\n".join(body))
    text = "\n\n".join(out)
    if caption:
        text = f"\\begin{{table}}[ht]\n\\centering\n{text}\n\\caption{{{latex_text(caption)}}}\n\\end{{table}}"
    return text


def matrix_sgame(game: "Game") -> str:
    r"""The payoff matrix in the ``sgame`` package's ``game`` environment (two players).

    Examples
    --------
    >>> from gametheory import Game
    >>> matrix_sgame(Game.zero_sum([[1]], players=("R", "C"))).splitlines()[0]
    '\\begin{game}{1}{1}[R][C]'
    """
    if game.num_players != 2:
        raise ValueError("sgame matrices are for two-player games; use matrix_tabular")
    rows = [[""] + [latex_text(s) for s in game.strategies[1]]]
    for r, rs in enumerate(game.strategies[0]):
        rows.append([latex_text(rs)] + [_cells(game, r, c, ()) for c in range(game.shape[1])])
    lines = _align(rows)
    head = f"\\begin{{game}}{{{game.shape[0]}}}{{{game.shape[1]}}}[{latex_text(game.players[0])}][{latex_text(game.players[1])}]"
    return "\n".join([head] + [ln + " \\\\" for ln in lines[:-1]] + [lines[-1], "\\end{game}"])


def equilibria_table(solution: "Solution", *, caption: str | None = None) -> str:
    r"""A booktabs table of a solution's equilibria: strategies with exact probabilities, payoffs.

    Examples
    --------
    >>> from gametheory import Game, pure_equilibria
    >>> sol = pure_equilibria(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("A", "B")))
    >>> print(equilibria_table(sol))
    \begin{tabular}{rllcc}
    \toprule
    \# & A & B & $u_{\text{A}}$ & $u_{\text{B}}$ \\
    \midrule
    1  & 1 & 1 & 2              & 1              \\
    2  & 2 & 2 & 1              & 2              \\
    \bottomrule
    \end{tabular}
    """
    g = solution.game
    rows = [["\\#"] + [latex_text(p) for p in g.players] + [f"$u_{{\\text{{{latex_text(p)}}}}}$" for p in g.players]]
    for k, eq in enumerate(solution.equilibria):
        strat = []
        for i in range(g.num_players):
            parts = [
                latex_text(s) if p == 1 else f"{_num(p)} {latex_text(s)}" for s, p in eq.strategy(i).items()
            ]
            strat.append(", ".join(parts))
        rows.append([str(k + 1)] + strat + [_num(v) for v in eq.payoffs])
    lines = _align(rows)
    spec = "r" + "l" * g.num_players + "c" * g.num_players
    body = [f"\\begin{{tabular}}{{{spec}}}", "\\toprule", lines[0] + " \\\\", "\\midrule"]
    body += [ln + " \\\\" for ln in lines[1:]] or ["\\multicolumn{%d}{c}{no equilibrium} \\\\" % len(rows[0])]
    body += ["\\bottomrule", "\\end{tabular}"]
    text = "\n".join(body)
    if caption:
        text = f"\\begin{{table}}[ht]\n\\centering\n{text}\n\\caption{{{latex_text(caption)}}}\n\\end{{table}}"
    return text


def latex_document(*parts: str, packages: Iterable[str] = ("booktabs", "amsmath")) -> str:
    r"""A compilable ``article`` holding the given pieces (each in its own paragraph).

    Examples
    --------
    >>> doc = latex_document("hello", packages=["booktabs"])
    >>> doc.splitlines()[:2]
    ['\\documentclass{article}', '\\usepackage{booktabs}']
    """
    pk = list(dict.fromkeys(packages))
    head = ["\\documentclass{article}"] + [f"\\usepackage{{{p}}}" for p in pk] + ["\\begin{document}"]
    return "\n".join(head + ["\n\n".join(parts), "\\end{document}", ""])
