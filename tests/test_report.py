"""`gametheory report`: a paper that compiles and reads, escaped text, bundles written whole or not at all.

The compile tests run pdflatex and BibTeX (and pdftoppm to look at the pages) where they are installed
(`.ci/run` installs them from Debian's packages); elsewhere they skip and say which program is missing.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import gametheory as gt
from gametheory import OutputError, library
from gametheory.cli import main
from gametheory.report import BUNDLE_MARKER, is_bundle, write_report

TEX = {name: shutil.which(name) for name in ("pdflatex", "bibtex", "pdftoppm", "pdftotext")}


def _need(*programs: str) -> None:
    missing = [p for p in programs if TEX[p] is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (Debian: texlive-latex-base, texlive-latex-recommended, "
                    "texlive-pictures, lmodern, poppler-utils; .ci/run installs them): compile check skipped")


def compile_paper(bundle: Path) -> Path:
    """pdflatex, bibtex, pdflatex twice; fail with the LaTeX errors. Returns the PDF."""
    _need("pdflatex", "bibtex")

    def run(*cmd: str) -> subprocess.CompletedProcess:
        return subprocess.run(cmd, cwd=bundle, capture_output=True, text=True, timeout=300)

    latex = (TEX["pdflatex"], "-interaction=nonstopmode", "-halt-on-error", "paper.tex")
    steps = [run(*latex), run(TEX["bibtex"], "paper"), run(*latex), run(*latex)]
    log = (bundle / "paper.log").read_text(encoding="utf-8", errors="replace")
    errors = [ln for ln in log.splitlines() if ln.startswith("!")]
    assert all(s.returncode == 0 for s in steps), "\n".join(errors) or steps[1].stdout[-2000:]
    assert "undefined references" not in log and "Citation" not in "".join(
        ln for ln in log.splitlines() if "undefined" in ln), "unresolved references or citations"
    blg = (bundle / "paper.blg").read_text(encoding="utf-8", errors="replace")
    assert "error message" not in blg, blg
    return bundle / "paper.pdf"


def page_text(pdf: Path) -> str:
    _need("pdftotext")
    return subprocess.run([TEX["pdftotext"], "-layout", str(pdf), "-"], capture_output=True, text=True,
                          timeout=120).stdout


def inked_pages(pdf: Path, first: int = 3) -> list[float]:
    """The share of non-white pixels on each of the first pages, rendered to PNG by pdftoppm."""
    _need("pdftoppm")
    import matplotlib.image as mpimg

    out = pdf.parent / "page"
    subprocess.run([TEX["pdftoppm"], "-r", "40", "-png", "-f", "1", "-l", str(first), str(pdf), str(out)],
                   check=True, timeout=120)
    shares = []
    for png in sorted(pdf.parent.glob("page-*.png")):
        img = mpimg.imread(png)[..., :3]
        shares.append(float((img.mean(axis=2) < 0.9).mean()))
    return shares


# -- the paper of each bundled game ---------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("name", ["negotiations", "nato_membership", "sanctions", "troop_mission", "resource_deal",
                                  "cosenders"])
def test_the_paper_of_every_bundled_game_compiles_and_its_pages_show_captions_tables_and_references(
        name, tmp_path):
    _need("pdflatex", "bibtex")
    sequential = library.spec(name).composition is not None
    # the composed scenario's thresholds take a few minutes; the sub-games' are part of the check
    bundle = write_report(name, tmp_path / "bundle", thresholds=name != "negotiations")
    tex = (bundle / "paper.tex").read_text()
    labels = set(re.findall(r"\\label\{([^}]+)\}", tex))
    assert {"sec:game", "sec:equilibria", "sec:reproduce"} <= labels
    assert set(re.findall(r"\\ref\{([^}]+)\}", tex)) <= labels and re.search(r"\\caption\{", tex)
    assert ("\\usepackage{istgame}" in tex) == ("\\begin{istgame}" in tex)  # only the packages it uses
    pdf = compile_paper(bundle)
    text = page_text(pdf)
    assert "Table 1:" in text and "Figure 1:" in text and "References" in text
    assert "Abstract" in text and "Assumption" in text
    assert "??" not in text  # every cross-reference resolved
    for work in ("Fearon", "Schelling", "Zagare", "Berg", "Tsebelis", "Nash"):
        if work.lower() in (bundle / "references.bib").read_text().lower():
            assert work in text, work
    if sequential:
        assert "game tree" in text and "equilibria" in text.lower()
    else:
        assert "Equilibria with exact probabilities" in text and "Payoffs" in text
        for p in library.spec(name).key_parameters:
            assert f"Equilibria as {p} moves" in text
    shares = inked_pages(pdf)
    assert len(shares) == 3 and all(s > 0.01 for s in shares), shares  # no blank page


# -- escaping ----------------------------------------------------------------------------------------------
EVIL = r"""
title = "Evil </script><script>alert(1)</script> & 50% \\input{/etc/passwd} Ж"
description = '''
A [link](javascript:alert(1)) and <img src=x onerror=alert(1)> and `code <b>` and
# not a heading } \\end{document}
'''
players = ["A<b>", "B_%"]

