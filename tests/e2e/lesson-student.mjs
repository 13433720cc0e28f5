// What a scripted student does on any lesson page, shared by the lesson tests: open a lesson and
// wait for its widgets, answer quizzes through their forms, wait for a task to be marked done,
// and check that the lesson says it is complete and still does after a reload.
import assert from 'node:assert/strict';
import { TIMEOUT, untilText } from './wait.mjs';

export const widgetSelector = (id) => `[data-widget-id="${id}"]`;

export async function openLesson(page, siteUrl, id, timeout = TIMEOUT.ready) {
  await page.goto(`${siteUrl}/#/lesson/${id}`);
  await page.waitForSelector(`article.al-lesson[data-lesson="${id}"]`, { timeout });
  await page.waitForFunction(() => {
    const widgets = [...document.querySelectorAll('article.al-lesson [data-widget-id]')];
    return widgets.length > 0 && widgets.every((w) => w.dataset.ready === 'true');
  }, null, { timeout });
}

export const param = (page, widgetId, name) =>
  page.evaluate(([w, n]) => document.querySelector(w).model.params[n], [widgetSelector(widgetId), name]);

export async function waitForTask(page, task, timeout = TIMEOUT.job) {
  await page.locator(`section[data-task="${task}"][data-state="done"]`).waitFor({ timeout });
}

export async function answerChoice(page, quiz, choiceText) {
  const section = page.locator(`section[data-quiz="${quiz}"]`);
  await section.locator('label', { hasText: choiceText }).click();
  await section.getByRole('button', { name: 'Check answer' }).click();
  await page.locator(`section[data-quiz="${quiz}"][data-state="done"]`).waitFor({ timeout: TIMEOUT.ui });
}

export async function answerNumber(page, quiz, value) {
  const field = page.locator(`section[data-quiz="${quiz}"]`).getByLabel('Your answer');
  await field.fill(String(value));
  await field.press('Enter');
  await page.locator(`section[data-quiz="${quiz}"][data-state="done"]`).waitFor({ timeout: TIMEOUT.ui });
}

// The lesson says it is complete, and still does after a reload: every task and quiz done.
export async function assertCompleteAndKept(page, id) {
  await page.locator(`article.al-lesson[data-lesson="${id}"][data-complete="true"]`).waitFor({ timeout: TIMEOUT.ui });
  await untilText(page.locator('.al-lesson-progress'), /^Lesson complete/);
  await page.reload();
  await page.waitForSelector(`article.al-lesson[data-lesson="${id}"]`, { timeout: TIMEOUT.ready });
  await page.locator(`article.al-lesson[data-lesson="${id}"][data-complete="true"]`).waitFor({ timeout: TIMEOUT.ui });
  await untilText(page.locator('.al-lesson-progress'), /^Lesson complete/);
  const open = await page.locator('section[data-task]:not([data-state="done"]), section[data-quiz]:not([data-state="done"])').count();
  assert.equal(open, 0, 'every task and quiz is still done after the reload');
}

// Whether a task's check holds on the widget's latest measures, as the page evaluated them.
export const checkMet = (page, task) =>
  page.locator(`section[data-task="${task}"]`).getAttribute('data-check').then((value) => value === 'true');

// A task reached when its widget already meets it (the state was made for an earlier task, or
// came about while the student watched): the student reads it in the widget's task panel and
// counts it there.
export async function countAsItIs(page, task, timeout = TIMEOUT.job) {
  const dock = page.locator(`div.al-task-dock[data-task="${task}"][data-state="already-met"]`);
  await dock.waitFor({ timeout });
  await dock.getByRole('button', { name: 'Count it' }).click();
  await waitForTask(page, task);
}

// A task the student has just worked on: it counts after its hold, or, if the widget met it
// before the student's last action for it, the student counts it in the panel.
export async function finishTask(page, task, timeout = TIMEOUT.job) {
  const done = page.locator(`section[data-task="${task}"][data-state="done"]`);
  const already = page.locator(`div.al-task-dock[data-task="${task}"][data-state="already-met"]`);
  await done.or(already).first().waitFor({ timeout });
  if (await done.count()) return;
  await already.getByRole('button', { name: 'Count it' }).click();
  await waitForTask(page, task);
}
