"""Rubinstein's alternating offers: bargaining where delay is costly and patience is power.

Two sides split a surplus ``S``. In round 1 the proposer offers a split; the other
accepts (the game ends) or rejects and makes the next offer, and so on. A payoff
agreed in round ``t`` is worth ``δ_i^(t-1)`` times its size to side ``i``.

* Infinite horizon (Rubinstein 1982): the unique subgame-perfect equilibrium is
  immediate agreement; a proposer ``i`` facing ``j`` keeps the share
  ``(1 - δ_j) / (1 - δ_i δ_j)`` (``1/(1 + δ)`` for a common ``δ``). A side that
  "wants a quick deal" (a low ``δ``) gets less.
* Finite horizon ``T`` (Ståhl 1972): by backward induction the last proposer takes
  everything and each earlier proposer offers the responder what it would get by
  waiting, ``δ_j`` times its share as next proposer; the shares converge to the
  infinite-horizon ones as ``T`` grows.
* As both discount factors approach 1 (``δ_i = 1 - r_i h``, ``h → 0``) the
  proposer's share tends to ``r_j / (r_i + r_j)``: the generalized Nash bargaining
  solution with weights given by relative patience (Binmore, Rubinstein & Wolinsky 1986).

References
----------
Rubinstein, A. (1982). Perfect equilibrium in a bargaining model. *Econometrica* 50, 97–109.
Ståhl, I. (1972). *Bargaining Theory*. Stockholm School of Economics.
Binmore, K., Rubinstein, A. & Wolinsky, A. (1986). The Nash bargaining solution in
economic modelling. *RAND Journal of Economics* 17, 176–188.
Osborne, M. J. & Rubinstein, A. (1990). *Bargaining and Markets*, ch. 3.

Examples
--------
>>> rubinstein_solution(alternating_offers(delta=("9/10", "9/10"))).values["proposer share"]
Fraction(10, 19)
>>> rubinstein_solution(alternating_offers(delta=("9/10", "4/5"))).values["proposer share"]
Fraction(5, 7)
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, ClassVar

from ..errors import InvalidGameError
from .attrition import _pair, _players
from .base import Model, ModelEquilibrium, _fmt, make_solution, register

__all__ = ["AlternatingOffers", "alternating_offers", "rubinstein_solution", "alternating_offers_tree"]


@dataclass(frozen=True)
class AlternatingOffers(Model):
    """Alternating-offers bargaining over a surplus (see the module docstring).

    Attributes
    ----------
    delta : (δ_A, δ_B)
        Discount factors per round, in (0, 1] (both below 1 for an infinite horizon).
    proposer : str
        Who makes the first offer (default: the first player).
    horizon : int or None
        Number of rounds (``None``: infinite). After the last round both get 0.
    surplus : number
        Size of what is split (positive).
    players : (str, str)
    title : str
    """

    delta: tuple
    proposer: str | None = None
    horizon: int | None = None
    surplus: Any = 1
    players: tuple = ("A", "B")
    title: str = "Alternating-offers bargaining"

    family: ClassVar[str] = "alternating offers"
    _NUMBERS: ClassVar[dict[str, str]] = {"delta": "discount or 1", "surplus": "positive"}

    def __post_init__(self) -> None:
        _pair(self, "delta")
        _players(self)
        proposer = self.players[0] if self.proposer is None else self.proposer
        if proposer not in self.players:
            raise InvalidGameError(f"{self.family}: proposer {proposer!r} is not a player ({', '.join(self.players)})")
        object.__setattr__(self, "proposer", proposer)
        if self.horizon is not None and (isinstance(self.horizon, bool) or not isinstance(self.horizon, int)
                                         or self.horizon < 1):
            raise InvalidGameError(f"{self.family}: horizon must be a positive integer or None, got {self.horizon!r}")
        self._setup()
        if self.horizon is None and not self.symbolic and all(d == 1 for d in self.delta):
            raise InvalidGameError(f"{self.family}: with an infinite horizon at least one discount factor must be "
                                   "below 1 (otherwise every split is an equilibrium outcome)")


def alternating_offers(delta: Any = ("9/10", "9/10"), *, proposer: str | None = None, horizon: int | None = None,
                       surplus: Any = 1, players: tuple = ("A", "B"),
                       title: str = "Alternating-offers bargaining") -> AlternatingOffers:
    """Rubinstein's (or, with a horizon, Ståhl's) alternating-offers bargaining game.

    Parameters
    ----------
    delta : number or (number, number)
        Discount factors per round (one number: the same for both).
    proposer : str, optional
        Who offers first (default: the first player).
    horizon : int, optional
        Number of rounds; ``None`` for an infinite horizon.
    surplus : number, default 1
    players : (str, str)
    title : str

    Returns
    -------
    AlternatingOffers

    Examples
    --------
    >>> alternating_offers("9/10").delta
    (Fraction(9, 10), Fraction(9, 10))
    >>> alternating_offers(1)
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: alternating offers: with an infinite horizon at least one discount factor must be below 1 (otherwise every split is an equilibrium outcome)
    """
    return AlternatingOffers(delta=delta, proposer=proposer, horizon=horizon, surplus=surplus, players=players,
                             title=title)


def _shares(model: AlternatingOffers, ctx: Any) -> tuple[Any, Any, list]:
    """(first proposer's share of the surplus, responder's share, proposer shares per round for finite games)."""
    A, B = model.players
    d = dict(zip(model.players, ctx.num(model.delta)))
    i = model.proposer
    j = B if i == A else A
    if model.horizon is None:
        v = (1 - d[j]) / (1 - d[i] * d[j])
        return v, 1 - v, []
    # backward induction: the proposer of the last round takes everything
    T = model.horizon
    movers = [i if t % 2 == 0 else j for t in range(T)]
    y = [None] * T
    y[T - 1] = d[i] * 0 + 1
    for t in range(T - 2, -1, -1):
        responder = movers[t + 1]
        y[t] = 1 - d[responder] * y[t + 1]
    return y[0], 1 - y[0], y


def _core(model: AlternatingOffers, ctx: Any) -> list[ModelEquilibrium]:
    A, B = model.players
    S = ctx.num(model.surplus)
    v, w, _ = _shares(model, ctx)
    i = model.proposer
    j = B if i == A else A
    d = dict(zip(model.players, ctx.num(model.delta)))
    if model.horizon is None:
        vj = (1 - d[i]) / (1 - d[i] * d[j])  # j's share when j proposes
        strat = {i: f"offer {j} {_fmt(ctx.clean(d[j] * vj))} of the surplus; accept any offer of at least "
                    f"{_fmt(ctx.clean(d[i] * (1 - d[j]) / (1 - d[i] * d[j])))}",
                 j: f"offer {i} {_fmt(ctx.clean(d[i] * v))} of the surplus; accept any offer of at least "
                    f"{_fmt(ctx.clean(d[j] * vj))}"}
        label = "immediate agreement (Rubinstein)"
    else:
        strat = {i: "as proposer offer what the responder gets by waiting; as responder accept exactly that much",
                 j: "as proposer offer what the responder gets by waiting; as responder accept exactly that much"}
        label = f"immediate agreement (backward induction over {model.horizon} rounds)"
    pay = {i: v * S, j: w * S}
    return [ModelEquilibrium(label, {A: strat[A], B: strat[B]}, {A: pay[A], B: pay[B]},
                             {"proposer share": v, "responder share": w})]


register(AlternatingOffers, _core)


def _regret(model: AlternatingOffers, eq: ModelEquilibrium) -> Any:
    """One-shot deviations of proposers and responders in every round, exactly."""
    A, B = model.players
    d = dict(zip(model.players, model.delta))
    i = model.proposer
    j = B if i == A else A
    zero = 0 * model.surplus
    if model.horizon is None:
        v = {i: eq.quantities["proposer share"]}
        v[j] = (1 - d[i]) / (1 - d[i] * d[j])
        r = zero
        for me, other in ((i, j), (j, i)):
            # as proposer: the offer gives `other` exactly what waiting gives it (so it is accepted) ...
            keep = 1 - d[other] * v[other]
            r = max(r, abs(keep - v[me]))
            # ... and demanding more (rejected) yields the discounted responder share next round
            r = max(r, d[me] * (1 - v[other]) - keep)
        return r * model.surplus
    T = model.horizon
    movers = [i if t % 2 == 0 else j for t in range(T)]
    _, _, y = _shares(model, model.context())
    r = abs(y[0] - eq.quantities["proposer share"])
    for t in range(T):
        me = movers[t]
        other = movers[t + 1] if t + 1 < T else (j if me == i else i)
        wait = d[other] * y[t + 1] if t + 1 < T else zero  # what the responder gets by rejecting
        keep = 1 - wait
        r = max(r, abs(keep - y[t]))
        delay = d[me] * (1 - y[t + 1]) if t + 1 < T else zero  # the proposer's share if its offer is rejected
        r = max(r, delay - keep)
    return r * model.surplus


def rubinstein_solution(model: AlternatingOffers) -> Any:
    """The subgame-perfect equilibrium of alternating-offers bargaining, exactly.

    Returns
    -------
    ModelSolution
        One equilibrium (unique): immediate agreement; values ``proposer share`` and
        ``responder share`` (of the surplus) and the shares of each player. The
        certificate is the one-shot deviation test at every round (for the infinite
        horizon, at the two stationary positions), exactly.

    Examples
    --------
    >>> m = alternating_offers(delta=("1/2", "1/2"), horizon=2, players=("US", "Ukraine"))
    >>> sol = rubinstein_solution(m)
    >>> sol.values["share US"], sol.values["share Ukraine"]
    (Fraction(1, 2), Fraction(1, 2))
    >>> [rubinstein_solution(alternating_offers("9/10", horizon=T)).values["proposer share"] for T in (1, 2, 3)]
    [Fraction(1, 1), Fraction(1, 10), Fraction(91, 100)]
    """
    started = time.perf_counter()
    model.require_numeric("rubinstein_solution")
    e = _core(model, model.context())[0]
    eq = ModelEquilibrium(e.label, e.strategies, e.payoffs, e.quantities, _regret(model, e))
    A, B = model.players
    i = model.proposer
    j = B if i == A else A
    values = {"proposer share": e.quantities["proposer share"], "responder share": e.quantities["responder share"],
              f"share {A}": e.payoffs[A], f"share {B}": e.payoffs[B]}
    d = dict(zip(model.players, model.delta))
    patient = A if d[A] > d[B] else B if d[B] > d[A] else None
    horizon = "with no deadline" if model.horizon is None else f"within {model.horizon} rounds"
    summary = (f"Bargaining {horizon}, {i} proposes first and the sides agree at once: {i} gets "
               f"{_fmt(eq.payoffs[i])} and {j} {_fmt(eq.payoffs[j])} of {_fmt(model.surplus)}. "
               + (f"{patient} is more patient (discount factor {_fmt(d[patient])}), which is bargaining power; "
                  f"a side that wants a quick deal concedes more." if patient else
                  "With equal patience the first proposer's advantage is all that separates them"
                  + (", and it vanishes as delay becomes cheap." if model.horizon is None else "."))
               )
    return make_solution(model, "rubinstein_solution", [eq], values, started=started, summary=summary,
                         notes=("complete: the subgame-perfect equilibrium is unique",
                                "certificate: one-shot deviations of each proposer and responder in every round"))


def alternating_offers_tree(model: AlternatingOffers, offers: Any) -> Any:
    """A finite-horizon alternating-offers game on a grid of offers, as a sequential game (cross-checks).

    Parameters
    ----------
    model : AlternatingOffers
        With a finite horizon.
    offers : sequence of numbers
        The shares of the surplus a proposer may *keep*.

    Examples
    --------
    >>> from gametheory.sequential import subgame_perfect_equilibria
    >>> m = alternating_offers(delta="1/2", horizon=2)
    >>> sol = subgame_perfect_equilibria(alternating_offers_tree(m, ["0", "1/2", "1"]))
    >>> max(e.payoffs[0] for e in sol)
    Fraction(1, 2)
    """
    from ..exact import to_number
    from ..sequential import Decision, SequentialGame, Terminal

    model.require_numeric("alternating_offers_tree")
    if model.horizon is None:
        raise InvalidGameError("alternating_offers_tree needs a finite horizon")
    A, B = model.players
    d = dict(zip(model.players, model.delta))
    S = model.surplus
    grid = [to_number(x) for x in offers]
    i = model.proposer
    j = B if i == A else A

    def round_(t: int) -> Any:
        me, other = (i, j) if t % 2 == 0 else (j, i)
        rest = round_(t + 1) if t + 1 < model.horizon else Terminal({A: 0, B: 0}, label="no agreement")
        acts = {}
        for x in grid:
            pay = {me: d[me] ** t * x * S, other: d[other] ** t * (1 - x) * S}
            acts[f"round {t + 1}: {me} keeps {_fmt(x)}"] = Decision(other, {"Accept": Terminal(pay), "Reject": rest})
        return Decision(me, acts)

    return SequentialGame(round_(0), title=f"{model.title}: offers on a grid")
