"""The bundled games: the brief's four sub-games, the composed scenario and a simultaneous co-sender game, in ``games/``.

The files live in ``games/`` of a source checkout; a wheel ships them as
``gametheory/_games`` (``pyproject.toml`` force-includes them), and both places
are searched.

``python -m gametheory.library --readme`` regenerates the equilibria section of
``games/README.md`` from the solvers; ``--check`` fails when it is stale.

Examples
--------
>>> from gametheory import library
>>> library.names()
['cosenders', 'nato_membership', 'negotiations', 'resource_deal', 'sanctions', 'troop_mission']
>>> library.load("resource_deal").players
('US', 'Ukraine')
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Mapping, Sequence

from .errors import SpecError

__all__ = ["names", "path", "load", "spec", "games_dir", "readme_section", "update_readme"]

_HERE = Path(__file__).resolve().parent
#: Where bundled games are searched, in order: inside an installed wheel, then a source checkout.
SEARCH_PATH = (_HERE / "_games", _HERE.parent / "games")

BEGIN = "<!-- BEGIN GENERATED: equilibria (python -m gametheory.library --readme) -->"
END = "<!-- END GENERATED -->"


def games_dir() -> Path:
    """The directory holding the bundled games.

    Raises
    ------
    SpecError
        When neither an installed ``gametheory/_games`` nor a checkout's ``games/`` exists.

    Examples
    --------
    >>> (games_dir() / "sanctions.toml").is_file()
    True
    """
    for d in SEARCH_PATH:
        if d.is_dir() and any(d.glob("*.toml")):
            return d
    raise SpecError("the bundled games are missing: looked in " + ", ".join(str(d) for d in SEARCH_PATH))


def names() -> list[str]:
    """Names of the bundled games, sorted.

    Examples
    --------
    >>> "sanctions" in names()
    True
    """
    return sorted(p.stem for p in games_dir().glob("*.toml"))


def path(name: str) -> Path:
    """The file of the bundled game ``name``.

    Examples
    --------
    >>> path("sanctions").name
    'sanctions.toml'
    >>> path("nope")
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: nope: no such bundled game (available: cosenders, nato_membership, negotiations, resource_deal, sanctions, troop_mission)
    """
    if isinstance(name, str) and name.endswith(".toml"):
        name = name[:-5]
    available = names()
    if name not in available:
        raise SpecError(f"no such bundled game (available: {', '.join(available)})", file=str(name))
    return games_dir() / f"{name}.toml"


def spec(name: str) -> Any:
    """The validated :class:`~gametheory.io.spec.GameSpec` of a bundled game.

    Examples
    --------
    >>> spec("troop_mission").key_parameters
    ('reputation', 'fight_cost', 'guarantee_gain')
    """
    from .io.spec import load_spec

    return load_spec(path(name))


def load(name: str, params: Mapping[str, Any] | None = None) -> Any:
    """The bundled game ``name`` as a :class:`~gametheory.Game` (or ``SequentialGame``).

    Parameters
    ----------
    name : str
        One of :func:`names`.
    params : mapping, optional
        Parameter overrides, e.g. ``{"relief": 3}``.

    Examples
    --------
    >>> load("cosenders", params={"cost": 3}).shape
    (2, 2)
    >>> load("sanctions", params={"relief": 3}).num_positions   # a game tree
    15
    """
    from .io.spec import load as _load

    return _load(path(name), params)


# -- the generated README section ---------------------------------------------------------------
def _solution_lines(name: str) -> list[str]:
    from .display.text import game_table
    from .exact import format_number
    from .solvers import solve

    sp = spec(name)
    lines = [f"### `{name}`: {sp.title}", ""]
    if sp.parameters:
        lines.append("Parameters at their defaults: " + ", ".join(
            f"`{p.name}` = {format_number(p.default)} (range [{format_number(p.low)}, {format_number(p.high)}])"
            for p in sp.parameters) + ".")
        lines.append("")
    if sp.composition is not None:
        return lines + _tree_lines(name)
    game = sp.build()
    sol = solve(game)
    lines += ["```text", game_table(game), "```", ""]
    status = "all equilibria" if sol.complete else "not necessarily all equilibria"
    lines.append(f"`solve` ({sol.method}, {'exact' if sol.exact else 'float'}; {status}):")
    lines.append("")
    if not sol.equilibria:
        lines.append("- no equilibrium found by this method")
    for k, eq in enumerate(sol.equilibria, 1):
        prof = "; ".join(
            f"{p}: " + ", ".join(s if v == 1 else f"{s} {format_number(v)}" for s, v in eq.strategy(i).items())
            for i, p in enumerate(game.players)
        )
        pay = ", ".join(f"{p} {format_number(v)}" for p, v in zip(game.players, eq.payoffs))
        lines.append(f"{k}. **{prof}** — payoffs {pay}. {sp.narrate(eq)}")
    for note in sol.notes:
        lines.append(f"- note: {note}")
    lines.append("")
    return lines


def _tree_lines(name: str) -> list[str]:
    from .exact import format_number
    from .io.spec import load as _load
    from .sequential.outcomes import equilibrium_outcomes

    game = _load(path(name))
    out = equilibrium_outcomes(game)
    lines = [f"A game tree of {game.num_positions} positions; players {', '.join(game.players)}.", "",
             f"`equilibrium_outcomes`: {out.headline()}.", ""]
    for k, g in enumerate(out.groups, 1):
        pay = ", ".join(f"{p} {format_number(v)}" for p, v in zip(game.players, g.payoffs))
        count = f"{g.count} equilibri{'um' if g.count == 1 else 'a'}"
        lines.append(f"{k}. ({count}; payoffs {pay}) " + g.story().replace("\n", "; "))
    for note in out.notes:
        lines.append(f"- note: {note}")
    lines.append("")
    return lines


def readme_section() -> str:
    """The generated part of ``games/README.md``: each bundled game's table and equilibria.

    Examples
    --------
    >>> readme_section().startswith(BEGIN)
    True
    """
    lines = [BEGIN, "", "## The bundled games and their equilibria", ""]
    lines.append("Generated from the solvers by `python -m gametheory.library --readme`; a test checks it is current.")
    lines.append("")
    for name in names():
        lines += _solution_lines(name)
    lines.append(END)
    return "\n".join(lines)


def update_readme(readme: str | Path | None = None, *, check: bool = False) -> bool:
    """Rewrite the generated section of ``games/README.md``; return ``True`` when it changed.

    With ``check=True`` nothing is written: the result says whether it is stale.
    """
    target = Path(readme) if readme is not None else games_dir() / "README.md"
    text = target.read_text(encoding="utf-8")
    start, stop = text.find(BEGIN), text.find(END)
    if start < 0 or stop < start:
        raise SpecError(f"the markers {BEGIN!r} and {END!r} are missing", file=str(target))
    new = text[:start] + readme_section() + text[stop + len(END):]
    if new == text:
        return False
    if not check:
        target.write_text(new, encoding="utf-8")
    return True


def _main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gametheory.library", description="The bundled games.")
    parser.add_argument("--readme", action="store_true", help="regenerate the equilibria in games/README.md")
    parser.add_argument("--check", action="store_true", help="exit 1 if games/README.md is stale")
    args = parser.parse_args(argv)
    if args.readme:
        changed = update_readme()
        print("games/README.md " + ("updated" if changed else "already current"))
        return 0
    if args.check:
        stale = update_readme(check=True)
        print("games/README.md is " + ("STALE: run python -m gametheory.library --readme" if stale else "current"))
        return 1 if stale else 0
    print("\n".join(names()))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main())
