# Alliance Workbook. `make run` serves the app on http://localhost:8501; `make test` runs every test.
# Both create .venv and install the pinned requirements the first time (and when they change).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format demo screenshots bench wheel translations clean

$(STAMP): requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $(STAMP)

# The same launcher as the installed `alliance-workbook run`: the settings in .streamlit/config.toml are
# passed to Streamlit as flags, so nothing found elsewhere can loosen them (workbook/launcher.py).
run: $(STAMP)
	$(BIN)/python -m workbook.launcher run

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# A demo workbook to look around in: make demo, then WORKBOOK_DB=/tmp/demo-workbook.json make run.
# Again: a fresh demo in place of one nobody has written in; a workbook with your own words is never touched.
DEMO_DB ?= /tmp/demo-workbook.json
demo: $(STAMP)
	@$(BIN)/python -m workbook demo --db $(DEMO_DB) --sessions 40
	@echo "With make: WORKBOOK_DB=$(DEMO_DB) make run"

# Screenshots of every page with demo data (needs Chromium: apt-get install chromium)
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py docs/screenshots

# How fast the app stays with 200 and 2,000 sessions, in Python and in Chromium beside a bare Streamlit app;
# prints a table (see README, "Speed"). ARGS=--quick for fewer samples, ARGS=--write-readme to update the README
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(ARGS)

# The installable package, into dist/ (see README, "Install as a tool"); pip fetches the build backend.
wheel: $(STAMP)
	$(BIN)/python -m pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir dist .

# The app's words for translators (README, "Add a language"): the English from the code into
# workbook/locales/messages.pot, each language's messages.po brought up to date, then compiled to the
# messages.mo the app reads (committed, so a fresh clone speaks every language at once).
# A new language: $(BIN)/pybabel init -i workbook/locales/messages.pot -d workbook/locales -l fr
translations: $(STAMP)
	$(BIN)/pybabel extract -F pyproject.toml --project="Alliance Workbook" --copyright-holder="Alliance Workbook" \
		--add-comments=TRANSLATORS: --sort-by-file -o workbook/locales/messages.pot workbook ui pages home.py app.py
	$(BIN)/pybabel update -i workbook/locales/messages.pot -d workbook/locales --ignore-obsolete
	$(BIN)/pybabel compile --statistics -d workbook/locales

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache dist
