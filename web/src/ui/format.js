// Number formatting for readouts. null (a measure not available yet) shows as a dash.
export const MISSING = '—';

export function formatSignificant(value, digits = 3) {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e6) {
    const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(magnitude)));
    return value.toFixed(decimals).replace('-', '−');
  }
  return value.toExponential(digits - 1).replace('-', '−');
}

export function formatFixed(value, decimals) {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return value.toFixed(decimals).replace('-', '−');
}

// "holds indefinitely", "halves every 12.3 s", "doubles every 4.1 s" for a rate per second.
export function describeRate(ratePerSecond) {
  if (ratePerSecond === null || ratePerSecond === undefined || !Number.isFinite(ratePerSecond)) {
    return MISSING;
  }
  if (Math.abs(ratePerSecond) < 1e-9) return 'holds indefinitely';
  const seconds = Math.LN2 / Math.abs(ratePerSecond);
  const span = seconds >= 1e5 ? `${formatSignificant(seconds, 2)} s` : `${formatSignificant(seconds, 3)} s`;
  return ratePerSecond < 0 ? `halves every ${span}` : `doubles every ${span}`;
}

// A count: an integer as an integer ("12", not "12.0"); a mean of counts with one decimal.
export function formatCount(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return Number.isInteger(value) ? String(value) : formatFixed(value, 1);
}

// A value that is zero in exact arithmetic but computed in floating point: below `tolerance` it
// shows as 0 with the tolerance stated, so rounding noise (7e-13) does not pass for a measurement.
export function formatAboveTolerance(value, tolerance, digits = 3, unit = '') {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const suffix = unit ? ` ${unit}` : '';
  if (Math.abs(value) < tolerance) return `0${suffix} (below ${formatPowerOfTen(tolerance)})`;
  return `${formatSignificant(value, digits)}${suffix}`;
}

const SUPERSCRIPTS = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

// 1e-6 as "10⁻⁶"; a value that is not a power of ten as 2 significant digits.
export function formatPowerOfTen(value) {
  const exponent = Math.round(Math.log10(value));
  if (Math.abs(value / 10 ** exponent - 1) > 1e-12) return formatSignificant(value, 2);
  return `10${[...String(exponent)].map((c) => SUPERSCRIPTS[c]).join('')}`;
}
