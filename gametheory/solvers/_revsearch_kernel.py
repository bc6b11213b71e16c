"""Reverse-search kernels for the vertices of ``{z >= 0 : C z <= 1}`` (private).

Avis and Fukuda's reverse search (1992) with the lexicographic ratio rule, as in
lrs (Avis 2000): the lex-feasible bases form a tree under the *parent* map "one
simplex pivot towards the origin" (objective ``max -sum(z)``, entering variable by
Bland's smallest-index rule among the improving ones, leaving variable by the
lexicographic minimum ratio). The origin basis (all slacks basic) is the root and
the unique optimum. The search walks that tree depth first: a neighbour of the
current basis is a child exactly when its parent map points back, which is decided
from the current dictionary without pivoting. Nothing is remembered except the
path from the root, so memory is ``depth x (k + 1) x (d + 1)`` floats whatever the
number of vertices.

The dictionary of a basis is ``T[:k, :d]`` (``x_B = T[:, d] - T[:, :d] x_N``) with the
objective row ``T[k]`` (``w = T[k, d] - T[k, :d] x_N``); a column ``c`` improves the
objective when ``T[k, c] < 0``.

Two modes:

* ``certified`` (exact games, integer ``C``): every entry carries a rigorous bound
  ``E`` on its rounding error (first-order propagation through each pivot, as in
  :mod:`._bfs_compiled`); a decision is taken in floats only when the bound makes it
  certain, otherwise the basis is recomputed exactly by ``_exact_basis`` (flint),
  whose decisions are exact. So the traversal is the exact one.
* float (``certified`` false): decisions with the tolerance ``tol`` as in the float
  breadth-first search.

Each call runs at most ``max_steps`` bases and returns, so the caller can check a
time limit, report progress and resume: the whole state lives in the arrays passed in.

The functions are compiled by numba with an on-disk cache when numba is installed
(``gametheory[fast]``) and run as plain Python otherwise (same results, slower).
"""

from __future__ import annotations

import numpy as np

try:  # pragma: no cover - depends on the environment
    import numba as _numba

    from ._jit import njit_cached

    def _jit(func):
        return njit_cached(_numba, func)

    objmode = _numba.objmode
    HAVE_NUMBA = True
except ImportError:  # pragma: no cover - depends on the environment
    HAVE_NUMBA = False

    def _jit(func):
        return func

    class objmode:  # noqa: N801 - stands in for numba.objmode
        def __init__(self, **types):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False


# statuses returned in st[2]
RUNNING, DONE, FLUSH, GROW, FAILED = 0, 1, 2, 3, 4
# kinds of output rows
CANDIDATE, DEGENERATE, MATCH = 1, 2, 3
BITS = 62  # label bits per int64 word (no sign-bit shifts)


def _exact_tableau_py(C, BV, NB):
    """Python side: the exactly recomputed, rounded dictionary (see ``reverse_search._exact_tableau``)."""
    from .reverse_search import _exact_tableau

    return _exact_tableau(C, BV, NB)


def _exact_basis_py(C, BV, NB):
    """Python side of a doubtful basis (see ``reverse_search._exact_basis``)."""
    from .reverse_search import _exact_basis

    return _exact_basis(C, BV, NB)


@_jit
def _decide(C, certified, tol, T, E, BV, NB, CH, RW, ZR):  # pragma: no cover - compiled
    """Children, leaving rows and zero right-hand sides of one basis; False if the exact step failed.

    Certified mode: when a float decision is not certain, the dictionary is first
    recomputed exactly and rounded (fresh, tight error bounds; exact zeros become
    certain), and only if a decision is still not certain (a true tie) is the basis
    decided in exact arithmetic.
    """
    status = _decide_float(C, certified, tol, T, E, BV, NB, CH, RW, ZR)
    if status != 1:
        return status == 0
    bv = BV.copy()
    nb = NB.copy()
    with objmode(vals="float64[:,:]", errs="float64[:,:]", ok="boolean"):
        vals, errs, ok = _exact_tableau_py(C, bv, nb)
    if not ok:
        return False
    T[:, :] = vals
    E[:, :] = errs
    status = _decide_float(C, certified, tol, T, E, BV, NB, CH, RW, ZR)
    if status != 1:
        return status == 0
    return _fallback(C, T, E, BV, NB, CH, RW, ZR)


