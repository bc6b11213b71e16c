"""Linear programs: HiGHS for speed, an exact rational simplex to certify.

Every LP in :mod:`gametheory.solvers.lp` and :mod:`gametheory.solvers.dominance`
is written in the form

    maximise ``c @ x``  subject to  ``A @ x <= b``, ``x >= 0``, with ``b >= 0``,

so the origin is feasible and one simplex phase suffices. HiGHS (through
:func:`scipy.optimize.linprog`) solves the float problem; for exact games its
optimal basis is handed to :func:`simplex_max`, which pivots to that basis in
rational arithmetic and continues with Bland's rule until the basis is proved
optimal. Callers then verify the answer again on the game itself.

References
----------
Dantzig, G. B. (1963). *Linear Programming and Extensions*. Princeton UP.
Bland, R. G. (1977). New finite pivoting rules for the simplex method.
*Mathematics of Operations Research* 2(2), 103–107.
Huangfu, Q. & Hall, J. A. J. (2018). Parallelizing the dual revised simplex
method. *Mathematical Programming Computation* 10, 119–142 (HiGHS).

Examples
--------
>>> from fractions import Fraction as F
>>> res = simplex_max([[1, 2], [3, 1]], [4, 6], [1, 1])
>>> res.status, res.x, res.value
('optimal', (Fraction(8, 5), Fraction(6, 5)), Fraction(14, 5))
>>> res.duals
(Fraction(2, 5), Fraction(1, 5))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..errors import SolverError

__all__ = ["ExactLP", "simplex_max", "highs_max", "MatrixGame", "matrix_game", "highs_game", "exact_game", "float_game_value"]


@dataclass(frozen=True)
class ExactLP:
    """Result of :func:`simplex_max`.

    ``status`` is ``"optimal"`` or ``"unbounded"``; for an optimum ``x`` are the
    structural variables, ``duals`` one non-negative price per constraint row and
    ``value`` the optimum (``c @ x == b @ duals``: the certificate).
    """

    status: str
    x: tuple[Fraction, ...]
    duals: tuple[Fraction, ...]
    value: Fraction | None
    pivots: int


def simplex_max(
    A: Sequence[Sequence[Any]],
    b: Sequence[Any],
    c: Sequence[Any],
    *,
    basis_hint: Sequence[int] = (),
) -> ExactLP:
    """Exact primal simplex for ``max c@x s.t. A@x <= b, x >= 0`` with ``b >= 0``.

    Columns ``0..n-1`` are the variables, ``n..n+m-1`` the slacks. ``basis_hint``
    (e.g. HiGHS's optimal basis) is pivoted in first; if that basis is not
    feasible the method restarts from the slack basis. Bland's rule guarantees
    termination.

    Examples
    --------
    >>> simplex_max([[1, -1]], [1], [0, 1]).status
    'unbounded'
    >>> simplex_max([[1, 1]], [1], [1, 2], basis_hint=[1]).x
    (Fraction(0, 1), Fraction(1, 1))
    """
    m, n = len(b), len(c)
    zero, one = Fraction(0), Fraction(1)
    bb = [Fraction(v) for v in b]
    if any(v < 0 for v in bb):
        raise SolverError("simplex_max needs b >= 0")

    def fresh() -> tuple[list[list[Fraction]], list[Fraction], list[int]]:
        rows = []
        for k in range(m):
            row = [Fraction(v) for v in A[k]] + [zero] * m + [bb[k]]
            row[n + k] = one
            rows.append(row)
        obj = [-Fraction(v) for v in c] + [zero] * (m + 1)
        return rows, obj, list(range(n, n + m))

    rows, obj, basis = fresh()
    pivots = 0

    def pivot(r: int, j: int) -> None:
        nonlocal pivots
        pivots += 1
        prow = rows[r]
        p = prow[j]
        if p != 1:
            prow = [v / p for v in prow]
            rows[r] = prow
        nz = [q for q, v in enumerate(prow) if v]
        for k in range(m):
            if k != r:
                f = rows[k][j]
                if f:
                    row = rows[k]
                    for q in nz:
                        row[q] -= f * prow[q]
        f = obj[j]
        if f:
            for q in nz:
                obj[q] -= f * prow[q]
        basis[r] = j

    hint = [j for j in dict.fromkeys(basis_hint) if 0 <= j < n + m][:m]
    if hint:
        wanted = set(hint)
        for j in hint:
            if j in basis:
                continue
            free = [k for k in range(m) if basis[k] not in wanted and rows[k][j] != 0]
            if not free:
                continue  # dependent column: leave it out of the basis
            pos = [k for k in free if rows[k][j] > 0]
            if pos:  # ratio test among the rows we may leave: keeps feasibility when possible
                r = min(pos, key=lambda k: (rows[k][-1] / rows[k][j], basis[k]))
            else:
                r = free[0]
            pivot(r, j)
        if any(row[-1] < 0 for row in rows):
            rows, obj, basis = fresh()

    while True:
        j = next((q for q in range(n + m) if obj[q] < 0), None)
        if j is None:
            break
        best: tuple[Fraction, int, int] | None = None
        for k in range(m):
            a = rows[k][j]
            if a > 0:
                key = (rows[k][-1] / a, basis[k], k)
                if best is None or key < best:
                    best = key
        if best is None:
            return ExactLP("unbounded", (), (), None, pivots)
        pivot(best[2], j)

    x = [zero] * (n + m)
    for k, j in enumerate(basis):
        x[j] = rows[k][-1]
    return ExactLP("optimal", tuple(x[:n]), tuple(obj[n : n + m]), obj[-1], pivots)


def highs_max(A: np.ndarray, b: np.ndarray, c: np.ndarray) -> Any:
    """Float ``max c@x s.t. A@x <= b, x >= 0`` with HiGHS; returns scipy's result.

    ``res.status`` is 0 (optimal) or 3 (unbounded); other statuses raise.
    Tolerances are tightened because callers verify the answer afterwards.

    Examples
    --------
    >>> res = highs_max(np.array([[1.0, 2.0], [3.0, 1.0]]), np.array([4.0, 6.0]), np.array([1.0, 1.0]))
    >>> round(-res.fun, 9)
    2.8
    """
    from scipy.optimize import linprog  # deferred: scipy takes ~0.3 s to import

    res = linprog(
        -np.asarray(c, dtype=float),
        A_ub=np.asarray(A, dtype=float),
        b_ub=np.asarray(b, dtype=float),
        bounds=(0, None),
        method="highs",
        options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10},
    )
    if res.status not in (0, 3):
        raise SolverError(f"HiGHS failed: {res.message}")
    return res


def basis_from_highs(res: Any, n: int, m: int, tol: float = 1e-9) -> list[int]:
    """Column indices (variables ``0..n-1``, slacks ``n..n+m-1``) that HiGHS left positive.

    Examples
    --------
    >>> res = highs_max(np.array([[1.0, 1.0]]), np.array([1.0]), np.array([1.0, 2.0]))
    >>> basis_from_highs(res, 2, 1)
    [1]
    """
    cols = [(float(v), j) for j, v in enumerate(res.x) if v > tol]
    cols += [(float(v), n + k) for k, v in enumerate(res.ineqlin.residual) if v > tol]
    cols.sort(reverse=True)
    return [j for _, j in cols[:m]]


@dataclass(frozen=True)
class MatrixGame:
    """Solution of a matrix game (row player maximises): optimal strategies and value.

    ``exact`` answers are Fractions verified exactly: ``min_c (x @ A)_c == value
    == max_r (A @ y)_r``. Float answers satisfy the same within the tolerance.
    """

    row: tuple
    column: tuple
    value: Any
    exact: bool


def _verify_exact(A: np.ndarray, x: Sequence[Fraction], y: Sequence[Fraction], v: Fraction) -> bool:
    m, n = A.shape
    if any(p < 0 for p in x) or any(q < 0 for q in y) or sum(x) != 1 or sum(y) != 1:
        return False
    xs = [(r, p) for r, p in enumerate(x) if p]
    ys = [(c, q) for c, q in enumerate(y) if q]
    low = min(sum(p * A[r, c] for r, p in xs) for c in range(n))
    high = max(sum(q * A[r, c] for c, q in ys) for r in range(m))
    return low == v == high


def _exact_game(A: np.ndarray, hint: Sequence[int]) -> MatrixGame:
    """Exact solution of the matrix game ``A`` (object array of Fractions)."""
    m, n = A.shape
    lo = min(A.flat)
    hi = max(A.flat)
    scale = (hi - lo) or Fraction(1)
    # M = (A - lo)/scale + 1 lies in [1, 2]: the LP max 1@y s.t. M@y <= 1 is bounded.
    M = [[(A[r, c] - lo) / scale + 1 for c in range(n)] for r in range(m)]
    res = simplex_max(M, [Fraction(1)] * m, [Fraction(1)] * n, basis_hint=hint)
    if res.status != "optimal" or not res.value:
        raise SolverError("exact simplex failed on a bounded matrix game (a bug)")
    opt = res.value
    y = tuple(v / opt for v in res.x)
    x = tuple(v / opt for v in res.duals)
    value = (1 / opt - 1) * scale + lo
    if not _verify_exact(A, x, y, value):
        raise SolverError("exact matrix-game solution failed verification (a bug)")
    return MatrixGame(x, y, value, True)


def highs_game(Af: np.ndarray) -> tuple[Any, list[int]]:
    """HiGHS on the shifted matrix-game LP of the float matrix ``Af``: scipy's result and the basis hint.

    Examples
    --------
    >>> res, hint = highs_game(np.array([[1.0, 0.0], [0.0, 1.0]]))
    >>> sorted(hint)
    [0, 1]
    """
    m, n = Af.shape
    lo, hi = float(Af.min()), float(Af.max())
    scale = (hi - lo) or 1.0
    M = (Af - lo) / scale + 1.0
    res = highs_max(M, np.ones(m), np.ones(n))
    if res.status != 0:
        raise SolverError(f"HiGHS: matrix game LP not optimal: {res.message}")
    return res, basis_from_highs(res, n, m)


def float_game_value(Af: np.ndarray, res: Any) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Normalised float strategies from :func:`highs_game` and the bounds they certify.

    Returns ``(x, y, low, high)`` with ``low = min(x @ Af)`` (what ``x`` guarantees)
    and ``high = max(Af @ y)`` (what ``y`` concedes); the value lies between them.

    Examples
    --------
    >>> Af = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> x, y, low, high = float_game_value(Af, highs_game(Af)[0])
    >>> round(low, 9), round(high, 9)
    (0.5, 0.5)
    """
    y = np.clip(res.x, 0, None)
    x = np.clip(-res.ineqlin.marginals, 0, None)
    y, x = y / y.sum(), x / x.sum()
    return x, y, float((x @ Af).min()), float((Af @ y).max())


def exact_game(A: np.ndarray, hint: Sequence[int] = ()) -> MatrixGame:
    """Exact, verified solution of the matrix game ``A`` (object array of Fractions).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> exact_game(np.array([[F(2), F(-1)], [F(-1), F(1)]], dtype=object)).value
    Fraction(1, 5)
    """
    return _exact_game(A, hint)


def matrix_game(A: np.ndarray, *, exact: bool, tol: float = 1e-9) -> MatrixGame:
    """Optimal strategies and value of the zero-sum matrix game ``A`` (rows maximise).

    HiGHS solves the shifted LP ``max 1@y s.t. M@y <= 1`` with ``M`` in ``[1, 2]``;
    ``y`` normalised is the column player's optimal strategy and the duals
    normalised the row player's. Exact games are re-solved exactly from HiGHS's
    basis and verified; float games are verified within ``tol`` and, failing
    that, solved exactly on the floats' rational values.

    References
    ----------
    von Neumann, J. (1928). Zur Theorie der Gesellschaftsspiele. *Math. Annalen* 100.
    Dantzig, G. B. (1951). A proof of the equivalence of the programming problem
    and the game problem. In Koopmans (ed.), *Activity Analysis of Production and Allocation*.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> A = np.array([[F(0), F(-1), F(1)], [F(1), F(0), F(-1)], [F(-1), F(1), F(0)]], dtype=object)
    >>> sol = matrix_game(A, exact=True)
    >>> sol.value, sol.row
    (Fraction(0, 1), (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)))
    >>> round(matrix_game(np.array([[2.0, -1.0], [-1.0, 1.0]]), exact=False).value, 9)
    0.2
    """
    Af = np.asarray(A, dtype=float)
    res, hint = highs_game(Af)
    if exact:
        return _exact_game(A, hint)
    if res.x.sum() > 0 and (-res.ineqlin.marginals).sum() > 0:
        x, y, low, high = float_game_value(Af, res)
        if high - low <= tol:
            return MatrixGame(tuple(x.tolist()), tuple(y.tolist()), float(x @ Af @ y), False)
    # HiGHS's float answer is not accurate enough: solve the floats exactly, report floats.
    Aq = np.empty(A.shape, dtype=object)
    Aq.flat = [Fraction(float(v)) for v in Af.flat]
    sol = _exact_game(Aq, hint)
    return MatrixGame(tuple(float(p) for p in sol.row), tuple(float(q) for q in sol.column), float(sol.value), False)
