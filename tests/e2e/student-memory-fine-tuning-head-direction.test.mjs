// A scripted student works through the lessons on memory as a place, the fine-tuning problem and
// head direction on the built site, with the real widgets in a real Chromium: sliders by
// keyboard, buttons, number fields, selects and the quiz forms, reading the readouts like a
// person would, never calling a check or setting a measure. Each lesson must then say it is
// complete, and still say so after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerChoice, answerNumber, countAsItIs, finishLesson, openLesson, param, pressKey, waitForTask, widgetSelector,
} from './lesson-student.mjs';
import { useSite } from './browser.mjs';
import { TIMEOUT, untilReadoutShowsMeasure, untilText } from './wait.mjs';

const site = useSite();

// What the student sees: a readout next to the plots, as a number, once it shows the widget's
// current measure (it is redrawn on the next animation frame after the measures change, and says
// "settling…" meanwhile; until then it may still show the value before the last change).
const readout = (page, widgetId, measure) => untilReadoutShowsMeasure(page, widgetSelector(widgetId), measure);

// Presses a key as pressKey does; a new perturbation is also waited for until it is in force.
async function press(page, widgetId, control, key) {
  const name = await control.getAttribute('data-param');
  await pressKey(page, widgetId, control, key);
  // A perturbation is in force once the widget reports it among its measures.
  if (name === 'epsilon') {
    await page.waitForFunction((w) => {
      const element = document.querySelector(w);
      return element.measures.epsilon === element.model.params.epsilon;
    }, widgetSelector(widgetId), { timeout: TIMEOUT.ui });
  }
}

async function pressTimes(page, widgetId, control, key, times) {
  for (let i = 0; i < times; i++) await press(page, widgetId, control, key);
}

test('lesson 1: store a value, find the zero eigenvalue, make the memory leak and run away', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await openLesson(page, site.url, 'memory-as-a-place');
  const line = page.locator(widgetSelector('line1'));

  // Store -0.6 with the keyboard (each step of the slider stores), then let the pulse run.
  await pressTimes(page, 'line1', line.getByLabel('Value to store', { exact: true }), 'ArrowLeft', 16);
  await line.locator('[data-control="speed"]').selectOption('5');
  await line.getByRole('button', { name: 'Play' }).click();
  await waitForTask(page, 'store-negative');
  // Tuned, the measured drift over 3 s after settling is zero: the widget shows it while the
  // student watches, and the student counts it in the task panel.
  await countAsItIs(page, 'zero-eigenvalue');
  assert.equal(await readout(page, 'line1', 'measured_drift_rate_per_s'), 0);

  await answerChoice(page, 'how-many-places', 'Exactly one');

  // A prediction first, then perturb: seven big steps of the log slider take epsilon to about 0.02.
  const prediction = page.locator('section[data-prediction="which-way"]');
  await prediction.getByText('It stays where it was stored.').click();
  await prediction.getByRole('button', { name: 'Record my prediction' }).click();
  const epsilon = line.getByLabel('Perturbation ε', { exact: true });
  await pressTimes(page, 'line1', epsilon, 'PageUp', 7);
  await waitForTask(page, 'leak');
  // The page says what the measurement showed instead, and why.
  await untilText(prediction.locator('.al-prediction-verdict'), /^Your prediction was not borne out: you predicted “It stays where it was stored\.”, the measurement says “It leaks toward zero\.”\./);
  await untilText(prediction.locator('.al-prediction-outcome'), /The sign of [\s\S]*decides it[\s\S]*a random perturbation almost never leaves/);
  assert.ok((await readout(page, 'line1', 'memory_eigenvalue')) < 1);

  // Another perturbation seed moves the eigenvalue the other way.
  const seed = line.getByLabel('Perturbation seed', { exact: true });
  await seed.fill('2');
  await seed.press('Enter');
  await waitForTask(page, 'run-away');
  assert.ok((await readout(page, 'line1', 'memory_eigenvalue')) > 1);
  await line.getByRole('button', { name: 'Pause' }).click();

  await answerNumber(page, 'jacobian-eigenvalue', -0.02);
  await answerNumber(page, 'other-tau', 2);
  await finishLesson(page, problems, 'memory-as-a-place', 'lesson-memory-as-a-place.png');
});

