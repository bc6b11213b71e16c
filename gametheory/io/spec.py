"""Games as TOML files: the spec format, its validation, loading and dumping.

A game file states the players, their strategies, the payoffs (numbers, exact
fractions such as ``"2/3"`` or arithmetic expressions in declared parameters),
the parameters with default, range and meaning, an **assumption register** (each
preference the payoffs encode, with its basis: a quote from the brief or a
modelling choice) and the sources. The format is documented with a full example
in ``games/README.md``; in short::

    title = "Example"
    players = ["US", "Russia"]
    key_parameters = ["cost"]

    [strategies]
    US = ["Concede", "Hold"]
    Russia = ["Ceasefire", "Fight"]

    [parameters.cost]
    default = 2
    range = [0, 5]
    meaning = "Russia's cost of renewed war"

    [payoffs]        # payoffs.PLAYER[s_1][s_2]...[s_N]: first index = first player's strategy
    US = [[2, 0], [3, 1]]
    Russia = [[3, "4 - cost"], [1, "2 - cost"]]

Payoffs may instead be listed per outcome (``[[outcomes]]`` with ``profile`` and
``payoffs`` tables), which reads better for three players. TOML floats are read
**exactly** as decimals (``0.1`` is ``1/10``), so a file always gives an exact game
unless a parameter is overridden with a Python ``float``.

Every problem raises :class:`~gametheory.errors.SpecError` naming the file, the key
path (such as ``payoffs.Russia[1][0]``) and the problem; syntax errors carry the
line and column.

Examples
--------
>>> text = '''
... title = "Example"
... players = ["US", "Russia"]
... [strategies]
... US = ["Concede", "Hold"]
... Russia = ["Ceasefire", "Fight"]
... [parameters.cost]
... default = 2
... range = [0, 5]
... meaning = "Russia's cost of renewed war"
... [payoffs]
... US = [[2, 0], [3, 1]]
... Russia = [[3, "4 - cost"], [1, "2 - cost"]]
... '''
>>> spec = loads_spec(text)
>>> spec.build().payoff_array("Russia").tolist()
[[Fraction(3, 1), Fraction(2, 1)], [Fraction(1, 1), Fraction(0, 1)]]
>>> spec.build({"cost": "1/2"})[("Concede", "Fight")]
(Fraction(0, 1), Fraction(7, 2))
>>> loads_spec(text.replace('[3, "4 - cost"]', '[3]'))
Traceback (most recent call last):
...
gametheory.errors.SpecError: <string>: payoffs.Russia[0]: expected 2 entries (one per strategy of Russia), got 1
"""

from __future__ import annotations

import itertools
import math
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from ..errors import GameTheoryError, SpecError
from ..limits import (MAX_FILE_BYTES, MAX_LABEL_LENGTH, check_bits, check_data, check_nesting,
                      fraction_from_decimal, read_text)
from .expressions import Expression, Num, evaluate, is_identifier, parse_expression

if TYPE_CHECKING:
    from ..game import Game
    from ..solution import Equilibrium

__all__ = [
    "Metadata",
    "Parameter",
    "Assumption",
    "Source",
    "Outcome",
    "GameSpec",
    "load_spec",
    "loads_spec",
    "load",
    "loads",
    "dump",
    "spec_from_game",
    "BASES",
]

#: The allowed values of an assumption's ``basis``.
BASES = ("brief", "modelling choice")

_TOP_KEYS = (
    "title",
    "description",
    "authors",
    "version",
    "citation",
    "players",
    "key_parameters",
    "strategies",
    "parameters",
    "payoffs",
    "outcomes",
    "narration",
    "assumptions",
    "sources",
    "composition",
    "model",
)
#: Keys validated here in a composition file (everything else is left to gametheory.sequential).
_COMMON_KEYS = ("title", "description", "authors", "version", "citation", "players", "key_parameters", "parameters",
                "assumptions", "sources", "composition")
_PARAM_KEYS = ("default", "range", "meaning")
#: Optional keys of a parameter: ``source``, where its default comes from (a quote or "modelling choice: ...").
_PARAM_OPTIONAL = ("source",)
_ASSUMPTION_KEYS = ("id", "player", "statement", "basis", "quote", "why", "prefers", "over")
_SOURCE_KEYS = ("id", "citation", "url", "note")
_OUTCOME_KEYS = ("profile", "payoffs", "says")
_NARRATION_KEYS = ("mixed",)
_MAX_PROFILES = 10**6


# -- records ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Metadata:
    """Bibliographic data of a game file."""

    title: str
    description: str = ""
    authors: tuple[str, ...] = ()
    version: str | None = None
    citation: str | None = None


@dataclass(frozen=True)
class Parameter:
    """A declared parameter: ``default`` value, range ``[low, high]`` and what it means.

    Examples
    --------
    >>> p = Parameter("cost", Fraction(2), Fraction(0), Fraction(5), "cost of war")
    >>> p.contains(Fraction(6))
    False
    """

    name: str
    default: Fraction
    low: Fraction
    high: Fraction
    meaning: str
    source: str | None = None

    def contains(self, value: Any) -> bool:
        """Whether ``low <= value <= high``."""
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Assumption:
    """One entry of the assumption register.

    ``prefers`` (a profile: one strategy label per player) and ``over`` (a tuple of
    profiles) are the optional machine-checkable ordinal part: ``player`` strictly
    prefers the outcome ``prefers`` to each outcome in ``over``.
    """

    id: str
    player: str
    statement: str
    basis: str
    quote: str | None = None
    prefers: tuple[str, ...] | None = None
    over: tuple[tuple[str, ...], ...] = ()
    why: str | None = None


@dataclass(frozen=True)
class Source:
    """A work the model draws on."""

    citation: str
    id: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Outcome:
    """A pure profile with its plain-language description (``says``)."""

    profile: tuple[str, ...]
    says: str | None = None


