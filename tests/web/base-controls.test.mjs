// The controls every widget has (Play, Step, Reset, Speed, Export) can be hidden or locked by a
// teacher wherever settings are read: the registry (URL, embed, element attributes) and the
// lesson validator, which reports an unknown name the way the widget would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineSchema, parseConfig, serializeConfig } from '../../web/src/state/registry.js';
import { formatProblem, parseLesson } from '../../web/src/lessons/lesson-format.js';
import { loadSchemas } from '../../scripts/measures-doc.mjs';
import { widgetConfigChecker } from '../../scripts/lesson-tools.mjs';

const BASE = ['play', 'step', 'reset', 'speed', 'export'];

test('every widget accepts play, step, reset, speed and export in hide= and lock=', async () => {
  const schemas = await loadSchemas();
  assert.ok(schemas.length >= 9, `${schemas.length} schemas`);
  for (const schema of schemas) {
    const { errors, hidden, locked } = parseConfig(schema, 'hide=play,export&lock=step,reset,speed');
    assert.deepEqual(errors, [], schema.name);
    assert.deepEqual([...hidden], ['play', 'export'], schema.name);
    assert.deepEqual([...locked], ['step', 'reset', 'speed'], schema.name);
    // A share link written with them reads back the same.
    const again = parseConfig(schema, serializeConfig(schema, {}, { hidden: BASE, locked: [] }));
    assert.deepEqual([...again.hidden], BASE, schema.name);
  }
});

test('an unknown control is still refused by name, listing the base controls among the known ones', async () => {
  const [schema] = await loadSchemas();
  const { errors, hidden } = parseConfig(schema, 'hide=plya,play');
  assert.deepEqual([...hidden], ['play']);
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /hide: "plya" is not a control of the \S+ widget; known: .*play, step, reset, speed, export/);
});

test('a setting cannot take the name of a base control', () => {
  assert.throws(() => defineSchema({ name: 'clash', title: 'Clash', version: 1,
    params: { speed: { type: 'number', default: 1, min: 0, max: 2, label: 'Speed' } } }), /"speed" is reserved/);
});

function lessonWith(widgetHeader) {
  return ['---', 'id: mini', 'title: Mini', 'minutes: 5', 'objectives:', '  - Learn', '---', 'Some text.', '',
    widgetHeader, 'n: 64', ':::', '', '::: task t1', 'Do it.', 'check: ring1.drift_deg_per_s > 5',
    'explanation: Because.', ':::', '', '::: summary', 'Done.', ':::'].join('\n');
}

test('the lesson validator accepts hiding and locking base controls and reports unknown names at the block', async () => {
  const checkWidgetConfig = await widgetConfigChecker();
  const good = parseLesson(lessonWith('::: widget ring as=ring1 hide=play,export lock=step,reset,speed,n'), { checkWidgetConfig, file: 'lessons/mini.md' });
  assert.deepEqual(good.problems.map(formatProblem), []);
  const bad = parseLesson(lessonWith('::: widget ring as=ring1 hide=plya lock=speed,nn'), { checkWidgetConfig, file: 'lessons/mini.md' });
  const reported = bad.problems.map(formatProblem);
  assert.equal(reported.length, 2, reported.join('\n'));
  assert.match(reported[0], /^lessons\/mini\.md:10: widget ring1: hide: "plya" is not a control of the ring widget; known: .*play/);
  assert.match(reported[1], /^lessons\/mini\.md:10: widget ring1: lock: "nn" is not a control of the ring widget/);
});
