"""The commitment problem: war because power is shifting (Fearon 1995, Powell 2006).

Each period a flow of benefits worth 1 is divided. The *rising* side (the second
player) offers the *declining* side (the first player) a share ``x_t`` of this
period's flow; the declining side accepts, or attacks. War ends the game: the
declining side wins with probability ``p_t`` (its power in period ``t``) and each
side pays a cost per period, so the war's value from period ``t`` on is
``(p_t - c_D) S_t`` for the declining side and ``(1 - p_t - c_R) S_t`` for the rising
one, where ``S_t`` sums the discount factors of the remaining periods
(``1/(1 - δ)`` with no end). Power follows ``power = (p_1, ..., p_K)`` and stays at
``p_K`` afterwards.

By backward induction the rising side offers exactly what keeps the declining side
from attacking, ``x_t = (p_t - c_D) S_t - δ V_D(t+1)`` (at least 0), if it can: when
that is more than the whole flow no offer buys peace, and the declining side
attacks *now*, while it is still strong, because the rising side cannot commit to
keep paying it later. With power falling from ``p_1`` to ``p_2`` and no end, war
occurs exactly when ``p_1 - c_D > (1 - δ) + δ·max(0, p_2 - c_D)``, i.e. (for
``p_2 >= c_D``) when ``δ (p_1 - p_2) > (1 - δ)(1 - p_1 + c_D)``: the shift is large
relative to what can be given today. A concession that removes the shift (such as
neutrality removing a future change in alliances) restores peace.

References
----------
Fearon, J. D. (1995). Rationalist explanations for war. *International Organization* 49,
379–414, section "Commitment problems".
Powell, R. (2006). War as a commitment problem. *International Organization* 60, 169–203.

Examples
--------
>>> m = commitment_problem(power=("3/5", "1/5"), delta="9/10", costs=("1/10", "1/10"),
...                        players=("Russia", "Ukraine"))
>>> sol = commitment_equilibrium(m)
>>> sol[0].label
'war in period 1: no offer buys peace'
>>> commitment_equilibrium(commitment_problem(power=("3/5", "14/25"), delta="9/10", costs=("1/10", "1/10")))[0].label
'peace: the offers buy off the declining side in every period'
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from ..errors import InvalidGameError
from .attrition import _pair, _players
from .base import Model, ModelEquilibrium, _fmt, make_solution, register

__all__ = ["CommitmentProblem", "commitment_problem", "commitment_equilibrium", "commitment_tree"]


@dataclass(frozen=True)
class CommitmentProblem(Model):
    """Bargaining under shifting power (see the module docstring).

    Attributes
    ----------
    power : tuple of numbers
        The declining side's probability of winning a war in periods 1, 2, ...;
        the last value holds for every later period.
    delta : number
        Discount factor per period, in (0, 1).
    costs : (c_D, c_R)
        Costs of war per period of the declining and the rising side (positive).
    horizon : int or None
        Number of periods (``None``: no end).
    players : (str, str)
        The declining side (offered shares; may attack), the rising side (offers).
    title : str
    """

    power: tuple
    delta: Any
    costs: tuple
    horizon: int | None = None
    players: tuple = ("Declining", "Rising")
    title: str = "War as a commitment problem"

    family: ClassVar[str] = "commitment problem"
    _NUMBERS: ClassVar[dict[str, str]] = {"power": "probability", "delta": "discount", "costs": "positive"}

    def __post_init__(self) -> None:
        power = self.power if isinstance(self.power, (tuple, list)) else (self.power,)
        if not power:
            raise InvalidGameError(f"{self.family}: power needs at least one period")
        object.__setattr__(self, "power", tuple(power))
        _pair(self, "costs")
        _players(self)
        if self.horizon is not None and (isinstance(self.horizon, bool) or not isinstance(self.horizon, int)
                                         or self.horizon < 1):
            raise InvalidGameError(f"{self.family}: horizon must be a positive integer or None, got {self.horizon!r}")
        self._setup()

    @property
    def periods(self) -> int:
        """Periods solved one by one: the horizon, or the power path's length (then a stationary tail)."""
        return self.horizon if self.horizon is not None else len(self.power)


