"""gametheory.explore: exact slider grids, the update function, and the widget wired to it."""

from __future__ import annotations

from fractions import Fraction

import pytest

import gametheory as gt
from gametheory import library
from gametheory.display.explore import explore_view, slider_values


@pytest.mark.parametrize("name", library.names())
def test_sliders_are_exact_grids_of_the_declared_range_through_the_default(name):
    spec = library.spec(name)
    grids = slider_values(spec)
    assert set(grids) == {p.name for p in spec.parameters}
    for p in spec.parameters:
        grid = grids[p.name]
        assert all(isinstance(v, Fraction) for v in grid) and grid == sorted(set(grid))
        assert grid[0] == p.low and grid[-1] == p.high and Fraction(p.default) in grid
        assert 12 <= len(grid) <= 202


LEGACY = {n: str(library.games_dir().parent / "tests" / "data" / "legacy" / f"{n}.toml")
          for n in ("resource_deal", "troop_mission", "sanctions", "nato_membership")}


@pytest.mark.parametrize("name,values", [(LEGACY["resource_deal"], {"share": Fraction(3, 8)}),
                                          (LEGACY["troop_mission"], {"backstop": Fraction(1, 4), "war_cost": 1}),
                                          (LEGACY["sanctions"], {}), ("cosenders", {"cost": Fraction(5, 2)}),
                                          (LEGACY["nato_membership"], {"credibility": Fraction(1, 3)})])
def test_the_update_shows_exactly_what_solve_gives_at_those_values(name, values):
    view = explore_view(name, values)
    fresh = gt.solve(gt.load(name, values))
    assert view.game == fresh.game and view.solution.equilibria == fresh.equilibria
    assert view.solution.complete == fresh.complete
    for k, v in values.items():
        assert view.values[k] == v
    for eq in fresh.equilibria:  # every equilibrium's payoffs appear, exact
        for v in eq.payoffs:
            assert gt.exact.format_number(v) in view.html
    g = fresh.game
    if g.num_players == 2 and 2 in g.shape:  # best responses
        assert "P(" in view.figure.axes[0].get_xlabel()
    else:  # payoff heat table
        assert view.figure.axes[0].get_title() == f"payoff of {g.players[0]}"


@pytest.mark.parametrize("name,concept", [("resource_deal", "subgame-perfect"), ("troop_mission", "sequential")])
def test_the_update_of_a_game_tree_lists_its_equilibria(name, concept):
    view = explore_view(name, {"share": Fraction(1, 4)} if name == "resource_deal" else {"reputation": 3})
    fresh = gt.solve(gt.load(name, view.values))
    assert [e.payoffs for e in view.solution] == [e.payoffs for e in fresh]
    assert view.solution.concept == concept and concept in view.html and view.figure is not None


def test_the_widget_re_solves_when_a_slider_moves():
    pytest.importorskip("ipywidgets", reason="explore() needs the notebook extra (ipywidgets)")
    box = gt.explore("resource_deal")
    sliders = {c.description: c for c in box.children if hasattr(c, "options")}
    assert set(sliders) == {p.name for p in library.spec("resource_deal").parameters}
    assert box.view.values["share"] == Fraction(1, 2)
    sliders["share"].value = Fraction(4, 5)
    assert box.view.values["share"] == Fraction(4, 5)
    assert box.view.solution.equilibria == gt.solve(gt.load("resource_deal", {"share": "4/5"})).equilibria
    html = [c for c in box.children if c.__class__.__name__ == "HTML"][0].value
    assert html == box.view.html