test('lesson 2: drift against epsilon, a memory for 10 s, and the ring collapsing onto its fixed points', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await openLesson(page, site.url, 'fine-tuning');
  const line = page.locator(widgetSelector('line2'));
  const lineEpsilon = line.getByLabel('Perturbation ε', { exact: true });
  await line.locator('[data-control="speed"]').selectOption('5');
  await line.getByRole('button', { name: 'Play' }).click();

  // Epsilon about 0.01: six big steps and one small one.
  await pressTimes(page, 'line2', lineEpsilon, 'PageUp', 6);
  await press(page, 'line2', lineEpsilon, 'ArrowRight');
  await waitForTask(page, 'line-small');
  const small = await readout(page, 'line2', 'measured_drift_rate_per_s');
  // Ten times larger: three big steps.
  await pressTimes(page, 'line2', lineEpsilon, 'PageUp', 3);
  await waitForTask(page, 'line-large');
  const large = await readout(page, 'line2', 'measured_drift_rate_per_s');
  assert.ok(Math.abs(large / small - 10) < 1, `rates ${small} and ${large} per second`);
  await answerNumber(page, 'tenfold', (large / small).toFixed(2));

  await answerNumber(page, 'tuning-precision', 0.001);
  await answerNumber(page, 'gaze-drift', 60);
  // Smaller, one step at a time, until the memory holds for 10 s.
  const holdTime = () => page.evaluate((w) => document.querySelector(w).measures.hold_time_s, widgetSelector('line2'));
  while ((await holdTime()) < 10) await press(page, 'line2', lineEpsilon, 'ArrowLeft');
  await waitForTask(page, 'ten-seconds');
  await line.getByRole('button', { name: 'Pause' }).click();

  const ring = page.locator(widgetSelector('ring1'));
  const ringEpsilon = ring.getByLabel('Perturbation ε', { exact: true });
  await ring.locator('[data-control="speed"]').selectOption('10');
  await ring.getByRole('button', { name: 'Play' }).click();
  // Up from zero one step at a time until the rms drift reaches 0.05 degrees per second.
  do await press(page, 'ring1', ringEpsilon, 'ArrowRight');
  while ((await readout(page, 'ring1', 'profile_rms_drift_deg_per_s')) < 0.05);
  await waitForTask(page, 'ring-ten-seconds');

  // A strong perturbation: the bump slides to a stable fixed point and stops there.
  while ((await param(page, 'ring1', 'epsilon')) < 0.05) await press(page, 'ring1', ringEpsilon, 'PageUp');
  await ring.getByRole('button', { name: 'Cue the bump' }).click();
  await waitForTask(page, 'ring-collapse');
  await ring.getByRole('button', { name: 'Pause' }).click();
  await answerNumber(page, 'count', await readout(page, 'ring1', 'fixed_point_count'));

  await finishLesson(page, problems, 'fine-tuning', 'lesson-fine-tuning.png');
});

