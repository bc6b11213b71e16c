"""Gambit .nfg/.efg readers and writers: fixed cases, round-trip laws, fuzzing, and round trips
against pygambit (the reference implementation of the formats)."""

from __future__ import annotations

import io
import random
from pathlib import Path
import re
import warnings
from decimal import Decimal
from fractions import Fraction as F

import numpy as np
import pygambit as gbt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import Game, SpecError, pure_equilibria, solve
from gametheory.errors import InvalidGameError
from gametheory.extensive import Chance, Decision, ExtensiveGame, Terminal, reduced_normal_form
from gametheory.io.gambit import GambitLabelWarning, read_efg, read_nfg, write_efg, write_nfg


def nfg(text: str) -> Game:
    return read_nfg(io.StringIO(text))


def efg(text: str) -> ExtensiveGame:
    return read_efg(io.StringIO(text))


def spec_error(reader, text: str) -> SpecError:
    with pytest.raises(SpecError) as info:
        reader(io.StringIO(text))
    return info.value


# -- .nfg: fixed cases --------------------------------------------------------------


def test_public_names_exported():
    assert gt.read_nfg is read_nfg and gt.write_efg is write_efg
    assert {"read_nfg", "write_nfg", "read_efg", "write_efg"} <= set(gt.__all__)


def test_payoff_version_order_first_player_fastest():
    # 2 x 3 game; profiles in file order: (1,1) (2,1) (1,2) (2,2) (1,3) (2,3)
    g = nfg('NFG 1 R "t" { "R" "C" } { 2 3 }\n11 -11 21 -21 12 -12 22 -22 13 -13 23 -23\n')
    assert g.shape == (2, 3)
    for r in range(2):
        for c in range(3):
            v = 10 * (r + 1) + (c + 1)
            assert g[(r, c)] == (F(v), F(-v))


def test_three_players_order():
    # 2 x 2 x 2; player 1 fastest, then 2, then 3; payoff of player i at (a,b,c) = 100a+10b+c (+i*1000)
    vals = []
    for c in range(2):
        for b in range(2):
            for a in range(2):
                base = 100 * a + 10 * b + c
                vals += [base, base + 1000, base + 2000]
    g = nfg('NFG 1 R "" { "A" "B" "C" } { 2 2 2 } ' + " ".join(map(str, vals)))
    assert g[(1, 0, 1)] == (F(101), F(1101), F(2101))
    assert g[(0, 1, 0)] == (F(10), F(1010), F(2010))
    assert g.title is None


def test_outcome_version_with_names_comment_and_null_outcome():
    text = """NFG 1 R "Battle \\"of\\" the sexes\\\\" { "He" "She" }

{ { "Opera" "Fight" }
{ "Opera" "Fight" }
}
"comment with { braces } and \\"quotes\\""

{
{ "both opera" 2, 1 }
{ "both fight" 1 2 }
}
1 0 0 2
"""
    g = nfg(text)
    assert g.title == 'Battle "of" the sexes\\'
    assert g.players == ("He", "She")
    assert g.strategies == (("Opera", "Fight"), ("Opera", "Fight"))
    assert g[("Opera", "Opera")] == (2, 1)
    assert g[("Fight", "Fight")] == (1, 2)
    assert g[("Opera", "Fight")] == (0, 0) == g[("Fight", "Opera")]


def test_exact_numbers_rationals_and_decimals():
    g = nfg('NFG 1 R "" { "A" } { 6 } 2/3 -4/6 0.1 -.25 1.5e-3 +7')
    assert g.exact
    assert list(g.payoff_array(0)) == [F(2, 3), F(-2, 3), F(1, 10), F(-1, 4), F(3, 2000), F(7)]


def test_empty_labels_get_defaults_and_comment_optional():
    g = nfg('NFG 1 D "" { "" "" } { { "" "x" } { "" } } 1 2 3 4')
    assert g.players == ("Player 1", "Player 2")
    assert g.strategies == (("1", "x"), ("1",))


def test_multiline_and_unicode_labels_roundtrip():
    g = Game.from_bimatrix(
        [[1, F(-7, 3)]], [[F(1, 2), 0]], players=("Россия", 'U"S\\A'), strategies=(("line\nbreak",), ("é", "{}")),
        title="Ukraine – talks",
    )
    for version in ("payoff", "outcome"):
        with pytest.warns(GambitLabelWarning, match="Gambit 16.7"):
            text = write_nfg(g, version=version, comment='c "q"')
        assert nfg(text) == g


def test_float_game_written_as_decimals_reads_back_exact():
    g = Game.from_bimatrix([[0.1, 1e-7]], [[2.5, -3.0]])
    h = nfg(write_nfg(g))
    assert h.exact
    assert h.payoff_array(0).tolist() == [[F(1, 10), F(1, 10**7)]]
    assert h.payoff_array(1).tolist() == [[F(5, 2), F(-3)]]
    assert h.to_float() == g


