"""Frozen result types: :class:`Equilibrium` and :class:`Solution`.

Every solver returns a :class:`Solution`: the game, the method and its
parameters, the equilibria found, whether they are *all* of them
(``complete``), whether arithmetic was exact, the time taken and the package
version. Each :class:`Equilibrium` carries its certificate, the maximum regret,
which is exactly 0 for exact games.

Examples
--------
>>> from gametheory import Game, pure_equilibria
>>> sol = pure_equilibria(Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                                          strategies=(("C", "D"), ("C", "D"))))
>>> print(sol)
pure_equilibria: 1 equilibrium (complete, exact)
  1. Player 1: D; Player 2: D  payoffs (1, 1)  regret 0
>>> eq = sol[0]
>>> eq.pure, eq.payoffs, eq.regret
(True, (Fraction(1, 1), Fraction(1, 1)), Fraction(0, 1))
"""

from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterator, Mapping, Sequence

import numpy as np

from . import exact as _exact
from .errors import InvalidProfileError, SolverError
from .game import Game
from .profiles import MixedProfile, expected_payoffs, format_profile, regrets, supports

__all__ = [
    "Equilibrium",
    "Component",
    "Solution",
    "make_equilibrium",
    "make_solution",
    "make_pure_solution",
    "package_version",
]


@functools.lru_cache(maxsize=None)
def package_version() -> str:
    """The installed version of gametheory (``"unknown"`` when not installed); looked up once."""
    from importlib import metadata  # deferred: ~15 ms at import time

    try:
        return metadata.version("gametheory")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


