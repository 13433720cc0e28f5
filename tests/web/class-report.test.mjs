// The instructor's class report: which files are read as students (and under which name), which
// lessons get a table, and the CSV rows that hold the same as the tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProgressStore } from '../../web/src/progress/progress-store.js';
import { classCsvRows, classTables, readProgressFile } from '../../web/src/progress/class-report.js';

const INDEX = { lessons: [
  { id: 'lesson-a', title: 'Lesson A', tasks: ['t1', 't2'], quizzes: ['q1'] },
  { id: 'lesson-b', title: 'Lesson B', tasks: ['u1'], quizzes: [] },
] };

function exported(completions) {
  const store = new ProgressStore({ storage: null, events: null, now: () => new Date('2026-03-01T10:00:00.000Z') });
  for (const [lesson, item, score, record] of completions) store.complete(lesson, item, score, record);
  return store.exportJSON();
}

test('a student is named by the file name, or by a name field the file has', () => {
  const text = exported([['lesson-a', 't1', 1]]);
  assert.equal(readProgressFile('ada.JSON', text).student, 'ada');
  assert.equal(readProgressFile('upload-3.json', JSON.stringify({ ...JSON.parse(text), name: '  Grace Hopper ' })).student, 'Grace Hopper');
  assert.equal(readProgressFile('upload-4.json', JSON.stringify({ ...JSON.parse(text), name: 42 })).student, 'upload-4', 'a number is not a name');
});

test('a file of the first schema is read; a file that is not progress says why', () => {
  const old = readProgressFile('old.json', JSON.stringify({ version: 1, done: { 'lesson-a': ['t2'] } }));
  assert.deepEqual(Object.keys(old.state.lessons['lesson-a'].items), ['t2']);
  assert.throws(() => readProgressFile('x.json', '[1, 2]'), { message: 'progress data is not a JSON object' });
  assert.throws(() => readProgressFile('x.json', '{"app": "other", "schema": 3, "lessons": {}}'), { message: 'progress data is not from Attractor Lab' });
  assert.throws(() => readProgressFile('x.json', 'not json'), /^Error: the file is not JSON: /);
  assert.throws(() => readProgressFile('x.json', `{"app":"attractor-lab","schema":3,"lessons":{},"pad":"${' '.repeat(1024 * 1024)}"}`), /larger than the 1\.0 MB/);
});

test('only lessons someone worked in get a table; the CSV has a row per student and item', () => {
  const ada = readProgressFile('ada.json', exported([['lesson-a', 't1', 1, { epsilon: 0.02 }], ['lesson-a', 'q1', 0.5]]));
  const bo = readProgressFile('bo.json', exported([['lesson-a', 't2', 1], ['elsewhere', 'z', 1]]));
  const tables = classTables([ada, bo], INDEX);
  assert.deepEqual(tables.map((table) => table.lessonId), ['lesson-a']);
  assert.deepEqual(tables[0].items, [{ id: 't1', kind: 'task' }, { id: 't2', kind: 'task' }, { id: 'q1', kind: 'quiz' }]);
  assert.deepEqual(tables[0].rows.map((row) => row.cells.map((cell) => (cell ? cell.score : null))), [[1, null, 0.5], [null, 1, null]]);
  assert.deepEqual(classCsvRows(tables), [
    ['ada', 'ada.json', 'lesson-a', 't1', 'task', 'yes', '2026-03-01T10:00:00.000Z', 1, 'epsilon = 0.02'],
    ['ada', 'ada.json', 'lesson-a', 't2', 'task', 'no', '', '', ''],
    ['ada', 'ada.json', 'lesson-a', 'q1', 'quiz', 'yes', '2026-03-01T10:00:00.000Z', 0.5, ''],
    ['bo', 'bo.json', 'lesson-a', 't1', 'task', 'no', '', '', ''],
    ['bo', 'bo.json', 'lesson-a', 't2', 'task', 'yes', '2026-03-01T10:00:00.000Z', 1, ''],
    ['bo', 'bo.json', 'lesson-a', 'q1', 'quiz', 'no', '', '', ''],
  ]);
});
