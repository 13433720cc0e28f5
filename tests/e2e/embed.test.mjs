// Embedding in a course page served from another origin: an iframe and the <attractor-lab>
// element, the message API both ways, the origin allow-list, and a quiet load (no scroll, no
// focus taken). Also the offline single-file page from file://.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useHostPages, useSite } from './browser.mjs';
import { TIMEOUT, framesPass, until } from './wait.mjs';

const site = useSite();
const host = useHostPages('course-');
const stranger = useHostPages('stranger-');

function hostPage(labUrl, { allowOrigin }) {
  const frame = `${labUrl}embed/v1/#widget=line&epsilon=0.02&origins=${encodeURIComponent(allowOrigin)}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Course page</title></head>
<body>
<h1>Week 3: memory</h1>
<input id="notes" aria-label="Notes">
<div style="height:1500px">Reading before the widget.</div>
<iframe id="frame" title="Line attractor" src="${frame}" style="width:100%;height:900px;border:0" loading="lazy" allow="fullscreen"></iframe>
<attractor-lab id="element" widget="line" config="n=32"></attractor-lab>
<script src="${labUrl}embed/attractor-lab.js"></script>
<script>
  window.received = [];
  window.addEventListener('message', (event) => {
    // Only what the plain iframe sends (the element's own iframe reports to the element).
    if (event.data && event.data.type === 'attractor-lab' && event.source === document.getElementById('frame').contentWindow) {
      window.received.push({ origin: event.origin, data: event.data });
    }
  });
  window.elementEvents = [];
  document.getElementById('element').addEventListener('ready', (event) => window.elementEvents.push({ type: 'ready', detail: event.detail }));
  document.getElementById('notes').focus();
  window.scrollTo(0, 700);
</script>
</body></html>`;
}

// The course page on `server` (the course's host, or a stranger's), embedding the lab with an
// allow-list that holds the course's host only; returns its address.
function coursePage(server) {
  fs.writeFileSync(path.join(server.dir, 'course.html'), hostPage(site.url, { allowOrigin: new URL(host.url).origin }));
  return `${server.url}course.html`;
}

// Sends a command from the host page to the iframe and waits for the matching reply; null when
// none comes within `wait` ms.
function command(page, name, params, id, wait = TIMEOUT.ui) {
  return page.evaluate(([name, params, id, wait]) => new Promise((resolve) => {
    const frame = document.getElementById('frame');
    const onMessage = (event) => {
      if (event.data?.type === 'attractor-lab' && event.data.reply === name && event.data.id === id) {
        removeEventListener('message', onMessage);
        resolve({ origin: event.origin, ...event.data });
      }
    };
    addEventListener('message', onMessage);
    const message = { type: 'attractor-lab', version: 1, command: name, id };
    if (params) message.params = params;
    frame.contentWindow.postMessage(message, '*');
    setTimeout(() => resolve(null), wait);
  }), [name, params, id, wait]);
}

