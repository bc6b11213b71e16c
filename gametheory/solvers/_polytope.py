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

__all__ = ["PolytopeVertices", "polytope_vertices"]

_SAFE = 2**31  # entries below this: products of two fit in int64


@dataclass(frozen=True)
class PolytopeVertices:
    """Vertices of ``{z >= 0 : C z <= 1}``.

    ``masks[v]`` is the label set of vertex ``v`` as a Python int: bit ``i < d`` set
    when ``z_i = 0``, bit ``d + j`` when constraint ``j`` is tight. ``coords[v]`` holds
    the numerators of ``z`` and ``denoms[v]`` the common denominator (1 in float mode).
    """

    masks: list
    coords: np.ndarray
    denoms: np.ndarray
    bases: int


def _keys(weights: np.ndarray, bits: np.ndarray) -> np.ndarray:
    """Bitmask keys (``int64`` or Python ints) of boolean rows."""
    if weights.dtype == object:
        out = np.empty(bits.shape[0], dtype=object)
        out[:] = [sum(int(w) for w, b in zip(weights, row) if b) for row in bits]
        return out
    return bits.astype(np.int64) @ weights


class _Seen:
    """A growing set of keys: a sorted ``int64`` array, or a Python set for wide keys."""

    def __init__(self, small: bool) -> None:
        self.small = small
        self.arr = np.zeros(0, dtype=np.int64)
        self.set: set = set()


def _fresh(keys: np.ndarray, seen: _Seen) -> np.ndarray:
    """Indices of the first occurrence of each key not yet in ``seen``; adds them."""
    if seen.small:
        uniq, idx = np.unique(keys, return_index=True)
        new = ~np.isin(uniq, seen.arr, assume_unique=True)
        seen.arr = np.union1d(seen.arr, uniq[new])
        return np.sort(idx[new])
    out = []
    for e, key in enumerate(keys.tolist()):
        if key not in seen.set:
            seen.set.add(key)
            out.append(e)
    return np.array(out, dtype=np.int64)


def _argmin_ratio(num, den, cand, exact: bool, tol: float):
    """Per row ``e``: the index ``r`` minimising ``num[e, r] / den[e, r]`` among ``cand[e]``.

    Returns the index and the mask of candidates tying with the minimum.
    """
    e_count, k = num.shape
    if exact:
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
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(cand, num / np.where(cand, den, 1.0), np.inf)
    best = ratio.argmin(axis=1)
    mn = ratio[np.arange(e_count), best]
    ties = cand & (ratio <= (mn + tol * (1.0 + np.abs(mn)))[:, None])
    return best, ties


def polytope_vertices(C: np.ndarray, *, exact: bool, tol: float = 1e-9) -> PolytopeVertices:
    """All vertices of ``{z in R^d : z >= 0, C z <= 1}`` for a positive ``k x d`` matrix ``C``.

    ``C`` must be integer (``int64`` or ``object`` of ``int``) when ``exact`` is true,
    float otherwise. Positivity makes the polytope bounded, so every entering
    variable has a leaving one.
    """
    k, d = C.shape
    nvar = d + k
    ncol = nvar + 1
    dtype = (object if C.dtype == object else np.int64) if exact else np.float64
    T0 = np.zeros((k, ncol), dtype=dtype)
    T0[:, :d] = C
    for r in range(k):
        T0[r, d + r] = 1
    T0[:, -1] = 1
    weights = np.array([1 << i for i in range(nvar)], dtype=np.int64 if nvar <= 62 else object)

    T = T0[None]
    D = np.ones(1, dtype=T.dtype)
    basic_var = np.arange(d, nvar, dtype=np.int64)[None]  # variable basic in each row
    is_basic = np.zeros((1, nvar), dtype=bool)
    is_basic[0, d:] = True
    seen_bases = _Seen(nvar <= 62)
    _fresh(_keys(weights, is_basic), seen_bases)
    seen_vertices = _Seen(nvar <= 62)
    masks: list = []
    coords: list = []
    denoms: list = []
    nbases = 0

    while T.shape[0]:
        F = T.shape[0]
        nbases += F
        if exact and T.dtype != object and np.abs(T).max() >= _SAFE:
            T, D = T.astype(object), D.astype(object)  # products could overflow int64
        # -- record the vertices of this frontier (label set = zero variables) --------
        rhs = T[:, :, -1]
        zero_basic = (rhs == 0) if exact else (rhs <= tol)
        zero = ~is_basic.copy()
        fidx = np.repeat(np.arange(F), k)
        zero[fidx, basic_var.ravel()] = zero_basic.ravel()
        vkeys = _keys(weights, zero)
        fresh = _fresh(vkeys, seen_vertices)
        if len(fresh):
            vals = np.zeros((len(fresh), nvar + 1), dtype=T.dtype)
            rows_f = np.repeat(np.arange(len(fresh)), k)
            vals[rows_f, basic_var[fresh].ravel()] = rhs[fresh].ravel()
            z = vals[:, :d]
            if not exact:
                z[z < tol] = 0.0
            masks.extend(vkeys[fresh].tolist())
            coords.append(z)
            denoms.append(D[fresh])
        # -- ratio test for every (basis, entering variable) ------------------------
        nb = np.nonzero(~is_basic)[1].reshape(F, d)
        Tc = np.take_along_axis(T[:, :, :nvar], np.broadcast_to(nb[:, None, :], (F, k, d)), axis=2)
        den = Tc.transpose(0, 2, 1).reshape(F * d, k)
        num = np.repeat(rhs, d, axis=0)
        cand = den > 0 if exact else den > tol
        best, ties = _argmin_ratio(num, den, cand, exact, tol)
        multi = ties.sum(axis=1) > 1
        lex = 0
        while multi.any() and lex < k:
            sub = np.nonzero(multi)[0]
            col = np.repeat(T[:, :, d + lex], d, axis=0)[sub]
            b2, t2 = _argmin_ratio(col, den[sub], ties[sub], exact, tol)
            best[sub] = b2
            ties[sub] = t2
            multi[sub] = t2.sum(axis=1) > 1
            lex += 1
        best = best.reshape(F, d)
        if (best < 0).any():  # cannot happen for positive C (bounded polytope)
            raise ArithmeticError("unbounded edge in a best-response polytope")
        leave_var = np.take_along_axis(basic_var, best, axis=1)
        parent_keys = _keys(weights, is_basic)
        new_keys = parent_keys[:, None] - weights[leave_var] + weights[nb]
        sel = _fresh(new_keys.ravel(), seen_bases)
        if not len(sel):
            break
        f_sel, j_sel = np.divmod(sel, d)
        r_sel = best[f_sel, j_sel]
        c_sel = nb[f_sel, j_sel]
        # -- pivot the selected tableaux ------------------------------------------
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
            D = p
        else:
            rown = rowv / p[:, None]
            newT = Tp - colv[:, :, None] * rown[:, None, :]
            newT[s_idx, r_sel, :] = rown
            D = np.ones(S)
        T = newT
        basic_var = basic_var[f_sel].copy()
        basic_var[s_idx, r_sel] = c_sel
        is_basic = is_basic[f_sel].copy()
        is_basic[s_idx, leave_var[f_sel, j_sel]] = False
        is_basic[s_idx, c_sel] = True
    kind = object if exact else np.float64
    return PolytopeVertices(
        masks=[int(v) for v in masks],
        coords=np.concatenate(coords).astype(kind),
        denoms=np.concatenate(denoms).astype(kind),
        bases=nbases,
    )
