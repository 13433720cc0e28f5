// Waiting in browser tests: every timeout of the e2e and soak tests, sized for a loaded machine
// (watchPage gives a new page's own waits these), and one-call waits for a page state (a
// readout's text, any element's text, the measures a widget publishes). A test waits for the
// state it is about to assert, never for a stretch of time.
//
// E2E_TIMEOUT_SCALE multiplies every timeout (for example 2 on a slower machine).

const SCALE = Number(process.env.E2E_TIMEOUT_SCALE ?? 1);
if (!(SCALE > 0)) throw new Error(`E2E_TIMEOUT_SCALE must be a positive number, not "${process.env.E2E_TIMEOUT_SCALE}"`);
const scaled = (ms) => Math.round(ms * SCALE);

// On this 2-core machine beside three CPU-bound processes, a widget's first start takes up to
// about 10 s and a minute of simulated training 3-4 times its idle time; each bound leaves room.
export const TIMEOUT = Object.freeze({
  // The page reacts to a click, a key or a message (a re-render, a setting applied, a quiz checked).
  ui: scaled(30000),
  // A page loaded, its module compiled and its widgets started.
  ready: scaled(45000),
  // A computation in the worker: training steps, a grid, a simulated minute, a run of trials.
  job: scaled(90000),
  // A long computation: a lesson's whole training session or a trial series.
  longJob: scaled(180000),
  // How long a test watches for something that must not happen (a reply to a host that is not
  // allowed): as long as an allowed host's reply may take on a loaded machine.
  absence: scaled(10000),
  // How long a test may take: `test` for one page and a few jobs, `long` for a lesson played
  // through or a scan over every page, `longest` for the lessons that train several networks.
  test: scaled(180000),
  long: scaled(360000),
  longest: scaled(600000),
});

// Sizes the waits of `page` (Playwright's or Puppeteer's) that have no timeout of their own (a
// click, waitForFunction, a navigation) for a loaded machine, and collects what goes wrong in it:
// console errors, uncaught errors, failed requests. Answers with that list, filled as they come.
export function watchPage(page) {
  page.setDefaultTimeout(TIMEOUT.ui);
  page.setDefaultNavigationTimeout(TIMEOUT.ready);
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  return problems;
}

// Parses a readout such as "−0.00764 /s" or "0.9686" into a number (null for a dash).
export function parseReadout(text) {
  const match = /[−-]?\d+(\.\d+)?(e[−-]?\d+)?/.exec(text.replace(/\s/g, ''));
  return match ? Number(match[0].replace(/−/g, '-')) : null;
}

// How often a condition checked from the test's side is read again.
const POLL_MS = 50;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const describe = (expected) => (expected instanceof RegExp ? String(expected) : typeof expected === 'function'
  ? `a text satisfying ${expected}` : JSON.stringify(expected));
const matches = (text, expected) => (expected instanceof RegExp ? expected.test(text)
  : typeof expected === 'function' ? Boolean(expected(text)) : text === expected);

// Polls `read()` until `accept(value)` holds; answers with that value. On timeout the error names
// `what` was awaited and shows the last value read.
export async function until(read, accept, what, { timeout = TIMEOUT.ui } = {}) {
  return poll(read, accept, what, timeout);
}

async function poll(read, accept, what, timeout) {
  const end = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > end) {
      const seen = lastError ? `reading failed: ${lastError.message.split('\n')[0]}` : `last value ${JSON.stringify(last)}`;
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; ${seen}`);
    }
    await pause(POLL_MS);
  }
}

// Waits until the element's rendered text (innerText) matches `expected` (a RegExp, a predicate on
// the text, or the exact string); answers with the text.
export function untilText(locator, expected, { timeout = TIMEOUT.ui } = {}) {
  return poll(() => locator.innerText({ timeout: Math.min(timeout, 1000) }), (text) => matches(text, expected),
    `${locator} to show ${describe(expected)}`, timeout);
}

// Waits until the readout `key` of `widget` (a selector) shows a number (or a dash, null) for
// which `accept` holds; answers with that number. `scope` is the page or a frame locator.
export async function untilReadout(scope, widget, key, accept, { timeout = TIMEOUT.ui } = {}) {
  const cell = scope.locator(`${widget} [data-measure="${key}"]`);
  const text = await poll(() => cell.innerText({ timeout: Math.min(timeout, 1000) }), (t) => accept(parseReadout(t)),
    `readout ${key} of ${widget} to satisfy ${accept}`, timeout);
  return parseReadout(text);
}

// The measures `widget` publishes (the model's, not the page's text).
export const measuresOf = (page, widget) => page.evaluate((w) => document.querySelector(w).measures, widget);

// Waits until the measures `widget` publishes satisfy `accept(measures, arg)`; answers with them.
// For conditions on the computation; what the page shows is awaited with untilText/untilReadout.
export function untilMeasures(page, widget, accept, arg, { timeout = TIMEOUT.job } = {}) {
  return poll(() => measuresOf(page, widget), (m) => accept(m, arg), `measures of ${widget} to satisfy ${accept}`, timeout);
}

// Lets `count` animation frames of the page pass. For checking that nothing happens (nothing runs
// after Stop): the widgets advance and draw once per frame, so the page's own frames, not a
// wall-clock delay, give every pending step the chance to show. Frames slow down under load
// exactly as the simulation does.
export function framesPass(page, count = 30) {
  return page.evaluate((n) => new Promise((resolve) => {
    let left = n;
    const next = () => (--left <= 0 ? resolve() : requestAnimationFrame(next));
    requestAnimationFrame(next);
  }), count);
}

// Waits until the page's address matches `expected` (the router rewrites it after a change).
export function untilUrl(page, expected, { timeout = TIMEOUT.ui } = {}) {
  return poll(async () => page.url(), (url) => expected.test(url), `the address to match ${expected}`, timeout);
}

// Waits until the readout `key` of `widget` shows the measure of the same name that the widget
// publishes (to the readout's precision: 1%, or 1e-6 for numbers shown as zero), and answers with
// the number shown: what a person reads once the display has caught up with the computation.
export async function untilReadoutShowsMeasure(page, widget, key, { timeout = TIMEOUT.ui } = {}) {
  const read = () => page.evaluate(([w, k]) => {
    const element = document.querySelector(w);
    return { text: element.querySelector(`[data-measure="${k}"]`)?.textContent ?? null, measure: element.measures[k] ?? null };
  }, [widget, key]);
  const agrees = ({ text, measure }) => {
    const shown = text === null ? null : parseReadout(text);
    return shown !== null && typeof measure === 'number' && Math.abs(shown - measure) <= Math.max(1e-6, 0.01 * Math.abs(measure));
  };
  const { text } = await poll(read, agrees, `readout ${key} of ${widget} to show the published ${key}`, timeout);
  return parseReadout(text);
}
