// The robustness arena on its playground page, in Chromium with the real WebAssembly module:
// predict, measure, and check the collapse-or-drift ordering of docs/robustness.md, the decoded
// error with readout noise, the learning signal, and the torus averaged over networks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT, untilMeasures, untilText } from './wait.mjs';

const site = useSite();

const WIDGET = 'al-robustness-arena';
const measuresOf = (page) => page.evaluate((w) => document.querySelector(w).measures, WIDGET);

async function download(page, itemName) {
  const menu = page.locator(`${WIDGET} .al-export`);
  if (!(await menu.evaluate((details) => details.open))) await menu.locator('summary').click();
  await menu.getByRole('menuitem', { name: itemName, exact: true }).waitFor();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`${WIDGET} .al-export`).getByRole('menuitem', { name: itemName, exact: true }).click(),
  ]);
  return fs.readFileSync(await file.path(), 'utf8');
}

test('a prediction, a run, and the ordering: the ring loses information, the limit cycle keeps it; the learning signal follows', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/robustness-arena?steps=5000&seeds=2`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });

  let m = await measuresOf(page);
  assert.equal(m.prediction, null);
  assert.equal(m.prediction_correct, null, 'no verdict before a run');
  assert.equal(m.mechanisms_measured, 0);
  assert.equal(m.epsilon, 0.02);

  // Leave the torus out (its run is the slowest) and predict the ring.
  await page.getByLabel('Torus (QPTA)', { exact: true }).uncheck();
  await page.waitForFunction((w) => document.querySelector(w).measures.mechanisms_selected === 3, WIDGET);
  await page.getByLabel(/Your prediction/).selectOption('ring');
  await untilMeasures(page, WIDGET, (m) => m.prediction === 'ring');

  await page.getByRole('button', { name: 'Run the measure' }).click();
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /loses most/, { timeout: TIMEOUT.job });
  m = await measuresOf(page);
  assert.equal(m.mechanisms_measured, 3);
  assert.equal(m.torus_decoded_error, null, 'an unchosen mechanism is not measured');
  assert.equal(m.state_noise, 0.02, 'the same readout noise for every mechanism by default');
  // Same perturbation and readout noise: the ring loses information, the limit cycle only drifts
  // (its decoded error is the readout noise itself).
  assert.ok(m.limit_cycle_decoded_error > 0.005 && m.limit_cycle_decoded_error < 0.05, `limit cycle ${m.limit_cycle_decoded_error}`);
  assert.ok(m.ring_decoded_error > 5 * m.limit_cycle_decoded_error, `ring ${m.ring_decoded_error}`);
  assert.ok(m.limit_cycle_pairwise_error < 0.01, `limit cycle ${m.limit_cycle_pairwise_error}`);
  assert.ok(m.line_pairwise_error > 0.05 && m.ring_pairwise_error > 0.05, `line ${m.line_pairwise_error}, ring ${m.ring_pairwise_error}`);
  assert.equal(m.limit_cycle_end_states, 12, 'the limit cycle keeps every memory apart');
  assert.ok(m.ring_decoded_error_spread > 0, 'two seeds give a spread');
  // The learning signal along the manifold: the ring's decays, the limit cycle's persists, with
  // one Lyapunov exponent near zero.
  assert.ok(Math.abs(m.limit_cycle_learning_signal_log10) < 0.1, `limit cycle signal ${m.limit_cycle_learning_signal_log10}`);
  assert.ok(m.ring_learning_signal_log10 < m.limit_cycle_learning_signal_log10 - 0.2, `ring signal ${m.ring_learning_signal_log10}`);
  assert.ok(m.ring_manifold_exponent < 0, `ring exponent ${m.ring_manifold_exponent}`);
  assert.equal(m.limit_cycle_near_zero_exponents, 1);
  assert.notEqual(m.best_mechanism, 'ring');
  assert.equal(m.worst_mechanism, 'ring');
  assert.equal(m.prediction_at_run, 'ring');
  assert.equal(m.prediction_correct, false);
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /Ring attractor loses most.*prediction \(Ring attractor\) was wrong/);

  // Exports of the curves parse.
  const json = JSON.parse(await download(page, 'Data and settings (JSON)'));
  assert.equal(json.curves.ring.runs.length, 2);
  assert.equal(json.curves.ring.learning_signal_log10_mean.length, 20);
  const csv = (await download(page, 'Data (CSV)')).trim().split(/\r?\n/);
  assert.equal(csv[0].split(',')[0], 'mechanism');
  assert.ok(csv[0].includes('decoded_error_mean') && csv[0].includes('learning_signal_log10_mean'));
  assert.equal(csv.length, 1 + 3 * 20, 'three mechanisms, 20 horizons each');
  assert.ok(await download(page, 'learning-signal (SVG)').then((text) => text.startsWith('<?xml')));
  const svg = await download(page, 'decoded-error (SVG)');
  assert.ok(svg.startsWith('<?xml'));
  await page.screenshot({ path: path.join(artifactsDir, 'robustness-arena.png'), fullPage: true });

  // Without a perturbation every mechanism keeps every memory: the slider's first position is 0.
  const slider = page.getByLabel('Perturbation ε', { exact: true });
  await slider.focus();
  await slider.press('Home');
  await page.waitForFunction((w) => document.querySelector(w).measures.epsilon === 0, WIDGET);
  m = await measuresOf(page);
  assert.equal(m.mechanisms_measured, 0, 'new settings clear the old curves');
  assert.equal(m.prediction_correct, null);
  await page.getByRole('button', { name: 'Run the measure' }).click();
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /ε = 0,.*loses most/, { timeout: TIMEOUT.job });
  m = await measuresOf(page);
  for (const name of ['line', 'ring', 'limit_cycle']) {
    assert.ok(m[`${name}_pairwise_error`] < 1e-3, `${name} at epsilon 0: ${m[`${name}_pairwise_error`]}`);
    assert.ok(m[`${name}_decoded_error`] < 0.05, `${name} at epsilon 0: decoded ${m[`${name}_decoded_error`]}`);
    assert.ok(Math.abs(m[`${name}_learning_signal_log10`]) < 0.05, `${name} signal at epsilon 0`);
    assert.equal(m[`${name}_end_states`], 12);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a long run shows progress and stops when asked, keeping what was finished', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/robustness-arena?steps=100000&seeds=3&use_line=false&use_limit_cycle=false&use_torus=false`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  await page.getByRole('button', { name: 'Run the measure' }).click();
  // The published measures say it runs, with some progress.
  await untilMeasures(page, WIDGET, (m) => m.running === true && m.progress > 0.02);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await page.waitForFunction((w) => !document.querySelector(w).model.running, WIDGET, { timeout: TIMEOUT.job });
  const m = await untilMeasures(page, WIDGET, (m) => m.running === false);
  assert.equal(m.mechanisms_measured, 0);
  assert.equal(m.ring_pairwise_error, null);
  assert.equal(m.best_mechanism, null);
  assert.ok(m.progress > 0 && m.progress < 1, `stopped at ${m.progress}`);
  await untilText(page.locator(`${WIDGET} .al-progress`), /Stopped/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Step measures one mechanism at a time; Reset clears the curves', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/robustness-arena?steps=2000&use_torus=false`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  await page.getByRole('button', { name: 'Measure one mechanism', exact: true }).click();
  await page.waitForFunction((w) => document.querySelector(w).measures.mechanisms_measured === 1, WIDGET, { timeout: TIMEOUT.job });
  let m = await measuresOf(page);
  assert.ok(m.line_pairwise_error > 0, 'the first chosen mechanism, the line, was measured');
  assert.equal(m.ring_pairwise_error, null);
  assert.equal(m.best_mechanism, null, 'no winner until every chosen mechanism is measured');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.waitForFunction((w) => document.querySelector(w).measures.mechanisms_measured === 0, WIDGET);
  m = await measuresOf(page);
  assert.equal(m.line_pairwise_error, null);
  assert.deepEqual(problems, []);
  await page.close();
});

