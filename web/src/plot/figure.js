// One plot description, two renderers: the same `draw(spec)` paints a canvas on screen and writes
// an SVG file for export, so a figure saved from a widget shows exactly what the student saw.
// Layers: line (min/max decimated per pixel column), points, heatmap, hline, vline, text, circle.
// A keyboard-operable cursor (arrow keys on the focused plot) can be linked across figures.
import { formatTick, niceTicks, stepTicks, tickLabels } from './ticks.js';

export const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#5c5c5c', '#f0e442'];

const MARGIN = { left: 58, right: 22, top: 12, bottom: 40 };
// The strip along the left edge where the y axis's label stands (rotated).
const Y_LABEL_BAND = 24;

const clamp = (value, low, high) => (low > high ? (low + high) / 2 : Math.min(high, Math.max(low, value)));

function escapeXml(text) {
  return String(text).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]);
}

// Text with subscripts: "x_t", "h_{T}" and "λ_i" are written with the subscript smaller and
// lowered (a tspan in SVG), never as the ASCII underscore. Returns runs [{ text, sub }].
export function scriptRuns(text) {
  const runs = [];
  const pattern = /_(\{([^}]*)\}|([^\s_{]))/g;
  let last = 0;
  for (const match of String(text).matchAll(pattern)) {
    if (match.index > last) runs.push({ text: text.slice(last, match.index), sub: false });
    runs.push({ text: match[2] ?? match[3], sub: true });
    last = match.index + match[0].length;
  }
  if (last < String(text).length) runs.push({ text: String(text).slice(last), sub: false });
  return runs;
}

const SUB_SCALE = 0.75;
const FONT = (size) => `${size}px system-ui, sans-serif`;
let measureContext = null;

// The width of `text` (with its subscripts) at `size` px, as the canvas draws it; the SVG export
// lays out with the same widths.
export function textWidth(text, size = 12) {
  measureContext ??= (globalThis.OffscreenCanvas ? new OffscreenCanvas(1, 1) : document.createElement('canvas')).getContext('2d');
  let width = 0;
  for (const run of scriptRuns(text)) {
    measureContext.font = FONT(run.sub ? size * SUB_SCALE : size);
    width += measureContext.measureText(run.text).width;
  }
  return width;
}

// The size (down to `min`) at which `text` fits in `room` px, and the text itself, cut with an
// ellipsis if it does not fit even then.
function fitText(text, room, size = 12, min = 9) {
  const width = textWidth(text, size);
  if (width <= room) return { text, size };
  const smaller = Math.max(min, Math.floor((size * room) / width));
  if (textWidth(text, smaller) <= room) return { text, size: smaller };
  let cut = String(text);
  while (cut.length > 1 && textWidth(`${cut}…`, smaller) > room) cut = cut.slice(0, -1);
  return { text: `${cut.trimEnd()}…`, size: smaller };
}

// Canvas drawing primitives.
class CanvasPainter {
  constructor(context) {
    this.ctx = context;
  }

  rect(x, y, w, h, { fill, stroke, width = 1 }) {
    const { ctx } = this;
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fillRect(x, y, w, h);
    }
    if (stroke) {
      ctx.strokeStyle = stroke;
      ctx.lineWidth = width;
      ctx.setLineDash([]);
      ctx.strokeRect(x, y, w, h);
    }
  }

  path(points, { color, width = 1.5, dash = [] }) {
    if (points.length < 2) return;
    const { ctx } = this;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(points[0][0], points[0][1]);
    for (let i = 1; i < points.length; i++) ctx.lineTo(points[i][0], points[i][1]);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  circle(x, y, r, { fill, stroke, width = 1 }) {
    const { ctx } = this;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fill();
    }
    if (stroke) {
      ctx.strokeStyle = stroke;
      ctx.lineWidth = width;
      ctx.setLineDash([]);
      ctx.stroke();
    }
  }

  text(x, y, text, { color, align = 'center', baseline = 'middle', rotate = 0, size = 12 }) {
    const { ctx } = this;
    ctx.save();
    ctx.translate(x, y);
    if (rotate) ctx.rotate(rotate);
    ctx.fillStyle = color;
    ctx.textBaseline = baseline;
    ctx.textAlign = 'left';
    const width = textWidth(text, size);
    let at = align === 'center' ? -width / 2 : align === 'right' ? -width : 0;
    for (const run of scriptRuns(text)) {
      const runSize = run.sub ? size * SUB_SCALE : size;
      ctx.font = FONT(runSize);
      ctx.fillText(run.text, at, run.sub ? size * 0.3 : 0);
      at += ctx.measureText(run.text).width;
    }
    ctx.restore();
  }

  image(pixels, cols, rows, x, y, w, h) {
    const source = new OffscreenCanvas(cols, rows);
    source.getContext('2d').putImageData(new ImageData(pixels, cols, rows), 0, 0);
    this.ctx.imageSmoothingEnabled = false;
    this.ctx.drawImage(source, x, y, w, h);
  }

  clip(x, y, w, h) {
    this.ctx.save();
    this.ctx.beginPath();
    this.ctx.rect(x, y, w, h);
    this.ctx.clip();
  }

  unclip() {
    this.ctx.restore();
  }
}

