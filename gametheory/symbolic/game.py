"""Games whose payoffs are sympy expressions in named parameters.

A :class:`SymbolicGame` is the parametric twin of :class:`gametheory.Game`: the same
payoff layout ``(N, n_1, ..., n_N)``, the same labels, but each payoff is an exact
sympy expression in the game's :class:`~gametheory.symbolic.parameters.Parameter`\\ s.
``game.subs(values)`` gives the exact numeric :class:`~gametheory.Game`.

Payoffs are built from sympy expressions in Python, or from a game file through the
spec format's restricted expression parser (:meth:`SymbolicGame.from_spec`); text is
never passed to ``sympify``.

Examples
--------
>>> import sympy
>>> from gametheory.symbolic import SymbolicGame, Parameter
>>> V = Parameter("V", default=2, positive=True, meaning="value of the prize")
>>> C = Parameter("C", default=4, positive=True, meaning="cost of a fight")
>>> v, c = V.symbol, C.symbol
>>> hd = SymbolicGame.from_bimatrix(
...     [[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]],
...     parameters=(V, C), players=("Row", "Column"),
...     strategies=(("Hawk", "Dove"),) * 2, title="Hawk-Dove")
>>> hd
SymbolicGame('Hawk-Dove', players=('Row', 'Column'), shape=(2, 2), parameters=('V', 'C'))
>>> hd.subs({"V": 2, "C": 4}).payoff_array(0).tolist()
[[Fraction(-1, 1), Fraction(2, 1)], [Fraction(0, 1), Fraction(1, 1)]]
>>> hd.partial({"V": 2}).parameter_names
('C',)
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np
import sympy

from ..display.mathtext import math_latex, math_text
from ..errors import InvalidGameError, InvalidNumberError
from ..game import Game, _labels, _shape_of
from .parameters import Parameter, as_parameter, from_sympy_number, to_sympy_number

__all__ = ["SymbolicGame"]


def _to_expr(value: Any) -> sympy.Expr:
    if isinstance(value, sympy.Basic):
        if not isinstance(value, sympy.Expr):
            raise InvalidGameError(f"payoff {value} is not an expression")
        if value.has(sympy.Float):
            raise InvalidGameError(f"payoff {value} contains a float; use exact numbers such as Rational(1, 2)")
        return value
    if isinstance(value, str):
        # never sympify text: numbers only here, expressions come through the spec parser
        try:
            return to_sympy_number(value)
        except InvalidNumberError:
            raise InvalidGameError(
                f"payoff {value!r} is text; build expressions with sympy or load them from a game file"
            ) from None
    try:
        return to_sympy_number(value)
    except InvalidNumberError as err:
        raise InvalidGameError(f"invalid payoff: {err}") from None


class SymbolicGame:
    """An immutable N-player normal-form game with payoffs in named parameters.

    Parameters
    ----------
    payoffs : array_like
        Shape ``(N, n_1, ..., n_N)``; entries are sympy expressions or exact numbers
        (``int``, ``Fraction``, ``"2/3"``). Floats are rejected.
    parameters : sequence of Parameter, Symbol or str, optional
        The parameters with their ranges. Symbols in the payoffs that are not listed
        become parameters with the symbol's own assumptions. A listed parameter
        replaces any same-named symbol in the payoffs, so its range applies.
    players, strategies, title
        As for :class:`gametheory.Game`.
    key_parameters : sequence of str, optional
        The parameters a report should scan (default: all).

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> g = SymbolicGame([[[x, 0]], [[1, 2]]], parameters=[Parameter("x", low=0, high=1, default=0)])
    >>> g.shape, g.parameter("x").symbol.is_nonnegative
    ((1, 2), True)
    >>> SymbolicGame([[["a+b"]], [[0]]])
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: payoff 'a+b' is text; build expressions with sympy or load them from a game file
    """

    __slots__ = ("_payoffs", "_players", "_strategies", "_title", "_parameters", "_key_parameters")

    def __init__(
        self,
        payoffs: Any,
        parameters: Sequence[Parameter | sympy.Symbol | str] | None = None,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str | None = None,
        key_parameters: Sequence[str] | None = None,
    ) -> None:
        if isinstance(payoffs, np.ndarray) and payoffs.dtype == object:
            shape = payoffs.shape
        else:
            shape = _shape_of(payoffs)
        if len(shape) < 2 or shape[0] < 1 or len(shape) != shape[0] + 1:
            raise InvalidGameError(f"payoffs of shape {shape}: expected (N, n_1, ..., n_N)")
        if any(k < 1 for k in shape[1:]):
            raise InvalidGameError("every player needs at least one strategy")
        flat = np.empty(math.prod(shape), dtype=object)
        src = np.asarray(payoffs, dtype=object).reshape(-1) if not isinstance(payoffs, np.ndarray) else payoffs.reshape(-1)
        for k, v in enumerate(src):
            flat[k] = _to_expr(v)
        params: list[Parameter] = [as_parameter(p) for p in (parameters or ())]
        names = [p.name for p in params]
        if len(set(names)) != len(names):
            raise InvalidGameError(f"duplicate parameter names {names}")
        free: set[sympy.Symbol] = set().union(*(e.free_symbols for e in flat))
        for s in sorted(free, key=lambda s: s.name):
            if s.name not in names:
                params.append(as_parameter(s))
                names.append(s.name)
        by_name = {p.name: p.symbol for p in params}
        replace = {s: by_name[s.name] for s in free}
        for k, e in enumerate(flat):
            flat[k] = e.xreplace(replace)
        arr = flat.reshape(shape)
        arr.flags.writeable = False
        self._payoffs = arr
        self._parameters = tuple(params)
        n = shape[0]
        self._players = _labels(players, n, lambda k: f"Player {k + 1}", "players")
        if strategies is None:
            strategies = [None] * n
        elif isinstance(strategies, str) or len(strategies) != n:
            raise InvalidGameError(f"strategies: expected one label list for each of the {n} players")
        self._strategies = tuple(
            _labels(s, shape[i + 1], lambda k: str(k + 1), f"strategies of {self._players[i]}")
            for i, s in enumerate(strategies)
        )
        if title is not None and not isinstance(title, str):
            raise InvalidGameError("title must be a string")
        self._title = title
        keys = tuple(key_parameters) if key_parameters is not None else ()
        for k in keys:
            if k not in names:
                raise InvalidGameError(f"key parameter {k!r} is not a parameter; parameters are {names}")
        self._key_parameters = keys

    # -- constructors -------------------------------------------------------------
    @classmethod
    def from_bimatrix(cls, A: Any, B: Any, **kwargs: Any) -> "SymbolicGame":
        """Two-player game from the row player's matrix ``A`` and the column player's ``B``.

        Examples
        --------
        >>> a = sympy.Symbol("a")
        >>> SymbolicGame.from_bimatrix([[a, 0]], [[0, 1]]).parameter_names
        ('a',)
        """
        sa, sb = _shape_of(A), _shape_of(B)
        if len(sa) != 2 or sa != sb:
            raise InvalidGameError(f"A and B must be matrices of one shape; got {sa} and {sb}")
        return cls([A, B], **kwargs)

    @classmethod
    def from_game(cls, game: Game, parameters: Sequence[Parameter] = ()) -> "SymbolicGame":
        """The symbolic form of an exact numeric game (no parameters unless given).

        Examples
        --------
        >>> SymbolicGame.from_game(Game.from_bimatrix([[1, 0]], [[0, 1]])).subs({}).payoff_array(1).tolist()
        [[Fraction(0, 1), Fraction(1, 1)]]
        """
        if not game.exact:
            raise InvalidGameError("only exact games have a symbolic form")
        arr = np.empty(game.payoffs.shape, dtype=object)
        for idx, v in np.ndenumerate(game.payoffs):
            arr[idx] = sympy.Rational(v.numerator, v.denominator)
        return cls(arr, parameters=parameters, players=game.players, strategies=game.strategies, title=game.title)

    @classmethod
    def from_spec(cls, spec: Any) -> "SymbolicGame":
        """The symbolic game of a parsed game file (:class:`gametheory.io.spec.GameSpec`).

        Payoff expressions go through the spec format's restricted parser
        (``gametheory.io.expressions.to_sympy``), never through ``sympify``.
        """
        from ._spec import symbolic_from_spec

        return symbolic_from_spec(spec)

    # -- properties -----------------------------------------------------------------
    @property
    def payoffs(self) -> np.ndarray:
        """Read-only object array of sympy expressions, shape ``(N, n_1, ..., n_N)``."""
        return self._payoffs

    @property
    def players(self) -> tuple[str, ...]:
        """Player labels."""
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        """Strategy labels, one tuple per player."""
        return self._strategies

    @property
    def title(self) -> str | None:
        """The title, if any."""
        return self._title

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """The parameters, in declaration order."""
        return self._parameters

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """Names of the parameters."""
        return tuple(p.name for p in self._parameters)

    @property
    def key_parameters(self) -> tuple[str, ...]:
        """Parameters a report scans (all parameters when none were named)."""
        return self._key_parameters or self.parameter_names

    @property
    def symbols(self) -> tuple[sympy.Symbol, ...]:
        """The parameters' sympy symbols (with their assumptions)."""
        return tuple(p.symbol for p in self._parameters)

    @property
    def num_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Numbers of strategies per player."""
        return self._payoffs.shape[1:]

    def parameter(self, name: str | sympy.Symbol) -> Parameter:
        """The :class:`Parameter` of a name or symbol.

        Examples
        --------
        >>> SymbolicGame([[sympy.Symbol("k")]]).parameter("k").name
        'k'
        """
        key = name.name if isinstance(name, sympy.Symbol) else name
        for p in self._parameters:
            if p.name == key:
                return p
        raise InvalidGameError(f"unknown parameter {key!r}; parameters are {list(self.parameter_names)}")

    def payoff_array(self, player: int | str) -> np.ndarray:
        """The payoff expressions of one player.

        Examples
        --------
        >>> a = sympy.Symbol("a")
        >>> SymbolicGame.from_bimatrix([[a, 0]], [[1, 2]], players=("R", "C")).payoff_array("C").tolist()
        [[1, 2]]
        """
        i = player if isinstance(player, int) else self._players.index(player)
        return self._payoffs[i]

    def player_index(self, player: int | str) -> int:
        """Index of a player given by label or integer.

        Examples
        --------
        >>> SymbolicGame.from_bimatrix([[0]], [[0]], players=("R", "C")).player_index("C")
        1
        """
        if isinstance(player, int):
            if 0 <= player < self.num_players:
                return player
        elif player in self._players:
            return self._players.index(player)
        raise InvalidGameError(f"unknown player {player!r}; players are {list(self._players)}")

    def depends_on(self, player: int | str, parameter: str) -> bool:
        """Whether ``player``'s own payoffs involve ``parameter``.

        Examples
        --------
        >>> a = sympy.Symbol("a")
        >>> g = SymbolicGame.from_bimatrix([[a, 0]], [[0, 1]])
        >>> g.depends_on(0, "a"), g.depends_on(1, "a")
        (True, False)
        """
        sym = self.parameter(parameter).symbol
        return any(e.has(sym) for e in self._payoffs[self.player_index(player)].flat)

    # -- substitution -----------------------------------------------------------------
    def _values(self, values: Mapping[Any, Any] | None, *, require_all: bool, check: bool) -> dict:
        values = dict(values or {})
        out: dict[sympy.Symbol, sympy.Expr] = {}
        for k, v in values.items():
            p = self.parameter(k)
            try:
                num = to_sympy_number(v)
            except InvalidNumberError as err:
                raise InvalidGameError(f"parameter {p.name}: {err}") from None
            if check and not p.contains(num):
                raise InvalidGameError(f"parameter {p.name} = {num} is outside its range ({p.describe()})")
            out[p.symbol] = num
        if require_all:
            for p in self._parameters:
                if p.symbol not in out:
                    if p.default is None:
                        raise InvalidGameError(f"parameter {p.name} has no value and no default")
                    out[p.symbol] = sympy.Rational(p.default.numerator, p.default.denominator)
        return out

    def defaults(self) -> dict[str, Fraction]:
        """``{name: default}`` for parameters that have a default.

        Examples
        --------
        >>> SymbolicGame([[sympy.Symbol("k")]], parameters=[Parameter("k", default=3)]).defaults()
        {'k': Fraction(3, 1)}
        """
        return {p.name: p.default for p in self._parameters if p.default is not None}

    def subs(self, values: Mapping[Any, Any] | None = None, *, check: bool = True) -> Game:
        """The exact numeric :class:`~gametheory.Game` at the given parameter values.

        Parameters
        ----------
        values : mapping, optional
            ``{name or symbol: exact value}``; missing parameters take their default.
        check : bool
            Raise when a value lies outside its parameter's range (default ``True``).

        Raises
        ------
        InvalidGameError
            A parameter without value or default, a value out of range, a payoff that
            is not rational at these values (e.g. an irrational or undefined payoff).

        Examples
        --------
        >>> k = Parameter("k", default=3, low=0)
        >>> g = SymbolicGame([[[k.symbol / 2, 1]], [[0, k.symbol]]], parameters=[k])
        >>> g.subs().payoffs[0].tolist(), g.subs({"k": "1/3"}).payoffs[1].tolist()
        ([[Fraction(3, 2), Fraction(1, 1)]], [[Fraction(0, 1), Fraction(1, 3)]])
        >>> g.subs({"k": -1})
        Traceback (most recent call last):
        ...
        gametheory.errors.InvalidGameError: parameter k = -1 is outside its range (k in [0, oo), default 3)
        """
        vals = self._values(values, require_all=True, check=check)
        out = np.empty(self._payoffs.shape, dtype=object)
        for idx, e in np.ndenumerate(self._payoffs):
            v = sympy.cancel(e.xreplace(vals)) if e.free_symbols else e
            if v.has(sympy.zoo, sympy.nan, sympy.oo):
                raise InvalidGameError(f"payoff {e} is undefined at {self._format_values(vals)}")
            try:
                out[idx] = from_sympy_number(v)
            except InvalidNumberError:
                raise InvalidGameError(
                    f"payoff {e} = {v} is not rational at {self._format_values(vals)}; use partial() for symbolic values"
                ) from None
        return Game(out, players=self._players, strategies=self._strategies, title=self._title)

    @staticmethod
    def _format_values(vals: Mapping[sympy.Symbol, Any]) -> str:
        return ", ".join(f"{k} = {v}" for k, v in vals.items()) or "the defaults"

    def partial(self, values: Mapping[Any, Any], *, check: bool = True) -> "SymbolicGame":
        """Substitute some parameters (exact values, possibly algebraic); keep the others.

        Examples
        --------
        >>> a, b = sympy.symbols("a b")
        >>> g = SymbolicGame([[a + b]]).partial({"a": sympy.sqrt(2)})
        >>> g.payoffs[0, 0], g.parameter_names
        (b + sqrt(2), ('b',))
        """
        vals = self._values(values, require_all=False, check=check)
        arr = np.empty(self._payoffs.shape, dtype=object)
        for idx, e in np.ndenumerate(self._payoffs):
            arr[idx] = sympy.cancel(e.xreplace(vals)) if e.free_symbols & set(vals) else e
        kept = [p for p in self._parameters if p.symbol not in vals]
        keys = [k for k in self._key_parameters if k in {p.name for p in kept}]
        return SymbolicGame(
            arr, parameters=kept, players=self._players, strategies=self._strategies, title=self._title,
            key_parameters=keys or None,
        )

    # -- equality and display ---------------------------------------------------------
    def _key(self) -> tuple:
        return (self._players, self._strategies, self._title, self._parameters, self._payoffs.shape, tuple(self._payoffs.flat))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SymbolicGame):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        name = f"'{self._title}'" if self._title else "untitled"
        return f"SymbolicGame({name}, players={self._players}, shape={self.shape}, parameters={self.parameter_names})"

    def __str__(self) -> str:
        lines = [self._title] if self._title else []
        if self.num_players == 2:
            header = [f"{self._players[0]} \\ {self._players[1]}"] + list(self._strategies[1])
            rows = [header]
            for r, rs in enumerate(self._strategies[0]):
                rows.append([rs] + [f"{math_text(self._payoffs[0, r, c], factor=False)}, {math_text(self._payoffs[1, r, c], factor=False)}" for c in range(self.shape[1])])
            widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
            lines += ["   ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
        else:
            for idx in np.ndindex(*self.shape):
                labels = ", ".join(self._strategies[i][k] for i, k in enumerate(idx))
                pays = ", ".join(math_text(self._payoffs[(i, *idx)], factor=False) for i in range(self.num_players))
                lines.append(f"({labels}): {pays}")
        if self._parameters:
            lines.append("parameters:")
            lines += [f"  {p.describe()}" for p in self._parameters]
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        if self.num_players != 2:
            return f"$\\text{{{self!r}}}$"
        cols = "c" * self.shape[1]
        head = " & ".join(f"\\text{{{s}}}" for s in self._strategies[1])
        body = []
        for r, rs in enumerate(self._strategies[0]):
            cells = " & ".join(
                f"{math_latex(self._payoffs[0, r, c], factor=False)},\\ {math_latex(self._payoffs[1, r, c], factor=False)}" for c in range(self.shape[1])
            )
            body.append(f"\\text{{{rs}}} & {cells}")
        return "$\\begin{array}{r|" + cols + "} & " + head + " \\\\ \\hline " + " \\\\ ".join(body) + " \\end{array}$"
