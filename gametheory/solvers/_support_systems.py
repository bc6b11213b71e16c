"""Exact solution of one support profile's indifference system by structured elimination.

For a support profile let ``M`` be the players who mix (``|S_i| = d_i + 1 >= 2``). Write
each mixing player's strategy as a homogeneous vector ``w_i`` over its support (the
probabilities are ``w_i / sum(w_i)``). Player ``i``'s indifference equations

    Σ_{s_-i} (A_i[k, s_-i] - A_i[k_0, s_-i]) Π_{j≠i} w_j[s_j] = 0,   k in S_i \\ {k_0},

are *multilinear*: linear in each other player's ``w_j`` separately. This module uses that
structure instead of a general Gröbner basis:

1. Two mixing players ``a`` and ``b`` with ``d_a = d_b = d`` are solved *linearly*: given
   the other mixing players' strategies ``z`` (each ``w_c = (1, z_c)``), player ``a``'s
   equations are ``d`` linear equations in ``w_b``, so ``w_b(z)`` is the vector of signed
   maximal minors of their ``d × (d+1)`` matrix ``G_a(z)`` (and ``w_a(z)`` likewise).
2. The remaining players' equations become polynomials ``P(z)`` in the ``D`` unknowns
   ``z`` (``D = Σ_{c≠a,b} d_c``, at most 2 here). **Every** solution's ``z`` is a common
   zero of the ``P``: where ``G_a(z)`` has full rank, ``w_b`` is proportional to the minors;
   where it does not, the minors vanish and so does every ``P``.
3. ``D = 1``: the positive real roots of ``P``; ``D = 2``: of the resultant
   ``Res_{z_0}(P_1, P_2)``, then ``z_0`` as the common root of ``P_1, P_2`` over the number
   field ``Q(θ)`` (polynomial gcd). Roots are isolated and signed exactly
   (:mod:`._number_field`).
4. At each common zero with full-rank ``G_a, G_b`` the strategies are unique; they are kept
   when all probabilities are strictly positive.

Whenever the structure does not decide (a resultant or polynomial vanishes identically, a
gcd of degree above one over an irrational field, a rank-deficient ``G`` at a zero, no
pair with equal ``d``, ``D > 2``) :class:`NeedsGeneralMethod` is raised and the caller
uses the general (Gröbner) method for that support profile. The candidates returned are
*not yet verified*: the caller checks every indifference and best-response condition
exactly (:func:`verify_candidate`).

References
----------
McKelvey, R. D. & McLennan, A. (1997). The maximal number of regular totally mixed Nash
equilibria. *Journal of Economic Theory* 72(2), 411–425 (the multilinear structure).
Cox, D., Little, J. & O'Shea, D. (2015). *Ideals, Varieties, and Algorithms*, 4th ed., ch. 3
(resultants and elimination).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import flint
from flint import acb_poly, arb, arb_poly, fmpq, fmpq_poly, fmpz_mat, fmpz_mpoly_ctx, fmpz_poly

from ._number_field import RealField, positive_real_roots, real_roots

__all__ = ["NeedsGeneralMethod", "Candidate", "support_candidates", "verify_candidate", "VerifiedProfile"]

Support = tuple[tuple[int, ...], ...]

_FILTER_PREC = 256  # bits for the ball-arithmetic filter that skips hopeless zeros before exact work
_ONE = fmpq_poly([1])
_ZERO = fmpq_poly([0])
_Q = RealField(fmpz_poly([0, 1]), fmpq(0), fmpq(0))  # the rational field (θ = 0)


class NeedsGeneralMethod(Exception):
    """The structured elimination cannot decide this support profile (the reason is the message)."""


@dataclass(frozen=True)
class Candidate:
    """A solution of the indifference system: ``w[i]`` (field elements, one per support strategy)."""

    field: RealField
    w: tuple[tuple[fmpq_poly, ...], ...]


def _equation_tensors(A: Sequence[np.ndarray], support: Support, mixing: list[int]) -> dict[int, np.ndarray]:
    """For each mixing player ``i``: integer array ``(d_i, |S_j| for j in mixing, j != i)``."""
    n = len(support)
    out = {}
    for i in mixing:
        t = A[i][np.ix_(*support)]
        t = np.moveaxis(t, i, 0)
        # drop the axes of players who play one strategy (length 1)
        others = [j for j in range(n) if j != i]
        idx = tuple(slice(None) if j in mixing else 0 for j in others)
        t = t[(slice(None),) + idx]
        out[i] = t[1:] - t[0]
    return out


def _monomials(groups: list[tuple[int, int]], dz: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """``(index combination γ, exponent vector)`` over the z-groups ``[(offset, |S_c|), ...]``."""
    out = []
    for combo in itertools.product(*[range(size) for _, size in groups]):
        exp = [0] * dz
        for (off, _), g in zip(groups, combo):
            if g:
                exp[off + g - 1] = 1
        out.append((combo, tuple(exp)))
    return out


def _det(m: list[list[Any]]) -> Any:
    """Determinant by Laplace expansion (small matrices of polynomials or integers)."""
    if len(m) == 1:
        return m[0][0]
    if len(m) == 2:
        return m[0][0] * m[1][1] - m[0][1] * m[1][0]
    total = 0
    for j in range(len(m)):
        minor = [row[:j] + row[j + 1 :] for row in m[1:]]
        term = m[0][j] * _det(minor)
        total = total + term if j % 2 == 0 else total - term
    return total


def _kernel(g: list[list[Any]]) -> list[Any]:
    """Signed maximal minors of a ``d × (d+1)`` matrix: a vector spanning its kernel when of rank ``d``."""
    d = len(g)
    return [(-1) ** j * _det([row[:j] + row[j + 1 :] for row in g]) for j in range(d + 1)]


def _is_zero(x: Any) -> bool:
    return x == 0 if isinstance(x, int) else x.is_zero()


class _Structure:
    """The polynomials of one support profile in the unknowns ``z`` of the non-linear players."""

    def __init__(self, A: Sequence[np.ndarray], support: Support) -> None:
        self.support = support
        self.mixing = [i for i, s in enumerate(support) if len(s) > 1]
        d = {i: len(support[i]) - 1 for i in self.mixing}
        self.d = d
        # the linear pair: equal d, as large as possible (fewest unknowns left)
        pairs = [(a, b) for a, b in itertools.combinations(self.mixing, 2) if d[a] == d[b]]
        if not pairs:
            raise NeedsGeneralMethod("no two mixing players with supports of equal size")
        self.a, self.b = max(pairs, key=lambda p: d[p[0]])
        self.zgroups = [c for c in self.mixing if c not in (self.a, self.b)]
        self.dz = sum(d[c] for c in self.zgroups)
        if self.dz > 2:
            raise NeedsGeneralMethod(f"{self.dz} unknowns remain after the linear elimination")
        offsets, off = {}, 0
        for c in self.zgroups:
            offsets[c] = off
            off += d[c]
        self.offsets = offsets
        self.ctx = fmpz_mpoly_ctx.get(tuple(f"z{k}" for k in range(self.dz)), "lex") if self.dz else None
        self.E = _equation_tensors(A, support, self.mixing)

    def _poly(self, coeffs: np.ndarray, groups: list[int]) -> Any:
        """``Σ_γ coeffs[γ] z^γ`` over the given z-groups (an int when there are no unknowns)."""
        if not groups:
            return int(coeffs[()]) if isinstance(coeffs, np.ndarray) else int(coeffs)
        mons = _monomials([(self.offsets[c], len(self.support[c])) for c in groups], self.dz)
        return self.ctx.from_dict({exp: int(coeffs[combo]) for combo, exp in mons if coeffs[combo] != 0})

    def _axes(self, i: int, first: list[int]) -> tuple[np.ndarray, list[int]]:
        """Player i's equation tensor with the axes of ``first`` players leading, then the z-groups."""
        others = [j for j in self.mixing if j != i]
        rest = [j for j in self.zgroups if j != i]
        order = [0] + [1 + others.index(j) for j in first + rest]
        return np.transpose(self.E[i], order), rest

    def linear_matrix(self, i: int, j: int) -> list[list[Any]]:
        """``G_i``: player i's equations as a matrix acting on ``w_j`` (entries polynomial in z)."""
        t, rest = self._axes(i, [j])
        return [[self._poly(t[k, beta], rest) for beta in range(t.shape[1])] for k in range(t.shape[0])]

    def bilinear_forms(self) -> list[list[list[Any]]]:
        """Each z-group player's equations as ``H[α][β]`` (polynomials in z): ``Σ H[α][β] w_a[α] w_b[β]``."""
        out = []
        for c in self.zgroups:
            t, rest = self._axes(c, [self.a, self.b])
            for k in range(t.shape[0]):
                out.append([[self._poly(t[k, alpha, beta], rest) for beta in range(t.shape[2])]
                            for alpha in range(t.shape[1])])
        return out

    def z_polynomials(self, forms: list[list[list[Any]]], wa: list[Any], wb: list[Any]) -> list[Any]:
        """The bilinear forms with ``w_a(z), w_b(z)`` substituted: polynomials in z alone."""
        out = []
        for h in forms:
            total = 0
            for alpha, row in enumerate(h):
                inner = 0
                for beta, x in enumerate(row):
                    if not _is_zero(x):
                        inner = inner + x * wb[beta]
                if not _is_zero(inner):
                    total = total + wa[alpha] * inner
            out.append(total)
        return out


