"""Fresh processes, batches, large games and sweeps, side by side with the peers in one run.

* cold start: whole processes (``gametheory solve`` of a random 12x12 game, ``import gametheory``,
  ``gametheory list``) against pygambit's ``enummixed_solve`` in a fresh process on the same game;
* batches: ``solve_many`` on 10,000 random 2x2 and 3x3 games against QuantEcon's
  ``vertex_enumeration`` called in a loop on the same games (warm);
* memory: all equilibria of a random 20x20 game under a 2 GB address-space cap, ours and
  pygambit's ``enummixed_solve``, with each process's peak resident memory;
* sweeps: the composed scenario ``negotiations`` over a 100 x 100 grid of two key parameters,
  serially and on a local Dask cluster of 2 workers, streamed to Parquet; the client's peak memory
  at 1,000 and 10,000 points; serial == distributed exactly, and the fast path against ``load`` +
  ``solve`` at 100 random points;
* one equilibrium of 200x200 games: float Lemke–Howson against QuantEcon's.

Every figure is a median over runs; ratios are peer / ours (above 1: we are faster), except
memory. ``--quick`` runs fewer and smaller cases.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as an installed package


def process(args: list[str], *, timeout: float, cap_bytes: int | None = None) -> tuple[float, float, int]:
    """``(wall seconds, peak RSS MiB, exit code)`` of one fresh process (exit -9: killed/timeout)."""
    pre = None
    if cap_bytes is not None:
        def pre():
            resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=ENV, preexec_fn=pre)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        code = -9
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # max over children so far (KiB)
    return wall, max(peak, before) / 1024, code


def peak_of(args: list[str], *, timeout: float, cap_bytes: int | None = None) -> tuple[float, float, int, str]:
    """Like :func:`process` but the peak is measured inside the child (reported on its last line)."""
    code = textwrap.dedent(
        f"""
        import resource, runpy, sys, atexit
        cap = {cap_bytes!r}
        if cap: resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        def report():
            print("PEAK_KIB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr, flush=True)
        atexit.register(report)
        sys.argv = {args!r}
        exec(compile(open(sys.argv[0]).read(), sys.argv[0], "exec"), {{"__name__": "__main__"}})
        """
    )
    t = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, env=ENV)
        out, err, rc = proc.stdout, proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as exc:
        out, err, rc = (exc.stdout or b"").decode() if isinstance(exc.stdout, bytes) else (exc.stdout or ""), "", -9
    wall = time.perf_counter() - t
    peak = [int(line.split()[1]) for line in (err or "").splitlines() if line.startswith("PEAK_KIB")]
    return wall, (peak[-1] / 1024 if peak else float("nan")), rc, out


def random_nfg(n: int, seed: int, folder: Path) -> Path:
    from gametheory import Game, write_nfg

    rng = np.random.default_rng(seed)
    g = Game.from_bimatrix(rng.integers(0, 100, (n, n)).tolist(), rng.integers(0, 100, (n, n)).tolist(),
                           title=f"random {n}x{n}")
    path = folder / f"random{n}.nfg"
    write_nfg(g, str(path))
    return path


def cold_start(folder: Path, runs: int) -> list[str]:
    nfg = random_nfg(12, 12, folder)
    gt_cli = [sys.executable, "-m", "gametheory"]
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "gametheory")], env=ENV,
                   capture_output=True)
    gambit = folder / "gambit12.py"
    gambit.write_text(textwrap.dedent(f"""
        import pygambit as gbt
        g = gbt.read_nfg({str(nfg)!r})
        print(len(gbt.nash.enummixed_solve(g, rational=False).equilibria))
    """))
    rows = []
    cases = [
        ("`python -c 'import gametheory'`", [sys.executable, "-c", "import gametheory"], None),
        ("`gametheory list`", gt_cli + ["list"], None),
        ("`gametheory solve random12.nfg` (all equilibria, exact)", gt_cli + ["solve", str(nfg)],
         ("pygambit `enummixed_solve` (double) in a fresh process", [sys.executable, str(gambit)])),
    ]
    for label, cmd, peer in cases:
        process(cmd, timeout=120)  # warm-up (file caches, compiled kernels on disk)
        ours = [process(cmd, timeout=120)[0] for _ in range(runs)]
        line = f"| {label} | {statistics.median(ours):.2f} s |"
        if peer is not None:
            theirs = [process(peer[1], timeout=300)[0] for _ in range(max(1, runs // 2))]
            line += f" {peer[0]}: {statistics.median(theirs):.2f} s | {statistics.median(theirs) / statistics.median(ours):.1f}× |"
        else:
            line += " | |"
        rows.append(line)
        print(line, flush=True)
    return ["| command (fresh process) | median wall | peer | peer / ours |", "| --- | ---: | --- | ---: |"] + rows


def batches(count: int) -> list[str]:
    import warnings

    import quantecon.game_theory as qe

    from gametheory import solve_many

    warnings.simplefilter("ignore")
    rows = ["| games | ours `solve_many` (exact) | QuantEcon `vertex_enumeration` loop (float) | QuantEcon incl. building games | ratio | equilibria ours / QuantEcon |",
            "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for m in (2, 3):
        rng = np.random.default_rng(m)
        P = rng.integers(0, 100, size=(count, 2, m, m))
        solve_many(P[:10])
        t = time.perf_counter()
        table = solve_many(P)
        ours = time.perf_counter() - t
        t = time.perf_counter()
        games = [qe.NormalFormGame((qe.Player(P[k, 0]), qe.Player(P[k, 1].T))) for k in range(count)]
        build = time.perf_counter() - t
        qe.vertex_enumeration(games[0])
        t = time.perf_counter()
        found = [qe.vertex_enumeration(g) for g in games]
        theirs = time.perf_counter() - t
        line = (f"| {count:,} random {m}×{m} | {ours:.3f} s | {theirs:.3f} s | {theirs + build:.3f} s | "
                f"**{theirs / ours:.1f}×** | {len(table):,} / {sum(len(f) for f in found):,} |")
        rows.append(line)
        print(line, flush=True)
    return rows


def memory(folder: Path, timeout: float, full: bool) -> list[str]:
    nfg = random_nfg(20, 20, folder)
    cap = 2 * 1024**3
    ours = folder / "ours20.py"
    ours.write_text(textwrap.dedent(f"""
        import sys
        from gametheory.cli import main
        sys.exit(main(["solve", {str(nfg)!r}, "--timeout", "{timeout:g}", "--format", "json"]))
    """))
    ours_full = folder / "ours20full.py"
    ours_full.write_text(textwrap.dedent(f"""
        import json, warnings
        import gametheory as gt
        warnings.simplefilter("ignore")
        sol = gt.solve(gt.read_nfg({str(nfg)!r}), progress=False)
        print(json.dumps({{"complete": sol.complete, "equilibria": len(sol)}}))
    """))
    gambit = folder / "gambit20.py"
    gambit.write_text(textwrap.dedent(f"""
        import pygambit as gbt
        g = gbt.read_nfg({str(nfg)!r})
        print(len(gbt.nash.enummixed_solve(g, rational=False).equilibria))
    """))
    rows = ["| run (random 20×20, 2 GB address-space cap) | wall | peak memory | result |", "| --- | ---: | ---: | --- |"]
    import json

    w, peak, rc, out = peak_of([str(ours)], timeout=timeout + 120, cap_bytes=cap)
    doc = json.loads(out) if rc == 0 and out.strip().startswith("{") else {}
    rows.append(f"| ours, `gametheory solve --timeout {timeout:g}` | {w:.1f} s | {peak:.0f} MiB | exit {rc}: "
                f"{len(doc.get('equilibria', []))} equilibria, complete={doc.get('complete')} |")
    print(rows[-1], flush=True)
    if full:
        w, peak, rc, out = peak_of([str(ours_full)], timeout=1800, cap_bytes=cap)
        rows.append(f"| ours, no time limit | {w:.1f} s | {peak:.0f} MiB | exit {rc}: {out.strip()} |")
        print(rows[-1], flush=True)
    w, peak, rc, out = peak_of([str(gambit)], timeout=max(timeout, 300), cap_bytes=cap)
    what = "killed by the time limit" if rc == -9 else ("failed (out of memory under the cap)" if rc != 0 else out.strip() + " equilibria")
    rows.append(f"| pygambit `enummixed_solve` (double) | {w:.1f} s | {peak:.0f} MiB | exit {rc}: {what} |")
    print(rows[-1], flush=True)
    return rows


def _sweep_script(folder: Path, name: str, n_cred: int, n_relief: int, out: Path, scheduler: str, fast: bool = True) -> Path:
    script = folder / f"{name}.py"
    script.write_text(textwrap.dedent(f"""
        import time, warnings
        warnings.simplefilter("ignore")
        from fractions import Fraction
        from gametheory.sweep import sweep, linspace
        scheduler = {scheduler!r}
        if scheduler != "serial":
            from dask.distributed import Client
            scheduler = Client(scheduler)
        grid = {{"credibility": linspace(Fraction(1, 100), 1, {n_cred}), "relief": linspace(Fraction(1, 2), 4, {n_relief})}}
        t = time.perf_counter()
        sweep("negotiations", grid, scheduler=scheduler, out={str(out)!r}, progress=False, fast={fast!r})
        print("SECONDS", time.perf_counter() - t)
    """))
    return script


def sweeps(side: int, sample: int, folder: Path) -> list[str]:
    """``negotiations`` over a side x side grid of credibility x relief, streamed to Parquet.

    Serial and on a local Dask cluster of 2 workers, each in a fresh client process
    (peak resident memory of the client measured inside it; the seconds are those of the
    ``sweep`` call, tracing the tree included); the serial sweep again at a tenth of the
    points for the memory comparison; the two results compared exactly, and ``sample``
    random points re-solved through the public path (``load`` + ``solve``) and compared
    row by row.
    """
    import random
    import warnings

    from dask.distributed import LocalCluster

    from gametheory.sweep import _solve_point, read_sweep

    warnings.simplefilter("ignore")
    n = side * side
    runs = {}
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        for label, n_cred, sched in (("serial", side, "serial"), ("serial_small", max(1, side // 10), "serial"),
                                     ("dask", side, cluster.scheduler_address)):
            out = folder / f"{label}.parquet"
            script = _sweep_script(folder, label, n_cred, side, out, sched)
            wall, peak, rc, stdout = peak_of([str(script)], timeout=7200)
            secs = [float(line.split()[1]) for line in stdout.splitlines() if line.startswith("SECONDS")]
            runs[label] = (secs[0] if secs else float("nan"), peak, rc, out, n_cred * side)
            print(f"{label}: {runs[label][:3]}", flush=True)
    finally:
        cluster.close()
    serial = read_sweep(runs["serial"][3])
    dist = read_sweep(runs["dask"][3])
    same = list(serial.columns) == list(dist.columns) and len(serial) == len(dist) and all(
        serial[c].tolist() == dist[c].tolist() for c in serial.columns)
    # the fast path against the public path, point by point, on a random sample
    rng = random.Random(15)
    points = sorted(rng.sample(range(n), sample))
    agree = 0
    t = time.perf_counter()
    for pt in points:
        got = serial[serial["point"] == pt]
        params = {"credibility": got["credibility"].iloc[0], "relief": got["relief"].iloc[0]}
        want = _solve_point("negotiations", params, {})
        cols = [c for c in got.columns if c not in ("point", "credibility", "relief")]
        ok = len(want) == len(got) and all([r.get(c) for r in want] == got[c].tolist() for c in cols)
        agree += ok
    public = (time.perf_counter() - t) / len(points)
    ts, td = runs["serial"][0], runs["dask"][0]
    outcomes = serial.drop_duplicates("point")["outcome_set"].nunique()
    rows = ["| sweep of `negotiations` (credibility × relief), streamed to Parquet | serial | 2 Dask workers | speed-up "
            "| distributed == serial |", "| --- | ---: | ---: | ---: | --- |",
            f"| {n:,} points ({len(serial):,} rows, {outcomes} outcome sets) | {ts:.0f} s ({1000 * ts / n:.0f} ms/point) "
            f"| {td:.0f} s | **{ts / td:.2f}×** | {same} |",
            "", "| fast path against `load` + `solve` at random points | points | rows equal | public path per point "
            "| fast path per point (serial) | ratio |", "| --- | ---: | ---: | ---: | ---: | ---: |",
            f"| `negotiations` | {len(points)} | {agree}/{len(points)} | {public:.2f} s | {ts / n * 1000:.0f} ms "
            f"| **{public / (ts / n):.0f}×** |",
            "", "| client peak memory (fresh process) | points | peak RSS |", "| --- | ---: | ---: |"]
    for label in ("serial_small", "serial", "dask"):
        secs, peak, rc, _, pts = runs[label]
        rows.append(f"| {'serial' if label != 'dask' else '2 Dask workers'} (exit {rc}) | {pts:,} | {peak:.0f} MiB |")
    return rows


def lemke_howson_200(count: int) -> list[str]:
    """One equilibrium of random 200x200 games (bench_two_player's games), ours float vs QuantEcon."""
    import warnings

    import quantecon.game_theory as qe

    from gametheory import Game
    from gametheory.errors import SolverError
    from gametheory.solvers import lemke_howson

    warnings.simplefilter("ignore")
    rng = np.random.default_rng(0 * 1000 + 200)  # bench_two_player.games(200, count, seed=0)
    pairs = [(rng.integers(0, 100, size=(200, 200)), rng.integers(0, 100, size=(200, 200))) for _ in range(count)]
    lemke_howson(Game.from_bimatrix(np.eye(200) + 1, np.eye(200) + 1))  # compile / load the kernel
    ours, theirs, restarts, solved = [], [], 0, 0
    for A, B in pairs:
        g = Game.from_bimatrix(A.astype(float), B.astype(float))
        t = time.perf_counter()
        try:
            sol = lemke_howson(g)
            solved += 1
            restarts += sol.parameters["initial_label"] != sol.parameters["requested_label"]
        except SolverError:
            pass
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        qe.lemke_howson(qe.NormalFormGame((qe.Player(A.astype(float)), qe.Player(B.T.astype(float)))))
        theirs.append(time.perf_counter() - t)
    line = (f"| {count} random 200×200 | {solved}/{count} ({restarts} after a restart) | {statistics.median(ours):.2f} s | "
            f"{statistics.median(theirs):.2f} s | {statistics.median(theirs) / statistics.median(ours):.1f}× |")
    print(line, flush=True)
    return ["| games | ours float Lemke–Howson solved | ours median | QuantEcon median | ratio |",
            "| --- | --- | ---: | ---: | ---: |", line]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", choices=("cold", "batch", "memory", "sweep", "lh"), action="append")
    args = ap.parse_args(argv)
    parts = args.only or ["cold", "batch", "memory", "sweep", "lh"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "cold" in parts:
            print("\n".join(cold_start(folder, 3 if args.quick else 5)), flush=True)
        if "batch" in parts:
            print("\n".join(batches(1000 if args.quick else 10_000)), flush=True)
        if "memory" in parts:
            print("\n".join(memory(folder, 10 if args.quick else 60, not args.quick)), flush=True)
        if "sweep" in parts:
            print("\n".join(sweeps(10 if args.quick else 100, 5 if args.quick else 100, folder)), flush=True)
        if "lh" in parts:
            print("\n".join(lemke_howson_200(2 if args.quick else 5)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
