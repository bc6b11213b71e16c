"""One set of input limits, applied on every path that reads input.

Game files (TOML, Gambit ``.nfg``/``.efg``), compositions, payoff expressions and saved
results all pass through the helpers here, so a hostile or broken input meets the same
bounds wherever it enters: how much is read from a file (regular files only, never a
FIFO or ``/dev/zero``), how large an exact number may be, how deeply data may nest and
how many entries a game may have. Checks run *before* memory is committed: sizes are
compared with the limits first, numbers are measured before they are converted.

Every violation raises :class:`~gametheory.errors.SpecError` naming the file, the key
(or line) and the limit.

Examples
--------
>>> from decimal import Decimal
>>> fraction_from_decimal(Decimal("0.25"))
Fraction(1, 4)
>>> fraction_from_decimal(Decimal("1e999999999"), file="x.toml", key="composition.p")
Traceback (most recent call last):
...
gametheory.errors.SpecError: x.toml: composition.p: number 1E+999999999 is too large for exact arithmetic (more than 4096 bits)
>>> check_nesting("[[[1]]]", file="r.json")
3
"""

from __future__ import annotations

import math
import os
import stat
from decimal import Decimal
from fractions import Fraction
from typing import IO, Any, Iterator

from .errors import SpecError

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_BITS",
    "MAX_DIGITS",
    "MAX_NESTING",
    "MAX_ENTRIES",
    "MAX_LABEL_LENGTH",
    "read_text",
    "check_bits",
    "fraction_from_decimal",
    "fraction_from_digits",
    "check_nesting",
    "check_data",
]

#: Largest input file read (bytes). Real games are kilobytes; a 1000 x 1000 bimatrix in
#: Gambit's format is about 8 MB.
MAX_FILE_BYTES = 16 * 2**20
#: Largest exact number accepted from input: bits of its numerator or its denominator.
MAX_BITS = 4096
#: Decimal digits of the largest accepted integer (``10**MAX_DIGITS`` has more than MAX_BITS bits).
MAX_DIGITS = math.floor(MAX_BITS * math.log10(2)) + 1
#: Deepest nesting of arrays and tables in a data file (TOML, JSON): games need a handful of levels
#: (payoff arrays nest once per player; Gambit's limit is 31 players).
MAX_NESTING = 64
#: Largest number of payoff entries (players x pure profiles) of one game.
MAX_ENTRIES = 10**7
#: Longest player, strategy or action label (characters).
MAX_LABEL_LENGTH = 10_000

_log2_10 = math.log2(10)


def _name_of(source: Any, default: str) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return str(getattr(source, "name", default))


