r"""Sequential games with symbolic payoffs: backward induction with exact symbolic comparisons.

A :class:`SymbolicTree` is a game tree of decisions, chance moves and terminal
payoffs whose payoffs and probabilities are sympy expressions in named
:class:`~gametheory.symbolic.Parameter`\ s. :func:`sequential_thresholds` moves
one parameter (the others fixed) and returns the subgame-perfect outcomes as a
piecewise result: the exact breakpoints where a comparison in the backward
induction changes sign, the SPE paths on each interval between them (payoffs in
closed form) and at each breakpoint (ties give every SPE).

Why it is exact: on an open interval between consecutive roots of every
difference a mover could compare, no comparison changes sign, so backward
induction at one exact rational point of the interval decides the whole interval;
each breakpoint is solved exactly at its (rational or algebraic) value.

References
----------
Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points
in extensive games. *International Journal of Game Theory* 4, 25–55.

Examples
--------
A tripwire: Russia tests a European force or respects it; tested, Europe defends
(cost of fighting ``f``) or backs down (cost ``b`` of backing down).

>>> from gametheory.symbolic import Parameter
>>> f = Parameter("f", default=1, positive=True, meaning="Europe's cost of fighting")
>>> b = Parameter("b", default=2, positive=True, meaning="Europe's cost of backing down")
>>> tree = SymbolicTree(
...     decision("Russia", {
...         "Respect": terminal({"Russia": 0, "Europe": 0}),
...         "Test": decision("Europe", {
...             "Defend": terminal({"Russia": -1, "Europe": -f.symbol}),
...             "Back down": terminal({"Russia": 1, "Europe": -b.symbol}),
...         }),
...     }),
...     parameters=(f, b), title="Tripwire")
>>> th = sequential_thresholds(tree, "b")
>>> th.values
(1,)
>>> print(th)
Subgame-perfect paths in b (f = 1), b in (0, oo)
  0 < b < 1: Russia: Test -> Europe: Back down   payoffs Russia 1, Europe -b
  b = 1: Russia: Respect   payoffs Russia 0, Europe 0 | Russia: Test -> Europe: Back down   payoffs Russia 1, Europe -1
  b > 1: Russia: Respect   payoffs Russia 0, Europe 0
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np
import sympy

from ..display.mathtext import math_latex, math_text
from ..errors import InvalidGameError, NotSupportedError
from .conditions import sign_of_number
from .parameters import Parameter, as_parameter, to_sympy_number
from .witness import rational_between

__all__ = [
    "SymbolicTerminal",
    "SymbolicDecision",
    "SymbolicChance",
    "SymbolicStage",
    "SymbolicTree",
    "stage",
    "terminal",
    "decision",
    "chance",
    "SequentialThresholds",
    "sequential_thresholds",
    "sequential_report",
]


def _expr(v: Any) -> sympy.Expr:
    if isinstance(v, sympy.Basic):
        return v
    return to_sympy_number(v)


@dataclass(frozen=True)
class SymbolicTerminal:
    """Terminal payoffs ``((player, expression), ...)``; missing players get 0.

    Examples
    --------
    >>> SymbolicTerminal((("A", sympy.Integer(1)),)).payoffs
    (('A', 1),)
    """

    payoffs: tuple[tuple[str, sympy.Expr], ...]
    label: str | None = None


@dataclass(frozen=True)
class SymbolicDecision:
    """``player`` chooses one of ``actions`` (``((action, node), ...)``).

    Examples
    --------
    >>> SymbolicDecision("A", (("stop", terminal({"A": 0})),)).player
    'A'
    """

    player: str
    actions: tuple[tuple[str, Any], ...]
    label: str | None = None


@dataclass(frozen=True)
class SymbolicChance:
    """Nature draws an outcome with the given probability (``((outcome, probability, node), ...)``).

    Examples
    --------
    >>> len(SymbolicChance((("h", sympy.Rational(1, 2), terminal({"A": 1})),)).outcomes)
    1
    """

    outcomes: tuple[tuple[str, sympy.Expr, Any], ...]
    label: str | None = None


@dataclass(frozen=True)
class SymbolicStage:
    """A simultaneous-move stage: a :class:`SymbolicGame` whose pure outcomes lead on.

    ``outcomes`` maps pure profiles (strategy labels) to the next node; the stage
    payoffs are added to what the next node pays. Profiles not listed end the game.

    Examples
    --------
    >>> from gametheory.symbolic import SymbolicGame
    >>> g = SymbolicGame.from_bimatrix([[1, 0]], [[0, 1]], players=("A", "B"))
    >>> SymbolicStage(g, ()).game.players
    ('A', 'B')
    """

    game: Any
    outcomes: tuple[tuple[tuple[str, ...], Any], ...]
    label: str | None = None


def stage(game: Any, outcomes: Mapping[tuple[str, ...], Any] | None = None, label: str | None = None) -> SymbolicStage:
    """A stage node from a two-player (or N-player) :class:`SymbolicGame` and ``{profile: next node}``.

    Examples
    --------
    >>> from gametheory.symbolic import SymbolicGame
    >>> g = SymbolicGame.from_bimatrix([[1, 0]], [[0, 1]], players=("A", "B"), strategies=(("x",), ("l", "r")))
    >>> stage(g, {("x", "l"): terminal({"A": 5})}).outcomes[0][0]
    ('x', 'l')
    """
    from .game import SymbolicGame

    if not isinstance(game, SymbolicGame):
        raise InvalidGameError("a stage needs a SymbolicGame")
    items = []
    for prof, child in (outcomes or {}).items():
        prof = tuple(str(x) for x in prof)
        if len(prof) != game.num_players or any(x not in game.strategies[i] for i, x in enumerate(prof)):
            raise InvalidGameError(f"stage outcome {prof} is not a pure profile of {game!r}")
        items.append((prof, child))
    return SymbolicStage(game, tuple(items), label)


def terminal(payoffs: Mapping[str, Any], label: str | None = None) -> SymbolicTerminal:
    """A terminal node from ``{player: payoff}`` (numbers or sympy expressions).

    Examples
    --------
    >>> terminal({"A": 1, "B": sympy.Symbol("x")}).payoffs
    (('A', 1), ('B', x))
    """
    return SymbolicTerminal(tuple((str(p), _expr(v)) for p, v in payoffs.items()), label)


def decision(player: str, actions: Mapping[str, Any], label: str | None = None) -> SymbolicDecision:
    """A decision node from ``{action: child}``.

    Examples
    --------
    >>> decision("A", {"stop": terminal({"A": 0})}).player
    'A'
    """
    if not actions:
        raise InvalidGameError(f"decision of {player} has no action")
    return SymbolicDecision(str(player), tuple((str(a), c) for a, c in actions.items()), label)


def chance(outcomes: Mapping[str, tuple[Any, Any]], label: str | None = None) -> SymbolicChance:
    """A chance node from ``{outcome: (probability, child)}``.

    Examples
    --------
    >>> len(chance({"h": ("1/2", terminal({"A": 1})), "t": ("1/2", terminal({"A": 0}))}).outcomes)
    2
    """
    return SymbolicChance(tuple((str(o), _expr(p), c) for o, (p, c) in outcomes.items()), label)


def _walk(node: Any):
    yield node
    if isinstance(node, SymbolicDecision):
        for _, c in node.actions:
            yield from _walk(c)
    elif isinstance(node, SymbolicChance):
        for _, _, c in node.outcomes:
            yield from _walk(c)
    elif isinstance(node, SymbolicStage):
        for _, c in node.outcomes:
            yield from _walk(c)


class SymbolicTree:
    """An immutable sequential game with symbolic payoffs and probabilities.

    Parameters
    ----------
    root : node
        Built with :func:`decision`, :func:`chance` and :func:`terminal`.
    parameters : sequence of Parameter, Symbol or str, optional
        Parameters with ranges; symbols in payoffs that are not listed become
        parameters with the symbol's own assumptions.
    title : str, optional
    key_parameters : sequence of str, optional

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> t = SymbolicTree(decision("A", {"l": terminal({"A": x}), "r": terminal({"A": 1})}))
    >>> t.players, t.parameter_names
    (('A',), ('x',))
    """

    def __init__(
        self,
        root: Any,
        parameters: Sequence[Any] = (),
        title: str | None = None,
        key_parameters: Sequence[str] | None = None,
    ) -> None:
        params = [as_parameter(p) for p in parameters]
        names = [p.name for p in params]
        free: set = set()
        players: list[str] = []
        for node in _walk(root):
            if isinstance(node, SymbolicTerminal):
                for p, e in node.payoffs:
                    free |= e.free_symbols
                    if p not in players:
                        players.append(p)
            elif isinstance(node, SymbolicDecision):
                if node.player not in players:
                    players.append(node.player)
            elif isinstance(node, SymbolicChance):
                for _, pr, _ in node.outcomes:
                    free |= pr.free_symbols
            elif isinstance(node, SymbolicStage):
                for e in node.game.payoffs.flat:
                    free |= e.free_symbols
                for pl in node.game.players:
                    if pl not in players:
                        players.append(pl)
                for q in node.game.parameters:
                    if q.name not in names:
                        params.append(q)
                        names.append(q.name)
            else:
                raise InvalidGameError(f"{node!r} is not a node of a symbolic tree")
        for s in sorted(free, key=lambda s: s.name):
            if s.name not in names:
                params.append(as_parameter(s))
                names.append(s.name)
        self._parameters = tuple(params)
        by_name = {p.name: p.symbol for p in params}
        self._replace = {s: by_name[s.name] for s in free}
        self._root = self._canonical(root)
        self._players = tuple(players)
        self._title = title
        self._key_parameters = tuple(key_parameters or ())

    def _canonical(self, node: Any) -> Any:
        # one canonical object per node object: shared continuations stay shared
        memo = self.__dict__.setdefault("_memo", {})
        if id(node) not in memo:
            memo[id(node)] = (node, self._canonical_new(node))
        return memo[id(node)][1]

    def _canonical_new(self, node: Any) -> Any:
        if isinstance(node, SymbolicTerminal):
            return SymbolicTerminal(tuple((p, e.xreplace(self._replace)) for p, e in node.payoffs), node.label)
        if isinstance(node, SymbolicDecision):
            return SymbolicDecision(node.player, tuple((a, self._canonical(c)) for a, c in node.actions), node.label)
        if isinstance(node, SymbolicStage):
            from .game import SymbolicGame

            g = node.game
            arr = g.payoffs.copy()
            arr.flags.writeable = True
            for idx, e in np.ndenumerate(arr):
                arr[idx] = e.xreplace(self._replace)
            game = SymbolicGame(arr, parameters=[p for p in self._parameters if p.symbol in set().union(*(e.free_symbols for e in arr.flat))],
                                players=g.players, strategies=g.strategies, title=g.title)
            return SymbolicStage(game, tuple((prof, self._canonical(c)) for prof, c in node.outcomes), node.label)
        return SymbolicChance(
            tuple((o, pr.xreplace(self._replace), self._canonical(c)) for o, pr, c in node.outcomes), node.label
        )

    @property
    def root(self) -> Any:
        """The root node."""
        return self._root

    @property
    def players(self) -> tuple[str, ...]:
        """Players, in order of first appearance."""
        return self._players

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """The parameters."""
        return self._parameters

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """Names of the parameters."""
        return tuple(p.name for p in self._parameters)

    @property
    def key_parameters(self) -> tuple[str, ...]:
        """Parameters a report scans (all when none were named)."""
        return self._key_parameters or self.parameter_names

    @property
    def title(self) -> str | None:
        """The title."""
        return self._title

    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name``.

        Examples
        --------
        >>> from gametheory.symbolic import tripwire
        >>> tripwire().parameter("b").meaning
        "Europe's cost of backing down"
        """
        for p in self._parameters:
            if p.name == name:
                return p
        raise InvalidGameError(f"unknown parameter {name!r}; parameters are {list(self.parameter_names)}")

    def __repr__(self) -> str:
        return f"SymbolicTree({self._title or 'untitled'!r}, players={self._players}, parameters={self.parameter_names})"


