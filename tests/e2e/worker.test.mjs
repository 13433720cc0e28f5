// The promise API over the worker, in Chromium with the real module: long jobs report progress,
// can be stopped without losing the work done, and errors keep the core's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT } from './wait.mjs';

const site = useSite({ sources: true });

// Opens the site in `page` and runs `body(client)` there with a LabClient of the site's own,
// terminated afterwards whatever happens; resolves to what `body` returns. The body goes to the
// page as source text, so it may use nothing from this file.
async function withLabClient(page, body) {
  await page.goto(site.url);
  return page.evaluate(`(async () => {
    const { LabClient } = await import('./src/lab/client.js');
    const client = new LabClient();
    try {
      return await (${body})(client);
    } finally {
      client.terminate();
    }
  })()`);
}

test('a training job reports progress, stops when asked, and keeps what it learned', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  const outcome = await withLabClient(page, async (client) => {
    const trainer = await client.create('trainer', {
      task: 'delayed_recall', taskParams: { steps: 20, recall_steps: 3 },
      initialization: 'orthogonal', network: { hidden: 32 },
      optimizerParams: { learning_rate: 3e-3 }, training: { batch: 32 },
    });
    const controller = new AbortController();
    const reports = [];
    const stopped = await trainer.train(100000, {
      chunk: 10,
      signal: controller.signal,
      onProgress: (report) => {
        reports.push(report);
        if (reports.length === 3) controller.abort();
      },
    });
    const resumed = await trainer.train(20, { chunk: 10 });
    return {
      reports: reports.map((r) => ({ done: r.done, total: r.total, steps: r.measures.steps })),
      stopped: { done: stopped.done, cancelled: stopped.cancelled, losses: stopped.losses.length, steps: stopped.measures.steps },
      resumed: { done: resumed.done, cancelled: resumed.cancelled, steps: resumed.measures.steps, firstLoss: stopped.losses[0], lastLoss: resumed.losses.at(-1) },
    };
  });
  // Chunks are sized by time (about 100 ms), starting at one step, never above `chunk`.
  assert.deepEqual(outcome.reports[0], { done: 1, total: 100000, steps: 1 });
  outcome.reports.forEach((report, i) => {
    const previous = i === 0 ? 0 : outcome.reports[i - 1].done;
    assert.ok(report.done > previous && report.done <= previous + 10, `chunk ${i}: ${previous} -> ${report.done}`);
    assert.equal(report.steps, report.done);
  });
  assert.equal(outcome.stopped.cancelled, true);
  assert.ok(outcome.stopped.done >= outcome.reports[2].done && outcome.stopped.done < 100000);
  assert.equal(outcome.stopped.losses, outcome.stopped.done);
  assert.equal(outcome.stopped.steps, outcome.stopped.done);
  assert.equal(outcome.resumed.cancelled, false);
  assert.equal(outcome.resumed.done, 20);
  assert.equal(outcome.resumed.steps, outcome.stopped.done + 20, 'training continued where it stopped');
  assert.ok(outcome.resumed.lastLoss < outcome.resumed.firstLoss);
  assert.deepEqual(problems, []);
  await page.close();
});

test('analyses run in the worker with progress and can be stopped', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  const outcome = await withLabClient(page, async (client) => {
    const line = await client.create('line', { n: 16 });
    await line.perturb(0.05, 3);
    const reports = [];
    const spectrum = await line.analyze('lyapunov', { k: 2, transient_steps: 5000, steps: 4000 }, {
      budget: 500, onProgress: (report) => reports.push(report.progress),
    });
    const measures = await line.call('reset');
    const controller = new AbortController();
    let calls = 0;
    const stopped = await line.analyze('lyapunov', { k: 2, steps: 10000000 }, {
      budget: 1000, signal: controller.signal,
      onProgress: () => { if (++calls === 2) controller.abort(); },
    });
    const unknown = await line.analyze('entropy').catch((error) => error.message);
    return { reports, exponents: Array.from(spectrum.exponents), done: spectrum.done,
      predicted: measures.predicted_drift_rate_per_s, stopped: { cancelled: stopped.cancelled, done: stopped.done, progress: stopped.progress }, unknown };
  });
  assert.equal(outcome.done, true);
  assert.ok(outcome.reports.length >= 8, `${outcome.reports.length} progress reports`);
  assert.ok(outcome.reports.every((p, i) => i === 0 || p >= outcome.reports[i - 1]), 'progress only grows');
  assert.equal(outcome.reports.at(-1), 1);
  // The top exponent of the perturbed line attractor is its drift rate (Euler map, per second).
  assert.ok(Math.abs(outcome.exponents[0] - Math.log(1 + 0.001 * outcome.predicted) / 0.001) < 1e-3 * Math.max(1, Math.abs(outcome.predicted)),
    `${outcome.exponents[0]} vs ${outcome.predicted}`);
  assert.deepEqual({ cancelled: outcome.stopped.cancelled, done: outcome.stopped.done }, { cancelled: true, done: false });
  assert.ok(outcome.stopped.progress > 0 && outcome.stopped.progress < 0.01);
  assert.match(outcome.unknown, /unknown analysis "entropy"; known analyses: lyapunov, fixedPoints, gradientPersistence/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('errors from the core reach the page as rejected promises with the core\'s message', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  const messages = await withLabClient(page, async (client) => {
    const attempt = async (action) => {
      try {
        await action();
        return 'resolved';
      } catch (error) {
        return `${error instanceof Error}: ${error.message}`;
      }
    };
    const line = await client.create('line', {});
    return [
      await attempt(() => client.create('line', { dt: 0.5 })),
      await attempt(() => client.create('trainer', { task: 'copy' })),
      await attempt(() => client.create('torus3', {})),
      await attempt(() => line.perturb(-1, 1)),
      await attempt(() => line.call('delete')),
      await attempt(() => line.run(1.5)),
    ];
  });
  // The list of kinds grows with the lab; the message must name the bad kind and list the others.
  assert.match(messages[2], /^true: unknown model kind "torus3"; known kinds: line, trainer, ring, torus, /);
  messages.splice(2, 1);
  assert.deepEqual(messages, [
    'true: line attractor: dt = 0.5 is not allowed; dt must be a number from 1e-05 to 0.1 s',
    'true: task \'copy\' is not known; choose one of delayed_recall, adding, repeat_copy, lagged_copy, sine, angular_velocity, angular_integration',
    'true: line attractor perturb: epsilon = -1 is not allowed; epsilon must be a number from 0 to 1',
    'true: a line model has no method "delete"',
    'true: line attractor run: steps = 1.5 is not allowed; steps must be an integer from 0 to 10000000',
  ]);
  assert.deepEqual(problems, []);
  await page.close();
});
