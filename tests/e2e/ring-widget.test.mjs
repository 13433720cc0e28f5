// The ring-attractor widget on its playground page, in a real Chromium with the real WebAssembly
// module in its worker: operated with the keyboard and buttons as a student would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT, untilText } from './wait.mjs';

const site = useSite();

const WIDGET = 'al-ring';
const measures = (page) => page.evaluate((w) => document.querySelector(w).measures, WIDGET);
const circularGap = (a, b) => Math.abs(((a - b + 540) % 360) - 180);

// Presses a key on a slider once per step, each time waiting until the widget has taken the
// new value, so no press is lost while the model is busy.
async function pressEach(page, locator, key, times) {
  await locator.focus();
  const param = await locator.getAttribute('data-param');
  for (let i = 0; i < times; i++) {
    const before = await page.evaluate(([w, name]) => document.querySelector(w).model.params[name], [WIDGET, param]);
    await locator.press(key);
    await page.waitForFunction(([w, name, old]) => document.querySelector(w).model.params[name] !== old, [WIDGET, param, before]);
  }
}

// Waits until the measured drift covers a full window that starts after `since` (model seconds).
async function settledMeasures(page, since) {
  await page.waitForFunction(([w, t]) => {
    const m = document.querySelector(w).measures;
    return m.drift_deg_per_s !== null && m.time_s > t + 1.2 && m.drift_reference_time_s !== null && m.drift_reference_time_s <= m.time_s - 1;
  }, [WIDGET, since], { timeout: TIMEOUT.job });
  return measures(page);
}

test('tuned, the bump holds its angle; perturbed, it drifts to a stable fixed point; with input it moves at the commanded speed', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/ring`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  await page.locator(`${WIDGET} [data-control="speed"]`).selectOption('10');
  await page.getByRole('button', { name: 'Play' }).click();

  // Tuned: a continuum of fixed points, so the bump stays where it was cued.
  let m = await settledMeasures(page, 0);
  assert.equal(m.epsilon, 0);
  assert.ok(Math.abs(m.drift_deg_per_s) < 0.01, `tuned drift ${m.drift_deg_per_s}`);
  assert.ok(circularGap(m.bump_deg, 90) < 0.05, `bump ${m.bump_deg}`);
  assert.equal(m.fixed_point_count, 0, 'a tuned ring has no isolated fixed points');
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /holding its angle/);

  // Perturb from the keyboard (log slider) and cue the bump at 120 degrees.
  const epsilonSlider = page.getByLabel('Perturbation ε', { exact: true });
  await pressEach(page, epsilonSlider, 'PageUp', 7);
  await pressEach(page, epsilonSlider, 'ArrowRight', 4);
  await page.waitForFunction((w) => document.querySelector(w).measures.epsilon > 0.03, WIDGET);
  await pressEach(page, page.getByLabel('Cue angle', { exact: true }), 'PageUp', 1);
  await page.waitForFunction((w) => document.querySelector(w).model.params.cue_deg > 110, WIDGET);
  await page.getByRole('button', { name: 'Cue the bump' }).click();
  const cuedAt = (await measures(page)).time_s;
  m = await settledMeasures(page, cuedAt);
  assert.ok(m.epsilon > 0.03 && m.epsilon < 0.08, `epsilon ${m.epsilon}`);
  assert.ok(m.fixed_point_count >= 1, `stable fixed points ${m.fixed_point_count}`);
  // On a circle, stable and unstable zeros of the drift alternate.
  assert.equal(m.unstable_fixed_point_count, m.fixed_point_count);
  assert.ok(Math.abs(m.drift_deg_per_s) > 0.5, `perturbed drift ${m.drift_deg_per_s}`);
  assert.equal(Math.sign(m.drift_deg_per_s), Math.sign(m.predicted_drift_deg_per_s), 'drifts the way the profile says');
  assert.ok(m.profile_rms_drift_deg_per_s > 1, `profile rms ${m.profile_rms_drift_deg_per_s}`);
  const target = m.nearest_fixed_point_deg;
  assert.notEqual(target, null);

  // It ends on that stable fixed point and stops.
  await page.waitForFunction(([w, t]) => {
    const now = document.querySelector(w).measures;
    const gap = Math.abs(((now.bump_deg - t + 540) % 360) - 180);
    return gap < 2 && now.drift_deg_per_s !== null && Math.abs(now.drift_deg_per_s) < 0.5;
  }, [WIDGET, target], { timeout: TIMEOUT.job });
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /collapsed onto \d+ stable fixed point/);

  // Back to tuned (the slider's first position is exactly 0), then turn at 90 degrees per second.
  await epsilonSlider.focus();
  await epsilonSlider.press('Home');
  await page.waitForFunction((w) => document.querySelector(w).measures.epsilon === 0, WIDGET);
  await pressEach(page, page.getByLabel('Angular velocity', { exact: true }), 'ArrowRight', 18);
  await page.waitForFunction((w) => document.querySelector(w).measures.velocity_deg_per_s === 90, WIDGET);
  m = await settledMeasures(page, (await measures(page)).time_s);
  assert.ok(Math.abs(m.bump_speed_deg_per_s - 90) < 0.5, `bump speed ${m.bump_speed_deg_per_s} for a command of 90`);
  assert.ok(Math.abs(m.drift_deg_per_s) < 0.5, `drift under velocity input ${m.drift_deg_per_s}`);
  await page.getByRole('button', { name: 'Pause' }).click();

  await page.screenshot({ path: path.join(artifactsDir, 'ring.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the same settings give the same numbers, and exports parse', { timeout: TIMEOUT.test }, async () => {
  const query = 'epsilon=0.05&perturbation_seed=3&cue_deg=200&noise=0.1&seed=4&n=64';
  const runs = [];
  for (let i = 0; i < 2; i++) {
    const { page, problems } = await site.newPage();
    await page.goto(`${site.url}#/playground/ring?${query}`);
    await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
    const step = page.getByRole('button', { name: 'Step' });
    for (let k = 0; k < 4; k++) {
      await step.click();
      await page.waitForFunction(([w, t]) => document.querySelector(w).measures.time_s > t, [WIDGET, (k + 1) * 0.25 - 0.01]);
    }
    runs.push(await measures(page));
    if (i === 1) {
      await page.locator(`${WIDGET} [data-control="export"] summary`).click();
      const download = async (name) => {
        const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name }).click()]);
        if (name !== 'Data (CSV)') await page.locator(`${WIDGET} [data-control="export"] summary`).click();
        return fs.readFileSync(await file.path(), 'utf8');
      };
      const svg = await download('drift-profile (SVG)');
      assert.ok(svg.startsWith('<?xml'), 'the SVG starts with an XML declaration');
      const csv = await download('Data (CSV)');
      const lines = csv.trim().split(/\r?\n/);
      assert.equal(lines[0], 'time_s,bump_deg,commanded_deg,tracking_error_deg');
      assert.ok(lines.length > 900, `CSV rows ${lines.length}`);
      assert.ok(lines.slice(1).every((line) => line.split(',').every((cell) => Number.isFinite(Number(cell)))));
      await page.locator(`${WIDGET} [data-control="export"] summary`).click();
      const json = JSON.parse(await download('Data and settings (JSON)'));
      assert.equal(json.widget, 'ring');
      assert.equal(json.params.epsilon, 0.05);
      assert.equal(json.fixed_points.filter((p) => p.stable).length, json.measures.fixed_point_count);
      assert.ok(json.drift_profile.length >= 180);
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
  assert.deepEqual(runs[0], runs[1]);
  assert.ok(runs[0].time_s >= 0.999 && runs[0].time_s < 1.01);
});
