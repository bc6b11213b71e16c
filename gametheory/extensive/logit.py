"""Sequential equilibria of general trees as the limit of the agent logit quantal response equilibrium.

In the agent logit QRE (McKelvey & Palfrey 1998) every information set is an agent
that plays each action with probability proportional to ``exp(lambda * Q(a))``,
where ``Q(a)`` is the action's expected payoff given Bayes beliefs (well defined:
every action has positive probability) and everyone's behaviour afterwards. From
``lambda = 0`` (uniform play) the principal branch is followed by pseudo-arclength
continuation (predictor along the tangent, Newton corrector) in log-probabilities;
as ``lambda`` grows it converges to a sequential equilibrium (its limit beliefs are
consistent, being limits of Bayes beliefs of completely mixed play). This is the
method of Gambit's ``logit_solve`` on trees (Turocy 2005).

:func:`logit_sequential_equilibrium` then looks for the exact assessment the path
approaches: it rounds behaviour and beliefs to fractions with small denominators
and accepts them only if :class:`~gametheory.extensive.assessment.Assessment`
verifies them exactly (sequentially rational with regret 0, Kreps–Wilson
consistent). Otherwise the float endpoint is returned with its tolerance.

References
----------
McKelvey, R. D. & Palfrey, T. R. (1998). Quantal response equilibria for extensive
form games. *Experimental Economics* 1, 9–41.
Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic quantal
response equilibrium correspondence. *Games and Economic Behavior* 51, 243–263.

Examples
--------
>>> from gametheory.extensive import Decision, ExtensiveGame
>>> chain = ExtensiveGame(Decision("Entrant", {
...     "Out": {"Entrant": 1, "Incumbent": 5},
...     "In": Decision("Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2},
...                                  "Fight": {"Entrant": 0, "Incumbent": 0}})}))
>>> sol = logit_sequential_equilibrium(chain)
>>> sol.concept, sol.exact, sol[0].profile
('sequential', True, ((Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1))))
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .. import exact as _exact
from ..errors import InvalidGameError
from .flat import MOVE, TERMINAL, FlatTree
from .game import ExtensiveGame

__all__ = ["AgentLogitPath", "agent_logit_path", "logit_sequential_equilibrium", "tremble_beliefs"]


class _Model:
    """Vectorised evaluation of the agent logit equations on the expanded tree."""

    def __init__(self, flat: FlatTree) -> None:
        self.flat = flat
        n = flat.num_nodes
        self.n_players = len(flat.players)
        self.offset = []
        k = 0
        for h in flat.infosets:
            self.offset.append(k)
            k += len(h.actions)
        self.n_actions = k
        self.iset_of_action = np.concatenate([np.full(len(h.actions), h.index) for h in flat.infosets]) \
            if flat.infosets else np.zeros(0, dtype=int)
        self.player_of_action = np.array([flat.players.index(flat.infosets[int(h)].player)
                                          for h in self.iset_of_action], dtype=int)
        parent = np.array(flat.parent)
        depth = np.zeros(n, dtype=int)
        for x in range(1, n):
            depth[x] = depth[flat.parent[x]] + 1
        self.levels = [np.nonzero(depth == d)[0] for d in range(1, int(depth.max()) + 1)] if n > 1 else []
        self.parent = parent
        act = np.full(n, -1)
        clog = np.zeros(n)
        for x in range(1, n):
            p = flat.parent[x]
            if flat.kind[p] == MOVE:
                act[x] = self.offset[flat.infoset_of[p]] + flat.edge[x]
            else:
                q = float(flat.chance[p][flat.edge[x]])
                clog[x] = math.log(q) if q > 0 else -np.inf
        self.act = act
        self.is_move_edge = act >= 0
        self.clog = clog
        self.U = np.zeros((n, self.n_players))
        self.terminal = np.array([k == TERMINAL for k in flat.kind])
        for x in np.nonzero(self.terminal)[0]:
            self.U[x] = [float(v) for v in flat.payoffs[x]]
        # per action: the edges (child nodes) that take it
        self.move_children = np.nonzero(self.is_move_edge)[0]
        self.node_iset = np.array([flat.infoset_of[x] for x in range(n)])
        mc = self.move_children
        self.mc_parents = self.parent[mc]
        self.mc_isets = self.node_iset[self.mc_parents]
        self.mc_first = np.array([flat.edge[c] == 0 for c in mc], dtype=bool)
        self.mc_players = self.player_of_action[self.act[mc]] if len(mc) else np.zeros(0, dtype=int)
        scale = float(np.max(np.abs(self.U))) if n else 1.0
        self.scale = scale if scale > 0 else 1.0

    def evaluate(self, beta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Action values Q (per action, beliefs by Bayes' rule), log reach per node, values per node."""
        n = len(self.parent)
        logp = np.where(self.is_move_edge, 0.0, self.clog)
        logp[self.move_children] = beta[self.act[self.move_children]]
        logp[0] = 0.0
        logreach = np.zeros(n)
        for lvl in self.levels:
            logreach[lvl] = logreach[self.parent[lvl]] + logp[lvl]
        V = self.U.copy()
        V[~self.terminal] = 0.0
        p = np.exp(logp)
        for lvl in reversed(self.levels):
            np.add.at(V, self.parent[lvl], p[lvl, None] * V[lvl])
        # beliefs: softmax of log reach within each information set
        mc = self.move_children
        isets = self.mc_isets
        lr = logreach[self.mc_parents]
        top = np.full(len(self.flat.infosets), -np.inf)
        np.maximum.at(top, isets, lr)
        w = np.exp(lr - top[isets])
        den = np.zeros(len(self.flat.infosets))
        # each node appears once per action: it counts once in its set's total (through its first action)
        np.add.at(den, isets[self.mc_first], w[self.mc_first])
        mu = w / den[isets]
        Q = np.zeros(self.n_actions)
        np.add.at(Q, self.act[mc], mu * V[mc, self.mc_players])
        return Q, logreach, V

    def residual(self, beta: np.ndarray, lam: float) -> tuple[np.ndarray, np.ndarray]:
        """``H = beta - log softmax(lambda Q)`` per information set, and dH/dlambda."""
        Q, _, _ = self.evaluate(beta)
        z = lam * Q / self.scale
        out = np.empty_like(beta)
        dlam = np.empty_like(beta)
        for h, off in enumerate(self.offset):
            k = len(self.flat.infosets[h].actions)
            zz = z[off:off + k]
            m = zz.max()
            lse = m + math.log(np.exp(zz - m).sum())
            out[off:off + k] = beta[off:off + k] - (zz - lse)
            sig = np.exp(zz - lse)
            qq = Q[off:off + k] / self.scale
            dlam[off:off + k] = -(qq - float(sig @ qq))
        return out, dlam

    def jacobian(self, beta: np.ndarray, lam: float, base: np.ndarray) -> np.ndarray:
        n = len(beta)
        J = np.empty((n, n))
        eps = 1e-7
        for j in range(n):
            b = beta.copy()
            b[j] += eps
            J[:, j] = (self.residual(b, lam)[0] - base) / eps
        return J


