# Two commands on a fresh machine:
#   make demo   create .venv, install, ingest the bundled examples into armstrack.db, print events
#   make test   create .venv, install, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= armstrack.db

.PHONY: demo test install bench eval clean

$(BIN)/armstrack: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

install: $(BIN)/armstrack

demo: install
	$(BIN)/armstrack ingest --db $(DB) examples/
	$(BIN)/armstrack events --db $(DB)

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/throughput.py

eval: install
	$(BIN)/python bench/accuracy.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
