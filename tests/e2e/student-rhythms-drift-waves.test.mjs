// A scripted student works through the lessons on rhythms that remember, drift you can undo and
// traveling waves on the built site, with the real widgets in a real Chromium: sliders by
// keyboard, buttons, selects, checkboxes and the quiz forms, never calling a check or setting a
// measure. Each lesson must then say it is complete, and still say so after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerChoice, answerNumber, checkMet, countAsItIs, finishLesson, finishTask, openLesson, pressKey, waitForTask, widgetSelector,
} from './lesson-student.mjs';
import { useSite } from './browser.mjs';
import { TIMEOUT, until } from './wait.mjs';

const site = useSite();

const measure = (page, widgetId, name) =>
  page.evaluate(([w, n]) => document.querySelector(w).measures[n], [widgetSelector(widgetId), name]);

// Types a value into a number field and commits it with Enter; waits until the widget took it.
async function type(page, widgetId, field, text) {
  const name = await field.getAttribute('data-param');
  await field.fill(text);
  await field.press('Enter');
  await page.waitForFunction(([w, n, v]) => document.querySelector(w).measures[n] === v,
    [widgetSelector(widgetId), name, Number(text)], { timeout: TIMEOUT.ui });
}

async function pressTimes(page, widgetId, control, key, times) {
  for (let i = 0; i < times; i++) await pressKey(page, widgetId, control, key);
}

test('lesson 3: a perturbed limit cycle and torus persist, the phase drifts, the tanh map locks in its tongues', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await openLesson(page, site.url, 'rhythms-that-remember');
  const osc = page.locator(widgetSelector('osc'));

  // Perturb: End takes epsilon to 1, two big steps back bring it to about 0.15.
  const epsilon = osc.getByLabel('Perturbation ε', { exact: true });
  await pressKey(page, 'osc', epsilon, 'End');
  await pressTimes(page, 'osc', epsilon, 'PageDown', 2);
  await page.waitForFunction((w) => {
    const element = document.querySelector(w);
    return element.measures.epsilon === element.model.params.epsilon;
  }, widgetSelector('osc'), { timeout: TIMEOUT.ui });
  const applied = await measure(page, 'osc', 'epsilon');
  assert.ok(applied >= 0.05 && applied <= 0.3, `epsilon ${applied}`);
  await osc.locator('[data-control="speed"]').selectOption('5');
  await osc.getByRole('button', { name: 'Play' }).click();
  await waitForTask(page, 'perturb-cycle');
  // The cycle persisted with nearly its unperturbed amplitude; only the frequency moved.
  assert.ok(await measure(page, 'osc', 'amplitude_change') < 0.05);
  await answerChoice(page, 'what-moved', 'The cycle survives');
  // The phase drift builds up while the student watches the same run.
  await countAsItIs(page, 'phase-drift');
  await osc.getByRole('button', { name: 'Pause' }).click();

  await osc.getByRole('button', { name: 'Lyapunov spectrum' }).click();
  await waitForTask(page, 'one-zero-exponent');

  // The same perturbation on the torus.
  await osc.getByLabel('Model', { exact: true }).selectOption('torus');
  await page.waitForFunction((w) => document.querySelector(w).measures.model === 'torus', widgetSelector('osc'), { timeout: TIMEOUT.ui });
  assert.equal(await measure(page, 'osc', 'epsilon'), applied, 'the perturbation stays in force');
  await osc.getByRole('button', { name: 'Play' }).click();
  await waitForTask(page, 'torus-persists');
  // The torus kept its radii while the observed block's phase moved away from the reference's.
  assert.ok(await measure(page, 'osc', 'amplitude_change') < 0.1);
  assert.ok(Math.abs(await measure(page, 'osc', 'phase_difference_rad')) > 1);
  await osc.getByRole('button', { name: 'Pause' }).click();
  await answerNumber(page, 'zero-exponents', 32);
  await answerChoice(page, 'robust-set-not-motion', 'The set persists, but the motion on it does not');

  // The tanh map: type a larger gain and an angle near pi/2 (1:4), then pi (1:2), then pi/4,
  // inside the QPTA region, where a weaker tongue locks the orbit too.
  const map = page.locator(widgetSelector('map'));
  const alpha = map.getByLabel('Gain α', { exact: true });
  const theta = map.getByLabel('Angle θ', { exact: true });
  await type(page, 'map', alpha, '4.5');
  await type(page, 'map', theta, '1.57');
  await waitForTask(page, 'one-to-four');
  assert.ok(Math.abs(await measure(page, 'map', 'rotation_number') - 0.25) < 1e-9, 'a quarter turn per step');
  await answerNumber(page, 'rotation-number', 0.5);
  await type(page, 'map', theta, '3.14');
  await waitForTask(page, 'one-to-two');
  await type(page, 'map', alpha, '3');
  await type(page, 'map', theta, '0.785');
  await waitForTask(page, 'locked-inside');
  assert.equal(await measure(page, 'map', 'period'), 8);

  await finishLesson(page, problems, 'rhythms-that-remember', 'lesson-rhythms-that-remember.png');
});

// Runs the arena's measure and waits until every chosen mechanism has been measured.
async function runArena(page) {
  const arena = page.locator(widgetSelector('arena'));
  await arena.getByRole('button', { name: 'Run the measure' }).click();
  await page.waitForFunction((w) => {
    const m = document.querySelector(w).measures;
    return !m.running && m.mechanisms_measured > 0 && m.mechanisms_measured === m.mechanisms_selected;
  }, widgetSelector('arena'), { timeout: TIMEOUT.job });
}

