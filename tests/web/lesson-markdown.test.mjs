// The lesson parser on markdown-it: CommonMark and tables for authors, raw HTML as text, unsafe
// URLs and malformed ":::" blocks refused with file:line, and the block structure read from
// markdown-it-container's source map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import katexModule from 'katex';
import { formatProblem, parseLesson } from '../../web/src/lessons/lesson-format.js';
import { materialize } from '../../web/src/lessons/render.js';
import { FakeDocument } from './helpers/fake-dom.mjs';

const katex = katexModule.default ?? katexModule;

// A valid lesson; `prose` starts on line 8, `after` on line 23.
function lesson({ prose = 'Some text.', after = '' } = {}) {
  return [
    '---', 'id: mini', 'title: Mini', 'minutes: 5', 'objectives:', '  - Learn', '---', //  1-7
    prose, '', //                                                                         8-9
    '::: widget ring as=ring1', 'n: 64', ':::', '', //                                    10-13
    '::: task t1', 'Do it.', 'check: ring1.drift_deg_per_s > 5', 'explanation: Because.', ':::', '', // 14-19
    '::: summary', 'Done.', ':::', //                                                     20-22
    after,
  ].join('\n');
}
const parse = (text) => parseLesson(text, { file: 'lessons/mini.md', katex });
const problemsOf = (text) => parse(text).problems.map(formatProblem);

function renderProse(text) {
  const { lesson: parsed, problems } = parse(text);
  const doc = new FakeDocument();
  const root = doc.createElement('div');
  root.append(materialize(parsed.blocks[0].nodes, doc));
  return { root, doc, problems };
}

test('a table renders as a table, with its header, cells, alignment and math', () => {
  const { root, problems } = renderProse(lesson({ prose: '| gain | slope |\n|:-----|------:|\n| $g$ | 0.5 |\n| 2 | **1** |' }));
  assert.deepEqual(problems, []);
  const [table] = root.querySelectorAll('table');
  assert.ok(table, 'a <table> is built');
  assert.deepEqual(table.querySelectorAll('th').map((th) => th.textContent), ['gain', 'slope']);
  assert.deepEqual(table.querySelectorAll('tbody tr').length, 2);
  const cells = table.querySelectorAll('td');
  assert.deepEqual(cells.map((td) => td.getAttribute('style')), ['text-align:left', 'text-align:right', 'text-align:left', 'text-align:right']);
  assert.equal(cells[3].querySelectorAll('strong')[0].textContent, '1');
  // The formula in a cell is drawn by KaTeX at build time: its HTML travels with the lesson.
  assert.equal(cells[0].querySelectorAll('span')[0].getAttribute('class'), 'al-math');
});

test('raw HTML in a lesson is shown as text, never built', () => {
  const { root, doc, problems } = renderProse(lesson({ prose: '<b onclick="alert(1)">bold</b> and <script>alert(2)</script>\n\n<div>block</div>' }));
  assert.deepEqual(problems, []);
  assert.deepEqual(doc.created.filter((e) => ['b', 'script', 'div'].includes(e.localName) && e !== root), []);
  assert.match(root.textContent, /<b onclick="alert\(1\)">bold<\/b> and <script>alert\(2\)<\/script>/);
  assert.match(root.textContent, /<div>block<\/div>/);
});

test('a javascript: link is refused at its file and line, and its words are kept', () => {
  const text = lesson({ prose: 'First line,\nthen [click me](javascript:alert(1)) and <javascript:alert(2)>.' });
  assert.deepEqual(problemsOf(text), [
    'lessons/mini.md:9: link "javascript:alert(1)" is not allowed; links must be http(s), relative or #fragment',
    'lessons/mini.md:9: link "javascript:alert(2)" is not allowed; links must be http(s), relative or #fragment',
  ]);
  const { root } = renderProse(text);
  assert.equal(root.querySelectorAll('a').length, 0);
  assert.match(root.textContent, /then click me and javascript:alert\(2\)\./);
  // A backslash the browser would read as "/" is refused as written, not percent-encoded.
  assert.deepEqual(problemsOf(lesson({ prose: '[h](\\javascript:alert(3))' })), [
    'lessons/mini.md:8: link "\\javascript:alert(3)" is not allowed; links must be http(s), relative or #fragment',
  ]);
});

test('a malformed ":::" block is reported at its file and line', () => {
  assert.deepEqual(problemsOf(lesson({ after: '\n::: widgte ring\n:::' })), [
    'lessons/mini.md:24: unknown block "widgte"; the blocks are widget, task, quiz, think, summary, claim, predict',
  ]);
  assert.deepEqual(problemsOf(lesson({ after: '\n::: think\nWhy?' })), [
    'lessons/mini.md:24: the think block opened here is not closed with ":::"',
  ]);
  assert.deepEqual(problemsOf(lesson({ after: '\n:::' })), [
    'lessons/mini.md:24: ":::" closes a block, but no block is open',
  ]);
  assert.deepEqual(problemsOf(lesson({ after: '\n::: think\nWhy?\n::: think\nNested.\n:::' })).slice(0, 1), [
    'lessons/mini.md:26: blocks do not nest: close the think block opened on line 24 with ":::" first',
  ]);
  assert.deepEqual(problemsOf(lesson({ after: '\n- an item\n\n  ::: think\n  Why?\n  :::' })), [
    'lessons/mini.md:26: a ":::" block starts at the beginning of a line, outside lists and quotes',
  ]);
});

test('":::" inside a fenced code example is text, and blocks keep their lines', () => {
  const { lesson: parsed, problems } = parse(lesson({ prose: '```\n::: task shown-as-code\n:::\n```' }));
  assert.deepEqual(problems, []);
  assert.deepEqual(parsed.blocks.map((b) => [b.kind, b.line]), [['prose', 8], ['widget', 13], ['task', 17], ['summary', 23]]);
  assert.equal(parsed.blocks[0].nodes[0].tag, 'pre');
  assert.equal(parsed.tasks[0].checkLine, 19);
});
