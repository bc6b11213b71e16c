"""The ``--symbolic`` report: equilibrium regions and thresholds of a game file's key parameters.

:func:`symbolic_report` is what ``gametheory solve GAME --symbolic`` prints.

Examples
--------
>>> text = symbolic_report("cosenders")
>>> print(text.splitlines()[0])
Co-senders after a violation: re-imposing sanctions together or not at all -- symbolic analysis
>>> "Thresholds in cost" in text
True
>>> print(symbolic_report("resource_deal").splitlines()[1])   # a game tree: its exact regions
Equilibrium outcomes in share (the others at their defaults), share in [0, 1]
"""

from __future__ import annotations

from typing import Any, Mapping

from ..errors import NotSupportedError
from .game import SymbolicGame
from .regions import EquilibriumRegion, equilibrium_regions
from .statics import comparative_statics
from .thresholds import Breakpoint, thresholds

__all__ = ["symbolic_report", "symbolic_game"]


def symbolic_game(spec_or_game: Any) -> Any:
    """A :class:`SymbolicGame` (or a sequential spec) from a game, a spec, a file path or a bundled name.

    Examples
    --------
    >>> symbolic_game("cosenders").players
    ('US', 'EU')
    """
    from .sequential import SymbolicTree

    if isinstance(spec_or_game, (SymbolicGame, SymbolicTree)):
        return spec_or_game
    spec = spec_or_game
    if isinstance(spec_or_game, str) or hasattr(spec_or_game, "__fspath__"):
        from ..io.spec import load_spec

        spec = load_spec(spec_or_game)
    if getattr(spec, "composition", None) is not None:
        return spec
    if hasattr(spec, "sympy_payoffs"):
        from ._spec import symbolic_from_spec

        return symbolic_from_spec(spec)
    raise NotSupportedError(f"cannot analyse {type(spec_or_game).__name__} symbolically")


def _compact(regions: tuple[EquilibriumRegion, ...]) -> list[str]:
    lines = [r.profile_text() for r in regions if not r.continuum]
    continua = [r for r in regions if r.continuum]
    if continua:
        lines.append(
            f"and {len(continua)} continu{'um' if len(continua) == 1 else 'a'} of equilibria "
            f"(payoff ties), e.g. {continua[0].profile_text()}"
        )
    return lines or ["no equilibrium"]


