r"""Model families as TOML files: a ``[model]`` table instead of payoffs.

A model file has the usual title, description, ``[parameters]``, ``key_parameters``,
assumption register and sources of a game file (:mod:`gametheory.io.spec`), and a
``[model]`` table naming the ``family`` and its arguments. Numbers are exact numbers,
fractions such as ``"2/3"`` or expressions in the declared parameters, read by the
restricted expression parser (:mod:`gametheory.io.expressions`)::

    title = "The resource split as alternating offers"
    key_parameters = ["delta_us"]

    [parameters.delta_us]
    default = "4/5"
    range = ["1/2", "99/100"]
    meaning = "US patience per round (low: it wants a quick deal)"

    [model]
    family = "alternating offers"
    players = ["US", "Ukraine"]
    delta = ["delta_us", "9/10"]
    proposer = "US"

``gametheory solve FILE.toml`` solves it (``--param delta_us=1/2`` to vary a
parameter, ``--symbolic`` for the exact thresholds of the key parameters).

Families and their keys (``players`` is optional everywhere; lists are one entry
per player unless said otherwise):

=====================  ================================================================================
family                 keys
=====================  ================================================================================
bargaining range       ``p``, ``costs`` (2), ``proposer``
screening              ``p``, ``proposer_cost``, ``costs`` (one per type), ``probabilities``, ``types``
commitment problem     ``power`` (one per period), ``delta``, ``costs`` (2), ``horizon``
nash bargaining        ``surplus`` or ``points`` (pairs), ``disagreement`` (2), ``weight``
alternating offers     ``delta`` (2 or 1), ``proposer``, ``horizon``, ``surplus``
repeated game          ``stage`` (table: ``strategies``, ``payoffs`` as in a game file), ``strategy``
                       (``"grim trigger"``, ``"forgiving trigger"``, ``"tit for tat"``), ``target``,
                       ``punishment``, ``periods``, ``delta``
chain store            ``markets``, ``prior``, ``incumbent`` (3), ``entrant`` (3)
war of attrition       ``values`` (2 or 1), ``costs`` (2 or 1), ``period``
=====================  ================================================================================

Every problem raises :class:`~gametheory.errors.SpecError` with the file, the key
(``model.delta[0]``) and what is wrong.

Examples
--------
>>> from gametheory.io.spec import loads_spec
>>> text = '''
... title = "Split"
... [parameters.d]
... default = "9/10"
... range = ["1/2", "99/100"]
... meaning = "patience"
... [model]
... family = "alternating offers"
... players = ["US", "Ukraine"]
... delta = ["d", "4/5"]
... '''
>>> spec = loads_spec(text)
>>> build_model(spec).delta
(Fraction(9, 10), Fraction(4, 5))
>>> build_model(spec, symbolic=True).parameter("d").describe()
'd in [1/2, 99/100], default 9/10: patience'
>>> loads_spec(text.replace('delta = ["d", "4/5"]', 'delta = ["d", "x"]'))
Traceback (most recent call last):
...
gametheory.errors.SpecError: <string>: model.delta[1]: column 1: unknown name 'x' (declared parameters: d)
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from ..errors import GameTheoryError, SpecError

__all__ = ["FAMILIES", "check_model", "build_model", "model_players", "model_report", "model_class"]

_NUM, _NUMS, _PAIR, _TRIPLE, _PAIRS = "number", "numbers", "pair", "triple", "pairs"
_TEXT, _TEXTS, _INT, _STAGE, _PROFILE = "text", "texts", "integer", "stage", "profile"

#: family -> {key: kind}; a key ending in "!" is required.
FAMILIES: dict[str, dict[str, str]] = {
    "bargaining range": {"p!": _NUM, "costs!": _PAIR, "proposer": _TEXT},
    "screening": {"p!": _NUM, "proposer_cost!": _NUM, "costs!": _NUMS, "probabilities!": _NUMS, "types": _TEXTS},
    "commitment problem": {"power!": _NUMS, "delta!": _NUM, "costs!": _PAIR, "horizon": _INT},
    "nash bargaining": {"surplus": _NUM, "points": _PAIRS, "disagreement": _PAIR, "weight": _NUM},
    "alternating offers": {"delta!": _PAIR, "proposer": _TEXT, "horizon": _INT, "surplus": _NUM},
    "repeated game": {"stage!": _STAGE, "strategy!": _TEXT, "target!": _PROFILE, "punishment": _PROFILE,
                      "periods": _INT, "delta!": _NUM},
    "chain store": {"markets!": _INT, "prior": _NUM, "incumbent": _TRIPLE, "entrant": _TRIPLE},
    "war of attrition": {"values!": _PAIR, "costs!": _PAIR, "period": _NUM},
}
_STRATEGIES = ("grim trigger", "forgiving trigger", "tit for tat")
_COMMON = ("family", "players", "title")


def _checker(file: str) -> Any:
    from ..io.spec import _Checker

    return _Checker(file)


def _expr(chk: Any, value: Any, key: str, names: Sequence[str]) -> Any:
    return chk.expression(value, key, names)


def check_model(table: Any, file: str, names: Sequence[str], parameters: Any = None) -> dict[str, Any]:
    """Validate a ``[model]`` table: family, keys and their kinds; numbers parsed as expressions.

    ``names`` are the file's declared parameters and ``parameters`` their raw
    ``[parameters]`` table (used by a repeated game's stage). Returns the table with
    numbers replaced by :class:`~gametheory.io.expressions.Expression`\\ s.

    Raises
    ------
    SpecError
        Unknown family or key, a missing key, a value of the wrong kind.

    Examples
    --------
    >>> check_model({"family": "war of attrition", "values": 3, "costs": 1}, "w.toml", [])["family"]
    'war of attrition'
    >>> check_model({"family": "war of attrition", "values": 3, "cost": 1}, "w.toml", [])
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: w.toml: model.cost: unknown key 'cost'; allowed keys: family, players, title, values, costs, period
    """
    chk = _checker(file)
    table = chk.table(table, "model")
    if "family" not in table:
        raise chk.err("model.family", f"missing: one of {', '.join(repr(f) for f in FAMILIES)}")
    family = chk.text(table["family"], "model.family")
    if family not in FAMILIES:
        raise chk.err("model.family", f"unknown family {family!r}; one of {', '.join(repr(f) for f in FAMILIES)}")
    kinds = {k.rstrip("!"): v for k, v in FAMILIES[family].items()}
    chk.keys(table, _COMMON + tuple(kinds), "model")
    for k in FAMILIES[family]:
        if k.endswith("!") and k[:-1] not in table:
            raise chk.err(f"model.{k[:-1]}", f"missing (the {family} family needs it)")
    out: dict[str, Any] = {"family": family}
    if "players" in table:
        out["players"] = chk.labels(table["players"], "model.players", "player")
    if "title" in table:
        out["title"] = chk.text(table["title"], "model.title")
    for k, kind in kinds.items():
        if k not in table:
            continue
        v, key = table[k], f"model.{k}"
        if kind == _NUM:
            out[k] = _expr(chk, v, key, names)
        elif kind in (_NUMS, _PAIR, _TRIPLE):
            if kind == _PAIR and not isinstance(v, list):
                out[k] = _expr(chk, v, key, names)  # one number: the same for both
                continue
            items = chk.array(v, key)
            want = {_PAIR: 2, _TRIPLE: 3}.get(kind)
            if want is not None and len(items) != want:
                raise chk.err(key, f"expected {want} entries, got {len(items)}")
            if not items:
                raise chk.err(key, "needs at least one entry")
            out[k] = [_expr(chk, x, f"{key}[{j}]", names) for j, x in enumerate(items)]
        elif kind == _PAIRS:
            items = chk.array(v, key)
            if not items:
                raise chk.err(key, "needs at least one (u, v) pair")
            pairs = []
            for j, pt in enumerate(items):
                pt = chk.array(pt, f"{key}[{j}]")
                if len(pt) != 2:
                    raise chk.err(f"{key}[{j}]", f"expected a pair [u, v], got {len(pt)} entries")
                pairs.append([_expr(chk, x, f"{key}[{j}][{i}]", names) for i, x in enumerate(pt)])
            out[k] = pairs
        elif kind == _TEXT:
            out[k] = chk.text(v, key)
        elif kind == _TEXTS:
            out[k] = chk.labels(v, key, "label")
        elif kind == _PROFILE:
            out[k] = tuple(chk.text(x, f"{key}[{j}]") for j, x in enumerate(chk.array(v, key)))
        elif kind == _INT:
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                raise chk.err(key, f"expected a positive integer, got {v!r}")
            if v > 10**6:
                raise chk.err(key, f"{v} is too large (at most 10^6)")
            out[k] = v
        elif kind == _STAGE:
            out[k] = _check_stage(chk, v, key, parameters or {}, out.get("players"))
    if family == "nash bargaining" and ("surplus" in out) == ("points" in out):
        raise chk.err("model.surplus", "give either surplus or points")
    if family == "repeated game":
        if out["strategy"] not in _STRATEGIES:
            raise chk.err("model.strategy", f"unknown strategy {out['strategy']!r}; one of {', '.join(_STRATEGIES)}")
        stage = out["stage"]
        for k in ("target", "punishment"):
            prof = out.get(k)
            if prof is None:
                continue
            if len(prof) != len(stage.players):
                raise chk.err(f"model.{k}", f"a profile names one strategy per player ({len(stage.players)}), "
                                            f"got {len(prof)}")
            for j, (label, options) in enumerate(zip(prof, stage.strategies)):
                if label not in options:
                    raise chk.err(f"model.{k}[{j}]", f"{label!r} is not a strategy of {stage.players[j]} "
                                                     f"({', '.join(options)})")
    return out


def _check_stage(chk: Any, v: Any, key: str, parameters: Any, players: Any) -> Any:
    """A stage game: ``strategies`` (a table per player) and ``payoffs`` (arrays), as in a game file."""
    from ..io.spec import _validate

    body = chk.table(v, key)
    chk.keys(body, ("players", "strategies", "payoffs", "title"), key)
    raw = {"title": body.get("title", "stage"), "players": body.get("players", list(players or [])),
           "strategies": body.get("strategies"), "payoffs": body.get("payoffs")}
    if not raw["players"]:
        raise chk.err(f"{key}.players", "missing: list the stage game's players (or model.players)")
    if raw["strategies"] is None:
        raise chk.err(f"{key}.strategies", "missing (one array of strategy labels per player)")
    if raw["payoffs"] is None:
        raise chk.err(f"{key}.payoffs", "missing (arrays as in a game file)")
    raw["parameters"] = parameters  # the file's own declarations: payoffs may use its parameters
    try:
        return _validate(raw, chk.file, None)
    except SpecError as err:
        raise SpecError(err.message, file=chk.file, key=f"{key}.{err.key}" if err.key else key) from None


def model_players(table: Mapping[str, Any]) -> tuple[str, ...]:
    """The players of a checked ``[model]`` table (given, or the family's defaults)."""
    if "players" in table:
        return tuple(table["players"])
    defaults = {"commitment problem": ("Declining", "Rising"), "chain store": ("Incumbent", "Entrant")}
    if table["family"] == "repeated game":
        return tuple(table["stage"].players)
    return defaults.get(table["family"], ("A", "B"))


def _values(spec: Any, params: Mapping[str, Any] | None, symbolic: bool) -> tuple[dict, Callable[[Any, str], Any]]:
    from ..io.expressions import evaluate, to_sympy

    if not symbolic:
        values = spec.parameter_values(params)
        return values, lambda e, key: evaluate(e, values, file=spec.file, key=key)
    from ..symbolic.parameters import Parameter

    symbols = {}
    values = spec.parameter_values(params)
    for p in spec.parameters:
        symbols[p.name] = Parameter(p.name, default=values[p.name], low=p.low, high=p.high, meaning=p.meaning)
    syms = {k: v.symbol for k, v in symbols.items()}

    def conv(e: Any, key: str) -> Any:
        out = to_sympy(e, syms)
        # hand a bare parameter over as the Parameter itself, so its range and meaning travel with it
        for name, par in symbols.items():
            if out == par.symbol:
                return par
        return out if out.free_symbols else evaluate(e, {}, file=spec.file, key=key)

    return symbols, conv


def build_model(spec: Any, params: Mapping[str, Any] | None = None, *, symbolic: bool = False) -> Any:
    """The model of a model file, at the parameter values (or with the parameters as symbols).

    Parameters
    ----------
    spec : GameSpec
        A validated file with a ``[model]`` table (:func:`gametheory.load_spec`).
    params : mapping, optional
        Parameter values overriding the defaults (checked against the declared ranges).
    symbolic : bool
        Keep the parameters as :class:`gametheory.symbolic.Parameter`\\ s (defaults from
        ``params``), for :func:`~gametheory.models.closed_form` and
        :func:`~gametheory.models.model_thresholds`.

    Raises
    ------
    SpecError
        A value the family refuses (out of its range, probabilities not summing to 1, ...),
        naming the file and ``model``.
    """
    from . import (
        alternating_offers,
        chain_store,
        commitment_problem,
        fearon_bargaining,
        forgiving_trigger,
        grim_trigger,
        nash_bargaining,
        repeated_game,
        screening_bargaining,
        tit_for_tat,
        war_of_attrition,
    )

    table = spec.model
    family = table["family"]
    _, conv = _values(spec, params, symbolic)

    def num(k: str) -> Any:
        v = table[k]
        if isinstance(v, list):
            if v and isinstance(v[0], list):
                return tuple(tuple(conv(x, f"model.{k}[{j}][{i}]") for i, x in enumerate(pt)) for j, pt in enumerate(v))
            return tuple(conv(x, f"model.{k}[{j}]") for j, x in enumerate(v))
        return conv(v, f"model.{k}")

    kw: dict[str, Any] = {}
    if "players" in table:
        kw["players"] = tuple(table["players"])
    kw["title"] = table.get("title", spec.title)
    try:
        if family == "bargaining range":
            return fearon_bargaining(p=num("p"), costs=num("costs"), proposer=table.get("proposer"), **kw)
        if family == "screening":
            return screening_bargaining(p=num("p"), proposer_cost=num("proposer_cost"), costs=num("costs"),
                                        probabilities=num("probabilities"), types=table.get("types"), **kw)
        if family == "commitment problem":
            return commitment_problem(power=num("power"), delta=num("delta"), costs=num("costs"),
                                      horizon=table.get("horizon"), **kw)
        if family == "nash bargaining":
            extra = {"surplus": num("surplus")} if "surplus" in table else {"points": num("points")}
            if "disagreement" in table:
                extra["disagreement"] = num("disagreement")
            if "weight" in table:
                extra["weight"] = num("weight")
            return nash_bargaining(**extra, **kw)
        if family == "alternating offers":
            extra = {"surplus": num("surplus")} if "surplus" in table else {}
            return alternating_offers(delta=num("delta"), proposer=table.get("proposer"), horizon=table.get("horizon"),
                                      **extra, **kw)
        if family == "repeated game":
            stage = table["stage"].build(spec.parameter_values(params))
            target, punish = table["target"], table.get("punishment")
            strategy = table["strategy"]
            if strategy == "grim trigger":
                prof = grim_trigger(stage, target, punish)
            elif strategy == "forgiving trigger":
                prof = forgiving_trigger(stage, target, table.get("periods", 1), punish)
            else:
                prof = tit_for_tat(stage, target)
            return repeated_game(stage, prof, num("delta"), title=kw["title"])
        if family == "chain store":
            extra = {k: num(k) for k in ("prior", "incumbent", "entrant") if k in table}
            return chain_store(markets=table["markets"], **extra, **kw)
        extra = {"period": num("period")} if "period" in table else {}
        return war_of_attrition(values=num("values"), costs=num("costs"), **extra, **kw)
    except SpecError:
        raise
    except GameTheoryError as err:
        raise SpecError(str(err), file=spec.file, key="model") from None


def model_report(spec: Any, *, others: Mapping[str, Any] | None = None) -> str:
    """The text of ``gametheory solve MODEL.toml --symbolic``: closed form and thresholds of the key parameters.

    Examples
    --------
    >>> from gametheory.io.spec import loads_spec
    >>> spec = loads_spec('title = "War"\\nkey_parameters = ["c"]\\n[parameters.c]\\ndefault = 1\\nrange = ["1/2", 4]\\n'
    ...                   'meaning = "cost"\\n[model]\\nfamily = "war of attrition"\\nvalues = 3\\ncosts = ["c", 1]')
    >>> print(model_report(spec).splitlines()[0])
    War -- war of attrition model: closed form and thresholds
    """
    from .formulas import closed_form, model_thresholds

    model = build_model(spec, others, symbolic=True)
    lines = [f"{spec.title} -- {model.family} model: closed form and thresholds"]
    if not model.parameters:
        lines.append("")
        lines.append("the model has no parameters: see gametheory solve without --symbolic")
        return "\n".join(lines)
    lines += ["", str(closed_form(model))]
    for name in spec.key_parameters or [p.name for p in model.parameters]:
        if name not in {p.name for p in model.parameters}:
            continue
        lines += ["", str(model_thresholds(model, name))]
    return "\n".join(lines)


def model_class(family: str) -> type:
    """The model class of a family name (as in ``[model] family``).

    Examples
    --------
    >>> model_class("war of attrition").__name__
    'WarOfAttrition'
    """
    from . import (AlternatingOffers, BargainingProblem, ChainStore, CommitmentProblem, FearonBargaining,
                   RepeatedGame, ScreeningBargaining, WarOfAttrition)

    for cls in (FearonBargaining, ScreeningBargaining, CommitmentProblem, BargainingProblem, AlternatingOffers,
                RepeatedGame, ChainStore, WarOfAttrition):
        if cls.family == family:
            return cls
    raise SpecError(f"unknown model family {family!r}; one of {', '.join(repr(f) for f in FAMILIES)}")
