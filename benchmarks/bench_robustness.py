"""Robustness and taxonomy timings: our algorithms against the naive ways of computing the same thing.

No other library checks payoff assumptions, so the baselines are brute force:

* counting consistent orderings: dynamic programming over down-sets vs filtering all K! permutations;
* an exact robustness share: grouping completions by best responses vs solving every completion;
* classifying all 576 strict ordinal 2x2 games (lookup after a one-off table build).

Run ``python benchmarks/bench_robustness.py`` (``--quick`` for fewer repeats). Prints medians and ratios.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time

import numpy as np

from gametheory import Game, library, pure_equilibria
from gametheory.assumptions import completions_count, prefers, robustness
from gametheory.taxonomy import classify, strict_ordinal_2x2_games


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    reps = 1 if args.quick else 5

    # 1. counting: 8 outcomes, a chain of three statements
    k = 8
    g = Game(np.zeros((1, k), dtype=int), players=("P",), strategies=([f"s{i}" for i in range(k)],))
    A = [prefers("P", (f"s{i + 1}",), over=(f"s{i}",)) for i in range(3)]
    pairs = [(i + 1, i) for i in range(3)]

    def brute():
        return sum(all(p[b] > p[w] for b, w in pairs) for p in itertools.permutations(range(k)))

    assert completions_count(g, A)[0] == brute()
    t_dp = median_time(lambda: completions_count(g, A), reps)
    t_bf = median_time(brute, reps)
    print(f"count orderings (K={k}):      DP {t_dp * 1e3:8.2f} ms   brute force {t_bf * 1e3:8.2f} ms   ratio {t_bf / t_dp:6.1f}x")

    # 2. exact share on the resource deal (6480 completions)
    spec = library.spec("resource_deal")

    def claim(sol):
        "resources for guarantees is an equilibrium"
        return any(eq.strategy("US") == {"Back Ukraine": 1} and eq.strategy("Ukraine") == {"Sign for guarantees": 1} for eq in sol)

    full = lambda: robustness(spec, claim, solver=pure_equilibria, max_completions=10_000)  # noqa: E731
    grouped = lambda: robustness(spec, claim, depends_on="best_responses")  # noqa: E731
    assert full().share == grouped().share
    t_full = median_time(full, 1 if args.quick else 3)
    t_grp = median_time(grouped, reps)
    print(f"exact share (6480 completions): grouped {t_grp * 1e3:8.2f} ms   every completion {t_full * 1e3:8.2f} ms   ratio {t_full / t_grp:6.1f}x")

    # 3. taxonomy
    games = list(strict_ordinal_2x2_games())
    classify(games[0])  # builds the tables once
    t_cls = median_time(lambda: [classify(x) for x in games], reps)
    print(f"classify 576 games:            {t_cls * 1e3:8.2f} ms   ({t_cls / 576 * 1e6:.1f} us per game)")


if __name__ == "__main__":
    main()
