# Cổng Tin — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test serve worker backup lint format migrate demo messages clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Cổng Tin needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

migrate: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

## Serve the demo portal on http://127.0.0.1:8000 (SQLite, development settings).
run: demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Run the whole test suite: SQLite by default, PostgreSQL when DATABASE_URL is set.
test: $(VENV)/.dev
	$(BIN)/python -m pytest

## Serve with gunicorn under production settings (needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS).
serve: $(VENV)/.runtime
	DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/python manage.py collectstatic --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/gunicorn config.wsgi --workers $${WEB_CONCURRENCY:-2} --bind 127.0.0.1:$(PORT)

## Run queued tasks (purges, search index, e-mails, renditions) for servers started with
## TASKS_BACKEND=database; without it, tasks run inside the request and no worker is needed.
worker: migrate
	TASKS_BACKEND=$${TASKS_BACKEND:-database} $(BIN)/python manage.py db_worker

## Back up the database and media into backups/<date-time>/ (restore: manage.py restore FOLDER).
backup: $(VENV)/.runtime
	$(BIN)/python manage.py backup

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Refresh the Vietnamese catalogues after changing translatable strings (needs GNU gettext).
## makemessages rewrites only the project's site/locale; site/locale-overrides (Wagtail's and
## Django's messages in our words) is edited by hand. compilemessages compiles both.
messages: $(VENV)/.dev
	$(BIN)/python manage.py makemessages -l vi --ignore ".venv/*" --ignore "tests/*" --ignore "bench/*"
	$(BIN)/python manage.py compilemessages -l vi --ignore ".venv/*"

clean:
	rm -rf $(VENV) db.sqlite3 static
