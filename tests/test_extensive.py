"""The one tree model (ExtensiveGame): information sets, Gambit files, the TOML composition, solving
every tree (Nash and subgame-perfect equilibria with imperfect information), the command line."""

from __future__ import annotations

import io
import json
import re
import warnings
from fractions import Fraction as F
from pathlib import Path

import pygambit as gbt
import pytest
from hypothesis import HealthCheck, given, settings

import gametheory as gt
from gametheory.cli import main
from gametheory.errors import InvalidGameError, NotSupportedError, SpecError
from gametheory.extensive import (
    Chance,
    Decision,
    ExtensiveGame,
    Stage,
    nash_equilibria,
    nash_regret,
    reduced_normal_form,
    subgame_perfect_by_subgames,
    subgame_regret,
    subgame_roots,
)
from gametheory.io.gambit import GambitLabelWarning
from gametheory.sequential import subgame_perfect_equilibria

from sequential_trees import sequential_games

REPO = Path(__file__).resolve().parents[1]
CATALOG = sorted(str(p) for p in (Path(gbt.__file__).parent / "catalog_data").rglob("*.efg"))


def readme_composition() -> str:
    text = (REPO / "games" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, re.S)
    return next(b for b in blocks if "[composition]" in b and "infoset" in b)


def load_text(text: str, tmp_path: Path, params=None) -> ExtensiveGame:
    path = tmp_path / "article5.toml"
    path.write_text(text, encoding="utf-8")
    return gt.load(path, params=params)


# -- the model --------------------------------------------------------------------------------------
def test_one_type_under_both_names():
    assert gt.SequentialGame is gt.ExtensiveGame is ExtensiveGame
    assert gt.read_efg(io.StringIO(gt.write_efg(gt.load("negotiations")))).__class__ is ExtensiveGame


def test_information_sets_of_keys_positions_and_stages():
    pd = gt.Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("A", "B"),
                               strategies=(("C", "D"), ("C", "D")))
    g = ExtensiveGame(Chance({
        "h": ("1/2", Decision("A", {"x": Stage(pd, {"*": {}}, infosets={"B": "b"}), "y": {}})),
        "t": ("1/2", Decision("A", {"x": Stage(pd, {"*": {}}, infosets={"B": "b"}), "y": {}})),
    }))
    names = [(h.player, h.name, len(h.nodes), len(h.positions)) for h in g.infosets]
    # A's decisions and stage moves are sets of their own; B's stage moves in both places share key "b"
    assert names == [("A", "/h", 1, 1), ("A", "/h/x", 1, 1), ("B", "b", 4, 2), ("A", "/t", 1, 1), ("A", "/t/x", 1, 1)]
    assert g.perfect_recall and not g.subgame_at_every_position and not g.is_perfect_information
    assert g.infoset("B", "b").actions == ("C", "D")
    with pytest.raises(InvalidGameError, match="has no information set"):
        g.infoset("B", "nope")


def test_imperfect_recall_is_detected_and_named():
    forget = ExtensiveGame(Decision("A", {"x": Decision("A", {"l": {"A": 1}, "r": {}}, infoset="h"),
                                          "y": Decision("A", {"l": {}, "r": {"A": 2}}, infoset="h")}))
    assert not forget.perfect_recall and "A forgets at information set 'h'" in forget.flat.recall_problem
    with pytest.raises(NotSupportedError, match="perfect recall"):
        subgame_perfect_by_subgames(forget)
    sol = gt.solve(forget)  # the normal form's equilibria, said so
    assert isinstance(sol, gt.Solution) and "lacks perfect recall" in sol.notes[-1]


def test_deep_trees_need_no_recursion():
    node: object = {"A": 0, "B": 0}
    for k in range(2500):
        # distinct payoffs: no ties but the last decision (stop and go both pay 0)
        node = Decision("A" if k % 2 else "B", {"stop": {"A": (k * 7919) % 10007, "B": (k * 104729) % 10009},
                                                "go": node})
    g = ExtensiveGame(node)
    assert g.flat.num_nodes == 5001 and len(subgame_roots(g.flat)) == 2500
    spe = subgame_perfect_equilibria(g)
    blocks = subgame_perfect_by_subgames(g)
    assert len(spe) == 2 and sorted(e.profile for e in spe) == sorted(e.profile for e in blocks)  # a tie at the end
    assert all(subgame_regret(g.flat, e.profile) == 0 for e in blocks)


