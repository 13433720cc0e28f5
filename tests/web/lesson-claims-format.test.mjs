// The "::: claim" block: a well-formed claim parses into its measurement and relation; every kind
// of malformed claim is reported with file:line (and column for the relation); the validator
// checks the measurement's name and settings against the catalog of measurements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { formatProblem, parseLesson } from '../../web/src/lessons/lesson-format.js';
import { parseSeeds, shownTolerance } from '../../web/src/lessons/claim-format.js';
import { claimMeasureProblems } from '../../scripts/lesson-claims.mjs';
import { renderLessonPage } from '../../web/src/lessons/lesson-page.js';
import { ProgressStore } from '../../web/src/progress/progress-store.js';
import { FakeDocument } from './helpers/fake-dom.mjs';
import { MemoryStorage, steppingClock } from './helpers/memory-storage.mjs';

const HEAD = ['---', 'id: mini', 'title: Mini', 'minutes: 5', 'objectives:', '  - Learn', '---']; // lines 1-7
const TAIL = ['', '::: quiz q', 'Why?', 'answer: 1', 'tolerance: 0', 'correct: Yes.', 'wrong: No.', ':::', '', '::: summary', 'Done.', ':::'];
// The claim's header is on line 8.
const lessonWith = (claimLines) => [...HEAD, ...claimLines, ...TAIL].join('\n');
const GOOD = [
  '::: claim ring-collapses', //                 8
  'The ring keeps three angles, $n = 64$.', //  9
  'measure: ring-stable-fixed-points', //       10
  'settings: n=64 epsilon=0.05', //             11
  'seeds: 1..3', //                             12
  'value: median', //                           13
  'shown: 3', //                                14
  'holds: value >= 2 and max < 10', //          15
  ':::', //                                     16
];
const problemsOf = (lines) => parseLesson(lessonWith(lines), { file: 'l.md' }).problems.map(formatProblem);
const replace = (line, text) => GOOD.map((l, k) => (k + 8 === line ? text : l));

test('a claim parses into its measurement, runs and relation', () => {
  const { lesson, problems } = parseLesson(lessonWith(GOOD), { file: 'l.md' });
  assert.deepEqual(problems, []);
  assert.equal(lesson.claims.length, 1);
  const claim = lesson.claims[0];
  assert.equal(claim.id, 'ring-collapses');
  assert.equal(claim.statement, 'The ring keeps three angles, $n = 64$.');
  assert.equal(claim.measure, 'ring-stable-fixed-points');
  assert.deepEqual(claim.settings, { n: 64, epsilon: 0.05 });
  assert.deepEqual(claim.seeds, [1, 2, 3]);
  assert.equal(claim.statistic, 'median');
  assert.equal(claim.shown, 3);
  assert.equal(claim.holdsLine, 15);
  assert.ok(claim.tree);
  assert.deepEqual(claimMeasureProblems(lesson), []);
});

test('seeds and the precision of a shown value', () => {
  assert.deepEqual(parseSeeds('2..4').seeds, [2, 3, 4]);
  assert.deepEqual(parseSeeds('1, 5, 9').seeds, [1, 5, 9]);
  assert.match(parseSeeds('5..1').reason, /backwards/);
  assert.match(parseSeeds('1, x').reason, /range "1..5" or a list/);
  assert.match(parseSeeds('1..500').reason, /at most 100/);
  assert.equal(shownTolerance('0.23'), 0.005);
  assert.equal(shownTolerance('3'), 0.5);
  assert.equal(shownTolerance('1.5e-3'), 0.00005);
});

