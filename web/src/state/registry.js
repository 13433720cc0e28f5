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
  const frozen = Object.freeze({ migrations: {}, ...schema });
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

function entriesOf(source) {
  if (source === null || source === undefined) return {};
  if (typeof source === 'string') {
    const query = source.startsWith('?') ? source.slice(1) : source;
    return Object.fromEntries(new URLSearchParams(query));
  }
  if (source instanceof URLSearchParams) return Object.fromEntries(source);
  return Object.fromEntries(Object.entries(source).map(([key, value]) => [key, String(value)]));
}

function listOf(text) {
  return text ? text.split(',').map((item) => item.trim()).filter(Boolean) : [];
}

// Reads a configuration for `schema` from a query string, URLSearchParams or an object of raw
// values. Returns { params, errors, hidden, locked, version } where `params` is complete and
// valid and `errors` lists [{ name, given, message }] for every entry that was ignored.
export function parseConfig(schema, source) {
  let entries = entriesOf(source);
  const errors = [];
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
  const params = defaults(schema);
  const known = new Set(Object.keys(schema.params));
  const controls = new Set([...known, ...BASE_CONTROLS, ...(schema.controls ?? [])]);
  for (const [key, text] of Object.entries(entries)) {
    if (RESERVED.has(key)) continue;
    if (!known.has(key)) {
      errors.push({ name: key, given: text,
        message: `"${key}" is not a setting of the ${schema.name} widget; known settings: ${[...known].join(', ')}` });
      continue;
    }
    const spec = schema.params[key];
    const value = parseValue(spec, text);
    const problem = value === undefined ? `must be ${describeAllowed(spec)}` : checkValue(spec, value);
    if (problem) {
      errors.push({ name: key, given: text,
        message: `${spec.label ?? key} (${key}) = "${text}" ${problem}; using ${formatDefault(spec)}` });
    } else {
      params[key] = value;
    }
  }
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