[strategies]
"A<b>" = ["x&y", "z}{"]
"B_%" = ["$1", "#2"]

[payoffs]
"A<b>" = [[1, 0], [0, 1]]
"B_%" = [[1, 0], [0, 1]]

[[assumptions]]
id = "E1"
player = "A<b>"
statement = "Prefers <script>x</script> and \\def\\x{}"
basis = "modelling choice"

[[sources]]
id = "x},\n  title = {pwned}}\n@misc{injected,"
citation = "Evil } @article{other, title={x}} 100% #1"
url = "https://example.org/a b}{\\c"
"""


@pytest.fixture(scope="module")
def evil_bundle(tmp_path_factory):
    d = tmp_path_factory.mktemp("evil")
    src = d / "evil.toml"
    src.write_text(EVIL, encoding="utf-8")
    return write_report(src, d / "bundle")


def test_references_bib_cannot_be_injected(evil_bundle):
    bib = (evil_bundle / "references.bib").read_text()
    entries = re.findall(r"^@(\w+)\{([^,\n]*),", bib, re.M)
    keys = [k for _, k in entries]
    assert "injected" not in keys and "other" not in keys
    assert len(keys) == len(set(keys)) and all(re.fullmatch(r"[A-Za-z0-9:_.\-]+", k) for k in keys)
    assert len(re.findall(r"^@", bib, re.M)) == len(entries) == 3  # package, game file, its one source
    # every field value's braces balance within its entry
    for entry in re.split(r"\n\n", bib.strip()):
        assert entry.count("{") == entry.count("}"), entry


def test_report_md_shows_game_file_text_as_text(evil_bundle):
    md = (evil_bundle / "REPORT.md").read_text()
    prose = re.sub(r"`[^`]*`", "", md)  # inside code spans nothing is interpreted
    assert re.search(r"(?<!\\)<(script|img|b)\b", prose) is None, "raw HTML from the game file"
    assert "](javascript:" not in md.replace("\\](javascript:", "")
    assert "\\<script\\>" in md and "`code <b>`" in md  # escaped as text; code spans kept as code
    assert not re.search(r"^# not a heading", md, re.M)


def test_paper_tex_escapes_game_file_text(evil_bundle):
    tex = (evil_bundle / "paper.tex").read_text()
    assert "\\input{/etc/passwd}" not in tex and "\\def\\x" not in tex
    assert tex.count("\\end{document}") == 1 and tex.rstrip().endswith("\\end{document}")
    assert "[U+0416]" in tex  # a character the fonts lack is named, not a compile error


@pytest.mark.slow
def test_a_paper_from_a_hostile_game_file_still_compiles(evil_bundle):
    pdf = compile_paper(evil_bundle)
    text = page_text(pdf)
    assert "\\input{/etc/passwd}" in text  # printed, not executed
    assert "</script><script>" in text


# -- the bundle directory ------------------------------------------------------------------------------------
def test_a_new_report_replaces_an_earlier_bundle_without_stale_files(tmp_path):
    out = tmp_path / "paper"
    write_report("cosenders", out)
    assert is_bundle(out) and (out / BUNDLE_MARKER).is_file()
    assert (out / "figures" / "thresholds_cost.pdf").is_file()
    (out / "tables" / "stale.tex").write_text("old")
    write_report("troop_mission", out, thresholds=False)
    assert not (out / "tables" / "stale.tex").exists()
    assert not (out / "figures" / "thresholds_cost.pdf").exists()
    assert "troop" in (out / "paper.tex").read_text().lower()
    assert [p.name for p in tmp_path.iterdir()] == ["paper"]  # no temporary sibling left


def test_a_failed_report_leaves_the_earlier_bundle_untouched(tmp_path, monkeypatch):
    import gametheory.report as report

    out = tmp_path / "paper"
    write_report("resource_deal", out, thresholds=False)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(*args, **kwargs):
        raise RuntimeError("disk full (simulated)")

    monkeypatch.setattr(report, "_figures", broken)
    with pytest.raises(RuntimeError):
        write_report("troop_mission", out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir()] == ["paper"]
    # a first report that fails leaves nothing behind
    with pytest.raises(RuntimeError):
        write_report("troop_mission", tmp_path / "new")
    assert not (tmp_path / "new").exists() and [p.name for p in tmp_path.iterdir()] == ["paper"]


def test_a_directory_that_is_not_a_bundle_is_replaced_only_with_force(tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("my work")
    with pytest.raises(OutputError, match="not empty"):
        write_report("resource_deal", out, thresholds=False)
    assert main(["report", "resource_deal", "--out", str(out), "--no-thresholds"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--force" in err and str(out) in err
    assert (out / "thesis.tex").read_text() == "my work"
    assert main(["report", "resource_deal", "--out", str(out), "--no-thresholds", "--force"]) == 0
    assert not (out / "thesis.tex").exists() and is_bundle(out)
    file = tmp_path / "file"
    file.write_text("x")
    with pytest.raises(OutputError, match="not a directory"):
        write_report("resource_deal", file, thresholds=False)


def test_force_never_replaces_the_current_directory(tmp_path, monkeypatch):
    (tmp_path / "keep").write_text("x")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError, match="refusing"):
        write_report("resource_deal", ".", thresholds=False, force=True)
    assert (tmp_path / "keep").exists()


# -- Gambit inputs --------------------------------------------------------------------------------------------
def test_report_of_an_nfg_file(tmp_path, capsys):
    nfg = tmp_path / "deal.nfg"
    nfg.write_text(gt.write_nfg(gt.load(Path(__file__).resolve().parent / "data" / "legacy" / "resource_deal.toml")))
    assert main(["report", str(nfg), "--out", str(tmp_path / "b")]) == 0
    md = (tmp_path / "b" / "REPORT.md").read_text()
    assert "Gambit file" in md and "## Equilibria" in md
    assert main(["report", str(nfg), "--out", str(tmp_path / "c"), "--param", "share=1/2"]) == 2
    assert "no parameters" in capsys.readouterr().err


def test_report_of_an_efg_file(tmp_path, capsys):
    from gametheory.sequential import Decision, SequentialGame

    tree = SequentialGame(Decision("Entrant", {"Out": {"Entrant": 1, "Incumbent": 5}, "In": Decision(
        "Incumbent", {"Cooperate": {"Entrant": 2, "Incumbent": 2}, "Fight": {"Entrant": 0, "Incumbent": 0}})}),
        title="Chain store")
    efg = tmp_path / "entry.efg"
    efg.write_text(gt.write_efg(tree))
    assert main(["report", str(efg), "--out", str(tmp_path / "b")]) == 0
    assert "subgame-perfect" in (tmp_path / "b" / "REPORT.md").read_text()
    # information sets: the tree is read into the one tree model and reported like any other
    pennies = SequentialGame(Decision("A", {
        "H": Decision("B", {"h": {"A": 1, "B": -1}, "t": {"A": -1, "B": 1}}, infoset="B moves"),
        "T": Decision("B", {"h": {"A": -1, "B": 1}, "t": {"A": 1, "B": -1}}, infoset="B moves")}), title="Pennies")
    hidden = tmp_path / "pennies.efg"
    hidden.write_text(gt.write_efg(pennies))
    assert main(["report", str(hidden), "--out", str(tmp_path / "c")]) == 0
    text = (tmp_path / "c" / "REPORT.md").read_text()
    assert "1 subgame-perfect equilibrium (all of them" in text and "every proper subgame" in text


def test_report_of_a_file_with_a_wrong_suffix_names_the_problem(tmp_path, capsys):
    bad = tmp_path / "x.nfg"
    bad.write_text("this is not a game")
    assert main(["report", str(bad), "--out", str(tmp_path / "b")]) == 2
    assert "TOML" not in capsys.readouterr().err
