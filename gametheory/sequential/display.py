"""Displays of sequential games: text outline, HTML, matplotlib tree figure, narrative report.

Examples
--------
>>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
>>> g = SequentialGame(Decision("Entrant", {"Out": {"Entrant": 1, "Incumbent": 5},
...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}), title="Chain store")
>>> print(outline(g, subgame_perfect_equilibria(g)[0]))
Chain store  (players: Entrant, Incumbent)
Entrant decides
├── Out → payoffs Entrant 1, Incumbent 5
└── In [*] → Incumbent decides
    ├── Cooperate [*] → payoffs Entrant 2, Incumbent 2
    └── Fight → payoffs Entrant 0, Incumbent 0
([*]: chosen in the equilibrium; [p]: probability of a mixed or chance move)
"""

from __future__ import annotations

import html as _html
from typing import TYPE_CHECKING, Any

from .. import exact as _exact
from ..errors import InvalidGameError
from ..extensive.game import Chance, Decision, SequentialGame, Stage, Terminal, edge_label

if TYPE_CHECKING:
    from ..extensive.result import SequentialSolution, SubgamePerfectEquilibrium

__all__ = ["outline", "sequential_html", "solution_html", "tree_figure", "report", "outcome_summary"]


def _node_text(node: Any) -> str:
    if isinstance(node, Decision):
        hidden = f" in information set {node.infoset!r}" if node.infoset is not None else ""
        return f"{node.label + ': ' if node.label else ''}{node.player} decides{hidden}"
    if isinstance(node, Stage):
        hidden = "".join(f"; {p} in information set {k!r}" for p, k in node.infosets)
        return f"stage {node.name!r} ({', '.join(node.players)} move simultaneously{hidden})"
    if isinstance(node, Chance):
        return f"chance{' ' + repr(node.label) if node.label else ''}"
    pays = ", ".join(f"{p} {_exact.format_number(v)}" for p, v in node.payoffs) or "no further payoffs"
    return f"{node.label + ': ' if node.label else ''}payoffs {pays}"


def outline(
    game: SequentialGame,
    equilibrium: "SubgamePerfectEquilibrium | None" = None,
    *,
    max_lines: int = 400,
) -> str:
    """The tree as indented text; with an equilibrium, chosen moves are marked.

    Chance moves show their probability; with an equilibrium, moves played with
    probability strictly between 0 and 1 show it, certain moves show ``[*]``.
    Output stops after ``max_lines`` lines (with a final note).

    Examples
    --------
    >>> from gametheory.sequential import Chance, SequentialGame
    >>> print(outline(SequentialGame(Chance({"h": ("1/3", {"A": 1}), "t": ("2/3", {"A": 0})}))))
    (players: A)
    chance
    ├── h [1/3] → payoffs A 1
    └── t [2/3] → payoffs A 0
    """
    head = f"{game.title + '  ' if game.title else ''}(players: {', '.join(game.players)}"
    if game.discount != 1:
        head += f"; discount {_exact.format_number(game.discount)}"
    lines = [head + ")"]
    pos = game.positions
    lines.append(_node_text(pos[0].node))
    truncated = False
    # a stack of pending lines and subtrees to expand, so deep trees need no recursion
    stack: list[tuple[str, Any, str]] = [("expand", 0, "")]
    while stack:
        what, item, prefix = stack.pop()
        if what == "line":
            lines.append(item)
            if len(lines) >= max_lines:
                truncated = True
                break
            continue
        k = item
        node = pos[k].node
        if isinstance(node, Terminal):
            continue
        probs = equilibrium.move_probabilities(k) if equilibrium is not None else None
        kids = pos[k].children
        for e in range(len(kids) - 1, -1, -1):
            c = kids[e]
            last = e == len(kids) - 1
            mark = ""
            if isinstance(node, Chance):
                mark = f" [{_exact.format_number(node.probabilities[e])}]"
            elif probs is not None and probs[e] != 0:
                mark = " [*]" if probs[e] == 1 else f" [{_exact.format_number(probs[e])}]"
            text = f"{prefix}{'└── ' if last else '├── '}{edge_label(node, e)}{mark} → {_node_text(pos[c].node)}"
            stack.append(("expand", c, prefix + ("    " if last else "│   ")))
            stack.append(("line", text, ""))
    if truncated:
        lines.append(f"... ({game.num_positions} positions in all; outline cut at {max_lines} lines)")
    if equilibrium is not None:
        lines.append("([*]: chosen in the equilibrium; [p]: probability of a mixed or chance move)")
    return "\n".join(lines)


