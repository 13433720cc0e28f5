// The primer as a student meets it on the built site: it is the first lesson on the lesson map;
// before anything is touched every task check is false and the page has no accessibility
// violations axe can find; a scripted student then records predictions, operates the tanh map and
// the 4-unit network (number field, slider by keyboard, Measure) and answers the quizzes, and the
// page compares each prediction with the measurement; the lesson ends complete, also after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  answerChoice, answerNumber, assertCompleteAndKept, assertNothingDone, lessonAxeViolations, lessonReport, waitForTask, widgetSelector,
} from './lesson-student.mjs';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT, framesPass, untilText } from './wait.mjs';

const LESSON = 'primer';

const site = useSite({ sources: true });

// The page with both widgets started, the network's Lyapunov spectrum computed and the map's plane
// classified: the initial state.
async function openPrimer(page) {
  await page.goto(`${site.url}/#/lesson/${LESSON}`);
  await page.waitForSelector(`article.al-lesson[data-lesson="${LESSON}"]`, { timeout: TIMEOUT.ready });
  await page.waitForFunction(() => {
    const widgets = [...document.querySelectorAll('article.al-lesson [data-widget-id]')];
    return widgets.length === 2 && widgets.every((w) => w.dataset.ready === 'true' && Object.keys(w.measures ?? {}).length > 5);
  }, null, { timeout: TIMEOUT.ready });
  await page.waitForFunction(() => document.querySelector('al-tanh-map').measures.grid_progress === 1, null, { timeout: TIMEOUT.job });
  await networkSettled(page, 0.5);
}

// The network shows the gain `gain` and nothing runs: its Lyapunov spectrum is of this network.
function networkSettled(page, gain) {
  return page.waitForFunction(([w, g]) => {
    const element = document.querySelector(w);
    const { model } = element;
    return model && !model.job && model.analysedSteps === model.measures.steps &&
      Math.abs(element.measures.gain - g) < 1e-9 && typeof element.measures.max_lyapunov === 'number';
  }, [widgetSelector('net'), gain], { timeout: TIMEOUT.job, polling: 100 });
}

async function moveGain(page, presses, gain) {
  const slider = page.locator(widgetSelector('net')).getByLabel('Gain g', { exact: true });
  for (let i = 0; i < presses; i++) await slider.press('ArrowRight');
  await networkSettled(page, gain);
}

async function measureSignal(page) {
  await page.locator(widgetSelector('net')).getByRole('button', { name: 'Measure', exact: true }).click();
  await page.waitForFunction((w) => {
    const { model } = document.querySelector(w);
    return model.persistence && !model.job;
  }, widgetSelector('net'), { timeout: TIMEOUT.job, polling: 100 });
}

async function recordPrediction(page, id, fill) {
  const section = page.locator(`section[data-prediction="${id}"]`);
  await fill(section);
  await section.getByRole('button', { name: 'Record my prediction' }).click();
  return section;
}

const verdict = (section) => section.locator('.al-prediction-verdict');

test('the primer is the first lesson on the lesson map', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(site.url);
  await page.locator('.lesson-card').first().waitFor({ timeout: TIMEOUT.ready });
  assert.equal(await page.locator('.lesson-card').first().getAttribute('data-lesson'), LESSON);
  assert.equal(await page.locator('.lesson-card').nth(1).getAttribute('data-lesson'), 'memory-as-a-place');
  assert.deepEqual(problems, []);
  await page.close();
});

test('no task of the primer is done before the student acts, and axe finds no violation', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await openPrimer(page);
  await framesPass(page);
  const report = await lessonReport(page, LESSON);
  assert.deepEqual(report.tasks.map((t) => t.id), ['origin-repels', 'tenth-per-step', 'vanishing', 'persisting']);
  assertNothingDone(report, LESSON);
  assert.deepEqual(await lessonAxeViolations(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a student completes the primer, and each prediction is compared with the measurement', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await openPrimer(page);

  await answerChoice(page, 'two-fixed-points', 'there the slope is below 1');
  await answerNumber(page, 'shrink-factor', 0.107);

  // Predict, then push the gain of the map above 1.
  const aboveOne = await recordPrediction(page, 'above-one', (s) => s.getByText('It settles on a closed curve').click());
  await untilText(aboveOne.locator('.al-prediction-outcome'), /You predicted “It settles on a closed curve \(or a cycle\) around the origin\.”\. Now measure it/);
  const alpha = page.locator(widgetSelector('map')).getByLabel('Gain α', { exact: true });
  await alpha.fill('1.5');
  await alpha.press('Enter');
  await waitForTask(page, 'origin-repels');
  await untilText(verdict(aboveOne), /^Your prediction was right: .* the measurement says “It settles on a closed curve/);

  // The exponent at g = 0.5, computed first: ln 0.5.
  const half = await recordPrediction(page, 'exponent-half', (s) => s.getByLabel('Your prediction').fill('-0.69'));
  await untilText(verdict(half), /^Your prediction was right: you predicted −0\.69 per step, measured −0\.69\d* per step\./);

  // g = e^-0.1 ≈ 0.905: eight steps of 0.05 from 0.5 give 0.9.
  await moveGain(page, 8, 0.9);
  await waitForTask(page, 'tenth-per-step');
  await answerNumber(page, 'linear-explodes', 4.77);

  // A wrong prediction is named as such: the signal at g = 0.9 over 500 steps is 500 ln 0.9.
  const wrongGuess = await recordPrediction(page, 'gradient-09', (s) => s.getByLabel('Your prediction').fill('-5'));
  await measureSignal(page);
  await untilText(verdict(wrongGuess), /^Your prediction was not borne out: you predicted −5, measured −52\.\d+\./);
  await untilText(wrongGuess.locator('.al-prediction-outcome'), /every one of the 500 factors is the slope/);
  await waitForTask(page, 'vanishing');

  // g = 1: the slope at 0 is exactly 1 and the signal persists.
  await moveGain(page, 2, 1);
  await measureSignal(page);
  await waitForTask(page, 'persisting');
  await answerChoice(page, 'zero-exponent-state', 'No: it still decays');

  await page.screenshot({ path: path.join(artifactsDir, 'lesson-primer.png'), fullPage: true });
  await assertCompleteAndKept(page, LESSON);
  assert.deepEqual(problems, []);
  await page.close();
});
