# Quick start: `make demo` and `make test`. Both create .venv when missing and
# reinstall only when pyproject.toml changed (the stamp file records the install).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench clean readme lab

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m gametheory demo

# Two pytest workers: the suite's long tests (scenario regions, the demo, notebooks) are independent.
TEST_WORKERS ?= 2

test: $(STAMP)
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS)

# JupyterLab on the notebooks, with the widgets of gametheory.explore (the 'notebook' extra).
lab: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[notebook,test]'
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) build dist

# Regenerate the equilibria listed in games/README.md (a test fails when they are stale).
readme: $(STAMP)
	$(BIN)/python -m gametheory.library --readme
