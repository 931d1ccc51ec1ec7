# The two commands a newcomer runs: `make demo` and `make test`.
# Both create .venv with the machine's python3 and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench clean examples

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# The monthly job on the sample workbooks in examples/; reports land in out/.
demo: $(VENV)/.installed
	@mkdir -p out
	$(BIN)/ledgerkit aggregate examples/hours -o out/hours_report.xlsx
	@echo "Open out/hours_report.xlsx"

# Rebuild the sample workbooks in examples/ from the script that makes them.
examples: $(VENV)/.installed
	$(BIN)/python examples/make_examples.py

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) out build dist .pytest_cache
