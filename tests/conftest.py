"""Shared test configuration: hypothesis profiles, the ``slow`` marker and the brief fixture.

Profiles: ``dev`` (the default, what ``make test`` runs) and ``ci`` (more examples, for a
scheduled or manual deep run: ``HYPOTHESIS_PROFILE=ci make test``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]

settings.register_profile("dev", deadline=None, print_blob=True)
settings.register_profile("ci", deadline=None, print_blob=True, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: an expensive property run (still part of make test)")


def find_brief() -> Path | None:
    """``shared/brief.txt`` in a parent of the checkout (``../shared/brief.txt``), or None.

    ``GAMETHEORY_BRIEF`` names another location. The brief is not part of the repository, so the
    checks that quote it skip (with this reason) on a bare clone.
    """
    env = os.environ.get("GAMETHEORY_BRIEF")
    if env:
        return Path(env) if Path(env).is_file() else None
    for parent in REPO.parents:
        candidate = parent / "shared" / "brief.txt"
        if candidate.is_file():
            return candidate
    return None


BRIEF_MISSING = (
    "the policy brief is not next to this checkout (looked for shared/brief.txt in every parent "
    f"of {REPO}; set GAMETHEORY_BRIEF to its path): verbatim-quote checks skipped"
)


@pytest.fixture(scope="session")
def brief_text() -> str:
    """The brief's text; skips the test, saying why, when the brief is absent."""
    path = find_brief()
    if path is None:
        pytest.skip(BRIEF_MISSING)
    return path.read_text(encoding="utf-8")
