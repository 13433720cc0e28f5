// The oscillator widget on its playground page: a Stuart-Landau limit cycle and a QPTA torus,
// each perturbed beside an unperturbed copy, in a real Chromium with the real WebAssembly module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT, untilMeasures, untilText } from './wait.mjs';

const site = useSite();

const WIDGET = 'al-oscillator';
const measures = (page) => page.evaluate((w) => document.querySelector(w).measures, WIDGET);
// Waits until the published measures satisfy `predicate`; answers with them.
const waitFor = (page, predicate, arg, timeout = TIMEOUT.job) => untilMeasures(page, WIDGET, predicate, arg, { timeout });

async function download(page, item) {
  await page.locator(`${WIDGET} .al-export summary`).click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
  return fs.readFileSync(await file.path(), 'utf8');
}

test('a limit cycle keeps its amplitude under a perturbation while its frequency and phase move', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/oscillator`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  await page.locator(`${WIDGET} [data-control="speed"]`).selectOption('5');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, (m) => m.measuring && m.window_time_s > 3);

  // Unperturbed: the Euler map's own invariant circle, r^2 = mu + (1 - sqrt(1 - dt^2 omega^2)) / dt,
  // turning by asin(dt omega) per step (stuart_landau.md), and no shift against the reference.
  const dt = 1e-3;
  const omega = 2 * Math.PI;
  let m = await measures(page);
  assert.ok(Math.abs(m.amplitude - Math.sqrt(1 + (1 - Math.sqrt(1 - dt * dt * omega * omega)) / dt)) < 2e-3, `amplitude ${m.amplitude}`);
  assert.ok(Math.abs(m.frequency_hz - Math.asin(dt * omega) / (2 * Math.PI * dt)) < 1e-3, `frequency ${m.frequency_hz}`);
  assert.equal(m.frequency_shift_hz, 0);
  assert.equal(m.phase_difference_rad, 0);
  assert.equal(m.attractor_persists, true);

  // Perturb from the keyboard, as a person would (paused, so each key press is answered at once).
  await page.getByRole('button', { name: 'Pause' }).click();
  const slider = page.getByLabel('Perturbation ε', { exact: true });
  await slider.focus();
  // Each key commits a value; wait for it to be applied before the next key, as the slider
  // shows the applied value again once it is done.
  let applied = 0;
  for (const key of ['End', 'PageDown', 'PageDown', 'PageDown']) {
    await slider.press(key);
    applied = (await waitFor(page, (m, previous) => m.epsilon !== previous, applied)).epsilon;
  }
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, (m) => m.epsilon > 0.05 && m.measuring && m.window_time_s > 4);
  m = await measures(page);
  assert.ok(m.epsilon > 0.05 && m.epsilon < 0.15, `epsilon ${m.epsilon}`);
  assert.equal(m.attractor_persists, true);
  assert.ok(Math.abs(m.amplitude - m.amplitude_reference) < 0.05 * m.amplitude_reference, `amplitude ${m.amplitude} vs ${m.amplitude_reference}`);
  assert.ok(Math.abs(m.frequency_shift_hz) > 1e-4, `shift ${m.frequency_shift_hz}`);
  assert.ok(m.relative_frequency_shift < m.epsilon, 'the shift is of the order of the perturbation, not larger');
  // The simulated shift agrees with the core's Floquet analysis of the flow (the unperturbed period is 2 pi / omega = 1 s).
  const floquetShift = 1 / m.period_s - 1;
  assert.ok(Math.abs(m.frequency_shift_hz - floquetShift) < 0.2 * Math.abs(floquetShift), `shift ${m.frequency_shift_hz} vs Floquet ${floquetShift}`);
  // Phase as memory: the phase moves steadily in the direction of the frequency shift.
  const before = m.phase_difference_rad;
  await waitFor(page, (m, b) => Math.abs(m.phase_difference_rad - b) > 0.02, before);
  m = await measures(page);
  assert.equal(Math.sign(m.phase_difference_rad - before), Math.sign(m.frequency_shift_hz));

  // The Lyapunov spectrum: one zero exponent (along the cycle), the other near -2 mu.
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Lyapunov spectrum' }).click();
  await waitFor(page, (m) => m.zero_lyapunov_count !== null);
  m = await measures(page);
  assert.equal(m.zero_lyapunov_count, 1);
  assert.ok(m.lyapunov_gap > 1 && m.lyapunov_gap < 3, `gap ${m.lyapunov_gap}`);
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /The attractor persists.*1 zero Lyapunov exponent\./);

  const json = JSON.parse(await download(page, 'Data and settings (JSON)'));
  assert.equal(json.widget, 'oscillator');
  assert.equal(json.measures.zero_lyapunov_count, 1);
  assert.equal(json.lyapunov_exponents.length, 2);
  assert.ok(json.time_series.x_perturbed.length > 100);
  const csv = (await download(page, 'Data (CSV)')).trim().split(/\r\n/);
  assert.equal(csv[0], 'time,x_perturbed,x_reference');
  assert.ok(csv.length > 100 && csv[1].split(',').every((field) => Number.isFinite(Number(field))));
  const svg = await download(page, 'portrait (SVG)');
  assert.ok(svg.startsWith('<?xml'));
  assert.match(svg, /<path /);

  await page.screenshot({ path: path.join(artifactsDir, 'oscillator.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a torus persists under the same perturbation; its rotation numbers move by less than ε', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/oscillator?epsilon=0.1`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  await page.getByLabel('Model', { exact: true }).selectOption('torus');
  await waitFor(page, (m) => m.model === 'torus');
  // The oscillator's settings are hidden.
  await page.locator(`${WIDGET} [data-field="mu"]`).waitFor({ state: 'hidden' });
  await page.locator(`${WIDGET} [data-control="speed"]`).selectOption('5');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFor(page, (m) => m.measuring && m.window_time_s > 1500);
  await page.getByRole('button', { name: 'Pause' }).click();
  let m = await measures(page);
  assert.equal(m.epsilon, 0.1);
  assert.equal(m.attractor_persists, true);
  assert.ok(Math.abs(m.amplitude - m.amplitude_reference) < 0.05 * m.amplitude_reference);
  assert.ok(m.rotation_number_shift_mean_abs > 0, 'the frequencies moved');
  assert.ok(m.rotation_number_shift_max_abs < m.epsilon, `largest shift ${m.rotation_number_shift_max_abs}`);
  assert.ok(m.section_points > 20);

  // Unperturbed, the torus network's spectrum has zero exponents (one per quasi-periodic block),
  // well separated from the negative ones.
  const slider = page.getByLabel('Perturbation ε', { exact: true });
  await slider.focus();
  await slider.press('Home');
  await waitFor(page, (m) => m.epsilon === 0);
  await page.getByRole('button', { name: 'Lyapunov spectrum' }).click();
  await waitFor(page, (m) => m.lyapunov_progress > 0 || m.zero_lyapunov_count !== null);
  await waitFor(page, (m) => m.zero_lyapunov_count !== null, null, TIMEOUT.longJob);
  m = await measures(page);
  assert.ok(m.zero_lyapunov_count >= 1 && m.zero_lyapunov_count <= m.blocks, `zero count ${m.zero_lyapunov_count}`);
  assert.ok(m.lyapunov_gap > 5 * m.lyapunov_zero_tolerance, `gap ${m.lyapunov_gap}, tolerance ${m.lyapunov_zero_tolerance}`);
  assert.ok(Math.abs(m.lyapunov_max) < m.lyapunov_zero_tolerance, 'no exponent is positive');

  const svg = await download(page, 'section (SVG)');
  assert.ok(svg.startsWith('<?xml'));
  assert.match(svg, /<circle /);
  await page.screenshot({ path: path.join(artifactsDir, 'oscillator-torus.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});
