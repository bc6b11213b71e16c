"""HTML for Jupyter: payoff tables with best responses marked and pure equilibria highlighted.

Examples
--------
>>> from gametheory import Game
>>> html = game_html(Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D"))))
>>> html.count("gt-eq"), "<th>D</th>" in html
(2, True)
"""

from __future__ import annotations

import html as _html
import itertools
from typing import TYPE_CHECKING

from .. import exact as _exact

if TYPE_CHECKING:
    from ..game import Game
    from ..solution import Solution

__all__ = ["game_html", "solution_html"]

_STYLE = (
    "<style>.gt-game td,.gt-game th{padding:2px 8px;text-align:center}"
    ".gt-game .gt-eq{background:#fde68a;font-weight:bold}.gt-game .gt-br{text-decoration:underline}</style>"
)


def _e(x: object) -> str:
    return _html.escape(str(x))


def game_html(game: "Game") -> str:
    """An HTML payoff table (one per profile of players 3..N).

    Best responses are underlined (class ``gt-br``), pure equilibria shaded (``gt-eq``).
    """
    from ..solvers.pure import pure_best_response_mask

    mask = pure_best_response_mask(game)
    eq = mask.all(axis=0)
    title = f"<b>{_e(game.title)}</b> " if game.title else ""
    out = [_STYLE, f"<div>{title}<small>{game.kind} payoffs; underlined: best response; shaded: pure equilibrium</small></div>"]
    if game.num_players == 1:
        rows = "".join(
            f"<tr><th>{_e(s)}</th><td class='{'gt-eq' if eq[k] else ''}'>{_exact.format_number(game.payoffs[0, k])}</td></tr>"
            for k, s in enumerate(game.strategies[0])
        )
        return "".join(out) + f"<table class='gt-game'><tr><th>{_e(game.players[0])}</th><th>payoff</th></tr>{rows}</table>"
    for tail in itertools.product(*[range(n) for n in game.shape[2:]]):
        if tail:
            cond = ", ".join(f"{_e(game.players[j + 2])} plays {_e(game.strategies[j + 2][t])}" for j, t in enumerate(tail))
            out.append(f"<div><i>when {cond}</i></div>")
        head = f"<tr><th>{_e(game.players[0])} \\ {_e(game.players[1])}</th>" + "".join(
            f"<th>{_e(s)}</th>" for s in game.strategies[1]
        ) + "</tr>"
        rows = []
        for r, rs in enumerate(game.strategies[0]):
            cells = []
            for c in range(game.shape[1]):
                prof = (r, c, *tail)
                vals = []
                for i in range(game.num_players):
                    v = _exact.format_number(game.payoffs[(i, *prof)])
                    vals.append(f"<span class='gt-br'>{v}</span>" if mask[(i, *prof)] else v)
                cls = " class='gt-eq'" if eq[prof] else ""
                cells.append(f"<td{cls}>{', '.join(vals)}</td>")
            rows.append(f"<tr><th>{_e(rs)}</th>{''.join(cells)}</tr>")
        out.append(f"<table class='gt-game'>{head}{''.join(rows)}</table>")
    return "".join(out)


def solution_html(sol: "Solution") -> str:
    """An HTML table of a solution's equilibria with labelled, exact probabilities."""
    g = sol.game
    status = f"{sol.method}: {len(sol)} equilibria, {'complete' if sol.complete else 'not necessarily complete'}, {'exact' if sol.exact else 'float'}"
    head = "<tr><th>#</th>" + "".join(f"<th>{_e(p)}</th>" for p in g.players) + "".join(
        f"<th>payoff {_e(p)}</th>" for p in g.players
    ) + "<th>regret</th></tr>"
    rows = []
    for k, eq in enumerate(sol.equilibria):
        strat = []
        for i in range(g.num_players):
            d = eq.strategy(i)
            strat.append(
                "<td>"
                + ", ".join(_e(s) if p == 1 else f"{_e(s)} {_exact.format_number(p)}" for s, p in d.items())
                + "</td>"
            )
        pays = "".join(f"<td>{_exact.format_number(v)}</td>" for v in eq.payoffs)
        rows.append(f"<tr><td>{k + 1}</td>{''.join(strat)}{pays}<td>{_exact.format_number(eq.regret)}</td></tr>")
    notes = "".join(f"<div><small>{_e(n)}</small></div>" for n in sol.notes)
    return f"{_STYLE}<div><b>{_e(g.title or '')}</b> <small>{_e(status)}</small></div><table class='gt-game'>{head}{''.join(rows)}</table>{notes}"
