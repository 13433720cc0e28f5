// What a student reads in the lessons: no raw identifiers of the code (hold_time_s) in the text,
// where the widgets' readouts have names of their own. Formulas, live numbers and code blocks
// are not prose; inline `code` is, since the student reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parseLesson } from '../../web/src/lessons/lesson-format.js';
import { parseMarkdown } from '../../web/src/lessons/markdown.js';
import { formatMeasure } from '../../web/src/lessons/lesson-page.js';

const dir = new URL('../../lessons/', import.meta.url);
const files = fs.readdirSync(dir).filter((name) => /^[0-9].*\.md$/.test(name));
const SNAKE_CASE = /\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b/g;

// The texts of a lesson a student reads, with their first file line.
function studentTexts(lesson) {
  const texts = lesson.objectives.map((text) => [text, lesson.metaLines?.objectives ?? 1]);
  for (const b of lesson.blocks) {
    if (b.kind === 'prose') texts.push([b.text, b.line]);
    if (b.kind === 'task') texts.push([b.instruction, b.instructionLine], ...b.hints.map((h) => [h.text, h.line]), [b.explanation, b.explanationLine]);
    if (b.kind === 'quiz') {
      texts.push([b.question, b.questionLine]);
      for (const c of b.choices ?? []) texts.push([c.text, c.line], [c.feedback, c.line]);
      for (const text of Object.values(b.feedback ?? {})) texts.push([text, b.line]);
    }
    if (b.kind === 'think') texts.push([b.prompt, b.promptLine], [b.reveal ?? '', b.revealLine]);
    if (b.kind === 'summary') texts.push([b.text, b.textLine]);
    if (b.kind === 'claim') texts.push([b.statement, b.statementLine]);
  }
  return texts;
}

function proseStrings(nodes, out = []) {
  for (const node of nodes) {
    if (typeof node === 'string') out.push(node);
    else if (node.tag !== 'math' && node.tag !== 'live' && node.tag !== 'pre') proseStrings(node.children ?? [], out);
  }
  return out;
}

test('lesson text names readouts as the widgets label them, not by snake_case identifiers', () => {
  const found = [];
  for (const file of files) {
    const { lesson } = parseLesson(fs.readFileSync(new URL(file, dir), 'utf8'), { file });
    for (const [text, line] of studentTexts(lesson)) {
      const { nodes } = parseMarkdown(text, line);
      for (const s of proseStrings(nodes)) for (const m of s.matchAll(SNAKE_CASE)) found.push(`lessons/${file}:${line}: ${m[0]}`);
    }
  }
  assert.deepEqual(found, []);
});

test('the scan finds an identifier in inline code and in plain text', () => {
  const { nodes } = parseMarkdown('The measure `hold_time_s` and drift_deg_per_s, but not $h_t$ or {{line1.hold_time_s}}.', 1);
  assert.deepEqual(proseStrings(nodes).flatMap((s) => [...s.matchAll(SNAKE_CASE)].map((m) => m[0])), ['hold_time_s', 'drift_deg_per_s']);
});

test('a live text value reads as words: delayed_recall shows as "delayed recall"', () => {
  assert.equal(formatMeasure('delayed_recall'), 'delayed recall');
  assert.equal(formatMeasure('qpta'), 'qpta');
});

test('every lesson of the course has at most four objectives', () => {
  for (const name of files) {
    const { lesson } = parseLesson(fs.readFileSync(new URL(name, dir), 'utf8'), { file: name });
    assert.ok(lesson.objectives.length <= 4, `${name}: ${lesson.objectives.length} objectives`);
  }
});
