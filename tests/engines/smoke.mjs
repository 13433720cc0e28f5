// The smoke tier that Firefox and WebKit each run on the built site (Chromium runs the full suite
// in tests/e2e): every widget page starts with no error and runs; a scripted student completes
// lesson 1 and carries the progress to a new browser profile through a file; the embed page
// reports `ready` to a course page on another origin; an offline file runs from file://.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WIDGETS } from '../../web/src/widgets/catalog.js';
import { TIMEOUT } from '../e2e/wait.mjs';
import { openEngine, serveFor } from './engines.mjs';

// Finders, run in the page: what a student would look for.
// Each answers null until the page shows what it looks for (the drivers wait for an element).
const bySelector = (selector) => document.querySelector(selector);
const buttonNamed = (scope, name) => [...(document.querySelector(scope)?.querySelectorAll('button') ?? [])]
  .find((button) => button.textContent.trim() === name && !button.disabled) ?? null;
const stepButton = (scope) => document.querySelector(scope)?.querySelector('button[data-control="step"]:not([disabled])') ?? null;
const labelNamed = (scope, text) => [...(document.querySelector(scope)?.querySelectorAll('label') ?? [])]
  .find((label) => label.textContent.trim().startsWith(text)) ?? null;
// What a widget shows in words: its readouts and its description.
const shownText = (widget) => {
  const element = document.querySelector(widget);
  return `${element.querySelector('.al-readouts')?.innerText}|${element.querySelector('[data-role="description"]')?.innerText}`;
};
const shownTextDiffers = (widget, old) => {
  const element = document.querySelector(widget);
  return `${element.querySelector('.al-readouts')?.innerText}|${element.querySelector('[data-role="description"]')?.innerText}` !== old;
};
const quizAnswer = (scope) => document.querySelector(scope)?.querySelector('input:not([type="radio"]):not([type="checkbox"])') ?? null;

