# The two set-up commands are `make run` and `make test`; everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export ACCORD_TEST_POSTGRES_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test

.PHONY: run test openapi sdk bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Migrate a local SQLite database, load the seed agreements, serve on 127.0.0.1:8000.
run: $(STAMP)
	$(BIN)/accord serve --seed

## The whole test suite, on SQLite and on PostgreSQL ($$ACCORD_TEST_POSTGRES_URL).
test: $(STAMP)
	$(BIN)/pytest -q

## Regenerate openapi.yaml from the app.
openapi: $(STAMP)
	$(BIN)/accord openapi

clean:
	rm -rf $(VENV) accord.db accord.db-wal accord.db-shm

## Regenerate openapi.yaml, then the Python SDK's generated code in clients/python/accord_client/_generated.
sdk: $(STAMP)
	$(BIN)/accord openapi
	$(BIN)/python clients/generate.py
