// Long jobs can be interrupted: at the largest RNN-trainer setting (256 hidden units, trials of
// 2000 steps) a training step takes far longer than a chunk's 100 ms, so the worker runs one step
// per chunk; Stop, Pause and a new setting end the running job after at most one further chunk,
// a Stop during an analysis starts no further analysis, and leaving the page terminates the
// widget's worker at once. Chunks are counted from the worker's progress messages and requests
// (seen through a wrapper on Worker installed before the page runs), never timed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, parseReadout } from './browser.mjs';
import { TIMEOUT } from './wait.mjs';

const site = useSite();

const WIDGET = 'al-rnn-trainer';
const LARGE = 'hidden=256&trial_length=2000';
const LONG = { timeout: TIMEOUT.longest };

// Records every request the page sends to a worker and every progress message a worker sends
// back ({worker, op, handle, done, steps}), and every worker created and terminated.
function recordWorkers() {
  const NativeWorker = globalThis.Worker;
  const jobs = { workers: 0, terminated: 0, requests: new Map(), sent: [], progress: [] };
  globalThis.jobLog = jobs;
  const post = NativeWorker.prototype.postMessage;
  NativeWorker.prototype.postMessage = function postMessage(message, ...rest) {
    if (message?.op && message.id !== undefined) {
      jobs.requests.set(`${this.jobIndex}:${message.id}`, { op: message.op, handle: message.handle });
      jobs.sent.push(message.op);
    }
    return post.call(this, message, ...rest);
  };
  const terminate = NativeWorker.prototype.terminate;
  NativeWorker.prototype.terminate = function terminateWorker() {
    if (!this.jobTerminated) jobs.terminated += 1;
    this.jobTerminated = true;
    return terminate.call(this);
  };
  globalThis.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.jobIndex = jobs.workers;
      jobs.workers += 1;
      this.addEventListener('message', ({ data }) => {
        if (data?.progress === undefined) return;
        const request = jobs.requests.get(`${this.jobIndex}:${data.id}`) ?? {};
        jobs.progress.push({ worker: this.jobIndex, op: request.op, handle: request.handle,
          done: data.progress.done ?? null, steps: data.progress.measures?.steps ?? null });
      });
    }
  };
}

const progressText = (page) => page.locator(`${WIDGET} .al-progress span`);
const stepsTrained = async (page) => parseReadout(await page.locator(`${WIDGET} [data-measure="steps"]`).innerText());
const progressCount = (page) => page.evaluate(() => globalThis.jobLog.progress.length);
const trainProgressSince = (page, mark) => page.evaluate((m) => globalThis.jobLog.progress.slice(m).filter((p) => p.op === 'train'), mark);

// Clicks a control in the page and returns, at that instant, how many progress messages had
// arrived and requests been sent, and the trainer's step count in the last progress message.
function clickAndMark(page, selector) {
  return page.evaluate((s) => {
    const log = globalThis.jobLog;
    const trained = log.progress.filter((p) => p.op === 'train').at(-1)?.steps ?? null;
    document.querySelector(s).click();
    return { mark: log.progress.length, sent: log.sent.length, trained };
  }, selector);
}

// The analyses started since a mark (a Stop ends the chain of analyses it interrupts).
const analysesSince = (page, mark) => page.evaluate((m) => globalThis.jobLog.sent.slice(m.sent).filter((op) => op === 'analyze').length, mark);

// Opens the widget at the large setting and stops the first pictures of the new network (a long
// job at this size): Stop ends an analysis after at most one more chunk, and the widget is ready.
async function openLarge() {
  const { page, problems } = await site.newPage();
  await page.addInitScript(recordWorkers);
  await page.goto(`${site.url}#/playground/rnn-trainer?${LARGE}`);
  await page.waitForFunction((w) => /^Lyapunov spectrum: /.test(document.querySelector(`${w} .al-progress span`)?.textContent),
    WIDGET, { timeout: TIMEOUT.longJob });
  const stop = await clickAndMark(page, `${WIDGET} [data-control="stop"]`);
  await page.waitForFunction((w) => document.querySelector(`${w} .al-progress span`).dataset.state === 'stopped', WIDGET, { timeout: TIMEOUT.longJob });
  assert.match(await progressText(page).innerText(), /^Stopped \(lyapunov spectrum\) after 0 steps/);
  await page.waitForSelector(`${WIDGET}[data-ready="true"]`, { timeout: TIMEOUT.longJob });
  assert.equal(await analysesSince(page, stop), 0, 'no analysis started after Stop');
  return { page, problems };
}

// A training step of this size takes longer than a chunk: every progress message of a training
// job is one step further than the last one.
async function assertOneStepChunks(page) {
  const trains = await trainProgressSince(page, 0);
  assert.ok(trains.length >= 2, `${trains.length} training progress messages`);
  trains.forEach((report, i) => {
    if (i > 0 && report.done !== 1) assert.equal(report.done, trains[i - 1].done + 1, `chunk ${i}: done ${trains[i - 1].done} -> ${report.done}`);
  });
}

