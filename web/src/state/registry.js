// The typed, versioned registry of every widget's parameters. One schema per widget says which
// parameters exist, their types, ranges and defaults; the same schema reads a URL query, an
// element's attributes or a lesson's widget block, and writes the query back. Values that are
// missing, malformed or out of range fall back to the default and are reported, so a widget
// always starts (as PhET's query parameters do).
//
// Parameter specs:
//   { type: 'number', default, min, max, integer?, scale?: 'log', step?, label, unit?, help?, group?, live? }
//   { type: 'choice', default, options: [{ value, label }], label, help?, group?, live? }
//   { type: 'boolean', default, label, help?, group?, live? }
// `live: true` means the model takes the change without a reset.
//
// Cross-setting rules (settings valid one by one that the core cannot build together):
//   constraints: [{ settings: ['alpha_min', 'alpha_max'], check(params) -> true when allowed,
//                   allowed(params) -> what is allowed, in words }]
// `settings` are the ones named in the message and put back to their defaults when the rule fails;
// `check` sees the complete parameters, so a rule may depend on others too (the task, say).
const schemas = new Map();

export const VERSION_KEY = 'v';
export const HIDE_KEY = 'hide';
export const LOCK_KEY = 'lock';
const RESERVED = new Set([VERSION_KEY, HIDE_KEY, LOCK_KEY]);
// The controls every widget's toolbar has (widgets/base/lab-widget.js): a teacher can hide or lock
// them like any setting.
export const BASE_CONTROLS = Object.freeze(['play', 'step', 'reset', 'speed', 'export']);

// Registers a widget schema: { name, version, title, params, migrations? }. `migrations[k]` turns
// the raw entries (an object of strings) of version k into those of version k + 1.
export function defineSchema(schema) {
  const { name, version, params } = schema;
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`schema name "${name}" must be lowercase words joined by -`);
  if (!Number.isInteger(version) || version < 1) throw new Error(`schema ${name}: version must be a whole number from 1`);
  for (const [key, spec] of Object.entries(params)) {
    if (RESERVED.has(key) || BASE_CONTROLS.includes(key)) throw new Error(`schema ${name}: "${key}" is reserved`);
    const problem = checkValue(spec, spec.default);
    if (problem) throw new Error(`schema ${name}: default of ${key} ${problem}`);
  }
  for (const constraint of schema.constraints ?? []) {
    const unknown = constraint.settings.filter((key) => !Object.hasOwn(params, key));
    if (constraint.settings.length < 2 || unknown.length) {
      throw new Error(`schema ${name}: a constraint names two or more of its settings (unknown: ${unknown.join(', ') || 'none'})`);
    }
    if (!constraint.check(defaults(schema))) {
      throw new Error(`schema ${name}: the defaults break the constraint on ${constraint.settings.join(', ')}`);
    }
  }
  const frozen = Object.freeze({ migrations: {}, constraints: [], ...schema });
  schemas.set(name, frozen);
  return frozen;
}

export function schemaOf(name) {
  const schema = schemas.get(name);
  if (!schema) throw new Error(`unknown widget "${name}"; known widgets: ${[...schemas.keys()].join(', ')}`);
  return schema;
}

export function schemaNames() {
  return [...schemas.keys()];
}

export function defaults(schema) {
  return Object.fromEntries(Object.entries(schema.params).map(([key, spec]) => [key, spec.default]));
}

// A person-readable statement of what a parameter accepts, used in every error message.
export function describeAllowed(spec) {
  switch (spec.type) {
    case 'number': {
      const kind = spec.integer ? 'a whole number' : 'a number';
      return `${kind} from ${spec.min} to ${spec.max}`;
    }
    case 'choice':
      return `one of ${spec.options.map((option) => option.value).join(', ')}`;
    case 'boolean':
      return 'true or false';
    default:
      return 'a value';
  }
}

