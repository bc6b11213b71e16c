"""The composed negotiation scenario (``games/negotiations.toml``) as a printable report.

Examples
--------
>>> text = scenario_report(name="resource_deal")
>>> text.splitlines()[0]
'The resource deal: resources for support as a trust game'
>>> "1 subgame-perfect equilibrium (complete), 1 equilibrium outcome" in text and "US1 (US, brief):" in text
True
"""

from __future__ import annotations

import textwrap
from typing import Any, Mapping, Sequence

from .. import exact as _exact
from .display import report

__all__ = ["scenario_report", "SCENARIO", "VARIATIONS"]

#: The bundled composed scenario.
SCENARIO = "negotiations"

#: Parameter changes whose equilibrium outcomes the report adds (none by default: the thresholds say where
#: outcomes change; ``gametheory report negotiations`` gives them exactly).
VARIATIONS: tuple[dict[str, Any], ...] = ()


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
    """Solve a game-tree file and describe its equilibrium outcomes, then every equilibrium.

    The report gives the description, the parameter values used, the assumption
    register (each assumption with the sentence of the brief it rests on, quoted
    verbatim, and why it supports it, or "modelling choice"), the headline (how many
    equilibria and distinct outcomes, counted exactly, each outcome with the number
    of equilibria leading to it) and then every equilibrium with its plays, payoffs
    and the choices on its path.

    Parameters
    ----------
    params : mapping, optional
        Parameter values overriding the defaults, e.g. ``{"reputation": 3}``.
    name : str
        A bundled game-tree file or the path of one.
    assumptions : bool
        Include the assumption register.
    strategies : {"path", "all", "none"}
        Which choices to list per equilibrium (see :func:`~gametheory.sequential.report`).
    variations : sequence of mappings
        Parameter changes (on top of ``params``) whose equilibrium outcomes are added.

    Examples
    --------
    >>> text = scenario_report({"share": "1/4"}, name="resource_deal", assumptions=False,
    ...                        variations=[{"share": "9/10"}])
    >>> "share = 1/4" in text and "What if share = 9/10?" in text
    True
    """
    from ..io.spec import load, load_spec
    from ..solvers import solve
    from .outcomes import equilibrium_outcomes

    spec = load_spec(name)
    game = load(name, params)
    out = equilibrium_outcomes(game)
    sol = solve(game) if out.total <= 10_000 else None
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
            if a.why:
                lines.append(_wrap(f"why: {a.why}", "    "))
    lines += ["", "Equilibrium outcomes", "--------------------", str(out)]
    if sol is not None:
        lines += ["", "Every equilibrium", "-----------------", report(sol, strategies=strategies)]
    else:
        lines.append(f"(too many to list: {out.total}; one representative per outcome above)")
    for change in variations:
        changed = {**dict(params or {}), **dict(change)}
        other = equilibrium_outcomes(load(name, changed))
        what = ", ".join(f"{k} = {_exact.format_number(_exact.to_number(v))}" for k, v in change.items())
        head = f"What if {what}?"
        lines += ["", head, "-" * len(head), str(other)]
    return "\n".join(lines)