test('activity noise alone, without a weight perturbation, scatters the ring\'s memories', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/robustness-arena?epsilon=0&steps=5000&use_line=false&use_torus=false`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  const noise = page.getByLabel('Activity noise', { exact: true });
  await noise.focus();
  for (let i = 0; i < 10; i++) await noise.press('ArrowRight');
  await page.waitForFunction((w) => Math.abs(document.querySelector(w).measures.noise - 0.1) < 1e-9, WIDGET);
  await page.getByRole('button', { name: 'Run the measure' }).click();
  await page.waitForFunction((w) => document.querySelector(w).measures.best_mechanism !== null, WIDGET, { timeout: TIMEOUT.job });
  const m = await measuresOf(page);
  assert.equal(m.epsilon, 0);
  assert.ok(m.ring_pairwise_error > 0.05, `ring with noise ${m.ring_pairwise_error}`);
  // The limit cycle takes no activity noise: with tuned weights it keeps every memory.
  assert.ok(m.limit_cycle_pairwise_error < 1e-3, `limit cycle ${m.limit_cycle_pairwise_error}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('without readout noise the line\'s squeeze is undone; with noise its contraction is a loss', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/robustness-arena?epsilon=0.1&steps=20000&state_noise=0&use_ring=false&use_limit_cycle=false&use_torus=false`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  await page.getByRole('button', { name: 'Run the measure' }).click();
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /loses most/, { timeout: TIMEOUT.job });
  let m = await measuresOf(page);
  assert.ok(m.line_pairwise_error > 0.5, `the pairwise error counts the squeeze: ${m.line_pairwise_error}`);
  assert.ok(m.line_decoded_error < 1e-6, `the affine decoder undoes it: ${m.line_decoded_error}`);
  assert.ok(m.line_learning_signal_log10 < -0.3, `the signal along the line shrinks with the slope: ${m.line_learning_signal_log10}`);

  const noise = page.getByLabel('Readout noise σ', { exact: true });
  await noise.focus();
  await noise.press('End');
  await page.waitForFunction((w) => document.querySelector(w).measures.state_noise === 0.5, WIDGET);
  await page.getByRole('button', { name: 'Run the measure' }).click();
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /σ 0.5.*loses most/, { timeout: TIMEOUT.job });
  m = await measuresOf(page);
  // The same squeeze read with noise of half the stored spread: the contracted values drown in it.
  assert.ok(m.line_decoded_error > 0.6, `noise 0.5 on a contracted line: decoded ${m.line_decoded_error}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the torus averaged over networks: the fraction that keeps the information, with its spread', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/robustness-arena?steps=3000&seeds=2&memories=8&use_line=false&use_ring=false&use_limit_cycle=false&torus_networks=3`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  await page.getByRole('button', { name: 'Run the measure' }).click();
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /of 3 torus networks keep the information/, { timeout: TIMEOUT.job });
  const m = await measuresOf(page);
  assert.equal(m.torus_networks_measured, 3);
  // The fraction is a count of networks out of 3 per seed, averaged over 2 seeds.
  assert.ok([0, 1, 2, 3, 4, 5, 6].some((k) => Math.abs(m.torus_networks_keeping - k / 6) < 1e-12), `fraction ${m.torus_networks_keeping}`);
  assert.ok(m.torus_networks_keeping_spread >= 0 && m.torus_networks_keeping_spread <= 0.5);
  assert.ok(m.torus_decoded_error_spread > 0, 'networks differ');
  const json = JSON.parse(await download(page, 'Data and settings (JSON)'));
  assert.deepEqual(json.curves.torus.networks, [1, 2, 3]);
  assert.equal(json.curves.torus.runs.length, 6, 'three networks x two perturbation seeds');
  const kept = [1, 2].map((seed) => json.curves.torus.runs.filter((run) => run.perturbation_seed === seed && run.decoded_error.at(-1) <= 0.25).length / 3);
  assert.ok(Math.abs(m.torus_networks_keeping - (kept[0] + kept[1]) / 2) < 1e-12, 'the fraction is the per-seed share of networks, averaged');
  assert.match(await page.locator(`${WIDGET} .al-readouts`).innerText(), /of 3/);
  assert.deepEqual(problems, []);
  await page.close();
});
