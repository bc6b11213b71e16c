"""Live exploration in Jupyter: one slider per declared parameter, exact equilibria redrawn as they move.

:func:`explore` shows a game file's parameters as sliders (ipywidgets; ``pip install
'gametheory[notebook]'``) whose positions are exact numbers on a grid of the
declared range (and always the default). Each move re-solves the game at those
exact values and redraws the payoff table, every equilibrium (or subgame-perfect
equilibrium) with exact probabilities and payoffs, and a figure: the best-response
diagram for two players when one has two strategies, the payoff heat table
otherwise, the game tree for compositions.

The work is done by :func:`explore_view`, a plain function from parameter values
to what is shown (:class:`ExplorerView`), so it is tested without a browser.

Examples
--------
>>> from fractions import Fraction
>>> view = explore_view("cosenders", {"cost": Fraction(5, 2)})
>>> len(view.solution.equilibria), view.values["cost"]
(3, Fraction(5, 2))
>>> "<table" in view.html and view.figure is not None
True
>>> slider_values("resource_deal")["share"][:3]
[Fraction(0, 1), Fraction(1, 20), Fraction(1, 10)]
"""

from __future__ import annotations

import html as _html
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

from .. import exact as _exact
from ..errors import DegenerateGameWarning

__all__ = ["explore", "explore_view", "slider_values", "ExplorerView"]

_STEPS = (Fraction(1, 100), Fraction(1, 50), Fraction(1, 20), Fraction(1, 10), Fraction(1, 8), Fraction(1, 4),
          Fraction(1, 2), Fraction(1), Fraction(2), Fraction(5), Fraction(10), Fraction(25), Fraction(50),
          Fraction(100))


@dataclass(frozen=True)
class ExplorerView:
    """What the explorer shows for one set of parameter values.

    Attributes
    ----------
    values : dict
        The exact parameter values used (defaults for those not given).
    game : Game or SequentialGame
    solution : Solution or SequentialSolution
        Every equilibrium, exact (the solver's ``complete`` flag says whether all).
    html : str
        Parameter values, the payoff table and the equilibria as HTML.
    figure : matplotlib Figure
        Best responses, payoff heat table or game tree.
    """

    values: Mapping[str, Any]
    game: Any = field(repr=False)
    solution: Any = field(repr=False)
    html: str = field(repr=False)
    figure: Any = field(repr=False)


def _spec(game: Any) -> Any:
    from ..io.spec import load_spec

    return game if hasattr(game, "parameter_values") else load_spec(game)


def slider_values(game: Any, *, points: int = 12) -> dict[str, list[Fraction]]:
    """For each declared parameter, the exact values its slider offers.

    A step from 1/100, 1/50, 1/20, 1/10, 1/8, 1/4, 1/2, 1, 2, 5, ... : the largest that
    gives at least ``points`` positions across the declared range; the default is
    always one of the positions.

    Examples
    --------
    >>> slider_values("troop_mission")["reputation"][:4]
    [Fraction(0, 1), Fraction(1, 2), Fraction(1, 1), Fraction(3, 2)]
    """
    spec = _spec(game)
    out = {}
    for p in spec.parameters:
        low, high = Fraction(p.low), Fraction(p.high)
        width = high - low
        step = next((s for s in reversed(_STEPS) if width / s >= points), _STEPS[0]) if width > 0 else Fraction(1)
        grid, k = [], 0
        while low + k * step <= high and k <= 10_000:
            grid.append(low + k * step)
            k += 1
        if high not in grid:
            grid.append(high)
        default = Fraction(p.default)
        if default not in grid:
            grid = sorted(grid + [default])
        out[p.name] = grid
    return out


def _figure(game: Any, sol: Any) -> Any:
    from . import plots

    if not hasattr(game, "payoffs"):
        return plots.game_tree_figure(sol, 0) if sol.equilibria else None
    if game.num_players == 2 and 2 in game.shape:
        return plots.best_response_diagram(game, solution=sol)
    return plots.payoff_heatmap(game, solution=sol)


