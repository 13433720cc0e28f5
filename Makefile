# Attractor Lab. `make run` serves the lab, `make test` runs every test; both set up what is
# missing first. See README.md.
.DEFAULT_GOAL := run
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PORT ?= 8000
# em++ needs Debian's node modules (acorn) when it optimizes the JavaScript glue.
EMSDK_ENV := NODE_PATH=/usr/share/nodejs
WERROR_FLAG = $(if $(WERROR),-DATTRACTOR_WERROR=$(WERROR))

.PHONY: run test setup build native wasm site test-format test-core test-cli test-web test-wasm test-e2e bench format clean

# Further targets (fuzzing, sanitizers, soak, ...) live in mk/*.mk; each may add its brief test
# to EXTRA_TESTS, which `make test` runs after the others.
EXTRA_TESTS :=
# Each tier's recipe runs under $(TIMED) NAME, which prints "tier NAME: N s"; `make test` ends
# with a summary of them (scripts/timed-tier.sh).
TIMED := scripts/timed-tier.sh
TIER_LOG_FILE := build/tier-times.log

run: setup build
	PORT=$(PORT) node scripts/static-server.mjs build/site

test: setup
	@mkdir -p build && rm -f $(TIER_LOG_FILE) $(TIER_LOG_FILE).marks
	TIER_LOG=$(TIER_LOG_FILE) $(TIMED) build $(MAKE) --no-print-directory build WERROR=ON
	TIER_LOG=$(TIER_LOG_FILE) $(MAKE) --no-print-directory test-format test-core test-cli test-web test-wasm test-e2e $(EXTRA_TESTS)
	@TIER_LOG=$(TIER_LOG_FILE) $(TIMED) --summary

setup:
	@scripts/setup.sh

build: native wasm site

native:
	cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release $(WERROR_FLAG) > build-native.log 2>&1 || (cat build-native.log; rm -f build-native.log; exit 1)
	@rm -f build-native.log
	cmake --build build/native -j $(JOBS)

wasm:
	$(EMSDK_ENV) emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release $(WERROR_FLAG) > build-wasm.log 2>&1 || (cat build-wasm.log; rm -f build-wasm.log; exit 1)
	@rm -f build-wasm.log
	$(EMSDK_ENV) cmake --build build/wasm -j $(JOBS)

site: wasm
	node scripts/build-site.mjs build/wasm/wasm build/site

test-core: native
	$(TIMED) core ctest --test-dir build/native --output-on-failure

test-cli: native
	$(TIMED) cli node --test tests/cli/

# Unit tests of the site's plain modules (no browser, no wasm).
test-web:
	$(TIMED) web node --test tests/web/

test-wasm: native wasm
	$(TIMED) wasm node --test tests/wasm/

test-e2e: site
	$(TIMED) e2e node --test --test-concurrency=3 tests/e2e/

CPP_SOURCES = $(shell git ls-files '*.cpp' '*.hpp' 2>/dev/null || find core wasm cli tests -name '*.[ch]pp')

test-format:
	@$(TIMED) --start format
	@clang-format --dry-run --Werror $(CPP_SOURCES)
	@echo "format: $(words $(CPP_SOURCES)) C++ files follow .clang-format"
	@$(TIMED) --stop format

format:
	clang-format -i $(CPP_SOURCES)

clean:
	rm -rf build test-artifacts

-include mk/*.mk
