# Bostadsinkasso – two commands: `make run` (set up and start) and `make test` (set up and test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGE_STAMP := $(VENV)/.installed-package

.PHONY: run test lint bench package clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/bostadsinkasso gui

# the bundle is built (or found current) first: tests/packaging smoke-tests it
test: $(STAMP) package
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

$(PACKAGE_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e '.[test,package]'
	touch $(PACKAGE_STAMP)

# one-folder bundle in build/dist/bostadsinkasso/ (rebuilt only when its inputs changed)
package: $(PACKAGE_STAMP)
	$(BIN)/python packaging/build.py

bench: $(STAMP) package
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist *.egg-info
