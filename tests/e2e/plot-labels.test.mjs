// Labels stay inside narrow plots: on a 390 x 844 phone every text of every drawn figure (tick
// labels, axis labels) lies inside the figure, the y axis's label does not run into its tick
// labels, and subscripts are typeset (no "x_t" or "log10" in ASCII). The figures are read
// through their SVG export, which is painted by the same code as the canvas, so each text has a
// bounding box the browser lays out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './browser.mjs';
import { TIMEOUT, framesPass } from './wait.mjs';
import { WIDGETS } from '../../web/src/widgets/catalog.js';

const site = useSite();

// Every drawn figure of `tag`: its size, each text's box relative to the figure, and whether the
// text is the rotated y axis label.
function layoutOfFigures(page, tag) {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector);
    const results = [];
    for (const { name, figure } of element.figures()) {
      const svgText = figure.toSVG();
      if (!svgText) continue;
      const holder = document.createElement('div');
      holder.style.cssText = 'position:absolute;left:0;top:0';
      holder.innerHTML = svgText.replace(/^<\?xml[^>]*>\s*/, '');
      document.body.append(holder);
      const svg = holder.querySelector('svg');
      const frame = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')].filter((text) => text.textContent.trim() !== '').map((text) => {
        const box = text.getBoundingClientRect();
        return { text: text.textContent, rotated: text.hasAttribute('transform'), anchor: text.getAttribute('text-anchor'),
          left: box.left - frame.left, right: box.right - frame.left, top: box.top - frame.top, bottom: box.bottom - frame.top,
          subscripts: text.querySelectorAll('tspan').length };
      });
      holder.remove();
      results.push({ name, width: frame.width, height: frame.height, texts });
    }
    return results;
  }, tag);
}

test('at 390 px wide, every label of every widget\'s plots is inside its plot', { timeout: TIMEOUT.long }, async () => {
  const { page, problems } = await site.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const outside = [];
  const ascii = [];
  let figures = 0;
  let subscripts = 0;
  for (const { name } of WIDGETS) {
    const tag = `al-${name}`;
    await page.goto(`${site.url}#/playground/${name}`);
    await page.waitForSelector(`${tag}[data-ready="true"]`, { timeout: TIMEOUT.ready });
    await framesPass(page, 10);
    for (const figure of await layoutOfFigures(page, tag)) {
      figures += 1;
      const yTitle = figure.texts.find((text) => text.rotated);
      for (const text of figure.texts) {
        subscripts += text.subscripts;
        if (/_|log10|\|\|/.test(text.text)) ascii.push(`${name}/${figure.name}: "${text.text}"`);
        if (text.left < -0.5 || text.top < -0.5 || text.right > figure.width + 0.5 || text.bottom > figure.height + 0.5) {
          outside.push(`${name}/${figure.name}: "${text.text}" at [${text.left.toFixed(1)}, ${text.right.toFixed(1)}] x [${text.top.toFixed(1)}, ${text.bottom.toFixed(1)}] in ${figure.width} x ${figure.height}`);
        }
        // A y tick label (right-aligned beside the axis) must clear the rotated axis label.
        if (yTitle && text !== yTitle && text.anchor === 'end' && text.left < yTitle.right - 0.5 && text.bottom > yTitle.top && text.top < yTitle.bottom) {
          outside.push(`${name}/${figure.name}: tick "${text.text}" overlaps the axis label "${yTitle.text}"`);
        }
      }
    }
  }
  assert.ok(figures >= WIDGETS.length, `${figures} figures drawn`);
  assert.deepEqual(outside, [], 'labels outside their plot');
  assert.deepEqual(ascii, [], 'ASCII subscripts or norms in plot labels');
  assert.ok(subscripts > 0, 'some label is typeset with a subscript');
  assert.deepEqual(problems, []);
  await page.close();
});