export function smokeTests(engine) {
  let browser;
  let site;
  let host;
  let hostDir;

  before(async () => {
    site = await serveFor(engine);
    hostDir = fs.mkdtempSync(path.join(os.tmpdir(), `course-${engine}-`));
    host = await serveFor(engine, { root: hostDir, contentSecurityPolicy: null });
    browser = await openEngine(engine, { origins: [site.url, host.url] });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (site ? site.server.close(resolve) : resolve()));
    await new Promise((resolve) => (host ? host.server.close(resolve) : resolve()));
    if (hostDir) fs.rmSync(hostDir, { recursive: true, force: true });
  });

  test(`${engine}: every widget page becomes ready with no error and runs a step`, { timeout: TIMEOUT.long }, async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${site.url}#/playground`);
      for (const { name } of WIDGETS) {
        const widget = `al-${name}`;
        await page.evaluate((hash) => { location.hash = hash; }, `#/playground/${name}`);
        await page.waitFor((w) => document.querySelector(w)?.dataset.ready === 'true', [widget],
          { what: `${widget} to be ready`, timeout: TIMEOUT.ready });
        // Runs: a step changes what the readouts or the description say.
        const before = await page.evaluate(shownText, widget);
        // The widget's Step, by its control name: the trainer and the arena name it for what it does.
        await page.click(stepButton, widget);
        await page.waitFor(shownTextDiffers, [widget, before], { what: `${widget}'s readouts to change after a step`, timeout: TIMEOUT.job });
        const error = await page.evaluate((w) => document.querySelector(`${w} .al-error`)?.innerText ?? '', widget);
        assert.equal(error, '', `${widget} shows no error`);
      }
      assert.deepEqual(await page.problems(), []);
    } finally {
      await page.close();
    }
  });

  test(`${engine}: a scripted student completes lesson 1; the progress goes to a file and into a new profile`, { timeout: TIMEOUT.long }, async () => {
    const lesson = 'memory-as-a-place';
    const line = '[data-widget-id="line1"]';
    let saved;
    const page = await browser.newPage();
    try {
      await page.goto(`${site.url}#/lesson/${lesson}`);
      await page.waitFor((id) => {
        const widgets = [...document.querySelectorAll(`article.al-lesson[data-lesson="${id}"] [data-widget-id]`)];
        return widgets.length > 0 && widgets.every((w) => w.dataset.ready === 'true');
      }, [lesson], { what: 'the lesson and its widget to be ready', timeout: TIMEOUT.ready });
      // On a timeout the error says where the widget was, as a person would look before asking.
      const taskDone = (task) => page.waitFor((t) => document.querySelector(`section[data-task="${t}"]`)?.dataset.state === 'done',
        [task], { what: `task ${task} to be done`, timeout: TIMEOUT.job }).catch(async (error) => {
        const state = await page.evaluate((w) => {
          const element = document.querySelector(w);
          return { params: element.model.params, playing: element.model.playing, speed: element.model.speed,
            measures: element.measures, play: element.querySelector('[data-control="play"]').textContent };
        }, line).catch((reason) => `unreadable: ${reason.message}`);
        throw new Error(`${error.message}; the widget: ${JSON.stringify(state)}`);
      });
      // A task its widget already meets when the student reaches it (the network ran on while the
      // student read it): the task panel offers to count it, and the student does.
      const finishTask = async (task) => {
        const dock = `div.al-task-dock[data-task="${task}"]`;
        await page.waitFor((t, d) => document.querySelector(`section[data-task="${t}"]`)?.dataset.state === 'done'
          || document.querySelector(d)?.dataset.state === 'already-met', [task, dock], { what: `task ${task} to be done or offered`, timeout: TIMEOUT.job });
        if (await page.evaluate((t) => document.querySelector(`section[data-task="${t}"]`)?.dataset.state === 'done', task)) return;
        await page.click(buttonNamed, dock, 'Count it');
        await taskDone(task);
      };
      // A key on a slider commits a value; the student waits for the widget to take it before
      // the next key, as a person waits for the display to follow.
      const press = async (param, key) => {
        const input = `${line} input[data-param="${param}"]`;
        const old = await page.evaluate((w, p) => document.querySelector(w).model.params[p], line, param);
        await page.press(bySelector, [input], key);
        await page.waitFor((w, p, o) => {
          const element = document.querySelector(w);
          return element.model.params[p] !== o && (p !== 'epsilon' || element.measures.epsilon === element.model.params.epsilon);
        }, [line, param, old], { what: `${param} to change from ${old}` });
      };

      for (let i = 0; i < 16; i++) await press('value', 'ArrowLeft');
      await page.select(bySelector, [`${line} select[data-control="speed"]`], '5');
      await page.click(buttonNamed, line, 'Play');
      await finishTask('store-negative');
      await finishTask('zero-eigenvalue');

      const quiz = (id) => `section[data-quiz="${id}"]`;
      const quizDone = (id) => page.waitFor((s) => document.querySelector(s)?.dataset.state === 'done', [quiz(id)], { what: `quiz ${id} to be done` });
      await page.click(labelNamed, quiz('how-many-places'), 'Exactly one');
      await page.click(buttonNamed, quiz('how-many-places'), 'Check answer');
      await quizDone('how-many-places');

      for (let i = 0; i < 7; i++) await press('epsilon', 'PageUp');
      await finishTask('leak');
      await page.fill(bySelector, [`${line} input[data-param="perturbation_seed"]`], '2');
      await finishTask('run-away');
      await page.click(buttonNamed, line, 'Pause');
      await page.fill(quizAnswer, [quiz('jacobian-eigenvalue')], '-0.02');
      await quizDone('jacobian-eigenvalue');
      await page.fill(quizAnswer, [quiz('other-tau')], '2');
      await quizDone('other-tau');

      const complete = (id) => document.querySelector(`article.al-lesson[data-lesson="${id}"]`)?.dataset.complete === 'true'
        && /^Lesson complete/.test(document.querySelector('.al-lesson-progress')?.innerText ?? '');
      await page.waitFor(complete, [lesson], { what: 'the lesson to say it is complete' });
      assert.deepEqual(await page.problems(), []);
      await page.reload();
      await page.waitFor(complete, [lesson], { what: 'the lesson to still say it is complete after a reload', timeout: TIMEOUT.ready });
      await page.waitFor((w) => document.querySelector(w)?.dataset.ready === 'true', [line], { what: 'the widget to start again', timeout: TIMEOUT.ready });

      // "Save progress to a file": the test keeps a copy of the file the page hands to the browser.
      await page.goto(`${site.url}#/`);
      await page.evaluate(() => {
        window.savedFiles = [];
        const createObjectURL = URL.createObjectURL.bind(URL);
        URL.createObjectURL = (blob) => {
          blob.text().then((text) => window.savedFiles.push(text));
          return createObjectURL(blob);
        };
      });
      await page.click(buttonNamed, '.progress-tools', 'Save progress to a file');
      saved = await page.waitFor(() => window.savedFiles[0], [], { what: 'the progress file to be written' });
      assert.ok(JSON.parse(saved).lessons[lesson].completedAt, 'the file records the completed lesson');
      assert.deepEqual(await page.problems(), []);
    } finally {
      await page.close();
    }

    // A new profile (another computer): nothing done until the file is loaded.
    const fresh = await browser.newPage();
    try {
      await fresh.goto(`${site.url}#/`);
      const card = (id) => document.querySelector(`.lesson-card[data-lesson="${id}"] .lesson-meta`)?.innerText ?? '';
      await fresh.waitFor((id) => /of \d+ done/.test(document.querySelector(`.lesson-card[data-lesson="${id}"] .lesson-meta`)?.innerText ?? ''),
        [lesson], { what: 'the lesson map' });
      assert.doesNotMatch(await fresh.evaluate(card, lesson), /complete/);
      // The file the student picks (a file chooser cannot be driven here: the input gets it as
      // the chooser would hand it over).
      await fresh.evaluate((text) => {
        const input = document.getElementById('progress-file');
        const files = new DataTransfer();
        files.items.add(new File([text], 'my-progress.json', { type: 'application/json' }));
        input.files = files.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, saved);
      await fresh.waitFor(() => document.querySelector('[data-role="progress-file-message"] p')?.innerText === 'Loaded progress from my-progress.json.',
        [], { what: 'the page to confirm the loaded file' });
      await fresh.waitFor((id) => /· complete$/.test(document.querySelector(`.lesson-card[data-lesson="${id}"] .lesson-meta`)?.innerText ?? ''),
        [lesson], { what: 'the lesson card to say complete' });
      assert.deepEqual(await fresh.problems(), []);
    } finally {
      await fresh.close();
    }
  });

  test(`${engine}: the embed page posts ready to a course page on another origin and answers it`, { timeout: TIMEOUT.test }, async () => {
    const hostOrigin = new URL(host.url).origin;
    const labOrigin = new URL(site.url).origin;
    assert.notEqual(hostOrigin, labOrigin);
    fs.writeFileSync(path.join(hostDir, 'course.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>Course page</title></head><body>
<input id="notes" aria-label="Notes">
<iframe id="frame" title="Line attractor" style="width:100%;height:900px;border:0"
  src="${site.url}embed/v1/#widget=line&epsilon=0.02&origins=${encodeURIComponent(hostOrigin)}"></iframe>
<script>
  window.received = [];
  addEventListener('message', (event) => {
    if (event.source === document.getElementById('frame').contentWindow && event.data?.type === 'attractor-lab') {
      window.received.push({ origin: event.origin, data: event.data });
    }
  });
  document.getElementById('notes').focus();
</script></body></html>`);
    const page = await browser.newPage();
    try {
      await page.goto(`${host.url}course.html`);
      const ready = await page.waitFor(() => window.received.find((m) => m.data.event === 'ready'), [],
        { what: 'the embed to post ready', timeout: TIMEOUT.ready });
      // A quiet load: the reader's focus stays where the course page put it.
      assert.equal(await page.evaluate(() => document.activeElement.id), 'notes');
      assert.equal(ready.origin, labOrigin);
      assert.equal(ready.data.data.widget, 'line');
      assert.equal(ready.data.data.params.epsilon, 0.02);
      await page.evaluate(() => document.getElementById('frame').contentWindow.postMessage(
        { type: 'attractor-lab', version: 1, command: 'getState', id: 'state' }, '*'));
      const reply = await page.waitFor(() => window.received.find((m) => m.data.reply === 'getState' && m.data.id === 'state'), [],
        { what: 'the answer to getState' });
      assert.equal(reply.data.ok, true);
      assert.ok(reply.data.data.measures.memory_eigenvalue < 1);
      // This frame was not given allow="fullscreen": the frame says so instead of a dead button.
      assert.equal(await page.evaluateInFrame('embed/v1', () => document.querySelector('[data-role="fullscreen-note"]')?.innerText),
        'Full screen is not available in this frame: use "Open in Attractor Lab".');
      assert.deepEqual(await page.problems(), []);
      if (engine === 'webkit') assert.deepEqual(await page.evaluateInFrame('embed/v1', () => [...window.__engineProblems]), []);
    } finally {
      await page.close();
    }
  });

  test(`${engine}: the offline page runs its widget from file://`, { timeout: TIMEOUT.test }, async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`file://${path.resolve('build/site/offline/line.html')}`);
      await page.waitFor(() => document.querySelector('al-line')?.dataset.ready === 'true', [], { what: 'al-line to be ready', timeout: TIMEOUT.ready });
      await page.click(buttonNamed, 'al-line', 'Play');
      await page.waitFor((parsePattern) => {
        const match = new RegExp(parsePattern).exec(document.querySelector('al-line [data-measure="time_s"]')?.innerText ?? '');
        return match && Number(match[0]) > 0.5;
      }, ['\\d+(\\.\\d+)?'], { what: 'the offline widget to run past 0.5 s' });
      assert.deepEqual(await page.problems(), []);
    } finally {
      await page.close();
    }
  });

  test(`${engine}: a widget starts when .wasm is served as application/octet-stream (an LMS file server)`, { timeout: TIMEOUT.test }, async () => {
    const lms = await serveFor(engine, { mimeTypes: { '.wasm': 'application/octet-stream' } });
    const page = await browser.newPage();
    try {
      await page.goto(`${lms.url}#/playground/line`);
      await page.waitFor(() => document.querySelector('al-line')?.dataset.ready === 'true', [], { what: 'al-line to be ready', timeout: TIMEOUT.ready });
      assert.deepEqual(await page.problems(), []);
    } finally {
      await page.close();
      await new Promise((resolve) => lms.server.close(resolve));
    }
  });
}
