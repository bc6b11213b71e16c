r"""Comparative statics of an equilibrium region: derivatives in one parameter, with warnings.

In a mixed equilibrium each player's mixture is pinned down by the *other*
player's indifference, so raising a cost in a player's own payoffs moves the
other player's mixing and leaves its own unchanged (Tsebelis 1989, "The abuse
of probability in political analysis: the Robinson Crusoe fallacy").
:func:`comparative_statics` computes the exact derivatives and flags these cases.

References
----------
Tsebelis, G. (1989). The abuse of probability in political analysis: the Robinson
Crusoe fallacy. *American Political Science Review* 83(1), 77–91.

Examples
--------
>>> import sympy
>>> from gametheory.symbolic import SymbolicGame, Parameter, equilibrium_regions, comparative_statics
>>> c = Parameter("c", low=0, high=1, meaning="cost of inspecting")
>>> f = Parameter("f", positive=True, meaning="fine for a violation")
>>> g = Parameter("g", positive=True, meaning="gain from violating")
>>> insp = SymbolicGame.from_bimatrix(
...     [[1 - c.symbol, -c.symbol], [-1, 0]], [[-f.symbol, 0], [g.symbol, 0]],
...     parameters=(c, f, g), players=("Inspector", "State"),
...     strategies=(("Inspect", "Trust"), ("Violate", "Comply")))
>>> mixed = [r for r in equilibrium_regions(insp) if not r.pure][0]
>>> cs = comparative_statics(mixed, "f")
>>> cs.derivative("State", "Violate"), cs.derivative("Inspector", "Inspect")
(0, -g/(f + g)**2)
>>> print(cs.flags[0])
State mixes and f enters State's own payoffs, yet State's own probabilities do not depend on f: in a mixed equilibrium a player's mixture keeps the OTHER player indifferent. Changing f moves Inspector's mixing instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy

from ..display.mathtext import math_latex, math_text
from .conditions import sign_on_domain
from .linear import is_zero
from .regions import EquilibriumRegion

__all__ = ["ComparativeStatics", "comparative_statics"]


def _sign(d: sympy.Expr, region: EquilibriumRegion) -> str:
    if is_zero(d):
        return "zero"
    num, den = sympy.fraction(sympy.cancel(d))
    params = region.game.parameters
    sn, sd = sign_on_domain(sympy.expand(num), params), sign_on_domain(sympy.expand(den), params)
    table = {("pos", "pos"): "positive", ("neg", "neg"): "positive", ("pos", "neg"): "negative", ("neg", "pos"): "negative"}
    if (sn, sd) in table:
        return table[(sn, sd)]
    if region.witness:
        v = sympy.cancel(d.xreplace(dict(region.witness)))
        if v.is_number:
            return f"depends on the parameters ({'positive' if v > 0 else 'negative' if v < 0 else 'zero'} at {', '.join(f'{k} = {w}' for k, w in region.witness.items())})"
    return "depends on the parameters"


@dataclass(frozen=True)
class ComparativeStatics:
    """Exact derivatives of an equilibrium's probabilities and payoffs in one parameter.

    Attributes
    ----------
    region : EquilibriumRegion
    parameter : str
    probabilities : tuple
        ``(player, strategy, probability, derivative, sign)`` for each strategy in a support.
    payoffs : tuple
        ``(player, payoff, derivative, sign)``.
    flags : tuple of str
        Plain-language warnings (own-payoff parameters that do not move a player's own mix).

    Examples
    --------
    >>> from gametheory.symbolic import hawk_dove, equilibrium_regions
    >>> cs = comparative_statics(equilibrium_regions(hawk_dove())[3], "V")
    >>> [sign for *_, sign in cs.probabilities]
    ['positive', 'negative', 'positive', 'negative']
    """

    region: EquilibriumRegion = field(repr=False)
    parameter: str
    probabilities: tuple
    payoffs: tuple
    flags: tuple[str, ...]

    def derivative(self, player: int | str, strategy: int | str | None = None) -> sympy.Expr:
        """The derivative of a strategy's probability, or of the player's payoff when ``strategy`` is ``None``.

        Examples
        --------
        >>> from gametheory.symbolic import hawk_dove, equilibrium_regions
        >>> comparative_statics(equilibrium_regions(hawk_dove())[3], "V").derivative("Row")
        (C - 2*V)/(2*C)
        """
        game = self.region.game
        name = game.players[game.player_index(player)]
        if strategy is None:
            return next(d for p, _, d, _ in self.payoffs if p == name)
        i = game.player_index(player)
        label = game.strategies[i][strategy] if isinstance(strategy, int) else strategy
        for p, s, _, d, _ in self.probabilities:
            if p == name and s == label:
                return d
        return sympy.Integer(0)  # off the support: identically zero inside the region

    def __str__(self) -> str:
        x = self.parameter
        lines = [f"Comparative statics in {x} of: {self.region.profile_text()}",
                 f"  (valid where {self.region.conditions_text()})"]
        for p, s, v, d, sign in self.probabilities:
            lines.append(f"  d P({p}: {s}) / d{x} = {math_text(d)}   [{sign}]")
        for p, v, d, sign in self.payoffs:
            lines.append(f"  d payoff({p}) / d{x} = {math_text(d)}   [{sign}]")
        lines += [f"  warning: {f}" for f in self.flags]
        return "\n".join(lines)

    def latex(self) -> str:
        r"""The derivatives as a LaTeX ``aligned`` block.

        Examples
        --------
        >>> from gametheory.symbolic import hawk_dove, equilibrium_regions
        >>> comparative_statics(equilibrium_regions(hawk_dove())[3], "V").latex().startswith("\\begin{aligned}")
        True
        """
        x = math_latex(sympy.Symbol(self.parameter))
        rows = [
            f"\\frac{{\\partial p_{{\\text{{{p}: {s}}}}}}}{{\\partial {x}}} &= {math_latex((d))}"
            for p, s, _, d, _ in self.probabilities
        ]
        rows += [
            f"\\frac{{\\partial u_{{\\text{{{p}}}}}}}{{\\partial {x}}} &= {math_latex((d))}"
            for p, _, d, _ in self.payoffs
        ]
        return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"

    def _repr_latex_(self) -> str:
        return "$$" + self.latex().replace("\n", " ") + "$$"


def comparative_statics(region: EquilibriumRegion, parameter: str) -> ComparativeStatics:
    """Derivatives of an equilibrium's probabilities and payoffs in ``parameter``, with warnings.

    Parameters
    ----------
    region : EquilibriumRegion
        An equilibrium from :func:`~gametheory.symbolic.equilibrium_regions` (or from
        an interval of :func:`~gametheory.symbolic.thresholds`).
    parameter : str
        The parameter to differentiate in.

    Returns
    -------
    ComparativeStatics
        Each derivative with its sign when it is constant on the parameter ranges.
        ``flags`` names each mixing player whose own payoffs involve ``parameter``
        while its own probabilities do not depend on it (the Robinson Crusoe fallacy
        of Tsebelis 1989), and the player whose mix moves instead.

    Examples
    --------
    >>> import sympy
    >>> from gametheory.symbolic import SymbolicGame, Parameter, equilibrium_regions
    >>> V, C = Parameter("V", positive=True), Parameter("C", positive=True)
    >>> v, c = V.symbol, C.symbol
    >>> hd = SymbolicGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]],
    ...                                 parameters=(V, C), strategies=(("Hawk", "Dove"),) * 2)
    >>> mixed = [r for r in equilibrium_regions(hd) if not r.pure and not r.degenerate][0]
    >>> comparative_statics(mixed, "C").derivative(0, "Hawk")
    -V/C**2
    """
    game = region.game
    x = game.parameter(parameter).symbol
    probs = []
    moved = {}
    for i, player in enumerate(game.players):
        moved[i] = False
        for k in region.supports[i]:
            e = region.profile[i][k]
            d = sympy.factor(sympy.cancel(sympy.diff(e, x)))
            if not is_zero(d):
                moved[i] = True
            probs.append((player, game.strategies[i][k], e, d, _sign(d, region)))
    pays = []
    for i, player in enumerate(game.players):
        e = region.payoffs[i]
        d = sympy.factor(sympy.cancel(sympy.diff(e, x)))
        pays.append((player, e, d, _sign(d, region)))
    flags = []
    if game.num_players == 2:
        for i, player in enumerate(game.players):
            other = game.players[1 - i]
            if len(region.supports[i]) > 1 and game.depends_on(i, parameter) and not moved[i]:
                text = (
                    f"{player} mixes and {parameter} enters {player}'s own payoffs, yet {player}'s own probabilities "
                    f"do not depend on {parameter}: in a mixed equilibrium a player's mixture keeps the OTHER player "
                    f"indifferent."
                )
                if moved[1 - i]:
                    text += f" Changing {parameter} moves {other}'s mixing instead."
                flags.append(text)
    return ComparativeStatics(region=region, parameter=parameter, probabilities=tuple(probs), payoffs=tuple(pays), flags=tuple(flags))
