# SamePage: `make run` to try it, `make test` to check it. See README.md.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test serve venv install install-dev lint e2e clean bench loadtest faulttest two-servers

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

# Links in emails point at the address served here, unless SAMEPAGE_SITE_URL says otherwise.
SITE_URL_DEFAULT = $${SAMEPAGE_SITE_URL:-http://$(HOST):$(PORT)}

# The web server and the background worker (email, digests, periodic jobs) run together under
# jobs.supervise: Ctrl+C stops both.
run: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=1 $(PY) manage.py createcachetable
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	@echo
	@echo "SamePage is starting on http://$(HOST):$(PORT)/ with its background worker (Ctrl+C stops both)."
	@echo
	export DJANGO_DEBUG=1 SAMEPAGE_SITE_URL="$(SITE_URL_DEFAULT)" && \
	$(PY) -m jobs.supervise "$(PY) manage.py runserver $(HOST):$(PORT)" "$(PY) manage.py run_worker"

# Production-like: DEBUG off, gunicorn, WhiteNoise serving collected static files. Plain HTTP on
# this machine only, so secure cookies and the HTTPS redirect are switched off for it.
serve: install
	@export DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
		DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-$(HOST),localhost}" DJANGO_INSECURE_HTTP=1 \
		SAMEPAGE_SITE_URL="$(SITE_URL_DEFAULT)" && \
	$(PY) manage.py collectstatic --no-input -v0 && \
	$(PY) manage.py migrate --no-input && \
	$(PY) manage.py createcachetable && \
	echo "SamePage (production settings, plain HTTP) on http://$(HOST):$(PORT)/ with its worker" && \
	$(PY) -m jobs.supervise \
		"$(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 2 --no-control-socket --access-logfile -" \
		"$(PY) manage.py run_worker"

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
	$(PY) bench/matching.py
	$(PY) bench/pages.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Proof under load and faults (minutes, not part of `make test`): a private PostgreSQL, two
# gunicorn servers and a worker on loopback; see loadtest/run.py.
loadtest: install
	$(PY) -m loadtest.run load $(LOADTEST_ARGS)

faulttest: install
	$(PY) -m loadtest.run fault $(LOADTEST_ARGS)

# Two gunicorn servers on one PostgreSQL: a person signed in on one goes on on the other.
two-servers: install
	$(PY) -m loadtest.two_servers
