// Every widget's figures as SVG documents, drawn in node from a seeded run of the real
// WebAssembly module: the widget's model runs in the site's worker (in a worker thread), its
// element draws with its own render(), and each figure's spec is written by plot/figure.js's SVG
// renderer, with the site's default theme colours. No browser, no canvas: the element's canvases
// are stand-ins that only answer getContext.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker as ThreadWorker } from 'node:worker_threads';
import { deflateSync } from 'node:zlib';
import { FakeDocument, FakeElement } from '../../web/helpers/fake-dom.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const web = (relative) => pathToFileURL(path.join(root, 'web', relative)).href;

// The canvas 2-D context, as far as Figure needs one on screen: every drawing call does nothing,
// and text is measured at a fixed 0.6 em per character, so a figure's layout (margins that grow
// to fit tick labels, labels that shrink or end in an ellipsis) is the same on every machine.
function measuredWidth(font, text) {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 10);
  return { width: 0.6 * size * [...String(text)].length };
}
const noDrawing = new Proxy({ font: '10px sans-serif' }, {
  get: (target, key) => {
    if (key === 'font') return target.font;
    if (key === 'measureText') return (text) => measuredWidth(target.font, text);
    return () => {};
  },
  set: (target, key, value) => {
    if (key === 'font') target.font = value;
    return true;
  },
});

class NodeDocument extends FakeDocument {
  createElement(tag) {
    const element = super.createElement(tag);
    element.style = { setProperty() {} };
    element.closest = () => null;
    element.dataset = {};
    const classes = new Set();
    element.classList = { add: (...names) => names.forEach((name) => classes.add(name)), remove: (...names) => names.forEach((name) => classes.delete(name)),
      toggle: (name, force = !classes.has(name)) => (force ? classes.add(name) : classes.delete(name), force), contains: (name) => classes.has(name) };
    if (element.localName === 'canvas') element.getContext = () => noDrawing;
    return element;
  }
}

// The site's Web Worker API over a node worker thread running web/src/lab/worker.js.
class NodeWorker {
  constructor(url) {
    this.thread = new ThreadWorker(new URL('./worker-thread.mjs', import.meta.url), {
      workerData: {
        workerUrl: String(url),
        moduleUrl: pathToFileURL(path.join(root, 'build/wasm/wasm/attractor_lab.mjs')).href,
        wasmUrl: pathToFileURL(path.join(root, 'build/wasm/wasm/attractor_lab.wasm')).href,
      },
    });
    this.thread.on('message', (data) => this.onmessage?.({ data }));
    this.thread.on('error', (error) => this.onerror?.({ message: error.message }));
  }

  postMessage(message, transfer) {
    this.thread.postMessage(message, transfer);
  }

  terminate() {
    this.thread.terminate();
  }
}

const definitions = new Map();
let installed = false;

// The few browser globals the widget modules touch when loaded and drawn.
function installGlobals() {
  if (installed) return;
  installed = true;
  globalThis.document = new NodeDocument();
  globalThis.HTMLElement = class extends FakeElement {
    constructor() {
      super(globalThis.document, 'div');
    }
  };
  globalThis.customElements = {
    define: (name, element) => definitions.set(name, element),
    whenDefined: async () => {},
  };
  globalThis.Worker = NodeWorker;
  // The on-screen painter copies heatmaps through an offscreen canvas: drawn to nothing here.
  globalThis.OffscreenCanvas = class {
    getContext() {
      return noDrawing;
    }
  };
  globalThis.ImageData = class {};
  // Figure.draw reads the theme from the canvas's style: the default theme everywhere.
  const properties = defaultThemeProperties();
  globalThis.getComputedStyle = () => ({ getPropertyValue: (name) => properties.get(name) ?? '' });
}

// The default theme's custom properties (the first :root block of web/styles.css).
function defaultThemeProperties() {
  const css = fs.readFileSync(path.join(root, 'web/styles.css'), 'utf8');
  const block = /:root\s*\{([^}]*)\}/.exec(css)[1];
  return new Map([...block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map(([, name, value]) => [name, value.trim()]));
}

// Heatmap pixels as a PNG data URL written without compression (stored deflate blocks), so the
// bytes depend on the pixels alone, not on the zlib version.
function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function pngDataUrl(pixels, cols, rows) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(cols, 0);
  header.writeUInt32BE(rows, 4);
  header.set([8, 6, 0, 0, 0], 8);  // 8 bits per channel, RGBA, no interlace
  const scanlines = Buffer.alloc(rows * (cols * 4 + 1));
  for (let r = 0; r < rows; r++) {
    scanlines.set(pixels.subarray(r * cols * 4, (r + 1) * cols * 4), r * (cols * 4 + 1) + 1);
  }
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

// Jobs a widget's model runs beside its animation (not awaited by start or step): the figures
// are compared once these have finished, whatever the speed of the machine.
const BACKGROUND_JOBS_DONE = {
  'tanh-map': (model) => !model.gridRunning,
};

// Resolves when `done(model)` holds, checked again at each change the model announces.
function settled(model, done) {
  return new Promise((resolve) => {
    const check = () => {
      if (!done(model)) return;
      model.removeEventListener('change', check);
      resolve();
    };
    model.addEventListener('change', check);
    check();
  });
}

// Starts the widget `name` from its default (seeded) settings, advances it by `steps` presses of
// Step, draws it, and returns [{name, svg}] for each of its figures (all at width x height).
export async function widgetFigures(name, { steps = 0, width = 640, height = 360 } = {}) {
  installGlobals();
  const [{ widgetInfo }, { parseConfig }, { renderSvg, themeFromProperties }] = await Promise.all([
    import(web('src/widgets/catalog.js')), import(web('src/state/registry.js')), import(web('src/plot/figure.js'))]);
  await widgetInfo(name).load();
  const Element = definitions.get(`al-${name}`);
  const element = new Element();
  const client = new (await import(web('src/lab/client.js'))).LabClient();
  const errors = [];
  try {
    element.model = element.createModel(client, parseConfig(Element.schema, new URLSearchParams()).params);
    element.model.addEventListener('error', (event) => errors.push(event.detail.message));
    // The standard frame's buttons, which some views retitle.
    element.ui = Object.fromEntries(['play', 'step', 'reset', 'speed'].map((control) => [control, globalThis.document.createElement('button')]));
    element.buildView(globalThis.document.createElement('div'));
    if (!await element.model.start()) throw new Error(`${name} did not start: ${errors.join('; ')}`);
    for (let k = 0; k < steps; k++) {
      if (!await element.model.step()) throw new Error(`${name} step ${k + 1} failed: ${errors.join('; ')}`);
    }
    await settled(element.model, BACKGROUND_JOBS_DONE[name] ?? (() => true));
    if (errors.length) throw new Error(`${name} reported: ${errors.join('; ')}`);
    const figures = element.figures();
    for (const { figure } of figures) figure.resize(width, height);
    element.render();
    const properties = defaultThemeProperties();
    const colors = themeFromProperties((property) => properties.get(property));
    return figures.filter(({ figure }) => figure.spec).map(({ name: figureName, figure }) => ({
      name: figureName,
      svg: renderSvg(figure.spec, { width, height, colors, title: figure.canvas.getAttribute('aria-label') ?? '', encodeImage: pngDataUrl }),
    }));
  } finally {
    await element.model?.dispose();
    client.terminate();
  }
}
