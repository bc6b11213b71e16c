"""Exact thresholds of a game tree in one parameter, each region certified by a direct solve.

:func:`outcome_thresholds` moves one parameter of a game-tree file over its declared
range (the others fixed) and returns the intervals and breakpoints on which the
equilibrium outcomes (every subgame-perfect equilibrium, or every sequential one when
the hidden information is nature's) stay the same, with the exact breakpoints.

How it is exact, for any number of players: payoffs and chance probabilities of the
tree are polynomials in the parameter (recovered exactly by interpolating builds of
the file at a few rational values, and checked at one more). On an interval, the
equilibrium classes of every subgame (equilibria with the same expected payoffs and
outcome distribution, counted as in :func:`~gametheory.sequential.outcomes.equilibrium_outcomes`)
are decided by comparisons between polynomials; at a rational witness point inside,
every comparison that decides a class is recorded, and when none of those
differences has a root inside the interval, no comparison changes sign there and the
classes, counts and outcomes are the same on the whole interval. Otherwise the
interval is split at the roots and each part is examined the same way. Each region
is then solved directly at its witness point (and each rational breakpoint at the
point itself) with the ordinary solvers, and the region's content is that solve: the
parametric pass only says where the regions are, and the two must agree exactly on
the number of equilibria and outcomes (else :class:`~gametheory.errors.SolverError`).

Examples
--------
>>> th = outcome_thresholds("resource_deal", "share")
>>> [str(v) for v in th.values]
['5/12', '7/8']
>>> print(th.summary())  # doctest: +NORMALIZE_WHITESPACE
Equilibrium outcomes in share (the others at their defaults), share in [0, 1]
  share = 0: 3 equilibria, 2 outcomes
  0 < share < 5/12: 2 equilibria, 1 outcome
  share = 5/12: 3 equilibria, 2 outcomes
  5/12 < share < 7/8: 1 equilibrium, 1 outcome
  share = 7/8: 2 equilibria, 2 outcomes
  7/8 < share <= 1: 1 equilibrium, 1 outcome
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

from .. import exact as _exact
from ..errors import InvalidGameError, NotSupportedError, SolverError
from ..extensive.game import Chance, Decision, ExtensiveGame, Stage, Terminal

__all__ = ["OutcomeRegion", "OutcomeThresholds", "outcome_thresholds", "outcome_report"]

_MAX_DEGREE = 4
_MAX_DEPTH = 40


# -- univariate polynomials with exact coefficients -------------------------------------------
def _trim(c: list) -> tuple:
    while c and c[-1] == 0:
        c.pop()
    return tuple(c)


def _padd(a: tuple, b: tuple, sign: int = 1) -> tuple:
    if len(a) <= 1 and len(b) <= 1:  # constants: most values in a tree
        v = (a[0] if a else 0) + (sign * b[0] if b else 0)
        return (v,) if v else ()
    n = max(len(a), len(b))
    return _trim([(a[i] if i < len(a) else 0) + sign * (b[i] if i < len(b) else 0) for i in range(n)])


def _pmul(a: tuple, b: tuple) -> tuple:
    if not a or not b:
        return ()
    if len(a) == 1 and len(b) == 1:
        return (a[0] * b[0],)
    out = [0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        if x:
            for j, y in enumerate(b):
                out[i + j] += x * y
    return _trim(out)


def _peval(a: tuple, x: Any) -> Any:
    v: Any = 0
    for c in reversed(a):
        v = v * x + c
    return v


def _interpolate(xs: list, ys: list) -> tuple:
    """The polynomial of degree < len(xs) through the points (Lagrange, exact)."""
    first = ys[0]
    if all(y == first for y in ys):  # most payoffs and attributes do not move with the parameter
        return (Fraction(first),) if first != 0 else ()
    out: tuple = ()
    for i, (xi, yi) in enumerate(zip(xs, ys)):
        if yi == 0:
            continue
        basis: tuple = (Fraction(1),)
        den = Fraction(1)
        for j, xj in enumerate(xs):
            if j != i:
                basis = _pmul(basis, (-xj, Fraction(1)))
                den *= xi - xj
        out = _padd(out, tuple(c * yi / den for c in basis))
    return out


def _roots_between(p: tuple, lo: Any, hi: Any) -> list:
    """Real roots of ``p`` strictly between ``lo`` and ``hi`` (exact: rationals or sympy algebraic numbers)."""
    if len(p) <= 1:
        return []
    if len(p) == 2:
        r = -Fraction(p[0]) / Fraction(p[1])
        return [r] if _between(r, lo, hi) else []
    import sympy

    x = sympy.Symbol("x")
    den = 1
    for c in p:
        den = den * Fraction(c).denominator // _gcd(den, Fraction(c).denominator)
    poly = sympy.Poly([int(c * den) for c in reversed(p)], x)
    out = []
    for r in sympy.real_roots(poly):
        if r.is_Rational:
            r = Fraction(int(r.p), int(r.q))
        if _between(r, lo, hi):
            out.append(r)
    return out


def _gcd(a: int, b: int) -> int:
    import math

    return math.gcd(a, b)


def _sign(v: Any) -> int:
    if isinstance(v, Fraction) or isinstance(v, int):
        return (v > 0) - (v < 0)
    from ..symbolic.conditions import sign_of_number

    return sign_of_number(v)


def _between(r: Any, lo: Any, hi: Any) -> bool:
    return _sign(_sub(r, lo)) > 0 and _sign(_sub(hi, r)) > 0


def _sub(a: Any, b: Any) -> Any:
    if isinstance(a, (Fraction, int)) and isinstance(b, (Fraction, int)):
        return a - b
    return _sym(a) - _sym(b)


def _sym(v: Any) -> Any:
    import sympy

    if isinstance(v, Fraction):
        return sympy.Rational(v.numerator, v.denominator)
    if isinstance(v, int):
        return sympy.Integer(v)
    return v


def _rational_between(a: Any, b: Any) -> Fraction:
    """A simple rational strictly between two exact reals."""
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        mid = (a + b) / 2
        # prefer a short fraction near the middle
        for den in range(1, 1000):
            cand = Fraction(round(mid * den), den)
            if a < cand < b:
                return cand
        return mid
    from ..symbolic.witness import rational_between

    r = rational_between(_sym(a), _sym(b))
    return Fraction(int(r.p), int(r.q))


# -- the tree as polynomials --------------------------------------------------------------------
@dataclass
class _PolyTree:
    """A tree's structure (positions of the delayed tree) with payoffs and probabilities as polynomials."""

    kind: list            # "T", "D", "C" per position
    children: list
    mover: list           # player index at decisions
    payoffs: list         # per terminal: tuple of polynomials
    probs: list           # per chance: tuple of polynomials
    outcome: list         # per terminal: hashable outcome key
    players: tuple
    concept: str


