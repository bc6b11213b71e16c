"""Parameter sweeps and Monte Carlo over a game file, locally or on a Dask cluster.

Policy conclusions hinge on parameters (how credible is a threat, how costly is
war). :func:`sweep` solves a game file (a single game or a composed scenario) at
every point of a grid, :func:`monte_carlo` at parameter values drawn from
distributions; both return a tidy ``pandas.DataFrame`` with one row per
equilibrium at each point: the parameter values, the outcome (the equilibrium
profile, or the path of play of a subgame-perfect equilibrium), exact payoffs, the
number of equilibria and whether the list is complete. Only the public API is used
(``load(spec, params=...)``, ``solve``, ``Solution.to_dict()``), so any game file
that loads and solves can be swept.

Parallel by Dask: ``scheduler=None`` solves in this process for small runs and
starts a local cluster (one worker per core) for larger ones; ``scheduler="serial"``
forces this process, ``"local"`` a local cluster, ``"tcp://host:8786"`` or a
``dask.distributed.Client`` a running cluster. Points go out in chunks with a
bounded number in flight and results are written to Parquet as they arrive
(``out=``), so memory stays flat in the number of points. A progress bar shows
points done. :func:`region_figure` draws the outcome regions over one or two
parameters, :func:`frequency_figure` the outcome frequencies of a Monte Carlo run.

Parameter values are exact: grid ends and fixed values go through
:func:`gametheory.exact.to_number` (``"1/3"``, ``"0.25"``), grid points are exact
fractions, and random draws are rounded to ``resolution`` and recorded as the
exact fractions used.

Examples
--------
>>> from gametheory.sweep import sweep, linspace
>>> table = sweep("sanctions", grid={"relief": linspace(0, 4, 4)}, scheduler="serial", progress=False)
>>> len(table["point"].unique()), list(table.columns[:3])
(4, ['point', 'relief', 'equilibrium'])
"""

from __future__ import annotations

import itertools
import math
import time
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import numpy as np

from .errors import GameTheoryError, InvalidNumberError

__all__ = ["sweep", "monte_carlo", "linspace", "parse_range", "read_sweep", "region_figure", "frequency_figure",
           "SERIAL_MAX_POINTS"]

#: With ``scheduler=None``, runs of at most this many points are solved in this process.
SERIAL_MAX_POINTS = 64
#: Points per task sent to a worker (fewer when the run is small, so that every worker has work).
CHUNK = 8


class SweepError(GameTheoryError, ValueError):
    """A sweep was asked for with bad arguments (unknown parameter, empty grid, bad distribution)."""


# -- points ---------------------------------------------------------------------------------------
def linspace(lo: Any, hi: Any, num: int) -> list:
    """``num`` equally spaced exact values from ``lo`` to ``hi`` (both included).

    Examples
    --------
    >>> [str(v) for v in linspace(0, 1, 4)]
    ['0', '1/3', '2/3', '1']
    """
    from .exact import to_number

    lo, hi = to_number(lo), to_number(hi)
    if not isinstance(num, (int, np.integer)) or num < 1:
        raise SweepError(f"a grid needs a positive integer number of points, got {num!r}")
    if num == 1:
        return [lo]
    return [lo + (hi - lo) * Fraction(k, num - 1) for k in range(num)]


def parse_range(text: str) -> tuple[Any, Any, int | None]:
    """``"LO:HI:N"`` (or ``"LO:HI"``) from the command line: exact ends and the number of points.

    Examples
    --------
    >>> parse_range("0:1/2:3")
    (Fraction(0, 1), Fraction(1, 2), 3)
    """
    from .exact import to_number

    parts = text.split(":")
    if len(parts) not in (2, 3):
        raise SweepError(f"expected LO:HI:N or LO:HI, got {text!r}")
    try:
        lo, hi = to_number(parts[0].strip()), to_number(parts[1].strip())
    except InvalidNumberError as exc:
        raise SweepError(f"{text!r}: {exc}") from None
    num = None
    if len(parts) == 3:
        if not parts[2].strip().isdigit() or int(parts[2]) < 1:
            raise SweepError(f"{text!r}: the number of points must be a positive integer")
        num = int(parts[2])
    if hi < lo:
        raise SweepError(f"{text!r}: HI is below LO")
    return lo, hi, num


