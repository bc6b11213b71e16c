"""Reputation: Selten's chain store and the Kreps–Wilson / Milgrom–Roberts reputation equilibrium.

An incumbent (a "chain store", an alliance, a guarantor) faces ``N`` challengers in
turn. Each challenger stays out or enters; after an entry the incumbent fights or
accommodates, and everyone sees what happened. Payoffs per market (Selten's
numbers by default): the incumbent gets ``out > accommodate > fight`` (5, 2, 0),
the entrant ``accommodate > out > fight`` (2, 1, 0).

* **Selten's paradox** (no private information, ``prior = 0``): by backward induction
  the incumbent accommodates in the last market, so the last entrant enters; the
  last market's outcome is then fixed whatever happened before, so the same holds
  one market earlier, and so on: entry and accommodation in every market
  (:func:`chain_store_equilibrium`). Threats to fight early "to deter later entry"
  are not credible.
* **Reputation** (Kreps & Wilson 1982; Milgrom & Roberts 1982): with probability
  ``prior`` the incumbent is *tough* and always fights. Normalise the payoffs
  (incumbent: out ``a``, accommodate 0, fight -1; entrant: out 0, accommodate ``b``,
  fight ``b - 1``, with ``a > 0`` and ``0 < b < 1``). With ``k`` markets left
  (this one included) and reputation ``p`` (the entrant's belief that the incumbent
  is tough), in the perfect Bayesian equilibrium:

  - the entrant stays out if ``p > b^k``, enters if ``p < b^k`` and stays out with
    probability ``1/a`` if ``p = b^k``;
  - after an entry a weak incumbent accommodates in the last market; earlier it
    fights for sure if ``p >= b^(k-1)`` and otherwise with probability
    ``β = p (1 - b^(k-1)) / ((1 - p) b^(k-1))``, which makes the reputation after a
    fight exactly ``b^(k-1)``;
  - accommodating reveals weakness (reputation 0); fighting raises the reputation to
    ``max(p, b^(k-1))``; staying out leaves it unchanged.

  Even a small prior deters entry in all but the last few markets: a weak
  incumbent fights early to keep its reputation (:func:`chain_store_equilibrium`
  gives the path, the probabilities and the posteriors, checked exactly).

References
----------
Selten, R. (1978). The chain store paradox. *Theory and Decision* 9, 127–159.
Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. *Journal of
Economic Theory* 27, 253–279.
Milgrom, P. & Roberts, J. (1982). Predation, reputation, and entry deterrence.
*Journal of Economic Theory* 27, 280–312.
Fudenberg, D. & Tirole, J. (1991). *Game Theory*, §9.2 (the chain store with a tough type).

Examples
--------
>>> sol = chain_store_equilibrium(chain_store(markets=20))
>>> sol.values["incumbent payoff"], sol.values["markets entered"]
(Fraction(40, 1), Fraction(20, 1))
>>> kw = chain_store_equilibrium(chain_store(markets=10, prior="1/10", players=("NATO", "Russia")))
>>> kw.values["markets deterred for sure"]
Fraction(7, 1)
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from ..errors import InvalidGameError
from .base import Model, ModelEquilibrium, _fmt, make_solution, register

__all__ = ["ChainStore", "chain_store", "chain_store_equilibrium", "chain_store_tree", "reputation_table",
           "verify_reputation", "reputation_tree", "reputation_assessment"]


@dataclass(frozen=True)
class ChainStore(Model):
    """The chain-store game, with an optional tough type (see the module docstring).

    Equilibrium payoffs are reported for the weak incumbent and for the first entrant.

    Attributes
    ----------
    markets : int
        Number of challengers ``N``.
    incumbent : (out, accommodate, fight)
        The incumbent's payoff per market (``out > accommodate > fight``).
    entrant : (out, accommodate, fight)
        Each entrant's payoff (``accommodate > out > fight``).
    prior : number
        Probability that the incumbent is tough (always fights); 0 for Selten's game.
    players : (str, str)
        Incumbent, entrants (entrant ``k`` is named ``"<name> k"``).
    title : str
    """

    markets: int = 20
    incumbent: tuple = (5, 2, 0)
    entrant: tuple = (1, 2, 0)
    prior: Any = 0
    players: tuple = ("Incumbent", "Entrant")
    title: str = "Chain store"

    family: ClassVar[str] = "chain store"
    _NUMBERS: ClassVar[dict[str, str]] = {"incumbent": "real", "entrant": "real", "prior": "probability"}

    def __post_init__(self) -> None:
        from .attrition import _players

        if isinstance(self.markets, bool) or not isinstance(self.markets, int) or self.markets < 1:
            raise InvalidGameError(f"{self.family}: markets must be a positive integer, got {self.markets!r}")
        for name in ("incumbent", "entrant"):
            v = getattr(self, name)
            if not isinstance(v, (tuple, list)) or len(v) != 3:
                raise InvalidGameError(f"{self.family}: {name} needs three payoffs (out, accommodate, fight)")
            object.__setattr__(self, name, tuple(v))
        _players(self)
        self._setup()
        if not self.symbolic:
            o, acc, f = self.incumbent
            if not o > acc > f:
                raise InvalidGameError(f"{self.family}: the incumbent's payoffs must satisfy out > accommodate > fight "
                                       f"(got {_fmt(o)}, {_fmt(acc)}, {_fmt(f)})")
            o, acc, f = self.entrant
            if not acc > o > f:
                raise InvalidGameError(f"{self.family}: the entrant's payoffs must satisfy accommodate > out > fight "
                                       f"(got {_fmt(o)}, {_fmt(acc)}, {_fmt(f)})")

    def normalised(self, ctx: Any = None) -> tuple[Any, Any]:
        """Kreps and Wilson's ``(a, b)``: ``a = (out - acc)/(acc - fight)``, ``b = (acc_E - out_E)/(acc_E - fight_E)``."""
        inc = ctx.num(self.incumbent) if ctx is not None else self.incumbent
        ent = ctx.num(self.entrant) if ctx is not None else self.entrant
        a = (inc[0] - inc[1]) / (inc[1] - inc[2])
        b = (ent[1] - ent[0]) / (ent[1] - ent[2])
        return a, b


