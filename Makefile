# Cổng Tin — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The demo's public address follows PORT unless PORTAL_BASE_URL is set: canonical and share
# links, feeds and admin e-mails name the port the portal is served on.
DEMO_BASE_URL = $(or $(PORTAL_BASE_URL),http://127.0.0.1:$(PORT))

.PHONY: run test serve worker backup lint format migrate demo messages lock clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Cổng Tin needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

# Installs read only the lock files, every package pinned with its hashes (requirements.txt for
# the runtime, requirements-dev.txt for runtime + test tools); a changed lock reinstalls.
$(VENV)/.runtime: $(BIN)/python requirements.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	@touch $@

migrate: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	PORTAL_BASE_URL=$(DEMO_BASE_URL) $(BIN)/python manage.py load_demo

## Serve the demo portal on http://127.0.0.1:8000 (or PORT=…; SQLite, development settings).
run: demo
	PORTAL_BASE_URL=$(DEMO_BASE_URL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

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
	$(BIN)/python manage.py makemessages -l vi --ignore ".venv/*" --ignore ".venv-lock/*" --ignore "tests/*" --ignore "bench/*"
	$(BIN)/python manage.py compilemessages -l vi --ignore ".venv/*" --ignore ".venv-lock/*"

## Rewrite the lock files after editing requirements.in or requirements-dev.in, then `make test`.
## Locked versions stay unless an input asks otherwise: `make lock UPGRADE=sqlparse` moves that
## one package (transitive ones too) to the newest version the pins allow, `make lock UPGRADE=all`
## every package. pip-tools runs in a venv of its own, $(LOCK_VENV)/, never in the project's.
LOCK_VENV := .venv-lock
PIP_TOOLS := pip==26.3 pip-tools==7.6.2
UPGRADE ?=
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
	$(if $(filter all,$(UPGRADE)),--upgrade,$(foreach p,$(UPGRADE),--upgrade-package $(p)))
lock:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "make lock needs Python 3.11, the oldest supported (a lock made on a newer one may lack what 3.11 needs): make lock PYTHON=python3.11")'
	test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install --quiet $(PIP_TOOLS); }
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile $(LOCK_FLAGS) --output-file requirements.txt requirements.in
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile $(LOCK_FLAGS) --output-file requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) $(LOCK_VENV) db.sqlite3 static
