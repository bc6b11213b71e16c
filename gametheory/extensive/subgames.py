"""Subgame perfection with imperfect information: proper subgames solved inside out.

A proper subgame starts at a node when every information set that meets its
subtree lies inside it (:func:`~gametheory.extensive.behaviour.subgame_roots`).
:func:`subgame_perfect_by_subgames` works from the innermost subgames outward:
each subgame's *block* (its root down to the roots of the subgames inside it) is
solved for every equilibrium (:func:`~gametheory.extensive.blocks.block_equilibria`)
once for each combination of equilibria of the subgames inside, whose roots count
as leaves worth those equilibria's values (Selten 1965; Osborne & Rubinstein
1994, ch. 6 and 11). Every profile is verified: no player gains by deviating in
any subgame (:func:`~gametheory.extensive.behaviour.subgame_regret`, exactly 0 for
exact games).

:func:`gametheory.sequential.subgame_perfect_equilibria` calls this for trees whose
information sets span positions; trees where only stages hide moves keep the
faster backward induction over positions.

Examples
--------
Europe deploys troops or not; then Russia, not seeing whether the US backs the
mission (an even chance), decides whether to test it. Testing pays Russia 2
against a mission alone and costs it 3 against a backed one, so it respects the
mission, and Europe deploys. The subgames are the whole game and the one after
deployment:

>>> from gametheory.extensive import Chance, Decision, ExtensiveGame
>>> test = lambda backed: Decision("Russia", {
...     "Test": {"Europe": -1 if backed else -3, "Russia": -3 if backed else 2},
...     "Respect": {"Europe": 1, "Russia": 0}}, infoset="russia")
>>> g = ExtensiveGame(Decision("Europe", {
...     "Deploy": Chance({"backed": ("1/2", test(True)), "alone": ("1/2", test(False))}),
...     "Stay out": {"Europe": 0, "Russia": 1}}))
>>> sol = subgame_perfect_by_subgames(g)
>>> [(e.choice_at(0), e.payoffs, e.regret) for e in sol], sol.parameters["subgames"]
([('Deploy', (Fraction(1, 1), Fraction(0, 1)), Fraction(0, 1))], 2)
"""

from __future__ import annotations

import itertools
import math
import time
from ..errors import EquilibriumLimitError, InvalidGameError
from .behaviour import _subtree_end, subgame_regret, subgame_roots
from .blocks import block_equilibria, block_values
from .game import ExtensiveGame
from .nash import verified_equilibrium
from .normal_form import Block
from .result import SequentialSolution, SubgamePerfectEquilibrium

__all__ = ["subgame_perfect_by_subgames"]


def subgame_perfect_by_subgames(game: ExtensiveGame, *, max_equilibria: int = 10_000) -> SequentialSolution:
    """Every subgame-perfect equilibrium the block solvers find, subgame by subgame.

    Parameters
    ----------
    game : ExtensiveGame
        A tree with perfect recall.
    max_equilibria : int
        Cap on the number of equilibria of any subgame; beyond it
        :class:`~gametheory.errors.EquilibriumLimitError` is raised.

    Returns
    -------
    SequentialSolution
        ``concept="subgame-perfect"``; ``complete`` when every block solve was
        complete (two-player blocks: every extreme equilibrium of the sequence form;
        continua make it ``False`` with a note). Ties at single decisions give one
        equilibrium per tied action (mixtures are subgame perfect too; a note says so).

    Raises
    ------
    NotSupportedError
        Without perfect recall.
    EquilibriumLimitError
        When a subgame has more than ``max_equilibria`` equilibria.
    """
    if not isinstance(game, ExtensiveGame):
        raise InvalidGameError(f"expected an ExtensiveGame, got {type(game).__name__}")
    started = time.perf_counter()
    flat = game.flat
    flat.require_perfect_recall("subgame perfection")
    if flat.kind[0] == 0:  # the game ends at once
        eq = verified_equilibrium(game, (), subgame_regret, exact=game.exact, cls=SubgamePerfectEquilibrium)
        return SequentialSolution(game=game, method="subgame_perfect_equilibria", equilibria=(eq,), complete=True,
                                  exact=game.exact, elapsed=time.perf_counter() - started)
    roots = subgame_roots(flat)
    end = _subtree_end(flat)
    # records[r]: list of (values, behaviour of the block, {inner root: record index})
    records: dict[int, list] = {}
    pending: list[int] = []  # solved roots not yet claimed by an enclosing subgame, in pre-order
    notes: list[str] = []
    complete = True
    exact = game.exact
    methods: list[str] = []

    def note(text: str) -> None:
        if text not in notes:
            notes.append(text)

    for r in reversed(roots):
        # the outermost solved roots inside r's subtree are the leaves of r's block
        inner = []
        keep = []
        for c in pending:
            (inner if r < c < end[r] else keep).append(c)
        pending = keep
        sizes = [len(records[c]) for c in inner]
        total = math.prod(sizes)
        if total > max_equilibria:
            raise EquilibriumLimitError(
                f"the subgame at node {r} has at least {total} subgame-perfect equilibria, more than "
                f"max_equilibria={max_equilibria}; raise the cap"
            )
        out = []
        for combo in itertools.product(*[range(s) for s in sizes]):
            leaf_values = {c: records[c][j][0] for c, j in zip(inner, combo)}
            block = Block(flat, r, leaf_values)
            found = block_equilibria(block)
            if found.method and found.method not in methods:
                methods.append(found.method)
            complete = complete and found.complete
            exact = exact and found.exact
            for t in found.notes:
                note(t)
            for beh in found.behaviours:
                out.append((block_values(block, beh), beh, dict(zip(inner, combo))))
        if len(out) > max_equilibria:
            raise EquilibriumLimitError(
                f"the subgame at node {r} has more than max_equilibria={max_equilibria} subgame-perfect "
                "equilibria; raise the cap"
            )
        records[r] = out
        for c in inner:
            if c not in records:  # pragma: no cover - every inner root was solved first
                raise AssertionError(c)
        pending.insert(0, r)

    spes = []
    n_sets = len(flat.infosets)
    for rec in range(len(records[0])):
        behaviour: dict[int, tuple] = {}
        stack = [(0, rec)]
        while stack:
            r, j = stack.pop()
            _, beh, combo = records[r][j]
            behaviour.update(beh)
            stack.extend(combo.items())
        profile = tuple(behaviour[h] for h in range(n_sets))
        spes.append(verified_equilibrium(game, profile, subgame_regret, exact=exact, cls=SubgamePerfectEquilibrium,
                                         what="subgame-perfect equilibrium"))
    if not spes:
        complete = False
        note("no subgame-perfect equilibrium was found")
    return SequentialSolution(
        game=game,
        method="subgame_perfect_equilibria",
        equilibria=tuple(spes),
        complete=complete,
        exact=exact,
        parameters={"max_equilibria": max_equilibria, "subgames": len(roots),
                    "block methods": "; ".join(methods) or "none"},
        elapsed=time.perf_counter() - started,
        notes=tuple(notes),
        concept="subgame-perfect",
    )

