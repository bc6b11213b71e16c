"""The Nash bargaining solution: symmetric and generalized, with a disagreement point.

A two-player bargaining problem is a set of feasible utility pairs (here the convex
hull of finitely many points, e.g. the outcomes of a game, or the splits of a
surplus ``S``) and a disagreement point ``d`` (what each side gets if talks fail:
continued war, sanctions, no deal). The (generalized) Nash solution maximises the
Nash product ``(u_A - d_A)^α (u_B - d_B)^(1-α)`` over the feasible pairs with
``u >= d``; ``α = 1/2`` is the symmetric solution (Nash 1950), other weights model
bargaining power (Kalai 1977; Binmore, Rubinstein & Wolinsky 1986: ``α`` is the
limit of the relative patience of :func:`~gametheory.models.alternating_offers`).

For a surplus the answer is ``u_A = d_A + α (S - d_A - d_B)``: each side gets its
disagreement payoff plus its weight's part of the gains from agreement (kept within
``0 <= u_i <= S``). On a polygon the solution is exact too: the optimum on an edge
solves a linear equation, so it is rational when the data and ``α`` are.

References
----------
Nash, J. F. (1950). The bargaining problem. *Econometrica* 18, 155–162.
Kalai, E. (1977). Nonsymmetric Nash solutions and replications of 2-person
bargaining. *International Journal of Game Theory* 6, 129–133.
Binmore, K., Rubinstein, A. & Wolinsky, A. (1986). The Nash bargaining solution in
economic modelling. *RAND Journal of Economics* 17, 176–188.

Examples
--------
>>> nash_bargaining_solution(nash_bargaining(surplus=1, disagreement=(0, "-1/5"))).values["share A"]
Fraction(3, 5)
>>> nash_bargaining_solution(nash_bargaining(surplus=1, disagreement=(0, "-1/5"), weight="2/3")).values["share A"]
Fraction(4, 5)
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from typing import Any, ClassVar

from ..errors import InvalidGameError
from .attrition import _pair, _players
from .base import Model, ModelEquilibrium, _fmt, make_solution, register

__all__ = ["BargainingProblem", "nash_bargaining", "nash_bargaining_solution", "pareto_frontier"]


@dataclass(frozen=True)
class BargainingProblem(Model):
    """A two-player bargaining problem (see the module docstring).

    Attributes
    ----------
    points : tuple of (u_A, u_B)
        Feasible utility pairs; the feasible set is their convex hull. For a surplus
        ``S`` these are ``(S, 0)``, ``(0, S)`` and ``(0, 0)``.
    disagreement : (d_A, d_B)
        Payoffs if there is no agreement.
    weight : number
        Bargaining weight ``α`` of the first player, in (0, 1); ``1/2`` is symmetric.
    players : (str, str)
    title : str
    """

    points: tuple
    disagreement: tuple = (0, 0)
    weight: Any = "1/2"
    players: tuple = ("A", "B")
    title: str = "Nash bargaining"

    family: ClassVar[str] = "nash bargaining"
    _NUMBERS: ClassVar[dict[str, str]] = {"points": "real", "disagreement": "real", "weight": "open probability"}

    def __post_init__(self) -> None:
        _pair(self, "disagreement")
        _players(self)
        pts = self.points
        if not isinstance(pts, (tuple, list)) or not pts:
            raise InvalidGameError(f"{self.family}: points must be a non-empty sequence of (u_A, u_B) pairs")
        flat = []
        for k, pt in enumerate(pts):
            if not isinstance(pt, (tuple, list)) or len(pt) != 2:
                raise InvalidGameError(f"{self.family}: points[{k}] must be a pair (u_A, u_B), got {pt!r}")
            flat += list(pt)
        object.__setattr__(self, "points", tuple(flat))  # stored flat: (u_A0, u_B0, u_A1, u_B1, ...)
        self._setup()

    def pairs(self, ctx: Any = None) -> list[tuple[Any, Any]]:
        """The feasible points as pairs."""
        v = ctx.num(self.points) if ctx is not None else self.points
        return [(v[k], v[k + 1]) for k in range(0, len(v), 2)]


def nash_bargaining(surplus: Any = None, disagreement: Any = (0, 0), weight: Any = "1/2", *, points: Any = None,
                    players: tuple = ("A", "B"), title: str = "Nash bargaining") -> BargainingProblem:
    """A bargaining problem over a surplus or over the convex hull of utility pairs.

    Parameters
    ----------
    surplus : number, optional
        Size of the surplus to split (give this or ``points``).
    disagreement : (number, number)
        Payoffs if the talks fail.
    weight : number, default 1/2
        The first player's bargaining weight ``α`` in (0, 1).
    points : sequence of pairs, or a two-player Game, optional
        Feasible utility pairs (a Game: the payoff pairs of its pure outcomes).
    players : (str, str)
    title : str

    Returns
    -------
    BargainingProblem

    Examples
    --------
    >>> nash_bargaining(surplus=1).points
    (Fraction(1, 1), Fraction(0, 1), Fraction(0, 1), Fraction(1, 1), Fraction(0, 1), Fraction(0, 1))
    >>> nash_bargaining()
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: nash bargaining: give a surplus or the feasible points
    """
    from ..game import Game

    if (surplus is None) == (points is None):
        raise InvalidGameError("nash bargaining: give a surplus or the feasible points" if surplus is None
                               else "nash bargaining: give a surplus or points, not both")
    if surplus is not None:
        from ..exact import to_number

        if not getattr(surplus, "free_symbols", None) and not hasattr(surplus, "symbol") and to_number(surplus) <= 0:
            raise InvalidGameError(f"nash bargaining: surplus must be positive, got {surplus!r}")
        points = ((surplus, 0), (0, surplus), (0, 0))
    elif isinstance(points, Game):
        if points.num_players != 2:
            raise InvalidGameError("nash bargaining: the game must have two players")
        if players == ("A", "B"):
            players = points.players
        import itertools

        points = tuple((points.payoffs[(0, *idx)], points.payoffs[(1, *idx)])
                       for idx in itertools.product(*(range(n) for n in points.shape)))
    return BargainingProblem(points=points, disagreement=disagreement, weight=weight, players=players, title=title)


def _cross(o: tuple, a: tuple, b: tuple) -> Any:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _frontier(pairs: list[tuple], ctx: Any) -> list[tuple]:
    """The strong Pareto frontier of the convex hull, from the east end (largest u_A) to the north end."""
    def key(a: tuple, b: tuple) -> int:
        return ctx.cmp(a[0], b[0]) or ctx.cmp(a[1], b[1])

    pts = sorted(pairs, key=functools.cmp_to_key(key))
    uniq: list[tuple] = []
    for q in pts:
        if not uniq or key(uniq[-1], q) != 0:
            uniq.append(q)
    if len(uniq) == 1:
        return uniq
    # upper hull from the rightmost (then highest) point leftwards (Andrew's monotone chain)
    upper: list[tuple] = []
    for q in reversed(uniq):
        while len(upper) >= 2 and ctx.sign(_cross(upper[-2], upper[-1], q)) <= 0:
            upper.pop()
        upper.append(q)
    # the Pareto frontier: the upper hull while u_B strictly rises (u_A falls)
    front = [upper[0]]
    for q in upper[1:]:
        if ctx.cmp(q[1], front[-1][1]) > 0:
            front.append(q)
        else:
            break
    return front


def pareto_frontier(problem: BargainingProblem) -> list[tuple]:
    """The vertices of the Pareto frontier of the feasible set, from the first player's best point.

    Examples
    --------
    >>> pareto_frontier(nash_bargaining(points=[(0, 0), (4, 1), (3, 3), (1, 4), (1, 1), (0, 4)]))
    [(Fraction(4, 1), Fraction(1, 1)), (Fraction(3, 1), Fraction(3, 1)), (Fraction(1, 1), Fraction(4, 1))]
    """
    problem.require_numeric("pareto_frontier")
    return _frontier(problem.pairs(), problem.context())


def _clip(front: list[tuple], d: tuple, ctx: Any) -> list[tuple]:
    """The part of the frontier with ``u >= d`` (u_B rises and u_A falls along it)."""
    d1, d2 = d
    # start: first point with u_B >= d_B
    k = 0
    while k < len(front) and ctx.cmp(front[k][1], d2) < 0:
        k += 1
    if k == len(front):
        return []
    path = []
    if k > 0 and ctx.cmp(front[k][1], d2) > 0:
        a, b = front[k - 1], front[k]
        t = (d2 - a[1]) / (b[1] - a[1])
        path.append((a[0] + t * (b[0] - a[0]), d2))
    path += front[k:]
    # end: last point with u_A >= d_A
    out = []
    for j, q in enumerate(path):
        if ctx.cmp(q[0], d1) >= 0:
            out.append(q)
            continue
        if out and ctx.cmp(out[-1][0], d1) > 0:
            a = out[-1]
            t = (d1 - a[0]) / (q[0] - a[0])
            out.append((d1, a[1] + t * (q[1] - a[1])))
        break
    return out


def _nash_core(problem: BargainingProblem, ctx: Any) -> list[ModelEquilibrium]:
    A, B = problem.players
    d = ctx.num(problem.disagreement)
    alpha = ctx.num(problem.weight)
    path = _clip(_frontier(problem.pairs(ctx), ctx), d, ctx)
    gains = [q for q in path if ctx.sign(q[0] - d[0]) > 0 and ctx.sign(q[1] - d[1]) > 0]
    if not gains and not (len(path) >= 2):
        return [ModelEquilibrium(
            "no agreement: nothing feasible beats disagreement",
            {A: "no deal", B: "no deal"}, {A: d[0], B: d[1]}, _shares(problem, d, d))]
    # h > 0: moving along the frontier towards the second player raises the Nash product
    def h(q: tuple, s: Any) -> Any:
        return (1 - alpha) * s * (q[0] - d[0]) - alpha * (q[1] - d[1])

    best = path[-1]
    where = "at the end of the frontier"
    for a, b in zip(path, path[1:]):
        s = (b[1] - a[1]) / (a[0] - b[0])
        if ctx.sign(h(a, s)) <= 0:
            best, where = a, "at a vertex of the frontier"
            break
        hb = ctx.sign(h(b, s))
        if hb < 0:
            u1 = alpha * (a[1] - d[1]) / s + alpha * a[0] + (1 - alpha) * d[0]
            best, where = (u1, a[1] + (a[0] - u1) * s), "on an edge of the frontier"
            break
        if hb == 0:
            best, where = b, "at a vertex of the frontier"
            break
    else:
        if len(path) == 1:
            best, where = path[0], "at the only Pareto-optimal point"
    from fractions import Fraction

    symmetric = ctx.cmp(alpha, ctx.num(Fraction(1, 2))) == 0
    label = "agreement " + ("(symmetric Nash solution)" if symmetric else "(generalized Nash solution)")
    return [ModelEquilibrium(
        label + ", " + where,
        {A: f"agree to {_fmt(ctx.clean(best[0]))}", B: f"agree to {_fmt(ctx.clean(best[1]))}"},
        {A: best[0], B: best[1]},
        _shares(problem, best, d),
    )]


def _shares(problem: BargainingProblem, u: tuple, d: tuple) -> dict[str, Any]:
    A, B = problem.players
    return {f"share {A}": u[0], f"share {B}": u[1], f"gain {A}": u[0] - d[0], f"gain {B}": u[1] - d[1]}


register(BargainingProblem, _nash_core)


def _nash_regret(problem: BargainingProblem, eq: ModelEquilibrium) -> Any:
    """Largest rise of the Nash product (to the power of the weight's denominator) at any candidate point."""
    from fractions import Fraction

    A, B = problem.players
    d = problem.disagreement
    u = (eq.payoffs[A], eq.payoffs[B])
    alpha = problem.weight
    ctx = problem.context()
    path = _clip(_frontier(problem.pairs(), ctx), d, ctx)
    if isinstance(alpha, Fraction):
        a, b = alpha.numerator, alpha.denominator

        def product(q: tuple) -> Any:
            g1, g2 = q[0] - d[0], q[1] - d[1]
            return g1 ** a * g2 ** (b - a) if g1 >= 0 and g2 >= 0 else Fraction(-1)
    else:
        def product(q: tuple) -> Any:
            g1, g2 = q[0] - d[0], q[1] - d[1]
            return g1 ** alpha * g2 ** (1 - alpha) if g1 >= 0 and g2 >= 0 else -1.0
    # the maximum of a concave function along the frontier: vertices and each edge's stationary point
    cands = list(path)
    for p, q in zip(path, path[1:]):
        s = (q[1] - p[1]) / (p[0] - q[0])
        u1 = alpha * (p[1] - d[1]) / s + alpha * p[0] + (1 - alpha) * d[0]
        if q[0] <= u1 <= p[0]:
            cands.append((u1, p[1] + (p[0] - u1) * s))
    if not cands:
        return 0 * alpha if u == tuple(d) else Fraction(1)
    # the point itself must be feasible (on the clipped frontier)
    on = any(min(p[0], q[0]) <= u[0] <= max(p[0], q[0]) and _cross(p, q, u) == 0 for p, q in zip(path, path[1:])) \
        or any(u == q for q in path)
    if not on and problem.exact:
        return Fraction(1)
    return max(0 * alpha, max(product(q) for q in cands) - product(u))


def nash_bargaining_solution(problem: BargainingProblem) -> Any:
    """The (generalized) Nash bargaining solution, exactly.

    Returns
    -------
    ModelSolution
        One agreement (the solution is unique), or "no agreement" when no feasible
        point gives both sides more than disagreement. Values: each side's share and
        gain over disagreement. The certificate: the agreement lies on the Pareto
        frontier and no vertex or edge optimum has a larger Nash product (exactly).

    Examples
    --------
    >>> sol = nash_bargaining_solution(nash_bargaining(surplus=1, players=("US", "Ukraine")))
    >>> sol.values["share US"], sol.values["share Ukraine"]
    (Fraction(1, 2), Fraction(1, 2))
    >>> poly = nash_bargaining(points=[(0, 0), (4, 0), (3, 2), (0, 3)])
    >>> nash_bargaining_solution(poly)[0].payoffs
    {'A': Fraction(3, 1), 'B': Fraction(2, 1)}
    """
    started = time.perf_counter()
    problem.require_numeric("nash_bargaining_solution")
    e = _nash_core(problem, problem.context())[0]
    eq = ModelEquilibrium(e.label, e.strategies, e.payoffs, e.quantities, _nash_regret(problem, e))
    A, B = problem.players
    d = problem.disagreement
    if eq.label.startswith("no agreement"):
        summary = (f"No feasible agreement gives both {A} and {B} more than their disagreement payoffs "
                   f"({_fmt(d[0])}, {_fmt(d[1])}): the Nash solution is no deal.")
    else:
        summary = (f"Weighting {A} by {_fmt(problem.weight)}, the Nash bargaining solution gives {A} "
                   f"{_fmt(eq.payoffs[A])} and {B} {_fmt(eq.payoffs[B])}: each gets its disagreement payoff "
                   f"({_fmt(d[0])} and {_fmt(d[1])}) plus a share of the gains from agreement "
                   f"({_fmt(eq.quantities[f'gain {A}'])} and {_fmt(eq.quantities[f'gain {B}'])}). A worse "
                   f"outside option for one side moves the split against it.")
    return make_solution(problem, "nash_bargaining_solution", [eq], dict(eq.quantities), started=started,
                         summary=summary,
                         notes=("complete: the Nash bargaining solution is unique",
                                "certificate: on the Pareto frontier, and no vertex or edge optimum has a larger "
                                "Nash product"))
