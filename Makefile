# Two commands for a fresh machine with Python >= 3.11 and make: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
# The Nu Html Checker for the tests (tests/nu.py): the jar from npm's vnu-jar, run with Java.
VNU_VERSION := 26.9.27

.PHONY: run serve backup restore soak test test-postgres lint format install migrate content benchmark-search benchmark-pdf benchmark-pages benchmark-instructions clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

VNU_JAR := $(VENV)/vnu/vnu.jar
$(VNU_JAR): $(STAMP)
	mkdir -p $(VENV)/vnu
	cd $(VENV)/vnu && npm pack --silent vnu-jar@$(VNU_VERSION) >/dev/null \
		&& tar xzf vnu-jar-$(VNU_VERSION).tgz package/build/dist/vnu.jar \
		&& mv package/build/dist/vnu.jar vnu.jar && rm -rf package vnu-jar-$(VNU_VERSION).tgz \
		&& touch vnu.jar  # npm's tarballs date their files 1985: older than the venv, made again

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

content: migrate
	$(BIN)/python manage.py load_content

run: content
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production server (gunicorn, portal/gunicorn_conf.py) with the production settings. Without
# any environment it serves a local try-out on http://127.0.0.1:$(PORT): SQLite, a secret key
# generated once into .venv/secret-key, plain HTTP. Production sets its own (README: In productie).
SERVE_SECRET_KEY_FILE := $(VENV)/secret-key
SERVE_ENV = DJANGO_SECRET_KEY_FILE="$${DJANGO_SECRET_KEY_FILE:-$(SERVE_SECRET_KEY_FILE)}" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	DJANGO_SSL_REDIRECT="$${DJANGO_SSL_REDIRECT:-0}" \
	DJANGO_INSECURE_COOKIES="$${DJANGO_INSECURE_COOKIES:-1}" \
	PORT=$(PORT)
serve: content
	@test -s $(SERVE_SECRET_KEY_FILE) || (umask 077 && $(BIN)/python -c \
		"import secrets; print(secrets.token_urlsafe(50))" > $(SERVE_SECRET_KEY_FILE))
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v0 --settings=portal.settings.production
	$(SERVE_ENV) exec $(BIN)/gunicorn -c portal/gunicorn_conf.py

# Backup and restore of all content, versions, trainings and accounts (README: In productie).
backup: install
	$(BIN)/python manage.py backup $(or $(FILE),backup-$$(date +%Y%m%d-%H%M%S).json.gz)
restore: install
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backup-....json.gz"; exit 2; }
	$(BIN)/python manage.py restore $(FILE)

# Loopback soak against a running `make serve` (not part of the tests; figures in README.md).
SOAK_SECONDS ?= 600
SOAK_CONNECTIONS ?= 50
soak: install
	$(BIN)/python manage.py soak --url http://127.0.0.1:$(PORT) \
		--seconds $(SOAK_SECONDS) --connections $(SOAK_CONNECTIONS)

# The whole suite on the embedded database (SQLite), or on PostgreSQL when DATABASE_URL is set.
test: install $(VNU_JAR)
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=portal.settings.test
	$(BIN)/pytest

test-postgres: install $(VNU_JAR)
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

# Search timing on a fresh scratch database 100x the seed (numbers in README.md). For PostgreSQL:
# make benchmark-search BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/integriteitsportaal_bench
BENCH_DATABASE_URL ?= sqlite:////tmp/integriteitsportaal-bench.sqlite3
benchmark-search: install
	case "$(BENCH_DATABASE_URL)" in sqlite:///*) rm -f "$(patsubst sqlite:///%,%,$(BENCH_DATABASE_URL))";; esac
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --noinput
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py load_content
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py generate_search_corpus
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py benchmark_search --rounds 10

# The sheet page from the page cache, rendered anew and as bare bytes under the same gunicorn
# (numbers in README.md). Load from wrk where installed (apt-get install wrk), else from Python.
BENCH_PAGES_DATABASE_URL ?= sqlite:////tmp/integriteitsportaal-pages.sqlite3
BENCH_PAGES_ARGS ?=
benchmark-pages: install
	DATABASE_URL=$(BENCH_PAGES_DATABASE_URL) $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_PAGES_DATABASE_URL) $(BIN)/python manage.py load_content
	DJANGO_SETTINGS_MODULE=portal.settings.production DJANGO_SECRET_KEY=benchmark-only \
		DJANGO_ALLOWED_HOSTS=127.0.0.1 $(BIN)/python manage.py collectstatic --noinput -v0
	DATABASE_URL=$(BENCH_PAGES_DATABASE_URL) $(BIN)/python manage.py benchmark_pages $(BENCH_PAGES_ARGS)

# Instructions a cold sheet page costs, counted by valgrind: the same on every run, so a
# change of a few per cent shows (numbers in README.md; apt-get install valgrind).
benchmark-instructions: install
	DATABASE_URL=$(BENCH_PAGES_DATABASE_URL) $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_PAGES_DATABASE_URL) $(BIN)/python manage.py load_content
	DJANGO_SETTINGS_MODULE=portal.settings.production DJANGO_SECRET_KEY=benchmark-only \
		DJANGO_ALLOWED_HOSTS=127.0.0.1 $(BIN)/python manage.py collectstatic --noinput -v0
	DATABASE_URL=$(BENCH_PAGES_DATABASE_URL) $(BIN)/python manage.py count_instructions

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
