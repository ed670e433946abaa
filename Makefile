# Two entry points for a fresh machine: `make demo` (set up + run the service with its demo page)
# and `make test` (set up + run the whole test suite). Everything else is a helper of those.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help venv demo test build check bench eval clean

help:
	@echo "make demo   - set up a venv and serve the annotator with its demo page on http://$(HOST):$(PORT)/"
	@echo "make test   - set up a venv with the test extra and run the whole test suite (~4 min on 2 cores)"
	@echo "make build  - regenerate patterns/ from patterns/sources/"
	@echo "make bench  - run the benchmark suite in benchmarks/ (prints a table, writes bench-results.json)"
	@echo "make eval   - precision/recall on ../shared/eval and on the dev and test parts of tools/corpora"

# One stamp per set of extras, so each target installs only what it needs: serving needs the
# package alone; the tests and the benchmarks need the test extra (browser, schema, Dask, LSP
# client) and the bench extra (the suite tests the benchmark harness too, uvloop included).
# Each stamp is redone when pyproject.toml changes.
$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.stamp-serve: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.stamp-bench: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test,bench]"
	touch $@

# Everything a developer uses: the test and bench extras.
venv: $(VENV)/.stamp-bench

demo: $(VENV)/.stamp-serve
	$(VENV)/bin/helpdesk-annotator serve --host $(HOST) --port $(PORT)

test: $(VENV)/.stamp-bench
	$(PY) -m pytest

build: $(VENV)/.stamp-serve
	$(VENV)/bin/helpdesk-annotator build

check: $(VENV)/.stamp-serve
	$(VENV)/bin/helpdesk-annotator build --check

bench: $(VENV)/.stamp-bench
	$(PY) -m benchmarks

eval: $(VENV)/.stamp-serve
	$(PY) -m tools.evaluate --every --lint

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis artifacts
