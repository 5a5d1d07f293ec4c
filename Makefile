# Quick start: `make demo` then `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install lint clean bench

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
	@echo "Try a query:"
	@echo "  $(BIN)/kg query output/graph.trig ontology/queries/officials.rq"

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check kg tests bench

clean:
	rm -rf $(VENV) output/graph.*