def test_write_to_path_and_file_objects(tmp_path):
    g = Game.zero_sum([[1, -1], [-1, 1]], players=("A", "B"), title="MP")
    path = tmp_path / "mp.nfg"
    assert write_nfg(g, path) is None
    assert read_nfg(path) == g and read_nfg(str(path)) == g
    with open(path, "rb") as fh:
        assert read_nfg(fh) == g
    buf = io.BytesIO()
    write_nfg(g, buf)
    assert read_nfg(io.BytesIO(buf.getvalue())) == g
    sbuf = io.StringIO()
    write_nfg(g, sbuf, version="outcome")
    assert nfg(sbuf.getvalue()) == g


@pytest.mark.parametrize(
    "text, line, column, words",
    [
        ('NFG 2 R "" { "A" } { 1 } 0', 1, 5, "version"),
        ('NFG 1 R "" { "A" } { 2 } 1', 1, 27, "payoff"),
        ('NFG 1 R "" { "A" } { 1 } 1 2', 1, 28, "after the last payoff"),
        ('NFG 1 R "" { "A" "B" }\n{ 2 }\n1 2', 2, 1, "1 strategy lists for 2 players"),
        ('NFG 1 R "" { "A" }\n  { 2 }\n  1 x', 3, 5, "payoff"),
        ('NFG 1 R "" { "A" } { 1 } 1/0', 1, 26, "divides by zero"),
        ('NFG 1 R "oops { "A" } { 1 } 1', 1, 19, "unterminated string"),
        ('NFG 1 R "" { "A" "A" } { 1 1 } 1 1', 1, 12, "duplicate player"),
        ('NFG 1 R "" { "A" } { { "s" "s" } } 1 2', 1, 20, "duplicate strategy"),
        ('NFG 1 R "" { "A" } { { "s" } } { { "o" 1 } } 2', 1, 46, "outcome 2 is not defined"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } { { "o" 1 } } 1', 1, 34, "1 payoffs for 2 players"),
        ('NFG 1 R "" { "A" } { 0 } ', 1, 22, "no strategies"),
        ('NFG 1 R "" { } { } ', 1, 12, "at least one player"),
        ('NFG 1 R "" { "A" } { 1 } 1e999999', 1, 26, "exponent"),
        ("EFG 2 R", 1, 1, "'NFG'"),
        ('NFG 1 R "" { "A" "B" } { 99999 99999 } 1', 1, 24, "limit"),
        ("", 1, 1, "'NFG'"),
        ("NFG 1 R \"\" { " + '"p" ' * 32 + "} { " + "1 " * 32 + "} " + "0 " * 32, 1, 12, "at most 31"),
    ],
)
def test_nfg_errors_have_line_and_column(text, line, column, words):
    err = spec_error(read_nfg, text)
    assert (err.file, err.line, err.column) == ("<stream>", line, column), str(err)
    assert words in str(err)


def test_missing_file_and_bad_encoding(tmp_path):
    with pytest.raises(SpecError, match="cannot read"):
        read_nfg(tmp_path / "nope.nfg")
    bad = tmp_path / "bad.nfg"
    bad.write_bytes(b'NFG 1 R "\xff" { "A" } { 1 } 1')
    err = spec_error(lambda f: read_nfg(bad), "")
    assert (err.line, err.column) == (1, 10)
    assert read_nfg(bad, encoding="latin-1").title == "ÿ"


# -- .efg: fixed cases --------------------------------------------------------------

ENTRY = """EFG 2 R "Entry with nature" { "Entrant" "Incumbent" }
"the comment"

p "root" 1 1 "E" { "Out" "In" } 0
t "out" 1 "stay out" { 0, 2 }
c "nature" 1 "type" { "weak" 1/4 "strong" 0.75 } 2 "entry cost" { -1/2, 0 }
p "" 2 1 "I weak" { "Fight" "Share" } 0
t "" 3 "war" { -1, -1 }
t "" 4 "share" { 1, 1 }
p "" 2 2 "I strong" { "Fight" "Share" } 0
t "" 5 "win" { -2, 3 }
t "" 4
"""


def pays(node) -> tuple:
    return tuple(v for _, v in node.payoffs)