test('malformed claims are reported with file:line', () => {
  assert.deepEqual(problemsOf(replace(10, 'measure:')), ['l.md:8: claim "ring-collapses" needs "measure: <measurement name>"']);
  assert.deepEqual(problemsOf(replace(11, 'settings: n=64 epsilon')), ['l.md:11: claim "ring-collapses": settings are "name=value" pairs, not "epsilon"']);
  assert.deepEqual(problemsOf(replace(12, 'seeds: 1 to 3')), ['l.md:12: claim "ring-collapses": seeds must be a range "1..5" or a list "1, 2, 7" of whole numbers, not "1 to 3"']);
  assert.deepEqual(problemsOf(replace(13, 'value: average')), ['l.md:13: claim "ring-collapses": value "average" is not a statistic; use one of mean, rms, median, min, max']);
  assert.deepEqual(problemsOf(replace(14, 'shown: three')), ['l.md:14: claim "ring-collapses": shown must be a number such as 0.23, not "three"']);
  assert.deepEqual(problemsOf(replace(15, 'holds: value && 3')), ['l.md:15:14: claim "ring-collapses": holds: use "and" instead of "&&"']);
  assert.deepEqual(problemsOf(replace(15, 'holds: count > 2')), ['l.md:15:8: claim "ring-collapses": holds: unknown name "count"; a claim\'s relation can use value, mean, rms, median, min, max, runs']);
  assert.deepEqual(problemsOf(replace(15, 'holdz: value > 2')), ['l.md:8: claim "ring-collapses" needs "holds: <relation>", for example "value > 0.2 and value < 0.3"', 'l.md:15: claim "ring-collapses": unknown field "holdz:"; the fields are measure, settings, seeds, value, shown, holds']);
  assert.deepEqual(problemsOf(replace(9, '')), ['l.md:8: claim "ring-collapses" needs a statement (the sentence a reader sees) before its fields']);
  assert.deepEqual(problemsOf([...GOOD, '', ...GOOD]), ['l.md:18: claim id "ring-collapses" is already used on line 8']);
});

test('the validator checks the measurement against the catalog, with file:line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-'));
  const file = path.join(dir, 'l.md');
  const lines = replace(10, 'measure: ring-fixed-points').map((l, k) => (k + 8 === 11 ? 'settings: n=64 gain=2' : l));
  fs.writeFileSync(file, lessonWith(lines));
  const run = spawnSync(process.execPath, ['scripts/validate-lessons.mjs', file], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /l\.md:10: claim "ring-collapses": unknown measure "ring-fixed-points"; the measures are qpta-locked-cells, /);
  fs.writeFileSync(file, lessonWith(replace(11, 'settings: n=64 gain=2')));
  const second = spawnSync(process.execPath, ['scripts/validate-lessons.mjs', file], { encoding: 'utf8' });
  assert.equal(second.status, 1);
  assert.match(second.stderr, /l\.md:11: claim "ring-collapses": measure ring-stable-fixed-points has no setting "gain"; its settings are n, epsilon/);
  fs.writeFileSync(file, lessonWith(replace(12, 'value: mean')));
  const third = spawnSync(process.execPath, ['scripts/validate-lessons.mjs', file], { encoding: 'utf8' });
  assert.match(third.stderr, /l\.md:8: claim "ring-collapses": measure ring-stable-fixed-points runs once per seed/);
  fs.rmSync(dir, { recursive: true });
});

test('the page shows a claim: its statement, the shown value, the runs and the relation', async () => {
  const { lesson } = parseLesson(lessonWith(GOOD), { file: 'l.md' });
  const doc = new FakeDocument();
  const container = doc.createElement('main');
  const store = new ProgressStore({ storage: new MemoryStorage(), now: steppingClock(), events: null });
  await renderLessonPage(container, lesson, { store, document: doc, renderMath: null });
  const box = container.querySelector('div[data-claim="ring-collapses"]');
  assert.ok(box, 'the claim is rendered where it stands');
  assert.equal(box.querySelector('h3').textContent, 'Measured claim');
  assert.match(box.textContent, /The ring keeps three angles/);
  assert.match(box.textContent, /Measured: 3 \(median over seeds 1 to 3\)\./);
  assert.equal(box.querySelector('code').textContent, 'value >= 2 and max < 10');
  assert.equal(box.getAttribute('aria-labelledby'), box.querySelector('h3').getAttribute('id'));
  assert.equal(box.getAttribute('role'), 'note', 'a note, not a landmark: a lesson has several claims');
});
