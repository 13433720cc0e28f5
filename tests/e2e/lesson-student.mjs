// What a scripted student does on any lesson page, shared by the lesson tests: open a lesson and
// wait for its widgets, answer quizzes through their forms, wait for a task to be marked done,
// and check that the lesson says it is complete and still does after a reload.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactsDir } from './browser.mjs';
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

// The lesson's tasks as the page's own evaluator sees them against the measures its widgets
// publish now (the site must serve its sources): the number of measures per widget, each task's
// check value and shown state, the number of quizzes and the progress line.
export function lessonReport(page, id) {
  return page.evaluate(async (lessonId) => {
    const { loadLesson } = await import('/src/lessons/lesson-loader.js');
    const { evaluate, measuresLookup } = await import('/src/lessons/expression.js');
    const { defaultWidgetOf } = await import('/src/lessons/lesson-checks.js');
    const lesson = await loadLesson(lessonId);
    const measures = {};
    for (const element of document.querySelectorAll('article.al-lesson [data-widget-id]')) {
      measures[element.dataset.widgetId] = element.measures;
    }
    return {
      widgets: Object.fromEntries(Object.entries(measures).map(([w, m]) => [w, Object.keys(m).length])),
      tasks: lesson.tasks.map((task) => ({
        id: task.id,
        check: task.check,
        value: evaluate(task.tree, measuresLookup(measures, defaultWidgetOf(task, lesson))).value,
        state: document.querySelector(`section[data-task="${task.id}"]`).dataset.state,
      })),
      quizzes: lesson.quizzes.length,
      progress: document.querySelector('.al-lesson-progress').textContent,
    };
  }, id);
}

// Nothing is done before the student acts: at least three tasks, every check false, every task
// shown open, and the progress line at 0.
export function assertNothingDone(report, file) {
  assert.ok(report.tasks.length >= 3, `${file} has ${report.tasks.length} tasks`);
  for (const task of report.tasks) {
    assert.equal(task.value, false, `task ${task.id} (${task.check}) is already true`);
    assert.equal(task.state, 'open', `task ${task.id} is shown open`);
  }
  assert.match(report.progress, /^0 of \d+ /);
}

const AXE = fs.readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

// The accessibility violations axe finds in the rendered lesson with its widgets. Axe is
// evaluated rather than added as a <script>, which the site's Content Security Policy forbids.
export async function lessonAxeViolations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => (await window.axe.run('article.al-lesson')).violations.map((v) => `${v.id}: ${v.nodes.length}`));
}

// Presses a key on a focused control once and waits until the widget has taken the new value (as
// a person waits for the display to follow before pressing again); returns that value.
export async function pressKey(page, widgetId, control, key) {
  const name = await control.getAttribute('data-param');
  const before = await param(page, widgetId, name);
  await control.focus();
  await control.press(key);
  await page.waitForFunction(([w, n, old]) => document.querySelector(w).model.params[n] !== old,
    [widgetSelector(widgetId), name, before], { timeout: TIMEOUT.ui });
  return param(page, widgetId, name);
}

// The end of a student's lesson: the page recorded as a screenshot, the lesson complete and still
// so after a reload, no console error or failed request on the way.
export async function finishLesson(page, problems, id, screenshot) {
  await page.screenshot({ path: path.join(artifactsDir, screenshot), fullPage: true });
  await assertCompleteAndKept(page, id);
  assert.deepEqual(problems, []);
  await page.close();
}