def symbolic_report(spec_or_game: Any, *, others: Mapping[str, Any] | None = None, statics: bool = True) -> str:
    """Regions, thresholds of the key parameters, and comparative-statics warnings, as text.

    Parameters
    ----------
    spec_or_game : SymbolicGame, GameSpec, path or bundled game name
    others : mapping, optional
        Values of the parameters held fixed while one key parameter moves (defaults otherwise).
    statics : bool
        Add the warnings of :func:`comparative_statics` for mixed equilibria.

    Returns
    -------
    str

    Examples
    --------
    >>> import sympy
    >>> from gametheory.symbolic import SymbolicGame, Parameter
    >>> V = Parameter("V", default=2, positive=True, meaning="value of the prize")
    >>> C = Parameter("C", default=4, positive=True, meaning="cost of a fight")
    >>> v, c = V.symbol, C.symbol
    >>> hd = SymbolicGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]],
    ...                                 parameters=(V, C), strategies=(("Hawk", "Dove"),) * 2,
    ...                                 title="Hawk-Dove", key_parameters=["C"])
    >>> print(symbolic_report(hd))  # doctest: +ELLIPSIS
    Hawk-Dove -- symbolic analysis
    Parameters:
      V in (0, oo), default 2: value of the prize
      C in (0, oo), default 4: cost of a fight
    <BLANKLINE>
    Equilibria and where they exist (exact, complete):
      1. Player 1: Hawk; Player 2: Hawk
         when V >= C
    ...
    Thresholds in C (V = 2): 2
      0 < C < 2: Player 1: Hawk; Player 2: Hawk
      C = 2 (degenerate): Player 1: Hawk; Player 2: Hawk | ...
      C > 2: Player 1: Hawk; Player 2: Dove | Player 1: Dove; Player 2: Hawk | Player 1: Hawk 2/C, Dove (C - 2)/C; ...
    ...
    """
    game = symbolic_game(spec_or_game)
    if not isinstance(game, SymbolicGame):
        from .sequential import SymbolicTree, sequential_report

        if isinstance(game, SymbolicTree):
            return sequential_report(game, others=others)
        from .composition import tree_from_composition

        if getattr(game, "composition", None) is not None and getattr(game, "path", None):
            from ..errors import NotSupportedError as _NS
            from ..sequential.regions import outcome_report

            try:  # exact for any number of players, every region solved at a witness point
                return outcome_report(game.path, others=others)
            except _NS:
                pass
        try:
            tree = tree_from_composition(game)
        except NotSupportedError:
            return _composition_report(game, others=others, statics=statics)
        note = (
            "Composition read symbolically: stage equilibria with continuation values, every SPE kept;\n"
            "stages with more than two players contribute pure equilibria only."
        )
        return sequential_report(tree, others=others) + "\n\n" + note
    lines = [f"{game.title or 'Game'} -- symbolic analysis", "Parameters:"]
    lines += [f"  {p.describe()}" for p in game.parameters] or ["  (none)"]
    sol = equilibrium_regions(game)
    lines.append("")
    lines.append(f"Equilibria and where they exist (exact, {'complete' if sol.complete else 'not complete'}):")
    main = [r for r in sol.regions if not r.degenerate]
    rare = [r for r in sol.regions if r.degenerate]
    for k, r in enumerate(main, 1):
        lines.append(f"  {k}. {r.profile_text()}")
        lines.append(f"     when {r.conditions_text()}")
        if r.boundaries:
            lines.append("     degenerate boundary: " + "; ".join(str(b) for b in r.boundaries))
        if r.witness is None:
            lines.append("     (no parameter point found: possibly empty)")
    if rare:
        surfaces = sorted({" and ".join(str(c) for c in r.conditions if c.equality) for r in rare if any(c.equality for c in r.conditions)})
        cont = sum(1 for r in rare if r.continuum and not any(c.equality for c in r.conditions))
        text = f"  plus {len(rare)} degenerate case(s)"
        if surfaces:
            text += " on the boundaries " + "; ".join(surfaces[:6]) + (" ..." if len(surfaces) > 6 else "")
        if cont:
            text += f" ({cont} continua from payoff ties on open regions)"
        lines.append(text)
    lines += [f"  note: {n}" for n in sol.notes if "no parameter point" not in n][:5]
    keys = game.key_parameters
    for name in keys:
        th = thresholds(game, name, others={k: v for k, v in (others or {}).items() if k != name})
        fixed = ", ".join(f"{k} = {v}" for k, v in th.fixed.items())
        lines.append("")
        lines.append(
            f"Thresholds in {name}" + (f" ({fixed})" if fixed else "") + ": " + (", ".join(str(v) for v in th.values) or "none")
            + ("  [pure equilibria only]" if game.num_players != 2 else "")
        )
        for text, piece in th.pieces():
            tag = " (degenerate)" if isinstance(piece, Breakpoint) and piece.degenerate else ""
            lines.append(f"  {text}{tag}: " + " | ".join(_compact(piece.equilibria)))
    if statics and game.num_players == 2:
        warned = []
        for r in main:
            if r.pure:
                continue
            flags = [f for name in game.parameter_names for f in comparative_statics(r, name).flags]
            if flags:
                warned.append(f"  {r.profile_text()}:")
                warned += [f"    - {f}" for f in flags]
        if warned:
            lines.append("")
            lines.append("Comparative statics warnings (mixed equilibria):")
            lines += warned
    return "\n".join(lines)


def _composition_report(spec: Any, *, others: Mapping[str, Any] | None, statics: bool) -> str:
    """A composition file: the symbolic reports of the sub-games it plays (each at its own defaults)."""
    from pathlib import Path

    from ..io.spec import load_spec

    nodes = (spec.composition or {}).get("nodes", {})
    games = []
    for body in nodes.values():
        name = body.get("game") if isinstance(body, Mapping) else None
        if isinstance(name, str) and name not in games:
            games.append(name)
    lines = [
        f"{spec.title} -- symbolic analysis",
        "This file composes sub-games; its subgame-perfect paths are computed numerically by the composer",
        "(gametheory.sequential). Symbolic thresholds of sequential games need a gametheory.symbolic.SymbolicTree.",
        "Each sub-game below is analysed at its own parameter defaults (not the values this file passes down).",
    ]
    base = Path(spec.path).parent if getattr(spec, "path", None) else None
    for name in games:
        target: Any = name
        if base is not None and (base / name).exists():
            target = base / name
        try:
            sub = load_spec(target)
        except Exception as err:  # a sub-game that cannot be read is reported, not fatal
            lines += ["", f"[{name}] could not be read: {err}"]
            continue
        lines += ["", f"[{name}]", symbolic_report(sub, statics=statics)]
    return "\n".join(lines)
