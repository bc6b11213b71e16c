"""The reduced normal form of a tree, and the passage between mixed and behaviour strategies.

A *reduced plan* of a player names an action at every information set of theirs
that their own earlier actions do not exclude (with perfect recall; without it, at
every information set of theirs). :func:`reduced_normal_form` is the
:class:`~gametheory.Game` whose strategies are the reduced plans and whose payoffs
are the expected payoffs (chance and stage payoffs included). Kuhn's theorem
(1953) turns a mixed strategy over plans into a realization-equivalent behaviour
strategy (:func:`behaviour_from_mixed`) and back (:func:`mixed_from_behaviour`).

References
----------
Kuhn, H. W. (1953). Extensive games and the problem of information. In
*Contributions to the Theory of Games II*, 193–216.

Examples
--------
Selten's chain store (one market): (Out, Fight) is a Nash equilibrium of the normal
form, but only (In, Cooperate) is subgame perfect.

>>> from gametheory.extensive import Decision, ExtensiveGame
>>> chain = ExtensiveGame(Decision("Entrant", {
...     "Out": {"Entrant": 1, "Incumbent": 5},
...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}))
>>> g = reduced_normal_form(chain)
>>> g.strategies
(('Out', 'In'), ('Cooperate', 'Fight'))
>>> g.is_equilibrium(("Out", "Fight")), g.is_equilibrium(("In", "Cooperate"))
(True, True)
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..errors import InvalidGameError
from ..game import MAX_ENTRIES, Game
from .flat import CHANCE, TERMINAL, FlatTree
from .game import ExtensiveGame

__all__ = [
    "Block",
    "block_normal_form",
    "behaviour_from_plans",
    "reduced_plans",
    "reduced_normal_form",
    "reduced_strategy_profile",
    "behaviour_from_mixed",
    "mixed_from_behaviour",
]

Plan = tuple  # a tuple of (infoset, action) pairs, infosets in pre-order


class Block:
    """A subtree of the expanded tree cut at some nodes: a subgame, or the whole game.

    The walk starts at ``root``; nodes in ``leaf_values`` count as leaves worth
    those payoffs (the values of the subgames they start), as do terminals.

    Attributes
    ----------
    flat : FlatTree
    root : int
    nodes : list of int
        Interior nodes of the block, pre-order.
    leaves : list of int
        Its leaves, pre-order.
    payoff : dict
        Payoff vector of each leaf.
    chance : dict
        Product of the chance probabilities from the root to each leaf.
    moves : dict
        Per leaf, per player: that player's ``(infoset, action)`` moves on the way.
    infosets : list of int
        Information sets met in the block, in order of first appearance.
    root_sequence : tuple
        Per player, their last move before the root (the block's empty sequence).

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> g = ExtensiveGame(Decision("A", {"x": {"A": 1}, "y": Decision("B", {"l": {"A": 2}})}))
    >>> b = Block(g.flat, 0, {2: (5, 5)})
    >>> b.leaves, b.payoff[2], b.infosets
    ([1, 2], (5, 5), [0])
    """

    def __init__(self, flat: FlatTree, root: int = 0, leaf_values: dict[int, tuple] | None = None) -> None:
        cut = leaf_values or {}
        n_pl = len(flat.players)
        one: Any = Fraction(1) if flat.exact else 1.0
        self.flat = flat
        self.root = root
        self.nodes: list[int] = []
        self.leaves: list[int] = []
        self.payoff: dict[int, tuple] = {}
        self.chance: dict[int, Any] = {}
        self.moves: dict[int, tuple] = {}
        self.infosets: list[int] = []
        self.root_sequence = flat.own[root]
        seen: set[int] = set()
        stack: list[tuple[int, Any, tuple]] = [(root, one, ((),) * n_pl)]
        while stack:
            x, r, mv = stack.pop()
            if x != root and x in cut or flat.kind[x] == TERMINAL:
                self.leaves.append(x)
                self.payoff[x] = tuple(cut[x]) if x in cut else flat.payoffs[x]
                self.chance[x] = r
                self.moves[x] = mv
                continue
            self.nodes.append(x)
            kids = flat.children[x]
            if flat.kind[x] == CHANCE:
                probs = flat.chance[x]
                for e in range(len(kids) - 1, -1, -1):
                    stack.append((kids[e], r * probs[e], mv))
                continue
            h = flat.infoset_of[x]
            if h not in seen:
                seen.add(h)
                self.infosets.append(h)
            i = flat.mover[x]
            for e in range(len(kids) - 1, -1, -1):
                stack.append((kids[e], r, mv[:i] + (mv[i] + ((h, e),),) + mv[i + 1:]))
        self.leaves.sort()
        self.nodes.sort()
        self.infosets.sort()

    def player_infosets(self, player: int) -> list[int]:
        """The block's information sets of ``player`` (an index)."""
        name = self.flat.players[player]
        return [h for h in self.infosets if self.flat.infosets[h].player == name]

    def parent_sequence(self, h: int) -> Any:
        """The mover's last move before ``h`` within the block (``None``: none since the root)."""
        flat = self.flat
        x = flat.infosets[h].nodes[0]
        i = flat.mover[x]
        seq = flat.own[x][i]
        return None if seq == self.root_sequence[i] else seq


def reduced_plans(block: Any, player: int, *, limit: int = MAX_ENTRIES) -> list[Plan]:
    """The reduced plans of player ``player`` (an index) in a block (or a FlatTree: the whole game).

    A plan is a tuple of ``(infoset, action)``, information sets in pre-order.

    Raises
    ------
    InvalidGameError
        If the player has more than ``limit`` reduced plans.

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> g = ExtensiveGame(Decision("A", {"x": {}, "y": Decision("A", {"u": {}, "v": {}})}))
    >>> reduced_plans(g.flat, 0)
    [((0, 0),), ((0, 1), (1, 0)), ((0, 1), (1, 1))]
    """
    if isinstance(block, FlatTree):
        block = _whole(block)
    flat = block.flat
    mine = block.player_infosets(player)
    name = flat.players[player]
    if not mine:
        return [()]
    if flat.recall_problem is not None:
        # without perfect recall every plan names an action everywhere (the unreduced form)
        total = math.prod(len(flat.infosets[h].actions) for h in mine)
        if total > limit:
            raise InvalidGameError(f"{name} has more than {limit} strategies; the normal form is too large")
        return [tuple(zip(mine, acts)) for acts in itertools.product(*[range(len(flat.infosets[h].actions)) for h in mine])]
    below: dict[Any, list[int]] = {}
    for h in mine:
        below.setdefault(block.parent_sequence(h), []).append(h)
    # an information set's plans: each action with every plan of what follows it; deeper sets come
    # later in pre-order, so they are done first
    at: dict[int, list[Plan]] = {}
    for h in reversed(mine):
        out: list[Plan] = []
        for a in range(len(flat.infosets[h].actions)):
            out += [((h, a),) + rest for rest in _product(name, [at[h2] for h2 in below.get((h, a), ())], limit)]
        if len(out) > limit:
            raise InvalidGameError(f"{name} has more than {limit} reduced strategies; the normal form is too large")
        at[h] = out
    return _product(name, [at[h] for h in below.get(None, ())], limit)


_WHOLE: dict[int, tuple[FlatTree, Block]] = {}


def _whole(flat: FlatTree) -> Block:
    hit = _WHOLE.get(id(flat))
    if hit is None or hit[0] is not flat:
        if len(_WHOLE) > 32:
            _WHOLE.clear()
        hit = _WHOLE[id(flat)] = (flat, Block(flat))
    return hit[1]


def _product(name: str, lists: list[list[Plan]], limit: int) -> list[Plan]:
    total = math.prod(len(x) for x in lists)
    if total > limit:
        raise InvalidGameError(f"{name} has more than {limit} reduced strategies; the normal form is too large")
    return [sum(parts, ()) for parts in itertools.product(*lists)]


def _plan_labels(flat: FlatTree, plans: list[Plan]) -> list[str]:
    infosets = flat.infosets
    if not plans or plans == [()]:
        return ["(no move)"]
    short = [", ".join(infosets[h].actions[a] for h, a in plan) for plan in plans]
    if len(set(short)) == len(short):
        return short
    return [", ".join(f"{infosets[h].actions[a]}@{infosets[h].name}" for h, a in plan) for plan in plans]


def block_normal_form(block: Block, *, title: str | None = None) -> tuple[Game, list[list[Plan]]]:
    """The reduced normal form of a block, and each player's plans (the strategies' meaning).

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> g = ExtensiveGame(Decision("A", {"x": {"A": 1}, "y": Decision("B", {"l": {"A": 2}, "r": {}})}))
    >>> nf, plans = block_normal_form(Block(g.flat))
    >>> nf.payoffs[0].tolist(), plans[1]
    ([[Fraction(1, 1), Fraction(1, 1)], [Fraction(2, 1), Fraction(0, 1)]], [((1, 0),), ((1, 1),)])
    """
    flat = block.flat
    n = len(flat.players)
    plans = [reduced_plans(block, i) for i in range(n)]
    shape = tuple(len(p) for p in plans)
    if math.prod(shape) * n > MAX_ENTRIES:
        raise InvalidGameError(f"the reduced normal form has shape {shape}, more than {MAX_ENTRIES} entries")
    leaves = block.leaves
    weights = [block.chance[z] for z in leaves]
    pays = [block.payoff[z] for z in leaves]
    masks = []
    for i in range(n):
        per_plan = []
        for plan in plans[i]:
            chosen = dict(plan)
            m = 0
            for j, z in enumerate(leaves):
                if all(chosen.get(h) == a for h, a in block.moves[z][i]):
                    m |= 1 << j
            per_plan.append(m)
        masks.append(per_plan)
    zero: Any = Fraction(0) if flat.exact else 0.0
    arr = np.empty((n, *shape), dtype=object)
    for prof in itertools.product(*[range(s) for s in shape]):
        m = -1
        for i, s in enumerate(prof):
            m &= masks[i][s]
        total = [zero] * n
        while m:
            low = m & -m
            j = low.bit_length() - 1
            m ^= low
            w = weights[j]
            if w == 0:
                continue
            for i in range(n):
                total[i] += w * pays[j][i]
        for i in range(n):
            arr[(i, *prof)] = total[i]
    labels = [_plan_labels(flat, p) for p in plans]
    return Game(arr, players=flat.players, strategies=labels, title=title), plans


def reduced_normal_form(game: ExtensiveGame) -> Game:
    """The reduced normal form: one strategy per reduced plan of each player.

    Players who never move get the single strategy ``"(no move)"``. Payoffs are
    expected payoffs (chance and accumulated, discounted stage payoffs included).
    Strategy labels list the plan's actions (``"y, u"``), with ``@information set``
    when two plans would otherwise read alike. Without perfect recall the plans are
    the unreduced pure strategies.

    Raises
    ------
    InvalidGameError
        If the normal form would exceed ``gametheory.game.MAX_ENTRIES`` entries.

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> g = ExtensiveGame(Decision("A", {"x": Decision("B", {"l": {"A": 1}, "r": {"A": 2}}),
    ...                                 "y": Decision("A", {"u": {"A": 3}, "v": {"B": 1}})}))
    >>> reduced_normal_form(g).strategies
    (('x', 'y, u', 'y, v'), ('l', 'r'))
    """
    return block_normal_form(_whole(game.flat), title=game.title)[0]


def mixed_from_behaviour(game: ExtensiveGame, probs: Sequence[Sequence[Any]]) -> tuple:
    """The mixed profile over reduced plans that a behaviour profile induces (Kuhn 1953).

    The probability of a plan is the product of the probabilities of its actions.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> g = ExtensiveGame(Decision("A", {"x": {}, "y": Decision("A", {"u": {}, "v": {}})}))
    >>> mixed_from_behaviour(g, ((F(1, 2), F(1, 2)), (F(1, 3), F(2, 3))))
    ((Fraction(1, 2), Fraction(1, 6), Fraction(1, 3)),)
    """
    flat = game.flat
    out = []
    for i in range(len(game.players)):
        vec = []
        for plan in reduced_plans(flat, i):
            p: Any = Fraction(1)
            for h, a in plan:
                p = p * probs[h][a]
            vec.append(p)
        out.append(tuple(vec))
    return tuple(out)


def behaviour_from_plans(block: Block, plans: list[list[Plan]], mixed: Sequence[Sequence[Any]]) -> dict[int, tuple]:
    """Behaviour at the block's information sets from a mixed profile over its plans (Kuhn 1953).

    Returns ``{infoset: probabilities}`` for the sets the player's own mixture
    reaches; sets their own play never reaches are left out.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> g = ExtensiveGame(Decision("A", {"x": {}, "y": Decision("A", {"u": {}, "v": {}})}))
    >>> b = Block(g.flat)
    >>> behaviour_from_plans(b, [reduced_plans(b, 0)], ((F(1), F(0), F(0)),))
    {0: (Fraction(1, 1), Fraction(0, 1))}
    """
    flat = block.flat
    flat.require_perfect_recall("behaviour strategies equivalent to mixed ones")
    out: dict[int, tuple] = {}
    for i in range(len(flat.players)):
        total = sum(mixed[i], Fraction(0) if flat.exact else 0.0)
        seq_prob: dict[Any, Any] = {None: total}
        for plan, q in zip(plans[i], mixed[i]):
            if q == 0:
                continue
            for h, a in plan:
                seq_prob[(h, a)] = seq_prob.get((h, a), 0) + q
        for h in block.player_infosets(i):
            parent = seq_prob.get(block.parent_sequence(h), 0)
            if parent == 0:
                continue
            n_act = len(flat.infosets[h].actions)
            if isinstance(parent, float) or any(isinstance(seq_prob.get((h, a), 0), float) for a in range(n_act)):
                out[h] = tuple(float(seq_prob.get((h, a), 0)) / float(parent) for a in range(n_act))
            else:
                out[h] = tuple(Fraction(seq_prob.get((h, a), 0)) / parent for a in range(n_act))
    return out


def behaviour_from_mixed(game: ExtensiveGame, mixed: Sequence[Sequence[Any]]) -> tuple:
    """A behaviour profile realization-equivalent to a mixed profile over reduced plans (Kuhn 1953).

    At an information set the player's own plan reaches with probability p > 0, action
    a gets (probability of plans choosing a there) / p. Sets their own play never
    reaches get ``None`` (any behaviour there is realization-equivalent).

    Raises
    ------
    NotSupportedError
        Without perfect recall (behaviour strategies then cannot represent every mixture).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> g = ExtensiveGame(Decision("A", {"x": {}, "y": Decision("A", {"u": {}, "v": {}})}))
    >>> behaviour_from_mixed(g, ((F(1, 2), F(1, 6), F(1, 3)),))
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 3), Fraction(2, 3)))
    >>> behaviour_from_mixed(g, ((F(1), F(0), F(0)),))
    ((Fraction(1, 1), Fraction(0, 1)), None)
    """
    block = _whole(game.flat)
    plans = [reduced_plans(block, i) for i in range(len(game.players))]
    got = behaviour_from_plans(block, plans, mixed)
    return tuple(got.get(h) for h in range(len(game.flat.infosets)))


def reduced_strategy_profile(game: ExtensiveGame, equilibrium: Any) -> tuple:
    """The mixed profile of :func:`reduced_normal_form` equivalent to an equilibrium's behaviour.

    The probability of a reduced plan is the product of the equilibrium's
    probabilities of the plan's actions (Kuhn 1953; the game has perfect recall).

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> from gametheory.sequential import subgame_perfect_equilibria
    >>> g = ExtensiveGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}}))
    >>> reduced_strategy_profile(g, subgame_perfect_equilibria(g)[0])
    ((Fraction(0, 1), Fraction(1, 1)),)
    """
    return mixed_from_behaviour(game, equilibrium.profile)