def read_text(source: str | os.PathLike[str] | IO[Any], *, encoding: str = "utf-8",
              limit: int | None = None) -> tuple[str, str]:
    """Read a text file or file object within the size limit; return ``(text, name)``.

    Paths must name regular files: a FIFO, a device such as ``/dev/zero`` or a directory is
    refused without opening it (opening a FIFO would block). At most ``limit`` bytes
    (default :data:`MAX_FILE_BYTES`) are read; a longer input is refused. A UTF-8
    byte-order mark is dropped; undecodable bytes are reported with line and column.

    Raises
    ------
    SpecError
        Not a regular file, unreadable, too large or not valid text.

    Examples
    --------
    >>> import io
    >>> read_text(io.StringIO("\\ufefftitle = 'x'"))
    ("title = 'x'", '<stream>')
    >>> read_text("/dev/zero")
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: /dev/zero: not a regular file (a device, FIFO or directory); give the path of a game file
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        try:
            st = os.stat(name)
        except OSError as err:
            raise SpecError(f"cannot read the file: {err.strerror or err}", file=name) from None
        if not stat.S_ISREG(st.st_mode):
            raise SpecError("not a regular file (a device, FIFO or directory); give the path of a game file",
                            file=name)
        if st.st_size > limit:
            raise SpecError(f"file is {st.st_size} bytes; the limit is {limit} bytes", file=name)
        try:
            with open(name, "rb") as fh:
                data: Any = fh.read(limit + 1)
        except OSError as err:
            raise SpecError(f"cannot read the file: {err.strerror or err}", file=name) from None
    elif hasattr(source, "read"):
        name = _name_of(source, "<stream>")
        try:
            data = source.read(limit + 1)
        except UnicodeDecodeError as err:
            raise SpecError(f"file is not valid text: {err.reason}", file=name) from None
        except (OSError, ValueError) as err:
            raise SpecError(f"cannot read the file: {err}", file=name) from None
    else:
        raise SpecError(f"expected a path or a file object, got {type(source).__name__}")
    if isinstance(data, (bytes, bytearray)):
        if len(data) > limit:
            raise SpecError(f"more than {limit} bytes; the limit is {limit} bytes", file=name)
        try:
            text = bytes(data).decode(encoding)
        except UnicodeDecodeError as err:
            before = bytes(data[: err.start]).decode(encoding, errors="replace")
            line = before.count("\n") + 1
            col = len(before) - (before.rfind("\n") + 1) + 1
            raise SpecError(f"not valid {encoding.upper()} text: {err.reason}", file=name, line=line, column=col) from None
        except LookupError:
            raise SpecError(f"unknown encoding {encoding!r}", file=name) from None
    elif isinstance(data, str):
        if len(data) > limit:
            raise SpecError(f"more than {limit} characters; the limit is {limit}", file=name)
        text = data
    else:
        raise SpecError(f"file object returned {type(data).__name__}, not text", file=name)
    if text.startswith("\ufeff"):  # byte-order mark from some editors
        text = text[1:]
    return text, name


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else f"{text[:20]}...{text[-8:]} ({len(text)} characters)"


def _too_big(what: str) -> str:
    return f"{what} is too large for exact arithmetic (more than {MAX_BITS} bits)"


def check_bits(value: Fraction | int, *, file: str | None = None, key: str | None = None,
               line: int | None = None, column: int | None = None, what: str = "number") -> Fraction | int:
    """Return ``value`` if its numerator and denominator fit in :data:`MAX_BITS` bits.

    Examples
    --------
    >>> check_bits(2**4096, key="payoffs.US[0]")
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: <input>: payoffs.US[0]: number is too large for exact arithmetic (more than 4096 bits)
    """
    num, den = (value, 1) if isinstance(value, int) else (value.numerator, value.denominator)
    if num.bit_length() > MAX_BITS or den.bit_length() > MAX_BITS:
        raise SpecError(_too_big(what), file=file, key=key, line=line, column=column)
    return value


def fraction_from_decimal(value: Decimal, *, file: str | None = None, key: str | None = None,
                          line: int | None = None, column: int | None = None) -> Fraction:
    """The exact value of a finite ``Decimal``, measured before it is converted.

    ``Fraction(Decimal("1e999999999"))`` would build a billion-digit integer; this
    refuses it from the digit count and exponent alone.

    Raises
    ------
    SpecError
        Not finite, or more than :data:`MAX_BITS` bits.

    Examples
    --------
    >>> fraction_from_decimal(Decimal("-1.50"))
    Fraction(-3, 2)
    """
    if not value.is_finite():
        raise SpecError(f"{value} is not a finite number", file=file, key=key, line=line, column=column)
    digits, exponent = len(value.as_tuple().digits), value.as_tuple().exponent
    assert isinstance(exponent, int)
    # value = coefficient * 10**exponent: the coefficient has `digits` digits; a positive exponent
    # multiplies the numerator, a negative one is the denominator's size.
    if (digits + max(exponent, 0)) * _log2_10 > MAX_BITS + 4 or -exponent * _log2_10 > MAX_BITS + 4:
        raise SpecError(_too_big(f"number {_short(value)}"), file=file, key=key, line=line, column=column)
    return check_bits(Fraction(value), file=file, key=key, line=line, column=column, what=f"number {_short(value)}")


def fraction_from_digits(text: str, *, file: str | None = None, key: str | None = None,
                         line: int | None = None, column: int | None = None) -> Fraction:
    """An exact number from ASCII text ``[+-]digits[.digits][e[+-]digits]`` or ``p/q``, within the limits.

    Only ASCII digits count (``"١"`` and ``"５"`` are not numbers here).

    Examples
    --------
    >>> fraction_from_digits("2/3"), fraction_from_digits("-1.5e2")
    (Fraction(2, 3), Fraction(-150, 1))
    >>> fraction_from_digits("\\u0661")
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: <input>: '١' is not a number (ASCII digits, a decimal point, an exponent or p/q)
    """
    where = dict(file=file, key=key, line=line, column=column)
    t = text.strip()
    if not t or not t.isascii():
        raise SpecError(f"{text!r} is not a number (ASCII digits, a decimal point, an exponent or p/q)", **where)
    if "/" in t:
        p, _, q = t.partition("/")
        sign = -1 if p.startswith("-") else 1
        p = p[1:] if p[:1] in "+-" else p
        if not (p.isdigit() and q.isdigit()):
            raise SpecError(f"{text!r} is not a number", **where)
        if len(p) > MAX_DIGITS or len(q) > MAX_DIGITS:
            raise SpecError(_too_big(f"number {_short(t)}"), **where)
        if int(q) == 0:
            raise SpecError(f"{text!r} has a zero denominator", **where)
        return check_bits(Fraction(sign * int(p), int(q)), **where, what=f"number {_short(t)}")
    try:
        d = Decimal(t)
    except ArithmeticError:
        raise SpecError(f"{text!r} is not a number", **where) from None
    if len(t) > 2 * MAX_DIGITS + 16:
        raise SpecError(_too_big(f"number {_short(t)}"), **where)
    return fraction_from_decimal(d, **where)


def check_nesting(text: str, *, file: str | None = None, limit: int = MAX_NESTING) -> int:
    """The deepest bracket nesting of JSON/TOML-like ``text`` (strings skipped); refuse beyond ``limit``.

    One linear pass, so a document of 10^6 opening brackets is refused before any
    recursive parser sees it.

    Examples
    --------
    >>> check_nesting('{"a": "[[[", "b": [1, [2]]}')
    3
    >>> check_nesting("[" * 100, file="deep.json")
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: deep.json:1:65: nested more than 64 levels deep
    """
    depth = deepest = 0
    quote = ""
    i, n = 0, len(text)
    line, line_start = 1, 0
    while i < n:
        ch = text[i]
        if quote:
            if ch == "\\" and quote in ('"', '"""'):
                i += 2
                continue
            if text.startswith(quote, i):
                i += len(quote)
                quote = ""
                continue
            if ch == "\n":
                line, line_start = line + 1, i + 1
            i += 1
            continue
        if ch == "\n":
            line, line_start = line + 1, i + 1
        elif ch in "\"'":
            triple = text[i:i + 3]
            quote = triple if triple in ('"""', "'''") else ch
            i += len(quote)
            continue
        elif ch == "#":  # a TOML comment (never inside JSON text outside strings)
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        elif ch in "[{":
            depth += 1
            if depth > limit:
                raise SpecError(f"nested more than {limit} levels deep", file=file, line=line, column=i - line_start + 1)
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
        i += 1
    return deepest