// Heatmap pixels as a PNG data URL, through a canvas (the browser's encoder).
function canvasPngDataUrl(pixels, cols, rows) {
  const canvas = new OffscreenCanvas(cols, rows);
  canvas.getContext('2d').putImageData(new ImageData(pixels, cols, rows), 0, 0);
  const scratch = document.createElement('canvas');
  scratch.width = cols;
  scratch.height = rows;
  scratch.getContext('2d').drawImage(canvas, 0, 0);
  return scratch.toDataURL('image/png');
}

// The same primitives written as SVG elements. `encodeImage(pixels, cols, rows)` gives a heatmap's
// data URL; outside a browser (no canvas) the caller passes its own encoder.
class SvgPainter {
  constructor(encodeImage = canvasPngDataUrl) {
    this.parts = [];
    this.clipCount = 0;
    this.encodeImage = encodeImage;
  }

  rect(x, y, w, h, { fill, stroke, width = 1 }) {
    this.parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${fill ?? 'none'}"` +
      `${stroke ? ` stroke="${stroke}" stroke-width="${width}"` : ''}/>`);
  }

  path(points, { color, width = 1.5, dash = [] }) {
    if (points.length < 2) return;
    const d = points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(2)} ${y.toFixed(2)}`).join('');
    this.parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="${width}"` +
      `${dash.length ? ` stroke-dasharray="${dash.join(' ')}"` : ''}/>`);
  }

  circle(x, y, r, { fill, stroke, width = 1 }) {
    this.parts.push(`<circle cx="${x.toFixed(2)}" cy="${y.toFixed(2)}" r="${r}" fill="${fill ?? 'none'}"` +
      `${stroke ? ` stroke="${stroke}" stroke-width="${width}"` : ''}/>`);
  }

  text(x, y, text, { color, align = 'center', baseline = 'middle', rotate = 0, size = 12 }) {
    const anchor = { left: 'start', center: 'middle', right: 'end' }[align];
    const dy = { top: '0.8em', middle: '0.35em', bottom: '0', alphabetic: '0' }[baseline] ?? '0';
    const transform = rotate ? ` transform="rotate(${(rotate * 180) / Math.PI} ${x} ${y})"` : '';
    const content = scriptRuns(text).map((run) => (run.sub
      ? `<tspan font-size="${size * SUB_SCALE}" baseline-shift="sub">${escapeXml(run.text)}</tspan>`
      : escapeXml(run.text))).join('');
    this.parts.push(`<text x="${x}" y="${y}" dy="${dy}" fill="${color}" font-size="${size}" font-family="system-ui, sans-serif"` +
      ` text-anchor="${anchor}"${transform}>${content}</text>`);
  }

  image(pixels, cols, rows, x, y, w, h) {
    this.parts.push(`<image x="${x}" y="${y}" width="${w}" height="${h}" preserveAspectRatio="none"` +
      ` style="image-rendering:pixelated" href="${this.encodeImage(pixels, cols, rows)}"/>`);
  }

  clip(x, y, w, h) {
    this.clipCount += 1;
    const id = `clip${this.clipCount}`;
    this.parts.push(`<clipPath id="${id}"><rect x="${x}" y="${y}" width="${w}" height="${h}"/></clipPath><g clip-path="url(#${id})">`);
  }

  unclip() {
    this.parts.push('</g>');
  }
}

