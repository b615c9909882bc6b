# The two commands a new user needs: `make site` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site print kit cc test test-fast check bench clean system-packages

# Debian packages the tests and print outputs need, each with why (printed before installing):
#   chromium                                 a real browser for the accessibility tests
#   libpango-1.0-0 libpangoft2-1.0-0         text layout for WeasyPrint (PDF)
#   fonts-liberation fonts-dejavu-core       the fonts the PDFs embed
#   epubcheck                                validates the EPUB
#   poppler-utils                            pdftotext, for the PDF tests
#   libreoffice-writer-nogui                 opens the kit's DOCX files in a real office suite
#   libreoffice-impress-nogui                opens the kit's PPTX slide decks the same way
# Only the missing ones are installed, with --no-install-recommends (no avahi, samba or CUPS
# helpers). CI machines run as root; elsewhere sudo is used.
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

# IMS Common Cartridges for Moodle, Canvas and Blackboard, per edition and per module, into
# _build/cc (from the HTML editions, which it builds first).
cc: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[site]'
	$(BIN)/heard build --format cc --strict

# Each module's delivery kit (DOCX, PPTX, materials PDF), both editions: the sites with the
# kit as downloads, and _build/kit/EDITION/ plus _build/kit/heard-kit-EDITION.zip.
kit: $(BIN)/python system-packages
	$(BIN)/pip install --quiet -e '.[site]'
	$(BIN)/heard build --format kit --strict

system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages the tests and print outputs need:$$missing"; \
	  echo "(a browser for the accessibility tests; Pango and fonts for PDFs; epubcheck;"; \
	  echo " poppler-utils for the PDF tests; LibreOffice Writer and Impress to open the kit."; \
	  echo " See SYSTEM_PACKAGES in the Makefile.)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    --no-install-recommends $$missing; \
	fi

# Install everything the tests need, then run them all on every core. tests/conftest.py
# builds each real edition once for all workers and keeps tests that share a build together.
test: $(BIN)/python system-packages
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m pytest -n auto

# The fast tier (no real build, no browser on the real site) on every core.
test-fast: $(BIN)/python system-packages
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m pytest -m "not site" -n auto

check: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(BIN)/heard check .

bench: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_check_real.py 100 1000
	$(BIN)/python benchmarks/bench_plan.py

clean:
	rm -rf _build .heard_cache
