// Progress storage under the conditions issue 10 names: migration, corruption, no storage, a full
// quota, two tabs, export/import, a lesson that gains a task, and reset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { PROGRESS_KEY, ProgressStore, mergeStates, upgrade } from '../../web/src/progress/progress-store.js';
import { MemoryStorage, steppingClock } from './helpers/memory-storage.mjs';

const V1 = fs.readFileSync(new URL('fixtures/progress-v1.json', import.meta.url), 'utf8');
const storeOn = (storage, now = steppingClock()) => new ProgressStore({ storage, now, events: null });
const stored = (storage) => JSON.parse(storage.getItem(PROGRESS_KEY));

test('progress is saved and read back by a new store on the same storage (a reload)', () => {
  const storage = new MemoryStorage();
  const first = storeOn(storage);
  assert.equal(first.status.persistent, true);
  assert.equal(first.complete('lesson-a', 'task-1'), true);
  assert.equal(first.complete('lesson-a', 'task-1'), false, 'completing twice is not new');
  const reloaded = storeOn(storage);
  assert.equal(reloaded.isDone('lesson-a', 'task-1'), true);
  assert.equal(reloaded.isDone('lesson-a', 'task-2'), false);
  assert.deepEqual(reloaded.lessonProgress('lesson-a').items, { 'task-1': { completedAt: '2026-01-01T00:00:00.000Z', score: 1 } });
});

test('schema 1 data is migrated, and the next write stores schema 3 with everything kept', () => {
  const storage = new MemoryStorage();
  storage.setItem(PROGRESS_KEY, V1);
  const store = storeOn(storage);
  assert.equal(store.status.corruption, null);
  assert.equal(store.isDone('memory-as-a-place', 'store-a-value'), true);
  assert.equal(store.isDone('memory-as-a-place', 'find-zero-eigenvalue'), true);
  assert.equal(store.isDone('fine-tuning', 'perturb-the-line'), true);
  store.complete('fine-tuning', 'count-fixed-points');
  const data = stored(storage);
  assert.equal(data.schema, 3);
  assert.deepEqual(Object.keys(data.lessons['fine-tuning'].items).sort(), ['count-fixed-points', 'perturb-the-line']);
  assert.deepEqual(data.lessons['memory-as-a-place'].items['store-a-value'], { completedAt: null, score: 1 });
});

test('corrupt stored data is kept under a backup key, reported, and replaced by a fresh state', () => {
  for (const raw of ['{"app":"attractor-lab","schema":2,"lessons":{', '{"app":"attractor-lab","schema":2,"lessons":{"a":{"items":{"t":{"completedAt":null,"score":"full"}}}}}', '"just text"', '{"version":1,"done":{"a":"t"}}']) {
    const storage = new MemoryStorage();
    storage.setItem(PROGRESS_KEY, raw);
    const store = storeOn(storage, steppingClock('2026-03-04T05:06:07.000Z'));
    const { corruption, persistent } = store.status;
    assert.equal(persistent, true, raw);
    assert.equal(corruption.backupKey, `${PROGRESS_KEY}.corrupt.2026-03-04T05:06:07.000Z`, raw);
    assert.equal(typeof corruption.reason, 'string');
    assert.equal(storage.getItem(corruption.backupKey), raw, 'the backup is the exact stored text');
    assert.deepEqual(stored(storage), { app: 'attractor-lab', schema: 3, lessons: {} });
    store.complete('a', 't');
    assert.equal(storeOn(storage).isDone('a', 't'), true, 'the fresh state works');
  }
});

test('corrupt data written by another tab is backed up and reported with an event', () => {
  const storage = new MemoryStorage();
  const store = storeOn(storage);
  store.complete('a', 't1');
  const events = [];
  store.addEventListener('corrupt', (event) => events.push(event.detail));
  storage.setItem(PROGRESS_KEY, 'garbage');
  store.handleStorageEvent({ key: PROGRESS_KEY, storageArea: storage });
  assert.equal(events.length, 1);
  assert.equal(storage.getItem(events[0].backupKey), 'garbage');
  assert.equal(store.isDone('a', 't1'), true, 'this tab keeps its own progress');
  store.complete('a', 't2');
  assert.deepEqual(Object.keys(stored(storage).lessons.a.items), ['t1', 't2']);
});

