"""Vertices of the best-response polytopes ``{z >= 0 : C z <= 1}`` (private helper).

Every vertex, degenerate ones included, is found by a breadth-first search over
the *lexicographically feasible* bases: the right-hand side ``1`` is perturbed to
``1 + (eps, eps^2, ...)``, which makes the polytope simple without moving its
vertices in the limit, so each vertex of the original polytope is represented by
at least one lex-feasible basis and the lex-feasible bases form a connected graph
in which every basis has exactly ``d`` neighbours (one per entering variable,
found by the lexicographic minimum-ratio test). See Avis, Rosenberg, Savani and
von Stengel (2010) and Dantzig, Orden and Wolfe (1955) for the lexicographic rule.

The search runs level by level and is vectorised over the whole frontier: one
numpy operation pivots hundreds of tableaux at once.

* Exact mode works on integer data with fraction-free ("integer") pivoting: every
  tableau entry is a minor of ``[C | I | 1]``, every division is exact. Entries
  stay ``int64`` while they are below ``2**31`` (so no product can overflow) and
  switch to Python integers (``object`` arrays) otherwise, so results are always exact.
* Float mode normalises the pivot row and decides zeros and ties with a tolerance.

Vertices are identified by their *label set*, the set of variables that are zero
(original coordinates at 0 and tight constraints): two distinct vertices never
share it, so de-duplication is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import SolverError
from . import _bfs_compiled
from ._jit import worth_compiling

__all__ = ["PolytopeVertices", "polytope_vertices", "vertex_point"]

#: Bound on the bases visited per polytope before giving up with a SolverError.
MAX_BASES = 3_000_000

_SAFE = 2**31  # entries below this: products of two fit in int64


@dataclass(frozen=True)
class PolytopeVertices:
    """Vertices of ``{z >= 0 : C z <= 1}``.

    ``masks[v]`` is the label set of vertex ``v`` as a Python int: bit ``i < d`` set
    when ``z_i = 0``, bit ``d + j`` when constraint ``j`` is tight. ``coords[v]`` holds
    the numerators of ``z`` and ``denoms[v]`` the common denominator (1 in float mode).
    """

    masks: list
    coords: np.ndarray | None
    denoms: np.ndarray | None
    bases: int
    basis: np.ndarray | None = None  # when coords is None: basic variables of each vertex
    matrix: np.ndarray | None = None


def _keys(weights: np.ndarray, bits: np.ndarray) -> np.ndarray:
    """Bitmask keys (``int64`` or Python ints) of boolean rows."""
    if weights.dtype == object:
        out = np.empty(bits.shape[0], dtype=object)
        out[:] = [sum(int(w) for w, b in zip(weights, row) if b) for row in bits]
        return out
    return bits.astype(np.int64) @ weights


class _Seen:
    """A growing set of keys: a dense bitmap for keys below ``2**24``, else a Python set."""

    def __init__(self, nvar: int = 63) -> None:
        self.bitmap = np.zeros(1 << nvar, dtype=bool) if nvar <= 24 else None
        self.set: set = set()


def _fresh(keys: np.ndarray, seen: _Seen) -> np.ndarray:
    """Indices of the first occurrence of each key not yet in ``seen``; adds them."""
    if seen.bitmap is not None:
        uniq, idx = np.unique(keys, return_index=True)
        new = ~seen.bitmap[uniq]
        seen.bitmap[uniq[new]] = True
        return np.sort(idx[new])
    known = seen.set
    if len(keys) > 256 and keys.dtype != object:
        uniq, idx = np.unique(keys, return_index=True)
        out = [i for key, i in zip(uniq.tolist(), idx.tolist()) if key not in known]
        known.update(keys[out].tolist())
        out.sort()
        return np.array(out, dtype=np.int64)
    out = []
    for e, key in enumerate(keys.tolist()):
        if key not in known:
            known.add(key)
            out.append(e)
    return np.array(out, dtype=np.int64)


def _exact_tournament(num, den, cand):
    """Exact argmin of ``num / den`` over ``cand`` per row (cross-multiplication)."""
    e_count, k = num.shape
    best = np.full(e_count, -1, dtype=np.int64)
    bnum = np.zeros(e_count, dtype=num.dtype)
    bden = np.ones(e_count, dtype=den.dtype)
    for r in range(k):
        c = cand[:, r]
        if not c.any():
            continue
        better = c & ((best < 0) | (num[:, r] * bden < bnum * den[:, r]))
        best = np.where(better, r, best)
        bnum = np.where(better, num[:, r], bnum)
        bden = np.where(better, den[:, r], bden)
    ties = cand & (num * bden[:, None] == bnum[:, None] * den)
    return best, ties


def _argmin_ratio(num, den, cand, exact: bool, tol: float):
    """Per row ``e``: the index ``r`` minimising ``num[e, r] / den[e, r]`` among ``cand[e]``.

    Returns the index and the mask of candidates tying with the minimum. In exact
    mode ``num >= 0`` and ``den > 0`` on candidates are integers: a float filter
    decides (int -> float and the division are correctly rounded, so computed
    ratios are within a relative 4e-16 of the true ones; a margin of 1e-12 is
    safe) and only near-ties are compared exactly.
    """
    e_count, k = num.shape
    try:
        fnum = num.astype(np.float64) if num.dtype == object else num
        fden = den.astype(np.float64) if den.dtype == object else den
    except OverflowError:  # integers beyond float range (payoffs near 1e308): decide exactly
        return _exact_tournament(num, den, cand)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(cand, fnum / np.where(cand, fden, 1.0), np.inf)
    best = ratio.argmin(axis=1)
    mn = ratio[np.arange(e_count), best]
    if not exact:
        ties = cand & (ratio <= (mn + tol * (1.0 + np.abs(mn)))[:, None])
        return best, ties
    near = cand & (ratio <= (mn * (1.0 + 1e-12))[:, None])
    best = np.where(np.isfinite(mn), best, -1)
    multi = near.sum(axis=1) > 1
    if multi.any():
        rows = np.nonzero(multi)[0]
        b2, t2 = _exact_tournament(num[rows], den[rows], near[rows])
        best[rows] = b2
        near[rows] = t2
    return best, near


def polytope_vertices(C: np.ndarray, *, exact: bool, tol: float = 1e-9) -> PolytopeVertices:
    """All vertices of ``{z in R^d : z >= 0, C z <= 1}`` for a positive ``k x d`` matrix ``C``.

    ``C`` must be integer (``int64`` or ``object`` of ``int``) when ``exact`` is true,
    float otherwise. Positivity makes the polytope bounded, so every entering
    variable has a leaving one.

    Exact mode first tries a *certified* floating-point search
    (:func:`_certified_float_vertices`): every decision is checked against a
    rigorous running error bound, and the search gives up as soon as one decision
    is not certain (e.g. a degenerate vertex); then the exact integer search runs.
    Either way the result is the exact vertex set.
    """
    if exact:
        certified = _certified_float_vertices(C)
        if certified is not None:
            return certified
    return _bfs(C, exact=exact, tol=tol)


def vertex_point(pv: PolytopeVertices, v: int) -> tuple[list, object]:
    """Numerators and common denominator of vertex ``v`` (exact ints, or floats with denominator 1)."""
    if pv.coords is not None:
        return list(pv.coords[v]), pv.denoms[v]
    import flint

    C = pv.matrix
    k, d = C.shape
    basic = [int(b) for b in pv.basis[v]]
    cols = [[int(C[r, b]) if b < d else int(r == b - d) for b in basic] for r in range(k)]
    sol = flint.fmpz_mat(k, k, [x for row in cols for x in row]).solve(flint.fmpz_mat(k, 1, [1] * k))
    den = 1
    vals = []
    for r in range(k):
        q = sol[r, 0]
        vals.append((int(q.p), int(q.q)))
        den = den * int(q.q) // _gcd(den, int(q.q))
    z = [0] * d
    for b, (p_, q_) in zip(basic, vals):
        if b < d:
            z[b] = p_ * (den // q_)
    return z, den


def _gcd(a: int, b: int) -> int:
    import math

    return math.gcd(a, b)


_U = 2.0**-52  # twice the unit roundoff: covers one rounding plus second-order terms


def _certified_float_vertices(C: np.ndarray) -> PolytopeVertices | None:
    """Vertex enumeration in floats with running error bounds, or ``None`` when not certain.

    Every tableau entry ``t`` carries a bound ``e`` with ``|t - t_exact| <= e``
    (first-order propagation through each division, product and difference, plus
    the rounding of each operation). A decision is taken only when it is certain:
    pivot candidates must be certainly positive or certainly non-positive, every
    right-hand side certainly positive (so the polytope is simple and each basis is
    a distinct vertex with exactly ``d`` labels), and the minimum ratio certainly
    smaller than all others. Then the search is the exact search.
    """
    k, d = C.shape
    nvar = d + k
    if C.dtype == object or np.abs(C).max() >= 2**52 or nvar > 62:
        return None
    if nvar >= _bfs_compiled.MIN_VARIABLES and worth_compiling(False) and _bfs_compiled.certified_kernel() is not None:
        masks_c, basis_c, count = _bfs_compiled.certified_kernel()(np.ascontiguousarray(C, dtype=np.int64), MAX_BASES)
        if count == -1:
            raise SolverError(
                f"best-response polytope has more than {MAX_BASES} vertices/bases: all-equilibria enumeration "
                "is infeasible at this size; use lemke_howson for one equilibrium"
            )
        if count == -3:
            return None  # too degenerate for this path: the exact search is faster
        if count > 0:  # (-4: an exact decision failed; the numpy search reports it)
            return PolytopeVertices(
                masks=[int(v) for v in masks_c], coords=None, denoms=None, bases=int(count), basis=basis_c, matrix=C
            )
    T = np.zeros((1, k, d + 1))
    T[0, :, :d] = C
    T[0, :, d] = 1.0
    E = np.zeros_like(T)
    weights = np.array([1 << i for i in range(nvar)], dtype=np.int64)
    basic_var = np.arange(d, nvar, dtype=np.int64)[None]
    nonbasic_var = np.arange(d, dtype=np.int64)[None]
    is_basic = np.zeros((1, nvar), dtype=bool)
    is_basic[0, d:] = True
    seen = _Seen(nvar)
    _fresh(_keys(weights, is_basic), seen)
    seen_vertices = _Seen(nvar)
    masks, bases = [], []
    nbases = 0
    while T.shape[0]:
        F = T.shape[0]
        nbases += F
        if nbases > MAX_BASES:
            raise SolverError(
                f"best-response polytope has more than {MAX_BASES} vertices/bases: all-equilibria enumeration "
                "is infeasible at this size; use lemke_howson for one equilibrium"
            )
        rhs, erhs = T[:, :, d], E[:, :, d]
        den = T[:, :, :d].transpose(0, 2, 1).reshape(F * d, k)
        eden = E[:, :, :d].transpose(0, 2, 1).reshape(F * d, k)
        pos = den - eden > 0
        sure_sign = (pos | (den + eden <= 0)).reshape(F, d * k).all(axis=1)
        num = np.repeat(rhs, d, axis=0)
        enum_ = np.repeat(erhs, d, axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            lo = np.where(pos, (num - enum_) / (den + eden) * (1 - 4 * _U), np.inf)
            hi = np.where(pos, (num + enum_) / np.where(pos, den - eden, 1.0) * (1 + 4 * _U), np.inf)
        best = hi.argmin(axis=1)
        e_idx = np.arange(F * d)
        hib = hi[e_idx, best]
        lo[e_idx, best] = np.inf
        sure_ratio = (hib < lo.min(axis=1)).reshape(F, d).all(axis=1)
        sure = (rhs - erhs > 0).all(axis=1) & sure_sign & sure_ratio
        zero_rhs = np.zeros((F, k), dtype=bool)
        best = best.reshape(F, d)
        doubtful = np.nonzero(~sure)[0]
        if len(doubtful) > max(64, F // 4):
            return None  # too degenerate for this path: the exact search is faster
        for f in doubtful:  # decide exactly (lexicographic rule), continue in floats
            T[f], E[f], best[f], zero_rhs[f] = _exact_decisions(C, basic_var[f], nonbasic_var[f])
        zero = ~is_basic
        if len(doubtful):
            zero = zero.copy()
            fidx = np.repeat(np.arange(F), k)
            zero[fidx, basic_var.ravel()] = zero_rhs.ravel()
        vkeys = _keys(weights, zero)
        fresh = _fresh(vkeys, seen_vertices)
        masks.append(vkeys[fresh])
        bases.append(basic_var[fresh])
        leave_var = np.take_along_axis(basic_var, best, axis=1)
        new_keys = _keys(weights, is_basic)[:, None] - weights[leave_var] + weights[nonbasic_var]
        sel = _fresh(new_keys.ravel(), seen)
        if not len(sel):
            break
        f_sel, c_sel = np.divmod(sel, d)
        r_sel = best[f_sel, c_sel]
        S = len(sel)
        s_idx = np.arange(S)
        Tp, Ep = T[f_sel], E[f_sel]
        p = Tp[s_idx, r_sel, c_sel]
        ep = Ep[s_idx, r_sel, c_sel]
        colv, ecol = Tp[s_idx, :, c_sel], Ep[s_idx, :, c_sel]
        rowv, erow = Tp[s_idx, r_sel, :], Ep[s_idx, r_sel, :]
        gap = p - ep  # > 0: certified positive pivot
        q = rowv / p[:, None]
        eq = (erow + np.abs(q) * ep[:, None]) / gap[:, None] + _U * np.abs(q)
        bq = colv[:, :, None] * q[:, None, :]
        newT = Tp - bq
        newE = (
            Ep
            + np.abs(ecol)[:, :, None] * (np.abs(q) + eq)[:, None, :]
            + np.abs(colv)[:, :, None] * eq[:, None, :]
            + 2 * _U * (np.abs(Tp) + np.abs(bq))
        )
        newT[s_idx, r_sel, :] = q
        newE[s_idx, r_sel, :] = eq
        qc = -colv / p[:, None]
        newT[s_idx, :, c_sel] = qc
        newE[s_idx, :, c_sel] = (ecol + np.abs(qc) * ep[:, None]) / gap[:, None] + _U * np.abs(qc)
        newT[s_idx, r_sel, c_sel] = 1.0 / p
        newE[s_idx, r_sel, c_sel] = ep / (gap * p) + _U / p
        T, E = newT, newE
        entering = nonbasic_var[f_sel, c_sel]
        leaving = leave_var[f_sel, c_sel]
        basic_var = basic_var[f_sel].copy()
        basic_var[s_idx, r_sel] = entering
        nonbasic_var = nonbasic_var[f_sel].copy()
        nonbasic_var[s_idx, c_sel] = leaving
        is_basic = is_basic[f_sel].copy()
        is_basic[s_idx, leaving] = False
        is_basic[s_idx, entering] = True
    return PolytopeVertices(
        masks=[int(v) for v in np.concatenate(masks)],
        coords=None,
        denoms=None,
        bases=nbases,
        basis=np.concatenate(bases),
        matrix=C,
    )


def _exact_decisions(C: np.ndarray, basic: np.ndarray, nonbasic: np.ndarray):
    """Exact tableau of one basis and its exact lexicographic ratio tests.

    Returns the rounded dictionary, its error bounds, the leaving row for each
    entering column and the mask of rows whose right-hand side is exactly 0.
    The dictionary is solved by flint and handled as integer numerators over a
    common positive denominator; ratios are compared by cross-multiplication and
    rounded by Python's correctly rounded integer division.
    """
    k, d = C.shape
    nbpos = {int(v): j for j, v in enumerate(nonbasic.tolist())}
    basic_l = basic.tolist()
    num_mat, den = _exact_dictionary(C, basic, nonbasic).numer_denom()
    den = int(den)
    flat = [int(v) for v in num_mat.entries()]
    if den < 0:
        den, flat = -den, [-v for v in flat]
    w = d + 1
    fr = [flat[r * w : (r + 1) * w] for r in range(k)]
    column_rhs = [row[d] for row in fr]
    lexcols: list = [None] * k  # columns of the basis inverse (initial slacks), built when needed

    def lexcol(s_: int) -> list:
        col = lexcols[s_]
        if col is None:
            var = d + s_
            j_ = nbpos.get(var)
            if j_ is not None:
                col = [row[j_] for row in fr]
            else:
                col = [den if b == var else 0 for b in basic_l]
            lexcols[s_] = col
        return col

    best = np.zeros(d, dtype=np.int64)
    for j in range(d):
        colj = [row[j] for row in fr]
        rows = [r for r in range(k) if colj[r] > 0]
        if not rows:
            raise ArithmeticError("unbounded edge in a best-response polytope")
        column = column_rhs
        lvl = 0
        while True:
            # rows minimising column[r] / colj[r] (positive denominators): cross-multiply
            b_ = rows[0]
            tied = [b_]
            for r in rows[1:]:
                lhs, rhs_ = column[r] * colj[b_], column[b_] * colj[r]
                if lhs < rhs_:
                    b_, tied = r, [r]
                elif lhs == rhs_:
                    tied.append(r)
            rows = tied
            if len(rows) == 1 or lvl == k:
                break
            column = lexcol(lvl)
            lvl += 1
        best[j] = rows[0]
    vals = np.array([v / den for v in flat]).reshape(k, w)
    zero_rhs = np.array([v == 0 for v in column_rhs])
    return vals, _U * np.abs(vals), best, zero_rhs


def _exact_dictionary(C: np.ndarray, basic: np.ndarray, nonbasic: np.ndarray):
    """``B^-1 [N | 1]`` of one basis as a flint ``fmpq_mat``."""
    import flint

    k, d = C.shape
    full = np.zeros((k, d + k + 1), dtype=C.dtype)
    full[:, :d] = C
    full[np.arange(k), d + np.arange(k)] = 1
    full[:, d + k] = 1
    Bm = flint.fmpz_mat(full[:, basic].tolist())
    Rm = flint.fmpz_mat(full[:, np.append(nonbasic, d + k)].tolist())
    return Bm.solve(Rm)


def _bfs(C: np.ndarray, *, exact: bool, tol: float = 1e-9) -> PolytopeVertices:
    """Breadth-first search over lex-feasible bases, exact integer or float.

    The tableaux are kept in dictionary form: for each basis only the columns of
    the ``d`` non-basic variables and the right-hand side, ``k x (d + 1)``.
    """
    k, d = C.shape
    nvar = d + k
    if (not exact and _bfs_compiled.MIN_VARIABLES <= nvar <= 62 and worth_compiling(False)
            and _bfs_compiled.kernel() is not None):
        masks_c, coords_c, count = _bfs_compiled.kernel()(np.ascontiguousarray(C, dtype=np.float64), float(tol), MAX_BASES)
        if count == -1:
            raise SolverError(
                f"best-response polytope has more than {MAX_BASES} vertices/bases: all-equilibria enumeration "
                "is infeasible at this size; use lemke_howson for one equilibrium"
            )
        if count > 0:  # (-2: an edge without a leaving variable; the numpy search reports it)
            return PolytopeVertices(
                masks=[int(v) for v in masks_c], coords=coords_c, denoms=np.ones(len(masks_c)), bases=int(count)
            )
    dtype = (object if C.dtype == object else np.int64) if exact else np.float64
    T = np.zeros((1, k, d + 1), dtype=dtype)
    T[0, :, :d] = C
    T[0, :, d] = 1
    weights = np.array([1 << i for i in range(nvar)], dtype=np.int64 if nvar <= 62 else object)
    D = np.ones(1, dtype=dtype)
    basic_var = np.arange(d, nvar, dtype=np.int64)[None]  # variable basic in each row
    nonbasic_var = np.arange(d, dtype=np.int64)[None]  # variable of each column
    is_basic = np.zeros((1, nvar), dtype=bool)
    is_basic[0, d:] = True
    seen_bases = _Seen(nvar)
    _fresh(_keys(weights, is_basic), seen_bases)
    seen_vertices = _Seen(nvar)
    masks: list = []
    coords: list = []
    denoms: list = []
    nbases = 0

    while T.shape[0]:
        F = T.shape[0]
        nbases += F
        if nbases > MAX_BASES:
            raise SolverError(
                f"best-response polytope has more than {MAX_BASES} vertices/bases: all-equilibria enumeration "
                "is infeasible at this size; use lemke_howson for one equilibrium"
            )
        if exact and T.dtype != object and np.abs(T).max() >= _SAFE:
            T, D = T.astype(object), D.astype(object)  # products could overflow int64
        rhs = T[:, :, d]
        # -- record the vertices of this frontier (label set = zero variables) --------
        zero_basic = (rhs == 0) if exact else (rhs <= tol)
        zero = ~is_basic
        fidx = np.repeat(np.arange(F), k)
        zero[fidx, basic_var.ravel()] = zero_basic.ravel()
        vkeys = _keys(weights, zero)
        fresh = _fresh(vkeys, seen_vertices)
        if len(fresh):
            vals = np.zeros((len(fresh), nvar), dtype=T.dtype)
            rows_f = np.repeat(np.arange(len(fresh)), k)
            vals[rows_f, basic_var[fresh].ravel()] = rhs[fresh].ravel()
            z = vals[:, :d]
            if not exact:
                z[z < tol] = 0.0
            masks.extend(vkeys[fresh].tolist())
            coords.append(z)
            denoms.append(D[fresh])
        # -- ratio test for every (basis, entering column) --------------------------
        if exact:
            den_all = T[:, :, :d].transpose(0, 2, 1).reshape(F * d, k)
            num = np.repeat(rhs, d, axis=0)
            best, ties = _argmin_ratio(num, den_all, den_all > 0, True, 0.0)
            sub = np.nonzero(ties.sum(axis=1) > 1)[0]
            den_sub, ties_sub = den_all[sub], ties[sub]
        else:
            # (basis, row, entering column) at once, without transposed copies
            Td = T[:, :, :d]
            pos3 = Td > tol
            ratio = np.full(Td.shape, np.inf)
            np.divide(rhs[:, :, None], Td, out=ratio, where=pos3)
            best3 = ratio.argmin(axis=1)
            mn = np.take_along_axis(ratio, best3[:, None, :], axis=1)
            tie3 = ratio <= mn + tol * (1.0 + np.abs(mn))
            best = best3.ravel()
            sub = np.nonzero((tie3.sum(axis=1) > 1).ravel())[0]
            f_s, j_s = np.divmod(sub, d)
            den_sub, ties_sub = Td[f_s, :, j_s], tie3[f_s, :, j_s]
        lex = 0
        while len(sub) and lex < k:
            # lexicographic rule: next column of the basis inverse (initial slack d + lex)
            f_sub = sub // d
            var = d + lex
            col = np.zeros((len(sub), k), dtype=T.dtype)
            basic_here = is_basic[f_sub, var]
            if basic_here.any():
                hit = np.nonzero(basic_here)[0]
                row_of = np.argmax(basic_var[f_sub[hit]] == var, axis=1)
                col[hit, row_of] = D[f_sub[hit]]
            if (~basic_here).any():
                miss = np.nonzero(~basic_here)[0]
                pos = np.argmax(nonbasic_var[f_sub[miss]] == var, axis=1)
                col[miss] = T[f_sub[miss], :, pos]
            if exact:
                b2, t2 = _lex_step(col, den_sub, ties_sub)
            else:
                b2, t2 = _argmin_ratio(col, den_sub, ties_sub, False, tol)
            best[sub] = b2
            still = t2.sum(axis=1) > 1
            sub, den_sub, ties_sub = sub[still], den_sub[still], t2[still]
            lex += 1
        best = best.reshape(F, d)
        if (best < 0).any():  # cannot happen for positive C (bounded polytope)
            raise ArithmeticError("unbounded edge in a best-response polytope")
        leave_var = np.take_along_axis(basic_var, best, axis=1)
        parent_keys = _keys(weights, is_basic)
        new_keys = parent_keys[:, None] - weights[leave_var] + weights[nonbasic_var]
        sel = _fresh(new_keys.ravel(), seen_bases)
        if not len(sel):
            break
        f_sel, c_sel = np.divmod(sel, d)
        r_sel = best[f_sel, c_sel]
        # -- pivot the selected tableaux (dictionary form) ------------------------
        Tp = T[f_sel]
        S = len(sel)
        s_idx = np.arange(S)
        p = Tp[s_idx, r_sel, c_sel]
        colv = Tp[s_idx, :, c_sel]
        rowv = Tp[s_idx, r_sel, :]
        if exact:
            Dp = D[f_sel]
            newT = (Tp * p[:, None, None] - colv[:, :, None] * rowv[:, None, :]) // Dp[:, None, None]
            newT[s_idx, r_sel, :] = rowv
            newT[s_idx, :, c_sel] = -colv
            newT[s_idx, r_sel, c_sel] = Dp
            D = p
        else:
            rown = rowv / p[:, None]
            newT = Tp - colv[:, :, None] * rown[:, None, :]
            newT[s_idx, r_sel, :] = rown
            newT[s_idx, :, c_sel] = -colv / p[:, None]
            newT[s_idx, r_sel, c_sel] = 1.0 / p
            D = np.ones(S)
        T = newT
        entering = nonbasic_var[f_sel, c_sel]
        leaving = leave_var[f_sel, c_sel]
        basic_var = basic_var[f_sel].copy()
        basic_var[s_idx, r_sel] = entering
        nonbasic_var = nonbasic_var[f_sel].copy()
        nonbasic_var[s_idx, c_sel] = leaving
        is_basic = is_basic[f_sel].copy()
        is_basic[s_idx, leaving] = False
        is_basic[s_idx, entering] = True
    kind = object if exact else np.float64
    return PolytopeVertices(
        masks=[int(v) for v in masks],
        coords=np.concatenate(coords).astype(kind),
        denoms=np.concatenate(denoms).astype(kind),
        bases=nbases,
    )


def _lex_step(num, den, cand):
    """Exact lexicographic tie-break step: ``num`` may be negative here."""
    return _exact_tournament(num, den, cand)
