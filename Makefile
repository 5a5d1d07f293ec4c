# Quick start: `make demo` then `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast install lint clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build seeds --out output
	@echo
	@echo "Open these:"
	@echo "  output/graph.html   interactive view (any browser, works offline)"
	@echo "  output/graph.ttl    the merged graph (Turtle)"
	@echo "  output/graph.trig   one named graph per article (provenance)"
	@echo "Put kg on your PATH (it is in $(BIN)), then ask the graph a question:"
	@echo "  . $(BIN)/activate"
	@echo "  kg query output/graph.trig officials --param place=历下区"

test: $(STAMP)
	$(BIN)/python -m pytest -q

# unit tests and doctests: no builds of whole corpora, no worker pools, no browser, no wheel
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not browser"

# ruff (style, line length, complexity, unused arguments), the layers contract
# (import-linter, see pyproject.toml), no import cycles and no private cross-module imports
lint: $(STAMP)
	$(BIN)/ruff check kg tests bench tools
	$(BIN)/lint-imports
	$(BIN)/python tools/check_imports.py

clean:
	rm -rf $(VENV) output/graph.*
