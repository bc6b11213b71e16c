"""Logit quantal response equilibrium (QRE): at one λ, and the principal branch traced from λ = 0.

In a logit QRE each player chooses strategy ``k`` with probability proportional to
``exp(λ U_i(k, σ_-i))``: λ = 0 is uniform play, λ → ∞ approaches a Nash
equilibrium (McKelvey & Palfrey 1995). The *principal branch* starts at the
uniform profile and, for almost every game, is a smooth curve converging to one
Nash equilibrium, the "logit solution" (Harsanyi's tracing idea).

The branch is followed in log-probabilities ``w_ik = ln σ_ik`` on the system

    H(w, λ) = [ w_ik - w_i0 - λ (U_i(k) - U_i(0)),  Σ_k exp(w_ik) - 1 ] = 0

with an arclength predictor–corrector (Euler predictor along the tangent, the
kernel of the Jacobian; Newton corrector with the Moore–Penrose pseudo-inverse;
step halving on failure, growth by ``max_accel`` on success), which passes
backward bends of the branch (Turocy 2005; Allgower & Georg 1990).

Examples
--------
>>> from gametheory import Game
>>> from gametheory.solvers.qre import logit_qre, trace_qre
>>> mp = Game.zero_sum([[1, -1], [-1, 1]])
>>> q = logit_qre(mp, 2.0)
>>> [round(p, 6) for p in q.profile[0]], q.residual < 1e-12
([0.5, 0.5], True)
>>> path = trace_qre(mp)
>>> path.limit.profile
((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InvalidProfileError, SolverError
from ..game import Game
from ..profiles import MixedProfile, regrets
from ..solution import Equilibrium, make_equilibrium

__all__ = ["QRE", "QREPath", "logit_qre", "trace_qre", "logit_response", "qre_residual"]


# -- payoff tensors --------------------------------------------------------------------
def _values(A: np.ndarray, sigma: list[np.ndarray], i: int) -> np.ndarray:
    """Payoff of each pure strategy of player i against the others' mixed strategies."""
    arr = A[i]
    for j in range(len(sigma) - 1, -1, -1):
        if j != i:
            arr = np.tensordot(arr, sigma[j], axes=([j], [0]))
    return arr


def _cross(A: np.ndarray, sigma: list[np.ndarray], i: int, j: int) -> np.ndarray:
    """``M[k, l]``: payoff of i's pure k when j plays pure l and the rest mix (∂U_i(k)/∂σ_jl)."""
    arr = A[i]
    for m in range(len(sigma) - 1, -1, -1):
        if m != i and m != j:
            arr = np.tensordot(arr, sigma[m], axes=([m], [0]))
    return arr if i < j else arr.T


def _split(w: np.ndarray, shape: tuple[int, ...]) -> list[np.ndarray]:
    out, pos = [], 0
    for n in shape:
        out.append(w[pos : pos + n])
        pos += n
    return out


def _H(A: np.ndarray, shape: tuple[int, ...], w: np.ndarray, lam: float) -> np.ndarray:
    ws = _split(w, shape)
    sigma = [np.exp(v) for v in ws]
    rows = []
    for i, n in enumerate(shape):
        u = _values(A, sigma, i)
        rows.extend(ws[i][1:] - ws[i][0] - lam * (u[1:] - u[0]))
        rows.append(sigma[i].sum() - 1.0)
    return np.array(rows)


def _J(A: np.ndarray, shape: tuple[int, ...], w: np.ndarray, lam: float) -> np.ndarray:
    """Jacobian of H with respect to (w, λ): M rows, M + 1 columns."""
    ws = _split(w, shape)
    sigma = [np.exp(v) for v in ws]
    M = sum(shape)
    offs = np.concatenate([[0], np.cumsum(shape)])
    J = np.zeros((M, M + 1))
    row = 0
    for i, n in enumerate(shape):
        u = _values(A, sigma, i)
        for k in range(1, n):
            J[row, offs[i] + k] += 1.0
            J[row, offs[i]] -= 1.0
            for j, m in enumerate(shape):
                if j == i:
                    continue
                C = _cross(A, sigma, i, j)
                J[row, offs[j] : offs[j] + m] -= lam * (C[k] - C[0]) * sigma[j]
            J[row, M] = -(u[k] - u[0])
            row += 1
        J[row, offs[i] : offs[i] + n] = sigma[i]
        row += 1
    return J


def _float_payoffs(game: Game) -> np.ndarray:
    return np.asarray(game.payoffs, dtype=np.float64)


def _profile(w: np.ndarray, shape: tuple[int, ...]) -> MixedProfile:
    return tuple(tuple(float(p) for p in np.exp(v) / np.exp(v).sum()) for v in _split(w, shape))


