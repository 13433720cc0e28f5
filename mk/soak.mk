# The training soak: a long run in Chromium that must not grow the wasm heap (tests/soak/).
.PHONY: soak test-soak

soak: site
	SOAK_SECONDS=$${SOAK_SECONDS:-600} node --test tests/soak/

test-soak: site
	SOAK_SECONDS=30 $(TIMED) soak node --test tests/soak/

EXTRA_TESTS += test-soak
