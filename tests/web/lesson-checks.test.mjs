// When a task counts, without a page: TaskChecks decides from the lesson, the measures and the
// student's actions; LessonProgress records what is done. The page tests cover the same rules
// through the DOM (lesson-page.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parseLesson } from '../../web/src/lessons/lesson-format.js';
import { TaskChecks } from '../../web/src/lessons/lesson-checks.js';
import { LessonProgress, recordOf } from '../../web/src/lessons/lesson-progress.js';
import { ProgressStore } from '../../web/src/progress/progress-store.js';
import { MemoryStorage } from './helpers/memory-storage.mjs';

const { lesson } = parseLesson(fs.readFileSync(new URL('../../lessons/_example.md', import.meta.url), 'utf8'), { file: '_example.md' });

function setUp() {
  const store = new ProgressStore({ storage: new MemoryStorage(), events: null });
  const progress = new LessonProgress(store, lesson);
  const measures = {};
  const pending = new Map();
  const ended = [];
  const timers = { setTimeout: (fn) => { pending.set(pending.size + 1, fn); return pending.size; }, clearTimeout: (handle) => pending.delete(handle) };
  const checks = new TaskChecks(lesson, { isDone: (id) => progress.isDone(id), measures, timers, onHoldEnd: (task) => ended.push(task.id) });
  const elapse = () => { const due = [...pending.values()]; pending.clear(); for (const fn of due) fn(); };
  return { progress, measures, checks, pending, ended, elapse };
}

test('a met check counts only after the student acted and the hold ran out with nothing held', () => {
  const { progress, measures, checks, pending, ended, elapse } = setUp();
  const [first, second] = lesson.tasks;
  measures.line1 = { stored_value: 0.5, time_s: 2 };
  assert.deepEqual(checks.evaluate(first), { reached: true, result: { value: true } });
  assert.equal(pending.size, 0, 'met before any action: no hold');
  assert.equal(checks.evaluate(second).reached, false, 'the second task waits for the first');
  checks.setHeld('line1', true);
  checks.studentActed('line1');
  checks.evaluate(first);
  assert.equal(pending.size, 0, 'a held control pauses the hold');
  checks.setHeld('line1', false);
  checks.evaluate(first);
  assert.equal(pending.size, 1);
  elapse();
  assert.deepEqual(ended, ['store-half']);
  assert.equal(checks.mayCount(first), true);
  assert.equal(progress.record(first.id, 1, recordOf(first, lesson, measures)), true);
  assert.deepEqual(progress.store.lessonProgress(lesson.id).items[first.id].record, { stored_value: 0.5, time_s: 2 });
  assert.equal(checks.mayCount(first), false, 'a task done counts once');
  assert.equal(checks.evaluate(second).reached, true);
});

test('a hold is dropped when the check stops holding, and a reset starts every task again', () => {
  const { measures, checks, pending } = setUp();
  const [first] = lesson.tasks;
  measures.line1 = { stored_value: 0.5, time_s: 2 };
  // An action before the task is reached is not an action for it.
  checks.studentActed('line1');
  checks.evaluate(first);
  assert.equal(pending.size, 0);
  checks.studentActed('line1');
  checks.evaluate(first);
  assert.equal(pending.size, 1);
  measures.line1 = { stored_value: 0.7, time_s: 2 };
  checks.evaluate(first);
  assert.equal(pending.size, 0);
  assert.equal(checks.open(lesson.tasks[2].id), true);
  assert.equal(checks.open(lesson.tasks[2].id), false, 'opened once');
  checks.reset();
  assert.deepEqual(checks.gate(lesson.tasks[2].id), { opened: false, reached: false, acted: false, met: false, timer: null });
});
