"""Crisis bargaining: Fearon's bargaining range, take-it-or-leave-it offers and screening.

Two sides dispute a good worth 1. A war would give side A the whole good with
probability ``p`` (and B with ``1 - p``) at costs ``c_A``, ``c_B``, so the expected
war payoffs are ``p - c_A`` and ``1 - p - c_B``. Every split giving A a share in the
**bargaining range** ``[max(0, p - c_A), min(1, p + c_B)]`` leaves both at least as
well off as war: because war is costly, the range is never empty (Fearon 1995).

* :func:`fearon_bargaining` / :func:`ultimatum_equilibrium` -- one side makes a
  take-it-or-leave-it offer: in the subgame-perfect equilibrium it offers the other
  exactly its war payoff, which is accepted (a proposer A takes the top of the range,
  a proposer B leaves A the bottom).
* :func:`screening_bargaining` / :func:`screening_equilibrium` -- the proposer does
  not know the responder's cost of war (its resolve): a type with cost ``c_k`` accepts
  a demand ``x`` for the proposer only if ``x <= p + c_k``. A larger demand is
  rejected by more types: the **risk–return trade-off**. The proposer's best demand
  (a perfect Bayesian equilibrium) can knowingly risk war. With two types, the
  risky demand is made exactly when the prior on the resolute type is below
  ``q* = (x_H - x_L) / (x_H - (p - c_P))`` (``x_L``, ``x_H``: the demands each type
  just accepts; ``= (c_H - c_L)/(c_H + c_P)`` when neither exceeds 1).

References
----------
Fearon, J. D. (1995). Rationalist explanations for war. *International Organization* 49,
379–414.
Powell, R. (1999). *In the Shadow of Power*. Princeton University Press, ch. 3.
Reiter, D. (2003). Exploring the bargaining model of war. *Perspectives on Politics* 1, 27–43.

Examples
--------
>>> m = fearon_bargaining(p="3/5", costs=("1/10", "1/5"), players=("Russia", "Ukraine"))
>>> bargaining_range(m)
(Fraction(1, 2), Fraction(4, 5))
>>> ultimatum_equilibrium(m).values["offer"], ultimatum_equilibrium(m, proposer="Ukraine").values["offer"]
(Fraction(4, 5), Fraction(1, 2))
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from typing import Any, ClassVar

from ..errors import InvalidGameError
from .attrition import _pair, _players
from .base import Model, ModelEquilibrium, _fmt, make_solution, register

__all__ = [
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


# -- complete information ---------------------------------------------------------------------------
@dataclass(frozen=True)
class FearonBargaining(Model):
    """Bargaining in the shadow of war over a good worth 1 (see the module docstring).

    Attributes
    ----------
    p : number
        Probability that the first player wins a war.
    costs : (c_A, c_B)
        Each side's cost of war, in units of the good (nonnegative).
    proposer : str
        The side making the take-it-or-leave-it offer (default: the first player).
    players : (str, str)
    title : str
    """

    p: Any
    costs: tuple
    proposer: str | None = None
    players: tuple = ("A", "B")
    title: str = "Bargaining in the shadow of war"

    family: ClassVar[str] = "bargaining range"
    _NUMBERS: ClassVar[dict[str, str]] = {"p": "probability", "costs": "cost"}

    def __post_init__(self) -> None:
        _pair(self, "costs")
        _players(self)
        proposer = self.players[0] if self.proposer is None else self.proposer
        if proposer not in self.players:
            raise InvalidGameError(f"{self.family}: proposer {proposer!r} is not a player ({', '.join(self.players)})")
        object.__setattr__(self, "proposer", proposer)
        self._setup()


def fearon_bargaining(p: Any = "1/2", costs: Any = ("1/10", "1/10"), *, proposer: str | None = None,
                      players: tuple = ("A", "B"), title: str = "Bargaining in the shadow of war") -> FearonBargaining:
    """Fearon's bargaining model with complete information.

    Parameters
    ----------
    p : number
        Probability that the first player wins a war.
    costs : number or (number, number)
        Costs of war of the two sides (one number: the same for both).
    proposer : str, optional
        Who makes the take-it-or-leave-it offer (default: the first player).
    players : (str, str)
    title : str

    Returns
    -------
    FearonBargaining

    Examples
    --------
    >>> fearon_bargaining(p="3/5", costs=("1/10", "1/5")).costs
    (Fraction(1, 10), Fraction(1, 5))
    >>> fearon_bargaining(p=2)
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: bargaining range: p = 2 is outside [0, 1] (probability)
    """
    return FearonBargaining(p=p, costs=costs, proposer=proposer, players=players, title=title)


def _range(model: FearonBargaining, ctx: Any) -> tuple[Any, Any]:
    p, (ca, cb) = ctx.num(model.p), ctx.num(model.costs)
    return ctx.max(p - ca, p * 0), ctx.min(p + cb, p * 0 + 1)


def bargaining_range(model: FearonBargaining) -> tuple[Any, Any]:
    """The shares of the first player that both sides prefer to war: ``[max(0, p - c_A), min(1, p + c_B)]``.

    Examples
    --------
    >>> bargaining_range(fearon_bargaining(p="9/10", costs=("1/10", "1/5")))
    (Fraction(4, 5), Fraction(1, 1))
    """
    model.require_numeric("bargaining_range")
    return _range(model, model.context())


def _ultimatum_core(model: FearonBargaining, ctx: Any) -> list[ModelEquilibrium]:
    A, B = model.players
    low, high = _range(model, ctx)
    other = B if model.proposer == A else A
    x = high if model.proposer == A else low  # A's share
    p, (ca, cb) = ctx.num(model.p), ctx.num(model.costs)
    war_other = 1 - p - cb if other == B else p - ca
    everything = ctx.cmp(war_other, 0) < 0
    offer_text = f"demands {_fmt(ctx.clean(x if model.proposer == A else 1 - x))}"
    label = (f"{model.proposer} demands everything; {other} accepts" if everything
             else f"{model.proposer} offers {other} its war payoff; {other} accepts")
    return [ModelEquilibrium(
        label,
        {model.proposer: offer_text,
         other: f"accept any offer worth at least its war payoff {_fmt(ctx.clean(war_other))}"},
        {A: x, B: 1 - x},
        {"range low": low, "range high": high, "offer": x},
    )]


register(FearonBargaining, _ultimatum_core)


def _ultimatum_regret(model: FearonBargaining, eq: ModelEquilibrium) -> Any:
    A, B = model.players
    p, (ca, cb) = model.p, model.costs
    war = {A: p - ca, B: 1 - p - cb}
    other = B if model.proposer == A else A
    share = eq.payoffs
    # the responder accepts: accepting must be at least as good as war
    r_resp = max(0 * p, war[other] - share[other])
    # the proposer: the best accepted offer leaves the responder max(0, war) ; or provoke war
    best_accepted = 1 - max(0 * p, war[other])
    r_prop = max(0 * p, best_accepted - share[model.proposer], war[model.proposer] - share[model.proposer])
    return max(r_resp, r_prop)


def ultimatum_equilibrium(model: FearonBargaining, *, proposer: str | None = None) -> Any:
    """The subgame-perfect equilibrium of the take-it-or-leave-it offer.

    Parameters
    ----------
    model : FearonBargaining
    proposer : str, optional
        Overrides ``model.proposer``.

    Returns
    -------
    ModelSolution
        One equilibrium (unique: the responder accepts when indifferent, as it must
        in every SPE of the continuous-offer game, else no best offer exists); values
        ``range low``, ``range high`` and ``offer`` (the first player's share).

    Examples
    --------
    >>> m = fearon_bargaining(p="3/5", costs=("1/10", "1/5"), players=("Russia", "Ukraine"))
    >>> sol = ultimatum_equilibrium(m)
    >>> print(sol.summary)  # doctest: +NORMALIZE_WHITESPACE
    Both sides prefer any split giving Russia between 1/2 and 4/5 of the good to war (Russia's war payoff is
    1/2, Ukraine's 1/5). As proposer Russia offers Ukraine exactly its war payoff and keeps 4/5; Ukraine accepts.
    """
    import dataclasses

    started = time.perf_counter()
    if proposer is not None:
        model = dataclasses.replace(model, proposer=proposer)
    model.require_numeric("ultimatum_equilibrium")
    eq = _ultimatum_core(model, model.context())[0]
    eq = ModelEquilibrium(eq.label, eq.strategies, eq.payoffs, eq.quantities, _ultimatum_regret(model, eq))
    A, B = model.players
    low, high = eq.quantities["range low"], eq.quantities["range high"]
    other = B if model.proposer == A else A
    summary = (
        f"Both sides prefer any split giving {A} between {_fmt(low)} and {_fmt(high)} of the good to war "
        f"({A}'s war payoff is {_fmt(model.p - model.costs[0])}, {B}'s {_fmt(1 - model.p - model.costs[1])}). "
        f"As proposer {model.proposer} offers {other} exactly its war payoff and keeps "
        f"{_fmt(eq.payoffs[model.proposer])}; {other} accepts."
    )
    return make_solution(model, "ultimatum_equilibrium", [eq], dict(eq.quantities), started=started,
                         summary=summary,
                         notes=("complete: the unique subgame-perfect equilibrium of the take-it-or-leave-it game",
                                "certificate: the responder's acceptance and the proposer's offer against every "
                                "alternative (a larger demand is rejected, a smaller one gains less)"))


def ultimatum_tree(model: FearonBargaining, offers: Any) -> Any:
    """The take-it-or-leave-it game on a finite grid of offers, as a sequential game (for cross-checks).

    Parameters
    ----------
    model : FearonBargaining
    offers : sequence of numbers
        The first player's shares the proposer may demand.

    Examples
    --------
    >>> from gametheory.sequential import subgame_perfect_equilibria
    >>> m = fearon_bargaining(p="3/5", costs=("1/10", "1/5"))
    >>> sol = subgame_perfect_equilibria(ultimatum_tree(m, ["1/2", "3/5", "7/10", "4/5", "9/10"]))
    >>> sorted({e.payoffs[0] for e in sol})
    [Fraction(7, 10), Fraction(4, 5)]
    """
    from ..exact import to_number
    from ..sequential import Decision, SequentialGame, Terminal

    model.require_numeric("ultimatum_tree")
    A, B = model.players
    p, (ca, cb) = model.p, model.costs
    other = B if model.proposer == A else A
    war = Terminal({A: p - ca, B: 1 - p - cb}, label="war")
    actions = {}
    for x in offers:
        x = to_number(x)
        actions[f"{A} gets {_fmt(x)}"] = Decision(other, {"Accept": Terminal({A: x, B: 1 - x}), "War": war})
    return SequentialGame(Decision(model.proposer, actions), title=f"{model.title}: offers on a grid")


# -- private information: screening --------------------------------------------------------------------
@dataclass(frozen=True)
class ScreeningBargaining(Model):
    """A take-it-or-leave-it demand to a responder whose cost of war is private (see the module docstring).

    Attributes
    ----------
    p : number
        Probability that the proposer (the first player) wins a war.
    proposer_cost : number
        The proposer's cost of war (positive: war is costly).
    costs : tuple of numbers
        The responder's possible costs of war, one per type.
    probabilities : tuple of numbers
        The prior probability of each type (summing to 1).
    types : tuple of str
        Names of the types (default ``"cost c"``).
    players : (str, str)
        Proposer, responder.
    title : str
    """

    p: Any
    proposer_cost: Any
    costs: tuple
    probabilities: tuple
    types: tuple | None = None
    players: tuple = ("A", "B")
    title: str = "Bargaining with private information about resolve"

    family: ClassVar[str] = "screening"
    _NUMBERS: ClassVar[dict[str, str]] = {"p": "probability", "proposer_cost": "positive", "costs": "cost",
                                          "probabilities": "probability"}

    def __post_init__(self) -> None:
        _players(self)
        costs, probs = tuple(self.costs), tuple(self.probabilities)
        if not costs or len(costs) != len(probs):
            raise InvalidGameError(f"{self.family}: costs and probabilities need one entry per type "
                                   f"(got {len(costs)} and {len(probs)})")
        object.__setattr__(self, "costs", costs)
        object.__setattr__(self, "probabilities", probs)
        types = tuple(self.types) if self.types is not None else tuple(f"type {k + 1}" for k in range(len(costs)))
        if len(types) != len(costs) or len(set(types)) != len(types):
            raise InvalidGameError(f"{self.family}: types needs {len(costs)} distinct names")
        object.__setattr__(self, "types", types)
        self._setup()
        total = sum(self.probabilities)
        if not self.symbolic and (abs(total - 1) > self.tol if not self.exact else total != 1):
            raise InvalidGameError(f"{self.family}: probabilities sum to {_fmt(total)}, not 1")
        if self.symbolic:
            import sympy

            from .base import as_sympy

            if sympy.simplify(sum(as_sympy(v) for v in self.probabilities) - 1) != 0:
                raise InvalidGameError(f"{self.family}: probabilities must sum to 1 identically")


def screening_bargaining(p: Any = "1/2", proposer_cost: Any = "1/10", costs: Any = ("1/20", "3/10"),
                         probabilities: Any = ("1/2", "1/2"), *, types: tuple | None = None,
                         players: tuple = ("A", "B"),
                         title: str = "Bargaining with private information about resolve") -> ScreeningBargaining:
    """Fearon's bargaining with private information: the proposer screens the responder's resolve.

    Parameters
    ----------
    p : number
        Probability that the proposer wins a war.
    proposer_cost : number
        The proposer's cost of war (positive).
    costs : sequence of numbers
        The responder's cost of war for each type (a low cost: a resolute type).
    probabilities : sequence of numbers
        Prior probability of each type.
    types : sequence of str, optional
        Names of the types.
    players : (str, str)
        Proposer, responder.
    title : str

    Returns
    -------
    ScreeningBargaining

    Examples
    --------
    >>> m = screening_bargaining(costs=("1/20", "3/10"), probabilities=("1/4", "3/4"), types=("resolute", "weak"))
    >>> m.types
    ('resolute', 'weak')
    """
    return ScreeningBargaining(p=p, proposer_cost=proposer_cost, costs=costs, probabilities=probabilities,
                               types=types, players=players, title=title)


def _screening_core(model: ScreeningBargaining, ctx: Any) -> list[ModelEquilibrium]:
    P, R = model.players
    p, cp = ctx.num(model.p), ctx.num(model.proposer_cost)
    costs, probs = ctx.num(model.costs), ctx.num(model.probabilities)
    n = len(costs)
    one = p * 0 + 1
    war_p = p - cp
    # candidate demands: the largest each type accepts (x <= p + c_k), capped at the whole good
    cands: list[tuple[Any, tuple[int, ...]]] = []
    for k in range(n):
        x = ctx.min(p + costs[k], one)
        if any(ctx.cmp(x, y) == 0 for y, _ in cands):
            continue
        accept = tuple(j for j in range(n) if ctx.cmp(x, p + costs[j]) <= 0)
        cands.append((x, accept))
    cands.sort(key=functools.cmp_to_key(lambda a, b: ctx.cmp(a[0], b[0])))
    values = []
    for x, accept in cands:
        values.append(sum((probs[j] * x if j in accept else probs[j] * war_p) for j in range(n)))
    out = []
    for k in ctx.argmax(values):
        x, accept = cands[k]
        war = [j for j in range(n) if j not in accept]
        pwar = sum((probs[j] for j in war), 0 * p)
        resp = sum((probs[j] * (1 - x) if j in accept else probs[j] * (1 - p - costs[j]) for j in range(n)), 0 * p)
        label = ("safe demand: every type accepts" if not war
                 else "risky demand: war if " + R + " is " + " or ".join(model.types[j] for j in war))
        out.append(ModelEquilibrium(
            label,
            {P: f"demand {_fmt(ctx.clean(x))}",
             R: "; ".join(f"{model.types[j]}: {'accept' if j in accept else 'fight'}" for j in range(n))
             + " (each type accepts a demand up to p + its cost)"},
            {P: values[k], R: resp},
            {"demand": x, "probability of war": pwar},
        ))
    return out


register(ScreeningBargaining, _screening_core)


def _screening_regret(model: ScreeningBargaining, eq: ModelEquilibrium) -> Any:
    """Largest gain of any type from switching its answer, or of the proposer from any other demand."""
    p, cp, costs, probs = model.p, model.proposer_cost, model.costs, model.probabilities
    x = eq.quantities["demand"]
    n = len(costs)
    ctx = model.context()  # exact comparisons (within the tolerance for float models)
    accepts = [ctx.cmp(x, p + c) <= 0 for c in costs]
    r = 0 * p
    for c, a in zip(costs, accepts):
        r = max(r, (1 - p - c) - (1 - x) if a else (1 - x) - (1 - p - c))
    # the proposer's payoff from demand y, responders answering by their rule, is maximal at a threshold demand
    def value(y: Any) -> Any:
        return sum(probs[j] * (y if ctx.cmp(y, p + costs[j]) <= 0 else p - cp) for j in range(n))

    candidates = [min(p + c, 1 + 0 * p) for c in costs]
    chosen = value(x)
    r = max(r, max(value(y) for y in candidates) - chosen, (p - cp) - chosen)
    # the reported payoff must be what the demand earns
    return max(r, abs(chosen - eq.payoffs[model.players[0]]))


def screening_equilibrium(model: ScreeningBargaining) -> Any:
    """The perfect Bayesian equilibrium demand(s) of the screening game, exactly.

    The responder's types accept a demand ``x`` exactly when ``x <= p + c_k``
    (accepting when indifferent); the proposer's expected payoff then rises with
    ``x`` between those thresholds, so its best demand is one of them: the solver
    compares them all and keeps every maximiser (several at a tie).

    Returns
    -------
    ModelSolution
        Each optimal demand with the probability of war; values ``demand``,
        ``probability of war`` and, for two types, ``prior threshold`` (the prior on
        the more resolute type below which the risky demand is made).

    Examples
    --------
    >>> m = screening_bargaining(p="1/2", proposer_cost="1/10", costs=("1/20", "3/10"),
    ...                          probabilities=("1/2", "1/2"), types=("resolute", "weak"),
    ...                          players=("Russia", "Ukraine"))
    >>> sol = screening_equilibrium(m)
    >>> sol[0].label, sol.values["demand"], sol.values["prior threshold"]
    ('risky demand: war if Ukraine is resolute', Fraction(4, 5), Fraction(5, 8))
    """
    started = time.perf_counter()
    model.require_numeric("screening_equilibrium")
    ctx = model.context()
    eqs = [ModelEquilibrium(e.label, e.strategies, e.payoffs, e.quantities, _screening_regret(model, e))
           for e in _screening_core(model, ctx)]
    P, R = model.players
    values: dict[str, Any] = {"demand": eqs[0].quantities["demand"],
                              "probability of war": eqs[0].quantities["probability of war"]}
    notes = ["complete: every optimal demand (ties give several equilibria); types accept when indifferent",
             "certificate: each type's answer and the demand against every threshold demand and outright war"]
    threshold = None
    if len(model.costs) == 2 and model.costs[0] != model.costs[1]:
        lo, hi = sorted(range(2), key=lambda j: model.costs[j])
        xl, xh = (min(model.p + model.costs[j], 1 + 0 * model.p) for j in (lo, hi))
        if xl != xh:
            threshold = (xh - xl) / (xh - (model.p - model.proposer_cost))
            values["prior threshold"] = threshold
            notes.append(f"prior threshold: the risky demand is optimal when the probability of the "
                         f"{model.types[lo]} type is below {_fmt(threshold)} (both demands at equality)")
    if len(eqs) == 1:
        e = eqs[0]
        what = ("every type accepts it, so there is no war" if e.quantities["probability of war"] == 0 else
                f"war follows with probability {_fmt(e.quantities['probability of war'])}")
    else:
        what = "several demands are equally good (a tie), so war may or may not be risked"
    summary = (f"{P} does not know how costly war is for {R}. A larger demand is accepted by fewer types "
               f"(the risk-return trade-off): {P} demands {_fmt(values['demand'])} and {what}.")
    if threshold is not None:
        summary += (f" The risky demand is made when the prior on the {model.types[lo]} type is below "
                    f"{_fmt(threshold)}.")
    return make_solution(model, "screening_equilibrium", eqs, values, started=started, summary=summary,
                         notes=notes)


def screening_tree(model: ScreeningBargaining, demands: Any) -> Any:
    """The screening game on a finite grid of demands, as a sequential game (for cross-checks).

    The proposer demands first; chance then draws the responder's type, who answers.
    (Drawing the type after the demand is equivalent: the proposer does not see it.)

    Examples
    --------
    >>> from gametheory.sequential import subgame_perfect_equilibria
    >>> m = screening_bargaining(probabilities=("1/2", "1/2"))
    >>> best = max(e.payoffs[0] for e in subgame_perfect_equilibria(screening_tree(m, ["11/20", "4/5"])))
    >>> best == screening_equilibrium(m).equilibria[0].payoffs["A"]
    True
    """
    from ..exact import to_number
    from ..sequential import Chance, Decision, SequentialGame, Terminal

    model.require_numeric("screening_tree")
    P, R = model.players
    p, cp = model.p, model.proposer_cost
    actions = {}
    for x in demands:
        x = to_number(x)
        branches = {}
        for t, c, pr in zip(model.types, model.costs, model.probabilities):
            branches[t] = (pr, Decision(R, {"Accept": Terminal({P: x, R: 1 - x}),
                                            "War": Terminal({P: p - cp, R: 1 - p - c})}))
        actions[f"demand {_fmt(x)}"] = Chance(branches)
    return SequentialGame(Decision(P, actions), title=f"{model.title}: demands on a grid")
