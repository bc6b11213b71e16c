"""Backward induction: every subgame-perfect equilibrium of a sequential game.

Examples
--------
>>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
>>> tie = SequentialGame(Decision("A", {"x": {"A": 1, "B": 0}, "y": {"A": 1, "B": 5}}))
>>> sol = subgame_perfect_equilibria(tie)
>>> len(sol), [e.strategy()["/"]["A"] for e in sol]
(2, ['x', 'y'])
"""

from __future__ import annotations

import itertools
import math
import time
import warnings
from fractions import Fraction
from typing import Any, Callable

import numpy as np

from .. import exact as _exact
from ..errors import DegenerateGameWarning, EquilibriumLimitError, InvalidGameError, SolverError
from ..game import Game
from ..solution import Solution
from ..extensive.game import Chance, Decision, SequentialGame, Stage, Terminal
from ..extensive.result import SequentialSolution, SubgamePerfectEquilibrium
from .verify import one_shot_regret

__all__ = ["subgame_perfect_equilibria", "SELECTIONS", "DEFAULT_MAX_EQUILIBRIA"]

#: Selection rules for stage equilibria.
SELECTIONS = ("all", "payoff_dominant", "risk_dominant")

#: How a continuation reached by several outcomes of one node is played.
GROUPINGS = ("same", "independent")

#: Trees up to this many positions are certified by default (``verify=None``).
VERIFY_LIMIT = 20_000

#: Default cap on the number of subgame-perfect equilibria listed.
DEFAULT_MAX_EQUILIBRIA = 10_000


def _solve_default(game: Game) -> Solution:
    """``gametheory.solve``; one-player stages: every pure maximiser (complete, like a decision).

    A continuum of stage equilibria is reported in the result's notes and ``complete``,
    so the solver's :class:`~gametheory.errors.DegenerateGameWarning` is not repeated
    for every stage solve.
    """
    from ..solvers import pure_equilibria, solve

    if game.num_players == 1:
        return pure_equilibria(game)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return solve(game)


