"""Exact solution of support systems with many unknowns by a hidden-variable Macaulay resultant.

The structured elimination (:mod:`._support_systems`) leaves at most two unknowns to a
resultant. Beyond that (five players who all mix: three unknowns after the linear step,
up to 44 totally mixed solutions) this module decides the support exactly:

1. **Eliminant.** One unknown ``t`` is *hidden* (treated as a parameter). Every indifference
   equation, multiplied by monomials of the other unknowns, becomes a row of a Macaulay
   matrix ``M(t) = M0 + t M1`` whose columns are the monomials of bounded degree in each
   player's block. A square submatrix ``S(t)`` is chosen that is non-singular at a random
   point (checked modulo a prime, so ``det S(t)`` is not identically zero). At every
   solution the vector of its monomials (with a 1 for the monomial 1) is in the kernel of
   ``S(t)``, so **the t-coordinate of every solution is a root of** ``det S(t)``. The
   determinant is interpolated exactly from integer determinants. Two different row choices
   give two such polynomials; their gcd keeps every solution's ``t`` and drops most of the
   extraneous factors.
2. **Uniqueness.** For each irreducible factor ``f`` of the gcd with a real root in ``(0, 1)``,
   ``rank S(θ) = N - 1`` is certified by reducing modulo a prime ``p`` at a root of ``f``
   mod ``p`` (a non-zero minor mod ``p`` is non-zero in ``Z[θ]``): then at most one solution
   has ``t = θ``, and its coordinates are ratios of one kernel vector.
3. **Coordinates.** The kernel vector (a column of the adjugate, polynomials in ``t``) is
   computed modulo many primes; the coordinates are put in the form ``x_l = h_l(θ)/f'(θ)``
   (small heights) by Chinese remaindering and rational reconstruction, and the candidate
   is **checked exactly** in ``Q(θ)``: every indifference equation must vanish identically
   modulo ``f``. Only then is it returned (the caller checks the best-response conditions).

Whatever cannot be decided this way (the determinant vanishes identically: a continuum or
solutions for every ``t``; a rank drop at a root: several solutions with one ``t``; no
reconstruction within the prime budget) raises :class:`NeedsGeneralMethod` with the
reason, and the caller falls back to the general method.

References
----------
Macaulay, F. S. (1902). Some formulae in elimination. *Proc. London Math. Soc.* 35, 3–27.
Cox, D., Little, J. & O'Shea, D. (2005). *Using Algebraic Geometry*, 2nd ed., ch. 3 (hidden
variables, Macaulay matrices) and ch. 2 (rational univariate representations).
McKelvey, R. D. & McLennan, A. (1997). The maximal number of regular totally mixed Nash
equilibria. *Journal of Economic Theory* 72(2), 411–425.

Examples
--------
Five players in a ring of matching pennies (each wants to match the next one, the last one
wants to differ from the first): the only totally mixed solution has every probability 1/2.

>>> import itertools
>>> import numpy as np
>>> A = np.zeros((5,) + (2,) * 5, dtype=int)
>>> for s in itertools.product((0, 1), repeat=5):
...     for i in range(5):
...         A[(i,) + s] = (1 if s[i] == s[(i + 1) % 5] else -1) * (1 if i < 4 else -1)
>>> [c.field.rational for c in hidden_variable_candidates(list(A), ((0, 1),) * 5)]
[True]
"""

from __future__ import annotations

import itertools
import math
import random
import time
from typing import Sequence

import numpy as np
from flint import fmpq, fmpq_poly, fmpz, fmpz_mat, fmpz_poly, nmod_mat, nmod_poly

from ._number_field import RealField, positive_real_roots
from ._support_systems import Candidate, NeedsGeneralMethod, _equation_tensors

__all__ = ["hidden_variable_candidates"]

Support = tuple[tuple[int, ...], ...]
Poly = dict[tuple[int, ...], int]

_PRIME_START = (1 << 62) - 57  # primes below this are used for the modular steps


