"""Backward induction on composed trees of 10^3, 10^4 and 10^5 positions: time and peak memory.

Two families, both seeded:

* ``composed``: stage games from a small library (prisoner's dilemma, stag hunt,
  chicken, a 2x3 bargaining game) linked by decisions and chance moves, with
  terminal payoffs from a small palette, as when the same sub-game files are
  composed many times. Identical stage games with identical continuation values
  are solved once, so the number of distinct stage solves is printed too.
* ``perfect-info``: decisions and chance moves with random integer payoffs (every
  position distinct, no reuse).

The time is the median (wall clock, and CPU time of this process, which is what
matters on a shared machine) of ``--repeat`` runs of ``subgame_perfect_equilibria`` on a
prebuilt game (positions already expanded); the peak memory is measured in a
separate run under ``tracemalloc`` (which slows Python down). The build time
(validation and position expansion) is printed separately. A peer ratio is given
against pygambit's ``lcp_solve`` on the same tree exported to ``.efg`` (one Nash
equilibrium of the sequence form, not an SPE: pygambit 16.7 has no SPE solver; it
needs two players, hence the extra two-player perfect-information row ``2p-pi``).

Usage: ``python benchmarks/bench_sequential.py [--quick] [--repeat N]``
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gametheory import Game  # noqa: E402
from gametheory.sequential import Chance, Decision, SequentialGame, Stage, Terminal  # noqa: E402
from gametheory import write_efg  # noqa: E402
from gametheory.sequential import subgame_perfect_equilibria  # noqa: E402

PLAYERS = ("US", "Russia", "Europe")

SCALE = 10**12  # stage payoffs dominate continuation values (|v| <= 10^9): stage structure is kept

LIBRARY = [
    # prisoner's dilemma and a 2x3 deterrence game: dominance solvable
    Game.from_bimatrix([[3 * SCALE, 0], [5 * SCALE, SCALE]], [[3 * SCALE, 5 * SCALE], [0, SCALE]],
                       strategies=(("C", "D"), ("C", "D")), title="PD"),
    Game.from_bimatrix([[2 * SCALE, SCALE, 0], [3 * SCALE, 2 * SCALE, SCALE]],
                       [[0, SCALE, 2 * SCALE], [SCALE, 0, -SCALE]],
                       strategies=(("Hold", "Press"), ("Probe", "Test", "Attack")), title="Deterrence"),
    # inspection game (matching pennies shape): one mixed equilibrium, solved by gametheory.solve
    Game.from_bimatrix([[SCALE, -SCALE], [-SCALE, SCALE]], [[-SCALE, SCALE], [SCALE, -SCALE]],
                       strategies=(("Inspect", "Trust"), ("Cheat", "Comply")), title="Inspection"),
]
WEIGHTS = [0.47, 0.47, 0.06]
PAIRS = [("US", "Russia"), ("Russia", "Europe"), ("US", "Europe")]


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` positions shared among ``parts`` subtrees, each at least 1."""
    if total < parts:
        return [1] * parts
    cuts = sorted(rng.randint(0, total - parts) for _ in range(parts - 1))
    bounds = [0, *cuts, total - parts]
    return [bounds[k + 1] - bounds[k] + 1 for k in range(parts)]


