# Two commands from a fresh clone: `make demo` and `make test`. Everything else follows.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The demo's own venv holds sftpcheck and what it needs to run, not the test and lint tools.
DEMO_VENV := .venv-demo
DEMO_STAMP := $(DEMO_VENV)/.installed

.PHONY: demo test lint format docs bench servers clean client-fixtures explain-figures fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,lint]'
	touch $(STAMP)

$(DEMO_STAMP): pyproject.toml
	$(PYTHON) -m venv $(DEMO_VENV)
	$(DEMO_VENV)/bin/pip install --quiet --disable-pip-version-check -e .
	touch $(DEMO_STAMP)

demo: $(DEMO_STAMP)  ## the embedded server on loopback, checked end to end
	$(DEMO_VENV)/bin/sftpcheck demo

servers:  ## the real servers the tests start (OpenSSH sshd, iptables); installs them as root
	bash tests/setup-servers.sh

test: $(STAMP) servers  ## the whole suite against real servers on loopback
	$(BIN)/python -m pytest

# The fuzzers' long budget, shared among them; `make test` runs each for a short, fixed one.
FUZZ_SECONDS ?= 600

fuzz: $(STAMP)  ## every reader fuzzed for FUZZ_SECONDS in all; a finding is shrunk, kept in .hypothesis/
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/python -m pytest tests/fuzz -m fuzz --runxfail -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check sftpcheck tests bench
	$(BIN)/ruff format --check sftpcheck tests bench
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix sftpcheck tests bench
	$(BIN)/ruff format sftpcheck tests bench

docs: $(STAMP)  ## regenerate docs/codes from the reason catalog
	$(BIN)/python -m sftpcheck.docs

bench: $(STAMP) servers  ## side by side with OpenSSH; writes bench/RESULTS.md
	$(BIN)/python bench/run.py

client-fixtures: $(STAMP) servers  ## rerun the real clients of tests/clients/ and rewrite their fixtures
	SFTPCHECK_RECORD_CLIENTS=1 $(BIN)/python -m pytest -q tests/clients/test_record_clients.py

explain-figures: $(STAMP)  ## how often explain is right on the recorded client runs: docs/explain-figures.md
	$(BIN)/python -m tests.clients.figures

clean:
	rm -rf $(VENV) $(DEMO_VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
