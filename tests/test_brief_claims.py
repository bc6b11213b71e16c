"""The brief's qualitative claims about the bundled games, over ALL assumption-consistent payoffs.

Each game file's assumption register states ordinal preferences with the sentence of
the brief they rest on. A *completion* gives every player a strict ordering of all
outcomes consistent with that player's register entries. The claims below read only
the pure equilibria, so they depend only on the players' best responses and
``robustness(..., depends_on="best_responses")`` decides them exactly over every
completion (billions for the three-player games), not by sampling.

Where a claim fails for some completions, the test asserts that a counterexample
exists and that it really satisfies the register and violates the claim (checked
here independently of the robustness code); ``docs/property_testing.md`` reports
what each failure means for the model.
"""

import itertools
from fractions import Fraction

import pytest

from gametheory import library, pure_equilibria
from gametheory.assumptions import check, from_register, robustness


def outcomes(sol):
    """Pure equilibria as tuples of strategy labels."""
    return [tuple(next(iter(eq.strategy(i))) for i in range(eq.game.num_players)) for eq in sol]


def decide(name, claim):
    spec = library.spec(name)
    r = robustness(spec, claim, depends_on="best_responses")
    assert r.exhaustive and r.checked == r.total
    for g in r.counterexamples:  # independent re-check of every counterexample
        assert check(g, spec).ok
        assert not claim(pure_equilibria(g))
    return r


# -- resource deal -------------------------------------------------------------------------------


def signed_as_proposed_us_walks(sol):
    "whenever Ukraine signs as proposed in equilibrium, the US walks away"
    return all(p[0] == "Walk away" for p in outcomes(sol) if p[1] == "Sign as proposed")


def guarantees_deal_is_equilibrium(sol):
    "resources for guarantees, with the US backing Ukraine, is an equilibrium"
    return ("Back Ukraine", "Sign for guarantees") in outcomes(sol)


def test_resource_deal_does_not_change_us_attitude():
    """Brief: "It is also not very likely that an agreement between Ukraine and the U.S. on access
    to raw materials would change Trump's attitude towards Ukraine". Robust: follows from US1."""
    r = decide("resource_deal", signed_as_proposed_us_walks)
    assert r.robust and not r.counterexamples


def test_resource_deal_guarantees_not_implied_by_register():
    """Brief: "That is why it is important that Ukraine receive U.S. security guarantees in exchange."
    The register does not say the US prefers backing to walking away once Ukraine signs for
    guarantees, nor that Ukraine prefers that deal to holding out while backed: the guarantees
    equilibrium is an assumption-dependent conclusion."""
    r = decide("resource_deal", guarantees_deal_is_equilibrium)
    assert not r.robust and r.counterexamples and r.holds > 0
    # the share factorises: US must rank (Back, SfG) over (Walk, SfG) and Ukraine (Back, SfG) over (Back, Hold out)
    spec = library.spec("resource_deal")
    g = spec.build()
    A = from_register(spec)

    def share(player, better, worse):
        i = g.player_index(player)
        flat = [tuple(p) for p in itertools.product(*g.strategies)]
        pairs = [(flat.index(a.better), flat.index(a.worse)) for a in A if a.player == player]
        ok = tot = 0
        for perm in itertools.permutations(range(len(flat))):  # brute force, independent of the DP
            if all(perm[b] > perm[w] for b, w in pairs):
                tot += 1
                ok += perm[flat.index(better)] > perm[flat.index(worse)]
        return Fraction(ok, tot)

    us = share("US", ("Back Ukraine", "Sign for guarantees"), ("Walk away", "Sign for guarantees"))
    ua = share("Ukraine", ("Back Ukraine", "Sign for guarantees"), ("Back Ukraine", "Hold out"))
    assert us == Fraction(3, 4)  # (B,SfG) is above two outcomes; (W,SfG) is free: 6 of 8 orders of four
    assert r.share == us * ua


def test_resource_deal_grouping_equals_full_enumeration():
    # 6480 completions: small enough to solve every one; the exact grouped share must agree
    spec = library.spec("resource_deal")
    full = robustness(spec, guarantees_deal_is_equilibrium, solver=pure_equilibria, max_completions=10_000)
    grouped = robustness(spec, guarantees_deal_is_equilibrium, depends_on="best_responses")
    assert full.exhaustive and full.evaluated == full.checked == 6480
    assert (full.holds, full.checked) == (grouped.holds, grouped.checked)


# -- sanctions -----------------------------------------------------------------------------------


def unconditional_relief_invites_violation(sol):
    "when both senders lift sanctions unconditionally, Russia violates the settlement"
    return all(p[2] == "Violate" for p in outcomes(sol) if p[:2] == ("Lift now", "Lift now"))


