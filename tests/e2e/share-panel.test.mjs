// The playground's share panel follows a setting the moment the reader commits it (not once the
// model has rebuilt), so a quick copy never embeds the previous value; each snippet has its own
// Copy button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT } from './wait.mjs';

const site = useSite();

test('the link and the embed snippets show a new network seed at once', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}/#/playground/line`);
  await page.waitForSelector('al-line[data-ready="true"]', { timeout: TIMEOUT.ready });
  await page.locator('al-line [role="toolbar"]').getByRole('button', { name: 'Share' }).click();
  await page.waitForFunction(() => document.querySelector('.share-link').value.includes('#/playground/line'));
  // Commit seed 7 and read the snippets in the same task, before the model has rebuilt.
  const shown = await page.getByLabel('Network seed', { exact: true }).evaluate((input) => {
    input.value = '7';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    const codes = [...document.querySelectorAll('.share-panel textarea')].map((area) => area.value);
    return { link: document.querySelector('.share-link').value, codes, applied: document.querySelector('al-line').model.params.seed };
  });
  assert.equal(shown.applied, 1, 'the model has not taken the seed yet');
  assert.match(shown.link, /[?&]seed=7(&|$)/);
  assert.ok(shown.codes.every((code) => /seed=7/.test(code)), shown.codes.join('\n'));
  // Once the model has it, the snippets keep it.
  await page.waitForFunction(() => document.querySelector('al-line').model.params.seed === 7, null, { timeout: TIMEOUT.ui });
  assert.match(await page.locator('.share-link').inputValue(), /[?&]seed=7(&|$)/);
  assert.equal(await page.locator('.share-panel').getByRole('button', { name: /^Copy the (iframe|element) code$/ }).count(), 2);
  assert.deepEqual(problems, []);
  await page.close();
});
