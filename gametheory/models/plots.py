"""Figures of the model families, in the package's figure style (:mod:`gametheory.display.plots`).

:func:`figure` draws the figure that fits a :class:`~gametheory.models.ModelSolution`
(``solution.figure()``): the bargaining range on the line of possible splits, the
screening trade-off against the prior, the offers a commitment problem needs
period by period, the Nash solution on the utility frontier, alternating-offers
shares converging with the horizon, the incentive slack of a repeated-game
strategy against the discount factor, the reputation path of the chain store, and
how long a war of attrition lasts. Numbers are exact until they are drawn.

Examples
--------
>>> from gametheory.models import war_of_attrition, attrition_equilibria
>>> fig = attrition_equilibria(war_of_attrition(3, 1)).figure()
>>> [ax.get_title() for ax in fig.axes]
['How long the war lasts (mixed equilibrium)', "Raising A's cost: who concedes faster"]
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any

from ..display.plots import HIGHLIGHT, PLAYER_COLOURS, _pyplot, style
from ..errors import NotSupportedError

__all__ = ["figure"]


def figure(solution: Any, **kwargs: Any) -> Any:
    """The figure of a model family's solution.

    Parameters
    ----------
    solution : ModelSolution
        The result of a solver of :mod:`gametheory.models`.
    **kwargs
        Passed to the family's drawing function (e.g. ``horizons=20``).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from gametheory.models import fearon_bargaining, ultimatum_equilibrium
    >>> fig = figure(ultimatum_equilibrium(fearon_bargaining(p="3/5", costs=("1/10", "1/5"))))
    >>> fig.axes[0].get_xlabel()
    "A's share of the good"
    """
    draw = _DRAW.get(solution.model.family)
    if draw is None:  # pragma: no cover - every family registers one
        raise NotSupportedError(f"no figure for the {solution.model.family} family")
    _pyplot()
    with style():
        return draw(solution, **kwargs)


def _f(v: Any) -> float:
    return float(v)


def _bargaining_range(sol: Any) -> Any:
    plt = _pyplot()
    m = sol.model
    A, B = m.players
    fig, ax = plt.subplots(figsize=(6.4, 1.9))
    low, high = sol.values["range low"], sol.values["range high"]
    ax.axhspan(-0.5, 0.5, xmin=_f(low), xmax=_f(high), color=PLAYER_COLOURS[1], alpha=0.25,
               label="bargaining range: both prefer these splits to war")
    ax.plot([0, 1], [0, 0], color="0.3", lw=1)
    war_a = m.p - m.costs[0]
    war_b_as_a = 1 - (1 - m.p - m.costs[1])
    ax.plot([_f(m.p)], [0], "o", color="0.3", label=f"war lottery: {A} wins with p = {_num(m.p)}")
    ax.plot([_f(war_a)], [0], "|", ms=18, color=PLAYER_COLOURS[0], label=f"{A}'s war payoff {_num(war_a)}")
    ax.plot([_f(war_b_as_a)], [0], "|", ms=18, color=PLAYER_COLOURS[2],
            label=f"{B}'s war payoff {_num(1 - m.p - m.costs[1])} (as {A}'s share {_num(war_b_as_a)})")
    x = sol.values["offer"]
    ax.plot([_f(x)], [0], "v", ms=10, color=HIGHLIGHT, label=f"{m.proposer}'s take-it-or-leave-it split: {A} gets {_num(x)}")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-1, 1)
    ax.set_yticks([])
    ax.set_xlabel(f"{A}'s share of the good")
    ax.spines["left"].set_visible(False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.1))
    ax.set_title(m.title)
    fig.tight_layout()
    return fig


def _screening(sol: Any, points: int = 101) -> Any:
    plt = _pyplot()
    from .bargaining_range import _screening_core
    from .base import ExactContext

    m = sol.model
    P, R = m.players
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    if len(m.costs) == 2:
        qs = [Fraction(k, points - 1) for k in range(points)]
        lines: dict[str, list] = {}
        for q in qs:
            probe = dataclasses.replace(m, probabilities=(q, 1 - q))
            # each demand's expected payoff at this prior (the core keeps only the best; compute both)
            p, cp = probe.p, probe.proposer_cost
            for k, c in enumerate(probe.costs):
                x = min(p + c, Fraction(1) + 0 * p)
                val = sum(pr * (x if x <= p + cj else p - cp) for pr, cj in zip(probe.probabilities, probe.costs))
                lines.setdefault(f"demand {_num(x)}", []).append(_f(val))
        for k, (name, ys) in enumerate(lines.items()):
            ax.plot([_f(q) for q in qs], ys, color=PLAYER_COLOURS[k % len(PLAYER_COLOURS)], label=name)
        if "prior threshold" in sol.values:
            t = sol.values["prior threshold"]
            ax.axvline(_f(t), color=HIGHLIGHT, ls="--", lw=1, label=f"threshold {_num(t)}")
        ax.axvline(_f(m.probabilities[0]), color="0.5", ls=":", lw=1, label=f"prior {_num(m.probabilities[0])}")
        ax.set_xlabel(f"prior probability that {R} is {m.types[0]}")
        ax.set_ylabel(f"{P}'s expected payoff")
        ax.set_title("The risk-return trade-off: which demand pays")
        ax.legend()
    else:
        eqs = _screening_core(m, ExactContext(m.tol))
        ax.bar([e.label for e in eqs], [_f(e.payoffs[P]) for e in eqs], color=HIGHLIGHT)
        ax.set_ylabel(f"{P}'s expected payoff")
        ax.set_title("Optimal demand(s)")
    fig.tight_layout()
    return fig


def _commitment(sol: Any) -> Any:
    plt = _pyplot()
    from .commitment import _annuity, _power
    from .base import ExactContext

    m = sol.model
    D, R = m.players
    ctx = ExactContext(m.tol)
    plan = sol.detail[0]
    T = len(plan)
    needs = []
    for t in range(T):
        p, S = _power(m, ctx, t), _annuity(m, ctx, t)
        nxt = plan[t + 1][2] if t + 1 < T else (plan[t][2] if m.horizon is None else 0)
        needs.append((p - m.costs[0]) * S - m.delta * nxt)
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    xs = list(range(1, T + 1))
    colours = [HIGHLIGHT if step[0] == "war" else PLAYER_COLOURS[0] for step in plan]
    ax.bar(xs, [_f(max(n, 0)) for n in needs], color=colours)
    ax.axhline(1, color="0.3", ls="--", lw=1, label="the whole flow of the period")
    ax.set_xticks(xs, [f"{t}" + (" on" if m.horizon is None and t == T else "") for t in xs])
    ax.set_xlabel("period")
    ax.set_ylabel(f"share {D} must get to stay at peace")
    ax.set_title(f"{D}'s power: " + " → ".join(_num(p) for p in m.power)
                 + ("  (the plan in every period; war in red)" if any(s[0] == "war" for s in plan) else ""))
    ax.legend()
    fig.tight_layout()
    return fig


def _nash(sol: Any) -> Any:
    plt = _pyplot()
    from .base import ExactContext
    from .nash_bargaining import _frontier

    m = sol.model
    A, B = m.players
    pts = m.pairs()
    fig, ax = plt.subplots(figsize=(4.8, 4.4))
    front = _frontier(pts, ExactContext(m.tol))
    ax.scatter([_f(p[0]) for p in pts], [_f(p[1]) for p in pts], color="0.6", s=12, label="feasible points")
    ax.plot([_f(p[0]) for p in front], [_f(p[1]) for p in front], color=PLAYER_COLOURS[0], lw=2, label="Pareto frontier")
    d = m.disagreement
    ax.plot([_f(d[0])], [_f(d[1])], "s", color="0.2", label=f"disagreement ({_num(d[0])}, {_num(d[1])})")
    u = sol.equilibria[0].payoffs
    ax.plot([_f(u[A])], [_f(u[B])], "*", ms=14, color=HIGHLIGHT, label=f"Nash solution ({_num(u[A])}, {_num(u[B])})")
    ax.set_xlabel(f"payoff of {A}")
    ax.set_ylabel(f"payoff of {B}")
    ax.set_title(f"Nash bargaining, weight {_num(m.weight)} on {A}")
    ax.legend(fontsize=7)
    fig.tight_layout()
    return fig


def _alternating(sol: Any, horizons: int = 20) -> Any:
    plt = _pyplot()
    from .alternating_offers import rubinstein_solution

    m = sol.model
    inf = dataclasses.replace(m, horizon=None) if not all(d == 1 for d in m.delta) else None
    fig, ax = plt.subplots(figsize=(6.0, 3.4))
    xs = list(range(1, horizons + 1))
    ys = [_f(rubinstein_solution(dataclasses.replace(m, horizon=T)).values["proposer share"]) for T in xs]
    ax.plot(xs, ys, "o-", ms=3, color=PLAYER_COLOURS[0], label="deadline after T rounds (backward induction)")
    if inf is not None:
        v = rubinstein_solution(inf).values["proposer share"]
        ax.axhline(_f(v), color=HIGHLIGHT, lw=1.5, label=f"no deadline (Rubinstein): {_num(v)}")
    ax.set_xlabel("number of rounds T")
    ax.set_ylabel(f"first proposer's ({m.proposer}) share")
    ax.set_title("Alternating offers: the deadline matters less as it recedes")
    ax.legend()
    fig.tight_layout()
    return fig


def _repeated(sol: Any, points: int = 99) -> Any:
    plt = _pyplot()
    from .base import ExactContext
    from .repeated import _values, one_shot_gains

    m = sol.model
    stage, prof = m.stage, m.strategy
    fig, ax = plt.subplots(figsize=(6.0, 3.4))
    ds = [Fraction(k, points + 1) for k in range(1, points + 1)]
    ctx = ExactContext(0.0)
    for i, player in enumerate(stage.players):
        slack = []
        for d in ds:
            V = _values(stage, prof, d, ctx)
            gains = [g for _, j, _, g in one_shot_gains(stage, prof, d, lambda q, k: V[q][k]) if j == i]
            slack.append(-_f(max(gains)) if gains else 0.0)
        ax.plot([_f(d) for d in ds], slack, color=PLAYER_COLOURS[i % len(PLAYER_COLOURS)], label=player)
    ax.axhline(0, color="0.3", lw=0.8)
    if "discount threshold" in sol.values:
        t = sol.values["discount threshold"]
        ax.axvline(_f(t), color=HIGHLIGHT, ls="--", lw=1, label=f"threshold δ = {_num(t)}")
    ax.axvline(_f(m.delta), color="0.5", ls=":", lw=1, label=f"δ = {_num(m.delta)}")
    ax.set_xlabel("discount factor δ")
    ax.set_ylabel("incentive margin (>= 0: no gain)")
    ax.set_title(f"{prof.name}: when the future sustains it")
    ax.legend()
    fig.tight_layout()
    return fig


def _chain_store(sol: Any) -> Any:
    plt = _pyplot()
    m = sol.model
    I, E = m.players
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    xs = list(range(1, m.markets + 1))
    if m.prior == 0:
        ax.bar(xs, [1] * len(xs), color=HIGHLIGHT, label="entry, accommodated")
        ax.set_ylabel("probability of entry")
        ax.set_title(f"Selten's chain store: entry everywhere ({I} earns {_num(sol.values['incumbent payoff'])})")
    else:
        rows = sol.detail
        a, b = m.normalised()
        ax.bar(xs, [_f(1 - r["stay out"]) for r in rows], color=PLAYER_COLOURS[1], alpha=0.6,
               label="probability of entry")
        ax.plot(xs, [_f(r["reputation"]) for r in rows], "o-", ms=3, color=HIGHLIGHT,
                label=f"reputation: belief that {I} is tough")
        ax.plot(xs, [_f(b ** r["left"]) for r in rows], "--", color="0.4", lw=1, label="entry threshold b^k")
        ax.set_ylabel("probability")
        ax.set_title(f"Reputation ({I}, prior {_num(m.prior)}): deterrence until the last markets")
    ax.set_xlabel(f"market (one {E} each)")
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=7)
    fig.tight_layout()
    return fig


def _attrition(sol: Any, periods: int = 12) -> Any:
    plt = _pyplot()
    from .attrition import attrition_equilibria

    m = sol.model
    A, B = m.players
    q = sol.equilibria[-1].quantities if sol.method == "attrition_equilibria" else None
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8.4, 3.2))
    if q is not None:
        qa, qb = q[f"concession probability {A}"], q[f"concession probability {B}"]
        stay = (1 - qa) * (1 - qb)
        ts = list(range(periods + 1))
        ax1.plot(ts, [_f(stay ** t) for t in ts], "o-", ms=3, color=HIGHLIGHT)
        ax1.set_xlabel("periods")
        ax1.set_ylabel("probability the war is still on")
    else:
        lam = sol.values[f"hazard {A}"] + sol.values[f"hazard {B}"]
        import math

        ts = [k / 10 for k in range(0, 10 * periods + 1)]
        ax1.plot(ts, [math.exp(-_f(lam) * t) for t in ts], color=HIGHLIGHT)
        ax1.set_xlabel("time")
        ax1.set_ylabel("probability the war is still on")
    ax1.set_title("How long the war lasts (mixed equilibrium)")
    cs = [Fraction(k, 4) for k in range(1, 17)]
    ra, rb = [], []
    for c in cs:
        mq = attrition_equilibria(dataclasses.replace(m, costs=(c, m.costs[1])))[2].quantities
        ra.append(_f(mq[f"concession probability {A}"]))
        rb.append(_f(mq[f"concession probability {B}"]))
    ax2.plot([_f(c) for c in cs], ra, color=PLAYER_COLOURS[0], label=f"{A} concedes")
    ax2.plot([_f(c) for c in cs], rb, color=PLAYER_COLOURS[1], label=f"{B} concedes")
    ax2.set_xlabel(f"{A}'s cost of fighting on")
    ax2.set_ylabel("concession probability per period")
    ax2.set_title(f"Raising {A}'s cost: who concedes faster")
    ax2.legend()
    fig.text(0.01, 0.01, f"Counter-intuitive: a higher cost for {A} makes {B} concede faster, not {A}.", fontsize=7,
             color="0.35")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def _num(v: Any) -> str:
    from .base import _fmt

    return _fmt(v)


_DRAW = {
    "bargaining range": _bargaining_range,
    "screening": _screening,
    "commitment problem": _commitment,
    "nash bargaining": _nash,
    "alternating offers": _alternating,
    "repeated game": _repeated,
    "chain store": _chain_store,
    "war of attrition": _attrition,
}
