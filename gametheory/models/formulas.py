r"""Closed forms and exact thresholds of the model families, through :mod:`gametheory.symbolic`.

Every family's solver is written once against an arithmetic context
(:mod:`gametheory.models.base`). Run in a :class:`~gametheory.models.base.ProbeContext`
it computes with sympy expressions in the model's
:class:`~gametheory.symbolic.Parameter`\ s, deciding each comparison at one exact
point and recording the difference it compared. Hence:

* :func:`closed_form` -- the equilibria as formulas, valid on the region around the
  point where none of the recorded differences changes sign (the region is returned
  as sympy relations);
* :func:`model_thresholds` -- one parameter moves over its range, the others fixed:
  the exact breakpoints (real roots of the recorded differences, rational or
  algebraic), the equilibria as formulas on each open interval and exactly at each
  breakpoint (ties there give every equilibrium). The result is a
  :class:`~gametheory.symbolic.SequentialThresholds`, printed and typeset like the
  thresholds of sequential games.

Why it is exact: on an open interval containing no root of any difference the
solver compared there, every comparison has the same sign as at the probe, so the
solver takes the same branches and returns the same formulas throughout; roots
found while probing split the interval and are probed again until nothing new
appears (finitely many roots).

Examples
--------
>>> import sympy
>>> from gametheory.models import alternating_offers
>>> d = sympy.Symbol("d")
>>> cf = closed_form(alternating_offers(delta=(d, d)), at={"d": "9/10"})
>>> cf.equilibria[0].quantities["proposer share"]
1/(d + 1)
>>> th = model_thresholds(war_demo(), "c1")
>>> th.values
()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from ..errors import GameTheoryError, InvalidGameError
from ..symbolic.sequential import SequentialPiece, SequentialThresholds
from .base import ModelEquilibrium, ProbeContext, _fmt, as_sympy, core_of

__all__ = ["ClosedForm", "ModelThresholds", "closed_form", "model_thresholds"]


@dataclass(frozen=True)
class ClosedForm:
    """The equilibria of a symbolic model as formulas, with the region where they hold.

    Attributes
    ----------
    model : Model
        The symbolic model.
    point : mapping of str to number
        Where the comparisons were decided.
    equilibria : tuple of ModelEquilibrium
        Payoffs and quantities as sympy expressions in the parameters.
    conditions : tuple of sympy relations
        The region: each difference the solver compared, with its sign at ``point``.
    """

    model: Any = field(repr=False)
    point: Mapping[str, Any]
    equilibria: tuple[ModelEquilibrium, ...]
    conditions: tuple[Any, ...]

    def __str__(self) -> str:
        where = ", ".join(f"{k} = {_fmt(v)}" for k, v in self.point.items())
        lines = [f"Closed form of the {self.model.family} model around {where or 'its parameters'}"]
        for e in self.equilibria:
            lines.append(f"  {e.label}")
            lines += [f"    {k} = {_fmt(v)}" for k, v in e.quantities.items()]
            lines += [f"    payoff of {k} = {_fmt(v)}" for k, v in e.payoffs.items()]
        if self.conditions:
            lines.append("  valid where " + " and ".join(str(c) for c in self.conditions))
        return "\n".join(lines)

    def latex(self) -> str:
        r"""The quantities and payoffs of each equilibrium as an ``aligned`` block."""
        import sympy

        rows = []
        for e in self.equilibria:
            rows.append(r"&\text{" + e.label + "}")
            for k, v in list(e.quantities.items()) + [(f"u_{{{p}}}", v) for p, v in e.payoffs.items()]:
                name = k if k.startswith("u_") else r"\text{" + k + "}"
                rows.append(f"{name} &= {sympy.latex(v)}")
        if self.conditions:
            rows.append(r"&\text{where } " + r",\ ".join(sympy.latex(c) for c in self.conditions))
        return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"

    def _repr_latex_(self) -> str:
        return "$$" + self.latex().replace("\n", " ") + "$$"


def _point(model: Any, at: Mapping[str, Any] | None) -> dict:
    from ..symbolic.parameters import to_sympy_number

    given = dict(at or {})
    point = {}
    for p in model.parameters:
        if p.name in given:
            v = to_sympy_number(given.pop(p.name))
        elif p.default is not None:
            v = to_sympy_number(p.default)
        else:
            raise InvalidGameError(f"parameter {p.name} has no default: give its value in at={{...}}")
        if not p.contains(v):
            raise InvalidGameError(f"{p.name} = {v} is outside its range ({p.describe()})")
        point[p] = v
    if given:
        raise InvalidGameError(f"unknown parameters: {', '.join(sorted(given))}")
    return point


def _run(model: Any, point: Mapping[Any, Any]) -> tuple[list[ModelEquilibrium], list]:
    ctx = ProbeContext(point)
    eqs = core_of(model)(model, ctx)
    cleaned = [
        ModelEquilibrium(
            e.label,
            dict(e.strategies),
            {k: ctx.clean(v) for k, v in e.payoffs.items()},
            {k: ctx.clean(v) for k, v in e.quantities.items()},
        )
        for e in eqs
    ]
    return cleaned, ctx.critical


def closed_form(model: Any, *, at: Mapping[str, Any] | None = None) -> ClosedForm:
    """The equilibria of a symbolic model as formulas, valid around the point ``at``.

    Parameters
    ----------
    model : Model
        A model of :mod:`gametheory.models` with sympy parameters.
    at : mapping of str to number, optional
        Where to decide the comparisons (default: each parameter's default).

    Returns
    -------
    ClosedForm

    Examples
    --------
    >>> import sympy
    >>> from gametheory.models import war_of_attrition
    >>> V, c = sympy.symbols("V c", positive=True)
    >>> cf = closed_form(war_of_attrition(values=(V, V), costs=(c, c)), at={"V": 3, "c": 1})
    >>> [e.quantities["concession probability A"] for e in cf.equilibria]
    [1, 0, c/(V + c)]
    """
    import sympy

    from ..symbolic.conditions import sign_of_number

    point = _point(model, at)
    values = {p.symbol: v for p, v in point.items()}
    eqs, critical = _run(model, values)
    conditions = []
    for d in critical:
        s = sign_of_number(d.xreplace(values))
        if d.could_extract_minus_sign():  # write -d > 0 as d < 0
            d, s = -d, -s
        rel = {1: sympy.StrictGreaterThan, -1: sympy.StrictLessThan, 0: sympy.Eq}[s]
        conditions.append(rel(d, 0))
    return ClosedForm(model, {p.name: v for p, v in point.items()}, tuple(eqs), tuple(conditions))


class ModelThresholds(SequentialThresholds):
    """Thresholds of a model family in one parameter (a :class:`~gametheory.symbolic.SequentialThresholds`).

    ``tree`` holds the model; each piece's outcomes are ``(text, payoffs)`` with the
    equilibrium's label and key quantities in ``text``.
    """

    def __str__(self) -> str:
        text = super().__str__()
        head, _, rest = text.partition("\n")
        head = head.replace("Subgame-perfect paths in", f"Equilibria of the {self.tree.family} model in", 1)
        return head + ("\n" + rest if rest else "")


def _roots(expr: Any, x: Any) -> list:
    import sympy

    if expr.free_symbols - {x} or x not in expr.free_symbols:
        return []
    return list(sympy.real_roots(sympy.Poly(sympy.expand(expr), x)))


def model_thresholds(model: Any, parameter: str, *, others: Mapping[str, Any] | None = None) -> ModelThresholds:
    """Exact breakpoints of one parameter where a model's equilibria change.

    Parameters
    ----------
    model : Model
        A symbolic model of :mod:`gametheory.models`.
    parameter : str
        The parameter that moves over its range.
    others : mapping, optional
        Values of the other parameters (their defaults otherwise).

    Returns
    -------
    ModelThresholds
        Pieces in increasing order: open intervals with the equilibria as formulas
        in the parameter, and breakpoints with the equilibria exactly there (every
        one of them at a tie).

    Examples
    --------
    >>> from gametheory.models import screening_bargaining
    >>> from gametheory.symbolic import Parameter
    >>> q = Parameter("q", default="1/2", low=0, high=1, meaning="prior that Ukraine is resolute")
    >>> m = screening_bargaining(p="1/2", proposer_cost="1/10", costs=("1/20", "3/10"),
    ...                          probabilities=(q, 1 - q.symbol), players=("Russia", "Ukraine"))
    >>> model_thresholds(m, "q").values
    (5/8,)
    """
    import sympy

    from ..symbolic.conditions import sign_of_number
    from ..symbolic.parameters import to_sympy_number
    from ..symbolic.witness import rational_between

    p = model.parameter(parameter)
    x = p.symbol
    given = dict(others or {})
    given.pop(p.name, None)
    fixed: dict[str, Any] = {}
    for q in model.parameters:
        if q.name == p.name:
            continue
        if q.name in given:
            v = to_sympy_number(given.pop(q.name))
        elif q.default is not None:
            v = to_sympy_number(q.default)
        else:
            raise InvalidGameError(f"parameter {q.name} has no default: give its value in others={{...}}")
        if not q.contains(v):
            raise InvalidGameError(f"{q.name} = {v} is outside its range ({q.describe()})")
        fixed[q.name] = v
    if given:
        raise InvalidGameError(f"unknown parameters in others: {', '.join(sorted(given))}")
    one = model.subs(fixed) if fixed else model
    lo, hi = p.lower, p.upper

    def inside(r: Any) -> bool:
        return (lo is None or sign_of_number(r - lo) > 0) and (hi is None or sign_of_number(hi - r) > 0)

    roots: list = []

    def add_roots(critical: Sequence[Any]) -> bool:
        new = False
        for d in critical:
            for r in _roots(d, x):
                if inside(r) and not any(sign_of_number(r - s) == 0 for s in roots):
                    roots.append(r)
                    new = True
        return new

    def probe(a: Any, b: Any) -> Any:
        if a is None and b is None:
            return sympy.Integer(0)
        if a is None:
            return sympy.floor(b) - 1
        if b is None:
            return sympy.floor(a) + 1
        return rational_between(a, b)

    # probe every interval between known roots until no probe finds a new root inside the range
    cache: dict = {}
    changed = True
    while changed:
        roots.sort(key=lambda r: sympy.N(r, 50))
        edges = [lo] + roots + [hi]
        changed = False
        for a, b in zip(edges, edges[1:]):
            key = (sympy.srepr(a), sympy.srepr(b))
            if key not in cache:
                eqs, crit = _run(one, {x: probe(a, b)})
                cache[key] = eqs
                if add_roots(crit):
                    changed = True
                    break

    def at_point(v: Any) -> list | None:
        try:
            if v.is_Rational:
                one.subs({p.name: v})  # the model's own ranges (e.g. a discount factor below 1)
            eqs = _run(one, {x: v})[0]
        except (GameTheoryError, ZeroDivisionError):
            return None  # the model is not defined there (e.g. a discount factor of 1)

        def ev(w: Any) -> Any:
            return sympy.radsimp(sympy.cancel(w.xreplace({x: v}))) if hasattr(w, "xreplace") else w

        return [ModelEquilibrium(e.label, e.strategies, {k: ev(w) for k, w in e.payoffs.items()},
                                 {k: ev(w) for k, w in e.quantities.items()}) for e in eqs]

    def canon(v: Any, value: Any = None) -> str:
        if hasattr(v, "xreplace"):
            if value is not None:
                v = v.xreplace({x: value})
            v = sympy.radsimp(sympy.cancel(v))
        return sympy.srepr(as_sympy(v))

    def sig(eqs: Sequence[ModelEquilibrium], value: Any = None) -> tuple:
        return tuple(sorted((e.label, tuple(canon(v, value) for v in e.payoffs.values()),
                             tuple(canon(v, value) for v in e.quantities.values())) for e in eqs))

    def outcomes(eqs: Sequence[ModelEquilibrium]) -> tuple:
        out = []
        for e in eqs:
            q = ", ".join(f"{k} {_fmt(v)}" for k, v in e.quantities.items())
            out.append((e.label + (f" [{q}]" if q else ""), tuple(e.payoffs[pl] for pl in model.players)))
        return tuple(out)

    # pieces: (low, high, eqs, point)
    roots.sort(key=lambda r: sympy.N(r, 50))
    edges = [lo] + roots + [hi]
    ivs = [cache[(sympy.srepr(a), sympy.srepr(b))] for a, b in zip(edges, edges[1:])]
    pieces: list[list] = []  # [low, high, eqs, point, low_closed, high_closed]
    if lo is not None and not p.lower_open:
        eqs = at_point(lo)
        if eqs is not None and sig(eqs) == sig(ivs[0], lo):
            pieces.append([lo, edges[1], ivs[0], False, True, False])
        elif eqs is not None:
            pieces.append([lo, lo, eqs, True, False, False])
    if not pieces or pieces[-1][3]:
        pieces.append([edges[0], edges[1], ivs[0], False, False, False])
    for k, r in enumerate(roots):
        left, right = pieces[-1], ivs[k + 1]
        eqs = at_point(r)
        here = None if eqs is None else sig(eqs)
        if sig(left[2]) == sig(right) and here == sig(right, r):
            left[1] = edges[k + 2]  # not a threshold: the same formulas hold through r
            continue
        if eqs is not None:  # a threshold: kept as its own piece, so it is listed in .values
            pieces.append([r, r, eqs, True, False, False])
        pieces.append([r, edges[k + 2], right, False, False, False])
    if hi is not None:
        eqs = at_point(hi)
        if eqs is not None and sig(eqs) == sig(pieces[-1][2], hi):
            pieces[-1][5] = True
        elif eqs is not None:
            pieces.append([hi, hi, eqs, True, False, False])
    out = tuple(SequentialPiece(a, b, outcomes(e), point=pt, low_closed=lc, high_closed=hc)
                for a, b, e, pt, lc, hc in pieces)
    return ModelThresholds(tree=model, parameter=p.name, fixed=fixed, pieces=out)


def war_demo() -> Any:
    """A symbolic war of attrition in ``c1`` (used in this module's examples)."""
    from ..symbolic.parameters import Parameter
    from .attrition import war_of_attrition

    c1 = Parameter("c1", default=1, positive=True, meaning="A's cost per period")
    return war_of_attrition(values=(3, 3), costs=(c1, 1))
