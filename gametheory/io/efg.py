"""A neutral, immutable game-tree representation for extensive-form interchange.

This is the data that :func:`gametheory.io.gambit.read_efg` returns and
:func:`gametheory.io.gambit.write_efg` writes. It mirrors the Gambit ``.efg``
model with as few concepts as possible:

* :class:`EfgTree` ``(players, root, title="", comment="")`` — the player labels
  (unique strings, chance excluded) and the root node.
* :class:`PersonalNode` ``(player, infoset, actions, children, label="", infoset_label="")``
  — ``player`` moves; ``children[k]`` follows ``actions[k]``.
* :class:`ChanceNode` ``(infoset, actions, probabilities, children, label="", infoset_label="")``
  — nature moves; ``probabilities[k]`` is the chance of ``actions[k]``.
* :class:`TerminalNode` ``(outcome, payoffs, label="")`` — the game ends;
  ``payoffs[i]`` is the payoff of ``players[i]``; ``outcome`` is the outcome's label.

Information sets: nodes of one player (or of chance) with the same ``infoset``
key (an ``int`` or ``str``) form one information set; they must offer the same
actions (and, for chance, the same probabilities). ``infoset=None`` means "a
singleton information set of its own", which is all a perfect-information tree
needs. ``infoset_label`` is an optional name for the information set (Gambit
shows it); nodes of one information set must agree on it (empty labels are ignored).

Numbers follow :mod:`gametheory.exact`: ints, ``Fraction``, ``Decimal`` and
strings like ``"2/3"`` or ``"0.25"`` are stored as exact ``Fraction``; floats as
``float``. Exact chance probabilities must sum to exactly 1; float ones within
``DEFAULT_TOL``.

Nodes are frozen dataclasses, so trees compare and hash by value (recursively: fine for
the depths of real games, not for chains thousands of levels deep). Walk a tree with
:meth:`EfgTree.nodes` (iterative, pre-order, with paths of action indices).

Payoffs live only at terminal nodes. (Gambit also allows outcomes at interior
nodes; :func:`~gametheory.io.gambit.read_efg` adds those to the payoffs of every
terminal node below them, which is how Gambit defines payoffs.)

Examples
--------
>>> from fractions import Fraction
>>> from gametheory.io.efg import EfgTree, PersonalNode, ChanceNode, TerminalNode
>>> t = EfgTree(
...     players=("US", "Russia"),
...     root=PersonalNode("US", None, ("Concede", "Hold"), (
...         TerminalNode("deal", (1, 2)),
...         ChanceNode(None, ("war", "talks"), ("1/3", "2/3"), (
...             TerminalNode("war", (-1, -1)),
...             TerminalNode("talks", (2, 1)),
...         )),
...     )),
...     title="Toy",
... )
>>> t.root.children[1].probabilities
(Fraction(1, 3), Fraction(2, 3))
>>> [(path, type(node).__name__) for path, node in t.nodes()]
[((), 'PersonalNode'), ((0,), 'TerminalNode'), ((1,), 'ChanceNode'), ((1, 0), 'TerminalNode'), ((1, 1), 'TerminalNode')]
>>> t.is_perfect_information
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterator, Sequence, Union

from .. import exact as _exact
from ..errors import InvalidGameError, InvalidNumberError

__all__ = ["EfgTree", "PersonalNode", "ChanceNode", "TerminalNode", "Node"]

InfosetKey = Union[int, str, None]


def _str_tuple(values: Any, what: str) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise InvalidGameError(f"{what} must be a sequence of strings, got {values!r}")
    out = tuple(values)
    for v in out:
        if not isinstance(v, str):
            raise InvalidGameError(f"{what}: {v!r} is not a string")
    return out


def _numbers(values: Any, what: str) -> tuple:
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise InvalidGameError(f"{what} must be a sequence of numbers, got {values!r}")
    try:
        return tuple(_exact.to_number(v) for v in values)
    except InvalidNumberError as err:
        raise InvalidGameError(f"{what}: {err}") from None


def _check_infoset(infoset: Any) -> None:
    if infoset is not None and (isinstance(infoset, bool) or not isinstance(infoset, (int, str))):
        raise InvalidGameError(f"infoset must be an int, a str or None, got {infoset!r}")


def _check_children(children: Any, actions: tuple[str, ...]) -> tuple:
    if isinstance(children, str) or not isinstance(children, Sequence):
        raise InvalidGameError(f"children must be a sequence of nodes, got {children!r}")
    kids = tuple(children)
    for c in kids:
        if not isinstance(c, (PersonalNode, ChanceNode, TerminalNode)):
            raise InvalidGameError(f"child {c!r} is not a node")
    if not actions:
        raise InvalidGameError("a decision or chance node needs at least one action")
    if len(kids) != len(actions):
        raise InvalidGameError(f"{len(actions)} actions but {len(kids)} children")
    return kids


@dataclass(frozen=True)
class TerminalNode:
    """A leaf: the game ends with ``payoffs`` (one per player, in ``EfgTree.players`` order).

    Parameters
    ----------
    outcome : str
        The outcome's label ("" for none).
    payoffs : sequence of numbers
        Stored exact (``Fraction``) or float per :mod:`gametheory.exact`.
    label : str, optional
        The node's own label.

    Examples
    --------
    >>> TerminalNode("deal", (1, "1/2")).payoffs
    (Fraction(1, 1), Fraction(1, 2))
    """

    outcome: str
    payoffs: tuple
    label: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.outcome, str) or not isinstance(self.label, str):
            raise InvalidGameError("outcome and label of a terminal node must be strings")
        object.__setattr__(self, "payoffs", _numbers(self.payoffs, "payoffs"))


@dataclass(frozen=True)
class PersonalNode:
    """A decision of ``player``: ``children[k]`` follows ``actions[k]``.

    Parameters
    ----------
    player : str
        One of ``EfgTree.players``.
    infoset : int, str or None
        Information-set key (see the module docstring); ``None``: a singleton set.
    actions : sequence of str
        Action labels, at least one.
    children : sequence of nodes
        One per action.
    label, infoset_label : str, optional
        Labels of the node and of its information set.

    Examples
    --------
    >>> n = PersonalNode("Row", 1, ["L", "R"], [TerminalNode("", (0,)), TerminalNode("", (1,))])
    >>> n.actions, len(n.children)
    (('L', 'R'), 2)
    """

    player: str
    infoset: InfosetKey
    actions: tuple[str, ...]
    children: tuple
    label: str = ""
    infoset_label: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.player, str):
            raise InvalidGameError(f"player must be a player label (str), got {self.player!r}")
        if not isinstance(self.label, str) or not isinstance(self.infoset_label, str):
            raise InvalidGameError("label and infoset_label must be strings")
        _check_infoset(self.infoset)
        acts = _str_tuple(self.actions, "actions")
        object.__setattr__(self, "actions", acts)
        object.__setattr__(self, "children", _check_children(self.children, acts))


@dataclass(frozen=True)
class ChanceNode:
    """A move of nature: action ``actions[k]`` happens with probability ``probabilities[k]``.

    Parameters
    ----------
    infoset : int, str or None
        Information-set key of chance (``None``: a singleton set).
    actions : sequence of str
        Action labels, at least one.
    probabilities : sequence of numbers
        Non-negative, summing to 1 (exactly when exact).
    children : sequence of nodes
        One per action.
    label, infoset_label : str, optional
        Labels of the node and of its information set.

    Examples
    --------
    >>> c = ChanceNode(None, ("heads", "tails"), ("1/2", "1/2"), (TerminalNode("", (1,)), TerminalNode("", (-1,))))
    >>> c.probabilities
    (Fraction(1, 2), Fraction(1, 2))
    >>> ChanceNode(None, ("a",), ("1/2",), (TerminalNode("", (0,)),))
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: chance probabilities sum to 1/2, not 1
    """

    infoset: InfosetKey
    actions: tuple[str, ...]
    probabilities: tuple
    children: tuple
    label: str = ""
    infoset_label: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.label, str) or not isinstance(self.infoset_label, str):
            raise InvalidGameError("label and infoset_label must be strings")
        _check_infoset(self.infoset)
        acts = _str_tuple(self.actions, "actions")
        probs = _numbers(self.probabilities, "probabilities")
        if len(probs) != len(acts):
            raise InvalidGameError(f"{len(acts)} actions but {len(probs)} probabilities")
        if any(p < 0 for p in probs):
            raise InvalidGameError(f"negative chance probability in {[_exact.format_number(p) for p in probs]}")
        if probs and all(isinstance(p, Fraction) for p in probs):
            total = sum(probs, Fraction(0))
            if total != 1:
                raise InvalidGameError(f"chance probabilities sum to {_exact.format_number(total)}, not 1")
        elif probs and abs(sum(float(p) for p in probs) - 1) > _exact.DEFAULT_TOL:
            raise InvalidGameError(f"chance probabilities sum to {sum(float(p) for p in probs)!r}, not 1")
        object.__setattr__(self, "actions", acts)
        object.__setattr__(self, "probabilities", probs)
        object.__setattr__(self, "children", _check_children(self.children, acts))


Node = Union[PersonalNode, ChanceNode, TerminalNode]


@dataclass(frozen=True)
class EfgTree:
    """An extensive-form game tree: labelled players and a root node.

    Parameters
    ----------
    players : sequence of str
        Unique player labels (chance is not a player).
    root : PersonalNode, ChanceNode or TerminalNode
        The root of the tree.
    title, comment : str, optional
        Free text carried to and from files.

    Raises
    ------
    InvalidGameError
        Unknown or duplicate players, payoff vectors of the wrong length, or nodes of
        one information set with different actions, probabilities or labels.

    Examples
    --------
    >>> t = EfgTree(("A", "B"), PersonalNode("A", 1, ("x", "y"), (
    ...     PersonalNode("B", 1, ("l", "r"), (TerminalNode("", (1, 0)), TerminalNode("", (0, 1)))),
    ...     PersonalNode("B", 1, ("l", "r"), (TerminalNode("", (0, 1)), TerminalNode("", (1, 0)))),
    ... )))
    >>> t.is_perfect_information, t.infosets()["B"]
    (False, {1: ((0,), (1,))})
    >>> EfgTree(("A",), TerminalNode("", (1, 2)))
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: terminal node at path (): 2 payoffs for 1 players
    """

    players: tuple[str, ...]
    root: Node
    title: str = ""
    comment: str = ""
    _infosets: dict = field(default=None, init=False, repr=False, compare=False, hash=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        players = _str_tuple(self.players, "players")
        if len(set(players)) != len(players):
            dup = sorted({p for p in players if players.count(p) > 1})
            raise InvalidGameError(f"duplicate player labels {dup}")
        if not isinstance(self.title, str) or not isinstance(self.comment, str):
            raise InvalidGameError("title and comment must be strings")
        if not isinstance(self.root, (PersonalNode, ChanceNode, TerminalNode)):
            raise InvalidGameError(f"root must be a node, got {self.root!r}")
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "_infosets", self._validate())

    def _validate(self) -> dict:
        n = len(self.players)
        known = set(self.players)
        # (owner, key) -> (actions, probabilities or None, infoset_label, paths); owner None is chance
        sets: dict = {}
        for path, node in self.nodes():
            if isinstance(node, TerminalNode):
                if len(node.payoffs) != n:
                    raise InvalidGameError(f"terminal node at path {path}: {len(node.payoffs)} payoffs for {n} players")
                continue
            owner = None if isinstance(node, ChanceNode) else node.player
            if owner is not None and owner not in known:
                raise InvalidGameError(f"node at path {path}: unknown player {owner!r}; players are {list(self.players)}")
            if node.infoset is None:
                key: Any = ("singleton", path)
            else:
                key = node.infoset
            probs = node.probabilities if isinstance(node, ChanceNode) else None
            entry = sets.get((owner, key))
            if entry is None:
                sets[(owner, key)] = [node.actions, probs, node.infoset_label, [path]]
                continue
            who = "chance" if owner is None else repr(owner)
            if entry[0] != node.actions:
                raise InvalidGameError(
                    f"node at path {path}: information set {node.infoset!r} of {who} has actions "
                    f"{list(entry[0])} elsewhere but {list(node.actions)} here"
                )
            if entry[1] != probs:
                raise InvalidGameError(f"node at path {path}: chance information set {node.infoset!r} has other probabilities elsewhere")
            if node.infoset_label and entry[2] and entry[2] != node.infoset_label:
                raise InvalidGameError(
                    f"node at path {path}: information set {node.infoset!r} of {who} is labelled "
                    f"{entry[2]!r} elsewhere but {node.infoset_label!r} here"
                )
            entry[2] = entry[2] or node.infoset_label
            entry[3].append(path)
        return sets

    def nodes(self) -> Iterator[tuple[tuple[int, ...], Node]]:
        """Iterate over ``(path, node)`` in depth-first pre-order (Gambit's file order).

        ``path`` is the tuple of action indices leading from the root to the node.

        Examples
        --------
        >>> t = EfgTree(("A",), PersonalNode("A", None, ("x", "y"), (TerminalNode("", (1,)), TerminalNode("", (2,)))))
        >>> [p for p, _ in t.nodes()]
        [(), (0,), (1,)]
        """
        stack: list[tuple[tuple[int, ...], Node]] = [((), self.root)]
        while stack:
            path, node = stack.pop()
            yield path, node
            if not isinstance(node, TerminalNode):
                for k in range(len(node.children) - 1, -1, -1):
                    stack.append(((*path, k), node.children[k]))

    def node(self, path: Sequence[int]) -> Node:
        """The node reached from the root by the action indices in ``path``.

        Examples
        --------
        >>> t = EfgTree(("A",), PersonalNode("A", None, ("x", "y"), (TerminalNode("", (1,)), TerminalNode("end", (2,)))))
        >>> t.node((1,)).outcome
        'end'
        """
        node = self.root
        for k in path:
            if isinstance(node, TerminalNode):
                raise InvalidGameError(f"path {tuple(path)} goes below a terminal node")
            node = node.children[k]
        return node

    def infosets(self) -> dict:
        """Information sets: ``{player or "chance": {infoset key: (path, ...)}}``.

        Singleton sets given as ``None`` are keyed by their node's path, as
        ``("singleton", path)``.

        Examples
        --------
        >>> t = EfgTree(("A",), PersonalNode("A", 7, ("x",), (TerminalNode("", (1,)),)))
        >>> t.infosets()
        {'A': {7: ((),)}}
        """
        out: dict = {}
        for (owner, key), entry in self._infosets.items():
            out.setdefault("chance" if owner is None else owner, {})[key] = tuple(entry[3])
        return out

    @property
    def is_perfect_information(self) -> bool:
        """``True`` when every information set is a single node.

        Examples
        --------
        >>> EfgTree(("A",), TerminalNode("", (0,))).is_perfect_information
        True
        """
        return all(len(entry[3]) == 1 for entry in self._infosets.values())

    @property
    def exact(self) -> bool:
        """``True`` when every payoff and probability is an exact ``Fraction``.

        Examples
        --------
        >>> EfgTree(("A",), TerminalNode("", (0.5,))).exact
        False
        """
        for _, node in self.nodes():
            values = node.payoffs if isinstance(node, TerminalNode) else getattr(node, "probabilities", ())
            if any(not isinstance(v, Fraction) for v in values):
                return False
        return True
