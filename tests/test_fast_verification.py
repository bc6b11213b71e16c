"""The integer verification of bimatrix profiles agrees with the general Fraction path."""

from fractions import Fraction

import numpy as np
import pytest

from gametheory import Game
from gametheory.errors import SolverError
from gametheory.profiles import expected_payoffs, regrets, supports
from gametheory.solution import _exact_bimatrix_equilibrium, make_equilibrium
from gametheory.solvers import enumerate_equilibria


def _random_game(rng, m, n):
    A = [[Fraction(int(rng.integers(-9, 10)), int(rng.integers(1, 4))) for _ in range(n)] for _ in range(m)]
    B = [[Fraction(int(rng.integers(-9, 10)), int(rng.integers(1, 4))) for _ in range(n)] for _ in range(m)]
    return Game.from_bimatrix(A, B)


def test_fast_path_matches_general_path_on_equilibria():
    rng = np.random.default_rng(7)
    checked = 0
    for _ in range(40):
        m, n = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        g = _random_game(rng, m, n)
        for e in enumerate_equilibria(g, warn=False):
            fast = _exact_bimatrix_equilibrium(g, e.profile)
            assert fast is not None
            assert fast.payoffs == expected_payoffs(g, e.profile)
            assert all(type(v) is Fraction for v in fast.payoffs)
            assert fast.regret == max(regrets(g, e.profile)) == 0
            assert fast.supports == supports(e.profile)
            checked += 1
    assert checked > 40


def test_fast_path_rejects_non_equilibria():
    rng = np.random.default_rng(11)
    rejected = 0
    for _ in range(60):
        g = _random_game(rng, 3, 3)
        x = [Fraction(int(v)) for v in rng.integers(0, 4, size=3)]
        y = [Fraction(int(v)) for v in rng.integers(0, 4, size=3)]
        if sum(x) == 0 or sum(y) == 0:
            continue
        prof = (tuple(v / sum(x) for v in x), tuple(v / sum(y) for v in y))
        is_eq = max(regrets(g, prof)) == 0
        assert (_exact_bimatrix_equilibrium(g, prof) is not None) == is_eq
        if not is_eq:
            rejected += 1
            with pytest.raises(SolverError):
                make_equilibrium(g, prof)
    assert rejected > 10
