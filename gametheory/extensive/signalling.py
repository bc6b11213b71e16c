"""Every perfect Bayesian equilibrium of a finite signalling game, with the Intuitive Criterion and D1.

A *signalling game* (Spence 1973; Cho & Kreps 1987): chance draws the sender's
type from a common prior; the sender, knowing it, sends a message; the receiver
sees the message, not the type, and responds (or the message ends the game). In
these games a perfect Bayesian equilibrium is a sequential equilibrium: beliefs
after a message nobody sends may be anything (every such belief is consistent),
and after a message sent they follow Bayes' rule.

:func:`perfect_bayesian_equilibria` lists them all, exactly, as *classes*: for
each choice of the messages each type sends with positive probability and of the
responses used after each message, the conditions are linear in the sender's
mixture (receiver optimality with Bayes beliefs, multiplied out), linear in the
receiver's mixture (sender optimality), and linear in the beliefs after unsent
messages. So each class is a product of polytopes, checked for points with exactly
those supports by exact linear programming; every PBE belongs to exactly one class.
Each class reports

* its kind: *separating* (types send disjoint messages), *pooling* (all types send
  the same single message) or *semi-separating* (otherwise);
* the vertices of the sender's and the receiver's strategy sets (the class is the
  relative interior of their product), a representative assessment verified as a
  sequential equilibrium, and for each unsent message the exact set of beliefs
  that support the receiver's response there (an interval for two types);
* whether it survives the Intuitive Criterion (Cho & Kreps 1987) and the D1
  criterion (Cho & Kreps 1987; Banks & Sobel 1987), and why not.

References
----------
Spence, M. (1973). Job market signaling. *QJE* 87, 355–374.
Cho, I.-K. & Kreps, D. M. (1987). Signaling games and stable equilibria. *QJE* 102, 179–221.
Banks, J. S. & Sobel, J. (1987). Equilibrium selection in signaling games. *Econometrica* 55, 647–661.

Examples
--------
The beer–quiche game (Cho & Kreps 1987): the sender is strong (prior 9/10) or weak,
has beer or quiche for breakfast; the receiver, seeing breakfast, duels or not.
Each type gets 1 for its preferred breakfast (beer if strong) plus 2 if there is
no duel; the receiver gets 1 for dueling a weak sender or for sparing a strong one.

>>> game = beer_quiche()
>>> sol = perfect_bayesian_equilibria(game)
>>> [(c.kind, c.messages(), c.intuitive) for c in sol.classes]  # doctest: +NORMALIZE_WHITESPACE
[('pooling', {'strong': 'Beer', 'weak': 'Beer'}, True), ('pooling', {'strong': 'Beer', 'weak': 'Beer'}, True),
 ('pooling', {'strong': 'Quiche', 'weak': 'Quiche'}, False), ('pooling', {'strong': 'Quiche', 'weak': 'Quiche'}, False)]
>>> sol.classes[2].off_path["Beer"].interval    # beliefs that the sender is weak after beer
('weak', Fraction(1, 2), Fraction(1, 1))
>>> print(sol.classes[3].describe(sol.signalling))  # the receiver mixes after beer: the weak type is exactly 1/2
pooling: strong sends Quiche; weak sends Quiche; after Beer: Duel 1/2, Don't 1/2; after Quiche: Don't; off the path after Beer: P(weak) = 1/2
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from .. import exact as _exact
from ..errors import NotSupportedError
from .flat import CHANCE, MOVE, TERMINAL
from .game import Chance, Decision, ExtensiveGame, Terminal

__all__ = [
    "SignallingGame",
    "signalling_game",
    "as_signalling_game",
    "beer_quiche",
    "BeliefSet",
    "PBEClass",
    "SignallingSolution",
    "perfect_bayesian_equilibria",
]


@dataclass(frozen=True, eq=False)
class SignallingGame:
    """The parts of a signalling game read off its tree (see :func:`as_signalling_game`).

    Attributes
    ----------
    game : ExtensiveGame
    sender, receiver : str
    types : tuple of str
    prior : tuple
    messages : tuple of str
    responses : dict
        ``{message: responses}``; ``()`` when the message ends the game.
    u_sender, u_receiver : dict
        ``{(type, message, response or None): payoff}``.
    sender_sets : tuple of int
        The sender's information set of each type (indices into ``game.infosets``).
    receiver_sets : dict
        ``{message: information set}`` for messages with a response.
    """

    game: ExtensiveGame
    sender: str
    receiver: str
    types: tuple
    prior: tuple
    messages: tuple
    responses: dict
    u_sender: dict
    u_receiver: dict
    sender_sets: tuple
    receiver_sets: dict


def signalling_game(
    sender: str,
    receiver: str,
    prior: Mapping[str, Any],
    messages: Sequence[str],
    responses: Mapping[str, Sequence[str]] | Sequence[str],
    payoffs: Callable[[str, str, str | None], tuple] | Mapping[tuple, tuple],
    *,
    title: str | None = None,
) -> ExtensiveGame:
    """Build the tree of a signalling game.

    Parameters
    ----------
    sender, receiver : str
        Player names.
    prior : mapping
        ``{type: probability}`` (exact numbers sum to exactly 1).
    messages : sequence of str
    responses : sequence of str, or mapping ``{message: responses}``
        The receiver's responses (after every message, or per message; an empty
        sequence means the message ends the game).
    payoffs : callable or mapping
        ``(type, message, response) -> (sender payoff, receiver payoff)``
        (``response`` is ``None`` when the message ends the game), or a mapping with
        those keys.
    title : str, optional

    Examples
    --------
    >>> g = signalling_game("Worker", "Firm", {"able": "1/2", "weak": "1/2"}, ["Degree", "None"], ["High", "Low"],
    ...                     lambda t, m, r: ((2 if r == "High" else 1) - (1 if m == "Degree" and t == "weak" else 0),
    ...                                      1 if (r == "High") == (t == "able") else 0))
    >>> [(h.player, h.name) for h in g.infosets]
    [('Worker', 'Worker is able'), ('Firm', 'Firm after Degree'), ('Firm', 'Firm after None'), ('Worker', 'Worker is weak')]
    """
    per = dict(responses) if isinstance(responses, Mapping) else {m: tuple(responses) for m in messages}
    get = payoffs if callable(payoffs) else (lambda t, m, r: payoffs[(t, m, r)])  # type: ignore[index]

    def after(t: str, m: str) -> Any:
        rs = tuple(per.get(m, ()))
        if not rs:
            us, ur = get(t, m, None)
            return Terminal({sender: us, receiver: ur})
        return Decision(receiver, {r: Terminal(dict(zip((sender, receiver), get(t, m, r)))) for r in rs},
                        infoset=f"{receiver} after {m}")

    root = Chance({t: (p, Decision(sender, {m: after(t, m) for m in messages}, infoset=f"{sender} is {t}"))
                   for t, p in prior.items()}, label=f"{sender}'s type")
    return ExtensiveGame(root, players=(sender, receiver), title=title)


def beer_quiche() -> ExtensiveGame:
    """The beer–quiche game of Cho & Kreps (1987), prior 9/10 strong (see the module docstring).

    Examples
    --------
    >>> beer_quiche().players
    ('Sender', 'Receiver')
    """

    def pay(t: str, m: str, r: str | None) -> tuple:
        breakfast = 1 if (m == "Beer") == (t == "strong") else 0
        sender = breakfast + (2 if r == "Don't" else 0)
        receiver = 1 if (r == "Duel") == (t == "weak") else 0
        return sender, receiver

    return signalling_game("Sender", "Receiver", {"strong": Fraction(9, 10), "weak": Fraction(1, 10)},
                           ["Beer", "Quiche"], ["Duel", "Don't"], pay, title="Beer-quiche (Cho & Kreps 1987)")


def as_signalling_game(game: ExtensiveGame) -> SignallingGame:
    """Read a signalling game off a tree, or say why it is not one.

    The root must be a chance move (the types); after each type one decision of the
    same player (the sender), in an information set of its own, with the same
    messages; after each message either the end of the game or a decision of the
    other player (the receiver), one information set per message across all types,
    whose actions end the game.

    Raises
    ------
    NotSupportedError
        Naming the first part of the tree that does not fit.

    Examples
    --------
    >>> sg = as_signalling_game(beer_quiche())
    >>> sg.types, sg.prior, sg.responses
    (('strong', 'weak'), (Fraction(9, 10), Fraction(1, 10)), {'Beer': ('Duel', "Don't"), 'Quiche': ('Duel', "Don't")})
    """
    flat = game.flat

    def no(why: str) -> NotSupportedError:
        return NotSupportedError(f"not a signalling game: {why}")

    if flat.kind[0] != CHANCE:
        raise no("the root is not a chance move drawing the sender's type")
    types = flat.chance_labels[0]
    prior = flat.chance[0]
    sender = None
    receiver = None
    messages = None
    responses: dict = {}
    u_s: dict = {}
    u_r: dict = {}
    sender_sets = []
    receiver_sets: dict = {}
    for t, x in zip(types, flat.children[0]):
        if flat.kind[x] != MOVE:
            raise no(f"after type {t!r} there is no decision of the sender")
        who = flat.players[flat.mover[x]]
        sender = sender or who
        if who != sender:
            raise no(f"type {t!r} is played by {who}, another player than {sender}")
        h = flat.infosets[flat.infoset_of[x]]
        if len(h.nodes) != 1:
            raise no(f"the sender does not know its type (information set {h.name!r})")
        sender_sets.append(h.index)
        msgs = flat.edge_labels(x)
        messages = messages or msgs
        if msgs != messages:
            raise no(f"type {t!r} has other messages {list(msgs)} than {list(messages)}")
        for m, y in zip(msgs, flat.children[x]):
            if flat.kind[y] == TERMINAL:
                if responses.setdefault(m, ()) != ():
                    raise no(f"message {m!r} ends the game for one type but not another")
                u_s[(t, m, None)] = flat.payoffs[y][flat.players.index(sender)]
                continue
            if flat.kind[y] != MOVE:
                raise no(f"after message {m!r} there is a chance move")
            rwho = flat.players[flat.mover[y]]
            receiver = receiver or rwho
            if rwho != receiver or rwho == sender:
                raise no(f"after message {m!r} {rwho} moves, not one receiver")
            hr = flat.infosets[flat.infoset_of[y]]
            if receiver_sets.setdefault(m, hr.index) != hr.index:
                raise no(f"after message {m!r} the receiver's decisions are not one information set")
            rs = flat.edge_labels(y)
            if responses.setdefault(m, rs) != rs:
                raise no(f"the responses after {m!r} differ")
            for r, z in zip(rs, flat.children[y]):
                if flat.kind[z] != TERMINAL:
                    raise no(f"the game goes on after response {r!r} to {m!r}")
                u_s[(t, m, r)] = flat.payoffs[z][flat.players.index(sender)]
                u_r[(t, m, r)] = flat.payoffs[z][flat.players.index(receiver)]
    if receiver is None:
        receiver = next((p for p in flat.players if p != sender), sender)
    for m, h in receiver_sets.items():
        if len(flat.infosets[h].nodes) != len(types):
            raise no(f"the receiver's information set after {m!r} holds other nodes too")
    if len(set(receiver_sets.values())) != len(receiver_sets):
        raise no("the receiver cannot tell some messages apart")
    for (t, m, r) in list(u_s):
        if r is None:
            u_r[(t, m, None)] = 0
    # payoffs of the receiver at messages that end the game
    for t, x in zip(types, flat.children[0]):
        for m, y in zip(messages, flat.children[x]):
            if flat.kind[y] == TERMINAL:
                u_r[(t, m, None)] = flat.payoffs[y][flat.players.index(receiver)]
    return SignallingGame(game, sender, receiver, tuple(types), tuple(prior), tuple(messages), responses, u_s, u_r,
                          tuple(sender_sets), receiver_sets)


# -- exact small linear programs ------------------------------------------------------------------
def _interior(n: int, eqs: list[tuple[list, Any]], ineqs: list[tuple[list, Any]], positive: list[int]) -> list | None:
    """A point of ``{v >= 0: eqs (a.v = b), ineqs (a.v >= b)}`` with ``v_j > 0`` on ``positive``, or None.

    Maximises the least ``v_j`` over ``positive`` (capped at 1) by exact simplex.
    """
    from ._lp import lp_max

    # variables v (n) and s; maximise s
    A, b = [], []
    for a, rhs in ineqs:  # a.v >= rhs  ->  -a.v <= -rhs
        A.append([-Fraction(c) for c in a] + [0])
        b.append(-Fraction(rhs))
    for j in positive:  # s - v_j <= 0
        row = [0] * (n + 1)
        row[j] = -1
        row[n] = 1
        A.append(row)
        b.append(0)
    A.append([0] * n + [1])
    b.append(1)
    for a, rhs in eqs:  # equalities as two inequalities
        A.append([Fraction(c) for c in a] + [0])
        b.append(Fraction(rhs))
        A.append([-Fraction(c) for c in a] + [0])
        b.append(-Fraction(rhs))
    got = lp_max([0] * n + [1], A, b)
    if got is None:
        return None
    sol = got[1]
    s = sol[n]
    if positive and s <= 0:
        return None
    point = list(sol[:n])
    # the exact answer is checked, not trusted
    if any(sum(Fraction(c) * v for c, v in zip(a, point)) != Fraction(rhs) for a, rhs in eqs) or \
            any(sum(Fraction(c) * v for c, v in zip(a, point)) < Fraction(rhs) for a, rhs in ineqs) or \
            any(v < 0 for v in point):
        raise AssertionError("an exact linear program returned an infeasible point: a bug, please report it")
    return point


def _solve_square(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square system (exact Gauss–Jordan), or None when singular."""
    n = len(rows)
    M = [list(r) + [b] for r, b in zip(rows, rhs)]
    for c in range(n):
        piv = next((r for r in range(c, n) if M[r][c] != 0), None)
        if piv is None:
            return None
        M[c], M[piv] = M[piv], M[c]
        p = M[c][c]
        M[c] = [v / p for v in M[c]]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c]
                M[r] = [a - f * b for a, b in zip(M[r], M[c])]
    return [M[r][n] for r in range(n)]


