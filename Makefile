# Frontline: `make run` starts the dashboard, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM ?= /usr/bin/chromium
TOOLS  := .tools
ESLINT := $(TOOLS)/node_modules/.bin/eslint

.PHONY: run setup setup-dev test lint lint-js chromium postgresql nginx bench screenshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

setup: $(VENV)/.dev  ## venv with every dependency (idempotent)

run: $(VENV)/.runtime  ## start the dashboard on the bundled data
	$(BIN)/python -m dashboard.launch --port $(PORT)

chromium:  ## Debian's Chromium for the browser tests (no browser download)
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

postgresql:  ## Debian's PostgreSQL server: the ledger tests start a throwaway cluster of it
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

nginx:  ## Debian's nginx: the replica test runs it (foreground, loopback) in front of two apps
	@[ -x /usr/sbin/nginx ] || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }

test: setup lint-js chromium postgresql nginx  ## every test, browser and PostgreSQL tests included
	$(BIN)/python -m pytest
	$(BIN)/python -m pytest -m timing  # wall-clock limits, on their own line

lint: setup lint-js
	$(BIN)/ruff check dashboard tests bench tools
	$(BIN)/ruff format --check dashboard tests bench tools
	$(BIN)/mypy

$(ESLINT): $(TOOLS)/package.json $(TOOLS)/package-lock.json
	npm ci --prefix $(TOOLS) --no-audit --no-fund --loglevel=error
	touch $@

lint-js: $(ESLINT)  ## ESLint (pinned in .tools/package.json) over the browser map's modules
	$(ESLINT) dashboard

bench: setup chromium
	$(BIN)/python -m bench

screenshot: setup chromium  ## regenerate docs/screenshot.png
	$(BIN)/python -m tests.support.screenshot docs/screenshot.png --query "date=2020-06-01&place=al-Asabaa"

clean:
	rm -rf $(VENV) $(TOOLS)/node_modules .pytest_cache test-results
