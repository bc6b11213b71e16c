"""Paper figures with one consistent style: payoff heat tables, best responses, trees, thresholds.

All figures use the style in :data:`STYLE` (through :func:`style`), draw on the
non-interactive Agg backend unless another is active, and are saved as PDF, SVG
and PNG by :func:`save_figure`. Numbers are computed exactly and converted to
floats only to draw.

* :func:`payoff_heatmap` -- one panel per player, cells coloured by that player's
  payoff, exact values written in, pure equilibria outlined.
* :func:`best_response_diagram` -- 2x2 games: the unit square of both mixed
  strategies with both best-response correspondences; games where one player
  has two strategies (2x3, 3x2, ...): the other player's payoff lines against the
  first player's mixture, whose upper envelope is the best-response correspondence.
  Equilibria are marked in both.
* :func:`game_tree_figure` -- a sequential game's tree with the subgame-perfect
  path in the highlight colour (same layout as the LaTeX :func:`~gametheory.io.latex.tree_tikz`).
* :func:`threshold_figure`, :func:`region_figure` -- the symbolic module's
  probability and region plots in this style.

Examples
--------
>>> from gametheory import Game
>>> fig = payoff_heatmap(Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
>>> len(fig.axes)
2
"""

from __future__ import annotations

import contextlib
import math
import os
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterator, Sequence

from .. import exact as _exact
from ..errors import InvalidGameError

__all__ = [
    "STYLE",
    "HIGHLIGHT",
    "style",
    "payoff_heatmap",
    "best_response_diagram",
    "game_tree_figure",
    "threshold_figure",
    "region_figure",
    "save_figure",
]

#: Colour of equilibria and equilibrium paths in every figure.
HIGHLIGHT = "#b91c1c"
#: One colour per player (best-response curves, payoff lines of a player).
PLAYER_COLOURS = ("#1d4ed8", "#047857", "#7c3aed", "#b45309", "#0e7490")

#: matplotlib settings used by every figure of the package.
STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": __import__("cycler").cycler(color=list(PLAYER_COLOURS)),
    "legend.fontsize": 8,
    "legend.frameon": False,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
    "pdf.fonttype": 42,
    "svg.fonttype": "none",
}


