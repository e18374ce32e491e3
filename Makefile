# Two entry points: `make run` serves the bundled rulebook, `make test` runs the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint publish

# The install compiles the personal-data detectors (see pyproject.toml): a change to them
# installs again, so that the tests run the compiled form of the current sources.
COMPILED := $(wildcard src/leitplanke/checks/personal_data/*.py)

$(STAMP): pyproject.toml $(COMPILED)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/leitplanke serve

publish: $(STAMP)
	$(BIN)/leitplanke publish --out site

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/pytest -m "" -q
