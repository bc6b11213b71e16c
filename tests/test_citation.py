"""CITATION.cff is valid CFF 1.2.0; cite() gives well-formed BibTeX."""

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from gametheory import GameTheoryError
from gametheory.citation import BIBLIOGRAPHY, cite

ROOT = Path(__file__).resolve().parents[1]


def test_citation_cff_is_valid_against_the_1_2_0_schema():
    schema = json.loads((ROOT / "tests" / "data" / "cff-1.2.0.schema.json").read_text())
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    # YAML reads the release date as a date; CFF validators compare its string form
    data["date-released"] = str(data["date-released"])
    jsonschema.validate(data, schema)
    broken = dict(data, **{"cff-version": "9.9"})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_citation_version_matches_package():
    from gametheory.solution import package_version

    data = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert str(data["version"]) == package_version()


def _balanced(text):
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    return depth == 0


def test_cite_bibtex_is_well_formed():
    text = cite(sorted(BIBLIOGRAPHY))
    keys = re.findall(r"^@\w+\{([^,]+),", text, flags=re.M)
    assert keys == ["gametheory"] + sorted(BIBLIOGRAPHY)
    assert _balanced(text)
    for entry in text.split("\n\n"):
        assert re.search(r"^\s+title = \{", entry, flags=re.M)


def test_cite_unknown_key_raises():
    with pytest.raises(GameTheoryError, match="unknown citation key"):
        cite(["nobody2099"])
