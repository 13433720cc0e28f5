// The capstone (all mechanisms side by side) as a student meets it on the built site: it is the
// last lesson, linked from lesson 09; before anything is touched every task check is false and
// axe finds no accessibility violation; a scripted student records a prediction, runs the arena
// with all six mechanisms, lowers the perturbation for the finite-time counterpoint, answers the
// quizzes, and the lesson ends complete, also after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  answerChoice, assertCompleteAndKept, assertNothingDone, finishTask, lessonAxeViolations, lessonReport, openLesson, param, widgetSelector,
} from './lesson-student.mjs';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT, framesPass, untilText } from './wait.mjs';

const LESSON = 'side-by-side';

const site = useSite({ sources: true });

const measures = (page) => page.evaluate((w) => document.querySelector(w).measures, widgetSelector('arena'));

// Runs the arena's measure and waits until every chosen mechanism has been measured.
async function runArena(page) {
  await page.locator(widgetSelector('arena')).getByRole('button', { name: 'Run the measure' }).click();
  await page.waitForFunction((w) => {
    const m = document.querySelector(w).measures;
    return !m.running && m.mechanisms_measured > 0 && m.mechanisms_measured === m.mechanisms_selected;
  }, widgetSelector('arena'), { timeout: TIMEOUT.longJob });
}

test('lesson 09 leads to the capstone, which is the last lesson on the map', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.url);
  await page.locator('.lesson-card').first().waitFor({ timeout: TIMEOUT.ready });
  assert.equal(await page.locator('.lesson-card').last().getAttribute('data-lesson'), LESSON);
  await page.goto(`${site.url}/#/lesson/one-step-back`);
  await page.locator('.al-next a').waitFor({ timeout: TIMEOUT.ready });
  assert.equal(await page.locator('.al-next a').getAttribute('href'), `#/lesson/${LESSON}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('no task of the capstone is done before the student acts, and axe finds no violation', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await openLesson(page, site.url, LESSON);
  await framesPass(page);
  const report = await lessonReport(page, LESSON);
  assert.deepEqual(report.tasks.map((t) => t.id), ['kept-or-lost', 'zero-exponents', 'learning-signal-long', 'finite-time']);
  assertNothingDone(report, LESSON);
  assert.deepEqual(await lessonAxeViolations(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a student measures all mechanisms side by side, finds the finite-time counterpoint and answers the question', { timeout: TIMEOUT.longest }, async () => {
  const { page, problems } = await site.newPage();
  await openLesson(page, site.url, LESSON);
  const arena = page.locator(widgetSelector('arena'));

  const prediction = page.locator('section[data-prediction="ring-or-cycle"]');
  await prediction.getByText('The limit cycle, not the ring attractor.').click();
  await prediction.getByRole('button', { name: 'Record my prediction' }).click();

  await runArena(page);
  await finishTask(page, 'kept-or-lost');
  // One run meets the next two tasks as well: the student reads each in the task panel and counts it.
  await finishTask(page, 'zero-exponents');
  await finishTask(page, 'learning-signal-long');
  await untilText(prediction.locator('.al-prediction-verdict'), /^Your prediction was right: .*the measurement says “The limit cycle, not the ring attractor\.”/);
  const run = await measures(page);
  assert.equal(run.mechanisms_measured, 6);
  assert.ok(run.ring_decoded_error > 0.25 && run.limit_cycle_decoded_error <= 0.25, `ring ${run.ring_decoded_error}, cycle ${run.limit_cycle_decoded_error}`);
  // The student's table shows the run's numbers.
  await untilText(page.locator('article.al-lesson'), new RegExp(`Limit cycle: ${run.limit_cycle_decoded_error.toFixed(3)};`));

  // The finite-time counterpoint: the ring alone, at a much smaller perturbation.
  for (const label of ['Line attractor', 'Limit cycle', 'Torus (QPTA)', 'Ring integrator (head direction)', 'Oscillator integrator (head direction)']) {
    await arena.getByLabel(label, { exact: true }).uncheck();
  }
  await page.waitForFunction((w) => document.querySelector(w).measures.mechanisms_selected === 1, widgetSelector('arena'), { timeout: TIMEOUT.ui });
  const epsilon = arena.getByLabel('Perturbation ε', { exact: true });
  while ((await param(page, 'arena', 'epsilon')) > 0.002) {
    const before = await param(page, 'arena', 'epsilon');
    await epsilon.focus();
    await epsilon.press('PageDown');
    await page.waitForFunction(([w, old]) => {
      const element = document.querySelector(w);
      return element.model.params.epsilon !== old && element.measures.epsilon === element.model.params.epsilon;
    }, [widgetSelector('arena'), before], { timeout: TIMEOUT.ui });
  }
  await runArena(page);
  await finishTask(page, 'finite-time');
  const small = await measures(page);
  assert.ok(small.epsilon <= 0.002 && small.ring_decoded_error <= 0.25, `epsilon ${small.epsilon}, ring ${small.ring_decoded_error}`);

  await answerChoice(page, 'why-fine-tuning', 'A continuum of fixed points needs a zero exponent');
  await answerChoice(page, 'meaning-for-learning', 'A network near a cycle or torus keeps a learning signal');
  await answerChoice(page, 'counterpoint-limit', 'short against the inverse of the slow drift');

  await page.screenshot({ path: path.join(artifactsDir, 'lesson-side-by-side.png'), fullPage: true });
  await assertCompleteAndKept(page, LESSON);
  assert.deepEqual(problems, []);
  await page.close();
});
