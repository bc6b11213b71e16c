"""Model families of war and peace: bargaining, commitment, repeated play, reputation, attrition.

Each family is a frozen model built by a constructor with named, documented
parameters (exact numbers, floats, or sympy symbols / :class:`gametheory.symbolic.Parameter`\\ s),
an exact solver returning a :class:`ModelSolution` (equilibria with a regret
certificate, ``complete``, ``exact``, a plain-language ``summary``), closed forms and
thresholds (:func:`closed_form`, :func:`model_thresholds`) and a figure
(``solution.figure()``).

Examples
--------
>>> from gametheory.models import war_of_attrition, attrition_equilibria
>>> attrition_equilibria(war_of_attrition(3, 1))[2].quantities["expected costly periods"]
Fraction(9, 7)
"""

from .base import ExactContext, Model, ModelEquilibrium, ModelSolution, ProbeContext, load_model_result
from .attrition import WarOfAttrition, attrition_equilibria, attrition_hazards, attrition_stage_game, war_of_attrition
from .formulas import ClosedForm, ModelThresholds, closed_form, model_thresholds

__all__ = [
    "Model",
    "ModelEquilibrium",
    "ModelSolution",
    "ExactContext",
    "ProbeContext",
    "load_model_result",
    "ClosedForm",
    "ModelThresholds",
    "closed_form",
    "model_thresholds",
    # war of attrition
    "WarOfAttrition",
    "war_of_attrition",
    "attrition_equilibria",
    "attrition_hazards",
    "attrition_stage_game",
]
from .bargaining_range import (  # noqa: E402
    FearonBargaining,
    ScreeningBargaining,
    bargaining_range,
    fearon_bargaining,
    screening_bargaining,
    screening_equilibrium,
    screening_tree,
    ultimatum_equilibrium,
    ultimatum_tree,
)

__all__ += [
    "FearonBargaining",
    "fearon_bargaining",
    "bargaining_range",
    "ultimatum_equilibrium",
    "ultimatum_tree",
    "ScreeningBargaining",
    "screening_bargaining",
    "screening_equilibrium",
    "screening_tree",
]
from .nash_bargaining import BargainingProblem, nash_bargaining, nash_bargaining_solution, pareto_frontier  # noqa: E402

__all__ += ["BargainingProblem", "nash_bargaining", "nash_bargaining_solution", "pareto_frontier"]
from .alternating_offers import (  # noqa: E402
    AlternatingOffers,
    alternating_offers,
    alternating_offers_tree,
    rubinstein_solution,
)

__all__ += ["AlternatingOffers", "alternating_offers", "rubinstein_solution", "alternating_offers_tree"]
from .commitment import CommitmentProblem, commitment_equilibrium, commitment_problem, commitment_tree  # noqa: E402

__all__ += ["CommitmentProblem", "commitment_problem", "commitment_equilibrium", "commitment_tree"]
from .repeated import (  # noqa: E402
    FolkTheoremCheck,
    RepeatedGame,
    StrategyProfile,
    finitely_repeated,
    folk_theorem_check,
    forgiving_trigger,
    grim_trigger,
    grim_trigger_threshold,
    minmax_values,
    repeated_equilibrium,
    repeated_game,
    tit_for_tat,
    trust_game,
)

__all__ += [
    "StrategyProfile",
    "RepeatedGame",
    "repeated_game",
    "grim_trigger",
    "forgiving_trigger",
    "tit_for_tat",
    "trust_game",
    "repeated_equilibrium",
    "grim_trigger_threshold",
    "minmax_values",
    "folk_theorem_check",
    "FolkTheoremCheck",
    "finitely_repeated",
]
from .reputation import (  # noqa: E402
    ChainStore,
    chain_store,
    chain_store_equilibrium,
    chain_store_tree,
    reputation_assessment,
    reputation_table,
    reputation_tree,
    verify_reputation,
)

__all__ += ["ChainStore", "chain_store", "chain_store_equilibrium", "chain_store_tree", "reputation_table",
            "verify_reputation", "reputation_tree", "reputation_assessment"]
from .plots import figure  # noqa: E402

__all__ += ["figure"]


def solve_model(model: Model, method: str | None = None) -> ModelSolution:
    """Solve a model with its family's solver (``method``: that solver's name, or None).

    Examples
    --------
    >>> solve_model(war_of_attrition(3, 1)).method
    'attrition_equilibria'
    >>> solve_model(war_of_attrition(3, 1), "attrition_hazards").method
    'attrition_hazards'
    """
    from ..errors import NotSupportedError

    solvers = {
        FearonBargaining: (ultimatum_equilibrium,),
        ScreeningBargaining: (screening_equilibrium,),
        CommitmentProblem: (commitment_equilibrium,),
        BargainingProblem: (nash_bargaining_solution,),
        AlternatingOffers: (rubinstein_solution,),
        RepeatedGame: (repeated_equilibrium,),
        ChainStore: (chain_store_equilibrium,),
        WarOfAttrition: (attrition_equilibria, attrition_hazards),
    }
    options = solvers.get(type(model))
    if options is None:
        raise NotSupportedError(f"{type(model).__name__} is not a model of gametheory.models")
    if method in (None, "auto"):
        return options[0](model)
    for fn in options:
        if fn.__name__ == method:
            return fn(model)
    raise NotSupportedError(f"unknown method {method!r} for the {model.family} family; "
                            f"available: {', '.join(f.__name__ for f in options)}")


__all__ += ["solve_model"]
