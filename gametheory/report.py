"""Paper bundles: ``gametheory report GAME --out DIR``.

:func:`write_report` solves a game (a bundled name, a ``.toml`` game file or
composition, a Gambit ``.nfg`` file or a perfect-information ``.efg`` tree) and
writes everything a paper needs into one directory::

    DIR/
      paper.tex          a short paper: sections, captions, labels, the assumption register, bibliography
      REPORT.md          the same content in Markdown
      result.json        the provenance record (gametheory.load_result re-verifies it)
      references.bib     BibTeX for the package, the game file and the works it cites
      tables/*.tex       payoff matrix (booktabs; sgame), equilibria, SPE, game tree (istgame), thresholds
      figures/*.pdf      payoff heat table, best responses, game tree, threshold plots (also .svg/.png on request)

The directory is written whole or not at all: the bundle is built in a hidden
sibling directory and moved into place at the end, replacing an earlier bundle
(marked by ``.gametheory-report``) and nothing else unless ``force=True``. Every
text from a game file is escaped for LaTeX, BibTeX and Markdown.

Examples
--------
>>> import tempfile
>>> out = write_report("troop_mission", tempfile.mkdtemp() + "/bundle", thresholds=False)
>>> sorted(p.name for p in out.iterdir())
['.gametheory-report', 'REPORT.md', 'figures', 'paper.tex', 'references.bib', 'result.json', 'tables']
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from . import exact as _exact
from .display.mathtext import math_text
from .errors import GameTheoryError, NotSupportedError, OutputError, SpecError
from .io.markdown import md_code, md_prose, md_table, md_text

__all__ = ["write_report", "is_bundle", "BUNDLE_MARKER", "ReportContent"]

#: File that marks a directory as a report bundle (which a later report may replace).
BUNDLE_MARKER = ".gametheory-report"


@dataclass(frozen=True)
class _Parameter:
    name: str
    value: Any
    low: Any
    high: Any
    meaning: str
    key: bool


@dataclass(frozen=True)
class ReportContent:
    """What a bundle says, shared by ``paper.tex`` and ``REPORT.md`` (texts are plain, unescaped)."""

    title: str
    version: str
    summary: str
    description: str
    source: str | None
    sequential: bool
    game: Any = field(repr=False)
    solution: Any = field(repr=False)
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] | None = None
    parameters: tuple[_Parameter, ...] = ()
    assumptions: tuple[Any, ...] = ()
    sources_cited: tuple[str, ...] = ()
    solution_sentence: str = ""
    narrations: tuple[str, ...] = ()
    continua: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    figures: tuple[tuple[str, str], ...] = ()
    thresholds: tuple[tuple[str, Any], ...] = field(default=(), repr=False)
    thresholds_missing: str | None = None
    provenance_sentence: str = ""
    command: str = ""
    urls: bool = False


def is_bundle(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a directory written by :func:`write_report` (so a new report may replace it).

    Examples
    --------
    >>> import tempfile
    >>> is_bundle(tempfile.mkdtemp())
    False
    """
    p = Path(path)
    if (p / BUNDLE_MARKER).is_file():
        return True
    # bundles written before the marker existed
    return all((p / n).is_file() for n in ("REPORT.md", "result.json", "paper.tex", "references.bib"))


# -- the model ----------------------------------------------------------------------------------------
def _open(game: Any, params: Mapping[str, Any] | None) -> tuple[Any, Any, Path]:
    """``(spec or None, model, path)`` for a bundled name or a ``.toml``/``.nfg``/``.efg`` file."""
    from .io.spec import _resolve, load, load_spec

    path = _resolve(game)
    suffix = path.suffix.lower()
    if suffix not in (".nfg", ".efg"):
        return load_spec(path), load(path, params), path
    if params:
        raise SpecError(f"a Gambit file has no parameters; --param {', '.join(params)} does not apply", file=str(path))
    model = load(path)  # an .efg file is read into the one tree model, information sets included
    return None, model, path


def _solve(model: Any) -> Any:
    if hasattr(model, "payoffs"):
        from .solvers import solve

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            sol = solve(model)
        for w in caught:  # described in the bundle (continua, notes) as well as passed on
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        return sol
    from .solvers import solve  # subgame-perfect; sequential where the hidden information is nature's

    return solve(model)


