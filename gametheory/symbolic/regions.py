r"""Equilibrium regions of two-player symbolic games by symbolic support enumeration.

For every pair of supports ``(I, J)`` (all sizes, equal or not) the indifference
equations are solved symbolically: the column player's mixture ``y`` on ``J`` makes
the row player indifferent across ``I`` and the row player's ``x`` on ``I`` makes the
column player indifferent across ``J``. The pair gives an equilibrium exactly where
the probabilities on the supports are positive and no strategy outside a support
pays more. These conditions are polynomial inequalities in the parameters;
they are normalised, decided where the parameter ranges decide them, and
simplified (:mod:`gametheory.symbolic.conditions`).

Degenerate cases are reported, never dropped:

* a condition that holds with equality on the region's *boundary* (e.g. ``C = V``)
  is a degenerate boundary (:attr:`EquilibriumRegion.boundaries`): there a strategy
  outside the support also becomes a best response;
* support pairs of unequal sizes are consistent only on surfaces (equality
  conditions; the region is flagged ``degenerate``) or, in structurally degenerate
  games, form continua, given with free weights ``t1, t2, ...`` (:attr:`free`);
* where a divisor used by a formula can vanish (``assumptions``), the case
  divisor = 0 is analysed separately when the divisor is linear in a parameter.

References
----------
Mangasarian, O. L. (1964). Equilibrium points of bimatrix games. *J. SIAM* 12(4), 778–780.
von Stengel, B. (2002). Computing equilibria for two-person games. In *Handbook of Game
Theory* vol. 3, ch. 45 (support enumeration, §3). North-Holland.

Examples
--------
>>> import sympy
>>> from gametheory.symbolic import SymbolicGame, Parameter, equilibrium_regions
>>> V, C = Parameter("V", positive=True), Parameter("C", positive=True)
>>> v, c = V.symbol, C.symbol
>>> hd = SymbolicGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]],
...                                 parameters=(V, C), strategies=(("Hawk", "Dove"),) * 2)
>>> sol = equilibrium_regions(hd)
>>> print(sol)  # doctest: +NORMALIZE_WHITESPACE
Equilibrium regions (6 regions, complete)
  1. Player 1: Hawk; Player 2: Hawk
     payoffs: -(C - V)/2, -(C - V)/2
     exists when: V >= C
     degenerate boundary: V = C
  2. Player 1: Hawk; Player 2: Dove
     payoffs: V, 0
     exists when: C >= V
     degenerate boundary: C = V
  3. Player 1: Dove; Player 2: Hawk
     payoffs: 0, V
     exists when: C >= V
     degenerate boundary: C = V
  4. Player 1: Hawk V/C, Dove (C - V)/C; Player 2: Hawk V/C, Dove (C - V)/C
     payoffs: V·(C - V)/(2·C), V·(C - V)/(2·C)
     exists when: C > V
  5. Player 1: Hawk; Player 2: Hawk 1 - t1, Dove t1
     payoffs: V·t1, 0
     exists when: C = V and t1 > 0 and t1 < 1
     continuum in t1 (any values meeting the conditions)
     degenerate: exists only where C = V
  6. Player 1: Hawk 1 - t1, Dove t1; Player 2: Hawk
     payoffs: 0, V·t1
     exists when: C = V and t1 > 0 and t1 < 1
     continuum in t1 (any values meeting the conditions)
     degenerate: exists only where C = V
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterator, Mapping, Sequence

import sympy

from ..display.mathtext import math_latex, math_text
from ..errors import InvalidGameError, NotSupportedError
from .conditions import Condition, conditions_latex, make_condition, sign_on_domain, simplify_conditions
from .game import SymbolicGame
from .linear import is_zero, solve_linear
from .parameters import Parameter, to_sympy_number
from .witness import conditions_hold, find_witness

__all__ = ["EquilibriumRegion", "RegionSolution", "equilibrium_regions"]


def _fmt(e: sympy.Expr) -> str:
    return math_text(e)


@dataclass(frozen=True)
class EquilibriumRegion:
    """One equilibrium as closed-form expressions with the conditions under which it exists.

    Attributes
    ----------
    game : SymbolicGame
        The game (for labels).
    supports : tuple of tuple of int
        The strategies each player uses with positive probability.
    profile : tuple of tuple of sympy.Expr
        Each player's full probability vector (zeros off the support).
    payoffs : tuple of sympy.Expr
        Each player's equilibrium payoff.
    conditions : tuple of Condition
        The conjunction (within the parameter ranges) under which this is an equilibrium.
    assumptions : tuple of sympy.Expr
        Expressions the formulas divide by; the region excludes points where one vanishes.
    free : tuple of sympy.Symbol
        Free mixing weights of a continuum (empty for an isolated equilibrium).
    free_parameters : tuple of Parameter
        The free weights as parameters in [0, 1] (for sign checks).
    witness : dict or None
        An exact parameter point where the region holds (``None`` if none was found).

    Examples
    --------
    >>> from gametheory.symbolic import hawk_dove
    >>> mixed = equilibrium_regions(hawk_dove())[3]
    >>> mixed.supports, mixed.pure, mixed.continuum, mixed.degenerate
    (((0, 1), (0, 1)), False, False, False)
    """

    game: SymbolicGame = field(repr=False, compare=False)
    supports: tuple[tuple[int, ...], ...]
    profile: tuple[tuple[sympy.Expr, ...], ...]
    payoffs: tuple[sympy.Expr, ...]
    conditions: tuple[Condition, ...]
    assumptions: tuple[sympy.Expr, ...] = ()
    free: tuple[sympy.Symbol, ...] = ()
    free_parameters: tuple[Parameter, ...] = field(default=(), repr=False, compare=False)
    witness: Mapping[sympy.Symbol, sympy.Expr] | None = field(default=None, compare=False)

    @property
    def pure(self) -> bool:
        """``True`` when each player uses one strategy."""
        return all(len(s) == 1 for s in self.supports)

    @property
    def continuum(self) -> bool:
        """``True`` when the region describes a continuum of equilibria (free weights)."""
        return bool(self.free)

    @property
    def degenerate(self) -> bool:
        """``True`` when the region exists only on a surface (an equality condition) or is a continuum."""
        return self.continuum or any(c.equality for c in self.conditions)

    @property
    def boundaries(self) -> tuple[Condition, ...]:
        """Equalities where the region ends; on a weak (``>=``) one the game is degenerate."""
        return tuple(
            c.boundary() for c in self.conditions if c.relation == ">=" and not (c.symbols & set(self.free))
        )

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The parameters that appear in the profile, payoffs or conditions."""
        syms = set().union(*(c.symbols for c in self.conditions)) if self.conditions else set()
        for vec in self.profile:
            for e in vec:
                syms |= e.free_symbols
        return tuple(sorted(syms - set(self.free), key=lambda s: s.name))

    def strategy(self, player: int | str) -> dict[str, sympy.Expr]:
        """``{strategy label: probability expression}`` on the player's support.

        Examples
        --------
        >>> import sympy
        >>> from gametheory.symbolic import SymbolicGame
        >>> a = sympy.Symbol("a", positive=True)
        >>> r = equilibrium_regions(SymbolicGame.from_bimatrix([[a, 0]], [[1, 0]]))[0]
        >>> r.strategy(1)
        {'1': 1}
        """
        i = self.game.player_index(player)
        return {self.game.strategies[i][k]: self.profile[i][k] for k in self.supports[i]}

    def _values(self, values: Mapping[Any, Any] | None) -> dict[sympy.Symbol, sympy.Expr]:
        out = {}
        given = dict(values or {})
        for p in self.game.parameters:
            v = given.get(p.name, given.get(p.symbol))
            if v is None:
                if p.default is None:
                    continue
                v = p.default
            out[p.symbol] = to_sympy_number(v)
        return out

    def holds(self, values: Mapping[Any, Any] | None = None) -> bool:
        """Whether this equilibrium exists at exact parameter values (defaults fill gaps).

        For a continuum: whether some free weights give an equilibrium.

        Examples
        --------
        >>> from gametheory.symbolic import hawk_dove
        >>> mixed = equilibrium_regions(hawk_dove())[3]
        >>> mixed.holds({"V": 1, "C": 3}), mixed.holds({"V": 3, "C": 1}), mixed.holds()   # defaults V=2, C=4
        (True, False, True)
        """
        vals = self._values(values)
        return conditions_hold(self.conditions, self.assumptions, vals, self.free)

    def evaluate(self, values: Mapping[Any, Any] | None = None) -> tuple[tuple[sympy.Expr, ...], ...]:
        """The exact profile at parameter values (free weights stay symbols).

        Raises
        ------
        InvalidGameError
            When the region does not hold there.

        Examples
        --------
        >>> from gametheory.symbolic import hawk_dove
        >>> equilibrium_regions(hawk_dove())[3].evaluate({"V": 1, "C": 3})
        ((1/3, 2/3), (1/3, 2/3))
        """
        if not self.holds(values):
            raise InvalidGameError("the region does not hold at these values")
        vals = self._values(values)
        return tuple(tuple(sympy.cancel(e.xreplace(vals)) for e in vec) for vec in self.profile)

    def evaluate_payoffs(self, values: Mapping[Any, Any] | None = None) -> tuple[sympy.Expr, ...]:
        """The exact payoffs at parameter values.

        Examples
        --------
        >>> from gametheory.symbolic import hawk_dove
        >>> equilibrium_regions(hawk_dove())[3].evaluate_payoffs({"V": 1, "C": 3})
        (1/3, 1/3)
        """
        vals = self._values(values)
        return tuple(sympy.cancel(e.xreplace(vals)) for e in self.payoffs)

    def profile_text(self) -> str:
        """The profile in words, e.g. ``Row: Hawk V/C, Dove (C - V)/C; Column: Dove``.

        Examples
        --------
        >>> from gametheory.symbolic import hawk_dove
        >>> equilibrium_regions(hawk_dove())[1].profile_text()
        'Row: Hawk; Column: Dove'
        """
        parts = []
        for i, player in enumerate(self.game.players):
            sup = self.supports[i]
            if len(sup) == 1:
                parts.append(f"{player}: {self.game.strategies[i][sup[0]]}")
            else:
                parts.append(
                    f"{player}: " + ", ".join(f"{self.game.strategies[i][k]} {_fmt(self.profile[i][k])}" for k in sup)
                )
        return "; ".join(parts)

    def conditions_text(self) -> str:
        """The conditions joined by ``and`` (``always`` when there is none).

        Examples
        --------
        >>> from gametheory.symbolic import hawk_dove
        >>> equilibrium_regions(hawk_dove())[3].conditions_text()
        'C > V'
        """
        return " and ".join(str(c) for c in self.conditions) or "always"

    def lines(self) -> list[str]:
        """The description as lines of text (used by ``str``).

        Examples
        --------
        >>> from gametheory.symbolic import hawk_dove
        >>> equilibrium_regions(hawk_dove())[0].lines()
        ['Row: Hawk; Column: Hawk', 'payoffs: -(C - V)/2, -(C - V)/2', 'exists when: V >= C', 'degenerate boundary: V = C']
        """
        out = [self.profile_text()]
        out.append("payoffs: " + ", ".join(_fmt(e) for e in self.payoffs))
        out.append("exists when: " + self.conditions_text())
        if self.free:
            out.append("continuum in " + ", ".join(s.name for s in self.free) + " (any values meeting the conditions)")
        if any(c.equality for c in self.conditions):
            out.append("degenerate: exists only where " + " and ".join(str(c) for c in self.conditions if c.equality))
        if self.boundaries:
            out.append("degenerate boundary: " + "; ".join(str(b) for b in self.boundaries))
        if self.assumptions:
            out.append("formulas assume " + " and ".join(f"{_fmt(e)} != 0" for e in self.assumptions))
        if self.witness is None:
            out.append("no parameter point found where it holds (possibly empty)")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def profile_latex(self) -> str:
        r"""The profile in LaTeX, one ``(p_1, ..., p_n)`` vector per player.

        Examples
        --------
        >>> from gametheory.symbolic import hawk_dove
        >>> print(equilibrium_regions(hawk_dove())[1].profile_latex())
        \left(\left(1, 0\right),\ \left(0, 1\right)\right)
        """
        vecs = [
            r"\left(" + ", ".join(math_latex((e)) for e in vec) + r"\right)" for vec in self.profile
        ]
        return r"\left(" + ",\\ ".join(vecs) + r"\right)"

    def latex(self) -> str:
        r"""``profile & if conditions`` in LaTeX (one line of a ``cases`` block).

        Examples
        --------
        >>> from gametheory.symbolic import hawk_dove
        >>> print(equilibrium_regions(hawk_dove())[3].latex().split("&")[1])
         \text{if } C > V
        """
        if not self.conditions:
            return f"{self.profile_latex()} & \\text{{always}}"
        return f"{self.profile_latex()} & \\text{{if }} {conditions_latex(self.conditions)}"

    def _repr_latex_(self) -> str:
        return f"$\\sigma = {self.profile_latex()} \\quad \\text{{if }} {conditions_latex(self.conditions)}$"


