"""The model families of gametheory.models: the issue's exact figures and cross-checks with direct solves.

Each "must show" figure of issue 14 is asserted exactly; where a family is a game the
existing solvers handle (trees of offers, the chain store, repeated stage games, the
war of attrition's one-period game, the Kreps-Wilson game in pygambit), the closed
form is compared with a direct solve.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest

from gametheory import Game, solve
from gametheory.errors import InvalidGameError, NotSupportedError
from gametheory.models import (
    alternating_offers,
    alternating_offers_tree,
    attrition_equilibria,
    attrition_hazards,
    bargaining_range,
    chain_store,
    chain_store_equilibrium,
    chain_store_tree,
    closed_form,
    commitment_equilibrium,
    commitment_problem,
    commitment_tree,
    fearon_bargaining,
    finitely_repeated,
    folk_theorem_check,
    forgiving_trigger,
    grim_trigger,
    grim_trigger_threshold,
    minmax_values,
    model_thresholds,
    nash_bargaining,
    nash_bargaining_solution,
    repeated_equilibrium,
    repeated_game,
    reputation_table,
    rubinstein_solution,
    screening_bargaining,
    screening_equilibrium,
    screening_tree,
    trust_game,
    ultimatum_equilibrium,
    ultimatum_tree,
    verify_reputation,
    war_of_attrition,
)
from gametheory.models.reputation import _after_fight, _entry, _fight
from gametheory.models.base import ExactContext
from gametheory.sequential import subgame_perfect_equilibria
from gametheory.symbolic import Parameter


def spe_payoffs(tree, sol):
    return [dict(zip(tree.players, e.payoffs)) for e in sol]


# -- bargaining range -----------------------------------------------------------------------------------
def test_fearon_range_and_proposer_offers():
    m = fearon_bargaining(p="3/5", costs=("1/10", "1/5"), players=("Russia", "Ukraine"))
    assert bargaining_range(m) == (F(1, 2), F(4, 5))
    by_russia = ultimatum_equilibrium(m)
    by_ukraine = ultimatum_equilibrium(m, proposer="Ukraine")
    assert by_russia.values["offer"] == F(4, 5) and by_ukraine.values["offer"] == F(1, 2)
    assert by_russia[0].payoffs == {"Russia": F(4, 5), "Ukraine": F(1, 5)}
    assert by_russia[0].regret == 0 and by_russia.complete and by_russia.exact


def test_fearon_range_is_clipped_to_the_good():
    assert bargaining_range(fearon_bargaining(p="1/20", costs=("1/10", "1/10"))) == (F(0), F(3, 20))
    sol = ultimatum_equilibrium(fearon_bargaining(p="19/20", costs=("1/10", "1/10")))
    assert sol.values["offer"] == 1 and sol[0].label.startswith("A demands everything")


def test_ultimatum_matches_the_tree_on_a_grid():
    m = fearon_bargaining(p="3/5", costs=("1/10", "1/5"))
    for proposer in ("A", "B"):
        ours = ultimatum_equilibrium(m, proposer=proposer)[0].payoffs
        tree = ultimatum_tree(ultimatum_equilibrium(m, proposer=proposer).model, [F(k, 10) for k in range(11)])
        pays = spe_payoffs(tree, subgame_perfect_equilibria(tree))
        assert ours in pays  # the SPE where the responder accepts when indifferent
        # every other SPE has the responder reject at indifference: the proposer does worse
        assert max(p[proposer] for p in pays) == ours[proposer]


def test_screening_threshold_and_tree():
    m = screening_bargaining(p="1/2", proposer_cost="1/10", costs=("1/20", "3/10"), probabilities=("1/2", "1/2"),
                             types=("resolute", "weak"), players=("Russia", "Ukraine"))
    sol = screening_equilibrium(m)
    assert sol.values["prior threshold"] == F(5, 8)  # (c_H - c_L)/(c_H + c_P)
    assert sol.values["demand"] == F(4, 5) and sol.values["probability of war"] == F(1, 2)
    for q, label in ((F(5, 8) - F(1, 100), "risky"), (F(5, 8) + F(1, 100), "safe")):
        s = screening_equilibrium(screening_bargaining(p="1/2", proposer_cost="1/10", costs=("1/20", "3/10"),
                                                       probabilities=(q, 1 - q)))
        assert len(s) == 1 and s[0].label.startswith(label)
    tie = screening_equilibrium(screening_bargaining(p="1/2", proposer_cost="1/10", costs=("1/20", "3/10"),
                                                     probabilities=("5/8", "3/8")))
    assert sorted(e.quantities["demand"] for e in tie) == [F(11, 20), F(4, 5)]
    tree = screening_tree(m, ["1/2", "11/20", "7/10", "4/5", "9/10"])
    best = max(p["Russia"] for p in spe_payoffs(tree, subgame_perfect_equilibria(tree)))
    assert best == sol[0].payoffs["Russia"]


def test_screening_needs_probabilities_summing_to_one():
    with pytest.raises(InvalidGameError, match="sum to 3/2"):
        screening_bargaining(probabilities=("1/2", "1"))


# -- commitment problem -----------------------------------------------------------------------------------
def test_commitment_war_condition_closed_form():
    m = commitment_problem(power=("3/5", "1/5"), delta="9/10", costs="1/10", players=("Russia", "Ukraine"))
    sol = commitment_equilibrium(m)
    assert sol[0].label == "war in period 1: no offer buys peace"
    assert sol.values["critical shift"] == F(1, 18) and sol.values["critical discount factor"] == F(5, 9)
    # on both sides of the critical shift
    p1, cD, d = F(3, 5), F(1, 10), F(9, 10)
    for p2, war in ((p1 - F(1, 18) - F(1, 1000), True), (p1 - F(1, 18) + F(1, 1000), False)):
        s = commitment_equilibrium(commitment_problem(power=(p1, p2), delta=d, costs=cD))
        assert (s.values["war period"] == 1) == war
        assert war == (p1 - cD > (1 - d) + d * max(0, p2 - cD))


def test_commitment_without_a_shift_is_peaceful():
    sol = commitment_equilibrium(commitment_problem(power=("3/5", "3/5"), delta="99/100", costs="1/10"))
    assert sol.values["war period"] == 0
    assert sol[0].quantities["offer in period 1"] == F(1, 2)


@pytest.mark.parametrize("power,delta", [(("3/5", "1/5"), "1/2"), (("3/5", "1/5"), "9/10"), (("2/5", "7/10"), "1/2")])
def test_commitment_matches_the_tree(power, delta):
    m = commitment_problem(power=power, delta=delta, costs="1/10", horizon=2)
    sol = commitment_equilibrium(m)
    offers = {F(0), F(1)} | {v for e in sol for k, v in e.quantities.items() if k.startswith("offer")}
    tree = commitment_tree(m, sorted(offers))
    pays = spe_payoffs(tree, subgame_perfect_equilibria(tree))
    for e in sol:
        assert e.payoffs in pays
    # the rising side's best SPE payoff is ours (others have the declining side attack when indifferent)
    assert max(p["Rising"] for p in pays) == max(e.payoffs["Rising"] for e in sol)


# -- Nash and Rubinstein ----------------------------------------------------------------------------------
@pytest.mark.parametrize("d,w,expected", [((0, 0), "1/2", (F(1, 2), F(1, 2))),
                                          ((0, "-1/5"), "1/2", (F(3, 5), F(2, 5))),
                                          ((0, "-1/5"), "2/3", (F(4, 5), F(1, 5)))])
def test_nash_bargaining_figures(d, w, expected):
    sol = nash_bargaining_solution(nash_bargaining(surplus=1, disagreement=d, weight=w))
    assert (sol[0].payoffs["A"], sol[0].payoffs["B"]) == expected and sol[0].regret == 0


def test_nash_bargaining_on_a_game_and_no_deal():
    pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    sol = nash_bargaining_solution(nash_bargaining(points=pd, disagreement=(1, 1)))
    assert sol[0].payoffs == {"Player 1": 3, "Player 2": 3}
    none = nash_bargaining_solution(nash_bargaining(surplus=1, disagreement=("1/2", "3/5")))
    assert none[0].label.startswith("no agreement")


def test_rubinstein_figures():
    assert rubinstein_solution(alternating_offers(("9/10", "9/10"))).values["proposer share"] == F(10, 19)
    assert rubinstein_solution(alternating_offers(("9/10", "4/5"))).values["proposer share"] == F(5, 7)
    second = rubinstein_solution(alternating_offers(("9/10", "4/5"), proposer="B"))
    assert second.values["share B"] == F(1 - F(9, 10), 1 - F(72, 100))


def _proposer_shares(d_first, d_second, horizon):
    """The proposer's share in each round, by backward induction (written out independently)."""
    y = [F(1)]
    for t in range(horizon - 2, -1, -1):
        responder = d_second if t % 2 == 0 else d_first  # who proposes in round t + 1
        y.insert(0, 1 - responder * y[0])
    return y


