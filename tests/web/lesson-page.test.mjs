// The lesson page runtime with stand-in widget elements: tasks complete from published measures,
// quizzes give feedback and scores, progress persists, and the page emits its events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parseLesson } from '../../web/src/lessons/lesson-format.js';
import { formatMeasure, renderLessonPage } from '../../web/src/lessons/lesson-page.js';
import { ProgressStore } from '../../web/src/progress/progress-store.js';
import { FakeDocument } from './helpers/fake-dom.mjs';
import { MemoryStorage, steppingClock } from './helpers/memory-storage.mjs';

const EXAMPLE = fs.readFileSync(new URL('../../lessons/_example.md', import.meta.url), 'utf8');
const { lesson } = parseLesson(EXAMPLE, { file: '_example.md' });

// The line widget's measures right after it starts: the value 1 stored, no perturbation.
const INITIAL = {
  time_s: 0, remembered_value: 1, stored_value: 1, epsilon: 0, memory_eigenvalue: 1,
  predicted_drift_rate_per_s: 0, measured_drift_rate_per_s: null, drift_reference_time_s: null, drift_reference_value: null,
};

// Timers the test runs by hand: `elapse()` fires every pending one, as if the hold had passed.
function manualTimers() {
  const pending = new Map();
  let next = 0;
  return {
    setTimeout(fn) { next += 1; pending.set(next, fn); return next; },
    clearTimeout(handle) { pending.delete(handle); },
    get pending() { return pending.size; },
    elapse() {
      const due = [...pending.values()];
      pending.clear();
      for (const fn of due) fn();
    },
  };
}

async function openPage(storage = new MemoryStorage()) {
  const doc = new FakeDocument();
  const container = doc.createElement('main');
  const store = new ProgressStore({ storage, now: steppingClock(), events: null });
  const events = [];
  for (const type of ['task-completed', 'lesson-completed']) container.addEventListener(type, (event) => events.push([type, event.detail]));
  const timers = manualTimers();
  const page = await renderLessonPage(container, lesson, { store, document: doc, renderMath: null, timers });
  const widget = page.widgets.get('line1');
  const publish = (changes) => {
    widget.measures = { ...(widget.measures ?? INITIAL), ...changes };
    widget.dispatchEvent(new CustomEvent('measures', { detail: { widget: 'line', measures: widget.measures } }));
  };
  // The student changes a setting of the widget, and the widget publishes what follows.
  const act = (changes = {}) => {
    widget.dispatchEvent(new Event('change'));
    publish(changes);
  };
  const section = (attr, id) => container.querySelector(`section[${attr}="${id}"]`);
  const dock = container.querySelector('div[data-dock="line1"]');
  return { doc, container, store, events, page, widget, publish, act, section, storage, timers, dock };
}

function answerChoice(section, index) {
  const radios = section.querySelectorAll('input[type="radio"]');
  radios.forEach((radio, k) => { radio.checked = k === index; });
  section.querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
  return section.querySelector('p.al-quiz-feedback').textContent;
}

function answerNumber(section, text) {
  section.querySelector('input[type="text"]').value = text;
  section.querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
  return section.querySelector('p.al-quiz-feedback').textContent;
}

test('the page creates the widget with its config, and shows objectives, time and summary', async () => {
  const { container, widget } = await openPage();
  assert.equal(widget.localName, 'al-line');
  assert.equal(widget.getAttribute('config'), 'n=64&seed=1&value=1');
  assert.equal(widget.getAttribute('lock'), 'n');
  assert.equal(widget.hasAttribute('hide'), false);
  assert.equal(container.querySelector('h1').textContent, lesson.title);
  assert.match(container.textContent, /About 15 minutes\./);
  assert.equal(container.querySelectorAll('section.al-objectives li').length, 3);
  assert.equal(container.querySelectorAll('section.al-task').length, 3);
  assert.equal(container.querySelectorAll('section.al-quiz').length, 2);
  assert.equal(container.querySelector('section.al-summary h2').textContent, 'Summary');
  // Task completion is announced through a polite live region.
  assert.equal(container.querySelector('p[role="status"]').getAttribute('aria-live'), 'polite');
});

