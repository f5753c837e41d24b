# One command each, on a fresh machine: the virtual environment is created and
# requirements.txt installed when needed.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help setup figures test lab validate benchmark clean

help:
	@echo "make figures    regenerate every figure from the shipped corpus (figures/)"
	@echo "make test       run the tests"
	@echo "make lab        open the notebooks in JupyterLab"
	@echo "make validate   check the corpus and report unattributed sentences"
	@echo "make benchmark  time loading, attribution and the analysis stages"

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

figures: $(STAMP)
	$(BIN)/python -m analysis figures

test: $(STAMP)
	$(BIN)/python -m pytest analysis tests

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

validate: $(STAMP)
	$(BIN)/python -m analysis validate

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build .pytest_cache
