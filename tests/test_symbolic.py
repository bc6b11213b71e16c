"""Tests of gametheory.symbolic: closed forms, consistency laws against exact numeric solvers, safety."""

from __future__ import annotations

import dataclasses
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import InvalidGameError, SpecError
from gametheory.symbolic import (
    Parameter,
    SymbolicGame,
    comparative_statics,
    equilibrium_regions,
    plot_probabilities,
    plot_region_map,
    symbolic_report,
    thresholds,
)

PACKAGE = Path(gt.__file__).parent


# -- helpers ---------------------------------------------------------------------------------
LEGACY = Path(__file__).resolve().parent / "data" / "legacy"  # normal-form fixtures (the first sub-games)


def hawk_dove(**kw):
    V = Parameter("V", default=2, positive=True, meaning="value of the prize")
    C = Parameter("C", default=4, positive=True, meaning="cost of a fight")
    v, c = V.symbol, C.symbol
    return SymbolicGame.from_bimatrix(
        [[(v - c) / 2, v], [0, v / 2]],
        [[(v - c) / 2, 0], [v, v / 2]],
        parameters=(V, C),
        players=("Row", "Column"),
        strategies=(("Hawk", "Dove"),) * 2,
        **kw,
    )


def inspection():
    # Tsebelis (1990): the inspector pays c to inspect and catches a violation (gain 1, loss 1 if missed);
    # the state gains g from an undetected violation and pays the penalty f when caught.
    c = Parameter("c", default="1/2", low=0, high=1, meaning="cost of inspecting")
    f = Parameter("f", default=2, positive=True, meaning="penalty for a detected violation")
    g = Parameter("g", default=1, positive=True, meaning="gain from an undetected violation")
    return SymbolicGame.from_bimatrix(
        [[1 - c.symbol, -c.symbol], [-1, 0]],
        [[-f.symbol, 0], [g.symbol, 0]],
        parameters=(c, f, g),
        players=("Inspector", "State"),
        strategies=(("Inspect", "Trust"), ("Violate", "Comply")),
    )


def as_fraction(e) -> Fraction:
    e = sympy.nsimplify(e) if e.is_Float else e
    assert e.is_Rational, e
    return Fraction(int(e.p), int(e.q))


def numeric_set(game: gt.Game) -> tuple[set, bool]:
    """Extreme equilibria of the exact numeric game and whether every component is a point."""
    sol = gt.enumerate_equilibria(game, warn=False)
    profiles = {tuple(tuple(Fraction(p) for p in v) for v in eq.profile) for eq in sol.equilibria}
    isolated = all(c.isolated for c in sol.components) if sol.components else True
    return profiles, isolated


def symbolic_set(regions, values) -> set:
    return {
        tuple(tuple(as_fraction(e) for e in vec) for vec in r.evaluate(values))
        for r in regions
    }


def support_signature(profiles) -> frozenset:
    return frozenset(tuple(tuple(k for k, p in enumerate(v) if p != 0) for v in prof) for prof in profiles)


A = Parameter("a", low=0, high=5)
B = Parameter("b", low=-3, high=3)


@st.composite
def parametric_bimatrix(draw, params=(A, B), shapes=((2, 2), (2, 3), (3, 2))):
    m, n = draw(st.sampled_from(shapes))
    syms = [p.symbol for p in params]

    def entry():
        e = sympy.Integer(draw(st.integers(-3, 3)))
        for s in syms:
            e += draw(st.sampled_from([0, 0, 1, -1])) * s
        return e

    payoffs = [[[entry() for _ in range(n)] for _ in range(m)] for _ in range(2)]
    return SymbolicGame(payoffs, parameters=params)