test('no task is done in the widget\'s initial state', async () => {
  const { events, publish, section, store } = await openPage();
  publish(INITIAL);
  publish({ time_s: 5, remembered_value: 1 });
  assert.deepEqual(events, []);
  for (const task of lesson.tasks) {
    assert.equal(section('data-task', task.id).getAttribute('data-state'), 'open', task.id);
    assert.equal(store.isDone(lesson.id, task.id), false);
  }
  // With a perturbation but no drift measured yet, make-it-leak says what it waits for.
  publish({ epsilon: 0.08, measured_drift_rate_per_s: null });
  assert.deepEqual(events, []);
  assert.equal(section('data-task', 'make-it-leak').getAttribute('data-reason'), 'measured_drift_rate_per_s is not available yet');
});

test('a task completes when its check holds: event, saved progress, explanation and live numbers', async () => {
  const { container, events, publish, act, section, store, timers, dock } = await openPage();
  publish(INITIAL);
  const task = section('data-task', 'store-half');
  assert.equal(task.querySelector('div.al-task-explanation').hidden, true);
  act({ stored_value: 0.5, remembered_value: 0.5, time_s: 0.5 });
  timers.elapse();
  assert.deepEqual(events, [], 'half a second is not enough');
  publish({ time_s: 1.2, remembered_value: 0.4996 });
  assert.deepEqual(events, [], 'the check must hold for a moment first');
  timers.elapse();
  assert.deepEqual(events, [['task-completed', { lesson: 'example-line-leak', task: 'store-half', score: 1 }]]);
  assert.equal(task.getAttribute('data-state'), 'done');
  assert.equal(task.querySelector('div.al-task-explanation').hidden, false);
  assert.equal(store.isDone('example-line-leak', 'store-half'), true);
  // Announced in the panel under the widget, which now shows the next task.
  assert.match(dock.querySelector('p.al-dock-done').textContent, /^Task 1 done\. Next here: task 2\.$/);
  assert.equal(dock.querySelector('p.al-dock-done').getAttribute('aria-live'), 'polite');
  assert.equal(dock.getAttribute('data-task'), 'make-it-leak');
  assert.match(container.querySelector('p.al-lesson-progress').textContent, /^1 of 5 tasks and quizzes done\.$/);
  const live = container.querySelectorAll('span.al-live').map((s) => s.textContent);
  // remembered_value:3 and memory_eigenvalue:4, then measured_drift_rate_per_s:3 (not available).
  assert.deepEqual(live, ['0.500', '1.0000', '–']);
  publish({ time_s: 2 });
  assert.equal(events.length, 1, 'a done task is not reported again');
});

test('a later task does not count before it is reached, even when its check holds', async () => {
  const { events, publish, act, section, store, timers, dock } = await openPage();
  publish(INITIAL);
  // ten-seconds (task 3) holds, but tasks 1 and 2 are not done.
  act({ epsilon: 0.002, measured_drift_rate_per_s: -0.05 });
  timers.elapse();
  assert.deepEqual(events, []);
  assert.equal(section('data-task', 'ten-seconds').getAttribute('data-check'), 'true');
  assert.equal(section('data-task', 'ten-seconds').getAttribute('data-reached'), 'false');
  assert.equal(store.isDone(lesson.id, 'ten-seconds'), false);
  assert.equal(dock.getAttribute('data-task'), 'store-half');
  // Opened explicitly, it needs the student's own action after opening, then counts.
  const open = section('data-task', 'ten-seconds').querySelector('button.al-task-open');
  assert.equal(open.hidden, false);
  open.click();
  timers.elapse();
  assert.deepEqual(events, [], 'opening alone does not count the state the widget was already in');
  act({ time_s: 3 });
  timers.elapse();
  assert.deepEqual(events.map(([, d]) => d.task), ['ten-seconds']);
});

test('a value swept past does not count: the check must hold with no update against it', async () => {
  const { events, publish, act, timers } = await openPage();
  publish(INITIAL);
  act({ stored_value: 0.5, time_s: 1 });
  // The next update, before the hold ran out, no longer meets the check.
  publish({ stored_value: 0.7 });
  assert.equal(timers.pending, 0, 'the hold was called off');
  timers.elapse();
  assert.deepEqual(events, []);
});