test('at 256 units and trials of 2000 steps, Stop and Pause end a job after at most one more chunk', LONG, async () => {
  const { page, problems } = await openLarge();
  const stepsField = page.getByLabel('Steps per Train press', { exact: true });
  await stepsField.fill('50');
  await stepsField.press('Enter');  // applied before the Train press that follows (one queue)

  // Train, then Stop once two steps are shown.
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction((w) => {
    const match = /^Training: (\d+) of 50 steps/.exec(document.querySelector(`${w} .al-progress span`).textContent);
    return match && Number(match[1]) >= 2;
  }, WIDGET, { timeout: TIMEOUT.longJob });
  const stop = await clickAndMark(page, `${WIDGET} [data-control="stop"]`);
  await page.waitForFunction((w) => document.querySelector(`${w} .al-progress span`).dataset.state === 'stopped', WIDGET, { timeout: TIMEOUT.longJob });
  const stoppedText = await progressText(page).innerText();
  const stoppedAt = Number(/^Stopped \(training\) after (\d+) steps/.exec(stoppedText)?.[1]);
  assert.ok(stoppedAt >= 2 && stoppedAt < 50, stoppedText);
  assert.ok(stoppedAt <= stop.trained + 1, `stopped at ${stoppedAt}, ${stop.trained} trained when Stop was pressed`);
  assert.ok((await progressCount(page)) - stop.mark <= 1, 'at most one chunk after Stop');
  await page.waitForFunction(([w, n]) => document.querySelector(`${w} [data-measure="steps"]`).textContent === String(n), [WIDGET, stoppedAt], { timeout: TIMEOUT.job });

  // Play, then Pause while the advance is training.
  const beforePlay = await progressCount(page);
  await page.getByRole('button', { name: 'Train continuously' }).click();
  await page.waitForFunction(([m]) => globalThis.jobLog.progress.slice(m).filter((p) => p.op === 'train').length >= 2, [beforePlay], { timeout: TIMEOUT.longJob });
  const pause = await clickAndMark(page, `${WIDGET} [data-control="play"]`);
  await page.getByRole('button', { name: 'Train continuously' }).waitFor({ timeout: TIMEOUT.job });
  // The advance ends, its steps are shown, and the pictures of the paused network are computed.
  await page.waitForFunction((w) => /^Lyapunov spectrum/.test(document.querySelector(`${w} .al-progress span`).textContent), WIDGET, { timeout: TIMEOUT.longJob });
  assert.ok((await trainProgressSince(page, pause.mark)).length <= 1, 'at most one training chunk after Pause');
  const paused = await stepsTrained(page);
  assert.ok(paused > stoppedAt && paused <= pause.trained + 1, `paused at ${paused}, ${pause.trained} trained when Pause was pressed`);

  // Stop also ends an analysis after at most one chunk.
  const stopAnalysis = await clickAndMark(page, `${WIDGET} [data-control="stop"]`);
  await page.waitForFunction((w) => document.querySelector(`${w} .al-progress span`).dataset.state === 'stopped', WIDGET, { timeout: TIMEOUT.longJob });
  assert.match(await progressText(page).innerText(), /^Stopped \(lyapunov spectrum\)/);
  assert.equal(await analysesSince(page, stopAnalysis), 0, 'no analysis started after Stop');
  await assertOneStepChunks(page);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a new setting ends the running training after at most one chunk and builds the new network', LONG, async () => {
  const { page, problems } = await openLarge();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction((w) => {
    const match = /^Training: (\d+) of 300 steps/.exec(document.querySelector(`${w} .al-progress span`).textContent);
    return match && Number(match[1]) >= 2;
  }, WIDGET, { timeout: TIMEOUT.longJob });
  const trainer = await page.evaluate(() => globalThis.jobLog.progress.filter((p) => p.op === 'train').at(-1));
  const hidden = page.getByLabel('Hidden units N', { exact: true });
  await hidden.fill('32');
  const change = await page.evaluate(() => ({ mark: globalThis.jobLog.progress.length }));
  await hidden.press('Enter');
  await page.waitForFunction((w) => /32 units initialized/.test(document.querySelector(`${w} [data-role="description"]`).textContent) &&
    document.querySelector(`${w} .al-progress span`).textContent === 'Idle after 0 steps', WIDGET, { timeout: TIMEOUT.longJob });
  // Nothing more ran on the old network than the chunk that was running (no analyses of it).
  const onOldNetwork = await page.evaluate(([m, t]) => globalThis.jobLog.progress.slice(m)
    .filter((p) => p.worker === t.worker && p.handle === t.handle), [change.mark, trainer]);
  assert.ok(onOldNetwork.length <= 1, `${onOldNetwork.length} chunks on the old network: ${JSON.stringify(onOldNetwork)}`);
  await assertOneStepChunks(page);
  assert.deepEqual(problems, []);
  await page.close();
});

test('leaving the page terminates the widget\'s worker in the middle of a long job', LONG, async () => {
  const { page, problems } = await site.newPage();
  await page.addInitScript(recordWorkers);
  await page.goto(`${site.url}#/playground/rnn-trainer?${LARGE}`);
  // The network is built and its first pictures are being computed (a long job at this size).
  await page.waitForFunction(() => globalThis.jobLog.progress.length >= 2, null, { timeout: TIMEOUT.longJob });
  const left = await page.evaluate(() => {
    location.hash = '#/';
    return { mark: globalThis.jobLog.progress.length, workers: globalThis.jobLog.workers };
  });
  await page.locator('#lesson-map-heading').waitFor({ timeout: TIMEOUT.job });
  await page.waitForFunction((n) => globalThis.jobLog.terminated >= n, left.workers, { timeout: TIMEOUT.job });
  const after = await page.evaluate(() => globalThis.jobLog.progress.length);
  assert.ok(after - left.mark <= 1, `${after - left.mark} progress messages after leaving`);
  assert.equal(await page.locator(WIDGET).count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('pagehide terminates every worker of the page', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.addInitScript(recordWorkers);
  await page.goto(`${site.url}#/playground/line`);
  await page.waitForSelector('al-line[data-ready="true"]', { timeout: TIMEOUT.ui });
  const workers = await page.evaluate(() => {
    dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    return globalThis.jobLog.workers;
  });
  assert.ok(workers >= 1);
  await page.waitForFunction((n) => globalThis.jobLog.terminated === n, workers, { timeout: TIMEOUT.ui });
  assert.deepEqual(problems, []);
  await page.close();
});
