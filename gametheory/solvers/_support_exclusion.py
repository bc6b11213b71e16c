"""Prove that a support profile holds no equilibrium by subdividing its probability box.

In the coordinates ``x`` (each mixing player's probabilities of its support strategies but
the first, which gets ``1 - Σx``) every indifference equation and every payoff difference
is *multilinear*: affine in each coordinate separately (a product over players of entries
that are affine in disjoint blocks of ``x``). Over a box its exact range is therefore the
hull of its values at the box's corners. A box is excluded when some equation is
certainly non-zero at all corners (same strict sign), when some strategy outside a support
certainly pays more, or when a first probability ``1 - Σx`` is certainly negative. Boxes
that remain are bisected; when none remains, no point of the open region solves the
system with the best-response conditions, so the support holds no equilibrium.

Float corner values are compared with a margin that bounds their rounding error, so an
exclusion is a proof. The search gives up (returns ``False``) after a budget of boxes,
for example when the support does hold an equilibrium; the caller then solves it exactly.

Examples
--------
>>> import numpy as np
>>> mp = [np.array([[1., -1.], [-1., 1.]]), np.array([[-1., 1.], [1., -1.]])]
>>> excluded_by_subdivision(mp, ((0, 1), (0, 1)))        # matching pennies: an equilibrium inside
False
>>> pd = [np.array([[3., 0.], [5., 1.]]), np.array([[3., 5.], [0., 1.]])]
>>> excluded_by_subdivision(pd, ((0, 1), (0, 1)))        # Prisoner's Dilemma: none fully mixed
True
"""

from __future__ import annotations

import itertools
import string
from typing import Sequence

import numpy as np

__all__ = ["excluded_by_subdivision"]

Support = tuple[tuple[int, ...], ...]


def excluded_by_subdivision(A: Sequence[np.ndarray], support: Support, *, max_boxes: int = 40_000) -> bool:
    """``True`` when it is proven that no equilibrium has exactly this support.

    ``A`` holds each player's payoffs as floats (exact integers up to ``2**53`` or any
    floats: the margin scales with their magnitude).
    """
    n = len(support)
    mixing = [j for j in range(n) if len(support[j]) > 1]
    if not mixing:
        return False
    dims = {j: len(support[j]) - 1 for j in mixing}
    offsets, m = {}, 0
    for j in mixing:
        offsets[j] = m
        m += dims[j]
    # corners of each block: which coordinates of the block are at their upper end
    corners = {j: np.array(list(itertools.product((0, 1), repeat=dims[j])), dtype=bool) for j in mixing}

    # functions: (tensor over the mixing others' supports, kind) with kind 0 = equation, 1 = must be <= 0
    funcs = []
    for i in range(n):
        others = [j for j in mixing if j != i]
        t = np.moveaxis(np.asarray(A[i], dtype=float), i, 0)
        idx = tuple(list(support[j]) if j in mixing else [support[j][0]] for j in range(n) if j != i)
        sub = t[(slice(None),) + np.ix_(*idx)] if idx else t
        sub = sub.reshape((t.shape[0],) + tuple(len(support[j]) for j in others))
        base = sub[support[i][0]]
        for k in range(t.shape[0]):
            if k == support[i][0]:
                continue
            diff = sub[k] - base
            kind = 0 if k in support[i] else 1
            margin = 1e-9 * (float(np.abs(sub[k]).sum() + np.abs(base).sum()) + 1.0)
            funcs.append((others, diff, kind, margin))
    if not funcs:
        return False

    lo = np.zeros((1, m))
    hi = np.ones((1, m))
    used = 0
    letters = string.ascii_letters
    while len(lo):
        used += len(lo)
        if used > max_boxes:
            return False
        keep = np.ones(len(lo), dtype=bool)
        # first probabilities 1 - Σx certainly negative
        for j in mixing:
            sl = slice(offsets[j], offsets[j] + dims[j])
            keep &= lo[:, sl].sum(axis=1) < 1.0 + 1e-12
        # probability vectors at the corners of each block: (boxes, corners, |S_j|)
        sigma = {}
        for j in mixing:
            sl = slice(offsets[j], offsets[j] + dims[j])
            x = np.where(corners[j][None, :, :], hi[:, None, sl], lo[:, None, sl])
            sigma[j] = np.concatenate([1.0 - x.sum(axis=2, keepdims=True), x], axis=2)
        for others, tensor, kind, margin in funcs:
            if not keep.any():
                break
            if others:
                ops, subs = [tensor], letters[: len(others)]
                spec = [subs]
                for t_, j in enumerate(others):
                    ops.append(sigma[j])
                    spec.append("Z" + letters[26 + t_] + subs[t_])
                out = "Z" + letters[26 : 26 + len(others)]
                vals = np.einsum(",".join(spec) + "->" + out, *ops).reshape(len(lo), -1)
            else:
                vals = np.full((len(lo), 1), float(tensor))
            vmin, vmax = vals.min(axis=1), vals.max(axis=1)
            if kind == 0:
                keep &= ~((vmin > margin) | (vmax < -margin))
            else:
                keep &= ~(vmin > margin)
        lo, hi = lo[keep], hi[keep]
        if not len(lo):
            return True
        # bisect each remaining box along its widest coordinate
        axis = np.argmax(hi - lo, axis=1)
        mid = (lo[np.arange(len(lo)), axis] + hi[np.arange(len(lo)), axis]) / 2
        lo2, hi2 = lo.copy(), hi.copy()
        hi[np.arange(len(lo)), axis] = mid
        lo2[np.arange(len(lo)), axis] = mid
        lo, hi = np.concatenate([lo, lo2]), np.concatenate([hi, hi2])
    return True
