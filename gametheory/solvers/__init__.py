"""Solvers: free functions ``game -> result``, one module per algorithm family.

``solve(game)`` is the default entry point and dispatches on the game.
"""

from __future__ import annotations

from .dispatch import solve
from .dominance import Elimination, EliminationResult, dominated_by, iterated_elimination
from .lp import SecurityResult, SecurityStrategy, ZeroSumValue, security_strategies, zero_sum_value
from .pure import pure_best_response_mask, pure_equilibria
from .welfare import ParetoResult, pareto_optimal

__all__ = [
    "solve",
    "pure_equilibria",
    "pure_best_response_mask",
    "iterated_elimination",
    "dominated_by",
    "Elimination",
    "EliminationResult",
    "security_strategies",
    "zero_sum_value",
    "SecurityStrategy",
    "SecurityResult",
    "ZeroSumValue",
    "pareto_optimal",
    "ParetoResult",
]
from .polynomial import enumerate_nplayer_equilibria, polynomial_equilibria, support_equilibria
from .qre import QRE, QREPath, logit_qre, trace_qre
from .correlated import CorrelatedEquilibrium, CorrelatedSolution, coarse_correlated_equilibria, correlated_equilibria

__all__ += ["polynomial_equilibria", "enumerate_nplayer_equilibria", "support_equilibria"]
__all__ += ["logit_qre", "trace_qre", "QRE", "QREPath"]
__all__ += ["correlated_equilibria", "coarse_correlated_equilibria", "CorrelatedEquilibrium", "CorrelatedSolution"]
