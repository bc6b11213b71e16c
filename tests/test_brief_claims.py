"""The brief's claims, tested on the rebuilt models: each says under which parameter regions it holds.

A claim is a predicate on the equilibria of a bundled game tree (its plays, or a
player's strategy off the path). :func:`regions_where` moves one parameter over its
declared range: :func:`~gametheory.sequential.regions.outcome_thresholds` gives the
exact regions on which the equilibria do not change, the claim is decided by a direct
solve at each region's witness point (so it is the same on the whole region), and the
test asserts the exact region where the claim holds, derived by hand in the test's
docstring from the model's payoffs. The claims about ordinal assumptions alone (which
completions of the register make a claim hold) are at the end, for the normal-form
co-sender game and for trees with structurally identical outcomes.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

import gametheory as gt
from gametheory import library
from gametheory.sequential.regions import outcome_thresholds


def regions_where(name, parameter, claim, **others):
    """Where ``claim(solution)`` holds and where it fails, as unions of exact regions of ``parameter``."""
    from gametheory.sequential.regions import OutcomeRegion

    th = outcome_thresholds(name, parameter, others=others or None, solve_regions=False)
    flags = []
    for r in th.regions:
        if r.witness is None:  # an irrational breakpoint: not solved
            flags.append((r, None))
            continue
        sol = gt.solve(gt.load(name, {**others, parameter: r.witness}))
        flags.append((r, bool(claim(sol))))

    def union(want):
        runs, run = [], []
        for r, f in flags + [(None, None)]:
            if f is want:
                run.append(r)
                continue
            if run:
                a, b = run[0], run[-1]
                whole = OutcomeRegion(a.low, b.high, len(run) == 1 and a.point, a.point or a.low_closed,
                                      b.point or b.high_closed, None, None)
                runs.append(whole.describe(parameter))
            run = []
        return runs

    return union(True), union(False)


def stories(sol):
    return " | ".join(s for eq in sol for s, _ in eq.stories())


def choice(sol, node, player):
    """The action of ``player`` at the position ``node`` (an id such as "/Sign as proposed") in every equilibrium."""
    return {eq.strategy()[node][player] for eq in sol}


# -- the resource deal ---------------------------------------------------------------------------
def test_a_deal_signed_as_proposed_does_not_change_the_us_attitude():
    """Brief: "It is also not very likely that an agreement between Ukraine and the U.S. on access to
    raw materials would change Trump's attitude towards Ukraine". After a deal signed as proposed the
    revenue is the US's anyway, so backing Ukraine only costs support: the US walks away whenever
    support costs anything (support_cost > 0)."""
    holds, fails = regions_where("resource_deal", "support_cost",
                                 lambda sol: choice(sol, "/Sign as proposed", "US") == {"Walk away"})
    assert holds == ["0 < support_cost <= 4"] and fails == ["support_cost = 0"]


def test_guarantees_in_exchange_make_the_deal_self_enforcing_between_two_shares():
    """Brief: "That is why it is important that Ukraine receive U.S. security guarantees in exchange."
    The deal with guarantees is signed and honoured exactly when the US's share pays for support and
    the guarantee (revenue_value share > support_cost + guarantee_cost: share > 5/12) and Ukraine gives
    up less than support and the guarantee are worth to it (share < 7/8). The proposed 50% is inside."""
    v = library.spec("resource_deal").parameter_values()
    low = (v["support_cost"] + v["guarantee_cost"]) / v["revenue_value"]
    holds, _ = regions_where("resource_deal", "share",
                             lambda sol: "against US security guarantees → the US keeps backing" in stories(sol))
    assert low == Fraction(5, 12) and holds == ["5/12 <= share <= 7/8"]


# -- sanctions -------------------------------------------------------------------------------------
def test_russia_resumes_the_war_when_relief_is_worth_too_little():
    """Brief: "after a ceasefire and time rebuilding its military, Russia could resume the war of
    attrition". With relief made conditional (it snaps back), resuming costs Russia the relief; Russia
    still resumes when relief is worth less than what the rebuilt war brings: relief < 5/12 here
    (p_rebuilt - war_cost = 5/12 of the contested land)."""
    v = library.spec("sanctions").parameter_values()
    holds, fails = regions_where("sanctions", "relief", lambda sol: "resumes the war" in stories(sol))
    assert v["p_rebuilt"] - v["war_cost"] == Fraction(5, 12)
    assert holds == ["0 <= relief <= 5/12"] and fails == ["5/12 < relief <= 4"]  # at 5/12 Russia is indifferent


def test_unconditional_relief_lets_russia_keep_what_it_gains():
    """State carried between the moves: relief lifted without conditions stays when Russia resumes the
    war; conditional relief snaps back (the brief's position of strength: "It was possible to start
    the talks from a position of strength by threatening Russia with additional sanctions")."""
    game = gt.load("sanctions")
    ends = {game.history(p.index): dict(p.node.outcome) for p in game.positions
            if getattr(p.node, "outcome", None)}
    assert ends[("Lift sanctions now", "Block renewal", "Resume the war")]["us_relief"] == 1
    assert ends[("Conditional relief", "Renew", "Resume the war")]["us_relief"] == 0


# -- NATO membership ------------------------------------------------------------------------------
def test_a_declaration_is_enough_only_when_it_is_credible_enough():
    """Brief: "the U.S. is ready for some form of declaration on this subject, but the nature of such an
    agreement will be important." A declaration buys the four-regions ceasefire once Russia values the
    neutrality it holds above fighting on (credibility > 23/54), and the US prefers it to constitutional
    neutrality while it concedes less (credibility < constitution = 2/3)."""
    holds, _ = regions_where("nato_membership", "credibility", lambda sol: "declares" in stories(sol))
    assert holds == ["23/54 <= credibility <= 2/3"]  # at both ends the declaration ties with a treaty


def test_without_neutrality_russia_fights_on():
    """Brief: "The strategic goal remains to permanently block Ukraine’s path to NATO (neutralisation)."
    When neither a declaration nor a constitution binds at all, nothing the US offers outweighs the
    shift of power Russia resists by fighting: war, whatever the cost of war in its range below 9/8."""
    others = {"credibility": 0, "constitution": 0}
    holds, _ = regions_where("nato_membership", "war_cost", lambda sol: "Russia fights on" in stories(sol), **others)
    assert holds and holds[0].startswith("0 <= war_cost <")


# -- the mission and Article 5 ------------------------------------------------------------------------
def test_the_mission_needs_a_tripwire_europe_would_defend():
    """Brief: "The establishment of such a mission would require coordinated actions by European
    countries and the U.S." A mission Europe would withdraw invites the war it is meant to deter, so
    Europe deploys only when withdrawing costs it more than fighting (reputation > fight_cost = 2)."""
    holds, _ = regions_where("troop_mission", "reputation", lambda sol: "Europe deploys" in stories(sol))
    assert holds == ["2 <= reputation <= 6"]  # at 2 Europe is indifferent: deploying is one equilibrium


def test_a_mission_with_a_reduced_us_presence_invites_an_attack_on_the_alliance():
    """Brief: "Russia could treat the presence of European troops in Ukraine as a pretext for an attack
    on Alliance territory. The U.S. may in that case decide that such an attack is not a justification
    for invoking Article 5". Facing a mission after the US reduced its presence, Russia attacks exactly
    when the chance of a US resolved to invoke Article 5 is low: resolve_reduced < divide_gain /
    (divide_gain + nato_war) = 3/7; the US that is not resolved then declines. A sequential equilibrium:
    Russia's beliefs at its information set are the prior."""
    v = library.spec("troop_mission").parameter_values()
    bound = v["divide_gain"] / (v["divide_gain"] + v["nato_war"])

    def attacks(sol):
        node = "/Reduce presence/Deploy a mission/Not resolved"
        return choice(sol, node, "Russia") == {"Attack Alliance territory"} and \
            choice(sol, node + "/Attack Alliance territory", "US") == {"Decline"}

    holds, fails = regions_where("troop_mission", "resolve_reduced", attacks, reputation=3)
    assert bound == Fraction(3, 7) and holds == ["0 <= resolve_reduced < 3/7"] and fails == ["3/7 <= resolve_reduced <= 1"]
    sol = gt.solve(gt.load("troop_mission", {"reputation": 3}))
    assert sol.concept == "sequential" and all(eq.regret == 0 for eq in sol)


# -- the composed scenario (slow: each region of the scenario is an 8,608-position tree) ----------
@pytest.mark.slow
def test_scenario_the_declaration_region_widens_with_relief_on_offer():
    """In the composed game relief is on offer after a settlement, which makes settling worth more to
    Russia: a declaration suffices from credibility 11/54 on (instead of 23/54 in the NATO sub-game
    alone), up to the constitution's 2/3."""
    holds, _ = regions_where("negotiations", "credibility", lambda sol: "declares" in stories(sol))
    assert holds == ["11/54 <= credibility <= 2/3"]


# -- the register alone: ordinal robustness ------------------------------------------------------------
def test_cosenders_coordination_claim_over_every_completion_of_the_register():
    """Brief: "Since such guarantees would be ineffective without coordinated action by the U.S. and
    Europe". Over every ordering of the co-sender game's outcomes the register allows, re-imposing
    together is an equilibrium only when the EU's own comparison (not in the register) agrees."""
    from gametheory.assumptions import check, robustness
    from gametheory.solvers import pure_equilibria

    spec = library.spec("cosenders")

    def together(sol):
        "re-imposing together is an equilibrium"
        return any(eq.pure and eq.strategy("US") == {"Re-impose": 1} and eq.strategy("EU") == {"Re-impose": 1}
                   for eq in sol)

    r = robustness(spec, together, depends_on="best_responses")
    assert r.exhaustive and 0 < r.share < 1
    for g in r.counterexamples:
        assert check(g, spec).ok and not together(pure_equilibria(g))
    assert check(spec.build(), spec).ok  # the defaults are one completion's cardinal representative
