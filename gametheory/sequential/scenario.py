"""The composed negotiation scenario (``games/negotiations.toml``) as a printable report.

Examples
--------
>>> text = scenario_report()
>>> text.splitlines()[0]
'The 2025 US-Russia negotiations on Ukraine: the composed sequence'
>>> "SPE 1: expected payoffs" in text and "S1 (US, brief):" in text
True
"""

from __future__ import annotations

import textwrap
from typing import Any, Mapping, Sequence

from .. import exact as _exact
from .backward import subgame_perfect_equilibria
from .display import outcome_summary, report

__all__ = ["scenario_report", "SCENARIO", "VARIATIONS"]

#: The bundled composed scenario.
SCENARIO = "negotiations"

#: Parameter changes whose equilibrium outcomes the report adds (a fully honoured US backstop).
VARIATIONS: tuple[dict[str, Any], ...] = ({"backstop": 1},)


def _wrap(text: str, indent: str = "") -> str:
    return "\n".join(textwrap.fill(p, width=100, initial_indent=indent, subsequent_indent=indent)
                     for p in text.strip().split("\n\n"))


def scenario_report(
    params: Mapping[str, Any] | None = None,
    *,
    name: str = SCENARIO,
    assumptions: bool = True,
    strategies: str = "path",
    variations: Sequence[Mapping[str, Any]] = VARIATIONS,
) -> str:
    """Solve the composed scenario and describe every subgame-perfect equilibrium.

    The report gives the scenario's description, the parameter values used, the
    assumption register (each assumption with the sentence of the brief it rests on,
    quoted verbatim, or "modelling choice"), then every SPE: its plain-language
    narrative with the probability of each play, the expected payoffs and the
    choices on the equilibrium path. This is what ``gametheory demo`` prints.

    Parameters
    ----------
    params : mapping, optional
        Parameter values overriding the scenario's defaults, e.g. ``{"reputation": 4}``.
    name : str
        A bundled composition or the path of a composition file.
    assumptions : bool
        Include the assumption register.
    strategies : {"path", "all", "none"}
        Which choices to list per equilibrium (see :func:`~gametheory.sequential.report`).
    variations : sequence of mappings
        Parameter changes (on top of ``params``) whose distinct equilibrium outcomes
        are added at the end, to show what would change the story.

    Examples
    --------
    >>> text = scenario_report({"reputation": 4}, assumptions=False, variations=[{"backstop": 1}])
    >>> "reputation = 4" in text and "What if backstop = 1?" in text
    True
    """
    from ..io.spec import load, load_spec

    spec = load_spec(name)
    game = load(name, params)
    sol = subgame_perfect_equilibria(game)
    values = spec.parameter_values(params)
    lines = [spec.title, "=" * len(spec.title), ""]
    if spec.metadata.description:
        lines += [_wrap(spec.metadata.description), ""]
    lines.append("Parameters: " + ", ".join(f"{k} = {_exact.format_number(v)}" for k, v in values.items()))
    lines.append(f"The tree has {game.num_positions} positions; players: {', '.join(game.players)}.")
    if assumptions and spec.assumptions:
        lines += ["", "Assumption register", "-------------------"]
        for a in spec.assumptions:
            lines.append(_wrap(f"{a.id} ({a.player}, {a.basis}): {a.statement}", ""))
            if a.quote:
                lines.append(_wrap(f"“{a.quote}”", "    "))
    lines += ["", "Subgame-perfect equilibria", "--------------------------", report(sol, strategies=strategies)]
    lines.append(f"(solved by backward induction in {sol.elapsed:.2f} s; {sol.stage_solves} stage games solved)")
    for change in variations:
        changed = {**dict(params or {}), **dict(change)}
        other = subgame_perfect_equilibria(load(name, changed))
        what = ", ".join(f"{k} = {_exact.format_number(_exact.to_number(v))}" for k, v in change.items())
        head = f"What if {what}?"
        lines += ["", head, "-" * len(head),
                  f"{len(other)} subgame-perfect equilibria "
                  f"({'complete' if other.complete else 'not necessarily complete'}); " + outcome_summary(other)]
    return "\n".join(lines)
