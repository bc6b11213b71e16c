"""Nash and sequential equilibria of game trees with hidden information, side by side with pygambit.

Trees: the two-player trees of pygambit's catalog (with perfect recall) and seeded
random two-player trees with chance and information sets (perfect recall by
construction) of about 100, 300 and 1000 nodes. For each tree, in one process
(warm: median of ``--repeat`` runs after one warm-up run, both libraries on the same
tree):

* Lemke: our exact Lemke on the sequence form (``sequence_form_lemke``, one
  equilibrium) against pygambit ``lcp_solve(rational=True)`` on the tree (its sequence-form
  Lemke; ``stop_after`` is refused on trees);
* all equilibria: our vertex enumeration of the sequence form
  (``sequence_form_equilibria``: every extreme equilibrium) against the same pygambit
  ``lcp_solve(rational=True)`` (the equilibria its Lemke paths reach) and
  ``enumpoly_solve`` (support enumeration, floats; capped at ``--enumpoly-limit`` nodes);
* the logit QRE limit: our ``logit_sequential_equilibrium`` (exactly verified) against
  pygambit ``logit_solve``.

Each row gives the time ratio ours / pygambit (below 1: we are faster) and the
number of equilibria each found; every pygambit equilibrium is checked to have a
realization-equivalent one among ours (``covered``). Fresh-process timings use
``farm-bench`` on ``--one FILE`` (this script solving one tree once).

Usage: ``python benchmarks/bench_extensive.py [--quick] [--repeat N]``;
``python benchmarks/bench_extensive.py --one FILE.efg [--peer]`` solves one file once
(``--peer``: with pygambit) for fresh-process timing.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
import warnings
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

if "--peer" in sys.argv:  # a fresh pygambit process must not pay for importing gametheory
    gt = None
else:
    import gametheory as gt  # noqa: E402
    from gametheory.extensive import (  # noqa: E402
        Chance,
        Decision,
        ExtensiveGame,
        Terminal,
        logit_sequential_equilibrium,
        outcome_probabilities,
        sequence_form_equilibria,
        sequence_form_lemke,
    )
    from gametheory.io.gambit import GambitLabelWarning  # noqa: E402


def random_tree(nodes: int, seed: int) -> "ExtensiveGame":
    """A two-player tree with chance and information sets keyed by own history and a signal."""
    rng = random.Random(seed)
    players = ("A", "B")
    budget = [nodes]
    actions_of: dict[str, int] = {}

    def node(depth: int, own: dict) -> object:
        budget[0] -= 1
        if budget[0] <= 0 or depth >= 12 or (depth > 2 and rng.random() < 0.25):
            return Terminal({p: rng.randint(-9, 9) for p in players})
        if rng.random() < 0.15:
            k = 2
            w = [rng.randint(1, 3) for _ in range(k)]
            return Chance({f"n{j}": (Fraction(x, sum(w)), node(depth + 1, own)) for j, x in enumerate(w)})
        p = players[depth % 2] if rng.random() < 0.8 else rng.choice(players)
        key = f"{p}|{'.'.join(own.get(p, ()))}|{rng.randint(0, 1)}"
        n_act = actions_of.setdefault(key, 2)
        kids = {}
        for a in range(n_act):
            mine = dict(own)
            mine[p] = own.get(p, ()) + (f"{key}>{a}",)
            kids[f"a{a}"] = node(depth + 1, mine)
        return Decision(p, kids, infoset=key)

    return ExtensiveGame(node(0, {}), players=players, title=f"random {nodes} (seed {seed})")


def median_time(fn, repeat: int) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()  # warm-up (and the result)
    if time.perf_counter() - t > 2.0:
        repeat = 1  # slow cases: one timed run
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def outcomes(game: "ExtensiveGame", eq) -> tuple:
    probs = outcome_probabilities(game.flat, eq.profile)
    return tuple(probs[z] for z in sorted(probs))


def gbt_outcomes(efg, profile) -> tuple:
    out = []
    stack = [efg.root]
    while stack:
        node = stack.pop()
        if node.is_terminal:
            out.append(Fraction(str(profile.realiz_prob(node))))
        stack.extend(reversed(list(node.children)))
    return tuple(out)


args_max_bases = 20_000


def _enumpoly_worker(text: str, out) -> None:
    import pygambit as gbt

    t0 = time.perf_counter()
    poly = gbt.nash.enumpoly_solve(gbt.read_efg(io.StringIO(text)))
    out.put(f"{len(poly.equilibria)} ({time.perf_counter() - t0:.2g} s)")


def _enumpoly(text: str, timeout: float) -> str:
    """pygambit's enumpoly_solve in a child process (it can run for hours): its count and time, or '> T s'."""
    import multiprocessing as mp

    q = mp.Queue()
    proc = mp.Process(target=_enumpoly_worker, args=(text, q))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return f"none in {timeout:.0f} s"
    return q.get() if not q.empty() else "failed"


