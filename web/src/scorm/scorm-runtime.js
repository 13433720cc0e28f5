// The lab's side of SCORM 1.2 (the LMS side is window.API, provided by the LMS): finding the API,
// the session's calls, the score and status a lesson's progress gives, and the progress kept in
// cmi.suspend_data so that a student resumes inside the LMS. No DOM: tested in node.

// SCORM 1.2 gives cmi.suspend_data at most 4096 characters.
export const SUSPEND_DATA_LIMIT = 4096;
const SUSPEND_VERSION = 1;

// ADL's search for the API object: up the frames the SCO sits in (at most `maxDepth` parents),
// then the same from the window that opened it. A frame of another origin cannot be read; the
// search goes on past it.
export function findScormApi(win, { maxDepth = 7 } = {}) {
  const apiOf = (candidate) => {
    try {
      const api = candidate?.API;
      return api && typeof api.LMSInitialize === 'function' ? api : null;
    } catch {
      return null;
    }
  };
  const search = (start) => {
    let current = start;
    for (let depth = 0; current && depth <= maxDepth; depth++) {
      const api = apiOf(current);
      if (api) return api;
      let parent = null;
      try {
        parent = current.parent;
      } catch {
        parent = null;
      }
      if (!parent || parent === current) break;
      current = parent;
    }
    return null;
  };
  let opener = null;
  try {
    opener = win.opener ?? null;
  } catch {
    opener = null;
  }
  return search(win) ?? (opener ? search(opener) : null);
}

// The LMS's record of what is done, as compact as the 4096 characters need:
// {"v":1,"p":{"lesson-id":{"item-id":score,...},...}} (scores from 0 to 1).
export function encodeSuspendData(progressByLesson) {
  // Sorted, so that the same progress is always the same text (and is not committed again).
  const p = {};
  for (const [lessonId, items] of Object.entries(progressByLesson).sort(([a], [b]) => a.localeCompare(b))) {
    const scores = {};
    for (const [itemId, item] of Object.entries(items).sort(([a], [b]) => a.localeCompare(b))) scores[itemId] = Math.round(item.score * 1000) / 1000;
    if (Object.keys(scores).length) p[lessonId] = scores;
  }
  const text = JSON.stringify({ v: SUSPEND_VERSION, p });
  if (text.length > SUSPEND_DATA_LIMIT) {
    throw new RangeError(`the progress needs ${text.length} characters, more than the ${SUSPEND_DATA_LIMIT} SCORM 1.2 keeps in cmi.suspend_data`);
  }
  return text;
}

// A progress file (progress-store.js's exported format) from suspend data, to load into the
// page's store; null for empty data. Throws an Error naming what is wrong with other text.
export function progressFileFromSuspendData(text, { now = new Date() } = {}) {
  if (typeof text !== 'string' || text.trim() === '') return null;
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`cmi.suspend_data is not the lab's progress (not JSON: ${error.message})`);
  }
  if (data?.v !== SUSPEND_VERSION || typeof data.p !== 'object' || data.p === null) {
    throw new Error(`cmi.suspend_data is not the lab's progress (expected version ${SUSPEND_VERSION} with "p", got ${text.slice(0, 60)})`);
  }
  const lessons = {};
  // The LMS keeps what was done, not when: the resumed items carry the time of this launch.
  const completedAt = now.toISOString();
  for (const [lessonId, scores] of Object.entries(data.p)) {
    const items = {};
    for (const [itemId, score] of Object.entries(scores ?? {})) {
      if (typeof score === 'number' && score >= 0 && score <= 1) items[itemId] = { completedAt, score };
    }
    lessons[lessonId] = { items, completedAt: null, resetAt: null };
  }
  return JSON.stringify({ app: 'attractor-lab', schema: 3, lessons });
}

