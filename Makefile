# The two set-up commands are `make run` and `make test`; everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export ACCORD_TEST_POSTGRES_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test

.PHONY: run test lint openapi sdk bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Migrate a local SQLite database (./accord.db), load the seed agreements, serve on 127.0.0.1:8000.
## Webhooks may target this machine (ACCORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS) so a local receiver works.
## A local admin API key is made once (./.accord-admin-key) and printed; so is the board's session secret (./.accord-board-secret).
run: $(STAMP)
	@test -s .accord-admin-key || $(BIN)/python -c "import secrets; print('acc_local_' + secrets.token_urlsafe(32))" > .accord-admin-key
	@test -s .accord-board-secret || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(48))" > .accord-board-secret
	@echo "Local admin API key (send as 'Authorization: Bearer <key>'): $$(cat .accord-admin-key)"
	@echo "The board: http://127.0.0.1:8000/board (sign in with that key)"
	ACCORD_BOOTSTRAP_ADMIN_KEY=$${ACCORD_BOOTSTRAP_ADMIN_KEY:-$$(cat .accord-admin-key)} \
	ACCORD_BOARD_SESSION_SECRET=$${ACCORD_BOARD_SESSION_SECRET:-$$(cat .accord-board-secret)} \
	ACCORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS=$${ACCORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS:-true} \
	$(BIN)/accord serve --seed

## The whole test suite, on SQLite and on PostgreSQL: $$ACCORD_TEST_POSTGRES_URL when it answers, else a throwaway
## pgserver (tests/postgres.py; under CI=true an unreachable server is an error instead); empty skips PostgreSQL.
test: $(STAMP)
	$(BIN)/pytest -q

## The style CI holds: ruff's checks and its formatting.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Regenerate openapi.yaml from the app.
openapi: $(STAMP)
	$(BIN)/accord openapi

## Regenerate openapi.yaml, then the Python SDK's generated code in clients/python/accord_client/_generated.
sdk: $(STAMP)
	$(BIN)/accord openapi
	$(BIN)/python clients/generate.py

## The transition benchmark (bench/README.md); results in bench/results and docs/performance.md.
bench: $(STAMP)
	$(BIN)/python bench/transition_rate.py

## A long schemathesis run against a fresh server.
fuzz: $(STAMP)
	bench/fuzz.sh 500

clean:
	rm -rf $(VENV) accord.db accord.db-wal accord.db-shm