def _to_fmpz_poly(p: Any, var: int, nvars: int) -> fmpz_poly:
    """A polynomial in only the variable ``var`` as an ``fmpz_poly``."""
    coeffs: dict[int, int] = {}
    for exp, c in p.to_dict().items():
        if any(e for k, e in enumerate(exp) if k != var):
            raise NeedsGeneralMethod("elimination left a second variable")  # pragma: no cover
        coeffs[exp[var]] = int(c)
    if not coeffs:
        return fmpz_poly([0])
    top = max(coeffs)
    return fmpz_poly([coeffs.get(k, 0) for k in range(top + 1)])


def _eval(p: Any, values: list[fmpq_poly], field: RealField) -> fmpq_poly:
    """A polynomial in ``z`` at field elements (an int stays an int constant)."""
    if isinstance(p, int):
        return fmpq_poly([p])
    total = _ZERO
    powers: dict[tuple[int, int], fmpq_poly] = {}
    for exp, c in p.to_dict().items():
        term = fmpq_poly([int(c)])
        for v, e in enumerate(exp):
            if e:
                key = (v, e)
                if key not in powers:
                    x = values[v]
                    for _ in range(e - 1):
                        x = field.mul(x, values[v])
                    powers[key] = x
                term = field.mul(term, powers[key])
        total = total + term
    return field.reduce(total)