# -- backward induction at one exact point -------------------------------------------------------
@dataclass(frozen=True)
class _Outcome:
    path: str
    values: tuple[sympy.Expr, ...]  # symbolic in the moving parameter


def _terminal_values(node: SymbolicTerminal, players: tuple[str, ...]) -> tuple[sympy.Expr, ...]:
    pay = dict(node.payoffs)
    return tuple(pay.get(p, sympy.Integer(0)) for p in players)


def _candidates(node: Any, players: tuple[str, ...], x: sympy.Symbol, fixed: Mapping) -> tuple[list, set]:
    """All value vectors a subtree can produce, and every root where a comparison may change."""
    if isinstance(node, SymbolicTerminal):
        return [tuple(sympy.cancel(e.xreplace(fixed)) for e in _terminal_values(node, players))], set()
    if isinstance(node, SymbolicDecision):
        funcs, roots = [], set()
        for _, c in node.actions:
            f, r = _candidates(c, players, x, fixed)
            funcs += f
            roots |= r
        i = players.index(node.player)
        for f, g in itertools.combinations(funcs, 2):
            roots |= _roots(f[i] - g[i], x)
        return _unique(funcs), roots
    if isinstance(node, SymbolicStage):
        return _stage_candidates(node, players, x, fixed)
    funcs_per, roots = [], set()
    for _, pr, c in node.outcomes:
        f, r = _candidates(c, players, x, fixed)
        funcs_per.append((sympy.cancel(pr.xreplace(fixed)), f))
        roots |= r | _roots(pr.xreplace(fixed), x)
    combos = []
    for choice in itertools.product(*[f for _, f in funcs_per]):
        combos.append(
            tuple(sympy.cancel(sum(pr * v[k] for (pr, _), v in zip(funcs_per, choice))) for k in range(len(players)))
        )
    return _unique(combos), roots