@dataclass(frozen=True)
class RegionSolution:
    """All equilibrium regions of a two-player symbolic game.

    Attributes
    ----------
    game : SymbolicGame
    regions : tuple of EquilibriumRegion
    complete : bool
        ``True`` when every support pair was analysed for every parameter value
        (no divisor case was left open).
    notes : tuple of str
    elapsed : float

    Examples
    --------
    >>> from gametheory.symbolic import hawk_dove
    >>> sol = equilibrium_regions(hawk_dove())
    >>> len(sol), sol.complete, [r.pure for r in sol][:3]
    (6, True, [True, True, True])
    """

    game: SymbolicGame = field(repr=False)
    regions: tuple[EquilibriumRegion, ...]
    complete: bool
    notes: tuple[str, ...] = ()
    elapsed: float = 0.0

    def __iter__(self) -> Iterator[EquilibriumRegion]:
        return iter(self.regions)

    def __len__(self) -> int:
        return len(self.regions)

    def __getitem__(self, k: int) -> EquilibriumRegion:
        return self.regions[k]

    def at(self, values: Mapping[Any, Any] | None = None) -> tuple[EquilibriumRegion, ...]:
        """The regions that hold at exact parameter values (defaults fill gaps).

        Examples
        --------
        >>> import sympy
        >>> from gametheory.symbolic import SymbolicGame, Parameter
        >>> V, C = Parameter("V", positive=True), Parameter("C", positive=True)
        >>> v, c = V.symbol, C.symbol
        >>> hd = SymbolicGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]],
        ...                                 parameters=(V, C))
        >>> [r.evaluate({"V": 2, "C": 4})[0] for r in equilibrium_regions(hd).at({"V": 2, "C": 4})]
        [(1, 0), (0, 1), (1/2, 1/2)]
        """
        return tuple(r for r in self.regions if r.holds(values))

    def __str__(self) -> str:
        lines = [f"Equilibrium regions ({len(self.regions)} regions, {'complete' if self.complete else 'not complete'})"]
        for k, r in enumerate(self.regions, 1):
            body = r.lines()
            lines.append(f"  {k}. {body[0]}")
            lines += [f"     {t}" for t in body[1:]]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def latex(self) -> str:
        r"""The equilibria as a ``\begin{cases}`` block: one line per region with its condition.

        Examples
        --------
        >>> import sympy
        >>> from gametheory.symbolic import SymbolicGame
        >>> a = sympy.Symbol("a")
        >>> print(equilibrium_regions(SymbolicGame.from_bimatrix([[a, 0]], [[1, 1]])).latex())
        \sigma \in \begin{cases}
        \left(\left(1\right),\ \left(1, 0\right)\right) & \text{always} \\
        \left(\left(1\right),\ \left(0, 1\right)\right) & \text{always} \\
        \left(\left(1\right),\ \left(1 - t_{1}, t_{1}\right)\right) & \text{if } t_{1} > 0 \wedge t_{1} < 1
        \end{cases}
        """
        body = " \\\\\n".join(r.latex() for r in self.regions)
        return "\\sigma \\in \\begin{cases}\n" + body + "\n\\end{cases}"

    def cases_latex(self, player: int | str, strategy: int | str) -> str:
        r"""One strategy's probability across the regions, as ``\begin{cases}``.

        Overlapping conditions mean several equilibria at once; each line names its region.

        Examples
        --------
        >>> from gametheory.symbolic import hawk_dove
        >>> print(equilibrium_regions(hawk_dove()).cases_latex("Row", "Hawk").splitlines()[4])
        \frac{V}{C} & \text{if } C > V \quad \text{(equilibrium 4)} \\
        """
        i = self.game.player_index(player)
        k = strategy if isinstance(strategy, int) else self.game.strategies[i].index(strategy)
        rows = [
            f"{math_latex((r.profile[i][k]))} & \\text{{if }} {conditions_latex(r.conditions)}"
            f" \\quad \\text{{(equilibrium {n})}}"
            for n, r in enumerate(self.regions, 1)
        ]
        name = f"p_{{\\text{{{self.game.strategies[i][k]}}}}}"
        return name + " = \\begin{cases}\n" + " \\\\\n".join(rows) + "\n\\end{cases}"

    def _repr_latex_(self) -> str:
        return "$$" + self.latex().replace("\n", " ") + "$$"