def _univariate_in_first(p: Any, second: fmpq_poly, field: RealField) -> list[fmpq_poly]:
    """``p(x, θ2)`` as a list of field coefficients (ascending powers of x = z0), with z1 = ``second``."""
    coeffs: dict[int, fmpq_poly] = {}
    powers = {0: _ONE}
    for (e0, e1), c in p.to_dict().items():
        if e1 not in powers:
            x = _ONE
            for _ in range(e1):
                x = field.mul(x, second)
            powers[e1] = x
        coeffs[e0] = coeffs.get(e0, _ZERO) + powers[e1] * int(c)
    top = max(coeffs) if coeffs else 0
    out = [field.reduce(coeffs.get(k, _ZERO)) for k in range(top + 1)]
    while out and out[-1].is_zero():
        out.pop()
    return out


def _field_gcd(p: list[fmpq_poly], q: list[fmpq_poly], field: RealField) -> list[fmpq_poly]:
    """A gcd of two polynomials over ``Q(θ)`` (coefficient lists, ascending; not made monic).

    Pseudo-remainders (multiplications only): inverses in a large number field cost far
    more than products.
    """
    def prem(u: list[fmpq_poly], v: list[fmpq_poly]) -> list[fmpq_poly]:
        u = list(u)
        lead_v = v[-1]
        while len(u) >= len(v):
            lead = u[-1]
            shift = len(u) - len(v)
            u = [field.mul(c, lead_v) for c in u]
            for k in range(len(v)):
                u[shift + k] = field.reduce(u[shift + k] - field.mul(lead, v[k]))
            u.pop()
            while u and u[-1].is_zero():
                u.pop()
        return u

    if not p or not q:
        return list(q or p)
    if len(p) < len(q):
        p, q = q, p
    while q:
        p, q = q, prem(p, q)
    return p


