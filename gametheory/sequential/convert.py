"""Conversions: sequential game ⇄ extensive form (:class:`~gametheory.io.efg.EfgTree`), reduced normal form.

* :func:`to_extensive_form` — the game tree with each stage as a sequence of moves
  whose later movers cannot see the earlier ones (one information set per stage
  player and stage position); chance is kept; payoffs accumulated to the terminals.
  Write it with :func:`gametheory.io.gambit.write_efg` (or :func:`write_efg` here).
* :func:`from_extensive_form` — a perfect-information tree (with chance) as a
  :class:`SequentialGame` of decisions, chance nodes and terminals.
* :func:`reduced_normal_form` — the strategic form whose strategies are reduced
  plans (choices only at positions a player's own earlier choices do not rule out);
  :func:`reduced_strategy_profile` maps a subgame-perfect equilibrium to the mixed
  profile of that game that induces the same play (Kuhn 1953).

Examples
--------
>>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
>>> chain = SequentialGame(Decision("Entrant", {
...     "Out": {"Entrant": 1, "Incumbent": 5},
...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}))
>>> g = reduced_normal_form(chain)
>>> g.strategies
(('Out', 'In'), ('Cooperate', 'Fight'))
>>> g.is_equilibrium(("Out", "Fight")), g.is_equilibrium(("In", "Cooperate"))
(True, True)
>>> g.is_equilibrium(reduced_strategy_profile(chain, subgame_perfect_equilibria(chain)[0]))
True
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InvalidGameError, NotSupportedError
from ..game import MAX_ENTRIES, Game
from ..io.efg import ChanceNode, EfgTree, PersonalNode, TerminalNode
from .nodes import Chance, Decision, SequentialGame, Stage, Terminal
from .result import SubgamePerfectEquilibrium, _unravel

__all__ = [
    "to_extensive_form",
    "from_extensive_form",
    "write_efg",
    "reduced_normal_form",
    "reduced_strategy_profile",
]


def _accumulated(game: SequentialGame) -> tuple[list[tuple], list[Any]]:
    """Per position: payoffs accumulated before it (every player) and the discount weight."""
    pos = game.positions
    players = game.players
    zero = Fraction(0) if game.exact else 0.0
    acc: list[tuple] = [()] * len(pos)
    weight: list[Any] = [Fraction(1)] * len(pos)
    acc[0] = tuple(zero for _ in players)
    d = game.discount
    for k, p in enumerate(pos):
        node = p.node
        if isinstance(node, Terminal):
            continue
        for e, c in enumerate(p.children):
            a = acc[k]
            if isinstance(node, Stage):
                prof = _unravel(e, node.game.shape)
                stage = {pl: node.game.payoffs[(i, *prof)] for i, pl in enumerate(node.players)}
                a = tuple(x + weight[k] * stage.get(pl, 0) for x, pl in zip(a, players))
            acc[c] = a
            weight[c] = weight[k] if isinstance(node, Chance) else weight[k] * d
    return acc, weight


def to_extensive_form(game: SequentialGame) -> EfgTree:
    """The extensive form of a sequential game, as a neutral :class:`EfgTree`.

    Decisions become personal nodes and chance nodes stay chance nodes. A stage of
    players ``p_1, ..., p_m`` becomes ``m`` rounds of moves: ``p_1`` moves, then
    ``p_2`` without seeing ``p_1``'s move (one information set over all of
    ``p_1``'s moves), and so on; the stage outcome then continues as in the model.
    Payoffs (stage payoffs, discounted, plus terminal payoffs) are summed at the
    terminals, which is what Gambit's payoff semantics give as well.

    Examples
    --------
    >>> from gametheory import Game
    >>> from gametheory.sequential import Stage, SequentialGame
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("A", "B"),
    ...                         strategies=(("C", "D"), ("C", "D")))
    >>> tree = to_extensive_form(SequentialGame(Stage(pd, {"*": {}})))
    >>> tree.is_perfect_information, tree.infosets()["B"]
    (False, {'0.B': ((0,), (1,))})
    >>> tree.node((1, 1)).payoffs
    (Fraction(1, 1), Fraction(1, 1))
    """
    pos = game.positions
    players = game.players
    acc, weight = _accumulated(game)
    built: list[Any] = [None] * len(pos)
    for k in range(len(pos) - 1, -1, -1):
        p = pos[k]
        node = p.node
        nid = _short_id(game, k)
        if isinstance(node, Terminal):
            pays = tuple(a + weight[k] * node.payoff(pl) for a, pl in zip(acc[k], players))
            built[k] = TerminalNode(node.label or nid, pays, label="")
        elif isinstance(node, Decision):
            # node labels must be unique in Gambit 16.7+: the position id makes them so
            built[k] = PersonalNode(node.player, None, node.actions, tuple(built[c] for c in p.children),
                                    label=f"{node.label} {nid}" if node.label else nid)
        elif isinstance(node, Chance):
            built[k] = ChanceNode(None, node.outcomes, node.probabilities, tuple(built[c] for c in p.children),
                                  label=f"{node.label} {nid}" if node.label else nid)
        else:
            built[k] = _stage_tree(node, k, [built[c] for c in p.children], nid)
        # children are no longer needed: keep memory linear
        for c in p.children:
            built[c] = None
    return EfgTree(players, built[0], title=game.title or "", comment=game.description or "")


def _short_id(game: SequentialGame, k: int) -> str:
    """The position id (``/a/b``) when short, else ``#k``: labels stay linear in the tree size."""
    depth = 0
    j = k
    while j > 0 and depth <= 8:
        j = game.positions[j].parent
        depth += 1
    if depth <= 8:
        nid = game.node_id(k)
        if len(nid) <= 80:
            return nid
    return f"#{k}"