def _complete_witness(witness: Mapping, params: Sequence[Parameter]) -> dict:
    """Give every parameter a value (conditions do not involve the ones added)."""
    from .witness import candidate_values

    out = {k: v for k, v in witness.items() if any(k == p.symbol for p in params)}
    for p in params:
        if p.symbol not in out:
            values = candidate_values(p)
            out[p.symbol] = values[0] if values else sympy.Integer(0)
    return out


def _subsets(n: int) -> list[tuple[int, ...]]:
    return [c for k in range(1, n + 1) for c in itertools.combinations(range(n), k)]


def _fresh(base: str, taken: set[str]) -> sympy.Symbol:
    k = 1
    while f"{base}{k}" in taken:
        k += 1
    taken.add(f"{base}{k}")
    return sympy.Symbol(f"{base}{k}", real=True)


@dataclass
class _Raw:
    supports: tuple
    profile: tuple
    payoffs: tuple
    conditions: tuple
    assumptions: tuple
    free: tuple
    free_parameters: tuple


def _range_conditions(p: Parameter, value: sympy.Expr, params: Sequence[Parameter]) -> list:
    out = []
    if p.lower is not None:
        out.append(make_condition(value - p.lower, ">" if p.lower_open else ">=", params))
    if p.upper is not None:
        out.append(make_condition(p.upper - value, ">=", params))
    return out