# -- known closed forms ----------------------------------------------------------------------
def test_hawk_dove_mixed_equilibrium_is_V_over_C_exactly_when_C_exceeds_V():
    hd = hawk_dove()
    V, C = hd.parameter("V").symbol, hd.parameter("C").symbol
    sol = equilibrium_regions(hd)
    assert sol.complete
    mixed = [r for r in sol if r.supports == ((0, 1), (0, 1))]
    assert len(mixed) == 1
    r = mixed[0]
    assert sympy.simplify(r.profile[0][0] - V / C) == 0
    assert sympy.simplify(r.profile[1][0] - V / C) == 0
    assert [str(c) for c in r.conditions] == ["C > V"]
    assert r.holds({"V": 1, "C": 3}) and not r.holds({"V": 3, "C": 1}) and not r.holds({"V": 2, "C": 2})
    # (Hawk, Hawk) exists iff V >= C; its boundary V = C is reported as degenerate
    hh = [r for r in sol if r.supports == ((0,), (0,))][0]
    assert [str(c) for c in hh.conditions] == ["V >= C"]
    assert [str(b) for b in hh.boundaries] == ["V = C"]
    # at V = C the game is degenerate: continua exist exactly there
    assert any(r.continuum and any(c.equality for c in r.conditions) for r in sol)


def test_hawk_dove_threshold_in_C_is_V():
    hd = hawk_dove()
    for v in (1, 2, Fraction(7, 3)):
        th = thresholds(hd, "C", others={"V": v})
        assert th.values == (sympy.Rational(v.numerator, v.denominator) if isinstance(v, Fraction) else v,)
        left, right = th.intervals
        assert [r.supports for r in left.equilibria] == [((0,), (0,))]
        assert len(right.equilibria) == 3
        assert th.breakpoints[0].degenerate


def test_hawk_dove_latex_and_text_outputs():
    sol = equilibrium_regions(hawk_dove())
    tex = sol.latex()
    assert tex.startswith("\\sigma \\in \\begin{cases}") and tex.endswith("\\end{cases}")
    assert "\\frac{V}{C}" in tex and "C > V" in tex
    assert "\\begin{cases}" in sol.cases_latex("Row", "Hawk")
    assert sol._repr_latex_().startswith("$$")
    th = thresholds(hawk_dove(), "C")
    assert "\\begin{cases}" in th.latex() and "C = 2" in th.latex()
    assert "C > 2" in str(th)
    assert str(sol).startswith("Equilibrium regions (6 regions, complete)")


def test_inspection_violation_probability_does_not_depend_on_the_penalty():
    g = inspection()
    f = g.parameter("f").symbol
    c = g.parameter("c").symbol
    mixed = [r for r in equilibrium_regions(g) if r.supports == ((0, 1), (0, 1))]
    assert len(mixed) == 1
    r = mixed[0]
    violate = r.profile[1][0]
    assert not violate.has(f)
    assert sympy.simplify(violate - c / 2) == 0  # the inspector's indifference: (1-c)q - c(1-q) = -q
    cs = comparative_statics(r, "f")
    assert cs.derivative("State", "Violate") == 0
    assert cs.derivative("Inspector", "Inspect") != 0
    assert any("State mixes and f enters State's own payoffs" in flag for flag in cs.flags)
    assert "Inspector's mixing" in cs.flags[0]
    # numerically: the same violation probability for very different penalties
    for penalty in (Fraction(1, 10), 1, 50):
        profiles, _ = numeric_set(g.subs({"f": penalty, "c": Fraction(1, 2), "g": 1}))
        mixed_num = [p for p in profiles if all(0 < x < 1 for x in p[1])]
        assert [p[1][0] for p in mixed_num] == [Fraction(1, 4)]
    assert "\\begin{aligned}" in cs.latex()


def test_comparative_statics_hawk_dove_signs():
    r = [r for r in equilibrium_regions(hawk_dove()) if r.supports == ((0, 1), (0, 1))][0]
    cs = comparative_statics(r, "C")
    C, V = sympy.symbols("C V", positive=True)
    assert cs.derivative("Row", "Hawk") == -V / C**2
    signs = {(p, s): sign for p, s, _, _, sign in cs.probabilities}
    assert signs[("Row", "Hawk")] == "negative" and signs[("Row", "Dove")] == "positive"
    assert cs.flags == ()  # C enters both players' payoffs and moves both mixtures


