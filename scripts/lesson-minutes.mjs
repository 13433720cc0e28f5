// Measures the time a lesson takes: its reading time at 200 words a minute plus the time a
// scripted student (tests/e2e/student-*.test.mjs) needs to do its tasks and quizzes.
//   node scripts/lesson-minutes.mjs [lesson-id=SECONDS ...]
// prints, for every lesson, the words a student reads, the reading minutes, the scripted
// student's seconds given on the command line, and the measured minutes (rounded up) beside the
// minutes the lesson states.
import fs from 'node:fs';
import { lessonFiles } from './lesson-tools.mjs';
import { parseLesson } from '../web/src/lessons/lesson-format.js';

export const WORDS_PER_MINUTE = 200;

// The words a student reads in a lesson: objectives, prose, instructions, explanations, quiz
// questions, choices and feedback, "Think!" prompts and discussions, claims, predictions and the
// summary. Hints are left out (shown only on request); a formula or a live number counts as one
// word.
export function readingWords(lesson) {
  const texts = [...lesson.objectives];
  for (const b of lesson.blocks) {
    if (b.kind === 'prose') texts.push(b.text);
    if (b.kind === 'task') texts.push(b.instruction, b.explanation);
    if (b.kind === 'quiz') {
      texts.push(b.question);
      for (const c of b.choices ?? []) texts.push(c.text, c.feedback);
      texts.push(...Object.values(b.feedback ?? {}));
    }
    if (b.kind === 'think') texts.push(b.prompt, b.reveal ?? '');
    if (b.kind === 'claim') texts.push(b.statement);
    if (b.kind === 'predict') texts.push(b.question, b.right, ...(b.choices ?? []).map((c) => c.text));
    if (b.kind === 'summary') texts.push(b.text);
  }
  const text = texts.join(' ')
    .replace(/\$\$[\s\S]*?\$\$/g, ' formula ')
    .replace(/\$[^$]*\$/g, ' formula ')
    .replace(/\{\{[^}]*\}\}/g, ' number ');
  return text.split(/\s+/).filter((word) => /[A-Za-z0-9]/.test(word)).length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scripted = Object.fromEntries(process.argv.slice(2).map((arg) => {
    const m = /^([a-z0-9-]+)=([0-9.]+)$/.exec(arg);
    if (!m) {
      console.error(`lesson-minutes: "${arg}" is not lesson-id=SECONDS`);
      process.exit(1);
    }
    return [m[1], Number(m[2])];
  }));
  console.log('lesson | words | reading min | scripted s | measured min | stated min');
  for (const file of lessonFiles('lessons')) {
    if (file.split('/').pop().startsWith('_')) continue;
    const { lesson } = parseLesson(fs.readFileSync(file, 'utf8'), { file });
    const words = readingWords(lesson);
    const reading = words / WORDS_PER_MINUTE;
    const seconds = scripted[lesson.id];
    const measured = seconds === undefined ? '–' : String(Math.ceil(reading + seconds / 60));
    console.log(`${lesson.id} | ${words} | ${reading.toFixed(1)} | ${seconds ?? '–'} | ${measured} | ${lesson.minutes}`);
  }
}