def chain_store(markets: int = 20, *, prior: Any = 0, incumbent: Any = (5, 2, 0), entrant: Any = (1, 2, 0),
                players: tuple = ("Incumbent", "Entrant"), title: str = "Chain store") -> ChainStore:
    """Selten's chain store with ``markets`` challengers; with ``prior > 0`` the Kreps–Wilson game.

    Parameters
    ----------
    markets : int
        Number of challengers.
    prior : number, default 0
        Probability that the incumbent is tough (always fights).
    incumbent : (out, accommodate, fight)
        The incumbent's payoffs per market (default Selten's 5, 2, 0).
    entrant : (out, accommodate, fight)
        Each entrant's payoffs (default Selten's 1, 2, 0).
    players : (str, str)
        Incumbent and entrants' names.
    title : str

    Examples
    --------
    >>> chain_store(5).normalised()
    (Fraction(3, 2), Fraction(1, 2))
    >>> chain_store(5, incumbent=(1, 2, 0))
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: chain store: the incumbent's payoffs must satisfy out > accommodate > fight (got 1, 2, 0)
    """
    return ChainStore(markets=markets, incumbent=incumbent, entrant=entrant, prior=prior, players=players,
                      title=title)


# -- the strategies ------------------------------------------------------------------------------------
def _entry(k: int, p: Any, a: Any, b: Any, ctx: Any) -> Any:
    """Probability that the entrant with k markets left (this one included) stays out, at reputation p."""
    s = ctx.cmp(p, b ** k)
    return p * 0 + (1 if s > 0 else 0) if s != 0 else 1 / a


def _fight(k: int, p: Any, b: Any, ctx: Any) -> Any:
    """Probability that a weak incumbent fights an entry with k markets left, at reputation p."""
    if k == 1:
        return p * 0
    t = b ** (k - 1)
    if ctx.cmp(p, t) >= 0:
        return p * 0 + 1
    return p * (1 - t) / ((1 - p) * t)


def _after_fight(k: int, p: Any, b: Any, ctx: Any) -> Any:
    """Reputation after a fight: ``max(p, b^(k-1))``; 0 stays 0 (a revealed weak incumbent stays revealed)."""
    if k == 1 or ctx.sign(p) == 0:
        return p
    return ctx.max(p, b ** (k - 1))