@dataclass(frozen=True)
class AgentLogitPath:
    """Points of the principal branch: ``lambdas[k]``, behaviour ``profiles[k]`` (floats) and the
    log-probabilities ``logs[k]`` (which keep the tiny probabilities that decide beliefs)."""

    game: ExtensiveGame
    lambdas: tuple
    profiles: tuple
    logs: tuple = ()

    def beliefs_at_end(self) -> tuple:
        """Bayes beliefs at every information set at the last point (floats)."""
        model = _Model(self.game.flat)
        return _beliefs(model, np.array(self.logs[-1])) if model.n_actions else ()

    def profile_at_end(self) -> tuple:
        """The behaviour at the largest lambda reached."""
        return self.profiles[-1]


def agent_logit_path(game: ExtensiveGame, *, max_lambda: float = 1e7, max_steps: int = 1000,
                     first_step: float = 0.05, stop: Any = None) -> AgentLogitPath:
    """Trace the principal branch of the agent logit QRE from lambda = 0 (payoffs scaled to [-1, 1]).

    ``stop(log_probabilities, lam)``, if given, is asked each time lambda passes a
    power of 2 (from 8 on); the trace ends when it returns ``True``.

    Examples
    --------
    >>> from gametheory.extensive import Decision, ExtensiveGame
    >>> path = agent_logit_path(ExtensiveGame(Decision("A", {"x": {"A": 1}, "y": {"A": 0}})), max_lambda=50)
    >>> round(path.profiles[0][0][0], 3), path.profiles[-1][0][0] > 0.99
    (0.5, True)
    """
    if not isinstance(game, ExtensiveGame):
        raise InvalidGameError(f"expected an ExtensiveGame, got {type(game).__name__}")
    flat = game.flat
    flat.require_perfect_recall("the agent logit QRE")
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        return _trace(game, max_lambda, max_steps, first_step, stop)