def _pyplot() -> Any:
    import matplotlib

    if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline", "pdf", "svg"):
        with contextlib.suppress(Exception):  # a GUI backend already running: keep it
            matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Apply :data:`STYLE` for the figures made inside the ``with`` block.

    Examples
    --------
    >>> import matplotlib
    >>> with style():
    ...     matplotlib.rcParams["axes.spines.top"]
    False
    """
    import matplotlib

    with matplotlib.rc_context(STYLE):
        yield


def _text(label: str) -> str:
    # matplotlib reads $...$ as mathtext; labels are plain text
    return label.replace("$", r"\$")


def _num(v: Any) -> str:
    return _exact.format_number(v)


# -- payoff heat tables -------------------------------------------------------------------------------
def payoff_heatmap(game: Any, *, solution: Any = None, title: str | None = None) -> Any:
    """Payoff heat table: one panel per player, cells coloured by that player's payoff.

    Rows are the first player's strategies; columns the profiles of the others.
    Each cell shows the panel player's exact payoff; cells of pure equilibria (of
    ``solution``, or of :func:`~gametheory.pure_equilibria`) are outlined in the
    highlight colour.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("US", "Russia"))
    >>> fig = payoff_heatmap(g)
    >>> [ax.get_title() for ax in fig.axes]
    ['payoff of US', 'payoff of Russia']
    """
    import itertools

    import numpy as np

    from ..solvers import pure_equilibria

    plt = _pyplot()
    if game.num_players < 2:
        raise InvalidGameError("a payoff heat table needs at least two players")
    sol = solution if solution is not None else pure_equilibria(game)
    pure = {tuple(s.index(1) for s in eq.profile) for eq in sol.equilibria if eq.pure}
    others = list(itertools.product(*[range(n) for n in game.shape[1:]]))
    col_labels = [", ".join(game.strategies[j + 1][t] for j, t in enumerate(prof)) for prof in others]
    n_rows, n_cols = game.shape[0], len(others)
    with style():
        width = min(16.0, 1.2 + game.num_players * (0.9 + 1.0 * n_cols))
        fig, axes = plt.subplots(1, game.num_players, figsize=(width, 0.9 + 0.55 * n_rows + 0.25 * game.num_players),
                                 squeeze=False)
        for i, ax in enumerate(axes[0]):
            vals = np.array([[float(game.payoffs[(i, r, *prof)]) for prof in others] for r in range(n_rows)])
            lo, hi = float(vals.min()), float(vals.max())
            ax.imshow(vals, cmap="Blues", vmin=lo - 0.15 * (hi - lo or 1), vmax=hi + 0.1 * (hi - lo or 1), aspect="auto")
            for r in range(n_rows):
                for c, prof in enumerate(others):
                    v = vals[r, c]
                    dark = (v - lo) / ((hi - lo) or 1) > 0.6
                    ax.text(c, r, _num(game.payoffs[(i, r, *prof)]), ha="center", va="center", fontsize=9,
                            color="white" if dark else "black")
                    if (r, *prof) in pure:
                        ax.add_patch(plt.Rectangle((c - 0.47, r - 0.47), 0.94, 0.94, fill=False, ec=HIGHLIGHT, lw=2.2))
            ax.set_xticks(range(n_cols))
            ax.set_xticklabels([_text(x) for x in col_labels], rotation=30 if n_cols > 3 else 0,
                               ha="right" if n_cols > 3 else "center")
            ax.set_yticks(range(n_rows))
            ax.set_yticklabels([_text(x) for x in game.strategies[0]] if i == 0 else [])
            ax.tick_params(length=0)
            for side in ("top", "right", "bottom", "left"):
                ax.spines[side].set_visible(False)
            ax.set_xlabel(_text(", ".join(game.players[1:])))
            if i == 0:
                ax.set_ylabel(_text(game.players[0]))
            ax.set_title(_text(f"payoff of {game.players[i]}"))
        head = title if title is not None else (game.title or "")
        note = "outlined: pure Nash equilibria" if pure else "no pure Nash equilibrium"
        fig.suptitle(_text(f"{head}\n{note}" if head else note), fontsize=9)
        fig.tight_layout()
    return fig


# -- best-response diagrams -----------------------------------------------------------------------------
def _two_player(game: Any) -> None:
    if game.num_players != 2 or 2 not in game.shape:
        raise InvalidGameError(
            f"best-response diagrams are for two-player games where one player has two strategies, not {game.shape}"
        )


def best_response_diagram(game: Any, *, solution: Any = None, player: int | str | None = None) -> Any:
    """Best-response diagram of a two-player game in which (at least) one player has two strategies.

    2x2 games: the unit square, x = probability of the first player's first
    strategy, y = the second player's; both best-response correspondences are drawn
    (vertical and horizontal segments at the indifference points) and every
    equilibrium is a marked intersection. Otherwise (2x3, 3x2, ...): x = the
    mixture of the player with two strategies (``player``), y = the other player's
    expected payoff of each strategy; the upper envelope (thick) is the other's
    best-response correspondence, and each equilibrium is marked at its mixture.

    Equilibria come from ``solution`` or :func:`~gametheory.solve` (exact, complete).

    Raises
    ------
    InvalidGameError
        If the game is not two-player with a player who has two strategies.

    Examples
    --------
    >>> from gametheory import Game
    >>> mp = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], players=("Row", "Col"))
    >>> fig = best_response_diagram(mp)
    >>> fig.axes[0].get_xlabel()
    'Row: P(1)'
    >>> g = Game.from_bimatrix([[3, 0, 2], [0, 2, 1]], [[2, 0, 1], [0, 3, 1]], players=("A", "B"))
    >>> len(best_response_diagram(g).axes)
    1
    """
    from ..solvers import solve

    _two_player(game)
    sol = solution if solution is not None else solve(game)
    if game.shape == (2, 2) and player is None:
        return _br_square(game, sol)
    if player is None:
        mover = 0 if game.shape[0] == 2 else 1
    else:
        mover = game.players.index(player) if isinstance(player, str) else int(player)
    if game.shape[mover] != 2:
        raise InvalidGameError(f"player {game.players[mover]!r} does not have exactly two strategies")
    return _br_envelope(game, sol, mover)


def _indifference(a: Any, b: Any) -> Any:
    """Root in [0, 1] of the line through (0, b) and (1, a) -- the x where a payoff difference changes sign."""
    # difference at x: x * a + (1 - x) * b
    if a == b:
        return None
    x = Fraction(b) / (Fraction(b) - Fraction(a)) if not isinstance(a, float) else b / (b - a)
    return x


def _br_square(game: Any, sol: Any) -> Any:
    plt = _pyplot()
    A = game.payoffs
    s0, s1 = game.strategies

    # column player's advantage of their first strategy given row mixes p on s0[0]:
    # p * (B[0,0] - B[0,1]) + (1 - p) * (B[1,0] - B[1,1])
    d_col = (A[1, 0, 0] - A[1, 0, 1], A[1, 1, 0] - A[1, 1, 1])
    d_row = (A[0, 0, 0] - A[0, 1, 0], A[0, 0, 1] - A[0, 1, 1])

    def segments(d: tuple) -> list[tuple[float, float, float, float]]:
        """Best response (prob of own first strategy) as segments (x0, y0, x1, y1) in the other's mixture x."""
        a, b = d  # advantage when the other plays its first strategy for sure (a) / its second (b)
        x0 = _indifference(a, b)
        if x0 is None:
            if a > 0:
                return [(0, 1, 1, 1)]
            if a < 0:
                return [(0, 0, 1, 0)]
            return [(0, 0, 1, 0), (0, 1, 1, 1), (0, 0, 0, 1), (1, 0, 1, 1)]  # indifferent everywhere
        if not 0 <= x0 <= 1:
            return [(0, 1, 1, 1)] if b > 0 else [(0, 0, 1, 0)]
        f = float(x0)
        lo_val = 1 if b > 0 else 0  # for x < x0 the sign is that of b
        hi_val = 1 if a > 0 else 0
        return [(0, lo_val, f, lo_val), (f, 0, f, 1), (f, hi_val, 1, hi_val)]

    with style():
        fig, ax = plt.subplots(figsize=(4.6, 4.4))
        c_row, c_col = PLAYER_COLOURS[0], PLAYER_COLOURS[1]
        # column player's BR: y (= q) as a function of x (= p)
        for k, (x0, y0, x1, y1) in enumerate(segments(d_col)):
            ax.plot([x0, x1], [y0, y1], color=c_col, lw=2.4, solid_capstyle="round",
                    label=_text(f"best response of {game.players[1]}") if k == 0 else None)
        # row player's BR: x (= p) as a function of y (= q), drawn with axes swapped
        for k, (y0, x0, y1, x1) in enumerate(segments(d_row)):
            ax.plot([x0, x1], [y0, y1], color=c_row, lw=2.4, ls=(0, (5, 2)), solid_capstyle="round",
                    label=_text(f"best response of {game.players[0]}") if k == 0 else None)
        for n, eq in enumerate(sol.equilibria, 1):
            p, q = eq.profile[0][0], eq.profile[1][0]
            ax.plot([float(p)], [float(q)], "o", ms=8, mfc=HIGHLIGHT, mec="white", mew=1.2, zorder=5,
                    label="Nash equilibrium" if n == 1 else None)
            ax.annotate(f"({_num(p)}, {_num(q)})", (float(p), float(q)), textcoords="offset points", xytext=(6, 6),
                        fontsize=8, color=HIGHLIGHT)
        # continua: each maximal Nash subset is a product of segments (a segment or a box in the square)
        first = True
        for comp in sol.components:
            for rows, cols in comp.subsets:
                px = [float(comp.points[0][i][0]) for i in rows]
                py = [float(comp.points[1][j][0]) for j in cols]
                if max(px) > min(px) or max(py) > min(py):
                    x0, x1, y0, y1 = min(px), max(px), min(py), max(py)
                    ax.fill([x0, x1, x1, x0, x0], [y0, y0, y1, y1, y0], color=HIGHLIGHT, alpha=0.3, lw=9,
                            ec=HIGHLIGHT, zorder=0.5, label="continuum of equilibria" if first else None)
                    first = False
        ax.set_xlim(-0.04, 1.04)
        ax.set_ylim(-0.04, 1.04)
        ax.set_aspect("equal")
        ax.set_xlabel(_text(f"{game.players[0]}: P({s0[0]})"))
        ax.set_ylabel(_text(f"{game.players[1]}: P({s1[0]})"))
        ax.set_title(_text(game.title or "Best responses"))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)
        fig.tight_layout()
    return fig


