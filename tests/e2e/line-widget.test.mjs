// The line-attractor widget on its playground page, in a real Chromium with the real
// WebAssembly module in its worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT, until, untilReadout, untilText, untilUrl } from './wait.mjs';

const site = useSite();

const WIDGET = 'al-line';

// Counts canvas pixels close to a colour, to tell a drawn curve from a blank plot.
async function pixelsNear(page, [r, g, b]) {
  return page.locator(`${WIDGET} canvas`).first().evaluate((canvas, target) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - target[0]) + Math.abs(data[i + 1] - target[1]) + Math.abs(data[i + 2] - target[2]) < 60) count++;
    }
    return count;
  }, [r, g, b]);
}

test('the widget holds the value when tuned, and drifts at the predicted rate when perturbed from the keyboard', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/line`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction((w) => document.querySelector(w).measures.measured_drift_rate_per_s !== null, WIDGET, { timeout: TIMEOUT.job });

  const known = (v) => v !== null;
  assert.ok(Math.abs((await untilReadout(page, WIDGET, 'remembered_value', known)) - 1) < 1e-3);
  assert.ok(Math.abs(await untilReadout(page, WIDGET, 'measured_drift_rate_per_s', known)) < 1e-6);
  assert.equal(await untilReadout(page, WIDGET, 'predicted_drift_rate_per_s', known), 0);
  await until(() => pixelsNear(page, [0x00, 0x72, 0xb2]), (count) => count > 200, 'the remembered-value curve to be drawn');

  // Move the epsilon slider with the keyboard, as a person would: each press commits a value.
  const slider = page.getByLabel('Perturbation ε', { exact: true });
  await slider.focus();
  for (let i = 0; i < 84; i++) await slider.press('ArrowRight');
  await page.waitForFunction((w) => document.querySelector(w).measures.epsilon > 0.01, WIDGET);
  const epsilon = await page.evaluate((w) => document.querySelector(w).measures.epsilon, WIDGET);
  assert.ok(epsilon > 0.01 && epsilon < 0.05, `epsilon ${epsilon}`);
  await untilUrl(page, /epsilon=0\.0\d+/);

  await page.waitForFunction((w) => {
    const m = document.querySelector(w).measures;
    return m.measured_drift_rate_per_s !== null && Math.abs(m.measured_drift_rate_per_s) > 1e-4;
  }, WIDGET, { timeout: TIMEOUT.job });
  // The page shows the perturbed network's drift, measured and predicted.
  const measured = await untilReadout(page, WIDGET, 'measured_drift_rate_per_s', (v) => v !== null && Math.abs(v) > 1e-4);
  const predicted = await untilReadout(page, WIDGET, 'predicted_drift_rate_per_s', (v) => v !== null && Math.abs(v) > 1e-3);
  assert.ok(Math.abs(measured - predicted) <= 0.05 * Math.abs(predicted), `measured ${measured} vs predicted ${predicted}`);
  await until(() => pixelsNear(page, [0xd5, 0x5e, 0x00]), (count) => count > 50, 'the dashed prediction to be drawn');
  await untilText(page.locator(`${WIDGET} [data-role="description"]`), /halves every|doubles every/);

  await page.screenshot({ path: path.join(artifactsDir, 'line-widget.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('invalid input is reported next to its control and the widget keeps running', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/line?n=abc&bogus=1`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
  // Bad URL settings: the widget starts with defaults and says what was wrong and what is allowed.
  const notices = await page.locator(`${WIDGET} .al-notices li`).allInnerTexts();
  assert.equal(notices.length, 2);
  assert.match(notices[0], /Neurons N \(n\) = "abc" must be a whole number from 2 to 1024; using the default 64/);
  assert.match(notices[1], /"bogus" is not a setting of the line widget/);
  assert.equal(await page.evaluate((w) => document.querySelector(w).model.params.n, WIDGET), 64);

  const neurons = page.getByLabel('Neurons N', { exact: true });
  await neurons.fill('5000');
  await neurons.press('Enter');
  const fieldError = page.locator(`${WIDGET} [data-field="n"] .al-control-error`);
  await untilText(fieldError, 'Neurons N must be a whole number from 2 to 1024.');
  // The field shows the network that still runs.
  await until(() => neurons.inputValue(), (value) => value === '64', 'the field to show 64 again');
  await page.getByRole('button', { name: 'Play' }).click();
  const before = await page.evaluate((w) => document.querySelector(w).measures.time_s, WIDGET);
  await page.waitForFunction(([w, t]) => document.querySelector(w).measures.time_s > t + 0.5, [WIDGET, before], { timeout: TIMEOUT.ui });

  // A valid size rebuilds the network, and the error goes away.
  await neurons.fill('16');
  await neurons.press('Enter');
  await page.waitForFunction((w) => document.querySelector(w).model.params.n === 16, WIDGET);
  await untilText(fieldError, '');
  await untilUrl(page, /n=16/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the URL restores the same numbers', { timeout: TIMEOUT.test }, async () => {
  const query = 'v=1&epsilon=0.03&perturbation_seed=7&n=32&seed=3';
  const eigenvalues = [];
  for (let i = 0; i < 2; i++) {
    const { page, problems } = await site.newPage();
    await page.goto(`${site.url}#/playground/line?${query}`);
    await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ready });
    eigenvalues.push(await page.evaluate((w) => document.querySelector(w).measures.memory_eigenvalue, WIDGET));
    assert.deepEqual(problems, []);
    await page.close();
  }
  assert.equal(eigenvalues[0], eigenvalues[1]);
  assert.notEqual(eigenvalues[0], 1, 'the perturbation moved the eigenvalue');
});
