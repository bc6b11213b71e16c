"""All Nash equilibria of one block of a tree (a subgame with its inner subgames valued), as behaviour.

This is the building block of :func:`~gametheory.extensive.nash_equilibria` (the
whole tree is one block) and of subgame perfection with imperfect information
(:mod:`gametheory.extensive.subgames`): each block is solved for every equilibrium
with the inner subgames replaced by the values of their equilibria.

Two players: the sequence form (:mod:`gametheory.extensive.sequence_form`) when
available, else the reduced normal form solved by
:func:`~gametheory.solvers.enumerate_equilibria` (every extreme equilibrium,
exact). More players: the reduced normal form solved by
:func:`~gametheory.solvers.polynomial_equilibria` (every isolated equilibrium,
``complete`` as that method states). Mixed strategies over plans become behaviour
strategies by Kuhn's theorem; at information sets a player's own play never
reaches (where behaviour is payoff-irrelevant) a best response is filled in.

Examples
--------
>>> from gametheory.extensive import Decision, ExtensiveGame
>>> from gametheory.extensive.normal_form import Block
>>> mp = ExtensiveGame(Decision("A", {"H": Decision("B", {"h": {"A": 1, "B": -1}, "t": {"A": -1, "B": 1}}, infoset="b"),
...                                  "T": Decision("B", {"h": {"A": -1, "B": 1}, "t": {"A": 1, "B": -1}}, infoset="b")}))
>>> found = block_equilibria(Block(mp.flat))
>>> found.behaviours, found.complete
([{0: (Fraction(1, 2), Fraction(1, 2)), 1: (Fraction(1, 2), Fraction(1, 2))}], True)
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..errors import DegenerateGameWarning
from .behaviour import best_response
from .flat import CHANCE
from .normal_form import Block, behaviour_from_plans, block_normal_form

__all__ = ["BlockEquilibria", "block_equilibria", "block_values"]


@dataclass
class BlockEquilibria:
    """What :func:`block_equilibria` found: behaviours (``{infoset: probabilities}``) and their status."""

    behaviours: list[dict[int, tuple]] = field(default_factory=list)
    complete: bool = True
    exact: bool = True
    method: str = ""
    notes: list[str] = field(default_factory=list)


def block_values(block: Block, behaviour: dict[int, tuple]) -> tuple:
    """Expected payoffs of the block from its root under ``behaviour`` (leaves worth their values).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> g = ExtensiveGame(Decision("A", {"x": {"A": 1}, "y": {"A": 3}}))
    >>> block_values(Block(g.flat), {0: (F(1, 2), F(1, 2))})
    (Fraction(2, 1),)
    """
    flat = block.flat
    n = len(flat.players)
    zero: Any = Fraction(0) if flat.exact and all(not isinstance(q, float) for v in behaviour.values() for q in v) else 0.0
    total = [zero] * n
    for z in block.leaves:
        p = block.chance[z]
        if p == 0:
            continue
        for moves in block.moves[z]:
            for h, a in moves:
                p = p * behaviour[h][a]
                if p == 0:
                    break
            if p == 0:
                break
        if p == 0:
            continue
        pay = block.payoff[z]
        for i in range(n):
            total[i] += p * pay[i]
    return tuple(total)


def fill_unreached(block: Block, behaviour: dict[int, tuple]) -> dict[int, tuple]:
    """Give each block information set missing from ``behaviour`` a best response (pure).

    Those are sets the player's own play never reaches, so any choice leaves
    payoffs and regrets unchanged; a best response against the others' play (the
    first action when nothing is at stake) is the natural representative.
    """
    flat = block.flat
    missing = [h for h in block.infosets if h not in behaviour]
    if not missing:
        return behaviour
    full: list[Any] = [None] * len(flat.infosets)
    for h in range(len(flat.infosets)):
        n_act = len(flat.infosets[h].actions)
        full[h] = behaviour.get(h, tuple(Fraction(int(a == 0)) for a in range(n_act)))
    leaf_values = {z: block.payoff[z] for z in block.leaves if flat.kind[z] != 0}
    out = dict(behaviour)
    players = {flat.mover[flat.infosets[h].nodes[0]] for h in missing}
    for i in sorted(players):
        values = {z: v[i] for z, v in leaf_values.items()}
        _, best = best_response(flat, full, i, root=block.root, leaf_values=values)
        for h in missing:
            if flat.mover[flat.infosets[h].nodes[0]] == i:
                a = best.get(h, 0)
                out[h] = tuple(Fraction(int(b == a)) for b in range(len(flat.infosets[h].actions)))
    return out


def _single_node(block: Block) -> BlockEquilibria | None:
    """A block of one decision (every pure maximiser) or one chance node: no solver needed."""
    if len(block.nodes) != 1:
        return None
    flat = block.flat
    x = block.root
    if flat.kind[x] == CHANCE:
        return BlockEquilibria([{}], method="expectation")
    i = flat.mover[x]
    h = flat.infoset_of[x]
    vals = [block.payoff[c][i] for c in flat.children[x]]
    best = max(vals)
    exact = all(not isinstance(v, float) for v in vals)
    tol = 0 if exact else 1e-9
    winners = [a for a, v in enumerate(vals) if v >= best - tol]
    out = BlockEquilibria([{h: tuple(Fraction(int(b == a)) for b in range(len(vals)))} for a in winners],
                          method="best action", exact=exact)
    if len(winners) > 1 and len({block.payoff[flat.children[x][a]] for a in winners}) > 1:
        out.notes.append(
            f"{flat.players[i]} is indifferent at {flat.infosets[h].name!r} between actions that matter to others; "
            "each tied action gives a separate equilibrium, and mixtures of tied actions are equilibria too (not listed)"
        )
    return out


def block_equilibria(block: Block, *, use_sequence_form: bool = True) -> BlockEquilibria:
    """Every equilibrium of a block the method finds, as behaviour at the block's information sets.

    See the module docstring for the methods. Realization-equivalent equilibria
    (the same behaviour after filling unreached sets) are listed once.

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> from gametheory.extensive.normal_form import Block
    >>> g = ExtensiveGame(Decision("A", {"x": {"A": 1}, "y": {"A": 1}}))
    >>> len(block_equilibria(Block(g.flat)).behaviours)
    2
    """
    single = _single_node(block)
    if single is not None:
        return single
    flat = block.flat
    movers = sorted({flat.mover[flat.infosets[h].nodes[0]] for h in block.infosets})
    if use_sequence_form and len(movers) == 2 and flat.recall_problem is None:
        try:
            from .sequence_form import sequence_form_block_equilibria
        except ImportError:  # pragma: no cover - the module ships with the package
            pass
        else:
            return sequence_form_block_equilibria(block)
    return _normal_form_block_equilibria(block)


def _normal_form_block_equilibria(block: Block) -> BlockEquilibria:
    from ..solvers import enumerate_equilibria, pure_equilibria

    flat = block.flat
    nf, plans = block_normal_form(block)
    movers = [i for i in range(len(flat.players)) if len(plans[i]) > 1 or plans[i] != [()]]
    out = BlockEquilibria(method="")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        if len(movers) <= 1:
            sol = pure_equilibria(nf)
            out.method = "reduced normal form, pure maximisers"
            if len(sol.equilibria) > 1:
                out.notes.append(
                    f"{flat.players[movers[0]] if movers else 'nobody'} is indifferent between plans in a subgame; each "
                    "best plan gives an equilibrium, and mixtures of them are equilibria too (not listed)"
                )
        elif len(movers) == 2:
            # two movers: the exact two-player enumeration (players who do not move here dropped)
            two = nf if nf.num_players == 2 else _two_player(nf, movers)
            sol = enumerate_equilibria(two, warn=False)
            out.method = "reduced normal form, " + sol.method
            if two is not nf:
                sol = _lift(sol, nf, movers)
        else:
            from ..solvers.dispatch import solve

            sol = solve(nf)  # polynomial_equilibria, or pure equilibria (said in notes) when too large
            out.method = "reduced normal form, " + sol.method
    out.complete = sol.complete
    if any(not c.isolated for c in getattr(sol, "components", ())):
        out.complete = False
        out.notes.append("a subgame has a continuum of equilibria; only its extreme equilibria are listed")
    out.notes.extend(sol.notes)
    seen: set = set()
    for eq in sol.equilibria:
        mixed = eq.profile
        if any(isinstance(q, float) for v in mixed for q in v):
            out.exact = False
        beh = fill_unreached(block, behaviour_from_plans(block, plans, mixed))
        key = tuple(sorted(beh.items()))
        if key in seen:
            continue
        seen.add(key)
        out.behaviours.append(beh)
    if not sol.exact:
        out.exact = False
    return out


def _two_player(nf: Any, movers: list[int]) -> Any:
    from ..game import Game

    arr = nf.payoffs[list(movers)].reshape((2, nf.shape[movers[0]], nf.shape[movers[1]]))
    return Game(arr, players=tuple(nf.players[i] for i in movers), strategies=tuple(nf.strategies[i] for i in movers))


class _Lifted:
    """A two-player solution seen as a solution of the N-player form (non-movers' one strategy added)."""

    def __init__(self, sol: Any, nf: Any, movers: list[int]) -> None:
        self.complete, self.exact, self.notes, self.components, self.method = (
            sol.complete, sol.exact, sol.notes, sol.components, sol.method)
        one = (Fraction(1),)
        self.equilibria = []
        for eq in sol.equilibria:
            prof = [one] * nf.num_players
            for k, i in enumerate(movers):
                prof[i] = eq.profile[k]
            self.equilibria.append(_Profile(tuple(prof)))


@dataclass
class _Profile:
    profile: tuple


def _lift(sol: Any, nf: Any, movers: list[int]) -> Any:
    return _Lifted(sol, nf, movers)

