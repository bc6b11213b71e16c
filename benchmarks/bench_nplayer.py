"""N-player solvers against pygambit on the same games: polynomial enumeration and QRE tracing.

Enumeration: ``polynomial_equilibria`` (exact) against pygambit's ``enumpoly_solve`` (C++,
numerical) on Gambit's example games (``tests/data/gambit``) and on random integer games.
Both are timed in the same run, alternately, after one warm-up call each; the ratio is
ours / pygambit per game (below 1: we are faster), summarised per family by its median and
maximum. Before timing, every equilibrium pygambit reports is checked to be among ours
(never fewer). A second table times whole fresh processes (read the file, solve, exit) with
their peak memory.

Usage::

    PYTHONPATH=. python benchmarks/bench_nplayer.py [--quick] [--skip-qre] [--skip-fresh] [--only-five]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pygambit as gbt

from gametheory import Game, load
from gametheory.errors import DegenerateGameWarning
from gametheory.solvers.polynomial import polynomial_equilibria
from gametheory.solvers.qre import trace_qre

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "gambit"
FILES = ["2x2x2", "3x3x3", "coord333", "2x2x2x2x2"]


def _gambit(arr: np.ndarray) -> gbt.Game:
    return gbt.Game.from_arrays(*[np.asarray(a) for a in arr])


def _families(quick: bool) -> list[tuple[str, list[tuple[Game, gbt.Game]]]]:
    fams = [(f"Gambit {name}.nfg", [(load(DATA / f"{name}.nfg"), gbt.read_nfg(str(DATA / f"{name}.nfg")))])
            for name in FILES]
    rng = np.random.default_rng(2025)
    sizes = [((2, 2, 2), 10), ((2, 2, 3), 10), ((2, 3, 3), 10), ((2, 2, 2, 2), 10), ((3, 3, 3), 5)]
    if quick:
        sizes = [((2, 2, 2), 3), ((2, 2, 2, 2), 2), ((3, 3, 3), 1)]
    for shape, k in sizes:
        games = []
        for _ in range(k):
            arr = rng.integers(-1000, 1001, size=(len(shape), *shape))
            games.append((Game(arr), _gambit(arr)))
        fams.append(("random " + "×".join(map(str, shape)), games))
    return fams


def _flat_ours(sol) -> list[np.ndarray]:
    return [np.concatenate([np.asarray([float(p) for p in v]) for v in e.profile]) for e in sol]


def _flat_theirs(gg: gbt.Game, res) -> list[np.ndarray]:
    return [np.array([float(e[s]) for p in gg.players for s in p.strategies]) for e in res.equilibria]


def _agree(sol, gg, res) -> bool:
    """Every equilibrium pygambit lists is one of ours (within 1e-6)."""
    ours = _flat_ours(sol)
    return all(ours and min(np.max(np.abs(t - o)) for o in ours) <= 1e-6 for t in _flat_theirs(gg, res))


def _alternate(f, g, repeat: int) -> tuple[float, float]:
    """Median seconds of f and g, called alternately (machine load affects both alike)."""
    tf, tg = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        tf.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        g()
        tg.append(time.perf_counter() - t0)
    return statistics.median(tf), statistics.median(tg)


def enumeration(quick: bool) -> None:
    repeat = 3 if quick else 7
    print("All equilibria: polynomial_equilibria (exact) vs pygambit.nash.enumpoly_solve, warm, same run")
    print("| games | ours ms (median) | pygambit ms (median) | ratio ours/pygambit: median | max "
          "| equilibria ours / pygambit | all pygambit's found | complete |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for name, games in _families(quick):
        to, tg, ratios, n_ours, n_theirs, agree, complete = [], [], [], 0, 0, True, True
        for game, gg in games:
            sol = polynomial_equilibria(game)  # warm-up, and the answers compared
            res = gbt.nash.enumpoly_solve(gg)
            agree &= _agree(sol, gg, res)
            complete &= sol.complete
            n_ours += len(sol)
            n_theirs += len(res.equilibria)
            a, b = _alternate(lambda: polynomial_equilibria(game), lambda: gbt.nash.enumpoly_solve(gg), repeat)
            to.append(a)
            tg.append(b)
            ratios.append(a / b)
        print(f"| {name} ({len(games)}) | {1e3 * statistics.median(to):.2f} | {1e3 * statistics.median(tg):.2f} "
              f"| {statistics.median(ratios):.2f} | {max(ratios):.2f} | {n_ours} / {n_theirs} "
              f"| {'yes' if agree else 'NO'} | {'yes' if complete else 'no'} |", flush=True)


def _five_player_arrays(k: int) -> list[np.ndarray]:
    rng = np.random.default_rng(5)
    return [rng.integers(-1000, 1001, size=(5, 2, 2, 2, 2, 2)) for _ in range(k)]


def five_players(quick: bool, fresh_too: bool) -> None:
    """Random 5-player games through solve() (its default limits), warm and in fresh processes."""
    from gametheory import solve
    from gametheory.solvers.dispatch import SOLVE_GENERAL_BUDGET, SOLVE_RESULTANT_BUDGET

    k = 3 if quick else 10
    print()
    print(f"Five players × two strategies, random integer games, solve() (resultant budget "
          f"{SOLVE_RESULTANT_BUDGET:g} s per support, Gröbner budget {SOLVE_GENERAL_BUDGET:g} s); warm: one timed call "
          "after a warm-up (pygambit: median of 3); fresh: whole process, build the game, solve, exit")
    print("| game | ours warm s | pygambit warm s | ratio | ours fresh s | MiB | pygambit fresh s | MiB | ratio "
          "| equilibria ours / pygambit | all pygambit's found | complete | how |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |")
    for n, arr in enumerate(_five_player_arrays(k)):
        game, gg = Game(arr), _gambit(arr)
        sol = solve(game)  # warm-up, and the answer compared
        res = gbt.nash.enumpoly_solve(gg)
        t0 = time.perf_counter()
        solve(game)
        to = time.perf_counter() - t0
        tg = statistics.median(_timed(lambda: gbt.nash.enumpoly_solve(gg)) for _ in range(3))
        p = sol.parameters
        how = (f"{p['hidden_variable_resultant']} support(s) by the resultant, "
               f"{p['excluded_by_subdivision']} proved empty by subdivision" if sol.complete else
               f"{p['undecided']} support(s) left undecided (named in the notes)")
        fresh_cells = "| – | – | – | – | – "
        if fresh_too:
            build = f"import numpy as np\nrng = np.random.default_rng(5)\narr = [rng.integers(-1000, 1001, size=(5,) + (2,) * 5) for _ in range({n + 1})][-1]\n"
            ours = build + "from gametheory import Game, solve\nprint(len(solve(Game(arr))))"
            theirs = build + ("import pygambit as g\n"
                              "print(len(g.nash.enumpoly_solve(g.Game.from_arrays(*arr)).equilibria))")
            (wa, ma), (wb, mb) = _process(ours), _process(theirs)
            fresh_cells = f"| {wa:.2f} | {ma:.0f} | {wb:.2f} | {mb:.0f} | {_ratio(wa / wb)} "
        print(f"| {n} | {to:.2f} | {tg:.3f} | {_ratio(to / tg)} {fresh_cells}| {len(sol)} / {len(res.equilibria)} | "
              f"{'yes' if _agree(sol, gg, res) else 'NO'} | {'yes' if sol.complete else 'no'} | {how} |", flush=True)


def _ratio(r: float) -> str:
    return f"{r:.2f}" if r < 10 else f"{r:.0f}"


def _timed(f) -> float:
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


def _process(code: str) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of a fresh ``python -c code``.

    The process is started by ``/usr/bin/time`` when present: a child forked straight from this
    (large) benchmark process would report this process's memory as its own peak.
    """
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    timer = Path("/usr/bin/time")
    cmd = [sys.executable, "-c", code]
    t0 = time.perf_counter()
    if timer.exists():
        proc = subprocess.run([str(timer), "-f", "%M", *cmd], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, check=True)
        wall = time.perf_counter() - t0
        return wall, int(proc.stderr.strip().splitlines()[-1]) / 1024
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if status != 0:
        raise RuntimeError(f"process failed: {code}")
    return wall, usage.ru_maxrss / 1024


