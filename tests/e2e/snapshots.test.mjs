// Layout screenshots: a few widgets, freshly started from their default (seeded) settings and
// not playing, must look like their reference images in tests/e2e/reference/ within a tolerance.
// They check what only a browser shows (the frame, controls, readouts and panels as laid out);
// the figures themselves are compared exactly as SVG in tests/wasm/figure-snapshots.test.mjs.
// UPDATE_SNAPSHOTS=1 rewrites the references (look at them before committing). Every screenshot
// is also kept in test-artifacts/e2e/snapshots/.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, useSite } from './browser.mjs';
import { TIMEOUT, framesPass, until } from './wait.mjs';

const REFERENCE_DIR = path.resolve('tests/e2e/reference');
const OUT_DIR = path.join(artifactsDir, 'snapshots');
// A pixel differs when a channel differs by more than this; a picture differs when more than
// MAX_DIFFERENT_FRACTION of its pixels do (antialiasing and font hinting move a few pixels).
const CHANNEL_TOLERANCE = 48;
const MAX_DIFFERENT_FRACTION = 0.01;
// The standard frame with one plot (line), a grid of panels (oscillator), and the largest layout,
// with captioned plot cells and job progress (rnn-trainer).
const LAYOUT_WIDGETS = ['line', 'oscillator', 'rnn-trainer'];

const site = useSite();
before(async () => {
  fs.mkdirSync(OUT_DIR, { recursive: true });
});

// Compares two PNGs in the page (the browser decodes them), returning the share of pixels that
// differ, or null when the sizes differ.
async function differentFraction(page, pngA, pngB) {
  return page.evaluate(async ([a, b, tolerance]) => {
    // No fetch of a data: URL: the site's policy allows connections to itself only.
    const decode = (base64) => createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
    const [imageA, imageB] = await Promise.all([decode(a), decode(b)]);
    if (imageA.width !== imageB.width || imageA.height !== imageB.height) return null;
    const pixels = (image) => {
      const canvas = new OffscreenCanvas(image.width, image.height);
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      return context.getImageData(0, 0, image.width, image.height).data;
    };
    const dataA = pixels(imageA);
    const dataB = pixels(imageB);
    let different = 0;
    for (let i = 0; i < dataA.length; i += 4) {
      if (Math.abs(dataA[i] - dataB[i]) > tolerance || Math.abs(dataA[i + 1] - dataB[i + 1]) > tolerance || Math.abs(dataA[i + 2] - dataB[i + 2]) > tolerance) different++;
    }
    return different / (dataA.length / 4);
  }, [pngA.toString('base64'), pngB.toString('base64'), CHANNEL_TOLERANCE]);
}

for (const name of LAYOUT_WIDGETS) {
  test(`${name} looks like its reference`, { timeout: TIMEOUT.test }, async () => {
    const { page, problems } = await site.newPage();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${site.url}#/playground/${name}`);
    const element = page.locator(`al-${name}`);
    await page.waitForSelector(`al-${name}[data-ready="true"]`, { timeout: TIMEOUT.ready });
    // Wait until the widget is drawn and steady (two pictures some frames apart are the same),
    // then compare the widget alone (not the page around it).
    const picture = () => element.screenshot({ animations: 'disabled', caret: 'hide' });
    await framesPass(page, 10);
    let shot = await picture();
    await until(async () => {
      await framesPass(page, 10);
      const next = await picture();
      const same = next.equals(shot);
      shot = next;
      return same;
    }, (same) => same, `al-${name} to stop changing`, { timeout: TIMEOUT.job });
    fs.writeFileSync(path.join(OUT_DIR, `${name}.png`), shot);
    const reference = path.join(REFERENCE_DIR, `${name}.png`);
    if (process.env.UPDATE_SNAPSHOTS) {
      fs.mkdirSync(REFERENCE_DIR, { recursive: true });
      fs.writeFileSync(reference, shot);
    }
    assert.ok(fs.existsSync(reference), `${reference} is missing: run the test with UPDATE_SNAPSHOTS=1 and look at the picture`);
    const fraction = await differentFraction(page, shot, fs.readFileSync(reference));
    assert.notEqual(fraction, null, 'the widget has the size of its reference');
    assert.ok(fraction <= MAX_DIFFERENT_FRACTION, `${(fraction * 100).toFixed(2)}% of the pixels differ from the reference (see ${OUT_DIR})`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