def _snapshot(game: ExtensiveGame) -> tuple[ExtensiveGame, str]:
    from ..extensive.nature import delayed_tree

    if game.subgame_at_every_position:
        return game, "subgame-perfect"
    d = delayed_tree(game)
    if d is None:
        raise NotSupportedError("thresholds of trees whose hidden information is not nature's alone are not supported")
    return d.game, "sequential"


def _structure(tree: ExtensiveGame) -> tuple:
    out = []
    for pos in tree.positions:
        node = pos.node
        t = type(node)
        if t is Stage:
            raise NotSupportedError("outcome_thresholds handles decisions, chance and terminals; this tree has a "
                                    "simultaneous stage (use gametheory.symbolic.sequential_thresholds)")
        out.append((t.__name__, pos.children, node.player if t is Decision else None,
                    node.outcomes if t is Chance else None))
    return tuple(out)


def _poly_tree(build: Any, low: Fraction, high: Fraction) -> _PolyTree:
    """Interpolate payoffs and probabilities from builds at rational points; verify at one more."""
    span = high - low
    grid = [low + span * Fraction(k, 2 * _MAX_DEGREE + 1) for k in (1, 2 * _MAX_DEGREE, 3, 5, 7, 2, 4, 6, 8)]
    samples: list = []
    structure = None
    for degree in (1, 2, _MAX_DEGREE):
        need = degree + 2
        while len(samples) < need:
            x = grid[len(samples)]
            tree, concept = _snapshot(build(x))
            st = _structure(tree)
            if structure is None:
                structure = st
                players = tree.players
            elif st != structure:
                raise NotSupportedError("the tree's shape changes with the parameter (a condition 'if' depends on it)")
            samples.append((x, tree))
        fits = _fit(samples[: degree + 1], samples[degree + 1:], players)
        if fits is not None:
            break
    else:
        raise NotSupportedError(f"payoffs or probabilities are not polynomials of degree <= {_MAX_DEGREE} in the parameter")
    pay, probs, outcome = fits
    first = samples[0][1]
    kind, children, mover = [], [], []
    for pos in first.positions:
        t = type(pos.node)
        kind.append("T" if t is Terminal else "D" if t is Decision else "C")
        children.append(pos.children)
        mover.append(players.index(pos.node.player) if t is Decision else -1)
    return _PolyTree(kind, children, mover, pay, probs, outcome, players, concept)