def _independent(eqs: list[tuple[list, Fraction]]) -> list | None:
    """A linearly independent subset of the equalities with the same solutions; None when inconsistent."""
    kept: list = []
    reduced: list = []  # echelon rows (row, rhs, pivot column)
    for a, b in eqs:
        row, rhs = list(a), b
        for r, rb, piv in reduced:
            if row[piv] != 0:
                f = row[piv] / r[piv]
                row = [x - f * y for x, y in zip(row, r)]
                rhs = rhs - f * rb
        piv = next((j for j, x in enumerate(row) if x != 0), None)
        if piv is None:
            if rhs != 0:
                return None
            continue
        reduced.append((row, rhs, piv))
        kept.append((a, b))
    return kept


def _vertices(n: int, eqs: list[tuple[list, Any]], ineqs: list[tuple[list, Any]], *, limit: int = 20000) -> list[tuple]:
    """Vertices of ``{v >= 0 : eqs, ineqs}`` by trying every set of tight constraints (small problems)."""
    cons = [([Fraction(c) for c in a], Fraction(b)) for a, b in ineqs]
    cons += [([Fraction(int(j == k)) for k in range(n)], Fraction(0)) for j in range(n)]  # v_j >= 0
    eq_all = [([Fraction(c) for c in a], Fraction(b)) for a, b in eqs]
    eq = _independent(eq_all)
    if eq is None:
        return []
    need = n - len(eq)
    out: set = set()
    tried = 0
    for tight in itertools.combinations(range(len(cons)), max(need, 0)):
        tried += 1
        if tried > limit:
            break
        rows = [a for a, _ in eq] + [cons[k][0] for k in tight]
        rhs = [b for _, b in eq] + [cons[k][1] for k in tight]
        if len(rows) != n:
            continue
        v = _solve_square(rows, rhs)
        if v is None:
            continue
        if all(sum(a * x for a, x in zip(row, v)) >= b for row, b in cons) and \
                all(sum(a * x for a, x in zip(row, v)) == b for row, b in eq_all):
            out.add(tuple(v))
    return sorted(out)


