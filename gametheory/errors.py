"""Exceptions and warnings of gametheory: one root, named children.

Every error the package raises on purpose derives from :class:`GameTheoryError`,
so ``except GameTheoryError`` catches all of them; every warning derives from
:class:`GameTheoryWarning`, so ``warnings.filterwarnings`` can target them.

Examples
--------
>>> from gametheory.errors import GameTheoryError, InvalidGameError
>>> issubclass(InvalidGameError, GameTheoryError) and issubclass(InvalidGameError, ValueError)
True
"""

from __future__ import annotations

__all__ = [
    "GameTheoryError",
    "InvalidGameError",
    "InvalidProfileError",
    "InvalidNumberError",
    "SpecError",
    "AssumptionError",
    "SolverError",
    "NotSupportedError",
    "OutputError",
    "GameTheoryWarning",
    "DegenerateGameWarning",
    "IncompleteResultWarning",
    "LongRunWarning",
    "EquilibriumLimitError",
]


class GameTheoryError(Exception):
    """Root of every error raised by gametheory."""


class InvalidGameError(GameTheoryError, ValueError):
    """A game could not be built: bad shape, bad numbers or bad labels."""


class InvalidNumberError(GameTheoryError, ValueError):
    """A value is not a finite number (NaN, infinity, bool, unparsable text, ...)."""


class InvalidProfileError(GameTheoryError, ValueError):
    """A strategy profile does not fit the game (wrong length, not a distribution, ...)."""


class SpecError(GameTheoryError, ValueError):
    """A game file is invalid.

    Parameters
    ----------
    message : str
        What is wrong.
    file : str, optional
        The file (or ``"<string>"``) the problem is in.
    key : str, optional
        The key path inside the file, e.g. ``payoffs.Russia[2][1]``.
    line, column : int, optional
        Position in the file when known.

    Examples
    --------
    >>> str(SpecError("not a number", file="sanctions.toml", key="payoffs.US[0][1]"))
    'sanctions.toml: payoffs.US[0][1]: not a number'
    >>> print(SpecError("expected a value", file="x.toml", line=3, column=7))
    x.toml:3:7: expected a value
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        key: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.key = key
        self.line = line
        self.column = column
        where = file or "<input>"
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        parts = [where]
        if key:
            parts.append(key)
        parts.append(message)
        super().__init__(": ".join(parts))


class AssumptionError(GameTheoryError, ValueError):
    """A payoff assumption is malformed, names an unknown player or outcome, or contradicts others."""


class SolverError(GameTheoryError, RuntimeError):
    """A solver could not finish (iteration bound reached, LP failure, ...)."""


class NotSupportedError(GameTheoryError, TypeError):
    """The solver does not handle this kind of game (e.g. N players, symbolic payoffs)."""


class OutputError(GameTheoryError, OSError):
    """An output cannot be written as asked (a directory that is not ours to replace, an unwritable path)."""


class GameTheoryWarning(UserWarning):
    """Root of every warning issued by gametheory."""


class DegenerateGameWarning(GameTheoryWarning):
    """The game is degenerate: equilibria may form continua (reported as components)."""


class IncompleteResultWarning(GameTheoryWarning):
    """The result is known not to contain every equilibrium."""


class LongRunWarning(GameTheoryWarning):
    """A computation is predicted to run long (the message gives the estimate and faster alternatives)."""


class EquilibriumLimitError(SolverError):
    """More equilibria than the caller's cap (e.g. ``max_equilibria``) would have to be listed."""
