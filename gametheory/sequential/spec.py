"""The ``[composition]`` section of a game file: sub-games linked into a sequential game.

A composition file is an ordinary game file (title, description, parameters,
assumption register, sources; see ``games/README.md``) with a ``[composition]``
table instead of payoffs. :func:`gametheory.load` hands such files to
:func:`build_sequential`. The format::

    [composition]
    root = "frame"                 # the first node
    discount = 1                   # optional: per-round discount (number or expression)

    [composition.nodes.frame]      # a stage: a sub-game file played simultaneously
    kind = "stage"
    game = "nato_membership"       # a bundled game, or a path relative to this file
    params = { credibility = "credibility", shift = 3 }   # passed down: expressions in OUR parameters
    players = { EU = "Europe" }    # optional: rename sub-game players
    label = "The US sets the frame"
    infosets = { Russia = "r1" }   # optional: Russia's move here is in information set "r1"

    [[composition.nodes.frame.outcomes]]
    profile = ["Neutrality treaty", ["Cease if treaty", "Cease regardless"]]  # "*" = any; a list = any of these
    next = "ceasefire"             # another node ...
    says = "The US pre-concedes neutrality and Russia agrees to a ceasefire"

    [[composition.nodes.frame.outcomes]]
    profile = ["*", "*"]           # the most specific matching entry wins
    payoffs = { Ukraine = -3 }     # ... or terminal payoffs (added to the stage payoffs)
    says = "The war goes on"

    [composition.nodes.europe]     # a decision
    kind = "decision"
    player = "Europe"
    infoset = "europe"             # optional: decisions of Europe with this key are one information set
    [[composition.nodes.europe.actions]]
    action = "Deploy"
    next = "mission"
    says = "Europe deploys"

    [composition.nodes.nature]     # a chance move
    kind = "chance"
    [[composition.nodes.nature.outcomes]]
    outcome = "Hard-liners prevail"
    probability = "p_hard"         # exact numbers or expressions
    next = "..."

    [composition.nodes.deal]       # terminal payoffs as a node of its own
    kind = "terminal"
    payoffs = { US = 1, Russia = "relief - 1" }
    says = "A deal is signed"

Hidden information: ``infoset`` on a decision (or ``infosets = { player = key }`` on a
stage) puts every move of that player with the same key into one information set: the
player cannot tell those nodes apart (they must offer the same actions). Types drawn by
nature are a chance node whose outcomes lead to the type's decisions; the uninformed
player's decisions after each type share a key. ``games/README.md`` has a full example.

Numbers are exact: integers, TOML decimals (read exactly), fractions such as
``"2/3"`` and arithmetic in the declared parameters (the restricted parser of
:mod:`gametheory.io.expressions`; nothing is evaluated by Python). A node named in
several places is one node object, so outcomes leading to the same name are one
continuation (see ``grouped`` in :func:`~gametheory.sequential.subgame_perfect_equilibria`).
Stage outcomes without ``says`` are narrated by the sub-game file's ``[[outcomes]]``.

Examples
--------
>>> text = '''
... title = "Toy"
... [parameters.cost]
... default = 1
... range = [0, 3]
... meaning = "cost of fighting"
... [composition]
... root = "entry"
... [composition.nodes.entry]
... kind = "decision"
... player = "Entrant"
... [[composition.nodes.entry.actions]]
... action = "Out"
... payoffs = { Entrant = 0, Incumbent = 2 }
... [[composition.nodes.entry.actions]]
... action = "In"
... next = "reply"
... [composition.nodes.reply]
... kind = "decision"
... player = "Incumbent"
... [[composition.nodes.reply.actions]]
... action = "Fight"
... payoffs = { Entrant = "-cost", Incumbent = "-cost" }
... [[composition.nodes.reply.actions]]
... action = "Cooperate"
... payoffs = { Entrant = 1, Incumbent = 1 }
... says = "the incumbent shares the market"
... '''
>>> from gametheory.io.spec import loads
>>> from gametheory.sequential import subgame_perfect_equilibria
>>> game = loads(text)
>>> game.players
('Entrant', 'Incumbent')
>>> print(subgame_perfect_equilibria(game)[0].narrative())
Entrant chooses In → the incumbent shares the market.  Payoffs: Entrant 1, Incumbent 1.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Mapping

from ..errors import GameTheoryError, SpecError
from ..extensive.game import WILDCARD, Chance, Decision, SequentialGame, Stage, Terminal

__all__ = ["build_sequential", "NODE_KINDS"]

#: Node kinds of the ``[composition.nodes.NAME]`` tables.
NODE_KINDS = ("stage", "decision", "chance", "terminal")

_NODE_KEYS = {
    "stage": ("kind", "game", "params", "players", "label", "outcomes", "infosets"),
    "decision": ("kind", "player", "label", "actions", "infoset"),
    "chance": ("kind", "label", "outcomes"),
    "terminal": ("kind", "payoffs", "label", "says"),
}
_EDGE_KEYS = {
    "stage": ("profile", "next", "payoffs", "says"),
    "decision": ("action", "next", "payoffs", "says"),
    "chance": ("outcome", "probability", "next", "payoffs", "says"),
}
_COMPOSITION_KEYS = ("root", "discount", "nodes", "players")


class _Builder:
    def __init__(self, raw: Mapping[str, Any], params: Mapping[str, Any] | None, path: str | None, file: str,
                 composition_keys: tuple[str, ...] = _COMPOSITION_KEYS) -> None:
        from ..io.spec import _validate

        self.file = file
        self.path = path
        self.base = Path(path).resolve().parent if path else Path.cwd()
        # the shared validation of every game file: title, parameters, assumptions, sources
        self.spec = _validate(dict(raw), file, path)
        self.values = self.spec.parameter_values(params)
        self.names = self.spec.parameter_names
        self.comp = self.table(raw.get("composition"), "composition")
        self.keys(self.comp, composition_keys, "composition")
        self.nodes_raw = self.table(self.comp.get("nodes"), "composition.nodes")
        self.built: dict[str, Any] = {}
        self.building: list[str] = []
        self.sub_specs: dict[str, Any] = {}

    # -- checks ---------------------------------------------------------------------------
    def err(self, key: str, message: str) -> SpecError:
        return SpecError(message, file=self.file, key=key)

    def table(self, value: Any, key: str) -> dict:
        if not isinstance(value, dict):
            raise self.err(key, f"expected a table, got {_type_name(value)}")
        return value

    def array(self, value: Any, key: str) -> list:
        if not isinstance(value, list):
            raise self.err(key, f"expected an array, got {_type_name(value)}")
        return value

    def text(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.err(key, f"expected a non-empty string, got {_type_name(value)}")
        return value

    def keys(self, table: Mapping[str, Any], allowed: tuple[str, ...], key: str) -> None:
        for k in table:
            if k not in allowed:
                raise self.err(f"{key}.{k}", f"unknown key; allowed: {', '.join(allowed)}")

    def number(self, value: Any, key: str) -> Any:
        from ..io.expressions import evaluate, parse_expression

        if isinstance(value, bool):
            raise self.err(key, "expected a number or an expression, got a boolean")
        if isinstance(value, int):
            return Fraction(value)
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise self.err(key, f"{value} is not a finite number")
            return Fraction(value)
        if isinstance(value, str):
            expr = parse_expression(value, self.names, file=self.file, key=key)
            return evaluate(expr, self.values, file=self.file, key=key)
        raise self.err(key, f"expected a number or an expression, got {_type_name(value)}")

    def payoffs(self, value: Any, key: str) -> dict[str, Any]:
        table = self.table(value, key)
        out = {}
        for p, v in table.items():
            out[p] = self.number(v, f"{key}.{p}")
        return out

    # -- nodes -------------------------------------------------------------------------------
    def node(self, name: Any, key: str) -> Any:
        name = self.text(name, key)
        if name in self.built:
            return self.built[name]
        if name in self.building:
            cycle = " -> ".join(self.building[self.building.index(name):] + [name])
            raise self.err(key, f"the composition has a cycle: {cycle}")
        if name not in self.nodes_raw:
            known = ", ".join(sorted(self.nodes_raw)) or "none"
            raise self.err(key, f"unknown node {name!r}; nodes: {known}")
        self.building.append(name)
        try:
            node = self._build(name, self.table(self.nodes_raw[name], f"composition.nodes.{name}"))
        finally:
            self.building.pop()
        self.built[name] = node
        return node

    def target(self, body: Mapping[str, Any], key: str, says_default: str | None = None) -> Any:
        """The continuation of one edge: ``next`` (a node) or ``payoffs`` (a terminal)."""
        has_next, has_pay = "next" in body, "payoffs" in body
        if has_next and has_pay:
            raise self.err(key, "give either next (a node) or payoffs (terminal payoffs), not both")
        if not has_next and not has_pay:
            raise self.err(key, "missing: next (a node) or payoffs (terminal payoffs)")
        if has_next:
            return self.node(body["next"], f"{key}.next")
        return Terminal(self.payoffs(body["payoffs"], f"{key}.payoffs"))

    def _build(self, name: str, body: dict) -> Any:
        key = f"composition.nodes.{name}"
        kind = body.get("kind")
        if kind not in NODE_KINDS:
            raise self.err(f"{key}.kind", f"expected one of {', '.join(NODE_KINDS)}, got {kind!r}")
        self.keys(body, _NODE_KEYS[kind], key)
        label = None if "label" not in body else self.text(body["label"], f"{key}.label")
        try:
            if kind == "terminal":
                if "payoffs" not in body:
                    raise self.err(f"{key}.payoffs", "missing")
                says = None if "says" not in body else self.text(body["says"], f"{key}.says")
                return Terminal(self.payoffs(body["payoffs"], f"{key}.payoffs"), label=label or name, narration=says)
            if kind == "decision":
                player = self.text(body.get("player"), f"{key}.player")
                actions: dict[str, Any] = {}
                narration: dict[str, str] = {}
                for k, edge in enumerate(self.array(body.get("actions"), f"{key}.actions")):
                    ek = f"{key}.actions[{k}]"
                    edge = self.table(edge, ek)
                    self.keys(edge, _EDGE_KEYS["decision"], ek)
                    a = self.text(edge.get("action"), f"{ek}.action")
                    if a in actions:
                        raise self.err(f"{ek}.action", f"duplicate action {a!r}")
                    actions[a] = self.target(edge, ek)
                    if "says" in edge:
                        narration[a] = self.text(edge["says"], f"{ek}.says")
                if not actions:
                    raise self.err(f"{key}.actions", "a decision needs at least one action")
                infoset = None if "infoset" not in body else self.text(body["infoset"], f"{key}.infoset")
                try:
                    return Decision(player, actions, label=label, narration=narration, infoset=infoset)
                except GameTheoryError as err:
                    raise self.err(f"{key}.infoset", str(err)) from None
            if kind == "chance":
                outcomes: dict[str, Any] = {}
                narration = {}
                for k, edge in enumerate(self.array(body.get("outcomes"), f"{key}.outcomes")):
                    ek = f"{key}.outcomes[{k}]"
                    edge = self.table(edge, ek)
                    self.keys(edge, _EDGE_KEYS["chance"], ek)
                    o = self.text(edge.get("outcome"), f"{ek}.outcome")
                    if o in outcomes:
                        raise self.err(f"{ek}.outcome", f"duplicate outcome {o!r}")
                    if "probability" not in edge:
                        raise self.err(f"{ek}.probability", "missing")
                    outcomes[o] = (self.number(edge["probability"], f"{ek}.probability"), self.target(edge, ek))
                    if "says" in edge:
                        narration[o] = self.text(edge["says"], f"{ek}.says")
                return Chance(outcomes, label=label, narration=narration)
            return self._stage(name, body, key, label)
        except SpecError:
            raise
        except GameTheoryError as err:
            raise self.err(key, str(err)) from None

    def _stage(self, name: str, body: dict, key: str, label: str | None) -> Stage:
        from ..io.spec import load_spec

        ref = self.text(body.get("game"), f"{key}.game")
        where: Any = ref
        if ref.endswith(".toml") or "/" in ref:
            where = (self.base / ref) if not Path(ref).is_absolute() else Path(ref)
        try:
            sub = load_spec(where)
        except SpecError as err:
            raise self.err(f"{key}.game", f"cannot load sub-game {ref!r}: {err}") from None
        if sub.composition is not None:
            raise self.err(f"{key}.game", f"{ref!r} is itself a composition; a stage needs a normal-form game")
        sub_params = {}
        for p, v in self.table(body.get("params", {}), f"{key}.params").items():
            if p not in sub.parameter_names:
                raise self.err(f"{key}.params.{p}", f"{ref!r} has no parameter {p!r} (it has: {', '.join(sub.parameter_names) or 'none'})")
            sub_params[p] = self.number(v, f"{key}.params.{p}")
        try:
            game = sub.build(sub_params)
        except SpecError as err:
            raise self.err(f"{key}.params", f"sub-game {ref!r}: {err}") from None
        renames = self.table(body.get("players", {}), f"{key}.players")
        for p, q in renames.items():
            if p not in game.players:
                raise self.err(f"{key}.players.{p}", f"{ref!r} has no player {p!r} (players: {', '.join(game.players)})")
            self.text(q, f"{key}.players.{p}")
        outcomes: dict[Any, Any] = {}
        narration: dict[Any, str] = {}
        for k, edge in enumerate(self.array(body.get("outcomes"), f"{key}.outcomes")):
            ek = f"{key}.outcomes[{k}]"
            edge = self.table(edge, ek)
            self.keys(edge, _EDGE_KEYS["stage"], ek)
            prof = self.array(edge.get("profile"), f"{ek}.profile")
            if len(prof) != game.num_players:
                raise self.err(f"{ek}.profile", f"expected one entry per player of {ref!r} ({', '.join(game.players)}), got {len(prof)}")
            parts: list[Any] = []
            for i, part in enumerate(prof):
                pk = f"{ek}.profile[{i}]"
                if isinstance(part, list):
                    labels = [self.text(x, f"{pk}[{j}]") for j, x in enumerate(part)]
                else:
                    labels = [self.text(part, pk)]
                for lab in labels:
                    if lab != WILDCARD and lab not in game.strategies[i]:
                        raise self.err(pk, f"{lab!r} is not a strategy of {game.players[i]} in {ref!r} "
                                           f"({', '.join(game.strategies[i])})")
                parts.append(tuple(labels) if isinstance(part, list) else labels[0])
            okey = tuple(parts)
            if okey in outcomes:
                raise self.err(f"{ek}.profile", f"duplicate profile {prof}")
            outcomes[okey] = self.target(edge, ek)
            if "says" in edge:
                narration[okey] = self.text(edge["says"], f"{ek}.says")
        # the sub-game's own descriptions narrate the outcomes the composition does not describe
        told = [tuple(x if isinstance(x, tuple) else (x,) for x in k) for k in narration]
        for o in sub.outcomes:
            covered = any(all(WILDCARD in part or s in part for part, s in zip(k, o.profile)) for k in told)
            if o.says and not covered:
                narration[o.profile] = o.says
        infosets = {p: self.text(v, f"{key}.infosets.{p}")
                     for p, v in self.table(body.get("infosets", {}), f"{key}.infosets").items()}
        try:
            return Stage(game, outcomes, players={p: renames.get(p, p) for p in game.players},
                         label=label or game.title or name, narration=narration, infosets=infosets or None)
        except GameTheoryError as err:
            raise self.err(f"{key}.outcomes", str(err)) from None

    def _children_first(self, root: Any) -> list[str]:
        """Node names reachable from ``root`` through ``next``, children before parents.

        An iterative depth-first search, so a chain of thousands of decisions builds without
        recursion: each node is then built when all its successors already are. Unknown names
        and malformed tables are skipped here and reported, with their key, when built.
        """
        def successors(name: str) -> list[str]:
            body = self.nodes_raw.get(name)
            if not isinstance(body, dict):
                return []
            edges = body.get("actions") or body.get("outcomes") or []
            if not isinstance(edges, list):
                return []
            return [e["next"] for e in edges if isinstance(e, dict) and isinstance(e.get("next"), str)
                    and e["next"] in self.nodes_raw]

        if not isinstance(root, str) or root not in self.nodes_raw:
            return []
        state: dict[str, int] = {root: 1}  # 1: on the current path, 2: finished
        path = [root]
        stack = [iter(successors(root))]
        order: list[str] = []
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                done = path.pop()
                state[done] = 2
                order.append(done)
            elif state.get(nxt) == 1:
                cycle = " -> ".join(path[path.index(nxt):] + [nxt])
                raise self.err(f"composition.nodes.{path[-1]}", f"the composition has a cycle: {cycle}")
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(successors(nxt)))
        return order

    def build(self) -> SequentialGame:
        for name in self._children_first(self.comp.get("root")):
            self.node(name, f"composition.nodes.{name}")
        root = self.node(self.comp.get("root"), "composition.root")
        unused = sorted(set(self.nodes_raw) - set(self.built))
        if unused:
            raise self.err("composition.nodes", f"nodes not reachable from the root: {', '.join(unused)}")
        discount = self.number(self.comp.get("discount", 1), "composition.discount")
        players = None
        if "players" in self.comp:
            players = [self.text(p, f"composition.players[{k}]") for k, p in enumerate(self.array(self.comp["players"], "composition.players"))]
        elif self.spec.players:
            players = list(self.spec.players)
        try:
            return SequentialGame(root, players=players, title=self.spec.title,
                                  discount=discount, description=self.spec.metadata.description or None)
        except GameTheoryError as err:
            raise self.err("composition", str(err)) from None


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string" if value.strip() else "an empty string"
    if isinstance(value, (int, Decimal)):
        return "a number"
    return type(value).__name__


def build_sequential(raw: Mapping[str, Any], *, params: Mapping[str, Any] | None = None,
                     path: str | None = None) -> SequentialGame:
    """Build the :class:`SequentialGame` of a parsed game file with a ``[composition]`` table.

    This is what :func:`gametheory.load` calls for composition files.

    Parameters
    ----------
    raw : mapping
        The parsed TOML document (floats as :class:`decimal.Decimal`).
    params : mapping, optional
        Values overriding the file's parameter defaults (checked against their ranges).
    path : str, optional
        The file it came from: sub-game paths are relative to its directory.

    Raises
    ------
    SpecError
        Naming the file and the key path of the problem (unknown nodes, cycles,
        unmapped stage outcomes, unknown players or strategies, bad numbers, ...).

    Examples
    --------
    >>> raw = {"title": "t", "composition": {"root": "a", "nodes": {"a": {"kind": "decision", "player": "A",
    ...        "actions": [{"action": "x", "next": "b"}]}}}}
    >>> build_sequential(raw)
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: <string>: composition.nodes.a.actions[0].next: unknown node 'b'; nodes: a
    """
    from .valued import build_valued, is_valued

    if is_valued(raw):
        return build_valued(raw, params=params, path=path)
    file = path or "<string>"
    return _Builder(raw, params, path, file).build()