def _stage_tree(node: Stage, k: int, leaves: list, nid: str) -> Any:
    g = node.game
    shape = g.shape

    def build(i: int, prefix: tuple[int, ...]) -> Any:
        if i == len(shape):
            flat = int(np.ravel_multi_index(prefix, shape)) if prefix else 0
            return leaves[flat]
        kids = tuple(build(i + 1, prefix + (s,)) for s in range(shape[i]))
        return PersonalNode(node.players[i], f"{k}.{node.players[i]}", g.strategies[i], kids,
                            label=f"{node.name} {nid}" if i == 0 else "", infoset_label=f"{node.name} {nid}")

    return build(0, ())


def write_efg(game: SequentialGame, file: Any = None) -> str | None:
    """Write a sequential game as a Gambit ``.efg`` file (a string when ``file`` is None).

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame
    >>> text = write_efg(SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}}), title="t"))
    >>> text.splitlines()[0]
    'EFG 2 R "t" { "A" }'
    """
    from ..io.gambit import write_efg as _write

    return _write(to_extensive_form(game), file)


def _unique(labels: list[str]) -> list[str]:
    out: list[str] = []
    for k, a in enumerate(labels):
        base = a or str(k + 1)
        lab = base
        n = 2
        while lab in out:
            lab = f"{base} ({n})"
            n += 1
        out.append(lab)
    return out


def from_extensive_form(tree: EfgTree) -> SequentialGame:
    """A perfect-information tree (with chance) as a :class:`SequentialGame`.

    Empty or repeated action labels are made unique (``"1"``, ``"x (2)"``).

    Raises
    ------
    NotSupportedError
        If the tree has an information set with more than one node.

    Examples
    --------
    >>> from gametheory.io.efg import EfgTree, PersonalNode, TerminalNode
    >>> t = EfgTree(("A", "B"), PersonalNode("A", None, ("x", "y"),
    ...     (TerminalNode("", (1, 0)), TerminalNode("end", (0, 2)))))
    >>> g = from_extensive_form(t)
    >>> g.players, g.root.actions, g.root.children[1].label
    (('A', 'B'), ('x', 'y'), 'end')
    """
    if not isinstance(tree, EfgTree):
        raise InvalidGameError(f"expected an EfgTree, got {type(tree).__name__}")
    if not tree.is_perfect_information:
        raise NotSupportedError(
            "from_extensive_form needs perfect information (every information set a single node); "
            "simultaneous moves must be modelled as Stage nodes"
        )
    players = tree.players
    order = list(tree.nodes())
    built: dict[tuple[int, ...], Any] = {}
    for path, node in reversed(order):
        if isinstance(node, TerminalNode):
            built[path] = Terminal(dict(zip(players, node.payoffs)), label=node.outcome or None)
            continue
        labels = _unique(list(node.actions))
        kids = [built.pop((*path, e)) for e in range(len(node.children))]
        if isinstance(node, PersonalNode):
            built[path] = Decision(node.player, dict(zip(labels, kids)), label=node.label or None)
        else:
            built[path] = Chance({a: (p, c) for a, p, c in zip(labels, node.probabilities, kids)}, label=node.label or None)
    return SequentialGame(built[()], players=players, title=tree.title or None, description=tree.comment or None)


# -- reduced normal form --------------------------------------------------------------
def _plans(game: SequentialGame, player: str, limit: int) -> list[tuple[tuple[int, int], ...]]:
    """Reduced plans of one player: tuples of (position, choice) at the positions they can reach."""
    pos = game.positions
    plans: list[Any] = [None] * len(pos)

    def product(lists: list[list]) -> list:
        total = math.prod(len(x) for x in lists)
        if total > limit:
            raise InvalidGameError(f"{player} has more than {limit} reduced strategies; the normal form is too large")
        return [sum(parts, ()) for parts in itertools.product(*lists)]

    for k in range(len(pos) - 1, -1, -1):
        p = pos[k]
        node = p.node
        kids = p.children
        if isinstance(node, Terminal):
            plans[k] = [()]
        elif isinstance(node, Decision) and node.player == player:
            plans[k] = [((k, a),) + q for a, c in enumerate(kids) for q in plans[c]]
        elif isinstance(node, Stage) and player in node.players:
            m = node.players.index(player)
            out = []
            for s in range(node.game.shape[m]):
                reach = [plans[c] for e, c in enumerate(kids) if _unravel(e, node.game.shape)[m] == s]
                out += [((k, s),) + q for q in product(reach)]
            plans[k] = out
        else:
            plans[k] = product([plans[c] for c in kids])
        if len(plans[k]) > limit:
            raise InvalidGameError(f"{player} has more than {limit} reduced strategies; the normal form is too large")
        for c in kids:
            plans[c] = None
    return plans[0]


