"""All extreme equilibria of large two-player games in bounded memory, streamed as found.

The breadth-first vertex search behind :func:`~gametheory.solvers.enumerate_equilibria`
keeps every vertex of both best-response polytopes and a whole frontier of
tableaux: fast on small games, but a random 20×20 game has millions of vertices
and that search (like pygambit's ``enummixed_solve`` and QuantEcon's
``vertex_enumeration``) needs gigabytes. Here the vertices of ``P`` are visited by
*reverse search* (Avis and Fukuda 1992, with the lexicographic rule of lrs), which
remembers only the path from the root, and each vertex is completed on the spot:

1. **Pass one**, over ``P``. A simple vertex ``x`` (exactly ``m`` labels) has at most
   one partner ``y``: the solution of the square system "every strategy in the
   support of ``x`` is a best response, ``y`` uses only strategies where ``x``'s
   constraints are tight". It is checked exactly (exact games) and, when it lies in
   ``Q``, the equilibrium is reported at once. Degenerate vertices (more labels) and
   simple ones whose system is singular are kept aside, by label set.
2. **Pass two**, over ``Q``, only when pass one kept vertices aside: every vertex of
   ``Q`` is compared with them and completing pairs are equilibria.

Every equilibrium has a simple, non-singular ``x`` (found in pass one) or an ``x``
kept aside (found in pass two), so the result is complete. Memory: the search path
(a few hundred tableaux), the vertices kept aside (none in a nondegenerate game)
and the equilibria themselves.

Size and time: the number of bases is at most the number of vertices of a simple
``d``-polytope with ``k + d`` facets, given by McMullen's upper bound theorem
(:func:`max_bases`; random games have far fewer). A run whose bound, at the rate
measured over its first bases, could exceed ``WARN_SECONDS`` issues a
:class:`~gametheory.errors.LongRunWarning` at once, naming ``timeout`` and
Lemke–Howson (one equilibrium) as the alternatives. A progress bar (bases visited,
rate) appears when a run lasts more than a few seconds; ``timeout`` stops the search
and returns what was found with ``complete=False``.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.solvers.reverse_search import reverse_search_equilibria
>>> bos = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
>>> sol = reverse_search_equilibria(bos)
>>> len(sol), sol.complete
(3, True)
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Iterator

import numpy as np

from ..errors import LongRunWarning, SolverError
from ..game import Game
from ..solution import Equilibrium, Solution, make_equilibrium

__all__ = ["reverse_search_equilibria", "stream_equilibria", "max_bases", "SearchProgress", "supports_reverse_search"]

#: A run whose upper bound on bases, at the measured rate, exceeds this many seconds issues a LongRunWarning.
WARN_SECONDS = 30.0
#: Bases per chunk between two checks of the clock (and progress updates).
_CHUNK = 20_000
_U = 2.0**-52


# -- the exact side of doubtful bases ----------------------------------------------------------
def _exact_rows(C: np.ndarray, BV: np.ndarray, NB: np.ndarray):
    """Exact dictionary of one basis of ``{z >= 0 : C z <= 1}`` (integer ``C``) with its objective row.

    Returns ``(rows, den)``: integer numerators over the common positive denominator
    ``den``, ``k + 1`` rows of ``d + 1`` entries (the last row is the objective
    ``max -sum(z)``), or ``None`` when the basis is singular.
    """
    import flint

    k, d = C.shape
    basic = [int(v) for v in BV]
    nonbasic = [int(v) for v in NB]
    full = np.zeros((k, d + k + 1), dtype=np.int64)  # [C | I | 1]
    full[:, :d] = C
    full[np.arange(k), d + np.arange(k)] = 1
    full[:, d + k] = 1
    try:
        Bm = flint.fmpz_mat(k, k, full[:, basic].ravel().tolist())
        Rm = flint.fmpz_mat(k, d + 1, full[:, nonbasic + [d + k]].ravel().tolist())
        num_mat, den = Bm.solve(Rm).numer_denom()
    except (ZeroDivisionError, ValueError):
        return None
    den = int(den)
    w = d + 1
    flat = [int(v) for v in num_mat.entries()]
    if den < 0:
        den, flat = -den, [-v for v in flat]
    rows = [flat[r * w : (r + 1) * w] for r in range(k)]
    # objective max -sum(z): row T[k] = c_B A_bar - c_N, value c_B b_bar (numerators over den)
    zrows = [r for r in range(k) if basic[r] < d]
    obj = [-sum(rows[r][c] for r in zrows) + (den if nonbasic[c] < d else 0) for c in range(d)]
    obj.append(-sum(rows[r][d] for r in zrows))
    rows.append(obj)
    return rows, den


def _exact_tableau(C: np.ndarray, BV: np.ndarray, NB: np.ndarray):
    """The exact dictionary of a basis rounded to floats, with rounding-only error bounds, and an ok flag."""
    k, d = C.shape
    got = _exact_rows(C, BV, NB)
    if got is None:
        return np.zeros((k + 1, d + 1)), np.zeros((k + 1, d + 1)), False
    rows, den = got
    vals = np.array([[v / den for v in row] for row in rows])
    return vals, _U * np.abs(vals), True


def _exact_basis(C: np.ndarray, BV: np.ndarray, NB: np.ndarray):
    """Exact dictionary and decisions of one basis of ``{z >= 0 : C z <= 1}`` (integer ``C``).

    Returns the rounded dictionary with its objective row, error bounds (rounding
    only), the child flags and leaving rows of the reverse search, the zero
    right-hand sides and an ok flag. Called from the kernel when a float decision is
    not certain even on the freshly rounded dictionary (a true tie); every decision
    here is exact (integers over a common denominator).
    """
    k, d = C.shape
    got = _exact_rows(C, BV, NB)
    if got is None:
        return _failed(k, d)
    rows, den = got
    basic = [int(v) for v in BV]
    nonbasic = [int(v) for v in NB]
    obj = rows[k]
    rhs = [rows[r][d] for r in range(k)]
    nbpos = {v: j for j, v in enumerate(nonbasic)}
    bpos = {v: r for r, v in enumerate(basic)}

    def lexcol(s: int) -> list:
        var = d + s
        j = nbpos.get(var)
        if j is not None:
            return [rows[r][j] for r in range(k)]
        return [den if r == bpos[var] else 0 for r in range(k)]

    child = np.zeros(d, dtype=np.bool_)
    leave = np.full(d, -1, dtype=np.int64)
    for c in range(d):
        rc = obj[c]
        if rc <= 0:
            continue
        cand = [r for r in range(k) if rows[r][c] > 0]
        if not cand:
            return _failed(k, d)
        column, lvl = rhs, 0
        while True:
            best = cand[0]
            tied = [best]
            for r in cand[1:]:
                lhs, rhs_ = column[r] * rows[best][c], column[best] * rows[r][c]
                if lhs < rhs_:
                    best, tied = r, [r]
                elif lhs == rhs_:
                    tied.append(r)
            cand = tied
            if len(cand) == 1 or lvl == k:
                break
            column = lexcol(lvl)
            lvl += 1
        r = cand[0]
        p, out = rows[r][c], basic[r]
        # the neighbour's reduced cost of column c2 has the sign of obj[c2] * p - rc * rows[r][c2]
        ok = all(obj[c2] * p - rc * rows[r][c2] >= 0 for c2 in range(d) if c2 != c and nonbasic[c2] < out)
        child[c] = ok
        leave[c] = r
    vals = np.array([[v / den for v in row] for row in rows])
    return vals, _U * np.abs(vals), child, leave, np.array([v == 0 for v in rhs], dtype=np.bool_), True


def _failed(k: int, d: int):
    return (np.zeros((k + 1, d + 1)), np.zeros((k + 1, d + 1)), np.zeros(d, dtype=np.bool_),
            np.zeros(d, dtype=np.int64), np.zeros(k, dtype=np.bool_), False)


# -- the search state ---------------------------------------------------------------------------
class _Search:
    """Arrays of one resumable reverse search over ``{z >= 0 : C z <= 1}``."""

    def __init__(self, C: np.ndarray, certified: bool, tol: float, label_of: np.ndarray, depth: int = 64) -> None:
        k, d = C.shape
        self.C = np.ascontiguousarray(C, dtype=np.int64 if certified else np.float64)
        self.certified = certified
        self.tol = float(tol)
        self.label_of = np.ascontiguousarray(label_of, dtype=np.int64)
        self.k, self.d = k, d
        self.words = (len(label_of) + 61) // 62
        self.T = np.zeros((depth, k + 1, d + 1))
        self.E = np.zeros_like(self.T)
        self.T[0, :k, :d] = C
        self.T[0, :k, d] = 1.0
        self.T[0, k, :d] = 1.0  # w = -sum(z) = 0 - sum(1 * z_c)
        self.BV = np.zeros((depth, k), dtype=np.int64)
        self.NB = np.zeros((depth, d), dtype=np.int64)
        self.BV[0] = np.arange(d, d + k)
        self.NB[0] = np.arange(d)
        self.CH = np.zeros((depth, d), dtype=np.bool_)
        self.RW = np.zeros((depth, d), dtype=np.int64)
        self.ZR = np.zeros((depth, k), dtype=np.bool_)
        self.NXT = np.full(depth, -1, dtype=np.int64)
        self.st = np.zeros(4, dtype=np.int64)  # depth, bases, status, outputs

    def grow(self) -> None:
        for name in ("T", "E", "BV", "NB", "CH", "RW", "ZR", "NXT"):
            arr = getattr(self, name)
            new = np.zeros((2 * arr.shape[0],) + arr.shape[1:], dtype=arr.dtype)
            new[: arr.shape[0]] = arr
            setattr(self, name, new)

    @property
    def bases(self) -> int:
        return int(self.st[1])

    @property
    def depth_capacity(self) -> int:
        return self.T.shape[0]


def _run(search: _Search, other: np.ndarray, margin: float, dmasks: np.ndarray,
         deadline: float | None, on_chunk: Callable[[_Search], None], stats: dict
         ) -> Iterator[tuple[int, np.ndarray, tuple, int]]:
    """Run ``search`` chunk by chunk, yielding ``(kind, basis, label words, ref)`` per output row.

    Stops at the end of the search (``stats["done"] = True``) or at ``deadline``.
    """
    from . import _revsearch_kernel as K

    cap = max(4096, 2 * len(dmasks) + 2)
    out_basis = np.zeros((cap, search.k), dtype=np.int64)
    out_masks = np.zeros((cap, search.words), dtype=np.int64)
    out_kind = np.zeros(cap, dtype=np.int64)
    out_ref = np.zeros(cap, dtype=np.int64)
    other = np.ascontiguousarray(other, dtype=np.float64)
    dmasks = np.ascontiguousarray(dmasks, dtype=np.int64).reshape(-1, search.words)
    stats["done"] = False
    while True:
        search.st[3] = 0
        K.search(search.C, search.certified, search.tol, other, margin, search.label_of, dmasks,
                 search.T, search.E, search.BV, search.NB, search.CH, search.RW, search.ZR, search.NXT, search.st,
                 out_basis, out_masks, out_kind, out_ref, _CHUNK)
        on_chunk(search)
        for o in range(int(search.st[3])):
            yield int(out_kind[o]), out_basis[o].copy(), tuple(int(v) for v in out_masks[o]), int(out_ref[o])
        status = int(search.st[2])
        if status == K.DONE:
            stats["done"] = True
            return
        if status == K.FAILED:
            raise SolverError("reverse search: an exact pivoting step failed (unbounded edge or singular basis)")
        if status == K.GROW:
            search.grow()
        if deadline is not None and time.perf_counter() >= deadline:
            return


# -- progress -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SearchProgress:
    """Where a running search stands: bases visited, seconds, and the worst case.

    ``bound`` is the upper-bound-theorem maximum of bases still possible (both
    polytopes when the game is degenerate); ``bound_seconds`` that many at the rate
    measured so far. Random games need far fewer.
    """

    bases: int
    seconds: float
    bound: int
    bound_seconds: float

    def __str__(self) -> str:
        return (f"{self.bases:,} bases in {self.seconds:.3g} s; at most {self.bound:.2g} (upper bound theorem), "
                f"up to {_duration(self.bound_seconds)} at this rate")


def _duration(seconds: float) -> str:
    for unit, size in (("days", 86400.0), ("hours", 3600.0), ("minutes", 60.0)):
        if seconds >= 2 * size:
            return f"{seconds / size:.3g} {unit}"
    return f"{seconds:.3g} s"


def upper_bound_vertices(d: int, facets: int) -> int:
    """McMullen's upper bound on the vertices of a simple ``d``-polytope with ``facets`` facets.

    Examples
    --------
    >>> upper_bound_vertices(2, 5), upper_bound_vertices(3, 6)   # pentagon; a 3-polytope with 6 facets
    (5, 8)
    """
    from math import comb

    if facets <= d:
        return 1
    h = d // 2
    if d % 2 == 0:
        return comb(facets - h, h) + comb(facets - h - 1, h - 1)
    return 2 * comb(facets - h - 1, h)


def max_bases(game: Game) -> tuple[int, int]:
    """Upper bounds on the bases the reverse search visits in ``P`` and in ``Q``.

    The lex-feasible bases of ``{z >= 0 : C z <= 1}`` (``C`` is ``k x d``) are the
    vertices of a simple perturbed polytope with ``k + d`` facets, so the upper bound
    theorem bounds them.

    Examples
    --------
    >>> from gametheory import Game
    >>> max_bases(Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    (4, 4)
    """
    m, n = game.shape
    return upper_bound_vertices(m, m + n), upper_bound_vertices(n, m + n)


def _polytope_data(game: Game, tol: float) -> tuple[np.ndarray, np.ndarray, bool]:
    from .enumeration import best_response_polytopes

    A, B = best_response_polytopes(game)
    if game.exact:
        if max(abs(int(v)) for v in np.concatenate([A.ravel(), B.ravel()])) >= 2**52:
            raise SolverError("reverse search: payoffs too large for certified floating point (over 2**52 "
                              "after scaling to integers); use enumerate_equilibria's exact search")
        return np.asarray(A, dtype=np.int64), np.asarray(B, dtype=np.int64), True
    return np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64), False


def supports_reverse_search(game: Game) -> bool:
    """Whether the reverse search takes this two-player game (exact payoffs must scale to integers below 2**52).

    Examples
    --------
    >>> from gametheory import Game
    >>> supports_reverse_search(Game.from_bimatrix([[1, 2]], [[3, 4]]))
    True
    """
    try:
        _polytope_data(game, game.tol)
    except SolverError:
        return False
    return True


def _label_maps(m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    # P: x_i -> label i, slack s_j -> m + j.  Q: y_j -> m + j, slack r_i -> i.
    return np.arange(m + n), np.concatenate([m + np.arange(n), np.arange(m)])


# -- exact and float points ---------------------------------------------------------------------
def _basis_point(C: np.ndarray, BV: np.ndarray, exact: bool) -> tuple:
    """The ``z`` part of the vertex of basis ``BV`` (basic columns of ``[C | I]``), not normalised."""
    k, d = C.shape
    basic = [int(v) for v in BV]
    if exact:
        import flint

        M = flint.fmpz_mat([[int(C[r, b]) if b < d else int(r == b - d) for b in basic] for r in range(k)])
        sol = M.solve(flint.fmpz_mat(k, 1, [1] * k))
        z = [Fraction(0)] * d
        for r, b in enumerate(basic):
            if b < d:
                q = sol[r, 0]
                z[b] = Fraction(int(q.p), int(q.q))
        return tuple(z)
    M = np.array([[C[r, b] if b < d else float(r == b - d) for b in basic] for r in range(k)])
    sol = np.linalg.solve(M, np.ones(k))
    z = np.zeros(d)
    for r, b in enumerate(basic):
        if b < d:
            z[b] = max(sol[r], 0.0)
    return tuple(float(v) for v in z)


def _partner_point(other: np.ndarray, BV: np.ndarray, NB: list, d: int, exact: bool, tol: float) -> tuple | None:
    """The partner ``y`` of a simple vertex (see ``_revsearch_kernel._partner``), checked; ``None`` if none."""
    S = sorted(int(v) for v in BV if v < d)
    T = sorted(int(v) - d for v in NB if v >= d)
    n = other.shape[1]
    if exact:
        import flint

        M = flint.fmpz_mat([[int(other[i, j]) for j in T] for i in S])
        try:
            sol = M.solve(flint.fmpz_mat(len(S), 1, [1] * len(S)))
        except ZeroDivisionError:
            return None
        y = [Fraction(0)] * n
        for a, j in enumerate(T):
            q = sol[a, 0]
            y[j] = Fraction(int(q.p), int(q.q))
        if min(y) < 0:
            return None
        for i in range(other.shape[0]):
            if sum(int(other[i, j]) * y[j] for j in T) > 1:
                return None
        return tuple(y)
    M = other[np.ix_(S, T)]
    try:
        sol = np.linalg.solve(M, np.ones(len(S)))
    except np.linalg.LinAlgError:
        return None
    y = np.zeros(n)
    y[T] = sol
    if y.min() < -tol or (other @ y).max() > 1 + tol:
        return None
    y[y < 0] = 0.0
    return tuple(float(v) for v in y)


def _normalised(v: tuple, exact: bool) -> tuple:
    total = sum(v)
    if exact:
        return tuple(Fraction(p) / total for p in v)
    return tuple(float(p) / total for p in v)


# -- the driver ---------------------------------------------------------------------------------
def _pair_stream(game: Game, *, timeout: float | None, progress: bool | None, tol: float,
                 stats: dict) -> Iterator[tuple[tuple, tuple]]:
    """Yield ``(x, y)`` (normalised) for each equilibrium found; ``stats["complete"]`` at the end."""
    from . import _revsearch_kernel as K

    m, n = game.shape
    A, B, certified = _polytope_data(game, tol)
    exact = game.exact
    work_tol = 0.0 if certified else max(tol, 1e-12)
    margin = 1e-7 if certified else work_tol
    lp, lq = _label_maps(m, n)
    CP = np.ascontiguousarray(B.T)  # P = {x >= 0 : B^T x <= 1}: k = n rows, d = m columns
    CQ = np.ascontiguousarray(A)  # Q = {y >= 0 : A y <= 1}: k = m rows, d = n columns
    deadline = None if timeout is None else time.perf_counter() + timeout
    aside: dict[tuple, np.ndarray] = {}  # label words -> a basis of P (degenerate or singular vertices)
    stats["complete"] = False
    started = time.perf_counter()
    bar = None if progress is False else _progress_bar(progress)
    bound_p, bound_q = max_bases(game)
    watch = {"warned": False, "base": 0, "bound": bound_p + bound_q}

    def on_chunk(search: _Search) -> None:
        seconds = time.perf_counter() - started
        bases = watch["base"] + search.bases
        left = max(watch["bound"] - bases, 0)
        now = SearchProgress(bases, seconds, watch["bound"], seconds + left * seconds / max(bases, 1))
        stats["progress"] = now
        if bar is not None:
            bar.update(bases - bar.n)
        callback = stats.get("on_long_run")
        if callback is not None and not watch["warned"] and now.bound_seconds > WARN_SECONDS:
            watch["warned"] = True
            callback(now)

    try:
        sp = _Search(CP, certified, work_tol, lp)
        run: dict = {}
        for kind, basis, words, _ in _run(sp, A, margin, np.zeros((0, sp.words), dtype=np.int64), deadline, on_chunk,
                                          run):
            if kind == K.CANDIDATE:
                nonbasic = sorted(set(range(m + n)) - set(int(v) for v in basis))
                y = _partner_point(A, basis, nonbasic, m, exact, work_tol)
                if y is not None and any(y):
                    yield _normalised(_basis_point(CP, basis, exact), exact), _normalised(y, exact)
            else:
                aside.setdefault(words, basis)
        stats["bases_p"] = sp.bases
        stats["aside"] = len(aside)
        watch["bound"] = sp.bases + (bound_q if aside else 0)
        if not run["done"]:
            return
        if aside:
            keys = list(aside)
            dmasks = np.array(keys, dtype=np.int64).reshape(len(keys), sp.words)
            points: dict[int, tuple] = {}
            sq = _Search(CQ, certified, work_tol, lq)
            watch["base"] = sp.bases
            for _, basis, _, ref in _run(sq, np.zeros((0, m)), margin, dmasks, deadline, on_chunk, run):
                y = _basis_point(CQ, basis, exact)
                if any(y):
                    if ref not in points:
                        points[ref] = _normalised(_basis_point(CP, aside[keys[ref]], exact), exact)
                    yield points[ref], _normalised(y, exact)
            stats["bases_q"] = sq.bases
            if not run["done"]:
                return
        stats["complete"] = True
    finally:
        if bar is not None:
            bar.close()


def _progress_bar(progress: bool | None):
    from ..progress import progress_bar

    return progress_bar(desc="all equilibria", unit="bases", force=progress is True)


def stream_equilibria(game: Game, *, timeout: float | None = None, progress: bool | None = None,
                      tol: float | None = None) -> Iterator[Equilibrium]:
    """Yield the extreme equilibria of a two-player game one by one, as the search finds them.

    Memory stays bounded whatever the game size (see the module docstring). Each
    yielded :class:`~gametheory.Equilibrium` is verified (exactly for exact games).
    The generator ends when the search is complete or after ``timeout`` seconds;
    :func:`reverse_search_equilibria` says which.

    Examples
    --------
    >>> from gametheory import Game
    >>> bos = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> sorted(" ".join(map(str, e.payoffs)) for e in stream_equilibria(bos))
    ['1 2', '2 1', '2/3 2/3']
    """
    from ..solution import _profile_key

    tol = game.tol if tol is None else tol
    seen: set = set()
    for x, y in _pair_stream(game, timeout=timeout, progress=progress, tol=tol, stats={}):
        key = _profile_key(game, (x, y))
        if key not in seen:
            seen.add(key)
            yield make_equilibrium(game, (x, y), tol)


def reverse_search_equilibria(game: Game, *, timeout: float | None = None, progress: bool | None = None,
                              tol: float | None = None, warn: bool = True) -> Solution:
    """Every extreme equilibrium of a two-player game by reverse search, in bounded memory.

    The same set as :func:`~gametheory.solvers.enumerate_equilibria` (which calls
    this for large games), found without holding the polytopes' vertices.

    Parameters
    ----------
    game : Game
        A two-player game, exact or float.
    timeout : float, optional
        Seconds after which the search stops; the result then lists the equilibria
        found so far, with ``complete=False`` and a note.
    progress : bool, optional
        ``True`` always shows a progress bar, ``False`` never; by default one appears
        when the run takes more than a few seconds.
    tol : float, optional
        Tolerance of float games (default ``game.tol``).
    warn : bool, default True
        Issue a :class:`~gametheory.errors.DegenerateGameWarning` when an equilibrium
        component is a continuum.

    Warns
    -----
    LongRunWarning
        When the run could exceed ``WARN_SECONDS`` (the upper bound on its bases at the
        rate of its first bases; unless a shorter ``timeout`` was given): the bound, and
        the alternatives.

    Returns
    -------
    Solution
        Method ``"enumerate_equilibria"`` with ``parameters["algorithm"] ==
        "reverse_search"`` and the number of bases visited.

    References
    ----------
    Avis, D. and Fukuda, K. (1992). A pivoting algorithm for convex hulls and vertex
    enumeration of arrangements and polyhedra. *Discrete & Computational Geometry* 8, 295–313.

    Avis, D. (2000). lrs: A revised implementation of the reverse search vertex
    enumeration algorithm. In *Polytopes — Combinatorics and Computation*, 177–198.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> sol = reverse_search_equilibria(g, warn=False)
    >>> len(sol), sol.complete, sol.parameters["algorithm"]
    (3, True, 'reverse_search')
    """
    from .enumeration import _require_bimatrix, _solution_from_pairs

    started = time.perf_counter()
    _require_bimatrix(game, "reverse_search_equilibria")
    tol = game.tol if tol is None else tol
    stats: dict = {}
    if timeout is None or timeout > WARN_SECONDS:
        def on_long_run(now: SearchProgress) -> None:
            warnings.warn(
                f"all equilibria of this {game.shape[0]}×{game.shape[1]} game may take long: {now}; pass timeout= "
                "(CLI: --timeout) to stop with the equilibria found so far, or use lemke_howson(game) for one "
                "equilibrium in well under a second",
                LongRunWarning,
                stacklevel=4,
            )

        stats["on_long_run"] = on_long_run
    pairs = list(_pair_stream(game, timeout=timeout, progress=progress, tol=tol, stats=stats))
    complete = stats["complete"]
    notes = []
    if not complete:
        notes.append(
            f"stopped at the time limit ({timeout:g} s) after {stats.get('bases_p', 0) + stats.get('bases_q', 0):,} "
            "bases: the equilibria found so far, not necessarily all"
            + (f" ({stats['progress']})" if "progress" in stats else "")
        )
    params = {
        "tol": tol,
        "algorithm": "reverse_search",
        "bases": stats.get("bases_p", 0) + stats.get("bases_q", 0),
        "timeout": timeout,
    }
    return _solution_from_pairs(game, pairs, complete=complete, started=started, tol=tol, parameters=params,
                                notes=notes, warn=warn)
