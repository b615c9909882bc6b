# The two commands a new user needs: `make site` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test check bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Build the learner and trainer editions into _build/learner and _build/trainer.
site: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[site]'
	$(BIN)/heard build --strict

# Install everything the tests need, then run them all.
test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m pytest

check: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(BIN)/heard check .

bench: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python benchmarks/bench_check.py

clean:
	rm -rf _build