@pytest.mark.parametrize("delta,horizon,grid", [(("1/2", "1/2"), 2, 4), (("1/2", "1/3"), 2, 6)])
def test_finite_alternating_offers_match_the_tree(delta, horizon, grid):
    m = alternating_offers(delta, horizon=horizon)
    ours = rubinstein_solution(m)[0].payoffs
    tree = alternating_offers_tree(m, [F(k, grid) for k in range(grid + 1)])
    pays = spe_payoffs(tree, subgame_perfect_equilibria(tree, max_equilibria=10**6))
    assert ours in pays
    assert max(p["A"] for p in pays) == ours["A"]


@pytest.mark.parametrize("delta,horizon,grid", [(("1/2", "2/3"), 3, 6), (("3/4", "1/2"), 3, 8), (("1/2", "1/2"), 4, 8)])
def test_finite_alternating_offers_strategy_is_an_spe_of_the_tree(delta, horizon, grid):
    """Our strategies, written on the tree of grid offers, pass the composer's one-shot deviation test."""
    from gametheory.sequential import one_shot_regret
    from gametheory.sequential import Decision

    m = alternating_offers(delta, horizon=horizon)
    dA, dB = m.delta
    y = _proposer_shares(dA, dB, horizon)
    assert y[0] == rubinstein_solution(m).values["proposer share"]
    tree = alternating_offers_tree(m, [F(k, grid) for k in range(grid + 1)])
    choices = []
    for k, pos in enumerate(tree.positions):
        node = pos.node
        if not isinstance(node, Decision):
            choices.append(None)
            continue
        hist = tree.history(k)
        rounds = sum(1 for h in hist if h.startswith("round"))
        if node.actions[0].startswith("round"):  # a proposer keeps y[t]
            choices.append(next(i for i, a in enumerate(node.actions) if F(a.split("keeps ")[1]) == y[rounds]))
        else:  # a responder accepts iff its share now is at least what waiting gives it
            x = F(hist[-1].split("keeps ")[1])
            delta_resp = dB if rounds % 2 == 1 else dA
            wait = delta_resp * y[rounds] if rounds < horizon else 0
            choices.append(0 if 1 - x >= wait else 1)
    assert one_shot_regret(tree, choices) == 0