def _z_solutions(st: _Structure, polys: list[Any], plausible: Callable[[list[arb]], bool]
                 ) -> list[tuple[RealField, list[fmpq_poly]]]:
    """Every common zero of the z-polynomials with all ``z > 0`` that ``plausible`` does not rule
    out: ``(field, z values)``. ``plausible`` gets balls around a zero and returns ``False`` only
    when that zero certainly yields no equilibrium; the exact work is skipped for those."""
    if st.dz == 0:
        if any(not _is_zero(p) for p in polys):  # pragma: no cover - no z-group, no equations
            return []
        return [(_Q, [])]
    if any(_is_zero(p) for p in polys):
        raise NeedsGeneralMethod("an equation vanishes identically after the linear elimination")
    if st.dz == 1:
        u = _to_fmpz_poly(polys[0], 0, 1)
        return [(r, [fmpq_poly([0, 1]) if not r.rational else fmpq_poly([r.lo])]) for r in positive_real_roots(u)
                if plausible([r.ball()])]
    p1, p2 = polys
    res = p1.resultant(p2, "z0")
    if res.is_zero():
        raise NeedsGeneralMethod("the resultant vanishes identically (a common factor)")
    u = _to_fmpz_poly(res, 1, 2)
    out = []
    for r in positive_real_roots(u):
        if not r.rational and not _lifts_plausibly(p1, p2, r, plausible):
            continue
        theta = fmpq_poly([r.lo]) if r.rational else fmpq_poly([0, 1])
        g = _field_gcd(_univariate_in_first(p1, theta, r), _univariate_in_first(p2, theta, r), r)
        if not g:
            raise NeedsGeneralMethod("infinitely many solutions over a root of the resultant")
        if len(g) == 1:
            continue  # a root of the resultant that lifts to no common zero
        if len(g) == 2:
            z0 = r.mul(-g[0], r.inv(g[1]))
            if r.sign(z0) > 0:
                out.append((r, [z0, theta]))
            continue
        if not r.rational:
            raise NeedsGeneralMethod("several solutions over one irrational root")
        # θ rational: the common roots are the roots of a rational polynomial
        gq = fmpq_poly([c[0] if c.degree() == 0 else fmpq(0) for c in g])
        for root in positive_real_roots(gq.numer()):
            z1 = fmpq_poly([r.lo])
            out.append((root, [fmpq_poly([root.lo]) if root.rational else fmpq_poly([0, 1]), z1]))
    return out


def _arb_eval(p: Any, xs: list[arb]) -> arb:
    """A polynomial (or int) at balls."""
    if isinstance(p, int):
        return arb(p)
    total = arb(0)
    for exp, c in p.to_dict().items():
        term = arb(int(c))
        for v, e in enumerate(exp):
            if e:
                term = term * xs[v] ** e
        total = total + term
    return total


def _lifts_plausibly(p1: Any, p2: Any, r: RealField, plausible: Callable[[list[arb]], bool]) -> bool:
    """``False`` only when no positive real common root ``z0`` of ``p1(·, θ), p2(·, θ)`` passes
    ``plausible`` (certified by ball arithmetic); ``True`` whenever in doubt."""
    for prec in (_FILTER_PREC, 4 * _FILTER_PREC):
        with flint.ctx.workprec(prec):
            theta = r.ball(prec)
            c1: dict[int, arb] = {}
            c2: dict[int, arb] = {}
            for poly, coeffs in ((p1, c1), (p2, c2)):
                for (e0, e1), c in poly.to_dict().items():
                    coeffs[e0] = coeffs.get(e0, arb(0)) + int(c) * theta**e1
            top = max(c1)
            if 0 in c1[top]:
                continue  # cannot tell the degree: try more precision, else the exact method
            try:
                roots = acb_poly([c1.get(k, arb(0)) for k in range(top + 1)]).roots()
            except (ValueError, ArithmeticError):
                continue
            q = arb_poly([c2.get(k, arb(0)) for k in range(max(c2) + 1)])
            doubtful = False
            for root in roots:
                if not 0 in root.imag or root.real < 0 or root.real == 0:
                    continue  # not a positive real root
                if not 0 in acb_poly(q)(root):
                    continue  # not a root of p2
                if plausible([root.real, theta]):
                    doubtful = True
                    break
            return doubtful
    return True


