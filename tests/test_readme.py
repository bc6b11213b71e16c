"""The README's Python examples run as written (the quick start must not rot)."""

import re
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)


def test_readme_has_python_examples():
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{k}" for k in range(len(BLOCKS))])
def test_readme_python_block_runs(code, capsys):
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own documentation


def test_quick_start_is_the_two_make_commands():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert re.findall(r"^make (\w+)", quick, flags=re.M) == ["demo", "test"]
