"""Provenance: results as self-describing JSON that can be read back and re-verified.

A result file records the package version, the method and its parameters, the
game's title and its canonical form with a SHA-256 digest (and the digest of
its source file when known), parameter values and a UTC timestamp.
:func:`load_result` rebuilds the game, checks the digest and re-verifies every
equilibrium's certificate, so a number cited in a paper can be re-checked.

Both kinds of result are covered: a :class:`~gametheory.Solution` of a normal-form
game (the canonical payoffs are stored; each equilibrium's regret is recomputed
exactly), and a :class:`~gametheory.sequential.SequentialSolution` of a sequential
game (the source file's text is stored with the parameter values, the tree is
rebuilt and compared with its digest, and every subgame-perfect equilibrium is
re-checked at every position by the one-shot deviation test, exactly).

Examples
--------
>>> import json
>>> from gametheory import Game, solve
>>> g = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], title="Battle of the Sexes")
>>> text = result_to_json(solve(g))
>>> json.loads(text)["game"]["sha256"] == game_digest(g)
True
>>> loaded = load_result(text)
>>> loaded.game == g, len(loaded.equilibria) == len(solve(g).equilibria)
(True, True)
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import os
from fractions import Fraction
from pathlib import Path
from typing import IO, Any, Mapping

from . import exact as _exact
from .errors import GameTheoryError, SpecError
from .game import MAX_ENTRIES, Game
from .limits import MAX_FILE_BYTES, check_data, check_nesting, fraction_from_digits, read_text
from .solution import Solution, make_solution, payoff_scales

__all__ = [
    "canonical_game",
    "canonical_sequential",
    "game_digest",
    "file_digest",
    "result_to_dict",
    "result_to_json",
    "load_result",
]

FORMAT = "gametheory-result/1"


def canonical_game(game: Game) -> dict[str, Any]:
    """The game as plain JSON data: labels, kind, payoffs (``"p/q"`` strings when exact).

    Examples
    --------
    >>> canonical_game(Game.zero_sum([["1/2"]], players=("A", "B")))["payoffs"]
    [[['1/2']], [['-1/2']]]
    """
    import numpy as np

    conv = (lambda v: _exact.json_number(v)) if game.exact else (lambda v: float(v))
    arr = np.frompyfunc(conv, 1, 1)(game.payoffs).tolist()
    return {
        "title": game.title,
        "players": list(game.players),
        "strategies": [list(s) for s in game.strategies],
        "kind": game.kind,
        "payoffs": arr,
    }


def _game_from_canonical(data: Mapping[str, Any], file: str = "<string>") -> Game:
    """Rebuild a game from :func:`canonical_game` data; every value is checked before use."""
    kind = _field(data, "kind", str, file, "game.canonical")
    if kind not in ("exact", "float"):
        raise SpecError(f"kind must be 'exact' or 'float', got {kind!r}", file=file, key="game.canonical.kind")
    players = _field(data, "players", list, file, "game.canonical")
    strategies = _field(data, "strategies", list, file, "game.canonical")
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise SpecError("expected a string", file=file, key="game.canonical.title")
    if not all(isinstance(p, str) for p in players) or not all(
            isinstance(s, list) and all(isinstance(x, str) for x in s) for s in strategies):
        raise SpecError("players and strategies must be lists of strings", file=file, key="game.canonical")
    shape = [len(s) for s in strategies]
    if len(players) != len(strategies) or math.prod(shape) * max(len(players), 1) > MAX_ENTRIES:
        raise SpecError(f"{len(players)} players with strategy counts {shape}: not a game within the limits",
                        file=file, key="game.canonical.strategies")
    exact = kind == "exact"

    def convert(value: Any, depth: int, key: str) -> Any:
        # nesting is bounded by the number of players (checked above), so this recursion is shallow
        if depth == len(players) + 1:
            return _probability(value, exact, file, key)
        n = len(players) if depth == 0 else shape[depth - 1]
        if not isinstance(value, list) or len(value) != n:
            raise SpecError(f"expected an array of {n} entries", file=file, key=key)
        return [convert(v, depth + 1, f"{key}[{j}]") for j, v in enumerate(value)]

    payoffs = convert(_field(data, "payoffs", list, file, "game.canonical"), 0, "game.canonical.payoffs")
    try:
        return Game(payoffs, players=players, strategies=strategies, title=title)
    except GameTheoryError as err:
        raise SpecError(str(err), file=file, key="game.canonical") from None


def canonical_sequential(game: Any) -> dict[str, Any]:
    """A sequential game as plain JSON data: every position of the expanded tree in pre-order.

    Each position records its id, kind, who moves, the edge labels, chance
    probabilities, stage-game payoffs or terminal payoffs (``"p/q"`` strings when exact).

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame
    >>> canonical_sequential(SequentialGame(Decision("A", {"x": {"A": "1/2"}})))["positions"][1]
    {'id': '/x', 'kind': 'terminal', 'payoffs': {'A': '1/2'}}
    """
    from .sequential import Chance, Decision, Stage
    from .extensive.game import edge_label

    def num(v: Any) -> Any:
        return _exact.json_number(v) if game.exact else float(v)

    out = []
    for k, pos in enumerate(game.positions):
        node = pos.node
        entry: dict[str, Any] = {"id": game.node_id(k)}
        if isinstance(node, Decision):
            entry.update(kind="decision", player=node.player)
            if node.infoset is not None:
                entry["infoset"] = node.infoset
        elif isinstance(node, Chance):
            entry.update(kind="chance", probabilities=[num(p) for p in node.probabilities])
        elif isinstance(node, Stage):
            entry.update(kind="stage", name=node.name, players=list(node.players), game=canonical_game(node.game))
            if node.infosets:
                entry["infosets"] = dict(node.infosets)
        else:
            entry.update(kind="terminal", payoffs={p: num(node.payoff(p)) for p in game.players if node.payoff(p) != 0})
        if pos.children:
            entry["edges"] = [edge_label(node, e) for e in range(len(pos.children))]
        out.append(entry)
    return {
        "title": game.title,
        "kind": "sequential",
        "players": list(game.players),
        "discount": num(game.discount),
        "exact": game.exact,
        "positions": out,
    }


def _is_sequential(game: Any) -> bool:
    return hasattr(game, "positions") and not isinstance(game, Game)


def game_digest(game: Any) -> str:
    """SHA-256 of the game's canonical form (independent of how it was built).

    Works for normal-form games and sequential games (:func:`canonical_sequential`).

    Examples
    --------
    >>> game_digest(Game.zero_sum([[1]])) == game_digest(Game.zero_sum([["1"]]))
    True
    """
    data = canonical_sequential(game) if _is_sequential(game) else canonical_game(game)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes (the source of a game).

    Examples
    --------
    >>> from gametheory import library
    >>> len(file_digest(library.path("sanctions")))
    64
    """
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def result_to_dict(
    solution: Any,
    *,
    source: str | os.PathLike[str] | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON-ready provenance record of a solution (see the module docstring).

    ``solution`` is a :class:`~gametheory.Solution` or a
    :class:`~gametheory.sequential.SequentialSolution`. ``source`` is the game file
    it was built from (its SHA-256 is recorded; for sequential games its text too,
    so that :func:`load_result` can rebuild the tree); ``parameters`` the values used.

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
    >>> d = result_to_dict(subgame_perfect_equilibria(SequentialGame(Decision("A", {"x": {"A": 1}}), title="T")))
    >>> d["format"], d["game"]["title"], d["result"]["kind"], len(d["game"]["sha256"])
    ('gametheory-result/1', 'T', 'sequential', 64)
    """
    game = solution.game
    sequential = _is_sequential(game)
    data = solution.to_dict()
    game_block: dict[str, Any] = {"title": game.title, "kind": "sequential" if sequential else "normal form",
                                  "sha256": game_digest(game)}
    game_block["canonical"] = canonical_sequential(game) if sequential else canonical_game(game)
    if source is not None:
        game_block["source"] = str(source)
        game_block["source_sha256"] = file_digest(source)
        if sequential:
            game_block["source_text"] = Path(source).read_text(encoding="utf-8")
    return {
        "format": FORMAT,
        "version": solution.version,
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "method": solution.method,
        "parameters": {k: _exact.json_number(v) if not isinstance(v, str) else v for k, v in (parameters or {}).items()},
        "game": game_block,
        "result": data,
    }


def result_to_json(solution: Any, file: str | os.PathLike[str] | None = None, **kwargs: Any) -> str:
    """Write the provenance record as JSON to ``file``; return the text.

    Keyword arguments go to :func:`result_to_dict` (``source``, ``parameters``).

    Examples
    --------
    >>> from gametheory import Game, solve
    >>> '"sha256"' in result_to_json(solve(Game.zero_sum([[1, -1], [-1, 1]])))
    True
    """
    text = json.dumps(result_to_dict(solution, **kwargs), indent=2, ensure_ascii=False)
    if file is not None:
        from .io.files import write_text_atomic

        write_text_atomic(file, text + "\n", force=True)  # replaced whole or not at all
    return text


def _number(v: Any, exact: bool) -> Any:
    return _exact.to_number(v) if exact else float(v)


def load_result(source: str | os.PathLike[str] | IO[str], *, resolve: bool = False) -> Any:
    """Read a result written by :func:`result_to_json` and re-verify it.

    ``source`` is a path, a file object or the JSON text itself. Normal-form games
    are rebuilt from their canonical form, sequential games from their stored source
    text and parameter values; either way the rebuilt game's digest must match.
    Each equilibrium is then re-verified: exact regret 0 (normal form), and for a
    subgame-perfect equilibrium no gain from a one-shot deviation at any position
    with the recorded payoffs reproduced exactly. With ``resolve=True`` the game is
    also solved again and the set of equilibria must be the same.

    Returns
    -------
    Solution or SequentialSolution

    Raises
    ------
    SpecError
        The file is not a result, its digest does not match, an equilibrium fails
        verification, or (``resolve``) a fresh solve finds a different set.

    Examples
    --------
    >>> from gametheory.sequential import Decision, SequentialGame, subgame_perfect_equilibria
    >>> sol = subgame_perfect_equilibria(SequentialGame(Decision("A", {"x": {"A": 1}, "y": {"A": 1}})))
    >>> back = load_result(result_to_json(sol))
    >>> [e.choices for e in back] == [e.choices for e in sol], back[0].regret
    (True, Fraction(0, 1))
    """
    data, name = _read_result(source)
    try:
        if _field(data, "result", dict, name).get("kind") == "sequential":
            return _load_sequential(data, name, resolve=resolve)
        return _load_normal_form(data, name, resolve=resolve)
    except GameTheoryError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError, ZeroDivisionError,
            RecursionError, MemoryError) as err:
        # A field of an unexpected shape that the checks above did not anticipate: still the
        # project's error, naming the file (never a bare KeyError from deep inside).
        raise SpecError(f"malformed result ({type(err).__name__}: {err})", file=name) from None


def _read_result(source: Any) -> tuple[dict, str]:
    """The parsed JSON object of a result given as a path, a file object or JSON text."""
    if hasattr(source, "read"):
        text, name = read_text(source)
    elif isinstance(source, os.PathLike):
        text, name = read_text(source)
    elif isinstance(source, str):
        stripped = source.lstrip()
        # JSON text starts with one of these; a path never holds a newline
        if "\n" in source or stripped[:1] in ("{", "[", '"') or stripped[:1].isdigit() or stripped[:1] == "-" \
                or stripped in ("true", "false", "null"):
            if len(source) > MAX_FILE_BYTES:
                raise SpecError(f"more than {MAX_FILE_BYTES} characters; the limit is {MAX_FILE_BYTES}")
            text, name = source, "<string>"
        else:
            text, name = read_text(source)
    else:
        raise SpecError(f"expected a path, a file object or JSON text, got {type(source).__name__}")
    check_nesting(text, file=name)

    def refuse_constant(token: str) -> Any:
        raise SpecError(f"{token} is not a number a result may hold", file=name)

    try:
        data = json.loads(text, parse_constant=refuse_constant)
    except json.JSONDecodeError as err:
        raise SpecError(err.msg, file=name, line=err.lineno, column=err.colno) from None
    except (ValueError, RecursionError) as err:
        if isinstance(err, SpecError):
            raise
        raise SpecError(f"not readable as JSON: {err}", file=name) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SpecError(f"not a gametheory result (expected a JSON object with format {FORMAT!r})", file=name,
                        key="format")
    check_data(data, file=name)
    return data, name


def _field(data: Any, key: str, kind: type | tuple[type, ...], file: str, where: str = "") -> Any:
    """``data[key]`` of the expected JSON type, or a SpecError naming the key path."""
    path = f"{where}.{key}" if where else key
    if not isinstance(data, dict) or key not in data:
        raise SpecError("missing", file=file, key=path)
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple)
                                                                                else (kind,)):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise SpecError(f"expected {names}, got {type(value).__name__}", file=file, key=path)
    return value


def _probability(value: Any, exact: bool, file: str, key: str) -> Any:
    """One stored probability or payoff: ``"p/q"`` text when exact, a finite JSON number otherwise."""
    if exact:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise SpecError(f"expected an exact number such as \"2/3\", got {type(value).__name__}", file=file, key=key)
        return fraction_from_digits(str(value), file=file, key=key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SpecError(f"expected a number, got {type(value).__name__}", file=file, key=key)
    v = float(value)
    if not math.isfinite(v):
        raise SpecError(f"{value} is not a finite number", file=file, key=key)
    return v


def _float_profile(game: Game, eq: dict, file: str, where: str) -> tuple:
    """The stored float profile of an irrational equilibrium (finite, one distribution per player)."""
    stored = _field(eq, "profile", dict, file, where)
    prof = []
    for i, p in enumerate(game.players):
        probs = _field(stored, p, dict, file, f"{where}.profile")
        unknown = set(probs) - set(game.strategies[i])
        if unknown:
            raise SpecError(f"unknown strategies of {p}: {sorted(unknown)}", file=file, key=f"{where}.profile.{p}")
        prof.append(tuple(_probability(probs[s], False, file, f"{where}.profile.{p}.{s}") if s in probs else 0.0
                          for s in game.strategies[i]))
    return tuple(prof)


def _with_irrational(sol: Solution, stored: dict[int, tuple], file: str) -> Solution:
    """Put the irrational equilibria back, each matched to an exactly verified one of a fresh solve.

    Their exact values are algebraic numbers written as text, which is never evaluated; instead
    the game is solved again (the polynomial method verifies irrational equilibria exactly in
    their number field) and every stored float profile must agree, within 1e-9 on every
    probability, with one irrational equilibrium found afresh.
    """
    from dataclasses import replace

    from .algebraic import AlgebraicEquilibrium
    from .solvers import solve

    # isinstance, not hasattr: reading exact_profile would build the sympy numbers (slow at high degree)
    fresh = [e for e in solve(sol.game).equilibria if isinstance(e, AlgebraicEquilibrium)]
    out, rational = [], iter(sol.equilibria)
    for k in range(len(sol.equilibria) + len(stored)):
        if k not in stored:
            out.append(next(rational))
            continue
        match = next((e for e in fresh if all(abs(float(a) - b) <= 1e-9 for v, w in zip(e.profile, stored[k])
                                               for a, b in zip(v, w))), None)
        if match is None:
            raise SpecError("this irrational equilibrium is not among the game's exactly verified equilibria "
                            "(solved again to check it)", file=file, key=f"result.equilibria[{k}]")
        out.append(match)
    return replace(sol, equilibria=tuple(out))


def _load_normal_form(data: dict, name: str, *, resolve: bool) -> Solution:
    import time

    started = time.perf_counter()
    block = _field(data, "game", dict, name)
    canonical = _field(block, "canonical", dict, name, "game")
    try:
        game = _game_from_canonical(canonical, name)
    except GameTheoryError as err:
        raise SpecError(f"cannot rebuild the game: {err}", file=name, key="game.canonical") from None
    if game_digest(game) != block.get("sha256"):
        raise SpecError("the game does not match its SHA-256 digest", file=name, key="game.sha256")
    res = _field(data, "result", dict, name)
    method = _field(res, "method", str, name, "result")
    complete = _field(res, "complete", bool, name, "result")
    notes = _field(res, "notes", list, name, "result") if "notes" in res else []
    if not all(isinstance(n, str) for n in notes):
        raise SpecError("expected a list of strings", file=name, key="result.notes")
    parameters = _field(res, "parameters", dict, name, "result") if "parameters" in res else {}
    profiles = []
    recorded = []
    irrational: dict[int, tuple] = {}  # index -> stored float profile of an irrational equilibrium
    for k, eq in enumerate(_field(res, "equilibria", list, name, "result")):
        where = f"result.equilibria[{k}]"
        if not isinstance(eq, dict):
            raise SpecError("expected an object", file=name, key=where)
        if game.exact and "exact_profile" in eq:
            irrational[k] = _float_profile(game, eq, name, where)
            continue
        stored = _field(eq, "profile", dict, name, where)
        unknown_players = set(stored) - set(game.players)
        if unknown_players:
            raise SpecError(f"unknown players {sorted(unknown_players)}", file=name, key=f"{where}.profile")
        prof = []
        for i, p in enumerate(game.players):
            probs = _field(stored, p, dict, name, f"{where}.profile")
            unknown = set(probs) - set(game.strategies[i])
            if unknown:
                raise SpecError(f"unknown strategies of {p}: {sorted(unknown)}", file=name, key=f"{where}.profile.{p}")
            prof.append(tuple(_probability(probs[s], game.exact, name, f"{where}.profile.{p}.{s}") if s in probs
                              else (Fraction(0) if game.exact else 0.0) for s in game.strategies[i]))
        profiles.append(tuple(prof))
        if "payoffs" in eq:
            pay = _field(eq, "payoffs", dict, name, where)
            recorded.append(tuple(_probability(_field(pay, p, (str, int, float), name, f"{where}.payoffs"),
                                               game.exact, name, f"{where}.payoffs.{p}") for p in game.players))
        else:
            recorded.append(None)
    try:
        sol = make_solution(game, method, profiles, complete=complete, started=started,
                            parameters=parameters, notes=tuple(notes))
    except GameTheoryError as err:  # a failed certificate or a profile that is not a distribution
        raise SpecError(f"re-verification failed: {err}", file=name, key="result.equilibria") from None
    if len(sol.equilibria) != len(profiles):
        raise SpecError("the same equilibrium is listed twice", file=name, key="result.equilibria")
    if irrational:
        sol = _with_irrational(sol, irrational, name)
    from .algebraic import AlgebraicEquilibrium

    rational_eqs = [e for e in sol.equilibria if not isinstance(e, AlgebraicEquilibrium)]
    for k, (eq, rec) in enumerate(zip(rational_eqs, recorded)):
        if rec is None:
            continue
        same = rec == eq.payoffs if game.exact else all(
            abs(a - float(b)) <= game.tol * s for a, b, s in zip(rec, eq.payoffs, payoff_scales(game)))
        if not same:
            raise SpecError(f"recorded payoffs {[_exact.format_number(v) for v in rec]} differ from the "
                            f"recomputed {[_exact.format_number(v) for v in eq.payoffs]}", file=name,
                            key=f"result.equilibria[{k}].payoffs")
    if resolve:
        from .solvers import solve

        fresh = solve(game)
        if {e.profile for e in fresh.equilibria} != {e.profile for e in sol.equilibria}:
            raise SpecError("a fresh solve finds a different set of equilibria", file=name, key="result.equilibria")
    return sol


def _rebuild_sequential(data: Mapping[str, Any], name: str) -> Any:
    from .io.spec import _game_from, load, loads_spec

    block = data["game"]
    params = data.get("parameters") or None
    text = block.get("source_text")
    src = block.get("source")
    if text is not None:
        import hashlib as _h

        if block.get("source_sha256") and _h.sha256(text.encode("utf-8")).hexdigest() != block["source_sha256"]:
            raise SpecError("the stored source text does not match its SHA-256 digest", file=name,
                            key="game.source_text")
        spec = loads_spec(text, file=f"{name}: game.source_text", path=src)
        return _game_from(spec, params)
    if src is not None and Path(src).exists():
        return load(src, params)
    if "canonical" in block:
        return _sequential_from_canonical(block["canonical"])
    raise SpecError("a sequential result needs its source (game.source_text, game.source or game.canonical)",
                    file=name, key="game.source")


def _sequential_from_canonical(data: Mapping[str, Any]) -> Any:
    """Rebuild the expanded tree from :func:`canonical_sequential` data (children after parents, pre-order)."""
    from .sequential import Chance, Decision, SequentialGame, Stage, Terminal

    exact = data.get("exact", True)
    positions = data["positions"]
    # children of each position: pre-order means a position's subtree follows it directly
    kids: list[list[int]] = [[] for _ in positions]
    stack: list[int] = []
    for k, pos in enumerate(positions):
        while stack and len(kids[stack[-1]]) >= len(positions[stack[-1]].get("edges", ())):
            stack.pop()
        if stack:
            kids[stack[-1]].append(k)
        if pos.get("edges"):
            stack.append(k)
    nodes: list[Any] = [None] * len(positions)
    for k in range(len(positions) - 1, -1, -1):
        pos = positions[k]
        edges = pos.get("edges", [])
        children = [nodes[c] for c in kids[k]]
        kind = pos["kind"]
        if kind == "terminal":
            nodes[k] = Terminal({p: _number(v, exact) for p, v in pos["payoffs"].items()})
        elif kind == "decision":
            nodes[k] = Decision(pos["player"], dict(zip(edges, children)), infoset=pos.get("infoset"))
        elif kind == "chance":
            nodes[k] = Chance({e: (_number(p, exact), c) for e, p, c in zip(edges, pos["probabilities"], children)})
        else:
            g = _game_from_canonical(pos["game"])
            import itertools

            profiles = itertools.product(*g.strategies)
            nodes[k] = Stage(g, {prof: c for prof, c in zip(profiles, children)}, players=tuple(pos["players"]),
                             label=pos.get("name"), infosets=pos.get("infosets"))
    return SequentialGame(nodes[0], players=data["players"], title=data.get("title"),
                          discount=_number(data.get("discount", 1), exact))


def _load_sequential(data: Mapping[str, Any], name: str, *, resolve: bool) -> Any:
    import time

    from .extensive.behaviour import expected_payoffs, nash_regret, subgame_regret
    from .extensive.result import TreeEquilibrium
    from .sequential import Decision, SequentialSolution, Stage, SubgamePerfectEquilibrium
    from .sequential.verify import one_shot_regret, position_values

    started = time.perf_counter()
    game = _rebuild_sequential(data, name)
    if game_digest(game) != data["game"].get("sha256"):
        raise SpecError("the rebuilt game does not match its SHA-256 digest (did a sub-game file change?)",
                        file=name, key="game.sha256")
    res = data["result"]
    concept = res.get("concept", "subgame-perfect")
    exact = game.exact
    tol = _exact.DEFAULT_TOL
    equilibria = []
    for n, eq in enumerate(res["equilibria"], 1):
        where = f"result.equilibria[{n - 1}]"
        choices: list[Any] = [None] * game.num_positions
        strategy = eq.get("strategy", {})
        for k, pos in enumerate(game.positions):
            node = pos.node
            if not isinstance(node, (Decision, Stage)):
                continue
            nid = game.node_id(k)
            if nid not in strategy:
                raise SpecError(f"equilibrium {n} has no choice at position {nid!r}", file=name, key=where)
            ch = strategy[nid]
            try:
                if isinstance(node, Decision):
                    c = ch[node.player]
                    if isinstance(c, str):
                        choices[k] = node.actions.index(c)
                    else:
                        unknown = set(c) - set(node.actions)
                        if unknown:
                            raise ValueError(f"unknown actions {sorted(unknown)}")
                        choices[k] = tuple(_number(c.get(a, 0), exact) for a in node.actions)
                else:
                    vecs = []
                    for i, p in enumerate(node.players):
                        c = ch[p]
                        labels = node.game.strategies[i]
                        probs = {c: "1"} if isinstance(c, str) else c
                        unknown = set(probs) - set(labels)
                        if unknown:
                            raise ValueError(f"unknown strategies {sorted(unknown)}")
                        vec = tuple(_probability(probs[s], exact, name, f"{where}.strategy") if s in probs
                                    else (Fraction(0) if exact else 0.0) for s in labels)
                        total = sum(vec)
                        if any(v < 0 for v in vec) or (total != 1 if exact else not abs(total - 1) <= tol * len(vec)):
                            raise ValueError(f"the strategy of {p} is not a probability distribution")
                        vecs.append(vec)
                    choices[k] = tuple(vecs)
            except (KeyError, ValueError, TypeError) as err:
                raise SpecError(f"equilibrium {n}: bad choice at {nid!r}: {err}", file=name, key=where) from None
        probe = TreeEquilibrium(game, tuple(choices), ())
        try:
            profile = probe.profile
            for h, vec in zip(game.infosets, profile):  # one behaviour per information set
                for k in h.positions:
                    node = game.positions[k].node
                    mine = probe.move_probabilities(k) if isinstance(node, Decision) else \
                        choices[k][node.players.index(h.player)]
                    if tuple(mine) != tuple(vec):
                        raise ValueError(f"information set {h.name!r} of {h.player} is played differently at "
                                         f"{game.node_id(k)!r}")
        except ValueError as err:
            raise SpecError(f"equilibrium {n}: {err}", file=name, key=where) from None
        if concept == "Nash":
            regret = nash_regret(game.flat, profile)
        elif game.subgame_at_every_position:
            regret = one_shot_regret(game, choices)
        else:
            regret = subgame_regret(game.flat, profile)
        if (regret != 0) if exact else (float(regret) > tol):
            test = "Nash" if concept == "Nash" else "one-shot deviation" if game.subgame_at_every_position else "subgame"
            raise SpecError(f"equilibrium {n} fails the {test} test: a player gains {regret} by deviating",
                            file=name, key=where)
        payoffs = position_values(game, choices)[0] if game.subgame_at_every_position else \
            expected_payoffs(game.flat, profile)
        recorded = tuple(_probability(eq["payoffs"][p], exact, name, f"{where}.payoffs.{p}") for p in game.players)
        same = payoffs == recorded if exact else all(abs(float(a) - float(b)) <= tol for a, b in zip(payoffs, recorded))
        if not same:
            raise SpecError(f"equilibrium {n}: recorded payoffs {recorded} differ from the recomputed {payoffs}",
                            file=name, key=where)
        cls = SubgamePerfectEquilibrium if concept == "subgame-perfect" else TreeEquilibrium
        equilibria.append(cls(game, tuple(choices), tuple(payoffs), regret))
    sol = SequentialSolution(
        game=game, method=res["method"], equilibria=tuple(equilibria), complete=res["complete"],
        exact=res["exact"], parameters=res.get("parameters", {}), elapsed=time.perf_counter() - started,
        version=res.get("version", data.get("version", "")), notes=tuple(res.get("notes", ())), concept=concept,
    )
    if resolve:
        from .extensive.nash import nash_equilibria
        from .sequential import subgame_perfect_equilibria

        if concept == "Nash":
            fresh = nash_equilibria(game)
        elif concept == "sequential":
            from .extensive.concepts import solve_concept

            fresh = solve_concept(game, "sequential")
        else:
            fresh = subgame_perfect_equilibria(game)
        if sorted(map(repr, (e.choices for e in fresh))) != sorted(map(repr, (e.choices for e in sol))):
            raise SpecError(f"a fresh solve finds a different set of {concept} equilibria", file=name,
                            key="result.equilibria")
    return sol
