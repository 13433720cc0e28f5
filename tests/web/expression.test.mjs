// The check evaluator: grammar and precedence, errors with positions, safe name lookup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ExpressionError, compileCheck, evaluate, measuresLookup, parseExpression } from '../../web/src/lessons/expression.js';

const run = (source, measures = {}, defaultWidget = null) => compileCheck(source).evaluate(measures, defaultWidget);
const value = (source, measures, defaultWidget) => run(source, measures, defaultWidget).value;

test('arithmetic follows the usual precedence and left associativity', () => {
  assert.equal(value('1 + 2 * 3 == 7'), true);
  assert.equal(value('(1 + 2) * 3 == 9'), true);
  assert.equal(value('1 - 2 - 3 == -4'), true);
  assert.equal(value('12 / 3 / 2 == 2'), true);
  assert.equal(value('-2 * -3 == 6'), true);
  assert.equal(value('- (1 + 1) == -2'), true);
  assert.equal(value('10 / 4 == 2.5'), true);
  assert.equal(value('1e-3 * 1000 == 1'), true);
  assert.equal(value('.5 + .5 == 1'), true);
});

test('comparisons bind tighter than not, not tighter than and, and tighter than or', () => {
  assert.equal(value('not 1 > 2'), true);
  assert.equal(value('true or false and false'), true);
  assert.equal(value('(true or false) and false'), false);
  assert.equal(value('not true or true'), true);
  assert.equal(value('not (true or true)'), false);
  assert.equal(value('1 < 2 and 2 <= 2 and 3 > 2 and 3 >= 3 and 1 != 2'), true);
});

test('functions compute what their names say', () => {
  assert.equal(value('abs(-3) == 3'), true);
  assert.equal(value('max(1, 5, 2) == 5 and min(4, -1) == -1'), true);
  assert.equal(value('log10(1000) == 3 and sqrt(16) == 4'), true);
  assert.equal(value('pow(2, 10) == 1024 and round(2.5) == 3 and floor(-0.5) == -1 and ceil(0.2) == 1'), true);
});

test('measures resolve qualified, or in the default widget when unqualified', () => {
  const measures = { ring1: { drift_deg_per_s: 7.5, epsilon: 0.01 }, line1: { epsilon: 0.2 } };
  assert.equal(value('ring1.drift_deg_per_s > 5 and ring1.epsilon <= 0.01', measures), true);
  assert.equal(value('drift_deg_per_s > 5 and epsilon <= 0.01', measures, 'ring1'), true);
  assert.equal(value('epsilon > 0.1', measures, 'line1'), true);
  assert.equal(value('ring1.epsilon < line1.epsilon', measures), true);
  assert.equal(value('state == "locked" and ok == true', { w: { state: 'locked', ok: true } }, 'w'), true);
});

test('an unknown or unavailable measure makes the check false with a reason, without throwing', () => {
  assert.deepEqual(run('ring1.nope > 1', { ring1: {} }), { value: false, reason: 'no measure named ring1.nope' });
  assert.deepEqual(run('loss < 1', { w: { loss: null } }, 'w'), { value: false, reason: 'loss is not available yet' });
  assert.deepEqual(run('loss < 1', { w: { loss: NaN } }, 'w'), { value: false, reason: 'loss is not available yet' });
  assert.deepEqual(run('epsilon > 0', { w: { epsilon: 1 } }), { value: false, reason: 'no measure named epsilon' });
  assert.equal(run('abs(name) > 1', { w: { name: 'text' } }, 'w').reason, 'name is not a number');
  assert.equal(run('1 + 2').value, false);
  assert.match(run('1 + 2').reason, /not true or false/);
});

test('and/or short-circuit, so an unavailable measure on the unused side does not matter', () => {
  assert.deepEqual(run('false and missing > 1'), { value: false });
  assert.deepEqual(run('true or missing > 1'), { value: true });
});

test('names never reach JavaScript objects: prototype members and globals are unknown measures', () => {
  const measures = { w: { epsilon: 1 } };
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'process', 'globalThis', 'window']) {
    assert.deepEqual(run(`${name} == 0`, measures, 'w'), { value: false, reason: `no measure named ${name}` }, name);
  }
  assert.deepEqual(run('__proto__.constructor == 0', measures), { value: false, reason: 'no measure named __proto__.constructor' });
  assert.deepEqual(run('w.constructor == 0', measures), { value: false, reason: 'no measure named w.constructor' });
  assert.deepEqual(run('process.env == 0', measures), { value: false, reason: 'no measure named process.env' });
  // Functions are looked up in a fixed table, not on any object.
  for (const name of ['constructor', 'toString', 'eval', 'Function', 'require', 'valueOf']) {
    assert.throws(() => parseExpression(`${name}(1)`), (e) => e instanceof ExpressionError && /unknown function/.test(e.reason) && e.position === 0, name);
  }
  // A measure that really is named like a prototype member is found only as an own property.
  assert.equal(value('hasOwnProperty == 3', { w: { hasOwnProperty: 3 } }, 'w'), true);
  const lookup = measuresLookup(Object.create({ inherited: 5 }), null);
  assert.equal(lookup('inherited', 'x'), undefined);
});

test('the evaluator contains no eval and no Function constructor', () => {
  const source = fs.readFileSync(new URL('../../web/src/lessons/expression.js', import.meta.url), 'utf8');
  const code = source.replace(/\/\/.*$/gm, '');
  assert.doesNotMatch(code, /\beval\s*\(|\bFunction\s*\(|new\s+Function\b/);
});

// [check, 0-based position of the problem, pattern of the reason]
const BAD = [
  ['', 0, /empty/],
  ['1 +', 3, /expected a number, a measure name or "\(" but found the end/],
  ['a && b', 2, /use "and"/],
  ['a || b', 2, /use "or"/],
  ['!a', 0, /use "not"/],
  ['a = 1', 2, /use "=="/],
  ['(1 + 2', 6, /closing "\)"/],
  ['1 < 2 < 3', 6, /do not chain/],
  ['abs(1, 2)', 0, /abs\(\) takes 1 argument, not 2/],
  ['pow(2)', 0, /pow\(\) takes 2 arguments, not 1/],
  ['foo(1)', 0, /unknown function "foo"/],
  ['2x > 1', 1, /number cannot run into a name/],
  ['a $ b', 2, /unexpected character "\$"/],
  ['ring1. > 2', 7, /measure name after "ring1\."/],
  ['a > 1 b', 6, /expected an operator or the end but found the name "b"/],
  ['"open', 0, /not closed/],
];

test('syntax errors name the problem and its position', () => {
  for (const [source, position, reason] of BAD) {
    assert.throws(() => parseExpression(source), (error) => {
      assert.ok(error instanceof ExpressionError, source);
      assert.equal(error.position, position, `position in ${JSON.stringify(source)}`);
      assert.match(error.reason, reason, source);
      assert.match(error.message, new RegExp(`at column ${position + 1}\\)$`));
      return true;
    });
  }
});

test('evaluate reports a non-boolean comparison of mixed types instead of guessing', () => {
  const tree = parseExpression('label < 3');
  assert.deepEqual(evaluate(tree, () => 'text'), { value: false, reason: '"<" compares numbers only' });
});