def _br_envelope(game: Any, sol: Any, mover: int) -> Any:
    import numpy as np

    plt = _pyplot()
    other = 1 - mover
    strat_m, strat_o = game.strategies[mover], game.strategies[other]

    def pay(o: int, m: int) -> Any:  # the other player's payoff when they play o and the mover plays m
        idx = (other, m, o) if mover == 0 else (other, o, m)
        return game.payoffs[idx]

    xs = np.linspace(0.0, 1.0, 401)
    lines = []
    for o in range(len(strat_o)):
        a, b = float(pay(o, 0)), float(pay(o, 1))
        lines.append(xs * a + (1 - xs) * b)
    lines_arr = np.array(lines)
    envelope = lines_arr.max(axis=0)
    with style():
        fig, ax = plt.subplots(figsize=(6.0, 4.2))
        colours = PLAYER_COLOURS[1:] + PLAYER_COLOURS[:1]
        for o, ys in enumerate(lines_arr):
            ax.plot(xs, ys, color=colours[o % len(colours)], lw=1.2, label=_text(f"{game.players[other]} plays {strat_o[o]}"))
        ax.plot(xs, envelope, color="0.15", lw=3.0, alpha=0.35, label=_text(f"best response of {game.players[other]}"),
                zorder=1)
        notes: list[str] = []
        for n, eq in enumerate(sol.equilibria, 1):
            x = eq.profile[mover][0]
            val = max(float(pay(o, 0)) * float(x) + float(pay(o, 1)) * (1 - float(x)) for o in range(len(strat_o)))
            ax.axvline(float(x), color=HIGHLIGHT, lw=0.8, ls=":", zorder=0)
            support = ", ".join(f"{s} {_num(p)}" if p != 1 else s for s, p in eq.strategy(other).items())
            ax.plot([float(x)], [val], "o", ms=8, mfc=HIGHLIGHT, mec="white", mew=1.2, zorder=5,
                    label="Nash equilibrium" if n == 1 else None)
            # numbered at the point, described in full under the plot (long supports do not fit inline)
            ax.annotate(str(n), (float(x), val), textcoords="offset points", xytext=(6, -12), fontsize=8,
                        color=HIGHLIGHT, fontweight="bold")
            notes.append(f"{n}: {game.players[mover]} {strat_m[0]} {_num(x)}; {game.players[other]}: {support}")
        top, bottom = float(lines_arr.max()), float(lines_arr.min())
        ax.set_ylim(bottom - 0.15 * ((top - bottom) or 1), top + 0.1 * ((top - bottom) or 1))
        ax.set_xlim(0, 1)
        ax.set_xlabel(_text(f"{game.players[mover]}: P({strat_m[0]})   (1 - P: {strat_m[1]})"))
        ax.set_ylabel(_text(f"expected payoff of {game.players[other]}"))
        ax.set_title(_text((game.title or "Best responses") + f"\nbest response of {game.players[other]}: upper envelope"))
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5))
        foot = 0.045 * len(notes) + 0.02
        fig.text(0.02, 0.01, _text("Nash equilibria:\n" + "\n".join(notes)), fontsize=7.5, color=HIGHLIGHT, va="bottom")
        fig.set_size_inches(6.4, 4.4 + 0.18 * len(notes))
        fig.tight_layout(rect=(0, foot + 0.03, 1, 1))
    return fig