def test_read_perfect_information_tree_with_chance_and_interior_outcome():
    t = efg(ENTRY)
    assert isinstance(t, ExtensiveGame)
    assert t.players == ("Entrant", "Incumbent") and t.title == "Entry with nature" and t.description == "the comment"
    assert t.is_perfect_information
    root = t.root
    assert isinstance(root, Decision)
    assert (root.player, root.infoset, root.actions, root.label) == ("Entrant", "E", ("Out", "In"), "root")
    out = root.children[0]
    assert isinstance(out, Terminal) and out.label == "stay out" and pays(out) == (0, 2)
    nature = root.children[1]
    assert isinstance(nature, Chance) and nature.label == "nature"
    assert nature.probabilities == (F(1, 4), F(3, 4))
    # the interior outcome (-1/2, 0) is added to every terminal below the chance node
    weak, strong = nature.children
    assert weak.infoset == "I weak" and strong.infoset == "I strong"
    assert pays(weak.children[0]) == (F(-3, 2), F(-1))
    assert pays(weak.children[1]) == (F(1, 2), F(1)) and weak.children[1].label == "share"
    assert pays(strong.children[1]) == (F(1, 2), F(1)) and strong.children[1].label == "share"
    assert pays(strong.children[0]) == (F(-5, 2), F(3))
    assert efg(write_efg(t)) == t


def test_read_imperfect_information_with_omitted_repeats():
    text = """EFG 2 R "MP" { "A" "B" }
p "" 1 1 "A's move" { "H" "T" } 0
p "" 2 1 "B guesses" { "h" "t" } 0
t "" 1 "A wins" { 1, -1 }
t "" 2 "B wins" { -1, 1 }
p "" 2 1 0
t "" 2
t "" 1
"""
    t = efg(text)
    assert not t.is_perfect_information and t.perfect_recall and not t.subgame_at_every_position
    guess = t.infoset("B", "B guesses")
    assert guess.actions == ("h", "t") and len(guess.nodes) == 2 and guess.positions == (1, 4)
    second = t.root.children[1]
    assert second.infoset == "B guesses" and pays(second.children[0]) == (-1, 1)
    assert second.children[1].label == "A wins"
    # writing repeats everything; the result reads back to the same tree
    assert efg(write_efg(t)) == t
    assert write_efg(efg(write_efg(t))) == write_efg(t)


def test_unnamed_information_sets_are_keyed_by_number_and_chance_sets_dropped():
    text = """EFG 2 R "" { "A" "B" }
c "" 1 "" { "a" 1/3 "b" 2/3 } 0
p "" 1 1 "" { "x" "y" } 0
t "" 0
t "" 1 "o" { 1, 0 }
p "" 1 1 "" { "x" "y" } 0
t "" 0
c "" 2 "" { "a" 1/3 "b" 2/3 } 0
t "" 0
t "" 1
"""
    t = efg(text)
    assert [(h.player, h.name, len(h.nodes)) for h in t.infosets] == [("A", "1", 2)]
    assert efg(write_efg(t)) == t


@pytest.mark.parametrize(
    "body, line, column, words",
    [
        ('p "" 1 1 "" { "x" } 0\n', 3, 1, "ends inside the tree"),
        ('p "" 1 1 "" { "x" } 0\nt "" 0\nt "" 0\n', 4, 1, "after the last node"),
        ('p "" 3 1 "" { "x" } 0\nt "" 0\n', 2, 6, "player 3 does not exist"),
        ('p "" 1 1 0\nt "" 0\n', 2, 8, "without its actions"),
        ('p "" 1 1 "" { "x" "y" } 0\np "" 2 1 "" { "a" } 0\nt "" 0\np "" 2 1 "" { "b" } 0\nt "" 0\n', 5, 8, "other actions"),
        ('c "" 1 "" { "x" 1/2 "y" 1/3 } 0\nt "" 0\nt "" 0\n', 2, 1, "sum to 5/6"),
        ('c "" 1 "" { "x" 3/2 "y" -1/2 } 0\nt "" 0\nt "" 0\n', 2, 1, "negative"),
        ('t "" 1\n', 2, 6, "never given"),
        ('t "" 1 "o" { 1 }\n', 2, 12, "1 payoffs for 2 players"),
        ('p "" 1 1 "" { "x" "y" } 0\nt "" 1 "o" { 1 2 }\nt "" 1 "o" { 2 1 }\n', 4, 6, "other payoffs"),
        ('p "" 1 1 "" { } 0\n', 2, 13, "at least one action"),
        ('x "" 0\n', 2, 1, "a node"),
        ('t "" 0 "o" { 1 2 }\n', 2, 6, "outcome 0"),
        ('p "" 1 1 "a" { "x" "y" } 0\np "" 2 1 "b" { "x" } 0\nt "" 0\np "" 2 1 "c" { "x" } 0\nt "" 0\n', 5, 8, "named"),
    ],
)
def test_efg_errors_have_line_and_column(body, line, column, words):
    err = spec_error(read_efg, 'EFG 2 R "" { "A" "B" }\n' + body)
    assert (err.line, err.column) == (line, column), str(err)
    assert words in str(err)


