// Lesson text that is too deep or too large: the validator answers with file:line and the limit
// instead of exhausting the stack, reads long texts in linear time, and bounds formula sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import katexModule from 'katex';
import { ExpressionError, MAX_CHECK_DEPTH, MAX_CHECK_LENGTH, parseExpression } from '../../web/src/lessons/expression.js';
import { formatProblem, parseLesson } from '../../web/src/lessons/lesson-format.js';
import {
  MAX_FORMULA_DEPTH, MAX_FORMULA_SIZE_EM, MAX_INLINE_DEPTH, MAX_QUOTE_DEPTH, inlineWork, katexRenderer,
} from '../../web/src/lessons/render.js';
import { parseMarkdown } from '../../web/src/lessons/markdown.js';

const katex = katexModule.default ?? katexModule;
const root = new URL('../../', import.meta.url);

// A valid lesson; `prose` is its text on line 8, `check` the task's check on line 16.
function lesson({ prose = 'Some text.', check = 'ring1.drift_deg_per_s > 5' } = {}) {
  return [
    '---', 'id: mini', 'title: Mini', 'minutes: 5', 'objectives:', '  - Learn', '---', //  1-7
    prose, '', //                                                                         8-9
    '::: widget ring as=ring1', 'n: 64', ':::', '', //                                    10-13
    '::: task t1', 'Do it.', `check: ${check}`, 'explanation: Because.', ':::', '', //    14-19
    '::: summary', 'Done.', ':::', //                                                     20-22
  ].join('\n');
}
const problemsOf = (text) => parseLesson(text, { file: 'lessons/mini.md', katex }).problems.map(formatProblem);

test('a check nested too deep is refused at its file, line and column, with the limit', () => {
  assert.deepEqual(problemsOf(lesson()), []);
  // 1,300 parentheses used to overflow the stack. "check: " is 7 characters, so the first
  // parenthesis beyond the limit (offset MAX_CHECK_DEPTH in the check) is at column 8 + that.
  const deep = `${'('.repeat(1300)}ring1.drift_deg_per_s > 5${')'.repeat(1300)}`;
  assert.deepEqual(problemsOf(lesson({ check: deep })), [
    `lessons/mini.md:16:${8 + MAX_CHECK_DEPTH}: task "t1": check: the check nests parentheses, function calls, "not" and "-" more than ${MAX_CHECK_DEPTH} levels deep; at most ${MAX_CHECK_DEPTH} are allowed`,
  ]);
  // Exactly at the limit is fine.
  const atLimit = `${'('.repeat(MAX_CHECK_DEPTH)}ring1.drift_deg_per_s > 5${')'.repeat(MAX_CHECK_DEPTH)}`;
  assert.deepEqual(problemsOf(lesson({ check: atLimit })), []);
});

test('every way of nesting a check counts toward the depth limit, and a long check is refused', () => {
  const over = MAX_CHECK_DEPTH + 1;
  const cases = [
    [`${'not '.repeat(over)}true`, 4 * MAX_CHECK_DEPTH],
    [`${'-'.repeat(over)}1 > 0`, MAX_CHECK_DEPTH],
    [`${'abs('.repeat(over)}1${')'.repeat(over)} > 0`, 4 * MAX_CHECK_DEPTH],
    [`${'not ('.repeat(over)}true${')'.repeat(over)}`, 5 * (over - 1) / 2],
  ];
  for (const [source, position] of cases) {
    assert.throws(() => parseExpression(source), (error) => error instanceof ExpressionError
      && /more than 32 levels deep; at most 32 are allowed/.test(error.reason) && error.position === position, source.slice(0, 12));
  }
  // A long chain is as deep a tree as nested parentheses: 20,000 terms overflowed the stack when
  // the validator walked the tree.
  const chain = `${'ring1.drift_deg_per_s + '.repeat(20000)}1 > 5`;
  assert.throws(() => parseExpression(chain), (error) => error instanceof ExpressionError
    && error.reason === `the check is ${chain.length} characters long; at most ${MAX_CHECK_LENGTH} are allowed` && error.position === MAX_CHECK_LENGTH);
  assert.deepEqual(problemsOf(lesson({ check: chain })), [
    `lessons/mini.md:16:${8 + MAX_CHECK_LENGTH}: task "t1": check: the check is ${chain.length} characters long; at most ${MAX_CHECK_LENGTH} are allowed`,
  ]);
});

