"""Compiled Lemke–Howson float pivoting (private; used when numba is installed).

The same steps as ``_Tableau._pivot_float`` in :mod:`.lemke_howson`, operation by
operation (ratios ``rhs / col``, the first minimum, the tie tolerance
``tol * (1 + |min|)``, the lexicographic rule on the tied rows, the update
``T - col * (T[r] / col[r])``), compiled with numba without fast-math, so the
float results are the same as the numpy path's. Large games only: compiling
takes a moment once per process.
"""

from __future__ import annotations

import numpy as np

from ._jit import njit_cached as _njit

#: Games with at least this many strategies in total use the compiled path when numba is loaded.
MIN_STRATEGIES = 40
#: ... and from this many on it is worth importing numba for it (about a second in a new process).
LOAD_STRATEGIES = 300

_KERNEL = None
_TRIED = False


def _pivot(T, basic, lex, var, tol):  # pragma: no cover - compiled
    rows = T.shape[0]
    width = T.shape[1]
    col = T[:, var].copy()
    r = -1
    mn = np.inf
    for i in range(rows):
        if col[i] > tol:
            ratio = T[i, width - 1] / col[i]
            if r < 0 or ratio < mn:
                r = i
                mn = ratio
    if r < 0:
        return -1
    count = 0
    for i in range(rows):
        if col[i] > tol and T[i, width - 1] / col[i] <= mn + tol * (1.0 + mn):
            count += 1
    if count > 1:
        tied = np.empty(rows, dtype=np.int64)
        nt = 0
        lim = mn + tol * (1.0 + abs(mn))
        for i in range(rows):
            if col[i] > tol and T[i, width - 1] / col[i] <= lim:
                tied[nt] = i
                nt += 1
        for c in lex:
            if nt <= 1:
                break
            best = -1
            bval = np.inf
            for t in range(nt):
                i = tied[t]
                v = T[i, c] / col[i]
                if best < 0 or v < bval:
                    best = i
                    bval = v
            r = best
            lim = bval + tol * (1.0 + abs(bval))
            keep = 0
            for t in range(nt):
                i = tied[t]
                if T[i, c] / col[i] <= lim:
                    tied[keep] = i
                    keep += 1
            nt = keep
    p = col[r]
    rown = T[r] / p
    for i in range(rows):
        ci = col[i]
        for j in range(width):
            T[i, j] = T[i, j] - ci * rown[j]
    for j in range(width):
        T[r, j] = rown[j]
    leaving = basic[r]
    basic[r] = var
    return leaving


def _path(TP, TQ, basicP, basicQ, lexP, lexQ, label, m, tol, max_iter):  # pragma: no cover - compiled
    on_p = label < m
    entering = label
    for step in range(1, max_iter + 1):
        if on_p:
            leaving = _pivot_p(TP, basicP, lexP, entering, tol)
        else:
            leaving = _pivot_p(TQ, basicQ, lexQ, entering, tol)
        if leaving < 0:
            return -1
        if leaving == label:
            return step
        on_p = not on_p
        entering = leaving
    return -2


_pivot_p = None


def kernel():
    """The compiled path follower, or ``None`` when numba is not available."""
    global _KERNEL, _TRIED, _pivot_p
    if not _TRIED:
        _TRIED = True
        try:
            import numba
        except ImportError:
            return None
        _pivot_p = _njit(numba, _pivot)
        _KERNEL = _njit(numba, _path)
    return _KERNEL
