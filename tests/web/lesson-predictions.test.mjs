// Predictions that are checked: the predict block parses (numeric and choice), its mistakes are
// reported with file:line, and on the page a recorded prediction is compared with the measured
// result once the lesson's condition holds, saying what was right or wrong and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatProblem, parseLesson } from '../../web/src/lessons/lesson-format.js';
import { judgePrediction } from '../../web/src/lessons/predictions.js';
import { measuresLookup } from '../../web/src/lessons/expression.js';
import { renderLessonPage } from '../../web/src/lessons/lesson-page.js';
import { ProgressStore } from '../../web/src/progress/progress-store.js';
import { FakeDocument } from './helpers/fake-dom.mjs';
import { MemoryStorage, steppingClock } from './helpers/memory-storage.mjs';

const lessonText = (...blocks) => [
  '---', 'id: mini', 'title: Mini', 'minutes: 5', 'objectives:', '  - Learn', '---', //    1-7
  '::: widget line as=line1', 'n: 64', ':::', //                                           8-10
  '::: task t1', 'Do it.', 'check: line1.measured_drift_rate_per_s < -0.1', 'explanation: Because.', ':::', // 11-15
  ...blocks,
  '::: summary', 'Done.', ':::',
].join('\n');

const NUMERIC = [
  '::: predict rate widget=line1', //                    16
  'What drift rate will you measure?', //                17
  'measure: measured_drift_rate_per_s', //               18
  'tolerance: 10%', //                                   19
  'unit: 1/s', //                                        20
  'when: epsilon > 0 and time_s >= 3', //                21
  'right: Yes: the rate is $(\\lambda - 1)/\\tau$.', //  22
  'wrong: The rate is $(\\lambda - 1)/\\tau$, not the eigenvalue itself.', // 23
  ':::', //                                              24
];

const CHOICE = [
  '::: predict direction widget=line1', //               16
  'Which way will the stored value go?', //              17
  '- It leaks toward zero', //                           18
  '  result: measured_drift_rate_per_s < -0.001', //     19
  '  feedback: You expected a leak.', //                 20
  '- It runs away', //                                   21
  '  result: measured_drift_rate_per_s > 0.001', //      22
  'when: epsilon > 0 and time_s >= 3', //                23
  'right: The sign of $\\lambda - 1$ decides it.', //    24
  'wrong: The sign of $\\lambda - 1$ decides it, and here it is negative.', // 25
  ':::',
];

test('numeric and choice predictions parse into what the author wrote', () => {
  const numeric = parseLesson(lessonText(...NUMERIC), { file: 'lessons/mini.md' });
  assert.deepEqual(numeric.problems, []);
  const [p] = numeric.lesson.predictions;
  assert.deepEqual([p.id, p.widget, p.type, p.measure, p.unit, p.when], ['rate', 'line1', 'numeric', 'measured_drift_rate_per_s', '1/s', 'epsilon > 0 and time_s >= 3']);
  assert.deepEqual(p.tolerance, { kind: 'relative', value: 0.1 });
  const choice = parseLesson(lessonText(...CHOICE), { file: 'lessons/mini.md' });
  assert.deepEqual(choice.problems, []);
  const [c] = choice.lesson.predictions;
  assert.equal(c.type, 'choice');
  assert.deepEqual(c.choices.map((x) => [x.text, x.resultSource, x.feedback]),
    [['It leaks toward zero', 'measured_drift_rate_per_s < -0.001', 'You expected a leak.'], ['It runs away', 'measured_drift_rate_per_s > 0.001', '']]);
  // Predictions are not progress items: the lesson's tasks and quizzes are unchanged.
  assert.deepEqual(choice.lesson.tasks.map((t) => t.id), ['t1']);
});

test('a malformed prediction is reported at its line', () => {
  const problems = (...blocks) => parseLesson(lessonText(...blocks), { file: 'lessons/mini.md' }).problems.map(formatProblem);
  const without = (lines, start) => lines.filter((line) => !line.startsWith(start));
  assert.deepEqual(problems(...without(NUMERIC, 'when:')), ['lessons/mini.md:16: prediction "rate" needs "when:", the condition under which the result is measured']);
  assert.deepEqual(problems(...without(NUMERIC, 'wrong:')), ['lessons/mini.md:16: prediction "rate" needs "wrong:" (what the student got wrong, and why)']);
  assert.deepEqual(problems(...NUMERIC.map((l) => (l.startsWith('tolerance:') ? 'tolerance: a lot' : l))),
    ['lessons/mini.md:19: prediction "rate": tolerance must be a number >= 0 or a percentage like 5%, not "a lot"']);
  assert.match(problems(...NUMERIC.map((l) => (l.startsWith('when:') ? 'when: epsilon > 0 && time_s >= 3' : l)))[0], /^lessons\/mini\.md:21:\d+: prediction "rate": when: use "and" instead of "&&"/);
  assert.deepEqual(problems(...NUMERIC.map((l) => (l.startsWith('measure:') ? 'measure: ring9.drift' : l))),
    ['lessons/mini.md:16: prediction "rate": "ring9.drift": this lesson has no widget "ring9" (its widgets: line1)']);
  assert.deepEqual(problems(...CHOICE.filter((l) => l !== '  result: measured_drift_rate_per_s > 0.001')),
    ['lessons/mini.md:21: prediction "direction": every choice needs an indented "result:" line, the condition under which it is right']);
  assert.deepEqual(problems(...NUMERIC.map((l) => l.replace('predict rate', 'predict t1'))),
    ['lessons/mini.md:16: id "t1" is already used on line 11; task, quiz and prediction ids are unique in a lesson']);
});