def test_tree_validation():
    with pytest.raises(InvalidGameError, match="unknown player"):
        ExtensiveGame(Decision("Z", {"x": {}}), players=("A",))
    with pytest.raises(InvalidGameError, match="has actions"):
        ExtensiveGame(Chance({"a": ("1/2", Decision("A", {"x": {}}, infoset="i")),
                              "b": ("1/2", Decision("A", {"y": {}}, infoset="i"))}))
    with pytest.raises(InvalidGameError, match="duplicate players"):
        ExtensiveGame(Terminal({}), players=("A", "A"))
    with pytest.raises(InvalidGameError, match="must not start with '/'"):
        Decision("A", {"x": {}}, infoset="/x")
    with pytest.raises(InvalidGameError, match="not 1"):
        Chance({"a": (0.5, {}), "b": (0.6, {})})


def test_float_chance_probabilities_that_do_not_add_up_as_decimals_are_refused():
    third = 1 / 3
    t = ExtensiveGame(Chance({"a": (third, {}), "b": (third, {}), "c": (1 - 2 * third, {})}), players=("A",))
    with pytest.raises(InvalidGameError, match="exact fractions"):
        write_efg(t)
    ok = ExtensiveGame(Chance({"a": (0.25, {}), "b": (0.75, {})}), players=("A",))
    assert efg(write_efg(ok)).root.probabilities == (F(1, 4), F(3, 4))


def test_normal_form_game_is_written_as_a_one_stage_tree():
    pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("A", "B"),
                            strategies=(("C", "D"), ("C", "D")), title="PD")
    t = efg(write_efg(pd))
    assert t.players == ("A", "B") and len(t.infosets) == 2 and len(t.infosets[1].nodes) == 2
    assert reduced_normal_form(t) == Game(pd.payoffs, players=("A", "B"), strategies=pd.strategies, title="PD")


def test_labels_gambit_refuses_are_written_faithfully_with_a_warning():
    repeated = ExtensiveGame(Decision("A", {"x": Decision("A", {"y": {}}, label="n"),
                                            "z": Decision("A", {"y": {}}, label="n")}, label="n"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # repeated node labels get their position id: no warning
        text = write_efg(repeated)
    assert [line.split('"')[1] for line in text.splitlines() if line.startswith("p ")] == ["n", "n /x", "n /z"]
    cases = [
        ExtensiveGame(Decision("Россия", {"x": {}})),
        ExtensiveGame(Decision("A", {"two  spaces": {}})),
        ExtensiveGame(Decision("A", {"ends with \\": {}})),
    ]
    for tree in cases:
        with pytest.warns(GambitLabelWarning):
            text = write_efg(tree)
        assert efg(text) == tree
    fine = ExtensiveGame(Decision("A", {'say "no"': {"A": 1, "B": 2}, "a\\b": {"A": 1, "B": 2}}))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert efg(write_efg(fine)) == fine
    with pytest.warns(GambitLabelWarning, match="Gambit 16.7"):
        write_nfg(Game.zero_sum([[0]], players=(" lead", "B")))


# -- hypothesis: round trips ---------------------------------------------------------

labels = st.text(alphabet=st.sampled_from('ab Z"\\{},\n\té—Я1'), min_size=1, max_size=6)
# labels Gambit 16.7+ accepts: printable ASCII, single inner spaces
# (and no backslash before a quote, a backslash or the end: pygambit 16.7 misreads those)
# (starting with a letter: pygambit 16.7 refuses players ("2", "1") as it relabels defaults "1", "2" one by one)
ascii_labels = st.from_regex(r'[a-zA-Z][a-zA-Z0-9"\\{},.]{0,3}( [a-zA-Z0-9"\\{},.]{1,3})?', fullmatch=True).filter(
    lambda s: not re.search(r'\\(["\\]|$)', s))
numbers = st.one_of(
    st.integers(-10**6, 10**6).map(F),
    st.fractions(min_value=-100, max_value=100, max_denominator=1000),
    st.integers(-10**25, 10**25).map(lambda k: F(k, 10**12)),
)


@st.composite
def games(draw, labels=labels):
    n = draw(st.integers(1, 3))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    players = draw(st.lists(labels, min_size=n, max_size=n, unique=True))
    strategies = [draw(st.lists(labels, min_size=k, max_size=k, unique=True)) for k in shape]
    flat = draw(st.lists(numbers, min_size=n * int(np.prod(shape)), max_size=n * int(np.prod(shape))))
    arr = np.empty((n, *shape), dtype=object)
    arr.flat = flat
    title = draw(st.one_of(st.none(), labels))
    return Game(arr, players=players, strategies=strategies, title=title)


@settings(max_examples=60, deadline=None)
@given(games(), st.sampled_from(["payoff", "outcome"]), labels)
def test_nfg_roundtrip(game, version, comment):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GambitLabelWarning)
        text = write_nfg(game, version=version, comment=comment)
    assert nfg(text) == game


@st.composite
def trees(draw, max_depth=3, labels=labels):
    """Random trees with chance, information sets (keyed decisions) and payoffs: ExtensiveGames."""
    n = draw(st.integers(1, 3))
    players = tuple(draw(st.lists(labels, min_size=n, max_size=n, unique=True)))
    sets: dict = {}  # (player, key) -> actions
    serial = iter(range(10**9))  # node labels must be unique (pygambit 16.7 refuses repeats)

    def actions_of():
        k = draw(st.integers(1, 3))
        # unique per node: pygambit 16.7 renames repeated action labels ("x_1", "x_2")
        return tuple(draw(st.lists(labels, min_size=k, max_size=k, unique=True)))

    def node(depth):
        kind = draw(st.sampled_from(["t", "p", "c"] if depth < max_depth else ["t"]))
        if kind == "t":
            return Terminal({p: draw(numbers) for p in players}, label=draw(st.sampled_from([None, "deal", "war"])))
        label = draw(st.sampled_from([None, f"n{next(serial)}"]))
        if kind == "c":
            acts = actions_of()
            weights = [draw(st.integers(0, 5)) for _ in acts]
            if sum(weights) == 0:
                weights[0] = 1
            return Chance({a: (F(w, sum(weights)), node(depth + 1)) for a, w in zip(acts, weights)}, label=label)
        owner = draw(st.sampled_from(players))
        key = draw(st.sampled_from([None, "k1", "k2", f"s{next(serial)}"]))
        if key is not None and (owner, key) in sets:
            acts = sets[(owner, key)]
        else:
            acts = actions_of()
            if key is not None:
                sets[(owner, key)] = acts
        return Decision(owner, {a: node(depth + 1) for a in acts}, label=label, infoset=key)

    root = node(0)
    return ExtensiveGame(root, players=players, title=draw(st.sampled_from([None, "T"])),
                         description=draw(st.sampled_from([None, "c"])))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees())