test('quotes nested too deep are refused at their line, and their text is kept', () => {
  // 3,000 ">" on one line used to overflow the stack.
  assert.deepEqual(problemsOf(lesson({ prose: `${'>'.repeat(3000)} deep` })), [
    `lessons/mini.md:8: quotes (">") nest more than ${MAX_QUOTE_DEPTH} levels deep here; at most ${MAX_QUOTE_DEPTH} levels are allowed`,
  ]);
  // A staircase of quotes: the problem is on the first line deeper than the limit.
  const stairs = Array.from({ length: 40 }, (_, k) => `${'>'.repeat(k + 1)} level ${k + 1}`).join('\n');
  const { nodes, problems } = parseMarkdown(stairs, 8);
  assert.deepEqual(problems, [{ line: 8 + MAX_QUOTE_DEPTH, reason: `quotes (">") nest more than ${MAX_QUOTE_DEPTH} levels deep here; at most ${MAX_QUOTE_DEPTH} levels are allowed` }]);
  let innermost = nodes[0];
  for (let level = 1; level < MAX_QUOTE_DEPTH; level += 1) innermost = innermost.children.find((n) => n.tag === 'blockquote');
  assert.match(innermost.children.at(-1).children[0], /level 40$/);
  assert.deepEqual(parseMarkdown('> '.repeat(MAX_QUOTE_DEPTH) + 'fine').problems, []);
});

test('emphasis nested too deep is refused at its line, and its words are kept', () => {
  // Emphasis inside emphasis, alternating * and _ (CommonMark lets no link contain a link).
  const nest = (depth) => {
    let text = 'x';
    for (let k = 0; k < depth; k += 1) text = `${k % 2 ? '_' : '*'}a ${text} b${k % 2 ? '_' : '*'}`;
    return text;
  };
  assert.deepEqual(parseMarkdown(`first line\n${nest(MAX_INLINE_DEPTH)}`).problems, []);
  assert.deepEqual(problemsOf(lesson({ prose: `first line\n${nest(MAX_INLINE_DEPTH + 1)}` })), [
    `lessons/mini.md:9: emphasis and links nest more than ${MAX_INLINE_DEPTH} levels deep here; at most ${MAX_INLINE_DEPTH} levels are allowed`,
  ]);
  // 3,000 levels: one problem, and every word is kept.
  const { nodes, problems } = parseMarkdown(nest(3000), 8);
  assert.deepEqual(problems, [
    { line: 8, reason: `emphasis and links nest more than ${MAX_INLINE_DEPTH} levels deep here; at most ${MAX_INLINE_DEPTH} levels are allowed` },
  ]);
  const words = [];
  const collect = (list) => { for (const n of list) { if (typeof n === 'string') words.push(n); else collect(n.children ?? []); } };
  collect(nodes);
  assert.equal(words.join('').replace(/\s+/g, ' ').match(/\ba\b/g).length, 3000);
});

// The work of the lesson syntax's own inline rules (math and live numbers; inlineWork.steps:
// characters they scan) for a text of n characters made of `unit` repeated.
function work(unit, n) {
  const text = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  inlineWork.steps = 0;
  parseMarkdown(text);
  return inlineWork.steps;
}

test('the math and live-number rules are linear: twice the text is twice the work, even for runs of unclosed openers', () => {
  // Each of these makes a naive rule search to the end of the text from every opener (quadratic).
  const units = ['$a ', '$$a ', '{{', '*_[`$ ', '$a\n', '{{a'];
  const n = 100000;
  for (const unit of units) {
    const once = work(unit, n);
    const twice = work(unit, 2 * n);
    assert.ok(once >= n / 2, `${unit}: the counter sees the text (${once} steps for ${n} characters)`);
    assert.ok(twice <= 2.1 * once, `${JSON.stringify(unit)}: ${once} steps for ${n} characters, ${twice} for ${2 * n}`);
    assert.ok(twice <= 8 * 2 * n, `${JSON.stringify(unit)}: ${twice} steps for ${2 * n} characters`);
  }
});

