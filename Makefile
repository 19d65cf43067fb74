# Two commands for a fresh machine with Python >= 3.11 and make: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test test-sqlite test-postgres lint format install migrate content benchmark benchmark-pdf clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

content: migrate
	$(BIN)/python manage.py load_content

run: content
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The whole suite on the embedded database (SQLite), or on PostgreSQL when DATABASE_URL is set.
test: install
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=portal.settings.test
	$(BIN)/pytest

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/integriteitsportaal} $(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# Timing of the sheet and session-pack PDFs (numbers in README.md).
benchmark-pdf: content
	$(BIN)/python manage.py benchmark_pdf

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
