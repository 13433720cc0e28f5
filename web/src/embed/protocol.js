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