# -- game trees -------------------------------------------------------------------------------------------
def game_tree_figure(game_or_solution: Any, equilibrium: Any = 0, *, prune: str = "auto",
                     max_nodes: int | None = None, ax: Any = None) -> Any:
    """A game tree; the equilibrium path drawn thick, information sets dashed, beliefs in brackets.

    The one tree figure of the package (``SequentialSolution.figure`` and
    :func:`gametheory.sequential.tree_figure` draw with it). Uses the layout of
    :func:`gametheory.display.trees.tree_layout` (the one the LaTeX tree uses): large
    trees are pruned to the equilibrium path, leaves show total payoffs, ``…`` marks
    moves off the path (with the payoffs the equilibrium gives there). Nodes of one
    information set are joined by a dashed line; with an equilibrium, each such node
    shows the mover's belief ``[p]`` (the equilibrium's, or Bayes' rule).

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
    >>> g = SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}}), title="Choice")
    >>> fig = game_tree_figure(subgame_perfect_equilibria(g))
    >>> fig.axes[0].get_title().splitlines()[0]
    'Choice'
    >>> from gametheory.extensive import beer_quiche, perfect_bayesian_equilibria
    >>> fig = game_tree_figure(perfect_bayesian_equilibria(beer_quiche()).solution)
    >>> "dashed: information sets" in fig.axes[0].get_title()
    True
    """
    from ..io.latex import _game_and_equilibrium
    from .trees import DEFAULT_MAX_NODES, tree_layout

    plt = _pyplot()
    game, eq = _game_and_equilibrium(game_or_solution, equilibrium)
    concept = getattr(game_or_solution, "concept", "subgame-perfect")
    lay = tree_layout(game, eq, prune=prune, max_nodes=max_nodes or DEFAULT_MAX_NODES)
    nodes = lay.nodes
    leaves = sum(1 for n in nodes if n.payoffs is not None)
    with style():
        if ax is None:
            fig, ax = plt.subplots(figsize=(2.2 + 3.2 * max(lay.depth, 1), max(2.4, 0.36 * leaves + 1.2)))
        else:
            fig = ax.figure
        for j, n in enumerate(nodes):
            if n.parent < 0:
                continue
            par = nodes[n.parent]
            colour = HIGHLIGHT if n.on_path else "0.65"
            ax.plot([par.x, n.x], [par.y, n.y], color=colour, lw=2.6 if n.on_path else 0.9, zorder=1,
                    solid_capstyle="round")
            label = n.label + (f" ({_num(n.probability)})" if n.probability is not None else "")
            # labels along their edge (as in the TikZ tree), ending at the child where siblings spread apart
            angle = math.degrees(math.atan2(n.y - par.y, n.x - par.x))
            ax.text(par.x + 0.96 * (n.x - par.x), par.y + 0.96 * (n.y - par.y), _text(label), fontsize=6.5,
                    ha="right", va="bottom", rotation=angle, rotation_mode="anchor", transform_rotates_text=True,
                    color=HIGHLIGHT if n.on_path else "0.3", zorder=3,
                    bbox=dict(boxstyle="square,pad=0.05", fc="white", ec="none", alpha=0.75))
        sets = lay.information_sets()
        for members in sets.values():  # information sets: dashed links between their nodes
            for a, b in zip(members, members[1:]):
                ax.plot([nodes[a].x, nodes[b].x], [nodes[a].y, nodes[b].y], ls=(0, (3, 2)), color="0.35", lw=1.0,
                        zorder=2)
        for n in nodes:
            if n.payoffs is not None:
                pays = ", ".join(_num(v) for v in n.payoffs)
                text = f"… ({pays})" if n.kind == "collapsed" else f"({pays})"
                ax.plot(n.x, n.y, "s" if n.kind == "terminal" else "o", ms=3.5,
                        color=HIGHLIGHT if n.on_path else "0.35", zorder=2)
                ax.text(n.x + 0.06, n.y, _text(text), fontsize=7, va="center",
                        color=HIGHLIGHT if n.on_path else "0.15")
            else:
                fc = {"decision": "#dbeafe", "stage": "#fef3c7", "chance": "white"}[n.kind]
                ax.text(n.x, n.y, _text(n.owner), fontsize=7, ha="center", va="center", zorder=4,
                        bbox=dict(boxstyle="round,pad=0.25", fc=fc, ec="0.35", lw=0.7))
                if n.belief is not None:
                    ax.text(n.x, n.y - 0.32, f"[{_num(n.belief)}]", fontsize=6.5, ha="center", va="top",
                            color="0.2", zorder=4)
        ax.set_axis_off()
        ax.set_xlim(-0.45, lay.depth + 1.05)
        ax.set_ylim(min(n.y for n in nodes) - 0.7, max(n.y for n in nodes) + 0.7)
        sub = f"payoffs ({', '.join(lay.players)})"
        if eq is not None:
            sub += f"; thick: {concept} equilibrium path"
        if sets:
            sub += "\ndashed: information sets" + ("; [p]: beliefs" if any(n.belief is not None for n in nodes)
                                                   else "")
        if lay.pruned:
            sub += "\n… : moves off the path, with the payoffs the equilibrium gives from there"
        ax.set_title(_text(f"{lay.title or 'Sequential game'}\n{sub}"), fontsize=9)
        fig.tight_layout()
    return fig