def test_efg_roundtrip(tree):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GambitLabelWarning)
        text = write_efg(tree)
        again = write_efg(efg(text))
    back = efg(text)
    assert back == tree
    assert again == text
    assert [h.name for h in back.infosets] == [h.name for h in tree.infosets]


# -- fuzzing: only SpecError escapes -------------------------------------------------

VALID_NFG = [
    write_nfg(Game.from_bimatrix([[1, "2/3"], [0, -1]], [[0.5, 2], [3, 4]], players=("A", 'B"'), title="x")),
    write_nfg(Game.zero_sum([[1, -1, 0]], strategies=(("a",), ("x", "y", "z"))), version="outcome"),
    'NFG 1 R "t" { "A" "B" } { 2 1 } 1 2 3 4',
]
VALID_EFG = [ENTRY, write_efg(efg(ENTRY))]


def _mutate(draw, text: str) -> str:
    tokens = ['"', "{", "}", "\\", "0", "1/0", "-", "p", "t", "c", "9999999", " ", "\n", "1e99999", "/", ".", "\x00"]
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["del", "ins", "swap", "cut"]))
        i = draw(st.integers(0, max(len(text) - 1, 0)))
        if op == "del":
            j = draw(st.integers(i, min(len(text), i + 8)))
            text = text[:i] + text[j:]
        elif op == "ins":
            text = text[:i] + draw(st.sampled_from(tokens)) + text[i:]
        elif op == "swap" and text:
            text = text[:i] + draw(st.characters()) + text[i + 1:]
        else:
            text = text[:i]
    return text


def _only_spec_error(reader, data) -> None:
    stream = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
    try:
        reader(stream)
    except SpecError as err:
        assert err.line is None or err.line >= 1
        assert err.column is None or err.column >= 1


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_fuzz_mutated_files(data):
    reader, corpus = data.draw(st.sampled_from([(read_nfg, VALID_NFG), (read_efg, VALID_EFG)]))
    text = _mutate(data.draw, data.draw(st.sampled_from(corpus)))
    _only_spec_error(reader, text)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200),
                 st.sampled_from(["NFG 1 R ", "EFG 2 R "]).flatmap(lambda h: st.text(max_size=120).map(lambda t: h + t))),
       st.sampled_from([read_nfg, read_efg]))
def test_fuzz_random_input(data, reader):
    _only_spec_error(reader, data)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(['"a"', '""', "{", "}", "1", "0", "2", "-1/2", "0.5", "p", "c", "t", "NFG", "EFG", "R"]),
                max_size=40), st.sampled_from([("NFG 1 R", read_nfg), ("EFG 2 R", read_efg)]))
def test_fuzz_token_soup(tokens, head_reader):
    head, reader = head_reader
    _only_spec_error(reader, head + " " + " ".join(tokens))


# == pygambit round trips ==============================================================

LABELS = ["a", "b c", 'q"uote', "back\\slash", "Russia", "{x}", "e,1"]


def exact(v) -> F:
    """pygambit payoffs are Rational (a Fraction) or Decimal: both convert to Fraction exactly."""
    return F(v)