# -- repeated games ---------------------------------------------------------------------------------------
def test_trust_game_grim_trigger_threshold_is_one_third():
    stage = trust_game(honour=2, exploit=3, no_trust=0)
    assert grim_trigger_threshold(stage, ("Trust", "Honour")) == F(1, 3)
    prof = grim_trigger(stage, ("Trust", "Honour"))
    assert len(repeated_equilibrium(repeated_game(stage, prof, F(1, 3)))) == 1
    assert len(repeated_equilibrium(repeated_game(stage, prof, F(1, 3) - F(1, 10**6)))) == 0
    d = Parameter("delta", default="1/2", low=0, high=1, positive=True)
    th = model_thresholds(repeated_game(stage, prof, d), "delta")
    assert th.values == (F(1, 3),)
    assert [p.outcomes[0][0].startswith("subgame-perfect") for p in th.pieces] == [False, True, True]


def test_forgiving_trigger_threshold_is_algebraic():
    import sympy

    pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    d = Parameter("delta", default="1/2", low=0, high=1, positive=True)
    th = model_thresholds(repeated_game(pd, forgiving_trigger(pd, ("C", "C"), 2), d), "delta")
    assert th.values == ((sympy.sqrt(5) - 1) / 2,)


def test_repeated_profile_failing_reports_the_deviation():
    stage = trust_game()
    sol = repeated_equilibrium(repeated_game(stage, grim_trigger(stage, ("Trust", "Honour")), "1/10"))
    assert not sol.equilibria and not sol.complete
    assert "US gains by playing Exploit" in sol.notes[0]