@_jit
def _decide_float(C, certified, tol, T, E, BV, NB, CH, RW, ZR):  # pragma: no cover - compiled
    """The float decisions of :func:`_decide`: 0 all certain, 1 one is not certain, 2 failed."""
    k, d = C.shape
    U = 2.0**-52
    sure = True
    for r in range(k):
        t = T[r, d]
        if certified:
            if t == 0.0 and E[r, d] == 0.0:
                ZR[r] = True
            elif t - E[r, d] > 0:
                ZR[r] = False
            else:
                ZR[r] = False
                sure = False
        else:
            ZR[r] = t <= tol
    for c in range(d):
        CH[c] = False
        RW[c] = -1
    if certified and not sure:
        return 1
    for c in range(d):
        rc = T[k, c]
        erc = E[k, c] if certified else 0.0
        if certified:
            if rc + erc <= 0:
                continue
            if not (rc - erc > 0):
                return 1
        elif rc <= tol:
            continue
        # -- leaving row: lexicographic minimum ratio
        r = -1
        if certified:
            hib = np.inf
            for rr in range(k):
                t = T[rr, c]
                e = E[rr, c]
                if t - e > 0:
                    hi = (T[rr, d] + E[rr, d]) / (t - e) * (1 + 4 * U)
                    if hi < hib:
                        hib = hi
                        r = rr
                elif not (t + e <= 0):
                    return 1
            if r < 0:
                return 1
            for rr in range(k):
                if rr == r:
                    continue
                t = T[rr, c]
                e = E[rr, c]
                if t - e > 0:
                    lo = (T[rr, d] - E[rr, d]) / (t + e) * (1 - 4 * U)
                    if not (hib < lo):
                        return 1
        else:
            r = _float_ratio(T, BV, NB, c, k, d, tol)
            if r < 0:
                return 2
        # -- is the parent of the neighbour this basis? (smallest improving index is BV[r])
        p = T[r, c]
        out = BV[r]
        child = True
        for c2 in range(d):
            if c2 == c or NB[c2] >= out:
                continue
            q = T[r, c2] / p
            v = T[k, c2] - rc * q
            if certified:
                ep = E[r, c]
                eq = (E[r, c2] + abs(q) * ep) / (p - ep) + U * abs(q)
                ev = E[k, c2] + erc * (abs(q) + eq) + abs(rc) * eq + 2 * U * (abs(T[k, c2]) + abs(rc * q))
                if v - ev >= 0:
                    continue
                if v + ev < 0:
                    child = False
                    break
                return 1
            elif v < -tol:
                child = False
                break
        CH[c] = child
        RW[c] = r
    return 0


@_jit
def _fallback(C, T, E, BV, NB, CH, RW, ZR):  # pragma: no cover - compiled
    bv = BV.copy()
    nb = NB.copy()
    with objmode(vals="float64[:,:]", errs="float64[:,:]", ch="boolean[:]", rw="int64[:]", zr="boolean[:]", ok="boolean"):
        vals, errs, ch, rw, zr, ok = _exact_basis_py(C, bv, nb)
    if not ok:
        return False
    T[:, :] = vals
    E[:, :] = errs
    CH[:] = ch
    RW[:] = rw
    ZR[:] = zr
    return True


@_jit
def _float_ratio(T, BV, NB, c, k, d, tol):  # pragma: no cover - compiled
    """Leaving row for column ``c`` by the float lexicographic rule (-1: unbounded)."""
    bi = -1
    mn = np.inf
    for r in range(k):
        if T[r, c] > tol:
            q = T[r, d] / T[r, c]
            if bi < 0 or q < mn:
                bi = r
                mn = q
    if bi < 0:
        return -1
    lim = mn + tol * (1.0 + abs(mn))
    tied = np.empty(k, dtype=np.int64)
    nt = 0
    for r in range(k):
        if T[r, c] > tol and T[r, d] / T[r, c] <= lim:
            tied[nt] = r
            nt += 1
    lex = 0
    while nt > 1 and lex < k:
        var = d + lex
        bi = -1
        mn = np.inf
        vals = np.empty(nt)
        for t in range(nt):
            r = tied[t]
            if BV[r] == var:
                num = 1.0
            else:
                num = 0.0
                for jj in range(d):
                    if NB[jj] == var:
                        num = T[r, jj]
                        break
            q = num / T[r, c]
            vals[t] = q
            if bi < 0 or q < mn:
                bi = r
                mn = q
        lim = mn + tol * (1.0 + abs(mn))
        keep = 0
        for t in range(nt):
            if vals[t] <= lim:
                tied[keep] = tied[t]
                keep += 1
        nt = keep
        lex += 1
    return bi


