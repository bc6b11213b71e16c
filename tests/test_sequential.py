"""The composer: model validation, classic trees, backward-induction laws, conversions, displays."""

from __future__ import annotations

import io
import json
from fractions import Fraction as F

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sequential_trees import PLAYERS, brute_force_spe_values, rebuild, sequential_games, trees

from gametheory import Game
from gametheory.errors import EquilibriumLimitError, InvalidGameError, NotSupportedError
from gametheory.solution import make_solution
from gametheory.sequential import (
    Chance,
    Decision,
    SequentialGame,
    Stage,
    Terminal,
    chance,
    compose,
    decide,
    outline,
    payoffs,
    reduced_normal_form,
    reduced_strategy_profile,
    report,
    subgame_perfect_equilibria,
    tree_figure,
)
from gametheory import read_efg, write_efg

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def chain_store() -> SequentialGame:
    # Selten (1978): entrant payoffs (Out 1, In/Cooperate 2, In/Fight 0); incumbent (5, 2, 0)
    return SequentialGame(
        Decision("Entrant", {
            "Out": {"Entrant": 1, "Incumbent": 5},
            "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
                                         "Fight": {"Entrant": 0, "Incumbent": 0}}),
        }),
        title="Chain store",
    )


# -- classic trees ---------------------------------------------------------------------
def test_chain_store_unique_spe_although_out_fight_is_nash():
    game = chain_store()
    sol = subgame_perfect_equilibria(game)
    assert sol.complete and sol.exact and len(sol) == 1
    assert sol[0].strategy() == {"/": {"Entrant": "In"}, "/In": {"Incumbent": "Cooperate"}}
    assert sol[0].payoffs == (2, 2)
    rnf = reduced_normal_form(game)
    assert rnf.is_equilibrium(("Out", "Fight"))  # Nash, but relies on an incredible threat
    assert not rnf.is_equilibrium(("In", "Fight"))


def test_chain_store_as_a_stage_game():
    # the same market as a simultaneous stage: both (In, Cooperate) and (Out, Fight) are Nash,
    # so with a stage the non-credible threat survives, unlike in the sequential version
    stage = Game.from_bimatrix([[1, 1], [2, 0]], [[5, 5], [2, 0]], players=("Entrant", "Incumbent"),
                               strategies=(("Out", "In"), ("Cooperate", "Fight")))
    sol = subgame_perfect_equilibria(SequentialGame(Stage(stage, {"*": {}})))
    pure = sorted(tuple(eq.strategy()["/"].values()) for eq in sol if all(isinstance(c, str) for c in eq.strategy()["/"].values()))
    assert ("In", "Cooperate") in pure and ("Out", "Fight") in pure


def test_two_stage_pd_with_continuation_changes_the_stage_game():
    # a prisoner's dilemma followed by a punishment decision: the continuation makes C a best reply
    pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("A", "B"),
                            strategies=(("C", "D"), ("C", "D")))
    punish = decide("Judge", {"Punish defectors": {"A": -10, "B": -10, "Judge": 1}, "Let go": {"Judge": 0}})
    spare = decide("Judge", {"Let go": {"Judge": 1}, "Punish": {"A": -10, "B": -10, "Judge": 0}})
    root = compose(pd, {("C", "C"): spare, "*": punish})
    sol = subgame_perfect_equilibria(SequentialGame(root))
    pure = [eq for eq in sol if eq.strategy()["/"] == {"A": "C", "B": "C"}]
    assert len(pure) == 1 and pure[0].payoffs == (3, 3, 1)
    assert sol[0].plays()[0].steps[0].outcome in {"C, C", "D, D", "C, D", "D, C"}


def test_discount_weights_later_rounds():
    g = SequentialGame(Decision("A", {"now": {"A": 1}, "wait": Decision("A", {"later": {"A": 3}})}), discount="1/4")
    sol = subgame_perfect_equilibria(g)
    # waiting yields 3 after two rounds: 3 * (1/4)^2 = 3/16 < 1/4 * 1? values: now = 1/4, wait = 3/16
    assert [eq.strategy()["/"]["A"] for eq in sol] == ["now"]
    assert sol[0].payoffs == (F(1, 4),)
    assert sol[0].plays()[0].payoffs == (F(1, 4),)


def test_stage_payoffs_accumulate_along_the_play():
    g1 = Game([[[2]], [[1]]], players=("A", "B"))
    root = Stage(g1, {"*": Stage(g1, {"*": {"A": 10}})})
    sol = subgame_perfect_equilibria(SequentialGame(root, discount="1/2"))
    # 2 + 1/2 * (2 + 1/2 * 10) for A, 1 + 1/2 * 1 for B
    assert sol[0].payoffs == (F(2) + F(1, 2) * (2 + F(1, 2) * 10), F(3, 2))
    assert sol[0].plays()[0].payoffs == sol[0].payoffs


def test_chance_paths_carry_probabilities_and_narrative():
    g = SequentialGame(
        chance({"hard": ("1/3", decide("Europe", {"Defend": {"Europe": -1}, "Withdraw": {"Europe": -2}},
                                        narration={"Defend": "Europe defends"})),
                "soft": ("2/3", {"Europe": 1})}, label="Russia's type"),
    )
    eq = subgame_perfect_equilibria(g)[0]
    plays = eq.plays()
    assert [p.probability for p in plays] == [F(1, 3), F(2, 3)]
    assert eq.payoffs == (F(-1, 3) + F(2, 3),)
    text = eq.narrative()
    assert "with probability 1/3: Russia's type: hard → Europe defends." in text
    d = eq.to_dict()
    assert [s["reach"] for s in d["path"]] == ["1/3", "1/3", "2/3"]


def test_mixed_stage_equilibrium_makes_paths_stochastic():
    # matching pennies: the only equilibrium mixes 1/2-1/2, every outcome has probability 1/4
    mp = Game.zero_sum([[1, -1], [-1, 1]], players=("A", "B"), strategies=(("H", "T"), ("H", "T")))

    def stage_solver(game):
        half = (F(1, 2), F(1, 2))
        return make_solution(game, "test", [(half, half)], complete=True, started=0.0)

    sol = subgame_perfect_equilibria(SequentialGame(Stage(mp, {"*": {}})), stage_solver=stage_solver)
    assert sol.complete and len(sol) == 1
    assert [p.probability for p in sol[0].plays()] == [F(1, 4)] * 4
    assert sol[0].payoffs == (0, 0)


def test_incomplete_stage_solve_propagates():
    g = Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=("A", "B"))

    def partial(game):
        return make_solution(game, "partial", [((1, 0), (1, 0))], complete=False, started=0.0)

    sol = subgame_perfect_equilibria(SequentialGame(Decision("A", {"go": Stage(g, {"*": {}}), "stop": {}})),
                                     stage_solver=partial)
    assert not sol.complete
    assert any("did not promise all equilibria" in n for n in sol.notes)


def test_coordination_stage_gives_one_spe_per_stage_equilibrium_and_selection():
    stag = Game.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]], players=("US", "EU"),
                              strategies=(("Stag", "Hare"), ("Stag", "Hare")))
    game = SequentialGame(compose(stag, {"*": {}}))
    every = subgame_perfect_equilibria(game)
    found = [tuple(eq.strategy()["/"].values()) for eq in every]
    # two pure equilibria and the mixed one (each player hunts stag with probability 3/4)
    assert len(found) == 3 and ("Stag", "Stag") in found and ("Hare", "Hare") in found
    mixed = [eq for eq in every if eq.strategy()["/"]["US"] not in ("Stag", "Hare")][0]
    assert mixed.strategy()["/"] == {"US": {"Stag": F(3, 4), "Hare": F(1, 4)}, "EU": {"Stag": F(3, 4), "Hare": F(1, 4)}}
    assert len(mixed.plays()) == 4 and every.complete
    pd = subgame_perfect_equilibria(game, selection="payoff_dominant")
    assert [tuple(eq.strategy()["/"].values()) for eq in pd] == [("Stag", "Stag")]
    rd = subgame_perfect_equilibria(game, selection="risk_dominant")
    assert [tuple(eq.strategy()["/"].values()) for eq in rd] == [("Hare", "Hare")]


