"""Assessments (behaviour strategies with beliefs) and their exact tests: sequential rationality and
Kreps–Wilson consistency.

An *assessment* gives every information set a probability vector over its actions
(behaviour) and one over its nodes (beliefs). It is a **sequential equilibrium**
(Kreps & Wilson 1982) when

* it is *sequentially rational*: at every information set, given the beliefs there
  and everyone's behaviour afterwards, no action does better than the behaviour
  (:func:`sequential_rationality_regret`, exactly 0; with consistent beliefs and
  perfect recall one-shot deviations suffice, Hendon, Jacobsen & Sloth 1996), and
* it is *consistent*: the beliefs are the limit of Bayes' rule along completely
  mixed behaviour converging to the behaviour (:func:`kreps_wilson_consistency`).

The consistency test is exact. Along a completely mixed sequence the actions the
behaviour never takes have probabilities ``c(a) eps^k(a)`` (``k(a) > 0``) in the
limit (by curve selection one may take such leading terms), so a node's
probability is ``C(x) eps^K(x)`` with ``K`` the sum of the orders and ``C`` the
product of the coefficients and positive probabilities on its path. Bayes' limit
puts weight exactly on the nodes of least order, in proportion to ``C``. The
beliefs are consistent if and only if

1. some orders ``k > 0`` make the nodes with positive belief exactly the nodes of
   least order in every information set (a linear feasibility problem, solved
   exactly), and
2. some coefficients ``c > 0`` reproduce the belief ratios among them: with
   ``u = log c`` a linear system ``L u = log r`` with rational ``r``, solvable if and
   only if ``prod r_j^{w_j} = 1`` for every integer vector ``w`` with ``w L = 0``
   (checked exactly over a basis of that lattice).

References
----------
Kreps, D. M. & Wilson, R. (1982). Sequential equilibria. *Econometrica* 50, 863–894.
Hendon, E., Jacobsen, H. J. & Sloth, B. (1996). The one-shot-deviation principle
for sequential rationality. *Games and Economic Behavior* 12, 274–282.
Kohlberg, E. & Reny, P. J. (1997). Independence on relative probability spaces and
consistent assessments in game trees. *Journal of Economic Theory* 75, 280–313.

Examples
--------
Selten's horse: player 3 cannot tell whether player 1 or player 2 passed the move on.

>>> from fractions import Fraction as F
>>> from gametheory.extensive import Decision, ExtensiveGame
>>> three = lambda left, right: Decision("3", {"L": left, "R": right}, infoset="3")
>>> horse = ExtensiveGame(Decision("1", {
...     "C": Decision("2", {"c": {"1": 1, "2": 1, "3": 1},
...                         "d": three({"1": 0, "2": 0, "3": 1}, {"1": 4, "2": 4, "3": 0})}),
...     "D": three({"1": 0, "2": 0, "3": 0}, {"1": 3, "2": 2, "3": 2})}), players=("1", "2", "3"))
>>> [h.name for h in horse.infosets]
['/', '/C', '3']
>>> good = Assessment(horse, ((1, 0), (1, 0), (1, 0)), ((1,), (1,), (F(2, 3), F(1, 3))))
>>> good.sequential_regret(), good.consistency().consistent, good.is_sequential_equilibrium()
(Fraction(0, 1), True, True)
>>> bad = Assessment(horse, ((0, 1), (1, 0), (0, 1)), ((1,), (1,), (0, 1)))  # Nash, not sequential
>>> bad.sequential_regret()                  # player 2 would rather play d
Fraction(3, 1)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

from .. import exact as _exact
from ..errors import InvalidGameError
from .behaviour import _values, check_behaviour, reach_probabilities
from .flat import CHANCE, MOVE
from .game import ExtensiveGame

__all__ = [
    "Assessment",
    "Consistency",
    "sequential_rationality_regret",
    "kreps_wilson_consistency",
    "check_beliefs",
]


def check_beliefs(game: ExtensiveGame, beliefs: Sequence[Any], *, tol: float = 0.0) -> tuple:
    """``beliefs`` as a tuple (one distribution over each information set's nodes) after checking it.

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> check_beliefs(ExtensiveGame(Decision("A", {"x": {}})), [[1]])
    ((1,),)
    """
    sets = game.infosets
    if len(beliefs) != len(sets):
        raise InvalidGameError(f"beliefs are needed at {len(sets)} information sets, got {len(beliefs)}")
    out = []
    for h, mu in zip(sets, beliefs):
        if mu is None:
            raise InvalidGameError(f"no beliefs given at {h.name!r} of {h.player}")
        mu = tuple(mu)
        if len(mu) != len(h.nodes):
            raise InvalidGameError(f"information set {h.name!r} of {h.player} has {len(h.nodes)} nodes, "
                                   f"got {len(mu)} beliefs")
        if any(q < -tol for q in mu) or abs(sum(mu) - 1) > tol:
            raise InvalidGameError(f"the beliefs at {h.name!r} of {h.player} are not a distribution: {mu}")
        out.append(mu)
    return tuple(out)


def sequential_rationality_regret(game: ExtensiveGame, behaviour: Sequence[Any], beliefs: Sequence[Any]) -> Any:
    """The largest gain from changing the action at any information set, given the beliefs there.

    At information set ``h`` of player ``i`` with beliefs ``mu``, action ``a`` is worth
    ``sum_x mu(x) V_i(x, a)``, where ``V_i`` is i's expected payoff after ``a`` at ``x``
    under the behaviour. The regret is the best action's worth minus the behaviour's.

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> g = ExtensiveGame(Decision("A", {"x": {"A": 1}, "y": {"A": 3}}))
    >>> sequential_rationality_regret(g, ((1, 0),), ((1,),))
    Fraction(2, 1)
    """
    flat = game.flat
    values = _values(flat, behaviour, 0)
    worst: Any = Fraction(0) if flat.exact else 0.0
    for h, vec, mu in zip(flat.infosets, behaviour, beliefs):
        i = flat.mover[h.nodes[0]]
        worth = []
        for a in range(len(h.actions)):
            worth.append(sum(m * values[flat.children[x][a]][i] for x, m in zip(h.nodes, mu) if m != 0))
        played = sum(q * w for q, w in zip(vec, worth) if q != 0)
        gap = max(worth) - played
        if gap > worst:
            worst = gap
    return worst


@dataclass(frozen=True)
class Consistency:
    """The verdict of :func:`kreps_wilson_consistency`, with its witness.

    Attributes
    ----------
    consistent : bool
    reason : str
        Why not (or ``"consistent"``).
    orders : dict
        ``{(infoset name, action): k}``: orders of vanishing of the actions the
        behaviour never takes (a witness when consistent).
    """

    consistent: bool
    reason: str
    orders: dict = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.consistent


def _paths(flat: Any, behaviour: Sequence[Any]) -> tuple[list, list, list]:
    """Per node: the zero-probability actions on its path, the product of positive probabilities, and
    whether a zero-probability chance move makes it impossible."""
    n = flat.num_nodes
    zeros: list[tuple] = [()] * n
    weight: list[Any] = [Fraction(1)] * n
    impossible = [False] * n
    for x in range(1, n):
        p = flat.parent[x]
        e = flat.edge[x]
        zeros[x] = zeros[p]
        weight[x] = weight[p]
        impossible[x] = impossible[p]
        if flat.kind[p] == CHANCE:
            q = flat.chance[p][e]
            if q == 0:
                impossible[x] = True
            else:
                weight[x] = weight[x] * q
        elif flat.kind[p] == MOVE:
            h = flat.infoset_of[p]
            q = behaviour[h][e]
            if q == 0:
                zeros[x] = zeros[p] + ((h, e),)
            else:
                weight[x] = weight[x] * q
    return zeros, weight, impossible


def kreps_wilson_consistency(game: ExtensiveGame, behaviour: Sequence[Any], beliefs: Sequence[Any]) -> Consistency:
    """Whether the beliefs are Kreps–Wilson consistent with the behaviour (exact; see the module docstring).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.extensive import Chance, Decision, ExtensiveGame
    >>> g = ExtensiveGame(Chance({"h": ("1/3", Decision("A", {"x": Decision("B", {"l": {}}, infoset="b"), "y": {}})),
    ...                           "t": ("2/3", Decision("A", {"x": Decision("B", {"l": {}}, infoset="b"), "y": {}}))}))
    >>> # A never plays x; its two decisions are separate sets, so x may vanish at different rates
    >>> kreps_wilson_consistency(g, ((0, 1), (1,), (0, 1)), ((1,), (F(1, 2), F(1, 2)), (1,))).consistent
    True
    >>> g2 = ExtensiveGame(Chance({"h": ("1/3", Decision("A", {"x": Decision("B", {"l": {}}, infoset="b"), "y": {}},
    ...                                                      infoset="A")),
    ...                            "t": ("2/3", Decision("A", {"x": Decision("B", {"l": {}}, infoset="b"), "y": {}},
    ...                                                      infoset="A"))}))
    >>> # now one information set: x vanishes alike at both nodes, so B must believe the prior
    >>> kreps_wilson_consistency(g2, ((0, 1), (1,)), ((F(1, 3), F(2, 3)), (F(1, 2), F(1, 2)))).consistent
    False
    >>> kreps_wilson_consistency(g2, ((0, 1), (1,)), ((F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))).consistent
    True
    """
    import sympy

    from ._lp import lp_max

    flat = game.flat
    flat.require_perfect_recall("Kreps-Wilson consistency")
    behaviour = tuple(tuple(v) for v in behaviour)
    beliefs = tuple(tuple(m) for m in beliefs)
    zeros, weight, impossible = _paths(flat, behaviour)

    def counts(x: int) -> dict:
        c: dict = {}
        for ha in zeros[x]:
            c[ha] = c.get(ha, 0) + 1
        return c

    # rows are sparse: only the vanishing actions that tell nodes of one set apart get a variable
    rows: list[tuple[dict, int, str]] = []  # (diff, const, "eq" | "gt"), with K(x) - K(ref) = const + diff . k'
    coef_rows_sparse: list[dict] = []
    coef_ratio: list[Fraction] = []
    for h, mu in zip(flat.infosets, beliefs):
        if len(h.nodes) == 1:
            continue
        possible = [(x, m) for x, m in zip(h.nodes, mu) if not impossible[x]]
        if not possible:  # chance rules the whole set out: no completely mixed behaviour reaches it
            continue
        if any(m != 0 for x, m in zip(h.nodes, mu) if impossible[x]):
            return Consistency(False, f"beliefs at {h.name!r} of {h.player} weigh a node that chance rules out")
        support = [x for x, m in possible if m != 0]
        if not support:
            return Consistency(False, f"beliefs at {h.name!r} of {h.player} weigh no node that can be reached")
        ref = support[0]
        cref = counts(ref)
        mref = dict(zip(h.nodes, mu))[ref]
        for x, m in possible:
            if x == ref:
                continue
            cx = counts(x)
            diff = {k: cx.get(k, 0) - cref.get(k, 0) for k in set(cx) | set(cref)}
            diff = {k: v for k, v in diff.items() if v}
            const = sum(cx.values()) - sum(cref.values())
            if m != 0:
                rows.append((diff, const, "eq"))
                coef_rows_sparse.append(diff)
                ratio = (Fraction(m) / Fraction(mref)) / (Fraction(weight[x]) / Fraction(weight[ref]))
                coef_ratio.append(ratio)
            else:
                rows.append((diff, const, "gt"))
    variables: dict[tuple, int] = {}
    for diff, _, _ in rows:
        for k in diff:
            if k not in variables:
                variables[k] = len(variables)
    nv = len(variables)
    ineq_A: list[list[int]] = []  # A k' <= b with k = 1 + k'
    ineq_b: list[int] = []
    for diff, const, kind in rows:
        dense = [0] * nv
        for k, v in diff.items():
            dense[variables[k]] = v
        if kind == "eq":
            # equal orders: diff . k' = -const (two inequalities)
            ineq_A.append(dense)
            ineq_b.append(-const)
            ineq_A.append([-d for d in dense])
            ineq_b.append(const)
        else:
            # strictly higher order: const + diff . k' >= 1
            ineq_A.append([-d for d in dense])
            ineq_b.append(const - 1)
    coef_rows = []
    ratios = []
    for diff, r in zip(coef_rows_sparse, coef_ratio):
        if not diff:  # the two nodes are told apart by positive-probability moves only: Bayes' rule itself
            if r != 1:
                return Consistency(False, "the beliefs do not follow Bayes' rule where the behaviour reaches the nodes")
            continue
        dense = [0] * nv
        for k, v in diff.items():
            dense[variables[k]] = v
        coef_rows.append(dense)
        ratios.append(r)
    coef_ratio = ratios
    # 1. orders
    orders: dict = {}
    if ineq_A:
        if nv == 0:
            if any(b < 0 for b in ineq_b):
                return Consistency(False, "the beliefs do not follow Bayes' rule where the behaviour reaches the nodes")
        else:
            # bounded objective: maximise -sum k' (k' >= 0)
            got = lp_max([-1] * nv, ineq_A, ineq_b)
            if got is None:
                return Consistency(False, "no ordering of the vanishing actions puts the believed nodes first in "
                                          "every information set")
            sol = got[1]
            names = {v: k for k, v in variables.items()}
            orders = {(flat.infosets[names[j][0]].name, flat.infosets[names[j][0]].actions[names[j][1]]):
                      1 + sol[j] for j in range(nv)}
    # 2. coefficients: L u = log r solvable iff r^w = 1 for the integer left kernel of L
    if coef_rows:
        if nv == 0:
            if any(r != 1 for r in coef_ratio):
                return Consistency(False, "the beliefs do not follow Bayes' rule where the behaviour reaches the nodes")
        else:
            L = sympy.Matrix(coef_rows)
            for w in L.T.nullspace():
                den = 1
                for v in w:
                    den = math.lcm(den, int(sympy.fraction(v)[1]))
                ints = [int(v * den) for v in w]
                prod = Fraction(1)
                for r, e in zip(coef_ratio, ints):
                    if e:
                        prod *= r ** e
                if prod != 1:
                    return Consistency(False, "the belief ratios cannot come from any completely mixed behaviour "
                                              "(the same vanishing actions would have to be weighted differently)")
    return Consistency(True, "consistent", orders)


@dataclass(frozen=True)
class Assessment:
    """Behaviour at every information set, and beliefs over every information set's nodes.

    Parameters
    ----------
    game : ExtensiveGame
    behaviour : sequence
        One probability vector per information set (``game.infosets`` order).
    beliefs : sequence
        One probability vector per information set over ``h.nodes``.

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> Assessment(ExtensiveGame(Decision("A", {"x": {"A": 1}})), ((1,),), ((1,),)).is_sequential_equilibrium()
    True
    """

    game: ExtensiveGame = field(repr=False)
    behaviour: tuple
    beliefs: tuple

    def __post_init__(self) -> None:
        flat = self.game.flat
        tol = 0.0 if self.game.exact else _exact.DEFAULT_TOL
        object.__setattr__(self, "behaviour", check_behaviour(flat, self.behaviour, tol=tol))
        object.__setattr__(self, "beliefs", check_beliefs(self.game, self.beliefs, tol=tol))

    @property
    def exact(self) -> bool:
        """Exact when the game and every number given are."""
        nums = [q for v in self.behaviour for q in v] + [q for v in self.beliefs for q in v]
        return self.game.exact and not any(isinstance(q, float) for q in nums)

    def sequential_regret(self) -> Any:
        """:func:`sequential_rationality_regret` of this assessment."""
        return sequential_rationality_regret(self.game, self.behaviour, self.beliefs)

    def consistency(self) -> Consistency:
        """:func:`kreps_wilson_consistency` of this assessment."""
        return kreps_wilson_consistency(self.game, self.behaviour, self.beliefs)

    def bayes_where_reached(self) -> bool:
        """Whether the beliefs follow Bayes' rule at every information set the behaviour reaches."""
        reach = reach_probabilities(self.game.flat, self.behaviour)
        for h, mu in zip(self.game.infosets, self.beliefs):
            total = sum(reach[x] for x in h.nodes)
            if total != 0 and any(abs(reach[x] / total - m) > (0 if self.exact else _exact.DEFAULT_TOL)
                                  for x, m in zip(h.nodes, mu)):
                return False
        return True

    def is_sequential_equilibrium(self) -> bool:
        """Sequentially rational (regret 0; within the tolerance for float games) and consistent."""
        regret = self.sequential_regret()
        ok = regret == 0 if self.exact else regret <= _exact.DEFAULT_TOL * 100
        return bool(ok) and self.consistency().consistent