@dataclass(frozen=True)
class Equilibrium:
    """One equilibrium: the profile, payoffs, supports and the regret certificate.

    Attributes
    ----------
    game : Game
        The game it belongs to (for labels).
    profile : tuple of tuple
        One probability vector per player.
    payoffs : tuple
        Expected payoff of each player.
    supports : tuple of tuple of int
        Indices of the strategies played with positive probability.
    regret : number
        Maximum gain of any player from deviating; exactly 0 for exact games.
    """

    game: Game = field(repr=False, compare=False)
    profile: MixedProfile
    payoffs: tuple
    supports: tuple[tuple[int, ...], ...]
    regret: Any

    @property
    def pure(self) -> bool:
        """``True`` when every player plays one strategy."""
        return all(len(s) == 1 for s in self.supports)

    def strategy(self, player: int | str) -> dict[str, Any]:
        """``{strategy label: probability}`` of one player (positive probabilities only).

        Examples
        --------
        >>> from gametheory import Game, solve
        >>> eq = solve(Game.from_bimatrix([[1, 0]], [[0, 1]], players=("R", "C")))[0]
        >>> eq.strategy("C")
        {'2': Fraction(1, 1)}
        """
        i = self.game.player_index(player)
        return {self.game.strategies[i][k]: self.profile[i][k] for k in self.supports[i]}

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """``{player: {strategy: probability}}`` with labels (positive probabilities only)."""
        return {p: self.strategy(i) for i, p in enumerate(self.game.players)}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: numbers as ``"p/q"`` strings when exact, floats otherwise."""
        return {
            "profile": {
                p: {self.game.strategies[i][k]: _exact.json_number(self.profile[i][k]) for k in self.supports[i]}
                for i, p in enumerate(self.game.players)
            },
            "payoffs": {p: _exact.json_number(v) for p, v in zip(self.game.players, self.payoffs)},
            "regret": _exact.json_number(self.regret),
        }

    def __str__(self) -> str:
        pay = ", ".join(_exact.format_number(v) for v in self.payoffs)
        return f"{format_profile(self.game, self.profile)}  payoffs ({pay})  regret {_exact.format_number(self.regret)}"


@dataclass(frozen=True)
class Component:
    """A maximal convex set of equilibria, given by its extreme equilibria.

    For a two-player game a component is a union of products ``X × Y`` of convex
    hulls of extreme equilibrium strategies (maximal Nash subsets). ``points`` holds,
    per player, the distinct extreme mixed strategies occurring in the component;
    ``subsets`` lists the maximal Nash subsets as pairs of index tuples into
    ``points[0]`` and ``points[1]``; ``description`` says it in words, e.g.
    ``"Row plays T; Column mixes l with any probability in [2/3, 1] (r otherwise)"``.
    """

    extreme: tuple[Equilibrium, ...]
    subsets: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = ()
    points: tuple[tuple[tuple, ...], ...] = ()
    description: str = ""

    @property
    def isolated(self) -> bool:
        """``True`` when the component is a single equilibrium."""
        return len(self.extreme) == 1


@dataclass(frozen=True)
class Solution:
    """The result of a solver.

    Attributes
    ----------
    game : Game
        The game solved.
    method : str
        Name of the solver function.
    equilibria : tuple of Equilibrium
        Each verified before being returned; no duplicates.
    complete : bool
        ``True`` when ``equilibria`` are all the equilibria the method claims to find
        (e.g. every pure equilibrium; every extreme equilibrium).
    exact : bool
        ``True`` when arithmetic was exact (rational).
    parameters : mapping
        The solver's parameters (tolerance, options).
    elapsed : float
        Seconds spent.
    version : str
        Package version that produced it.
    components : tuple of Component
        Equilibrium components, when the solver computes them.
    notes : tuple of str
        Plain-language remarks (degeneracy, incompleteness, ...).
    """

    game: Game = field(repr=False)
    method: str
    equilibria: tuple[Equilibrium, ...]
    complete: bool
    exact: bool
    parameters: Mapping[str, Any] = field(default_factory=dict)
    elapsed: float = 0.0
    version: str = field(default_factory=package_version)
    components: tuple[Component, ...] = ()
    notes: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, k: int) -> Equilibrium:
        return self.equilibria[k]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary (the ``gametheory solve --format json`` contract).

        Examples
        --------
        >>> from gametheory import Game, pure_equilibria
        >>> d = pure_equilibria(Game.from_bimatrix([[1]], [[2]], players=("A", "B"))).to_dict()
        >>> d["equilibria"][0]["payoffs"], d["complete"], d["exact"]
        ({'A': '1', 'B': '2'}, True, True)
        """
        g = self.game
        return {
            "title": g.title,
            "players": list(g.players),
            "strategies": {p: list(s) for p, s in zip(g.players, g.strategies)},
            "method": self.method,
            "parameters": {k: _jsonable(v) for k, v in self.parameters.items()},
            "exact": self.exact,
            "complete": self.complete,
            "equilibria": [e.to_dict() for e in self.equilibria],
            "components": [
                {
                    "extreme": [self.equilibria.index(e) if e in self.equilibria else e.to_dict() for e in c.extreme],
                    "subsets": [[list(xs), list(ys)] for xs, ys in c.subsets],
                    "description": c.description,
                }
                for c in self.components
            ],
            "notes": list(self.notes),
            "elapsed": self.elapsed,
            "version": self.version,
        }

    def to_json(self, file: Any = None, *, source: Any = None, parameters: Mapping[str, Any] | None = None) -> str:
        """The provenance record as JSON (see :func:`gametheory.provenance.result_to_json`).

        Records the package version, method and its parameters, the game's title and
        canonical form with its SHA-256 (and the source file's, given ``source``),
        ``parameters`` (the model's parameter values) and a timestamp; written to
        ``file`` when given. :func:`gametheory.load_result` reads it back and re-verifies it.

        Examples
        --------
        >>> from gametheory import Game, pure_equilibria, load_result
        >>> sol = pure_equilibria(Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
        >>> load_result(sol.to_json()).equilibria == sol.equilibria
        True
        """
        from .provenance import result_to_json

        return result_to_json(self, file, source=source, parameters=parameters)

    def __str__(self) -> str:
        n = len(self.equilibria)
        head = (
            f"{self.method}: {n} equilibri{'um' if n == 1 else 'a'} "
            f"({'complete' if self.complete else 'not necessarily complete'}, {'exact' if self.exact else 'float'})"
        )
        lines = [head] + [f"  {k + 1}. {e}" for k, e in enumerate(self.equilibria)]
        lines += [f"  continuum: {c.description}" for c in self.components if not c.isolated and c.description]
        lines += [f"  note: {t}" for t in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from .display.html import solution_html

        return solution_html(self)

    def _repr_latex_(self) -> str:
        from .display.latex import solution_latex

        return solution_latex(self)


def _jsonable(v: Any) -> Any:
    if isinstance(v, (str, bool, int, float)) or v is None:
        return v
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, Mapping):
        return {str(k): _jsonable(x) for k, x in v.items()}
    return _exact.json_number(v) if not isinstance(v, str) else v


