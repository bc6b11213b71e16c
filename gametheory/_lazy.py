"""Deferred imports of heavy optional-at-start-up modules (private).

``import gametheory`` should cost little: sympy, scipy, matplotlib and numba
together take over a second to import, and most sessions use only some of them.
Modules that need one at call time bind a :func:`lazy_module` proxy at module level
instead of importing it; the real module is imported on the first attribute access.

Examples
--------
>>> from gametheory._lazy import lazy_module
>>> m = lazy_module("fractions")
>>> m.Fraction(1, 2)
Fraction(1, 2)
"""

from __future__ import annotations

import importlib
import types
from typing import Any

__all__ = ["lazy_module"]


class _LazyModule(types.ModuleType):
    """A stand-in that imports the named module on first attribute access."""

    def __getattr__(self, attr: str) -> Any:
        module = importlib.import_module(self.__name__)
        value = getattr(module, attr)
        self.__dict__[attr] = value  # later look-ups skip __getattr__
        return value

    def __repr__(self) -> str:
        return f"<lazy module {self.__name__!r}>"


def lazy_module(name: str) -> types.ModuleType:
    """A proxy for module ``name`` that imports it when an attribute is first used.

    Parameters
    ----------
    name : str
        Absolute module name, e.g. ``"sympy"``.

    Returns
    -------
    types.ModuleType
        The proxy; ``proxy.attr`` is ``importlib.import_module(name).attr``.
    """
    return _LazyModule(name)