@_jit
def _pivot(T, E, T2, E2, r, c, certified):  # pragma: no cover - compiled
    """``T2, E2`` := the dictionary after pivoting on row ``r``, column ``c`` (objective row included)."""
    rows, w = T.shape
    U = 2.0**-52
    p = T[r, c]
    if not certified:
        for jj in range(w):
            q = T[r, jj] / p
            for rr in range(rows):
                T2[rr, jj] = T[rr, jj] - T[rr, c] * q
            T2[r, jj] = q
        for rr in range(rows):
            T2[rr, c] = -T[rr, c] / p
        T2[r, c] = 1.0 / p
        return
    ep = E[r, c]
    gap = p - ep
    for jj in range(w):
        q = T[r, jj] / p
        aq = abs(q)
        eq = (E[r, jj] + aq * ep) / gap + U * aq
        for rr in range(rows):
            colv = T[rr, c]
            bq = colv * q
            T2[rr, jj] = T[rr, jj] - bq
            E2[rr, jj] = E[rr, jj] + abs(E[rr, c]) * (aq + eq) + abs(colv) * eq + 2 * U * (abs(T[rr, jj]) + abs(bq))
        T2[r, jj] = q
        E2[r, jj] = eq
    for rr in range(rows):
        qc = -T[rr, c] / p
        T2[rr, c] = qc
        E2[rr, c] = (E[rr, c] + abs(qc) * ep) / gap + U * abs(qc)
    T2[r, c] = 1.0 / p
    E2[r, c] = ep / (gap * p) + U / p


