"""Payoff assumptions: ordinal preference statements, cardinal bounds, checks and robustness.

Every payoff in a policy model is an assumption, and most are only ordinal
("Russia prefers a neutral Ukraine with a ceasefire to renewed war"). This module
states such assumptions as data, checks a game against them, and asks whether a
conclusion holds for **every** payoff assignment consistent with them.

* :func:`prefers` -- an ordinal statement ``player`` prefers outcome ``a`` over ``b``
  (strict or weak), optionally with a cardinal margin ``by``;
* :func:`payoff_bound` -- a cardinal bound on one payoff;
* :func:`from_register` -- the ordinal statements of a game file's assumption register;
* :func:`check` -- which assumptions a game violates;
* :func:`completions_count` and :func:`completions` -- the strict orderings of each
  player's outcomes consistent with the ordinal assumptions (linear extensions of a
  partial order);
* :func:`robustness` -- the share of those completions for which a claim holds, with
  counterexample games (exhaustive when the count is manageable, otherwise a
  hypothesis search that says so).

An *outcome* is a pure strategy profile, written as one strategy label per player.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.assumptions import prefers, check
>>> g = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "Russia"),
...                        strategies=(("Concede", "Hold"), ("Ceasefire", "Fight")))
>>> a = prefers("Russia", ("Concede", "Fight"), over=("Concede", "Ceasefire"), id="R1")
>>> print(a)
R1: Russia prefers (Concede, Fight) to (Concede, Ceasefire)
>>> check(g, [a]).ok
True
>>> print(check(g, [prefers("US", ("Concede", "Fight"), over=("Hold", "Fight"))]))
1 of 1 assumptions violated:
  US prefers (Concede, Fight) to (Hold, Fight): payoffs 0 vs 1
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np

from . import exact as _exact
from .errors import AssumptionError, GameTheoryError, InvalidNumberError, InvalidProfileError, NotSupportedError
from .game import Game

__all__ = [
    "Preference",
    "PayoffBound",
    "Assumption",
    "Violation",
    "CheckReport",
    "RobustnessResult",
    "prefers",
    "payoff_bound",
    "from_register",
    "check",
    "preference_pairs",
    "completions_count",
    "completions",
    "rank_game",
    "robustness",
    "template_game",
]

Profile = tuple[str, ...]


def _profile(p: Any, what: str) -> Profile:
    if isinstance(p, (str, bytes)) or not isinstance(p, Sequence):
        raise AssumptionError(f"{what} must be a sequence of strategy labels, one per player; got {p!r}")
    out = []
    for s in p:
        if isinstance(s, bool) or not isinstance(s, (str, int, np.integer)):
            raise AssumptionError(f"{what}: {s!r} is not a strategy label")
        out.append(s if isinstance(s, str) else int(s))
    return tuple(out)


def _fmt_profile(p: Profile) -> str:
    return "(" + ", ".join(str(s) for s in p) + ")"


@dataclass(frozen=True)
class Preference:
    """An ordinal preference of one player between two outcomes (optionally with a margin).

    Attributes
    ----------
    player : str
        The player holding the preference.
    better, worse : tuple of str
        Outcomes (pure profiles, one strategy label per player).
    strict : bool
        ``True``: ``u(better) > u(worse)``; ``False``: ``u(better) >= u(worse)``.
    margin : Fraction or None
        Cardinal strengthening: ``u(better) - u(worse) >= margin``.
    id, statement, basis, quote : str or None
        Provenance from the assumption register (the brief's sentence it rests on).
    """

    player: str | int
    better: Profile
    worse: Profile
    strict: bool = True
    margin: Any = None
    id: str | None = None
    statement: str | None = field(default=None, compare=False)
    basis: str | None = field(default=None, compare=False)
    quote: str | None = field(default=None, compare=False)

    @property
    def cardinal(self) -> bool:
        """``True`` when the statement has a cardinal margin."""
        return self.margin is not None

    def __str__(self) -> str:
        verb = "prefers" if self.strict else "weakly prefers"
        text = f"{self.player} {verb} {_fmt_profile(self.better)} to {_fmt_profile(self.worse)}"
        if self.margin is not None:
            text += f" by at least {_exact.format_number(self.margin)}"
        return f"{self.id}: {text}" if self.id else text


@dataclass(frozen=True)
class PayoffBound:
    """A cardinal bound ``low <= u_player(profile) <= high`` (either side optional)."""

    player: str | int
    profile: Profile
    low: Any = None
    high: Any = None
    id: str | None = None
    statement: str | None = field(default=None, compare=False)
    basis: str | None = field(default=None, compare=False)
    quote: str | None = field(default=None, compare=False)

    @property
    def cardinal(self) -> bool:
        """Always ``True``: bounds are cardinal statements."""
        return True

    def __str__(self) -> str:
        lo = "" if self.low is None else f"{_exact.format_number(self.low)} <= "
        hi = "" if self.high is None else f" <= {_exact.format_number(self.high)}"
        text = f"{lo}{self.player}'s payoff at {_fmt_profile(self.profile)}{hi}"
        return f"{self.id}: {text}" if self.id else text


Assumption = Preference | PayoffBound


def prefers(
    player: str | int,
    outcome: Sequence[str | int],
    *,
    over: Sequence[str | int],
    strict: bool = True,
    by: Any = None,
    id: str | None = None,
    statement: str | None = None,
    basis: str | None = None,
    quote: str | None = None,
) -> Preference:
    """State that ``player`` prefers ``outcome`` over ``over`` (strictly unless ``strict=False``).

    Parameters
    ----------
    player : str or int
        Player label (or index).
    outcome, over : sequence of str
        Pure profiles, one strategy label per player (for a SequentialGame: terminal
        histories, the labels of the moves leading there, as ``game.history`` gives them).
    strict : bool
        Strict (``>``) or weak (``>=``) preference.
    by : number, optional
        Cardinal margin: the payoff difference is at least ``by`` (exact numbers stay exact).
    id, statement, basis, quote : str, optional
        Provenance, shown in reports.

    Examples
    --------
    >>> p = prefers("Russia", ("Neutrality", "Ceasefire"), over=("OpenDoor", "Fight"))
    >>> p.better, p.worse, p.strict, p.cardinal
    (('Neutrality', 'Ceasefire'), ('OpenDoor', 'Fight'), True, False)
    >>> print(prefers("US", ("a", "b"), over=("c", "d"), strict=False, by="1/2"))
    US weakly prefers (a, b) to (c, d) by at least 1/2
    """
    better = _profile(outcome, "outcome")
    worse = _profile(over, "over")
    if better == worse:
        raise AssumptionError(f"{player} cannot prefer {_fmt_profile(better)} over itself")
    margin = None
    if by is not None:
        try:
            margin = _exact.to_number(by)
        except InvalidNumberError as err:
            raise AssumptionError(f"margin {by!r}: {err}") from None
        if margin < 0:
            raise AssumptionError(f"margin must be non-negative, got {by!r}")
    return Preference(player, better, worse, strict, margin, id, statement, basis, quote)


def payoff_bound(
    player: str | int,
    outcome: Sequence[str | int],
    *,
    low: Any = None,
    high: Any = None,
    id: str | None = None,
    statement: str | None = None,
    basis: str | None = None,
    quote: str | None = None,
) -> PayoffBound:
    """State a cardinal bound ``low <= u_player(outcome) <= high``.

    Examples
    --------
    >>> print(payoff_bound("US", ("Hold", "Fight"), low=-5, high="-1/2", id="U3"))
    U3: -5 <= US's payoff at (Hold, Fight) <= -1/2
    """
    if low is None and high is None:
        raise AssumptionError("a payoff bound needs low, high or both")
    try:
        lo = None if low is None else _exact.to_number(low)
        hi = None if high is None else _exact.to_number(high)
    except InvalidNumberError as err:
        raise AssumptionError(f"bound: {err}") from None
    if lo is not None and hi is not None and lo > hi:
        raise AssumptionError(f"empty bound: low {low!r} > high {high!r}")
    return PayoffBound(player, _profile(outcome, "outcome"), lo, hi, id, statement, basis, quote)


def from_register(source: Any) -> tuple[Preference, ...]:
    """Ordinal statements of an assumption register (a game spec or its ``assumptions``).

    Each record needs ``player``, ``prefers`` (a profile: strategy labels, one per
    player) and ``over`` (one profile or a list of profiles; one statement is made
    for each); records without an ordinal part (purely
    textual modelling choices) are skipped. ``id``, ``statement``, ``basis`` and
    ``quote`` are kept for reports. Records may be objects or mappings; an optional
    ``strict`` (default ``True``) and ``by`` (margin) are honoured when present.

    Examples
    --------
    >>> recs = [{"id": "R1", "player": "Russia", "prefers": ["N", "C"], "over": ["O", "F"],
    ...          "statement": "Neutrality with ceasefire beats war", "quote": "..."},
    ...         {"id": "M1", "player": "US", "statement": "modelling choice"}]
    >>> [str(a) for a in from_register(recs)]
    ['R1: Russia prefers (N, C) to (O, F)']
    >>> len(from_register([{"player": "US", "prefers": ["a", "x"], "over": [["b", "x"], ["b", "y"]]}]))
    2
    """
    records = getattr(source, "assumptions", source)
    out = []
    for rec in records or ():
        if isinstance(rec, (Preference, PayoffBound)):
            out.append(rec)
            continue
        get = rec.get if isinstance(rec, dict) else (lambda k, d=None, r=rec: getattr(r, k, d))
        better, worse = get("prefers"), get("over")
        if better is None or not worse:
            continue
        # ``over`` is one profile or (as in game files) a list of profiles
        others = [worse] if all(isinstance(s, (str, int)) for s in worse) else list(worse)
        strict = get("strict", True)
        for other in others:
            out.append(
                prefers(
                    get("player"),
                    tuple(better),
                    over=tuple(other),
                    strict=True if strict is None else bool(strict),
                    by=get("by"),
                    id=get("id"),
                    statement=get("statement"),
                    basis=get("basis"),
                    quote=get("quote"),
                )
            )
    return tuple(out)


# -- resolving assumptions against a game --------------------------------------------


def _is_sequential(model: Any) -> bool:
    from .sequential import SequentialGame

    return isinstance(model, SequentialGame)


def _is_model(x: Any) -> bool:
    return isinstance(x, Game) or _is_sequential(x)


def _terminals(model: Any) -> list[tuple[int, tuple[str, ...]]]:
    """(position, history) of every terminal position of a sequential game, in position order."""
    from .sequential import Terminal

    return [(p.index, tuple(model.history(p.index))) for p in model.positions if isinstance(p.node, Terminal)]


def _outcome_classes(model: Any) -> tuple[list[int], list[tuple[str, ...]]]:
    """Per terminal (position order) the index of its outcome, and a name (a history) per outcome.

    Terminals the tree declares identical (the same ``outcome`` attributes, as valued
    compositions set them) are **one** outcome: a structural tie, which every completion
    values alike. Other terminals are outcomes of their own.
    """
    cache = getattr(model, "__dict__", {}).get("_outcome_classes")
    if cache is not None:
        return cache
    index: dict[Any, int] = {}
    of, names = [], []
    for pos, hist in _terminals(model):
        node = model.positions[pos].node
        key = node.outcome if getattr(node, "outcome", None) is not None else ("terminal", pos)
        if key not in index:
            index[key] = len(names)
            names.append(hist)
        of.append(index[key])
    model.__dict__["_outcome_classes"] = (of, names)
    return of, names


def _num_outcomes(model: Any) -> int:
    return len(_outcome_classes(model)[1]) if _is_sequential(model) else math.prod(model.shape)


def _outcome_index(game: Any, profile: Profile, a: Assumption) -> int:
    """Flat index of an outcome: a pure profile of a Game, or a terminal history of a SequentialGame."""
    if _is_sequential(game):
        hist = [h for _, h in _terminals(game)]
        try:
            return _outcome_classes(game)[0][hist.index(tuple(str(x) for x in profile))]
        except ValueError:
            shown = ", ".join(_fmt_profile(h) for h in hist[:6]) + (", ..." if len(hist) > 6 else "")
            raise AssumptionError(
                f"assumption {a}: {_fmt_profile(profile)} is not the history of a terminal; terminals are {shown}"
            ) from None
    try:
        idx = game.pure_profile(profile)
    except InvalidProfileError as err:
        raise AssumptionError(f"assumption {a}: {err}") from None
    return int(np.ravel_multi_index(idx, game.shape))


def _player_index(game: Any, a: Assumption) -> int:
    try:
        return game.player_index(a.player)
    except (InvalidProfileError, GameTheoryError) as err:
        raise AssumptionError(f"assumption {a}: {err}") from None


@dataclass(frozen=True)
class Violation:
    """One violated assumption and the payoffs that violate it."""

    assumption: Assumption
    values: tuple

    def __str__(self) -> str:
        a = self.assumption
        vals = " vs ".join(_exact.format_number(v) for v in self.values)
        label = str(a)
        return f"{label}: payoff{'s' if len(self.values) > 1 else ''} {vals}"


@dataclass(frozen=True)
class CheckReport:
    """Result of :func:`check`: the assumptions checked and those violated."""

    game: Game = field(repr=False)
    assumptions: tuple[Assumption, ...]
    violations: tuple[Violation, ...]

    @property
    def ok(self) -> bool:
        """``True`` when no assumption is violated."""
        return not self.violations

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        if self.ok:
            return f"all {len(self.assumptions)} assumptions hold"
        lines = [f"{len(self.violations)} of {len(self.assumptions)} assumptions violated:"]
        lines += [f"  {v}" for v in self.violations]
        return "\n".join(lines)


def check(game: Game, assumptions: Iterable[Assumption] | Any) -> CheckReport:
    """Check a game against payoff assumptions, reporting each violated one.

    Exact games are compared exactly; float games within ``game.tol``.

    Parameters
    ----------
    game : Game
    assumptions : iterable of Preference or PayoffBound, or a spec with an assumption register

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[2, 0]], [[1, 3]], players=("A", "B"), strategies=(("x",), ("l", "r")))
    >>> rep = check(g, [prefers("A", ("x", "l"), over=("x", "r"), by=3),
    ...                 payoff_bound("B", ("x", "r"), high=3)])
    >>> rep.ok, len(rep.violations)
    (False, 1)
    >>> print(rep.violations[0])
    A prefers (x, l) to (x, r) by at least 3: payoffs 2 vs 0
    """
    items = _as_assumptions(assumptions)
    if not isinstance(game, Game):
        raise NotSupportedError("check compares the payoffs of a normal-form Game")
    tol = game.tol
    bad = []
    for a in items:
        i = _player_index(game, a)
        if isinstance(a, Preference):
            u = game.payoffs[i].flat
            x, y = u[_outcome_index(game, a.better, a)], u[_outcome_index(game, a.worse, a)]
            diff = x - y
            ok = diff > tol if a.strict else diff >= -tol
            if ok and a.margin is not None:
                ok = diff >= a.margin - tol
            if not ok:
                bad.append(Violation(a, (x, y)))
        else:
            v = game.payoffs[i].flat[_outcome_index(game, a.profile, a)]
            if (a.low is not None and v < a.low - tol) or (a.high is not None and v > a.high + tol):
                bad.append(Violation(a, (v,)))
    return CheckReport(game, items, tuple(bad))


def _as_assumptions(assumptions: Any) -> tuple[Assumption, ...]:
    if assumptions is None:
        return ()
    if isinstance(assumptions, (Preference, PayoffBound)):
        return (assumptions,)
    if hasattr(assumptions, "assumptions") and not isinstance(assumptions, (list, tuple)):
        return from_register(assumptions)
    items = tuple(assumptions)
    if all(isinstance(a, (Preference, PayoffBound)) for a in items):
        return items
    return from_register(items)


def template_game(spec_or_game: Any) -> Any:
    """The model whose labels completions share: a Game or SequentialGame itself, or a spec built at its defaults.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.zero_sum([[1]])
    >>> template_game(g) is g
    True
    """
    if _is_model(spec_or_game):
        return spec_or_game
    build = getattr(spec_or_game, "build", None)
    if build is None:
        raise AssumptionError(f"expected a Game, a SequentialGame or a game spec, got {type(spec_or_game).__name__}")
    if getattr(spec_or_game, "composition", None) is not None:
        from .io.spec import _game_from

        return _game_from(spec_or_game, None)  # the tree at the default parameters
    try:
        game = build()
    except TypeError:
        params = {p.name: p.default for p in getattr(spec_or_game, "parameters", ())}
        game = build(params)
    if not _is_model(game):
        raise NotSupportedError(f"the spec builds a {type(game).__name__}, not a Game or SequentialGame")
    return game


# -- partial orders and their linear extensions ----------------------------------------


def preference_pairs(game: Any, assumptions: Any) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Per player, the ``(better, worse)`` pairs of flat outcome indices the ordinal assumptions impose.

    Outcomes are the pure profiles of a Game (row-major) or the terminal positions of a
    SequentialGame (in position order, named by their histories).

    Cardinal bounds add no pair (a margin's ordinal part, better over worse, does).
    Raises :class:`~gametheory.errors.AssumptionError` when a player's statements form a
    cycle, because then no strict ordering satisfies them.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.zero_sum([[0, 0], [0, 0]], players=("R", "C"), strategies=(("a", "b"), ("x", "y")))
    >>> preference_pairs(g, [prefers("R", ("a", "x"), over=("b", "y"))])
    (((0, 3),), ())
    >>> preference_pairs(g, [prefers("R", ("a", "x"), over=("b", "y")), prefers("R", ("b", "y"), over=("a", "x"))])
    Traceback (most recent call last):
    ...
    gametheory.errors.AssumptionError: the assumptions of R are cyclic: (a, x) > (b, y) > (a, x)
    """
    items = _as_assumptions(assumptions)
    pairs: list[list[tuple[int, int]]] = [[] for _ in range(game.num_players)]
    for a in items:
        if isinstance(a, Preference):
            i = _player_index(game, a)
            pair = (_outcome_index(game, a.better, a), _outcome_index(game, a.worse, a))
            if pair not in pairs[i]:
                pairs[i].append(pair)
    for i, ps in enumerate(pairs):
        cycle = _find_cycle(_num_outcomes(game), ps)
        if cycle:
            names = " > ".join(_fmt_profile(_labels_of(game, k)) for k in cycle)
            raise AssumptionError(f"the assumptions of {game.players[i]} are cyclic: {names}")
    return tuple(tuple(p) for p in pairs)


