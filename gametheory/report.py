"""Paper bundles: ``gametheory report GAME --out DIR``.

:func:`write_report` solves a game file (normal form or a composition) and writes
everything a paper needs into one directory::

    DIR/
      REPORT.md          players, parameters, assumptions (with their quotes), equilibria, thresholds
      result.json        the provenance record (gametheory.load_result re-verifies it)
      references.bib     BibTeX for the package, the game file and the works it cites
      paper.tex          a document that inputs every table and figure (compiles with pdflatex)
      tables/*.tex       payoff matrix (booktabs; sgame), equilibria, game tree (istgame), thresholds
      figures/*.pdf      payoff heat table, best responses, game tree, threshold plots

Examples
--------
>>> import tempfile
>>> out = write_report("troop_mission", tempfile.mkdtemp(), thresholds=False)
>>> sorted(p.name for p in out.iterdir())
['REPORT.md', 'figures', 'paper.tex', 'references.bib', 'result.json', 'tables']
"""

from __future__ import annotations

import os
import textwrap
import warnings
from pathlib import Path
from typing import Any, Mapping

from .display.mathtext import math_latex, math_text
from . import exact as _exact

__all__ = ["write_report"]


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(_md_escape(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_md_escape(c) for c in r) + " |" for r in rows]
    return out


def _fmt(v: Any) -> str:
    return _exact.format_number(v)


def _thresholds(spec: Any, game: Any, values: Mapping[str, Any], params: Mapping[str, Any] | None) -> list[tuple[str, Any]]:
    """``(parameter, Thresholds or SequentialThresholds)`` for each key parameter; others held at their values."""
    from .symbolic import sequential_thresholds, symbolic_game, thresholds, tree_from_composition

    out = []
    sequential = spec.composition is not None
    target = tree_from_composition(spec) if sequential else symbolic_game(spec)
    for p in spec.key_parameters:
        others = {k: v for k, v in values.items() if k != p} if params else None
        if sequential:
            out.append((p, sequential_thresholds(target, p, others=others)))
        else:
            out.append((p, thresholds(target, p, others=others)))
    return out


def _sequential_summary(th: Any) -> list[str]:
    """Markdown lines: each range of the parameter, how many SPE paths, their first moves and payoffs."""
    import sympy

    fixed = ", ".join(f"{k} = {math_text(v)}" for k, v in th.fixed.items())
    lines = [f"Others fixed at {fixed}." if fixed else "", ""]
    x = th.tree.parameter(th.parameter).symbol
    rows = []
    for piece in th.pieces:
        firsts, pays = [], []
        for path, values in piece.outcomes:
            first = path.split(" -> ")[0]
            first = first.split(": ", 1)[1] if ": " in first else first  # drop the stage's name
            if first not in firsts:
                firsts.append(first)
            vals = [sympy.factor(v.xreplace({x: piece.low})) if piece.point else sympy.factor(v) for v in values]
            text = "(" + ", ".join(math_text(v) for v in vals) + ")"
            if text not in pays:
                pays.append(text)
        if not piece.outcomes:
            firsts = ["none found (a stage solver returned no equilibrium; see the notes above)"]
        rows.append([piece.describe(th.parameter), str(len(piece.outcomes)), "; ".join(firsts), ", ".join(pays)])
    return lines + _md_table(["range", "SPE paths", "first moves", f"payoffs ({', '.join(th.tree.players)})"], rows)


