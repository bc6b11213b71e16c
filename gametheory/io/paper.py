r"""The ``paper.tex`` of a report bundle: a short paper that compiles with pdflatex and BibTeX.

:func:`paper_tex` turns the content of a bundle (see :func:`gametheory.report.write_report`)
into an ``article``: title and abstract, sections on the game, its assumption
register (a table quoting the brief), the equilibria (tables and figures with
captions and cross-referenced labels, one sentence per equilibrium), the
thresholds of the key parameters and how to reproduce the results, then the
bibliography from ``references.bib``. It loads only the packages it uses. Every
text from a game file goes through :func:`~gametheory.io.latex.tex_text`.

Examples
--------
>>> import tempfile
>>> from gametheory.report import write_report
>>> d = write_report("resource_deal", tempfile.mkdtemp() + "/paper", thresholds=False)
>>> text = (d / "paper.tex").read_text()
>>> "\\section{Equilibria}\\label{sec:equilibria}" in text and "\\bibliography{references}" in text
True
>>> "istgame" in text   # no tree, no istgame
False
"""

from __future__ import annotations

import re
from typing import Any

from .latex import _long, matrix_tabular, spe_table, tex_text, thresholds_table
from ..display.mathtext import math_latex

__all__ = ["paper_tex", "tex_prose"]


def tex_prose(text: str) -> list[str]:
    r"""Paragraphs of prose as LaTeX: special characters escaped, ```code``` spans as ``\texttt``.

    Examples
    --------
    >>> tex_prose("Cost `war_cost` & 50%.\n\nNext.")
    ['Cost \\texttt{war\\_cost} \\& 50\\%.', 'Next.']
    """
    out = []
    for para in re.split(r"\n\s*\n", str(text).strip()):
        parts = re.split(r"(`[^`]+`)", " ".join(para.split()))
        out.append("".join(r"\texttt{" + tex_text(p[1:-1]) + "}" if p.startswith("`") and p.endswith("`") and len(p) > 1
                           else tex_text(p) for p in parts))
    return [p for p in out if p]


def _fit(body: str) -> str:
    """Scaled down to the line width when wider, never up."""
    return r"\resizebox{\ifdim\width>\linewidth\linewidth\else\width\fi}{!}{" + body + "}"


def _table(body: str, caption: str, label: str) -> str:
    return "\n".join([r"\begin{table}[htbp]", r"\centering", _fit(body), rf"\caption{{{caption}}}\label{{{label}}}",
                      r"\end{table}"])


def _figure(name: str, caption: str, *, rotate: bool = False) -> str:
    if rotate:  # a wide tree: a page of its own, turned to use the page's height
        opts = r"angle=90,width=\textwidth,height=0.82\textheight,keepaspectratio"
        place = "p"
    else:
        opts = r"width=\linewidth,height=0.6\textheight,keepaspectratio"
        place = "htbp"
    return "\n".join([rf"\begin{{figure}}[{place}]", r"\centering", rf"\includegraphics[{opts}]{{figures/{name}}}",
                      rf"\caption{{{caption}}}\label{{fig:{name.replace('_', '-')}}}", r"\end{figure}"])


def _payoff_slices(game: Any) -> str:
    """The payoff tabular(s); for three or more players one per profile of the others, each titled."""
    chunks = matrix_tabular(game).split("\n\n")
    if len(chunks) == 1:
        return chunks[0]
    out = []
    for chunk in chunks:
        head, _, body = chunk.partition("\n")
        title = head[2:] if head.startswith("% ") else ""
        out.append(r"\begin{tabular}{@{}c@{}}\textit{" + title + r"}\\[2pt]" + "\n" + body + "\n" + r"\end{tabular}")
    return "\n\\quad\n".join(out)


