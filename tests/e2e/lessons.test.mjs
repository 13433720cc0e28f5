// The lesson system in Chromium on the built site: the example lesson renders with KaTeX and
// completes a task from a widget's measures, progress survives a reload, a hostile lesson renders
// inert, corrupt progress is backed up and reported, and blocked storage still lets a student
// finish and export. The widget is a stand-in element publishing measures, so these tests do not
// depend on the widgets' controls; the page is a same-origin document without the site's scripts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import katexModule from 'katex';
import { parseLesson } from '../../web/src/lessons/lesson-format.js';
import { lessonDocument } from '../../web/src/lessons/lesson-loader.js';
import { useSite } from './browser.mjs';
import { TIMEOUT, framesPass, until, untilText } from './wait.mjs';

const katex = katexModule.default ?? katexModule;

const site = useSite({ sources: true });

const HOSTILE = `---
id: hostile
title: Hostile <script>window.__pwned = 1</script>
minutes: 1
objectives:
  - <img src=x onerror="window.__pwned = 2">
---
<script>window.__pwned = 3</script>

[click](javascript:window.__pwned=4) [data](data:text/html,<script>parent.__pwned=5</script>)

<svg onload="window.__pwned = 6"></svg> <iframe src="https://example.org"></iframe>

![x](https://example.org/track.png) ![y](data:image/svg+xml,<svg onload="window.__pwned=7">)

$\\href{javascript:window.__pwned=8}{click}$

::: widget line as=line1
:::

::: task t1
<b onmouseover="window.__pwned = 9">Do it</b>
check: time_s > 1
explanation: <a href="javascript:window.__pwned=10">why</a>
:::

::: summary
<style>body { display: none }</style>
:::
`;

// Opens a blank same-origin document, defines a stand-in <al-line> and loads the lesson modules.
async function openLessonPage({ initScript } = {}) {
  const { page, problems } = await site.newPage();
  const external = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(site.url) && !request.url().startsWith('data:')) external.push(request.url());
  });
  // A JSON document has no <link rel="icon">, so Chromium asks for /favicon.ico, which the site
  // does not have; the site's own pages name their icon.
  await page.route(`${site.url}/favicon.ico`, (route) => route.fulfill({ status: 204, body: '' }));
  if (initScript) await page.addInitScript(initScript);
  await page.goto(`${site.url}/lessons/index.json`);
  await page.evaluate(() => {
    document.body.replaceChildren(Object.assign(document.createElement('main'), { id: 'lesson' }));
    customElements.define('al-line', class extends HTMLElement {
      constructor() {
        super();
        this.measures = { time_s: 0, stored_value: 1, remembered_value: 1, epsilon: 0, memory_eigenvalue: 1, measured_drift_rate_per_s: null };
        this.ready = Promise.resolve();
      }

      // The student changes a setting (a 'change' from one of the widget's controls), and the
      // widget publishes the measures that follow.
      publish(changes) {
        this.dispatchEvent(new Event('change', { bubbles: true }));
        Object.assign(this.measures, changes);
        this.dispatchEvent(new CustomEvent('measures', { bubbles: true, composed: true, detail: { widget: 'line', measures: { ...this.measures } } }));
      }
    });
  });
  return { page, problems, external };
}

// Renders a lesson (a lesson id of the site, or a text parsed here as the build parses it, even
// when it does not validate) into #lesson; resolves with the events seen so far.
async function render(page, { id, text }) {
  const built = text ? lessonDocument(parseLesson(text, { file: 'inline.md', katex }).lesson) : null;
  return page.evaluate(async ({ id, built }) => {
    const { loadLesson, lessonFromDocument } = await import('/src/lessons/lesson-loader.js');
    const { renderLessonPage } = await import('/src/lessons/lesson-page.js');
    const { ProgressStore } = await import('/src/progress/progress-store.js');
    const lesson = id ? await loadLesson(id) : lessonFromDocument(built);
    const container = document.getElementById('lesson');
    window.lessonEvents = [];
    for (const type of ['task-completed', 'lesson-completed']) {
      container.addEventListener(type, (event) => window.lessonEvents.push({ type, ...event.detail }));
    }
    window.lessonStore = new ProgressStore();
    window.lessonPage = await renderLessonPage(container, lesson, { store: window.lessonStore });
    return lesson.id;
  }, { id, built });
}