test('a held control pauses the hold; releasing it counts as the student\'s action', async () => {
  const { events, publish, widget, timers } = await openPage();
  publish(INITIAL);
  widget.dispatchEvent(new Event('pointerdown'));
  publish({ stored_value: 0.5, time_s: 1 });
  assert.equal(timers.pending, 0, 'no hold while the pointer is down');
  timers.elapse();
  assert.deepEqual(events, []);
  // A key that repeats sweeps the value: it holds the control too.
  widget.dispatchEvent(Object.assign(new Event('keydown'), { key: 'ArrowRight', repeat: true }));
  widget.dispatchEvent(Object.assign(new Event('keyup'), { key: 'ArrowRight' }));
  timers.elapse();
  assert.deepEqual(events.map(([, d]) => d.task), ['store-half']);
});

test('a task reached while its check already holds waits for the student: an action, or Count it', async () => {
  const { events, publish, act, timers, dock, section } = await openPage();
  publish(INITIAL);
  // One change that meets store-half and, once store-half is done, make-it-leak's check too.
  act({ stored_value: 0.5, time_s: 1, epsilon: 0.08, measured_drift_rate_per_s: -0.3 });
  timers.elapse();
  assert.deepEqual(events.map(([, d]) => d.task), ['store-half']);
  timers.elapse();
  publish({ time_s: 2 });
  timers.elapse();
  assert.equal(section('data-task', 'make-it-leak').getAttribute('data-state'), 'open', 'not done by the action of task 1');
  assert.equal(dock.getAttribute('data-state'), 'already-met');
  assert.match(dock.querySelector('p.al-dock-state').textContent, /already does this/);
  const count = dock.querySelector('button.al-dock-confirm');
  assert.equal(count.hidden, false);
  count.click();
  timers.elapse();
  assert.deepEqual(events.map(([, d]) => d.task), ['store-half', 'make-it-leak']);
});

test('hints are shown one at a time on request', async () => {
  const { section } = await openPage();
  const task = section('data-task', 'store-half');
  const button = task.querySelector('button.al-hint-button');
  assert.equal(button.textContent, 'Show a hint (1 of 2)');
  assert.equal(task.querySelectorAll('ol.al-hints li').length, 0);
  button.click();
  assert.equal(task.querySelectorAll('ol.al-hints li').length, 1);
  assert.equal(button.textContent, 'Show a hint (2 of 2)');
  button.click();
  assert.equal(task.querySelectorAll('ol.al-hints li').length, 2);
  assert.equal(button.hidden, true);
});

test('quizzes give the feedback of the chosen answer and score by attempts', async () => {
  const { events, section } = await openPage();
  const choice = section('data-quiz', 'drift-sign');
  assert.match(answerChoice(choice, 0), /That happens for/);
  assert.deepEqual(events, []);
  assert.match(answerChoice(choice, 1), /^Right:/);
  assert.deepEqual(events, [['task-completed', { lesson: 'example-line-leak', task: 'drift-sign', score: 0.5 }]]);
  const numeric = section('data-quiz', 'time-constant');
  assert.match(answerNumber(numeric, 'five'), /Type a number/);
  assert.match(answerNumber(numeric, '2'), /^Too short/);
  assert.match(answerNumber(numeric, '6'), /^Too long/);
  assert.match(answerNumber(numeric, '5.2'), /^Yes:/, '5.2 is within 5% of 5');
  assert.deepEqual(events[1], ['task-completed', { lesson: 'example-line-leak', task: 'time-constant', score: 1 / 3 }]);
});