// Colour maps for heatmaps: value in [0, 1] to [r, g, b].
export const COLORMAPS = {
  // Perceptually ordered dark-to-light (viridis-like), readable in grey.
  sequential(t) {
    const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
    return interpolate(stops, t);
  },
  // Blue-white-red for signed quantities.
  diverging(t) {
    const stops = [[33, 102, 172], [247, 247, 247], [178, 24, 43]];
    return interpolate(stops, t);
  },
};

function interpolate(stops, t) {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const position = clamped * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(position));
  const f = position - i;
  return stops[i].map((c, k) => Math.round(c + (stops[i + 1][k] - c) * f));
}

export function themeColors(element) {
  const style = getComputedStyle(element);
  return themeFromProperties((name) => style.getPropertyValue(name));
}

// The plot colours from a lookup of CSS custom properties (name -> value, or '' when unset).
export function themeFromProperties(property) {
  const color = (name, fallback) => (property(name) ?? '').trim() || fallback;
  return {
    background: color('--plot-background', '#ffffff'),
    grid: color('--plot-grid', '#e4e4e4'),
    axis: color('--plot-axis', '#555555'),
    text: color('--plot-text', '#1b1b1b'),
    cursor: color('--focus', '#e69f00'),
    // Layer colours may name CSS custom properties, e.g. 'var(--series-0)', so themes apply.
    resolve: (value) => {
      const match = /^var\((--[\w-]+)\)$/.exec(value ?? '');
      return match ? color(match[1], PALETTE[0]) : value;
    },
  };
}