// Quadratic work on a megabyte is about 10^12 steps (hours); linear work takes seconds. The
// timeout is the bound, far from both.
test('a megabyte of each run of unclosed openers is read', { timeout: 600000 }, () => {
  const n = 1 << 20;
  for (const unit of ['*a ', '_a ', '**a ', '[', '[a](', '`a ', '$a ', '{{', '*_[`$ ', '![a](', '<', '> ', 'a']) {
    const { nodes } = parseMarkdown(unit.repeat(Math.ceil(n / unit.length)));
    assert.ok(nodes.length > 0, JSON.stringify(unit));
  }
});

test('formulas: sizes are capped when drawn, and the validator refuses sizes beyond the bound', () => {
  // A 300em box drew 5,800 pixels of black; drawn sizes are capped at the bound.
  const html = katexRenderer(katex)('\\rule{300em}{300em}', false).replace(/<annotation[^]*?<\/annotation>/, '');
  assert.doesNotMatch(html, /300em/);
  assert.match(html, new RegExp(`border-right-width:${MAX_FORMULA_SIZE_EM}em`));
  const refused = [
    ['\\rule{300em}{300em}', '300em'],
    ['a\\kern-300em b', '-300em'],
    ['\\hspace{10cm}', '10cm'],
    ['\\raisebox{-50em}{x}', '-50em'],
    ['\\def\\big{\\rule{30em}{1em}}\\big', '30em'],
  ];
  for (const [tex, size] of refused) {
    assert.deepEqual(problemsOf(lesson({ prose: `Math $${tex}$ here.` })), [
      `lessons/mini.md:8: formula "${tex}": the size ${size} is too large; sizes are at most ${MAX_FORMULA_SIZE_EM}em (or as much in another unit, e.g. ${10 * MAX_FORMULA_SIZE_EM}pt)`,
    ], tex);
  }
  for (const tex of [`\\rule{${MAX_FORMULA_SIZE_EM}em}{1em}`, '\\hspace{7cm}', 'a \\quad b \\leftarrow c \\rightarrow d', '\\left( \\frac{1}{2} \\right)']) {
    assert.deepEqual(problemsOf(lesson({ prose: `Math $${tex}$ here.` })), [], tex);
  }
});

test('formulas nested too deep are refused with the limit, not a stack overflow', () => {
  for (const tex of [`${'{'.repeat(2000)}x${'}'.repeat(2000)}`, `${'\\left('.repeat(40)}x${'\\right)'.repeat(40)}`]) {
    const problems = problemsOf(lesson({ prose: `$$${tex}$$` }));
    assert.equal(problems.length, 1);
    assert.match(problems[0], new RegExp(`^lessons/mini\\.md:8: formula ".*": groups \\(\\{\\.\\.\\.\\} and \\\\left\\.\\.\\.\\\\right\\) nest \\d+ levels deep; at most ${MAX_FORMULA_DEPTH} are allowed$`));
  }
});

test('the validator CLI reports a deep lesson with file:line and exits 1', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessons-'));
  try {
    const file = path.join(dir, 'deep.md');
    fs.writeFileSync(file, lesson({ prose: `${'>'.repeat(3000)} deep` }));
    const result = spawnSync(process.execPath, ['scripts/validate-lessons.mjs', file], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /deep\.md:8: quotes \(">"\) nest more than \d+ levels deep here/);
    assert.doesNotMatch(result.stderr, /Maximum call stack/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the author guide states the limits the code enforces', () => {
  const guide = fs.readFileSync(new URL('lessons/README.md', root), 'utf8').replace(/\s+/g, ' ');
  for (const phrase of [
    `quotes nest at most ${MAX_QUOTE_DEPTH} deep`, `links inside each other at most ${MAX_INLINE_DEPTH} deep`,
    `A check is at most ${MAX_CHECK_LENGTH} characters long`, `nest at most ${MAX_CHECK_DEPTH} deep inside it`,
    `is at most ${MAX_FORMULA_SIZE_EM}em either way`, `nest at most ${MAX_FORMULA_DEPTH} deep`,
  ]) assert.ok(guide.includes(phrase), phrase);
});