def _labels_of(game: Any, k: int) -> Profile:
    if _is_sequential(game):
        return _outcome_classes(game)[1][k]
    idx = np.unravel_index(k, game.shape)
    return tuple(game.strategies[j][int(s)] for j, s in enumerate(idx))


def _find_cycle(n: int, pairs: Sequence[tuple[int, int]]) -> list[int] | None:
    succ: dict[int, list[int]] = {}
    for b, w in pairs:
        succ.setdefault(b, []).append(w)
    state = [0] * n  # 0 new, 1 on stack, 2 done
    stack: list[int] = []

    def visit(v: int) -> list[int] | None:
        state[v] = 1
        stack.append(v)
        for w in succ.get(v, ()):
            if state[w] == 1:
                return stack[stack.index(w):] + [w]
            if state[w] == 0:
                found = visit(w)
                if found:
                    return found
        stack.pop()
        state[v] = 2
        return None

    for v in range(n):
        if state[v] == 0:
            found = visit(v)
            if found:
                return found
    return None


def _below_masks(n: int, pairs: Sequence[tuple[int, int]]) -> list[int]:
    # below[i]: outcomes that must rank under i (transitively closed on the fly by the DP)
    below = [0] * n
    for b, w in pairs:
        below[b] |= 1 << w
    return below


