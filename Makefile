# The two commands a new user needs: `make site` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site print kit test check bench clean system-packages

# Debian packages the tests need (a real browser for the accessibility gates; for print,
# WeasyPrint's Pango, the print fonts, epubcheck and poppler-utils; LibreOffice's Writer and
# Impress, headless, to open the kit's DOCX and PPTX files); each is
# installed only when missing. CI machines run as root; elsewhere sudo is used.
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation fonts-dejavu-core epubcheck poppler-utils libreoffice-writer-nogui libreoffice-impress-nogui
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Build the learner and trainer editions into _build/learner and _build/trainer.
site: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[site]'
	$(BIN)/heard build --strict

# The trainer pack, the learner handouts (standard and large print) and the learner EPUB,
# into _build/print/trainer and _build/print/learner.
print: $(BIN)/python system-packages
	$(BIN)/pip install --quiet -e '.[site]'
	$(BIN)/heard build --format pdf --strict
	$(BIN)/heard build --format epub --strict

# Each module's delivery kit (DOCX, PPTX, materials PDF), both editions: the sites with the
# kit as downloads, and _build/kit/EDITION/ plus _build/kit/heard-kit-EDITION.zip.
kit: $(BIN)/python system-packages
	$(BIN)/pip install --quiet -e '.[site]'
	$(BIN)/heard build --format kit --strict

system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# Install everything the tests need, then run them all.
test: $(BIN)/python system-packages
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m pytest

check: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(BIN)/heard check .

bench: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python benchmarks/bench_check.py

clean:
	rm -rf _build
