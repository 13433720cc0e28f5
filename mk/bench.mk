# `make bench`: speed against the native build and TensorFlow.js (not part of `make test`).
# Writes bench/results/latest.md and latest.json and appends a row to BENCHMARKS.md; see
# bench/run.mjs. BENCH_REPS sets the repetitions (medians are reported). The g++ -O3 benchmark
# shares build/native (its objects are the baseline build anyway); -march=native needs its own.
BENCH_REPS ?= 5

bench: setup native wasm site
	cmake -S . -B build/native -DATTRACTOR_BENCH=ON > /dev/null
	cmake --build build/native -j $(JOBS) --target core_native bptt_native
	cmake -S . -B build/bench-march -DCMAKE_BUILD_TYPE=Release -DATTRACTOR_BENCH=ON \
	  -DCMAKE_CXX_FLAGS=-march=native > /dev/null
	cmake --build build/bench-march -j $(JOBS) --target core_native
	node bench/run.mjs $(BENCH_REPS)
