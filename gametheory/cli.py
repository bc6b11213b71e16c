"""The ``gametheory`` command.

Examples
--------
>>> main(["demo"])  # doctest: +ELLIPSIS
Prisoner's Dilemma...
0
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from .errors import GameTheoryError

__all__ = ["main"]


def _demo(args: argparse.Namespace) -> int:
    from .game import Game
    from .solvers import solve

    game = Game.from_bimatrix(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=("US", "Russia"),
        strategies=(("Cooperate", "Defect"), ("Cooperate", "Defect")),
        title="Prisoner's Dilemma",
    )
    print(game)
    print()
    print(solve(game))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gametheory", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="solve the bundled negotiation scenario and print the report")
    demo.set_defaults(func=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 success, 2 bad input)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except GameTheoryError as err:
        if args.debug:
            raise
        print(f"gametheory: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
