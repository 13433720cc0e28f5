// Page load of two lessons in Chromium (part of `make bench`; alone: `make bench-page`):
//
//   node bench/page-load.mjs [runs] [site dir]
//
// For lesson 1 (memory-as-a-place) and lesson 06 (training-in-your-browser), each run cold: a
// fresh Chromium profile (empty cache), the site from scripts/static-server.mjs on a local port.
//   text ms     navigation start to the first paragraph of the lesson in the DOM
//   widget ms   navigation start to the first widget with data-ready="true" and a readout showing
//               a value (the simulation answered and the widget drew it)
//   KB          bytes on the wire (CDP Network.loadingFinished encodedDataLength: headers and
//               compressed bodies) for the page and its workers until every widget of the
//               lesson is ready and no request is in flight. Chromium reports a worker's own
//               script with no length, so "server KB" adds the check from the other end: the
//               bytes the server wrote to the browser's connections in the run
// once on the local link and once throttled (CDP Network.emulateNetworkConditions: 10 Mbit/s
// each way, 40 ms round trip, applied to the page and to every worker it starts). Medians over
// the runs; the 1-minute load average is recorded at the start of every run.
// Writes bench/results/page-load.json and .md and appends one row per lesson and link to the
// page-load table of BENCHMARKS.md (BENCH_LABEL names the row, for example "before").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
export const LESSONS = [
  { label: 'lesson 1', id: 'memory-as-a-place' },
  { label: 'lesson 06', id: 'training-in-your-browser' },
];
export const LINKS = [
  { label: 'local', conditions: null },
  // Chromium takes throughput in bytes per second.
  { label: '10 Mbit/s, 40 ms', conditions: { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 } },
];
const LIMIT_MS = 180000;