def subgame_perfect_equilibria(
    game: SequentialGame,
    *,
    selection: str = "all",
    max_equilibria: int = DEFAULT_MAX_EQUILIBRIA,
    grouped: str = "same",
    stage_solver: Callable[[Game], Solution] | None = None,
    verify: bool | None = None,
) -> SequentialSolution:
    """Every subgame-perfect equilibrium, by backward induction.

    Working from the terminals to the root, each position gets the list of
    subgame-perfect equilibria of the subgame it starts, each with its value
    (expected payoffs of every player):

    * terminal: its payoffs;
    * chance: for each combination of the children's equilibria, the
      probability-weighted average of their values;
    * decision: for each combination of the children's equilibria, *every* action
      maximising the mover's value (ties give separate equilibria);
    * stage: for each combination of the children's equilibria, the stage game with
      the continuation values added to the stage payoffs is solved with
      ``stage_solver`` (default :func:`gametheory.solve`), and *every* equilibrium
      it returns (after ``selection``) gives an equilibrium of the subgame.

    Arithmetic is exact for exact games. Identical stage games with identical
    continuation values are solved once.

    Parameters
    ----------
    game : SequentialGame
    selection : {"all", "payoff_dominant", "risk_dominant"}
        Which stage equilibria to keep. ``"payoff_dominant"`` drops stage equilibria
        Pareto-dominated (for the stage players) by another stage equilibrium;
        ``"risk_dominant"`` keeps, in 2×2 stages with two strict pure equilibria,
        the one with the larger product of deviation losses (Harsanyi & Selten 1988);
        other stages keep all their equilibria (said in ``notes``).
    max_equilibria : int
        Cap on the number of equilibria of any subgame; beyond it
        :class:`~gametheory.errors.EquilibriumLimitError` is raised.
    grouped : {"same", "independent"}
        When several outcomes of one node (grouped stage profiles, or actions) lead
        to the same node object, ``"same"`` (default) treats that continuation as one
        situation: an equilibrium plays it alike whichever of those outcomes led
        there (the outcomes differ only in payoffs already received, so the copies
        are strategically identical). ``"independent"`` treats every copy as its own
        subgame and lists every SPE of the expanded tree, including those that play
        the copies differently (a note says when the two differ).
    stage_solver : callable, optional
        ``Game -> Solution`` used for stages (default :func:`gametheory.solve`).
        Its ``complete`` flag is honoured: one incomplete stage solve makes the
        result incomplete.
    verify : bool, optional
        Certify every equilibrium by the one-shot deviation test
        (:func:`~gametheory.sequential.verify.one_shot_regret`, an independent walk
        of the tree); its ``regret`` must be 0 (exact) or at most the tolerance.
        Default: when the tree has at most ``VERIFY_LIMIT`` positions.

    Trees whose information sets span several positions (hidden information
    beyond simultaneous stages) are solved subgame by subgame on the expanded tree
    instead (:func:`gametheory.extensive.subgames.subgame_perfect_by_subgames`):
    each proper subgame for all its equilibria, combined inside out.

    Returns
    -------
    SequentialSolution
        ``complete`` is ``True`` when every stage solve was complete without continua.
        Ties at decisions are resolved each pure way; when the tied actions give
        other players different payoffs, mixing them is subgame perfect too and may
        support further equilibria upstream, which a note says.

    Raises
    ------
    EquilibriumLimitError
        When a subgame has more than ``max_equilibria`` equilibria.

    References
    ----------
    Selten, R. (1965). Spieltheoretische Behandlung eines Oligopolmodells mit
    Nachfrageträgheit. *Zeitschrift für die gesamte Staatswissenschaft* 121, 301–324.
    Osborne, M. J. & Rubinstein, A. (1994). *A Course in Game Theory*, ch. 6.
    Harsanyi, J. C. & Selten, R. (1988). *A General Theory of Equilibrium Selection in Games*.

    Examples
    --------
    Selten's chain store (one market): (Out, Fight) is a Nash equilibrium, but the
    threat to fight is not credible; the unique SPE is In / Cooperate.

    >>> from gametheory.sequential import Decision, SequentialGame
    >>> chain = SequentialGame(Decision("Entrant", {
    ...     "Out": {"Entrant": 1, "Incumbent": 5},
    ...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
    ...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}))
    >>> sol = subgame_perfect_equilibria(chain)
    >>> len(sol), sol[0].strategy()
    (1, {'/': {'Entrant': 'In'}, '/In': {'Incumbent': 'Cooperate'}})
    >>> print(sol[0].narrative())
    Entrant chooses In → Incumbent chooses Cooperate.  Payoffs: Entrant 2, Incumbent 2.
    """
    started = time.perf_counter()
    if not isinstance(game, SequentialGame):
        raise InvalidGameError(f"expected an ExtensiveGame, got {type(game).__name__}")
    if selection not in SELECTIONS:
        raise InvalidGameError(f"selection must be one of {SELECTIONS}, got {selection!r}")
    if not isinstance(max_equilibria, int) or isinstance(max_equilibria, bool) or max_equilibria < 1:
        raise InvalidGameError(f"max_equilibria must be a positive integer, got {max_equilibria!r}")
    solver = stage_solver or _solve_default

    if grouped not in GROUPINGS:
        raise InvalidGameError(f"grouped must be one of {GROUPINGS}, got {grouped!r}")
    if not game.subgame_at_every_position:
        return _with_hidden_information(game, max_equilibria, selection, stage_solver)
    players = game.players
    n_players = len(players)
    index = {p: i for i, p in enumerate(players)}
    exact = game.exact
    tol = game.tol
    ftol = _exact.DEFAULT_TOL  # ties and certificates once values are floats
    d = game.discount
    discounted = d != 1
    zero: Any = 0 if exact else 0.0

    # The SPEs of a subtree depend only on the subtree, not on where it is played, so
    # records are computed once per node object: records[id(node)] is a list of
    # (values, choice, combo), combo giving a record index for each outcome group.
    records: dict[int, list] = {}
    groups_of: dict[int, tuple[list[int], list]] = {}
    stage_cache: dict[Any, tuple[list, tuple]] = {}
    notes: list[str] = []
    note_set: set[str] = set()
    complete = True
    all_exact = exact
    tie_note = False
    shared_multiple = False

    def note(text: str) -> None:
        if text not in note_set:
            note_set.add(text)
            notes.append(text)

    def combos(node: Any, targets: list) -> Any:
        sizes = [len(records[id(c)]) for c in targets]
        total = math.prod(sizes)
        if total == 1:
            return ((0,) * len(targets),)
        if total > max_equilibria:
            raise EquilibriumLimitError(
                f"the subgame at {_where(node)} has at least {total} subgame-perfect equilibria, more than "
                f"max_equilibria={max_equilibria}; raise the cap or use selection='payoff_dominant'"
            )
        return itertools.product(*[range(s) for s in sizes])

    def check(node: Any, out: list) -> list:
        if len(out) > max_equilibria:
            raise EquilibriumLimitError(
                f"the subgame at {_where(node)} has more than max_equilibria={max_equilibria} "
                "subgame-perfect equilibria; raise the cap or use selection='payoff_dominant'"
            )
        return out

    for node in _post_order(game.root):
        kind = type(node)
        if kind is Terminal:
            given = dict(node.payoffs)
            vals = tuple(_fast(given.get(p, 0)) for p in players)
            if not exact:
                vals = tuple(float(v) for v in vals)
            records[id(node)] = [(vals, None, ())]
            continue
        edge_group, targets = groups_of[id(node)] = _groups(node, grouped)
        if grouped == "same" and len(targets) < len(edge_group):
            if any(len(records[id(t)]) > 1 for t in targets if edge_group.count(targets.index(t)) > 1):
                shared_multiple = True
        if kind is Decision:
            mover = index[node.player]
            out = []
            for combo in combos(node, targets):
                group_vals = [records[id(t)][r][0] for t, r in zip(targets, combo)]
                child_vals = [group_vals[g] for g in edge_group]
                mine = [v[mover] for v in child_vals]
                best = max(mine)
                if exact and type(best) is not float:
                    winners = [a for a, x in enumerate(mine) if x == best]
                else:  # float values: ties within the tolerance
                    winners = [a for a, x in enumerate(mine) if x >= best - ftol]
                if len(winners) > 1 and not tie_note:
                    if len({child_vals[a] for a in winners}) > 1:
                        tie_note = True
                        note(
                            f"{node.player} is indifferent at {_where(node)} between actions that matter to "
                            "others; each tied action gives a separate equilibrium, and mixtures of tied actions "
                            "are subgame perfect too (not listed)"
                        )
                for a in winners:
                    v = child_vals[a]
                    if discounted:
                        v = tuple(d * x for x in v)
                    out.append((v, a, combo))
            records[id(node)] = check(node, out)
        elif kind is Chance:
            out = []
            probs = node.probabilities
            for combo in combos(node, targets):
                group_vals = [records[id(t)][r][0] for t, r in zip(targets, combo)]
                acc = [zero] * n_players
                for p, g in zip(probs, edge_group):
                    if p == 0:
                        continue
                    v = group_vals[g]
                    for i in range(n_players):
                        acc[i] += p * v[i]
                out.append((tuple(_fast(x) for x in acc), None, combo))
            records[id(node)] = check(node, out)
        else:  # Stage
            out = []
            for combo in combos(node, targets):
                cont = [records[id(t)][r][0] for t, r in zip(targets, combo)]
                eqs, info = _solve_stage(node, cont, edge_group, index, d, exact, solver, stage_cache, selection, note,
                                         shortcut=stage_solver is None)
                method, stage_complete, continuum, stage_exact = info
                if not stage_complete:
                    complete = False
                    note(f"stage {node.name!r}: the stage solver ({method}) did not promise all equilibria")
                if continuum:
                    complete = False
                    note(
                        f"stage {node.name!r} has a continuum of equilibria (after continuation values); "
                        "only its extreme equilibria are used"
                    )
                all_exact = all_exact and stage_exact
                for prof, vals in eqs:
                    out.append((vals, prof, combo))
            records[id(node)] = check(node, out)

    if shared_multiple:
        note(
            "a continuation reached by several outcomes of one node has several equilibria; as grouped='same', "
            "it is played alike after each of those outcomes (grouped='independent' lists the equilibria that "
            "play the copies differently)"
        )

    # read off each equilibrium of the root: a choice at every position
    positions = game.positions
    n = len(positions)
    root_records = records[id(game.root)]
    check_all = verify if verify is not None else n <= VERIFY_LIMIT
    spes = []
    for r in range(len(root_records)):
        choices: list[Any] = [None] * n
        stack = [(0, r)]
        while stack:
            k, rec = stack.pop()
            node = positions[k].node
            vals, choice, combo = records[id(node)][rec]
            choices[k] = choice
            kids = positions[k].children
            if kids:
                eg = groups_of[id(node)][0]
                stack.extend(zip(kids, [combo[g] for g in eg]))
        payoffs = tuple(v if isinstance(v, float) else Fraction(v) for v in root_records[r][0])
        regret = None
        if check_all:
            regret = one_shot_regret(game, choices)
            if regret > (tol if all_exact else ftol):
                raise SolverError(
                    f"backward induction produced a profile with one-shot regret {_exact.format_number(regret)}: "
                    "a bug, please report it"
                )
        spes.append(SubgamePerfectEquilibrium(game=game, choices=tuple(choices), payoffs=payoffs, regret=regret))
    if not spes:
        complete = False
        note("no subgame-perfect equilibrium was found (a stage solver returned none)")
    return SequentialSolution(
        game=game,
        method="subgame_perfect_equilibria",
        equilibria=tuple(spes),
        complete=complete,
        exact=all_exact,
        parameters={"selection": selection, "max_equilibria": max_equilibria, "grouped": grouped,
                    "verified": bool(check_all)},
        elapsed=time.perf_counter() - started,
        notes=tuple(notes),
        stage_solves=len(stage_cache),
    )


