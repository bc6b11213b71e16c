"""Sequential equilibria of trees whose hidden information is nature's: delay the draws.

Many policy trees hide only *nature's* moves: a player's type (a US resolved to
invoke Article 5 or not) is drawn by chance and seen by that player alone, and the
others move without knowing it. Then every information set groups nodes that differ
only in such draws, each weighted by its prior probability, and the beliefs of any
consistent assessment there are that prior (the moves on the way are the same
moves, at the same information sets, whatever nature drew). Such a tree is
equivalent to its **delayed tree**: nature's hidden draw is moved down to where it
first matters, just before a player who has seen it moves (or the play ends), and
the uninformed players' information sets become single decisions whose actions are
valued in expectation over the prior. The delayed tree has a subgame at every
position (apart from simultaneous stages), so backward induction lists every one of
its subgame-perfect equilibria, and these are exactly the **sequential equilibria**
of the original tree (Kreps & Wilson 1982): sequential rationality at an information
set with prior beliefs is optimality at the merged decision.

:func:`delayed_tree` builds the delayed tree (or returns ``None`` when the hidden
information is not nature's alone, e.g. when an informed player moves before an
uninformed one and can signal), and :func:`nature_sequential_equilibria` solves it
and maps every equilibrium back to the original tree, with its beliefs, each
verified exactly: sequential rationality regret 0 and Kreps-Wilson consistency.

References
----------
Kreps, D. M. & Wilson, R. (1982). Sequential equilibria. *Econometrica* 50, 863–894.
Thompson, F. B. (1952). Equivalence of games in extensive form. RAND RM-759
(interchanging moves that do not observe each other keeps the game equivalent).

Examples
--------
Nature draws a US resolved to defend (probability 1/3) or not, seen only by the US;
Russia, not knowing which, tests or not; the US then defends or not. Europe, which
does not see the draw either, decides afterwards whether to reinforce:

>>> from gametheory.extensive import Chance, Decision, ExtensiveGame
>>> def us(resolved):
...     return Decision("US", {"Defend": {"Russia": -2, "US": 1 if resolved else -2, "Europe": 0},
...                            "Yield": {"Russia": 2, "US": -1, "Europe": -1}})
>>> def russia(resolved):
...     return Decision("Russia", {"Test": us(resolved),
...                                "Wait": Decision("Europe", {"Reinforce": {"Europe": -1},
...                                                            "Rest": {"Europe": 0}}, infoset="europe")},
...                     infoset="russia")
>>> g = ExtensiveGame(Chance({"resolved": ("1/3", russia(True)), "not": ("2/3", russia(False))}))
>>> sol = nature_sequential_equilibria(g)
>>> len(sol), sol.concept, sol.complete
(1, 'sequential', True)
>>> sol[0].behaviour("Russia")["/not"], sol[0].beliefs[sol.game.infoset("Russia", "russia").index]
({'Test': Fraction(1, 1)}, (Fraction(1, 3), Fraction(2, 3)))
"""

from __future__ import annotations

import time
from dataclasses import replace
from fractions import Fraction
from typing import Any

from ..errors import InvalidGameError, SolverError
from .game import Chance, Decision, ExtensiveGame, Stage, Terminal

__all__ = ["DelayedTree", "delayed_tree", "nature_sequential_equilibria"]


class DelayedTree:
    """The delayed tree of an :class:`ExtensiveGame` and how its positions map back.

    Attributes
    ----------
    original : ExtensiveGame
    game : ExtensiveGame
        The delayed tree (a subgame at every position, apart from stages).
    sources : dict
        For every decision or stage position of ``game``, the ``(position, weight)``
        pairs of ``original`` it stands for (the weights: prior probabilities of
        nature's hidden draws, summing to 1).
    """

    def __init__(self, original: ExtensiveGame, game: ExtensiveGame, sources: dict[int, list[tuple[int, Any]]]) -> None:
        self.original = original
        self.game = game
        self.sources = sources

    def original_choices(self, choices: tuple) -> tuple:
        """Per-position choices of the original tree from those of the delayed tree."""
        out: list[Any] = [None] * self.original.num_positions
        for q, pairs in self.sources.items():
            for p, _ in pairs:
                out[p] = choices[q]
        return tuple(out)


