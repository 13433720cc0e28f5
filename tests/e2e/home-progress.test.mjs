// The home page's progress messages: the confirmation of a loaded file stays after the page is
// drawn again with the new progress (until dismissed), and a file over the size limit is refused
// with a message naming its size, without switching the tab to memory-only or blaming storage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT } from './wait.mjs';

const site = useSite({ sources: true });

const MESSAGE = '[data-role="progress-file-message"]';

test('"Loaded progress" stays after the lesson map is redrawn, until dismissed', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.url);
  const card = page.locator('.lesson-card').first();
  await card.waitFor({ timeout: TIMEOUT.ui });
  const lessonId = await card.getAttribute('data-lesson');
  // One of the lesson's tasks, done.
  const task = await page.evaluate(async (id) => {
    const { loadLessonIndex } = await import('./src/app/pages/lesson.js');
    return (await loadLessonIndex()).lessons.find((lesson) => lesson.id === id).tasks[0];
  }, lessonId);
  const file = { app: 'attractor-lab', schema: 3,
    lessons: { [lessonId]: { items: { [task]: { completedAt: '2026-01-01T00:00:00.000Z', score: 1 } }, completedAt: null, resetAt: null } } };
  await page.locator('#progress-file').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  // The map is drawn again (a new card element) and the message is still there.
  await page.waitForFunction((id) => document.querySelector(`.lesson-card[data-lesson="${id}"]`)?.classList.contains('lesson-started'), lessonId, { timeout: TIMEOUT.ui });
  assert.equal(await page.locator(`${MESSAGE} p`).innerText(), 'Loaded progress from mine.json.');
  await page.locator(MESSAGE).getByRole('button', { name: 'Dismiss this message' }).click();
  await page.waitForFunction((s) => document.querySelector(s).textContent === '', MESSAGE, { timeout: TIMEOUT.ui });
  assert.deepEqual(problems, []);
  await page.close();
});

test('an 11 MB file is refused by size; storage keeps working and is not blamed', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.url);
  await page.locator('.lesson-card').first().waitFor({ timeout: TIMEOUT.ui });
  const big = Buffer.alloc(11 * 1024 * 1024, ' ');
  Buffer.from('{"app":"attractor-lab","schema":3,"lessons":{}}').copy(big);
  await page.locator('#progress-file').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: big });
  const message = page.locator(`${MESSAGE} p`);
  await message.waitFor({ timeout: TIMEOUT.ui });
  assert.equal(await message.innerText(),
    'huge.json was not loaded: the file is 11.0 MB, larger than the 1.0 MB a progress file may have (a saved record of every lesson is a few KB), so it is not a progress file of this site. Your current progress is unchanged.');
  assert.equal(await page.locator('.progress-notices').innerText(), '', 'no storage warning');
  assert.deepEqual(problems, []);
  await page.close();
});
