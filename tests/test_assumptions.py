"""gametheory.assumptions: statements, checks, completion counts and robustness.

Counts and shares are compared with brute force over all permutations / all 576
strict ordinal 2×2 games (independent code paths), never with numbers copied from output.
"""

import itertools
import math
from fractions import Fraction
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import Game, NotSupportedError, pure_equilibria
from gametheory.assumptions import (
    AssumptionError,
    RobustnessResult,
    check,
    completions,
    completions_count,
    from_register,
    payoff_bound,
    preference_pairs,
    prefers,
    robustness,
)
from gametheory.errors import GameTheoryError
from gametheory.strategies import games_satisfying
from gametheory.taxonomy import strict_ordinal_2x2_games

T = Game.zero_sum(
    [[0, 0], [0, 0]],
    players=("US", "Russia"),
    strategies=(("Concede", "Hold"), ("Ceasefire", "Fight")),
)


def test_check_reports_each_violation_with_values():
    g = T.with_payoffs([[[1, 2], [3, 4]], [[4, 3], [2, 1]]])
    A = [
        prefers("US", ("Hold", "Fight"), over=("Concede", "Ceasefire"), id="U1"),  # 4 > 1 ok
        prefers("US", ("Concede", "Ceasefire"), over=("Hold", "Fight"), id="U2"),  # violated
        prefers("Russia", ("Hold", "Fight"), over=("Hold", "Ceasefire"), strict=False, id="R1"),  # 1 >= 2 violated
        prefers("Russia", ("Concede", "Ceasefire"), over=("Concede", "Fight"), by=2, id="R2"),  # 4-3=1 < 2 violated
        payoff_bound("US", ("Hold", "Fight"), low=0, high=4, id="B1"),  # ok
        payoff_bound("US", ("Hold", "Ceasefire"), high="5/2", id="B2"),  # 3 > 5/2 violated
    ]
    rep = check(g, A)
    assert not rep.ok and not rep
    assert [v.assumption.id for v in rep.violations] == ["U2", "R1", "R2", "B2"]
    assert rep.violations[0].values == (1, 4)
    text = str(rep)
    assert text.startswith("4 of 6 assumptions violated") and "R2: Russia prefers" in text and "by at least 2" in text


def test_weak_and_strict_on_ties_and_float_tolerance():
    g = T.with_payoffs([[[1, 1], [0, 0]], [[0, 0], [0, 0]]])
    a = ("Concede", "Ceasefire"), ("Concede", "Fight")
    assert not check(g, [prefers("US", a[0], over=a[1])]).ok
    assert check(g, [prefers("US", a[0], over=a[1], strict=False)]).ok
    f = T.with_payoffs([[[1.0, 1.0 - 1e-12], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]]])
    assert not check(f, [prefers("US", a[0], over=a[1])]).ok  # within tol: a tie, not strict
    assert check(f, [prefers("US", a[1], over=a[0], strict=False)]).ok


def test_errors_are_gametheory_errors():
    with pytest.raises(AssumptionError, match="unknown player 'EU'"):
        check(T, [prefers("EU", ("Hold", "Fight"), over=("Hold", "Ceasefire"))])
    with pytest.raises(AssumptionError, match="unknown strategy 'Truce'"):
        check(T, [prefers("US", ("Hold", "Truce"), over=("Hold", "Ceasefire"))])
    with pytest.raises(AssumptionError, match="itself"):
        prefers("US", ("a", "b"), over=("a", "b"))
    with pytest.raises(AssumptionError, match="sequence of strategy labels"):
        prefers("US", "ab", over=("a", "b"))
    with pytest.raises(AssumptionError, match="empty bound"):
        payoff_bound("US", ("a", "b"), low=2, high=1)
    with pytest.raises(AssumptionError, match="cyclic"):
        completions_count(T, [
            prefers("US", ("Hold", "Fight"), over=("Hold", "Ceasefire")),
            prefers("US", ("Hold", "Ceasefire"), over=("Concede", "Fight")),
            prefers("US", ("Concede", "Fight"), over=("Hold", "Fight")),
        ])
    assert issubclass(AssumptionError, GameTheoryError)