# -- consistency laws --------------------------------------------------------------------------
point_values = st.tuples(st.integers(0, 50).map(lambda k: Fraction(k, 10)), st.integers(-30, 30).map(lambda k: Fraction(k, 10)))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(game=parametric_bimatrix(shapes=((2, 2), (2, 3))), points=st.lists(point_values, min_size=3, max_size=3))
def test_regions_equal_exact_enumeration_of_the_substituted_game(game, points):
    sol = equilibrium_regions(game)
    checked = 0
    # random points, plus the witness of every region (a point inside it)
    candidates = [{"a": a, "b": b} for a, b in points]
    candidates += [{k.name: v for k, v in r.witness.items()} for r in sol if r.witness and not r.degenerate]
    for values in candidates:
        numeric = game.subs(values)
        profiles, isolated = numeric_set(numeric)
        here = sol.at(values)
        if not isolated or any(r.continuum for r in here):
            continue  # degenerate point: compared by the fixed tests
        assert symbolic_set(here, values) == profiles
        checked += 1
    for r in sol:
        if r.witness and not r.continuum:
            values = {k.name: v for k, v in r.witness.items()}
            prof = r.evaluate(values)
            assert game.subs(values).is_equilibrium([[as_fraction(e) for e in vec] for vec in prof])
    assume(checked > 0)


P = Parameter("p", low=0, high=4, default=1)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(game=parametric_bimatrix(params=(P,), shapes=((2, 2), (2, 3))))
def test_thresholds_are_where_the_numeric_answer_changes(game):
    th = thresholds(game, "p")
    edges = [sympy.Integer(0)] + [b.value for b in th.breakpoints] + [sympy.Integer(4)]

    def signature(value):
        profiles, isolated = numeric_set(game.subs({"p": value}))
        return support_signature(profiles), len(profiles), isolated

    from gametheory.symbolic.witness import rational_between

    # inside each interval: two points, same answer, equal to the closed forms
    for iv in th.intervals:
        lo = iv.low if iv.low is not None else sympy.Integer(0)
        hi = iv.high if iv.high is not None else sympy.Integer(4)
        if lo == hi:
            continue
        mid = rational_between(lo, hi)
        near = rational_between(lo, mid)
        assert signature(as_fraction(mid)) == signature(as_fraction(near))
        profiles, isolated = numeric_set(game.subs({"p": as_fraction(mid)}))
        if isolated and not any(r.continuum for r in iv.equilibria):
            assert symbolic_set(iv.equilibria, {"p": as_fraction(mid)}) == profiles
    # at each inner breakpoint the numeric answer changes (left, at, or right)
    for k, b in enumerate(th.breakpoints):
        if b.value in (0, 4) or not b.value.is_Rational:
            continue
        i = edges.index(b.value)
        left = rational_between(edges[i - 1], b.value)
        right = rational_between(b.value, edges[i + 1])
        sl, sb, sr = signature(as_fraction(left)), signature(as_fraction(b.value)), signature(as_fraction(right))
        assert not (sl == sb == sr), (b.value, sl, sb, sr)


def test_regions_agree_with_pygambit_on_a_fixed_family():
    pygambit = pytest.importorskip("pygambit")
    g = hawk_dove()
    sol = equilibrium_regions(g)
    for v, c in [(1, 3), (2, 5), (Fraction(3, 2), 7)]:
        numeric = g.subs({"V": v, "C": c})
        A = np.array([[numeric.payoffs[0][i, j] for j in range(2)] for i in range(2)], dtype=object)
        B = np.array([[numeric.payoffs[1][i, j] for j in range(2)] for i in range(2)], dtype=object)
        res = pygambit.nash.enummixed_solve(pygambit.Game.from_arrays(A, B), rational=True)
        ref = {tuple(tuple(Fraction(str(eq[s])) for s in pl.strategies) for pl in eq.game.players) for eq in res.equilibria}
        assert symbolic_set(sol.at({"V": v, "C": c}), {"V": v, "C": c}) == ref


def test_n_player_pure_regions_match_pure_equilibria():
    x, y = Parameter("x", low=-2, high=2), Parameter("y", low=-2, high=2)
    X, Y = x.symbol, y.symbol
    pay = np.empty((3, 2, 2, 2), dtype=object)
    rng = np.random.default_rng(3)
    for idx in np.ndindex(*pay.shape):
        pay[idx] = int(rng.integers(-2, 3)) + int(rng.integers(-1, 2)) * X + int(rng.integers(-1, 2)) * Y
    g = SymbolicGame(pay, parameters=(x, y))
    sol = equilibrium_regions(g)
    assert not sol.complete and "only pure equilibria" in sol.notes[0]
    for xv in (Fraction(-3, 2), Fraction(1, 3), 1):
        for yv in (Fraction(-1, 2), Fraction(7, 5)):
            numeric = gt.pure_equilibria(g.subs({"x": xv, "y": yv}))
            expected = {tuple(tuple(Fraction(p) for p in v) for v in eq.profile) for eq in numeric}
            assert symbolic_set(sol.at({"x": xv, "y": yv}), {"x": xv, "y": yv}) == expected


