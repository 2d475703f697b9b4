# Two commands on a fresh machine:
#   make demo   create .venv, install, ingest the bundled examples into armstrack.db, print events
#   make test   create .venv, install, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= armstrack.db

.PHONY: demo test install bench eval fuzz crash reliability clean fuzz-web

$(BIN)/armstrack: pyproject.toml requirements.lock requirements-bootstrap.txt scripts/install.sh
	@sh scripts/install.sh $(PYTHON) $(VENV)
	@touch $@

install: $(BIN)/armstrack

demo: install
	$(BIN)/armstrack ingest --db $(DB) examples/
	$(BIN)/armstrack events --db $(DB)

test: install
	@$(BIN)/lint-imports --no-cache >$(VENV).lint.log 2>&1 && echo "import layers kept (lint-imports)" || { cat $(VENV).lint.log; exit 1; }
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/throughput.py

eval: install
	$(BIN)/python bench/accuracy.py

# the suite's property-based runs (about 2,600 inputs) at ten times the size
fuzz: install
	ARMSTRACK_FUZZ_SCALE=10 $(BIN)/python -m pytest -q tests/test_ingest_fuzz.py

# schemathesis over the whole web API (valid and invalid requests, every operation) at 20 times
# the suite's cases, new ones each run, on SQLite and on PostgreSQL (ARMSTRACK_TEST_PG, or one
# started from the installed binaries); any 5xx fails it
fuzz-web: install
	ARMSTRACK_FUZZ_SCALE=20 $(BIN)/python -m pytest -q tests/test_web.py -k schemathesis

# 20 SIGKILLs at random points of ingest and rebuild, a re-run, then integrity, lost and duplicated rows
crash: install
	$(BIN)/python bench/crash.py

# peak memory on a 100 MB JSON Lines file, and time per KB from 10 KB to 200 KB
reliability: install
	$(BIN)/python bench/memory.py
	$(BIN)/python bench/scaling.py

clean:
	rm -rf $(VENV) $(VENV).install.log $(VENV).lint.log $(DB) .pytest_cache
