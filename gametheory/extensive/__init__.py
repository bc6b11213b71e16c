"""Extensive-form games: one tree model with information sets, chance and stages, and its solvers.

:class:`ExtensiveGame` is the one tree type of the package: the composer
(:mod:`gametheory.sequential`) builds it, :func:`gametheory.read_efg` reads Gambit
files into it and :func:`gametheory.write_efg` writes it, game files describe it in
their ``[composition]`` table, and every tree solver takes it.

Examples
--------
>>> from gametheory.extensive import Decision, ExtensiveGame, reduced_normal_form
>>> g = ExtensiveGame(Decision("A", {"x": {"A": 1, "B": 0}, "y": Decision("B", {"l": {"A": 0, "B": 2}})}))
>>> g.infosets[1].name, reduced_normal_form(g).strategies
('/y', (('x', 'y'), ('l',)))
"""

from .game import (
    MAX_POSITIONS,
    WILDCARD,
    Chance,
    Decision,
    ExtensiveGame,
    InformationSet,
    Node,
    Position,
    SequentialGame,
    Stage,
    Terminal,
)
from .flat import FlatTree
from .behaviour import (
    bayes_beliefs,
    best_response,
    expected_payoffs,
    nash_regret,
    outcome_probabilities,
    reach_probabilities,
    subgame_regret,
    subgame_roots,
)
from .normal_form import (
    behaviour_from_mixed,
    mixed_from_behaviour,
    reduced_normal_form,
    reduced_plans,
    reduced_strategy_profile,
)
from .result import SequentialSolution, SubgamePerfectEquilibrium, TreeEquilibrium, choices_from_behaviour
from .nash import nash_equilibria
from .sequence_form import (
    SequenceForm,
    behaviour_from_realization,
    sequence_form,
    sequence_form_equilibria,
    sequence_form_lemke,
)
from .subgames import subgame_perfect_by_subgames
from .assessment import Assessment, Consistency, kreps_wilson_consistency, sequential_rationality_regret
from .logit import AgentLogitPath, agent_logit_path, logit_sequential_equilibrium
from .signalling import (
    BeliefSet,
    PBEClass,
    SignallingGame,
    SignallingSolution,
    as_signalling_game,
    beer_quiche,
    perfect_bayesian_equilibria,
    signalling_game,
)

__all__ = [
    "ExtensiveGame",
    "SequentialGame",
    "InformationSet",
    "Decision",
    "Chance",
    "Stage",
    "Terminal",
    "Node",
    "Position",
    "MAX_POSITIONS",
    "WILDCARD",
    "FlatTree",
    "reach_probabilities",
    "outcome_probabilities",
    "expected_payoffs",
    "best_response",
    "nash_regret",
    "subgame_roots",
    "subgame_regret",
    "bayes_beliefs",
    "reduced_plans",
    "reduced_normal_form",
    "reduced_strategy_profile",
    "behaviour_from_mixed",
    "mixed_from_behaviour",
    "TreeEquilibrium",
    "SubgamePerfectEquilibrium",
    "SequentialSolution",
    "choices_from_behaviour",
    "nash_equilibria",
    "SequenceForm",
    "sequence_form",
    "sequence_form_equilibria",
    "sequence_form_lemke",
    "behaviour_from_realization",
    "subgame_perfect_by_subgames",
    "Assessment",
    "Consistency",
    "kreps_wilson_consistency",
    "sequential_rationality_regret",
    "AgentLogitPath",
    "agent_logit_path",
    "logit_sequential_equilibrium",
    "SignallingGame",
    "SignallingSolution",
    "PBEClass",
    "BeliefSet",
    "signalling_game",
    "as_signalling_game",
    "beer_quiche",
    "perfect_bayesian_equilibria",
]

from .nature import DelayedTree, delayed_tree, nature_sequential_equilibria  # noqa: E402

__all__ += ["DelayedTree", "delayed_tree", "nature_sequential_equilibria"]
