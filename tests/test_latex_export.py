"""Paper-ready LaTeX: structure of every output kind, and compilation with pdflatex when installed.

Structure checks always run. The compile step runs when ``pdflatex`` is on the PATH
(``sgame`` output only when ``kpsewhich sgame.sty`` finds the package); otherwise
the test is skipped with the reason.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from fractions import Fraction

import pytest
from pathlib import Path
from hypothesis import given, settings

import contextlib

from gametheory import DegenerateGameWarning, Game, library, load, solve
from gametheory.display.latex import latex_text
from gametheory.display.trees import tree_layout
from gametheory.io import latex as L
from gametheory.sequential import Chance, Decision, SequentialGame, Stage, subgame_perfect_equilibria
from gametheory.sequential.verify import position_values

from sequential_trees import trees

PDFLATEX = shutil.which("pdflatex")


def _has_sty(name: str) -> bool:
    kpse = shutil.which("kpsewhich")
    if kpse is None:
        return False
    return subprocess.run([kpse, name], capture_output=True, text=True).stdout.strip() != ""


def _balanced(text: str) -> bool:
    depth = 0
    for ch in re.sub(r"\\[{}]", "", text):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _environments_nest(text: str) -> bool:
    stack = []
    for kind, env in re.findall(r"\\(begin|end)\{([^}]*)\}", text):
        if kind == "begin":
            stack.append(env)
        elif not stack or stack.pop() != env:
            return False
    return not stack


def _compile(tmp_path, document: str, name: str = "doc") -> None:
    """Run pdflatex twice-safe once; fail with the LaTeX error lines if it does not produce a PDF."""
    if PDFLATEX is None:
        pytest.skip("pdflatex is not installed: LaTeX structure verified, compilation skipped")
    tex = tmp_path / f"{name}.tex"
    tex.write_text(document, encoding="utf-8")
    proc = subprocess.run([PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    log = (tmp_path / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    errors = [ln for ln in log.splitlines() if ln.startswith("!")]
    assert proc.returncode == 0 and (tmp_path / f"{name}.pdf").stat().st_size > 0, "\n".join(errors) or proc.stdout[-2000:]


LEGACY = Path(__file__).resolve().parent / "data" / "legacy"


@pytest.fixture(scope="module")
def negotiations():
    """A composition of normal-form stages with many SPEs (the first version of the scenario)."""
    return subgame_perfect_equilibria(load(LEGACY / "negotiations.toml"))


def _nothing():
    return contextlib.nullcontext()


def _normal_form_names():
    """The bundled normal-form games and the normal-form fixtures."""
    names = [n for n in library.names() if library.spec(n).composition is None]
    return names + [str(LEGACY / f"{n}.toml") for n in ("nato_membership", "sanctions", "troop_mission",
                                                         "resource_deal")]


# -- structure ------------------------------------------------------------------------------------------
def test_matrix_and_equilibria_tables_have_booktabs_structure_and_exact_fractions():
    g = Game.from_bimatrix([["1/2", 0], [0, 1]], [[1, 0], [0, "3/2"]], players=("US", "Russia"),
                           strategies=(("Keep", "Concede"), ("Fight", "Cease")))
    tab = L.matrix_tabular(g)
    assert [ln for ln in tab.splitlines() if ln.startswith("\\")] [:3] == [
        "\\begin{tabular}{l|cc}", "\\toprule", "\\midrule"]
    assert "\\bottomrule" in tab and "$\\frac{1}{2}$" in tab and "$\\frac{3}{2}$" in tab
    eq = L.equilibria_table(solve(g))
    # BoS-like game: 2 pure + 1 mixed equilibrium. Mixed: Russia makes the US indifferent, q/2 = 1 - q, so
    # q = 2/3 on Fight; the US makes Russia indifferent, p = 3/2 (1 - p), so p = 3/5 on Keep.
    rows = [ln for ln in eq.splitlines() if re.match(r"^\d", ln)]
    assert len(rows) == 3
    assert any("$\\frac{3}{5}$ Keep" in r and "$\\frac{2}{3}$ Fight" in r for r in rows)
    sg = L.matrix_sgame(g)
    assert sg.splitlines()[0] == "\\begin{game}{2}{2}[US][Russia]" and sg.endswith("\\end{game}")
    for text in (tab, eq, sg):
        assert _balanced(text) and _environments_nest(text)


def test_tree_tikz_draws_every_layout_node_and_marks_exactly_the_equilibrium_path(negotiations):
    spe = negotiations[0]
    text = L.tree_tikz(negotiations, 0)
    lay = tree_layout(negotiations.game, spe)
    internal = [j for j, n in enumerate(lay.nodes) if n.payoffs is None]
    assert text.count("\\istroot") == len(internal) == text.count("\\endist")
    assert text.count("\\istb") == len(lay.nodes) - 1
    on_path_edges = sum(n.on_path for n in lay.nodes)
    assert text.count("[spe]") == on_path_edges == len(spe.path())
    # the marked leaf shows the SPE's payoffs, exactly
    pays = "(" + ", ".join(L._math(v) for v in spe.payoffs) + ")"
    assert any("[spe]" in ln and pays in ln for ln in text.splitlines())
    assert "pruned" in text.splitlines()[0]
    assert _balanced(text) and _environments_nest(text)


def test_tree_layout_leaves_show_the_totals_of_their_play_followed_by_the_equilibrium(negotiations):
    """Each drawn leaf: forcing the moves down to it and the SPE after gives its payoffs (independent walk)."""
    game, spe = negotiations.game, negotiations[0]
    _check_leaves(game, spe)


def _check_leaves(game, spe, prune="path"):
    lay = tree_layout(game, spe, prune=prune)
    pos = game.positions
    for node in lay.nodes:
        if node.payoffs is None:
            continue
        forced = list(spe.choices)
        k = node.position
        while pos[k].parent >= 0:
            parent, edge = pos[k].parent, pos[k].edge
            pnode = pos[parent].node
            if isinstance(pnode, Decision):
                forced[parent] = edge
            elif isinstance(pnode, Stage):
                prof, flat = [], edge
                for n in reversed(pnode.game.shape):
                    prof.append(flat % n)
                    flat //= n
                prof.reverse()
                forced[parent] = tuple(tuple(Fraction(int(s == a)) for s in range(n))
                                       for a, n in zip(prof, pnode.game.shape))
            k = parent
        assert node.payoffs == position_values(game, forced)[0]


@settings(max_examples=25, deadline=None)
@given(trees(depth=3, allow_chance=False))
def test_tree_layout_leaf_payoffs_on_random_trees(root):
    game = SequentialGame(root)
    sol = subgame_perfect_equilibria(game)
    if sol.equilibria:
        _check_leaves(game, sol[0], prune="none")
        _check_leaves(game, sol[0], prune="path")


def test_tree_layout_without_equilibrium_cannot_prune():
    g = SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}}))
    from gametheory import InvalidGameError

    with pytest.raises(InvalidGameError, match="equilibrium"):
        tree_layout(g, None, prune="path")
    text = L.tree_tikz(g, None)
    assert "[spe]" not in text and "no equilibrium marked" in text


def test_spe_table_groups_equilibria_with_the_same_story(negotiations):
    text = L.spe_table(negotiations)
    rows = [ln for ln in text.splitlines() if re.match(r"^\d", ln)]
    listed = sorted(int(k) for r in rows for k in r.split(" & ")[0].split(", "))
    assert listed == list(range(1, len(negotiations) + 1))
    assert "\\toprule" in text and _balanced(text) and _environments_nest(text)


def test_symbolic_regions_and_thresholds_are_cases_displays():
    from gametheory.symbolic import hawk_dove, thresholds

    reg = L.regions_latex(hawk_dove())
    thr = L.thresholds_latex(thresholds(hawk_dove(), "C", others={"V": 2}))
    for text in (reg, thr):
        assert text.startswith("\\[") and text.endswith("\\]") and "\\begin{cases}" in text
        assert _balanced(text) and _environments_nest(text)
    # Hawk-Dove with V = 2: the threshold is C = V = 2
    assert "C = 2" in thr


# -- compilation ---------------------------------------------------------------------------------------------
def _chance_game():
    pennies = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], players=("A", "B"),
                                 strategies=(("H", "T"), ("H", "T")))
    return subgame_perfect_equilibria(SequentialGame(
        Chance({"calm": ("1/3", {"A": 1, "B": 0}),
                "crisis": ("2/3", Decision("A", {"fight": Stage(pennies, {"*": {}}), "yield_": {"A": "-1/2", "B": 1}}))}),
        title="Chance & a mixed stage"))


def test_tree_tikz_shows_chance_and_mixing_probabilities_as_fractions():
    text = L.tree_tikz(_chance_game(), 0)
    assert "[chance node]" in text
    assert "(\\frac{1}{3})" in text and "(\\frac{2}{3})" in text  # chance
    assert "(\\frac{1}{4})" in text  # each pennies profile is played with probability 1/2 * 1/2
    assert "yield\\_" in text and "Chance \\& a mixed stage" in text.splitlines()[0]


def _all_outputs(negotiations):
    from gametheory.symbolic import hawk_dove, sequential_thresholds, thresholds, tripwire

    parts, kinds = [], ["tabular", "equilibria", "istgame", "spe", "cases", "fit"]
    for name in _normal_form_names():
        g = load(name)
        with pytest.warns(DegenerateGameWarning) if name.endswith("nato_membership.toml") else _nothing():
            sol = solve(g)
        parts += [f"\\section*{{{latex_text(Path(name).stem)}}}", L.matrix_tabular(g, caption=g.title),
                  L.equilibria_table(sol)]
    parts += ["\\section*{negotiations}", L.tree_tikz(negotiations, 0), L.spe_table(negotiations)]
    for name in ("nato_membership", "sanctions", "troop_mission", "resource_deal"):  # the bundled trees
        sol = solve(load(name))
        parts += [f"\\section*{{{latex_text(name)}}}", L.tree_tikz(sol, 0), L.spe_table(sol)]
    parts += ["\\section*{chance and a mixed stage}", L.tree_tikz(_chance_game(), 0)]
    parts += [L.regions_latex(hawk_dove()), L.regions_latex(hawk_dove(), player="Row", strategy="Hawk"),
              L.thresholds_latex(thresholds(hawk_dove(), "C", others={"V": 2}), fit=True),
              L.thresholds_latex(sequential_thresholds(tripwire(), "b"))]
    return parts, kinds


def test_every_output_kind_and_every_bundled_game_compiles(tmp_path, negotiations):
    parts, kinds = _all_outputs(negotiations)
    doc = L.latex_document(*parts, packages=L.packages_for(*kinds))
    assert _balanced(doc) and _environments_nest(doc)
    _compile(tmp_path, doc)


def test_sgame_matrices_compile(tmp_path):
    pieces = [L.matrix_sgame(load(n)) for n in _normal_form_names() if load(n).num_players == 2]
    assert pieces and all(_environments_nest(p) for p in pieces)
    if PDFLATEX is None:
        pytest.skip("pdflatex is not installed: sgame structure verified, compilation skipped")
    if not _has_sty("sgame.sty"):
        pytest.skip("sgame.sty is not installed (kpsewhich sgame.sty finds nothing): structure verified, compile skipped")
    _compile(tmp_path, L.latex_document(*pieces, packages=L.packages_for("sgame")))