def fresh(quick: bool) -> None:
    runs = 3 if quick else 5
    print()
    print("Fresh processes: read the .nfg file, all equilibria, exit (whole-process wall time, peak memory; "
          f"median of {runs} alternating runs after a warm-up)")
    print("| file | ours s | ours MiB | pygambit s | pygambit MiB | ratio ours/pygambit |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name in FILES:
        path = str(DATA / f"{name}.nfg")
        ours = ("from gametheory import load\nfrom gametheory.solvers.polynomial import polynomial_equilibria\n"
                f"print(len(polynomial_equilibria(load({path!r}))))")
        theirs = f"import pygambit as g\nprint(len(g.nash.enumpoly_solve(g.read_nfg({path!r})).equilibria))"
        _process(ours), _process(theirs)
        a, b = [], []
        for _ in range(runs):
            a.append(_process(ours))
            b.append(_process(theirs))
        wa, ma = statistics.median(x[0] for x in a), statistics.median(x[1] for x in a)
        wb, mb = statistics.median(x[0] for x in b), statistics.median(x[1] for x in b)
        print(f"| {name}.nfg | {wa:.2f} | {ma:.0f} | {wb:.2f} | {mb:.0f} | {wa / wb:.2f} |", flush=True)


def qre(quick: bool) -> None:
    repeat = 1 if quick else 3
    print()
    print("QRE principal branch: trace_qre vs pygambit.nash.logit_solve (limit distance = max |ours - gambit|)")
    print(f"{'games':26} {'ours (s)':>10} {'gambit (s)':>11} {'ratio':>8} {'max dist':>10} {'gambit regret':>14}")
    for name, games in _families(quick):
        if name.startswith("Gambit") and name != "Gambit 2x2x2.nfg":
            continue
        ours_t, theirs_t, dist, gregret = [], [], 0.0, 0.0
        for game, gg in games[: 3 if quick else 10]:
            a, b = _alternate(lambda: trace_qre(game), lambda: gbt.nash.logit_solve(gg), repeat)
            ours_t.append(a)
            theirs_t.append(b)
            path, res = trace_qre(game), gbt.nash.logit_solve(gg)
            theirs = np.array([float(res.equilibria[0][s]) for p in gg.players for s in p.strategies])
            gregret = max(gregret, float(res.equilibria[0].max_regret()))
            if path.limit is not None:
                ours = np.concatenate([np.asarray(v, dtype=float) for v in path.limit.profile])
                dist = max(dist, float(np.max(np.abs(ours - theirs))))
        mo, mt = statistics.median(ours_t), statistics.median(theirs_t)
        print(f"{name:26} {mo:10.4f} {mt:11.4f} {mo / mt:8.1f} {dist:10.1e} {gregret:14.1e}")
    print("(a large distance with a large gambit regret means logit_solve stopped short of an equilibrium,\n"
          " e.g. at the bifurcation of the McKelvey-McLennan game's symmetric branch; our limit is verified exactly)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer games and repetitions")
    parser.add_argument("--skip-qre", action="store_true", help="only the enumeration tables")
    parser.add_argument("--skip-fresh", action="store_true", help="no fresh-process table")
    parser.add_argument("--only-five", action="store_true", help="only the five-player table")
    args = parser.parse_args()
    warnings.simplefilter("ignore", DegenerateGameWarning)
    if args.only_five:
        five_players(args.quick, not args.skip_fresh)
        return
    enumeration(args.quick)
    five_players(args.quick, not args.skip_fresh)
    if not args.skip_fresh:
        fresh(args.quick)
    if not args.skip_qre:
        qre(args.quick)


if __name__ == "__main__":
    main()