def rows(trees, repeat: int, enumpoly_limit: int) -> list[str]:
    import pygambit as gbt

    lines = ["| tree | nodes | Lemke ours/gbt | all: ours / gbt lcp | found ours, lcp, enumpoly | covered | "
             "logit ours/gbt |", "|---|---|---|---|---|---|---|"]
    for name, game in trees:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", GambitLabelWarning)
            text = gt.write_efg(game)
        efg = gbt.read_efg(io.StringIO(text))
        t_lemke, _ = median_time(lambda: sequence_form_lemke(game), repeat)
        t_all, ours = median_time(lambda: sequence_form_equilibria(game, max_bases=args_max_bases), repeat)
        t_glcp, theirs = median_time(lambda: gbt.nash.lcp_solve(efg, rational=True), repeat)
        t_glcp1 = t_glcp
        mine = {outcomes(game, e) for e in ours}
        covered = all(gbt_outcomes(efg, e) in mine for e in theirs.equilibria)
        n_poly = "-"
        if game.flat.num_nodes <= enumpoly_limit:
            n_poly = _enumpoly(text, timeout=20.0)
        t_logit, _ = median_time(lambda: logit_sequential_equilibrium(game), max(1, repeat // 3))
        t_glogit, _ = median_time(lambda: gbt.nash.logit_solve(efg), max(1, repeat // 3))
        lines.append(
            f"| {name} | {game.flat.num_nodes} | {t_lemke / t_glcp1:.2f} ({t_lemke * 1e3:.1f} ms) | "
            f"{t_all / t_glcp:.2f} ({t_all * 1e3:.1f} / {t_glcp * 1e3:.1f} ms) | "
            f"{len(ours)}{'' if ours.complete else '*'}, {len(theirs.equilibria)}, {n_poly} | "
            f"{'yes' if covered else 'NO'} | {t_logit / t_glogit:.2f} ({t_logit * 1e3:.0f} ms) |"
        )
        print(lines[-1], flush=True)
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--enumpoly-limit", type=int, default=60)
    ap.add_argument("--one", help="solve one .efg once (fresh-process timing)")
    ap.add_argument("--peer", action="store_true", help="with --one: solve it with pygambit instead")
    ap.add_argument("--what", default="all", choices=("all", "lemke", "logit"))
    args = ap.parse_args()
    if args.one:
        if args.peer:
            import pygambit as gbt

            efg = gbt.read_efg(args.one)
            {"all": lambda: gbt.nash.lcp_solve(efg, rational=True),
             "lemke": lambda: gbt.nash.lcp_solve(efg, rational=True),
             "logit": lambda: gbt.nash.logit_solve(efg)}[args.what]()
        else:
            game = gt.read_efg(args.one)
            {"all": sequence_form_equilibria, "lemke": sequence_form_lemke,
             "logit": logit_sequential_equilibrium}[args.what](game)
        return
    import pygambit as gbt

    catalog = sorted((Path(gbt.__file__).parent / "catalog_data").rglob("*.efg"))
    trees = []
    for p in catalog:
        g = gt.read_efg(p)
        if len(g.players) == 2 and g.perfect_recall:
            trees.append((p.stem, g))
    if args.quick:
        trees = trees[:6]
        global args_max_bases
        args_max_bases = 2_000
    sizes = (100,) if args.quick else (100, 300)
    for n in sizes:
        for seed in range(2):
            trees.append((f"random {n}/{seed}", random_tree(n, seed)))
    print(f"# warm, median of {args.repeat} (logit: of {max(1, args.repeat // 3)}); ratio < 1: gametheory faster")
    rows(trees, args.repeat, args.enumpoly_limit)


if __name__ == "__main__":
    main()
