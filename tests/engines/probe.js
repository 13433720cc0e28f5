// Loaded first by every HTML page the WebKit tier's server sends: WebKitWebDriver does not pass on
// the page's console, so the page records its own errors (console.error, uncaught errors and
// rejections, resources that failed to load) for the test to read.
(() => {
  if (window.__engineProblems) return;
  const problems = [];
  window.__engineProblems = problems;
  const consoleError = console.error;
  console.error = function error(...args) {
    problems.push(`console error: ${args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ')}`);
    return consoleError.apply(this, args);
  };
  // Capturing: a script or image that fails to load reports on its element, not on the window.
  addEventListener('error', (event) => {
    if (event.target && event.target !== window && (event.target.src || event.target.href)) {
      problems.push(`request failed: ${event.target.src || event.target.href}`);
    } else {
      problems.push(`page error: ${event.message} (${event.filename}:${event.lineno})`);
    }
  }, true);
  addEventListener('unhandledrejection', (event) => {
    problems.push(`unhandled rejection: ${event.reason?.message ?? event.reason}`);
  });
})();
