"""The extensive-form game: one immutable tree model with information sets and chance.

An :class:`ExtensiveGame` is a rooted tree built from four kinds of node:

* :class:`Decision` — one player chooses among labelled actions. Decisions of one
  player that share an ``infoset`` key form one **information set**: the player
  cannot tell them apart (they must offer the same actions). Without a key a
  decision is an information set of its own (the player knows where they are).
* :class:`Chance` — nature picks an outcome with given probabilities: random events,
  and the **types** of players drawn from a common prior (Harsanyi).
* :class:`Stage` — sugar for a simultaneous move: a normal-form
  :class:`~gametheory.Game` played by some of the players; every outcome (pure
  profile) leads to a child node. In the extensive form a stage is one move per
  stage player, each in an information set that hides the others' moves (and,
  with ``infosets=``, other stages that player cannot tell apart).
* :class:`Terminal` — the play ends with payoffs by player name.

The same type is what the composer (:mod:`gametheory.sequential`) builds, what
:func:`gametheory.read_efg` returns and :func:`gametheory.write_efg` writes, what
the ``[composition]`` table of a game file describes, and what every tree solver
takes (``SequentialGame`` is the same class under its older name).

Payoffs accumulate along a play: the stage payoffs of every stage passed plus the
terminal payoffs, each round discounted by ``discount`` (default 1, no discounting).
Every :class:`Stage` and :class:`Decision` is one round; chance moves take no time.

Tree semantics: a node object may be used in several places (for instance two
outcomes of a stage mapped to the same continuation); each place is a distinct
*position* of the tree, with its own strategy, exactly as in the extensive form.
A decision without an ``infoset`` key is a separate information set in each place;
with a key, all its places (and every other decision with that key) are one.

Examples
--------
>>> from gametheory.extensive import Chance, Decision, ExtensiveGame
>>> entry = Decision("Entrant", {
...     "Out": {"Entrant": 0, "Incumbent": 2},
...     "In": Decision("Incumbent", {"Fight": {"Entrant": -1, "Incumbent": -1},
...                                  "Cooperate": {"Entrant": 1, "Incumbent": 1}}),
... })
>>> game = ExtensiveGame(entry, title="Chain store (one market)")
>>> game.players, game.num_positions, game.is_perfect_information
(('Entrant', 'Incumbent'), 5, True)

Russia's resolve is its private information (a type drawn by chance); NATO sees a
challenge but not the type, so its two decisions form one information set:

>>> respond = lambda hard: {"Defend": {"Russia": -1 if not hard else 1, "NATO": -1},
...                         "Yield": {"Russia": 2, "NATO": -2}}
>>> g = ExtensiveGame(Chance({
...     "hard": ("1/3", Decision("Russia", {"Challenge": Decision("NATO", respond(True), infoset="challenged"),
...                                         "Wait": {"Russia": 0, "NATO": 0}}, infoset="Russia hard")),
...     "soft": ("2/3", Decision("Russia", {"Challenge": Decision("NATO", respond(False), infoset="challenged"),
...                                         "Wait": {"Russia": 0, "NATO": 0}}, infoset="Russia soft")),
... }, label="Russia's resolve"), players=("Russia", "NATO"))
>>> [(h.player, h.name, len(h.nodes)) for h in g.infosets]
[('Russia', 'Russia hard', 1), ('NATO', 'challenged', 2), ('Russia', 'Russia soft', 1)]
>>> g.is_perfect_information, g.perfect_recall
(False, True)
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
    "ExtensiveGame",
    "InformationSet",
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


def _infoset_key(value: Any, what: str) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not value:
        raise InvalidGameError(f"{what} must be a non-empty string key, got {value!r}")
    if value.startswith("/"):
        raise InvalidGameError(f"{what} {value!r}: keys must not start with '/' (the prefix of position ids)")


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
    outcome : mapping of str to number, or tuple of (str, Fraction) pairs, optional
        What the play ends with, as named attributes (alliance status, territory,
        sanctions, ...): set by valued compositions (:mod:`gametheory.sequential.valued`),
        whose payoffs value these attributes. Terminals with equal ``outcome`` are the
        same outcome (structural ties). ``None`` when not given.

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
    outcome: Any = None

    def __post_init__(self) -> None:
        if isinstance(self.outcome, tuple) and all(type(k) is str and k and type(v) is Fraction for k, v in self.outcome):
            pass  # already (attribute, exact value) pairs, as the valued composer shares them
        elif self.outcome is not None:
            if not isinstance(self.outcome, Mapping):
                raise InvalidGameError(f"terminal outcome must be a mapping {{attribute: value}}, got {self.outcome!r}")
            object.__setattr__(self, "outcome", tuple((_label(k, "outcome attribute"), _number(v, f"outcome {k}"))
                                                      for k, v in self.outcome.items()))
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
    infoset : str, optional
        Information-set key: every decision of this player with the same key, in
        every place it occurs, is one information set (same actions required). The
        player cannot tell those nodes apart. Default: an information set of its own
        in each place. Keys must not start with ``"/"`` (the prefix of position ids).

    Examples
    --------
    >>> d = Decision("US", {"Concede": {"US": 1}, "Keep leverage": {"US": 2}})
    >>> d.actions, d.player, d.infoset
    (('Concede', 'Keep leverage'), 'US', None)
    >>> Decision("NATO", {"Defend": {}, "Yield": {}}, infoset="challenged").infoset
    'challenged'
    >>> Decision("US", {})
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: decision of US needs at least one action
    """

    player: str
    actions: Any
    label: str | None = None
    narration: Any = None
    infoset: str | None = None
    children: tuple = field(init=False, repr=False)

    def __post_init__(self) -> None:
        _label(self.player, "decision player")
        _infoset_key(self.infoset, f"information set of {self.player}")
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
    infosets : mapping of str to str, optional
        ``{player: key}`` (player names after renaming): that player's move here is
        in the information set ``key`` together with every decision and stage move of
        theirs with the same key (same strategies/actions required). This is how a
        player who does not know another's type plays one strategy across the stages
        of each type. Default: the player's move at this stage is an information set
        of its own (in each place the stage occurs).

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
    infosets: Any = None
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
        keys = self.infosets
        if keys is None:
            keys = {}
        if not isinstance(keys, Mapping):
            raise InvalidGameError(f"stage {name!r}: infosets must be a mapping {{player: key}}")
        for p, k in keys.items():
            if p not in names:
                raise InvalidGameError(f"stage {name!r}: infosets names {p!r}, not a player of this stage {list(names)}")
            _infoset_key(k, f"stage {name!r}: information set of {p}")
        object.__setattr__(self, "infosets", tuple((p, keys[p]) for p in names if p in keys))
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


