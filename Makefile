# Two commands matter: `make run` (the site with the full history loaded) and `make test`.
SHELL := /bin/bash
UV := $(shell bash scripts/ensure-uv.sh)
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup browser run test test-sqlite test-postgres lint bench messages clean

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

# Development: DEBUG is off unless set (deputized/env.py), so these targets ask for it (the
# bench turns it off where it times the production server).
run lint messages bench: export DEBUG ?= true

run: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_places
	$(PY) manage.py load_officials
	$(PY) manage.py load_detention
	$(PY) manage.py load_earlier
	$(PY) manage.py ingest
	$(PY) manage.py fetch --offline-ok
	$(PY) manage.py build_downloads
	@echo "Serving http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

test: lint test-sqlite test-postgres

test-sqlite: setup browser
	bash scripts/ensure-redis.sh
	env -u DATABASE_URL $(PY) -m pytest

test-postgres: setup browser
	bash scripts/ensure-redis.sh
	DATABASE_URL=$$(bash scripts/ensure-postgres.sh) $(PY) -m pytest

bench: setup
	bash scripts/ensure-debian-packages.sh wrk
	$(PY) -m bench

# After changing user-facing strings: extract them into the Spanish catalogue, translate the new
# entries (tests/test_translations.py fails until every one is), then compile.
messages: setup
	cd deputized && PYTHONPATH=$(CURDIR) DJANGO_SETTINGS_MODULE=deputized.settings \
		$(CURDIR)/$(PY) -m django makemessages -l es --no-obsolete --no-location
	msgfmt --check-format -o deputized/locale/es/LC_MESSAGES/django.mo \
		deputized/locale/es/LC_MESSAGES/django.po

clean:
	rm -rf var .venv node_modules .pytest_cache .ruff_cache
