# libFuzzer targets in fuzz/ (clang, AddressSanitizer + UndefinedBehaviorSanitizer), linked against
# the sanitized core of mk/sanitize.mk. Committed seeds: fuzz/corpus/<target>/; inputs that once
# crashed: fuzz/regressions/<target>/. New corpus entries found by a run stay in build/fuzz.
#   make fuzz        each target for FUZZ_SECONDS (default 60)
#   make test-fuzz   replays every seed and regression input, then fuzzes each target briefly.
#                    To stay within make test's time, these targets link the release core of
#                    build/native (g++) instead of the sanitized one: only the harness carries
#                    coverage and sanitizers, so this run finds crashes and hangs, not silent
#                    memory errors inside the core; make fuzz is the instrumented run.
.PHONY: fuzz test-fuzz fuzz-targets fuzz-quick-targets

FUZZ_TARGETS := config_fuzzer checkpoint_fuzzer
FUZZ_SECONDS ?= 60
FUZZ_TEST_SECONDS ?= 5
FUZZ_DIR := build/fuzz
FUZZ_BINARIES := $(addprefix $(FUZZ_DIR)/,$(FUZZ_TARGETS))
# A valid configuration may not exhaust memory (the core caps sizes); 2 GB is the wasm module's
# ceiling too. A single input running longer than 20 s counts as a hang.
FUZZ_OPTIONS := -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=20 -max_len=4096 -print_final_stats=1
# Deferred (=): SANITIZE_FLAGS comes from mk/sanitize.mk, read after this file.
FUZZ_CXXFLAGS = -std=c++17 -O1 -g $(SANITIZE_FLAGS) -fsanitize=fuzzer -Wall -Wextra -Werror \
  -Icore/include -isystem /usr/include/eigen3

fuzz-targets: sanitize-core
	@$(MAKE) --no-print-directory -s $(FUZZ_BINARIES)

FUZZ_QUICK_DIR := build/fuzz-quick
FUZZ_QUICK_BINARIES := $(addprefix $(FUZZ_QUICK_DIR)/,$(FUZZ_TARGETS))

fuzz-quick-targets: native
	@$(MAKE) --no-print-directory -s $(FUZZ_QUICK_BINARIES)

$(FUZZ_QUICK_DIR)/%: fuzz/%.cpp build/native/core/libattractor_core.a
	@mkdir -p $(FUZZ_QUICK_DIR)
	clang++ $(FUZZ_CXXFLAGS) $< build/native/core/libattractor_core.a -o $@

# Prerequisites are expanded when read, before mk/sanitize.mk defines SANITIZE_DIR: spelled out.
$(FUZZ_DIR)/%: fuzz/%.cpp build/sanitize/core/libattractor_core.a
	@mkdir -p $(FUZZ_DIR)
	clang++ $(FUZZ_CXXFLAGS) $< build/sanitize/core/libattractor_core.a -o $@

fuzz: fuzz-targets
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$target $(FUZZ_DIR)/artifacts/$$target; \
	  echo "fuzz: $$target for $(FUZZ_SECONDS) s"; \
	  $(SANITIZE_ENV) nice $(FUZZ_DIR)/$$target $(FUZZ_OPTIONS) -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=$(FUZZ_DIR)/artifacts/$$target/ \
	    $(FUZZ_DIR)/corpus/$$target fuzz/corpus/$$target > $(FUZZ_DIR)/$$target.log 2>&1; \
	  status=$$?; \
	  grep -E '^(stat::|==[0-9]+==ERROR|SUMMARY)' $(FUZZ_DIR)/$$target.log; \
	  test $$status -eq 0 || { tail -60 $(FUZZ_DIR)/$$target.log; exit 1; }; \
	done

test-fuzz: fuzz-quick-targets
	@$(TIMED) --start fuzz
	@mkdir -p $(FUZZ_DIR)
	@for target in $(FUZZ_TARGETS); do \
	  inputs=$$(find fuzz/corpus/$$target fuzz/regressions/$$target -type f 2>/dev/null); \
	  $(SANITIZE_ENV) $(FUZZ_QUICK_DIR)/$$target $(FUZZ_OPTIONS) $$inputs > $(FUZZ_DIR)/$$target.replay.log 2>&1 \
	    || { cat $(FUZZ_DIR)/$$target.replay.log; exit 1; }; \
	  echo "fuzz: $$target replayed $$(echo $$inputs | wc -w) seed and regression inputs"; \
	  mkdir -p $(FUZZ_DIR)/corpus/$$target $(FUZZ_DIR)/artifacts/$$target; \
	  $(SANITIZE_ENV) nice $(FUZZ_QUICK_DIR)/$$target $(FUZZ_OPTIONS) -max_total_time=$(FUZZ_TEST_SECONDS) \
	    -artifact_prefix=$(FUZZ_DIR)/artifacts/$$target/ \
	    $(FUZZ_DIR)/corpus/$$target fuzz/corpus/$$target > $(FUZZ_DIR)/$$target.log 2>&1 \
	    || { tail -60 $(FUZZ_DIR)/$$target.log; exit 1; }; \
	  echo "fuzz: $$target $$(grep -o 'stat::number_of_executed_units: [0-9]*' $(FUZZ_DIR)/$$target.log | grep -o '[0-9]*$$') executions in $(FUZZ_TEST_SECONDS) s, no failure"; \
	done
	@$(TIMED) --stop fuzz

EXTRA_TESTS += test-fuzz
