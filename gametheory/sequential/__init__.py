"""The composer: extensive-form games built from stage games, decisions, chance and terminals.

Build a tree from sub-games (:class:`Stage`, :class:`Decision`, :class:`Chance`,
:class:`Terminal`, or the helpers :func:`compose`, :func:`decide`, :func:`chance`,
:func:`payoffs`), wrap it in an :class:`~gametheory.extensive.ExtensiveGame`
(``SequentialGame`` is the same class) and find every subgame-perfect equilibrium
with :func:`subgame_perfect_equilibria`.

Examples
--------
>>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
>>> g = SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}}))
>>> print(subgame_perfect_equilibria(g))
subgame_perfect_equilibria: 1 subgame-perfect equilibrium (complete, exact)
  1. A chooses y.  Payoffs: A 2.
"""

from .backward import DEFAULT_MAX_EQUILIBRIA, SELECTIONS, subgame_perfect_equilibria
from .compose import chance, compose, decide, payoffs
from .display import outcome_summary, outline, report, tree_figure
from ..extensive.game import (
    MAX_POSITIONS,
    WILDCARD,
    Chance,
    Decision,
    ExtensiveGame,
    Position,
    SequentialGame,
    Stage,
    Terminal,
)
from ..extensive.result import Play, SequentialSolution, Step, SubgamePerfectEquilibrium, TreeEquilibrium

__all__ = [
    "Stage",
    "Decision",
    "Chance",
    "Terminal",
    "SequentialGame",
    "ExtensiveGame",
    "TreeEquilibrium",
    "Position",
    "compose",
    "decide",
    "chance",
    "payoffs",
    "subgame_perfect_equilibria",
    "SubgamePerfectEquilibrium",
    "SequentialSolution",
    "Step",
    "Play",
    "outline",
    "report",
    "outcome_summary",
    "tree_figure",
    "SELECTIONS",
    "DEFAULT_MAX_EQUILIBRIA",
    "MAX_POSITIONS",
    "WILDCARD",
]

from ..extensive.normal_form import reduced_normal_form, reduced_strategy_profile  # noqa: E402

__all__ += ["reduced_normal_form", "reduced_strategy_profile"]

from .scenario import scenario_report  # noqa: E402
from .spec import build_sequential  # noqa: E402
from .verify import one_shot_regret  # noqa: E402

__all__ += ["scenario_report", "build_sequential", "one_shot_regret"]

from .outcomes import EquilibriumOutcomes, OutcomeGroup, equilibrium_outcomes  # noqa: E402
from .regions import OutcomeRegion, OutcomeThresholds, outcome_report, outcome_thresholds  # noqa: E402
from .valued import build_valued, format_says, register_violations  # noqa: E402

__all__ += ["equilibrium_outcomes", "EquilibriumOutcomes", "OutcomeGroup", "outcome_thresholds", "outcome_report",
            "OutcomeThresholds", "OutcomeRegion", "build_valued", "format_says", "register_violations"]

from .scales import ScaleSensitivity, WeightSensitivity, rescaled, scale_sensitivity  # noqa: E402

__all__ += ["scale_sensitivity", "ScaleSensitivity", "WeightSensitivity", "rescaled"]