def _primes(start: int = _PRIME_START):
    """Primes descending from ``start`` (deterministic)."""
    n = start
    while True:
        if fmpz(n).is_prime():
            yield n
        n -= 2 if n % 2 else 1


def _equations(A: Sequence[np.ndarray], support: Support) -> tuple[list[Poly], list[list[int]], list[int]]:
    """The indifference equations as integer polynomials in the probabilities ``x`` of the support
    strategies but the first (``w_j = (1 - Σx_j, x_j...)``; affine in each player's block).

    Returns ``(equations, blocks, mixing)``: ``blocks[b]`` lists the unknowns of the b-th
    mixing player. (Probabilities rather than odds ``x/(1-x)``: odds would add factors
    ``1 + Σz`` whose zeros form spurious components in degenerate games.)
    """
    mixing = [i for i, s in enumerate(support) if len(s) > 1]
    blocks, nvar = [], 0
    for i in mixing:
        blocks.append(list(range(nvar, nvar + len(support[i]) - 1)))
        nvar += len(support[i]) - 1
    var_of = {i: b for i, b in zip(mixing, blocks)}
    tensors = _equation_tensors(A, support, mixing)
    zero = (0,) * nvar

    def unit(v: int) -> tuple[int, ...]:
        e = [0] * nvar
        e[v] = 1
        return tuple(e)

    # each player's strategy as affine polynomials, one per support position
    strategy = {j: [{zero: 1, **{unit(v): -1 for v in var_of[j]}}] + [{unit(v): 1} for v in var_of[j]] for j in mixing}
    eqs = []
    for i in mixing:
        others = [j for j in mixing if j != i]
        for row in tensors[i]:
            poly: Poly = {}
            # contract one player at a time: Σ_s c_s Π_j w_j[s_j]
            level: list[Poly] = [{zero: int(c)} if c else {} for c in np.asarray(row).reshape(-1)]
            for j in reversed(others):
                size = len(support[j])
                nxt = []
                for g in range(0, len(level), size):
                    acc: Poly = {}
                    for k in range(size):
                        for e1, c1 in level[g + k].items():
                            for e2, c2 in strategy[j][k].items():
                                e = tuple(a + b for a, b in zip(e1, e2))
                                acc[e] = acc.get(e, 0) + c1 * c2
                    nxt.append({e: c for e, c in acc.items() if c})
                level = nxt
            poly = level[0] if level else {}
            eqs.append(poly)
    return [e for e in eqs if e], blocks, mixing


class _Macaulay:
    """The Macaulay matrix of the equations with unknown ``hidden`` as parameter ``t``."""

    def __init__(self, eqs: list[Poly], blocks: list[list[int]], hidden: int, max_columns: int) -> None:
        self.hidden = hidden
        self.free = [[v for v in b if v != hidden] for b in blocks]
        self.free = [b for b in self.free if b]
        degs = [1] * len(self.free)
        while True:
            cols = self._columns(degs)
            if len(cols) > max_columns:
                raise NeedsGeneralMethod(
                    f"the Macaulay matrix stays rank-deficient up to {max_columns} columns (a continuum, or "
                    "solutions for every value of the hidden unknown)")
            rows = self._rows(eqs, degs, cols)
            if len(rows) >= len(cols) and _rank_mod(rows, len(cols), _RANDOM_T, next(_primes())) == len(cols):
                break
            k = min(range(len(degs)), key=lambda b: (degs[b], b))
            degs[k] += 1
        self.degrees = degs
        self.columns = cols
        self.rows = rows
        self.index = {m: c for c, m in enumerate(cols)}

    def _columns(self, degs: list[int]) -> list[tuple[int, ...]]:
        per_block = []
        for b, d in zip(self.free, degs):
            per_block.append([e for e in itertools.product(range(d + 1), repeat=len(b)) if sum(e) <= d])
        return [tuple(x for part in combo for x in part) for combo in itertools.product(*per_block)]

    def _split(self, exp: tuple[int, ...]) -> tuple[tuple[int, ...], int]:
        """An exponent over all unknowns as (exponent over the free unknowns, power of t)."""
        return tuple(exp[v] for b in self.free for v in b), exp[self.hidden]

    def _rows(self, eqs: list[Poly], degs: list[int], cols: list[tuple[int, ...]]):
        index = {m: c for c, m in enumerate(cols)}
        sizes = [len(b) for b in self.free]
        rows = []
        for e in eqs:
            terms = [self._split(exp) + (c,) for exp, c in e.items()]
            used = []
            for b in range(len(self.free)):
                lo = sum(sizes[:b])
                used.append(max(sum(m[lo:lo + sizes[b]]) for m, _, _ in terms))
            per_block = []
            for b, d in enumerate(degs):
                per_block.append([x for x in itertools.product(range(d - used[b] + 1), repeat=sizes[b])
                                  if sum(x) <= d - used[b]])
            for combo in itertools.product(*per_block):
                shift = tuple(x for part in combo for x in part)
                r0: dict[int, int] = {}
                r1: dict[int, int] = {}
                for m, tp, c in terms:
                    col = index[tuple(a + s for a, s in zip(m, shift))]
                    (r1 if tp else r0)[col] = c
                rows.append((r0, r1))
        return rows


