// The "::: claim" block of a lesson (format: lessons/README.md, "claim"): a number the lesson states,
// with the measurement that produces it and the relation it must satisfy. The page shows the
// statement and the measured value; the test suite (tests/wasm/lesson-claims.test.mjs) re-measures
// every claim with the core and fails when the relation or the shown value no longer holds.
import { ExpressionError, parseExpression, measureReferences } from './expression.js';

// The statistics of a claim's runs (one run per seed) that "value:" may name.
export const CLAIM_STATISTICS = Object.freeze(['mean', 'rms', 'median', 'min', 'max']);
// The names a "holds:" relation may use: the chosen statistic as "value", every statistic by its
// name, and "runs", the number of runs.
export const CLAIM_NAMES = Object.freeze(['value', ...CLAIM_STATISTICS, 'runs']);
const MAX_SEEDS = 100;
const ITEM_ID = /^[a-z0-9][a-z0-9-]*$/;
const NUMBER = /^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

// "1..5" or "1, 2, 7": the seeds a claim is measured at.
export function parseSeeds(text) {
  const range = /^(\d+)\s*\.\.\s*(\d+)$/.exec(text);
  let seeds;
  if (range) {
    const [first, last] = [Number(range[1]), Number(range[2])];
    if (last < first) return { reason: `seeds "${text}": the range must not run backwards` };
    seeds = Array.from({ length: last - first + 1 }, (_, k) => first + k);
  } else {
    const parts = text.split(',').map((s) => s.trim());
    if (parts.some((p) => !/^\d+$/.test(p))) return { reason: `seeds must be a range "1..5" or a list "1, 2, 7" of whole numbers, not "${text}"` };
    seeds = parts.map(Number);
  }
  if (seeds.length > MAX_SEEDS) return { reason: `seeds "${text}" gives ${seeds.length} runs; at most ${MAX_SEEDS} keep the claims test fast` };
  if (new Set(seeds).size !== seeds.length) return { reason: `seeds "${text}" repeats a seed` };
  return { seeds };
}

// How close a measured value must be to the shown one: half a unit of the shown number's last
// digit, so "0.23" stands for anything that rounds to 0.23.
export function shownTolerance(text) {
  const mantissa = text.replace(/^[-+]/, '').split(/[eE]/)[0];
  const exponent = Number(text.split(/[eE]/)[1] ?? 0);
  const decimals = mantissa.includes('.') ? mantissa.split('.')[1].length : 0;
  const places = decimals - exponent;
  return places >= 0 ? 0.5 / 10 ** places : 0.5 * 10 ** -places;
}

// Splits the block's body into the statement and "name: value" fields (one line each).
const FIELDS = ['measure', 'settings', 'seeds', 'value', 'shown', 'holds'];