test('a course page on another origin embeds by iframe and by element, and drives the widget', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  await page.goto(coursePage(host));
  await page.waitForFunction(() => window.received.some((m) => m.data.event === 'ready'), null, { timeout: TIMEOUT.ready });
  await page.waitForFunction(() => window.elementEvents.some((e) => e.type === 'ready'), null, { timeout: TIMEOUT.ready });

  // A quiet load: the reader's scroll position and focus are where the page put them.
  assert.equal(await page.evaluate(() => window.scrollY), 700);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'notes');

  const labOrigin = new URL(site.url).origin;
  const ready = await page.evaluate(() => window.received.find((m) => m.data.event === 'ready'));
  assert.equal(ready.origin, labOrigin);
  assert.equal(ready.data.data.widget, 'line');
  assert.equal(ready.data.data.params.epsilon, 0.02, 'the embed URL configured the widget');

  const state = await command(page, 'getState', undefined, 1);
  assert.equal(state.ok, true);
  assert.equal(state.data.params.epsilon, 0.02);
  assert.ok(state.data.measures.memory_eigenvalue < 1);

  const set = await command(page, 'setState', { epsilon: 0 }, 2);
  assert.equal(set.ok, true);
  assert.equal(set.data.params.epsilon, 0);
  const tuned = await command(page, 'getState', undefined, 3);
  assert.equal(tuned.data.measures.memory_eigenvalue, 1);

  const refused = await command(page, 'setState', { epsilon: 5 }, 4);
  assert.equal(refused.ok, false);
  assert.match(refused.error, /must be a number from 0 to 0.2/);

  // The reader scrolls to the widget (browsers do not animate frames out of view).
  await page.evaluate(() => document.getElementById('frame').scrollIntoView());
  assert.equal((await command(page, 'play', undefined, 5)).ok, true);
  await page.waitForFunction(() => window.received.some((m) => m.data.event === 'measures' && m.data.data.measures.time_s > 0.5), null, { timeout: TIMEOUT.ui });
  assert.equal((await command(page, 'pause', undefined, 6)).ok, true);
  const reset = await command(page, 'reset', undefined, 7);
  assert.equal(reset.ok, true);
  assert.equal(reset.data.measures.time_s, 0);

  // Garbage and foreign messages are ignored without an error inside the widget.
  await page.evaluate(() => {
    const target = document.getElementById('frame').contentWindow;
    for (const junk of [null, 42, 'play', { type: 'attractor-lab' }, { type: 'attractor-lab', version: 2, command: 'play' },
      { type: 'attractor-lab', version: 1, command: 'eval', id: 1 }, { type: 'attractor-lab', version: 1, command: 'setState', params: 'x' },
      { type: 'attractor-lab', version: 1, command: 'setState', params: { epsilon: { toString: 1 } } }]) {
      target.postMessage(junk, '*');
    }
  });
  const afterJunk = await command(page, 'getState', undefined, 8);
  assert.equal(afterJunk.ok, true);

  // The custom element re-exposes the API as methods.
  const elementState = await page.evaluate(() => document.getElementById('element').getState());
  assert.equal(elementState.params.n, 32);
  await page.evaluate(() => document.getElementById('element').scrollIntoView());
  await page.waitForFunction(() => parseFloat(document.querySelector('#element iframe').style.height) > 400, null, { timeout: TIMEOUT.ui });
  const sized = await page.evaluate(() => {
    const frame = document.querySelector('#element iframe');
    return { height: parseFloat(frame.style.height), content: frame.getBoundingClientRect().height };
  });
  assert.equal(sized.content, sized.height, 'the element sized its iframe to the content it reported');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lesson embedded in a course page reports the tasks the student completes', { timeout: TIMEOUT.test }, async () => {
  const hostOrigin = new URL(host.url).origin;
  fs.writeFileSync(path.join(host.dir, 'lesson.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>Week 1</title></head><body>
<iframe id="frame" title="Lesson" style="width:100%;height:1400px;border:0"
  src="${site.url}embed/v1/#lesson=memory-as-a-place&origins=${encodeURIComponent(hostOrigin)}"></iframe>
<script>
  window.received = [];
  addEventListener('message', (event) => {
    if (event.source === document.getElementById('frame').contentWindow && event.data?.type === 'attractor-lab') window.received.push(event.data);
  });
</script></body></html>`);
  const { page, problems } = await site.newPage();
  await page.goto(`${host.url}lesson.html`);
  await page.waitForFunction(() => window.received.some((m) => m.event === 'ready'), null, { timeout: TIMEOUT.ready });
  const lesson = page.frameLocator('#frame');
  await lesson.locator('al-line[data-ready="true"]').waitFor({ timeout: TIMEOUT.ready });
  // The student stores a negative value with the keyboard and lets the network run; each key
  // press commits a value, applied before the next key.
  const value = lesson.getByLabel('Value to store', { exact: true });
  const line = lesson.locator('al-line');
  for (let i = 0; i < 16; i++) {
    await value.press('ArrowLeft');
    const shown = Number(await value.inputValue());
    await until(() => line.evaluate((element) => element.model.params.value), (applied) => Math.abs(applied - shown) < 1e-9,
      `the value ${shown} to be applied`);
  }
  await lesson.locator('al-line select[data-control="speed"]').selectOption('5');
  await lesson.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => window.received.some((m) => m.event === 'taskCompleted'), null, { timeout: TIMEOUT.job });
  const completed = await page.evaluate(() => window.received.find((m) => m.event === 'taskCompleted').data);
  assert.equal(completed.lesson, 'memory-as-a-place');
  assert.equal(completed.task, 'store-negative');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a page outside the allow-list cannot drive the embed', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  // The same course page, served from an origin the embed URL does not allow.
  await page.goto(coursePage(stranger));
  await page.waitForFunction(() => window.elementEvents.some((e) => e.type === 'ready'), null, { timeout: TIMEOUT.ready });
  // The iframe's widget has started (an allowed host would have had its ready event by now) and
  // the host page has run its frames since, yet nothing was sent here.
  await page.frameLocator('#frame').locator('al-line[data-ready="true"]').waitFor({ timeout: TIMEOUT.ready });
  await framesPass(page);
  assert.equal(await page.evaluate(() => window.received.length), 0, 'events go only to the allowed origin');
  // Silence can only be watched for a while: as long as an allowed host's reply may take.
  assert.equal(await command(page, 'getState', undefined, 1, TIMEOUT.absence), null, 'no reply to a stranger');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the offline page runs its widget from file:// with no network', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  const file = path.resolve('build/site/offline/line.html');
  await page.goto(`file://${file}`);
  await page.waitForSelector('al-line[data-ready="true"]', { timeout: TIMEOUT.ready });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => document.querySelector('al-line').measures.time_s > 0.5, null, { timeout: TIMEOUT.ui });
  assert.deepEqual(requests.filter((url) => !/^(file|blob|data):/.test(url)), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an offline lesson runs from file://: its widget, its formulas, its progress', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`file://${path.resolve('build/site/offline/lesson-memory-as-a-place.html')}`);
  await page.waitForSelector('article.al-lesson al-line[data-ready="true"]', { timeout: TIMEOUT.ready });
  assert.ok(await page.locator('article.al-lesson math').count() > 0, 'formulas are drawn as MathML');
  assert.ok(await page.locator('article.al-lesson [data-task]').count() >= 3, 'the tasks are there');
  // No glossary page travels with the file, so its terms are defined in the text.
  assert.equal(await page.locator('article.al-lesson a[href*="glossary"]').count(), 0, 'no link to a glossary that is not there');
  const toggle = page.getByRole('button', { name: /^What is fixed points?\?$/ });
  await toggle.click();
  const definition = page.getByRole('note', { name: 'fixed point, defined' });
  await definition.waitFor();
  assert.match(await definition.textContent(), /^fixed point: A state the dynamics leaves unchanged/);
  assert.deepEqual(requests.filter((url) => !/^(file|blob|data):/.test(url)), []);
  assert.deepEqual(problems, []);
  await page.close();
});