def test_minmax_and_folk_theorem():
    pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    assert minmax_values(pd) == ((F(1), F(1)), True)
    check = folk_theorem_check(pd, (2, 2))
    assert check.sustainable and sum(check.weights.values()) == 1
    # the weights certify the payoff
    assert all(sum(w * pd[o][i] for o, w in check.weights.items()) == 2 for i in range(2))
    assert not folk_theorem_check(pd, (1, 1)).individually_rational
    assert not folk_theorem_check(pd, (4, 4)).feasible


def test_finitely_repeated_unique_stage_equilibrium_is_repeated():
    pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    for T in (1, 2, 3):
        sol = subgame_perfect_equilibria(finitely_repeated(pd, T))
        assert len(sol) == 1 and sol[0].payoffs == (T, T)


def test_finitely_repeated_two_stage_equilibria_reward_cooperation():
    # Benoit-Krishna: with a good and a bad stage equilibrium, (C, C) in round 1 is enforced by the threat of
    # the bad equilibrium in round 2 exactly when the one-shot gain 1 is at most the difference 3 - 1.
    g = Game.from_bimatrix([[4, 0, 0], [5, 1, 0], [0, 0, 3]], [[4, 5, 0], [0, 1, 0], [0, 0, 3]],
                           strategies=(("C", "D", "P"), ("C", "D", "P")))
    from gametheory import pure_equilibria

    sol = subgame_perfect_equilibria(finitely_repeated(g, 2), stage_solver=pure_equilibria)  # pure stage play
    assert any(e.payoffs == (7, 7) for e in sol)  # (C, C) then (P, P), (D, D) after a deviation
    # and not with a smaller reward: replace (P, P)'s 3 by 3/2 (loss 1/2 < gain 1)
    g2 = Game.from_bimatrix([[4, 0, 0], [5, 1, 0], [0, 0, "3/2"]], [[4, 5, 0], [0, 1, 0], [0, 0, "3/2"]])
    sol2 = subgame_perfect_equilibria(finitely_repeated(g2, 2), stage_solver=pure_equilibria)
    # every SPE now plays a stage equilibrium in both rounds: (D, D) worth 1 or (P, P) worth 3/2
    assert {e.payoffs for e in sol2} == {(F(a + b), F(a + b)) for a in (1, F(3, 2)) for b in (1, F(3, 2))}


def test_repeated_exact_values_agree_with_truncated_sums():
    pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    prof = forgiving_trigger(pd, ("C", "C"), 2)
    delta = F(9, 10)
    sol = repeated_equilibrium(repeated_game(pd, prof, delta))
    # simulate player 1 deviating once at the start, then conforming: the exact one-shot gain is negative
    state, total = prof.initial, 0.0
    for t in range(400):
        acts = list(prof.actions[state])
        if t == 0:
            acts[0] = 1
        total += (1 - 0.9) * 0.9 ** t * float(pd.payoffs[(0, *acts)])
        state = prof.transitions[state][acts[0] * 2 + acts[1]]
    assert total < float(sol.values["value Player 1"])