export function buildClaim(block, header, firstBody, problem) {
  const [id, ...extra] = header.positional;
  if (!id) problem(block.line, 'a claim block has an id: "::: claim ring-collapses"');
  else if (!ITEM_ID.test(id)) problem(block.line, `claim id "${id}" must be lower-case letters, digits and dashes`);
  if (extra.length || Object.keys(header.attrs).length) problem(block.line, 'a claim header is only "::: claim <id>"');
  const name = id ?? '';
  const statement = [];
  const fields = new Map();
  let statementDone = false;
  block.body.forEach((line, k) => {
    const lineNo = firstBody + k;
    const match = new RegExp(`^(${FIELDS.join('|')}):(?:\\s+(.*))?$`).exec(line);
    if (match) {
      statementDone = true;
      if (fields.has(match[1])) problem(lineNo, `claim "${name}": "${match[1]}:" is given twice`);
      fields.set(match[1], { text: (match[2] ?? '').trim(), line: lineNo, column: line.length - (match[2] ?? '').length + 1 });
      return;
    }
    if (!statementDone) { statement.push(line); return; }
    if (line.trim() === '') return;
    const word = /^([A-Za-z_]+):/.exec(line);
    problem(lineNo, word
      ? `claim "${name}": unknown field "${word[1]}:"; the fields are ${FIELDS.join(', ')}`
      : `claim "${name}": after the statement come only one-line fields (${FIELDS.join(', ')}), not "${line.trim()}"`);
  });
  if (!statement.join('').trim()) problem(block.line, `claim "${name}" needs a statement (the sentence a reader sees) before its fields`);
  const field = (key) => fields.get(key);
  const claim = {
    kind: 'claim',
    line: block.line,
    id: name,
    statement: statement.join('\n').trim(),
    statementLine: firstBody,
    measure: field('measure')?.text ?? '',
    measureLine: field('measure')?.line ?? block.line,
    settings: {},
    settingsLine: field('settings')?.line ?? block.line,
    seeds: null,
    statistic: field('value')?.text || 'mean',
    shown: NaN,
    shownText: field('shown')?.text ?? '',
    shownTolerance: 0,
    shownLine: field('shown')?.line ?? block.line,
    holds: field('holds')?.text ?? '',
    holdsLine: field('holds')?.line ?? block.line,
    tree: null,
  };
  if (!claim.measure) problem(block.line, `claim "${name}" needs "measure: <measurement name>"`);
  else if (!ITEM_ID.test(claim.measure)) problem(claim.measureLine, `claim "${name}": measure "${claim.measure}" must be a measurement name such as ring-stable-fixed-points`);

  const settings = field('settings');
  if (settings && settings.text) {
    for (const pair of settings.text.split(/[\s&]+/).filter(Boolean)) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=([^=\s]+)$/.exec(pair);
      if (!m) { problem(settings.line, `claim "${name}": settings are "name=value" pairs, not "${pair}"`); continue; }
      if (Object.prototype.hasOwnProperty.call(claim.settings, m[1])) problem(settings.line, `claim "${name}": setting "${m[1]}" is given twice`);
      if (!NUMBER.test(m[2])) problem(settings.line, `claim "${name}": setting ${m[1]}=${m[2]} must be a number`);
      claim.settings[m[1]] = Number(m[2]);
    }
  }
  const seeds = field('seeds');
  if (seeds) {
    const parsed = parseSeeds(seeds.text);
    if (parsed.reason) problem(seeds.line, `claim "${name}": ${parsed.reason}`);
    else claim.seeds = parsed.seeds;
  }
  if (!CLAIM_STATISTICS.includes(claim.statistic)) {
    problem(field('value').line, `claim "${name}": value "${claim.statistic}" is not a statistic; use one of ${CLAIM_STATISTICS.join(', ')}`);
  }
  const shown = field('shown');
  if (!shown) problem(block.line, `claim "${name}" needs "shown: <number>", the value the page shows (the test checks it against the measurement)`);
  else if (!NUMBER.test(shown.text)) problem(shown.line, `claim "${name}": shown must be a number such as 0.23, not "${shown.text}"`);
  else { claim.shown = Number(shown.text); claim.shownTolerance = shownTolerance(shown.text); }

  const holds = field('holds');
  if (!holds || !holds.text) problem(holds?.line ?? block.line, `claim "${name}" needs "holds: <relation>", for example "value > 0.2 and value < 0.3"`);
  else {
    try {
      claim.tree = parseExpression(holds.text);
      for (const ref of measureReferences(claim.tree)) {
        if (ref.widget || !CLAIM_NAMES.includes(ref.name)) {
          problem(holds.line, `claim "${name}": holds: unknown name "${ref.widget ? `${ref.widget}.` : ''}${ref.name}"; a claim's relation can use ${CLAIM_NAMES.join(', ')}`, holds.column + ref.pos);
        }
      }
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      problem(holds.line, `claim "${name}": holds: ${error.reason}`, holds.column + error.position);
    }
  }
  return claim;
}

// What the page says about a claim's measurement, e.g. "mean over seeds 1 to 10".
export function describeRuns(claim) {
  if (!claim.seeds) return '';
  const s = claim.seeds;
  const contiguous = s.every((seed, k) => k === 0 || seed === s[k - 1] + 1);
  const list = s.length === 1 ? `seed ${s[0]}` : contiguous ? `seeds ${s[0]} to ${s.at(-1)}` : `seeds ${s.join(', ')}`;
  return s.length === 1 ? list : `${claim.statistic} over ${list}`;
}