def _key_positions(game: ExtensiveGame) -> dict[tuple[str, str], set[int]]:
    """Positions of each keyed decision (player, key), and of each keyed stage move."""
    out: dict[tuple[str, str], set[int]] = {}
    for pos in game.positions:
        node = pos.node
        if type(node) is Decision and node.infoset is not None:
            out.setdefault((node.player, node.infoset), set()).add(pos.index)
        elif type(node) is Stage:
            for p, k in node.infosets:
                out.setdefault((p, k), set()).add(pos.index)
    return out


class _Builder:
    def __init__(self, game: ExtensiveGame) -> None:
        self.game = game
        self.pos = game.positions
        self.keyed = _key_positions(game)
        self.merged_keys: set[tuple[str, str]] = set()
        self.sources: dict[int, list[tuple[int, Any]]] = {}  # id(new node) -> (original position, weight)
        self.failed = False

    def copy(self, k: int) -> Any:
        node = self.pos[k].node
        kids = self.pos[k].children
        t = type(node)
        if t is Terminal:
            return node
        if t is Chance:
            return self.delay([(Fraction(1) if self.game.exact else 1.0, k, ())], chance_at=k)
        if t is Decision:
            new = Decision(node.player, dict(zip(node.actions, (self.copy(c) for c in kids))), label=node.label,
                           narration=dict(node.narration), infoset=node.infoset)
            self.sources[id(new)] = [(k, Fraction(1))]
            return new
        g = node.game
        import numpy as np

        outcomes = {}
        for f, prof in enumerate(np.ndindex(*g.shape)):
            outcomes[tuple(g.strategies[i][s] for i, s in enumerate(prof))] = self.copy(kids[f])
        new = Stage(g, outcomes, players=dict(zip(g.players, node.players)), label=node.label,
                    narration=None, infosets=dict(node.infosets) or None)
        self.sources[id(new)] = [(k, Fraction(1))]
        return new

    def delay(self, group: list[tuple[Any, int, tuple[str, ...]]], chance_at: int | None = None) -> Any:
        """``group``: (weight, position, labels of the hidden draws) sharing one information context."""
        pos = self.pos
        # fold chance nodes: their draws are delayed too
        while True:
            if not all(type(pos[k].node) is Chance for _, k, _ in group):
                break
            folded = []
            for w, k, lab in group:
                node = pos[k].node
                for o, q, c in zip(node.outcomes, node.probabilities, pos[k].children):
                    folded.append((w * q, c, lab + (o,)))
            group = folded
        nodes = [pos[k].node for _, k, _ in group]
        first = nodes[0]
        if len(group) > 1 and type(first) is Decision and first.infoset is not None and all(
                type(n) is Decision and n.player == first.player and n.infoset == first.infoset
                and n.actions == first.actions for n in nodes):
            kids = {a: self.delay([(w, pos[k].children[j], lab) for w, k, lab in group])
                    for j, a in enumerate(first.actions)}
            key = (first.player, first.infoset)
            mine = {k for _, k, _ in group}
            keep = None if self.keyed.get(key, set()) == mine else first.infoset
            if keep is not None:
                self.failed = True  # the information set reaches beyond this draw: not nature's alone
            new = Decision(first.player, kids, label=first.label, narration=dict(first.narration), infoset=keep)
            self.sources[id(new)] = [(k, w) for w, k, _ in group]
            return new
        if len(group) > 1 and type(first) is Stage and first.infosets and all(
                type(n) is Stage and n.game is first.game and n.players == first.players
                and n.infosets == first.infosets for n in nodes) and len(first.infosets) == len(first.players):
            import numpy as np

            g = first.game
            outcomes = {}
            for f, prof in enumerate(np.ndindex(*g.shape)):
                outcomes[tuple(g.strategies[i][s] for i, s in enumerate(prof))] = self.delay(
                    [(w, pos[k].children[f], lab) for w, k, lab in group])
            new = Stage(g, outcomes, players=dict(zip(g.players, first.players)), label=first.label)
            for p, key in first.infosets:
                if self.keyed.get((p, key), set()) != {k for _, k, _ in group}:
                    self.failed = True
            self.sources[id(new)] = [(k, w) for w, k, _ in group]
            return new
        if len(group) == 1:
            return self.copy(group[0][1])
        # the draw matters from here on: nature moves now
        outcomes = {}
        for w, k, lab in group:
            name = ", ".join(lab) or "draw"
            while name in outcomes:
                name += "'"
            outcomes[name] = (w, self.copy(k))
        label = pos[chance_at].node.label if chance_at is not None else None
        return Chance(outcomes, label=label)