// Paints one spec with a painter; returns the scales used (for cursors and hit tests).
function paint(painter, spec, width, height, colors) {
  const margin = { ...MARGIN, ...(spec.margin ?? {}) };
  let [x0, x1] = spec.xRange;
  let [y0, y1] = spec.yRange;
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!(y1 > y0)) y1 = y0 + 1;
  // The left margin holds the y axis's label and its widest tick label, so neither leaves the
  // figure or runs into the other (wide labels such as "−0.0005" on a narrow phone plot).
  const roughHeight = Math.max(1, height - margin.top - margin.bottom);
  const roughYTicks = spec.yTickStep ? stepTicks(y0, y1, spec.yTickStep) : niceTicks(y0, y1, Math.max(2, Math.floor(roughHeight / 40)));
  const roughYStep = roughYTicks.length > 1 ? roughYTicks[1] - roughYTicks[0] : 1;
  const widestY = Math.max(0, ...tickLabels(roughYTicks, spec.yTickFormat ?? ((t) => formatTick(t, roughYStep))).map((label) => textWidth(label)));
  // A figure that sets its own left margin keeps it (its widget maps clicks with it).
  if (spec.margin?.left === undefined) margin.left = Math.max(margin.left, Math.ceil(Y_LABEL_BAND + widestY + 8));
  const plotWidth = Math.max(1, width - margin.left - margin.right);
  const plotHeight = Math.max(1, height - margin.top - margin.bottom);
  if (spec.equalAspect) {
    // Same units per pixel on both axes (phase portraits, the complex plane).
    const perPixel = Math.max((x1 - x0) / plotWidth, (y1 - y0) / plotHeight);
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    x0 = cx - (perPixel * plotWidth) / 2;
    x1 = cx + (perPixel * plotWidth) / 2;
    y0 = cy - (perPixel * plotHeight) / 2;
    y1 = cy + (perPixel * plotHeight) / 2;
  }
  const px = (x) => margin.left + ((x - x0) / (x1 - x0)) * plotWidth;
  const py = (y) => margin.top + (1 - (y - y0) / (y1 - y0)) * plotHeight;

  painter.rect(0, 0, width, height, { fill: colors.background });
  const xTicks = spec.xTickStep ? stepTicks(x0, x1, spec.xTickStep) : niceTicks(x0, x1, Math.max(2, Math.floor(plotWidth / 80)));
  const yTicks = spec.yTickStep ? stepTicks(y0, y1, spec.yTickStep) : niceTicks(y0, y1, Math.max(2, Math.floor(plotHeight / 40)));
  const xStep = xTicks.length > 1 ? xTicks[1] - xTicks[0] : 1;
  const yStep = yTicks.length > 1 ? yTicks[1] - yTicks[0] : 1;
  const xLabels = tickLabels(xTicks, spec.xTickFormat ?? ((t) => formatTick(t, xStep)));
  const yLabels = tickLabels(yTicks, spec.yTickFormat ?? ((t) => formatTick(t, yStep)));
  xTicks.forEach((t, k) => {
    const x = Math.round(px(t)) + 0.5;
    painter.path([[x, margin.top], [x, margin.top + plotHeight]], { color: colors.grid, width: 1 });
    // A label at the edge moves inward rather than off the figure.
    const half = textWidth(xLabels[k]) / 2;
    painter.text(clamp(x, half + 1, width - half - 1), margin.top + plotHeight + 4, xLabels[k], { color: colors.text, baseline: 'top' });
  });
  yTicks.forEach((t, k) => {
    const y = Math.round(py(t)) + 0.5;
    painter.path([[margin.left, y], [margin.left + plotWidth, y]], { color: colors.grid, width: 1 });
    painter.text(margin.left - 6, y, yLabels[k], { color: colors.text, align: 'right' });
  });
  // Axis labels shrink (to 9 px), then shorten with an ellipsis, to stay inside the figure.
  const xTitle = fitText(spec.xLabel ?? '', width - 4);
  const xHalf = textWidth(xTitle.text, xTitle.size) / 2;
  // A subscript hangs below the baseline: the label rises by as much.
  const xDrop = scriptRuns(xTitle.text).some((run) => run.sub) ? Math.ceil(xTitle.size * 0.35) : 0;
  painter.text(clamp(margin.left + plotWidth / 2, xHalf + 2, width - xHalf - 2), height - 4 - xDrop, xTitle.text, { color: colors.text, baseline: 'bottom', size: xTitle.size });
  const yTitle = fitText(spec.yLabel ?? '', height - 4);
  const yHalf = textWidth(yTitle.text, yTitle.size) / 2;
  painter.text(13, clamp(margin.top + plotHeight / 2, yHalf + 2, height - yHalf - 2), yTitle.text,
    { color: colors.text, rotate: -Math.PI / 2, size: yTitle.size });

  painter.clip(margin.left, margin.top, plotWidth, plotHeight);
  for (const layer of spec.layers ?? []) {
    const resolved = { ...layer, color: colors.resolve(layer.color ?? PALETTE[0]) };
    paintLayer(painter, resolved, { px, py, x0, x1, y0, y1, margin, plotWidth, plotHeight });
  }
  if (spec.cursorX !== undefined && spec.cursorX !== null) {
    const x = px(spec.cursorX);
    painter.path([[x, margin.top], [x, margin.top + plotHeight]], { color: colors.cursor, width: 2, dash: [3, 3] });
  }
  painter.unclip();
  painter.rect(margin.left + 0.5, margin.top + 0.5, plotWidth, plotHeight, { stroke: colors.axis });
  return { px, py, x0, x1, y0, y1, margin, plotWidth, plotHeight };
}

