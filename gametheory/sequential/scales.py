"""How the equilibria of a valued composition depend on its declared scales.

A valued composition (:mod:`gametheory.sequential.valued`) values what each play ends
with on one declared scale per actor. Two kinds of rescaling are admissible:

* an **affine** change of an actor's whole scale (``a u + b`` with ``a > 0``) is a
  change of units: it must change no equilibrium, and :func:`scale_sensitivity` checks
  that it does not, actor by actor, on the game itself;
* a change of a **weight** inside a scale (how much the war's damage counts against the
  relief, say) is a modelling choice: each weight is a declared parameter with an
  admissible range, and :func:`scale_sensitivity` reports, with the exact breakpoints
  of :func:`~gametheory.sequential.regions.outcome_thresholds`, which weights change
  the equilibrium outcome somewhere in that range.

Examples
--------
>>> s = scale_sensitivity("resource_deal", weights=["revenue_value", "guarantee_cost"])
>>> s.affine_invariant
True
>>> [(w.parameter, [str(v) for v in w.breakpoints]) for w in s.weights]
[('revenue_value', ['5/2']), ('guarantee_cost', ['1/2'])]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence

from .. import exact as _exact
from ..errors import InvalidGameError
from ..extensive.game import Chance, Decision, ExtensiveGame, Stage, Terminal

__all__ = ["WeightSensitivity", "ScaleSensitivity", "scale_sensitivity", "rescaled"]

#: The affine change of units checked for every actor: ``u -> 3 u - 7``.
AFFINE = (Fraction(3), Fraction(-7))


@dataclass(frozen=True)
class WeightSensitivity:
    """One weight of the scales: its admissible range and where the outcome changes in it."""

    parameter: str
    players: tuple[str, ...]
    low: Any
    high: Any
    breakpoints: tuple

    @property
    def changes(self) -> bool:
        """Whether the equilibrium outcome changes somewhere in the admissible range."""
        return bool(self.breakpoints)


@dataclass(frozen=True)
class ScaleSensitivity:
    """What rescaling the actors' scales does to the equilibria (see the module docstring).

    Attributes
    ----------
    name : str
    affine_invariant : bool
        Every actor's scale changed to ``3 u - 7`` leaves the equilibria (their choices at
        every position) and outcomes the same.
    checked : tuple of str
        The actors checked.
    weights : tuple of WeightSensitivity
    """

    name: str
    affine_invariant: bool
    checked: tuple[str, ...]
    weights: tuple[WeightSensitivity, ...] = field(default=())

    def __str__(self) -> str:
        a, b = AFFINE
        lines = [f"Scales of {self.name}: every actor's scale changed to {a}·u {'-' if b < 0 else '+'} {abs(b)} "
                 f"({', '.join(self.checked)}): " + ("the same equilibria" if self.affine_invariant
                                                     else "DIFFERENT equilibria (a bug: please report it)")]
        for w in self.weights:
            where = f"[{_exact.format_number(w.low)}, {_exact.format_number(w.high)}]"
            if w.changes:
                cuts = ", ".join(_exact.format_number(v) if isinstance(v, Fraction) else str(v) for v in w.breakpoints)
                lines.append(f"  {w.parameter} (in the scale of {', '.join(w.players)}), admissible {where}: "
                             f"the outcome changes at {cuts}")
            else:
                lines.append(f"  {w.parameter} (in the scale of {', '.join(w.players)}), admissible {where}: "
                             "no change anywhere in the range")
        return "\n".join(lines)


def rescaled(game: ExtensiveGame, player: str, a: Any, b: Any) -> ExtensiveGame:
    """The same tree with ``player``'s payoffs ``u`` replaced by ``a u + b`` (``a > 0``).

    Examples
    --------
    >>> g = ExtensiveGame(Decision("A", {"x": {"A": 1}, "y": {"A": 2}}))
    >>> [p.node.payoff("A") for p in rescaled(g, "A", 2, 1).positions[1:]]
    [Fraction(3, 1), Fraction(5, 1)]
    """
    a, b = _exact.to_number(a), _exact.to_number(b)
    if not a > 0:
        raise InvalidGameError(f"a rescaling needs a positive factor, got {a}")
    if player not in game.players:
        raise InvalidGameError(f"{player!r} is not a player ({', '.join(game.players)})")
    if game.discount != 1:
        raise InvalidGameError("rescaling a discounted tree is not an affine change of its payoffs")
    pos = game.positions

    def build(k: int) -> Any:
        node = pos[k].node
        t = type(node)
        if t is Terminal:
            pay = {p: (a * v + b if p == player else v) for p, v in node.payoffs}
            pay.setdefault(player, b)
            return Terminal(pay, label=node.label, narration=node.narration, outcome=node.outcome)
        kids = [build(c) for c in pos[k].children]
        if t is Decision:
            return Decision(node.player, dict(zip(node.actions, kids)), label=node.label,
                            narration=dict(node.narration), infoset=node.infoset)
        if t is Chance:
            return Chance({o: (q, c) for o, q, c in zip(node.outcomes, node.probabilities, kids)}, label=node.label,
                          narration=dict(node.narration))
        import numpy as np

        from ..game import Game

        g = node.game
        arr = np.array(g.payoffs, dtype=object)
        if player in node.players:
            i = node.players.index(player)
            arr[i] = arr[i] * a  # the stage payoff scales; the shift is added once, at the terminals
        stage_game = Game(arr, players=g.players, strategies=g.strategies, title=g.title)
        outcomes = {tuple(g.strategies[i][s] for i, s in enumerate(prof)): kids[f]
                    for f, prof in enumerate(np.ndindex(*g.shape))}
        return Stage(stage_game, outcomes, players=dict(zip(g.players, node.players)), label=node.label,
                     infosets=dict(node.infosets) or None)

    # iterative depth is bounded by the tree's depth (positions are built children first)
    return ExtensiveGame(build(0), players=game.players, title=game.title, description=game.description)


def _fingerprint(sol: Any) -> list:
    return sorted(repr(e.choices) for e in sol.equilibria)


def scale_sensitivity(game: Any, *, weights: Sequence[str] | None = None, others: Mapping[str, Any] | None = None,
                      players: Sequence[str] | None = None) -> ScaleSensitivity:
    """Check the affine invariance of every actor's scale and find the weights that change the outcome.

    Parameters
    ----------
    game : str or path
        A valued composition (a bundled name or a file).
    weights : sequence of str, optional
        The weights to scan (parameters appearing in ``[composition.value]``); default: all of them.
    others : mapping, optional
        Values of the other parameters (their defaults otherwise).
    players : sequence of str, optional
        The actors whose scales are rescaled (default: every player).

    Returns
    -------
    ScaleSensitivity
    """
    from ..io.expressions import parse_expression
    from ..io.spec import load, load_spec
    from ..solvers import solve
    from .regions import outcome_thresholds

    spec = load_spec(game)
    comp = spec.composition or {}
    if "value" not in comp:
        raise InvalidGameError(f"{spec.title!r} is not a valued composition (it has no [composition.value])")
    tree = load(game, others)
    base = _fingerprint(solve(tree))
    checked = tuple(players or tree.players)
    same = True
    for p in checked:
        if _fingerprint(solve(rescaled(tree, p, *AFFINE))) != base:
            same = False
    names = set(spec.parameter_names)
    attrs = tuple(comp.get("state", {}))
    in_scale: dict[str, list[str]] = {}
    for p, text in comp["value"].items():
        for n in sorted(parse_expression(text, tuple(names) + attrs).names):
            if n in names:
                in_scale.setdefault(n, []).append(p)
    if weights is None:
        weights = sorted(in_scale)
    out = []
    for w in weights:
        if w not in in_scale:
            raise InvalidGameError(f"{w!r} is not a weight of the scales (they use: {', '.join(sorted(in_scale))})")
        prm = spec.parameter(w)
        th = outcome_thresholds(game, w, others=others, solve_regions=False)
        out.append(WeightSensitivity(w, tuple(in_scale[w]), prm.low, prm.high, th.values))
    return ScaleSensitivity(spec.title, same, checked, tuple(out))
