"""The 2×2 ordinal taxonomy: Robinson–Goforth (144) and Rapoport–Guyer (78) classes, with names.

A *strict ordinal 2×2 game* gives each of two players a strict ranking (1 worst,
4 best) of the four outcomes: there are ``4! × 4! = 576`` labelled ones.

* **Robinson–Goforth classes**: games equal up to relabelling each player's
  strategies (swapping rows, swapping columns). Every such orbit has exactly four
  games (a strict ranking is never invariant under a swap), so there are
  ``576 / 4 = 144`` classes (Robinson & Goforth 2005, ch. 2 "144 games").
* **Rapoport–Guyer classes**: additionally identify games that differ only by
  which player is called Row. The 12 symmetric classes are fixed by the swap and
  the other 132 pair up, giving ``12 + 132/2 = 78`` classes (Rapoport & Guyer 1966).

Pure equilibria: of the 144 classes 108 have exactly one pure Nash equilibrium,
18 have two and 18 have none (Robinson & Goforth 2005 count the two-equilibrium
and the equilibrium-free games as 18 each). Independently of any table: a cell is
an equilibrium with probability 1/4 for a uniformly random labelled game, so the
expected number of equilibria is 1; two equilibria need both diagonal (or both
off-diagonal) cells to be best replies for both players, probability
``2 × (1/4) × (1/4) = 1/8`` -- hence 72, 432 and 72 of the 576 labelled games
have 0, 1 and 2 equilibria, i.e. 18, 108, 18 classes of four.

Class **numbers** are this module's own (classes sorted by their canonical rank
tuple); they are *not* the Robinson–Goforth grid coordinates nor the
Rapoport–Guyer game numbers. Names are given for the symmetric games with
established names, read from the symmetric form's ordering of
``R`` (mutual C), ``S`` (C against D), ``T`` (D against C), ``P`` (mutual D):
Prisoner's Dilemma ``T>R>P>S``, Chicken ``T>R>S>P``, Stag Hunt ``R>T>P>S``,
Assurance ``R>P>T>S``, Deadlock ``T>P>R>S``, Harmony ``R>T>S>P``, Leader
``T>S>R>P`` and Hero ``S>T>R>P`` (Rapoport 1967; Leader and Hero are the
symmetric forms of the Battle of the Sexes). The other four symmetric classes
and the 132 asymmetric ones are described, not named.

References
----------
Rapoport, A. & Guyer, M. (1966). A taxonomy of 2×2 games. *General Systems* 11, 203–214.
Rapoport, A. (1967). Exploiter, Leader, Hero, and Martyr: the four archetypes of the 2×2 game.
*Behavioral Science* 12(2), 81–84.
Robinson, D. & Goforth, D. (2005). *The Topology of the 2×2 Games: A New Periodic Table*. Routledge.
Bruns, B. R. (2015). Names for games: locating 2×2 games. *Games* 6(4), 495–520.

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> c = classify(pd)
>>> c.name, c.robinson_goforth.symmetric, c.robinson_goforth.pure_equilibria
("Prisoner's Dilemma", True, 1)
>>> len(robinson_goforth_classes()), len(rapoport_guyer_classes())
(144, 78)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

import numpy as np

from .errors import InvalidGameError
from .game import Game

__all__ = [
    "OrdinalClass",
    "Classification",
    "ordinal_ranks",
    "classify",
    "robinson_goforth_class",
    "rapoport_guyer_class",
    "robinson_goforth_classes",
    "rapoport_guyer_classes",
    "strict_ordinal_2x2_games",
    "pure_equilibrium_counts",
    "SYMMETRIC_NAMES",
]

Ranks = tuple[tuple[tuple[int, int], tuple[int, int]], tuple[tuple[int, int], tuple[int, int]]]

#: Established names of symmetric strict ordinal 2×2 games, keyed by the ordering of
#: R, S, T, P (best first) in the symmetric form with strategies (C, D).
SYMMETRIC_NAMES: dict[str, tuple[str, ...]] = {
    "TRPS": ("Prisoner's Dilemma",),
    "TRSP": ("Chicken", "Hawk-Dove", "Snowdrift"),
    "RTPS": ("Stag Hunt",),
    "RPTS": ("Assurance",),
    "TPRS": ("Deadlock",),
    "RTSP": ("Harmony",),
    "TSRP": ("Leader", "Battle of the Sexes"),
    "STRP": ("Hero", "Battle of the Sexes"),
}

_MIRROR = str.maketrans("RSTP", "PTSR")  # relabel C<->D for both players


def _names_for(ordering: str) -> tuple[str, ...]:
    return SYMMETRIC_NAMES.get(ordering) or SYMMETRIC_NAMES.get(ordering.translate(_MIRROR)) or ()


def ordinal_ranks(game: Game) -> Ranks:
    """Each player's strict ranks (1 worst .. 4 best) of the four outcomes of a 2×2 game.

    Raises :class:`~gametheory.errors.InvalidGameError` unless the game has two
    players with two strategies each and no player is indifferent between two outcomes.

    Examples
    --------
    >>> ordinal_ranks(Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    (((3, 1), (4, 2)), ((3, 4), (1, 2)))
    """
    if game.num_players != 2 or game.shape != (2, 2):
        raise InvalidGameError(f"the 2×2 taxonomy needs a two-player 2×2 game, got shape {game.shape}")
    out = []
    for i in range(2):
        vals = [game.comparable_payoffs[i][r][c] for r in range(2) for c in range(2)]
        if not game.exact:
            close = [abs(a - b) <= game.tol for a, b in itertools.combinations(vals, 2)]
        else:
            close = [a == b for a, b in itertools.combinations(vals, 2)]
        if any(close):
            raise InvalidGameError(f"{game.players[i]} is indifferent between outcomes: not a strict ordinal game")
        order = sorted(range(4), key=lambda k: vals[k])
        rank = [0] * 4
        for r, k in enumerate(order, 1):
            rank[k] = r
        out.append(((rank[0], rank[1]), (rank[2], rank[3])))
    return (out[0], out[1])


def _swap_rows(g: Ranks) -> Ranks:
    a, b = g
    return ((a[1], a[0]), (b[1], b[0]))


def _swap_cols(g: Ranks) -> Ranks:
    a, b = g
    return (tuple((r[1], r[0]) for r in a), tuple((r[1], r[0]) for r in b))  # type: ignore[return-value]


def _transpose(m):
    return ((m[0][0], m[1][0]), (m[0][1], m[1][1]))


def _swap_players(g: Ranks) -> Ranks:
    a, b = g
    return (_transpose(b), _transpose(a))


def _relabellings(g: Ranks) -> list[Ranks]:
    return [g, _swap_rows(g), _swap_cols(g), _swap_rows(_swap_cols(g))]


def _with_player_swap(g: Ranks) -> list[Ranks]:
    return _relabellings(g) + _relabellings(_swap_players(g))


def _key(g: Ranks) -> tuple[int, ...]:
    a, b = g
    return (*a[0], *a[1], *b[0], *b[1])


def _pure_equilibria(g: Ranks) -> int:
    a, b = g
    return sum(
        1
        for r in range(2)
        for c in range(2)
        if a[r][c] > a[1 - r][c] and b[r][c] > b[r][1 - c]
    )


def _symmetric_form(g: Ranks) -> Ranks | None:
    for h in _relabellings(g):
        if h[1] == _transpose(h[0]):
            return h
    return None


def _ordering(h: Ranks) -> str:
    a = h[0]
    vals = {"R": a[0][0], "S": a[0][1], "T": a[1][0], "P": a[1][1]}
    return "".join(sorted(vals, key=lambda k: -vals[k]))


@dataclass(frozen=True)
class OrdinalClass:
    """One class of strict ordinal 2×2 games.

    Attributes
    ----------
    system : str
        ``"Robinson-Goforth"`` (up to relabelling strategies; 144 classes) or
        ``"Rapoport-Guyer"`` (also up to swapping players; 78 classes).
    number : int
        This module's number (1-based, classes sorted by canonical ranks); not the
        numbering of either book.
    canonical : tuple
        Canonical ranks ``(A, B)``: the lexicographically least member's ranks.
    size : int
        Number of labelled games in the class.
    symmetric : bool
        Some relabelling makes the game symmetric (column's ranks are row's transposed).
    pure_equilibria : int
        Number of pure Nash equilibria (0, 1 or 2).
    ordering : str or None
        For symmetric classes, R/S/T/P from best to worst in the symmetric form
        (under the labelling of :data:`SYMMETRIC_NAMES` for named classes, else the
        lexicographically least of the two C/D labellings).
    names : tuple of str
        Established names (first is the main one); empty when the class has none here.
    """

    system: str
    number: int
    canonical: Ranks
    size: int
    symmetric: bool
    pure_equilibria: int
    ordering: str | None = None
    names: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str | None:
        """The main established name, or ``None``."""
        return self.names[0] if self.names else None

    def game(self) -> Game:
        """The canonical member as a :class:`~gametheory.Game` with rank payoffs."""
        return Game(np.array(self.canonical, dtype=np.int64), title=self.name)

    def __str__(self) -> str:
        a, b = self.canonical
        cells = "  ".join(f"({a[r][c]},{b[r][c]})" for r in range(2) for c in range(2))
        what = self.name or ("symmetric" if self.symmetric else "asymmetric")
        if self.ordering and not self.name:
            what += f" {'>'.join(self.ordering)}"
        eq = f"{self.pure_equilibria} pure equilibri{'um' if self.pure_equilibria == 1 else 'a'}"
        return f"{self.system} class {self.number}: {what}; {eq}; canonical {cells}"


@dataclass(frozen=True)
class Classification:
    """Both classes of one strict ordinal 2×2 game."""

    ranks: Ranks
    robinson_goforth: OrdinalClass
    rapoport_guyer: OrdinalClass

    @property
    def name(self) -> str | None:
        """The established name of the game's class, or ``None``."""
        return self.robinson_goforth.name

    def __str__(self) -> str:
        return f"{self.robinson_goforth}\n{self.rapoport_guyer}"


def _build(system: str, orbit) -> tuple[dict[tuple, OrdinalClass], tuple[OrdinalClass, ...]]:
    keys: dict[tuple, list[Ranks]] = {}
    for g in _all_ranks():
        keys.setdefault(min(_key(h) for h in orbit(g)), []).append(g)
    classes = []
    lookup = {}
    for number, k in enumerate(sorted(keys), 1):
        members = keys[k]
        g = members[0]
        sym = _symmetric_form(g)
        ordering = names = None
        if sym is not None:
            o1 = _ordering(sym)
            pair = (o1, o1.translate(_MIRROR))
            # the labelling under which the class is named, else the lexicographically least
            ordering = next((o for o in pair if o in SYMMETRIC_NAMES), min(pair))
            names = _names_for(ordering)
        canon = ((k[0:2], k[2:4]), (k[4:6], k[6:8]))
        cls = OrdinalClass(system, number, canon, len(members), sym is not None, _pure_equilibria(g), ordering, names or ())
        classes.append(cls)
        for m in members:
            lookup[_key(m)] = cls
    return lookup, tuple(classes)


@lru_cache(maxsize=1)
def _all_ranks() -> tuple[Ranks, ...]:
    out = []
    for pa in itertools.permutations(range(1, 5)):
        for pb in itertools.permutations(range(1, 5)):
            out.append((((pa[0], pa[1]), (pa[2], pa[3])), ((pb[0], pb[1]), (pb[2], pb[3]))))
    return tuple(out)


@lru_cache(maxsize=1)
def _rg_tables():
    return _build("Robinson-Goforth", _relabellings)


@lru_cache(maxsize=1)
def _rag_tables():
    return _build("Rapoport-Guyer", _with_player_swap)


def robinson_goforth_classes() -> tuple[OrdinalClass, ...]:
    """The 144 Robinson–Goforth classes (strict ordinal 2×2 games up to relabelling strategies).

    Examples
    --------
    >>> cs = robinson_goforth_classes()
    >>> len(cs), {c.size for c in cs}, sum(c.symmetric for c in cs)
    (144, {4}, 12)
    """
    return _rg_tables()[1]


def rapoport_guyer_classes() -> tuple[OrdinalClass, ...]:
    """The 78 Rapoport–Guyer classes (also identifying games that differ by swapping players).

    Examples
    --------
    >>> cs = rapoport_guyer_classes()
    >>> len(cs), sorted({c.size for c in cs})
    (78, [4, 8])
    """
    return _rag_tables()[1]


def robinson_goforth_class(game: Game) -> OrdinalClass:
    """The Robinson–Goforth class of a strict ordinal 2×2 game (any payoffs with that ordering).

    Examples
    --------
    >>> chicken = Game.from_bimatrix([[0, -1], [1, -10]], [[0, 1], [-1, -10]])
    >>> robinson_goforth_class(chicken).name
    'Chicken'
    """
    return _rg_tables()[0][_key(ordinal_ranks(game))]


def rapoport_guyer_class(game: Game) -> OrdinalClass:
    """The Rapoport–Guyer class of a strict ordinal 2×2 game.

    Examples
    --------
    >>> g = Game.from_bimatrix([[4, 3], [2, 1]], [[1, 2], [4, 3]])
    >>> h = g.permute_players([1, 0])
    >>> rapoport_guyer_class(g) == rapoport_guyer_class(h), robinson_goforth_class(g) == robinson_goforth_class(h)
    (True, False)
    """
    return _rag_tables()[0][_key(ordinal_ranks(game))]


def classify(game: Game) -> Classification:
    """Both classes (and the name, when established) of a strict ordinal 2×2 game.

    Examples
    --------
    >>> stag = Game.from_bimatrix([[4, 1], [3, 2]], [[4, 3], [1, 2]])
    >>> c = classify(stag)
    >>> c.name, c.robinson_goforth.pure_equilibria
    ('Stag Hunt', 2)
    >>> classify(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))  # Battle of the Sexes with ties
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: Player 1 is indifferent between outcomes: not a strict ordinal game
    """
    ranks = ordinal_ranks(game)
    k = _key(ranks)
    return Classification(ranks, _rg_tables()[0][k], _rag_tables()[0][k])


def strict_ordinal_2x2_games() -> Iterator[Game]:
    """All 576 labelled strict ordinal 2×2 games (payoffs are ranks 1..4).

    Examples
    --------
    >>> sum(1 for _ in strict_ordinal_2x2_games())
    576
    """
    for g in _all_ranks():
        yield Game(np.array(g, dtype=np.int64))


def pure_equilibrium_counts(classes: tuple[OrdinalClass, ...] | None = None) -> dict[int, int]:
    """How many classes have 0, 1 and 2 pure Nash equilibria (default: the 144 Robinson–Goforth classes).

    Examples
    --------
    >>> pure_equilibrium_counts()
    {0: 18, 1: 108, 2: 18}
    >>> pure_equilibrium_counts(rapoport_guyer_classes())
    {0: 9, 1: 57, 2: 12}
    """
    classes = robinson_goforth_classes() if classes is None else classes
    out = {0: 0, 1: 0, 2: 0}
    for c in classes:
        out[c.pure_equilibria] += 1
    return out