def _solve_pair(
    A: sympy.Matrix,
    B: sympy.Matrix,
    I: tuple[int, ...],
    J: tuple[int, ...],
    params: Sequence[Parameter],
    extra: tuple,
    depth: int,
    taken: set[str],
    open_cases: list[str],
) -> list[_Raw]:
    m, n = A.shape
    ys = [sympy.Symbol(f"_y{j}") for j in J]
    xs = [sympy.Symbol(f"_x{i}") for i in I]
    u, v = sympy.Symbol("_u"), sympy.Symbol("_v")
    # row player indifferent on I:  A[i, J] y - u = 0, sum y = 1
    # payoff unknowns first, so that free unknowns are always mixing weights
    rows = [[-1] + [A[i, j] for j in J] for i in I] + [[0] + [1] * len(J)]
    ysol = solve_linear(rows, [0] * len(I) + [1], [u] + ys, params)
    if ysol is None:
        return []
    rows = [[-1] + [B[i, j] for i in I] for j in J] + [[0] + [1] * len(I)]
    xsol = solve_linear(rows, [0] * len(J) + [1], [v] + xs, params)
    if xsol is None:
        return []
    assumptions = [e for e in ysol.nonzero + xsol.nonzero]
    # split on divisors that may vanish (when one is linear in a parameter)
    results: list[_Raw] = []
    open_assumptions = []
    for e in assumptions:
        sign = sign_on_domain(sympy.expand(e), params)
        if sign in ("pos", "neg"):
            continue
        open_assumptions.append(e)
    for e in open_assumptions:
        target = None
        for p in params:
            if p.symbol in e.free_symbols and sympy.degree(sympy.expand(e), p.symbol) == 1:
                target = p
                break
        if target is None or depth <= 0:
            open_cases.append(
                f"supports {I}, {J}: the case {math_text(e)} = 0 was not analysed separately"
            )
            continue
        x = target.symbol
        ee = sympy.expand(e)
        value = sympy.cancel(x - ee / ee.coeff(x, 1))
        rest = [p for p in params if p is not target]
        eq = make_condition(ee, "==", params)
        if eq is False:
            continue
        sub_extra = tuple(c for c in extra) + ((eq,) if eq is not True else ()) + tuple(_range_conditions(target, value, rest))
        # conditions must be stated in the remaining parameters; map existing ones too
        sub_extra = tuple(
            c if isinstance(c, bool) else make_condition(c.poly.xreplace({x: value}), c.relation, rest) for c in sub_extra
        )
        # keep the equation itself, in the original parameters, for the reader
        A2 = A.xreplace({x: value}).applyfunc(sympy.cancel)
        B2 = B.xreplace({x: value}).applyfunc(sympy.cancel)
        for raw in _solve_pair(A2, B2, I, J, rest, sub_extra, depth - 1, taken, open_cases):
            if eq is not True and eq not in raw.conditions:
                conds = simplify_conditions(raw.conditions + (eq,), params)
                if conds is False:
                    continue
                raw.conditions = conds
            results.append(raw)
    # free weights of a continuum
    free_syms, free_params, rename = [], [], {}
    for f in ysol.free + xsol.free:
        t = _fresh("t", taken)
        free_syms.append(t)
        free_params.append(Parameter(t.name, low=0, high=1))
        rename[f] = t
    free_params = [Parameter(p.name, low=0, high=1) for p in free_params]
    rename = {f: fp.symbol for f, fp in zip(ysol.free + xsol.free, free_params)}
    free_syms = [fp.symbol for fp in free_params]
    yv = {k: sympy.expand(val.xreplace(rename)) if val.free_symbols & set(rename) else val for k, val in ysol.values.items()}
    xv = {k: sympy.expand(val.xreplace(rename)) if val.free_symbols & set(rename) else val for k, val in xsol.values.items()}
    allp = list(params) + free_params
    conds: list = list(extra)
    if any(c is False for c in conds):
        return results

    def add(expr: sympy.Expr, rel: str, domain: Sequence[Parameter]) -> bool:
        c = make_condition(expr, rel, domain)
        conds.append(c)
        return c is not False

    # cheapest and most often failing first: stop at the first condition that never holds
    for e in ysol.equations + xsol.equations:
        if not add(e, "==", params):
            return results
    for s_ in ys:
        if not add(yv[s_], ">", allp):
            return results
    for s_ in xs:
        if not add(xv[s_], ">", allp):
            return results
    uu, vv = yv[u], xv[v]
    for i in range(m):
        if i not in I and not add(uu - sum(A[i, j] * yv[y] for j, y in zip(J, ys)), ">=", allp):
            return results
    for j in range(n):
        if j not in J and not add(vv - sum(B[i, j] * xv[x] for i, x in zip(I, xs)), ">=", allp):
            return results
    simple = simplify_conditions(conds, allp)
    if simple is False:
        return results
    # on a surface (an equality linear in a parameter) state everything in the other parameters
    subst: dict = {}
    kept_eqs: list[Condition] = []
    for c in simple:
        if not c.equality or c.symbols & set(free_syms):
            continue
        e = sympy.expand(c.poly.xreplace(subst))
        for p in reversed(list(params)):
            x = p.symbol
            if x in e.free_symbols and sympy.degree(e, x) == 1 and e.coeff(x, 1).is_number:
                value = sympy.expand(x - e / e.coeff(x, 1))
                subst = {k: sympy.expand(w.xreplace({x: value})) for k, w in subst.items()}
                subst[x] = value
                kept_eqs.append(c)
                break
    if subst:
        rest = [p for p in allp if p.symbol not in subst]
        conds2: list = list(kept_eqs)
        for c in simple:
            if c not in kept_eqs:
                conds2.append(make_condition(c.poly.xreplace(subst), c.relation, rest))
        for p in params:
            if p.symbol in subst:
                conds2 += _range_conditions(p, subst[p.symbol], rest)
        simple = simplify_conditions(conds2, rest)
        if simple is False:
            return results
        yv = {k: sympy.cancel(w.xreplace(subst)) for k, w in yv.items()}
        xv = {k: sympy.cancel(w.xreplace(subst)) for k, w in xv.items()}
        uu, vv = yv[u], xv[v]
        open_assumptions = [a for a in (sympy.factor(e.xreplace(subst)) for e in open_assumptions) if not a.is_number]
    xfull = tuple(sympy.cancel(xv[xs[I.index(i)]]) if i in I else sympy.Integer(0) for i in range(m))
    yfull = tuple(sympy.cancel(yv[ys[J.index(j)]]) if j in J else sympy.Integer(0) for j in range(n))
    if free_syms:
        xfull = tuple(sympy.expand(e) for e in xfull)
        yfull = tuple(sympy.expand(e) for e in yfull)
    results.insert(
        0,
        _Raw(
            supports=(I, J),
            profile=(xfull, yfull),
            payoffs=(sympy.cancel(uu) if not free_syms else sympy.expand(uu), sympy.cancel(vv) if not free_syms else sympy.expand(vv)),
            conditions=simple,
            assumptions=tuple(open_assumptions),
            free=tuple(free_syms),
            free_parameters=tuple(free_params),
        ),
    )
    return results