test('storage that cannot even be accessed falls back to memory with a warning; export still works', () => {
  const store = new ProgressStore({
    storage: () => { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    now: steppingClock(),
    events: null,
  });
  assert.equal(store.status.persistent, false);
  assert.equal(store.status.warning.kind, 'unavailable');
  assert.equal(store.complete('lesson-a', 'task-1'), true);
  assert.equal(store.isDone('lesson-a', 'task-1'), true);
  assert.deepEqual(JSON.parse(store.exportJSON()).lessons['lesson-a'].items, { 'task-1': { completedAt: '2026-01-01T00:00:00.000Z', score: 1 } });
});

test('a full quota switches to memory with a warning event and loses nothing done so far', () => {
  const storage = new MemoryStorage();
  const store = storeOn(storage);
  store.complete('lesson-a', 'task-1');
  storage.quota = storage.getItem(PROGRESS_KEY).length + PROGRESS_KEY.length; // no room to grow
  const warnings = [];
  store.addEventListener('warning', (event) => warnings.push(event.detail.kind));
  store.complete('lesson-a', 'task-2');
  assert.deepEqual(warnings, ['quota']);
  assert.equal(store.status.persistent, false);
  assert.equal(store.isDone('lesson-a', 'task-1'), true);
  assert.equal(store.isDone('lesson-a', 'task-2'), true);
  assert.deepEqual(Object.keys(JSON.parse(store.exportJSON()).lessons['lesson-a'].items), ['task-1', 'task-2']);
  assert.deepEqual(Object.keys(stored(storage).lessons['lesson-a'].items), ['task-1'], 'what was stored stays intact');
});

test('two tabs writing in turn keep both tabs\' progress, and storage events bring each up to date', () => {
  const storage = new MemoryStorage();
  const clock = steppingClock();
  const tabA = storeOn(storage, clock);
  const tabB = storeOn(storage, clock); // opened before A wrote anything
  tabA.complete('lesson-a', 'task-1');
  tabB.complete('lesson-a', 'task-2'); // B has not seen A's write
  tabB.complete('lesson-b', 'task-1');
  const data = stored(storage);
  assert.deepEqual(Object.keys(data.lessons['lesson-a'].items).sort(), ['task-1', 'task-2']);
  assert.deepEqual(Object.keys(data.lessons['lesson-b'].items), ['task-1']);
  assert.equal(tabA.isDone('lesson-a', 'task-2'), false, 'A has not heard of B yet');
  const changes = [];
  tabA.addEventListener('change', () => changes.push('change'));
  tabA.handleStorageEvent({ key: 'other-key', storageArea: storage });
  assert.equal(changes.length, 0, 'other keys are ignored');
  tabA.handleStorageEvent({ key: PROGRESS_KEY, storageArea: storage });
  assert.deepEqual(changes, ['change']);
  assert.equal(tabA.isDone('lesson-a', 'task-2'), true);
  assert.equal(tabA.isDone('lesson-b', 'task-1'), true);
});

test('a reset in one tab is not undone by another tab that still holds the old progress', () => {
  const storage = new MemoryStorage();
  const clock = steppingClock();
  const tabA = storeOn(storage, clock);
  tabA.complete('lesson-a', 'task-1');
  tabA.complete('lesson-b', 'task-1');
  const tabB = storeOn(storage, clock); // holds task-1 of both lessons
  tabA.resetLesson('lesson-a');
  tabB.complete('lesson-a', 'task-2'); // B writes without having seen the reset
  assert.deepEqual(Object.keys(stored(storage).lessons['lesson-a'].items), ['task-2']);
  assert.equal(tabB.isDone('lesson-a', 'task-1'), false);
  assert.equal(tabB.isDone('lesson-b', 'task-1'), true, 'the other lesson is untouched');
  tabA.handleStorageEvent({ key: PROGRESS_KEY, storageArea: storage });
  assert.equal(tabA.isDone('lesson-a', 'task-2'), true);
  assert.equal(tabA.isDone('lesson-a', 'task-1'), false);
});

test('merging is order-independent and idempotent', () => {
  const a = { app: 'attractor-lab', schema: 2, lessons: { l: { items: { x: { completedAt: '2026-01-01T00:00:05.000Z', score: 0.5 } }, completedAt: null, resetAt: '2026-01-01T00:00:02.000Z' } } };
  const b = { app: 'attractor-lab', schema: 2, lessons: { l: { items: { x: { completedAt: '2026-01-01T00:00:07.000Z', score: 1 }, y: { completedAt: '2026-01-01T00:00:01.000Z', score: 1 } }, completedAt: null, resetAt: null } } };
  const ab = mergeStates(a, b);
  assert.deepEqual(ab, mergeStates(b, a));
  assert.deepEqual(mergeStates(ab, ab), ab);
  // x: the earlier completion with the better score; y was completed before the reset and is gone.
  assert.deepEqual(ab.lessons.l, { items: { x: { completedAt: '2026-01-01T00:00:05.000Z', score: 1 } }, completedAt: null, resetAt: '2026-01-01T00:00:02.000Z' });
});

test('export then import into a fresh store gives exactly the same file', () => {
  const source = storeOn(new MemoryStorage());
  source.complete('lesson-b', 'quiz-1', 0.5);
  source.complete('lesson-a', 'task-2');
  source.complete('lesson-a', 'task-1');
  source.completeLesson('lesson-a');
  source.resetLesson('lesson-c');
  const text = source.exportJSON();
  const target = storeOn(new MemoryStorage(), steppingClock('2030-01-01T00:00:00.000Z'));
  target.importJSON(text);
  assert.equal(target.exportJSON(), text);
  assert.deepEqual(JSON.parse(text), JSON.parse(target.exportJSON()));
  assert.equal(target.lessonProgress('lesson-b').items['quiz-1'].score, 0.5);
  assert.equal(target.lessonProgress('lesson-a').completedAt, '2026-01-01T00:00:03.000Z');
});

test('import merges into existing progress, accepts schema 1 files, and rejects bad files without changing anything', () => {
  const store = storeOn(new MemoryStorage());
  store.complete('fine-tuning', 'count-fixed-points');
  store.importJSON(V1);
  assert.equal(store.isDone('fine-tuning', 'count-fixed-points'), true);
  assert.equal(store.isDone('fine-tuning', 'perturb-the-line'), true);
  const before = store.exportJSON();
  assert.throws(() => store.importJSON('not json'), /not JSON/);
  assert.throws(() => store.importJSON('{"app":"other","schema":2,"lessons":{}}'), /not from Attractor Lab/);
  assert.throws(() => store.importJSON('{"app":"attractor-lab","schema":2,"lessons":{"__proto__":{"items":{}}}}'), /not a valid id/);
  assert.throws(() => store.importJSON('{"app":"attractor-lab","schema":7,"lessons":{}}'), /newer/);
  assert.equal(store.exportJSON(), before);
});

test('a lesson that gains a task keeps what was done and is no longer complete', () => {
  const storage = new MemoryStorage();
  const store = storeOn(storage);
  store.complete('lesson-a', 'task-1');
  store.complete('lesson-a', 'quiz-1', 0.5);
  assert.deepEqual(store.summary('lesson-a', ['task-1', 'quiz-1']), { done: 2, total: 2, complete: true, score: 0.75 });
  const afterDeploy = storeOn(storage);
  assert.deepEqual(afterDeploy.summary('lesson-a', ['task-1', 'quiz-1', 'task-2']), { done: 2, total: 3, complete: false, score: 0.5 });
  assert.equal(afterDeploy.isDone('lesson-a', 'task-1'), true);
  // A task the lesson dropped is not counted, but kept in case it comes back.
  assert.deepEqual(afterDeploy.summary('lesson-a', ['quiz-1']), { done: 1, total: 1, complete: true, score: 0.5 });
  assert.equal(afterDeploy.isDone('lesson-a', 'task-1'), true);
});

test('reset clears one lesson only', () => {
  const storage = new MemoryStorage();
  const store = storeOn(storage);
  store.complete('lesson-a', 'task-1');
  store.complete('lesson-b', 'task-1');
  store.resetLesson('lesson-a');
  assert.equal(store.isDone('lesson-a', 'task-1'), false);
  assert.equal(store.isDone('lesson-b', 'task-1'), true);
  const reloaded = storeOn(storage);
  assert.equal(reloaded.isDone('lesson-a', 'task-1'), false);
  assert.equal(reloaded.isDone('lesson-b', 'task-1'), true);
  store.complete('lesson-a', 'task-1');
  assert.equal(storeOn(storage).isDone('lesson-a', 'task-1'), true, 'done again after the reset');
});

test('progress from a newer site version is left untouched and the store works in memory', () => {
  const storage = new MemoryStorage();
  const newer = '{"app":"attractor-lab","schema":4,"lessons":{},"more":true}';
  storage.setItem(PROGRESS_KEY, newer);
  const store = storeOn(storage);
  assert.equal(store.status.persistent, false);
  assert.equal(store.status.warning.kind, 'newer');
  store.complete('a', 't');
  assert.equal(storage.getItem(PROGRESS_KEY), newer);
  assert.equal(storage.length, 1, 'no backup either: it is not corrupt');
});

test('lessons and tasks named like object members are ordinary ids', () => {
  const storage = new MemoryStorage();
  const store = storeOn(storage);
  assert.equal(store.isDone('constructor', 'toString'), false);
  assert.deepEqual(store.summary('constructor', ['toString', 'valueOf']), { done: 0, total: 2, complete: false, score: 0 });
  store.complete('constructor', 'toString');
  store.complete('hasOwnProperty', 'valueOf');
  assert.equal(storeOn(storage).isDone('constructor', 'toString'), true);
  assert.equal(storeOn(storage).isDone('constructor', 'valueOf'), false);
  assert.equal(storeOn(storage).isDone('hasOwnProperty', 'valueOf'), true);
});

test('ids that could reach object prototypes are refused', () => {
  const store = storeOn(new MemoryStorage());
  assert.throws(() => store.complete('__proto__', 't'), TypeError);
  assert.throws(() => store.complete('a', 'constructor '), TypeError);
  assert.throws(() => upgrade({ version: 1, done: { a: ['__proto__'] } }), /not a valid id/);
});

test('schema 2 data loads as schema 3; a task keeps the numbers it was done with, across tabs and files', () => {
  const storage = new MemoryStorage();
  storage.setItem(PROGRESS_KEY, JSON.stringify({ app: 'attractor-lab', schema: 2,
    lessons: { l: { items: { old: { completedAt: '2026-01-01T00:00:00.000Z', score: 1 } }, completedAt: null, resetAt: null } } }));
  const store = storeOn(storage);
  assert.equal(store.status.corruption, null);
  assert.equal(store.isDone('l', 'old'), true);
  store.complete('l', 'drift', 1, { epsilon: 0.01, measured_drift_rate_per_s: -0.0079, ok: true });
  // A later completion (another tab, a second try) keeps the first numbers.
  store.complete('l', 'drift', 1, { epsilon: 0.2 });
  const other = storeOn(storage);
  assert.deepEqual(other.lessonProgress('l').items.drift.record, { epsilon: 0.01, measured_drift_rate_per_s: -0.0079, ok: true });
  const copy = storeOn(new MemoryStorage());
  copy.importJSON(store.exportJSON());
  assert.equal(copy.exportJSON(), store.exportJSON());
  assert.throws(() => store.complete('l', 'bad', 1, { x: NaN }), /not a finite number/);
  assert.throws(() => store.complete('l', 'bad', 1, Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`m${i}`, i]))), /more than 16/);
});
