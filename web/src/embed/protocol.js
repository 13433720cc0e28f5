// The embed message protocol (version 1), shared by the embedded page and the host-side
// custom element. Every message is an object { type: 'attractor-lab', version: 1, ... }:
//   frame -> host: { event, data }            ready, stateChanged, measures, taskCompleted,
//                                             lessonCompleted, resize, error
//   host -> frame: { command, id?, params? }  getState, setState, play, pause, step, reset
//   frame -> host: { reply, id, ok, data | error }   the answer to one command
// Anything else is ignored: a page may receive messages from many senders.
export const NAMESPACE = 'attractor-lab';
export const PROTOCOL_VERSION = 1;
export const HOST_COMMANDS = Object.freeze(['getState', 'setState', 'play', 'pause', 'step', 'reset']);
export const FRAME_EVENTS = Object.freeze(['ready', 'stateChanged', 'measures', 'taskCompleted', 'lessonCompleted', 'resize', 'error']);

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) &&
    (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);
}

function validId(id) {
  return id === undefined || (typeof id === 'string' && id.length <= 100) || Number.isSafeInteger(id);
}

// A host's command, or null when `data` is not one (wrong namespace, version, command or shape).
export function parseHostMessage(data) {
  if (!isPlainObject(data) || data.type !== NAMESPACE || data.version !== PROTOCOL_VERSION) return null;
  if (typeof data.command !== 'string' || !HOST_COMMANDS.includes(data.command)) return null;
  if (!validId(data.id)) return null;
  if (data.command === 'setState') {
    if (!isPlainObject(data.params)) return null;
    for (const value of Object.values(data.params)) {
      if (!['number', 'string', 'boolean'].includes(typeof value)) return null;
    }
  } else if (data.params !== undefined) {
    return null;
  }
  return { command: data.command, id: data.id, params: data.params };
}

// A frame's event or reply, or null when `data` is not one.
export function parseFrameMessage(data) {
  if (!isPlainObject(data) || data.type !== NAMESPACE || data.version !== PROTOCOL_VERSION) return null;
  if (typeof data.event === 'string' && FRAME_EVENTS.includes(data.event)) return { event: data.event, data: data.data };
  if (typeof data.reply === 'string' && HOST_COMMANDS.includes(data.reply) && validId(data.id)) {
    return { reply: data.reply, id: data.id, ok: data.ok === true, data: data.data, error: data.error };
  }
  return null;
}

export function frameEvent(event, data = {}) {
  return { type: NAMESPACE, version: PROTOCOL_VERSION, event, data };
}

export function frameReply(command, id, result) {
  return { type: NAMESPACE, version: PROTOCOL_VERSION, reply: command, id, ...result };
}

export function hostCommand(command, id, params) {
  const message = { type: NAMESPACE, version: PROTOCOL_VERSION, command, id };
  if (params !== undefined) message.params = params;
  return message;
}

// The longest part of a refused entry that a message quotes (an address can be very long).
const QUOTE_LIMIT = 80;

function quote(text) {
  return JSON.stringify(text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text);
}

// One entry of the allow-list as an origin, or the reason it is not one. Letter case and a
// trailing path, query or fragment are normalized away (a teacher pastes a course page's address);
// anything that does not name one http(s) host unambiguously is refused.
export function normalizeOrigin(entry) {
  const text = entry.trim();
  if (!/^https?:\/\//i.test(text)) {
    return { error: /^[a-z][a-z0-9+.-]*:/i.test(text) ? 'only http:// and https:// pages can embed the lab' : 'it has no https:// or http:// in front' };
  }
  let url;
  try {
    url = new URL(text);
  } catch {
    return { error: 'it is not a web address' };
  }
  if (url.username || url.password) return { error: 'an origin has no user name or password' };
  if (url.hostname.includes('*')) return { error: 'wildcards are not allowed: list each host' };
  return { origin: url.origin };
}

