// The line-attractor widget on its playground page, in a real Chromium with the real
// WebAssembly module in its worker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifactsDir, openSite, parseReadout } from './browser.mjs';

let site;
before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

const WIDGET = 'al-line';

async function readout(page, key) {
  return parseReadout(await page.locator(`${WIDGET} [data-measure="${key}"]`).innerText());
}

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

test('the widget holds the value when tuned, and drifts at the predicted rate when perturbed from the keyboard', { timeout: 90000 }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/line`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: 15000 });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction((w) => document.querySelector(w).measures.measured_drift_rate_per_s !== null, WIDGET, { timeout: 20000 });

  assert.ok(Math.abs((await readout(page, 'remembered_value')) - 1) < 1e-3);
  assert.ok(Math.abs(await readout(page, 'measured_drift_rate_per_s')) < 1e-6);
  assert.equal(await readout(page, 'predicted_drift_rate_per_s'), 0);
  assert.ok((await pixelsNear(page, [0x00, 0x72, 0xb2])) > 200, 'the remembered-value curve is drawn');

  // Move the epsilon slider with the keyboard, as a person would: each press commits a value.
  const slider = page.getByLabel('Perturbation ε', { exact: true });
  await slider.focus();
  for (let i = 0; i < 84; i++) await slider.press('ArrowRight');
  await page.waitForFunction((w) => document.querySelector(w).measures.epsilon > 0.01, WIDGET);
  const epsilon = await page.evaluate((w) => document.querySelector(w).measures.epsilon, WIDGET);
  assert.ok(epsilon > 0.01 && epsilon < 0.05, `epsilon ${epsilon}`);
  assert.match(page.url(), /epsilon=0\.0\d+/, 'the URL carries the new setting');

  await page.waitForFunction((w) => {
    const m = document.querySelector(w).measures;
    return m.measured_drift_rate_per_s !== null && Math.abs(m.measured_drift_rate_per_s) > 1e-4;
  }, WIDGET, { timeout: 20000 });
  const measured = await readout(page, 'measured_drift_rate_per_s');
  const predicted = await readout(page, 'predicted_drift_rate_per_s');
  assert.ok(Math.abs(predicted) > 1e-3, `predicted drift ${predicted}`);
  assert.ok(Math.abs(measured - predicted) <= 0.05 * Math.abs(predicted), `measured ${measured} vs predicted ${predicted}`);
  assert.ok((await pixelsNear(page, [0xd5, 0x5e, 0x00])) > 50, 'the dashed prediction is drawn');
  assert.match(await page.locator(`${WIDGET} [data-role="description"]`).innerText(), /halves every|doubles every/);

  await page.screenshot({ path: path.join(artifactsDir, 'line-widget.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('invalid input is reported next to its control and the widget keeps running', { timeout: 60000 }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/line?n=abc&bogus=1`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: 15000 });
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
  assert.equal(await fieldError.innerText(), 'Neurons N must be a whole number from 2 to 1024.');
  assert.equal(await neurons.inputValue(), '64', 'the field shows the network that still runs');
  await page.getByRole('button', { name: 'Play' }).click();
  const before = await page.evaluate((w) => document.querySelector(w).measures.time_s, WIDGET);
  await page.waitForFunction(([w, t]) => document.querySelector(w).measures.time_s > t + 0.5, [WIDGET, before], { timeout: 10000 });

  // A valid size rebuilds the network, and the error goes away.
  await neurons.fill('16');
  await neurons.press('Enter');
  await page.waitForFunction((w) => document.querySelector(w).model.params.n === 16, WIDGET);
  assert.equal(await fieldError.innerText(), '');
  assert.match(page.url(), /n=16/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the URL restores the same numbers', { timeout: 60000 }, async () => {
  const query = 'v=1&epsilon=0.03&perturbation_seed=7&n=32&seed=3';
  const eigenvalues = [];
  for (let i = 0; i < 2; i++) {
    const { page, problems } = await site.newPage();
    await page.goto(`${site.url}#/playground/line?${query}`);
    await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: 15000 });
    eigenvalues.push(await page.evaluate((w) => document.querySelector(w).measures.memory_eigenvalue, WIDGET));
    assert.deepEqual(problems, []);
    await page.close();
  }
  assert.equal(eigenvalues[0], eigenvalues[1]);
  assert.notEqual(eigenvalues[0], 1, 'the perturbation moved the eigenvalue');
});
