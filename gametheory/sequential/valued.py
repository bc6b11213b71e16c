"""Valued compositions: outcomes carried as state, valued on one declared scale per actor.

A composition file with a ``[composition.state]`` table describes a game tree whose
payoffs are not added up stage by stage but come from **what each play ends with**:
the tree carries named outcome attributes (alliance status, territory, sanctions,
troops, revenue, war damage, ...) from the root to the terminals, every edge may
``set`` some of them (expressions in the parameters and the attributes themselves),
and ``[composition.value]`` values the final attributes on one scale per player.
Consequences that depend on earlier outcomes (sanctions snapping back after a
violation, war damage charged to every war outcome) are written once, as state,
instead of being patched into each branch. The format::

    [composition.state.war]          # an outcome attribute, carried along the play
    initial = 0
    meaning = "1 when the war goes on or resumes"

    [composition.value]              # one scale per player: the payoff of a play
    Russia = "relief * lifted - war_cost * war"
    US = "-3 * war + lifted"

    [composition.nodes.answer]
    kind = "decision"
    player = "Russia"
    [[composition.nodes.answer.actions]]
    action = "Fight on"
    set = { war = 1 }                # no next: the play ends and is valued
    says = "Russia fights on at a cost of {war_cost}"   # {name}: a parameter or attribute

Node kinds are those of :mod:`gametheory.sequential.spec` (``decision``, ``chance``,
``stage``, ``terminal``) plus ``game``: an **included sub-game**, another valued
composition file played at this point (``game = "sanctions"``), with ``params``
passed down (every parameter of the sub-game is passed: as an expression in ``params``,
or as the composing file's parameter of the same name, so the composed game can vary
all of them) and ``exits = { SUBNODE = "NODE" }``: when play reaches the
sub-game's node ``SUBNODE`` it continues at this file's node ``NODE`` instead. The
sub-game's edges set this file's attributes (it may only use attributes declared
here); its own ``[composition.value]`` is not used: the composed game values every
outcome on its own scale.

A node with ``if = "EXPR"`` is played only when the expression (in the parameters and
attributes) is not 0; otherwise play continues at ``else`` (a node) or ends: moves that
exist only in some states (a support that can be withdrawn only if it was given).

Stages are genuinely simultaneous moves, declared inline with ``strategies = { PLAYER =
[...] }`` (a valued composition has no stage payoffs); their outcomes may ``set``
attributes and lead on or end.

**Who knows what.** A chance node's outcome is seen by everyone unless it lists
``observed_by = [...]`` (for instance a player's *type*, seen only by that player).
A player who has not seen some earlier move cannot tell apart the decisions that
differ only in it: decisions of one node reached with the same history *as that
player saw it* form one information set, automatically (an explicit ``infoset`` key
also merges different nodes, again per observed history). Every play is expanded
(no node is shared between places), so every subgame-perfect equilibrium of the
tree is found.

Examples
--------
>>> text = '''
... title = "Relief and compliance"
... players = ["US", "Russia"]
... [parameters.relief]
... default = 2
... range = [0, 4]
... meaning = "value to Russia of sanctions relief"
... [composition]
... root = "us"
... [composition.state.lifted]
... initial = 0
... meaning = "1 when sanctions are lifted"
... [composition.state.war]
... initial = 0
... meaning = "1 when the war resumes"
... [composition.value]
... US = "1 - 3 * war"
... Russia = "relief * lifted + 3 * war - 4 * war * (1 - lifted)"
... [composition.nodes.us]
... kind = "decision"
... player = "US"
... [[composition.nodes.us.actions]]
... action = "Lift"
... set = { lifted = 1 }
... next = "russia"
... [[composition.nodes.us.actions]]
... action = "Keep"
... next = "russia"
... [composition.nodes.russia]
... kind = "decision"
... player = "Russia"
... [[composition.nodes.russia.actions]]
... action = "Comply"
... says = "Russia complies and gets relief worth {relief}"
... [[composition.nodes.russia.actions]]
... action = "Resume"
... set = { war = 1 }
... '''
>>> from gametheory.io.spec import loads
>>> from gametheory.sequential import subgame_perfect_equilibria
>>> game = loads(text)
>>> print(subgame_perfect_equilibria(game)[0].narrative())
US chooses Keep → Russia complies and gets relief worth 2.  Payoffs: US 1, Russia 0.
>>> game.positions[2].node.outcome   # what the play Lift → Comply ends with
(('lifted', Fraction(1, 1)), ('war', Fraction(0, 1)))
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from .. import exact as _exact
from ..errors import GameTheoryError, SpecError
from ..extensive.game import WILDCARD, Chance, Decision, SequentialGame, Stage, Terminal
from .spec import _EDGE_KEYS, _Builder

__all__ = ["is_valued", "build_valued", "STATE_KEYS", "format_says", "register_violations"]

#: Keys of a ``[composition.state.NAME]`` table.
STATE_KEYS = ("initial", "meaning")

_NODE_KEYS = {
    "stage": ("kind", "strategies", "label", "outcomes", "if", "else"),
    "decision": ("kind", "player", "label", "actions", "infoset", "if", "else"),
    "chance": ("kind", "label", "outcomes", "observed_by", "if", "else"),
    "terminal": ("kind", "label", "says", "set"),
    "game": ("kind", "game", "params", "exits", "label", "if", "else"),
}
_VALUED_EDGE = {k: v + ("set",) for k, v in _EDGE_KEYS.items()}
_COMPOSITION_KEYS = ("root", "nodes", "players", "state", "value")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(:%)?\}")


def is_valued(raw: Mapping[str, Any]) -> bool:
    """Whether a parsed game file is a valued composition (its ``[composition]`` has ``state``).

    Examples
    --------
    >>> is_valued({"composition": {"state": {}}}), is_valued({"composition": {"root": "a"}})
    (True, False)
    """
    comp = raw.get("composition")
    return isinstance(comp, Mapping) and "state" in comp


def format_says(text: str, values: Mapping[str, Any]) -> str:
    """Fill ``{name}`` placeholders with exact values (``{name:%}`` as a percentage).

    Only names are substituted (no expressions, attributes or format specs besides
    ``%``); unknown names are left as written.

    Examples
    --------
    >>> format_says("the US takes {share:%} of the revenue, {share} in all", {"share": Fraction(1, 2)})
    'the US takes 50% of the revenue, 1/2 in all'
    >>> format_says("a share of {share:%}", {"share": Fraction(1, 3)})
    'a share of 33 1/3%'
    """

    def sub(m: re.Match) -> str:
        name, pct = m.group(1), m.group(2)
        if name not in values:
            return m.group(0)
        v = values[name]
        if pct:
            q = v * 100
            if isinstance(q, Fraction) and q.denominator != 1:
                whole = q.numerator // q.denominator
                rest = q - whole
                return f"{whole} {_exact.format_number(rest)}%" if whole else f"{_exact.format_number(q)}%"
            return f"{_exact.format_number(q)}%"
        return _exact.format_number(v)

    return _PLACEHOLDER.sub(sub, text)


class _Poly:
    """An expression compiled for one parameter setting: a polynomial in the attributes.

    Parameters are folded into exact coefficients once, so valuing a terminal is a
    sum of products of its attribute values (mostly 0 or 1). Expressions that divide
    by an attribute are not polynomials and keep the general evaluator.
    """

    __slots__ = ("terms", "expr", "values", "den")

    def __init__(self, expr: Any, values: Mapping[str, Any], attributes: frozenset) -> None:
        import math

        self.expr = expr
        self.values = values
        self.den = 1
        try:
            terms = [(c, m) for m, c in _expand(expr.node, values, attributes).items() if c != 0]
        except _NotPolynomial:
            self.terms = None
            return
        if all(isinstance(c, (int, Fraction)) for c, _ in terms):
            # integer coefficients over one common denominator: attributes are mostly 0 or 1 (ints), so a
            # terminal is valued in integer arithmetic with a single division at the end
            self.den = math.lcm(*(Fraction(c).denominator for c, _ in terms)) if terms else 1
            self.terms = tuple((int(Fraction(c) * self.den), m) for c, m in terms)
        else:  # float parameter values
            self.terms = tuple(terms)

    def __call__(self, state: Mapping[str, Any], file: str, key: str) -> Any:
        if self.terms is None:
            from ..io.expressions import evaluate

            return evaluate(self.expr, {**state, **self.values}, file=file, key=key)
        whole = 0  # the integer part of the sum (monomials whose attributes are ints)
        rest: Any = 0  # the rest (attributes with fractional values)
        for c, mono in self.terms:
            frac = False
            for v in mono:
                x = state[v]
                if type(x) is int:
                    if x == 0:
                        c = 0
                        break
                    if x != 1:
                        c *= x
                else:
                    c = c * x
                    frac = True
            if c:
                if frac:
                    rest += c
                else:
                    whole += c
        if self.den == 1 and not rest:
            return whole
        total = Fraction(whole, self.den)
        if rest:
            total = total + rest / self.den  # rest is a Fraction (or a float for float parameters)
        if isinstance(total, Fraction) and total.denominator == 1:
            return total.numerator
        return total


class _NotPolynomial(Exception):
    pass


def _expand(node: Any, values: Mapping[str, Any], attributes: frozenset) -> dict:
    """``{monomial: coefficient}`` of an expression tree, monomials as sorted tuples of attribute names."""
    from ..io.expressions import BinOp, Neg, Num, Param, Pow

    if isinstance(node, Num):
        return {(): node.value}
    if isinstance(node, Param):
        if node.name in attributes:
            return {(node.name,): Fraction(1)}
        return {(): values[node.name]}
    if isinstance(node, Neg):
        return {m: -c for m, c in _expand(node.operand, values, attributes).items()}
    if isinstance(node, BinOp):
        a = _expand(node.left, values, attributes)
        b = _expand(node.right, values, attributes)
        if node.op in "+-":
            out = dict(a)
            for m, c in b.items():
                out[m] = out.get(m, 0) + (c if node.op == "+" else -c)
            return out
        if node.op == "*":
            out = {}
            for ma, ca in a.items():
                for mb, cb in b.items():
                    m = tuple(sorted(ma + mb))
                    out[m] = out.get(m, 0) + ca * cb
            return out
        if set(b) == {()} and b[()] != 0:
            return {m: c / b[()] for m, c in a.items()}
        raise _NotPolynomial
    if isinstance(node, Pow):
        base = _expand(node.base, values, attributes)
        if node.exponent < 0:
            if set(base) == {()} and base[()] != 0:
                return {(): base[()] ** node.exponent}
            raise _NotPolynomial
        out = {(): Fraction(1)}
        for _ in range(node.exponent):
            out = _expand_product(out, base)
        return out
    raise _NotPolynomial  # pragma: no cover - every node type is handled


def _expand_product(a: dict, b: dict) -> dict:
    out: dict = {}
    for ma, ca in a.items():
        for mb, cb in b.items():
            m = tuple(sorted(ma + mb))
            out[m] = out.get(m, 0) + ca * cb
    return out


@dataclass
class _Scope:
    """One file of the composition: the top file, or an included sub-game."""

    builder: _Builder
    exits: dict[str, tuple["_Scope", str]] = field(default_factory=dict)
    prefix: str = ""

    @property
    def file(self) -> str:
        return self.builder.file


class _Valued:
    """Builds the expanded tree of a valued composition (see the module docstring)."""

    check_register = False

    def __init__(self, raw: Mapping[str, Any], params: Mapping[str, Any] | None, path: str | None, file: str) -> None:
        top = _Builder(raw, params, path, file, composition_keys=_COMPOSITION_KEYS)
        self.top = _Scope(top)
        self.players = tuple(top.spec.players)
        if not self.players:
            raise top.err("players", "a valued composition lists its players (players = [...])")
        comp = top.comp
        # outcome attributes
        self.state_names: list[str] = []
        self.meanings: dict[str, str] = {}
        initial: dict[str, Any] = {}
        for name, body in top.table(comp.get("state"), "composition.state").items():
            key = f"composition.state.{name}"
            body = top.table(body, key)
            top.keys(body, STATE_KEYS, key)
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise top.err(key, f"attribute name {name!r} must be an identifier")
            if name in top.names:
                raise top.err(key, f"{name!r} is also a parameter; attributes and parameters need distinct names")
            for need in STATE_KEYS:
                if need not in body:
                    raise top.err(f"{key}.{need}", "missing (attributes need initial and meaning)")
            self.meanings[name] = top.text(body["meaning"], f"{key}.meaning")
            initial[name] = top.number(body["initial"], f"{key}.initial")
            self.state_names.append(name)
        if not self.state_names:
            raise top.err("composition.state", "declare at least one outcome attribute")
        # one scale per player
        value = top.table(comp.get("value"), "composition.value")
        from ..io.expressions import parse_expression

        names = tuple(top.names) + tuple(self.state_names)
        self.value = {}
        for p in self.players:
            if p not in value:
                raise top.err(f"composition.value.{p}", f"missing: how {p} values an outcome")
            self.value[p] = parse_expression(top.text(value[p], f"composition.value.{p}"), names, file=file,
                                             key=f"composition.value.{p}")
        for p in value:
            if p not in self.players:
                raise top.err(f"composition.value.{p}", f"{p!r} is not a player ({', '.join(self.players)})")
        self.initial = {k: (v.numerator if isinstance(v, Fraction) and v.denominator == 1 else v)
                        for k, v in initial.items()}
        attrs = frozenset(self.state_names)
        self.value_polys = {p: _Poly(e, top.values, attrs) for p, e in self.value.items()}
        self.compiled: dict[tuple, _Poly] = {}
        self.payoff_cache: dict[tuple, dict] = {}
        self.sub_specs: dict[Any, Any] = {}
        self.sub_builders: dict[tuple, _Builder] = {}
        self.infoset_names: dict[tuple, str] = {}
        self.infoset_counts: dict[str, int] = {}
        self.used_nodes: dict[int, set[str]] = {}

    # -- expressions -------------------------------------------------------------------------------
    def evaluate(self, scope: _Scope, text: Any, state: Mapping[str, Any], key: str) -> Any:
        from ..io.expressions import parse_expression

        b = scope.builder
        if isinstance(text, bool):
            raise b.err(key, "expected a number or an expression, got a boolean")
        if not isinstance(text, str):
            return b.number(text, key)
        ck = (id(b), text)
        poly = self.compiled.get(ck)
        if poly is None:
            names = tuple(b.names) + tuple(n for n in self.state_names if n not in b.names)
            expr = parse_expression(text, names, file=scope.file, key=key)
            poly = self.compiled[ck] = _Poly(expr, b.values, frozenset(self.state_names))
        return poly(state, scope.file, key)

    def apply(self, scope: _Scope, edge: Mapping[str, Any], state: dict, key: str) -> dict:
        if "set" not in edge:
            return state
        table = scope.builder.table(edge["set"], f"{key}.set")
        new = dict(state)
        for name, v in table.items():
            if name not in self.state_names:
                where = "" if scope is self.top else " of the composing file"
                raise scope.builder.err(f"{key}.set.{name}", f"unknown attribute {name!r}; declared attributes{where}: "
                                                              f"{', '.join(self.state_names)}")
            x = self.evaluate(scope, v, state, f"{key}.set.{name}")  # in the state before this edge
            new[name] = x.numerator if isinstance(x, Fraction) and x.denominator == 1 else x
        return new

    def says(self, scope: _Scope, edge: Mapping[str, Any], state: Mapping[str, Any], key: str) -> str | None:
        if "says" not in edge:
            return None
        text = scope.builder.text(edge["says"], f"{key}.says")
        return format_says(text, {**state, **scope.builder.values})

    # -- information --------------------------------------------------------------------------------
    def infoset(self, scope: _Scope, name: str, explicit: str | None, player: str, history: tuple) -> str | None:
        seen = tuple((where, outcome if (who is None or player in who) else None) for where, outcome, who in history)
        hidden = any(o is None for _, o in seen)
        if explicit is None and not hidden:
            return None  # the player knows exactly where it is: an information set of its own
        base = explicit or f"{player}: {scope.prefix}{name}"
        k = (base, player, seen)
        if k not in self.infoset_names:
            n = self.infoset_counts.get(base, 0) + 1
            self.infoset_counts[base] = n
            self.infoset_names[k] = f"{base} #{n}"
        return self.infoset_names[k]

    # -- nodes --------------------------------------------------------------------------------------
    def node(self, scope: _Scope, name: Any, key: str, state: dict, history: tuple, depth: int) -> Any:
        b = scope.builder
        name = b.text(name, key)
        if name in scope.exits:
            parent, target = scope.exits[name]
            return self.node(parent, target, f"composition.nodes (exit {name!r})", state, history, depth)
        if name not in b.nodes_raw:
            known = ", ".join(sorted(b.nodes_raw)) or "none"
            raise b.err(key, f"unknown node {name!r}; nodes: {known}")
        if depth > 200:
            raise b.err(key, "the composition is deeper than 200 moves (a cycle through an included game?)")
        self.used_nodes.setdefault(id(b), set()).add(name)
        body = b.table(b.nodes_raw[name], f"composition.nodes.{name}")
        nkey = f"composition.nodes.{name}"
        kind = body.get("kind")
        if kind not in _NODE_KEYS:
            raise b.err(f"{nkey}.kind", f"expected one of {', '.join(_NODE_KEYS)}, got {kind!r}")
        b.keys(body, _NODE_KEYS[kind], nkey)
        label = None if "label" not in body else b.text(body["label"], f"{nkey}.label")
        if "if" in body and self.evaluate(scope, body["if"], state, f"{nkey}.if") == 0:
            # a decision rule: this move happens only when the condition holds
            if "else" in body:
                return self.node(scope, body["else"], f"{nkey}.else", state, history, depth + 1)
            return self.terminal(scope, state, None, None)
        if "else" in body and "if" not in body:
            raise b.err(f"{nkey}.else", "else without if")
        try:
            if kind == "terminal":
                state = self.apply(scope, body, state, nkey)
                return self.terminal(scope, state, label or name, self.says(scope, body, state, nkey))
            if kind == "game":
                return self.include(scope, name, body, nkey, state, history, depth)
            if kind == "decision":
                return self.decision(scope, name, body, nkey, label, state, history, depth)
            if kind == "chance":
                return self.chance(scope, name, body, nkey, label, state, history, depth)
            return self.stage(scope, name, body, nkey, label, state, history, depth)
        except SpecError:
            raise
        except GameTheoryError as err:
            raise b.err(nkey, str(err)) from None

    def terminal(self, scope: _Scope, state: Mapping[str, Any], label: str | None, says: str | None) -> Terminal:
        top = self.top.builder
        sk = tuple(state[n] for n in self.state_names)
        hit = self.payoff_cache.get(sk)
        if hit is None:
            pay = {p: f(state, top.file, f"composition.value.{p}") for p, f in self.value_polys.items()}
            outcome = tuple((n, Fraction(v)) for n, v in zip(self.state_names, sk))
            hit = self.payoff_cache[sk] = (tuple(pay.items()), outcome)
        return Terminal(hit[0], label=label, narration=says, outcome=hit[1])

    def target(self, scope: _Scope, edge: Mapping[str, Any], key: str, state: dict, history: tuple, depth: int) -> Any:
        if "payoffs" in edge:
            raise scope.builder.err(f"{key}.payoffs", "a valued composition values outcomes ([composition.value]); "
                                                        "set attributes (set = {...}) instead of giving payoffs")
        if "next" in edge:
            return self.node(scope, edge["next"], f"{key}.next", state, history, depth + 1)
        return self.terminal(scope, state, None, None)

    def decision(self, scope, name, body, key, label, state, history, depth) -> Decision:
        b = scope.builder
        player = b.text(body.get("player"), f"{key}.player")
        if player not in self.players:
            raise b.err(f"{key}.player", f"{player!r} is not a player of the composed game ({', '.join(self.players)})")
        explicit = None if "infoset" not in body else b.text(body["infoset"], f"{key}.infoset")
        infoset = self.infoset(scope, name, explicit, player, history)
        actions: dict[str, Any] = {}
        narration: dict[str, str] = {}
        for k, edge in enumerate(b.array(body.get("actions"), f"{key}.actions")):
            ek = f"{key}.actions[{k}]"
            edge = b.table(edge, ek)
            b.keys(edge, _VALUED_EDGE["decision"], ek)
            a = b.text(edge.get("action"), f"{ek}.action")
            if a in actions:
                raise b.err(f"{ek}.action", f"duplicate action {a!r}")
            new = self.apply(scope, edge, state, ek)
            actions[a] = self.target(scope, edge, ek, new, history + ((scope.prefix + name, a, None),), depth)
            said = self.says(scope, edge, new, ek)
            if said:
                narration[a] = said
        if not actions:
            raise b.err(f"{key}.actions", "a decision needs at least one action")
        return Decision(player, actions, label=label, narration=narration, infoset=infoset)

    def chance(self, scope, name, body, key, label, state, history, depth) -> Chance:
        b = scope.builder
        who = None
        if "observed_by" in body:
            who = frozenset(b.text(p, f"{key}.observed_by[{k}]")
                            for k, p in enumerate(b.array(body["observed_by"], f"{key}.observed_by")))
            for p in who:
                if p not in self.players:
                    raise b.err(f"{key}.observed_by", f"{p!r} is not a player ({', '.join(self.players)})")
        outcomes: dict[str, Any] = {}
        narration: dict[str, str] = {}
        for k, edge in enumerate(b.array(body.get("outcomes"), f"{key}.outcomes")):
            ek = f"{key}.outcomes[{k}]"
            edge = b.table(edge, ek)
            b.keys(edge, _VALUED_EDGE["chance"], ek)
            o = b.text(edge.get("outcome"), f"{ek}.outcome")
            if o in outcomes:
                raise b.err(f"{ek}.outcome", f"duplicate outcome {o!r}")
            if "probability" not in edge:
                raise b.err(f"{ek}.probability", "missing")
            prob = self.evaluate(scope, edge["probability"], state, f"{ek}.probability")
            new = self.apply(scope, edge, state, ek)
            outcomes[o] = (prob, self.target(scope, edge, ek, new, history + ((scope.prefix + name, o, who),), depth))
            said = self.says(scope, edge, new, ek)
            if said:
                narration[o] = said
        return Chance(outcomes, label=label, narration=narration)

    def stage(self, scope, name, body, key, label, state, history, depth) -> Stage:
        from ..game import Game

        b = scope.builder
        if "strategies" not in body:
            raise b.err(f"{key}.strategies", "a stage of a valued composition declares its moves inline: "
                                             "strategies = { PLAYER = [labels], ... } (outcomes are valued, not stage payoffs)")
        table = b.table(body["strategies"], f"{key}.strategies")
        movers = list(table)
        if len(movers) < 2:
            raise b.err(f"{key}.strategies", "a stage is a simultaneous move of at least two players; use a decision")
        strategies = []
        for p in movers:
            if p not in self.players:
                raise b.err(f"{key}.strategies.{p}", f"{p!r} is not a player ({', '.join(self.players)})")
            labels = [b.text(s, f"{key}.strategies.{p}[{k}]") for k, s in enumerate(b.array(table[p], f"{key}.strategies.{p}"))]
            if not labels or len(set(labels)) != len(labels):
                raise b.err(f"{key}.strategies.{p}", "expected distinct strategy labels")
            strategies.append(tuple(labels))
        patterns = []
        for k, edge in enumerate(b.array(body.get("outcomes"), f"{key}.outcomes")):
            ek = f"{key}.outcomes[{k}]"
            edge = b.table(edge, ek)
            b.keys(edge, _VALUED_EDGE["stage"], ek)
            prof = b.array(edge.get("profile"), f"{ek}.profile")
            if len(prof) != len(movers):
                raise b.err(f"{ek}.profile", f"expected one entry per stage player ({', '.join(movers)}), got {len(prof)}")
            parts = []
            for i, part in enumerate(prof):
                labels = [b.text(x, f"{ek}.profile[{i}][{j}]") for j, x in enumerate(part)] if isinstance(part, list) \
                    else [b.text(part, f"{ek}.profile[{i}]")]
                for lab in labels:
                    if lab != WILDCARD and lab not in strategies[i]:
                        raise b.err(f"{ek}.profile[{i}]", f"{lab!r} is not a strategy of {movers[i]} here")
                parts.append(None if WILDCARD in labels else frozenset(labels))
            patterns.append((sum(p is None for p in parts), k, parts, edge, ek))
        outcomes: dict[tuple, Any] = {}
        narration: dict[tuple, str] = {}
        for prof in itertools.product(*strategies):
            matches = [m for m in patterns if all(p is None or s in p for p, s in zip(m[2], prof))]
            if not matches:
                raise b.err(f"{key}.outcomes", f"outcome ({', '.join(prof)}) is not mapped")
            best = min(m[0] for m in matches)
            top = [m for m in matches if m[0] == best]
            if len(top) > 1:
                raise b.err(f"{key}.outcomes", f"outcome ({', '.join(prof)}) matches entries {top[0][1]} and "
                                               f"{top[1][1]} equally; make one more specific")
            _, _, _, edge, ek = top[0]
            new = self.apply(scope, edge, state, ek)
            outcomes[prof] = self.target(scope, edge, ek, new, history + ((scope.prefix + name, ", ".join(prof), None),),
                                         depth)
            said = self.says(scope, edge, new, ek)
            if said:
                narration[prof] = said
        shape = tuple(len(s) for s in strategies)
        zero = Game(np.zeros((len(movers), *shape), dtype=np.int64), players=tuple(movers),
                    strategies=tuple(strategies), title=label or name)
        infosets = {}
        for p in movers:
            key_p = self.infoset(scope, name, None, p, history)
            if key_p is not None:
                infosets[p] = key_p
        return Stage(zero, outcomes, label=label or name, narration=narration, infosets=infosets or None)

    def include(self, scope, name, body, key, state, history, depth) -> Any:
        from ..io.spec import load_spec

        b = scope.builder
        ref = b.text(body.get("game"), f"{key}.game")
        where: Any = ref
        if ref.endswith(".toml") or "/" in ref:
            where = (b.base / ref) if not Path(ref).is_absolute() else Path(ref)
        sub_spec = self.sub_specs.get((id(b), ref))
        if sub_spec is None:
            try:
                sub_spec = self.sub_specs[(id(b), ref)] = load_spec(where)
            except SpecError as err:
                raise b.err(f"{key}.game", f"cannot load sub-game {ref!r}: {err}") from None
        if sub_spec.composition is None or "state" not in sub_spec.composition:
            raise b.err(f"{key}.game", f"{ref!r} is not a valued composition (a game tree with [composition.state])")
        passed = {}
        given = b.table(body.get("params", {}), f"{key}.params")
        for p, v in given.items():
            if p not in sub_spec.parameter_names:
                raise b.err(f"{key}.params.{p}", f"{ref!r} has no parameter {p!r} "
                                                 f"(it has: {', '.join(sub_spec.parameter_names) or 'none'})")
            passed[p] = b.number(v, f"{key}.params.{p}")
        for p in sub_spec.parameter_names:
            if p not in given and p in b.names:  # a parameter of the same name is passed down as it is
                passed[p] = b.values[p]
        missing = [p for p in sub_spec.parameter_names if p not in passed]
        if missing:
            raise b.err(f"{key}.params", f"parameters of {ref!r} not passed down: {', '.join(missing)} (declare "
                                         "them here or pass them in params, so that the composed game can vary them)")
        bkey = (id(b), ref, tuple(sorted(passed.items())))
        sub = self.sub_builders.get(bkey)
        if sub is None:
            try:
                sub = self.sub_builders[bkey] = _Builder(dict(sub_spec.raw), passed, sub_spec.path, sub_spec.file,
                                                         composition_keys=_COMPOSITION_KEYS)
            except SpecError as err:
                raise b.err(f"{key}.params", f"sub-game {ref!r}: {err}") from None
        for attr in b.table(sub.comp.get("state", {}), "composition.state"):
            if attr not in self.state_names:
                raise b.err(f"{key}.game", f"{ref!r} uses the attribute {attr!r}, which this file does not declare")
        exits = {}
        for sub_node, target in b.table(body.get("exits", {}), f"{key}.exits").items():
            if sub_node not in sub.nodes_raw:
                raise b.err(f"{key}.exits.{sub_node}", f"{ref!r} has no node {sub_node!r}")
            exits[sub_node] = (scope, b.text(target, f"{key}.exits.{sub_node}"))
        inner = _Scope(sub, exits, prefix=f"{scope.prefix}{name}/")
        root = sub.comp.get("root")
        return self.node(inner, root, f"{key} ({ref}: composition.root)", state, history, depth + 1)

    def build(self) -> SequentialGame:
        b = self.top.builder
        root = self.node(self.top, b.comp.get("root"), "composition.root", dict(self.initial), (), 0)
        unused = sorted(set(b.nodes_raw) - self.used_nodes.get(id(b), set()))
        if unused:
            raise b.err("composition.nodes", f"nodes not reachable from the root: {', '.join(unused)}")
        players = list(self.players)
        if "players" in b.comp:
            players = [b.text(p, f"composition.players[{k}]") for k, p in enumerate(b.array(b.comp["players"], "composition.players"))]
        try:
            game = SequentialGame(root, players=players, title=b.spec.title,
                                  description=b.spec.metadata.description or None)
        except GameTheoryError as err:
            raise b.err("composition", str(err)) from None
        if self.check_register:
            for k, (a, other, problem) in enumerate(register_violations(game, b.spec.assumptions)):
                idx = b.spec.assumptions.index(a)
                raise b.err(f"assumptions[{idx}]", f"assumption {a.id!r}: {problem}")
        return game


def register_violations(game: SequentialGame, assumptions: Any) -> list[tuple[Any, tuple, str]]:
    """The machine-checkable assumptions of a register that the tree's payoffs contradict.

    ``prefers`` and each entry of ``over`` name outcomes by the history of a terminal
    (its moves' labels, chance outcomes included). Returns ``(assumption, over, problem)``
    for each violated or unresolvable comparison.

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame
    >>> from gametheory.io.spec import Assumption
    >>> g = SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}}))
    >>> a = Assumption("A1", "A", "A likes x", "modelling choice", prefers=("x",), over=(("y",),))
    >>> register_violations(g, [a])[0][2]
    'A gets 1 at (x), not more than 2 at (y)'
    """
    terminals = {}
    for pos in game.positions:
        if type(pos.node) is Terminal:
            terminals[game.history(pos.index)] = pos.node
    out = []
    for a in assumptions:
        if getattr(a, "prefers", None) is None:
            continue
        good = terminals.get(tuple(a.prefers))
        for other in a.over:
            bad = terminals.get(tuple(other))
            missing = [h for h, t in ((a.prefers, good), (other, bad)) if t is None]
            if missing:
                out.append((a, other, "(" + ", ".join(missing[0]) + ") is not the history of a terminal"))
                continue
            if a.player not in game.players:
                out.append((a, other, f"{a.player!r} is not a player"))
                continue
            gv, bv = good.payoff(a.player), bad.payoff(a.player)
            if not gv > bv:
                out.append((a, other, f"{a.player} gets {_exact.format_number(gv)} at ({', '.join(a.prefers)}), not "
                                      f"more than {_exact.format_number(bv)} at ({', '.join(other)})"))
    return out


def build_valued(raw: Mapping[str, Any], *, params: Mapping[str, Any] | None = None, path: str | None = None) -> SequentialGame:
    """The :class:`~gametheory.extensive.ExtensiveGame` of a valued composition file (see the module docstring).

    :func:`gametheory.sequential.build_sequential` calls this for files whose
    ``[composition]`` has a ``state`` table.

    Raises
    ------
    SpecError
        Naming the file (the sub-game file for problems inside an included game)
        and the key path of the problem.

    Examples
    --------
    >>> raw = {"title": "t", "players": ["A"], "composition": {"root": "a", "state": {"x": {"initial": 0,
    ...        "meaning": "m"}}, "value": {"A": "x"}, "nodes": {"a": {"kind": "decision", "player": "A",
    ...        "actions": [{"action": "up", "set": {"x": 1}}, {"action": "down", "payoffs": {"A": 1}}]}}}}
    >>> build_valued(raw)
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: <string>: composition.nodes.a.actions[1].payoffs: a valued composition values outcomes ([composition.value]); set attributes (set = {...}) instead of giving payoffs
    """
    file = path or "<string>"
    builder = _Valued(raw, params, path, file)
    # like every game file, the register is checked against the payoffs at the default parameters
    builder.check_register = not params
    return builder.build()


_ = (Fraction, Any)