def _assumptions(c: Any) -> str:
    rows = []
    for a in c.assumptions:
        text = tex_text(a.statement)
        if a.quote:
            text += r"\newline \emph{``" + tex_text(a.quote) + "''}"
        rows.append(f"{tex_text(a.id)} & {tex_text(a.player)} & {tex_text(a.basis)} & {text} \\\\")
    head = r"Id & Player & Basis & Assumption, and the sentence of the brief it rests on \\"
    return _long("lllp{9cm}", head, rows, long=True,
                 caption="The assumption register: every preference the payoffs encode, with its basis.",
                 label="tab:assumptions")


def _parameters(c: Any) -> str:
    rows = []
    for p in c.parameters:
        name = r"\texttt{" + tex_text(p.name) + "}" + (r"$^{*}$" if p.key else "")
        rows.append(f"{name} & ${math_latex(p.value)}$ & $[{math_latex(p.low)}, {math_latex(p.high)}]$ & "
                    f"{tex_text(p.meaning)} \\\\")
    head = r"Parameter & Value & Range & Meaning \\"
    return _long("llcp{8.5cm}", head, rows, long=True,
                 caption=r"Parameters and the values used; $^{*}$: key parameters, whose thresholds "
                         r"Section~\ref{sec:thresholds} gives.", label="tab:parameters")


