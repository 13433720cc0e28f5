// Lessons 05 (learning signals) and 06 (training in your browser) as a student meets them: no
// task is done before the student acts; a scripted student completes every task and quiz by
// operating the RNN-trainer widget (selects, sliders by keyboard, number fields, buttons); the
// lesson then shows complete, and the progress survives a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT, framesPass } from './wait.mjs';

const site = useSite();

import fs from 'node:fs';

// The lesson's first trainer (lesson 06 has three: `net`, then Park et al.'s cell `park` and
// `park_qpta`); every helper takes the widget it operates.
const WIDGET = 'al-rnn-trainer';
const widgetById = (id) => `al-rnn-trainer[data-widget-id="${id}"]`;

// Resolves when the widget shows a network built from the settings `expected` (a subset of its
// measures) and nothing runs: the slower pictures (Lyapunov spectrum) show that network too.
function settled(page, expected = {}, widget = WIDGET) {
  return page.waitForFunction(([w, want]) => {
    const element = document.querySelector(w);
    const model = element?.model;
    if (!model || model.job || model.analysedSteps !== model.measures.steps) return false;
    return Object.entries(want).every(([name, value]) => (typeof value === 'number'
      ? Math.abs(element.measures[name] - value) < 1e-9 : element.measures[name] === value));
  }, [widget, expected], { timeout: TIMEOUT.job, polling: 100 });
}

async function openLesson(page, id) {
  await page.goto(`${site.url}#/lesson/${id}`);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.job });
  await settled(page);
}

const taskStates = (page) => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll('section[data-task]')].map((s) => [s.dataset.task, s.dataset.state])));

const done = (page, task) => page.locator(`section[data-task="${task}"][data-state="done"]`).waitFor({ timeout: TIMEOUT.job });

async function choose(page, label, value, expected, widget = WIDGET) {
  await page.locator(widget).first().getByLabel(label, { exact: true }).selectOption(value);
  await settled(page, expected, widget);
}

// Moves the gain slider by `presses` arrow-key presses (0.05 each), as a keyboard user would.
async function moveGain(page, key, presses, expectedGain) {
  const slider = page.locator(WIDGET).first().getByLabel('Gain g', { exact: true });
  for (let i = 0; i < presses; i++) await slider.press(key);
  await settled(page, { gain: expectedGain });
}

async function setNumber(page, label, value, expected, widget = WIDGET) {
  const field = page.locator(widget).first().getByLabel(label, { exact: true });
  await field.fill(String(value));
  await field.press('Enter');
  if (expected) await settled(page, expected, widget);
}

async function measurePersistence(page) {
  await page.getByRole('button', { name: 'Measure' }).click();
  await page.waitForFunction((w) => {
    const { model } = document.querySelector(w);
    return model.persistence && !model.job;
  }, WIDGET, { timeout: TIMEOUT.job, polling: 100 });
}

async function train(page, steps, widget = WIDGET) {
  await page.locator(widget).first().getByRole('button', { name: 'Train', exact: true }).click();
  // A thousand batches is a training session of its own (18 s idle, minutes on a loaded machine).
  const timeout = steps >= 500 ? TIMEOUT.longJob : TIMEOUT.job;
  await page.waitForFunction(([w, n]) => document.querySelector(w).measures.steps >= n, [widget, steps], { timeout, polling: 100 });
  await settled(page, {}, widget);
}

async function answerChoice(page, quiz, text) {
  await page.locator(`section[data-quiz="${quiz}"] label`, { hasText: text }).click();
  await page.locator(`section[data-quiz="${quiz}"] button[type="submit"]`).click();
  await page.locator(`section[data-quiz="${quiz}"][data-state="done"]`).waitFor();
}

async function answerNumber(page, quiz, value) {
  const field = page.locator(`section[data-quiz="${quiz}"] input[type="text"]`);
  await field.fill(String(value));
  await field.press('Enter');
  await page.locator(`section[data-quiz="${quiz}"][data-state="done"]`).waitFor();
}

