// The built site in Firefox and in WebKit, behind one small page interface so that the smoke tier
// (smoke.mjs) is written once:
//   Firefox: Debian's firefox-esr through WebDriver BiDi (puppeteer-core), headless.
//   WebKit:  WebKitGTK's MiniBrowser through WebKitWebDriver (classic WebDriver), under xvfb-run.
// Nothing here downloads a browser. A page answers goto, reload, evaluate, waitFor, click,
// press, fill, select, evaluateInFrame and problems (console errors, uncaught errors, failed
// requests). Elements are found by a function run in the page, so that a test names what a
// student sees (a label, a button's text) rather than an engine's selector syntax.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/static-server.mjs';
import { TIMEOUT, until, watchPage } from '../e2e/wait.mjs';
import { ELEMENT_KEY, KEYS, WebDriverSession, startDriver } from './webdriver.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const PROBE_PATH = '/__engine-probe.js';
const PROBE_FILE = path.join(root, 'tests/engines/probe.js');

// Serves `siteRoot` (the built site by default) for `engine`; WebKit's pages get the probe.
export function serveFor(engine, options = {}) {
  return startServer({ root: path.join(root, 'build/site'), ...options,
    headScripts: engine === 'webkit' ? { [PROBE_PATH]: PROBE_FILE } : {} });
}

// `origins`: the origins whose storage a new page must find empty (WebKit keeps one browser).
export async function openEngine(engine, { origins = [] } = {}) {
  if (engine === 'firefox') return openFirefox();
  if (engine === 'webkit') return openWebKit({ origins });
  throw new Error(`unknown engine "${engine}"; known: firefox, webkit`);
}

const source = (fn) => (typeof fn === 'function' ? fn.toString() : String(fn));

// Before a click: the element in the middle of the window and no longer moving (its box the same
// over two animation frames). A driver clicks at a point, not on an element; live numbers in a
// lesson's text re-wrap lines above a widget, and WebKit has no scroll anchoring to keep what is
// on screen in place, so a click sent while the page still moves lands beside its target.
const settle = (element) => new Promise((resolve) => {
  element.scrollIntoView({ block: 'center', inline: 'center' });
  let last = '';
  let steady = 0;
  const check = () => {
    const box = element.getBoundingClientRect();
    const key = `${box.x},${box.y},${box.width},${box.height}`;
    steady = key === last ? steady + 1 : 0;
    last = key;
    if (steady >= 2) resolve();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
});

// Polls `fn(...args)` in the page until it answers a truthy value; answers with that value.
async function waitFor(page, fn, args, what, timeout) {
  return until(() => page.evaluate(fn, ...args), Boolean, what ?? `${source(fn)} to hold`, { timeout });
}

async function openFirefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocolTimeout: TIMEOUT.job,
    extraPrefsFirefox: {
      // A test's window is never in the background: timers and animation frames at full rate.
      'dom.min_background_timeout_value': 4,
      'browser.download.dir': path.join(root, 'test-artifacts/engines/firefox-downloads'),
      'browser.download.folderList': 2,
    },
  });
  return {
    engine: 'firefox',
    async newPage() {
      // A context of its own: storage starts empty, as for a new student.
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1200, height: 900 });
      const problems = watchPage(page);
      const handle = async (find, args) => {
        // The element `find` answers, once it answers one (a page still being drawn has none yet).
        const element = (await page.waitForFunction(find, { timeout: TIMEOUT.ui }, ...args)).asElement();
        if (!element) throw new Error(`no element found by ${source(find)} with ${JSON.stringify(args)}`);
        return element;
      };
      const frameOf = (urlPart) => {
        const frame = page.frames().find((candidate) => candidate !== page.mainFrame() && candidate.url().includes(urlPart));
        if (!frame) throw new Error(`no frame whose address contains ${urlPart}`);
        return frame;
      };
      const api = {
        goto: (url) => page.goto(url, { waitUntil: 'load' }),
        reload: () => page.reload({ waitUntil: 'load' }),
        evaluate: (fn, ...args) => page.evaluate(fn, ...args),
        waitFor: (fn, args = [], { what, timeout = TIMEOUT.ui } = {}) => waitFor(api, fn, args, what, timeout),
        async click(find, ...args) {
          const element = await handle(find, args);
          await element.evaluate(settle);
          await element.click();
        },
        async press(find, args, key) {
          await (await handle(find, args)).press(key);
        },
        async fill(find, args, text) {
          const element = await handle(find, args);
          await element.click({ count: 3 });
          await element.type(String(text));
          await element.press('Enter');
        },
        async select(find, args, value) {
          await (await handle(find, args)).select(String(value));
        },
        evaluateInFrame: (urlPart, fn, ...args) => frameOf(urlPart).evaluate(fn, ...args),
        problems: async () => [...problems],
        close: () => context.close(),
      };
      return api;
    },
    close: () => browser.close(),
  };
}