def _thresholds(spec: Any, values: Mapping[str, Any], params: Mapping[str, Any] | None) -> list[tuple[str, Any]]:
    """``(parameter, Thresholds or SequentialThresholds)`` for each key parameter; others held at their values."""
    from .symbolic import sequential_thresholds, symbolic_game, thresholds, tree_from_composition

    sequential = spec.composition is not None
    if sequential:
        from .errors import NotSupportedError
        from .sequential.regions import outcome_thresholds

        try:  # exact for any number of players; every region solved directly at a witness point
            return [(p, outcome_thresholds(spec.path or spec, p,
                                           others={k: v for k, v in values.items() if k != p} if params else None))
                    for p in spec.key_parameters]
        except NotSupportedError:  # stages: the symbolic reading of the composition
            pass
    target = tree_from_composition(spec) if sequential else symbolic_game(spec)
    out = []
    for p in spec.key_parameters:
        others = {k: v for k, v in values.items() if k != p} if params else None
        out.append((p, sequential_thresholds(target, p, others=others) if sequential
                    else thresholds(target, p, others=others)))
    return out


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _summary(model: Any, sol: Any, sequential: bool) -> tuple[str, str]:
    """``(headline, sentence about the method)``: counts and labels that are verified facts."""
    arith = "exact" if sol.exact else "floating-point"
    if sequential:
        outcomes = {(eq.stories(), eq.payoffs) for eq in sol.equilibria}
        status = "all of them" if sol.complete else "not necessarily all of them (see the notes)"
        head = (f"{_plural(len(sol), 'subgame-perfect equilibrium', 'subgame-perfect equilibria')} "
                f"({status}), with {_plural(len(outcomes), 'distinct equilibrium outcome', 'distinct equilibrium outcomes')}.")
        if getattr(model, "subgame_at_every_position", True):
            how, check = "Backward induction finds", "each re-checked by the one-shot deviation test"
        else:  # information sets: proper subgames are solved inside out, and so is the check
            how = "Solving the proper subgames inside out finds"
            check = "each re-checked exactly for a profitable deviation in every proper subgame"
        method = (f"{how} {_plural(len(sol), 'subgame-perfect equilibrium', 'subgame-perfect equilibria')} "
                  f"({status}; {arith} arithmetic), {check}.")
        return head, method
    n = len(sol.equilibria)
    pure = sum(1 for eq in sol.equilibria if eq.pure)
    status = "all equilibria" if sol.complete else "not necessarily all equilibria"
    continua = [c for c in sol.components if not c.isolated]
    head = (f"{_plural(n, 'Nash equilibrium', 'Nash equilibria')} ({status}; {pure} pure, {n - pure} mixed)"
            + (f" and {_plural(len(continua), 'continuum', 'continua')} of equilibria" if continua else "") + ".")
    method = (f"Method {sol.method} ({arith} arithmetic) finds {_plural(n, 'equilibrium', 'equilibria')}, "
              f"{status}; each is verified before it is reported (its maximum regret is "
              f"{'exactly 0' if sol.exact else 'within the stated tolerance'}).")
    return head, method


def _content(spec: Any, model: Any, path: Path, sol: Any, values: Mapping[str, Any], th: list,
             th_missing: str | None, figures: list[tuple[str, str]], bib_keys: list[str]) -> ReportContent:
    sequential = not hasattr(model, "payoffs")
    head, method = _summary(model, sol, sequential)
    title = (spec.title if spec is not None else None) or getattr(model, "title", None) or path.stem
    description = ""
    if spec is not None and spec.metadata.description:
        description = spec.metadata.description
    elif spec is None:
        description = f"Read from the Gambit file `{path.name}`; Gambit files carry no parameters or assumptions."
    params: tuple[_Parameter, ...] = ()
    if spec is not None and spec.parameters:
        key = set(spec.key_parameters)
        params = tuple(_Parameter(p.name, values[p.name], p.low, p.high, p.meaning or "", p.name in key)
                       for p in spec.parameters)
    narrations: tuple[str, ...] = ()
    continua: tuple[str, ...] = ()
    if not sequential:
        if spec is not None:
            narrations = tuple(spec.narrate(eq) for eq in sol.equilibria)
        continua = tuple(c.description for c in sol.components if not c.isolated and c.description)
    summary = f"{title}: {head}"
    if th:
        moves = []
        for p, x in th:
            points = [math_text(v) for v in (x.values if hasattr(x, "values") and not hasattr(x, "tree")
                                             else [pc.low for pc in x.pieces if pc.point])]
            if points:
                moves.append(f"{p} at {', '.join(points)}")
        if moves:
            summary += " The equilibrium set changes with " + "; ".join(moves) + "."
    name = path.stem
    from . import library

    bundled = name in library.names() and library.path(name).resolve() == path.resolve()
    command = f"gametheory report {name if bundled else path} --out DIR"
    provenance = (f"Solved with gametheory {sol.version} (method {sol.method}). The file result.json records the "
                  "package version, the method, the parameter values and the SHA-256 of the game; "
                  "gametheory.load_result('result.json') rebuilds the game and re-verifies every equilibrium exactly. "
                  f"The bundle is rebuilt by: {command}.")
    own = {f"game:{name}", "gametheory"}
    return ReportContent(
        title=title, version=sol.version, summary=summary, description=description,
        source=str(path), sequential=sequential, game=model, solution=sol,
        players=tuple(model.players), strategies=tuple(model.strategies) if not sequential else None,
        parameters=params, assumptions=tuple(spec.assumptions) if spec is not None else (),
        sources_cited=tuple(k for k in bib_keys if k not in own), solution_sentence=method,
        narrations=narrations, continua=continua, notes=tuple(sol.notes), figures=tuple(figures),
        thresholds=tuple(th), thresholds_missing=th_missing, provenance_sentence=provenance, command=command,
    )


