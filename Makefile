# The README's two commands: `make maps` (the main job) and `make test`.
# Both create .venv and install the project into it on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The JavaScript tooling (ESLint, pinned in package.json); Node's own test runner.
NPM    ?= npm
JS_STAMP := node_modules/.installed

.PHONY: setup js maps pictures test lab lint bench clean derive-routes derive-check

setup: $(STAMP)

js: $(JS_STAMP)

$(JS_STAMP): package.json package-lock.json
	$(NPM) install --no-audit --no-fund
	touch $(JS_STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The GeoPackage first, so the index (written by build) links it as a download.
maps: $(STAMP)
	$(BIN)/corridors validate
	$(BIN)/corridors export --out output/atlas.gpkg
	$(BIN)/corridors build --out output

# PNG of each map (headless Chromium); the overview also goes to docs/ for the README.
pictures: $(STAMP)
	$(BIN)/corridors build --out output --png
	mkdir -p docs && cp output/overview.png docs/overview.png

# The maps' JavaScript first (lint, then its unit tests), then the Python suite.
test: $(STAMP) $(JS_STAMP)
	$(NPM) run lint
	$(NPM) test
	$(BIN)/python -m pytest

# The exploration notebooks in JupyterLab (installs the notebook extra first).
lab: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,notebooks]'
	cd notebooks && ../$(BIN)/jupyter lab

lint: $(STAMP) $(JS_STAMP)
	$(BIN)/python -m pip install --quiet 'ruff>=0.6'
	$(BIN)/ruff check src tests tools
	$(BIN)/python -m mypy
	$(NPM) run lint

# Speed and size against the peers (issue 7); rewrites benchmarks/README.md.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m benchmarks

# Redraw the rail and road legs on the OpenStreetMap-derived network (issue 10) after
# editing their waypoints. derive-check re-derives the routes, the alternate names and
# the basemap offline from the pinned `derive` extra and fails if a committed byte differs.
derive-routes: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,derive]'
	$(BIN)/python tools/derive_routes.py

derive-check: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,derive]'
	$(BIN)/python tools/derive_routes.py --check
	$(BIN)/python tools/derive_names.py --check
	rm -rf .derive-check && $(BIN)/python tools/derive_basemap.py --out .derive-check/basemap
	diff -r .derive-check/basemap geodata/basemap && rm -rf .derive-check

clean:
	rm -rf $(VENV) node_modules output/*.html output/*.png output/*.svg output/*.gpkg output/*.zip