def _e(x: object) -> str:
    return _html.escape(str(x))


def sequential_html(game: SequentialGame) -> str:
    """HTML for Jupyter: a summary line and the outline.

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame
    >>> "<pre>" in sequential_html(SequentialGame(Decision("A", {"x": {"A": 1}})))
    True
    """
    head = f"<b>{_e(game.title or 'Sequential game')}</b> <small>{len(game.players)} players, {game.num_positions} positions, {'exact' if game.exact else 'float'}</small>"
    return f"<div>{head}<pre>{_e(outline(game, max_lines=200))}</pre></div>"


def solution_html(sol: "SequentialSolution") -> str:
    """HTML for Jupyter: one row per subgame-perfect equilibrium (narrative and payoffs).

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
    >>> html = solution_html(subgame_perfect_equilibria(SequentialGame(Decision("A", {"x": {"A": 1}}))))
    >>> "A chooses x" in html and "<table" in html
    True
    """
    g = sol.game
    status = (
        f"{sol.method}: {len(sol)} subgame-perfect equilibria, "
        f"{'complete' if sol.complete else 'not necessarily complete'}, {'exact' if sol.exact else 'float'}"
    )
    head = "<tr><th>#</th><th>equilibrium path</th>" + "".join(f"<th>{_e(p)}</th>" for p in g.players) + "</tr>"
    rows = []
    for k, eq in enumerate(sol.equilibria):
        plays = eq.plays()
        story = "<br>".join(
            (f"{_e(_exact.format_number(pl.probability))}: " if len(plays) > 1 else "")
            + _e(" → ".join([s.text for s in pl.steps] + ([pl.ending] if pl.ending else [])))
            for pl in plays
        )
        pays = "".join(f"<td>{_e(_exact.format_number(v))}</td>" for v in eq.payoffs)
        rows.append(f"<tr><td>{k + 1}</td><td style='text-align:left'>{story}</td>{pays}</tr>")
    notes = "".join(f"<div><small>note: {_e(n)}</small></div>" for n in sol.notes)
    return (
        f"<div><b>{_e(g.title or '')}</b> <small>{_e(status)}</small></div>"
        f"<table class='gt-game'>{head}{''.join(rows)}</table>{notes}"
    )


def outcome_summary(sol: "SequentialSolution") -> str:
    """The distinct equilibrium outcomes: SPEs with the same story and payoffs, grouped.

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
    >>> end = Decision("B", {"l": {"A": 1}, "r": {"A": 1}})
    >>> print(outcome_summary(subgame_perfect_equilibria(SequentialGame(Decision("A", {"x": end})))))
    2 distinct equilibrium outcomes:
    - SPE 1: A 1, B 0
        (1) A chooses x → B chooses l
    - SPE 2: A 1, B 0
        (1) A chooses x → B chooses r
    """
    g = sol.game
    groups: dict[tuple, list[int]] = {}
    for k, eq in enumerate(sol.equilibria):
        groups.setdefault((eq.stories(), eq.payoffs), []).append(k + 1)
    lines = [f"{len(groups)} distinct equilibrium outcome{'' if len(groups) == 1 else 's'}:"]
    for (stories, payoffs), members in groups.items():
        pays = ", ".join(f"{p} {_exact.format_number(v)}" for p, v in zip(g.players, payoffs))
        lines.append(f"- SPE {', '.join(str(m) for m in members)}: {pays}")
        for sentence, prob in stories:
            lines.append(f"    ({_exact.format_number(prob)}) {sentence}")
    return "\n".join(lines)


