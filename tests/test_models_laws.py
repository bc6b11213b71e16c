"""Laws of the model families, property-tested with hypothesis.

* Rubinstein's shares converge to the (generalized) Nash bargaining split as
  discounting vanishes (``δ_i = 1 - r_i h``, ``h -> 0``), exactly in the limit;
* the finite-horizon alternating-offers solution converges to the infinite one,
  geometrically;
* the exact thresholds of every family agree with numeric solves on both sides of
  every breakpoint (and at it).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory.models import (
    alternating_offers,
    chain_store,
    chain_store_equilibrium,
    closed_form,
    commitment_equilibrium,
    commitment_problem,
    fearon_bargaining,
    grim_trigger,
    model_thresholds,
    nash_bargaining,
    nash_bargaining_solution,
    repeated_equilibrium,
    repeated_game,
    rubinstein_solution,
    screening_bargaining,
    screening_equilibrium,
    trust_game,
    ultimatum_equilibrium,
)
from gametheory.symbolic import Parameter
from gametheory.symbolic.conditions import sign_of_number
from gametheory.symbolic.witness import rational_between

rates = st.fractions(min_value=F(1, 10), max_value=10, max_denominator=20)
probs = st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20)
costs = st.fractions(min_value=F(1, 50), max_value=F(1, 2), max_denominator=50)


# -- Rubinstein -> Nash ----------------------------------------------------------------------------------------
@given(r1=rates, r2=rates)
def test_rubinstein_converges_to_nash_bargaining(r1, r2):
    alpha = r2 / (r1 + r2)  # the first proposer's Nash weight: relative patience
    nash = nash_bargaining_solution(nash_bargaining(surplus=1, weight=alpha)).values["share A"]
    assert nash == alpha
    errors = []
    for h in (F(1, 100) / max(r1, r2), F(1, 1000) / max(r1, r2), F(1, 10000) / max(r1, r2)):
        share = rubinstein_solution(alternating_offers((1 - r1 * h, 1 - r2 * h))).values["proposer share"]
        errors.append(abs(share - nash))
        assert abs(share - nash) <= 2 * r1 * r2 * h / (r1 + r2)  # first order in h
    assert errors[0] > errors[1] > errors[2] > 0


@settings(max_examples=10, deadline=None)
@given(r1=rates, r2=rates)
def test_rubinstein_limit_is_the_nash_split_exactly(r1, r2):
    h = sympy.Symbol("h", positive=True)
    d1, d2 = 1 - sympy.Rational(r1.numerator, r1.denominator) * h, 1 - sympy.Rational(r2.numerator, r2.denominator) * h
    m = alternating_offers(delta=(sympy.Symbol("u"), sympy.Symbol("w")))
    u, w = m.parameter("u").symbol, m.parameter("w").symbol
    share = closed_form(m, at={"u": "1/2", "w": "1/2"}).equilibria[0].quantities["proposer share"]
    limit = sympy.limit(share.xreplace({u: d1, w: d2}), h, 0)
    assert limit == sympy.Rational(r2.numerator, r2.denominator) / (
        sympy.Rational(r1.numerator, r1.denominator) + sympy.Rational(r2.numerator, r2.denominator))


discounts = st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20)


@given(d1=discounts, d2=discounts, first=st.sampled_from(["A", "B"]))
def test_finite_horizon_converges_to_rubinstein(d1, d2, first):
    v = rubinstein_solution(alternating_offers((d1, d2), proposer=first)).values["proposer share"]
    prev = None
    for T in range(1, 16):
        y = rubinstein_solution(alternating_offers((d1, d2), proposer=first, horizon=T)).values["proposer share"]
        err = abs(y - v)
        assert err <= (d1 * d2) ** ((T - 1) // 2)  # the error shrinks by d1*d2 every two rounds
        if T >= 3 and prev is not None:
            assert err < prev[T - 2]
        prev = {**(prev or {}), T: err}


# -- thresholds versus numeric solves -------------------------------------------------------------------------
def _near(th, k):
    """Rationals just left and right of breakpoint k, inside the neighbouring intervals."""
    values = list(th.values)
    b = values[k]
    p = th.tree.parameter(th.parameter)
    lo = values[k - 1] if k > 0 else p.lower
    hi = values[k + 1] if k + 1 < len(values) else p.upper
    left = rational_between(lo, b) if lo is not None else b - 1
    right = rational_between(b, hi) if hi is not None else b + 1
    # move close to b: halve the distance a few times, staying rational
    for _ in range(3):
        left, right = rational_between(left, b), rational_between(b, right)
    return left, right


def _agree(th, model, solver, value):
    """The numeric solve at ``value`` gives the labels and payoffs of the piece containing it."""
    outcomes = th.outcomes_at(value)
    numeric = solver(model.subs({th.parameter: value}))
    x = th.tree.parameter(th.parameter).symbol
    got = sorted((e.label, tuple(e.payoffs[p] for p in model.players)) for e in numeric)
    want = []
    for text, pays in outcomes:
        label = text.split(" [")[0]  # the piece's text is the label plus its quantities
        vals = tuple(sympy.sympify(v).xreplace({x: value}) for v in pays)
        want.append((label, vals))
    want.sort()
    assert [g[0] for g in got] == [w[0] for w in want], (value, got, want)
    for (_, g), (_, w) in zip(got, want):
        assert all(sign_of_number(sympy.Rational(a.numerator, a.denominator) - b) == 0 for a, b in zip(g, w))


def _check_all(th, model, solver):
    for k, b in enumerate(th.values):
        left, right = _near(th, k)
        _agree(th, model, solver, left)
        _agree(th, model, solver, right)
        if b.is_Rational and th.tree.parameter(th.parameter).contains(b):
            try:
                model.subs({th.parameter: b})
            except Exception:  # noqa: BLE001 - the model is not defined there (e.g. a discount factor of 1)
                continue
            _agree(th, model, solver, b)


SLOW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.slow
@SLOW
@given(p=probs, cp=costs, cl=costs, ch=costs)
def test_screening_thresholds_agree_with_numeric_solves(p, cp, cl, ch):
    q = Parameter("q", default="1/2", low=0, high=1)
    m = screening_bargaining(p=p, proposer_cost=cp, costs=(cl, ch), probabilities=(q, 1 - q.symbol))
    th = model_thresholds(m, "q")
    _check_all(th, m, screening_equilibrium)
    if cl < ch and p + ch <= 1:
        assert sympy.Rational((ch - cl) / (ch + cp)) in th.values or (ch - cl) / (ch + cp) >= 1


@pytest.mark.slow
@SLOW
@given(p1=probs, p2=probs, c=costs)
def test_commitment_thresholds_in_delta_agree_with_numeric_solves(p1, p2, c):
    d = Parameter("delta", default="1/2", low=0, high=1, positive=True)
    m = commitment_problem(power=(p1, p2), delta=d, costs=c)
    th = model_thresholds(m, "delta")
    _check_all(th, m, commitment_equilibrium)
    if p1 > p2 >= c:  # Powell's closed form: war exactly above (1 - p1 + c)/(1 - p2 + c)
        star = (1 - p1 + c) / (1 - p2 + c)
        assert sympy.Rational(star.numerator, star.denominator) in th.values


@pytest.mark.slow
@SLOW
@given(honour=st.integers(1, 5), extra=st.integers(1, 5), gain=st.integers(1, 3))
def test_grim_trigger_thresholds_agree_with_numeric_solves(honour, extra, gain):
    stage = trust_game(honour=honour, exploit=honour + extra, no_trust=0, trustor_gain=gain, trustor_loss=-1)
    d = Parameter("delta", default="1/2", low=0, high=1, positive=True)
    m = repeated_game(stage, grim_trigger(stage, ("Trust", "Honour")), d)
    th = model_thresholds(m, "delta")
    assert th.values == (sympy.Rational(extra, honour + extra),)  # (d - c)/(d - n)

    def solver(model):
        sol = repeated_equilibrium(model)
        if sol.equilibria:
            return sol.equilibria
        from gametheory.models.repeated import _core

        return _core(model, model.context())  # the failing profile, labelled as such

    _check_all(th, m, solver)


@pytest.mark.slow
@SLOW
@given(cA=costs, cB=costs)
def test_fearon_thresholds_agree_with_numeric_solves(cA, cB):
    p = Parameter("p", default="1/2", low=0, high=1)
    m = fearon_bargaining(p=p, costs=(cA, cB))
    th = model_thresholds(m, "p")
    assert set(th.values) <= {sympy.Rational(cA.numerator, cA.denominator), sympy.Rational(1 - cB)}
    _check_all(th, m, ultimatum_equilibrium)


@pytest.mark.slow
@SLOW
@given(w=st.fractions(min_value=F(1, 10), max_value=F(9, 10), max_denominator=10))
def test_nash_thresholds_agree_with_numeric_solves(w):
    d = Parameter("d", default=0, low=-3, high=2)
    m = nash_bargaining(surplus=1, disagreement=(0, d), weight=w)
    th = model_thresholds(m, "d")
    _check_all(th, m, nash_bargaining_solution)


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markets=st.integers(2, 4))
def test_reputation_thresholds_agree_with_numeric_solves(markets):
    e = Parameter("eps", default="1/10", low=0, high=1)
    m = chain_store(markets=markets, prior=e)
    th = model_thresholds(m, "eps")
    # the entry thresholds b^k of the first market are breakpoints (b = 1/2)
    assert sympy.Rational(1, 2 ** markets) in th.values
    _check_all(th, m, chain_store_equilibrium)