# -- beliefs after unsent messages -------------------------------------------------------------------
@dataclass(frozen=True)
class BeliefSet:
    """The beliefs after an unsent message that make every response used there optimal.

    Attributes
    ----------
    message : str
    responses : tuple of str
        The responses used (all must be best responses).
    vertices : tuple
        Vertices of the set (beliefs over ``types``).
    interval : tuple or None
        For two types: ``(type, low, high)``, the range of the probability of ``type``
        (the second type).
    """

    message: str
    responses: tuple
    vertices: tuple
    interval: tuple | None = None

    def describe(self, types: Sequence[str]) -> str:
        """Plain words, e.g. ``"weak with probability in [1/2, 1]"``."""
        if self.interval is not None:
            t, lo, hi = self.interval
            f = _exact.format_number
            return f"P({t}) = {f(lo)}" if lo == hi else f"P({t}) in [{f(lo)}, {f(hi)}]"
        pts = "; ".join("(" + ", ".join(_exact.format_number(v) for v in p) + ")" for p in self.vertices)
        return f"beliefs over ({', '.join(types)}) in the hull of {pts}"


def _belief_constraints(sg: SignallingGame, m: str, used: Sequence[str], types: Sequence[int]) -> tuple[list, list]:
    """Linear conditions on beliefs over the types with indices in ``types`` for ``used`` to be optimal at m."""
    n = len(types)
    eqs: list = [([1] * n, 1)]
    ineqs: list = []
    tl = [sg.types[k] for k in types]
    for r in used:
        for r2 in sg.responses[m]:
            if r2 == r:
                continue
            row = [sg.u_receiver[(t, m, r)] - sg.u_receiver[(t, m, r2)] for t in tl]
            if r2 in used:
                eqs.append((row, 0))
            else:
                ineqs.append((row, 0))
    return eqs, ineqs


