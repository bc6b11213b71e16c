"""Parameters as symbols: equilibrium regions, exact thresholds and comparative statics.

Examples
--------
>>> import sympy
>>> from gametheory.symbolic import SymbolicGame, Parameter
>>> isinstance(SymbolicGame([[sympy.Symbol("k")]]), SymbolicGame)
True
"""

from __future__ import annotations

from .conditions import Condition
from .game import SymbolicGame
from .parameters import Parameter

__all__ = ["SymbolicGame", "Parameter", "Condition"]
from .regions import EquilibriumRegion, RegionSolution, equilibrium_regions

__all__ += ["EquilibriumRegion", "RegionSolution", "equilibrium_regions"]
from .thresholds import Breakpoint, Interval, Thresholds, thresholds

__all__ += ["Breakpoint", "Interval", "Thresholds", "thresholds"]
from .statics import ComparativeStatics, comparative_statics

__all__ += ["ComparativeStatics", "comparative_statics"]
from .plots import plot_probabilities, plot_region_map

__all__ += ["plot_probabilities", "plot_region_map"]
from .report import symbolic_game, symbolic_report

__all__ += ["symbolic_report", "symbolic_game"]
from .sequential import (
    SequentialThresholds,
    SymbolicStage,
    SymbolicTree,
    stage,
    chance,
    decision,
    sequential_report,
    sequential_thresholds,
    terminal,
)

__all__ += [
    "SymbolicTree",
    "SymbolicStage",
    "stage",
    "decision",
    "chance",
    "terminal",
    "SequentialThresholds",
    "sequential_thresholds",
    "sequential_report",
]
from .examples import hawk_dove, inspection_game, tripwire

__all__ += ["hawk_dove", "inspection_game", "tripwire"]
from .composition import tree_from_composition

__all__ += ["tree_from_composition"]
