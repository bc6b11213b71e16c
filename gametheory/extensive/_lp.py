"""A small exact two-phase simplex (private): ``max c.v s.t. A v <= b, v >= 0`` in Fractions.

For the small linear programs of the assessment and signalling modules (belief and
order conditions), where every answer is checked exactly. Bland's rule rules out
cycling.

Examples
--------
>>> lp_max([1, 1], [[1, 0], [0, 1], [-1, -1]], [1, 2, -1])
(Fraction(3, 1), [Fraction(1, 1), Fraction(2, 1)])
>>> lp_max([0], [[1], [-1]], [0, -1]) is None      # v <= 0 and v >= 1: infeasible
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

__all__ = ["lp_max"]


def lp_max(c: Sequence[Any], A: Sequence[Sequence[Any]], b: Sequence[Any]) -> tuple[Fraction, list[Fraction]] | None:
    """``(optimum, v)`` of ``max c.v s.t. A v <= b, v >= 0``; ``None`` when infeasible.

    Raises
    ------
    ValueError
        When the problem is unbounded (callers bound their objectives).
    """
    n = len(c)
    m = len(A)
    # rows: A v + s = b, negated when b < 0 (then an artificial variable starts in the basis)
    cols = n + m
    art = [i for i in range(m) if Fraction(b[i]) < 0]
    width = cols + len(art)
    T: list[list[Fraction]] = []
    basis: list[int] = []
    for i in range(m):
        sign = -1 if i in art else 1
        row = [Fraction(v) * sign for v in A[i]] + [Fraction(0)] * (m + len(art)) + [Fraction(b[i]) * sign]
        row[n + i] = Fraction(sign)
        if sign < 0:
            k = cols + art.index(i)
            row[k] = Fraction(1)
            basis.append(k)
        else:
            basis.append(n + i)
        T.append(row)

    def pivot(r: int, j: int) -> None:
        p = T[r][j]
        T[r] = [v / p for v in T[r]]
        for k in range(m):
            if k != r and T[k][j] != 0:
                f = T[k][j]
                T[k] = [a - f * bb for a, bb in zip(T[k], T[r])]
        basis[r] = j

    def run(obj: list[Fraction], allowed: int) -> bool:
        """Maximise obj.x over columns < allowed; False when unbounded."""
        while True:
            # reduced costs: obj_j - obj_B . column_j
            red = []
            for j in range(allowed):
                if j in basis:
                    red.append(Fraction(0))
                    continue
                red.append(obj[j] - sum(obj[basis[k]] * T[k][j] for k in range(m)))
            enter = next((j for j in range(allowed) if red[j] > 0), None)  # Bland: smallest index
            if enter is None:
                return True
            best = None
            for k in range(m):
                a = T[k][enter]
                if a > 0:
                    key = (T[k][-1] / a, basis[k])
                    if best is None or key < best[0]:
                        best = (key, k)
            if best is None:
                return False
            pivot(best[1], enter)

    if art:
        obj1 = [Fraction(0)] * width
        for k in range(len(art)):
            obj1[cols + k] = Fraction(-1)
        run(obj1, width)
        if any(T[k][-1] != 0 for k in range(m) if basis[k] >= cols):
            return None
        # drive remaining (zero) artificials out of the basis where possible
        for k in range(m):
            if basis[k] >= cols:
                j = next((j for j in range(cols) if T[k][j] != 0 and j not in basis), None)
                if j is not None:
                    pivot(k, j)
        # rows still holding an artificial are redundant: zero them so they never pivot
        for k in range(m):
            if basis[k] >= cols:
                T[k] = [Fraction(0)] * len(T[k])
                T[k][basis[k]] = Fraction(1)
    obj2 = [Fraction(v) for v in c] + [Fraction(0)] * (width - n)
    if not run(obj2, cols):
        raise ValueError("the linear program is unbounded")
    v = [Fraction(0)] * n
    for k in range(m):
        if basis[k] < n:
            v[basis[k]] = T[k][-1]
    return sum(Fraction(a) * x for a, x in zip(c, v)), v