def _trace(game: ExtensiveGame, max_lambda: float, max_steps: int, first_step: float, stop: Any) -> AgentLogitPath:
    flat = game.flat
    model = _Model(flat)
    nA = model.n_actions
    beta = np.concatenate([np.full(len(h.actions), -math.log(len(h.actions))) for h in flat.infosets]) \
        if nA else np.zeros(0)
    lam = 0.0
    lambdas = [0.0]
    profiles = [_profile(model, beta)]
    logs = [tuple(beta)]
    if nA == 0:
        return AgentLogitPath(game, tuple(lambdas), tuple(profiles), tuple(logs))
    checkpoint = 8.0
    step = first_step
    tangent_prev = None
    for _ in range(max_steps):
        H, dlam = model.residual(beta, lam)
        J = model.jacobian(beta, lam, H)
        A = np.concatenate([J, dlam[:, None]], axis=1)
        # tangent: null vector of A; the previous tangent fixes its orientation (the branch never
        # reverses through a turning point), and lambda increases at the start
        if tangent_prev is None:
            _, _, vt = np.linalg.svd(A)
            t = vt[-1] if vt[-1][-1] > 0 else -vt[-1]
        else:
            try:
                t = np.linalg.solve(np.vstack([A, tangent_prev[None, :]]), np.concatenate([np.zeros(len(A)), [1.0]]))
                t = t / np.linalg.norm(t)
            except np.linalg.LinAlgError:
                _, _, vt = np.linalg.svd(A)
                t = vt[-1] if vt[-1] @ tangent_prev > 0 else -vt[-1]
            if t @ tangent_prev < 0.9:  # the direction turns fast: smaller steps
                step = max(step / 4, 1e-9)
        # predictor, then Newton on the augmented system (pseudo-arclength)
        while True:
            b_new = beta + step * t[:-1]
            l_new = lam + step * t[-1]
            ok = False
            for _ in range(8):
                Hn, dl = model.residual(b_new, l_new)
                Jn = model.jacobian(b_new, l_new, Hn)
                aug = np.vstack([np.concatenate([Jn, dl[:, None]], axis=1), t[None, :]])
                rhs = np.concatenate([-Hn, [0.0]])
                try:
                    delta = np.linalg.solve(aug, rhs)
                except np.linalg.LinAlgError:
                    break
                b_new = b_new + delta[:-1]
                l_new = l_new + delta[-1]
                if np.max(np.abs(delta)) < 1e-10:
                    ok = True
                    break
            if ok and np.all(np.isfinite(b_new)):
                break
            step /= 2
            if step < 1e-12:
                return AgentLogitPath(game, tuple(lambdas), tuple(profiles), tuple(logs))
        beta, lam = b_new, l_new
        tangent_prev = t
        if lam < 0:  # the principal branch stays in lambda > 0: the trace has lost it
            break
        lambdas.append(lam)
        profiles.append(_profile(model, beta))
        logs.append(tuple(beta))
        step = min(step * 1.5, max(1.0, lam))
        if lam >= max_lambda:
            break
        if stop is not None and lam >= checkpoint:
            while checkpoint <= lam:
                checkpoint *= 2
            if stop(beta, lam):
                break
    return AgentLogitPath(game, tuple(lambdas), tuple(profiles), tuple(logs))


def _profile(model: _Model, beta: np.ndarray) -> tuple:
    out = []
    for h, off in enumerate(model.offset):
        k = len(model.flat.infosets[h].actions)
        p = np.exp(beta[off:off + k])
        out.append(tuple(float(v) for v in p / p.sum()))
    return tuple(out)


def _max_gap(model: _Model, beta: np.ndarray, lam: float) -> float:
    """Largest regret of an agent (scaled payoffs) at the current point."""
    Q, _, _ = model.evaluate(beta)
    gap = 0.0
    for h, off in enumerate(model.offset):
        k = len(model.flat.infosets[h].actions)
        p = np.exp(beta[off:off + k])
        p = p / p.sum()
        q = Q[off:off + k] / model.scale
        gap = max(gap, float(q.max() - p @ q))
    return gap