def _composed(target: int, seed: int):
    rng = random.Random(seed)

    def terminal():
        return Terminal({p: rng.randint(-10**9, 10**9) for p in PLAYERS})

    def build(size: int, below_stage: bool = False):
        # an iterative builder would avoid deep recursion; sizes here keep depth modest
        if size <= 1:
            return terminal()
        r = rng.random()
        if r < 0.25 and not below_stage and size >= 8:
            g = rng.choices(LIBRARY, WEIGHTS)[0]
            a, b = rng.choice(PAIRS)
            n = g.shape[0] * g.shape[1]
            # below a stage only small decision/chance subtrees: continuation values stay far
            # below SCALE, so each stage keeps its structure (dominance, or one mixed equilibrium)
            shares = [min(s, 7) for s in _split(rng, size - 1, n)]
            kids = [build(s, True) for s in shares]
            rest = size - 1 - sum(shares)
            outcomes = {}
            for flat in range(n):
                prof = (g.strategies[0][flat // g.shape[1]], g.strategies[1][flat % g.shape[1]])
                outcomes[prof] = kids[flat]
            stage = Stage(g, outcomes, players={g.players[0]: a, g.players[1]: b})
            if rest <= 1:
                return stage
            # the stage is one option of a decision; the other option carries the remaining size
            return Decision(rng.choice(PLAYERS), {"engage": stage, "other": build(rest - 1)})
        if r < 0.9:
            k = rng.randint(2, 3)
            return Decision(rng.choice(PLAYERS), {f"a{j}": build(s, below_stage) for j, s in enumerate(_split(rng, size - 1, k))})
        lo, hi = _split(rng, size - 1, 2)
        return Chance({"lo": ("1/3", build(lo, below_stage)), "hi": ("2/3", build(hi, below_stage))})

    return build(target)


def _perfect_info(target: int, seed: int, players: tuple[str, ...] = PLAYERS):
    rng = random.Random(seed)

    def build(size: int):
        if size <= 1:
            return Terminal({p: rng.randint(-10**9, 10**9) for p in players})
        if rng.random() < 0.85:
            k = rng.randint(2, 3)
            return Decision(rng.choice(players), {f"a{j}": build(s) for j, s in enumerate(_split(rng, size - 1, k))})
        lo, hi = _split(rng, size - 1, 2)
        return Chance({"lo": ("1/4", build(lo)), "hi": ("3/4", build(hi))})

    return build(target)


def _game(kind: str, size: int, seed: int) -> tuple[SequentialGame, float]:
    t0 = time.perf_counter()
    if kind == "composed":
        root, players = _composed(size, seed), PLAYERS
    elif kind == "perfect-info":
        root, players = _perfect_info(size, seed), PLAYERS
    else:
        root, players = _perfect_info(size, seed, PLAYERS[:2]), PLAYERS[:2]
    game = SequentialGame(root, players=players, title=f"{kind} {size}")
    _ = game.positions
    return game, time.perf_counter() - t0


def _peer(game: SequentialGame) -> float | None:
    try:
        import pygambit as gbt
    except ImportError:  # pragma: no cover
        return None
    efg = gbt.read_efg(io.StringIO(write_efg(game)))
    t0 = time.perf_counter()
    gbt.nash.lcp_solve(efg, rational=False)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="sizes 10^3 and 10^4 only, one repeat")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    sizes = [10**3, 10**4] if args.quick else [10**3, 10**4, 10**5]
    repeat = 1 if args.quick else args.repeat
    print(f"{'family':<13}{'positions':>10}{'stages':>8}{'build s':>9}{'solve s':>9}{'cpu s':>8}{'peak MiB':>10}{'stage solves':>14}{'SPEs':>6}"
          f"{'lcp s':>9}{'ratio':>8}")
    plan = [("composed", n) for n in sizes] + [("perfect-info", n) for n in sizes]
    if not args.quick:  # pygambit's lcp_solve takes tens of seconds on the 10^3 tree
        plan.append(("2p-pi", 10**3))
    for kind, size in plan:
        if True:
            game, build = _game(kind, size, seed=size)
            times, cpu = [], []
            for _ in range(repeat):
                t0, c0 = time.perf_counter(), time.process_time()
                sol = subgame_perfect_equilibria(game, verify=False)
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            med = statistics.median(times)
            med_cpu = statistics.median(cpu)
            tracemalloc.start()
            subgame_perfect_equilibria(game, verify=False)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            peer = _peer(game) if kind == "2p-pi" else None
            ratio = f"{peer / med:8.1f}" if peer else f"{'-':>8}"
            peer_text = f"{peer:9.3f}" if peer else f"{'-':>9}"
            stages = sum(isinstance(p.node, Stage) for p in game.positions)
            print(f"{kind:<13}{game.num_positions:>10}{stages:>8}{build:>9.3f}{med:>9.3f}{med_cpu:>8.3f}{peak:>10.1f}{sol.stage_solves:>14}"
                  f"{len(sol):>6}{peer_text}{ratio}")
    print("ratio = pygambit lcp_solve time / our backward-induction time (higher: we are faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
