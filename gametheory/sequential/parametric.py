"""A valued game tree built once and re-valued exactly at many parameter points (fast sweeps).

Building a large valued composition (:mod:`gametheory.sequential.valued`) evaluates
every expression at every node, and that costs far more than solving the tree. Over
a grid of parameter points the tree's *shape* rarely changes: only its numbers do.
:func:`tree_template` builds the tree once with the varied parameters as **symbols**:
every outcome attribute, payoff and chance probability becomes an exact polynomial
in them (rational coefficients; a build that would divide by a varied parameter, or
use it in a float, is refused rather than approximated). What the shape depends on is
recorded as it is decided: every ``if`` condition that involves a varied parameter,
with whether it held at the point the template was built for. A template serves
exactly the points where each recorded condition decides the same way; elsewhere a
new template is traced (:func:`templates_for`).

:func:`spe_rows_at` then solves the tree at a point as :func:`gametheory.solve` does
(backward induction listing every subgame-perfect equilibrium; for trees whose hidden
information is nature's, on the delayed tree, which gives the sequential equilibria):
the same equilibria in the same order, with the same paths and exact payoffs, from
the polynomials evaluated at the point. Every equilibrium is verified exactly at the
point by the one-shot deviation test on the tree solved, and the point's parameters
are checked against the declared ranges of the file and of every included sub-game.
Where the fast path does not apply (stages, floats, too many equilibria, a range or
probability problem at the point) it answers ``None`` and the caller solves the
point through the public path, which raises the error a user would see.

Examples
--------
>>> from fractions import Fraction
>>> t = tree_template("sanctions", {"relief": Fraction(1)}, ("relief",))
>>> rows = spe_rows_at(t, {"relief": Fraction(3)})
>>> rows[1], [step["outcome"] for step in rows[0][0][0]][:2]
(True, ['Lift sanctions now', 'Renew'])
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..errors import GameTheoryError, SolverError
from ..extensive.game import Chance, Decision, Terminal, edge_label
from .valued import _NotPolynomial, _expand, _Valued, format_says, is_valued

__all__ = ["Poly", "TraceError", "TreeTemplate", "tree_template", "templates_for", "spe_rows_at",
           "MAX_TEMPLATES"]

#: Templates kept per (file, varied parameters, fixed values): one per pattern of ``if`` decisions.
MAX_TEMPLATES = 16
#: As :data:`gametheory.sequential.backward.DEFAULT_MAX_EQUILIBRIA` (beyond it: the public path).
MAX_EQUILIBRIA = 10_000


class TraceError(Exception):
    """The build cannot be traced symbolically (the caller solves point by point instead).

    Not a :class:`~gametheory.errors.GameTheoryError`: it never reaches a user, and the
    builder passes it through instead of reporting it as a problem of the file.
    """


# -- exact polynomials in the varied parameters ------------------------------------------------------
class Poly:
    """A non-constant polynomial with rational coefficients in named parameters.

    Terms map a monomial (the sorted tuple of its parameters, with repetition) to its
    coefficient. ``at0`` is its value at the point the template is built for, used
    where the tree needs a concrete number (labels, the game at that point). Equality
    is identity of polynomials; order comparisons and conversions to numbers raise
    :class:`TraceError`, so a value the trace cannot follow stops the trace loudly.

    Examples
    --------
    >>> x = Poly.symbol("x", Fraction(1, 2))
    >>> p = 3 * x * x - x + 1
    >>> p.at0, p(dict(x=Fraction(2))), p - p
    (Fraction(5, 4), Fraction(11, 1), 0)
    """

    __slots__ = ("terms", "at0", "_hash")

    def __init__(self, terms: dict, at0: Fraction) -> None:
        self.terms = terms
        self.at0 = at0
        self._hash = None

    @staticmethod
    def symbol(name: str, value: Any) -> "Poly":
        if not isinstance(value, (int, Fraction)) or isinstance(value, bool):
            raise TraceError(f"parameter {name!r} has the non-rational value {value!r}")
        return Poly({(name,): Fraction(1)}, Fraction(value))

    def __call__(self, values: Mapping[str, Any]) -> Fraction:
        total = Fraction(0)
        for mono, c in self.terms.items():
            for v in mono:
                c = c * values[v]
            total += c
        return total

    # arithmetic ------------------------------------------------------------------------------------
    def __add__(self, other: Any) -> Any:
        t, a = _terms(other)
        out = dict(self.terms)
        for m, c in t.items():
            out[m] = out.get(m, 0) + c
        return _make(out, self.at0 + a)

    __radd__ = __add__

    def __neg__(self) -> "Poly":
        return Poly({m: -c for m, c in self.terms.items()}, -self.at0)

    def __sub__(self, other: Any) -> Any:
        return self + (-_as_value(other))

    def __rsub__(self, other: Any) -> Any:
        return (-self) + other

    def __mul__(self, other: Any) -> Any:
        t, a = _terms(other)
        out: dict = {}
        for ma, ca in self.terms.items():
            for mb, cb in t.items():
                m = tuple(sorted(ma + mb)) if mb else ma
                out[m] = out.get(m, 0) + ca * cb
        return _make(out, self.at0 * a)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> Any:
        if type(other) is Poly:
            raise TraceError("division by an expression in a varied parameter")
        t, a = _terms(other)
        if not a:
            raise TraceError("division by zero")
        return self * (1 / Fraction(a))

    def __rtruediv__(self, other: Any) -> Any:
        raise TraceError("division by an expression in a varied parameter")

    def __pow__(self, k: Any) -> Any:
        if not isinstance(k, int) or k < 0:
            raise TraceError("a varied parameter raised to a negative or non-integer power")
        out: Any = Fraction(1)
        for _ in range(k):
            out = self * out
        return out

    # comparisons: identity of polynomials only --------------------------------------------------------
    def __eq__(self, other: Any) -> bool:
        return type(other) is Poly and other.terms == self.terms

    def __ne__(self, other: Any) -> bool:
        return not self == other

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self.terms.items()))
        return self._hash

    def __bool__(self) -> bool:
        return True  # a non-constant polynomial is not identically zero

    def _refuse(self, *args: Any) -> Any:
        raise TraceError("a value that depends on a varied parameter is compared or converted to a number")

    __lt__ = __le__ = __gt__ = __ge__ = _refuse
    __float__ = __int__ = __index__ = _refuse
    numerator = denominator = property(_refuse)

    def __repr__(self) -> str:
        parts = [f"{c}*{'*'.join(m)}" if m else str(c) for m, c in sorted(self.terms.items())]
        return "Poly(" + " + ".join(parts) + ")"


def _terms(x: Any) -> tuple[dict, Fraction]:
    if type(x) is Poly:
        return x.terms, x.at0
    if isinstance(x, _Dual) or isinstance(x, bool) or not isinstance(x, (int, Fraction)):
        raise TraceError(f"a {type(x).__name__} value in a traced build")
    return ({(): Fraction(x)} if x else {}), Fraction(x)


def _as_value(x: Any) -> Any:
    _terms(x)
    return x


def _make(terms: dict, at0: Fraction) -> Any:
    terms = {m: c for m, c in terms.items() if c != 0}
    if not terms:
        return 0
    if len(terms) == 1 and () in terms:
        c = terms[()]
        return c.numerator if c.denominator == 1 else c
    return Poly(terms, at0)


def _at0(x: Any) -> Any:
    return x.at0 if type(x) is Poly else x


class _Dual(Fraction):
    """A chance probability of a traced tree: its value at the build point, with its polynomial.

    It is a ``Fraction`` (the tree's checks and the delayed tree see the value); products
    and sums keep the polynomial, so the delayed tree's weights carry theirs.
    """

    poly: Any

    def __new__(cls, poly: Poly) -> "_Dual":
        self = super().__new__(cls, poly.at0.numerator, poly.at0.denominator)
        self.poly = poly
        return self

    def _combine(self, other: Any, op: Any) -> Any:
        if isinstance(other, float):  # float arithmetic (reach probabilities of a float walk): as a Fraction would
            return op(float(self), other)
        if isinstance(other, bool) or not isinstance(other, (int, Fraction)):
            return NotImplemented
        mine = self.poly
        theirs = other.poly if isinstance(other, _Dual) else Fraction(other)
        poly = op(mine, theirs)
        return _Dual(poly) if type(poly) is Poly else Fraction(poly)

    def __mul__(self, other: Any) -> Any:
        return self._combine(other, lambda a, b: a * b)

    def __rmul__(self, other: Any) -> Any:
        return self._combine(other, lambda a, b: b * a)

    def __add__(self, other: Any) -> Any:
        return self._combine(other, lambda a, b: a + b)

    def __radd__(self, other: Any) -> Any:
        return self._combine(other, lambda a, b: b + a)

    def __sub__(self, other: Any) -> Any:
        return self._combine(other, lambda a, b: a - b)

    def __rsub__(self, other: Any) -> Any:
        return self._combine(other, lambda a, b: b - a)


def _poly_of(q: Any) -> Any:
    """The polynomial (or constant) of a probability stored in a traced tree."""
    return q.poly if isinstance(q, _Dual) else q


# -- the traced build ---------------------------------------------------------------------------------
def _value(node: Any, values: Mapping[str, Any]) -> Any:
    try:
        out = _expand(node, values, frozenset()).get((), 0)
    except _NotPolynomial:
        raise TraceError("an expression that is not a polynomial in the varied parameters") from None
    if isinstance(out, Fraction) and out.denominator == 1:
        return out.numerator
    return out


def _compile(node: Any, values: Mapping[str, Any], attributes: frozenset) -> tuple | None:
    """An expression as ``(coefficient, attributes)`` terms: parameters (symbols included) folded in once.

    ``None`` when it is not a polynomial in the attributes (then it is expanded at each use).
    """
    try:
        terms = _expand(node, values, attributes)
    except _NotPolynomial:
        return None
    except TraceError:
        return None
    return tuple((c, m) for m, c in terms.items() if not (type(c) is not Poly and c == 0))


def _apply(terms: tuple, state: Mapping[str, Any]) -> Any:
    """The value of compiled terms in a state (attribute values: numbers or polynomials)."""
    total: Any = 0
    for c, mono in terms:
        for v in mono:
            x = state[v]
            if type(x) is not Poly:
                if x == 0:
                    c = 0
                    break
                if x == 1:
                    continue
            c = c * x
        if type(c) is Poly or c != 0:
            total = total + c
    if isinstance(total, Fraction) and total.denominator == 1:
        return total.numerator
    return total


class _Traced(_Valued):
    """The valued builder with the varied parameters as :class:`Poly` symbols (see the module docstring)."""

    def __init__(self, raw: Mapping[str, Any], params: Mapping[str, Any], path: str | None, file: str,
                 vary: Sequence[str]) -> None:
        super().__init__(raw, params, path, file)
        top = self.top.builder
        for name in vary:
            top.values[name] = Poly.symbol(name, top.values[name])
        self.conditions: list[tuple[Poly, bool]] = []
        self.subs: list[tuple[Any, dict]] = []
        self.terminal_values: dict[int, tuple] = {}
        self.parsed: dict[tuple, Any] = {}
        attrs = frozenset(self.state_names)
        self.value_terms = {p: _compile(e.node, top.values, attrs) for p, e in self.value.items()}
        # initial attribute values may be expressions in the varied parameters
        for name, body in top.comp["state"].items():
            v = self.evaluate(self.top, body["initial"], {}, f"composition.state.{name}.initial")
            self.initial[name] = v

    def evaluate(self, scope: Any, text: Any, state: Mapping[str, Any], key: str) -> Any:
        from ..io.expressions import parse_expression

        b = scope.builder
        if isinstance(text, bool) or not isinstance(text, str):
            return super().evaluate(scope, text, state, key)
        ck = (id(b), text)
        expr = self.parsed.get(ck)
        if expr is None:
            names = tuple(b.names) + tuple(n for n in self.state_names if n not in b.names)
            expr = parse_expression(text, names, file=scope.file, key=key)
            self.parsed[ck] = (expr, _compile(expr.node, b.values, frozenset(self.state_names)))
            expr = self.parsed[ck]
        if expr[1] is not None:
            return _apply(expr[1], state)
        return _value(expr[0].node, {**b.values, **state})

    def is_zero(self, value: Any) -> bool:
        if type(value) is Poly:
            zero = value.at0 == 0
            self.conditions.append((value, zero))
            return zero
        return value == 0

    def probability(self, value: Any) -> Any:
        return _Dual(value) if type(value) is Poly else value

    def sub_builder(self, sub_spec: Any, passed: Mapping[str, Any]) -> Any:
        builder = super().sub_builder(sub_spec, {k: _at0(v) for k, v in passed.items()})
        for k, v in passed.items():
            if type(v) is Poly:
                builder.values[k] = v
        self.subs.append((sub_spec, dict(passed)))
        return builder

    def says(self, scope: Any, edge: Mapping[str, Any], state: Mapping[str, Any], key: str) -> str | None:
        if "says" not in edge:
            return None
        text = scope.builder.text(edge["says"], f"{key}.says")
        return format_says(text, {k: _at0(v) for k, v in {**state, **scope.builder.values}.items()})

    def terminal(self, scope: Any, state: Mapping[str, Any], label: str | None, says: str | None) -> Terminal:
        sk = tuple(state[n] for n in self.state_names)
        hit = self.payoff_cache.get(sk)
        if hit is None:
            values = {**self.top.builder.values, **state}
            pays = tuple(_apply(self.value_terms[p], state) if self.value_terms[p] is not None
                         else _value(self.value[p].node, values) for p in self.players)
            concrete = tuple((p, _at0(v)) for p, v in zip(self.players, pays))
            outcome = tuple((n, Fraction(_at0(v))) for n, v in zip(self.state_names, sk))
            hit = self.payoff_cache[sk] = (concrete, outcome, pays)
        node = Terminal(hit[0], label=label, narration=says, outcome=hit[1])
        self.terminal_values[id(node)] = hit[2]
        return node


# -- the template ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TreeTemplate:
    """A valued tree traced with symbolic parameters, flattened for solving at many points.

    Attributes
    ----------
    source : str
        The file (or bundled name) it was built from.
    vary : tuple of str
        The parameters that are symbols; every other parameter is fixed at ``base``.
    base : dict
        The point the template was traced at.
    players : tuple of str
    polys : tuple
        Every distinct polynomial (or constant) the tree uses; the rest refers to them by index.
    conditions : tuple of (int, bool)
        Each ``if`` condition that depends on a varied parameter, and whether it was 0 at ``base``.
    concept : str
        ``"subgame-perfect"``, or ``"sequential"`` when the tree solved is the delayed tree.
    """

    source: str
    vary: tuple
    base: dict
    players: tuple
    polys: tuple
    conditions: tuple
    subs: tuple                # (spec, {parameter: poly index}) of each included sub-game: ranges checked per point
    top_spec: Any
    chance_checks: tuple       # per original chance node: poly indices of its probabilities
    # the tree solved (distinct node objects, children first, as backward induction visits them)
    kind: tuple                # 0 terminal, 1 decision, 2 chance
    mover: tuple
    edge_group: tuple
    targets: tuple
    data: tuple                # terminal: payoff poly indices; chance: probability poly indices per edge
    head: tuple                # per terminal node: the power of Q its payoffs are multiplied by (see tree_template)
    # its positions (for reading off and verifying equilibria)
    pos_node: tuple
    pos_children: tuple
    # the original tree (for paths)
    orig_kind: tuple
    orig_children: tuple
    orig_labels: tuple
    orig_probs: tuple
    sources: Any               # delayed position -> original positions (None when the tree is solved as it is)
    concept: str = "subgame-perfect"
    top: int = 0               # the values at the root are over D * Q**top
    pay_polys: tuple = ()      # the polynomials of terminal payoffs
    prob_polys: tuple = ()     # the polynomials of the probabilities of the tree solved

    def matches(self, values: Sequence[Any]) -> bool:
        """Whether every recorded ``if`` condition decides at a point (its polynomial values) as at ``base``."""
        return all((values[k] == 0) == zero for k, zero in self.conditions)


def tree_template(source: Any, params: Mapping[str, Any], vary: Sequence[str]) -> TreeTemplate:
    """Trace the valued tree of a game file with ``vary`` as symbols, at the point ``params``.

    Raises
    ------
    TraceError
        When the file is not a valued composition, or its tree cannot be solved by the
        fast path (stages, hidden information that is not nature's, discounting), or a
        varied parameter is used in a way the trace cannot follow.
    SpecError
        When ``params`` is not a valid point of the file.

    Examples
    --------
    >>> t = tree_template("sanctions", {"relief": 2}, ("relief",))
    >>> t.concept, t.conditions
    ('subgame-perfect', ())
    """
    from ..extensive.nature import delayed_tree
    from ..io.spec import load_spec
    from .backward import _groups, _post_order

    spec = load_spec(source)
    if spec.composition is None or not is_valued(spec.raw):
        raise TraceError(f"{source}: not a valued composition")
    vary = tuple(vary)
    builder = _Traced(dict(spec.raw), dict(params), spec.path, spec.path or "<string>", vary)
    game = builder.build()
    if game.discount != 1:
        raise TraceError("discounted tree")
    if not game.exact:
        raise TraceError("a tree with float payoffs or probabilities")
    if not game.perfect_recall:
        raise TraceError("imperfect recall")
    delayed = None
    tree = game
    concept = "subgame-perfect"
    if not game.subgame_at_every_position:
        delayed = delayed_tree(game)
        if delayed is None:
            raise TraceError("hidden information that is not nature's alone")
        tree = delayed.game
        concept = "sequential"
    polys: list = []
    index_of: dict = {}

    def intern(p: Any) -> int:
        key = (type(p) is Poly, p)
        k = index_of.get(key)
        if k is None:
            k = index_of[key] = len(polys)
            polys.append(p)
        return k

    players = game.players
    order = _post_order(tree.root)
    node_index = {id(n): i for i, n in enumerate(order)}
    kind, mover, edge_group, targets, data = [], [], [], [], []
    for node in order:
        t = type(node)
        if t is Terminal:
            vals = builder.terminal_values.get(id(node))
            if vals is None:
                raise TraceError("a terminal the trace did not value")
            kind.append(0)
            mover.append(-1)
            edge_group.append(())
            targets.append(())
            data.append(tuple(intern(v) for v in vals))
            continue
        eg, tg = _groups(node, "same")
        edge_group.append(tuple(eg))
        targets.append(tuple(node_index[id(c)] for c in tg))
        if t is Decision:
            kind.append(1)
            mover.append(players.index(node.player))
            data.append(())
        elif t is Chance:
            kind.append(2)
            mover.append(-1)
            probs = [_poly_of(q) for q in node.probabilities]
            if sum(probs) != 1:  # as polynomials: what the tree's own check saw at one point holds everywhere
                raise TraceError("chance probabilities that do not sum to 1 identically")
            data.append(tuple(intern(q) for q in probs))
        else:
            raise TraceError("simultaneous stages")
    # integer arithmetic: payoffs times D (their common denominator at the point), probabilities times Q
    # (theirs); a node below c chance nodes is valued over D * Q**(E - c), E the most chance nodes above a
    # terminal, so that siblings share a scale and a chance node's sum of (Q * probability) * value is over
    # D * Q**(E - c) again: no rescaling anywhere, a terminal's payoffs are multiplied by Q**(E - c) once
    above: list = [None] * len(kind)
    pos_list = tree.positions
    pos_above = [0] * len(pos_list)
    for k, pos in enumerate(pos_list):
        ni = node_index[id(pos.node)]
        if above[ni] is None:
            above[ni] = pos_above[k]
        elif above[ni] != pos_above[k]:
            raise TraceError("a node shared between places with different chance moves above it")
        step = 1 if type(pos.node) is Chance else 0
        for c in pos.children:
            pos_above[c] = pos_above[k] + step
    top = max((above[i] for i, k in enumerate(kind) if k == 0), default=0)
    head = tuple(top - above[i] if k == 0 else 0 for i, k in enumerate(kind))
    chance_checks = []
    for pos in game.positions:
        if type(pos.node) is Chance:
            probs = [_poly_of(q) for q in pos.node.probabilities]
            if sum(probs) != 1:
                raise TraceError("chance probabilities that do not sum to 1 identically")
            chance_checks.append(tuple(intern(q) for q in probs))
    if not tree.exact or any(isinstance(p, float) for p in polys):
        raise TraceError("a tree with float payoffs or probabilities")
    conditions = tuple((intern(p), z) for p, z in builder.conditions)
    subs = tuple((s, {k: intern(v) for k, v in passed.items()}) for s, passed in builder.subs)
    orig = game.positions
    return TreeTemplate(
        source=str(source), vary=vary, base=dict(params), players=players, polys=tuple(polys),
        conditions=conditions, subs=subs, top_spec=spec, chance_checks=tuple(sorted(set(chance_checks))),
        kind=tuple(kind), mover=tuple(mover), edge_group=tuple(edge_group), targets=tuple(targets), data=tuple(data),
        head=head, top=top,
        pay_polys=tuple(sorted({j for i, k in enumerate(kind) if k == 0 for j in data[i]})),
        prob_polys=tuple(sorted({j for i, k in enumerate(kind) if k == 2 for j in data[i]})),
        pos_node=tuple(node_index[id(p.node)] for p in tree.positions),
        pos_children=tuple(p.children for p in tree.positions),
        orig_kind=tuple(0 if type(p.node) is Terminal else 1 if type(p.node) is Decision else 2 for p in orig),
        orig_children=tuple(p.children for p in orig),
        orig_labels=tuple(tuple(edge_label(p.node, e) for e in range(len(p.children))) for p in orig),
        orig_probs=tuple(tuple(intern(_poly_of(q)) for q in p.node.probabilities) if type(p.node) is Chance else ()
                         for p in orig),
        sources=None if delayed is None else tuple((q, tuple(k for k, _ in pairs)) for q, pairs in
                                                    sorted(delayed.sources.items())),
        concept=concept,
    )


# -- solving at a point -----------------------------------------------------------------------------------
def _point_values(t: TreeTemplate, point: Mapping[str, Any]) -> list | None:
    """Every polynomial of the template at ``point`` (``None`` for a float value)."""
    xs = {}
    for name in t.vary:
        v = point[name]
        if isinstance(v, bool) or not isinstance(v, (int, Fraction)):
            return None
        xs[name] = v
    monos: dict = {}
    out = []
    for p in t.polys:
        if type(p) is not Poly:
            out.append(p)
            continue
        total: Any = 0
        for mono, c in p.terms.items():
            mv = monos.get(mono)
            if mv is None:
                mv = 1
                for v in mono:
                    mv = mv * xs[v]
                monos[mono] = mv
            total += c * mv
        out.append(total.numerator if type(total) is Fraction and total.denominator == 1 else total)
    return out


def _fast(x: Any) -> Any:
    return x.numerator if type(x) is Fraction and x.denominator == 1 else x


def _extend(out: list, kind: int, mover: int, probs: Any, qs: Mapping, n: int, cv: list, combo: tuple) -> None:
    """Append the records of one position given its children's values ``cv`` (one equilibrium below each).

    A decision (``kind == 1``) gives one record per tied best action, a separate equilibrium as
    backward induction lists them; a chance node gives its expected value (integers times ``Q``).
    """
    if kind == 1:
        best = max(v[mover] for v in cv)
        for a, v in enumerate(cv):
            if v[mover] == best:
                out.append((v, a, combo))
        return
    acc = [0] * n
    for j, v in zip(probs, cv):
        p = qs[j]
        if p:
            for r in range(n):
                acc[r] += p * v[r]
    out.append((tuple(acc), None, combo))


def spe_rows_at(t: TreeTemplate, point: Mapping[str, Any], values: list | None = None) -> tuple[list, bool] | None:
    """Every equilibrium ``gametheory.solve`` lists for the tree at ``point``: ``([(path, payoffs)], complete)``.

    ``path`` is the list of moves made with positive probability (``{"outcome": label,
    "probability": "p/q"}``, in the order of
    :meth:`~gametheory.extensive.result.TreeEquilibrium.path`), ``payoffs`` maps each
    player to an exact ``Fraction``. Equilibria come in the order of
    :func:`~gametheory.sequential.subgame_perfect_equilibria`; each is verified at the point
    (no profitable one-shot deviation at any position of the tree solved, and its value
    at the root equals the payoffs reported).

    Returns ``None`` when the point needs the public path: a float value, a parameter
    outside a declared range (here or in an included sub-game), a negative probability,
    an ``if`` condition deciding otherwise than where the template was traced, or more
    than ``MAX_EQUILIBRIA`` equilibria in a subgame.

    Examples
    --------
    >>> t = tree_template("sanctions", {"relief": 1}, ("relief",))
    >>> eqs, complete = spe_rows_at(t, {"relief": Fraction(1, 2)})
    >>> len(eqs), complete, eqs[0][1]["Russia"]
    (1, True, Fraction(1, 2))
    """
    from .. import exact as _exact

    if values is None:
        values = _point_values(t, point)
    if values is None or not t.matches(values):
        return None
    try:  # the ranges the public path checks, in this file and every included sub-game
        t.top_spec.parameter_values(point)
        for spec, passed in t.subs:
            spec.parameter_values({k: values[i] for k, i in passed.items()})
    except GameTheoryError:
        return None
    if any(values[i] < 0 for probs in t.chance_checks for i in probs):
        return None
    n = len(t.players)
    kinds, targets, groups, data, movers, head = t.kind, t.targets, t.edge_group, t.data, t.mover, t.head
    # every value an integer: payoffs times D, probabilities times Q (see tree_template)
    pay_idx, prob_idx = t.pay_polys, t.prob_polys
    D = math.lcm(*(Fraction(values[j]).denominator for j in pay_idx)) if pay_idx else 1
    Q = math.lcm(*(Fraction(values[j]).denominator for j in prob_idx)) if prob_idx else 1
    ints = {j: int(values[j] * D) for j in pay_idx}
    qs = {j: int(values[j] * Q) for j in prob_idx}
    powers = [Q ** e for e in range(t.top + 1)]
    leaf: dict = {}  # terminals with the same payoffs and scale share their integer values
    records: list = [None] * len(kinds)
    for i, kind in enumerate(kinds):
        if kind == 0:
            key = (data[i], head[i])
            vals = leaf.get(key)
            if vals is None:
                w = powers[head[i]]
                vals = leaf[key] = tuple(ints[j] * w for j in data[i])
            records[i] = [(vals, None, ())]
            continue
        recs = [records[j] for j in targets[i]]
        eg = groups[i]
        out = []
        if all(len(r) == 1 for r in recs):  # the common case: one equilibrium of every subgame below
            _extend(out, kind, movers[i], data[i], qs, n, [recs[g][0][0] for g in eg], (0,) * len(recs))
            records[i] = out
            continue
        if math.prod(len(r) for r in recs) > MAX_EQUILIBRIA:
            return None
        for combo in itertools.product(*[range(len(r)) for r in recs]):
            gv = [recs[g][r][0] for g, r in enumerate(combo)]
            _extend(out, kind, movers[i], data[i], qs, n, [gv[g] for g in eg], combo)
        if len(out) > MAX_EQUILIBRIA:
            return None
        records[i] = out
    root = t.pos_node[0]
    scale = D * powers[t.top]
    npos = len(t.pos_node)
    eqs = []
    for r, (root_vals, _, _) in enumerate(records[root]):
        choices: list = [None] * npos
        stack = [(0, r)]
        while stack:
            k, rec = stack.pop()
            ni = t.pos_node[k]
            _, choice, combo = records[ni][rec]
            choices[k] = choice
            kids = t.pos_children[k]
            if kids:
                stack.extend(zip(kids, [combo[g] for g in groups[ni]]))
        payoffs = tuple(Fraction(v, scale) for v in root_vals)
        _verify(t, choices, ints, qs, powers, scale, payoffs)
        if t.sources is None:
            orig = choices
        else:
            orig = [None] * len(t.orig_kind)
            for q, ps in t.sources:
                for p in ps:
                    orig[p] = choices[q]
        eqs.append((_path(t, orig, values, _exact.json_number), dict(zip(t.players, payoffs))))
    return eqs, bool(eqs)


def _verify(t: TreeTemplate, choices: list, ints: dict, qs: dict, powers: list, scale: int, payoffs: tuple) -> None:
    """One-shot deviations at every position of the tree solved, exactly at this point.

    An independent walk of the positions (not the node records backward induction
    used), in the same integers (see :func:`tree_template`).
    """
    n = len(t.players)
    pv: list = [None] * len(choices)
    for k in range(len(choices) - 1, -1, -1):
        ni = t.pos_node[k]
        kind = t.kind[ni]
        kids = t.pos_children[k]
        if kind == 0:
            w = powers[t.head[ni]]
            pv[k] = tuple(ints[j] * w for j in t.data[ni])
        elif kind == 1:
            m = t.mover[ni]
            v = pv[kids[choices[k]]]
            if any(pv[x][m] > v[m] for x in kids):
                raise SolverError("parametric tree: an equilibrium has a profitable one-shot deviation; a bug, "
                                  "please report it")
            pv[k] = v
        else:
            acc: list = [0] * n
            for j, x in zip(t.data[ni], kids):
                q = qs[j]
                if q:
                    w = pv[x]
                    for r in range(n):
                        acc[r] += q * w[r]
            pv[k] = tuple(acc)
    if tuple(Fraction(v, scale) for v in pv[0]) != payoffs:
        raise SolverError("parametric tree: an equilibrium's value differs from its payoffs; a bug, please report it")


def _path(t: TreeTemplate, choices: list, values: list, json_number: Any) -> list[dict]:
    """The moves made with positive probability on the original tree, depth first (as ``TreeEquilibrium.path``)."""
    out: list[dict] = []
    stack: list = [(0, None)]
    while stack:
        k, step = stack.pop()
        if step is not None:
            out.append(step)
        kind = t.orig_kind[k]
        if kind == 0:
            continue
        kids = t.orig_children[k]
        labels = t.orig_labels[k]
        if kind == 1:
            c = choices[k]
            if not isinstance(c, int):
                raise SolverError("parametric tree: a decision without a choice on the path; a bug, please report it")
            nxt = [(kids[c], {"outcome": labels[c], "probability": "1"})]
        else:
            nxt = []
            for e, j in enumerate(t.orig_probs[k]):
                p = values[j]
                if p != 0:
                    nxt.append((kids[e], {"outcome": labels[e], "probability": json_number(Fraction(p))}))
        stack.extend(reversed(nxt))
    return out


# -- templates per process (one per Dask worker) ---------------------------------------------------------
_CACHE: dict = {}
_CACHE_KEYS = 8


def templates_for(source: Any, point: Mapping[str, Any], vary: Sequence[str]) -> tuple[TreeTemplate, list] | None:
    """The cached template (traced on first use) that serves ``point``, with the point's values.

    Templates are kept per file, varied parameters and values of the others, one per
    pattern of ``if`` decisions (at most :data:`MAX_TEMPLATES`). ``None`` when the file
    cannot be traced or the point is not valid (the public path then says why).

    Examples
    --------
    >>> t, values = templates_for("sanctions", {"relief": Fraction(2)}, ("relief",))
    >>> t.vary
    ('relief',)
    """
    vary = tuple(vary)
    key = (str(source), vary, tuple(sorted((k, v) for k, v in point.items() if k not in vary)))
    entry = _CACHE.get(key)
    if entry is False:
        return None
    if entry is None:
        if len(_CACHE) >= _CACHE_KEYS:
            _CACHE.clear()
        entry = _CACHE[key] = []
    for t in entry:
        values = _point_values(t, point)
        if values is None:
            return None
        if t.matches(values):
            return t, values
    if len(entry) >= MAX_TEMPLATES:
        return None
    try:
        t = tree_template(source, point, vary)
    except TraceError:
        _CACHE[key] = False
        return None
    except GameTheoryError:
        return None  # this point does not build: the public path raises the error a user should see
    except (ArithmeticError, TypeError, ValueError, KeyError, AttributeError):
        _CACHE[key] = False  # the trace met code it cannot follow: every point goes through the public path
        return None
    entry.append(t)
    values = _point_values(t, point)
    return (t, values) if values is not None else None
