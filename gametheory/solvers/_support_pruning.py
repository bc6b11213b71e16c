"""Support profiles of an N-player game, with those that cannot hold an equilibrium pruned.

A support profile ``(S_1, ..., S_N)`` is pruned when some strategy ``k`` in some ``S_i``
is *conditionally dominated*: another pure strategy of player ``i`` is never worse than
``k`` against every pure profile of the others' supports and better against one. Every
such profile has positive probability when the others mix over exactly their supports,
so ``k`` earns strictly less in expectation and is not a best response (Porter, Nudelman
& Shoham 2008, "conditional dominance").

The test is done once per player and per support profile of the *others* on bitmasks
(one bit per pure profile of the others), so checking a support profile costs a few
integer operations.

Examples
--------
>>> import numpy as np
>>> pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])     # Prisoner's Dilemma
>>> [s for s in surviving_supports(pd)]
[((1,), (1,))]
"""

from __future__ import annotations

import itertools
from typing import Iterator, Sequence

import numpy as np

__all__ = ["support_masks", "surviving_supports", "all_support_profiles"]

Support = tuple[tuple[int, ...], ...]


def _subsets(n: int) -> list[tuple[int, ...]]:
    return [c for r in range(1, n + 1) for c in itertools.combinations(range(n), r)]


def all_support_profiles(shape: Sequence[int]) -> list[Support]:
    """Every support profile, smallest total size first (ties in lexicographic order).

    Examples
    --------
    >>> all_support_profiles((1, 2))
    [((0,), (0,)), ((0,), (1,)), ((0,), (0, 1))]
    """
    profiles = list(itertools.product(*[_subsets(n) for n in shape]))
    profiles.sort(key=lambda s: (sum(len(x) for x in s), s))
    return profiles


def _mask(s: Sequence[int]) -> int:
    m = 0
    for k in s:
        m |= 1 << k
    return m


def support_masks(payoffs: np.ndarray) -> list[dict[tuple[int, ...], int]]:
    """Per player ``i``: ``{others' support bitmasks: bitmask of i's conditionally dominated strategies}``.

    ``payoffs`` has shape ``(N, n_1, ..., n_N)`` and any numbers that compare exactly
    (integers, Fractions) or floats (compared as they are).
    """
    shape = payoffs.shape[1:]
    n = len(shape)
    out: list[dict[tuple[int, ...], int]] = []
    for i in range(n):
        others = [j for j in range(n) if j != i]
        a = np.moveaxis(np.asarray(payoffs[i]), i, 0).reshape(shape[i], -1)
        r = a.shape[1]
        # one bit per pure profile of the others (C order over the others' axes)
        bits = np.array([1 << b for b in range(r)], dtype=object if r > 62 else np.int64)
        lt = (a[:, None, :] < a[None, :, :]).astype(bits.dtype) @ bits
        gt = (a[:, None, :] > a[None, :, :]).astype(bits.dtype) @ bits
        pairs = [(j, k, int(lt[j, k]), int(gt[j, k])) for j in range(shape[i]) for k in range(shape[i]) if j != k]
        # cylinder masks: profiles whose coordinate of player `others[t]` lies in a subset
        cyl = []
        for t, j in enumerate(others):
            coord = (np.arange(r) // int(np.prod([shape[o] for o in others[t + 1 :]], dtype=np.int64))) % shape[j]
            single = [int(((coord == k).astype(bits.dtype) * bits).sum()) for k in range(shape[j])]
            per = {}
            for sub in _subsets(shape[j]):
                m = 0
                for k in sub:
                    m |= single[k]
                per[_mask(sub)] = m
            cyl.append(per)
        table: dict[tuple[int, ...], int] = {}
        full = (1 << r) - 1
        for key in itertools.product(*[list(c) for c in cyl]):
            box = full
            for t, m in enumerate(key):
                box &= cyl[t][m]
            dom = 0
            for j, k, nm, pm in pairs:
                if not nm & box and pm & box:
                    dom |= 1 << k
            table[key] = dom
        out.append(table)
    return out


def surviving_supports(payoffs: np.ndarray, profiles: Sequence[Support] | None = None) -> Iterator[Support]:
    """The support profiles (``all_support_profiles`` order) with no conditionally dominated strategy.

    Examples
    --------
    >>> mp = np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])   # matching pennies
    >>> list(surviving_supports(mp))
    [((0, 1), (0, 1))]
    """
    shape = payoffs.shape[1:]
    n = len(shape)
    tables = support_masks(payoffs)
    for sup in all_support_profiles(shape) if profiles is None else profiles:
        masks = [_mask(s) for s in sup]
        if any(tables[i][tuple(masks[j] for j in range(n) if j != i)] & masks[i] for i in range(n)):
            continue
        yield sup
