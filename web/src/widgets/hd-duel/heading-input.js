// The head-turning signal both integrators receive: a deterministic function of the seed and the
// time, so a chunked run, a reset and a shared link all see the same velocities.

// A small seeded generator (mulberry32): the same seed gives the same turns in every browser.
function seededRandom(seed) {
  let a = (seed >>> 0) ^ 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMPONENTS = 8;
// Turns last from about a second to about ten: head turns, not jitter.
const LOWEST_HZ = 0.05;
const HIGHEST_HZ = 0.6;
export const STOP_TURNING_S = 20;

// Returns v(t) in degrees per second for a profile:
//   'turning'  smooth random turns for the whole run (sum of sines, rms `rms` deg/s)
//   'turn-then-rest'  the same turns for STOP_TURNING_S seconds, then the head stays still
//   'rest'     no turning at all
export function headingInput({ profile, rms, seed }) {
  if (profile === 'rest' || rms === 0) return () => 0;
  const random = seededRandom(seed);
  const parts = [];
  for (let k = 0; k < COMPONENTS; k++) {
    const frequency = LOWEST_HZ * (HIGHEST_HZ / LOWEST_HZ) ** random();
    parts.push({ omega: 2 * Math.PI * frequency, phase: 2 * Math.PI * random(), weight: 0.5 + random() });
  }
  // Scaled so the long-run rms of the sum is `rms`.
  const power = parts.reduce((sum, part) => sum + part.weight ** 2 / 2, 0);
  const scale = rms / Math.sqrt(power);
  const smooth = (t) => {
    let v = 0;
    for (const part of parts) v += part.weight * Math.sin(part.omega * t + part.phase);
    return scale * v;
  };
  if (profile === 'turn-then-rest') {
    // Fades out over the last second so the head does not stop with a jolt.
    return (t) => (t >= STOP_TURNING_S ? 0 : smooth(t) * Math.min(1, STOP_TURNING_S - t));
  }
  return smooth;
}

// Velocities (deg/s) for `count` Euler steps of size dt starting after step `firstStep`: the
// value at the middle of each step.
export function velocitySteps(input, firstStep, count, dt) {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = input((firstStep + i + 0.5) * dt);
  return out;
}
