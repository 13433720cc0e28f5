// A long training session in Chromium must not grow the module's memory: the RNN trainer trains
// continuously and is reset (a new network in the worker, the old one deleted) every 20 seconds,
// and the wasm heap stays within 5% of its size after the first sixth of the run.
// SOAK_SECONDS sets the length: 600 under `make soak`, 30 in `make test`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, openSite } from '../e2e/browser.mjs';
import { TIMEOUT } from '../e2e/wait.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 30);
const RESET_EVERY_SECONDS = 20;

let site;
before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

test(`training for ${SECONDS} s keeps the wasm heap steady`, { timeout: SECONDS * 1000 + TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(`${site.url}#/playground/rnn-trainer`);
  await page.waitForSelector('al-rnn-trainer[data-ready="true"]', { timeout: TIMEOUT.ready });
  await page.getByRole('button', { name: 'Train continuously', exact: true }).click();
  const samples = [];
  const started = Date.now();
  let lastReset = started;
  while (Date.now() - started < SECONDS * 1000) {
    // A sample every 2 s of the run: the soak measures over time by design.
    await page.waitForTimeout(2000);
    if (Date.now() - lastReset > RESET_EVERY_SECONDS * 1000) {
      await page.getByRole('button', { name: 'Reset' }).click();
      await page.waitForFunction(() => document.querySelector('al-rnn-trainer').measures.steps === 0, null, { timeout: TIMEOUT.job });
      await page.getByRole('button', { name: 'Train continuously', exact: true }).click();
      lastReset = Date.now();
    }
    const sample = await page.evaluate(async () => {
      const element = document.querySelector('al-rnn-trainer');
      return { ...(await element.client.request('heapSize')), steps: element.measures.steps };
    });
    samples.push({ seconds: (Date.now() - started) / 1000, ...sample });
  }
  fs.mkdirSync(artifactsDir, { recursive: true });
  fs.writeFileSync(path.join(artifactsDir, 'soak-heap.json'), `${JSON.stringify({ seconds: SECONDS, samples }, null, 2)}\n`);
  const settled = samples.find((sample) => sample.seconds >= SECONDS / 6) ?? samples[0];
  const last = samples.at(-1);
  console.log(`heap ${settled.bytes} bytes at ${settled.seconds.toFixed(0)} s, ${last.bytes} at ${last.seconds.toFixed(0)} s; ` +
    `models alive at the end: ${last.models}`);
  assert.ok(samples.some((sample) => sample.steps > 0), 'it trained');
  assert.ok(last.bytes <= settled.bytes * 1.05, `the heap grew from ${settled.bytes} to ${last.bytes} bytes`);
  assert.ok(last.models <= 2, `${last.models} models alive in the worker: handles are not deleted`);
  assert.deepEqual(problems, []);
  await page.close();
});