def test_cap_raises_clear_error():
    tie = Decision("A", {f"a{k}": {"A": 0, "B": k} for k in range(5)})
    game = SequentialGame(Chance({"x": ("1/2", tie), "y": ("1/2", rebuild(tie, -1, None))}))
    assert len(subgame_perfect_equilibria(game)) == 25
    with pytest.raises(EquilibriumLimitError, match="max_equilibria=10"):
        subgame_perfect_equilibria(game, max_equilibria=10)


# -- validation ------------------------------------------------------------------------
def test_validation_errors_are_clear():
    g = Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=("A", "B"), strategies=(("x", "y"), ("l", "r")))
    with pytest.raises(InvalidGameError, match="not mapped: \\(y, l\\), \\(y, r\\)"):
        Stage(g, {("x", "*"): {}})
    with pytest.raises(InvalidGameError, match="has no strategy 'z'"):
        Stage(g, {("z", "*"): {}, "*": {}})
    with pytest.raises(InvalidGameError, match="matches keys"):
        Stage(g, {("x", "*"): {"A": 1}, ("*", "l"): {"A": 2}, "*": {}})
    with pytest.raises(InvalidGameError, match="sum to 3/4"):
        Chance({"a": ("1/2", {}), "b": ("1/4", {})})
    with pytest.raises(InvalidGameError, match="negative"):
        Chance({"a": ("-1/2", {}), "b": ("3/2", {})})
    with pytest.raises(InvalidGameError, match="unknown player 'Z'"):
        SequentialGame(Decision("Z", {"a": {}}), players=("A",))
    with pytest.raises(InvalidGameError, match="unknown player 'Q' in stage"):
        SequentialGame(Stage(g, {"*": {}}, players={"A": "Q"}), players=("A", "B"))
    with pytest.raises(InvalidGameError, match="discount"):
        SequentialGame(Decision("A", {"a": {}}), discount=0)
    with pytest.raises(InvalidGameError, match="not finite|NaN|nan"):
        Terminal({"A": float("nan")})
    with pytest.raises(InvalidGameError, match="players mapping names"):
        Stage(g, {"*": {}}, players={"Nobody": "A"})
    # grouped outcome keys: a tuple of labels means "any of these"
    s = Stage(g, {(("x", "y"), "l"): {"A": 1}, "*": {}})
    assert s.child_index == (0, 1, 0, 1)


def test_nodes_are_frozen():
    t = Terminal({"A": 1})
    with pytest.raises(Exception):
        t.label = "x"  # type: ignore[misc]


def test_shared_node_is_a_separate_position_per_place():
    end = Decision("B", {"l": {"B": 1}, "r": {"B": 1}})  # a tie, reached from two places
    game = SequentialGame(Decision("A", {"x": end, "y": end}))
    assert game.num_positions == 1 + 2 * 3
    # as one situation ("same"): B's 2 choices, each with A indifferent: 2 * 2 SPEs
    same = subgame_perfect_equilibria(game)
    assert len(same) == 4 and any("grouped='independent'" in n for n in same.notes)
    for eq in same:
        assert eq.choices[2] == eq.choices[5]  # B plays alike after x and after y
    # as two independent subgames: 2 * 2 * 2 SPEs
    assert len(subgame_perfect_equilibria(game, grouped="independent")) == 8


# -- laws ----------------------------------------------------------------------------------
def _rnf_ok(game: SequentialGame) -> bool:
    return game.num_positions <= 40


@SETTINGS
@given(sequential_games(depth=3, discount=True))
def test_every_spe_is_a_nash_equilibrium_of_the_reduced_normal_form(game):
    if not _rnf_ok(game):
        return
    sol = subgame_perfect_equilibria(game)
    rnf = reduced_normal_form(game)
    for eq in sol:
        prof = reduced_strategy_profile(game, eq)
        assert max(rnf.regret(prof)) == 0
        assert rnf.payoff(prof) == eq.payoffs


def _rest_choices(game, eq, sub_ids):
    return tuple(sorted((game.node_id(k), repr(c)) for k, c in enumerate(eq.choices)
                        if game.node_id(k) not in sub_ids))