#: Largest number of partial-order states :func:`completions_count` explores before giving up.
MAX_COUNT_STATES = 300_000


def _count_extensions(n: int, below: list[int]) -> int | None:
    """Linear extensions by dynamic programming over down-sets (placed from worst to best)."""
    full = (1 << n) - 1
    memo: dict[int, int] = {full: 1}
    # iterative DFS to avoid deep recursion; states are down-sets reachable from the empty set
    order: list[int] = []
    seen = {0}
    frontier = [0]
    while frontier:
        s = frontier.pop()
        order.append(s)
        if len(seen) > MAX_COUNT_STATES:
            return None
        for i in range(n):
            bit = 1 << i
            if not s & bit and below[i] & ~s == 0:
                t = s | bit
                if t not in seen:
                    seen.add(t)
                    frontier.append(t)
    for s in sorted(order, key=lambda x: -bin(x).count("1")):
        if s == full:
            continue
        total = 0
        for i in range(n):
            bit = 1 << i
            if not s & bit and below[i] & ~s == 0:
                total += memo[s | bit]
        memo[s] = total
    return memo[0]


def _extensions(n: int, below: list[int], reverse: bool = False) -> Iterator[tuple[int, ...]]:
    """Every linear extension as a tuple of ranks (rank[k] in 1..n, n best); ``reverse`` tries outcomes backwards."""
    ranks = [0] * n
    order = range(n - 1, -1, -1) if reverse else range(n)

    def rec(s: int, r: int) -> Iterator[tuple[int, ...]]:
        if r > n:
            yield tuple(ranks)
            return
        for i in order:
            bit = 1 << i
            if not s & bit and below[i] & ~s == 0:
                ranks[i] = r
                yield from rec(s | bit, r + 1)

    yield from rec(0, 1)


