# `make bench`: speed against the native build and TensorFlow.js (not part of `make test`).
# Writes bench/results/latest.md and latest.json and appends a row to BENCHMARKS.md; see
# bench/run.mjs. BENCH_REPS sets the repetitions (medians are reported). The g++ -O3 benchmark
# shares build/native (its objects are the baseline build anyway); -march=native needs its own.
BENCH_REPS ?= 5

BENCH_PAGE_RUNS ?= 3

bench: setup native wasm site
	cmake -S . -B build/native -DATTRACTOR_BENCH=ON > /dev/null
	cmake --build build/native -j $(JOBS) --target core_native bptt_native
	cmake -S . -B build/bench-march -DCMAKE_BUILD_TYPE=Release -DATTRACTOR_BENCH=ON \
	  -DCMAKE_CXX_FLAGS=-march=native > /dev/null
	cmake --build build/bench-march -j $(JOBS) --target core_native
	node bench/run.mjs $(BENCH_REPS)
	node --experimental-websocket bench/page-load.mjs $(BENCH_PAGE_RUNS)

# The page load of lessons 1 and 06 in Chromium (bench/page-load.mjs): time to the lesson's text
# and to the first ready widget, bytes on the wire, local and over a throttled link. Also the last
# step of `make bench`. BENCH_PAGE_RUNS sets the cold loads per lesson and link (medians).
# Node 20 has its WebSocket (for the Chromium DevTools protocol) behind a flag.
.PHONY: bench-page

bench-page: setup site
	node --experimental-websocket bench/page-load.mjs $(BENCH_PAGE_RUNS)
