# frontcheck: `make demo` and `make test` do all set-up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SHARED ?= $(abspath ../shared/data)
DEMO_DB ?= out/demo.sqlite
export FRONTCHECK_SHARED := $(SHARED)
# Browser tests drive Debian's Chromium; Playwright must never download a browser of its own.
CHROMIUM := /usr/bin/chromium
AXE := tests/web/axe/node_modules/axe-core/axe.min.js
# PDF briefs: WeasyPrint lays out with Debian's pango; tests read the PDF with poppler.
PDF_TOOLS := /usr/bin/pdftoppm
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# The store suites also run on a throwaway PostgreSQL cluster (tests/postgres.py) started from
# Debian's server binaries, with PostGIS; the version Debian ships as its default.
PG_VERSION ?= 15
PG_SERVER := /usr/lib/postgresql/$(PG_VERSION)/bin/initdb
POSTGIS := /usr/share/postgresql/$(PG_VERSION)/extension/postgis.control

.PHONY: setup test test-full demo bench clean train-place-action

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test,postgres,distributed]'
	touch $(STAMP)

setup: $(STAMP) $(CHROMIUM) $(PG_SERVER) $(POSTGIS) $(AXE) $(PDF_TOOLS)

# axe-core (npm) for the accessibility test, at the version tests/web/axe/package-lock.json pins;
# served to the page from this folder by the test, never shipped with the workbench.
$(AXE): tests/web/axe/package-lock.json
	command -v npm >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y npm)
	npm ci --no-audit --no-fund --prefix tests/web/axe
	touch $(AXE)

# Only when missing (make checks the file); as root, as on every machine of this project.
$(CHROMIUM):
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

# PostgreSQL server and PostGIS, only when missing; the tests start their own cluster (no
# service is enabled or started here).
$(PG_SERVER) $(POSTGIS):
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-$(PG_VERSION) postgresql-$(PG_VERSION)-postgis-3

# pango for WeasyPrint (frontcheck report --output brief.pdf), poppler-utils for the tests.
$(PDF_TOOLS):
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 \
		fonts-dejavu-core poppler-utils

# Every test and marker runs; slow ones at reduced size.
test: setup
	FRONTCHECK_TEST_SCALE=small $(BIN)/python -m pytest -q -n 2 --dist worksteal -p no:cacheprovider --durations=30

# The same, slow tests at full size.
test-full: setup
	FRONTCHECK_TEST_SCALE=full $(BIN)/python -m pytest -q -n 2 --dist worksteal -p no:cacheprovider

demo: $(STAMP)
	DEMO_DB=$(DEMO_DB) SHARED=$(SHARED) NO_SERVE="$(NO_SERVE)" PATH="$(abspath $(BIN)):$$PATH" bash scripts/demo.sh

bench: $(STAMP)
	$(BIN)/python -m bench

# Retrain the claims' place-action fallback (scikit-learn, seeded) and rewrite its weights.
train-place-action: $(STAMP)
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[train]'
	$(BIN)/python -m tools.train_place_action

clean:
	rm -rf $(VENV) out .pytest_cache