def _fit(use: list, check: list, players: tuple) -> tuple | None:
    xs = [x for x, _ in use]
    trees = [t for _, t in use]
    n = len(trees[0].positions)
    pay: list = [None] * n
    probs: list = [None] * n
    outcome: list = [None] * n
    all_pos = [t.positions for t in trees] + [t.positions for _, t in check]
    for k in range(n):
        nodes = [ps[k].node for ps in all_pos]
        node0 = nodes[0]
        if type(node0) is Terminal:
            rows = [node.payoffs for node in nodes]
            if all(r == rows[0] for r in rows):  # the parameter does not move this terminal
                pay[k] = tuple(((Fraction(node0.payoff(p)),) if node0.payoff(p) else ()) for p in players)
            else:
                pay[k] = tuple(_interpolate(xs, [Fraction(node.payoff(p)) for node in nodes[: len(xs)]])
                               for p in players)
                for (x, _), node in zip(check, nodes[len(xs):]):
                    if any(_peval(pl, x) != node.payoff(p) for pl, p in zip(pay[k], players)):
                        return None
            if node0.outcome is None:
                outcome[k] = ("terminal", k)
            elif all(node.outcome == node0.outcome for node in nodes):
                outcome[k] = tuple((name, (v,) if v else ()) for name, v in node0.outcome)
            else:  # the outcome's attributes may move with the parameter too
                outcome[k] = tuple((name, _interpolate(xs, [dict(node.outcome)[name] for node in nodes[: len(xs)]]))
                                   for name, _ in node0.outcome)
        elif type(node0) is Chance:
            rows = [node.probabilities for node in nodes]
            if all(r == rows[0] for r in rows):
                probs[k] = tuple(((Fraction(q),) if q else ()) for q in node0.probabilities)
            else:
                probs[k] = tuple(_interpolate(xs, [Fraction(node.probabilities[j]) for node in nodes[: len(xs)]])
                                 for j in range(len(node0.probabilities)))
                for (x, _), node in zip(check, nodes[len(xs):]):
                    if any(_peval(pl, x) != q for pl, q in zip(probs[k], node.probabilities)):
                        return None
    return pay, probs, outcome


def _classes_at(pt: _PolyTree, w: Fraction) -> tuple[list, set]:
    """Equilibrium classes of the root at ``w`` (values as polynomials) and every difference compared."""
    cache = pt.__dict__.setdefault("_cache", {})
    if w not in cache:
        cache[w] = _classes_at_uncached(pt, w)
    return cache[w]


