# Opnieuw Thuis. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed

.PHONY: run test test-unit test-e2e lint install migrate demo clean bench load

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) laad_demo
	$(MANAGE) maak_demo_gebruikers

run: demo
	@echo "Opnieuw Thuis draait op http://127.0.0.1:8000 (stoppen met Ctrl-C)"
	$(MANAGE) runserver 127.0.0.1:8000

# The whole suite: unit and database tests, then the browser tests (serial, Debian's chromium).
test: install
	$(BIN)/pytest -m "not e2e" -q
	$(BIN)/pytest -m e2e -q

test-unit: install
	$(BIN)/pytest -m "not e2e" -q

test-e2e: install
	$(BIN)/pytest -m e2e -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) opnieuwthuis.sqlite3 staticfiles .pytest_cache

# Speed (README "Snelheid"): the benchmark on its own synthetic data set (bench/bench*.sqlite3, or
# BENCH_DATABASE_URL), and a 30 s wrk run against gunicorn on PostgreSQL. Both write bench/*.json.
bench: install
	$(BIN)/python -m bench.run

load: install
	bash bench/load.sh
