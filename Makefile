# Works on a machine with only Python 3.11+: uv is bootstrapped into .tools/ when it is not on PATH.
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
VENV_BIN := .venv/bin
# Bytecode is written, whatever the shell says: without it every refresh and every test worker
# compiles the project's modules again and pytest rewrites every test module's asserts again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run demo test test-fast test-faults lint format gen bench dev clean

run: .venv/.synced
	$(VENV_BIN)/placeindex refresh

demo: .venv/.synced
	$(VENV_BIN)/placeindex refresh --demo

# The tests run on TEST_WORKERS processes (pytest-xdist; auto: one per core, 0: in this process),
# a whole file to a worker: a file's tests share its module fixtures and, in tests/integration/
# test_refresh_demo.py, a folder they write in order. The demo and real refreshes are built once
# for all workers, and the longest files go first (tests/conftest.py; hence no reordering).
TEST_WORKERS ?= auto
PARALLEL = -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

test: .venv/.synced lint
	$(VENV_BIN)/pytest $(PARALLEL)

# The inner loop: unit tests, the catalog contract and the Dagster definitions (no refresh), less
# the sweeps over every source's whole file (marker `sweep`), which `make test` runs.
test-fast: .venv/.synced
	$(VENV_BIN)/pytest -q $(PARALLEL) -m "not sweep" tests/unit tests/test_contract.py tests/test_definitions.py

# The fault-injection suite alone (tests/faults/: bad inputs, kill -9, full disk, readers).
test-faults: .venv/.synced
	$(VENV_BIN)/pytest $(PARALLEL) -m faults tests/faults

lint: .venv/.synced
	$(VENV_BIN)/ruff check ingest expectations orchestration demo tests bench site/loaders site/src
	$(VENV_BIN)/ruff format --check ingest expectations orchestration demo tests bench site/loaders site/src
	$(VENV_BIN)/sqlfluff lint dbt_project

format: .venv/.synced
	$(VENV_BIN)/ruff format ingest expectations orchestration demo tests bench site/loaders site/src
	$(VENV_BIN)/ruff check --fix ingest expectations orchestration demo tests bench site/loaders site/src

# dbt's raw sources, the grant staging list and the README's table of sources, from ingest/catalog.
gen: .venv/.synced
	$(VENV_BIN)/python -m ingest.catalog.generate

bench: .venv/.synced
	$(VENV_BIN)/python bench/refresh.py

# The full refresh at 1x, 10x and 100x the inputs that grow (demo.scale) under a 4 GB DuckDB
# memory_limit: time, peak RSS, rows per second. The scaled folders are kept in data/bench-scale.
.PHONY: bench-scale
bench-scale: .venv/.synced
	$(VENV_BIN)/python bench/scale.py

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

# The dashboard (site/): Observable Framework pages built from the published warehouse,
# $PLACEINDEX_HOME/placeindex.duckdb (default data/), into site/dist; `placeindex serve` serves it.
# Needs Node 18+ and npm; every library comes from site/node_modules, so the site works offline.
.PHONY: site test-site
SITE_HOME = $(abspath $(or $(PLACEINDEX_HOME),data))

site: .venv/.synced site/node_modules/.package-lock.json
	# A site built from a DuckLake release (PLACEINDEX_SITE_RELEASE: latest, an id or a date) is
	# pinned to one release id first, so a release committed during the build cannot mix pages.
	release="$${PLACEINDEX_SITE_RELEASE:-}"; \
	if [ -n "$$release" ]; then release=$$($(VENV_BIN)/python -m ingest.lake resolve "$$release") || exit 1; fi; \
	cd site && PLACEINDEX_SITE_RELEASE="$$release" PLACEINDEX_HOME=$(SITE_HOME) PLACEINDEX_PYTHON=$(abspath $(VENV_BIN)/python) npm run build

site/node_modules/.package-lock.json: site/package.json site/package-lock.json
	cd site && npm ci --no-audit --no-fund

# Browser tests of the built site in the system's Chromium (PLACEINDEX_CHROMIUM overrides). With no
# PLACEINDEX_HOME they first refresh the demo into site/.test-home. Here a missing browser, Node or
# build fails rather than skips (PLACEINDEX_SITE_TESTS=required); plain pytest skips them instead.
SITE_TEST_HOME = $(abspath $(or $(PLACEINDEX_HOME),site/.test-home))

test-site: .venv/.synced site/node_modules/.package-lock.json
	$(if $(PLACEINDEX_HOME),,$(VENV_BIN)/placeindex --home $(SITE_TEST_HOME) refresh --demo)
	$(MAKE) site PLACEINDEX_HOME=$(SITE_TEST_HOME)
	PLACEINDEX_HOME=$(SITE_TEST_HOME) PLACEINDEX_SITE_TESTS=required $(VENV_BIN)/pytest tests/site