test('lesson 4: predict, measure, undo a squeeze, watch the ring collapse and its learning signal fade, average over seeds and torus networks', { timeout: TIMEOUT.longest }, async () => {
  const { page, problems } = await site.newPage();
  await openLesson(page, site.url, 'drift-you-can-undo');
  const arena = page.locator(widgetSelector('arena'));
  const cleared = () => page.waitForFunction((w) => document.querySelector(w).measures.mechanisms_measured === 0, widgetSelector('arena'));

  await answerNumber(page, 'collapse-score', 1);
  await arena.getByLabel(/Your prediction/).selectOption('limit_cycle');
  await runArena(page);
  await waitForTask(page, 'predict-and-measure');
  assert.equal(await measure(page, 'arena', 'prediction_at_run'), 'limit_cycle');

  // Without readout noise the line's squeeze is undone; raise epsilon until it is a big squeeze.
  await pressKey(page, 'arena', arena.getByLabel('Readout noise σ', { exact: true }), 'Home');
  await cleared();
  await runArena(page);
  const epsilon = arena.getByLabel('Perturbation ε', { exact: true });
  for (let i = 0; i < 3 && !(await checkMet(page, 'squeeze-is-not-loss')); i++) {
    await pressKey(page, 'arena', epsilon, 'PageUp');
    await cleared();
    await runArena(page);
  }
  await waitForTask(page, 'squeeze-is-not-loss');

  // Raise epsilon with big keyboard steps and measure again, until the ring has collapsed.
  for (let i = 0; i < 3 && !(await checkMet(page, 'watch-collapse')); i++) {
    await pressKey(page, 'arena', epsilon, 'PageUp');
    await cleared();
    await runArena(page);
  }
  await finishTask(page, 'watch-collapse');
  assert.ok(await measure(page, 'arena', 'ring_end_states') < await measure(page, 'arena', 'limit_cycle_end_states'));
  await answerChoice(page, 'why-undo', 'every memory shifts by the same phase');
  await answerChoice(page, 'two-compasses', 'B: once headings are squeezed together');
  // The same collapsed run shows the ring's learning signal fading and the limit cycle's kept.
  await countAsItIs(page, 'learning-signal');
  assert.ok(await measure(page, 'arena', 'ring_learning_signal_log10') < -2);

  // Torus networks and seeds, without the line attractor to keep the run short.
  await pressTimes(page, 'arena', arena.getByLabel('Torus networks averaged', { exact: true }), 'ArrowRight', 4);
  await pressTimes(page, 'arena', arena.getByLabel('Seeds (perturbations averaged)', { exact: true }), 'ArrowRight', 2);
  await arena.getByLabel('Line attractor', { exact: true }).uncheck();
  await page.waitForFunction((w) => document.querySelector(w).measures.mechanisms_selected === 3, widgetSelector('arena'));
  await runArena(page);
  await waitForTask(page, 'torus-networks');
  // The same run answers the next task; the student reads it and counts it.
  await countAsItIs(page, 'three-seeds');
  const fraction = await measure(page, 'arena', 'torus_networks_keeping');
  assert.ok(fraction >= 0 && fraction <= 1, `fraction ${fraction}`);

  await finishLesson(page, problems, 'drift-you-can-undo', 'lesson-drift-you-can-undo.png');
});

test('lesson 8: the lattice gives its input back, Fibonacci leaves the roots of unity, a trained RNN finds them (matched error against the untrained control)', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await openLesson(page, site.url, 'traveling-waves');
  const wave = page.locator(widgetSelector('wave'));

  await wave.getByRole('button', { name: 'Play' }).click();
  await waitForTask(page, 'copy-back');
  await wave.getByRole('button', { name: 'Pause' }).click();
  assert.equal(await measure(page, 'wave', 'recall_error'), 0);
  await answerNumber(page, 'root-spacing', 45);

  await wave.getByLabel('Task (boundary rule)', { exact: true }).selectOption('fibonacci');
  await page.waitForFunction((w) => document.querySelector(w).measures.rule === 'fibonacci', widgetSelector('wave'));
  await wave.getByRole('button', { name: 'Play' }).click();
  await waitForTask(page, 'fibonacci-spectrum');
  await wave.getByRole('button', { name: 'Pause' }).click();

  await wave.getByLabel('Task (boundary rule)', { exact: true }).selectOption('repeat_copy');
  await page.waitForFunction((w) => document.querySelector(w).measures.rule === 'repeat_copy', widgetSelector('wave'));
  await wave.getByRole('button', { name: 'Train an RNN on this task' }).click();
  await waitForTask(page, 'train-rnn', TIMEOUT.longJob);
  // The explanation reads the matched errors out as the page shows them: the untrained network's
  // (the control), then the step count, then the trained network's, at least five times smaller.
  const live = page.locator('section[data-task="train-rnn"] .al-live');
  const shown = await until(() => live.allInnerTexts(), (texts) => texts.length >= 5 && texts.slice(2, 5).every((t) => /^[0-9.]+$/.test(t.trim())),
    'the explanation to show the matched errors');
  const [untrained, steps, trained] = shown.slice(2, 5).map(Number);
  assert.ok(steps >= 600 && trained > 0 && trained * 5 < untrained, `matched error ${untrained} -> ${trained} after ${steps} steps`);
  // They are the widget's matched errors (3 decimals), not another measure.
  assert.ok(Math.abs(untrained - await measure(page, 'wave', 'rnn_matched_error_untrained')) <= 5e-4 + 1e-12, `untrained ${untrained}`);
  assert.ok(Math.abs(trained - await measure(page, 'wave', 'rnn_matched_error')) <= 5e-4 + 1e-12, `trained ${trained}`);
  await answerChoice(page, 'more-units', 'need not sit on the roots of unity');

  await finishLesson(page, problems, 'traveling-waves', 'lesson-traveling-waves.png');
});
