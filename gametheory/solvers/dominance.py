"""Iterated elimination of dominated strategies, by pure and by mixed strategies.

A strategy ``s`` of player ``i`` is *strictly dominated* by a mixed strategy
``σ`` of the same player when ``σ`` pays more than ``s`` against every pure
profile of the other players; *weakly dominated* when it pays at least as much
everywhere and more somewhere. Against every pure profile means against every
mixed (even correlated) play of the others too, so a strictly dominated
strategy is never a best response and can be deleted.

Domination by a pure strategy is checked first, on the whole payoff array at
once; domination by a mixture is a linear program solved with HiGHS. For exact
games the dominating mixture is then derived again in rational arithmetic and
verified exactly: a domination is never reported unless it has been checked.

Examples
--------
>>> from gametheory import Game
>>> g = Game.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [0, 0]],
...                        players=("Row", "Col"), strategies=(("T", "B", "M"), ("L", "R")))
>>> res = iterated_elimination(g)
>>> print(res)
iterated_elimination (strict dominance, pure and mixed; exact): 1 strategy eliminated in 1 round
  round 1: Row eliminates M, strictly dominated by T 1/2, B 1/2 (margin 1/2)
  remaining: Row: T, B; Col: L, R
"""

from __future__ import annotations

import html as _html
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterator, Mapping

import numpy as np

from .. import exact as _exact
from ..errors import SolverError
from ..game import Game
from ._checks import check_game as _check_game
from ..solution import package_version
from ._exact_lp import basis_from_highs, exact_game, float_game_value, highs_game, highs_max, simplex_max

__all__ = ["Elimination", "EliminationResult", "iterated_elimination", "dominated_by"]

# HiGHS answers within this relative distance of a tie are re-decided exactly (exact games).
_BORDER = 1e-7


@dataclass(frozen=True)
class Elimination:
    """One eliminated strategy and the certificate for its elimination.

    Attributes
    ----------
    round : int
        Round of elimination (1 = in the original game).
    player : str
        The player's label.
    strategy : str
        The eliminated strategy's label.
    dominator : tuple of (str, number)
        The dominating strategy as ``(label, probability)`` pairs with positive
        probability; one pair with probability 1 for a pure dominator.
    margin : number
        The smallest payoff advantage of the dominator over the eliminated
        strategy across the others' remaining pure profiles: positive for strict
        dominance, 0 for weak dominance.
    strict : bool
        ``True`` for strict dominance, ``False`` for weak.
    """

    round: int
    player: str
    strategy: str
    dominator: tuple[tuple[str, Any], ...]
    margin: Any
    strict: bool

    @property
    def dominated_by(self) -> str | Mapping[str, Any]:
        """The pure dominating strategy's label, or ``{label: probability}`` for a mixture.

        Examples
        --------
        >>> from gametheory import Game
        >>> g = Game.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[0, 0]] * 3, strategies=(("T", "B", "M"), ("L", "R")))
        >>> iterated_elimination(g).eliminations[0].dominated_by
        {'T': Fraction(1, 2), 'B': Fraction(1, 2)}
        """
        if len(self.dominator) == 1:
            return self.dominator[0][0]
        return dict(self.dominator)

    @property
    def pure(self) -> bool:
        """``True`` when the dominator is a pure strategy."""
        return len(self.dominator) == 1

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "round": self.round,
            "player": self.player,
            "strategy": self.strategy,
            "dominated_by": {s: _exact.json_number(p) for s, p in self.dominator},
            "margin": _exact.json_number(self.margin),
            "strict": self.strict,
        }

    def dominator_text(self) -> str:
        """The dominator as text: ``"T"`` or ``"T 1/2, B 1/2"``."""
        if self.pure:
            return self.dominator[0][0]
        return ", ".join(f"{s} {_exact.format_number(p)}" for s, p in self.dominator)

    def __str__(self) -> str:
        kind = "strictly" if self.strict else "weakly"
        return (
            f"round {self.round}: {self.player} eliminates {self.strategy}, {kind} dominated by "
            f"{self.dominator_text()} (margin {_exact.format_number(self.margin)})"
        )