def _table(model: ChainStore, ctx: Any) -> list[dict[str, Any]]:
    """Per market, following entry whenever it has positive probability and a fight after it."""
    a, b = model.normalised(ctx)
    p = ctx.num(model.prior)
    rows = []
    for j in range(1, model.markets + 1):
        k = model.markets - j + 1
        out = _entry(k, p, a, b, ctx)
        fight = _fight(k, p, b, ctx)
        post = _after_fight(k, p, b, ctx)
        rows.append({"market": j, "left": k, "reputation": p, "stay out": out, "weak fights": fight,
                     "fight probability": p + (1 - p) * fight, "reputation after a fight": post})
        # the reputation at the next market if this entrant stayed out, or entered and was fought:
        # on both branches it is what it was (out) or `post`; the table follows entry-and-fight when
        # entry has positive probability, staying out otherwise
        if ctx.cmp(out, p * 0 + 1) != 0:
            p = post
    return rows


def _values(model: ChainStore, ctx: Any) -> dict:
    """Weak incumbent's value, tough incumbent's value, expected entries, from (k, p), by recursion."""
    a, b = model.normalised(ctx)
    memo: dict = {}

    def key(k: int, p: Any) -> tuple:
        return (k, p)

    def value(k: int, p: Any) -> tuple:
        if k == 0:
            z = p * 0
            return z, z, z, z
        kk = key(k, p)
        if kk in memo:
            return memo[kk]
        out = _entry(k, p, a, b, ctx)
        f = _fight(k, p, b, ctx)
        post = _after_fight(k, p, b, ctx)
        w_out, t_out, e_out_w, e_out_t = value(k - 1, p)
        w_fight, t_fight, e_f_w, e_f_t = value(k - 1, post)
        w_acc, _, e_a_w, _ = value(k - 1, p * 0)
        weak = out * (a + w_out) + (1 - out) * (f * (-1 + w_fight) + (1 - f) * w_acc)
        tough = out * (a + t_out) + (1 - out) * (-1 + t_fight)
        entries_w = out * e_out_w + (1 - out) * (1 + f * e_f_w + (1 - f) * e_a_w)
        entries_t = out * e_out_t + (1 - out) * (1 + e_f_t)
        memo[kk] = (weak, tough, entries_w, entries_t)
        return memo[kk]

    return {"value": value}


def _core(model: ChainStore, ctx: Any) -> list[ModelEquilibrium]:
    I, E = model.players
    prior = ctx.num(model.prior)
    inc, ent = ctx.num(model.incumbent), ctx.num(model.entrant)
    N = model.markets
    if ctx.sign(prior) == 0:
        # Selten: one market's subgame-perfect play, the same after every history
        return [ModelEquilibrium(
            "entry and accommodation in every market (backward induction)",
            {I: "accommodate every entry", E: "every entrant enters"},
            {I: N * inc[1], E: ent[1]},
            {"incumbent payoff": N * inc[1], "markets entered": prior * 0 + N},
        )]
    a, b = model.normalised(ctx)
    rows = _table(model, ctx)
    deterred = sum(1 for r in rows if ctx.cmp(r["stay out"], 1) == 0)
    weak, tough, ent_w, ent_t = _values(model, ctx)["value"](N, prior)
    # convert the normalised weak value back to the incumbent's payoff scale: u = acc + (acc - fight) * v
    scale = inc[1] - inc[2]
    weak_pay = N * inc[1] + scale * weak
    # the first entrant: stays out, or enters and is fought (tough, or weak with probability f)
    first = rows[0]
    pf = first["fight probability"]
    entrant_pay = first["stay out"] * ent[0] + (1 - first["stay out"]) * (pf * ent[2] + (1 - pf) * ent[1])
    q = {"markets deterred for sure": prior * 0 + deterred,
         "weak incumbent payoff": weak_pay,
         "expected entries (weak incumbent)": ent_w,
         "expected entries (tough incumbent)": ent_t}
    for r in rows:
        q[f"market {r['market']}: reputation"] = r["reputation"]
        q[f"market {r['market']}: entry probability"] = 1 - r["stay out"]
        q[f"market {r['market']}: weak fights with probability"] = r["weak fights"]
    return [ModelEquilibrium(
        "reputation equilibrium (Kreps-Wilson)",
        {I: "tough: always fight; weak: fight while the reputation can be kept (with probability making the "
            "posterior b^(k-1) when it is below), accommodate in the last market",
         E: "with k markets left stay out if the reputation exceeds b^k, enter if below, stay out with probability "
            "1/a at equality"},
        {I: weak_pay, E: entrant_pay},
        q,
    )]


