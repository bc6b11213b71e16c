"""The sequential-game model: stages, decisions, chance moves and terminal payoffs.

A :class:`SequentialGame` is a rooted tree built from four kinds of node:

* :class:`Stage` — a normal-form :class:`~gametheory.Game` played simultaneously by
  some of the players; every outcome (pure profile) leads to a child node.
  Outcomes are given by keys with ``"*"`` wildcards, so several profiles can be
  grouped onto one continuation.
* :class:`Decision` — one player chooses among labelled actions.
* :class:`Chance` — nature picks an outcome with given probabilities.
* :class:`Terminal` — the play ends with payoffs by player name.

Payoffs accumulate along a play: the stage payoffs of every stage passed plus the
terminal payoffs, each round discounted by ``discount`` (default 1, no discounting).
Every :class:`Stage` and :class:`Decision` is one round; chance moves take no time.

Tree semantics: a node object may be used in several places (for instance two
outcomes of a stage mapped to the same continuation); each place is a distinct
*position* of the tree, with its own strategy, exactly as in the extensive form.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.sequential import Decision, Terminal, SequentialGame
>>> entry = Decision("Entrant", {
...     "Out": Terminal({"Entrant": 0, "Incumbent": 2}),
...     "In": Decision("Incumbent", {"Fight": {"Entrant": -1, "Incumbent": -1},
...                                  "Cooperate": {"Entrant": 1, "Incumbent": 1}}),
... })
>>> game = SequentialGame(entry, title="Chain store (one market)")
>>> game.players, game.num_positions
(('Entrant', 'Incumbent'), 5)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any, Iterator, Mapping, NamedTuple, Sequence, Union

import numpy as np

from .. import exact as _exact
from ..errors import InvalidGameError, InvalidNumberError
from ..game import Game

__all__ = [
    "Node",
    "Stage",
    "Decision",
    "Chance",
    "Terminal",
    "SequentialGame",
    "Position",
    "MAX_POSITIONS",
    "WILDCARD",
]

#: Largest number of positions (nodes of the expanded tree) a SequentialGame accepts.
MAX_POSITIONS = 2_000_000

#: The wildcard in stage outcome keys: matches any strategy of that player.
WILDCARD = "*"


def _number(value: Any, what: str) -> _exact.Number:
    try:
        return _exact.to_number(value)
    except InvalidNumberError as err:
        raise InvalidGameError(f"{what}: {err}") from None


def _label(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidGameError(f"{what} must be a non-empty string, got {value!r}")
    return value


def _optional_text(value: Any, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidGameError(f"{what} must be a string, got {type(value).__name__}")
    return value


def _as_node(value: Any, what: str) -> "Node":
    """Accept a node, or a ``{player: payoff}`` mapping as shorthand for a :class:`Terminal`."""
    if isinstance(value, (Stage, Decision, Chance, Terminal)):
        return value
    if isinstance(value, Mapping):
        return Terminal(value)
    raise InvalidGameError(f"{what}: expected a node (Stage, Decision, Chance, Terminal) or a payoff mapping, got {value!r}")


@dataclass(frozen=True, eq=False)
class Terminal:
    """The end of a play: payoffs by player name (players not named get 0).

    Parameters
    ----------
    payoffs : mapping of str to number, optional
        ``{player: payoff}``; numbers follow :mod:`gametheory.exact`.
    label : str, optional
        A short name shown in outlines and figures.
    narration : str, optional
        A plain-language sentence describing this outcome for narratives.

    Examples
    --------
    >>> t = Terminal({"US": 3, "Russia": "1/2"}, label="Deal")
    >>> t.payoffs
    (('US', Fraction(3, 1)), ('Russia', Fraction(1, 2)))
    >>> t.payoff("Russia"), t.payoff("Europe")
    (Fraction(1, 2), Fraction(0, 1))
    """

    payoffs: Any = ()
    label: str | None = None
    narration: str | None = None

    def __post_init__(self) -> None:
        given = self.payoffs
        if isinstance(given, Mapping):
            items = list(given.items())
        elif isinstance(given, (tuple, list)) and all(isinstance(x, (tuple, list)) and len(x) == 2 for x in given):
            items = [tuple(x) for x in given]
        else:
            raise InvalidGameError(f"terminal payoffs must be a mapping {{player: payoff}}, got {given!r}")
        seen: set[str] = set()
        out = []
        for p, v in items:
            _label(p, "terminal payoff player")
            if p in seen:
                raise InvalidGameError(f"terminal payoffs name {p!r} twice")
            seen.add(p)
            out.append((p, Fraction(v) if type(v) is int else _number(v, f"terminal payoff of {p}")))
        object.__setattr__(self, "payoffs", tuple(out))
        object.__setattr__(self, "label", _optional_text(self.label, "label"))
        object.__setattr__(self, "narration", _optional_text(self.narration, "narration"))

    def payoff(self, player: str) -> _exact.Number:
        """The payoff of ``player`` here (0 when not named).

        Examples
        --------
        >>> Terminal({"A": 2}).payoff("A"), Terminal({"A": 2}).payoff("B")
        (Fraction(2, 1), Fraction(0, 1))
        """
        for p, v in self.payoffs:
            if p == player:
                return v
        return Fraction(0)

    @property
    def children(self) -> tuple:
        """No children."""
        return ()

    def __repr__(self) -> str:
        body = ", ".join(f"{p}: {_exact.format_number(v)}" for p, v in self.payoffs)
        return f"Terminal({{{body}}})"


@dataclass(frozen=True, eq=False)
class Decision:
    """One player chooses among labelled actions, each leading to a child node.

    Parameters
    ----------
    player : str
        The player who moves.
    actions : mapping of str to node
        ``{action label: child}``; a child may be a ``{player: payoff}`` mapping
        (shorthand for a :class:`Terminal`).
    label : str, optional
        Name of the decision (e.g. ``"Europe: deploy troops?"``).
    narration : mapping of str to str, optional
        Plain-language text per action (``{"Deploy": "Europe deploys"}``).

    Examples
    --------
    >>> d = Decision("US", {"Concede": {"US": 1}, "Keep leverage": {"US": 2}})
    >>> d.actions, d.player
    (('Concede', 'Keep leverage'), 'US')
    >>> Decision("US", {})
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: decision of US needs at least one action
    """

    player: str
    actions: Any
    label: str | None = None
    narration: Any = None
    children: tuple = field(init=False, repr=False)

    def __post_init__(self) -> None:
        _label(self.player, "decision player")
        if not isinstance(self.actions, Mapping):
            raise InvalidGameError(f"actions of {self.player} must be a mapping {{action: node}}")
        if not self.actions:
            raise InvalidGameError(f"decision of {self.player} needs at least one action")
        labels = []
        kids = []
        for a, child in self.actions.items():
            labels.append(_label(a, f"action of {self.player}"))
            kids.append(_as_node(child, f"action {a!r} of {self.player}"))
        object.__setattr__(self, "actions", tuple(labels))
        object.__setattr__(self, "children", tuple(kids))
        object.__setattr__(self, "label", _optional_text(self.label, "label"))
        object.__setattr__(self, "narration", _narration_map(self.narration, set(labels), f"decision of {self.player}"))

    def child(self, action: str) -> "Node":
        """The node an action leads to.

        Examples
        --------
        >>> Decision("A", {"x": {"A": 1}}).child("x")
        Terminal({A: 1})
        """
        try:
            return self.children[self.actions.index(action)]
        except ValueError:
            raise InvalidGameError(f"{self.player} has no action {action!r}; actions are {list(self.actions)}") from None


def _narration_map(given: Any, allowed: set, what: str) -> tuple[tuple[Any, str], ...]:
    if given is None:
        return ()
    if not isinstance(given, Mapping):
        raise InvalidGameError(f"narration of {what} must be a mapping {{choice: text}}")
    out = []
    for k, v in given.items():
        if k not in allowed:
            raise InvalidGameError(f"narration of {what}: unknown choice {k!r}")
        if not isinstance(v, str):
            raise InvalidGameError(f"narration of {what}: text for {k!r} must be a string")
        out.append((k, v))
    return tuple(out)


@dataclass(frozen=True, eq=False)
class Chance:
    """Nature picks an outcome with exact (or float) probabilities summing to 1.

    Parameters
    ----------
    outcomes : mapping of str to (probability, node)
        ``{outcome label: (probability, child)}``. Probabilities follow
        :mod:`gametheory.exact`; ``"1/3"`` and ``Fraction(1, 3)`` are exact.
    label : str, optional
        Name of the chance move (e.g. ``"Russia's resolve"``).
    narration : mapping of str to str, optional
        Plain-language text per outcome.

    Examples
    --------
    >>> c = Chance({"Hard": ("1/3", {"Russia": 2}), "Soft": ("2/3", {"Russia": 0})})
    >>> c.probabilities
    (Fraction(1, 3), Fraction(2, 3))
    >>> Chance({"Hard": ("1/3", {}), "Soft": ("1/3", {})})
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: chance probabilities sum to 2/3, not 1
    """

    outcomes: Any
    label: str | None = None
    narration: Any = None
    probabilities: tuple = field(init=False, repr=False)
    children: tuple = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.outcomes, Mapping) or not self.outcomes:
            raise InvalidGameError("a chance node needs a non-empty mapping {outcome: (probability, node)}")
        labels, probs, kids = [], [], []
        for o, entry in self.outcomes.items():
            labels.append(_label(o, "chance outcome"))
            if not isinstance(entry, (tuple, list)) or len(entry) != 2:
                raise InvalidGameError(f"chance outcome {o!r} must be (probability, node)")
            p = _number(entry[0], f"probability of {o!r}")
            if p < 0:
                raise InvalidGameError(f"probability of {o!r} is negative")
            probs.append(p)
            kids.append(_as_node(entry[1], f"chance outcome {o!r}"))
        if len(set(labels)) != len(labels):
            raise InvalidGameError("chance outcomes must have distinct labels")
        if any(isinstance(p, float) for p in probs):
            probs = [float(p) for p in probs]
            ok = abs(sum(probs) - 1) <= _exact.DEFAULT_TOL
        else:
            ok = sum(probs) == 1
        if not ok:
            raise InvalidGameError(f"chance probabilities sum to {_exact.format_number(sum(probs))}, not 1")
        object.__setattr__(self, "outcomes", tuple(labels))
        object.__setattr__(self, "probabilities", tuple(probs))
        object.__setattr__(self, "children", tuple(kids))
        object.__setattr__(self, "label", _optional_text(self.label, "label"))
        object.__setattr__(self, "narration", _narration_map(self.narration, set(labels), "chance node"))


def _normalise_key(game: Game, key: Any) -> tuple[tuple[int, ...] | None, ...]:
    """A stage outcome key as, per player, the tuple of allowed strategy indices (None = any)."""
    n = game.num_players
    if isinstance(key, str):
        if key == WILDCARD:
            return (None,) * n
        if n != 1:
            raise InvalidGameError(
                f"outcome key {key!r}: a stage of {n} players needs a tuple with one strategy (or '*') per player"
            )
        key = (key,)
    if not isinstance(key, tuple) or len(key) != n:
        raise InvalidGameError(f"outcome key {key!r}: expected a tuple of {n} strategies (use '*' for any)")
    out: list[tuple[int, ...] | None] = []
    for i, part in enumerate(key):
        if isinstance(part, str) and part == WILDCARD:
            out.append(None)
            continue
        parts = part if isinstance(part, (tuple, list, frozenset, set)) else (part,)
        idx = []
        for s in parts:
            labels = game.strategies[i]
            if isinstance(s, str) and s in labels:
                idx.append(labels.index(s))
            elif isinstance(s, int) and not isinstance(s, bool) and 0 <= s < len(labels):
                idx.append(s)
            else:
                raise InvalidGameError(
                    f"outcome key {key!r}: {game.players[i]} has no strategy {s!r}; strategies are {list(labels)}"
                )
        out.append(tuple(sorted(set(idx))))
    return tuple(out)


@dataclass(frozen=True, eq=False)
class Stage:
    """A normal-form game played simultaneously; each outcome leads to a child node.

    Parameters
    ----------
    game : Game
        The stage game. Its payoffs are the stage payoffs of its players.
    outcomes : mapping
        ``{key: child}``. A key is a tuple with one entry per stage player: a strategy
        label, ``"*"`` (any strategy) or a tuple of labels (any of them). A lone ``"*"``
        matches every profile; one-player stages may use a plain label. A profile
        matched by several keys takes the most specific key (fewest wildcards);
        equally specific keys with different children are an error. Every profile
        must be matched. Children may be ``{player: payoff}`` mappings (terminals).
    players : mapping of str to str, optional
        Stage-game player label → player name in the sequential game
        (default: the stage game's labels).
    label : str, optional
        Name of the stage (default: the game's title).
    narration : mapping, optional
        ``{key: text}`` with keys as in ``outcomes``: plain-language text of outcomes.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=("US", "Russia"),
    ...                        strategies=(("Concede", "Keep"), ("Ceasefire", "Fight")))
    >>> s = Stage(g, {("Concede", "*"): {"US": 1}, ("Keep", "Ceasefire"): {"US": 2}, ("Keep", "Fight"): {}})
    >>> s.players, len(s.children), s.child_index
    (('US', 'Russia'), 3, (0, 0, 1, 2))
    >>> Stage(g, {("Concede", "*"): {}})
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: stage 'untitled': outcomes not mapped: (Keep, Ceasefire), (Keep, Fight)
    """

    game: Game
    outcomes: Any
    players: Any = None
    label: str | None = None
    narration: Any = None
    children: tuple = field(init=False, repr=False)
    child_index: tuple = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.game, Game):
            raise InvalidGameError(f"a stage needs a Game, got {type(self.game).__name__}")
        g = self.game
        name = self.label or g.title or "untitled"
        # player mapping
        given = self.players
        if given is None:
            names = g.players
        elif isinstance(given, Mapping):
            unknown = [p for p in given if p not in g.players]
            if unknown:
                raise InvalidGameError(f"stage {name!r}: players mapping names {unknown}, not players of the stage game {list(g.players)}")
            names = tuple(_label(given.get(p, p), "player name") for p in g.players)
        elif isinstance(given, (tuple, list)) and len(given) == g.num_players:
            names = tuple(_label(p, "player name") for p in given)
        else:
            raise InvalidGameError(f"stage {name!r}: players must map each stage player to a name")
        if len(set(names)) != len(names):
            raise InvalidGameError(f"stage {name!r}: two stage players map to one player ({list(names)})")
        object.__setattr__(self, "players", tuple(names))
        # outcome mapping
        if not isinstance(self.outcomes, Mapping) or not self.outcomes:
            raise InvalidGameError(f"stage {name!r}: outcomes must be a non-empty mapping {{profile: node}}")
        entries = []
        for key, child in self.outcomes.items():
            entries.append((_normalise_key(g, key), _as_node(child, f"stage {name!r}, outcome {key!r}"), key))
        kids: list = []
        ids: dict[int, int] = {}
        index = []
        missing = []
        for prof in np.ndindex(*g.shape):
            best: tuple[int, Any, Any] | None = None
            for norm, child, key in entries:
                if all(a is None or s in a for a, s in zip(norm, prof)):
                    spec = sum(a is not None for a in norm)
                    if best is None or spec > best[0]:
                        best = (spec, child, key)
                    elif spec == best[0] and child is not best[1]:
                        raise InvalidGameError(
                            f"stage {name!r}: outcome {self._profile_text(prof)} matches keys {best[2]!r} and {key!r} "
                            "with different continuations; add a more specific key"
                        )
            if best is None:
                missing.append(self._profile_text(prof))
                continue
            k = ids.setdefault(id(best[1]), len(kids))
            if k == len(kids):
                kids.append(best[1])
            index.append(k)
        if missing:
            raise InvalidGameError(f"stage {name!r}: outcomes not mapped: {', '.join(missing)}")
        object.__setattr__(self, "outcomes", tuple(e[2] for e in entries))
        object.__setattr__(self, "children", tuple(kids))
        object.__setattr__(self, "child_index", tuple(index))
        object.__setattr__(self, "label", _optional_text(self.label, "label"))
        narr = self.narration
        if narr is None:
            object.__setattr__(self, "narration", ())
        else:
            if not isinstance(narr, Mapping):
                raise InvalidGameError(f"stage {name!r}: narration must be a mapping {{outcome key: text}}")
            out = []
            for key, text in narr.items():
                if not isinstance(text, str):
                    raise InvalidGameError(f"stage {name!r}: narration for {key!r} must be a string")
                out.append((_normalise_key(g, key), text))
            object.__setattr__(self, "narration", tuple(out))

    def _profile_text(self, prof: Sequence[int]) -> str:
        return "(" + ", ".join(self.game.strategies[i][s] for i, s in enumerate(prof)) + ")"

    @property
    def name(self) -> str:
        """The label, else the game's title, else ``"stage"``."""
        return self.label or self.game.title or "stage"

    def profile_label(self, flat: int) -> str:
        """Label of the outcome with row-major index ``flat``, e.g. ``"Concede, Fight"``.

        Examples
        --------
        >>> from gametheory import Game
        >>> s = Stage(Game.from_bimatrix([[0, 0]], [[0, 0]], strategies=(("a",), ("x", "y"))), {"*": {}})
        >>> s.profile_label(1)
        'a, y'
        """
        prof = np.unravel_index(flat, self.game.shape)
        return ", ".join(self.game.strategies[i][int(s)] for i, s in enumerate(prof))

    def child_of(self, profile: Any) -> "Node":
        """The child an outcome (labels or indices) leads to.

        Examples
        --------
        >>> from gametheory import Game
        >>> s = Stage(Game.from_bimatrix([[0, 0]], [[0, 0]], strategies=(("a",), ("x", "y"))),
        ...           {("a", "x"): {"Player 1": 1}, ("a", "y"): {"Player 1": 2}})
        >>> s.child_of(("a", "y"))
        Terminal({Player 1: 2})
        """
        prof = self.game.pure_profile(profile)
        flat = int(np.ravel_multi_index(prof, self.game.shape))
        return self.children[self.child_index[flat]]


Node = Union[Stage, Decision, Chance, Terminal]


class Position(NamedTuple):
    """One position of the expanded tree (a node in its place).

    Examples
    --------
    >>> SequentialGame(Decision("A", {"x": {"A": 1}})).positions[1]
    Position(index=1, parent=0, edge=0, depth=1, children=())

    Attributes
    ----------
    index : int
        Pre-order index (the root is 0).
    node : Node
        The node at this position.
    parent : int
        Index of the parent position (-1 for the root).
    edge : int
        Which edge of the parent leads here: action, chance outcome or flat stage profile.
    depth : int
        Number of rounds (stages and decisions) before this position.
    children : tuple of int
        Child positions, one per edge (stages: one per pure profile, row-major).
    """

    index: int
    node: Any
    parent: int
    edge: int
    depth: int
    children: tuple[int, ...]

    def __repr__(self) -> str:
        return (f"Position(index={self.index}, parent={self.parent}, edge={self.edge}, "
                f"depth={self.depth}, children={self.children})")


class SequentialGame:
    """An immutable sequential game: a tree of stages, decisions, chance moves and terminals.

    Parameters
    ----------
    root : Node
        The first node.
    players : sequence of str, optional
        Player names, in display order. Default: in order of first appearance
        (movers and stage players first, then players only named in payoffs).
        When given, every player used in the tree must be listed.
    title : str, optional
        A name for displays and exports.
    discount : number, optional
        Per-round discount factor in ``(0, 1]`` (default 1): what follows a stage
        or decision is weighted by ``discount``.
    description : str, optional
        Free text (sources, scope) shown in reports.

    Raises
    ------
    InvalidGameError
        Unknown players, bad discount, too many positions (``MAX_POSITIONS``).

    Examples
    --------
    >>> g = SequentialGame(Decision("A", {"x": {"A": 1, "B": 0}, "y": {"A": 0, "B": 1}}), players=("A", "B"))
    >>> g.num_positions, g.exact
    (3, True)
    >>> SequentialGame(Decision("A", {"x": {"C": 1}}), players=("A", "B"))
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: unknown player 'C' in terminal payoffs; players are ['A', 'B']
    """

    __slots__ = ("_root", "_players", "_title", "_discount", "_description", "_exact", "_size", "__dict__")

    def __init__(
        self,
        root: Node,
        players: Sequence[str] | None = None,
        title: str | None = None,
        discount: Any = 1,
        description: str | None = None,
    ) -> None:
        root = _as_node(root, "root")
        found, exact, size = _scan(root)
        if players is None:
            names = found
        else:
            if isinstance(players, str):
                raise InvalidGameError("players must be a sequence of names, not a string")
            names = tuple(_label(p, "player") for p in players)
            if len(set(names)) != len(names):
                raise InvalidGameError(f"duplicate players in {list(names)}")
            if not set(found) <= set(names):
                for p, role in _player_roles(root):
                    if p not in names:
                        raise InvalidGameError(f"unknown player {p!r} in {role}; players are {list(names)}")
        if not names:
            raise InvalidGameError("a sequential game needs at least one player")
        d = _number(discount, "discount")
        if not 0 < d <= 1:
            raise InvalidGameError(f"discount must be in (0, 1], got {_exact.format_number(d)}")
        if size > MAX_POSITIONS:
            raise InvalidGameError(f"the tree has {size} positions; the limit is {MAX_POSITIONS}")
        self._root = root
        self._players = names
        self._title = _optional_text(title, "title")
        self._discount = d
        self._description = _optional_text(description, "description")
        self._exact = exact and isinstance(d, Fraction)
        self._size = size

    @property
    def root(self) -> Node:
        """The root node."""
        return self._root

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def num_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def title(self) -> str | None:
        """The title, if any."""
        return self._title

    @property
    def description(self) -> str | None:
        """Free-text description, if any."""
        return self._description

    @property
    def discount(self) -> _exact.Number:
        """Per-round discount factor."""
        return self._discount

    @property
    def exact(self) -> bool:
        """``True`` when every payoff, probability and the discount are exact."""
        return self._exact

    @property
    def tol(self) -> float:
        """0 for exact games, ``DEFAULT_TOL`` otherwise."""
        return 0.0 if self._exact else _exact.DEFAULT_TOL

    @property
    def num_positions(self) -> int:
        """Number of positions of the expanded tree (every node in every place)."""
        return self._size

    def player_index(self, player: str | int) -> int:
        """Index of a player by name or index.

        Examples
        --------
        >>> SequentialGame(Decision("A", {"x": {"B": 1}})).player_index("B")
        1
        """
        if isinstance(player, int) and not isinstance(player, bool):
            if 0 <= player < len(self._players):
                return player
        elif player in self._players:
            return self._players.index(player)
        raise InvalidGameError(f"unknown player {player!r}; players are {list(self._players)}")

    @cached_property
    def positions(self) -> tuple[Position, ...]:
        """Every position of the tree in pre-order (the root first).

        Examples
        --------
        >>> g = SequentialGame(Decision("A", {"x": {"A": 1}, "y": Decision("A", {"z": {"A": 2}})}))
        >>> [(p.index, p.parent, p.depth) for p in g.positions]
        [(0, -1, 0), (1, 0, 1), (2, 0, 1), (3, 2, 2)]
        """
        nodes: list[Any] = []
        parents: list[int] = []
        edges: list[int] = []
        depths: list[int] = []
        kids: list[list[int]] = []
        # iterative pre-order (trees may be deep); children indices are filled as they come
        stack: list[tuple[Any, int, int, int]] = [(self._root, -1, -1, 0)]
        pop, push = stack.pop, stack.append
        while stack:
            node, parent, edge, depth = pop()
            k = len(nodes)
            nodes.append(node)
            parents.append(parent)
            edges.append(edge)
            depths.append(depth)
            kids.append([])
            if parent >= 0:
                kids[parent].append(k)
            t = type(node)
            if t is Terminal:
                continue
            targets = node.children if t is not Stage else [node.children[j] for j in node.child_index]
            step = 0 if t is Chance else 1
            for e in range(len(targets) - 1, -1, -1):
                push((targets[e], k, e, depth + step))
        return tuple(map(Position, range(len(nodes)), nodes, parents, edges, depths, map(tuple, kids)))

    def history(self, position: int) -> tuple[str, ...]:
        """Labels of the moves leading to a position (empty for the root).

        Examples
        --------
        >>> g = SequentialGame(Decision("A", {"x": {"A": 1}, "y": Decision("A", {"z": {"A": 2}})}))
        >>> g.history(3)
        ('y', 'z')
        """
        pos = self.positions
        out = []
        k = position
        while pos[k].parent >= 0:
            out.append(edge_label(pos[pos[k].parent].node, pos[k].edge))
            k = pos[k].parent
        return tuple(reversed(out))

    def node_id(self, position: int) -> str:
        """A readable unique id of a position: ``"/"`` for the root, else ``"/a/b/..."``.

        Examples
        --------
        >>> g = SequentialGame(Decision("A", {"x": {"A": 1}, "y": Decision("A", {"z": {"A": 2}})}))
        >>> g.node_id(0), g.node_id(3)
        ('/', '/y/z')
        """
        return "/" + "/".join(self.history(position))

    def iter_nodes(self) -> Iterator[Node]:
        """Each distinct node object once (depth-first).

        Examples
        --------
        >>> end = Terminal({"A": 1})
        >>> len(list(SequentialGame(Decision("A", {"x": end, "y": end})).iter_nodes()))
        2
        """
        seen: set[int] = set()
        stack = [self._root]
        while stack:
            n = stack.pop()
            if id(n) in seen:
                continue
            seen.add(id(n))
            yield n
            stack.extend(reversed(n.children))

    def __repr__(self) -> str:
        name = f"'{self._title}'" if self._title else "untitled"
        return (
            f"SequentialGame({name}, players={self._players}, positions={self._size}, "
            f"{'exact' if self._exact else 'float'})"
        )

    def __str__(self) -> str:
        from .display import outline

        return outline(self)

    def _repr_html_(self) -> str:
        from .display import sequential_html

        return sequential_html(self)


def edge_label(node: Node, edge: int) -> str:
    """The label of one edge of a node: action, chance outcome, or stage profile ``"a, b"``."""
    if isinstance(node, Decision):
        return node.actions[edge]
    if isinstance(node, Chance):
        return node.outcomes[edge]
    if isinstance(node, Stage):
        return node.profile_label(edge)
    raise InvalidGameError("a terminal has no edges")


def _player_roles(root: Node) -> Iterator[tuple[str, str]]:
    seen: set[int] = set()
    stack = [root]
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, Decision):
            yield n.player, "a decision"
        elif isinstance(n, Stage):
            for p in n.players:
                yield p, f"stage {n.name!r}"
        elif isinstance(n, Terminal):
            for p, _ in n.payoffs:
                yield p, "terminal payoffs"
        stack.extend(reversed(n.children))


