# Two commands on a fresh machine: `make build` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export DO_NOT_TRACK := 1

.PHONY: build test lint bench setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/yrd build

# The tests run on every core (at most 4 workers), a test file per worker: most of their
# time is single-threaded Python (dbt, GX, subprocess builds), so two cores halve it.
test: $(STAMP)
	$(BIN)/ruff check ingest yrd tests bench scripts
	$(BIN)/sqlfluff lint models macros analyses --processes 2
	$(BIN)/python -m pytest -n auto --maxprocesses 4 --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check ingest yrd tests bench scripts
	$(BIN)/sqlfluff lint models macros analyses --processes 2

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf build target logs dbt_packages warehouse/*.duckdb warehouse/versions warehouse/*.jsonl
