"""docs/property_testing.md: the analyst's snippet runs exactly as printed, and the examples are doctests."""

import doctest
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parent.parent / "docs" / "property_testing.md"


def python_blocks():
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_snippet_is_under_15_lines_and_passes():
    (snippet,) = python_blocks()
    lines = snippet.strip("\n").splitlines()
    assert len(lines) < 15
    namespace: dict = {"__name__": "test_my_model"}
    exec(compile(snippet, "test_my_model.py", "exec"), namespace)
    tests = [f for name, f in namespace.items() if name.startswith("test_") and callable(f)]
    assert len(tests) == 1
    tests[0]()  # runs the hypothesis test


def test_snippet_would_catch_a_false_claim():
    # the same snippet with the claim turned false must fail: the property test has teeth
    (snippet,) = python_blocks()
    broken = snippet.replace('{"Ceasefire": 1}', '{"Fight": 1}')
    assert broken != snippet
    namespace: dict = {}
    exec(compile(broken, "test_my_model.py", "exec"), namespace)
    with pytest.raises(AssertionError):
        namespace["test_russia_ceases_fire_in_every_equilibrium"]()


def test_doc_examples():
    result = doctest.testfile(
        str(DOC),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.attempted >= 10 and result.failed == 0
