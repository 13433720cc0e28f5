// What a student reads on a widget's settings: labels, help and choices name things in words and
// typeset symbols, never by a code identifier (input_scale) or an ASCII subscript (x_t, x_{t−s}).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSchemas } from '../../scripts/measures-doc.mjs';
import { WIDGETS } from '../../web/src/widgets/catalog.js';
import { WIDGET_TITLES } from '../../web/src/widgets/titles.js';

const SNAKE_CASE = /\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9({]+)+/g;

function studentTexts(schema) {
  const texts = [];
  for (const [name, spec] of Object.entries(schema.params)) {
    if (spec.hidden) continue;
    texts.push([`${name}.label`, spec.label ?? ''], [`${name}.help`, spec.help ?? '']);
    for (const option of spec.options ?? []) texts.push([`${name}.option ${option.value}`, option.label ?? '']);
  }
  return texts;
}

test('widget settings read as words and symbols, not identifiers', async () => {
  const found = [];
  for (const schema of await loadSchemas()) {
    for (const [where, text] of studentTexts(schema)) {
      for (const match of text.matchAll(SNAKE_CASE)) found.push(`${schema.name} ${where}: ${match[0]}`);
    }
  }
  assert.deepEqual(found, []);
});

test('the scan finds an identifier and an ASCII subscript', () => {
  assert.deepEqual(['standard deviation input_scale/√N', 'continues x_t = x_(t−s)', 'x_{t−k}', 'xₜ = xₜ₋ₛ']
    .flatMap((text) => [...text.matchAll(SNAKE_CASE)].map((m) => m[0])), ['input_scale', 'x_t', 'x_(t', 'x_{t']);
});

test('every widget of the catalog has a title, and its schema puts the same one over the widget', async () => {
  const schemas = await loadSchemas();
  assert.deepEqual(Object.keys(WIDGET_TITLES).sort(), WIDGETS.map((widget) => widget.name).sort());
  for (const widget of WIDGETS) {
    assert.match(widget.title ?? '', /^[A-Z]/, `${widget.name} has a title`);
    assert.equal(schemas.find((schema) => schema.name === widget.name)?.title, widget.title, `${widget.name}'s schema title`);
  }
});