@dataclass(frozen=True)
class EliminationResult:
    """Result of :func:`iterated_elimination`: the reduced game and the elimination record.

    Attributes
    ----------
    game : Game
        The original game.
    reduced : Game
        The game left when no strategy is dominated any more.
    eliminations : tuple of Elimination
        In order of elimination.
    strict, mixed : bool
        The kind of dominance used, and whether mixtures could dominate.
    exact : bool
        Whether every domination was verified in exact arithmetic.
    """

    game: Game = field(repr=False)
    reduced: Game = field(repr=False)
    eliminations: tuple[Elimination, ...]
    strict: bool
    mixed: bool
    exact: bool
    elapsed: float = 0.0
    version: str = field(default_factory=package_version)
    method: str = "iterated_elimination"

    @property
    def rounds(self) -> int:
        """Number of rounds in which something was eliminated."""
        return max((e.round for e in self.eliminations), default=0)

    @property
    def remaining(self) -> tuple[tuple[str, ...], ...]:
        """The surviving strategy labels of each player."""
        return self.reduced.strategies

    @property
    def solved(self) -> bool:
        """``True`` when every player is left with a single strategy (dominance solvable)."""
        return all(n == 1 for n in self.reduced.shape)

    def __iter__(self) -> Iterator[Elimination]:
        return iter(self.eliminations)

    def __len__(self) -> int:
        return len(self.eliminations)

    def _head(self) -> str:
        kind = "strict" if self.strict else "weak"
        how = "pure and mixed" if self.mixed else "pure only"
        n = len(self.eliminations)
        return (
            f"{self.method} ({kind} dominance, {how}; {'exact' if self.exact else 'float'}): "
            f"{n} strateg{'y' if n == 1 else 'ies'} eliminated in {self.rounds} round{'' if self.rounds == 1 else 's'}"
        )

    def __str__(self) -> str:
        lines = [self._head()]
        lines += [f"  {e}" for e in self.eliminations]
        remain = "; ".join(f"{p}: {', '.join(s)}" for p, s in zip(self.reduced.players, self.reduced.strategies))
        lines.append(f"  remaining: {remain}")
        if not self.strict:
            lines.append("  note: with weak dominance the result can depend on the order of elimination")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "title": self.game.title,
            "method": self.method,
            "parameters": {"strict": self.strict, "mixed": self.mixed},
            "exact": self.exact,
            "eliminations": [e.to_dict() for e in self.eliminations],
            "remaining": {p: list(s) for p, s in zip(self.reduced.players, self.reduced.strategies)},
            "elapsed": self.elapsed,
            "version": self.version,
        }

    def _repr_html_(self) -> str:
        e = _html.escape
        rows = "".join(
            f"<tr><td>{x.round}</td><td>{e(x.player)}</td><td>{e(x.strategy)}</td>"
            f"<td>{'strictly' if x.strict else 'weakly'} by {e(x.dominator_text())}</td>"
            f"<td>{_exact.format_number(x.margin)}</td></tr>"
            for x in self.eliminations
        )
        table = (
            "<table><tr><th>round</th><th>player</th><th>eliminated</th><th>dominated</th><th>margin</th></tr>"
            f"{rows}</table>"
            if self.eliminations
            else "<div><i>no strategy is dominated</i></div>"
        )
        return f"<div><small>{e(self._head())}</small></div>{table}<div>reduced game:</div>{self.reduced._repr_html_()}"


# -- the dominance tests --------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    weights: dict[int, Any]  # row index -> probability
    margin: Any
    strict: bool


def _pure(U: np.ndarray, C: np.ndarray, s: int, T: list[int], strict: bool, tol: float) -> _Found | None:
    D = C[T] - C[s]
    if tol:
        ok = (D > tol).all(axis=1) if strict else (D >= -tol).all(axis=1) & (D > tol).any(axis=1)
    else:
        ok = (D > 0).all(axis=1) if strict else (D >= 0).all(axis=1) & (D > 0).any(axis=1)
    if not ok.any():
        return None
    # among the pure dominators, the one with the largest smallest advantage (then the first)
    cand = [k for k in range(len(T)) if ok[k]]
    best = max(cand, key=lambda k: (D[k].min(), -k))
    t = T[best]
    return _Found({t: Fraction(1) if tol == 0 else 1.0}, min((U[t] - U[s]).tolist()), strict)


def _strict_mixed(U: np.ndarray, s: int, T: list[int], exact: bool, tol: float) -> tuple[_Found | None, Any]:
    """Strict domination of row ``s`` by a mixture of rows ``T``: the value of the matrix game ``U[T] - U[s]``.

    Returns the domination (if any) and the value (exact, or float) for the weak test.
    """
    G = U[T] - U[s]
    Gf = np.asarray(G, dtype=float)
    scale = float(np.abs(Gf).max()) or 1.0
    res, hint = highs_game(Gf)
    x, _, low, high = float_game_value(Gf, res)
    if exact:
        if high < -_BORDER * scale:
            return None, high  # clearly negative: the column player's strategy certifies it in floats
        sol = exact_game(G, hint)
        if sol.value > 0:
            return _Found({T[k]: p for k, p in enumerate(sol.row) if p}, sol.value, True), sol.value
        return None, sol.value
    if low > tol:
        return _Found({T[k]: float(p) for k, p in enumerate(x) if p > 0}, low, True), low
    return None, high


