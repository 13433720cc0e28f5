// Every "::: claim" of every lesson, re-measured with the core: a change to the core (or to a
// lesson) that breaks what a lesson tells its students fails here, naming the lesson's file:line
// and the measured value. Also shows that the check catches a deliberately false claim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLesson } from '../../web/src/lessons/lesson-format.js';
import { lessonFiles } from '../../scripts/lesson-tools.mjs';
import { checkClaim, claimMeasureProblems } from '../../scripts/lesson-claims.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function claimsOf(file) {
  const name = path.relative(root, file);
  const { lesson, problems } = parseLesson(fs.readFileSync(file, 'utf8'), { file: name });
  assert.deepEqual([...problems, ...claimMeasureProblems(lesson)], [], `${name} must parse`);
  return { name, claims: lesson.claims };
}

const lessons = lessonFiles(path.join(root, 'lessons')).map(claimsOf);

test('the lessons declare claims', () => {
  assert.ok(lessons.reduce((n, l) => n + l.claims.length, 0) >= 5, 'the lessons state their numbers as claims');
});

for (const { name, claims } of lessons) {
  for (const claim of claims) {
    test(`${name}: claim ${claim.id}`, () => {
      const { failures } = checkClaim(claim, name);
      assert.deepEqual(failures, []);
    });
  }
}

test('a false claim fails, naming its file:line and the measured value', () => {
  const { name, claims } = claimsOf(path.join(root, 'tests/wasm/fixtures/false-claims.md'));
  const byId = Object.fromEntries(claims.map((c) => [c.id, c]));
  // The ring of the lesson collapses onto 3 stable fixed points; the fixture claims more than 10.
  const relation = checkClaim(byId['ring-keeps-many-angles'], name);
  assert.equal(relation.value, 3);
  assert.equal(relation.failures.length, 1);
  assert.match(relation.failures[0], /^tests\/wasm\/fixtures\/false-claims\.md:24: claim "ring-keeps-many-angles" does not hold: measured 3 \(seed 1: 3\); holds: value > 10$/);
  // The relation holds but the number shown to the reader is not the measured one.
  const shown = checkClaim(byId['shown-value-is-stale'], name);
  assert.equal(shown.failures.length, 1);
  assert.match(shown.failures[0], /^tests\/wasm\/fixtures\/false-claims\.md:32: claim "shown-value-is-stale" shows 4, but measured 3 \(seed 1: 3\) does not round to it$/);
  // The true claim of the same fixture passes, so the check is not failing everything.
  assert.deepEqual(checkClaim(byId['ring-collapses'], name).failures, []);
});