test('lesson 7: the ring and the oscillators tuned, perturbed while turning and at rest, and under noise; detuned oscillators and the tongue\'s edge', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await openLesson(page, site.url, 'head-direction');
  const duel = page.locator(widgetSelector('duel'));
  const runMinute = async () => {
    await duel.getByRole('button', { name: 'Run to 60 s' }).click();
    await page.waitForFunction((w) => {
      const element = document.querySelector(w);
      return element.measures.time_s >= 60 && !element.querySelector('[data-control="run"]').disabled;
    }, widgetSelector('duel'), { timeout: TIMEOUT.job });
  };

  await runMinute();
  await waitForTask(page, 'tuned-minute');

  // Epsilon about 0.02 from the keyboard, then the same turns again from the start.
  const epsilon = duel.getByLabel('Perturbation ε', { exact: true });
  await pressTimes(page, 'duel', epsilon, 'PageUp', 6);
  await pressTimes(page, 'duel', epsilon, 'ArrowRight', 3);
  await duel.getByRole('button', { name: 'Reset' }).click();
  await page.waitForFunction((w) => document.querySelector(w).measures.time_s === 0, widgetSelector('duel'));
  await runMinute();
  await waitForTask(page, 'perturbed-turning');

  // The head stays still (choosing it restarts the run).
  await duel.getByLabel('Head movement', { exact: true }).selectOption('rest');
  await page.waitForFunction((w) => document.querySelector(w).measures.time_s === 0, widgetSelector('duel'));
  await runMinute();
  await waitForTask(page, 'perturbed-rest');
  await answerChoice(page, 'no-winner', 'It depends on the disturbance');
  await answerNumber(page, 'noise-size', 10);

  // Tuned again, turning, with state noise 0.1.
  await epsilon.focus();
  await epsilon.press('Home');
  await page.waitForFunction((w) => document.querySelector(w).measures.epsilon === 0, widgetSelector('duel'));
  await duel.getByLabel('Head movement', { exact: true }).selectOption('turning');
  await pressTimes(page, 'duel', duel.getByLabel('State noise', { exact: true }), 'ArrowRight', 10);
  await page.waitForFunction((w) => document.querySelector(w).measures.time_s === 0, widgetSelector('duel'));
  await runMinute();
  await waitForTask(page, 'noisy-turning');

  // Detuned, tuned weights: Δω = 0.1 rad/s from the keyboard (each step restarts the run).
  const tongue = page.locator(widgetSelector('tongue'));
  const tongueReady = (deltaOmega) => page.waitForFunction(([w, d]) => {
    const element = document.querySelector(w);
    return element.measures.delta_omega === d && element.measures.time_s === 0;
  }, [widgetSelector('tongue'), deltaOmega], { timeout: TIMEOUT.ui });
  const runTongueMinute = async () => {
    const before = await page.evaluate((w) => document.querySelector(w).measures.time_s, widgetSelector('tongue'));
    await tongue.getByRole('button', { name: 'Run to 60 s' }).click();
    await page.waitForFunction(([w, start]) => {
      const element = document.querySelector(w);
      return element.measures.time_s >= start + 60 - 1e-9 && !element.querySelector('[data-control="run"]').disabled;
    }, [widgetSelector('tongue'), before], { timeout: TIMEOUT.job });
  };
  const deltaOmega = tongue.getByLabel('Frequency difference Δω', { exact: true });
  await pressTimes(page, 'tongue', deltaOmega, 'ArrowRight', 20);
  await tongueReady(0.1);
  await runTongueMinute();
  await waitForTask(page, 'detuned-drift');

  // Perturbed with ε = 0.212 (nine PageUp steps), then Δω = 0.13 locks and 0.135 drifts.
  await pressTimes(page, 'tongue', tongue.getByLabel('Perturbation ε', { exact: true }), 'PageUp', 9);
  await page.waitForFunction((w) => document.querySelector(w).measures.epsilon === 0.212, widgetSelector('tongue'), { timeout: TIMEOUT.ui });
  await pressTimes(page, 'tongue', deltaOmega, 'ArrowRight', 6);
  await tongueReady(0.13);
  await runTongueMinute();
  await untilText(tongue.locator('[data-measure="oscillator_locked"]'), 'locked (at rest)');
  await pressTimes(page, 'tongue', deltaOmega, 'ArrowRight', 1);
  await tongueReady(0.135);
  await runTongueMinute();
  await untilText(tongue.locator('[data-measure="oscillator_locked"]'), 'drifting');
  await waitForTask(page, 'tongue-edge');

  await finishLesson(page, problems, 'head-direction', 'lesson-head-direction.png');
});
