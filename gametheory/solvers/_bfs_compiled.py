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

from ._jit import njit_cached as _njit

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
            # keep only the frontier (memory stays proportional to one level)
            n_new = tail - head
            T[:n_new] = T[head:tail]
            BV[:n_new] = BV[head:tail]
            NB[:n_new] = NB[head:tail]
            KEY[:n_new] = KEY[head:tail]
            head = 0
            tail = n_new
            level_end = tail
            nbases += n_new
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
        _KERNEL = _njit(numba, _search)
    return _KERNEL


# -- the certified search of exact mode ------------------------------------------------

_U = 2.0**-52
_CERT = None
_CERT_TRIED = False


def _decide(C, basic, nonbasic):
    """Python side of a doubtful basis: ``_polytope._exact_decisions`` (ok flag, no exceptions)."""
    from ._polytope import _exact_decisions

    k, d = C.shape
    try:
        vals, errs, best, zero = _exact_decisions(C, basic, nonbasic)
    except ArithmeticError:
        return np.zeros((k, d + 1)), np.zeros((k, d + 1)), np.zeros(d, dtype=np.int64), np.zeros(k, dtype=np.bool_), False
    return vals, errs, best.astype(np.int64), zero.astype(np.bool_), True


def _certified(C, max_bases):  # pragma: no cover - compiled
    k, d = C.shape
    w = d + 1
    U = 2.0**-52
    cap = 1024
    T = np.zeros((cap, k, w))
    E = np.zeros((cap, k, w))
    BV = np.empty((cap, k), dtype=np.int64)
    NB = np.empty((cap, d), dtype=np.int64)
    KEY = np.empty(cap, dtype=np.int64)
    BEST = np.empty((cap, d), dtype=np.int64)
    ZR = np.zeros((cap, k), dtype=np.bool_)
    SURE = np.empty(cap, dtype=np.bool_)
    for r in range(k):
        for j in range(d):
            T[0, r, j] = C[r, j]
        T[0, r, d] = 1.0
        BV[0, r] = d + r
    for j in range(d):
        NB[0, j] = j
    key0 = np.int64(0)
    for r in range(k):
        key0 |= np.int64(1) << (d + r)
    KEY[0] = key0
    seen = {key0: 0}
    vseen = {np.int64(0): 0}
    vseen.pop(np.int64(0))
    vcap = 1024
    masks = np.empty(vcap, dtype=np.int64)
    vbasis = np.empty((vcap, k), dtype=np.int64)
    nv = 0
    lo_l = 0
    hi_l = 1
    nbases = 0
    lo = np.empty(k)
    hi = np.empty(k)
    while lo_l < hi_l:
        F = hi_l - lo_l
        nbases += F
        if nbases > max_bases:
            return masks[:0], vbasis[:0], -1
        ndoubt = 0
        for f in range(lo_l, hi_l):
            sure = True
            for r in range(k):
                if not (T[f, r, d] - E[f, r, d] > 0):
                    sure = False
                for j in range(d):
                    t = T[f, r, j]
                    e = E[f, r, j]
                    if not (t - e > 0 or t + e <= 0):
                        sure = False
            for j in range(d):
                bi = 0
                hib = np.inf
                for r in range(k):
                    t = T[f, r, j]
                    e = E[f, r, j]
                    if t - e > 0:
                        num = T[f, r, d]
                        en = E[f, r, d]
                        lo[r] = (num - en) / (t + e) * (1 - 4 * U)
                        hi[r] = (num + en) / (t - e) * (1 + 4 * U)
                    else:
                        lo[r] = np.inf
                        hi[r] = np.inf
                    if hi[r] < hib:
                        hib = hi[r]
                        bi = r
                lom = np.inf
                for r in range(k):
                    if r != bi and lo[r] < lom:
                        lom = lo[r]
                if not (hib < lom):
                    sure = False
                BEST[f, j] = bi
            SURE[f] = sure
            for r in range(k):
                ZR[f, r] = False
            if not sure:
                ndoubt += 1
        if ndoubt > max(64, F // 4):
            return masks[:0], vbasis[:0], -3
        if ndoubt:
            for f in range(lo_l, hi_l):
                if SURE[f]:
                    continue
                bcopy = BV[f].copy()
                ncopy = NB[f].copy()
                with numba.objmode(vals="float64[:,:]", errs="float64[:,:]", bst="int64[:]", zr="boolean[:]", ok="boolean"):
                    vals, errs, bst, zr, ok = _decide(C, bcopy, ncopy)
                if not ok:
                    return masks[:0], vbasis[:0], -4
                T[f] = vals
                E[f] = errs
                BEST[f] = bst
                ZR[f] = zr
        new_hi = hi_l
        for f in range(lo_l, hi_l):
            zero = np.int64(0)
            for j in range(d):
                zero |= np.int64(1) << NB[f, j]
            for r in range(k):
                if ZR[f, r]:
                    zero |= np.int64(1) << BV[f, r]
            if zero not in vseen:
                vseen[zero] = nv
                if nv == vcap:
                    vcap *= 2
                    m2 = np.empty(vcap, dtype=np.int64)
                    m2[:nv] = masks[:nv]
                    masks = m2
                    b2 = np.empty((vcap, k), dtype=np.int64)
                    b2[:nv] = vbasis[:nv]
                    vbasis = b2
                masks[nv] = zero
                vbasis[nv] = BV[f]
                nv += 1
            for c in range(d):
                r = BEST[f, c]
                leave = BV[f, r]
                enter = NB[f, c]
                key = KEY[f] - (np.int64(1) << leave) + (np.int64(1) << enter)
                if key in seen:
                    continue
                seen[key] = new_hi
                if new_hi == cap:
                    cap *= 2
                    T2 = np.zeros((cap, k, w))
                    T2[:new_hi] = T[:new_hi]
                    T = T2
                    E2 = np.zeros((cap, k, w))
                    E2[:new_hi] = E[:new_hi]
                    E = E2
                    B2 = np.empty((cap, k), dtype=np.int64)
                    B2[:new_hi] = BV[:new_hi]
                    BV = B2
                    N2 = np.empty((cap, d), dtype=np.int64)
                    N2[:new_hi] = NB[:new_hi]
                    NB = N2
                    K2 = np.empty(cap, dtype=np.int64)
                    K2[:new_hi] = KEY[:new_hi]
                    KEY = K2
                    BE2 = np.empty((cap, d), dtype=np.int64)
                    BE2[:new_hi] = BEST[:new_hi]
                    BEST = BE2
                    Z2 = np.zeros((cap, k), dtype=np.bool_)
                    Z2[:new_hi] = ZR[:new_hi]
                    ZR = Z2
                    S2 = np.empty(cap, dtype=np.bool_)
                    S2[:new_hi] = SURE[:new_hi]
                    SURE = S2
                s = new_hi
                new_hi += 1
                p = T[f, r, c]
                ep = E[f, r, c]
                gap = p - ep
                for jj in range(w):
                    q = T[f, r, jj] / p
                    aq = abs(q)
                    eq = (E[f, r, jj] + aq * ep) / gap + U * aq
                    for rr in range(k):
                        colv = T[f, rr, c]
                        bq = colv * q
                        T[s, rr, jj] = T[f, rr, jj] - bq
                        E[s, rr, jj] = (
                            E[f, rr, jj]
                            + abs(E[f, rr, c]) * (aq + eq)
                            + abs(colv) * eq
                            + 2 * U * (abs(T[f, rr, jj]) + abs(bq))
                        )
                    T[s, r, jj] = q
                    E[s, r, jj] = eq
                for rr in range(k):
                    qc = -T[f, rr, c] / p
                    T[s, rr, c] = qc
                    E[s, rr, c] = (E[f, rr, c] + abs(qc) * ep) / gap + U * abs(qc)
                T[s, r, c] = 1.0 / p
                E[s, r, c] = ep / (gap * p) + U / p
                for rr in range(k):
                    BV[s, rr] = BV[f, rr]
                BV[s, r] = enter
                for jj in range(d):
                    NB[s, jj] = NB[f, jj]
                NB[s, c] = leave
                KEY[s] = key
        # keep only the new level (memory stays proportional to one level)
        n_new = new_hi - hi_l
        T[:n_new] = T[hi_l:new_hi]
        E[:n_new] = E[hi_l:new_hi]
        BV[:n_new] = BV[hi_l:new_hi]
        NB[:n_new] = NB[hi_l:new_hi]
        KEY[:n_new] = KEY[hi_l:new_hi]
        lo_l = 0
        hi_l = n_new
    return masks[:nv], vbasis[:nv], nbases


def certified_kernel():
    """The compiled certified search, or ``None`` when numba is not available."""
    global _CERT, _CERT_TRIED, numba
    if not _CERT_TRIED:
        _CERT_TRIED = True
        try:
            import numba as _numba
        except ImportError:
            return None
        numba = _numba
        _CERT = _njit(_numba, _certified)
    return _CERT


numba = None