// Runs in the page before its own scripts: records when the lesson's text and the first ready
// widget appear (MutationObserver, so the time is the DOM change itself, not a polling step).
function observeLesson() {
  const MISSING = '—';
  const marks = { text: null, widget: null, allReady: false };
  window.benchPageLoad = marks;
  const check = () => {
    const lesson = document.querySelector('article.al-lesson');
    if (!lesson) return;
    if (marks.text === null && [...lesson.querySelectorAll('p')].some((p) => p.textContent.trim().length > 40)) {
      marks.text = performance.now();
    }
    const widgets = [...lesson.querySelectorAll('[data-widget-id]')];
    const shown = widgets.filter((widget) => widget.dataset.ready === 'true' &&
      [...widget.querySelectorAll('.al-readouts dd')].some((value) => value.textContent.trim() && value.textContent !== MISSING));
    if (marks.widget === null && shown.length > 0) marks.widget = performance.now();
    marks.allReady = widgets.length > 0 && shown.length === widgets.length;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

const median = (values) => {
  const sorted = values.filter((v) => v !== null && v !== undefined).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Network accounting over a CDP session and every worker it auto-attaches (flat sessions).
function trackNetwork(session, conditions) {
  const state = { bytes: 0, files: 0, inFlight: new Set(), lastActivity: performance.now() };
  const prepare = async (sessionId) => {
    const send = (method, params = {}) => session.send(method, params, sessionId);
    try {
      await send('Network.enable');
      // A dedicated worker's requests go through its page's throttle (Chromium answers "Not
      // supported" for a worker target), so the conditions are set on the page only.
      if (conditions && !sessionId) await send('Network.emulateNetworkConditions', conditions);
      await send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
    } finally {
      // A worker waits for this before it runs its first line.
      if (sessionId) await send('Runtime.runIfWaitingForDebugger');
    }
  };
  const key = (requestId, sessionId) => `${sessionId ?? 'page'}/${requestId}`;
  session.on('Network.requestWillBeSent', ({ requestId, request }, sessionId) => {
    state.inFlight.add(key(requestId, sessionId));
    state.started ??= new Map();
    state.started.set(key(requestId, sessionId), [performance.now(), request.url]);
    state.lastActivity = performance.now();
  });
  const done = ({ requestId, encodedDataLength }, sessionId) => {
    state.inFlight.delete(key(requestId, sessionId));
    const start = state.started?.get(key(requestId, sessionId));
    // BENCH_PAGE_DEBUG=1 lists every response: its address, time from request to end, bytes.
    if (process.env.BENCH_PAGE_DEBUG && start) process.stderr.write(`  ${start[1]} ${(performance.now() - start[0]).toFixed(0)} ms ${encodedDataLength} B\n`);
    state.lastActivity = performance.now();
    if (encodedDataLength !== undefined) {
      state.bytes += encodedDataLength;
      if (encodedDataLength > 0) state.files += 1;
    }
  };
  session.on('Network.loadingFinished', done);
  session.on('Network.loadingFailed', ({ requestId }, sessionId) => done({ requestId }, sessionId));
  session.on('Target.attachedToTarget', ({ sessionId }) => {
    prepare(sessionId).catch((error) => process.stderr.write(`bench-page: a worker's session: ${error.message}\n`));
  });
  return { state, ready: prepare(undefined) };
}

// A CDP connection that can address the page's child sessions (its workers), which playwright's
// CDPSession cannot. Node's WebSocket: built in from node 22, behind --experimental-websocket in 20.
async function rawCdp(wsUrl) {
  if (typeof WebSocket !== 'function') throw new Error('this node has no WebSocket: run node 22, or node 20 with --experimental-websocket');
  const socket = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = () => reject(new Error(`could not connect to ${wsUrl}`));
  });
  let nextId = 1;
  const pending = new Map();
  const listeners = new Map();
  socket.onmessage = ({ data }) => {
    const message = JSON.parse(data);
    if (message.id && pending.has(message.id)) {
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) reject(new Error(message.error.message));
      else resolve(message.result);
    } else if (message.method) {
      for (const listener of listeners.get(message.method) ?? []) listener(message.params ?? {}, message.sessionId);
    }
  };
  return {
    send(method, params = {}, sessionId) {
      const id = nextId++;
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    on(method, listener) {
      if (!listeners.has(method)) listeners.set(method, []);
      listeners.get(method).push(listener);
    },
    close() {
      socket.close();
    },
  };
}

async function measureOnce(siteUrl, lesson, link, sockets) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attractor-page-load-'));
  const load = os.loadavg()[0];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--remote-debugging-port=0'], viewport: { width: 1200, height: 900 },
  });
  let cdp = null;
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.addInitScript(observeLesson);
    const port = Number(fs.readFileSync(path.join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0]);
    const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    const target = targets.find((t) => t.type === 'page');
    cdp = await rawCdp(target.webSocketDebuggerUrl);
    const network = trackNetwork(cdp, link.conditions);
    await network.ready;
    await page.goto(`${siteUrl}#/lesson/${lesson.id}`);
    await page.waitForFunction(() => window.benchPageLoad?.widget !== null && window.benchPageLoad?.allReady, null,
      { timeout: LIMIT_MS, polling: 100 });
    // Everything the lesson fetched once its widgets are up: wait until nothing is in flight.
    const quietSince = Date.now();
    while (network.state.inFlight.size > 0 && Date.now() - quietSince < 30000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const marks = await page.evaluate(() => window.benchPageLoad);
    const serverBytes = sockets.reduce((sum, socket) => sum + socket.bytesWritten, 0);
    return { text_ms: marks.text, widget_ms: marks.widget, bytes: network.state.bytes, files: network.state.files, server_bytes: serverBytes, load };
  } finally {
    cdp?.close();
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

export async function measurePageLoad({ siteDir = path.join(root, 'build/site'), runs = 3, log = () => {} } = {}) {
  const { server, url } = await startServer({ root: siteDir });
  let sockets = [];
  server.on('connection', (socket) => sockets.push(socket));
  const rows = [];
  try {
    for (const lesson of LESSONS) {
      for (const link of LINKS) {
        const samples = [];
        for (let run = 0; run < runs; run++) {
          sockets = [];
          const sample = await measureOnce(url, lesson, link, sockets);
          log(`${lesson.label}, ${link.label}, run ${run + 1}: text ${sample.text_ms?.toFixed(0)} ms, widget ${sample.widget_ms?.toFixed(0)} ms, ` +
            `${(sample.bytes / 1024).toFixed(0)} KB in ${sample.files} responses (server ${(sample.server_bytes / 1024).toFixed(0)} KB), load ${sample.load.toFixed(2)}`);
          samples.push(sample);
        }
        rows.push({
          lesson: lesson.label, link: link.label, runs,
          text_ms: median(samples.map((s) => s.text_ms)), widget_ms: median(samples.map((s) => s.widget_ms)),
          kb: median(samples.map((s) => s.bytes)) / 1024, files: median(samples.map((s) => s.files)),
          server_kb: median(samples.map((s) => s.server_bytes)) / 1024,
          load: median(samples.map((s) => s.load)), samples,
        });
      }
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return rows;
}

const fmt = (x, digits = 0) => (x === null || x === undefined ? '-' : Number(x).toFixed(digits));

export function pageLoadRows(rows, { date, commit, label }) {
  return rows.map((r) => `| ${date} | ${commit} | ${label} | ${r.lesson} | ${r.link} | ${fmt(r.load, 2)} | ` +
    `${fmt(r.text_ms)} | ${fmt(r.widget_ms)} | ${fmt(r.kb)} | ${fmt(r.server_kb)} | ${fmt(r.files)} |`);
}

export const PAGE_LOAD_MARKER = '<!-- make bench-page appends rows above this line -->';

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 3);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`runs must be a whole number from 1, not "${process.argv[2]}"`);
    process.exit(2);
  }
  const siteDir = path.resolve(process.argv[3] ?? path.join(root, 'build/site'));
  const rows = await measurePageLoad({ siteDir, runs, log: (m) => process.stderr.write(`bench-page: ${m}\n`) });
  const commit = spawnSync('git', ['-C', root, 'describe', '--always', '--dirty'], { encoding: 'utf8' }).stdout.trim() || 'unknown';
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const table = pageLoadRows(rows, { date, commit, label: process.env.BENCH_LABEL ?? '' });
  const outDir = path.join(root, 'bench/results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'page-load.json'), `${JSON.stringify({ date, commit, rows }, null, 2)}\n`);
  const header = '| date (UTC) | commit | build | lesson | link | load | text ms | widget ms | KB | server KB | responses |\n|---|---|---|---|---|---|---|---|---|---|---|';
  fs.writeFileSync(path.join(outDir, 'page-load.md'), `${header}\n${table.join('\n')}\n`);
  const benchmarks = path.join(root, 'BENCHMARKS.md');
  const text = fs.existsSync(benchmarks) ? fs.readFileSync(benchmarks, 'utf8') : '';
  if (text.includes(PAGE_LOAD_MARKER)) fs.writeFileSync(benchmarks, text.replace(PAGE_LOAD_MARKER, `${table.join('\n')}\n${PAGE_LOAD_MARKER}`));
  process.stdout.write(`${header}\n${table.join('\n')}\n`);
}