def equilibrium_regions(game: SymbolicGame, *, split_depth: int = 3) -> RegionSolution:
    """Every equilibrium of a two-player symbolic game with the exact conditions for it.

    Parameters
    ----------
    game : SymbolicGame
        Two players; payoffs rational functions of the parameters.
    split_depth : int
        How many nested divisor = 0 cases to analyse separately (default 3).

    Returns
    -------
    RegionSolution
        One :class:`EquilibriumRegion` per support pair (and divisor case) that gives an
        equilibrium for some parameter values. At any parameter point, the regions that
        hold are exactly the equilibria there (continua given by free weights);
        ``complete`` is ``False`` when some divisor case could not be analysed.

    Games with other than two players get their *pure* equilibria only (each
    with exact conditions), and ``complete=False`` with a note.

    References
    ----------
    von Stengel, B. (2002). Computing equilibria for two-person games. *Handbook of
    Game Theory* vol. 3, ch. 45.

    Examples
    --------
    >>> import sympy
    >>> from gametheory.symbolic import SymbolicGame, Parameter
    >>> c = Parameter("c", low=0, high=1, meaning="cost of inspecting")
    >>> f = Parameter("f", positive=True, meaning="fine for a violation")
    >>> g = Parameter("g", positive=True, meaning="gain from violating")
    >>> insp = SymbolicGame.from_bimatrix(
    ...     [[-c.symbol + 1, -c.symbol], [-1, 0]],                # inspector: catches or misses
    ...     [[-f.symbol, 0], [g.symbol, 0]],                       # violator
    ...     parameters=(c, f, g), players=("Inspector", "State"),
    ...     strategies=(("Inspect", "Trust"), ("Violate", "Comply")))
    >>> mixed = [r for r in equilibrium_regions(insp) if not r.pure][0]
    >>> mixed.strategy("State")   # does not involve the fine f
    {'Violate': c/2, 'Comply': 1 - c/2}
    >>> mixed.strategy("Inspector")
    {'Inspect': g/(f + g), 'Trust': f/(f + g)}
    """
    started = time.perf_counter()
    if game.num_players != 2:
        return _pure_regions(game, started)
    A = sympy.Matrix(game.payoffs[0].tolist())
    B = sympy.Matrix(game.payoffs[1].tolist())
    m, n = game.shape
    params = game.parameters
    taken = set(game.parameter_names)
    open_cases: list[str] = []
    notes: list[str] = []
    regions: list[EquilibriumRegion] = []
    for I in _subsets(m):
        for J in _subsets(n):
            for raw in _solve_pair(A, B, I, J, params, (), split_depth, set(taken), open_cases):
                witness, exhaustive = find_witness(
                    raw.conditions, raw.assumptions, params, raw.free
                )
                if witness is None and exhaustive:
                    continue  # proven empty
                if witness is not None:
                    witness = _complete_witness(witness, params)
                if witness is None:
                    notes.append(
                        f"no parameter point was found for the support pair {I}, {J}; its conditions may be contradictory"
                    )
                regions.append(
                    EquilibriumRegion(
                        game=game,
                        supports=raw.supports,
                        profile=raw.profile,
                        payoffs=raw.payoffs,
                        conditions=raw.conditions,
                        assumptions=raw.assumptions,
                        free=raw.free,
                        free_parameters=raw.free_parameters,
                        witness=witness,
                    )
                )
    # isolated regions first, then by support size, keeping enumeration order otherwise
    regions.sort(key=lambda r: (r.degenerate, sum(len(s) for s in r.supports)))
    return RegionSolution(
        game=game,
        regions=tuple(regions),
        complete=not open_cases,
        notes=tuple(notes + open_cases),
        elapsed=time.perf_counter() - started,
    )