def _unique(funcs: list) -> list:
    out: list = []
    for f in funcs:
        if f not in out:
            out.append(f)
    return out


def _roots(e: sympy.Expr, x: sympy.Symbol) -> set:
    num, den = sympy.fraction(sympy.together(sympy.cancel(e)))
    out: set = set()
    for q in (num, den):
        q = sympy.expand(q)
        if x in q.free_symbols and not (q.free_symbols - {x}):
            out |= set(sympy.real_roots(sympy.Poly(q, x)))
    return out


def _solve_at(node: Any, players: tuple[str, ...], x: sympy.Symbol, fixed: Mapping, value: sympy.Expr) -> list[_Outcome]:
    """Every subgame-perfect outcome of a subtree at ``x = value`` (ties keep all)."""
    if isinstance(node, SymbolicTerminal):
        return [_Outcome("", tuple(sympy.cancel(e.xreplace(fixed)) for e in _terminal_values(node, players)))]
    if isinstance(node, SymbolicDecision):
        i = players.index(node.player)
        per = [(a, _solve_at(c, players, x, fixed, value)) for a, c in node.actions]

        def at(o: _Outcome) -> sympy.Expr:
            return sympy.cancel(o.values[i].xreplace({x: value}))

        out = []
        for a, outs in per:
            for o in outs:
                va = at(o)
                # an SPE can pick a after o if every other action has some continuation it does not beat
                ok = all(
                    any(sign_of_number(va - at(ob)) >= 0 for ob in outs_b) for b, outs_b in per if b != a
                )
                if ok:
                    path = f"{node.player}: {a}" + (f" -> {o.path}" if o.path else "")
                    out.append(_Outcome(path, o.values))
        return out
    if isinstance(node, SymbolicStage):
        return _stage_solve_at(node, players, x, fixed, value)
    per = [(name, pr, _solve_at(c, players, x, fixed, value)) for name, pr, c in node.outcomes]
    out = []
    for choice in itertools.product(*[outs for _, _, outs in per]):
        values = tuple(
            sympy.cancel(sum(pr.xreplace(fixed) * o.values[k] for (_, pr, _), o in zip(per, choice)))
            for k in range(len(players))
        )
        parts = [f"{name} ({math_text(pr.xreplace(fixed))}): {o.path or 'end'}" for (name, pr, _), o in zip(per, choice)]
        out.append(_Outcome("chance{" + "; ".join(parts) + "}", values))
    return out