const publish = (page, changes) => page.evaluate((c) => window.lessonPage.widgets.get('line1').publish(c), changes);

test('the example lesson renders with KaTeX, completes a task, and keeps it over a reload', { timeout: TIMEOUT.test }, async () => {
  const { page, problems, external } = await openLessonPage();
  await render(page, { id: 'example-line-leak' });
  assert.ok(await page.locator('#lesson .katex').count() > 10, 'formulas are rendered by KaTeX');
  await page.locator('#lesson .katex-display').first().waitFor();
  await publish(page, { stored_value: 0.5, time_s: 1.5 });
  const events = await until(() => page.evaluate(() => window.lessonEvents), (list) => list.length > 0, 'a lesson event');
  assert.deepEqual(events, [{ type: 'task-completed', lesson: 'example-line-leak', task: 'store-half', score: 1 }]);
  await page.locator('#lesson [role="status"]', { hasText: 'Task 1 done.' }).waitFor();
  // Keyboard: the first hint button is reachable and works with Enter.
  const hint = page.locator('section[data-task="make-it-leak"] button.al-hint-button');
  await hint.focus();
  await page.keyboard.press('Enter');
  const hints = page.locator('section[data-task="make-it-leak"] ol.al-hints li');
  assert.equal(await until(() => hints.count(), (n) => n > 0, 'a hint to be shown'), 1, 'one hint per press');

  // No accessibility violations axe can find in the rendered lesson.
  // Evaluated rather than added as a <script>, which the site's Content Security Policy forbids.
  await page.evaluate(fs.readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8'));
  const violations = await page.evaluate(async () => (await window.axe.run('#lesson')).violations.map((v) => `${v.id}: ${v.nodes.length}`));
  assert.deepEqual(violations, []);

  await page.reload();
  await page.evaluate(() => document.body.replaceChildren(Object.assign(document.createElement('main'), { id: 'lesson' })));
  await render(page, { id: 'example-line-leak' });
  await page.locator('section[data-task="store-half"][data-state="done"]').waitFor();
  await untilText(page.locator('#lesson .al-lesson-progress'), /^1 of 5 /);
  assert.deepEqual(external, [], 'nothing is loaded from another host');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lesson page of the site loads KaTeX\'s style sheet but no KaTeX or Markdown code', { timeout: TIMEOUT.test }, async () => {
  const { page, problems } = await site.newPage();
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(new URL('#/lesson/memory-as-a-place', site.url).href);
  // Formulas on screen: drawn by KaTeX at build time, shown with its style sheet.
  await page.locator('article.al-lesson .katex').first().waitFor({ timeout: TIMEOUT.ready });
  await page.locator('article.al-lesson [data-widget-id]').first().waitFor({ timeout: TIMEOUT.ready });
  assert.ok(requested.includes('/vendor/katex/katex.min.css'), 'KaTeX\'s style sheet is loaded');
  assert.ok(requested.includes('/lessons/memory-as-a-place.json'), 'the lesson comes as the build\'s JSON');
  assert.deepEqual(requested.filter((url) => /katex[^/]*\.m?js$|markdown-it|\/lessons\/[^/]*\.md$|lesson-format\.js$/i.test(url)), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a hostile lesson renders inert', { timeout: TIMEOUT.test }, async () => {
  const { page, external } = await openLessonPage();
  await render(page, { text: HOSTILE });
  await publish(page, { time_s: 2 });
  // Give anything that might run a chance to: a hover, and frames for what it would schedule.
  await page.mouse.move(200, 200);
  await framesPass(page);
  const report = await page.evaluate(() => {
    const container = document.getElementById('lesson');
    const elements = [...container.querySelectorAll('*')];
    return {
      pwned: window.__pwned ?? null,
      dangerous: elements.filter((e) => ['SCRIPT', 'IFRAME', 'STYLE', 'OBJECT', 'EMBED'].includes(e.tagName) || e.localName === 'svg' && !e.closest('.katex')).map((e) => e.tagName),
      handlers: elements.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
      hrefs: [...container.querySelectorAll('[href], [src]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src')),
      text: container.textContent,
      visible: getComputedStyle(document.body).display,
    };
  });
  assert.equal(report.pwned, null);
  assert.deepEqual(report.dangerous, []);
  assert.deepEqual(report.handlers, []);
  for (const url of report.hrefs) assert.doesNotMatch(url, /^\s*(javascript|data|vbscript):/i);
  assert.match(report.text, /<script>window.__pwned = 3<\/script>/, 'the markup shows as text');
  assert.notEqual(report.visible, 'none');
  assert.deepEqual(external, []);
  await page.close();
});

test('corrupt progress in localStorage is backed up and reported', { timeout: TIMEOUT.test }, async () => {
  const { page } = await openLessonPage({
    initScript: () => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('attractor-lab.progress', '{"app":"attractor-lab","schema":2,"lessons":{"example-line-leak":');
        sessionStorage.setItem('seeded', '1');
      }
    },
  });
  await render(page, { id: 'example-line-leak' });
  const warning = page.locator('#lesson .al-storage-warning');
  await warning.waitFor();
  await untilText(warning, /could not be read .* started afresh; the old data is kept in this browser under "attractor-lab\.progress\.corrupt\./);
  const backup = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('attractor-lab.progress.corrupt.'));
    return { key, value: localStorage.getItem(key), fresh: JSON.parse(localStorage.getItem('attractor-lab.progress')) };
  });
  assert.equal(backup.value, '{"app":"attractor-lab","schema":2,"lessons":{"example-line-leak":');
  assert.deepEqual(backup.fresh, { app: 'attractor-lab', schema: 3, lessons: {} });
  await page.close();
});