def completions_count(spec_or_game: Any, assumptions: Any = None) -> tuple[int | None, ...]:
    """Per player, how many strict orderings of the outcomes satisfy the ordinal assumptions.

    ``None`` for a player whose count needs more than ``MAX_COUNT_STATES`` steps
    (it is then astronomically large unless the assumptions are very tight).

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.zero_sum([[0, 0], [0, 0]], players=("R", "C"), strategies=(("a", "b"), ("x", "y")))
    >>> completions_count(g, [prefers("R", ("a", "x"), over=("b", "y"))])  # 4!/2 and 4!
    (12, 24)
    """
    game = template_game(spec_or_game)
    if assumptions is None and not _is_model(spec_or_game):
        assumptions = spec_or_game
    n = _num_outcomes(game)
    return tuple(_count_extensions(n, _below_masks(n, ps)) for ps in preference_pairs(game, assumptions))


def rank_game(template: Any, ranks: Sequence[Sequence[int]]) -> Any:
    """The model with the template's labels whose payoffs are the given ranks (``1`` worst).

    For a Game, ``ranks[i]`` lists player ``i``'s payoffs in row-major profile order.
    For a SequentialGame, ``ranks[i]`` lists the payoffs at the terminals (in position
    order); stage payoffs are set to 0 and the discount to 1, so each play's total is its rank.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = rank_game(Game.zero_sum([[0, 0]]), [(2, 1), (1, 2)])
    >>> g.payoff_array(0).tolist()
    [[Fraction(2, 1), Fraction(1, 1)]]
    >>> from gametheory.sequential import Decision, SequentialGame
    >>> t = SequentialGame(Decision("A", {"x": {"A": 5, "B": 0}, "y": {"A": 0, "B": 5}}))
    >>> [[int(v) for _, v in p.node.payoffs] for p in rank_game(t, [(1, 2), (2, 1)]).positions[1:]]
    [[1, 2], [2, 1]]
    """
    if _is_sequential(template):
        return _rank_tree(template, ranks)
    arr = np.asarray(ranks, dtype=np.int64).reshape((template.num_players, *template.shape))
    return Game(arr, players=template.players, strategies=template.strategies, title=template.title)


