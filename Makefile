# newstrace: `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out

.PHONY: demo test lint eval bench clean setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/newstrace --db $(OUT)/demo.db trace examples/ --json $(OUT)/demo.json --html $(OUT)/demo.html

test: $(STAMP)
	$(BIN)/python -m pytest tests eval

lint: $(STAMP)
	$(BIN)/ruff check src tests eval bench
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/python -m pytest eval -s

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
