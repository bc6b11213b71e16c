"""Two-player solvers against nashpy, QuantEcon and pygambit, in one run.

Two tables, on the same random n×n games for every solver (integer payoffs
0..99; exact solvers get the integers, float solvers the same values as floats):

* all equilibria, n = 2..12: ``enumerate_equilibria`` exact and float, nashpy
  support and vertex enumeration, QuantEcon support and vertex enumeration,
  pygambit ``enummixed_solve`` double and rational;
* one equilibrium, n = 10..200: ``lemke_howson`` exact and float, nashpy
  Lemke–Howson, QuantEcon Lemke–Howson, pygambit ``lcp_solve`` (stop after one).

Each cell is the median over the games of the best-of-3 time per call (fast
calls are repeated; solvers are interleaved game by game); ratios are ``peer time / our time`` (above 1: we are faster). A peer
is skipped at the sizes where it would take too long (the table says why), and
results are checked: ``count!`` marks a peer that returned a different number of
equilibria than ours, ``bad!`` one whose answer is not an equilibrium.

Usage::

    python benchmarks/bench_two_player.py [--quick] [--no-write]

``--quick`` uses fewer sizes and games; the table is written into
``benchmarks/README.md`` between the ``bench_two_player`` markers.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gametheory import Game  # noqa: E402
from gametheory.errors import GameTheoryWarning  # noqa: E402
from gametheory.solvers import enumerate_equilibria, lemke_howson  # noqa: E402

warnings.simplefilter("ignore")

BUDGET = 4.0  # seconds one call may take before larger sizes are skipped for that solver
TIMEOUT = 40  # seconds after which one call is abandoned (signal.alarm; pure-Python peers)


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def call_with_timeout(fn, seconds=TIMEOUT):
    import signal

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        return fn()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def timed(fn, min_total=0.05, rounds=3):
    """(seconds per call, result): the best of ``rounds`` timings, each repeating fast calls.

    The minimum is the figure least disturbed by other processes on a shared machine.
    """
    t0 = time.perf_counter()
    out = fn()
    first = time.perf_counter() - t0
    if first >= 1.0:
        return first, out
    reps = max(1, int(min_total / max(first, 1e-6)))
    best = first
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        best = min(best, (time.perf_counter() - t0) / reps)
    return best, out


def max_regret(A, B, x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    if x.shape != (A.shape[0],) or y.shape != (A.shape[1],) or not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        return math.inf
    if abs(x.sum() - 1) > 1e-6 or abs(y.sum() - 1) > 1e-6 or x.min() < -1e-9 or y.min() < -1e-9:
        return math.inf
    ra = (A @ y).max() - x @ A @ y
    rb = (x @ B).max() - x @ B @ y
    return max(ra, rb) / max(1.0, np.abs(A).max(), np.abs(B).max())


# -- solvers: each takes (A_int, B_int) and returns a list of (x, y) -----------------


def ours_exact_all(A, B):
    return [e.profile for e in enumerate_equilibria(Game.from_bimatrix(A, B), warn=False)]


def ours_float_all(A, B):
    return [e.profile for e in enumerate_equilibria(Game.from_bimatrix(A.astype(float), B.astype(float)), warn=False)]


def nashpy_support(A, B):
    import nashpy

    return list(nashpy.Game(A.astype(float), B.astype(float)).support_enumeration())


def nashpy_vertex(A, B):
    import nashpy

    return list(nashpy.Game(A.astype(float), B.astype(float)).vertex_enumeration())


def _qe_game(A, B):
    from quantecon.game_theory import NormalFormGame, Player

    return NormalFormGame((Player(A.astype(float)), Player(B.T.astype(float))))


def qe_support(A, B):
    from quantecon.game_theory import support_enumeration

    return support_enumeration(_qe_game(A, B))


def qe_vertex(A, B):
    from quantecon.game_theory import vertex_enumeration

    return vertex_enumeration(_qe_game(A, B))


def _gambit_profiles(res):
    return [
        tuple(tuple(float(p) for _, p in strat) for _, strat in eq.mixed_strategies()) for eq in res.equilibria
    ]


def gambit_double(A, B):
    import pygambit as gbt

    return _gambit_profiles(gbt.nash.enummixed_solve(gbt.Game.from_arrays(A.astype(float), B.astype(float)), rational=False))


def gambit_rational(A, B):
    import pygambit as gbt

    g = gbt.Game.from_arrays(A.astype(object), B.astype(object))
    return _gambit_profiles(gbt.nash.enummixed_solve(g, rational=True))


def ours_lh_exact(A, B):
    return [lemke_howson(Game.from_bimatrix(A, B))[0].profile]


def ours_lh_float(A, B):
    return [lemke_howson(Game.from_bimatrix(A.astype(float), B.astype(float)))[0].profile]


def nashpy_lh(A, B):
    import nashpy

    return [nashpy.Game(A.astype(float), B.astype(float)).lemke_howson(initial_dropped_label=0)]


def qe_lh(A, B):
    from quantecon.game_theory import lemke_howson as qlh

    return [qlh(_qe_game(A, B), init_pivot=0)]


def gambit_lcp(A, B):
    import pygambit as gbt

    g = gbt.Game.from_arrays(A.astype(float), B.astype(float))
    return _gambit_profiles(gbt.nash.lcp_solve(g, rational=False, stop_after=1))


ALL = [
    ("ours exact", ours_exact_all, {}),
    ("ours float", ours_float_all, {}),
    ("nashpy support", nashpy_support, {"max_n": 7}),
    ("nashpy vertex", nashpy_vertex, {}),
    ("QuantEcon support", qe_support, {}),
    ("QuantEcon vertex", qe_vertex, {}),
    ("Gambit enummixed double", gambit_double, {}),
    ("Gambit enummixed rational", gambit_rational, {"run_upto": 8, "max_n": 8, "why": "not run above n=8 (the target size; its time grows about 6× per size)", "games": 3}),
]
ONE = [
    ("ours LH exact", ours_lh_exact, {}),
    ("ours LH float", ours_lh_float, {}),
    ("nashpy LH", nashpy_lh, {"max_n": 40, "why": "returns non-equilibria or does not end from about 50×50"}),
    ("QuantEcon LH", qe_lh, {}),
    ("Gambit lcp_solve double", gambit_lcp, {"max_n": 50, "why": "one 100×100 call had not finished after a minute in a trial run"}),
]


def games(n, count, seed):
    rng = np.random.default_rng(seed * 1000 + n)
    return [(rng.integers(0, 100, size=(n, n)), rng.integers(0, 100, size=(n, n))) for _ in range(count)]


def run_table(solvers, sizes, count, one_eq):
    """{name: {n: (median seconds | None, flag str)}}.

    Solvers are interleaved game by game, so a burst of load on the shared machine
    hits all of them alike.
    """
    results = {name: {} for name, _, _ in solvers}
    skipped_from: dict = {}
    warm = games(3, 1, 99)[0]
    for _, fn, _ in solvers:  # JIT warm-up (QuantEcon uses numba)
        try:
            fn(*warm)
        except Exception:
            pass
    # our compiled paths (numba, when installed) start at larger sizes: compile them before timing
    big = games(8, 1, 99)[0]
    ours_exact_all(*big)
    ours_float_all(*big)
    ours_lh_float(*games(40, 1, 99)[0])
    for n in sizes:
        gs = games(n, count, 1)
        active = []
        for name, fn, opts in solvers:
            if n > opts.get("max_n", 10**9):
                results[name][n] = (None, "skipped: " + opts.get("why", f"too slow above n={opts['max_n']}"))
            elif name in skipped_from and n > opts.get("run_upto", 0):
                results[name][n] = (None, skipped_from[name])
            else:
                active.append((name, fn, opts))
        times = {name: [] for name, _, _ in active}
        flags = {name: set() for name, _, _ in active}
        stopped: set = set()
        for k, (A, B) in enumerate(gs):
            reference = None
            for name, fn, opts in active:
                if name in stopped or k >= opts.get("games", len(gs)):
                    continue
                try:
                    t, out = call_with_timeout(lambda: timed(lambda: fn(A, B), min_total=0.02 if n > 6 else 0.05))
                except Timeout:
                    times[name].append(math.inf)
                    flags[name].add(f"timeout>{TIMEOUT}s")
                    stopped.add(name)
                    continue
                except Exception as err:  # a solver failing on one game is a result too
                    times[name].append(math.inf)
                    flags[name].add(f"{type(err).__name__} on a game")
                    continue
                times[name].append(t)
                if any(max_regret(A, B, x, y) > 1e-6 for x, y in out):
                    flags[name].add("bad!")
                if not one_eq:
                    if reference is None:
                        reference = len(out)  # ours exact runs first: the verified reference
                    elif len(out) != reference:
                        flags[name].add("count!")
                if t > BUDGET:
                    stopped.add(name)
        for name, _, _ in active:
            med = statistics.median(times[name])  # failed games count as infinitely slow
            fl = " ".join(sorted(flags[name]))
            if not math.isfinite(med):
                results[name][n] = (None, "failed: " + fl + f" at n={n}")
                skipped_from[name] = f"skipped: failed at n={n}"
                print(f"  n={n:3d} {name:28s} {fl}", flush=True)
                continue
            results[name][n] = (med, fl)
            if med > BUDGET / 4:
                skipped_from[name] = f"skipped: {med:.1f} s at n={n}"
            print(f"  n={n:3d} {name:28s} {med * 1e3:10.3f} ms {fl}", flush=True)
    return results


def fmt_ms(t):
    if t is None:
        return "–"
    ms = t * 1e3
    return f"{ms:.3g}" if ms < 100 else f"{ms:,.0f}"


def markdown(results, sizes, base_names, title):
    names = list(results)
    lines = [f"**{title}** — median ms per game; ratio = peer / ours (exact, float)", ""]
    lines.append("| solver | " + " | ".join(f"n={n}" for n in sizes) + " |")
    lines.append("|---" * (len(sizes) + 1) + "|")
    for name in names:
        cells = []
        for n in sizes:
            t, flag = results[name].get(n, (None, ""))
            if t is None:
                cells.append("skip" if flag.startswith("skipped") else ("fail" if flag.startswith("failed") else "–"))
                continue
            text = fmt_ms(t)
            if name not in base_names:
                ratios = []
                for b in base_names:
                    tb = results[b].get(n, (None, ""))[0]
                    ratios.append(f"{t / tb:.2g}" if tb else "–")
                text += f" ({', '.join(ratios)}×)"
            if flag:
                text += " " + flag
            cells.append(text)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    notes = []
    for name in names:
        for n in sizes:
            t, flag = results[name].get(n, (0, ""))
            if t is None and flag and (flag.startswith("failed") or n == min(m for m in sizes if results[name].get(m, (0, ""))[0] is None)):
                notes.append(f"{name}: {flag}")
    if notes:
        lines.append("")
        lines += [f"- {x}" for x in notes]
    return "\n".join(lines)


def ratio_at(results, peer, ours, n):
    tp = results[peer].get(n, (None, ""))[0]
    to = results[ours].get(n, (None, ""))[0]
    return None if (tp is None or to is None) else tp / to


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer sizes and games")
    ap.add_argument("--no-write", action="store_true", help="do not update benchmarks/README.md")
    args = ap.parse_args(argv)
    if args.quick:
        all_sizes, one_sizes, count = [2, 4, 6], [10, 50], 3
    else:
        all_sizes, one_sizes, count = list(range(2, 13)), [10, 25, 50, 100, 200], 5
    print("all equilibria", flush=True)
    res_all = run_table(ALL, all_sizes, count, one_eq=False)
    print("one equilibrium", flush=True)
    res_one = run_table(ONE, one_sizes, count, one_eq=True)

    targets = []

    def target(text, value, goal, better_high=True):
        if value is None:
            targets.append(f"- {text}: not measured in this run")
        else:
            ok = value >= goal if better_high else value <= goal
            targets.append(f"- {text}: **{value:.3g}×** ({'met' if ok else 'not met'}, target {'≥' if better_high else '≤'} {goal}×)")

    target("exact all-equilibria vs Gambit rational at n=8 (Gambit / ours)", ratio_at(res_all, "Gambit enummixed rational", "ours exact", 8), 100)
    for n in (10, 12):
        target(f"float all-equilibria vs QuantEcon vertex at n={n} (QuantEcon / ours)", ratio_at(res_all, "QuantEcon vertex", "ours float", n), 1)
    target("exact all-equilibria vs QuantEcon float vertex at n=12 (ours / QuantEcon)", ratio_at(res_all, "ours exact", "QuantEcon vertex", 12), 2, better_high=False)
    target("Lemke–Howson float vs QuantEcon at n=100 (ours / QuantEcon)", ratio_at(res_one, "ours LH float", "QuantEcon LH", 100), 2, better_high=False)

    import nashpy
    import pygambit
    import quantecon

    header = (
        f"Run: `python benchmarks/bench_two_player.py{' --quick' if args.quick else ''}` on {platform.machine()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores (shared); nashpy {nashpy.__version__}, "
        f"QuantEcon {quantecon.__version__}, pygambit {pygambit.__version__}. Random n×n games, integer payoffs 0..99, "
        f"{count} games per size (exact solvers get integers, float solvers the same values as floats)."
    )
    body = "\n\n".join(
        [
            header,
            markdown(res_all, all_sizes, ["ours exact", "ours float"], "All equilibria"),
            markdown(res_one, one_sizes, ["ours LH exact", "ours LH float"], "One equilibrium"),
            "Targets (same run):\n\n" + "\n".join(targets),
        ]
    )
    print()
    print(body)
    if not args.no_write:
        write_section(Path(__file__).with_name("README.md"), body)


START = "<!-- bench_two_player:start -->"
END = "<!-- bench_two_player:end -->"


def write_section(path: Path, body: str) -> None:
    """Replace (or append) this script's section of ``benchmarks/README.md``."""
    section = f"{START}\n## Two-player equilibria (`bench_two_player.py`)\n\n{body}\n{END}"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        _, after = rest.split(END, 1)
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)


if __name__ == "__main__":
    main()
