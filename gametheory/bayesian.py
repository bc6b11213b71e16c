"""Bayesian games: players with private types drawn from a common prior, and their Bayes–Nash equilibria.

A :class:`BayesianGame` (Harsanyi 1967–68) has players with labelled types and
actions, a common prior over type profiles, and payoffs by type profile and
action profile. A strategy says what each type of a player does; a Bayes–Nash
equilibrium is a profile in which every type with positive probability plays a
best response to its beliefs (the prior conditioned on its type) about the
others' types and their type-contingent play.

:func:`bayes_nash_equilibria` solves it through an existing normal form:

* ``form="ex_ante"`` (default for two players): the strategic form whose
  strategies are plans (an action for each type), payoffs expected under the
  prior; solved by :func:`gametheory.solve` (all extreme equilibria for two
  players). A mixed plan becomes the probability of each action for each type
  (types are separate information sets, so this is realization-equivalent).
* ``form="agent"`` (default for more players): every type of every player is an
  agent with its own (interim) payoffs; its Nash equilibria are the Bayes–Nash
  equilibria (types of probability 0 are left out).

Every equilibrium is verified exactly: each type's largest gain from another
action (its interim regret) is 0. :meth:`BayesianGame.tree` gives the same game
as an :class:`~gametheory.extensive.ExtensiveGame` (chance draws the types, each
player moves in the information set of its own type).

References
----------
Harsanyi, J. C. (1967–68). Games with incomplete information played by "Bayesian"
players, parts I–III. *Management Science* 14, 159–182, 320–334, 486–502.

Examples
--------
A NATO ally is committed (prior 1/3) or not; Russia, not knowing which, probes or
holds; the ally, knowing its type, defends or yields.

>>> from gametheory.bayesian import BayesianGame, bayes_nash_equilibria
>>> def pay(types, actions):
...     committed = types[1] == "committed"
...     probe, defend = actions[0] == "Probe", actions[1] == "Defend"
...     if not probe:
...         return (0, 1)
...     if defend:
...         return (-2, 1 if committed else -1)
...     return (1, -2 if committed else 0)
>>> g = BayesianGame(players=("Russia", "Ally"), types=(("-",), ("committed", "wavering")),
...                  prior={("-", "committed"): "1/3", ("-", "wavering"): "2/3"},
...                  actions=(("Probe", "Hold"), ("Defend", "Yield")), payoffs=pay)
>>> sol = bayes_nash_equilibria(g)
>>> len(sol), sol.complete, sol[0].describe(), sol[0].payoffs
(6, False, 'Russia: Probe; Ally (committed): Defend; Ally (wavering): Yield', (Fraction(0, 1), Fraction(1, 3)))

The other five have Russia hold, which leaves the ally indifferent (a continuum of
such equilibria, listed by its extreme points): Bayes–Nash equilibrium asks nothing
of types off the path; the tree (``g.tree()``) and its sequential equilibria do.
"""

from __future__ import annotations

import itertools
import time
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from . import exact as _exact
from .errors import DegenerateGameWarning, InvalidGameError, SolverError
from .game import Game

__all__ = ["BayesianGame", "BayesNashEquilibrium", "BayesNashSolution", "bayes_nash_equilibria"]


def _labels(values: Any, what: str) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, Sequence) or not values:
        raise InvalidGameError(f"{what} must be a non-empty sequence of labels")
    out = tuple(values)
    if any(not isinstance(v, str) or not v for v in out) or len(set(out)) != len(out):
        raise InvalidGameError(f"{what} must be distinct non-empty strings, got {list(out)}")
    return out