def report(sol: "SequentialSolution", *, outline_lines: int = 0, strategies: str = "path") -> str:
    """A plain-text report: every SPE with its narrative, plays with probabilities and payoffs.

    ``strategies``: ``"path"`` lists the choices at the positions reached with positive
    probability, ``"all"`` at every position, ``"none"`` omits them (the full strategy
    is in ``SubgamePerfectEquilibrium.strategy()`` and the JSON output).

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
    >>> g = SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 1}}), title="Tie")
    >>> print(report(subgame_perfect_equilibria(g)))  # doctest: +NORMALIZE_WHITESPACE
    Tie: 2 subgame-perfect equilibria (complete, exact)
    <BLANKLINE>
    SPE 1: expected payoffs A 1
      play (probability 1): A chooses x
      strategy: / A: x
    <BLANKLINE>
    SPE 2: expected payoffs A 1
      play (probability 1): A chooses y
      strategy: / A: y
    """
    g = sol.game
    n = len(sol)
    lines = [
        f"{g.title or 'Sequential game'}: {n} subgame-perfect equilibri{'um' if n == 1 else 'a'} "
        f"({'complete' if sol.complete else 'NOT necessarily complete'}, {'exact' if sol.exact else 'float'})"
    ]
    if outline_lines:
        lines += ["", outline(g, max_lines=outline_lines)]
    # SPEs that tell the same story with the same payoffs (they differ off the path or in
    # payoff-irrelevant mixing) are summarised together first
    if len({(eq.stories(), eq.payoffs) for eq in sol.equilibria}) < len(sol.equilibria):
        lines += ["", outcome_summary(sol)]
    for k, eq in enumerate(sol.equilibria):
        pays = ", ".join(f"{p} {_exact.format_number(v)}" for p, v in zip(g.players, eq.payoffs))
        lines += ["", f"SPE {k + 1}: expected payoffs {pays}"]
        for story, prob in eq.stories():
            lines.append(f"  play (probability {_exact.format_number(prob)}): {story}")
        if strategies == "none":
            continue
        strat = eq.strategy()
        if strategies == "path":
            on_path = {s.node_id for s in eq.path()}
            shown = [(nid, ch) for nid, ch in strat.items() if nid in on_path]
            off = len(strat) - len(shown)
        else:
            shown = list(strat.items())
            off = 0
        for nid, ch in shown:
            body = "; ".join(
                f"{p}: {c}" if isinstance(c, str) else f"{p}: " + ", ".join(f"{a} {_exact.format_number(q)}" for a, q in c.items())
                for p, c in ch.items()
            )
            lines.append(f"  strategy: {nid} {body}")
        if off:
            lines.append(f"  strategy off the path: {off} more positions (SubgamePerfectEquilibrium.strategy())")
    for t in sol.notes:
        lines.append(f"note: {t}")
    return "\n".join(lines)


def tree_figure(
    game: SequentialGame,
    equilibrium: "SubgamePerfectEquilibrium | None" = None,
    *,
    max_positions: int = 300,
    ax: Any = None,
) -> Any:
    """A matplotlib figure of the tree: :func:`gametheory.display.plots.game_tree_figure` (the one
    tree figure), drawing every position up to ``max_positions`` and the equilibrium's path
    beyond.

    Raises
    ------
    InvalidGameError
        If the tree has more than ``max_positions`` positions and no equilibrium is given.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
    >>> g = SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}}))
    >>> fig = tree_figure(g, subgame_perfect_equilibria(g)[0])
    >>> len(fig.axes)
    1
    """
    from ..display.plots import game_tree_figure

    if game.num_positions > max_positions and equilibrium is None:
        raise InvalidGameError(f"the tree has {game.num_positions} positions; figures are drawn up to "
                               f"max_positions={max_positions} (or pruned to an equilibrium's path)")
    return game_tree_figure(game, equilibrium, prune="auto", max_nodes=max_positions, ax=ax)
