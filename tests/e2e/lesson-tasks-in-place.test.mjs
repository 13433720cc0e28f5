// Tasks complete where the student is looking, for the reason they were set, on a 1366 x 768
// laptop screen: a task counts only once reached and after its check has held with the control
// let go; a value swept past does not count; one action does not complete two tasks; the
// completion is shown beside the widget, in the window; and a slider and the plot it moves are
// on screen together.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openLesson, param, waitForTask, widgetSelector } from './lesson-student.mjs';
import { useSite } from './browser.mjs';
import { TIMEOUT, untilText } from './wait.mjs';

const site = useSite();

const LAPTOP = { width: 1366, height: 768 };

// Presses a key once on a focused slider and waits until the widget reports the new value among
// its measures (as a person waits for the display to follow).
async function press(page, widgetId, control, key) {
  const before = await param(page, widgetId, 'epsilon');
  await control.focus();
  await control.press(key);
  await page.waitForFunction(([w, old]) => {
    const element = document.querySelector(w);
    return element.model.params.epsilon !== old && element.measures.epsilon === element.model.params.epsilon;
  }, [widgetSelector(widgetId), before], { timeout: TIMEOUT.ui });
}

// The rectangle of an element in the window, and the window's size.
const rectOf = (locator) => locator.evaluate((element) => {
  const r = element.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: innerHeight, width: innerWidth };
});
const inWindow = (r) => r.top >= 0 && r.bottom <= r.height && r.left >= 0 && r.right <= r.width;

test('lesson 2 at 1366 x 768: slider beside the plot; setting epsilon for task 1 completes task 1 only, shown beside the widget', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await page.setViewportSize(LAPTOP);
  await openLesson(page, site.url, 'fine-tuning');
  const line = page.locator(widgetSelector('line2'));
  const epsilon = line.getByLabel('Perturbation ε', { exact: true });
  const plot = line.locator('canvas').first();

  // The student looks at the plot and reaches for the slider: both are on screen at once.
  await plot.scrollIntoViewIfNeeded();
  const plotRect = await rectOf(plot);
  const sliderRect = await rectOf(epsilon);
  assert.ok(inWindow(plotRect), `the plot is in the window: ${JSON.stringify(plotRect)}`);
  assert.ok(inWindow(sliderRect), `the epsilon slider is in the window with the plot: ${JSON.stringify(sliderRect)}`);

  await line.locator('[data-control="speed"]').selectOption('5');
  await line.getByRole('button', { name: 'Play' }).click();
  // Epsilon about 0.01: six big steps and one small one.
  for (let i = 0; i < 6; i++) await press(page, 'line2', epsilon, 'PageUp');
  await press(page, 'line2', epsilon, 'ArrowRight');
  await waitForTask(page, 'line-small');

  // The completion is announced in the panel beside the widget, inside the window.
  const dock = page.locator('div.al-task-dock[data-dock="line2"]');
  const message = dock.locator('p.al-dock-done');
  await untilText(message, /^Task 1 done\. Next here: task 2\.$/);
  assert.equal(await message.getAttribute('aria-live'), 'polite');
  const messageRect = await rectOf(message);
  const widgetRect = await rectOf(line);
  assert.ok(inWindow(messageRect), `the completion message is in the window: ${JSON.stringify(messageRect)}`);
  assert.ok(widgetRect.top < messageRect.bottom && messageRect.top < widgetRect.bottom, 'the message is level with the widget');
  assert.ok(messageRect.left - widgetRect.right < 40, 'the message is beside the widget');
  await untilText(dock.locator('.al-dock-heading'), 'Task 2 of 5');

  // At this epsilon the memory holds 10 to 15 s, so the check of task 3 holds; but task 3 is not
  // reached (task 2 is open), so it does not count.
  const tenSeconds = page.locator('section[data-task="ten-seconds"]');
  await page.locator('section[data-task="ten-seconds"][data-check="true"]').waitFor({ timeout: TIMEOUT.job });
  assert.equal(await tenSeconds.getAttribute('data-state'), 'open');
  assert.equal(await tenSeconds.getAttribute('data-reached'), 'false');

  // The panel leads to the task's hints in the text, on the same lesson page.
  await dock.getByRole('button', { name: 'Hints and details' }).click();
  await page.waitForFunction(() => document.activeElement?.closest('section[data-task]')?.dataset.task === 'line-large', null, { timeout: TIMEOUT.ui });
  assert.equal(await page.evaluate(() => location.hash), '#/lesson/fine-tuning');
  assert.deepEqual(problems, []);
  await page.close();
});

test('lesson 2: sweeping the ring\'s epsilon through the target range with a held key does not complete the task', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await page.setViewportSize(LAPTOP);
  await openLesson(page, site.url, 'fine-tuning');
  const ring = page.locator(widgetSelector('ring1'));
  const dock = page.locator('div.al-task-dock[data-dock="ring1"]');
  // The student goes to the ring's first task directly.
  await dock.getByRole('button', { name: 'Work on this task now' }).click();
  await page.locator('section[data-task="ring-ten-seconds"][data-reached="true"]').waitFor();

  const epsilon = ring.getByLabel('Perturbation ε', { exact: true });
  await epsilon.focus();
  const inRange = (value) => value >= 0.05 && value <= 0.1;
  const rms = () => page.evaluate((w) => document.querySelector(w).measures.profile_rms_drift_deg_per_s, widgetSelector('ring1'));
  // Holding the right arrow down: each repeat moves the slider one step; the widget publishes
  // its measures at every value on the way, into the range the task asks for and past it.
  let passedThrough = false;
  for (let k = 0; k < 60; k++) {
    const before = await param(page, 'ring1', 'epsilon');
    await page.keyboard.down('ArrowRight');
    await page.waitForFunction(([w, old]) => {
      const element = document.querySelector(w);
      return element.model.params.epsilon !== old && element.measures.epsilon === element.model.params.epsilon;
    }, [widgetSelector('ring1'), before], { timeout: TIMEOUT.ui });
    const value = await rms();
    if (inRange(value)) {
      passedThrough = true;
      // The page has evaluated these measures: the check holds, but the key is still down.
      await page.locator('section[data-task="ring-ten-seconds"][data-check="true"]').waitFor();
      await untilText(dock.locator('.al-dock-state'), 'Let go of the control to check.');
    }
    if (value > 0.2) break;
  }
  await page.keyboard.up('ArrowRight');
  assert.ok(passedThrough, 'the sweep went through the range of the task');
  // Released past the range: the check does not hold, and the task is still open.
  await page.locator('section[data-task="ring-ten-seconds"][data-check="false"]').waitFor();
  assert.equal(await page.locator('section[data-task="ring-ten-seconds"]').getAttribute('data-state'), 'open');
  assert.deepEqual(problems, []);
  await page.close();
});

test('lesson 6: one Train press completes task 1, not task 2 as well; task 2 waits to be read and counted', { timeout: TIMEOUT.longest }, async () => {
  const { page, problems } = await site.newPage();
  await page.setViewportSize(LAPTOP);
  await openLesson(page, site.url, 'training-in-your-browser', TIMEOUT.job);
  const net = page.locator(widgetSelector('net'));
  await net.getByRole('button', { name: 'Train', exact: true }).click();
  await waitForTask(page, 'recall-orthogonal', TIMEOUT.longJob);
  // Training and the analyses after it are over, and the page has checked task 2 against them.
  await page.waitForFunction((w) => {
    const { model } = document.querySelector(w);
    return !model.job && model.analysedSteps === model.measures.steps;
  }, widgetSelector('net'), { timeout: TIMEOUT.job });
  await page.locator('section[data-task="trained-spectrum"][data-check="true"]').waitFor({ timeout: TIMEOUT.job });
  const dock = page.locator('div.al-task-dock[data-dock="net"]');
  await page.locator('div.al-task-dock[data-dock="net"][data-state="already-met"]').waitFor({ timeout: TIMEOUT.ui });
  assert.equal(await page.locator('section[data-task="trained-spectrum"]').getAttribute('data-state'), 'open');
  const taskCount = fs.readFileSync(new URL('../../lessons/06-training-in-your-browser.md', import.meta.url), 'utf8').match(/^::: task /gm).length;
  await untilText(dock.locator('.al-dock-heading'), `Task 2 of ${taskCount}`);
  // Read and counted, it is done.
  await dock.getByRole('button', { name: 'Count it' }).click();
  await waitForTask(page, 'trained-spectrum');
  await untilText(dock.locator('p.al-dock-done'), /^Task 2 done\. Next here: task 3\.$/);
  assert.deepEqual(problems, []);
  await page.close();
});
