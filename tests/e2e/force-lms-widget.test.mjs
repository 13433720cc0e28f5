// The FORCE-against-LMS bench on its playground page, in a real Chromium with the real
// WebAssembly module in its worker. Settings are the widget's defaults (N = 200, g = 1, 8 values,
// seed 1), for which EXPERIMENTS.md records FORCE reaching the memory criterion in 8 trials and
// LMS (eta 1e-3) never reaching it, keeping about 2 of 8 values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT, framesPass, untilReadout, untilText, untilUrl } from './wait.mjs';

const site = useSite();

const WIDGET = 'al-force-lms';
const measures = (page) => page.evaluate((w) => document.querySelector(w).measures, WIDGET);

// Presses Step and waits for the trial it started to finish.
async function stepTrial(page) {
  const before = (await measures(page)).trial;
  await page.getByRole('button', { name: 'Step' }).click();
  await page.waitForFunction(([w, t]) => document.querySelector(w).measures.trial === t + 1, [WIDGET, before], { timeout: TIMEOUT.job });
  return measures(page);
}

test('FORCE reaches the memory criterion in a few trials and keeps the earlier fixed points', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/force-lms`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  let m = await measures(page);
  assert.equal(m.trial, 0);
  assert.equal(m.rule, 'force');
  assert.equal(m.trials_to_criterion, null);
  assert.equal(m.values_stored, 0);

  // One trial at a time until every value survives (at most 12: EXPERIMENTS.md records 8).
  let first = null;
  for (let k = 0; k < 12 && m.trials_to_criterion === null; k++) {
    m = await stepTrial(page);
    first ??= m;
    assert.equal(m.values_stored, Math.min(m.trial, 8), 'each trial of the first epoch trains a new value');
    assert.ok(m.last_trial_end_error < 0.05, `trial ${m.trial} ends near its target (|z - c| = ${m.last_trial_end_error})`);
  }
  assert.ok(m.trials_to_criterion !== null && m.trials_to_criterion <= 12, `criterion at ${m.trials_to_criterion}`);
  assert.equal(m.values_survived, 8);
  assert.equal(m.fraction_survived, 1);
  // The fixed-point finder confirms most values as attracting fixed points near c.
  assert.ok(m.fixed_point_survivors >= 5, `fixed-point survivors ${m.fixed_point_survivors}`);
  // FORCE's update barely moves the output at the earlier values' states.
  assert.ok(m.mean_output_change < 0.02, `mean output change ${m.mean_output_change}`);
  await untilText(page.locator(`${WIDGET} [data-measure="trials_to_criterion"]`), String(m.trials_to_criterion));
  await untilReadout(page, WIDGET, 'trial', (trial) => trial === m.trial);
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /criterion was reached at trial \d+/);
  await page.screenshot({ path: path.join(artifactsDir, 'force-lms.png'), fullPage: true });

  // Exports: the survival table as CSV, everything as JSON.
  await page.locator(`${WIDGET} summary`, { hasText: 'Export' }).click();
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Data (CSV)' }).click()]);
  const csv = fs.readFileSync(await csvDownload.path(), 'utf8').trim().split('\n');
  assert.equal(csv.length, 1 + m.trial, 'one row per trial');
  assert.match(csv[0], /^trial,trained_value,survived_c_-1\.000/);
  await page.locator(`${WIDGET} summary`, { hasText: 'Export' }).click();
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Data and settings (JSON)' }).click()]);
  const json = JSON.parse(fs.readFileSync(await jsonDownload.path(), 'utf8'));
  assert.equal(json.widget, 'force-lms');
  assert.equal(json.survival.length, m.trial);
  assert.equal(json.measures.trials_to_criterion, m.trials_to_criterion);
  await page.locator(`${WIDGET} summary`, { hasText: 'Export' }).click();
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'survival (SVG)' }).click()]);
  assert.match(fs.readFileSync(await svgDownload.path(), 'utf8'), /^<\?xml/);

  // Reset: the same network again, no trial run.
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.waitForFunction((w) => document.querySelector(w).measures.trial === 0, WIDGET);
  assert.equal((await measures(page)).trials_to_criterion, null);
  // ... and the same first trial, to the bit.
  const again = await stepTrial(page);
  assert.equal(again.last_value, first.last_value);
  assert.equal(again.last_trial_error, first.last_trial_error);
  assert.equal(again.readout_norm, first.readout_norm);
  assert.deepEqual(problems, []);
  await page.close();
});

test('LMS loses earlier values: play, pause, and interference far above FORCE', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/force-lms`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  await page.getByLabel('Learning rule', { exact: true }).selectOption('lms');
  await page.waitForFunction((w) => document.querySelector(w).measures.rule === 'lms', WIDGET);
  // The free-run check is enough here; the fixed-point search is the slow part of a trial.
  await page.getByLabel('Find fixed points after each trial', { exact: true }).uncheck();
  await page.waitForFunction((w) => document.querySelector(w).model.params.fixed_points === false, WIDGET);
  await untilUrl(page, /rule=lms/);

  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction((w) => document.querySelector(w).measures.trial >= 8, WIDGET, { timeout: TIMEOUT.job });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.waitForFunction((w) => !document.querySelector(w).model.running, WIDGET);
  const m = await measures(page);
  const paused = m.trial;
  assert.equal(m.values_stored, 8);
  assert.equal(m.trials_to_criterion, null);
  assert.ok(m.values_survived <= 3, `LMS keeps ${m.values_survived} of 8`);
  assert.ok(m.values_destroyed >= 5);
  assert.ok(m.mean_output_change_all_trials > 0.05, `LMS interference ${m.mean_output_change_all_trials}`);
  assert.equal(m.fixed_point_survivors, null, 'fixed points were not searched');
  // Play starts the next trial on the next frame: had Pause not stopped it, one would be running
  // or done after these frames.
  await framesPass(page, 60);
  const later = await page.evaluate((w) => ({ trial: document.querySelector(w).measures.trial,
    running: document.querySelector(w).model.running }), WIDGET);
  assert.deepEqual(later, { trial: paused, running: false }, 'pause stops the trials');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the LMS learning rate, moved by keyboard, changes nothing under FORCE', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/force-lms?fixed_points=false`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  const before = await stepTrial(page);
  // 30 presses of the log slider: one decade, from 0.001 to 0.01.
  const slider = page.getByLabel('LMS learning rate η', { exact: true });
  await slider.focus();
  for (let i = 0; i < 30; i++) await slider.press('ArrowRight');
  await page.waitForFunction((w) => {
    const element = document.querySelector(w);
    return element.model.params.eta === 0.01 && element.measures.eta === 0.01 && element.measures.trial === 0;
  }, WIDGET, { timeout: TIMEOUT.ui });
  await untilUrl(page, /eta=0\.01/);
  const after = await stepTrial(page);
  assert.equal(after.readout_norm, before.readout_norm, 'FORCE does not use η');
  assert.equal(after.last_trial_error, before.last_trial_error);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the small learning rate 1e-5 is reachable: LMS at 1e-5 runs a trial', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/force-lms?rule=lms&eta=0.00001&fixed_points=false`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /^LMS \(η = 1\.0e−5\)/);
  const m = await stepTrial(page);
  assert.equal(m.eta, 1e-5);
  assert.ok(Number.isFinite(m.last_trial_error));
  assert.deepEqual(problems, []);
  await page.close();
});