def _ball_plausible(st: _Structure, wa: list[Any], wb: list[Any], forms_ok: bool, A: Sequence[np.ndarray],
                    support: Support) -> Callable[[list[arb]], bool]:
    """A test on balls around a zero ``z``: ``False`` when the strategies there certainly have
    probabilities of both signs, or an outside strategy certainly pays more."""
    n = len(support)

    def test(zs: list[arb]) -> bool:
        with flint.ctx.workprec(_FILTER_PREC):
            vecs = {}
            for player, polys in ((st.a, wa), (st.b, wb)):
                v = [_arb_eval(p, zs) for p in polys]
                if any(x > 0 for x in v) and any(x < 0 for x in v):
                    return False
                if all(x > 0 for x in v):
                    vecs[player] = v
                elif all(x < 0 for x in v):
                    vecs[player] = [-x for x in v]
                else:
                    return True  # a sign not decided (or a singular block): leave it to the exact method
            w = []
            for i in range(n):
                if i in vecs:
                    w.append(vecs[i])
                elif i in st.offsets:
                    off = st.offsets[i]
                    w.append([arb(1)] + list(zs[off : off + st.d[i]]))
                else:
                    w.append([arb(1)])
            return _balls_pass_best_response(A, support, w)

    return test


def _balls_pass_best_response(A: Sequence[np.ndarray], support: Support, w: list[list[arb]]) -> bool:
    """``False`` when, at positive strategy balls ``w``, some strategy outside a support certainly pays
    more than the support (homogeneous payoffs: the scale of each ``w`` does not matter)."""
    n = len(support)
    for i in range(n):
        others = [j for j in range(n) if j != i]
        weights: list[tuple[tuple[int, ...], arb]] = [((), arb(1))]
        for j in others:
            weights = [(idx + (s,), wt * w[j][pos]) for idx, wt in weights for pos, s in enumerate(support[j])]
        ai = np.moveaxis(A[i], i, 0)
        base = sum((int(ai[(support[i][0],) + idx]) * wt for idx, wt in weights), arb(0))
        for o in range(ai.shape[0]):
            if o in support[i]:
                continue
            u = sum((int(ai[(o,) + idx]) * wt for idx, wt in weights), arb(0))
            if u - base > 0:
                return False
    return True


def support_candidates(A: Sequence[np.ndarray], support: Support) -> list[Candidate]:
    """Every solution of the support's indifference system with all probabilities positive.

    ``A`` holds each player's integer payoff array (Python ints or int64). The result is
    complete for this support profile (no solution is missed); candidates still need
    :func:`verify_candidate` (outside strategies). Raises :class:`NeedsGeneralMethod` when
    the structured method cannot decide.
    """
    mixing = [i for i, s in enumerate(support) if len(s) > 1]
    n = len(support)
    if not mixing:
        return [Candidate(_Q, tuple((_ONE,) for _ in range(n)))]
    if len(mixing) == 1:
        (i,) = mixing
        e = _equation_tensors(A, support, mixing)[i]
        if np.any(e != 0):
            return []  # the lone mixer is not indifferent against the others' pure strategies
        raise NeedsGeneralMethod("one player mixes and is indifferent: a polytope of solutions")
    if len(mixing) == 2:
        return _two_mixers(A, support, mixing)
    st = _Structure(A, support)
    ga = st.linear_matrix(st.a, st.b)
    gb = st.linear_matrix(st.b, st.a)
    wb = _kernel(ga)
    wa = _kernel(gb)
    forms = st.bilinear_forms()
    polys = st.z_polynomials(forms, wa, wb)
    out = []
    for field, z in _z_solutions(st, polys, _ball_plausible(st, wa, wb, True, A, support)):
        wa_v = [_eval(p, z, field) for p in wa]
        wb_v = [_eval(p, z, field) for p in wb]
        a_singular = all(v.is_zero() for v in wa_v)
        b_singular = all(v.is_zero() for v in wb_v)
        if a_singular and b_singular:
            raise NeedsGeneralMethod("both linear blocks are rank-deficient at a solution")
        if b_singular or a_singular:
            # G_a(z) (or G_b(z)) drops rank at this z: the other strategy is unique (full rank),
            # and this one solves G(z) w = 0 together with the z-players' equations, now linear in w
            known, g, side = (wa_v, ga, 1) if b_singular else (wb_v, gb, 0)
            rows = [[_eval(x, z, field) for x in row] for row in g]
            for h in forms:
                hv = [[_eval(x, z, field) for x in row] for row in h]
                if side == 1:  # unknown w_b: Σ_α known[α] H[α][β]
                    rows.append([field.reduce(sum((known[al] * hv[al][be] for al in range(len(hv))), _ZERO))
                                 for be in range(len(hv[0]))])
                else:  # unknown w_a: Σ_β H[α][β] known[β]
                    rows.append([field.reduce(sum((hv[al][be] * known[be] for be in range(len(hv[0]))), _ZERO))
                                 for al in range(len(hv))])
            basis = _field_kernel(rows, len(rows[0]), field)
            if len(basis) > 1:
                raise NeedsGeneralMethod("a linear block leaves a continuum of strategies at a solution")
            if not basis:
                continue
            if b_singular:
                wb_v = basis[0]
            else:
                wa_v = basis[0]
        wa_v = _positive(wa_v, field)
        wb_v = _positive(wb_v, field)
        if wa_v is None or wb_v is None:
            continue
        w: list[tuple[fmpq_poly, ...]] = []
        for i in range(n):
            if i == st.a:
                w.append(tuple(wa_v))
            elif i == st.b:
                w.append(tuple(wb_v))
            elif i in st.offsets:
                off = st.offsets[i]
                w.append((_ONE,) + tuple(z[off : off + st.d[i]]))
            else:
                w.append((_ONE,))
        out.append(Candidate(field, tuple(w)))
    return out


