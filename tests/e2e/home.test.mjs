// The home page in a real Chromium with the real WebAssembly module in its worker.
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

const WIDGET = 'line-attractor-widget';

async function readout(page, key) {
  return parseReadout(await page.locator(`${WIDGET} [data-measure="${key}"]`).innerText());
}

async function waitForMeasuredDrift(page) {
  await page.waitForFunction(
    (selector) => /\d/.test(document.querySelector(`${selector} [data-measure="measured"]`)?.textContent ?? ''),
    WIDGET, { timeout: 15000 });
}

// Counts canvas pixels close to a colour, to tell a drawn curve from a blank plot.
async function pixelsNear(page, [r, g, b]) {
  return page.locator(`${WIDGET} canvas`).evaluate((canvas, target) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - target[0]) + Math.abs(data[i + 1] - target[1]) + Math.abs(data[i + 2] - target[2]) < 60) count++;
    }
    return count;
  }, [r, g, b]);
}

test('the page loads, the widget draws and holds the value, and perturbing makes it drift', { timeout: 60000 }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.url);
  await page.waitForSelector(`${WIDGET}[data-ready]`, { timeout: 15000 });
  await waitForMeasuredDrift(page);

  // Tuned: the value is held, nothing drifts.
  assert.ok(Math.abs((await readout(page, 'remembered')) - 1) < 1e-3);
  assert.ok(Math.abs(await readout(page, 'measured')) < 1e-6);
  assert.equal(await readout(page, 'predicted'), 0);
  assert.ok((await pixelsNear(page, [0x00, 0x72, 0xb2])) > 200, 'the remembered-value curve is drawn');

  // Move the epsilon slider with the keyboard, as a person would.
  const slider = page.getByLabel('Perturbation ε');
  await slider.focus();
  for (let i = 0; i < 45; i++) await slider.press('ArrowRight');
  const epsilon = parseReadout(await page.locator(`${WIDGET} output[data-measure="epsilon"]`).innerText());
  assert.ok(epsilon > 0.01 && epsilon < 0.05, `epsilon ${epsilon}`);

  await page.waitForFunction((selector) => {
    const text = document.querySelector(`${selector} [data-measure="measured"]`).textContent;
    const value = Number(text.replace('−', '-').replace(/[^\d.eE+-]/g, ''));
    return /\d/.test(text) && Math.abs(value) > 1e-4;
  }, WIDGET, { timeout: 20000 });
  const measured = await readout(page, 'measured');
  const predicted = await readout(page, 'predicted');
  assert.ok(Math.abs(predicted) > 1e-3, `predicted drift ${predicted}`);
  assert.ok(Math.abs(measured - predicted) <= 0.05 * Math.abs(predicted),
    `measured ${measured} vs predicted ${predicted}`);
  assert.ok((await pixelsNear(page, [0xd5, 0x5e, 0x00])) > 50, 'the dashed prediction is drawn');

  await page.screenshot({ path: path.join(artifactsDir, 'home.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('invalid input is reported next to the control and the widget keeps running', { timeout: 60000 }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.url);
  await page.waitForSelector(`${WIDGET}[data-ready]`, { timeout: 15000 });
  const neurons = page.getByLabel('Neurons N');
  await neurons.fill('5000');
  await neurons.press('Enter');
  const alert = page.locator(`${WIDGET} [role="alert"]`);
  await page.waitForFunction((selector) => document.querySelector(`${selector} [role="alert"]`).textContent.length > 0, WIDGET);
  assert.equal(await alert.innerText(),
    'line attractor: n = 5000 is not allowed; n must be an integer from 2 to 1024 neurons');
  assert.equal(await neurons.inputValue(), '64', 'the field shows the network that still runs');
  const before = await readout(page, 'time');
  await page.waitForFunction(([selector, t]) => {
    const text = document.querySelector(`${selector} [data-measure="time"]`).textContent;
    return Number(text.replace(/[^\d.]/g, '')) > t + 0.5;
  }, [WIDGET, before], { timeout: 10000 });

  // A valid size rebuilds the network, and the error goes away.
  await neurons.fill('16');
  await neurons.press('Enter');
  await page.waitForFunction((selector) => document.querySelector(selector).model.params?.n === 16, WIDGET);
  assert.equal(await alert.innerText(), '');
  assert.deepEqual(problems, []);
  await page.close();
});
