// The instructor's class page (#/class): several students' progress files, written by the site's
// own export (ProgressStore.exportJSON, what "Save progress to a file" downloads), chosen at once;
// the table shows who completed which task with the values the checks read, the CSV holds the
// same, and a bad file is listed with its reason without stopping the others. Also: the home page
// links to it and to the embedding guide, which the site serves (EMBEDDING.md used to give 404).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useSite } from './browser.mjs';
import { TIMEOUT } from './wait.mjs';

const AXE = fs.readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

async function seriousViolations(page) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

const site = useSite({ sources: true });

// Progress files as the site exports them: a store in memory, tasks completed with the numbers
// their checks read, then exportJSON.
async function exportedProgress(page, completions) {
  return page.evaluate(async (list) => {
    const { ProgressStore } = await import('./src/progress/progress-store.js');
    const store = new ProgressStore({ storage: null, events: null, now: () => new Date('2026-03-01T10:00:00.000Z') });
    for (const [lesson, item, score, record] of list) store.complete(lesson, item, score, record ?? undefined);
    return store.exportJSON();
  }, completions);
}

test('the class table and its CSV show who completed which task, with the values read; a bad file is listed', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.url);
  await page.locator('.lesson-card').first().waitFor({ timeout: TIMEOUT.ready });
  const index = await page.evaluate(async () => (await import('./src/app/pages/lesson.js')).loadLessonIndex());
  const lesson = index.lessons.find((entry) => entry.tasks.length >= 2);
  const [firstTask, secondTask] = lesson.tasks;

  // The export writes a record's names in sorted order, and the table keeps the file's order.
  const ada = await exportedProgress(page, [[lesson.id, firstTask, 1, { epsilon: 0.02, drift: 1.5 }], [lesson.id, secondTask, 1, null]]);
  const bo = await exportedProgress(page, [[lesson.id, secondTask, 1, { converged: true }]]);
  // The home page's link leads to the class page.
  await page.getByRole('link', { name: 'Your class: who completed what' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your class' }).waitFor();

  const json = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByLabel('Students\' progress files (choose several, or drop them here)').setInputFiles([
    json('ada.json', ada), json('bo.json', bo), json('notes.json', '{"hello": 1}'), json('broken.json', '{"app": "attr'),
  ]);
  const message = page.locator('[data-role="class-message"]');
  await page.waitForFunction(() => document.querySelector('[data-role="class-message"]')?.textContent.includes('2 students in the table'));
  assert.equal(await message.getAttribute('aria-live'), 'polite');
  const refused = await message.locator('li').allInnerTexts();
  assert.equal(refused.length, 2);
  assert.equal(refused[0], 'notes.json: progress data has no schema version');
  assert.match(refused[1], /^broken\.json: the file is not JSON: /);

  const table = page.locator(`section[data-lesson="${lesson.id}"] table`);
  assert.deepEqual((await table.locator('thead th').allInnerTexts()).slice(0, 3), ['Student', `Task: ${firstTask}`, `Task: ${secondTask}`]);
  const row = (student) => table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: student, exact: true }) });
  assert.deepEqual((await row('ada').locator('td').allInnerTexts()).slice(0, 2), ['done (drift = 1.5, epsilon = 0.02)', 'done']);
  assert.deepEqual((await row('bo').locator('td').allInnerTexts()).slice(0, 2), ['not done', 'done (converged = yes)']);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'attractor-lab-class.csv');
  const lines = fs.readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  assert.equal(lines[0], 'student,file,lesson,item,kind,done,completed_at,score,values');
  assert.ok(lines.includes(`ada,ada.json,${lesson.id},${firstTask},task,yes,2026-03-01T10:00:00.000Z,1,"drift = 1.5, epsilon = 0.02"`), lines.join('\n'));
  assert.ok(lines.includes(`bo,bo.json,${lesson.id},${firstTask},task,no,,,`), lines.join('\n'));
  assert.ok(lines.includes(`bo,bo.json,${lesson.id},${secondTask},task,yes,2026-03-01T10:00:00.000Z,1,converged = yes`), lines.join('\n'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a file with a name field is listed under that name; loading it again replaces it', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/class`);
  await page.getByRole('heading', { level: 1, name: 'Your class' }).waitFor({ timeout: TIMEOUT.ready });
  const index = await page.evaluate(async () => (await import('./src/app/pages/lesson.js')).loadLessonIndex());
  const lesson = index.lessons[0];
  const exported = JSON.parse(await exportedProgress(page, [[lesson.id, lesson.tasks[0], 1, null]]));
  const file = { name: 'upload-17.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...exported, name: 'Grace Hopper' })) };
  const input = page.getByLabel('Students\' progress files (choose several, or drop them here)');
  await input.setInputFiles([file]);
  await page.waitForFunction(() => document.querySelector('[data-role="class-message"]')?.textContent.includes('1 student in the table'));
  await input.setInputFiles([file]);
  await page.waitForFunction(() => document.querySelector('[data-role="class-message"]')?.textContent === 'Read 1 file: upload-17.json. 1 student in the table.');
  const table = page.locator(`section[data-lesson="${lesson.id}"] table`);
  assert.deepEqual(await table.locator('tbody th[scope="row"]').allInnerTexts(), ['Grace Hopper']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the embedding guide is served and shown from the home page link', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  const file = await page.request.get(`${site.url}EMBEDDING.md`);
  assert.equal(file.status(), 200);
  assert.match(await file.text(), /^# Embedding Attractor Lab in a course site/);
  await page.goto(site.url);
  await page.getByRole('link', { name: 'Embedding Attractor Lab in a course site' }).click();
  await page.getByRole('heading', { level: 2, name: 'The embed address' }).waitFor({ timeout: TIMEOUT.ready });
  assert.equal(await page.locator('h1').innerText(), 'Embedding Attractor Lab in a course site');
  // The guide's tables are tables, with their headers, not lines of "|" text.
  const forms = page.locator('table').filter({ has: page.getByRole('columnheader', { name: 'form', exact: true }) });
  assert.deepEqual(await forms.locator('thead th').allInnerTexts(), ['form', 'what the host page needs', 'completion events', 'where it works']);
  assert.equal(await forms.locator('tbody tr').first().locator('td').first().innerText(), 'iframe (embed/v1/)');
  assert.equal(await page.locator('p', { hasText: '|---|' }).count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the class page with a table and a refused file, and the embedding guide, pass an axe scan', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/class`);
  await page.getByRole('heading', { level: 1, name: 'Your class' }).waitFor({ timeout: TIMEOUT.ready });
  const index = await page.evaluate(async () => (await import('./src/app/pages/lesson.js')).loadLessonIndex());
  const lesson = index.lessons[0];
  const exported = await exportedProgress(page, [[lesson.id, lesson.tasks[0], 1, { epsilon: 0.01 }]]);
  await page.getByLabel('Students\' progress files (choose several, or drop them here)').setInputFiles([
    { name: 'ada.json', mimeType: 'application/json', buffer: Buffer.from(exported) },
    { name: 'empty.json', mimeType: 'application/json', buffer: Buffer.from('') },
  ]);
  await page.locator(`section[data-lesson="${lesson.id}"] table`).waitFor();
  await page.locator('[data-role="class-message"] li').waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.goto(`${site.url}#/embedding`);
  await page.getByRole('heading', { level: 2, name: 'The embed address' }).waitFor({ timeout: TIMEOUT.ready });
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('files dropped on the drop zone are read, and the table fits a phone by scrolling inside itself', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${site.url}#/class`);
  await page.getByRole('heading', { level: 1, name: 'Your class' }).waitFor({ timeout: TIMEOUT.ready });
  const index = await page.evaluate(async () => (await import('./src/app/pages/lesson.js')).loadLessonIndex());
  const lesson = index.lessons.reduce((widest, entry) => (entry.tasks.length > widest.tasks.length ? entry : widest));
  const exported = await exportedProgress(page, lesson.tasks.map((task) => [lesson.id, task, 1, { epsilon: 0.125, drift_deg_per_s: 12.5 }]));
  // A drop as the browser delivers it: a DataTransfer holding the files.
  await page.locator('[data-role="class-drop"]').evaluate((zone, text) => {
    const transfer = new DataTransfer();
    for (const name of ['ada.json', 'bo.json']) transfer.items.add(new File([text], name, { type: 'application/json' }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, exported);
  await page.waitForFunction(() => document.querySelector('[data-role="class-message"]')?.textContent === 'Read 2 files: ada.json, bo.json. 2 students in the table.');
  const table = page.locator(`section[data-lesson="${lesson.id}"] table`);
  assert.deepEqual(await table.locator('tbody th[scope="row"]').allInnerTexts(), ['ada', 'bo']);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'the page does not scroll sideways');
  assert.deepEqual(problems, []);
  await page.close();
});