def _beliefs(model: _Model, beta: np.ndarray) -> tuple:
    _, logreach, _ = model.evaluate(beta)
    out = []
    for h in model.flat.infosets:
        lr = np.array([logreach[x] for x in h.nodes])
        w = np.exp(lr - lr.max())
        out.append(tuple(float(v) for v in w / w.sum()))
    return tuple(out)


def _simplest(lo: Fraction, hi: Fraction) -> Fraction:
    """The fraction with the smallest denominator in [lo, hi] (0 <= lo <= hi), by continued fractions."""
    fl = lo.numerator // lo.denominator
    if Fraction(fl) == lo:
        return Fraction(fl)
    if fl + 1 <= hi:
        return Fraction(fl + 1)
    # lo and hi share the integer part: recurse on the reciprocals of the fractional parts
    inner = _simplest(1 / (hi - fl), 1 / (lo - fl))
    return fl + 1 / inner


def _rational(vec: tuple, tol: float, cut: float) -> tuple:
    vals = []
    for v in vec:
        if v <= cut:
            vals.append(Fraction(0))
            continue
        f = Fraction(v)
        vals.append(_simplest(max(Fraction(0), f - Fraction(tol)), f + Fraction(tol)))
    total = sum(vals)
    if total == 0:
        return tuple(Fraction(int(k == int(np.argmax(vec)))) for k in range(len(vec)))
    if total != 1:
        big = max(range(len(vals)), key=lambda k: vals[k])
        vals[big] += 1 - total
        if vals[big] < 0:
            return tuple(v / total for v in vals)
    return tuple(vals)


def _exact_candidate(game: ExtensiveGame, model: _Model, beta: np.ndarray) -> tuple | None:
    """An exact assessment near the point that passes the exact tests, or None."""
    from .assessment import Assessment

    beh_f = _profile(model, beta)
    mu_f = _beliefs(model, beta)
    for tol in (1e-2, 1e-3, 1e-4, 1e-6):
        for cut in (1e-6, 1e-3):
            beh = tuple(_rational(v, tol, cut) for v in beh_f)
            mu = tuple(_rational(v, tol, cut) for v in mu_f)
            try:
                a = Assessment(game, beh, mu)
            except InvalidGameError:
                continue
            if a.sequential_regret() == 0 and a.consistency().consistent:
                return beh, mu
    return None


def tremble_beliefs(game: ExtensiveGame, behaviour: tuple) -> tuple:
    """The limit of Bayes beliefs when every unplayed action trembles with probability eps / (its set's actions).

    Consistent by construction (Kreps & Wilson 1982): at each information set the
    nodes reached with the fewest trembles, weighted by their probability.

    Examples
    --------
    >>> from gametheory.extensive import Chance, Decision, ExtensiveGame
    >>> g = ExtensiveGame(Chance({"a": ("1/3", Decision("A", {"x": Decision("B", {"l": {}}, infoset="b"), "y": {}})),
    ...                           "b": ("2/3", Decision("A", {"x": Decision("B", {"l": {}}, infoset="b"), "y": {}}))}))
    >>> tremble_beliefs(g, ((0, 1), (1,), (0, 1)))[1]
    (Fraction(1, 3), Fraction(2, 3))
    """
    from .assessment import _paths

    flat = game.flat
    zeros, weight, impossible = _paths(flat, behaviour)
    out = []
    for h in flat.infosets:
        cands = [(len(zeros[x]), x) for x in h.nodes if not impossible[x]]
        if not cands:
            out.append(tuple(Fraction(1, len(h.nodes)) for _ in h.nodes))
            continue
        low = min(k for k, _ in cands)
        w = {}
        for k, x in cands:
            if k == low:
                c = Fraction(weight[x])
                for hh, _a in zeros[x]:
                    c = c / len(flat.infosets[hh].actions)
                w[x] = c
        total = sum(w.values())
        out.append(tuple(w.get(x, Fraction(0)) / total for x in h.nodes))
    return tuple(out)


