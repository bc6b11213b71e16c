"""The HTML displays of games and results, as a reader sees them: a notebook exported to HTML, rendered in
headless Chromium (Debian's `chromium` and `chromium-driver`, installed by `.ci/run`), its tables checked.

Where Chromium or its driver is absent the test skips and says so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    if CHROMIUM is None or DRIVER is None:
        pytest.skip("headless Chromium not installed (Debian: chromium, chromium-driver; .ci/run installs them)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium (test extra) not installed")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}", "--window-size=1280,2000"):
        opts.add_argument(arg)
    d = webdriver.Chrome(service=Service(executable_path=DRIVER), options=opts)
    d.set_page_load_timeout(120)
    yield d
    d.quit()


def _exported(tmp_path: Path, name: str) -> Path:
    from nbconvert import HTMLExporter

    nb = nbformat.read(REPO / "notebooks" / name, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    body, _ = HTMLExporter().from_notebook_node(nb)
    out = tmp_path / (Path(name).stem + ".html")
    out.write_text(body, encoding="utf-8")
    return out


@pytest.mark.slow
def test_exported_notebook_shows_its_game_and_equilibrium_tables_in_chromium(driver, tmp_path, monkeypatch):
    from selenium.webdriver.common.by import By

    import gametheory as gt

    monkeypatch.setenv("MPLBACKEND", "Agg")
    page = _exported(tmp_path, "07_explorer.ipynb")
    driver.get(page.as_uri())
    tables = driver.find_elements(By.CSS_SELECTOR, "table.gt-game")
    # the co-sender game's payoff table and its equilibria (the explorer's own tables live in its widget)
    assert len(tables) >= 2
    for t in tables:
        assert t.is_displayed() and t.size["height"] > 20 and t.size["width"] > 100
    text = " ".join(t.text for t in tables)
    game = gt.load("cosenders", {"cost": 2})
    for label in game.strategies[0] + game.strategies[1]:
        assert label in text
    for eq in gt.solve(game):
        for v in eq.payoffs:
            assert gt.exact.format_number(v) in text
    # pure equilibria are shaded as the stylesheet says
    shaded = driver.find_elements(By.CSS_SELECTOR, "table.gt-game td.gt-eq")
    assert shaded and all(c.value_of_css_property("font-weight") in ("700", "bold") for c in shaded)
    shot = tmp_path / "page.png"
    assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