# -- war of attrition ----------------------------------------------------------------------------------------
def test_symmetric_war_of_attrition_figures():
    sol = attrition_equilibria(war_of_attrition(values=3, costs=1))
    mixed = sol[2].quantities
    assert mixed["concession probability A"] == F(1, 4) == mixed["concession probability B"]
    assert mixed["expected costly periods"] == F(9, 7)
    assert all(e.regret == 0 for e in sol) and sol.complete


def test_attrition_matches_the_one_period_game():
    m = war_of_attrition(values=(4, 2), costs=(1, 2))
    sol = attrition_equilibria(m)
    ours = {(e.quantities["concession probability A"], e.quantities["concession probability B"]) for e in sol}
    stage = sol.detail
    assert stage.complete and {(e.profile[0][0], e.profile[1][0]) for e in stage} == ours


def test_attrition_counterintuitive_statics_warning():
    low = attrition_equilibria(war_of_attrition(values=3, costs=(1, 1)))[2].quantities
    high = attrition_equilibria(war_of_attrition(values=3, costs=(2, 1)))[2].quantities
    # raising A's cost raises B's concession rate and leaves A's unchanged
    assert high["concession probability B"] > low["concession probability B"]
    assert high["concession probability A"] == low["concession probability A"]
    sol = attrition_equilibria(war_of_attrition(3, 1))
    assert "raises the OTHER side's concession rate" in sol.summary
    assert "counter-intuitive" in attrition_hazards(war_of_attrition(3, 1)).summary


def test_discrete_attrition_converges_to_the_hazard_rates():
    m = war_of_attrition(values=(3, 2), costs=(1, 3))
    hz = attrition_hazards(m).values
    for k in (10, 100, 1000):
        q = attrition_equilibria(war_of_attrition(values=(3, 2), costs=(1, 3), period=F(1, k)))[2].quantities
        assert abs(q["concession probability A"] * k - hz["hazard A"]) <= F(3, k)


# -- chain store and reputation ---------------------------------------------------------------------------------
def test_chain_store_twenty_markets():
    sol = chain_store_equilibrium(chain_store(markets=20))
    assert sol.values["incumbent payoff"] == 40 and sol.values["markets entered"] == 20
    assert sol[0].label.startswith("entry and accommodation in every market")
    assert sol[0].regret == 0 and sol.complete


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_chain_store_matches_backward_induction_on_the_tree(n):
    tree = chain_store_tree(chain_store(markets=n))
    sol = subgame_perfect_equilibria(tree)
    assert len(sol) == 1
    pays = dict(zip(tree.players, sol[0].payoffs))
    assert pays["Incumbent"] == chain_store_equilibrium(chain_store(markets=n)).values["incumbent payoff"]
    assert all(v == 2 for k, v in pays.items() if k.startswith("Entrant"))


def test_kreps_wilson_table_and_certificate():
    m = chain_store(markets=10, prior="1/10", players=("NATO", "Russia"))
    sol = chain_store_equilibrium(m)
    assert sol[0].regret == 0 and verify_reputation(m) == 0
    assert sol.values["markets deterred for sure"] == 7  # b^k < 1/10 for k >= 4 (b = 1/2)
    rows = reputation_table(m)
    for r in rows:
        k, p = r["left"], r["reputation"]
        if p > F(1, 2) ** k:
            assert r["stay out"] == 1
        if k > 1 and 0 < p < F(1, 2) ** (k - 1):
            # Bayes' rule: the posterior after a fight is b^(k-1)
            assert p / (p + (1 - p) * r["weak fights"]) == F(1, 2) ** (k - 1) == r["reputation after a fight"]


def test_kreps_wilson_without_doubt_is_selten():
    assert chain_store_equilibrium(chain_store(markets=6, prior=0)).values["incumbent payoff"] == 12