register(ChainStore, _core)


def verify_reputation(model: ChainStore) -> Any:
    """The largest gain of any one-shot deviation (or Bayes-rule violation) over every reachable belief state.

    From ``(N, prior)`` every branch is followed (stay out, enter and fight, enter and
    accommodate, whatever the equilibrium probabilities), so every information set
    that any sequence of deviations reaches is checked: the entrant's choice against
    the fight probability it implies, the weak incumbent's choice against its
    continuation values, and the posterior after a fight against Bayes' rule.

    Examples
    --------
    >>> verify_reputation(chain_store(markets=8, prior="1/20"))
    Fraction(0, 1)
    """
    model.require_numeric("verify_reputation")
    ctx = model.context()
    a, b = model.normalised()
    value = _values(model, ctx)["value"]
    worst = Fraction(0) if model.exact else 0.0
    seen: set = set()
    todo = [(model.markets, model.prior)]
    while todo:
        k, p = todo.pop()
        if k == 0 or (k, p) in seen:
            continue
        seen.add((k, p))
        out, f, post = _entry(k, p, a, b, ctx), _fight(k, p, b, ctx), _after_fight(k, p, b, ctx)
        pf = p + (1 - p) * f
        enter_gain = b - pf  # entering minus staying out (normalised)
        if out == 1:
            worst = max(worst, enter_gain)
        elif out == 0:
            worst = max(worst, -enter_gain)
        else:
            worst = max(worst, abs(enter_gain))
        if k >= 1:
            fight = -1 + value(k - 1, post)[0]
            acc = value(k - 1, p * 0)[0]
            if f == 1:
                worst = max(worst, acc - fight)
            elif f == 0:
                worst = max(worst, fight - acc)
            else:
                worst = max(worst, abs(fight - acc))
        if k > 1 and pf > 0:  # Bayes' rule after a fight (the game ends after the last market)
            worst = max(worst, abs(post - p / pf))
        todo += [(k - 1, p), (k - 1, post), (k - 1, p * 0)]
    return worst


def reputation_table(model: ChainStore) -> list[dict[str, Any]]:
    """Market by market: reputation, entry and fight probabilities, on the path where every entrant that may
    enter does and is fought (the path that keeps the reputation; accommodating would reveal weakness).

    Examples
    --------
    >>> rows = reputation_table(chain_store(markets=4, prior="1/10"))
    >>> [(r["left"], r["reputation"], r["stay out"]) for r in rows]  # doctest: +NORMALIZE_WHITESPACE
    [(4, Fraction(1, 10), Fraction(1, 1)), (3, Fraction(1, 10), Fraction(0, 1)),
     (2, Fraction(1, 4), Fraction(2, 3)), (1, Fraction(1, 2), Fraction(2, 3))]
    """
    model.require_numeric("reputation_table")
    return _table(model, model.context())