test('finishing every task and quiz completes the lesson once, and a reload shows it all done', async () => {
  const storage = new MemoryStorage();
  const first = await openPage(storage);
  first.publish(INITIAL);
  first.act({ stored_value: 0.5, time_s: 1 });
  first.timers.elapse();
  first.act({ epsilon: 0.08, measured_drift_rate_per_s: -0.3 });
  first.timers.elapse();
  answerChoice(first.section('data-quiz', 'drift-sign'), 1);
  answerNumber(first.section('data-quiz', 'time-constant'), '5');
  assert.equal(first.events.filter(([type]) => type === 'lesson-completed').length, 0);
  first.act({ epsilon: 0.002, measured_drift_rate_per_s: -0.05 });
  first.timers.elapse();
  assert.deepEqual(first.events.map(([type, detail]) => `${type}:${detail.task ?? detail.lesson}`), [
    'task-completed:store-half', 'task-completed:make-it-leak', 'task-completed:drift-sign',
    'task-completed:time-constant', 'task-completed:ten-seconds', 'lesson-completed:example-line-leak',
  ]);
  assert.equal(first.container.querySelector('article').getAttribute('data-complete'), 'true');
  first.page.destroy();

  const reloaded = await openPage(storage);
  assert.equal(reloaded.container.querySelector('article').getAttribute('data-complete'), 'true');
  for (const task of lesson.tasks) assert.equal(reloaded.section('data-task', task.id).getAttribute('data-state'), 'done');
  reloaded.publish(INITIAL);
  assert.deepEqual(reloaded.events, [], 'nothing is reported again after a reload');
});

test('resetting the lesson reopens its tasks, which then complete again', async () => {
  const { container, events, publish, act, section, store, timers } = await openPage();
  act({ ...INITIAL, stored_value: 0.5, time_s: 1 });
  timers.elapse();
  assert.equal(store.isDone(lesson.id, 'store-half'), true);
  act({ stored_value: 1, time_s: 0 });
  container.querySelector('details.al-reset button').click();
  assert.equal(store.isDone(lesson.id, 'store-half'), false);
  assert.equal(section('data-task', 'store-half').getAttribute('data-state'), 'open');
  act({ stored_value: 0.5, time_s: 1.5 });
  timers.elapse();
  assert.equal(events.filter(([, d]) => d.task === 'store-half').length, 2);
});

test('the page shows a storage warning when progress cannot be saved', async () => {
  const doc = new FakeDocument();
  const container = doc.createElement('main');
  const store = new ProgressStore({ storage: () => { throw new DOMException('denied', 'SecurityError'); }, events: null });
  await renderLessonPage(container, lesson, { store, document: doc, renderMath: null });
  const warning = container.querySelector('div.al-storage-warning');
  assert.equal(warning.hidden, false);
  assert.equal(warning.getAttribute('role'), 'alert');
  assert.match(warning.textContent, /private mode or blocked storage/);
  assert.equal(warning.querySelector('button').textContent, 'Export progress');
});

test('a hostile lesson that skipped validation still renders inert on the page', async () => {
  const hostile = EXAMPLE.replace('A network of $N$ neurons', '<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)> A network');
  const { lesson: bad, problems } = parseLesson(hostile, { file: 'hostile.md' });
  assert.ok(problems.length > 0, 'the validator rejects it');
  const doc = new FakeDocument();
  const container = doc.createElement('main');
  const store = new ProgressStore({ storage: new MemoryStorage(), events: null });
  await renderLessonPage(container, bad, { store, document: doc, renderMath: null });
  assert.equal(doc.created.filter((e) => ['script', 'img', 'iframe', 'svg'].includes(e.localName)).length, 0);
  for (const a of container.querySelectorAll('a')) assert.doesNotMatch(a.getAttribute('href') ?? '', /^\s*javascript:/i);
  assert.equal(doc.innerHTMLWrites.length, 0);
  assert.match(container.textContent, /<script>alert\(1\)<\/script>/);
});

test('live numbers: fixed digits when given, four significant digits otherwise', () => {
  assert.equal(formatMeasure(0.123456, 2), '0.12');
  assert.equal(formatMeasure(-1.5, 1), '−1.5');
  assert.equal(formatMeasure(123456.7), '123500');
  assert.equal(formatMeasure(0.000123456), '0.0001235');
  assert.equal(formatMeasure(null), '–');
  assert.equal(formatMeasure(NaN, 2), '–');
  assert.equal(formatMeasure(true), 'yes');
  assert.equal(formatMeasure(Infinity), '∞');
});

