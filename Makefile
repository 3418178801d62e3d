# Two commands do all set-up on a fresh machine (Python 3.11 and nothing else):
#   make demo   install into .venv, then run the pipeline on the bundled sample site
#   make test   install into .venv (and Debian's chromium for the browser tests, when missing), then ruff +
#               the whole test suite (what CI runs)
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test install clean

demo: $(STAMP)
	$(VENV)/bin/newsfacts demo

test: $(STAMP) $(CHROMIUM)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/python -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest: no tests collected"; rc=0; fi; exit $$rc

install: $(STAMP)

# the browser tests drive Debian's chromium (tests/analyst/test_browser.py); installed once when missing
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
$(CHROMIUM):
	@echo "installing Debian's chromium for the browser tests"
	$(SUDO) apt-get update -q
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium

# uv installs the locked versions (requirements.lock, no index URLs in it) in seconds;
# it comes from PyPI as a wheel into its own small venv.
$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install -q uv==$(UV_VERSION)

$(STAMP): requirements.lock pyproject.toml | $(UV)
	$(UV) venv -q --allow-existing --python 3.11 $(VENV)
	VIRTUAL_ENV=$(VENV) $(UV) pip sync -q requirements.lock
	VIRTUAL_ENV=$(VENV) $(UV) pip install -q --no-deps -e .
	touch $@

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .ruff_cache
