"""The Game model: construction, validation, labels, payoffs of profiles."""

from fractions import Fraction as F

import numpy as np
import pytest

from gametheory import Game, InvalidGameError, InvalidProfileError
from gametheory.errors import GameTheoryError


def pd():
    return Game.from_bimatrix(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=("US", "Russia"),
        strategies=(("C", "D"), ("C", "D")),
        title="PD",
    )


def test_exact_and_float_kinds():
    assert pd().exact and pd().payoffs.dtype == object
    assert isinstance(pd().payoffs[0, 1, 1], F)
    g = Game.from_bimatrix([["1/2", 0]], [[1, 2]])
    assert g.exact and g.payoffs[0, 0, 0] == F(1, 2)
    h = Game.from_bimatrix([[0.5, 0]], [[1, 2]])
    assert not h.exact and h.payoffs.dtype == np.float64
    assert Game(np.zeros((2, 2, 2), dtype=int)).exact


@pytest.mark.parametrize(
    "payoffs, match",
    [
        ([[[1, 2]], [[1]]], "ragged"),
        ([[1, 2], [3, 4]], "dimensions"),
        ([[[1, float("nan")]], [[1, 2]]], "not finite|NaN"),
        ([[[1, float("inf")]], [[1, 2]]], "not finite|infinite"),
        ([[["x", 1]], [[1, 2]]], "not a number"),
        ([[[None, 1]], [[1, 2]]], "not a number"),
        ([[[True, 1]], [[1, 2]]], "not a number"),
        (np.zeros((2, 0, 3)), "no strategy"),
        ([1, 2], "dimension"),
    ],
)
def test_invalid_payoffs(payoffs, match):
    with pytest.raises(InvalidGameError, match=match):
        Game(payoffs)


def test_invalid_labels_and_size():
    with pytest.raises(InvalidGameError, match="duplicate"):
        Game.from_bimatrix([[1]], [[1]], players=("A", "A"))
    with pytest.raises(InvalidGameError, match="duplicate"):
        Game.from_bimatrix([[1, 2]], [[1, 2]], strategies=(("T",), ("x", "x")))
    with pytest.raises(InvalidGameError, match="expected 2 labels"):
        Game.from_bimatrix([[1, 2]], [[1, 2]], strategies=(("T",), ("x",)))
    with pytest.raises(InvalidGameError, match="limit"):
        Game(np.zeros((2, 3000, 3000), dtype=np.float64))
    assert issubclass(InvalidGameError, GameTheoryError)


def test_labels_and_indexing():
    g = pd()
    assert g.players == ("US", "Russia") and g.strategies[1] == ("C", "D")
    assert g[("D", "C")] == (5, 0) == g[(1, 0)] == g[{"Russia": "C", "US": "D"}]
    assert g.player_index("Russia") == 1 and g.strategy_index("US", "D") == 1
    with pytest.raises(InvalidProfileError, match="unknown player 'EU'"):
        g.player_index("EU")
    with pytest.raises(InvalidProfileError, match="unknown strategy 'X'"):
        g[("X", "C")]
    default = Game.zero_sum([[1, 2, 3]])
    assert default.players == ("Player 1", "Player 2") and default.strategies[1] == ("1", "2", "3")


def test_mixed_payoff_regret_and_best_responses():
    mp = Game.zero_sum([[1, -1], [-1, 1]], players=("R", "C"), strategies=(("H", "T"), ("H", "T")))
    half = {"H": "1/2", "T": "1/2"}
    assert mp.payoff({"R": half, "C": half}) == (0, 0)
    assert mp.is_equilibrium({"R": half, "C": half})
    assert mp.regret({"R": "H", "C": "H"}) == (0, 2)
    assert mp.best_responses("C", {"R": "H"}) == ("T",)
    assert mp.best_responses("C", {"R": half}) == ("H", "T")
    # float profiles give float payoffs with a tolerance
    assert mp.is_equilibrium([[0.5, 0.5], [0.5 + 1e-12, 0.5 - 1e-12]])
    with pytest.raises(InvalidProfileError, match="sum to"):
        mp.payoff([[1, 1], [1, 0]])
    with pytest.raises(InvalidProfileError, match="negative"):
        mp.payoff([[2, -1], [1, 0]])


def test_three_player_payoff_matches_brute_force():
    rng = np.random.default_rng(0)
    arr = rng.integers(-5, 6, size=(3, 2, 3, 2))
    g = Game(arr)
    sigma = [[F(1, 3), F(2, 3)], [F(1, 2), 0, F(1, 2)], [F(1, 4), F(3, 4)]]
    brute = [
        sum(arr[i, a, b, c] * sigma[0][a] * sigma[1][b] * sigma[2][c] for a in range(2) for b in range(3) for c in range(2))
        for i in range(3)
    ]
    assert g.payoff(sigma) == tuple(brute)


def test_equality_hash_and_derived_games():
    assert pd() == pd() and hash(pd()) == hash(pd())
    assert pd() != pd().to_float()
    g = pd().permute_players(["Russia", "US"])
    assert g[("D", "C")] == (5, 0)  # Russia D, US C; payoffs in the new player order
    assert g.permute_players(["US", "Russia"]) == pd()
    assert pd().permute_strategies("US", ["D", "C"])[("D", "C")] == (5, 0)
    assert pd().restrict([["D"], ["C", "D"]]).shape == (1, 2)
    with pytest.raises(AttributeError):
        pd().players = ("a", "b")
    with pytest.raises(ValueError):
        pd().payoffs[0, 0, 0] = 7


def test_displays_show_labels():
    g = pd()
    assert "US \\ Russia" in str(g)
    html = g._repr_html_()
    assert "gt-eq" in html and "Russia" in html
    assert g._repr_latex_().startswith("$\\begin{array}")