def _kw_gambit(model):
    """The Kreps-Wilson game as a pygambit tree with information sets, and our behaviour profile on it."""
    import pygambit as gbt

    N = model.markets
    a, b = model.normalised()
    inc, ent = model.incumbent, model.entrant
    ctx = ExactContext()
    names = [f"E{j}" for j in range(1, N + 1)]
    g = gbt.Game.new_tree(players=["I"] + names)
    g.append_move(g.root, g.players.chance, ["Tough", "Weak"])
    g.set_chance_probs(g.root.infoset, [model.prior, 1 - model.prior])
    counter = itertools.count()
    entrant_sets: dict = {}
    behaviour: list = []  # (infoset, {action: prob})
    beliefs: list = []  # (tough node, reputation)

    def outcome(pay):
        return g.add_outcome(f"o{next(counter)}", [pay[0]] + list(pay[1:]))

    def grow(node, tough, j, history, p, pay):
        if j == N:
            g.set_outcome(node, outcome(pay))
            return
        k = N - j
        key = (j, history)
        if key in entrant_sets:
            g.append_infoset(node, entrant_sets[key])
        else:
            g.append_move(node, names[j], ["Out", "In"])
            entrant_sets[key] = node.infoset
            out = _entry(k, p, a, b, ctx)
            behaviour.append((node.infoset, {"Out": out, "In": 1 - out}))
        if tough:
            beliefs.append((key, node, p))

        def add(pay, i_gain, e_gain):
            new = list(pay)
            new[0] += i_gain
            new[1 + j] += e_gain
            return new

        grow(node.children["Out"], tough, j + 1, history + ("out",), p, add(pay, inc[0], ent[0]))
        after = node.children["In"]
        post = _after_fight(k, p, b, ctx)
        if tough:
            grow(after, tough, j + 1, history + ("fight",), post, add(pay, inc[2], ent[2]))
            return
        g.append_move(after, "I", ["Fight", "Accommodate"])
        f = _fight(k, p, b, ctx)
        behaviour.append((after.infoset, {"Fight": f, "Accommodate": 1 - f}))
        grow(after.children["Fight"], tough, j + 1, history + ("fight",), post, add(pay, inc[2], ent[2]))
        grow(after.children["Accommodate"], tough, j + 1, history + ("acc",), 0 * p, add(pay, inc[1], ent[1]))

    tough_node, weak_node = list(g.root.children)
    zero = [F(0)] * (N + 1)
    grow(tough_node, True, 0, (), model.prior, zero)
    grow(weak_node, False, 0, (), model.prior, zero)
    prof = g.mixed_behavior_profile(rational=True)
    for infoset, probs in behaviour:
        for label, pr in probs.items():
            prof[infoset.actions[label]] = pr
    return g, prof, beliefs


@pytest.mark.parametrize("markets,prior", [(2, "1/10"), (3, "1/10"), (3, "1/5"), (3, "3/10")])
def test_kreps_wilson_is_an_equilibrium_in_pygambit(markets, prior):
    """pygambit (an independent peer) finds no profitable deviation and Bayes' rule gives our reputations."""
    m = chain_store(markets=markets, prior=prior)
    g, prof, beliefs = _kw_gambit(m)
    assert prof.max_regret() == 0
    for _, node, p in beliefs:
        if prof.infoset_prob(node.infoset) > 0:
            assert F(str(prof.belief(node))) == p


# -- errors and symbolic use ---------------------------------------------------------------------------
def test_symbolic_models_need_numbers_to_solve():
    import sympy

    m = alternating_offers(delta=(sympy.Symbol("d"), "1/2"))
    with pytest.raises(NotSupportedError, match="model.subs"):
        rubinstein_solution(m)
    assert rubinstein_solution(m.subs({"d": "9/10"})).values["proposer share"] == F(1 - F(1, 2), 1 - F(9, 20))


def test_closed_form_rubinstein():
    import sympy

    m = alternating_offers(delta=sympy.symbols("d1 d2"))
    d1, d2 = m.parameter("d1").symbol, m.parameter("d2").symbol  # symbols with the range of a discount factor
    cf = closed_form(m, at={"d1": "9/10", "d2": "4/5"})
    share = cf.equilibria[0].quantities["proposer share"]
    assert sympy.simplify(share - (1 - d2) / (1 - d1 * d2)) == 0


