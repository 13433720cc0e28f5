// The capstone page shows the student's own numbers: those a task's check read when it was met.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT, until, untilText } from './wait.mjs';

const site = useSite();

test('a task done in a lesson appears on the summary page with the values it was done with', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/summary`);
  await page.waitForSelector('h1');
  await untilText(page.locator('main'), /No task done yet/);

  await page.goto(`${site.url}#/lesson/memory-as-a-place`);
  await page.waitForSelector('al-line[data-ready="true"]', { timeout: TIMEOUT.ready });
  // Each key press commits a value, applied before the next key.
  const value = page.getByLabel('Value to store', { exact: true });
  for (let i = 0; i < 16; i++) {
    await value.press('ArrowLeft');
    const shown = Number(await value.inputValue());
    await until(() => page.evaluate(() => document.querySelector('al-line').model.params.value),
      (applied) => Math.abs(applied - shown) < 1e-9, `the value ${shown} to be applied`);
  }
  const stored = await page.evaluate(() => document.querySelector('al-line').model.params.value);
  await page.locator('al-line select[data-control="speed"]').selectOption('5');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.locator('section[data-task="store-negative"][data-state="done"]').waitFor({ timeout: TIMEOUT.job });

  await page.goto(`${site.url}#/summary`);
  const table = page.locator('#summary-memory-as-a-place ~ table, section:has(#summary-memory-as-a-place) table').first();
  await table.waitFor();
  const text = await table.innerText();
  assert.match(text, /[1-9] of \d+ tasks done/);
  assert.doesNotMatch(text, /\\varepsilon/, 'formulas read as letters');
  // Named as the widget's readouts are, never by the identifiers the check read.
  assert.match(text, new RegExp(`stored value = ${String(stored).replace('.', '\\.')}`));
  assert.match(text, /Remembered value = -0\.\d+/);
  assert.doesNotMatch(text, /\b[a-z]+(_[a-z0-9]+)+\b/, 'no raw identifier in the table');
  assert.deepEqual(problems, []);
  await page.close();
});
