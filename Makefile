# The two commands a keeper needs: `make site` and `make test`.
# Both create .venv and install the pinned dependencies first, so they work on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
STAMP  := $(VENV)/.installed

.PHONY: install site serve test build check lint format lock clean help

help:
	@echo "make site   install, generate docs/ from content/, build the site into site/"
	@echo "make serve  the same, then preview with live reload (docs/ follows content/)"
	@echo "make test   run the whole test suite (installs first if needed)"
	@echo "make lint   ruff check and format check"

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

build: $(STAMP)
	$(BIN)/python -m generator build

site: build
	$(BIN)/mkdocs build --strict --quiet
	@echo "Site built: open site/index.html (or run 'make serve' and visit http://127.0.0.1:8000/)"

serve: build
	$(BIN)/mkdocs serve

check: $(STAMP)
	$(BIN)/python -m generator check

test: $(STAMP)
	NLTK_DATA=$(CURDIR)/tests/.empty-nltk-data $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format generator tests benchmarks
	$(BIN)/ruff check --fix generator tests benchmarks

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --generate-hashes --python-version 3.11 --python-platform linux requirements.in -o requirements.lock

clean:
	rm -rf site .digest-cache
