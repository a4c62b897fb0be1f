# Two commands for a new user: `make site` (install everything, build the site) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM := /usr/bin/chromium

.PHONY: install site serve test lint typecheck unit browser-deps screenshots golden pin-quality bench bench-quality bench-robust bench-complexity zensical-check clean

# Debian packages, installed once with one `apt-get update` when missing: ICU's headers, which
# PyICU (FollowTheMoney's text normalisation) builds against, and, for `make test`, Chromium.
$(STAMP): pyproject.toml
	@missing="$$(pkg-config --exists icu-uc 2>/dev/null || echo libicu-dev pkg-config) \
	  $(if $(WANT_CHROMIUM),$$(test -x $(CHROMIUM) || echo chromium))"; \
	if [ -n "$$(echo $$missing)" ]; then apt-get update && apt-get install -y $$missing; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

site: install
	$(BIN)/dossier build --strict

# Live preview: builds through `dossier build` (hooks and search index included), serves site/ at
# the address it prints and builds again when content/, templates/ or mkdocs.yml change.
serve: install
	$(BIN)/dossier serve --port 8000

browser-deps:
	@test -x $(CHROMIUM) || { apt-get update && apt-get install -y chromium; }

lint: install
	$(BIN)/ruff check generator devkit tests $(wildcard bench/*.py)
	$(BIN)/ruff format --check generator devkit tests $(wildcard bench/*.py)

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest

test: WANT_CHROMIUM = yes
test: install browser-deps lint typecheck unit

# Home, a person, a country and an article page as PNG in screenshots/ (gitignored).
screenshots: install browser-deps
	mkdir -p screenshots
	DOSSIER_SCREENSHOTS=$(CURDIR)/screenshots $(BIN)/pytest -q tests/e2e/test_browser.py -k test_screenshots

golden: install
	UPDATE_GOLDEN=1 $(BIN)/pytest tests/e2e/test_golden.py -q

# Measure the extraction on ../shared's seed and development set and pin the figures as the
# quality gate's floors (tests/e2e/quality_floors.json, with a digest of the gold files, texts and
# scorer). Refuses to lower a floor of unchanged inputs unless ALLOW_LOWER_FLOORS=1.
pin-quality: install
	@test -f ../shared/tools/score.py || { echo "error: ../shared/tools/score.py is absent" >&2; exit 2; }
	UPDATE_FLOORS=1 $(BIN)/pytest -q -p no:cacheprovider tests/e2e/test_quality_gate.py

# The build at corpus scale, then analysis throughput: local processes against a Dask
# LocalCluster of 2 workers on the same 500 articles.
bench: install
	$(BIN)/python bench/build.py
	$(BIN)/python bench/cluster.py --limit 500 --workers 2

bench-quality: install
	$(BIN)/python bench/quality.py --speed

bench-robust: install
	$(BIN)/python bench/robust.py

# Seconds per KB and peak memory of the analysis on hostile article shapes of 10, 100 and 1,000 KB.
bench-complexity: install
	$(BIN)/python bench/complexity.py

# Does the generated site also build under Zensical (Material for MkDocs' successor)? Builds
# the site, then build/docs with Zensical in strict mode (bench/zensical_check.py). Zensical
# gets a virtual environment of its own; 0.0.73 is its last release that carries its theme
# (0.1.x needs zensical-ui, which PyPI does not serve). Not in CI: it installs from PyPI.
ZENSICAL_VENV := .venv-zensical
ZENSICAL_VERSION := 0.0.73

$(ZENSICAL_VENV)/bin/zensical:
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet zensical==$(ZENSICAL_VERSION)

zensical-check: install $(ZENSICAL_VENV)/bin/zensical
	$(BIN)/dossier build
	$(BIN)/python bench/zensical_check.py --zensical $(ZENSICAL_VENV)/bin/zensical

clean:
	rm -rf site .site.spare build .cache