// Score (percent of the items done) and status of a package's lessons.
//   items: { lessonId: [itemId, ...] } the tasks and quizzes each lesson has
//   done:  { lessonId: { itemId: { score } } } what the store has
//   masteryScore: null (status completed when every item is done) or a percent (status passed
//   once the score reaches it)
export function scormResult(items, done, { masteryScore = null } = {}) {
  let total = 0;
  let count = 0;
  for (const [lessonId, ids] of Object.entries(items)) {
    total += ids.length;
    count += ids.filter((id) => Object.hasOwn(done[lessonId] ?? {}, id)).length;
  }
  const score = total ? Math.round((100 * count) / total) : 0;
  const finished = total > 0 && count === total;
  let status;
  if (masteryScore === null) status = finished ? 'completed' : 'incomplete';
  else status = score >= masteryScore ? 'passed' : 'incomplete';
  return { score, status, done: count, total };
}

// Checks a mastery score given at build time: a whole percent from 0 to 100, or none.
export function checkMasteryScore(value) {
  if (value === null || value === undefined || value === '') return null;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 100) {
    throw new RangeError(`the mastery score must be a whole percent from 0 to 100, not "${value}"`);
  }
  return number;
}

// One SCO session on an LMS's API. Every call's failure is kept (with the LMS's error code and
// text) in `errors` and announced through `onError`, never thrown at the page.
export class ScormSession {
  #api;
  #onError;
  #finished = false;
  #lastSent = null;
  errors = [];

  constructor(api, { onError = () => {} } = {}) {
    this.#api = api;
    this.#onError = onError;
  }

  #fail(call) {
    let code = '';
    let text = '';
    try {
      code = String(this.#api.LMSGetLastError());
      text = String(this.#api.LMSGetErrorString(code));
    } catch {
      // An API without error reporting: the call's name is all there is.
    }
    const message = `the LMS refused ${call}${code && code !== '0' ? ` (error ${code}: ${text})` : ''}`;
    this.errors.push(message);
    this.#onError(message);
    return false;
  }

  #call(name, ...args) {
    let result;
    try {
      result = this.#api[name](...args);
    } catch (error) {
      return this.#fail(`${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')}): ${error.message}`);
    }
    if (name === 'LMSGetValue') return String(result ?? '');
    return String(result) === 'true' ? true : this.#fail(`${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`);
  }

  // Opens the session; answers with the stored suspend data ('' when none), or null when the LMS
  // refused to start.
  start() {
    if (!this.#call('LMSInitialize', '')) return null;
    const status = this.#call('LMSGetValue', 'cmi.core.lesson_status');
    if (status === '' || status === 'not attempted') this.#call('LMSSetValue', 'cmi.core.lesson_status', 'incomplete');
    return this.#call('LMSGetValue', 'cmi.suspend_data');
  }

  // Sends the score, status and suspend data, then commits; nothing is sent when nothing
  // changed. A status the LMS already has as completed or passed is never taken back.
  report({ score, status }, suspendData) {
    if (this.#finished) return;
    const key = JSON.stringify([score, status, suspendData]);
    if (key === this.#lastSent) return;
    this.#lastSent = key;
    this.#call('LMSSetValue', 'cmi.core.score.min', '0');
    this.#call('LMSSetValue', 'cmi.core.score.max', '100');
    this.#call('LMSSetValue', 'cmi.core.score.raw', String(score));
    const current = this.#call('LMSGetValue', 'cmi.core.lesson_status');
    if (!(status === 'incomplete' && (current === 'completed' || current === 'passed'))) {
      this.#call('LMSSetValue', 'cmi.core.lesson_status', status);
    }
    this.#call('LMSSetValue', 'cmi.suspend_data', suspendData);
    this.#call('LMSCommit', '');
  }

  // Ends the session (once): the student may resume later.
  finish() {
    if (this.#finished) return;
    this.#finished = true;
    this.#call('LMSSetValue', 'cmi.core.exit', 'suspend');
    this.#call('LMSFinish', '');
  }
}
