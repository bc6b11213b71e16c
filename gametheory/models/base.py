"""What every model family shares: parameters, arithmetic contexts and the result types.

A model is a frozen dataclass whose named parameters are exact numbers (``int``,
``Fraction``, ``"2/3"``), floats (a float model, solved to the tolerance
:data:`gametheory.exact.DEFAULT_TOL`) or sympy expressions in
:class:`gametheory.symbolic.Parameter`\\ s (a *symbolic* model, for closed forms and
thresholds). Text never reaches sympy: it goes through :func:`gametheory.exact.to_number`.

Each family writes its solver once, against an arithmetic *context*:

* :class:`ExactContext` -- ``Fraction`` (or float) arithmetic; comparisons are exact
  (or within ``tol`` for floats).
* :class:`ProbeContext` -- sympy arithmetic in the parameters; every comparison is
  decided at one exact *probe* point and its difference is recorded. The formulas
  the solver returns then hold on the whole region where no recorded difference
  changes sign (:func:`gametheory.models.closed_form`,
  :func:`gametheory.models.model_thresholds`).

Results are :class:`ModelSolution`\\ s: like :class:`gametheory.Solution` they carry
``method``, ``complete``, ``exact``, ``parameters``, ``elapsed``, ``version``,
``notes``, ``to_dict()``/``to_json()`` and equilibria with a ``regret`` certificate,
which an exact verifier (separate from the solver) computes: the largest gain of any
deviation it checks, exactly 0 for exact models.

Examples
--------
>>> from fractions import Fraction
>>> ctx = ExactContext()
>>> ctx.argmax([Fraction(1, 2), Fraction(3, 4), Fraction(3, 4)])
[1, 2]
>>> import sympy
>>> x = sympy.Symbol("x")
>>> probe = ProbeContext({x: sympy.Rational(1, 3)})
>>> probe.cmp(x, sympy.Rational(1, 2)), probe.critical
(-1, [x - 1/2])
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, ClassVar, Iterator, Mapping, Sequence

from .. import exact as _exact
from ..errors import InvalidGameError, InvalidNumberError, NotSupportedError, SolverError
from ..solution import package_version

__all__ = [
    "Model",
    "ModelEquilibrium",
    "ModelSolution",
    "ExactContext",
    "ProbeContext",
    "KINDS",
    "certify",
    "load_model_result",
    "register",
    "core_of",
    "CORES",
]

#: Parameter kinds: the range each kind of model parameter must lie in.
#: ``(low, high, low_open, high_open)``; ``None`` is unbounded.
KINDS: dict[str, tuple[Any, Any, bool, bool]] = {
    "probability": (0, 1, False, False),
    "open probability": (0, 1, True, True),
    "share": (0, 1, False, False),
    "cost": (0, None, False, False),
    "positive": (0, None, True, False),
    "discount": (0, 1, True, True),
    "discount or 1": (0, 1, True, False),
    "real": (None, None, False, False),
}


def _is_sympy(v: Any) -> bool:
    return type(v).__module__.startswith("sympy")


def as_sympy(v: Any) -> Any:
    """A sympy expression, or an exact number converted by :func:`gametheory.symbolic.parameters.to_sympy_number`
    (numbers only: text never reaches sympy)."""
    import sympy

    from ..symbolic.parameters import to_sympy_number

    return v if isinstance(v, sympy.Basic) else to_sympy_number(v)


def _fmt(v: Any) -> str:
    """A number or formula for people: ``2/3``, ``0.25``, ``(1 - d)/(1 - d**2)``."""
    if _is_sympy(v):
        import sympy

        if v.is_Rational:
            return _exact.format_number(Fraction(int(v.p), int(v.q)))
        return sympy.sstr(sympy.factor(v) if v.free_symbols else v)
    return _exact.format_number(v)


def _json(v: Any) -> Any:
    from ..game import Game

    if isinstance(v, Game):
        from ..provenance import canonical_game

        return canonical_game(v)
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {f.name: _json(getattr(v, f.name)) for f in dataclasses.fields(v)}
    if _is_sympy(v):
        import sympy

        if v.is_Rational:
            return _exact.json_number(Fraction(int(v.p), int(v.q)))
        return sympy.sstr(v)
    if isinstance(v, (tuple, list)):
        return [_json(x) for x in v]
    if isinstance(v, Mapping):
        return {str(k): _json(x) for k, x in v.items()}
    if isinstance(v, (str, bool)) or v is None or type(v) is int:  # structural integers (horizons, markets)
        return v
    return _exact.json_number(v)


# -- arithmetic contexts ---------------------------------------------------------------------------
class ExactContext:
    """Numeric arithmetic: exact for ``Fraction``\\ s, within ``tol`` for floats.

    Parameters
    ----------
    tol : float
        Differences with ``|d| <= tol`` count as ties (0 for exact models).
    """

    symbolic = False

    def __init__(self, tol: float = 0.0) -> None:
        self.tol = tol

    def sign(self, d: Any) -> int:
        """-1, 0 or 1: the sign of ``d`` (0 when ``|d| <= tol``)."""
        if self.tol and abs(d) <= self.tol:
            return 0
        return int(d > 0) - int(d < 0)

    def cmp(self, a: Any, b: Any) -> int:
        """The sign of ``a - b``."""
        return self.sign(a - b)

    def argmax(self, values: Sequence[Any]) -> list[int]:
        """Indices of every maximum (ties kept, in order)."""
        best = [0]
        for k in range(1, len(values)):
            s = self.cmp(values[k], values[best[0]])
            if s > 0:
                best = [k]
            elif s == 0:
                best.append(k)
        return best

    def max(self, a: Any, b: Any) -> Any:
        """The larger of ``a`` and ``b`` (``a`` on a tie)."""
        return b if self.cmp(b, a) > 0 else a

    def min(self, a: Any, b: Any) -> Any:
        """The smaller of ``a`` and ``b`` (``a`` on a tie)."""
        return b if self.cmp(b, a) < 0 else a

    def clean(self, v: Any) -> Any:
        """The value as it should be reported."""
        return v

    def num(self, v: Any) -> Any:
        """A model value in this context's arithmetic (tuples entry by entry)."""
        return v


