"""The ``gametheory`` command: list, show, solve and export games; print the demo analysis.

Usage::

    gametheory list
    gametheory show GAME [--param NAME=VALUE ...]
    gametheory solve GAME [--method M | --solution nash|spe|sequential|qre] [--param NAME=VALUE ...]
                          [--format table|json|latex]
    gametheory export GAME --to nfg|efg|latex|json|toml [--param NAME=VALUE ...] [-o FILE]
    gametheory demo
    gametheory solve GAME --symbolic
    gametheory report GAME --out DIR [--param NAME=VALUE ...] [--no-thresholds] [--figures pdf,png] [--force]
    gametheory sweep GAME --param NAME=LO:HI:N ... [--samples N] [--scheduler ADDRESS] --out FILE.parquet

``GAME`` is the name of a bundled game (``gametheory list``) or a path to a
``.toml``, ``.nfg`` or ``.efg`` file. The exit code is 0 on success and 2 on bad
input, with a one-line error naming the file and the place; ``--debug`` shows
the traceback instead.

Examples
--------
>>> main(["solve", "resource_deal", "--format", "json"])  # doctest: +ELLIPSIS
{
  "title": "The resource deal: resources for support as a trust game",
...
0
>>> main(["solve", "resource_deal", "--param", "share=2"])  # error message on stderr
2
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import textwrap
import warnings
from typing import Any, Sequence

from .errors import DegenerateGameWarning, GameTheoryError, SpecError

__all__ = ["main", "DEMO_GAMES", "JSON_CONTRACT_KEYS"]

from .demo import SUB_GAMES as DEMO_GAMES  # noqa: E402  (the brief's four sub-games, in the demo's order)

#: Keys every ``solve --format json`` document has (later versions add keys, never remove these).
JSON_CONTRACT_KEYS = ("title", "players", "strategies", "method", "exact", "complete", "equilibria", "components")

class UsageError(GameTheoryError, ValueError):
    """A bad command line (unknown method, malformed --param, ...)."""


#: The solvers ``solve --method`` accepts: each takes a normal-form game alone and returns a
#: ``Solution`` of equilibria (analyses such as dominance or correlated equilibria have other
#: result types and are not equilibrium solvers). Value: what the method finds.
METHODS = {
    "enumerate_equilibria": "two players: every extreme equilibrium and the components (vertex enumeration)",
    "support_enumeration": "two players: equilibria by support enumeration (nondegenerate games)",
    "lemke_howson": "two players: one equilibrium (Lemke-Howson from the first label)",
    "lemke_howson_all": "two players: the equilibria Lemke-Howson reaches from every label",
    "pure_equilibria": "any number of players: every pure equilibrium",
    "polynomial_equilibria": "any number of players: every isolated equilibrium (exact polynomial solving)",
}
_ALIASES = {"pure": "pure_equilibria", "auto": None}


# -- loading -------------------------------------------------------------------------------------
def _parse_params(items: Sequence[str] | None) -> dict[str, str] | None:
    if not items:
        return None
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise UsageError(f"--param expects NAME=VALUE, got {item!r}")
        if name in out:
            raise UsageError(f"--param {name} given twice")
        out[name] = value
    return out


def _load(game: str, params: dict[str, str] | None) -> tuple[Any, Any]:
    """``(spec or None, game object)`` for a bundled name or a file path."""
    from pathlib import Path

    from .io.spec import _resolve, load, load_spec

    path = _resolve(game)
    if path.suffix.lower() in (".nfg", ".efg"):
        return None, load(path, params)
    spec = load_spec(path)
    return spec, load(path, params)


# -- tables -----------------------------------------------------------------------------------------
def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, indent: int = 0, last_width: int = 64) -> str:
    """An aligned plain-text table with a rule under the header; the last column wraps at ``last_width``.

    Examples
    --------
    >>> print(table(["name", "n"], [["a", "1"], ["bcd", "22"]]))
    name  n
    ----  --
    a     1
    bcd   22
    >>> print(table(["k", "meaning"], [["x", "a long text that wraps"]], last_width=10))
    k  meaning
    -  ---------
    x  a long
       text that
       wraps
    """
    cols = len(headers)
    wrapped: list[list[str]] = []
    for r in rows:
        parts = textwrap.wrap(str(r[-1]), width=last_width) or [""]
        wrapped.append(list(r[:-1]) + [parts[0]])
        wrapped += [[""] * (cols - 1) + [p] for p in parts[1:]]
    rows = wrapped
    widths = [max([len(headers[c])] + [len(r[c]) for r in rows]) for c in range(cols)]
    pad = " " * indent

    def line(cells: Sequence[str]) -> str:
        return (pad + "  ".join(str(x).ljust(w) for x, w in zip(cells, widths))).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def _wrap(text: str, indent: int = 2, width: int = 96) -> str:
    paras = [p for p in text.strip().split("\n\n")]
    return "\n\n".join(
        textwrap.fill(" ".join(p.split()), width=width, initial_indent=" " * indent, subsequent_indent=" " * indent)
        for p in paras
    )


def _strategy_cell(eq: Any, i: int) -> str:
    from .exact import format_number

    return ", ".join(s if p == 1 else f"{s} {format_number(p)}" for s, p in eq.strategy(i).items())


def _solution_table(sol: Any, spec: Any = None) -> str:
    from .exact import format_number

    g = sol.game
    status = "all equilibria" if sol.complete else "not necessarily all equilibria"
    lines = [g.title or "Untitled game",
             f"method {sol.method}, {'exact' if sol.exact else 'float'} arithmetic, {status}"]
    if sol.equilibria:
        headers = ["#"] + list(g.players) + [f"u({p})" for p in g.players]
        rows = [
            [str(k)] + [_strategy_cell(eq, i) for i in range(g.num_players)] + [format_number(v) for v in eq.payoffs]
            for k, eq in enumerate(sol.equilibria, 1)
        ]
        lines += ["", table(headers, rows)]
    else:
        lines += ["", "no equilibrium found by this method"]
    if spec is not None and sol.equilibria:
        lines.append("")
        for k, eq in enumerate(sol.equilibria, 1):
            lines.append(textwrap.fill(f"{k}. {spec.narrate(eq)}", width=96, subsequent_indent="   "))
    continua = [c for c in getattr(sol, "components", ()) if not c.isolated]
    if continua:
        lines.append("")
        lines.append("continua of equilibria (every point between the listed extreme equilibria is one):")
        for c in continua:
            lines.append(textwrap.fill(f"- {c.description}", width=96, subsequent_indent="  "))
    for note in sol.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)


# -- solving --------------------------------------------------------------------------------------
def _methods() -> dict[str, Any]:
    from . import solvers

    return {name: getattr(solvers, name) for name in METHODS}


def _is_model(obj: Any) -> bool:
    """A model of :mod:`gametheory.models` (from a file with a ``[model]`` table)."""
    return type(obj).__module__.startswith("gametheory.models.")


def _refuse_model_file(game: str, what: str) -> None:
    """A clear usage error for a model file ([model]) where a game is needed."""
    from .io.spec import _resolve, load_spec

    path = _resolve(game)
    if path.suffix.lower() == ".toml" and load_spec(path).model is not None:
        raise UsageError(f"{what} needs a game; {path} describes a model family ([model]): use "
                         "`gametheory solve FILE` (--format json, --symbolic) instead")


def _solve(game: Any, method: str | None, timeout: float | None = None, **options: Any) -> Any:
    from .solvers import solve

    if _is_model(game):
        from .models import solve_model

        return solve_model(game, method)
    name = _ALIASES.get(method, method) if method is not None else None
    if name is None:
        # the command prints degeneracy itself (components and notes), so the warning would repeat it
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            return solve(game, timeout=timeout, **options)
    if name not in METHODS:
        raise UsageError(f"unknown method {method!r}; available: auto, {', '.join(METHODS)}")
    from .game import Game

    if not isinstance(game, Game):
        raise UsageError(f"--method {name} solves games in normal form; this is a {type(game).__name__} "
                         "(solve it without --method)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        fn = _methods()[name]
        if timeout is not None and "timeout" in inspect.signature(fn).parameters:
            return fn(game, timeout=timeout)
        return fn(game)


def _solution_json(sol: Any, spec: Any, params: dict[str, Any] | None) -> dict[str, Any]:
    from .exact import json_number

    doc = sol.to_dict()
    if spec is not None:
        values = spec.parameter_values(params)
        doc["model"] = {
            "file": spec.path,
            "parameters": {k: json_number(v) for k, v in values.items()},
        }
        doc["narration"] = [spec.narrate(eq) for eq in sol.equilibria]
    return doc


# -- commands -------------------------------------------------------------------------------------
def _cmd_list(args: argparse.Namespace) -> int:
    from . import library

    rows = []
    for name in library.names():
        sp = library.spec(name)
        shape = " x ".join(str(len(s)) for s in sp.strategies) if sp.strategies else "sequential"
        rows.append([name, ", ".join(sp.players), shape, ", ".join(sp.parameter_names) or "-", sp.title])
    print(table(["name", "players", "strategies", "parameters", "title"], rows))
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from .exact import format_number

    params = _parse_params(args.param)
    spec, game = _load(args.game, params)
    if spec is None:
        print(game)
        return 0
    m = spec.metadata
    print(m.title)
    print("=" * len(m.title))
    if m.description:
        print(_wrap(m.description, indent=0))
    if m.authors or m.version or m.citation:
        print()
        if m.authors:
            print("authors: " + ", ".join(m.authors))
        if m.version:
            print("version: " + m.version)
        if m.citation:
            print("cite as: " + m.citation)
    if getattr(spec, "model", None) is not None:  # a model family: its arguments take the place of strategies
        print(f"\nModel: {spec.model['family']} (players: {', '.join(spec.players)})")
    else:
        print("\nPlayers and strategies")
        print(table(["player", "strategies"], [[p, ", ".join(s)] for p, s in zip(spec.players, spec.strategies)],
                    indent=2))
    if spec.parameters:
        values = spec.parameter_values(params)
        print("\nParameters" + (f" (key: {', '.join(spec.key_parameters)})" if spec.key_parameters else ""))
        print(table(
            ["name", "value", "default", "range", "meaning"],
            [[p.name, format_number(values[p.name]), format_number(p.default),
              f"[{format_number(p.low)}, {format_number(p.high)}]", p.meaning] for p in spec.parameters],
            indent=2,
        ))
    print("\nPayoffs")
    if hasattr(game, "payoffs"):
        print(textwrap.indent(str(game), "  "))
    else:
        print(textwrap.indent(str(game), "  "))
    if spec.assumptions:
        print("\nAssumption register")
        for a in spec.assumptions:
            print(textwrap.fill(f"{a.id} ({a.player}, {a.basis}): {a.statement}", width=96, initial_indent="  ",
                                subsequent_indent="      "))
            if a.quote:
                label = "brief" if a.basis == "brief" else "context"
                print(textwrap.fill(f"{label}: \u201c{a.quote}\u201d", width=96, initial_indent="      ",
                                    subsequent_indent="      "))
            if a.prefers is not None:
                over = "; ".join(" / ".join(o) for o in a.over)
                print(textwrap.fill(f"checks: {' / '.join(a.prefers)} preferred to {over}", width=96,
                                    initial_indent="      ", subsequent_indent="      "))
    if spec.sources:
        print("\nSources")
        for s in spec.sources:
            print(textwrap.fill(s.citation + (f" {s.url}" if s.url else ""), width=96, initial_indent="  - ",
                                subsequent_indent="    "))
    return 0


def _conditions(spec: Any, params: dict[str, str], name: str) -> str:
    """The parameters a tree's headline holds at, and where to see it change (key parameters)."""
    keys = tuple(getattr(spec, "key_parameters", ()) or ()) if spec is not None else ()
    if not keys:
        return ""
    given = ", ".join(f"{k} = {v}" for k, v in (params or {}).items())
    at = f"{given}, the others at their defaults" if given else "every parameter at its default"
    return textwrap.fill(f"Conditions: {at}. Where the outcome changes with {', '.join(keys)}: "
                         f"gametheory solve {name} --symbolic (exact thresholds, each region solved at a witness "
                         "point).", width=100, initial_indent="  ", subsequent_indent="    ")


