// What the app shell calls: the lesson list, one lesson by id (the build's JSON document), and the
// lesson map's progress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parseLesson } from '../../web/src/lessons/lesson-format.js';
import { LessonLoadError, lessonDocument, lessonMapProgress, loadLesson, loadLessonIndex } from '../../web/src/lessons/lesson-loader.js';
import { ProgressStore } from '../../web/src/progress/progress-store.js';
import { MemoryStorage } from './helpers/memory-storage.mjs';

const EXAMPLE = fs.readFileSync(new URL('../../lessons/_example.md', import.meta.url), 'utf8');
const PARSED = parseLesson(EXAMPLE, { file: '_example.md' }).lesson;
const DOCUMENT = JSON.stringify(lessonDocument(PARSED));
const base = new URL('https://lab.example/lessons/');
const INDEX = {
  version: 1,
  lessons: [
    { id: 'one', file: '01-one.md', title: 'One', minutes: 10, objectives: ['a'], prerequisites: [], references: [], next: 'two', tasks: ['t1', 't2'], quizzes: ['q1'] },
    { id: 'two', file: '02-two.md', title: 'Two', minutes: 20, objectives: ['b'], prerequisites: ['one'], references: [], next: null, tasks: ['t1'], quizzes: [] },
  ],
};

// A fetch that serves a few files and records what was asked for.
function fakeFetch(files) {
  const asked = [];
  const fetch = async (url) => {
    asked.push(String(url));
    const body = files[String(url)];
    return body === undefined
      ? { ok: false, status: 404, statusText: 'Not Found', text: async () => '' }
      : { ok: true, status: 200, statusText: 'OK', text: async () => body };
  };
  return { fetch, asked };
}

test('the index and a lesson load relative to the lessons folder, the lesson as the parser gave it', async () => {
  const { fetch, asked } = fakeFetch({
    'https://lab.example/lessons/index.json': JSON.stringify(INDEX),
    'https://lab.example/lessons/example-line-leak.json': DOCUMENT,
  });
  assert.deepEqual(await loadLessonIndex({ base, fetch }), INDEX);
  const lesson = await loadLesson('example-line-leak', { base, fetch });
  assert.deepEqual(lesson, JSON.parse(JSON.stringify(PARSED)));
  // The views of the blocks are the blocks themselves, as parseLesson makes them.
  assert.equal(lesson.tasks[0], lesson.blocks.find((b) => b.kind === 'task'));
  assert.deepEqual(asked, ['https://lab.example/lessons/index.json', 'https://lab.example/lessons/example-line-leak.json']);
  // Each block is in the document once.
  assert.equal(DOCUMENT.split('"kind":"task"').length - 1, PARSED.tasks.length);
});

test('a lesson that is missing, of another version or not JSON rejects with the reason', async () => {
  const { fetch, asked } = fakeFetch({
    'https://lab.example/lessons/old.json': JSON.stringify({ version: 0, lesson: PARSED }),
    'https://lab.example/lessons/broken.json': '{"version": 1, "les',
  });
  await assert.rejects(loadLesson('old', { base, fetch }), (error) => {
    assert.ok(error instanceof LessonLoadError);
    assert.equal(error.message, 'https://lab.example/lessons/old.json is not a lesson of this site\'s version (version 0, expected 1); reload the page');
    return true;
  });
  await assert.rejects(loadLesson('broken', { base, fetch }), /broken\.json is not JSON \(.*\); reload the page$/);
  await assert.rejects(loadLesson('missing', { base, fetch }), /404 Not Found/);
  await assert.rejects(loadLesson('../secret', { base, fetch }), /"\.\.\/secret" is not a lesson id \(lower-case letters, digits and dashes\)/);
  assert.deepEqual(asked, ['https://lab.example/lessons/old.json', 'https://lab.example/lessons/broken.json', 'https://lab.example/lessons/missing.json']);
});

test('the lesson map gets each listed lesson with its progress', () => {
  const store = new ProgressStore({ storage: new MemoryStorage(), events: null });
  store.complete('one', 't1');
  store.complete('one', 'q1', 0.5);
  store.complete('two', 't1');
  const map = lessonMapProgress(INDEX, store);
  assert.deepEqual(map.map((l) => [l.id, l.title, l.progress]), [
    ['one', 'One', { done: 2, total: 3, complete: false, score: 0.5 }],
    ['two', 'Two', { done: 1, total: 1, complete: true, score: 1 }],
  ]);
});
