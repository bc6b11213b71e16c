"""Figures render without any warning, save as valid PDF/SVG/PNG, and mark what the results say."""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from gametheory import Game, InvalidGameError, load, solve  # noqa: E402
from gametheory.display import plots  # noqa: E402
from gametheory.sequential import subgame_perfect_equilibria  # noqa: E402

BOS = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("US", "Russia"),
                         strategies=(("Talk", "Wait"), ("Talk", "Wait")), title="Battle of the sexes")
# 2x3: B's payoffs against p = P(A plays 1): 2p, 3(1 - p), 1 -- the first two cross at p = 3/5 above 1;
# equilibria (by hand): (1, col 1), (2, col 2), and p = 3/5 with B mixing 2/5 on col 1
G23 = Game.from_bimatrix([[3, 0, 2], [0, 2, 1]], [[2, 0, 1], [0, 3, 1]], players=("A", "B"), title="2x3")


LEGACY = Path(__file__).resolve().parent / "data" / "legacy"  # normal-form fixtures (the first sub-games)


@pytest.fixture(scope="module")
def negotiations():
    return subgame_perfect_equilibria(load(LEGACY / "negotiations.toml"))


@pytest.fixture(autouse=True)
def _strict_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield
    plt.close("all")


def _equilibrium_markers(fig):
    ax = fig.axes[0]
    return sorted(
        (round(float(x), 9), round(float(y), 9))
        for line in ax.get_lines()
        if line.get_marker() == "o" and line.get_markerfacecolor() == plots.HIGHLIGHT
        for x, y in zip(line.get_xdata(), line.get_ydata())
    )


def _valid(path):
    data = path.read_bytes()
    assert len(data) > 100
    if path.suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    elif path.suffix == ".pdf":
        assert data[:5] == b"%PDF-" and b"%%EOF" in data[-64:]
    else:
        assert ET.fromstring(data).tag.endswith("svg")


def test_best_response_square_marks_the_three_battle_of_the_sexes_equilibria():
    fig = plots.best_response_diagram(BOS)
    expected = sorted((round(float(p), 9), round(float(q), 9))
                      for p, q in [(0, 0), (1, 1), (Fraction(2, 3), Fraction(1, 3))])
    assert _equilibrium_markers(fig) == expected
    # Russia's best response jumps at the US's indifference point p = 2/3 (a vertical segment there)
    xs = {round(float(x), 9) for line in fig.axes[0].get_lines() for x in line.get_xdata()
          if line.get_color() == plots.PLAYER_COLOURS[1]}
    assert round(2 / 3, 9) in xs


def test_best_response_envelope_for_a_2x3_game_marks_the_hand_computed_equilibria():
    fig = plots.best_response_diagram(G23)
    assert [x for x, _ in _equilibrium_markers(fig)] == [0.0, 0.6, 1.0]
    # the same game as 3x2 (B listed first): A, the column player now, is still on the x-axis
    fig = plots.best_response_diagram(G23.permute_players(["B", "A"]))
    assert fig.axes[0].get_xlabel().startswith("A: P(1)")
    assert [x for x, _ in _equilibrium_markers(fig)] == [0.0, 0.6, 1.0]


def test_best_response_diagram_rejects_games_without_a_two_strategy_player():
    with pytest.raises(InvalidGameError, match="two strategies"):
        plots.best_response_diagram(Game.zero_sum([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))


def test_heat_table_outlines_exactly_the_pure_equilibria():
    pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("A", "B"))
    fig = plots.payoff_heatmap(pd)
    for ax in fig.axes:
        boxes = [p for p in ax.patches if p.get_edgecolor()[:3] == matplotlib.colors.to_rgb(plots.HIGHLIGHT)]
        assert len(boxes) == 1
        x, y = boxes[0].get_xy()
        assert (round(x + 0.47), round(y + 0.47)) == (1, 1)  # (Defect, Defect): column 1, row 1


def test_game_tree_figure_highlights_the_spe_path(negotiations):
    sol = negotiations
    fig = plots.game_tree_figure(sol)
    thick = [ln for ln in fig.axes[0].get_lines() if ln.get_color() == plots.HIGHLIGHT and ln.get_linewidth() > 2]
    assert len(thick) == len(sol[0].path())


def test_every_figure_kind_saves_as_valid_pdf_svg_png_without_warnings(tmp_path, negotiations):
    from gametheory.symbolic import hawk_dove

    sanctions = load(LEGACY / "sanctions.toml")
    figures = {
        "heat": plots.payoff_heatmap(sanctions),
        "br22": plots.best_response_diagram(BOS),
        "br23": plots.best_response_diagram(G23),
        "tree": plots.game_tree_figure(negotiations),
        "thresholds": plots.threshold_figure(hawk_dove(), "C", others={"V": 2}),
        "regions": plots.region_figure(hawk_dove(), "V", "C", resolution=40),
    }
    for name, fig in figures.items():
        files = plots.save_figure(fig, tmp_path / name)
        assert [f.suffix for f in files] == [".pdf", ".svg", ".png"]
        for f in files:
            _valid(f)


def test_saved_pdf_is_reproducible(tmp_path):
    a = plots.save_figure(plots.payoff_heatmap(BOS), tmp_path / "a", ("pdf",))[0].read_bytes()
    b = plots.save_figure(plots.payoff_heatmap(BOS), tmp_path / "b", ("pdf",))[0].read_bytes()
    assert a == b


