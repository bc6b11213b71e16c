r"""Mathematics for people: sympy expressions as readable text, and as LaTeX with named parameters.

Analysts read thresholds and mixed probabilities in terminals, Markdown and
papers. Python's operators (``*``, ``**``) do not belong there:
:func:`math_text` writes ``4·backstop``, ``x²`` and ``√2``; :func:`math_latex`
writes LaTeX in which a parameter called ``war_cost`` is one upright name
(``\mathrm{war\_cost}``), not the product of seven italic letters.

Examples
--------
>>> import sympy
>>> x, share = sympy.symbols("x share")
>>> math_text(-1 / (4 * (share - 1)))
'1/(4·(1 - share))'
>>> math_text(x**2 + sympy.sqrt(2) * x)   # factored
'x·(x + √2)'
>>> print(math_latex(sympy.Symbol("war_cost") + 4 * sympy.Symbol("backstop")))
4 \mathrm{backstop} + \mathrm{war\_cost}
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Mapping

__all__ = ["math_text", "math_latex", "symbol_latex"]

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
    "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
}


def _as_sympy(value: Any) -> Any:
    """A sympy object for a sympy value, an int, a Fraction or a float (never parses text)."""
    import sympy

    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction)) and not hasattr(value, "numerator"):
        raise TypeError(f"expected a number or a sympy expression, got {type(value).__name__}")
    if isinstance(value, float):
        return sympy.Float(value)
    return sympy.Rational(int(value.numerator), int(value.denominator))


def _tidy_sign(e: Any) -> Any:
    """``-1/(4*(s - 1))`` reads better as ``1/(4*(1 - s))``: move a minus sign into a factor of the denominator."""
    import sympy

    if not isinstance(e, sympy.Mul) or not e.could_extract_minus_sign():
        return e
    args = list(e.args)
    for k, f in enumerate(args):
        base, power = f.as_base_exp()
        if (isinstance(base, sympy.Add) and power.is_Integer and power < 0 and power % 2 == 1
                and base.as_coeff_Add()[0].is_negative):
            args[k] = sympy.Pow(-base, power, evaluate=False)
            rest = sympy.Mul(*(args[:k] + args[k + 1:]))
            return sympy.Mul(-rest, args[k], evaluate=False) if -rest != 1 else args[k]
    return e


def math_text(value: Any, *, factor: bool = True) -> str:
    """A number or sympy expression as plain text without Python operators.

    Multiplication is ``·``, integer powers are superscripts, square roots ``√``,
    infinity ``∞``; fractions stay ``a/b``. Non-numeric expressions are factored first
    unless ``factor=False``.

    Examples
    --------
    >>> import sympy
    >>> a, b = sympy.symbols("a b")
    >>> math_text(sympy.Rational(2, 3)), math_text(3 * a * b**-2), math_text(sympy.oo)
    ('2/3', '3·a/b²', '∞')
    """
    import sympy

    e = _as_sympy(value)
    if factor and not e.is_number and not isinstance(e, (sympy.Symbol, sympy.Rel)):
        e = sympy.factor(e)
    if isinstance(e, sympy.Rel):
        text = f"{math_text(e.lhs, factor=factor)} {e.rel_op} {math_text(e.rhs, factor=factor)}".replace("==", "=").replace(">=", "≥")
        return text.replace("<=", "≤").replace("!=", "≠")
    text = sympy.sstr(_tidy_sign(e))
    text = re.sub(r"\*\*\((-?\d+)\)", lambda m: m.group(1).translate(_SUPERSCRIPT), text)
    text = re.sub(r"\*\*(\d+)", lambda m: m.group(1).translate(_SUPERSCRIPT), text)
    text = text.replace("**", "^").replace("*", "·")
    text = re.sub(r"sqrt\((\w+)\)", r"√\1", text).replace("sqrt(", "√(")
    text = re.sub(r"\bzoo\b", "∞̃", text)
    return re.sub(r"\boo\b", "∞", text)


def symbol_latex(name: str) -> str:
    r"""The LaTeX of a parameter name: one letter (with digits as subscript) or a Greek name as usual,
    a longer name as one upright word.

    Examples
    --------
    >>> symbol_latex("C"), symbol_latex("t1"), symbol_latex("alpha"), symbol_latex("war_cost")
    ('C', 't_{1}', '\\alpha', '\\mathrm{war\\_cost}')
    """
    import sympy

    if re.fullmatch(r"[A-Za-z]\d*", name) or name.lower() in _GREEK:
        return sympy.latex(sympy.Symbol(name))
    from .latex import latex_text

    return r"\mathrm{" + latex_text(name) + "}"


def math_latex(value: Any, names: Mapping[Any, str] | None = None, *, factor: bool = True) -> str:
    r"""LaTeX of a number or sympy expression, multi-letter symbols as upright names (:func:`symbol_latex`).

    Examples
    --------
    >>> import sympy
    >>> print(math_latex(sympy.Rational(-1, 2) / (sympy.Symbol("share") - 1)))
    \frac{1}{2 \left(1 - \mathrm{share}\right)}
    """
    import sympy

    e = _as_sympy(value)
    if factor and not e.is_number and not isinstance(e, (sympy.Symbol, sympy.Rel)):
        e = _tidy_sign(sympy.factor(e))
    mapping = {s: symbol_latex(s.name) for s in e.free_symbols if isinstance(s, sympy.Symbol)}
    mapping.update(dict(names or {}))
    return sympy.latex(e, symbol_names=mapping)
