// The epsilon slider is logarithmic: position 0 is the perfectly tuned network, positions 1..60
// span 1e-4 to 1e-1 evenly in log10, so each arrow-key press multiplies epsilon by 10^(3/59).
export const EPSILON_POSITIONS = 60;
const LOG_MIN = -4;
const LOG_MAX = -1;

export function epsilonFromPosition(position) {
  if (position <= 0) return 0;
  const fraction = (Math.min(position, EPSILON_POSITIONS) - 1) / (EPSILON_POSITIONS - 1);
  return Number((10 ** (LOG_MIN + fraction * (LOG_MAX - LOG_MIN))).toPrecision(3));
}

export function positionFromEpsilon(epsilon) {
  if (!(epsilon > 0)) return 0;
  const fraction = (Math.log10(epsilon) - LOG_MIN) / (LOG_MAX - LOG_MIN);
  return Math.max(1, Math.min(EPSILON_POSITIONS, Math.round(1 + fraction * (EPSILON_POSITIONS - 1))));
}
