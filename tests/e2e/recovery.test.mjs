// Reliability in the browser: a real trap in one widget's module restarts that widget's worker
// and the widget comes back with its last settings and says so, while another widget on the same
// page keeps running; a divergence pauses with a message and an offer to go back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT, untilText, untilUrl } from './wait.mjs';

const site = useSite({ sources: true });

test('a trapped widget restarts with its settings; its neighbour keeps running', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/references`);
  await page.evaluate(async () => {
    const { loadWidget } = await import('./src/widgets/catalog.js');
    await Promise.all([loadWidget('line'), loadWidget('ring')]);
    const main = document.querySelector('main');
    const line = document.createElement('al-line');
    line.setAttribute('config', 'epsilon=0.01&n=32');
    const ring = document.createElement('al-ring');
    ring.setAttribute('config', 'n=64');
    main.append(line, ring);
    await Promise.all([line.ready, ring.ready]);
    line.play();
    ring.play();
  });
  await page.waitForFunction(() => document.querySelector('al-ring').measures.time_s > 0.5, null, { timeout: TIMEOUT.job });

  const before = await page.evaluate(async () => {
    const line = document.querySelector('al-line');
    const ring = document.querySelector('al-ring');
    const ringTime = ring.measures.time_s;
    line.client.request('trapForTesting').catch(() => {});
    return { ringTime, restarts: line.client.restarts };
  });
  assert.equal(before.restarts, 0);

  // The trapped widget says what happened and comes back with its settings (a fresh run).
  await page.waitForFunction(() => document.querySelector('al-line .al-error')?.dataset.kind === 'restart', null, { timeout: TIMEOUT.job });
  const line = await page.evaluate(() => {
    const element = document.querySelector('al-line');
    return { message: element.querySelector('.al-error').textContent, params: element.model.params,
      restarts: element.client.restarts, eigenvalue: element.measures.memory_eigenvalue };
  });
  assert.match(line.message, /internal error and was restarted; your settings were restored/);
  assert.equal(line.restarts, 1);
  assert.equal(line.params.epsilon, 0.01);
  assert.equal(line.params.n, 32);
  assert.notEqual(line.eigenvalue, 1, 'the perturbation is in force again');
  await page.evaluate(() => document.querySelector('al-line').play());
  await page.waitForFunction(() => document.querySelector('al-line').measures.time_s > 0.3, null, { timeout: TIMEOUT.job });

  // The neighbour did not notice: same worker, time went on from where it was.
  const ring = await page.evaluate(() => ({ time: document.querySelector('al-ring').measures.time_s,
    restarts: document.querySelector('al-ring').client.restarts }));
  assert.equal(ring.restarts, 0);
  assert.ok(ring.time > before.ringTime, `ring time ${before.ringTime} -> ${ring.time}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a diverging memory pauses with a message and goes back to the last good state on request', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  // Tuned above 1 by a large perturbation: the memory runs away exponentially.
  await page.goto(`${site.url}#/playground/line?epsilon=0.2&perturbation_seed=3&n=8`);
  await page.waitForSelector('al-line[data-ready="true"]', { timeout: TIMEOUT.ready });
  const eigenvalue = await page.evaluate(() => document.querySelector('al-line').measures.memory_eigenvalue);
  if (eigenvalue <= 1) {
    // This seed leaks instead of running away; a seed that runs away is searched by the same slider a student uses.
    for (let seed = 4; seed < 40; seed++) {
      await page.getByLabel('Perturbation seed', { exact: true }).fill(String(seed));
      await page.getByLabel('Perturbation seed', { exact: true }).press('Enter');
      // Applied (the network rebuilt and its measures published) once the address carries it.
      await untilUrl(page, new RegExp(`perturbation_seed=${seed}(&|$)`));
      if (await page.evaluate(() => document.querySelector('al-line').measures.memory_eigenvalue > 1.05)) break;
    }
  }
  assert.ok(await page.evaluate(() => document.querySelector('al-line').measures.memory_eigenvalue > 1));
  await page.selectOption('al-line select[data-control="speed"]', '10');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => document.querySelector('al-line .al-error')?.dataset.kind === 'divergence', null, { timeout: TIMEOUT.job });
  const state = await page.evaluate(() => {
    const element = document.querySelector('al-line');
    return { playing: element.model.playing, text: element.querySelector('.al-error').textContent,
      drawn: element.model.history.values.every((v) => Number.isFinite(v)) };
  });
  assert.equal(state.playing, false, 'the run paused');
  assert.match(state.text, /diverged/);
  assert.equal(state.drawn, true, 'nothing non-finite is kept for drawing');
  await page.getByRole('button', { name: 'Reset to the last good state' }).click();
  await page.waitForFunction(() => document.querySelector('al-line').measures.time_s === 0);
  await untilText(page.locator('al-line .al-error'), '');
  assert.deepEqual(problems, []);
  await page.close();
});
