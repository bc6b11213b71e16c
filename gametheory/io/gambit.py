"""Gambit interchange: read and write ``.nfg`` (strategic) and ``.efg`` (extensive) files.

Gambit's text formats are the field's interchange formats (McKelvey, McLennan &
Turocy, *Gambit: Software Tools for Game Theory*, https://www.gambit-project.org,
"Game representation formats"). This module is an independent implementation of
those formats (its own tokenizer and parser; no Gambit code).

* :func:`read_nfg` / :func:`write_nfg`: a strategic game ⇄ :class:`gametheory.Game`.
  Both versions of the format are read: the **payoff version** (a flat list of
  payoffs) and the **outcome version** (a list of outcomes, then one outcome
  number per profile, ``0`` meaning "all payoffs zero"). Strategies may be given
  by name (``{ { "a" "b" } { "x" "y" } }``) or by count (``{ 2 2 }``). In both
  versions profiles are listed with the **first player's strategy changing
  fastest**.
* :func:`read_efg` / :func:`write_efg`: a game tree ⇄ :class:`~gametheory.extensive.ExtensiveGame`
  (chance nodes, information sets, labelled players, actions, nodes and outcomes).

Numbers are **exact**: integers and rationals (``2/3``) become ``Fraction``, and
decimals (``0.25``, ``1.5e-3``) become the exact ``Fraction`` of the decimal
written, as Gambit also treats them (``0.1`` is 1/10, not the nearest binary
float). A game read from a Gambit file is therefore always an exact game.
Writers print exact numbers as ``n`` or ``n/d`` and floats as the shortest
decimal that round-trips (so a float game comes back as an exact game with
those decimal values).

Readers take a path or a file object (text or binary; UTF-8 unless told) and
raise :class:`~gametheory.errors.SpecError` with file, line and column for
malformed input. Writers take an optional path or file object and return the
text when given none.

Examples
--------
>>> import io
>>> from gametheory import Game
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Col"),
...                         strategies=(("C", "D"), ("C", "D")), title="PD")
>>> text = write_nfg(pd)
>>> print(text)
NFG 1 R "PD" { "Row" "Col" }
<BLANKLINE>
{ { "C" "D" }
{ "C" "D" }
}
""
<BLANKLINE>
3 3
5 0
0 5
1 1
<BLANKLINE>
>>> read_nfg(io.StringIO(text)) == pd
True
"""

from __future__ import annotations

import bisect
import io
import math
import os
import re
import warnings
from decimal import Decimal
from fractions import Fraction
from typing import IO, Any, Sequence, Union

import numpy as np

from ..errors import GameTheoryError, GameTheoryWarning, InvalidGameError, SpecError
from .. import limits as _limits
from ..game import MAX_ENTRIES, Game

__all__ = ["read_nfg", "write_nfg", "read_efg", "write_efg", "GambitLabelWarning"]

PathOrFile = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]

#: Largest decimal exponent accepted in a number (``1e400`` is fine, ``1e99999999`` is not).
MAX_EXPONENT = 1000
#: Longest digit string accepted in one number (the package-wide bound of :mod:`gametheory.limits`).
MAX_DIGITS = _limits.MAX_DIGITS
#: Most players of a strategic game (the payoff array has one dimension per player, plus one;
#: numpy handles up to 32 dimensions in every operation).
MAX_PLAYERS = 31
#: Most nodes accepted in an ``.efg`` file.
MAX_NODES = 10**6
#: Deepest tree accepted in an ``.efg`` file (paths to nodes are tuples of this length).
MAX_DEPTH = 2000


class GambitLabelWarning(GameTheoryWarning):
    """A label is valid in the file format but Gambit 16.7+ will refuse it.

    Gambit 16.7 accepts only labels of printable ASCII characters with single spaces
    between words (no leading, trailing or double spaces), refuses repeated node labels
    and repeated labels of one player's information sets, and misreads a backslash before
    a quote, before another backslash or at the end of a label. (It also renames repeated
    action or outcome labels, and empty outcome labels, on reading.) The writers still
    write such labels faithfully (this module reads them back unchanged), and warn.

    Examples
    --------
    >>> import warnings
    >>> from gametheory import Game
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = write_nfg(Game.zero_sum([[0]], players=("Россия", "US")))
    >>> caught[0].category.__name__
    'GambitLabelWarning'
    """


_GAMBIT_LABEL = re.compile(r"(?:[!-~]+(?: [!-~]+)*)?")
_GAMBIT_BACKSLASH = re.compile(r'\\(?=["\\]|\Z)')


def _warn_labels(labels: Any) -> None:
    # pygambit 16.7 misreads an escaped backslash, so those are not portable either
    bad = [lab for lab in labels if not _GAMBIT_LABEL.fullmatch(lab) or _GAMBIT_BACKSLASH.search(lab)]
    if bad:
        warnings.warn(
            f"{len(bad)} label(s) such as {bad[0]!r} will be rejected by Gambit 16.7+ (printable ASCII with "
            "single inner spaces only); gametheory reads them back unchanged",
            GambitLabelWarning,
            stacklevel=3,
        )


# -- reading text -------------------------------------------------------------------


def _read_text(source: PathOrFile, encoding: str) -> tuple[str, str]:
    """Return ``(text, name)`` of a path or file object, within the package's input limits."""
    return _limits.read_text(source, encoding=encoding)


