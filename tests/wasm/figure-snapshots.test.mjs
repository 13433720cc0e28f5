// Every widget's figures, drawn from a seeded run of the real WebAssembly module, must equal
// their SVG snapshots in tests/wasm/figures/snapshots/<widget>/ exactly: the run is deterministic, so any
// difference (a tick, a colour, a label, a data point) is a change of the figure. After a change
// that is meant, UPDATE_SNAPSHOTS=1 rewrites the snapshots (look at them before committing); a
// figure that differs is also written to test-artifacts/wasm/figures/ for comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { WIDGETS } from '../../web/src/widgets/catalog.js';
import { widgetFigures } from './figures/widget-figures.mjs';

const SNAPSHOT_DIR = path.resolve('tests/wasm/figures/snapshots');
const ACTUAL_DIR = path.resolve('test-artifacts/wasm/figures');
// Presses of Step after the start, so that every time series has a few points to draw.
const STEPS = 5;
const TIMEOUT_MS = 120000;

// Where two texts first differ, as a readable message (the SVGs hold one element a line).
function firstDifference(actual, expected) {
  const a = actual.split('\n');
  const e = expected.split('\n');
  const line = a.findIndex((text, i) => text !== e[i]);
  const at = line < 0 ? a.length : line;
  const clip = (text) => (text === undefined ? '(no line)' : text.length > 300 ? `${text.slice(0, 300)}…` : text);
  return `line ${at + 1} differs:\n  snapshot: ${clip(e[at])}\n  now:      ${clip(a[at])}`;
}

for (const widget of WIDGETS) {
  test(`${widget.name}: its figures equal their SVG snapshots`, { timeout: TIMEOUT_MS }, async () => {
    const figures = await widgetFigures(widget.name, { steps: STEPS });
    assert.ok(figures.length > 0, `${widget.name} drew no figure`);
    const directory = path.join(SNAPSHOT_DIR, widget.name);
    const files = figures.map(({ name }) => `${name}.svg`);
    if (process.env.UPDATE_SNAPSHOTS) {
      fs.rmSync(directory, { recursive: true, force: true });
      fs.mkdirSync(directory, { recursive: true });
      figures.forEach(({ svg }, k) => fs.writeFileSync(path.join(directory, files[k]), svg));
    }
    const stored = fs.existsSync(directory) ? fs.readdirSync(directory).sort() : [];
    assert.deepEqual(stored, [...files].sort(), `the snapshots in ${directory} name exactly the figures the widget draws ` +
      '(UPDATE_SNAPSHOTS=1 rewrites them)');
    for (const [k, { svg }] of figures.entries()) {
      const expected = fs.readFileSync(path.join(directory, files[k]), 'utf8');
      const actual = path.join(ACTUAL_DIR, widget.name, files[k]);
      if (svg !== expected) {
        fs.mkdirSync(path.dirname(actual), { recursive: true });
        fs.writeFileSync(actual, svg);
      }
      assert.ok(svg === expected, `${widget.name}/${files[k]}: ${firstDifference(svg, expected)}\n(now drawn: ${actual})`);
    }
  });
}
