# The native core, its doctest suite and the command-line tool built with clang under
# AddressSanitizer and UndefinedBehaviorSanitizer in build/sanitize. The core is also built with
# libFuzzer's coverage instrumentation (fuzzer-no-link), so the fuzz targets (mk/fuzz.mk) link
# against this same library instead of compiling the core a second time. No NDEBUG: Eigen's
# index checks stay on.
.PHONY: sanitize sanitize-core test-sanitize

SANITIZE_DIR := build/sanitize
SANITIZE_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SANITIZE_CXXFLAGS := -O1 -g $(SANITIZE_FLAGS) -fsanitize=fuzzer-no-link
# Leaks are errors too; a report names the allocation's stack.
SANITIZE_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

$(SANITIZE_DIR)/Makefile:
	@scripts/setup.sh
	@mkdir -p build
	CXX=clang++ cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=None $(WERROR_FLAG) \
	  -DCMAKE_CXX_FLAGS="$(SANITIZE_CXXFLAGS)" -DCMAKE_EXE_LINKER_FLAGS="$(SANITIZE_FLAGS)" \
	  > $(SANITIZE_DIR).log 2>&1 || (cat $(SANITIZE_DIR).log; rm -f $(SANITIZE_DIR).log; exit 1)
	@rm -f $(SANITIZE_DIR).log

# The sanitized core library alone (what the fuzz targets need).
sanitize-core: $(SANITIZE_DIR)/Makefile
	cmake --build $(SANITIZE_DIR) -j $(JOBS) --target attractor_core

sanitize: $(SANITIZE_DIR)/Makefile
	cmake --build $(SANITIZE_DIR) -j $(JOBS)

test-sanitize: sanitize
	cd $(SANITIZE_DIR) && $(SANITIZE_ENV) ctest --output-on-failure