def _plan_labels(game: SequentialGame, player: str, plans: list) -> list[str]:
    def lab(k: int, c: int, with_id: bool) -> str:
        node = game.positions[k].node
        text = node.actions[c] if isinstance(node, Decision) else node.game.strategies[node.players.index(player)][c]
        return f"{text}@{game.node_id(k)}" if with_id else text

    if not plans or plans == [()]:
        return ["(no move)"]
    short = [", ".join(lab(k, c, False) for k, c in plan) for plan in plans]
    if len(set(short)) == len(short):
        return short
    return [", ".join(lab(k, c, True) for k, c in plan) for plan in plans]


def _walk(game: SequentialGame, choice: dict[int, int]) -> tuple:
    """Expected payoffs when every mover follows the pure choices in ``choice`` (position -> index)."""
    pos = game.positions
    players = game.players
    acc, weight = _accumulated(game)
    zero = Fraction(0) if game.exact else 0.0
    total = [zero] * len(players)
    stack: list[tuple[int, Any]] = [(0, Fraction(1))]
    while stack:
        k, prob = stack.pop()
        node = pos[k].node
        if isinstance(node, Terminal):
            for i, pl in enumerate(players):
                total[i] += prob * (acc[k][i] + weight[k] * node.payoff(pl))
        elif isinstance(node, Chance):
            for p, c in zip(node.probabilities, pos[k].children):
                if p != 0:
                    stack.append((c, prob * p))
        elif isinstance(node, Decision):
            stack.append((pos[k].children[choice[(k, node.player)]], prob))
        else:
            prof = tuple(choice[(k, pl)] for pl in node.players)
            flat = int(np.ravel_multi_index(prof, node.game.shape))
            stack.append((pos[k].children[flat], prob))
    return tuple(total)


def _all_plans(game: SequentialGame) -> list[list]:
    limit = MAX_ENTRIES
    return [_plans(game, pl, limit) for pl in game.players]


def reduced_normal_form(game: SequentialGame) -> Game:
    """The reduced normal form: one strategy per reduced plan of each player.

    A reduced plan names a choice (action, or stage strategy) at every position
    the player moves at and that their own earlier choices do not exclude. Players
    who never move get the single strategy ``"(no move)"``. Payoffs are the expected
    payoffs (chance and accumulated stage payoffs included).

    Raises
    ------
    InvalidGameError
        If the normal form would exceed ``gametheory.game.MAX_ENTRIES`` entries.

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame
    >>> g = SequentialGame(Decision("A", {"x": Decision("B", {"l": {"A": 1}, "r": {"A": 2}}),
    ...                                   "y": Decision("A", {"u": {"A": 3}, "v": {"B": 1}})}))
    >>> reduced_normal_form(g).strategies
    (('x', 'y, u', 'y, v'), ('l', 'r'))
    """
    plans = _all_plans(game)
    shape = tuple(len(p) for p in plans)
    if math.prod(shape) * len(shape) > MAX_ENTRIES:
        raise InvalidGameError(f"the reduced normal form has shape {shape}, more than {MAX_ENTRIES} entries")
    players = game.players
    arr = np.empty((len(players), *shape), dtype=object)
    for prof in itertools.product(*[range(n) for n in shape]):
        choice: dict[tuple[int, str], int] = {}
        for i, s in enumerate(prof):
            for k, c in plans[i][s]:
                choice[(k, players[i])] = c
        pays = _walk(game, choice)
        for i in range(len(players)):
            arr[(i, *prof)] = pays[i]
    labels = [_plan_labels(game, pl, plans[i]) for i, pl in enumerate(players)]
    return Game(arr, players=players, strategies=labels, title=game.title)


def reduced_strategy_profile(game: SequentialGame, equilibrium: SubgamePerfectEquilibrium) -> tuple:
    """The mixed profile of :func:`reduced_normal_form` equivalent to an equilibrium's behaviour.

    The probability of a reduced plan is the product of the equilibrium's
    probabilities of the plan's choices (Kuhn 1953; the game has perfect recall).

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information. In
    *Contributions to the Theory of Games II*, 193–216.

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
    >>> g = SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}}))
    >>> reduced_strategy_profile(g, subgame_perfect_equilibria(g)[0])
    ((Fraction(0, 1), Fraction(1, 1)),)
    """
    plans = _all_plans(game)
    pos = game.positions
    out = []
    for i, pl in enumerate(game.players):
        vec = []
        for plan in plans[i]:
            p: Any = Fraction(1)
            for k, c in plan:
                node = pos[k].node
                ch = equilibrium.choices[k]
                if isinstance(node, Decision):
                    p = p * (1 if ch == c else 0)
                else:
                    p = p * ch[node.players.index(pl)][c]
            vec.append(p if isinstance(p, Fraction) or isinstance(p, float) else Fraction(p))
        out.append(tuple(vec))
    return tuple(out)