def write_report(
    game: str | os.PathLike[str],
    out: str | os.PathLike[str],
    params: Mapping[str, Any] | None = None,
    *,
    thresholds: bool = True,
    formats: tuple[str, ...] = ("pdf",),
) -> Path:
    """Write the paper bundle of a game file into directory ``out`` (created if needed).

    Parameters
    ----------
    game : str or path
        A bundled game's name or a ``.toml`` game file (normal form or composition).
    out : path
        Target directory.
    params : mapping, optional
        Parameter values overriding the file's defaults.
    thresholds : bool
        Compute the exact thresholds of the file's key parameters (symbolic; the
        slowest part for large games).
    formats : tuple of str
        Figure formats (``"pdf"``, ``"svg"``, ``"png"``).

    Returns
    -------
    pathlib.Path
        The bundle directory.

    Examples
    --------
    >>> import tempfile
    >>> from gametheory import load_result, solve, load
    >>> d = write_report("sanctions", tempfile.mkdtemp(), thresholds=False)
    >>> load_result(d / "result.json").equilibria == solve(load("sanctions")).equilibria
    True
    """
    from .io.spec import _resolve, load, load_spec

    path = _resolve(game)
    spec = load_spec(path)
    model = load(path, params)
    values = spec.parameter_values(params)
    out = Path(out)
    (out / "tables").mkdir(parents=True, exist_ok=True)
    (out / "figures").mkdir(parents=True, exist_ok=True)
    sequential = spec.composition is not None
    if sequential:
        from .sequential import subgame_perfect_equilibria

        sol = subgame_perfect_equilibria(model)
    else:
        from .solvers import solve

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            sol = solve(model)
        for w in caught:  # reported in REPORT.md as well as passed on
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    sol.to_json(out / "result.json", source=path, parameters=values)
    th: list = []
    th_error = None
    if thresholds and spec.key_parameters:
        from .errors import GameTheoryError

        try:
            th = _thresholds(spec, model, values, params)
        except GameTheoryError as err:  # e.g. a game the symbolic module does not support: say so, go on
            th_error = f"{type(err).__name__}: {err}"
    tables, figures = _tables(out, spec, model, sol, th), _figures(out, spec, model, sol, th, formats)
    from .citation import cite_game

    (out / "references.bib").write_text(cite_game(spec) + "\n", encoding="utf-8")
    (out / "paper.tex").write_text(_paper(spec, tables, figures), encoding="utf-8")
    (out / "REPORT.md").write_text(_markdown(spec, model, sol, values, th, tables, figures, th_error),
                                   encoding="utf-8")
    return out


def _tables(out: Path, spec: Any, model: Any, sol: Any, th: list) -> dict[str, str]:
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
        t[f"thresholds_{p}.tex"] = L.thresholds_latex(x, fit=True)
    for name, text in t.items():
        (out / "tables" / name).write_text(text + "\n", encoding="utf-8")
    return t


def _figures(out: Path, spec: Any, model: Any, sol: Any, th: list, formats: tuple[str, ...]) -> list[str]:
    from .display import plots

    made = []

    def save(fig: Any, name: str) -> None:
        plots.save_figure(fig, out / "figures" / name, formats)
        made.append(name)

    if hasattr(model, "payoffs"):
        save(plots.payoff_heatmap(model, solution=sol), "payoffs")
        if model.num_players == 2 and 2 in model.shape:
            save(plots.best_response_diagram(model, solution=sol), "best_responses")
        for p, x in th:
            save(plots.threshold_figure(x), f"thresholds_{p}")
    elif sol.equilibria:
        save(plots.game_tree_figure(sol, 0), "tree")
    return made


def _paper(spec: Any, tables: Mapping[str, str], figures: list[str]) -> str:  # noqa: C901
    """A document inputting every table (except sgame, whose package is rarely installed) and figure."""
    from .io.latex import latex_document, packages_for

    parts = [f"\\section*{{{_latex(spec.title)}}}"]
    kinds = ["tabular", "equilibria", "spe", "cases", "fit", "istgame"]
    for name, text in tables.items():
        if text.startswith("\\["):  # displayed maths fits itself (thresholds_latex(fit=True))
            parts.append(f"\\input{{tables/{name[:-4]}}}")
            continue
        if name == "payoffs_sgame.tex":
            parts.append("% \\input{tables/payoffs_sgame} % needs \\usepackage{sgame}")
            continue
        # scaled down to the line width when wider (trees, long equilibrium tables)
        parts.append("\\noindent\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}"
                     f"{{\\input{{tables/{name[:-4]}}}}}\n")
    for name in figures:
        parts.append(f"\\begin{{center}}\\includegraphics[width=\\linewidth]{{figures/{name}}}\\end{{center}}")
    return latex_document(*parts, packages=packages_for(*kinds) + ("graphicx",))


def _latex(text: str) -> str:
    from .display.latex import latex_text

    return latex_text(text)