def _rank_tree(seq: Any, ranks: Sequence[Sequence[int]]) -> Any:
    from .sequential import Chance, Decision, SequentialGame, Stage, Terminal

    positions = seq.positions
    of = _outcome_classes(seq)[0]
    term = {pos: of[k] for k, (pos, _) in enumerate(_terminals(seq))}  # identical outcomes share a rank
    players = seq.players

    def build(i: int) -> Any:
        p = positions[i]
        node = p.node
        if isinstance(node, Terminal):
            k = term[i]
            return Terminal({pl: int(ranks[j][k]) for j, pl in enumerate(players)}, label=node.label,
                            narration=node.narration, outcome=node.outcome)
        kids = [build(c) for c in p.children]
        if isinstance(node, Decision):
            return Decision(node.player, dict(zip(node.actions, kids)), label=node.label,
                            narration=dict(node.narration), infoset=node.infoset)
        if isinstance(node, Chance):
            return Chance({o: (pr, kid) for o, pr, kid in zip(node.outcomes, node.probabilities, kids)}, label=node.label)
        if isinstance(node, Stage):
            g = node.game
            zero = Game(np.zeros(g.payoffs.shape, dtype=np.int64), players=g.players, strategies=g.strategies, title=g.title)
            # a stage position has one child position per profile (row-major), even when
            # profiles share a continuation node; each gets its own rebuilt node here
            outcomes = {
                tuple(g.strategies[j][int(s)] for j, s in enumerate(prof)): kids[f]
                for f, prof in enumerate(np.ndindex(*g.shape))
            }
            return Stage(zero, outcomes, players=node.players, label=node.label,
                         infosets=dict(node.infosets) or None)
        raise NotSupportedError(f"unknown node type {type(node).__name__}")  # pragma: no cover

    return SequentialGame(build(0), players=players, title=seq.title, discount=1)