def _best_responses_to_some_belief(sg: SignallingGame, m: str, types: Sequence[int]) -> list[str]:
    """Pure responses to m that are optimal for some belief over the given types."""
    out = []
    for r in sg.responses[m]:
        eqs, ineqs = _belief_constraints(sg, m, [r], types)
        if _interior(len(types), eqs, ineqs, []) is not None:
            out.append(r)
    return out


def _achievable_supports(sg: SignallingGame, m: str) -> list[tuple[str, ...]]:
    """Sets of responses that are all optimal together for some belief (over all types)."""
    rs = sg.responses[m]
    out = []
    idx = list(range(len(sg.types)))
    for k in range(1, len(rs) + 1):
        for sub in itertools.combinations(rs, k):
            eqs, ineqs = _belief_constraints(sg, m, sub, idx)
            if _interior(len(idx), eqs, ineqs, []) is not None:
                out.append(sub)
    return out


# -- classes of equilibria ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class PBEClass:
    """A class of perfect Bayesian equilibria sharing the messages each type sends and the responses used.

    Attributes
    ----------
    kind : str
        ``"separating"``, ``"pooling"`` or ``"semi-separating"``.
    sends : dict
        ``{type: messages sent with positive probability}``.
    uses : dict
        ``{message: responses used with positive probability}``.
    sender_vertices, receiver_vertices : tuple
        Vertices of the sets of sender and receiver mixtures of the class (each a dict
        of probabilities); the class is the relative interior of their product.
    off_path : dict
        ``{unsent message: BeliefSet}``.
    representative : TreeEquilibrium
        A point of the class with beliefs, verified as a sequential equilibrium.
    payoffs : dict
        ``{type: the sender's equilibrium payoff}`` at the representative, and the
        receiver's under ``receiver``.
    intuitive, d1 : bool
        Whether the class survives the Intuitive Criterion / D1 (at the representative's
        payoffs, which are the class's when they are constant; see ``notes``).
    intuitive_reason, d1_reason : str
    notes : tuple of str
    """

    kind: str
    sends: dict
    uses: dict
    sender_vertices: tuple
    receiver_vertices: tuple
    off_path: dict
    representative: Any = field(repr=False)
    payoffs: dict
    intuitive: bool
    intuitive_reason: str
    d1: bool
    d1_reason: str
    notes: tuple = ()

    def messages(self) -> dict[str, Any]:
        """``{type: message}`` for types sending one message, else ``{type: (messages...)}``."""
        return {t: (ms[0] if len(ms) == 1 else ms) for t, ms in self.sends.items()}

    def describe(self, sg: SignallingGame) -> str:
        """A plain-language account of the class."""
        f = _exact.format_number
        rep = self.representative
        parts = []
        for t, h in zip(sg.types, sg.sender_sets):
            probs = rep.profile[h]
            sent = ", ".join(f"{m}" if p == 1 else f"{m} {f(p)}" for m, p in zip(sg.messages, probs) if p != 0)
            parts.append(f"{t} sends {sent}")
        for m, h in sg.receiver_sets.items():
            probs = rep.profile[h]
            resp = ", ".join(f"{r}" if p == 1 else f"{r} {f(p)}" for r, p in zip(sg.responses[m], probs) if p != 0)
            parts.append(f"after {m}: {resp}")
        text = f"{self.kind}: " + "; ".join(parts)
        for m, bs in self.off_path.items():
            text += f"; off the path after {m}: {bs.describe(sg.types)}"
        return text


