"""Figures: equilibrium probabilities against one parameter, and two-parameter region maps.

Both draw from the exact results: curves are the closed-form probabilities of each
interval of :func:`~gametheory.symbolic.thresholds`, evaluated on a grid for
drawing only; thresholds are the exact breakpoints (labelled in LaTeX); region-map
colours are the sets of equilibrium regions that hold, and the region boundaries
are drawn as the zero sets of the exact condition polynomials.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from gametheory.symbolic import SymbolicGame, Parameter, thresholds
>>> V = Parameter("V", default=2, positive=True)
>>> C = Parameter("C", default=4, positive=True)
>>> v, c = V.symbol, C.symbol
>>> hd = SymbolicGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]],
...                                 parameters=(V, C), strategies=(("Hawk", "Dove"),) * 2)
>>> fig = plot_probabilities(thresholds(hd, "C"))
>>> [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
['Player 1', 'Player 2']
"""

from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

import numpy as np
import sympy

from ..errors import InvalidGameError
from .game import SymbolicGame
from .regions import equilibrium_regions
from .thresholds import Thresholds, thresholds

__all__ = ["plot_probabilities", "plot_region_map"]


def _pyplot():
    import matplotlib

    if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
        try:
            matplotlib.use("Agg")
        except Exception:  # pragma: no cover - a GUI backend already running
            pass
    import matplotlib.pyplot as plt

    return plt


def _span(th: Thresholds) -> tuple[float, float]:
    p = th.game.parameter(th.parameter)
    vals = [float(v) for v in th.values]
    lo = float(p.lower) if p.lower is not None else (min(vals) - max(1.0, abs(min(vals))) if vals else -5.0)
    hi = float(p.upper) if p.upper is not None else (max(vals) * 2 + 1 if vals else (lo + 10.0))
    if hi <= lo:
        hi = lo + 1.0
    return lo, hi


#: Vertical distance (probability units) between curves that coincide, so each stays visible.
OFFSET = 0.035
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
_DASHES = ("-", "--", "-.", ":")


def _panels(game: SymbolicGame, strategies: Sequence[tuple[int | str, int | str]] | None) -> list[tuple[int, int, bool]]:
    """``(player, strategy, twin)`` per panel; ``twin``: a two-strategy player whose second strategy is read on the right."""
    if strategies:
        out = []
        for player, strategy in strategies:
            i = game.player_index(player)
            k = strategy if isinstance(strategy, int) else game.strategies[i].index(strategy)
            out.append((i, k, False))
        return out
    out = []
    for i, labels in enumerate(game.strategies):
        if len(labels) == 1:
            continue
        if len(labels) == 2:
            out.append((i, 0, True))
        else:
            out += [(i, k, False) for k in range(len(labels))]
    return out


def _same(a: sympy.Expr, b: sympy.Expr) -> bool:
    return sympy.cancel(a - b) == 0


def _groups(values: list[tuple[Any, sympy.Expr]]) -> list[list[Any]]:
    """Keys grouped by exactly equal expressions (in the order given)."""
    groups: list[tuple[sympy.Expr, list[Any]]] = []
    for key, e in values:
        for g in groups:
            if _same(g[0], e):
                g[1].append(key)
                break
        else:
            groups.append((e, [key]))
    return [g[1] for g in groups]


