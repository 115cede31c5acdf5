# Two commands matter: `make run` (the site with the full history loaded) and `make test`.
SHELL := /bin/bash
UV := $(shell bash scripts/ensure-uv.sh)
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup browser run test test-sqlite test-postgres lint bench clean

setup: .venv/.synced node_modules/.installed

.venv/.synced: pyproject.toml uv.lock
	$(UV) sync --frozen --python 3.11
	@touch $@

# Registry packages used at build time: us-atlas (boundaries for the maps), axe-core (tests).
node_modules/.installed: package.json package-lock.json
	bash scripts/ensure-debian-packages.sh npm
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian's chromium, which Playwright drives in the browser tests; wrk for the load benchmark.
browser:
	bash scripts/ensure-debian-packages.sh chromium

run: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_places
	$(PY) manage.py ingest
	$(PY) manage.py fetch --offline-ok
	@echo "Serving http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

test: lint test-sqlite test-postgres

test-sqlite: setup browser
	env -u DATABASE_URL $(PY) -m pytest

test-postgres: setup browser
	DATABASE_URL=$$(bash scripts/ensure-postgres.sh) $(PY) -m pytest

bench: setup
	bash scripts/ensure-debian-packages.sh wrk
	$(PY) -m bench

clean:
	rm -rf var .venv node_modules .pytest_cache .ruff_cache
