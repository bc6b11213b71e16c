"""Equilibrium outcomes of a tree: every subgame-perfect equilibrium counted exactly, grouped by outcome.

A tree with ties off the equilibrium path can have astronomically many
subgame-perfect equilibria that all lead to the same few outcomes: they differ only
in choices nobody makes. :func:`equilibrium_outcomes` runs backward induction on
*classes* instead of equilibria: the equilibria of a subgame with the same expected
payoffs and the same distribution over outcomes form one class, with an exact
count. At a decision, the number of equilibria in which action ``a`` (continued by
class ``k`` of its subgame) is chosen is ``n(a, k) * prod_b #{equilibria of b whose
value to the mover is at most that of (a, k)}``, so counting costs little more than
solving once. The result lists each distinct outcome once with the number of
equilibria leading to it, a representative equilibrium, and the positions off its
path where the mover is indifferent (the choices that tell the equilibria of one
group apart; mixing tied actions there gives further equilibria, not counted).

Outcomes are the ``outcome`` attributes of the terminals (valued compositions,
:mod:`gametheory.sequential.valued`: terminals with equal attributes are one outcome,
however they were reached), else the terminals themselves. Trees whose hidden
information is nature's are counted on their delayed tree
(:mod:`gametheory.extensive.nature`): the counts are then of sequential equilibria.

Examples
--------
>>> from gametheory.sequential import Decision, SequentialGame
>>> tie = lambda: Decision("B", {"l": {"A": 1, "B": 0}, "r": {"A": 1, "B": 0}})
>>> g = SequentialGame(Decision("A", {"x": tie(), "y": Decision("B", {"m": tie(), "n": {"A": 0}})}))
>>> out = equilibrium_outcomes(g)
>>> out.total, len(out.groups), out.groups[0].count
(12, 4, 4)
>>> print(out.groups[0].story())
A chooses x → B chooses l
"""

from __future__ import annotations

import itertools
import math
import time
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .. import exact as _exact
from ..errors import DegenerateGameWarning, InvalidGameError, NotSupportedError
from ..extensive.game import Chance, Decision, ExtensiveGame, Stage, Terminal

__all__ = ["OutcomeGroup", "EquilibriumOutcomes", "equilibrium_outcomes"]


@dataclass(frozen=True)
class OutcomeGroup:
    """The equilibria that lead to one distribution over outcomes.

    Attributes
    ----------
    count : int
        How many (pure-at-ties) equilibria lead to it, exactly.
    payoffs : tuple
        Expected payoffs (every equilibrium of the group has the same).
    distribution : tuple of (outcome, probability)
        The outcomes reached and their probabilities.
    representative : TreeEquilibrium
        One equilibrium of the group (verified like every equilibrium the solvers return).
    indifferent : tuple of str
        Node ids of positions off the representative's path where the mover has tied
        best actions: choosing another there gives another equilibrium of this group.
    """

    count: int
    payoffs: tuple
    distribution: tuple
    representative: Any = field(repr=False)
    indifferent: tuple[str, ...] = ()

    def story(self) -> str:
        """The representative's plays as one line per play (with probabilities when more than one)."""
        stories = self.representative.stories()
        if len(stories) == 1:
            return stories[0][0]
        return "\n".join(f"with probability {_exact.format_number(p)}: {s}" for s, p in stories)


@dataclass(frozen=True)
class EquilibriumOutcomes:
    """Every equilibrium of a tree, counted exactly and grouped by the outcome it leads to.

    Attributes
    ----------
    game : ExtensiveGame
    total : int
        The number of equilibria (ties resolved each pure way).
    groups : tuple of OutcomeGroup
        One per distinct outcome distribution, most equilibria first.
    concept : str
        ``"subgame-perfect"``, or ``"sequential"`` for trees whose hidden information is nature's.
    complete : bool
        ``True`` when every stage solve listed all equilibria (no continua).
    notes : tuple of str
    elapsed : float
    """

    game: ExtensiveGame = field(repr=False)
    total: int
    groups: tuple[OutcomeGroup, ...]
    concept: str
    complete: bool
    notes: tuple[str, ...] = ()
    elapsed: float = 0.0

    def __len__(self) -> int:
        return len(self.groups)

    def __iter__(self):
        return iter(self.groups)

    def headline(self) -> str:
        """One line: how many equilibria, how many outcomes, complete or not."""
        n, k = self.total, len(self.groups)
        return (f"{n} {self.concept} equilibri{'um' if n == 1 else 'a'} "
                f"({'complete' if self.complete else 'not necessarily complete'}), "
                f"{k} equilibrium outcome{'' if k == 1 else 's'}")

    def __str__(self) -> str:
        players = self.game.players
        lines = [self.headline()]
        for j, g in enumerate(self.groups, 1):
            pays = ", ".join(f"{p} {_exact.format_number(v)}" for p, v in zip(players, g.payoffs))
            lines.append(f"  outcome {j} ({g.count} equilibri{'um' if g.count == 1 else 'a'}): payoffs {pays}")
            lines += ["    " + s for s in g.story().splitlines()]
            if g.indifferent:
                shown = ", ".join(g.indifferent[:4]) + (f" and {len(g.indifferent) - 4} more" if len(g.indifferent) > 4 else "")
                lines.append(f"    equilibria of this outcome differ off its path, where movers are indifferent: {shown}")
        lines += [f"  note: {t}" for t in self.notes]
        return "\n".join(lines)