def _weak_mixed(U: np.ndarray, s: int, T: list[int], exact: bool, tol: float) -> _Found | None:
    """Weak domination: ``max sum_c (σ@G)_c  s.t.  σ@G >= 0, sum σ <= 1, σ >= 0``, positive optimum."""
    G = U[T] - U[s]
    k, n = G.shape
    Gf = np.asarray(G, dtype=float)
    scale = float(np.abs(Gf).max()) or 1.0
    A = np.vstack([-Gf.T / scale, np.ones((1, k))])
    b = np.zeros(n + 1)
    b[-1] = 1.0
    r = Gf.sum(axis=1) / scale
    res = highs_max(A, b, r)
    opt = -res.fun if res.status == 0 else float("inf")
    if exact:
        # decided exactly every time: this test only runs when the strict value is exactly 0
        hint = basis_from_highs(res, k, n + 1) if res.status == 0 else []
        Aq = [[-G[t, c] for t in range(k)] for c in range(n)] + [[Fraction(1)] * k]
        bq = [Fraction(0)] * n + [Fraction(1)]
        rq = [sum(G[t].tolist(), Fraction(0)) for t in range(k)]
        lp = simplex_max(Aq, bq, rq, basis_hint=hint)
        if lp.status != "optimal" or lp.value <= 0:
            return None
        sigma = lp.x
        gains = [sum((sigma[t] * G[t, c] for t in range(k)), Fraction(0)) for c in range(n)]
        if sum(sigma) != 1 or min(gains) < 0 or max(gains) <= 0:
            raise SolverError("exact weak-dominance certificate failed verification (a bug)")
        return _Found({T[t]: p for t, p in enumerate(sigma) if p}, min(gains), False)
    if res.status != 0 or opt <= 0:
        return None
    sigma = np.clip(res.x, 0, None)
    if sigma.sum() <= 0:
        return None
    sigma /= sigma.sum()
    gains = sigma @ Gf
    if gains.min() >= -tol and gains.max() > tol:
        return _Found({T[t]: float(p) for t, p in enumerate(sigma) if p > 0}, float(gains.min()), False)
    return None


def _dominator(
    U: np.ndarray, C: np.ndarray, s: int, T: list[int], *, strict: bool, mixed: bool, exact: bool, tol: float
) -> _Found | None:
    """Whether row ``s`` of the player's matrix is dominated by a (mixture of) rows ``T``."""
    if not T:
        return None
    found = _pure(U, C, s, T, True, tol)
    if found:
        return found
    value: Any = None
    if mixed and len(T) > 1:
        found, value = _strict_mixed(U, s, T, exact, tol)
        if found:
            return found
    if strict:
        return None
    found = _pure(U, C, s, T, False, tol)
    if found:
        return found
    if mixed and len(T) > 1 and (value >= 0 if exact else value >= -tol):
        return _weak_mixed(U, s, T, exact, tol)
    return None


def dominated_by(game: Game, player: int | str, strategy: int | str, *, strict: bool = True, mixed: bool = True) -> dict[str, Any] | None:
    """The (mixed) strategy dominating ``strategy`` in ``game``, or ``None`` if it is not dominated.

    Parameters
    ----------
    game : Game
    player, strategy : int or str
        The player and the strategy to test, by label or index.
    strict : bool
        Strict dominance (default) or weak dominance (strict dominance also counts).
    mixed : bool
        Whether mixtures of the player's other strategies may dominate.

    Returns
    -------
    dict or None
        ``{label: probability}`` of a verified dominating strategy.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[0, 0]] * 3, strategies=(("T", "B", "M"), ("L", "R")))
    >>> dominated_by(g, 0, "M")
    {'T': Fraction(1, 2), 'B': Fraction(1, 2)}
    >>> dominated_by(g, 0, "M", mixed=False) is None
    True
    """
    _check_game(game)
    i = game.player_index(player)
    s = game.strategy_index(i, strategy)
    U = np.moveaxis(game.payoffs[i], i, 0).reshape(game.shape[i], -1)
    C = np.moveaxis(game.comparable_payoffs[i], i, 0).reshape(game.shape[i], -1)
    T = [t for t in range(game.shape[i]) if t != s]
    found = _dominator(U, C, s, T, strict=strict, mixed=mixed, exact=game.exact, tol=game.tol)
    if found is None:
        return None
    return {game.strategies[i][t]: p for t, p in sorted(found.weights.items())}