def _cmd_solve(args: argparse.Namespace) -> int:
    params = _parse_params(args.param)
    if getattr(args, "symbolic", False):
        from .exact import to_number
        from .symbolic import symbolic_report

        others = {k: to_number(v) for k, v in params.items()} if params else None
        from .io.spec import _resolve, load_spec

        path = _resolve(args.game)
        if path.suffix.lower() == ".toml" and load_spec(path).model is not None:
            from .models.spec import model_report

            print(model_report(load_spec(path), others=params))
            return 0
        print(symbolic_report(args.game, others=others))
        return 0
    spec, game = _load(args.game, params)
    if args.timeout is not None and not args.timeout > 0:
        raise UsageError(f"--timeout expects a positive number of seconds, got {args.timeout}")
    if getattr(args, "solution", None):
        from .extensive.concepts import solve_concept

        if args.method is not None:
            raise UsageError("--solution chooses a solution concept for trees and --method a normal-form solver; give one")
        sol = solve_concept(game, args.solution)
    else:
        sol = _solve(game, args.method, args.timeout)
    from .solution import Solution

    if not isinstance(sol, Solution):
        # Other result types (e.g. subgame-perfect equilibria of a sequential game) print themselves;
        # every format is honoured or refused with a reason, never silently replaced by another.
        if args.format == "json":
            if not hasattr(sol, "to_dict"):
                raise UsageError(f"--format json is not available for a {type(sol).__name__}")
            print(json.dumps(sol.to_dict(), indent=2, ensure_ascii=False, default=str))
        elif args.format == "latex":
            print(_result_latex(sol))
        else:
            text = str(sol)
            conditions = _conditions(spec, params, args.game)
            if conditions:  # under which conditions the headline holds, before the detail
                head, sep, rest = text.partition("\n\nDetail: ")
                text = head + "\n" + conditions + (sep + rest if sep else "")
            print(text)
        return 0
    if args.format == "json":
        print(json.dumps(_solution_json(sol, spec, params), indent=2, ensure_ascii=False))
    elif args.format == "latex":
        from .display.latex import solution_latex

        print(solution_latex(sol))
    else:
        print(_solution_table(sol, spec))
    return 0


