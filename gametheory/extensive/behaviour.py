"""Behaviour strategies on a game tree: reach, outcome, payoffs, best responses, regret, beliefs.

A behaviour profile is one probability vector per information set,
``probs[h][a]`` for information set ``h`` of :attr:`ExtensiveGame.infosets` and
its action ``a``: a tuple of tuples. Every function here is a free function over
the expanded tree (``game.flat``) and is exact for exact inputs. Best responses
use the sequence-form recursion (Koller, Megiddo & von Stengel 1996), valid in
games with perfect recall: the value of a sequence of the player's own moves is
what the terminals it leads to pay, weighted by everyone else's reach, plus the
best continuation at each information set it leads to.

References
----------
Kuhn, H. W. (1953). Extensive games and the problem of information.
*Contributions to the Theory of Games II*, 193–216.
Koller, D., Megiddo, N. & von Stengel, B. (1996). Efficient computation of
equilibria for extensive two-person games. *Games and Economic Behavior* 14, 247–259.

Examples
--------
>>> from fractions import Fraction as F
>>> from gametheory.extensive import Decision, ExtensiveGame
>>> entry = ExtensiveGame(Decision("Entrant", {"Out": {"Entrant": 0, "Incumbent": 2},
...     "In": Decision("Incumbent", {"Fight": {"Entrant": -1, "Incumbent": -1},
...                                  "Share": {"Entrant": 1, "Incumbent": 1}})}))
>>> threat = ((F(1), F(0)), (F(1), F(0)))          # stay out; fight if entered
>>> expected_payoffs(entry.flat, threat), nash_regret(entry.flat, threat)
((Fraction(0, 1), Fraction(2, 1)), Fraction(0, 1))
>>> subgame_regret(entry.flat, threat)             # not credible: the incumbent gains 2 after entry
Fraction(2, 1)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from .flat import CHANCE, MOVE, TERMINAL, FlatTree

__all__ = [
    "reach_probabilities",
    "outcome_probabilities",
    "expected_payoffs",
    "best_response",
    "nash_regret",
    "subgame_roots",
    "subgame_regret",
    "bayes_beliefs",
    "uniform_behaviour",
    "check_behaviour",
]


def _one(flat: FlatTree) -> Any:
    return Fraction(1) if flat.exact else 1.0


def check_behaviour(flat: FlatTree, probs: Sequence[Sequence[Any]], *, tol: float = 0.0) -> tuple:
    """``probs`` as a tuple of tuples after checking its shape and that each vector is a distribution.

    Raises
    ------
    InvalidGameError
        Wrong number of information sets or actions, negative entries, sums other than 1.

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> check_behaviour(ExtensiveGame(Decision("A", {"x": {}, "y": {}})).flat, [[1, 0]])
    ((1, 0),)
    """
    from ..errors import InvalidGameError

    if len(probs) != len(flat.infosets):
        raise InvalidGameError(f"a behaviour profile needs {len(flat.infosets)} probability vectors, got {len(probs)}")
    out = []
    for h, vec in zip(flat.infosets, probs):
        vec = tuple(vec)
        if len(vec) != len(h.actions):
            raise InvalidGameError(f"information set {h.name!r} of {h.player} has {len(h.actions)} actions, got {len(vec)} probabilities")
        if any(p < -tol for p in vec) or abs(sum(vec) - 1) > tol:
            raise InvalidGameError(f"the probabilities at {h.name!r} of {h.player} are not a distribution: {vec}")
        out.append(vec)
    return tuple(out)


def uniform_behaviour(flat: FlatTree) -> tuple:
    """Every action of every information set equally likely (exact fractions).

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> uniform_behaviour(ExtensiveGame(Decision("A", {"x": {}, "y": {}})).flat)
    ((Fraction(1, 2), Fraction(1, 2)),)
    """
    return tuple(tuple(Fraction(1, len(h.actions)) for _ in h.actions) for h in flat.infosets)


def _move_prob(flat: FlatTree, probs: Sequence[Sequence[Any]], x: int, e: int) -> Any:
    k = flat.kind[x]
    if k == CHANCE:
        return flat.chance[x][e]
    return probs[flat.infoset_of[x]][e]


def reach_probabilities(flat: FlatTree, probs: Sequence[Sequence[Any]], *, exclude: int | None = None) -> list:
    """Probability of reaching each node; with ``exclude=i`` player i's own moves count as 1.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> t = ExtensiveGame(Decision("A", {"x": {}, "y": Decision("B", {"l": {}})})).flat
    >>> reach_probabilities(t, ((F(1, 3), F(2, 3)), (F(1),)))
    [Fraction(1, 1), Fraction(1, 3), Fraction(2, 3), Fraction(2, 3)]
    """
    n = flat.num_nodes
    r: list[Any] = [None] * n
    r[0] = _one(flat)
    kind, parent, edge, mover = flat.kind, flat.parent, flat.edge, flat.mover
    for x in range(1, n):
        p = parent[x]
        if kind[p] == MOVE and mover[p] == exclude:
            r[x] = r[p]
        else:
            q = _move_prob(flat, probs, p, edge[x])
            r[x] = r[p] * q if q != 1 else r[p]
    return r


def outcome_probabilities(flat: FlatTree, probs: Sequence[Sequence[Any]]) -> dict[int, Any]:
    """``{terminal node: probability}`` for every terminal node of the expanded tree.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> t = ExtensiveGame(Decision("A", {"x": {}, "y": {}})).flat
    >>> outcome_probabilities(t, ((F(1, 4), F(3, 4)),))
    {1: Fraction(1, 4), 2: Fraction(3, 4)}
    """
    r = reach_probabilities(flat, probs)
    return {x: r[x] for x in range(flat.num_nodes) if flat.kind[x] == TERMINAL}


def expected_payoffs(flat: FlatTree, probs: Sequence[Sequence[Any]], *, root: int = 0) -> tuple:
    """Expected payoff of each player (from ``root``, as if it were reached for sure).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> t = ExtensiveGame(Decision("A", {"x": {"A": 4}, "y": {}})).flat
    >>> expected_payoffs(t, ((F(1, 4), F(3, 4)),))
    (Fraction(1, 1),)
    """
    values = _values(flat, probs, root)
    return values[root]


def _subtree_end(flat: FlatTree) -> list[int]:
    """``end[x]``: one past the last node of x's subtree (pre-order intervals)."""
    n = flat.num_nodes
    end = list(range(1, n + 1))
    for x in range(n - 1, 0, -1):
        p = flat.parent[x]
        if end[x] > end[p]:
            end[p] = end[x]
    return end