@SETTINGS
@given(sequential_games(depth=3), st.data())
def test_replacing_a_solved_subtree_by_its_value_keeps_the_rest(game, data):
    pos = game.positions
    k = data.draw(st.integers(0, len(pos) - 1))
    node = pos[k].node
    sub_game = SequentialGame(node, players=game.players, discount=game.discount)
    sub_sol = subgame_perfect_equilibria(sub_game)
    full = subgame_perfect_equilibria(game)
    prefix = game.node_id(k)
    sub_ids = {nid for nid in (game.node_id(j) for j in range(len(pos)))
               if nid == prefix or nid.startswith(prefix.rstrip("/") + "/")}
    for value in {eq.payoffs for eq in sub_sol}:
        replaced = SequentialGame(rebuild(game.root, id(node), Terminal(dict(zip(game.players, value)))),
                                  players=game.players, discount=game.discount)
        expect = {_rest_choices(replaced, eq, {prefix}) for eq in subgame_perfect_equilibria(replaced)}
        # the SPEs of the full game whose subtree part has this value, restricted to the rest
        got = set()
        for eq in full:
            sub_value = _subtree_value(game, eq, k)
            if sub_value == value:
                got.add(_rest_choices(game, eq, sub_ids))
        assert got == expect


def _subtree_value(game, eq, k):
    # the value of the subtree at position k under eq: solve the subgame restricted to eq's choices
    sub = [j for j in range(len(game.positions)) if _is_below(game, j, k)]
    value = None
    # expected payoffs of the subgame from k following eq
    from gametheory.extensive.result import SubgamePerfectEquilibrium

    sub_game = SequentialGame(game.positions[k].node, players=game.players, discount=game.discount)
    choices = tuple(eq.choices[j] for j in sub)
    value = SubgamePerfectEquilibrium(sub_game, choices, ()).plays()
    return tuple(sum(p.probability * p.payoffs[i] for p in value) for i in range(len(game.players)))


def _is_below(game, j, k):
    while j >= 0:
        if j == k:
            return True
        j = game.positions[j].parent
    return False


@SETTINGS
@given(sequential_games(depth=4, perfect_information=True))
def test_perfect_information_spe_payoffs_match_brute_force(game):
    sol = subgame_perfect_equilibria(game)
    assert sol.complete
    assert {eq.payoffs for eq in sol} == brute_force_spe_values(game.root, game.players)


@SETTINGS
@given(sequential_games(depth=3, perfect_information=True, discount=True))
def test_discounted_perfect_information_matches_brute_force(game):
    sol = subgame_perfect_equilibria(game)
    assert {eq.payoffs for eq in sol} == brute_force_spe_values(game.root, game.players, game.discount)


@SETTINGS
@given(st.integers(2, 4), st.integers(0, 2), trees(depth=3, perfect_information=True, allow_chance=False, lo=0, hi=1000))
def test_a_tie_gives_one_spe_per_tied_action(k, worse, generic):
    # generic: a perfect-information tree whose terminal payoffs are (almost surely) distinct
    values = [t for t in _terminal_payoffs(generic)]
    if len(set(values)) != len(values):
        return
    tie = Decision("A", {**{f"tie{j}": {"A": 5, "B": j} for j in range(k)},
                         **{f"worse{j}": {"A": 4, "B": 9} for j in range(worse)}})
    game = SequentialGame(Chance({"left": ("1/2", tie), "right": ("1/2", generic)}), players=PLAYERS)
    sol = subgame_perfect_equilibria(game)
    assert len(sol) == k
    assert sorted(eq.strategy()["/left"]["A"] for eq in sol) == [f"tie{j}" for j in range(k)]


def _terminal_payoffs(node):
    stack, out = [node], []
    while stack:
        n = stack.pop()
        if isinstance(n, Terminal):
            out.extend(v for _, v in n.payoffs)
        stack.extend(n.children)
    return out


# -- Gambit files ----------------------------------------------------------------------------------
@SETTINGS
@given(sequential_games(depth=3, perfect_information=True))
def test_extensive_form_round_trip_keeps_spe_payoffs(game):
    back = read_efg(io.StringIO(write_efg(game)))
    assert {eq.payoffs for eq in subgame_perfect_equilibria(back)} == {eq.payoffs for eq in subgame_perfect_equilibria(game)}


def test_a_stage_read_back_is_moves_in_information_sets_with_the_same_normal_form():
    pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("A", "B"))
    game = SequentialGame(Stage(pd, {"*": {}}))
    back = read_efg(io.StringIO(write_efg(game)))
    assert not back.subgame_at_every_position and isinstance(back.root, Decision)
    assert reduced_normal_form(back) == reduced_normal_form(game)