def completions(spec_or_game: Any, assumptions: Any = None, *, limit: int | None = 100_000) -> Iterator[Game]:
    """Every strict ordinal completion: one game per combination of the players' consistent orderings.

    Payoffs are ranks ``1..K`` (``K`` = number of outcomes, ``K`` best). Raises
    :class:`~gametheory.errors.AssumptionError` if there are more than ``limit`` (or
    uncountably many steps to count them).

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.zero_sum([[0, 0]], players=("R", "C"), strategies=(("a",), ("x", "y")))
    >>> [h.payoff_array("C").tolist() for h in completions(g, [prefers("R", ("a", "x"), over=("a", "y"))])]
    [[[Fraction(1, 1), Fraction(2, 1)]], [[Fraction(2, 1), Fraction(1, 1)]]]
    """
    game = template_game(spec_or_game)
    if assumptions is None and not _is_model(spec_or_game):
        assumptions = spec_or_game
    n = _num_outcomes(game)
    pairs = preference_pairs(game, assumptions)
    masks = [_below_masks(n, ps) for ps in pairs]
    counts = [_count_extensions(n, m) for m in masks]
    total = None if any(c is None for c in counts) else math.prod(counts)
    if limit is not None and (total is None or total > limit):
        raise AssumptionError(f"{'too many' if total is None else total} completions (limit {limit})")
    for combo in itertools.product(*[list(_extensions(n, m)) for m in masks]):
        yield rank_game(game, combo)


# -- robustness of a claim ---------------------------------------------------------------


@dataclass(frozen=True)
class RobustnessResult:
    """How often a claim holds over the payoff completions consistent with the assumptions.

    Attributes
    ----------
    claim : str
        Description of the claim.
    holds, checked : int
        Completions where the claim held / completions evaluated.
    total : int or None
        Number of consistent completions (``None`` when too many to count).
    exhaustive : bool
        ``True`` when every completion was evaluated: ``share`` is then exact.
    method : str
        ``"exhaustive enumeration"`` or a description of the hypothesis search.
    counterexamples : tuple of Game
        Completions where the claim fails (the first few; minimal after shrinking when sampled).
    completions_per_player : tuple of (player, count)
    assumptions : tuple
        The assumptions used.
    notes : tuple of str
    evaluated : int or None
        Games actually solved (fewer than ``checked`` when grouped by best responses).
    """

    claim: str
    holds: int
    checked: int
    total: int | None
    exhaustive: bool
    method: str
    counterexamples: tuple[Game, ...] = field(repr=False)
    completions_per_player: tuple[tuple[str, int | None], ...] = ()
    assumptions: tuple = field(default=(), repr=False)
    notes: tuple[str, ...] = ()
    evaluated: int | None = None

    @property
    def share(self) -> Fraction:
        """Fraction of evaluated completions where the claim holds (exact)."""
        return Fraction(self.holds, self.checked) if self.checked else Fraction(0)

    @property
    def robust(self) -> bool:
        """``True`` when the claim held in every evaluated completion (proof only if ``exhaustive``)."""
        return self.holds == self.checked and self.checked > 0

    def __str__(self) -> str:
        share = _exact.format_number(self.share)
        head = f"claim: {self.claim}\n  holds in {self.holds} of {self.checked} completions ({share}); {self.method}"
        per = ", ".join(f"{p} {'?' if c is None else c}" for p, c in self.completions_per_player)
        lines = [head, f"  consistent orderings per player: {per}"]
        if self.total is not None and not self.exhaustive:
            lines.append(f"  {self.total} completions in all; not every one was evaluated")
        for k, g in enumerate(self.counterexamples, 1):
            lines.append(f"  counterexample {k}:")
            lines += ["    " + ln for ln in str(g).splitlines()]
        lines += [f"  note: {t}" for t in self.notes]
        return "\n".join(lines)


def _describe(claim: Callable, description: str | None) -> str:
    if description:
        return description
    doc = (getattr(claim, "__doc__", None) or "").strip()
    if doc:
        return doc.splitlines()[0]
    return getattr(claim, "__name__", repr(claim))