def _kind(sends: dict) -> str:
    sets = list(sends.values())
    if all(len(s) == 1 for s in sets) and len({s[0] for s in sets}) == 1:
        return "pooling"
    if all(len(s) == 1 for s in sets) and len({s[0] for s in sets}) == len(sets):
        return "separating"
    return "semi-separating"


def _sender_value(sg: SignallingGame, t: str, m: str, rho: Mapping[str, Any]) -> Any:
    rs = sg.responses[m]
    if not rs:
        return sg.u_sender[(t, m, None)]
    return sum((rho.get((m, r), 0) * sg.u_sender[(t, m, r)] for r in rs), Fraction(0))


def _intuitive(sg: SignallingGame, unsent: list[str], ustar: dict) -> tuple[bool, str]:
    f = _exact.format_number
    all_types = list(range(len(sg.types)))
    for m in unsent:
        rs = sg.responses[m]
        if not rs:
            continue
        best_any = _best_responses_to_some_belief(sg, m, all_types)
        dominated = [k for k, t in enumerate(sg.types)
                     if ustar[t] > max(sg.u_sender[(t, m, r)] for r in best_any)]
        if len(dominated) == len(sg.types) or not dominated:
            continue
        rest = [k for k in all_types if k not in dominated]
        best_rest = _best_responses_to_some_belief(sg, m, rest)
        for k in rest:
            t = sg.types[k]
            worst = min(sg.u_sender[(t, m, r)] for r in best_rest)
            if worst > ustar[t]:
                names = ", ".join(sg.types[j] for j in dominated)
                return False, (f"{m} is equilibrium-dominated for {names}; once the receiver rules "
                               f"{'it' if len(dominated) == 1 else 'them'} out, any best response to {m} gives {t} at "
                               f"least {f(worst)} > {f(ustar[t])}, so {t} would deviate")
    return True, "no unsent message breaks it"


