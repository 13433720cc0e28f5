// Lesson files: a good lesson parses into what the author wrote; every kind of malformed lesson
// fails with its file, line and reason; the validator CLI and the set checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import katexModule from 'katex';
import { checkLessonSet, formatProblem, indexEntry, judgeNumeric, parseLesson } from '../../web/src/lessons/lesson-format.js';

const katex = katexModule.default ?? katexModule;
const root = new URL('../../', import.meta.url);
const examplePath = new URL('lessons/_example.md', root);

// A minimal valid lesson; line numbers matter to the tests below.
const MINI = [
  '---', //                                   1
  'id: mini', //                              2
  'title: Mini', //                           3
  'minutes: 5', //                            4
  'objectives:', //                           5
  '  - Learn', //                             6
  '---', //                                   7
  'Some text.', //                            8
  '', //                                      9
  '::: widget ring as=ring1', //              10
  'n: 64', //                                 11
  ':::', //                                   12
  '', //                                      13
  '::: task t1', //                           14
  'Do it.', //                                15
  'check: ring1.drift_deg_per_s > 5', //      16
  'explanation: Because.', //                 17
  ':::', //                                   18
  '', //                                      19
  '::: summary', //                           20
  'Done.', //                                 21
  ':::', //                                   22
];

// MINI with line `at` (1-based) replaced by the given lines (none deletes it).
function variant(at, ...lines) {
  const copy = [...MINI];
  copy.splice(at - 1, 1, ...lines);
  return copy.join('\n');
}

const parse = (text, options = {}) => parseLesson(text, { file: 'lessons/mini.md', ...options });

test('the minimal lesson is valid', () => {
  const { lesson, problems } = parse(MINI.join('\n'));
  assert.deepEqual(problems, []);
  assert.equal(lesson.id, 'mini');
  assert.equal(lesson.minutes, 5);
  assert.deepEqual(lesson.widgets.map((w) => [w.id, w.widget, w.config]), [['ring1', 'ring', 'n=64']]);
  assert.deepEqual(lesson.tasks.map((t) => [t.id, t.check, t.checkLine, t.instruction, t.explanation]),
    [['t1', 'ring1.drift_deg_per_s > 5', 16, 'Do it.', 'Because.']]);
});

test('the author guide\'s example lesson parses into what it says', () => {
  const { lesson, problems } = parseLesson(fs.readFileSync(examplePath, 'utf8'), { file: 'lessons/_example.md', katex });
  assert.deepEqual(problems, []);
  assert.equal(lesson.id, 'example-line-leak');
  assert.equal(lesson.minutes, 15);
  assert.equal(lesson.objectives.length, 3);
  assert.equal(lesson.references.length, 2);
  assert.deepEqual(lesson.widgets.map((w) => ({ id: w.id, widget: w.widget, config: w.config, lock: w.lock, hide: w.hide })),
    [{ id: 'line1', widget: 'line', config: 'n=64&seed=1&value=1', lock: ['n'], hide: [] }]);
  assert.deepEqual(lesson.tasks.map((t) => t.id), ['store-half', 'make-it-leak', 'ten-seconds']);
  assert.deepEqual(lesson.tasks.map((t) => t.hints.length), [2, 1, 1]);
  const [choice, numeric] = lesson.quizzes;
  assert.equal(choice.type, 'choice');
  assert.deepEqual(choice.choices.map((c) => c.correct), [false, true, false]);
  assert.ok(choice.choices.every((c) => c.feedback.length > 0));
  assert.equal(numeric.type, 'numeric');
  assert.equal(numeric.answer, 5);
  assert.deepEqual(numeric.tolerance, { kind: 'relative', value: 0.05 });
  assert.equal(numeric.unit, 's');
  assert.equal(lesson.blocks.filter((b) => b.kind === 'think').length, 1);
  assert.deepEqual(indexEntry(lesson, '_example.md').quizzes, ['drift-sign', 'time-constant']);
});

test('widget config accepts "name: value" lines and query strings alike', () => {
  const a = parse(variant(11, 'n: 64', 'epsilon: 0.01')).lesson.widgets[0].config;
  const b = parse(variant(11, 'n=64&epsilon=0.01')).lesson.widgets[0].config;
  assert.equal(a, 'n=64&epsilon=0.01');
  assert.equal(b, a);
  const hidden = parse(variant(10, '::: widget ring as=ring1 hide=seed,n lock=epsilon')).lesson.widgets[0];
  assert.deepEqual([hidden.hide, hidden.lock], [['seed', 'n'], ['epsilon']]);
});