# -- the TOML composition (games/README.md) ---------------------------------------------------------
def test_readme_composition_example_loads_and_has_the_exact_threshold(tmp_path, brief_text):
    text = readme_composition()
    spec = gt.load_spec(_write(tmp_path, text))
    assert all(a.quote in brief_text for a in spec.assumptions if a.quote)
    game = load_text(text, tmp_path)
    nato = game.infoset("NATO", "NATO after a test")
    assert len(nato.nodes) == 2 and nato.actions == ("Invoke Article 5", "Stand aside")
    for prior in ("1/5", "1/2", "13/20"):
        sol = gt.solve(load_text(text, tmp_path, {"resolve": prior}))
        assert sol.complete and len(sol) == 1
        eq = sol[0]
        p = F(prior)
        # resolute Russia tests; irresolute bluffs with probability p / (2(1 - p)); NATO defends with 2/3
        assert eq.profile == ((1, 0), (F(2, 3), F(1, 3)), (p / (2 * (1 - p)), 1 - p / (2 * (1 - p))))
        assert eq.belief_system()[1] == (F(2, 3), F(1, 3))  # NATO is exactly indifferent after a test
    for prior in ("7/10", "4/5"):
        sol = gt.solve(load_text(text, tmp_path, {"resolve": prior}))
        assert [e.profile for e in sol] == [((1, 0), (0, 1), (1, 0))]  # both test, NATO stands aside


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_composition_infoset_errors_name_the_key(tmp_path):
    text = readme_composition().replace('infoset = "NATO after a test"\n[[composition.nodes.nato_vs_irresolute',
                                        'infoset = "/bad"\n[[composition.nodes.nato_vs_irresolute')
    with pytest.raises(SpecError, match=r"composition\.nodes\.nato_vs_irresolute\.infoset: .*must not start"):
        load_text(text, tmp_path)
    mismatch = readme_composition().replace('action = "Stand aside"\npayoffs = { Russia = 2, NATO = -1 }\n\n'
                                            '[composition.nodes.nato_vs_irresolute]',
                                            'action = "Yield"\npayoffs = { Russia = 2, NATO = -1 }\n\n'
                                            '[composition.nodes.nato_vs_irresolute]')
    with pytest.raises(SpecError, match="information set 'NATO after a test' of NATO has actions"):
        load_text(mismatch, tmp_path)


def test_symbolic_thresholds_decline_hidden_information(tmp_path):
    from gametheory.symbolic import tree_from_composition

    with pytest.raises(NotSupportedError, match="information sets across positions"):
        tree_from_composition(gt.load_spec(_write(tmp_path, readme_composition())))


# -- Gambit's catalog: loads, solves, round-trips ------------------------------------------------
@pytest.mark.parametrize("path", CATALOG, ids=[Path(p).stem for p in CATALOG])
def test_catalog_loads_solves_and_round_trips(path):
    game = gt.read_efg(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GambitLabelWarning)
        assert gt.read_efg(io.StringIO(gt.write_efg(game))) == game
    sol = gt.solve(game)
    assert len(sol) >= 1
    if not game.perfect_recall:
        assert isinstance(sol, gt.Solution) and all(e.regret == 0 for e in sol)
        return
    assert sol.concept == "subgame-perfect"
    for eq in sol:
        assert eq.regret == 0 == subgame_regret(game.flat, eq.profile)
        assert nash_regret(game.flat, eq.profile) == 0
    back = gt.load_result(io.StringIO(sol.to_json()))
    assert [e.profile for e in back] == [e.profile for e in sol]


# -- subgame perfection by subgames agrees with backward induction ---------------------------------
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sequential_games(depth=3, perfect_information=True))
def test_subgames_agree_with_backward_induction_on_perfect_information(game):
    ours = subgame_perfect_by_subgames(game)
    theirs = subgame_perfect_equilibria(game, grouped="independent")
    assert sorted(e.profile for e in ours) == sorted(e.profile for e in theirs)
    assert ours.complete


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sequential_games(depth=2))
def test_every_spe_is_a_nash_equilibrium_and_found_by_nash_equilibria(game):
    nash = nash_equilibria(game)
    for eq in nash:
        assert eq.regret == 0 == nash_regret(game.flat, eq.profile)
    realized = {tuple(sorted(e.outcome().items())) for e in nash}
    for eq in subgame_perfect_equilibria(game):
        assert nash_regret(game.flat, eq.profile) == 0
        if nash.complete:  # an SPE is a Nash equilibrium; with pure play it is an extreme one
            if all(q in (0, 1) for vec in eq.profile for q in vec):
                assert tuple(sorted(eq.outcome().items())) in realized


def test_reduced_normal_form_of_information_sets():
    guess = lambda win: Decision("B", {"h": {"A": -win, "B": win}, "t": {"A": win, "B": -win}}, infoset="guess")  # noqa: E731
    mp = ExtensiveGame(Decision("A", {"H": guess(1), "T": guess(-1)}))
    nf = reduced_normal_form(mp)
    assert nf.strategies == (("H", "T"), ("h", "t"))
    assert nf.payoffs[0].tolist() == [[-1, 1], [1, -1]]


