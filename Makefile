# Quick start: `make run` serves the demo on http://127.0.0.1:5000; `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
# Test processes: one per core (pytest-xdist); TEST_WORKERS=0 runs the suite in this process.
TEST_WORKERS ?= auto

.PHONY: run test install install-dev db demo lint clean translations

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Chorus needs Python 3.11 or newer: run make PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the package description changes.
$(VENV)/.installed: $(BIN)/python pyproject.toml setup.py
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

db: install
	$(BIN)/chorus init

demo: db
	$(BIN)/chorus demo --if-empty

run: demo
	CHORUS_ENV=development $(BIN)/chorus run --host $(HOST) --port $(PORT)

test: install-dev
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check feedback surveys analysis tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

# Interface catalogs (surveys/translations): extract every text into messages.pot, bring each
# language's .po up to date (LANGUAGE=ko adds a language), compile the .mo files Chorus reads.
CATALOGS := surveys/translations
# Surveys write pt-BR and zh-Hans; gettext (and pybabel, which refuses a hyphen) pt_BR and zh_Hans.
LOCALE = $(subst -,_,$(LANGUAGE))
translations: install
	$(BIN)/pybabel extract -F $(CATALOGS)/babel.cfg --no-location --project Chorus \
		-k _l -k lazy_gettext -k lazy_pgettext:1c,2 -k CodebookError \
		--copyright-holder "Chorus contributors" --msgid-bugs-address "" -o $(CATALOGS)/messages.pot .
	$(if $(LOCALE),test -d $(CATALOGS)/$(LOCALE) || $(BIN)/pybabel init -i $(CATALOGS)/messages.pot -d $(CATALOGS) -l $(LOCALE))
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i $(CATALOGS)/messages.pot -d $(CATALOGS)
	$(BIN)/pybabel compile --statistics -d $(CATALOGS)