def _d1_pruned(sg: SignallingGame, m: str, ustar: dict) -> list[int]:
    """Types D1 removes after m: types whose reasons to send m are a subset of another type's."""
    supports = _achievable_supports(sg, m)
    pruned = []
    for k, t in enumerate(sg.types):
        for k2, t2 in enumerate(sg.types):
            if k2 == k:
                continue
            if all(_implies(sg, m, sub, t, ustar[t], t2, ustar[t2]) for sub in supports):
                pruned.append(k)
                break
    return pruned


def _implies(sg: SignallingGame, m: str, sub: Sequence[str], t: str, ut: Any, t2: str, ut2: Any) -> bool:
    """Within mixtures over ``sub``: u_t >= ut implies u_t2 > ut2 (checked at the vertices of {u_t >= ut})."""
    a = {r: sg.u_sender[(t, m, r)] for r in sub}
    b = {r: sg.u_sender[(t2, m, r)] for r in sub}
    points = []
    for r in sub:
        if a[r] >= ut:
            points.append({r: Fraction(1)})
    for r1, r2 in itertools.combinations(sub, 2):
        if (a[r1] - ut) * (a[r2] - ut) < 0:
            lam = Fraction(ut - a[r2]) / Fraction(a[r1] - a[r2])
            points.append({r1: lam, r2: 1 - lam})
    return all(sum(p * b[r] for r, p in pt.items()) > ut2 for pt in points)


def _d1(sg: SignallingGame, unsent: list[str], ustar: dict, uses: dict) -> tuple[bool, str]:
    for m in unsent:
        if not sg.responses[m]:
            continue
        pruned = _d1_pruned(sg, m, ustar)
        if not pruned or len(pruned) == len(sg.types):
            continue
        keep = [k for k in range(len(sg.types)) if k not in pruned]
        eqs, ineqs = _belief_constraints(sg, m, uses[m], keep)
        if _interior(len(keep), eqs, ineqs, []) is None:
            names = ", ".join(sg.types[k] for k in pruned)
            return False, (f"after {m}, D1 puts no weight on {names} (another type gains from {m} whenever "
                           f"{'it does' if len(pruned) == 1 else 'they do'}), and no belief on the rest supports "
                           f"the response {', '.join(uses[m])}")
    return True, "no unsent message breaks it"


@dataclass(frozen=True)
class SignallingSolution:
    """Every perfect Bayesian equilibrium of a signalling game, by class.

    Attributes
    ----------
    signalling : SignallingGame
    classes : tuple of PBEClass
    complete : bool
        Every class found (always ``True``: the enumeration is exhaustive and exact).
    solution : SequentialSolution
        The classes' representatives as assessments (``concept="perfect Bayesian"``).
    elapsed : float
    """

    signalling: SignallingGame = field(repr=False)
    classes: tuple
    complete: bool
    solution: Any = field(repr=False)
    elapsed: float = 0.0

    def __len__(self) -> int:
        return len(self.classes)

    def __iter__(self):
        return iter(self.classes)

    def __getitem__(self, k: int) -> PBEClass:
        return self.classes[k]

    def families(self) -> dict[tuple, tuple]:
        """Classes grouped by what the sender does (the textbook's equilibria: "pooling on beer", ...).

        Keys are ``((type, messages sent), ...)``; values the classes, which differ in
        the receiver's responses (e.g. pure or mixed after an unsent message).

        Examples
        --------
        >>> fams = perfect_bayesian_equilibria(beer_quiche()).families()
        >>> [(dict(k), [c.intuitive for c in v]) for k, v in fams.items()]
        [({'strong': ('Beer',), 'weak': ('Beer',)}, [True, True]), ({'strong': ('Quiche',), 'weak': ('Quiche',)}, [False, False])]
        """
        out: dict[tuple, list] = {}
        for c in self.classes:
            out.setdefault(tuple(c.sends.items()), []).append(c)
        return {k: tuple(v) for k, v in out.items()}

    def __str__(self) -> str:
        sg = self.signalling
        lines = [f"perfect_bayesian_equilibria: {len(self.classes)} class(es) of perfect Bayesian equilibria in "
                 f"{len(self.families())} famil{'y' if len(self.families()) == 1 else 'ies'} by the sender's messages "
                 f"(complete, exact) of {sg.game.title or 'the signalling game'}"]
        for k, c in enumerate(self.classes, 1):
            lines.append(f"  {k}. {c.describe(sg)}")
            pay = ", ".join(f"{t} {_exact.format_number(v)}" for t, v in c.payoffs.items())
            lines.append(f"     payoffs: {pay}")
            lines.append(f"     Intuitive Criterion: {'survives' if c.intuitive else 'fails'} ({c.intuitive_reason})")
            lines.append(f"     D1: {'survives' if c.d1 else 'fails'} ({c.d1_reason})")
            lines += [f"     note: {t}" for t in c.notes]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the solution's contract plus ``classes``."""
        doc = self.solution.to_dict()
        sg = self.signalling
        j = _exact.json_number
        doc["classes"] = [
            {
                "kind": c.kind,
                "sends": {t: list(v) for t, v in c.sends.items()},
                "uses": {m: list(v) for m, v in c.uses.items()},
                "sender_vertices": [{f"{t}: {m}": j(p) for (t, m), p in v.items()} for v in c.sender_vertices],
                "receiver_vertices": [{f"{m}: {r}": j(p) for (m, r), p in v.items()} for v in c.receiver_vertices],
                "off_path_beliefs": {m: {"vertices": [dict(zip(sg.types, map(j, v))) for v in b.vertices],
                                         "description": b.describe(sg.types)} for m, b in c.off_path.items()},
                "intuitive_criterion": {"survives": c.intuitive, "reason": c.intuitive_reason},
                "d1": {"survives": c.d1, "reason": c.d1_reason},
                "equilibrium": k,
            }
            for k, c in enumerate(self.classes)
        ]
        return doc


