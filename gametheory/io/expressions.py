"""Restricted arithmetic expressions for payoffs: parsed by hand, never evaluated as Python.

A payoff in a game file may be a number, a fraction such as ``"2/3"`` or an
arithmetic expression in the file's declared parameters, such as
``"4 - cost"`` or ``"credibility * 3 + (1 - credibility) * -2"``. The grammar is
deliberately tiny::

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := ("+" | "-") unary | power
    power      := atom [("**" | "^") exponent]
    exponent   := ["+" | "-"] INTEGER | "(" ["+" | "-"] INTEGER ")"
    atom       := NUMBER | PARAMETER | "(" expression ")"

``NUMBER`` is a decimal literal (``3``, ``0.25``, ``.5``), read exactly;
``PARAMETER`` must be one of the declared names. Nothing else is accepted: no
other names, calls, attributes, indexing, strings, lambdas or comparisons, and
exponents must be integer literals (so results stay rational). As in Python,
``-x**2`` is ``-(x**2)``; powers do not chain (write ``(a^2)^3``).

The parser is a hand-written tokenizer plus recursive descent producing an
immutable tree (:class:`Num`, :class:`Param`, :class:`Neg`, :class:`BinOp`,
:class:`Pow`). :func:`evaluate` computes it exactly with
:class:`~fractions.Fraction` (or in ``float`` when a parameter value is a
float); :func:`to_sympy` builds the same expression node by node in sympy.
Every problem raises :class:`~gametheory.errors.SpecError` with the 1-based
column in the expression text.

Examples
--------
>>> from fractions import Fraction
>>> e = parse_expression("4 - cost/2", parameters=["cost"])
>>> evaluate(e, {"cost": Fraction(1, 3)})
Fraction(23, 6)
>>> sorted(e.names)
['cost']
>>> parse_expression("__import__('os')", parameters=["cost"])
Traceback (most recent call last):
...
gametheory.errors.SpecError: <input>: column 1: calls are not allowed ('__import__' is not a declared parameter)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterable, Iterator, Mapping, Union

from .. import limits as _limits
from ..errors import SpecError

__all__ = [
    "Node",
    "Num",
    "Param",
    "Neg",
    "BinOp",
    "Pow",
    "Expression",
    "parse_expression",
    "evaluate",
    "to_sympy",
    "to_text",
    "MAX_LENGTH",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_BITS",
    "MAX_OPERATIONS_DEPTH",
]

#: Longest expression text accepted (characters).
MAX_LENGTH = 2000
#: Most operations in one expression: a sum of n terms is a tree n - 1 levels deep, and deeper
#: trees cannot be pickled (for parallel sweeps) or compared within Python's recursion limit.
MAX_OPERATIONS_DEPTH = 256
#: Deepest nesting of parentheses and unary signs accepted.
MAX_DEPTH = 64
#: Largest absolute integer exponent accepted.
MAX_EXPONENT = 64
#: Largest size (bits of numerator or denominator) an exact value may reach, literal or computed
#: (the package-wide bound of :mod:`gametheory.limits`).
MAX_BITS = _limits.MAX_BITS

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_DIGITS = "0123456789"
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


# -- the tree ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Num:
    """A number literal, stored exactly. ``column`` is 1-based in the source text."""

    value: Fraction
    column: int = 0


@dataclass(frozen=True)
class Param:
    """A declared parameter."""

    name: str
    column: int = 0


@dataclass(frozen=True)
class Neg:
    """Unary minus."""

    operand: "Node"
    column: int = 0


@dataclass(frozen=True)
class BinOp:
    """``left op right`` with ``op`` one of ``+ - * /``."""

    op: str
    left: "Node"
    right: "Node"
    column: int = 0


@dataclass(frozen=True)
class Pow:
    """``base ** exponent`` with an integer exponent."""

    base: "Node"
    exponent: int
    column: int = 0


Node = Union[Num, Param, Neg, BinOp, Pow]


@dataclass(frozen=True)
class Expression:
    """A parsed expression: its source ``text``, the tree ``node`` and the parameter ``names`` it uses.

    Examples
    --------
    >>> e = parse_expression("2 * (a + 1)", parameters=["a", "b"])
    >>> e.text, e.names, e.is_constant
    ('2 * (a + 1)', frozenset({'a'}), False)
    """

    text: str
    node: Node
    names: frozenset[str]

    @property
    def is_constant(self) -> bool:
        """``True`` when the expression uses no parameter."""
        return not self.names


# -- tokenizer ----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Token:
    kind: str  # "num", "name", "op", "end"
    text: str
    column: int


class _Context:
    """Where errors are reported: file, key path and the expression text."""

    def __init__(self, text: str, file: str | None, key: str | None) -> None:
        self.text, self.file, self.key = text, file, key

    def error(self, message: str, column: int | None) -> SpecError:
        where = f"column {column}: " if column else ""
        key = self.key if self.key else None
        err = SpecError(f"{where}{message}", file=self.file, key=key)
        err.column = column
        err.expression = self.text  # type: ignore[attr-defined]
        return err


def _tokenize(text: str, ctx: _Context) -> Iterator[_Token]:
    # A generator, so that errors come in source order (the parser pulls tokens one by one).
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t":
            i += 1
            continue
        col = i + 1
        if ch in _DIGITS or (ch == "." and i + 1 < n and text[i + 1] in _DIGITS):
            m = _NUMBER.match(text, i)
            assert m is not None
            end = m.end()
            if end < n and (text[end].isalnum() or text[end] in "_."):
                raise ctx.error(f"malformed number {text[i:end + 1]!r}", col)
            yield _Token("num", m.group(0), col)
            i = end
            continue
        if ch.isascii() and (ch.isalpha() or ch == "_"):
            m = _NAME.match(text, i)
            assert m is not None
            yield _Token("name", m.group(0), col)
            i = m.end()
            continue
        if text.startswith("**", i):
            yield _Token("op", "**", col)
            i += 2
            continue
        if ch in "+-*/^()":
            yield _Token("op", ch, col)
            i += 1
            continue
        if ch in ".,[]{}'\"=<>!&|%@:;~`#$\\":
            what = {
                ".": "attribute access",
                ",": "a comma (calls and tuples)",
                "[": "indexing",
                "]": "indexing",
                "{": "braces",
                "}": "braces",
                "'": "a string",
                '"': "a string",
                ":": "a colon (lambdas and slices)",
                "=": "assignment or comparison",
                "<": "a comparison",
                ">": "a comparison",
                "!": "a comparison",
                "%": "the % operator",
            }.get(ch, f"the character {ch!r}")
            raise ctx.error(f"{what} is not allowed; only numbers, declared parameters, + - * / ^ and ( )", col)
        raise ctx.error(f"unexpected character {ch!r}", col)
    yield _Token("end", "", n + 1)


# -- parser ---------------------------------------------------------------------------------
class _Parser:
    def __init__(self, tokens: Iterator[_Token], params: frozenset[str], ctx: _Context) -> None:
        self.tokens, self.params, self.ctx = tokens, params, ctx
        self.tok = next(tokens)
        self.depth = 0
        self.operations = 0
        self.used: set[str] = set()

    def advance(self) -> _Token:
        t = self.tok
        if t.kind != "end":
            self.tok = next(self.tokens)
        return t

    def is_op(self, *ops: str) -> bool:
        return self.tok.kind == "op" and self.tok.text in ops

    def expect_op(self, op: str, opened_at: int) -> None:
        if not self.is_op(op):
            found = "the end" if self.tok.kind == "end" else repr(self.tok.text)
            raise self.ctx.error(f"expected {op!r} to close the '(' at column {opened_at}, found {found}", self.tok.column)
        self.advance()

    def enter(self, column: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.ctx.error(f"expression nested more than {MAX_DEPTH} levels deep", column)

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise self.ctx.error("empty expression", 1)
        node = self.expression()
        if self.tok.kind != "end":
            t = self.tok
            if t.kind == "op" and t.text == "(":
                raise self.ctx.error("calls are not allowed (missing operator before '(')", t.column)
            if t.kind == "op" and t.text == ")":
                raise self.ctx.error("unbalanced ')'", t.column)
            raise self.ctx.error(f"expected an operator, found {t.text!r}", t.column)
        return node

    def chain(self, op: _Token) -> None:
        # each operator in a chain adds a level to the (left-deep) tree
        self.operations += 1
        if self.operations > MAX_OPERATIONS_DEPTH:
            raise self.ctx.error(f"more than {MAX_OPERATIONS_DEPTH} operations in one expression", op.column)

    def expression(self) -> Node:
        node = self.term()
        while self.is_op("+", "-"):
            op = self.advance()
            self.chain(op)
            node = BinOp(op.text, node, self.term(), op.column)
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.is_op("*", "/"):
            op = self.advance()
            self.chain(op)
            node = BinOp(op.text, node, self.unary(), op.column)
        return node

    def unary(self) -> Node:
        if self.is_op("+", "-"):
            op = self.advance()
            self.enter(op.column)
            operand = self.unary()
            self.depth -= 1
            return Neg(operand, op.column) if op.text == "-" else operand
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if self.is_op("**", "^"):
            op = self.advance()
            exponent = self.exponent(op)
            if self.is_op("**", "^"):
                raise self.ctx.error("chained powers are ambiguous; add parentheses, e.g. (a^2)^3", self.tok.column)
            return Pow(base, exponent, op.column)
        return base

    def exponent(self, op: _Token) -> int:
        paren = self.is_op("(")
        if paren:
            opened = self.advance().column
        sign = 1
        if self.is_op("+", "-"):
            sign = -1 if self.advance().text == "-" else 1
        t = self.tok
        if t.kind != "num" or not t.text.isdigit():
            raise self.ctx.error(
                f"the exponent of {op.text!r} must be an integer literal such as 2 or -1", t.column
            )
        self.advance()
        value = sign * int(t.text)
        if abs(value) > MAX_EXPONENT:
            raise self.ctx.error(f"exponent {value} is larger than {MAX_EXPONENT} in absolute value", t.column)
        if paren:
            self.expect_op(")", opened)
        return value

    def atom(self) -> Node:
        t = self.tok
        if t.kind == "num":
            self.advance()
            digits = len(t.text) - ("." in t.text)
            value = Fraction(t.text) if digits <= _limits.MAX_DIGITS else None
            if value is None or value.numerator.bit_length() > MAX_BITS or value.denominator.bit_length() > MAX_BITS:
                raise self.ctx.error(f"number literal exceeds {MAX_BITS} bits", t.column)
            return Num(value, t.column)
        if t.kind == "name":
            if t.text not in self.params:
                # Report the name before anything after it (errors come in source order).
                declared = ", ".join(sorted(self.params)) or "none"
                rest = self.ctx.text[t.column - 1 + len(t.text):].lstrip(" \t")
                if rest.startswith("("):
                    raise self.ctx.error(f"calls are not allowed ({t.text!r} is not a declared parameter)", t.column)
                raise self.ctx.error(f"unknown name {t.text!r} (declared parameters: {declared})", t.column)
            self.advance()
            if self.is_op("("):
                raise self.ctx.error(f"calls are not allowed ({t.text!r} is a parameter, not a function)", self.tok.column)
            self.used.add(t.text)
            return Param(t.text, t.column)
        if self.is_op("("):
            opened = self.advance().column
            self.enter(opened)
            node = self.expression()
            self.expect_op(")", opened)
            self.depth -= 1
            return node
        if t.kind == "end":
            raise self.ctx.error("unexpected end of expression", t.column)
        raise self.ctx.error(f"expected a number, a parameter or '(', found {t.text!r}", t.column)


def parse_expression(
    text: Any,
    parameters: Iterable[str] = (),
    *,
    file: str | None = None,
    key: str | None = None,
) -> Expression:
    """Parse ``text`` into an :class:`Expression` using only the declared ``parameters``.

    Parameters
    ----------
    text : str
        The expression.
    parameters : iterable of str
        Names the expression may use.
    file, key : str, optional
        Reported in errors (the game file and the key path of the value).

    Raises
    ------
    SpecError
        Anything outside the grammar (see the module docstring), with the column.

    Examples
    --------
    >>> parse_expression("2/3").node
    BinOp(op='/', left=Num(value=Fraction(2, 1), column=1), right=Num(value=Fraction(3, 1), column=3), column=2)
    >>> parse_expression("x.real", ["x"], key="payoffs.US[0][1]")
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: <input>: payoffs.US[0][1]: column 2: attribute access is not allowed; only numbers, declared parameters, + - * / ^ and ( )
    >>> parse_expression("2 ** x", ["x"])
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: <input>: column 6: the exponent of '**' must be an integer literal such as 2 or -1
    """
    if not isinstance(text, str):
        raise SpecError(f"an expression must be text, not {type(text).__name__}", file=file, key=key)
    ctx = _Context(text, file, key)
    if len(text) > MAX_LENGTH:
        raise ctx.error(f"expression longer than {MAX_LENGTH} characters", None)
    params = frozenset(parameters)
    parser = _Parser(_tokenize(text, ctx), params, ctx)
    node = parser.parse()
    return Expression(text=text, node=node, names=frozenset(parser.used))


# -- evaluation ----------------------------------------------------------------------------
def _check_size(value: Any, ctx: _Context, column: int) -> Any:
    if isinstance(value, Fraction):
        if value.numerator.bit_length() > MAX_BITS or value.denominator.bit_length() > MAX_BITS:
            raise ctx.error(f"value exceeds {MAX_BITS} bits", column)
    elif not math.isfinite(value):
        raise ctx.error("value is not finite (overflow)", column)
    return value


def _fold(node: Node, leaf: Any, combine: Any) -> Any:
    """Post-order fold of an expression tree without recursion (trees may be hundreds deep).

    ``leaf(node)`` gives the value of a :class:`Num` or :class:`Param`; ``combine(node, args)``
    the value of any other node from its children's values (left to right).
    """
    stack: list[tuple[Node, bool]] = [(node, False)]
    out: list[Any] = []
    while stack:
        n, expanded = stack.pop()
        if isinstance(n, (Num, Param)):
            out.append(leaf(n))
        elif not expanded:
            stack.append((n, True))
            if isinstance(n, BinOp):
                stack.append((n.right, False))
                stack.append((n.left, False))
            elif isinstance(n, Neg):
                stack.append((n.operand, False))
            elif isinstance(n, Pow):
                stack.append((n.base, False))
            else:  # pragma: no cover
                raise TypeError(f"not an expression node: {n!r}")
        elif isinstance(n, BinOp):
            b = out.pop()
            a = out.pop()
            out.append(combine(n, (a, b)))
        else:
            out.append(combine(n, (out.pop(),)))
    return out[0]


def _eval(node: Node, values: Mapping[str, Any], ctx: _Context) -> Any:
    def leaf(n: Num | Param) -> Any:
        if isinstance(n, Num):
            return n.value
        try:
            return values[n.name]
        except KeyError:
            raise ctx.error(f"no value for parameter {n.name!r}", n.column) from None

    def combine(n: Node, args: tuple) -> Any:
        if isinstance(n, Neg):
            return -args[0]
        if isinstance(n, BinOp):
            a, b = args
            try:
                if n.op == "+":
                    out = a + b
                elif n.op == "-":
                    out = a - b
                elif n.op == "*":
                    out = a * b
                else:
                    if b == 0:
                        raise ctx.error("division by zero", n.column)
                    out = a / b
            except OverflowError:
                raise ctx.error("value is not finite (overflow)", n.column) from None
            return _check_size(out, ctx, n.column)
        assert isinstance(n, Pow)
        base = args[0]
        if base == 0 and n.exponent < 0:
            raise ctx.error("division by zero (zero to a negative power)", n.column)
        if isinstance(base, Fraction):
            bits = max(base.numerator.bit_length(), base.denominator.bit_length())
            if bits * abs(n.exponent) > MAX_BITS:
                raise ctx.error(f"value exceeds {MAX_BITS} bits", n.column)
        try:
            out = base**n.exponent
        except (OverflowError, ZeroDivisionError):
            raise ctx.error("value is not finite (overflow)", n.column) from None
        return _check_size(out, ctx, n.column)

    return _fold(node, leaf, combine)


def evaluate(
    expr: Expression | Node,
    values: Mapping[str, Any] | None = None,
    *,
    file: str | None = None,
    key: str | None = None,
) -> Fraction | float:
    """Evaluate exactly: a ``Fraction``, or a ``float`` when a parameter value is a float.

    Parameters
    ----------
    expr : Expression or node
        A parsed expression.
    values : mapping of str to Fraction, int or float
        Parameter values.
    file, key : str, optional
        Reported in errors.

    Raises
    ------
    SpecError
        Division by zero, a missing parameter value, overflow or a value larger
        than ``MAX_BITS`` bits.

    Examples
    --------
    >>> from fractions import Fraction
    >>> evaluate(parse_expression("(1 - p) * 3 + p ^ 2", ["p"]), {"p": Fraction(1, 2)})
    Fraction(7, 4)
    >>> evaluate(parse_expression("(1 - p) * 3", ["p"]), {"p": 0.5})
    1.5
    >>> evaluate(parse_expression("1 / (p - 1)", ["p"]), {"p": 1})
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: <input>: column 3: division by zero
    """
    if isinstance(expr, Expression):
        ctx = _Context(expr.text, file, key)
        node = expr.node
    else:
        ctx = _Context(to_text(expr), file, key)
        node = expr
    vals = {k: (Fraction(v) if isinstance(v, int) and not isinstance(v, bool) else v) for k, v in (values or {}).items()}
    out = _eval(node, vals, ctx)
    return Fraction(out) if isinstance(out, int) else out


def to_sympy(expr: Expression | Node, symbols: Mapping[str, Any]) -> Any:
    """Build the expression in sympy, node by node (no text is ever sympified).

    Parameters
    ----------
    expr : Expression or node
        A parsed expression.
    symbols : mapping of str to sympy expressions
        What each parameter becomes (usually ``sympy.Symbol`` objects).

    Examples
    --------
    >>> import sympy
    >>> c = sympy.Symbol("cost")
    >>> to_sympy(parse_expression("4 - cost/2 + 1/3", ["cost"]), {"cost": c})
    13/3 - cost/2
    """
    import sympy

    node = expr.node if isinstance(expr, Expression) else expr

    def leaf(n: Num | Param) -> Any:
        if isinstance(n, Num):
            return sympy.Rational(n.value.numerator, n.value.denominator)
        try:
            return symbols[n.name]
        except KeyError:
            raise SpecError(f"no symbol for parameter {n.name!r}") from None

    def combine(n: Node, args: tuple) -> Any:
        if isinstance(n, Neg):
            return -args[0]
        if isinstance(n, Pow):
            return sympy.Pow(args[0], sympy.Integer(n.exponent))
        a, b = args
        assert isinstance(n, BinOp)
        return a + b if n.op == "+" else a - b if n.op == "-" else a * b if n.op == "*" else a / b

    return _fold(node, leaf, combine)


_PREC = {"+": 1, "-": 1, "*": 2, "/": 2}


def _fmt_num(v: Fraction) -> str:
    return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


def to_text(expr: Expression | Node) -> str:
    """Canonical text of an expression, re-parsable to the same value.

    Examples
    --------
    >>> to_text(parse_expression("((a)) - (b - 1) * -(2)", ["a", "b"]))
    'a - (b - 1) * -2'
    """
    node = expr.node if isinstance(expr, Expression) else expr
    # Iterative: each stack entry is (node, parent precedence, is a right operand, expanded).
    stack: list[tuple[Node, int, bool, bool]] = [(node, 0, False, False)]
    out: list[str] = []
    while stack:
        n, parent, right, expanded = stack.pop()
        if isinstance(n, Num):
            s = _fmt_num(n.value)
            out.append(f"({s})" if n.value.denominator != 1 and parent >= 2 else s)
        elif isinstance(n, Param):
            out.append(n.name)
        elif not expanded:
            stack.append((n, parent, right, True))
            if isinstance(n, BinOp):
                p = _PREC[n.op]
                stack.append((n.right, p, True, False))
                stack.append((n.left, p, False, False))
            elif isinstance(n, Neg):
                stack.append((n.operand, 3, False, False))
            else:
                assert isinstance(n, Pow)
                stack.append((n.base, 4, False, False))
        elif isinstance(n, Neg):
            s = "-" + out.pop()
            out.append(f"({s})" if parent >= 4 else s)
        elif isinstance(n, Pow):
            exp = str(n.exponent) if n.exponent >= 0 else f"({n.exponent})"
            s = f"{out.pop()}^{exp}"
            out.append(f"({s})" if parent >= 4 else s)  # powers do not chain
        else:
            assert isinstance(n, BinOp)
            b = out.pop()
            a = out.pop()
            p = _PREC[n.op]
            s = f"{a} {n.op} {b}"
            out.append(f"({s})" if p < parent or (p == parent and right) else s)
    return out[0]


def is_identifier(name: Any) -> bool:
    """Whether ``name`` can be a parameter name (ASCII letters, digits, ``_``; not starting with a digit).

    Examples
    --------
    >>> is_identifier("cost_of_war"), is_identifier("2x"), is_identifier("x.y")
    (True, False, False)
    """
    return isinstance(name, str) and bool(_IDENTIFIER.match(name))
