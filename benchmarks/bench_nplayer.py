"""N-player solvers against pygambit on the same games: polynomial enumeration and QRE tracing.

Prints, per game family, the median time of ours and of pygambit's ``enumpoly_solve`` /
``logit_solve``, their ratio (ours / pygambit: above 1 means we are slower), and how
many equilibria each found (ours are exact; pygambit's enumpoly is numerical and can
miss some).

Usage::

    PYTHONPATH=. python benchmarks/bench_nplayer.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import numpy as np
import pygambit as gbt

from gametheory import Game
from gametheory.errors import DegenerateGameWarning
from gametheory.solvers.polynomial import polynomial_equilibria
from gametheory.solvers.qre import trace_qre

MCKELVEY_MCLENNAN = [[[[9, 0], [0, 3]], [[0, 3], [9, 0]]], [[[8, 0], [0, 4]], [[0, 4], [8, 0]]],
                     [[[12, 0], [0, 6]], [[0, 6], [2, 0]]]]


def _gambit(arr: np.ndarray) -> gbt.Game:
    return gbt.Game.from_arrays(*[np.asarray(a) for a in arr])


def _timed(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def _families(quick: bool) -> list[tuple[str, list[np.ndarray]]]:
    rng = np.random.default_rng(2025)
    k = 3 if quick else 10
    fams = [("McKelvey-McLennan 2x2x2", [np.array(MCKELVEY_MCLENNAN)])]
    shapes = [(2, 2, 2), (2, 2, 3)] if quick else [(2, 2, 2), (2, 2, 3), (2, 3, 3), (2, 2, 2, 2)]
    for shape in shapes:
        fams.append(("random " + "x".join(map(str, shape)),
                     [rng.integers(-1000, 1001, size=(len(shape), *shape)) for _ in range(k)]))
    return fams


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer and smaller games, one repetition")
    args = parser.parse_args()
    repeat = 1 if args.quick else 3
    warnings.simplefilter("ignore", DegenerateGameWarning)

    print("Polynomial enumeration: polynomial_equilibria vs pygambit.nash.enumpoly_solve")
    print(f"{'games':26} {'ours (s)':>10} {'gambit (s)':>11} {'ratio':>8} {'eq ours':>8} {'eq gambit':>10}")
    for name, games in _families(args.quick):
        ours_t, theirs_t, n_ours, n_theirs = [], [], 0, 0
        for arr in games:
            g = Game(arr)
            t, sol = _timed(lambda: polynomial_equilibria(g), repeat)
            ours_t.append(t)
            n_ours += len(sol)
            gg = _gambit(arr)
            t, res = _timed(lambda: gbt.nash.enumpoly_solve(gg), repeat)
            theirs_t.append(t)
            n_theirs += len(res.equilibria)
        mo, mt = statistics.median(ours_t), statistics.median(theirs_t)
        print(f"{name:26} {mo:10.4f} {mt:11.4f} {mo / mt:8.1f} {n_ours:8d} {n_theirs:10d}")

    print()
    print("QRE principal branch: trace_qre vs pygambit.nash.logit_solve (limit distance = max |ours - gambit|)")
    print(f"{'games':26} {'ours (s)':>10} {'gambit (s)':>11} {'ratio':>8} {'max dist':>10} {'gambit regret':>14}")
    for name, games in _families(args.quick):
        ours_t, theirs_t, dist, gregret = [], [], 0.0, 0.0
        for arr in games:
            g = Game(arr)
            t, path = _timed(lambda: trace_qre(g), repeat)
            ours_t.append(t)
            gg = _gambit(arr)
            t, res = _timed(lambda: gbt.nash.logit_solve(gg), repeat)
            theirs_t.append(t)
            theirs = np.array([float(res.equilibria[0][s]) for p in gg.players for s in p.strategies])
            gregret = max(gregret, float(res.equilibria[0].max_regret()))
            if path.limit is not None:
                ours = np.concatenate([np.asarray(v, dtype=float) for v in path.limit.profile])
                dist = max(dist, float(np.max(np.abs(ours - theirs))))
        mo, mt = statistics.median(ours_t), statistics.median(theirs_t)
        print(f"{name:26} {mo:10.4f} {mt:11.4f} {mo / mt:8.1f} {dist:10.1e} {gregret:14.1e}")
    print("(a large distance with a large gambit regret means logit_solve stopped short of an equilibrium,\n"
          " e.g. at the bifurcation of the McKelvey-McLennan game's symmetric branch; our limit is verified exactly)")


if __name__ == "__main__":
    main()
