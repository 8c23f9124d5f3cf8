# The two commands that matter:  make site   and   make test
# Both work on a fresh Debian machine with Python 3.11 (run as root, or with
# chromium already installed, for the browser tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# The W3C Nu HTML Checker, from npm (tests/site/test_html_validity.py pins the same version).
VNU_VERSION := 26.9.27
VNU_JAR := .tools/node_modules/vnu-jar/build/dist/vnu.jar

# Where `make site-zensical` writes the export (its configuration and sources) and the built site.
ZENSICAL_EXPORT ?= build/zensical
ZENSICAL_SITE ?= site-zensical
# ProperDocs, the continuation of MkDocs 1.x, in a virtualenv of its own, and where `make site-properdocs` builds.
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS := $(PROPERDOCS_VENV)/bin/properdocs
PROPERDOCS_SITE ?= site

.PHONY: site site-zensical site-properdocs properdocs test browser-tests check bench serve nginx system-deps clean

$(BIN)/mkdocs: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## Build the whole site (pages, PDFs, open data) into site/.
site: $(BIN)/mkdocs
	$(BIN)/mkdocs build --strict

## The same site built by Zensical, Material's successor, into site-zensical/ (see docs/deploying.md):
## the engine-neutral export (python -m generator export), built with no plugin. The old site-zensical/
## is replaced only once the new one is complete, by the plugin's own swap (swap-in).
site-zensical: $(BIN)/mkdocs
	$(BIN)/python -m generator export $(ZENSICAL_EXPORT)
	$(BIN)/zensical build --strict -f $(ZENSICAL_EXPORT)/mkdocs.yml
	$(BIN)/python -m generator host-files --site-dir $(ZENSICAL_EXPORT)/site
	$(BIN)/python -m generator swap-in $(ZENSICAL_EXPORT)/site --site-dir $(ZENSICAL_SITE)

## ProperDocs (see docs/deploying.md) beside .venv, not in it: in the process it runs, its package stands in
## for mkdocs. The same packages at the same versions as .venv (the same Material), and ProperDocs.
$(PROPERDOCS): pyproject.toml $(BIN)/mkdocs
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(BIN)/pip freeze --exclude-editable > $(PROPERDOCS_VENV)/constraints.txt
	$(PROPERDOCS_VENV)/bin/pip install --quiet --upgrade pip
	$(PROPERDOCS_VENV)/bin/pip install --quiet -c $(PROPERDOCS_VENV)/constraints.txt -e '.[properdocs]'
	touch $@

properdocs: $(PROPERDOCS)

## The same site built by ProperDocs with the same plugin, into site/ (tests/properdocs/ compares it with MkDocs').
site-properdocs: $(PROPERDOCS)
	$(PROPERDOCS) build --strict -f mkdocs.yml -d $(PROPERDOCS_SITE)

## Validate compact_data/ and print a summary.
check: $(BIN)/mkdocs
	$(BIN)/python -m generator check

## Preview with live reload (edits to compact_data/ reload the browser).
serve: $(BIN)/mkdocs
	$(BIN)/mkdocs serve

## Debian packages the tests need: Chromium for browser tests, the handouts' DejaVu fonts, poppler for PDF images,
## Java and npm for vnu, nginx for the serving tests.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftoppm >/dev/null || ! command -v java >/dev/null \
	    || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf ] || [ ! -x /usr/sbin/nginx ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium fonts-dejavu-core fonts-dejavu-extra fonts-liberation poppler-utils default-jre-headless nginx ; \
	fi
	@# npm only if there is none: a NodeSource node already ships its own.
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq --no-install-recommends npm ; }

## vnu.jar from the npm registry, pinned; its install script (a Java downloader) is not run.
$(VNU_JAR): | system-deps
	npm install --prefix .tools --no-save --no-package-lock --ignore-scripts --no-audit --no-fund vnu-jar@$(VNU_VERSION)

## An nginx configuration for the built site (see docs/deploying.md): nginx.conf, served on 127.0.0.1:8080.
nginx: $(BIN)/mkdocs
	$(BIN)/python -m generator nginx --site-dir site --listen 127.0.0.1:8080 --out nginx.conf

## Run the full test suite.
test: $(BIN)/mkdocs system-deps $(VNU_JAR) $(PROPERDOCS)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2

## Only the tests that drive headless Chromium.
browser-tests: $(BIN)/mkdocs system-deps
	$(BIN)/python -m pytest -m browser

## Benchmark figures (see benchmarks/RESULTS.md).
bench: $(BIN)/mkdocs
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site site-zensical build $(VENV) $(PROPERDOCS_VENV) .pytest_cache .mypy_cache .tools