def gambit_profile(gbt, efg, game, behaviour):
    """A pygambit behaviour profile with our behaviour (one vector per information set) at every node."""
    flat = game.flat
    prof = efg.mixed_behavior_profile(rational=True)
    stack = [(0, efg.root)]
    while stack:
        x, node = stack.pop()
        if flat.kind[x] == 2:
            for a, p in zip(list(node.infoset.actions), behaviour[flat.infoset_of[x]]):
                prof[a] = gbt.Rational(p.numerator, p.denominator)
        stack.extend(zip(flat.children[x], list(node.children)))
    return prof


@settings(max_examples=15, deadline=None)
@given(sequential_games(depth=3))
def test_pygambit_loads_the_efg_and_confirms_every_spe_is_an_equilibrium(game):
    gbt = pytest.importorskip("pygambit")
    sol = subgame_perfect_equilibria(game)
    efg = gbt.read_efg(io.StringIO(write_efg(game)))
    gplayers = {p.label: p for p in efg.players}
    for eq in sol:
        prof = gambit_profile(gbt, efg, game, eq.profile)
        assert prof.max_regret() == 0
        for name, v in zip(game.players, eq.payoffs):
            if name in gplayers:
                assert F(str(prof.payoff(gplayers[name]))) == v


# -- displays and JSON ------------------------------------------------------------------------
def test_displays_and_json_contract(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    game = chain_store()
    sol = subgame_perfect_equilibria(game)
    text = outline(game, sol[0])
    assert "In [*] → Incumbent decides" in text and "Cooperate [*]" in text
    assert "Entrant chooses In → Incumbent chooses Cooperate" in str(sol)
    html = sol._repr_html_()
    assert "<table" in html and "Incumbent chooses Cooperate" in html
    assert "<pre>" in game._repr_html_()
    fig = tree_figure(game, sol[0])
    fig.savefig(tmp_path / "tree.png")
    assert (tmp_path / "tree.png").stat().st_size > 1000
    d = json.loads(json.dumps(sol.to_dict()))
    eq = d["equilibria"][0]
    assert eq["payoffs"] == {"Entrant": "2", "Incumbent": "2"}
    assert eq["strategy"] == {"/": {"Entrant": "In"}, "/In": {"Incumbent": "Cooperate"}}
    assert [s["outcome"] for s in eq["path"]] == ["In", "Cooperate"]
    assert all(s["probability"] == "1" for s in eq["path"])
    assert eq["profile"]["Incumbent"] == {"/In": {"Cooperate": "1"}}
    assert d["complete"] is True and d["kind"] == "sequential"
    assert "SPE 1: expected payoffs Entrant 2, Incumbent 2" in report(sol)


def test_payoffs_helper_and_unknown_terminal_player():
    with pytest.raises(InvalidGameError, match="unknown player 'Mars'"):
        SequentialGame(decide("A", {"x": payoffs(A=1, Mars=2)}), players=("A",))


@SETTINGS
@given(trees(depth=2), st.integers(2, 3))
def test_grouped_same_lists_a_subset_of_the_independent_spes(sub, copies):
    # one continuation object reached by several actions: "same" plays it alike everywhere
    n_sub = len(subgame_perfect_equilibria(SequentialGame(sub, players=PLAYERS)))
    assume(n_sub ** copies <= 200)  # the independent copies multiply the count
    game = SequentialGame(Decision("A", {f"a{k}": sub for k in range(copies)}), players=PLAYERS)
    same = subgame_perfect_equilibria(game)
    indep = subgame_perfect_equilibria(game, grouped="independent")
    assert {eq.choices for eq in same} <= {eq.choices for eq in indep}
    assert {eq.payoffs for eq in same} <= {eq.payoffs for eq in indep}
    for eq in indep:
        assert eq.regret == 0


def test_float_games_use_a_tolerance_for_ties():
    game = SequentialGame(Decision("A", {"x": {"A": 0.1 + 0.2, "B": 1.0}, "y": {"A": 0.3, "B": 2.0}}))
    assert not game.exact
    sol = subgame_perfect_equilibria(game)
    assert not sol.exact and len(sol) == 2  # 0.1 + 0.2 and 0.3 tie within the tolerance
    assert all(isinstance(v, float) for eq in sol for v in eq.payoffs)


def test_bad_options_are_rejected():
    game = chain_store()
    with pytest.raises(InvalidGameError, match="selection"):
        subgame_perfect_equilibria(game, selection="nicest")
    with pytest.raises(InvalidGameError, match="grouped"):
        subgame_perfect_equilibria(game, grouped="sometimes")
    with pytest.raises(InvalidGameError, match="max_equilibria"):
        subgame_perfect_equilibria(game, max_equilibria=0)


def test_figure_of_a_mixed_stage_equilibrium(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    stag = Game.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]], players=("US", "EU"),
                              strategies=(("Stag", "Hare"), ("Stag", "Hare")))
    game = SequentialGame(chance({"talks": ("1/2", compose(stag, {"*": {}})), "no talks": ("1/2", {"US": 1})}))
    sol = subgame_perfect_equilibria(game)
    mixed = [eq for eq in sol if len(eq.plays()) > 2][0]
    assert sum(p.probability for p in mixed.plays()) == 1
    text = outline(game, mixed)
    assert "[3/4]" in text or "[9/16]" in text
    fig = tree_figure(game, mixed)
    fig.savefig(tmp_path / "mixed.png")
    assert (tmp_path / "mixed.png").stat().st_size > 1000


