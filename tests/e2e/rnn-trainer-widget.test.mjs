// The RNN-trainer widget on its playground page, in a real Chromium with the real WebAssembly
// module in its worker: training with progress and stop, what training does to the network,
// gradient persistence against the initialization, checkpoints, exports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT, framesPass, until, untilReadout, untilText, untilUrl } from './wait.mjs';

const site = useSite();

const WIDGET = 'al-rnn-trainer';

const measures = (page) => page.evaluate((w) => document.querySelector(w).measures, WIDGET);

// Resolves when the network has been trained `steps` steps and its slower pictures (Lyapunov
// spectrum, fixed points) show that network.
function analysedAt(page, steps, timeout = TIMEOUT.job) {
  return page.waitForFunction(([w, n]) => {
    const model = document.querySelector(w).model;
    return model.analysedSteps === n && !model.job;
  }, [WIDGET, steps], { timeout, polling: 100 });
}

async function open(page, query = '') {
  await page.goto(`${site.url}#/playground/rnn-trainer${query ? `?${query}` : ''}`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  await analysedAt(page, 0);
}

async function download(page, action) {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

async function exportItem(page, name) {
  await page.locator(`${WIDGET} .al-export summary`).click();
  return download(page, () => page.getByRole('menuitem', { name, exact: true }).click());
}

test('Train learns delayed recall with progress, off the main thread, and the network changes', { timeout: TIMEOUT.test }, async (t) => {
  const { page, problems } = await site.newPage();
  await open(page);
  const before = await measures(page);
  assert.equal(before.steps, 0);
  assert.equal(before.gradient_ratio, null, 'no learning signal before a training step');
  // Orthogonal W (gain 1): every eigenvalue on the unit circle, and with tanh the origin is
  // marginal, so (docs/training.md) the exponents sit at zero.
  assert.ok(Math.abs(before.spectral_radius - 1) < 1e-9, `spectral radius ${before.spectral_radius}`);
  assert.ok(before.zero_lyapunov_count >= 24, `zero exponents ${before.zero_lyapunov_count} of 32`);

  // Long tasks of the main thread, and the script time inside long animation frames (what our
  // code costs, apart from the browser's layout and paint).
  await page.evaluate(() => {
    window.longTasks = [];
    window.scriptTimes = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) for (const script of entry.scripts) window.scriptTimes.push(script.duration);
    }).observe({ type: 'long-animation-frame' });
  });
  // A trace gives each main-thread task's CPU time besides its wall time: on a busy machine the
  // wall time stretches while the CPU time is what the page itself costs.
  await site.browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // The text, the bar and the Stop button read together, while training is under way.
  const during = await (await page.waitForFunction((w) => {
    const text = document.querySelector(`${w} .al-progress`).textContent;
    const match = /Training: ([1-9]\d*) of 300 steps/.exec(text);
    if (!match || Number(match[1]) >= 300) return null;
    const bar = document.querySelector(`${w} progress`);
    const stop = [...document.querySelectorAll(`${w} button`)].find((b) => b.textContent.trim() === 'Stop');
    return { text, progress: bar.value / bar.max, stopEnabled: Boolean(stop) && !stop.disabled };
  }, WIDGET, { timeout: TIMEOUT.job, polling: 50 })).jsonValue();
  assert.ok(during.progress > 0 && during.progress < 1, `progress ${during.progress} while the page says "${during.text}"`);
  assert.equal(during.stopEnabled, true, 'Stop can be pressed during training');
  await analysedAt(page, 300);
  const trace = JSON.parse((await site.browser.stopTracing()).toString());
  const events = trace.traceEvents ?? trace;
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const mainTasks = events.filter((e) => e.name === 'RunTask' && mainThreads.has(`${e.pid}:${e.tid}`) && e.tdur !== undefined);
  assert.ok(mainTasks.length > 10, 'the trace holds the main thread\'s tasks');
  const longestCpu = Math.max(...mainTasks.map((e) => e.tdur)) / 1000;
  const { longTasks, scriptTimes } = await page.evaluate(() => ({ longTasks: window.longTasks, scriptTimes: window.scriptTimes }));
  const longest = Math.max(0, ...longTasks);
  const longestScript = Math.max(0, ...scriptTimes);
  const loadPerCore = os.loadavg()[0] / os.cpus().length;
  console.log(`training: longest main-thread task ${longest.toFixed(0)} ms wall (${longTasks.length} long tasks), ` +
    `${longestCpu.toFixed(1)} ms CPU; longest script in a long frame ${longestScript.toFixed(0)} ms; load per core ${loadPerCore.toFixed(1)}`);
  assert.ok(longestCpu <= 50, `a main-thread task used ${longestCpu} ms of CPU`);
  // The wall time of every task stretches with the machine's load (at 10 runnable processes per
  // core a 5 ms frame takes 50 ms or more), so that bound is checked on a machine not oversubscribed.
  if (loadPerCore < 1.5) {
    assert.ok(longestScript <= 50, `a main-thread script ran ${longestScript} ms`);
    assert.ok(longest <= 50, `a main-thread task took ${longest} ms`);
  } else {
    t.diagnostic(`main-thread bound not checked: load per core ${loadPerCore.toFixed(1)}`);
  }

  const workers = page.workers().map((worker) => new URL(worker.url()).pathname);
  assert.equal(workers.length, 1, `everything runs in the one simulation worker: ${workers.join(', ')}`);
  assert.match(workers[0], /^\/assets\/worker-[A-Z0-9]{8}\.js$/, 'the worker is the bundled simulation worker');

  const trained = await measures(page);
  assert.equal(trained.steps, 300);
  assert.ok(trained.validation_loss < before.validation_loss / 10, `${before.validation_loss} -> ${trained.validation_loss}`);
  assert.ok(trained.accuracy > 0.9, `accuracy ${trained.accuracy}`);
  assert.ok(trained.gradient_ratio > 0 && trained.gradient_ratio <= 1, `gradient ratio ${trained.gradient_ratio}`);
  assert.notEqual(trained.spectral_radius, before.spectral_radius, 'training moved the eigenvalues of W');
  await untilReadout(page, WIDGET, 'steps', (steps) => steps === 300);
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /After 300 steps: validation loss/);
  const lossPlot = page.locator(`${WIDGET} canvas[data-plot="loss"]`);
  await until(() => lossPlot.getAttribute('aria-label'), (label) => /300 steps trained/.test(label), 'the loss plot\'s label to say 300 steps');

  // The keyboard cursor on the validation trial reads out the output, the target and the signal.
  await page.locator(`${WIDGET} canvas[data-plot="trial"]`).focus();
  await page.keyboard.press('End');
  await untilText(page.locator(`${WIDGET} .al-cursor[aria-live="polite"]`), /^step 20: output .*; target .*\|dL\/dh_t\|/);

  const json = await exportItem(page, 'Data and settings (JSON)');
  const data = JSON.parse(json.text);
  assert.equal(data.widget, 'rnn-trainer');
  assert.equal(data.losses.length, 300);
  assert.equal(data.validation_trial.steps, 20);
  const csv = await exportItem(page, 'Data (CSV)');
  const rows = csv.text.trim().split(/\r?\n/);
  assert.equal(rows[0], 'step,training_loss,validation_loss');
  assert.equal(rows.length, 301);
  const svg = await exportItem(page, 'eigenvalues (SVG)');
  assert.ok(svg.text.startsWith('<?xml'), 'the SVG export is an XML document');

  await page.screenshot({ path: path.join(artifactsDir, 'rnn-trainer.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('Stop keeps the steps trained so far, and Reset goes back to the same initialization', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await open(page);
  const initial = await measures(page);
  const stepsField = page.getByLabel('Steps per Train press', { exact: true });
  await stepsField.fill('20000');
  await stepsField.press('Enter');
  await page.waitForFunction((w) => document.querySelector(w).model.params.train_steps === 20000, WIDGET);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction((w) => document.querySelector(w).measures.steps >= 50, WIDGET, { timeout: TIMEOUT.job });
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.waitForFunction((w) => !document.querySelector(w).model.job, WIDGET, { timeout: TIMEOUT.job });
  const stopped = (await measures(page)).steps;
  assert.ok(stopped >= 50 && stopped < 20000, `stopped after ${stopped} steps`);
  await untilReadout(page, WIDGET, 'steps', (steps) => steps === stopped);
  await framesPass(page);
  assert.equal((await measures(page)).steps, stopped, 'nothing trains after Stop');

  await page.getByRole('button', { name: 'Reset' }).click();
  // A Stop cancels the analysis of the stopped network, so "analysed at 0 steps" may already hold
  // before the Reset: wait for the page to show the fresh network first.
  await untilReadout(page, WIDGET, 'steps', (steps) => steps === 0);
  await analysedAt(page, 0);
  const reset = await measures(page);
  assert.equal(reset.steps, 0);
  assert.equal(reset.validation_loss, initial.validation_loss, 'the same initial weights');
  assert.equal(reset.spectral_radius, initial.spectral_radius);
  assert.equal(reset.validation_loss_ratio, 1);
  // The stopped run's learning curve stays on the loss plot for comparison.
  await page.waitForFunction(([w, text]) => document.querySelector(`${w} .al-legend`).textContent.includes(text),
    [WIDGET, `previous run (orthogonal, T = 20): ${stopped} steps`], { timeout: TIMEOUT.ui });
  assert.deepEqual(problems, []);
  await page.close();
});

test('gradient persistence: g = 0.5 vanishes, QPTA persists (lesson 5)', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await open(page, 'initialization=gaussian&gain=0.5');
  const measure = async () => {
    await page.getByRole('button', { name: 'Measure' }).click();
    await page.waitForFunction((w) => {
      const { model } = document.querySelector(w);
      return model.persistence && !model.job;
    }, WIDGET, { timeout: TIMEOUT.job });
    return measures(page);
  };
  const contracting = await measure();
  // W ~ N(0, 0.25/N): every exponent near log(0.5) per step, so after 500 steps the norm has
  // shrunk by far more than e^-100.
  assert.equal(contracting.gradient_horizon_T, 500);
  assert.ok(contracting.log_gradient_at_T < -100, `g = 0.5: log ||dh_T/dh_0|| = ${contracting.log_gradient_at_T}`);
  assert.ok(contracting.max_lyapunov < -0.3, `g = 0.5: largest exponent ${contracting.max_lyapunov}`);
  assert.equal(contracting.zero_lyapunov_count, 0);
  await untilText(page.locator(`${WIDGET} [data-measure="log_gradient_at_T"]`), /at T = 500/);

  await page.getByLabel('Initialization of W', { exact: true }).selectOption('qpta');
  await page.waitForFunction((w) => document.querySelector(w).measures.initialization === 'qpta', WIDGET);
  await analysedAt(page, 0);
  const quasiPeriodic = await measure();
  // One zero exponent per block carrying a quasi-periodic orbit; the gradient neither vanishes nor explodes.
  assert.ok(Math.abs(quasiPeriodic.log_gradient_at_T) < 20, `qpta: log ||dh_T/dh_0|| = ${quasiPeriodic.log_gradient_at_T}`);
  assert.ok(quasiPeriodic.zero_lyapunov_count >= 2, `qpta: ${quasiPeriodic.zero_lyapunov_count} zero exponents`);
  await untilUrl(page, /initialization=qpta/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a perturbed initial W: the ε control, the untrained learning signal, and the previous run to compare with', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await open(page, 'initialization=ring&trial_length=30&hidden=16&train_steps=40');
  const tuned = await measures(page);
  assert.equal(tuned.epsilon, 0);
  // The ring at gain 1 has eigenvalue 2 on its plane; the untrained network's signal is there at once.
  assert.ok(Math.abs(tuned.spectral_radius - 2) < 1e-9, `tuned ring: spectral radius ${tuned.spectral_radius}`);
  assert.ok(tuned.initial_gradient_ratio > 0 && tuned.initial_gradient_ratio <= 1, `untrained signal ${tuned.initial_gradient_ratio}`);
  await untilText(page.locator(`${WIDGET} [data-measure="initial_gradient_ratio"]`), /\d/);
  assert.equal(tuned.previous_initialization, undefined, 'no previous run yet');

  // Page Up moves the slider by a tenth of its range: ε = 0.1, a new, perturbed network.
  await page.getByLabel('Perturbation ε of initial W', { exact: true }).press('PageUp');
  await page.waitForFunction((w) => {
    const { model, measures: m } = document.querySelector(w);
    return Math.abs(m.epsilon - 0.1) < 1e-12 && model.analysedSteps === 0 && !model.job;
  }, WIDGET, { timeout: TIMEOUT.job, polling: 100 });
  const perturbed = await measures(page);
  assert.notEqual(perturbed.spectral_radius, tuned.spectral_radius, 'the perturbation moved the eigenvalues of W');
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /W perturbed by ε = 0\.1/);
  await untilUrl(page, /epsilon=0\.1/);

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await analysedAt(page, 40);
  const ring = await measures(page);
  await page.getByLabel('Initialization of W', { exact: true }).selectOption('qpta');
  await page.waitForFunction((w) => {
    const { model, measures: m } = document.querySelector(w);
    return m.initialization === 'qpta' && model.analysedSteps === 0 && !model.job;
  }, WIDGET, { timeout: TIMEOUT.job, polling: 100 });
  const qpta = await measures(page);
  // The trained ring is now the previous run, with the numbers it ended with.
  assert.equal(qpta.previous_initialization, 'ring');
  assert.equal(qpta.previous_epsilon, 0.1);
  assert.equal(qpta.previous_steps, 40);
  assert.equal(qpta.previous_validation_loss, ring.validation_loss);
  assert.equal(qpta.previous_gradient_ratio, ring.gradient_ratio);
  assert.equal(qpta.previous_initial_gradient_ratio, perturbed.initial_gradient_ratio);
  assert.equal(qpta.epsilon, 0.1, 'the perturbation stays for the next initialization');
  await untilText(page.locator(`${WIDGET} .al-legend`), /previous run \(ring, ε = 0\.1, T = 30\): 40 steps, validation loss/);
  await until(() => page.locator(`${WIDGET} canvas[data-plot="gradient"]`).getAttribute('aria-label'),
    (label) => /untrained network \(dashed\).*previous run untrained \(dotted\)/.test(label), 'the learning-signal plot to show both untrained curves');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a checkpoint saves the trained network and loads it back; a bad file keeps the current one', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await open(page, 'hidden=16&epsilon=0.05&perturbation_seed=4');
  await page.getByRole('button', { name: 'Train 10 steps' }).click();
  await analysedAt(page, 10);
  const trained = await measures(page);
  const saved = await download(page, () => page.getByRole('button', { name: 'Save checkpoint' }).click());
  assert.match(saved.name, /\.json$/);
  const checkpoint = JSON.parse(saved.text);
  assert.equal(checkpoint.config.network.hidden, 16);
  assert.equal(checkpoint.config.network.epsilon, 0.05);
  assert.equal(checkpoint.config.network.perturbation_seed, 4);

  await page.getByRole('button', { name: 'Reset' }).click();
  await analysedAt(page, 0);
  // An unperturbed network before loading: the checkpoint must bring its perturbation back.
  await page.getByLabel('Perturbation ε of initial W', { exact: true }).press('Home');
  await page.waitForFunction((w) => {
    const { model, measures: m } = document.querySelector(w);
    return m.epsilon === 0 && model.analysedSteps === 0 && !model.job;
  }, WIDGET, { timeout: TIMEOUT.job, polling: 100 });
  const loader = page.getByLabel('Load checkpoint');
  await loader.setInputFiles({ name: 'trained.json', mimeType: 'application/json', buffer: Buffer.from(saved.text) });
  await analysedAt(page, 10);
  const loaded = await measures(page);
  assert.equal(loaded.validation_loss, trained.validation_loss);
  assert.equal(loaded.spectral_radius, trained.spectral_radius);
  await untilText(page.locator(`${WIDGET} [data-role="checkpoint-message"]`), /Loaded trained\.json: 10 steps/);
  // The loaded network's perturbation shows in the controls it came with.
  assert.equal(loaded.epsilon, 0.05);
  assert.equal(loaded.perturbation_seed, 4);

  await loader.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"config": 1, "weights": [') });
  await untilText(page.locator(`${WIDGET} [data-role="checkpoint-message"]`), /Could not load.*not JSON.*still here/s);
  assert.equal((await measures(page)).steps, 10);
  assert.equal((await measures(page)).validation_loss, trained.validation_loss);
  assert.deepEqual(problems, []);
  await page.close();
});
