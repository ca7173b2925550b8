# Works on a machine with only Python 3.11+: uv is bootstrapped into .tools/ when it is not on PATH.
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
VENV_BIN := .venv/bin

.PHONY: run demo test lint format gen bench dev clean

run: .venv/.synced
	$(VENV_BIN)/placeindex refresh

demo: .venv/.synced
	$(VENV_BIN)/placeindex refresh --demo

test: .venv/.synced lint
	$(VENV_BIN)/pytest

lint: .venv/.synced
	$(VENV_BIN)/ruff check ingest expectations orchestration demo tests bench
	$(VENV_BIN)/ruff format --check ingest expectations orchestration demo tests bench
	$(VENV_BIN)/sqlfluff lint dbt_project

format: .venv/.synced
	$(VENV_BIN)/ruff format ingest expectations orchestration demo tests bench
	$(VENV_BIN)/ruff check --fix ingest expectations orchestration demo tests bench

# dbt's raw sources, the grant staging list and the README's table of sources, from ingest/catalog.
gen: .venv/.synced
	$(VENV_BIN)/python -m ingest.catalog.generate

bench: .venv/.synced
	$(VENV_BIN)/python bench/refresh.py

dev: .venv/.synced
	$(VENV_BIN)/placeindex dev

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv

.venv/.synced: pyproject.toml uv.lock | $(UV)
	# Compiled now, not on first import: without it every run pays seconds compiling Dagster and dbt
	# wherever bytecode is not written at import time (PYTHONDONTWRITEBYTECODE, read-only installs).
	$(UV) sync --frozen --compile-bytecode
	touch $@

clean:
	rm -rf .venv .tools dbt_project/target dbt_project/logs