def test_from_register_objects_and_mappings():
    spec = SimpleNamespace(assumptions=[
        SimpleNamespace(id="R1", player="Russia", statement="s", basis="brief", quote="q",
                        prefers=["Hold", "Ceasefire"], over=["Hold", "Fight"]),
        SimpleNamespace(id="M1", player="US", statement="text only", basis="modelling choice", quote=None,
                        prefers=None, over=None),
        {"id": "U1", "player": "US", "prefers": ["Hold", "Fight"], "over": ["Concede", "Fight"], "strict": False},
    ])
    A = from_register(spec)
    assert [a.id for a in A] == ["R1", "U1"] and A[0].quote == "q" and not A[1].strict
    assert check(T.with_payoffs([[[0, 1], [0, 1]], [[0, 0], [1, 0]]]), spec).ok


def brute_force_count(k, pairs):
    return sum(all(p[b] > p[w] for b, w in pairs) for p in itertools.permutations(range(k)))


@settings(max_examples=60, deadline=None, database=None)
@given(st.integers(1, 6).flatmap(lambda k: st.tuples(
    st.just(k), st.lists(st.tuples(st.integers(0, k - 1), st.integers(0, k - 1)), max_size=6))))
def test_completion_counts_equal_brute_force(data):
    k, raw = data
    g = Game(np.zeros((1, k), dtype=int), players=("P",), strategies=([f"s{i}" for i in range(k)],))
    # keep an acyclic subset: only pairs with b > w (indices), which can never form a cycle
    pairs = [(b, w) for b, w in raw if b > w]
    A = [prefers("P", (f"s{b}",), over=(f"s{w}",)) for b, w in pairs]
    (count,) = completions_count(g, A)
    assert count == brute_force_count(k, set(pairs))
    games = list(completions(g, A))
    assert len(games) == count == len({tuple(h.payoffs.flat) for h in games})
    assert all(check(h, A).ok for h in games)


def test_no_assumptions_count_is_factorial():
    assert completions_count(Game(np.zeros((2, 2, 3), dtype=int))) == (720, 720)


A_2x2 = [
    prefers("Russia", ("Concede", "Ceasefire"), over=("Concede", "Fight")),
    prefers("US", ("Hold", "Ceasefire"), over=("Concede", "Fight")),
    prefers("US", ("Hold", "Fight"), over=("Concede", "Fight")),
]


def relabel(g):
    return T.with_payoffs(g.payoffs)


def test_robustness_share_matches_brute_force_over_all_576_games():
    def claim(sol):
        "some pure equilibrium has the US holding"
        return any(eq.strategy("US") == {"Hold": 1} for eq in sol)

    r = robustness(T, claim, A_2x2, solver=pure_equilibria)
    consistent = [relabel(g) for g in strict_ordinal_2x2_games() if check(relabel(g), A_2x2).ok]
    holds = sum(claim(pure_equilibria(g)) for g in consistent)
    assert r.exhaustive and r.total == r.checked == len(consistent)
    assert r.holds == holds and r.share == Fraction(holds, len(consistent))
    assert 0 < r.holds < r.checked  # the claim is not robust: counterexamples exist
    assert r.counterexamples and all(check(g, A_2x2).ok and not claim(pure_equilibria(g)) for g in r.counterexamples)
    assert dict(r.completions_per_player) == {"US": 8, "Russia": 12}
    text = str(r)
    assert "some pure equilibrium has the US holding" in text and "exhaustive enumeration" in text
    assert "counterexample 1:" in text


def test_robust_claim_is_reported_robust():
    # Russia strictly prefers Ceasefire against both US moves: Ceasefire is dominant in every completion
    A = A_2x2 + [prefers("Russia", ("Hold", "Ceasefire"), over=("Hold", "Fight"))]
    r = robustness(T, lambda sol: all(eq.strategy("Russia") == {"Ceasefire": 1} for eq in sol) and len(sol) == 1,
                   A, solver=pure_equilibria, description="Russia agrees to a ceasefire")
    assert r.robust and r.exhaustive and r.counterexamples == () and r.claim == "Russia agrees to a ceasefire"


def test_sampled_when_too_many_and_says_so():
    g = Game(np.zeros((2, 3, 3), dtype=int), players=("A", "B"))
    A = [prefers("A", ("1", "1"), over=("2", "2"))]
    r = robustness(g, lambda sol: len(sol) >= 1, A, solver=pure_equilibria, max_completions=1000, samples=60)
    assert not r.exhaustive and r.total == math.factorial(9) // 2 * math.factorial(9)
    assert "hypothesis" in r.method and "not uniform" in r.method and "not a proof" in r.method
    assert r.checked <= 60 and r.counterexamples  # 3x3 games without pure equilibria exist
    assert all(check(c, A).ok and len(pure_equilibria(c)) == 0 for c in r.counterexamples)
    assert "not every one was evaluated" in str(r)