def _classes_at_uncached(pt: _PolyTree, w: Fraction) -> tuple[list, set]:
    n = len(pt.kind)
    np_ = len(pt.players)
    classes: list = [None] * n
    diffs: set = set()
    for k in range(n - 1, -1, -1):
        kind = pt.kind[k]
        if kind == "T":
            vals = pt.payoffs[k]
            classes[k] = [(vals, tuple(_peval(v, w) for v in vals), ((pt.outcome[k], (Fraction(1),)),), 1)]
            continue
        kids = pt.children[k]
        if kind == "D":
            i = pt.mover[k]
            out: dict = {}
            for a, c in enumerate(kids):
                for vals, num, dist, cnt in classes[c]:
                    mult = cnt
                    for b, cb in enumerate(kids):
                        if b == a:
                            continue
                        s = 0
                        for vb, nb, _, cntb in classes[cb]:
                            if len(vb[i]) > 1 or len(vals[i]) > 1:  # constant differences never change sign
                                d = _padd(vb[i], vals[i], -1)
                                if len(d) > 1:
                                    diffs.add(d)
                            if nb[i] <= num[i]:
                                s += cntb
                        mult *= s
                        if mult == 0:
                            break
                    if mult:
                        key = (vals, dist)
                        if key in out:
                            out[key] = (vals, num, dist, out[key][3] + mult)
                        else:
                            out[key] = (vals, num, dist, mult)
            classes[k] = list(out.values())
        else:
            import itertools

            probs = pt.probs[k]
            out = {}
            for combo in itertools.product(*[classes[c] for c in kids]):
                vals = [()] * np_
                dist: dict = {}
                cnt = 1
                for q, (cv, _, cd, cc) in zip(probs, combo):
                    cnt *= cc
                    if not q:
                        continue
                    for r in range(np_):
                        vals[r] = _padd(vals[r], _pmul(q, cv[r]))
                    for o, pr in cd:
                        dist[o] = _padd(dist.get(o, ()), _pmul(q, pr))
                vals_t = tuple(vals)
                dist_t = tuple(sorted(((o, p) for o, p in dist.items() if p), key=repr))
                key = (vals_t, dist_t)
                if key in out:
                    v0, n0, d0, c0 = out[key]
                    out[key] = (v0, n0, d0, c0 + cnt)
                else:
                    out[key] = (vals_t, tuple(_peval(v, w) for v in vals_t), dist_t, cnt)
            classes[k] = list(out.values())
    return classes[0], diffs


# -- results ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OutcomeRegion:
    """An interval (or one point) of the parameter with its equilibrium outcomes.

    Attributes
    ----------
    low, high : exact number or None
        The ends (equal for a point).
    point : bool
    low_closed, high_closed : bool
    witness : Fraction or None
        The rational point the region was solved at (``None`` at an irrational breakpoint,
        which is not solved).
    total : int or None
        The number of equilibria there (each tie resolved each pure way).
    outcomes : tuple of (story, payoffs, count)
        Each distinct equilibrium outcome: its plays in words, expected payoffs, and how
        many equilibria lead to it (from the direct solve at ``witness``).
    """

    low: Any
    high: Any
    point: bool
    low_closed: bool
    high_closed: bool
    witness: Any
    total: int | None
    outcomes: tuple = ()
    keys: tuple = field(default=(), repr=False, compare=False)
    formulas: tuple = field(default=(), repr=False, compare=False)
    classes: tuple = field(default=(), repr=False, compare=False)
    at_point: frozenset | None = field(default=None, repr=False, compare=False)

    def describe(self, name: str) -> str:
        """``0 <= x < 1/2``, ``x = 1/2``, ..."""
        f = _fmt
        if self.point:
            return f"{name} = {f(self.low)}"
        lo = f"{f(self.low)} {'<=' if self.low_closed else '<'} "
        hi = f" {'<=' if self.high_closed else '<'} {f(self.high)}"
        return f"{lo}{name}{hi}"

    def contains(self, value: Any) -> bool:
        """Whether ``value`` lies in this region."""
        v = Fraction(value) if not isinstance(value, Fraction) else value
        if self.point:
            return _sign(_sub(v, self.low)) == 0
        lo = _sign(_sub(v, self.low))
        hi = _sign(_sub(self.high, v))
        return (lo > 0 or (lo == 0 and self.low_closed)) and (hi > 0 or (hi == 0 and self.high_closed))