def logit_response(game: Game, sigma: MixedProfile, lam: float) -> MixedProfile:
    """The logit (softmax) response ``σ_ik ∝ exp(λ U_i(k, σ_-i))`` to a profile.

    Examples
    --------
    >>> from gametheory import Game
    >>> logit_response(Game.from_bimatrix([[1], [0]], [[0], [0]]), ((0.5, 0.5), (1.0,)), 0.0)
    ((0.5, 0.5), (1.0,))
    """
    A = _float_payoffs(game)
    sig = [np.asarray(v, dtype=np.float64) for v in sigma]
    out = []
    for i in range(game.num_players):
        u = lam * _values(A, sig, i)
        e = np.exp(u - u.max())
        out.append(tuple(float(x) for x in e / e.sum()))
    return tuple(out)


def qre_residual(game: Game, sigma: MixedProfile, lam: float) -> float:
    """``max |σ - logit_response(σ, λ)|``: 0 exactly at a logit QRE.

    Examples
    --------
    >>> from gametheory import Game
    >>> qre_residual(Game.zero_sum([[1, -1], [-1, 1]]), ((0.5, 0.5), (0.5, 0.5)), 3.0)
    0.0
    """
    resp = logit_response(game, sigma, lam)
    return float(max(abs(a - b) for v, r in zip(sigma, resp) for a, b in zip(v, r)))


@dataclass(frozen=True)
class QRE:
    """A logit quantal response equilibrium at one λ.

    Attributes
    ----------
    lam : float
        The precision λ (in the game's payoff units).
    profile : tuple of tuple of float
        Choice probabilities of each player.
    payoffs : tuple of float
        Expected payoffs.
    residual : float
        Fixed-point residual ``max |σ - logit_response(σ, λ)|`` (the certificate).
    """

    game: Game = field(repr=False, compare=False)
    lam: float
    profile: MixedProfile
    payoffs: tuple
    residual: float


@dataclass(frozen=True)
class QREPath:
    """The principal branch of the logit QRE correspondence, as traced.

    Attributes
    ----------
    lams : tuple of float
        λ at each point (not always increasing: the branch can bend back).
    profiles : tuple of profiles
        The QRE at each point.
    limit : Equilibrium or None
        The Nash equilibrium the branch converges to, verified (exact when the game is
        exact and the limit's support system is solvable exactly); ``None`` when the
        end of the trace could not be polished to an equilibrium.
    notes : tuple of str
        Remarks (stopping reason, polishing).
    """

    game: Game = field(repr=False, compare=False)
    lams: tuple[float, ...]
    profiles: tuple[MixedProfile, ...]
    limit: Equilibrium | None
    notes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.lams)

    def plot(self, ax: Any = None, players: Any = None) -> Any:
        """Plot each strategy's probability against λ (log-scaled ``1 + λ``) and return the axes.

        Uses :class:`matplotlib.figure.Figure` directly, so no GUI backend is needed.

        Examples
        --------
        >>> from gametheory import Game
        >>> ax = trace_qre(Game.zero_sum([[2, -1], [-1, 1]])).plot()
        >>> ax.get_xlabel()
        'λ'
        """
        if ax is None:
            from matplotlib.figure import Figure

            ax = Figure(figsize=(6, 4)).subplots()
        g = self.game
        which = range(g.num_players) if players is None else [g.player_index(p) for p in players]
        lams = np.asarray(self.lams)
        for i in which:
            for k, s in enumerate(g.strategies[i]):
                ax.plot(lams, [p[i][k] for p in self.profiles], label=f"{g.players[i]}: {s}")
        ax.set_xscale("symlog", linthresh=1.0)
        ax.set_xlabel("λ")
        ax.set_ylabel("probability")
        ax.set_title(f"Logit QRE principal branch{': ' + g.title if g.title else ''}")
        ax.legend(fontsize="small")
        return ax


def _newton_fixed(A, shape, w, lam, tol=1e-13, maxiter=50) -> np.ndarray:
    """Newton's method on H(·, λ) with λ fixed (square system)."""
    for _ in range(maxiter):
        h = _H(A, shape, w, lam)
        if np.max(np.abs(h)) < tol:
            return w
        J = _J(A, shape, w, lam)[:, :-1]
        w = w - np.linalg.solve(J, h)
    if np.max(np.abs(_H(A, shape, w, lam))) < 1e3 * tol:
        return w
    raise SolverError(f"Newton's method did not converge at λ = {lam}")