def _grid_points(grid: Mapping[str, Any]) -> tuple[list[str], Iterator[dict], int]:
    from .exact import to_number

    names = list(grid)
    axes = []
    for name in names:
        values = grid[name]
        if isinstance(values, str):
            lo, hi, num = parse_range(values)
            values = linspace(lo, hi, num or 11)
        elif np.ndim(values) == 0:
            values = [values]
        values = [to_number(v) for v in values]
        if not values:
            raise SweepError(f"grid for {name!r} is empty")
        axes.append(values)
    total = math.prod(len(a) for a in axes)
    return names, (dict(zip(names, combo)) for combo in itertools.product(*axes)), total


def _draw(dist: Any, size: int, rng: np.random.Generator) -> np.ndarray:
    """Samples of one distribution: ``("uniform", lo, hi)``, ``("normal", mean, sd)``,
    ``("triangular", lo, mode, hi)``, ``("choice", values)``, or a scipy.stats frozen distribution."""
    if hasattr(dist, "rvs"):
        return np.asarray(dist.rvs(size=size, random_state=rng), dtype=float)
    if not isinstance(dist, (tuple, list)) or not dist or not isinstance(dist[0], str):
        raise SweepError(f"unknown distribution {dist!r}: use ('uniform', lo, hi), ('normal', mean, sd), "
                         "('triangular', lo, mode, hi), ('choice', values) or a scipy.stats distribution")
    kind, args = dist[0], [float(a) for a in dist[1:]] if dist[0] != "choice" else list(dist[1])
    if kind == "uniform" and len(args) == 2:
        return rng.uniform(args[0], args[1], size)
    if kind == "normal" and len(args) == 2:
        return rng.normal(args[0], args[1], size)
    if kind == "triangular" and len(args) == 3:
        return rng.triangular(args[0], args[1], args[2], size)
    if kind == "choice" and args:
        return np.asarray(args, dtype=object)[rng.integers(0, len(args), size)]
    raise SweepError(f"bad distribution {dist!r}")


def _exact(value: Any, resolution: Fraction) -> Fraction:
    from .exact import to_number

    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise SweepError(f"a distribution drew {value}")
        return Fraction(round(Fraction(value) / resolution)) * resolution
    return to_number(value)


def _fixed(value: Any) -> Any:
    from .exact import to_number

    try:
        return to_number(value)
    except InvalidNumberError as exc:
        raise SweepError(f"fixed parameter value {value!r}: {exc}") from None


# -- solving one point ----------------------------------------------------------------------------
def _number(text: Any) -> Any:
    from .exact import to_number

    return to_number(text) if isinstance(text, str) else text


def _outcome_of(eq: Mapping[str, Any]) -> tuple[str, str]:
    """``(outcome, profile)`` of one equilibrium from its ``to_dict()`` record.

    The outcome is the category used for regions and frequencies: the path of play of a
    subgame-perfect equilibrium, else what each player plays, mixtures by their support
    (``"mix of A, B"``), so that an irrational mixture is not a category of its own. The
    profile keeps the probabilities.
    """
    if eq.get("path"):
        steps = []
        for step in eq["path"]:
            p = step.get("probability", "1")
            steps.append(f"{step['outcome']}" + ("" if str(p) == "1" else f" ({p})"))
        text = " → ".join(steps)
        return text, text
    outcome, profile = [], []
    for player, mix in eq["profile"].items():
        if len(mix) == 1:
            outcome.append(f"{player}: {next(iter(mix))}")
            profile.append(outcome[-1])
        else:
            outcome.append(f"{player}: mix of " + ", ".join(mix))
            profile.append(f"{player}: " + ", ".join(f"{s} {p}" for s, p in mix.items()))
    return "; ".join(outcome), "; ".join(profile)


