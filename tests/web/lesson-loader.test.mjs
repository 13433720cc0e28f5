// What the app shell calls: the lesson list, one lesson by file name, and the lesson map's progress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { LessonLoadError, lessonMapProgress, loadLesson, loadLessonIndex } from '../../web/src/lessons/lesson-loader.js';
import { ProgressStore } from '../../web/src/progress/progress-store.js';
import { MemoryStorage } from './helpers/memory-storage.mjs';

const EXAMPLE = fs.readFileSync(new URL('../../lessons/_example.md', import.meta.url), 'utf8');
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

test('the index and a lesson load relative to the lessons folder', async () => {
  const { fetch, asked } = fakeFetch({
    'https://lab.example/lessons/index.json': JSON.stringify(INDEX),
    'https://lab.example/lessons/_example.md': EXAMPLE,
  });
  assert.deepEqual(await loadLessonIndex({ base, fetch }), INDEX);
  const lesson = await loadLesson('_example.md', { base, fetch });
  assert.equal(lesson.id, 'example-line-leak');
  assert.deepEqual(asked, ['https://lab.example/lessons/index.json', 'https://lab.example/lessons/_example.md']);
});

test('a lesson that does not validate or does not exist rejects with the reasons', async () => {
  const { fetch, asked } = fakeFetch({ 'https://lab.example/lessons/bad.md': EXAMPLE.replace('minutes: 15', 'minutes: soon') });
  await assert.rejects(loadLesson('bad.md', { base, fetch }), (error) => {
    assert.ok(error instanceof LessonLoadError);
    assert.equal(error.problems.length, 1);
    assert.match(error.message, /^bad\.md:4: minutes must be a whole number/);
    return true;
  });
  await assert.rejects(loadLesson('missing.md', { base, fetch }), /404 Not Found/);
  await assert.rejects(loadLesson('../secret.md', { base, fetch }), /not a lesson file name/);
  assert.deepEqual(asked, ['https://lab.example/lessons/bad.md', 'https://lab.example/lessons/missing.md']);
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
