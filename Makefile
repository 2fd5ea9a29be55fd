# Every target bootstraps .venv when it is missing or older than the pinned dependency set.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build check evaluate test lint bench lock clean

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip check
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/python -m site_builder serve

build: $(STAMP)
	$(BIN)/python -m site_builder build

check: $(STAMP)
	$(BIN)/python -m validators check

evaluate: $(STAMP)
	$(BIN)/python -m validators evaluate

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n auto

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

# After changing a pin in requirements.lock: rewrite the hashes of both lock files (needs the index).
lock: $(STAMP)
	$(BIN)/python tools/lock.py

clean:
	rm -rf $(VENV) site build generated .pytest_cache