async function completeAndReload(page, lesson, tasks) {
  await page.locator('article[data-complete="true"]').waitFor({ timeout: TIMEOUT.job });
  await page.reload();
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.job });
  await page.locator('article[data-complete="true"]').waitFor({ timeout: TIMEOUT.job });
  const states = await taskStates(page);
  assert.deepEqual(Object.keys(states).sort(), [...tasks].sort(), `the tasks of ${lesson}`);
  for (const task of tasks) assert.equal(states[task], 'done', `${lesson}: ${task} is still done after a reload`);
}

const LESSONS = {
  'learning-signals': ['vanish', 'explode', 'orthogonal-long', 'detune', 'persist'],
  'training-in-your-browser': ['recall-orthogonal', 'trained-spectrum', 'recall-weak-gain', 'longer-recall', 'angular-short', 'park-identity',
    'park-qpta', 'perturbed-attractor-start', 'perturbed-qpta-start'],
};

test('no task of lessons 05 and 06 is done before the student acts', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  for (const [lesson, tasks] of Object.entries(LESSONS)) {
    await openLesson(page, lesson);
    const states = await taskStates(page);
    assert.deepEqual(Object.keys(states).sort(), [...tasks].sort());
    for (const task of tasks) assert.equal(states[task], 'open', `${lesson}: ${task} must be false in the initial state`);
    assert.equal(await page.locator('article[data-complete="true"]').count(), 0);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a student completes lesson 05: vanishing, exploding and persistent learning signals', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await openLesson(page, 'learning-signals');

  // In the order of the lesson: a contracting Gaussian network, g = 0.5, loses the signal over
  // 1000 steps.
  await setNumber(page, 'Longest horizon T (steps)', 1000);
  await choose(page, 'Initialization of W', 'gaussian', { initialization: 'gaussian' });
  await moveGain(page, 'ArrowLeft', 10, 0.5);
  await measurePersistence(page);
  await done(page, 'vanish');
  await answerNumber(page, 'slope', -350);

  // The strongest coupling the slider allows makes the small network chaotic.
  await moveGain(page, 'End', 1, 3);
  await measurePersistence(page);
  await done(page, 'explode');

  // The orthogonal network at g = 1: a marginal origin, the signal persists over 1000 steps.
  await choose(page, 'Initialization of W', 'orthogonal', { initialization: 'orthogonal' });
  await moveGain(page, 'PageDown', 6, 1.2);
  await moveGain(page, 'ArrowLeft', 4, 1);
  await measurePersistence(page);
  await done(page, 'orthogonal-long');
  await answerChoice(page, 'zero-exponent-kept', 'No: the state still decays');

  // Detuned by 5%: every zero exponent is gone and the signal decays.
  await moveGain(page, 'ArrowLeft', 1, 0.95);
  // The measurement of the network before the change must not count for the new one.
  assert.equal(await page.evaluate((w) => document.querySelector(w).measures.log_gradient_at_T, WIDGET), null);
  // Frames for the page to check its tasks against the new measures.
  await framesPass(page);
  assert.equal(await page.locator('section[data-task="detune"]').getAttribute('data-state'), 'open');
  await measurePersistence(page);
  await done(page, 'detune');

  await choose(page, 'Initialization of W', 'qpta', { initialization: 'qpta' });
  await measurePersistence(page);
  await done(page, 'persist');
  await answerChoice(page, 'which-survives', 'The QPTA network');

  await completeAndReload(page, 'learning-signals', LESSONS['learning-signals']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a student completes lesson 06: trains delayed recall and angular-velocity integration', { timeout: TIMEOUT.longest }, async () => {
  const { page, problems } = await site.newPage();
  await openLesson(page, 'training-in-your-browser');

  await train(page, 300);
  await done(page, 'recall-orthogonal');
  // The same press also answers the next task; the student reads it in the panel and counts it.
  const spectrum = page.locator('div.al-task-dock[data-task="trained-spectrum"][data-state="already-met"]');
  await spectrum.waitFor({ timeout: TIMEOUT.job });
  await spectrum.getByRole('button', { name: 'Count it' }).click();
  await done(page, 'trained-spectrum');

  await choose(page, 'Initialization of W', 'gaussian', { initialization: 'gaussian', steps: 0 });
  await moveGain(page, 'ArrowLeft', 10, 0.5);
  await train(page, 300);
  await done(page, 'recall-weak-gain');
  await answerChoice(page, 'weak-gain-result', 'Much worse');
  await answerChoice(page, 'long-trial-start', 'The orthogonal network as built');

  await choose(page, 'Initialization of W', 'orthogonal', { initialization: 'orthogonal' });
  await moveGain(page, 'ArrowRight', 10, 1);
  await setNumber(page, 'Trial length T (steps)', 50, { trial_length: 50 });
  await train(page, 300);
  await done(page, 'longer-recall');

  await choose(page, 'Task', 'angular_velocity', { task: 'angular_velocity' });
  await setNumber(page, 'Trial length T (steps)', 20, { trial_length: 20 });
  await train(page, 300);
  await done(page, 'angular-short');

  // Park et al.'s cell, seed 1: the browser's runs are the committed native runs, number for number.
  const committed = fs.readFileSync(new URL('../../experiments/results/park-n16.jsonl', import.meta.url), 'utf8').trim().split('\n')
    .map((line) => JSON.parse(line)).filter((run) => run.settings.seed === 1 && run.settings['task_params.steps'] === 128);
  const committedLoss = (variant) => committed.find((run) => run.variant === variant).mean_last_10_losses;
  for (const [id, variant, task] of [['park', 'identity', 'park-identity'], ['park_qpta', 'qpta', 'park-qpta']]) {
    await train(page, 1000, widgetById(id));
    await done(page, task);
    const loss = await page.evaluate((w) => document.querySelector(w).measures.mean_last_10_losses, widgetById(id));
    assert.ok(Math.abs(loss - committedLoss(variant)) < 1e-12, `${variant}: the browser's run ${loss}, the committed run ${committedLoss(variant)}`);
  }
  // The explanation quotes both runs as the widgets show them.
  await page.locator('section[data-task="park-qpta"]').getByText(/QPTA ended at 0\.\d{4},\s+the identity network at\s+0\.\d{4}/).waitFor({ timeout: TIMEOUT.job });
  await answerChoice(page, 'park-reading', 'QPTA did not win');

  // A perturbed identity start, then a perturbed QPTA start with the same ε, trial length and seeds.
  await choose(page, 'Task', 'delayed_recall', { task: 'delayed_recall' });
  await setNumber(page, 'Trial length T (steps)', 60, { trial_length: 60 });
  await choose(page, 'Initialization of W', 'identity', { initialization: 'identity' });
  await page.locator(WIDGET).first().getByLabel('Perturbation ε of initial W', { exact: true }).press('PageUp');
  await settled(page, { epsilon: 0.1, steps: 0 });
  await train(page, 300);
  await done(page, 'perturbed-attractor-start');
  const perturbed = await page.evaluate((w) => document.querySelector(w).measures, WIDGET);
  assert.ok(perturbed.gradient_ratio < 0.01 * perturbed.initial_gradient_ratio, `signal at start ${perturbed.gradient_ratio}, untrained ${perturbed.initial_gradient_ratio}`);
  // Only the relation between the two runs completes the next task: not yet after one run.
  assert.equal(await page.locator('section[data-task="perturbed-qpta-start"]').getAttribute('data-state'), 'open');
  await choose(page, 'Initialization of W', 'qpta', { initialization: 'qpta', steps: 0 });
  await train(page, 300);
  await done(page, 'perturbed-qpta-start');
  const runs = await page.evaluate((w) => document.querySelector(w).measures, WIDGET);
  assert.ok(runs.validation_loss < runs.previous_validation_loss, `qpta ${runs.validation_loss}, identity ${runs.previous_validation_loss}`);

  await page.screenshot({ path: path.join(artifactsDir, 'lesson-06-training.png'), fullPage: true });
  await completeAndReload(page, 'training-in-your-browser', LESSONS['training-in-your-browser']);
  assert.deepEqual(problems, []);
  await page.close();
});
