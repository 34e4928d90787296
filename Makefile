# The two commands of the quick start: `make build` and `make test`.
# Both install what is missing (system packages with apt, Python packages into .venv/),
# and skip what is already there.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system build test lint clean bench

NODE_TOOLS := tests/tools/node_modules/.installed

setup: system $(STAMP) $(NODE_TOOLS)

system:
	@bash scripts/setup-system.sh

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

# Node tools the tests use (axe-core, for the web page's accessibility check), pinned by
# tests/tools/package-lock.json.
$(NODE_TOOLS): tests/tools/package.json tests/tools/package-lock.json
	@cd tests/tools && npm ci --no-audit --no-fund --silent
	@touch $(NODE_TOOLS)

build: setup
	$(BIN)/briefs build

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check briefs tests benchmarks scripts
	$(BIN)/mypy briefs --ignore-missing-imports

clean:
	rm -rf build

bench: setup
	$(BIN)/python -m benchmarks
