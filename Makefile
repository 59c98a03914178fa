# tiankong — fill a Chinese report template's blanks and hand in a finished report.
#
#   make run       set up what is missing, build in release mode, start the wizard on the bundled template
#   make test      the same set-up, then every test (unit, end-to-end, real terminal, Word readers)
#   make bench     measure against peers in the same run; writes docs/BENCHMARKS.md
#   make score     how right the engine is on the real templates of Tests/Fixtures/real, per genre
#   make fuzz      libFuzzer on every target (FUZZ_SECONDS=300 each)
#   make install   install the binary (PREFIX=/usr/local)

PREFIX    ?= /usr/local
SWIFT     ?= swift
BUILD     := .build
VENV      := $(BUILD)/venv
PYTHON    := $(VENV)/bin/python
RELEASE   := $(BUILD)/release/tiankong

# Debian packages: to build (the static release links libc.a, libz.a, libdeflate.a, libyaml.a, libnettle.a and ncurses' archives), and what
# the tests drive (tmux, the Word readers, LibreOffice Calc for the sheet, fonts for rendering).
BUILD_PACKAGES := libncurses-dev pkg-config libc6-dev zlib1g-dev libyaml-dev nettle-dev libexpat1-dev libminizip-dev libcsv-dev libxlsxwriter-dev libdeflate-dev
TEST_PACKAGES  := tmux strace libxml2-utils poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui \
                  fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming fonts-wqy-zenhei
# The benchmark's peer on screen.
BENCH_PACKAGES := dialog time
# Python packages for the tests, in a virtualenv under the build folder.
PIP_PACKAGES   := pytest python-docx pyte openpyxl autocorrect-py

.PHONY: all build release run test unit-test end-to-end bench score fuzz fuzz-replay link-order install uninstall setup-build setup-test clean

all: build

setup-build:
	@scripts/ensure-packages.sh $(BUILD_PACKAGES)

setup-test: setup-build
	@scripts/ensure-packages.sh $(TEST_PACKAGES)
	@test -x $(PYTHON) || python3 -m venv $(VENV)
	@$(PYTHON) -c 'import pytest, docx, pyte, openpyxl, autocorrect_py' 2>/dev/null || $(PYTHON) -m pip install -q $(PIP_PACKAGES)

build: setup-build
	$(SWIFT) build

# One static, position-independent executable (static-pie): the Swift runtime, ncurses, zlib and the
# C library linked in. No dynamic loader runs at start (no library search, no symbol lookups), so
# the wizard's first frame comes about 1.5 ms sooner than from a dynamically linked build, the binary
# runs without the toolchain, and address-space randomisation is kept. static-pie needs lld (shipped
# with the toolchain) and no RUNPATH, which glibc refuses in a static-pie; tinfo is ncursesw's half.
# The binary moves itself into place at start: its 40,000 relocations are packed (RELR, glibc 2.36+),
# a table of 8 KB instead of 1 MB.
# The functions the wizard runs to its first frame are laid out together (scripts/link-order.txt, from
# `make link-order`): the kernel maps code in 64 KB windows as it first runs, and the start-up code
# spread over 11 MB took twice as many of them.
RELEASE_FLAGS := --disable-local-rpath -Xswiftc -static-executable \
                 -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld \
                 -Xswiftc -Xclang-linker -Xswiftc -static-pie -Xlinker -ltinfo \
                 -Xlinker -z -Xlinker pack-relative-relocs \
                 -Xlinker --symbol-ordering-file=$(CURDIR)/scripts/link-order.txt -Xlinker --no-warn-symbol-ordering

release: setup-build
	$(SWIFT) build -c release --product tiankong $(RELEASE_FLAGS)

run: release
	$(RELEASE)

FUZZ_SECONDS ?= 300

test: setup-test release
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	TIANKONG=$(CURDIR)/$(RELEASE) $(PYTHON) -m pytest -q Tests/EndToEnd
	$(MAKE) fuzz-replay
	scripts/fuzz.sh 30

# Every committed fuzz seed and regression input, through a normal (unsanitized) build.
fuzz-replay:
	$(SWIFT) build --product tiankong-fuzz
	for t in template numerals answers schema docx word; do \
		TIANKONG_FUZZ=$$t $(BUILD)/debug/tiankong-fuzz Fuzz/corpus/$$t Fuzz/regressions/$$t || exit 1; done

# libFuzzer on every target for FUZZ_SECONDS seconds each (make fuzz FUZZ_SECONDS=3600).
fuzz: setup-build
	scripts/fuzz.sh $(FUZZ_SECONDS)

unit-test: setup-build
	$(SWIFT) test

end-to-end: setup-test release
	TIANKONG=$(CURDIR)/$(RELEASE) $(PYTHON) -m pytest -q Tests/EndToEnd

# Measures the wizard against dialog and the engine against cat and a Python peer; writes docs/BENCHMARKS.md.
bench: setup-test release
	@scripts/ensure-packages.sh $(BENCH_PACKAGES)
	TIANKONG=$(CURDIR)/$(RELEASE) $(PYTHON) bench/run.py

# Scores the release build on the corpus of real templates (Tests/Fixtures/real) against their hand-written
# labels: a table per genre (SCORE_FLAGS=--verbose lists every miss).
score: release
	python3 scripts/score.py --binary $(RELEASE) $(SCORE_FLAGS)

# Renews scripts/link-order.txt from a callgrind run of the release binary (see the script).
link-order: setup-test release
	@scripts/ensure-packages.sh valgrind
	$(PYTHON) scripts/link-order.py $(RELEASE) scripts/link-order.txt

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(RELEASE) $(DESTDIR)$(PREFIX)/bin/tiankong

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/tiankong

clean:
	rm -rf $(BUILD)
