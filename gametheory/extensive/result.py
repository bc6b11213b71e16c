"""Frozen result types of the tree solvers: one equilibrium of a tree, and the solution.

A :class:`TreeEquilibrium` stores a choice at *every* position of the tree (a
probability vector over the actions at decisions, or the index of the action
chosen for sure; a mixed profile of the stage game at stages), which is a
behaviour strategy profile: positions of one information set carry the same
choice. It holds the expected payoffs, its certificate (``regret``), optionally
beliefs at every information set (an assessment), and derives the plays (paths
with probabilities), the probability of every outcome, each player's behaviour
strategy and a plain-language narrative. :class:`SubgamePerfectEquilibrium` is the
same record for subgame-perfect equilibria. :class:`SequentialSolution` is the
one result type of every tree solver (Nash, subgame-perfect, sequential, logit
QRE): its ``concept`` says which.

Examples
--------
>>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
>>> g = SequentialGame(Decision("A", {"Left": {"A": 1, "B": 2}, "Right": {"A": 0, "B": 5}}))
>>> spe = subgame_perfect_equilibria(g)[0]
>>> spe.payoffs, spe.strategy()
((Fraction(1, 1), Fraction(2, 1)), {'/': {'A': 'Left'}})
>>> spe.narrative()
'A chooses Left.  Payoffs: A 1, B 2.'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterator, Mapping

from .. import exact as _exact
from ..solution import package_version
from .game import Chance, Decision, ExtensiveGame, Stage, Terminal, edge_label

__all__ = ["Step", "Play", "TreeEquilibrium", "SubgamePerfectEquilibrium", "SequentialSolution",
           "choices_from_behaviour"]

SequentialGame = ExtensiveGame  # annotation name used below


@dataclass(frozen=True)
class Step:
    """One move on a play.

    Examples
    --------
    >>> Step(0, "/", "decision", "A", "x", Fraction(1), Fraction(1), "A chooses x").text
    'A chooses x'

    Attributes
    ----------
    position : int
        Position where the move is made.
    node_id : str
        Readable id of that position (``"/"`` for the root).
    kind : str
        ``"decision"``, ``"stage"`` or ``"chance"``.
    name : str
        The decision's player, the stage's name or the chance node's label.
    outcome : str
        The action, stage profile (``"Keep, Ceasefire"``) or chance outcome.
    probability : number
        Probability of this move given that the position is reached.
    reach : number
        Probability that this move happens (product along the play).
    text : str
        Plain-language description (the narration given in the model, or a default).
    """

    position: int
    node_id: str
    kind: str
    name: str
    outcome: str
    probability: Any
    reach: Any
    text: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form.

        Examples
        --------
        >>> Step(0, "/", "decision", "A", "x", Fraction(1), Fraction(1), "A chooses x").to_dict()["probability"]
        '1'
        """
        return {
            "node": self.node_id,
            "kind": self.kind,
            "name": self.name,
            "outcome": self.outcome,
            "probability": _exact.json_number(self.probability),
            "reach": _exact.json_number(self.reach),
            "text": self.text,
        }


@dataclass(frozen=True)
class Play:
    """One complete play from the root to a terminal, with its probability and payoffs.

    Examples
    --------
    >>> Play(Fraction(1), (), (Fraction(0),)).probability
    Fraction(1, 1)
    """

    probability: Any
    steps: tuple[Step, ...]
    payoffs: tuple
    ending: str | None = None

    def to_dict(self, players: tuple[str, ...]) -> dict[str, Any]:
        """JSON-ready form.

        Examples
        --------
        >>> Play(Fraction(1, 2), (), (Fraction(3),)).to_dict(("A",))
        {'probability': '1/2', 'steps': [], 'narrative': 'the game ends at once', 'payoffs': {'A': '3'}}
        """
        return {
            "probability": _exact.json_number(self.probability),
            "steps": [s.outcome for s in self.steps],
            "narrative": _sentence(self),
            "payoffs": {p: _exact.json_number(v) for p, v in zip(players, self.payoffs)},
        }


def _sentence(play: Play) -> str:
    parts = [s.text for s in play.steps]
    if play.ending:
        parts.append(play.ending)
    return " → ".join(parts) if parts else "the game ends at once"