# -- symbolic figures in this style ---------------------------------------------------------------------------
def threshold_figure(game_or_thresholds: Any, parameter: str | None = None, **kwargs: Any) -> Any:
    """Equilibrium probabilities against one parameter with its exact thresholds (symbolic games).

    A styled :func:`gametheory.symbolic.plot_probabilities` (keyword arguments go
    there): one panel per strategy of every player, each equilibrium in its own
    colour, marker and line style, coinciding curves drawn side by side.

    Examples
    --------
    >>> from gametheory.symbolic import hawk_dove
    >>> fig = threshold_figure(hawk_dove(), "C", others={"V": 2})
    >>> [ax.get_ylabel() for ax in fig.axes if ax.get_ylabel()]
    ['P(Hawk)', 'P(Hawk)', 'P(Dove)', 'P(Dove)']
    """
    from ..symbolic import plot_probabilities

    _pyplot()
    with style():
        return plot_probabilities(game_or_thresholds, parameter, **kwargs)


def region_figure(game: Any, x: str, y: str, **kwargs: Any) -> Any:
    """Two-parameter map of the equilibrium regions (symbolic games), styled.

    A styled :func:`gametheory.symbolic.plot_region_map`; keyword arguments go there.

    Examples
    --------
    >>> from gametheory.symbolic import hawk_dove
    >>> len(region_figure(hawk_dove(), "V", "C", resolution=40).axes) >= 1
    True
    """
    from ..symbolic import plot_region_map

    _pyplot()
    with style():
        return plot_region_map(game, x, y, **kwargs)