class ProbeContext(ExactContext):
    """Sympy arithmetic; comparisons decided at an exact probe point and recorded.

    Parameters
    ----------
    point : mapping of sympy.Symbol to exact sympy number
        Where each comparison is decided. Every difference compared is appended to
        :attr:`critical`; formulas computed in this context hold wherever none of
        those differences changes sign.
    """

    symbolic = True

    def __init__(self, point: Mapping[Any, Any]) -> None:
        super().__init__(0.0)
        self.point = dict(point)
        self.critical: list[Any] = []

    def sign(self, d: Any) -> int:
        import sympy

        from ..symbolic.conditions import sign_of_number

        d = as_sympy(d)  # a Python number from arithmetic on constants
        if d.free_symbols:
            d = sympy.cancel(sympy.together(d))
            num, den = sympy.fraction(d)
            for part in (num, den):
                if part.free_symbols and part not in self.critical and -part not in self.critical:
                    self.critical.append(part)
            d = d.xreplace(self.point)
        if d.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise InvalidGameError("the model is not defined at this point (a division by zero)")
        return sign_of_number(sympy.nsimplify(d) if d.is_Float else d)

    def clean(self, v: Any) -> Any:
        import sympy

        if _is_sympy(v) and v.free_symbols:
            return sympy.factor(sympy.cancel(v))
        return v

    def num(self, v: Any) -> Any:
        import sympy

        from ..symbolic.parameters import to_sympy_number

        if isinstance(v, tuple):
            return tuple(self.num(x) for x in v)
        return v if isinstance(v, sympy.Basic) else to_sympy_number(v)


#: Parameters of the model being rebuilt by :meth:`Model.subs` (keeps their ranges and defaults).
_KNOWN: dict[str, Any] = {}