# -- bundled games, report, figures ----------------------------------------------------------
def test_bundled_game_from_spec_and_report():
    text = symbolic_report(str(LEGACY / "resource_deal.toml"))
    assert "Thresholds in share" in text and "Thresholds in support_cost" in text
    assert "Comparative statics warnings" in text
    g = SymbolicGame.from_spec(gt.load_spec(LEGACY / "resource_deal.toml"))
    # the symbolic game at the defaults is the game the file builds
    assert g.subs() == gt.load_spec(LEGACY / "resource_deal.toml").build()


def test_figures_are_written(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    th = thresholds(hawk_dove(), "C")
    fig = plot_probabilities(th)
    out = tmp_path / "prob.png"
    fig.savefig(out)
    assert out.stat().st_size > 10_000
    V = Parameter("V", positive=True, high=4)
    C = Parameter("C", positive=True, high=4)
    v, c = V.symbol, C.symbol
    hd = SymbolicGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]], parameters=(V, C))
    fig = plot_region_map(hd, "V", "C", resolution=60)
    out = tmp_path / "map.png"
    fig.savefig(out)
    assert out.stat().st_size > 10_000
    assert len(fig.axes[0].get_legend().get_texts()) >= 2


# -- immutability, errors, safety ------------------------------------------------------------
def test_results_are_frozen_and_games_immutable():
    hd = hawk_dove()
    sol = equilibrium_regions(hd)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sol.regions = ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        sol[0].conditions = ()
    with pytest.raises(ValueError):
        hd.payoffs[0, 0, 0] = 1


def test_subs_is_exact_and_checks_ranges():
    hd = hawk_dove()
    g = hd.subs({"V": "1/3", "C": 1})
    assert g.exact and g.payoffs[0, 0, 1] == Fraction(1, 3)
    with pytest.raises(InvalidGameError):
        hd.subs({"C": -1})
    with pytest.raises(InvalidGameError):
        hd.subs({"C": 0.5})  # floats are not exact
    with pytest.raises(InvalidGameError):
        hd.subs({"C": sympy.sqrt(2)})  # irrational payoffs: use partial()
    assert hd.partial({"C": sympy.sqrt(2)}).parameter_names == ("V",)


_CALLS = re.compile(r"\b(sympify|parse_expr|S)\s*\(|(?<![\w.])eval\s*\(|\bexec\s*\(")


def test_no_sympify_or_eval_in_the_package_source():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("#")[0]
            if code.strip().startswith((">>>", "...")):
                continue
            if _CALLS.search(code) and "``" not in code:
                offenders.append(f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}")
    assert offenders == []


def test_text_payoffs_are_never_sympified(monkeypatch):
    import sympy.parsing.sympy_parser as parser

    def refuse(*args, **kwargs):
        raise AssertionError("parse_expr called")

    monkeypatch.setattr(parser, "parse_expr", refuse)
    with pytest.raises(InvalidGameError, match="is text"):
        SymbolicGame([[["__import__('os').system('true')"]], [[0]]])
    with pytest.raises(InvalidGameError, match="is text"):
        SymbolicGame([[["a + b"]], [[0]]])
    # the spec's own parser rejects anything but arithmetic in declared parameters
    text = '''
title = "bad"
players = ["A", "B"]
strategies = [["x"], ["y"]]
[parameters.k]
default = 1
range = [0, 2]
meaning = "k"
[payoffs]
A = [["__import__('os')"]]
B = [["k"]]
'''
    with pytest.raises(SpecError):
        gt.io.spec.loads_spec(text)
    # a full symbolic analysis of a bundled file runs without any text parsing
    assert "Thresholds" in symbolic_report(str(LEGACY / "resource_deal.toml"))


# -- sequential: backward induction with symbolic comparisons -----------------------------------
from gametheory.symbolic import SymbolicTree, chance, decision, sequential_thresholds, terminal  # noqa: E402