@dataclass(frozen=True)
class GameSpec:
    """A validated game file: everything in it, payoffs still as expressions.

    Attributes
    ----------
    path : str or None
        The file it came from (``None`` for text).
    metadata : Metadata
        Title, description, authors, version, citation.
    players : tuple of str
    strategies : tuple of tuple of str
    parameters : tuple of Parameter
    key_parameters : tuple of str
        The parameters the analysis should vary first.
    payoffs : nested tuples of Expression
        Shape ``(N, n_1, ..., n_N)`` like :attr:`gametheory.Game.payoffs`.
    assumptions : tuple of Assumption
    sources : tuple of Source
    outcomes : tuple of Outcome
        Descriptions of pure outcomes (used to narrate equilibria).
    mixed_narration : str or None
        Sentence describing a mixed equilibrium of this game.
    composition : mapping or None
        The raw ``[composition]`` table of a sequential game file.
    raw : mapping
        The whole parsed TOML (floats as :class:`decimal.Decimal`).
    """

    path: str | None
    metadata: Metadata
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    parameters: tuple[Parameter, ...]
    key_parameters: tuple[str, ...]
    payoffs: tuple
    assumptions: tuple[Assumption, ...] = ()
    sources: tuple[Source, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    mixed_narration: str | None = None
    composition: Mapping[str, Any] | None = field(default=None, compare=False)
    model: Mapping[str, Any] | None = field(default=None, compare=False)  # a [model] table (gametheory.models)
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    origin: str | None = field(default=None, compare=False, repr=False)
    _where: Mapping[int, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def title(self) -> str:
        """The game's title."""
        return self.metadata.title

    @property
    def file(self) -> str:
        """The file name used in error messages."""
        return self.origin or self.path or "<string>"

    def parameter(self, name: str) -> Parameter:
        """The declared parameter called ``name``."""
        for p in self.parameters:
            if p.name == name:
                return p
        raise SpecError(f"unknown parameter {name!r}; declared: {', '.join(self.parameter_names) or 'none'}",
                        file=self.file)

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """Names of the declared parameters, in file order."""
        return tuple(p.name for p in self.parameters)

    def parameter_values(self, params: Mapping[str, Any] | None = None) -> dict[str, Fraction | float]:
        """Defaults overridden by ``params``, each checked against its declared range.

        Values may be numbers or text such as ``"2/3"``; a ``float`` makes the game a float game.

        Raises
        ------
        SpecError
            Unknown parameter, a value that is not a finite number, or one out of range.

        Examples
        --------
        >>> from gametheory import library
        >>> spec = library.spec("sanctions")
        >>> spec.parameter_values({"relief": "2"})["relief"]
        Fraction(2, 1)
        """
        values: dict[str, Fraction | float] = {p.name: p.default for p in self.parameters}
        if params is None:
            return values
        if not isinstance(params, Mapping):
            raise SpecError(f"params must be a mapping of parameter names to values, not {type(params).__name__}",
                            file=self.file)
        for name, value in params.items():
            key = f"params.{name}"
            if name not in values:
                raise SpecError(
                    f"unknown parameter {name!r}; declared: {', '.join(self.parameter_names) or 'none'}",
                    file=self.file, key=key,
                )
            v = _override_value(value, self.file, key)
            p = self.parameter(name)
            if not p.contains(v):
                raise SpecError(
                    f"value {_fmt(v)} is outside the declared range [{_fmt(p.low)}, {_fmt(p.high)}]",
                    file=self.file, key=key,
                )
            values[name] = v
        return values

    def payoff_values(self, params: Mapping[str, Any] | None = None) -> list:
        """The payoffs evaluated at the parameter values, as nested lists."""
        values = self.parameter_values(params)

        def go(node: Any, key: str) -> Any:
            if isinstance(node, Expression):
                # Name the place in the file: an [[outcomes]] entry when payoffs came from there.
                return evaluate(node, values, file=self.file, key=self._where.get(id(node), key))
            return [go(x, f"{key}[{k}]") for k, x in enumerate(node)]

        return [go(self.payoffs[i], f"payoffs.{_key(p)}") for i, p in enumerate(self.players)]

    def sympy_payoffs(self, symbols: Mapping[str, Any] | None = None) -> tuple[dict[str, Any], list]:
        """The payoffs as sympy expressions in the parameters, built node by node (no text is sympified).

        Returns ``(symbols, payoffs)``: the symbol of each parameter (``sympy.Symbol(name, real=True)``
        unless given) and nested lists of shape ``(N, n_1, ..., n_N)``.

        Examples
        --------
        >>> from gametheory import library
        >>> syms, pay = library.spec("cosenders").sympy_payoffs()
        >>> pay[0][0][1]
        -cost + effect/4
        """
        import sympy

        from .expressions import to_sympy

        syms = dict(symbols or {})
        for name in self.parameter_names:
            syms.setdefault(name, sympy.Symbol(name, real=True))

        def go(node: Any) -> Any:
            if isinstance(node, Expression):
                return to_sympy(node, syms)
            return [go(x) for x in node]

        return syms, [go(p) for p in self.payoffs]

    def build(self, params: Mapping[str, Any] | None = None) -> "Game":
        """The :class:`~gametheory.Game` at the default parameters overridden by ``params``.

        Examples
        --------
        >>> from gametheory import library
        >>> g = library.spec("cosenders").build()
        >>> g.players
        ('US', 'EU')
        """
        from ..game import Game

        if self.composition is not None:
            raise SpecError("this file composes sub-games; use gametheory.load() to build it", file=self.file)
        if self.model is not None:
            raise SpecError("this file describes a model family ([model]); use gametheory.load() to build it",
                            file=self.file)
        try:
            return Game(self.payoff_values(params), players=self.players, strategies=self.strategies,
                        title=self.metadata.title)
        except SpecError:
            raise
        except GameTheoryError as err:
            raise SpecError(str(err), file=self.file) from None

    def assumption_violations(self, params: Mapping[str, Any] | None = None) -> list[tuple[Assumption, tuple[str, ...]]]:
        """The machine-checkable assumptions the payoffs contradict at these parameter values.

        Returns a list of ``(assumption, profile)``: the player does *not* strictly
        prefer ``assumption.prefers`` to ``profile``.

        Examples
        --------
        >>> from gametheory import library
        >>> library.spec("nato_membership").assumption_violations()
        []
        """
        if self.model is not None or not self.assumptions:
            return []
        if self.composition is not None:
            if "state" not in self.composition:
                return []
            from ..sequential.valued import register_violations

            return [(a, other) for a, other, _ in register_violations(_game_from(self, params), self.assumptions)]
        game = self.build(params)
        bad = []
        for a in self.assumptions:
            if a.prefers is None:
                continue
            i = game.player_index(a.player)
            good = game[a.prefers][i]
            for other in a.over:
                if not good > game[other][i]:
                    bad.append((a, other))
        return bad

    def narrate(self, eq: "Equilibrium") -> str:
        """One plain-language sentence for an equilibrium, from the file's ``[[outcomes]]``.

        A pure equilibrium uses its outcome's ``says``; a mixed one ``[narration] mixed``.

        Examples
        --------
        >>> from gametheory import library, solve
        >>> spec = library.spec("cosenders")
        >>> sentence = spec.narrate(solve(spec.build())[0])
        >>> isinstance(sentence, str) and len(sentence) > 20
        True
        """
        if eq.pure:
            profile = tuple(self.strategies[i][s[0]] for i, s in enumerate(eq.supports))
            for o in self.outcomes:
                if o.profile == profile and o.says:
                    return o.says
            return "Outcome: " + ", ".join(f"{p} plays {s}" for p, s in zip(self.players, profile)) + "."
        if self.mixed_narration:
            return self.mixed_narration
        return "A mixed equilibrium: players randomise, so each outcome in the supports occurs with positive probability."


# -- errors and small helpers -------------------------------------------------------------------
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(name: str) -> str:
    """A key path component, quoted when it is not a bare TOML key."""
    return name if _BARE_KEY.match(name) else _str(name)


def _fmt(v: Any) -> str:
    if isinstance(v, Fraction):
        return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    return repr(v)


def _type_name(v: Any) -> str:
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, int):
        return "an integer"
    if isinstance(v, Decimal):
        return "a number"
    if isinstance(v, list):
        return "an array"
    if isinstance(v, dict):
        return "a table"
    return f"a {type(v).__name__}"


class _Checker:
    """Validation helpers that know the file name."""

    def __init__(self, file: str) -> None:
        self.file = file

    def err(self, key: str | None, message: str) -> SpecError:
        return SpecError(message, file=self.file, key=key)

    def table(self, value: Any, key: str) -> dict:
        if not isinstance(value, dict):
            raise self.err(key, f"expected a table, got {_type_name(value)}")
        return value

    def array(self, value: Any, key: str) -> list:
        if not isinstance(value, list):
            raise self.err(key, f"expected an array, got {_type_name(value)}")
        return value

    def text(self, value: Any, key: str, *, empty: bool = False) -> str:
        if not isinstance(value, str):
            raise self.err(key, f"expected a string, got {_type_name(value)}")
        if not empty and not value.strip():
            raise self.err(key, "must not be empty")
        return value

    def keys(self, table: dict, allowed: Sequence[str], key: str | None) -> None:
        for k in table:
            if k not in allowed:
                where = f"{key}.{_key(k)}" if key else _key(k)
                raise self.err(where, f"unknown key {k!r}; allowed keys: {', '.join(allowed)}")

    def labels(self, value: Any, key: str, what: str) -> tuple[str, ...]:
        items = self.array(value, key)
        if not items:
            raise self.err(key, f"needs at least one {what}")
        out: dict[str, None] = {}  # insertion-ordered; a set lookup keeps this linear
        for k, v in enumerate(items):
            label = self.text(v, f"{key}[{k}]")
            if len(label) > MAX_LABEL_LENGTH:
                raise self.err(f"{key}[{k}]", f"{what} label longer than {MAX_LABEL_LENGTH} characters")
            if label in out:
                raise self.err(f"{key}[{k}]", f"duplicate {what} label {label!r}")
            out[label] = None
        return tuple(out)

    def number(self, value: Any, key: str) -> Fraction:
        """An exact number: integer, TOML float (read as decimal) or constant expression text."""
        if isinstance(value, bool):
            raise self.err(key, "expected a number, got a boolean")
        if isinstance(value, int):
            return Fraction(check_bits(value, file=self.file, key=key, what="integer"))
        if isinstance(value, Decimal):
            return self.decimal(value, key)
        if isinstance(value, str):
            e = parse_expression(value, (), file=self.file, key=key)
            v = evaluate(e, {}, file=self.file, key=key)
            return v  # type: ignore[return-value]
        raise self.err(key, f"expected a number, got {_type_name(value)}")

    def decimal(self, value: Decimal, key: str) -> Fraction:
        return fraction_from_decimal(value, file=self.file, key=key)

    def expression(self, value: Any, key: str, params: Sequence[str]) -> Expression:
        """A payoff: number or expression text, as an :class:`Expression`."""
        if isinstance(value, str):
            return parse_expression(value, params, file=self.file, key=key)
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            v = self.number(value, key)
            return Expression(text=str(value), node=Num(v, 1), names=frozenset())
        raise self.err(key, f"expected a number or an expression, got {_type_name(value)}")


def _override_value(value: Any, file: str, key: str) -> Fraction | float:
    chk = _Checker(file)
    if isinstance(value, bool) or value is None:
        raise chk.err(key, f"{value!r} is not a number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise chk.err(key, f"{value!r} is not a finite number")
        return value
    if isinstance(value, str):
        try:
            return chk.number(value, key)
        except SpecError:
            raise chk.err(key, f"expected a number such as 3, 0.5 or 2/3, got {value!r}") from None
    if isinstance(value, (int, Decimal)):
        return chk.number(value, key)
    if isinstance(value, Fraction):
        return value
    try:
        from ..exact import to_number

        v = to_number(value)
    except GameTheoryError as err:
        raise chk.err(key, str(err)) from None
    return v


_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def _parse_toml(text: str, file: str) -> dict:
    if len(text) > MAX_FILE_BYTES:
        raise SpecError(f"more than {MAX_FILE_BYTES} characters; the limit is {MAX_FILE_BYTES}", file=file)
    if text.startswith("\ufeff"):  # a UTF-8 byte-order mark from some editors
        text = text[1:]
    check_nesting(text, file=file)  # tomllib recurses: refuse deep nesting before it sees it
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as err:
        msg = str(err)
        m = _TOML_POS.search(msg)
        line = col = None
        if m:
            line, col = int(m.group(1)), int(m.group(2))
            msg = _TOML_POS.sub("", msg).strip()
        elif "(at end of document)" in msg:
            msg = msg.replace("(at end of document)", "").strip()
            line = text.count("\n") + 1
            col = len(text.rsplit("\n", 1)[-1]) + 1
        raise SpecError(f"TOML syntax error: {msg}", file=file, line=line, column=col) from None
    except (RecursionError, ValueError, OverflowError) as err:  # pathological nesting or numbers
        raise SpecError(f"TOML could not be read: {type(err).__name__}: {err}", file=file) from None
    check_data(data, file=file)  # every number within the limits, before anything converts it
    return data


# -- validation ------------------------------------------------------------------------------------
def _validate(raw: dict, file: str, path: str | None) -> GameSpec:
    chk = _Checker(file)
    full = raw
    composed = "composition" in raw
    modelled = "model" in raw and not composed
    if not composed:
        chk.keys(raw, _TOP_KEYS, None)
    if modelled:
        # a model family (gametheory.models): no strategies or payoffs here, the family builds the game
        for k in ("players", "strategies", "payoffs", "outcomes", "narration"):
            if k in raw:
                raise chk.err(k, "not allowed in a model file: the [model] table defines the game (model.players)")
    if composed:
        # The composer owns the rest of a composition file's format; check only the common parts here.
        raw = {k: v for k, v in raw.items() if k in _COMMON_KEYS}

    if "title" not in raw:
        raise chk.err("title", "missing (every game file needs a title)")
    meta = Metadata(
        title=chk.text(raw["title"], "title"),
        description=chk.text(raw.get("description", ""), "description", empty=True),
        authors=tuple(chk.text(a, f"authors[{k}]") for k, a in enumerate(chk.array(raw.get("authors", []), "authors"))),
        version=None if "version" not in raw else chk.text(raw["version"], "version"),
        citation=None if "citation" not in raw else chk.text(raw["citation"], "citation"),
    )

    # parameters
    params: list[Parameter] = []
    for name, body in chk.table(raw.get("parameters", {}), "parameters").items():
        key = f"parameters.{_key(name)}"
        if not is_identifier(name):
            raise chk.err(key, f"parameter name {name!r} must be an identifier (letters, digits, _)")
        body = chk.table(body, key)
        chk.keys(body, _PARAM_KEYS + _PARAM_OPTIONAL, key)
        for need in _PARAM_KEYS:
            if need not in body:
                raise chk.err(f"{key}.{need}", "missing (parameters need default, range and meaning)")
        rng = chk.array(body["range"], f"{key}.range")
        if len(rng) != 2:
            raise chk.err(f"{key}.range", f"expected [low, high], got {len(rng)} entries")
        low, high = chk.number(rng[0], f"{key}.range[0]"), chk.number(rng[1], f"{key}.range[1]")
        if low > high:
            raise chk.err(f"{key}.range", f"low {_fmt(low)} is greater than high {_fmt(high)}")
        default = chk.number(body["default"], f"{key}.default")
        if not low <= default <= high:
            raise chk.err(f"{key}.default", f"default {_fmt(default)} is outside the range [{_fmt(low)}, {_fmt(high)}]")
        source = None if "source" not in body else chk.text(body["source"], f"{key}.source")
        params.append(Parameter(name, default, low, high, chk.text(body["meaning"], f"{key}.meaning"), source))
    names = tuple(p.name for p in params)

    key_params = chk.array(raw.get("key_parameters", []), "key_parameters")
    seen: list[str] = []
    for k, name in enumerate(key_params):
        chk.text(name, f"key_parameters[{k}]")
        if name not in names:
            raise chk.err(f"key_parameters[{k}]", f"{name!r} is not a declared parameter (declared: {', '.join(names) or 'none'})")
        if name in seen:
            raise chk.err(f"key_parameters[{k}]", f"duplicate {name!r}")
        seen.append(name)

    # players and strategies
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()
    if modelled:
        from ..models.spec import check_model, model_players

        model_table = check_model(raw["model"], file, names, raw.get("parameters", {}))
        players = model_players(model_table)
    if "players" in raw or not (composed or modelled):
        if "players" not in raw:
            raise chk.err("players", "missing (list the players, e.g. players = [\"US\", \"Russia\"])")
        players = chk.labels(raw["players"], "players", "player")
    if "strategies" in raw or not (composed or modelled):
        if "strategies" not in raw:
            raise chk.err("strategies", "missing (one array of strategy labels per player)")
        table = chk.table(raw["strategies"], "strategies")
        for p in table:
            if p not in players:
                raise chk.err(f"strategies.{_key(p)}", f"{p!r} is not a player (players: {', '.join(players)})")
        out = []
        for p in players:
            if p not in table:
                raise chk.err(f"strategies.{_key(p)}", f"missing: player {p!r} has no strategies")
            out.append(chk.labels(table[p], f"strategies.{_key(p)}", "strategy"))
        strategies = tuple(out)

    shape = tuple(len(s) for s in strategies)
    if strategies and math.prod(shape) > _MAX_PROFILES:
        raise chk.err("strategies", f"{math.prod(shape)} pure profiles; the limit is {_MAX_PROFILES}")

    strategy_sets = [frozenset(s) for s in strategies]

    def profile_of(value: Any, key: str) -> tuple[str, ...]:
        items = chk.array(value, key)
        if len(items) != len(players):
            raise chk.err(key, f"a profile names one strategy per player ({len(players)}), got {len(items)}")
        out = []
        for k, (p, s) in enumerate(zip(players, items)):
            label = chk.text(s, f"{key}[{k}]")
            if label not in strategy_sets[k]:
                known = ", ".join(strategies[k][:20]) + (", ..." if len(strategies[k]) > 20 else "")
                raise chk.err(f"{key}[{k}]", f"{label!r} is not a strategy of {p} ({known})")
            out.append(label)
        return tuple(out)

    # outcomes and payoffs
    outcomes: list[Outcome] = []
    where: dict[int, str] = {}
    outcome_payoffs: dict[tuple[str, ...], dict[str, Expression]] = {}
    seen_profiles: set[tuple[str, ...]] = set()
    for k, body in enumerate(chk.array(raw.get("outcomes", []), "outcomes")):
        key = f"outcomes[{k}]"
        body = chk.table(body, key)
        chk.keys(body, _OUTCOME_KEYS, key)
        if "profile" not in body:
            raise chk.err(f"{key}.profile", "missing (one strategy label per player)")
        prof = profile_of(body["profile"], f"{key}.profile")
        if prof in outcome_payoffs or prof in seen_profiles:
            raise chk.err(f"{key}.profile", f"duplicate outcome {list(prof)}")
        seen_profiles.add(prof)
        says = None if "says" not in body else chk.text(body["says"], f"{key}.says")
        outcomes.append(Outcome(prof, says))
        if "payoffs" in body:
            pt = chk.table(body["payoffs"], f"{key}.payoffs")
            for p in pt:
                if p not in players:
                    raise chk.err(f"{key}.payoffs.{_key(p)}", f"{p!r} is not a player (players: {', '.join(players)})")
            row = {}
            for p in players:
                if p not in pt:
                    raise chk.err(f"{key}.payoffs.{_key(p)}", f"missing: no payoff for {p}")
                row[p] = chk.expression(pt[p], f"{key}.payoffs.{_key(p)}", names)
            outcome_payoffs[prof] = row
            for p in players:
                where[id(row[p])] = f"{key}.payoffs.{_key(p)}"

    payoffs: tuple = ()
    if "payoffs" in raw:
        if outcome_payoffs:
            raise chk.err("payoffs", "payoffs are given both in [payoffs] and in [[outcomes]]; use one layout")
        table = chk.table(raw["payoffs"], "payoffs")
        for p in table:
            if p not in players:
                raise chk.err(f"payoffs.{_key(p)}", f"{p!r} is not a player (players: {', '.join(players)})")

        def nested(value: Any, key: str, depth: int) -> Any:
            if depth == len(players):
                return chk.expression(value, key, names)
            owner = players[depth]
            if not isinstance(value, list):
                raise chk.err(key, f"expected an array of {shape[depth]} entries (one per strategy of {owner}), "
                                   f"got {_type_name(value)}")
            if len(value) != shape[depth]:
                raise chk.err(key, f"expected {shape[depth]} entries (one per strategy of {owner}), got {len(value)}")
            return tuple(nested(v, f"{key}[{k}]", depth + 1) for k, v in enumerate(value))

        rows = []
        for p in players:
            if p not in table:
                raise chk.err(f"payoffs.{_key(p)}", f"missing: no payoffs for {p}")
            rows.append(nested(table[p], f"payoffs.{_key(p)}", 0))
        payoffs = tuple(rows)
    elif outcome_payoffs:
        for prof in itertools.product(*strategies):
            if prof not in outcome_payoffs:
                raise chk.err("outcomes", f"no payoffs for the outcome {list(prof)}: every profile needs one")

        def build(i: int, prefix: tuple[str, ...]) -> Any:
            depth = len(prefix)
            if depth == len(players):
                return outcome_payoffs[prefix][players[i]]
            return tuple(build(i, prefix + (s,)) for s in strategies[depth])

        payoffs = tuple(build(i, ()) for i in range(len(players)))
    elif not (composed or modelled):
        raise chk.err("payoffs", "missing: give [payoffs] arrays or payoffs in every [[outcomes]] entry")

    mixed = None
    if "narration" in raw:
        nt = chk.table(raw["narration"], "narration")
        chk.keys(nt, _NARRATION_KEYS, "narration")
        if "mixed" in nt:
            mixed = chk.text(nt["mixed"], "narration.mixed")

    # assumption register
    assumptions: list[Assumption] = []
    ids: set[str] = set()
    for k, body in enumerate(chk.array(raw.get("assumptions", []), "assumptions")):
        key = f"assumptions[{k}]"
        body = chk.table(body, key)
        chk.keys(body, _ASSUMPTION_KEYS, key)
        for need in ("id", "player", "statement", "basis"):
            if need not in body:
                raise chk.err(f"{key}.{need}", "missing (assumptions need id, player, statement and basis)")
        aid = chk.text(body["id"], f"{key}.id")
        if aid in ids:
            raise chk.err(f"{key}.id", f"duplicate assumption id {aid!r}")
        ids.add(aid)
        player = chk.text(body["player"], f"{key}.player")
        if players and player not in players:
            raise chk.err(f"{key}.player", f"{player!r} is not a player (players: {', '.join(players)})")
        basis = chk.text(body["basis"], f"{key}.basis")
        if basis not in BASES:
            raise chk.err(f"{key}.basis", f"must be one of {', '.join(repr(b) for b in BASES)}, got {basis!r}")
        quote = None if "quote" not in body else chk.text(body["quote"], f"{key}.quote")
        if basis == "brief" and quote is None:
            raise chk.err(f"{key}.quote", "missing: an assumption based on the brief must quote it")
        prefers: tuple[str, ...] | None = None
        over: tuple[tuple[str, ...], ...] = ()
        if ("prefers" in body) != ("over" in body):
            raise chk.err(f"{key}.{'over' if 'prefers' in body else 'prefers'}", "missing: give both prefers and over")
        if "prefers" in body and composed:
            # In a composition the labels refer to the composer's nodes: kept, checked there.
            prefers = tuple(chk.text(x, f"{key}.prefers[{j}]") for j, x in enumerate(chk.array(body["prefers"], f"{key}.prefers")))
            over = tuple(
                tuple(chk.text(x, f"{key}.over[{j}][{i}]") for i, x in enumerate(chk.array(o, f"{key}.over[{j}]")))
                for j, o in enumerate(chk.array(body["over"], f"{key}.over"))
            )
        elif "prefers" in body:
            if not strategies:
                raise chk.err(f"{key}.prefers", "needs players and strategies declared in this file")
            prefers = profile_of(body["prefers"], f"{key}.prefers")
            over_list = chk.array(body["over"], f"{key}.over")
            if not over_list:
                raise chk.err(f"{key}.over", "needs at least one profile")
            over = tuple(profile_of(o, f"{key}.over[{j}]") for j, o in enumerate(over_list))
        why = None if "why" not in body else chk.text(body["why"], f"{key}.why")
        assumptions.append(Assumption(aid, player, chk.text(body["statement"], f"{key}.statement"), basis, quote,
                                      prefers, over, why))

    sources = []
    for k, body in enumerate(chk.array(raw.get("sources", []), "sources")):
        key = f"sources[{k}]"
        body = chk.table(body, key)
        chk.keys(body, _SOURCE_KEYS, key)
        if "citation" not in body:
            raise chk.err(f"{key}.citation", "missing")
        sources.append(Source(
            citation=chk.text(body["citation"], f"{key}.citation"),
            id=None if "id" not in body else chk.text(body["id"], f"{key}.id"),
            url=None if "url" not in body else chk.text(body["url"], f"{key}.url"),
            note=None if "note" not in body else chk.text(body["note"], f"{key}.note"),
        ))

    composition = None
    if composed:
        composition = chk.table(raw["composition"], "composition")

    spec = GameSpec(
        path=path,
        metadata=meta,
        players=players,
        strategies=strategies,
        parameters=tuple(params),
        key_parameters=tuple(seen),
        payoffs=payoffs,
        assumptions=tuple(assumptions),
        sources=tuple(sources),
        outcomes=tuple(outcomes),
        mixed_narration=mixed,
        composition=composition,
        model=model_table if modelled else None,
        raw=full,
        origin=file,
        _where=where,
    )
    if modelled:
        _game_from(spec, None)  # the family accepts the values at the defaults
    if payoffs and not composed:
        spec.build()  # every payoff evaluates at the defaults (division by zero, overflow, ...)
        for k, a in enumerate(spec.assumptions):
            if a.prefers is None:
                continue
            game = spec.build()
            i = game.player_index(a.player)
            for j, other in enumerate(a.over):
                if not game[a.prefers][i] > game[other][i]:
                    raise chk.err(
                        f"assumptions[{k}].over[{j}]",
                        f"assumption {a.id!r} says {a.player} prefers {list(a.prefers)} to {list(other)}, but the "
                        f"payoffs at the default parameters give {_fmt(game[a.prefers][i])} <= {_fmt(game[other][i])}",
                    )
    return spec


# -- public API --------------------------------------------------------------------------------
def loads_spec(text: str, *, file: str = "<string>", path: str | None = None) -> GameSpec:
    """Parse and validate the TOML text of a game file.

    Parameters
    ----------
    text : str
        The TOML document.
    file : str
        Name used in error messages.
    path : str, optional
        Recorded as :attr:`GameSpec.path`.

    Raises
    ------
    SpecError
        For any invalid input (see the module docstring).

    Examples
    --------
    >>> loads_spec('title = "x"\\nplayers = ["A"]\\n[strategies]\\nA = ["a", "b"]\\n[payoffs]\\nA = [1, "1/2"]').players
    ('A',)
    >>> loads_spec('title = "x"\\nplayers = ["A", "A"]')
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: <string>: players[1]: duplicate player label 'A'
    >>> loads_spec('title = "x\\nplayers = 1')
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: <string>:1:11: TOML syntax error: Illegal character '\\n'
    """
    if not isinstance(text, str):
        raise SpecError(f"expected TOML text, got {type(text).__name__}", file=file)
    raw = _parse_toml(text, file)
    return _validate(raw, file, path)


def _resolve(path_or_name: Any) -> Path:
    """A file path for a path or the name of a bundled game."""
    if isinstance(path_or_name, os.PathLike):
        return Path(path_or_name)
    if not isinstance(path_or_name, str):
        raise SpecError(f"expected a path or the name of a bundled game, got {type(path_or_name).__name__}")
    p = Path(path_or_name)
    if p.suffix.lower() in (".toml", ".nfg", ".efg") or os.sep in path_or_name or "/" in path_or_name or p.is_file():
        return p
    from .. import library

    return library.path(path_or_name)


def load_spec(path_or_name: Any) -> GameSpec:
    """Read and validate a game file, or the bundled game of that name.

    Examples
    --------
    >>> spec = load_spec("sanctions")
    >>> spec.players
    ('US', 'EU', 'Russia')
    >>> [p.name for p in spec.parameters][:1]
    ['relief']
    """
    p = _resolve(path_or_name)
    if p.suffix.lower() in (".nfg", ".efg"):
        raise SpecError("a Gambit file is a game without a spec (no parameters, assumptions or sources); "
                        "load it with gametheory.load or read_nfg/read_efg", file=str(p))
    text, _ = read_text(p)
    return loads_spec(text, file=str(p), path=str(p))


def _game_from(spec: GameSpec, params: Mapping[str, Any] | None) -> Any:
    if spec.model is not None:
        from ..models.spec import build_model

        return build_model(spec, params)
    if spec.composition is None:
        return spec.build(params)
    # Sequential games are built by the composer, imported only when needed.
    try:
        from ..sequential.spec import build_sequential  # type: ignore[import-not-found]
    except ImportError:
        raise SpecError("this file composes sub-games ([composition]) but gametheory.sequential is not available",
                        file=spec.file, key="composition") from None
    return build_sequential(dict(spec.raw), params=params, path=spec.path)


def load(path_or_name: Any, params: Mapping[str, Any] | None = None) -> Any:
    """Load a game: a ``.toml`` file, a bundled game by name, or a Gambit ``.nfg``/``.efg`` file.

    Parameters
    ----------
    path_or_name : str or path
        A file path or the name of a bundled game (see :func:`gametheory.library.names`).
    params : mapping, optional
        Parameter values overriding the defaults, e.g. ``{"cost": 3}`` or ``{"p": "1/3"}``.

    Returns
    -------
    Game
        Or a ``SequentialGame`` for a file with a ``[composition]`` table.

    Examples
    --------
    >>> g = load("troop_mission", params={"reputation": "5/2"})
    >>> g.players
    ('US', 'Europe', 'Russia', 'Ukraine')
    >>> load("troop_mission", params={"resolve_reduced": 2})
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: .../troop_mission.toml: params.resolve_reduced: value 2 is outside the declared range [0, 1]
    """
    p = _resolve(path_or_name)
    suffix = p.suffix.lower()
    if suffix in (".nfg", ".efg"):
        if params:
            raise SpecError("Gambit files have no parameters", file=str(p))
        try:
            from . import gambit  # type: ignore[attr-defined]
        except ImportError:
            raise SpecError("reading Gambit files needs gametheory.io.gambit, which is not available",
                            file=str(p)) from None

        return gambit.read_nfg(p) if suffix == ".nfg" else gambit.read_efg(p)
    return _game_from(load_spec(p), params)


def loads(text: str, params: Mapping[str, Any] | None = None, *, file: str = "<string>") -> Any:
    """Load a game from TOML text (see :func:`load`).

    Examples
    --------
    >>> loads('title = "t"\\nplayers = ["A"]\\n[strategies]\\nA = ["x"]\\n[payoffs]\\nA = [0.1]').payoffs.tolist()
    [[Fraction(1, 10)]]
    """
    return _game_from(loads_spec(text, file=file), params)


# -- dumping --------------------------------------------------------------------------------------
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _str(s: str, multiline: bool = False) -> str:
    out = []
    for ch in s:
        if multiline and ch == "\n":
            out.append("\n")
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    body = "".join(out)
    return f'"""\n{body}"""' if multiline else f'"{body}"'


def _num(v: Any) -> str:
    if isinstance(v, Fraction):
        return str(v.numerator) if v.denominator == 1 else _str(f"{v.numerator}/{v.denominator}")
    if isinstance(v, float):
        return repr(v)
    return str(v)


_TOML_NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$")


def _payoff_text(e: Expression) -> str:
    # Numbers keep the text they were written with (0.25 stays 0.25); expressions stay strings.
    if isinstance(e.node, Num) and _TOML_NUMBER.match(e.text) and Fraction(Decimal(e.text)) == e.node.value:
        return e.text
    if isinstance(e.node, Num):
        return _num(e.node.value)
    return _str(e.text)


def _array(items: Sequence[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _nested(value: Any, depth: int, indent: int) -> str:
    if isinstance(value, Expression):
        return _payoff_text(value)
    inner = [_nested(v, depth + 1, indent + 1) for v in value]
    if depth == 0 and any(not isinstance(v, Expression) for v in value):
        pad = " " * (4 * (indent + 1))
        return "[\n" + ",\n".join(pad + x for x in inner) + ",\n" + " " * (4 * indent) + "]"
    return _array(inner)


def _inline(v: Any) -> str:
    """Any TOML value as inline TOML (for the raw tables of composition files)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return _str(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Decimal):
        return str(v) if v.is_finite() else ("nan" if v.is_nan() else ("inf" if v > 0 else "-inf"))
    if isinstance(v, list):
        return _array([_inline(x) for x in v])
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {_inline(x)}" for k, x in v.items()) + "}"
    return v.isoformat()  # dates and times


def _dump_table(table: Mapping[str, Any], prefix: str) -> list[str]:
    lines = []
    scalars = {k: v for k, v in table.items()
               if not isinstance(v, dict) and not (isinstance(v, list) and v and all(isinstance(x, dict) for x in v))}
    lines += [f"{_key(k)} = {_inline(v)}" for k, v in scalars.items()]
    for k, v in table.items():
        if k in scalars:
            continue
        name = f"{prefix}.{_key(k)}" if prefix else _key(k)
        if isinstance(v, dict):
            lines += ["", f"[{name}]"] + _dump_table(v, name)
        else:
            for item in v:
                lines += ["", f"[[{name}]]"] + _dump_table(item, name)
    return lines


def _dumps_spec(spec: GameSpec) -> str:
    if spec.composition is not None:
        # A composition file's format belongs to the composer: write the parsed file back as it is.
        return "\n".join(_dump_table(spec.raw, "")).lstrip("\n") + "\n"
    m = spec.metadata
    lines = [f"title = {_str(m.title)}"]
    if m.description:
        lines.append(f"description = {_str(m.description, multiline=True)}")
    if m.authors:
        lines.append(f"authors = {_array([_str(a) for a in m.authors])}")
    if m.version is not None:
        lines.append(f"version = {_str(m.version)}")
    if m.citation is not None:
        lines.append(f"citation = {_str(m.citation)}")
    lines.append(f"players = {_array([_str(p) for p in spec.players])}")
    if spec.key_parameters:
        lines.append(f"key_parameters = {_array([_str(p) for p in spec.key_parameters])}")
    lines += ["", "[strategies]"]
    lines += [f"{_key(p)} = {_array([_str(s) for s in ss])}" for p, ss in zip(spec.players, spec.strategies)]
    for p in spec.parameters:
        lines += ["", f"[parameters.{_key(p.name)}]", f"default = {_num(p.default)}",
                  f"range = [{_num(p.low)}, {_num(p.high)}]", f"meaning = {_str(p.meaning)}"]
        if p.source is not None:
            lines.append(f"source = {_str(p.source)}")
    lines += ["", "# payoffs.PLAYER[s_1][s_2]...: the first index is the first player's strategy", "[payoffs]"]
    lines += [f"{_key(p)} = {_nested(spec.payoffs[i], 0, 0)}" for i, p in enumerate(spec.players)]
    for o in spec.outcomes:
        lines += ["", "[[outcomes]]", f"profile = {_array([_str(s) for s in o.profile])}"]
        if o.says is not None:
            lines.append(f"says = {_str(o.says)}")
    if spec.mixed_narration is not None:
        lines += ["", "[narration]", f"mixed = {_str(spec.mixed_narration)}"]
    for a in spec.assumptions:
        lines += ["", "[[assumptions]]", f"id = {_str(a.id)}", f"player = {_str(a.player)}",
                  f"statement = {_str(a.statement)}", f"basis = {_str(a.basis)}"]
        if a.quote is not None:
            lines.append(f"quote = {_str(a.quote)}")
        if a.why is not None:
            lines.append(f"why = {_str(a.why)}")
        if a.prefers is not None:
            lines.append(f"prefers = {_array([_str(s) for s in a.prefers])}")
            lines.append(f"over = {_array([_array([_str(s) for s in o]) for o in a.over])}")
    for s in spec.sources:
        lines += ["", "[[sources]]"]
        if s.id is not None:
            lines.append(f"id = {_str(s.id)}")
        lines.append(f"citation = {_str(s.citation)}")
        if s.url is not None:
            lines.append(f"url = {_str(s.url)}")
        if s.note is not None:
            lines.append(f"note = {_str(s.note)}")
    return "\n".join(lines) + "\n"


def spec_from_game(game: "Game") -> GameSpec:
    """A :class:`GameSpec` holding a game's payoffs as numbers (no parameters, no register).

    Float payoffs are written with ``repr`` and load back as the exact decimals shown.

    Examples
    --------
    >>> from gametheory import Game
    >>> spec = spec_from_game(Game.from_bimatrix([["1/2"]], [[0.25]]))
    >>> spec.payoffs[0][0][0].text, spec.payoffs[1][0][0].node.value
    ('0.5', Fraction(1, 4))
    """

    def conv(v: Any) -> Expression:
        if isinstance(v, Fraction):
            return Expression(_fmt(v), Num(v, 1), frozenset())
        d = Decimal(repr(float(v)))
        return Expression(repr(float(v)), Num(Fraction(d), 1), frozenset())

    def nested(arr: Any) -> Any:
        if getattr(arr, "ndim", 0) == 0:
            return conv(arr.item() if hasattr(arr, "item") else arr)
        return tuple(nested(a) for a in arr)

    return GameSpec(
        path=None,
        metadata=Metadata(title=game.title or "Untitled game"),
        players=game.players,
        strategies=game.strategies,
        parameters=(),
        key_parameters=(),
        payoffs=tuple(nested(game.payoffs[i]) for i in range(game.num_players)),
    )


def dump(game_or_spec: Any, path: Any = None) -> str | None:
    """Write a game or a :class:`GameSpec` as a TOML game file; return the text when ``path`` is ``None``.

    A :class:`GameSpec` keeps its expressions, parameters, assumptions and sources;
    a :class:`~gametheory.Game` is written with its payoff numbers.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([["1/2", 0]], [[1, 2]], players=("A", "B"), title="t")
    >>> text = dump(g)
    >>> print(text[text.index("[payoffs]"):])
    [payoffs]
    A = [
        ["1/2", 0],
    ]
    B = [
        [1, 2],
    ]
    <BLANKLINE>
    >>> loads(text) == g
    True
    >>> spec = load_spec("cosenders")
    >>> loads_spec(dump(spec)) == replace(spec, path=None)
    True
    """
    from ..game import Game

    if isinstance(game_or_spec, GameSpec):
        text = _dumps_spec(game_or_spec)
    elif isinstance(game_or_spec, Game):
        text = _dumps_spec(spec_from_game(game_or_spec))
    else:
        raise SpecError(f"dump expects a Game or a GameSpec, got {type(game_or_spec).__name__}")
    if path is None:
        return text
    if hasattr(path, "write"):
        path.write(text)
        return None
    from .files import write_text_atomic

    write_text_atomic(path, text, force=True)  # replaced whole or not at all
    return None