def test_floats_give_floats():
    sol = attrition_equilibria(war_of_attrition(values=3.0, costs=1.0))
    assert not sol.exact and abs(sol[2].quantities["concession probability A"] - 0.25) < 1e-12


def test_float_models_across_families():
    pd = Game.from_bimatrix([[3.0, 0], [5, 1]], [[3, 5], [0, 1.0]])
    sols = [ultimatum_equilibrium(fearon_bargaining(p=0.6, costs=(0.1, 0.2))),
            screening_equilibrium(screening_bargaining(p=0.5, proposer_cost=0.1, costs=(0.05, 0.3),
                                                       probabilities=(0.5, 0.5))),
            commitment_equilibrium(commitment_problem(power=(0.6, 0.2), delta=0.9, costs=0.1)),
            nash_bargaining_solution(nash_bargaining(surplus=1.0, disagreement=(0, -0.2), weight=0.66)),
            rubinstein_solution(alternating_offers((0.9, 0.8))),
            chain_store_equilibrium(chain_store(markets=6, prior=0.1)),
            repeated_equilibrium(repeated_game(pd, grim_trigger(pd, (0, 0)), 0.6))]
    for sol in sols:
        assert not sol.exact and sol.equilibria and all(abs(e.regret) <= 1e-9 for e in sol)
        assert all(type(v) is float for v in sol.values.values() if not isinstance(v, F)), sol.values
    assert abs(sols[4].values["proposer share"] - 5 / 7) < 1e-12
    assert abs(sols[6].values["discount threshold"] - 0.5) < 1e-12


def test_bad_parameters_are_named():
    with pytest.raises(InvalidGameError, match="delta = 3/2 is outside"):
        commitment_problem(delta="3/2")
    with pytest.raises(InvalidGameError, match="proposer 'C' is not a player"):
        fearon_bargaining(proposer="C")
    with pytest.raises(InvalidGameError, match="markets must be a positive integer"):
        chain_store(markets=0)


def test_solution_json_round_trip():
    import json

    sol = ultimatum_equilibrium(fearon_bargaining(p="3/5", costs=("1/10", "1/5")))
    doc = json.loads(sol.to_json())
    assert doc["values"]["range low"] == "1/2" and doc["family"] == "bargaining range"
    assert doc["equilibria"][0]["regret"] == "0" and doc["complete"] is True


# -- reputation on the hidden-information tree ----------------------------------------------------------
@pytest.mark.parametrize("markets,prior", [(2, "1/10"), (3, "1/10"), (3, "3/10"), (4, "1/5")])
def test_kreps_wilson_is_a_sequential_equilibrium_of_the_tree(markets, prior):
    from gametheory.models import reputation_assessment, reputation_tree

    m = chain_store(markets=markets, prior=prior)
    game = reputation_tree(m)
    # the entrants' information sets pool the tough and the weak incumbent after each public history
    assert any(len(h.positions) == 2 for h in game.infosets if h.player.startswith("Entrant"))
    a = reputation_assessment(m)
    assert a.sequential_regret() == 0 and a.consistency().consistent
    # the closed-form reputations are the beliefs at the tough nodes
    for h, belief in zip(game.infosets, a.beliefs):
        if len(h.positions) == 2:
            assert sum(belief) == 1


def test_a_perturbed_reputation_assessment_is_not_sequentially_rational():
    from gametheory.extensive import Assessment
    from gametheory.models import reputation_assessment

    a = reputation_assessment(chain_store(markets=3, prior="1/10"))
    # the first entrant stays out with certainty instead of its equilibrium choice (or the reverse)
    k = next(i for i, h in enumerate(a.game.infosets) if h.player.startswith("Entrant"))
    flipped = (F(1), F(0)) if a.behaviour[k][0] != 1 else (F(0), F(1))
    bad = Assessment(a.game, a.behaviour[:k] + (flipped,) + a.behaviour[k + 1:], a.beliefs)
    assert bad.sequential_regret() > 0
