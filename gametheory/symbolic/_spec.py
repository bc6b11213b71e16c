"""Symbolic games from game files: payoffs through the spec's restricted expression parser.

The spec (:class:`gametheory.io.spec.GameSpec`) holds each payoff as a parsed
expression tree; :meth:`GameSpec.sympy_payoffs` turns the tree into sympy node by
node (:func:`gametheory.io.expressions.to_sympy`). No text reaches ``sympify``.
"""

from __future__ import annotations

from typing import Any

from ..errors import NotSupportedError
from .game import SymbolicGame
from .parameters import Parameter

__all__ = ["symbolic_from_spec", "symbolic_parameters"]


def symbolic_parameters(spec: Any) -> tuple[Parameter, ...]:
    """The spec's declared parameters as symbolic :class:`Parameter` objects (same ranges).

    Examples
    --------
    >>> from gametheory import library
    >>> [p.name for p in symbolic_parameters(library.spec("sanctions"))][:1]
    ['relief']
    """
    return tuple(
        Parameter(p.name, default=p.default, low=p.low, high=p.high, meaning=p.meaning) for p in spec.parameters
    )


def symbolic_from_spec(spec: Any) -> SymbolicGame:
    """The :class:`SymbolicGame` of a (non-composed) game file.

    Examples
    --------
    >>> from gametheory import library
    >>> g = symbolic_from_spec(library.spec("cosenders"))
    >>> g.players, g.key_parameters
    (('US', 'EU'), ('cost', 'effect'))
    """
    if getattr(spec, "composition", None) is not None:
        raise NotSupportedError(
            f"{spec.title!r} composes sub-games; use gametheory.symbolic.thresholds on its sub-games"
        )
    params = symbolic_parameters(spec)
    symbols = {p.name: p.symbol for p in params}
    _, payoffs = spec.sympy_payoffs(symbols)
    return SymbolicGame(
        payoffs,
        parameters=params,
        players=spec.players,
        strategies=spec.strategies,
        title=spec.title,
        key_parameters=spec.key_parameters or None,
    )
