# Frontline: `make run` starts the dashboard, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM ?= /usr/bin/chromium

.PHONY: run setup setup-dev test lint chromium postgresql bench screenshot clean

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

test: setup chromium postgresql  ## every test, browser and PostgreSQL tests included
	$(BIN)/python -m pytest
	$(BIN)/python -m pytest -m timing  # wall-clock limits, on their own line

lint: setup
	$(BIN)/ruff check dashboard tests bench tools
	$(BIN)/ruff format --check dashboard tests bench tools
	$(BIN)/mypy

bench: setup chromium
	$(BIN)/python -m bench

screenshot: setup chromium  ## regenerate docs/screenshot.png
	$(BIN)/python -m tests.support.screenshot docs/screenshot.png --query "date=2020-06-01&place=al-Asabaa"

clean:
	rm -rf $(VENV) .pytest_cache test-results
