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
from .io.spec import dump, load, load_spec
from .solution import Component, Equilibrium, Solution
from .solvers import pure_equilibria, solve
from . import sequential
from .sequential import SequentialGame, subgame_perfect_equilibria
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
    "read_nfg",
    "write_nfg",
    "read_efg",
    "write_efg",
    "load",
    "load_spec",
    "dump",
    "library",
    "sequential",
    "SequentialGame",
    "subgame_perfect_equilibria",
    "symbolic",
]

from .solution import package_version as _pv


def __getattr__(name: str):
    # ``gametheory.library`` is imported on first use, so ``python -m gametheory.library`` runs cleanly.
    if name in ("library", "symbolic"):  # symbolic: sympy loads only when it is used
        import importlib

        return importlib.import_module("." + name, __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__version__ = _pv()
