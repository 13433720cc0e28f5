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