def _values(flat: FlatTree, probs: Sequence[Sequence[Any]], root: int = 0) -> dict[int, tuple]:
    """Expected payoffs from each node of ``root``'s subtree (post-order, iterative)."""
    end = _subtree_end(flat)
    zero = Fraction(0) if flat.exact else 0.0
    n_pl = len(flat.players)
    vals: dict[int, tuple] = {}
    for x in range(end[root] - 1, root - 1, -1):
        k = flat.kind[x]
        if k == TERMINAL:
            vals[x] = flat.payoffs[x]
            continue
        acc = [zero] * n_pl
        for e, c in enumerate(flat.children[x]):
            q = _move_prob(flat, probs, x, e)
            if q == 0:
                continue
            v = vals[c]
            for i in range(n_pl):
                acc[i] += q * v[i]
        vals[x] = tuple(acc)
    return vals


def best_response(flat: FlatTree, probs: Sequence[Sequence[Any]], player: int, *, root: int = 0,
                  leaf_values: dict[int, Any] | None = None) -> tuple[Any, dict[int, int]]:
    """Player ``player``'s best-response value against ``probs`` and a best action at each of their sets.

    The value is the reach-weighted payoff from ``root`` (reached for sure), as by
    the sequence-form recursion; ``leaf_values`` optionally replaces the payoff of
    nodes treated as leaves (their subtrees are skipped), which is how subgames are
    handled one block at a time. Needs perfect recall.

    Returns
    -------
    (value, {infoset: best action index})

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> t = ExtensiveGame(Decision("A", {"x": {"A": 1}, "y": {"A": 3}})).flat
    >>> best_response(t, ((F(1), F(0)),), 0)
    (Fraction(3, 1), {0: 1})
    """
    flat.require_perfect_recall("a best response")
    zero = Fraction(0) if flat.exact else 0.0
    one = _one(flat)
    kind, mover, infoset_of, children = flat.kind, flat.mover, flat.infoset_of, flat.children
    leaves = leaf_values or {}
    # forward: reach of everyone but the player, from root
    r: dict[int, Any] = {root: one}
    # sequence values: key (infoset, action) or None (the empty sequence)
    seq_val: dict[Any, Any] = {}
    infosets_below: dict[Any, list[int]] = {}
    order: list[int] = []  # the player's infosets met, in pre-order
    seen: set[int] = set()
    stack = [root]
    while stack:
        x = stack.pop()
        own_seq = flat.own[x][player]
        if x in leaves or kind[x] == TERMINAL:
            pay = leaves[x] if x in leaves else flat.payoffs[x][player]
            if r[x] != 0:
                seq_val[own_seq] = seq_val.get(own_seq, zero) + r[x] * pay
            continue
        if kind[x] == MOVE and mover[x] == player:
            h = infoset_of[x]
            if h not in seen:
                seen.add(h)
                order.append(h)
                infosets_below.setdefault(own_seq, []).append(h)
            for c in children[x]:
                r[c] = r[x]
                stack.append(c)
            continue
        for e, c in enumerate(children[x]):
            q = _move_prob(flat, probs, x, e)
            r[c] = r[x] * q if q != 1 else r[x]
            stack.append(c)
    # backward over the player's information sets: deeper ones come later in pre-order
    best: dict[int, int] = {}
    for h in reversed(order):
        n_act = len(flat.infosets[h].actions)
        vals = []
        for a in range(n_act):
            s = (h, a)
            v = seq_val.get(s, zero)
            for h2 in infosets_below.get(s, ()):
                v += seq_val[("best", h2)]
            vals.append(v)
        m = max(vals)
        a_best = vals.index(m)
        best[h] = a_best
        seq_val[("best", h)] = m
    root_seq = flat.own[root][player]
    total = seq_val.get(root_seq, zero)
    for h in infosets_below.get(root_seq, ()):
        total += seq_val[("best", h)]
    return total, best