def _solve_point(spec: str, params: Mapping[str, Any], solve_kw: Mapping[str, Any]) -> list[dict]:
    """Rows for one parameter point (solved through the public API)."""
    import warnings

    from .errors import GameTheoryWarning
    from .io.spec import load
    from .solvers.dispatch import solve

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GameTheoryWarning)  # degeneracy etc.: the rows say what was found
        game = load(spec, params=dict(params))
        sol = solve(game, **solve_kw)
    doc = sol.to_dict()
    eqs = doc.get("equilibria", [])
    labels = [_outcome_of(e) for e in eqs]
    outcome_set = " | ".join(sorted({o for o, _ in labels})) if labels else "(none)"
    rows = []
    for k, (eq, (outcome, profile)) in enumerate(zip(eqs, labels)):
        row = {"equilibrium": k, "outcome": outcome, "outcome_set": outcome_set, "profile": profile,
               "n_equilibria": len(eqs), "complete": bool(doc.get("complete"))}
        for player, value in eq.get("payoffs", {}).items():
            row[f"payoff {player}"] = _number(value)
        rows.append(row)
    return rows


def _solve_chunk(spec: Any, chunk: list[tuple[int, dict]], solve_kw: Mapping[str, Any]) -> list[dict]:
    out = []
    for point, params in chunk:
        for row in _solve_point(spec, params, solve_kw):
            out.append({"point": point, **params, **row})
    return out