def commitment_problem(power: Any = ("3/5", "1/5"), delta: Any = "9/10", costs: Any = ("1/10", "1/10"), *,
                       horizon: int | None = None, players: tuple = ("Declining", "Rising"),
                       title: str = "War as a commitment problem") -> CommitmentProblem:
    """Fearon's and Powell's commitment problem under shifting power.

    Parameters
    ----------
    power : sequence of numbers
        The declining side's probability of winning a war in each period; the last
        value persists.
    delta : number
        Discount factor per period.
    costs : number or (number, number)
        Costs of war per period (declining side, rising side).
    horizon : int, optional
        Number of periods; ``None`` for no end.
    players : (str, str)
        Declining side, rising side.
    title : str

    Returns
    -------
    CommitmentProblem

    Examples
    --------
    >>> commitment_problem(power=("3/5", "1/5")).periods
    2
    >>> commitment_problem(delta=1)
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: commitment problem: delta = 1 is outside (0, 1) (discount)
    """
    return CommitmentProblem(power=power, delta=delta, costs=costs, horizon=horizon, players=players, title=title)


def _power(model: CommitmentProblem, ctx: Any, t: int) -> Any:
    power = ctx.num(model.power)
    return power[min(t, len(power) - 1)]


def _annuity(model: CommitmentProblem, ctx: Any, t: int) -> Any:
    """Sum of discount factors from period t (0-based) to the end."""
    d = ctx.num(model.delta)
    if model.horizon is None:
        return 1 / (1 - d)
    return (1 - d ** (model.horizon - t)) / (1 - d)


def _plans(model: CommitmentProblem, ctx: Any) -> list[list[tuple]]:
    """Every subgame-perfect plan: per period ``(action, offer, V_D, V_R)``, backward induction with ties kept."""
    d = ctx.num(model.delta)
    cD, cR = ctx.num(model.costs)
    T = model.periods
    zero = d * 0
    if model.horizon is None:  # stationary tail from the last period of the power path on
        pK = _power(model, ctx, T - 1)
        x = ctx.max(pK - cD, zero)
        tail = [[("offer", x, x / (1 - d), (1 - x) / (1 - d), "")]]
        start = T - 2
        plans = [(p[0][2], p[0][3], p) for p in tail]
    else:
        plans = [(zero, zero, [])]
        start = T - 1
    for t in range(start, -1, -1):
        p, S = _power(model, ctx, t), _annuity(model, ctx, t)
        wD, wR = (p - cD) * S, (1 - p - cR) * S
        new = []
        for vD, vR, plan in plans:
            need = ctx.max(wD - d * vD, zero)
            if ctx.cmp(need, 1) > 0:
                new.append((wD, wR, [("war", None, wD, wR, "no offer buys peace")] + plan))
                continue
            peace = ("offer", need, need + d * vD, 1 - need + d * vR, "")
            s = ctx.cmp(peace[3], wR)
            if s >= 0:
                new.append((peace[2], peace[3], [peace] + plan))
            if s <= 0:
                new.append((wD, wR, [("war", None, wD, wR, "prefers war")] + plan))
        plans = new
    return [plan for _, _, plan in plans]


