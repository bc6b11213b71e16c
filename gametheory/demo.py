"""``gametheory demo`` (``make demo``): the brief's four sub-games and the composed scenario, one screen each.

Each sub-game gets its setting, its sequence of moves, its equilibrium outcomes
(every equilibrium counted exactly, grouped by outcome) and the exact thresholds of
its key parameters, each region solved at a witness point. The composed scenario
gets the same through the public result API: how many equilibria and outcomes at the
defaults, the exact breakpoints of every key parameter, and a closing conclusion.

Examples
--------
>>> text = demo_text(scenario=False)
>>> text.splitlines()[0]
"gametheory demo: the brief's four sub-games and the composed scenario, solved exactly"
>>> len(text.splitlines()) < 120
True
"""

from __future__ import annotations

import textwrap
from typing import Any

from . import exact as _exact

__all__ = ["demo_text", "SUB_GAMES", "SCENARIO"]

#: The brief's four sub-games, in the order the demo presents them.
SUB_GAMES = ("nato_membership", "sanctions", "troop_mission", "resource_deal")
#: The composed scenario.
SCENARIO = "negotiations"
WIDTH = 100


def _fill(text: str, indent: str = "", rest: str | None = None) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=WIDTH, initial_indent=indent,
                         subsequent_indent=indent if rest is None else rest)


def _rule(title: str) -> str:
    if len(title) > WIDTH - 8:
        title = title[: WIDTH - 11].rstrip() + "..."
    return f"== {title} " + "=" * max(3, WIDTH - len(title) - 4)


def _moves(game: Any) -> str:
    """The moves in the order of the tree (by depth of first appearance), by their labels."""
    first: dict[str, int] = {}
    for pos in game.positions:
        label = getattr(pos.node, "label", None)
        if label and not hasattr(pos.node, "payoffs") and label not in first:
            first[label] = pos.depth
    return " → ".join(sorted(first, key=lambda k: first[k]))


def _outcome_lines(out: Any, players: tuple, limit: int = 3) -> list[str]:
    lines = _fill(out.headline() + ":", "")
    for j, g in enumerate(out.groups[:limit], 1):
        pays = ", ".join(f"{p} {_exact.format_number(v)}" for p, v in zip(players, g.payoffs))
        lines += _fill(f"{j}. {g.story()}  [{pays}]", "  ", "     ")
    if len(out.groups) > limit:
        lines.append(f"  ... and {len(out.groups) - limit} more outcomes")
    return lines


def _thresholds_line(name: str, parameter: str, solve: bool) -> list[str]:
    from .sequential.regions import outcome_thresholds

    th = outcome_thresholds(name, parameter, solve_regions=solve)
    cuts = " and ".join(_fmt(v) for v in th.values)
    text = f"{parameter}: the outcome changes at {cuts}" if cuts else f"{parameter}: no change in its range"
    return _fill(text, "  ", "    ")


def _fmt(v: Any) -> str:
    from fractions import Fraction

    return _exact.format_number(v) if isinstance(v, Fraction) else str(v)


def _sub_game(k: int, name: str) -> list[str]:
    from . import library
    from .sequential.outcomes import equilibrium_outcomes

    spec = library.spec(name)
    game = library.load(name)
    lines = ["", _rule(f"{k}/4  {name}")] + _fill(spec.title.upper())
    setting = " ".join(spec.metadata.description.strip().split("\n\n")[0].split())
    lines += _fill(setting.split(". ")[0].rstrip(".") + ".")
    lines += _fill("Moves: " + _moves(game), "", "  ")
    lines += _outcome_lines(equilibrium_outcomes(game), game.players)
    lines.append("Exact thresholds of the key parameters (the others at their defaults):")
    for p in spec.key_parameters:
        lines += _thresholds_line(name, p, solve=True)
    lines.append(f"  more: gametheory solve {name} | gametheory report {name} --out paper/")
    return lines


def _scenario() -> list[str]:
    from .io.spec import load, load_spec
    from .sequential.outcomes import equilibrium_outcomes

    spec = load_spec(SCENARIO)
    game = load(SCENARIO)
    out = equilibrium_outcomes(game)
    lines = ["", _rule(f"The composed scenario: {SCENARIO}")]
    lines += _fill("Ukraine and the US settle the resource deal, the US frames the talks, Russia answers and Ukraine "
                   "accepts or rejects; relief, the US presence, a European mission and the Article 5 question "
                   "follow, every outcome valued on one scale per actor (games/negotiations.toml).")
    lines += [""] + _outcome_lines(out, game.players)
    lines += ["", "Where the outcome changes (exact breakpoints of each key parameter, the others at their defaults):"]
    for p in spec.key_parameters:
        lines += _thresholds_line(SCENARIO, p, solve=False)
    lines += ["", "Conclusion"]
    g = out.groups[0]
    text = (f"At the default parameters the {out.total} {out.concept} equilibri{'um' if out.total == 1 else 'a'} "
            f"lead{'s' if out.total == 1 else ''} to {len(out.groups)} outcome{'' if len(out.groups) == 1 else 's'}; "
            f"the first: {g.story().splitlines()[0]}.")
    lines += _fill(text, "  ")
    lines += ["", "Detail: gametheory solve negotiations            every equilibrium, its path and its strategy",
              "        gametheory report negotiations --out paper/  each region's outcomes, tables, figures, paper.tex"]
    return lines


def demo_text(*, scenario: bool = True) -> str:
    """The demo as text (what ``gametheory demo`` prints).

    Parameters
    ----------
    scenario : bool
        Include the composed scenario (its outcomes at the defaults and the exact
        breakpoints of its key parameters).
    """
    lines = ["gametheory demo: the brief's four sub-games and the composed scenario, solved exactly",
             "(payoffs value outcomes on one declared scale per actor; `gametheory show GAME` lists every assumption)"]
    for k, name in enumerate(SUB_GAMES, 1):
        lines += _sub_game(k, name)
    if scenario:
        lines += _scenario()
    return "\n".join(lines)
