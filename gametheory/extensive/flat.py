"""The tree with every stage expanded into moves: what the tree solvers work on.

:class:`FlatTree` is a derived, read-only view of an
:class:`~gametheory.extensive.ExtensiveGame` (``game.flat``): one node per move,
in depth-first pre-order (Gambit's order), with

* ``kind[x]``: :data:`TERMINAL`, :data:`CHANCE` or :data:`MOVE`;
* ``children[x]``, ``parent[x]``, ``edge[x]`` (which edge of the parent leads to x);
* ``mover[x]`` and ``infoset_of[x]`` at moves, ``chance[x]`` (probabilities) at chance nodes,
  ``payoffs[x]`` at terminals: the total payoffs of the play (stage payoffs passed
  plus the terminal's, discounted);
* ``position[x]``: the position of the game the node belongs to (a stage's moves
  all belong to the stage's position);
* ``infosets``: the :class:`~gametheory.extensive.InformationSet` s;
* ``own[x]``: for each player, their last move ``(infoset, action)`` on the way to x
  (``None`` before their first move): the player's *sequence* (Kuhn 1953;
  Koller, Megiddo & von Stengel 1996);
* ``reach_chance[x]``: the product of chance probabilities on the way to x.

A stage of players ``p_1 .. p_m`` becomes ``m`` levels of moves: ``p_1`` moves, then
``p_2`` in one information set over ``p_1``'s moves, and so on. Everything is built
by iterative walks (trees may be hundreds of levels deep).

Examples
--------
>>> from gametheory.extensive import Chance, Decision, ExtensiveGame
>>> g = ExtensiveGame(Chance({"h": ("1/2", Decision("A", {"x": {"A": 1}, "y": {}}, infoset="i")),
...                           "t": ("1/2", Decision("A", {"x": {}, "y": {"A": 2}}, infoset="i"))}))
>>> t = g.flat
>>> t.kind[:3], t.children[0], t.infosets[0].nodes
((1, 2, 0), (1, 4), (1, 4))
>>> t.payoffs[6], t.reach_chance[6], t.own[6]
((Fraction(2, 1),), Fraction(1, 2), ((0, 1),))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import InvalidGameError
from .game import Chance, Decision, ExtensiveGame, InformationSet, Terminal

__all__ = ["FlatTree", "build_flat", "TERMINAL", "CHANCE", "MOVE"]

#: Node kinds of a :class:`FlatTree`.
TERMINAL, CHANCE, MOVE = 0, 1, 2


@dataclass(frozen=True, eq=False)
class FlatTree:
    """The expanded tree of an extensive-form game (see the module docstring).

    Attributes
    ----------
    players : tuple of str
    kind, parent, edge, mover, infoset_of, position : tuple of int, one per node
    children : tuple of tuple of int
    chance : tuple
        Probabilities at chance nodes, ``None`` elsewhere.
    chance_labels : tuple
        Outcome labels at chance nodes, ``None`` elsewhere.
    payoffs : tuple
        Total payoffs (one per player) at terminals, ``None`` elsewhere.
    infosets : tuple of InformationSet
    own : tuple
        Per node, per player: the last ``(infoset, action)`` of that player before it.
    reach_chance : tuple
        Per node, the product of chance probabilities before it.
    exact : bool
    recall_problem : str or None
        Why the game lacks perfect recall, or ``None`` when it has it.
    """

    players: tuple[str, ...]
    kind: tuple[int, ...]
    parent: tuple[int, ...]
    edge: tuple[int, ...]
    children: tuple[tuple[int, ...], ...]
    mover: tuple[int, ...]
    infoset_of: tuple[int, ...]
    chance: tuple
    chance_labels: tuple
    payoffs: tuple
    position: tuple[int, ...]
    infosets: tuple[InformationSet, ...]
    own: tuple
    reach_chance: tuple
    exact: bool
    recall_problem: str | None

    @property
    def num_nodes(self) -> int:
        """Number of nodes."""
        return len(self.kind)

    @property
    def terminals(self) -> tuple[int, ...]:
        """The terminal nodes, in pre-order."""
        return tuple(x for x, k in enumerate(self.kind) if k == TERMINAL)

    def edge_labels(self, x: int) -> tuple[str, ...]:
        """Labels of the edges out of node ``x`` (actions or chance outcomes)."""
        k = self.kind[x]
        if k == MOVE:
            return self.infosets[self.infoset_of[x]].actions
        if k == CHANCE:
            return self.chance_labels[x]
        return ()

    def player_infosets(self, player: int) -> tuple[int, ...]:
        """Indices of the information sets of player ``player`` (an index)."""
        name = self.players[player]
        return tuple(h.index for h in self.infosets if h.player == name)

    def parent_sequence(self, h: int) -> tuple[int, int] | None:
        """The mover's own last ``(infoset, action)`` before information set ``h`` (perfect recall)."""
        x = self.infosets[h].nodes[0]
        return self.own[x][self.mover[x]]

    def require_perfect_recall(self, what: str) -> None:
        """Raise :class:`~gametheory.errors.NotSupportedError` naming ``what`` without perfect recall."""
        if self.recall_problem is not None:
            from ..errors import NotSupportedError

            raise NotSupportedError(f"{what} needs a game with perfect recall: {self.recall_problem}")


