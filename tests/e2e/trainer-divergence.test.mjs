// A trainer whose loss becomes infinite stops, and the student is told why with the offer to go
// back, like every other divergence. The network is made to diverge the way a student could: a
// checkpoint file whose readout weights are huge (1e200) gives outputs whose squared error is
// infinite at the first training step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT } from './wait.mjs';

const site = useSite();

const WIDGET = 'al-rnn-trainer';

test('a training step whose loss is inf is shown as a divergence with a reset offer', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/rnn-trainer`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.job });
  await page.waitForFunction((w) => document.querySelector(`${w} .al-progress span`).textContent === 'Idle after 0 steps', WIDGET, { timeout: TIMEOUT.job });
  const checkpoint = JSON.parse(await page.evaluate((w) => document.querySelector(w).model.checkpoint(), WIDGET));
  // The last parameters are the readout's (W, U, b, V, c; docs/training.md).
  const size = checkpoint.parameters.length;
  for (let i = size - 4; i < size; i++) checkpoint.parameters[i] = 1e200;
  await page.locator(`${WIDGET} input[data-control="load"]`).setInputFiles({
    name: 'huge-readout.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(checkpoint)),
  });
  await page.waitForFunction((w) => /^Loaded huge-readout\.json/.test(document.querySelector(`${w} [data-role="checkpoint-message"]`).textContent),
    WIDGET, { timeout: TIMEOUT.job });

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const error = page.locator(`${WIDGET} .al-error[data-kind="divergence"]`);
  await error.waitFor({ timeout: TIMEOUT.job });
  assert.match(await error.innerText(), /Training stopped: diverged at step 1: the loss is inf; the weights are those before that step\. Lower the learning rate/);
  assert.equal(await page.locator(`${WIDGET} [data-measure="steps"]`).innerText(), '0');

  await page.getByRole('button', { name: 'Reset to the last good state' }).click();
  await page.waitForFunction((w) => document.querySelector(`${w} .al-error`).textContent === '' &&
    document.querySelector(`${w} .al-progress span`).textContent === 'Idle after 0 steps', WIDGET, { timeout: TIMEOUT.job });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction((w) => document.querySelector(`${w} .al-progress span`).textContent === 'Idle after 300 steps', WIDGET, { timeout: TIMEOUT.job });
  assert.equal(await page.locator(`${WIDGET} .al-error`).innerText(), '');
  assert.deepEqual(problems, []);
  await page.close();
});