# -- running ----------------------------------------------------------------------------------------
def _client(scheduler: Any, total: int):
    """``(client, owned)``: the Dask client to use (``None`` = this process)."""
    if scheduler == "serial" or (scheduler is None and total <= SERIAL_MAX_POINTS):
        return None, False
    from dask.distributed import Client, LocalCluster

    if scheduler is None or scheduler == "local":
        import os

        cluster = LocalCluster(n_workers=max(1, os.cpu_count() or 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster), True
    if isinstance(scheduler, str):
        return Client(scheduler), True
    if hasattr(scheduler, "submit"):
        return scheduler, False
    raise SweepError(f"scheduler must be None, 'serial', 'local', an address such as 'tcp://host:8786' "
                     f"or a dask.distributed.Client; got {scheduler!r}")


def _chunks(points: Iterator[dict], size: int) -> Iterator[list[tuple[int, dict]]]:
    counter = itertools.count()
    while True:
        chunk = [(next(counter), p) for p in itertools.islice(points, size)]
        if not chunk:
            return
        yield chunk


def _run(spec: Any, points: Iterator[dict], total: int, *, scheduler: Any, out: Any, progress: bool | None,
         solve_kw: Mapping[str, Any], meta: dict) -> Any:
    from .progress import progress_bar

    client, owned = _client(scheduler, total)
    writer = _ParquetSink(out, meta) if out is not None else None
    frames: list = []
    bar = None if progress is False else progress_bar(total=total, desc="sweep", unit="points", force=progress is True)

    def take(rows: list[dict], n_points: int) -> None:
        if writer is not None:
            writer.write(rows)
        else:
            frames.extend(rows)
        if bar is not None:
            bar.update(n_points)

    try:
        if client is None:
            for chunk in _chunks(points, CHUNK):
                take(_solve_chunk(spec, chunk, solve_kw), len(chunk))
        else:
            from dask.distributed import as_completed

            workers = max(1, len(client.scheduler_info().get("workers", {})) or 1)
            limit = 4 * workers  # chunks in flight: memory stays bounded whatever the number of points
            size = max(1, min(CHUNK, total // limit))  # small runs: every worker gets work
            chunks = _chunks(points, size)
            spec_ref = spec
            pending = as_completed()
            sizes = {}
            for chunk in itertools.islice(chunks, limit):
                fut = client.submit(_solve_chunk, spec_ref, chunk, dict(solve_kw), pure=False)
                sizes[fut.key] = len(chunk)
                pending.add(fut)
            for fut in pending:
                take(fut.result(), sizes.pop(fut.key))
                fut.release()
                nxt = next(chunks, None)
                if nxt is not None:
                    new = client.submit(_solve_chunk, spec_ref, nxt, dict(solve_kw), pure=False)
                    sizes[new.key] = len(nxt)
                    pending.add(new)
    finally:
        if bar is not None:
            bar.close()
        if owned:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
        if writer is not None:
            writer.close()
    if writer is not None:
        return Path(out)
    return _frame(frames, meta)


def _frame(rows: list[dict], meta: dict):
    import pandas as pd

    table = pd.DataFrame(rows)
    if len(table):
        table = table.sort_values(["point", "equilibrium"], kind="stable").reset_index(drop=True)
    table.attrs.update(meta)
    return table


class _ParquetSink:
    """Rows appended to a Parquet file as they arrive (exact numbers stored as ``"p/q"`` text)."""

    def __init__(self, path: Any, meta: dict) -> None:
        self.path = Path(path)
        self.tmp = self.path.with_name(self.path.name + ".partial")
        self.meta = meta
        self.writer = None
        self.schema = None

    def write(self, rows: list[dict]) -> None:
        import json

        import pyarrow as pa
        import pyarrow.parquet as pq

        if not rows:
            return
        cols: dict[str, list] = {}
        for row in rows:
            for k in row:
                cols.setdefault(k, [])
        exact = sorted(k for k in cols if any(isinstance(r.get(k), Fraction) for r in rows))
        if self.schema is not None:
            exact = json.loads(self.schema.metadata[b"gametheory"])["exact_columns"]
        for k in cols:
            cols[k] = [_cell(r.get(k), k in exact) for r in rows]
        table = pa.table(cols)
        if self.writer is None:
            meta = {**{k: str(v) for k, v in self.meta.items()}, "exact_columns": exact}
            self.schema = table.schema.with_metadata({"gametheory": json.dumps(meta)})
            self.writer = pq.ParquetWriter(self.tmp, self.schema)
        self.writer.write_table(table.cast(self.schema))

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.tmp.replace(self.path)  # complete file or none


def _cell(value: Any, exact: bool = False) -> Any:
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(value.numerator)
    if isinstance(value, (np.integer,)):
        return int(value)
    if exact and isinstance(value, float):  # an irrational value's float approximation in an exact column
        return f"~{value!r}"
    return value


def _uncell(value: Any, to_number: Any) -> Any:
    if isinstance(value, str):
        return float(value[1:]) if value.startswith("~") else to_number(value)
    return value


def read_sweep(path: Any):
    """Read a sweep written with ``out=``: exact values (``"p/q"`` text) back to ``Fraction``, rows by point.

    Payoffs of irrational equilibria are float approximations (stored as ``"~x"``), as in the table
    :func:`sweep` returns.

    Examples
    --------
    >>> import tempfile, os
    >>> from gametheory.sweep import sweep, read_sweep
    >>> out = os.path.join(tempfile.mkdtemp(), "s.parquet")
    >>> _ = sweep("sanctions", grid={"relief": [1, 2]}, scheduler="serial", out=out, progress=False)
    >>> read_sweep(out)["relief"].tolist()[:1]
    [Fraction(1, 1)]
    """
    import json

    import pandas as pd
    import pyarrow.parquet as pq

    from .exact import to_number

    table = pq.read_table(path)
    meta = json.loads((table.schema.metadata or {}).get(b"gametheory", b"{}"))
    frame = table.to_pandas()
    for c in meta.pop("exact_columns", []):
        frame[c] = pd.Series([_uncell(v, to_number) for v in frame[c]], dtype=object, index=frame.index)
    frame = frame.sort_values(["point", "equilibrium"], kind="stable").reset_index(drop=True)
    frame.attrs.update(meta)
    return frame


# -- public entry points ------------------------------------------------------------------------------
def _spec_source(spec: Any) -> str:
    """The name or path workers load (a loaded spec is reloaded from its file)."""
    if isinstance(spec, (str, Path)):
        return str(spec)
    path = getattr(spec, "path", None)
    if path:
        return str(path)
    raise SweepError("sweep needs a bundled game name, a game file, or a spec loaded from a file")


def _check_names(spec: str, names: Sequence[str]) -> None:
    from .io.spec import load_spec

    loaded = load_spec(spec)
    declared = {p.name for p in getattr(loaded, "parameters", ())}
    unknown = [n for n in names if n not in declared]
    if unknown:
        raise SweepError(f"unknown parameter(s) {', '.join(unknown)}; the game declares {', '.join(sorted(declared))}")


def sweep(spec: Any, grid: Mapping[str, Any], *, fixed: Mapping[str, Any] | None = None, scheduler: Any = None,
          out: Any = None, progress: bool | None = None, timeout: float | None = None) -> Any:
    """Solve a game file at every point of a parameter grid.

    Parameters
    ----------
    spec : str, path or GameSpec
        A bundled name (``"negotiations"``), a game file, or a loaded spec.
    grid : mapping
        Parameter name to its values: a sequence, one value, or ``"LO:HI:N"``.
    fixed : mapping, optional
        Other parameters held at these values (others keep their defaults).
    scheduler : None, "serial", "local", address or Client
        Where to solve (see the module docstring).
    out : path, optional
        Write the rows to this Parquet file as they arrive (bounded memory) and
        return the path; read it back with :func:`read_sweep`.
    progress : bool, optional
        Progress bar: ``True`` always, ``False`` never, default after two seconds.
    timeout : float, optional
        Passed to :func:`~gametheory.solve` at each point.

    Returns
    -------
    pandas.DataFrame or Path
        One row per equilibrium per point: ``point``, the swept and fixed parameter
        values (exact), ``equilibrium``, ``outcome`` (the path of play, or each player's
        strategy with mixtures by their support), ``outcome_set`` (all outcomes of the
        point: the category of region figures), ``profile`` (with probabilities),
        ``n_equilibria``, ``complete`` and ``payoff <player>`` columns (exact; a float
        for an irrational equilibrium).

    Examples
    --------
    >>> table = sweep("sanctions", grid={"relief": "0:4:3"}, scheduler="serial", progress=False)
    >>> [str(v) for v in table["relief"].unique()], bool(table["complete"].all())
    (['0', '2', '4'], True)
    """
    spec = _spec_source(spec)
    names, points, total = _grid_points(grid)
    fixed = {k: _fixed(v) for k, v in (fixed or {}).items()}
    _check_names(spec, names + list(fixed))
    if fixed:
        points = ({**fixed, **p} for p in points)
    meta = {"kind": "sweep", "spec": str(spec), "points": total, "parameters": names}
    solve_kw = {"timeout": timeout} if timeout is not None else {}
    return _run(spec, points, total, scheduler=scheduler, out=out, progress=progress, solve_kw=solve_kw, meta=meta)


def monte_carlo(spec: Any, distributions: Mapping[str, Any], n: int, *, seed: int = 0,
                fixed: Mapping[str, Any] | None = None, resolution: Any = "1/1000000", scheduler: Any = None,
                out: Any = None, progress: bool | None = None, timeout: float | None = None) -> Any:
    """Solve a game file at ``n`` parameter points drawn from distributions.

    Parameters
    ----------
    spec : str, path or GameSpec
        As for :func:`sweep`.
    distributions : mapping
        Parameter name to ``("uniform", lo, hi)``, ``("normal", mean, sd)``,
        ``("triangular", lo, mode, hi)``, ``("choice", values)`` or a frozen
        ``scipy.stats`` distribution.
    n : int
        Number of draws.
    seed : int, default 0
        Seed of the generator: the same draws locally and on a cluster.
    resolution : number, default 1/1000000
        Draws are rounded to multiples of this and used as exact fractions.
    fixed, scheduler, out, progress, timeout
        As for :func:`sweep`.

    Returns
    -------
    pandas.DataFrame or Path
        As :func:`sweep`; ``point`` is the draw number.

    Examples
    --------
    >>> table = monte_carlo("sanctions", {"relief": ("uniform", 0, 4)}, n=5, scheduler="serial", progress=False)
    >>> table["point"].nunique()
    5
    """
    from .exact import to_number

    if not isinstance(n, (int, np.integer)) or n < 1:
        raise SweepError(f"n must be a positive integer, got {n!r}")
    spec = _spec_source(spec)
    names = list(distributions)
    fixed = {k: _fixed(v) for k, v in (fixed or {}).items()}
    _check_names(spec, names + list(fixed))
    res = to_number(resolution)
    rng = np.random.default_rng(seed)
    draws = {name: _draw(distributions[name], int(n), rng) for name in names}

    def points() -> Iterator[dict]:
        for k in range(int(n)):
            yield {**fixed, **{name: _exact(draws[name][k], res) for name in names}}

    meta = {"kind": "monte_carlo", "spec": str(spec), "points": int(n), "parameters": names, "seed": seed}
    solve_kw = {"timeout": timeout} if timeout is not None else {}
    return _run(spec, points(), int(n), scheduler=scheduler, out=out, progress=progress, solve_kw=solve_kw, meta=meta)


# -- figures ------------------------------------------------------------------------------------------
def _point_outcomes(table: Any, params: Sequence[str]):
    first = table.drop_duplicates("point")
    return first[list(params) + ["outcome_set"]]


def region_figure(table: Any, x: str, y: str | None = None, *, ax: Any = None):
    """Outcome regions of a sweep over one parameter (a strip) or two (a map), one colour per outcome set.

    Examples
    --------
    >>> table = sweep("sanctions", grid={"relief": "0:4:7"}, scheduler="serial", progress=False)
    >>> fig = region_figure(table, "relief")
    >>> len(fig.axes)
    1
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    pts = _point_outcomes(table, [x] + ([y] if y else []))
    labels = sorted(pts["outcome_set"].unique())
    code = {lab: k for k, lab in enumerate(labels)}
    cmap = ListedColormap(plt.get_cmap("tab20").colors[: max(len(labels), 1)])
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 1.8 if y is None else 5))
    else:
        fig = ax.figure
    xs = sorted(pts[x].unique())
    if y is None:
        vals = [code[pts[pts[x] == v]["outcome_set"].iloc[0]] for v in xs]
        ax.scatter([float(v) for v in xs], [0] * len(xs), c=vals, cmap=cmap, vmin=-0.5, vmax=len(labels) - 0.5,
                   marker="s", s=120)
        ax.set_yticks([])
    else:
        ys = sorted(pts[y].unique())
        grid = np.full((len(ys), len(xs)), np.nan)
        xi = {v: k for k, v in enumerate(xs)}
        yi = {v: k for k, v in enumerate(ys)}
        for _, row in pts.iterrows():
            grid[yi[row[y]], xi[row[x]]] = code[row["outcome_set"]]
        ax.pcolormesh([float(v) for v in xs], [float(v) for v in ys], grid, cmap=cmap, vmin=-0.5,
                      vmax=len(labels) - 0.5, shading="nearest")
        ax.set_ylabel(y)
    ax.set_xlabel(x)
    handles = [plt.Rectangle((0, 0), 1, 1, color=cmap(code[lab])) for lab in labels]
    ax.legend(handles, [_short(lab) for lab in labels], loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=7,
              frameon=False)
    fig.tight_layout()
    return fig


def frequency_figure(table: Any, *, ax: Any = None, top: int = 12):
    """Bar chart of how often each outcome set occurs across the points (Monte Carlo).

    Examples
    --------
    >>> table = monte_carlo("sanctions", {"relief": ("uniform", 0, 4)}, n=20, scheduler="serial", progress=False)
    >>> fig = frequency_figure(table)
    >>> len(fig.axes)
    1
    """
    import matplotlib.pyplot as plt

    pts = table.drop_duplicates("point")
    freq = pts["outcome_set"].value_counts(normalize=True).head(top)
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 0.5 + 0.4 * len(freq)))
    else:
        fig = ax.figure
    ax.barh([_short(s) for s in freq.index[::-1]], freq.values[::-1])
    ax.set_xlabel(f"share of {len(pts)} points")
    fig.tight_layout()
    return fig


def _short(label: str, width: int = 70) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