_MAX_COMBINATIONS = 256
#: The Parameter (with its range) of each moving symbol, so stage games keep the range.
_MOVING: dict = {}


def _stage_game(node: SymbolicStage, players: tuple[str, ...], x: sympy.Symbol, fixed: Mapping, cont: Mapping) -> tuple:
    """The stage game with continuation values added, in the moving parameter only."""
    from .game import SymbolicGame

    g = node.game
    arr = np.empty(g.payoffs.shape, dtype=object)
    for prof in np.ndindex(*g.shape):
        labels = tuple(g.strategies[i][k] for i, k in enumerate(prof))
        values = cont.get(labels)
        for i, pl in enumerate(g.players):
            extra = values[players.index(pl)] if values is not None else sympy.Integer(0)
            arr[(i, *prof)] = sympy.cancel(g.payoffs[(i, *prof)].xreplace(fixed) + extra)
    moving = _MOVING.get(x)
    uses_x = any(x in e.free_symbols for e in arr.flat)
    params = [moving] if (uses_x and moving is not None) else []
    return SymbolicGame(arr, parameters=params, players=g.players, strategies=g.strategies, title=g.title)


def _expected(region: Any, node: SymbolicStage, players: tuple[str, ...], fixed: Mapping, cont: Mapping) -> tuple:
    g = node.game
    total = [sympy.Integer(0)] * len(players)
    for prof in np.ndindex(*g.shape):
        prob = sympy.Integer(1)
        for i, k in enumerate(prof):
            prob *= region.profile[i][k]
        if prob == 0:
            continue
        labels = tuple(g.strategies[i][k] for i, k in enumerate(prof))
        values = cont.get(labels)
        for j, pl in enumerate(players):
            v = values[j] if values is not None else sympy.Integer(0)
            if pl in g.players:
                v = v + g.payoffs[(g.players.index(pl), *prof)].xreplace(fixed)
            total[j] += prob * v
    return tuple(sympy.cancel(t) for t in total)


