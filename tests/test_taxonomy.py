"""The 2×2 ordinal taxonomy against published counts and an independent equilibrium count.

Published figures checked here:
* 144 strict ordinal 2×2 games up to relabelling strategies, 12 of them symmetric
  (Robinson & Goforth 2005, *The Topology of the 2×2 Games*, ch. 2 "144 games", ch. 4 "Symmetric games");
* 78 when players may also be swapped (Rapoport & Guyer 1966, "A taxonomy of 2×2 games";
  Bruns 2015, *Games* 6(4) 495–520, restates "only 78 strategically distinct strict ordinal games");
* of the 144, 108 have a unique pure Nash equilibrium, 18 have two and 18 none (Robinson & Goforth 2005).
The equilibrium counts are also derived analytically in ``test_labelled_equilibrium_counts_analytic``.
"""

from collections import Counter
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import Game, InvalidGameError, pure_equilibria
from gametheory.strategies import ordinal_games
from gametheory.taxonomy import (
    classify,
    ordinal_ranks,
    pure_equilibrium_counts,
    rapoport_guyer_class,
    rapoport_guyer_classes,
    robinson_goforth_class,
    robinson_goforth_classes,
    strict_ordinal_2x2_games,
)

ALL = list(strict_ordinal_2x2_games())


def relabellings(g):
    return [
        g,
        g.permute_strategies(0, [1, 0]),
        g.permute_strategies(1, [1, 0]),
        g.permute_strategies(0, [1, 0]).permute_strategies(1, [1, 0]),
    ]


def test_576_distinct_labelled_games():
    assert len(ALL) == 576
    assert len({g for g in ALL}) == 576


def test_class_counts_match_published():
    rg = {robinson_goforth_class(g).number for g in ALL}
    rag = {rapoport_guyer_class(g).number for g in ALL}
    assert len(rg) == 144 == len(robinson_goforth_classes())
    assert len(rag) == 78 == len(rapoport_guyer_classes())
    assert sum(c.symmetric for c in robinson_goforth_classes()) == 12
    sizes = Counter(robinson_goforth_class(g).number for g in ALL)
    assert set(sizes.values()) == {4}
    rag_sizes = Counter(rapoport_guyer_class(g).number for g in ALL)
    assert Counter(rag_sizes.values()) == {8: 66, 4: 12}


def test_classes_are_orbits_of_relabelling_computed_with_game_methods():
    # independent of the module's internal swaps: use Game.permute_strategies / permute_players
    for g in ALL:
        c = robinson_goforth_class(g)
        for h in relabellings(g):
            assert robinson_goforth_class(h) == c
        swapped = g.permute_players([1, 0])
        assert rapoport_guyer_class(swapped) == rapoport_guyer_class(g)
        assert (robinson_goforth_class(swapped) == c) == c.symmetric
    # different orbits are different classes: count orbits by brute force
    def key(h):  # payoffs only: permute_strategies also moves the labels
        return tuple(h.payoffs.flat)

    orbits = {frozenset(map(key, relabellings(g))) for g in ALL}
    assert len(orbits) == 144
    orbits2 = {frozenset(map(key, relabellings(g) + relabellings(g.permute_players([1, 0])))) for g in ALL}
    assert len(orbits2) == 78


def test_pure_equilibrium_counts_match_published_and_solver():
    assert pure_equilibrium_counts() == {0: 18, 1: 108, 2: 18}
    # the solver (independent code) agrees on every labelled game
    by_solver = Counter(len(pure_equilibria(g)) for g in ALL)
    assert by_solver == {0: 72, 1: 432, 2: 72}
    for g in ALL:
        assert robinson_goforth_class(g).pure_equilibria == len(pure_equilibria(g))