test('with storage blocked a lesson can still be completed and the progress exported', { timeout: TIMEOUT.test }, async () => {
  const { page } = await openLessonPage({
    initScript: () => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
    },
  });
  await render(page, { id: 'example-line-leak' });
  const warning = page.locator('#lesson .al-storage-warning');
  await warning.waitFor();
  await untilText(warning, /private mode or blocked storage/);
  // One task after the other, as the student reaches each.
  await publish(page, { stored_value: 0.5, time_s: 1 });
  await page.locator('section[data-task="store-half"][data-state="done"]').waitFor();
  await publish(page, { epsilon: 0.08, measured_drift_rate_per_s: -0.3 });
  await page.locator('section[data-task="make-it-leak"][data-state="done"]').waitFor();
  await publish(page, { epsilon: 0.002, measured_drift_rate_per_s: -0.05 });
  await page.locator('section[data-task="ten-seconds"][data-state="done"]').waitFor();
  await page.locator('section[data-quiz="drift-sign"] label', { hasText: 'It grows away' }).click();
  await page.locator('section[data-quiz="drift-sign"] button[type="submit"]').click();
  await page.locator('section[data-quiz="time-constant"] input[type="text"]').fill('5');
  await page.locator('section[data-quiz="time-constant"] input[type="text"]').press('Enter');
  await page.locator('#lesson article[data-complete="true"]').waitFor();
  const events = await page.evaluate(() => window.lessonEvents.map((e) => e.type));
  assert.equal(events.filter((t) => t === 'lesson-completed').length, 1);
  const [download] = await Promise.all([page.waitForEvent('download'), warning.locator('button').click()]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(Object.keys(exported.lessons['example-line-leak'].items).sort(),
    ['drift-sign', 'make-it-leak', 'store-half', 'ten-seconds', 'time-constant']);
  await page.close();
});