def _with_hidden_information(game: SequentialGame, max_equilibria: int, selection: str,
                             stage_solver: Any) -> SequentialSolution:
    """Information sets span positions: solve proper subgames of the expanded tree (see extensive.subgames)."""
    from dataclasses import replace

    from ..extensive.subgames import subgame_perfect_by_subgames

    sol = subgame_perfect_by_subgames(game, max_equilibria=max_equilibria)
    extra = []
    if selection != "all":
        extra.append(f"selection={selection!r} applies to stages solved by backward induction; this tree has "
                     "information sets across positions, so every equilibrium of every subgame is kept")
    if stage_solver is not None:
        extra.append("stage_solver is not used: this tree has information sets across positions and is solved "
                     "subgame by subgame on the expanded tree")
    return replace(sol, notes=sol.notes + tuple(extra)) if extra else sol


def _where(node: Any) -> str:
    if isinstance(node, Stage):
        return f"stage {node.name!r}"
    if isinstance(node, Decision):
        return f"the decision of {node.player}" + (f" {node.label!r}" if node.label else f" among {list(node.actions)}")
    return f"chance node {node.label!r}" if node.label else "a chance node"


def _groups(node: Any, grouped: str) -> tuple[list[int], list]:
    """Outcome groups of a node: the group of each edge, and the child node of each group.

    With ``grouped="same"`` edges leading to the same node object form one group;
    with ``"independent"`` every edge is its own group.
    """
    if type(node) is Stage:
        edges = [node.children[j] for j in node.child_index]
        if grouped == "same":
            return list(node.child_index), list(node.children)
        return list(range(len(edges))), edges
    kids = node.children
    if grouped == "independent":
        return list(range(len(kids))), list(kids)
    seen: dict[int, int] = {}
    targets: list = []
    eg = []
    for c in kids:
        g = seen.get(id(c))
        if g is None:
            g = seen[id(c)] = len(targets)
            targets.append(c)
        eg.append(g)
    return eg, targets


