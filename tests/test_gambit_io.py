"""Gambit .nfg/.efg readers and writers: fixed cases, round-trip laws and fuzzing."""

from __future__ import annotations

import io
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import Game, SpecError
from gametheory.errors import InvalidGameError
from gametheory.io.efg import ChanceNode, EfgTree, PersonalNode, TerminalNode
from gametheory.io.gambit import read_efg, read_nfg, write_efg, write_nfg


def nfg(text: str) -> Game:
    return read_nfg(io.StringIO(text))


def efg(text: str) -> EfgTree:
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
        assert nfg(write_nfg(g, version=version, comment='c "q"')) == g


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


def test_read_perfect_information_tree_with_chance_and_interior_outcome():
    t = efg(ENTRY)
    assert t.players == ("Entrant", "Incumbent") and t.title == "Entry with nature" and t.comment == "the comment"
    assert t.is_perfect_information
    root = t.root
    assert isinstance(root, PersonalNode)
    assert (root.player, root.infoset, root.actions, root.label, root.infoset_label) == (
        "Entrant", 1, ("Out", "In"), "root", "E")
    assert t.node((0,)) == TerminalNode("stay out", (0, 2), "out")
    nature = t.node((1,))
    assert isinstance(nature, ChanceNode)
    assert nature.probabilities == (F(1, 4), F(3, 4)) and nature.infoset_label == "type"
    # the interior outcome (-1/2, 0) is added to every terminal below the chance node
    assert t.node((1, 0, 0)).payoffs == (F(-3, 2), F(-1))
    assert t.node((1, 0, 1)) == TerminalNode("share", (F(1, 2), F(1)))
    assert t.node((1, 1, 1)) == TerminalNode("share", (F(1, 2), F(1)))
    assert t.node((1, 1, 0)).payoffs == (F(-5, 2), F(3))


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
    assert not t.is_perfect_information
    assert t.infosets()["B"] == {1: ((0,), (1,))}
    second = t.node((1,))
    assert second.actions == ("h", "t") and second.infoset_label == "B guesses"
    assert t.node((1, 0)).payoffs == (-1, 1) and t.node((1, 1)).outcome == "A wins"
    # writing repeats everything; the result reads back to the same tree
    assert efg(write_efg(t)) == t


def test_shared_chance_infoset():
    text = """EFG 2 R "" { "A" }
p "" 1 1 "" { "x" "y" } 0
c "" 1 "" { "a" 1/3 "b" 2/3 } 0
t "" 0
t "" 1 "o" { 1 }
c "" 1 "" { "a" 1/3 "b" 2/3 } 0
t "" 0
t "" 1
"""
    t = efg(text)
    assert t.infosets()["chance"] == {1: ((0,), (1,))}
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
    leaf = TerminalNode("", (0,))
    with pytest.raises(InvalidGameError, match="unknown player"):
        EfgTree(("A",), PersonalNode("Z", None, ("x",), (leaf,)))
    with pytest.raises(InvalidGameError, match="has actions"):
        EfgTree(("A",), ChanceNode(None, ("a", "b"), ("1/2", "1/2"), (
            PersonalNode("A", 1, ("x",), (leaf,)), PersonalNode("A", 1, ("y",), (leaf,)))))
    with pytest.raises(InvalidGameError, match="duplicate player"):
        EfgTree(("A", "A"), TerminalNode("", (0, 0)))
    with pytest.raises(InvalidGameError, match="2 actions but 1 children"):
        PersonalNode("A", None, ("x", "y"), (leaf,))
    with pytest.raises(InvalidGameError, match="not 1"):
        ChanceNode(None, ("a", "b"), (0.5, 0.6), (leaf, leaf))


def test_float_chance_probabilities_that_do_not_add_up_as_decimals_are_refused():
    leaf = TerminalNode("", (0,))
    third = 1 / 3
    t = EfgTree(("A",), ChanceNode(None, ("a", "b", "c"), (third, third, third), (leaf, leaf, leaf)))
    with pytest.raises(InvalidGameError, match="exact fractions"):
        write_efg(t)
    ok = EfgTree(("A",), ChanceNode(None, ("a", "b"), (0.25, 0.75), (leaf, leaf)))
    assert efg(write_efg(ok)).root.probabilities == (F(1, 4), F(3, 4))


# -- hypothesis: round trips ---------------------------------------------------------

labels = st.text(alphabet=st.sampled_from('ab Z"\\{},\n\té—Я1'), min_size=1, max_size=6)
numbers = st.one_of(
    st.integers(-10**6, 10**6).map(F),
    st.fractions(min_value=-100, max_value=100, max_denominator=1000),
    st.integers(-10**25, 10**25).map(lambda k: F(k, 10**12)),
)


@st.composite
def games(draw):
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
    assert nfg(write_nfg(game, version=version, comment=comment)) == game


@st.composite
def trees(draw, max_depth=3):
    n = draw(st.integers(1, 3))
    players = tuple(draw(st.lists(labels, min_size=n, max_size=n, unique=True)))
    # infosets: (owner, key) -> actions (and probabilities for chance)
    sets: dict = {}

    def node(depth):
        kind = draw(st.sampled_from(["t", "p", "c"] if depth < max_depth else ["t"]))
        if kind == "t":
            return TerminalNode(draw(st.sampled_from(["", "deal", "war"])), tuple(draw(numbers) for _ in range(n)),
                                draw(st.sampled_from(["", "leaf"])))
        owner = None if kind == "c" else draw(st.sampled_from(players))
        key = draw(st.sampled_from([None, 1, 2, "s"]))
        if key is not None and (owner, key) in sets:
            actions, probs, ilabel = sets[(owner, key)]
        else:
            k = draw(st.integers(1, 3))
            actions = tuple(draw(st.lists(labels, min_size=k, max_size=k)))
            weights = [draw(st.integers(0, 5)) for _ in range(k)]
            if sum(weights) == 0:
                weights[0] = 1
            probs = tuple(F(w, sum(weights)) for w in weights)
            ilabel = draw(st.sampled_from(["", "info"]))
            if key is not None:
                sets[(owner, key)] = (actions, probs, ilabel)
        children = tuple(node(depth + 1) for _ in actions)
        label = draw(st.sampled_from(["", "n"]))
        if kind == "c":
            return ChanceNode(key, actions, probs, children, label, ilabel)
        return PersonalNode(owner, key, actions, children, label, ilabel)

    root = node(0)
    return EfgTree(players, root, title=draw(st.sampled_from(["", "T"])), comment=draw(st.sampled_from(["", "c"])))


def strip_keys(tree: EfgTree):
    """Everything about a tree except the names of its information-set keys."""
    out = []
    for path, node in tree.nodes():
        if isinstance(node, TerminalNode):
            out.append((path, node))
        elif isinstance(node, ChanceNode):
            out.append((path, "c", node.actions, node.probabilities, node.label))
        else:
            out.append((path, node.player, node.actions, node.label))
    parts = {owner: sorted(map(sorted, sets.values())) for owner, sets in tree.infosets().items()}
    return tree.players, tree.title, tree.comment, out, parts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees())
def test_efg_roundtrip(tree):
    text = write_efg(tree)
    back = efg(text)
    assert strip_keys(back) == strip_keys(tree)
    assert write_efg(back) == text
    assert efg(text) == back


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