@dataclass(frozen=True, eq=False)
class BayesianGame:
    """A finite Bayesian game with a common prior (see the module docstring).

    Parameters
    ----------
    players : sequence of str
    types : sequence of sequences of str
        Each player's types (a single type for a player without private information).
    prior : mapping
        ``{type profile: probability}``; profiles not listed have probability 0.
        Exact numbers must sum to exactly 1.
    actions : sequence of sequences of str
        Each player's actions (the same for all their types).
    payoffs : callable or mapping
        ``(type profile, action profile) -> payoff vector`` (labels), or a mapping
        with those keys.
    title : str, optional

    Examples
    --------
    >>> g = BayesianGame(("A", "B"), (("x",), ("y",)), {("x", "y"): 1}, (("a",), ("b",)), lambda t, a: (1, 2))
    >>> g.prior[("x", "y")], g.payoff(("x", "y"), ("a", "b"))
    (Fraction(1, 1), (Fraction(1, 1), Fraction(2, 1)))
    """

    players: tuple
    types: tuple
    prior: Any
    actions: tuple
    payoffs: Any = field(repr=False)
    title: str | None = None
    _table: dict = field(init=False, repr=False, default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        players = _labels(self.players, "players")
        n = len(players)
        if len(self.types) != n or len(self.actions) != n:
            raise InvalidGameError("types and actions need one entry per player")
        types = tuple(_labels(t, f"types of {p}") for t, p in zip(self.types, players))
        actions = tuple(_labels(a, f"actions of {p}") for a, p in zip(self.actions, players))
        if not isinstance(self.prior, Mapping) or not self.prior:
            raise InvalidGameError("prior must be a non-empty mapping {type profile: probability}")
        prior = {}
        for prof, p in self.prior.items():
            prof = tuple(prof) if not isinstance(prof, str) else (prof,)
            if len(prof) != n or any(t not in types[i] for i, t in enumerate(prof)):
                raise InvalidGameError(f"prior: {prof!r} is not a type profile")
            q = _exact.to_number(p)
            if q < 0:
                raise InvalidGameError(f"prior: negative probability for {prof!r}")
            prior[prof] = q
        total = sum(prior.values())
        exact = all(isinstance(q, Fraction) for q in prior.values())
        if (total != 1) if exact else abs(total - 1) > _exact.DEFAULT_TOL:
            raise InvalidGameError(f"prior probabilities sum to {_exact.format_number(total)}, not 1")
        get = self.payoffs if callable(self.payoffs) else (lambda t, a: self.payoffs[(t, a)])
        table = {}
        for tp in prior:
            for ap in itertools.product(*actions):
                try:
                    vec = tuple(get(tp, ap))
                except (KeyError, TypeError) as err:
                    raise InvalidGameError(f"no payoffs for types {tp} and actions {ap}: {err}") from None
                if len(vec) != n:
                    raise InvalidGameError(f"payoffs for {tp}, {ap} need {n} entries")
                table[(tp, ap)] = tuple(_exact.to_number(v) for v in vec)
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "types", types)
        object.__setattr__(self, "actions", actions)
        object.__setattr__(self, "prior", prior)
        object.__setattr__(self, "_table", table)

    @property
    def exact(self) -> bool:
        """Whether the prior and payoffs are exact."""
        nums = list(self.prior.values()) + [v for vec in self._table.values() for v in vec]
        return all(isinstance(v, Fraction) for v in nums)

    def payoff(self, types: Sequence[str], actions: Sequence[str]) -> tuple:
        """The payoff vector at a type profile (with positive prior) and an action profile."""
        return self._table[(tuple(types), tuple(actions))]

    def marginal(self, player: int, t: str) -> Any:
        """The prior probability that ``player`` (an index) has type ``t``."""
        return sum((q for tp, q in self.prior.items() if tp[player] == t), Fraction(0))

    # -- normal forms --------------------------------------------------------------------------
    def live_types(self, player: int) -> tuple[str, ...]:
        """The types of ``player`` (an index) with positive prior probability."""
        return tuple(t for t in self.types[player] if self.marginal(player, t) != 0)

    def ex_ante_form(self) -> tuple[Game, list[list[tuple]]]:
        """The strategic form over plans (an action per type of positive probability), and the plans.

        Examples
        --------
        >>> g = BayesianGame(("A", "B"), (("s", "w"), ("-",)), {("s", "-"): "1/2", ("w", "-"): "1/2"},
        ...                  (("x", "y"), ("l",)), lambda t, a: (int(a[0] == "x") if t[0] == "s" else 0, 0))
        >>> nf, plans = g.ex_ante_form()
        >>> nf.strategies[0], nf.payoffs[0].ravel().tolist()
        (('s: x, w: x', 's: x, w: y', 's: y, w: x', 's: y, w: y'), [Fraction(1, 2), Fraction(1, 2), Fraction(0, 1), Fraction(0, 1)])
        """
        n = len(self.players)
        live = [self.live_types(i) for i in range(n)]
        plans = [list(itertools.product(self.actions[i], repeat=len(live[i]))) for i in range(n)]
        shape = tuple(len(p) for p in plans)
        arr = np.empty((n, *shape), dtype=object)
        zero: Any = Fraction(0) if self.exact else 0.0
        for prof in itertools.product(*[range(s) for s in shape]):
            total = [zero] * n
            for tp, q in self.prior.items():
                if q == 0:
                    continue
                ap = tuple(plans[i][prof[i]][live[i].index(tp[i])] for i in range(n))
                for i, v in enumerate(self._table[(tp, ap)]):
                    total[i] += q * v
            for i in range(n):
                arr[(i, *prof)] = total[i]
        labels = [[", ".join(f"{t}: {a}" for t, a in zip(live[i], plan)) if len(live[i]) > 1
                   else plan[0] for plan in plans[i]] for i in range(n)]
        return Game(arr, players=self.players, strategies=labels, title=self.title), plans

    def agents(self) -> list[tuple[int, str]]:
        """The agents of the agent form: ``(player, type)`` for types of positive probability."""
        return [(i, t) for i in range(len(self.players)) for t in self.types[i] if self.marginal(i, t) != 0]

    def agent_form(self) -> Game:
        """The normal form whose players are the agents (player, type), payoffs ex ante (prior-weighted).

        An agent's payoff is the prior-weighted payoff of its player over the type
        profiles where it is the one playing, so its best responses are those of the
        type's interim payoffs.
        """
        agents = self.agents()
        index = {a: k for k, a in enumerate(agents)}
        shape = tuple(len(self.actions[i]) for i, _ in agents)
        arr = np.empty((len(agents), *shape), dtype=object)
        zero: Any = Fraction(0) if self.exact else 0.0
        for prof in itertools.product(*[range(s) for s in shape]):
            total = [zero] * len(agents)
            for tp, q in self.prior.items():
                if q == 0:
                    continue
                ap = tuple(self.actions[i][prof[index[(i, tp[i])]]] for i in range(len(self.players)))
                vec = self._table[(tp, ap)]
                for i in range(len(self.players)):
                    total[index[(i, tp[i])]] += q * vec[i]
            for k in range(len(agents)):
                arr[(k, *prof)] = total[k]
        names = [f"{self.players[i]} ({t})" if len(self.types[i]) > 1 else self.players[i] for i, t in agents]
        return Game(arr, players=names, strategies=[self.actions[i] for i, _ in agents], title=self.title)

    def tree(self) -> Any:
        """The game as a tree: chance draws the type profile, then the players move together, each in the
        information set of its own type.

        Examples
        --------
        >>> g = BayesianGame(("A", "B"), (("s", "w"), ("-",)), {("s", "-"): "1/2", ("w", "-"): "1/2"},
        ...                  (("x", "y"), ("l",)), lambda t, a: (1, 0))
        >>> [(h.player, h.name, len(h.nodes)) for h in g.tree().infosets]
        [('A', 'A is s', 1), ('B', 'B is -', 4), ('A', 'A is w', 1)]
        """
        from .extensive import Chance, ExtensiveGame, Stage

        outcomes = {}
        for tp, q in self.prior.items():
            arr = np.empty((len(self.players), *[len(a) for a in self.actions]), dtype=object)
            for ap in itertools.product(*[range(len(a)) for a in self.actions]):
                vec = self._table[(tp, tuple(self.actions[i][k] for i, k in enumerate(ap)))]
                for i, v in enumerate(vec):
                    arr[(i, *ap)] = v
            stage = Game(arr, players=self.players, strategies=self.actions)
            keys = {p: f"{p} is {t}" for p, t in zip(self.players, tp)}
            outcomes[", ".join(tp)] = (q, Stage(stage, {"*": {}}, infosets=keys, label=f"types {', '.join(tp)}"))
        return ExtensiveGame(Chance(outcomes, label="types"), players=self.players, title=self.title)

    def interim_regret(self, strategy: Sequence[Mapping[str, Sequence[Any]]]) -> Any:
        """The largest gain any type (of positive probability) gets from another action.

        ``strategy[i][t]`` is type ``t`` of player ``i``'s probability vector over actions.
        """
        n = len(self.players)
        worst: Any = Fraction(0) if self.exact else 0.0
        for i in range(n):
            for t in self.types[i]:
                if self.marginal(i, t) == 0:
                    continue
                values = []
                for a in self.actions[i]:
                    v: Any = Fraction(0) if self.exact else 0.0
                    for tp, q in self.prior.items():
                        if q == 0 or tp[i] != t:
                            continue
                        others = [range(len(self.actions[j])) if j != i else [self.actions[i].index(a)]
                                  for j in range(n)]
                        for ap in itertools.product(*others):
                            p: Any = q
                            for j in range(n):
                                if j != i:
                                    p = p * strategy[j][tp[j]][ap[j]]
                            if p == 0:
                                continue
                            v += p * self._table[(tp, tuple(self.actions[k][x] for k, x in enumerate(ap)))][i]
                    values.append(v)
                played = sum(pr * v for pr, v in zip(strategy[i][t], values))
                worst = max(worst, max(values) - played)
        return worst