# -- the bundle ---------------------------------------------------------------------------------------
def write_report(
    game: str | os.PathLike[str],
    out: str | os.PathLike[str],
    params: Mapping[str, Any] | None = None,
    *,
    thresholds: bool = True,
    formats: tuple[str, ...] = ("pdf",),
    force: bool = False,
) -> Path:
    """Write the paper bundle of a game into directory ``out``, whole or not at all.

    Parameters
    ----------
    game : str or path
        A bundled game's name, a ``.toml`` game file (normal form or composition),
        a Gambit ``.nfg`` file or a perfect-information ``.efg`` file.
    out : path
        Target directory: created, or replaced if it holds an earlier bundle.
    params : mapping, optional
        Parameter values overriding the file's defaults.
    thresholds : bool
        Compute the exact thresholds of the file's key parameters (symbolic; the
        slowest part for large games).
    formats : tuple of str
        Figure formats (``"pdf"``, ``"svg"``, ``"png"``); PDF is always written, as
        the paper includes it.
    force : bool
        Replace ``out`` even when it is a non-empty directory that is not a bundle.

    Returns
    -------
    pathlib.Path
        The bundle directory.

    Raises
    ------
    OutputError
        ``out`` is a file, or a non-empty directory that is not a bundle (without
        ``force``), or cannot be written.
    SpecError
        The game file is malformed, or a Gambit tree has imperfect information.

    Examples
    --------
    >>> import tempfile
    >>> from gametheory import load_result, solve, load
    >>> d = write_report("sanctions", tempfile.mkdtemp() + "/out", thresholds=False)
    >>> load_result(d / "result.json").equilibria == solve(load("sanctions")).equilibria
    True
    """
    out = Path(out)
    _check_target(out, force)
    spec, model, path = _open(game, params)
    values = spec.parameter_values(params) if spec is not None else {}
    sol = _solve(model)
    th: list = []
    th_missing = None
    if spec is not None and spec.key_parameters:
        if thresholds:
            try:
                th = _thresholds(spec, values, params)
            except GameTheoryError as err:  # e.g. a game the symbolic module does not support: say so, go on
                th_missing = f"Thresholds are not available for this game: {err}"
        else:
            th_missing = (f"Thresholds were not computed for this bundle (--no-thresholds); "
                          f"`gametheory solve {path.stem} --symbolic` gives them.")
    formats = tuple(dict.fromkeys(("pdf",) + tuple(formats)))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    except OSError as err:
        raise OutputError(f"{out}: cannot create the bundle directory: {err.strerror or err}") from None
    try:
        _write(tmp, spec, model, path, sol, values, th, th_missing, formats)
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def _check_target(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a directory")
    if not out.is_dir() or is_bundle(out) or not any(out.iterdir()):
        return
    if not force:
        raise OutputError(f"{out}: the directory is not empty and holds no earlier report; choose another "
                          "directory, or pass --force (force=True) to replace it and everything in it")
    here = Path.cwd().resolve()
    target = out.resolve()
    if target == Path(target.anchor) or target == Path.home().resolve() or target in (here, *here.parents):
        raise OutputError(f"{out}: refusing to replace the root, home or current directory (or one containing it)")


def _swap(tmp: Path, out: Path) -> None:
    """Move the finished bundle into place; an earlier one is moved aside first and removed after."""
    old = None
    try:
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
            old.rmdir()
            os.rename(out, old)
        os.rename(tmp, out)
    except OSError as err:
        if old is not None and not out.exists():
            os.rename(old, out)  # put the earlier bundle back
        raise OutputError(f"{out}: cannot move the bundle into place: {err.strerror or err}") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _write(d: Path, spec: Any, model: Any, path: Path, sol: Any, values: Mapping[str, Any], th: list,
           th_missing: str | None, formats: tuple[str, ...]) -> None:
    from .citation import cite_game
    from .io.paper import paper_tex

    (d / "tables").mkdir()
    (d / "figures").mkdir()
    sol.to_json(d / "result.json", source=path, parameters=values)
    tables = _tables(d, model, sol, th)
    figures = _figures(d, model, sol, th, formats)
    if spec is not None:
        bib = cite_game(spec)
    else:
        from .citation import cite

        bib = cite([{"key": f"game:{path.stem}", "title": getattr(model, "title", None) or path.name,
                     "note": f"Gambit file {path.name}"}])
    keys = [line.split("{", 1)[1].rstrip(",") for line in bib.splitlines() if line.startswith("@")]
    content = _content(spec, model, path, sol, values, th, th_missing, figures, keys)
    content = replace(content, urls=bool(re.search(r"^\s*url = ", bib, re.M)))
    (d / "references.bib").write_text(bib + "\n", encoding="utf-8")
    (d / "paper.tex").write_text(paper_tex(content), encoding="utf-8")
    (d / "REPORT.md").write_text(_markdown(content, tables), encoding="utf-8")
    marker = {"format": "gametheory-report/1", "version": sol.version, "game": str(path)}
    (d / BUNDLE_MARKER).write_text(json.dumps(marker) + "\n", encoding="utf-8")


def _tables(out: Path, model: Any, sol: Any, th: list) -> dict[str, str]:
    from .io import latex as L

    t: dict[str, str] = {}
    if hasattr(model, "payoffs"):
        t["payoffs.tex"] = L.matrix_tabular(model)
        if model.num_players == 2:
            t["payoffs_sgame.tex"] = L.matrix_sgame(model)
        t["equilibria.tex"] = L.equilibria_table(sol)
    else:
        t["spe.tex"] = L.spe_table(sol)
        if sol.equilibria:
            t["tree.tex"] = L.tree_tikz(sol, 0)
    for p, x in th:
        t[f"thresholds_{p}.tex"] = L.thresholds_table(x)
    for name, text in t.items():
        (out / "tables" / name).write_text(text + "\n", encoding="utf-8")
    return t


def _figures(out: Path, model: Any, sol: Any, th: list, formats: tuple[str, ...]) -> list[tuple[str, str]]:
    """Draw and save every figure; ``(name, caption)`` each."""
    from .display import plots

    made = []

    def save(fig: Any, name: str, caption: str) -> None:
        plots.save_figure(fig, out / "figures" / name, formats)
        made.append((name, caption))

    if hasattr(model, "payoffs"):
        if model.num_players >= 2:
            save(plots.payoff_heatmap(model, solution=sol), "payoffs",
                 "Payoffs, one panel per player; outlined cells are the pure Nash equilibria.")
        if model.num_players == 2 and 2 in model.shape:
            save(plots.best_response_diagram(model, solution=sol), "best_responses",
                 "Best responses; the marked points are the Nash equilibria.")
        for p, x in th:
            save(plots.threshold_figure(x), f"thresholds_{p}",
                 f"Equilibrium probabilities as {p} moves, one panel per strategy; dashed verticals are the "
                 "exact thresholds.")
    elif sol.equilibria:
        save(plots.game_tree_figure(sol, 0), "tree",
             "The game tree; the thick path is the play of the first subgame-perfect equilibrium. Leaves show "
             "total payoffs.")
    return made


# -- REPORT.md ----------------------------------------------------------------------------------------
def _fmt(v: Any) -> str:
    return _exact.format_number(v)


def _markdown(c: ReportContent, tables: Mapping[str, str]) -> str:
    lines = [f"# {md_text(c.title)}", "", md_text(c.summary), ""]
    if c.description:
        lines += [md_prose(p) + "\n" for p in c.description.strip().split("\n\n")]
    lines += [f"Source: {md_code(c.source)}", "", "## Players", ""]
    if c.strategies is not None:
        lines += md_table(["player", "strategies"],
                          [[md_text(p), ", ".join(md_text(s) for s in ss)] for p, ss in zip(c.players, c.strategies)])
    else:
        lines.append(", ".join(md_text(p) for p in c.players)
                     + f" (a sequential game of {c.game.num_positions} positions)")
    if c.parameters:
        lines += ["", "## Parameters", ""]
        lines += md_table(["name", "value", "range", "meaning"],
                          [[md_code(p.name) + (" (key)" if p.key else ""), _fmt(p.value),
                            f"[{_fmt(p.low)}, {_fmt(p.high)}]", md_text(p.meaning)] for p in c.parameters])
    if c.assumptions:
        lines += ["", "## Assumptions", ""]
        for a in c.assumptions:
            lines.append(f"- **{md_text(a.id)}** ({md_text(a.player)}, {md_text(a.basis)}): {md_text(a.statement)}")
            if a.quote:
                lines.append(f"  > \u201c{md_text(a.quote)}\u201d")
    lines += ["", "## Equilibria", "", md_text(c.solution_sentence), ""]
    sol, g = c.solution, c.game
    if not c.sequential:
        rows = []
        for k, eq in enumerate(sol.equilibria, 1):
            strat = ["; ".join(md_text(s) if p == 1 else f"{md_text(s)} {_fmt(p)}" for s, p in eq.strategy(i).items())
                     for i in range(g.num_players)]
            rows.append([str(k)] + strat + [_fmt(v) for v in eq.payoffs])
        lines += md_table(["#"] + [md_text(p) for p in g.players] + [f"u({md_text(p)})" for p in g.players], rows)
        if c.narrations:
            lines.append("")
            lines += [f"{k}. {md_text(t)}" for k, t in enumerate(c.narrations, 1)]
        for t in c.continua:
            lines.append(f"- continuum: {md_text(t)}")
    else:
        groups: dict[tuple, list[int]] = {}
        for k, eq in enumerate(sol.equilibria, 1):
            groups.setdefault((eq.stories(), eq.payoffs), []).append(k)
        rows = []
        for (stories, payoffs), members in groups.items():
            story = "; ".join((f"({_fmt(p)}) " if len(stories) > 1 else "") + md_text(s) for s, p in stories)
            rows.append([", ".join(map(str, members)), story] + [_fmt(v) for v in payoffs])
        lines += md_table(["SPE", "equilibrium path"] + [md_text(p) for p in g.players], rows)
    for note in c.notes:
        lines.append(f"- note: {md_text(note)}")
    if c.thresholds or c.thresholds_missing:
        lines += ["", "## Thresholds of the key parameters", ""]
        if c.thresholds_missing:
            lines += [md_prose(c.thresholds_missing), ""]
        for p, x in c.thresholds:
            lines += [f"### {md_text(p)}", ""] + _thresholds_md(x) + [""]
    lines += ["", "## Files", ""]
    lines += [f"- `tables/{n}`" for n in tables] + [f"- `figures/{n}.*`: {md_text(cap)}" for n, cap in c.figures]
    lines += ["- `paper.tex`: the paper (`pdflatex paper && bibtex paper && pdflatex paper && pdflatex paper`)",
              "- `references.bib`: BibTeX for the package, this game file and the works it cites",
              "- `result.json`: the provenance record", "", md_text(c.provenance_sentence)]
    return "\n".join(lines) + "\n"


def _thresholds_md(x: Any) -> list[str]:
    fixed = ", ".join(f"{k} = {math_text(v)}" for k, v in x.fixed.items())
    lines = [f"Others fixed at {md_text(fixed)}.", ""] if fixed else []
    if hasattr(x, "tree"):
        sym = x.tree.parameter(x.parameter).symbol
        rows = []
        for piece in x.pieces:
            pays = []
            for _, vals in piece.outcomes:
                text = "(" + ", ".join(math_text(v.xreplace({sym: piece.low}) if piece.point else v) for v in vals) + ")"
                if text not in pays:
                    pays.append(text)
            rows.append([md_text(piece.describe(x.parameter)), str(len(piece.outcomes)),
                         md_text(", ".join(pays)) if pays else
                         "not covered: a stage of three or more players has no pure equilibrium here (its mixed "
                         "equilibria are not scanned; solve at a point with gametheory solve)"])
        return lines + md_table(["range", "SPE paths", f"payoffs ({', '.join(md_text(p) for p in x.tree.players)})"],
                                rows)
    if not x.complete:
        lines += ["Not necessarily all equilibria: " + md_text("; ".join(x.notes)), ""]
    rows = []
    for text, piece in x.pieces():
        rows.append([md_text(text), str(len(piece.equilibria)),
                     "<br>".join(md_text(r.profile_text()) for r in piece.equilibria) or "none"])
    return lines + md_table(["range", "equilibria", "strategies"], rows)
