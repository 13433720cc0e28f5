// Long jobs run in chunks of about CHUNK_MS of work, so that Stop, Pause or a new setting takes
// effect within about that time whatever the model's size: a step of a large network can take a
// second where a small one takes microseconds, so chunks are sized by measuring, not by a fixed
// number of steps. Between chunks a job reports progress and lets messages in.
export const CHUNK_MS = 100;

// A chunk grows at most this much over the last one: a fast chunk's duration is too coarse to
// trust (timer resolution), and one mismeasured chunk must not become a very long one.
const MAX_GROWTH = 4;

// The size of the next chunk, after `units` took `milliseconds`: about CHUNK_MS of work, at least
// `min`, at most `max`.
export function nextChunkSize(units, milliseconds, { min = 1, max = Infinity } = {}) {
  const aimed = milliseconds > 0 ? (units * CHUNK_MS) / milliseconds : Infinity;
  return Math.max(min, Math.min(aimed, units * MAX_GROWTH, max));
}
