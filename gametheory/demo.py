"""``gametheory demo`` (``make demo``): the brief's four sub-games and the composed scenario, one screen each.

Each sub-game gets its setting, its payoff table, every equilibrium with exact
probabilities and payoffs, one sentence per distinct story, and where to look
next. The composed scenario is summarised through the public result API only
(equilibria, their stories and payoffs, ``complete``): how many subgame-perfect
equilibria, their distinct outcomes, what every one of them has in common, what
changes at the ends of each key parameter's range, and a closing conclusion.

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
import warnings
from typing import Any, Sequence

from . import exact as _exact
from .errors import DegenerateGameWarning

__all__ = ["demo_text", "SUB_GAMES", "SCENARIO"]

#: The brief's four sub-games, in the order the demo presents them.
SUB_GAMES = ("nato_membership", "sanctions", "troop_mission", "resource_deal")
#: The composed scenario.
SCENARIO = "negotiations"
WIDTH = 100


def _fill(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=WIDTH, initial_indent=indent, subsequent_indent=indent)


def _rule(title: str) -> str:
    return f"== {title} " + "=" * max(3, WIDTH - len(title) - 4)


def _numbers(ks: Sequence[int]) -> str:
    """``[1, 2, 3, 5]`` -> ``1-3, 5``."""
    out, run = [], [ks[0]]
    for k in ks[1:]:
        if k == run[-1] + 1:
            run.append(k)
        else:
            out.append(run)
            run = [k]
    out.append(run)
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in out)


def _sub_game(k: int, name: str) -> list[str]:
    from . import library
    from .cli import table
    from .display.text import game_table
    from .solvers import solve

    spec = library.spec(name)
    game = spec.build()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)  # continua are counted below
        sol = solve(game)
    lines = ["", _rule(f"{k}/4  {name}: {spec.title}")]
    setting = " ".join(spec.metadata.description.strip().split("\n\n")[0].split())
    lines += _fill(setting.split(". ")[0].rstrip(".") + ".")
    lines += [""] + ["  " + ln for ln in game_table(game).splitlines()[1:]]
    n = len(sol.equilibria)
    pure = sum(1 for eq in sol.equilibria if eq.pure)
    continua = [c for c in sol.components if not c.isolated]
    status = "all of them" if sol.complete else "not necessarily all"
    head = f"{n} equilibri{'um' if n == 1 else 'a'} ({status}; {pure} pure, {n - pure} mixed"
    head += f"; {len(continua)} continu{'um' if len(continua) == 1 else 'a'} between them)" if continua else ")"
    lines += ["", head]
    rows = [[str(j)] + [", ".join(s if p == 1 else f"{s} {_exact.format_number(p)}" for s, p in eq.strategy(i).items())
                        for i in range(game.num_players)] + [", ".join(_exact.format_number(v) for v in eq.payoffs)]
            for j, eq in enumerate(sol.equilibria, 1)]
    lines += table(["#"] + list(game.players) + ["payoffs"], rows, indent=2, last_width=30).splitlines()
    stories: dict[str, list[int]] = {}
    for j, eq in enumerate(sol.equilibria, 1):
        stories.setdefault(spec.narrate(eq), []).append(j)
    for story, ks in stories.items():
        lines += _fill(f"{_numbers(ks)}: {story}", "  ")[:3]
    lines.append(f"  more: gametheory solve {name} --symbolic | gametheory report {name} --out paper/")
    return lines


# -- the composed scenario, through the public result API -------------------------------------------------------
def _outcomes(sol: Any) -> dict[tuple, list[int]]:
    groups: dict[tuple, list[int]] = {}
    for k, eq in enumerate(sol.equilibria, 1):
        groups.setdefault((eq.stories(), tuple(eq.payoffs)), []).append(k)
    return groups


def _steps(stories: tuple) -> list[list[str]]:
    return [story.split(" → ") for story, _ in stories]


def _common(sol: Any) -> list[str]:
    """Events on the path of every subgame-perfect equilibrium (every play with positive probability)."""
    plays = [steps for (stories, _) in _outcomes(sol) for steps in _steps(stories)]
    if not plays:
        return []
    return [s for s in plays[0] if all(s in p for p in plays[1:])]


def _scenario(params: Any = None) -> list[str]:
    from .io.spec import load, load_spec
    from .sequential import subgame_perfect_equilibria

    spec = load_spec(SCENARIO)
    players = load(SCENARIO).players
    sol = subgame_perfect_equilibria(load(SCENARIO))
    groups = _outcomes(sol)
    status = "all of them" if sol.complete else "not necessarily all: see the notes of `gametheory solve negotiations`"
    lines = ["", _rule(f"The composed scenario: {SCENARIO}")]
    lines += _fill("The US frames the talks and Russia answers; sanctions relief, a European mission and the "
                   "resource deal follow on the branches where they arise (games/negotiations.toml).")
    lines += [""] + _fill(f"{len(sol)} subgame-perfect equilibria ({status}), {len(groups)} distinct "
                          f"outcome{'s' if len(groups) != 1 else ''} at the default parameters:")
    for (stories, payoffs), ks in groups.items():
        pays = ", ".join(f"{p} {_exact.format_number(v)}" for p, v in zip(players, payoffs))
        lines.append(f"  SPE {_numbers(ks)}: {pays}")
        for story, prob in stories:
            first = story.split(" → ")[0]
            lines += _fill(("" if prob == 1 else f"with probability {_exact.format_number(prob)}: ") + first, "    ")
    common = _common(sol)
    if common:
        lines += ["In every one of them:"] + [ln for s in common for ln in _fill(s, "  - ")]
    lines += ["", "What changes the outcome (one key parameter at an end of its range, the others at their defaults):"]
    changes = []
    for p in spec.parameters:
        if p.name not in spec.key_parameters:
            continue
        for value in (p.low, p.high):
            if value == p.default:
                continue
            other = subgame_perfect_equilibria(load(SCENARIO, {p.name: value}))
            new = [s for s in _common(other) if s not in common]
            lost = [s for s in common if s not in _common(other)]
            what = f"  {p.name} = {_exact.format_number(value)}: {len(other)} SPE, {len(_outcomes(other))} outcomes"
            if not new and not lost:
                lines.append(what + "; every SPE still shares the events above")
                continue
            changes.append((p.name, value))
            kept = len(common) - len(lost)
            lines += _fill(what + f"; {kept} of the {len(common)} shared events still in every SPE"
                           + ("; now also: " + "; ".join(new) if new else ""), "  ")
    lines += ["", "Conclusion"]
    plays = [steps for (stories, _) in groups for steps in _steps(stories)]
    firsts = {steps[0] for steps in plays if steps}
    if common:
        only = all(steps[1:] == common for steps in plays)  # a claim only when it is checked
        text = (f"At the default parameters every one of the {len(sol)} subgame-perfect equilibria goes the same "
                f"way after the opening: {'; then '.join(common)}. They differ {'only ' if only else ''}in how the "
                f"talks open ({len(firsts)} different first moves).")
    else:
        text = f"At the default parameters the {len(sol)} subgame-perfect equilibria share no event on their paths."
    if changes:
        text += " This changes at " + " and at ".join(f"{n} = {_exact.format_number(v)}" for n, v in changes) + "."
    lines += _fill(text, "  ")
    lines += ["", "Detail: gametheory solve negotiations            every SPE, its path and its strategy",
              "        gametheory solve negotiations --symbolic the exact thresholds of the key parameters",
              "        gametheory report negotiations --out paper/  tables, figures and a paper (paper.tex)"]
    return lines


def demo_text(*, scenario: bool = True) -> str:
    """The demo as text (what ``gametheory demo`` prints).

    Parameters
    ----------
    scenario : bool
        Include the composed scenario (solved at the defaults and at the ends of its
        key parameters' ranges).
    """
    lines = ["gametheory demo: the brief's four sub-games and the composed scenario, solved exactly",
             "(payoffs are ranks with cardinal parameters; `gametheory show GAME` lists every assumption)"]
    for k, name in enumerate(SUB_GAMES, 1):
        lines += _sub_game(k, name)
    if scenario:
        lines += _scenario()
    return "\n".join(lines)