def make_equilibrium(game: Game, profile: MixedProfile, tol: float | None = None) -> Equilibrium:
    """Verify a profile and wrap it as an :class:`Equilibrium` (raise if it is not one).

    For exact games the regret must be exactly 0; for float games at most ``tol``
    (default ``game.tol``).

    Raises
    ------
    SolverError
        If the profile is not an equilibrium: a solver bug, never returned silently.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.zero_sum([[1, -1], [-1, 1]])
    >>> make_equilibrium(g, ((1, 0), (1, 0)))
    Traceback (most recent call last):
    ...
    gametheory.errors.SolverError: not an equilibrium (regret 2): Player 1: 1; Player 2: 1
    """
    tol = game.tol if tol is None else tol
    _check_distributions(game, profile, tol)
    if game.exact and game.num_players == 2:
        fast = _exact_bimatrix_equilibrium(game, profile)
        if fast is not None:
            return fast
    r = regrets(game, profile)
    if game.exact and all(isinstance(v, Fraction) for v in r):
        ok = all(v <= tol for v in r)
    else:
        # Float regrets are compared with the tolerance scaled to each player's payoffs (a game in
        # units of 10^8 has rounding errors of that order); `not <=` also refuses NaN.
        scales = payoff_scales(game)
        ok = all(float(v) <= tol * s for v, s in zip(r, scales))
    worst = max(r)
    if not ok:
        raise SolverError(f"not an equilibrium (regret {_exact.format_number(worst)}): {format_profile(game, profile)}")
    support_tol = 0.0 if game.exact else tol
    return Equilibrium(
        game=game,
        profile=profile,
        payoffs=expected_payoffs(game, profile),
        supports=supports(profile, support_tol),
        regret=worst,
    )



def payoff_scales(game: Game) -> tuple[float, ...]:
    """Per player ``max(1, max |payoff|)``: the unit in which float tolerances are applied.

    Examples
    --------
    >>> from gametheory import Game
    >>> payoff_scales(Game.from_bimatrix([[1e8, 0.0]], [[0.5, -2.0]]))
    (100000000.0, 2.0)
    """
    cached = game.__dict__.get("_tolerance_scales")
    if cached is None:
        cached = tuple(max(1.0, float(np.max(np.abs(game.payoffs[i].astype(float))))) if game.payoffs[i].size else 1.0
                       for i in range(game.num_players))
        game.__dict__["_tolerance_scales"] = cached
    return cached


def _check_distributions(game: Game, profile: MixedProfile, tol: float) -> None:
    """Each player's strategy is a probability vector of the right length: finite, non-negative, sum 1.

    Exactly for exact profiles; within ``tol`` (per entry, and ``tol`` times the length for the sum)
    for float ones. A saved result with probabilities summing to 2, or NaN, is refused here.
    """
    if not isinstance(profile, (tuple, list)) or len(profile) != game.num_players:
        raise InvalidProfileError(f"a profile has one strategy per player ({game.num_players})")
    for i, vec in enumerate(profile):
        who = game.players[i]
        if not isinstance(vec, (tuple, list, np.ndarray)) or len(vec) != game.shape[i]:
            raise InvalidProfileError(f"{who} has {game.shape[i]} strategies; the profile gives another length")
        if all(type(p) is Fraction or type(p) is int for p in vec):
            if any(p < 0 for p in vec):
                raise InvalidProfileError(f"negative probability in the strategy of {who}")
            total = sum(vec)
            if total != 1:
                raise InvalidProfileError(f"probabilities of {who} sum to {_exact.format_number(total)}, not 1")
            continue
        try:
            arr = np.asarray([float(p) for p in vec], dtype=float)
        except (TypeError, ValueError, OverflowError):
            raise InvalidProfileError(f"the strategy of {who} is not a vector of numbers") from None
        if not np.all(np.isfinite(arr)):
            raise InvalidProfileError(f"the strategy of {who} has a probability that is not finite")
        if np.any(arr < -tol):
            raise InvalidProfileError(f"negative probability in the strategy of {who}")
        if not abs(float(arr.sum()) - 1.0) <= tol * max(1, len(arr)):
            raise InvalidProfileError(f"probabilities of {who} sum to {arr.sum():.12g}, not 1")