def gbt_arrays(g) -> list[np.ndarray]:
    return [np.vectorize(exact, otypes=[object])(a) for a in g.to_arrays(dtype=gbt.Rational)]


def assert_same_nfg(ours: Game, theirs) -> None:
    assert ours.players == tuple(p.label for p in theirs.players)
    assert ours.strategies == tuple(tuple(s.label for s in p.strategies) for p in theirs.players)
    arrays = gbt_arrays(theirs)
    for i in range(ours.num_players):
        # exact comparison of Fractions, entry by entry
        assert ours.payoff_array(i).tolist() == arrays[i].tolist()


def random_gbt_game(rng: random.Random, labelled: bool = True):
    n = rng.choice([1, 2, 2, 3])
    shape = tuple(rng.randint(1, 4) for _ in range(n))

    def value():
        kind = rng.random()
        if kind < 0.4:
            return gbt.Rational(rng.randint(-9, 9))
        if kind < 0.8:
            return gbt.Rational(rng.randint(-50, 50), rng.randint(1, 12))
        return Decimal(rng.randint(-999, 999)) / 100

    arrays = []
    for _ in range(n):
        a = np.empty(shape, dtype=object)
        for idx in np.ndindex(*shape):
            a[idx] = value()
        arrays.append(a)
    g = gbt.Game.from_arrays(*arrays, title=rng.choice(LABELS))
    if labelled:
        names = rng.sample(LABELS, n)
        for p, name in zip(g.players, names):
            p.label = name
            for s, sname in zip(p.strategies, rng.sample(LABELS, len(p.strategies))):
                s.label = sname
    return g, arrays


# -- pygambit: .nfg -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(12))
def test_nfg_written_by_pygambit_reads_identically(seed):
    rng = random.Random(seed)
    g, arrays = random_gbt_game(rng, labelled=seed % 3 != 0)
    text = g.to_nfg()
    ours = read_nfg(io.StringIO(text))
    assert ours.title == g.title
    assert_same_nfg(ours, g)
    for i, a in enumerate(arrays):  # and against the values the game was built from
        assert ours.payoff_array(i).tolist() == np.vectorize(exact, otypes=[object])(a).tolist()


@settings(max_examples=25, deadline=None)
@given(games(labels=ascii_labels))
def test_nfg_written_here_reads_identically_in_pygambit(game):
    for version in ("payoff", "outcome"):
        with warnings.catch_warnings():
            warnings.simplefilter("error", GambitLabelWarning)
            text = write_nfg(game, version=version)
        theirs = gbt.read_nfg(io.StringIO(text))
        assert theirs.title == (game.title or "")
        assert_same_nfg(game, theirs)


def test_float_game_reaches_pygambit_as_exact_decimals():
    g = Game.from_bimatrix([[0.1, 2.5]], [[-1e-6, 3.0]])
    theirs = gbt.read_nfg(io.StringIO(write_nfg(g)))
    assert_same_nfg(read_nfg(io.StringIO(write_nfg(g))), theirs)
    assert gbt_arrays(theirs)[0].tolist() == [[F(1, 10), F(5, 2)]]


def pure_profiles_of_gbt(result) -> set:
    out = set()
    for eq in result.equilibria:
        prof = []
        for p in eq.game.players:
            probs = [eq[s] for s in p.strategies]
            assert sorted(probs)[-1] == 1
            prof.append(probs.index(1))
        out.add(tuple(prof))
    return out


@pytest.mark.parametrize("seed", range(15))
def test_pure_equilibria_of_pygambit_file_match_enumpure(seed):
    rng = random.Random(1000 + seed)
    g, _ = random_gbt_game(rng, labelled=False)
    if seed % 3 == 0:  # many ties: more equilibria
        for p in g.players:
            for prof in g.contingencies:
                g[prof][p] = gbt.Rational(rng.randint(0, 1))
    ours = read_nfg(io.StringIO(g.to_nfg()))
    sol = solve(ours)
    mine = {tuple(e.supports[i][0] for i in range(ours.num_players)) for e in sol if e.pure}
    assert mine == pure_profiles_of_gbt(gbt.nash.enumpure_solve(g))
    assert mine == {tuple(e.supports[i][0] for i in range(ours.num_players)) for e in pure_equilibria(ours)}


# -- .efg -----------------------------------------------------------------------------


def gbt_outcome(node, players):
    """``(label, payoffs)`` of the outcome at a pygambit node, or None (node.outcome is a proxy)."""
    try:
        payoffs = [exact(node.outcome[p]) for p in players]
    except KeyError:
        return None
    return node.outcome.label, payoffs


def gbt_payoffs(node, players) -> tuple:
    """Payoffs at a pygambit terminal node: the sum of the outcomes on its path (Gambit's rule)."""
    total = [F(0)] * len(players)
    while node is not None:
        out = gbt_outcome(node, players)
        if out is not None:
            total = [a + b for a, b in zip(total, out[1])]
        node = node.parent
    return tuple(total)


