# Guichet — the two commands that matter: `make run` and `make test`.
# Both install what is missing (Debian packages), start the local PostgreSQL cluster under .data/
# and build. DATABASE_URL points `make run` at an existing PostgreSQL instead.

SHELL := /bin/bash
SWIFT ?= swift
PORT ?= 8080
LOCAL_DB_URL = $(shell scripts/db.sh url guichet)
RUN_DB_URL = $(or $(DATABASE_URL),$(LOCAL_DB_URL))
BIN = .build/release/guichet
DEBUG_BIN = .build/debug/guichet

.PHONY: all run test build release deps db-start db-stop lint fuzz bench soak api-fuzz clean

all: build

deps:
	@scripts/deps.sh

db-start: deps
	@scripts/db.sh start

db-stop:
	@scripts/db.sh stop

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release $(if $(DATABASE_URL),,db-start)
	$(BIN) seed-demo --database-url '$(RUN_DB_URL)' --migrations-dir Migrations --if-empty
	$(BIN) serve --database-url '$(RUN_DB_URL)' --port $(PORT) --public-dir Public --migrations-dir Migrations

lint:
	$(SWIFT) format lint --strict --recursive Sources/

test: db-start lint
	$(SWIFT) build --build-tests
	GUICHET_TEST_DATABASE_URL='$(shell scripts/db.sh url postgres)' \
	GUICHET_TEST_DB_CTL="$(CURDIR)/scripts/db.sh" \
	GUICHET_ROOT="$(CURDIR)" \
	$(SWIFT) test --skip-build
	scripts/browser-tests.sh
	API_FUZZ_EXAMPLES=20 scripts/api-fuzz.sh

fuzz:
	scripts/fuzz.sh

bench: release db-start
	scripts/bench.sh

# Crash-consistency soak (SIGKILL and PostgreSQL `immediate` stops under load) and >= 10 million
# parser fuzz executions; prints one summary line. Several minutes: not part of `make test`.
soak: release db-start
	GUICHET_BIN=$(BIN) scripts/soak.sh

# Schemathesis against docs/openapi.yaml (no 5xx, declared content types); about a minute.
api-fuzz: build db-start
	scripts/api-fuzz.sh

clean:
	scripts/db.sh destroy || true
	rm -rf .build .data Fuzz/out
