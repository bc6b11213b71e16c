"""Progress bars for long computations (tqdm; shown only when a run takes a while).

Examples
--------
>>> from gametheory.progress import progress_bar
>>> with progress_bar(total=3, desc="demo", force=False) as bar:
...     bar.update(3)
"""

from __future__ import annotations

import os
import sys
from typing import Any

__all__ = ["progress_bar", "DELAY_SECONDS"]

#: A bar appears only once a run has lasted this long (tqdm's ``delay``).
DELAY_SECONDS = 2.0


def progress_bar(*, total: float | None = None, desc: str = "", unit: str = "it", force: bool = False) -> Any:
    """A tqdm bar on standard error (a notebook widget in Jupyter) that appears after ``DELAY_SECONDS``.

    Parameters
    ----------
    total : float, optional
        Expected count (``None``: unknown, the bar shows the count and the rate).
    desc, unit : str
        Label and unit shown on the bar.
    force : bool, default False
        Show the bar from the start; otherwise only after ``DELAY_SECONDS``, and never
        when the environment variable ``GAMETHEORY_PROGRESS=0`` is set.
    """
    from tqdm.auto import tqdm

    disable = os.environ.get("GAMETHEORY_PROGRESS", "") == "0" and not force
    return tqdm(total=total, desc=desc, unit=unit, delay=0 if force else DELAY_SECONDS, disable=disable,
                file=sys.stderr, dynamic_ncols=True, leave=False)