async function openWebKit({ origins = [] } = {}) {
  const driver = await startDriver(['xvfb-run', '-a', '-s', '-screen 0 1280x1024x24', 'WebKitWebDriver']);
  let session;
  try {
    session = await WebDriverSession.create(driver.base, {
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    });
    await session.setTimeouts({ script: TIMEOUT.job, pageLoad: TIMEOUT.ready });
  } catch (error) {
    await driver.stop();
    throw new Error(`${error.message}; WebKitWebDriver said: ${driver.output().slice(-2000)}`);
  }
  const probe = fs.readFileSync(PROBE_FILE, 'utf8');
  // Pages that were not served with the probe (file://) get it once loaded.
  const installProbe = () => session.evaluate(`() => { ${probe} }`);
  return {
    engine: 'webkit',
    // One browser for all pages (MiniBrowser starts in a second or two, but not reliably on a loaded
    // machine when started again and again); each page starts as a new student: the storage of
    // every origin the tests use is emptied first.
    async newPage() {
      for (const origin of origins) {
        await session.navigate(origin);
        await session.evaluate('() => { localStorage.clear(); sessionStorage.clear(); }');
      }
      await session.navigate('about:blank');
      // The element `find` answers, once it answers one (a page still being drawn has none yet).
      const elementFoundBy = async (find, args) => {
        await api.waitFor(find, args, { what: `${source(find)} with ${JSON.stringify(args)} to find an element` });
        return session.element(source(find), args);
      };
      const api = {
        async goto(url) {
          await session.navigate(url);
          if (!url.startsWith('http')) await installProbe();
        },
        async reload() {
          await session.refresh();
        },
        evaluate: (fn, ...args) => session.evaluate(source(fn), args),
        waitFor: (fn, args = [], { what, timeout = TIMEOUT.ui } = {}) => waitFor(api, fn, args, what, timeout),
        async click(find, ...args) {
          const element = await elementFoundBy(find, args);
          await session.evaluate(source(settle), [{ [ELEMENT_KEY]: element }]);
          await session.click(element);
        },
        async press(find, args, key) {
          if (!KEYS[key]) throw new Error(`no WebDriver code for the key ${key}; known: ${Object.keys(KEYS).join(', ')}`);
          await session.sendKeys(await elementFoundBy(find, args), KEYS[key]);
        },
        async fill(find, args, text) {
          const element = await elementFoundBy(find, args);
          // Select what is there and type over it (a clear would commit an empty field first).
          await session.evaluate('(element) => { element.focus(); element.select(); }', [{ [ELEMENT_KEY]: element }]);
          await session.sendKeys(element, `${text}${KEYS.Enter}`);
        },
        async select(find, args, value) {
          // Clicking an <option> selects it (the standard's rule for option elements).
          const option = `(...args) => [...((${source(find)})(...args)?.options ?? [])].find((o) => o.value === ${JSON.stringify(String(value))}) ?? null`;
          await session.click(await elementFoundBy(option, args));
        },
        async evaluateInFrame(urlPart, fn, ...args) {
          const frame = await session.element('(part) => [...document.querySelectorAll(\'iframe\')].find((f) => f.src.includes(part))', [urlPart]);
          await session.switchToFrame(frame);
          try {
            return await session.evaluate(source(fn), args);
          } finally {
            await session.switchToFrame(null);
          }
        },
        // The probe's record of the top page (it is lost on navigation: read before leaving).
        problems: () => session.evaluate('() => window.__engineProblems ? [...window.__engineProblems] : ["no probe in this page"]'),
        // Leaving the page stops its workers.
        close: () => session.navigate('about:blank').catch(() => {}),
      };
      return api;
    },
    async close() {
      await session.delete().catch(() => {});
      await driver.stop();
    },
  };
}