def test_robustness_refuses_cardinal_assumptions():
    with pytest.raises(NotSupportedError, match="cardinal"):
        robustness(T, bool, [payoff_bound("US", ("Hold", "Fight"), low=0)])
    with pytest.raises(NotSupportedError, match="cardinal"):
        robustness(T, bool, [prefers("US", ("Hold", "Fight"), over=("Concede", "Fight"), by=1)])


def test_result_is_frozen():
    r = robustness(T, lambda s: True, A_2x2, solver=pure_equilibria)
    assert isinstance(r, RobustnessResult)
    with pytest.raises(AttributeError):
        r.holds = 0  # type: ignore[misc]


@settings(max_examples=30, deadline=None, database=None)
@given(games_satisfying(T, A_2x2))
def test_preference_pairs_respected_by_generated_games(g):
    pairs = preference_pairs(T, A_2x2)
    for i, ps in enumerate(pairs):
        flat = list(g.payoffs[i].flat)
        assert all(flat[b] > flat[w] for b, w in ps)


@settings(max_examples=25, deadline=None, database=None)
@given(
    # small enough to solve every completion (at most 24 * 24 or 6 ** 3)
    st.sampled_from([(2, 2), (1, 4), (3, 1), (1, 1, 3), (2, 1, 1)]).flatmap(
        lambda shape: st.tuples(
            st.just(shape),
            st.lists(st.tuples(st.integers(0, len(shape) - 1), st.integers(0, 11), st.integers(0, 11)), max_size=5),
            st.sampled_from(["unique", "has_first", "none"]),
        )
    )
)
def test_best_response_grouping_equals_full_enumeration(data):
    shape, raw, which = data
    n = len(shape)
    g = Game(np.zeros((n, *shape), dtype=int))
    k = int(np.prod(shape))
    labels = [tuple(g.strategies[i][int(s)] for i, s in enumerate(np.unravel_index(j, shape))) for j in range(k)]
    A = [prefers(i, labels[b % k], over=labels[w % k]) for i, b, w in raw if b % k > w % k]
    claims = {
        "unique": lambda sol: len(sol) == 1,
        "has_first": lambda sol: any(all(eq.profile[i][0] == 1 for i in range(n)) for eq in sol),
        "none": lambda sol: len(sol) == 0,
    }
    claim = claims[which]
    full = robustness(g, claim, A, solver=pure_equilibria, max_completions=10**9)
    grouped = robustness(g, claim, A, depends_on="best_responses")
    assert (full.holds, full.checked) == (grouped.holds, grouped.checked)


def test_best_responses_declaration_is_spot_checked():
    def payoff_claim(sol):
        "the US gets more than 2 in some equilibrium (depends on cardinal values, not only best responses)"
        return any(eq.payoffs[0] > 2 for eq in sol)

    with pytest.raises(AssumptionError, match="not determined by best responses"):
        robustness(T, payoff_claim, A_2x2, depends_on="best_responses")
    with pytest.raises(AssumptionError, match="depends_on"):
        robustness(T, payoff_claim, A_2x2, depends_on="payoffs")


# -- sequential games: claims on the subgame-perfect equilibria ------------------------------------

from gametheory.sequential import Decision, SequentialGame, Stage, subgame_perfect_equilibria  # noqa: E402

TREE = SequentialGame(Decision("US", {
    "Concede": Decision("Russia", {"Ceasefire": {"US": 1, "Russia": 3}, "Fight": {"US": 0, "Russia": 2}}),
    "Keep leverage": Decision("Russia", {"Ceasefire": {"US": 2, "Russia": 1}, "Fight": {"US": -1, "Russia": 2}}),
}))
TREE_A = [
    prefers("Russia", ("Concede", "Ceasefire"), over=("Concede", "Fight")),
    prefers("US", ("Keep leverage", "Ceasefire"), over=("Concede", "Ceasefire")),
]


def spe_path_has_ceasefire(sol):
    "the SPE path contains Ceasefire"
    return all(any(step.outcome == "Ceasefire" for step in eq.path()) for eq in sol)