def _markdown(spec: Any, model: Any, sol: Any, values: Mapping[str, Any], th: list,
              tables: Mapping[str, str], figures: list[str], th_error: str | None = None) -> str:
    m = spec.metadata
    lines = [f"# {m.title}", ""]
    if m.description:
        lines += [textwrap.dedent(m.description).strip(), ""]
    lines += [f"Source: `{spec.path}`" if spec.path else "Source: (text)", ""]
    lines += ["## Players", ""]
    if hasattr(model, "payoffs"):
        lines += _md_table(["player", "strategies"], [[p, ", ".join(s)] for p, s in zip(model.players, model.strategies)])
    else:
        lines.append(", ".join(model.players) + f" (a sequential game of {model.num_positions} positions)")
    if spec.parameters:
        lines += ["", "## Parameters", ""]
        key = set(spec.key_parameters)
        lines += _md_table(
            ["name", "value", "range", "meaning"],
            [[p.name + (" (key)" if p.name in key else ""), _fmt(values[p.name]), f"[{_fmt(p.low)}, {_fmt(p.high)}]",
              p.meaning] for p in spec.parameters],
        )
    if spec.assumptions:
        lines += ["", "## Assumptions", ""]
        for a in spec.assumptions:
            lines.append(f"- **{a.id}** ({a.player}, {a.basis}): {a.statement}")
            if a.quote:
                lines.append(f"  > \u201c{a.quote}\u201d")
    lines += ["", "## Equilibria", ""]
    if hasattr(model, "payoffs"):
        status = "all equilibria" if sol.complete else "not necessarily all equilibria"
        lines.append(f"Method `{sol.method}`, {'exact' if sol.exact else 'float'} arithmetic, {status}.")
        lines.append("")
        rows = []
        for k, eq in enumerate(sol.equilibria, 1):
            strat = ["; ".join(s if p == 1 else f"{s} {_fmt(p)}" for s, p in eq.strategy(i).items())
                     for i in range(model.num_players)]
            rows.append([str(k)] + strat + [_fmt(v) for v in eq.payoffs])
        lines += _md_table(["#"] + list(model.players) + [f"u({p})" for p in model.players], rows)
        if sol.equilibria:
            lines.append("")
            lines += [f"{k}. {spec.narrate(eq)}" for k, eq in enumerate(sol.equilibria, 1)]
        for c in sol.components:
            if not c.isolated and c.description:
                lines.append(f"- continuum: {c.description}")
    else:
        n = len(sol)
        lines.append(f"{n} subgame-perfect equilibri{'um' if n == 1 else 'a'} by backward induction "
                     f"({'complete' if sol.complete else 'NOT necessarily complete'}, "
                     f"{'exact' if sol.exact else 'float'}); each re-checked by the one-shot deviation test.")
        lines.append("")
        groups: dict[tuple, list[int]] = {}
        for k, eq in enumerate(sol.equilibria, 1):
            groups.setdefault((eq.stories(), eq.payoffs), []).append(k)
        rows = []
        for (stories, payoffs), members in groups.items():
            story = "; ".join((f"({_fmt(p)}) " if len(stories) > 1 else "") + s for s, p in stories)
            rows.append([", ".join(map(str, members)), story] + [_fmt(v) for v in payoffs])
        lines += _md_table(["SPE", "equilibrium path"] + list(model.players), rows)
    for note in sol.notes:
        lines.append(f"- note: {note}")
    if th:
        lines += ["", "## Thresholds of the key parameters", ""]
        for p, x in th:
            lines += [f"### {p}", ""] + (_sequential_summary(x) if hasattr(x, "tree") else ["```", str(x), "```"]) + [""]
        if any(hasattr(x, "tree") for _, x in th):
            lines.append("Every path in full: `gametheory solve "
                         f"{Path(spec.path).stem if spec.path else 'GAME'} --symbolic`.")
    elif th_error is not None:
        lines += ["", "## Thresholds of the key parameters", "", f"Not available: {th_error}"]
    elif spec.key_parameters:
        lines += ["", "## Thresholds of the key parameters", "",
                  "Not computed for this bundle (run without `--no-thresholds`, or "
                  f"`gametheory solve {Path(spec.path).stem if spec.path else 'GAME'} --symbolic`)."]
    lines += ["", "## Files", ""]
    lines += [f"- `tables/{n}`" for n in tables] + [f"- `figures/{n}.*`" for n in figures]
    lines += ["- `result.json`: provenance record; `gametheory.load_result('result.json')` rebuilds the game, "
              "checks its SHA-256 and re-verifies every equilibrium exactly",
              "- `references.bib`: BibTeX for the package, this game file and the works it cites",
              "- `paper.tex`: inputs every table and figure (`pdflatex paper.tex`)"]
    lines += ["", f"Solved with gametheory {sol.version}."]
    return "\n".join(lines) + "\n"