// [what is wrong, lesson text, expected line, reason pattern]
const MALFORMED = [
  ['no front matter', MINI.slice(7).join('\n'), 1, /starts with front matter/],
  ['front matter not closed', variant(7, 'next: other'), 1, /not closed by a "---"/],
  ['unknown front matter key', variant(3, 'tittle: Mini'), 3, /unknown front matter key "tittle"/],
  ['minutes not a number', variant(4, 'minutes: ten'), 4, /minutes must be a whole number/],
  ['objectives missing', variant(5, 'next: other').replace('  - Learn\n', ''), 1, /needs "objectives:"/],
  ['bad lesson id', variant(2, 'id: Mini Lesson'), 2, /id "Mini Lesson" must be lower-case/],
  ['unknown block kind', variant(20, '::: summry'), 20, /unknown block "summry"/],
  ['unknown widget', variant(10, '::: widget rung as=ring1'), 10, /unknown widget "rung"/],
  ['bad widget config line', variant(11, 'n 64'), 11, /widget config lines are/],
  ['block not closed', variant(22, ''), 20, /summary block opened here is not closed/],
  ['nested block', variant(15, '::: think'), 15, /blocks do not nest: close the task block opened on line 14/],
  ['stray closer', variant(9, ':::'), 9, /no block is open/],
  ['task without check', variant(16, 'Still doing it.'), 14, /exactly one "check:"/],
  ['task without explanation', variant(17, 'More.'), 14, /exactly one "explanation:"/],
  ['check syntax error', variant(16, 'check: ring1.drift_deg_per_s >> 5'), 16, /check: expected a number, a measure name or "\(" but found ">"/],
  ['check on an unknown widget', variant(16, 'check: ring2.drift_deg_per_s > 5'), 16, /no widget "ring2"/],
  ['duplicate task id', variant(18, ':::', '::: task t1', 'Again.', 'check: ring1.x > 1', 'explanation: E.', ':::'), 19, /id "t1" is already used on line 14/],
  ['quiz with two right answers', variant(19, '::: quiz q', 'Which?', '- [x] A', '  feedback: a', '- [x] B', '  feedback: b', ':::'), 19, /exactly one choice marked \[x\], not 2/],
  ['choice without feedback', variant(19, '::: quiz q', 'Which?', '- [x] A', '  feedback: a', '- [ ] B', ':::'), 23, /every choice needs an indented "feedback:"/],
  ['numeric quiz without tolerance', variant(19, '::: quiz q', 'How many?', 'answer: 3', 'correct: yes', 'wrong: no', ':::'), 19, /needs "tolerance:"/],
  ['numeric answer not a number', variant(19, '::: quiz q', 'How many?', 'answer: three', 'tolerance: 0', 'correct: yes', 'wrong: no', ':::'), 21, /answer must be a number/],
  ['javascript: link', variant(8, 'See [this](javascript:alert(1)).'), 8, /link "javascript:alert\(1\)" is not allowed/],
  ['image from another host', variant(8, '![x](https://example.org/x.png)'), 8, /images must be relative paths/],
  ['live number on an unknown widget', variant(8, 'Now {{ring9.drift:2}}.'), 8, /live number .*no widget "ring9"/],
  ['malformed live number', variant(8, 'Now {{ring1.drift:two}}.'), 8, /live number is written/],
  ['live number in a task statement', variant(15, 'Keep the drift under {{ring1.drift_deg_per_s:2}}.'), 15, /task "t1": the task statement shows a live number "\{\{ring1\.drift_deg_per_s:2\}\}"/],
  ['live number on a later line of a task statement', variant(15, 'Do it', 'at epsilon = {{ring1.epsilon}}.'), 16, /task "t1": the task statement shows a live number/],
  ['top-level heading in the body', variant(8, '# Again a title'), 8, /use "##" or deeper/],
  ['no summary', MINI.slice(0, 18).join('\n'), 1, /exactly one summary block, not 0/],
  ['two widgets and an unqualified name', variant(12, ':::', '::: widget line as=line1', ':::').replace('ring1.drift_deg_per_s', 'drift_deg_per_s'), 18, /"drift_deg_per_s" does not say which widget/],
];

