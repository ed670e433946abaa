# Two entry points for a fresh machine: `make demo` (set up + run the service with its demo page)
# and `make test` (set up + run the whole test suite). Everything else is a helper of those.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help venv demo test build check bench eval lint-samples clean

help:
	@echo "make demo   - set up a venv and serve the annotator with its demo page on http://$(HOST):$(PORT)/"
	@echo "make test   - set up a venv and run the whole test suite"
	@echo "make build  - regenerate patterns/ from patterns/sources/"
	@echo "make bench  - run the benchmark suite (prints a table, writes bench-results.json)"
	@echo "make eval   - precision/recall on ../shared/eval when present"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,bench]"
	touch $(STAMP)

venv: $(STAMP)

demo: venv
	$(VENV)/bin/helpdesk-annotator serve --host $(HOST) --port $(PORT)

test: venv
	$(PY) -m pytest

build: venv
	$(VENV)/bin/helpdesk-annotator build

check: venv
	$(VENV)/bin/helpdesk-annotator build --check

bench: venv
	$(PY) -m annotator.bench

eval: venv
	$(PY) -m annotator.evaluate --lint

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis artifacts
