# Every target bootstraps .venv when it is missing or older than the pinned dependency set, and
# node_modules (the pinned third-party clients the tests drive) when npm is there.
# PYTHON: python3.11 when present, else a python3 from 3.11 to 3.13 (see .ci/find-python).
ifndef PYTHON
PYTHON := $(shell sh .ci/find-python)
endif
VENV := .venv
BIN := $(VENV)/bin
# The stamp names the Python version: `make test PYTHON=python3.13` on a .venv built with
# another version rebuilds it, instead of running the tests on the old one.
PYVER := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
STAMP := $(VENV)/.installed-python$(PYVER)
NODE_STAMP := node_modules/.installed
VERSION_OF = $(1) -c 'import sys; print("%d.%d" % sys.version_info[:2])'

.PHONY: venv serve build check evaluate doctor test test-fast lint bench lock clean schemas

venv: $(STAMP)

$(STAMP): requirements.lock
	@test -n "$(PYVER)" || { echo "找不到能运行的 Python（PYTHON=$(PYTHON)）：请安装 Python 3.11–3.13，或用 PYTHON=... 指定。" >&2; exit 2; }
	@if test -x $(BIN)/python && [ "$$($(call VERSION_OF,$(BIN)/python))" != "$(PYVER)" ]; then \
	  echo "$(VENV) 是用 Python $$($(call VERSION_OF,$(BIN)/python)) 建立的：按 $(PYTHON)（$(PYVER)）重建"; \
	  rm -rf $(VENV); fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip check
	rm -f $(VENV)/.installed*
	touch $(STAMP)

# Without npm the client tests skip locally (and fail under CI=true).
$(NODE_STAMP): package-lock.json
	if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm 不可用：跳过 node_modules（ajv-cli、yaml-language-server 的测试将跳过）"; fi

# schema/ is exported from the models and the newest year's files: a year edited by the staff
# rewrites it here (only when it changed), so editors, the form and the tests agree with it.
schemas: $(STAMP)
	$(BIN)/python -m validators schema --write

serve: $(STAMP) schemas
	$(BIN)/python -m site_builder serve

build: $(STAMP) schemas
	$(BIN)/python -m site_builder build

check: $(STAMP)
	$(BIN)/python -m validators check

evaluate: $(STAMP)
	$(BIN)/python -m validators evaluate

# The administrator's first command (README “管理员首次设置”).
doctor: $(STAMP)
	$(BIN)/python -m validators doctor

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) $(NODE_STAMP) schemas
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto

# The quick loop: no site build, no external tools, no browser.
test-fast: $(STAMP) $(NODE_STAMP) schemas
	$(BIN)/python -m pytest -n auto -m "not slow and not browser"

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

# After changing a pin in requirements.lock: rewrite the hashes of both lock files (needs the index).
lock: $(STAMP)
	$(BIN)/python tools/lock.py

clean:
	rm -rf $(VENV) site build generated .pytest_cache node_modules