def assert_same_tree(ours: ExtensiveGame, theirs, outcome_labels: bool = True) -> None:
    players = list(theirs.players)
    assert ours.players == tuple(p.label for p in players)
    assert (ours.title or "") == theirs.title
    flat = ours.flat
    pos = ours.positions
    partition_ours: dict = {}
    partition_theirs: dict = {}
    stack = [(0, theirs.root)]
    count = 0
    while stack:
        x, b = stack.pop()
        count += 1
        node = pos[flat.position[x]].node
        if b.is_terminal:
            assert flat.kind[x] == 0, x
            assert flat.payoffs[x] == gbt_payoffs(b, players), x
            out = gbt_outcome(b, players)
            if outcome_labels and node.label:  # pygambit names unlabelled outcomes "_1", ...
                # the outcome's label, else the terminal node's own label
                assert node.label == ((out[0] if out is not None else "") or b.label), x
            continue
        assert (node.label or "") == b.label, x
        info = b.infoset
        theirs_labels = [act.label for act in info.actions]
        renamed = any(re.search(r" \(\d+\)$", a) for a in flat.edge_labels(x))  # we made repeats unique
        if len(set(theirs_labels)) == len(theirs_labels) and all(theirs_labels) and not renamed:
            assert list(flat.edge_labels(x)) == theirs_labels, x
        else:  # empty or repeated labels are made unique on reading
            assert len(flat.edge_labels(x)) == len(theirs_labels), x
        if b.player.is_chance:
            assert flat.kind[x] == 1, x
            assert flat.chance[x] == tuple(exact(act.prob) for act in info.actions), x
        else:
            assert flat.kind[x] == 2 and players[flat.mover[x]].label == b.player.label, x
            partition_ours.setdefault(flat.infoset_of[x], []).append(x)
            partition_theirs.setdefault((b.player.label, info.number), []).append(x)
        assert len(flat.children[x]) == len(b.children)
        for c, cb in zip(flat.children[x], b.children):
            stack.append((c, cb))
    assert sorted(map(sorted, partition_ours.values())) == sorted(map(sorted, partition_theirs.values()))
    assert count == len(list(theirs.nodes)) == flat.num_nodes


def random_gbt_tree(rng: random.Random):
    n = rng.randint(1, 3)
    g = gbt.Game.new_tree(players=rng.sample(LABELS, n), title=rng.choice(LABELS))
    players = list(g.players)
    outcomes = []

    def payoff():
        return gbt.Rational(rng.randint(-20, 20), rng.randint(1, 6)) if rng.random() < 0.7 else Decimal(rng.randint(-99, 99)) / 10

    frontier = [(g.root, 0)]
    while frontier:
        node, depth = frontier.pop(0)
        r = rng.random()
        if depth >= 3 or r < 0.25:
            if rng.random() < 0.8:
                if outcomes and rng.random() < 0.3:
                    g.set_outcome(node, rng.choice(outcomes))
                else:
                    o = g.add_outcome(f"o{len(outcomes) + 1}", [payoff() for _ in players])
                    outcomes.append(o)
                    g.set_outcome(node, o)
            continue
        # reuse an information set whose members are not ancestors of this node
        candidates = [
            info for info in g.infosets
            if not any(node.is_successor_of(m) for m in info.members)
        ]
        if candidates and rng.random() < 0.35:
            g.append_infoset(node, rng.choice(candidates))
        elif r < 0.45:
            k = rng.randint(1, 3)
            g.append_move(node, g.players.chance, rng.sample(LABELS, k))
            weights = [rng.randint(1, 5) for _ in range(k)]
            g.set_chance_probs(node.infoset, [gbt.Rational(w, sum(weights)) for w in weights])
        else:
            g.append_move(node, rng.choice(players), rng.sample(LABELS, rng.randint(1, 3)))
        if rng.random() < 0.2:  # an outcome at an interior node
            o = g.add_outcome(f"o{len(outcomes) + 1}", [payoff() for _ in players])
            outcomes.append(o)
            g.set_outcome(node, o)
        if rng.random() < 0.3:  # pygambit 16.7 wants node labels unique
            node.label = f"{rng.choice(LABELS)} {len(frontier)}.{depth}.{rng.randint(0, 10**6)}"
        frontier.extend((c, depth + 1) for c in node.children)
    return g


@pytest.mark.parametrize("seed", range(20))
def test_efg_written_by_pygambit_reads_identically(seed):
    g = random_gbt_tree(random.Random(seed))
    tree = read_efg(io.StringIO(g.to_efg()))
    assert_same_tree(tree, g)
    # the tree's strategic form written by pygambit (payoff version) reads identically too
    if len(g.players) and np.prod([len(p.strategies) for p in g.players]) <= 5000:
        assert_same_nfg(read_nfg(io.StringIO(g.to_nfg())), g)


