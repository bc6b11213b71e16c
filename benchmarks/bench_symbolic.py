"""Symbolic thresholds against numeric parameter sweeps, in one run.

For each two-player bundled game and each key parameter (others at their
defaults), compares:

* ``thresholds`` (gametheory.symbolic): exact breakpoints and closed forms, once;
* a numeric sweep of the same parameter over a grid of ``N`` points with
  gametheory's exact ``enumerate_equilibria`` and with nashpy's
  ``support_enumeration`` (floats), which only bracket the breakpoints to the
  grid spacing.

Each cell is the median over repeats of the wall time; ratios are
``sweep time / symbolic time`` (above 1: the symbolic answer is cheaper than the
sweep). The sweep's breakpoint brackets are checked against the exact breakpoints
(``miss!`` marks a grid change that no exact breakpoint explains).

Usage::

    python benchmarks/bench_symbolic.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

import gametheory as gt  # noqa: E402
from gametheory.symbolic import symbolic_game, thresholds  # noqa: E402


def _median_time(fn, repeats: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def _signature(profiles) -> frozenset:
    return frozenset(tuple(tuple(k for k, p in enumerate(v) if abs(float(p)) > 1e-9) for v in prof) for prof in profiles)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer grid points and repeats")
    args = ap.parse_args(argv)
    grid = 21 if args.quick else 101
    repeats = 1 if args.quick else 3
    try:
        import nashpy
    except ImportError:  # pragma: no cover
        nashpy = None
    rows = []
    for name in gt.library.names():
        spec = gt.load_spec(name)
        if spec.composition is not None or len(spec.players) != 2:
            continue
        game = symbolic_game(spec)
        for key in game.key_parameters:
            p = game.parameter(key)
            lo, hi = Fraction(p.low), Fraction(p.high)
            t_sym, th = _median_time(lambda: thresholds(game, key), repeats)
            values = [lo + (hi - lo) * Fraction(k, grid - 1) for k in range(grid)]

            def sweep_exact():
                out = []
                for v in values:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        sol = gt.enumerate_equilibria(game.subs({key: v}), warn=False)
                    out.append(_signature([eq.profile for eq in sol.equilibria]))
                return out

            t_exact, sigs = _median_time(sweep_exact, repeats)
            t_nash = float("nan")
            if nashpy is not None:
                def sweep_nashpy():
                    for v in values:
                        g = game.subs({key: v}).to_float()
                        with warnings.catch_warnings():
                            warnings.simplefilter("ignore")
                            list(nashpy.Game(g.payoffs[0], g.payoffs[1]).support_enumeration())

                t_nash, _ = _median_time(sweep_nashpy, repeats)
            # every change on the grid must be bracketed by an exact breakpoint
            misses = 0
            for a, b, sa, sb in zip(values, values[1:], sigs, sigs[1:]):
                if sa != sb and not any(a <= float(x) <= b for x in th.values):
                    misses += 1
            rows.append((name, key, len(th.values), t_sym, t_exact, t_nash, misses))
    print(f"grid of {grid} points; median of {repeats} run(s); ratio = sweep / symbolic")
    head = f"{'game':<18} {'parameter':<13} {'breaks':>6} {'symbolic s':>11} {'exact sweep s':>14} {'ratio':>7} {'nashpy sweep s':>15} {'ratio':>7}  check"
    print(head)
    for name, key, nb, ts, te, tn, miss in rows:
        print(
            f"{name:<18} {key:<13} {nb:>6} {ts:>11.3f} {te:>14.3f} {te / ts:>7.2f} {tn:>15.3f} {tn / ts:>7.2f}  "
            + ("ok" if not miss else f"miss! ({miss})")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