// The allow-list of host origins from the embed URL (`origins=https://a.edu,https://b.org`).
// Returns { origins, errors, refused }: `origins` is null when the address has no `origins=` (any
// host may embed), otherwise the accepted origins, possibly none. A list that was given but
// whose entries were all refused allows no host at all: it must never widen to "any host".
export function parseOrigins(text) {
  if (text === null || text === undefined) return { origins: null, errors: [], refused: [] };
  const origins = [];
  const errors = [];
  const refused = [];
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue;
    const { origin, error } = normalizeOrigin(entry);
    if (origin) {
      if (!origins.includes(origin)) origins.push(origin);
    } else {
      refused.push(entry.trim());
      errors.push(`origins: ${quote(entry.trim())} is not an origin (${error}); an origin is a scheme and a host, such as https://canvas.example.edu`);
    }
  }
  if (origins.length === 0 && refused.length === 0) errors.push('origins: the list is empty; give the origins of the pages that may embed the lab, such as origins=https://canvas.example.edu');
  return { origins, errors, refused };
}

// Without an allow-list (null) every host may drive the embed; with one, only the listed origins
// (an empty list: none).
export function originAllowed(origin, allowList) {
  return allowList === null || allowList.includes(origin);
}

// The keys of the embed's own address; every other key is a setting of the widget.
export const EMBED_KEYS = Object.freeze(['widget', 'lesson', 'origins', 'autoplay', 'graded', 'layout']);
// layout=compact: a widget's plots beside its main settings, the other settings folded, so the
// frame can be sized to a short page (the share panel measures it); full is the widget's own page.
export const EMBED_LAYOUTS = Object.freeze(['full', 'compact']);
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

// Every key of an address with all its values, in order: the hash's keys replace the query's
// (the hash wins), and a key given more than once keeps every value so that it can be reported.
function addressEntries(locationLike) {
  const fromQuery = new Map();
  const fromHash = new Map();
  for (const [map, text] of [[fromQuery, locationLike.search], [fromHash, locationLike.hash.replace(/^#/, '')]]) {
    for (const [key, value] of new URLSearchParams(text)) map.set(key, [...(map.get(key) ?? []), value]);
  }
  return new Map([...fromQuery, ...fromHash]);
}

// The embed's configuration from its address. An embed key given more than once is never
// resolved silently: a repeated origins= allows no page (fail closed) and a repeated graded=
// counts as graded if any value asks for it; widget= or lesson= with two different values
// shows nothing. Each such key is named in `problems`. A repeated widget setting is passed on
// repeated, so the widget reports it as it does on its own page.
export function readEmbedConfig(locationLike) {
  const entries = addressEntries(locationLike);
  const problems = [];
  const repeated = (key) => (entries.get(key)?.length ?? 0) > 1;
  const describe = (key) => `${key}= is given ${entries.get(key).length} times (${entries.get(key).map((value) => quote(value)).join(', ')})`;
  const single = (key) => {
    const values = entries.get(key);
    if (!values) return undefined;
    if (new Set(values).size > 1) {
      problems.push(`${describe(key)}; give it once`);
      return undefined;
    }
    return values[0];
  };
  let origins = parseOrigins(entries.has('origins') ? entries.get('origins').join(',') : null);
  if (repeated('origins')) {
    origins = { origins: [], refused: entries.get('origins'),
      errors: [`${describe('origins')}; give one comma-separated list, such as origins=https://a.example.edu,https://b.example.edu`] };
  }
  const gradedValues = entries.get('graded') ?? [];
  const graded = gradedValues.some((value) => !FALSE_WORDS.includes(value.trim().toLowerCase()));
  if (repeated('graded')) problems.push(`${describe('graded')}; the lesson is treated as ${graded ? 'graded' : 'not graded'}`);
  let layout = single('layout') ?? 'full';
  if (!EMBED_LAYOUTS.includes(layout)) {
    problems.push(`layout=${quote(layout)} is not a layout; use ${EMBED_LAYOUTS.map((name) => `layout=${name}`).join(' or ')}; the full layout is shown`);
    layout = 'full';
  }
  const settings = new URLSearchParams();
  for (const [key, values] of entries) if (!EMBED_KEYS.includes(key)) for (const value of values) settings.append(key, value);
  // What a link to another lesson inside the frame must keep: the allow-list and graded.
  const carried = new URLSearchParams();
  if (origins.origins !== null) carried.set('origins', origins.origins.join(','));
  if (graded) carried.set('graded', '1');
  return {
    widget: single('widget'),
    lesson: single('lesson'),
    autoplay: entries.has('autoplay'),
    layout,
    graded,
    origins,
    carried: carried.toString(),
    settings: settings.toString(),
    problems,
  };
}