def _result_latex(sol: Any) -> str:
    """LaTeX of a result that is not a normal-form ``Solution`` (a table of subgame-perfect equilibria)."""
    if hasattr(sol, "_repr_latex_"):
        return sol._repr_latex_()
    from .io.latex import spe_table

    try:
        return spe_table(sol)
    except (TypeError, AttributeError):
        raise UsageError(f"--format latex is not available for a {type(sol).__name__}; use table or json") from None


def _game_json(game: Any, spec: Any, params: dict[str, Any] | None) -> dict[str, Any]:
    from .exact import json_number

    def nested(arr: Any) -> Any:
        if getattr(arr, "ndim", 0) == 0:
            return json_number(arr.item() if hasattr(arr, "item") and not hasattr(arr, "numerator") else arr)
        return [nested(a) for a in arr]

    doc: dict[str, Any] = {
        "title": game.title,
        "players": list(game.players),
        "strategies": {p: list(s) for p, s in zip(game.players, game.strategies)},
        "exact": game.exact,
        "payoffs": {p: nested(game.payoffs[i]) for i, p in enumerate(game.players)},
    }
    if spec is not None:
        doc["parameters"] = {k: json_number(v) for k, v in spec.parameter_values(params).items()}
    return doc


def _export_tree(game: Any, spec: Any, params: dict[str, Any] | None, fmt: str) -> str:
    """A game tree in the format asked for, or a usage error saying why it cannot be."""
    from .exact import json_number

    if fmt == "efg":
        from .io.gambit import write_efg

        return write_efg(game)
    if fmt == "nfg":  # the reduced normal form (refused with the reason when it is too large)
        from .extensive.normal_form import reduced_normal_form
        from .io.gambit import write_nfg

        return write_nfg(reduced_normal_form(game))
    if fmt == "json":
        from .provenance import canonical_sequential

        doc = {"title": game.title, "players": list(game.players), "kind": "extensive",
               "tree": canonical_sequential(game)}
        if spec is not None:
            doc["parameters"] = {k: json_number(v) for k, v in spec.parameter_values(params).items()}
        return json.dumps(doc, indent=2, ensure_ascii=False)
    if fmt == "latex":
        from .errors import InvalidGameError
        from .io.latex import tree_tikz

        try:
            return tree_tikz(game, None)
        except InvalidGameError as err:
            raise UsageError(f"{err}; `gametheory report GAME --out DIR` draws large trees pruned to the "
                             "equilibrium path") from None
    if spec is None:
        raise UsageError("a game tree read from a Gambit file has no TOML form; export it --to efg or json")
    if params:
        raise UsageError("--to toml writes the game file itself; parameters are set when it is loaded "
                         "(drop --param)")
    from .io.spec import dump

    return dump(spec)