def _post_order(root: Any) -> list:
    """Distinct node objects, children before parents (iterative: trees may be deep)."""
    out: list = []
    done: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in done:
            continue
        if ready:
            done.add(id(node))
            out.append(node)
            continue
        stack.append((node, True))
        for c in node.children:
            if id(c) not in done:
                stack.append((c, False))
    return out


def _fast(x: Any) -> Any:
    """Integral Fractions as ints: exact, and much faster to compare and add."""
    if type(x) is Fraction and x.denominator == 1:
        return x.numerator
    return x


def _solve_stage(
    node: Stage,
    cont: list[tuple],
    edges: list[int],
    index: dict[str, int],
    d: Any,
    exact: bool,
    solver: Callable[[Game], Solution],
    cache: dict,
    selection: str,
    note: Callable[[str], None],
    *,
    shortcut: bool = True,
) -> tuple[list[tuple[tuple, tuple]], tuple[str, bool, bool, bool]]:
    """Solve one stage with continuation values.

    Returns ``(profile, values)`` per kept equilibrium and ``(method, complete,
    continuum, exact)`` of the stage solve.
    """
    g = node.game
    shape = g.shape
    n_players = len(cont[0]) if cont else len(index)
    stage_idx = [index[p] for p in node.players]
    flat_pay = _flat_payoffs(g)
    # totals[e]: every player's payoff at profile e (stage payoff + discounted continuation)
    totals = []
    for e, c in enumerate(edges):
        v = [d * x for x in cont[c]] if d != 1 else list(cont[c])
        for i, j in enumerate(stage_idx):
            v[j] = v[j] + flat_pay[i][e]
        totals.append(tuple(v))
    stage_totals = tuple(tuple(t[j] for j in stage_idx) for t in totals)
    key = (id(g), node.players, stage_totals)
    hit = cache.get(key)
    if hit is None:
        single = _dominance_solution(stage_totals, shape, 0 if exact else _exact.DEFAULT_TOL) if shortcut else None
        if single is not None:
            # iterated strict dominance leaves one profile: it is the unique equilibrium
            # (no equilibrium puts weight on a strictly dominated strategy), so solve()
            # would return exactly this profile; skipping it saves the polytope search
            hit = ([single], ("iterated_strict_dominance", True, False, exact))
        else:
            arr = [np.array([t[i] for t in stage_totals], dtype=object).reshape(shape) for i in range(len(stage_idx))]
            stage_game = Game(arr, players=node.players, strategies=g.strategies, title=node.name)
            sol = solver(stage_game)
            kept = [eq.profile for eq in _select(sol, selection, node, note)]
            continuum = any(not c.isolated for c in sol.components)
            stage_exact = sol.exact and all(not isinstance(p, float) for prof in kept for v in prof for p in v)
            if sol.exact and not stage_exact:
                note(
                    f"stage {node.name!r} has an equilibrium with irrational probabilities; it is used in floating "
                    "point (a certified rounding), so results that involve it are not exact"
                )
            if g.num_players == 1 and len(kept) > 1:
                note(
                    f"{node.players[0]} is indifferent in the one-player stage {node.name!r}; each maximiser gives a "
                    "separate equilibrium, and mixtures of them are subgame perfect too (not listed)"
                )
            hit = (kept, (sol.method, sol.complete, continuum, stage_exact))
        cache[key] = hit
    kept, info = hit
    out = []
    profiles = list(itertools.product(*[range(s) for s in shape]))
    zero: Any = 0 if exact and info[3] else 0.0
    for prof in kept:
        vals = [zero] * n_players
        for e, s in enumerate(profiles):
            p: Any = 1
            for i, si in enumerate(s):
                p = p * prof[i][si]
                if p == 0:
                    break
            if p == 0:
                continue
            t = totals[e]
            for j in range(n_players):
                vals[j] += p * t[j]
        out.append((tuple(prof), tuple(_fast(v) for v in vals)))
    return out, info