test('values clustered on one side correlate; Run trials runs trial after trial with progress until Stop', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  // LMS, the values in [0.5, 1], no fixed-point search.
  await page.goto(`${site.url}#/playground/force-lms?rule=lms&fixed_points=false&center=0.75&spread=0.25`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /values in \[0\.5, 1\]/);
  const status = page.locator(`${WIDGET} [data-role="trial-status"]`);
  await page.getByRole('button', { name: 'Run 100 trials' }).click();
  await untilText(status, /Running trial \d+ of 100…/);
  await untilReadout(page, WIDGET, 'trial', (trial) => trial >= 10, { timeout: TIMEOUT.job });
  assert.ok(await page.getByRole('button', { name: 'Run 100 trials' }).isDisabled(), 'one run at a time');
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.getByRole('button', { name: 'Run 100 trials' }).and(page.locator(':enabled')).waitFor({ timeout: TIMEOUT.job });
  await untilText(status, /^LMS: \d+ trials run/);
  const stopped = await measures(page);
  assert.ok(stopped.trial >= 10 && stopped.trial < 100, `stopped at trial ${stopped.trial}`);
  const progress = await page.locator(`${WIDGET} progress`).evaluate((p) => p.value);
  assert.ok(Math.abs(progress - stopped.trial / 100) < 1e-9, `progress ${progress} after ${stopped.trial} trials`);
  // Had Stop not ended the run, the next trial would start within these frames.
  await framesPass(page, 60);
  assert.equal((await measures(page)).trial, stopped.trial, 'Stop ends the run');
  // The states of values on one side all point the same way: their correlation is near 1
  // (EXPERIMENTS.md: 0.98 for seeds 1 to 5 at eta = 1e-3).
  await untilReadout(page, WIDGET, 'mean_state_correlation_all_trials', (value) => value > 0.9);
  assert.ok(stopped.mean_state_correlation_all_trials > 0.9, `state correlation ${stopped.mean_state_correlation_all_trials}`);
  assert.equal(stopped.spread, 0.25);
  assert.equal(stopped.center, 0.75);

  // A spread that would take values beyond 1 is refused by name; the trained network stays.
  const spread = page.locator(`${WIDGET} [data-field="spread"] input`);
  await spread.fill('0.5');
  await spread.press('Enter');
  await page.waitForFunction((w) => {
    const error = document.querySelector(w).querySelector('[data-field="spread"] .al-control-error');
    return error !== null && /do not fit together: the values c.*spread can be at most 0\.25/.test(error.textContent);
  }, WIDGET, { timeout: TIMEOUT.ui });
  assert.equal((await measures(page)).trial, stopped.trial, 'the trained network is kept');
  assert.deepEqual(problems, []);
  await page.close();
});