_RANDOM_T = 1_000_003  # the point where a row choice is checked to be non-singular (mod a prime)


def _dense(rows, ncols: int, sel: Sequence[int], part: int) -> list[list[int]]:
    out = []
    for r in sel:
        row = [0] * ncols
        for c, v in rows[r][part].items():
            row[c] = v
        out.append(row)
    return out


def _rank_mod(rows, ncols: int, t: int, p: int, sel: Sequence[int] | None = None) -> int:
    sel = range(len(rows)) if sel is None else sel
    m = nmod_mat(_dense(rows, ncols, sel, 0), p) + nmod_mat(_dense(rows, ncols, sel, 1), p) * (t % p)
    return m.rank()


def _select(mac: _Macaulay, order: list[int]) -> list[int]:
    """Rows (in ``order``'s preference) forming a square matrix non-singular at ``_RANDOM_T``."""
    p = next(_primes())
    n = len(mac.columns)
    m = nmod_mat(_dense(mac.rows, n, order, 0), p) + nmod_mat(_dense(mac.rows, n, order, 1), p) * _RANDOM_T
    red, rank = m.transpose().rref()
    if rank < n:  # pragma: no cover - the degrees were raised until the rank was full
        raise NeedsGeneralMethod("the Macaulay matrix lost rank")
    chosen = []
    for i in range(rank):
        for j in range(len(order)):
            if int(red[i, j]):
                chosen.append(order[j])
                break
    return chosen


def _interpolate_exact(xs: list[int], ys: list[int]) -> fmpq_poly:
    """The polynomial through ``(xs, ys)`` (Newton's divided differences, exact)."""
    coef = [fmpq(y) for y in ys]
    for j in range(1, len(xs)):
        for i in range(len(xs) - 1, j - 1, -1):
            coef[i] = (coef[i] - coef[i - 1]) / (xs[i] - xs[i - j])
    out = fmpq_poly([coef[-1]])
    for i in range(len(xs) - 2, -1, -1):
        out = out * fmpq_poly([-xs[i], 1]) + coef[i]
    return out


def _interpolate_mod(xs: list[int], ys: list[int], p: int, inverses: dict[int, int]) -> nmod_poly:
    """The same modulo ``p``; ``inverses[d]`` is ``1/d mod p`` for every difference ``d`` of the xs."""
    coef = [y % p for y in ys]
    for j in range(1, len(xs)):
        for i in range(len(xs) - 1, j - 1, -1):
            coef[i] = (coef[i] - coef[i - 1]) * inverses[xs[i] - xs[i - j]] % p
    out = nmod_poly([coef[-1]], p)
    for i in range(len(xs) - 2, -1, -1):
        out = out * nmod_poly([-xs[i] % p, 1], p) + coef[i]
    return out