def tripwire(win=1, loss=1):
    f = Parameter("f", default=1, positive=True, meaning="Europe's cost of fighting")
    b = Parameter("b", default=2, positive=True, meaning="Europe's cost of backing down")
    return SymbolicTree(
        decision("Russia", {
            "Respect": terminal({"Russia": 0, "Europe": 0}),
            "Test": decision("Europe", {
                "Defend": terminal({"Russia": -loss, "Europe": -f.symbol}),
                "Back down": terminal({"Russia": win, "Europe": -b.symbol}),
            }),
        }),
        parameters=(f, b),
        title="Tripwire",
    )


@pytest.mark.parametrize("fight", [Fraction(1, 2), Fraction(1), Fraction(3)])
def test_tripwire_defence_is_credible_exactly_when_backing_down_costs_more_than_fighting(fight):
    th = sequential_thresholds(tripwire(), "b", others={"f": fight})
    assert th.values == (sympy.Rational(fight.numerator, fight.denominator),)
    below = [path for path, _ in th.outcomes_at(fight / 2)]
    above = [path for path, _ in th.outcomes_at(fight * 2)]
    at = [path for path, _ in th.outcomes_at(fight)]
    assert below == ["Russia: Test -> Europe: Back down"]
    assert above == ["Russia: Respect"]
    assert sorted(at) == ["Russia: Respect", "Russia: Test -> Europe: Back down"]  # the tie keeps both SPE
    # the same threshold in the other parameter: defence credible iff f < b
    th_f = sequential_thresholds(tripwire(), "f", others={"b": 2})
    assert th_f.values == (2,)
    assert [p for p, _ in th_f.outcomes_at(1)] == ["Russia: Respect"]
    # thresholds() dispatches sequential games to the same analysis
    assert thresholds(tripwire(), "b", others={"f": fight}).values == th.values
    assert "\\begin{cases}" in th.latex()


def test_sequential_thresholds_match_pointwise_backward_induction():
    # a chance move: the deterrent works with probability q; payoffs linear in q and c
    q = Parameter("q", low=0, high=1, default="1/2")
    c = Parameter("c", low=0, high=3, default=1)
    tree = SymbolicTree(
        decision("A", {
            "Safe": terminal({"A": 1, "B": 0}),
            "Risky": chance({
                "works": (q.symbol, decision("B", {"Yield": terminal({"A": 3, "B": -1}),
                                                    "Resist": terminal({"A": -c.symbol, "B": -2})})),
                "fails": (1 - q.symbol, terminal({"A": -1, "B": 1})),
            }),
        }),
        parameters=(q, c),
    )
    th = sequential_thresholds(tree, "q", others={"c": 1})
    # by hand: B yields (-1 > -2); A's risky value 3q - (1 - q) = 4q - 1 > 1  <=>  q > 1/2
    assert th.values == (sympy.Rational(1, 2),)
    assert th.outcomes_at(Fraction(1, 4))[0][0] == "A: Safe"
    assert th.outcomes_at(Fraction(3, 4))[0][0].startswith("A: Risky")
    assert len(th.outcomes_at(Fraction(1, 2))) == 2


def test_composer_games_are_reported_not_guessed():
    from gametheory.errors import NotSupportedError

    game = gt.load(LEGACY / "negotiations.toml")
    with pytest.raises(NotSupportedError):
        thresholds(game, "credibility")