function paintLayer(painter, layer, scale) {
  const { px, py, margin, plotWidth, plotHeight } = scale;
  const { color } = layer;
  switch (layer.type) {
    case 'line':
      for (const segment of decimate(layer.xs, layer.ys, px, py)) {
        painter.path(segment, { color, width: layer.width ?? 2, dash: layer.dash ?? [] });
      }
      break;
    case 'points':
      for (let i = 0; i < layer.xs.length; i++) {
        if (!Number.isFinite(layer.xs[i]) || !Number.isFinite(layer.ys[i])) continue;
        painter.circle(px(layer.xs[i]), py(layer.ys[i]), layer.radius ?? 3,
          layer.hollow ? { stroke: color, width: 1.5 } : { fill: color });
      }
      break;
    case 'hline':
      painter.path([[margin.left, py(layer.y)], [margin.left + plotWidth, py(layer.y)]],
        { color, width: layer.width ?? 1, dash: layer.dash ?? [] });
      break;
    case 'vline':
      painter.path([[px(layer.x), margin.top], [px(layer.x), margin.top + plotHeight]],
        { color, width: layer.width ?? 1, dash: layer.dash ?? [] });
      break;
    case 'circle': {
      // A circle in data units (e.g. |z| = 1 on the complex plane), drawn as a polygon.
      const points = [];
      for (let k = 0; k <= 180; k++) {
        const a = (2 * Math.PI * k) / 180;
        points.push([px(layer.cx + layer.r * Math.cos(a)), py(layer.cy + layer.r * Math.sin(a))]);
      }
      painter.path(points, { color, width: layer.width ?? 1, dash: layer.dash ?? [] });
      break;
    }
    case 'text':
      painter.text(px(layer.x), py(layer.y), layer.text, { color, align: layer.align ?? 'left', size: layer.size ?? 12 });
      break;
    case 'heatmap': {
      // values: rows x cols, row 0 at the bottom (y0); colour by the map over [min, max].
      const { values, cols, rows, min, max } = layer;
      const map = COLORMAPS[layer.colormap ?? 'sequential'];
      const pixels = new Uint8ClampedArray(cols * rows * 4);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const v = values[r * cols + c];
          const [red, green, blue] = layer.colorOf ? layer.colorOf(v) : map((v - min) / (max - min));
          const o = ((rows - 1 - r) * cols + c) * 4;
          pixels[o] = red;
          pixels[o + 1] = green;
          pixels[o + 2] = blue;
          pixels[o + 3] = Number.isFinite(v) ? 255 : 0;
        }
      }
      const [hx0, hx1] = layer.xRange;
      const [hy0, hy1] = layer.yRange;
      painter.image(pixels, cols, rows, px(hx0), py(hy1), px(hx1) - px(hx0), py(hy0) - py(hy1));
      break;
    }
    default:
      throw new Error(`unknown plot layer type "${layer.type}"`);
  }
}

// Pixel-column decimation: each column keeps its first, lowest, highest and last point, so tens
// of thousands of samples draw as fast as a few hundred and spikes stay visible. A missing value
// (NaN, null) ends a segment: the line has a gap there instead of a false connection. Returns the
// segments as arrays of [x, y] pixel points.
function decimate(xs, ys, px, py) {
  const segments = [];
  let points = [];
  let column = null;
  let first = 0;
  let low = 0;
  let high = 0;
  let last = 0;
  const flush = () => {
    if (column === null) return;
    points.push([column, first], [column, low], [column, high], [column, last]);
  };
  const endSegment = () => {
    flush();
    column = null;
    if (points.length) segments.push(points);
    points = [];
  };
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      endSegment();
      continue;
    }
    const cx = Math.round(px(x));
    const cy = py(y);
    if (cx !== column) {
      flush();
      column = cx;
      first = low = high = last = cy;
    } else {
      low = Math.max(low, cy);
      high = Math.min(high, cy);
      last = cy;
    }
  }
  endSegment();
  return segments;
}

// A spec as a standalone SVG document, from the spec alone (no DOM needed): what a figure exports,
// and what tests compare outside a browser (one element a line, so differences read line by line).
export function renderSvg(spec, { width, height, colors, title = '', encodeImage }) {
  const painter = new SvgPainter(encodeImage);
  paint(painter, spec, width, height, colors);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"` +
    ` viewBox="0 0 ${width} ${height}">\n<title>${escapeXml(title)}</title>\n${painter.parts.join('\n')}\n</svg>\n`;
}

// Links the cursors of several figures: moving one moves all (same x, e.g. time).
export class CursorGroup extends EventTarget {
  x = null;

  set(x) {
    this.x = x;
    this.dispatchEvent(new CustomEvent('move', { detail: { x } }));
  }
}

export class Figure {
  #painter;
  #scale = null;
  #spec = null;

