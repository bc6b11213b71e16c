"""Provenance: results as self-describing JSON that can be read back and re-verified.

A result file records the package version, the method and its parameters, the
game's title and its canonical form with a SHA-256 digest (and the digest of
its source file when known), parameter values and a UTC timestamp.
:func:`load_result` rebuilds the game, checks the digest and re-verifies every
equilibrium's certificate, so a number cited in a paper can be re-checked.

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
import os
from pathlib import Path
from typing import IO, Any, Mapping

from . import exact as _exact
from .errors import SpecError
from .game import Game
from .solution import Solution, make_solution

__all__ = ["canonical_game", "game_digest", "file_digest", "result_to_dict", "result_to_json", "load_result"]

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


def _game_from_canonical(data: Mapping[str, Any]) -> Game:
    payoffs = data["payoffs"]
    if data["kind"] == "float":
        import numpy as np

        payoffs = np.array(payoffs, dtype=object).astype(float)
    return Game(payoffs, players=data["players"], strategies=data["strategies"], title=data.get("title"))


def game_digest(game: Game) -> str:
    """SHA-256 of the game's canonical form (independent of how it was built).

    Examples
    --------
    >>> game_digest(Game.zero_sum([[1]])) == game_digest(Game.zero_sum([["1"]]))
    True
    """
    text = json.dumps(canonical_game(game), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes (the source of a game)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def result_to_dict(
    solution: Solution,
    *,
    source: str | os.PathLike[str] | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON-ready provenance record of a solution (see the module docstring)."""
    data = solution.to_dict()
    game_block: dict[str, Any] = {"canonical": canonical_game(solution.game), "sha256": game_digest(solution.game)}
    if source is not None:
        game_block["source"] = str(source)
        game_block["source_sha256"] = file_digest(source)
    return {
        "format": FORMAT,
        "version": solution.version,
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "parameters": {k: _exact.json_number(v) if not isinstance(v, str) else v for k, v in (parameters or {}).items()},
        "game": game_block,
        "result": data,
    }


def result_to_json(solution: Solution, file: str | os.PathLike[str] | None = None, **kwargs: Any) -> str:
    """Write the provenance record as JSON to ``file``; return the text.

    Keyword arguments go to :func:`result_to_dict` (``source``, ``parameters``).
    """
    text = json.dumps(result_to_dict(solution, **kwargs), indent=2, ensure_ascii=False)
    if file is not None:
        Path(file).write_text(text + "\n", encoding="utf-8")
    return text


def _number(v: Any, exact: bool) -> Any:
    return _exact.to_number(v) if exact else float(v)


def load_result(source: str | os.PathLike[str] | IO[str]) -> Solution:
    """Read a result written by :func:`result_to_json` and re-verify it.

    ``source`` is a path, a file object or the JSON text itself. The game is
    rebuilt from its canonical form and its digest checked; each equilibrium is
    re-verified (exact regret 0 for exact games).

    Raises
    ------
    SpecError
        The file is not a result, its digest does not match, or an equilibrium
        fails verification.
    """
    name = "<string>"
    if hasattr(source, "read"):
        text = source.read()  # type: ignore[union-attr]
        name = getattr(source, "name", name)
    elif isinstance(source, str) and source.lstrip().startswith("{"):
        text = source
    else:
        name = str(source)
        text = Path(source).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SpecError(err.msg, file=name, line=err.lineno, column=err.colno) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SpecError(f"not a gametheory result (expected format {FORMAT!r})", file=name, key="format")
    try:
        game = _game_from_canonical(data["game"]["canonical"])
    except (KeyError, TypeError, ValueError) as err:
        raise SpecError(f"cannot rebuild the game: {err}", file=name, key="game.canonical") from None
    if game_digest(game) != data["game"].get("sha256"):
        raise SpecError("the game does not match its SHA-256 digest", file=name, key="game.sha256")
    res = data["result"]
    profiles = []
    import time

    started = time.perf_counter()
    for k, eq in enumerate(res["equilibria"]):
        prof = []
        for i, p in enumerate(game.players):
            probs = eq["profile"][p]
            prof.append(
                tuple(_number(probs.get(s, 0), game.exact) if s in probs else (_exact.to_number(0) if game.exact else 0.0)
                      for s in game.strategies[i])
            )
        profiles.append(tuple(prof))
    try:
        sol = make_solution(
            game, res["method"], profiles, complete=res["complete"], started=started,
            parameters=res.get("parameters", {}), notes=res.get("notes", ()),
        )
    except Exception as err:  # a failed certificate must name the file
        raise SpecError(f"re-verification failed: {err}", file=name, key="result.equilibria") from None
    return sol