def _distinct_children(node: SymbolicStage) -> list:
    seen: dict[int, Any] = {}
    for _, c in node.outcomes:
        seen.setdefault(id(c), c)
    return list(seen.values())


def _stage_combinations(node: SymbolicStage, per: list) -> list:
    combos = 1
    for _, outs in per:
        combos *= max(1, len(outs))
    if combos > _MAX_COMBINATIONS:
        raise NotSupportedError(f"stage {node.label or node.game.title}: {combos} continuation combinations (limit {_MAX_COMBINATIONS})")
    return list(itertools.product(*[outs for _, outs in per]))


def _stage_candidates(node: SymbolicStage, players, x, fixed) -> tuple[list, set]:
    from .regions import equilibrium_regions
    from .thresholds import candidate_breakpoints

    # outcomes that lead to one node share its continuation (the composer's grouped="same")
    children = _distinct_children(node)
    per, roots = [], set()
    for c in children:
        f, r = _candidates(c, players, x, fixed)
        per.append((c, f))
        roots |= r
    funcs = []
    for choice in _stage_combinations(node, per):
        by_child = {id(c): v for (c, _), v in zip(per, choice)}
        cont = {prof: by_child[id(c)] for prof, c in node.outcomes}
        game = _stage_game(node, players, x, fixed, cont)
        sol = equilibrium_regions(game)
        if game.parameters:
            roots |= set(candidate_breakpoints(sol, game.parameters[0]))
        for r in sol.regions:
            if not r.continuum:
                funcs.append(_expected(r, node, players, fixed, cont))
    return _unique(funcs), roots


def _stage_solve_at(node: SymbolicStage, players, x, fixed, value) -> list:
    from .regions import equilibrium_regions

    children = _distinct_children(node)
    per = [(c, _solve_at(c, players, x, fixed, value)) for c in children]
    out = []
    name = node.label or node.game.title or "stage"
    for choice in _stage_combinations(node, per):
        by_child = {id(c): o for (c, _), o in zip(per, choice)}
        cont = {prof: by_child[id(c)].values for prof, c in node.outcomes}
        paths = {prof: by_child[id(c)].path for prof, c in node.outcomes}
        game = _stage_game(node, players, x, fixed, cont)
        sol = equilibrium_regions(game)
        for r in sol.regions:
            if not r.holds({x.name: value}) if game.parameters else not r.holds({}):
                continue
            text = f"{name}: {r.profile_text()}"
            if r.continuum:
                text += " [continuum]"
            nxt = []
            g = node.game
            for prof in np.ndindex(*g.shape):
                prob = sympy.Integer(1)
                for i, k in enumerate(prof):
                    prob *= r.profile[i][k]
                labels = tuple(g.strategies[i][k] for i, k in enumerate(prof))
                if prob != 0 and paths.get(labels):
                    nxt.append(paths[labels] if prob == 1 else f"{'/'.join(labels)}: {paths[labels]}")
            if nxt:
                text += " -> " + (nxt[0] if len(nxt) == 1 else "{" + "; ".join(nxt) + "}")
            out.append(_Outcome(text, _expected(r, node, players, fixed, cont)))
    return out