def nash_regret(flat: FlatTree, probs: Sequence[Sequence[Any]]) -> Any:
    """The largest gain any player gets by deviating from ``probs`` (0 exactly at a Nash equilibrium).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> t = ExtensiveGame(Decision("A", {"x": {"A": 1}, "y": {"A": 3}})).flat
    >>> nash_regret(t, ((F(1, 2), F(1, 2)),))
    Fraction(1, 1)
    """
    values = expected_payoffs(flat, probs)
    worst: Any = Fraction(0) if flat.exact else 0.0
    for i in range(len(flat.players)):
        br, _ = best_response(flat, probs, i)
        worst = max(worst, br - values[i])
    return worst


def subgame_roots(flat: FlatTree) -> list[int]:
    """Non-terminal nodes that start a proper subgame (the root included), in pre-order.

    A node starts a subgame when every information set with a node below it (or at
    it) lies entirely below it.

    Examples
    --------
    >>> from gametheory import Game
    >>> from gametheory.extensive import Decision, ExtensiveGame, Stage
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("A", "B"))
    >>> subgame_roots(ExtensiveGame(Decision("A", {"play": Stage(pd, {"*": {}}), "quit": {}})).flat)
    [0, 1]
    """
    n = flat.num_nodes
    end = _subtree_end(flat)
    lo = list(range(n))
    hi = list(range(n))
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for h in flat.infosets:
        first[h.index] = min(h.nodes)
        last[h.index] = max(h.nodes)
    for x in range(n):
        if flat.kind[x] == MOVE:
            h = flat.infoset_of[x]
            lo[x], hi[x] = first[h], last[h]
    for x in range(n - 1, 0, -1):
        p = flat.parent[x]
        if lo[x] < lo[p]:
            lo[p] = lo[x]
        if hi[x] > hi[p]:
            hi[p] = hi[x]
    return [x for x in range(n) if flat.kind[x] != TERMINAL and lo[x] >= x and hi[x] < end[x]]