def _core(model: CommitmentProblem, ctx: Any) -> list[ModelEquilibrium]:
    D, R = model.players
    out = []
    for plan in _plans(model, ctx):
        war_at = next((t for t, step in enumerate(plan) if step[0] == "war"), None)
        if war_at is None:
            label = "peace: the offers buy off the declining side in every period"
        elif plan[war_at][4] == "no offer buys peace":
            label = f"war in period {war_at + 1}: no offer buys peace"
        else:
            label = f"war in period {war_at + 1}: {R} prefers war to the offer that buys peace"
        offers = {f"offer in period {t + 1}": step[1] for t, step in enumerate(plan[: war_at if war_at is not None
                                                                                     else len(plan)])}
        tail = " (and in every later period)" if model.horizon is None and war_at is None else ""
        strat_R = "; ".join(f"period {t + 1}: " + ("offer " + _fmt(ctx.clean(s[1])) if s[0] == "offer" else "no acceptable offer")
                            for t, s in enumerate(plan)) + tail
        out.append(ModelEquilibrium(
            label,
            {D: "accept any offer worth at least its value of attacking now; attack otherwise", R: strat_R},
            {D: plan[0][2], R: plan[0][3]},
            {**offers, "war period": ctx.num(Fraction(war_at + 1 if war_at is not None else 0))},
        ))
    return out


register(CommitmentProblem, _core)


def _regret(model: CommitmentProblem, plan: list[tuple], eq: ModelEquilibrium) -> Any:
    """One-shot deviations of both sides in every period, with values recomputed from the plan."""
    d, (cD, cR) = model.delta, model.costs
    ctx = model.context()
    T = model.periods
    # continuation values implied by the plan, computed backward by summation
    if model.horizon is None:
        x = plan[-1][1]
        vD, vR = x / (1 - d), (1 - x) / (1 - d)
        values = [(vD, vR)]
        rng = range(T - 2, -1, -1)
    else:
        vD = vR = 0 * d
        values = []
        rng = range(T - 1, -1, -1)
    nxt = (vD, vR)
    for t in rng:
        step = plan[t]
        p, S = _power(model, ctx, t), _annuity(model, ctx, t)
        wD, wR = (p - cD) * S, (1 - p - cR) * S
        cur = (wD, wR) if step[0] == "war" else (step[1] + d * nxt[0], 1 - step[1] + d * nxt[1])
        values.insert(0, cur)
        nxt = cur
    r = 0 * d
    for t in range(T):
        p, S = _power(model, ctx, t), _annuity(model, ctx, t)
        wD, wR = (p - cD) * S, (1 - p - cR) * S
        after = values[t + 1] if t + 1 < len(values) else (values[t] if model.horizon is None else (0 * d, 0 * d))
        need = max(wD - d * after[0], 0 * d)
        best_R = max(wR, 1 - need + d * after[1]) if need <= 1 else wR
        step = plan[t]
        if step[0] == "offer":
            r = max(r, wD - (step[1] + d * after[0]))          # the declining side would rather attack
            r = max(r, best_R - (1 - step[1] + d * after[1]))  # the rising side could offer less or provoke war
        else:
            r = max(r, best_R - wR)                             # a peaceful offer would have been better
        r = max(r, abs(values[t][0] - step[2]), abs(values[t][1] - step[3]))
    return max(r, abs(values[0][0] - eq.payoffs[model.players[0]]))