def coordinated_leverage_is_equilibrium(sol):
    "coordinated conditional sanctions with Russian compliance is an equilibrium"
    return ("Keep leverage", "Keep leverage", "Comply") in outcomes(sol)


def test_sanctions_unconditional_relief_invites_violation():
    """Brief: after a ceasefire "Russia could resume the war of attrition"; relief without
    conditions removes the cost of doing so. Robust: follows from R1."""
    r = decide("sanctions", unconditional_relief_invites_violation)
    assert r.robust


def test_sanctions_position_of_strength_needs_eu_not_to_free_ride():
    """Brief: "It was possible to start the talks from a position of strength by threatening Russia
    with additional sanctions." Not robust: the register never says the EU prefers keeping its
    sanctions while the US keeps leverage and Russia complies to lifting them alone (EU1 compares
    only with both lifting), so in some completions the EU free-rides and the equilibrium vanishes."""
    r = decide("sanctions", coordinated_leverage_is_equilibrium)
    assert not r.robust and r.counterexamples
    for g in r.counterexamples:
        assert g["Keep leverage", "Lift now", "Comply"][1] > g["Keep leverage", "Keep leverage", "Comply"][1]
    # Only the EU's comparison is open (US2 and R2 fix the other two deviations), and among
    # {KKC, LLC, KLC} with KKC > LLC forced, KKC beats KLC in 2 of the 3 orders.
    assert r.share == Fraction(2, 3)


# -- troop mission -------------------------------------------------------------------------------


def deployment_needs_us_backing(sol):
    "whenever Europe deploys in equilibrium, the US backs the mission"
    return all(p[2] == "Back mission" for p in outcomes(sol) if p[0] == "Deploy tripwire")


def no_mission_means_war(sol):
    "without a mission, Russia resumes the war in every equilibrium"
    return all(p[1] == "Test" for p in outcomes(sol) if p[0] == "Stay out")


def test_troop_mission_without_mission_russia_resumes_war():
    """Brief: "after a ceasefire and time rebuilding its military, Russia could resume the war".
    Robust: follows from R3 (Russia's only deviation at no-mission outcomes it is asked about)."""
    assert decide("troop_mission", no_mission_means_war).robust


def test_troop_mission_coordination_not_fully_implied():
    """Brief: "The establishment of such a mission would require coordinated actions by European
    countries and the U.S." Not robust over the register alone: E3 says it only in words. R2 rules
    out a deployed, unbacked mission that Russia respects, but nothing ranks a lone fight against
    staying out for Europe (E1 only puts it below a deterring deployment), so in some completions
    Europe deploys without US backing, Russia tests the force and Europe fights alone in equilibrium."""
    r = decide("troop_mission", deployment_needs_us_backing)
    assert not r.robust and r.share > Fraction(1, 2)
    for g in r.counterexamples:
        eqs = outcomes(pure_equilibria(g))
        assert ("Deploy tripwire", "Test", "Stay aloof") in eqs


# -- NATO membership -----------------------------------------------------------------------------


def declaration_never_buys_ceasefire(sol):
    "no equilibrium in which a revocable declaration buys a ceasefire"
    return not any(p[0] == "Declaration" and p[1] in ("Cease if declaration", "Cease regardless") for p in outcomes(sol))


def treaty_never_followed_by_war(sol):
    "no equilibrium in which the US concedes a treaty and the war goes on"
    return ("Neutrality treaty", "Fight regardless") not in outcomes(sol)


def test_nato_treaty_is_never_followed_by_war():
    """Brief: "Russia will strive to ensure that Ukraine's neutralisation is permanent" (R1: a
    ceasefire with a treaty is Russia's best outcome). Robust."""
    assert decide("nato_membership", treaty_never_followed_by_war).robust


def test_nato_declaration_claim_rests_on_unstated_comparisons():
    """Brief: Russia "demands that NATO withdraw from the 2008 declaration". R3 rules out ceasing for
    a declaration only against the plan that ceases for declarations; nothing ranks the plan
    'Cease regardless' against fighting after a declaration, so in some completions a declaration
    is followed by a ceasefire in equilibrium."""
    r = decide("nato_membership", declaration_never_buys_ceasefire)
    assert not r.robust and r.counterexamples
    for g in r.counterexamples:
        assert any(p[0] == "Declaration" and p[1] == "Cease regardless" for p in outcomes(pure_equilibria(g)))


SUB_GAMES = [n for n in library.names() if library.spec(n).composition is None]


def test_the_four_sub_games_are_covered():
    assert {"resource_deal", "sanctions", "troop_mission", "nato_membership"} <= set(SUB_GAMES)


@pytest.mark.parametrize("name", SUB_GAMES)
def test_bundled_defaults_satisfy_their_registers(name):
    # the default payoffs are one of the completions' cardinal representatives
    spec = library.spec(name)
    assert check(spec.build(), spec).ok
