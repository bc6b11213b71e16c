"""The sequence form of two-player trees: exact Lemke and every extreme equilibrium.

A player's *sequence* is the list of their own moves on the way to a node (with
perfect recall, its last move names it: ``(information set, action)``, or the empty
sequence). A *realization plan* gives each sequence its probability when the player
plays it (the product of their behaviour probabilities along it); plans are the
points ``x >= 0`` with ``E x = e``: the empty sequence has probability 1 and at each
information set the probabilities of its actions add up to that of the sequence
leading there. With ``A[s, t]`` (``B[s, t]``) the expected payoff to player 1 (2) of
the leaves reached by the sequence pair ``(s, t)`` (chance included), expected
payoffs are ``x'Ay`` and ``x'By`` and the Nash equilibria are the solutions of the
linear complementarity problem (Koller, Megiddo & von Stengel 1996)::

    E x = e,  x >= 0,  E'p - A y >= 0,  x'(E'p - A y) = 0
    F y = f,  y >= 0,  F'q - B'x >= 0,  y'(F'q - B'x) = 0

whose size is linear in the tree (the normal form can be exponential).

* :func:`sequence_form_equilibria`: **every extreme equilibrium**, as vertex pairs
  of the best-response polyhedra ``P = {(x, q) : E x = e, x >= 0, F'q - B'x >= 0}``
  and ``Q = {(y, p) : F y = f, y >= 0, E'p - A y >= 0}`` whose labels
  (zero coordinates, tight constraints) together cover every sequence: the
  polytope search of :mod:`gametheory.solvers.enumeration` (Avis, Rosenberg, Savani &
  von Stengel 2010) extended to equality constraints and free variables. Both
  polyhedra are pointed and their recession directions only move the duals, so the
  plans of all equilibria are convex combinations of these vertex pairs.
  Every vertex is found by a breadth-first search over lexicographically feasible
  bases (Dantzig, Orden & Wolfe 1955) in exact integer (fraction-free) arithmetic.
* :func:`sequence_form_lemke`: **one equilibrium** by Lemke's algorithm on that
  LCP (payoffs shifted negative, so the duals have a sign, as Koller et al.
  require), exact; lexicographic pivoting rules out cycling.

Every result is turned into behaviour strategies (behaviour = ratio of
consecutive realization probabilities) and verified exactly before it is returned.

References
----------
Koller, D., Megiddo, N. & von Stengel, B. (1996). Efficient computation of
equilibria for extensive two-person games. *Games and Economic Behavior* 14, 247–259.
von Stengel, B. (1996). Efficient computation of behavior strategies. *Games and
Economic Behavior* 14, 220–246.
Avis, D., Rosenberg, G., Savani, R. & von Stengel, B. (2010). Enumeration of Nash
equilibria for two-player games. *Economic Theory* 42, 9–37.

Examples
--------
>>> from gametheory.extensive import Decision, ExtensiveGame
>>> guess = lambda win: Decision("B", {"h": {"A": -win, "B": win}, "t": {"A": win, "B": -win}}, infoset="guess")
>>> mp = ExtensiveGame(Decision("A", {"H": guess(1), "T": guess(-1)}))
>>> sf = sequence_form(mp)
>>> sf.sequences[0], sf.E.tolist()
([None, (0, 0), (0, 1)], [[1, 0, 0], [-1, 1, 1]])
>>> sequence_form_lemke(mp)[0].realization
((Fraction(1, 1), Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 1), Fraction(1, 2), Fraction(1, 2)))
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InvalidGameError, NotSupportedError, SolverError
from .game import ExtensiveGame
from .normal_form import Block

__all__ = [
    "SequenceForm",
    "sequence_form",
    "sequence_form_equilibria",
    "sequence_form_lemke",
    "behaviour_from_realization",
    "MAX_BASES",
]

#: Bound on the bases one polyhedron search visits before it stops (``complete=False``; then
#: Lemke's equilibrium is added, so at least one is found). About a millisecond per basis.
MAX_BASES = 20_000


@dataclass(frozen=True, eq=False)
class SequenceForm:
    """The sequence form of a two-player block (see the module docstring).

    Attributes
    ----------
    block : Block
        The tree (or subgame) it describes.
    movers : tuple of int
        The two players (indices into ``flat.players``), player 1 first.
    sequences : tuple of list
        Each mover's sequences: ``None`` (empty), then ``(infoset, action)``.
    infosets : tuple of list
        Each mover's information sets, in the order of the rows 1.. of E (F).
    E, F : numpy arrays of int
        The constraint matrices (row 0: the empty sequence).
    A, B : numpy object arrays of Fraction
        Payoffs by sequence pair.
    """

    block: Block
    movers: tuple[int, int]
    sequences: tuple[list, list]
    infosets: tuple[list, list]
    E: np.ndarray
    F: np.ndarray
    A: np.ndarray
    B: np.ndarray

    @property
    def exact(self) -> bool:
        """Whether the payoffs are exact."""
        return not any(isinstance(v, float) for v in self.A.flat) and not any(isinstance(v, float) for v in self.B.flat)


def _block_sequence_form(block: Block) -> SequenceForm:
    flat = block.flat
    movers = sorted({flat.mover[flat.infosets[h].nodes[0]] for h in block.infosets})
    if len(movers) != 2:
        raise NotSupportedError(f"the sequence form here is for two players; {len(movers)} move in this tree")
    seqs: list[list] = []
    isets: list[list] = []
    index: list[dict] = []
    for i in movers:
        hs = block.player_infosets(i)
        s: list = [None]
        for h in hs:
            s += [(h, a) for a in range(len(flat.infosets[h].actions))]
        seqs.append(s)
        isets.append(hs)
        index.append({q: k for k, q in enumerate(s)})
    mats = []
    for k, i in enumerate(movers):
        hs, s, idx = isets[k], seqs[k], index[k]
        C = np.zeros((len(hs) + 1, len(s)), dtype=np.int64)
        C[0, 0] = 1
        for r, h in enumerate(hs, 1):
            C[r, idx[block.parent_sequence(h)]] = -1
            for a in range(len(flat.infosets[h].actions)):
                C[r, idx[(h, a)]] = 1
        mats.append(C)
    exact = flat.exact
    zero: Any = Fraction(0) if exact else 0.0
    A = np.full((len(seqs[0]), len(seqs[1])), zero, dtype=object)
    B = np.full((len(seqs[0]), len(seqs[1])), zero, dtype=object)
    for z in block.leaves:
        w = block.chance[z]
        if w == 0:
            continue
        m1, m2 = block.moves[z][movers[0]], block.moves[z][movers[1]]
        s1 = index[0][m1[-1]] if m1 else 0
        s2 = index[1][m2[-1]] if m2 else 0
        pay = block.payoff[z]
        A[s1, s2] += w * pay[movers[0]]
        B[s1, s2] += w * pay[movers[1]]
    return SequenceForm(block, (movers[0], movers[1]), (seqs[0], seqs[1]), (isets[0], isets[1]), mats[0], mats[1], A, B)


def sequence_form(game: ExtensiveGame) -> SequenceForm:
    """The sequence form of a two-player tree with perfect recall.

    Raises
    ------
    NotSupportedError
        Without perfect recall, or when not exactly two players move.

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> g = ExtensiveGame(Decision("A", {"x": {"A": 1, "B": 0}, "y": Decision("B", {"l": {"A": 0, "B": 2}, "r": {}})}))
    >>> sf = sequence_form(g)
    >>> [[str(v) for v in row] for row in sf.A], [[str(v) for v in row] for row in sf.B]
    ([['0', '0', '0'], ['1', '0', '0'], ['0', '0', '0']], [['0', '0', '0'], ['0', '0', '0'], ['0', '2', '0']])
    """
    if not isinstance(game, ExtensiveGame):
        raise InvalidGameError(f"expected an ExtensiveGame, got {type(game).__name__}")
    game.flat.require_perfect_recall("the sequence form")
    return _block_sequence_form(Block(game.flat))


# -- exact integer tableaux ---------------------------------------------------------------------------
def _integers(M: np.ndarray) -> tuple[np.ndarray, int]:
    """An object array of Python ints proportional to ``M`` (Fractions), and the factor."""
    den = 1
    for v in M.flat:
        den = math.lcm(den, Fraction(v).denominator)
    out = np.empty(M.shape, dtype=object)
    out.flat = [int(Fraction(v) * den) for v in M.flat]
    return out, den


_SAFE = 2**31  # entries below this: products of two fit in int64


class _Tableau:
    """``T = D * B^{-1} [M | b | B0]`` in integers, with the basis and the determinant ``D > 0``.

    Entries are ``int64`` while they stay below ``2**31`` (no product can overflow, and
    Bareiss' divisions are exact) and Python integers otherwise: always exact.
    """

    def __init__(self, T: np.ndarray, D: int, basis: list[int], ncols: int) -> None:
        if T.dtype == object and len(T) and int(np.max(np.abs(T))) < _SAFE and D < _SAFE:
            T = T.astype(np.int64)
        self.T = T
        self.D = D
        self.basis = basis  # row -> variable
        self.ncols = ncols  # number of variables (columns of M)

    def pivot(self, row: int, col: int) -> "_Tableau":
        T = self.T
        p = int(T[row, col])
        R = T[row].copy()
        if p < 0:
            R = -R
            p = -p
        c = T[:, col].copy()
        if T.dtype != object and (p >= _SAFE or int(np.max(np.abs(T))) >= _SAFE):
            T, R, c = T.astype(object), R.astype(object), c.astype(object)
        new = (T * p - np.outer(c, R)) // self.D
        new[row] = R
        if new.dtype != object and int(np.max(np.abs(new))) >= _SAFE:
            new = new.astype(object)
        basis = list(self.basis)
        basis[row] = col
        return _Tableau(new, p, basis, self.ncols)


def _initial_tableau(M: np.ndarray, b: np.ndarray, order: list[int]) -> _Tableau:
    """Bring ``[M | b]`` to a basis chosen greedily from the columns in ``order`` (full row rank).

    The lexicographic columns are ``D * I``: the starting basis is lex-feasible at a
    feasible point whose support it contains.
    """
    r, n = M.shape
    T = np.concatenate([M.astype(object), b.reshape(-1, 1).astype(object)], axis=1)
    D = 1
    basis: list[int] = [-1] * r
    free_rows = set(range(r))
    for col in order:
        if not free_rows:
            break
        cand = [i for i in free_rows if T[i, col] != 0]
        if not cand:
            continue
        row = cand[0]
        p = T[row, col]
        R = T[row].copy()
        if p < 0:
            R, p = -R, -p
        c = T[:, col].copy()
        T = (T * p - np.outer(c, R)) // D
        T[row] = R
        D = int(p)
        basis[row] = col
        free_rows.discard(row)
    if free_rows:  # pragma: no cover - the matrices have full row rank
        raise SolverError("the sequence-form system does not have full row rank: a bug, please report it")
    lex = np.zeros((r, r), dtype=object)
    for i in range(r):
        lex[i, i] = D
    return _Tableau(np.concatenate([T, lex], axis=1), D, basis, n)


def _lex_less(T: np.ndarray, i: int, k: int, ci: Any, ck: Any, start: int) -> bool:
    """Row i / ci < row k / ck lexicographically on columns ``start:`` (ci, ck > 0)."""
    if T.dtype != object:  # products of int64 entries below 2**31 fit, but keep them as Python ints
        a = T[i, start:].astype(object) * int(ck)
        b = T[k, start:].astype(object) * int(ci)
    else:
        a = T[i, start:] * ck
        b = T[k, start:] * ci
    diff = np.nonzero(a != b)[0]
    if len(diff) == 0:  # pragma: no cover - lexicographic rows are independent
        return False
    j = diff[0]
    return a[j] < b[j]


def _polyhedron_vertices(M: np.ndarray, b: np.ndarray, nonneg: list[int], free: list[int], point: list,
                         *, max_bases: int) -> tuple[dict[int, list], bool, int]:
    """Every vertex of ``{v : M v = b, v[nonneg] >= 0}`` (``free`` unrestricted), from a feasible ``point``.

    Returns ``({label mask: point}, finished, bases visited)``; the mask has bit k set
    when ``v[nonneg[k]] == 0``.
    """
    nn_pos = {j: k for k, j in enumerate(nonneg)}
    is_free = set(free)
    support = [j for j in nonneg if point[j] != 0]
    zeros = [j for j in nonneg if point[j] == 0]
    start = _initial_tableau(M, b, list(free) + support + zeros)
    n = M.shape[1]
    rhs = n  # column of b
    seen = {frozenset(start.basis)}
    # depth first, each neighbour pivoted only when it is visited (memory: one tableau per level)
    queue: list = [(start, -1, -1)]
    vertices: dict[int, list] = {}
    visited = 0
    finished = True
    while queue:
        parent, prow, pcol = queue.pop()
        tab = parent if prow < 0 else parent.pivot(prow, pcol)
        visited += 1
        T, D, basis = tab.T, tab.D, tab.basis
        values = [Fraction(0)] * n
        for row, var in enumerate(basis):
            if T[row, rhs] != 0:
                values[var] = Fraction(int(T[row, rhs]), int(D))
        mask = 0
        for j in nonneg:
            if values[j] == 0:
                mask |= 1 << nn_pos[j]
        if mask not in vertices:
            vertices[mask] = values
        if visited >= max_bases:
            finished = False
            break
        inb = set(basis)
        rows = [row for row, var in enumerate(basis) if var not in is_free]
        for j in nonneg:
            if j in inb:
                continue
            col = T[:, j]
            cand = [row for row in rows if col[row] > 0]
            if not cand:
                continue  # an unbounded edge (a ray)
            best = cand[0]
            for row in cand[1:]:
                if _lex_less(T, row, best, col[row], col[best], rhs):
                    best = row
            key = frozenset(inb - {basis[best]} | {j})
            if key in seen:
                continue
            seen.add(key)
            queue.append((tab, best, j))
    return vertices, finished, visited


# -- every extreme equilibrium ----------------------------------------------------------------------
def _best_reply_values(sf: SequenceForm, k: int, pay: np.ndarray) -> list:
    """The duals of mover k's best reply to the other's pure ``plan``: value of each information set."""
    flat = sf.block.flat
    seqs, hs = sf.sequences[k], sf.infosets[k]
    idx = {s: j for j, s in enumerate(seqs)}
    u = list(pay)
    below: dict[Any, list[int]] = {}
    for h in hs:
        below.setdefault(sf.block.parent_sequence(h), []).append(h)
    val: dict[int, Any] = {}
    for h in reversed(hs):
        best = None
        for a in range(len(flat.infosets[h].actions)):
            v = u[idx[(h, a)]] + sum((val[h2] for h2 in below.get((h, a), ())), Fraction(0))
            best = v if best is None or v > best else best
        val[h] = best
    root = u[0] + sum((val[h] for h in below.get(None, ())), Fraction(0))
    return [root] + [val[h] for h in hs]


def _pure_plan(sf: SequenceForm, k: int) -> list[Fraction]:
    """The realization plan of mover k that takes the first action everywhere it can."""
    flat = sf.block.flat
    seqs = sf.sequences[k]
    idx = {s: j for j, s in enumerate(seqs)}
    x = [Fraction(0)] * len(seqs)
    x[0] = Fraction(1)
    for h in sf.infosets[k]:  # parents come first in pre-order
        par = sf.block.parent_sequence(h)
        if x[idx[par]] != 0:
            x[idx[(h, 0)]] = x[idx[par]]
    _ = flat
    return x


def _side(sf: SequenceForm, k: int, Aint: np.ndarray, Bint: np.ndarray, max_bases: int):
    """Vertices of mover k's side: P (k=0: plans x and the other's duals q) or Q (k=1)."""
    E, F = sf.E, sf.F
    C_own, C_other = (E, F) if k == 0 else (F, E)
    # the other mover's payoff as a function of (own sequence, other sequence)
    W = Bint if k == 0 else Aint.T  # rows: own sequences, columns: other's sequences
    m_own, m_other = C_own.shape[1], C_other.shape[1]
    k_own, k_other = C_own.shape[0], C_other.shape[0]
    # variables: own plan (m_own) | other's duals (k_other) | slacks (m_other)
    n = m_own + k_other + m_other
    M = np.zeros((k_own + m_other, n), dtype=object)
    M[:k_own, :m_own] = C_own
    M[k_own:, :m_own] = -W.T
    M[k_own:, m_own:m_own + k_other] = C_other.T
    M[k_own:, m_own + k_other:] = -np.eye(m_other, dtype=np.int64)
    b = np.zeros(k_own + m_other, dtype=object)
    b[0] = 1
    x0 = _pure_plan(sf, k)
    # the other's best-reply values to x0 make a feasible point
    u = [sum((W[s, t] * x0[s] for s in range(m_own)), Fraction(0)) for t in range(m_other)]
    q0 = _best_reply_values(sf, 1 - k, np.array(u, dtype=object))
    slack = [sum((int(C_other[r, t]) * q0[r] for r in range(k_other)), Fraction(0)) - u[t] for t in range(m_other)]
    point = list(x0) + list(q0) + slack
    nonneg = list(range(m_own)) + list(range(m_own + k_other, n))
    free = list(range(m_own, m_own + k_other))
    verts, finished, visited = _polyhedron_vertices(M, b, nonneg, free, point, max_bases=max_bases)
    # labels: own sequence s when x_s = 0 (bit s); other's sequence t when its slack is 0 (bit m1 + t)
    out = []
    for mask, values in verts.items():
        own_bits = mask & ((1 << m_own) - 1)
        other_bits = mask >> m_own
        if k == 0:
            labels = own_bits | (other_bits << m_own)
        else:  # Q: bit s for player 1's sequence (slack r_s), bit m1 + t for y_t = 0
            labels = other_bits | (own_bits << m_other)
        out.append((labels, tuple(values[:m_own])))
    return out, finished, visited


def sequence_form_block_equilibria(block: Block, *, max_bases: int = MAX_BASES) -> Any:
    """Every extreme equilibrium of a two-player block, as behaviour (see :func:`sequence_form_equilibria`)."""
    from ..solvers.enumeration import _match
    from .blocks import BlockEquilibria, fill_unreached

    sf = _block_sequence_form(block)
    out = BlockEquilibria(method="sequence form, vertex enumeration")
    if not sf.exact:
        from .blocks import _normal_form_block_equilibria

        return _normal_form_block_equilibria(block)
    Aint, _ = _integers(sf.A)
    Bint, _ = _integers(sf.B)
    m1, m2 = sf.E.shape[1], sf.F.shape[1]
    k1, k2 = sf.E.shape[0], sf.F.shape[0]
    P, done_p, _ = _side(sf, 0, Aint, Bint, max_bases)
    Q, done_q, _ = _side(sf, 1, Aint, Bint, max_bases)
    incomplete = not (done_p and done_q)
    if incomplete:
        out.complete = False
        out.notes.append(f"the vertex search stopped after {max_bases} bases (max_bases); the equilibria listed are "
                         "some, not all (Lemke's equilibrium among them)")
    pairs = _match([lab for lab, _ in P], [lab for lab, _ in Q], m1 + k2 - k1, m2 + k1 - k2)
    xs: dict[tuple, int] = {}
    ys: dict[tuple, int] = {}
    found: dict[tuple, tuple] = {}
    partners_x: dict[tuple, set] = {}
    partners_y: dict[tuple, set] = {}
    for i, j in pairs:
        x, y = P[i][1], Q[j][1]
        xs.setdefault(x, len(xs))
        ys.setdefault(y, len(ys))
        partners_x.setdefault(x, set()).add(y)
        partners_y.setdefault(y, set()).add(x)
        found.setdefault((x, y), (x, y))
    if incomplete:
        lemke = _lemke(sf)
        if lemke is not None:
            found.setdefault(lemke, lemke)
    if any(len(v) > 1 for v in partners_x.values()) or any(len(v) > 1 for v in partners_y.values()):
        out.complete = False
        out.notes.append(
            "the tree has continua of equilibria (a plan that is an equilibrium with two different plans of the "
            "other player); their extreme points are listed, and every mixture within a continuum is an "
            "equilibrium too"
        )
    realizations = []
    seen: set = set()
    for x, y in found.values():
        beh = behaviour_from_realization(sf, (x, y))
        beh = fill_unreached(block, beh)
        key = tuple(sorted(beh.items()))
        if key in seen:
            continue
        seen.add(key)
        out.behaviours.append(beh)
        realizations.append((x, y))
    out.realizations = realizations  # type: ignore[attr-defined]
    return out


def behaviour_from_realization(sf: SequenceForm, plans: tuple) -> dict[int, tuple]:
    """Behaviour at the information sets each plan reaches: ``x[(h, a)] / x[parent(h)]``.

    Sets a player's own plan reaches with probability 0 are left out.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> g = ExtensiveGame(Decision("A", {"x": {"A": 1, "B": 0}, "y": Decision("B", {"l": {}, "r": {}})}))
    >>> behaviour_from_realization(sequence_form(g), ((F(1), F(1), F(0)), (F(1), F(1, 3), F(2, 3))))
    {0: (Fraction(1, 1), Fraction(0, 1)), 1: (Fraction(1, 3), Fraction(2, 3))}
    """
    flat = sf.block.flat
    out: dict[int, tuple] = {}
    for k in range(2):
        seqs = sf.sequences[k]
        idx = {s: j for j, s in enumerate(seqs)}
        x = plans[k]
        for h in sf.infosets[k]:
            par = x[idx[sf.block.parent_sequence(h)]]
            if par == 0:
                continue
            out[h] = tuple(x[idx[(h, a)]] / par for a in range(len(flat.infosets[h].actions)))
    return out


def sequence_form_equilibria(game: ExtensiveGame, *, max_bases: int = MAX_BASES) -> Any:
    """Every extreme Nash equilibrium of a two-player tree, by the sequence form.

    Each is returned with its behaviour strategies, realization plans
    (``TreeEquilibrium.realization``) and exact certificate (largest gain from a
    deviation, exactly 0).

    Parameters
    ----------
    game : ExtensiveGame
        Two players who move, perfect recall, exact payoffs (float games are solved
        through the reduced normal form).
    max_bases : int
        Bound on the bases each polyhedron search visits; beyond it the result is
        ``complete=False``.

    Returns
    -------
    SequentialSolution
        ``concept="Nash"``; ``complete`` unless the search stopped or the game has
        continua of equilibria (then the extreme points are listed, with a note).

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> chain = ExtensiveGame(Decision("Entrant", {
    ...     "Out": {"Entrant": 1, "Incumbent": 5},
    ...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
    ...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}))
    >>> sol = sequence_form_equilibria(chain)
    >>> sorted(e.realization for e in sol)[0]
    ((Fraction(1, 1), Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(1, 1), Fraction(0, 1)))
    """
    from .behaviour import nash_regret
    from .nash import verified_equilibrium
    from .result import SequentialSolution

    started = time.perf_counter()
    sequence_form(game)  # checks
    flat = game.flat
    found = sequence_form_block_equilibria(Block(flat), max_bases=max_bases)
    exact = game.exact and found.exact
    eqs = []
    for beh, real in zip(found.behaviours, getattr(found, "realizations", [None] * len(found.behaviours))):
        profile = tuple(beh[h] for h in range(len(flat.infosets)))
        eqs.append(verified_equilibrium(game, profile, nash_regret, exact=exact, realization=real))
    return SequentialSolution(game=game, method="sequence_form_equilibria", equilibria=tuple(eqs),
                              complete=found.complete and bool(eqs), exact=exact,
                              parameters={"max_bases": max_bases}, elapsed=time.perf_counter() - started,
                              notes=tuple(found.notes), concept="Nash")


# -- Lemke ----------------------------------------------------------------------------------------------
def sequence_form_lemke(game: ExtensiveGame) -> Any:
    """One Nash equilibrium of a two-player tree by Lemke's algorithm on the sequence form, exactly.

    Payoffs are shifted so every leaf pays both players less than 0 (which does not
    change the equilibria); then the duals are nonpositive and the LCP becomes
    ``w = q + M z >= 0, z >= 0, z'w = 0`` with ``z = (x, y, -p, -q)`` (Koller, Megiddo &
    von Stengel 1996). Lemke's complementary pivoting from the artificial variable
    ``z0`` with covering vector 1, with lexicographic ties, ends at a solution. The
    result is verified exactly (should Lemke's path fail, the vertex search supplies
    an equilibrium instead, with a note).

    Returns
    -------
    SequentialSolution
        ``concept="Nash"``, one equilibrium, ``complete=False`` (Lemke finds one).

    Raises
    ------
    SolverError
        If Lemke ends on a ray (not expected for these LCPs) and the vertex search
        finds nothing either.

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> guess = lambda win: Decision("B", {"h": {"A": -win, "B": win}, "t": {"A": win, "B": -win}}, infoset="guess")
    >>> mp = ExtensiveGame(Decision("A", {"H": guess(1), "T": guess(-1)}))
    >>> sol = sequence_form_lemke(mp)
    >>> sol[0].profile, sol[0].regret
    (((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2))), Fraction(0, 1))
    """
    from .behaviour import nash_regret
    from .blocks import fill_unreached
    from .nash import verified_equilibrium
    from .result import SequentialSolution

    started = time.perf_counter()
    sf = sequence_form(game)
    flat = game.flat
    notes: list[str] = []
    plans = _lemke(sf) if sf.exact else None
    method = "sequence_form_lemke"
    if plans is None:
        notes.append("Lemke's path ended on a ray; an equilibrium was taken from the vertex search instead")
        found = sequence_form_block_equilibria(Block(flat))
        beh, real = found.behaviours[0], found.realizations[0]  # type: ignore[attr-defined]
    else:
        real = plans
        beh = fill_unreached(sf.block, behaviour_from_realization(sf, plans))
    profile = tuple(beh[h] for h in range(len(flat.infosets)))
    eq = verified_equilibrium(game, profile, nash_regret, exact=game.exact, realization=real)
    return SequentialSolution(game=game, method=method, equilibria=(eq,), complete=False, exact=game.exact,
                              elapsed=time.perf_counter() - started, notes=tuple(notes), concept="Nash")


def _lemke(sf: SequenceForm) -> tuple | None:
    """Realization plans solving the sequence-form LCP, or ``None`` if Lemke's path fails.

    With every leaf paying less than 0 the duals are values of negative payoffs, so
    ``p = -p'`` with ``p' >= 0`` and ``E x = e`` may be written ``E x >= e`` (more
    probability only costs): the LCP (Koller, Megiddo & von Stengel 1996) is
    ``w = q + M z`` with ``z = (x, y, p', q')``::

        w_x  = -A y - E'p'  >= 0  (x)     w_p' = E x - e >= 0  (p')
        w_y  = -B'x - F'q'  >= 0  (y)     w_q' = F y - f >= 0  (q')
    """
    E, F = sf.E, sf.F
    A, B = sf.A, sf.B
    m1, m2 = E.shape[1], F.shape[1]
    k1, k2 = E.shape[0], F.shape[0]
    Aint, _ = _integers(A - _shift(sf, 0))
    Bint, _ = _integers(B - _shift(sf, 1))
    n = m1 + m2 + k1 + k2
    M = np.zeros((n, n), dtype=object)
    qv = np.zeros(n, dtype=object)
    ox, oy, op, oq = 0, m1, m1 + m2, m1 + m2 + k1
    M[ox:ox + m1, oy:oy + m2] = -Aint
    M[ox:ox + m1, op:op + k1] = -E.T
    M[oy:oy + m2, ox:ox + m1] = -Bint.T
    M[oy:oy + m2, oq:oq + k2] = -F.T
    M[op:op + k1, ox:ox + m1] = E
    M[oq:oq + k2, oy:oy + m2] = F
    qv[op] = -1
    qv[oq] = -1
    z = _lemke_lcp(M, qv)
    if z is None:
        return None
    x = tuple(z[ox:ox + m1])
    y = tuple(z[oy:oy + m2])
    for C, v in ((E, x), (F, y)):  # the plans must satisfy E x = e exactly
        for r in range(C.shape[0]):
            if sum((int(C[r, j]) * v[j] for j in range(C.shape[1])), Fraction(0)) != (1 if r == 0 else 0):
                return None
    return x, y


def _shift(sf: SequenceForm, k: int) -> np.ndarray:
    """``c * W`` where W[s, t] is the chance weight of leaves at (s, t) and c exceeds every payoff of mover k."""
    block = sf.block
    i = sf.movers[k]
    top = max((block.payoff[z][i] for z in block.leaves), default=0)
    c = Fraction(top) + 1
    idx = [{s: j for j, s in enumerate(sf.sequences[q])} for q in range(2)]
    W = np.full(sf.A.shape, Fraction(0), dtype=object)
    for z in block.leaves:
        m1, m2 = block.moves[z][sf.movers[0]], block.moves[z][sf.movers[1]]
        s1 = idx[0][m1[-1]] if m1 else 0
        s2 = idx[1][m2[-1]] if m2 else 0
        W[s1, s2] += block.chance[z]
    return W * c


def _lemke_lcp(M: np.ndarray, q: np.ndarray) -> list | None:
    """Lemke's algorithm: the path in floats, its end solved and checked exactly; else exact pivoting.

    The float path (lexicographic ratio tests within a tolerance) only proposes the
    final complementary basis; that basis is solved exactly (flint) and accepted only
    if the solution is nonnegative and the artificial variable is out. Otherwise the
    exact integer path decides.
    """
    basis = _lemke_float_basis(M, q)
    if basis is not None:
        z = _solve_basis_exactly(M, q, basis)
        if z is not None:
            return z
    return _lemke_exact(M, q)


def _lemke_float_basis(M: np.ndarray, q: np.ndarray, tol: float = 1e-9) -> list[int] | None:
    """The complementary basis where the float Lemke path ends (variables as in _lemke_exact), or None."""
    n = len(q)
    Mf = np.array(M, dtype=float)
    qf = np.array([float(v) for v in q])
    T = np.zeros((n, 2 * n + 2 + n))
    T[:, :n] = np.eye(n)
    T[:, n:2 * n] = -Mf
    T[:, 2 * n] = -1.0
    rhs = 2 * n + 1
    T[:, rhs] = qf
    T[:, rhs + 1:] = np.eye(n)
    basis = list(range(n))
    if (qf >= 0).all():
        return basis
    low = qf.min()
    row = max(i for i in range(n) if qf[i] <= low + tol)

    def pivot(r: int, j: int) -> None:
        T[r] /= T[r, j]
        col = T[:, j].copy()
        col[r] = 0.0
        T[:] -= np.outer(col, T[r])
        basis[r] = j

    pivot(row, 2 * n)
    entering = n + row
    for _ in range(50 * n + 1000):
        c = T[:, entering]
        cand = np.nonzero(c > tol * max(float(np.abs(c).max()), 1.0))[0]
        if len(cand) == 0:
            return None
        # Harris' ratio test (rows within a small relative slack of the minimum ratio), then the
        # lexicographic rule among them (which rules out cycling)
        b = np.maximum(T[cand, rhs], 0.0)
        delta = tol * max(1.0, float(np.abs(T[:, rhs]).max()))
        bound = ((b + delta) / c[cand]).min()
        ok = cand[b / c[cand] <= bound]
        best = int(ok[0])
        if len(ok) > 1:
            ratios = T[ok][:, rhs + 1:] / c[ok, None]
            best_row = ratios[0]
            for k in range(1, len(ok)):
                diff = ratios[k] - best_row
                scale = max(1.0, float(np.abs(ratios[k]).max()), float(np.abs(best_row).max()))
                nz = np.nonzero(np.abs(diff) > tol * scale)[0]
                if len(nz) and diff[nz[0]] < 0:
                    best, best_row = int(ok[k]), ratios[k]
        out_var = basis[best]
        pivot(best, entering)
        if out_var == 2 * n:
            return basis
        entering = out_var + n if out_var < n else out_var - n
    return None


def _solve_basis_exactly(M: np.ndarray, q: np.ndarray, basis: list[int]) -> list | None:
    """z of the complementary basis, solved exactly; None unless it is a solution of the LCP."""
    import flint

    n = len(q)
    if len(set(basis)) != n or 2 * n in basis:
        return None
    cols = []
    for var in basis:  # columns of [I | -M] for w (var < n) and z (var - n)
        if var < n:
            cols.append([int(i == var) for i in range(n)])
        else:
            j = var - n
            cols.append([-Fraction(M[i, j]) for i in range(n)])
    entries = [flint.fmpq(Fraction(cols[k][i]).numerator, Fraction(cols[k][i]).denominator)
               for i in range(n) for k in range(n)]
    B = flint.fmpq_mat(n, n, entries)
    rhs = flint.fmpq_mat(n, 1, [flint.fmpq(Fraction(v).numerator, Fraction(v).denominator) for v in q])
    try:
        sol = B.solve(rhs)
    except ZeroDivisionError:
        return None
    values = [Fraction(int(sol[i, 0].p), int(sol[i, 0].q)) for i in range(n)]
    if any(v < 0 for v in values):
        return None
    z = [Fraction(0)] * n
    w = [Fraction(0)] * n
    for var, v in zip(basis, values):
        if var < n:
            w[var] = v
        else:
            z[var - n] = v
    # check w = q + M z exactly and complementarity
    for i in range(n):
        if w[i] != Fraction(q[i]) + sum((Fraction(M[i, j]) * z[j] for j in range(n) if z[j] != 0), Fraction(0)):
            return None
        if w[i] != 0 and z[i] != 0:
            return None
    return z


def _lemke_exact(M: np.ndarray, q: np.ndarray) -> list | None:
    """Lemke's algorithm with covering vector 1 and lexicographic ratio tests, in integers.

    Variables: w_0..w_{n-1} (columns 0..n-1), z_0..z_{n-1} (n..2n-1), z0 (2n). Returns
    z as Fractions, or None on ray termination.
    """
    n = len(q)
    # tableau rows: w = q + M z + d z0  ->  [I | -M | -d | q] in the form  I w - M z - d z0 = q
    T = np.zeros((n, 2 * n + 1 + 1 + n), dtype=object)
    for i in range(n):
        T[i, i] = 1
    T[:, n:2 * n] = -M
    T[:, 2 * n] = -1
    rhs = 2 * n + 1
    T[:, rhs] = q
    for i in range(n):
        T[i, rhs + 1 + i] = 1  # lexicographic columns (the initial basis inverse)
    tab = _Tableau(T, 1, list(range(n)), 2 * n + 1)
    # first pivot: z0 enters, the most negative q leaves (lexicographic among ties)
    cand = [i for i in range(n) if T[i, rhs] < 0]
    if not cand:
        return [Fraction(0)] * n
    col = 2 * n
    # z0 rises until every w_i = q_i + z0 >= 0: the most negative q_i leaves; among ties the
    # lexicographically smallest row (q_i, e_i), i.e. the last index
    low = min(T[i, rhs] for i in cand)
    best = max(i for i in cand if T[i, rhs] == low)
    tab = tab.pivot(best, col)
    entering = n + best  # w_best left: its complement z_best enters
    for _step in range(50 * n + 1000):
        T = tab.T
        c = T[:, entering]
        cand = [i for i in range(n) if c[i] > 0]
        if not cand:
            return None  # ray
        best = cand[0]
        for i in cand[1:]:
            if _lex_less(T, i, best, c[i], c[best], rhs):
                best = i
        out_var = tab.basis[best]
        tab = tab.pivot(best, entering)
        if out_var == 2 * n:  # z0 left: a solution
            z = [Fraction(0)] * n
            for row, var in enumerate(tab.basis):
                if n <= var < 2 * n:
                    z[var - n] = Fraction(int(tab.T[row, rhs]), int(tab.D))
            return z
        entering = out_var + n if out_var < n else out_var - n
    raise SolverError("Lemke's algorithm did not end within its step bound: a bug, please report it")
