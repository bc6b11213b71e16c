"""Reading and writing Gambit files: gametheory.io.gambit against pygambit, in the same run.

Prints medians and the ratio ours / pygambit (below 1: we are faster).

    python benchmarks/bench_gambit_io.py [--quick]
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time

import pygambit as gbt

from gametheory.io.gambit import read_efg, read_nfg, write_efg, write_nfg


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def random_game(shape, seed):
    rng = random.Random(seed)
    arrays = []
    for _ in shape:
        flat = [gbt.Rational(rng.randint(-99, 99), rng.randint(1, 9)) for _ in range(_prod(shape))]
        arrays.append(_nest(flat, shape))
    return gbt.Game.from_arrays(*arrays)


def _prod(shape):
    out = 1
    for k in shape:
        out *= k
    return out


def _nest(flat, shape):
    if len(shape) == 1:
        return flat
    step = _prod(shape[1:])
    return [_nest(flat[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


def random_tree(depth, seed):
    rng = random.Random(seed)
    g = gbt.Game.new_tree(players=["A", "B"])
    frontier = [(g.root, 0)]
    k = 0
    while frontier:
        node, d = frontier.pop()
        if d == depth:
            k += 1
            g.set_outcome(node, g.add_outcome(f"o{k}", [gbt.Rational(rng.randint(-9, 9), rng.randint(1, 5)) for _ in range(2)]))
            continue
        if d % 3 == 2:
            g.append_move(node, g.players.chance, ["h", "t"])
            g.set_chance_probs(node.infoset, [gbt.Rational(1, 3), gbt.Rational(2, 3)])
        else:
            g.append_move(node, ["A", "B"][d % 2], ["x", "y"])
        frontier.extend((c, d + 1) for c in node.children)
    return g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    shapes = [(10, 10), (8, 8, 8)] if args.quick else [(30, 30), (15, 15, 15), (6, 6, 6, 6)]
    depth = 8 if args.quick else 12
    print(f"{'case':28} {'ours (s)':>10} {'pygambit (s)':>13} {'ratio':>7}")

    def row(name, ours, theirs):
        a, b = median_time(ours, repeat), median_time(theirs, repeat)
        print(f"{name:28} {a:10.4f} {b:13.4f} {a / b:7.2f}")

    for shape in shapes:
        g = random_game(shape, 1)
        text = g.to_nfg()  # outcome version, as pygambit writes it
        ours = read_nfg(io.StringIO(text))
        label = "x".join(map(str, shape))
        row(f"read .nfg {label}", lambda: read_nfg(io.StringIO(text)), lambda: gbt.read_nfg(io.StringIO(text)))
        row(f"write .nfg {label}", lambda: write_nfg(ours, version="outcome"), lambda: g.to_nfg())
    t = random_tree(depth, 2)
    text = t.to_efg()
    tree = read_efg(io.StringIO(text))
    nodes = sum(1 for _ in tree.nodes())
    row(f"read .efg {nodes} nodes", lambda: read_efg(io.StringIO(text)), lambda: gbt.read_efg(io.StringIO(text)))
    row(f"write .efg {nodes} nodes", lambda: write_efg(tree), lambda: t.to_efg())


if __name__ == "__main__":
    main()
