"""Named parameters of symbolic games: default, range, meaning, and their sympy symbols.

A :class:`Parameter` is the single source of a payoff parameter's assumptions. Its
range is *closed* (``low <= p <= high``) unless ``positive=True`` (``p > 0``).
The assumptions that sympy can use natively (real, positive, nonnegative) are put
on the symbol itself; the full range is applied by :mod:`gametheory.symbolic.conditions`.

Examples
--------
>>> V = Parameter("V", default=2, low=0, meaning="value of the prize")
>>> V.symbol, V.symbol.is_nonnegative, V.default
(V, True, Fraction(2, 1))
>>> Parameter("C", positive=True).symbol.is_positive
True
>>> Parameter("p", low=0, high=1).contains("1/2")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy

from .. import exact as _exact
from ..errors import InvalidGameError, InvalidNumberError

__all__ = ["Parameter", "as_parameter", "to_sympy_number", "from_sympy_number"]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def to_sympy_number(value: Any) -> sympy.Expr:
    """An exact sympy number from an exact value (``int``, ``Fraction``, ``"2/3"``, sympy number).

    Floats are rejected: symbolic games are exact. Text goes through
    :func:`gametheory.exact.to_number` (a fraction parser), never through ``sympify``.

    Examples
    --------
    >>> to_sympy_number("2/3"), to_sympy_number(Fraction(1, 4)), to_sympy_number(sympy.sqrt(2))
    (2/3, 1/4, sqrt(2))
    >>> to_sympy_number(0.5)
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidNumberError: 0.5 is a float; symbolic games need exact numbers (write '1/2')
    """
    if isinstance(value, sympy.Basic):
        if not value.is_number:
            raise InvalidNumberError(f"{value} is not a number")
        if value.is_Float:
            raise InvalidNumberError(f"{value} is a float; symbolic games need exact numbers")
        if value.is_real is False or value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
            raise InvalidNumberError(f"{value} is not a finite real number")
        return value
    number = _exact.to_number(value)
    if isinstance(number, float):
        raise InvalidNumberError(
            f"{value!r} is a float; symbolic games need exact numbers (write '{Fraction(number).limit_denominator()}')"
        )
    return sympy.Rational(number.numerator, number.denominator)


def from_sympy_number(value: sympy.Expr) -> Fraction:
    """The ``Fraction`` of a rational sympy number (error for irrational values).

    Examples
    --------
    >>> from_sympy_number(sympy.Rational(2, 3))
    Fraction(2, 3)
    """
    if not value.is_Rational:
        value = sympy.simplify(value)
    if not value.is_Rational:
        raise InvalidNumberError(f"{value} is not a rational number")
    return Fraction(int(value.p), int(value.q))


@dataclass(frozen=True)
class Parameter:
    """A payoff parameter: a name with a default, a closed range and a meaning.

    Parameters
    ----------
    name : str
        A Python-style identifier (letters, digits, ``_``).
    default : number, optional
        Exact default value (used when a value is not given).
    low, high : number, optional
        Closed bounds ``low <= p <= high``; ``None`` for unbounded.
    meaning : str
        What the parameter stands for (shown in reports).
    positive : bool
        ``p > 0`` strictly (in addition to ``low``/``high``).

    Examples
    --------
    >>> c = Parameter("c", default="1/2", low=0, high=1, meaning="cost of inspection")
    >>> c.domain()
    (c >= 0, c <= 1)
    >>> Parameter("x y")
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: parameter name 'x y' is not an identifier
    """

    name: str
    default: Any = None
    low: Any = None
    high: Any = None
    meaning: str = ""
    positive: bool = False
    symbol: sympy.Symbol = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _NAME.match(self.name):
            raise InvalidGameError(f"parameter name {self.name!r} is not an identifier")
        for attr in ("default", "low", "high"):
            v = getattr(self, attr)
            if v is not None:
                try:
                    number = _exact.to_number(v) if not isinstance(v, sympy.Basic) else from_sympy_number(v)
                except InvalidNumberError as err:
                    raise InvalidGameError(f"parameter {self.name}: {attr}: {err}") from None
                if isinstance(number, float):
                    number = Fraction(number).limit_denominator(10**12)
                object.__setattr__(self, attr, number)
        low, high = self.low, self.high
        if low is not None and high is not None and low > high:
            raise InvalidGameError(f"parameter {self.name}: low {low} exceeds high {high}")
        if self.positive and high is not None and high <= 0:
            raise InvalidGameError(f"parameter {self.name}: positive but high is {high}")
        if self.default is not None and not self.contains(self.default):
            raise InvalidGameError(f"parameter {self.name}: default {self.default} is outside its range")
        assumptions: dict[str, bool] = {"real": True}
        if self.positive or (low is not None and low > 0):
            assumptions["positive"] = True
        elif low is not None and low >= 0:
            assumptions["nonnegative"] = True
        elif high is not None and high < 0:
            assumptions["negative"] = True
        elif high is not None and high <= 0:
            assumptions["nonpositive"] = True
        object.__setattr__(self, "symbol", sympy.Symbol(self.name, **assumptions))

    @property
    def lower(self) -> sympy.Expr | None:
        """The lower bound as a sympy number (``0`` for ``positive`` without ``low``)."""
        if self.low is not None:
            return sympy.Rational(self.low.numerator, self.low.denominator)
        return sympy.Integer(0) if self.positive else None

    @property
    def upper(self) -> sympy.Expr | None:
        """The upper bound as a sympy number, or ``None``."""
        return None if self.high is None else sympy.Rational(self.high.numerator, self.high.denominator)

    @property
    def lower_open(self) -> bool:
        """``True`` when the lower bound is strict (``positive`` with ``low <= 0``)."""
        return self.positive and (self.low is None or self.low <= 0)

    def domain(self) -> tuple[sympy.Basic, ...]:
        """The range as sympy relations on the symbol.

        Examples
        --------
        >>> Parameter("C", positive=True, high=10).domain()
        (C > 0, C <= 10)
        """
        s = self.symbol
        out: list[sympy.Basic] = []
        lo = self.lower
        if lo is not None:
            out.append(sympy.StrictGreaterThan(s, lo, evaluate=False) if self.lower_open else sympy.GreaterThan(s, lo, evaluate=False))
        if self.upper is not None:
            out.append(sympy.LessThan(s, self.upper, evaluate=False))
        return tuple(out)

    def contains(self, value: Any) -> bool:
        """Whether an exact value lies in the range (sympy numbers allowed).

        Examples
        --------
        >>> Parameter("C", positive=True).contains(0)
        False
        """
        v = to_sympy_number(value)
        lo, hi = self.lower, self.upper
        if lo is not None and (bool(v <= lo) if self.lower_open else bool(v < lo)):
            return False
        if hi is not None and bool(v > hi):
            return False
        return True

    def describe(self) -> str:
        """One line: name, range, default and meaning.

        Examples
        --------
        >>> Parameter("C", default=4, positive=True, meaning="cost of a fight").describe()
        'C in (0, oo), default 4: cost of a fight'
        """
        lo = "-oo" if self.lower is None else str(self.lower)
        hi = "oo" if self.upper is None else str(self.upper)
        left = "(" if self.lower is None or self.lower_open else "["
        right = ")" if self.upper is None else "]"
        text = f"{self.name} in {left}{lo}, {hi}{right}"
        if self.default is not None:
            text += f", default {_exact.format_number(self.default)}"
        if self.meaning:
            text += f": {self.meaning}"
        return text


def as_parameter(value: Any) -> Parameter:
    """A :class:`Parameter` from a ``Parameter``, a name, or a sympy ``Symbol``.

    A symbol's own ``positive``/``nonnegative`` assumptions become the range.

    Examples
    --------
    >>> as_parameter(sympy.Symbol("C", positive=True))
    Parameter(name='C', default=None, low=None, high=None, meaning='', positive=True)
    """
    if isinstance(value, Parameter):
        return value
    if isinstance(value, str):
        return Parameter(value)
    if isinstance(value, sympy.Symbol):
        if value.is_positive:
            return Parameter(value.name, positive=True)
        if value.is_nonnegative:
            return Parameter(value.name, low=0)
        return Parameter(value.name)
    raise InvalidGameError(f"{value!r} is not a parameter (give a Parameter, a name or a sympy Symbol)")
