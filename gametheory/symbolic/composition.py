"""Composition files as symbolic trees: the composer's format, read with sympy payoffs.

:func:`tree_from_composition` reads the ``[composition]`` table of a game file (see
:mod:`gametheory.sequential.spec`) into a :class:`~gametheory.symbolic.SymbolicTree`:
numbers and expressions go through the spec's restricted expression parser into
sympy (never ``sympify``), sub-games become symbolic stage games with the
expressions the file passes down, and stage outcome patterns (``"*"``, lists) are
expanded with the composer's rule (the most specific pattern wins).

Differences from the numeric composer, stated plainly: a node reached from several
edges is analysed independently on each (the composer's ``grouped="independent"``),
and stages with more than two players contribute their pure equilibria only.

Examples
--------
>>> from gametheory.io.spec import loads_spec
>>> spec = loads_spec('''
... title = "After a violation"
... players = ["US", "EU", "Russia"]
... [parameters.cost]
... default = 2
... range = [0, 8]
... meaning = "cost of re-imposing sanctions"
... [composition]
... root = "senders"
... [composition.nodes.senders]
... kind = "stage"
... game = "cosenders"
... params = { cost = "cost" }
... [[composition.nodes.senders.outcomes]]
... profile = ["*", "*"]
... next = "russia"
... [composition.nodes.russia]
... kind = "decision"
... player = "Russia"
... [[composition.nodes.russia.actions]]
... action = "Stop"
... payoffs = { Russia = 0 }
... [[composition.nodes.russia.actions]]
... action = "Go on"
... payoffs = { Russia = -1 }
... ''')
>>> tree = tree_from_composition(spec)
>>> tree.players
('US', 'EU', 'Russia')
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import sympy

from ..errors import NotSupportedError, SpecError
from .game import SymbolicGame
from .sequential import SymbolicTree, chance, decision, stage, terminal

__all__ = ["tree_from_composition"]

WILDCARD = "*"


class _Reader:
    def __init__(self, spec: Any) -> None:
        from ._spec import symbolic_parameters

        self.spec = spec
        self.file = spec.file
        self.params = symbolic_parameters(spec)
        self.symbols = {p.name: p.symbol for p in self.params}
        self.comp = spec.composition
        self.nodes_raw = self.comp.get("nodes", {})
        self.base = Path(spec.path).resolve().parent if spec.path else Path.cwd()
        self.built: dict[str, Any] = {}

    def err(self, key: str, message: str) -> SpecError:
        return SpecError(message, file=self.file, key=key)

    def number(self, value: Any, key: str) -> sympy.Expr:
        from ..io.expressions import parse_expression, to_sympy

        if isinstance(value, bool):
            raise self.err(key, "expected a number or an expression, got a boolean")
        if isinstance(value, int):
            return sympy.Integer(value)
        if isinstance(value, Decimal):
            f = Fraction(value)
            return sympy.Rational(f.numerator, f.denominator)
        if isinstance(value, str):
            return to_sympy(parse_expression(value, tuple(self.symbols), file=self.file, key=key), self.symbols)
        raise self.err(key, f"expected a number or an expression, got {type(value).__name__}")

    def payoffs(self, table: Mapping[str, Any], key: str) -> Any:
        return terminal({p: self.number(v, f"{key}.{p}") for p, v in table.items()})

    def target(self, body: Mapping[str, Any], key: str) -> Any:
        if "next" in body:
            return self.node(body["next"], f"{key}.next")
        return self.payoffs(body.get("payoffs", {}), f"{key}.payoffs")

    def node(self, name: str, key: str) -> Any:
        if name not in self.nodes_raw:
            raise self.err(key, f"unknown node {name!r}")
        if name not in self.built:
            self.built[name] = self._build(name, self.nodes_raw[name])
        return self.built[name]

    def _build(self, name: str, body: Mapping[str, Any]) -> Any:
        key = f"composition.nodes.{name}"
        kind = body.get("kind")
        for hidden in ("infoset", "infosets"):
            if hidden in body:
                from ..errors import NotSupportedError

                raise NotSupportedError(
                    f"{self.file}: {key}.{hidden}: symbolic thresholds use backward induction and need every "
                    "position to start a subgame; this composition has information sets across positions "
                    "(solve it numerically: gametheory.load and gametheory.solve)"
                )
        label = body.get("label") or name
        if kind == "terminal":
            return terminal({p: self.number(v, f"{key}.payoffs.{p}") for p, v in body.get("payoffs", {}).items()}, label)
        if kind == "decision":
            return decision(
                body["player"],
                {e["action"]: self.target(e, f"{key}.actions[{k}]") for k, e in enumerate(body.get("actions", []))},
                label,
            )
        if kind == "chance":
            return chance(
                {
                    e["outcome"]: (self.number(e["probability"], f"{key}.outcomes[{k}].probability"), self.target(e, f"{key}.outcomes[{k}]"))
                    for k, e in enumerate(body.get("outcomes", []))
                },
                label,
            )
        if kind == "stage":
            return self._stage(name, body, key, label)
        raise self.err(f"{key}.kind", f"unknown kind {kind!r}")

    def _stage(self, name: str, body: Mapping[str, Any], key: str, label: str) -> Any:
        from ..io.spec import load_spec
        from ._spec import symbolic_from_spec

        ref = body["game"]
        where: Any = ref
        if ref.endswith(".toml") or "/" in ref:
            where = (self.base / ref) if not Path(ref).is_absolute() else Path(ref)
        sub = load_spec(where)
        sub_game = symbolic_from_spec(sub)
        passed = {p: self.number(v, f"{key}.params.{p}") for p, v in body.get("params", {}).items()}
        # the sub-game's parameters become the file's expressions, or the sub-game's defaults
        repl = {}
        for q in sub_game.parameters:
            if q.name in passed:
                repl[q.symbol] = passed[q.name]
            else:
                repl[q.symbol] = sympy.Rational(q.default.numerator, q.default.denominator)
        arr = np.empty(sub_game.payoffs.shape, dtype=object)
        for idx, e in np.ndenumerate(sub_game.payoffs):
            arr[idx] = sympy.cancel(e.xreplace(repl))
        renames = dict(body.get("players", {}))
        players = tuple(renames.get(p, p) for p in sub_game.players)
        used = set().union(*(e.free_symbols for e in arr.flat))
        game = SymbolicGame(
            arr,
            parameters=[p for p in self.params if p.symbol in used],
            players=players,
            strategies=sub_game.strategies,
            title=sub_game.title,
        )
        # expand outcome patterns: each pure profile takes the most specific matching entry
        patterns = []
        for k, edge in enumerate(body.get("outcomes", [])):
            parts = [tuple(x) if isinstance(x, list) else (x,) for x in edge["profile"]]
            wild = sum(1 for part in parts if WILDCARD in part)
            patterns.append((wild, k, parts, self.target(edge, f"{key}.outcomes[{k}]")))
        outcomes = {}
        for prof in itertools.product(*game.strategies):
            matches = [
                (wild, k, child) for wild, k, parts, child in patterns
                if all(WILDCARD in part or s in part for part, s in zip(parts, prof))
            ]
            if not matches:
                raise self.err(f"{key}.outcomes", f"profile {prof} is not mapped")
            best = min(m[0] for m in matches)
            children = [c for w, _, c in matches if w == best]
            outcomes[prof] = children[0]
        return stage(game, outcomes, label)


def tree_from_composition(spec_or_name: Any) -> SymbolicTree:
    """The :class:`SymbolicTree` of a composition file (a path, a bundled name or a parsed spec).

    Raises
    ------
    NotSupportedError
        When the file is not a composition, or uses discounting other than 1.

    Examples
    --------
    >>> from gametheory.io.spec import loads_spec
    >>> t = tree_from_composition(loads_spec('''
    ... title = "t"
    ... [parameters.cost]
    ... default = 2
    ... range = [0, 8]
    ... meaning = "m"
    ... [composition]
    ... root = "s"
    ... [composition.nodes.s]
    ... kind = "stage"
    ... game = "cosenders"
    ... params = { cost = "cost" }
    ... [[composition.nodes.s.outcomes]]
    ... profile = ["*", "*"]
    ... payoffs = {}
    ... '''))
    >>> "cost" in t.parameter_names
    True
    """
    from ..io.spec import load_spec

    spec = spec_or_name if hasattr(spec_or_name, "composition") else load_spec(spec_or_name)
    if spec.composition is None:
        raise NotSupportedError(f"{spec.title!r} is not a composition file")
    reader = _Reader(spec)
    disc = reader.number(spec.composition.get("discount", 1), "composition.discount")
    if disc != 1:
        raise NotSupportedError("symbolic analysis of discounted compositions is not supported")
    root = reader.node(spec.composition["root"], "composition.root")
    return SymbolicTree(root, parameters=reader.params, title=spec.title, key_parameters=spec.key_parameters or None)
