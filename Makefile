# Sopimo: `make run` serves the app with demo data on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
VENDOR := web/static/vendor
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: run test install assets migrate demo test-sqlite test-postgres bench clean messages

# requirements.lock pins what runs in production; requirements-dev.lock adds the test tools (pip freeze of both).
$(BIN)/activate: requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(BIN)/activate

install: $(BIN)/activate assets

$(VENDOR)/htmx.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/hds-core
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	cp node_modules/hds-core/lib/base.min.css $(VENDOR)/hds-core/base.min.css
	cp node_modules/hds-core/lib/components/all.min.css $(VENDOR)/hds-core/all.min.css
	mkdir -p $(VENDOR)/swagger-ui
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/swagger-ui/

assets: $(VENDOR)/htmx.min.js

migrate: install
	$(BIN)/sopimo migrate

demo: migrate
	$(BIN)/sopimo load-demo

run: demo
	HOST=$(HOST) PORT=$(PORT) $(BIN)/sopimo serve

# Lint and types first: a fault they find fails the run before the suite starts.
test: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m tests.run_suite

# The cost engine's timings; 32 connections of mixed reads and writes for 30 s on a fresh SQLite server; then every
# read at national size on PostgreSQL (and at one tenth, and on SQLite) beside its floor (bench/README.md).
bench: install
	$(BIN)/python bench/costs.py
	$(BIN)/python bench/load.py --connections 32 --seconds 30
	$(BIN)/python bench/national.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var

# Re-extract the texts of the pages into web/locales/messages.pot and merge them into the Finnish and
# Swedish catalogs; then translate every empty msgstr (tests/web/test_i18n.py fails on a missing one).
# Only web/ is scanned: see babel.cfg. New texts arrive empty, never as fuzzy guesses.
messages:
	$(BIN)/pybabel extract -F babel.cfg --project=Sopimo --add-comments=TRANSLATORS: -o web/locales/messages.pot web
	$(BIN)/pybabel update -i web/locales/messages.pot -d web/locales -l fi --no-fuzzy-matching --init-missing
	$(BIN)/pybabel update -i web/locales/messages.pot -d web/locales -l sv --no-fuzzy-matching --init-missing
