# The smoke tiers in Firefox (firefox-esr over WebDriver BiDi) and WebKit (WebKitGTK's MiniBrowser
# over WebKitWebDriver, under xvfb-run) on the built site: tests/engines/. Chromium runs the full
# browser suite (test-e2e); these check what differs between engines, in about a minute each.
.PHONY: test-firefox test-webkit

test-firefox: site
	$(TIMED) firefox node --test tests/engines/firefox.test.mjs

test-webkit: site
	$(TIMED) webkit node --test tests/engines/webkit.test.mjs

EXTRA_TESTS += test-firefox test-webkit