def _from_nash(game: ExtensiveGame) -> tuple | None:
    """A sequential equilibrium among the tree's subgame-perfect and Nash equilibria, with tremble beliefs."""
    from .assessment import Assessment
    from .nash import nash_equilibria
    from .subgames import subgame_perfect_by_subgames

    for solver in (subgame_perfect_by_subgames, nash_equilibria):
        try:
            sol = solver(game)
        except Exception:  # noqa: BLE001 - a failing candidate source only means fewer candidates
            continue
        for eq in getattr(sol, "equilibria", ()):
            beh = eq.profile
            if any(isinstance(q, float) for v in beh for q in v):
                continue
            mu = tremble_beliefs(game, beh)
            a = Assessment(game, beh, mu)
            if a.sequential_regret() == 0 and a.consistency().consistent:
                return beh, mu
    return None


def logit_sequential_equilibrium(game: ExtensiveGame, *, max_lambda: float = 1e7) -> Any:
    """A sequential equilibrium: the limit of the agent logit QRE, verified exactly where possible.

    Returns
    -------
    SequentialSolution
        One equilibrium with its beliefs. ``concept="sequential"`` and ``exact=True``
        when an exact assessment near the path (rounded to small denominators as
        lambda passes 8, 16, 32, ...) passes the exact tests (regret 0, Kreps–Wilson
        consistent); otherwise ``concept="logit QRE limit"``: the float endpoint,
        with its sequential-rationality regret and a note. ``complete=False`` (one
        equilibrium).
    """
    from .assessment import sequential_rationality_regret
    from .behaviour import expected_payoffs
    from .result import SequentialSolution, TreeEquilibrium, choices_from_behaviour

    started = time.perf_counter()
    flat = game.flat
    model = _Model(flat)
    found: list = []

    def stop(beta: np.ndarray, lam: float) -> bool:
        if not game.exact:
            return False
        hit = _exact_candidate(game, model, beta)
        if hit is not None:
            found.append((hit, lam))
            return True
        return False

    path = agent_logit_path(game, max_lambda=max_lambda, stop=stop)
    end = np.array(path.logs[-1]) if model.n_actions else np.zeros(0)
    if not found and game.exact and model.n_actions:
        hit = _exact_candidate(game, model, end)
        if hit is not None:
            found.append((hit, path.lambdas[-1]))
    params = {"max_lambda": str(max_lambda)}
    how = (f"the agent logit QRE path was followed to lambda = {path.lambdas[-1] if not found else found[0][1]:.3g} "
           f"(payoffs scaled by 1/{_exact.format_number(model.scale)})")
    if not found and game.exact:
        hit = _from_nash(game)
        if hit is not None:
            found.append((hit, path.lambdas[-1]))
            how += ("; no exact assessment near it passed the exact tests, so a Nash equilibrium of the tree with "
                    "beliefs from uniform trembles was tried instead and passed them")
    if found:
        (beh, mu), lam = found[0]
        notes = (how + "; the assessment returned passes the exact tests (regret 0, consistent)",)
        eq = TreeEquilibrium(game=game, choices=choices_from_behaviour(game, beh),
                             payoffs=expected_payoffs(flat, beh), regret=Fraction(0), beliefs=mu)
        return SequentialSolution(game=game, method="logit_sequential_equilibrium", equilibria=(eq,), complete=False,
                                  exact=True, parameters=params, elapsed=time.perf_counter() - started, notes=notes,
                                  concept="sequential")
    beh_f = _profile(model, end) if model.n_actions else ()
    mu_f = _beliefs(model, end) if model.n_actions else ()
    regret = float(sequential_rationality_regret(game, beh_f, mu_f))
    notes = (f"the agent logit QRE path was followed to lambda = {path.lambdas[-1]:.3g}; no exact assessment near it "
             f"passed the exact tests, so the float endpoint is given (sequential-rationality regret {regret:.3g})",)
    eq = TreeEquilibrium(game=game, choices=choices_from_behaviour(game, beh_f),
                         payoffs=tuple(float(v) for v in expected_payoffs(flat, beh_f)), regret=regret, beliefs=mu_f)
    return SequentialSolution(game=game, method="logit_sequential_equilibrium", equilibria=(eq,), complete=False,
                              exact=False, parameters=params, elapsed=time.perf_counter() - started, notes=notes,
                              concept="logit QRE limit")

