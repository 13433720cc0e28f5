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

// The allow-list of host origins from the embed URL (`origins=https://a.edu,https://b.org`).
// Entries that are not plain http(s) origins are reported and dropped.
export function parseOrigins(text) {
  const origins = [];
  const errors = [];
  for (const entry of (text ?? '').split(',').map((item) => item.trim()).filter(Boolean)) {
    let url = null;
    try {
      url = new URL(entry);
    } catch {
      url = null;
    }
    if (url && (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === entry.replace(/\/$/, '')) {
      origins.push(url.origin);
    } else {
      errors.push(`origins: "${entry}" is not an origin such as https://course.example.edu`);
    }
  }
  return { origins, errors };
}

// With no allow-list every host may drive the embed; with one, only the listed origins.
export function originAllowed(origin, allowList) {
  return allowList.length === 0 || allowList.includes(origin);
}