# -- saving ------------------------------------------------------------------------------------------------------
def save_figure(fig: Any, path: str | os.PathLike[str], formats: Sequence[str] = ("pdf", "svg", "png"),
                *, close: bool = True) -> list[Path]:
    """Save a figure in each format (``path`` without or with a suffix, which is replaced).

    Returns the files written. Closes the figure unless ``close=False``.

    Examples
    --------
    >>> import tempfile, os
    >>> from gametheory import Game
    >>> d = tempfile.mkdtemp()
    >>> files = save_figure(payoff_heatmap(Game.zero_sum([[1, -1], [-1, 1]])), os.path.join(d, "mp"))
    >>> [f.suffix for f in files], all(f.stat().st_size > 0 for f in files)
    (['.pdf', '.svg', '.png'], True)
    """
    plt = _pyplot()
    base = Path(path)
    if base.suffix.lower() in (".pdf", ".svg", ".png"):
        base = base.with_suffix("")
    base.parent.mkdir(parents=True, exist_ok=True)
    out = []
    with style():
        for fmt in formats:
            target = base.with_name(base.name + "." + fmt)
            # fixed metadata so that identical figures give identical files
            meta = {"pdf": {"CreationDate": None, "ModDate": None}, "svg": {"Date": None}}.get(fmt)
            fig.savefig(target, format=fmt, metadata=meta)
            out.append(target)
    if close:
        plt.close(fig)
    return out