def _stage_text(stage: Stage, flat: int) -> str:
    import numpy as np

    prof = tuple(int(x) for x in np.unravel_index(flat, stage.game.shape))
    best: tuple[int, str] | None = None
    for norm, text in stage.narration:
        if all(a is None or s in a for a, s in zip(norm, prof)):
            spec = sum(a is not None for a in norm)
            if best is None or spec > best[0]:
                best = (spec, text)
    if best is not None:
        return best[1]
    return ", ".join(f"{p} plays {stage.game.strategies[i][s]}" for i, (p, s) in enumerate(zip(stage.players, prof)))


def _move_text(node: Any, edge: int) -> str:
    if isinstance(node, Decision):
        text = dict(node.narration).get(node.actions[edge])
        return text or f"{node.player} chooses {node.actions[edge]}"
    if isinstance(node, Chance):
        text = dict(node.narration).get(node.outcomes[edge])
        return text or f"{node.label or 'chance'}: {node.outcomes[edge]}"
    return _stage_text(node, edge)


def _fmt_payoffs(players: tuple[str, ...], values: tuple) -> str:
    return ", ".join(f"{p} {_exact.format_number(v)}" for p, v in zip(players, values))


@dataclass(frozen=True)
class TreeEquilibrium:
    """One equilibrium of a tree: a choice at every position, expected payoffs, a certificate.

    Attributes
    ----------
    game : ExtensiveGame
        The game (for labels).
    choices : tuple
        One entry per position (pre-order): at decisions the index of the action
        chosen for sure or a tuple of action probabilities; at stages the mixed
        profile of the stage game (one probability vector per stage player);
        ``None`` at chance and terminal positions.
    payoffs : tuple
        Expected payoff of each player (in ``game.players`` order) from the root.
    regret : number or None
        The certificate of the solution concept, exactly 0 for exact games: for
        subgame-perfect equilibria the largest gain from a deviation in any subgame
        (:func:`~gametheory.sequential.verify.one_shot_regret` on trees with a
        subgame at every position), for Nash equilibria the largest gain from any
        deviation, for sequential equilibria the largest gain at any information
        set given the beliefs; ``None`` when not checked (very large trees).
    beliefs : tuple or None
        For assessments: per information set (``game.infosets`` order) the
        probability of each of its nodes (``None`` entries where not given).
    realization : tuple or None
        For sequence-form results: each player's realization plan, the probability
        of each of their sequences (the empty one first, then each information set's
        actions in ``game.infosets`` order).

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
    >>> spe = subgame_perfect_equilibria(SequentialGame(Decision("A", {"x": {"A": 1}})))[0]
    >>> spe.choices, spe.payoffs, spe.regret
    ((0, None), (Fraction(1, 1),), Fraction(0, 1))
    """

    game: SequentialGame = field(repr=False, compare=False)
    choices: tuple = field(repr=False)
    payoffs: tuple
    regret: Any = field(default=None, compare=False)
    beliefs: Any = field(default=None, repr=False, compare=False)
    realization: Any = field(default=None, repr=False, compare=False)

    # -- moves ---------------------------------------------------------------------
    def move_probabilities(self, position: int) -> tuple:
        """Probability of each edge of a position under this equilibrium.

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> g = SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}}))
        >>> subgame_perfect_equilibria(g)[0].move_probabilities(0)
        (Fraction(0, 1), Fraction(1, 1))
        """
        pos = self.game.positions[position]
        node = pos.node
        c = self.choices[position]
        if isinstance(node, Decision):
            if isinstance(c, tuple):
                return c
            return tuple(Fraction(int(k == c)) for k in range(len(node.actions)))
        if isinstance(node, Chance):
            return node.probabilities
        if isinstance(node, Stage):
            import itertools

            out = []
            for prof in itertools.product(*[range(n) for n in node.game.shape]):
                p: Any = Fraction(1)
                for i, s in enumerate(prof):
                    p = p * c[i][s]
                out.append(p)
            return tuple(out)
        return ()

    def plays(self) -> tuple[Play, ...]:
        """Every play with positive probability, in tree order.

        Examples
        --------
        >>> from gametheory.sequential import Chance, Decision, SequentialGame, subgame_perfect_equilibria
        >>> g = SequentialGame(Chance({"h": ("1/4", {"A": 4}), "t": ("3/4", Decision("A", {"x": {"A": 1}}))}))
        >>> [(str(p.probability), [s.outcome for s in p.steps]) for p in subgame_perfect_equilibria(g)[0].plays()]
        [('1/4', ['h']), ('3/4', ['t', 'x'])]
        """
        g = self.game
        pos = g.positions
        players = g.players
        out: list[Play] = []
        d = g.discount
        # stack of (position, reach, steps, accumulated payoffs, weight for what follows)
        start = tuple(Fraction(0) for _ in players) if g.exact else tuple(0.0 for _ in players)
        stack: list[tuple[int, Any, tuple, tuple, Any]] = [(0, Fraction(1), (), start, Fraction(1))]
        while stack:
            k, reach, steps, acc, w = stack.pop()
            node = pos[k].node
            if isinstance(node, Terminal):
                total = tuple(a + w * node.payoff(p) for a, p in zip(acc, players))
                out.append(Play(reach, steps, total, node.narration))
                continue
            probs = self.move_probabilities(k)
            nxt = []
            for e, p in enumerate(probs):
                if p == 0:
                    continue
                kind = "decision" if isinstance(node, Decision) else "chance" if isinstance(node, Chance) else "stage"
                name = node.player if isinstance(node, Decision) else node.name if isinstance(node, Stage) else (node.label or "chance")
                step = Step(k, g.node_id(k), kind, name, edge_label(node, e), p, reach * p, _move_text(node, e))
                new_acc = acc
                new_w = w
                if isinstance(node, Stage):
                    prof = _unravel(e, node.game.shape)
                    stage_pay = {pl: node.game.payoffs[(i, *prof)] for i, pl in enumerate(node.players)}
                    new_acc = tuple(a + w * stage_pay.get(pl, 0) for a, pl in zip(acc, players))
                if not isinstance(node, Chance):
                    new_w = w * d
                nxt.append((pos[k].children[e], reach * p, steps + (step,), new_acc, new_w))
            stack.extend(reversed(nxt))
        return tuple(out)

    def path(self) -> tuple[Step, ...]:
        """Every move made with positive probability, in tree order (the equilibrium path).

        ``Step.reach`` is the probability that the move is made. Linear in the tree
        (unlike :meth:`plays`, which lists every complete play).

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> g = SequentialGame(Decision("Entrant", {"Out": {"Entrant": 1, "Incumbent": 5},
        ...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
        ...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}))
        >>> spe = subgame_perfect_equilibria(g)[0]
        >>> [(s.node_id, s.outcome, s.reach) for s in spe.path()]
        [('/', 'In', Fraction(1, 1)), ('/In', 'Cooperate', Fraction(1, 1))]
        """
        g = self.game
        pos = g.positions
        out: list[Step] = []
        # depth first: each move, then what follows it, then the next move
        stack: list[tuple[int, Any, Step | None]] = [(0, Fraction(1), None)]
        while stack:
            k, reach, step = stack.pop()
            if step is not None:
                out.append(step)
            node = pos[k].node
            if isinstance(node, Terminal):
                continue
            kind = "decision" if isinstance(node, Decision) else "chance" if isinstance(node, Chance) else "stage"
            name = node.player if isinstance(node, Decision) else node.name if isinstance(node, Stage) else (node.label or "chance")
            nxt = []
            for e, p in enumerate(self.move_probabilities(k)):
                if p == 0:
                    continue
                move = Step(k, g.node_id(k), kind, name, edge_label(node, e), p, reach * p, _move_text(node, e))
                nxt.append((pos[k].children[e], reach * p, move))
            stack.extend(reversed(nxt))
        return tuple(out)

    # -- strategies ----------------------------------------------------------------
    def choice_at(self, position: int) -> Any:
        """The choice at a position in labels: an action (or ``{action: prob}`` when mixed) at
        decisions, ``{player: {strategy: prob}}`` at stages.

        Returns ``None`` at chance and terminal positions.

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> g = SequentialGame(Decision("Entrant", {"Out": {"Entrant": 1, "Incumbent": 5},
        ...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
        ...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}))
        >>> spe = subgame_perfect_equilibria(g)[0]
        >>> spe.choice_at(0), spe.choice_at(1)
        ('In', None)
        """
        node = self.game.positions[position].node
        c = self.choices[position]
        if isinstance(node, Decision):
            if isinstance(c, tuple):
                mixed = {a: q for a, q in zip(node.actions, c) if q != 0}
                return _pure_or_mixed(mixed)
            return node.actions[c]
        if isinstance(node, Stage):
            return {
                p: {node.game.strategies[i][s]: q for s, q in enumerate(c[i]) if q != 0}
                for i, p in enumerate(node.players)
            }
        return None

    def strategy(self) -> dict[str, dict[str, Any]]:
        """The choice at every decision and stage position: ``{node id: {player: choice}}``.

        A choice is an action label when pure, else ``{label: probability}``.

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> g = SequentialGame(Decision("Entrant", {"Out": {"Entrant": 1, "Incumbent": 5},
        ...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
        ...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}))
        >>> spe = subgame_perfect_equilibria(g)[0]
        >>> spe.strategy()
        {'/': {'Entrant': 'In'}, '/In': {'Incumbent': 'Cooperate'}}
        """
        out: dict[str, dict[str, Any]] = {}
        for k, pos in enumerate(self.game.positions):
            ch = self.choice_at(k)
            if ch is None:
                continue
            if isinstance(pos.node, Decision):
                out[self.game.node_id(k)] = {pos.node.player: ch}
            else:
                out[self.game.node_id(k)] = {p: _pure_or_mixed(m) for p, m in ch.items()}
        return out

    def behaviour(self, player: str) -> dict[str, dict[str, Any]]:
        """One player's behaviour strategy: ``{node id: {action: probability}}`` where they move.

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> g = SequentialGame(Decision("Entrant", {"Out": {"Entrant": 1, "Incumbent": 5},
        ...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
        ...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}))
        >>> spe = subgame_perfect_equilibria(g)[0]
        >>> spe.behaviour("Incumbent")
        {'/In': {'Cooperate': Fraction(1, 1)}}
        """
        out: dict[str, dict[str, Any]] = {}
        for k, pos in enumerate(self.game.positions):
            node = pos.node
            if isinstance(node, Decision) and node.player == player:
                out[self.game.node_id(k)] = {a: q for a, q in zip(node.actions, self.move_probabilities(k)) if q != 0}
            elif isinstance(node, Stage) and player in node.players:
                out[self.game.node_id(k)] = self.choice_at(k)[player]
        return out

    # -- behaviour strategies, outcomes, beliefs -------------------------------------
    @property
    def profile(self) -> tuple:
        """The behaviour profile: one probability vector per information set (``game.infosets`` order).

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> g = SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}}))
        >>> subgame_perfect_equilibria(g)[0].profile
        ((Fraction(0, 1), Fraction(1, 1)),)
        """
        pos = self.game.positions
        out = []
        for h in self.game.infosets:
            k = h.positions[0]
            node = pos[k].node
            if isinstance(node, Decision):
                out.append(self.move_probabilities(k))
            else:
                out.append(tuple(self.choices[k][node.players.index(h.player)]))
        return tuple(out)

    def outcome(self) -> dict[str, Any]:
        """Probability of each terminal reached with positive probability: ``{terminal id: p}``.

        Terminals are named by their position id (``"/In/Cooperate"``; ``"#k"`` for
        deep ones); terminals not listed have probability 0.

        Examples
        --------
        >>> from gametheory.sequential import Chance, SequentialGame, subgame_perfect_equilibria
        >>> g = SequentialGame(Chance({"h": ("1/4", {"A": 4}), "t": ("3/4", {"A": 0})}))
        >>> subgame_perfect_equilibria(g)[0].outcome()
        {'/h': Fraction(1, 4), '/t': Fraction(3, 4)}
        """
        from .behaviour import outcome_probabilities

        flat = self.game.flat
        probs = outcome_probabilities(flat, self.profile)
        return {self.game.short_id(flat.position[x]): p for x, p in probs.items() if p != 0}

    def belief_system(self) -> tuple:
        """Beliefs at every information set: the stored ones, else Bayes' rule where it applies.

        One entry per information set: the probability of each of its nodes, or
        ``None`` where the equilibrium reaches the set with probability 0 and no
        beliefs were given.

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> g = SequentialGame(Decision("A", {"x": {"A": 1}, "y": Decision("B", {"l": {}})}))
        >>> subgame_perfect_equilibria(g)[0].belief_system()
        ((Fraction(1, 1),), None)
        """
        from .behaviour import bayes_beliefs

        if self.beliefs is not None:
            return tuple(self.beliefs)
        return bayes_beliefs(self.game.flat, self.profile)

    def _behaviour_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {p: {} for p in self.game.players}
        for h, vec in zip(self.game.infosets, self.profile):
            out[h.player][h.name] = {a: _exact.json_number(q) for a, q in zip(h.actions, vec)}
        return out

    def _beliefs_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {p: {} for p in self.game.players}
        for h, mu in zip(self.game.infosets, self.belief_system()):
            if len(h.nodes) == 1 and (mu is None or mu[0] == 1):
                continue  # a singleton: nothing to believe
            out[h.player][h.name] = None if mu is None else {
                node_name(self.game, x): _exact.json_number(q) for x, q in zip(h.nodes, mu)
            }
        return out

    # -- text ------------------------------------------------------------------------
    def stories(self) -> tuple[tuple[str, Any], ...]:
        """The distinct plain-language stories of the plays, with their total probabilities.

        Plays told by the same sentence (e.g. when a player mixes between strategies
        that lead to the same events) are merged, their probabilities added.

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> g = SequentialGame(Decision("Entrant", {"Out": {"Entrant": 1, "Incumbent": 5},
        ...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
        ...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}))
        >>> spe = subgame_perfect_equilibria(g)[0]
        >>> spe.stories()
        (('Entrant chooses In → Incumbent chooses Cooperate', Fraction(1, 1)),)
        """
        merged: dict[str, Any] = {}
        for play in self.plays():
            sentence = _sentence(play)
            merged[sentence] = merged.get(sentence, 0) + play.probability
        return tuple(merged.items())

    def outcome_distribution(self) -> tuple:
        """The outcomes reached with their probabilities: terminals' ``outcome`` attributes (valued
        compositions; equal attributes are one outcome), else the terminals themselves.

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> subgame_perfect_equilibria(SequentialGame(Decision("A", {"x": {"A": 1}}))).equilibria[0].outcome_distribution()
        ((('terminal', '/x'), Fraction(1, 1)),)
        """
        dist: dict = {}
        for play in self.plays():
            if not play.steps:
                key: Any = ("terminal", "/")
                node = self.game.root
            else:
                last = play.steps[-1]
                pos = self.game.positions[last.position]
                child = pos.children[_edge_of(self, last)]
                node = self.game.positions[child].node
                key = ("terminal", self.game.node_id(child))
            if isinstance(node, Terminal) and node.outcome is not None:
                key = node.outcome
            dist[key] = dist.get(key, 0) + play.probability
        return tuple(sorted(dist.items(), key=lambda t: repr(t[0])))

    def narrative(self, *, digits: int = 6) -> str:
        """A plain-language account of the equilibrium path(s) and the payoffs.

        One sentence per distinct story of the plays with positive probability (with
        its probability when the path is stochastic), then the expected payoffs.

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> g = SequentialGame(Decision("Entrant", {"Out": {"Entrant": 1, "Incumbent": 5},
        ...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
        ...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}))
        >>> spe = subgame_perfect_equilibria(g)[0]
        >>> print(spe.narrative())
        Entrant chooses In → Incumbent chooses Cooperate.  Payoffs: Entrant 2, Incumbent 2.
        """
        stories = self.stories()
        lines = []
        for sentence, prob in stories:
            if len(stories) > 1:
                sentence = f"with probability {_exact.format_number(prob, digits)}: {sentence}"
            lines.append(sentence + ".")
        head = "Payoffs" if len(self.plays()) == 1 else "Expected payoffs"
        lines.append(f"{head}: {_fmt_payoffs(self.game.players, self.payoffs)}.")
        return "  ".join(lines) if len(stories) == 1 else "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: ``profile``, ``payoffs``, ``path``, ``plays``, ``strategy``, ``narrative``.

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> g = SequentialGame(Decision("Entrant", {"Out": {"Entrant": 1, "Incumbent": 5},
        ...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
        ...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}))
        >>> spe = subgame_perfect_equilibria(g)[0]
        >>> d = spe.to_dict()
        >>> d["payoffs"], d["path"][0]["outcome"], d["regret"]
        ({'Entrant': '2', 'Incumbent': '2'}, 'In', '0')
        """
        players = self.game.players
        return {
            "behaviour": self._behaviour_json(),
            "beliefs": self._beliefs_json(),
            "outcome": {t: _exact.json_number(q) for t, q in self.outcome().items()},
            "profile": {
                p: {nid: {a: _exact.json_number(q) for a, q in m.items()} for nid, m in self.behaviour(p).items()}
                for p in players
            },
            "payoffs": {p: _exact.json_number(v) for p, v in zip(players, self.payoffs)},
            "path": [s.to_dict() for s in self.path()],
            "plays": [pl.to_dict(players) for pl in self.plays()],
            "strategy": {nid: _json_choice(ch) for nid, ch in self.strategy().items()},
            "narrative": self.narrative(),
            "regret": None if self.regret is None else _exact.json_number(self.regret),
        }

    def __str__(self) -> str:
        return self.narrative()


@dataclass(frozen=True)
class SubgamePerfectEquilibrium(TreeEquilibrium):
    """One subgame-perfect equilibrium (see :class:`TreeEquilibrium`).

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
    >>> spe = subgame_perfect_equilibria(SequentialGame(Decision("A", {"x": {"A": 1}})))[0]
    >>> spe.choices, spe.payoffs, spe.regret
    ((0, None), (Fraction(1, 1),), Fraction(0, 1))
    """


def _edge_of(eq: "TreeEquilibrium", step: "Step") -> int:
    """The edge index a step took at its position (decision action, chance outcome or flat stage profile)."""
    node = eq.game.positions[step.position].node
    if isinstance(node, Decision):
        return node.actions.index(step.outcome)
    if isinstance(node, Chance):
        return node.outcomes.index(step.outcome)
    import numpy as np

    g = node.game
    labels = [x.strip() for x in step.outcome.split(",")]
    return int(np.ravel_multi_index(tuple(g.strategies[i].index(lab) for i, lab in enumerate(labels)), g.shape))


def node_name(game: ExtensiveGame, x: int) -> str:
    """A readable name of a node of ``game.flat``: its position id, plus the moves made so far at a stage.

    Examples
    --------
    >>> from gametheory import Game
    >>> from gametheory.extensive import ExtensiveGame, Stage
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("A", "B"),
    ...                         strategies=(("C", "D"), ("C", "D")))
    >>> g = ExtensiveGame(Stage(pd, {"*": {}}))
    >>> [node_name(g, x) for x in g.infosets[1].nodes]
    ['/ after A: C', '/ after A: D']
    """
    flat = game.flat
    k = flat.position[x]
    moves = []
    y = x
    while flat.parent[y] >= 0 and flat.position[flat.parent[y]] == k:
        p = flat.parent[y]
        moves.append(f"{flat.players[flat.mover[p]]}: {flat.edge_labels(p)[flat.edge[y]]}")
        y = p
    base = game.short_id(k)
    return base if not moves else f"{base} after {', '.join(reversed(moves))}"


def choices_from_behaviour(game: ExtensiveGame, probs: Any) -> tuple:
    """Per-position choices (as in :attr:`TreeEquilibrium.choices`) of a behaviour profile.

    ``probs`` has one probability vector per information set. Pure decisions are
    stored as the index of the action chosen.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> g = ExtensiveGame(Decision("A", {"x": {"A": 1}, "y": Decision("B", {"l": {}, "r": {}})}))
    >>> choices_from_behaviour(g, ((F(0), F(1)), (F(1, 2), F(1, 2))))
    (1, None, (Fraction(1, 2), Fraction(1, 2)), None, None)
    """
    pos = game.positions
    out: list[Any] = [None] * len(pos)
    for h, vec in zip(game.infosets, probs):
        vec = tuple(vec)
        for k in h.positions:
            node = pos[k].node
            if isinstance(node, Decision):
                ones = [a for a, q in enumerate(vec) if q == 1]
                out[k] = ones[0] if len(ones) == 1 and all(q == 0 for a, q in enumerate(vec) if a != ones[0]) else vec
            else:
                if out[k] is None:
                    out[k] = [None] * len(node.players)
                out[k][node.players.index(h.player)] = vec
    return tuple(tuple(c) if isinstance(c, list) else c for c in out)


def _pure_or_mixed(m: Mapping[str, Any]) -> Any:
    if len(m) == 1:
        ((a, q),) = m.items()
        if q == 1:
            return a
    return dict(m)


def _json_choice(ch: Mapping[str, Any]) -> dict[str, Any]:
    return {p: (c if isinstance(c, str) else {a: _exact.json_number(q) for a, q in c.items()}) for p, c in ch.items()}


def _unravel(flat: int, shape: tuple[int, ...]) -> tuple[int, ...]:
    out = []
    for n in reversed(shape):
        out.append(flat % n)
        flat //= n
    return tuple(reversed(out))


@dataclass(frozen=True)
class SequentialSolution:
    """The equilibria of a tree found by one method, with provenance (the result type of every tree solver).

    Attributes
    ----------
    game : ExtensiveGame
        The game solved.
    method : str
        The algorithm, e.g. ``"subgame_perfect_equilibria"`` (backward induction).
    equilibria : tuple of TreeEquilibrium
    complete : bool
        ``True`` when every stage solve was complete (all equilibria of every stage
        game, no continua) so that the list holds every SPE under the selection rule,
        with decision ties resolved each pure way (see ``notes`` for ties).
    exact : bool
        ``True`` when arithmetic was exact.
    parameters : mapping
        ``selection``, ``max_equilibria``, ...
    elapsed : float
        Seconds spent.
    version : str
        Package version.
    notes : tuple of str
        Plain-language remarks (incomplete stage solves, ties, selection).
    stage_solves : int
        Number of distinct stage games solved.
    concept : str
        The solution concept the equilibria satisfy (each verified): ``"subgame-perfect"``,
        ``"Nash"``, ``"sequential"``, ``"perfect Bayesian"`` or ``"logit QRE limit"``.

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
    >>> sol = subgame_perfect_equilibria(SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 1}})))
    >>> len(sol), sol.complete, sol.exact, sol.parameters["selection"]
    (2, True, True, 'all')
    """

    game: SequentialGame = field(repr=False)
    method: str
    equilibria: tuple[TreeEquilibrium, ...]
    complete: bool
    exact: bool
    parameters: Mapping[str, Any] = field(default_factory=dict)
    elapsed: float = 0.0
    version: str = field(default_factory=package_version)
    notes: tuple[str, ...] = ()
    stage_solves: int = 0
    concept: str = "subgame-perfect"

    def __iter__(self) -> Iterator[TreeEquilibrium]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, k: int) -> TreeEquilibrium:
        return self.equilibria[k]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary extending the ``gametheory solve`` contract.

        Each equilibrium has ``"profile"`` and ``"payoffs"`` as for normal-form games,
        plus ``"behaviour"`` (``{player: {information set: {action: probability}}}``),
        ``"beliefs"`` (``{player: {information set: {node: probability}}}`` at sets of
        more than one node; ``null`` where Bayes' rule does not apply and no beliefs
        were computed), ``"outcome"`` (``{terminal: probability}`` for terminals
        reached), ``"path"`` (moves with probabilities), ``"plays"``, ``"strategy"``
        (choice at every position), ``"narrative"`` and ``"regret"`` (the certificate).

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> d = subgame_perfect_equilibria(SequentialGame(Decision("A", {"x": {"A": 1}}))).to_dict()
        >>> d["kind"], d["complete"], d["equilibria"][0]["strategy"]
        ('sequential', True, {'/': {'A': 'x'}})
        """
        g = self.game
        return {
            "title": g.title,
            "kind": "sequential",
            "concept": self.concept,
            "players": list(g.players),
            "method": self.method,
            "parameters": {k: (v if isinstance(v, (str, int, bool)) or v is None else str(v)) for k, v in self.parameters.items()},
            "exact": self.exact,
            "complete": self.complete,
            "equilibria": [e.to_dict() for e in self.equilibria],
            "notes": list(self.notes),
            "elapsed": self.elapsed,
            "version": self.version,
        }

    def to_json(self, file: Any = None, *, source: Any = None, parameters: Mapping[str, Any] | None = None) -> str:
        """The provenance record as JSON (see :func:`gametheory.provenance.result_to_json`).

        Records the package version, method and its parameters, the game's title, the
        SHA-256 of the tree's canonical form (and of the source file, whose text is
        stored so the tree can be rebuilt), ``parameters`` and a timestamp; written to
        ``file`` when given. :func:`gametheory.load_result` reads it back and re-checks
        every SPE at every position exactly.

        Examples
        --------
        >>> from gametheory import load_result
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> sol = subgame_perfect_equilibria(SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}})))
        >>> load_result(sol.to_json())[0].strategy()
        {'/': {'A': 'y'}}
        """
        from ..provenance import result_to_json

        return result_to_json(self, file, source=source, parameters=parameters)

    def outcome_groups(self) -> tuple[tuple[tuple[int, ...], tuple, tuple], ...]:
        """The listed equilibria grouped by the outcome they lead to: ``(members, payoffs, distribution)``.

        Members are 0-based indices into ``equilibria``; equilibria of one group differ only
        off their path (or in how they mix between moves that lead to the same outcome).

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> tie = Decision("B", {"l": {"A": 0, "B": 1}, "r": {"A": 0, "B": 1}})
        >>> sol = subgame_perfect_equilibria(SequentialGame(Decision("A", {"x": {"A": 1}, "y": tie})))
        >>> [members for members, _, _ in sol.outcome_groups()]
        [(0, 1)]
        """
        groups: dict = {}
        for k, eq in enumerate(self.equilibria):
            key = (tuple(eq.payoffs), eq.outcome_distribution())
            groups.setdefault(key, []).append(k)
        return tuple((tuple(m), key[0], key[1]) for key, m in groups.items())

    def headline(self) -> str:
        """How many equilibria and distinct outcomes, and each outcome in one line.

        Examples
        --------
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> print(subgame_perfect_equilibria(SequentialGame(Decision("A", {"x": {"A": 1}}))).headline())
        1 subgame-perfect equilibrium (complete, exact), 1 equilibrium outcome:
          outcome 1 (equilibrium 1): A chooses x.  Payoffs: A 1.
        """
        n = len(self.equilibria)
        groups = self.outcome_groups()
        k = len(groups)
        lines = [f"{n} {self.concept} equilibri{'um' if n == 1 else 'a'} "
                 f"({'complete' if self.complete else 'not necessarily complete'}, "
                 f"{'exact' if self.exact else 'float'}), {k} equilibrium outcome{'' if k == 1 else 's'}:"]
        for j, (members, pays, _) in enumerate(groups, 1):
            eq = self.equilibria[members[0]]
            who = (f"equilibrium {members[0] + 1}" if len(members) == 1 else
                   "equilibria " + ", ".join(str(m + 1) for m in members[:8]) + (", ..." if len(members) > 8 else ""))
            stories = eq.stories()
            story = stories[0][0] if len(stories) == 1 else "; ".join(
                f"({_exact.format_number(p)}) {t}" for t, p in stories)
            lines.append(f"  outcome {j} ({who}): {story}.  Payoffs: {_fmt_payoffs(self.game.players, pays)}.")
        return "\n".join(lines)

    def __str__(self) -> str:
        n = len(self.equilibria)
        head = (
            f"{self.method}: {n} {self.concept} equilibri{'um' if n == 1 else 'a'} "
            f"({'complete' if self.complete else 'not necessarily complete'}, {'exact' if self.exact else 'float'})"
        )
        lines = [head]
        if n > 1 or any(isinstance(p.node, Terminal) and p.node.outcome is not None for p in self.game.positions[-1:]):
            # the short answer first: how many outcomes, and which
            lines = [self.headline(), "", "Detail: " + head]
        hidden = [h for h in self.game.infosets if len(h.nodes) > 1 and len(h.positions) > 1]
        for k, e in enumerate(self.equilibria):
            body = e.narrative().replace("\n", "\n     ")
            lines.append(f"  {k + 1}. {body}")
            if hidden:  # what the narrative cannot show: play and beliefs where moves are hidden
                prof, mu = e.profile, e.belief_system()
                on_path = {st.position for play in e.plays() for st in play.steps}
                shown = [h for h in hidden if on_path & set(h.positions)]
                if len(shown) < len(hidden):
                    lines.append(f"     ({len(hidden) - len(shown)} information sets off the path are not shown; "
                                 "see behaviour() and belief_system())")
                for h in shown:
                    acts = ", ".join(a if q == 1 else f"{a} {_exact.format_number(q)}"
                                     for a, q in zip(h.actions, prof[h.index]) if q != 0)
                    text = f"     {h.player} at {h.name!r}: {acts}"
                    if mu[h.index] is not None:
                        text += "; beliefs " + ", ".join(_exact.format_number(q) for q in mu[h.index])
                    lines.append(text)
        lines += [f"  note: {t}" for t in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from ..sequential.display import solution_html

        return solution_html(self)

    def figure(self, equilibrium: int = 0, **kwargs: Any) -> Any:
        """A matplotlib tree figure with one equilibrium's path highlighted (information sets dashed).

        Keyword arguments go to :func:`gametheory.display.plots.game_tree_figure`.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
        >>> fig = subgame_perfect_equilibria(SequentialGame(Decision("A", {"x": {"A": 1}}))).figure()
        >>> fig.axes[0].get_title().startswith("Sequential game")
        True
        """
        from ..display.plots import game_tree_figure

        return game_tree_figure(self, equilibrium if self.equilibria else None, **kwargs)