def _outcome_key(node: Terminal, position: int) -> Any:
    return node.outcome if node.outcome is not None else ("terminal", position)


def equilibrium_outcomes(game: ExtensiveGame, *, stage_solver: Any = None, details: bool = True) -> EquilibriumOutcomes:
    """Count every subgame-perfect (or, with hidden draws of nature, sequential) equilibrium, by outcome.

    Parameters
    ----------
    game : ExtensiveGame
        A tree with a subgame at every position (stages aside), or one whose hidden
        information is nature's (solved on its delayed tree).
    stage_solver : callable, optional
        ``Game -> Solution`` for stages (default :func:`gametheory.solve`).
    details : bool
        Find, for each outcome, the positions off its path where equilibria of that
        outcome differ (``OutcomeGroup.indifferent``); ``False`` skips it.

    Every representative is verified exactly: by the one-shot deviation test on the
    tree solved (the delayed tree for hidden draws of nature), and the first three
    also on the original tree as assessments (sequential rationality with their
    beliefs, Kreps-Wilson consistency).

    Returns
    -------
    EquilibriumOutcomes

    Raises
    ------
    NotSupportedError
        For other trees with information sets spanning positions.

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame
    >>> g = SequentialGame(Decision("A", {"x": {"A": 1, "B": 1}, "y": {"A": 1, "B": 2}}))
    >>> [(grp.count, grp.payoffs) for grp in equilibrium_outcomes(g)]
    [(1, (Fraction(1, 1), Fraction(1, 1))), (1, (Fraction(1, 1), Fraction(2, 1)))]
    """
    from ..extensive.nature import delayed_tree
    from .backward import _solve_default

    started = time.perf_counter()
    if not isinstance(game, ExtensiveGame):
        raise InvalidGameError(f"expected an ExtensiveGame, got {type(game).__name__}")
    concept = "subgame-perfect"
    tree, delayed = game, None
    if not game.subgame_at_every_position:
        delayed = delayed_tree(game)
        if delayed is None:
            raise NotSupportedError("equilibrium_outcomes counts equilibria by backward induction: the tree needs a "
                                    "subgame at every position, or hidden information that is nature's alone")
        tree, concept = delayed.game, "sequential"
    solver = stage_solver or _solve_default
    players = tree.players
    n = len(players)
    positions = tree.positions
    exact = tree.exact
    d = tree.discount
    complete = True
    notes: list[str] = []
    # classes[k]: list of [values, distribution(dict), count, choice, kids(dict child position -> class index)]
    classes: list[Any] = [None] * len(positions)
    best_of: list[Any] = [None] * len(positions)  # per decision: per class, the tied winning actions
    for k in range(len(positions) - 1, -1, -1):
        pos = positions[k]
        node = pos.node
        t = type(node)
        if t is Terminal:
            vals = tuple(node.payoff(p) for p in players)
            classes[k] = [[vals, {_outcome_key(node, k): Fraction(1)}, 1, None, {}]]
            continue
        kids = pos.children
        if t is Decision:
            i = players.index(node.player)
            out: dict[tuple, list] = {}
            ties: list[tuple] = []
            for a, c in enumerate(kids):
                for j, (vals, dist, cnt, _, _) in enumerate(classes[c]):
                    mine = vals[i]
                    mult = cnt
                    pick = {c: j}
                    for b, cb in enumerate(kids):
                        if b == a:
                            continue
                        ok = [(jj, cl[2]) for jj, cl in enumerate(classes[cb]) if cl[0][i] <= mine]
                        s = sum(m for _, m in ok)
                        if s == 0:
                            mult = 0
                            break
                        mult *= s
                        pick[cb] = ok[0][0]
                    if mult == 0:
                        continue
                    v = tuple(d * x for x in vals) if d != 1 else vals
                    key = (v, _freeze(dist))
                    if key in out:
                        out[key][2] += mult
                    else:
                        out[key] = [v, dist, mult, a, pick]
                    tied = tuple(b for b, cb in enumerate(kids) if b != a
                                 and any(cl[0][i] == mine for cl in classes[cb]))
                    ties.append(tied)
            classes[k] = list(out.values())
            best_of[k] = any(ties)
        elif t is Chance:
            probs = node.probabilities
            out = {}
            for combo in itertools.product(*[range(len(classes[c])) for c in kids]):
                vals = [0] * n
                dist: dict = {}
                cnt = 1
                for q, c, j in zip(probs, kids, combo):
                    cv, cd, cc, _, _ = classes[c][j]
                    cnt *= cc
                    if q == 0:
                        continue
                    for r in range(n):
                        vals[r] += q * cv[r]
                    for o, pr in cd.items():
                        dist[o] = dist.get(o, 0) + q * pr
                key = (tuple(vals), _freeze(dist))
                if key in out:
                    out[key][2] += cnt
                else:
                    out[key] = [tuple(vals), dist, cnt, None, dict(zip(kids, combo))]
            classes[k] = list(out.values())
        else:  # Stage
            ok, stage_notes = _stage_classes(node, kids, classes, players, d, solver, k)
            if not ok[1]:
                complete = False
            for s in stage_notes:
                if s not in notes:
                    notes.append(s)
            classes[k] = ok[0]
    # read off each class at the root: one representative each
    from ..extensive.result import SubgamePerfectEquilibrium

    groups = []
    root_classes = classes[0]
    reps = []
    for j in range(len(root_classes)):
        choices: list[Any] = [None] * len(positions)
        stack = [(0, j)]
        while stack:
            kk, jj = stack.pop()
            _, _, _, choice, kid_classes = classes[kk][jj]
            choices[kk] = choice
            for c in positions[kk].children:
                stack.append((c, kid_classes.get(c, 0)))
        reps.append(tuple(choices))
    from ..errors import SolverError
    from .verify import one_shot_regret

    tol = 0 if tree.exact else 1e-9
    for idx, ((vals, dist, cnt, _, _), choices) in enumerate(zip(root_classes, reps)):
        payoffs = tuple(Fraction(v) if not isinstance(v, float) else v for v in vals)
        regret = one_shot_regret(tree, list(choices))
        if regret > tol:
            raise SolverError(f"equilibrium_outcomes: a representative has one-shot regret {regret}; a bug, "
                              "please report it")
        if delayed is not None:
            original = delayed.original_choices(choices)
            eq = _verified_sequential(game, original, payoffs, full=idx < 3, regret=regret)
        else:
            eq = SubgamePerfectEquilibrium(game=tree, choices=choices, payoffs=payoffs, regret=regret)
        indifferent = _indifferent(tree, choices, delayed) if details else ()
        distribution = tuple(sorted(((o, p) for o, p in dist.items()), key=lambda t: -t[1]))
        groups.append(OutcomeGroup(count=cnt, payoffs=payoffs, distribution=distribution, representative=eq,
                                   indifferent=indifferent))
    groups.sort(key=lambda g: -g.count)
    total = sum(g.count for g in groups)
    if any(best_of[k] for k in range(len(positions)) if best_of[k] is not None):
        notes.append("some movers are indifferent between actions; each tied action is counted as its own "
                     "equilibrium, and mixtures of tied actions are equilibria too (not counted)")
    if delayed is not None:
        notes.append("the hidden information is nature's alone: these are the sequential equilibria (beliefs "
                     "given by the prior), counted on the tree with nature's draws delayed")
    return EquilibriumOutcomes(game=game, total=total, groups=tuple(groups), concept=concept, complete=complete,
                               notes=tuple(notes), elapsed=time.perf_counter() - started)