def _fmt(e: sympy.Expr) -> str:
    return math_text(e)


@dataclass(frozen=True)
class SequentialPiece:
    """An interval (or a single point) of the parameter with its subgame-perfect outcomes."""

    low: sympy.Expr | None
    high: sympy.Expr | None
    outcomes: tuple[tuple[str, tuple[sympy.Expr, ...]], ...]
    point: bool = False
    low_closed: bool = False
    high_closed: bool = False

    def describe(self, name: str) -> str:
        """``0 < b < 1``, ``b = 1``, ``b > 1`` ..."""
        if self.point:
            return f"{name} = {_fmt(self.low)}"
        if self.low is None and self.high is None:
            return f"all {name}"
        if self.low is None:
            return f"{name} {'<=' if self.high_closed else '<'} {_fmt(self.high)}"
        if self.high is None:
            return f"{name} {'>=' if self.low_closed else '>'} {_fmt(self.low)}"
        return f"{_fmt(self.low)} {'<=' if self.low_closed else '<'} {name} {'<=' if self.high_closed else '<'} {_fmt(self.high)}"


@dataclass(frozen=True)
class SequentialThresholds:
    """Piecewise subgame-perfect outcomes of a symbolic tree in one parameter.

    Examples
    --------
    >>> from gametheory.symbolic import tripwire
    >>> [p.point for p in sequential_thresholds(tripwire(), "b").pieces]
    [False, True, False]
    """

    tree: SymbolicTree = field(repr=False)
    parameter: str
    fixed: Mapping[str, sympy.Expr]
    pieces: tuple[SequentialPiece, ...]

    @property
    def values(self) -> tuple[sympy.Expr, ...]:
        """The exact breakpoints (point pieces)."""
        return tuple(p.low for p in self.pieces if p.point)

    def outcomes_at(self, value: Any) -> tuple[tuple[str, tuple], ...]:
        """The SPE outcomes (path, payoff formulas) of the piece containing ``value``.

        Examples
        --------
        >>> from gametheory.symbolic import tripwire
        >>> sequential_thresholds(tripwire(), "b").outcomes_at(3)
        (('Russia: Respect', (0, 0)),)
        """
        v = to_sympy_number(value)
        for piece in self.pieces:
            if piece.point:
                if sign_of_number(v - piece.low) == 0:
                    return piece.outcomes
                continue
            lo_ok = piece.low is None or sign_of_number(v - piece.low) > 0 or (piece.low_closed and sign_of_number(v - piece.low) == 0)
            hi_ok = piece.high is None or sign_of_number(piece.high - v) > 0 or (piece.high_closed and sign_of_number(piece.high - v) == 0)
            if lo_ok and hi_ok:
                return piece.outcomes
        raise InvalidGameError(f"{value} is outside the range of {self.parameter}")

    def __str__(self) -> str:
        p = self.tree.parameter(self.parameter)
        fixed = ", ".join(f"{k} = {_fmt(v)}" for k, v in self.fixed.items())
        lo = "-oo" if p.lower is None else _fmt(p.lower)
        hi = "oo" if p.upper is None else _fmt(p.upper)
        rng = f"{'(' if p.lower is None or p.lower_open else '['}{lo}, {hi}{')' if p.upper is None else ']'}"
        lines = [f"Subgame-perfect paths in {self.parameter}" + (f" ({fixed})" if fixed else "") + f", {self.parameter} in {rng}"]
        x = p.symbol
        for piece in self.pieces:
            outs = []
            for path, values in piece.outcomes:
                vals = [v.xreplace({x: piece.low}) if piece.point else v for v in values]
                pays = ", ".join(f"{pl} {_fmt(v)}" for pl, v in zip(self.tree.players, vals))
                outs.append(f"{path}   payoffs {pays}")
            lines.append(f"  {piece.describe(self.parameter)}: " + " | ".join(outs))
        return "\n".join(lines)

    def latex(self) -> str:
        r"""The SPE paths as a ``\begin{cases}`` in the parameter.

        Examples
        --------
        >>> from gametheory.symbolic import tripwire
        >>> print(sequential_thresholds(tripwire(), "b").latex().splitlines()[-2])
        \text{Russia: Respect} & 1 < b
        """
        x = sympy.Symbol(self.parameter)
        rows = []
        for piece in self.pieces:
            paths = r" \;\mid\; ".join(r"\text{" + path.replace("->", r"$\to$") + "}" for path, _ in piece.outcomes)
            if piece.point:
                where = f"{math_latex(x)} = {math_latex(piece.low)}"
            else:
                lo = "" if piece.low is None else math_latex(piece.low) + (r" \leq " if piece.low_closed else " < ")
                hi = "" if piece.high is None else (r" \leq " if piece.high_closed else " < ") + math_latex(piece.high)
                where = f"{lo}{math_latex(x)}{hi}"
            rows.append(f"{paths} & {where}")
        return r"\text{SPE}(" + math_latex(x) + ") = \\begin{cases}\n" + " \\\\\n".join(rows) + "\n\\end{cases}"

    def _repr_latex_(self) -> str:
        return "$$" + self.latex().replace("\n", " ") + "$$"


