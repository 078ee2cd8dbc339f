# Quorum: the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Everything the tests need: the test tools and head office's server (the `server` extra) on top of the chair's app.
TESTED := $(VENV)/.tested

.PHONY: run test lint demo clean bench package screenshots

# The chair's app alone: no test tools, no head-office server.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(TESTED): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,server]'
	touch $@

## run: start Quorum (with the demo association the first time there is no data)
run: $(STAMP)
	$(BIN)/python main.py demo --if-no-data
	$(BIN)/python main.py

## test: run every test, offscreen
test: $(TESTED)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(TESTED)
	$(BIN)/ruff check .

## bench: each measure against its own bare baseline, one line each (a few minutes; docs/benchmarks.md)
bench: $(TESTED)
	$(BIN)/python -m bench.run_all

## package: the one-folder app in dist/Quorum (PyInstaller), then a smoke start offscreen (docs/packaging.md)
package: $(VENV)/.package
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build packaging/quorum.spec
	packaging/smoke.sh dist/Quorum
	@echo "Package size: $$(du -sm dist/Quorum | cut -f1) MB on disk, $$(find dist/Quorum -type f | wc -l) files (dist/Quorum; docs/packaging.md)"

$(VENV)/.package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[package]'
	touch $@

## screenshots: draw docs/images again from the app itself (offscreen, 1366x768)
screenshots: $(TESTED)
	$(BIN)/python docs/tools/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
