// A small canvas line chart for time series: linear axes with round ticks, several series,
// horizontal reference lines, and min/max decimation so that tens of thousands of samples draw
// as fast as a few hundred.
export function niceTicks(min, max, count = 5) {
  if (!(max > min)) return [min];
  const rawStep = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rawStep);
  const ticks = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  }
  return ticks;
}

function formatTick(value, step) {
  // Enough decimals to tell neighbouring ticks apart: 2.5 needs one, 0.25 two.
  let decimals = 0;
  while (decimals < 6 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6) {
    decimals += 1;
  }
  return value.toFixed(decimals).replace('-', '\u2212');
}

export class LineChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.context = canvas.getContext('2d');
    this.width = 0;
    this.height = 0;
  }

  // Sizes the backing store for the device pixel ratio; cssWidth/cssHeight in CSS pixels.
  resize(cssWidth, cssHeight) {
    const ratio = globalThis.devicePixelRatio || 1;
    this.width = Math.max(1, Math.floor(cssWidth));
    this.height = Math.max(1, Math.floor(cssHeight));
    this.canvas.width = Math.round(this.width * ratio);
    this.canvas.height = Math.round(this.height * ratio);
    this.context.setTransform(ratio, 0, 0, ratio, 0, 0);
  }

  draw({ xRange, yRange, series = [], hLines = [], xLabel = '', yLabel = '', colors }) {
    const ctx = this.context;
    const { width, height } = this;
    const margin = { left: 56, right: 22, top: 10, bottom: 38 };  // room for the last tick label
    const plotWidth = Math.max(1, width - margin.left - margin.right);
    const plotHeight = Math.max(1, height - margin.top - margin.bottom);
    const [x0, x1] = xRange;
    const [y0, y1] = yRange;
    const px = (x) => margin.left + ((x - x0) / (x1 - x0)) * plotWidth;
    const py = (y) => margin.top + (1 - (y - y0) / (y1 - y0)) * plotHeight;

    ctx.fillStyle = colors.background;
    ctx.fillRect(0, 0, width, height);
    ctx.font = '12px system-ui, sans-serif';
    ctx.lineWidth = 1;

    const xTicks = niceTicks(x0, x1, Math.max(2, Math.floor(plotWidth / 80)));
    const yTicks = niceTicks(y0, y1, Math.max(2, Math.floor(plotHeight / 40)));
    const xStep = xTicks.length > 1 ? xTicks[1] - xTicks[0] : 1;
    const yStep = yTicks.length > 1 ? yTicks[1] - yTicks[0] : 1;
    ctx.strokeStyle = colors.grid;
    ctx.fillStyle = colors.text;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of xTicks) {
      const x = Math.round(px(t)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, margin.top);
      ctx.lineTo(x, margin.top + plotHeight);
      ctx.stroke();
      ctx.fillText(formatTick(t, xStep), x, margin.top + plotHeight + 4);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const t of yTicks) {
      const y = Math.round(py(t)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(margin.left, y);
      ctx.lineTo(margin.left + plotWidth, y);
      ctx.stroke();
      ctx.fillText(formatTick(t, yStep), margin.left - 6, y);
    }
    ctx.strokeStyle = colors.axis;
    ctx.strokeRect(margin.left + 0.5, margin.top + 0.5, plotWidth, plotHeight);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(xLabel, margin.left + plotWidth / 2, height - 2);
    ctx.save();
    ctx.translate(12, margin.top + plotHeight / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(yLabel, 0, 0);
    ctx.restore();

    ctx.save();
    ctx.beginPath();
    ctx.rect(margin.left, margin.top, plotWidth, plotHeight);
    ctx.clip();
    for (const line of hLines) {
      ctx.strokeStyle = line.color;
      ctx.setLineDash(line.dash ?? []);
      ctx.lineWidth = line.width ?? 1;
      ctx.beginPath();
      ctx.moveTo(margin.left, py(line.y));
      ctx.lineTo(margin.left + plotWidth, py(line.y));
      ctx.stroke();
    }
    for (const s of series) this.#drawSeries(s, px, py);
    ctx.restore();
  }

  #drawSeries({ times, values, color, width = 2, dash = [] }, px, py) {
    const ctx = this.context;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.beginPath();
    // One pixel column at a time: first, lowest, highest and last point of the column.
    let column = null;
    let first = 0, low = 0, high = 0, last = 0;
    let started = false;
    const flush = () => {
      if (column === null) return;
      const x = column + 0.5;
      if (!started) {
        ctx.moveTo(x, first);
        started = true;
      } else {
        ctx.lineTo(x, first);
      }
      ctx.lineTo(x, low);
      ctx.lineTo(x, high);
      ctx.lineTo(x, last);
    };
    for (let i = 0; i < times.length; i++) {
      const value = values[i];
      if (!Number.isFinite(value)) continue;
      const x = Math.floor(px(times[i]));
      const y = py(value);
      if (x !== column) {
        flush();
        column = x;
        first = low = high = last = y;
      } else {
        low = Math.max(low, y);
        high = Math.min(high, y);
        last = y;
      }
    }
    flush();
    ctx.stroke();
    ctx.setLineDash([]);
  }
}