@_jit
def _label_words(BV, NB, ZR, label_of, W):  # pragma: no cover - compiled
    """The label set of the vertex (non-basic variables and zero basic ones) as int64 words."""
    words = np.zeros(W, dtype=np.int64)
    for j in range(NB.shape[0]):
        lab = label_of[NB[j]]
        words[lab // 62] |= np.int64(1) << (lab % 62)
    for r in range(BV.shape[0]):
        if ZR[r]:
            lab = label_of[BV[r]]
            words[lab // 62] |= np.int64(1) << (lab % 62)
    return words


@_jit
def _partner(other, BV, NB, d, margin):  # pragma: no cover - compiled
    """Pass-one test of a simple vertex ``x`` of P: 1 a partner ``y`` may exist, 0 none, -1 singular.

    ``y`` must make every strategy in the support of ``x`` a best response and use
    only strategies against which ``x``'s player's constraints are tight: the square
    system ``other[S, T] y_T = 1``; ``y >= 0`` and ``other y <= 1`` are checked with
    the generous ``margin`` (the caller decides candidates exactly).
    """
    k = BV.shape[0]
    S = np.empty(k, dtype=np.int64)
    s = 0
    for r in range(k):
        if BV[r] < d:
            S[s] = BV[r]
            s += 1
    if s == 0:
        return 0  # the origin
    Tc = np.empty(s, dtype=np.int64)
    t = 0
    for j in range(NB.shape[0]):
        if NB[j] >= d:
            if t == s:
                return -1
            Tc[t] = NB[j] - d
            t += 1
    if t != s:
        return -1
    M = np.empty((s, s + 1))
    big = 0.0
    for a in range(s):
        for b in range(s):
            M[a, b] = other[S[a], Tc[b]]
            big = max(big, abs(M[a, b]))
        M[a, s] = 1.0
    for col in range(s):  # Gaussian elimination with partial pivoting
        piv = col
        for a in range(col + 1, s):
            if abs(M[a, col]) > abs(M[piv, col]):
                piv = a
        if abs(M[piv, col]) <= 1e-9 * big:
            return -1
        if piv != col:
            for b in range(s + 1):
                tmp = M[col, b]
                M[col, b] = M[piv, b]
                M[piv, b] = tmp
        for a in range(col + 1, s):
            f = M[a, col] / M[col, col]
            if f != 0.0:
                for b in range(col, s + 1):
                    M[a, b] -= f * M[col, b]
    y = np.empty(s)
    for a in range(s - 1, -1, -1):
        acc = M[a, s]
        for b in range(a + 1, s):
            acc -= M[a, b] * y[b]
        y[a] = acc / M[a, a]
    for b in range(s):
        if y[b] < -margin:
            return 0
    insupp = np.zeros(other.shape[0], dtype=np.bool_)
    for a in range(s):
        insupp[S[a]] = True
    for i in range(other.shape[0]):
        if insupp[i]:
            continue
        acc = 0.0
        for b in range(s):
            acc += other[i, Tc[b]] * y[b]
        if acc > 1.0 + margin:
            return 0
    return 1


@_jit
def search(C, certified, tol, other, margin, label_of, dmasks, Tst, Est, BVst, NBst, CHst, RWst, ZRst, NXT, st,
           out_basis, out_masks, out_kind, out_ref, max_steps):  # pragma: no cover - compiled
    """Resume the depth-first reverse search for at most ``max_steps`` new bases.

    ``st`` = [depth, bases visited, status, outputs]; ``NXT[depth]`` is the next
    column to try at that depth (-1: the basis has just been reached). Pass one
    (``other`` has rows) reports candidate partners of simple vertices and every
    degenerate or singular vertex; pass two (``dmasks`` has rows) reports the
    vertices whose labels complete one of the stored ``dmasks``.
    """
    k, d = C.shape
    W = out_masks.shape[1]
    nd = dmasks.shape[0]
    nlab = label_of.shape[0]
    full = np.zeros(W, dtype=np.int64)
    for lab in range(nlab):
        full[lab // 62] |= np.int64(1) << (lab % 62)
    steps = 0
    cap = out_kind.shape[0]
    while True:
        dep = st[0]
        if NXT[dep] == -1:
            if steps >= max_steps:
                st[2] = RUNNING
                return
            if cap - st[3] < nd + 1:
                st[2] = FLUSH
                return
            ok = _decide(C, certified, tol, Tst[dep], Est[dep], BVst[dep], NBst[dep], CHst[dep], RWst[dep], ZRst[dep])
            if not ok:
                st[2] = FAILED
                return
            steps += 1
            st[1] += 1
            NXT[dep] = 0
            # -- the vertex of this basis
            degenerate = False
            for r in range(k):
                if ZRst[dep, r]:
                    degenerate = True
            words = _label_words(BVst[dep], NBst[dep], ZRst[dep], label_of, W)
            if other.shape[0] > 0:
                res = 0
                if not degenerate:
                    res = _partner(other, BVst[dep], NBst[dep], d, margin)
                if degenerate or res != 0:
                    o = st[3]
                    out_basis[o] = BVst[dep]
                    out_masks[o] = words
                    out_kind[o] = CANDIDATE if res == 1 else DEGENERATE
                    out_ref[o] = -1
                    st[3] = o + 1
            for i in range(nd):
                covers = True
                for w in range(W):
                    if (dmasks[i, w] | words[w]) != full[w]:
                        covers = False
                        break
                if covers:
                    o = st[3]
                    out_basis[o] = BVst[dep]
                    out_masks[o] = words
                    out_kind[o] = MATCH
                    out_ref[o] = i
                    st[3] = o + 1
        c = NXT[dep]
        if c == d:
            if dep == 0:
                st[2] = DONE
                return
            st[0] = dep - 1
            continue
        NXT[dep] = c + 1
        if not CHst[dep, c]:
            continue
        if dep + 1 == Tst.shape[0]:
            NXT[dep] = c
            st[2] = GROW
            return
        r = RWst[dep, c]
        _pivot(Tst[dep], Est[dep], Tst[dep + 1], Est[dep + 1], r, c, certified)
        BVst[dep + 1] = BVst[dep]
        NBst[dep + 1] = NBst[dep]
        BVst[dep + 1, r] = NBst[dep, c]
        NBst[dep + 1, c] = BVst[dep, r]
        NXT[dep + 1] = -1
        st[0] = dep + 1