def _trace(game: Game, lam_stop: float | None, lam_max: float, maxregret: float, first_step: float,
           max_accel: float, max_steps: int):
    """Follow the branch; stop when λ crosses ``lam_stop``, the regret is below ``maxregret``, or λ > lam_max."""
    A = _float_payoffs(game)
    shape = game.shape
    scale = float(A.max() - A.min()) or 1.0
    w = np.concatenate([np.full(n, -np.log(n)) for n in shape])
    z = np.concatenate([w, [0.0]])
    M = len(w)
    lams, profs = [0.0], [_profile(w, shape)]
    fgame = game.to_float() if game.exact else game
    tangent = None
    h = first_step
    reason = "maximum number of steps reached"
    for _ in range(max_steps):
        J = _J(A, shape, z[:M], z[M])
        q, _r = np.linalg.qr(J.T, mode="complete")
        t = q[:, -1]
        if tangent is None:
            t = t if t[-1] > 0 else -t
        elif np.dot(t, tangent) < 0:
            t = -t
        while True:
            zp = z + h * t
            ok = False
            zc = zp.copy()
            for _it in range(8):
                hv = _H(A, shape, zc[:M], zc[M])
                err = np.max(np.abs(hv))
                if err < 1e-11 * max(1.0, abs(zc[M]) * scale):
                    ok = True
                    break
                Jc = _J(A, shape, zc[:M], zc[M])
                zc = zc - np.linalg.lstsq(Jc, hv, rcond=None)[0]
            if ok and np.linalg.norm(zc - zp) < 0.5 * h + 1e-12:
                break
            h /= 2
            if h < 1e-12:
                raise SolverError("QRE tracing failed: the step size underflowed")
        tangent = t
        prev = z
        z = zc
        h *= max_accel
        lams.append(float(z[M]))
        profs.append(_profile(z[:M], shape))
        if lam_stop is not None and z[M] >= lam_stop:
            return lams, profs, prev, z, "reached λ"
        if z[M] > lam_max:
            reason = f"λ exceeded lam_max={lam_max:g}"
            break
        if z[M] > 0 and max(regrets(fgame, profs[-1])) <= maxregret * scale:
            reason = f"regret below {maxregret:g} × payoff range at λ = {z[M]:.6g}"
            break
    return lams, profs, None, z, reason


def logit_qre(game: Game, lam: float, *, first_step: float = 0.03, max_accel: float = 1.1,
              max_steps: int = 100_000) -> QRE:
    """The logit QRE at precision ``lam`` on the principal branch.

    The branch is traced from λ = 0 until it first reaches ``lam``, then Newton's
    method at fixed λ polishes the point until ``H`` vanishes to about ``1e-13``.
    When the branch bends back, the first crossing of ``lam`` is returned.

    Parameters
    ----------
    game : Game
        Any number of players (payoffs are used as floats).
    lam : float
        Non-negative precision, in the game's payoff units.

    Returns
    -------
    QRE
        With its fixed-point ``residual`` as certificate.

    References
    ----------
    McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria for normal form
    games. *Games and Economic Behavior* 10(1), 6–38.
    Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic quantal response
    equilibrium correspondence. *Games and Economic Behavior* 51(2), 243–263.

    Examples
    --------
    >>> from gametheory import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> q = logit_qre(pd, 1.0)
    >>> round(q.profile[0][1], 6), q.residual < 1e-10
    (0.773249, True)
    """
    if not np.isfinite(lam) or lam < 0:
        raise InvalidProfileError(f"lam must be a finite number >= 0, got {lam}")
    A = _float_payoffs(game)
    shape = game.shape
    if lam == 0:
        w = np.concatenate([np.full(n, -np.log(n)) for n in shape])
    else:
        lams, profs, prev, z, _ = _trace(game, lam, np.inf, -1.0, first_step, max_accel, max_steps)
        if prev is None:  # pragma: no cover - the trace only stops early at lam_stop
            raise SolverError("the principal branch did not reach λ")
        M = len(z) - 1
        frac = (lam - prev[M]) / (z[M] - prev[M]) if z[M] != prev[M] else 1.0
        w = _newton_fixed(A, shape, prev[:M] + frac * (z[:M] - prev[:M]), lam)
    sigma = _profile(w, shape)
    pays = tuple(float(np.dot(np.asarray(sigma[i]), _values(A, [np.asarray(v) for v in sigma], i)))
                 for i in range(game.num_players))
    return QRE(game=game, lam=float(lam), profile=sigma, payoffs=pays, residual=qre_residual(game, sigma, lam))


