"""Repeated games: when the shadow of the future sustains cooperation.

A stage game (a :class:`~gametheory.Game`) is played every period; payoffs are
averaged with discount factor ``δ``: ``(1 - δ) Σ δ^t u_t``. Strategies are finite
automata over the public history (:class:`StrategyProfile`): a phase per state,
one stage strategy per player in each phase, and the next phase as a function of
the profile just played. Standard ones are built for you:

* :func:`grim_trigger` -- play a target profile until anyone deviates, then a
  punishment profile (by default the stage's pure Nash equilibrium) forever;
* :func:`forgiving_trigger` -- punish for ``periods`` periods, restarting the
  punishment after any further deviation (Abreu's stick and carrot when the
  punishment is harsh), then return to the target;
* :func:`tit_for_tat` -- each of two players repeats what the other just played.

:func:`repeated_equilibrium` checks a profile exactly by the one-shot deviation
principle in every phase reachable after any history; with a symbolic ``δ``,
:func:`~gametheory.models.model_thresholds` gives the exact set of discount factors
that sustain it (for grim trigger with Nash reversion
``δ >= max_i (d_i - c_i)/(d_i - n_i)``: best deviation ``d``, target ``c`` and
punishment ``n`` payoffs). :func:`folk_theorem_check` says whether a payoff vector
is feasible and individually rational (above the minmax values of
:func:`minmax_values`), and :func:`finitely_repeated` builds the finite repetition
as a sequential game whose subgame-perfect equilibria the composer lists exactly
(a stage with a unique Nash equilibrium repeats it in every round).

References
----------
Friedman, J. W. (1971). A non-cooperative equilibrium for supergames. *Review of
Economic Studies* 38, 1–12.
Abreu, D. (1988). On the theory of infinitely repeated games with discounting.
*Econometrica* 56, 383–396.
Fudenberg, D. & Maskin, E. (1986). The folk theorem in repeated games with discounting
or with incomplete information. *Econometrica* 54, 533–554.
Benoit, J.-P. & Krishna, V. (1985). Finitely repeated games. *Econometrica* 53, 905–922.
Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books.

Examples
--------
>>> stage = trust_game(honour=2, exploit=3, no_trust=0)
>>> game = repeated_game(stage, grim_trigger(stage, ("Trust", "Honour")), delta="1/2")
>>> sol = repeated_equilibrium(game)
>>> sol[0].label, sol.values["discount threshold"]
('subgame-perfect: grim trigger sustains Trust / Honour', Fraction(1, 3))
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar, Sequence

from ..errors import InvalidGameError
from ..game import Game
from .base import Model, ModelEquilibrium, _fmt, make_solution, register

__all__ = [
    "StrategyProfile",
    "RepeatedGame",
    "repeated_game",
    "grim_trigger",
    "forgiving_trigger",
    "tit_for_tat",
    "trust_game",
    "repeated_equilibrium",
    "grim_trigger_threshold",
    "minmax_values",
    "folk_theorem_check",
    "FolkTheoremCheck",
    "finitely_repeated",
]


# -- strategies as automata --------------------------------------------------------------------------
@dataclass(frozen=True)
class StrategyProfile:
    """A strategy profile of a repeated game as a finite automaton over public histories.

    Attributes
    ----------
    name : str
        E.g. ``"grim trigger"``.
    states : tuple of str
        Names of the phases.
    actions : tuple of tuple of int
        For each phase, one stage-strategy index per player.
    transitions : tuple of tuple of int
        For each phase, the next phase after each pure profile of the stage game
        (profiles in row-major order).
    initial : int
        The first phase.
    """

    name: str
    states: tuple[str, ...]
    actions: tuple[tuple[int, ...], ...]
    transitions: tuple[tuple[int, ...], ...]
    initial: int = 0

    def check(self, stage: Game) -> None:
        """Raise :class:`~gametheory.errors.InvalidGameError` unless the automaton fits ``stage``."""
        n = len(self.states)
        if not n or len(self.actions) != n or len(self.transitions) != n or not 0 <= self.initial < n:
            raise InvalidGameError(f"{self.name}: states, actions and transitions must have one entry per phase")
        profiles = 1
        for k in stage.shape:
            profiles *= k
        for s, (acts, nxt) in enumerate(zip(self.actions, self.transitions)):
            if len(acts) != stage.num_players or any(not 0 <= a < k for a, k in zip(acts, stage.shape)):
                raise InvalidGameError(f"{self.name}: phase {self.states[s]!r} needs one strategy index per player")
            if len(nxt) != profiles or any(not 0 <= t < n for t in nxt):
                raise InvalidGameError(f"{self.name}: phase {self.states[s]!r} needs a next phase for each of "
                                       f"the {profiles} profiles")

    def describe(self, stage: Game) -> str:
        """The phases in words."""
        lines = []
        for s, name in enumerate(self.states):
            prof = " / ".join(stage.strategies[i][a] for i, a in enumerate(self.actions[s]))
            lines.append(f"{name}: play {prof}")
        return "; ".join(lines)


def _flat(stage: Game, profile: Sequence[int]) -> int:
    k = 0
    for a, n in zip(profile, stage.shape):
        k = k * n + a
    return k


def _profile(stage: Game, profile: Any) -> tuple[int, ...]:
    if len(profile) != stage.num_players:
        raise InvalidGameError(f"a profile names one strategy per player ({stage.num_players}), got {profile!r}")
    return tuple(stage.strategy_index(i, s) for i, s in enumerate(profile))


def _pure_nash(stage: Game) -> list[tuple[int, ...]]:
    from ..solvers import pure_equilibria

    return [tuple(s[0] for s in eq.supports) for eq in pure_equilibria(stage)]


def _punishment(stage: Game, punishment: Any) -> tuple[int, ...]:
    if punishment is not None:
        return _profile(stage, punishment)
    nash = _pure_nash(stage)
    if len(nash) != 1:
        raise InvalidGameError(
            f"the stage game has {len(nash)} pure Nash equilibria; name the punishment profile "
            "(punishment=(...)), e.g. one of them for Nash reversion")
    return nash[0]


def grim_trigger(stage: Game, target: Any, punishment: Any = None) -> StrategyProfile:
    """Play ``target`` until anyone deviates, then ``punishment`` forever.

    Parameters
    ----------
    stage : Game
    target : sequence of strategy labels (or indices)
        The profile to sustain.
    punishment : sequence, optional
        The profile played after a deviation (default: the stage game's unique pure
        Nash equilibrium, i.e. Nash reversion, which is credible).

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    >>> grim_trigger(pd, ("C", "C")).describe(pd)
    'cooperate: play C / C; punish: play D / D'
    """
    t, p = _profile(stage, target), _punishment(stage, punishment)
    n = 1
    for k in stage.shape:
        n *= k
    keep = _flat(stage, t)
    prof = StrategyProfile("grim trigger", ("cooperate", "punish"), (t, p),
                           (tuple(0 if k == keep else 1 for k in range(n)), (1,) * n))
    prof.check(stage)
    return prof


def forgiving_trigger(stage: Game, target: Any, periods: int, punishment: Any = None) -> StrategyProfile:
    """Play ``target``; after a deviation play ``punishment`` for ``periods`` periods, then return.

    A deviation during the punishment restarts it (Abreu's stick and carrot).

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    >>> forgiving_trigger(pd, ("C", "C"), 2).states
    ('cooperate', 'punish 1', 'punish 2')
    """
    if isinstance(periods, bool) or not isinstance(periods, int) or periods < 1:
        raise InvalidGameError(f"periods must be a positive integer, got {periods!r}")
    t, p = _profile(stage, target), _punishment(stage, punishment)
    n = 1
    for k in stage.shape:
        n *= k
    keep, conform = _flat(stage, t), _flat(stage, p)
    states = ("cooperate",) + tuple(f"punish {k}" for k in range(1, periods + 1))
    trans = [tuple(0 if k == keep else 1 for k in range(n))]
    for j in range(1, periods + 1):
        done = j + 1 if j < periods else 0
        trans.append(tuple(done if k == conform else 1 for k in range(n)))
    prof = StrategyProfile(f"forgiving trigger ({periods} period{'s' if periods > 1 else ''})", states,
                           (t,) + (p,) * periods, tuple(trans))
    prof.check(stage)
    return prof


def tit_for_tat(stage: Game, start: Any = None) -> StrategyProfile:
    """Two players with the same number of strategies; each plays what the other played last.

    ``start`` is the first profile (default: each player's first strategy).

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    >>> tit_for_tat(pd).states
    ('after C / C', 'after C / D', 'after D / C', 'after D / D')
    """
    if stage.num_players != 2 or stage.shape[0] != stage.shape[1]:
        raise InvalidGameError("tit for tat needs two players with the same number of strategies")
    m = stage.shape[0]
    profiles = list(itertools.product(range(m), range(m)))
    states = tuple(f"after {stage.strategies[0][a]} / {stage.strategies[1][b]}" for a, b in profiles)
    actions = tuple((b, a) for a, b in profiles)
    trans = tuple(tuple(_flat(stage, q) for q in profiles) for _ in profiles)
    first = (0, 0) if start is None else _profile(stage, start)
    # the initial phase is the one whose reply is the starting profile
    initial = profiles.index((first[1], first[0]))
    prof = StrategyProfile("tit for tat", states, actions, trans, initial)
    prof.check(stage)
    return prof


def trust_game(honour: Any = 2, exploit: Any = 3, no_trust: Any = 0, trustor_gain: Any = 1, trustor_loss: Any = -1,
               *, players: tuple = ("Ukraine", "US"),
               strategies: tuple = (("Trust", "Withhold"), ("Honour", "Exploit")),
               title: str = "Trust game") -> Game:
    """The stage of a trust relationship (Kreps 1990; Berg, Dickhaut & McCabe 1995) as a normal form.

    The trustor (first player) trusts or withholds; the trustee honours or exploits
    the trust. Trustee payoffs: ``honour`` (support), ``exploit`` (take and walk
    away), ``no_trust`` (no relationship); trustor payoffs ``trustor_gain``,
    ``trustor_loss`` and 0. With ``exploit > honour`` the one-shot trustee exploits,
    and trust is withheld.

    Examples
    --------
    >>> g = trust_game()
    >>> g["Trust", "Exploit"]
    (Fraction(-1, 1), Fraction(3, 1))
    """
    z = 0
    return Game.from_bimatrix([[trustor_gain, trustor_loss], [z, z]], [[honour, exploit], [no_trust, no_trust]],
                              players=players, strategies=strategies, title=title)


# -- the model --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RepeatedGame(Model):
    """An infinitely repeated game with a strategy profile to check (see the module docstring).

    Attributes
    ----------
    stage : Game
        The stage game (numbers; exact or float).
    strategy : StrategyProfile
        The profile whose equilibrium property is checked.
    delta : number
        The discount factor, in (0, 1).
    title : str
    """

    stage: Game
    strategy: StrategyProfile
    delta: Any = "9/10"
    title: str = ""

    family: ClassVar[str] = "repeated game"
    _NUMBERS: ClassVar[dict[str, str]] = {"delta": "discount"}

    def __post_init__(self) -> None:
        if not isinstance(self.stage, Game):
            raise InvalidGameError(f"{self.family}: stage must be a gametheory.Game, got {type(self.stage).__name__}")
        if not isinstance(self.strategy, StrategyProfile):
            raise InvalidGameError(f"{self.family}: strategy must be a StrategyProfile (grim_trigger(...), ...)")
        self.strategy.check(self.stage)
        if not self.title:
            object.__setattr__(self, "title", f"{self.stage.title or 'Stage game'}, repeated")
        self._setup()
        if not self.stage.exact and not self.symbolic and not isinstance(self.delta, float):
            object.__setattr__(self, "delta", float(self.delta))

    @property
    def players(self) -> tuple[str, ...]:
        """The stage game's players."""
        return self.stage.players

    def describe(self) -> str:
        """The stage game, the strategy profile and the discount factor."""
        import textwrap

        return "\n".join([f"{self.title} ({self.family} model)", textwrap.indent(str(self.stage), "  "),
                          f"  strategy: {self.strategy.name} -- {self.strategy.describe(self.stage)}",
                          f"  delta = {_fmt(self.delta)}"])

    @property
    def exact(self) -> bool:  # type: ignore[override]
        return self.stage.exact and not isinstance(self.delta, float)


def repeated_game(stage: Game, strategy: StrategyProfile, delta: Any = "9/10", *, title: str = "") -> RepeatedGame:
    """An infinitely repeated game with discount factor ``delta`` and a strategy profile to check.

    Examples
    --------
    >>> stage = trust_game()
    >>> repeated_game(stage, grim_trigger(stage, ("Trust", "Honour"))).delta
    Fraction(9, 10)
    """
    return RepeatedGame(stage=stage, strategy=strategy, delta=delta, title=title)


def _reachable(stage: Game, prof: StrategyProfile) -> list[int]:
    seen, todo = [prof.initial], [prof.initial]
    while todo:
        s = todo.pop()
        for t in prof.transitions[s]:
            if t not in seen:
                seen.append(t)
                todo.append(t)
    return sorted(seen)


def one_shot_gains(stage: Game, prof: StrategyProfile, d: Any, value: Any, num: Any = None) -> Any:
    """Yield ``(phase, player, strategy, gain)`` for every one-shot deviation in every reachable phase.

    ``value(phase, player)`` is the player's average discounted payoff from a phase;
    the gain is ``(1 - δ) u_i(deviation) + δ V_i(next phase) - V_i(phase)``.
    """
    num = num or (lambda x: x)
    for s in _reachable(stage, prof):
        acts = prof.actions[s]
        for i in range(stage.num_players):
            for b in range(stage.shape[i]):
                if b == acts[i]:
                    continue
                dev = list(acts)
                dev[i] = b
                nxt = prof.transitions[s][_flat(stage, dev)]
                yield s, i, b, (1 - d) * num(stage.payoffs[(i, *dev)]) + d * value(nxt, i) - value(s, i)


def _values(stage: Game, prof: StrategyProfile, d: Any, ctx: Any) -> dict[int, tuple]:
    """Average discounted payoffs from each phase (the path is eventually periodic)."""
    pay = stage.payoffs
    out = {}
    for s0 in range(len(prof.states)):
        path, seen = [], {}
        s = s0
        while s not in seen:
            seen[s] = len(path)
            path.append(s)
            s = prof.transitions[s][_flat(stage, prof.actions[s])]
        start = seen[s]
        vals = []
        for i in range(stage.num_players):
            u = [ctx.num(pay[(i, *prof.actions[q])]) for q in path]
            L = len(path) - start
            cycle = sum(d ** k * u[start + k] for k in range(L)) * (1 - d) / (1 - d ** L)
            head = sum(d ** k * u[k] for k in range(start)) * (1 - d)
            vals.append(head + d ** start * cycle)
        out[s0] = tuple(vals)
    return out


def _core(model: RepeatedGame, ctx: Any) -> list[ModelEquilibrium]:
    stage, prof = model.stage, model.strategy
    d = ctx.num(model.delta)
    V = _values(stage, prof, d, ctx)
    players = stage.players
    target = " / ".join(stage.strategies[i][a] for i, a in enumerate(prof.actions[prof.initial]))
    failure = None
    for s, i, b, gain in one_shot_gains(stage, prof, d, lambda q, i: V[q][i], ctx.num):
        if ctx.sign(gain) > 0 and failure is None:
            failure = (players[i], stage.strategies[i][b], prof.states[s])
    label = (f"subgame-perfect: {prof.name} sustains {target}" if failure is None else
             f"not an equilibrium: {failure[0]} gains by playing {failure[1]} in phase {failure[2]!r}")
    strategies = {p: "; ".join(f"{prof.states[s]}: {stage.strategies[i][prof.actions[s][i]]}"
                               for s in range(len(prof.states))) for i, p in enumerate(players)}
    return [ModelEquilibrium(label, strategies, dict(zip(players, V[prof.initial])), {})]


register(RepeatedGame, _core)


def _regret(model: RepeatedGame) -> tuple[Any, Any]:
    """Max one-shot gain over all reachable phases, with values from the linear system ``V = (1-δ)u + δ V∘τ``."""
    from ..exact import solve_rational

    stage, prof, d = model.stage, model.strategy, model.delta
    n = len(prof.states)
    V = []
    for i in range(stage.num_players):
        if model.exact:
            M = [[Fraction(int(r == c)) - (d if prof.transitions[r][_flat(stage, prof.actions[r])] == c else 0)
                  for c in range(n)] for r in range(n)]
            b = [(1 - d) * stage.payoffs[(i, *prof.actions[r])] for r in range(n)]
            status, v = solve_rational(M, b)
            if status != "unique":  # pragma: no cover - (I - δP) is invertible for δ < 1
                raise InvalidGameError("the value system is singular")
        else:
            import numpy as np

            M = np.eye(n) - d * np.array([[float(prof.transitions[r][_flat(stage, prof.actions[r])] == c)
                                            for c in range(n)] for r in range(n)])
            v = [float(x) for x in np.linalg.solve(M, [(1 - d) * float(stage.payoffs[(i, *prof.actions[r])])
                                                        for r in range(n)])]
        V.append(v)
    worst = 0 * d
    for _, _, _, gain in one_shot_gains(stage, prof, d, lambda q, i: V[i][q]):
        worst = max(worst, gain)
    return worst, tuple(V[i][prof.initial] for i in range(stage.num_players))


def grim_trigger_threshold(stage: Game, target: Any, punishment: Any = None) -> Any:
    """The smallest discount factor at which grim trigger sustains ``target``: ``max_i (d_i - c_i)/(d_i - n_i)``.

    ``c_i`` is player i's payoff at the target, ``d_i`` its best one-shot deviation
    payoff and ``n_i`` its payoff at the punishment (Friedman 1971). Returns 0 when
    no one gains from deviating.

    Raises
    ------
    InvalidGameError
        When some player gains from deviating but the punishment does not hurt it
        (``n_i >= c_i``): no discount factor sustains the target.

    Examples
    --------
    >>> grim_trigger_threshold(trust_game(honour=2, exploit=3, no_trust=0), ("Trust", "Honour"))
    Fraction(1, 3)
    """
    t, p = _profile(stage, target), _punishment(stage, punishment)
    best = 0 * stage.payoffs.flat[0]
    for i in range(stage.num_players):
        c = stage.payoffs[(i, *t)]
        dev = max(stage.payoffs[(i, *t[:i], b, *t[i + 1:])] for b in range(stage.shape[i]))
        n = stage.payoffs[(i, *p)]
        if dev > c:
            if n >= c:
                raise InvalidGameError(f"{stage.players[i]} gains {_fmt(dev - c)} by deviating and the punishment "
                                       f"does not hurt it: grim trigger cannot sustain the target")
            best = max(best, (dev - c) / (dev - n))
    return best if stage.exact else float(best)


def repeated_equilibrium(model: RepeatedGame) -> Any:
    """Check a strategy profile of an infinitely repeated game exactly (one-shot deviation principle).

    Every phase reachable after any history is checked, for every player and every
    alternative stage strategy: a profile passes exactly when it is a subgame-perfect
    equilibrium (the game is continuous at infinity, so one-shot deviations suffice).

    Returns
    -------
    ModelSolution
        One equilibrium when the profile is subgame-perfect (payoffs: average
        discounted payoffs), none otherwise (the ``notes`` say who gains by what).
        ``complete`` is False: this checks one profile, and a repeated game has many
        equilibria. For grim trigger ``values`` has the exact ``discount threshold``.

    Examples
    --------
    >>> stage = trust_game()
    >>> sol = repeated_equilibrium(repeated_game(stage, grim_trigger(stage, ("Trust", "Honour")), delta="1/4"))
    >>> len(sol), sol.notes[0]
    (0, "not an equilibrium: US gains by playing Exploit in phase 'cooperate'")
    """
    started = time.perf_counter()
    model.require_numeric("repeated_equilibrium")
    e = _core(model, model.context())[0]
    regret, values = _regret(model)
    stage, prof = model.stage, model.strategy
    ok = e.label.startswith("subgame-perfect")
    out: dict[str, Any] = {f"value {p}": v for p, v in zip(stage.players, values)}
    notes = []
    if not ok:
        notes.append(e.label)
    if prof.name == "grim trigger":
        target = tuple(stage.strategies[i][a] for i, a in enumerate(prof.actions[0]))
        punish = tuple(stage.strategies[i][a] for i, a in enumerate(prof.actions[1]))
        try:
            out["discount threshold"] = grim_trigger_threshold(stage, target, punish)
        except InvalidGameError as err:
            notes.append(str(err))
    notes += ["checks one strategy profile (complete=False: repeated games have many equilibria)",
              "certificate: one-shot deviations of every player in every reachable phase, with values from the "
              "linear system of the automaton"]
    eqs = [ModelEquilibrium(e.label, e.strategies, dict(zip(stage.players, values)), {}, regret)] if ok else []
    target = " / ".join(stage.strategies[i][a] for i, a in enumerate(prof.actions[prof.initial]))
    if ok:
        summary = (f"With discount factor {_fmt(model.delta)}, {prof.name} sustains {target}: no player gains by "
                   f"deviating in any phase, because the future loss outweighs the one-period gain.")
    else:
        summary = f"With discount factor {_fmt(model.delta)}, {prof.name} does not sustain {target}: {e.label.removeprefix('not an equilibrium: ')}."
    if "discount threshold" in out:
        summary += f" It does exactly when the discount factor is at least {_fmt(out['discount threshold'])}."
    if not ok and regret == 0:  # pragma: no cover - the two computations disagree: a bug
        raise InvalidGameError("repeated_equilibrium: inconsistent one-shot deviation checks")
    return make_solution(model, "repeated_equilibrium", eqs, out, started=started, summary=summary, complete=False,
                         notes=notes)


# -- folk theorem --------------------------------------------------------------------------------------
def minmax_values(stage: Game) -> tuple[tuple, bool]:
    """Each player's minmax value: the least payoff the others can hold it to.

    Returns ``(values, mixed)``: for two players the exact mixed minmax (a zero-sum
    linear program, verified), ``mixed=True``; for more players the pure minmax
    (the others restricted to pure strategies), ``mixed=False`` -- an upper bound on
    the mixed one.

    Examples
    --------
    >>> from gametheory import Game
    >>> mp = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> minmax_values(mp)
    ((Fraction(0, 1), Fraction(0, 1)), True)
    """
    import numpy as np

    from ..solvers import zero_sum_value

    if stage.num_players == 2:
        out = []
        for i in range(2):
            U = stage.payoff_array(i)
            U = U if i == 0 else U.T
            out.append(zero_sum_value(Game.zero_sum(U.tolist())).value)
        return tuple(out), True
    out = []
    for i in range(stage.num_players):
        arr = np.moveaxis(stage.payoffs[i], i, 0)
        best = arr.max(axis=0)
        out.append(best.min())
    return tuple(out), False


@dataclass(frozen=True)
class FolkTheoremCheck:
    """Whether a payoff vector can be sustained by the folk theorem (Fudenberg & Maskin 1986).

    Attributes
    ----------
    payoffs : tuple
        The vector checked.
    feasible : bool
        A convex combination of pure outcomes gives it (``weights`` certify it).
    individually_rational : bool
        Every entry strictly exceeds the player's minmax value.
    minmax : tuple
        The minmax values used (mixed for two players, pure otherwise; see ``notes``).
    weights : dict
        ``{outcome (labels): weight}`` of the certifying convex combination.
    notes : tuple of str
    """

    payoffs: tuple
    feasible: bool
    individually_rational: bool
    minmax: tuple
    weights: dict
    notes: tuple = ()

    @property
    def sustainable(self) -> bool:
        """Feasible and individually rational: sustainable by an SPE for discount factors near 1
        (two players; for more players under the full-dimensionality condition)."""
        return self.feasible and self.individually_rational

    def __str__(self) -> str:
        text = (f"payoffs ({', '.join(_fmt(v) for v in self.payoffs)}): feasible {self.feasible}, individually "
                f"rational {self.individually_rational} (minmax {', '.join(_fmt(v) for v in self.minmax)})")
        return "\n".join([text] + [f"  note: {n}" for n in self.notes])


def folk_theorem_check(stage: Game, payoffs: Sequence[Any], *, max_outcomes: int = 64) -> FolkTheoremCheck:
    """Check feasibility and individual rationality of a payoff vector, exactly.

    Feasibility is decided by Carathéodory's theorem: the vector is a convex
    combination of at most ``N + 1`` pure outcomes, found by solving each small linear
    system exactly (games with more than ``max_outcomes`` outcomes are refused).

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    >>> folk_theorem_check(pd, (2, 2)).sustainable
    True
    >>> folk_theorem_check(pd, (4, 4)).feasible
    False
    """
    from ..exact import solve_rational, to_number

    v = tuple(to_number(x) for x in payoffs)
    if len(v) != stage.num_players:
        raise InvalidGameError(f"payoffs needs one entry per player ({stage.num_players})")
    outcomes = list(itertools.product(*(range(k) for k in stage.shape)))
    if len(outcomes) > max_outcomes:
        raise InvalidGameError(f"{len(outcomes)} outcomes; raise max_outcomes (the check enumerates subsets)")
    pts = [tuple(stage.payoffs[(i, *o)] for i in range(stage.num_players)) for o in outcomes]
    weights: dict = {}
    feasible = False
    N = stage.num_players
    for size in range(1, min(N + 1, len(pts)) + 1):
        for subset in itertools.combinations(range(len(pts)), size):
            M = [[Fraction(pts[k][i]) for k in subset] for i in range(N)] + [[Fraction(1)] * size]
            b = [Fraction(x) for x in v] + [Fraction(1)]
            status, lam = solve_rational(M, b, ncols=size)
            if status == "unique" and all(x >= 0 for x in lam):
                feasible = True
                weights = {tuple(stage.strategies[i][a] for i, a in enumerate(outcomes[k])): w
                           for k, w in zip(subset, lam) if w}
                break
        if feasible:
            break
    mm, mixed = minmax_values(stage)
    rational = all(x > m for x, m in zip(v, mm))
    notes = [] if mixed else ["minmax values are pure (the others may not mix): an upper bound on the mixed minmax"]
    return FolkTheoremCheck(v, feasible, rational, mm, weights, tuple(notes))


# -- finitely repeated ---------------------------------------------------------------------------------
def finitely_repeated(stage: Game, rounds: int, *, discount: Any = 1, title: str | None = None) -> Any:
    """The stage game played ``rounds`` times, as a :class:`~gametheory.sequential.SequentialGame`.

    Every round's outcome is observed before the next, and each outcome leads to its
    own continuation (so play may depend on the history). Solve it with
    :func:`~gametheory.sequential.subgame_perfect_equilibria`: backward induction
    with every equilibrium of every stage (ties and mixed stage equilibria kept).
    When the stage game has a unique Nash equilibrium the unique SPE plays it in
    every round; several stage equilibria let early cooperation be rewarded
    (Benoit & Krishna 1985).

    Examples
    --------
    >>> from gametheory import Game
    >>> from gametheory.sequential import subgame_perfect_equilibria
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    >>> sol = subgame_perfect_equilibria(finitely_repeated(pd, 3))
    >>> len(sol), sol[0].payoffs
    (1, (Fraction(3, 1), Fraction(3, 1)))
    """
    from ..sequential import SequentialGame, Terminal, compose

    if isinstance(rounds, bool) or not isinstance(rounds, int) or rounds < 1:
        raise InvalidGameError(f"rounds must be a positive integer, got {rounds!r}")
    profiles = list(itertools.product(*stage.strategies))

    def play(left: int) -> Any:
        # a fresh continuation after each outcome, so later play may depend on what happened
        if left == 0:
            return Terminal({p: 0 for p in stage.players})
        return compose(stage, {prof: play(left - 1) for prof in profiles})

    return SequentialGame(play(rounds), discount=discount,
                          title=title or f"{stage.title or 'Stage game'}, {rounds} rounds")