_FLAT_CACHE: dict[int, tuple[Game, list]] = {}


def _flat_payoffs(g: Game) -> list:
    """Per stage player, the payoffs as a flat list in row-major profile order."""
    hit = _FLAT_CACHE.get(id(g))
    if hit is None or hit[0] is not g:
        hit = (g, [g.payoffs[i].reshape(-1).tolist() for i in range(g.num_players)])
        if len(_FLAT_CACHE) > 1024:
            _FLAT_CACHE.clear()
        _FLAT_CACHE[id(g)] = hit
    return hit[1]


def _dominance_solution(totals: tuple, shape: tuple[int, ...], tol: float) -> tuple | None:
    """The pure profile left by iterated strict dominance (pure by pure), if only one is left.

    ``totals[e][i]`` is stage player ``i``'s payoff at the row-major profile ``e``.
    Returns the profile as one 0/1 probability vector per player, else ``None``.
    """
    n = len(shape)
    strides = [1] * n
    for i in range(n - 2, -1, -1):
        strides[i] = strides[i + 1] * shape[i + 1]
    alive = [list(range(k)) for k in shape]
    changed = True
    while changed:
        changed = False
        for i in range(n):
            if len(alive[i]) == 1:
                continue
            others = list(itertools.product(*[alive[j] for j in range(n) if j != i]))
            base = []
            for o in others:
                b = 0
                for j, sj in zip([j for j in range(n) if j != i], o):
                    b += sj * strides[j]
                base.append(b)
            keep = []
            for s in alive[i]:
                dominated = False
                for t in alive[i]:
                    if t == s:
                        continue
                    if all(totals[b + t * strides[i]][i] > totals[b + s * strides[i]][i] + tol for b in base):
                        dominated = True
                        break
                if not dominated:
                    keep.append(s)
            if len(keep) < len(alive[i]):
                alive[i] = keep
                changed = True
    if all(len(a) == 1 for a in alive):
        return tuple(tuple(Fraction(int(k == a[0])) for k in range(m)) for a, m in zip(alive, shape))
    return None


