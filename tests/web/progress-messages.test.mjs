// What the student is told about progress storage: a damaged record that could not be backed up,
// an oversized import, and an import the browser refuses to store. Each message says what
// happened and why, and only blames a full storage when the storage is full.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_IMPORT_BYTES, PROGRESS_KEY, ProgressStore, corruptionMessage } from '../../web/src/progress/progress-store.js';
import { MemoryStorage, steppingClock } from './helpers/memory-storage.mjs';

const storeOn = (storage) => new ProgressStore({ storage, now: steppingClock('2026-03-04T05:06:07.000Z'), events: null });

// A valid progress file of about `bytes` bytes (many completed tasks).
function progressFileOf(bytes) {
  const items = {};
  const perItem = JSON.stringify({ 'task-000000': { completedAt: '2026-01-01T00:00:00.000Z', score: 1 } }).length;
  for (let i = 0; i * perItem < bytes; i++) items[`task-${String(i).padStart(6, '0')}`] = { completedAt: '2026-01-01T00:00:00.000Z', score: 1 };
  return JSON.stringify({ app: 'attractor-lab', schema: 3, lessons: { big: { items, completedAt: null, resetAt: null } } });
}

test('a damaged record too big to back up is reported as not backed up, with the reason', () => {
  const raw = `{"app":"attractor-lab","schema":3,"lessons":${'x'.repeat(5000)}`;
  const storage = new MemoryStorage();
  storage.setItem(PROGRESS_KEY, raw);
  storage.quota = PROGRESS_KEY.length + raw.length + 100;  // no room for a copy
  const store = storeOn(storage);
  const { corruption, persistent } = store.status;
  assert.equal(persistent, false);
  assert.equal(corruption.backupKey, null);
  assert.match(corruption.backupError, /storage for this site is full/);
  const message = corruptionMessage(corruption);
  assert.doesNotMatch(message, /null|is kept in this browser|started afresh/);
  assert.match(message, /could not be backed up: the browser's storage for this site is full/);
  assert.match(message, /left in place untouched/);
  assert.equal(storage.getItem(PROGRESS_KEY), raw, 'the damaged data is still there');
});

test('a backed-up damaged record names its backup key', () => {
  const storage = new MemoryStorage();
  storage.setItem(PROGRESS_KEY, 'garbage');
  const message = corruptionMessage(storeOn(storage).status.corruption);
  assert.match(message, /started afresh; the old data is kept in this browser under "attractor-lab\.progress\.corrupt\.2026-03-04T05:06:07\.000Z"/);
});

test('an import larger than the documented limit is refused before anything is stored', () => {
  const storage = new MemoryStorage({ quota: 5 * 1024 * 1024 });
  const store = storeOn(storage);
  store.complete('lesson-a', 'task-1');
  const before = storage.getItem(PROGRESS_KEY);
  const warnings = [];
  store.addEventListener('warning', (event) => warnings.push(event.detail));
  const text = progressFileOf(11 * 1024 * 1024);
  const megabytes = (Buffer.byteLength(text) / (1024 * 1024)).toFixed(1);
  assert.ok(Number(megabytes) >= 10);
  assert.throws(() => store.importJSON(text), (error) =>
    error.message.startsWith(`the file is ${megabytes} MB, larger than the 1.0 MB a progress file may have`));
  assert.deepEqual(warnings, []);
  assert.equal(store.status.persistent, true, 'the store keeps saving');
  assert.equal(store.status.warning, null);
  assert.equal(storage.getItem(PROGRESS_KEY), before);
  assert.equal(store.isDone('big', 'task-000000'), false);
  // A file just under the limit is an ordinary import.
  store.importJSON(progressFileOf(MAX_IMPORT_BYTES - 2048));
  assert.equal(store.isDone('big', 'task-000000'), true);
});

test('an import the storage cannot hold is refused with the true reason and the store keeps saving', () => {
  const storage = new MemoryStorage();
  const store = storeOn(storage);
  store.complete('lesson-a', 'task-1');
  const before = storage.getItem(PROGRESS_KEY);
  storage.quota = PROGRESS_KEY.length + before.length + 10;
  assert.throws(() => store.importJSON(progressFileOf(20000)), /could not be saved: the browser's storage for this site is full/);
  assert.equal(store.status.persistent, true);
  assert.equal(store.status.warning, null);
  assert.equal(store.isDone('big', 'task-000000'), false, 'nothing of the refused file was merged');
  assert.equal(storage.getItem(PROGRESS_KEY), before);

  // Storage that fails for another reason is not called full.
  const broken = new MemoryStorage();
  const other = storeOn(broken);
  other.complete('lesson-a', 'task-1');
  broken.setItem = () => {
    throw new DOMException('write refused', 'InvalidStateError');
  };
  assert.throws(() => other.importJSON(progressFileOf(1000)), (error) =>
    /could not be saved: the browser refused to store it \(InvalidStateError: write refused\)/.test(error.message) && !/full/.test(error.message));
  assert.equal(other.status.persistent, true);
});