def test_stage_nodes_agree_with_the_composer_pointwise():
    """A coordination stage (US, Europe) whose outcome leads to the tripwire; cross-checked with
    gametheory.sequential's numeric backward induction at rational points on both sides of each breakpoint."""
    from gametheory.sequential import Decision, SequentialGame, Stage, subgame_perfect_equilibria
    from gametheory.symbolic import stage as sym_stage
    from gametheory.symbolic.witness import rational_between

    b = Parameter("b", low=0, high=4, default=2, meaning="Europe's cost of backing down")
    k = Parameter("k", low=0, high=3, default=1, meaning="value of joint action")
    B, K = b.symbol, k.symbol
    first = SymbolicGame.from_bimatrix(
        [[K, 0], [0, 1]], [[K, 0], [0, 1]], parameters=(k,), players=("US", "Europe"),
        strategies=(("Back", "Aloof"), ("Deploy", "Stay out")),
    )

    def sym_tripwire(fight):
        return decision("Russia", {
            "Respect": terminal({"Russia": 0, "Europe": 1}),
            "Test": decision("Europe", {
                "Defend": terminal({"Russia": -1, "Europe": -fight}),
                "Back down": terminal({"Russia": 1, "Europe": -B}),
            }),
        })

    tree = SymbolicTree(
        sym_stage(first, {("Back", "Deploy"): sym_tripwire(sympy.Rational(1, 2)),
                          ("Aloof", "Deploy"): sym_tripwire(2)}),
        parameters=(b, k),
    )
    th = sequential_thresholds(tree, "b", others={"k": 2})
    assert th.values  # the defence becomes credible at b = 1/2 (backed) and b = 2 (alone)
    assert {sympy.Rational(1, 2), sympy.Integer(2)} <= set(th.values)

    def numeric(bv):
        def trip(fight):
            return Decision("Russia", {
                "Respect": {"Russia": 0, "Europe": 1},
                "Test": Decision("Europe", {"Defend": {"Russia": -1, "Europe": -fight},
                                            "Back down": {"Russia": 1, "Europe": -bv}}),
            })
        g = gt.Game.from_bimatrix([[2, 0], [0, 1]], [[2, 0], [0, 1]], players=("US", "Europe"),
                                  strategies=(("Back", "Aloof"), ("Deploy", "Stay out")))
        root = Stage(g, {("Back", "Deploy"): trip(Fraction(1, 2)), ("Aloof", "Deploy"): trip(2),
                         ("*", "Stay out"): {}})
        sol = subgame_perfect_equilibria(SequentialGame(root))
        order = [sol.game.players.index(p) for p in tree.players]
        return {tuple(Fraction(spe.payoffs[i]) for i in order) for spe in sol}

    edges = [sympy.Integer(0)] + list(th.values) + [sympy.Integer(4)]
    probes = set(th.values) | {rational_between(a, c) for a, c in zip(edges, edges[1:]) if a != c}
    for v in sorted(probes, key=float):
        at_break = v in th.values
        v = as_fraction(v)
        outs = th.outcomes_at(v)
        mine = {
            tuple(as_fraction(sympy.cancel(e.xreplace({B: v}))) for e in values)
            for path, values in outs if "[continuum]" not in path
        }
        theirs = numeric(v)
        # every isolated SPE of ours is one of the composer's ...
        assert mine <= theirs, v
        # ... and each of the composer's is ours or a point of one of our continua (its extreme points)
        continua = [values for path, values in outs if "[continuum]" in path]
        for vec in theirs - mine:
            found = False
            for values in continua:
                exprs = [sympy.cancel(e.xreplace({B: v})) - w for e, w in zip(values, vec)]
                free = sorted(set().union(*(e.free_symbols for e in exprs)), key=str)
                sols = sympy.solve(exprs, free, dict=True) if free else ([{}] if all(e == 0 for e in exprs) else [])
                if any(all(0 <= val <= 1 for val in sol.values() if val.is_number) for sol in sols):
                    found = True
            assert found, (v, vec)
        if not at_break:
            assert len(theirs) >= len(mine)


def test_composition_file_read_symbolically_matches_the_composer_at_the_defaults():
    import warnings

    from gametheory.sequential import subgame_perfect_equilibria
    from gametheory.symbolic import tree_from_composition

    tree = tree_from_composition(str(LEGACY / "negotiations.toml"))
    game = gt.load(LEGACY / "negotiations.toml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sol = subgame_perfect_equilibria(game)
    theirs = {tuple(Fraction(v) for v in spe.payoffs) for spe in sol}
    th = sequential_thresholds(tree, "backstop")
    default = tree.parameter("backstop").default
    x = tree.parameter("backstop").symbol
    order = [tree.players.index(p) for p in game.players]
    mine = {
        tuple(as_fraction(sympy.cancel(values[i].xreplace({x: sympy.Rational(default.numerator, default.denominator)}))) for i in order)
        for path, values in th.outcomes_at(default) if "[continuum]" not in path
    }
    assert mine == theirs
    # the exact breakpoint where a US backstop starts to matter for Russia's choice in the mission stage
    assert sympy.Rational(1, 4) in th.values