def _dominates(a: tuple, b: tuple) -> bool:
    return all(x >= y for x, y in zip(a, b)) and any(x > y for x, y in zip(a, b))


def _select(sol: Solution, selection: str, node: Stage, note: Callable[[str], None]) -> list:
    eqs = list(sol.equilibria)
    if selection == "all" or len(eqs) <= 1:
        return eqs
    if selection == "payoff_dominant":
        kept = [e for e in eqs if not any(_dominates(f.payoffs, e.payoffs) for f in eqs if f is not e)]
        if len(kept) > 1:
            note(f"stage {node.name!r}: no single payoff-dominant equilibrium; kept the {len(kept)} undominated ones")
        return kept
    # risk dominance (Harsanyi & Selten 1988) for 2x2 stages with two strict pure equilibria
    g = sol.game
    pure = [e for e in eqs if e.pure]
    if g.shape == (2, 2) and len(pure) == 2:
        (i1, j1), (i2, j2) = [(e.supports[0][0], e.supports[1][0]) for e in pure]
        if i1 != i2 and j1 != j2:
            A, B = g.payoffs[0], g.payoffs[1]

            def loss(i: int, j: int) -> Any:
                return (A[i, j] - A[1 - i, j]) * (B[i, j] - B[i, 1 - j])

            l1, l2 = loss(i1, j1), loss(i2, j2)
            strict = all(x > 0 for x in (A[i1, j1] - A[1 - i1, j1], B[i1, j1] - B[i1, 1 - j1],
                                         A[i2, j2] - A[1 - i2, j2], B[i2, j2] - B[i2, 1 - j2]))
            if strict:
                if l1 > l2:
                    return [pure[0]]
                if l2 > l1:
                    return [pure[1]]
                note(f"stage {node.name!r}: neither pure equilibrium risk-dominates the other; kept both")
                return pure
    note(f"stage {node.name!r}: risk dominance applies to 2x2 stages with two strict pure equilibria; kept all {len(eqs)}")
    return eqs
