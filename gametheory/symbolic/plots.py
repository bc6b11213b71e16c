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
>>> len(fig.axes)
1
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

    Parameters
    ----------
    th : Thresholds or SymbolicGame
        A result of :func:`thresholds`, or a game (then give ``parameter``).
    parameter, others
        Passed to :func:`thresholds` when ``th`` is a game.
    strategies : sequence of (player, strategy), optional
        Which probabilities to draw (default: each player's first strategy).
    span : (float, float), optional
        The horizontal range (default: the parameter's range, or around the thresholds).
    ax : matplotlib Axes, optional
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
    'equilibrium probability'
    """
    plt = _pyplot()
    if isinstance(th, SymbolicGame):
        if parameter is None:
            raise InvalidGameError("give the parameter to scan")
        th = thresholds(th, parameter, others=others)
    game = th.game
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 4.2))
    else:
        fig = ax.figure
    x = game.parameter(th.parameter).symbol
    lo, hi = span or _span(th)
    which = list(strategies) if strategies else [(i, 0) for i in range(game.num_players)]
    idx = []
    for player, strategy in which:
        i = game.player_index(player)
        k = strategy if isinstance(strategy, int) else game.strategies[i].index(strategy)
        idx.append((i, k))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    styles = ["-", "--", ":", "-."]
    labelled: set = set()
    for iv in th.intervals:
        a = lo if iv.low is None else max(lo, float(iv.low))
        b = hi if iv.high is None else min(hi, float(iv.high))
        if b <= a:
            continue
        xs = np.linspace(a, b, points)
        isolated = [r for r in iv.equilibria if not r.continuum]
        for e_no, r in enumerate(isolated):
            for c_no, (i, k) in enumerate(idx):
                expr = r.profile[i][k]
                f = sympy.lambdify(x, expr, "numpy")
                ys = np.broadcast_to(np.asarray(f(xs), dtype=float), xs.shape)
                label = f"{game.players[i]}: P({game.strategies[i][k]})"
                ax.plot(
                    xs,
                    ys + 0.012 * e_no * (c_no - (len(idx) - 1) / 2),  # tiny offset keeps coinciding lines visible
                    color=colors[c_no % len(colors)],
                    linestyle=styles[e_no % len(styles)],
                    label=label if label not in labelled else None,
                )
                labelled.add(label)
    for b in th.breakpoints:
        bx = float(b.value)
        if lo <= bx <= hi:
            ax.axvline(bx, color="0.35", linestyle="--", linewidth=0.9)
            ax.annotate(
                f"${th.parameter} = {sympy.latex(b.value)}$",
                xy=(bx, 1.02), xycoords=("data", "axes fraction"), ha="center", va="bottom", fontsize=9,
            )
            for r in b.equilibria:
                if r.continuum:
                    continue
                for c_no, (i, k) in enumerate(idx):
                    ax.plot([bx], [float(r.profile[i][k])], "o", color=colors[c_no % len(colors)], markersize=4)
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel(_axis_label(game.parameter(th.parameter)), fontsize=9)
    ax.set_ylabel("equilibrium probability")
    fixed = ", ".join(f"{k} = {v}" for k, v in th.fixed.items())
    ax.set_title((game.title or "Equilibria") + (f"\n({fixed})" if fixed else ""), fontsize=10, pad=18)
    ax.legend(fontsize=8, loc="best")
    ax.text(
        0.0, -0.2, "line style: one per equilibrium on each interval; dots: equilibria at thresholds",
        transform=ax.transAxes, fontsize=7, color="0.4",
    )
    fig.tight_layout()
    return fig


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
