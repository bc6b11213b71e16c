"""Solvers: free functions ``game -> result``, one module per algorithm family.

``solve(game)`` is the default entry point and dispatches on the game.
"""

from __future__ import annotations

from .dispatch import solve
from .enumeration import best_response_polytopes, enumerate_equilibria
from .lemke_howson import lemke_howson, lemke_howson_all
from .support_enumeration import support_enumeration
from .pure import pure_best_response_mask, pure_equilibria

__all__ = [
    "solve",
    "pure_equilibria",
    "pure_best_response_mask",
    "enumerate_equilibria",
    "best_response_polytopes",
    "lemke_howson",
    "lemke_howson_all",
    "support_enumeration",
]