def paper_tex(c: Any) -> str:
    r"""The LaTeX source of the paper for bundle content ``c`` (see :mod:`gametheory.report`).

    Returns
    -------
    str
        A complete document; compile with ``pdflatex paper``, ``bibtex paper`` and
        ``pdflatex paper`` twice.
    """
    body: list[str] = []
    body += [rf"\title{{{tex_text(c.title)}}}", rf"\author{{Analysis generated with gametheory {tex_text(c.version)}}}",
             r"\date{}", r"\begin{document}", r"\maketitle", r"\begin{abstract}", tex_text(c.summary),
             r"\end{abstract}"]
    # -- the game
    body += ["", r"\section{The game}\label{sec:game}"]
    body += tex_prose(c.description) if c.description else []
    refs = []
    if c.sequential:
        refs.append(r"Its tree, with the subgame-perfect equilibrium path marked, is in Figure~\ref{fig:tree}.")
    else:
        refs.append(r"Table~\ref{tab:payoffs} gives the payoffs.")
    if c.parameters:
        refs.append(r"Table~\ref{tab:parameters} lists the parameters.")
    if c.assumptions:
        refs.append(r"Every payoff is an assumption: Section~\ref{sec:assumptions} lists them with their evidence.")
    players = "; ".join(f"{tex_text(p)} ({', '.join(tex_text(s) for s in ss)})" if ss else tex_text(p)
                        for p, ss in zip(c.players, c.strategies or [()] * len(c.players)))
    body.append(f"The players are {players}. " + " ".join(refs))
    if c.sources_cited:
        body.append("The model draws on " + ", ".join(rf"\citet{{{k}}}" for k in c.sources_cited) + ".")
    if c.parameters:
        body.append(_parameters(c))
    if not c.sequential:
        body.append(_table(_payoff_slices(c.game), "Payoffs (" + ", ".join(tex_text(p) for p in c.players)
                           + r"), exact; rows: " + tex_text(c.players[0]) + ".", "tab:payoffs"))
    # -- assumptions
    if c.assumptions:
        body += ["", r"\section{Assumptions}\label{sec:assumptions}",
                 r"Table~\ref{tab:assumptions} is the game file's assumption register: for each preference the "
                 r"payoffs encode, the player, whether it rests on the brief or is a modelling choice, and the "
                 r"sentence it rests on, quoted.", _assumptions(c)]
    # -- equilibria
    body += ["", r"\section{Equilibria}\label{sec:equilibria}", tex_text(c.solution_sentence)]
    if c.sequential:
        body.append(r"Table~\ref{tab:spe} lists them; equilibria that play alike on the path share a row.")
        body.append(spe_table(c.solution, long=True, width="7cm", label="tab:spe",
                              caption="Subgame-perfect equilibria: the path in words and the expected payoffs."))
        for name, caption in c.figures:
            if name == "tree":
                body.append(_figure(name, tex_text(caption), rotate=True))
    else:
        body.append(_table(_fit_equilibria(c), "Equilibria with exact probabilities and expected payoffs.",
                           "tab:equilibria"))
        if c.narrations:
            body.append(r"In words (numbers as in Table~\ref{tab:equilibria}):")
            body.append(r"\begin{enumerate}" + "".join(rf"\item {tex_text(t)}" + "\n" for t in c.narrations)
                        + r"\end{enumerate}")
        shown = [(n, cap) for n, cap in c.figures if not n.startswith("thresholds_")]
        if shown:
            refs = " and ".join(rf"Figure~\ref{{fig:{n.replace('_', '-')}}}" for n, _ in shown)
            body.append(f"{refs} draw{'s' if len(shown) == 1 else ''} the game and its equilibria.")
        for name, caption in shown:
            body.append(_figure(name, tex_text(caption)))
    if c.continua:
        body.append("Continua of equilibria: " + "; ".join(tex_text(t) for t in c.continua) + ".")
    if c.notes:
        body.append(r"\paragraph{Notes.} " + " ".join(tex_text(n) for n in c.notes))
    # -- thresholds
    if c.thresholds or c.thresholds_missing:
        body += ["", r"\section{Thresholds of the key parameters}\label{sec:thresholds}"]
        if c.thresholds_missing:
            body.append(tex_text(c.thresholds_missing))
        for p, th in c.thresholds:
            slug = p.replace("_", "-")
            fixed = ", ".join(f"${math_latex(_sym(k))} = {math_latex(v)}$" for k, v in th.fixed.items())
            body.append(rf"\subsection{{\texttt{{{tex_text(p)}}}}}")
            text = (rf"With {fixed}, " if fixed else "") + rf"Table~\ref{{tab:thresholds-{slug}}} gives the "
            text += "equilibrium outcomes on each range of " + rf"\texttt{{{tex_text(p)}}}"
            if any(n == f"thresholds_{p}" for n, _ in c.figures):
                text += rf" and Figure~\ref{{fig:thresholds-{slug}}} draws the equilibrium probabilities"
            body.append(text + ".")
            caption = f"Equilibria as {tex_text(p)} moves; exact thresholds."
            body.append(thresholds_table(th, long=True, caption=caption, label=f"tab:thresholds-{slug}",
                                         width=r"0.55\linewidth"))
            for name, cap in c.figures:
                if name == f"thresholds_{p}":
                    body.append(_figure(name, tex_text(cap)))
    # -- reproducing
    body += ["", r"\section{Reproducing these results}\label{sec:reproduce}", tex_text(c.provenance_sentence)
             + r" The analysis uses the gametheory package~\citep{gametheory}."]
    body += ["", r"\clearpage", r"\nocite{*}", r"\bibliographystyle{plainnat}", r"\bibliography{references}", r"\end{document}", ""]
    text = "\n".join(body)
    uses = {"{amsmath}": r"\text{" in text, "{booktabs}": r"\toprule" in text,
            "{longtable}": r"\begin{longtable}" in text,
            "{graphicx}": r"\includegraphics" in text or r"\resizebox" in text,
            "{istgame}": r"\begin{istgame}" in text, "{url}": c.urls}
    packages = ["[T1]{fontenc}", "{lmodern}", "[a4paper,margin=2.5cm]{geometry}"]
    packages += [p for p, used in uses.items() if used] + ["[round]{natbib}"]
    head = [r"\documentclass[11pt]{article}"] + [rf"\usepackage{p}" for p in packages]
    head.append(r"\setlength{\emergencystretch}{2em}")  # long parameter names in \texttt do not overflow
    return "\n".join(head + [""] + body)


def _fit_equilibria(c: Any) -> str:
    from .latex import equilibria_table

    return equilibria_table(c.solution)


def _sym(name: str) -> Any:
    import sympy

    return sympy.Symbol(name)
