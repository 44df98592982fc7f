# Sigap: every command creates the virtual environment on first use and reuses it after.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; \
	done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck pytest run shell seed bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Sigap needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --group dev -e ".[postgres]"
	@touch $(STAMP)

demo: $(STAMP)  ## play a scripted conversation offline (SQLite, no token)
	$(BIN)/sigap demo

test: lint typecheck pytest  ## every check: ruff, mypy (strict), pytest

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

run: $(STAMP)  ## the real bot, from .env
	$(BIN)/sigap run

shell: $(STAMP)  ## chat with Sigap in the terminal, offline
	$(BIN)/sigap shell

seed: $(STAMP)  ## load the sample catalog, FAQ and staff into the configured database
	$(BIN)/sigap seed

bench: $(STAMP)  ## benchmarks; each figure on a line as `name: value`
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache data/demo.db* data/shell.db*