def robustness(
    spec_or_game: Any,
    claim: Callable[[Any], bool],
    assumptions: Any = None,
    *,
    solver: Callable[[Game], Any] | None = None,
    description: str | None = None,
    max_completions: int = 5_000,
    samples: int = 300,
    max_counterexamples: int = 3,
    depends_on: str = "orderings",
) -> RobustnessResult:
    """Share of assumption-consistent payoff completions for which ``claim(solver(game))`` holds.

    Each player's payoffs are replaced by a strict ordering of the outcomes
    consistent with that player's ordinal assumptions (a linear extension of the
    partial order they define); every combination of the players' orderings is a
    *completion*, represented by the game whose payoffs are the ranks ``1..K``.

    When the number of completions (counted exactly by dynamic programming over
    down-sets) is at most ``max_completions``, every completion is evaluated and the
    share is exact. Otherwise ``samples`` completions are drawn with hypothesis
    (:func:`gametheory.strategies.games_satisfying`), any counterexample is shrunk
    to a minimal one, and the result says it was sampled (``exhaustive=False``):
    hypothesis examples are not a uniform sample, so that share is indicative only.

    Claims about pure equilibria and subgame-perfect play depend only on the
    orderings; claims about mixed-strategy probabilities depend on cardinal values
    and are evaluated at the rank representative only.

    For a :class:`~gametheory.sequential.SequentialGame` the outcomes are its terminal
    positions (named by their histories), except that terminals the tree declares
    identical (equal ``outcome`` attributes, as valued compositions set them) are one
    outcome and get the same rank in every completion (a structural tie, never broken);
    each completion puts the ranks at the terminals (stage payoffs 0, no discounting) and
    the default solver is :func:`gametheory.solve` (subgame-perfect equilibria, or
    sequential ones where the hidden information is nature's), so a claim can read the
    equilibrium path ("the path contains Ceasefire").

    Parameters
    ----------
    spec_or_game : Game, SequentialGame or game spec
        Supplies players, strategies (and, for a spec, the assumption register).
    claim : callable
        Predicate on the solver's result (a :class:`~gametheory.Solution`, or a
        sequential solution for a SequentialGame).
        Its docstring's first line (or ``description``) names it in reports.
    assumptions : iterable, optional
        Ordinal assumptions (default: the spec's register). Cardinal ones are refused.
    solver : callable, optional
        ``game -> result``; default :func:`gametheory.solve` (subgame-perfect equilibria
        for a SequentialGame, pure equilibria with ``depends_on="best_responses"``).
    max_completions, samples, max_counterexamples : int
    depends_on : {"orderings", "best_responses"}
        ``"best_responses"`` declares that the claim depends only on the players' pure
        best responses (e.g. it reads only the pure equilibria: the default solver is then
        :func:`~gametheory.pure_equilibria`). Completions are then grouped by their
        best-response structure (the top outcome of every line where only one player's
        strategy varies); each group is evaluated once at a representative and weighted by
        its exact number of completions, so games far too large to enumerate get an exact
        share. The declaration is spot-checked (not proved): in the first 25 groups a second,
        differently built member must give the same verdict, else :class:`~gametheory.errors.AssumptionError` is raised.

    Examples
    --------
    >>> from gametheory import Game, pure_equilibria
    >>> t = Game.zero_sum([[0, 0], [0, 0]], players=("US", "Russia"),
    ...                   strategies=(("Concede", "Hold"), ("Ceasefire", "Fight")))
    >>> A = [prefers("Russia", ("Concede", "Ceasefire"), over=("Concede", "Fight")),
    ...      prefers("Russia", ("Hold", "Ceasefire"), over=("Hold", "Fight")),
    ...      prefers("US", ("Hold", "Ceasefire"), over=("Concede", "Ceasefire"))]
    >>> def ceasefire(sol):
    ...     "every pure equilibrium has a ceasefire"
    ...     return all(eq.strategy("Russia") == {"Ceasefire": 1} for eq in sol)
    >>> r = robustness(t, ceasefire, A, solver=pure_equilibria)
    >>> r.exhaustive, r.total, r.holds, r.robust
    (True, 72, 72, True)
    >>> print(r)
    claim: every pure equilibrium has a ceasefire
      holds in 72 of 72 completions (1); exhaustive enumeration
      consistent orderings per player: US 12, Russia 6
    >>> r2 = robustness(t, ceasefire, A, depends_on="best_responses")
    >>> r2.holds, r2.checked, r2.evaluated
    (72, 72, 2)
    """
    game = template_game(spec_or_game)
    if assumptions is None and not _is_model(spec_or_game):
        assumptions = spec_or_game
    items = _as_assumptions(assumptions)
    cardinal = [a for a in items if isinstance(a, PayoffBound) or a.margin is not None]
    if cardinal:
        raise NotSupportedError(
            f"robustness enumerates ordinal completions; {len(cardinal)} cardinal assumption(s) "
            f"(e.g. {cardinal[0]}) need a hypothesis test over games_satisfying(..., cardinal=True)"
        )
    if depends_on not in ("orderings", "best_responses"):
        raise AssumptionError(f"depends_on must be 'orderings' or 'best_responses', not {depends_on!r}")
    if depends_on == "best_responses" and not isinstance(game, Game):
        raise NotSupportedError("depends_on='best_responses' needs a normal-form Game")
    if solver is None:
        if depends_on == "best_responses":
            from .solvers import pure_equilibria as solver
        elif _is_sequential(game):
            from .solvers import solve as solver  # subgame-perfect; sequential when nature hides draws
        else:
            from .solvers import solve as solver
    desc = _describe(claim, description)
    n = _num_outcomes(game)
    pairs = preference_pairs(game, items)
    masks = [_below_masks(n, ps) for ps in pairs]
    counts = [_count_extensions(n, m) for m in masks]
    per = tuple(zip(game.players, counts))
    total = None if any(c is None for c in counts) else math.prod(counts)
    notes = []
    if any(not a.strict for a in items):
        notes.append("weak preferences are strict in strict completions (ties are not enumerated)")
    if depends_on == "best_responses":
        return _by_best_responses(game, pairs, claim, solver, desc, total, per, items, max_counterexamples, notes)
    if total is not None and total <= max_completions:
        holds = checked = 0
        bad: list[Game] = []
        ext = [list(_extensions(n, m)) for m in masks]
        for combo in itertools.product(*ext):
            g = rank_game(game, combo)
            checked += 1
            if claim(solver(g)):
                holds += 1
            elif len(bad) < max_counterexamples:
                bad.append(g)
        return RobustnessResult(
            desc, holds, checked, total, True, "exhaustive enumeration", tuple(bad), per, items, tuple(notes), checked
        )
    return _sampled(game, items, claim, solver, desc, total, per, samples, max_counterexamples, notes)


