// A log-scale slider says so and has a number box: a value the slider's steps cannot reach is
// typed, applied exactly, and the slider follows; a value out of range is refused with a message
// naming the control and what is allowed, and the value in force stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT, untilText } from './wait.mjs';

const site = useSite();

test('the line widget\'s epsilon: a logarithmic slider with a number box', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}/#/playground/line`);
  await page.waitForSelector('al-line[data-ready="true"]', { timeout: TIMEOUT.ready });
  const field = page.locator('al-line [data-field="epsilon"]');
  await untilText(field.locator('.al-help'), /^Logarithmic slider: each step multiplies the value by about 1\.07 \(first step: 0 to 0\.0001\)/);
  const box = page.getByLabel('Perturbation ε, typed value', { exact: true });
  await box.fill('0.0123');
  await box.press('Enter');
  await page.waitForFunction(() => document.querySelector('al-line').measures.epsilon === 0.0123, null, { timeout: TIMEOUT.ui });
  const slider = page.getByLabel('Perturbation ε', { exact: true });
  assert.equal(await slider.getAttribute('aria-valuetext'), '0.0123');

  await box.fill('5');
  await box.press('Enter');
  await untilText(field.locator('.al-control-error'), /^Perturbation ε must be .*0\.2/);
  assert.equal(await page.evaluate(() => document.querySelector('al-line').model.params.epsilon), 0.0123);
  assert.equal(await box.inputValue(), '0.0123');
  assert.deepEqual(problems, []);
  await page.close();
});
