"""numba compilation with an on-disk cache (private).

Kernels are compiled once per machine, not once per process: numba caches the
machine code beside the source (``__pycache__``) or, when that is not writable (a
read-only install), in ``NUMBA_CACHE_DIR`` or the user's cache directory. If no
location is writable the kernel is compiled in each process as before.
"""

from __future__ import annotations

from typing import Any, Callable


def njit_cached(numba: Any, func: Callable) -> Callable:
    """``numba.njit(cache=True)(func)``, or without the cache when no cache location is writable."""
    try:
        return numba.njit(cache=True)(func)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return numba.njit(cache=False)(func)


def worth_compiling(large: bool) -> bool:
    """Whether to use a compiled kernel: numba is already imported here, or the problem is ``large``.

    Importing numba and loading cached kernels costs about a second in a new process,
    more than the numpy paths take on small and medium problems, so a fresh process
    (a command, a notebook's first cell) starts with numpy and only a large problem
    pays for numba. Results are the same either way.
    """
    import sys

    return sys.modules.get("numba") is not None or large
