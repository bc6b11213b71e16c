"""Benchmark: every pure Nash equilibrium of random N-player integer games.

Compares :func:`gametheory.pure_equilibria` with QuantEcon's ``pure_nash_brute``
and pygambit's ``enumpure_solve`` on the same games, in the same run, and
checks that all three find the same equilibria. Prints the median time over
repeats (solve only: each library's game object is built beforehand and
warmed by one call; in each repeat the libraries run in turn, so machine load
affects them alike), the median over games, and the ratios (paired within
each repeat, median over repeats and games) and the ratios. Build times are printed too, because
``gametheory.Game`` stores exact ``Fraction`` payoffs and caches an integer
rescaling on first use.

Usage::

    python benchmarks/bench_pure.py [--quick] [--repeats R] [--games G]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

import gametheory as gt

try:
    import quantecon as qe
except ImportError:  # pragma: no cover - optional peer
    qe = None
try:
    import pygambit as gbt
except ImportError:  # pragma: no cover - optional peer
    gbt = None

SIZES = [(3, 10), (4, 8)]  # (players, strategies each)


def quantecon_game(arr: np.ndarray):
    """QuantEcon's layout is own-action-first: player i's array has axes (i, i+1, ..., N-1, 0, ..., i-1)."""
    n = arr.shape[0]
    players = [qe.game_theory.Player(np.transpose(arr[i], [(i + k) % n for k in range(n)])) for i in range(n)]
    return qe.game_theory.NormalFormGame(players)


def gambit_game(arr: np.ndarray):
    return gbt.Game.from_arrays(*[arr[i] for i in range(arr.shape[0])])


def timed_together(fns: dict, repeats: int) -> dict:
    """Times of each function; in every repeat all run once, in turn, so machine load hits all alike."""
    for fn in fns.values():
        fn()  # warm-up (caches, JIT)
    times: dict = {k: [] for k in fns}
    for _ in range(repeats):
        for k, fn in fns.items():
            t = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t)
    return times


def gambit_profiles(result, shape) -> list[tuple[int, ...]]:
    out = []
    for eq in result.equilibria:
        prof = []
        for player in eq.game.players:
            probs = [float(eq[s]) for s in player.strategies]
            prof.append(int(np.argmax(probs)))
        out.append(tuple(prof))
    return sorted(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer games and repeats")
    ap.add_argument("--repeats", type=int, default=None)
    ap.add_argument("--games", type=int, default=None)
    args = ap.parse_args()
    repeats = args.repeats or (5 if args.quick else 21)
    n_games = args.games or (2 if args.quick else 5)
    print(f"pure equilibria of random integer games (payoffs 0..99), {n_games} games per size, median of {repeats} repeats")
    print(f"{'size':>8} {'#eq':>5} {'ours ms':>9} {'quantecon ms':>13} {'pygambit ms':>12} {'qe/ours':>8} {'gambit/ours':>12}"
          f" {'build ours ms':>14} {'build gambit ms':>16}")
    rng = np.random.default_rng(20250101)
    for n_players, n_strat in SIZES:
        shape = (n_players,) + (n_strat,) * n_players
        rows = []
        for _ in range(n_games):
            arr = rng.integers(0, 100, size=shape)
            t = time.perf_counter()
            game = gt.Game(arr)
            game.comparable_payoffs  # the integer rescaling cached on first use
            build_ours = time.perf_counter() - t
            found = sorted(tuple(int(np.argmax(v)) for v in eq.profile) for eq in gt.pure_equilibria(game))
            fns = {"ours": lambda: gt.pure_equilibria(game)}
            build_gb = float("nan")
            if qe is not None:
                qg = quantecon_game(arr)
                assert sorted(qe.game_theory.pure_nash_brute(qg)) == found, "QuantEcon disagrees"
                fns["qe"] = lambda: qe.game_theory.pure_nash_brute(qg)
            if gbt is not None:
                t = time.perf_counter()
                gg = gambit_game(arr)
                build_gb = time.perf_counter() - t
                assert gambit_profiles(gbt.nash.enumpure_solve(gg), shape) == found, "pygambit disagrees"
                fns["gambit"] = lambda: gbt.nash.enumpure_solve(gg)
            times = timed_together(fns, repeats)
            nan = [float("nan")] * repeats
            t_ours, t_qe, t_gb = times["ours"], times.get("qe", nan), times.get("gambit", nan)
            # ratios paired within each repeat (same machine load), then the median
            r_qe = statistics.median(a / b for a, b in zip(t_qe, t_ours))
            r_gb = statistics.median(a / b for a, b in zip(t_gb, t_ours))
            rows.append((len(found), statistics.median(t_ours), statistics.median(t_qe), statistics.median(t_gb),
                         r_qe, r_gb, build_ours, build_gb))
        n_eq, ours, t_qe, t_gb, r_qe, r_gb, b_ours, b_gb = [statistics.median(col) for col in zip(*rows)]
        label = f"{n_players}x{n_strat}"
        print(f"{label:>8} {n_eq:>5.1f} {ours * 1e3:>9.3f} {t_qe * 1e3:>13.3f} {t_gb * 1e3:>12.3f} "
              f"{r_qe:>8.1f} {r_gb:>12.1f} {b_ours * 1e3:>14.2f} {b_gb * 1e3:>16.2f}")
    print("ratios > 1: gametheory is faster. Equilibria agree across all three libraries.")


if __name__ == "__main__":
    main()