def _freeze(dist: dict) -> frozenset:
    return frozenset(dist.items())


def _stage_classes(node: Stage, kids: tuple, classes: list, players: tuple, d: Any, solver: Any,
                   k: int) -> tuple[tuple[list, bool], list[str]]:
    from ..game import Game

    g = node.game
    shape = g.shape
    stage_idx = [players.index(p) for p in node.players]
    flat_pay = [g.payoffs[i].reshape(-1).tolist() for i in range(g.num_players)]
    out: dict = {}
    complete = True
    notes = []
    sizes = [len(classes[c]) for c in kids]
    if math.prod(sizes) > 100_000:
        raise NotSupportedError(f"stage {node.name!r}: {math.prod(sizes)} combinations of continuation classes")
    profiles = list(np.ndindex(*shape))
    for combo in itertools.product(*[range(s) for s in sizes]):
        totals = []
        for e, (c, j) in enumerate(zip(kids, combo)):
            v = [d * x for x in classes[c][j][0]] if d != 1 else list(classes[c][j][0])
            for i, jj in enumerate(stage_idx):
                v[jj] = v[jj] + flat_pay[i][e]
            totals.append(v)
        arr = [np.array([t[j] for t in totals], dtype=object).reshape(shape) for j in stage_idx]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            sol = solver(Game(arr, players=node.players, strategies=g.strategies, title=node.name))
        if not sol.complete or any(not c.isolated for c in sol.components):
            complete = False
            notes.append(f"stage {node.name!r} has a continuum of equilibria or an incomplete solve; only its "
                         "extreme equilibria are counted")
        cnt = math.prod(classes[c][j][2] for c, j in zip(kids, combo))
        for eq in sol.equilibria:
            prof = eq.profile
            vals = [0] * len(players)
            dist: dict = {}
            for e, s in enumerate(profiles):
                p: Any = 1
                for i, si in enumerate(s):
                    p = p * prof[i][si]
                if p == 0:
                    continue
                for r in range(len(players)):
                    vals[r] += p * totals[e][r]
                for o, pr in classes[kids[e]][combo[e]][1].items():
                    dist[o] = dist.get(o, 0) + p * pr
            key = (tuple(vals), _freeze(dist))
            if key in out:
                out[key][2] += cnt
            else:
                out[key] = [tuple(vals), dist, cnt, tuple(tuple(v) for v in prof), dict(zip(kids, combo))]
    return (list(out.values()), complete), notes


