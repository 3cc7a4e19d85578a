# reportbot: `make run` starts the assistant, `make test` runs every test.
# Both create .venv, install and prepare the model and index when they are missing.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Rasa Open Source 3.6 needs Python 3.8-3.10; take python3.10 from PATH, else from pyenv.
PYTHON310 ?= $(shell (python3.10 -c 'import sys' >/dev/null 2>&1 && echo python3.10) || ls -d /root/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10 2>/dev/null | tail -n 1)

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install prepare run chat test test-fast lint format eval bench nlu-report lock clean

$(BIN)/.installed: pyproject.toml constraints.txt
	@test -n "$(PYTHON310)" || { echo "python3.10 not found: install Python 3.10 (Rasa 3.6 needs 3.8-3.10) or set PYTHON310=/path/to/python3.10"; exit 1; }
	test -x $(BIN)/python || $(PYTHON310) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(BIN)/.installed

prepare: install
	$(BIN)/reportbot model prepare
	$(BIN)/reportbot index build
	$(BIN)/reportbot migrate

# Trains the Rasa model first when config, domain or data changed (Rasa's fingerprinting).
run: prepare
	$(BIN)/reportbot run

chat: prepare
	$(BIN)/reportbot chat

# Browser tests drive Debian's Chromium through its ChromeDriver (no browser downloads).
CHROMEDRIVER := /usr/bin/chromedriver
$(CHROMEDRIVER):
	apt-get update -qq && apt-get install -y -qq chromium chromium-driver

test: prepare $(CHROMEDRIVER)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

eval: prepare
	$(BIN)/reportbot eval ../shared/eval/dev.yaml --json

bench: prepare
	$(BIN)/reportbot bench

# NLU cross-validation on the training data: three DIET trainings (minutes on an idle 2-core
# machine, half an hour on a loaded one). A report, not a test: `make test` checks intents on
# held-out messages instead (tests/bot/test_nlu_heldout.py).
nlu-report: prepare
	RASA_TELEMETRY_ENABLED=false $(BIN)/rasa test nlu --nlu bot/data/nlu --config config.yml \
		--cross-validation --folds 3 --out var/reports/nlu-cv
	@echo "NLU cross-validation report: var/reports/nlu-cv (intent_report.json, intent_errors.json)"

lock: install
	{ head -n 3 constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt

clean:
	rm -rf var