def _fmt(v: Any) -> str:
    if isinstance(v, (Fraction, int)):
        return _exact.format_number(Fraction(v))
    import sympy

    return sympy.sstr(v)


@dataclass(frozen=True)
class OutcomeThresholds:
    """The regions of one parameter where the equilibrium outcomes stay the same.

    Attributes
    ----------
    name : str
        The game file.
    parameter : str
    low, high : Fraction
        The parameter's declared range.
    fixed : mapping
        The values of the other parameters.
    regions : tuple of OutcomeRegion
        In increasing order; adjacent regions with the same outcomes are merged.
    concept : str
        ``"subgame-perfect"`` or ``"sequential"``.
    players : tuple of str
    elapsed : float
    """

    name: str
    parameter: str
    low: Fraction
    high: Fraction
    fixed: Mapping[str, Any]
    regions: tuple[OutcomeRegion, ...]
    concept: str
    players: tuple[str, ...]
    elapsed: float = 0.0
    notes: tuple[str, ...] = field(default=())

    @property
    def tree(self) -> "_Axis":
        """The players and the parameter as a symbol (what the report's tables and figures read)."""
        return _Axis(self.players, self.parameter, self.low, self.high)

    @property
    def pieces(self) -> tuple:
        """The regions as :class:`~gametheory.symbolic.sequential.SequentialPiece`: each outcome's story with its
        payoffs as exact formulas in the parameter (what the paper bundle's tables print)."""
        import sympy

        from ..symbolic.sequential import SequentialPiece

        x = self.tree.parameter(self.parameter).symbol
        out = []
        for r in self.regions:
            outs = []
            for (story, pays, _), polys in zip(r.outcomes, r.formulas or ((),) * len(r.outcomes)):
                vals = tuple(sum((_sym(c) * x ** k for k, c in enumerate(p)), sympy.Integer(0)) for p in polys) \
                    if polys else tuple(_sym(v) for v in pays)
                outs.append((story, vals))
            out.append(SequentialPiece(_sym(r.low), _sym(r.high), tuple(outs), r.point, r.low_closed, r.high_closed))
        return tuple(out)

    @property
    def values(self) -> tuple:
        """The exact breakpoints inside the range, in increasing order: the points where the equilibrium
        outcomes change (a point where only the number of equilibria changes, by a tie off the path, is a
        region of its own but not a breakpoint)."""
        out = []
        regs = self.regions
        for k, r in enumerate(regs):
            if not r.point or not _between(r.low, self.low, self.high):
                continue
            left = regs[k - 1] if k > 0 else None
            right = regs[k + 1] if k + 1 < len(regs) else None
            if r.at_point is None or left is None or right is None:
                out.append(r.low)
                continue
            if left.keys != right.keys or _outcomes_at(left.classes, r.low) != r.at_point or \
                    _outcomes_at(right.classes, r.low) != r.at_point:
                out.append(r.low)
        return tuple(out)

    def region_at(self, value: Any) -> OutcomeRegion:
        """The region containing ``value``."""
        for r in self.regions:
            if r.contains(value):
                return r
        raise InvalidGameError(f"{value} is outside the range of {self.parameter}")

    def summary(self) -> str:
        """One line per region: the number of equilibria and of distinct outcomes."""
        head = (f"Equilibrium outcomes in {self.parameter} "
                f"({'the others at their defaults' if not self.fixed else 'others fixed'}), "
                f"{self.parameter} in [{_fmt(self.low)}, {_fmt(self.high)}]")
        lines = [head]
        for r in self.regions:
            if r.total is None:
                lines.append(f"  {r.describe(self.parameter)}: a boundary (irrational, not solved)")
                continue
            k = len(r.outcomes)
            lines.append(f"  {r.describe(self.parameter)}: {r.total} equilibri{'um' if r.total == 1 else 'a'}, "
                         f"{k} outcome{'' if k == 1 else 's'}")
        return "\n".join(lines)

    def __str__(self) -> str:
        lines = [self.summary().splitlines()[0]]
        for r in self.regions:
            if r.total is None:
                lines.append(f"  {r.describe(self.parameter)}: a boundary (irrational, not solved)")
                continue
            lines.append(f"  {r.describe(self.parameter)} ({r.total} {self.concept} equilibri"
                         f"{'um' if r.total == 1 else 'a'}):")
            for story, pays, cnt in r.outcomes:
                p = ", ".join(f"{pl} {_exact.format_number(v)}" for pl, v in zip(self.players, pays))
                lines.append(f"    - {story}  [{p}]" + (f" ({cnt} equilibria)" if cnt > 1 else ""))
        lines += [f"  note: {t}" for t in self.notes]
        return "\n".join(lines)


