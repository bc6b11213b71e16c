"""Compiled float vertex search (private; used when numba is installed).

The float branch of ``_polytope._bfs`` as one compiled loop: the same
breadth-first order (bases in frontier order, entering columns in order, the
first occurrence of a basis kept), the same ratio test with the tolerance
``tol * (1 + |min|)`` and the same lexicographic rule, and the same pivot
formulas, without fast-math. So the vertices, their order and their float
coordinates are those of the numpy search.
"""

from __future__ import annotations

import numpy as np

#: Polytopes with at least this many variables (``d + k``) use the compiled search.
MIN_VARIABLES = 16

_KERNEL = None
_TRIED = False


def _search(C, tol, max_bases):  # pragma: no cover - compiled
    k, d = C.shape
    nvar = d + k
    w = d + 1
    cap = 1024
    T = np.empty((cap, k, w))
    BV = np.empty((cap, k), dtype=np.int64)
    NB = np.empty((cap, d), dtype=np.int64)
    KEY = np.empty(cap, dtype=np.int64)
    for r in range(k):
        for j in range(d):
            T[0, r, j] = C[r, j]
        T[0, r, d] = 1.0
        BV[0, r] = d + r
    for j in range(d):
        NB[0, j] = j
    key0 = 0
    for r in range(k):
        key0 |= np.int64(1) << (d + r)
    KEY[0] = key0
    seen = {key0: 0}
    vseen = {np.int64(0): 0}
    vseen.pop(np.int64(0))
    vcap = 1024
    masks = np.empty(vcap, dtype=np.int64)
    coords = np.zeros((vcap, d))
    nv = 0
    head = 0
    tail = 1
    level_end = 1
    nbases = 1  # bases counted level by level as in the numpy search
    best = np.empty(d, dtype=np.int64)
    tied = np.empty(k, dtype=np.int64)
    ratio = np.empty(k)
    while head < tail:
        if head == level_end:
            level_end = tail
            nbases += tail - head
            if nbases > max_bases:
                return masks[:0], coords[:0], -1
        f = head
        head += 1
        # -- the vertex of this basis: label set = variables that are zero
        zero = 0
        for j in range(d):
            zero |= np.int64(1) << NB[f, j]
        for r in range(k):
            if T[f, r, d] <= tol:
                zero |= np.int64(1) << BV[f, r]
        if zero not in vseen:
            vseen[zero] = nv
            if nv == vcap:
                vcap *= 2
                m2 = np.empty(vcap, dtype=np.int64)
                m2[:nv] = masks[:nv]
                masks = m2
                c2 = np.zeros((vcap, d))
                c2[:nv] = coords[:nv]
                coords = c2
            masks[nv] = zero
            for r in range(k):
                b = BV[f, r]
                if b < d:
                    v = T[f, r, d]
                    coords[nv, b] = 0.0 if v < tol else v
            nv += 1
        # -- ratio test for every entering column
        for j in range(d):
            bi = -1
            mn = np.inf
            for r in range(k):
                if T[f, r, j] > tol:
                    q = T[f, r, d] / T[f, r, j]
                    ratio[r] = q
                    if bi < 0 or q < mn:
                        bi = r
                        mn = q
                else:
                    ratio[r] = np.inf
            if bi < 0:
                return masks[:0], coords[:0], -2
            lim = mn + tol * (1.0 + abs(mn))
            nt = 0
            for r in range(k):
                if ratio[r] <= lim:
                    tied[nt] = r
                    nt += 1
            lex = 0
            while nt > 1 and lex < k:
                var = d + lex
                bi = -1
                mn = np.inf
                for t in range(nt):
                    r = tied[t]
                    if BV[f, r] == var:
                        num = 1.0
                    else:
                        num = 0.0
                        for jj in range(d):
                            if NB[f, jj] == var:
                                num = T[f, r, jj]
                                break
                    q = num / T[f, r, j]
                    ratio[r] = q
                    if bi < 0 or q < mn:
                        bi = r
                        mn = q
                lim = mn + tol * (1.0 + abs(mn))
                keep = 0
                for t in range(nt):
                    r = tied[t]
                    if ratio[r] <= lim:
                        tied[keep] = r
                        keep += 1
                nt = keep
                lex += 1
            best[j] = bi
        # -- children in column order; the first occurrence of a basis is kept
        for c in range(d):
            r = best[c]
            leave = BV[f, r]
            enter = NB[f, c]
            key = KEY[f] - (np.int64(1) << leave) + (np.int64(1) << enter)
            if key in seen:
                continue
            seen[key] = tail
            if tail == cap:
                cap *= 2
                T2 = np.empty((cap, k, w))
                T2[:tail] = T[:tail]
                T = T2
                B2 = np.empty((cap, k), dtype=np.int64)
                B2[:tail] = BV[:tail]
                BV = B2
                N2 = np.empty((cap, d), dtype=np.int64)
                N2[:tail] = NB[:tail]
                NB = N2
                K2 = np.empty(cap, dtype=np.int64)
                K2[:tail] = KEY[:tail]
                KEY = K2
            s = tail
            tail += 1
            p = T[f, r, c]
            for jj in range(w):
                rown = T[f, r, jj] / p
                for rr in range(k):
                    T[s, rr, jj] = T[f, rr, jj] - T[f, rr, c] * rown
                T[s, r, jj] = rown
            for rr in range(k):
                T[s, rr, c] = -T[f, rr, c] / p
            T[s, r, c] = 1.0 / p
            for rr in range(k):
                BV[s, rr] = BV[f, rr]
            BV[s, r] = enter
            for jj in range(d):
                NB[s, jj] = NB[f, jj]
            NB[s, c] = leave
            KEY[s] = key
    return masks[:nv], coords[:nv], nbases


def kernel():
    """The compiled search, or ``None`` when numba is not available."""
    global _KERNEL, _TRIED
    if not _TRIED:
        _TRIED = True
        try:
            import numba
        except ImportError:
            return None
        _KERNEL = numba.njit(cache=False)(_search)
    return _KERNEL