# -- models --------------------------------------------------------------------------------------------
class Model:
    """Base of the model families: named parameters checked, converted and tracked.

    Subclasses are frozen dataclasses that list their numeric fields in ``_NUMBERS``
    (field name to kind, see :data:`KINDS`; a tuple-valued field is checked entry by
    entry) and call ``self._setup()`` in ``__post_init__``. Each numeric entry may be
    a number, numeric text such as ``"2/3"``, a sympy expression, or a
    :class:`gametheory.symbolic.Parameter` (whose symbol is used and whose range and
    default are kept). A bare sympy ``Symbol`` becomes a parameter with the range of
    its kind.
    """

    family: ClassVar[str] = "model"
    _NUMBERS: ClassVar[dict[str, str]] = {}

    # -- set-up ---------------------------------------------------------------------------------------
    def _setup(self) -> None:
        params: dict[str, Any] = {}
        kinds = set()
        for name, kind in self._NUMBERS.items():
            value = getattr(self, name)
            if isinstance(value, (tuple, list)):
                conv = tuple(self._number(v, f"{name}[{k}]", kind, params) for k, v in enumerate(value))
            else:
                conv = self._number(value, name, kind, params)
            object.__setattr__(self, name, conv)
        for v in self._flat_values():
            kinds.add("float" if isinstance(v, float) else "sympy" if _is_sympy(v) else "exact")
        if "float" in kinds and "sympy" in kinds:
            raise InvalidGameError(f"{self.family}: mix of floats and symbols; symbolic models need exact numbers")
        if "float" in kinds:  # a float model: every number a float, as in gametheory.exact
            for name in self._NUMBERS:
                value = getattr(self, name)
                conv = tuple(float(v) for v in value) if isinstance(value, tuple) else float(value)
                object.__setattr__(self, name, conv)
        object.__setattr__(self, "_parameters", tuple(params.values()))

    def _number(self, value: Any, name: str, kind: str, params: dict[str, Any]) -> Any:
        import sympy

        from ..symbolic.parameters import Parameter

        lo, hi, lo_open, hi_open = KINDS[kind]
        if isinstance(value, Parameter):
            params.setdefault(value.name, value)
            return value.symbol
        if isinstance(value, sympy.Symbol):
            if value.name not in params and value.name in _KNOWN:
                params[value.name] = _KNOWN[value.name]
            if value.name not in params:
                params[value.name] = Parameter(value.name, low=lo, high=hi, positive=lo_open and lo == 0,
                                               meaning=f"{self.family}: {name}")
            return params[value.name].symbol
        if _is_sympy(value) and getattr(value, "free_symbols", None):
            if value.has(sympy.Float):
                raise InvalidGameError(f"{self.family}: {name}: {value} contains a float; use exact numbers")
            for s in sorted(value.free_symbols, key=lambda s: s.name):
                if s.name not in params and s.name in _KNOWN:
                    params[s.name] = _KNOWN[s.name]
                if s.name not in params:
                    params[s.name] = Parameter(s.name, positive=bool(s.is_positive),
                                               low=0 if s.is_nonnegative and not s.is_positive else None)
            return value.xreplace({s: params[s.name].symbol for s in value.free_symbols})
        try:
            v = _exact.to_number(value)
        except InvalidNumberError as err:
            raise InvalidGameError(f"{self.family}: {name}: {err}") from None
        if (lo is not None and (v < lo or (lo_open and v == lo))) or (hi is not None and (v > hi or (hi_open and v == hi))):
            left = "(" if lo_open or lo is None else "["
            right = ")" if hi_open or hi is None else "]"
            rng = f"{left}{'-oo' if lo is None else lo}, {'oo' if hi is None else hi}{right}"
            raise InvalidGameError(f"{self.family}: {name} = {_exact.format_number(v)} is outside {rng} ({kind})")
        return v

    def _flat_values(self) -> Iterator[Any]:
        for name in self._NUMBERS:
            value = getattr(self, name)
            yield from (value if isinstance(value, tuple) else (value,))

    # -- properties ------------------------------------------------------------------------------------
    @property
    def parameters(self) -> tuple:
        """The :class:`gametheory.symbolic.Parameter`\\ s of a symbolic model (empty when numeric)."""
        return self._parameters  # type: ignore[attr-defined]

    def parameter(self, name: str) -> Any:
        """The symbolic parameter called ``name``."""
        for p in self.parameters:
            if p.name == name:
                return p
        names = ", ".join(p.name for p in self.parameters) or "none (the model is numeric)"
        raise InvalidGameError(f"{self.family}: unknown parameter {name!r}; parameters: {names}")

    @property
    def symbolic(self) -> bool:
        """``True`` when some parameter is a sympy expression."""
        return bool(self.parameters)

    @property
    def exact(self) -> bool:
        """``True`` for exact numeric models (no floats)."""
        return not any(isinstance(v, float) for v in self._flat_values())

    @property
    def tol(self) -> float:
        """Tolerance of comparisons: 0 for exact and symbolic models, else :data:`gametheory.exact.DEFAULT_TOL`."""
        return 0.0 if self.exact else _exact.DEFAULT_TOL

    def numbers(self) -> dict[str, Any]:
        """The numeric fields by name (tuples for sequences)."""
        return {name: getattr(self, name) for name in self._NUMBERS}

    def subs(self, values: Mapping[str, Any]) -> "Model":
        """The model with parameters replaced by exact numbers (or other expressions).

        Examples
        --------
        >>> import sympy
        >>> from gametheory.models import war_of_attrition
        >>> m = war_of_attrition(values=(sympy.Symbol("V"), 3), costs=(1, 1))
        >>> m.subs({"V": 3}).numbers()["values"]
        (Fraction(3, 1), Fraction(3, 1))
        """
        import sympy

        from ..symbolic.parameters import from_sympy_number, to_sympy_number

        mapping = {}
        for name, v in values.items():
            p = self.parameter(name)
            mapping[p.symbol] = v if isinstance(v, sympy.Basic) else to_sympy_number(v)

        def one(v: Any) -> Any:
            if not _is_sympy(v):
                return v
            out = sympy.cancel(v.xreplace(mapping))
            return from_sympy_number(out) if not out.free_symbols and out.is_Rational else out

        changes = {}
        for name in self._NUMBERS:
            value = getattr(self, name)
            changes[name] = tuple(one(v) for v in value) if isinstance(value, tuple) else one(value)
        _KNOWN.clear()
        _KNOWN.update({p.name: p for p in self.parameters if p.symbol not in mapping})
        try:
            return dataclasses.replace(self, **changes)  # remaining parameters keep their ranges and defaults
        finally:
            _KNOWN.clear()

    def defaults(self) -> "Model":
        """The numeric model at every parameter's default value."""
        missing = [p.name for p in self.parameters if p.default is None]
        if missing:
            raise InvalidGameError(f"{self.family}: parameters without a default: {', '.join(missing)}")
        return self.subs({p.name: p.default for p in self.parameters})

    def require_numeric(self, what: str) -> None:
        """Raise :class:`NotSupportedError` for a symbolic model (``what`` names the caller)."""
        if self.symbolic:
            names = ", ".join(p.name for p in self.parameters)
            raise NotSupportedError(
                f"{what} needs numbers; the model has parameters {names}: use model.subs({{...}}) or "
                "model.defaults(), or gametheory.models.closed_form / model_thresholds for formulas"
            )

    def context(self) -> ExactContext:
        """The numeric context of this model."""
        return ExactContext(self.tol)

    def __str__(self) -> str:
        return self.describe()

    def arguments(self) -> dict[str, Any]:
        """The constructor's arguments as JSON data (exact numbers as ``"p/q"``): ``type(model)(**args)`` rebuilds it.

        Examples
        --------
        >>> from gametheory.models import war_of_attrition
        >>> war_of_attrition(3, 1).arguments()["values"]
        ['3', '3']
        """
        self.require_numeric("arguments")
        out = {}
        for f in dataclasses.fields(self):
            if f.name.startswith("_"):
                continue
            out[f.name] = _json(getattr(self, f.name))
        return out

    def describe(self) -> str:
        """One line per parameter: name and value."""
        lines = [f"{getattr(self, 'title', '') or self.family} ({self.family} model)"]
        for name, v in self.numbers().items():
            text = "(" + ", ".join(_fmt(x) for x in v) + ")" if isinstance(v, tuple) else _fmt(v)
            lines.append(f"  {name} = {text}")
        return "\n".join(lines)