def _scan(root: Node) -> tuple[tuple[str, ...], bool, int]:
    """Players in order of appearance (movers first), exactness, and the number of positions."""
    movers: list[str] = []
    others: list[str] = []
    others_set: set[str] = set()
    exact = True
    seen: set[int] = set()
    stack = [root]
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        t = type(n)
        if t is Terminal:
            for p, v in n.payoffs:
                if p not in others_set:
                    others_set.add(p)
                    others.append(p)
                if exact and type(v) is not Fraction:
                    exact = False
            continue
        if t is Decision:
            if n.player not in movers:
                movers.append(n.player)
        elif t is Stage:
            movers.extend(p for p in n.players if p not in movers)
            exact = exact and n.game.exact
        else:
            exact = exact and all(type(p) is Fraction for p in n.probabilities)
        stack.extend(reversed(n.children))
    # positions of a DAG of shared nodes: count(node) = 1 + sum over edges of count(child),
    # computed in post-order (iteratively: trees may be deep)
    count: dict[int, int] = {}
    work: list[tuple[Node, bool]] = [(root, False)]
    while work:
        n, ready = work.pop()
        if id(n) in count:
            continue
        if not ready:
            work.append((n, True))
            work.extend((c, False) for c in n.children if id(c) not in count)
            continue
        if type(n) is Stage:
            sub = [count[id(c)] for c in n.children]
            count[id(n)] = 1 + sum(sub[k] for k in n.child_index)
        else:
            count[id(n)] = 1 + sum(count[id(c)] for c in n.children)
    players = tuple(movers) + tuple(p for p in others if p not in movers)
    return players, exact, count[id(root)]


def profiles_of(stage: Stage) -> Iterator[tuple[int, ...]]:
    """Pure profiles of a stage in row-major order (the order of its edges)."""
    return itertools.product(*[range(n) for n in stage.game.shape])