def subgame_regret(flat: FlatTree, probs: Sequence[Sequence[Any]]) -> Any:
    """The largest gain from deviating in any proper subgame (0 exactly at a subgame-perfect equilibrium).

    Each subgame is a block from its root down to the roots of the subgames inside
    it, which count as leaves worth their value under ``probs`` (for the profile)
    and their best-response value (for a deviator): a player's best response in a
    subgame does not depend on how it was reached (perfect recall), so the whole
    test is linear in the tree.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> entry = ExtensiveGame(Decision("Entrant", {"Out": {"Entrant": 0, "Incumbent": 2},
    ...     "In": Decision("Incumbent", {"Fight": {"Entrant": -1, "Incumbent": -1},
    ...                                  "Share": {"Entrant": 1, "Incumbent": 1}})}))
    >>> subgame_regret(entry.flat, ((F(0), F(1)), (F(0), F(1))))
    Fraction(0, 1)
    """
    flat.require_perfect_recall("the subgame-perfection test")
    roots = subgame_roots(flat)
    n_pl = len(flat.players)
    zero: Any = Fraction(0) if flat.exact else 0.0
    values = _values(flat, probs, 0)
    br_at: dict[int, list] = {}
    worst = zero
    for r in reversed(roots):  # inner subgames first
        end = _subtree_end_cached(flat)
        inner = {x: br_at[x] for x in br_at if r < x < end[r]}
        # drop roots nested inside other inner roots: only the outermost inner roots are leaves
        leaves_idx = _outermost(inner, end)
        brs = []
        for i in range(n_pl):
            leaf_values = {x: br_at[x][i] for x in leaves_idx}
            v, _ = best_response(flat, probs, i, root=r, leaf_values=leaf_values)
            brs.append(v)
            gain = v - values[r][i]
            if gain > worst:
                worst = gain
        br_at[r] = brs
        for x in leaves_idx:
            del br_at[x]
    return worst


_END_CACHE: dict[int, tuple[FlatTree, list[int]]] = {}


def _subtree_end_cached(flat: FlatTree) -> list[int]:
    hit = _END_CACHE.get(id(flat))
    if hit is None or hit[0] is not flat:
        if len(_END_CACHE) > 64:
            _END_CACHE.clear()
        hit = _END_CACHE[id(flat)] = (flat, _subtree_end(flat))
    return hit[1]


def _outermost(nodes: dict[int, Any], end: list[int]) -> list[int]:
    out: list[int] = []
    limit = -1
    for x in sorted(nodes):
        if x >= limit:
            out.append(x)
            limit = end[x]
    return out


def bayes_beliefs(flat: FlatTree, probs: Sequence[Sequence[Any]]) -> tuple:
    """Beliefs by Bayes' rule: at each information set reached with positive probability,
    the probability of each of its nodes given that it is reached; ``None`` elsewhere.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.extensive import Chance, Decision, ExtensiveGame
    >>> g = ExtensiveGame(Chance({"h": ("1/3", Decision("A", {"x": {}, "y": {}}, infoset="i")),
    ...                           "t": ("2/3", Decision("A", {"x": {}, "y": {}}, infoset="i"))}))
    >>> bayes_beliefs(g.flat, ((F(1, 2), F(1, 2)),))
    ((Fraction(1, 3), Fraction(2, 3)),)
    """
    r = reach_probabilities(flat, probs)
    out = []
    for h in flat.infosets:
        total = sum((r[x] for x in h.nodes), Fraction(0) if flat.exact else 0.0)
        out.append(None if total == 0 else tuple(r[x] / total for x in h.nodes))
    return tuple(out)