  // `canvas`: the on-screen canvas; `label`: its accessible name; `cursor`: a CursorGroup to
  // join (arrow keys move it when the canvas has focus; pointer moves it too).
  constructor(canvas, { label, cursor = null, onCursor = null } = {}) {
    this.canvas = canvas;
    this.#painter = new CanvasPainter(canvas.getContext('2d'));
    this.width = 0;
    this.height = 0;
    this.cursor = cursor;
    this.onCursor = onCursor;
    canvas.setAttribute('role', 'img');
    if (label) canvas.setAttribute('aria-label', label);
    if (cursor) {
      canvas.tabIndex = 0;
      canvas.addEventListener('keydown', (event) => this.#onKey(event));
      // A touch places the cursor where it lands and drags it sideways; an up or down swipe still
      // scrolls the page (touch-action), so a plot never traps a reader on a tablet.
      canvas.addEventListener('pointerdown', (event) => this.#onPointer(event));
      canvas.addEventListener('pointermove', (event) => this.#onPointer(event));
      canvas.style.touchAction = 'pan-y';
      cursor.addEventListener('move', () => {
        if (this.#spec) this.draw(this.#spec);
        this.onCursor?.(cursor.x);
      });
    }
  }

  resize(cssWidth, cssHeight) {
    const ratio = globalThis.devicePixelRatio || 1;
    this.width = Math.max(1, Math.floor(cssWidth));
    this.height = Math.max(1, Math.floor(cssHeight));
    this.canvas.width = Math.round(this.width * ratio);
    this.canvas.height = Math.round(this.height * ratio);
    this.canvas.getContext('2d').setTransform(ratio, 0, 0, ratio, 0, 0);
    if (this.#spec) this.draw(this.#spec);
  }

  // Fits the backing store to the canvas's laid-out size (call from a ResizeObserver).
  fit() {
    const box = this.canvas.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) this.resize(box.width, box.height);
  }

  draw(spec) {
    this.#spec = spec;
    if (!this.width) this.fit();
    const withCursor = this.cursor ? { ...spec, cursorX: this.cursor.x } : spec;
    this.#scale = paint(this.#painter, withCursor, this.width, this.height, themeColors(this.canvas));
  }

  get spec() {
    return this.#spec;
  }

  // The last drawn figure as a standalone SVG document.
  toSVG({ width = this.width || 640, height = this.height || 360 } = {}) {
    if (!this.#spec) return null;
    return renderSvg(this.#spec, { width, height, colors: themeColors(this.canvas), title: this.canvas.getAttribute('aria-label') ?? '' });
  }

  #onKey(event) {
    if (!this.#scale) return;
    const { x0, x1 } = this.#scale;
    const step = (x1 - x0) / (event.shiftKey ? 10 : 100);
    let x = this.cursor.x ?? (x0 + x1) / 2;
    if (event.key === 'ArrowRight') x += step;
    else if (event.key === 'ArrowLeft') x -= step;
    else if (event.key === 'Home') x = x0;
    else if (event.key === 'End') x = x1;
    else if (event.key === 'Escape') x = null;
    else return;
    event.preventDefault();
    this.cursor.set(x === null ? null : Math.min(x1, Math.max(x0, x)));
  }

  #onPointer(event) {
    if (!this.#scale) return;
    const box = this.canvas.getBoundingClientRect();
    const { margin, plotWidth, x0, x1 } = this.#scale;
    const fraction = (event.clientX - box.left - margin.left) / plotWidth;
    if (fraction < 0 || fraction > 1) return;
    this.cursor.set(x0 + fraction * (x1 - x0));
  }

  // Data coordinates of a point in CSS pixels relative to the canvas (for click-to-pick planes).
  dataAt(offsetX, offsetY) {
    if (!this.#scale) return null;
    const { margin, plotWidth, plotHeight, x0, x1, y0, y1 } = this.#scale;
    const fx = (offsetX - margin.left) / plotWidth;
    const fy = (offsetY - margin.top) / plotHeight;
    if (fx < 0 || fx > 1 || fy < 0 || fy > 1) return null;
    return { x: x0 + fx * (x1 - x0), y: y1 - fy * (y1 - y0) };
  }
}
