"""Named textbook games with symbolic parameters (used in the documentation and tests).

Examples
--------
>>> hawk_dove().parameter_names
('V', 'C')
>>> inspection_game().players
('Inspector', 'State')
>>> tripwire().players
('Russia', 'Europe')
"""

from __future__ import annotations

from .game import SymbolicGame
from .parameters import Parameter
from .sequential import SymbolicTree, decision, terminal

__all__ = ["hawk_dove", "inspection_game", "tripwire"]


def hawk_dove() -> SymbolicGame:
    """Hawk–Dove with prize value ``V`` and cost of a fight ``C`` (defaults 2 and 4).

    References
    ----------
    Maynard Smith, J. and Price, G. R. (1973). The logic of animal conflict. *Nature* 246, 15–18.

    Examples
    --------
    >>> print(hawk_dove())
    Hawk-Dove
    Row \\ Column   Hawk                      Dove
    Hawk           -C/2 + V/2, -C/2 + V/2   V, 0
    Dove           0, V                     V/2, V/2
    parameters:
      V in (0, oo), default 2: value of the prize
      C in (0, oo), default 4: cost of a fight
    """
    V = Parameter("V", default=2, positive=True, meaning="value of the prize")
    C = Parameter("C", default=4, positive=True, meaning="cost of a fight")
    v, c = V.symbol, C.symbol
    return SymbolicGame.from_bimatrix(
        [[(v - c) / 2, v], [0, v / 2]],
        [[(v - c) / 2, 0], [v, v / 2]],
        parameters=(V, C),
        players=("Row", "Column"),
        strategies=(("Hawk", "Dove"),) * 2,
        title="Hawk-Dove",
        key_parameters=("C",),
    )


def inspection_game() -> SymbolicGame:
    """The inspection game: inspecting costs ``c``; a violation gains ``g`` and, caught, costs ``f``.

    References
    ----------
    Tsebelis, G. (1990). Penalty has no impact on crime: a game-theoretic analysis.
    *Rationality and Society* 2(3), 255–286.

    Examples
    --------
    >>> inspection_game().subs().payoff_array(1).tolist()
    [[Fraction(-2, 1), Fraction(0, 1)], [Fraction(1, 1), Fraction(0, 1)]]
    """
    c = Parameter("c", default="1/2", low=0, high=1, meaning="cost of inspecting")
    f = Parameter("f", default=2, positive=True, meaning="penalty for a detected violation")
    g = Parameter("g", default=1, positive=True, meaning="gain from an undetected violation")
    return SymbolicGame.from_bimatrix(
        [[1 - c.symbol, -c.symbol], [-1, 0]],
        [[-f.symbol, 0], [g.symbol, 0]],
        parameters=(c, f, g),
        players=("Inspector", "State"),
        strategies=(("Inspect", "Trust"), ("Violate", "Comply")),
        title="Inspection game",
        key_parameters=("f", "c"),
    )


def tripwire() -> SymbolicTree:
    """A tripwire: Russia tests a European force or not; tested, Europe defends (cost ``f``) or backs down (cost ``b``).

    References
    ----------
    Schelling, T. C. (1966). *Arms and Influence*, ch. 2. Yale University Press.

    Examples
    --------
    >>> from gametheory.symbolic import sequential_thresholds
    >>> sequential_thresholds(tripwire(), "b").values    # defence credible iff b > f = 1
    (1,)
    """
    f = Parameter("f", default=1, positive=True, meaning="Europe's cost of fighting")
    b = Parameter("b", default=2, positive=True, meaning="Europe's cost of backing down")
    return SymbolicTree(
        decision("Russia", {
            "Respect": terminal({"Russia": 0, "Europe": 0}),
            "Test": decision("Europe", {
                "Defend": terminal({"Russia": -1, "Europe": -f.symbol}),
                "Back down": terminal({"Russia": 1, "Europe": -b.symbol}),
            }),
        }),
        parameters=(f, b),
        title="Tripwire",
        key_parameters=("b",),
    )
