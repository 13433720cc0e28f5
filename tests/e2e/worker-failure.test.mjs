// A worker that fails a fourth time within a minute is not restarted, and the widget says so:
// it was NOT restarted, what the student can do (reload), and its controls are visibly stopped.
// Traps are real (trapForTesting, see recovery.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT } from './wait.mjs';

const site = useSite();

const WIDGET = 'al-line';

test('after the fourth trap in a minute the widget says it was not restarted and is stopped', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/line`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ui });
  await page.evaluate((w) => {
    globalThis.widgetErrors = [];
    document.querySelector(w).addEventListener('widget-error', (event) => globalThis.widgetErrors.push(event.detail.message));
  }, WIDGET);
  for (let trap = 1; trap <= 3; trap++) {
    await page.evaluate((w) => document.querySelector(w).client.request('trapForTesting').catch(() => {}), WIDGET);
    // Restarted, rebuilt, and said so.
    await page.waitForFunction((n) => globalThis.widgetErrors.length === n, trap, { timeout: TIMEOUT.ui });
    assert.match(await page.locator(`${WIDGET} .al-error[data-kind="restart"]`).innerText(), /was restarted; your settings were restored/);
  }
  await page.evaluate((w) => document.querySelector(w).client.request('trapForTesting').catch(() => {}), WIDGET);
  const error = page.locator(`${WIDGET} .al-error[data-kind="failed"]`);
  await error.waitFor({ timeout: TIMEOUT.ui });
  const text = await error.innerText();
  assert.match(text, /It failed 4 times within a minute, so it was NOT restarted: this widget is stopped\. Reload the page to start it again\./);
  assert.doesNotMatch(text, /was restarted/);
  assert.equal(await page.locator(WIDGET).getAttribute('data-state'), 'stopped');
  for (const name of ['Play', 'Step', 'Reset']) {
    assert.equal(await page.locator(`${WIDGET} .al-toolbar`).getByRole('button', { name, exact: true }).isDisabled(), true, name);
  }
  assert.equal(await page.locator(`${WIDGET} .al-controls input`).first().isDisabled(), true, 'settings are disabled');
  assert.equal(await page.locator(`${WIDGET} .al-toolbar`).getByRole('button', { name: 'Share', exact: true }).isEnabled(), true, 'the settings can still be shared');
  assert.equal(await error.getByRole('button', { name: 'Reload the page' }).isEnabled(), true);

  // Reloading brings the widget back.
  await error.getByRole('button', { name: 'Reload the page' }).click();
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.ui });
  assert.equal(await page.locator(`${WIDGET} .al-error`).innerText(), '');
  assert.deepEqual(problems, []);
  await page.close();
});
