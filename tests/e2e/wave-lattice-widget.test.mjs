// The wave-lattice widget on its playground page, in Chromium with the real WebAssembly module:
// the input comes back after s steps, the spectrum sits on the roots of unity, and a trained RNN
// finds them too, matched one to one and against the same network untrained, with Phi beside the lattice's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT, until, untilText } from './wait.mjs';

const site = useSite();

const WIDGET = 'al-wave-lattice';
const measuresOf = (page) => page.evaluate((w) => document.querySelector(w).measures, WIDGET);

async function download(page, itemName) {
  const menu = page.locator(`${WIDGET} .al-export`);
  if (!(await menu.evaluate((details) => details.open))) await menu.locator('summary').click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('menuitem', { name: itemName, exact: true }).click(),
  ]);
  return fs.readFileSync(await file.path(), 'utf8');
}

test('repeat-copy reproduces a typed input after s steps; the spectrum is the s-th roots of unity; lagged copy is not', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/wave-lattice`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });

  // s = 4 and d = 2 with the keyboard.
  const lag = page.getByLabel('Columns s (lag)', { exact: true });
  await lag.focus();
  for (let i = 0; i < 4; i++) await lag.press('ArrowLeft');
  const dims = page.getByLabel('Rows d (dimension)', { exact: true });
  await dims.focus();
  await dims.press('ArrowLeft');
  await page.waitForFunction((w) => document.querySelector(w).measures.s === 4 && document.querySelector(w).measures.d === 2, WIDGET);
  let m = await measuresOf(page);
  assert.equal(m.eigenvalue_count, 8);
  assert.ok(Math.abs(m.spectral_radius - 1) < 1e-9, `radius ${m.spectral_radius}`);
  // The lattice's own Phi (s = 4): the cyclic block shift, 3 of its 4 identity blocks above the
  // diagonal and the fourth in block column 0.
  const latticePhi = page.getByRole('img', { name: /Heatmap of the lattice's Φ/ });
  await until(() => latticePhi.getAttribute('aria-label'), (label) => /8 by 8: 75% .* block shift above the diagonal, 25% in the boundary block column 0, 0% elsewhere/.test(label),
    "the lattice's Φ for s = 4");
  assert.ok(m.roots_of_unity_max_error_deg < 1e-6, 'repeat-copy: every eigenvalue a 4th root of unity');

  const input = [[1, -1], [-1, 1], [1, 1], [-1, -1]];
  await page.getByLabel(/Your own input/).fill(input.map((x) => x.join(' ')).join('; '));
  await page.getByRole('button', { name: 'Use this input' }).click();
  await page.waitForFunction((w) => document.querySelector(w).measures.input_source === 'typed', WIDGET);
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let t = 0; t < 4; t++) await step.click();
  await page.waitForFunction((w) => document.querySelector(w).measures.time_step === 4, WIDGET);
  m = await measuresOf(page);
  assert.equal(m.recall_error, null, 'no recall while the input is written');
  assert.deepEqual(m.output, input[3]);
  for (let t = 4; t < 12; t++) {
    await step.click();
    await page.waitForFunction(([w, n]) => document.querySelector(w).measures.time_step === n, [WIDGET, t + 1]);
    m = await measuresOf(page);
    assert.equal(m.phase, 'generating');
    assert.deepEqual(m.output, input[t % 4], `step ${t}: the input of step ${t % 4} comes back`);
  }
  assert.equal(m.recall_error, 0);

  // The keyboard cursor on the kymograph moves the one on the output plot and reads the step out.
  const kymograph = page.getByRole('img', { name: /Kymograph of the lattice/ });
  await kymograph.focus();
  await kymograph.press('Home');
  for (let i = 0; i < 10; i++) await kymograph.press('ArrowRight');
  await untilText(page.locator(`${WIDGET} .al-cursor`).first(), /^t = [0-9]+: xₜ = /);

  const csv = (await download(page, 'Data (CSV)')).trim().split(/\r?\n/);
  assert.equal(csv[0], 't,x_1,x_2,target_1,target_2,error');
  assert.equal(csv.length, 1 + 12);
  assert.ok((await download(page, 'kymograph (SVG)')).startsWith('<?xml'));
  await page.screenshot({ path: path.join(artifactsDir, 'wave-lattice.png'), fullPage: true });

  // Lagged copy, d = 2, s = 4: dimension 1 repeats with lag 3. Its eigenvalues are the cube roots
  // of unity and a zero, so two of the eight lie 30 degrees from the nearest 4th root.
  await page.getByLabel('Task (boundary rule)', { exact: true }).selectOption('lagged_copy');
  await page.waitForFunction((w) => document.querySelector(w).measures.rule === 'lagged_copy', WIDGET);
  m = await measuresOf(page);
  assert.ok(Math.abs(m.roots_of_unity_max_error_deg - 30) < 1e-6, `largest angle ${m.roots_of_unity_max_error_deg}`);
  assert.ok(Math.abs(m.roots_of_unity_error_deg - 60 / 8) < 1e-6, `mean angle ${m.roots_of_unity_error_deg}`);

  // Fibonacci, rescaled: the largest eigenvalue has modulus 1; there is no training task for it.
  await page.getByLabel('Task (boundary rule)', { exact: true }).selectOption('fibonacci');
  await page.waitForFunction((w) => document.querySelector(w).measures.rule === 'fibonacci', WIDGET);
  m = await measuresOf(page);
  assert.ok(Math.abs(m.spectral_radius - 1) < 1e-9);
  assert.equal(m.rnn_steps, null);
  const train = page.getByRole('button', { name: 'Train an RNN on this task' });
  await until(() => train.isDisabled(), (disabled) => disabled, 'Train an RNN to be disabled for Fibonacci');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction((w) => document.querySelector(w).measures.time_step >= 8, WIDGET, { timeout: TIMEOUT.ui });
  await page.getByRole('button', { name: 'Pause' }).click();
  m = await measuresOf(page);
  assert.ok(m.recall_error < 1e-12, `the lattice obeys the rescaled recursion: ${m.recall_error}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an RNN trained on repeat-copy moves its eigenvalues onto the roots of unity, matched one to one and against the untrained network', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/wave-lattice`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  assert.equal((await measuresOf(page)).rnn_steps, 0);
  assert.equal((await measuresOf(page)).rnn_matched_error, null);
  const phiAfter = page.getByRole('img', { name: /Φ after training|Heatmap of Φ after/ });
  assert.match(await phiAfter.getAttribute('aria-label'), /not trained yet/);
  await page.getByRole('button', { name: 'Train an RNN on this task' }).click();
  await page.waitForFunction((w) => {
    const m = document.querySelector(w).measures;
    return m.rnn_steps > 0 && !m.rnn_training;
  }, WIDGET, { timeout: TIMEOUT.job });
  const m = await measuresOf(page);
  // s = 8, d = 3, 64 units: a random W sits about a quarter of the 45-degree spacing from the
  // roots; training brings the 24 leading eigenvalues close to them.
  assert.equal(m.s, 8);
  assert.ok(m.rnn_roots_error_deg_untrained > 5, `untrained ${m.rnn_roots_error_deg_untrained}`);
  assert.ok(m.rnn_roots_error_deg < 2, `trained ${m.rnn_roots_error_deg}`);
  assert.ok(m.rnn_loss < 0.05, `loss ${m.rnn_loss}`);
  // The matched error: a random W's eigenvalues are far from the 24 roots (each 8th root 3 times);
  // the trained W's are much closer, and at most as far as the largest pair.
  assert.ok(m.rnn_matched_error_untrained > 0.1, `untrained matched ${m.rnn_matched_error_untrained}`);
  assert.ok(m.rnn_matched_error < m.rnn_matched_error_untrained / 5, `trained matched ${m.rnn_matched_error}`);
  assert.ok(m.rnn_matched_error <= m.rnn_matched_max_error);
  // A mean distance is at least the mean gap in modulus: | |λ| − 1 | <= |λ − μ| for |μ| = 1.
  assert.ok(m.rnn_matched_error >= Math.abs(m.rnn_mean_modulus - 1) - 1e-12, `modulus ${m.rnn_mean_modulus}`);
  assert.ok(m.rnn_boundary_fraction > m.rnn_boundary_fraction_untrained, `boundary ${m.rnn_boundary_fraction_untrained} -> ${m.rnn_boundary_fraction}`);
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /RNN trained for 600 steps.*matched one to one/);
  await untilText(page.locator(`${WIDGET} .al-rnn-panel .al-cursor`), /Matched one to one with the lattice's 24 nonzero eigenvalues: mean distance [0-9.]+ .*before training: [0-9.]+/);
  await until(() => phiAfter.getAttribute('aria-label'), (label) => /^Heatmap of Φ after 600 training steps: .*boundary fraction/.test(label), 'the trained Φ described');
  const plane = page.getByRole('img', { name: /eigenvalues of the RNN's W after 600 training steps/ });
  await until(() => plane.getAttribute('aria-label'), (label) => /the same W before training \(matched error [0-9.]+\) as hollow grey points/.test(label),
    'the untrained eigenvalues drawn beside the trained ones');
  const phiBefore = page.getByRole('img', { name: /Heatmap of Φ of the network before training/ });
  assert.match(await phiBefore.getAttribute('aria-label'), /block shift above the diagonal/);

  const json = JSON.parse(await download(page, 'Data and settings (JSON)'));
  assert.equal(json.lattice_phi.length, 24 * 24);
  assert.equal(json.rnn.phi.length, 24 * 24);
  assert.equal(json.rnn.untrained.phi.length, 24 * 24);
  assert.equal(json.rnn.matched_error.mean, m.rnn_matched_error);
  assert.equal(json.rnn.untrained.matched_error.mean, m.rnn_matched_error_untrained);
  assert.ok((await download(page, 'phi-trained (SVG)')).startsWith('<?xml'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('with fewer hidden units than the lattice has modes there is no matched error, and the panel says why', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/wave-lattice`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  // d = 3, s = 8: 24 modes; 16 units cannot give each its own eigenvalue.
  const hidden = page.getByLabel('RNN hidden units', { exact: true });
  await hidden.fill('16');
  await hidden.press('Enter');
  await page.waitForFunction((w) => document.querySelector(w).model.params.rnn_hidden === 16, WIDGET);
  const steps = page.getByLabel('Training steps per press', { exact: true });
  await steps.focus();
  await steps.press('Home');
  await page.waitForFunction((w) => document.querySelector(w).model.params.rnn_steps === 100, WIDGET);
  await page.getByRole('button', { name: 'Train an RNN on this task' }).click();
  await untilText(page.locator(`${WIDGET} .al-rnn-panel .al-cursor`),
    /^100 steps trained.*No matched error: the lattice has 24 nonzero eigenvalues and W only 16; pairing each with its own eigenvalue of W needs at least 24 hidden units\.$/s,
    { timeout: TIMEOUT.job });
  const m = await measuresOf(page);
  assert.equal(m.rnn_matched_error, null);
  assert.equal(m.rnn_matched_error_untrained, null);
  assert.ok(Number.isFinite(m.rnn_roots_error_deg), 'the angle error is still measured');
  assert.ok(Number.isFinite(m.rnn_boundary_fraction), 'Phi is still computed');
  assert.deepEqual(problems, []);
  await page.close();
});