def _sampled(game, items, claim, solver, desc, total, per, samples, max_counterexamples, notes) -> RobustnessResult:
    from hypothesis import HealthCheck, Phase, find, given, settings
    from hypothesis.errors import NoSuchExample

    from .strategies import games_satisfying

    strategy = games_satisfying(game, items)
    seen: dict[Game, bool] = {}

    @settings(
        max_examples=samples,
        database=None,
        deadline=None,
        derandomize=True,
        phases=(Phase.generate,),
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(g: Game) -> None:
        if g not in seen:
            seen[g] = bool(claim(solver(g)))

    run()
    holds = sum(seen.values())
    bad = [g for g, ok in seen.items() if not ok]
    if bad:
        try:
            minimal = find(
                strategy,
                lambda g: not claim(solver(g)),
                settings=settings(database=None, deadline=None, derandomize=True, max_examples=samples,
                                  suppress_health_check=list(HealthCheck)),
            )
            bad = [minimal] + [g for g in bad if g != minimal]
        except NoSuchExample:  # pragma: no cover - a failing example exists, find should see it too
            pass
    method = (
        f"sampled {len(seen)} distinct completions with hypothesis (not uniform; the share is indicative, "
        f"not a proof{'; counterexample shrunk to a minimal one' if bad else ''})"
    )
    return RobustnessResult(
        desc, holds, len(seen), total, False, method, tuple(bad[:max_counterexamples]), per, items, tuple(notes),
        len(seen),
    )


def _lines(shape: tuple[int, ...], i: int) -> list[list[int]]:
    """Flat outcome indices grouped by the other players' strategies (player ``i``'s lines)."""
    idx = np.arange(math.prod(shape)).reshape(shape)
    moved = np.moveaxis(idx, i, -1).reshape(-1, shape[i])
    return [list(map(int, row)) for row in moved]


def _best_response_groups(n: int, shape: tuple[int, ...], i: int, pairs: Sequence[tuple[int, int]]):
    """Player i's completions grouped by the top outcome of each line: (weight, representative, second)."""
    lines = _lines(shape, i)
    groups = []
    for tops in itertools.product(*lines):
        extra = [(t, x) for t, line in zip(tops, lines) for x in line if x != t]
        below = _below_masks(n, list(pairs) + extra)
        if _find_cycle(n, list(pairs) + extra):
            continue
        weight = _count_extensions(n, below)
        if weight is None:
            raise AssumptionError(f"too many orderings to count for {n} outcomes")
        if weight == 0:
            continue
        first = next(_extensions(n, below))
        # a member built in the opposite order, as different from the first as cheaply possible
        second = next(_extensions(n, below, reverse=True)) if weight > 1 else None
        groups.append((weight, first, second))
    return groups


def _by_best_responses(game, pairs, claim, solver, desc, total, per, items, max_counterexamples, notes):
    n = math.prod(game.shape)
    groups = [_best_response_groups(n, game.shape, i, ps) for i, ps in enumerate(pairs)]
    for (player, count), g in zip(per, groups):
        if count is not None and sum(w for w, _, _ in g) != count:  # pragma: no cover - internal consistency
            raise AssumptionError(f"best-response groups of {player} do not add up to its {count} orderings")
    holds = checked = evaluated = 0
    bad: list[Game] = []
    spot_checks = 0
    for combo in itertools.product(*groups):
        weight = math.prod(w for w, _, _ in combo)
        g = rank_game(game, [first for _, first, _ in combo])
        ok = bool(claim(solver(g)))
        evaluated += 1
        if spot_checks < 25 and any(second is not None for _, _, second in combo):
            other = rank_game(game, [second if second is not None else first for _, first, second in combo])
            if bool(claim(solver(other))) != ok:
                raise AssumptionError(
                    "the claim is not determined by best responses alone (two completions with the same "
                    "best responses disagree); use depends_on='orderings'"
                )
            spot_checks += 1
        checked += weight
        if ok:
            holds += weight
        elif len(bad) < max_counterexamples:
            bad.append(g)
    method = (
        f"exhaustive: {evaluated} best-response classes evaluated, each weighted by its number of completions"
    )
    return RobustnessResult(desc, holds, checked, total, True, method, tuple(bad), per, items, tuple(notes), evaluated)
