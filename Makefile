# The two commands a fresh machine needs: `make run` and `make test`.
# Each one builds .venv, installs what is missing (system packages too) and then runs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SYSSTAMP := $(VENV)/.system-packages
BUNDLESTAMP := $(VENV)/.bundle-tools
LDCONFIG := $(shell command -v ldconfig || echo /sbin/ldconfig)

# Shared libraries Qt's offscreen and xcb platforms load, the DejaVu faces packs are set in,
# a font with Chinese glyphs (a fresh machine has only DejaVu), and LibreOffice's Writer, which
# the tests use to lay out Word packs as a reader's word processor does; Chromium and Firefox
# ESR, which run the browser extension in its tests.
# (xcb-*: what Qt's xcb platform plugin loads on a real X desktop; from Qt 6.5 xcb-cursor too.)
# desktop-file-utils and appstream: the validators tests/test_desktop.py runs on the desktop
# entry and the metainfo.
QT_LIBS := libEGL.so.1 libGL.so.1 libxkbcommon.so.0 libxkbcommon-x11.so.0 libfontconfig.so.1 \
	libdbus-1.so.3 libglib-2.0.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1 libxcb-cursor.so.0 \
	libxcb-image.so.0 libxcb-render-util.so.0 libxcb-xinerama.so.0 libxcb-shape.so.0 \
	libxcb-randr.so.0 libxcb-xkb.so.1
DEB_PACKAGES := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
	libglib2.0-0 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 \
	libxcb-xinerama0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 \
	fonts-wqy-microhei fonts-dejavu-core fonts-dejavu-extra libreoffice-writer-nogui \
	chromium firefox-esr desktop-file-utils appstream

.PHONY: run test lint bench icons bundle clean

run: $(STAMP)
	$(PY) main.py

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy

bench: $(STAMP)
	$(PY) bench/search.py

# The one-folder program (dist/cuttings/) and its .deb (dist/cuttings_VERSION_ARCH.deb), then
# the tests that unpack the .deb and run the frozen program. Not part of `make test`: it takes
# a minute or two. .ci/run runs it after `make test`.
bundle: $(BUNDLESTAMP)
	$(PY) .ci/bundle/build.py
	QT_QPA_PLATFORM=offscreen CUTTINGS_DEB="$$(ls dist/cuttings_*.deb)" \
	  $(PY) -m pytest -q -p no:cacheprovider tests/test_bundle.py

# PyInstaller reads binaries with objdump and strips them (binutils); build.py rebuilds Qt's ICU
# data smaller with icupkg and genccode (icu-devtools) and gcc. dpkg-deb comes with Debian.
$(BUNDLESTAMP): pyproject.toml $(STAMP)
	@missing=""; \
	for tool in objdump strip icupkg genccode gcc; do command -v $$tool >/dev/null || missing="$$missing $$tool"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages (missing:$$missing)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq binutils icu-devtools gcc >/dev/null; \
	fi
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test,bundle]'
	touch $@

# After editing resources/icons/org.cuttings.Cuttings.svg: its PNGs, 16 to 512 px.
icons: $(STAMP)
	$(PY) .ci/render_icons.py

$(SYSSTAMP): Makefile
	@missing=""; \
	for lib in $(QT_LIBS); do $(LDCONFIG) -p | grep -q "$$lib" || missing="$$missing $$lib"; done; \
	command -v fc-list >/dev/null && fc-list :lang=zh | grep -q . || missing="$$missing cjk-font"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf ] || missing="$$missing dejavu"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v firefox-esr >/dev/null || missing="$$missing firefox-esr"; \
	command -v desktop-file-validate >/dev/null || missing="$$missing desktop-file-validate"; \
	command -v appstreamcli >/dev/null || missing="$$missing appstreamcli"; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages (missing:$$missing)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(DEB_PACKAGES) >/dev/null; \
	fi
	@mkdir -p $(VENV) && touch $@

$(STAMP): pyproject.toml $(SYSSTAMP)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist
