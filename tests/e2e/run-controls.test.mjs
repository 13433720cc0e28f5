// One way to run each widget: the robustness arena's toolbar Play was a second "Run the measure",
// and the trainer had Train beside a toolbar Play and Step that trained too. Now the arena has one
// run button (Run the measure, then Stop) with Measure one mechanism beside it, and every way to
// train sits in the trainer's training row, labelled for what it does and described by one text
// that names each button as the student sees it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT, untilText } from './wait.mjs';

const site = useSite();

// The accessible description of a button: the texts its aria-describedby names.
const description = (locator) => locator.evaluate((button) => (button.getAttribute('aria-describedby') ?? '').split(/\s+/)
  .map((id) => document.getElementById(id)?.textContent ?? '').join(' '));

test('the arena has one run button, which stops the measure it started', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  // A long measure (the longest horizon, ten seeds), so that Stop always comes before its end.
  await page.goto(`${site.url}#/playground/robustness-arena?steps=100000&seeds=10&use_torus=false`);
  const arena = page.locator('al-robustness-arena[data-ready="true"]');
  await arena.waitFor({ timeout: TIMEOUT.ready });
  const names = await arena.getByRole('button').evaluateAll((buttons) => buttons.map((button) => button.textContent));
  assert.equal(names.filter((name) => /^(Run the measure|Play)$/.test(name)).length, 1, `one run button among ${names.join(', ')}`);
  const toolbar = arena.locator('[role="toolbar"]');
  assert.equal(await toolbar.getByRole('button', { name: /Play|Step|Run/ }).count(), 0, 'nothing in the toolbar runs the arena');
  const run = arena.locator('.al-progress').getByRole('button', { name: 'Run the measure', exact: true });
  const one = arena.locator('.al-progress').getByRole('button', { name: 'Measure one mechanism', exact: true });
  // Each says what the other does, by the name the student sees.
  for (const button of [run, one]) {
    const text = await description(button);
    assert.match(text, /Run the measure measures every chosen mechanism/);
    assert.match(text, /Measure one mechanism measures only the next/);
  }
  await run.click();
  const stop = arena.locator('.al-progress').getByRole('button', { name: 'Stop', exact: true });
  await stop.waitFor();
  assert.equal(await one.isDisabled(), true, 'no second measure while one runs');
  await stop.click();
  await untilText(arena.locator('.al-progress'), /Stopped\./, { timeout: TIMEOUT.job });
  await run.waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('every way to train is in the trainer\'s training row and says what it does', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/rnn-trainer?hidden=8&train_steps=40`);
  const trainer = page.locator('al-rnn-trainer[data-ready="true"]');
  await trainer.waitFor({ timeout: TIMEOUT.ready });
  const row = trainer.getByRole('group', { name: 'Training' });
  const labels = await row.getByRole('button').evaluateAll((buttons) => buttons.map((button) => button.textContent));
  assert.deepEqual(labels, ['Train', 'Train 10 steps', 'Train continuously', 'Stop']);
  assert.equal(await trainer.locator('[role="toolbar"]').getByRole('button', { name: /Play|Step|Train/ }).count(), 0, 'nothing in the toolbar trains');
  for (const name of ['Train', 'Train 10 steps', 'Train continuously']) {
    const text = await description(row.getByRole('button', { name, exact: true }));
    assert.match(text, /Train runs 40 steps \(Steps per Train press\) with progress and Stop/, name);
    assert.match(text, /Train 10 steps trains 10 steps at once/, name);
    assert.match(text, /Train continuously trains in small steps until you pause it/, name);
  }
  // Train continuously turns into Pause training while it runs.
  await row.getByRole('button', { name: 'Train continuously', exact: true }).click();
  await row.getByRole('button', { name: 'Pause training', exact: true }).click();
  await row.getByRole('button', { name: 'Train continuously', exact: true }).waitFor({ timeout: TIMEOUT.job });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the duel\'s Play, Step and Run to 60 s say that they advance the same run, and how they differ', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/hd-duel`);
  const duel = page.locator('al-hd-duel[data-ready="true"]');
  await duel.waitFor({ timeout: TIMEOUT.ready });
  const toolbar = duel.locator('[role="toolbar"]');
  for (const button of [toolbar.getByRole('button', { name: 'Play', exact: true }), toolbar.getByRole('button', { name: 'Step', exact: true }),
    duel.getByRole('button', { name: 'Run to 60 s', exact: true })]) {
    const text = await description(button);
    assert.match(text, /Play runs the duel as you watch and Step advances it a little/);
    assert.match(text, /Run to 60 s computes the rest of the minute at full speed/);
    assert.match(text, /All three continue the same run/);
  }
  assert.deepEqual(problems, []);
  await page.close();
});
