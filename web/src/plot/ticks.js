// Round axis ticks and their labels.
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

// Ticks at every multiple of a fixed step in [min, max]: angle axes use 90, so that 0, 90, 180,
// 270 and 360 degrees are marked.
export function stepTicks(min, max, step) {
  if (!(max > min) || !(step > 0)) return [min];
  const ticks = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k += 1) ticks.push(k * step + 0);  // + 0: no "-0"
  return ticks;
}

// Tick labels with repeats removed: a range narrower than the labels' precision would otherwise
// show the same label twice ("-1" and "-1"); a repeated label is left blank.
export function tickLabels(ticks, format) {
  let previous = null;
  return ticks.map((t) => {
    const label = format(t);
    if (label === previous) return '';
    previous = label;
    return label;
  });
}

export function formatTick(value, step) {
  // Enough decimals to tell neighbouring ticks apart: 2.5 needs one, 0.25 two.
  let decimals = 0;
  while (decimals < 10 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6) {
    decimals += 1;
  }
  return value.toFixed(decimals).replace('-', '\u2212');
}
