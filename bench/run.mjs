// `make bench`: every measurement in one run, written to bench/results/latest.{md,json}, with
// one summary row appended to the history table of BENCHMARKS.md.
//
//   node bench/run.mjs [repetitions]
// Expects build/native/bench/core_native (g++ -O3), build/bench-march/bench/core_native
// (-O3 -march=native), build/wasm and build/site, as mk/bench.mk builds them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { BPTT_SIZES, bpttMs, simulations } from './measure.mjs';
import { loadLab } from '../tests/wasm/helpers.mjs';
import { startServer } from '../scripts/static-server.mjs';
import { SOURCE_OVERLAYS } from '../tests/e2e/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repetitions = Number(process.argv[2] ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const HEADLINE_SIZES = [64, 256];

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

function firstLine(command, args, env) {
  try {
    const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env } });
    return `${result.stdout}${result.stderr}`.split('\n').find((line) => line.trim()) ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function machine() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  return {
    date: new Date().toISOString(),
    cpu: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    chromium: firstLine(CHROMIUM, ['--version']),
    gxx: firstLine('g++', ['--version']),
    emcc: firstLine('em++', ['--version'], { NODE_PATH: '/usr/share/nodejs' }),
    load_average_start: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

function native(build) {
  const binary = path.join(root, build, 'bench/core_native');
  if (!fs.existsSync(binary)) {
    log(`${binary} is missing; its column stays empty`);
    return { bptt_ms: {} };
  }
  return JSON.parse(execFileSync(binary, [String(repetitions)], { encoding: 'utf8' }));
}

function tfjs(backend) {
  const out = execFileSync(process.execPath, [path.join(root, 'bench/tfjs.mjs'), backend,
    HEADLINE_SIZES.join(','), String(repetitions)], { encoding: 'utf8', cwd: root });
  return JSON.parse(out.trim().split('\n').pop());
}

async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attractor-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 1200, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// BPTT in the worker of a page, served from the repository root.
async function chromiumWorker() {
  const { server, url } = await startServer({ root, contentSecurityPolicy: null });  // the harness page has an inline script
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${url}bench/worker.html?sizes=${HEADLINE_SIZES.join(',')}&repetitions=${repetitions}`);
    return await page.evaluate(() => window.benchResult);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

// Records when the first widget turns data-ready and every long main-thread task, from before
// the page's own scripts run.
function observePage() {
  window.benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.benchReady = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('[data-ready="true"]')) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
  });
}

// The first page a student meets with a widget (lesson 1; the home page is the lesson map and
// loads no module): cold load to the first ready widget, the longest main-thread task while a
// trainer trains in a worker, and the gzip size of its wasm, JS and CSS.
async function site() {
  // The training run below imports LabClient from the site's sources, beside the built pages.
  const { server, url } = await startServer({ root: path.join(root, 'build/site'), overlays: SOURCE_OVERLAYS });
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const bodies = [];
    browser.context.on('response', (response) => {
      if (/\.(m?js|css|wasm)(\?|$)/.test(response.url())) bodies.push(response.body().then((body) => ({ url: response.url(), body }), () => null));
    });
    await page.addInitScript(observePage);
    await page.goto(`${url}#/lesson/memory-as-a-place`);
    const readyMs = await page.evaluate(() => window.benchReady);
    await page.waitForLoadState('networkidle');
    const files = (await Promise.all(bodies)).filter(Boolean);
    const seen = new Set();
    let raw = 0;
    let gzip = 0;
    for (const { url: fileUrl, body } of files) {
      if (seen.has(fileUrl)) continue;
      seen.add(fileUrl);
      raw += body.length;
      gzip += zlib.gzipSync(body, { level: 9 }).length;
    }
    // A training run (N = 64, float32) in the page's own worker, with the widget still running.
    const training = await page.evaluate(async () => {
      const { LabClient } = await import(new URL('src/lab/client.js', location.href).href);
      const client = new LabClient();
      const trainer = await client.create('trainer', {
        task: 'delayed_recall', taskParams: { steps: 100, recall_steps: 5 }, initialization: 'gaussian',
        network: { hidden: 64, precision: 32 }, training: { batch: 16, seed: 1 },
      });
      let longestFrame = 0;
      let last = performance.now();
      let running = true;
      const frame = (now) => {
        longestFrame = Math.max(longestFrame, now - last);
        last = now;
        if (running) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      const start = performance.now();
      const result = await trainer.train(300, { chunk: 25 });
      const end = performance.now();
      running = false;
      client.terminate();
      const during = window.benchLongTasks.filter((t) => t.start + t.duration >= start && t.start <= end);
      return {
        steps: result.done,
        ms_per_step: (end - start) / result.done,
        longest_task_ms: during.reduce((m, t) => Math.max(m, t.duration), 0),
        long_tasks: during.length,
        longest_frame_gap_ms: longestFrame,
      };
    });
    return {
      cold_load_to_ready_ms: readyMs,
      files: seen.size,
      transfer_raw_bytes: raw,
      transfer_gzip_bytes: gzip,
      training,
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

const fmt = (x, digits = 2) => (x === undefined || x === null || Number.isNaN(x) ? '-' : Number(x).toFixed(digits));
const ratio = (slow, fast) => (slow && fast ? `${(slow / fast).toFixed(2)}x` : '-');

function markdown(r) {
  const m = r.machine;
  const lines = [];
  lines.push(`# Benchmark run ${m.date}`, '');
  lines.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB; node ${m.node}; ${m.chromium}; ${m.gxx}; ${m.emcc}.`);
  lines.push(`Load average (1, 5, 15 min): ${m.load_average_start.join(', ')} at the start, ${r.load_average_end.join(', ')} at the end.`);
  lines.push(`Medians of ${r.repetitions} repetitions. Command: \`make bench\` (\`node bench/run.mjs ${r.repetitions}\`).`, '');

  lines.push('## 1. One BPTT step (float32, inputs 2, outputs 1, T = 100, batch 16): ms', '');
  lines.push('| implementation | N = 64 | N = 256 | ours (wasm, node) faster by, N = 64 | N = 256 |', '|---|---|---|---|---|');
  const rows = [
    ['Attractor Lab wasm, node', r.bptt.wasm_node],
    ['Attractor Lab wasm, Chromium worker', r.bptt.wasm_chromium],
    ['Attractor Lab native g++ -O3', r.bptt.native],
    ['Attractor Lab native g++ -O3 -march=native', r.bptt.native_march],
    ['TensorFlow.js 4.22 wasm backend, node', r.bptt.tfjs_wasm],
    ['TensorFlow.js 4.22 cpu backend, node', r.bptt.tfjs_cpu],
  ];
  for (const [name, values] of rows) {
    lines.push(`| ${name} | ${fmt(values?.[64], 3)} | ${fmt(values?.[256], 3)} | ${ratio(values?.[64], r.bptt.wasm_node[64])} | ${ratio(values?.[256], r.bptt.wasm_node[256])} |`);
  }
  lines.push('', '(Ratios are time / time of our wasm in node: above 1x means ours is faster.)', '');

  lines.push('## 2. Simulation throughput, wasm (node) vs native', '');
  lines.push('| model | wasm | native -O3 | native / wasm speed | native -march=native |', '|---|---|---|---|---|');
  const sims = [
    ['ring attractor N = 512, tuned (Euler steps/s)', 'ring_steps_per_s', 0, false],
    ['ring attractor N = 512, perturbed (Euler steps/s)', 'ring_perturbed_steps_per_s', 0, false],
    ['FORCE N = 1000, float64 RLS (steps/s)', 'force_steps_per_s', 0, false],
    ['Lyapunov spectrum, 200-unit tanh network (QR steps/s)', 'lyapunov_steps_per_s', 1, false],
    ['tanh-map classifier, 200 x 200 grid (s)', 'tanh_map_s', 3, true],
  ];
  for (const [name, key, digits, isTime] of sims) {
    const w = r.simulations.wasm[key];
    const n = r.simulations.native[key];
    const nm = r.simulations.native_march[key];
    const speed = isTime ? w / n : n / w;
    lines.push(`| ${name} | ${fmt(w, digits)} | ${fmt(n, digits)} | ${fmt(speed)}x | ${fmt(nm, digits)} |`);
  }
  lines.push('');

  lines.push('## 3. The home page in Chromium', '');
  const s = r.site;
  lines.push('| measure | value |', '|---|---|');
  lines.push(`| cold load to the first ready widget | ${fmt(s.cold_load_to_ready_ms, 0)} ms |`);
  lines.push(`| longest main-thread task while training (${s.training.steps} steps, N = 64, in the worker) | ${fmt(s.training.longest_task_ms, 0)} ms (${s.training.long_tasks} tasks over 50 ms; longest frame gap ${fmt(s.training.longest_frame_gap_ms, 0)} ms) |`);
  lines.push(`| training speed in the page's worker | ${fmt(s.training.ms_per_step, 2)} ms per step (batch, BPTT and Adam) |`);
  lines.push(`| wasm + JS + CSS of the home page | ${s.transfer_gzip_bytes} bytes gzip (${s.transfer_raw_bytes} raw, ${s.files} files) |`, '');

  lines.push('## 4. How the BPTT step grows with N (wasm, node; native -O3)', '');
  lines.push('| N | wasm ms | native ms | wasm / native | N^2 T B prediction from N = 64 (ms) | wasm GFLOP/s |', '|---|---|---|---|---|---|');
  const base = r.bptt.wasm_node[64];
  for (const n of BPTT_SIZES) {
    const w = r.bptt.wasm_node[n];
    // Three N x N x B products per time step (forward, weight gradient, backpropagated error).
    const flops = 3 * 2 * n * n * 100 * 16;
    lines.push(`| ${n} | ${fmt(w, 3)} | ${fmt(r.bptt.native[n], 3)} | ${fmt(w / r.bptt.native[n])} | ${fmt(base * (n / 64) ** 2, 3)} | ${fmt(flops / (w * 1e6), 1)} |`);
  }
  lines.push('');
  return lines.join('\n');
}

// One summary row for the history table of BENCHMARKS.md, which keeps every earlier row.
function historyRow(r) {
  const b = r.bptt;
  const sim = r.simulations;
  return `| ${r.machine.date.slice(0, 16).replace('T', ' ')} | ${r.commit} | ${r.machine.load_average_start[0]} | ` +
    `${fmt(b.wasm_node[64], 2)} | ${fmt(b.tfjs_wasm[64] / b.wasm_node[64], 1)}x | ${fmt(b.wasm_node[64] / b.native[64], 2)}x | ` +
    `${fmt(b.wasm_node[256], 1)} | ${fmt(b.tfjs_wasm[256] / b.wasm_node[256], 1)}x | ${fmt(b.wasm_node[256] / b.native[256], 2)}x | ` +
    `${fmt(sim.wasm.force_steps_per_s, 0)} | ${fmt(sim.native.force_steps_per_s / sim.wasm.force_steps_per_s, 2)}x | ` +
    `${fmt(sim.wasm.ring_steps_per_s, 0)} | ${fmt(r.site.cold_load_to_ready_ms, 0)} | ${fmt(r.site.training.longest_task_ms, 0)} | ` +
    `${Math.round(r.site.transfer_gzip_bytes / 1024)} |`;
}

const MARKER = '<!-- make bench appends rows above this line -->';

const results = { repetitions, machine: machine(), bptt: {}, simulations: {} };
results.commit = firstLine('git', ['-C', root, 'describe', '--always', '--dirty']);
log('native -O3');
const nativeO3 = native('build/native');
log('native -O3 -march=native');
const nativeMarch = native('build/bench-march');
log('wasm in node');
const lab = await loadLab();
results.bptt.wasm_node = bpttMs(lab, BPTT_SIZES, repetitions);
results.simulations.wasm = simulations(lab, repetitions);
results.bptt.native = nativeO3.bptt_ms;
results.bptt.native_march = nativeMarch.bptt_ms;
const { bptt_ms: _o, ...simsO3 } = nativeO3;
const { bptt_ms: _m, ...simsMarch } = nativeMarch;
results.simulations.native = simsO3;
results.simulations.native_march = simsMarch;
log('TensorFlow.js wasm');
results.bptt.tfjs_wasm = tfjs('wasm').bptt_ms;
log('TensorFlow.js cpu');
results.bptt.tfjs_cpu = tfjs('cpu').bptt_ms;
log('Chromium worker');
const worker = await chromiumWorker();
results.bptt.wasm_chromium = worker.bptt_ms;
log('Chromium home page');
results.site = await site();
results.load_average_end = os.loadavg().map((x) => Number(x.toFixed(2)));

const outDir = path.join(root, 'bench/results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
const report = markdown(results);
fs.writeFileSync(path.join(outDir, 'latest.md'), `${report}\n`);
const benchmarks = path.join(root, 'BENCHMARKS.md');
if (fs.existsSync(benchmarks)) {
  const text = fs.readFileSync(benchmarks, 'utf8');
  if (text.includes(MARKER)) fs.writeFileSync(benchmarks, text.replace(MARKER, `${historyRow(results)}\n${MARKER}`));
}
process.stdout.write(`${report}\n`);
