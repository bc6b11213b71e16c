r"""Paper-ready LaTeX, dependency-free: payoff matrices, equilibrium tables, documents.

Matrices come as plain ``tabular`` (booktabs) or in the ``sgame`` package's
``game`` environment; equilibria as a booktabs table with exact ``\frac``;
game trees of sequential games as TikZ in the ``istgame`` style with the
subgame-perfect path drawn thick (:func:`tree_tikz`), their equilibria as a
booktabs table (:func:`spe_table`); symbolic equilibrium regions and thresholds
as ``cases`` displays (:func:`regions_latex`, :func:`thresholds_latex`).
:func:`latex_document` wraps pieces into a compilable standalone document that
loads exactly the packages they need (:func:`packages_for`).

Examples
--------
>>> from gametheory import Game, pure_equilibria
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "Russia"),
...                         strategies=(("C", "D"), ("C", "D")))
>>> print(matrix_sgame(pd))
\begin{game}{2}{2}[US][Russia]
      & C    & D    \\
C     & 3, 3 & 0, 5 \\
D     & 5, 0 & 1, 1
\end{game}
>>> "\\toprule" in equilibria_table(pure_equilibria(pd))
True
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Iterable

from ..display.mathtext import math_latex, math_text
from .. import exact as _exact

if TYPE_CHECKING:
    from ..game import Game
    from ..solution import Solution

__all__ = [
    "tex_text",
    "bibtex_text",
    "matrix_tabular",
    "matrix_sgame",
    "equilibria_table",
    "tree_tikz",
    "spe_table",
    "regions_latex",
    "thresholds_latex",
    "sequential_thresholds_table",
    "thresholds_table",
    "latex_document",
    "packages_for",
    "PACKAGES",
]

#: LaTeX packages each output kind needs (used by :func:`latex_document`).
PACKAGES = {
    "tabular": ("booktabs",),
    "sgame": ("sgame",),
    "equilibria": ("booktabs", "amsmath"),
    "tikz": ("tikz",),
    "istgame": ("istgame",),
    "spe": ("booktabs", "array"),
    "cases": ("amsmath",),
    "fit": ("graphicx", "amsmath"),
}


# Characters pdflatex (T1 fonts, UTF-8 input) cannot typeset as they are, and what to write instead.
_UNICODE = {
    "→": r"$\to$", "←": r"$\leftarrow$", "↔": r"$\leftrightarrow$", "⇒": r"$\Rightarrow$", "·": r"$\cdot$",
    "×": r"$\times$", "÷": r"$\div$", "≤": r"$\leq$", "≥": r"$\geq$", "≠": r"$\neq$", "≈": r"$\approx$",
    "−": "-", "√": r"$\surd$", "∞": r"$\infty$", "…": r"\dots{}", "€": r"\texteuro{}", "±": r"$\pm$",
    "\u00a0": "~", "\u2009": r"\,", "\u202f": r"\,", "′": "'", "″": "''",
}
_UNICODE.update({ch: rf"\textsuperscript{{{d}}}" for ch, d in zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")})
_UNICODE.update({ch: rf"$_{{{d}}}$" for ch, d in zip("₀₁₂₃₄₅₆₇₈₉", "0123456789")})
_UNICODE.update({ch: f"${g}$" for ch, g in zip("αβγδεθλμπσφω", (r"\alpha", r"\beta", r"\gamma", r"\delta",
                 r"\varepsilon", r"\theta", r"\lambda", r"\mu", r"\pi", r"\sigma", r"\varphi", r"\omega"))})
_TEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
                "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}",
                "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}
_TYPESET = "‘’‚“”„–—†‡•«»‹›"


def tex_text(text: object) -> str:
    r"""Any text as LaTeX that pdflatex typesets: specials escaped, symbols mapped.

    Characters the default fonts lack (outside Latin-1/Latin Extended-A and the
    common symbols) are written as their code point, ``[U+0416]``, rather than
    breaking the compile.

    Examples
    --------
    >>> print(tex_text("50% of A&B_1 → {x} <b>"))
    50\% of A\&B\_1 $\to$ \{x\} \textless{}b\textgreater{}
    >>> print(tex_text("Ж costs €40"))
    [U+0416] costs \texteuro{}40
    """
    out = []
    for ch in str(text):
        if ch in _TEX_SPECIAL:
            out.append(_TEX_SPECIAL[ch])
        elif ch in _UNICODE:
            out.append(_UNICODE[ch])
        elif ch in "\n\r\t":
            out.append(" ")
        elif ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0:
            continue  # control characters
        elif ord(ch) < 0x180 or ch in _TYPESET:
            out.append(ch)
        else:
            out.append(f"[U+{ord(ch):04X}]")
    return "".join(out)


def bibtex_text(text: object) -> str:
    r"""Text for a BibTeX field value in braces: :func:`tex_text` with braces that BibTeX will not count.

    BibTeX ends a field at the brace that balances its opening one, whatever
    backslash precedes it; so literal braces become ``\textbraceleft{}`` and
    ``\textbraceright{}`` and a crafted value cannot close the entry.

    Examples
    --------
    >>> print(bibtex_text("x}, title={evil"))
    x\textbraceright{}, title=\textbraceleft{}evil
    """
    return tex_text(text).replace(r"\{", r"\textbraceleft{}").replace(r"\}", r"\textbraceright{}")


latex_text = tex_text  # paper output below: pdflatex-safe


def _num(v: object) -> str:
    text = _exact.latex_number(v)
    return f"${text}$" if "\\" in text or text.startswith("-") else text


def _align(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return [" & ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def _slices(game: "Game") -> Iterable[tuple[tuple[int, ...], str]]:
    for tail in itertools.product(*[range(n) for n in game.shape[2:]]):
        label = ", ".join(
            f"{latex_text(game.players[j + 2])}: {latex_text(game.strategies[j + 2][t])}" for j, t in enumerate(tail)
        )
        yield tail, label


def _cells(game: "Game", r: int, c: int, tail: tuple[int, ...]) -> str:
    return ", ".join(_num(game.payoffs[(i, r, c, *tail)]) for i in range(game.num_players))


def matrix_tabular(game: "Game", *, caption: str | None = None) -> str:
    r"""The payoff matrix (one per profile of players 3..N) as a booktabs ``tabular``.

    Examples
    --------
    >>> from gametheory import Game
    >>> print(matrix_tabular(Game.from_bimatrix([["1/2", 0]], [[1, -2]], players=("A", "B"),
    ...                                         strategies=(("T",), ("l", "r")))))
    \begin{tabular}{l|cc}
    \toprule
    A \textbackslash{} B & l                 & r     \\
    \midrule
    T                    & $\frac{1}{2}$, 1 & 0, $-2$ \\
    \bottomrule
    \end{tabular}
    """
    if game.num_players < 2:
        raise ValueError("matrix_tabular needs at least two players")
    out = []
    for tail, label in _slices(game):
        rows = [[f"{latex_text(game.players[0])} \\textbackslash{{}} {latex_text(game.players[1])}"]
                + [latex_text(s) for s in game.strategies[1]]]
        for r, rs in enumerate(game.strategies[0]):
            rows.append([latex_text(rs)] + [_cells(game, r, c, tail) for c in range(game.shape[1])])
        lines = _align(rows)
        body = [f"\\begin{{tabular}}{{l|{'c' * game.shape[1]}}}", "\\toprule", lines[0] + " \\\\", "\\midrule"]
        body += [ln + " \\\\" for ln in lines[1:]] + ["\\bottomrule", "\\end{tabular}"]
        if label:
            body.insert(0, f"% {label}")
        out.append("\n".join(body))
    text = "\n\n".join(out)
    if caption:
        text = f"\\begin{{table}}[ht]\n\\centering\n{text}\n\\caption{{{latex_text(caption)}}}\n\\end{{table}}"
    return text


def matrix_sgame(game: "Game") -> str:
    r"""The payoff matrix in the ``sgame`` package's ``game`` environment (two players).

    Examples
    --------
    >>> from gametheory import Game
    >>> matrix_sgame(Game.zero_sum([[1]], players=("R", "C"))).splitlines()[0]
    '\\begin{game}{1}{1}[R][C]'
    """
    if game.num_players != 2:
        raise ValueError("sgame matrices are for two-player games; use matrix_tabular")
    rows = [[""] + [latex_text(s) for s in game.strategies[1]]]
    for r, rs in enumerate(game.strategies[0]):
        rows.append([latex_text(rs)] + [_cells(game, r, c, ()) for c in range(game.shape[1])])
    lines = _align(rows)
    head = f"\\begin{{game}}{{{game.shape[0]}}}{{{game.shape[1]}}}[{latex_text(game.players[0])}][{latex_text(game.players[1])}]"
    return "\n".join([head] + [ln + " \\\\" for ln in lines[:-1]] + [lines[-1], "\\end{game}"])


def equilibria_table(solution: "Solution", *, caption: str | None = None) -> str:
    r"""A booktabs table of a solution's equilibria: strategies with exact probabilities, payoffs.

    Examples
    --------
    >>> from gametheory import Game, pure_equilibria
    >>> sol = pure_equilibria(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("A", "B")))
    >>> print(equilibria_table(sol))
    \begin{tabular}{rllcc}
    \toprule
    \# & A & B & $u_{\text{A}}$ & $u_{\text{B}}$ \\
    \midrule
    1  & 1 & 1 & 2              & 1              \\
    2  & 2 & 2 & 1              & 2              \\
    \bottomrule
    \end{tabular}
    """
    g = solution.game
    rows = [["\\#"] + [latex_text(p) for p in g.players] + [f"$u_{{\\text{{{latex_text(p)}}}}}$" for p in g.players]]
    for k, eq in enumerate(solution.equilibria):
        strat = []
        for i in range(g.num_players):
            parts = [
                latex_text(s) if p == 1 else f"{_num(p)} {latex_text(s)}" for s, p in eq.strategy(i).items()
            ]
            strat.append(", ".join(parts))
        rows.append([str(k + 1)] + strat + [_num(v) for v in eq.payoffs])
    lines = _align(rows)
    spec = "r" + "l" * g.num_players + "c" * g.num_players
    body = [f"\\begin{{tabular}}{{{spec}}}", "\\toprule", lines[0] + " \\\\", "\\midrule"]
    body += [ln + " \\\\" for ln in lines[1:]] or ["\\multicolumn{%d}{c}{no equilibrium} \\\\" % len(rows[0])]
    body += ["\\bottomrule", "\\end{tabular}"]
    text = "\n".join(body)
    if caption:
        text = f"\\begin{{table}}[ht]\n\\centering\n{text}\n\\caption{{{latex_text(caption)}}}\n\\end{{table}}"
    return text


def latex_document(*parts: str, packages: Iterable[str] = ("booktabs", "amsmath")) -> str:
    r"""A compilable ``article`` holding the given pieces (each in its own paragraph).

    Examples
    --------
    >>> doc = latex_document("hello", packages=["booktabs"])
    >>> doc.splitlines()[:2]
    ['\\documentclass{article}', '\\usepackage{booktabs}']
    """
    pk = list(dict.fromkeys(packages))
    head = ["\\documentclass{article}"] + [f"\\usepackage{{{p}}}" for p in pk] + ["\\begin{document}"]
    return "\n".join(head + ["\n\n".join(parts), "\\end{document}", ""])


def packages_for(*kinds: str) -> tuple[str, ...]:
    """The LaTeX packages the given output kinds need, without repeats (see :data:`PACKAGES`).

    Examples
    --------
    >>> packages_for("tabular", "equilibria", "istgame")
    ('booktabs', 'amsmath', 'istgame')
    """
    return tuple(dict.fromkeys(p for k in kinds for p in PACKAGES[k]))


def _math(v: object) -> str:
    return _exact.latex_number(v)


def _mbox(text: str) -> str:
    # istgame typesets action labels and payoffs in math mode
    return f"\\mbox{{{latex_text(text)}}}"


def tree_tikz(
    game_or_solution: Any,
    equilibrium: Any = 0,
    *,
    prune: str = "auto",
    max_nodes: int | None = None,
    level_distance: float | None = None,
    leaf_distance: float = 0.6,
    font: str = "\\scriptsize",
) -> str:
    r"""The game tree as TikZ in the ``istgame`` style; the equilibrium path drawn thick.

    Every branch played with positive probability in the subgame-perfect equilibrium
    is drawn with the ``spe`` style (very thick, dark red); chance and mixed moves
    show their probability as an exact fraction. Leaves show the total payoffs from
    the root (the order of players is stated under the tree). Large trees are pruned
    to the equilibrium path: a move not taken ends in ``\cdots`` with the payoffs the
    equilibrium gives from there on (see :func:`gametheory.display.trees.tree_layout`).

    Parameters
    ----------
    game_or_solution : SequentialGame or SequentialSolution
    equilibrium : int, SubgamePerfectEquilibrium or None
        Which equilibrium of a solution to highlight (index), an equilibrium, or none.
    prune, max_nodes
        Passed to :func:`~gametheory.display.trees.tree_layout`.
    level_distance, leaf_distance : float
        Centimetres between depths (default: enough for the longest move label) and
        between neighbouring leaves.
    font : str
        Font size command for the picture.

    Returns
    -------
    str
        An ``istgame`` environment (needs ``\usepackage{istgame}``).

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
    >>> g = SequentialGame(Decision("Entrant", {"Out": {"Entrant": 1, "Incumbent": 5},
    ...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
    ...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}), title="Chain store")
    >>> print(tree_tikz(subgame_perfect_equilibria(g)))  # doctest: +NORMALIZE_WHITESPACE
    % Chain store: game tree (istgame); thick branches: subgame-perfect equilibrium path
    \begin{istgame}[font=\scriptsize, spe/.style={very thick, red!70!black}]
    \istroot(n0)(0,0)<left>{Entrant}+1cm..0mm+
      \istb<grow=12.68,level distance=2.050cm>{\mbox{Out}}[sloped,anchor=south east,pos=.97]{(1, 5)}[right]
      \istb<grow=-12.68,level distance=2.050cm>[spe]{\mbox{In}}[sloped,anchor=south east,pos=.97]
    \endist
    \istroot(n2)(n0-2)<above>{Incumbent}+1cm..0mm+
      \istb<grow=8.53,level distance=2.022cm>[spe]{\mbox{Cooperate}}[sloped,anchor=south east,pos=.97]{(2, 2)}[right]
      \istb<grow=-8.53,level distance=2.022cm>{\mbox{Fight}}[sloped,anchor=south east,pos=.97]{(0, 0)}[right]
    \endist
    \node[anchor=north west, align=left] at (0,-1.35) {Payoffs: (Entrant, Incumbent).\\ Thick: the subgame-perfect equilibrium path.};
    \end{istgame}
    """
    import math

    from ..display.trees import DEFAULT_MAX_NODES, tree_layout

    game, eq = _game_and_equilibrium(game_or_solution, equilibrium)
    concept = getattr(game_or_solution, "concept", "subgame-perfect")
    lay = tree_layout(game, eq, prune=prune, max_nodes=max_nodes or DEFAULT_MAX_NODES)
    nodes = lay.nodes
    if level_distance is None:  # move labels sit along their branch, ending at the child
        longest = max((len(n.label) + (8 if n.probability is not None else 0) for n in nodes), default=0)
        level_distance = max(2.0, round(0.16 * longest + 0.6, 1))
    index_in_parent: dict[int, int] = {}
    kids: dict[int, list[int]] = {}
    for j, n in enumerate(nodes):
        if n.parent >= 0:
            kids.setdefault(n.parent, []).append(j)
            index_in_parent[j] = len(kids[n.parent])
    note = f"thick branches: {concept} equilibrium path" if eq is not None else "no equilibrium marked"
    lines = [
        f"% {latex_text(lay.title or 'Sequential game')}: game tree (istgame); {note}"
        + ("; pruned to the equilibrium path" if lay.pruned else ""),
        f"\\begin{{istgame}}[font={font}, spe/.style={{very thick, red!70!black}}]",
    ]
    for j, n in enumerate(nodes):
        if j not in kids:
            continue
        at = "0,0" if n.parent < 0 else f"n{n.parent}-{index_in_parent[j]}"
        style = "[chance node]" if n.kind == "chance" else ""
        where = "left" if n.parent < 0 else "above"
        lines.append(f"\\istroot(n{j})({at}){style}<{where}>{{{latex_text(n.owner)}}}+1cm..0mm+")
        for c in kids[j]:
            ch = nodes[c]
            dx, dy = level_distance * (ch.x - n.x), leaf_distance * (ch.y - n.y)
            angle = math.degrees(math.atan2(dy, dx))
            length = math.hypot(dx, dy)
            label = _mbox(ch.label)
            if ch.probability is not None:
                label += f"\\ ({_math(ch.probability)})"
            branch = f"  \\istb<grow={angle:.2f},level distance={length:.3f}cm>"
            if ch.on_path:
                branch += "[spe]"
            branch += f"{{{label}}}[sloped,anchor=south east,pos=.97]"
            if ch.payoffs is not None:
                pays = ", ".join(_math(v) for v in ch.payoffs)
                dots = "\\cdots\\ " if ch.kind == "collapsed" else ""
                branch += f"{{{dots}({pays})}}[right]"
            lines.append(branch)
        lines.append("\\endist")
    sets = lay.information_sets()
    for members in sets.values():  # information sets: dashed links (istgame's \xtInfoset)
        for a, b in zip(members, members[1:]):
            lines.append(f"\\xtInfoset(n{a})(n{b})")
    for j, n in enumerate(nodes):
        if n.belief is not None:
            lines.append(f"\\node[font=\\tiny, below=3pt] at (n{j}) {{$[{_math(n.belief)}]$}};")
    bottom = leaf_distance * (min(n.y for n in nodes) - 1)
    legend = f"Payoffs: ({', '.join(latex_text(p) for p in lay.players)})."
    if eq is not None:
        legend += f"\\\\ Thick: the {concept} equilibrium path."
    if sets:
        legend += "\\\\ Dashed: information sets" + ("; $[p]$: beliefs." if any(n.belief is not None for n in nodes)
                                                      else ".")
    if lay.pruned:
        legend += "\\\\ $\\cdots$: moves off the path, with the payoffs the equilibrium gives from there."
    lines.append(f"\\node[anchor=north west, align=left] at (0,{bottom:.4g}) {{{legend}}};")
    lines.append("\\end{istgame}")
    return "\n".join(lines)


def _game_and_equilibrium(game_or_solution: Any, equilibrium: Any) -> tuple[Any, Any]:
    sol = game_or_solution if hasattr(game_or_solution, "equilibria") else None
    game = sol.game if sol is not None else game_or_solution
    if isinstance(equilibrium, int) and not isinstance(equilibrium, bool):
        eq = sol.equilibria[equilibrium] if sol is not None and sol.equilibria else None
    else:
        eq = equilibrium
    return game, eq


def spe_table(solution: Any, *, caption: str | None = None, width: str = "6cm", long: bool = False,
              label: str | None = None) -> str:
    r"""A booktabs table of subgame-perfect equilibria: the path in words and the payoffs.

    SPEs with the same story and payoffs (differing only off the path) share a row,
    which names all of them. ``long=True`` gives a ``longtable`` (with ``caption``
    and ``label``) that breaks across pages.

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
    >>> g = SequentialGame(Decision("A", {"x": {"A": "1/2", "B": 0}, "y": {"A": "1/2", "B": 1}}))
    >>> print(spe_table(subgame_perfect_equilibria(g)))
    \begin{tabular}{lp{6cm}cc}
    \toprule
    SPE & Equilibrium path & $u_{\text{A}}$ & $u_{\text{B}}$ \\
    \midrule
    1 & A chooses x & $\frac{1}{2}$ & 0 \\
    2 & A chooses y & $\frac{1}{2}$ & 1 \\
    \bottomrule
    \end{tabular}
    """
    g = solution.game
    groups: dict[tuple, list[int]] = {}
    for k, eq in enumerate(solution.equilibria):
        groups.setdefault((eq.stories(), eq.payoffs), []).append(k + 1)
    head = "SPE & Equilibrium path & " + " & ".join(f"$u_{{\\text{{{latex_text(p)}}}}}$" for p in g.players) + " \\\\"
    body = []
    for (stories, payoffs), members in groups.items():
        text = "; ".join(
            (f"{_num(prob)}: " if len(stories) > 1 else "") + latex_text(story).replace("→", "$\\to$")
            for story, prob in stories
        )
        ids = ", ".join(str(m) for m in members)
        body.append(f"{ids} & {text} & " + " & ".join(_num(v) for v in payoffs) + " \\\\")
    if not body:
        body = [f"\\multicolumn{{{2 + len(g.players)}}}{{c}}{{no equilibrium}} \\\\"]
    first = "p{2cm}" if any(len(m) > 3 for m in groups.values()) else "l"  # long lists of SPE numbers wrap
    spec = f"{first}p{{{width}}}{'c' * len(g.players)}"
    if long:
        return _long(spec, head, body, long=True, caption=caption, label=label)
    text = _long(spec, head, body, long=False, caption=None, label=None)
    if caption:
        text = f"\\begin{{table}}[ht]\n\\centering\n{text}\n\\caption{{{latex_text(caption)}}}\n\\end{{table}}"
    return text


def regions_latex(regions: Any, *, player: Any = None, strategy: Any = None) -> str:
    r"""Symbolic equilibrium regions as a displayed ``cases`` block (needs ``amsmath``).

    ``regions`` is a :class:`~gametheory.symbolic.RegionSolution` or a symbolic game
    (solved with :func:`~gametheory.symbolic.equilibrium_regions`). With ``player``
    and ``strategy``: that strategy's probability in each region.

    Examples
    --------
    >>> from gametheory.symbolic import hawk_dove
    >>> text = regions_latex(hawk_dove(), player="Row", strategy="Hawk")
    >>> text.startswith("\\[") and "\\begin{cases}" in text and "\\frac{V}{C}" in text
    True
    """
    from ..symbolic import equilibrium_regions

    sol = regions if hasattr(regions, "cases_latex") else equilibrium_regions(regions)
    body = sol.cases_latex(player, strategy) if player is not None else sol.latex()
    return "\\[\n" + body + "\n\\]"


def thresholds_latex(th: Any, *, fit: bool = False) -> str:
    r"""Thresholds of one parameter as a displayed ``cases`` block (normal-form games).

    Sequential thresholds, whose paths are long, become a table
    (:func:`sequential_thresholds_table`).

    With ``fit=True`` the display is scaled down to the line width when wider
    (``\resizebox``, needs ``graphicx``): equilibrium sets can be long.

    Examples
    --------
    >>> from gametheory.symbolic import hawk_dove, thresholds
    >>> print(thresholds_latex(thresholds(hawk_dove(), "C", others={"V": 2})).splitlines()[1][:40])
    \mathcal{E}(C) = \begin{cases}
    """
    if hasattr(th, "tree"):
        return sequential_thresholds_table(th)
    if fit:
        return ("\\[\n\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{$\\displaystyle\n"
                + th.latex() + "\n$}\n\\]")
    return "\\[\n" + th.latex() + "\n\\]"


def _profile_tex(r: Any) -> str:
    """One equilibrium region as labelled text: ``Europe: Stay out; Russia: Respect $\\frac{1}{2}$, Test ...``."""
    g = r.game
    parts = []
    for i, player in enumerate(g.players):
        sup = r.supports[i]
        if len(sup) == 1:
            parts.append(f"{tex_text(player)}: {tex_text(g.strategies[i][sup[0]])}")
        else:
            parts.append(f"{tex_text(player)}: " + ", ".join(
                f"{tex_text(g.strategies[i][k])} ${math_latex(r.profile[i][k])}$" for k in sup))
    text = "; ".join(parts)
    if r.continuum:
        from ..symbolic.feasibility import interval_of

        numeric = len(r.free) == 1 and all(c.symbols <= set(r.free) for c in r.conditions)
        iv = interval_of([(c.poly, c.relation) for c in r.conditions], r.free[0]) if numeric else None
        if iv is not None and iv[0] is not None and iv[2] is not None:
            t = math_latex(r.free[0])
            text += f" (a continuum, ${math_latex(iv[0])} \\leq {t} \\leq {math_latex(iv[2])}$)"
        else:
            text += " (a continuum: " + ", ".join(f"${c.latex()}$" for c in r.conditions if c.symbols & set(r.free)) + ")"
    return text


def _long(spec: str, head: str, rows: list[str], *, long: bool, caption: str | None, label: str | None) -> str:
    """A booktabs ``tabular``, or a ``longtable`` (breaks across pages) with its caption and label."""
    if not long:
        return "\n".join([f"\\begin{{tabular}}{{{spec}}}", "\\toprule", head, "\\midrule", *rows, "\\bottomrule",
                          "\\end{tabular}"])
    cap = f"\\caption{{{caption}}}" + (f"\\label{{{label}}}" if label else "") + "\\\\" if caption else ""
    return "\n".join([f"\\begin{{longtable}}{{{spec}}}", *([cap] if cap else []), "\\toprule", head, "\\midrule",
                      "\\endfirsthead", "\\toprule", head, "\\midrule", "\\endhead", "\\bottomrule", "\\endfoot",
                      *rows, "\\end{longtable}"])


def thresholds_table(th: Any, *, width: str = "10cm", long: bool = False, caption: str | None = None,
                     label: str | None = None) -> str:
    r"""Thresholds of one parameter as a booktabs table: each range with its equilibria, labelled.

    One row per interval or breakpoint: the range (the parameter as an upright
    name), the number of equilibria, and each equilibrium with the players'
    strategies and exact probabilities in LaTeX. Sequential thresholds go to
    :func:`sequential_thresholds_table`. ``long=True`` gives a ``longtable`` (with
    ``caption``/``label``) that breaks across pages.

    Examples
    --------
    >>> from gametheory.symbolic import hawk_dove, thresholds
    >>> print(thresholds_table(thresholds(hawk_dove(), "C", others={"V": 2})))  # doctest: +ELLIPSIS
    \begin{tabular}{llp{10cm}}
    \toprule
    $C$ & equilibria & strategies \\
    \midrule
    $0 < C < 2$ & 1 & Row: Hawk; Column: Hawk \\
    $C = 2$ & 5 & Row: Hawk; Column: Hawk\newline Row: Hawk; Column: Dove\newline ...
    $2 < C$ & 3 & Row: Hawk; Column: Dove\newline Row: Dove; Column: Hawk\newline Row: Hawk $\frac{2}{C}$, Dove $\frac{C - 2}{C}$; Column: Hawk $\frac{2}{C}$, Dove $\frac{C - 2}{C}$ \\
    \bottomrule
    \end{tabular}
    """
    if hasattr(th, "tree"):
        return sequential_thresholds_table(th, long=long, caption=caption, label=label)
    x = th.game.parameter(th.parameter).symbol
    head = f"${math_latex(x)}$ & equilibria & strategies \\\\"
    rows = []
    for _, piece in th.pieces():
        where = _interval_tex(piece, x) if hasattr(piece, "describe") else f"{math_latex(x)} = {math_latex(piece.value)}"
        eqs = "\\newline ".join(_profile_tex(r) for r in piece.equilibria) or "none"
        rows.append(f"${where}$ & {len(piece.equilibria)} & {eqs} \\\\")
    if not th.complete:
        note = tex_text("Not necessarily all equilibria: " + "; ".join(th.notes))
        rows.append(f"\\multicolumn{{3}}{{p{{{width}}}}}{{\\footnotesize {note}}} \\\\")
    return _long(f"llp{{{width}}}", head, rows, long=long, caption=caption, label=label)


def _interval_tex(piece: Any, x: Any) -> str:
    lo = "" if piece.low is None else math_latex(piece.low) + (r" \leq " if piece.low_closed else " < ")
    hi = "" if piece.high is None else (r" \leq " if piece.high_closed else " < ") + math_latex(piece.high)
    return f"{lo}{math_latex(x)}{hi}" if lo or hi else r"\text{all } " + math_latex(x)


def sequential_thresholds_table(th: Any, *, width: str = "7cm", long: bool = False, caption: str | None = None,
                                label: str | None = None) -> str:
    r"""Thresholds of a sequential game as a booktabs table: each range with its SPE outcomes.

    One row per interval or breakpoint of the parameter: the number of
    subgame-perfect outcomes (paths) there and their distinct payoff vectors (exact,
    as formulas in the parameter on intervals). ``long=True`` gives a ``longtable``
    (with ``caption``/``label``).

    Examples
    --------
    >>> from gametheory.symbolic import sequential_thresholds, tripwire
    >>> print(sequential_thresholds_table(sequential_thresholds(tripwire(), "b")))
    \begin{tabular}{lcp{7cm}}
    \toprule
    $b$ & SPE paths & payoffs (Russia, Europe) \\
    \midrule
    $0 < b < 1$ & 1 & $\left(1, - b\right)$ \\
    $b = 1$ & 2 & $\left(0, 0\right)$, $\left(1, -1\right)$ \\
    $1 < b$ & 1 & $\left(0, 0\right)$ \\
    \bottomrule
    \end{tabular}
    """
    import sympy

    tree = th.tree
    x = tree.parameter(th.parameter).symbol  # with its assumptions, so substitution finds it
    head = (f"${math_latex(x)}$ & SPE paths & payoffs ({', '.join(latex_text(p) for p in tree.players)}) \\\\")
    rows = []
    for piece in th.pieces:
        if piece.point:
            where = f"{math_latex(x)} = {math_latex(piece.low)}"
        else:
            lo = "" if piece.low is None else math_latex(piece.low) + (r" \leq " if piece.low_closed else " < ")
            hi = "" if piece.high is None else (r" \leq " if piece.high_closed else " < ") + math_latex(piece.high)
            where = f"{lo}{math_latex(x)}{hi}"
        pays = []
        for _, values in piece.outcomes:
            vals = [sympy.factor(v.xreplace({x: piece.low})) if piece.point else sympy.factor(v) for v in values]
            text = r"\left(" + ", ".join(math_latex(v) for v in vals) + r"\right)"
            if text not in pays:
                pays.append(text)
        rows.append(f"${where}$ & {len(piece.outcomes)} & " + (", ".join(f"${t}$" for t in pays)
                                                               or "not covered (mixed stage equilibria)") + " \\\\")
    return _long(f"lcp{{{width}}}", head, rows, long=long, caption=caption, label=label)