def _polish(game: Game, sigma: MixedProfile) -> tuple[Equilibrium | None, str]:
    """Turn the end of a trace into a verified Nash equilibrium (exact for exact games if possible)."""
    from .polynomial import support_equilibria

    tried = set()
    flat = np.concatenate([np.asarray(v) for v in sigma])
    for thr in (1e-2, 1e-3, 1e-4, 1e-6, 1e-8):
        sup = tuple(tuple(k for k, p in enumerate(v) if p > thr) for v in sigma)
        if sup in tried or any(not s for s in sup):
            continue
        tried.add(sup)
        try:
            eqs, _ = support_equilibria(game, sup)
        except Exception:  # pragma: no cover - defensive: fall through to the next threshold
            continue
        best = None
        for e in eqs:
            d = float(np.max(np.abs(np.concatenate([np.asarray(v, dtype=float) for v in e.profile]) - flat)))
            if best is None or d < best[0]:
                best = (d, e)
        if best is not None and best[0] < 1e-3:
            return best[1], f"limit identified exactly on support {sup} (distance {best[0]:.1e})"
    # a continuum (or a float game): Gauss-Newton on the indifference equations of the support
    fgame = game.to_float() if game.exact else game
    scale = float(np.ptp(np.asarray(fgame.payoffs))) or 1.0
    for sup in tried:
        prof = _newton_support(fgame, sigma, sup)
        if prof is not None:
            try:
                eq = make_equilibrium(fgame, prof, tol=1e-12 * scale)
            except Exception:
                continue
            return eq, f"limit polished on support {sup} by Newton's method (float; regret {eq.regret:.1e})"
    # fall back: the end point itself, if it passes the float check
    try:
        fgame = game.to_float() if game.exact else game
        return make_equilibrium(fgame, sigma, tol=1e-8 * (float(np.ptp(fgame.payoffs)) or 1.0)), \
            "limit is the traced end point (approximate equilibrium)"
    except Exception:
        return None, "the end of the trace could not be verified as an equilibrium"


def _newton_support(game: Game, sigma: MixedProfile, sup) -> MixedProfile | None:
    """Solve the support's indifference equations by Gauss–Newton (minimum-norm steps) from ``sigma``."""
    A = _float_payoffs(game)
    shape = game.shape
    x = [np.array([sigma[i][k] if k in sup[i] else 0.0 for k in range(n)]) for i, n in enumerate(shape)]
    x = [v / v.sum() for v in x]
    idx = [(i, k) for i in range(len(shape)) for k in sup[i]]
    for _ in range(30):
        res, jac = [], []
        for i, s in enumerate(sup):
            u = _values(A, x, i)
            crosses = {j: _cross(A, x, i, j) for j in range(len(shape)) if j != i}
            for k in s[1:]:
                res.append(u[k] - u[s[0]])
                jac.append([crosses[j][k, l] - crosses[j][s[0], l] if j != i else 0.0 for j, l in idx])
            res.append(sum(x[i][k] for k in s) - 1.0)
            jac.append([1.0 if j == i else 0.0 for j, l in idx])
        r = np.array(res)
        if np.max(np.abs(r)) < 1e-15 * (1 + float(np.abs(A).max())):
            break
        step = np.linalg.lstsq(np.array(jac), -r, rcond=None)[0]
        for (i, k), d in zip(idx, step):
            x[i][k] += d
    if any(np.any(v < 0) for v in x):
        return None
    return tuple(tuple(float(p) for p in v) for v in x)


def trace_qre(game: Game, *, lam_max: float = 1e7, maxregret: float = 1e-8, first_step: float = 0.03,
              max_accel: float = 1.1, max_steps: int = 100_000) -> QREPath:
    """Trace the principal branch of the logit QRE from λ = 0 to its Nash limit.

    Stops when the profile's regret is below ``maxregret`` times the payoff range
    (as Gambit's ``logit_solve``) or λ exceeds ``lam_max``, then identifies the
    limiting Nash equilibrium: on the support of the end point, the exact
    equilibria are computed (:func:`~gametheory.solvers.polynomial.support_equilibria`)
    and the nearest is taken; otherwise the end point itself if it passes the
    regret check.

    Returns
    -------
    QREPath
        The points of the branch (for plotting) and the verified ``limit``.

    References
    ----------
    McKelvey, R. D. & Palfrey, T. R. (1995), *Games and Economic Behavior* 10(1), 6–38.
    Turocy, T. L. (2005), *Games and Economic Behavior* 51(2), 243–263.
    Allgower, E. L. & Georg, K. (1990). *Numerical Continuation Methods*. Springer.

    Examples
    --------
    >>> from gametheory import Game
    >>> stag = Game.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]], strategies=(("Stag", "Hare"),) * 2)
    >>> path = trace_qre(stag)   # the risk-dominant equilibrium is selected
    >>> path.limit.strategy(0), path.lams[0]
    ({'Hare': Fraction(1, 1)}, 0.0)
    """
    lams, profs, _, _, reason = _trace(game, None, lam_max, maxregret, first_step, max_accel, max_steps)
    limit, how = _polish(game, profs[-1])
    return QREPath(game=game, lams=tuple(lams), profiles=tuple(profs), limit=limit, notes=(reason, how))