def build_flat(game: ExtensiveGame) -> FlatTree:
    """Expand ``game`` into a :class:`FlatTree` (use ``game.flat``, which caches it).

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> build_flat(ExtensiveGame(Decision("A", {"x": {"A": 1}}))).num_nodes
    2
    """
    pos = game.positions
    players = game.players
    index = {p: i for i, p in enumerate(players)}
    n_players = len(players)
    exact = game.exact
    zero: Any = Fraction(0) if exact else 0.0
    one: Any = Fraction(1) if exact else 1.0
    d = game.discount

    kind: list[int] = []
    parent: list[int] = []
    edge: list[int] = []
    children: list[list[int]] = []
    mover: list[int] = []
    infoset_of: list[int] = []
    chance: list[Any] = []
    chance_labels: list[Any] = []
    payoffs: list[Any] = []
    position: list[int] = []
    own: list[tuple] = []
    reach: list[Any] = []

    iset_index: dict[tuple, int] = {}
    iset_player: list[str] = []
    iset_name: list[str] = []
    iset_actions: list[tuple[str, ...]] = []
    iset_nodes: list[list[int]] = []
    iset_positions: list[list[int]] = []
    stage_pay: dict[int, list] = {}

    def infoset(player: str, key: Any, name_of: Any, actions: tuple[str, ...], k: int, x: int) -> int:
        h = iset_index.get((player, key))
        if h is None:
            h = iset_index[(player, key)] = len(iset_player)
            iset_player.append(player)
            iset_name.append(name_of())
            iset_actions.append(actions)
            iset_nodes.append([])
            iset_positions.append([])
        elif iset_actions[h] != actions:  # keys are checked at construction; this guards stage/decision mixes
            raise InvalidGameError(
                f"information set {iset_name[h]!r} of {player} has actions {list(iset_actions[h])} in one place "
                f"and {list(actions)} in another"
            )
        iset_nodes[h].append(x)
        ps = iset_positions[h]
        if not ps or ps[-1] != k:
            ps.append(k)
        return h

    start_own = (None,) * n_players
    # stack items: (position k, parent node, edge, acc payoffs, weight, own, chance reach) for positions;
    # stage levels: (-1 - level, k, parent, edge, acc, weight, own, reach, prefix)
    stack: list[tuple] = [(0, -1, -1, (zero,) * n_players, one, start_own, one)]
    while stack:
        item = stack.pop()
        x = len(kind)
        if item[0] >= 0:
            k, par, e, acc, w, ow, r = item
            node = pos[k].node
            level = 0
            prefix = 0
        else:
            level = -1 - item[0]
            _, k, par, e, acc, w, ow, r, prefix = item
            node = pos[k].node
        kind.append(TERMINAL)
        parent.append(par)
        edge.append(e)
        children.append([])
        position.append(k)
        own.append(ow)
        reach.append(r)
        mover.append(-1)
        infoset_of.append(-1)
        chance.append(None)
        chance_labels.append(None)
        payoffs.append(None)
        if par >= 0:
            children[par].append(x)
        t = type(node)
        if t is Terminal:
            payoffs[x] = tuple(a + w * node.payoff(p) for a, p in zip(acc, players))
            continue
        if t is Chance:
            kind[x] = CHANCE
            chance[x] = node.probabilities
            chance_labels[x] = node.outcomes
            kids = pos[k].children
            for j in range(len(kids) - 1, -1, -1):
                stack.append((kids[j], x, j, acc, w, ow, r * node.probabilities[j]))
            continue
        kind[x] = MOVE
        if t is Decision:
            i = index[node.player]
            key = node.infoset if node.infoset is not None else ("position", k)
            h = infoset(node.player, key, (lambda k=k, node=node: node.infoset or game.short_id(k)), node.actions, k, x)
            mover[x] = i
            infoset_of[x] = h
            kids = pos[k].children
            for j in range(len(kids) - 1, -1, -1):
                new_own = ow[:i] + ((h, j),) + ow[i + 1:]
                stack.append((kids[j], x, j, acc, w * d, new_own, r))
            continue
        # a stage: level `level` is the move of its level-th player
        g = node.game
        p = node.players[level]
        i = index[p]
        keyed = dict(node.infosets).get(p)
        key = keyed if keyed is not None else ("stage", k, level)
        h = infoset(p, key, (lambda k=k, keyed=keyed: keyed or game.short_id(k)), g.strategies[level], k, x)
        mover[x] = i
        infoset_of[x] = h
        n_moves = g.shape[level]
        last = level == len(g.shape) - 1
        for j in range(n_moves - 1, -1, -1):
            new_own = ow[:i] + ((h, j),) + ow[i + 1:]
            flat = prefix * n_moves + j
            if not last:
                stack.append((-2 - level, k, x, j, acc, w, new_own, r, flat))
                continue
            pays = stage_pay.get(id(g))
            if pays is None:
                pays = stage_pay[id(g)] = [g.payoffs[s].reshape(-1).tolist() for s in range(g.num_players)]
            stage = {q: pays[s][flat] for s, q in enumerate(node.players)}
            new_acc = tuple(a + w * stage.get(q, 0) for a, q in zip(acc, players))
            stack.append((pos[k].children[flat], x, j, new_acc, w * d, new_own, r))

    infosets = tuple(
        InformationSet(h, iset_player[h], iset_name[h], iset_actions[h], tuple(iset_nodes[h]), tuple(iset_positions[h]))
        for h in range(len(iset_player))
    )
    problem = None
    for hs in infosets:
        i = index[hs.player]
        first = own[hs.nodes[0]][i]
        for x in hs.nodes[1:]:
            if own[x][i] != first:
                problem = (
                    f"{hs.player} forgets at information set {hs.name!r}: its nodes follow different earlier moves "
                    "of their own"
                )
                break
        if problem:
            break
    # uniqueness of names per player (keys never start with "/", position ids always do)
    seen: set[tuple[str, str]] = set()
    for hs in infosets:
        if (hs.player, hs.name) in seen:
            raise InvalidGameError(f"two information sets of {hs.player} are named {hs.name!r}")
        seen.add((hs.player, hs.name))
    return FlatTree(
        players=players,
        kind=tuple(kind),
        parent=tuple(parent),
        edge=tuple(edge),
        children=tuple(map(tuple, children)),
        mover=tuple(mover),
        infoset_of=tuple(infoset_of),
        chance=tuple(chance),
        chance_labels=tuple(chance_labels),
        payoffs=tuple(payoffs),
        position=tuple(position),
        infosets=infosets,
        own=tuple(own),
        reach_chance=tuple(reach),
        exact=exact,
        recall_problem=problem,
    )
