"""Solvers: free functions ``game -> result``, one module per algorithm family.

``solve(game)`` is the default entry point and dispatches on the game.
"""

from __future__ import annotations

from .correlated import CorrelatedEquilibrium, CorrelatedSolution, coarse_correlated_equilibria, correlated_equilibria
from .dispatch import solve
from .dominance import Elimination, EliminationResult, dominated_by, iterated_elimination
from .enumeration import best_response_polytopes, enumerate_equilibria
from .lemke_howson import lemke_howson, lemke_howson_all
from .lp import SecurityResult, SecurityStrategy, ZeroSumValue, security_strategies, zero_sum_value
from .polynomial import enumerate_nplayer_equilibria, polynomial_equilibria, support_equilibria
from .pure import pure_best_response_mask, pure_equilibria
from .qre import QRE, QREPath, logit_qre, trace_qre
from .reverse_search import reverse_search_equilibria
from .support_enumeration import support_enumeration
from .welfare import ParetoResult, pareto_optimal

__all__ = [
    "solve",
    # pure strategies and dominance
    "pure_equilibria",
    "pure_best_response_mask",
    "iterated_elimination",
    "dominated_by",
    "Elimination",
    "EliminationResult",
    "pareto_optimal",
    "ParetoResult",
    # linear programming
    "security_strategies",
    "zero_sum_value",
    "SecurityStrategy",
    "SecurityResult",
    "ZeroSumValue",
    "correlated_equilibria",
    "coarse_correlated_equilibria",
    "CorrelatedEquilibrium",
    "CorrelatedSolution",
    # two players
    "enumerate_equilibria",
    "reverse_search_equilibria",
    "best_response_polytopes",
    "support_enumeration",
    "lemke_howson",
    "lemke_howson_all",
    # N players
    "polynomial_equilibria",
    "enumerate_nplayer_equilibria",
    "support_equilibria",
    "logit_qre",
    "trace_qre",
    "QRE",
    "QREPath",
]