def perfect_bayesian_equilibria(game: ExtensiveGame) -> SignallingSolution:
    """Every perfect Bayesian equilibrium of a finite signalling game, by class (see the module docstring).

    Raises
    ------
    NotSupportedError
        When the tree is not a signalling game (the message names what does not fit),
        or its payoffs are floats.

    Examples
    --------
    >>> sol = perfect_bayesian_equilibria(beer_quiche())
    >>> print(sol.classes[0].describe(sol.signalling))
    pooling: strong sends Beer; weak sends Beer; after Beer: Don't; after Quiche: Duel; off the path after Quiche: P(weak) in [1/2, 1]
    """
    from .assessment import Assessment
    from .behaviour import expected_payoffs
    from .result import SequentialSolution, TreeEquilibrium, choices_from_behaviour

    started = time.perf_counter()
    sg = as_signalling_game(game)
    if not game.exact:
        raise NotSupportedError("perfect_bayesian_equilibria needs exact payoffs and probabilities")
    T, M = sg.types, sg.messages
    prior = dict(zip(T, sg.prior))
    resp_sets = {m: (list(sg.responses[m]) if sg.responses[m] else [None]) for m in M}
    classes = []
    nonempty = lambda xs: [sub for k in range(1, len(xs) + 1) for sub in itertools.combinations(xs, k)]  # noqa: E731
    for sends in itertools.product(*[nonempty(M) for _ in T]):
        send = dict(zip(T, sends))
        onpath = [m for m in M if any(m in s for s in sends)]
        unsent = [m for m in M if m not in onpath]
        for uses_t in itertools.product(*[nonempty(resp_sets[m]) if sg.responses[m] else [(None,)] for m in M]):
            uses = dict(zip(M, uses_t))
            # sender mixture: variables sigma[(t, m)] for m in send[t]
            svars = [(t, m) for t in T for m in send[t]]
            si = {v: k for k, v in enumerate(svars)}
            eqs = [([int(v[0] == t) for v in svars], 1) for t in T]
            ineqs = []
            for m in onpath:
                if not sg.responses[m]:
                    continue
                for r in uses[m]:
                    for r2 in sg.responses[m]:
                        if r2 == r:
                            continue
                        row = [0] * len(svars)
                        for t in T:
                            if (t, m) in si:
                                row[si[(t, m)]] = prior[t] * (sg.u_receiver[(t, m, r)] - sg.u_receiver[(t, m, r2)])
                        (eqs if r2 in uses[m] else ineqs).append((row, 0))
            sigma = _interior(len(svars), eqs, ineqs, list(range(len(svars))))
            if sigma is None:
                continue
            # beliefs after unsent messages
            off = {}
            ok = True
            for m in unsent:
                if not sg.responses[m]:
                    continue
                beqs, bineqs = _belief_constraints(sg, m, uses[m], range(len(T)))
                verts = _vertices(len(T), beqs, bineqs)
                if not verts:
                    ok = False
                    break
                interval = None
                if len(T) == 2:
                    vals = sorted(v[1] for v in verts)
                    interval = (T[1], vals[0], vals[-1])
                off[m] = BeliefSet(m, tuple(uses[m]), tuple(verts), interval)
            if not ok:
                continue
            # receiver mixture: variables rho[(m, r)] for responses used
            rvars = [(m, r) for m in M if sg.responses[m] for r in uses[m]]
            ri = {v: k for k, v in enumerate(rvars)}
            reqs = [([int(v[0] == m) for v in rvars], 1) for m in M if sg.responses[m]]
            rineqs = []

            def value_row(t: str, m: str) -> tuple[list, Any]:
                row = [0] * len(rvars)
                const = Fraction(0)
                if not sg.responses[m]:
                    const = Fraction(sg.u_sender[(t, m, None)])
                else:
                    for r in uses[m]:
                        row[ri[(m, r)]] = sg.u_sender[(t, m, r)]
                return row, const

            for t in T:
                ref = send[t][0]
                rrow, rconst = value_row(t, ref)
                for m in M:
                    if m == ref:
                        continue
                    mrow, mconst = value_row(t, m)
                    diff = [a - b for a, b in zip(rrow, mrow)]
                    if m in send[t]:
                        reqs.append((diff, mconst - rconst))
                    else:
                        rineqs.append((diff, mconst - rconst))
            rho = _interior(len(rvars), reqs, rineqs, list(range(len(rvars))))
            if rho is None:
                continue
            classes.append(_make_class(sg, send, uses, svars, sigma, rvars, rho, eqs, ineqs, reqs, rineqs, off,
                                       unsent, Assessment, TreeEquilibrium, choices_from_behaviour, expected_payoffs))
    eqs_out = tuple(c.representative for c in classes)
    sol = SequentialSolution(game=game, method="perfect_bayesian_equilibria", equilibria=eqs_out, complete=True,
                             exact=True, parameters={"classes": len(classes)},
                             elapsed=time.perf_counter() - started,
                             notes=("one representative per class of perfect Bayesian equilibria (the classes and "
                                    "their off-path beliefs are in SignallingSolution.classes)",),
                             concept="perfect Bayesian")
    return SignallingSolution(sg, tuple(classes), True, sol, time.perf_counter() - started)