class _Axis:
    """The two things a thresholds table needs of a tree: its players, and the parameter as a symbol."""

    def __init__(self, players: tuple, name: str, low: Any, high: Any) -> None:
        self.players = players
        self._name, self._low, self._high = name, low, high

    def parameter(self, name: str) -> Any:
        from ..symbolic.parameters import Parameter

        return Parameter(self._name, low=self._low, high=self._high)


def outcome_thresholds(game: Any, parameter: str, *, others: Mapping[str, Any] | None = None,
                       solve_regions: bool = True) -> OutcomeThresholds:
    """The exact regions of ``parameter`` with the same equilibrium outcomes (see the module docstring).

    Parameters
    ----------
    game : str or path
        A game-tree file (a bundled name or a path): a composition, valued or not,
        without simultaneous stages.
    parameter : str
        The parameter that moves over its declared range.
    others : mapping, optional
        Values of other parameters (their defaults otherwise).
    solve_regions : bool
        Solve every region directly at its witness point (default); ``False`` gives the
        regions with their counts from the parametric pass only.

    Raises
    ------
    NotSupportedError
        Stages, hidden information that is not nature's, payoffs that are not
        polynomials of low degree in the parameter, or a shape that depends on it.
    SolverError
        If a direct solve disagrees with the parametric pass (a bug).
    """
    from ..io.spec import load, load_spec

    started = time.perf_counter()
    spec = load_spec(game)
    p = spec.parameter(parameter)
    given = {k: v for k, v in dict(others or {}).items() if k != parameter}
    values = spec.parameter_values(given)
    fixed = {k: values[k] for k in given}
    low, high = Fraction(p.low), Fraction(p.high)
    if low == high:
        raise InvalidGameError(f"parameter {parameter} has a one-point range [{_fmt(low)}, {_fmt(high)}]")

    def build(x: Fraction) -> ExtensiveGame:
        return load(game, {**given, parameter: x})

    pt = _poly_tree(build, low, high)
    # split [low, high] until no compared difference has a root inside an interval
    breaks: list = []
    leaves: list = []
    todo = [(low, high, 0)]
    while todo:
        a, b, depth = todo.pop()
        w = _rational_between(a, b)
        _, diffs = _classes_at(pt, w)
        roots: list = []
        for d in diffs:
            for r in _roots_between(d, a, b):
                if not any(_sign(_sub(r, q)) == 0 for q in roots):
                    roots.append(r)
        if not roots:
            leaves.append((a, b, w))
            continue
        if depth > _MAX_DEPTH:  # pragma: no cover - each split removes the roots it splits at
            raise SolverError(f"thresholds in {parameter}: no end to splitting; a bug, please report it")
        roots.sort(key=float)
        breaks += roots
        edges = [a] + roots + [b]
        todo += [(lo_, hi_, depth + 1) for lo_, hi_ in zip(edges, edges[1:])]
    points = sorted(breaks + [low, high], key=float)
    leaves.sort(key=lambda t: float(t[0]))
    regions: list = []
    for j, r in enumerate(points):
        if isinstance(r, Fraction):
            regions.append(_solved(game, given, parameter, r, pt, (r, r, True), solve_regions))
        else:
            regions.append(OutcomeRegion(r, r, True, True, True, None, None, ()))
        if j < len(leaves):
            a, b, w = leaves[j]
            regions.append(_solved(game, given, parameter, w, pt, (a, b, False), solve_regions))
    return OutcomeThresholds(name=str(game), parameter=parameter, low=low, high=high, fixed=fixed,
                             regions=tuple(_merge(regions)), concept=pt.concept, players=pt.players,
                             elapsed=time.perf_counter() - started)