def test_style_is_applied_to_every_figure_and_restored_afterwards():
    before = matplotlib.rcParams["axes.spines.top"]
    fig = plots.payoff_heatmap(BOS)
    assert matplotlib.rcParams["axes.spines.top"] == before
    assert fig.axes[0].title.get_fontsize() == plots.STYLE["axes.titlesize"]


def test_best_response_square_shades_a_continuum_of_equilibria():
    # A = [[1, 1], [0, 2]], B = [[1, 1], [0, 1]]: B is indifferent when A plays its first strategy for sure,
    # and A's first strategy is a best response iff q >= 1/2: the equilibria (1, q), q in [1/2, 1], form a segment
    from gametheory import DegenerateGameWarning

    g = Game.from_bimatrix([[1, 1], [0, 2]], [[1, 1], [0, 1]], players=("A", "B"))
    with pytest.warns(DegenerateGameWarning):
        sol = solve(g)
    fig = plots.best_response_diagram(g, solution=sol)
    shaded = [p for p in fig.axes[0].patches if p.get_label() == "continuum of equilibria"]
    assert len(shaded) == 1
    xy = shaded[0].get_xy()
    assert {round(float(x), 9) for x in xy[:, 0]} == {1.0}
    assert (round(float(xy[:, 1].min()), 9), round(float(xy[:, 1].max()), 9)) == (0.5, 1.0)


# -- threshold figures: every strategy shown, no curve hidden under another -------------------------------
def _curves(ax):
    """The probability curves of a panel (not threshold lines, dots or continuum bars)."""
    import numpy as np

    out = []
    for line in ax.get_lines():
        xs, ys = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
        if len(xs) >= 2 and xs.max() > xs.min():
            out.append((line, xs, ys))
    return out


def coinciding_curves(fig, *, tol=0.005, share=0.02):
    """Pairs of curves in one panel that lie on each other (within ``tol`` of the unit axis) on more than a
    point -- more than ``share`` of their common range -- and are not marked ``gid == "coincides"``."""
    import itertools

    import numpy as np

    bad = []
    for ax in fig.axes:
        for (la, xa, ya), (lb, xb, yb) in itertools.combinations(_curves(ax), 2):
            lo, hi = max(xa.min(), xb.min()), min(xa.max(), xb.max())
            if hi <= lo:
                continue
            grid = np.linspace(lo, hi, 400)
            close = np.abs(np.interp(grid, xa, ya) - np.interp(grid, xb, yb)) < tol
            if close.mean() > share and not (la.get_gid() == lb.get_gid() == "coincides"):
                bad.append((ax.get_title(loc="left"), ax.get_ylabel(), la.get_color(), lb.get_color()))
    return bad


def test_the_coincidence_check_catches_curves_drawn_on_top_of_each_other():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 1])
    ax.plot([0, 0.5, 1], [1, 1, 1])
    ax.plot([0, 1], [0, 1])  # crosses the others at one point only
    assert len(coinciding_curves(fig)) == 1


@pytest.mark.parametrize("name", [str(LEGACY / f"{n}.toml") for n in ("troop_mission", "resource_deal", "sanctions", "nato_membership")] + ["cosenders"])
def test_threshold_figures_of_the_bundled_games_separate_every_curve_and_show_every_strategy(name):
    from gametheory import load_spec
    from gametheory.symbolic import symbolic_game, thresholds

    spec = load_spec(name)
    game = symbolic_game(spec)
    for p in spec.key_parameters:
        th = thresholds(game, p)
        fig = plots.threshold_figure(th)
        assert coinciding_curves(fig) == [], (name, p)
        # every strategy of every player has an axis (left, or right for a player's second of two)
        labels = [ax.get_ylabel() for ax in fig.axes if ax.get_ylabel()]
        for strategies in game.strategies:
            for s in strategies:
                assert any(lab.replace("\n", " ") == f"P({s})" for lab in labels), (name, p, s, labels)
        # each equilibrium present on some interval is named in the legend
        legend = [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
        shown = {r.supports for iv in th.intervals for r in iv.equilibria} | {
            r.supports for b in th.breakpoints for r in b.equilibria}
        assert len(legend) == len(shown)
        plt.close(fig)


def test_threshold_figure_offsets_coinciding_equilibria_and_marks_them():
    from gametheory.symbolic import hawk_dove, thresholds

    # Hawk-Dove, C > V: the pure equilibria (Hawk, Dove) and (Dove, Hawk) are constant lines; the mixed one moves
    fig = plots.threshold_figure(thresholds(hawk_dove(), "C", others={"V": 2}))
    marked = [ln for ax in fig.axes for ln in ax.get_lines() if ln.get_gid() == "coincides"]
    assert coinciding_curves(fig) == []
    # on C < 2 only (Hawk, Hawk); on C > 2 no two of the three equilibria give a player the same probability
    assert marked == []
    from gametheory.symbolic import SymbolicGame, Parameter

    p = Parameter("p", low=0, high=1, default="1/2")
    # coordination with a third, dominated row strategy: every equilibrium gives it probability 0
    g = SymbolicGame.from_bimatrix([[p.symbol, 0], [0, 1 - p.symbol], [-1, -1]], [[1, 0], [0, 1], [0, 0]],
                                   parameters=[p])
    fig = plots.threshold_figure(thresholds(g, "p"))
    marked = [ln for ax in fig.axes for ln in ax.get_lines() if ln.get_gid() == "coincides"]
    assert len(marked) >= 2 and coinciding_curves(fig) == []
