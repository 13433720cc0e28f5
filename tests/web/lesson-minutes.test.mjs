// The reading time of a lesson: the words a student reads, with hints left out and a formula or
// a live number counted as one word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLesson } from '../../web/src/lessons/lesson-format.js';
import { readingWords } from '../../scripts/lesson-minutes.mjs';

const LESSON = [
  '---', 'id: mini', 'title: Mini', 'minutes: 5', 'objectives:', '  - Learn one thing', '---',
  'Two words $x^2 + y^2 = r^2$ and {{ring1.drift:2}} here.',
  '::: widget ring as=ring1', 'n: 64', ':::',
  '::: task t1', 'Do it.', 'check: ring1.drift_deg_per_s > 5', 'hint: A hint nobody asked for has many words in it.', 'explanation: Because so.', ':::',
  '::: summary', 'Done.', ':::',
].join('\n');

test('reading words: objectives, prose, instruction, explanation and summary; no hints; a formula or a number is one word', () => {
  const { lesson, problems } = parseLesson(LESSON, { file: 'mini.md' });
  assert.deepEqual(problems, []);
  // "Learn one thing" 3, "Two words formula and number here." 6, "Do it." 2, "Because so." 2, "Done." 1
  assert.equal(readingWords(lesson), 14);
});

test('no lesson states fewer minutes than its reading time alone', async () => {
  const fs = await import('node:fs');
  const { lessonFiles } = await import('../../scripts/lesson-tools.mjs');
  const { WORDS_PER_MINUTE } = await import('../../scripts/lesson-minutes.mjs');
  for (const file of lessonFiles('lessons')) {
    const { lesson } = parseLesson(fs.readFileSync(file, 'utf8'), { file });
    const reading = readingWords(lesson) / WORDS_PER_MINUTE;
    assert.ok(Number(lesson.minutes) >= Math.ceil(reading), `${file}: states ${lesson.minutes} minutes, reading alone takes ${reading.toFixed(1)}`);
  }
});