def iterated_elimination(game: Game, *, strict: bool = True, mixed: bool = True) -> EliminationResult:
    """Iterated elimination of dominated strategies, by pure and by mixed strategies.

    In each round every player's strategies are tested in the game that
    survived the previous rounds, against all pure profiles of the others'
    surviving strategies, and all dominated strategies of all players are
    removed together. Each recorded dominator uses only strategies that survive
    the round. Rounds repeat until nothing is dominated.

    With ``strict=True`` the surviving game does not depend on the order of
    elimination (Gilboa, Kalai & Zemel 1990), no Nash equilibrium is lost, and
    every pure equilibrium survives. With ``strict=False`` strategies are
    removed when *weakly* dominated (strict dominance is recorded as such when it
    holds); the result then **depends on the order** of elimination and Nash
    equilibria can be lost. This function uses the maximal simultaneous order:
    every weakly dominated strategy of every player is removed in each round.

    Parameters
    ----------
    game : Game
        Any number of players, exact or float (float games compare with ``game.tol``).
    strict : bool, default True
        Strict (default) or weak dominance.
    mixed : bool, default True
        Whether mixed strategies may dominate (else only pure strategies).

    Returns
    -------
    EliminationResult
        The reduced game and the elimination record (round, player, strategy,
        dominator, margin). For exact games every domination has been verified in
        rational arithmetic.

    References
    ----------
    Myerson, R. B. (1991). *Game Theory: Analysis of Conflict*, §3.1. Harvard UP.
    Osborne, M. J. & Rubinstein, A. (1994). *A Course in Game Theory*, §4.2. MIT Press.
    Gilboa, I., Kalai, E. & Zemel, E. (1990). On the order of eliminating dominated
    strategies. *Operations Research Letters* 9(2), 85–89.

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "Russia"),
    ...                         strategies=(("C", "D"), ("C", "D")))
    >>> res = iterated_elimination(pd)
    >>> res.solved, res.remaining
    (True, (('D',), ('D',)))
    >>> [str(e) for e in res]
    ['round 1: US eliminates C, strictly dominated by D (margin 1)', 'round 1: Russia eliminates C, strictly dominated by D (margin 1)']
    >>> weak = Game.from_bimatrix([[1, 1], [1, 0]], [[1, 1], [1, 0]])
    >>> iterated_elimination(weak).remaining, iterated_elimination(weak, strict=False).remaining
    ((('1', '2'), ('1', '2')), (('1',), ('1',)))
    """
    _check_game(game)
    started = time.perf_counter()
    N = game.num_players
    tol = game.tol
    remaining = [list(range(n)) for n in game.shape]
    record: list[Elimination] = []
    payoffs, comparable = game.payoffs, game.comparable_payoffs
    round_no = 0
    while True:
        round_no += 1
        grid = np.ix_(range(N), *remaining)
        sub, subc = payoffs[grid], comparable[grid]
        removals: list[tuple[int, list[int]]] = []
        for i in range(N):
            R = remaining[i]
            if len(R) == 1:
                continue
            U = np.moveaxis(sub[i], i, 0).reshape(len(R), -1)
            C = np.moveaxis(subc[i], i, 0).reshape(len(R), -1)
            opts = dict(strict=strict, mixed=mixed, exact=game.exact, tol=tol)
            found = {}
            for a in range(len(R)):
                f = _dominator(U, C, a, [b for b in range(len(R)) if b != a], **opts)
                if f:
                    found[a] = f
            if not found:
                continue
            keep = [b for b in range(len(R)) if b not in found]
            if not keep:
                raise SolverError(f"every strategy of {game.players[i]} looked dominated (a bug)")
            for a, f in found.items():
                if not set(f.weights) <= set(keep):
                    # re-derive the dominator from the round's survivors (always possible; see docstring)
                    f2 = _dominator(U, C, a, keep, **opts)
                    if f2 is None:
                        raise SolverError(f"no surviving dominator for {game.strategies[i][R[a]]} (a bug)")
                    f = f2
                labels = game.strategies[i]
                record.append(
                    Elimination(
                        round=round_no,
                        player=game.players[i],
                        strategy=labels[R[a]],
                        dominator=tuple((labels[R[t]], p) for t, p in sorted(f.weights.items())),
                        margin=f.margin,
                        strict=f.strict,
                    )
                )
            removals.append((i, [R[a] for a in found]))
        if not removals:
            break
        for i, gone in removals:
            remaining[i] = [s for s in remaining[i] if s not in gone]
    reduced = game.restrict(remaining) if any(len(r) < n for r, n in zip(remaining, game.shape)) else game
    return EliminationResult(
        game=game,
        reduced=reduced,
        eliminations=tuple(record),
        strict=strict,
        mixed=mixed,
        exact=game.exact,
        elapsed=time.perf_counter() - started,
    )