test('widgets are loaded through the catalog first; one that fails is replaced by a message', async () => {
  const doc = new FakeDocument();
  const store = new ProgressStore({ storage: new MemoryStorage(), events: null });
  const loaded = [];
  const ok = doc.createElement('main');
  await renderLessonPage(ok, lesson, { store, document: doc, renderMath: null, loadWidget: async (name) => { loaded.push(name); } });
  assert.deepEqual(loaded, ['line']);
  assert.equal(ok.querySelectorAll('al-line').length, 1);
  const failed = doc.createElement('main');
  const page = await renderLessonPage(failed, lesson, { store, document: doc, renderMath: null, loadWidget: async () => { throw new Error('network down'); } });
  assert.equal(failed.querySelectorAll('al-line').length, 0);
  assert.match(failed.querySelector('div.al-widget-failed').textContent, /The line widget could not be loaded \(network down\)/);
  assert.equal(page.widgets.size, 0);
  assert.equal(failed.querySelectorAll('section.al-task').length, 3, 'the rest of the lesson is there');
});

test('the next lesson and prerequisites link to the site\'s lesson routes', async () => {
  const text = EXAMPLE.replace('prerequisites: []', 'prerequisites: [memory-as-a-place]').replace('references:', 'next: fine-tuning\nreferences:');
  const { lesson: linked } = parseLesson(text, { file: 'x.md' });
  const doc = new FakeDocument();
  const container = doc.createElement('main');
  const store = new ProgressStore({ storage: new MemoryStorage(), events: null });
  await renderLessonPage(container, linked, { store, document: doc, renderMath: null });
  assert.equal(container.querySelector('p.al-lesson-meta a').getAttribute('href'), '#/lesson/memory-as-a-place');
  assert.equal(container.querySelector('p.al-next a').getAttribute('href'), '#/lesson/fine-tuning');
  // With the lesson list at hand, the links name the lessons by title.
  const titles = { 'memory-as-a-place': 'Memory as a place', 'fine-tuning': 'The fine-tuning problem' };
  const titled = doc.createElement('main');
  await renderLessonPage(titled, linked, { store, document: doc, renderMath: null, lessonTitle: (id) => titles[id] ?? null });
  assert.equal(titled.querySelector('p.al-lesson-meta a').textContent, 'Memory as a place');
  assert.equal(titled.querySelector('p.al-next a').textContent, 'Next lesson: The fine-tuning problem');
});

test('the first use of a glossary term links to its definition; the page links the glossary', async () => {
  const { container } = await openPage();
  const termLinks = container.querySelectorAll('a').filter((a) => (a.getAttribute('href') ?? '').startsWith('#/glossary?term='));
  const eigenvalue = termLinks.filter((a) => a.getAttribute('href') === '#/glossary?term=eigenvalue');
  assert.equal(eigenvalue.length, 1, 'only the first use links');
  assert.match(eigenvalue[0].getAttribute('title'), /^eigenvalue: A number λ with W v = λ v/);
  assert.equal(new Set(termLinks.map((a) => a.getAttribute('href'))).size, termLinks.length, 'one link per term');
  assert.equal(container.querySelector('p.al-lesson-meta a').getAttribute('href'), '#/glossary');
  // Without a glossary (the offline page), no term links.
  const doc = new FakeDocument();
  const plain = doc.createElement('main');
  await renderLessonPage(plain, lesson, { store: new ProgressStore({ storage: new MemoryStorage(), events: null }), document: doc, renderMath: null, glossaryHref: null });
  assert.equal(plain.querySelectorAll('a').filter((a) => (a.getAttribute('href') ?? '').includes('glossary')).length, 0);
});

test('two widgets of one kind are named apart by their ids (unique landmarks); a single one keeps its title', async () => {
  const single = await openPage();
  assert.equal(single.widget.hasAttribute('label'), false);
  // (Its unqualified checks are now ambiguous, which the validator reports; the page still renders.)
  const { lesson: twoLines } = parseLesson(EXAMPLE.replace(/^::: widget line as=line1 (.*)$/m, '::: widget line as=line2\n:::\n\n$&'), { file: '_two.md' });
  assert.deepEqual(twoLines.widgets.map((w) => w.id), ['line2', 'line1']);
  const doc = new FakeDocument();
  const container = doc.createElement('main');
  const store = new ProgressStore({ storage: new MemoryStorage(), now: steppingClock(), events: null });
  const page = await renderLessonPage(container, twoLines, { store, document: doc, renderMath: null });
  assert.equal(page.widgets.get('line1').getAttribute('label'), 'line1');
  assert.equal(page.widgets.get('line2').getAttribute('label'), 'line2');
});
