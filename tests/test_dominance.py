"""iterated_elimination / dominated_by: fixed cases, certificates replayed, laws, oracles."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from gametheory import Game, InvalidProfileError, NotSupportedError, iterated_elimination, pure_equilibria
from gametheory.solvers import dominated_by

from _found_strategies import games, pure_set


def test_prisoners_dilemma_is_dominance_solvable():
    pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "Russia"),
                            strategies=(("C", "D"), ("C", "D")))
    res = iterated_elimination(pd)
    assert res.solved and res.remaining == (("D",), ("D",)) and res.rounds == 1
    assert [(e.player, e.strategy, e.dominated_by, e.margin, e.strict) for e in res] == [
        ("US", "C", "D", F(1), True),
        ("Russia", "C", "D", F(1), True),
    ]
    assert res.reduced.payoffs[:, 0, 0].tolist() == [F(1), F(1)]


def test_strategy_dominated_only_by_a_mixture():
    g = Game.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [1, 1]],
                           players=("Row", "Col"), strategies=(("T", "B", "M"), ("L", "R")))
    assert dominated_by(g, "Row", "M", mixed=False) is None
    assert dominated_by(g, "Row", "M") == {"T": F(1, 2), "B": F(1, 2)}
    res = iterated_elimination(g)
    (e,) = res.eliminations
    assert e.strategy == "M" and e.dominated_by == {"T": F(1, 2), "B": F(1, 2)} and e.margin == F(1, 2)
    assert isinstance(e.margin, F) and not e.pure
    assert res.remaining == (("T", "B"), ("L", "R"))
    assert len(iterated_elimination(g, mixed=False)) == 0
    assert "strictly dominated by T 1/2, B 1/2 (margin 1/2)" in str(res)


def test_three_rounds_textbook_example():
    # Gibbons (1992), Figure 1.1.1: Right, then Down, then Left are eliminated.
    g = Game.from_bimatrix([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
                           players=("1", "2"), strategies=(("Up", "Down"), ("Left", "Middle", "Right")))
    res = iterated_elimination(g)
    assert [(e.round, e.strategy, e.dominated_by) for e in res] == [
        (1, "Right", "Middle"),
        (2, "Down", "Up"),
        (3, "Left", "Middle"),
    ]
    assert res.remaining == (("Up",), ("Middle",)) and res.solved


def test_weak_dominance_and_the_order_note():
    g = Game.from_bimatrix([[1, 1], [1, 0]], [[1, 1], [1, 0]], strategies=(("a", "b"), ("x", "y")))
    assert len(iterated_elimination(g)) == 0
    res = iterated_elimination(g, strict=False)
    assert res.remaining == (("a",), ("x",))
    assert all(not e.strict and e.margin == 0 for e in res)
    assert "depend on the order" in str(res)


def test_weak_domination_by_a_mixture_only():
    # row 3 pays (1, 1, 0): never more than the 1/2-1/2 mixture of rows 1 and 2 (1, 1, 1/2 ... )
    A = [[2, 0, 1], [0, 2, 0], [1, 1, 0]]
    g = Game.from_bimatrix(A, [[0, 0, 0]] * 3)
    assert dominated_by(g, 0, 2) is None
    assert dominated_by(g, 0, 2, strict=False) == {"1": F(1, 2), "2": F(1, 2)}
    assert dominated_by(g, 0, 2, strict=False, mixed=False) is None


def test_float_game_agrees_and_reports_floats():
    g = Game.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [1, 1]]).to_float()
    (e,) = iterated_elimination(g).eliminations
    assert e.strategy == "3" and abs(e.margin - 0.5) < 1e-9 and isinstance(e.margin, float)


def test_three_player_game():
    # player 3's second strategy pays 1 less than the first at every profile of the others
    arr = np.zeros((3, 2, 2, 2), dtype=int)
    arr[2, :, :, 0] = [[2, 3], [4, 5]]
    arr[2, :, :, 1] = [[1, 2], [3, 4]]
    res = iterated_elimination(Game(arr))
    assert [(e.player, e.strategy, e.margin) for e in res] == [("Player 3", "2", F(1))]


def test_result_exports():
    g = Game.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [1, 1]])
    res = iterated_elimination(g)
    d = res.to_dict()
    assert d["eliminations"][0]["dominated_by"] == {"1": "1/2", "2": "1/2"}
    assert d["remaining"] == {"Player 1": ["1", "2"], "Player 2": ["1", "2"]}
    assert "<table" in res._repr_html_()


def test_bad_inputs():
    g = Game.from_bimatrix([[1, 0]], [[0, 1]])
    with pytest.raises(NotSupportedError):
        iterated_elimination([[1, 0], [0, 1]])
    with pytest.raises(InvalidProfileError):
        dominated_by(g, "Nobody", 0)
    with pytest.raises(InvalidProfileError):
        dominated_by(g, 0, 5)


# -- certificates replayed on the original game --------------------------------------


def replay(res):
    """Check every recorded domination on the game surviving before its round."""
    game = res.game
    alive = [list(range(n)) for n in game.shape]
    for r in range(1, res.rounds + 1):
        elims = [e for e in res if e.round == r]
        for e in elims:
            i = game.player_index(e.player)
            s = game.strategy_index(i, e.strategy)
            assert s in alive[i]
            keep = [list(a) for a in alive]
            sub = game.payoffs[np.ix_(range(game.num_players), *keep)]
            U = np.moveaxis(sub[i], i, 0).reshape(len(alive[i]), -1)
            mix = {game.strategy_index(i, lab): p for lab, p in e.dominator}
            assert all(t in alive[i] and t != s for t in mix) and sum(mix.values()) == 1
            adv = sum(p * U[alive[i].index(t)] for t, p in mix.items()) - U[alive[i].index(s)]
            adv = adv.tolist()
            if game.exact:
                assert min(adv) == e.margin
                assert (min(adv) > 0) if e.strict else (min(adv) >= 0 and max(adv) > 0)
            else:
                assert abs(min(adv) - e.margin) < 1e-9
        for e in elims:
            i = game.player_index(e.player)
            alive[i].remove(game.strategy_index(i, e.strategy))
    assert tuple(tuple(game.strategies[i][k] for k in a) for i, a in enumerate(alive)) == res.remaining


def best_response_to_some_belief(U, s, full_support=False):
    """Pearce's lemma, by an independent LP: is row s a best response to some belief over columns?"""
    m, n = U.shape
    others = [t for t in range(m) if t != s]
    if not others:
        return True
    D = np.array([[float(U[s, c] - U[t, c]) for c in range(n)] for t in others])
    # variables y (n) and z; maximise z s.t. D y >= 0 (weak) or >= z, y_c >= z (full support), sum y = 1
    if full_support:
        A_ub = np.vstack([np.hstack([-D, np.zeros((len(others), 1))]), np.hstack([-np.eye(n), np.ones((n, 1))])])
        b_ub = np.zeros(len(others) + n)
    else:
        A_ub = np.hstack([-D, np.ones((len(others), 1))])
        b_ub = np.zeros(len(others))
    res = linprog(np.r_[np.zeros(n), -1.0], A_ub=A_ub, b_ub=b_ub, A_eq=np.r_[np.ones(n), 0.0][None, :], b_eq=[1.0],
                  bounds=[(0, None)] * n + [(None, 1)], method="highs")
    z = -res.fun
    return z > 1e-9 if full_support else z >= -1e-9


