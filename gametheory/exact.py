"""Numbers in one place: how payoffs and probabilities become exact, float or symbolic.

The rule (used by :class:`gametheory.Game` and every solver):

* ``int``, ``Fraction``, ``decimal.Decimal``, numpy integers, sympy rationals and
  strings such as ``"2/3"``, ``"-4"`` or ``"0.25"`` are **exact**: stored as
  :class:`fractions.Fraction`.
* ``float`` and numpy floats are **inexact**: stored as ``float``.
* A collection with at least one inexact entry is a **float game**: its exact
  entries are converted to ``float`` too. To keep a game exact, write ``0.5`` as
  ``Fraction(1, 2)`` or ``"1/2"``. Nothing is guessed from a float's digits.
* NaN, infinities, ``bool``, ``None`` and other objects are rejected.

Examples
--------
>>> from fractions import Fraction
>>> to_number("2/3")
Fraction(2, 3)
>>> to_number(0.5)
0.5
>>> kind_of([1, Fraction(1, 2)]), kind_of([1, 0.5])
('exact', 'float')
>>> format_number(Fraction(2, 3)), format_number(Fraction(4)), format_number(0.1 + 0.2)
('2/3', '4', '0.3')
>>> latex_number(Fraction(-2, 3))
'-\\\\frac{2}{3}'
"""

from __future__ import annotations

import math
import numbers
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any, Iterable, Literal, Union

import numpy as np

from .errors import InvalidNumberError

__all__ = [
    "Number",
    "Kind",
    "DEFAULT_TOL",
    "to_number",
    "kind_of",
    "convert_array",
    "format_number",
    "latex_number",
    "json_number",
    "is_zero",
    "as_fraction",
    "integer_scaled",
    "solve_rational",
]

Number = Union[Fraction, float]
Kind = Literal["exact", "float"]

#: Default tolerance for float games (regret certificates, ties, supports).
DEFAULT_TOL = 1e-9

_RATIONAL_TEXT = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(\s*/\s*\d+)?\s*$")


def _parse_text(text: str) -> Fraction:
    if not _RATIONAL_TEXT.match(text):
        raise InvalidNumberError(f"{text!r} is not a number or fraction such as '2/3'")
    num, _, den = text.partition("/")
    value = Fraction(num.strip())
    if den:
        d = Fraction(den.strip())
        if d == 0:
            raise InvalidNumberError(f"{text!r} divides by zero")
        value /= d
    return value


def to_number(value: Any) -> Number:
    """Convert one payoff or probability to a ``Fraction`` (exact) or ``float``.

    Parameters
    ----------
    value : int, Fraction, Decimal, str, float, numpy scalar or sympy rational
        The value to convert.

    Returns
    -------
    Fraction or float

    Raises
    ------
    InvalidNumberError
        For NaN, infinities, booleans, ``None`` and anything else that is not a number.

    Examples
    --------
    >>> to_number(3), to_number("1/4"), to_number("0.1")
    (Fraction(3, 1), Fraction(1, 4), Fraction(1, 10))
    >>> to_number(float("nan"))
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidNumberError: nan is not finite
    """
    if isinstance(value, (bool, np.bool_)) or value is None:
        raise InvalidNumberError(f"{value!r} is not a number")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (float, np.floating)):
        f = float(value)
        if not math.isfinite(f):
            raise InvalidNumberError(f"{f!r} is not finite")
        return f
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidNumberError(f"{value!r} is not finite")
        return Fraction(value)
    if isinstance(value, str):
        return _parse_text(value)
    # sympy numbers without importing sympy eagerly
    mod = type(value).__module__
    if mod.startswith("sympy"):
        if getattr(value, "is_Rational", False):
            return Fraction(int(value.p), int(value.q))
        if getattr(value, "is_Float", False):
            return to_number(float(value))
        raise InvalidNumberError(f"{value!r} is not a rational number (symbolic games use gametheory.symbolic)")
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, numbers.Real):
        return to_number(float(value))
    raise InvalidNumberError(f"{value!r} of type {type(value).__name__} is not a number")


def kind_of(values: Iterable[Any]) -> Kind:
    """Return ``"float"`` if any value is inexact, else ``"exact"``.

    Examples
    --------
    >>> kind_of(["1/2", 3]), kind_of([1.0])
    ('exact', 'float')
    """
    for v in values:
        if isinstance(to_number(v), float):
            return "float"
    return "exact"


def convert_array(values: Any) -> tuple[np.ndarray, Kind]:
    """Convert a nested sequence or array to a numpy array of one kind.

    Returns an ``object`` array of ``Fraction`` for exact input and a ``float64``
    array otherwise (see the module rule). Shapes are checked by the caller.

    Examples
    --------
    >>> arr, kind = convert_array([[1, "1/2"], [0, 2]])
    >>> kind, arr[0, 1]
    ('exact', Fraction(1, 2))
    >>> convert_array([[1, 0.5]])[1]
    'float'
    """
    arr = np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) else values
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)):
            raise InvalidNumberError("payoffs contain NaN or infinite values")
        return arr.astype(np.float64), "float"
    if arr.dtype.kind in "iu":
        out = np.empty(arr.shape, dtype=object)
        out.flat = [Fraction(v) for v in arr.ravel().tolist()]  # tolist: Python ints
        return out, "exact"
    flat = [to_number(v) for v in arr.flat]
    if any(isinstance(v, float) for v in flat):
        return np.array([float(v) for v in flat], dtype=np.float64).reshape(arr.shape), "float"
    out = np.empty(arr.shape, dtype=object)
    out.flat = flat
    return out, "exact"