@dataclass(frozen=True)
class BayesNashEquilibrium:
    """One Bayes–Nash equilibrium: each type's mixed action, expected payoffs, exact certificate.

    Attributes
    ----------
    strategy : tuple of dict
        ``strategy[i][t]``: probabilities over player i's actions for type t.
    payoffs : tuple
        Ex-ante expected payoffs.
    regret : number
        The largest interim gain of any type from another action (0 exactly).
    """

    game: BayesianGame = field(repr=False)
    strategy: tuple
    payoffs: tuple
    regret: Any

    def describe(self) -> str:
        """``Russia: Probe; Ally (committed): Defend; ...``"""
        g = self.game
        parts = []
        for i, p in enumerate(g.players):
            for t in g.types[i]:
                if g.marginal(i, t) == 0:
                    continue
                name = f"{p} ({t})" if len(g.types[i]) > 1 else p
                vec = self.strategy[i][t]
                acts = ", ".join(a if q == 1 else f"{a} {_exact.format_number(q)}"
                                 for a, q in zip(g.actions[i], vec) if q != 0)
                parts.append(f"{name}: {acts}")
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``strategy`` per player per type, ``payoffs``, ``regret``."""
        g = self.game
        j = _exact.json_number
        return {
            "strategy": {p: {t: {a: j(q) for a, q in zip(g.actions[i], self.strategy[i][t]) if q != 0}
                             for t in g.types[i] if g.marginal(i, t) != 0} for i, p in enumerate(g.players)},
            "payoffs": {p: j(v) for p, v in zip(g.players, self.payoffs)},
            "regret": j(self.regret),
        }


@dataclass(frozen=True)
class BayesNashSolution:
    """Bayes–Nash equilibria with provenance.

    ``complete`` is the normal-form solver's, and ``False`` (with a note) when the
    normal form has continua of equilibria, of which only extreme points are listed.
    """

    game: BayesianGame = field(repr=False)
    method: str
    equilibria: tuple
    complete: bool
    exact: bool
    notes: tuple = ()
    elapsed: float = 0.0

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> BayesNashEquilibrium:
        return self.equilibria[k]

    def __str__(self) -> str:
        n = len(self.equilibria)
        lines = [f"bayes_nash_equilibria ({self.method}): {n} Bayes-Nash equilibri{'um' if n == 1 else 'a'} "
                 f"({'complete' if self.complete else 'not necessarily complete'}, {'exact' if self.exact else 'float'})"]
        for k, e in enumerate(self.equilibria, 1):
            pay = ", ".join(f"{p} {_exact.format_number(v)}" for p, v in zip(self.game.players, e.payoffs))
            lines.append(f"  {k}. {e.describe()}.  Expected payoffs: {pay}.")
        lines += [f"  note: {t}" for t in self.notes]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        g = self.game
        return {"title": g.title, "kind": "bayesian", "players": list(g.players),
                "types": {p: list(t) for p, t in zip(g.players, g.types)}, "method": self.method,
                "exact": self.exact, "complete": self.complete,
                "equilibria": [e.to_dict() for e in self.equilibria], "notes": list(self.notes),
                "elapsed": self.elapsed}


def bayes_nash_equilibria(game: BayesianGame, *, form: str | None = None,
                          solver: Callable[[Game], Any] | None = None) -> BayesNashSolution:
    """Bayes–Nash equilibria through the ex-ante or the agent normal form (see the module docstring).

    Parameters
    ----------
    game : BayesianGame
    form : {"ex_ante", "agent"}, optional
        Default: ``"ex_ante"`` for two players, ``"agent"`` otherwise.
    solver : callable, optional
        ``Game -> Solution`` (default :func:`gametheory.solve`).

    Raises
    ------
    SolverError
        If a profile fails its exact certificate (a bug).
    """
    from .solvers import solve

    started = time.perf_counter()
    form = form or ("ex_ante" if len(game.players) == 2 else "agent")
    if form not in ("ex_ante", "agent"):
        raise InvalidGameError(f"form must be 'ex_ante' or 'agent', got {form!r}")
    solver = solver or solve
    n = len(game.players)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        if form == "ex_ante":
            nf, plans = game.ex_ante_form()
            sol = solver(nf)
        else:
            nf = game.agent_form()
            sol = solver(nf)
    eqs = []
    seen = set()
    for eq in sol.equilibria:
        strategy: list[dict] = [dict() for _ in range(n)]
        if form == "ex_ante":
            for i in range(n):
                for k, t in enumerate(game.live_types(i)):
                    probs: dict = {a: Fraction(0) for a in game.actions[i]}
                    for plan, q in zip(plans[i], eq.profile[i]):
                        probs[plan[k]] = probs[plan[k]] + q
                    strategy[i][t] = tuple(probs[a] for a in game.actions[i])
                for t in game.types[i]:  # types of probability 0: the first action (nothing rests on it)
                    strategy[i].setdefault(t, tuple(Fraction(int(a == 0)) for a in range(len(game.actions[i]))))
        else:
            for k, (i, t) in enumerate(game.agents()):
                strategy[i][t] = tuple(eq.profile[k])
            for i in range(n):
                for t in game.types[i]:
                    strategy[i].setdefault(t, tuple(Fraction(int(a == 0)) for a in range(len(game.actions[i]))))
        key = tuple(tuple(sorted(s.items())) for s in strategy)
        if key in seen:
            continue  # plans differing only for types of probability 0
        seen.add(key)
        regret = game.interim_regret(strategy)
        exact = sol.exact and not any(isinstance(q, float) for s in strategy for v in s.values() for q in v)
        if (regret != 0) if exact else regret > _exact.DEFAULT_TOL * 100:
            raise SolverError(f"a Bayes-Nash equilibrium has interim regret {regret}: a bug, please report it")
        eqs.append(BayesNashEquilibrium(game, tuple(strategy), tuple(eq.payoffs) if form == "ex_ante"
                                        else _ex_ante_payoffs(game, strategy), regret))
    notes = list(sol.notes)
    complete = sol.complete
    if any(not c.isolated for c in getattr(sol, "components", ())):
        complete = False
        notes.append("the normal form has continua of equilibria; only their extreme points are listed")
    return BayesNashSolution(game, f"{form.replace('_', '-')} form, {sol.method}", tuple(eqs), complete,
                             sol.exact, tuple(notes), time.perf_counter() - started)


def _ex_ante_payoffs(game: BayesianGame, strategy: Sequence[Mapping[str, Sequence[Any]]]) -> tuple:
    n = len(game.players)
    total: list[Any] = [Fraction(0)] * n
    for tp, q in game.prior.items():
        if q == 0:
            continue
        for ap in itertools.product(*[range(len(a)) for a in game.actions]):
            p: Any = q
            for j in range(n):
                p = p * strategy[j][tp[j]][ap[j]]
            if p == 0:
                continue
            vec = game.payoff(tp, tuple(game.actions[k][x] for k, x in enumerate(ap)))
            for i in range(n):
                total[i] += p * vec[i]
    return tuple(total)
