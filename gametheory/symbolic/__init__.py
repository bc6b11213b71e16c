"""Parameters as symbols: equilibrium regions, exact thresholds and comparative statics.

* :class:`SymbolicGame` -- payoffs as sympy expressions in named :class:`Parameter`\\ s
  (ranges carried into sympy); ``game.subs(values)`` is the exact numeric game.
  From Python, or from a game file via :meth:`SymbolicGame.from_spec` (the spec's
  restricted expression parser; text is never given to ``sympify``).
* :func:`equilibrium_regions` -- every equilibrium of a two-player game in closed
  form with the exact conditions under which it exists (symbolic support
  enumeration; degenerate boundaries and continua reported).
* :func:`thresholds` -- the exact breakpoints of one parameter (rational or
  algebraic) and the equilibria on each interval and at each breakpoint; for
  sequential games (:class:`SymbolicTree`, composition files) the subgame-perfect
  paths, by backward induction with exact comparisons.
* :func:`comparative_statics` -- derivatives, with warnings where a player's own
  payoff parameter does not move its own mixture.
* :func:`plot_probabilities`, :func:`plot_region_map` -- figures;
  :func:`symbolic_report` -- the text of ``gametheory solve GAME --symbolic``.

Examples
--------
>>> from gametheory.symbolic import hawk_dove, equilibrium_regions, thresholds
>>> mixed = [r for r in equilibrium_regions(hawk_dove()) if r.supports == ((0, 1), (0, 1))][0]
>>> mixed.strategy("Row"), mixed.conditions_text()
({'Hawk': V/C, 'Dove': (C - V)/C}, 'C > V')
>>> thresholds(hawk_dove(), "C", others={"V": 3}).values
(3,)
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