def _cmd_export(args: argparse.Namespace) -> int:
    params = _parse_params(args.param)
    spec, game = _load(args.game, params)
    if _is_model(game):
        raise UsageError("a model file ([model]) has no payoff table to export; use "
                         "`gametheory solve FILE --format json` for its solution")
    fmt = args.to
    from .game import Game

    if not isinstance(game, Game):
        text = _export_tree(game, spec, params, fmt)
    elif fmt in ("nfg", "efg"):
        from .io import gambit

        text = gambit.write_nfg(game) if fmt == "nfg" else gambit.write_efg(game)
    elif fmt == "json":
        text = json.dumps(_game_json(game, spec, params), indent=2, ensure_ascii=False)
    elif fmt == "latex":
        from .display.latex import game_latex

        text = game_latex(game)
    else:  # toml
        from .io.spec import dump

        text = dump(spec if spec is not None and not params else game)
    text = text if text.endswith("\n") else text + "\n"
    if args.output:
        from .io.files import write_text_atomic

        write_text_atomic(args.output, text, force=args.force)
    else:
        sys.stdout.write(text)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    params = _parse_params(args.param)
    formats = tuple(f.strip() for f in args.figures.split(",") if f.strip())
    bad = [f for f in formats if f not in ("pdf", "svg", "png")]
    if bad or not formats:
        raise UsageError(f"--figures takes pdf, svg and/or png (comma-separated), got {args.figures!r}")
    _refuse_model_file(args.game, "a paper bundle")
    out = write_report(args.game, args.out, params, thresholds=not args.no_thresholds, formats=formats,
                       force=args.force)
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    print(f"wrote {len(files)} files to {out}:")
    for f in files:
        print(f"  {f}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from .demo import demo_text

    print(demo_text())
    return 0


# -- entry point ------------------------------------------------------------------------------------
def _cmd_sweep(args: argparse.Namespace) -> int:
    from .sweep import monte_carlo, parse_range, read_sweep, sweep

    swept: dict[str, Any] = {}
    fixed: dict[str, str] = {}
    for name, value in (_parse_params(args.param) or {}).items():
        if ":" in value:
            swept[name] = parse_range(value)
        else:
            fixed[name] = value
    if not swept:
        raise UsageError("sweep needs at least one --param NAME=LO:HI:N (or NAME=LO:HI with --samples)")
    if args.samples is not None:
        if args.samples < 1:
            raise UsageError(f"--samples expects a positive number, got {args.samples}")
        dists = {name: ("uniform", float(lo), float(hi)) for name, (lo, hi, _) in swept.items()}
        path = monte_carlo(args.game, dists, args.samples, seed=args.seed, fixed=fixed, scheduler=args.scheduler,
                           out=args.out, timeout=args.timeout)
    else:
        missing = [name for name, (_, _, num) in swept.items() if num is None]
        if missing:
            raise UsageError(f"--param {missing[0]}: a grid needs LO:HI:N (or give --samples for random draws)")
        from .sweep import linspace

        grid = {name: linspace(lo, hi, num) for name, (lo, hi, num) in swept.items()}
        path = sweep(args.game, grid, fixed=fixed, scheduler=args.scheduler, out=args.out, timeout=args.timeout)
    table = read_sweep(path)
    points = table.drop_duplicates("point")
    print(f"{len(points)} points, {len(table)} equilibria -> {path}")
    for outcome, share in points["outcome_set"].value_counts(normalize=True).head(8).items():
        print(f"  {100 * share:5.1f}%  {outcome}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gametheory", description="Exact game-theoretic analysis of the games in the brief and your own files."
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("list", help="list the bundled games")
    p.set_defaults(func=_cmd_list)

    def add_game(p: argparse.ArgumentParser) -> None:
        p.add_argument("game", metavar="GAME", help="bundled game name or path to .toml, .nfg or .efg")
        p.add_argument("--param", action="append", metavar="NAME=VALUE",
                       help="override a parameter (repeatable), e.g. --param cost=3 or --param p=1/3")

    p = sub.add_parser("show", help="players, strategies, parameters, payoffs and assumptions of a game")
    add_game(p)
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("solve", help="equilibria of a game")
    add_game(p)
    p.add_argument("--method", default=None, metavar="METHOD",
                   help="solver for games in normal form (default: auto, the best for the game): "
                        + "; ".join(f"{k}: {v}" for k, v in METHODS.items()))
    p.add_argument("--solution", choices=("nash", "spe", "sequential", "qre"), default=None,
                   help="solution concept for game trees: Nash, subgame-perfect, sequential/perfect Bayesian, "
                        "logit QRE limit (default: subgame-perfect for trees, Nash for normal-form games)")
    p.add_argument("--format", choices=("table", "json", "latex"), default="table")
    p.add_argument("--symbolic", action="store_true",
                   help="equilibrium regions and exact thresholds of the key parameters (sympy)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="stop the all-equilibria enumeration after SECONDS and print what was found "
                        "(marked not complete)")
    p.set_defaults(func=_cmd_solve)

    p = sub.add_parser("report", help="paper bundle: tables/*.tex, figures, result.json, REPORT.md")
    add_game(p)
    p.add_argument("--out", required=True, metavar="DIR",
                   help="directory to write (created, or replaced if it holds an earlier report)")
    p.add_argument("--force", action="store_true",
                   help="replace DIR even if it is a non-empty directory that is not a report")
    p.add_argument("--no-thresholds", action="store_true", help="skip the symbolic thresholds (faster)")
    p.add_argument("--figures", default="pdf", metavar="FORMATS", help="figure formats, e.g. pdf,png (default pdf)")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("export", help="write a game as Gambit .nfg/.efg, LaTeX, JSON or TOML")
    add_game(p)
    p.add_argument("--to", required=True, choices=("nfg", "efg", "latex", "json", "toml"))
    p.add_argument("-o", "--output", help="file to write (default: standard output); written whole or not at all")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("demo", help="analysis of the brief's four sub-games")
    p.set_defaults(func=_cmd_demo)

    p = sub.add_parser("sweep", help="solve a game over a parameter grid or random draws (Parquet out; Dask)")
    p.add_argument("game", metavar="GAME", help="bundled game name or path to a .toml file")
    p.add_argument("--param", action="append", required=True, metavar="NAME=LO:HI:N",
                   help="a swept parameter (LO:HI:N grid; LO:HI with --samples) or NAME=VALUE held fixed; repeatable")
    p.add_argument("--samples", type=int, default=None, metavar="N",
                   help="Monte Carlo: N draws, each LO:HI parameter uniform on [LO, HI]")
    p.add_argument("--seed", type=int, default=0, help="random seed for --samples (default 0)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="Dask scheduler address (tcp://host:8786), 'local' or 'serial' (default: by size)")
    p.add_argument("--out", required=True, metavar="FILE.parquet", help="Parquet file to write")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help="time limit per point")
    p.set_defaults(func=_cmd_sweep)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 success, 2 bad input, 1 internal error).

    Examples
    --------
    >>> main(["list"])  # doctest: +ELLIPSIS
    name             players...
    0
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse reports usage errors itself, with exit code 2
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except GameTheoryError as err:
        if args.debug:
            raise
        print(f"gametheory: error: {' '.join(str(err).split())}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. `gametheory show x | head`
        return 0
    except OSError as err:  # an output path that cannot be written: the user's to fix, not a bug
        if args.debug:
            raise
        where = f"{err.filename}: " if getattr(err, "filename", None) else ""
        print(f"gametheory: error: {where}{err.strerror or err}", file=sys.stderr)
        return 2
    except Exception as err:  # a bug: say so in one line unless debugging
        if args.debug:
            raise
        print(f"gametheory: internal error: {type(err).__name__}: {err} (run with --debug for the traceback)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