test('a prediction is judged only once its condition holds, within the tolerance', () => {
  const [p] = parseLesson(lessonText(...NUMERIC), { file: 'm.md' }).lesson.predictions;
  const at = (measures) => measuresLookup({ line1: measures }, 'line1');
  assert.equal(judgePrediction(p, -0.2, at({ epsilon: 0, time_s: 10, measured_drift_rate_per_s: 0 })).state, 'waiting');
  assert.equal(judgePrediction(p, -0.2, at({ epsilon: 0.02, time_s: 4, measured_drift_rate_per_s: null })).state, 'waiting');
  assert.deepEqual(judgePrediction(p, -0.2, at({ epsilon: 0.02, time_s: 4, measured_drift_rate_per_s: -0.21 })), { state: 'right', measured: -0.21 });
  assert.deepEqual(judgePrediction(p, -0.2, at({ epsilon: 0.02, time_s: 4, measured_drift_rate_per_s: -0.25 })), { state: 'wrong', measured: -0.25 });
  const [c] = parseLesson(lessonText(...CHOICE), { file: 'm.md' }).lesson.predictions;
  assert.deepEqual(judgePrediction(c, 1, at({ epsilon: 0.02, time_s: 4, measured_drift_rate_per_s: -0.2 })), { state: 'wrong', measured: 0 });
  assert.deepEqual(judgePrediction(c, 0, at({ epsilon: 0.02, time_s: 4, measured_drift_rate_per_s: -0.2 })), { state: 'right', measured: 0 });
  assert.equal(judgePrediction(c, 0, at({ epsilon: 0.02, time_s: 4, measured_drift_rate_per_s: 0 })).state, 'waiting', 'no choice holds yet');
});

async function openPage(blocks) {
  const doc = new FakeDocument();
  const container = doc.createElement('main');
  const store = new ProgressStore({ storage: new MemoryStorage(), now: steppingClock(), events: null });
  const { lesson } = parseLesson(lessonText(...blocks), { file: 'mini.md' });
  const page = await renderLessonPage(container, lesson, { store, document: doc, renderMath: null });
  const widget = page.widgets.get('line1');
  const publish = (measures) => {
    widget.measures = measures;
    widget.dispatchEvent(new CustomEvent('measures', { detail: { measures } }));
  };
  return { container, publish, store };
}

function predict(section, fill) {
  fill(section);
  section.querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
}

test('on the page, a recorded prediction waits for the measurement, then says whether it was right and why', async () => {
  const { container, publish, store } = await openPage(NUMERIC);
  const section = container.querySelector('section[data-prediction="rate"]');
  assert.equal(section.getAttribute('data-state'), 'open');
  const label = section.querySelector('label');
  assert.equal(label.textContent, 'Your prediction');
  assert.equal(section.querySelector('.al-prediction-outcome').getAttribute('aria-live'), 'polite');
  publish({ epsilon: 0, time_s: 0, measured_drift_rate_per_s: null });
  predict(section, (s) => { s.querySelector('input[type="text"]').value = '−0.2'; });
  assert.equal(section.getAttribute('data-state'), 'waiting');
  assert.match(section.textContent, /You predicted −0\.2 1\/s\. Now measure it/);
  assert.ok([...section.querySelectorAll('input'), ...section.querySelectorAll('button')].every((control) => control.disabled), 'a prediction is made once');
  publish({ epsilon: 0.02, time_s: 4, measured_drift_rate_per_s: -0.3 });
  assert.equal(section.getAttribute('data-state'), 'wrong');
  assert.match(section.textContent, /Your prediction was not borne out: you predicted −0\.2 1\/s, measured −0\.3 1\/s\./);
  assert.match(section.textContent, /not the eigenvalue itself/);
  // The first measurement settles it: a later run does not rewrite what the student was told.
  publish({ epsilon: 0.02, time_s: 9, measured_drift_rate_per_s: -0.2 });
  assert.equal(section.getAttribute('data-state'), 'wrong');
  assert.match(section.textContent, /measured −0\.3 1\/s\./);
  // Not a progress item: the lesson still counts its one task.
  assert.equal(store.summary('mini', ['t1']).total, 1);
});

test('on the page, a choice prediction is compared with the choice the measurement bears out', async () => {
  const { container, publish } = await openPage(CHOICE);
  const section = container.querySelector('section[data-prediction="direction"]');
  predict(section, (s) => { s.querySelectorAll('input[type="radio"]')[0].checked = true; });
  publish({ epsilon: 0.02, time_s: 4, measured_drift_rate_per_s: -0.2 });
  assert.equal(section.getAttribute('data-state'), 'right');
  assert.match(section.textContent, /Your prediction was right: you predicted “It leaks toward zero”, the measurement says “It leaks toward zero”\./);
  assert.match(section.textContent, /You expected a leak\./);
  // Nothing chosen: a message, no prediction recorded.
  const other = await openPage(CHOICE);
  const empty = other.container.querySelector('section[data-prediction="direction"]');
  predict(empty, () => {});
  assert.equal(empty.getAttribute('data-state'), 'open');
  assert.match(empty.textContent, /Choose what you predict first\./);
});
