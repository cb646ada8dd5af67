# SamePage: `make run` to try it, `make test` to check it. See README.md.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test serve venv install install-dev lint e2e clean bench

# The first Python 3.12 or newer found; pyenv honours .python-version (3.12).
PYTHON_FOR_VENV := $(shell for p in python3.12 python3.13 python3.14 python3 python; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	echo $$p; break; fi; done)

$(PY):
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then \
		echo "SamePage needs Python 3.12 or newer, and none was found on PATH."; \
		echo "Install Python 3.12 (e.g. 'pyenv install 3.12') and run make again."; \
		exit 1; fi
	$(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

venv: $(PY)

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	@echo
	@echo "SamePage is starting on http://$(HOST):$(PORT)/ (Ctrl+C stops it)."
	@echo
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# Production-like: DEBUG off, gunicorn, WhiteNoise serving collected static files. Plain HTTP on
# this machine only, so secure cookies and the HTTPS redirect are switched off for it.
serve: install
	@export DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
		DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-$(HOST),localhost}" DJANGO_INSECURE_HTTP=1 && \
	$(PY) manage.py collectstatic --no-input -v0 && \
	$(PY) manage.py migrate --no-input && \
	echo "SamePage (production settings, plain HTTP) on http://$(HOST):$(PORT)/" && \
	$(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 2 --no-control-socket \
		--access-logfile -

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# pytest exits 5 when it collects no tests; that is not a failure of the suite.
test: lint
	$(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests."; exit 0; fi; exit $$rc

e2e: install-dev
	E2E_REQUIRED=1 $(PY) -m pytest tests/e2e $(PYTEST_ARGS)

# bench/pages.py loads every page on a real gunicorn with wrk (Debian's package, installed here
# when missing and running as root; otherwise a bounded Python load generator stands in).
bench: install-dev
	@if ! command -v wrk >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get install -y -q wrk >/dev/null || echo "wrk could not be installed: using Python load"; fi
	$(PY) bench/comparison.py
	$(PY) bench/reports.py
	$(PY) bench/pages.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