def _pure_regions(game: SymbolicGame, started: float) -> RegionSolution:
    """Pure-equilibrium regions of an N-player game: no player gains by a unilateral switch."""
    import numpy as np

    params = game.parameters
    regions = []
    notes = [f"{game.num_players}-player game: only pure equilibria are given symbolically; mixed equilibria are not covered"]
    for s in np.ndindex(*game.shape):
        conds: list = []
        ok = True
        for i in range(game.num_players):
            here = game.payoffs[(i, *s)]
            for alt in range(game.shape[i]):
                if alt == s[i]:
                    continue
                dev = list(s)
                dev[i] = alt
                c = make_condition(here - game.payoffs[(i, *dev)], ">=", params)
                if c is False:
                    ok = False
                    break
                conds.append(c)
            if not ok:
                break
        if not ok:
            continue
        simple = simplify_conditions(conds, params)
        if simple is False:
            continue
        witness, exhaustive = find_witness(simple, (), params)
        if witness is None and exhaustive:
            continue
        if witness is not None:
            witness = _complete_witness(witness, params)
        if witness is None:
            notes.append(f"no parameter point was found for the pure profile {s}; its conditions may be contradictory")
        profile = tuple(
            tuple(sympy.Integer(int(k == s[i])) for k in range(game.shape[i])) for i in range(game.num_players)
        )
        regions.append(
            EquilibriumRegion(
                game=game,
                supports=tuple((int(k),) for k in s),
                profile=profile,
                payoffs=tuple(game.payoffs[(i, *s)] for i in range(game.num_players)),
                conditions=simple,
                witness=witness,
            )
        )
    return RegionSolution(
        game=game, regions=tuple(regions), complete=False, notes=tuple(notes), elapsed=time.perf_counter() - started
    )