def delayed_tree(game: ExtensiveGame) -> DelayedTree | None:
    """The delayed tree of a game whose hidden information is nature's, else ``None``.

    ``None`` when some information set is not the set of nodes one hidden draw of
    nature leads to (for instance after an informed player's move), and for trees
    without information sets spanning positions (nothing to delay).

    Examples
    --------
    >>> from gametheory.extensive import Chance, Decision, ExtensiveGame
    >>> guess = lambda: Decision("B", {"l": {"B": 1}, "r": {"B": 0}}, infoset="b")
    >>> d = delayed_tree(ExtensiveGame(Chance({"x": ("1/2", guess()), "y": ("1/2", guess())})))
    >>> d.game.is_perfect_information, d.sources[0]
    (True, [(1, Fraction(1, 2)), (4, Fraction(1, 2))])
    """
    if not isinstance(game, ExtensiveGame):
        raise InvalidGameError(f"expected an ExtensiveGame, got {type(game).__name__}")
    if game.subgame_at_every_position:
        return None
    b = _Builder(game)
    root = b.copy(0)
    if b.failed:
        return None
    new = ExtensiveGame(root, players=game.players, title=game.title, discount=game.discount,
                        description=game.description)
    if not new.subgame_at_every_position:
        return None
    sources = {p.index: b.sources[id(p.node)] for p in new.positions if id(p.node) in b.sources}
    covered = sorted(k for pairs in sources.values() for k, _ in pairs)
    wanted = [p.index for p in game.positions if type(p.node) in (Decision, Stage)]
    if covered != wanted:  # pragma: no cover - every decision is copied or merged exactly once
        raise SolverError("delayed tree: positions were lost or duplicated; a bug, please report it")
    return DelayedTree(game, new, sources)


def _beliefs(game: ExtensiveGame, behaviour: tuple) -> tuple:
    """Consistent beliefs: Bayes' rule on the moves that tell an information set's nodes apart."""
    flat = game.flat
    out = []
    for h in game.infosets:
        if len(h.nodes) == 1:
            out.append((Fraction(1),) if game.exact else (1.0,))
            continue
        from .flat import CHANCE

        paths = []
        for x in h.nodes:
            steps = []
            y = x
            while flat.parent[y] >= 0:
                par, e = flat.parent[y], flat.edge[y]
                # a move at one information set with one action is the same move on every path: it cancels
                steps.append((("chance", par, e) if flat.kind[par] == CHANCE else ("move", flat.infoset_of[par], e), par, e))
                y = par
            paths.append(steps)
        common = set(s[0] for s in paths[0]).intersection(*(set(s[0] for s in p) for p in paths[1:]))
        weights = []
        for steps in paths:
            w: Any = Fraction(1) if game.exact else 1.0
            for tag, par, e in steps:
                if tag not in common:
                    w = w * _move_probability(flat, behaviour, par, e)
            weights.append(w)
        total = sum(weights)
        if total == 0:
            out.append(None)
        else:
            out.append(tuple(w / total for w in weights))
    return tuple(out)