def _verified_sequential(game: ExtensiveGame, choices: tuple, payoffs: tuple, *, full: bool = True,
                         regret: Any = 0) -> Any:
    from ..errors import SolverError
    from ..extensive.assessment import kreps_wilson_consistency, sequential_rationality_regret
    from ..extensive.nature import _behaviour, _beliefs
    from ..extensive.result import SubgamePerfectEquilibrium

    behaviour = _behaviour(game, choices)
    beliefs = _beliefs(game, behaviour)
    if not full:  # verified on the delayed tree by the caller (one-shot deviations, exact)
        return SubgamePerfectEquilibrium(game=game, choices=choices, payoffs=payoffs, regret=regret, beliefs=beliefs)
    regret = sequential_rationality_regret(game, behaviour, beliefs)
    tol = 0 if game.exact else 1e-9
    # sequentially rational with consistent beliefs: a sequential equilibrium, hence subgame perfect
    # (Kreps & Wilson 1982, Proposition 6)
    if regret > tol or not kreps_wilson_consistency(game, behaviour, beliefs).consistent:
        raise SolverError("equilibrium_outcomes: a representative failed the exact sequential-equilibrium checks; "
                          "a bug, please report it")
    return SubgamePerfectEquilibrium(game=game, choices=choices, payoffs=payoffs, regret=regret, beliefs=beliefs)


def _indifferent(tree: ExtensiveGame, choices: tuple, delayed: Any) -> tuple[str, ...]:
    """Positions off the path of ``choices`` where another action is worth as much to the mover."""
    from ..extensive.result import SubgamePerfectEquilibrium

    eq = SubgamePerfectEquilibrium(game=tree, choices=choices, payoffs=(), regret=None)
    on_path = set()
    for play in eq.plays():
        for st in play.steps:
            on_path.add(st.position)
    values = _position_values(tree, choices)
    out = []
    for pos in tree.positions:
        node = pos.node
        if type(node) is not Decision or pos.index in on_path:
            continue
        i = tree.players.index(node.player)
        c = choices[pos.index]
        if not isinstance(c, int):
            continue
        mine = values[pos.children[c]][i]
        if any(values[x][i] == mine for b, x in enumerate(pos.children) if b != c):
            out.append(tree.short_id(pos.index))
    return tuple(out)


def _position_values(tree: ExtensiveGame, choices: tuple) -> list:
    positions = tree.positions
    n = len(tree.players)
    vals: list[Any] = [None] * len(positions)
    d = tree.discount
    for k in range(len(positions) - 1, -1, -1):
        pos = positions[k]
        node = pos.node
        t = type(node)
        if t is Terminal:
            vals[k] = tuple(node.payoff(p) for p in tree.players)
        elif t is Decision:
            c = choices[k]
            if isinstance(c, int):
                v = vals[pos.children[c]]
            else:
                v = tuple(sum(q * vals[x][r] for q, x in zip(c, pos.children)) for r in range(n))
            vals[k] = tuple(d * x for x in v) if d != 1 else v
        elif t is Chance:
            vals[k] = tuple(sum(q * vals[x][r] for q, x in zip(node.probabilities, pos.children)) for r in range(n))
        else:
            prof = choices[k]
            g = node.game
            stage_idx = [tree.players.index(p) for p in node.players]
            acc = [0] * n
            for e, s in enumerate(np.ndindex(*g.shape)):
                p: Any = 1
                for i, si in enumerate(s):
                    p = p * prof[i][si]
                if p == 0:
                    continue
                v = list(vals[pos.children[e]])
                v = [d * x for x in v] if d != 1 else v
                for i, jj in enumerate(stage_idx):
                    v[jj] += g.payoffs[(i, *s)]
                for r in range(n):
                    acc[r] += p * v[r]
            vals[k] = tuple(acc)
    return vals
