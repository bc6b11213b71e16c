"""gametheory: exact, complete and explainable game theory for policy negotiations.

Examples
--------
>>> import gametheory as gt
>>> g = gt.Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], title="Prisoner's Dilemma")
>>> len(gt.solve(g))
1
"""

from __future__ import annotations

from . import errors, exact
from .errors import (
    DegenerateGameWarning,
    GameTheoryError,
    GameTheoryWarning,
    InvalidGameError,
    InvalidProfileError,
    NotSupportedError,
    SolverError,
    SpecError,
)
from .game import Game
from .solution import Component, Equilibrium, Solution
from .solvers import pure_equilibria, solve
from .solvers import enumerate_equilibria, lemke_howson, lemke_howson_all, support_enumeration

__all__ = [
    "Game",
    "Equilibrium",
    "Component",
    "Solution",
    "solve",
    "pure_equilibria",
    "enumerate_equilibria",
    "lemke_howson",
    "lemke_howson_all",
    "support_enumeration",
    "GameTheoryError",
    "InvalidGameError",
    "InvalidProfileError",
    "SpecError",
    "SolverError",
    "NotSupportedError",
    "GameTheoryWarning",
    "DegenerateGameWarning",
    "errors",
    "exact",
]

from .solution import package_version as _pv

__version__ = _pv()