test('each kind of malformed lesson fails with file, line and reason', () => {
  for (const [what, text, line, reason] of MALFORMED) {
    const { problems } = parse(text);
    const match = problems.find((p) => reason.test(p.reason));
    assert.ok(match, `${what}: expected a problem matching ${reason}, got ${JSON.stringify(problems)}`);
    assert.equal(match.file, 'lessons/mini.md', what);
    assert.equal(match.line, line, `${what}: line`);
    assert.match(formatProblem(match), new RegExp(`^lessons/mini\\.md:${line}(:\\d+)?: `), what);
  }
});

test('a check error also gives the column in the file', () => {
  const { problems } = parse(variant(16, 'check: ring1.drift_deg_per_s > 5 && ring1.epsilon < 1'));
  // "check: " is 7 characters; in the check, "ring1.drift_deg_per_s" is 21 and " > 5 " 5 more,
  // so "&&" starts at offset 26 and at column 7 + 26 + 1.
  assert.deepEqual(problems.map(formatProblem), ['lessons/mini.md:16:34: task "t1": check: use "and" instead of "&&"']);
});

test('with KaTeX, a broken formula fails at its line', () => {
  const { problems } = parse(variant(8, 'Math $\\frac{1}{2$ here.'), { katex });
  assert.equal(problems.length, 1);
  assert.equal(problems[0].line, 8);
  assert.match(problems[0].reason, /^formula "\\frac\{1\}\{2"/);
});

test('lessons are checked together: unique ids, existing next and prerequisites', () => {
  const a = parse(variant(2, 'id: a', 'next: b'));
  const b = parseLesson(variant(2, 'id: a', 'prerequisites: [zzz]'), { file: 'lessons/b.md' });
  const problems = checkLessonSet([a, b]).map(formatProblem);
  assert.deepEqual(problems, [
    'lessons/b.md:1: lesson id "a" is also used by lessons/mini.md',
    'lessons/mini.md:1: next: no lesson has the id "b"',
    'lessons/b.md:1: prerequisites: no lesson has the id "zzz"',
  ]);
});

test('numeric answers are judged within the tolerance, absolute or relative', () => {
  const relative = { answer: 5, tolerance: { kind: 'relative', value: 0.05 } };
  assert.equal(judgeNumeric(relative, 5.25), 'correct');
  assert.equal(judgeNumeric(relative, 4.75), 'correct');
  assert.equal(judgeNumeric(relative, 5.3), 'high');
  assert.equal(judgeNumeric(relative, 4.7), 'low');
  const absolute = { answer: 0.3, tolerance: { kind: 'absolute', value: 0 } };
  assert.equal(judgeNumeric(absolute, 0.1 + 0.2), 'correct');
  assert.equal(judgeNumeric(absolute, NaN), 'invalid');
});