def _scales(game: Game) -> tuple[int, ...]:
    """Per player the positive integer ``L_i`` with ``integer_payoffs[i] == L_i * payoffs[i]``."""
    out = []
    for i in range(game.num_players):
        out.append(math.lcm(*(v.denominator for v in game.payoffs[i].flat)))  # Fractions
    return tuple(out)


def _exact_bimatrix_equilibrium(game: Game, profile: MixedProfile) -> Equilibrium | None:
    """The exact verification of :func:`make_equilibrium` for bimatrix games, in integers.

    Each strategy is written as integer numerators over a common denominator and
    the regrets are computed on ``game.integer_payoffs`` (each player's payoffs
    times a positive integer), so a regret is 0 exactly when the rational regret
    is 0. Returns ``None`` (use the general path, which also words the error)
    when the profile is not of ints and Fractions of the right lengths or when
    some regret is not 0.
    """
    m, n = game.shape
    if len(profile) != 2 or len(profile[0]) != m or len(profile[1]) != n:
        return None
    nums, dens = [], []
    for vec in profile:
        if not all(type(p) is Fraction or type(p) is int for p in vec):
            return None
        den = math.lcm(*(p.denominator for p in vec))  # ints have denominator 1
        nums.append([p.numerator * (den // p.denominator) for p in vec])
        dens.append(den)
    (xn, yn), (xd, yd) = nums, dens
    ip = game.comparable_payoffs
    A, B = ip[0].tolist(), ip[1].tolist()
    ay = [sum(a * y for a, y in zip(row, yn) if y) for row in A]  # (IA yn)_i
    xb = [0] * n
    for x, row in zip(xn, B):
        if x:
            xb = [s + x * b for s, b in zip(xb, row)]
    xay = sum(x * v for x, v in zip(xn, ay))
    xby = sum(v * y for v, y in zip(xb, yn))
    # regret numerators: xd * max_i (IA yn)_i - xn . IA yn (over xd * L1 * yd > 0), same for player 2
    if xd * max(ay) != xay or yd * max(xb) != xby:
        return None
    l1, l2 = game.__dict__.get("_payoff_scales") or game.__dict__.setdefault("_payoff_scales", _scales(game))
    return Equilibrium(
        game=game,
        profile=profile,
        payoffs=(Fraction(xay, xd * yd * l1), Fraction(xby, xd * yd * l2)),
        supports=tuple(tuple(k for k, v in enumerate(vec) if v > 0) for vec in nums),  # p > 0 iff numerator > 0
        regret=Fraction(0),
    )

def _profile_key(game: Game, prof: MixedProfile) -> tuple:
    """Hashable identity of a profile: exact values, or floats rounded to 9 digits."""
    if game.exact:
        return tuple(tuple(v) for v in prof)
    return tuple(tuple(round(float(p), 9) for p in v) for v in prof)


def make_solution(
    game: Game,
    method: str,
    profiles: Sequence[MixedProfile],
    *,
    complete: bool,
    started: float,
    parameters: Mapping[str, Any] | None = None,
    tol: float | None = None,
    components: Sequence[Component] = (),
    notes: Sequence[str] = (),
    exact: bool | None = None,
) -> Solution:
    """Verify each profile, drop duplicates and build a :class:`Solution`.

    ``started`` is a ``time.perf_counter()`` reading taken when the solver began.
    """
    seen: set = set()
    eqs = []
    for prof in profiles:
        key = _profile_key(game, prof)
        if key in seen:
            continue
        seen.add(key)
        eqs.append(make_equilibrium(game, prof, tol))
    return Solution(
        game=game,
        method=method,
        equilibria=tuple(eqs),
        complete=complete,
        exact=game.exact if exact is None else exact,
        parameters=dict(parameters or {}),
        elapsed=time.perf_counter() - started,
        components=tuple(components),
        notes=tuple(notes),
    )


def make_pure_solution(
    game: Game,
    method: str,
    profiles: np.ndarray,
    *,
    complete: bool,
    started: float,
    parameters: Mapping[str, Any] | None = None,
    tol: float | None = None,
    notes: Sequence[str] = (),
) -> Solution:
    """Verify many *pure* profiles at once and build a :class:`Solution`.

    The pure-profile counterpart of :func:`make_solution`, for solvers that find
    many pure equilibria: ``profiles`` is an integer array of shape ``(E, N)``
    (distinct rows). Each player's regret is computed from the slice of its own
    strategies at the profile, for all profiles together, on
    ``game.comparable_payoffs``: exact integer arithmetic for exact games (each
    player's payoffs times a positive integer, which scales regrets and keeps
    zero regrets zero), the float payoffs otherwise.

    Raises
    ------
    SolverError
        If some profile is not an equilibrium (regret above ``tol``; 0 for exact games).

    Examples
    --------
    >>> import time
    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> sol = make_pure_solution(g, "demo", np.array([[0, 0], [1, 1]]), complete=True, started=time.perf_counter())
    >>> [e.payoffs for e in sol]
    [(Fraction(2, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(2, 1))]
    >>> make_pure_solution(g, "demo", np.array([[0, 1]]), complete=True, started=time.perf_counter())
    Traceback (most recent call last):
    ...
    gametheory.errors.SolverError: not an equilibrium (regret 1): Player 1: 1; Player 2: 2
    """
    tol = game.tol if tol is None else tol
    S = np.asarray(profiles, dtype=np.intp).reshape(-1, game.num_players)
    E, N = S.shape
    cols = tuple(S.T)
    # Regrets on game.comparable_payoffs: for exact games each player's payoffs times a
    # positive integer (exact integer arithmetic, same regrets up to that factor); floats as is.
    cmp = game.comparable_payoffs
    worst = np.zeros(E, dtype=cmp.dtype)
    for i in range(N):
        index = [S[:, j][:, None] for j in range(N)]
        index[i] = np.arange(game.shape[i])[None, :]
        regret = cmp[i][tuple(index)].max(axis=1) - cmp[i][cols]
        worst = np.maximum(worst, regret)
    bad = np.flatnonzero(worst > (tol if not game.exact else 0))
    if len(bad):
        prof = tuple(tuple(int(k == s) for k in range(n)) for s, n in zip(S[bad[0]], game.shape))
        w = max(regrets(game, prof))
        raise SolverError(f"not an equilibrium (regret {_exact.format_number(w)}): {format_profile(game, prof)}")
    certificates = [Fraction(0)] * E if game.exact else worst.tolist()
    current = game.payoffs[(slice(None), *cols)]  # (N, E)
    one, zero = (Fraction(1), Fraction(0)) if game.exact else (1.0, 0.0)
    units: dict[tuple[int, int], tuple] = {}  # unit vectors built once, only those used

    def unit(n: int, s: int) -> tuple:
        vec = units.get((n, s))
        if vec is None:
            vec = units[(n, s)] = (zero,) * s + (one,) + (zero,) * (n - s - 1)
        return vec

    shape = game.shape
    current_t = current.T.tolist()
    eqs = tuple(
        Equilibrium(
            game=game,
            profile=tuple(unit(shape[i], s) for i, s in enumerate(row)),
            payoffs=tuple(current_t[e]),
            supports=tuple((s,) for s in row),
            regret=certificates[e],
        )
        for e, row in enumerate(S.tolist())
    )
    return Solution(
        game=game,
        method=method,
        equilibria=eqs,
        complete=complete,
        exact=game.exact,
        parameters=dict(parameters or {}),
        elapsed=time.perf_counter() - started,
        notes=tuple(notes),
    )
