"""A readable composition API: link sub-games by mapping their outcomes to what follows.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.sequential import compose, decide, payoffs, SequentialGame, subgame_perfect_equilibria
>>> frame = Game.from_bimatrix([[2, 0], [3, 1]], [[2, 3], [0, 1]], players=("US", "Russia"),
...                            strategies=(("Concede", "Keep leverage"), ("Ceasefire", "Fight on")))
>>> europe = decide("Europe", {"Deploy": payoffs(Europe=1, Russia=-1), "Stay out": payoffs(Europe=0)})
>>> root = compose(frame, {("*", "Ceasefire"): europe, ("*", "Fight on"): payoffs(Europe=-2)})
>>> sol = subgame_perfect_equilibria(SequentialGame(root, title="toy"))
>>> print(sol[0].narrative())
US plays Keep leverage, Russia plays Fight on.  Payoffs: US 1, Russia 1, Europe -2.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..game import Game
from ..extensive.game import Chance, Decision, Node, Stage, Terminal

__all__ = ["compose", "decide", "chance", "payoffs"]


def compose(
    game: Game,
    outcomes: Mapping[Any, Any],
    *,
    players: Mapping[str, str] | None = None,
    label: str | None = None,
    narration: Mapping[Any, str] | None = None,
) -> Stage:
    """A stage: play ``game``, then continue according to ``outcomes``.

    Keys of ``outcomes`` are profiles of strategy labels with ``"*"`` for "any
    strategy" (``("Concede", "*")``), a tuple of labels for "any of these", or a
    lone ``"*"`` for every remaining profile; the most specific key wins. Values are
    nodes, or ``{player: payoff}`` mappings for terminal payoffs.

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=("A", "B"))
    >>> s = compose(g, {("1", "1"): {"A": 5}, "*": {}})
    >>> s.child_index
    (0, 1, 1, 1)
    """
    return Stage(game, outcomes, players=players, label=label, narration=narration)


def decide(
    player: str,
    actions: Mapping[str, Any],
    *,
    label: str | None = None,
    narration: Mapping[str, str] | None = None,
) -> Decision:
    """A decision of one player among labelled actions.

    Examples
    --------
    >>> decide("Europe", {"Deploy": {"Europe": 1}, "Stay out": {}}).actions
    ('Deploy', 'Stay out')
    """
    return Decision(player, actions, label=label, narration=narration)


def chance(
    outcomes: Mapping[str, Any],
    *,
    label: str | None = None,
    narration: Mapping[str, str] | None = None,
) -> Chance:
    """A chance move: ``{outcome: (probability, node)}``; probabilities must sum to 1.

    Examples
    --------
    >>> chance({"Hard": ("1/4", {"Russia": 1}), "Soft": ("3/4", {})}).probabilities
    (Fraction(1, 4), Fraction(3, 4))
    """
    return Chance(outcomes, label=label, narration=narration)


def payoffs(mapping: Mapping[str, Any] | None = None, /, *, label: str | None = None,
            narration: str | None = None, **by_player: Any) -> Terminal:
    """Terminal payoffs, as a mapping or keyword arguments (``payoffs(US=1, Russia=2)``).

    Examples
    --------
    >>> payoffs(US=1, Russia="1/2").payoffs
    (('US', Fraction(1, 1)), ('Russia', Fraction(1, 2)))
    >>> payoffs({"Ukraine's allies": 3}).payoff("Ukraine's allies")
    Fraction(3, 1)
    """
    merged = dict(mapping or {})
    merged.update(by_player)
    return Terminal(merged, label=label, narration=narration)


_ = Node  # re-exported type name used in annotations elsewhere
