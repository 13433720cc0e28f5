// Jargon is defined where it is first used: in a lesson, the first use of a glossary term links
// to its entry, and every lesson links the glossary; the entry is shown and focused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSite } from './browser.mjs';
import { TIMEOUT } from './wait.mjs';

let site;
before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

test('lesson 5 links its first "Lyapunov exponent" to the glossary, which shows the definition', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}/#/lesson/learning-signals`);
  await page.waitForSelector('article.al-lesson[data-lesson="learning-signals"]', { timeout: TIMEOUT.ready });
  await page.locator('.al-lesson-meta a', { hasText: 'glossary' }).waitFor();
  const links = page.locator('article.al-lesson a[href="#/glossary?term=lyapunov-exponent"]');
  assert.equal(await links.count(), 1, 'only the first use links');
  assert.match(await links.getAttribute('title'), /^Lyapunov exponent: The average rate/);
  await links.click();
  const entry = page.locator('dt[data-term="lyapunov-exponent"]');
  await entry.waitFor({ timeout: TIMEOUT.ready });
  await page.waitForFunction(() => document.activeElement?.dataset.term === 'lyapunov-exponent', null, { timeout: TIMEOUT.ui });
  assert.match(await entry.locator('xpath=following-sibling::dd[1]').textContent(), /grow \(positive\), shrink \(negative\) or persist \(zero\)/);
  assert.deepEqual(problems, []);
  await page.close();
});
