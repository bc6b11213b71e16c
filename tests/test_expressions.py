"""The restricted payoff-expression parser: exact values, hostile input, fuzzing."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import SpecError
from gametheory.io.expressions import (
    MAX_DEPTH,
    BinOp,
    Neg,
    Num,
    Param,
    Pow,
    evaluate,
    parse_expression,
    to_sympy,
    to_text,
)

PARAMS = ("cost", "p", "relief")


def ev(text, **values):
    return evaluate(parse_expression(text, PARAMS), {k: v for k, v in values.items()})


@pytest.mark.parametrize(
    "text, value",
    [
        ("3", Fraction(3)),
        ("0.25", Fraction(1, 4)),
        (".5", Fraction(1, 2)),
        ("2/3", Fraction(2, 3)),
        ("-2/3", Fraction(-2, 3)),
        ("1 - 2 - 3", Fraction(-4)),  # left associative
        ("12 / 3 / 2", Fraction(2)),
        ("2 + 3 * 4", Fraction(14)),
        ("(2 + 3) * 4", Fraction(20)),
        ("-2 ^ 2", Fraction(-4)),  # unary minus binds looser than a power, as in Python
        ("(-2) ^ 2", Fraction(4)),
        ("2 ** -2", Fraction(1, 4)),
        ("2 ^ (-2)", Fraction(1, 4)),
        ("(1/2)^3", Fraction(1, 8)),
        ("--3", Fraction(3)),
        ("+3", Fraction(3)),
        ("0.1 + 0.2", Fraction(3, 10)),  # exact, unlike floats
    ],
)
def test_constant_values_are_exact(text, value):
    got = ev(text)
    assert isinstance(got, Fraction) and got == value


def test_parameters_exact_and_float():
    assert ev("4 - cost / 2", cost=Fraction(1, 3)) == Fraction(23, 6)
    assert ev("p * relief + (1 - p) * -1", p=Fraction(1, 4), relief=3) == Fraction(0)
    out = ev("4 - cost / 2", cost=0.5)
    assert isinstance(out, float) and out == 3.75


def test_names_records_used_parameters():
    e = parse_expression("p * 2 + p - cost", PARAMS)
    assert e.names == frozenset({"p", "cost"})
    assert parse_expression("3", PARAMS).is_constant


def test_tree_is_immutable_and_positions_are_columns():
    e = parse_expression("1 + cost", PARAMS)
    assert e.node == BinOp("+", Num(Fraction(1), 1), Param("cost", 5), 3)
    with pytest.raises(AttributeError):
        e.node.op = "-"  # type: ignore[misc]


HOSTILE = [
    "__import__('os').system('x')",
    "__import__",
    "os.system('rm -rf /')",
    "cost.__class__",
    "cost.real",
    "().__class__.__bases__[0].__subclasses__()",
    "lambda: 1",
    "(lambda x: x)(1)",
    "open('/etc/passwd')",
    "eval('1')",
    "exec('1')",
    "cost(1)",
    "abs(cost)",
    "[1, 2][0]",
    "{1: 2}",
    "'a' * 3",
    '"text"',
    "cost if p else relief",
    "cost < p",
    "cost == p",
    "cost and p",
    "not cost",
    "cost % 2",
    "cost // 2",
    "cost @ p",
    "cost; p",
    "cost, p",
    "x",
    "Cost",
    "2 ** cost",  # non-integer exponent
    "2 ** 0.5",
    "2 ^ p",
    "2 ** 2 ** 2",  # chained powers are rejected as ambiguous
    "2 ** 1000",  # exponent too large
    "1e5",
    "0x10",
    "1_000",
    "１",  # full-width digit
    "٣",  # Arabic-Indic digit
    "π",
    "",
    "   ",
    "(",
    ")",
    "1 +",
    "* 2",
    "(1 + 2",
    "1 + 2)",
    "1 2",
    "cost p",
    "\\x41",
    "`ls`",
    "$HOME",
    "f'{cost}'",
    "b'1'",
    "1.2.3",
    "1..2",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_expressions_are_rejected(text):
    with pytest.raises(SpecError) as info:
        parse_expression(text, PARAMS, file="g.toml", key="payoffs.US[0][1]")
    msg = str(info.value)
    assert msg.startswith("g.toml: payoffs.US[0][1]: ")


@pytest.mark.parametrize(
    "text, column, words",
    [
        ("__import__('os')", 1, "calls are not allowed"),
        ("1 + cost.real", 9, "attribute access"),
        ("1 + x", 5, "unknown name 'x'"),
        ("2 ** cost", 6, "integer literal"),
        ("(1 + 2", 7, "expected ')'"),
        ("cost(1)", 5, "calls are not allowed"),
        ("1 + [2]", 5, "indexing"),
    ],
)
def test_errors_name_the_column(text, column, words):
    with pytest.raises(SpecError) as info:
        parse_expression(text, PARAMS)
    assert info.value.column == column
    assert f"column {column}" in str(info.value) and words in str(info.value)


@pytest.mark.parametrize(
    "text, values, words",
    [
        ("1 / (cost - 2)", {"cost": 2}, "division by zero"),
        ("1 / 0", {}, "division by zero"),
        ("0 ^ -1", {}, "division by zero"),
        ("((((2^64)^64)^64)^64)", {}, "exceeds"),
        ("cost ^ 64 * cost ^ 64", {"cost": 1e200}, "not finite"),
        ("cost", {}, "no value for parameter"),
    ],
)
def test_evaluation_errors(text, values, words):
    with pytest.raises(SpecError, match=words):
        evaluate(parse_expression(text, PARAMS), values)


def test_deep_nesting_is_an_error_not_a_recursion_error():
    with pytest.raises(SpecError, match="nested"):
        parse_expression("(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1))
    with pytest.raises(SpecError, match="nested"):
        parse_expression("-" * 1_000 + "1")
    with pytest.raises(SpecError, match="longer"):
        parse_expression("1+" * 5000 + "1")
    assert evaluate(parse_expression("(" * MAX_DEPTH + "1" + ")" * MAX_DEPTH)) == 1


def test_non_string_input():
    with pytest.raises(SpecError):
        parse_expression(3)  # type: ignore[arg-type]


def test_to_sympy_builds_nodes_not_text():
    c, p = sympy.symbols("cost p")
    e = parse_expression("4 - cost/2 + p^2 - 1/3", PARAMS)
    expr = to_sympy(e, {"cost": c, "p": p})
    assert sympy.simplify(expr - (sympy.Rational(11, 3) - c / 2 + p**2)) == 0
    # A parameter may be named like a sympy function: it stays a symbol.
    s = sympy.Symbol("cos")
    assert to_sympy(parse_expression("cos + 1", ["cos"]), {"cos": s}) == s + 1
    with pytest.raises(SpecError):
        to_sympy(parse_expression("cost", PARAMS), {})


# -- property tests ---------------------------------------------------------------------------
def exprs(max_leaves: int = 12):
    leaf = st.one_of(
        st.integers(0, 50).map(str),
        st.fractions(min_value=0, max_value=20, max_denominator=50).map(lambda f: f"({f})" if f.denominator != 1 else str(f)),
        st.sampled_from(["0.5", "1.25", ".75", "cost", "p", "relief"]),
    )

    def extend(children):
        return st.one_of(
            st.tuples(children, st.sampled_from(["+", "-", "*", "/"]), children).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
            children.map(lambda c: f"-{c}"),
            children.map(lambda c: f"({c})"),
            st.tuples(children, st.integers(-3, 3)).map(lambda t: f"({t[0]})^{t[1]}"),
        )

    return st.recursive(leaf, extend, max_leaves=max_leaves)


VALUES = {"cost": Fraction(3, 2), "p": Fraction(1, 3), "relief": Fraction(5)}


@settings(max_examples=150, deadline=None)
@given(exprs())
def test_canonical_text_reparses_to_same_value(text):
    e = parse_expression(text, PARAMS)
    try:
        v = evaluate(e, VALUES)
    except SpecError:
        return  # division by zero or size limits: errors, never other exceptions
    again = parse_expression(to_text(e), PARAMS)
    assert evaluate(again, VALUES) == v
    # The canonical text is a fixed point once normalised (a literal 1/2 re-reads as a division).
    canonical = to_text(again)
    assert to_text(parse_expression(canonical, PARAMS)) == canonical


@settings(max_examples=150, deadline=None)
@given(exprs(8))
def test_sympy_agrees_with_exact_evaluation(text):
    e = parse_expression(text, PARAMS)
    try:
        v = evaluate(e, VALUES)
    except SpecError:
        return
    syms = {k: sympy.Symbol(k) for k in PARAMS}
    s = to_sympy(e, syms).subs({syms[k]: sympy.Rational(x.numerator, x.denominator) for k, x in VALUES.items()})
    assert s == sympy.Rational(v.numerator, v.denominator)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_random_text_only_raises_spec_error(text):
    try:
        e = parse_expression(text, PARAMS)
        evaluate(e, VALUES)
    except SpecError:
        pass


ALPHABET = "0123456789.+-*/^()_ abcpostrel,[]'\"=:"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_near_miss_text_only_raises_spec_error(text):
    try:
        e = parse_expression(text, PARAMS)
        evaluate(e, VALUES)
    except SpecError:
        pass


@settings(max_examples=200, deadline=None)
@given(exprs(6), st.integers(0, 40), st.sampled_from(list("()+-*/^.,'[]x_ 9") + ["**", "__", "lambda", "cost("]))
def test_mutated_expressions_only_raise_spec_error(text, where, insert):
    k = where % (len(text) + 1)
    mutated = text[:k] + insert + text[k:]
    try:
        evaluate(parse_expression(mutated, PARAMS), VALUES)
    except SpecError:
        pass


def test_node_types_exported():
    e = parse_expression("-(2^3)", PARAMS)
    assert isinstance(e.node, Neg) and isinstance(e.node.operand, Pow)