def _make_class(sg, send, uses, svars, sigma, rvars, rho, eqs, ineqs, reqs, rineqs, off, unsent,
                Assessment, TreeEquilibrium, choices_from_behaviour, expected_payoffs) -> PBEClass:
    game = sg.game
    flat = game.flat
    T = sg.types
    prior = dict(zip(T, sg.prior))
    sig = dict(zip(svars, sigma))
    rh = dict(zip(rvars, rho))
    behaviour: list = [None] * len(flat.infosets)
    beliefs: list = [None] * len(flat.infosets)
    for t, h in zip(T, sg.sender_sets):
        behaviour[h] = tuple(sig.get((t, m), Fraction(0)) for m in sg.messages)
        beliefs[h] = (Fraction(1),)
    for m, h in sg.receiver_sets.items():
        behaviour[h] = tuple(rh.get((m, r), Fraction(0)) for r in sg.responses[m])
        total = sum(prior[t] * sig.get((t, m), 0) for t in T)
        if total != 0:
            beliefs[h] = tuple(prior[t] * sig.get((t, m), 0) / total for t in T)
        else:
            v = off[m].vertices
            beliefs[h] = tuple(sum(p[k] for p in v) / len(v) for k in range(len(T)))  # a point of the set
    a = Assessment(game, tuple(behaviour), tuple(beliefs))
    if a.sequential_regret() != 0 or not a.consistency().consistent:  # pragma: no cover - the LPs guarantee it
        raise AssertionError("a computed perfect Bayesian equilibrium fails its exact test: a bug, please report it")
    rep = TreeEquilibrium(game=game, choices=choices_from_behaviour(game, a.behaviour),
                          payoffs=expected_payoffs(flat, a.behaviour), regret=Fraction(0), beliefs=a.beliefs)
    ustar = {t: _sender_value(sg, t, send[t][0], rh) for t in T}
    svert = tuple(dict(zip(svars, v)) for v in _vertices(len(svars), eqs, ineqs))
    rvert = tuple(dict(zip(rvars, v)) for v in _vertices(len(rvars), reqs, rineqs))
    notes = []
    constant = all(_sender_value(sg, t, send[t][0], v) == ustar[t] for v in rvert for t in T)
    if not constant:
        notes.append("the sender's equilibrium payoffs vary within this class; the refinements were tested at the "
                     "representative point")
    intuitive, ireason = _intuitive(sg, unsent, ustar)
    d1, dreason = _d1(sg, unsent, ustar, {m: tuple(uses[m]) for m in sg.messages})
    payoffs = dict(ustar)
    payoffs[sg.receiver] = rep.payoffs[game.players.index(sg.receiver)]
    return PBEClass(_kind({t: tuple(send[t]) for t in T}), {t: tuple(send[t]) for t in T},
                    {m: tuple(u for u in uses[m] if u is not None) for m in sg.messages},
                    svert, rvert, off, rep, payoffs, intuitive, ireason, d1, dreason, tuple(notes))