def _solved(game: Any, given: Mapping, parameter: str, w: Fraction, pt: _PolyTree, where: tuple,
            solve: bool) -> OutcomeRegion:
    from ..io.spec import load
    from .outcomes import equilibrium_outcomes

    a, b, point = where
    root_classes, _ = _classes_at(pt, w)
    total = sum(c[3] for c in root_classes)
    keys = tuple(sorted((repr(c[0]), repr(c[2])) for c in root_classes))
    # at the point itself, classes whose polynomials differ elsewhere may coincide
    at_w = _outcomes_at(root_classes, w)
    if solve:
        direct = equilibrium_outcomes(load(game, {**given, parameter: w}), details=False)
        if direct.total != total or len(direct.groups) != len(at_w):
            raise SolverError(f"thresholds: at {parameter} = {_fmt(w)} the parametric pass finds {total} equilibria "
                              f"in {len(at_w)} outcomes, the direct solve {direct.total} in "
                              f"{len(direct.groups)}; a bug, please report it")
        outs = tuple((g.story().replace("\n", " | "), g.payoffs, g.count) for g in direct.groups)
    else:
        outs = tuple((f"outcome {j + 1}", c[1], c[3]) for j, c in enumerate(root_classes))
    # the payoffs of each outcome as polynomials in the parameter (those of a class with its values at w)
    formulas = tuple(next((c[0] for c in root_classes if tuple(c[1]) == tuple(o[1])), ()) for o in outs)
    return OutcomeRegion(a, b, point, point, point, w, total, outs, keys, formulas, tuple(root_classes), at_w)


def _outcomes_at(classes: Any, w: Any) -> frozenset:
    """The distinct outcomes (payoffs and outcome distribution) of equilibrium classes at the point ``w``."""
    def at_point(o: Any) -> Any:
        return o if o and o[0] == "terminal" else tuple((name, _peval(q, w)) for name, q in o)

    out = set()
    for c in classes:
        dist: dict = {}
        for o, q in c[2]:
            v = _peval(q, w)
            if v:
                dist[at_point(o)] = dist.get(at_point(o), 0) + v
        out.add((tuple(_peval(v, w) for v in c[0]), frozenset(dist.items())))
    return frozenset(out)


def _merge(regions: list) -> list:
    """Join neighbouring regions whose equilibrium classes are the same polynomials."""
    out: list = []
    for r in regions:
        prev = out[-1] if out else None
        if prev is not None and prev.total is not None and prev.total == r.total and prev.keys == r.keys:
            out.pop()
            keep = prev if not prev.point else r
            out.append(OutcomeRegion(prev.low, r.high, False, True if prev.point else prev.low_closed,
                                     True if r.point else r.high_closed, keep.witness, keep.total, keep.outcomes,
                                     keep.keys, keep.formulas, keep.classes, None))
            continue
        out.append(r)
    return out


def outcome_report(game: Any, *, parameters: Any = None, others: Mapping[str, Any] | None = None) -> str:
    """The thresholds of every key parameter of a game-tree file, as text.

    Examples
    --------
    >>> print(outcome_report("resource_deal", parameters=["support_cost"]).splitlines()[1])
    Equilibrium outcomes in support_cost (the others at their defaults), support_cost in [0, 4]
    """
    from ..io.spec import load_spec

    spec = load_spec(game)
    names = list(parameters or spec.key_parameters or spec.parameter_names)
    lines = [f"{spec.title}: exact thresholds of the key parameters (each region solved at a witness point)"]
    for name in names:
        lines.append(str(outcome_thresholds(game, name, others=others)))
        lines.append("")
    return "\n".join(lines).rstrip()
