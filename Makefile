# Alliance Workbook. `make run` serves the app on http://localhost:8501; `make test` runs every test.
# Both create .venv and install the pinned requirements the first time (and when they change).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format demo screenshots bench clean

$(STAMP): requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run app.py

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# A demo workbook to look around in: make demo, then WORKBOOK_DB=/tmp/demo-workbook.json make run
demo: $(STAMP)
	$(BIN)/python -m workbook demo --db /tmp/demo-workbook.json --sessions 40

# Screenshots of every page with demo data (needs Chromium: apt-get install chromium)
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py docs/screenshots

# How fast the app stays with 200 and 2,000 sessions; prints a table (see README, "Speed")
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
