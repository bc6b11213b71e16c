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
from .io.gambit import read_efg, read_nfg, write_efg, write_nfg
from .solution import Component, Equilibrium, Solution
from .solvers import pure_equilibria, solve

__all__ = [
    "Game",
    "Equilibrium",
    "Component",
    "Solution",
    "solve",
    "pure_equilibria",
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
    "read_nfg",
    "write_nfg",
    "read_efg",
    "write_efg",
]

from .solution import package_version as _pv

__version__ = _pv()