def chain_store_equilibrium(model: ChainStore) -> Any:
    """The chain store's equilibrium: Selten's backward induction, or the Kreps–Wilson reputation equilibrium.

    Returns
    -------
    ModelSolution
        ``prior = 0``: the unique subgame-perfect equilibrium (entry and accommodation
        everywhere), values ``incumbent payoff`` and ``markets entered``, certified by
        the one-shot deviation test in every market. ``prior > 0``: the reputation
        equilibrium, values ``markets deterred for sure``, the weak incumbent's
        expected payoff and expected entries, per-market reputation and probabilities
        on the path where every entry was fought (``detail``: :func:`reputation_table`),
        certified by :func:`verify_reputation` (exactly 0). ``complete=False`` then:
        the equilibrium is checked, not proved unique here.

    Examples
    --------
    >>> sol = chain_store_equilibrium(chain_store(markets=3, prior="1/10"))
    >>> sol.values["markets deterred for sure"], sol.equilibria[0].regret
    (Fraction(0, 1), Fraction(0, 1))
    """
    started = time.perf_counter()
    model.require_numeric("chain_store_equilibrium")
    ctx = model.context()
    e = _core(model, ctx)[0]
    I, E = model.players
    N = model.markets
    if model.prior == 0:
        o, acc, f = model.incumbent
        eo, eacc, ef = model.entrant
        regret = max(0 * o, f - acc, eo - eacc)  # in each market: fight instead, or stay out instead
        eq = ModelEquilibrium(e.label, e.strategies, e.payoffs, e.quantities, regret)
        summary = (f"Without any doubt about {I}'s type, backward induction unravels deterrence: in the last market "
                   f"{I} accommodates, so the last challenger enters, and the same holds market by market back to the "
                   f"first. Every challenger ({E}) enters and is accommodated; {I} earns {_fmt(e.payoffs[I])} over {N} markets "
                   f"(fighting early to deter later entry is not credible).")
        return make_solution(model, "chain_store_equilibrium", [eq], dict(e.quantities), started=started,
                             summary=summary,
                             notes=("complete: the unique subgame-perfect equilibrium (strict preferences in each market)",
                                    "certificate: one-shot deviations of the incumbent and each entrant in every market"))
    regret = verify_reputation(model)
    eq = ModelEquilibrium(e.label, e.strategies, e.payoffs, e.quantities, regret)
    a, b = model.normalised()
    q = e.quantities
    d = q["markets deterred for sure"]
    summary = (f"With probability {_fmt(model.prior)} {I} is tough and always fights. A weak {I} fights early "
               f"challenges to keep that doubt alive, so the first {_fmt(d)} of {N} challenges by {E} are deterred for "
               f"sure; deterrence erodes only near the end (entrants stay out while the reputation exceeds b^k, b = {_fmt(b)}, "
               f"k = markets left). A weak {I} expects {_fmt(q['weak incumbent payoff'])}, against "
               f"{_fmt(N * model.incumbent[1])} without the reputation, and "
               f"{_fmt(q['expected entries (weak incumbent)'])} entries on average.")
    return make_solution(model, "chain_store_equilibrium", [eq], {k: v for k, v in q.items() if ":" not in k},
                         started=started, summary=summary, complete=False,
                         notes=("the Kreps-Wilson perfect Bayesian equilibrium, verified on every reachable belief "
                                "state (complete=False: uniqueness is Kreps and Wilson's result, not checked here)",
                                "the tough type always fights (a behavioural type)",
                                f"normalised payoffs: a = {_fmt(a)}, b = {_fmt(b)}"),
                         detail=reputation_table(model))


def chain_store_tree(model: ChainStore) -> Any:
    """Selten's chain store (``prior = 0``) as a sequential game, for cross-checks on a few markets.

    The tree has ``3^N`` plays; :data:`gametheory.sequential.MAX_POSITIONS` bounds ``N``.

    Examples
    --------
    >>> from gametheory.sequential import subgame_perfect_equilibria
    >>> tree = chain_store_tree(chain_store(markets=3))
    >>> sol = subgame_perfect_equilibria(tree)
    >>> len(sol), dict(zip(tree.players, sol[0].payoffs))["Incumbent"]
    (1, Fraction(6, 1))
    """
    from ..sequential import Decision, SequentialGame, Terminal

    model.require_numeric("chain_store_tree")
    if model.prior != 0:
        raise InvalidGameError("chain_store_tree builds the game without a tough type (prior 0)")
    I, E = model.players
    names = [f"{E} {j}" for j in range(1, model.markets + 1)]
    o, acc, f = model.incumbent
    eo, eacc, ef = model.entrant

    def market(j: int, acc_pay: dict) -> Any:
        if j == model.markets:
            return Terminal(acc_pay)
        nm = names[j]

        def then(inc: Any, e: Any) -> Any:
            nxt = dict(acc_pay)
            nxt[I] = nxt[I] + inc
            nxt[nm] = e
            return market(j + 1, nxt)

        return Decision(nm, {"Out": then(o, eo),
                             "In": Decision(I, {"Fight": then(f, ef), "Accommodate": then(acc, eacc)})})

    start = {I: 0 * o, **{n: 0 * o for n in names}}
    return SequentialGame(market(0, start), title=f"{model.title}, {model.markets} markets")