def _field_kernel(rows: list[list[fmpq_poly]], ncols: int, field: RealField) -> list[list[fmpq_poly]]:
    """A basis of the kernel of a matrix over ``Q(θ)`` (Gauss–Jordan elimination; reduced entries)."""
    rows = [list(r) for r in rows]
    pivots: list[int] = []
    r = 0
    for col in range(ncols):
        piv = next((i for i in range(r, len(rows)) if not rows[i][col].is_zero()), None)
        if piv is None:
            continue
        rows[r], rows[piv] = rows[piv], rows[r]
        inv = field.inv(rows[r][col])
        rows[r] = [field.mul(x, inv) for x in rows[r]]
        for i in range(len(rows)):
            if i != r and not rows[i][col].is_zero():
                factor = rows[i][col]
                rows[i] = [field.reduce(x - factor * y) for x, y in zip(rows[i], rows[r])]
        pivots.append(col)
        r += 1
    basis = []
    for free in (c for c in range(ncols) if c not in pivots):
        v = [_ZERO] * ncols
        v[free] = _ONE
        for i, pc in enumerate(pivots):
            v[pc] = field.reduce(-rows[i][free])
        basis.append(v)
    return basis


def _positive(v: list[fmpq_poly], field: RealField) -> list[fmpq_poly] | None:
    """``v`` or ``-v`` when all entries are strictly positive, else ``None``."""
    signs = [field.sign(x) for x in v]
    if all(s > 0 for s in signs):
        return v
    if all(s < 0 for s in signs):
        return [-x for x in v]
    return None


def _two_mixers(A: Sequence[np.ndarray], support: Support, mixing: list[int]) -> list[Candidate]:
    """Two players mix: each one's equations are linear (integer) in the other's strategy."""
    a, b = mixing
    e = _equation_tensors(A, support, mixing)
    ga = [[int(x) for x in row] for row in e[a]]  # player a's equations on w_b
    gb = [[int(x) for x in row] for row in e[b]]
    if len(ga) != len(gb):
        # unequal supports: the side with more equations than unknowns generically has none
        for g in (ga, gb):
            if fmpz_mat(g).rank() == len(g[0]):
                return []
        raise NeedsGeneralMethod("unequal supports with a non-trivial kernel: a polytope of solutions")
    wb, wa = _kernel(ga), _kernel(gb)
    if all(x == 0 for x in wb) or all(x == 0 for x in wa):
        raise NeedsGeneralMethod("rank-deficient linear system: a polytope of solutions")

    def pos(v):
        if all(x > 0 for x in v):
            return v
        if all(x < 0 for x in v):
            return [-x for x in v]
        return None

    wa, wb = pos(wa), pos(wb)
    if wa is None or wb is None:
        return []
    w = []
    for i in range(len(support)):
        if i == a:
            w.append(tuple(fmpq_poly([x]) for x in wa))
        elif i == b:
            w.append(tuple(fmpq_poly([x]) for x in wb))
        else:
            w.append((_ONE,))
    return [Candidate(_Q, tuple(w))]