def _eliminant(mac: _Macaulay, sel: list[int]) -> fmpz_poly:
    """``det S(t)`` for the rows ``sel`` (exact; non-zero by the choice of rows), primitive."""
    n = len(mac.columns)
    m0 = _dense(mac.rows, n, sel, 0)
    m1 = _dense(mac.rows, n, sel, 1)
    deg = sum(1 for r in sel if mac.rows[r][1])
    xs = list(range(deg + 1))
    ys = [int(fmpz_mat([[a + x * b for a, b in zip(r0, r1)] for r0, r1 in zip(m0, m1)]).det()) for x in xs]
    u = _interpolate_exact(xs, ys).numer()
    if u.is_zero():  # pragma: no cover - non-singular at _RANDOM_T by construction
        raise NeedsGeneralMethod("the Macaulay determinant vanishes identically")
    return fmpz_poly([c // u.content() for c in u.coeffs()]) if u.degree() > 0 else u


def _rank_certified(mac: _Macaulay, sel: list[int], f: fmpz_poly, tries: int = 40) -> bool:
    """``True`` when ``rank S(θ) = N - 1`` for the roots θ of ``f``, shown at a root of ``f`` mod a prime."""
    n = len(mac.columns)
    m0 = _dense(mac.rows, n, sel, 0)
    m1 = _dense(mac.rows, n, sel, 1)
    found = 0
    for p in _primes((1 << 40) + 15):
        if found >= tries:
            return False
        fp = nmod_poly([int(c) % p for c in f.coeffs()], p)
        if fp.degree() != f.degree():
            continue
        roots = fp.roots()
        if not roots:
            continue
        found += 1
        for r, _ in roots:
            m = nmod_mat(m0, p) + nmod_mat(m1, p) * int(r)
            if m.rank() == n - 1:
                return True
    return False


def _crt(residues: list[int], moduli: list[int]) -> tuple[int, int]:
    x, m = 0, 1
    for r, p in zip(residues, moduli):
        k = (r - x) * pow(m, -1, p) % p
        x, m = x + m * k, m * p
    return x, m


def _rational(a: int, m: int) -> fmpq | None:
    """The fraction ``n/d`` with ``n ≡ a d (mod m)``, ``|n|, d <= sqrt(m/2)`` (``None`` if none)."""
    bound = math.isqrt(m // 2)
    r0, r1 = m, a % m
    s0, s1 = 0, 1
    while r1 > bound:
        q = r0 // r1
        r0, r1 = r1, r0 - q * r1
        s0, s1 = s1, s0 - q * s1
    if s1 == 0 or abs(s1) > bound:
        return None
    if s1 < 0:
        r1, s1 = -r1, -s1
    return fmpq(r1, s1)


def _coordinates(mac: _Macaulay, sel: list[int], f: fmpz_poly, nvar: int, check, deadline: float | None,
                 max_primes: int) -> list[fmpq_poly]:
    """``h_l`` with ``x_l = h_l(θ)/f'(θ)`` for every unknown (the hidden one: ``θ f'``), accepted when
    ``check(h, field)`` confirms them exactly."""
    n = len(mac.columns)
    m0 = _dense(mac.rows, n, sel, 0)
    m1 = _dense(mac.rows, n, sel, 1)
    deg = sum(1 for r in sel if mac.rows[r][1])
    one = mac.index[tuple(0 for b in mac.free for _ in b)]
    flat = [v for b in mac.free for v in b]
    unit_cols = []
    for pos, v in enumerate(flat):
        e = [0] * len(flat)
        e[pos] = 1
        unit_cols.append(mac.index[tuple(e)])
    want = [one] + unit_cols
    fq = fmpq_poly(f)
    df = fmpz_poly(f).derivative()
    k = next(i for i, r in enumerate(sel) if mac.rows[r][1])  # the adjugate column of a row with t
    residues: list[list[list[int]]] = [[] for _ in unit_cols]
    moduli: list[int] = []
    checked_at = 2
    failures = 0
    for p in _primes():
        if deadline is not None and time.perf_counter() > deadline:
            raise NeedsGeneralMethod("time limit reached while computing coordinates")
        if len(moduli) >= max_primes:
            raise NeedsGeneralMethod(f"no exact coordinates within {max_primes} primes")
        fp = nmod_poly([int(c) % p for c in f.coeffs()], p)
        if fp.degree() != f.degree():
            continue
        a0, a1 = nmod_mat(m0, p), nmod_mat(m1, p)
        e = nmod_mat([[int(i == k)] for i in range(n)], p)
        xs, vals = [], [[] for _ in want]
        x = 0
        while len(xs) <= deg:
            m = a0 + a1 * x
            d = int(m.det())
            if d:
                y = m.solve(e)
                xs.append(x)
                for slot, c in enumerate(want):
                    vals[slot].append(d * int(y[c, 0]) % p)
            x += 1
        inverses = {d: pow(d, -1, p) for d in range(1, xs[-1] - xs[0] + 1)}
        polys = [_interpolate_mod(xs, v, p, inverses) % fp for v in vals]
        g, s, _ = polys[0].xgcd(fp)
        if g.degree() != 0:  # the affine coordinate of the kernel vector is not invertible mod p
            failures += 1
            if failures > 3:
                raise NeedsGeneralMethod("the kernel vector at a root has no invertible affine coordinate")
            continue
        scale = s * nmod_poly([int(c) % p for c in df.coeffs()], p) * pow(int(g[0]), -1, p)
        moduli.append(p)
        for slot, poly in enumerate(polys[1:]):
            h = (poly * scale) % fp
            residues[slot].append([int(h[i]) for i in range(f.degree())])
        if len(moduli) < checked_at:
            continue
        checked_at += 8 if checked_at >= 16 else checked_at
        hs = _reconstruct(residues, moduli, f.degree())
        if hs is None:
            continue
        field = RealField(f, fmpq(0), fmpq(0))  # only reduce/mul are used: no root needed
        fprime = field.reduce(fmpq_poly(df))
        out = [None] * nvar
        for v, h in zip(flat, hs):
            out[v] = h
        out[mac.hidden] = field.mul(fmpq_poly([0, 1]), fprime)
        if check(out, field):
            return out
    raise AssertionError("unreachable")  # pragma: no cover


def _reconstruct(residues: list[list[list[int]]], moduli: list[int], degree: int) -> list[fmpq_poly] | None:
    out = []
    for per_prime in residues:
        coeffs = []
        for i in range(degree):
            a, m = _crt([r[i] for r in per_prime], moduli)
            q = _rational(a, m)
            if q is None:
                return None
            coeffs.append(q)
        out.append(fmpq_poly(coeffs))
    return out


def _satisfied(A: Sequence[np.ndarray], support: Support, mixing: list[int], w: dict[int, list[fmpq_poly]],
               field: RealField) -> bool:
    """Every indifference equation vanishes exactly in ``Q(θ)`` at the homogeneous strategies ``w``.

    Each equation's integer coefficient tensor (one axis per other mixing player) is
    contracted one player at a time, so the costly products in the field are few.
    """
    tensors = _equation_tensors(A, support, mixing)
    zero = fmpq_poly([0])
    for i in mixing:
        vectors = [w[j] for j in mixing if j != i]
        for coeffs in tensors[i]:
            level = [fmpq_poly([int(c)]) for c in np.asarray(coeffs).reshape(-1)]
            for vec in reversed(vectors):  # the last axis varies fastest
                size = len(vec)
                level = [field.reduce(sum((field.mul(level[g + k], vec[k]) for k in range(size)), zero))
                         for g in range(0, len(level), size)]
            if not field.reduce(level[0]).is_zero():
                return False
    return True


def _strategies(h: list[fmpq_poly], f: fmpz_poly, blocks: list[list[int]], mixing: list[int],
                field: RealField) -> dict[int, list[fmpq_poly]]:
    """Homogeneous strategies ``f'(θ) (1 - Σx, x...)`` of the mixing players from ``x_l = h_l/f'``."""
    fprime = field.reduce(fmpq_poly(f.derivative()))
    out = {}
    for i, b in zip(mixing, blocks):
        rest = [h[v] for v in b]
        out[i] = [field.reduce(fprime - sum(rest, fmpq_poly([0])))] + rest
    return out


def hidden_variable_candidates(A: Sequence[np.ndarray], support: Support, *, max_columns: int = 400,
                               max_primes: int = 400, deadline: float | None = None) -> list[Candidate]:
    """Every solution of the support's indifference system with all probabilities positive.

    For support profiles where at least two players mix; exact (see the module docstring).
    ``A`` holds each player's integer payoffs. Candidates still need
    :func:`~gametheory.solvers._support_systems.verify_candidate` (outside strategies).

    Raises
    ------
    NeedsGeneralMethod
        When the method cannot decide the support (the message says why).
    """
    eqs, blocks, mixing = _equations(A, support)
    nvar = sum(len(b) for b in blocks)
    if len(mixing) < 2 or not eqs:
        raise NeedsGeneralMethod("fewer than two mixing players")
    reasons = []
    for b in blocks:
        try:
            return _solve_hidden(A, support, eqs, blocks, mixing, nvar, b[0], max_columns, max_primes, deadline)
        except NeedsGeneralMethod as why:
            reasons.append(str(why))
            if deadline is not None and time.perf_counter() > deadline:
                break
    raise NeedsGeneralMethod("hidden-variable resultant: " + "; ".join(dict.fromkeys(reasons)))


def _solve_hidden(A, support, eqs, blocks, mixing, nvar, hidden, max_columns, max_primes, deadline):
    mac = _Macaulay(eqs, blocks, hidden, max_columns)
    constant_first = sorted(range(len(mac.rows)), key=lambda r: bool(mac.rows[r][1]))
    sel = _select(mac, constant_first)
    u = _eliminant(mac, sel)
    shuffled = list(constant_first)
    rng = random.Random(hidden)
    nconst = sum(1 for r in mac.rows if not r[1])
    head, tail = shuffled[:nconst], shuffled[nconst:]
    rng.shuffle(head)
    rng.shuffle(tail)
    u2 = _eliminant(mac, _select(mac, head + tail))
    g = u.gcd(u2)
    out: list[Candidate] = []
    if g.degree() < 1:
        return out  # no solution at all
    _, factors = g.factor()
    for f, _ in sorted(factors, key=lambda fm: fm[0].degree()):
        if f.leading_coefficient() < 0:
            f = -f
        # t is a probability: only roots in (0, 1) can give an equilibrium (decided exactly)
        roots = [r for r in positive_real_roots(f) if r.sign(fmpq_poly([1, -1])) > 0]
        if not roots:
            continue
        if not _rank_certified(mac, sel, f):
            raise NeedsGeneralMethod(f"a root of a degree-{f.degree()} factor may carry several solutions")
        def check(h, field):
            w = _strategies(h, f, blocks, mixing, field)
            return _satisfied(A, support, mixing, w, field)

        h = _coordinates(mac, sel, f, nvar, check, deadline, max_primes)
        for field in roots:
            w = []
            ok = True
            vecs = _strategies(h, f, blocks, mixing, field)
            for i in range(len(support)):
                if i not in mixing:
                    w.append((fmpq_poly([1]),))
                    continue
                vec = vecs[i]
                signs = [field.sign(x) for x in vec]
                if all(s > 0 for s in signs):
                    w.append(tuple(vec))
                elif all(s < 0 for s in signs):
                    w.append(tuple(-x for x in vec))
                else:
                    ok = False
                    break
            if ok:
                out.append(Candidate(field, tuple(w)))
    return out