# -- the command line ---------------------------------------------------------------------------------
def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_solve_show_and_export_trees(capsys, tmp_path):
    horse = next(p for p in CATALOG if p.endswith("selten1975/fig1.efg"))
    code, out, err = run(capsys, "solve", horse)
    assert code == 0 and "subgame-perfect equilibri" in out and not err
    code, out, _ = run(capsys, "solve", horse, "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["concept"] == "subgame-perfect"
    assert {"behaviour", "beliefs", "outcome", "payoffs"} <= set(doc["equilibria"][0])
    code, out, _ = run(capsys, "show", horse)
    assert code == 0 and "Player 3 decides in information set" in out
    for name in ("troop_mission", "negotiations"):
        target = tmp_path / f"{name}.efg"
        code, _, err = run(capsys, "export", name, "--to", "efg", "-o", str(target))
        assert code == 0, err
        tree = gt.read_efg(target)
        assert isinstance(tree, ExtensiveGame) and gbt.read_efg(str(target)).players
    legacy = Path(__file__).resolve().parent / "data" / "legacy" / "troop_mission.toml"  # a normal-form game
    code, _, err = run(capsys, "export", str(legacy), "--to", "efg", "-o", str(tmp_path / "legacy.efg"))
    assert code == 0, err
    old = gt.load(legacy)
    assert reduced_normal_form(gt.read_efg(tmp_path / "legacy.efg")) == gt.Game(
        old.payoffs, players=old.players, strategies=old.strategies, title=old.title)


def test_cli_solution_concepts_and_clear_errors(capsys):
    horse = next(p for p in CATALOG if p.endswith("selten1975/fig1.efg"))
    for concept, word in [("nash", "Nash"), ("spe", "subgame-perfect"), ("sequential", "sequential"),
                          ("qre", "equilibri")]:
        code, out, err = run(capsys, "solve", horse, "--solution", concept)
        assert code == 0 and word in out.splitlines()[0], (concept, out, err)
    code, out, _ = run(capsys, "solve", horse, "--solution", "sequential", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["concept"] == "sequential" and doc["equilibria"][0]["beliefs"]["Player 3"]
    code, out, err = run(capsys, "solve", "cosenders", "--solution", "spe")
    assert code == 2 and err.count("\n") == 1 and "applies to game trees" in err
    code, out, err = run(capsys, "solve", "troop_mission", "--solution", "sequential")
    assert code == 0 and out.splitlines()[0].startswith("1 sequential equilibrium")
    forget = next(p for p in CATALOG if p.endswith("wichardt2008.efg"))
    code, out, err = run(capsys, "solve", forget, "--solution", "sequential")
    assert code == 2 and "perfect recall" in err
    code, out, err = run(capsys, "solve", forget, "--solution", "nash")
    assert code == 0


@pytest.mark.parametrize("path", CATALOG, ids=[Path(p).stem for p in CATALOG])
def test_cli_solves_every_catalog_file(capsys, path):
    code, out, err = run(capsys, "solve", path)
    assert code == 0, err


def test_figures_and_latex_show_information_sets_and_beliefs():
    import matplotlib

    matplotlib.use("Agg")
    from gametheory.display.plots import game_tree_figure
    from gametheory.extensive import beer_quiche, perfect_bayesian_equilibria
    from gametheory.io.latex import tree_tikz

    sol = perfect_bayesian_equilibria(beer_quiche()).solution
    fig = game_tree_figure(sol)
    ax = fig.axes[0]
    dashed = [ln for ln in ax.get_lines() if ln.get_linestyle() not in ("-", "None")]
    assert len(dashed) == 2  # the receiver's two information sets
    assert any(t.get_text() == "[9/10]" for t in ax.texts)
    tex = tree_tikz(sol)
    assert tex.count("\\xtInfoset") == 2 and "$[\\frac{9}{10}]$" in tex


#: A normal-form fixture (the first, table version of the resource deal) played as a stage.
LEGACY_DEAL = (Path(__file__).resolve().parent / "data" / "legacy" / "resource_deal.toml").as_posix()


def test_composition_stage_infosets_join_moves_across_stages(tmp_path):
    text = """
title = "Resource deal with a hidden US type"
[composition]
root = "type"
[composition.nodes.type]
kind = "chance"
[[composition.nodes.type.outcomes]]
outcome = "keen"
probability = "1/2"
next = "deal_keen"
[[composition.nodes.type.outcomes]]
outcome = "reluctant"
probability = "1/2"
next = "deal_reluctant"
[composition.nodes.deal_keen]
kind = "stage"
game = "LEGACY_DEAL"
infosets = { US = "US is keen", Ukraine = "Ukraine" }
[[composition.nodes.deal_keen.outcomes]]
profile = ["*", "*"]
payoffs = { US = 1 }
[composition.nodes.deal_reluctant]
kind = "stage"
game = "LEGACY_DEAL"
infosets = { US = "US is reluctant", Ukraine = "Ukraine" }
[[composition.nodes.deal_reluctant.outcomes]]
profile = ["*", "*"]
payoffs = { US = -1 }
""".replace("LEGACY_DEAL", LEGACY_DEAL)
    game = load_text(text, tmp_path)
    ukraine = game.infoset("Ukraine", "Ukraine")
    assert len(ukraine.positions) == 2 and game.perfect_recall and not game.subgame_at_every_position
    assert [h.name for h in game.infosets if h.player == "US"] == ["US is keen", "US is reluctant"]
    sol = gt.solve(game)
    assert len(sol) >= 1 and all(e.regret == 0 for e in sol)
