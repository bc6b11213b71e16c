r"""Exact thresholds: where, as one parameter moves, the equilibrium set changes.

With the other parameters fixed (at given values or their defaults), every
condition of every equilibrium region is a polynomial in the one parameter, so the
equilibrium set can only change at its real roots. :func:`thresholds` finds
those roots exactly (rationals, or algebraic numbers such as ``sqrt(2)``), keeps
the ones where the set really changes, and gives the equilibria on each open
interval (closed-form in the parameter) and at each breakpoint (solved exactly
there, degenerate cases and continua included).

For sequential games (:mod:`gametheory.sequential`), see
:func:`gametheory.symbolic.sequential_thresholds`.

Examples
--------
>>> from gametheory.symbolic import SymbolicGame, Parameter, thresholds
>>> V = Parameter("V", default=2, positive=True)
>>> C = Parameter("C", default=4, positive=True)
>>> v, c = V.symbol, C.symbol
>>> hd = SymbolicGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]],
...                                 parameters=(V, C), strategies=(("Hawk", "Dove"),) * 2)
>>> th = thresholds(hd, "C")
>>> th.values
(2,)
>>> print(th)
Thresholds in C (V = 2), C in (0, oo)
  0 < C < 2: 1 equilibrium
    Player 1: Hawk; Player 2: Hawk
  C = 2: 5 equilibria (degenerate)
    Player 1: Hawk; Player 2: Hawk
    Player 1: Hawk; Player 2: Dove
    Player 1: Dove; Player 2: Hawk
    Player 1: Hawk; Player 2: Hawk 1 - t1, Dove t1  [continuum, 0 <= t1 <= 1]
    Player 1: Hawk 1 - t1, Dove t1; Player 2: Hawk  [continuum, 0 <= t1 <= 1]
  C > 2: 3 equilibria
    Player 1: Hawk; Player 2: Dove
    Player 1: Dove; Player 2: Hawk
    Player 1: Hawk 2/C, Dove (C - 2)/C; Player 2: Hawk 2/C, Dove (C - 2)/C
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import sympy

from ..display.mathtext import math_latex, math_text
from ..errors import InvalidGameError
from .conditions import sign_of_number
from .feasibility import interval_of
from .game import SymbolicGame
from .parameters import Parameter, to_sympy_number
from .regions import EquilibriumRegion, RegionSolution, equilibrium_regions
from .witness import rational_between

__all__ = ["Interval", "Breakpoint", "Thresholds", "thresholds", "candidate_breakpoints"]


def _fmt(e: sympy.Expr) -> str:
    return math_text(e)


@dataclass(frozen=True)
class Interval:
    """An open interval of the parameter with the equilibria that hold throughout it.

    ``low``/``high`` are exact numbers, ``None`` for an unbounded side; when the
    parameter's own closed bound ends the interval, ``low_closed``/``high_closed``
    say so. ``equilibria`` are regions of the one-parameter game (closed-form in it).

    Examples
    --------
    >>> from gametheory.symbolic import hawk_dove
    >>> iv = thresholds(hawk_dove(), "C").intervals[1]
    >>> iv.describe(), iv.contains(3), iv.contains(2)
    ('C > 2', True, False)
    >>> iv.latex()
    '2 < C'
    """

    low: sympy.Expr | None
    high: sympy.Expr | None
    equilibria: tuple[EquilibriumRegion, ...]
    low_closed: bool = False
    high_closed: bool = False
    parameter: str = "x"

    def contains(self, value: Any) -> bool:
        """Whether an exact value lies in the interval.

        Examples
        --------
        >>> Interval(sympy.Integer(0), sympy.Integer(1), (), low_closed=True).contains(0)
        True
        """
        v = to_sympy_number(value)
        if self.low is not None:
            s = sign_of_number(v - self.low)
            if s < 0 or (s == 0 and not self.low_closed):
                return False
        if self.high is not None:
            s = sign_of_number(self.high - v)
            if s < 0 or (s == 0 and not self.high_closed):
                return False
        return True

    def describe(self) -> str:
        """``0 < C < 2``, ``C > 2``, ``0 <= p <= 1`` ...

        Examples
        --------
        >>> Interval(sympy.Integer(0), sympy.Integer(2), (), parameter="C").describe()
        '0 < C < 2'
        """
        x = self.parameter
        if self.low is None and self.high is None:
            return f"all {x}"
        if self.low is None:
            return f"{x} {'<=' if self.high_closed else '<'} {_fmt(self.high)}"
        if self.high is None:
            return f"{x} {'>=' if self.low_closed else '>'} {_fmt(self.low)}"
        return (
            f"{_fmt(self.low)} {'<=' if self.low_closed else '<'} {x} {'<=' if self.high_closed else '<'} {_fmt(self.high)}"
        )

    def latex(self) -> str:
        r"""The interval as a LaTeX condition.

        Examples
        --------
        >>> print(Interval(None, sympy.Rational(1, 2), (), high_closed=True, parameter="p").latex())
        p \leq \frac{1}{2}
        """
        x = sympy.Symbol(self.parameter)
        le, lt = r"\leq", "<"
        lo = "" if self.low is None else f"{math_latex(self.low)} {le if self.low_closed else lt} "
        hi = "" if self.high is None else f" {le if self.high_closed else lt} {math_latex(self.high)}"
        if not lo and not hi:
            return r"\text{always}"
        return f"{lo}{math_latex(x)}{hi}"


@dataclass(frozen=True)
class Breakpoint:
    """A parameter value where the equilibrium set changes, with the equilibria exactly there.

    Examples
    --------
    >>> from gametheory.symbolic import hawk_dove
    >>> bp = thresholds(hawk_dove(), "C").breakpoints[0]
    >>> bp.value, bp.degenerate, len(bp.equilibria)
    (2, True, 5)
    """

    value: sympy.Expr
    equilibria: tuple[EquilibriumRegion, ...]
    parameter: str = "x"

    @property
    def degenerate(self) -> bool:
        """``True`` when the game at this value is degenerate (a continuum or an extra best response)."""
        return any(r.continuum for r in self.equilibria) or any(r.boundaries for r in self.equilibria)


def _line(r: EquilibriumRegion) -> str:
    text = r.profile_text()
    if r.continuum:
        free = set(r.free)
        numeric = all(c.symbols <= free for c in r.conditions)
        if len(r.free) == 1 and numeric:
            iv = interval_of([(c.poly, c.relation) for c in r.conditions], r.free[0])
            if iv is not None:
                # the closure of the continuum: its end points are equilibria too
                text += f"  [continuum, {_fmt(iv[0])} <= {r.free[0]} <= {_fmt(iv[2])}]"
                return text
        # on an interval, conditions without the free weights hold throughout it
        shown = [str(c) for c in r.conditions if c.symbols & free]
        text += "  [continuum, " + (" and ".join(shown) or "any weights") + "]"
    return text


@dataclass(frozen=True)
class Thresholds:
    """Breakpoints of one parameter and the equilibria on each side and at each point.

    Attributes
    ----------
    game : SymbolicGame
        The game scanned (all parameters).
    parameter : str
        The parameter that moves.
    fixed : dict
        Values of the other parameters.
    breakpoints : tuple of Breakpoint
        In increasing order; only values where the equilibrium set changes.
    intervals : tuple of Interval
        The open intervals between breakpoints (and the parameter's range ends).

    Examples
    --------
    >>> from gametheory.symbolic import hawk_dove
    >>> th = thresholds(hawk_dove(), "C", others={"V": 3})
    >>> th.values, th.fixed
    ((3,), {'V': 3})
    """

    game: SymbolicGame = field(repr=False)
    parameter: str
    fixed: Mapping[str, sympy.Expr]
    breakpoints: tuple[Breakpoint, ...]
    intervals: tuple[Interval, ...]
    regions: RegionSolution = field(repr=False, compare=False)

    @property
    def complete(self) -> bool:
        """``True`` when every equilibrium is covered (the regions are complete), else see :attr:`notes`."""
        return bool(self.regions.complete)

    @property
    def notes(self) -> tuple[str, ...]:
        """What the equilibrium sets leave out when not :attr:`complete`."""
        return tuple(getattr(self.regions, "notes", ()))

    @property
    def values(self) -> tuple[sympy.Expr, ...]:
        """The exact breakpoint values."""
        return tuple(b.value for b in self.breakpoints)

    def interval_at(self, value: Any) -> Interval | None:
        """The interval containing ``value`` (``None`` at a breakpoint or outside the range).

        Examples
        --------
        >>> from gametheory.symbolic import hawk_dove
        >>> th = thresholds(hawk_dove(), "C")
        >>> len(th.interval_at(1).equilibria), th.interval_at(2)
        (1, None)
        """
        for iv in self.intervals:
            if iv.contains(value):
                return iv
        return None

    def pieces(self) -> list[tuple[str, Interval | Breakpoint]]:
        """Intervals and breakpoints in increasing order, with their descriptions.

        Examples
        --------
        >>> from gametheory.symbolic import hawk_dove
        >>> [text for text, _ in thresholds(hawk_dove(), "C").pieces()]
        ['0 < C < 2', 'C = 2', 'C > 2']
        """
        out: list[tuple[str, Interval | Breakpoint]] = []
        bps = list(self.breakpoints)
        for iv in self.intervals:
            while bps and iv.low is not None and sign_of_number(bps[0].value - iv.low) <= 0:
                b = bps.pop(0)
                out.append((f"{self.parameter} = {_fmt(b.value)}", b))
            out.append((iv.describe(), iv))
        for b in bps:
            out.append((f"{self.parameter} = {_fmt(b.value)}", b))
        return out

    def __str__(self) -> str:
        fixed = ", ".join(f"{k} = {_fmt(v)}" for k, v in self.fixed.items())
        p = self.game.parameter(self.parameter)
        lo = "-oo" if p.lower is None else _fmt(p.lower)
        hi = "oo" if p.upper is None else _fmt(p.upper)
        rng = f"{'(' if p.lower is None or p.lower_open else '['}{lo}, {hi}{')' if p.upper is None else ']'}"
        lines = [f"Thresholds in {self.parameter}" + (f" ({fixed})" if fixed else "") + f", {self.parameter} in {rng}"]
        if not self.complete:
            lines.append("  NOT necessarily all equilibria: " + "; ".join(self.notes))
        for text, piece in self.pieces():
            n = len(piece.equilibria)
            tag = " (degenerate)" if isinstance(piece, Breakpoint) and piece.degenerate else ""
            lines.append(f"  {text}: {n} equilibri{'um' if n == 1 else 'a'}{tag}")
            lines += [f"    {_line(r)}" for r in piece.equilibria]
        return "\n".join(lines)

    def latex(self) -> str:
        r"""The equilibrium set as a ``\begin{cases}`` in the parameter.

        Examples
        --------
        >>> import sympy
        >>> from gametheory.symbolic import SymbolicGame, Parameter
        >>> p = Parameter("p", low=0, high=1)
        >>> g = SymbolicGame.from_bimatrix([[p.symbol, 0], [sympy.Rational(1, 2)] * 2], [[1, 0], [1, 0]], parameters=[p])
        >>> print(thresholds(g, "p").latex())
        \mathcal{E}(p) = \begin{cases}
        \left\{\left(\left(0, 1\right),\ \left(1, 0\right)\right)\right\} & 0 \leq p < \frac{1}{2} \\
        \left\{\left(\left(1, 0\right),\ \left(1, 0\right)\right),\ \left(\left(0, 1\right),\ \left(1, 0\right)\right),\ \left(\left(1 - t_{1}, t_{1}\right),\ \left(1, 0\right)\right)\right\} & p = \frac{1}{2} \\
        \left\{\left(\left(1, 0\right),\ \left(1, 0\right)\right)\right\} & \frac{1}{2} < p \leq 1
        \end{cases}
        """
        rows = []
        for _, piece in self.pieces():
            sets = ",\\ ".join(r.profile_latex() for r in piece.equilibria) or r"\emptyset"
            where = piece.latex() if isinstance(piece, Interval) else f"{math_latex(sympy.Symbol(self.parameter))} = {math_latex(piece.value)}"
            rows.append(f"\\left\\{{{sets}\\right\\}} & {where}")
        return f"\\mathcal{{E}}({math_latex(sympy.Symbol(self.parameter))}) = \\begin{{cases}}\n" + " \\\\\n".join(rows) + "\n\\end{cases}"

    def _repr_latex_(self) -> str:
        return "$$" + self.latex().replace("\n", " ") + "$$"


def _roots_in(expr: sympy.Expr, x: sympy.Symbol, free: Sequence[sympy.Symbol]) -> set:
    out: set = set()
    expr = sympy.expand(expr)
    parts = [expr]
    if free and expr.free_symbols & set(free):
        parts = [expr.coeff(f, 1) for f in free] + [expr.xreplace({f: 0 for f in free})]
    for part in parts:
        num, den = sympy.fraction(sympy.together(part))
        for q in (num, den):
            q = sympy.expand(q)
            if x in q.free_symbols and not (q.free_symbols - {x}):
                out.update(sympy.real_roots(sympy.Poly(q, x)))
    return out


def candidate_breakpoints(solution: RegionSolution, parameter: Parameter) -> list[sympy.Expr]:
    """Real roots, inside the parameter's open range, of every polynomial the regions depend on.

    Examples
    --------
    >>> from gametheory.symbolic import SymbolicGame, Parameter, equilibrium_regions
    >>> p = Parameter("p", low=0, high=1)
    >>> g = SymbolicGame.from_bimatrix([[p.symbol, 0], [0, 1 - p.symbol]], [[1, 0], [0, 1]], parameters=[p])
    >>> candidate_breakpoints(equilibrium_regions(g), p)   # only the range ends 0 and 1 matter
    []
    >>> g = SymbolicGame.from_bimatrix([[p.symbol, 0], [0, 1 - 2 * p.symbol]], [[1, 0], [0, 1]], parameters=[p])
    >>> candidate_breakpoints(equilibrium_regions(g), p)
    [1/2]
    """
    x = parameter.symbol
    roots: set = set()
    for r in solution.regions:
        for c in r.conditions:
            roots |= _roots_in(c.poly, x, r.free)
        for e in r.assumptions:
            roots |= _roots_in(e, x, r.free)
        for vec in r.profile:
            for e in vec:
                roots |= _roots_in(sympy.fraction(sympy.together(e))[1], x, r.free)
    lo, hi = parameter.lower, parameter.upper
    inside = [
        r for r in roots if (lo is None or sign_of_number(r - lo) > 0) and (hi is None or sign_of_number(hi - r) > 0)
    ]
    inside.sort(key=lambda r: sympy.N(r, 50))
    uniq: list = []
    for r in inside:
        if not uniq or sign_of_number(r - uniq[-1]) != 0:
            uniq.append(r)
    return uniq


def _signature(regions: Sequence[EquilibriumRegion]) -> frozenset:
    return frozenset((r.supports, tuple(tuple(sympy.srepr(sympy.cancel(e)) for e in v) for v in r.profile)) for r in regions)


def _point_signature(regions: Sequence[EquilibriumRegion], x: sympy.Symbol | None, value: sympy.Expr | None) -> frozenset | None:
    out = set()
    for r in regions:
        vecs = []
        for vec in r.profile:
            vals = []
            for e in vec:
                v = sympy.cancel(e.xreplace({x: value})) if x is not None else e
                if v.has(sympy.zoo, sympy.nan):
                    return None
                vals.append(sympy.srepr(sympy.nsimplify(v) if v.is_Float else sympy.radsimp(v)))
            vecs.append(tuple(vals))
        if r.continuum:
            vecs.append(("continuum",) + tuple(str(c) for c in r.conditions))
        out.add(tuple(vecs))
    return frozenset(out)


def _resolve_fixed(game: SymbolicGame, parameter: Parameter, others: Mapping[str, Any] | None) -> dict:
    given = dict(others or {})
    fixed: dict[str, sympy.Expr] = {}
    for q in game.parameters:
        if q.name == parameter.name:
            continue
        if q.name in given:
            fixed[q.name] = to_sympy_number(given.pop(q.name))
        elif q.default is not None:
            fixed[q.name] = sympy.Rational(q.default.numerator, q.default.denominator)
        else:
            raise InvalidGameError(f"parameter {q.name} needs a value (no default); pass others={{'{q.name}': ...}}")
    if given:
        raise InvalidGameError(f"unknown parameters in others: {sorted(given)}")
    return fixed


def thresholds(game_or_seq: Any, parameter: str, *, others: Mapping[str, Any] | None = None) -> Any:
    """Exact breakpoints of one parameter where the equilibrium set changes.

    Parameters
    ----------
    game_or_seq : SymbolicGame or sequential game
        A two-player symbolic game, or a game of :mod:`gametheory.sequential` (then
        the subgame-perfect path is scanned, see :func:`sequential_thresholds`).
    parameter : str
        The parameter that moves over its whole range.
    others : mapping, optional
        Values of the other parameters (defaults are used for those not given).

    Returns
    -------
    Thresholds
        Breakpoints (exact), the open intervals between them with the equilibria
        there (closed-form in the parameter), and the equilibria at each breakpoint.

    Examples
    --------
    >>> from gametheory.symbolic import SymbolicGame, Parameter
    >>> p = Parameter("p", low=0, high=1, default="1/2")
    >>> g = SymbolicGame.from_bimatrix([[p.symbol, 0], [0, 1 - p.symbol]], [[1, 0], [0, 1]], parameters=[p])
    >>> th = thresholds(g, "p")      # coordination: the mixed equilibrium lives on 0 < p < 1
    >>> th.values, [len(iv.equilibria) for iv in th.intervals]
    ((0, 1), [3])
    >>> print(th.intervals[0].equilibria[2].profile_text())
    Player 1: 1 1/2, 2 1/2; Player 2: 1 1 - p, 2 p
    """
    if not isinstance(game_or_seq, SymbolicGame):
        from .sequential import sequential_thresholds

        return sequential_thresholds(game_or_seq, parameter, others=others)
    game = game_or_seq
    p = game.parameter(parameter)
    fixed = _resolve_fixed(game, p, others)
    one = game.partial(fixed)
    sol = equilibrium_regions(one)
    x = p.symbol
    cands = candidate_breakpoints(sol, p)
    lo, hi = p.lower, p.upper
    # probe each open interval at a rational point
    edges: list = [lo] + cands + [hi]
    raw_intervals = []
    for a, b in zip(edges, edges[1:]):
        if a is None and b is None:
            probe = sympy.Integer(0)
        elif a is None:
            probe = sympy.floor(b) - 1
        elif b is None:
            probe = sympy.floor(a) + 1
        else:
            probe = rational_between(a, b)
        eqs = tuple(r for r in sol.regions if r.holds({p.name: probe}))
        raw_intervals.append((a, b, eqs))
    # equilibria exactly at each candidate (and at closed ends of the range)
    def at_point(value: sympy.Expr) -> tuple[EquilibriumRegion, ...]:
        point = one.partial({p.name: value}, check=False)
        return equilibrium_regions(point).regions

    points = {k: at_point(c) for k, c in enumerate(cands)}
    breakpoints: list[Breakpoint] = []
    intervals: list[Interval] = []
    cur_low, cur_eqs = raw_intervals[0][0], raw_intervals[0][2]
    for k, c in enumerate(cands):
        right = raw_intervals[k + 1][2]
        here = points[k]
        same_sides = _signature(cur_eqs) == _signature(right)
        limit = _point_signature(cur_eqs, x, c)
        same_point = limit is not None and limit == _point_signature(here, None, None)
        if same_sides and same_point:
            continue  # not a threshold: the same formulas hold through c
        intervals.append(Interval(cur_low, c, cur_eqs, low_closed=cur_low is not None and cur_low == lo and not p.lower_open, parameter=p.name))
        breakpoints.append(Breakpoint(c, here, parameter=p.name))
        cur_low, cur_eqs = c, right
    intervals.append(
        Interval(
            cur_low,
            hi,
            cur_eqs,
            low_closed=cur_low is not None and lo is not None and cur_low == lo and not p.lower_open and not breakpoints,
            high_closed=hi is not None,
            parameter=p.name,
        )
    )
    # closed ends of the range: report them when the set there differs from the interval next to them
    first, last = intervals[0], intervals[-1]
    if lo is not None and not p.lower_open:
        ends = at_point(lo)
        if _point_signature(first.equilibria, x, lo) != _point_signature(ends, None, None):
            breakpoints.insert(0, Breakpoint(lo, ends, parameter=p.name))
            intervals[0] = Interval(first.low, first.high, first.equilibria, False, first.high_closed, p.name)
        else:
            intervals[0] = Interval(first.low, first.high, first.equilibria, True, first.high_closed, p.name)
    if hi is not None:
        last = intervals[-1]
        ends = at_point(hi)
        if _point_signature(last.equilibria, x, hi) != _point_signature(ends, None, None):
            breakpoints.append(Breakpoint(hi, ends, parameter=p.name))
            intervals[-1] = Interval(last.low, last.high, last.equilibria, last.low_closed, False, p.name)
    return Thresholds(
        game=game,
        parameter=p.name,
        fixed=fixed,
        breakpoints=tuple(breakpoints),
        intervals=tuple(intervals),
        regions=sol,
    )