def sequential_thresholds(tree: Any, parameter: str, *, others: Mapping[str, Any] | None = None) -> SequentialThresholds:
    """Exact breakpoints of one parameter where the subgame-perfect path changes.

    Parameters
    ----------
    tree : SymbolicTree
        Payoffs and chance probabilities are rational functions of the parameters.
    parameter : str
        The parameter that moves over its range.
    others : mapping, optional
        Values of the other parameters (defaults otherwise).

    Returns
    -------
    SequentialThresholds
        Pieces in increasing order: open intervals and breakpoints, each with every
        subgame-perfect outcome (path and payoff formulas). Ties keep every SPE.

    Examples
    --------
    >>> c = Parameter("c", low=0, high=4, default=1)
    >>> entry = SymbolicTree(decision("Entrant", {
    ...     "Out": terminal({"Entrant": 0, "Incumbent": 2}),
    ...     "In": decision("Incumbent", {"Fight": terminal({"Entrant": -1, "Incumbent": 2 - c.symbol}),
    ...                                  "Share": terminal({"Entrant": 1, "Incumbent": 1})})}), parameters=[c])
    >>> sequential_thresholds(entry, "c").values
    (1,)
    """
    if getattr(tree, "composition", None) is not None:
        from .composition import tree_from_composition

        tree = tree_from_composition(tree)  # a parsed composition file
    if not isinstance(tree, SymbolicTree):
        raise NotSupportedError(
            "symbolic thresholds of sequential games need a gametheory.symbolic.SymbolicTree or a composition "
            "file (gametheory.load_spec); the composer's SequentialGame holds numbers, not expressions"
        )
    p = tree.parameter(parameter)
    given = dict(others or {})
    fixed: dict = {}
    fixed_names: dict = {}
    for q in tree.parameters:
        if q.name == p.name:
            continue
        if q.name in given:
            v = to_sympy_number(given.pop(q.name))
        elif q.default is not None:
            v = sympy.Rational(q.default.numerator, q.default.denominator)
        else:
            raise InvalidGameError(f"parameter {q.name} needs a value (no default)")
        if not q.contains(v):
            raise InvalidGameError(f"parameter {q.name} = {v} is outside its range ({q.describe()})")
        fixed[q.symbol] = v
        fixed_names[q.name] = v
    if given:
        raise InvalidGameError(f"unknown parameters in others: {sorted(given)}")
    x = p.symbol
    players = tree.players
    _MOVING[x] = p
    _, roots = _candidates(tree.root, players, x, fixed)
    lo, hi = p.lower, p.upper
    cands = sorted(
        [r for r in roots if (lo is None or sign_of_number(r - lo) > 0) and (hi is None or sign_of_number(hi - r) > 0)],
        key=lambda r: sympy.N(r, 50),
    )
    uniq: list = []
    for r in cands:
        if not uniq or sign_of_number(r - uniq[-1]) != 0:
            uniq.append(r)

    def outcomes(value: sympy.Expr) -> tuple:
        outs = _solve_at(tree.root, players, x, fixed, value)
        return tuple(sorted({(o.path, o.values) for o in outs}, key=lambda t: t[0]))

    edges = [lo] + uniq + [hi]
    raw: list[SequentialPiece] = []
    if lo is not None and not p.lower_open:
        raw.append(SequentialPiece(lo, lo, outcomes(lo), point=True))
    for k, (a, b) in enumerate(zip(edges, edges[1:])):
        if a is None and b is None:
            probe = sympy.Integer(0)
        elif a is None:
            probe = sympy.floor(b) - 1
        elif b is None:
            probe = sympy.floor(a) + 1
        else:
            probe = rational_between(a, b)
        raw.append(SequentialPiece(a, b, outcomes(probe)))
        if k < len(uniq):
            raw.append(SequentialPiece(uniq[k], uniq[k], outcomes(uniq[k]), point=True))
    if hi is not None:
        raw.append(SequentialPiece(hi, hi, outcomes(hi), point=True))

    def same_paths(a: SequentialPiece, b: SequentialPiece) -> bool:
        return [o[0] for o in a.outcomes] == [o[0] for o in b.outcomes]

    # merge a point into its neighbours when the paths agree on both sides and at the point
    pieces: list[SequentialPiece] = []
    k = 0
    while k < len(raw):
        piece = raw[k]
        if piece.point and pieces and not pieces[-1].point and same_paths(pieces[-1], piece):
            nxt = raw[k + 1] if k + 1 < len(raw) else None
            prev = pieces.pop()
            if nxt is not None and not nxt.point and same_paths(nxt, piece):
                pieces.append(SequentialPiece(prev.low, nxt.high, prev.outcomes, low_closed=prev.low_closed))
                k += 2
                continue
            pieces.append(SequentialPiece(prev.low, piece.low, prev.outcomes, low_closed=prev.low_closed, high_closed=True))
            k += 1
            continue
        if not piece.point and pieces and pieces[-1].point and same_paths(pieces[-1], piece):
            pt = pieces.pop()
            pieces.append(SequentialPiece(pt.low, piece.high, piece.outcomes, low_closed=True))
            k += 1
            continue
        pieces.append(piece)
        k += 1
    return SequentialThresholds(tree=tree, parameter=p.name, fixed=fixed_names, pieces=tuple(pieces))