def explore_view(game: Any, values: Mapping[str, Any] | None = None) -> ExplorerView:
    """Solve a game file at the given parameter values: the explorer's update, without widgets.

    Parameters
    ----------
    game : str, path or GameSpec
        A bundled game's name, a game file (normal form or composition) or a loaded spec.
    values : mapping, optional
        Parameter values (exact numbers or text such as ``"1/4"``); defaults for the rest.

    Examples
    --------
    >>> view = explore_view("troop_mission", {"reputation": 3})
    >>> "Europe deploys a mission" in view.solution[0].narrative()   # a tripwire that fights deters
    True
    """
    from ..io.spec import load
    from ..solvers import solve

    spec = _spec(game)
    exact = spec.parameter_values({k: v for k, v in (values or {}).items()})
    if spec.composition is None:
        model = spec.build(exact)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)  # continua are listed with the table
            sol = solve(model)
    else:  # a game tree: its subgame-perfect (or, with hidden draws of nature, sequential) equilibria
        model = load(spec.path, exact)
        sol = solve(model)
    shown = ", ".join(f"{k} = {_exact.format_number(v)}" for k, v in exact.items())
    parts = [f"<div><b>{_html.escape(spec.title or '')}</b></div>",
             f"<div><small>{_html.escape(shown)}</small></div>"]
    if hasattr(model, "_repr_html_") and hasattr(model, "payoffs"):
        parts.append(model._repr_html_())
    parts.append(sol._repr_html_())
    if spec.composition is None and sol.equilibria:
        items = "".join(f"<li>{_html.escape(spec.narrate(eq))}</li>" for eq in sol.equilibria)
        parts.append(f"<ol class='gt-narration'>{items}</ol>")
    return ExplorerView(values=exact, game=model, solution=sol, html="\n".join(parts), figure=_figure(model, sol))


def explore(game: Any, *, values: Mapping[str, Any] | None = None) -> Any:
    """Sliders for a game file's parameters, with the equilibria, payoffs and a figure updated live.

    Needs ``ipywidgets`` (``pip install 'gametheory[notebook]'``). Every slider
    position is an exact number; each change re-solves the game exactly
    (:func:`explore_view`). The widget's ``view`` attribute holds the current
    :class:`ExplorerView`.

    Parameters
    ----------
    game : str, path or GameSpec
    values : mapping, optional
        Starting values (defaults otherwise).

    Returns
    -------
    ipywidgets.VBox
        Display it as the last expression of a notebook cell.
    """
    try:
        import ipywidgets as w
    except ImportError:  # pragma: no cover - depends on the environment
        from ..errors import NotSupportedError

        raise NotSupportedError("explore() needs ipywidgets: pip install 'gametheory[notebook]'") from None
    import matplotlib.pyplot as plt

    spec = _spec(game)
    grids = slider_values(spec)
    start = spec.parameter_values(values)
    sliders = {}
    for p in spec.parameters:
        options = [(_exact.format_number(v), v) for v in grids[p.name]]
        current = Fraction(start[p.name]) if Fraction(start[p.name]) in grids[p.name] else Fraction(p.default)
        sliders[p.name] = w.SelectionSlider(options=options, value=current, description=p.name,
                                            continuous_update=False, style={"description_width": "initial"},
                                            layout=w.Layout(width="95%"), tooltip=p.meaning or p.name)
    table, picture = w.HTML(), w.Output()
    box = w.VBox([*sliders.values(), table, picture])

    def redraw(_: Any = None) -> None:
        view = explore_view(spec, {k: s.value for k, s in sliders.items()})
        box.view = view
        table.value = view.html
        picture.clear_output(wait=True)
        with picture:
            if view.figure is not None:
                from IPython.display import display

                display(view.figure)
                plt.close(view.figure)

    for s in sliders.values():
        s.observe(redraw, names="value")
    redraw()
    return box