def test_spe_robustness_matches_hand_backward_induction():
    r = robustness(TREE, spe_path_has_ceasefire, TREE_A)
    assert r.exhaustive and r.total == 12 * 12
    # brute force: terminals in order (C,Cf), (C,F), (K,Cf), (K,F); backward induction by hand
    holds = total = 0
    for us in itertools.permutations(range(4)):
        if not us[2] > us[0]:
            continue
        for ru in itertools.permutations(range(4)):
            if not ru[0] > ru[1]:
                continue
            total += 1
            after_concede = 0 if ru[0] > ru[1] else 1
            after_keep = 2 if ru[2] > ru[3] else 3
            end = after_keep if us[after_keep] > us[after_concede] else after_concede
            holds += end in (0, 2)
    assert (r.holds, r.checked) == (holds, total)
    assert 0 < r.holds < r.checked
    for g in r.counterexamples:
        assert not spe_path_has_ceasefire(subgame_perfect_equilibria(g))


def test_spe_with_a_stage_and_unknown_history():
    g = Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=("US", "Russia"),
                           strategies=(("Concede", "Keep"), ("Ceasefire", "Fight")))
    tree = SequentialGame(Stage(g, {("Concede", "*"): Decision("Russia", {"a": {"US": 1}, "b": {"US": 2}}),
                                    ("Keep", "*"): {"US": 3}}))
    assert completions_count(tree) == (720, 720)
    with pytest.raises(AssumptionError, match="not the history of a terminal"):
        completions_count(tree, [prefers("US", ("Keep",), over=("Keep, Fight",))])
    A = [prefers("US", ("Keep, Fight",), over=("Concede, Fight", "a"))]
    r = robustness(tree, lambda sol: len(sol) >= 1, A, max_completions=100, samples=20, description="an SPE exists")
    assert not r.exhaustive and r.robust and "hypothesis" in r.method


@settings(max_examples=15, deadline=None, database=None)
@given(games_satisfying(TREE, TREE_A))
def test_games_satisfying_draws_trees(tree):
    pay = {tuple(tree.history(p.index)): dict(p.node.payoffs) for p in tree.positions if not p.children}
    assert pay[("Keep leverage", "Ceasefire")]["US"] > pay[("Concede", "Ceasefire")]["US"]
    assert pay[("Concede", "Ceasefire")]["Russia"] > pay[("Concede", "Fight")]["Russia"]


# -- trees with structurally identical outcomes ------------------------------------------------------
def test_tree_completions_never_break_a_tie_the_tree_declares():
    """Two plays that end in the same outcome (equal ``outcome`` attributes, as a valued composition
    sets them) are one outcome: every completion ranks them alike, and completions count the distinct
    outcomes (3 here, so 3! orderings per player), not the 4 terminals (4! each)."""
    from gametheory.sequential import Decision, SequentialGame, Terminal

    war, deal, none = {"war": 1}, {"deal": 1}, {"war": 0}

    def leaf(outcome):
        return Terminal({"A": 0, "B": 0}, outcome=outcome)

    tree = SequentialGame(Decision("A", {
        "talk": Decision("B", {"accept": leaf(deal), "refuse": leaf(war)}),
        "fight": Decision("B", {"resist": leaf(war), "yield": leaf(none)}),
    }))
    seen = []

    def solver(g):
        pays = {tuple(g.history(p.index)): tuple(p.node.payoff(q) for q in ("A", "B"))
                for p in g.positions if isinstance(p.node, Terminal)}
        seen.append(pays)
        from gametheory import solve

        return solve(g)

    r = robustness(tree, lambda sol: True, [], solver=solver, max_completions=10**6)
    assert r.exhaustive and r.total == math.factorial(3) ** 2 == len(seen)
    for pays in seen:
        assert pays[("talk", "refuse")] == pays[("fight", "resist")]  # the declared tie, in every completion
        assert len({pays[h][0] for h in pays}) == 3  # and no other tie: three distinct ranks
    # the same tree without declared outcomes: four outcomes of their own
    plain = SequentialGame(Decision("A", {
        "talk": Decision("B", {"accept": {"A": 0, "B": 0}, "refuse": {"A": 0, "B": 0}}),
        "fight": Decision("B", {"resist": {"A": 0, "B": 0}, "yield": {"A": 0, "B": 0}}),
    }))
    assert robustness(plain, lambda sol: True, [], max_completions=10**6).total == math.factorial(4) ** 2
