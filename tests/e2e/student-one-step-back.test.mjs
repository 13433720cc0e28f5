// Lesson 09 (one step back, two steps forward) as a student meets it: no task is done before the
// student acts; a scripted student completes every task and quiz by operating the two FORCE-vs-LMS
// benches (Step, Play and Run trials buttons, the rule and order selects); the lesson then shows
// complete, and the progress survives a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT, untilReadout } from './wait.mjs';

const site = useSite();

// The lesson's two benches: values over [-1, 1], and values clustered in [0.5, 1].
const WIDGET = 'al-force-lms[data-widget-id="bench"]';
const CLUSTER = 'al-force-lms[data-widget-id="cluster"]';
const LESSON = 'one-step-back';
const TASKS = ['force-criterion', 'lms-forgets', 'order-sorted', 'correlated-values'];

const measures = (page, widget = WIDGET) => page.evaluate((w) => document.querySelector(w).measures, widget);
const taskStates = (page) => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll('section[data-task]')].map((s) => [s.dataset.task, s.dataset.state])));
const done = (page, task) => page.locator(`section[data-task="${task}"][data-state="done"]`).waitFor({ timeout: TIMEOUT.job });

async function openLesson(page) {
  await page.goto(`${site.url}#/lesson/${LESSON}`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.job });
  await page.waitForSelector(`${CLUSTER}[data-ready="true"]`, { timeout: TIMEOUT.job });
}

// Chooses an option of a select and waits for the new network (trial 0, the new setting).
async function choose(page, label, value, measure) {
  await page.locator(WIDGET).getByLabel(label, { exact: true }).selectOption(value);
  await page.waitForFunction(([w, name, want]) => {
    const m = document.querySelector(w).measures;
    return m[name] === want && m.trial === 0;
  }, [WIDGET, measure, value], { timeout: TIMEOUT.job });
}

// Plays until `trials` trials have run, then pauses and waits for the running trial to end.
async function playTrials(page, trials, widget = WIDGET) {
  await page.locator(widget).getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(([w, n]) => document.querySelector(w).measures.trial >= n, [widget, trials], { timeout: TIMEOUT.longJob });
  await page.locator(widget).getByRole('button', { name: 'Pause' }).click();
  await page.waitForFunction((w) => !document.querySelector(w).model.running, widget, { timeout: TIMEOUT.job });
}

async function answerChoice(page, quiz, text) {
  await page.locator(`section[data-quiz="${quiz}"] label`, { hasText: text }).click();
  await page.locator(`section[data-quiz="${quiz}"] button[type="submit"]`).click();
  await page.locator(`section[data-quiz="${quiz}"][data-state="done"]`).waitFor();
}

test('no task of lesson 09 is done before the student acts', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await openLesson(page);
  const states = await taskStates(page);
  assert.deepEqual(Object.keys(states).sort(), [...TASKS].sort());
  for (const task of TASKS) assert.equal(states[task], 'open', `${task} must be false in the initial state`);
  assert.equal(await page.locator('article[data-complete="true"]').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a student completes lesson 09: FORCE to criterion, LMS forgets, sorted trials, correlated values', { timeout: TIMEOUT.longest }, async () => {
  const { page, problems } = await site.newPage();
  await openLesson(page);

  // FORCE, one trial at a time with Step, until every value survives.
  for (let k = 0; k < 12 && (await measures(page)).trials_to_criterion === null; k++) {
    const before = (await measures(page)).trial;
    await page.locator(WIDGET).getByRole('button', { name: 'Step' }).click();
    await page.waitForFunction(([w, t]) => document.querySelector(w).measures.trial === t + 1, [WIDGET, before], { timeout: TIMEOUT.job });
  }
  await done(page, 'force-criterion');
  const force = await measures(page);
  // Every value survives, and FORCE's updates barely moved the output at the earlier states.
  assert.equal(force.values_survived, force.values);
  assert.ok(force.mean_output_change_all_trials < 0.01, `FORCE interference ${force.mean_output_change_all_trials}`);

  // LMS: one epoch destroys earlier values; its interference dwarfs FORCE's.
  await choose(page, 'Learning rule', 'lms', 'rule');
  await playTrials(page, 8);
  await done(page, 'lms-forgets');
  const lmsRandom = await measures(page);
  assert.ok(lmsRandom.mean_output_change_all_trials > 20 * force.mean_output_change,
    `LMS ${lmsRandom.mean_output_change_all_trials} against FORCE ${force.mean_output_change}`);
  await answerChoice(page, 'ratio', 'About 100 times');

  // Sorted order under LMS.
  await choose(page, 'Trial order', 'sorted', 'order');
  await playTrials(page, 8);
  await done(page, 'order-sorted');
  const lmsSorted = await measures(page);
  // The sorted run is compared with the random one after the same number of trials.
  assert.equal(lmsSorted.previous_order, 'random');
  assert.ok(lmsSorted.previous_interference_at_trial === null || lmsSorted.previous_interference_at_trial > 0);
  const smaller = lmsSorted.mean_output_change_all_trials < lmsRandom.mean_output_change_all_trials ? 'Sorted' : 'Random';
  await answerChoice(page, 'sorted-or-random', smaller);
  await answerChoice(page, 'anti-correlated', 'No: it moves that output');

  // The clustered bench (LMS, values in [0.5, 1]): far more correlated trials, and the interference
  // of both runs as the two benches show them.
  await playTrials(page, 8, CLUSTER);
  await done(page, 'correlated-values');
  const cluster = await measures(page, CLUSTER);
  assert.ok(cluster.mean_state_correlation_all_trials > 0.9, `clustered correlation ${cluster.mean_state_correlation_all_trials}`);
  await untilReadout(page, CLUSTER, 'mean_state_correlation_all_trials', (value) => value > 0.9);
  await page.screenshot({ path: path.join(artifactsDir, 'student-one-step-back.png'), fullPage: true });

  await page.locator('article[data-complete="true"]').waitFor({ timeout: TIMEOUT.job });
  await page.reload();
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.job });
  await page.waitForSelector(`${CLUSTER}[data-ready="true"]`, { timeout: TIMEOUT.job });
  await page.locator('article[data-complete="true"]').waitFor({ timeout: TIMEOUT.job });
  const states = await taskStates(page);
  for (const task of TASKS) assert.equal(states[task], 'done', `${task} is still done after a reload`);
  assert.deepEqual(problems, []);
  await page.close();
});
