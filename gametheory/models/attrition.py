"""The war of attrition: who concedes, how fast, and how long the war lasts.

Two sides fight over a prize worth ``V_A`` to A and ``V_B`` to B. Each period both
choose at once to *concede* or *fight on*; fighting on while the other also fights
costs ``c_i`` per unit of time (a period lasts ``period``). The first to concede
gets 0 and the other the prize; if both concede in the same period both get 0.

Stationary equilibria (:func:`attrition_equilibria`) -- exactly three:

* A concedes at once and B never does; B concedes at once and A never does;
* the mixed equilibrium: A concedes each period with probability
  ``q_A = c_B·Δ / (V_B + c_B·Δ)`` and B with ``q_B = c_A·Δ / (V_A + c_A·Δ)``: each
  side's rate keeps the *other* indifferent between conceding and fighting on, so
  each expects 0: the war dissipates the whole prize.

In continuous time (:func:`attrition_hazards`) the mixed equilibrium concedes at
hazard rates ``λ_A = c_B/V_B`` and ``λ_B = c_A/V_A``, the limit of ``q/Δ`` as
periods shrink.

.. warning::
   The comparative statics of the mixed equilibrium are counter-intuitive. A side's
   concession rate is set by the *other* side's value and cost: raising A's cost
   of war raises **B's** concession rate and leaves A's unchanged, so A *wins more
   often*. Do not read "the side that suffers more gives in first" into this model;
   that needs private information about costs or resolve (Fudenberg & Tirole 1986).

References
----------
Maynard Smith, J. (1974). The theory of games and the evolution of animal conflicts.
*Journal of Theoretical Biology* 47, 209–221.
Hendricks, K., Weiss, A. & Wilson, C. (1988). The war of attrition in continuous time
with complete information. *International Economic Review* 29, 663–680.
Fudenberg, D. & Tirole, J. (1986). A theory of exit in duopoly. *Econometrica* 54, 943–960.
Fearon, J. D. (1998). Bargaining, enforcement and international cooperation.
*International Organization* 52, 269–305.

Examples
--------
>>> war = war_of_attrition(values=(3, 3), costs=(1, 1), players=("Russia", "Ukraine"))
>>> sol = attrition_equilibria(war)
>>> mixed = sol[2]
>>> mixed.quantities["concession probability Russia"], mixed.quantities["expected costly periods"]
(Fraction(1, 4), Fraction(9, 7))
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from ..game import Game
from .base import Model, ModelEquilibrium, _fmt, make_solution, register

__all__ = ["WarOfAttrition", "war_of_attrition", "attrition_equilibria", "attrition_hazards", "attrition_stage_game"]

WARNING = (
    "Comparative statics are counter-intuitive: each side's concession rate is set by the other side's value "
    "and cost (it keeps the other indifferent), so raising one side's cost raises the OTHER side's concession "
    "rate and leaves its own unchanged."
)


@dataclass(frozen=True)
class WarOfAttrition(Model):
    """A two-sided war of attrition with complete information (see the module docstring).

    Attributes
    ----------
    values : (V_A, V_B)
        What winning is worth to each side (positive).
    costs : (c_A, c_B)
        Each side's cost of fighting on, per unit of time (positive).
    period : number
        Length of a period (positive); costs per period are ``c·period``.
    players : (str, str)
    title : str
    """

    values: tuple
    costs: tuple
    period: Any = 1
    players: tuple = ("A", "B")
    title: str = "War of attrition"

    family: ClassVar[str] = "war of attrition"
    _NUMBERS: ClassVar[dict[str, str]] = {"values": "positive", "costs": "positive", "period": "positive"}

    def __post_init__(self) -> None:
        _pair(self, "values")
        _pair(self, "costs")
        _players(self)
        self._setup()


def _pair(model: Any, name: str) -> None:
    from ..errors import InvalidGameError

    v = getattr(model, name)
    if not isinstance(v, (tuple, list)):
        v = (v, v)
    if len(v) != 2:
        raise InvalidGameError(f"{model.family}: {name} needs two entries (one per player), got {len(v)}")
    object.__setattr__(model, name, tuple(v))


def _players(model: Any, n: int = 2) -> None:
    from ..errors import InvalidGameError

    players = tuple(model.players)
    if len(players) != n or len(set(players)) != n or not all(isinstance(p, str) and p for p in players):
        raise InvalidGameError(f"{model.family}: players must be {n} distinct non-empty names, got {model.players!r}")
    object.__setattr__(model, "players", players)


def war_of_attrition(values: Any = (3, 3), costs: Any = (1, 1), *, period: Any = 1, players: tuple = ("A", "B"),
                     title: str = "War of attrition") -> WarOfAttrition:
    """A war of attrition between two sides.

    Parameters
    ----------
    values : number or (number, number)
        What winning is worth to each side (one number: the same for both).
    costs : number or (number, number)
        Cost of fighting on per unit of time, for each side.
    period : number, default 1
        Length of a period.
    players : (str, str)
    title : str

    Returns
    -------
    WarOfAttrition

    Examples
    --------
    >>> war_of_attrition(3, 1).values
    (Fraction(3, 1), Fraction(3, 1))
    >>> war_of_attrition(3, -1)
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: war of attrition: costs[0] = -1 is outside (0, oo) (positive)
    """
    return WarOfAttrition(values=values, costs=costs, period=period, players=players, title=title)


def _rates(model: WarOfAttrition, ctx: Any) -> tuple:
    (va, vb), (ca, cb), d = ctx.num(model.values), ctx.num(model.costs), ctx.num(model.period)
    qa = cb * d / (vb + cb * d)  # A's rate keeps B indifferent
    qb = ca * d / (va + ca * d)
    return qa, qb


def _core(model: WarOfAttrition, ctx: Any) -> list[ModelEquilibrium]:
    A, B = model.players
    (va, vb) = ctx.num(model.values)
    qa, qb = _rates(model, ctx)
    zero, one = qa * 0, qa * 0 + 1
    out = []
    for label, (pa, pb), pay in (
        (f"{A} concedes at once", (one, zero), (zero, vb)),
        (f"{B} concedes at once", (zero, one), (va, zero)),
    ):
        out.append(ModelEquilibrium(
            label,
            {A: "concede at once" if pa == 1 else "never concede", B: "concede at once" if pb == 1 else "never concede"},
            {A: pay[0], B: pay[1]},
            _quantities(model, pa, pb),
        ))
    out.append(ModelEquilibrium(
        "stationary mixed: each side keeps the other indifferent",
        {A: f"concede with probability {_fmt(ctx.clean(qa))} each period",
         B: f"concede with probability {_fmt(ctx.clean(qb))} each period"},
        {A: zero, B: zero},
        _quantities(model, qa, qb),
    ))
    return out


def _quantities(model: WarOfAttrition, qa: Any, qb: Any) -> dict[str, Any]:
    A, B = model.players
    both_fight = (1 - qa) * (1 - qb)
    end = 1 - both_fight
    return {
        f"concession probability {A}": qa,
        f"concession probability {B}": qb,
        f"probability {A} wins": qb * (1 - qa) / end,
        f"probability {B} wins": qa * (1 - qb) / end,
        "probability both concede at once": qa * qb / end,
        "expected costly periods": both_fight / end,
    }


register(WarOfAttrition, _core)


def attrition_stage_game(model: WarOfAttrition, continuation: tuple = (0, 0)) -> Game:
    """One period as a normal-form game, with the continuation values after both fight on.

    Rows: A's Concede / Fight on; columns: B's. A stationary profile is an equilibrium
    of the whole game exactly when it is a Nash equilibrium of this game with the
    continuation values it implies (one-shot deviation principle).

    Examples
    --------
    >>> from gametheory import solve
    >>> g = attrition_stage_game(war_of_attrition(3, 1))
    >>> sorted(e.profile[0][0] for e in solve(g))   # A's probability of conceding
    [Fraction(0, 1), Fraction(1, 4), Fraction(1, 1)]
    """
    model.require_numeric("attrition_stage_game")
    (va, vb), (ca, cb), d = model.values, model.costs, model.period
    wa, wb = continuation
    A, B = model.players
    zero = va * 0
    return Game.from_bimatrix(
        [[zero, zero], [va, -ca * d + wa]],
        [[zero, vb], [zero, -cb * d + wb]],
        players=(A, B),
        strategies=(("Concede", "Fight on"), ("Concede", "Fight on")),
        title=f"{model.title}: one period",
    )


def _regret(model: WarOfAttrition, eq: ModelEquilibrium) -> Any:
    from ..profiles import regrets

    A, B = model.players
    qa, qb = eq.quantities[f"concession probability {A}"], eq.quantities[f"concession probability {B}"]
    game = attrition_stage_game(model, (eq.payoffs[A], eq.payoffs[B]))
    profile = ((qa, 1 - qa), (qb, 1 - qb))
    # the payoffs must be the values the profile implies (a fixed point), and no one-shot deviation may gain
    implied = [sum(profile[0][i] * profile[1][j] * game.payoffs[k][i, j] for i in range(2) for j in range(2))
               for k in range(2)]
    gap = max(abs(implied[0] - eq.payoffs[A]), abs(implied[1] - eq.payoffs[B]))
    return max(max(regrets(game, profile)), gap)


def attrition_equilibria(model: WarOfAttrition) -> Any:
    """Every stationary equilibrium of the discrete-time war of attrition, exactly.

    Parameters
    ----------
    model : WarOfAttrition
        A numeric model.

    Returns
    -------
    ModelSolution
        Three equilibria (A concedes at once; B concedes at once; the mixed one),
        each with concession probabilities, win probabilities and the expected number
        of costly periods, certified by the one-shot deviation test on the one-period
        game with the equilibrium's continuation values (regret exactly 0). ``detail``
        is the :class:`~gametheory.Solution` of that game with continuation 0, which
        lists the same three profiles. ``complete`` refers to stationary equilibria.

    Examples
    --------
    >>> sol = attrition_equilibria(war_of_attrition(values=(4, 2), costs=(1, 2), players=("R", "U")))
    >>> m = sol[2].quantities
    >>> m["concession probability R"], m["concession probability U"], m["probability R wins"]
    (Fraction(1, 2), Fraction(1, 5), Fraction(1, 6))
    >>> print(sol.summary.split(". ")[0])
    In the mixed equilibrium R concedes each period with probability 1/2 and U with probability 1/5
    """
    from ..solvers import solve

    started = time.perf_counter()
    model.require_numeric("attrition_equilibria")
    ctx = model.context()
    eqs = []
    for e in _core(model, ctx):
        eqs.append(ModelEquilibrium(e.label, e.strategies, e.payoffs, e.quantities, _regret(model, e)))
    A, B = model.players
    m = eqs[2].quantities
    summary = (
        f"In the mixed equilibrium {A} concedes each period with probability {_fmt(m[f'concession probability {A}'])} "
        f"and {B} with probability {_fmt(m[f'concession probability {B}'])}. The war lasts on average "
        f"{_fmt(m['expected costly periods'])} costly periods; {A} wins with probability "
        f"{_fmt(m[f'probability {A} wins'])} and {B} with probability {_fmt(m[f'probability {B} wins'])}. Each side "
        f"expects 0: the fighting dissipates the whole prize. Two pure equilibria have one side concede at once. "
        f"Warning: {WARNING}"
    )
    import warnings

    from ..errors import DegenerateGameWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        stage = solve(attrition_stage_game(model))
    return make_solution(
        model, "attrition_equilibria", eqs,
        {f"concession probability {A}": m[f"concession probability {A}"],
         f"concession probability {B}": m[f"concession probability {B}"],
         "expected costly periods": m["expected costly periods"]},
        started=started, summary=summary,
        notes=("complete: every stationary equilibrium (non-stationary ones exist too)",
               "certificate: one-shot deviation test on the one-period game with the equilibrium's continuation values",
               WARNING),
        detail=stage,
    )


def attrition_hazards(model: WarOfAttrition) -> Any:
    """The continuous-time mixed equilibrium: hazard rates, expected duration, who wins.

    Side A concedes at the constant hazard rate ``λ_A = c_B/V_B`` and B at
    ``λ_B = c_A/V_A`` (each keeps the other indifferent); the war lasts an
    exponential time with mean ``1/(λ_A + λ_B)`` and A wins with probability
    ``λ_B/(λ_A + λ_B)``.

    Examples
    --------
    >>> sol = attrition_hazards(war_of_attrition(values=(3, 3), costs=(1, 2), players=("R", "U")))
    >>> sol.values["hazard R"], sol.values["hazard U"], sol.values["expected duration"]
    (Fraction(2, 3), Fraction(1, 3), Fraction(1, 1))
    """
    started = time.perf_counter()
    model.require_numeric("attrition_hazards")
    (va, vb), (ca, cb) = model.values, model.costs
    A, B = model.players
    la, lb = cb / vb, ca / va
    total = la + lb
    q = {f"hazard {A}": la, f"hazard {B}": lb, "expected duration": 1 / total,
         f"probability {A} wins": lb / total, f"probability {B} wins": la / total}
    # certificate: each side's flow gain from holding on (hazard of the other times its value minus its cost) is 0
    regret = max(abs(lb * va - ca), abs(la * vb - cb))
    eq = ModelEquilibrium("continuous-time mixed equilibrium",
                          {A: f"concede at hazard rate {_fmt(la)}", B: f"concede at hazard rate {_fmt(lb)}"},
                          {A: va * 0, B: vb * 0}, q, regret)
    summary = (f"{A} concedes at rate {_fmt(la)} and {B} at rate {_fmt(lb)} per unit of time; the war lasts "
               f"{_fmt(1 / total)} on average and {A} wins with probability {_fmt(lb / total)}. Warning: {WARNING}")
    return make_solution(model, "attrition_hazards", [eq], q, started=started, summary=summary,
                         notes=("the mixed equilibrium only; the pure ones (one side concedes at once) remain",
                                "certificate: each side's flow gain from holding on is exactly 0", WARNING),
                         complete=False)