class ExtensiveGame:
    """An immutable extensive-form game: decisions in information sets, chance, stages, terminals.

    ``SequentialGame`` is the same class (its name in earlier versions).

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
        Unknown players, bad discount, too many positions (``MAX_POSITIONS``), an
        information set whose nodes offer different actions.

    Examples
    --------
    >>> g = ExtensiveGame(Decision("A", {"x": {"A": 1, "B": 0}, "y": {"A": 0, "B": 1}}), players=("A", "B"))
    >>> g.num_positions, g.exact
    (3, True)
    >>> ExtensiveGame(Decision("A", {"x": {"C": 1}}), players=("A", "B"))
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: unknown player 'C' in terminal payoffs; players are ['A', 'B']
    >>> ExtensiveGame(Decision("A", {"x": Decision("B", {"l": {}}, infoset="b"),
    ...                             "y": Decision("B", {"r": {}}, infoset="b")}))
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: information set 'b' of B has actions ['l'] in one place and ['r'] in another
    """

    __slots__ = ("_root", "_players", "_title", "_discount", "_description", "_exact", "_size", "_keyed",
                 "__dict__")

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
        self._keyed = _check_keyed_infosets(root)
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
            raise InvalidGameError("an extensive-form game needs at least one player")
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

    def short_id(self, position: int) -> str:
        """The position id (``"/a/b"``) when short, else ``"#k"``: names stay linear in the tree size.

        Examples
        --------
        >>> g = ExtensiveGame(Decision("A", {"x": {"A": 1}, "y": Decision("A", {"z": {"A": 2}})}))
        >>> g.short_id(3)
        '/y/z'
        """
        pos = self.positions
        depth = 0
        j = position
        while j > 0 and depth <= 8:
            j = pos[j].parent
            depth += 1
        if depth <= 8:
            nid = self.node_id(position)
            if len(nid) <= 80:
                return nid
        return f"#{position}"

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

    # -- information ----------------------------------------------------------------
    @cached_property
    def flat(self) -> "FlatTree":
        """The tree with every stage expanded into moves: what the solvers work on.

        See :class:`gametheory.extensive.flat.FlatTree`: one node per move (a stage
        of ``m`` players becomes ``m`` levels of moves), information sets, sequences,
        and the total payoff (accumulated stage payoffs, discounted) at each leaf.

        Examples
        --------
        >>> from gametheory import Game
        >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("A", "B"))
        >>> t = ExtensiveGame(Stage(pd, {"*": {}})).flat
        >>> t.num_nodes, [len(h.nodes) for h in t.infosets]
        (7, [1, 2])
        """
        from .flat import build_flat

        return build_flat(self)

    @property
    def infosets(self) -> tuple["InformationSet", ...]:
        """Every information set of the players, in order of first appearance (pre-order).

        Examples
        --------
        >>> g = ExtensiveGame(Decision("A", {"x": Decision("B", {"l": {"A": 1}, "r": {}}, infoset="b"),
        ...                                 "y": Decision("B", {"l": {}, "r": {"A": 1}}, infoset="b")}))
        >>> [(h.player, h.name, h.actions, h.positions) for h in g.infosets]
        [('A', '/', ('x', 'y'), (0,)), ('B', 'b', ('l', 'r'), (1, 4))]
        """
        return self.flat.infosets

    def infoset(self, player: str | int, name: str) -> "InformationSet":
        """The information set of ``player`` called ``name`` (a key, or a position id such as ``"/In"``).

        Examples
        --------
        >>> g = ExtensiveGame(Decision("A", {"x": {"A": 1}, "y": Decision("B", {"l": {}})}))
        >>> g.infoset("B", "/y").actions
        ('l',)
        """
        i = self.player_index(player)
        for h in self.flat.infosets:
            if h.player == self._players[i] and h.name == name:
                return h
        names = [h.name for h in self.flat.infosets if h.player == self._players[i]]
        raise InvalidGameError(f"{self._players[i]} has no information set {name!r}; theirs are {names}")

    @property
    def is_perfect_information(self) -> bool:
        """``True`` when every information set is a single node (stages of 2+ players are not).

        Examples
        --------
        >>> ExtensiveGame(Decision("A", {"x": {"A": 1}})).is_perfect_information
        True
        """
        return all(len(h.nodes) == 1 for h in self.flat.infosets)

    @property
    def perfect_recall(self) -> bool:
        """``True`` when no player ever forgets what they knew or did (Kuhn 1953).

        Every node of an information set must follow the same sequence of the
        player's own information sets and actions. Behaviour strategies, the
        sequence form and sequential equilibria need it.

        Examples
        --------
        >>> forget = ExtensiveGame(Decision("A", {"x": Decision("A", {"l": {"A": 1}, "r": {}}, infoset="h"),
        ...                                       "y": Decision("A", {"l": {}, "r": {"A": 2}}, infoset="h")}))
        >>> forget.perfect_recall
        False
        """
        if not self._keyed:  # every information set lies within one position: nobody can forget
            return True
        return self.flat.recall_problem is None

    @property
    def subgame_at_every_position(self) -> bool:
        """``True`` when no information set spans two positions (only stages hide moves).

        Then every position starts a subgame and backward induction over positions
        finds every subgame-perfect equilibrium; otherwise the solvers work on the
        proper subgames (:mod:`gametheory.extensive.subgames`).

        Examples
        --------
        >>> ExtensiveGame(Decision("A", {"x": {"A": 1}})).subgame_at_every_position
        True
        """
        if not self._keyed:
            return True
        return all(len(h.positions) == 1 for h in self.flat.infosets)

    # -- equality -------------------------------------------------------------------
    @cached_property
    def _digest(self) -> str:
        from ..provenance import game_digest

        return game_digest(self)

    def __eq__(self, other: object) -> bool:
        """Equal trees: same players, title, discount, positions (moves, labels of edges, information-set
        keys, probabilities, stage games, payoffs); node labels and narration do not count.

        Examples
        --------
        >>> ExtensiveGame(Decision("A", {"x": {"A": 1}})) == ExtensiveGame(Decision("A", {"x": {"A": 1}}, label="d"))
        True
        """
        if not isinstance(other, ExtensiveGame):
            return NotImplemented
        return self is other or self._digest == other._digest

    def __hash__(self) -> int:
        return hash(self._digest)

    def __repr__(self) -> str:
        name = f"'{self._title}'" if self._title else "untitled"
        return (
            f"ExtensiveGame({name}, players={self._players}, positions={self._size}, "
            f"{'exact' if self._exact else 'float'})"
        )

    def __str__(self) -> str:
        from ..sequential.display import outline

        return outline(self)

    def _repr_html_(self) -> str:
        from ..sequential.display import sequential_html

        return sequential_html(self)


