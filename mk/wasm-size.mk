# `make wasm-size`: what takes the bytes of the built WebAssembly module (sections, raw, gzip and
# brotli; the largest functions by origin). Reads build/wasm as it is; `make wasm` builds it.
WASM_SIZE_TOP ?= 25

.PHONY: wasm-size
wasm-size:
	node scripts/wasm-size.mjs build/wasm/wasm/attractor_lab.wasm --top $(WASM_SIZE_TOP)