def commitment_equilibrium(model: CommitmentProblem) -> Any:
    """Every subgame-perfect equilibrium of the commitment problem, exactly.

    Returns
    -------
    ModelSolution
        One equilibrium, or several at a tie (the rising side indifferent between
        buying peace and war). Quantities: the offer of each period before any war
        and ``war period`` (0 for peace); payoffs are discounted sums. For a two-step
        power path with no end, values include ``critical discount factor`` and
        ``critical shift`` (war exactly above them, when ``p_2 >= c_D``). The
        certificate is the one-shot deviation test in every period, with continuation
        values recomputed from the plan.

    Examples
    --------
    >>> sol = commitment_equilibrium(commitment_problem(power=("3/5", "1/5"), delta="9/10", costs="1/10"))
    >>> sol.values["critical shift"], sol.values["critical discount factor"]
    (Fraction(1, 18), Fraction(5, 9))
    """
    started = time.perf_counter()
    model.require_numeric("commitment_equilibrium")
    ctx = model.context()
    plans = _plans(model, ctx)
    eqs = []
    for plan, e in zip(plans, _core(model, ctx)):
        eqs.append(ModelEquilibrium(e.label, e.strategies, e.payoffs, e.quantities, _regret(model, plan, e)))
    D, R = model.players
    values: dict[str, Any] = {"war period": eqs[0].quantities["war period"]}
    if len(model.power) == 2 and model.horizon is None:
        p1, p2 = model.power
        cD = model.costs[0]
        if p2 >= cD:
            values["critical shift"] = (1 - model.delta) * (1 - p1 + cD) / model.delta
            values["critical discount factor"] = (1 - p1 + cD) / (1 - p2 + cD)
    e = eqs[0]
    powers = ", ".join(_fmt(p) for p in model.power)
    if len(eqs) > 1:
        what = f"{R} is indifferent between buying peace and war: both are equilibria"
    elif e.quantities["war period"] == 0:
        what = (f"{R} buys peace: it offers {D} just enough each period to keep it from attacking "
                f"(first offer {_fmt(e.quantities['offer in period 1'])} of the period's flow)")
    else:
        t = e.quantities["war period"]
        what = (f"war breaks out in period {_fmt(t)}: to keep {D} from attacking while it is still strong, {R} "
                f"would have to give more than everything it can give then, and it cannot commit to keep "
                f"paying later, when {D} is weaker")
    summary = f"{D}'s chance of winning a war moves through {powers}. {what[0].upper() + what[1:]}."
    if "critical shift" in values:
        summary += (f" War occurs exactly when power falls by more than {_fmt(values['critical shift'])} "
                    f"(here by {_fmt(model.power[0] - model.power[1])}), or when the discount factor exceeds "
                    f"{_fmt(values['critical discount factor'])} (here {_fmt(model.delta)}).")
    return make_solution(model, "commitment_equilibrium", eqs, values, started=started, summary=summary,
                         notes=("complete: every subgame-perfect equilibrium outcome, by backward induction (the "
                                "stationary tail's payoffs are unique, Powell 2006; ties give several); the declining "
                                "side accepts when indifferent, as in every SPE of the continuous-offer game",
                                "certificate: one-shot deviations of both sides in every period"),
                         detail=plans)


def commitment_tree(model: CommitmentProblem, offers: Any) -> Any:
    """A finite-horizon commitment problem on a grid of offers, as a sequential game (cross-checks).

    Examples
    --------
    >>> from gametheory.sequential import subgame_perfect_equilibria
    >>> m = commitment_problem(power=("3/5", "1/5"), delta="1/2", costs="1/10", horizon=2)
    >>> ours = commitment_equilibrium(m)[0].payoffs
    >>> ours
    {'Declining': Fraction(3, 4), 'Rising': Fraction(3, 4)}
    >>> sol = subgame_perfect_equilibria(commitment_tree(m, ["0", "1/10", "7/10", "1"]))
    >>> tuple(ours.values()) in {e.payoffs for e in sol}   # with the others where Declining attacks when indifferent
    True
    """
    from ..exact import to_number
    from ..sequential import Decision, SequentialGame, Terminal

    model.require_numeric("commitment_tree")
    if model.horizon is None:
        raise InvalidGameError("commitment_tree needs a finite horizon")
    D, R = model.players
    ctx = model.context()
    d, (cD, cR) = model.delta, model.costs
    grid = [to_number(x) for x in offers]

    def period(t: int, acc: tuple) -> Any:
        if t == model.horizon:
            return Terminal({D: acc[0], R: acc[1]})
        p, S = _power(model, ctx, t), _annuity(model, ctx, t)
        war = Terminal({D: acc[0] + d ** t * (p - cD) * S, R: acc[1] + d ** t * (1 - p - cR) * S}, label="war")
        acts = {}
        for x in grid:
            nxt = period(t + 1, (acc[0] + d ** t * x, acc[1] + d ** t * (1 - x)))
            acts[f"period {t + 1}: offer {_fmt(x)}"] = Decision(D, {"Accept": nxt, "Attack": war})
        return Decision(R, acts)

    zero = 0 * d
    return SequentialGame(period(0, (zero, zero)), title=f"{model.title}: offers on a grid")