def test_float_stage_equilibria_in_an_exact_game_are_reported_as_inexact():
    # e.g. an irrational equilibrium of a three-player stage, returned as a certified float rounding
    mp = Game.zero_sum([[1, -1], [-1, 1]], players=("A", "B"), strategies=(("H", "T"), ("H", "T")))

    def float_solver(game):
        half = (0.5, 0.5)
        sol = make_solution(game.to_float(), "float", [(half, half)], complete=True, started=0.0)
        from dataclasses import replace

        return replace(sol, game=game, exact=True)  # as a solver of exact games with a float rounding

    game = SequentialGame(Decision("A", {"play": Stage(mp, {"*": {}}), "quit": {"A": F(-1, 3)}}))
    sol = subgame_perfect_equilibria(game, stage_solver=float_solver)
    assert not sol.exact and any("irrational" in n for n in sol.notes)
    assert [eq.strategy()["/"]["A"] for eq in sol] == ["play"]
    assert sol[0].payoffs == (0.0, 0.0) and sol[0].regret <= 1e-9


def test_centipede_unique_spe_takes_at_once():
    # Rosenthal (1981): payoffs grow if both pass, but backward induction unravels to "take" at once
    node = Terminal({"A": 8, "B": 5})
    pays = [(1, 0), (0, 2), (3, 1), (2, 4), (5, 3), (4, 6)]
    for k in range(len(pays) - 1, -1, -1):
        mover = "A" if k % 2 == 0 else "B"
        a, b = pays[k]
        node = Decision(mover, {"Take": {"A": a, "B": b}, "Pass": node})
    sol = subgame_perfect_equilibria(SequentialGame(node, players=("A", "B")))
    assert len(sol) == 1 and sol[0].payoffs == (1, 0)
    assert all(c == 0 for k, c in enumerate(sol[0].choices) if c is not None)  # "Take" everywhere


def test_payoff_dominance_keeps_every_undominated_equilibrium_of_chicken():
    chicken = Game.from_bimatrix([[0, -1], [1, -5]], [[0, 1], [-1, -5]], players=("US", "Russia"),
                                 strategies=(("Swerve", "Straight"),) * 2)
    sol = subgame_perfect_equilibria(SequentialGame(compose(chicken, {"*": {}})), selection="payoff_dominant")
    choices = [tuple(eq.strategy()["/"].values()) for eq in sol]
    pure = {c for c in choices if all(isinstance(x, str) for x in c)}
    # (Swerve, Straight) and (Straight, Swerve) do not dominate each other; the mixed equilibrium
    # (each swerves with probability 4/5, payoffs -1/5 each) is dominated by neither for both players
    assert pure == {("Swerve", "Straight"), ("Straight", "Swerve")} and len(choices) == 3
    assert any("no single payoff-dominant" in n for n in sol.notes)