test('the validator CLI prints file:line: reason and fails for a malformed lesson, passes a good one', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessons-'));
  try {
    const bad = path.join(dir, 'bad.md');
    fs.writeFileSync(bad, variant(16, 'check: ring1.drift_deg_per_s >'));
    const failed = spawnSync(process.execPath, ['scripts/validate-lessons.mjs', bad], { cwd: root, encoding: 'utf8' });
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /bad\.md:16:\d+: task "t1": check: expected a number/);
    assert.match(failed.stderr, /1 problem in 1 file/);
    const passed = spawnSync(process.execPath, ['scripts/validate-lessons.mjs', 'lessons/_example.md'], { cwd: root, encoding: 'utf8' });
    assert.equal(passed.status, 0, passed.stderr);
    assert.match(passed.stdout, /1 lesson file valid/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('every lesson in lessons/ validates', () => {
  const result = spawnSync(process.execPath, ['scripts/validate-lessons.mjs'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});

test('the author guide shows the example lesson exactly as the file has it', () => {
  const guide = fs.readFileSync(new URL('lessons/README.md', root), 'utf8');
  const shown = /````markdown\n([\s\S]*?)````/.exec(guide)?.[1];
  assert.equal(shown, fs.readFileSync(examplePath, 'utf8'));
});

test('widget configs can be checked by the settings registry, reported at the widget block', () => {
  const calls = [];
  const checkWidgetConfig = (widget, query) => {
    calls.push([widget, query]);
    const n = Number(new URLSearchParams(query).get('n'));
    return n > 1024 ? [`n = ${n} is not allowed; n must be a whole number from 2 to 1024`] : [];
  };
  assert.deepEqual(parse(MINI.join('\n'), { checkWidgetConfig }).problems, []);
  const { problems } = parse(variant(11, 'n: 5000'), { checkWidgetConfig });
  assert.deepEqual(problems.map(formatProblem), ['lessons/mini.md:10: widget ring1: n = 5000 is not allowed; n must be a whole number from 2 to 1024']);
  assert.deepEqual(calls, [['ring', 'n=64'], ['ring', 'n=5000']]);
});

test('a task whose check reads only counters, step numbers and settings is warned about at its check line', () => {
  const settingsOf = (widget) => (widget === 'ring' ? ['epsilon', 'n', 'seed'] : []);
  const counting = parse(variant(16, 'check: ring1.time_s >= 60 and ring1.epsilon > 0'), { settingsOf });
  assert.deepEqual(counting.problems, []);
  assert.deepEqual(counting.warnings.map(formatProblem), [
    'lessons/mini.md:16: task "t1": the check reads only counters, step numbers and settings (ring1.time_s, ring1.epsilon), so pressing buttons meets it; check a relation the student measures (a ratio, a sign, a threshold crossing)',
  ]);
  // A measured result anywhere in the check is enough.
  assert.deepEqual(parse(variant(16, 'check: ring1.time_s >= 60 and ring1.epsilon > 0 and ring1.drift_deg_per_s < 1'), { settingsOf }).warnings, []);
  assert.deepEqual(parse(MINI.join('\n'), { settingsOf }).warnings, []);
  // Without the widget's settings, only the counters are known: epsilon counts as a result.
  assert.deepEqual(parse(variant(16, 'check: ring1.time_s >= 60 and ring1.epsilon > 0')).warnings, []);
  assert.equal(parse(variant(16, 'check: ring1.time_s >= 60')).warnings.length, 1);
});

test('the validator CLI prints the warning with file:line and still passes; the course\'s lessons have none', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessons-'));
  try {
    const counting = path.join(dir, 'counting.md');
    fs.writeFileSync(counting, variant(16, 'check: ring1.time_s >= 60 and ring1.epsilon > 0'));
    const warned = spawnSync(process.execPath, ['scripts/validate-lessons.mjs', counting], { cwd: root, encoding: 'utf8' });
    assert.equal(warned.status, 0, warned.stderr);
    assert.match(warned.stderr, /counting\.md:16: warning: task "t1": the check reads only counters, step numbers and settings \(ring1\.time_s, ring1\.epsilon\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const course = spawnSync(process.execPath, ['scripts/validate-lessons.mjs'], { cwd: root, encoding: 'utf8' });
  assert.equal(course.status, 0, course.stderr);
  assert.doesNotMatch(course.stderr, /warning/);
});

test('a check, a prediction or a live number naming a measure the widget does not document is a problem at its line', () => {
  const measuresOf = (widget) => (widget === 'ring' ? ['drift_deg_per_s', 'epsilon'] : null);
  assert.deepEqual(parse(MINI.join('\n'), { measuresOf }).problems, []);
  const check = parse(variant(16, 'check: ring1.drift_deg_per_sec > 5'), { measuresOf });
  assert.deepEqual(check.problems.map(formatProblem), [
    'lessons/mini.md:16:8: task "t1": check: "drift_deg_per_sec" is not a measure of the ring widget "ring1" (docs/measures.md lists its measures)',
  ]);
  const live = parse(variant(8, 'Drift now: {{ring1.drift}}.'), { measuresOf });
  assert.deepEqual(live.problems.map(formatProblem), [
    'lessons/mini.md:8: live number "drift" is not a measure of the ring widget "ring1" (docs/measures.md lists its measures)',
  ]);
  // Without the schemas the names are not checked.
  assert.deepEqual(parse(variant(16, 'check: ring1.drift_deg_per_sec > 5')).problems, []);
});