def sequential_report(tree: Any, *, others: Mapping[str, Any] | None = None, width: int = 160) -> str:
    """Thresholds of every key parameter of a symbolic tree, as compact text.

    Each piece lists its isolated subgame-perfect outcomes (path and payoffs) and
    counts the continua (payoff ties inside a stage).

    Examples
    --------
    >>> c = Parameter("c", low=0, high=4, default=1)
    >>> t = SymbolicTree(decision("A", {"x": terminal({"A": c.symbol}), "y": terminal({"A": 2})}), parameters=[c])
    >>> print(sequential_report(t))
    Sequential game -- symbolic analysis (subgame-perfect paths)
    <BLANKLINE>
    Thresholds in c: 2
      0 <= c < 2: 1 SPE outcome
        A: y  => A 2
      c = 2: 2 SPE outcomes
        A: x  => A 2
        A: y  => A 2
      2 < c <= 4: 1 SPE outcome
        A: x  => A c
    """
    if not isinstance(tree, SymbolicTree):
        raise NotSupportedError("sequential_report needs a gametheory.symbolic.SymbolicTree")
    lines = [f"{tree.title or 'Sequential game'} -- symbolic analysis (subgame-perfect paths)"]
    for name in tree.key_parameters:
        th = sequential_thresholds(tree, name, others={k: v for k, v in (others or {}).items() if k != name})
        fixed = ", ".join(f"{k} = {_fmt(v)}" for k, v in th.fixed.items())
        lines.append("")
        lines.append(f"Thresholds in {name}" + (f" ({fixed})" if fixed else "") + ": " + (", ".join(_fmt(v) for v in th.values) or "none"))
        x = tree.parameter(name).symbol
        for piece in th.pieces:
            isolated = [(path, vals) for path, vals in piece.outcomes if "[continuum]" not in path]
            continua = len(piece.outcomes) - len(isolated)
            n = len(piece.outcomes)
            head = f"  {piece.describe(name)}: {n} SPE outcome{'' if n == 1 else 's'}"
            if continua:
                head += f" ({continua} from continua of stage equilibria)"
            if not n:
                head += " -- a stage with more than two players has no pure equilibrium here (mixed ones are not covered)"
            lines.append(head)
            for path, vals in isolated:
                vals = [v.xreplace({x: piece.low}) if piece.point else v for v in vals]
                pays = ", ".join(f"{pl} {_fmt(v)}" for pl, v in zip(tree.players, vals))
                text = f"    {path}  => {pays}"
                if len(text) > width:
                    text = text[: width - 3] + "..."
                lines.append(text)
    return "\n".join(lines)