def plot_probabilities(
    th: Thresholds | SymbolicGame,
    parameter: str | None = None,
    *,
    others: Mapping[str, Any] | None = None,
    strategies: Sequence[tuple[int | str, int | str]] | None = None,
    span: tuple[float, float] | None = None,
    ax: Any = None,
    points: int = 200,
) -> Any:
    """Equilibrium probabilities against one parameter, with the exact thresholds marked.

    One panel per strategy: a player with two strategies gets one panel, the
    probability of the first read on the left axis and of the second on the right;
    a player with more gets a panel for each strategy. In every panel each
    equilibrium has its own colour, marker and line style (the same equilibrium,
    by its supports, keeps them across intervals) and is named in the legend.
    Curves that coincide exactly on an interval are drawn side by side,
    :data:`OFFSET` apart, and carry ``gid = "coincides"``; dots are the equilibria
    exactly at the thresholds, vertical bars continua there.

    Parameters
    ----------
    th : Thresholds or SymbolicGame
        A result of :func:`thresholds`, or a game (then give ``parameter``).
    parameter, others
        Passed to :func:`thresholds` when ``th`` is a game.
    strategies : sequence of (player, strategy), optional
        Which probabilities to draw, one panel each (default: every strategy of every player).
    span : (float, float), optional
        The horizontal range (default: the parameter's range, or around the thresholds).
    ax : matplotlib Axes, optional
        Draw into this axes (only when there is one panel).
    points : int
        Grid points per interval (for drawing only).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gametheory.symbolic import inspection_game
    >>> fig = plot_probabilities(inspection_game(), "c", strategies=[("State", "Violate")])
    >>> fig.axes[0].get_ylabel()
    'P(Violate)'
    >>> fig = plot_probabilities(inspection_game(), "c")   # two players: two panels, each with a right axis
    >>> [ax.get_ylabel() for ax in fig.axes if ax.get_ylabel()]
    ['P(Inspect)', 'P(Violate)', 'P(Trust)', 'P(Comply)']
    """
    from ..display.mathtext import math_text

    plt = _pyplot()
    if isinstance(th, SymbolicGame):
        if parameter is None:
            raise InvalidGameError("give the parameter to scan")
        th = thresholds(th, parameter, others=others)
    game = th.game
    panels = _panels(game, strategies)
    if not panels:
        raise InvalidGameError("no player has two or more strategies: there is no probability to draw")
    if ax is not None and len(panels) != 1:
        raise InvalidGameError(f"ax= draws one panel; this figure has {len(panels)} (choose one with strategies=)")
    x = game.parameter(th.parameter).symbol
    lo, hi = span or _span(th)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    keys: dict[tuple, int] = {}  # equilibrium identity (supports) -> style number, in order of the pieces
    names: dict[tuple, str] = {}
    for _, piece in th.pieces():
        for r in piece.equilibria:
            keys.setdefault(r.supports, len(keys))
            names.setdefault(r.supports, _short(r))
    legend_in = 0.9 + 0.17 * len(keys)
    if ax is None:
        fig, grid = plt.subplots(len(panels) + 1, 1, squeeze=False, figsize=(7.2, 1.0 + 1.75 * len(panels) + legend_in),
                                 gridspec_kw={"height_ratios": [1.75] * len(panels) + [legend_in]})
        axes = list(grid[:-1, 0])
        for pane in axes[1:]:
            pane.sharex(axes[0])
        legend_ax = grid[-1, 0]
        legend_ax.set_axis_off()
    else:
        fig, axes, legend_ax = ax.figure, [ax], None

    def style_of(r: Any) -> dict:
        n = keys.setdefault(r.supports, len(keys))
        names.setdefault(r.supports, _short(r))
        return dict(color=colors[n % len(colors)], marker=_MARKERS[n % len(_MARKERS)],
                    linestyle=_DASHES[(n // len(colors)) % len(_DASHES)])

    notes: list[str] = []
    for pane, (i, k, twin) in zip(axes, panels):
        for iv in th.intervals:
            a = lo if iv.low is None else max(lo, float(iv.low))
            b = hi if iv.high is None else min(hi, float(iv.high))
            if b <= a:
                continue
            xs = np.linspace(a, b, points)
            isolated = [r for r in iv.equilibria if not r.continuum]
            if len(isolated) < len(iv.equilibria):
                note = f"continua on {iv.describe()} are not drawn"
                if note not in notes:
                    notes.append(note)
            for group in _groups([(r, r.profile[i][k]) for r in isolated]):
                for j, r in enumerate(group):
                    shift = OFFSET * (j - (len(group) - 1) / 2)
                    f = sympy.lambdify(x, r.profile[i][k], "numpy")
                    ys = np.broadcast_to(np.asarray(f(xs), dtype=float), xs.shape) + shift
                    st = style_of(r)
                    line, = pane.plot(xs, ys, color=st["color"], linestyle=st["linestyle"], marker=st["marker"],
                                      markevery=(0.1 + 0.07 * keys[r.supports], 0.3), markersize=4.5, lw=1.6)
                    if len(group) > 1:
                        line.set_gid("coincides")
        for bp in th.breakpoints:
            bx = float(bp.value)
            if not lo <= bx <= hi:
                continue
            pane.axvline(bx, color="0.55", linestyle=(0, (4, 3)), linewidth=0.8, zorder=0)
            isolated = [r for r in bp.equilibria if not r.continuum]
            for group in _groups([(r, r.profile[i][k]) for r in isolated]):
                for j, r in enumerate(group):
                    st = style_of(r)
                    pane.plot([bx], [float(r.profile[i][k]) + OFFSET * (j - (len(group) - 1) / 2)], st["marker"],
                              color=st["color"], markersize=6, mec="white", mew=0.8, zorder=4)
            for r in bp.equilibria:
                if not r.continuum:
                    continue
                span_t = _continuum_span(r, i, k)
                st = style_of(r)
                if span_t is not None:
                    pane.plot([bx, bx], span_t, color=st["color"], lw=3.2, alpha=0.75, solid_capstyle="butt", zorder=3)
        pane.set_ylim(-0.12, 1.12)
        pane.set_yticks([0, 0.5, 1])
        pane.set_yticklabels(["0", "1/2", "1"])
        label = game.strategies[i][k]
        pane.set_ylabel(_wrap(f"P({label})", 22), fontsize=8)
        pane.set_title(game.players[i], fontsize=9, loc="left", pad=3)
        if twin:
            right = pane.twinx()
            right.set_ylim(1.12, -0.12)
            right.set_yticks([0, 0.5, 1])
            right.set_yticklabels(["0", "1/2", "1"])
            right.set_ylabel(_wrap(f"P({game.strategies[i][1]})", 22), fontsize=8)
            right.spines["right"].set_visible(True)
    top = axes[0]
    for bp in th.breakpoints:
        bx = float(bp.value)
        if lo <= bx <= hi:
            top.annotate(f"{th.parameter} = {math_text(bp.value)}", xy=(bx, 1.0), xycoords=("data", "axes fraction"),
                         xytext=(0, 15), textcoords="offset points", ha="center", va="bottom", fontsize=8)
    for pane in axes:
        pane.set_xlim(lo, hi)
    axes[-1].set_xlabel(_axis_label(game.parameter(th.parameter)), fontsize=9)
    fixed = ", ".join(f"{k} = {math_text(v)}" for k, v in th.fixed.items())
    head = (game.title or "Equilibria") + (f"\n({fixed})" if fixed else "")
    if not th.complete:
        head += "\n" + "; ".join(th.notes)
    title = _wrap_lines(head, 90)
    fig.suptitle(title, fontsize=9.5)
    handles = []
    from matplotlib.lines import Line2D

    for key, n in sorted(keys.items(), key=lambda kv: kv[1]):
        handles.append(Line2D([], [], color=colors[n % len(colors)], marker=_MARKERS[n % len(_MARKERS)],
                              linestyle=_DASHES[(n // len(colors)) % len(_DASHES)], label=names[key]))
    foot = ["Dots: equilibria exactly at a threshold; bars: continua there.",
            f"Curves with equal values are drawn side by side ({OFFSET:g} apart)."] + notes
    if legend_ax is not None:
        for pane in axes[:-1]:
            pane.tick_params(labelbottom=False)
        legend_ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 0.98), fontsize=7.5, ncol=1,
                         title="\n".join(foot) + "\n\nequilibria (by the strategies each player uses)",
                         title_fontsize=7, frameon=False, alignment="left")
        # tight_layout leaves room for the title, not for the threshold labels above the first panel
        top = 1 - 0.3 / fig.get_size_inches()[1]
        fig.tight_layout(h_pad=0.3, rect=(0, 0, 1, top))
    else:
        ax.legend(handles=handles, fontsize=7, loc="best")
    return fig


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def _wrap_lines(text: str, width: int) -> str:
    return "\n".join(_wrap(line, width) for line in text.split("\n"))


def _continuum_span(r: Any, i: int, k: int) -> tuple[float, float] | None:
    """The range of a continuum's probability of strategy k of player i (one free weight, linear)."""
    from .feasibility import interval_of

    if len(r.free) != 1 or not all(c.symbols <= set(r.free) for c in r.conditions):
        return None
    t = r.free[0]
    iv = interval_of([(c.poly, c.relation) for c in r.conditions], t)
    if iv is None or iv[0] is None or iv[2] is None:
        return None
    e = r.profile[i][k]
    ends = sorted(float(e.xreplace({t: v})) for v in (iv[0], iv[2]))
    return (ends[0], ends[1])


def _axis_label(p) -> str:
    import textwrap

    text = p.name + (f": {p.meaning}" if p.meaning else "")
    return "\n".join(textwrap.wrap(text, 60))


def _short(r) -> str:
    game = r.game
    parts = []
    for i in range(game.num_players):
        sup = r.supports[i]
        parts.append(game.strategies[i][sup[0]] if len(sup) == 1 else "mix(" + "/".join(game.strategies[i][k] for k in sup) + ")")
    return ", ".join(parts)


def plot_region_map(
    game: SymbolicGame,
    x: str,
    y: str,
    *,
    others: Mapping[str, Any] | None = None,
    x_range: tuple[float, float] | None = None,
    y_range: tuple[float, float] | None = None,
    resolution: int = 240,
    ax: Any = None,
) -> Any:
    """A two-parameter map coloured by the set of equilibria, with exact region boundaries.

    Parameters
    ----------
    game : SymbolicGame
    x, y : str
        The parameters on the axes; the others are fixed at ``others`` or their defaults.
    x_range, y_range : (float, float), optional
        Axis ranges (default: the parameters' ranges, or 0..10 when unbounded).
    resolution : int
        Grid size for colouring (boundaries are the exact zero sets, drawn as contours).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import sympy
    >>> from gametheory.symbolic import SymbolicGame, Parameter
    >>> V, C = Parameter("V", positive=True, high=4), Parameter("C", positive=True, high=4)
    >>> v, c = V.symbol, C.symbol
    >>> hd = SymbolicGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]],
    ...                                 parameters=(V, C), strategies=(("Hawk", "Dove"),) * 2)
    >>> fig = plot_region_map(hd, "V", "C", resolution=40)
    >>> len(fig.axes) >= 1
    True
    """
    plt = _pyplot()
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    px, py = game.parameter(x), game.parameter(y)
    fixed = {}
    for q in game.parameters:
        if q.name in (x, y):
            continue
        if others and q.name in others:
            fixed[q.name] = others[q.name]
        elif q.default is not None:
            fixed[q.name] = q.default
        else:
            raise InvalidGameError(f"parameter {q.name} needs a value (no default)")
    two = game.partial(fixed)
    sol = equilibrium_regions(two)

    def rng(p, given):
        if given:
            return given
        lo = float(p.lower) if p.lower is not None else 0.0
        hi = float(p.upper) if p.upper is not None else lo + 10.0
        return lo, hi

    (x0, x1), (y0, y1) = rng(px, x_range), rng(py, y_range)
    xs = np.linspace(x0, x1, resolution)
    ys = np.linspace(y0, y1, resolution)
    X, Y = np.meshgrid(xs, ys)
    sx, sy = px.symbol, py.symbol
    regions = [r for r in sol.regions if not r.degenerate]
    masks = []
    for r in regions:
        mask = np.ones_like(X, dtype=bool)
        for c in r.conditions:
            f = sympy.lambdify((sx, sy), c.poly, "numpy")
            val = np.broadcast_to(np.asarray(f(X, Y), dtype=float), X.shape)
            mask &= val > 0 if c.relation == ">" else val >= 0 if c.relation == ">=" else np.isclose(val, 0)
        for e in r.assumptions:
            f = sympy.lambdify((sx, sy), e, "numpy")
            mask &= np.broadcast_to(np.asarray(f(X, Y), dtype=float), X.shape) != 0
        masks.append(mask)
    keys: dict[tuple, int] = {}
    label_grid = np.zeros(X.shape, dtype=int)
    for j in range(X.shape[0]):
        for k in range(X.shape[1]):
            key = tuple(n for n, m in enumerate(masks) if m[j, k])
            label_grid[j, k] = keys.setdefault(key, len(keys))
    if ax is None:
        fig, ax = plt.subplots(figsize=(7.5, 6.5 + 0.18 * len(keys)))
    else:
        fig = ax.figure
    base = plt.get_cmap("tab20").colors + plt.get_cmap("Pastel1").colors
    cmap = ListedColormap([base[n % len(base)] for n in range(max(1, len(keys)))])
    ax.pcolormesh(X, Y, label_grid, cmap=cmap, vmin=-0.5, vmax=len(keys) - 0.5, shading="auto")
    # exact boundaries: zero sets of the condition polynomials, drawn where the colour changes
    change = np.zeros(X.shape, dtype=bool)
    change[:, 1:] |= label_grid[:, 1:] != label_grid[:, :-1]
    change[:, :-1] |= label_grid[:, 1:] != label_grid[:, :-1]
    change[1:, :] |= label_grid[1:, :] != label_grid[:-1, :]
    change[:-1, :] |= label_grid[1:, :] != label_grid[:-1, :]
    for _ in range(2):  # widen the band so the contour segments connect
        grown = change.copy()
        grown[:, 1:] |= change[:, :-1]
        grown[:, :-1] |= change[:, 1:]
        grown[1:, :] |= change[:-1, :]
        grown[:-1, :] |= change[1:, :]
        change = grown
    polys = {c.poly for r in regions for c in r.conditions}
    for q in polys:
        f = sympy.lambdify((sx, sy), q, "numpy")
        Z = np.broadcast_to(np.asarray(f(X, Y), dtype=float), X.shape)
        if Z.min() < 0 < Z.max():
            ax.contour(X, Y, np.ma.masked_where(~change, Z), levels=[0], colors="k", linewidths=0.9)
    handles = []
    for key, n in sorted(keys.items(), key=lambda kv: kv[1]):
        text = "; ".join(_short(regions[m]) for m in key) or "no isolated equilibrium (degenerate)"
        handles.append(Patch(facecolor=cmap(n), edgecolor="0.3", label=text))
    ax.legend(handles=handles, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1,
              title="equilibria (one colour per set of equilibria)", title_fontsize=8, frameon=False)
    ax.set_xlabel(_axis_label(px), fontsize=9)
    ax.set_ylabel(_axis_label(py), fontsize=9)
    fixed_text = ", ".join(f"{k} = {v}" for k, v in fixed.items())
    ax.set_title((game.title or "Equilibrium regions") + (f"\n({fixed_text})" if fixed_text else ""), fontsize=10)
    fig.tight_layout()
    return fig
