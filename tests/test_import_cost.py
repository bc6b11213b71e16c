"""Start-up cost as behaviour: what ``import gametheory`` and light commands load (no timings)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sympy", "scipy", "matplotlib", "numba", "pandas", "dask", "distributed", "pyarrow", "tqdm", "hypothesis")


def loaded_after(code: str) -> list[str]:
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(m for m in %r if m in sys.modules)))" % (HEAVY,)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_gametheory_loads_no_heavy_module():
    assert loaded_after("import gametheory") == []


def test_list_command_loads_no_heavy_module():
    assert loaded_after("from gametheory.cli import main\nmain(['list'])") == []


@pytest.mark.parametrize("shape", [(2, 2), (8, 8)])
def test_small_two_player_solve_needs_no_compiler_or_symbolic_algebra(shape):
    # numba costs about a second per new process: small games take the numpy paths
    code = (
        "import numpy as np\nfrom gametheory import Game, solve\n"
        f"rng = np.random.default_rng(0)\nm, n = {shape}\n"
        "solve(Game.from_bimatrix(rng.integers(0, 9, (m, n)).tolist(), rng.integers(0, 9, (m, n)).tolist()))"
    )
    assert not {"numba", "sympy", "matplotlib"} & set(loaded_after(code))


def test_version_is_available_lazily():
    import gametheory

    assert isinstance(gametheory.__version__, str) and gametheory.__version__


@pytest.mark.slow
def test_compiled_kernels_are_cached_on_disk_for_the_next_process(tmp_path):
    pytest.importorskip("numba")
    # NUMBA_CACHE_DIR stands for the user cache used when the install is read-only
    code = (
        "import warnings\nimport numpy as np\nfrom gametheory import Game\n"
        "from gametheory.solvers import reverse_search as rs, _revsearch_kernel as K\n"
        "warnings.simplefilter('ignore')\n"
        "rng = np.random.default_rng(1)\n"
        "g = Game.from_bimatrix(rng.integers(0, 5, (6, 6)).tolist(), rng.integers(0, 5, (6, 6)).tolist())\n"
        "rs.reverse_search_equilibria(g)\n"
        "print(sum(K.search.stats.cache_hits.values()), sum(K.search.stats.cache_misses.values()))"
    )
    env = {**__import__("os").environ, "NUMBA_CACHE_DIR": str(tmp_path)}

    def run():
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
        assert out.returncode == 0, out.stderr
        return [int(v) for v in out.stdout.split()[-2:]]

    hits, misses = run()
    assert misses >= 1 and any(tmp_path.rglob("*.nbi"))  # compiled once, written to the cache
    hits, misses = run()
    assert hits >= 1 and misses == 0  # the next process loads it instead of compiling