def _move_probability(flat: Any, behaviour: tuple, x: int, e: int) -> Any:
    from .flat import CHANCE

    if flat.kind[x] == CHANCE:
        return flat.chance[x][e]
    return behaviour[flat.infoset_of[x]][e]


def nature_sequential_equilibria(game: ExtensiveGame, *, max_equilibria: int = 10_000, verify: bool = True) -> Any:
    """Every sequential equilibrium of a tree whose hidden information is nature's (see the module docstring).

    Parameters
    ----------
    game : ExtensiveGame
        Information sets spanning positions must come from nature's draws alone
        (:func:`delayed_tree` is not ``None``).
    max_equilibria : int
        Cap passed to backward induction on the delayed tree.
    verify : bool
        Check every equilibrium exactly on the original tree: sequentially rational
        with its beliefs, and Kreps-Wilson consistent (so a sequential equilibrium,
        hence subgame perfect).

    Returns
    -------
    SequentialSolution
        ``concept="sequential"``; equilibria on the original tree with their beliefs;
        ``complete`` as backward induction on the delayed tree (every equilibrium,
        each tie resolved each pure way, stages solved for all their equilibria).

    Raises
    ------
    NotSupportedError
        When the hidden information is not nature's alone.
    """
    from ..errors import NotSupportedError
    from ..sequential.backward import subgame_perfect_equilibria
    from .assessment import kreps_wilson_consistency, sequential_rationality_regret
    from .result import SubgamePerfectEquilibrium

    started = time.perf_counter()
    delayed = delayed_tree(game)
    if delayed is None:
        raise NotSupportedError(
            f"{game.title or 'this tree'}: its hidden information is not nature's alone (or there is none), so "
            "nature's draws cannot be delayed; use subgame_perfect_equilibria or logit_sequential_equilibrium"
        )
    sol = subgame_perfect_equilibria(delayed.game, max_equilibria=max_equilibria)
    out = []
    for eq in sol.equilibria:
        choices = delayed.original_choices(eq.choices)
        behaviour = _behaviour(game, choices)
        beliefs = _beliefs(game, behaviour)
        regret = None
        if verify:
            regret = sequential_rationality_regret(game, behaviour, beliefs)
            tol = 0 if game.exact and sol.exact else 1e-9
            # sequentially rational with consistent beliefs: a sequential equilibrium, hence subgame
            # perfect (Kreps & Wilson 1982, Proposition 6)
            if regret > tol or not kreps_wilson_consistency(game, behaviour, beliefs).consistent:
                raise SolverError("delayed tree: an equilibrium failed the exact sequential-equilibrium checks on the "
                                  "original tree; a bug, please report it")
        out.append(SubgamePerfectEquilibrium(game=game, choices=choices, payoffs=eq.payoffs, regret=regret,
                                             beliefs=beliefs))
    notes = tuple(sol.notes) + (
        "the hidden information is nature's alone: beliefs at every information set are the prior, and the "
        "equilibria are the subgame-perfect equilibria of the tree with nature's draws delayed (Kreps-Wilson "
        "consistent, verified)",)
    return replace(sol, game=game, equilibria=tuple(out), notes=notes, concept="sequential",
                   method="nature_sequential_equilibria", elapsed=time.perf_counter() - started,
                   parameters={**sol.parameters, "delayed positions": delayed.game.num_positions})


def _behaviour(game: ExtensiveGame, choices: tuple) -> tuple:
    """One probability vector per information set from per-position choices."""
    pos = game.positions
    out = []
    for h in game.infosets:
        k = h.positions[0]
        node = pos[k].node
        c = choices[k]
        if type(node) is Decision:
            if isinstance(c, int):
                out.append(tuple(Fraction(int(a == c)) for a in range(len(node.actions))))
            else:
                out.append(tuple(c))
        else:
            out.append(tuple(c[node.players.index(h.player)]))
    return tuple(out)
