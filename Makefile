# The few commands a person needs. `make run` and `make test` set everything up.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
SERVER ?= gunicorn
WORKERS ?= 1
THREADS ?= 8

.PHONY: run dev test lint format bench schema check-content export-content load-content superuser token lock clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "numbapi needs Python 3.11, found " + sys.version.split()[0]'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $(STAMP)

# A secret key for this checkout's local server, made once and kept out of git.
.secret_key:
	@$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

run: $(STAMP) .secret_key
	$(eval export NUMBAPI_SECRET_KEY ?= $(shell cat .secret_key))
	$(eval export NUMBAPI_HTTPS ?= 0)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
ifeq ($(SERVER),gunicorn)
	$(BIN)/gunicorn numbapi.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --threads $(THREADS) --access-logfile -
else
	$(BIN)/python manage.py runserver $(HOST):$(PORT)
endif

# The first admin account, on the database `make run` serves.
superuser: $(STAMP) .secret_key
	NUMBAPI_SECRET_KEY=$$(cat .secret_key) $(BIN)/python manage.py migrate --no-input
	NUMBAPI_SECRET_KEY=$$(cat .secret_key) $(BIN)/python manage.py createsuperuser

# An API token for a user: make token NAME=edith
token: $(STAMP) .secret_key
	NUMBAPI_SECRET_KEY=$$(cat .secret_key) $(BIN)/python manage.py drf_create_token $(NAME)

# Django's auto-reloading server with debug on, for working on the code.
dev: $(STAMP)
	NUMBAPI_DEBUG=1 $(BIN)/python manage.py migrate --no-input
	NUMBAPI_DEBUG=1 $(BIN)/python manage.py load_content
	NUMBAPI_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	NUMBAPI_DEBUG=0 NUMBAPI_SECRET_KEY=bench-only-key NUMBAPI_HTTPS=0 $(BIN)/python bench/run.py

schema: $(STAMP)
	NUMBAPI_DEBUG=1 $(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null

check-content: $(STAMP)
	NUMBAPI_DEBUG=1 $(BIN)/python manage.py check_content

load-content: $(STAMP)
	NUMBAPI_DEBUG=1 $(BIN)/python manage.py load_content

# Write the database (after editors' changes in admin) back to fixtures/ for review.
export-content: $(STAMP)
	NUMBAPI_DEBUG=1 $(BIN)/python manage.py export_content

# Re-pin every dependency from pyproject.toml's ranges into requirements.lock.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check ".[dev]"
	.lock-venv/bin/pip freeze --exclude numbapi | sed '/^pip==/d' > requirements.lock
	rm -rf .lock-venv build *.egg-info

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