def as_fraction(value: Any) -> Fraction:
    """Return ``value`` as an exact ``Fraction`` (floats are converted exactly).

    Examples
    --------
    >>> as_fraction(0.5), as_fraction("3")
    (Fraction(1, 2), Fraction(3, 1))
    """
    v = to_number(value)
    return v if isinstance(v, Fraction) else Fraction(v)


def is_zero(value: Number, tol: float = 0.0) -> bool:
    """``True`` when ``|value| <= tol`` (exact comparison when ``tol`` is 0).

    Examples
    --------
    >>> is_zero(Fraction(0)), is_zero(1e-12, 1e-9), is_zero(1e-12)
    (True, True, False)
    """
    return abs(value) <= tol


def integer_scaled(arr: np.ndarray) -> np.ndarray:
    """Scale an exact array by the LCM of its denominators to integers.

    The result is ``int64`` when it fits, else an ``object`` array of ``int``.
    Multiplying a player's payoffs by a positive constant leaves best responses
    and equilibria unchanged, so solvers work on this for speed.

    Examples
    --------
    >>> integer_scaled(np.array([Fraction(1, 2), Fraction(1, 3)], dtype=object))
    array([3, 2])
    """
    lcm = 1
    for v in arr.flat:
        lcm = math.lcm(lcm, v.denominator)
    ints = [int(v * lcm) for v in arr.flat]
    limit = 2**62
    if all(-limit < v < limit for v in ints):
        return np.array(ints, dtype=np.int64).reshape(arr.shape)
    out = np.empty(arr.shape, dtype=object)
    out.flat = ints
    return out


def format_number(value: Any, digits: int = 6) -> str:
    """Format a number for people: ``2/3`` for exact, up to ``digits`` significant for floats.

    Examples
    --------
    >>> format_number(Fraction(-1, 3)), format_number(1/3), format_number(2.0)
    ('-1/3', '0.333333', '2')
    """
    if isinstance(value, Fraction):
        num = int_text(value.numerator)
        return num if value.denominator == 1 else f"{num}/{int_text(value.denominator)}"
    if isinstance(value, (int, np.integer)):
        return int_text(int(value))
    if isinstance(value, (float, np.floating)):
        text = f"{float(value):.{digits}g}"
        return "0" if text == "-0" else text
    return str(value)


def int_text(n: int) -> str:
    """All the decimal digits of ``n``, also beyond Python's 4,300-digit ``str(int)`` guard.

    The guard protects parsers from quadratic conversions of untrusted text; a number the
    package already holds is printed in full, in chunks, without changing the process-wide limit.

    Examples
    --------
    >>> len(int_text(10**5000)), int_text(-12)
    (5001, '-12')
    """
    try:
        return str(n)
    except ValueError:
        sign, n = ("-", -n) if n < 0 else ("", n)
        base, width = 10**4000, 4000
        chunks = []
        while n:
            n, r = divmod(n, base)
            chunks.append(r)
        head, *rest = reversed(chunks)
        return sign + str(head) + "".join(str(c).zfill(width) for c in rest)


def latex_number(value: Any, digits: int = 6) -> str:
    r"""Format a number for LaTeX: ``\frac{2}{3}`` for exact fractions.

    Examples
    --------
    >>> latex_number(Fraction(5)), latex_number(Fraction(1, 2)), latex_number(0.25)
    ('5', '\\frac{1}{2}', '0.25')
    """
    if isinstance(value, Fraction) and value.denominator != 1:
        sign = "-" if value < 0 else ""
        return f"{sign}\\frac{{{int_text(abs(value.numerator))}}}{{{int_text(value.denominator)}}}"
    return format_number(value, digits)


def json_number(value: Any) -> str | float:
    """The JSON form of a number: ``"p/q"`` or ``"n"`` when exact, a float otherwise.

    Examples
    --------
    >>> json_number(Fraction(2, 3)), json_number(Fraction(3)), json_number(0.5)
    ('2/3', '3', 0.5)
    """
    if isinstance(value, (Fraction, int, np.integer)):
        return format_number(value)
    return float(value)


def solve_rational(
    M: list[list[Fraction]], b: list[Fraction], ncols: int | None = None
) -> tuple[str, list[Fraction] | None]:
    """Solve ``M z = b`` exactly over the rationals (Gauss–Jordan).

    Returns ``("unique", z)``, ``("many", None)`` (a free variable) or ``("none", None)``
    (inconsistent). ``ncols`` gives the number of unknowns when ``M`` has no rows.

    Examples
    --------
    >>> F = Fraction
    >>> solve_rational([[F(1), F(1)], [F(1), F(-1)]], [F(1), F(0)])
    ('unique', [Fraction(1, 2), Fraction(1, 2)])
    >>> solve_rational([[F(1), F(1)]], [F(1)])[0], solve_rational([[F(0)]], [F(1)])[0]
    ('many', 'none')
    """
    rows = len(M)
    cols = len(M[0]) if rows else (ncols or 0)
    aug = [list(M[r]) + [b[r]] for r in range(rows)]
    pivots = 0
    r = 0
    for c in range(cols):
        if r == rows:
            break
        p = next((i for i in range(r, rows) if aug[i][c] != 0), None)
        if p is None:
            continue
        aug[r], aug[p] = aug[p], aug[r]
        inv = 1 / aug[r][c]
        aug[r] = [v * inv for v in aug[r]]
        for i in range(rows):
            if i != r and aug[i][c] != 0:
                f = aug[i][c]
                aug[i] = [a - f * bb for a, bb in zip(aug[i], aug[r])]
        pivots += 1
        r += 1
    if any(aug[i][-1] != 0 for i in range(r, rows)):
        return "none", None
    if pivots < cols:
        return "many", None
    return "unique", [aug[i][-1] for i in range(cols)]