def survivors_undominated(res, weak=False):
    g = res.reduced
    for i in range(g.num_players):
        U = np.moveaxis(g.payoffs[i], i, 0).reshape(g.shape[i], -1)
        for s in range(g.shape[i]):
            assert best_response_to_some_belief(U, s, full_support=weak), (g.players[i], g.strategies[i][s])


@settings(max_examples=60, deadline=None)
@given(games(min_players=2, max_players=3, max_strategies=4))
def test_strict_elimination_certificates_and_survivors(game):
    res = iterated_elimination(game)
    replay(res)
    survivors_undominated(res)


@settings(max_examples=40, deadline=None)
@given(games(min_players=2, max_players=3, max_strategies=4))
def test_weak_elimination_certificates_and_survivors(game):
    res = iterated_elimination(game, strict=False)
    replay(res)
    survivors_undominated(res, weak=True)


@settings(max_examples=60, deadline=None)
@given(games(min_players=1, max_players=3, max_strategies=4))
def test_strict_elimination_keeps_every_pure_equilibrium(game):
    res = iterated_elimination(game)
    removed = {(e.player, e.strategy) for e in res}
    for prof in pure_set(pure_equilibria(game)):
        for i, s in enumerate(prof):
            assert (game.players[i], game.strategies[i][s]) not in removed
    # and the reduced game has exactly the same pure equilibria (by labels)
    def lab(g, sol):
        return {tuple(g.strategies[i][k] for i, k in enumerate(p)) for p in pure_set(sol)}
    assert lab(res.reduced, pure_equilibria(res.reduced)) == lab(game, pure_equilibria(game))


@settings(max_examples=30, deadline=None)
@given(games(min_players=2, max_players=3), st.data())
def test_strict_result_does_not_depend_on_strategy_order(game, data):
    i = data.draw(st.integers(0, game.num_players - 1))
    order = data.draw(st.permutations(range(game.shape[i])))
    a = iterated_elimination(game).remaining
    b = iterated_elimination(game.permute_strategies(i, order)).remaining
    assert [set(x) for x in a] == [set(x) for x in b]


@settings(max_examples=30, deadline=None)
@given(games(min_players=2, max_players=3))
def test_exact_and_float_games_eliminate_the_same(game):
    exact = iterated_elimination(game)
    flt = iterated_elimination(game.to_float())
    assert exact.remaining == flt.remaining
    assert [(e.round, e.player, e.strategy) for e in exact] == [(e.round, e.player, e.strategy) for e in flt]


def test_pure_only_matches_a_brute_force_loop():
    rng = np.random.default_rng(11)
    for _ in range(30):
        arr = rng.integers(0, 4, size=(2, 4, 4))
        g = Game(arr)
        alive = [list(range(4)), list(range(4))]
        while True:
            gone = []
            for i in range(2):
                for s in alive[i]:
                    for t in alive[i]:
                        if t == s:
                            continue
                        others = alive[1 - i]
                        pay = (lambda a, b: arr[0, a, b]) if i == 0 else (lambda a, b: arr[1, b, a])
                        if all(pay(t, o) > pay(s, o) for o in others):
                            gone.append((i, s))
                            break
            if not gone:
                break
            for i, s in gone:
                alive[i].remove(s)
        res = iterated_elimination(g, mixed=False)
        assert res.remaining == tuple(tuple(g.strategies[i][k] for k in a) for i, a in enumerate(alive))
