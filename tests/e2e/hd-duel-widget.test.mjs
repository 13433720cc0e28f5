// The head-direction duel on its playground page, in a real Chromium with the real WebAssembly
// module in its worker: both integrators under the same head turns, noise and perturbation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT, framesPass, untilText } from './wait.mjs';

const site = useSite();

const WIDGET = 'al-hd-duel';
const measures = (page) => page.evaluate((w) => document.querySelector(w).measures, WIDGET);

async function runMinute(page) {
  await page.getByRole('button', { name: 'Run to 60 s' }).click();
  await page.waitForFunction((w) => document.querySelector(w).measures.time_s >= 60 &&
    !document.querySelector(w).querySelector('[data-control="run"]').disabled, WIDGET, { timeout: TIMEOUT.job });
  return measures(page);
}

test('tuned, both integrators follow the head; a perturbed ring loses the heading', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/hd-duel`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });

  let m = await runMinute(page);
  assert.equal(m.epsilon, 0);
  assert.ok(Math.abs(m.time_s - 60) < 1e-6, `time ${m.time_s}`);
  assert.ok(m.ring_error_deg < 1, `tuned ring error ${m.ring_error_deg}`);
  assert.ok(m.oscillator_error_deg < 1, `tuned oscillator error ${m.oscillator_error_deg}`);
  // The head really turned: the velocity input is not zero.
  assert.ok((await page.evaluate((w) => document.querySelector(w).model.history.truth.some((h) => Math.abs(h - 180) < 90), WIDGET)));

  // Perturb both networks from the keyboard; the run goes on from where it was.
  const slider = page.getByLabel('Perturbation ε', { exact: true });
  await slider.focus();
  for (let i = 0; i < 6; i++) {
    const before = await page.evaluate((w) => document.querySelector(w).model.params.epsilon, WIDGET);
    await slider.press('PageUp');
    await page.waitForFunction(([w, old]) => document.querySelector(w).model.params.epsilon !== old, [WIDGET, before]);
  }
  // The measures follow the setting once the perturbed networks are built.
  m = await (await page.waitForFunction((w) => {
    const element = document.querySelector(w);
    return element.measures.epsilon === element.model.params.epsilon && element.measures;
  }, WIDGET)).jsonValue();
  assert.ok(m.epsilon > 0.005 && m.epsilon < 0.05, `epsilon ${m.epsilon}`);
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.waitForFunction((w) => document.querySelector(w).measures.time_s === 0, WIDGET);
  m = await runMinute(page);
  assert.ok(m.ring_error_deg > 5, `perturbed ring error after a minute ${m.ring_error_deg}`);
  assert.ok(m.ring_rms_error_deg > 2, `perturbed ring rms error ${m.ring_rms_error_deg}`);
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /After 60\.0 s .* the ring is [\d.]+ degrees off, the oscillators [\d.]+ degrees/);

  // Data export: one row per 10 ms, every number finite.
  await page.locator(`${WIDGET} [data-control="export"] summary`).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Data (CSV)' }).click()]);
  const lines = fs.readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
  assert.equal(lines[0], 'time_s,true_heading_deg,ring_heading_deg,oscillator_heading_deg,ring_error_deg,oscillator_error_deg');
  assert.equal(lines.length, 1 + 6001);
  assert.ok(lines.slice(1).every((line) => line.split(',').every((cell) => Number.isFinite(Number(cell)))));
  await page.locator(`${WIDGET} [data-control="export"] summary`).click();
  const [svgFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'errors (SVG)' }).click()]);
  assert.ok(fs.readFileSync(await svgFile.path(), 'utf8').startsWith('<?xml'));

  await page.screenshot({ path: path.join(artifactsDir, 'hd-duel.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('at rest with noise the oscillators\' heading diffuses; a long run can be stopped; the same settings give the same numbers', { timeout: TIMEOUT.test }, async () => {
  const results = [];
  for (let i = 0; i < 2; i++) {
    const { page, problems } = await site.newPage();
    await page.goto(`${site.url}#/playground/hd-duel?profile=rest&noise=0.2`);
    await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
    await page.getByRole('button', { name: 'Step' }).click();
    await page.waitForFunction((w) => document.querySelector(w).measures.time_s >= 1, WIDGET, { timeout: TIMEOUT.job });
    results.push(await measures(page));
    if (i === 1) {
      await page.getByRole('button', { name: 'Run to 60 s' }).click();
      await page.waitForFunction((w) => document.querySelector(w).measures.time_s >= 6, WIDGET, { timeout: TIMEOUT.job });
      await page.getByRole('button', { name: 'Stop' }).click();
      await page.waitForFunction((w) => !document.querySelector(w).querySelector('[data-control="run"]').disabled, WIDGET, { timeout: TIMEOUT.job });
      const stopped = await measures(page);
      assert.ok(stopped.time_s < 60, `stopped at ${stopped.time_s}`);
      await framesPass(page);
      assert.equal((await measures(page)).time_s, stopped.time_s, 'nothing runs after Stop');
      assert.equal(stopped.velocity_deg_per_s, 0);
      // Without input the true heading stays 0, but noise moves the stored phase difference.
      assert.equal(stopped.true_heading_deg, 0);
      assert.ok(stopped.oscillator_error_deg > 0.1, `oscillator error at rest with noise ${stopped.oscillator_error_deg}`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
  assert.deepEqual(results[0], results[1]);
});

test('detuned oscillators: tuned, the phase difference drifts at Δω; perturbed, runs at rest bracket an edge of the locking tongue', { timeout: TIMEOUT.test }, async () => {
  let { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/hd-duel?profile=rest&n=64&delta_omega=0.2`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  const readout = (name) => page.locator(`${WIDGET} [data-measure="${name}"]`);

  // Uncoupled, each oscillator keeps its frequency: the phase difference runs at Δω, 12 rad in a minute.
  let m = await runMinute(page);
  assert.equal(m.delta_omega, 0.2);
  assert.ok(Math.abs(m.oscillator_drift_rad_per_s - 0.2) < 0.002, `mean drift ${m.oscillator_drift_rad_per_s}`);
  assert.ok(Math.abs(m.oscillator_recent_drift_rad_per_s - 0.2) < 0.002, `recent drift ${m.oscillator_recent_drift_rad_per_s}`);
  assert.equal(m.oscillator_phase_slips, Math.trunc((60 * 0.2) / (2 * Math.PI)));
  await untilText(readout('oscillator_locked'), 'drifting');
  await untilText(readout('tongue_gap_rad_per_s'), 'locked at Δω = —; drifted at 0.2');
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /Δω = 0\.2 rad\/s.* slipped 1 whole turn\./);

  assert.deepEqual(problems, []);
  await page.close();

  // Perturbed with ε = 0.212 (seed 1): Δω = 0.13 rad/s locks within a minute, one slider step
  // further (0.135) drifts, as the native lesson claims measure.
  ({ page, problems } = await site.newPage());
  await page.goto(`${site.url}#/playground/hd-duel?profile=rest&n=64&epsilon=0.212&delta_omega=0.13`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  const deltaOmega = page.getByLabel('Frequency difference Δω', { exact: true });
  await untilText(readout('tongue_gap_rad_per_s'), 'none yet');
  m = await runMinute(page);
  assert.ok(Math.abs(m.oscillator_recent_drift_rad_per_s) < 0.005, `locked drift ${m.oscillator_recent_drift_rad_per_s}`);
  await untilText(readout('oscillator_locked'), 'locked (at rest)');
  assert.equal(m.oscillator_phase_slips, 0);

  await deltaOmega.focus();
  await deltaOmega.press('ArrowRight');
  await page.waitForFunction((w) => {
    const element = document.querySelector(w);
    return element.measures.delta_omega === 0.135 && element.measures.time_s === 0;
  }, WIDGET, { timeout: TIMEOUT.ui });
  m = await runMinute(page);
  assert.ok(Math.abs(m.oscillator_recent_drift_rad_per_s) >= 0.005, `drifting ${m.oscillator_recent_drift_rad_per_s}`);
  await untilText(readout('oscillator_locked'), 'drifting');
  await untilText(readout('tongue_gap_rad_per_s'), 'locked at Δω = 0.13; drifted at 0.135; edge within 0.005 rad/s');
  m = await measures(page);
  assert.ok(Math.abs(m.tongue_gap_rad_per_s - 0.005) < 1e-12, `gap ${m.tongue_gap_rad_per_s}`);
  assert.equal(m.locked_runs, 1);
  assert.equal(m.drifting_runs, 1);

  assert.deepEqual(problems, []);
  await page.close();
});

test('the tongue map: stopped and resumed, every row locks one interval of Δω, and the interval widens with ε', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/hd-duel?profile=rest&n=64`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  const status = page.locator(`${WIDGET} [data-role="scan-status"]`);

  await page.getByRole('button', { name: 'Map the tongue' }).click();
  await page.waitForFunction((w) => document.querySelector(w).measures.map_cells_measured >= 20, WIDGET, { timeout: TIMEOUT.job });
  await page.getByRole('button', { name: 'Stop' }).click();
  const stoppedText = await untilText(status, /^Tongue map stopped after \d+ cells; Map the tongue resumes it\.$/, { timeout: TIMEOUT.job });
  const stoppedAt = Number(stoppedText.match(/after (\d+) cells/)[1]);
  assert.ok(stoppedAt >= 20 && stoppedAt < 186, `stopped after ${stoppedAt} cells`);
  await framesPass(page);
  assert.equal((await measures(page)).map_cells_measured, stoppedAt, 'nothing is measured after Stop');

  await page.getByRole('button', { name: 'Map the tongue' }).click();
  await untilText(status, /^Tongue map done: \d+ of 186 cells locked\.$/, { timeout: TIMEOUT.job });
  const { locked, columns } = await page.evaluate((w) => {
    const element = document.querySelector(w);
    return { locked: element.model.tongueMap.locked, columns: 31 };
  }, WIDGET);
  let previous = 0;
  for (let row = 0; row < locked.length / columns; row++) {
    const cells = locked.slice(row * columns, (row + 1) * columns);
    const first = cells.indexOf(true);
    const last = cells.lastIndexOf(true);
    assert.ok(first >= 0, `row ${row} locks somewhere`);
    assert.ok(cells.slice(first, last + 1).every(Boolean), `row ${row}: the locked cells form one interval`);
    assert.ok(last - first + 1 >= previous, `row ${row}: the tongue does not narrow as ε grows`);
    previous = last - first + 1;
  }
  // The map in words for a screen reader: one locked interval per perturbation.
  const label = await page.locator(`${WIDGET} canvas`).nth(2).getAttribute('aria-label');
  assert.match(label, /^Tongue map at perturbation seed 1; ε 0\.05: locked from Δω = -?[\d.]+ to -?[\d.]+ rad\/s;.*ε 0\.3: locked from/);
  assert.deepEqual(problems, []);
  await page.locator(`${WIDGET} canvas`).nth(2).screenshot({ path: path.join(artifactsDir, 'hd-duel-tongue-map.png') });
  await page.close();
});