// Why `value` is not allowed for `spec`, or null when it is.
export function checkValue(spec, value) {
  switch (spec.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be ${describeAllowed(spec)}`;
      if (spec.integer && !Number.isInteger(value)) return `must be ${describeAllowed(spec)}`;
      if (value < spec.min || value > spec.max) return `must be ${describeAllowed(spec)}`;
      return null;
    case 'choice':
      return spec.options.some((option) => option.value === value) ? null : `must be ${describeAllowed(spec)}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    default:
      return `has an unknown type "${spec.type}"`;
  }
}

// Reads one raw text (from a URL or an attribute) as the parameter's type; undefined if unreadable.
export function parseValue(spec, text) {
  const raw = String(text).trim();
  switch (spec.type) {
    case 'number': {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) return undefined;
      return Number(raw);
    }
    case 'choice':
      return raw;
    case 'boolean':
      if (['1', 'true', 'yes', 'on', ''].includes(raw.toLowerCase())) return true;
      if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
      return undefined;
    default:
      return undefined;
  }
}

// The longest part of a given value quoted back in a message: a huge value is cut, not echoed.
const MAX_QUOTED = 80;

function quoted(text) {
  const value = String(text);
  return value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}… (${value.length} characters)` : value;
}

// The raw entries of a source, and the keys a query gives more than once (the last one is used).
function entriesOf(source) {
  if (source === null || source === undefined) return { entries: {}, repeated: [] };
  if (typeof source === 'string' || source instanceof URLSearchParams) {
    const query = typeof source === 'string' ? new URLSearchParams(source.startsWith('?') ? source.slice(1) : source) : source;
    const given = new Map();
    for (const [key, value] of query) given.set(key, [...(given.get(key) ?? []), value]);
    const repeated = [...given].filter(([, values]) => values.length > 1).map(([key, values]) => ({ key, values }));
    return { entries: Object.fromEntries([...given].map(([key, values]) => [key, values.at(-1)])), repeated };
  }
  return { entries: Object.fromEntries(Object.entries(source).map(([key, value]) => [key, String(value)])), repeated: [] };
}

function settingName(schema, key) {
  const label = schema.params[key].label;
  return label ? `${label} (${key})` : key;
}

// "A (a) = 1 and B (b) = 2 do not fit together: <what is allowed>" for a broken constraint.
export function describeConflict(schema, constraint, params) {
  const named = constraint.settings.map((key) => `${settingName(schema, key)} = ${formatValue(schema.params[key], params[key])}`);
  const list = named.length === 2 ? named.join(' and ') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  return `${list} do not fit together: ${constraint.allowed(params)}`;
}

// The constraints of `schema` that `params` (complete) break.
export function brokenConstraints(schema, params) {
  return (schema.constraints ?? []).filter((constraint) => !constraint.check(params));
}

function listOf(text) {
  return text ? text.split(',').map((item) => item.trim()).filter(Boolean) : [];
}

// Reads a configuration for `schema` from a query string, URLSearchParams or an object of raw
// values. Returns { params, errors, hidden, locked, version } where `params` is complete and
// valid (constraints included) and `errors` lists [{ name, names?, given, message }] for every
// entry that was ignored. `base` (complete parameters, e.g. a running widget's) stands in for
// the defaults: settings that are not given, or not accepted, keep their base value.
export function parseConfig(schema, source, { base = null } = {}) {
  const read = entriesOf(source);
  let entries = read.entries;
  const errors = [];
  for (const { key, values } of read.repeated) {
    errors.push({ name: key, given: values.join(', '), repeated: true,
      message: `"${key}" is given ${values.length} times (${values.map(quoted).join(', ')}); a setting may be given once; using the last, ${quoted(values.at(-1))}` });
  }
  let version = schema.version;
  if (Object.hasOwn(entries, VERSION_KEY)) {
    const given = Number(entries[VERSION_KEY]);
    if (Number.isInteger(given) && given >= 1 && given <= schema.version) {
      version = given;
    } else {
      errors.push({ name: VERSION_KEY, given: entries[VERSION_KEY],
        message: `${VERSION_KEY} = ${entries[VERSION_KEY]} is not a version of the ${schema.name} settings; ` +
          `allowed: a whole number from 1 to ${schema.version} (read as ${schema.version})` });
    }
  }
  for (let from = version; from < schema.version; from++) {
    const migrate = schema.migrations[from];
    if (migrate) entries = migrate({ ...entries });
  }
  const start = base ? { ...defaults(schema), ...base } : defaults(schema);
  const params = { ...start };
  const known = new Set(Object.keys(schema.params));
  const controls = new Set([...known, ...BASE_CONTROLS, ...(schema.controls ?? [])]);
  for (const [key, text] of Object.entries(entries)) {
    if (RESERVED.has(key)) continue;
    if (!known.has(key)) {
      errors.push({ name: key, given: text,
        message: `"${quoted(key)}" is not a setting of the ${schema.name} widget; known settings: ${[...known].join(', ')}` });
      continue;
    }
    const spec = schema.params[key];
    const value = parseValue(spec, text);
    const problem = value === undefined ? `must be ${describeAllowed(spec)}` : checkValue(spec, value);
    if (problem) {
      errors.push({ name: key, given: text,
        message: `${spec.label ?? key} (${key}) = "${quoted(text)}" ${problem}; using ${base ? `${formatValue(spec, start[key])} (unchanged)` : formatDefault(spec)}` });
    } else {
      params[key] = value;
    }
  }
  errors.push(...resolveConstraints(schema, params, start, Boolean(base)));
  const pick = (key) => {
    const names = listOf(entries[key]);
    for (const name of names) {
      if (!controls.has(name)) {
        errors.push({ name: key, given: name,
          message: `${key}: "${name}" is not a control of the ${schema.name} widget; known: ${[...controls].join(', ')}` });
      }
    }
    return new Set(names.filter((name) => controls.has(name)));
  };
  return { params, errors, hidden: pick(HIDE_KEY), locked: pick(LOCK_KEY), version: schema.version };
}

// Puts the settings of every broken constraint back to their start values (the defaults, or the
// base) and reports each; repeated because a setting put back may break another constraint.
function resolveConstraints(schema, params, start, fromBase) {
  const errors = [];
  for (let round = 0; round <= schema.constraints.length; round++) {
    const broken = brokenConstraints(schema, params);
    if (!broken.length) return errors;
    for (const constraint of broken) {
      if (constraint.check(params)) continue;  // fixed by putting back an earlier one's settings
      const conflict = describeConflict(schema, constraint, params);
      const using = constraint.settings.map((key) => `${key} = ${formatValue(schema.params[key], start[key])}`).join(', ');
      errors.push({ name: constraint.settings[0], names: [...constraint.settings],
        given: constraint.settings.map((key) => `${key}=${params[key]}`).join('&'),
        message: `${conflict}; ${fromBase ? 'keeping' : 'using the defaults'} ${using}` });
      for (const key of constraint.settings) params[key] = start[key];
    }
  }
  // The start values themselves break a rule (a base from elsewhere): the defaults always fit.
  Object.assign(params, defaults(schema));
  errors.push({ name: schema.constraints[0].settings[0], names: Object.keys(schema.params), given: '',
    message: `these settings do not fit together; using the defaults of all of them` });
  return errors;
}

function formatDefault(spec) {
  return `the default ${String(spec.default)}`;
}

function formatValue(spec, value) {
  if (spec.type === 'number') return String(Number(value.toPrecision(12)));
  return String(value);
}

// Writes the configuration as a query string: the version first, then only the settings that
// differ from their defaults (short links), then hidden and locked controls.
export function serializeConfig(schema, params, { hidden = [], locked = [] } = {}) {
  const query = new URLSearchParams();
  query.set(VERSION_KEY, String(schema.version));
  for (const [key, spec] of Object.entries(schema.params)) {
    if (!Object.hasOwn(params, key)) continue;
    if (params[key] === spec.default) continue;
    query.set(key, formatValue(spec, params[key]));
  }
  if ([...hidden].length) query.set(HIDE_KEY, [...hidden].join(','));
  if ([...locked].length) query.set(LOCK_KEY, [...locked].join(','));
  return query.toString();
}