# -- tokenizer ------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""(?P<ws>[\s,]+)
      | (?P<str>"(?:[^"\\]|\\.)*")
      | (?P<lb>\{) | (?P<rb>\})
      | (?P<badstr>")
      | (?P<word>[^\s,{}"]+)""",
    re.VERBOSE | re.DOTALL,
)
# ASCII digits only: "١" or "５" are not numbers in a Gambit file
_DECIMAL = re.compile(r"[+-]?([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?")
_RATIONAL = re.compile(r"[+-]?([0-9]+)/([0-9]+)")
_INTEGER = re.compile(r"[0-9]+")
_ESCAPE = re.compile(r'\\(["\\])')  # \" and \\ are escapes; other backslashes are literal (as in Gambit)
_NEEDS_ESCAPE = re.compile(r'"|\\(?=["\\]|\Z)')

# token kinds
STR, WORD, LB, RB, EOF = "string", "word", "{", "}", "end of file"
_KINDS = {"str": STR, "word": WORD, "lb": LB, "rb": RB}


class _Tokens:
    """A token list with positions, and SpecError helpers that know line and column."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self._line_starts: list[int] | None = None
        self._numbers: dict[str, Fraction] = {}
        toks: list[tuple[str, str, int]] = []
        for m in _TOKEN.finditer(text):
            kind = m.lastgroup
            if kind == "ws":
                continue
            if kind == "badstr":
                self.pos = len(toks)
                raise self.error_at(m.start(), "unterminated string (a '\"' without its closing quote)")
            toks.append((_KINDS[kind], m.group(), m.start()))
        # every character is matched by some alternative, so finditer covers the whole text
        toks.append((EOF, "", len(text)))
        self.toks = toks
        self.pos = 0

    # positions and errors
    def where(self, offset: int) -> tuple[int, int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        k = bisect.bisect_right(self._line_starts, offset) - 1
        return k + 1, offset - self._line_starts[k] + 1

    def error_at(self, offset: int, message: str) -> SpecError:
        line, col = self.where(offset)
        return SpecError(message, file=self.name, line=line, column=col)

    def error(self, message: str, tok: tuple[str, str, int] | None = None) -> SpecError:
        tok = tok or self.toks[self.pos]
        return self.error_at(tok[2], message)

    # access
    def peek(self) -> tuple[str, str, int]:
        return self.toks[self.pos]

    def next(self) -> tuple[str, str, int]:
        tok = self.toks[self.pos]
        if tok[0] != EOF:
            self.pos += 1
        return tok

    @staticmethod
    def describe(tok: tuple[str, str, int]) -> str:
        kind, text, _ = tok
        if kind == EOF:
            return "the end of the file"
        shown = text if len(text) <= 30 else text[:27] + "..."
        return f"{kind} {shown!r}" if kind in (STR, WORD) else f"'{text}'"

    def expect(self, kind: str, what: str) -> tuple[str, str, int]:
        tok = self.next()
        if tok[0] != kind:
            raise self.error(f"expected {what}, found {self.describe(tok)}", tok)
        return tok

    def expect_word(self, words: Sequence[str], what: str) -> str:
        tok = self.next()
        if tok[0] != WORD or tok[1] not in words:
            raise self.error(f"expected {what}, found {self.describe(tok)}", tok)
        return tok[1]

    def string(self, what: str) -> str:
        tok = self.expect(STR, what)
        body = tok[1][1:-1]
        return _ESCAPE.sub(lambda m: m.group(1), body) if "\\" in body else body

    def integer(self, what: str) -> tuple[int, tuple[str, str, int]]:
        tok = self.next()
        if tok[0] != WORD or not _INTEGER.fullmatch(tok[1]):
            raise self.error(f"expected {what} (a non-negative integer), found {self.describe(tok)}", tok)
        if len(tok[1]) > 18:
            raise self.error(f"{what} {tok[1][:20]}... is too large", tok)
        return int(tok[1]), tok

    def number(self, what: str) -> Fraction:
        tok = self.next()
        if tok[0] != WORD:
            raise self.error(f"expected {what} (a number such as 3, -2/3 or 0.25), found {self.describe(tok)}", tok)
        return self.to_fraction(tok, what)

    def to_fraction(self, tok: tuple[str, str, int], what: str) -> Fraction:
        # payoffs repeat a lot in real files: parse each distinct text once
        value = self._numbers.get(tok[1])
        if value is None:
            value = self._numbers[tok[1]] = self._parse_number(tok, what)
        return value

    def _parse_number(self, tok: tuple[str, str, int], what: str) -> Fraction:
        text = tok[1]
        m = _RATIONAL.fullmatch(text)
        if m:
            if len(m.group(1)) > MAX_DIGITS or len(m.group(2)) > MAX_DIGITS:
                raise self.error(f"{what} has more than {MAX_DIGITS} digits", tok)
            den = int(m.group(2))
            if den == 0:
                raise self.error(f"{what} {text} divides by zero", tok)
            num = int(m.group(1))
            return self._bounded(Fraction(-num if text[0] == "-" else num, den), tok, what)
        m = _DECIMAL.fullmatch(text)
        if m and (m.group(1) or m.group(2)):
            whole, frac, exp = m.group(1), m.group(2) or "", m.group(3)
            if len(whole) + len(frac) > MAX_DIGITS:
                raise self.error(f"{what} has more than {MAX_DIGITS} digits", tok)
            e = int(exp) if exp and len(exp) <= 10 else (0 if not exp else MAX_EXPONENT + 1)
            e -= len(frac)
            if abs(e) > MAX_EXPONENT:
                raise self.error(f"{what} {text[:30]} has an exponent beyond ±{MAX_EXPONENT}", tok)
            if e > 0 and (len(whole) + len(frac) + e) > MAX_DIGITS:
                raise self.error(f"{what} {text[:30]} is too large for exact arithmetic "
                                 f"(more than {_limits.MAX_BITS} bits)", tok)
            value = Fraction(int(whole + frac or "0")) * (Fraction(10) ** e)
            return self._bounded(-value if text[0] == "-" else value, tok, what)
        raise self.error(f"expected {what} (a number such as 3, -2/3 or 0.25), found {self.describe(tok)}", tok)

    def _bounded(self, value: Fraction, tok: tuple[str, str, int], what: str) -> Fraction:
        if max(value.numerator.bit_length(), value.denominator.bit_length()) > _limits.MAX_BITS:
            raise self.error(f"{what} {tok[1][:30]} is too large for exact arithmetic "
                             f"(more than {_limits.MAX_BITS} bits)", tok)
        return value

    def remaining(self) -> int:
        """Tokens left to read (before the end-of-file token)."""
        return len(self.toks) - 1 - self.pos

    def at(self, kind: str) -> bool:
        return self.toks[self.pos][0] == kind

    def end(self, what: str) -> None:
        tok = self.peek()
        if tok[0] != EOF:
            raise self.error(f"unexpected {self.describe(tok)} after {what}", tok)


def _unique_labels(labels: list[str], default: Any, what: str, toks: _Tokens, tok: tuple[str, str, int]) -> list[str]:
    """Fill empty labels with defaults; duplicates are an error (gametheory needs unique labels)."""
    out = [lab if lab != "" else default(k) for k, lab in enumerate(labels)]
    seen: set[str] = set()
    for lab in out:
        if lab in seen:
            raise toks.error(f"duplicate {what} label {lab!r} (labels must be unique)", tok)
        seen.add(lab)
    return out


def _header(toks: _Tokens, magic: str, version: int) -> tuple[str, list[str], tuple[str, str, int]]:
    toks.expect_word([magic], f"'{magic}' at the start of a Gambit .{magic.lower()} file")
    v, tok = toks.integer("the format version")
    if v != version:
        raise toks.error(f"unsupported {magic} format version {v} (expected {version})", tok)
    toks.expect_word(["R", "D"], "'R' or 'D' (the number type)")
    title = toks.string("the title (a quoted string)")
    players_tok = toks.expect(LB, "'{' opening the list of players")
    players = []
    while not toks.at(RB):
        players.append(toks.string("a player name (a quoted string) or '}'"))
    toks.next()
    return title, players, players_tok


# -- .nfg -------------------------------------------------------------------------


def read_nfg(path_or_file: PathOrFile, *, encoding: str = "utf-8") -> Game:
    """Read a Gambit strategic-form (``.nfg``) file as an exact :class:`~gametheory.Game`.

    Both the payoff version and the outcome version of the format are read, with
    strategies given by name or by count. Numbers are exact (decimals are read as
    the exact decimal value, ``0.1`` = 1/10). Empty labels get the defaults
    (``"Player k"``, strategies ``"1"``, ``"2"``, ...); an empty title gives
    ``title=None``. The file's comment is not kept (a ``Game`` has no comment).

    Parameters
    ----------
    path_or_file : str, os.PathLike or file object
        A path, or an open text or binary file.
    encoding : str, default "utf-8"
        Used for paths and binary files (older Gambit files may be ``"latin-1"``).

    Returns
    -------
    Game

    Raises
    ------
    SpecError
        Malformed file (with file, line and column), duplicate labels, wrong number
        of payoffs, an outcome number out of range, or more than ``MAX_ENTRIES`` payoffs.

    Examples
    --------
    Payoff version, strategies by count (player 1's strategy changes fastest):

    >>> import io
    >>> g = read_nfg(io.StringIO('NFG 1 R "Chicken" { "A" "B" } { 2 2 }  0 0  1 -1  -1 1  -1/2 -0.5'))
    >>> g.players, g.strategies, g.title
    (('A', 'B'), (('1', '2'), ('1', '2')), 'Chicken')
    >>> g.payoff_array("A").tolist()
    [[Fraction(0, 1), Fraction(-1, 1)], [Fraction(1, 1), Fraction(-1, 2)]]

    Outcome version (outcome 0 means all payoffs are zero):

    >>> text = '''NFG 1 R "" { "Row" "Col" }
    ... { { "Up" "Down" } { "Left" "Right" } }
    ... "a comment"
    ... { { "win" 1, -1 } { "lose \\\\"badly\\\\"" -1, 1 } }
    ... 1 2 0 1'''
    >>> g = read_nfg(io.StringIO(text))
    >>> g[("Down", "Left")], g[("Up", "Right")], g.title is None
    ((Fraction(-1, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(0, 1)), True)
    >>> read_nfg(io.StringIO('NFG 1 R "x" { "A" } { 2 } 1'))
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: <stream>:1:28: expected a payoff, found the end of the file (the header declares 2 profiles, which need 2 payoffs; 1 follow)
    """
    text, name = _read_text(path_or_file, encoding)
    toks = _Tokens(text, name)
    title, players, players_tok = _header(toks, "NFG", 1)
    if not players:
        raise toks.error("a strategic game needs at least one player", players_tok)
    if len(players) > MAX_PLAYERS:
        raise toks.error(f"{len(players)} players: at most {MAX_PLAYERS} are supported (numpy's dimension limit)", players_tok)
    n = len(players)
    players = _unique_labels(players, lambda k: f"Player {k + 1}", "player", toks, players_tok)

    strat_tok = toks.expect(LB, "'{' opening the strategies (names or counts)")
    strategies: list[list[str]] = []
    if toks.at(LB):
        while not toks.at(RB):
            list_tok = toks.expect(LB, "'{' opening a player's strategy names, or '}'")
            names = []
            while not toks.at(RB):
                names.append(toks.string("a strategy name (a quoted string) or '}'"))
            toks.next()
            if not names:
                raise toks.error(f"player {len(strategies) + 1} has no strategies", list_tok)
            strategies.append(names)
    else:
        counts = []
        while not toks.at(RB):
            count, tok = toks.integer("a number of strategies or '}'")
            if count < 1:
                raise toks.error(f"player {len(counts) + 1} has no strategies", tok)
            if count > MAX_ENTRIES:
                raise toks.error(f"{count} strategies is more than the limit of {MAX_ENTRIES}", tok)
            counts.append(count)
        if math.prod(counts) * max(n, 1) > MAX_ENTRIES:  # measured before any label is allocated
            raise toks.error(f"the game has {math.prod(counts) * n} payoffs; the limit is {MAX_ENTRIES}", strat_tok)
        strategies = [[""] * count for count in counts]
    toks.next()
    if len(strategies) != n:
        raise toks.error(f"{len(strategies)} strategy lists for {n} players", strat_tok)
    shape = tuple(len(s) for s in strategies)
    profiles = math.prod(shape)
    if profiles * n > MAX_ENTRIES:
        raise toks.error(f"the game has {profiles * n} payoffs; the limit is {MAX_ENTRIES}", strat_tok)
    strategies = [
        _unique_labels(s, lambda k: str(k + 1), f"strategy of {players[i]!r}", toks, strat_tok)
        for i, s in enumerate(strategies)
    ]
    if toks.at(STR):
        toks.string("a comment")

    # The file must hold a number per payoff (or an outcome index per profile) before the arrays
    # are allocated: a 300-byte header cannot make us reserve gigabytes.
    needed = profiles if toks.at(LB) else profiles * n
    if toks.remaining() < needed:
        what = "outcome number" if toks.at(LB) else "payoff"
        raise toks.error(f"expected a {what}, found the end of the file (the header declares {profiles} "
                         f"profiles, which need {needed} {what}s; {toks.remaining()} follow)", toks.toks[-1])
    values = np.empty((profiles, n), dtype=object)
    if toks.at(LB):  # outcome version
        toks.next()
        outcomes: list[list[Fraction]] = [[Fraction(0)] * n]  # outcome 0: all zero
        while not toks.at(RB):
            out_tok = toks.expect(LB, "'{' opening an outcome, or '}'")
            toks.string("the outcome's name (a quoted string)")
            pay = []
            while not toks.at(RB):
                pay.append(toks.number("a payoff"))
            toks.next()
            if len(pay) != n:
                raise toks.error(f"outcome {len(outcomes)} has {len(pay)} payoffs for {n} players", out_tok)
            outcomes.append(pay)
        toks.next()
        for k in range(profiles):
            idx, tok = toks.integer("an outcome number")
            if idx >= len(outcomes):
                raise toks.error(f"outcome {idx} is not defined (there are {len(outcomes) - 1} outcomes)", tok)
            values[k] = outcomes[idx]
    else:  # payoff version
        for k in range(profiles):
            for i in range(n):
                values[k, i] = toks.number("a payoff")
    toks.end("the last payoff")

    # row k of `values` is the k-th profile with player 1 changing fastest: Fortran order
    payoffs = np.empty((n, *shape), dtype=object)
    for i in range(n):
        payoffs[i] = values[:, i].reshape(shape, order="F")
    try:
        return Game(payoffs, players=players, strategies=strategies, title=title or None)
    except InvalidGameError as err:  # pragma: no cover - labels and numbers are checked above
        raise SpecError(str(err), file=name) from None


def _quote(text: str) -> str:
    # '"' is always escaped; a backslash only where a reader could misread it (before '"' or
    # '\\' or at the end), because Gambit keeps other backslashes literally
    return '"' + _NEEDS_ESCAPE.sub(lambda m: "\\" + m.group(), text) + '"'


def _num(value: Any) -> str:
    """Gambit text of a number: ``n`` or ``n/d`` for exact values, a plain decimal for floats."""
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return str(int(value))
    text = format(Decimal(repr(float(value))), "f")
    return text


def _emit(text: str, file: PathOrFile | None) -> str | None:
    if file is None:
        return text
    if isinstance(file, (str, os.PathLike)):
        from .files import write_text_atomic

        write_text_atomic(file, text, force=True)  # replaced whole or not at all
        return None
    if isinstance(file, io.TextIOBase):
        file.write(text)
    else:
        try:
            file.write(text)  # type: ignore[arg-type]
        except TypeError:
            file.write(text.encode("utf-8"))  # type: ignore[arg-type]
    return None


def write_nfg(game: Game, file: PathOrFile | None = None, *, version: str = "payoff", comment: str = "") -> str | None:
    """Write a :class:`~gametheory.Game` in Gambit's strategic-form (``.nfg``) format.

    Parameters
    ----------
    game : Game
        Exact payoffs are written as ``n`` or ``n/d``; float payoffs as their
        shortest round-tripping decimal (which Gambit reads as that exact decimal).
    file : str, os.PathLike or file object, optional
        Where to write (UTF-8). Without it, the text is returned.
    version : {"payoff", "outcome"}
        The payoff version (a flat payoff list) or the outcome version (one outcome
        per profile, as pygambit writes). Both list profiles with the first player's
        strategy changing fastest.
    comment : str, optional
        The file's comment string.

    Returns
    -------
    str or None
        The text when ``file`` is None.

    Warns
    -----
    GambitLabelWarning
        When a label is one Gambit 16.7+ refuses (non-ASCII, or leading, trailing or
        double spaces).

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.zero_sum([[1, "-1/2"]], players=("R", 'C "x"'), title="Z")
    >>> print(write_nfg(g, version="outcome"))
    NFG 1 R "Z" { "R" "C \\"x\\"" }
    <BLANKLINE>
    { { "1" }
    { "1" "2" }
    }
    ""
    <BLANKLINE>
    {
    { "" 1, -1 }
    { "" -1/2, 1/2 }
    }
    1 2
    <BLANKLINE>
    """
    if not isinstance(game, Game):
        raise TypeError(f"write_nfg needs a Game, got {type(game).__name__}")
    if version not in ("payoff", "outcome"):
        raise ValueError(f"version must be 'payoff' or 'outcome', not {version!r}")
    n = game.num_players
    _warn_labels([game.title or "", *game.players, *(s for strats in game.strategies for s in strats)])
    lines = [f"NFG 1 R {_quote(game.title or '')} {{ {' '.join(_quote(p) for p in game.players)} }}", ""]
    lines.append("{ " + "\n".join("{ " + " ".join(_quote(s) for s in strats) + " }" for strats in game.strategies))
    lines.append("}")
    lines.append(_quote(comment))
    lines.append("")
    # profiles with player 1 changing fastest: iterate the reversed shape in C order
    flat = [game.payoffs[i].flatten(order="F") for i in range(n)]
    profiles = len(flat[0])
    if version == "payoff":
        for k in range(profiles):
            lines.append(" ".join(_num(flat[i][k]) for i in range(n)))
    else:
        lines.append("{")
        for k in range(profiles):
            lines.append('{ "" ' + ", ".join(_num(flat[i][k]) for i in range(n)) + " }")
        lines.append("}")
        lines.append(" ".join(str(k + 1) for k in range(profiles)))
    return _emit("\n".join(lines) + "\n", file)


# -- .efg -------------------------------------------------------------------------


class _Rec:
    """One node record of an .efg file, before the tree is assembled."""

    __slots__ = ("kind", "tok", "label", "player", "infoset", "outcome", "out_tok")

    def __init__(self, kind: str, tok: tuple[str, str, int], label: str) -> None:
        self.kind = kind
        self.tok = tok
        self.label = label
        self.player = 0
        self.infoset = 0
        self.outcome = 0
        self.out_tok = tok


def read_efg(path_or_file: PathOrFile, *, encoding: str = "utf-8") -> Any:
    """Read a Gambit extensive-form (``.efg``) file as an :class:`~gametheory.extensive.ExtensiveGame`.

    Chance nodes (``c``), personal nodes (``p``) and terminal nodes (``t``) are read
    in Gambit's depth-first order. An information set's name and actions may be
    omitted after its first appearance; repeated ones must agree. An outcome's
    name and payoffs may likewise be given once. Outcomes attached to interior
    nodes are added to the payoffs of every terminal node below them (Gambit's
    meaning), so the tree carries payoffs at terminal nodes only. Numbers are
    exact (``0.1`` = 1/10).

    How Gambit's data map onto the tree: a personal node is a
    :class:`~gametheory.extensive.Decision` (its node label the decision's label);
    an information set with more than one node, or with a name, gets the
    information-set key ``name`` (or its number when unnamed; names that start with
    ``"/"`` or repeat within a player get ``" #number"`` added); a terminal's outcome
    name is the :class:`~gametheory.extensive.Terminal`'s label. Empty or repeated
    action labels are made unique (``"1"``, ``"x (2)"``). Chance information sets
    carry no strategic meaning and are not kept.

    Parameters
    ----------
    path_or_file : str, os.PathLike or file object
        A path, or an open text or binary file.
    encoding : str, default "utf-8"
        Used for paths and binary files.

    Returns
    -------
    ExtensiveGame

    Raises
    ------
    SpecError
        Malformed file (with file, line and column), unknown players, outcomes
        without payoffs, inconsistent information sets, chance probabilities
        that are negative or do not sum to exactly 1.

    Examples
    --------
    >>> import io
    >>> text = '''EFG 2 R "Entry" { "Entrant" "Incumbent" }
    ... "perfect information with a chance move"
    ... p "start" 1 1 "E" { "Out" "In" } 0
    ... t "" 1 "stay out" { 0, 2 }
    ... c "nature" 1 "" { "weak" 1/3 "strong" 0.5 "tough" 1/6 } 0
    ... t "" 2 "accommodate" { 1, 1 }
    ... p "" 2 1 "" { "Fight" "Share" } 0
    ... t "" 3 "war" { -1, -1 }
    ... t "" 2
    ... t "" 0'''
    >>> game = read_efg(io.StringIO(text))
    >>> game.players, game.title, game.root.actions, game.root.infoset
    (('Entrant', 'Incumbent'), 'Entry', ('Out', 'In'), 'E')
    >>> game.root.children[1].probabilities
    (Fraction(1, 3), Fraction(1, 2), Fraction(1, 6))
    >>> game.root.children[1].children[1].children[1]
    Terminal({Entrant: 1, Incumbent: 1})
    >>> read_efg(io.StringIO('EFG 2 R "" { "A" }\\np "" 2 1 "" { "x" } 0\\nt "" 0'))
    Traceback (most recent call last):
    ...
    gametheory.errors.SpecError: <stream>:2:6: player 2 does not exist (the file has 1 player(s))
    """
    text, name = _read_text(path_or_file, encoding)
    toks = _Tokens(text, name)
    title, players, players_tok = _header(toks, "EFG", 2)
    n = len(players)
    players = _unique_labels(players, lambda k: f"Player {k + 1}", "player", toks, players_tok)
    comment = toks.string("a comment") if toks.at(STR) else ""

    recs: list[_Rec] = []
    # (player number, infoset number) -> [actions, probabilities, name, first token]
    infosets: dict[tuple[int, int], list] = {}
    # outcome number -> [name, payoffs or None, token]
    outcomes: dict[int, list] = {}
    pending = 1  # nodes still to read
    while pending:
        if len(recs) >= MAX_NODES:
            raise toks.error(f"more than {MAX_NODES} nodes")
        tok = toks.peek()
        if tok[0] == EOF:
            raise toks.error(f"the file ends inside the tree: {pending} more node(s) expected")
        kind = toks.expect_word(["c", "p", "t"], "a node: 'c' (chance), 'p' (personal) or 't' (terminal)")
        rec = _Rec(kind, tok, toks.string("the node's name (a quoted string)"))
        pending -= 1
        if kind != "t":
            if kind == "p":
                rec.player, ptok = toks.integer("the player number")
                if not 1 <= rec.player <= n:
                    raise toks.error(f"player {rec.player} does not exist (the file has {n} player(s))", ptok)
            rec.infoset, itok = toks.integer("the information set number")
            iname = toks.string("the information set name") if toks.at(STR) else None
            actions: list[str] | None = None
            probs: list[Fraction] | None = None
            if toks.at(LB):
                atok = toks.next()
                actions, probs = [], []
                while not toks.at(RB):
                    actions.append(toks.string("an action name (a quoted string) or '}'"))
                    if kind == "c":
                        probs.append(toks.number("the action's probability"))
                toks.next()
                if not actions:
                    raise toks.error("a node needs at least one action", atok)
            key = (rec.player, rec.infoset)
            known = infosets.get(key)
            owner = "chance" if kind == "c" else f"player {rec.player}"
            if known is None:
                if actions is None:
                    raise toks.error(f"information set {rec.infoset} of {owner} appears here first, without its actions", itok)
                known = infosets[key] = [actions, probs if kind == "c" else None, iname or "", itok]
            else:
                if actions is not None and (actions != known[0] or (kind == "c" and probs != known[1])):
                    raise toks.error(
                        f"information set {rec.infoset} of {owner} has other actions"
                        f"{' or probabilities' if kind == 'c' else ''} at line {toks.where(known[3][2])[0]}",
                        itok,
                    )
                if iname and known[2] and iname != known[2]:
                    raise toks.error(
                        f"information set {rec.infoset} of {owner} is named {known[2]!r} at line "
                        f"{toks.where(known[3][2])[0]} but {iname!r} here",
                        itok,
                    )
                known[2] = known[2] or iname or ""
            pending += len(known[0])
        rec.outcome, rec.out_tok = toks.integer("the outcome number")
        if toks.at(STR):
            oname = toks.string("the outcome name")
            pay = None
            if toks.at(LB):
                ptok = toks.next()
                pay = []
                while not toks.at(RB):
                    pay.append(toks.number("a payoff"))
                toks.next()
                if len(pay) != n:
                    raise toks.error(f"outcome {rec.outcome} has {len(pay)} payoffs for {n} players", ptok)
            if rec.outcome == 0:
                raise toks.error("outcome 0 means 'no outcome' and cannot have a name or payoffs", rec.out_tok)
            known_o = outcomes.get(rec.outcome)
            if known_o is None:
                outcomes[rec.outcome] = [oname, pay, rec.out_tok]
            else:
                if pay is not None and known_o[1] is not None and pay != known_o[1]:
                    raise toks.error(
                        f"outcome {rec.outcome} has other payoffs at line {toks.where(known_o[2][2])[0]}", rec.out_tok
                    )
                if oname and known_o[0] and oname != known_o[0]:
                    raise toks.error(
                        f"outcome {rec.outcome} is named {known_o[0]!r} at line {toks.where(known_o[2][2])[0]} "
                        f"but {oname!r} here",
                        rec.out_tok,
                    )
                known_o[0] = known_o[0] or oname
                if known_o[1] is None:
                    known_o[1] = pay
        elif rec.outcome and rec.outcome not in outcomes:
            outcomes[rec.outcome] = ["", None, rec.out_tok]
        recs.append(rec)
    toks.end("the last node of the tree")
    for num, (_, pay, otok) in outcomes.items():
        if pay is None:
            raise toks.error(f"outcome {num} is used but its payoffs are never given", otok)

    # information-set keys: a name, or the number for unnamed sets of several nodes
    members: dict[tuple[int, int], int] = {}
    for rec in recs:
        if rec.kind == "p":
            members[(rec.player, rec.infoset)] = members.get((rec.player, rec.infoset), 0) + 1
    keys = _infoset_keys(infosets, members)

    # assemble the tree bottom-up from the pre-order records, without recursion
    from ..extensive.game import Chance, Decision, ExtensiveGame, Terminal

    zero = (Fraction(0),) * n

    def payoffs_of(rec: _Rec) -> tuple:
        return tuple(outcomes[rec.outcome][1]) if rec.outcome else zero

    stack: list[list] = []  # frames: [rec, accumulated payoffs, children list]
    root: Any = None
    for rec in recs:
        base = stack[-1][1] if stack else zero
        acc = tuple(a + b for a, b in zip(base, payoffs_of(rec))) if rec.outcome else base
        if rec.kind != "t":
            stack.append([rec, acc, []])
            if len(stack) > MAX_DEPTH:
                raise toks.error(f"the tree is deeper than {MAX_DEPTH} levels", rec.tok)
            continue
        label = (outcomes[rec.outcome][0] if rec.outcome else "") or rec.label
        node: Any = Terminal(dict(zip(players, acc)), label=label or None)
        while True:
            if not stack:
                root = node
                break
            frame = stack[-1]
            frame[2].append(node)
            info = infosets[(frame[0].player, frame[0].infoset)]
            if len(frame[2]) < len(info[0]):
                break
            stack.pop()
            fr = frame[0]
            acts = _distinct(info[0])
            try:
                if fr.kind == "c":
                    node = Chance({a: (p, c) for a, p, c in zip(acts, info[1], frame[2])}, label=fr.label or None)
                else:
                    node = Decision(players[fr.player - 1], dict(zip(acts, frame[2])), label=fr.label or None,
                                    infoset=keys.get((fr.player, fr.infoset)))
            except InvalidGameError as err:
                raise toks.error(str(err), fr.tok) from None
    assert root is not None and not stack
    try:
        return ExtensiveGame(root, players=tuple(players), title=title or None, description=comment or None)
    except GameTheoryError as err:
        raise SpecError(str(err), file=name) from None


def _distinct(labels: list[str]) -> list[str]:
    """Action labels made non-empty and unique: ``""`` becomes its number, repeats get ``" (2)"``."""
    out: list[str] = []
    for k, a in enumerate(labels):
        base = a or str(k + 1)
        lab = base
        m = 2
        while lab in out:
            lab = f"{base} ({m})"
            m += 1
        out.append(lab)
    return out


def _infoset_keys(infosets: dict, members: dict) -> dict[tuple[int, int], str]:
    """Information-set keys of the personal sets: their names (made unique per player) or numbers."""
    keys: dict[tuple[int, int], str] = {}
    used: dict[int, set[str]] = {}
    for (pl, num), entry in sorted(((k, v) for k, v in infosets.items() if k[0] > 0), key=lambda kv: kv[0]):
        label = entry[2]
        if not label and members.get((pl, num), 0) <= 1:
            continue  # a singleton without a name: a node of its own
        key = label if label and not label.startswith("/") else (f"{label} #{num}" if label else str(num))
        taken = used.setdefault(pl, set())
        if key in taken:
            key = f"{key} #{num}"
        taken.add(key)
        keys[(pl, num)] = key
    return keys


def write_efg(game: Any, file: PathOrFile | None = None) -> str | None:
    """Write a game tree in Gambit's extensive-form (``.efg``) format.

    ``game`` is an :class:`~gametheory.extensive.ExtensiveGame` (a normal-form
    :class:`~gametheory.Game` is written as the tree of one simultaneous stage). Stages
    are written as moves in information sets (as :attr:`ExtensiveGame.flat` expands
    them), payoffs as outcomes at the terminals (stage payoffs summed in, discounted).
    Information sets are numbered per player in order of first appearance and named
    by their key (a stage move by the stage and its position); chance nodes get a set
    each. Every node repeats its information set's name and actions, as Gambit does.
    Terminal nodes with equal label and payoffs share one Gambit outcome; a terminal
    with no label and all-zero payoffs gets outcome 0 (none). A decision label used
    at several nodes gets the node's position id added (Gambit 16.7 refuses repeats).

    Parameters
    ----------
    game : ExtensiveGame or Game
        The game to write.
    file : str, os.PathLike or file object, optional
        Where to write (UTF-8). Without it, the text is returned.

    Returns
    -------
    str or None
        The text when ``file`` is None.

    Warns
    -----
    GambitLabelWarning
        When a label is one Gambit 16.7+ refuses (non-ASCII, or leading, trailing or
        double spaces), or a node label or a player's information-set label is repeated.

    Examples
    --------
    >>> from gametheory.extensive import Chance, Decision, ExtensiveGame
    >>> g = ExtensiveGame(Chance({
    ...     "h": ("1/2", Decision("A", {"x": {"A": 1, "B": -1}, "y": {}}, infoset="i")),
    ...     "t": ("1/2", Decision("A", {"x": {"A": "0.5", "B": 2}, "y": {"A": 1, "B": -1}}, infoset="i")),
    ... }), players=("A", "B"), title="demo")
    >>> print(write_efg(g))
    EFG 2 R "demo" { "A" "B" }
    ""
    <BLANKLINE>
    c "" 1 "" { "h" 1/2 "t" 1/2 } 0
    p "" 1 1 "i" { "x" "y" } 0
    t "" 1 "" { 1, -1 }
    t "" 0
    p "" 1 1 "i" { "x" "y" } 0
    t "" 2 "" { 1/2, 2 }
    t "" 1 "" { 1, -1 }
    <BLANKLINE>
    """
    from ..extensive.flat import CHANCE, TERMINAL
    from ..extensive.game import ExtensiveGame, Stage, Terminal

    if isinstance(game, Game):
        game = ExtensiveGame(Stage(game, {"*": Terminal({})}, label=game.title), players=game.players,
                             title=game.title)
    if not isinstance(game, ExtensiveGame):
        raise TypeError(f"write_efg needs an ExtensiveGame or a Game, got {type(game).__name__}")
    flat = game.flat
    pos = game.positions
    players = game.players
    # information-set names: keys as given; stage moves by stage name and position; singletons unnamed
    iset_label: list[str] = []
    for h in flat.infosets:
        node = pos[h.positions[0]].node
        if isinstance(node, Stage):
            keyed = dict(node.infosets).get(h.player)
            iset_label.append(keyed or f"{node.name} {h.name}")
        else:
            iset_label.append(node.infoset or "")
    node_label: list[str] = []
    used: set[str] = set()
    for x in range(flat.num_nodes):
        k = flat.position[x]
        node = pos[k].node
        first = x == 0 or flat.position[flat.parent[x]] != k
        if flat.kind[x] == TERMINAL or not first:
            node_label.append("")
            continue
        lab = (f"{node.name} {game.short_id(k)}" if isinstance(node, Stage) else node.label) or ""
        if lab in used:
            lab = f"{lab} {game.short_id(k)}"
        if lab:
            used.add(lab)
        node_label.append(lab)
    terminal_label = {x: pos[flat.position[x]].node.label or "" for x in flat.terminals}
    texts = [game.title or "", *players, *node_label, *terminal_label.values(), *iset_label]
    texts += [a for h in flat.infosets for a in h.actions]
    texts += [a for labs in flat.chance_labels if labs for a in labs]
    _warn_labels(texts)
    seen_ilabels: set[tuple[str, str]] = set()
    for h, lab in zip(flat.infosets, iset_label):
        if lab and (h.player, lab) in seen_ilabels:
            warnings.warn(
                f"two information sets of {h.player!r} are labelled {lab!r}; Gambit 16.7+ refuses that",
                GambitLabelWarning,
                stacklevel=2,
            )
        seen_ilabels.add((h.player, lab))
    numbers: dict[int, int] = {}
    counters: dict[int, int] = {}
    chance_count = 0
    out_numbers: dict[tuple, int] = {}
    lines = [f"EFG 2 R {_quote(game.title or '')} {{ {' '.join(_quote(p) for p in players)} }}",
             _quote(game.description or ""), ""]
    for x in range(flat.num_nodes):
        kind = flat.kind[x]
        if kind == TERMINAL:
            lab = terminal_label[x]
            pays = flat.payoffs[x]
            if lab == "" and all(v == 0 for v in pays):
                lines.append('t "" 0')
                continue
            okey = (lab, tuple(_num(v) for v in pays))
            num = out_numbers.setdefault(okey, len(out_numbers) + 1)
            lines.append(f"t \"\" {num} {_quote(lab)} {{ {', '.join(okey[1])} }}")
            continue
        if kind == CHANCE:
            chance_count += 1
            texts = [_num(p) for p in flat.chance[x]]
            if sum((Fraction(t) for t in texts), Fraction(0)) != 1:
                # float probabilities whose decimals do not add up: a Gambit reader would reject the file
                raise InvalidGameError(
                    f"chance node {game.short_id(flat.position[x])}: probabilities {texts} do not sum to exactly 1 "
                    "as decimals; give them as exact fractions (e.g. '1/3')"
                )
            acts = " ".join(f"{_quote(a)} {t}" for a, t in zip(flat.chance_labels[x], texts))
            lines.append(f"c {_quote(node_label[x])} {chance_count} \"\" {{ {acts} }} 0")
            continue
        h = flat.infoset_of[x]
        owner = flat.mover[x] + 1
        if h not in numbers:
            counters[owner] = counters.get(owner, 0) + 1
            numbers[h] = counters[owner]
        acts = " ".join(_quote(a) for a in flat.infosets[h].actions)
        lines.append(f"p {_quote(node_label[x])} {owner} {numbers[h]} {_quote(iset_label[h])} {{ {acts} }} 0")
    return _emit("\n".join(lines) + "\n", file)