#: The name used in earlier versions; the same class.
SequentialGame = ExtensiveGame


@dataclass(frozen=True)
class InformationSet:
    """One information set: the nodes where a player moves without knowing which one it is.

    Attributes
    ----------
    index : int
        Position in :attr:`ExtensiveGame.infosets` (pre-order of first appearance).
    player : str
        The player who moves.
    name : str
        Its key, or for an information set of its own the id of its position
        (``"/"``, ``"/In"``; ``"#k"`` for deep positions), unique per player.
    actions : tuple of str
        The actions (for a stage move: the player's stage strategies).
    nodes : tuple of int
        Its nodes in :attr:`ExtensiveGame.flat` (the tree with stages expanded).
    positions : tuple of int
        The positions (decisions or stages) where it occurs.

    Examples
    --------
    >>> h = ExtensiveGame(Decision("A", {"x": {"A": 1}})).infosets[0]
    >>> h.player, h.name, h.actions, h.nodes
    ('A', '/', ('x',), (0,))
    """

    index: int
    player: str
    name: str
    actions: tuple[str, ...]
    nodes: tuple[int, ...]
    positions: tuple[int, ...]


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


def _check_keyed_infosets(root: Node) -> bool:
    """Check that decisions and stage moves sharing an information-set key offer the same actions.

    Returns ``True`` when the tree uses any information-set key.
    """
    seen_ids: set[int] = set()
    actions: dict[tuple[str, str], tuple[str, ...]] = {}
    stack = [root]
    while stack:
        n = stack.pop()
        if id(n) in seen_ids:
            continue
        seen_ids.add(id(n))
        t = type(n)
        pairs: list[tuple[str, str, tuple[str, ...]]] = []
        if t is Decision and n.infoset is not None:
            pairs.append((n.player, n.infoset, n.actions))
        elif t is Stage and n.infosets:
            keyed = dict(n.infosets)
            pairs.extend((p, keyed[p], n.game.strategies[i]) for i, p in enumerate(n.players) if p in keyed)
        for player, key, acts in pairs:
            known = actions.setdefault((player, key), acts)
            if known != acts:
                raise InvalidGameError(
                    f"information set {key!r} of {player} has actions {list(known)} in one place and {list(acts)} "
                    "in another"
                )
        stack.extend(reversed(n.children))
    return bool(actions)


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
