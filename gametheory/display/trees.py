"""Layout of a sequential game's tree for drawing, shared by the TikZ and matplotlib outputs.

One layout, two renderers: :func:`gametheory.io.latex.tree_tikz` (``istgame``) and
:func:`gametheory.display.plots.game_tree_figure` (matplotlib) draw the same nodes
at the same places with the same subgame-perfect path highlighted.

Large trees (the composed scenario has hundreds of positions) are *pruned to the
equilibrium path*: every position reached with positive probability is expanded,
each move not taken ends in a collapsed leaf that shows the payoffs the equilibrium
gives from there on. Leaf payoffs are always totals from the root (stage payoffs on
the way plus the terminal's, discounted), exactly as in
:meth:`~gametheory.sequential.SubgamePerfectEquilibrium.plays`.

Leaves take consecutive slots from top to bottom; every other node sits at the
mean height of its children (in leaf units).

Examples
--------
>>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
>>> g = SequentialGame(Decision("Entrant", {"Out": {"Entrant": 1, "Incumbent": 5},
...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}))
>>> lay = tree_layout(g, subgame_perfect_equilibria(g)[0])
>>> [(n.kind, n.label, n.on_path) for n in lay.nodes]
[('decision', '', False), ('terminal', 'Out', False), ('decision', 'In', True), ('terminal', 'Cooperate', True), ('terminal', 'Fight', False)]
>>> lay.nodes[3].payoffs
(Fraction(2, 1), Fraction(2, 1))
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..errors import InvalidGameError

if TYPE_CHECKING:
    from ..sequential import SequentialGame, SubgamePerfectEquilibrium

__all__ = ["TreeNode", "TreeLayout", "tree_layout", "DEFAULT_MAX_NODES"]

#: Trees with more positions than this are pruned to the equilibrium path by default.
DEFAULT_MAX_NODES = 60


@dataclass(frozen=True)
class TreeNode:
    """One drawn node.

    Attributes
    ----------
    position : int
        Position index in the game (pre-order).
    parent : int
        Index of the parent in :attr:`TreeLayout.nodes` (-1 for the root).
    kind : str
        ``"decision"``, ``"stage"``, ``"chance"``, ``"terminal"`` or ``"collapsed"``
        (a subtree not drawn; its payoffs are the equilibrium's from there on).
    owner : str
        Who moves: the player, the stage's name (with its players), ``"Chance"``; ``""`` at leaves.
    label : str
        Label of the edge from the parent (action, stage profile, chance outcome).
    probability : number or None
        Probability of that edge when it is not 0 or 1 (chance moves, mixing).
    on_path : bool
        The edge from the parent is played with positive probability in the equilibrium.
    payoffs : tuple or None
        At leaves: total payoffs from the root, in ``game.players`` order.
    x, y : float
        Depth and vertical place (leaf units, the root at ``y = 0``, up positive).
    infoset : int or None
        For a move in an information set that spans several positions: its index in
        ``game.infosets`` (drawn nodes with the same index are joined by a dashed line).
    belief : number or None
        At such a node: the probability the mover gives it (the equilibrium's beliefs,
        or Bayes' rule where it applies).
    """

    position: int
    parent: int
    kind: str
    owner: str
    label: str
    probability: Any
    on_path: bool
    payoffs: tuple | None
    x: float
    y: float
    infoset: int | None = None
    belief: Any = None


@dataclass(frozen=True)
class TreeLayout:
    """The nodes of a drawn tree (pre-order: every parent before its children).

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame
    >>> lay = tree_layout(SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}}), title="T"))
    >>> lay.players, lay.depth, lay.height, lay.pruned
    (('A',), 1, 2.0, False)
    """

    title: str | None
    players: tuple[str, ...]
    nodes: tuple[TreeNode, ...]
    pruned: bool

    @property
    def depth(self) -> int:
        """Largest depth of a drawn node."""
        return int(max(n.x for n in self.nodes))

    @property
    def height(self) -> float:
        """Vertical extent in leaf units."""
        ys = [n.y for n in self.nodes]
        return max(ys) - min(ys) + 1.0

    def information_sets(self) -> dict[int, list[int]]:
        """``{information set: drawn nodes}`` for sets with two or more drawn nodes (top to bottom).

        Examples
        --------
        >>> from gametheory.extensive import Decision, ExtensiveGame
        >>> g = ExtensiveGame(Decision("A", {"x": Decision("B", {"l": {}}, infoset="b"),
        ...                                 "y": Decision("B", {"l": {}}, infoset="b")}))
        >>> tree_layout(g).information_sets()
        {1: [1, 3]}
        """
        out: dict[int, list[int]] = {}
        for j, n in enumerate(self.nodes):
            if n.infoset is not None:
                out.setdefault(n.infoset, []).append(j)
        return {h: sorted(js, key=lambda j: -self.nodes[j].y) for h, js in out.items() if len(js) > 1}

    def children(self, k: int) -> list[int]:
        """Indices of the drawn children of node ``k``.

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame
        >>> tree_layout(SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}}))).children(0)
        [1, 2]
        """
        return [j for j, n in enumerate(self.nodes) if n.parent == k]


def _owner(node: Any) -> tuple[str, str]:
    from ..sequential import Chance, Decision, Stage, Terminal

    if isinstance(node, Decision):
        return "decision", node.player
    if isinstance(node, Stage):
        return "stage", f"{node.name} ({', '.join(node.players)})" if node.name else ", ".join(node.players)
    if isinstance(node, Chance):
        return "chance", node.label or "Chance"
    assert isinstance(node, Terminal)
    return "terminal", ""


def tree_layout(
    game: "SequentialGame",
    equilibrium: "SubgamePerfectEquilibrium | None" = None,
    *,
    prune: str = "auto",
    max_nodes: int = DEFAULT_MAX_NODES,
) -> TreeLayout:
    """Place the nodes of a sequential game's tree, optionally pruned to an equilibrium path.

    Parameters
    ----------
    game : SequentialGame
    equilibrium : SubgamePerfectEquilibrium, optional
        Its moves are marked ``on_path``; needed for pruning.
    prune : {"auto", "path", "none"}
        ``"path"`` expands only positions the equilibrium reaches; ``"none"`` draws every
        position; ``"auto"`` prunes when the game has more than ``max_nodes`` positions.
    max_nodes : int
        Largest number of positions drawn without pruning.

    Raises
    ------
    InvalidGameError
        Pruning was asked for (or needed) without an equilibrium, or ``prune`` is unknown.

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
    >>> g = SequentialGame(Decision("A", {"x": Decision("B", {"l": {"A": 1, "B": 1}, "r": {"A": 0, "B": 0}}),
    ...                                   "y": {"A": 0, "B": 3}}))
    >>> lay = tree_layout(g, subgame_perfect_equilibria(g)[0], prune="path")
    >>> [(n.kind, n.label, n.payoffs) for n in lay.nodes if n.payoffs is not None]
    [('terminal', 'l', (Fraction(1, 1), Fraction(1, 1))), ('terminal', 'r', (Fraction(0, 1), Fraction(0, 1))), ('terminal', 'y', (Fraction(0, 1), Fraction(3, 1)))]
    """
    from ..sequential import Chance, Stage, Terminal
    from ..sequential.verify import position_values

    if prune not in ("auto", "path", "none"):
        raise InvalidGameError(f"prune must be 'auto', 'path' or 'none', not {prune!r}")
    pos = game.positions
    if prune == "auto":
        prune = "none" if len(pos) <= max_nodes else "path"
    if prune == "path" and equilibrium is None:
        raise InvalidGameError(
            f"the tree has {len(pos)} positions (more than max_nodes={max_nodes}); "
            "give an equilibrium to draw it pruned to the equilibrium path"
        )
    if prune == "none" and len(pos) > max(max_nodes, 1) * 10:
        raise InvalidGameError(f"the tree has {len(pos)} positions; draw it with prune='path'")
    players = game.players
    d = game.discount
    zero = Fraction(0) if game.exact else 0.0
    values = position_values(game, equilibrium.choices) if equilibrium is not None else None

    # accumulated payoffs and discount weight on arrival at each position (see module docstring)
    acc: dict[int, tuple] = {0: tuple(zero for _ in players)}
    weight: dict[int, Any] = {0: Fraction(1)}
    raw: list[dict[str, Any]] = []
    stack: list[tuple[int, int, str, Any, bool, bool]] = [(0, -1, "", None, False, True)]
    while stack:
        k, parent, label, prob, on, expand = stack.pop()
        node = pos[k].node
        kind, owner = _owner(node)
        payoffs = None
        if isinstance(node, Terminal):
            payoffs = tuple(a + weight[k] * node.payoff(p) for a, p in zip(acc[k], players))
        elif not expand:
            kind, owner = "collapsed", ""
            payoffs = tuple(a + weight[k] * v for a, v in zip(acc[k], values[k]))  # type: ignore[index]
        me = len(raw)
        raw.append(dict(position=k, parent=parent, kind=kind, owner=owner, label=label, probability=prob,
                        on_path=on, payoffs=payoffs))
        if payoffs is not None:
            continue
        probs = equilibrium.move_probabilities(k) if equilibrium is not None else None
        kids = []
        for e, c in enumerate(pos[k].children):
            a, w = acc[k], weight[k]
            if isinstance(node, Stage):
                prof = next(itertools.islice(itertools.product(*[range(m) for m in node.game.shape]), e, None))
                stage_pay = {pl: node.game.payoffs[(j, *prof)] for j, pl in enumerate(node.players)}
                a = tuple(x + w * stage_pay.get(pl, 0) for x, pl in zip(a, players))
            if not isinstance(node, Chance):
                w = w * d
            acc[c], weight[c] = a, w
            if isinstance(node, Chance):
                p_edge = node.probabilities[e]
            else:
                p_edge = probs[e] if probs is not None else None
            shown_p = p_edge if p_edge is not None and p_edge not in (0, 1) else None
            on_edge = bool(equilibrium is not None and p_edge is not None and p_edge != 0 and (on or k == 0))
            kids.append((c, me, _edge_label(node, e), shown_p, on_edge, prune == "none" or on_edge))
        stack.extend(reversed(kids))
    _mark_information_sets(game, equilibrium, raw)
    return _place(game, raw, pruned=prune == "path")


def _mark_information_sets(game: Any, equilibrium: Any, raw: list[dict[str, Any]]) -> None:
    """Give moves in information sets that span positions their set and belief."""
    if game.subgame_at_every_position:
        return
    from ..sequential import Decision, Stage

    flat = game.flat
    root_of: dict[int, int] = {}
    for x in range(flat.num_nodes):
        k = flat.position[x]
        if k not in root_of:
            root_of[k] = x
    beliefs = equilibrium.belief_system() if equilibrium is not None else None
    for r in raw:
        k = r["position"]
        node = game.positions[k].node
        if r["kind"] not in ("decision", "stage") or k not in root_of:
            continue
        x = root_of[k]
        h = flat.infoset_of[x]
        if isinstance(node, Stage):
            keyed = [flat.infosets[flat.infoset_of[x]]] if dict(node.infosets).get(node.players[0]) else []
            if not keyed:
                continue
        elif not isinstance(node, Decision):
            continue
        hs = flat.infosets[h]
        if len(hs.positions) < 2:
            continue
        r["infoset"] = h
        if beliefs is not None and beliefs[h] is not None:
            r["belief"] = beliefs[h][hs.nodes.index(x)]


def _edge_label(node: Any, e: int) -> str:
    from ..extensive.game import edge_label

    return edge_label(node, e)


def _place(game: "SequentialGame", raw: list[dict[str, Any]], *, pruned: bool) -> TreeLayout:
    kids: dict[int, list[int]] = {}
    for j, r in enumerate(raw):
        kids.setdefault(r["parent"], []).append(j)
    # leaves take consecutive slots top to bottom (pre-order); a node sits at the mean of its children
    y = [0.0] * len(raw)
    slot = 0
    for j in range(len(raw)):
        if j not in kids:
            y[j] = -float(slot)
            slot += 1
    for j in range(len(raw) - 1, -1, -1):
        if j in kids:
            y[j] = sum(y[c] for c in kids[j]) / len(kids[j])
    x = [0.0] * len(raw)
    for j, r in enumerate(raw):
        if r["parent"] >= 0:
            x[j] = x[r["parent"]] + 1
    top = y[0]
    nodes = tuple(TreeNode(x=x[j], y=y[j] - top, **r) for j, r in enumerate(raw))
    return TreeLayout(game.title, game.players, nodes, pruned)