@pytest.mark.parametrize("seed", range(20))
def test_efg_written_here_reads_identically_in_pygambit(seed):
    g = random_gbt_tree(random.Random(500 + seed))
    tree = read_efg(io.StringIO(g.to_efg()))
    again = gbt.read_efg(io.StringIO(write_efg(tree)))
    # interior outcomes were folded into terminal payoffs, so one label may now name several payoff
    # vectors; pygambit renames such labels ("o2_2") on reading: compare labels only when unambiguous
    named: dict = {}
    flat = tree.flat
    for z in flat.terminals:
        named.setdefault(tree.positions[flat.position[z]].node.label, set()).add(flat.payoffs[z])
    unambiguous = all(len(v) == 1 for k, v in named.items() if k)
    assert_same_tree(tree, again, outcome_labels=unambiguous)


@settings(max_examples=30, deadline=None)
@given(trees(labels=ascii_labels))
def test_random_trees_written_here_read_identically_in_pygambit(tree):
    with warnings.catch_warnings():
        warnings.simplefilter("error", GambitLabelWarning)
        text = write_efg(tree)
    theirs = gbt.read_efg(io.StringIO(text))
    # pygambit relabels empty or repeated outcome labels ("_1", "deal_2"), so outcome labels are not compared
    assert_same_tree(tree, theirs, outcome_labels=False)


def test_bundled_style_perfect_information_tree_against_pygambit():
    tree = ExtensiveGame(
        Decision("US", {
            "Pre-concede": Decision("Russia", {
                "Ceasefire": Terminal({"US": 1, "Russia": 3}, label="frozen conflict"),
                "Fight on": Chance({"stalemate": ("3/4", Terminal({"US": 0, "Russia": "-1/2"}, label="stalemate")),
                                    "breakthrough": ("1/4", Terminal({"US": -2, "Russia": 2}, label="breakthrough"))}),
            }),
            "Keep leverage": Decision("Russia", {
                "Ceasefire": Terminal({"US": 2, "Russia": 1}, label="deal"),
                "Fight on": Terminal({"US": -1, "Russia": -1}, label="escalation")}),
        }),
        title="Sequencing",
    )
    theirs = gbt.read_efg(io.StringIO(write_efg(tree)))
    assert_same_tree(tree, theirs)
    back = read_efg(io.StringIO(theirs.to_efg()))
    assert_same_tree(back, theirs)
    assert back == tree == read_efg(io.StringIO(write_efg(tree)))


CATALOG = sorted(
    str(p) for p in (Path(gbt.__file__).parent / "catalog_data").rglob("*") if p.suffix in (".efg", ".nfg")
)


def test_catalog_is_there():
    assert len(CATALOG) >= 30  # the published games shipped with pygambit


@pytest.mark.parametrize("path", CATALOG, ids=[Path(p).stem for p in CATALOG])
def test_pygambit_catalog_reads_identically(path):
    """Every game of pygambit's catalog (published games, hand-written files) reads as pygambit reads it."""
    if path.endswith(".nfg"):
        ours = read_nfg(path)
        assert_same_nfg(ours, gbt.read_nfg(path))
        assert nfg(write_nfg(ours)) == ours
        return
    ours = read_efg(path)
    assert_same_tree(ours, gbt.read_efg(path))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GambitLabelWarning)
        text = write_efg(ours)
    assert_same_tree(ours, gbt.read_efg(io.StringIO(text)), outcome_labels=False)
    assert efg(text) == ours


@pytest.mark.parametrize("seed", range(10))
def test_solve_on_pygambit_file_agrees_with_enummixed(seed):
    """Every equilibrium ``solve`` finds for a pygambit-written bimatrix game is one of pygambit's exact
    extreme equilibria (pure equilibria always are); when ``solve`` says it is complete, the sets are equal."""
    rng = random.Random(2000 + seed)
    m, n = rng.randint(2, 4), rng.randint(2, 4)
    arrays = [
        [[gbt.Rational(rng.randint(-30, 30), rng.randint(1, 7)) for _ in range(n)] for _ in range(m)] for _ in range(2)
    ]
    g = gbt.Game.from_arrays(*arrays)
    theirs = {
        tuple(tuple(F(eq[s]) for s in p.strategies) for p in g.players)
        for eq in gbt.nash.enummixed_solve(g, rational=True).equilibria
    }
    sol = solve(read_nfg(io.StringIO(g.to_nfg())))
    ours = {tuple(tuple(F(v) for v in sigma) for sigma in e.profile) for e in sol}
    assert ours <= theirs
    if sol.complete:
        assert ours == theirs
    pure_theirs = {prof for prof in theirs if all(max(sigma) == 1 for sigma in prof)}
    assert {prof for prof in ours if all(max(sigma) == 1 for sigma in prof)} == pure_theirs