# -- the game as a tree with information sets (gametheory.extensive) -----------------------------------
def reputation_tree(model: ChainStore) -> Any:
    """The chain store with a tough type as an extensive-form game with information sets.

    Chance first draws the incumbent's type (tough with probability ``prior``). Each
    entrant sees every earlier market's outcome but not the type: its decisions after
    the same public history form one information set. The tough incumbent always
    fights (it has no decision); the weak one decides after each entry. Payoffs are
    summed over markets. :func:`reputation_assessment` puts the closed-form equilibrium
    on this tree; :class:`gametheory.extensive.Assessment` then tests it.

    Examples
    --------
    >>> g = reputation_tree(chain_store(markets=2, prior="1/10"))
    >>> [h.name for h in g.infosets if h.player.startswith("Entrant")]
    ['Entrant 1: start', 'Entrant 2: out', 'Entrant 2: fought', 'Entrant 2: accommodated']
    """
    from ..extensive import Chance, Decision, ExtensiveGame, Terminal

    model.require_numeric("reputation_tree")
    I, E = model.players
    N = model.markets
    names = [f"{E} {j}" for j in range(1, N + 1)]
    o, acc, f = model.incumbent
    eo, eacc, ef = model.entrant
    words = {"out": "out", "fight": "fought", "acc": "accommodated"}

    def market(j: int, tough: bool, history: tuple, pay: dict) -> Any:
        if j == N:
            return Terminal(pay)

        def then(outcome: str, inc: Any, ent: Any) -> Any:
            nxt = dict(pay)
            nxt[I] += inc
            nxt[names[j]] = ent
            return market(j + 1, tough, history + (outcome,), nxt)

        fought = then("fight", f, ef)
        after = fought if tough else Decision(I, {"Fight": fought, "Accommodate": then("acc", acc, eacc)})
        key = f"{names[j]}: " + (", ".join(words[h] for h in history) or "start")
        return Decision(names[j], {"Out": then("out", o, eo), "In": after}, infoset=key)

    zero = {I: 0 * o, **{n: 0 * o for n in names}}
    root = Chance({"Tough": (model.prior, market(0, True, (), zero)),
                   "Weak": (1 - model.prior, market(0, False, (), zero))}, label=f"{I}'s type")
    return ExtensiveGame(root, players=(I, *names), title=f"{model.title}: reputation game, {N} markets")


def reputation_assessment(model: ChainStore) -> Any:
    """The Kreps–Wilson equilibrium as an :class:`gametheory.extensive.Assessment` on :func:`reputation_tree`.

    Behaviour: each entrant's probability of staying out and the weak incumbent's
    probability of fighting at the reputation its public history implies; beliefs: that
    reputation at the tough node of each entrant's information set.

    Examples
    --------
    >>> a = reputation_assessment(chain_store(markets=3, prior="1/10"))
    >>> a.sequential_regret(), a.consistency().consistent
    (Fraction(0, 1), True)
    """
    from ..extensive import Assessment

    model.require_numeric("reputation_assessment")
    game = reputation_tree(model)
    ctx = model.context()
    a, b = model.normalised()
    N = model.markets
    behaviour, beliefs = [], []
    for h in game.infosets:
        pos = h.positions[0]
        hist = game.history(pos)
        tough = hist[0] == "Tough"
        # replay the completed markets of the public history to the reputation they imply
        p, j, k, moves = model.prior, 0, 0, hist[1:]
        while k < len(moves):
            if moves[k] == "Out":
                k += 1
            elif tough:  # an entry the tough type fights (a forced move: no label)
                p, k = _after_fight(N - j, p, b, ctx), k + 1
            elif k + 1 == len(moves):
                break  # the weak incumbent's decision in the current market
            elif moves[k + 1] == "Fight":
                p, k = _after_fight(N - j, p, b, ctx), k + 2
            else:
                p, k = p * 0, k + 2
            j += 1
        left = N - j
        if h.player == model.players[0]:
            f = _fight(left, p, b, ctx)
            behaviour.append((f, 1 - f))
            beliefs.append((1,))
        else:
            out = _entry(left, p, a, b, ctx)
            behaviour.append((out, 1 - out))
            types = [game.history(q)[0] for q in h.positions]
            beliefs.append(tuple(p if t == "Tough" else 1 - p for t in types) if len(types) == 2 else (1,))
    return Assessment(game, tuple(behaviour), tuple(beliefs))
