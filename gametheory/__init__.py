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
    OutputError,
    SolverError,
    SpecError,
)
from .game import Game
from .io.gambit import read_efg, read_nfg, write_efg, write_nfg
from .io.spec import dump, load, load_spec
from .solution import Component, Equilibrium, Solution
from .algebraic import AlgebraicEquilibrium
from .solvers import (
    QRE,
    QREPath,
    coarse_correlated_equilibria,
    correlated_equilibria,
    dominated_by,
    enumerate_equilibria,
    enumerate_nplayer_equilibria,
    iterated_elimination,
    lemke_howson,
    lemke_howson_all,
    logit_qre,
    pareto_optimal,
    polynomial_equilibria,
    pure_equilibria,
    security_strategies,
    solve,
    support_enumeration,
    trace_qre,
    zero_sum_value,
)
from . import assumptions, dynamics, extensive, sequential, taxonomy
from .assumptions import prefers, robustness
from .errors import AssumptionError
from .extensive import ExtensiveGame, SequentialGame
from .bayesian import BayesianGame, bayes_nash_equilibria
from .sequential import subgame_perfect_equilibria
from .taxonomy import classify
from .provenance import load_result
from .batch import solve_many
from .citation import cite
from .display.explore import explore

__all__ = [
    # the model and results
    "Game",
    "ExtensiveGame",
    "SequentialGame",
    "BayesianGame",
    "Equilibrium",
    "AlgebraicEquilibrium",
    "Component",
    "Solution",
    # solving
    "solve",
    "solve_many",
    "pure_equilibria",
    "enumerate_equilibria",
    "support_enumeration",
    "lemke_howson",
    "lemke_howson_all",
    "iterated_elimination",
    "dominated_by",
    "security_strategies",
    "zero_sum_value",
    "pareto_optimal",
    "polynomial_equilibria",
    "enumerate_nplayer_equilibria",
    "logit_qre",
    "trace_qre",
    "QRE",
    "QREPath",
    "correlated_equilibria",
    "coarse_correlated_equilibria",
    "subgame_perfect_equilibria",
    "bayes_nash_equilibria",
    # files
    "load",
    "load_spec",
    "dump",
    "read_nfg",
    "write_nfg",
    "read_efg",
    "write_efg",
    "library",
    # provenance and citation
    "load_result",
    "cite",
    # Jupyter
    "explore",
    # assumptions
    "prefers",
    "robustness",
    "classify",
    # errors and warnings
    "GameTheoryError",
    "InvalidGameError",
    "InvalidProfileError",
    "SpecError",
    "SolverError",
    "NotSupportedError",
    "OutputError",
    "AssumptionError",
    "GameTheoryWarning",
    "DegenerateGameWarning",
    # modules
    "errors",
    "exact",
    "assumptions",
    "taxonomy",
    "dynamics",
    "extensive",
    "sequential",
    "symbolic",
    "sweep",
]

def __getattr__(name: str):
    # ``gametheory.library`` is imported on first use, so ``python -m gametheory.library`` runs cleanly.
    if name in ("library", "symbolic", "sweep"):  # symbolic: sympy loads only when it is used
        import importlib

        return importlib.import_module("." + name, __name__)
    if name == "__version__":  # looked up on first use (importlib.metadata costs ~15 ms)
        from .solution import package_version

        return package_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