def test_labelled_equilibrium_counts_analytic():
    # a cell is an equilibrium iff it beats one specific cell for each player: probability 1/4;
    # two equilibria need both cells of a diagonal to be equilibria: probability (1/4)(1/4) per diagonal
    p_cell = Fraction(1, 2) * Fraction(1, 2)
    expected_eq = 4 * p_cell
    p_two = 2 * Fraction(1, 4) * Fraction(1, 4)
    p_one = expected_eq - 2 * p_two
    p_zero = 1 - p_one - p_two
    assert (576 * p_zero, 576 * p_one, 576 * p_two) == (72, 432, 72)
    assert pure_equilibrium_counts() == {0: 576 * p_zero / 4, 1: 576 * p_one / 4, 2: 576 * p_two / 4}


def test_rapoport_guyer_equilibrium_counts_follow_from_symmetry():
    rg = robinson_goforth_classes()
    sym = Counter(c.pure_equilibria for c in rg if c.symmetric)
    asym = Counter(c.pure_equilibria for c in rg if not c.symmetric)
    # symmetric 2x2 games always have a pure equilibrium; half of each are coordination/anti-coordination
    assert sym == {1: 6, 2: 6}
    rag = pure_equilibrium_counts(rapoport_guyer_classes())
    assert rag == {k: sym[k] + asym[k] // 2 for k in (0, 1, 2)} == {0: 9, 1: 57, 2: 12}


TEXTBOOK = {
    # (A, B) with rows/cols (C, D); symmetric: B = A^T
    "Prisoner's Dilemma": [[3, 0], [5, 1]],
    "Chicken": [[0, -1], [1, -10]],
    "Stag Hunt": [[4, 1], [3, 2]],
    "Assurance": [[4, 1], [2, 3]],
    "Deadlock": [[1, 0], [3, 2]],
    "Harmony": [[4, 2], [3, 1]],
    "Leader": [[2, 3], [4, 1]],
    "Hero": [[2, 4], [3, 1]],
}


@pytest.mark.parametrize("name, A", TEXTBOOK.items())
def test_textbook_games_are_named(name, A):
    g = Game.from_bimatrix(A, np.array(A).T.tolist())
    for h in relabellings(g):
        assert classify(h).name == name
    named = [c for c in robinson_goforth_classes() if c.name == name]
    assert len(named) == 1 and named[0].symmetric


def test_named_classes_and_battle_of_the_sexes_alias():
    names = [c.name for c in robinson_goforth_classes() if c.name]
    assert len(names) == len(set(names)) == 8
    bos = [c for c in robinson_goforth_classes() if "Battle of the Sexes" in c.names]
    assert {c.name for c in bos} == {"Leader", "Hero"}
    assert all(c.pure_equilibria == 2 for c in bos)
    assert all(c.name is None for c in robinson_goforth_classes() if not c.symmetric)
    pd = next(c for c in robinson_goforth_classes() if c.name == "Prisoner's Dilemma")
    assert pd.ordering == "TRPS" and pd.pure_equilibria == 1
    assert "Prisoner's Dilemma" in str(pd) and classify(pd.game()).name == "Prisoner's Dilemma"


def test_refuses_ties_and_other_shapes():
    with pytest.raises(InvalidGameError, match="indifferent"):
        ordinal_ranks(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    with pytest.raises(InvalidGameError, match="2×2"):
        classify(Game.from_bimatrix([[1, 2, 3]], [[1, 2, 3]]))


@settings(max_examples=60, deadline=None, database=None)
@given(ordinal_games(), st.integers(1, 5), st.integers(-3, 3), st.integers(1, 5), st.integers(-3, 3))
def test_class_depends_only_on_orderings(g, a, b, c, d):
    # positive affine (indeed any increasing) transformations of each player's payoffs keep the class
    h = Game(np.stack([g.payoffs[0] * a + b, g.payoffs[1] * c + d]))
    assert classify(h) == classify(g)
    assert classify(h.to_float()) == classify(g)
    assert ordinal_ranks(g) == tuple(tuple(tuple(int(x) for x in row) for row in m) for m in g.payoffs)