def _walk(data: Any) -> Iterator[tuple[str, Any]]:
    """Every scalar of parsed data with its key path, iteratively (pre-order)."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            items = [(f"{path}.{k}" if path else str(k), v) for k, v in value.items()]
            stack.extend(reversed(items))
        elif isinstance(value, list):
            stack.extend(reversed([(f"{path}[{k}]", v) for k, v in enumerate(value)]))
        else:
            yield path, value


def check_data(data: Any, *, file: str | None = None) -> None:
    """Check every number and label of parsed TOML/JSON data against the limits.

    Integers and decimals beyond :data:`MAX_BITS` (``1e999999999``), non-finite floats and
    strings longer than :data:`MAX_FILE_BYTES` are refused here, before any part of the
    package converts them, so every consumer of the data (game files, compositions,
    results) gets the same bounds.

    Examples
    --------
    >>> check_data({"composition": {"p": Decimal("1e999999999")}}, file="c.toml")
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: c.toml: composition.p: number 1E+999999999 is too large for exact arithmetic (more than 4096 bits)
    """
    for path, value in _walk(data):
        if isinstance(value, bool):
            continue
        if isinstance(value, int):
            check_bits(value, file=file, key=path or None)
        elif isinstance(value, Decimal):
            fraction_from_decimal(value, file=file, key=path or None)
        elif isinstance(value, float) and not math.isfinite(value):
            raise SpecError(f"{value} is not a finite number", file=file, key=path or None)

