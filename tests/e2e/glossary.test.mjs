// Jargon is defined where it is first used: in a lesson, the first use of a glossary term is a
// <dfn> with a button that shows its definition in place, and links to its entry; every lesson
// links the glossary; the entry is shown and focused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT } from './wait.mjs';

const site = useSite();

test('lesson 5 links its first "Lyapunov exponent" to the glossary, which shows the definition', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}/#/lesson/learning-signals`);
  await page.waitForSelector('article.al-lesson[data-lesson="learning-signals"]', { timeout: TIMEOUT.ready });
  await page.locator('.al-lesson-meta a', { hasText: 'glossary' }).waitFor();
  const links = page.locator('article.al-lesson a[href="#/glossary?term=lyapunov-exponent"]');
  assert.equal(await links.count(), 1, 'only the first use links');
  // The term is defined in place: a <dfn> whose button shows the definition in the text, by
  // keyboard (Enter, Escape) as by a tap.
  assert.equal(await page.locator('article.al-lesson dfn a[href="#/glossary?term=lyapunov-exponent"]').count(), 1, 'the link is the defined term');
  const toggle = page.getByRole('button', { name: /^What is Lyapunov exponents?\?$/ });
  const definition = page.getByRole('note', { name: 'Lyapunov exponent, defined' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await definition.isVisible(), false);
  await toggle.focus();
  await page.keyboard.press('Enter');
  await definition.waitFor();
  assert.match(await definition.textContent(), /^Lyapunov exponent: The average rate/);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await definition.getAttribute('id'), await toggle.getAttribute('aria-controls'));
  await page.keyboard.press('Escape');
  await definition.waitFor({ state: 'hidden' });
  await toggle.click();
  await definition.waitFor();
  // QPTA, used first later in the lesson, has its own.
  assert.equal(await page.getByRole('button', { name: 'What is QPTA?' }).count(), 1);
  await links.click();
  const entry = page.locator('dt[data-term="lyapunov-exponent"]');
  await entry.waitFor({ timeout: TIMEOUT.ready });
  await page.waitForFunction(() => document.activeElement?.dataset.term === 'lyapunov-exponent', null, { timeout: TIMEOUT.ui });
  assert.match(await entry.locator('xpath=following-sibling::dd[1]').textContent(), /grow \(positive\), shrink \(negative\) or persist \(zero\)/);
  assert.deepEqual(problems, []);
  await page.close();
});