@dataclass(frozen=True)
class VerifiedProfile:
    """An exactly verified equilibrium: probabilities and payoffs in the candidate's field.

    In fields of high degree the normalisation (an inversion whose cost grows fast with the
    heights) is left undone: each player's probabilities are then ``probabilities[i]``
    divided by ``denominators[i]`` and each payoff ``payoffs[i] / payoff_denominators[i]``
    (``None``: already normalised).
    """

    field: RealField
    probabilities: tuple[tuple[fmpq_poly, ...], ...]  # full length per player (zeros off the support)
    payoffs: tuple[fmpq_poly, ...]  # in the integer units of ``A`` (divide by the scale)
    denominators: tuple[fmpq_poly, ...] | None = None
    payoff_denominators: tuple[fmpq_poly, ...] | None = None


#: Fields of larger degree keep verified profiles unnormalised (see :class:`VerifiedProfile`).
NORMALISE_MAX_DEGREE = 12


def verify_candidate(A: Sequence[np.ndarray], support: Support, cand: Candidate) -> VerifiedProfile | None:
    """Check a candidate exactly: indifference on each support (else ``SolverError``-worthy
    inconsistency, reported as ``ArithmeticError``), no better outside strategy (else ``None``).

    Payoffs are computed from the homogeneous ``w`` (positive entries): signs and equalities
    do not depend on their scale.
    """
    field = cand.field
    n = len(support)
    shape = [a for a in A[0].shape]
    mixing = [i for i, s in enumerate(support) if len(s) > 1]
    totals = [field.reduce(sum(cand.w[i], _ZERO)) for i in range(n)]
    bases = []
    for i in range(n):
        others = [j for j in range(n) if j != i]
        # weights of the others' pure profiles over their supports (field elements)
        weights: list[tuple[tuple[int, ...], fmpq_poly]] = [((), _ONE)]
        for j in others:
            nxt = []
            for idx, wt in weights:
                for pos, s in enumerate(support[j]):
                    x = cand.w[j][pos]
                    nxt.append((idx + (s,), wt if j not in mixing else field.mul(wt, x)))
            weights = nxt
        ai = np.moveaxis(A[i], i, 0)
        u = []
        for o in range(shape[i]):
            total = _ZERO
            for idx, wt in weights:
                c = ai[(o,) + idx]
                if c:
                    total = total + wt * int(c)
            u.append(field.reduce(total))
        base = u[support[i][0]]
        for k in support[i][1:]:
            if not field.reduce(u[k] - base).is_zero():
                raise ArithmeticError(f"indifference fails for player {i} on support {support}")
        for o in range(shape[i]):
            if o not in support[i] and field.sign(u[o] - base) > 0:
                return None
        bases.append(base)
    if field.degree > NORMALISE_MAX_DEGREE:
        probs = []
        for i in range(n):
            vec = [_ZERO] * shape[i]
            for pos, s in enumerate(support[i]):
                vec[s] = cand.w[i][pos]
            probs.append(tuple(vec))
        pay_den = []
        for i in range(n):
            den = _ONE
            for j in mixing:
                if j != i:
                    den = field.mul(den, totals[j])
            pay_den.append(den)
        dens = tuple(totals[i] if i in mixing else _ONE for i in range(n))
        return VerifiedProfile(field, tuple(probs), tuple(bases), dens, tuple(pay_den))
    # normalise with one inversion: 1/total_j = (Π_k total_k)^-1 Π_{k≠j} total_k
    product = _ONE
    for j in mixing:
        product = field.mul(product, totals[j])
    inv_all = field.inv(product) if not product.is_one() else _ONE

    def inv_of(players: list[int]) -> fmpq_poly:  # 1 / Π_{j in players} total_j
        out = inv_all
        for k in mixing:
            if k not in players:
                out = field.mul(out, totals[k])
        return out

    values = [field.mul(bases[i], inv_of([j for j in mixing if j != i])) for i in range(n)]
    probs = []
    for i in range(n):
        inv = inv_of([i]) if i in mixing else _ONE
        vec = [_ZERO] * shape[i]
        for pos, s in enumerate(support[i]):
            vec[s] = field.mul(cand.w[i][pos], inv)
        probs.append(tuple(vec))
    return VerifiedProfile(field, tuple(probs), tuple(values))
