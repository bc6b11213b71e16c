"""The suite needs nothing outside the repository: a fresh clone without ``../shared`` passes.

The clone goes to a temporary directory (no ``shared/brief.txt`` in any parent), and the fast
subset that touches the bundled games, the brief's claims, the command line and the README runs
there with this interpreter. Checks that quote the brief must skip there and say why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

# The tests that read bundled files or the brief; enough to catch a dependency on ../shared.
FAST_SUBSET = (
    "tests/test_library.py",
    "tests/test_sequential_spec.py",
    "tests/test_brief_claims.py",
    "tests/test_cli.py",
)


@pytest.mark.slow
def test_fast_subset_passes_in_a_fresh_clone_without_shared(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.fail("this check clones the repository: it needs git and a git checkout")
    dst = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(dst)], check=True)
    assert not any((p / "shared" / "brief.txt").exists() for p in dst.parents), "the clone must not see the brief"
    env = {k: v for k, v in os.environ.items() if k not in ("GAMETHEORY_BRIEF", "PYTHONPATH")}
    env["PYTHONPATH"] = str(dst)  # the clone's package, not this checkout's editable install
    proc = subprocess.run(
        # slow tests re-solve the scenario many times; they need no file the fast ones do not
        [sys.executable, "-m", "pytest", "-q", "-x", "-rs", "-p", "no:cacheprovider", "-m", "not slow", *FAST_SUBSET],
        cwd=dst, env=env, capture_output=True, text=True, timeout=900,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert "passed" in out
    # the brief checks skip, and the report says why
    assert "verbatim-quote checks skipped" in out, out[-2000:]
    # and the clone really was the package under test
    check = subprocess.run([sys.executable, "-c", "import gametheory, sys; print(gametheory.__file__)"],
                           cwd=dst, env=env, capture_output=True, text=True)
    assert str(dst) in check.stdout