# -- results ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ModelEquilibrium:
    """One equilibrium (or bargaining solution) of a model, with its certificate.

    Attributes
    ----------
    label : str
        A short name of the outcome, the same on a whole threshold interval
        (for example ``"risky offer: war with the resolute type"``).
    strategies : mapping of str to str
        Each player's strategy in words, with the exact numbers.
    payoffs : mapping of str to number
        Each player's (expected) equilibrium payoff.
    quantities : mapping of str to number
        Offers, probabilities, posteriors, durations, ... by name.
    regret : number
        The certificate: the largest gain of any deviation the verifier checked
        (exactly 0 for exact models; at most ``tol`` for float models).
    """

    label: str
    strategies: Mapping[str, str]
    payoffs: Mapping[str, Any]
    quantities: Mapping[str, Any] = field(default_factory=dict)
    regret: Any = Fraction(0)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (exact numbers as ``"p/q"`` strings)."""
        return {
            "label": self.label,
            "strategies": dict(self.strategies),
            "payoffs": {k: _json(v) for k, v in self.payoffs.items()},
            "quantities": {k: _json(v) for k, v in self.quantities.items()},
            "regret": _json(self.regret),
        }

    def __str__(self) -> str:
        strat = "; ".join(f"{p}: {s}" for p, s in self.strategies.items())
        pay = ", ".join(f"{p} {_fmt(v)}" for p, v in self.payoffs.items())
        return f"{self.label} -- {strat}  payoffs ({pay})  regret {_fmt(self.regret)}"


@dataclass(frozen=True)
class ModelSolution:
    """The result of a model family's solver.

    Attributes
    ----------
    model : Model
        The model solved.
    method : str
        The solver's name.
    equilibria : tuple of ModelEquilibrium
        Each certified by the family's exact verifier before being returned.
    values : mapping of str to number
        The headline closed-form results (range ends, shares, thresholds, ...).
    complete : bool
        ``True`` when ``equilibria`` are all the equilibria of the class the method
        promises (stated in ``notes``).
    exact : bool
        ``True`` for exact arithmetic.
    summary : str
        Plain-language summary of what the result says.
    notes : tuple of str
        What was checked, what is not covered.
    parameters : mapping
        The model's parameter values.
    elapsed : float
        Seconds spent.
    version : str
        Package version.
    detail : Any
        Family-specific extra (a path table, the stage game's :class:`~gametheory.Solution`, ...).
    """

    model: Any = field(repr=False)
    method: str
    equilibria: tuple[ModelEquilibrium, ...]
    values: Mapping[str, Any]
    complete: bool
    exact: bool
    summary: str = ""
    notes: tuple[str, ...] = ()
    parameters: Mapping[str, Any] = field(default_factory=dict)
    elapsed: float = 0.0
    version: str = field(default_factory=package_version)
    detail: Any = field(default=None, repr=False, compare=False)

    def __iter__(self) -> Iterator[ModelEquilibrium]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, k: int) -> ModelEquilibrium:
        return self.equilibria[k]

    @property
    def title(self) -> str:
        """The model's title."""
        return getattr(self.model, "title", "") or self.model.family

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary (numbers as ``"p/q"`` strings when exact).

        Keys: ``title``, ``family``, ``players``, ``method``, ``exact``, ``complete``,
        ``equilibria``, ``values``, ``summary``, ``notes``, ``model`` (the parameter
        values), ``arguments`` (what rebuilds the model: :func:`load_model_result`),
        ``elapsed``, ``version``.
        """
        return {
            "title": self.title,
            "family": self.model.family,
            "players": list(getattr(self.model, "players", ())),
            "method": self.method,
            "exact": self.exact,
            "complete": self.complete,
            "equilibria": [e.to_dict() for e in self.equilibria],
            "values": {k: _json(v) for k, v in self.values.items()},
            "summary": self.summary,
            "notes": list(self.notes),
            "model": {k: _json(v) for k, v in self.parameters.items()},
            "arguments": self.model.arguments(),
            "elapsed": self.elapsed,
            "version": self.version,
        }

    def to_json(self, file: Any = None) -> str:
        """The :meth:`to_dict` record as JSON text, also written to ``file`` when given.

        :func:`load_model_result` reads it back, rebuilds the model, solves it again and
        checks that every equilibrium, certificate and value is the same.

        Examples
        --------
        >>> from gametheory.models import war_of_attrition, attrition_equilibria
        >>> sol = attrition_equilibria(war_of_attrition(3, 1))
        >>> load_model_result(sol.to_json()).values == sol.values
        True
        """
        text = json.dumps(self.to_dict(), indent=2, ensure_ascii=False)
        if file is not None:
            from pathlib import Path

            Path(file).write_text(text + "\n", encoding="utf-8")
        return text

    def __str__(self) -> str:
        n = len(self.equilibria)
        head = (f"{self.method}: {n} equilibri{'um' if n == 1 else 'a'} "
                f"({'complete' if self.complete else 'not necessarily complete'}, {'exact' if self.exact else 'float'})")
        lines = [self.title, head]
        lines += [f"  {k + 1}. {e}" for k, e in enumerate(self.equilibria)]
        if self.values:
            lines.append("  values: " + ", ".join(f"{k} = {_fmt(v)}" for k, v in self.values.items()))
        if self.summary:
            import textwrap

            lines.append(textwrap.fill(self.summary, width=100, initial_indent="  ", subsequent_indent="  "))
        lines += [f"  note: {t}" for t in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        return "<pre>" + html.escape(str(self)) + "</pre>"

    def figure(self, **kwargs: Any) -> Any:
        """The family's figure for this result (see :mod:`gametheory.models.plots`)."""
        from .plots import figure

        return figure(self, **kwargs)


#: The solver core of each model class: ``core(model, ctx) -> list[ModelEquilibrium]`` (regret unset),
#: written once for numbers (:class:`ExactContext`) and formulas (:class:`ProbeContext`).
CORES: dict[type, Any] = {}


def register(cls: type, core: Any) -> None:
    """Record the solver core of a model class (used by closed forms and thresholds)."""
    CORES[cls] = core


def core_of(model: Any) -> Any:
    """The solver core of ``model``'s class.

    Raises
    ------
    NotSupportedError
        For an object that is not a model of a registered family.
    """
    for cls in type(model).__mro__:
        if cls in CORES:
            return CORES[cls]
    raise NotSupportedError(f"{type(model).__name__} is not a model of gametheory.models")


def certify(eq: ModelEquilibrium, tol: float, what: str) -> ModelEquilibrium:
    """Return ``eq`` when its regret is at most ``tol`` (exactly 0 for exact models), else raise.

    Raises
    ------
    SolverError
        A solver bug: the verifier found a profitable deviation.

    Examples
    --------
    >>> e = ModelEquilibrium("x", {"A": "a"}, {"A": 1}, regret=Fraction(1, 2))
    >>> certify(e, 0.0, "demo")
    Traceback (most recent call last):
    ...
    gametheory.errors.SolverError: demo: not an equilibrium (a deviation gains 1/2): x
    """
    if eq.regret > tol:
        raise SolverError(f"{what}: not an equilibrium (a deviation gains {_fmt(eq.regret)}): {eq.label}")
    return eq


def make_solution(
    model: Model,
    method: str,
    equilibria: Sequence[ModelEquilibrium],
    values: Mapping[str, Any],
    *,
    started: float,
    summary: str,
    complete: bool = True,
    notes: Sequence[str] = (),
    detail: Any = None,
) -> ModelSolution:
    """Certify every equilibrium and build the :class:`ModelSolution`."""
    eqs = tuple(certify(e, model.tol, method) for e in equilibria)
    return ModelSolution(
        model=model,
        method=method,
        equilibria=eqs,
        values=dict(values),
        complete=complete,
        exact=model.exact,
        summary=summary,
        notes=tuple(notes),
        parameters=model.numbers(),
        elapsed=time.perf_counter() - started,
        detail=detail,
    )


def load_model_result(source: Any) -> ModelSolution:
    """Read a :meth:`ModelSolution.to_json` record, solve its model again and check it agrees.

    Parameters
    ----------
    source : str, path or file object
        The JSON text, or a file holding it.

    Returns
    -------
    ModelSolution
        The fresh solution (its equilibria re-certified by the family's verifier).

    Raises
    ------
    SolverError
        When the stored equilibria, certificates or values differ from the fresh ones.
    SpecError
        When the record is not a model result.
    """
    import os
    from pathlib import Path

    from ..errors import SpecError

    if hasattr(source, "read"):
        text = source.read()
    elif isinstance(source, os.PathLike) or (isinstance(source, str) and not source.lstrip().startswith("{")):
        text = Path(source).read_text(encoding="utf-8")
    else:
        text = source
    try:
        data = json.loads(text)
        family, method, args = data["family"], data["method"], dict(data["arguments"])
    except (ValueError, KeyError, TypeError) as err:
        raise SpecError(f"not a model result record: {err}") from None
    from . import solve_model
    from .spec import model_class

    cls = model_class(family)
    if family == "repeated game":
        from ..game import Game
        from .repeated import StrategyProfile

        stage = args["stage"]
        import numpy as np

        payoffs = stage["payoffs"] if stage["kind"] != "float" else np.array(stage["payoffs"], dtype=float)
        args["stage"] = Game(payoffs, players=stage["players"], strategies=stage["strategies"], title=stage["title"])
        st = args["strategy"]
        args["strategy"] = StrategyProfile(st["name"], tuple(st["states"]), tuple(map(tuple, st["actions"])),
                                           tuple(map(tuple, st["transitions"])), st["initial"])
    if family == "nash bargaining":
        flat = args["points"]
        args["points"] = [(flat[k], flat[k + 1]) for k in range(0, len(flat), 2)]
    for k, v in list(args.items()):
        if isinstance(v, list) and k not in ("points",):
            args[k] = tuple(v)
    fresh = solve_model(cls(**args), method)
    stored = data
    again = json.loads(fresh.to_json())
    for key in ("equilibria", "values", "complete", "exact"):
        if again[key] != stored[key]:
            raise SolverError(f"the stored result differs from a fresh solve in {key!r}")
    return fresh
